/*
 * tests/test_aes.c -- AES (FIPS-197) and its modes (SP 800-38A).
 *
 * Suites:
 *   aes        S-box from GF(2^8), xtime, key expansion (Appendix A), the
 *              Appendix C traces byte for byte (both directions), bad input
 *   aes_modes  SP 800-38A F.1/F.2/F.5, PKCS#7, streaming with random splits,
 *              in-place operation, bad input, state isolation between messages
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "testutil.h"
#include "aes/aes.h"
#include "aes/aes_fast_internal.h"
#include "aes/aes_internal.h"
#include "aes/aes_modes.h"

/* ------------------------------------------------------------------ S-box */

/* Multiplicative inverse in GF(2^8): b^254 (b^255 = 1 for b != 0), and {00} -> {00}. */
static uint8_t gf_inverse(uint8_t b)
{
    uint8_t r = 1;
    for (int i = 0; i < 254; i++)
        r = gf_mul(r, b);
    return r;
}

/* FIPS-197 §5.1.1 equation (5.1): b'_i = b_i ^ b_(i+4) ^ b_(i+5) ^ b_(i+6) ^ b_(i+7) ^ c_i, c = {63}. */
static uint8_t affine(uint8_t b)
{
    uint8_t out = 0;
    for (int i = 0; i < 8; i++) {
        int bit = ((b >> i) ^ (b >> ((i + 4) % 8)) ^ (b >> ((i + 5) % 8)) ^
                   (b >> ((i + 6) % 8)) ^ (b >> ((i + 7) % 8)) ^ (0x63 >> i)) & 1;
        out |= (uint8_t)(bit << i);
    }
    return out;
}

static void test_sbox_derived(void)
{
    uint8_t sbox[256], inv[256];
    for (int x = 0; x < 256; x++) {
        uint8_t g = gf_inverse((uint8_t)x);
        if (x != 0)
            CU_ASSERT_EQUAL(gf_mul((uint8_t)x, g), 1);
        sbox[x] = affine(g);
    }
    for (int x = 0; x < 256; x++)
        inv[sbox[x]] = (uint8_t)x;
    CL_ASSERT_BYTES_EQ("S-box (all 256 entries)", sbox, aes_sbox, 256);
    CL_ASSERT_BYTES_EQ("inverse S-box (all 256 entries)", inv, aes_inv_sbox, 256);
    /* FIPS-197 §5.1.1 example: S({53}) = {ed} */
    CU_ASSERT_EQUAL(aes_sbox[0x53], 0xed);
}

static void test_xtime(void)
{
    /* FIPS-197 §4.2.1 example */
    CU_ASSERT_EQUAL(xtime(0x57), 0xae);
    CU_ASSERT_EQUAL(xtime(0xae), 0x47);
    CU_ASSERT_EQUAL(xtime(0x47), 0x8e);
    CU_ASSERT_EQUAL(xtime(0x8e), 0x07);
    CU_ASSERT_EQUAL(gf_mul(0x57, 0x13), 0xfe);
    CU_ASSERT_EQUAL(gf_mul(0x57, 0x83), 0xc1);   /* §4.2 */
}

/* ------------------------------------------------------------------ key expansion */

static void check_schedule_words(const char *label, const char *key_hex, int Nk,
                                 const uint32_t *want_idx, const uint32_t *want, int n)
{
    uint8_t key[32];
    uint32_t w[AES_MAX_WORDS];
    CU_ASSERT_EQUAL(tu_hex(key_hex, key, sizeof key), (size_t)(4 * Nk));
    KeyExpansion(key, w, Nk);
    for (int i = 0; i < n; i++) {
        if (w[want_idx[i]] != want[i])
            printf("\n  %s: w[%u] expected %08x, actual %08x\n", label,
                   (unsigned)want_idx[i], (unsigned)want[i], (unsigned)w[want_idx[i]]);
        CU_ASSERT_EQUAL(w[want_idx[i]], want[i]);
    }
}

static void test_key_expansion(void)
{
    /* FIPS-197 Appendix A.1, A.2, A.3: first derived words and the last word.
     * The complete schedules are in vectors/aes/fips197-appendix-a.txt. */
    static const uint32_t i128[] = { 4, 5, 6, 7, 43 };
    static const uint32_t w128[] = { 0xa0fafe17, 0x88542cb1, 0x23a33939, 0x2a6c7605, 0xb6630ca6 };
    check_schedule_words("A.1", "2b7e151628aed2a6abf7158809cf4f3c", 4, i128, w128, 5);
    static const uint32_t i192[] = { 6, 7, 51 };
    static const uint32_t w192[] = { 0xfe0c91f7, 0x2402f5a5, 0x01002202 };
    check_schedule_words("A.2", "8e73b0f7da0e6452c810f32b809079e562f8ead2522c6b7b", 6, i192, w192, 3);
    static const uint32_t i256[] = { 8, 9, 12, 59 };
    static const uint32_t w256[] = { 0x9ba35411, 0x8e6925af, 0xa8b09c1a, 0x706c631e };
    check_schedule_words("A.3", "603deb1015ca71be2b73aef0857d77811f352c073b6108d72d9810a30914dff4",
                         8, i256, w256, 4);
    CU_ASSERT_EQUAL(RotWord(0x09cf4f3c), 0xcf4f3c09);   /* A.1, i = 4 */
    CU_ASSERT_EQUAL(SubWord(0xcf4f3c09), 0x8a84eb01);
    CU_ASSERT_EQUAL(Rcon(1), 0x01000000);
    CU_ASSERT_EQUAL(Rcon(10), 0x36000000);
}

