/*
 * tests/test_keyfile.c -- PBKDF2 (RFC 8018 §5.2), PBES2 (§6.2) and the RSA
 * key files (rsa/rsa_keyfile.h): PKCS#1, PKCS#8, encrypted PKCS#8,
 * SubjectPublicKeyInfo, DER and PEM.
 *
 * The key files in vectors/rsa/keys/ were written by the openssl tool (see
 * the README.txt there): reading them checks us against an independent
 * encoder, and writing the same key must reproduce openssl's bytes.
 * PBKDF2 known answers: vectors/sha256/pbkdf2.txt (RFC 7914 §11, RFC 6070).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "testutil.h"
#include "common/rsp.h"
#include "sha256/pbkdf2.h"
#include "rsa/asn1.h"
#include "rsa/pbes2.h"
#include "rsa/pem.h"
#include "rsa/rsa.h"
#include "rsa/rsa_keyfile.h"

#define KEYS "vectors/rsa/keys/"

static uint8_t *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (f == NULL) {
        fprintf(stderr, "\n  cannot open %s (run from the top of the tree)\n", path);
        return NULL;
    }
    uint8_t *buf = malloc(1 << 16);
    *len = buf ? fread(buf, 1, 1 << 16, f) : 0;
    fclose(f);
    return buf;
}

/* ---------------------------------------------------------------- PBKDF2 */

static void test_pbkdf2_vectors(void)
{
    struct rsp_reader r;
    const char *path = "vectors/sha256/pbkdf2.txt";
    CU_ASSERT_FATAL(cl_rsp_open(&r, path) == CL_OK);
    const cl_hash *h = NULL;
    uint8_t P[64], S[64], DK[128], got[128];
    size_t pl = 0, sl = 0, dl = 0;
    unsigned long c = 0;
    int have = 0, cases = 0;
    for (;;) {
        CU_ASSERT_FATAL(cl_rsp_next(&r) == CL_OK);
        int end_of_record = r.kind == RSP_BLANK || r.kind == RSP_EOF || r.kind == RSP_SECTION;
        if (end_of_record && have == 4) {
            CL_ASSERT_OK(pbkdf2_hmac(h, P, pl, S, sl, (uint32_t)c, got, dl));
            char label[64];
            snprintf(label, sizeof label, "PBKDF2-%s c=%lu dkLen=%zu", h->name, c, dl);
            CL_ASSERT_BYTES_EQ(label, DK, got, dl);
            cases++;
        }
        if (end_of_record)
            have = 0;
        if (r.kind == RSP_EOF)
            break;
        if (r.kind == RSP_SECTION)
            h = strstr(r.name, "SHA256") ? &cl_hash_sha256 : &cl_hash_sha1;
        if (r.kind != RSP_KEYVAL)
            continue;
        if (strcmp(r.name, "P") == 0) { pl = tu_hex(r.value, P, sizeof P); have++; }
        else if (strcmp(r.name, "S") == 0) { sl = tu_hex(r.value, S, sizeof S); have++; }
        else if (strcmp(r.name, "c") == 0) { c = strtoul(r.value, NULL, 10); have++; }
        else if (strcmp(r.name, "DK") == 0) { dl = tu_hex(r.value, DK, sizeof DK); have++; }
    }
    cl_rsp_close(&r);
    CU_ASSERT_EQUAL(cases, 12);                   /* 7 HMAC-SHA256 + 5 HMAC-SHA1 */
}

static void test_pbkdf2_arguments(void)
{
    uint8_t dk[40], dk2[40];
    CL_ASSERT_STATUS(pbkdf2_hmac(NULL, (const uint8_t *)"p", 1, (const uint8_t *)"s", 1, 0, dk, 32),
                     CL_ERR_BAD_ARGUMENT);
    CL_ASSERT_STATUS(pbkdf2_hmac(NULL, (const uint8_t *)"p", 1, (const uint8_t *)"s", 1, 1, dk, 0),
                     CL_ERR_BAD_ARGUMENT);
    CL_ASSERT_STATUS(pbkdf2_hmac(NULL, NULL, 1, (const uint8_t *)"s", 1, 1, dk, 32), CL_ERR_NULL_POINTER);
    /* NULL hash is SHA-256; a prefix of a longer output is the shorter output */
    CL_ASSERT_OK(pbkdf2_hmac(NULL, (const uint8_t *)"pw", 2, (const uint8_t *)"salt", 4, 3, dk, 40));
    CL_ASSERT_OK(pbkdf2_hmac(&cl_hash_sha256, (const uint8_t *)"pw", 2, (const uint8_t *)"salt", 4, 3, dk2, 33));
    CL_ASSERT_BYTES_EQ("prefix", dk, dk2, 33);
    /* empty password and salt are allowed (RFC 8018 puts no lower bound) */
    CL_ASSERT_OK(pbkdf2_hmac(NULL, NULL, 0, NULL, 0, 1, dk, 32));
}

