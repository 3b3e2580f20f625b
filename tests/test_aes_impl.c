/*
 * tests/test_aes_impl.c -- every AES implementation against the readable
 * FIPS-197 code (spec): the Appendix C vectors, 100,000 random (key, block)
 * pairs, random-length CTR/CBC/ECB messages split at random points, the
 * counter near its 32- and 64-bit carries, and the choice of implementation.
 * (The AESAVS files run once per implementation in tests/sh/71-aes-impl-vectors.sh.)
 */
#include <stdlib.h>
#include <string.h>
#include "testutil.h"
#include "aes/aes.h"
#include "aes/aes_fast_internal.h"
#include "aes/aes_modes.h"

static const aes_impl all_impls[] = { AES_IMPL_SPEC, AES_IMPL_TTABLE, AES_IMPL_CT, AES_IMPL_AESNI };
#define N_IMPLS (sizeof all_impls / sizeof all_impls[0])

static int impl_ok(aes_impl impl)
{
    return aes_impl_available(impl);
}

/* FIPS-197 Appendix C.1-C.3: plaintext 00112233..ff, key 000102.. */
static void test_appendix_c_all_impls(void)
{
    static const char *const ct_hex[3] = {
        "69c4e0d86a7b0430d8cdb78070b4c55a",
        "dda97ca4864cdfe06eaf70a0ec0d7191",
        "8ea2b7ca516745bfeafc49904b496089",
    };
    uint8_t key[32], pt[16], ct[16], out[16], back[16];
    for (int i = 0; i < 32; i++)
        key[i] = (uint8_t)i;
    tu_hex("00112233445566778899aabbccddeeff", pt, sizeof pt);
    for (size_t k = 0; k < 3; k++) {
        tu_hex(ct_hex[k], ct, sizeof ct);
        for (size_t m = 0; m < N_IMPLS; m++) {
            aes_ctx ctx;
            if (!impl_ok(all_impls[m]))
                continue;
            CL_ASSERT_OK(aes_init_impl(&ctx, key, 16 + 8 * k, all_impls[m]));
            CU_ASSERT_EQUAL(ctx.impl, all_impls[m]);
            CL_ASSERT_OK(aes_encrypt_block(&ctx, pt, out));
            CL_ASSERT_BYTES_EQ(aes_impl_name(all_impls[m]), ct, out, 16);
            CL_ASSERT_OK(aes_decrypt_block(&ctx, out, back));
            CL_ASSERT_BYTES_EQ(aes_impl_name(all_impls[m]), pt, back, 16);
            aes_clear(&ctx);
        }
    }
}

/* 25,000 random keys x 4 random blocks = 100,000 (key, block) pairs, each
 * block through aes_encrypt_block/aes_decrypt_block of every
 * implementation and also as one 4-block batch (the multi-block paths). */
