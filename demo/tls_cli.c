/*
 * demo/tls_cli.c -- shared parts of s_server and s_client (see tls_cli.h).
 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>
#include <sys/stat.h>
#include "demo/tls_cli.h"
#include "demo/cli.h"
#include "net/tls/messages.h"
#include "net/tls/alert.h"
#include "net/tls/record.h"
#include "rsa/ffdhe.h"
#include "rsa/x509/x509_print.h"
#include "net/tls/cert.h"
#include "common/outfile.h"
#include <time.h>

const char tls_cli_common_help[] =
    "  -tls1_2 | -tls1_3       only this version (default: both, TLS 1.3 preferred)\n"
    "  -cipher LIST            TLS 1.2 suites, openssl names, ':'-separated:\n"
    "                          DHE-RSA-AES128-GCM-SHA256 (0x009E), AES128-GCM-SHA256 (0x009C)\n"
    "  -ciphersuites LIST      TLS 1.3 suites: TLS_AES_128_GCM_SHA256 (0x1301)\n"
    "  -groups LIST            ffdhe2048:ffdhe3072 (RFC 7919); names we lack are skipped\n"
    "  -keylogfile FILE        NSS key log (also $SSLKEYLOGFILE), mode 0600: lets Wireshark\n"
    "                          decrypt a capture of YOUR OWN session -- never in production\n"
    "  -msg                    print every handshake message, ChangeCipherSpec and alert\n"
    "  -quiet                  no session summary, no K/k commands\n"
    "  -v                      narrate the founding document's four steps: which TLS messages\n"
    "                          make each step, each derived secret's name and RFC section\n"
    "  -trace-keys             print the key schedule's values of this session (lab use)\n"
    "  -trace-html FILE        write the key schedule of this session (s_server: the first\n"
    "                          connection) as a self-contained HTML page, mode 0600: the\n"
    "                          RFC 8446 §7.1 tree / the RFC 5246 PRF, value by value (lab use)\n"
    "Certificates whose key is RSA-PSS only (id-RSASSA-PSS, `openssl genpkey -algorithm\n"
    "RSA-PSS`) sign with rsa_pss_pss_sha256 and never do RSA key transport.\n"
    "Not built: PSK, session resumption, session tickets, 0-RTT, elliptic curves\n"
    "(X25519/P-256), other suites.  Messages go to stderr, data to stdout.\n";

/* ---------------------------------------------------------------- printers */

static const char *ct_name(uint8_t t)
{
    switch (t) {
    case TLS_CT_CHANGE_CIPHER_SPEC: return "ChangeCipherSpec";
    case TLS_CT_ALERT: return "Alert";
    case TLS_CT_HANDSHAKE: return "Handshake";
    default: return "ApplicationData";
    }
}

static void on_message(void *arg, int sent, uint16_t version, uint8_t type, const uint8_t *msg, size_t len)
{
    struct tls_cli *t = arg;
    if (!t->msg)
        return;
    fprintf(stderr, "%s %s, %s [length %04zx]", sent ? ">>>" : "<<<",
            version == TLS_VERSION_13 ? "TLS 1.3" : version == TLS_VERSION_12 ? "TLS 1.2" : "TLS",
            ct_name(type), len);
    if (type == TLS_CT_HANDSHAKE && len >= 1)
        fprintf(stderr, ", %s", tls_hs_name(msg[0]));
    if (type == TLS_CT_ALERT && len == 2)
        fprintf(stderr, ", %s %s", msg[0] == 2 ? "fatal" : "warning", tls_alert_name(msg[1]));
    fputc('\n', stderr);
    for (size_t i = 0; i < len && i < 4096; i += 16) {
        fputs("   ", stderr);
        for (size_t j = i; j < len && j < i + 16; j++)
            fprintf(stderr, " %02x", msg[j]);
        fputc('\n', stderr);
    }
    if (len > 4096)
        fprintf(stderr, "    ... (%zu bytes in all)\n", len);
}

static void narrate(void *arg, const char *line)
{
    struct tls_cli *t = arg;
    if (t->verbose)
        fprintf(stderr, "* %s\n", line);
}

/* -trace-html: one session's values.  A second session's first value
 * (early_secret, ClientHello.random) or another thread ends the record. */