/* ------------------------------------------------------------------ Appendix C traces */

struct trace_buf {
    char text[8192];
    size_t len;
};

static void collect(void *arg, int round, const char *label, const uint8_t st[AES_BLOCK_SIZE])
{
    struct trace_buf *t = arg;
    char hex[33];
    for (int i = 0; i < 16; i++)
        snprintf(hex + 2 * i, 3, "%02x", st[i]);
    int n = snprintf(t->text + t->len, sizeof t->text - t->len, "round[%2d].%-9s%s\n", round, label, hex);
    if (n > 0 && (size_t)n < sizeof t->text - t->len)
        t->len += (size_t)n;
}

/* Reads the trace lines (those starting "round[") of one section of a
 * project vector file into want; returns the key and input of the section. */
static int read_expected_trace(const char *path, const char *section, struct trace_buf *want,
                               char *key_hex, char *in_hex)
{
    FILE *fp = fopen(path, "r");
    if (fp == NULL) {
        printf("\n  cannot open %s (run the tests from the top of the tree)\n", path);
        return 0;
    }
    char line[512];
    int in_section = 0;
    want->len = 0;
    key_hex[0] = in_hex[0] = '\0';
    while (fgets(line, sizeof line, fp)) {
        line[strcspn(line, "\r\n")] = '\0';
        if (line[0] == '[') {
            in_section = strncmp(line + 1, section, strlen(section)) == 0 && line[1 + strlen(section)] == ']';
            continue;
        }
        if (!in_section)
            continue;
        if (strncmp(line, "KEY = ", 6) == 0)
            snprintf(key_hex, 65, "%.64s", line + 6);
        else if (strncmp(line, "INPUT = ", 8) == 0)
            snprintf(in_hex, 33, "%.32s", line + 8);
        else if (strncmp(line, "round[", 6) == 0) {
            int n = snprintf(want->text + want->len, sizeof want->text - want->len, "%s\n", line);
            if (n > 0 && (size_t)n < sizeof want->text - want->len)
                want->len += (size_t)n;
        }
    }
    fclose(fp);
    return want->len > 0 && key_hex[0] && in_hex[0];
}

static void check_trace_file(const char *path, const char *section, int decrypt)
{
    struct trace_buf want, got;
    char key_hex[65], in_hex[33];
    CU_ASSERT_TRUE_FATAL(read_expected_trace(path, section, &want, key_hex, in_hex));
    uint8_t key[32], in[16], out[16];
    size_t key_len = tu_hex(key_hex, key, sizeof key);
    CU_ASSERT_EQUAL(tu_hex(in_hex, in, sizeof in), 16);
    aes_ctx ctx;
    got.len = 0;
    CL_ASSERT_OK(aes_init(&ctx, key, key_len));
    CL_ASSERT_OK(aes_set_trace(&ctx, collect, &got));
    CL_ASSERT_OK(decrypt ? aes_decrypt_block(&ctx, in, out) : aes_encrypt_block(&ctx, in, out));
    if (got.len != want.len || memcmp(got.text, want.text, want.len) != 0) {
        /* print the first differing line, expected and actual */
        const char *a = want.text, *b = got.text;
        while (*a && *a == *b) { a++; b++; }
        while (a > want.text && a[-1] != '\n') { a--; b--; }
        printf("\n  %s [%s]: trace differs\n  expected: %.51s\n  actual:   %.51s\n", path, section, a, b);
        CU_FAIL("Appendix C trace differs");
    }
    /* the trace hook costs nothing when unset: same result without it */
    uint8_t out2[16];
    CL_ASSERT_OK(aes_set_trace(&ctx, NULL, NULL));
    CL_ASSERT_OK(decrypt ? aes_decrypt_block(&ctx, in, out2) : aes_encrypt_block(&ctx, in, out2));
    CL_ASSERT_BYTES_EQ("output with and without trace", out, out2, 16);
    aes_clear(&ctx);
}

static void test_appendix_c1(void)
{
    check_trace_file("vectors/aes/fips197-appendix-c1-aes128.txt", "CIPHER", 0);
    check_trace_file("vectors/aes/fips197-appendix-c1-aes128.txt", "INVERSE CIPHER", 1);
}

static void test_appendix_c2(void)
{
    check_trace_file("vectors/aes/fips197-appendix-c2-aes192.txt", "CIPHER", 0);
    check_trace_file("vectors/aes/fips197-appendix-c2-aes192.txt", "INVERSE CIPHER", 1);
}

static void test_appendix_c3(void)
{
    check_trace_file("vectors/aes/fips197-appendix-c3-aes256.txt", "CIPHER", 0);
    check_trace_file("vectors/aes/fips197-appendix-c3-aes256.txt", "INVERSE CIPHER", 1);
}

