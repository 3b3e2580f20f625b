/*
 * tests/fuzz/fuzz_rsa.c -- RSA decryption and signature verification
 * (RFC 8017 §7.1.2, §7.2.2, §8.1.2, §8.2.2) with fuzzed ciphertexts and
 * signatures, on the 2048-bit key of vectors/rsa/rsa_kat_2048.rsp.
 *
 * Input: byte 0 the operation (% 8), byte 1 a length m, then m bytes of
 * message (or OAEP label), then the ciphertext / signature:
 *   0 OAEP-SHA256 decrypt          4 PKCS#1 v1.5 decrypt
 *   1 OAEP-SHA256 decrypt, label   5 textbook (raw RSADP) decrypt
 *   2 PSS-SHA256 verify (any salt) 6 PKCS#1 v1.5 type-1 recover (raw)
 *   3 PKCS#1 v1.5 SHA-256 verify   7 OAEP-SHA1 decrypt
 * Properties: a decryption that succeeds fits the key's limits; failures
 * are the one generic error of each scheme (CL_ERR_DECRYPT / CL_ERR_VERIFY)
 * or a length error, nothing else.
 */
#include "tests/fuzz/fuzz.h"
#include "common/rsp.h"
#include "rsa/rsa.h"
#include "sha256/hash.h"

static rsa_key key;
static size_t k;

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc; (void)argv;
    rsa_gmp_wipe_freed_memory();
    struct rsp_reader r;
    int have = 0;
    rsa_key_init(&key);
    FUZZ_CHECK(cl_rsp_open(&r, FUZZ_TOP "/vectors/rsa/rsa_kat_2048.rsp") == CL_OK);
    while (cl_rsp_next(&r) == CL_OK && r.kind != RSP_EOF && have != 0x1f) {
        if (r.kind != RSP_KEYVAL) continue;
        static const char *names[] = { "n", "e", "d", "p", "q" };
        mpz_ptr dst[] = { key.n, key.e, key.d, key.p, key.q };
        for (int i = 0; i < 5; i++)
            if (!strcmp(r.name, names[i]) && mpz_set_str(dst[i], r.value, 16) == 0) have |= 1 << i;
    }
    cl_rsp_close(&r);
    FUZZ_CHECK(have == 0x1f && rsa_key_complete_crt(&key) == CL_OK);
    k = rsa_key_bytes(&key);
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 2) return 0;
    unsigned op = data[0] % 8;
    size_t m = data[1];
    if (m > size - 2) m = size - 2;
    const uint8_t *msg = data + 2, *c = data + 2 + m;
    size_t c_len = size - 2 - m;
    uint8_t *copy = malloc(c_len ? c_len : 1);    /* exact size for ASan */
    uint8_t out[RSA_MAX_BYTES];
    size_t out_len = 0;
    cl_status st;
    if (!copy) return 0;
    if (c_len) memcpy(copy, c, c_len);
    switch (op) {
    case 0: case 1: case 7:
        st = rsa_oaep_decrypt(&key, op == 7 ? &cl_hash_sha1 : &cl_hash_sha256, op == 1 ? msg : NULL,
                              op == 1 ? m : 0, copy, c_len, out, sizeof out, &out_len);
        FUZZ_CHECK(st == CL_OK || st == CL_ERR_DECRYPT || st == CL_ERR_INPUT_LENGTH);
        if (st == CL_OK) FUZZ_CHECK(out_len <= k - 2 * (op == 7 ? 20 : 32) - 2);
        break;
    case 2:
        st = rsa_pss_verify(&key, &cl_hash_sha256, msg, m, RSA_PSS_SALT_AUTO, copy, c_len);
        FUZZ_CHECK(st == CL_OK || st == CL_ERR_VERIFY || st == CL_ERR_INPUT_LENGTH);
        break;
    case 3:
        st = rsa_pkcs1v15_verify(&key, &cl_hash_sha256, msg, m, copy, c_len);
        FUZZ_CHECK(st == CL_OK || st == CL_ERR_VERIFY || st == CL_ERR_INPUT_LENGTH);
        break;
    case 4:
        st = rsa_pkcs1v15_decrypt(&key, copy, c_len, out, sizeof out, &out_len);
        FUZZ_CHECK(st == CL_OK || st == CL_ERR_DECRYPT || st == CL_ERR_INPUT_LENGTH);
        if (st == CL_OK) FUZZ_CHECK(out_len <= k - 11);
        break;
    case 5:
        st = rsa_textbook_decrypt(&key, copy, c_len, out, sizeof out, &out_len);
        if (st == CL_OK) FUZZ_CHECK(out_len <= k);
        break;
    default:
        st = rsa_pkcs1v15_recover_raw(&key, copy, c_len, out, sizeof out, &out_len);
        if (st == CL_OK) FUZZ_CHECK(out_len <= k - 11);
        break;
    }
    free(copy);
    return 0;
}
