/*
 * tests/test_gcm.c -- AES-GCM (SP 800-38D).
 * Known answers from "The Galois/Counter Mode of Operation (GCM)",
 * McGrew & Viega (2005), test cases 1-4 and 6 (the same values appear in
 * NIST's worked example, run by tests/sh/70-gcm-vectors.sh with the GCMVS
 * files); GHASH with PCLMULQDQ against the portable Algorithm 1; every
 * AES implementation against spec; tag checks, truncation, bad input.
 */
#include <string.h>
#include "testutil.h"
#include "aes/gcm.h"
#include "aes/ghash_internal.h"
#include "aes/aes_fast_internal.h"

struct kat {
    const char *key, *iv, *aad, *pt, *ct, *tag;
};

static const struct kat kats[] = {
    /* test case 1 */
    { "00000000000000000000000000000000", "000000000000000000000000", "", "", "",
      "58e2fccefa7e3061367f1d57a4e7455a" },
    /* test case 2 */
    { "00000000000000000000000000000000", "000000000000000000000000", "",
      "00000000000000000000000000000000", "0388dace60b6a392f328c2b971b2fe78",
      "ab6e47d42cec13bdf53a67b21257bddf" },
    /* test case 3 */
    { "feffe9928665731c6d6a8f9467308308", "cafebabefacedbaddecaf888", "",
      "d9313225f88406e5a55909c5aff5269a86a7a9531534f7da2e4c303d8a318a72"
      "1c3c0c95956809532fcf0e2449a6b525b16aedf5aa0de657ba637b391aafd255",
      "42831ec2217774244b7221b784d0d49ce3aa212f2c02a4e035c17e2329aca12e"
      "21d514b25466931c7d8f6a5aac84aa051ba30b396a0aac973d58e091473f5985",
      "4d5c2af327cd64a62cf35abd2ba6fab4" },
    /* test case 4: AAD, 60-byte plaintext */
    { "feffe9928665731c6d6a8f9467308308", "cafebabefacedbaddecaf888",
      "feedfacedeadbeeffeedfacedeadbeefabaddad2",
      "d9313225f88406e5a55909c5aff5269a86a7a9531534f7da2e4c303d8a318a72"
      "1c3c0c95956809532fcf0e2449a6b525b16aedf5aa0de657ba637b39",
      "42831ec2217774244b7221b784d0d49ce3aa212f2c02a4e035c17e2329aca12e"
      "21d514b25466931c7d8f6a5aac84aa051ba30b396a0aac973d58e091",
      "5bc94fbc3221a5db94fae95ae7121a47" },
    /* test case 6: 60-byte IV (hashed into J0) */
    { "feffe9928665731c6d6a8f9467308308",
      "9313225df88406e555909c5aff5269aa6a7a9538534f7da1e4c303d2a318a728"
      "c3c0c95156809539fcf0e2429a6b525416aedbf5a0de6a57a637b39b",
      "feedfacedeadbeeffeedfacedeadbeefabaddad2",
      "d9313225f88406e5a55909c5aff5269a86a7a9531534f7da2e4c303d8a318a72"
      "1c3c0c95956809532fcf0e2449a6b525b16aedf5aa0de657ba637b39",
      "8ce24998625615b603a033aca13fb894be9112a5c3a211a8ba262a3cca7e2ca7"
      "01e4a9a4fba43c90ccdcb281d48c7c6fd62875d2aca417034c34aee5",
      "619cc5aefffe0bfa462af43c1699d050" },
};

static const aes_impl impls[] = { AES_IMPL_SPEC, AES_IMPL_TTABLE, AES_IMPL_CT, AES_IMPL_AESNI };
#define N_IMPLS (sizeof impls / sizeof impls[0])

static void test_gcm_known_answers(void)
{
    uint8_t key[32], iv[64], aad[64], pt[64], ct[64], tag[16], out[64], t[16];
    for (size_t i = 0; i < sizeof kats / sizeof kats[0]; i++) {
        size_t kl = tu_hex(kats[i].key, key, sizeof key), ivl = tu_hex(kats[i].iv, iv, sizeof iv);
        size_t al = tu_hex(kats[i].aad, aad, sizeof aad), pl = tu_hex(kats[i].pt, pt, sizeof pt);
        tu_hex(kats[i].ct, ct, sizeof ct);
        tu_hex(kats[i].tag, tag, sizeof tag);
        for (size_t m = 0; m < N_IMPLS; m++) {
            gcm_ctx ctx;
            if (!aes_impl_available(impls[m]))
                continue;
            CL_ASSERT_OK(gcm_init_impl(&ctx, key, kl, impls[m]));
            CL_ASSERT_OK(gcm_encrypt(&ctx, iv, ivl, aad, al, pt, pl, out, t, 16));
            CL_ASSERT_BYTES_EQ("C", ct, out, pl);
            CL_ASSERT_BYTES_EQ("T", tag, t, 16);
            memset(out, 0, sizeof out);
            CL_ASSERT_OK(gcm_decrypt(&ctx, iv, ivl, aad, al, ct, pl, tag, 16, out));
            CL_ASSERT_BYTES_EQ("P", pt, out, pl);
            gcm_clear(&ctx);
        }
    }
}

