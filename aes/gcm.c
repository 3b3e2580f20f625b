/*
 * aes/gcm.c -- AES-GCM (NIST SP 800-38D §6, §7), see aes/gcm.h.
 *
 * The functions follow the standard's pieces:
 *   inc32()           §6.2  increment the rightmost 32 bits mod 2^32
 *   GHASH_H           §6.4  ghash.c (Algorithm 2) or ghash_clmul.c
 *   GCTR_K            §6.5  Algorithm 3 (counter mode with inc32)
 *   GCM-AE_K          §7.1  Algorithm 4
 *   GCM-AD_K          §7.2  Algorithm 5
 * For speed, encryption runs GCTR and GHASH over the message in chunks of
 * GCM_CHUNK bytes, so the ciphertext is hashed while it is still in the
 * cache; the result is the same as running the two steps one after the
 * other.  Decryption hashes (and checks) first and decrypts only after
 * the tag has verified (§7.2 step 8 returns FAIL without P).
 */
#include <string.h>
#include "aes/gcm.h"
#include "aes/ghash_internal.h"
#include "aes/aes_fast_internal.h"
#include "common/bytes.h"
#include "common/ct.h"

#define GCM_CHUNK 2048
#define GCM_MAX_PT ((uint64_t)1 << 36) - 32       /* 2^39 - 256 bits (§5.2.1.1) */
#define GCM_MAX_AAD_IV ((uint64_t)1 << 61)         /* len in bits must fit 64 bits */

/* §5.2.1.2: t is 128, 120, 112, 104 or 96 bits, or 64 or 32 for some uses. */
static int tag_len_ok(size_t t)
{
    return t == 16 || t == 15 || t == 14 || t == 13 || t == 12 || t == 8 || t == 4;
}

static int ctx_ok(const gcm_ctx *ctx)
{
    return ctx->aes.Nk != 0 && ctx->aes.Nr == ctx->aes.Nk + 6;
}

cl_status gcm_init_impl(gcm_ctx *ctx, const uint8_t *key, size_t key_len, aes_impl impl)
{
    static const uint8_t zero[16] = { 0 };
    if (ctx == NULL || key == NULL)
        return CL_ERR_NULL_POINTER;
    cl_wipe(ctx, sizeof *ctx);
    cl_status st = aes_init_impl(&ctx->aes, key, key_len, impl);
    if (st != CL_OK)
        return st;
    /* §7.1 step 1: H = CIPH_K(0^128) */
    st = aes_encrypt_block(&ctx->aes, zero, ctx->H);
    if (st != CL_OK) {
        gcm_clear(ctx);
        return st;
    }
    ctx->use_clmul = ctx->aes.impl == AES_IMPL_AESNI && ghash_clmul_available();
    if (ctx->use_clmul)
        ghash_clmul_setup(ctx->H, ctx->hpow);
    return CL_OK;
}

cl_status gcm_init(gcm_ctx *ctx, const uint8_t *key, size_t key_len)
{
    return gcm_init_impl(ctx, key, key_len, AES_IMPL_DEFAULT);
}

void gcm_clear(gcm_ctx *ctx)
{
    if (ctx != NULL)
        cl_wipe(ctx, sizeof *ctx);
}

/* ---------------------------------------------------------------- GHASH */

static void ghash_blocks(const gcm_ctx *ctx, uint8_t Y[16], const uint8_t *data, size_t nblocks)
{
    if (ctx->use_clmul)
        ghash_blocks_clmul(ctx->hpow, Y, data, nblocks);
    else
        ghash_blocks_portable(ctx->H, Y, data, nblocks);
}

/* X || 0^v: the data followed by zero bits up to a whole block. */
static void ghash_padded(const gcm_ctx *ctx, uint8_t Y[16], const uint8_t *data, size_t len)
{
    uint8_t last[16] = { 0 };
    ghash_blocks(ctx, Y, data, len / 16);
    if (len % 16 != 0) {
        memcpy(last, data + len - len % 16, len % 16);
        ghash_blocks(ctx, Y, last, 1);
    }
}

/* [len(A)]_64 || [len(C)]_64, lengths in bits. */
static void ghash_lengths(const gcm_ctx *ctx, uint8_t Y[16], uint64_t a_bytes, uint64_t c_bytes)
{
    uint8_t block[16];
    store64_be(block, a_bytes * 8);
    store64_be(block + 8, c_bytes * 8);
    ghash_blocks(ctx, Y, block, 1);
}

/* ---------------------------------------------------------------- GCTR */

/* §6.2 inc32(): the rightmost 32 bits plus one, mod 2^32. */
static void inc32(uint8_t cb[16])
{
    store32_be(cb + 12, load32_be(cb + 12) + 1);
}

