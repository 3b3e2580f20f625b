/*
 * demo/cmd_s_server.c -- `cryptolab s_server`, a TLS 1.2 / TLS 1.3 server
 * with openssl s_server's option names (see usage_text).
 *
 * Connections are accepted by the connection core that cryptolab-server
 * uses too (net/core.h): limits per address and overall, the handshake
 * deadline, a refusal in TLS's own words (a fatal alert) when full, a clean
 * stop on SIGINT/SIGTERM; each connection runs serve_tls() in its own
 * thread.  Standard input goes to the first connection only.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <netinet/in.h>
#include <arpa/inet.h>
#include "cli.h"
#include "demo/tls_cli.h"
#include "net/tls/tls.h"
#include "net/tls/cert.h"
#include "net/core.h"
#include <pthread.h>
#include "net/io.h"
#include "rsa/rsa.h"
#include "rsa/x509/x509.h"

#define CMD "s_server"

static const char usage_text[] =
    "usage: cryptolab s_server -cert FILE -key FILE [-accept [HOST:]PORT] [-CAfile FILE]\n"
    "                          [-verify N | -Verify N]\n"
    "                          [-tls1_2|-tls1_3] [-cipher LIST] [-ciphersuites LIST] [-groups LIST]\n"
    "                          [-keylogfile FILE] [-www|-WWW] [-naccept N] [-msg] [-quiet] [-v]\n"
    "                          [-trace-keys] [-trace-html FILE]\n"
    "A TLS server on cryptolab's own AES-GCM, SHA-256, RSA and GMP (TLS 1.2: RFC 5246,\n"
    "TLS 1.3: RFC 8446), with openssl s_server's option names.\n"
    "\n"
    "  -accept [HOST:]PORT     listen there (default *:4433; PORT 0 = any free port);\n"
    "                          prints \"ACCEPT HOST:PORT\" on stderr when listening\n"
    "  -cert FILE              certificate chain, PEM (leaf first) or one DER certificate\n"
    "  -key FILE               the leaf's RSA private key (PEM/DER, PKCS#1 or PKCS#8)\n"
    "  -CAfile FILE            CA certificates (PEM): the chain we send is completed from them\n"
    "                          (intermediates the -cert file lacks) and checked against them\n"
    "                          (a warning if it does not verify, as openssl goes on too); with\n"
    "                          -verify/-Verify they are the trust anchors for client certificates\n"
    "  -verify N               ask for a client certificate (CertificateRequest, both versions);\n"
    "                          a client may send none, but a chain it sends must verify: path to\n"
    "                          -CAfile, clientAuth in extendedKeyUsage if present, at most N\n"
    "                          intermediate CAs, its CertificateVerify signature -- else the\n"
    "                          handshake ends with the alert (unknown_ca, bad_certificate,\n"
    "                          certificate_expired, unsupported_certificate, decrypt_error ...).\n"
    "                          UNLIKE openssl, which goes on unless -verify_return_error.\n"
    "  -Verify N               the same, and a client without a certificate is refused\n"
    "                          (TLS 1.3: certificate_required; TLS 1.2: handshake_failure)\n"
    "  -www                    answer GET / with a status page (version, suite, group)\n"
    "  -WWW                    serve files under the current directory (HTTP/1.0, as openssl);\n"
    "                          paths with \"..\", outside the directory or not regular files: 403/404\n"
    "  -naccept N              exit after N connections (default: serve forever)\n"
    "Without -www/-WWW, standard input goes to the first client and the client's data to\n"
    "standard output; standard input's end sends close_notify.\n"
    "\n";

struct server {
    struct tls_cli t;
    int www, WWW;
    long naccept;
    net_core *core;
    pthread_mutex_t lock;       /* guards the two fields below */
    int stdin_used;
    long served;
    int rc;
};

/* ---------------------------------------------------------------- HTTP */

static int send_str(tls_conn *c, const char *s)
{
    return tls_write(c, (const uint8_t *)s, strlen(s)) == CL_OK ? 0 : -1;
}

