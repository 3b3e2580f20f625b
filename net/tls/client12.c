/*
 * net/tls/client12.c -- the TLS 1.2 client (RFC 5246 §7.3):
 *
 *   ExpectServerHello        (client_hello.c, then here)
 *   ExpectCertificate        (chain -> X.509 verification)
 *   ExpectServerKeyExchange  (DHE only: RFC 7919 group, 1 < Ys < p-1, signature)
 *   ExpectServerHelloDone    -> ClientKeyExchange, ChangeCipherSpec, Finished
 *   ExpectChangeCipherSpec
 *   ExpectFinished           -> connected
 *
 * A CertificateRequest is answered with our Certificate and, after the
 * ClientKeyExchange, a CertificateVerify (RFC 5246 §7.4.8) when we have a
 * certificate (cfg->chain, cfg->key) and a scheme the server lists; else
 * with an empty Certificate.  A server certificate whose key is
 * id-RSASSA-PSS cannot take RSA key transport: unsupported_certificate.
 */
#include <string.h>
#include "net/tls/tls_internal.h"
#include "common/ct.h"
#include "common/random.h"

static cl_status expect_certificate(tls_conn *c, const tls_msg *m);
static cl_status expect_server_key_exchange(tls_conn *c, const tls_msg *m);
static cl_status expect_server_hello_done(tls_conn *c, const tls_msg *m);
static cl_status expect_change_cipher_spec(tls_conn *c, const tls_msg *m);
static cl_status expect_finished(tls_conn *c, const tls_msg *m);

static const struct tls_state ExpectCertificate = { "ExpectCertificate", TLS_HS_CERTIFICATE, expect_certificate, 0, NULL };
static cl_status on_certificate_request(tls_conn *c, const tls_msg *m);
static const struct tls_state ExpectServerKeyExchange = {
    "ExpectServerKeyExchange", TLS_HS_SERVER_KEY_EXCHANGE, expect_server_key_exchange, 0, NULL };
/* A CertificateRequest may come before ServerHelloDone (RFC 5246 §7.4.4). */
static const struct tls_state ExpectServerHelloDone = {
    "ExpectServerHelloDone", TLS_HS_SERVER_HELLO_DONE, expect_server_hello_done,
    TLS_HS_CERTIFICATE_REQUEST, on_certificate_request };
static const struct tls_state ExpectServerHelloDoneAfterRequest = {
    "ExpectServerHelloDoneAfterRequest", TLS_HS_SERVER_HELLO_DONE, expect_server_hello_done, 0, NULL };
static const struct tls_state ExpectChangeCipherSpec = {
    "ExpectChangeCipherSpec", TLS_MSG_CHANGE_CIPHER_SPEC, expect_change_cipher_spec, 0, NULL };
static const struct tls_state ExpectFinished = { "ExpectFinished", TLS_HS_FINISHED, expect_finished, 0, NULL };

cl_status tls12_client_on_server_hello(tls_conn *c, const tls_msg *m, const tls_server_hello *sh)
{
    int offered = 0;
    (void)m;
    for (size_t i = 0; i < c->cfg->n_suites12; i++)
        if (c->cfg->suites12[i] == sh->suite)
            offered = 1;
    if (!offered)
        return tls_fail(c, CL_ERR_PROTOCOL, TLS_ALERT_ILLEGAL_PARAMETER,
                        "server chose suite 0x%04x, which we did not offer", sh->suite);
    if (sh->ext.seen_key_share || sh->ext.seen_cookie)
        return tls_fail(c, CL_ERR_PROTOCOL, TLS_ALERT_UNSUPPORTED_EXTENSION,
                        "TLS 1.3 extension in a TLS 1.2 ServerHello");
    /* RFC 5746 §3.4: the answer to our empty renegotiation_info is empty */
    if (sh->ext.seen_reneg && sh->ext.reneg_len != 0)
        return tls_fail(c, CL_ERR_PROTOCOL, TLS_ALERT_HANDSHAKE_FAILURE,
                        "renegotiation_info not empty (RFC 5746 §3.4)");
    c->suite = sh->suite;
    c->ems = sh->ext.seen_ems;
    memcpy(c->server_random, sh->random, 32);
    ffdhe_key_clear(&c->dh);                 /* a 1.3 share we offered is not used */
    c->group = NULL;
    tls_narrate(c, "[1] ServerHello: TLS 1.2, %s%s%s", tls_suite_name(c->suite),
                c->ems ? ", extended master secret (RFC 7627)" : ", NO extended master secret",
                sh->ext.seen_reneg ? ", secure renegotiation signalled (RFC 5746)" : "");
    c->state = &ExpectCertificate;
    return CL_OK;
}