/* Appendix C outputs embedded too, so a damaged vector file cannot hide a bug. */
static void test_appendix_c_outputs(void)
{
    static const char *keys[3] = {
        "000102030405060708090a0b0c0d0e0f",
        "000102030405060708090a0b0c0d0e0f1011121314151617",
        "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f",
    };
    static const char *cts[3] = {
        "69c4e0d86a7b0430d8cdb78070b4c55a",
        "dda97ca4864cdfe06eaf70a0ec0d7191",
        "8ea2b7ca516745bfeafc49904b496089",
    };
    uint8_t key[32], pt[16], ct[16], out[16];
    tu_hex("00112233445566778899aabbccddeeff", pt, sizeof pt);
    for (int i = 0; i < 3; i++) {
        aes_ctx ctx;
        size_t kl = tu_hex(keys[i], key, sizeof key);
        tu_hex(cts[i], ct, sizeof ct);
        CL_ASSERT_OK(aes_init(&ctx, key, kl));
        CU_ASSERT_EQUAL(ctx.Nk, (int)kl / 4);
        CU_ASSERT_EQUAL(ctx.Nr, (int)kl / 4 + 6);
        CL_ASSERT_OK(aes_encrypt_block(&ctx, pt, out));
        CL_ASSERT_BYTES_EQ("Cipher", ct, out, 16);
        CL_ASSERT_OK(aes_decrypt_block(&ctx, ct, out));
        CL_ASSERT_BYTES_EQ("InvCipher", pt, out, 16);
        memcpy(out, pt, 16);                          /* in and out may alias */
        CL_ASSERT_OK(aes_encrypt_block(&ctx, out, out));
        CL_ASSERT_BYTES_EQ("Cipher in place", ct, out, 16);
        aes_clear(&ctx);
    }
}

static void test_aes_bad_input(void)
{
    aes_ctx ctx;
    uint8_t key[33] = { 0 }, blk[16] = { 0 };
    static const size_t bad_lens[] = { 0, 1, 15, 17, 20, 23, 25, 31, 33 };
    for (size_t i = 0; i < sizeof bad_lens / sizeof bad_lens[0]; i++)
        CL_ASSERT_STATUS(aes_init(&ctx, key, bad_lens[i]), CL_ERR_KEY_LENGTH);
    CL_ASSERT_STATUS(aes_init(NULL, key, 16), CL_ERR_NULL_POINTER);
    CL_ASSERT_STATUS(aes_init(&ctx, NULL, 16), CL_ERR_NULL_POINTER);
    CL_ASSERT_OK(aes_init_impl(&ctx, key, 16, AES_IMPL_TTABLE));
    CL_ASSERT_STATUS(aes_init_impl(&ctx, key, 16, (aes_impl)99), CL_ERR_BAD_ARGUMENT);
    CL_ASSERT_OK(aes_init(&ctx, key, 16));
    CU_ASSERT_EQUAL(ctx.impl, aes_default_impl());   /* aesni or ct, or $CRYPTOLAB_AES_IMPL */
    CU_ASSERT_NOT_EQUAL(ctx.impl, AES_IMPL_DEFAULT);
    CL_ASSERT_STATUS(aes_encrypt_block(NULL, blk, blk), CL_ERR_NULL_POINTER);
    CL_ASSERT_STATUS(aes_encrypt_block(&ctx, NULL, blk), CL_ERR_NULL_POINTER);
    CL_ASSERT_STATUS(aes_decrypt_block(&ctx, blk, NULL), CL_ERR_NULL_POINTER);
    CL_ASSERT_STATUS(aes_set_trace(NULL, NULL, NULL), CL_ERR_NULL_POINTER);
    aes_clear(&ctx);                                  /* a cleared context is refused */
    CL_ASSERT_STATUS(aes_encrypt_block(&ctx, blk, blk), CL_ERR_STATE);
    CL_ASSERT_STATUS(aes_decrypt_block(&ctx, blk, blk), CL_ERR_STATE);
    for (size_t i = 0; i < sizeof ctx; i++)
        CU_ASSERT_EQUAL_FATAL(((uint8_t *)&ctx)[i], 0);
    aes_clear(NULL);
}

/* ------------------------------------------------------------------ modes */

/* SP 800-38A Appendix F: the common plaintext of F.1, F.2, F.5 */
static const char *sp_pt =
    "6bc1bee22e409f96e93d7e117393172aae2d8a571e03ac9c9eb76fac45af8e51"
    "30c81c46a35ce411e5fbc1191a0a52eff69f2445df4f9b17ad2b417be66c3710";
static const char *sp_keys[3] = {
    "2b7e151628aed2a6abf7158809cf4f3c",
    "8e73b0f7da0e6452c810f32b809079e562f8ead2522c6b7b",
    "603deb1015ca71be2b73aef0857d77811f352c073b6108d72d9810a30914dff4",
};

/* One message through the streaming API in one call each; returns total length. */
static size_t one_shot(aes_mode mode, int enc, const uint8_t *key, size_t kl, const uint8_t *iv,
                       int pad, const uint8_t *in, size_t n, uint8_t *out, cl_status *st_out)
{
    aes_mode_ctx m;
    size_t a = 0, b = 0;
    cl_status st = aes_mode_init(&m, mode, enc, key, kl, iv, iv ? 16 : 0, pad);
    if (st == CL_OK)
        st = aes_mode_update(&m, in, n, out, n + 16, &a);
    if (st == CL_OK)
        st = aes_mode_final(&m, out + a, 16, &b);
    aes_mode_clear(&m);
    *st_out = st;
    return a + b;
}

