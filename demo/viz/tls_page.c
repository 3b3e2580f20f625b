/*
 * demo/viz/tls_page.c -- the TLS key-schedule viewer page (`cryptolab
 * tls-trace --rfc8448 --html FILE`, `s_client/s_server -trace-html FILE`):
 * the values net/tls's trace hook reported for one session (tls_keys.h),
 * in the order they were derived, each with its RFC name, section, the
 * formula that made it and the values it was made from; for TLS 1.3 placed
 * on RFC 8446 §7.1's tree, for TLS 1.2 with the P_SHA256 blocks of RFC 5246
 * §5 recomputed (net/tls/prf.c's tls12_prf_trace) from the recorded inputs.
 * With expected values (RFC 8448 §3) each value is shown beside the
 * document's and marked equal or not.  Drawn by demo/viz/assets/tls.js.
 *
 * VIZ = { kind: "tls", version: "1.3"|"1.2", source, dropped,
 *         values: [{name, section, hex, formula, from: [names], group,
 *                   want: hex, want_src, equal}],
 *         prf: [{of, secret, label, seed, len, blocks: [{A, out}]}] }
 */
#include <string.h>
#include "demo/viz/tls_keys.h"
#include "demo/viz/page.h"
#include "net/tls/prf.h"
#include "common/ct.h"

struct desc {
    const char *name;       /* exact, or a suffix when it starts with '*' */
    const char *formula;
    const char *from;       /* '|'-separated names; "%s" is the name's prefix */
    const char *group;      /* the §7.1 stage / the RFC 5246 stage */
};

static const struct desc d13[] = {
    { "early_secret", "HKDF-Extract(salt = 0, IKM = PSK = 32 zero octets: no PSK)", "", "Early Secret" },
    { "derived (early_secret, \"derived\", \"\")", "Derive-Secret(Early Secret, \"derived\", \"\")",
      "early_secret", "Early Secret" },
    { "(EC)DHE shared secret", "(EC)DHE: Z = Y^x mod p, left-padded to the size of p (§7.4.1)", "", "Handshake Secret" },
    { "Transcript-Hash(ClientHello..ServerHello)", "SHA-256(ClientHello || ServerHello) (§4.4.1)", "", "Handshake Secret" },
    { "handshake_secret", "HKDF-Extract(salt = Derive-Secret(Early Secret, \"derived\", \"\"), IKM = (EC)DHE)",
      "derived (early_secret, \"derived\", \"\")|(EC)DHE shared secret", "Handshake Secret" },
    { "client_handshake_traffic_secret",
      "Derive-Secret(Handshake Secret, \"c hs traffic\", ClientHello...ServerHello)",
      "handshake_secret|Transcript-Hash(ClientHello..ServerHello)", "Handshake Secret" },
    { "server_handshake_traffic_secret",
      "Derive-Secret(Handshake Secret, \"s hs traffic\", ClientHello...ServerHello)",
      "handshake_secret|Transcript-Hash(ClientHello..ServerHello)", "Handshake Secret" },
    { "derived (handshake_secret, \"derived\", \"\")", "Derive-Secret(Handshake Secret, \"derived\", \"\")",
      "handshake_secret", "Handshake Secret" },
    { "Transcript-Hash(ClientHello..server Finished)", "SHA-256(ClientHello || ... || server Finished) (§4.4.1)", "",
      "Master Secret" },
    { "master_secret", "HKDF-Extract(salt = Derive-Secret(Handshake Secret, \"derived\", \"\"), IKM = 32 zero octets)",
      "derived (handshake_secret, \"derived\", \"\")", "Master Secret" },
    { "client_application_traffic_secret_0",
      "Derive-Secret(Master Secret, \"c ap traffic\", ClientHello...server Finished)",
      "master_secret|Transcript-Hash(ClientHello..server Finished)", "Master Secret" },
    { "server_application_traffic_secret_0",
      "Derive-Secret(Master Secret, \"s ap traffic\", ClientHello...server Finished)",
      "master_secret|Transcript-Hash(ClientHello..server Finished)", "Master Secret" },
    { "exporter_master_secret", "Derive-Secret(Master Secret, \"exp master\", ClientHello...server Finished)",
      "master_secret|Transcript-Hash(ClientHello..server Finished)", "Master Secret" },
    { "Transcript-Hash(ClientHello..client Finished)", "SHA-256(ClientHello || ... || client Finished) (§4.4.1)", "",
      "Master Secret" },
    { "resumption_master_secret", "Derive-Secret(Master Secret, \"res master\", ClientHello...client Finished)",
      "master_secret|Transcript-Hash(ClientHello..client Finished)", "Master Secret" },
    { "* key", "[sender]_write_key = HKDF-Expand-Label(Secret, \"key\", \"\", 16)", "%s_traffic_secret", "traffic keys" },
    { "* iv", "[sender]_write_iv = HKDF-Expand-Label(Secret, \"iv\", \"\", 12)", "%s_traffic_secret", "traffic keys" },
    { "server finished_key", "finished_key = HKDF-Expand-Label(BaseKey = server_handshake_traffic_secret, \"finished\", \"\", 32)",
      "server_handshake_traffic_secret", "Finished" },
    { "server verify_data", "HMAC(finished_key, Transcript-Hash(ClientHello..CertificateVerify))",
      "server finished_key", "Finished" },
    { "client finished_key", "finished_key = HKDF-Expand-Label(BaseKey = client_handshake_traffic_secret, \"finished\", \"\", 32)",
      "client_handshake_traffic_secret", "Finished" },
    { "client verify_data", "HMAC(finished_key, Transcript-Hash(ClientHello..server Finished))",
      "client finished_key|Transcript-Hash(ClientHello..server Finished)", "Finished" },
    { "*_N+1", "application_traffic_secret_N+1 = HKDF-Expand-Label(application_traffic_secret_N, \"traffic upd\", \"\", 32)",
      "", "KeyUpdate" },
    { NULL, NULL, NULL, NULL }
};