static void record(struct tls_cli *t, const char *name, const char *section, const uint8_t *v, size_t len)
{
    pthread_t self = pthread_self();
    pthread_mutex_lock(&t->trace_lock);
    if (!t->trace_owned) {
        t->trace_owner = self;
        t->trace_owned = 1;
    }
    if (!t->trace_done && pthread_equal(t->trace_owner, self)) {
        if (t->trace_log->n > 0 && (!strcmp(name, "early_secret") || !strcmp(name, "ClientHello.random")))
            t->trace_done = 1;
        else
            viz_tls_log_add(t->trace_log, name, section, v, len);
    }
    pthread_mutex_unlock(&t->trace_lock);
}

static void trace(void *arg, const char *name, const char *section, const uint8_t *v, size_t len)
{
    struct tls_cli *t = arg;
    if (t->trace_log != NULL)
        record(t, name, section, v, len);
    if (t->trace_keys) {
        fprintf(stderr, "  %-44s %-14s ", name, section);
        for (size_t i = 0; i < len; i++)
            fprintf(stderr, "%02x", v[i]);
        fputc('\n', stderr);
    } else if (t->verbose) {
        fprintf(stderr, "*     %s (%s)\n", name, section);
    }
}

static void keylog(void *arg, const char *line)
{
    struct tls_cli *t = arg;
    if (t->keylog != NULL) {
        fprintf(t->keylog, "%s\n", line);
        fflush(t->keylog);
    }
}

void tls_cli_init(struct tls_cli *t, const char *cmd)
{
    memset(t, 0, sizeof *t);
    t->cmd = cmd;
    tls_config_init(&t->cfg);
    t->cfg.hooks.arg = t;
    t->cfg.hooks.on_message = on_message;
    t->cfg.hooks.narrate = narrate;
    t->cfg.hooks.trace = trace;
    t->cfg.hooks.keylog = keylog;
    pthread_mutex_init(&t->trace_lock, NULL);
}

/* ---------------------------------------------------------------- options */

static char *next_item(char **s)
{
    char *item = *s, *sep;
    if (item == NULL || *item == 0)
        return NULL;
    sep = strpbrk(item, ":,");
    if (sep != NULL) {
        *sep = 0;
        *s = sep + 1;
    } else {
        *s = NULL;
    }
    return item;
}

int tls_cli_option(struct tls_cli *t, int argc, char **argv, int *i)
{
    const char *o = argv[*i];
    const char *arg = *i + 1 < argc ? argv[*i + 1] : NULL;
    int takes = !strcmp(o, "-cipher") || !strcmp(o, "-ciphersuites") || !strcmp(o, "-groups") ||
                !strcmp(o, "-curves") || !strcmp(o, "-keylogfile") || !strcmp(o, "-trace-html");
    if (takes && arg == NULL)
        return cli_fail(t->cmd, "option %s needs an argument", o), -1;
    if (!strcmp(o, "-tls1_2")) {
        t->cfg.min_version = t->cfg.max_version = TLS_VERSION_12;
    } else if (!strcmp(o, "-tls1_3")) {
        t->cfg.min_version = t->cfg.max_version = TLS_VERSION_13;
    } else if (!strcmp(o, "-cipher")) {
        char *copy = strdup(arg), *s = copy, *item;
        t->cfg.n_suites12 = 0;
        while ((item = next_item(&s)) != NULL) {
            uint16_t v = 0;
            if (!strcmp(item, "DHE-RSA-AES128-GCM-SHA256") || !strcmp(item, "TLS_DHE_RSA_WITH_AES_128_GCM_SHA256"))
                v = TLS_DHE_RSA_WITH_AES_128_GCM_SHA256;
            else if (!strcmp(item, "AES128-GCM-SHA256") || !strcmp(item, "TLS_RSA_WITH_AES_128_GCM_SHA256"))
                v = TLS_RSA_WITH_AES_128_GCM_SHA256;
            if (v != 0 && t->cfg.n_suites12 < 2 &&
                (t->cfg.n_suites12 == 0 || t->cfg.suites12[0] != v))
                t->cfg.suites12[t->cfg.n_suites12++] = v;
        }
        free(copy);
        if (t->cfg.n_suites12 == 0)
            return cli_fail(t->cmd, "-cipher %s: no cipher suite we have (DHE-RSA-AES128-GCM-SHA256, "
                            "AES128-GCM-SHA256)", arg), -1;
    } else if (!strcmp(o, "-ciphersuites")) {
        char *copy = strdup(arg), *s = copy, *item;
        t->cfg.allow13_suite = 0;
        while ((item = next_item(&s)) != NULL)
            if (!strcmp(item, "TLS_AES_128_GCM_SHA256"))
                t->cfg.allow13_suite = 1;
        free(copy);
    } else if (!strcmp(o, "-groups") || !strcmp(o, "-curves")) {
        char *copy = strdup(arg), *s = copy, *item;
        t->cfg.n_groups = 0;
        while ((item = next_item(&s)) != NULL) {
            const ffdhe_group *g = ffdhe_group_by_name(item);
            if (g != NULL && t->cfg.n_groups < 2 && (t->cfg.n_groups == 0 || t->cfg.groups[0] != g->id))
                t->cfg.groups[t->cfg.n_groups++] = g->id;
        }
        free(copy);
        if (t->cfg.n_groups == 0)
            return cli_fail(t->cmd, "-groups %s: no group we have (ffdhe2048, ffdhe3072)", arg), -1;
    } else if (!strcmp(o, "-keylogfile")) {
        t->keylog_path = arg;
    } else if (!strcmp(o, "-msg")) {
        t->msg = 1;
    } else if (!strcmp(o, "-quiet")) {
        t->quiet = 1;
    } else if (!strcmp(o, "-v")) {
        t->verbose = 1;
    } else if (!strcmp(o, "-trace-keys")) {
        t->trace_keys = 1;
    } else if (!strcmp(o, "-trace-html")) {
        t->trace_html = arg;
    } else {
        return 0;
    }
    *i += takes ? 2 : 1;
    return 1;
}

