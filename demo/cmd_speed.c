/*
 * demo/cmd_speed.c -- `cryptolab speed [options] [ALG...]`, in the layout
 * of `openssl speed`: for each algorithm, how many bytes per second for
 * 16, 64, 256, 1024, 8192 and 16384-byte buffers (in 1000s of bytes per
 * second, as OpenSSL prints them), and sign/verify per second for RSA.
 *
 * The "Doing ..." progress lines go to stderr and the table to stdout, as
 * with openssl.  Each buffer is one whole operation: CTR/CBC continue one
 * stream (like openssl speed -evp); GCM seals one message per buffer (new
 * IV, 13 bytes of AAD as in a TLS record, a 16-byte tag); SHA-256 and
 * HMAC-SHA256 hash one message per buffer.
 * This is a tool for looking, not a test: nothing here is asserted.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "cli.h"
#include "aes/aes.h"
#include "aes/aes_modes.h"
#include "aes/aes_fast_internal.h"
#include "aes/gcm.h"
#include "sha256/sha256.h"
#include "sha256/hmac.h"
#include "sha256/sha256_fast_internal.h"
#include "rsa/rsa.h"

static const size_t sizes[] = { 16, 64, 256, 1024, 8192, 16384 };
#define N_SIZES (sizeof sizes / sizeof sizes[0])

enum alg_kind { A_CTR, A_CBC, A_GCM, A_SHA, A_HMAC, A_RSA };
struct alg {
    const char *name;
    enum alg_kind kind;
    unsigned key_bits;     /* AES key / RSA modulus */
};
static const struct alg algs[] = {
    { "aes-128-ctr", A_CTR, 128 }, { "aes-256-ctr", A_CTR, 256 }, { "aes-128-cbc", A_CBC, 128 },
    { "aes-256-gcm", A_GCM, 256 }, { "sha256", A_SHA, 0 },        { "hmac-sha256", A_HMAC, 0 },
    { "rsa2048", A_RSA, 2048 },    { "rsa3072", A_RSA, 3072 },    { "rsa4096", A_RSA, 4096 },
};
#define N_ALGS (sizeof algs / sizeof algs[0])

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

/* Like openssl speed, the rates are computed from the CPU time the process
 * used (so a busy machine lowers the count, not the rate); -elapsed uses
 * wall-clock time instead.  The loops run for the requested wall-clock time. */
static int use_elapsed;

static double cpu_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

struct timer { double wall, cpu; };

static void timer_start(struct timer *t)
{
    t->wall = now();
    t->cpu = cpu_now();
}

/* Seconds since timer_start: wall clock (for the loop) ... */
static double timer_wall(const struct timer *t)
{
    return now() - t->wall;
}

/* ... and the time the rate is computed from. */
static double timer_measured(const struct timer *t)
{
    return use_elapsed ? now() - t->wall : cpu_now() - t->cpu;
}

struct bench {
    const struct alg *alg;
    aes_impl impl;
    aes_ctx aes;
    aes_mode_ctx mode;
    gcm_ctx gcm;
    uint8_t ctr[16], iv[12], aad[13], tag[16], key[32];
};

/* One operation on buf (len bytes, in place); returns 0 or a cl_status. */
static cl_status one_op(struct bench *b, uint8_t *buf, size_t len, uint8_t *out)
{
    size_t n;
    uint8_t md[32];
    switch (b->alg->kind) {
    case A_CTR:
        return aes_ctr_xor(&b->aes, b->ctr, buf, buf, len);
    case A_CBC:
        return aes_mode_update(&b->mode, buf, len, out, len + 16, &n);
    case A_GCM:
        b->iv[11]++;
        return gcm_encrypt(&b->gcm, b->iv, 12, b->aad, 13, buf, len, buf, b->tag, 16);
    case A_SHA:
        return sha256_digest(buf, len, md);
    case A_HMAC:
        return hmac_sha256(b->key, 32, buf, len, md);
    default:
        return CL_ERR_UNSUPPORTED;
    }
}

