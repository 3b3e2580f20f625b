/*
 * tests/test_rsa.c -- RSA (RFC 8017) on GMP: primitives, OAEP, PSS,
 * PKCS #1 v1.5, textbook RSA, Miller-Rabin (FIPS 186-5 B.3.1, cross-checked
 * with GMP's mpz_probab_prime_p), key generation, and the vector files
 * (project KATs in vectors/rsa/, NIST CAVP and RSA Labs files from
 * $SHARED_VECTORS when present).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "testutil.h"
#include "common/ct.h"
#include "common/vectors.h"
#include "rsa/rsa.h"

/* One 2048-bit and one 1024-bit e = 3 key, generated once for the suite. */
static rsa_key key2048, key_e3;
static int keys_ready;

static int suite_init(void)
{
    rsa_key_init(&key2048);
    rsa_key_init(&key_e3);
    if (rsa_generate(&key2048, 2048, 65537) != CL_OK || rsa_generate(&key_e3, 1024, 3) != CL_OK)
        return 1;
    keys_ready = 1;
    return 0;
}

static int suite_clean(void)
{
    rsa_key_clear(&key2048);
    rsa_key_clear(&key_e3);
    return 0;
}

/* ------------------------------------------------------------------ primitives */

static void test_i2osp_os2ip(void)
{
    uint8_t out[8], want[8] = {0, 0, 0, 0, 0, 0x01, 0x02, 0x03};
    mpz_t x, y;
    mpz_inits(x, y, NULL);
    mpz_set_ui(x, 0x010203);
    CL_ASSERT_OK(rsa_i2osp(x, 8, out));
    CL_ASSERT_BYTES_EQ("I2OSP(0x010203, 8)", want, out, 8);
    rsa_os2ip(y, out, 8);
    CU_ASSERT(mpz_cmp(x, y) == 0);
    /* "integer too large" */
    CL_ASSERT_STATUS(rsa_i2osp(x, 2, out), CL_ERR_OUTPUT_SPACE);
    mpz_set_ui(x, 0);
    CL_ASSERT_OK(rsa_i2osp(x, 3, out));
    CU_ASSERT(out[0] == 0 && out[1] == 0 && out[2] == 0);
    mpz_set_si(x, -1);
    CL_ASSERT_STATUS(rsa_i2osp(x, 3, out), CL_ERR_BAD_ARGUMENT);
    mpz_clears(x, y, NULL);
}

static void test_rsaep_rsadp(void)
{
    rsa_key pub;
    mpz_t m, c, back;
    uint8_t r[256];
    uint64_t st = 42;
    CU_ASSERT_FATAL(keys_ready);
    mpz_inits(m, c, back, NULL);
    rsa_key_init(&pub);
    rsa_key_copy_public(&pub, &key2048);
    for (int i = 0; i < 5; i++) {
        tu_rand_bytes(&st, r, sizeof r);
        r[0] &= 0x3f;
        rsa_os2ip(m, r, sizeof r);
        CL_ASSERT_OK(rsa_rsaep(&pub, c, m));
        CL_ASSERT_OK(rsa_rsadp(&key2048, back, c));
        CU_ASSERT(mpz_cmp(m, back) == 0);
        CL_ASSERT_OK(rsa_rsasp1(&key2048, c, m));
        CL_ASSERT_OK(rsa_rsavp1(&pub, back, c));
        CU_ASSERT(mpz_cmp(m, back) == 0);
    }
    /* representatives out of range, public key where a private one is needed */
    CL_ASSERT_STATUS(rsa_rsaep(&pub, c, pub.n), CL_ERR_INPUT_LENGTH);
    CL_ASSERT_STATUS(rsa_rsadp(&key2048, c, key2048.n), CL_ERR_INPUT_LENGTH);
    mpz_set_si(m, -1);
    CL_ASSERT_STATUS(rsa_rsaep(&pub, c, m), CL_ERR_INPUT_LENGTH);
    CL_ASSERT_STATUS(rsa_rsadp(&pub, c, back), CL_ERR_NOT_PRIVATE);
    rsa_key_clear(&pub);
    mpz_clears(m, c, back, NULL);
}

/* A fault in one CRT half must never be released (Boneh-DeMillo-Lipton). */
static void test_crt_fault_check(void)
{
    rsa_key bad;
    mpz_t m, c;
    CU_ASSERT_FATAL(keys_ready);
    rsa_key_init(&bad);
    rsa_key_copy(&bad, &key2048);
    mpz_add_ui(bad.dP, bad.dP, 2);          /* a "fault" in the p half */
    mpz_inits(m, c, NULL);
    mpz_set_ui(m, 123456789);
    CL_ASSERT_OK(rsa_rsaep(&key2048, c, m));
    CL_ASSERT_STATUS(rsa_rsadp(&bad, m, c), CL_ERR_DECRYPT);
    CL_ASSERT_STATUS(rsa_key_check(&bad), CL_ERR_KEY_INVALID);
    mpz_clears(m, c, NULL);
    rsa_key_clear(&bad);
}

