/*
 * net/tls/client13.c -- the TLS 1.3 client (RFC 8446 §2, §4):
 *
 *   ExpectServerHello             (HelloRetryRequest -> second ClientHello)
 *   ExpectServerHelloAfterRetry
 *   ExpectEncryptedExtensions
 *   ExpectCertificate             (chain -> X.509 verification)
 *   ExpectCertificateVerify       (RSA-PSS over the transcript)
 *   ExpectFinished                -> [ChangeCipherSpec], {Finished}; connected
 *
 * A CertificateRequest (before the Certificate) is answered, after the
 * server's Finished, with our Certificate and CertificateVerify when we
 * have a certificate (cfg->chain, cfg->key) and a scheme the server
 * accepts, else with an empty Certificate (§4.4.2).
 */
#include <string.h>
#include "net/tls/tls_internal.h"
#include "common/ct.h"

static cl_status expect_server_hello_after_retry(tls_conn *c, const tls_msg *m);
static cl_status expect_encrypted_extensions(tls_conn *c, const tls_msg *m);
static cl_status expect_certificate(tls_conn *c, const tls_msg *m);
static cl_status expect_certificate_verify(tls_conn *c, const tls_msg *m);
static cl_status expect_finished(tls_conn *c, const tls_msg *m);

static const struct tls_state ExpectServerHelloAfterRetry = {
    "ExpectServerHelloAfterRetry", TLS_HS_SERVER_HELLO, expect_server_hello_after_retry, 0, NULL };
static const struct tls_state ExpectEncryptedExtensions = {
    "ExpectEncryptedExtensions", TLS_HS_ENCRYPTED_EXTENSIONS, expect_encrypted_extensions, 0, NULL };
static cl_status on_certificate_request(tls_conn *c, const tls_msg *m);
/* A CertificateRequest may come before the Certificate (§4.3.2). */
static const struct tls_state ExpectCertificate = {
    "ExpectCertificate", TLS_HS_CERTIFICATE, expect_certificate,
    TLS_HS_CERTIFICATE_REQUEST, on_certificate_request };
static const struct tls_state ExpectCertificateAfterRequest = {
    "ExpectCertificateAfterRequest", TLS_HS_CERTIFICATE, expect_certificate, 0, NULL };
static const struct tls_state ExpectCertificateVerify = {
    "ExpectCertificateVerify", TLS_HS_CERTIFICATE_VERIFY, expect_certificate_verify, 0, NULL };
static const struct tls_state ExpectFinished = { "ExpectFinished", TLS_HS_FINISHED, expect_finished, 0, NULL };

static int ours(const tls_conn *c, uint16_t g)
{
    for (size_t i = 0; i < c->cfg->n_groups; i++)
        if (c->cfg->groups[i] == g)
            return 1;
    return 0;
}

/* §4.1.4: HelloRetryRequest -> ClientHello2 with a share for selected_group. */
static cl_status on_hello_retry_request(tls_conn *c, const tls_msg *m, const tls_server_hello *sh)
{
    uint16_t g = sh->ext.server_share.group;
    cl_status st;
    (void)m;
    if (sh->suite != TLS_AES_128_GCM_SHA256)
        return tls_fail(c, CL_ERR_PROTOCOL, TLS_ALERT_ILLEGAL_PARAMETER,
                        "HelloRetryRequest with a suite we did not offer");
    if (!sh->ext.seen_key_share || !ours(c, g) || g == c->offered_group)
        return tls_fail(c, CL_ERR_PROTOCOL, TLS_ALERT_ILLEGAL_PARAMETER,
                        "HelloRetryRequest asks for group 0x%04x (RFC 8446 §4.2.8: one we offered "
                        "and did not already send)", g);
    c->hrr = 1;
    /* transcript: message_hash(ClientHello1) || HelloRetryRequest */
    tls_transcript_restart_hrr(c, c->hash_before);
    tls_transcript_add(c, m->raw, m->raw_len);
    tls_narrate(c, "[1] HelloRetryRequest: the server wants a key_share for %s (RFC 8446 §4.1.4)",
                tls_group_name(g));
    ffdhe_key_clear(&c->dh);
    c->offered_group = g;
    c->group = ffdhe_group_by_id(g);
    st = ffdhe_keygen(&c->dh, c->group);
    if (st != CL_OK)
        return tls_fail(c, st, TLS_ALERT_INTERNAL_ERROR, "DH key generation failed");
    /* Appendix D.4: our CCS goes before the second ClientHello */
    st = tls_send_ccs(c);
    if (st == CL_OK)
        st = tls_client_send_hello(c, sh->ext.cookie, sh->ext.cookie_len);
    if (st == CL_OK)
        st = tls_flush(c);
    if (st != CL_OK)
        return c->failed ? st : tls_fail(c, st, -1, "write failed");
    c->state = &ExpectServerHelloAfterRetry;
    return CL_OK;
}