static void check_sp(aes_mode mode, const char *iv_hex, const char *const ct_hex[3])
{
    uint8_t key[32], iv[16], pt[64], ct[64], out[96];
    tu_hex(sp_pt, pt, sizeof pt);
    if (iv_hex)
        tu_hex(iv_hex, iv, sizeof iv);
    for (int k = 0; k < 3; k++) {
        size_t kl = tu_hex(sp_keys[k], key, sizeof key);
        tu_hex(ct_hex[k], ct, sizeof ct);
        cl_status st;
        size_t n = one_shot(mode, 1, key, kl, iv_hex ? iv : NULL, 0, pt, 64, out, &st);
        CL_ASSERT_OK(st);
        CU_ASSERT_EQUAL(n, 64);
        CL_ASSERT_BYTES_EQ("SP 800-38A encrypt", ct, out, 64);
        n = one_shot(mode, 0, key, kl, iv_hex ? iv : NULL, 0, ct, 64, out, &st);
        CL_ASSERT_OK(st);
        CU_ASSERT_EQUAL(n, 64);
        CL_ASSERT_BYTES_EQ("SP 800-38A decrypt", pt, out, 64);
    }
}

static void test_sp800_38a(void)
{
    /* F.1.1/F.1.3/F.1.5 ECB-AES128/192/256.Encrypt (and F.1.2/4/6 Decrypt) */
    static const char *const ecb[3] = {
        "3ad77bb40d7a3660a89ecaf32466ef97f5d3d58503b9699de785895a96fdbaaf"
        "43b1cd7f598ece23881b00e3ed0306887b0c785e27e8ad3f8223207104725dd4",
        "bd334f1d6e45f25ff712a214571fa5cc974104846d0ad3ad7734ecb3ecee4eef"
        "ef7afd2270e2e60adce0ba2face6444e9a4b41ba738d6c72fb16691603c18e0e",
        "f3eed1bdb5d2a03c064b5a7e3db181f8591ccb10d410ed26dc5ba74a31362870"
        "b6ed21b99ca6f4f9f153e7b1beafed1d23304b7a39f9f3ff067d8d8f9e24ecc7",
    };
    /* F.2.1/3/5 CBC-AES128/192/256.Encrypt (and F.2.2/4/6 Decrypt) */
    static const char *const cbc[3] = {
        "7649abac8119b246cee98e9b12e9197d5086cb9b507219ee95db113a917678b2"
        "73bed6b8e3c1743b7116e69e222295163ff1caa1681fac09120eca307586e1a7",
        "4f021db243bc633d7178183a9fa071e8b4d9ada9ad7dedf4e5e738763f69145a"
        "571b242012fb7ae07fa9baac3df102e008b0e27988598881d920a9e64f5615cd",
        "f58c4c04d6e5f1ba779eabfb5f7bfbd69cfc4e967edb808d679f777bc6702c7d"
        "39f23369a9d9bacfa530e26304231461b2eb05e2c39be9fcda6c19078c6a9d1b",
    };
    /* F.5.1/3/5 CTR-AES128/192/256.Encrypt (and F.5.2/4/6 Decrypt) */
    static const char *const ctr[3] = {
        "874d6191b620e3261bef6864990db6ce9806f66b7970fdff8617187bb9fffdff"
        "5ae4df3edbd5d35e5b4f09020db03eab1e031dda2fbe03d1792170a0f3009cee",
        "1abc932417521ca24f2b0459fe7e6e0b090339ec0aa6faefd5ccc2c6f4ce8e94"
        "1e36b26bd1ebc670d1bd1d665620abf74f78a7f6d29809585a97daec58c6b050",
        "601ec313775789a5b7a7f504bbf3d228f443e3ca4d62b59aca84e990cacaf5c5"
        "2b0930daa23de94ce87017ba2d84988ddfc9c58db67aada613c2dd08457941a6",
    };
    check_sp(AES_MODE_ECB, NULL, ecb);
    check_sp(AES_MODE_CBC, "000102030405060708090a0b0c0d0e0f", cbc);
    check_sp(AES_MODE_CTR, "f0f1f2f3f4f5f6f7f8f9fafbfcfdfeff", ctr);
}

static void test_pkcs7(void)
{
    uint8_t key[16] = { 0 }, iv[16] = { 0 }, buf[64], out[96], back[96];
    cl_status st;
    for (size_t n = 0; n <= 33; n++) {
        memset(buf, 0xa5, n);
        for (int mode = AES_MODE_ECB; mode <= AES_MODE_CBC; mode++) {
            size_t c = one_shot((aes_mode)mode, 1, key, 16, mode == AES_MODE_ECB ? NULL : iv, 1, buf, n, out, &st);
            CL_ASSERT_OK(st);
            CU_ASSERT_EQUAL(c, (n / 16 + 1) * 16);     /* always 1..16 bytes of padding */
            size_t p = one_shot((aes_mode)mode, 0, key, 16, mode == AES_MODE_ECB ? NULL : iv, 1, out, c, back, &st);
            CL_ASSERT_OK(st);
            CU_ASSERT_EQUAL(p, n);
            CL_ASSERT_BYTES_EQ("PKCS#7 round trip", buf, back, n);
            /* the padding bytes themselves (decrypt without padding removal) */
            p = one_shot((aes_mode)mode, 0, key, 16, mode == AES_MODE_ECB ? NULL : iv, 0, out, c, back, &st);
            CL_ASSERT_OK(st);
            for (size_t i = n; i < c; i++)
                CU_ASSERT_EQUAL(back[i], c - n);
        }
    }
}