/* Reads the request head (until an empty line, at most 8 KiB). */
static int read_request(tls_conn *c, char *req, size_t cap)
{
    size_t n = 0;
    while (n + 1 < cap) {
        size_t got;
        if (tls_read(c, (uint8_t *)req + n, cap - 1 - n, &got) != CL_OK)
            return -1;
        n += got;
        req[n] = 0;
        if (strstr(req, "\r\n\r\n") != NULL || strstr(req, "\n\n") != NULL)
            return 0;
    }
    return -1;
}

static void status_page(struct server *s, tls_conn *c)
{
    char page[2048];
    const char *why;
    cl_status vs = tls_conn_verify_result(c, &why);
    (void)vs;
    snprintf(page, sizeof page,
             "HTTP/1.0 200 ok\r\nContent-type: text/html\r\n\r\n"
             "<HTML><BODY BGCOLOR=\"#ffffff\">\n<pre>\n"
             "cryptolab s_server\n"
             "Protocol  : %s\n"
             "Cipher    : %s (%s)\n"
             "Group     : %s%s\n"
             "Extended master secret: %s\n"
             "Server name (SNI): %s\n"
             "Not built: PSK, resumption, tickets, 0-RTT\n"
             "</pre></BODY></HTML>\r\n",
             tls_version_name(tls_conn_version(c)), tls_suite_openssl_name(tls_conn_suite(c)),
             tls_suite_name(tls_conn_suite(c)),
             tls_conn_group(c) ? tls_group_name(tls_conn_group(c)) : "(none: RSA key transport)",
             tls_conn_hrr(c) ? " (after HelloRetryRequest)" : "",
             tls_conn_version(c) == TLS_VERSION_12 ? (tls_conn_ems(c) ? "yes" : "no") : "n/a (TLS 1.3)",
             tls_conn_sni(c)[0] ? tls_conn_sni(c) : "(none)");
    (void)s;
    (void)send_str(c, page);
}

/* -WWW: GET /path -> the file path under the current directory. */
static void serve_file(tls_conn *c, const char *req)
{
    char path[PATH_MAX], real[PATH_MAX], cwd[PATH_MAX], head[256];
    const char *p, *e;
    size_t n;
    struct stat sb;
    int fd;
    if (strncmp(req, "GET /", 5) != 0) {
        (void)send_str(c, "HTTP/1.0 400 bad request\r\nContent-type: text/plain\r\n\r\nonly GET\r\n");
        return;
    }
    p = req + 5;
    e = strpbrk(p, " \r\n?");
    n = e ? (size_t)(e - p) : strlen(p);
    if (n == 0 || n >= sizeof path) {
        (void)send_str(c, "HTTP/1.0 404 not found\r\nContent-type: text/plain\r\n\r\nno file named\r\n");
        return;
    }
    memcpy(path, p, n);
    path[n] = 0;
    /* refuse path traversal outright, then make sure the real path is inside */
    if (strstr(path, "..") != NULL || path[0] == '/' || getcwd(cwd, sizeof cwd) == NULL ||
        realpath(path, real) == NULL || strncmp(real, cwd, strlen(cwd)) != 0 ||
        (real[strlen(cwd)] != '/' && strcmp(cwd, "/") != 0)) {
        snprintf(head, sizeof head, "HTTP/1.0 %s\r\nContent-type: text/plain\r\n\r\n%s\r\n",
                 strstr(path, "..") ? "403 forbidden" : "404 not found",
                 strstr(path, "..") ? "'..' is not allowed" : "not found");
        (void)send_str(c, head);
        return;
    }
    fd = open(real, O_RDONLY | O_NONBLOCK | O_NOCTTY);
    if (fd < 0 || fstat(fd, &sb) != 0 || !S_ISREG(sb.st_mode)) {
        if (fd >= 0)
            close(fd);
        (void)send_str(c, "HTTP/1.0 404 not found\r\nContent-type: text/plain\r\n\r\nnot a regular file\r\n");
        return;
    }
    n = strlen(path);
    snprintf(head, sizeof head, "HTTP/1.0 200 ok\r\nContent-type: %s\r\nContent-Length: %lld\r\n\r\n",
             (n > 5 && !strcmp(path + n - 5, ".html")) || (n > 4 && !strcmp(path + n - 4, ".htm"))
                 ? "text/html" : "text/plain", (long long)sb.st_size);
    if (send_str(c, head) == 0) {
        uint8_t *buf = malloc(1 << 16);      /* per connection: handlers run in parallel */
        ssize_t r;
        while (buf != NULL && (r = read(fd, buf, 1 << 16)) > 0)
            if (tls_write(c, buf, (size_t)r) != CL_OK)
                break;
        free(buf);
    }
    close(fd);
}

