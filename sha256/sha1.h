/*
 * sha256/sha1.h -- SHA-1 (FIPS 180-4 §6.1).
 *
 * WHY IT IS HERE: only to run the RSA Laboratories PKCS#1 v2.1 example
 * vectors (oaep-vect.txt, pss-vect.txt, pkcs1v15sign-vectors.txt), which
 * use SHA-1.  SHA-1 is broken for collision resistance; it is never a
 * default anywhere in cryptolab.
 */
#ifndef CRYPTOLAB_SHA256_SHA1_H
#define CRYPTOLAB_SHA256_SHA1_H

#include <stddef.h>
#include <stdint.h>
#include "common/status.h"

#define SHA1_DIGEST_SIZE 20
#define SHA1_BLOCK_SIZE  64

typedef struct sha1_ctx {
    uint32_t H[5];
    uint8_t  block[SHA1_BLOCK_SIZE];
    size_t   block_len;
    uint64_t total_len;
    uint32_t ready;      /* 1 between init and final; 0 once wiped */
} sha1_ctx;

/* Same contract as sha256_init/update/final (sha256/sha256.h): streaming,
 * any split, context wiped by sha1_final(); CL_ERR_STATE after final.
 * CT: yes (no data-dependent branches or table indices). */
cl_status sha1_init(sha1_ctx *ctx);
cl_status sha1_update(sha1_ctx *ctx, const uint8_t *data, size_t len);
cl_status sha1_final(sha1_ctx *ctx, uint8_t digest[SHA1_DIGEST_SIZE]);

/* One-shot SHA-1 (for the PKCS#1 v2.1 example vectors only). */
cl_status sha1_digest(const uint8_t *data, size_t len, uint8_t digest[SHA1_DIGEST_SIZE]);

#endif