/* ---------------------------------------------------------------- PBES2 */

static void test_pbes2_round_trip(void)
{
    pbes2_params p, q;
    uint8_t msg[100], ct[160], pt[200], der[256];
    size_t cl = 0, ml = 0, dl = 0;
    uint64_t seed = 7;
    tu_rand_bytes(&seed, msg, sizeof msg);
    CL_ASSERT_OK(pbes2_params_new(&p));
    CU_ASSERT_EQUAL(p.iterations, 2048);
    CU_ASSERT_EQUAL(p.salt_len, 16);
    CU_ASSERT(p.prf_hash == &cl_hash_sha256);
    for (size_t n = 0; n <= sizeof msg; n += 33) {
        CL_ASSERT_OK(pbes2_encrypt(&p, (const uint8_t *)"secret", 6, msg, n, ct, sizeof ct, &cl));
        CU_ASSERT_EQUAL(cl, (n / 16 + 1) * 16);   /* §6.1.1 step 4 padding: always 1..16 octets */
        CL_ASSERT_OK(pbes2_decrypt(&p, (const uint8_t *)"secret", 6, ct, cl, pt, sizeof pt, &ml));
        CU_ASSERT_EQUAL(ml, n);
        CL_ASSERT_BYTES_EQ("pbes2", msg, pt, n);
        /* wrong password: CL_ERR_PASSWORD (the padding check fails, or rarely
         * passes and the caller's DER check catches it) */
        cl_status st = pbes2_decrypt(&p, (const uint8_t *)"Secret", 6, ct, cl, pt, sizeof pt, &ml);
        CU_ASSERT(st == CL_ERR_PASSWORD || (st == CL_OK && (ml != n || memcmp(pt, msg, n) != 0)));
    }
    CL_ASSERT_STATUS(pbes2_decrypt(&p, (const uint8_t *)"x", 1, ct, 15, pt, sizeof pt, &ml), CL_ERR_PASSWORD);
    CL_ASSERT_STATUS(pbes2_decrypt(&p, (const uint8_t *)"x", 1, ct, 0, pt, sizeof pt, &ml), CL_ERR_PASSWORD);

    /* parameters survive their DER AlgorithmIdentifier */
    der_writer w;
    der_writer_init(&w, der, sizeof der);
    pbes2_write_algid(&w, &p);
    CL_ASSERT_OK(der_writer_result(&w, &dl));
    der_reader r;
    der_error e;
    der_reader_init(&r, der, dl, &e);
    CL_ASSERT_OK(pbes2_read_algid(&r, &q));
    CL_ASSERT_OK(der_finish(&r, NULL));
    CU_ASSERT_EQUAL(q.iterations, p.iterations);
    CU_ASSERT_EQUAL(q.salt_len, p.salt_len);
    CL_ASSERT_BYTES_EQ("salt", p.salt, q.salt, p.salt_len);
    CL_ASSERT_BYTES_EQ("iv", p.iv, q.iv, 16);
    CU_ASSERT(q.prf_hash == &cl_hash_sha256);

    /* a different cipher OID (aes128-CBC, ...1.2) is refused as such */
    for (size_t i = 0; i + 9 <= dl; i++)
        if (memcmp(der + i, DER_OID_AES256_CBC, 9) == 0)
            der[i + 8] = 0x02;
    der_reader_init(&r, der, dl, &e);
    CL_ASSERT_STATUS(pbes2_read_algid(&r, &q), CL_ERR_ASN1_OID);
    CU_ASSERT_STRING_EQUAL(e.oid, "2.16.840.1.101.3.4.1.2");
}

/* ---------------------------------------------------------------- key files */

