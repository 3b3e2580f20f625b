/*
 * tests/bench/tls_bench.c -- `make bench`: cryptolab's TLS (net/tls/) beside
 * OpenSSL's libssl with the same settings, in one process, over socketpairs
 * (a server thread and a client thread), so that process start-up and the
 * network stay out of the numbers:
 *   handshakes per second: TLS 1.2 RSA (AES128-GCM-SHA256), TLS 1.2 DHE
 *   ffdhe2048 (DHE-RSA-AES128-GCM-SHA256), TLS 1.3 ffdhe2048
 *   (TLS_AES_128_GCM_SHA256), 2048-bit RSA certificate
 *   bulk: 1 GiB client -> server over TLS 1.3 AES-128-GCM
 * The ratio is cryptolab / OpenSSL from this one run (higher is better).
 * The benchmark is the only code that links libssl; it is never a test.
 *   usage: cryptolab-tls-bench [--handshakes N] [--bulk-mib M]
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/socket.h>
#include <openssl/ssl.h>
#include <openssl/err.h>
#include "net/tls/tls.h"
#include "net/tls/cert.h"
#include "rsa/rsa_keyfile.h"
#include "rsa/ffdhe.h"

static const char *PEM = "vectors/tls/fuzz-server.pem";

static double now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec + t.tv_nsec / 1e9;
}

enum mode { RSA12, DHE12, V13 };
static const char *mode_name[] = { "TLS 1.2 RSA", "TLS 1.2 DHE ffdhe2048", "TLS 1.3 ffdhe2048" };

/* ---------------------------------------------------------------- cryptolab */

static rsa_key key;
static tls_config scfg, ccfg;
static uint8_t *store;

static void ours_setup(enum mode m)
{
    tls_config_init(&scfg);
    tls_config_init(&ccfg);
    scfg.key = &key;
    if (m != V13) {
        scfg.min_version = scfg.max_version = ccfg.min_version = ccfg.max_version = TLS_VERSION_12;
        scfg.suites12[0] = ccfg.suites12[0] = m == RSA12 ? TLS_RSA_WITH_AES_128_GCM_SHA256
                                                          : TLS_DHE_RSA_WITH_AES_128_GCM_SHA256;
        scfg.n_suites12 = ccfg.n_suites12 = 1;
    } else {
        scfg.min_version = scfg.max_version = ccfg.min_version = ccfg.max_version = TLS_VERSION_13;
    }
    scfg.groups[0] = ccfg.groups[0] = FFDHE_GROUP_2048;
    scfg.n_groups = ccfg.n_groups = 1;
    ccfg.insecure = 1;
}

struct job { int fd; int n; size_t bulk; int server; int ossl; SSL_CTX *ctx; enum mode m; };

static void *ours_side(void *arg)
{
    struct job *j = arg;
    static uint8_t buf[1 << 16];
    tls_conn *c = tls_conn_new(j->fd, j->server, j->server ? &scfg : &ccfg);
    if (c == NULL || tls_handshake(c) != CL_OK) {
        fprintf(stderr, "ours: handshake failed: %s\n", c ? tls_conn_error(c) : "oom");
        exit(1);
    }
    if (j->bulk) {
        size_t done = 0, got;
        if (j->server) {
            while (done < j->bulk && tls_read(c, buf, sizeof buf, &got) == CL_OK)
                done += got;
        } else {
            static uint8_t out[1 << 16];
            while (done < j->bulk) {
                if (tls_write(c, out, sizeof out) != CL_OK)
                    exit(1);
                done += sizeof out;
            }
        }
    }
    tls_conn_free(c);
    return NULL;
}

/* ---------------------------------------------------------------- OpenSSL */

static SSL_CTX *ossl_ctx(int server, enum mode m)
{
    SSL_CTX *ctx = SSL_CTX_new(server ? TLS_server_method() : TLS_client_method());
    int v = m == V13 ? TLS1_3_VERSION : TLS1_2_VERSION;
    SSL_CTX_set_min_proto_version(ctx, v);
    SSL_CTX_set_max_proto_version(ctx, v);
    SSL_CTX_set_options(ctx, SSL_OP_NO_TICKET);
    SSL_CTX_set_session_cache_mode(ctx, SSL_SESS_CACHE_OFF);
    if (m == RSA12)
        SSL_CTX_set_cipher_list(ctx, "AES128-GCM-SHA256");
    else if (m == DHE12)
        SSL_CTX_set_cipher_list(ctx, "DHE-RSA-AES128-GCM-SHA256");
    SSL_CTX_set_ciphersuites(ctx, "TLS_AES_128_GCM_SHA256");
    SSL_CTX_set1_groups_list(ctx, "ffdhe2048");
    if (server) {
        SSL_CTX_use_certificate_chain_file(ctx, PEM);
        SSL_CTX_use_PrivateKey_file(ctx, PEM, SSL_FILETYPE_PEM);
        SSL_CTX_set_dh_auto(ctx, 1);
    }
    return ctx;
}

