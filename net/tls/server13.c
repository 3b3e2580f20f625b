/*
 * net/tls/server13.c -- the TLS 1.3 server (RFC 8446 §2, §4):
 *
 *   ExpectClientHello            -> ServerHello | HelloRetryRequest
 *   ExpectClientHelloAfterRetry  -> ServerHello, {EncryptedExtensions},
 *                                   [{CertificateRequest}], {Certificate},
 *                                   {CertificateVerify}, {Finished}
 *   [ExpectClientCertificate]    (cfg->verify_client: the client's chain, or none)
 *   [ExpectClientCertificateVerify]
 *   ExpectFinished               -> connected
 *
 * Key exchange: ffdhe2048 / ffdhe3072 (§4.2.7, §4.2.8.1).  When the client
 * supports one of our groups but sent no key_share for it (curl and openssl
 * send X25519 first), we answer with a HelloRetryRequest naming the group
 * (§4.1.4); a second ClientHello without it is illegal_parameter.
 */
#include <string.h>
#include "net/tls/tls_internal.h"
#include "common/ct.h"
#include "common/random.h"

static cl_status expect_client_hello_after_retry(tls_conn *c, const tls_msg *m);
static cl_status expect_client_certificate(tls_conn *c, const tls_msg *m);
static cl_status expect_client_certificate_verify(tls_conn *c, const tls_msg *m);
static cl_status expect_finished(tls_conn *c, const tls_msg *m);

static const struct tls_state ExpectClientHelloAfterRetry = {
    "ExpectClientHelloAfterRetry", TLS_HS_CLIENT_HELLO, expect_client_hello_after_retry, 0, NULL };
static const struct tls_state ExpectClientCertificate = {
    "ExpectClientCertificate", TLS_HS_CERTIFICATE, expect_client_certificate, 0, NULL };
static const struct tls_state ExpectClientCertificateVerify = {
    "ExpectClientCertificateVerify", TLS_HS_CERTIFICATE_VERIFY, expect_client_certificate_verify, 0, NULL };
static const struct tls_state ExpectFinished = { "ExpectFinished", TLS_HS_FINISHED, expect_finished, 0, NULL };

static int has(const uint16_t *list, size_t n, uint16_t v)
{
    for (size_t i = 0; i < n; i++)
        if (list[i] == v)
            return 1;
    return 0;
}

static const tls_key_share_entry *share_for(const tls_client_hello *ch, uint16_t g)
{
    for (size_t i = 0; i < ch->ext.n_shares; i++)
        if (ch->ext.shares[i].group == g)
            return &ch->ext.shares[i];
    return NULL;
}

