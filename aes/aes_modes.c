/*
 * aes/aes_modes.c -- ECB, CBC (with optional PKCS#7 padding) and CTR
 * (NIST SP 800-38A §6.1, §6.2, §6.5), streaming, see aes/aes_modes.h.
 *
 * Input is gathered block by block in ctx->buf; a block is processed from
 * that copy, so the output may be the input buffer itself.  On decryption
 * with padding the last complete block is held back until aes_mode_final(),
 * because only then do we know it is the last one and carries the padding
 * (PKCS#7, RFC 5652 §6.3: k - (l mod k) bytes, each of that value).
 */
#include <string.h>
#include "aes/aes_modes.h"
#include "common/ct.h"
#include "aes/aes_fast_internal.h"

/* Do [a, a+an) and [b, b+bn) overlap?  (Compared as integers: relational
 * operators on pointers into different objects are undefined in C.) */
static int overlap(const void *a, size_t an, const void *b, size_t bn)
{
    uintptr_t x = (uintptr_t)a, y = (uintptr_t)b;
    return x < y + bn && y < x + an;
}

static int mode_valid(aes_mode m)
{
    return m == AES_MODE_ECB || m == AES_MODE_CBC || m == AES_MODE_CTR;
}

cl_status aes_mode_init(aes_mode_ctx *ctx, aes_mode mode, int encrypt,
                        const uint8_t *key, size_t key_len,
                        const uint8_t *iv, size_t iv_len, int pad)
{
    if (ctx == NULL || key == NULL)
        return CL_ERR_NULL_POINTER;
    cl_wipe(ctx, sizeof *ctx);
    if (!mode_valid(mode))
        return CL_ERR_BAD_ARGUMENT;
    if (mode == AES_MODE_ECB) {
        if (iv != NULL || iv_len != 0)
            return CL_ERR_IV_LENGTH;           /* ECB has no IV (§6.1) */
    } else {
        if (iv == NULL)
            return CL_ERR_NULL_POINTER;
        if (iv_len != AES_BLOCK_SIZE)
            return CL_ERR_IV_LENGTH;
    }
    cl_status st = aes_init(&ctx->aes, key, key_len);
    if (st != CL_OK) {
        cl_wipe(ctx, sizeof *ctx);
        return st;
    }
    ctx->mode = mode;
    ctx->encrypt = encrypt ? 1 : 0;
    ctx->pad = (mode != AES_MODE_CTR && pad) ? 1 : 0;
    if (iv != NULL)
        memcpy(ctx->iv, iv, AES_BLOCK_SIZE);   /* CBC: IV = C_0; CTR: T_1 */
    ctx->buf_len = 0;
    ctx->ks_used = AES_BLOCK_SIZE;             /* no keystream yet */
    ctx->finished = 0;
    ctx->ctr_wrapped = 0;
    return CL_OK;
}

void aes_mode_clear(aes_mode_ctx *ctx)
{
    if (ctx != NULL)
        cl_wipe(ctx, sizeof *ctx);
}

/* SP 800-38A Appendix B.1: the standard incrementing function on all 128
 * bits, big-endian.  Returns 1 if it wrapped from ff..ff to 00..00. */
static int ctr_increment(uint8_t ctr[AES_BLOCK_SIZE])
{
    for (int i = AES_BLOCK_SIZE - 1; i >= 0; i--) {
        ctr[i]++;
        if (ctr[i] != 0)
            return 0;
    }
    return 1;
}

