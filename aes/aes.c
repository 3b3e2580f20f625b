/*
 * aes/aes.c -- the public AES API (aes/aes.h): argument checks, key-size
 * selection and the dispatch to an implementation.
 *
 * Implementations: spec (aes_spec.c), ttable (aes_ttable.c), ct
 * (aes_ct64.c), aesni (aes_aesni.c); see aes/aes_fast_internal.h.
 * AES_IMPL_DEFAULT resolves to $CRYPTOLAB_AES_IMPL if set, else aesni when
 * the CPU has it, else ct (aes_default_impl()).  Tracing always uses spec.
 */
#include <stddef.h>
#include "aes/aes.h"
#include "aes/aes_internal.h"
#include "aes/aes_fast_internal.h"
#include "common/ct.h"

/* FIPS-197 §5 Figure 4: Key-Block-Round combinations. */
static int nr_for_nk(int Nk)
{
    switch (Nk) {
    case 4: return 10;   /* AES-128 */
    case 6: return 12;   /* AES-192 */
    case 8: return 14;   /* AES-256 */
    default: return 0;
    }
}

static aes_impl resolve_impl(aes_impl impl)
{
    if (impl == AES_IMPL_DEFAULT)
        return aes_default_impl();
    return impl;
}

cl_status aes_init_impl(aes_ctx *ctx, const uint8_t *key, size_t key_len, aes_impl impl)
{
    if (ctx == NULL || key == NULL)
        return CL_ERR_NULL_POINTER;
    if (key_len != 16 && key_len != 24 && key_len != 32)
        return CL_ERR_KEY_LENGTH;
    impl = resolve_impl(impl);
    switch (impl) {
    case AES_IMPL_SPEC:
    case AES_IMPL_TTABLE:
    case AES_IMPL_CT:
        break;
    case AES_IMPL_AESNI:
        if (!aes_aesni_available())
            return CL_ERR_UNSUPPORTED;
        break;
    case AES_IMPL_DEFAULT:
    default:
        return CL_ERR_BAD_ARGUMENT;
    }
    cl_wipe(ctx, sizeof *ctx);
    ctx->Nk = (int)(key_len / 4);
    ctx->Nr = nr_for_nk(ctx->Nk);
    ctx->impl = impl;
    ctx->trace = NULL;
    ctx->trace_arg = NULL;
    if (impl == AES_IMPL_CT || impl == AES_IMPL_AESNI)
        aes_key_expansion_sw(key, ctx->w, ctx->Nk, aes_ct64_sub_word);   /* CT: no S-box table */
    else
        KeyExpansion(key, ctx->w, ctx->Nk);
    aes_fast_setup(ctx);                 /* per-implementation key material */
    return CL_OK;
}

cl_status aes_init(aes_ctx *ctx, const uint8_t *key, size_t key_len)
{
    return aes_init_impl(ctx, key, key_len, AES_IMPL_DEFAULT);
}

cl_status aes_set_trace(aes_ctx *ctx, aes_trace_fn fn, void *arg)
{
    if (ctx == NULL)
        return CL_ERR_NULL_POINTER;
    ctx->trace = fn;
    ctx->trace_arg = fn ? arg : NULL;
    return CL_OK;
}

/* A context is usable only after aes_init (and not after aes_clear). */
static cl_status check_ctx(const aes_ctx *ctx)
{
    if (nr_for_nk(ctx->Nk) == 0 || ctx->Nr != nr_for_nk(ctx->Nk))
        return CL_ERR_STATE;
    return CL_OK;
}

cl_status aes_encrypt_block(const aes_ctx *ctx, const uint8_t in[AES_BLOCK_SIZE],
                            uint8_t out[AES_BLOCK_SIZE])
{
    if (ctx == NULL || in == NULL || out == NULL)
        return CL_ERR_NULL_POINTER;
    cl_status st = check_ctx(ctx);
    if (st != CL_OK)
        return st;
    if (ctx->trace != NULL) {            /* tracing forces the spec code */
        Cipher(in, out, ctx);
        return CL_OK;
    }
    switch (ctx->impl) {
    case AES_IMPL_SPEC:
        Cipher(in, out, ctx);
        return CL_OK;
    default:
        return aes_fast_ecb(ctx, 1, in, out, 1) ? CL_OK : CL_ERR_UNSUPPORTED;
    }
}

cl_status aes_decrypt_block(const aes_ctx *ctx, const uint8_t in[AES_BLOCK_SIZE],
                            uint8_t out[AES_BLOCK_SIZE])
{
    if (ctx == NULL || in == NULL || out == NULL)
        return CL_ERR_NULL_POINTER;
    cl_status st = check_ctx(ctx);
    if (st != CL_OK)
        return st;
    if (ctx->trace != NULL) {
        InvCipher(in, out, ctx);
        return CL_OK;
    }
    switch (ctx->impl) {
    case AES_IMPL_SPEC:
        InvCipher(in, out, ctx);
        return CL_OK;
    default:
        return aes_fast_ecb(ctx, 0, in, out, 1) ? CL_OK : CL_ERR_UNSUPPORTED;
    }
}

void aes_clear(aes_ctx *ctx)
{
    if (ctx != NULL)
        cl_wipe(ctx, sizeof *ctx);
}

const char *aes_impl_name(aes_impl impl)
{
    switch (impl) {
    case AES_IMPL_DEFAULT: return "default";
    case AES_IMPL_SPEC:    return "spec";
    case AES_IMPL_TTABLE:  return "ttable";
    case AES_IMPL_CT:      return "ct";
    case AES_IMPL_AESNI:   return "aesni";
    }
    return "unknown";
}