/* The per-call check (no gcd): structural faults are refused up front, and
 * a key that is inconsistent in a way only the full check sees (e*d, dP)
 * still never signs: RSADP's fault check refuses the result. */
static void test_key_check_op(void)
{
    rsa_key k;
    uint8_t H[32] = { 1, 2, 3 }, sig[RSA_MAX_BYTES];
    size_t sig_len = 0;
    CU_ASSERT_FATAL(keys_ready);
    CL_ASSERT_OK(rsa_key_check_op(&key2048, 1));
    rsa_key_init(&k);
    rsa_key_copy_public(&k, &key2048);
    CL_ASSERT_OK(rsa_key_check_op(&k, 0));
    CL_ASSERT_STATUS(rsa_key_check_op(&k, 1), CL_ERR_NOT_PRIVATE);
    rsa_key_copy(&k, &key2048);
    mpz_add_ui(k.p, k.p, 1);                /* even p: mpz_powm_sec must never see it */
    CL_ASSERT_STATUS(rsa_key_check_op(&k, 1), CL_ERR_KEY_INVALID);
    CL_ASSERT_STATUS(rsa_pkcs1v15_sign_digest(&k, NULL, H, sig, sizeof sig, &sig_len), CL_ERR_KEY_INVALID);
    rsa_key_copy(&k, &key2048);
    mpz_set_ui(k.dQ, 0);
    CL_ASSERT_STATUS(rsa_key_check_op(&k, 1), CL_ERR_KEY_INVALID);
    rsa_key_copy(&k, &key2048);
    mpz_add_ui(k.dP, k.dP, 2);              /* consistent shape, wrong value */
    CL_ASSERT_OK(rsa_key_check_op(&k, 1));
    CU_ASSERT(rsa_pkcs1v15_sign_digest(&k, NULL, H, sig, sizeof sig, &sig_len) != CL_OK);
    rsa_key_clear(&k);
}

static void test_key_check(void)
{
    rsa_key k;
    CU_ASSERT_FATAL(keys_ready);
    CL_ASSERT_OK(rsa_key_check(&key2048));
    CU_ASSERT_EQUAL(rsa_key_bytes(&key2048), 256);
    rsa_key_init(&k);
    rsa_key_copy(&k, &key2048);
    mpz_add_ui(k.d, k.d, 2);
    CL_ASSERT_STATUS(rsa_key_check(&k), CL_ERR_KEY_INVALID);
    rsa_key_copy(&k, &key2048);
    mpz_add_ui(k.n, k.n, 2);
    CL_ASSERT_STATUS(rsa_key_check(&k), CL_ERR_KEY_INVALID);
    rsa_key_copy(&k, &key2048);
    mpz_set_ui(k.e, 4);
    CL_ASSERT_STATUS(rsa_key_check(&k), CL_ERR_KEY_INVALID);
    /* factor recovery from (n, e, d) gives the same CRT key */
    rsa_key_copy_public(&k, &key2048);
    mpz_set(k.d, key2048.d);
    CL_ASSERT_OK(rsa_key_recover_factors(&k));
    CU_ASSERT(mpz_cmp(k.p, key2048.p) == 0 && mpz_cmp(k.q, key2048.q) == 0);
    CU_ASSERT(mpz_cmp(k.qInv, key2048.qInv) == 0);
    mpz_add_ui(k.d, k.d, 2);
    CL_ASSERT_STATUS(rsa_key_recover_factors(&k), CL_ERR_KEY_INVALID);
    rsa_key_clear(&k);
}

static void test_mgf1(void)
{
    /* MGF1 prefix property: a shorter mask is a prefix of a longer one,
     * and block i is Hash(seed || I2OSP(i, 4)). */
    uint8_t seed[5] = {1, 2, 3, 4, 5}, m1[100], m2[37], blk[32], in[9];
    CL_ASSERT_OK(rsa_mgf1(NULL, seed, 5, m1, sizeof m1));
    CL_ASSERT_OK(rsa_mgf1(&cl_hash_sha256, seed, 5, m2, sizeof m2));
    CL_ASSERT_BYTES_EQ("MGF1 prefix", m1, m2, sizeof m2);
    memcpy(in, seed, 5);
    in[5] = 0; in[6] = 0; in[7] = 0; in[8] = 2;
    CL_ASSERT_OK(cl_hash_digest(&cl_hash_sha256, in, 9, blk));
    CL_ASSERT_BYTES_EQ("MGF1 block 2", blk, m1 + 64, 32);
}

/* ------------------------------------------------------------------ OAEP */