/* One block of ECB or CBC from ctx->buf into out. */
static cl_status process_block(aes_mode_ctx *ctx, uint8_t out[AES_BLOCK_SIZE])
{
    uint8_t x[AES_BLOCK_SIZE];
    cl_status st;
    if (ctx->mode == AES_MODE_ECB) {
        /* §6.1: C_j = CIPH_K(P_j);  P_j = CIPH^-1_K(C_j) */
        st = ctx->encrypt ? aes_encrypt_block(&ctx->aes, ctx->buf, out)
                          : aes_decrypt_block(&ctx->aes, ctx->buf, out);
        return st;
    }
    if (ctx->encrypt) {
        /* §6.2: C_j = CIPH_K(P_j XOR C_{j-1}), C_0 = IV */
        for (int i = 0; i < AES_BLOCK_SIZE; i++)
            x[i] = ctx->buf[i] ^ ctx->iv[i];
        st = aes_encrypt_block(&ctx->aes, x, ctx->iv);
        if (st == CL_OK)
            memcpy(out, ctx->iv, AES_BLOCK_SIZE);
    } else {
        /* §6.2: P_j = CIPH^-1_K(C_j) XOR C_{j-1} */
        st = aes_decrypt_block(&ctx->aes, ctx->buf, x);
        if (st == CL_OK) {
            for (int i = 0; i < AES_BLOCK_SIZE; i++)
                out[i] = x[i] ^ ctx->iv[i];
            memcpy(ctx->iv, ctx->buf, AES_BLOCK_SIZE);
        }
    }
    cl_wipe(x, sizeof x);
    return st;
}

static int high64_all_ones(const uint8_t ctr[AES_BLOCK_SIZE])
{
    int all = 1;
    for (int i = 0; i < 8; i++)
        all &= ctr[i] == 0xff;
    return all;
}

/* Fast path for ECB and CBC: nb whole blocks straight from in to out with
 * the multi-block code of the implementation (out <= in or disjoint, see
 * aes_mode_update).  Returns 0 if there is none for this implementation. */
static int bulk_blocks(aes_mode_ctx *ctx, const uint8_t *in, uint8_t *out, size_t nb)
{
    if (ctx->mode == AES_MODE_ECB)
        return aes_fast_ecb(&ctx->aes, ctx->encrypt, in, out, nb);
    if (ctx->encrypt)
        return aes_fast_cbc_encrypt(&ctx->aes, ctx->iv, in, out, nb);
    return aes_fast_cbc_decrypt(&ctx->aes, ctx->iv, in, out, nb);
}

/* §6.5: O_j = CIPH_K(T_j); C_j = P_j XOR O_j (the last block may be partial). */
static cl_status ctr_update(aes_mode_ctx *ctx, const uint8_t *in, size_t len, uint8_t *out)
{
    for (size_t i = 0; i < len; i++) {
        /* Fast path (aes_fast_internal.h): whole blocks at once, when no
         * keystream is pending and the counter cannot wrap (its high 64 bits
         * are not all ones). */
        if (ctx->ks_used == AES_BLOCK_SIZE && len - i >= AES_BLOCK_SIZE && !ctx->ctr_wrapped &&
            !high64_all_ones(ctx->iv)) {
            size_t nb = (len - i) / AES_BLOCK_SIZE;
            if (aes_fast_ctr(&ctx->aes, ctx->iv, in + i, out + i, nb)) {
                i += nb * AES_BLOCK_SIZE;
                if (i == len)
                    break;
            }
        }
        if (ctx->ks_used == AES_BLOCK_SIZE) {
            if (ctx->ctr_wrapped)
                return CL_ERR_COUNTER_WRAP;
            cl_status st = aes_encrypt_block(&ctx->aes, ctx->iv, ctx->ks);
            if (st != CL_OK)
                return st;
            ctx->ctr_wrapped = ctr_increment(ctx->iv);
            ctx->ks_used = 0;
        }
        out[i] = in[i] ^ ctx->ks[ctx->ks_used++];
    }
    return CL_OK;
}