/* Loads vectors/rsa/keys/NAME as private (or public) key. */
static cl_status load_file(const char *name, int private, const char *pw, rsa_key *key,
                           rsa_key_format *fmt, rsa_keyfile_error *err)
{
    char path[256];
    size_t len = 0;
    snprintf(path, sizeof path, KEYS "%s", name);
    uint8_t *data = slurp(path, &len);
    if (data == NULL)
        return CL_ERR_IO;
    cl_status st = private ? rsa_key_load_private_ex(key, data, len, pw, fmt, err)
                           : rsa_key_load_public_ex(key, data, len, fmt, err);
    free(data);
    return st;
}

static int same_public(const rsa_key *a, const rsa_key *b)
{
    return mpz_cmp(a->n, b->n) == 0 && mpz_cmp(a->e, b->e) == 0;
}

static int same_private(const rsa_key *a, const rsa_key *b)
{
    return same_public(a, b) && mpz_cmp(a->d, b->d) == 0 && mpz_cmp(a->p, b->p) == 0 &&
           mpz_cmp(a->q, b->q) == 0 && mpz_cmp(a->dP, b->dP) == 0 &&
           mpz_cmp(a->dQ, b->dQ) == 0 && mpz_cmp(a->qInv, b->qInv) == 0;
}

/* Encodes key in fmt and compares with the openssl-written file. */
static void check_encoding(const rsa_key *key, rsa_key_format fmt, int pem, const char *name)
{
    char path[256];
    size_t want_len = 0, got_len = 0;
    snprintf(path, sizeof path, KEYS "%s", name);
    uint8_t *want = slurp(path, &want_len), *got = NULL;
    CU_ASSERT_FATAL(want != NULL);
    CL_ASSERT_OK(rsa_key_encode(key, fmt, pem, NULL, &got, &got_len));
    CU_ASSERT_EQUAL(got_len, want_len);
    if (got != NULL && got_len == want_len)
        CL_ASSERT_BYTES_EQ(name, want, got, want_len);
    free(want);
    free(got);
}

static void test_openssl_files(void)
{
    rsa_key ref, k;
    rsa_keyfile_error err;
    rsa_key_format fmt = 0;
    rsa_key_init(&ref);
    rsa_key_init(&k);

    CL_ASSERT_OK(load_file("key2048.pem", 1, NULL, &ref, &fmt, &err));
    CU_ASSERT_EQUAL(fmt, RSA_KEY_PKCS8);
    CU_ASSERT(ref.is_private);
    CU_ASSERT_EQUAL(rsa_key_bytes(&ref), 256);

    static const struct { const char *file; int priv; const char *pw; rsa_key_format fmt; } files[] = {
        {"key2048-pkcs1.pem", 1, NULL, RSA_KEY_PKCS1},
        {"key2048-pkcs1.der", 1, NULL, RSA_KEY_PKCS1},
        {"key2048-enc.pem", 1, "cryptolab", RSA_KEY_PKCS8_ENCRYPTED},
        {"key2048-enc-sha1prf.pem", 1, "cryptolab", RSA_KEY_PKCS8_ENCRYPTED},
        {"key2048-pub.pem", 0, NULL, RSA_KEY_SPKI},
        {"key2048-pub.der", 0, NULL, RSA_KEY_SPKI},
        {"key2048-rsapub.pem", 0, NULL, RSA_KEY_PKCS1_PUBLIC},
    };
    for (size_t i = 0; i < sizeof files / sizeof files[0]; i++) {
        fmt = 0;
        cl_status st = load_file(files[i].file, files[i].priv, files[i].pw, &k, &fmt, &err);
        if (st != CL_OK)
            fprintf(stderr, "\n  %s: %s\n", files[i].file, err.detail);
        CL_ASSERT_OK(st);
        CU_ASSERT_EQUAL(fmt, files[i].fmt);
        CU_ASSERT(files[i].priv ? same_private(&k, &ref) : same_public(&k, &ref));
        CU_ASSERT_EQUAL(k.is_private, files[i].priv);
    }

    /* our encodings are byte for byte openssl's */
    check_encoding(&ref, RSA_KEY_PKCS8, 1, "key2048.pem");
    check_encoding(&ref, RSA_KEY_PKCS1, 1, "key2048-pkcs1.pem");
    check_encoding(&ref, RSA_KEY_PKCS1, 0, "key2048-pkcs1.der");
    check_encoding(&ref, RSA_KEY_SPKI, 1, "key2048-pub.pem");
    check_encoding(&ref, RSA_KEY_SPKI, 0, "key2048-pub.der");
    check_encoding(&ref, RSA_KEY_PKCS1_PUBLIC, 1, "key2048-rsapub.pem");

    /* the contract entry points */
    uint8_t spki[600];
    size_t sl = 0;
    CL_ASSERT_OK(rsa_spki_der(&ref, spki, sizeof spki, &sl));
    CU_ASSERT_EQUAL(sl, 294);
    CL_ASSERT_OK(rsa_spki_from_der(&k, spki, 294));
    CU_ASSERT(same_public(&k, &ref) && !k.is_private);
    CL_ASSERT_STATUS(rsa_spki_der(&ref, spki, 293, &sl), CL_ERR_OUTPUT_SPACE);
    char *pem = NULL;
    size_t pem_len = 0;
    CL_ASSERT_OK(rsa_key_save_private_pem(&ref, NULL, &pem, &pem_len));
    CU_ASSERT_EQUAL(strlen(pem), pem_len);
    CL_ASSERT_OK(rsa_key_load_private(&k, (const uint8_t *)pem, pem_len, NULL));
    CU_ASSERT(same_private(&k, &ref));
    free(pem);

    rsa_key_clear(&ref);
    rsa_key_clear(&k);
}

