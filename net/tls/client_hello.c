/*
 * net/tls/client_hello.c -- the client's start: ClientHello (RFC 8446
 * §4.1.2 offering TLS 1.3 and/or TLS 1.2), and its first state,
 * ExpectServerHello, which reads the version the server chose
 * (supported_versions, §4.2.1) and checks the downgrade sentinel
 * (§4.1.3) before handing over to the TLS 1.3 or TLS 1.2 machine.
 */
#include <string.h>
#include "net/tls/tls_internal.h"
#include "common/random.h"

static cl_status expect_server_hello(tls_conn *c, const tls_msg *m);
static const struct tls_state ExpectServerHello = { "ExpectServerHello", TLS_HS_SERVER_HELLO, expect_server_hello, 0, NULL };

cl_status tls_client_send_hello(tls_conn *c, const uint8_t *cookie, size_t cookie_len)
{
    const tls_config *cfg = c->cfg;
    uint16_t suites[4], versions[2];
    size_t ns = 0, nv = 0, cap;
    tls_key_share_entry share = { 0, NULL, 0 };
    uint8_t *buf = tls_scratch(c, &cap);
    tls_wr w;
    int v13 = cfg->max_version >= TLS_VERSION_13, v12 = cfg->min_version <= TLS_VERSION_12;
    if (v13 && cfg->allow13_suite)
        suites[ns++] = TLS_AES_128_GCM_SHA256;
    if (v12)
        for (size_t i = 0; i < cfg->n_suites12 && ns < 3; i++)
            suites[ns++] = cfg->suites12[i];
    if (v13) {
        versions[nv++] = TLS_VERSION_13;
        if (v12)
            versions[nv++] = TLS_VERSION_12;
    }
    if (v13) {
        share.group = c->offered_group;
        share.key = c->dh.Y;
        share.len = c->group->p_len;
    }
    tls_ch_params p = { c->client_random, c->session_id, c->session_id_len, suites, ns,
                        versions, nv, cfg->groups, cfg->n_groups, &share, v13 ? 1 : 0,
                        cfg->server_name, cookie, cookie_len, v12,
                        tls_sigalgs_offered, tls_n_sigalgs12 };
    tls_wr_init(&w, buf, cap);
    tls_write_client_hello(&w, &p);
    return tls_queue_wr(c, &w);
}

cl_status tls_client_start(tls_conn *c)
{
    const tls_config *cfg = c->cfg;
    cl_status st = cl_random_bytes(c->client_random, 32);
    if (st != CL_OK)
        return tls_fail(c, st, -1, "no randomness");
    if (cfg->n_groups == 0 && cfg->max_version >= TLS_VERSION_13)
        return tls_fail(c, CL_ERR_BAD_ARGUMENT, -1, "TLS 1.3 needs a group (-groups)");
    if (cfg->max_version >= TLS_VERSION_13) {
        /* Appendix D.4: a 32-byte legacy_session_id turns on middlebox compatibility */
        c->session_id_len = 32;
        st = cl_random_bytes(c->session_id, 32);
        if (st != CL_OK)
            return tls_fail(c, st, -1, "no randomness");
        c->offered_group = cfg->groups[0];
        c->group = ffdhe_group_by_id(c->offered_group);
        if (c->group == NULL)
            return tls_fail(c, CL_ERR_BAD_ARGUMENT, -1, "unknown group");
        st = ffdhe_keygen(&c->dh, c->group);
        if (st != CL_OK)
            return tls_fail(c, st, -1, "DH key generation failed");
        if (cfg->test == TLS_TEST_BAD_DH_PUBLIC) {
            memset(c->dh.Y, 0xFF, c->group->p_len);      /* p - 1 for the RFC 7919 primes */
            c->dh.Y[c->group->p_len - 1] = 0xFE;
        }
    }
    st = tls_client_send_hello(c, NULL, 0);
    if (st != CL_OK)
        return st;
    tls_narrate(c, "[1] ClientHello sent: %s%s%s, groups %s%s%s",
                cfg->max_version >= TLS_VERSION_13 ? "TLS 1.3" : "",
                cfg->max_version >= TLS_VERSION_13 && cfg->min_version <= TLS_VERSION_12 ? " and " : "",
                cfg->min_version <= TLS_VERSION_12 ? "TLS 1.2" : "",
                tls_group_name(cfg->groups[0]), cfg->n_groups > 1 ? ", " : "",
                cfg->n_groups > 1 ? tls_group_name(cfg->groups[1]) : "");
    /* RFC 8446 §5.1: an initial ClientHello may carry record version 0x0301 */
    c->rl.write_version = 0x0301;
    st = tls_flush(c);
    c->rl.write_version = 0x0303;
    if (st != CL_OK)
        return tls_fail(c, st, -1, "write failed");
    c->state = &ExpectServerHello;
    return CL_OK;
}

static cl_status expect_server_hello(tls_conn *c, const tls_msg *m)
{
    tls_server_hello sh;
    int alert = TLS_ALERT_DECODE_ERROR;
    const tls_config *cfg = c->cfg;
    cl_status st = tls_parse_server_hello(m->body, m->len, &sh, &alert);
    if (st != CL_OK)
        return tls_fail(c, st, alert, "malformed ServerHello");
    if (sh.ext.seen_versions) {
        if (sh.ext.selected_version != TLS_VERSION_13 || cfg->max_version < TLS_VERSION_13)
            return tls_fail(c, CL_ERR_PROTOCOL, TLS_ALERT_ILLEGAL_PARAMETER,
                            "server selected version 0x%04x, which we did not offer", sh.ext.selected_version);
        c->version = TLS_VERSION_13;
        return tls13_client_on_server_hello(c, m, &sh);
    }
    if (sh.is_hrr)
        return tls_fail(c, CL_ERR_PROTOCOL, TLS_ALERT_ILLEGAL_PARAMETER,
                        "HelloRetryRequest without supported_versions");
    if (sh.legacy_version != TLS_VERSION_12 || cfg->min_version > TLS_VERSION_12)
        return tls_fail(c, CL_ERR_PROTOCOL, TLS_ALERT_PROTOCOL_VERSION,
                        "server chose %s, which we do not accept",
                        sh.legacy_version == TLS_VERSION_12 ? "TLS 1.2" : "a version below TLS 1.2");
    /* RFC 8446 §4.1.3: a TLS 1.3 client that gets TLS 1.2 checks the sentinel */
    if (cfg->max_version >= TLS_VERSION_13 &&
        (memcmp(sh.random + 24, tls_downgrade_tls12, 8) == 0 ||
         memcmp(sh.random + 24, tls_downgrade_tls11, 8) == 0))
        return tls_fail(c, CL_ERR_PROTOCOL, TLS_ALERT_ILLEGAL_PARAMETER,
                        "downgrade detected: the server speaks TLS 1.3 (DOWNGRD sentinel in "
                        "ServerHello.random, RFC 8446 §4.1.3) but chose TLS 1.2");
    c->version = TLS_VERSION_12;
    return tls12_client_on_server_hello(c, m, &sh);
}
