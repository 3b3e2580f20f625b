/*
 * net/record.h -- docs/protocol.md §5: protecting and checking one record.
 *
 * One struct net_dir per direction holds that direction's keys and its
 * implicit 64-bit sequence number.  Pure functions on buffers (the socket
 * side is in net/conn.c), so the tests can tamper with frames directly.
 */
#ifndef CRYPTOLAB_NET_RECORD_H
#define CRYPTOLAB_NET_RECORD_H

#include <stddef.h>
#include <stdint.h>
#include "common/status.h"
#include "aes/aes.h"
#include "aes/gcm.h"
#include "net/wire.h"

struct net_dir {
    uint8_t suite;                 /* §3.5 */
    aes_ctx aes;                   /* write_key expanded (suite 1) */
    gcm_ctx gcm;                   /* write_key expanded, H and its powers (suite 2) */
    uint8_t mac_key[32];           /* write_mac_key (suite 1) */
    uint8_t iv[NET_IV_LEN];        /* write_iv */
    uint64_t seq;                  /* next sequence number (§5) */
    int active;                    /* keys installed */
};

/* Installs keys; seq starts at 0.  mac_key is used by suite 1 only (suite
 * 2 ignores it).  CL_ERR_UNSUPPORTED for an unknown suite. */
cl_status net_dir_init(struct net_dir *d, uint8_t suite, const uint8_t key[NET_KEY_LEN],
                       const uint8_t mac_key[32], const uint8_t iv[NET_IV_LEN]);
void net_dir_clear(struct net_dir *d);

/* §5: nonce = iv XOR (0^4 || u64 seq). */
void net_record_nonce(const uint8_t iv[NET_IV_LEN], uint64_t seq, uint8_t nonce[NET_IV_LEN]);

/* §5.1 sender: frame = header || AES-256-CTR(pt) || HMAC(seq || header || ct);
 * §5.2 (suite 2): frame = header || AES-256-GCM(pt, AAD = seq || header) || tag(16).
 * Dispatches on d->suite.
 * type is NET_T_APPDATA or NET_T_ALERT; len <= NET_MAX_PLAINTEXT; frame cap
 * >= NET_HDR_LEN + len + net_suite_tag_len(suite).  pt and frame must not overlap.  Advances seq;
 * CL_ERR_COUNTER_WRAP when seq would reach 2^64-1.  CT: yes (AES CT per the
 * implementation chosen by aes_init). */
cl_status net_record_seal(struct net_dir *d, uint8_t type, const uint8_t *pt, size_t len,
                          uint8_t *frame, size_t cap, size_t *frame_len);

/* §5.1/§5.2 receiver: frame is header || body as received (its header already
 * passed net_frame_check).  The tag is checked first, in constant time
 * (CL_ERR_BAD_RECORD_MAC for both suites, nothing written, seq unchanged); then the
 * ciphertext is decrypted IN PLACE: *pt points into frame, *pt_len bytes.
 * Advances seq on success.  CT: yes for the tag comparison. */
cl_status net_record_open(struct net_dir *d, uint8_t *frame, size_t frame_len,
                          uint8_t **pt, size_t *pt_len);

/* §5: bytes of tag a suite appends (32 for suite 1, 16 for suite 2; 0 if unknown). */
size_t net_suite_tag_len(uint8_t suite);

/* The two suites' record functions (net/record.c: suite 1, net/record_gcm.c:
 * suite 2), called by net_record_seal/net_record_open after the common
 * argument checks; the same contracts. */
cl_status net_record_seal_ctr_hmac(struct net_dir *d, uint8_t *frame, const uint8_t *pt, size_t len);
cl_status net_record_open_ctr_hmac(struct net_dir *d, uint8_t *frame, size_t ct_len);
cl_status net_record_seal_gcm(struct net_dir *d, uint8_t *frame, const uint8_t *pt, size_t len);
cl_status net_record_open_gcm(struct net_dir *d, uint8_t *frame, size_t ct_len);

#endif