static cl_status setup(struct bench *b)
{
    size_t kl = b->alg->key_bits / 8;
    memset(b->key, 0x42, sizeof b->key);
    memset(b->ctr, 0, sizeof b->ctr);
    memset(b->iv, 0x24, sizeof b->iv);
    memset(b->aad, 0x17, sizeof b->aad);
    switch (b->alg->kind) {
    case A_CTR:
        return aes_init_impl(&b->aes, b->key, kl, b->impl);
    case A_CBC: {
        cl_status st = aes_mode_init(&b->mode, AES_MODE_CBC, 1, b->key, kl, b->ctr, 16, 0);
        if (st == CL_OK)
            st = aes_init_impl(&b->mode.aes, b->key, kl, b->impl);
        return st;
    }
    case A_GCM:
        return gcm_init_impl(&b->gcm, b->key, kl, b->impl);
    default:
        return CL_OK;
    }
}

static int run_sym(const struct alg *alg, aes_impl impl, double seconds, const char *label,
                   double rate[N_SIZES])
{
    struct bench *b = calloc(1, sizeof *b);
    uint8_t *buf = malloc(16384 + 64), *out = malloc(16384 + 64);
    int rc = 0;
    if (b == NULL || buf == NULL || out == NULL) {
        rc = cli_fail("speed", "out of memory");
        goto done;
    }
    b->alg = alg;
    b->impl = impl;
    cl_status st = setup(b);
    if (st != CL_OK) {
        rc = cli_fail_status("speed", st, "%s", label);
        goto done;
    }
    memset(buf, 0x5a, 16384 + 64);
    for (size_t s = 0; s < N_SIZES; s++) {
        unsigned long count = 0;
        fprintf(stderr, "Doing %s for %gs on %zu size blocks: ", label, seconds, sizes[s]);
        fflush(stderr);
        struct timer tm;
        double t;
        timer_start(&tm);
        do {
            for (int i = 0; i < 16; i++, count++) {
                st = one_op(b, buf, sizes[s], out);
                if (st != CL_OK) {
                    fprintf(stderr, "\n");
                    rc = cli_fail_status("speed", st, "%s", label);
                    goto done;
                }
            }
        } while (timer_wall(&tm) < seconds);
        t = timer_measured(&tm);
        fprintf(stderr, "%lu %s's in %.2fs\n", count, label, t);
        rate[s] = (double)count * (double)sizes[s] / t;
    }
done:
    if (b != NULL) {
        aes_clear(&b->aes);
        aes_mode_clear(&b->mode);
        gcm_clear(&b->gcm);
    }
    free(b);
    free(buf);
    free(out);
    return rc;
}

struct rsa_result { unsigned bits; double sign, verify, keygen; };

