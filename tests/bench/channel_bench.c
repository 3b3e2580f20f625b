/*
 * tests/bench/channel_bench.c -- `make bench`, the secure channel part
 * (issue 7 §5): cryptolab's channel (net/, docs/protocol.md) beside TLS
 * from OpenSSL's libssl, two processes over 127.0.0.1 in both cases.
 *
 * This program (and only this one and bench.c) links OpenSSL, as the
 * baseline; the library and the tools never do.
 *
 * What is measured, like with like:
 *   - transfer: a client process sends BYTES (default 1 GiB) from memory in
 *     16384-byte application writes (one full record each, the largest both
 *     protocols allow) to a server process that decrypts, verifies and
 *     discards them (a /dev/null sink: no file system in the measurement),
 *     then answers with one 1-byte record; the client's wall clock runs from
 *     its first write to the arrival of that answer.  The handshake is not
 *     in the timed part.
 *       ours: suite 0x02 AES256-GCM and suite 0x01 AES256-CTR-HMAC-SHA256
 *       TLS 1.3 TLS_AES_128_GCM_SHA256 and TLS_AES_256_GCM_SHA384
 *       TLS 1.2 AES128-SHA256 (RSA key exchange, AES-128-CBC + HMAC-SHA256,
 *       encrypt-then-MAC negotiated by default)
 *   - handshakes per second: N sequential connections, each TCP connect,
 *     full handshake (no session resumption, no tickets), orderly close
 *     (close_notify both ways), TCP close.  Both protocols with the same
 *     2048-bit RSA server key and a client that checks the server key (ours:
 *     a pinned SubjectPublicKeyInfo; TLS: the self-signed certificate as its
 *     only trust anchor).
 *       ours (RSA-OAEP key transport) vs TLS 1.2 AES128-SHA256 (RSA key
 *       transport), and for information TLS 1.3 (X25519 + RSA-PSS signature)
 *   Each configuration runs ROUNDS times, interleaved (ours, theirs, ours,
 *   ...); the medians are compared.  Per run the user+system CPU time of
 *   both processes is recorded too, to show where the time goes.
 *
 * Output: a table on stdout, rows appended to OUT/results.csv (replacing any
 * earlier "channel" rows; bench.c writes the file first), OUT/channel.svg.
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/ssl.h>
#include <openssl/x509.h>
#include "net/client.h"
#include "net/net.h"
#include "net/server.h"
#include "rsa/rsa.h"
#include "rsa/rsa_keyfile.h"

#define CHUNK 16384

/* ------------------------------------------------------------------ configurations */

enum proto { OURS, TLS12, TLS13 };
enum what { XFER, HANDSHAKE };

struct config {
    const char *name;        /* shown */
    enum proto proto;
    uint8_t suite;           /* ours */
    const char *cipher;      /* TLS 1.2 cipher list / TLS 1.3 ciphersuite */
};

static const struct config c_gcm = { "cryptolab AES256-GCM (suite 0x02)", OURS, NET_SUITE_AES256_GCM, NULL };
static const struct config c_ctr = { "cryptolab AES256-CTR-HMAC-SHA256 (suite 0x01)", OURS,
                                     NET_SUITE_AES256_CTR_HMAC_SHA256, NULL };
static const struct config c_t13_128 = { "TLS 1.3 TLS_AES_128_GCM_SHA256", TLS13, 0, "TLS_AES_128_GCM_SHA256" };
static const struct config c_t13_256 = { "TLS 1.3 TLS_AES_256_GCM_SHA384", TLS13, 0, "TLS_AES_256_GCM_SHA384" };
static const struct config c_t12 = { "TLS 1.2 AES128-SHA256 (RSA key exchange)", TLS12, 0, "AES128-SHA256" };

/* The measurements, in the order they run within a round. */
struct meas {
    const struct config *cfg;
    enum what what;
    double v[50];            /* MB/s or handshakes/s, per round */
    double cpu_client[50], cpu_server[50];   /* seconds per run */
};

static struct meas meas[] = {
    { &c_gcm, XFER, {0}, {0}, {0} },
    { &c_t13_128, XFER, {0}, {0}, {0} },
    { &c_t13_256, XFER, {0}, {0}, {0} },
    { &c_ctr, XFER, {0}, {0}, {0} },
    { &c_t12, XFER, {0}, {0}, {0} },
    { &c_gcm, HANDSHAKE, {0}, {0}, {0} },
    { &c_t12, HANDSHAKE, {0}, {0}, {0} },
    { &c_t13_128, HANDSHAKE, {0}, {0}, {0} },
};
#define N_MEAS (sizeof meas / sizeof meas[0])
enum { M_GCM, M_T13_128, M_T13_256, M_CTR, M_T12, H_OURS, H_T12, H_T13 };