static void test_encrypted_round_trip(void)
{
    rsa_key ref, k;
    rsa_keyfile_error err;
    rsa_key_init(&ref);
    rsa_key_init(&k);
    CL_ASSERT_OK(load_file("key2048.pem", 1, NULL, &ref, NULL, &err));

    char *pem = NULL;
    size_t len = 0;
    CL_ASSERT_OK(rsa_key_save_private_pem(&ref, "correct horse", &pem, &len));
    CU_ASSERT_FATAL(pem != NULL);
    CU_ASSERT(strncmp(pem, "-----BEGIN ENCRYPTED PRIVATE KEY-----\n", 38) == 0);
    CU_ASSERT(rsa_key_is_encrypted((const uint8_t *)pem, len));
    CL_ASSERT_OK(rsa_key_load_private_ex(&k, (const uint8_t *)pem, len, "correct horse", NULL, &err));
    CU_ASSERT(same_private(&k, &ref));
    /* wrong password, no password */
    CL_ASSERT_STATUS(rsa_key_load_private_ex(&k, (const uint8_t *)pem, len, "correct horsE", NULL, &err),
                     CL_ERR_PASSWORD);
    CU_ASSERT(!k.is_private && mpz_sgn(k.n) == 0);   /* nothing half-loaded */
    CL_ASSERT_STATUS(rsa_key_load_private(&k, (const uint8_t *)pem, len, NULL), CL_ERR_PASSWORD);
    CL_ASSERT_STATUS(rsa_key_load_private(&k, (const uint8_t *)pem, len, ""), CL_ERR_PASSWORD);
    free(pem);

    /* openssl's files: wrong password too */
    CL_ASSERT_STATUS(load_file("key2048-enc.pem", 1, "cryptolaB", &k, NULL, &err), CL_ERR_PASSWORD);
    CL_ASSERT_STATUS(load_file("key2048-enc-sha1prf.pem", 1, "", &k, NULL, &err), CL_ERR_PASSWORD);
    CL_ASSERT_STATUS(load_file("key2048-enc.pem", 1, NULL, &k, NULL, &err), CL_ERR_PASSWORD);

    /* DER form of the encrypted key */
    uint8_t *der = NULL;
    CL_ASSERT_OK(rsa_key_encode(&ref, RSA_KEY_PKCS8_ENCRYPTED, 0, "pw", &der, &len));
    CU_ASSERT(rsa_key_is_encrypted(der, len));
    CL_ASSERT_OK(rsa_key_load_private(&k, der, len, "pw"));
    CU_ASSERT(same_private(&k, &ref));
    free(der);
    CL_ASSERT_STATUS(rsa_key_encode(&ref, RSA_KEY_PKCS8_ENCRYPTED, 1, NULL, &der, &len), CL_ERR_PASSWORD);

    rsa_key_clear(&ref);
    rsa_key_clear(&k);
}

