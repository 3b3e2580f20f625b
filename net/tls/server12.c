/*
 * net/tls/server12.c -- the TLS 1.2 server (RFC 5246 §7.3):
 *
 *   ExpectClientHello        -> ServerHello, Certificate, [ServerKeyExchange],
 *                               [CertificateRequest], ServerHelloDone
 *   [ExpectClientCertificate] (cfg->verify_client: the client's chain, or none)
 *   ExpectClientKeyExchange  -> (premaster -> master secret)
 *   [ExpectCertificateVerify] (when the client sent a certificate)
 *   ExpectChangeCipherSpec
 *   ExpectFinished           -> ChangeCipherSpec, Finished; connected
 *
 * Suites: TLS_DHE_RSA_WITH_AES_128_GCM_SHA256 (RFC 5288) with an RFC 7919
 * group from supported_groups, TLS_RSA_WITH_AES_128_GCM_SHA256 (RSA key
 * transport, premaster decrypted as RFC 5246 §7.4.7.1 says: no padding
 * oracle).  Extended master secret (RFC 7627) when the client offers it;
 * renegotiation_info (RFC 5746) echoed empty, renegotiation refused.
 * A certificate whose key is id-RSASSA-PSS (cfg->key_pss) may only sign:
 * no RSA key transport, ServerKeyExchange signed rsa_pss_pss_sha256.
 * ServerHello.random ends with the downgrade sentinel DOWNGRD\x01 when we
 * also speak TLS 1.3 (RFC 8446 §4.1.3).
 */
#include <string.h>
#include "net/tls/tls_internal.h"
#include "rsa/rsa_premaster.h"
#include "common/ct.h"
#include "common/random.h"

static cl_status expect_client_certificate(tls_conn *c, const tls_msg *m);
static cl_status expect_client_key_exchange(tls_conn *c, const tls_msg *m);
static cl_status expect_certificate_verify(tls_conn *c, const tls_msg *m);
static cl_status expect_change_cipher_spec(tls_conn *c, const tls_msg *m);
static cl_status expect_finished(tls_conn *c, const tls_msg *m);

static const struct tls_state ExpectClientCertificate = {
    "ExpectClientCertificate", TLS_HS_CERTIFICATE, expect_client_certificate, 0, NULL };
static const struct tls_state ExpectClientKeyExchange = {
    "ExpectClientKeyExchange", TLS_HS_CLIENT_KEY_EXCHANGE, expect_client_key_exchange, 0, NULL };
static const struct tls_state ExpectCertificateVerify = {
    "ExpectCertificateVerify", TLS_HS_CERTIFICATE_VERIFY, expect_certificate_verify, 0, NULL };
static const struct tls_state ExpectChangeCipherSpec = {
    "ExpectChangeCipherSpec", TLS_MSG_CHANGE_CIPHER_SPEC, expect_change_cipher_spec, 0, NULL };
static const struct tls_state ExpectFinished = { "ExpectFinished", TLS_HS_FINISHED, expect_finished, 0, NULL };

static int has(const uint16_t *list, size_t n, uint16_t v)
{
    for (size_t i = 0; i < n; i++)
        if (list[i] == v)
            return 1;
    return 0;
}

/* RFC 7919 §4: a common FFDHE group, 0 if the client lists FFDHE groups
 * but none of ours, ours[0] if it lists none at all (a legacy client). */
static uint16_t pick_group(const tls_conn *c, const tls_client_hello *ch, int *listed_ffdhe)
{
    const tls_config *cfg = c->cfg;
    *listed_ffdhe = 0;
    for (size_t i = 0; i < ch->ext.n_groups; i++)
        if (ch->ext.groups[i] >= 0x0100 && ch->ext.groups[i] <= 0x01FF)
            *listed_ffdhe = 1;
    for (size_t i = 0; i < cfg->n_groups; i++)
        if (has(ch->ext.groups, ch->ext.n_groups, cfg->groups[i]))
            return cfg->groups[i];
    return *listed_ffdhe || cfg->n_groups == 0 ? 0 : cfg->groups[0];
}