/* §6.5 Algorithm 3 GCTR_K(ICB, X), continuing from counter block cb
 * (updated).  Whole blocks go through the implementation's multi-block CTR
 * code, split where the 32-bit counter wraps (inc32 never carries into the
 * other 96 bits, unlike the 128-bit counter of SP 800-38A). */
static cl_status gctr(const gcm_ctx *ctx, uint8_t cb[16], const uint8_t *in, uint8_t *out,
                      size_t len)
{
    uint8_t ks[16], upper[12];
    size_t nb = len / 16;
    cl_status st = CL_OK;
    while (nb > 0) {
        uint64_t room = ((uint64_t)1 << 32) - load32_be(cb + 12);
        size_t n = (uint64_t)nb < room ? nb : (size_t)room;
        memcpy(upper, cb, 12);
        if (aes_fast_ctr(&ctx->aes, cb, in, out, n)) {
            memcpy(cb, upper, 12);        /* undo a carry out of the low 32 bits */
        } else {
            for (size_t i = 0; i < n; i++) {
                st = aes_encrypt_block(&ctx->aes, cb, ks);
                if (st != CL_OK)
                    goto out;
                for (int j = 0; j < 16; j++)
                    out[16 * i + j] = in[16 * i + j] ^ ks[j];
                inc32(cb);
            }
        }
        in += 16 * n;
        out += 16 * n;
        nb -= n;
    }
    if (len % 16 != 0) {                  /* Y*_n = X*_n xor MSB_len(X*_n)(CIPH_K(CB_n)) */
        st = aes_encrypt_block(&ctx->aes, cb, ks);
        if (st == CL_OK) {
            for (size_t j = 0; j < len % 16; j++)
                out[j] = in[j] ^ ks[j];
            inc32(cb);
        }
    }
out:
    cl_wipe(ks, sizeof ks);
    return st;
}

cl_status gcm_gctr(const gcm_ctx *ctx, uint8_t cb[16], const uint8_t *in, uint8_t *out, size_t len)
{
    if (ctx == NULL || cb == NULL || ((in == NULL || out == NULL) && len != 0))
        return CL_ERR_NULL_POINTER;
    if (!ctx_ok(ctx))
        return CL_ERR_STATE;
    if (in != out && len != 0 && in < out + len && out < in + len) {
        memmove(out, in, len);
        in = out;
    }
    return gctr(ctx, cb, in, out, len);
}

/* ---------------------------------------------------------------- GCM */

cl_status gcm_j0(const gcm_ctx *ctx, const uint8_t *iv, size_t iv_len, uint8_t J0[16])
{
    if (ctx == NULL || iv == NULL || J0 == NULL)
        return CL_ERR_NULL_POINTER;
    if (!ctx_ok(ctx))
        return CL_ERR_STATE;
    if (iv_len == 0 || (uint64_t)iv_len >= GCM_MAX_AAD_IV)
        return CL_ERR_IV_LENGTH;
    if (iv_len == 12) {
        /* §7.1 step 2: J0 = IV || 0^31 || 1 */
        memcpy(J0, iv, 12);
        store32_be(J0 + 12, 1);
    } else {
        /* J0 = GHASH_H(IV || 0^(s+64) || [len(IV)]_64) */
        memset(J0, 0, 16);
        ghash_padded(ctx, J0, iv, iv_len);
        ghash_lengths(ctx, J0, 0, iv_len);
    }
    return CL_OK;
}

cl_status gcm_s(const gcm_ctx *ctx, const uint8_t *aad, size_t aad_len,
                const uint8_t *c, size_t c_len, uint8_t S[16])
{
    if (ctx == NULL || S == NULL || (aad == NULL && aad_len != 0) || (c == NULL && c_len != 0))
        return CL_ERR_NULL_POINTER;
    if (!ctx_ok(ctx))
        return CL_ERR_STATE;
    /* §7.1 step 5: S = GHASH_H(A || 0^v || C || 0^u || [len(A)]_64 || [len(C)]_64) */
    memset(S, 0, 16);
    if (aad_len)
        ghash_padded(ctx, S, aad, aad_len);
    if (c_len)
        ghash_padded(ctx, S, c, c_len);
    ghash_lengths(ctx, S, aad_len, c_len);
    return CL_OK;
}

