/*
 * demo/viz/sha256_run.h -- one SHA-256 computation as the viewers show it:
 * what the library's trace hook (struct sha256_trace, sha256/sha256.h)
 * reports for each block -- the block words M(i) = W[0..15], the schedule
 * W[0..63], the working variables a..h after every round t, H(i) -- plus
 * H(0) and the digest.  Used by the HTML page (sha256_page.c) and the
 * terminal stepper (cmd_sha256_step.c).
 *
 * Viewer steps, per block i: "a..h <- H(i-1)" (§6.2.2 step 2), the rounds
 * t = 0..63 (step 3), "H(i) = H(i-1) + a..h" (step 4): 66 steps a block.
 */
#ifndef CRYPTOLAB_DEMO_VIZ_SHA256_RUN_H
#define CRYPTOLAB_DEMO_VIZ_SHA256_RUN_H

#include <stddef.h>
#include <stdint.h>
#include "sha256/sha256.h"

#define VIZ_SHA_MAX_BLOCKS 16                              /* a page stays small */
#define VIZ_SHA_MAX_MESSAGE (VIZ_SHA_MAX_BLOCKS * 64 - 9)  /* 1015 bytes */
#define VIZ_SHA_STEPS_PER_BLOCK 66

struct viz_sha_block {
    uint32_t M[16];          /* M(i), = W[0..15] */
    uint32_t W[64];          /* the message schedule */
    uint32_t v[64][8];       /* a..h after round t */
    uint32_t H[8];           /* H(i) */
};

struct viz_sha_run {
    uint8_t msg[VIZ_SHA_MAX_MESSAGE];
    size_t len;
    uint32_t H0[8];
    size_t n_blocks;
    struct viz_sha_block blk[VIZ_SHA_MAX_BLOCKS];
    uint8_t digest[SHA256_DIGEST_SIZE];
};

/* Hashes m (at most VIZ_SHA_MAX_MESSAGE bytes: CL_ERR_INPUT_LENGTH beyond)
 * with the trace attached and fills run. */
cl_status viz_sha256_record(struct viz_sha_run *run, const uint8_t *m, size_t len);

/* The working variables shown at step s (0 .. 66 * n_blocks - 1): H(i-1),
 * a..h after round t, or H(i). */
const uint32_t *viz_sha256_step_regs(const struct viz_sha_run *run, size_t s);

#endif