static cl_status expect_certificate(tls_conn *c, const tls_msg *m)
{
    tls_chain_view v;
    int alert = TLS_ALERT_DECODE_ERROR;
    cl_status st = tls_parse_certificate(m->body, m->len, 0, &v, &alert);
    if (st != CL_OK)
        return tls_fail(c, st, alert, "malformed Certificate");
    st = tls_take_peer_chain(c, &v);
    if (st != CL_OK)
        return st;
    if (c->suite == TLS_RSA_WITH_AES_128_GCM_SHA256 && c->peer_pss)
        return tls_fail(c, CL_ERR_PROTOCOL, TLS_ALERT_UNSUPPORTED_CERTIFICATE,
                        "RSA key transport chosen, but the server's key is id-RSASSA-PSS: it may only "
                        "sign (RFC 4055 §1.2), no premaster can be encrypted to it");
    c->state = c->suite == TLS_DHE_RSA_WITH_AES_128_GCM_SHA256 ? &ExpectServerKeyExchange : &ExpectServerHelloDone;
    return CL_OK;
}

static cl_status expect_server_key_exchange(tls_conn *c, const tls_msg *m)
{
    tls_ske_dhe ske;
    int alert = TLS_ALERT_DECODE_ERROR;
    uint8_t p[FFDHE_MAX_BYTES];
    mpz_t pz;
    cl_status st = tls_parse_server_key_exchange_dhe(m->body, m->len, &ske, &alert);
    if (st != CL_OK)
        return tls_fail(c, st, alert, "malformed ServerKeyExchange");
    /* RFC 7919 §3: is (p, g) one of the groups we offered? */
    c->group = NULL;
    mpz_init(pz);
    for (size_t i = 0; i < c->cfg->n_groups && c->group == NULL; i++) {
        const ffdhe_group *g = ffdhe_group_by_id(c->cfg->groups[i]);
        if (g == NULL || ske.p_len != g->p_len)
            continue;
        ffdhe_group_p(g, pz);
        if (rsa_i2osp(pz, g->p_len, p) == CL_OK && memcmp(p, ske.p, g->p_len) == 0)
            c->group = g;
    }
    mpz_clear(pz);
    if (c->group == NULL || ske.g_len != 1 || ske.g[0] != 2)
        return tls_fail(c, CL_ERR_PROTOCOL, TLS_ALERT_INSUFFICIENT_SECURITY,
                        "server DH parameters (%zu-bit p) are not an RFC 7919 group we offered",
                        8 * ske.p_len);
    /* RFC 7919 §3: 1 < dh_Ys < p-1, else handshake_failure */
    if (ffdhe_check_public(c->group, ske.Ys, ske.ys_len) != CL_OK)
        return tls_fail(c, CL_ERR_PROTOCOL, TLS_ALERT_HANDSHAKE_FAILURE,
                        "invalid DH public value dh_Ys from the server (RFC 7919 §3: 1 < Ys < p-1)");
    st = tls12_verify_params(c, ske.scheme, ske.params, ske.params_len, ske.sig, ske.sig_len);
    if (st != CL_OK)
        return st;
    tls_narrate(c, "[2] ServerKeyExchange: %s, Ys signed by the certificate's key (checked)", c->group->name);
    st = ffdhe_keygen(&c->dh, c->group);
    if (st != CL_OK)
        return tls_fail(c, st, TLS_ALERT_INTERNAL_ERROR, "DH key generation failed");
    {
        uint8_t z[FFDHE_MAX_BYTES];
        size_t zl;
        st = tls_dh_shared(c, ske.Ys, ske.ys_len, FFDHE_Z_STRIPPED, z, &zl, TLS_ALERT_HANDSHAKE_FAILURE);
        if (st != CL_OK)
            return st;
        /* the premaster waits for ServerHelloDone */
        memcpy(c->pms12, z, zl);
        c->pms12_len = zl;
        cl_wipe(z, sizeof z);
    }
    c->state = &ExpectServerHelloDone;
    return CL_OK;
}