cl_status aes_mode_update(aes_mode_ctx *ctx, const uint8_t *in, size_t in_len,
                          uint8_t *out, size_t out_cap, size_t *out_len)
{
    if (ctx == NULL || out_len == NULL)
        return CL_ERR_NULL_POINTER;
    *out_len = 0;
    if (ctx->aes.Nk == 0 || ctx->finished)
        return CL_ERR_STATE;
    if (in_len == 0)
        return CL_OK;
    if (in == NULL || out == NULL)
        return CL_ERR_NULL_POINTER;
    if (out_cap < in_len || out_cap - in_len < AES_BLOCK_SIZE)
        return CL_ERR_OUTPUT_SPACE;

    cl_status st = CL_OK;
    if (ctx->mode == AES_MODE_CTR) {
        /* a stream: out[i] depends on in[i] only, so out == in is safe */
        if (in != out && overlap(in, in_len, out, in_len)) {
            memmove(out, in, in_len);
            in = out;
        }
        st = ctr_update(ctx, in, in_len, out);
        if (st != CL_OK) {
            aes_mode_clear(ctx);
            return st;
        }
        *out_len = in_len;
        return CL_OK;
    }

    /* ECB/CBC: the output can run up to 15 bytes ahead of the input (bytes
     * buffered by an earlier call).  If the buffers overlap, first move the
     * input 16 bytes up inside out (out_cap >= in_len + 16), so every block
     * is written only over input already read. */
    if (overlap(in, in_len, out, out_cap)) {
        memmove(out + AES_BLOCK_SIZE, in, in_len);
        in = out + AES_BLOCK_SIZE;
    }
    const int hold_last = !ctx->encrypt && ctx->pad;
    size_t o = 0;
    while (in_len > 0) {
        if (ctx->buf_len == 0 && in_len >= AES_BLOCK_SIZE) {
            size_t nb = in_len / AES_BLOCK_SIZE;
            if (hold_last && in_len % AES_BLOCK_SIZE == 0)
                nb--;                               /* keep the possible padding block */
            if (nb > 0 && bulk_blocks(ctx, in, out + o, nb)) {
                in += nb * AES_BLOCK_SIZE;
                in_len -= nb * AES_BLOCK_SIZE;
                o += nb * AES_BLOCK_SIZE;
                continue;
            }
        }
        if (ctx->buf_len == AES_BLOCK_SIZE) {   /* a held-back block, and more follows */
            st = process_block(ctx, out + o);
            if (st != CL_OK)
                break;
            o += AES_BLOCK_SIZE;
            ctx->buf_len = 0;
        }
        size_t take = AES_BLOCK_SIZE - ctx->buf_len;
        if (take > in_len)
            take = in_len;
        memcpy(ctx->buf + ctx->buf_len, in, take);
        ctx->buf_len += take;
        in += take;
        in_len -= take;
        if (ctx->buf_len == AES_BLOCK_SIZE && !hold_last) {
            st = process_block(ctx, out + o);
            if (st != CL_OK)
                break;
            o += AES_BLOCK_SIZE;
            ctx->buf_len = 0;
        }
    }
    if (st != CL_OK) {
        aes_mode_clear(ctx);
        return st;
    }
    *out_len = o;
    return CL_OK;
}

