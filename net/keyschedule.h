/*
 * net/keyschedule.h -- docs/protocol.md §4: HKDF-SHA256 (RFC 5869) from the
 * client's secret, salted with both randoms, every key bound to H1, the
 * SHA-256 of the handshake transcript.
 */
#ifndef CRYPTOLAB_NET_KEYSCHEDULE_H
#define CRYPTOLAB_NET_KEYSCHEDULE_H

#include <stdint.h>
#include "common/status.h"
#include "net/wire.h"

struct net_keys {
    uint8_t c2s_key[NET_KEY_LEN], c2s_mac[32], c2s_iv[NET_IV_LEN];
    uint8_t s2c_key[NET_KEY_LEN], s2c_mac[32], s2c_iv[NET_IV_LEN];
    uint8_t c_finished[32], s_finished[32];
};

/* §4: PRK = HKDF-Extract(client_random || server_random, secret);
 * each key = HKDF-Expand(PRK, "cryptolab v1 " || label || H1, L).
 * CT: yes (HMAC-SHA256 only). */
cl_status net_derive_keys(const uint8_t client_random[NET_RANDOM_LEN],
                          const uint8_t server_random[NET_RANDOM_LEN],
                          const uint8_t secret[NET_SECRET_LEN],
                          const uint8_t h1[32], struct net_keys *keys);

/* §3.4: verify_data = HMAC-SHA256(finished_key, transcript_hash). */
cl_status net_finished_mac(const uint8_t finished_key[32], const uint8_t transcript_hash[32],
                           uint8_t verify[NET_FINISHED_LEN]);

/* §3.4 the peer's Finished: CL_OK if got equals verify_data, CL_ERR_AUTH if
 * not.  CT: yes -- the MAC and the comparison (cl_ct_memeq); only the
 * verdict is public (the handshake ends on it), tests/ctgrind/ct_finished.c. */
cl_status net_finished_verify(const uint8_t finished_key[32], const uint8_t transcript_hash[32],
                              const uint8_t got[NET_FINISHED_LEN]);

/* For -v: the first 8 bytes of SHA-256(key) as 16 hex digits + NUL, a name
 * for a key that reveals nothing about it. */
void net_key_fingerprint(const uint8_t *key, size_t len, char out[17]);

#endif