/* ---------------------------------------------------------------- one connection */

static int serve(struct server *s, net_core_conn *cc)
{
    int fd = net_core_conn_fd(cc);
    unsigned long id = net_core_conn_id(cc);
    tls_conn *c = tls_conn_new(fd, 1, &s->t.cfg);
    cl_status st;
    int rc = 0, take_stdin;
    if (c == NULL) {
        fprintf(stderr, "ERROR %lu: out of memory\n", id);
        return 1;
    }
    st = tls_handshake(c);
    if (st != CL_OK) {
        fprintf(stderr, "ERROR %lu: %s\n", id, tls_conn_error(c));
        tls_conn_free(c);
        return 1;
    }
    net_core_established(cc);
    fprintf(stderr, "CONNECTION %lu: %s %s %s%s\n", id, tls_version_name(tls_conn_version(c)),
            tls_suite_openssl_name(tls_conn_suite(c)),
            tls_conn_group(c) ? tls_group_name(tls_conn_group(c)) : "RSA-key-transport",
            tls_conn_hrr(c) ? " HelloRetryRequest" : "");
    if (tls_conn_peer_chain(c)->n > 0)
        fprintf(stderr, "CLIENT CERTIFICATE %lu: verified\n", id);   /* an unverified one ends the handshake */
    tls_cli_print_session(&s->t, c);
    if (s->www || s->WWW) {
        char req[8192];
        if (read_request(c, req, sizeof req) == 0) {
            if (s->WWW)
                serve_file(c, req);
            else
                status_page(s, c);
        }
        (void)tls_close(c);
    } else {
        pthread_mutex_lock(&s->lock);
        take_stdin = !s->stdin_used;
        s->stdin_used = 1;
        pthread_mutex_unlock(&s->lock);
        rc = tls_cli_bridge(&s->t, c, take_stdin ? STDIN_FILENO : -1);
    }
    tls_conn_free(c);
    return rc;
}

/* The core's handler: one connection, in its own thread. */
static void serve_tls(void *arg, net_core_conn *cc)
{
    struct server *s = arg;
    int rc = serve(s, cc);
    pthread_mutex_lock(&s->lock);
    s->served++;
    s->rc |= rc;
    if (s->naccept > 0 && s->served >= s->naccept)
        net_core_stop(s->core);             /* -naccept N: N connections served */
    pthread_mutex_unlock(&s->lock);
}

/* Refused (server full, too many from one address, stopping): a fatal
 * internal_error alert, the nearest TLS word for "not now" (RFC 8446 §6.2). */
static size_t tls_refuse(void *arg, net_core_refusal why, uint8_t *out, size_t cap)
{
    static const uint8_t alert[7] = { 21, 3, 3, 0, 2, 2, 80 };
    (void)arg;
    (void)why;
    if (cap < sizeof alert)
        return 0;
    memcpy(out, alert, sizeof alert);
    return sizeof alert;
}

static void core_log(void *arg, unsigned id, const char *peer, const char *line)
{
    struct server *s = arg;
    if (s->t.verbose)
        fprintf(stderr, "core: [%u %s] %s\n", id, peer, line);
}

/* The accept loop is the connection core's. */
static int accept_loop(struct server *s, int lfd)
{
    struct net_core_config cc;
    memset(&cc, 0, sizeof cc);
    cc.handshake_ms = s->t.cfg.handshake_timeout_ms;
    cc.handler = serve_tls;
    cc.refuse = tls_refuse;
    cc.log = core_log;
    cc.arg = s;
    s->core = net_core_new(&cc);
    if (s->core == NULL)
        return cli_fail(CMD, "cannot start the connection core");
    if (net_core_catch_signals(s->core) != CL_OK)
        return cli_fail(CMD, "cannot catch SIGINT/SIGTERM");
    (void)net_core_run(s->core, lfd);
    net_core_free(s->core);
    s->core = NULL;
    return s->naccept == 1 ? s->rc : 0;
}

