/*
 * sha256/sha256.h -- SHA-256 (FIPS 180-4 §6.2).
 *
 * Streaming init/update/final on a caller-owned context; any length, any
 * split across update() calls.  sha256_final() wipes the context, so a new
 * message needs a new sha256_init().  CT: yes (no secret-dependent branches
 * or table indices).
 *
 * Where each step of the standard lives:
 *   §4.1.2 Ch, Maj, Σ0, Σ1, σ0, σ1   sha256/sha256_functions.h
 *   §4.2.2 K, §5.3.3 H(0)            sha256/sha256_constants.c
 *   §5.1.1 padding                   sha256/sha256_pad.c
 *   §6.2.2 schedule + compression    sha256/sha256_compress.c
 *   §6.2.1/§5.2.1 blocks, streaming  sha256/sha256.c
 */
#ifndef CRYPTOLAB_SHA256_SHA256_H
#define CRYPTOLAB_SHA256_SHA256_H

#include <stddef.h>
#include <stdint.h>
#include "common/status.h"

#define SHA256_DIGEST_SIZE 32
#define SHA256_BLOCK_SIZE  64
/* FIPS 180-4 §1: messages shorter than 2^64 bits, i.e. at most 2^61 - 1 bytes. */
#define SHA256_MAX_MESSAGE_BYTES ((UINT64_C(1) << 61) - 1)

/* Trace hook for the classroom trace (see cryptolab sha256-trace).
 * Every callback may be NULL.  i is the block number, from 1 (M(1), M(2)...,
 * counting the padding blocks).  The callbacks see message-derived values:
 * never attach a trace to a context that hashes a secret. */
struct sha256_trace {
    void *arg;
    /* the 16 words M(i)_0..15 of the padded block (= W[0..15]) */
    void (*on_block)(void *arg, uint64_t i, const uint32_t M[16]);
    /* the whole message schedule W[0..63] (§6.2.2 step 1) */
    void (*on_schedule)(void *arg, uint64_t i, const uint32_t W[64]);
    /* the working variables a..h after round t (§6.2.2 step 3) */
    void (*on_round)(void *arg, uint64_t i, unsigned t, const uint32_t abcdefgh[8]);
    /* the intermediate hash value H(i) (§6.2.2 step 4) */
    void (*on_hash)(void *arg, uint64_t i, const uint32_t H[8]);
};

typedef struct sha256_ctx {
    uint32_t H[8];                    /* intermediate hash value H(i) */
    uint8_t  block[SHA256_BLOCK_SIZE];/* partial message block */
    size_t   block_len;
    uint64_t total_len;               /* bytes hashed so far (bit length = 8x) */
    const struct sha256_trace *trace; /* NULL: no tracing */
    uint64_t blocks;                  /* blocks compressed so far (i of H(i)) */
    uint32_t ready;                   /* 1 between init and final; 0 once wiped */
} sha256_ctx;

/* Sets H to H(0).  CL_ERR_NULL_POINTER if ctx is NULL. */
cl_status sha256_init(sha256_ctx *ctx);
/* Hashes len more bytes (data may be NULL only when len is 0).
 * CL_ERR_STATE if ctx was not initialised or already finalised;
 * CL_ERR_MESSAGE_TOO_LONG past 2^61 - 1 bytes in all. */
cl_status sha256_update(sha256_ctx *ctx, const uint8_t *data, size_t len);
/* Pads (§5.1.1), writes the 32-byte digest H(N) big-endian, wipes ctx. */
cl_status sha256_final(sha256_ctx *ctx, uint8_t digest[SHA256_DIGEST_SIZE]);

/* One-shot convenience. */
cl_status sha256_digest(const uint8_t *data, size_t len, uint8_t digest[SHA256_DIGEST_SIZE]);

/* Attaches (or with NULL detaches) a trace to an initialised context. */
cl_status sha256_set_trace(sha256_ctx *ctx, const struct sha256_trace *trace);

/* FOR THE LENGTH-EXTENSION LAB (docs/labs/sha256.md), not for normal use.
 * Starts a context as if it had just processed processed_len bytes of
 * (padded) message and reached the intermediate hash value given by digest:
 * a SHA-256 digest IS the whole chaining state H(N), so anyone who knows
 * SHA-256(secret || m) and the length of secret || m can go on hashing.
 * processed_len must be a multiple of 64 (a whole number of blocks) and
 * at most 2^61 - 1: CL_ERR_BAD_ARGUMENT otherwise.  CT: yes. */
cl_status sha256_resume(sha256_ctx *ctx, const uint8_t digest[SHA256_DIGEST_SIZE],
                        uint64_t processed_len);

#endif
