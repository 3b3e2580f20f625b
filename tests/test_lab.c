/*
 * tests/test_lab.c -- lab/: the deliberately vulnerable targets and the
 * attacks on them, in process (the loopback versions are tests/sh/68 and 69).
 *   - MAC-then-encrypt tells a bad padding (CL_ERR_BAD_PADDING) from a bad
 *     MAC (CL_ERR_AUTH); encrypt-then-MAC answers CL_ERR_DECRYPT to both;
 *   - Vaudenay's attack recovers an MTE record through its padding oracle
 *     and stops with CL_ERR_LAB_NO_ORACLE against the ETM one, after the 256
 *     guesses of one byte;
 *   - the leaky PKCS#1 v1.5 decryption tells its three cases apart;
 *     the TLS premaster rule gives the decrypted premaster for a good
 *     ciphertext and 48 random bytes (different each time) for a bad one;
 *   - Bleichenbacher's attack recovers a 512-bit PKCS#1 v1.5 ciphertext
 *     through a 00 02 oracle, and fails against an oracle that always says
 *     "conforming" (the TLS rule's single answer) or never does.
 */
#include <CUnit/CUnit.h>
#include <gmp.h>
#include <string.h>
#include "testutil.h"
#include "lab/bleichenbacher.h"
#include "lab/cbc_records.h"
#include "lab/padding_oracle.h"
#include "lab/pkcs1_leaky.h"
#include "lab/premaster.h"
#include "rsa/rsa.h"

static const uint8_t ek[16] = "0123456789abcdef";
static const uint8_t mk[32] = "0123456789abcdef0123456789abcdef";
static const char msg[] = "attack at dawn, bring the padding";

static void test_records(void)
{
    uint8_t c[256], p[256];
    size_t cl = 0, pl = 0;
    CL_ASSERT_OK(lab_mte_seal(ek, mk, (const uint8_t *)msg, sizeof msg - 1, c, sizeof c, &cl));
    CL_ASSERT_OK(lab_mte_open(ek, mk, c, cl, p, sizeof p, &pl));
    CU_ASSERT_EQUAL(pl, sizeof msg - 1);
    CL_ASSERT_BYTES_EQ("MTE round trip", msg, p, sizeof msg - 1);
    c[cl - 1] ^= 0x01;                                  /* the last byte: the padding breaks */
    CL_ASSERT_STATUS(lab_mte_open(ek, mk, c, cl, p, sizeof p, &pl), CL_ERR_BAD_PADDING);
    c[cl - 1] ^= 0x01;
    c[16] ^= 0x01;                                      /* first block: padding fine, MAC wrong */
    CL_ASSERT_STATUS(lab_mte_open(ek, mk, c, cl, p, sizeof p, &pl), CL_ERR_AUTH);

    CL_ASSERT_OK(lab_etm_seal(ek, mk, (const uint8_t *)msg, sizeof msg - 1, c, sizeof c, &cl));
    CL_ASSERT_OK(lab_etm_open(ek, mk, c, cl, p, sizeof p, &pl));
    CL_ASSERT_BYTES_EQ("ETM round trip", msg, p, sizeof msg - 1);
    c[cl - 33] ^= 0x01;                                 /* last ciphertext byte */
    CL_ASSERT_STATUS(lab_etm_open(ek, mk, c, cl, p, sizeof p, &pl), CL_ERR_DECRYPT);
    c[cl - 33] ^= 0x01;
    c[16] ^= 0x01;
    CL_ASSERT_STATUS(lab_etm_open(ek, mk, c, cl, p, sizeof p, &pl), CL_ERR_DECRYPT);
}

/* In-process oracles: is the padding of D(K, block) XOR iv valid? */
static int mte_oracle(void *arg, const uint8_t iv[16], const uint8_t block[16])
{
    uint8_t q[32], p[64];
    size_t n;
    (void)arg;
    memcpy(q, iv, 16);
    memcpy(q + 16, block, 16);
    return lab_mte_open(ek, mk, q, 32, p, sizeof p, &n) != CL_ERR_BAD_PADDING;
}