cl_status tls12_server_on_client_hello(tls_conn *c, const tls_client_hello *ch)
{
    const tls_config *cfg = c->cfg;
    uint16_t group = 0, scheme = 0;
    int listed_ffdhe = 0, group_miss = 0, pss_miss = 0;
    uint8_t *buf;
    size_t cap;
    tls_wr w;
    cl_status st;

    /* RFC 5746 §3.6: an initial handshake carries an empty renegotiation_info */
    if (ch->ext.seen_reneg && ch->ext.reneg_len != 0)
        return tls_fail(c, CL_ERR_PROTOCOL, TLS_ALERT_HANDSHAKE_FAILURE,
                        "renegotiation_info not empty in an initial handshake (RFC 5746 §3.6)");
    /* the ServerKeyExchange signature (RFC 5246 §7.4.1.4.1, RFC 8446 §4.2.3) */
    scheme = tls_choose_scheme(c, ch->ext.sigalgs, ch->ext.n_sigalgs, ch->ext.seen_sigalgs);
    /* our preference order over the client's list */
    for (size_t i = 0; i < cfg->n_suites12 && c->suite == 0; i++) {
        uint16_t s = cfg->suites12[i];
        if (!has(ch->suites, ch->n_suites, s))
            continue;
        if (s == TLS_RSA_WITH_AES_128_GCM_SHA256 && cfg->key_pss) {
            pss_miss = 1;             /* RFC 4055 §1.2: an id-RSASSA-PSS key does not decrypt */
            continue;
        }
        if (s == TLS_DHE_RSA_WITH_AES_128_GCM_SHA256 && scheme == 0 && cfg->key_pss) {
            pss_miss = 1;             /* no rsa_pss_pss_sha256 in the client's list */
            continue;
        }
        if (s == TLS_DHE_RSA_WITH_AES_128_GCM_SHA256) {
            group = pick_group(c, ch, &listed_ffdhe);
            if (group == 0 || scheme == 0) {
                group_miss = 1;
                continue;
            }
        }
        c->suite = s;
    }
    if (c->suite == 0 && pss_miss)
        return tls_fail(c, CL_ERR_PROTOCOL, TLS_ALERT_HANDSHAKE_FAILURE,
                        "no common cipher suite for our RSA-PSS certificate: its id-RSASSA-PSS key only "
                        "signs (RFC 4055 §1.2), so no RSA key transport, and DHE needs rsa_pss_pss_sha256 "
                        "in the client's signature_algorithms");
    if (c->suite == 0 && group_miss)
        return tls_fail(c, CL_ERR_PROTOCOL, TLS_ALERT_INSUFFICIENT_SECURITY,
                        "no common FFDHE group for DHE (RFC 7919 §4) and no other common suite");
    if (c->suite == 0)
        return tls_fail(c, CL_ERR_PROTOCOL, TLS_ALERT_HANDSHAKE_FAILURE,
                        "no common cipher suite (we have %s%s%s)",
                        cfg->n_suites12 ? tls_suite_name(cfg->suites12[0]) : "no TLS 1.2 suite",
                        cfg->n_suites12 > 1 ? ", " : "",
                        cfg->n_suites12 > 1 ? tls_suite_name(cfg->suites12[1]) : "");
    if (c->suite == TLS_DHE_RSA_WITH_AES_128_GCM_SHA256)
        c->group = ffdhe_group_by_id(group);
    c->ems = ch->ext.seen_ems;
    /* ServerHello.random: 32 random bytes; the last 8 are the sentinel
     * when we could have spoken TLS 1.3 (RFC 8446 §4.1.3) */
    st = cl_random_bytes(c->server_random, 32);
    if (st != CL_OK)
        return tls_fail(c, st, TLS_ALERT_INTERNAL_ERROR, "no randomness");
    if (cfg->max_version >= TLS_VERSION_13)
        memcpy(c->server_random + 24, tls_downgrade_tls12, 8);
    buf = tls_scratch(c, &cap);
    tls_sh_params sp = { c->server_random, NULL, 0, c->suite, TLS_VERSION_12, 0, NULL, 0, NULL, 0,
                         ch->ext.seen_reneg || ch->scsv_reneg, c->ems };
    tls_wr_init(&w, buf, cap);
    tls_write_server_hello(&w, &sp);
    if ((st = tls_queue_wr(c, &w)) != CL_OK)
        return st;
    tls_narrate(c, "[1] ServerHello: TLS 1.2, %s%s%s", tls_suite_name(c->suite),
                c->ems ? ", extended master secret (RFC 7627)" : "",
                cfg->max_version >= TLS_VERSION_13 ? ", downgrade sentinel in random (RFC 8446 §4.1.3)" : "");
    tls_wr_init(&w, buf, cap);
    tls_write_certificate(&w, 0, cfg->chain.der, cfg->chain.len, cfg->chain.n);
    if ((st = tls_queue_wr(c, &w)) != CL_OK)
        return st;
    if (c->suite == TLS_DHE_RSA_WITH_AES_128_GCM_SHA256) {
        uint8_t p[FFDHE_MAX_BYTES], sig[RSA_MAX_BYTES];
        size_t sl, m0, params_at;
        mpz_t pz;
        st = ffdhe_keygen(&c->dh, c->group);
        if (st != CL_OK)
            return tls_fail(c, st, TLS_ALERT_INTERNAL_ERROR, "DH key generation failed");
        mpz_init(pz);
        ffdhe_group_p(c->group, pz);
        st = rsa_i2osp(pz, c->group->p_len, p);
        mpz_clear(pz);
        if (st != CL_OK)
            return tls_fail(c, st, TLS_ALERT_INTERNAL_ERROR, "DH parameters");
        tls_wr_init(&w, buf, cap);
        m0 = tls_wr_msg_open(&w, TLS_HS_SERVER_KEY_EXCHANGE);
        params_at = w.len;
        tls_write_dh_params(&w, p, c->group->p_len, c->dh.Y, c->group->p_len);
        if (w.bad)
            return tls_fail(c, CL_ERR_OUTPUT_SPACE, TLS_ALERT_INTERNAL_ERROR, "message too large");
        st = tls12_sign_params(c, scheme, buf + params_at, w.len - params_at, sig, sizeof sig, &sl);
        if (st != CL_OK)
            return st;
        tls_wr_u16(&w, scheme);
        tls_wr_u16(&w, (uint16_t)sl);
        tls_wr_bytes(&w, sig, sl);
        tls_wr_msg_close(&w, m0);
        if ((st = tls_queue_wr(c, &w)) != CL_OK)
            return st;
        tls_narrate(c, "[2] ServerKeyExchange: DH group %s, g = 2, Ys = g^x mod p, signed with the "
                    "certificate's RSA key (%s, RFC 5246 §7.4.3)", c->group->name, tls_scheme_name(scheme));
    }
    /* CertificateRequest (RFC 5246 §7.4.4): the client is asked for its certificate */
    if (cfg->verify_client != TLS_VERIFY_CLIENT_NONE) {
        tls_wr_init(&w, buf, cap);
        tls_write_certificate_request(&w, 0, tls_sigalgs_offered, tls_n_sigalgs12, cfg->ca_names.der,
                                      cfg->ca_names.len, cfg->ca_names.n);
        if ((st = tls_queue_wr(c, &w)) != CL_OK)
            return st;
        c->requested_cert = 1;
        tls_narrate(c, "    CertificateRequest: the client is asked for a certificate (%s; RFC 5246 §7.4.4)",
                    cfg->verify_client == TLS_VERIFY_CLIENT_REQUIRE ? "required" : "optional");
    }
    tls_wr_init(&w, buf, cap);
    tls_write_empty(&w, TLS_HS_SERVER_HELLO_DONE);
    if ((st = tls_queue_wr(c, &w)) != CL_OK)
        return st;
    st = tls_flush(c);
    if (st != CL_OK)
        return tls_fail(c, st, -1, "write failed");
    c->state = c->requested_cert ? &ExpectClientCertificate : &ExpectClientKeyExchange;
    return CL_OK;
}