static void test_bad_padding(void)
{
    uint8_t key[16] = { 1 }, blk[32], ct[32], out[64];
    aes_ctx a;
    cl_status st;
    CL_ASSERT_OK(aes_init(&a, key, 16));
    /* Craft last blocks whose decryption ends in bad padding (ECB: ct = E(pt)). */
    static const struct { int last_n; uint8_t last_val; uint8_t other; } bad[] = {
        { 1, 0x00, 0 }, { 1, 0x11, 0 }, { 1, 0xff, 0 }, { 2, 0x02, 0x03 }, { 16, 0x10, 0x0f },
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        memset(blk, 0x10, 16);
        blk[15] = bad[i].last_val;
        if (bad[i].last_n > 1)
            blk[16 - bad[i].last_n] = bad[i].other;
        CL_ASSERT_OK(aes_encrypt_block(&a, blk, ct));
        size_t n = one_shot(AES_MODE_ECB, 0, key, 16, NULL, 1, ct, 16, out, &st);
        CL_ASSERT_STATUS(st, CL_ERR_BAD_PADDING);
        (void)n;
    }
    /* a good full block of padding is accepted */
    memset(blk, 0x10, 16);
    CL_ASSERT_OK(aes_encrypt_block(&a, blk, ct));
    CU_ASSERT_EQUAL(one_shot(AES_MODE_ECB, 0, key, 16, NULL, 1, ct, 16, out, &st), 0);
    CL_ASSERT_OK(st);
    /* truncated / empty ciphertext */
    one_shot(AES_MODE_ECB, 0, key, 16, NULL, 1, ct, 0, out, &st);
    CL_ASSERT_STATUS(st, CL_ERR_INPUT_LENGTH);
    one_shot(AES_MODE_ECB, 0, key, 16, NULL, 1, ct, 15, out, &st);
    CL_ASSERT_STATUS(st, CL_ERR_INPUT_LENGTH);
    one_shot(AES_MODE_CBC, 0, key, 16, key, 0, ct, 17, out, &st);
    CL_ASSERT_STATUS(st, CL_ERR_INPUT_LENGTH);
    one_shot(AES_MODE_CBC, 1, key, 16, key, 0, ct, 17, out, &st);   /* -nopad encrypt */
    CL_ASSERT_STATUS(st, CL_ERR_INPUT_LENGTH);
    aes_clear(&a);
}

/* Streaming with random splits gives the one-shot result, for every mode. */
static void test_streaming_random_splits(void)
{
    uint64_t rs = 0x5eed0001;
    static uint8_t msg[4096], ref[4096 + 16], got[4096 + 32], back[4096 + 32];
    uint8_t key[32], iv[16];
    for (int trial = 0; trial < 120; trial++) {
        aes_mode mode = (aes_mode)(trial % 3);
        int pad = mode == AES_MODE_CTR ? 0 : (trial / 3) % 2;
        size_t kl = 16 + 8 * (size_t)((trial / 6) % 3);
        size_t n = tu_rand_u32(&rs) % 1500;
        if (!pad && mode != AES_MODE_CTR)
            n -= n % 16;
        tu_rand_bytes(&rs, key, kl);
        tu_rand_bytes(&rs, iv, 16);
        tu_rand_bytes(&rs, msg, n);
        const uint8_t *ivp = mode == AES_MODE_ECB ? NULL : iv;
        cl_status st;
        size_t rn = one_shot(mode, 1, key, kl, ivp, pad, msg, n, ref, &st);
        CL_ASSERT_OK(st);
        for (int dir = 1; dir >= 0; dir--) {
            const uint8_t *src = dir ? msg : ref;
            size_t src_n = dir ? n : rn;
            aes_mode_ctx m;
            CL_ASSERT_OK(aes_mode_init(&m, mode, dir, key, kl, ivp, ivp ? 16 : 0, pad));
            size_t off = 0, total = 0, o;
            uint8_t *dst = dir ? got : back;
            while (off < src_n) {
                size_t chunk = tu_rand_u32(&rs) % 40;
                if (chunk > src_n - off)
                    chunk = src_n - off;
                CL_ASSERT_OK(aes_mode_update(&m, src + off, chunk, dst + total, chunk + 16, &o));
                CU_ASSERT_TRUE(o <= chunk + 16);
                off += chunk;
                total += o;
            }
            CL_ASSERT_OK(aes_mode_final(&m, dst + total, 16, &o));
            total += o;
            if (dir) {
                CU_ASSERT_EQUAL(total, rn);
                CL_ASSERT_BYTES_EQ("streamed ciphertext", ref, got, rn);
            } else {
                CU_ASSERT_EQUAL(total, n);
                CL_ASSERT_BYTES_EQ("streamed plaintext", msg, back, n);
            }
        }
    }
}

