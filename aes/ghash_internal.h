/*
 * aes/ghash_internal.h -- GHASH_H (SP 800-38D §6.4), the two implementations.
 * Not installed; used by aes/gcm.c and the tests.
 *
 * Both update a running value Y (16 bytes, the standard's bit order) with
 * nblocks whole 16-byte blocks: Y = (Y xor X_i) . H for each block X_i.
 */
#ifndef CRYPTOLAB_AES_GHASH_INTERNAL_H
#define CRYPTOLAB_AES_GHASH_INTERNAL_H

#include <stddef.h>
#include <stdint.h>

/* §6.3 Algorithm 1: Z = X . Y in GF(2^128).  CT: yes. */
void ghash_gf_mult(const uint8_t X[16], const uint8_t Y[16], uint8_t Z[16]);
/* Portable GHASH with Algorithm 1.  CT: yes (no secret branches or indices). */
void ghash_blocks_portable(const uint8_t H[16], uint8_t Y[16], const uint8_t *data, size_t nblocks);

/* 1 if the CPU has PCLMULQDQ (+SSSE3, SSE4.1) and the build has the code. */
int ghash_clmul_available(void);
/* hpow[i] = H^(i+1) for i = 0..7, in the byte-reversed form the CLMUL code uses. */
void ghash_clmul_setup(const uint8_t H[16], uint8_t hpow[8][16]);
/* GHASH with PCLMULQDQ, eight blocks per reduction.  CT: yes. */
void ghash_blocks_clmul(const uint8_t hpow[8][16], uint8_t Y[16], const uint8_t *data, size_t nblocks);

#endif