static int etm_oracle(void *arg, const uint8_t iv[16], const uint8_t block[16])
{
    uint8_t q[32], p[64];
    size_t n;
    (void)arg;
    memcpy(q, iv, 16);
    memcpy(q + 16, block, 16);
    return lab_etm_open(ek, mk, q, 32, p, sizeof p, &n) == CL_OK;
}

static void test_padding_oracle(void)
{
    uint8_t c[256], p[256];
    size_t cl = 0;
    unsigned long q = 0;
    CL_ASSERT_OK(lab_mte_seal(ek, mk, (const uint8_t *)msg, sizeof msg - 1, c, sizeof c, &cl));
    CL_ASSERT_OK(lab_po_attack(c, c + 16, cl - 16, mte_oracle, NULL, NULL, NULL, 100000, p, &q));
    CL_ASSERT_BYTES_EQ("recovered by the padding oracle", msg, p, sizeof msg - 1);
    CU_ASSERT_TRUE(q > 0 && q <= (cl - 16) * 260);
    CL_ASSERT_STATUS(lab_po_attack(c, c + 16, cl - 16, mte_oracle, NULL, NULL, NULL, 100, p, &q),
                     CL_ERR_LAB_QUERY_LIMIT);
    CL_ASSERT_OK(lab_etm_seal(ek, mk, (const uint8_t *)msg, sizeof msg - 1, c, sizeof c, &cl));
    CL_ASSERT_STATUS(lab_po_attack(c, c + 16, cl - 16, etm_oracle, NULL, NULL, NULL, 100000, p, &q),
                     CL_ERR_LAB_NO_ORACLE);
    CU_ASSERT_EQUAL(q, 256);
    CL_ASSERT_STATUS(lab_po_attack(c, c + 16, 15, etm_oracle, NULL, NULL, NULL, 10, p, &q), CL_ERR_INPUT_LENGTH);
}

/* ------------------------------------------------------------------ RSA */

static rsa_key key;
static int have_key;

static const rsa_key *lab_key(void)
{
    if (!have_key) {
        rsa_key_init(&key);
        if (rsa_generate(&key, 512, 65537) == CL_OK)
            have_key = 1;
    }
    return have_key ? &key : NULL;
}

/* c^d mod n by the CRT without blinding: fast, for the test oracle only. */
static int starts_0002(void *arg, const uint8_t *c, size_t k)
{
    const rsa_key *kk = arg;
    uint8_t em[RSA_MAX_BYTES];
    mpz_t x, m1, m2;
    mpz_inits(x, m1, m2, NULL);
    rsa_os2ip(x, c, k);
    mpz_powm(m1, x, kk->dP, kk->p);
    mpz_powm(m2, x, kk->dQ, kk->q);
    mpz_sub(m1, m1, m2);                         /* h = (m1 - m2) qInv mod p; m = m2 + q h */
    mpz_mul(m1, m1, kk->qInv);
    mpz_mod(m1, m1, kk->p);
    mpz_mul(m1, m1, kk->q);
    mpz_add(m1, m1, m2);
    rsa_i2osp(m1, k, em);
    mpz_clears(x, m1, m2, NULL);
    return em[0] == 0x00 && em[1] == 0x02;
}

static int always(void *arg, const uint8_t *c, size_t k)
{
    (void)c;
    (void)k;
    return *(const int *)arg;
}