static void *ossl_side(void *arg)
{
    struct job *j = arg;
    static uint8_t buf[1 << 16];
    SSL *s = SSL_new(j->ctx);
    SSL_set_fd(s, j->fd);
    if ((j->server ? SSL_accept(s) : SSL_connect(s)) != 1) {
        ERR_print_errors_fp(stderr);
        exit(1);
    }
    if (j->bulk) {
        size_t done = 0;
        if (j->server) {
            int n;
            while (done < j->bulk && (n = SSL_read(s, buf, sizeof buf)) > 0)
                done += (size_t)n;
        } else {
            static uint8_t out[1 << 16];
            while (done < j->bulk) {
                if (SSL_write(s, out, sizeof out) <= 0)
                    exit(1);
                done += sizeof out;
            }
        }
    }
    SSL_free(s);
    return NULL;
}

/* One connection: a server thread and a client thread on a socketpair. */
static void one(int ossl, enum mode m, size_t bulk, SSL_CTX *sc, SSL_CTX *cc)
{
    int sv[2];
    pthread_t a, b;
    struct job js, jc;
    if (socketpair(AF_UNIX, SOCK_STREAM, 0, sv) != 0)
        exit(1);
    js = (struct job){ sv[0], 1, bulk, 1, ossl, sc, m };
    jc = (struct job){ sv[1], 1, bulk, 0, ossl, cc, m };
    pthread_create(&a, NULL, ossl ? ossl_side : ours_side, &js);
    pthread_create(&b, NULL, ossl ? ossl_side : ours_side, &jc);
    pthread_join(a, NULL);
    pthread_join(b, NULL);
    close(sv[0]);
    close(sv[1]);
}

int main(int argc, char **argv)
{
    int n = 100;
    size_t bulk = (size_t)1 << 30;
    uint8_t *pem;
    size_t len;
    FILE *f;
    for (int i = 1; i + 1 < argc; i += 2) {
        if (!strcmp(argv[i], "--handshakes")) n = atoi(argv[i + 1]);
        else if (!strcmp(argv[i], "--bulk-mib")) bulk = (size_t)atoi(argv[i + 1]) << 20;
    }
    rsa_gmp_wipe_freed_memory();
    f = fopen(PEM, "rb");
    if (f == NULL) {
        fprintf(stderr, "run from the top of the tree (%s)\n", PEM);
        return 1;
    }
    pem = malloc(1 << 16);
    len = fread(pem, 1, 1 << 16, f);
    fclose(f);
    rsa_key_init(&key);
    if (rsa_key_load_private(&key, pem, len, NULL) != CL_OK)
        return 1;
    printf("TLS benchmark, %d handshakes per row, 2048-bit RSA certificate, %zu MiB bulk\n", n, bulk >> 20);
    printf("%-24s %14s %14s %8s\n", "", "cryptolab /s", "OpenSSL /s", "ratio");
    for (int m = RSA12; m <= V13; m++) {
        double t0, t_ours, t_ossl;
        SSL_CTX *sc = ossl_ctx(1, m), *cc = ossl_ctx(0, m);
        ours_setup(m);
        free(store);
        tls_chain_load(pem, len, &store, &scfg.chain);
        t0 = now();
        for (int i = 0; i < n; i++)
            one(0, m, 0, NULL, NULL);
        t_ours = now() - t0;
        t0 = now();
        for (int i = 0; i < n; i++)
            one(1, m, 0, sc, cc);
        t_ossl = now() - t0;
        printf("%-24s %14.1f %14.1f %7.2fx\n", mode_name[m], n / t_ours, n / t_ossl, t_ossl / t_ours);
        SSL_CTX_free(sc);
        SSL_CTX_free(cc);
    }
    {
        double t0, t_ours, t_ossl;
        SSL_CTX *sc = ossl_ctx(1, V13), *cc = ossl_ctx(0, V13);
        ours_setup(V13);
        free(store);
        tls_chain_load(pem, len, &store, &scfg.chain);
        t0 = now();
        one(0, V13, bulk, NULL, NULL);
        t_ours = now() - t0;
        t0 = now();
        one(1, V13, bulk, sc, cc);
        t_ossl = now() - t0;
        printf("%-24s %11.0f MB/s %9.0f MB/s %7.2fx\n", "bulk TLS 1.3 AES-128-GCM",
               bulk / t_ours / 1e6, bulk / t_ossl / 1e6, t_ossl / t_ours);
    }
    free(pem);
    return 0;
}