/* The comparisons reported (ours / baseline) and the targets. */
static const struct cmp {
    const char *operation;
    int ours, base;
    double target;
} cmps[] = {
    { "channel 1GiB transfer AES256-GCM vs TLS1.3 AES-128-GCM", M_GCM, M_T13_128, 1.0 },
    { "channel 1GiB transfer AES256-GCM vs TLS1.3 AES-256-GCM", M_GCM, M_T13_256, 0 },
    { "channel 1GiB transfer CTR+HMAC vs TLS1.2 AES128-SHA256", M_CTR, M_T12, 1.3 },
    { "channel handshakes/s vs TLS1.2 RSA key exchange", H_OURS, H_T12, 1.0 },
    { "channel handshakes/s vs TLS1.3 X25519+RSA-PSS", H_OURS, H_T13, 0 },
};
#define N_CMPS (sizeof cmps / sizeof cmps[0])

/* ------------------------------------------------------------------ helpers */

static void die(const char *what)
{
    fprintf(stderr, "cryptolab channel bench: %s\n", what);
    ERR_print_errors_fp(stderr);
    exit(1);
}

static double wall(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static double tv(struct timeval t)
{
    return (double)t.tv_sec + (double)t.tv_usec * 1e-6;
}

static double self_cpu(void)
{
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    return tv(ru.ru_utime) + tv(ru.ru_stime);
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

static double median(const double *v, int n)
{
    double s[50];
    memcpy(s, v, (size_t)n * sizeof *s);
    qsort(s, (size_t)n, sizeof *s, cmp_double);
    return n % 2 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
}

static void nodelay(int fd)
{
    int one = 1;
    setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
}

/* ------------------------------------------------------------------ keys */

static rsa_key our_key;
static uint8_t our_spki[2048];
static size_t our_spki_len;
static EVP_PKEY *tls_pkey;
static X509 *tls_cert;

static void make_keys(void)
{
    rsa_key_init(&our_key);
    if (rsa_generate(&our_key, 2048, 65537) != CL_OK ||
        rsa_spki_der(&our_key, our_spki, sizeof our_spki, &our_spki_len) != CL_OK)
        die("cannot make the cryptolab RSA-2048 key");
    tls_pkey = EVP_RSA_gen(2048);
    tls_cert = X509_new();
    if (!tls_pkey || !tls_cert) die("cannot make the TLS key");
    X509_set_version(tls_cert, 2);
    ASN1_INTEGER_set(X509_get_serialNumber(tls_cert), 1);
    X509_gmtime_adj(X509_getm_notBefore(tls_cert), -3600);
    X509_gmtime_adj(X509_getm_notAfter(tls_cert), 86400);
    X509_set_pubkey(tls_cert, tls_pkey);
    X509_NAME *n = X509_get_subject_name(tls_cert);
    X509_NAME_add_entry_by_txt(n, "CN", MBSTRING_ASC, (const unsigned char *)"localhost", -1, -1, 0);
    X509_set_issuer_name(tls_cert, n);
    if (!X509_sign(tls_cert, tls_pkey, EVP_sha256())) die("cannot sign the certificate");
}

static cl_status pinned(void *arg, const uint8_t *spki, size_t len, const char *fp)
{
    (void)arg; (void)fp;
    return len == our_spki_len && memcmp(spki, our_spki, len) == 0 ? CL_OK : CL_ERR_PIN_MISMATCH;
}

static SSL_CTX *tls_ctx(const struct config *c, int server)
{
    SSL_CTX *ctx = SSL_CTX_new(server ? TLS_server_method() : TLS_client_method());
    if (!ctx) die("SSL_CTX_new");
    int v = c->proto == TLS13 ? TLS1_3_VERSION : TLS1_2_VERSION;
    SSL_CTX_set_min_proto_version(ctx, v);
    SSL_CTX_set_max_proto_version(ctx, v);
    if (c->proto == TLS13) {
        if (!SSL_CTX_set_ciphersuites(ctx, c->cipher)) die("SSL_CTX_set_ciphersuites");
    } else if (!SSL_CTX_set_cipher_list(ctx, c->cipher)) {
        die("SSL_CTX_set_cipher_list");
    }
    /* full handshakes only: no session cache, no tickets */
    SSL_CTX_set_session_cache_mode(ctx, SSL_SESS_CACHE_OFF);
    SSL_CTX_set_options(ctx, SSL_OP_NO_TICKET);
    if (server) {
        SSL_CTX_set_num_tickets(ctx, 0);
        if (SSL_CTX_use_certificate(ctx, tls_cert) != 1 || SSL_CTX_use_PrivateKey(ctx, tls_pkey) != 1)
            die("cannot install the certificate");
    } else {
        X509_STORE_add_cert(SSL_CTX_get_cert_store(ctx), tls_cert);
        SSL_CTX_set_verify(ctx, SSL_VERIFY_PEER, NULL);
    }
    return ctx;
}

/* ------------------------------------------------------------------ server process */

static uint8_t buf[CHUNK];

static int ours_serve(int fd, const struct config *c, enum what w, uint64_t bytes)
{
    struct net_options o;
    memset(&o, 0, sizeof o);
    o.suites = &c->suite;
    o.n_suites = 1;
    net_conn *nc = net_conn_new(fd, 1, &o);
    if (!nc) return 1;
    int bad = net_server_handshake(nc, &our_key, our_spki, our_spki_len) != CL_OK;
    if (!bad && w == XFER) {
        uint64_t got = 0;
        size_t n;
        while (!bad && got < bytes) {
            bad = net_recv(nc, buf, sizeof buf, &n) != CL_OK;
            got += n;
        }
        if (!bad) bad = net_send(nc, (const uint8_t *)"k", 1) != CL_OK;
    }
    if (!bad) {
        size_t n;   /* the client's close_notify; net_recv answers it */
        cl_status st = net_recv(nc, buf, sizeof buf, &n);
        bad = st != CL_ERR_CLOSED;
    }
    if (bad) fprintf(stderr, "server: %s\n", net_conn_error(nc));
    net_conn_free(nc);
    return bad;
}

static int tls_serve(int fd, SSL_CTX *ctx, enum what w, uint64_t bytes)
{
    SSL *s = SSL_new(ctx);
    SSL_set_fd(s, fd);
    int bad = SSL_accept(s) != 1;
    if (!bad && w == XFER) {
        uint64_t got = 0;
        while (!bad && got < bytes) {
            int n = SSL_read(s, buf, sizeof buf);
            if (n <= 0) bad = 1;
            else got += (uint64_t)n;
        }
        if (!bad) bad = SSL_write(s, "k", 1) != 1;
    }
    if (!bad) {
        bad = SSL_read(s, buf, sizeof buf) != 0;  /* the client's close_notify */
        if (!bad) bad = SSL_shutdown(s) < 0;       /* ours */
    }
    if (bad) { fprintf(stderr, "TLS server failed\n"); ERR_print_errors_fp(stderr); }
    SSL_free(s);
    return bad;
}

static void server_process(int lfd, const struct config *c, enum what w, uint64_t bytes, int count)
{
    SSL_CTX *ctx = c->proto == OURS ? NULL : tls_ctx(c, 1);
    int bad = 0;
    for (int i = 0; i < count && !bad; i++) {
        int fd = accept(lfd, NULL, NULL);
        if (fd < 0) { bad = 1; break; }
        nodelay(fd);
        bad = c->proto == OURS ? ours_serve(fd, c, w, bytes) : tls_serve(fd, ctx, w, bytes);
        close(fd);
    }
    SSL_CTX_free(ctx);
    _exit(bad);
}

/* ------------------------------------------------------------------ client side */

static uint8_t data[CHUNK];

static int connect_to(unsigned port)
{
    int fd;
    if (net_connect("127.0.0.1", port, &fd) != CL_OK) die("connect");
    nodelay(fd);
    return fd;
}

/* One connection: handshake, optionally the timed transfer, orderly close.
 * *secs: the timed part (transfer). */
static int ours_client(unsigned port, const struct config *c, enum what w, uint64_t bytes, double *secs)
{
    int fd = connect_to(port);
    struct net_options o;
    memset(&o, 0, sizeof o);
    o.suites = &c->suite;
    o.n_suites = 1;
    net_conn *nc = net_conn_new(fd, 0, &o);
    int bad = net_client_handshake(nc, pinned, NULL) != CL_OK || net_conn_suite(nc) != c->suite;
    if (!bad && w == XFER) {
        double t0 = wall();
        for (uint64_t sent = 0; !bad && sent < bytes; sent += CHUNK)
            bad = net_send(nc, data, bytes - sent < CHUNK ? (size_t)(bytes - sent) : CHUNK) != CL_OK;
        size_t n;
        if (!bad) bad = net_recv(nc, buf, sizeof buf, &n) != CL_OK || n != 1;
        *secs = wall() - t0;
    }
    if (!bad) bad = net_close(nc) != CL_OK;
    if (bad) fprintf(stderr, "client: %s\n", net_conn_error(nc));
    net_conn_free(nc);
    close(fd);
    return bad;
}

static int tls_client(unsigned port, SSL_CTX *ctx, enum what w, uint64_t bytes, double *secs)
{
    int fd = connect_to(port);
    SSL *s = SSL_new(ctx);
    SSL_set_fd(s, fd);
    int bad = SSL_connect(s) != 1;
    if (!bad && w == XFER) {
        double t0 = wall();
        for (uint64_t sent = 0; !bad && sent < bytes; sent += CHUNK) {
            int n = bytes - sent < CHUNK ? (int)(bytes - sent) : CHUNK;
            bad = SSL_write(s, data, n) != n;
        }
        if (!bad) bad = SSL_read(s, buf, sizeof buf) != 1;
        *secs = wall() - t0;
    }
    if (!bad) {
        int r = SSL_shutdown(s);                  /* close_notify sent */
        if (r == 0) r = SSL_shutdown(s);          /* wait for the server's */
        bad = r != 1;
    }
    if (bad) { fprintf(stderr, "TLS client failed\n"); ERR_print_errors_fp(stderr); }
    SSL_free(s);
    close(fd);
    return bad;
}

/* One run: a server process, the client here; returns MB/s or handshakes/s. */
static double run(struct meas *m, int r, uint64_t bytes, int hs_count)
{
    const struct config *c = m->cfg;
    int lfd;
    unsigned port;
    if (net_listen("127.0.0.1", 0, &lfd, &port) != CL_OK) die("listen on 127.0.0.1");
    int count = m->what == XFER ? 1 : hs_count;
    fflush(NULL);
    pid_t pid = fork();
    if (pid < 0) die("fork");
    if (pid == 0) server_process(lfd, c, m->what, bytes, count);
    close(lfd);
    SSL_CTX *ctx = c->proto == OURS ? NULL : tls_ctx(c, 0);
    double cpu0 = self_cpu(), t0 = wall(), secs = 0;
    int bad = 0;
    for (int i = 0; i < count && !bad; i++)
        bad = c->proto == OURS ? ours_client(port, c, m->what, bytes, &secs)
                               : tls_client(port, ctx, m->what, bytes, &secs);
    double elapsed = wall() - t0;
    m->cpu_client[r] = self_cpu() - cpu0;
    SSL_CTX_free(ctx);
    int status;
    struct rusage ru;
    if (wait4(pid, &status, 0, &ru) != pid || !WIFEXITED(status) || WEXITSTATUS(status) != 0) bad = 1;
    m->cpu_server[r] = tv(ru.ru_utime) + tv(ru.ru_stime);
    if (bad) die(c->name);
    return m->what == XFER ? (double)bytes / 1e6 / secs : count / elapsed;
}

/* ------------------------------------------------------------------ output */

static void write_csv(const char *dir, const char *machine, int rounds, uint64_t bytes, int hs)
{
    char path[4096], *old = NULL;
    snprintf(path, sizeof path, "%s/results.csv", dir);
    FILE *fp = fopen(path, "r");
    size_t len = 0;
    if (fp) {                       /* keep bench.c's rows, drop earlier channel rows */
        fseek(fp, 0, SEEK_END);
        long n = ftell(fp);
        fseek(fp, 0, SEEK_SET);
        old = calloc(1, (size_t)n + 1);
        len = fread(old, 1, (size_t)n, fp);
        fclose(fp);
    }
    fp = fopen(path, "w");
    if (!fp) { perror(path); free(old); return; }
    if (!old || !len) {
        fprintf(fp, "# %s\n", machine);
        fprintf(fp, "operation,our_impl,openssl_config,openssl_ia32cap,ours,baseline,baseline_value,unit,ratio,target,verdict\n");
    }
    for (char *p = old; p && *p;) {
        char *e = strchr(p, '\n');
        size_t l = e ? (size_t)(e - p + 1) : strlen(p);
        if (strncmp(p, "channel ", 8) != 0 && strncmp(p, "# secure channel", 16) != 0)
            fwrite(p, 1, l, fp);
        p += l;
    }
    free(old);
    fprintf(fp, "# secure channel (tests/bench/channel_bench.c): two processes over 127.0.0.1, "
                "%d rounds, medians; transfer %llu bytes in 16384-byte records; %d handshakes per round\n",
            rounds, (unsigned long long)bytes, hs);
    for (size_t i = 0; i < N_CMPS; i++) {
        const struct meas *a = &meas[cmps[i].ours], *b = &meas[cmps[i].base];
        double x = median(a->v, rounds), y = median(b->v, rounds), ratio = x / y;
        const char *unit = a->what == XFER ? "MB/s" : "handshakes/s";
        const char *verdict = cmps[i].target <= 0 ? "-" : ratio >= cmps[i].target ? "met" : "MISSED";
        fprintf(fp, "%s,%s,native,,%.2f,%s,%.2f,%s,%.3f,%.2f,%s\n", cmps[i].operation,
                a->cfg->proto == OURS ? (a->cfg->suite == NET_SUITE_AES256_GCM ? "net suite 0x02" : "net suite 0x01") : "-",
                x, b->cfg->name, y, unit, ratio, cmps[i].target, verdict);
    }
    fclose(fp);
}

static void write_svg(const char *dir, const char *machine, int rounds)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/channel.svg", dir);
    FILE *fp = fopen(path, "w");
    if (!fp) { perror(path); return; }
    const double maxr = 2.5;
    const int left = 420, barw = 400, rowh = 24, top = 60, rows = (int)N_CMPS;
    int h = top + rows * rowh + 50;
    fprintf(fp, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
                "font-family=\"sans-serif\" font-size=\"12\">\n", left + barw + 80, h);
    fprintf(fp, "<rect width=\"100%%\" height=\"100%%\" fill=\"white\"/>\n");
    fprintf(fp, "<text x=\"10\" y=\"20\" font-size=\"15\" font-weight=\"bold\">secure channel: cryptolab / "
                "libssl TLS over loopback (median of %d; higher is better)</text>\n", rounds);
    fprintf(fp, "<text x=\"10\" y=\"38\" fill=\"#555\">%s</text>\n", machine);
    for (int k = 0; k <= 5; k++) {
        double x = left + k * 0.5 / maxr * barw;
        fprintf(fp, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"%s\"/>\n", x, top - 6,
                x, top + rows * rowh, k == 2 ? "#000" : "#ddd");
        fprintf(fp, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%.1fx</text>\n", x,
                top + rows * rowh + 16, k * 0.5);
    }
    for (int i = 0; i < rows; i++) {
        int y = top + i * rowh;
        double ratio = median(meas[cmps[i].ours].v, rounds) / median(meas[cmps[i].base].v, rounds);
        double target = cmps[i].target;
        const char *color = target <= 0 ? "#999" : ratio >= target ? "#2a9d4b" : "#d1495b";
        double w = (ratio > maxr ? maxr : ratio) / maxr * barw;
        fprintf(fp, "<text x=\"%d\" y=\"%d\" text-anchor=\"end\">%s</text>\n", left - 8, y + 16,
                cmps[i].operation + 8);
        fprintf(fp, "<rect x=\"%d\" y=\"%d\" width=\"%.1f\" height=\"%d\" fill=\"%s\"/>\n", left, y + 4,
                w, rowh - 8, color);
        if (target > 0) {
            double tx = left + target / maxr * barw;
            fprintf(fp, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#000\" "
                        "stroke-width=\"2\" stroke-dasharray=\"3,2\"/>\n", tx, y + 1, tx, y + rowh - 1);
        }
        fprintf(fp, "<text x=\"%.1f\" y=\"%d\">%.2f%s</text>\n", left + w + 4, y + 16, ratio,
                ratio > maxr ? " &#8594;" : "");
    }
    fprintf(fp, "<text x=\"10\" y=\"%d\" fill=\"#555\">green: target met, red: missed, grey: no "
                "target; dashed line: target</text>\n", h - 12);
    fprintf(fp, "</svg>\n");
    fclose(fp);
}

int main(int argc, char **argv)
{
    int rounds = 5, hs = 200;
    uint64_t mib = 1024;
    const char *out = "docs/bench", *only = NULL;
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--rounds") && i + 1 < argc) rounds = atoi(argv[++i]);
        else if (!strcmp(argv[i], "--mib") && i + 1 < argc) mib = (uint64_t)atoll(argv[++i]);
        else if (!strcmp(argv[i], "--handshakes") && i + 1 < argc) hs = atoi(argv[++i]);
        else if (!strcmp(argv[i], "--out") && i + 1 < argc) out = argv[++i];
        else if (!strcmp(argv[i], "--only") && i + 1 < argc) only = argv[++i];
        else if (!strcmp(argv[i], "--quick")) { rounds = 3; mib = 64; hs = 50; }
        else {
            fprintf(stderr, "usage: cryptolab-channel-bench [--rounds N] [--mib N] [--handshakes N] "
                            "[--out DIR] [--quick] [--only TEXT]\n"
                            "  --only TEXT: run only the configurations whose name contains TEXT\n"
                            "               (for profiling, e.g. --only AES256-GCM; writes no files)\n");
            return 1;
        }
    }
    if (rounds < 1 || rounds > 50 || mib < 1 || hs < 1) die("bad --rounds, --mib or --handshakes");
    signal(SIGPIPE, SIG_IGN);
    uint64_t bytes = mib << 20;
    for (size_t i = 0; i < sizeof data; i++) data[i] = (uint8_t)(i * 2654435761u >> 13);
    make_keys();

    fprintf(stderr, "secure channel: %d rounds of %llu MiB transfers and %d handshakes, "
                    "client and server processes over 127.0.0.1\n", rounds, (unsigned long long)mib, hs);
    for (int r = 0; r < rounds; r++) {
        for (size_t i = 0; i < N_MEAS; i++) {
            if (only && !strstr(meas[i].cfg->name, only)) continue;
            meas[i].v[r] = run(&meas[i], r, bytes, hs);
            fprintf(stderr, "  round %d  %-9s %-48s %9.1f %-12s  CPU client %.2fs server %.2fs\n", r + 1,
                    meas[i].what == XFER ? "transfer" : "handshake", meas[i].cfg->name, meas[i].v[r],
                    meas[i].what == XFER ? "MB/s" : "handshakes/s", meas[i].cpu_client[r], meas[i].cpu_server[r]);
        }
    }

    char machine[512] = "unknown machine";
    char mpath[4096];
    snprintf(mpath, sizeof mpath, "%s/machine.txt", out);
    FILE *mf = fopen(mpath, "r");
    if (mf) {
        if (fgets(machine, sizeof machine, mf)) machine[strcspn(machine, "\n")] = 0;
        fclose(mf);
    } else {
        snprintf(machine, sizeof machine, "%ld CPUs, %s", sysconf(_SC_NPROCESSORS_ONLN),
                 OpenSSL_version(OPENSSL_VERSION));
    }
    printf("\nsecure channel over 127.0.0.1 (%s), medians of %d rounds:\n", machine, rounds);
    printf("%-56s %9s %-5s %13s %13s %12s\n", "", "median", "", "CPU client", "CPU server", "per CPU-s");
    for (size_t i = 0; i < N_MEAS; i++) {
        if (only && !strstr(meas[i].cfg->name, only)) continue;
        /* the work per CPU second of both processes: robust on a shared machine */
        double cc = median(meas[i].cpu_client, rounds), cs = median(meas[i].cpu_server, rounds);
        double units = meas[i].what == XFER ? (double)bytes / 1e6 : hs;
        printf("%-9s %-46s %9.1f %-5s %7.3f s/run %7.3f s/run %7.1f %s\n",
               meas[i].what == XFER ? "transfer" : "handshake", meas[i].cfg->name,
               median(meas[i].v, rounds), meas[i].what == XFER ? "MB/s" : "hs/s", cc, cs,
               units / (cc + cs), meas[i].what == XFER ? "MB" : "hs");
    }
    if (only) return 0;
    printf("\n%-58s %7s %7s %s\n", "comparison", "ratio", "target", "");
    for (size_t i = 0; i < N_CMPS; i++) {
        double ratio = median(meas[cmps[i].ours].v, rounds) / median(meas[cmps[i].base].v, rounds);
        char tgt[16] = "";
        if (cmps[i].target > 0) snprintf(tgt, sizeof tgt, ">=%.2f", cmps[i].target);
        printf("%-58s %7.2f %7s %s\n", cmps[i].operation, ratio, tgt,
               cmps[i].target <= 0 ? "" : ratio >= cmps[i].target ? "met" : "MISSED");
    }
    mkdir(out, 0755);
    write_csv(out, machine, rounds, bytes, hs);
    write_svg(out, machine, rounds);
    printf("\nappended to %s/results.csv; written %s/channel.svg\n", out, out);
    rsa_key_clear(&our_key);
    EVP_PKEY_free(tls_pkey);
    X509_free(tls_cert);
    return 0;
}
