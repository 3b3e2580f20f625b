/*
 * tests/test_threads.c -- the library from several threads at once (issue 11
 * §4).  Each thread uses its own contexts on shared, read-only inputs (one
 * RSA key, one message), as a threaded server does; the first calls happen
 * concurrently, so the lazily cached CPU-feature answers and default
 * implementations (aes_fast.c, ghash_clmul.c, sha256_fast.c, sha256_shani.c)
 * are first computed from several threads.  Every thread must get the
 * single-threaded answers; under `make check TSAN=1` ThreadSanitizer also
 * checks that no memory is shared without synchronisation.
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "testutil.h"
#include "aes/gcm.h"
#include "common/outfile.h"
#include "common/random.h"
#include "sha256/hmac.h"
#include "sha256/sha256.h"
#include "rsa/rsa.h"

#define THREADS 4
#define ROUNDS  3

static rsa_key shared_key;
static uint8_t msg[1000];
static uint8_t want_gcm[sizeof msg + 16], want_sha[32], want_hmac[32];
static pthread_barrier_t start;

struct job {
    int id;
    int errors;
    char dir[64];
};

static void check(struct job *j, int ok, const char *what)
{
    if (!ok) {
        j->errors++;
        fprintf(stderr, "\n    thread %d: %s", j->id, what);
    }
}

static void *worker(void *arg)
{
    struct job *j = arg;
    static const uint8_t key[32] = {1, 2, 3}, iv[12] = {4, 5, 6};
    pthread_barrier_wait(&start);          /* all first calls at once */
    for (int r = 0; r < ROUNDS; r++) {
        gcm_ctx g;
        uint8_t out[sizeof msg + 16], back[sizeof msg];
        check(j, gcm_init(&g, key, 32) == CL_OK, "gcm_init");
        check(j, gcm_encrypt(&g, iv, 12, msg, 13, msg, sizeof msg, out, out + sizeof msg, 16) == CL_OK,
              "gcm_encrypt");
        check(j, memcmp(out, want_gcm, sizeof out) == 0, "GCM result differs");
        check(j, gcm_decrypt(&g, iv, 12, msg, 13, out, sizeof msg, out + sizeof msg, 16, back) == CL_OK
                 && memcmp(back, msg, sizeof msg) == 0, "gcm_decrypt");
        gcm_clear(&g);

        uint8_t h[32];
        check(j, sha256_digest(msg, sizeof msg, h) == CL_OK && memcmp(h, want_sha, 32) == 0, "SHA-256");
        check(j, hmac_sha256(key, 32, msg, sizeof msg, h) == CL_OK && memcmp(h, want_hmac, 32) == 0,
              "HMAC-SHA256");
        check(j, hmac_sha256_verify(key, 32, msg, sizeof msg, want_hmac, 32) == CL_OK, "HMAC verify");

        /* RSA with the one shared private key: blinding, CRT, fault check */
        uint8_t c[256], m[256];
        size_t c_len = 0, m_len = 0;
        check(j, rsa_oaep_encrypt(&shared_key, NULL, NULL, 0, msg, 100, c, sizeof c, &c_len) == CL_OK,
              "OAEP encrypt");
        check(j, rsa_oaep_decrypt(&shared_key, NULL, NULL, 0, c, c_len, m, sizeof m, &m_len) == CL_OK
                 && m_len == 100 && memcmp(m, msg, 100) == 0, "OAEP decrypt");
        check(j, rsa_pss_sign(&shared_key, NULL, msg, sizeof msg, 32, c, sizeof c, &c_len) == CL_OK
                 && rsa_pss_verify(&shared_key, NULL, msg, sizeof msg, 32, c, c_len) == CL_OK, "PSS");

        /* the safe-output helper, each thread its own file */
        char path[96];
        snprintf(path, sizeof path, "%s/t%d", j->dir, j->id);
        struct cl_outfile o;
        check(j, cl_outfile_open(&o, path, 0600, CL_OUTFILE_SET_MODE) == CL_OK
                 && cl_outfile_write(&o, msg, 64) == CL_OK && cl_outfile_commit(&o) == CL_OK, "outfile");
        unlink(path);
    }
    return NULL;
}

static void test_concurrent_use(void)
{
    char dir[] = "/tmp/cl-threads.XXXXXX";
    CU_ASSERT_FATAL(mkdtemp(dir) != NULL);
    rsa_key_init(&shared_key);
    CU_ASSERT_FATAL(rsa_generate(&shared_key, 2048, 65537) == CL_OK);
    uint64_t s = 3;
    tu_rand_bytes(&s, msg, sizeof msg);
    /* the answers, computed before the threads start */
    {
        static const uint8_t key[32] = {1, 2, 3}, iv[12] = {4, 5, 6};
        gcm_ctx g;
        CL_ASSERT_OK(gcm_init(&g, key, 32));
        CL_ASSERT_OK(gcm_encrypt(&g, iv, 12, msg, 13, msg, sizeof msg, want_gcm, want_gcm + sizeof msg, 16));
        gcm_clear(&g);
        CL_ASSERT_OK(sha256_digest(msg, sizeof msg, want_sha));
        CL_ASSERT_OK(hmac_sha256(key, 32, msg, sizeof msg, want_hmac));
    }
    pthread_t t[THREADS];
    struct job jobs[THREADS];
    CU_ASSERT_FATAL(pthread_barrier_init(&start, NULL, THREADS) == 0);
    for (int i = 0; i < THREADS; i++) {
        jobs[i].id = i;
        jobs[i].errors = 0;
        snprintf(jobs[i].dir, sizeof jobs[i].dir, "%s", dir);
        CU_ASSERT_FATAL(pthread_create(&t[i], NULL, worker, &jobs[i]) == 0);
    }
    int errors = 0;
    for (int i = 0; i < THREADS; i++) {
        pthread_join(t[i], NULL);
        errors += jobs[i].errors;
    }
    pthread_barrier_destroy(&start);
    CU_ASSERT_EQUAL(errors, 0);
    rsa_key_clear(&shared_key);
    CU_ASSERT(rmdir(dir) == 0);
}

void register_threads_suites(void)
{
    CU_pSuite s = tu_add_suite("threads");
    tu_add_test(s, "GCM, SHA-256, HMAC, RSA, outfile from 4 threads at once", test_concurrent_use);
}