static void test_random_pairs_agree_with_spec(void)
{
    uint64_t seed = 0x5eed0001;
    unsigned long mismatches = 0;
    for (int iter = 0; iter < 25000; iter++) {
        uint8_t key[32], blocks[64], ref_ct[64], ref_pt[64], out[64];
        size_t key_len = 16 + 8 * (tu_rand_u32(&seed) % 3);
        tu_rand_bytes(&seed, key, key_len);
        tu_rand_bytes(&seed, blocks, sizeof blocks);
        aes_ctx spec;
        CL_ASSERT_OK(aes_init_impl(&spec, key, key_len, AES_IMPL_SPEC));
        for (int b = 0; b < 4; b++) {
            aes_encrypt_block(&spec, blocks + 16 * b, ref_ct + 16 * b);
            aes_decrypt_block(&spec, blocks + 16 * b, ref_pt + 16 * b);
        }
        for (size_t m = 1; m < N_IMPLS; m++) {
            aes_ctx ctx;
            if (!impl_ok(all_impls[m]))
                continue;
            CL_ASSERT_OK(aes_init_impl(&ctx, key, key_len, all_impls[m]));
            for (int b = 0; b < 4; b++) {
                aes_encrypt_block(&ctx, blocks + 16 * b, out + 16 * b);
                if (memcmp(out + 16 * b, ref_ct + 16 * b, 16) != 0 && mismatches++ < 3)
                    CL_ASSERT_BYTES_EQ(aes_impl_name(all_impls[m]), ref_ct + 16 * b, out + 16 * b, 16);
                aes_decrypt_block(&ctx, blocks + 16 * b, out + 16 * b);
                if (memcmp(out + 16 * b, ref_pt + 16 * b, 16) != 0 && mismatches++ < 3)
                    CL_ASSERT_BYTES_EQ(aes_impl_name(all_impls[m]), ref_pt + 16 * b, out + 16 * b, 16);
            }
            CU_ASSERT_TRUE(aes_fast_ecb(&ctx, 1, blocks, out, 4));
            if (memcmp(out, ref_ct, 64) != 0 && mismatches++ < 3)
                CL_ASSERT_BYTES_EQ("batch encrypt", ref_ct, out, 64);
            CU_ASSERT_TRUE(aes_fast_ecb(&ctx, 0, blocks, out, 4));
            if (memcmp(out, ref_pt, 64) != 0 && mismatches++ < 3)
                CL_ASSERT_BYTES_EQ("batch decrypt", ref_pt, out, 64);
            aes_clear(&ctx);
        }
        aes_clear(&spec);
    }
    CU_ASSERT_EQUAL(mismatches, 0);
}

/* One whole message through the streaming API, fed in random pieces. */
static cl_status run_mode(aes_impl impl, aes_mode mode, int enc, const uint8_t *key, size_t key_len,
                          const uint8_t *iv, int pad, const uint8_t *in, size_t len,
                          uint8_t *out, size_t *out_len, uint64_t *seed)
{
    aes_mode_ctx ctx;
    size_t o = 0, n;
    cl_status st = aes_mode_init(&ctx, mode, enc, key, key_len, mode == AES_MODE_ECB ? NULL : iv,
                                 mode == AES_MODE_ECB ? 0 : 16, pad);
    if (st != CL_OK)
        return st;
    /* re-key the context with the implementation under test (same key) */
    st = aes_init_impl(&ctx.aes, key, key_len, impl);
    for (size_t off = 0; st == CL_OK && off < len;) {
        size_t piece = 1 + tu_rand_u32(seed) % 300;
        if (piece > len - off)
            piece = len - off;
        st = aes_mode_update(&ctx, in + off, piece, out + o, piece + 16, &n);
        o += n;
        off += piece;
    }
    if (st == CL_OK)
        st = aes_mode_final(&ctx, out + o, 16, &n);
    if (st == CL_OK)
        o += n;
    *out_len = o;
    aes_mode_clear(&ctx);
    return st;
}