/* PCLMULQDQ GHASH == Algorithm 1 GHASH on random H and data. */
static void test_ghash_clmul_matches_portable(void)
{
    uint64_t seed = 0x6c6d756c;
    if (!ghash_clmul_available()) {
        fprintf(stderr, "\n  (skipped: this CPU has no PCLMULQDQ)\n");
        return;
    }
    for (int iter = 0; iter < 2000; iter++) {
        uint8_t H[16], Y1[16], Y2[16], data[40 * 16], hpow[8][16];
        size_t nb = tu_rand_u32(&seed) % 40;
        tu_rand_bytes(&seed, H, 16);
        tu_rand_bytes(&seed, Y1, 16);
        memcpy(Y2, Y1, 16);
        tu_rand_bytes(&seed, data, nb * 16);
        ghash_clmul_setup(H, hpow);
        ghash_blocks_portable(H, Y1, data, nb);
        ghash_blocks_clmul((const uint8_t (*)[16])hpow, Y2, data, nb);
        if (memcmp(Y1, Y2, 16) != 0) {
            CL_ASSERT_BYTES_EQ("GHASH clmul vs portable", Y1, Y2, 16);
            return;
        }
    }
}

/* All implementations agree on random keys, IV lengths, AAD and lengths. */
static void test_gcm_impls_agree(void)
{
    uint64_t seed = 0x67636d31;
    static uint8_t pt[5000], ref[5000], out[5000];
    for (int iter = 0; iter < 300; iter++) {
        uint8_t key[32], iv[80], aad[100], tref[16], t[16];
        size_t kl = 16 + 8 * (tu_rand_u32(&seed) % 3);
        size_t ivl = iter % 2 ? 12 : 1 + tu_rand_u32(&seed) % 80;
        size_t al = tu_rand_u32(&seed) % 100, pl = tu_rand_u32(&seed) % 5000;
        tu_rand_bytes(&seed, key, kl);
        tu_rand_bytes(&seed, iv, ivl);
        tu_rand_bytes(&seed, aad, al);
        tu_rand_bytes(&seed, pt, pl);
        gcm_ctx ctx;
        CL_ASSERT_OK(gcm_init_impl(&ctx, key, kl, AES_IMPL_SPEC));
        CL_ASSERT_OK(gcm_encrypt(&ctx, iv, ivl, aad, al, pt, pl, ref, tref, 16));
        for (size_t m = 1; m < N_IMPLS; m++) {
            if (!aes_impl_available(impls[m]))
                continue;
            CL_ASSERT_OK(gcm_init_impl(&ctx, key, kl, impls[m]));
            CL_ASSERT_OK(gcm_encrypt(&ctx, iv, ivl, aad, al, pt, pl, out, t, 16));
            CU_ASSERT_EQUAL(memcmp(out, ref, pl), 0);
            CL_ASSERT_BYTES_EQ(aes_impl_name(impls[m]), tref, t, 16);
            memcpy(out, ref, pl);                       /* in place */
            CL_ASSERT_OK(gcm_decrypt(&ctx, iv, ivl, aad, al, out, pl, t, 16, out));
            CU_ASSERT_EQUAL(memcmp(out, pt, pl), 0);
        }
        gcm_clear(&ctx);
    }
}

/* GCTR with inc32: the low 32 bits wrap to 0 and never carry (§6.2). */
static void test_gctr_inc32_wrap(void)
{
    uint8_t key[16] = { 9 }, cb0[16], in[10 * 16], ref[10 * 16], out[10 * 16];
    memset(in, 0x33, sizeof in);
    tu_hex("0102030405060708090a0bfcfffffffd", cb0, 16);
    for (size_t m = 0; m < N_IMPLS; m++) {
        gcm_ctx ctx;
        uint8_t cb[16], blk[16], ks[16];
        if (!aes_impl_available(impls[m]))
            continue;
        CL_ASSERT_OK(gcm_init_impl(&ctx, key, 16, impls[m]));
        /* reference: one block at a time, inc32 by hand */
        memcpy(blk, cb0, 16);
        for (int b = 0; b < 10; b++) {
            aes_encrypt_block(&ctx.aes, blk, ks);
            for (int j = 0; j < 16; j++)
                ref[16 * b + j] = in[16 * b + j] ^ ks[j];
            uint32_t lo = ((uint32_t)blk[12] << 24 | (uint32_t)blk[13] << 16 |
                           (uint32_t)blk[14] << 8 | blk[15]) + 1;
            blk[12] = (uint8_t)(lo >> 24); blk[13] = (uint8_t)(lo >> 16);
            blk[14] = (uint8_t)(lo >> 8); blk[15] = (uint8_t)lo;
        }
        memcpy(cb, cb0, 16);
        CL_ASSERT_OK(gcm_gctr(&ctx, cb, in, out, sizeof in));
        CL_ASSERT_BYTES_EQ(aes_impl_name(impls[m]), ref, out, sizeof in);
        CL_ASSERT_BYTES_EQ("counter block after", blk, cb, 16);
        gcm_clear(&ctx);
    }
}