static void test_oaep(void)
{
    uint8_t c[256], m[256], out[256], lab[3] = {'a', 'b', 'c'};
    size_t c_len, m_len;
    uint64_t st = 7;
    CU_ASSERT_FATAL(keys_ready);
    tu_rand_bytes(&st, m, sizeof m);
    /* lengths 0 .. k - 2hLen - 2 = 190 */
    size_t lens[] = {0, 1, 32, 189, 190};
    for (size_t i = 0; i < sizeof lens / sizeof lens[0]; i++) {
        CL_ASSERT_OK(rsa_oaep_encrypt(&key2048, NULL, lab, 3, m, lens[i], c, sizeof c, &c_len));
        CU_ASSERT_EQUAL(c_len, 256);
        m_len = 999;
        CL_ASSERT_OK(rsa_oaep_decrypt(&key2048, NULL, lab, 3, c, c_len, out, sizeof out, &m_len));
        CU_ASSERT_EQUAL(m_len, lens[i]);
        CL_ASSERT_BYTES_EQ("OAEP round trip", m, out, lens[i]);
    }
    CL_ASSERT_STATUS(rsa_oaep_encrypt(&key2048, NULL, NULL, 0, m, 191, c, sizeof c, &c_len),
                     CL_ERR_RSA_TOO_LONG);
    CL_ASSERT_OK(rsa_oaep_encrypt(&key2048, NULL, lab, 3, m, 16, c, sizeof c, &c_len));
    /* wrong label, flipped bit, truncated, oversized: all the one generic error */
    CL_ASSERT_STATUS(rsa_oaep_decrypt(&key2048, NULL, lab, 2, c, c_len, out, sizeof out, &m_len),
                     CL_ERR_DECRYPT);
    c[100] ^= 1;
    CL_ASSERT_STATUS(rsa_oaep_decrypt(&key2048, NULL, lab, 3, c, c_len, out, sizeof out, &m_len),
                     CL_ERR_DECRYPT);
    c[100] ^= 1;
    CL_ASSERT_STATUS(rsa_oaep_decrypt(&key2048, NULL, lab, 3, c, c_len - 1, out, sizeof out, &m_len),
                     CL_ERR_DECRYPT);
    memset(out, 0xff, sizeof out);
    CL_ASSERT_STATUS(rsa_oaep_decrypt(&key2048, NULL, lab, 3, out, 256, m, sizeof m, &m_len),
                     CL_ERR_DECRYPT);   /* c >= n */
    /* a public key cannot decrypt */
    rsa_key pub;
    rsa_key_init(&pub);
    rsa_key_copy_public(&pub, &key2048);
    CL_ASSERT_STATUS(rsa_oaep_decrypt(&pub, NULL, lab, 3, c, c_len, out, sizeof out, &m_len),
                     CL_ERR_NOT_PRIVATE);
    rsa_key_clear(&pub);
    /* the seeded form is deterministic */
    uint8_t seed[32] = {9}, c2[256];
    size_t c2_len;
    CL_ASSERT_OK(rsa_oaep_encrypt_seeded(&key2048, NULL, NULL, 0, m, 10, seed, c, sizeof c, &c_len));
    CL_ASSERT_OK(rsa_oaep_encrypt_seeded(&key2048, NULL, NULL, 0, m, 10, seed, c2, sizeof c2, &c2_len));
    CL_ASSERT_BYTES_EQ("seeded OAEP", c, c2, 256);
}

/* Every single-byte change of a valid OAEP ciphertext gives CL_ERR_DECRYPT. */
static void test_oaep_every_byte(void)
{
    uint8_t m[20] = "attack at dawn", c[128], out[128];
    size_t c_len, m_len;
    unsigned errors = 0;
    CU_ASSERT_FATAL(keys_ready);
    CL_ASSERT_OK(rsa_oaep_encrypt(&key_e3, NULL, NULL, 0, m, 14, c, sizeof c, &c_len));
    for (size_t i = 0; i < c_len; i++) {
        c[i] ^= 0x80;
        cl_status st = rsa_oaep_decrypt(&key_e3, NULL, NULL, 0, c, c_len, out, sizeof out, &m_len);
        if (st != CL_ERR_DECRYPT) {
            errors++;
            fprintf(stderr, "byte %zu: %s\n", i, cl_strerror(st));
        }
        c[i] ^= 0x80;
    }
    CU_ASSERT_EQUAL(errors, 0);
}

/* ------------------------------------------------------------------ PSS */

