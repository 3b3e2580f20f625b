/*
 * aes/gcm.h -- AES-GCM, Galois/Counter Mode (NIST SP 800-38D).
 *
 * Authenticated encryption: C = GCTR_K(inc32(J0), P) and a tag
 * T = MSB_t(GCTR_K(J0, S)) with S = GHASH_H(A || 0^v || C || 0^u || [len(A)]_64 || [len(C)]_64).
 * One call per message (a record, a file): every message starts again
 * from its IV, nothing carries over; the IV must never repeat under a key.
 *
 *   - IV: any length from 1 byte (96 bits is recommended, §5.2.1.1 and
 *     §8.2; other lengths are hashed into J0, §7.1 step 2).
 *   - tag_len: 16, 15, 14, 13 or 12 bytes, or 8 or 4 (§5.2.1.2; see
 *     Appendix C of SP 800-38D before using 8 or 4).
 *   - plaintext at most 2^36 - 32 bytes, AAD and IV below 2^61 bytes.
 *
 * Decryption checks the tag (constant-time compare) BEFORE it writes any
 * plaintext: on CL_ERR_AUTH nothing has been written to out.
 *
 * GHASH uses PCLMULQDQ (aes/ghash_clmul.c) when the AES implementation is
 * aesni and the CPU has it, otherwise the portable constant-time code of
 * aes/ghash.c.  CT: yes with aesni or ct (table-free); with spec/ttable the
 * AES itself is not constant-time.
 */
#ifndef CRYPTOLAB_AES_GCM_H
#define CRYPTOLAB_AES_GCM_H

#include <stddef.h>
#include <stdint.h>
#include "aes/aes.h"

#define GCM_IV_SIZE   12     /* the recommended 96-bit IV */
#define GCM_TAG_SIZE  16

typedef struct gcm_ctx {
    aes_ctx aes;                       /* the block cipher CIPH_K */
    uint8_t H[16];                     /* hash subkey H = CIPH_K(0^128) (§7.1 step 1) */
    uint8_t hpow[8][16] __attribute__((aligned(16)));  /* CLMUL: H^1..H^8, byte-reversed */
    int use_clmul;                     /* 1: GHASH with PCLMULQDQ */
} gcm_ctx;

/* Sets the key (16, 24 or 32 bytes) with the default AES implementation. */
cl_status gcm_init(gcm_ctx *ctx, const uint8_t *key, size_t key_len);
/* Same with an explicit AES implementation (aes_init_impl); GHASH uses
 * PCLMULQDQ only with AES_IMPL_AESNI (or DEFAULT resolving to it). */
cl_status gcm_init_impl(gcm_ctx *ctx, const uint8_t *key, size_t key_len, aes_impl impl);

/* §7.1 GCM-AE_K(IV, P, A) = (C, T).  out gets len bytes (may equal in),
 * tag gets tag_len bytes. */
cl_status gcm_encrypt(const gcm_ctx *ctx, const uint8_t *iv, size_t iv_len,
                      const uint8_t *aad, size_t aad_len,
                      const uint8_t *in, size_t len, uint8_t *out,
                      uint8_t *tag, size_t tag_len);

/* §7.2 GCM-AD_K(IV, C, A, T): CL_OK and the plaintext in out, or
 * CL_ERR_AUTH and out untouched.  out may equal in. */
cl_status gcm_decrypt(const gcm_ctx *ctx, const uint8_t *iv, size_t iv_len,
                      const uint8_t *aad, size_t aad_len,
                      const uint8_t *in, size_t len,
                      const uint8_t *tag, size_t tag_len, uint8_t *out);

/* The intermediate values of §7.1, for the worked examples and the lab:
 * J0 (step 2) and S (step 5). */
cl_status gcm_j0(const gcm_ctx *ctx, const uint8_t *iv, size_t iv_len, uint8_t J0[16]);
cl_status gcm_s(const gcm_ctx *ctx, const uint8_t *aad, size_t aad_len,
                const uint8_t *c, size_t c_len, uint8_t S[16]);

/* §6.5 GCTR_K(ICB, X) from counter block cb (advanced with inc32, which
 * wraps the low 32 bits without touching the rest).  out may equal in. */
cl_status gcm_gctr(const gcm_ctx *ctx, uint8_t cb[16], const uint8_t *in, uint8_t *out, size_t len);

/* Wipes the context. */
void gcm_clear(gcm_ctx *ctx);

#endif