static void test_gcm_auth_failures(void)
{
    uint8_t key[16] = { 1 }, iv[12] = { 2 }, aad[20] = { 3 }, pt[100], ct[100], tag[16], out[100];
    uint8_t bad[100], badtag[16];
    gcm_ctx ctx;
    memset(pt, 0x41, sizeof pt);
    CL_ASSERT_OK(gcm_init(&ctx, key, 16));
    CL_ASSERT_OK(gcm_encrypt(&ctx, iv, 12, aad, 20, pt, 100, ct, tag, 16));
    /* a flipped bit anywhere: ciphertext, tag, AAD, IV */
    for (int where = 0; where < 4; where++) {
        uint8_t aad2[20], iv2[12];
        memcpy(bad, ct, 100);
        memcpy(badtag, tag, 16);
        memcpy(aad2, aad, 20);
        memcpy(iv2, iv, 12);
        if (where == 0) bad[57] ^= 0x10;
        if (where == 1) badtag[15] ^= 0x01;
        if (where == 2) aad2[0] ^= 0x80;
        if (where == 3) iv2[11] ^= 0x01;
        memset(out, 0xaa, sizeof out);
        CL_ASSERT_STATUS(gcm_decrypt(&ctx, iv2, 12, aad2, 20, bad, 100, badtag, 16, out), CL_ERR_AUTH);
        for (size_t i = 0; i < sizeof out; i++)       /* nothing released */
            CU_ASSERT_EQUAL_FATAL(out[i], 0xaa);
    }
    /* truncated tags (§5.2.1.2): the prefix verifies, other lengths are refused */
    static const size_t ok_lens[] = { 16, 15, 14, 13, 12, 8, 4 };
    for (size_t i = 0; i < sizeof ok_lens / sizeof ok_lens[0]; i++) {
        uint8_t t[16];
        CL_ASSERT_OK(gcm_encrypt(&ctx, iv, 12, aad, 20, pt, 100, out, t, ok_lens[i]));
        CL_ASSERT_BYTES_EQ("truncated tag is a prefix", tag, t, ok_lens[i]);
        CL_ASSERT_OK(gcm_decrypt(&ctx, iv, 12, aad, 20, ct, 100, tag, ok_lens[i], out));
    }
    static const size_t bad_lens[] = { 0, 1, 3, 5, 9, 11, 17 };
    for (size_t i = 0; i < sizeof bad_lens / sizeof bad_lens[0]; i++) {
        CL_ASSERT_STATUS(gcm_encrypt(&ctx, iv, 12, aad, 20, pt, 100, out, tag, bad_lens[i]),
                         CL_ERR_BAD_ARGUMENT);
        CL_ASSERT_STATUS(gcm_decrypt(&ctx, iv, 12, aad, 20, ct, 100, tag, bad_lens[i], out),
                         CL_ERR_BAD_ARGUMENT);
    }
    /* bad arguments */
    CL_ASSERT_STATUS(gcm_encrypt(&ctx, iv, 0, aad, 20, pt, 100, out, tag, 16), CL_ERR_IV_LENGTH);
    CL_ASSERT_STATUS(gcm_encrypt(NULL, iv, 12, aad, 20, pt, 100, out, tag, 16), CL_ERR_NULL_POINTER);
    CL_ASSERT_STATUS(gcm_encrypt(&ctx, iv, 12, NULL, 20, pt, 100, out, tag, 16), CL_ERR_NULL_POINTER);
    CL_ASSERT_STATUS(gcm_decrypt(&ctx, iv, 12, aad, 20, NULL, 100, tag, 16, out), CL_ERR_NULL_POINTER);
    CL_ASSERT_OK(gcm_encrypt(&ctx, iv, 12, NULL, 0, NULL, 0, NULL, tag, 16));   /* GMAC of nothing */
    CL_ASSERT_STATUS(gcm_init(&ctx, key, 17), CL_ERR_KEY_LENGTH);
    gcm_clear(&ctx);
    CL_ASSERT_STATUS(gcm_encrypt(&ctx, iv, 12, aad, 20, pt, 100, out, tag, 16), CL_ERR_STATE);
}

void register_gcm_suites(void)
{
    CU_pSuite s = tu_add_suite("gcm");
    tu_add_test(s, "GCM spec test cases 1-4, 6 (every AES implementation)", test_gcm_known_answers);
    tu_add_test(s, "GHASH PCLMULQDQ == Algorithm 1", test_ghash_clmul_matches_portable);
    tu_add_test(s, "implementations agree on random messages", test_gcm_impls_agree);
    tu_add_test(s, "GCTR inc32 wraps without carry", test_gctr_inc32_wrap);
    tu_add_test(s, "authentication failures release nothing; tag lengths", test_gcm_auth_failures);
}