static void test_pss(void)
{
    const uint8_t msg[] = "the message";
    uint8_t s[256];
    size_t s_len;
    size_t salts[] = {0, 20, 32, 222};
    CU_ASSERT_FATAL(keys_ready);
    for (size_t i = 0; i < sizeof salts / sizeof salts[0]; i++) {
        CL_ASSERT_OK(rsa_pss_sign(&key2048, NULL, msg, 11, salts[i], s, sizeof s, &s_len));
        CU_ASSERT_EQUAL(s_len, 256);
        CL_ASSERT_OK(rsa_pss_verify(&key2048, NULL, msg, 11, salts[i], s, s_len));
        CL_ASSERT_OK(rsa_pss_verify(&key2048, NULL, msg, 11, RSA_PSS_SALT_AUTO, s, s_len));
        CL_ASSERT_STATUS(rsa_pss_verify(&key2048, NULL, msg, 11, salts[i] + 1, s, s_len), CL_ERR_VERIFY);
        CL_ASSERT_STATUS(rsa_pss_verify(&key2048, NULL, msg, 10, RSA_PSS_SALT_AUTO, s, s_len),
                         CL_ERR_VERIFY);
    }
    CL_ASSERT_OK(rsa_pss_sign(&key2048, NULL, msg, 11, RSA_PSS_SALT_MAX, s, sizeof s, &s_len));
    CL_ASSERT_OK(rsa_pss_verify(&key2048, NULL, msg, 11, 222, s, s_len));
    CL_ASSERT_STATUS(rsa_pss_sign(&key2048, NULL, msg, 11, 223, s, sizeof s, &s_len),
                     CL_ERR_RSA_TOO_LONG);
    s[5] ^= 1;
    CL_ASSERT_STATUS(rsa_pss_verify(&key2048, NULL, msg, 11, RSA_PSS_SALT_AUTO, s, s_len), CL_ERR_VERIFY);
    CL_ASSERT_STATUS(rsa_pss_verify(&key2048, NULL, msg, 11, RSA_PSS_SALT_AUTO, s, s_len - 1),
                     CL_ERR_VERIFY);
    /* 1024-bit key with e = 3: emBits = 1023 is a multiple of 8 minus one */
    CL_ASSERT_OK(rsa_pss_sign(&key_e3, NULL, msg, 11, 32, s, sizeof s, &s_len));
    CL_ASSERT_OK(rsa_pss_verify(&key_e3, NULL, msg, 11, RSA_PSS_SALT_AUTO, s, s_len));
}

/* ------------------------------------------------------------------ MGF1 hash */

