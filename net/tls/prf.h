/*
 * net/tls/prf.h -- the TLS 1.2 pseudorandom function and what it derives
 * (RFC 5246 §5, §6.3, §7.4.9, §8.1; RFC 7627 §4).
 *
 *   P_SHA256(secret, seed) = HMAC(secret, A(1) + seed) + HMAC(secret, A(2) + seed) + ...
 *       A(0) = seed, A(i) = HMAC(secret, A(i-1))                  (§5)
 *   PRF(secret, label, seed) = P_SHA256(secret, label + seed)     (§5)
 *   master_secret = PRF(pre_master_secret, "master secret",
 *                       ClientHello.random + ServerHello.random)[0..47]   (§8.1)
 *   with extended master secret (RFC 7627 §4):
 *   master_secret = PRF(pre_master_secret, "extended master secret",
 *                       session_hash)[0..47]
 *       session_hash = Hash(handshake messages up to and including the
 *                      ClientKeyExchange)
 *   key_block = PRF(master_secret, "key expansion",
 *                   server_random + client_random)                (§6.3)
 *       AES-128-GCM (RFC 5288 §3): client_write_key[16] server_write_key[16]
 *       client_write_IV[4] server_write_IV[4] (no MAC keys)
 *   verify_data = PRF(master_secret, finished_label,
 *                     Hash(handshake_messages))[0..11]            (§7.4.9)
 *       finished_label "client finished" / "server finished"
 *
 * CT: yes (HMAC-SHA256; the time depends on the lengths only).
 */
#ifndef CRYPTOLAB_NET_TLS_PRF_H
#define CRYPTOLAB_NET_TLS_PRF_H

#include <stddef.h>
#include <stdint.h>
#include "common/status.h"

#define TLS12_MASTER_LEN   48
#define TLS12_VERIFY_LEN   12
#define TLS12_GCM_KEY_LEN  16
#define TLS12_GCM_SALT_LEN 4     /* RFC 5288 §3: the implicit part of the nonce */
#define TLS12_KEY_BLOCK_LEN (2 * TLS12_GCM_KEY_LEN + 2 * TLS12_GCM_SALT_LEN)

/* PRF(secret, label, seed) into out[0..len) (§5).  label is a C string. */
cl_status tls12_prf(const uint8_t *secret, size_t secret_len, const char *label,
                    const uint8_t *seed, size_t seed_len, uint8_t *out, size_t len);

/* The same, showing its steps (for the key-schedule viewer): for each
 * output block i = 1, 2, ... trace(arg, i, 0, A(i)) then
 * trace(arg, i, 1, HMAC(secret, A(i) + label + seed)), 32 octets each.
 * These are secrets: for one's own session, for the lab. */
typedef void (*tls12_prf_trace_fn)(void *arg, unsigned i, int is_output, const uint8_t v[32]);
cl_status tls12_prf_trace(const uint8_t *secret, size_t secret_len, const char *label,
                          const uint8_t *seed, size_t seed_len, uint8_t *out, size_t len,
                          tls12_prf_trace_fn trace, void *arg);

/* master_secret (§8.1). */
cl_status tls12_master_secret(const uint8_t *pms, size_t pms_len,
                              const uint8_t client_random[32], const uint8_t server_random[32],
                              uint8_t master[TLS12_MASTER_LEN]);
/* master_secret with the extended master secret (RFC 7627 §4). */
cl_status tls12_extended_master_secret(const uint8_t *pms, size_t pms_len,
                                       const uint8_t session_hash[32],
                                       uint8_t master[TLS12_MASTER_LEN]);

/* The key block of an AES-128-GCM suite, split (§6.3, RFC 5288 §3). */
typedef struct tls12_keys {
    uint8_t client_write_key[TLS12_GCM_KEY_LEN];
    uint8_t server_write_key[TLS12_GCM_KEY_LEN];
    uint8_t client_write_IV[TLS12_GCM_SALT_LEN];
    uint8_t server_write_IV[TLS12_GCM_SALT_LEN];
} tls12_keys;
cl_status tls12_key_block(const uint8_t master[TLS12_MASTER_LEN],
                          const uint8_t client_random[32], const uint8_t server_random[32],
                          tls12_keys *keys);

/* verify_data of a Finished message (§7.4.9); from_client selects the label. */
cl_status tls12_verify_data(const uint8_t master[TLS12_MASTER_LEN], int from_client,
                            const uint8_t handshake_hash[32], uint8_t verify[TLS12_VERIFY_LEN]);

#endif