static void test_random_messages_agree_with_spec(void)
{
    uint64_t seed = 0x5eed0002;
    static uint8_t in[4200], ref[4300], out[4300], back[4300];
    static const aes_mode modes[] = { AES_MODE_ECB, AES_MODE_CBC, AES_MODE_CTR };
    for (int iter = 0; iter < 400; iter++) {
        uint8_t key[32], iv[16];
        size_t key_len = 16 + 8 * (tu_rand_u32(&seed) % 3);
        size_t len = tu_rand_u32(&seed) % 4100;
        aes_mode mode = modes[iter % 3];
        int pad = mode != AES_MODE_CTR && (iter & 4) != 0;
        if (mode != AES_MODE_CTR && !pad)
            len -= len % 16;
        tu_rand_bytes(&seed, key, key_len);
        tu_rand_bytes(&seed, iv, 16);
        if (iter % 7 == 0)
            memset(iv + 12, 0xff, 4);          /* low 32 bits about to carry */
        if (iter % 11 == 0)
            memset(iv + 8, 0xff, 7);           /* low 64 bits close to carrying */
        tu_rand_bytes(&seed, in, len);
        size_t ref_len, out_len, back_len;
        CL_ASSERT_OK(run_mode(AES_IMPL_SPEC, mode, 1, key, key_len, iv, pad, in, len, ref, &ref_len, &seed));
        for (size_t m = 1; m < N_IMPLS; m++) {
            if (!impl_ok(all_impls[m]))
                continue;
            CL_ASSERT_OK(run_mode(all_impls[m], mode, 1, key, key_len, iv, pad, in, len, out, &out_len, &seed));
            CU_ASSERT_EQUAL(out_len, ref_len);
            if (out_len == ref_len && memcmp(out, ref, ref_len) != 0)
                CL_ASSERT_BYTES_EQ(aes_impl_name(all_impls[m]), ref, out, ref_len > 64 ? 64 : ref_len);
            CU_ASSERT_EQUAL(memcmp(out, ref, ref_len), 0);
            CL_ASSERT_OK(run_mode(all_impls[m], mode, 0, key, key_len, iv, pad, ref, ref_len, back, &back_len, &seed));
            CU_ASSERT_EQUAL(back_len, len);
            CU_ASSERT_EQUAL(memcmp(back, in, len), 0);
        }
        /* aes_ctr_xor (one call, in place) */
        if (mode == AES_MODE_CTR) {
            for (size_t m = 0; m < N_IMPLS; m++) {
                aes_ctx ctx;
                uint8_t ctr[16];
                if (!impl_ok(all_impls[m]))
                    continue;
                memcpy(ctr, iv, 16);
                memcpy(out, in, len);
                CL_ASSERT_OK(aes_init_impl(&ctx, key, key_len, all_impls[m]));
                CL_ASSERT_OK(aes_ctr_xor(&ctx, ctr, out, out, len));
                CU_ASSERT_EQUAL(memcmp(out, ref, len), 0);
                aes_clear(&ctx);
            }
        }
    }
}

/* The multi-block CTR code must carry out of the low 32 and 64 bits exactly
 * as the one-block-at-a-time 128-bit increment of SP 800-38A B.1. */
static void test_ctr_carries(void)
{
    static const char *const starts[] = {
        "000102030405060708090a0bfffffff0", "0001020304050607fffffffffffffff9",
        "00010203040506ffffffffffffffffff", "fffffffffffffffeffffffffffffffe0",
    };
    uint8_t key[16] = { 1, 2, 3 }, in[40 * 16], ref[40 * 16], out[40 * 16];
    memset(in, 0x5a, sizeof in);
    for (size_t s = 0; s < sizeof starts / sizeof starts[0]; s++) {
        uint8_t start[16], c_ref[16];
        tu_hex(starts[s], start, 16);
        aes_ctx spec;
        CL_ASSERT_OK(aes_init_impl(&spec, key, 16, AES_IMPL_SPEC));
        memcpy(c_ref, start, 16);
        CL_ASSERT_OK(aes_ctr_xor(&spec, c_ref, in, ref, sizeof in));
        for (size_t m = 1; m < N_IMPLS; m++) {
            aes_ctx ctx;
            uint8_t c[16];
            if (!impl_ok(all_impls[m]))
                continue;
            CL_ASSERT_OK(aes_init_impl(&ctx, key, 16, all_impls[m]));
            memcpy(c, start, 16);
            CL_ASSERT_OK(aes_ctr_xor(&ctx, c, in, out, sizeof in));
            CL_ASSERT_BYTES_EQ(aes_impl_name(all_impls[m]), ref, out, sizeof in);
            CL_ASSERT_BYTES_EQ("counter after", c_ref, c, 16);
        }
    }
}