static int run_rsa(const struct alg *alg, double seconds, struct rsa_result *r)
{
    rsa_key key;
    uint8_t H[32], sig[RSA_MAX_BYTES];
    size_t sig_len = 0;
    cl_status st = CL_OK;
    unsigned long count;
    struct timer tm;
    double t;
    rsa_key_init(&key);
    memset(H, 0x11, sizeof H);
    r->bits = alg->key_bits;

    fprintf(stderr, "Doing %u bits keygen for %gs: ", alg->key_bits, seconds);
    fflush(stderr);
    count = 0;
    timer_start(&tm);
    do {
        rsa_key_clear(&key);
        rsa_key_init(&key);
        st = rsa_generate(&key, alg->key_bits, 65537);
        count++;
    } while (st == CL_OK && timer_wall(&tm) < seconds);
    t = timer_measured(&tm);
    if (st != CL_OK)
        goto fail;
    fprintf(stderr, "%lu %u bits keygens in %.2fs\n", count, alg->key_bits, t);
    r->keygen = t / (double)count;

    fprintf(stderr, "Doing %u bits private rsa's for %gs: ", alg->key_bits, seconds);
    fflush(stderr);
    count = 0;
    timer_start(&tm);
    do {
        st = rsa_pkcs1v15_sign_digest(&key, NULL, H, sig, sizeof sig, &sig_len);
        count++;
    } while (st == CL_OK && timer_wall(&tm) < seconds);
    t = timer_measured(&tm);
    if (st != CL_OK)
        goto fail;
    fprintf(stderr, "%lu %u bits private RSA's in %.2fs\n", count, alg->key_bits, t);
    r->sign = t / (double)count;

    fprintf(stderr, "Doing %u bits public rsa's for %gs: ", alg->key_bits, seconds);
    fflush(stderr);
    count = 0;
    timer_start(&tm);
    do {
        st = rsa_pkcs1v15_verify_digest(&key, NULL, H, sig, sig_len);
        count++;
    } while (st == CL_OK && timer_wall(&tm) < seconds);
    t = timer_measured(&tm);
    if (st != CL_OK)
        goto fail;
    fprintf(stderr, "%lu %u bits public RSA's in %.2fs\n", count, alg->key_bits, t);
    r->verify = t / (double)count;
    rsa_key_clear(&key);
    return 0;
fail:
    fprintf(stderr, "\n");
    rsa_key_clear(&key);
    return cli_fail_status("speed", st, "%s", alg->name);
}

static void usage(FILE *fp)
{
    fprintf(fp,
            "usage: cryptolab speed [-seconds N] [-elapsed] [--impl NAME] [ALG...]\n"
            "Measures throughput like `openssl speed`: bytes per second for 16, 64, 256,\n"
            "1024, 8192 and 16384-byte buffers (table in 1000s of bytes per second), and\n"
            "RSA sign/verify per second (PKCS#1 v1.5 with a SHA-256 digest) and the mean\n"
            "key generation time.  Progress goes to stderr, the table to stdout.\n"
            "ALG: aes-128-ctr aes-256-ctr aes-128-cbc aes-256-gcm sha256 hmac-sha256\n"
            "     rsa2048 rsa3072 rsa4096 (default: all but RSA; 'rsa' = the three RSA sizes)\n"
            "  -seconds N   run each measurement for N seconds (default 3, as openssl)\n"
            "  -elapsed     rates from wall-clock time (default: CPU time, as openssl)\n"
            "  --impl NAME  AES implementation: spec, ttable, ct, aesni, or all (one row\n"
            "               each); default: the one `cryptolab version` names\n"
            "SHA-256 uses $CRYPTOLAB_SHA256_IMPL (spec, fast, shani) like the rest of cryptolab.\n");
}