/* OAEP and PSS with a different hash inside MGF1 (RFC 8017 A.2.1, A.2.3). */
static void test_mgf1_hash(void)
{
    uint8_t m[64], seed[32], c[256], c2[256], out[256], em[256];
    size_t c_len, c2_len, m_len, em_len;
    uint64_t rs = 11;
    CU_ASSERT_FATAL(keys_ready);
    tu_rand_bytes(&rs, m, sizeof m);
    tu_rand_bytes(&rs, seed, sizeof seed);
    /* NULL or the same hash: exactly the one-hash functions */
    CL_ASSERT_OK(rsa_oaep_encrypt_seeded(&key2048, NULL, m, 3, m, 40, seed, c, sizeof c, &c_len));
    CL_ASSERT_OK(rsa_oaep_encrypt_mgf1(&key2048, NULL, NULL, m, 3, m, 40, seed, c2, sizeof c2, &c2_len));
    CL_ASSERT_BYTES_EQ("OAEP, MGF1 hash NULL", c, c2, 256);
    CL_ASSERT_OK(rsa_oaep_encrypt_mgf1(&key2048, &cl_hash_sha256, &cl_hash_sha256, m, 3, m, 40, seed,
                                       c2, sizeof c2, &c2_len));
    CL_ASSERT_BYTES_EQ("OAEP, MGF1-SHA256 given", c, c2, 256);
    /* SHA-256 with MGF1-SHA-1: another ciphertext, which decrypts only with MGF1-SHA-1 */
    CL_ASSERT_OK(rsa_oaep_encrypt_mgf1(&key2048, &cl_hash_sha256, &cl_hash_sha1, m, 3, m, 40, seed,
                                       c2, sizeof c2, &c2_len));
    CU_ASSERT(memcmp(c, c2, 256) != 0);
    CL_ASSERT_OK(rsa_oaep_decrypt_mgf1(&key2048, &cl_hash_sha256, &cl_hash_sha1, m, 3, c2, c2_len,
                                       out, sizeof out, &m_len));
    CU_ASSERT_EQUAL(m_len, 40);
    CL_ASSERT_BYTES_EQ("OAEP MGF1-SHA1 round trip", m, out, 40);
    CL_ASSERT_STATUS(rsa_oaep_decrypt(&key2048, NULL, m, 3, c2, c2_len, out, sizeof out, &m_len),
                     CL_ERR_DECRYPT);
    CL_ASSERT_STATUS(rsa_oaep_decrypt_mgf1(&key2048, NULL, &cl_hash_sha1, m, 3, c, c_len, out,
                                           sizeof out, &m_len), CL_ERR_DECRYPT);
    /* Recompute §7.1.2 step 3.c-d by hand: seedMask = MGF1-SHA1(maskedDB, 32),
     * so that seed = maskedSeed xor seedMask is the seed we gave. */
    CL_ASSERT_OK(rsa_textbook_decrypt(&key2048, c2, c2_len, em, sizeof em, &em_len));
    CU_ASSERT_EQUAL_FATAL(em_len, 256);
    uint8_t mask[32];
    CL_ASSERT_OK(rsa_mgf1(&cl_hash_sha1, em + 33, 256 - 33, mask, 32));
    for (int i = 0; i < 32; i++)
        mask[i] ^= em[1 + i];
    CL_ASSERT_BYTES_EQ("seed recovered with MGF1-SHA1", seed, mask, 32);
    /* SHA-1 label hash (hLen 20) with MGF1-SHA256, the other way round */
    CL_ASSERT_OK(rsa_oaep_encrypt_mgf1(&key2048, &cl_hash_sha1, &cl_hash_sha256, NULL, 0, m, 64, NULL,
                                       c, sizeof c, &c_len));
    CL_ASSERT_OK(rsa_oaep_decrypt_mgf1(&key2048, &cl_hash_sha1, &cl_hash_sha256, NULL, 0, c, c_len,
                                       out, sizeof out, &m_len));
    CL_ASSERT_BYTES_EQ("OAEP SHA1/MGF1-SHA256 round trip", m, out, 64);
    CL_ASSERT_STATUS(rsa_oaep_encrypt_mgf1(&key2048, &cl_hash_sha256, &cl_hash_sha1, NULL, 0, m, 191,
                                           NULL, c, sizeof c, &c_len), CL_ERR_RSA_TOO_LONG);

    /* PSS */
    uint8_t mh[32], s1[256], s2[256];
    size_t s1_len, s2_len;
    CL_ASSERT_OK(cl_hash_digest(&cl_hash_sha256, m, sizeof m, mh));
    CL_ASSERT_OK(rsa_pss_sign_digest(&key2048, NULL, mh, 32, seed, s1, sizeof s1, &s1_len));
    CL_ASSERT_OK(rsa_pss_sign_digest_mgf1(&key2048, NULL, NULL, mh, 32, seed, s2, sizeof s2, &s2_len));
    CL_ASSERT_BYTES_EQ("PSS, MGF1 hash NULL", s1, s2, 256);
    CL_ASSERT_OK(rsa_pss_sign_digest_mgf1(&key2048, &cl_hash_sha256, &cl_hash_sha1, mh, 32, seed,
                                          s2, sizeof s2, &s2_len));
    CU_ASSERT(memcmp(s1, s2, 256) != 0);
    size_t salts[] = {32, RSA_PSS_SALT_AUTO};
    for (int i = 0; i < 2; i++) {
        CL_ASSERT_OK(rsa_pss_verify_digest_mgf1(&key2048, NULL, &cl_hash_sha1, mh, salts[i], s2, s2_len));
        CL_ASSERT_STATUS(rsa_pss_verify_digest(&key2048, NULL, mh, salts[i], s2, s2_len), CL_ERR_VERIFY);
        CL_ASSERT_STATUS(rsa_pss_verify_digest_mgf1(&key2048, NULL, &cl_hash_sha1, mh, salts[i], s1,
                                                    s1_len), CL_ERR_VERIFY);
    }
    for (size_t sl = 0; sl <= 222; sl += 37) {
        CL_ASSERT_OK(rsa_pss_sign_digest_mgf1(&key2048, NULL, &cl_hash_sha1, mh, sl, NULL, s2,
                                              sizeof s2, &s2_len));
        CL_ASSERT_OK(rsa_pss_verify_digest_mgf1(&key2048, NULL, &cl_hash_sha1, mh, sl, s2, s2_len));
    }
    uint8_t mh1[20];
    CL_ASSERT_OK(cl_hash_digest(&cl_hash_sha1, m, sizeof m, mh1));
    CL_ASSERT_OK(rsa_pss_sign_digest_mgf1(&key2048, &cl_hash_sha1, &cl_hash_sha256, mh1, 20, NULL, s2,
                                          sizeof s2, &s2_len));
    CL_ASSERT_OK(rsa_pss_verify_digest_mgf1(&key2048, &cl_hash_sha1, &cl_hash_sha256, mh1,
                                            RSA_PSS_SALT_AUTO, s2, s2_len));
    CL_ASSERT_STATUS(rsa_pss_verify_digest(&key2048, &cl_hash_sha1, mh1, RSA_PSS_SALT_AUTO, s2, s2_len),
                     CL_ERR_VERIFY);
}

/* ------------------------------------------------------------------ PKCS #1 v1.5 */

