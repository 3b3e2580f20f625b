/*
 * tests/bench/bench.c -- `make bench`: cryptolab beside OpenSSL.
 *
 * This program (and only this program) links OpenSSL's libcrypto, as the
 * baseline to measure against; the library and the tools never do.
 *
 * The parent process runs one child per OpenSSL configuration, because
 * OPENSSL_ia32cap must be in the environment before libcrypto initialises:
 *   native   no mask
 *   noaes    OPENSSL_ia32cap=~0x200000200000000  (AES-NI bit 57, PCLMULQDQ bit 33)
 *   nosha    OPENSSL_ia32cap=:~0x20000000         (SHA-NI, bit 29 of the third word)
 *   novec    OPENSSL_ia32cap=:~0x2b0128           (AVX2/BMI/ADX/AVX-512 paths for RSA)
 * A child runs ours and OpenSSL's version of each operation alternately in
 * the same process, several rounds, each timed in thread CPU time, and
 * prints the medians.  The parent checks that each mask really slowed
 * OpenSSL down, times `cryptolab sha256sum` against coreutils `sha256sum`
 * on a cached file, and writes a CSV file, an SVG bar chart and the machine
 * description (docs/bench/ by default), and the table to stdout.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include <gmp.h>
#include <openssl/core_names.h>
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/rsa.h>
#include "aes/aes.h"
#include "aes/aes_fast_internal.h"
#include "aes/aes_modes.h"
#include "aes/gcm.h"
#include "sha256/sha256.h"
#include "sha256/hmac.h"
#include "sha256/sha256_fast_internal.h"
#include "rsa/rsa.h"
#include "textbook_aes.h"

/* ------------------------------------------------------------------ the operations */

enum kind { K_CTR, K_CBC, K_GCM, K_SHA, K_HMAC, K_ECB_TEXTBOOK, K_RSA_SIGN, K_RSA_VERIFY, K_RSA_KEYGEN };

struct op {
    const char *name;       /* shown in the table */
    const char *config;     /* which child runs it */
    enum kind kind;
    const char *impl;       /* our implementation */
    unsigned key_bits;
    size_t size;            /* bytes per operation (0: RSA, counted in ops) */
    double target;          /* ratio ours/baseline wanted (0: none) */
    const char *baseline;   /* "OpenSSL" or "textbook AES" */
};

static const struct op ops[] = {
    { "aes-128-ctr 16KiB",     "native", K_CTR,  "aesni", 128, 16384, 1.0, "OpenSSL" },
    { "aes-256-ctr 16KiB",     "native", K_CTR,  "aesni", 256, 16384, 0, "OpenSSL" },
    { "aes-128-cbc enc 16KiB", "native", K_CBC,  "aesni", 128, 16384, 0, "OpenSSL" },
    { "aes-256-gcm 16KiB",     "native", K_GCM,  "aesni", 256, 16384, 0.8, "OpenSSL" },
    { "aes-256-gcm 1KiB",      "native", K_GCM,  "aesni", 256, 1024, 0, "OpenSSL" },
    { "sha256 16KiB",          "native", K_SHA,  "shani", 0, 16384, 1.0, "OpenSSL" },
    { "sha256 64B",            "native", K_SHA,  "shani", 0, 64, 0, "OpenSSL" },
    { "hmac-sha256 16KiB",     "native", K_HMAC, "shani", 0, 16384, 0, "OpenSSL" },
    { "rsa2048 sign",          "native", K_RSA_SIGN, "gmp", 2048, 0, 0.3, "OpenSSL" },
    { "rsa2048 verify",        "native", K_RSA_VERIFY, "gmp", 2048, 0, 0.7, "OpenSSL" },
    { "rsa2048 keygen",        "native", K_RSA_KEYGEN, "gmp", 2048, 0, 2.0, "OpenSSL" },
    { "aes-128-ecb spec vs textbook", "native", K_ECB_TEXTBOOK, "spec", 128, 16384, 1.0, "textbook AES" },
    { "aes-128-ctr 16KiB",     "noaes",  K_CTR,  "ct", 128, 16384, 0.25, "OpenSSL" },
    { "aes-128-ctr 16KiB",     "noaes",  K_CTR,  "ttable", 128, 16384, 0.35, "OpenSSL" },
    { "aes-128-ctr 16KiB",     "noaes",  K_CTR,  "spec", 128, 16384, 0, "OpenSSL" },
    { "aes-256-gcm 16KiB",     "noaes",  K_GCM,  "ct", 256, 16384, 0, "OpenSSL" },
    { "sha256 16KiB",          "nosha",  K_SHA,  "fast", 0, 16384, 0.65, "OpenSSL" },
    { "sha256 16KiB",          "nosha",  K_SHA,  "spec", 0, 16384, 0, "OpenSSL" },
    { "rsa2048 sign",          "novec",  K_RSA_SIGN, "gmp", 2048, 0, 1.0, "OpenSSL" },
    { "rsa2048 verify",        "novec",  K_RSA_VERIFY, "gmp", 2048, 0, 0, "OpenSSL" },
};
#define N_OPS (sizeof ops / sizeof ops[0])