static cl_status on_server_hello(tls_conn *c, const tls_server_hello *sh)
{
    uint8_t z[FFDHE_MAX_BYTES], h[32];
    size_t zl;
    cl_status st;
    if (sh->session_id_len != c->session_id_len ||
        memcmp(sh->session_id, c->session_id, c->session_id_len) != 0)
        return tls_fail(c, CL_ERR_PROTOCOL, TLS_ALERT_ILLEGAL_PARAMETER,
                        "legacy_session_id_echo differs from ours (RFC 8446 §4.1.3)");
    if (sh->suite != TLS_AES_128_GCM_SHA256)
        return tls_fail(c, CL_ERR_PROTOCOL, TLS_ALERT_ILLEGAL_PARAMETER,
                        "server chose suite 0x%04x, which we did not offer", sh->suite);
    if (!sh->ext.seen_key_share || sh->ext.server_share.group != c->offered_group)
        return tls_fail(c, CL_ERR_PROTOCOL, TLS_ALERT_ILLEGAL_PARAMETER,
                        "ServerHello key_share is not for the group we sent (%s)",
                        tls_group_name(c->offered_group));
    if (sh->ext.server_share.len != c->group->p_len)
        return tls_fail(c, CL_ERR_PROTOCOL, TLS_ALERT_ILLEGAL_PARAMETER,
                        "server key_share of %zu bytes (RFC 8446 §4.2.8.1 wants %zu)",
                        sh->ext.server_share.len, c->group->p_len);
    c->suite = sh->suite;
    memcpy(c->server_random, sh->random, 32);
    st = tls_dh_shared(c, sh->ext.server_share.key, sh->ext.server_share.len, FFDHE_Z_PADDED, z, &zl,
                       TLS_ALERT_ILLEGAL_PARAMETER);
    if (st != CL_OK)
        return st;
    tls_narrate(c, "[2] ServerHello: TLS 1.3, %s, key_share %s: both sides compute Z = Y^x mod p; "
                "the AES keys come from it, nothing secret crossed the wire (RFC 8446 §4.2.8, §7.4.1)",
                tls_suite_name(c->suite), c->group->name);
    tls_transcript_hash(c, h);
    st = tls13_schedule_early(&c->ks);
    tls13_trace_inputs(c, z, zl, "Transcript-Hash(ClientHello..ServerHello)", h);
    if (st == CL_OK)
        st = tls13_schedule_handshake(&c->ks, z, zl, h);
    cl_wipe(z, sizeof z);
    if (st != CL_OK)
        return tls_fail(c, st, TLS_ALERT_INTERNAL_ERROR, "key schedule failed");
    tls_narrate(c, "    derived: early_secret, handshake_secret, client/server_handshake_traffic_secret (RFC 8446 §7.1)");
    tls_keylog(c, "CLIENT_HANDSHAKE_TRAFFIC_SECRET", c->ks.client_handshake_traffic_secret, 32);
    tls_keylog(c, "SERVER_HANDSHAKE_TRAFFIC_SECRET", c->ks.server_handshake_traffic_secret, 32);
    st = tls13_set_read_keys(c, c->ks.server_handshake_traffic_secret, "server_handshake");
    if (st != CL_OK)
        return st;
    /* Appendix D.4: the dummy ChangeCipherSpec before anything we protect;
     * from here on our records (our second flight, or an alert if the
     * server's certificate fails) use the client handshake traffic keys */
    if (c->session_id_len > 0 && !c->sent_ccs) {
        st = tls_send_ccs(c);
        if (st != CL_OK)
            return tls_fail(c, st, -1, "write failed");
    }
    st = tls13_set_write_keys(c, c->ks.client_handshake_traffic_secret, "client_handshake");
    if (st != CL_OK)
        return c->failed ? st : tls_fail(c, st, -1, "write failed");
    c->state = &ExpectEncryptedExtensions;
    return CL_OK;
}