/* in == out, also with bytes left over from an earlier call. */
static void test_in_place(void)
{
    uint64_t rs = 77;
    uint8_t key[16], iv[16], msg[200], ref[232], buf[232];
    tu_rand_bytes(&rs, key, 16);
    tu_rand_bytes(&rs, iv, 16);
    tu_rand_bytes(&rs, msg, sizeof msg);
    for (int mode = 0; mode < 3; mode++) {
        const uint8_t *ivp = mode == AES_MODE_ECB ? NULL : iv;
        int pad = mode != AES_MODE_CTR;
        cl_status st;
        size_t rn = one_shot((aes_mode)mode, 1, key, 16, ivp, pad, msg, 200, ref, &st);
        CL_ASSERT_OK(st);
        aes_mode_ctx m;
        size_t o1, o2, o3;
        CL_ASSERT_OK(aes_mode_init(&m, (aes_mode)mode, 1, key, 16, ivp, ivp ? 16 : 0, pad));
        memcpy(buf, msg, 7);
        CL_ASSERT_OK(aes_mode_update(&m, buf, 7, buf, sizeof buf, &o1));
        memcpy(buf + o1, msg + 7, 193);
        CL_ASSERT_OK(aes_mode_update(&m, buf + o1, 193, buf + o1, sizeof buf - o1, &o2));
        CL_ASSERT_OK(aes_mode_final(&m, buf + o1 + o2, 16, &o3));
        CU_ASSERT_EQUAL(o1 + o2 + o3, rn);
        CL_ASSERT_BYTES_EQ("in-place encryption", ref, buf, rn);
    }
}

static void test_modes_bad_input(void)
{
    aes_mode_ctx m;
    uint8_t key[32] = { 0 }, iv[17] = { 0 }, buf[64] = { 0 }, out[80];
    size_t o;
    CL_ASSERT_STATUS(aes_mode_init(NULL, AES_MODE_CBC, 1, key, 16, iv, 16, 1), CL_ERR_NULL_POINTER);
    CL_ASSERT_STATUS(aes_mode_init(&m, AES_MODE_CBC, 1, NULL, 16, iv, 16, 1), CL_ERR_NULL_POINTER);
    CL_ASSERT_STATUS(aes_mode_init(&m, AES_MODE_CBC, 1, key, 15, iv, 16, 1), CL_ERR_KEY_LENGTH);
    CL_ASSERT_STATUS(aes_mode_init(&m, AES_MODE_CBC, 1, key, 16, NULL, 0, 1), CL_ERR_NULL_POINTER);
    CL_ASSERT_STATUS(aes_mode_init(&m, AES_MODE_CBC, 1, key, 16, iv, 15, 1), CL_ERR_IV_LENGTH);
    CL_ASSERT_STATUS(aes_mode_init(&m, AES_MODE_CTR, 1, key, 16, iv, 17, 0), CL_ERR_IV_LENGTH);
    CL_ASSERT_STATUS(aes_mode_init(&m, AES_MODE_ECB, 1, key, 16, iv, 16, 1), CL_ERR_IV_LENGTH);
    CL_ASSERT_STATUS(aes_mode_init(&m, (aes_mode)7, 1, key, 16, iv, 16, 1), CL_ERR_BAD_ARGUMENT);
    /* a failed init leaves a context that refuses to work */
    CL_ASSERT_STATUS(aes_mode_update(&m, buf, 16, out, sizeof out, &o), CL_ERR_STATE);
    CL_ASSERT_OK(aes_mode_init(&m, AES_MODE_CBC, 1, key, 16, iv, 16, 1));
    CL_ASSERT_STATUS(aes_mode_update(&m, buf, 16, out, 31, &o), CL_ERR_OUTPUT_SPACE);
    CL_ASSERT_OK(aes_mode_init(&m, AES_MODE_CBC, 1, key, 16, iv, 16, 1));
    CL_ASSERT_STATUS(aes_mode_update(&m, NULL, 16, out, sizeof out, &o), CL_ERR_NULL_POINTER);
    CL_ASSERT_STATUS(aes_mode_update(NULL, buf, 16, out, sizeof out, &o), CL_ERR_NULL_POINTER);
    CL_ASSERT_OK(aes_mode_update(&m, buf, 16, out, sizeof out, &o));
    CL_ASSERT_STATUS(aes_mode_final(&m, out, 15, &o), CL_ERR_OUTPUT_SPACE);
    /* after final (successful or not) the context is wiped: update/final refused */
    CL_ASSERT_STATUS(aes_mode_update(&m, buf, 16, out, sizeof out, &o), CL_ERR_STATE);
    CL_ASSERT_STATUS(aes_mode_final(&m, out, 16, &o), CL_ERR_STATE);
    CL_ASSERT_OK(aes_mode_init(&m, AES_MODE_ECB, 1, key, 32, NULL, 0, 0));
    CL_ASSERT_OK(aes_mode_final(&m, out, 16, &o));
    CU_ASSERT_EQUAL(o, 0);
    CL_ASSERT_STATUS(aes_mode_final(&m, out, 16, &o), CL_ERR_STATE);
    aes_mode_clear(NULL);
}