static cl_status check_args(const gcm_ctx *ctx, const uint8_t *iv, const uint8_t *aad,
                            size_t aad_len, const uint8_t *in, size_t len, const uint8_t *out,
                            const uint8_t *tag, size_t tag_len)
{
    if (ctx == NULL || iv == NULL || tag == NULL || (aad == NULL && aad_len != 0) ||
        ((in == NULL || out == NULL) && len != 0))
        return CL_ERR_NULL_POINTER;
    if (!ctx_ok(ctx))
        return CL_ERR_STATE;
    if (!tag_len_ok(tag_len))
        return CL_ERR_BAD_ARGUMENT;
    if ((uint64_t)len > GCM_MAX_PT || (uint64_t)aad_len >= GCM_MAX_AAD_IV)
        return CL_ERR_INPUT_LENGTH;
    return CL_OK;
}

/* T = MSB_t(GCTR_K(J0, S)) (§7.1 step 6) */
static cl_status make_tag(const gcm_ctx *ctx, const uint8_t J0[16], const uint8_t S[16],
                          uint8_t T[16])
{
    uint8_t cb[16];
    memcpy(cb, J0, 16);
    return gctr(ctx, cb, S, T, 16);
}

cl_status gcm_encrypt(const gcm_ctx *ctx, const uint8_t *iv, size_t iv_len,
                      const uint8_t *aad, size_t aad_len,
                      const uint8_t *in, size_t len, uint8_t *out,
                      uint8_t *tag, size_t tag_len)
{
    uint8_t J0[16], cb[16], Y[16] = { 0 }, T[16];
    cl_status st = check_args(ctx, iv, aad, aad_len, in, len, out, tag, tag_len);
    if (st == CL_OK)
        st = gcm_j0(ctx, iv, iv_len, J0);            /* step 2 */
    if (st != CL_OK)
        return st;
    if (in != out && len != 0 && in < out + len && out < in + len) {
        memmove(out, in, len);                       /* overlapping: work in place */
        in = out;
    }
    memcpy(cb, J0, 16);
    inc32(cb);                                       /* step 3: C = GCTR_K(inc32(J0), P) */
    if (aad_len)
        ghash_padded(ctx, Y, aad, aad_len);          /* step 5, A || 0^v ... */
    size_t off = 0;
    while (st == CL_OK && len - off >= GCM_CHUNK) {  /* ... C || 0^u, chunk by chunk */
        st = gctr(ctx, cb, in + off, out + off, GCM_CHUNK);
        ghash_blocks(ctx, Y, out + off, GCM_CHUNK / 16);
        off += GCM_CHUNK;
    }
    if (st == CL_OK && off < len) {
        st = gctr(ctx, cb, in + off, out + off, len - off);
        ghash_padded(ctx, Y, out + off, len - off);
    }
    if (st == CL_OK) {
        ghash_lengths(ctx, Y, aad_len, len);         /* ... [len(A)]_64 || [len(C)]_64 */
        st = make_tag(ctx, J0, Y, T);                /* step 6 */
    }
    if (st == CL_OK)
        memcpy(tag, T, tag_len);                     /* step 7: MSB_t */
    else if (len != 0)
        cl_wipe(out, len);
    cl_wipe(J0, sizeof J0);
    cl_wipe(cb, sizeof cb);
    cl_wipe(T, sizeof T);
    return st;
}

cl_status gcm_decrypt(const gcm_ctx *ctx, const uint8_t *iv, size_t iv_len,
                      const uint8_t *aad, size_t aad_len,
                      const uint8_t *in, size_t len,
                      const uint8_t *tag, size_t tag_len, uint8_t *out)
{
    uint8_t J0[16], cb[16], S[16], T[16];
    cl_status st = check_args(ctx, iv, aad, aad_len, in, len, out, tag, tag_len);
    if (st == CL_OK)
        st = gcm_j0(ctx, iv, iv_len, J0);            /* §7.2 step 4 */
    if (st == CL_OK)
        st = gcm_s(ctx, aad, aad_len, in, len, S);   /* step 6 */
    if (st == CL_OK)
        st = make_tag(ctx, J0, S, T);                /* step 7 */
    if (st == CL_OK && !cl_ct_memeq_public(T, tag, tag_len))   /* step 8, constant time */
        st = CL_ERR_AUTH;
    if (st == CL_OK) {
        if (in != out && len != 0 && in < out + len && out < in + len) {
            memmove(out, in, len);
            in = out;
        }
        memcpy(cb, J0, 16);
        inc32(cb);
        st = gctr(ctx, cb, in, out, len);            /* step 5: P = GCTR_K(inc32(J0), C) */
        if (st != CL_OK && len != 0)
            cl_wipe(out, len);
    }
    cl_wipe(J0, sizeof J0);
    cl_wipe(cb, sizeof cb);
    cl_wipe(S, sizeof S);
    cl_wipe(T, sizeof T);
    return st;
}