/* RFC 5246 §7.4.6: the client's chain, or an empty list (then §7.4.6 lets
 * the server go on or refuse with handshake_failure). */
static cl_status expect_client_certificate(tls_conn *c, const tls_msg *m)
{
    tls_chain_view v;
    int alert = TLS_ALERT_DECODE_ERROR;
    cl_status st = tls_parse_client_certificate(m->body, m->len, 0, NULL, 0, &v, &alert);
    if (st != CL_OK)
        return tls_fail(c, st, alert, "malformed client Certificate");
    c->state = &ExpectClientKeyExchange;
    if (v.n == 0) {
        if (c->cfg->verify_client == TLS_VERIFY_CLIENT_REQUIRE)
            return tls_fail(c, CL_ERR_VERIFY, TLS_ALERT_HANDSHAKE_FAILURE,
                            "the client sent no certificate and one is required (RFC 5246 §7.4.6)");
        tls_narrate(c, "    the client sent no certificate: going on without client authentication");
        return CL_OK;
    }
    st = tls_take_peer_chain(c, &v);
    if (st != CL_OK)
        return st;
    c->got_client_cert = 1;
    return CL_OK;
}

/* RFC 5246 §7.4.8: the client signs Hash(handshake_messages) up to its
 * ClientKeyExchange, proving it holds its certificate's key. */