/* The key log: appended (other sessions append to the same file), mode
 * 0600 -- it holds secrets (common/outfile.h does the file handling). */
static int keylog_open(struct tls_cli *t, const char *path)
{
    cl_status st = cl_outfile_open(&t->keylog_out, path, 0600, CL_OUTFILE_APPEND | CL_OUTFILE_SET_MODE);
    if (st != CL_OK)
        return cli_fail(t->cmd, "cannot open key log %s: %s", path, cl_outfile_strerror(&t->keylog_out, st));
    t->keylog = t->keylog_out.fp;
    return 0;
}

int tls_cli_finish(struct tls_cli *t)
{
    const char *env = getenv("SSLKEYLOGFILE");
    if (t->keylog_path == NULL && env != NULL && env[0])
        t->keylog_path = env;
    if (t->keylog_path != NULL) {
        if (keylog_open(t, t->keylog_path))
            return 1;
    }
    if (t->trace_html != NULL) {
        t->trace_log = calloc(1, sizeof *t->trace_log);
        if (t->trace_log == NULL)
            return cli_fail(t->cmd, "out of memory");
    }
    if (t->cfg.min_version == TLS_VERSION_13 && !t->cfg.allow13_suite)
        return cli_fail(t->cmd, "-tls1_3 without TLS_AES_128_GCM_SHA256 in -ciphersuites: nothing to offer");
    if (t->cfg.max_version == TLS_VERSION_12 && t->cfg.n_suites12 == 0)
        return cli_fail(t->cmd, "-tls1_2 without a TLS 1.2 suite");
    if (!t->cfg.allow13_suite && t->cfg.max_version == TLS_VERSION_13)
        t->cfg.max_version = TLS_VERSION_12;
    return 0;
}

/* The -trace-html page: mode 0600, it holds the session's secrets. */
static int trace_page(struct tls_cli *t)
{
    struct cli_out co;
    char source[160];
    int v13 = viz_tls_log_find(t->trace_log, "early_secret") != NULL;
    if (t->trace_log->n == 0)
        return cli_fail(t->cmd, "-trace-html %s: no session, no key schedule: page not written", t->trace_html);
    snprintf(source, sizeof source, "one's own session: cryptolab %s, TLS %s (%s side)", t->cmd,
             v13 ? "1.3" : "1.2", !strcmp(t->cmd, "s_server") ? "server" : "client");
    if (cli_out_open(t->cmd, &co, t->trace_html, 0600))
        return 1;
    if (viz_tls_page(co.fp, t->trace_log, v13, v13 ? "TLS 1.3 key schedule of this session"
                                                   : "TLS 1.2 key derivation of this session", source, NULL) != 0 ||
        ferror(co.fp)) {
        cli_out_abort(&co);
        return cli_fail(t->cmd, "cannot write %s", t->trace_html);
    }
    return cli_out_commit(t->cmd, &co);
}

