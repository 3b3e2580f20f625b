/*
 * aes/aes.c -- the public AES API (aes/aes.h): argument checks, key-size
 * selection and the dispatch to an implementation.
 *
 * Only AES_IMPL_SPEC (aes_spec.c) exists so far; AES_IMPL_DEFAULT resolves
 * to it.  The other implementations report CL_ERR_UNSUPPORTED until the
 * fast-path work adds them.
 */
#include <stddef.h>
#include "aes/aes.h"
#include "aes/aes_internal.h"
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
        return AES_IMPL_SPEC;
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
        break;
    case AES_IMPL_TTABLE:
    case AES_IMPL_CT:
    case AES_IMPL_AESNI:
        return CL_ERR_UNSUPPORTED;
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
    KeyExpansion(key, ctx->w, ctx->Nk);
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
        return CL_ERR_UNSUPPORTED;
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
        return CL_ERR_UNSUPPORTED;
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