static int run(int argc, char **argv)
{
    double seconds = 3;
    int want[N_ALGS] = { 0 }, any = 0, all_impls = 0;
    aes_impl impl = AES_IMPL_DEFAULT;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
            usage(stdout);
            return 0;
        } else if (strcmp(a, "-seconds") == 0 || strcmp(a, "--seconds") == 0) {
            char *end;
            if (i + 1 >= argc)
                return cli_fail("speed", "%s needs a number", a);
            seconds = strtod(argv[++i], &end);
            if (*end != '\0' || !(seconds > 0) || seconds > 3600)
                return cli_fail("speed", "invalid -seconds value '%s'", argv[i]);
        } else if (strcmp(a, "-elapsed") == 0 || strcmp(a, "--elapsed") == 0) {
            use_elapsed = 1;
        } else if (strcmp(a, "--impl") == 0 || strcmp(a, "-impl") == 0) {
            if (i + 1 >= argc)
                return cli_fail("speed", "%s needs a name", a);
            const char *name = argv[++i];
            if (strcmp(name, "all") == 0) {
                all_impls = 1;
            } else if (aes_impl_from_name(name, &impl) != CL_OK) {
                return cli_fail("speed", "unknown AES implementation '%s' (spec, ttable, ct, aesni, all)", name);
            } else if (!aes_impl_available(impl)) {
                return cli_fail("speed", "AES implementation '%s' is not available on this CPU", name);
            }
        } else if (a[0] == '-') {
            return cli_fail("speed", "unknown option '%s' (try --help)", a);
        } else {
            int found = 0;
            for (size_t k = 0; k < N_ALGS; k++) {
                if (strcmp(a, algs[k].name) == 0 || (strcmp(a, "rsa") == 0 && algs[k].kind == A_RSA)) {
                    want[k] = 1;
                    found = 1;
                }
            }
            if (!found)
                return cli_fail("speed", "unknown algorithm '%s' (try --help)", a);
            any = 1;
        }
    }
    if (!any)
        for (size_t k = 0; k < N_ALGS; k++)
            want[k] = algs[k].kind != A_RSA;

    static const aes_impl every[] = { AES_IMPL_SPEC, AES_IMPL_TTABLE, AES_IMPL_CT, AES_IMPL_AESNI };
    char labels[N_ALGS * 4][40];
    double rates[N_ALGS * 4][N_SIZES];
    size_t rows = 0;
    struct rsa_result rsa[3];
    size_t n_rsa = 0;
    for (size_t k = 0; k < N_ALGS; k++) {
        if (!want[k])
            continue;
        const struct alg *alg = &algs[k];
        if (alg->kind == A_RSA) {
            if (run_rsa(alg, seconds, &rsa[n_rsa]) != 0)
                return 1;
            n_rsa++;
            continue;
        }
        int is_aes = alg->kind == A_CTR || alg->kind == A_CBC || alg->kind == A_GCM;
        size_t n_impl = (is_aes && all_impls) ? 4 : 1;
        for (size_t m = 0; m < n_impl; m++) {
            aes_impl use = all_impls ? every[m] : impl;
            if (is_aes && use != AES_IMPL_DEFAULT && !aes_impl_available(use))
                continue;
            if (is_aes && (all_impls || impl != AES_IMPL_DEFAULT))
                snprintf(labels[rows], sizeof labels[rows], "%s/%s", alg->name, aes_impl_name(use));
            else
                snprintf(labels[rows], sizeof labels[rows], "%s", alg->name);
            if (run_sym(alg, use, seconds, labels[rows], rates[rows]) != 0)
                return 1;
            rows++;
        }
    }

    aes_impl def = impl != AES_IMPL_DEFAULT ? impl : aes_default_impl();
    printf("cryptolab speed (AES: %s, SHA-256: %s)\n", all_impls ? "all" : aes_impl_name(def),
           sha256_impl_name(sha256_default_impl()));
    if (rows > 0) {
        printf("The 'numbers' are in 1000s of bytes per second processed.\n");
        printf("%-19s", "type");
        for (size_t s = 0; s < N_SIZES; s++)
            printf(" %7zu bytes", sizes[s]);
        printf("\n");
        for (size_t r = 0; r < rows; r++) {
            printf("%-19s", labels[r]);
            for (size_t s = 0; s < N_SIZES; s++)
                printf(" %12.2fk", rates[r][s] / 1000.0);
            printf("\n");
        }
    }
    if (n_rsa > 0) {
        printf("%18s %9s %9s %8s %8s %9s\n", "", "sign", "verify", "sign/s", "verify/s", "keygen");
        for (size_t r = 0; r < n_rsa; r++)
            printf("rsa %4u bits %9.6fs %9.6fs %8.1f %8.1f %8.3fs\n", rsa[r].bits, rsa[r].sign,
                   rsa[r].verify, 1.0 / rsa[r].sign, 1.0 / rsa[r].verify, rsa[r].keygen);
    }
    return 0;
}

const struct cl_command cmd_speed = { "speed", "measure throughput like openssl speed", run };