/* Re-encodes a private key from its parts, letting a test break one rule. */
static size_t pkcs1_with(const rsa_key *key, int version, int negate_n, uint8_t *out, size_t cap)
{
    der_writer w;
    size_t len = 0;
    der_writer_init(&w, out, cap);
    der_begin(&w, DER_SEQUENCE);
    der_write_uint(&w, (uint64_t)version);
    if (negate_n) {
        /* -n in two's complement: the same octets as n with the top bit set */
        uint8_t n[520];
        size_t got = 0;
        mpz_export(n + 1, &got, 1, 1, 1, 0, key->n);
        n[0] = 0xFF;
        der_write_tlv(&w, DER_INTEGER, n, got + 1);
    } else {
        der_write_integer_mpz(&w, key->n);
    }
    der_write_integer_mpz(&w, key->e);
    der_write_integer_mpz(&w, key->d);
    der_write_integer_mpz(&w, key->p);
    der_write_integer_mpz(&w, key->q);
    der_write_integer_mpz(&w, key->dP);
    der_write_integer_mpz(&w, key->dQ);
    der_write_integer_mpz(&w, key->qInv);
    der_end(&w);
    CU_ASSERT(der_writer_result(&w, &len) == CL_OK);
    return len;
}

static void test_malformed_keys(void)
{
    rsa_key ref, k;
    rsa_keyfile_error err;
    uint8_t der[4096];
    size_t len;
    rsa_key_init(&ref);
    rsa_key_init(&k);
    CL_ASSERT_OK(load_file("key2048.pem", 1, NULL, &ref, NULL, &err));

    /* a correct re-encoding loads */
    len = pkcs1_with(&ref, 0, 0, der, sizeof der);
    CL_ASSERT_OK(rsa_key_load_private(&k, der, len, NULL));
    /* multi-prime version 1 */
    len = pkcs1_with(&ref, 1, 0, der, sizeof der);
    CL_ASSERT_STATUS(rsa_key_load_private_ex(&k, der, len, NULL, NULL, &err), CL_ERR_ASN1);
    CU_ASSERT(strstr(err.detail, "multi-prime") != NULL);
    /* a negative modulus: FF prefix makes the INTEGER negative (and, since the
     * next octet has its top bit set, non-minimal too: either way refused) */
    len = pkcs1_with(&ref, 0, 1, der, sizeof der);
    CL_ASSERT_STATUS(rsa_key_load_private_ex(&k, der, len, NULL, NULL, &err), CL_ERR_ASN1);
    /* a minimal negative modulus: drop n's leading 00 octet */
    len = pkcs1_with(&ref, 0, 0, der, sizeof der);
    CU_ASSERT_FATAL(der[7] == 0x02 && der[8] == 0x82 && der[11] == 0x00);
    {
        uint8_t bad[4096];
        /* 30 82 LL LL 02 01 00 02 82 01 01 00 <n...>: rewrite to 02 82 01 00 <n...> */
        memcpy(bad, der, 11);
        memcpy(bad + 11, der + 12, len - 12);
        bad[10] = 0x00;                           /* length 0x0101 -> 0x0100 */
        bad[9] = 0x01;
        size_t outer = len - 4 - 1;
        bad[2] = (uint8_t)(outer >> 8);
        bad[3] = (uint8_t)outer;
        CL_ASSERT_STATUS(rsa_key_load_private_ex(&k, bad, len - 1, NULL, NULL, &err), CL_ERR_ASN1);
        CU_ASSERT(strstr(err.detail, "negative modulus") != NULL);
    }
    /* trailing data after the key */
    len = pkcs1_with(&ref, 0, 0, der, sizeof der);
    der[len] = 0;
    CL_ASSERT_STATUS(rsa_key_load_private_ex(&k, der, len + 1, NULL, NULL, &err), CL_ERR_ASN1);
    CU_ASSERT(strstr(err.detail, "trailing") != NULL);
    /* inconsistent key: qInv changed */
    mpz_add_ui(ref.qInv, ref.qInv, 2);
    len = pkcs1_with(&ref, 0, 0, der, sizeof der);
    mpz_sub_ui(ref.qInv, ref.qInv, 2);
    CL_ASSERT_STATUS(rsa_key_load_private_ex(&k, der, len, NULL, NULL, &err), CL_ERR_KEY_INVALID);
    /* every truncation of every format fails cleanly */
    static const rsa_key_format fmts[] = {RSA_KEY_PKCS8, RSA_KEY_PKCS1, RSA_KEY_SPKI, RSA_KEY_PKCS1_PUBLIC};
    for (size_t f = 0; f < 4; f++) {
        uint8_t *enc = NULL;
        size_t el = 0;
        CL_ASSERT_OK(rsa_key_encode(&ref, fmts[f], 0, NULL, &enc, &el));
        int bad_prefix = 0;
        for (size_t cut = 0; cut < el; cut++)
            if (rsa_key_load_any(&k, enc, cut, NULL, NULL, &err) == CL_OK)
                bad_prefix++;
        CU_ASSERT_EQUAL(bad_prefix, 0);
        /* and every single-octet change never crashes (some, inside n, load fine) */
        for (size_t i = 0; i < el; i += 3) {
            enc[i] ^= 0x41;
            (void)rsa_key_load_any(&k, enc, el, NULL, NULL, &err);
            enc[i] ^= 0x41;
        }
        CL_ASSERT_OK(rsa_key_load_any(&k, enc, el, NULL, NULL, &err));
        free(enc);
    }

    /* SPKI with another algorithm OID: id-ecPublicKey */
    uint8_t spki[600];
    size_t sl = 0;
    CL_ASSERT_OK(rsa_spki_der(&ref, spki, sizeof spki, &sl));
    uint8_t ec[600];
    /* 30 82 01 22 30 0d 06 09 <rsaEncryption> 05 00 -> 30 0b 06 07 <ecPublicKey> 05 00 */
    static const uint8_t ec_oid[] = {0x2A, 0x86, 0x48, 0xCE, 0x3D, 0x02, 0x01};
    memcpy(ec, spki, 4);
    ec[4] = 0x30; ec[5] = 0x0B; ec[6] = 0x06; ec[7] = 0x07;
    memcpy(ec + 8, ec_oid, 7);
    memcpy(ec + 15, spki + 17, sl - 17);
    ec[3] = (uint8_t)(spki[3] - 2);
    CL_ASSERT_STATUS(rsa_key_load_public_ex(&k, ec, sl - 2, NULL, &err), CL_ERR_ASN1_OID);
    CU_ASSERT(strstr(err.detail, "1.2.840.10045.2.1") != NULL && strstr(err.detail, "EC key") != NULL);
    CL_ASSERT_STATUS(rsa_spki_from_der(&k, ec, sl - 2), CL_ERR_ASN1_OID);
    /* SPKI with trailing data / missing NULL parameters */
    spki[sl] = 0x00;
    CL_ASSERT_STATUS(rsa_spki_from_der(&k, spki, sl + 1), CL_ERR_ASN1);
    CL_ASSERT_OK(rsa_spki_from_der(&k, spki, sl));

    /* public where private is needed and the reverse */
    CL_ASSERT_STATUS(rsa_key_load_private_ex(&k, spki, sl, NULL, NULL, &err), CL_ERR_NOT_PRIVATE);
    CL_ASSERT_STATUS(load_file("key2048.pem", 0, NULL, &k, NULL, &err), CL_ERR_BAD_ARGUMENT);
    CL_ASSERT_OK(rsa_key_load_any(&k, spki, sl, NULL, NULL, &err));
    CU_ASSERT(!k.is_private);

    /* PEM problems reach the caller as CL_ERR_PEM */
    static const char wrong_label[] = "-----BEGIN CERTIFICATE-----\nAAEC\n-----END CERTIFICATE-----\n";
    CL_ASSERT_STATUS(rsa_key_load_private_ex(&k, (const uint8_t *)wrong_label, sizeof wrong_label - 1,
                                             NULL, NULL, &err), CL_ERR_PEM);
    CU_ASSERT(strstr(err.detail, "CERTIFICATE") != NULL);
    CL_ASSERT_STATUS(rsa_key_load_private(&k, (const uint8_t *)"", 0, NULL), CL_ERR_ASN1);
    CL_ASSERT_STATUS(rsa_key_load_private(&k, (const uint8_t *)"hello", 5, NULL), CL_ERR_PEM);

    /* a public key with an even exponent or e >= n is refused */
    rsa_key pub;
    rsa_key_init(&pub);
    mpz_set(pub.n, ref.n);
    mpz_set_ui(pub.e, 65536);
    CL_ASSERT_OK(rsa_spki_der(&pub, spki, sizeof spki, &sl));
    CL_ASSERT_STATUS(rsa_key_load_public(&k, spki, sl), CL_ERR_KEY_INVALID);
    mpz_set(pub.e, ref.n);
    CL_ASSERT_OK(rsa_spki_der(&pub, spki, sizeof spki, &sl));
    CL_ASSERT_STATUS(rsa_key_load_public(&k, spki, sl), CL_ERR_KEY_INVALID);
    CL_ASSERT_STATUS(rsa_private_pkcs8_der(&pub, der, sizeof der, &len), CL_ERR_NOT_PRIVATE);
    /* a 256-bit modulus is below RSA_MIN_BITS */
    mpz_set_ui(pub.n, 1);
    mpz_mul_2exp(pub.n, pub.n, 255);
    mpz_add_ui(pub.n, pub.n, 1);
    mpz_set_ui(pub.e, 65537);
    CL_ASSERT_OK(rsa_spki_der(&pub, spki, sizeof spki, &sl));
    CL_ASSERT_STATUS(rsa_key_load_public_ex(&k, spki, sl, NULL, &err), CL_ERR_KEY_SIZE);
    CU_ASSERT(strstr(err.detail, "256 bits") != NULL);
    rsa_key_clear(&pub);

    /* changes in the PBES2 header of an encrypted key never crash and never load */
    uint8_t *enc = NULL;
    size_t el = 0;
    CL_ASSERT_OK(rsa_key_encode(&ref, RSA_KEY_PKCS8_ENCRYPTED, 0, "pw", &enc, &el));
    int loaded = 0;
    for (size_t i = 0; i < 110 && enc != NULL; i += 5) {
        enc[i] ^= 0x01;
        if (rsa_key_load_private_ex(&k, enc, el, "pw", NULL, &err) == CL_OK)
            loaded++;
        enc[i] ^= 0x01;
    }
    CU_ASSERT_EQUAL(loaded, 0);
    free(enc);

    rsa_key_clear(&ref);
    rsa_key_clear(&k);
}