static void test_pkcs1v15(void)
{
    const uint8_t msg[] = "abc";
    uint8_t s[256], s2[256], m[256], out[256];
    size_t s_len, s2_len, m_len, c_len;
    CU_ASSERT_FATAL(keys_ready);
    CL_ASSERT_OK(rsa_pkcs1v15_sign(&key2048, NULL, msg, 3, s, sizeof s, &s_len));
    CL_ASSERT_OK(rsa_pkcs1v15_sign(&key2048, NULL, msg, 3, s2, sizeof s2, &s2_len));
    CL_ASSERT_BYTES_EQ("deterministic v1.5 signature", s, s2, 256);
    CL_ASSERT_OK(rsa_pkcs1v15_verify(&key2048, NULL, msg, 3, s, s_len));
    CL_ASSERT_STATUS(rsa_pkcs1v15_verify(&key2048, NULL, msg, 2, s, s_len), CL_ERR_VERIFY);
    CL_ASSERT_STATUS(rsa_pkcs1v15_verify(&key2048, &cl_hash_sha1, msg, 3, s, s_len), CL_ERR_VERIFY);
    s[255] ^= 1;
    CL_ASSERT_STATUS(rsa_pkcs1v15_verify(&key2048, NULL, msg, 3, s, s_len), CL_ERR_VERIFY);
    /* raw type-1 padding (pkeyutl -sign without a digest) */
    CL_ASSERT_OK(rsa_pkcs1v15_sign_raw(&key2048, msg, 3, s, sizeof s, &s_len));
    CL_ASSERT_OK(rsa_pkcs1v15_recover_raw(&key2048, s, s_len, out, sizeof out, &m_len));
    CU_ASSERT(m_len == 3 && memcmp(out, msg, 3) == 0);
    /* RSAES-PKCS1-v1_5 */
    uint64_t st = 3;
    tu_rand_bytes(&st, m, sizeof m);
    CL_ASSERT_OK(rsa_pkcs1v15_encrypt(&key2048, m, 245, s, sizeof s, &c_len));
    CL_ASSERT_OK(rsa_pkcs1v15_decrypt(&key2048, s, c_len, out, sizeof out, &m_len));
    CU_ASSERT(m_len == 245 && memcmp(out, m, 245) == 0);
    CL_ASSERT_STATUS(rsa_pkcs1v15_encrypt(&key2048, m, 246, s, sizeof s, &c_len), CL_ERR_RSA_TOO_LONG);
    CL_ASSERT_OK(rsa_pkcs1v15_encrypt(&key2048, m, 0, s, sizeof s, &c_len));
    CL_ASSERT_OK(rsa_pkcs1v15_decrypt(&key2048, s, c_len, out, sizeof out, &m_len));
    CU_ASSERT_EQUAL(m_len, 0);
    /* a v1.5 SIGNATURE is not a v1.5 ciphertext (block type 1 vs 2) */
    CL_ASSERT_OK(rsa_pkcs1v15_sign_raw(&key2048, msg, 3, s, sizeof s, &s_len));
    mpz_t x, y;
    mpz_inits(x, y, NULL);
    rsa_os2ip(x, s, s_len);
    CL_ASSERT_OK(rsa_rsaep(&key2048, y, x));          /* y = EM with block type 1 */
    CL_ASSERT_OK(rsa_i2osp(y, 256, m));
    CL_ASSERT_OK(rsa_rsaep(&key2048, x, y));
    CL_ASSERT_OK(rsa_i2osp(x, 256, s));
    CL_ASSERT_STATUS(rsa_pkcs1v15_decrypt(&key2048, s, 256, out, sizeof out, &m_len), CL_ERR_DECRYPT);
    mpz_clears(x, y, NULL);
}

/* ------------------------------------------------------------------ textbook */

static void test_textbook(void)
{
    uint8_t m[128] = {0}, c[128], c2[128], out[128];
    size_t len;
    int exact;
    CU_ASSERT_FATAL(keys_ready);
    m[127] = 21;
    CL_ASSERT_OK(rsa_textbook_encrypt(&key_e3, m, 128, c, sizeof c, &len));
    CL_ASSERT_OK(rsa_textbook_decrypt(&key_e3, c, 128, out, sizeof out, &len));
    CL_ASSERT_BYTES_EQ("textbook round trip", m, out, 128);
    /* malleability: c * 2^e decrypts to 2m */
    CL_ASSERT_OK(rsa_textbook_malleate(&key_e3, c, 128, 2, c2, sizeof c2, &len));
    CL_ASSERT_OK(rsa_textbook_decrypt(&key_e3, c2, 128, out, sizeof out, &len));
    CU_ASSERT_EQUAL(out[127], 42);
    /* e = 3 and a short m: the cube root over the integers is m */
    memcpy(m + 100, "short secret message", 20);
    CL_ASSERT_OK(rsa_textbook_encrypt(&key_e3, m, 128, c, sizeof c, &len));
    CL_ASSERT_OK(rsa_integer_root(c, 128, 3, out, sizeof out, &len, &exact));
    CU_ASSERT(exact && len == 28 && memcmp(out, "short secret message", 20) == 0);
    /* inputs of the wrong length */
    CL_ASSERT_STATUS(rsa_textbook_encrypt(&key_e3, m, 127, c, sizeof c, &len), CL_ERR_INPUT_LENGTH);
}