static void test_ctr_wrap(void)
{
    uint8_t key[16] = { 0 }, ctr[16], buf[48] = { 0 }, out[64];
    aes_ctx a;
    aes_mode_ctx m;
    size_t o;
    CL_ASSERT_OK(aes_init(&a, key, 16));
    /* counter ff..fe: two blocks fit (fe, ff) and would leave ctr wrapped -> refused;
     * one block is fine. */
    memset(ctr, 0xff, 16);
    ctr[15] = 0xfe;
    CL_ASSERT_STATUS(aes_ctr_xor(&a, ctr, buf, out, 32), CL_ERR_COUNTER_WRAP);
    CU_ASSERT_EQUAL(ctr[15], 0xfe);                       /* nothing advanced */
    CL_ASSERT_OK(aes_ctr_xor(&a, ctr, buf, out, 16));
    CU_ASSERT_EQUAL(ctr[15], 0xff);
    CL_ASSERT_STATUS(aes_ctr_xor(&a, ctr, buf, out, 1), CL_ERR_COUNTER_WRAP);
    CL_ASSERT_STATUS(aes_ctr_xor(NULL, ctr, buf, out, 1), CL_ERR_NULL_POINTER);
    CL_ASSERT_OK(aes_ctr_xor(&a, ctr, NULL, NULL, 0));
    /* carry across bytes: ctr 00..00ffffffffffffffff + 1 block */
    memset(ctr, 0, 8);
    memset(ctr + 8, 0xff, 8);
    CL_ASSERT_OK(aes_ctr_xor(&a, ctr, buf, out, 16));
    CU_ASSERT_EQUAL(ctr[7], 1);
    CU_ASSERT_EQUAL(ctr[15], 0);
    /* streaming: the block under ff..ff is allowed, the next one is refused */
    memset(ctr, 0xff, 16);
    CL_ASSERT_OK(aes_mode_init(&m, AES_MODE_CTR, 1, key, 16, ctr, 16, 0));
    CL_ASSERT_OK(aes_mode_update(&m, buf, 16, out, sizeof out, &o));
    CL_ASSERT_STATUS(aes_mode_update(&m, buf, 1, out, sizeof out, &o), CL_ERR_COUNTER_WRAP);
    aes_clear(&a);
}

/* aes_ctr_xor agrees with the streaming CTR mode and with itself split per record. */
static void test_ctr_xor(void)
{
    uint64_t rs = 99;
    uint8_t key[24], iv[16], ctr[16], msg[300], a[300], b[320];
    tu_rand_bytes(&rs, key, 24);
    tu_rand_bytes(&rs, iv, 16);
    tu_rand_bytes(&rs, msg, 300);
    aes_ctx aes;
    CL_ASSERT_OK(aes_init(&aes, key, 24));
    memcpy(ctr, iv, 16);
    CL_ASSERT_OK(aes_ctr_xor(&aes, ctr, msg, a, 300));
    cl_status st;
    size_t n = one_shot(AES_MODE_CTR, 1, key, 24, iv, 0, msg, 300, b, &st);
    CL_ASSERT_OK(st);
    CU_ASSERT_EQUAL(n, 300);
    CL_ASSERT_BYTES_EQ("aes_ctr_xor vs CTR mode", b, a, 300);
    /* two records of 32 and 268 bytes: the counter continues block-aligned */
    memcpy(ctr, iv, 16);
    CL_ASSERT_OK(aes_ctr_xor(&aes, ctr, msg, a, 32));
    CL_ASSERT_OK(aes_ctr_xor(&aes, ctr, msg + 32, a + 32, 268));
    CL_ASSERT_BYTES_EQ("aes_ctr_xor in two records", b, a, 300);
    /* in place */
    memcpy(ctr, iv, 16);
    memcpy(a, msg, 300);
    CL_ASSERT_OK(aes_ctr_xor(&aes, ctr, a, a, 300));
    CL_ASSERT_BYTES_EQ("aes_ctr_xor in place", b, a, 300);
    aes_clear(&aes);
}

/* No state carries over: message 2 on a re-initialised context equals message 2
 * on a fresh one, even when message 1 was abandoned half-way or failed. */
static void test_state_isolation(void)
{
    uint8_t key[16] = { 9 }, iv[16] = { 3 }, m1[40] = { 1 }, m2[40] = { 2 }, out[80], ref[80];
    for (int mode = 0; mode < 3; mode++) {
        const uint8_t *ivp = mode == AES_MODE_ECB ? NULL : iv;
        int pad = mode != AES_MODE_CTR;
        cl_status st;
        size_t rn = one_shot((aes_mode)mode, 1, key, 16, ivp, pad, m2, 40, ref, &st);
        CL_ASSERT_OK(st);
        aes_mode_ctx m;
        size_t o, o2;
        CL_ASSERT_OK(aes_mode_init(&m, (aes_mode)mode, 1, key, 16, ivp, ivp ? 16 : 0, pad));
        CL_ASSERT_OK(aes_mode_update(&m, m1, 21, out, sizeof out, &o));   /* abandoned */
        CL_ASSERT_OK(aes_mode_init(&m, (aes_mode)mode, 1, key, 16, ivp, ivp ? 16 : 0, pad));
        CL_ASSERT_OK(aes_mode_update(&m, m2, 40, out, sizeof out, &o));
        CL_ASSERT_OK(aes_mode_final(&m, out + o, 16, &o2));
        CU_ASSERT_EQUAL(o + o2, rn);
        CL_ASSERT_BYTES_EQ("second message", ref, out, rn);
        /* the caller's IV is not modified */
        CU_ASSERT_EQUAL(iv[0], 3);
    }
}

/* aes_trace_key_expansion(): the same words as KeyExpansion(), the Appendix
 * A.1 columns of w[4] and A.3's SubWord-only word w[12], argument checks. */
struct kx_record {
    aes_kx_step st[AES_MAX_WORDS];
    int n;
};

