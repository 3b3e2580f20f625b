/*
 * sha256/hash.h -- a hash function as a parameter (for HMAC, HKDF, MGF1,
 * OAEP, PSS, which RFC 8017 defines for any hash).
 *
 * cl_hash_sha256 is the default everywhere.  cl_hash_sha1 exists only to
 * run the RSA Laboratories PKCS#1 v2.1 example vectors, which use SHA-1.
 */
#ifndef CRYPTOLAB_SHA256_HASH_H
#define CRYPTOLAB_SHA256_HASH_H

#include <stddef.h>
#include <stdint.h>
#include "common/status.h"
#include "sha256/sha256.h"
#include "sha256/sha1.h"

#define CL_HASH_MAX_DIGEST 32
#define CL_HASH_MAX_BLOCK  64

typedef union cl_hash_ctx {
    sha256_ctx sha256;
    sha1_ctx   sha1;
} cl_hash_ctx;

typedef struct cl_hash {
    const char *name;        /* "SHA256", "SHA1" */
    size_t digest_len;       /* hLen */
    size_t block_len;        /* B in RFC 2104 */
    cl_status (*init)(cl_hash_ctx *ctx);
    cl_status (*update)(cl_hash_ctx *ctx, const uint8_t *data, size_t len);
    cl_status (*final)(cl_hash_ctx *ctx, uint8_t *digest);
} cl_hash;

extern const cl_hash cl_hash_sha256;
extern const cl_hash cl_hash_sha1;

/* One-shot digest with any hash (writes h->digest_len bytes).
 * CL_ERR_NULL_POINTER for a NULL h or digest, or NULL data with len > 0.
 * CT: yes (as the underlying hash). */
cl_status cl_hash_digest(const cl_hash *h, const uint8_t *data, size_t len, uint8_t *digest);

#endif