/* ------------------------------------------------------------------ primes and keys */

static void test_miller_rabin(void)
{
    static const unsigned long composites[] = {
        561, 1105, 1729, 2465, 2821, 6601, 8911, 41041, 62745, 825265, /* Carmichael */
        2047, 3277, 4033, 4681, 8321,                                 /* base-2 strong pseudoprimes */
        25326001UL, 3215031751UL                                      /* strong pseudoprimes to 2, 3, 5 (, 7) */
    };
    mpz_t w;
    uint64_t st = 99;
    uint8_t buf[64];
    int prime;
    unsigned mismatches = 0, primes_seen = 0;
    mpz_init(w);
    for (size_t i = 0; i < sizeof composites / sizeof composites[0]; i++) {
        mpz_set_ui(w, composites[i]);
        CL_ASSERT_OK(rsa_miller_rabin(w, 20, NULL, NULL, &prime, NULL));
        CU_ASSERT_EQUAL(prime, 0);
    }
    mpz_set_ui(w, 65537);
    CL_ASSERT_OK(rsa_miller_rabin(w, 10, NULL, NULL, &prime, NULL));
    CU_ASSERT_EQUAL(prime, 1);
    /* 600 random odd 256-bit numbers and 400 numbers near primes: our verdict
     * equals GMP's mpz_probab_prime_p (30 rounds) every time. */
    for (int i = 0; i < 1000; i++) {
        tu_rand_bytes(&st, buf, 32);
        buf[31] |= 1;
        mpz_import(w, 32, 1, 1, 1, 0, buf);
        if (i >= 600)
            mpz_nextprime(w, w), (i & 1) ? mpz_add_ui(w, w, 2) : (void)0;
        CL_ASSERT_OK(rsa_miller_rabin(w, 8, NULL, NULL, &prime, NULL));
        if (prime != (mpz_probab_prime_p(w, 30) != 0))
            mismatches++;
        primes_seen += (unsigned)prime;
    }
    CU_ASSERT_EQUAL(mismatches, 0);
    CU_ASSERT(primes_seen > 200);
    /* trial division */
    mpz_set_ui(w, 3 * 1009);
    CU_ASSERT_EQUAL(rsa_trial_division(w), 3);
    mpz_set_ui(w, 1999UL * 1997UL);
    CU_ASSERT_EQUAL(rsa_trial_division(w), 1997);
    mpz_set_ui(w, 1999);
    CU_ASSERT_EQUAL(rsa_trial_division(w), 0);
    /* FIPS 186-5 Table B.1 */
    CU_ASSERT_EQUAL(rsa_mr_rounds(1024), 5);
    CU_ASSERT_EQUAL(rsa_mr_rounds(1536), 4);
    CU_ASSERT_EQUAL(rsa_mr_rounds(2048), 4);
    mpz_clear(w);
}

static void check_generated(const rsa_key *k, unsigned bits)
{
    mpz_t t;
    mpz_init(t);
    CL_ASSERT_OK(rsa_key_check(k));
    CU_ASSERT_EQUAL(mpz_sizeinbase(k->n, 2), bits);
    CU_ASSERT_EQUAL(mpz_sizeinbase(k->p, 2), bits / 2);
    CU_ASSERT_EQUAL(mpz_sizeinbase(k->q, 2), bits / 2);
    CU_ASSERT(mpz_probab_prime_p(k->p, 30) != 0);
    CU_ASSERT(mpz_probab_prime_p(k->q, 30) != 0);
    mpz_sub(t, k->p, k->q);
    mpz_abs(t, t);
    CU_ASSERT(mpz_sizeinbase(t, 2) > bits / 2 - 100);   /* |p - q| > 2^(nlen/2 - 100) */
    CU_ASSERT(mpz_sizeinbase(k->d, 2) > bits / 2);      /* d > 2^(nlen/2) */
    mpz_clear(t);
}

static void test_keygen(void)
{
    rsa_key k;
    CU_ASSERT_FATAL(keys_ready);
    check_generated(&key2048, 2048);
    check_generated(&key_e3, 1024);
    CU_ASSERT_EQUAL(mpz_get_ui(key2048.e), 65537);
    rsa_key_init(&k);
    CL_ASSERT_OK(rsa_generate(&k, 512, 17));
    check_generated(&k, 512);
    CL_ASSERT_STATUS(rsa_generate(&k, 1000, 65537), CL_ERR_KEY_SIZE);
    CL_ASSERT_STATUS(rsa_generate(&k, 2048, 65536), CL_ERR_BAD_ARGUMENT);
    CL_ASSERT_STATUS(rsa_generate(&k, 2048, 1), CL_ERR_BAD_ARGUMENT);
    rsa_key_clear(&k);
}