/* The whole server flight after the group is settled. */
static cl_status send_server_flight(tls_conn *c, const tls_client_hello *ch, const tls_key_share_entry *ks)
{
    uint8_t z[FFDHE_MAX_BYTES], h[32], fin[32];
    size_t zl, cap, sl;
    tls_wr w;
    uint8_t *buf = tls_scratch(c, &cap);
    cl_status st;
    const tls_config *cfg = c->cfg;

    /* §4.2.8.1: the FFDHE key_exchange is Y left-padded to the size of p */
    if (ks->len != c->group->p_len)
        return tls_fail(c, CL_ERR_PROTOCOL, TLS_ALERT_ILLEGAL_PARAMETER,
                        "key_share for %s of %zu bytes (RFC 8446 §4.2.8.1 wants %zu)",
                        c->group->name, ks->len, c->group->p_len);
    st = ffdhe_keygen(&c->dh, c->group);
    if (st != CL_OK)
        return tls_fail(c, st, TLS_ALERT_INTERNAL_ERROR, "DH key generation failed");
    st = tls_dh_shared(c, ks->key, ks->len, FFDHE_Z_PADDED, z, &zl, TLS_ALERT_ILLEGAL_PARAMETER);
    if (st != CL_OK)
        return st;
    st = cl_random_bytes(c->server_random, 32);
    if (st != CL_OK)
        return tls_fail(c, st, TLS_ALERT_INTERNAL_ERROR, "no randomness");
    tls_sh_params sp = { c->server_random, ch->session_id, ch->session_id_len, TLS_AES_128_GCM_SHA256,
                         TLS_VERSION_13, c->group->id, c->dh.Y, c->group->p_len, NULL, 0, 0, 0 };
    tls_wr_init(&w, buf, cap);
    tls_write_server_hello(&w, &sp);
    st = tls_queue_wr(c, &w);
    if (st != CL_OK)
        return st;
    tls_narrate(c, "[2] ServerHello: TLS 1.3, %s, key_share %s: the AES key is agreed by Diffie-Hellman, "
                "never sent (RFC 8446 §4.2.8, RFC 7919)", tls_suite_name(TLS_AES_128_GCM_SHA256), c->group->name);
    /* Appendix D.4: middlebox compatibility, a CCS right after our first message */
    if (ch->session_id_len > 0 && !c->sent_ccs) {
        st = tls_send_ccs(c);
        if (st != CL_OK)
            return tls_fail(c, st, -1, "write failed");
    }
    /* §7.1: Handshake Secret and the handshake traffic secrets */
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
    st = tls13_set_write_keys(c, c->ks.server_handshake_traffic_secret, "server_handshake");
    if (st == CL_OK)
        st = tls13_set_read_keys(c, c->ks.client_handshake_traffic_secret, "client_handshake");
    if (st != CL_OK)
        return c->failed ? st : tls_fail(c, st, -1, "write failed");
    /* {EncryptedExtensions} */
    c->ack_sni = ch->ext.seen_sni && ch->ext.sni[0];
    tls_wr_init(&w, buf, cap);
    tls_write_encrypted_extensions(&w, c->ack_sni);
    if ((st = tls_queue_wr(c, &w)) != CL_OK)
        return st;
    /* {CertificateRequest} (§4.3.2): the client is asked for its certificate */
    if (cfg->verify_client != TLS_VERIFY_CLIENT_NONE) {
        tls_wr_init(&w, buf, cap);
        tls_write_certificate_request(&w, 1, tls_sigalgs_offered, tls_n_sigalgs13, cfg->ca_names.der,
                                      cfg->ca_names.len, cfg->ca_names.n);
        if ((st = tls_queue_wr(c, &w)) != CL_OK)
            return st;
        c->requested_cert = 1;
        tls_narrate(c, "    CertificateRequest: the client is asked for a certificate (%s; RFC 8446 §4.3.2)",
                    cfg->verify_client == TLS_VERIFY_CLIENT_REQUIRE ? "required" : "optional");
    }
    /* {Certificate} */
    tls_wr_init(&w, buf, cap);
    tls_write_certificate(&w, 1, cfg->chain.der, cfg->chain.len, cfg->chain.n);
    if ((st = tls_queue_wr(c, &w)) != CL_OK)
        return st;
    /* {CertificateVerify}: RSA-PSS over Transcript-Hash(CH..Certificate) */
    {
        uint8_t sig[RSA_MAX_BYTES];
        tls_transcript_hash(c, h);
        st = tls13_sign_certificate_verify(c, h, 1, sig, sizeof sig, &sl);
        if (st != CL_OK)
            return st;
        tls_wr_init(&w, buf, cap);
        tls_write_certificate_verify(&w, c->sig_scheme, sig, sl);
        if ((st = tls_queue_wr(c, &w)) != CL_OK)
            return st;
    }
    tls_narrate(c, "    Certificate + CertificateVerify: the server proves it holds the certificate's key "
                "(RSASSA-PSS over the transcript, %s, RFC 8446 §4.4.3)", tls_scheme_name(c->sig_scheme));
    /* {Finished} */
    tls_transcript_hash(c, h);
    st = tls13_finished(&c->ks, "server", c->ks.server_handshake_traffic_secret, h, fin);
    if (st != CL_OK)
        return tls_fail(c, st, TLS_ALERT_INTERNAL_ERROR, "Finished failed");
    tls_wr_init(&w, buf, cap);
    tls_write_finished(&w, fin, 32);
    if ((st = tls_queue_wr(c, &w)) != CL_OK)
        return st;
    /* Master Secret and the application traffic secrets from CH..server Finished */
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
    st = tls13_set_write_keys(c, c->ks.server_application_traffic_secret, "server_application");
    if (st != CL_OK)
        return c->failed ? st : tls_fail(c, st, -1, "write failed");
    c->state = c->requested_cert ? &ExpectClientCertificate : &ExpectFinished;
    return CL_OK;
}