cl_status tls13_client_on_server_hello(tls_conn *c, const tls_msg *m, const tls_server_hello *sh)
{
    if (sh->is_hrr)
        return on_hello_retry_request(c, m, sh);
    return on_server_hello(c, sh);
}

static cl_status expect_server_hello_after_retry(tls_conn *c, const tls_msg *m)
{
    tls_server_hello sh;
    int alert = TLS_ALERT_DECODE_ERROR;
    cl_status st = tls_parse_server_hello(m->body, m->len, &sh, &alert);
    if (st != CL_OK)
        return tls_fail(c, st, alert, "malformed ServerHello");
    if (sh.is_hrr)
        return tls_fail(c, CL_ERR_PROTOCOL, TLS_ALERT_UNEXPECTED_MESSAGE,
                        "a second HelloRetryRequest (RFC 8446 §4.1.4)");
    if (!sh.ext.seen_versions || sh.ext.selected_version != TLS_VERSION_13)
        return tls_fail(c, CL_ERR_PROTOCOL, TLS_ALERT_ILLEGAL_PARAMETER,
                        "ServerHello after HelloRetryRequest is not TLS 1.3");
    return on_server_hello(c, &sh);
}

static cl_status expect_encrypted_extensions(tls_conn *c, const tls_msg *m)
{
    int alert = TLS_ALERT_DECODE_ERROR;
    cl_status st = tls_parse_encrypted_extensions(m->body, m->len, &alert);
    if (st != CL_OK)
        return tls_fail(c, st, alert, "bad EncryptedExtensions");
    c->state = &ExpectCertificate;
    return CL_OK;
}

static cl_status expect_certificate(tls_conn *c, const tls_msg *m)
{
    tls_chain_view v;
    int alert = TLS_ALERT_DECODE_ERROR;
    cl_status st = tls_parse_certificate(m->body, m->len, 1, &v, &alert);
    if (st != CL_OK)
        return tls_fail(c, st, alert, "malformed Certificate");
    st = tls_take_peer_chain(c, &v);
    if (st != CL_OK)
        return st;
    c->state = &ExpectCertificateVerify;
    return CL_OK;
}

static cl_status on_certificate_request(tls_conn *c, const tls_msg *m)
{
    const uint8_t *ctx;
    size_t n;
    int alert = TLS_ALERT_DECODE_ERROR;
    cl_status st = tls_parse_certificate_request(m->body, m->len, 1, &ctx, &n, c->cr_sigalgs,
                                                 &c->n_cr_sigalgs, &alert);
    if (st != CL_OK)
        return tls_fail(c, st, alert, "malformed CertificateRequest");
    c->cert_requested = 1;
    memcpy(c->cert_request_context, ctx, n);
    c->cert_request_context_len = n;
    tls_narrate(c, "    CertificateRequest: the server asks for a client certificate; we will send %s",
                c->cfg->key != NULL && c->cfg->chain.n > 0 ? "ours (-cert)" : "none");
    c->state = &ExpectCertificateAfterRequest;
    return CL_OK;
}

static cl_status expect_certificate_verify(tls_conn *c, const tls_msg *m)
{
    uint16_t scheme;
    const uint8_t *sig;
    size_t sl;
    int alert = TLS_ALERT_DECODE_ERROR;
    cl_status st = tls_parse_certificate_verify(m->body, m->len, &scheme, &sig, &sl, &alert);
    if (st != CL_OK)
        return tls_fail(c, st, alert, "malformed CertificateVerify");
    st = tls13_verify_certificate_verify(c, c->hash_before, 1, scheme, sig, sl);
    if (st != CL_OK)
        return st;
    tls_narrate(c, "    CertificateVerify checked: the server holds the certificate's private key "
                "(RSASSA-PSS, RFC 8446 §4.4.3)");
    c->state = &ExpectFinished;
    return CL_OK;
}