static void test_keygen_seeded(void)
{
    rsa_key a, b;
    rsa_lab_rng r1, r2;
    const uint8_t seed[] = "lab seed";
    rsa_key_init(&a);
    rsa_key_init(&b);
    rsa_lab_rng_init(&r1, seed, 8);
    rsa_lab_rng_init(&r2, seed, 8);
    CL_ASSERT_OK(rsa_generate_ex(&a, 512, 65537, rsa_lab_rng_bytes, &r1, NULL, NULL));
    CL_ASSERT_OK(rsa_generate_ex(&b, 512, 65537, rsa_lab_rng_bytes, &r2, NULL, NULL));
    CU_ASSERT(mpz_cmp(a.n, b.n) == 0);
    check_generated(&a, 512);
    rsa_lab_rng_init(&r2, seed, 7);
    CL_ASSERT_OK(rsa_generate_ex(&b, 512, 65537, rsa_lab_rng_bytes, &r2, NULL, NULL));
    CU_ASSERT(mpz_cmp(a.n, b.n) != 0);
    rsa_key_clear(&a);
    rsa_key_clear(&b);
}

/* ------------------------------------------------------------------ vector files */

static void run_vector_file(const char *path, int required)
{
    struct vec_result res;
    FILE *fp = fopen(path, "r");
    if (fp == NULL) {
        if (required)
            CU_FAIL("vector file missing");
        printf("\n    SKIP %s: not found", path);
        return;
    }
    fclose(fp);
    memset(&res, 0, sizeof res);
    CL_ASSERT_OK(rsa_vectors_run(path, &res, stderr));
    if (res.failed != 0 || res.passed == 0)
        fprintf(stderr, "%s: %lu passed, %lu failed\n", path, res.passed, res.failed);
    CU_ASSERT_EQUAL(res.failed, 0);
    CU_ASSERT(res.passed > 0);
}

static void test_own_vectors(void)
{
    run_vector_file("vectors/rsa/rsa_kat_2048.rsp", 1);
}

static void test_shared_vectors(void)
{
    static const char *files[] = {
        "cavp/rsa/SigGen15_186-3.txt", "cavp/rsa/SigGenPSS_186-3.txt",
        "cavp/rsa/SigVer15_186-3.rsp", "cavp/rsa/SigVerPSS_186-3.rsp",
        "cavp/rsa/KeyGen_RandomProbablyPrime3_3.rsp",
        "pkcs1/oaep-vect.txt", "pkcs1/pss-vect.txt", "pkcs1/pkcs1v15sign-vectors.txt",
    };
    char path[1024];
    for (size_t i = 0; i < sizeof files / sizeof files[0]; i++) {
        snprintf(path, sizeof path, "%s/%s", tu_shared_vectors(), files[i]);
        run_vector_file(path, 0);
    }
}

void register_rsa_suites(void)
{
    CU_pSuite s = CU_add_suite("rsa", suite_init, suite_clean);
    if (s == NULL) {
        fprintf(stderr, "CUnit: cannot add suite rsa\n");
        exit(1);
    }
    tu_add_test(s, "I2OSP / OS2IP (RFC 8017 4.1, 4.2)", test_i2osp_os2ip);
    tu_add_test(s, "RSAEP / RSADP / RSASP1 / RSAVP1 (5.1, 5.2)", test_rsaep_rsadp);
    tu_add_test(s, "CRT fault never released", test_crt_fault_check);
    tu_add_test(s, "key consistency check, factor recovery", test_key_check);
    tu_add_test(s, "per-call key check (no gcd), faults still refused", test_key_check_op);
    tu_add_test(s, "MGF1 (B.2.1)", test_mgf1);
    tu_add_test(s, "RSAES-OAEP (7.1)", test_oaep);
    tu_add_test(s, "OAEP: every changed byte is one generic error", test_oaep_every_byte);
    tu_add_test(s, "RSASSA-PSS (8.1), any salt length", test_pss);
    tu_add_test(s, "OAEP and PSS with another MGF1 hash (A.2.1, A.2.3)", test_mgf1_hash);
    tu_add_test(s, "PKCS #1 v1.5 signature and encryption (8.2, 7.2)", test_pkcs1v15);
    tu_add_test(s, "textbook RSA (UNSAFE) and the lab attacks", test_textbook);
    tu_add_test(s, "Miller-Rabin (FIPS 186-5 B.3.1) vs mpz_probab_prime_p", test_miller_rabin);
    tu_add_test(s, "key generation (FIPS 186-5 A.1.3)", test_keygen);
    tu_add_test(s, "seeded lab generator is reproducible", test_keygen_seeded);
    tu_add_test(s, "own known answers (vectors/rsa)", test_own_vectors);
    tu_add_test(s, "CAVP and RSA Labs vectors ($SHARED_VECTORS)", test_shared_vectors);
}