/* Suite, signature scheme and group; then ServerHello or HelloRetryRequest. */
static cl_status negotiate(tls_conn *c, const tls_client_hello *ch, int second)
{
    const tls_config *cfg = c->cfg;
    uint16_t group = 0;
    const tls_key_share_entry *ks = NULL;
    if (!cfg->allow13_suite || !has(ch->suites, ch->n_suites, TLS_AES_128_GCM_SHA256))
        return tls_fail(c, CL_ERR_PROTOCOL, TLS_ALERT_HANDSHAKE_FAILURE,
                        "no common cipher suite (we have TLS_AES_128_GCM_SHA256 only)");
    c->suite = TLS_AES_128_GCM_SHA256;
    if (!ch->ext.seen_sigalgs || !ch->ext.seen_groups || !ch->ext.seen_key_share)
        return tls_fail(c, CL_ERR_PROTOCOL, TLS_ALERT_MISSING_EXTENSION,
                        "ClientHello for TLS 1.3 without %s (RFC 8446 §9.2)",
                        !ch->ext.seen_sigalgs ? "signature_algorithms" :
                        !ch->ext.seen_groups ? "supported_groups" : "key_share");
    /* §4.4.3: our CertificateVerify scheme, from the client's list and our
     * key (rsa_pss_pss_sha256 for an id-RSASSA-PSS key, §4.2.3) */
    c->sig_scheme = tls_choose_scheme(c, ch->ext.sigalgs, ch->ext.n_sigalgs, 1);
    if (c->sig_scheme == 0)
        return tls_fail(c, CL_ERR_PROTOCOL, TLS_ALERT_HANDSHAKE_FAILURE,
                        "client does not accept %s signatures (our certificate's key is %s)",
                        cfg->key_pss ? "rsa_pss_pss_sha256" : "rsa_pss_rsae_sha256",
                        cfg->key_pss ? "id-RSASSA-PSS" : "rsaEncryption");
    /* prefer a group the client already sent a share for, in our order */
    for (size_t i = 0; i < cfg->n_groups && ks == NULL; i++)
        if (has(ch->ext.groups, ch->ext.n_groups, cfg->groups[i]) && share_for(ch, cfg->groups[i]) != NULL) {
            group = cfg->groups[i];
            ks = share_for(ch, group);
        }
    for (size_t i = 0; i < cfg->n_groups && group == 0; i++)
        if (has(ch->ext.groups, ch->ext.n_groups, cfg->groups[i]))
            group = cfg->groups[i];
    if (group == 0)
        return tls_fail(c, CL_ERR_PROTOCOL, TLS_ALERT_HANDSHAKE_FAILURE,
                        "no common group (we have %s%s%s; the client's supported_groups has none of them)",
                        tls_group_name(cfg->groups[0]), cfg->n_groups > 1 ? ", " : "",
                        cfg->n_groups > 1 ? tls_group_name(cfg->groups[1]) : "");
    c->group = ffdhe_group_by_id(group);
    if (ks == NULL) {
        uint8_t h[32], *buf;
        size_t cap;
        tls_wr w;
        cl_status st;
        if (second)
            return tls_fail(c, CL_ERR_PROTOCOL, TLS_ALERT_ILLEGAL_PARAMETER,
                            "second ClientHello still without a key_share for %s (RFC 8446 §4.1.2)",
                            c->group->name);
        /* §4.1.4 HelloRetryRequest: transcript = message_hash(CH1) || HRR */
        c->hrr = 1;
        tls_transcript_hash(c, h);
        tls_transcript_restart_hrr(c, h);
        tls_sh_params hp = { tls_hrr_random, ch->session_id, ch->session_id_len, TLS_AES_128_GCM_SHA256,
                             TLS_VERSION_13, group, NULL, 0, NULL, 0, 0, 0 };
        buf = tls_scratch(c, &cap);
        tls_wr_init(&w, buf, cap);
        tls_write_server_hello(&w, &hp);
        st = tls_queue_wr(c, &w);
        if (st != CL_OK)
            return st;
        tls_narrate(c, "[1] HelloRetryRequest: the client's key_share has no group of ours; asking for %s "
                    "(RFC 8446 §4.1.4)", c->group->name);
        if (ch->session_id_len > 0)
            st = tls_send_ccs(c);
        else
            st = tls_flush(c);
        if (st != CL_OK)
            return tls_fail(c, st, -1, "write failed");
        c->state = &ExpectClientHelloAfterRetry;
        return CL_OK;
    }
    return send_server_flight(c, ch, ks);
}

cl_status tls13_server_on_client_hello(tls_conn *c, const tls_client_hello *ch)
{
    memcpy(c->session_id, ch->session_id, ch->session_id_len);
    c->session_id_len = ch->session_id_len;
    return negotiate(c, ch, 0);
}

