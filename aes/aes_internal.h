/*
 * aes/aes_internal.h -- the FIPS-197 building blocks, exposed so that the
 * unit tests and a gdb session can call and break on each step.
 *
 * The state is the standard's two-dimensional array s[r][c] (FIPS-197 §3.4,
 * Figure 3): 4 rows r, Nb = 4 columns c.  The 16 input bytes fill it column
 * by column, s[r][c] = in[r + 4c] (§3.4), and the output is read back the
 * same way.  Every function here is a real, separately compiled function
 * (in a `make debug` build nothing is inlined), named as in the standard.
 *
 * CT: no -- SubBytes/InvSubBytes index tables with secret bytes (cache-timing
 * leaks); xtime branches on the top bit.  This code is written to be read;
 * the fast-path work adds constant-time implementations.
 */
#ifndef CRYPTOLAB_AES_AES_INTERNAL_H
#define CRYPTOLAB_AES_AES_INTERNAL_H

#include <stdint.h>
#include "aes/aes.h"
#include "common/internal.h"

/* Not exported by the library (common/internal.h): the standard's names
 * stay local to it, for the tests and for gdb. */
CL_INTERNAL_BEGIN

#define AES_Nb 4   /* FIPS-197 §2.2: number of columns of the state (always 4) */

/* FIPS-197 §5.1.1 Figure 7 and §5.3.2 Figure 14 (aes_sbox.c). */
extern const uint8_t aes_sbox[256];
extern const uint8_t aes_inv_sbox[256];

/* FIPS-197 §4.2.1: multiplication by x ({02}) in GF(2^8) modulo m(x) = x^8+x^4+x^3+x+1. */
uint8_t xtime(uint8_t b);
/* FIPS-197 §4.2: multiplication of two bytes in GF(2^8), by repeated xtime(). */
uint8_t gf_mul(uint8_t a, uint8_t b);

/* FIPS-197 §5.1 Cipher() steps, all acting on the state in place. */
void SubBytes(uint8_t s[4][AES_Nb]);                                  /* §5.1.1 */
void ShiftRows(uint8_t s[4][AES_Nb]);                                 /* §5.1.2 */
void MixColumns(uint8_t s[4][AES_Nb]);                                /* §5.1.3 */
void AddRoundKey(uint8_t s[4][AES_Nb], const uint32_t *w, int round); /* §5.1.4 */

/* FIPS-197 §5.3 InvCipher() steps. */
void InvShiftRows(uint8_t s[4][AES_Nb]);                              /* §5.3.1 */
void InvSubBytes(uint8_t s[4][AES_Nb]);                               /* §5.3.2 */
void InvMixColumns(uint8_t s[4][AES_Nb]);                             /* §5.3.3 */

/* FIPS-197 §5.2 KeyExpansion() and its helpers (aes_key_expansion.c).
 * key holds 4*Nk bytes; w receives Nb*(Nr+1) words, Nr = Nk + 6. */
uint32_t SubWord(uint32_t word);
uint32_t RotWord(uint32_t word);
uint32_t Rcon(int i);   /* Rcon[i] = [x^(i-1), {00}, {00}, {00}], i >= 1 */
void KeyExpansion(const uint8_t *key, uint32_t *w, int Nk);
/* KeyExpansion with the given SubWord (CT when sub_word is). */
void aes_key_expansion_sw(const uint8_t *key, uint32_t *w, int Nk, uint32_t (*sub_word)(uint32_t));

/* FIPS-197 §5.1 Cipher() and §5.3 InvCipher() on one block, with the
 * key schedule of ctx; calls ctx->trace (if set) after every step. */
void Cipher(const uint8_t in[16], uint8_t out[16], const aes_ctx *ctx);
void InvCipher(const uint8_t in[16], uint8_t out[16], const aes_ctx *ctx);

CL_INTERNAL_END

#endif
