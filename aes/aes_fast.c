/*
 * aes/aes_fast.c -- choosing among the AES implementations, and the
 * multi-block paths the modes use (see aes/aes_fast_internal.h).
 */
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include "aes/aes_fast_internal.h"

cl_status aes_impl_from_name(const char *name, aes_impl *impl)
{
    static const struct { const char *name; aes_impl impl; } names[] = {
        { "spec", AES_IMPL_SPEC }, { "ttable", AES_IMPL_TTABLE },
        { "ct", AES_IMPL_CT },     { "aesni", AES_IMPL_AESNI },
        { "default", AES_IMPL_DEFAULT },
    };
    if (name == NULL || impl == NULL)
        return CL_ERR_NULL_POINTER;
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
        if (strcmp(name, names[i].name) == 0) {
            *impl = names[i].impl;
            return CL_OK;
        }
    }
    return CL_ERR_BAD_ARGUMENT;
}

int aes_impl_available(aes_impl impl)
{
    switch (impl) {
    case AES_IMPL_DEFAULT:
    case AES_IMPL_SPEC:
    case AES_IMPL_TTABLE:
    case AES_IMPL_CT:
        return 1;
    case AES_IMPL_AESNI:
        return aes_aesni_available();
    }
    return 0;
}

/* The environment is read once per process and the answer cached (like
 * the CPUID answers): getenv() on every aes_init() would cost more than
 * encrypting a short message.  aes_impl_override() resets the choice. */
static _Atomic int default_impl = -1;

static aes_impl impl_from_env(void)
{
    const char *env = getenv("CRYPTOLAB_AES_IMPL");
    aes_impl impl;
    if (env != NULL && *env != '\0' && aes_impl_from_name(env, &impl) == CL_OK &&
        impl != AES_IMPL_DEFAULT && aes_impl_available(impl))
        return impl;
    return aes_aesni_available() ? AES_IMPL_AESNI : AES_IMPL_CT;
}

aes_impl aes_default_impl(void)
{
    int v = atomic_load_explicit(&default_impl, memory_order_relaxed);
    if (v < 0) {
        v = (int)impl_from_env();
        atomic_store_explicit(&default_impl, v, memory_order_relaxed);
    }
    return (aes_impl)v;
}

void aes_impl_override(aes_impl impl)
{
    atomic_store_explicit(&default_impl, impl == AES_IMPL_DEFAULT || !aes_impl_available(impl)
                                             ? -1 : (int)impl, memory_order_relaxed);
}

void aes_fast_setup(aes_ctx *ctx)
{
    switch (ctx->impl) {
    case AES_IMPL_TTABLE: aes_ttable_setup(ctx); break;
    case AES_IMPL_CT:     aes_ct64_setup(ctx); break;
    case AES_IMPL_AESNI:  aes_aesni_setup(ctx); break;
    default: break;
    }
}

int aes_fast_ecb(const aes_ctx *ctx, int encrypt, const uint8_t *in, uint8_t *out, size_t nblocks)
{
    if (ctx->trace != NULL)
        return 0;
    switch (ctx->impl) {
    case AES_IMPL_TTABLE:
        (encrypt ? aes_ttable_encrypt_blocks : aes_ttable_decrypt_blocks)(ctx, in, out, nblocks);
        return 1;
    case AES_IMPL_CT:
        (encrypt ? aes_ct64_encrypt_blocks : aes_ct64_decrypt_blocks)(ctx, in, out, nblocks);
        return 1;
    case AES_IMPL_AESNI:
        (encrypt ? aes_aesni_encrypt_blocks : aes_aesni_decrypt_blocks)(ctx, in, out, nblocks);
        return 1;
    default:
        return 0;
    }
}

int aes_fast_ctr(const aes_ctx *ctx, uint8_t ctr[16], const uint8_t *in, uint8_t *out,
                 size_t nblocks)
{
    if (ctx->trace != NULL)
        return 0;
    switch (ctx->impl) {
    case AES_IMPL_TTABLE:
        aes_ttable_ctr_blocks(ctx, ctr, in, out, nblocks);
        return 1;
    case AES_IMPL_CT:
        aes_ct64_ctr_blocks(ctx, ctr, in, out, nblocks);
        return 1;
    case AES_IMPL_AESNI:
        aes_aesni_ctr_blocks(ctx, ctr, in, out, nblocks);
        return 1;
    default:
        return 0;   /* spec: one block at a time through the readable code */
    }
}

int aes_fast_cbc_encrypt(const aes_ctx *ctx, uint8_t iv[16], const uint8_t *in, uint8_t *out,
                         size_t nblocks)
{
    if (ctx->trace != NULL || ctx->impl != AES_IMPL_AESNI)
        return 0;   /* CBC encryption is serial: only the call overhead is saved */
    aes_aesni_cbc_encrypt_blocks(ctx, iv, in, out, nblocks);
    return 1;
}

int aes_fast_cbc_decrypt(const aes_ctx *ctx, uint8_t iv[16], const uint8_t *in, uint8_t *out,
                         size_t nblocks)
{
    uint8_t buf[128], prev[16];
    if (ctx->trace != NULL)
        return 0;
    switch (ctx->impl) {
    case AES_IMPL_AESNI:
        aes_aesni_cbc_decrypt_blocks(ctx, iv, in, out, nblocks);
        return 1;
    case AES_IMPL_CT:
        /* eight blocks per bitsliced call; in and out may alias */
        while (nblocks > 0) {
            size_t n = nblocks < 8 ? nblocks : 8;
            aes_ct64_decrypt_blocks(ctx, in, buf, n);
            for (size_t i = 0; i < 16 * n; i++)
                buf[i] ^= (i < 16) ? iv[i] : in[i - 16];
            memcpy(prev, in + 16 * (n - 1), 16);
            memcpy(out, buf, 16 * n);
            memcpy(iv, prev, 16);
            in += 16 * n; out += 16 * n; nblocks -= n;
        }
        return 1;
    default:
        return 0;
    }
}