static cl_status expect_client_hello_after_retry(tls_conn *c, const tls_msg *m)
{
    tls_client_hello ch;
    int alert = TLS_ALERT_DECODE_ERROR;
    cl_status st = tls_parse_client_hello(m->body, m->len, &ch, &alert);
    if (st != CL_OK)
        return tls_fail(c, st, alert, "malformed second ClientHello");
    /* §4.1.2: the same hello with the requested share (random, session id kept) */
    if (memcmp(ch.random, c->client_random, 32) != 0 || ch.session_id_len != c->session_id_len ||
        memcmp(ch.session_id, c->session_id, c->session_id_len) != 0)
        return tls_fail(c, CL_ERR_PROTOCOL, TLS_ALERT_ILLEGAL_PARAMETER,
                        "second ClientHello differs from the first");
    if (!ch.ext.seen_versions)
        return tls_fail(c, CL_ERR_PROTOCOL, TLS_ALERT_ILLEGAL_PARAMETER,
                        "second ClientHello no longer offers TLS 1.3");
    return negotiate(c, &ch, 1);
}

/* §4.4.2: the client's chain, possibly empty (§4.4.2.4: then we go on
 * without client authentication, or refuse with certificate_required). */
static cl_status expect_client_certificate(tls_conn *c, const tls_msg *m)
{
    tls_chain_view v;
    int alert = TLS_ALERT_DECODE_ERROR;
    cl_status st = tls_parse_client_certificate(m->body, m->len, 1, NULL, 0, &v, &alert);
    if (st != CL_OK)
        return tls_fail(c, st, alert, "malformed client Certificate");
    if (v.n == 0) {
        if (c->cfg->verify_client == TLS_VERIFY_CLIENT_REQUIRE)
            return tls_fail(c, CL_ERR_VERIFY, TLS_ALERT_CERTIFICATE_REQUIRED,
                            "the client sent no certificate and one is required (RFC 8446 §4.4.2.4)");
        tls_narrate(c, "    the client sent no certificate: going on without client authentication");
        c->state = &ExpectFinished;
        return CL_OK;
    }
    st = tls_take_peer_chain(c, &v);
    if (st != CL_OK)
        return st;
    c->got_client_cert = 1;
    c->state = &ExpectClientCertificateVerify;
    return CL_OK;
}

/* §4.4.3: the client's signature over Transcript-Hash(.. client Certificate) */
static cl_status expect_client_certificate_verify(tls_conn *c, const tls_msg *m)
{
    uint16_t scheme;
    const uint8_t *sig;
    size_t sl;
    int alert = TLS_ALERT_DECODE_ERROR;
    cl_status st = tls_parse_certificate_verify(m->body, m->len, &scheme, &sig, &sl, &alert);
    if (st != CL_OK)
        return tls_fail(c, st, alert, "malformed CertificateVerify");
    st = tls13_verify_certificate_verify(c, c->hash_before, 0, scheme, sig, sl);
    if (st != CL_OK)
        return st;
    tls_narrate(c, "    client CertificateVerify checked (%s): the client holds its certificate's key "
                "(RFC 8446 §4.4.3)", tls_scheme_name(scheme));
    c->state = &ExpectFinished;
    return CL_OK;
}

static cl_status expect_finished(tls_conn *c, const tls_msg *m)
{
    uint8_t fin[32], h[32];
    int alert = TLS_ALERT_DECODE_ERROR;
    cl_status st = tls_parse_finished(m->body, m->len, 32, &alert);
    if (st != CL_OK)
        return tls_fail(c, st, alert, "malformed Finished");
    st = tls13_finished(&c->ks, "client", c->ks.client_handshake_traffic_secret, c->hash_before, fin);
    if (st != CL_OK)
        return tls_fail(c, st, TLS_ALERT_INTERNAL_ERROR, "Finished failed");
    if (!tls_finished_matches(fin, m->body, 32))
        return tls_fail(c, CL_ERR_VERIFY, TLS_ALERT_DECRYPT_ERROR,
                        "client Finished does not match the transcript (RFC 8446 §4.4.4)");
    st = tls13_set_read_keys(c, c->ks.client_application_traffic_secret, "client_application");
    if (st != CL_OK)
        return st;
    tls_transcript_hash(c, h);
    tls13_trace_inputs(c, NULL, 0, "Transcript-Hash(ClientHello..client Finished)", h);
    (void)tls13_schedule_resumption(&c->ks, h);
    tls_narrate(c, "    client Finished verified: handshake complete; application data under "
                "AES-128-GCM with the application traffic keys (RFC 8446 §5.2, §7.3)");
    c->handshake_done = 1;
    return CL_OK;
}