static int parse_accept(const char *arg, char *host, size_t cap, unsigned *port)
{
    const char *colon = strrchr(arg, ':');
    char *end;
    unsigned long p;
    if (colon != NULL) {
        size_t n = (size_t)(colon - arg);
        if (n >= cap)
            return -1;
        memcpy(host, arg, n);
        host[n] = 0;
        if (host[0] == 0 || strcmp(host, "*") == 0)
            snprintf(host, cap, "0.0.0.0");
        arg = colon + 1;
    } else {
        snprintf(host, cap, "0.0.0.0");
    }
    if (strcmp(host, "localhost") == 0)
        snprintf(host, cap, "127.0.0.1");
    p = strtoul(arg, &end, 10);
    if (*arg == 0 || *end != 0 || p > 65535)
        return -1;
    *port = (unsigned)p;
    return 0;
}

/* openssl s_server -CAfile: the chain we send is completed from the CA
 * file -- each missing issuer found by name (RFC 5280 §4.1.2.4) among its
 * certificates; the self-signed root is left out (RFC 8446 §4.4.2 allows
 * it, the client has it) -- and checked for serverAuth.  A chain that does
 * not verify is a warning (openssl goes on too; the client decides). */
static void complete_chain(struct server *s)
{
    tls_cert_chain *ch = &s->t.cfg.chain;
    const x509_certs *a = &s->t.anchors.certs;
    size_t added = 0;
    x509_bytes blobs[TLS_MAX_CHAIN];
    x509_verify_params vp;
    x509_verify_result res;
    while (ch->n < TLS_MAX_CHAIN) {
        x509_cert last;
        const x509_cert *issuer = NULL;
        if (x509_cert_parse(&last, ch->der[ch->n - 1], ch->len[ch->n - 1], NULL) != CL_OK ||
            x509_cert_self_issued(&last))
            break;
        for (size_t i = 0; i < a->count && issuer == NULL; i++)
            if (x509_name_equal(&a->cert[i].subject, &last.issuer))
                issuer = &a->cert[i];
        if (issuer == NULL || x509_cert_self_issued(issuer))
            break;
        for (size_t i = 0; i < ch->n; i++)
            if (ch->len[i] == issuer->der.len && memcmp(ch->der[i], issuer->der.p, ch->len[i]) == 0)
                issuer = NULL;                     /* already there: a loop */
        if (issuer == NULL)
            break;
        ch->der[ch->n] = issuer->der.p;
        ch->len[ch->n] = issuer->der.len;
        ch->n++;
        added++;
    }
    for (size_t i = 0; i < ch->n; i++) {
        blobs[i].p = ch->der[i];
        blobs[i].len = ch->len[i];
    }
    x509_verify_params_init(&vp, s->t.anchors.time);
    vp.purpose = X509_PURPOSE_SERVER_AUTH;
    if (x509_verify_chain(blobs, ch->n, a, &vp, &res) != CL_OK)
        fprintf(stderr, "warning: our certificate chain does not verify against -CAfile: %s\n", res.message);
    else if (s->t.verbose)
        fprintf(stderr, "* our chain: %zu certificate(s), %zu of them from -CAfile; it verifies against "
                "-CAfile (serverAuth)\n", ch->n, added);
}

/* certificate_authorities / certificate_authorities list: the CA file's subjects */
static void set_ca_names(struct server *s)
{
    const x509_certs *a = &s->t.anchors.certs;
    tls_cert_chain *names = &s->t.cfg.ca_names;
    for (size_t i = 0; i < a->count && names->n < TLS_MAX_CHAIN; i++) {
        names->der[names->n] = a->cert[i].subject.p;
        names->len[names->n] = a->cert[i].subject.len;
        names->n++;
    }
}

