/*
 * sha256/hmac.h -- HMAC (RFC 2104) over any cl_hash; HMAC-SHA256 by default.
 *
 * Streaming init/update/final; keys longer than the block are hashed first.
 * Compare tags only with hmac_verify() / cl_ct_memeq() (constant time).
 * The context is wiped by hmac_final(); update/final after that return
 * CL_ERR_STATE.  A NULL key is allowed only with key_len 0 (empty key).
 * CT: yes for every function -- the time depends on the lengths only.
 */
#ifndef CRYPTOLAB_SHA256_HMAC_H
#define CRYPTOLAB_SHA256_HMAC_H

#include <stddef.h>
#include <stdint.h>
#include "sha256/hash.h"

typedef struct hmac_ctx {
    const cl_hash *hash;
    cl_hash_ctx inner;
    uint8_t opad_key[CL_HASH_MAX_BLOCK];   /* K0 XOR opad */
} hmac_ctx;

/* hash NULL means SHA-256. */
cl_status hmac_init(hmac_ctx *ctx, const cl_hash *hash, const uint8_t *key, size_t key_len);
cl_status hmac_update(hmac_ctx *ctx, const uint8_t *data, size_t len);
/* Writes hash->digest_len bytes. */
cl_status hmac_final(hmac_ctx *ctx, uint8_t *mac);

/* One-shot HMAC-SHA256. */
cl_status hmac_sha256(const uint8_t *key, size_t key_len, const uint8_t *data, size_t len,
                      uint8_t mac[32]);

/* The shortest truncated tag hmac_sha256_verify() accepts: RFC 2104 §5
 * ("Truncated output") recommends keeping at least half of the hash output
 * (16 of SHA-256's 32 bytes) and not fewer than 80 bits; the larger bound
 * wins.  (RFC 4231 test case 5 truncates to exactly 128 bits.) */
#define HMAC_SHA256_MIN_TAG 16

/* Constant-time check of a tag, full (32 bytes) or truncated to its leftmost
 * tag_len bytes, HMAC_SHA256_MIN_TAG <= tag_len <= 32: CL_OK or CL_ERR_AUTH.
 * A shorter tag is refused with CL_ERR_TAG_LENGTH (a 1-byte tag would be
 * forged once in 256 tries); tag_len > 32 gives CL_ERR_BAD_ARGUMENT. */
cl_status hmac_sha256_verify(const uint8_t *key, size_t key_len, const uint8_t *data, size_t len,
                             const uint8_t *tag, size_t tag_len);

/* The same when the caller explicitly accepts shorter tags (a protocol that
 * defines them, a lab showing forgeries): min_tag_len (1..32) replaces
 * HMAC_SHA256_MIN_TAG; tag_len < min_tag_len gives CL_ERR_TAG_LENGTH. */
cl_status hmac_sha256_verify_min(const uint8_t *key, size_t key_len,
                                 const uint8_t *data, size_t len,
                                 const uint8_t *tag, size_t tag_len, size_t min_tag_len);

#endif
