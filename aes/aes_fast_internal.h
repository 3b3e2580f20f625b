/*
 * aes/aes_fast_internal.h -- the fast AES implementations behind aes/aes.h.
 *
 * Not a public header (not installed): aes/aes.c dispatches to these by
 * ctx->impl, and the tests and the benchmark call them to compare every
 * implementation with the readable FIPS-197 code (aes_spec.c).
 *
 * Each implementation keeps its precomputed key material in ctx->fast,
 * derived from the FIPS-197 §5.2 key schedule ctx->w[] by its *_setup()
 * function.  All functions take whole blocks; nblocks may be 0.
 *
 *   ttable  aes_ttable.c   32-bit T-tables.          CT: no  (secret table indices)
 *   ct      aes_ct64.c     bitsliced, 64-bit words.  CT: yes (no secret branches/indices)
 *   aesni   aes_aesni.c    AES-NI instructions.      CT: yes (hardware rounds)
 */
#ifndef CRYPTOLAB_AES_AES_FAST_INTERNAL_H
#define CRYPTOLAB_AES_AES_FAST_INTERNAL_H

#include <stddef.h>
#include <stdint.h>
#include "aes/aes.h"

/* ---- T-tables (aes_ttable.c) ---- */
void aes_ttable_setup(aes_ctx *ctx);
void aes_ttable_encrypt_blocks(const aes_ctx *ctx, const uint8_t *in, uint8_t *out, size_t nblocks);
void aes_ttable_decrypt_blocks(const aes_ctx *ctx, const uint8_t *in, uint8_t *out, size_t nblocks);
void aes_ttable_ctr_blocks(const aes_ctx *ctx, uint8_t ctr[16], const uint8_t *in, uint8_t *out,
                           size_t nblocks);

/* ---- bitsliced constant-time (aes_ct64.c) ---- */
void aes_ct64_setup(aes_ctx *ctx);
/* FIPS-197 §5.2 SubWord() through the bitsliced S-box.  CT: yes. */
uint32_t aes_ct64_sub_word(uint32_t word);
void aes_ct64_encrypt_blocks(const aes_ctx *ctx, const uint8_t *in, uint8_t *out, size_t nblocks);
void aes_ct64_decrypt_blocks(const aes_ctx *ctx, const uint8_t *in, uint8_t *out, size_t nblocks);
/* SP 800-38A §6.5 CTR on whole blocks: out = in XOR E(ctr), E(ctr+1), ...;
 * ctr is a 128-bit big-endian counter, advanced by nblocks (mod 2^128; the
 * caller checks for wrap). */
void aes_ct64_ctr_blocks(const aes_ctx *ctx, uint8_t ctr[16], const uint8_t *in, uint8_t *out,
                         size_t nblocks);

/* ---- AES-NI (aes_aesni.c) ---- */
/* 1 if this CPU has AES-NI (CPUID.1:ECX bit 25) and the build has the code. */
int aes_aesni_available(void);
/* 1 if this CPU also has VAES + AVX2 (used for CTR, two blocks per instruction). */
int aes_aesni_vaes_available(void);
void aes_aesni_setup(aes_ctx *ctx);
void aes_aesni_encrypt_blocks(const aes_ctx *ctx, const uint8_t *in, uint8_t *out, size_t nblocks);
void aes_aesni_decrypt_blocks(const aes_ctx *ctx, const uint8_t *in, uint8_t *out, size_t nblocks);
void aes_aesni_ctr_blocks(const aes_ctx *ctx, uint8_t ctr[16], const uint8_t *in, uint8_t *out,
                          size_t nblocks);
/* SP 800-38A §6.2 CBC on whole blocks; iv is updated to the last ciphertext block. */
void aes_aesni_cbc_encrypt_blocks(const aes_ctx *ctx, uint8_t iv[16], const uint8_t *in,
                                  uint8_t *out, size_t nblocks);
void aes_aesni_cbc_decrypt_blocks(const aes_ctx *ctx, uint8_t iv[16], const uint8_t *in,
                                  uint8_t *out, size_t nblocks);

/* ---- generic helpers (aes_fast.c): dispatch on ctx->impl ---- */
/* Fills ctx->fast for ctx->impl from ctx->w (no-op for spec). */
void aes_fast_setup(aes_ctx *ctx);
/* 1 if impl can run here (aesni needs the CPU feature). */
int aes_impl_available(aes_impl impl);
/* The implementation AES_IMPL_DEFAULT resolves to: $CRYPTOLAB_AES_IMPL if set
 * and valid (and available), else aesni if the CPU has it, else ct.  The
 * environment is read at the first call and the answer kept. */
aes_impl aes_default_impl(void);
/* Makes impl the default from now on (for tests and `--impl` options);
 * AES_IMPL_DEFAULT forgets the choice, so the environment is read again. */
void aes_impl_override(aes_impl impl);
/* Parses "spec", "ttable", "ct", "aesni" (CL_ERR_BAD_ARGUMENT otherwise). */
cl_status aes_impl_from_name(const char *name, aes_impl *impl);

/* Multi-block paths used by the modes; return 0 when ctx->impl has no fast
 * path (spec), in which case the caller uses aes_encrypt_block(). */
int aes_fast_ecb(const aes_ctx *ctx, int encrypt, const uint8_t *in, uint8_t *out, size_t nblocks);
int aes_fast_ctr(const aes_ctx *ctx, uint8_t ctr[16], const uint8_t *in, uint8_t *out,
                 size_t nblocks);
int aes_fast_cbc_encrypt(const aes_ctx *ctx, uint8_t iv[16], const uint8_t *in, uint8_t *out,
                         size_t nblocks);
int aes_fast_cbc_decrypt(const aes_ctx *ctx, uint8_t iv[16], const uint8_t *in, uint8_t *out,
                         size_t nblocks);

#endif
