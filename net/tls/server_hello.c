/*
 * net/tls/server_hello.c -- the server's first state, ExpectClientHello:
 * parse the ClientHello and pick the version (RFC 8446 §4.2.1: from
 * supported_versions when present, else legacy_version; RFC 7507
 * TLS_FALLBACK_SCSV), then hand over to the TLS 1.3 or TLS 1.2 machine.
 */
#include <string.h>
#include "net/tls/tls_internal.h"

static int has(const uint16_t *list, size_t n, uint16_t v)
{
    for (size_t i = 0; i < n; i++)
        if (list[i] == v)
            return 1;
    return 0;
}

static cl_status expect_client_hello(tls_conn *c, const tls_msg *m)
{
    tls_client_hello ch;
    int alert = TLS_ALERT_DECODE_ERROR;
    uint16_t v = 0;
    const tls_config *cfg = c->cfg;
    cl_status st = tls_parse_client_hello(m->body, m->len, &ch, &alert);
    if (st != CL_OK)
        return tls_fail(c, st, alert, "malformed ClientHello");
    c->rl.write_version = 0x0303;
    if (ch.ext.seen_versions) {
        if (cfg->max_version >= TLS_VERSION_13 && has(ch.ext.versions, ch.ext.n_versions, TLS_VERSION_13))
            v = TLS_VERSION_13;
        else if (cfg->min_version <= TLS_VERSION_12 && has(ch.ext.versions, ch.ext.n_versions, TLS_VERSION_12))
            v = TLS_VERSION_12;
    } else if (ch.legacy_version >= TLS_VERSION_12 && cfg->min_version <= TLS_VERSION_12) {
        v = TLS_VERSION_12;
    }
    if (v == 0)
        return tls_fail(c, CL_ERR_PROTOCOL, TLS_ALERT_PROTOCOL_VERSION,
                        "no common protocol version (client offers %s; we speak %s%s%s)",
                        ch.ext.seen_versions ? "its supported_versions list" : "legacy_version only",
                        cfg->min_version <= TLS_VERSION_12 ? "TLS 1.2" : "",
                        cfg->min_version <= TLS_VERSION_12 && cfg->max_version >= TLS_VERSION_13 ? " and " : "",
                        cfg->max_version >= TLS_VERSION_13 ? "TLS 1.3" : "");
    /* RFC 7507 §3: a fallback retry while we could have done better */
    if (ch.scsv_fallback && v < cfg->max_version)
        return tls_fail(c, CL_ERR_PROTOCOL, TLS_ALERT_INAPPROPRIATE_FALLBACK,
                        "client signals a fallback (TLS_FALLBACK_SCSV) but we speak a higher version");
    c->version = v;
    c->ch_legacy_version = ch.legacy_version;
    memcpy(c->client_random, ch.random, 32);
    memcpy(c->sni, ch.ext.sni, sizeof c->sni);
    c->n_peer_sigalgs = ch.ext.n_sigalgs;
    memcpy(c->peer_sigalgs, ch.ext.sigalgs, sizeof c->peer_sigalgs);
    tls_narrate(c, "[1] ClientHello received: the client offers %zu suites we know, %zu groups, %s",
                ch.n_suites, ch.ext.n_groups, ch.ext.seen_versions ? "supported_versions" : "no supported_versions");
    return v == TLS_VERSION_13 ? tls13_server_on_client_hello(c, &ch) : tls12_server_on_client_hello(c, &ch);
}

const struct tls_state tls_server_expect_client_hello = {
    "ExpectClientHello", TLS_HS_CLIENT_HELLO, expect_client_hello, 0, NULL };