static cl_status expect_certificate_verify(tls_conn *c, const tls_msg *m)
{
    uint16_t scheme;
    const uint8_t *sig;
    size_t sl;
    int alert = TLS_ALERT_DECODE_ERROR;
    cl_status st = tls_parse_certificate_verify(m->body, m->len, &scheme, &sig, &sl, &alert);
    if (st != CL_OK)
        return tls_fail(c, st, alert, "malformed CertificateVerify");
    st = tls12_verify_handshake(c, scheme, c->hash_before, sig, sl);
    if (st != CL_OK)
        return st;
    tls_narrate(c, "    client CertificateVerify checked (%s): the client holds its certificate's key "
                "(RFC 5246 §7.4.8)", tls_scheme_name(scheme));
    c->state = &ExpectChangeCipherSpec;
    return CL_OK;
}

static cl_status expect_client_key_exchange(tls_conn *c, const tls_msg *m)
{
    uint8_t pms[FFDHE_MAX_BYTES];
    size_t pms_len = 0;
    const uint8_t *v;
    size_t vl;
    int alert = TLS_ALERT_DECODE_ERROR;
    cl_status st = tls_parse_client_key_exchange(m->body, m->len, &v, &vl, &alert);
    if (st != CL_OK)
        return tls_fail(c, st, alert, "malformed ClientKeyExchange");
    if (c->suite == TLS_RSA_WITH_AES_128_GCM_SHA256) {
        /* RFC 5246 §7.4.7.1: one path for every premaster, valid or not;
         * a bad one shows only later, as the client's Finished failing. */
        st = rsa_tls_premaster_decrypt(c->cfg->key, v, vl, c->ch_legacy_version, pms, NULL);
        if (st != CL_OK)
            return tls_fail(c, st, TLS_ALERT_INTERNAL_ERROR, "premaster decryption: %s", cl_strerror(st));
        pms_len = TLS_PREMASTER_LEN;
        tls_narrate(c, "[2] ClientKeyExchange: the premaster secret, RSA-encrypted to the server's key "
                    "(RSAES-PKCS1-v1_5), decrypted without a padding oracle (RFC 5246 §7.4.7.1)");
    } else {
        /* RFC 7919 §4: 1 < dh_Yc < p-1, else handshake_failure */
        st = tls_dh_shared(c, v, vl, FFDHE_Z_STRIPPED, pms, &pms_len, TLS_ALERT_HANDSHAKE_FAILURE);
        if (st != CL_OK)
            return st;
        tls_narrate(c, "[2] ClientKeyExchange: dh_Yc; premaster = Z = Yc^x mod p, leading zeros "
                    "stripped (RFC 5246 §8.1.2)");
    }
    st = tls12_derive_master(c, pms, pms_len);
    cl_wipe(pms, sizeof pms);
    if (st != CL_OK)
        return st;
    c->state = c->got_client_cert ? &ExpectCertificateVerify : &ExpectChangeCipherSpec;
    return CL_OK;
}

static cl_status expect_change_cipher_spec(tls_conn *c, const tls_msg *m)
{
    (void)m;
    cl_status st = tls12_install_keys(c, 1, 0);
    if (st != CL_OK)
        return tls_fail(c, st, TLS_ALERT_INTERNAL_ERROR, "keys");
    c->state = &ExpectFinished;
    return CL_OK;
}

static cl_status expect_finished(tls_conn *c, const tls_msg *m)
{
    uint8_t want[12], h[32];
    int alert = TLS_ALERT_DECODE_ERROR;
    uint8_t *buf;
    size_t cap;
    tls_wr w;
    cl_status st = tls_parse_finished(m->body, m->len, 12, &alert);
    if (st != CL_OK)
        return tls_fail(c, st, alert, "malformed Finished");
    st = tls12_finished_data(c, 1, c->hash_before, want);
    if (st != CL_OK)
        return st;
    if (!tls_finished_matches(want, m->body, 12))
        return tls_fail(c, CL_ERR_VERIFY, TLS_ALERT_DECRYPT_ERROR,
                        "client Finished does not match (RFC 5246 §7.4.9)");
    st = tls_send_ccs(c);
    if (st == CL_OK)
        st = tls12_install_keys(c, 0, 1);
    if (st != CL_OK)
        return tls_fail(c, st, -1, "write failed");
    tls_transcript_hash(c, h);
    st = tls12_finished_data(c, 0, h, want);
    if (st != CL_OK)
        return st;
    buf = tls_scratch(c, &cap);
    tls_wr_init(&w, buf, cap);
    tls_write_finished(&w, want, 12);
    if ((st = tls_queue_wr(c, &w)) != CL_OK)
        return st;
    st = tls_flush(c);
    if (st != CL_OK)
        return tls_fail(c, st, -1, "write failed");
    tls_narrate(c, "    Finished both ways: handshake complete; records now AES-128-GCM "
                "(nonce = salt || sequence number, RFC 5288 §3)");
    c->handshake_done = 1;
    return CL_OK;
}