static const struct desc d12[] = {
    { "ClientHello.random", "32 octets chosen by the client (§7.4.1.2)", "", "inputs" },
    { "ServerHello.random", "32 octets chosen by the server (§7.4.1.2)", "", "inputs" },
    { "pre_master_secret", "RSA: client_version (03 03) || 46 random octets, RSA-encrypted by the client "
      "(§7.4.7.1); DHE: Z = Yc^x mod p, leading zero octets stripped (§8.1.2)", "", "inputs" },
    { "session_hash", "Hash(ClientHello .. ClientKeyExchange) (RFC 7627 §3)", "", "inputs" },
    { "master_secret (extended)", "PRF(pre_master_secret, \"extended master secret\", session_hash)[0..47]",
      "pre_master_secret|session_hash", "master secret" },
    { "master_secret", "PRF(pre_master_secret, \"master secret\", ClientHello.random + ServerHello.random)[0..47]",
      "pre_master_secret|ClientHello.random|ServerHello.random", "master secret" },
    { "key_block", "PRF(master_secret, \"key expansion\", server_random + client_random): 40 octets for "
      "AES-128-GCM (§6.3)", "%M|ServerHello.random|ClientHello.random", "key block" },
    { "client_write_key", "key_block[0..15]", "key_block", "key block" },
    { "server_write_key", "key_block[16..31]", "key_block", "key block" },
    { "client_write_IV (salt)", "key_block[32..35]: the implicit part of the GCM nonce (RFC 5288 §3)", "key_block", "key block" },
    { "server_write_IV (salt)", "key_block[36..39]: the implicit part of the GCM nonce (RFC 5288 §3)", "key_block", "key block" },
    { "Hash(handshake_messages), client Finished", "SHA-256 of all handshake messages before the client's Finished", "",
      "Finished" },
    { "client verify_data", "PRF(master_secret, \"client finished\", Hash(handshake_messages))[0..11]",
      "%M|Hash(handshake_messages), client Finished", "Finished" },
    { "Hash(handshake_messages), server Finished", "SHA-256 of all handshake messages before the server's Finished", "",
      "Finished" },
    { "server verify_data", "PRF(master_secret, \"server finished\", Hash(handshake_messages))[0..11]",
      "%M|Hash(handshake_messages), server Finished", "Finished" },
    { NULL, NULL, NULL, NULL }
};

static const struct desc *describe(const struct desc *d, const char *name)
{
    size_t nl = strlen(name);
    for (; d->name != NULL; d++) {
        if (d->name[0] == '*') {
            size_t sl = strlen(d->name + 1);
            if (nl > sl && strcmp(name + nl - sl, d->name + 1) == 0)
                return d;
        } else if (strcmp(d->name, name) == 0) {
            return d;
        }
    }
    return NULL;
}

