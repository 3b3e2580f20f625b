/*
 * sha256/sha256_fast_internal.h -- fast SHA-256 compression functions
 * beside the readable one (sha256_compress.c, which traces always use).
 * Not installed.  All process nblocks whole 64-byte blocks into H.
 *
 *   spec   sha256_compress.c   the FIPS 180-4 §6.2.2 text, 64-word W[]
 *   fast   sha256_fast.c       unrolled, 16-word rolling schedule (portable C)
 *   shani  sha256_shani.c      SHA extensions (SHA256RNDS2/MSG1/MSG2)
 * CT: yes for all three (no secret-dependent branches or indices).
 */
#ifndef CRYPTOLAB_SHA256_FAST_INTERNAL_H
#define CRYPTOLAB_SHA256_FAST_INTERNAL_H

#include <stddef.h>
#include <stdint.h>
#include "common/status.h"

typedef enum sha256_impl {
    SHA256_IMPL_DEFAULT = 0,   /* shani if the CPU has it, else fast ($CRYPTOLAB_SHA256_IMPL) */
    SHA256_IMPL_SPEC,
    SHA256_IMPL_FAST,
    SHA256_IMPL_SHANI
} sha256_impl;

void sha256_blocks_spec(uint32_t H[8], const uint8_t *data, size_t nblocks);
void sha256_blocks_fast(uint32_t H[8], const uint8_t *data, size_t nblocks);
int sha256_shani_available(void);
void sha256_blocks_shani(uint32_t H[8], const uint8_t *data, size_t nblocks);

/* The implementation used for untraced hashing: $CRYPTOLAB_SHA256_IMPL
 * (spec|fast|shani) if set and available, else shani if the CPU has it,
 * else fast.  The environment is read at the first call and the answer kept. */
sha256_impl sha256_default_impl(void);
/* Makes impl the default from now on (tests); SHA256_IMPL_DEFAULT forgets
 * the choice so that the environment is read again. */
void sha256_impl_override(sha256_impl impl);
const char *sha256_impl_name(sha256_impl impl);
cl_status sha256_impl_from_name(const char *name, sha256_impl *impl);
/* Compresses with the given implementation (DEFAULT: sha256_default_impl()). */
void sha256_blocks(sha256_impl impl, uint32_t H[8], const uint8_t *data, size_t nblocks);

#endif