static cl_status on_certificate_request(tls_conn *c, const tls_msg *m)
{
    const uint8_t *ctx;
    size_t n;
    int alert = TLS_ALERT_DECODE_ERROR;
    cl_status st = tls_parse_certificate_request(m->body, m->len, 0, &ctx, &n, c->cr_sigalgs,
                                                 &c->n_cr_sigalgs, &alert);
    if (st != CL_OK)
        return tls_fail(c, st, alert, "malformed CertificateRequest");
    c->cert_requested = 1;
    tls_narrate(c, "    CertificateRequest: the server asks for a client certificate; we will send %s",
                c->cfg->key != NULL && c->cfg->chain.n > 0 ? "ours (-cert)" : "none");
    c->state = &ExpectServerHelloDoneAfterRequest;
    return CL_OK;
}

static cl_status expect_server_hello_done(tls_conn *c, const tls_msg *m)
{
    uint8_t pms[FFDHE_MAX_BYTES], ct[RSA_MAX_BYTES], h[32], verify[12], *buf;
    size_t pms_len, ct_len, cap;
    uint16_t cv_scheme = 0;
    tls_wr w;
    cl_status st;
    if (m->len != 0)
        return tls_fail(c, CL_ERR_PROTOCOL, TLS_ALERT_DECODE_ERROR, "ServerHelloDone not empty");
    buf = tls_scratch(c, &cap);
    if (c->cert_requested) {
        /* RFC 5246 §7.4.6: our chain (or none), before the ClientKeyExchange */
        const tls_config *cfg = c->cfg;
        cv_scheme = cfg->key != NULL && cfg->chain.n > 0
                        ? tls_choose_scheme(c, c->cr_sigalgs, c->n_cr_sigalgs, 1) : 0;
        tls_wr_init(&w, buf, cap);
        if (cv_scheme != 0)
            tls_write_certificate(&w, 0, cfg->chain.der, cfg->chain.len, cfg->chain.n);
        else
            tls_write_empty_certificate(&w, 0, NULL, 0);
        if ((st = tls_queue_wr(c, &w)) != CL_OK)
            return st;
        if (cv_scheme == 0 && cfg->key != NULL && cfg->chain.n > 0)
            tls_narrate(c, "    the server lists none of the schemes our key can sign with: empty Certificate");
    }
    if (c->suite == TLS_RSA_WITH_AES_128_GCM_SHA256) {
        /* RFC 5246 §7.4.7.1: client_version || 46 random bytes, RSAES-PKCS1-v1_5 */
        uint8_t sent[48];
        st = cl_random_bytes(pms, 48);
        if (st == CL_OK)
            st = cl_random_bytes(sent, sizeof sent);
        if (st != CL_OK)
            return tls_fail(c, st, TLS_ALERT_INTERNAL_ERROR, "no randomness");
        pms[0] = 3;
        pms[1] = 3;
        pms_len = 48;
        switch (c->cfg->test) {
        case TLS_TEST_PMS_VALID:          /* a valid premaster, but not the one we use */
            sent[0] = 3; sent[1] = 3;
            st = rsa_pkcs1v15_encrypt(&c->peer_key, sent, sizeof sent, ct, sizeof ct, &ct_len);
            break;
        case TLS_TEST_PMS_BAD_VERSION:    /* well padded, version 03 01 */
            memcpy(sent, pms, sizeof sent);
            sent[1] = 1;
            st = rsa_pkcs1v15_encrypt(&c->peer_key, sent, sizeof sent, ct, sizeof ct, &ct_len);
            break;
        case TLS_TEST_PMS_BAD_PADDING: {  /* block type 01 instead of 02 */
            size_t k = rsa_key_bytes(&c->peer_key);
            uint8_t em[RSA_MAX_BYTES];
            memset(em, 0xA5, k);
            em[0] = 0; em[1] = 1; em[k - 49] = 0;
            memcpy(em + k - 48, pms, 48);
            st = rsa_textbook_encrypt(&c->peer_key, em, k, ct, sizeof ct, &ct_len);
            break;
        }
        default:
            st = rsa_pkcs1v15_encrypt(&c->peer_key, pms, pms_len, ct, sizeof ct, &ct_len);
        }
        cl_wipe(sent, sizeof sent);
        if (st != CL_OK)
            return tls_fail(c, st, TLS_ALERT_INTERNAL_ERROR, "RSA encryption failed");
        tls_wr_init(&w, buf, cap);
        tls_write_client_key_exchange(&w, ct, ct_len);
        tls_narrate(c, "[2] ClientKeyExchange: a random 48-byte premaster secret, encrypted with the "
                    "server's RSA public key (RSAES-PKCS1-v1_5, RFC 5246 §7.4.7.1): the founding "
                    "document's step 2");
    } else {
        pms_len = c->pms12_len;
        memcpy(pms, c->pms12, pms_len);
        cl_wipe(c->pms12, sizeof c->pms12);
        if (c->cfg->test == TLS_TEST_BAD_DH_PUBLIC) {
            memset(c->dh.Y, 0xFF, c->group->p_len);
            c->dh.Y[c->group->p_len - 1] = 0xFE;
        }
        tls_wr_init(&w, buf, cap);
        tls_write_client_key_exchange(&w, c->dh.Y, c->group->p_len);
        tls_narrate(c, "[2] ClientKeyExchange: dh_Yc = g^y mod p; premaster = Z (RFC 5246 §8.1.2)");
    }
    if ((st = tls_queue_wr(c, &w)) != CL_OK)
        return st;
    st = tls12_derive_master(c, pms, pms_len);
    cl_wipe(pms, sizeof pms);
    if (st != CL_OK)
        return st;
    if (cv_scheme != 0) {
        /* RFC 5246 §7.4.8: CertificateVerify over handshake_messages so far */
        uint8_t sig[RSA_MAX_BYTES];
        size_t sl;
        tls_transcript_hash(c, h);
        st = tls12_sign_handshake(c, cv_scheme, h, sig, sizeof sig, &sl);
        if (st != CL_OK)
            return st;
        tls_wr_init(&w, buf, cap);
        tls_write_certificate_verify(&w, cv_scheme, sig, sl);
        if ((st = tls_queue_wr(c, &w)) != CL_OK)
            return st;
        c->sent_cert = 1;
        tls_narrate(c, "    Certificate + CertificateVerify (%s): we prove we hold our certificate's key "
                    "(RFC 5246 §7.4.8)", tls_scheme_name(cv_scheme));
    }
    st = tls_send_ccs(c);
    if (st == CL_OK)
        st = tls12_install_keys(c, 0, 1);
    if (st != CL_OK)
        return tls_fail(c, st, -1, "write failed");
    tls_transcript_hash(c, h);
    st = tls12_finished_data(c, 1, h, verify);
    if (st != CL_OK)
        return st;
    tls_wr_init(&w, buf, cap);
    tls_write_finished(&w, verify, 12);
    if ((st = tls_queue_wr(c, &w)) != CL_OK)
        return st;
    st = tls_flush(c);
    if (st != CL_OK)
        return tls_fail(c, st, -1, "write failed");
    c->state = &ExpectChangeCipherSpec;
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
    uint8_t want[12];
    int alert = TLS_ALERT_DECODE_ERROR;
    cl_status st = tls_parse_finished(m->body, m->len, 12, &alert);
    if (st != CL_OK)
        return tls_fail(c, st, alert, "malformed Finished");
    st = tls12_finished_data(c, 0, c->hash_before, want);
    if (st != CL_OK)
        return st;
    if (!tls_finished_matches(want, m->body, 12))
        return tls_fail(c, CL_ERR_VERIFY, TLS_ALERT_DECRYPT_ERROR,
                        "server Finished does not match (RFC 5246 §7.4.9)");
    tls_narrate(c, "    Finished both ways: handshake complete; records now AES-128-GCM "
                "(nonce = salt || sequence number, RFC 5288 §3)");
    c->handshake_done = 1;
    return CL_OK;
}