static void test_impl_selection(void)
{
    aes_impl impl;
    CL_ASSERT_OK(aes_impl_from_name("ct", &impl));
    CU_ASSERT_EQUAL(impl, AES_IMPL_CT);
    CL_ASSERT_OK(aes_impl_from_name("aesni", &impl));
    CU_ASSERT_EQUAL(impl, AES_IMPL_AESNI);
    CL_ASSERT_STATUS(aes_impl_from_name("fast", &impl), CL_ERR_BAD_ARGUMENT);
    for (size_t m = 0; m < N_IMPLS; m++) {
        CL_ASSERT_OK(aes_impl_from_name(aes_impl_name(all_impls[m]), &impl));
        CU_ASSERT_EQUAL(impl, all_impls[m]);
    }
    /* The default is constant-time: aesni where the CPU has it, else ct. */
    const char *saved = getenv("CRYPTOLAB_AES_IMPL");
    char *copy = saved ? strdup(saved) : NULL;
    unsetenv("CRYPTOLAB_AES_IMPL");
    aes_impl_override(AES_IMPL_DEFAULT);                 /* read the environment again */
    CU_ASSERT_EQUAL(aes_default_impl(), aes_aesni_available() ? AES_IMPL_AESNI : AES_IMPL_CT);
    setenv("CRYPTOLAB_AES_IMPL", "ttable", 1);
    aes_impl_override(AES_IMPL_DEFAULT);
    CU_ASSERT_EQUAL(aes_default_impl(), AES_IMPL_TTABLE);
    setenv("CRYPTOLAB_AES_IMPL", "nonsense", 1);
    aes_impl_override(AES_IMPL_DEFAULT);
    CU_ASSERT_EQUAL(aes_default_impl(), aes_aesni_available() ? AES_IMPL_AESNI : AES_IMPL_CT);
    if (copy) {
        setenv("CRYPTOLAB_AES_IMPL", copy, 1);
        free(copy);
    } else {
        unsetenv("CRYPTOLAB_AES_IMPL");
    }
    aes_impl_override(AES_IMPL_DEFAULT);
    /* AES-NI where the CPU lacks it is refused, not emulated */
    uint8_t key[16] = { 0 };
    aes_ctx ctx;
    CL_ASSERT_STATUS(aes_init_impl(&ctx, key, 16, AES_IMPL_AESNI),
                     aes_aesni_available() ? CL_OK : CL_ERR_UNSUPPORTED);
}

/* A trace forces spec even on a context set up for a fast implementation. */
static int trace_calls;
static void count_trace(void *arg, int round, const char *label, const uint8_t state[16])
{
    (void)arg; (void)round; (void)label; (void)state;
    trace_calls++;
}

static void test_trace_uses_spec(void)
{
    uint8_t key[16] = { 0 }, blk[16] = { 0 }, a[16], b[16];
    for (size_t m = 1; m < N_IMPLS; m++) {
        aes_ctx ctx;
        if (!impl_ok(all_impls[m]))
            continue;
        CL_ASSERT_OK(aes_init_impl(&ctx, key, 16, all_impls[m]));
        CL_ASSERT_OK(aes_encrypt_block(&ctx, blk, a));
        trace_calls = 0;
        CL_ASSERT_OK(aes_set_trace(&ctx, count_trace, NULL));
        CL_ASSERT_OK(aes_encrypt_block(&ctx, blk, b));
        CU_ASSERT_TRUE(trace_calls > 10);
        CL_ASSERT_BYTES_EQ("traced", a, b, 16);
        aes_clear(&ctx);
    }
}

void register_aes_impl_suites(void)
{
    CU_pSuite s = tu_add_suite("aes_impl");
    tu_add_test(s, "FIPS-197 Appendix C, every implementation", test_appendix_c_all_impls);
    tu_add_test(s, "100,000 random (key, block) pairs agree with spec", test_random_pairs_agree_with_spec);
    tu_add_test(s, "random ECB/CBC/CTR messages agree with spec", test_random_messages_agree_with_spec);
    tu_add_test(s, "CTR counter carries (32/64/128-bit)", test_ctr_carries);
    tu_add_test(s, "implementation names, default, $CRYPTOLAB_AES_IMPL", test_impl_selection);
    tu_add_test(s, "trace forces spec", test_trace_uses_spec);
}