static void kx_collect(void *arg, const aes_kx_step *st)
{
    struct kx_record *r = arg;
    if (r->n < AES_MAX_WORDS)
        r->st[r->n++] = *st;
}

static void test_key_expansion_trace(void)
{
    uint8_t key[32];
    uint32_t w[AES_MAX_WORDS];
    static struct kx_record r;
    memset(&r, 0, sizeof r);
    CU_ASSERT_EQUAL(tu_hex("2b7e151628aed2a6abf7158809cf4f3c", key, sizeof key), 16u);
    CU_ASSERT_EQUAL(aes_trace_key_expansion(key, 16, kx_collect, &r), CL_OK);
    KeyExpansion(key, w, 4);
    CU_ASSERT_EQUAL(r.n, 44);
    for (int i = 0; i < r.n; i++) {
        CU_ASSERT_EQUAL(r.st[i].i, i);
        CU_ASSERT_EQUAL(r.st[i].w, w[i]);
        CU_ASSERT_EQUAL(r.st[i].from_key, i < 4);
    }
    /* A.1, i = 4: temp 09cf4f3c, RotWord cf4f3c09, SubWord 8a84eb01, Rcon 01000000,
     * xor 8b84eb01, w[i-Nk] 2b7e1516, w[4] a0fafe17. */
    const aes_kx_step *s4 = &r.st[4];
    CU_ASSERT_EQUAL(s4->uses, AES_KX_ROTWORD | AES_KX_SUBWORD | AES_KX_RCON);
    CU_ASSERT_EQUAL(s4->temp, 0x09cf4f3cu);
    CU_ASSERT_EQUAL(s4->after_rotword, 0xcf4f3c09u);
    CU_ASSERT_EQUAL(s4->after_subword, 0x8a84eb01u);
    CU_ASSERT_EQUAL(s4->rcon, 0x01000000u);
    CU_ASSERT_EQUAL(s4->after_rcon, 0x8b84eb01u);
    CU_ASSERT_EQUAL(s4->w_i_nk, 0x2b7e1516u);
    CU_ASSERT_EQUAL(s4->w, 0xa0fafe17u);
    CU_ASSERT_EQUAL(r.st[5].uses, 0u);
    /* A.3, i = 12 (Nk = 8, i mod Nk = 4): SubWord alone, 2067fcde -> b785b01d. */
    memset(&r, 0, sizeof r);
    CU_ASSERT_EQUAL(tu_hex("603deb1015ca71be2b73aef0857d77811f352c073b6108d72d9810a30914dff4", key, sizeof key), 32u);
    CU_ASSERT_EQUAL(aes_trace_key_expansion(key, 32, kx_collect, &r), CL_OK);
    CU_ASSERT_EQUAL(r.n, 60);
    CU_ASSERT_EQUAL(r.st[12].uses, AES_KX_SUBWORD);
    CU_ASSERT_EQUAL(r.st[12].temp, 0x2067fcdeu);
    CU_ASSERT_EQUAL(r.st[12].after_subword, 0xb785b01du);
    CU_ASSERT_EQUAL(r.st[12].w, 0xa8b09c1au);
    CU_ASSERT_EQUAL(aes_trace_key_expansion(key, 20, kx_collect, &r), CL_ERR_KEY_LENGTH);
    CU_ASSERT_EQUAL(aes_trace_key_expansion(NULL, 16, kx_collect, &r), CL_ERR_NULL_POINTER);
    CU_ASSERT_EQUAL(aes_trace_key_expansion(key, 16, NULL, &r), CL_ERR_NULL_POINTER);
}

void register_aes_suites(void)
{
    CU_pSuite s = tu_add_suite("aes");
    tu_add_test(s, "S-box and inverse from GF(2^8) inverse + affine map (all 256)", test_sbox_derived);
    tu_add_test(s, "xtime and GF(2^8) multiplication (FIPS-197 4.2)", test_xtime);
    tu_add_test(s, "KeyExpansion (Appendix A.1-A.3)", test_key_expansion);
    tu_add_test(s, "KeyExpansion trace: Appendix A's columns", test_key_expansion_trace);
    tu_add_test(s, "Appendix C.1 trace AES-128, both directions", test_appendix_c1);
    tu_add_test(s, "Appendix C.2 trace AES-192, both directions", test_appendix_c2);
    tu_add_test(s, "Appendix C.3 trace AES-256, both directions", test_appendix_c3);
    tu_add_test(s, "Appendix C outputs, in place", test_appendix_c_outputs);
    tu_add_test(s, "bad input", test_aes_bad_input);

    s = tu_add_suite("aes_modes");
    tu_add_test(s, "SP 800-38A F.1 ECB, F.2 CBC, F.5 CTR", test_sp800_38a);
    tu_add_test(s, "PKCS#7 padding, lengths 0..33", test_pkcs7);
    tu_add_test(s, "bad padding and truncated ciphertext", test_bad_padding);
    tu_add_test(s, "streaming with random splits", test_streaming_random_splits);
    tu_add_test(s, "in-place operation", test_in_place);
    tu_add_test(s, "bad input", test_modes_bad_input);
    tu_add_test(s, "CTR counter wrap refused", test_ctr_wrap);
    tu_add_test(s, "aes_ctr_xor", test_ctr_xor);
    tu_add_test(s, "no state between messages", test_state_isolation);
}
