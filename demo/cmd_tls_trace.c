/*
 * demo/cmd_tls_trace.c -- `cryptolab tls-trace --rfc8448 [-vectors FILE]
 * [--html FILE]`: the TLS 1.3 key schedule (RFC 8446 §7.1, §7.3, §4.4.4) of
 * RFC 8448 §3's "Simple 1-RTT Handshake", recomputed by net/tls/
 * key_schedule.c from the RFC's (EC)DHE shared secret and handshake
 * messages, every value printed (the `-trace-keys` format) beside the value
 * RFC 8448 prints, marked equal or not; --html writes the key-schedule
 * viewer page (demo/viz/tls_page.c).  One's own session's page comes from
 * `s_client` / `s_server -trace-html FILE` (demo/tls_cli.c).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "cli.h"
#include "common/hex.h"
#include "common/rsp.h"
#include "common/ct.h"
#include "sha256/sha256.h"
#include "net/tls/key_schedule.h"
#include "demo/viz/tls_keys.h"

#define CMD "tls-trace"
#define DEFAULT_VECTORS "vectors/tls/rfc8448-simple-1rtt.txt"

static const char usage_text[] =
    "usage: cryptolab tls-trace --rfc8448 [-vectors FILE] [--html FILE]\n"
    "Recomputes the TLS 1.3 key schedule of RFC 8448 §3 (\"Simple 1-RTT Handshake\")\n"
    "with cryptolab's own HKDF-SHA256 (RFC 8446 §7.1): from the RFC's (EC)DHE shared\n"
    "secret and its handshake messages, every secret, traffic key and IV (§7.3) and\n"
    "both Finished values (§4.4.4), in the order a server derives them; each line\n"
    "shows our value and says whether it equals the one RFC 8448 prints.\n"
    "  -vectors FILE   the RFC 8448 values (default " DEFAULT_VECTORS ")\n"
    "  --html FILE     also write a self-contained HTML page of the schedule: the\n"
    "                  values by stage of §7.1's tree, each with its formula, its\n"
    "                  inputs and RFC 8448's value beside it\n"
    "The same page for one's own session: `cryptolab s_client ... -trace-html FILE`\n"
    "or `cryptolab s_server ... -trace-html FILE` (TLS 1.3 or 1.2).\n"
    "Exit status 1 if any value differs from RFC 8448's.\n";

/* RFC 8448 §3's values: the file's names -> the trace's names */
static const struct { const char *file, *ours; } names[] = {
    { "shared_secret", "(EC)DHE shared secret" },
    { "early_secret", "early_secret" },
    { "derived_early", "derived (early_secret, \"derived\", \"\")" },
    { "hash_ch_sh", "Transcript-Hash(ClientHello..ServerHello)" },
    { "handshake_secret", "handshake_secret" },
    { "c_hs_traffic", "client_handshake_traffic_secret" },
    { "s_hs_traffic", "server_handshake_traffic_secret" },
    { "derived_handshake", "derived (handshake_secret, \"derived\", \"\")" },
    { "s_hs_key", "server_handshake key" },
    { "s_hs_iv", "server_handshake iv" },
    { "c_hs_key", "client_handshake key" },
    { "c_hs_iv", "client_handshake iv" },
    { "s_finished_key", "server finished_key" },
    { "s_verify_data", "server verify_data" },
    { "hash_ch_sf", "Transcript-Hash(ClientHello..server Finished)" },
    { "master_secret", "master_secret" },
    { "c_ap_traffic", "client_application_traffic_secret_0" },
    { "s_ap_traffic", "server_application_traffic_secret_0" },
    { "exp_master", "exporter_master_secret" },
    { "s_ap_key", "server_application key" },
    { "s_ap_iv", "server_application iv" },
    { "c_finished_key", "client finished_key" },
    { "c_verify_data", "client verify_data" },
    { "c_ap_key", "client_application key" },
    { "c_ap_iv", "client_application iv" },
    { "hash_ch_cf", "Transcript-Hash(ClientHello..client Finished)" },
    { "res_master", "resumption_master_secret" },
};
#define N_NAMES (sizeof names / sizeof names[0])

/* the handshake messages (heap: the server's flight is 700 octets) */
struct msgs {
    uint8_t *ch, *sh, *fl, *cf;
    size_t lch, lsh, lfl, lcf;
};

static struct viz_tls_log ours, rfc;     /* large: kept off the stack */