int tls_cli_free(struct tls_cli *t)
{
    int rc = 0;
    if (t->trace_log != NULL) {
        rc = trace_page(t);
        viz_tls_log_clear(t->trace_log);
        free(t->trace_log);
        t->trace_log = NULL;
    }
    if (t->keylog != NULL)
        (void)cl_outfile_commit(&t->keylog_out);
    t->keylog = NULL;
    if (t->have_key)
        rsa_key_clear(&t->key);
    t->have_key = 0;
    free(t->chain_store);
    t->chain_store = NULL;
    if (t->have_anchors)
        tls_anchors_free(&t->anchors);
    t->have_anchors = 0;
    return rc;
}

int tls_cli_load_credentials(struct tls_cli *t, const char *cert, const char *keyf)
{
    uint8_t *data = NULL;
    size_t len;
    char why[240];
    rsa_key leaf;
    int bad;
    if (cli_read_all(t->cmd, cert, 1 << 20, &data, &len))
        return 1;
    if (tls_chain_load(data, len, &t->chain_store, &t->cfg.chain) != CL_OK) {
        free(data);
        return cli_fail(t->cmd, "%s: no certificate (PEM \"CERTIFICATE\" blocks or one DER certificate)", cert);
    }
    free(data);
    rsa_key_init(&t->key);
    t->have_key = 1;
    if (cli_load_rsa_key(t->cmd, &t->key, keyf, 1, NULL, NULL, NULL))
        return 1;
    rsa_key_init(&leaf);
    bad = tls_cert_public_key(t->cfg.chain.der[0], t->cfg.chain.len[0], &leaf) != CL_OK ||
          mpz_cmp(leaf.n, t->key.n) != 0 || mpz_cmp(leaf.e, t->key.e) != 0;
    rsa_key_clear(&leaf);
    if (bad)
        return cli_fail(t->cmd, "%s does not belong to the certificate in %s", keyf, cert);
    if (rsa_key_bytes(&t->key) < 256)
        return cli_fail(t->cmd, "%s: a %zu-bit key; TLS peers want at least 2048 bits", keyf,
                        8 * rsa_key_bytes(&t->key));
    /* RFC 4055 §1.2: what the certificate lets the key do */
    if (tls_cert_key_kind(t->cfg.chain.der[0], t->cfg.chain.len[0], &t->cfg.key_pss, why, sizeof why) != CL_OK)
        return cli_fail(t->cmd, "%s cannot be used for TLS: %s", cert, why);
    if (t->verbose)
        fprintf(stderr, "* %s: %zu certificate(s); %s\n", cert, t->cfg.chain.n, why);
    t->cfg.key = &t->key;
    return 0;
}

int tls_cli_load_anchors(struct tls_cli *t, const char *cafile, int client_auth, int depth)
{
    uint8_t *data;
    size_t len;
    cl_status st;
    if (cli_read_all(t->cmd, cafile, 1 << 22, &data, &len))
        return 1;
    st = tls_anchors_load(&t->anchors, data, len);
    free(data);
    if (st != CL_OK) {
        cli_fail(t->cmd, "%s: %s", cafile, t->anchors.why[0] ? t->anchors.why : "no CA certificate in it");
        tls_anchors_free(&t->anchors);
        return 1;
    }
    t->have_anchors = 1;
    t->anchors.time = (int64_t)time(NULL);
    t->anchors.client_auth = client_auth;
    t->anchors.depth = depth;
    t->cfg.verify = tls_verify_anchors;
    t->cfg.verify_arg = &t->anchors;
    return 0;
}