/* The names a value is made from, as a JSON array: "%s" is the part of the
 * name before its last space ("server_handshake" of "server_handshake key"),
 * with "_0" for application secrets; "%M" the session's master secret. */
static void write_from(FILE *f, const char *from, const char *name, const char *master)
{
    char buf[160];
    int first = 1;
    fputc('[', f);
    while (from != NULL && *from) {
        const char *bar = strchr(from, '|');
        size_t n = bar ? (size_t)(bar - from) : strlen(from);
        if (n == 2 && !strncmp(from, "%M", 2)) {
            snprintf(buf, sizeof buf, "%s", master);
        } else if (n > 2 && !strncmp(from, "%s", 2)) {
            const char *sp = strrchr(name, ' ');
            size_t pl = sp ? (size_t)(sp - name) : strlen(name);
            snprintf(buf, sizeof buf, "%.*s%.*s%s", (int)pl, name, (int)(n - 2), from + 2,
                     strstr(name, "application") != NULL ? "_0" : "");
        } else {
            snprintf(buf, sizeof buf, "%.*s", (int)n, from);
        }
        if (!first)
            fputc(',', f);
        viz_json_str(f, buf);
        first = 0;
        from = bar ? bar + 1 : NULL;
    }
    fputc(']', f);
}

static void write_value(FILE *f, int first, const char *name, const char *section, const uint8_t *v, size_t n,
                        const struct desc *table, const char *master, const struct viz_tls_rec *want,
                        const char *want_src)
{
    const struct desc *d = describe(table, name);
    fputs(first ? "{" : ",{", f);
    viz_json_key(f, 1, "name");
    viz_json_str(f, name);
    viz_json_key(f, 0, "section");
    viz_json_str(f, section);
    viz_json_key(f, 0, "hex");
    viz_json_hex(f, v, n);
    viz_json_key(f, 0, "formula");
    viz_json_str(f, d ? d->formula : "");
    viz_json_key(f, 0, "from");
    write_from(f, d ? d->from : "", name, master);
    viz_json_key(f, 0, "group");
    viz_json_str(f, d ? d->group : "");
    if (want != NULL) {
        viz_json_key(f, 0, "want");
        viz_json_hex(f, want->v, want->n);
        viz_json_key(f, 0, "want_src");
        viz_json_str(f, want_src);
        viz_json_key(f, 0, "equal");
        fputs(want->n == n && cl_ct_memeq(want->v, v, n) ? "true" : "false", f);
    }
    fputc('}', f);
}

/* ---------------------------------------------------------------- TLS 1.2: P_SHA256's blocks */

struct prf_rec {
    uint8_t a[4][32], out[4][32];
    unsigned n;
};

static void prf_step(void *arg, unsigned i, int is_output, const uint8_t v[32])
{
    struct prf_rec *p = arg;
    if (i < 1 || i > 4)
        return;
    memcpy(is_output ? p->out[i - 1] : p->a[i - 1], v, 32);
    if (i > p->n)
        p->n = i;
}

static void write_prf(FILE *f, int *first, const char *of, const char *secret_name,
                      const uint8_t *secret, size_t secret_len, const char *label,
                      const uint8_t *seed, size_t seed_len, uint8_t *out, size_t len)
{
    struct prf_rec p;
    memset(&p, 0, sizeof p);
    if (tls12_prf_trace(secret, secret_len, label, seed, seed_len, out, len, prf_step, &p) != CL_OK) {
        cl_wipe(&p, sizeof p);
        return;
    }
    fputs(*first ? "{" : ",{", f);
    *first = 0;
    viz_json_key(f, 1, "of");
    viz_json_str(f, of);
    viz_json_key(f, 0, "secret");
    viz_json_str(f, secret_name);
    viz_json_key(f, 0, "label");
    viz_json_str(f, label);
    viz_json_key(f, 0, "seed");
    viz_json_hex(f, seed, seed_len);
    viz_json_key(f, 0, "len");
    fprintf(f, "%zu", len);
    viz_json_key(f, 0, "blocks");
    fputc('[', f);
    for (unsigned i = 0; i < p.n; i++) {
        fputs(i ? ",{" : "{", f);
        viz_json_key(f, 1, "A");
        viz_json_hex(f, p.a[i], 32);
        viz_json_key(f, 0, "out");
        viz_json_hex(f, p.out[i], 32);
        fputc('}', f);
    }
    fputs("]}", f);
    cl_wipe(&p, sizeof p);
}