static int load(const char *path, struct msgs *m)
{
    struct rsp_reader r;
    int in = 0, bad = 0;
    cl_status st = cl_rsp_open(&r, path);
    if (st != CL_OK)
        return cli_fail(CMD, "cannot open %s (run from the source tree, or give -vectors FILE)", path);
    while ((st = cl_rsp_next(&r)) == CL_OK && r.kind != RSP_EOF) {
        if (r.kind == RSP_SECTION) {
            in = strcmp(r.name, "RFC8448-3") == 0;
            continue;
        }
        if (!in || r.kind != RSP_KEYVAL)
            continue;
        size_t cap = strlen(r.value) / 2 + 1, n;
        uint8_t *b = malloc(cap);
        if (b == NULL || cl_hex_decode(r.value, b, cap, &n) != CL_OK) {
            free(b);
            bad = 1;
            break;
        }
        uint8_t **slot = NULL;
        size_t *len = NULL;
        if (!strcmp(r.name, "ClientHello")) slot = &m->ch, len = &m->lch;
        else if (!strcmp(r.name, "ServerHello")) slot = &m->sh, len = &m->lsh;
        else if (!strcmp(r.name, "ServerFlight")) slot = &m->fl, len = &m->lfl;
        else if (!strcmp(r.name, "ClientFinished")) slot = &m->cf, len = &m->lcf;
        if (slot != NULL) {
            free(*slot);
            *slot = b;
            *len = n;
            continue;
        }
        for (size_t i = 0; i < N_NAMES; i++)
            if (!strcmp(r.name, names[i].file))
                viz_tls_log_add(&rfc, names[i].ours, "RFC 8448 §3", b, n);
        free(b);
    }
    cl_rsp_close(&r);
    if (st != CL_OK || bad)
        return cli_fail(CMD, "%s: line %lu: not a vector file of hex values", path, r.line_no);
    if (m->ch == NULL || m->sh == NULL || m->fl == NULL || m->cf == NULL || m->lfl < 36 ||
        viz_tls_log_find(&rfc, "(EC)DHE shared secret") == NULL)
        return cli_fail(CMD, "%s: no [RFC8448-3] section with ClientHello, ServerHello, ServerFlight, "
                        "ClientFinished and shared_secret", path);
    return 0;
}

static void record(void *arg, const char *name, const char *section, const uint8_t *v, size_t n)
{
    viz_tls_log_add(arg, name, section, v, n);
}

/* Transcript-Hash (RFC 8446 §4.4.1) of the first parts of the messages */
static void transcript(const struct msgs *m, int parts, size_t fl_len, uint8_t h[32])
{
    sha256_ctx c;
    sha256_init(&c);
    sha256_update(&c, m->ch, m->lch);
    if (parts > 1) sha256_update(&c, m->sh, m->lsh);
    if (parts > 2) sha256_update(&c, m->fl, fl_len);
    if (parts > 3) sha256_update(&c, m->cf, m->lcf);
    sha256_final(&c, h);
}

/* The schedule in a server's order (net/tls/server13.c), traced */
static cl_status schedule(const struct msgs *m)
{
    tls13_schedule s;
    uint8_t h[32], key[16], iv[12], fin[32];
    const struct viz_tls_rec *z = viz_tls_log_find(&rfc, "(EC)DHE shared secret");
    cl_status st;
    memset(&s, 0, sizeof s);
    s.trace = record;
    s.trace_arg = &ours;
    st = tls13_schedule_early(&s);
    viz_tls_log_add(&ours, "(EC)DHE shared secret", "§7.4.1", z->v, z->n);
    transcript(m, 2, 0, h);
    viz_tls_log_add(&ours, "Transcript-Hash(ClientHello..ServerHello)", "§4.4.1", h, 32);
    if (st == CL_OK) st = tls13_schedule_handshake(&s, z->v, z->n, h);
    if (st == CL_OK) st = tls13_traffic_keys(&s, "server_handshake", s.server_handshake_traffic_secret, key, iv);
    if (st == CL_OK) st = tls13_traffic_keys(&s, "client_handshake", s.client_handshake_traffic_secret, key, iv);
    transcript(m, 3, m->lfl - 36, h);                /* CH .. CertificateVerify */
    if (st == CL_OK) st = tls13_finished(&s, "server", s.server_handshake_traffic_secret, h, fin);
    transcript(m, 3, m->lfl, h);                     /* CH .. server Finished */
    viz_tls_log_add(&ours, "Transcript-Hash(ClientHello..server Finished)", "§4.4.1", h, 32);
    if (st == CL_OK) st = tls13_schedule_master(&s, h);
    if (st == CL_OK) st = tls13_traffic_keys(&s, "server_application", s.server_application_traffic_secret, key, iv);
    if (st == CL_OK) st = tls13_finished(&s, "client", s.client_handshake_traffic_secret, h, fin);
    if (st == CL_OK) st = tls13_traffic_keys(&s, "client_application", s.client_application_traffic_secret, key, iv);
    transcript(m, 4, m->lfl, h);
    viz_tls_log_add(&ours, "Transcript-Hash(ClientHello..client Finished)", "§4.4.1", h, 32);
    if (st == CL_OK) st = tls13_schedule_resumption(&s, h);
    tls13_schedule_clear(&s);
    cl_wipe(key, sizeof key);
    cl_wipe(iv, sizeof iv);
    cl_wipe(fin, sizeof fin);
    return st;
}

