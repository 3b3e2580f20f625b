/*
 * tests/test_sha256_impl.c -- the fast SHA-256 compression functions
 * (tuned C, SHA-NI) against the readable one, and the dispatcher.
 * (The SHAVS files run once per implementation in tests/sh/72-sha256-impl-vectors.sh.)
 */
#include <stdlib.h>
#include <string.h>
#include "testutil.h"
#include "sha256/sha256.h"
#include "sha256/sha256_internal.h"
#include "sha256/sha256_fast_internal.h"

static void test_blocks_agree(void)
{
    uint64_t seed = 0x73686132;
    static uint8_t data[64 * 40];
    for (int iter = 0; iter < 3000; iter++) {
        uint32_t H_spec[8], H_fast[8], H_ni[8];
        size_t nb = tu_rand_u32(&seed) % 40;
        for (int j = 0; j < 8; j++)
            H_spec[j] = H_fast[j] = H_ni[j] = tu_rand_u32(&seed);
        tu_rand_bytes(&seed, data, 64 * nb);
        sha256_blocks_spec(H_spec, data, nb);
        sha256_blocks_fast(H_fast, data, nb);
        CL_ASSERT_BYTES_EQ("fast vs spec", H_spec, H_fast, sizeof H_spec);
        if (sha256_shani_available()) {
            sha256_blocks_shani(H_ni, data, nb);
            CL_ASSERT_BYTES_EQ("shani vs spec", H_spec, H_ni, sizeof H_spec);
        }
        if (memcmp(H_spec, H_fast, 32) != 0)
            return;
    }
}

/* "abc" (FIPS 180-4 example / SHAVS) through each implementation of the
 * streaming API, selected with $CRYPTOLAB_SHA256_IMPL; and a long random
 * message fed in odd pieces. */
static void test_streaming_each_impl(void)
{
    static const char *const names[] = { "spec", "fast", "shani" };
    uint8_t want[32], got[32], ref[32];
    static uint8_t msg[10000];
    uint64_t seed = 99;
    tu_hex("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", want, 32);
    tu_rand_bytes(&seed, msg, sizeof msg);
    const char *saved = getenv("CRYPTOLAB_SHA256_IMPL");
    char *copy = saved ? strdup(saved) : NULL;
    for (size_t i = 0; i < 3; i++) {
        setenv("CRYPTOLAB_SHA256_IMPL", names[i], 1);
        sha256_impl_override(SHA256_IMPL_DEFAULT);      /* read the environment again */
        sha256_impl impl = sha256_default_impl();
        if (i == 2 && !sha256_shani_available()) {
            CU_ASSERT_EQUAL(impl, SHA256_IMPL_FAST);
        } else {
            CU_ASSERT_STRING_EQUAL(sha256_impl_name(impl), names[i]);
        }
        CL_ASSERT_OK(sha256_digest((const uint8_t *)"abc", 3, got));
        CL_ASSERT_BYTES_EQ(names[i], want, got, 32);
        sha256_ctx ctx;
        CL_ASSERT_OK(sha256_init(&ctx));
        for (size_t off = 0; off < sizeof msg;) {
            size_t n = 1 + tu_rand_u32(&seed) % 700;
            if (n > sizeof msg - off)
                n = sizeof msg - off;
            CL_ASSERT_OK(sha256_update(&ctx, msg + off, n));
            off += n;
        }
        CL_ASSERT_OK(sha256_final(&ctx, got));
        if (i == 0) {
            memcpy(ref, got, 32);
        } else {
            CL_ASSERT_BYTES_EQ(names[i], ref, got, 32);
        }
    }
    if (copy) {
        setenv("CRYPTOLAB_SHA256_IMPL", copy, 1);
        free(copy);
    } else {
        unsetenv("CRYPTOLAB_SHA256_IMPL");
    }
    sha256_impl_override(SHA256_IMPL_DEFAULT);
    sha256_impl impl;
    CL_ASSERT_STATUS(sha256_impl_from_name("sha3", &impl), CL_ERR_BAD_ARGUMENT);
}

void register_sha256_impl_suites(void)
{
    CU_pSuite s = tu_add_suite("sha256_impl");
    tu_add_test(s, "tuned C and SHA-NI agree with spec (random blocks)", test_blocks_agree);
    tu_add_test(s, "streaming API with each implementation", test_streaming_each_impl);
}