static cl_status expect_finished(tls_conn *c, const tls_msg *m)
{
    uint8_t fin[32], h[32], *buf;
    size_t cap;
    tls_wr w;
    int alert = TLS_ALERT_DECODE_ERROR;
    cl_status st = tls_parse_finished(m->body, m->len, 32, &alert);
    if (st != CL_OK)
        return tls_fail(c, st, alert, "malformed Finished");
    st = tls13_finished(&c->ks, "server", c->ks.server_handshake_traffic_secret, c->hash_before, fin);
    if (st != CL_OK)
        return tls_fail(c, st, TLS_ALERT_INTERNAL_ERROR, "Finished failed");
    if (!tls_finished_matches(fin, m->body, 32))
        return tls_fail(c, CL_ERR_VERIFY, TLS_ALERT_DECRYPT_ERROR,
                        "server Finished does not match the transcript (RFC 8446 §4.4.4)");
    tls_transcript_hash(c, h);
    tls13_trace_inputs(c, NULL, 0, "Transcript-Hash(ClientHello..server Finished)", h);
    st = tls13_schedule_master(&c->ks, h);
    if (st != CL_OK)
        return tls_fail(c, st, TLS_ALERT_INTERNAL_ERROR, "key schedule failed");
    tls_narrate(c, "    derived: master_secret, client/server_application_traffic_secret_0, "
                "exporter_master_secret (RFC 8446 §7.1)");
    tls_keylog(c, "CLIENT_TRAFFIC_SECRET_0", c->ks.client_application_traffic_secret, 32);
    tls_keylog(c, "SERVER_TRAFFIC_SECRET_0", c->ks.server_application_traffic_secret, 32);
    tls_keylog(c, "EXPORTER_SECRET", c->ks.exporter_master_secret, 32);
    buf = tls_scratch(c, &cap);
    if (c->cert_requested) {
        const tls_config *cfg = c->cfg;
        uint16_t scheme = cfg->key != NULL && cfg->chain.n > 0
                              ? tls_choose_scheme(c, c->cr_sigalgs, c->n_cr_sigalgs, 1) : 0;
        tls_wr_init(&w, buf, cap);
        if (scheme != 0) {
            /* §4.4.2, §4.4.3: our chain, then our signature over the transcript */
            uint8_t sig[RSA_MAX_BYTES];
            size_t sl;
            tls_write_certificate_ctx(&w, 1, c->cert_request_context, c->cert_request_context_len,
                                      cfg->chain.der, cfg->chain.len, cfg->chain.n);
            if ((st = tls_queue_wr(c, &w)) != CL_OK)
                return st;
            tls_transcript_hash(c, h);
            st = tls13_sign_certificate_verify(c, h, 0, sig, sizeof sig, &sl);
            if (st != CL_OK)
                return st;
            tls_wr_init(&w, buf, cap);
            tls_write_certificate_verify(&w, scheme, sig, sl);
            if ((st = tls_queue_wr(c, &w)) != CL_OK)
                return st;
            c->sent_cert = 1;
            tls_narrate(c, "    Certificate + CertificateVerify (%s): we prove we hold our certificate's key "
                        "(RFC 8446 §4.4.2, §4.4.3)", tls_scheme_name(scheme));
        } else {
            /* §4.4.2: an empty Certificate, then no CertificateVerify */
            if (cfg->key != NULL && cfg->chain.n > 0)
                tls_narrate(c, "    the server accepts none of the schemes our key can sign with: "
                            "empty Certificate");
            tls_write_empty_certificate(&w, 1, c->cert_request_context, c->cert_request_context_len);
            if ((st = tls_queue_wr(c, &w)) != CL_OK)
                return st;
        }
        tls_transcript_hash(c, h);
    }
    st = tls13_finished(&c->ks, "client", c->ks.client_handshake_traffic_secret, h, fin);
    if (st != CL_OK)
        return tls_fail(c, st, TLS_ALERT_INTERNAL_ERROR, "Finished failed");
    tls_wr_init(&w, buf, cap);
    tls_write_finished(&w, fin, 32);
    if ((st = tls_queue_wr(c, &w)) != CL_OK)
        return st;
    st = tls13_set_write_keys(c, c->ks.client_application_traffic_secret, "client_application");
    if (st == CL_OK)
        st = tls13_set_read_keys(c, c->ks.server_application_traffic_secret, "server_application");
    if (st != CL_OK)
        return c->failed ? st : tls_fail(c, st, -1, "write failed");
    tls_transcript_hash(c, h);
    tls13_trace_inputs(c, NULL, 0, "Transcript-Hash(ClientHello..client Finished)", h);
    (void)tls13_schedule_resumption(&c->ks, h);
    tls_narrate(c, "    Finished both ways: handshake complete; application data under AES-128-GCM "
                "with the application traffic keys (RFC 8446 §5.2, §7.3)");
    c->handshake_done = 1;
    return CL_OK;
}