static int write_page(const char *path)
{
    struct cli_out co;
    if (cli_out_open(CMD, &co, path, 0644))
        return 1;
    if (viz_tls_page(co.fp, &ours, 1, "TLS 1.3 key schedule: RFC 8448 §3",
                     "RFC 8448 §3 \"Simple 1-RTT Handshake\" (its shared secret and messages), "
                     "recomputed by cryptolab", &rfc) != 0 || ferror(co.fp)) {
        cli_out_abort(&co);
        return cli_fail(CMD, "cannot write %s", path);
    }
    return cli_out_commit(CMD, &co);
}

static int run(int argc, char **argv)
{
    const char *vectors = DEFAULT_VECTORS, *html = NULL;
    struct msgs m;
    int want_rfc = 0, rc = 0;
    size_t equal = 0, compared = 0;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (!strcmp(a, "--help") || !strcmp(a, "-h")) {
            fputs(usage_text, stdout);
            return 0;
        } else if (!strcmp(a, "--rfc8448") || !strcmp(a, "-rfc8448")) {
            want_rfc = 1;
        } else if ((!strcmp(a, "-vectors") || !strcmp(a, "--vectors")) && i + 1 < argc) {
            vectors = argv[++i];
        } else if ((!strcmp(a, "--html") || !strcmp(a, "-html")) && i + 1 < argc) {
            html = argv[++i];
        } else {
            return cli_fail(CMD, "unknown option or missing argument: %s (see --help)", a);
        }
    }
    if (!want_rfc)
        return cli_fail(CMD, "nothing to do: give --rfc8448 (one's own session: s_client/s_server "
                        "-trace-keys, -trace-html FILE)");
    memset(&m, 0, sizeof m);
    viz_tls_log_clear(&ours);
    viz_tls_log_clear(&rfc);
    if (load(vectors, &m) == 0) {
        cl_status st = schedule(&m);
        if (st != CL_OK) {
            rc = cli_fail_status(CMD, st, "key schedule");
        } else {
            printf("TLS 1.3 key schedule of RFC 8448 §3 (RFC 8446 §7.1), ours | RFC 8448:\n");
            for (size_t i = 0; i < ours.n; i++) {
                const struct viz_tls_rec *r = &ours.r[i], *w = viz_tls_log_find(&rfc, r->name);
                char hex[2 * VIZ_TLS_MAX_LEN + 1];
                cl_hex_encode(r->v, r->n, hex);
                printf("  %-44s %-14s %s", r->name, r->section, hex);
                if (w != NULL) {
                    int eq = w->n == r->n && cl_ct_memeq(w->v, r->v, r->n);
                    compared++;
                    equal += (size_t)eq;
                    printf(eq ? "  = RFC 8448\n" : "  DIFFERS from RFC 8448\n");
                } else {
                    putchar('\n');
                }
            }
            printf("%zu of %zu values equal RFC 8448 §3's\n", equal, compared);
            if (equal != compared || compared != N_NAMES)
                rc = 1;
            if (html != NULL && write_page(html))
                rc = 1;
        }
    } else {
        rc = 1;
    }
    free(m.ch);
    free(m.sh);
    free(m.fl);
    free(m.cf);
    viz_tls_log_clear(&ours);
    viz_tls_log_clear(&rfc);
    return rc;
}

const struct cl_command cmd_tls_trace = { "tls-trace", "the TLS 1.3 key schedule of RFC 8448 §3, value by value (--html)", run };
