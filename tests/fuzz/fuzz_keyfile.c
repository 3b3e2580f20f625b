/*
 * tests/fuzz/fuzz_keyfile.c -- rsa/rsa_keyfile.c: key files in every
 * format (PKCS#1, PKCS#8, encrypted PKCS#8 with PBES2, SubjectPublicKeyInfo,
 * RSAPublicKey; PEM or DER) as `cryptolab pkey -in FILE` reads them.
 *
 * Input: byte 0, bit 0 set = the password "cryptolab" is given (the test
 * keys' password), else none; the rest is the file.  Property: a key that
 * loads is re-encoded in each format of its kind and loads back to the
 * same numbers.  In the fuzzing build (CL_FUZZING) PBES2's iteration cap
 * is lowered so that one input stays fast (docs/security.md, "Caps").
 */
#include "tests/fuzz/fuzz.h"
#include "common/ct.h"
#include "rsa/rsa_keyfile.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc; (void)argv;
    rsa_gmp_wipe_freed_memory();
    return 0;
}

static int same_key(const rsa_key *a, const rsa_key *b)
{
    if (mpz_cmp(a->n, b->n) || mpz_cmp(a->e, b->e) || a->is_private != b->is_private) return 0;
    if (!a->is_private) return 1;
    return !mpz_cmp(a->d, b->d) && !mpz_cmp(a->p, b->p) && !mpz_cmp(a->q, b->q) &&
           !mpz_cmp(a->dP, b->dP) && !mpz_cmp(a->dQ, b->dQ) && !mpz_cmp(a->qInv, b->qInv);
}

static void round_trip(const rsa_key *key, rsa_key_format fmt, int pem)
{
    uint8_t *out = NULL;
    size_t len = 0;
    rsa_key back;
    rsa_keyfile_error err;
    rsa_key_format got;
    FUZZ_CHECK(rsa_key_encode(key, fmt, pem, NULL, &out, &len) == CL_OK);
    rsa_key_init(&back);
    FUZZ_CHECK(rsa_key_load_any(&back, out, len, NULL, &got, &err) == CL_OK);
    FUZZ_CHECK(got == fmt && same_key(key, &back));
    rsa_key_clear(&back);
    cl_wipe(out, len);
    free(out);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1) return 0;
    const char *pw = (data[0] & 1) ? "cryptolab" : NULL;
    rsa_key key;
    rsa_keyfile_error err;
    rsa_key_format fmt;
    (void)rsa_key_is_encrypted(data + 1, size - 1);
    rsa_key_init(&key);
    if (rsa_key_load_any(&key, data + 1, size - 1, pw, &fmt, &err) == CL_OK) {
        FUZZ_CHECK(rsa_public_check(&key) == CL_OK);
        if (key.is_private) {
            FUZZ_CHECK(rsa_key_check(&key) == CL_OK);
            round_trip(&key, RSA_KEY_PKCS8, 0);
            round_trip(&key, RSA_KEY_PKCS1, 1);
        } else {
            round_trip(&key, RSA_KEY_SPKI, 0);
            round_trip(&key, RSA_KEY_PKCS1_PUBLIC, 1);
        }
    } else {
        FUZZ_CHECK(err.status != CL_OK && err.detail[0] != '\0');
    }
    rsa_key_clear(&key);
    rsa_key_init(&key);
    (void)rsa_key_load_public_ex(&key, data + 1, size - 1, &fmt, &err);
    rsa_key_clear(&key);
    return 0;
}