cl_status aes_mode_final(aes_mode_ctx *ctx, uint8_t *out, size_t out_cap, size_t *out_len)
{
    if (ctx == NULL || out_len == NULL)
        return CL_ERR_NULL_POINTER;
    *out_len = 0;
    if (ctx->aes.Nk == 0 || ctx->finished)
        return CL_ERR_STATE;
    cl_status st = CL_OK;
    size_t n = 0;
    uint8_t block[AES_BLOCK_SIZE];

    if (ctx->mode == AES_MODE_CTR) {
        /* nothing buffered: CTR needs no padding (§6.5, the last block is partial) */
    } else if (ctx->encrypt) {
        if (ctx->pad) {
            /* PKCS#7: append p = 16 - (len mod 16) bytes of value p (1..16) */
            if (out == NULL) {
                st = CL_ERR_NULL_POINTER;
            } else if (out_cap < AES_BLOCK_SIZE) {
                st = CL_ERR_OUTPUT_SPACE;
            } else {
                uint8_t p = (uint8_t)(AES_BLOCK_SIZE - ctx->buf_len);
                memset(ctx->buf + ctx->buf_len, p, p);
                ctx->buf_len = AES_BLOCK_SIZE;
                st = process_block(ctx, out);
                n = AES_BLOCK_SIZE;
            }
        } else if (ctx->buf_len != 0) {
            st = CL_ERR_INPUT_LENGTH;          /* no padding: whole blocks only */
        }
    } else if (!ctx->pad) {
        if (ctx->buf_len != 0)
            st = CL_ERR_INPUT_LENGTH;
    } else if (ctx->buf_len != AES_BLOCK_SIZE) {
        st = CL_ERR_INPUT_LENGTH;              /* empty, or not a multiple of 16 */
    } else {
        st = process_block(ctx, block);
        if (st == CL_OK) {
            /* Check the padding without branching on its bytes: p in 1..16
             * and the last p bytes all equal p. */
            uint32_t p = block[AES_BLOCK_SIZE - 1];
            uint32_t bad = ct_mask_eq_u32(p, 0);
            bad |= ct_mask_nonzero_u32((p - 1) >> 4);   /* p > 16 */
            /* byte i (0..15) is padding iff i >= 16 - p, i.e. (i + p) >> 4 != 0 */
            for (uint32_t i = 0; i < AES_BLOCK_SIZE; i++) {
                uint32_t is_pad = ct_mask_nonzero_u32((i + p) >> 4);
                bad |= is_pad & ct_mask_nonzero_u32(block[i] ^ p);
            }
            if (bad) {
                st = CL_ERR_BAD_PADDING;
            } else if (out == NULL && p < AES_BLOCK_SIZE) {
                st = CL_ERR_NULL_POINTER;
            } else if (out_cap < AES_BLOCK_SIZE - p) {
                st = CL_ERR_OUTPUT_SPACE;
            } else {
                n = AES_BLOCK_SIZE - p;
                if (n > 0)
                    memcpy(out, block, n);
            }
        }
    }
    cl_wipe(block, sizeof block);
    aes_mode_clear(ctx);
    if (st != CL_OK)
        return st;
    *out_len = n;
    return CL_OK;
}

cl_status aes_ctr_xor(const aes_ctx *aes, uint8_t ctr[AES_BLOCK_SIZE],
                      const uint8_t *in, uint8_t *out, size_t len)
{
    if (aes == NULL || ctr == NULL)
        return CL_ERR_NULL_POINTER;
    if (len == 0)
        return CL_OK;
    if (in == NULL || out == NULL)
        return CL_ERR_NULL_POINTER;
    /* Refuse up front (nothing written) if advancing ctr by the blocks used
     * would wrap it: ctr + blocks > 2^128 - 1. */
    uint64_t blocks = (uint64_t)(len / AES_BLOCK_SIZE) + (len % AES_BLOCK_SIZE != 0);
    uint64_t lo = ((uint64_t)ctr[8] << 56) | ((uint64_t)ctr[9] << 48) | ((uint64_t)ctr[10] << 40) |
                  ((uint64_t)ctr[11] << 32) | ((uint64_t)ctr[12] << 24) | ((uint64_t)ctr[13] << 16) |
                  ((uint64_t)ctr[14] << 8) | (uint64_t)ctr[15];
    int high_all_ones = 1;
    for (int i = 0; i < 8; i++)
        high_all_ones &= ctr[i] == 0xff;
    if (high_all_ones && blocks > UINT64_MAX - lo)
        return CL_ERR_COUNTER_WRAP;
    if (in != out && overlap(in, len, out, len)) {
        memmove(out, in, len);
        in = out;
    }
    uint8_t ks[AES_BLOCK_SIZE];
    size_t off0 = 0;
    if (len >= AES_BLOCK_SIZE && aes->Nk != 0 && aes->Nr == aes->Nk + 6 &&
        aes_fast_ctr(aes, ctr, in, out, len / AES_BLOCK_SIZE))   /* whole blocks, fast path */
        off0 = len - len % AES_BLOCK_SIZE;
    for (size_t off = off0; off < len; off += AES_BLOCK_SIZE) {
        cl_status st = aes_encrypt_block(aes, ctr, ks);
        if (st != CL_OK) {
            cl_wipe(ks, sizeof ks);
            return st;
        }
        (void)ctr_increment(ctr);
        size_t n = len - off < AES_BLOCK_SIZE ? len - off : AES_BLOCK_SIZE;
        for (size_t i = 0; i < n; i++)
            out[off + i] = in[off + i] ^ ks[i];
    }
    cl_wipe(ks, sizeof ks);
    return CL_OK;
}