/* A generated key (rsa_generate) survives every format. */
static void test_generated_round_trip(void)
{
    rsa_key g, k;
    rsa_key_init(&g);
    rsa_key_init(&k);
    CL_ASSERT_OK(rsa_generate(&g, 1024, 65537));
    static const rsa_key_format fmts[] = {RSA_KEY_PKCS8, RSA_KEY_PKCS1, RSA_KEY_PKCS8_ENCRYPTED};
    for (size_t f = 0; f < 3; f++)
        for (int pem = 0; pem <= 1; pem++) {
            uint8_t *enc = NULL;
            size_t el = 0;
            CL_ASSERT_OK(rsa_key_encode(&g, fmts[f], pem, "pw", &enc, &el));
            CL_ASSERT_OK(rsa_key_load_private(&k, enc, el, "pw"));
            CU_ASSERT(same_private(&k, &g));
            free(enc);
        }
    rsa_key_clear(&g);
    rsa_key_clear(&k);
}

void register_keyfile_suites(void);
void register_keyfile_suites(void)
{
    CU_pSuite s = tu_add_suite("pbkdf2");
    tu_add_test(s, "RFC 7914 / RFC 6070 known answers (HMAC-SHA256, HMAC-SHA1)", test_pbkdf2_vectors);
    tu_add_test(s, "arguments (RFC 8018 5.2 step 1)", test_pbkdf2_arguments);

    CU_pSuite p = tu_add_suite("pbes2");
    tu_add_test(p, "round trip, wrong password, AlgorithmIdentifier (RFC 8018 6.2, A.4)", test_pbes2_round_trip);

    CU_pSuite k = tu_add_suite("keyfile");
    tu_add_test(k, "openssl's files read; our encodings byte-identical", test_openssl_files);
    tu_add_test(k, "encrypted PKCS#8: round trip, wrong/missing password", test_encrypted_round_trip);
    tu_add_test(k, "malformed, truncated, inconsistent, wrong-algorithm keys", test_malformed_keys);
    tu_add_test(k, "generated key through every private format", test_generated_round_trip);
}
