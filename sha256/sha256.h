/*
 * sha256/sha256.h -- SHA-256 (FIPS 180-4 §6.2).
 *
 * Streaming init/update/final on a caller-owned context; any length, any
 * split across update() calls.  sha256_final() wipes the context, so a new
 * message needs a new sha256_init().  CT: yes (no secret-dependent branches
 * or table indices).
 */
#ifndef CRYPTOLAB_SHA256_SHA256_H
#define CRYPTOLAB_SHA256_SHA256_H

#include <stddef.h>
#include <stdint.h>
#include "common/status.h"

#define SHA256_DIGEST_SIZE 32
#define SHA256_BLOCK_SIZE  64

/* Trace hook for the classroom trace (see cryptolab sha256-trace). */
struct sha256_trace;

typedef struct sha256_ctx {
    uint32_t H[8];                    /* intermediate hash value H(i) */
    uint8_t  block[SHA256_BLOCK_SIZE];/* partial message block */
    size_t   block_len;
    uint64_t total_len;               /* bytes hashed so far (bit length = 8x) */
    const struct sha256_trace *trace; /* NULL: no tracing */
} sha256_ctx;

cl_status sha256_init(sha256_ctx *ctx);
cl_status sha256_update(sha256_ctx *ctx, const uint8_t *data, size_t len);
cl_status sha256_final(sha256_ctx *ctx, uint8_t digest[SHA256_DIGEST_SIZE]);

/* One-shot convenience. */
cl_status sha256(const uint8_t *data, size_t len, uint8_t digest[SHA256_DIGEST_SIZE]);

#endif
