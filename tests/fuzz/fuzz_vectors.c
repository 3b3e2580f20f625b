/*
 * tests/fuzz/fuzz_vectors.c -- the vector-file runners behind `cryptolab
 * vectors` (aes/aes_vectors.c, aes/gcm_vectors.c, sha256/sha256_vectors.c,
 * rsa/rsa_vectors.c) on arbitrary files.  The runners recognise a file by
 * its name (AES, RSA) or its content (GCM, SHA-256), so input byte 0
 * chooses the file name from the table below and the runner it goes to;
 * the rest is the file.  Property: a runner either refuses the file or
 * accounts for every case it saw (passed + failed + skipped == cases).
 * Not here: the Monte Carlo files (ECBMCT*.rsp, SHA256Monte.rsp), whose
 * fixed 100,000 block operations per record would only slow the fuzzer
 * down without reaching more parsing code.
 */
#include "tests/fuzz/fuzz.h"
#include "common/vectors.h"
#include "rsa/rsa.h"

static const struct { const char *name; vec_runner_fn run; } files[] = {
    { "sp800-38a-f1-ecb.txt", aes_vectors_run },
    { "sp800-38a-f2-cbc.txt", aes_vectors_run },
    { "sp800-38a-f5-ctr.txt", aes_vectors_run },
    { "fips197-appendix-c1-aes128.txt", aes_vectors_run },
    { "fips197-appendix-a-key-expansion.txt", aes_vectors_run },
    { "CBCMMT128.rsp", aes_vectors_run },
    { "ECBVarKey256.rsp", aes_vectors_run },
    { "CFB8GFSbox128.rsp", aes_vectors_run },
    { "CTR_SP800-38A.rsp", aes_vectors_run },
    { "gcm.rsp", gcm_vectors_run },
    { "sha256.txt", sha256_vectors_run },
    { "rsa_kat_2048.rsp", rsa_vectors_run },
    { "oaep-vect.txt", rsa_vectors_run },
    { "pss-vect.txt", rsa_vectors_run },
    { "pkcs1v15sign-vectors.txt", rsa_vectors_run },
    { "SigVer15_186-3.rsp", rsa_vectors_run },
    { "SigVerPSS_186-3.rsp", rsa_vectors_run },
    { "SigGen15_186-3.rsp", rsa_vectors_run },
    { "KeyGen_RandomProbablyPrime3_3.rsp", rsa_vectors_run },
};
#define N_FILES (sizeof files / sizeof files[0])

static FILE *sink;

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc; (void)argv;
    rsa_gmp_wipe_freed_memory();
    sink = fopen("/dev/null", "w");
    FUZZ_CHECK(sink != NULL);
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1) return 0;
    size_t i = data[0] % N_FILES;
    const char *path = fuzz_write_tmp_named(files[i].name, data + 1, size - 1);
    struct vec_result res;
    memset(&res, 0, sizeof res);
    cl_status st = files[i].run(path, &res, sink);
    if (st == CL_OK)
        FUZZ_CHECK(res.passed + res.failed + res.skipped == res.cases);
    FUZZ_CHECK(memchr(res.note, 0, sizeof res.note) != NULL);
    return 0;
}