void tls_cli_print_session(const struct tls_cli *t, const tls_conn *c)
{
    const char *why;
    cl_status vs;
    if (t->quiet)
        return;
    fprintf(stderr, "---\nProtocol  : %s\nCipher    : %s (%s)\n", tls_version_name(tls_conn_version(c)),
            tls_suite_openssl_name(tls_conn_suite(c)), tls_suite_name(tls_conn_suite(c)));
    fprintf(stderr, "Group     : %s%s\n", tls_conn_group(c) ? tls_group_name(tls_conn_group(c))
                                                          : "(none: RSA key transport, no forward secrecy)",
            tls_conn_hrr(c) ? " (after HelloRetryRequest)" : "");
    if (tls_conn_version(c) == TLS_VERSION_12)
        fprintf(stderr, "Extended master secret: %s\n", tls_conn_ems(c) ? "yes" : "no");
    if (tls_conn_peer_chain(c)->n > 0 && strcmp(t->cmd, "s_server") == 0) {
        /* the client's certificate (CertificateRequest answered) */
        x509_cert leaf;
        char name[256] = "(unparsable)";
        const tls_cert_chain *ch = tls_conn_peer_chain(c);
        if (x509_cert_parse(&leaf, ch->der[0], ch->len[0], NULL) == CL_OK)
            (void)x509_name_format(&leaf.subject, 0, name, sizeof name);
        fprintf(stderr, "Client certificate: %s\n", name);
    } else if (strcmp(t->cmd, "s_client") == 0 && tls_conn_client_cert(c) > 0) {
        fprintf(stderr, "Client certificate: %s\n", tls_conn_client_cert(c) == 2 ? "requested, sent"
                                                                             : "requested, none sent");
    }
    vs = tls_conn_verify_result(c, &why);
    if (vs != CL_ERR_STATE)
        fprintf(stderr, "Verification: %s\n", vs == CL_OK ? "OK" : why);
    fprintf(stderr, "---\n");
}

/* ---------------------------------------------------------------- bridge */

struct pump {
    struct tls_cli *t;
    tls_conn *c;
    int in_fd;
    int wake[2];            /* main -> thread: stop reading standard input */
    int rc;
};

static void *stdin_to_tls(void *arg)
{
    struct pump *p = arg;
    static uint8_t buf[1 << 16];
    for (;;) {
        struct pollfd fds[2] = { { p->in_fd, POLLIN, 0 }, { p->wake[0], POLLIN, 0 } };
        if (poll(fds, 2, -1) < 0) {
            if (errno == EINTR)
                continue;
            break;
        }
        if (fds[1].revents)
            return NULL;                    /* the peer closed: stop here */
        ssize_t n = read(p->in_fd, buf, sizeof buf);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            break;
        if (!p->t->quiet && tls_conn_version(p->c) == TLS_VERSION_13 && n == 2 &&
            (buf[0] == 'K' || buf[0] == 'k') && buf[1] == '\n') {
            fprintf(stderr, "KEYUPDATE\n");
            if (tls_key_update(p->c, buf[0] == 'K') != CL_OK)
                break;
            continue;
        }
        if (tls_write(p->c, buf, (size_t)n) != CL_OK) {
            p->rc = 1;
            break;
        }
    }
    (void)tls_close(p->c);
    return NULL;
}

static int write_all(int fd, const uint8_t *p, size_t n)
{
    while (n > 0) {
        ssize_t w = write(fd, p, n);
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0)
            return -1;
        p += w;
        n -= (size_t)w;
    }
    return 0;
}

int tls_cli_bridge(struct tls_cli *t, tls_conn *c, int in_fd)
{
    uint8_t *buf = malloc(1 << 16);         /* per connection (s_server runs several) */
    struct pump p = { t, c, in_fd, { -1, -1 }, 0 };
    pthread_t th;
    int have_thread = 0, rc = 0;
    if (buf == NULL) {
        fprintf(stderr, "error: out of memory\n");
        return 1;
    }
    if (in_fd >= 0 && pipe(p.wake) == 0) {
        have_thread = pthread_create(&th, NULL, stdin_to_tls, &p) == 0;
        if (!have_thread) {
            close(p.wake[0]);
            close(p.wake[1]);
        }
    }
    if (!have_thread)
        (void)tls_close(c);
    for (;;) {
        size_t got;
        cl_status st = tls_read(c, buf, 1 << 16, &got);
        if (st == CL_ERR_CLOSED) {
            fprintf(stderr, "closed: peer sent close_notify\n");
            break;
        }
        if (st != CL_OK) {
            fprintf(stderr, "%s: %s\n", st == CL_ERR_TRUNCATED ? "closed" : "error", tls_conn_error(c));
            rc = st == CL_ERR_TRUNCATED ? 0 : 1;
            break;
        }
        if (write_all(STDOUT_FILENO, buf, got) != 0) {
            fprintf(stderr, "error: cannot write standard output\n");
            rc = 1;
            break;
        }
    }
    if (have_thread) {
        /* the peer is done: stop reading standard input (what was read is sent) */
        ssize_t w = write(p.wake[1], "x", 1);
        (void)w;
        pthread_join(th, NULL);
        close(p.wake[0]);
        close(p.wake[1]);
    }
    (void)tls_close(c);
    free(buf);
    return rc || p.rc;
}