static void page12(FILE *f, const struct viz_tls_log *log)
{
    const struct viz_tls_rec *cr = viz_tls_log_find(log, "ClientHello.random");
    const struct viz_tls_rec *sr = viz_tls_log_find(log, "ServerHello.random");
    const struct viz_tls_rec *pms = viz_tls_log_find(log, "pre_master_secret");
    const struct viz_tls_rec *sh = viz_tls_log_find(log, "session_hash");
    const struct viz_tls_rec *ms = viz_tls_log_find(log, "master_secret (extended)");
    const char *master = "master_secret (extended)";
    uint8_t seed[64], out[48], kb[40];
    int first = 1, have_kb = 0;
    if (ms == NULL) {
        ms = viz_tls_log_find(log, "master_secret");
        master = "master_secret";
    }
    if (ms != NULL && cr != NULL && sr != NULL) {
        memcpy(seed, sr->v, 32);
        memcpy(seed + 32, cr->v, 32);
        have_kb = tls12_prf(ms->v, ms->n, "key expansion", seed, 64, kb, sizeof kb) == CL_OK;
    }
    viz_json_key(f, 0, "values");
    fputc('[', f);
    for (size_t i = 0; i < log->n; i++) {
        const struct viz_tls_rec *r = &log->r[i];
        write_value(f, i == 0, r->name, r->section, r->v, r->n, d12, master, NULL, NULL);
        if (have_kb && r == ms)
            write_value(f, 0, "key_block", "RFC 5246 §6.3", kb, sizeof kb, d12, master, NULL, NULL);
    }
    fputc(']', f);
    /* P_SHA256's blocks (RFC 5246 §5) of each PRF use, recomputed */
    viz_json_key(f, 0, "prf");
    fputc('[', f);
    if (ms != NULL && pms != NULL) {
        if (sh != NULL && !strcmp(master, "master_secret (extended)")) {
            write_prf(f, &first, master, "pre_master_secret", pms->v, pms->n, "extended master secret",
                      sh->v, sh->n, out, 48);
        } else if (cr != NULL && sr != NULL) {
            memcpy(seed, cr->v, 32);
            memcpy(seed + 32, sr->v, 32);
            write_prf(f, &first, master, "pre_master_secret", pms->v, pms->n, "master secret", seed, 64, out, 48);
        }
    }
    if (have_kb) {
        memcpy(seed, sr->v, 32);
        memcpy(seed + 32, cr->v, 32);
        write_prf(f, &first, "key_block", master, ms->v, ms->n, "key expansion", seed, 64, out, 40);
    }
    for (int who = 1; ms != NULL && who >= 0; who--) {
        const struct viz_tls_rec *h = viz_tls_log_find(log, who ? "Hash(handshake_messages), client Finished"
                                                                 : "Hash(handshake_messages), server Finished");
        if (h != NULL)
            write_prf(f, &first, who ? "client verify_data" : "server verify_data", master, ms->v, ms->n,
                      who ? "client finished" : "server finished", h->v, h->n, out, 12);
    }
    fputc(']', f);
    cl_wipe(seed, sizeof seed);
    cl_wipe(out, sizeof out);
    cl_wipe(kb, sizeof kb);
}

int viz_tls_page(FILE *f, const struct viz_tls_log *log, int v13, const char *title,
                 const char *source, const struct viz_tls_log *expect)
{
    viz_page_begin(f, title, source);
    fputc('{', f);
    viz_json_key(f, 1, "kind");
    viz_json_str(f, "tls");
    viz_json_key(f, 0, "version");
    viz_json_str(f, v13 ? "1.3" : "1.2");
    viz_json_key(f, 0, "source");
    viz_json_str(f, source ? source : "");
    viz_json_key(f, 0, "dropped");
    fprintf(f, "%zu", log->dropped);
    if (v13) {
        viz_json_key(f, 0, "values");
        fputc('[', f);
        for (size_t i = 0; i < log->n; i++) {
            const struct viz_tls_rec *r = &log->r[i];
            write_value(f, i == 0, r->name, r->section, r->v, r->n, d13, "",
                        expect ? viz_tls_log_find(expect, r->name) : NULL, "RFC 8448 §3");
        }
        fputs("],\"prf\":[]", f);
    } else {
        page12(f, log);
    }
    fputc('}', f);
    return viz_page_end(f, "tls.js");
}