static int parse_depth(const char *opt, const char *arg, int *depth)
{
    char *end;
    long v = strtol(arg, &end, 10);
    if (*arg == 0 || *end != 0 || v < 0 || v > 100)
        return cli_fail(CMD, "%s %s: expected a depth from 0 to 100", opt, arg);
    *depth = (int)v;
    return 0;
}

static int run(int argc, char **argv)
{
    struct server s;
    const char *cert = NULL, *keyf = NULL, *accept_arg = "4433", *cafile = NULL;
    char host[256];
    unsigned port, bound;
    int lfd, rc, depth = -1;
    memset(&s, 0, sizeof s);
    pthread_mutex_init(&s.lock, NULL);
    tls_cli_init(&s.t, CMD);
    s.t.cfg.handshake_timeout_ms = 10000;
    for (int i = 1; i < argc;) {
        const char *o = argv[i];
        int r = tls_cli_option(&s.t, argc, argv, &i);
        if (r < 0)
            return 1;
        if (r > 0)
            continue;
        if (!strcmp(o, "--help") || !strcmp(o, "-help") || !strcmp(o, "-h")) {
            fputs(usage_text, stdout);
            fputs(tls_cli_common_help, stdout);
            return 0;
        }
        if (!strcmp(o, "-www")) { s.www = 1; i++; continue; }
        if (!strcmp(o, "-WWW")) { s.WWW = 1; i++; continue; }
        if (!strcmp(o, "-verify_return_error")) { i++; continue; }    /* what we always do */
        if (i + 1 >= argc)
            return cli_fail(CMD, "unknown option or missing argument: %s (try --help)", o);
        if (!strcmp(o, "-accept") || !strcmp(o, "-port")) accept_arg = argv[i + 1];
        else if (!strcmp(o, "-cert")) cert = argv[i + 1];
        else if (!strcmp(o, "-key")) keyf = argv[i + 1];
        else if (!strcmp(o, "-CAfile")) cafile = argv[i + 1];
        else if (!strcmp(o, "-verify") || !strcmp(o, "-Verify")) {
            if (parse_depth(o, argv[i + 1], &depth))
                return 1;
            s.t.cfg.verify_client = o[1] == 'V' ? TLS_VERIFY_CLIENT_REQUIRE : TLS_VERIFY_CLIENT_REQUEST;
        }
        else if (!strcmp(o, "-naccept")) s.naccept = strtol(argv[i + 1], NULL, 10);
        else return cli_fail(CMD, "unknown option %s (try --help)", o);
        i += 2;
    }
    if (cert == NULL || keyf == NULL)
        return cli_fail(CMD, "-cert FILE and -key FILE are required (try --help)");
    if (s.t.cfg.verify_client != TLS_VERIFY_CLIENT_NONE && cafile == NULL)
        return cli_fail(CMD, "-verify/-Verify need -CAfile FILE: the CAs whose client certificates we accept");
    if (parse_accept(accept_arg, host, sizeof host, &port) != 0)
        return cli_fail(CMD, "-accept %s: expected [HOST:]PORT with an IPv4 address", accept_arg);
    if (tls_cli_finish(&s.t))
        return 1;
    rsa_gmp_wipe_freed_memory();
    if (tls_cli_load_credentials(&s.t, cert, keyf))
        return 1;
    if (cafile != NULL) {
        if (tls_cli_load_anchors(&s.t, cafile, 1, depth))
            return 1;
        complete_chain(&s);
        if (s.t.cfg.verify_client != TLS_VERIFY_CLIENT_NONE)
            set_ca_names(&s);
        else
            s.t.cfg.verify = NULL;                 /* the anchors only built our chain */
    }
    signal(SIGPIPE, SIG_IGN);
    if (net_listen(host, port, &lfd, &bound) != CL_OK)
        return cli_fail(CMD, "cannot listen on %s:%u: %s", host, port, strerror(errno));
    fprintf(stderr, "ACCEPT %s:%u\n", host, bound);
    fflush(stderr);
    rc = accept_loop(&s, lfd);
    rc |= tls_cli_free(&s.t);
    return rc;
}

const struct cl_command cmd_s_server = {
    "s_server", "TLS 1.2/1.3 server (openssl s_server options): -accept -cert -key -CAfile -Verify -WWW", run
};