static void test_pkcs1_leaky_and_premaster(void)
{
    const rsa_key *k = lab_key();
    uint8_t pms[48], c[RSA_MAX_BYTES], m[RSA_MAX_BYTES], out[48], out2[48];
    size_t cl = 0, ml = 0, kb;
    static const uint8_t v12[2] = { 3, 3 };
    CU_ASSERT_PTR_NOT_NULL_FATAL(k);
    kb = rsa_key_bytes(k);
    memset(pms, 'p', sizeof pms);
    pms[0] = 3;
    pms[1] = 3;
    CL_ASSERT_OK(rsa_pkcs1v15_encrypt(k, pms, sizeof pms, c, sizeof c, &cl));
    CL_ASSERT_OK(lab_pkcs1v15_decrypt_leaky(k, c, cl, m, sizeof m, &ml));
    CU_ASSERT_EQUAL(ml, 48);
    CL_ASSERT_BYTES_EQ("leaky decryption", pms, m, 48);
    CL_ASSERT_OK(lab_tls_premaster(k, c, cl, v12, out));
    CL_ASSERT_BYTES_EQ("premaster of a good ciphertext", pms, out, 48);
    /* A ciphertext of 00 02 then no zero byte: "padding"; of 00 01 ...: "not 00 02". */
    mpz_t x, y;
    mpz_inits(x, y, NULL);
    memset(m, 0x11, kb);
    m[0] = 0x00;
    m[1] = 0x02;
    rsa_os2ip(x, m, kb);
    CL_ASSERT_OK(rsa_rsaep(k, y, x));
    CL_ASSERT_OK(rsa_i2osp(y, kb, c));
    CL_ASSERT_STATUS(lab_pkcs1v15_decrypt_leaky(k, c, kb, m, sizeof m, &ml), CL_ERR_LAB_PAD_FORMAT);
    CL_ASSERT_STATUS(rsa_pkcs1v15_decrypt(k, c, kb, m, sizeof m, &ml), CL_ERR_DECRYPT);
    CL_ASSERT_OK(lab_tls_premaster(k, c, kb, v12, out));
    CL_ASSERT_OK(lab_tls_premaster(k, c, kb, v12, out2));
    CU_ASSERT_FALSE(memcmp(out, out2, 48) == 0);          /* random each time */
    memset(m, 0x11, kb);
    m[0] = 0x00;
    m[1] = 0x01;
    rsa_os2ip(x, m, kb);
    CL_ASSERT_OK(rsa_rsaep(k, y, x));
    CL_ASSERT_OK(rsa_i2osp(y, kb, c));
    CL_ASSERT_STATUS(lab_pkcs1v15_decrypt_leaky(k, c, kb, m, sizeof m, &ml), CL_ERR_LAB_PAD_0002);
    CL_ASSERT_STATUS(rsa_pkcs1v15_decrypt(k, c, kb, m, sizeof m, &ml), CL_ERR_DECRYPT);
    mpz_clears(x, y, NULL);
}

static void test_bleichenbacher(void)
{
    const rsa_key *k = lab_key();
    uint8_t pms[48], c[RSA_MAX_BYTES], m[RSA_MAX_BYTES];
    size_t cl = 0;
    unsigned long q = 0;
    int yes = 1, no = 0;
    CU_ASSERT_PTR_NOT_NULL_FATAL(k);
    memset(pms, 'b', sizeof pms);
    CL_ASSERT_OK(rsa_pkcs1v15_encrypt(k, pms, sizeof pms, c, sizeof c, &cl));
    CL_ASSERT_OK(lab_bb_attack(k, c, cl, starts_0002, (void *)k, NULL, NULL, 3000000, m, &q));
    CU_ASSERT_EQUAL(m[0], 0x00);
    CU_ASSERT_EQUAL(m[1], 0x02);
    CL_ASSERT_BYTES_EQ("recovered premaster", pms, m + cl - 48, 48);
    CU_ASSERT_TRUE(q > 0);
    CL_ASSERT_STATUS(lab_bb_attack(k, c, cl, always, &yes, NULL, NULL, 100000, m, &q), CL_ERR_LAB_NO_ORACLE);
    CL_ASSERT_STATUS(lab_bb_attack(k, c, cl, always, &no, NULL, NULL, 5000, m, &q), CL_ERR_LAB_QUERY_LIMIT);
    CU_ASSERT_EQUAL(q, 5000);
}

void register_lab_suites(void)
{
    CU_pSuite s = tu_add_suite("lab");
    tu_add_test(s, "MAC-then-encrypt leaks padding vs MAC; encrypt-then-MAC one error", test_records);
    tu_add_test(s, "padding-oracle attack: MTE recovered, ETM no oracle", test_padding_oracle);
    tu_add_test(s, "leaky PKCS#1 v1.5 decryption; TLS premaster rule", test_pkcs1_leaky_and_premaster);
    tu_add_test(s, "Bleichenbacher: 00 02 oracle recovers; constant answers do not", test_bleichenbacher);
}