static const struct { const char *name, *mask; } configs[] = {
    { "native", NULL },
    { "noaes", "~0x200000200000000" },
    { "nosha", ":~0x20000000" },
    { "novec", ":~0x2b0128" },
};
#define N_CONFIGS (sizeof configs / sizeof configs[0])

static void die(const char *fmt, const char *arg)
{
    fprintf(stderr, "cryptolab-bench: ");
    fprintf(stderr, fmt, arg);
    fprintf(stderr, "\n");
    exit(1);
}

static double thread_cpu(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static double wall(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

static double median(double *v, int n)
{
    qsort(v, (size_t)n, sizeof *v, cmp_double);
    return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

/* ------------------------------------------------------------------ state */

struct state {
    const struct op *op;
    uint8_t *buf, *out;
    uint8_t key[32], ctr[16], iv[12], aad[13], tag[16], H[32], sig[1024], rk[176];
    size_t sig_len, ossl_sig_len;
    uint8_t ossl_sig[1024];
    aes_ctx aes;
    aes_mode_ctx mode;
    gcm_ctx gcm;
    rsa_key rsa;
    EVP_CIPHER_CTX *cctx;
    EVP_MD_CTX *mctx;
    EVP_MD *sha;
    EVP_PKEY *pkey;
    EVP_PKEY_CTX *sctx, *vctx;
};

static void check(int ok, const char *what)
{
    if (!ok)
        die("%s failed", what);
}

static aes_impl impl_of(const char *name)
{
    aes_impl impl;
    if (aes_impl_from_name(name, &impl) != CL_OK)
        die("unknown AES implementation %s", name);
    return impl;
}

/* an OpenSSL RSA key, copied into ours (same n, e, p, q) */
static void rsa_share_key(struct state *s)
{
    BIGNUM *bn[4] = { NULL, NULL, NULL, NULL };
    static const char *const names[4] = { OSSL_PKEY_PARAM_RSA_N, OSSL_PKEY_PARAM_RSA_E,
                                          OSSL_PKEY_PARAM_RSA_FACTOR1, OSSL_PKEY_PARAM_RSA_FACTOR2 };
    uint8_t tmp[4][1024];
    int len[4];
    s->pkey = EVP_RSA_gen(s->op->key_bits);
    check(s->pkey != NULL, "EVP_RSA_gen");
    for (int i = 0; i < 4; i++) {
        check(EVP_PKEY_get_bn_param(s->pkey, names[i], &bn[i]) == 1, "EVP_PKEY_get_bn_param");
        len[i] = BN_bn2bin(bn[i], tmp[i]);
        BN_free(bn[i]);
    }
    rsa_key_init(&s->rsa);
    check(rsa_key_set_public(&s->rsa, tmp[0], (size_t)len[0], tmp[1], (size_t)len[1]) == CL_OK,
          "rsa_key_set_public");
    mpz_import(s->rsa.p, (size_t)len[2], 1, 1, 1, 0, tmp[2]);
    mpz_import(s->rsa.q, (size_t)len[3], 1, 1, 1, 0, tmp[3]);
    check(rsa_key_complete_from_pq(&s->rsa) == CL_OK, "rsa_key_complete_from_pq");
    s->sctx = EVP_PKEY_CTX_new(s->pkey, NULL);
    s->vctx = EVP_PKEY_CTX_new(s->pkey, NULL);
    check(s->sctx && s->vctx, "EVP_PKEY_CTX_new");
    check(EVP_PKEY_sign_init(s->sctx) == 1 &&
          EVP_PKEY_CTX_set_rsa_padding(s->sctx, RSA_PKCS1_PADDING) == 1 &&
          EVP_PKEY_CTX_set_signature_md(s->sctx, EVP_sha256()) == 1, "EVP_PKEY_sign_init");
    check(EVP_PKEY_verify_init(s->vctx) == 1 &&
          EVP_PKEY_CTX_set_rsa_padding(s->vctx, RSA_PKCS1_PADDING) == 1 &&
          EVP_PKEY_CTX_set_signature_md(s->vctx, EVP_sha256()) == 1, "EVP_PKEY_verify_init");
    memset(s->H, 0x33, sizeof s->H);
    check(rsa_pkcs1v15_sign_digest(&s->rsa, NULL, s->H, s->sig, sizeof s->sig, &s->sig_len) == CL_OK,
          "rsa_pkcs1v15_sign_digest");
    s->ossl_sig_len = sizeof s->ossl_sig;
    check(EVP_PKEY_sign(s->sctx, s->ossl_sig, &s->ossl_sig_len, s->H, 32) == 1, "EVP_PKEY_sign");
    /* the same key and padding: the signatures must be identical */
    check(s->sig_len == s->ossl_sig_len && memcmp(s->sig, s->ossl_sig, s->sig_len) == 0,
          "identical RSA signatures");
}

static void setup(struct state *s, const struct op *op)
{
    memset(s, 0, sizeof *s);
    s->op = op;
    s->buf = calloc(1, op->size + 64);
    s->out = calloc(1, op->size + 64);
    check(s->buf && s->out, "malloc");
    memset(s->key, 0x42, sizeof s->key);
    memset(s->iv, 0x24, sizeof s->iv);
    memset(s->aad, 0x17, sizeof s->aad);
    size_t kl = op->key_bits / 8;
    switch (op->kind) {
    case K_CTR:
        check(aes_init_impl(&s->aes, s->key, kl, impl_of(op->impl)) == CL_OK, "aes_init_impl");
        s->cctx = EVP_CIPHER_CTX_new();
        check(EVP_EncryptInit_ex(s->cctx, kl == 16 ? EVP_aes_128_ctr() : EVP_aes_256_ctr(), NULL,
                                 s->key, s->ctr) == 1, "EVP_EncryptInit_ex");
        break;
    case K_CBC:
        check(aes_mode_init(&s->mode, AES_MODE_CBC, 1, s->key, kl, s->ctr, 16, 0) == CL_OK &&
              aes_init_impl(&s->mode.aes, s->key, kl, impl_of(op->impl)) == CL_OK, "aes_mode_init");
        s->cctx = EVP_CIPHER_CTX_new();
        check(EVP_EncryptInit_ex(s->cctx, EVP_aes_128_cbc(), NULL, s->key, s->ctr) == 1,
              "EVP_EncryptInit_ex");
        EVP_CIPHER_CTX_set_padding(s->cctx, 0);
        break;
    case K_GCM:
        check(gcm_init_impl(&s->gcm, s->key, kl, impl_of(op->impl)) == CL_OK, "gcm_init_impl");
        s->cctx = EVP_CIPHER_CTX_new();
        check(EVP_EncryptInit_ex(s->cctx, EVP_aes_256_gcm(), NULL, s->key, NULL) == 1,
              "EVP_EncryptInit_ex");
        break;
    case K_SHA:
    case K_HMAC: {
        sha256_impl si;
        check(sha256_impl_from_name(op->impl, &si) == CL_OK, "sha256 impl");
        sha256_impl_override(si);
        s->sha = EVP_MD_fetch(NULL, "SHA256", NULL);
        s->mctx = EVP_MD_CTX_new();
        check(s->sha && s->mctx, "EVP_MD_fetch");
        break;
    }
    case K_ECB_TEXTBOOK:
        check(aes_init_impl(&s->aes, s->key, 16, AES_IMPL_SPEC) == CL_OK, "aes_init_impl");
        textbook_aes128_expand(s->key, s->rk);
        break;
    case K_RSA_SIGN:
    case K_RSA_VERIFY:
        rsa_share_key(s);
        break;
    case K_RSA_KEYGEN:
        break;
    }
}

static void teardown(struct state *s)
{
    free(s->buf);
    free(s->out);
    aes_clear(&s->aes);
    aes_mode_clear(&s->mode);
    gcm_clear(&s->gcm);
    if (s->op->kind == K_RSA_SIGN || s->op->kind == K_RSA_VERIFY)
        rsa_key_clear(&s->rsa);
    EVP_CIPHER_CTX_free(s->cctx);
    EVP_MD_CTX_free(s->mctx);
    EVP_MD_free(s->sha);
    EVP_PKEY_CTX_free(s->sctx);
    EVP_PKEY_CTX_free(s->vctx);
    EVP_PKEY_free(s->pkey);
}

static void ours(struct state *s)
{
    const struct op *op = s->op;
    size_t n;
    uint8_t md[32];
    switch (op->kind) {
    case K_CTR:
        check(aes_ctr_xor(&s->aes, s->ctr, s->buf, s->buf, op->size) == CL_OK, "aes_ctr_xor");
        break;
    case K_CBC:
        check(aes_mode_update(&s->mode, s->buf, op->size, s->out, op->size + 16, &n) == CL_OK, "cbc");
        break;
    case K_GCM:
        s->iv[11]++;
        check(gcm_encrypt(&s->gcm, s->iv, 12, s->aad, 13, s->buf, op->size, s->buf, s->tag, 16) == CL_OK,
              "gcm_encrypt");
        break;
    case K_SHA:
        sha256_digest(s->buf, op->size, md);
        break;
    case K_HMAC:
        hmac_sha256(s->key, 32, s->buf, op->size, md);
        break;
    case K_ECB_TEXTBOOK:
        for (size_t i = 0; i < op->size; i += 16)
            aes_encrypt_block(&s->aes, s->buf + i, s->out + i);
        break;
    case K_RSA_SIGN:
        check(rsa_pkcs1v15_sign_digest(&s->rsa, NULL, s->H, s->sig, sizeof s->sig, &n) == CL_OK, "sign");
        break;
    case K_RSA_VERIFY:
        check(rsa_pkcs1v15_verify_digest(&s->rsa, NULL, s->H, s->sig, s->sig_len) == CL_OK, "verify");
        break;
    case K_RSA_KEYGEN: {
        rsa_key k;
        rsa_key_init(&k);
        check(rsa_generate(&k, op->key_bits, 65537) == CL_OK, "rsa_generate");
        rsa_key_clear(&k);
        break;
    }
    }
}

static void base(struct state *s)
{
    const struct op *op = s->op;
    int outl;
    unsigned int mdl;
    size_t sl;
    uint8_t md[32];
    switch (op->kind) {
    case K_CTR:
        check(EVP_EncryptUpdate(s->cctx, s->buf, &outl, s->buf, (int)op->size) == 1, "EVP ctr");
        break;
    case K_CBC:
        check(EVP_EncryptUpdate(s->cctx, s->out, &outl, s->buf, (int)op->size) == 1, "EVP cbc");
        break;
    case K_GCM:
        s->iv[11]++;
        check(EVP_EncryptInit_ex(s->cctx, NULL, NULL, NULL, s->iv) == 1 &&
              EVP_EncryptUpdate(s->cctx, NULL, &outl, s->aad, 13) == 1 &&
              EVP_EncryptUpdate(s->cctx, s->buf, &outl, s->buf, (int)op->size) == 1 &&
              EVP_EncryptFinal_ex(s->cctx, s->buf + outl, &outl) == 1 &&
              EVP_CIPHER_CTX_ctrl(s->cctx, EVP_CTRL_GCM_GET_TAG, 16, s->tag) == 1, "EVP gcm");
        break;
    case K_SHA:
        check(EVP_DigestInit_ex(s->mctx, s->sha, NULL) == 1 &&
              EVP_DigestUpdate(s->mctx, s->buf, op->size) == 1 &&
              EVP_DigestFinal_ex(s->mctx, md, &mdl) == 1, "EVP sha256");
        break;
    case K_HMAC:
        check(HMAC(EVP_sha256(), s->key, 32, s->buf, op->size, md, &mdl) != NULL, "HMAC");
        break;
    case K_ECB_TEXTBOOK:
        for (size_t i = 0; i < op->size; i += 16)
            textbook_aes128_encrypt(s->rk, s->buf + i, s->out + i);
        break;
    case K_RSA_SIGN:
        sl = sizeof s->ossl_sig;
        check(EVP_PKEY_sign(s->sctx, s->ossl_sig, &sl, s->H, 32) == 1, "EVP_PKEY_sign");
        break;
    case K_RSA_VERIFY:
        check(EVP_PKEY_verify(s->vctx, s->sig, s->sig_len, s->H, 32) == 1, "EVP_PKEY_verify");
        break;
    case K_RSA_KEYGEN: {
        EVP_PKEY *k = EVP_RSA_gen(op->key_bits);
        check(k != NULL, "EVP_RSA_gen");
        EVP_PKEY_free(k);
        break;
    }
    }
}

/* Operations per CPU second (at least min_sec of thread CPU time). */
static double measure(void (*fn)(struct state *), struct state *s, double min_sec)
{
    unsigned long n = 0;
    double t0 = thread_cpu(), t;
    do {
        fn(s);
        n++;
        t = thread_cpu() - t0;
    } while (t < min_sec);
    return (double)n / t;
}

static int run_child(const char *config, int rounds, double min_sec)
{
    for (size_t i = 0; i < N_OPS; i++) {
        const struct op *op = &ops[i];
        if (strcmp(op->config, config) != 0)
            continue;
        struct state *s = malloc(sizeof *s);
        check(s != NULL, "malloc");
        setup(s, op);
        double r_ours[64], r_base[64];
        double sec = op->kind == K_RSA_KEYGEN ? 1e-9 : min_sec;   /* keygen: one per round */
        int nr = op->kind == K_RSA_KEYGEN ? rounds + 4 : rounds;
        ours(s);                                                   /* warm up both */
        base(s);
        for (int r = 0; r < nr; r++) {
            if (r % 2 == 0) {
                r_ours[r] = measure(ours, s, sec);
                r_base[r] = measure(base, s, sec);
            } else {
                r_base[r] = measure(base, s, sec);
                r_ours[r] = measure(ours, s, sec);
            }
        }
        double unit = op->size ? (double)op->size / 1e6 : 1.0;   /* MB/s or ops/s */
        printf("R|%zu|%.6g|%.6g\n", i, median(r_ours, nr) * unit, median(r_base, nr) * unit);
        fflush(stdout);
        teardown(s);
        free(s);
    }
    return 0;
}

/* ------------------------------------------------------------------ parent */

struct result { int have; double ours, base; };

static int spawn_child(const char *self, const char *config, const char *mask, int rounds,
                       double min_sec, struct result *res)
{
    int fd[2];
    char rbuf[16], sbuf[32];
    check(pipe(fd) == 0, "pipe");
    pid_t pid = fork();
    check(pid >= 0, "fork");
    if (pid == 0) {
        dup2(fd[1], 1);
        close(fd[0]);
        close(fd[1]);
        if (mask)
            setenv("OPENSSL_ia32cap", mask, 1);
        else
            unsetenv("OPENSSL_ia32cap");
        snprintf(rbuf, sizeof rbuf, "%d", rounds);
        snprintf(sbuf, sizeof sbuf, "%g", min_sec);
        execl(self, self, "--child", config, "--rounds", rbuf, "--sec", sbuf, (char *)NULL);
        _exit(127);
    }
    close(fd[1]);
    FILE *fp = fdopen(fd[0], "r");
    char line[256];
    while (fgets(line, sizeof line, fp) != NULL) {
        size_t i;
        double a, b;
        if (sscanf(line, "R|%zu|%lf|%lf", &i, &a, &b) == 3 && i < N_OPS) {
            res[i].have = 1;
            res[i].ours = a;
            res[i].base = b;
            fprintf(stderr, "  %-30s %-7s %-6s ours %12.2f  %s %12.2f  ratio %.2f\n", ops[i].name,
                    ops[i].impl, config, a, ops[i].baseline, b, a / b);
        }
    }
    fclose(fp);
    int status;
    waitpid(pid, &status, 0);
    return WIFEXITED(status) && WEXITSTATUS(status) == 0 ? 0 : -1;
}

/* Wall-clock seconds of one run of argv, stdout captured (first 100 bytes). */
static double time_command(char *const argv[], char *outbuf, size_t cap)
{
    int fd[2];
    check(pipe(fd) == 0, "pipe");
    double t0 = wall();
    pid_t pid = fork();
    check(pid >= 0, "fork");
    if (pid == 0) {
        dup2(fd[1], 1);
        close(fd[0]);
        close(fd[1]);
        execvp(argv[0], argv);
        _exit(127);
    }
    close(fd[1]);
    ssize_t n, got = 0;
    char tmp[4096];
    while ((n = read(fd[0], tmp, sizeof tmp)) > 0) {
        if ((size_t)got < cap - 1) {
            size_t c = (size_t)n < cap - 1 - (size_t)got ? (size_t)n : cap - 1 - (size_t)got;
            memcpy(outbuf + got, tmp, c);
            got += (ssize_t)c;
        }
    }
    outbuf[got] = '\0';
    close(fd[0]);
    int status;
    waitpid(pid, &status, 0);
    double t = wall() - t0;
    return WIFEXITED(status) && WEXITSTATUS(status) == 0 ? t : -1;
}

struct filecmp { int done; double ours, coreutils; size_t mib; };

static void sha256sum_compare(const char *cryptolab, const char *dir, size_t mib, int rounds,
                              struct filecmp *fc)
{
    char path[4096], o1[128], o2[128];
    snprintf(path, sizeof path, "%s/bench-%zuMiB.bin", dir, mib);
    fprintf(stderr, "sha256sum: writing a %zu MiB file %s\n", mib, path);
    FILE *fp = fopen(path, "wb");
    check(fp != NULL, "fopen bench file");
    uint8_t *chunk = malloc(1 << 20);
    check(chunk != NULL, "malloc");
    for (size_t i = 0; i < (1 << 20); i++)
        chunk[i] = (uint8_t)(i * 2654435761u >> 13);
    for (size_t m = 0; m < mib; m++) {
        chunk[0] = (uint8_t)m;
        check(fwrite(chunk, 1, 1 << 20, fp) == (1 << 20), "fwrite");
    }
    free(chunk);
    check(fclose(fp) == 0, "fclose");
    char *a1[] = { (char *)cryptolab, "sha256sum", path, NULL };
    char *a2[] = { "sha256sum", path, NULL };
    double t1[16], t2[16];
    time_command(a2, o2, sizeof o2);                       /* read it once: now cached */
    for (int r = 0; r < rounds; r++) {
        t1[r] = time_command(a1, o1, sizeof o1);
        t2[r] = time_command(a2, o2, sizeof o2);
        if (t1[r] < 0 || t2[r] < 0 || strncmp(o1, o2, 64) != 0) {
            fprintf(stderr, "sha256sum comparison failed (outputs differ or a command failed)\n");
            unlink(path);
            return;
        }
        fprintf(stderr, "  sha256sum round %d: cryptolab %.3fs, coreutils %.3fs\n", r + 1, t1[r], t2[r]);
    }
    unlink(path);
    fc->done = 1;
    fc->mib = mib;
    fc->ours = median(t1, rounds);
    fc->coreutils = median(t2, rounds);
}

static const char *verdict(double ratio, double target)
{
    if (target <= 0)
        return "-";
    return ratio >= target ? "met" : "MISSED";
}

static void write_svg(const char *path, const struct result *res, const struct filecmp *fc,
                      const char *machine)
{
    FILE *fp = fopen(path, "w");
    if (fp == NULL) {
        perror(path);
        return;
    }
    int rows = 0;
    for (size_t i = 0; i < N_OPS; i++)
        rows += res[i].have;
    rows += fc->done;
    const double maxr = 3.0;
    const int left = 380, barw = 460, rowh = 24, top = 60;
    int h = top + rows * rowh + 50;
    fprintf(fp, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
                "font-family=\"sans-serif\" font-size=\"12\">\n", left + barw + 80, h);
    fprintf(fp, "<rect width=\"100%%\" height=\"100%%\" fill=\"white\"/>\n");
    fprintf(fp, "<text x=\"10\" y=\"20\" font-size=\"15\" font-weight=\"bold\">cryptolab / baseline "
                "(median throughput ratio; higher is better)</text>\n");
    fprintf(fp, "<text x=\"10\" y=\"38\" fill=\"#555\">%s</text>\n", machine);
    for (int k = 0; k <= 6; k++) {
        double r = k * 0.5;
        double x = left + r / maxr * barw;
        fprintf(fp, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"%s\"/>\n", x, top - 6,
                x, top + rows * rowh, k == 2 ? "#000" : "#ddd");
        fprintf(fp, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%.1fx</text>\n", x,
                top + rows * rowh + 16, r);
    }
    int y = top;
    for (size_t i = 0; i <= N_OPS; i++) {
        char label[160];
        double ratio, target;
        if (i < N_OPS) {
            if (!res[i].have)
                continue;
            ratio = res[i].ours / res[i].base;
            target = ops[i].target;
            snprintf(label, sizeof label, "%s [%s] vs %s%s%s", ops[i].name, ops[i].impl,
                     ops[i].baseline, strcmp(ops[i].config, "native") ? " " : "",
                     strcmp(ops[i].config, "native") ? ops[i].config : "");
        } else {
            if (!fc->done)
                continue;
            ratio = fc->coreutils / fc->ours;
            target = 3.0;
            snprintf(label, sizeof label, "sha256sum %zu MiB file vs coreutils", fc->mib);
        }
        const char *color = target <= 0 ? "#999" : ratio >= target ? "#2a9d4b" : "#d1495b";
        double w = (ratio > maxr ? maxr : ratio) / maxr * barw;
        fprintf(fp, "<text x=\"%d\" y=\"%d\" text-anchor=\"end\">%s</text>\n", left - 8, y + 16, label);
        fprintf(fp, "<rect x=\"%d\" y=\"%d\" width=\"%.1f\" height=\"%d\" fill=\"%s\"/>\n", left, y + 4,
                w, rowh - 8, color);
        if (target > 0) {
            double tx = left + (target > maxr ? maxr : target) / maxr * barw;
            fprintf(fp, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#000\" "
                        "stroke-width=\"2\" stroke-dasharray=\"3,2\"/>\n", tx, y + 1, tx, y + rowh - 1);
        }
        fprintf(fp, "<text x=\"%.1f\" y=\"%d\">%.2f%s</text>\n", left + w + 4, y + 16, ratio,
                ratio > maxr ? " &#8594;" : "");
        y += rowh;
    }
    fprintf(fp, "<text x=\"10\" y=\"%d\" fill=\"#555\">green: target met, red: missed, grey: no "
                "target; dashed line: target</text>\n", h - 12);
    fprintf(fp, "</svg>\n");
    fclose(fp);
}

static void machine_line(char *out, size_t cap)
{
    char model[128] = "unknown CPU", line[512];
    FILE *fp = fopen("/proc/cpuinfo", "r");
    if (fp != NULL) {
        while (fgets(line, sizeof line, fp) != NULL) {
            char *c = strchr(line, ':');
            if (strncmp(line, "model name", 10) == 0 && c != NULL) {
                snprintf(model, sizeof model, "%s", c + 2);
                model[strcspn(model, "\n")] = '\0';
                break;
            }
        }
        fclose(fp);
    }
    struct utsname u;
    uname(&u);
    snprintf(out, cap, "%s, %ld CPUs, Linux %s, gcc %s, %s", model, sysconf(_SC_NPROCESSORS_ONLN),
             u.release, __VERSION__, OpenSSL_version(OPENSSL_VERSION));
}

int main(int argc, char **argv)
{
    int rounds = 7, file_mib = 1024, file_rounds = 3;
    double min_sec = 0.15;
    const char *child = NULL, *out_dir = "docs/bench", *cryptolab = "bin/cryptolab", *only = NULL;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--child") == 0 && i + 1 < argc)
            child = argv[++i];
        else if (strcmp(argv[i], "--rounds") == 0 && i + 1 < argc)
            rounds = atoi(argv[++i]);
        else if (strcmp(argv[i], "--sec") == 0 && i + 1 < argc)
            min_sec = atof(argv[++i]);
        else if (strcmp(argv[i], "--out") == 0 && i + 1 < argc)
            out_dir = argv[++i];
        else if (strcmp(argv[i], "--cryptolab") == 0 && i + 1 < argc)
            cryptolab = argv[++i];
        else if (strcmp(argv[i], "--file-mib") == 0 && i + 1 < argc)
            file_mib = atoi(argv[++i]);
        else if (strcmp(argv[i], "--only") == 0 && i + 1 < argc)
            only = argv[++i];
        else if (strcmp(argv[i], "--quick") == 0) {
            rounds = 3;
            min_sec = 0.05;
            file_mib = 64;
            file_rounds = 1;
        } else {
            fprintf(stderr, "usage: cryptolab-bench [--rounds N] [--sec S] [--out DIR] "
                            "[--cryptolab PATH] [--file-mib N (0: skip)] [--only CONFIG] [--quick]\n");
            return 1;
        }
    }
    if (rounds < 1 || rounds > 50)
        die("--rounds must be 1..50%s", "");
    if (child)
        return run_child(child, rounds, min_sec);

    struct result res[N_OPS];
    memset(res, 0, sizeof res);
    char self[4096];
    ssize_t n = readlink("/proc/self/exe", self, sizeof self - 1);
    check(n > 0, "readlink /proc/self/exe");
    self[n] = '\0';
    for (size_t c = 0; c < N_CONFIGS; c++) {
        if (only && strcmp(only, configs[c].name) != 0)
            continue;
        fprintf(stderr, "configuration %s (OPENSSL_ia32cap=%s): %d rounds\n", configs[c].name,
                configs[c].mask ? configs[c].mask : "unset", rounds);
        if (spawn_child(self, configs[c].name, configs[c].mask, rounds, min_sec, res) != 0)
            die("child for configuration %s failed", configs[c].name);
    }
    struct filecmp fc = { 0, 0, 0, 0 };
    if (file_mib > 0 && !only)
        sha256sum_compare(cryptolab, "build", (size_t)file_mib, file_rounds, &fc);

    char machine[512];
    machine_line(machine, sizeof machine);
    mkdir(out_dir, 0755);
    char path[4096];
    snprintf(path, sizeof path, "%s/results.csv", out_dir);
    FILE *csv = fopen(path, "w");
    if (csv == NULL)
        die("cannot write %s", path);
    fprintf(csv, "# %s\n", machine);
    fprintf(csv, "operation,our_impl,openssl_config,openssl_ia32cap,ours,baseline,baseline_value,unit,ratio,target,verdict\n");
    printf("\n%s\n", machine);
    printf("%-30s %-7s %-7s %14s %14s %7s %7s %s\n", "operation", "ours", "config", "ours",
           "baseline", "ratio", "target", "");
    for (size_t i = 0; i < N_OPS; i++) {
        if (!res[i].have)
            continue;
        const char *unit = ops[i].size ? "MB/s" : "op/s";
        const char *mask = "";
        for (size_t c = 0; c < N_CONFIGS; c++)
            if (strcmp(configs[c].name, ops[i].config) == 0 && configs[c].mask)
                mask = configs[c].mask;
        double ratio = res[i].ours / res[i].base;
        fprintf(csv, "%s,%s,%s,%s,%.2f,%s,%.2f,%s,%.3f,%.2f,%s\n", ops[i].name, ops[i].impl,
                ops[i].config, mask, res[i].ours, ops[i].baseline, res[i].base, unit, ratio,
                ops[i].target, verdict(ratio, ops[i].target));
        char tgt[16] = "";
        if (ops[i].target > 0)
            snprintf(tgt, sizeof tgt, ">=%.2f", ops[i].target);
        printf("%-30s %-7s %-7s %9.1f %4s %9.1f %4s %7.2f %7s %s\n", ops[i].name, ops[i].impl,
               ops[i].config, res[i].ours, unit, res[i].base, unit, ratio, tgt,
               verdict(ratio, ops[i].target));
    }
    if (fc.done) {
        double ratio = fc.coreutils / fc.ours;
        fprintf(csv, "sha256sum %zu MiB cached file,cryptolab sha256sum,-,,%.3f,coreutils sha256sum,%.3f,s,%.3f,3.00,%s\n",
                fc.mib, fc.ours, fc.coreutils, ratio, verdict(ratio, 3.0));
        printf("%-30s %-7s %-7s %11.3f s %11.3f s %7.2f %7s %s\n", "sha256sum file (time)", "cli", "-",
               fc.ours, fc.coreutils, ratio, ">=3.00", verdict(ratio, 3.0));
    }
    /* mask checks: the same operation's OpenSSL speed with and without the mask */
    static const struct { size_t native, masked; const char *what; } checks[] = {
        { 0, 12, "AES-NI+PCLMULQDQ mask (aes-128-ctr)" },
        { 5, 16, "SHA-NI mask (sha256 16KiB)" },
        { 8, 18, "vector-path mask (rsa2048 sign)" },
    };
    printf("\nOPENSSL_ia32cap checks (OpenSSL's own speed, unmasked / masked):\n");
    fprintf(csv, "# mask checks: OpenSSL unmasked / masked\n");
    for (size_t k = 0; k < sizeof checks / sizeof checks[0]; k++) {
        const struct result *a = &res[checks[k].native], *b = &res[checks[k].masked];
        if (!a->have || !b->have)
            continue;
        double f = a->base / b->base;
        printf("  %-40s %10.1f / %10.1f = %5.2fx  %s\n", checks[k].what, a->base, b->base, f,
               f > 1.15 ? "mask effective" : "MASK HAD NO EFFECT");
        fprintf(csv, "# %s: %.1f / %.1f = %.2fx\n", checks[k].what, a->base, b->base, f);
    }
    fclose(csv);
    snprintf(path, sizeof path, "%s/ratios.svg", out_dir);
    write_svg(path, res, &fc, machine);
    snprintf(path, sizeof path, "%s/machine.txt", out_dir);
    FILE *mf = fopen(path, "w");
    if (mf != NULL) {
        fprintf(mf, "%s\n", machine);
        fclose(mf);
    }
    printf("\nwritten: %s/results.csv, %s/ratios.svg, %s/machine.txt\n", out_dir, out_dir, out_dir);
    return 0;
}
