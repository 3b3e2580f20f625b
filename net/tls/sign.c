/*
 * net/tls/sign.c -- the handshake signatures with the RSA key of a
 * certificate, and which SignatureScheme may be used with which key.
 *
 * TLS 1.3 CertificateVerify (RFC 8446 §4.4.3): RSASSA-PSS with SHA-256,
 * MGF1-SHA-256 and a 32-byte salt (the salt length MUST equal the digest
 * length, §4.2.3) over
 *     64 octets of 0x20 || "TLS 1.3, server CertificateVerify" || 0x00 ||
 *     Transcript-Hash(Handshake Context, Certificate)
 * (a client's says "client CertificateVerify").
 * TLS 1.2 (RFC 5246 §4.7 "digitally-signed"):
 *     ServerKeyExchange (§7.4.3): over ClientHello.random + ServerHello.random
 *                                 + ServerDHParams
 *     CertificateVerify (§7.4.8): over handshake_messages, every message up
 *                                 to (not including) this one
 * with rsa_pss_*_sha256 (RFC 8446 §4.2.3 applies them to 1.2 too) or
 * rsa_pkcs1_sha256, whichever the peer's list allows (PSS preferred).
 *
 * Key and scheme (RFC 8446 §4.2.3, RFC 4055 §1.2):
 *   rsaEncryption key   rsa_pss_rsae_sha256 (0x0804); 1.2 also rsa_pkcs1_sha256 (0x0401)
 *   id-RSASSA-PSS key   rsa_pss_pss_sha256 (0x0809) only: never PKCS#1 v1.5,
 *                       never RSA key transport (the key may only sign)
 * The two PSS schemes compute the same RSASSA-PSS signature; what differs
 * is the key the certificate names, and a scheme that does not fit the
 * peer's certificate is illegal_parameter.
 */
#include <string.h>
#include "net/tls/tls_internal.h"
#include "common/ct.h"

/* What we offer: ClientHello signature_algorithms and 1.2 CertificateRequest;
 * the 1.3 CertificateRequest leaves out PKCS#1 v1.5 (§4.4.3). */
const uint16_t tls_sigalgs_offered[3] = { TLS_SIG_RSA_PSS_RSAE_SHA256, TLS_SIG_RSA_PSS_PSS_SHA256,
                                          TLS_SIG_RSA_PKCS1_SHA256 };
const size_t tls_n_sigalgs12 = 3, tls_n_sigalgs13 = 2;

static int has(const uint16_t *list, size_t n, uint16_t v)
{
    for (size_t i = 0; i < n; i++)
        if (list[i] == v)
            return 1;
    return 0;
}

const char *tls_scheme_name(uint16_t s)
{
    switch (s) {
    case TLS_SIG_RSA_PKCS1_SHA256: return "rsa_pkcs1_sha256";
    case TLS_SIG_RSA_PSS_RSAE_SHA256: return "rsa_pss_rsae_sha256";
    case TLS_SIG_RSA_PSS_PSS_SHA256: return "rsa_pss_pss_sha256";
    default: return "an unknown scheme";
    }
}

uint16_t tls_choose_scheme(const tls_conn *c, const uint16_t *peer, size_t n, int peer_sent_list)
{
    if (c->cfg->key_pss)
        return has(peer, n, TLS_SIG_RSA_PSS_PSS_SHA256) ? TLS_SIG_RSA_PSS_PSS_SHA256 : 0;
    if (has(peer, n, TLS_SIG_RSA_PSS_RSAE_SHA256))
        return TLS_SIG_RSA_PSS_RSAE_SHA256;
    /* RFC 5246 §7.4.1.4.1: without the extension, the client takes SHA-1
     * with RSA; we sign with SHA-256 as OpenSSL does (no SHA-1 here) */
    if (c->version != TLS_VERSION_13 && (!peer_sent_list || has(peer, n, TLS_SIG_RSA_PKCS1_SHA256)))
        return TLS_SIG_RSA_PKCS1_SHA256;
    return 0;
}

cl_status tls_check_peer_scheme(tls_conn *c, uint16_t scheme, const char *what)
{
    size_t n = c->version == TLS_VERSION_13 ? tls_n_sigalgs13 : tls_n_sigalgs12;
    if (!has(tls_sigalgs_offered, n, scheme))
        return tls_fail(c, CL_ERR_PROTOCOL, TLS_ALERT_ILLEGAL_PARAMETER,
                        "%s signed with scheme 0x%04x, which we did not offer", what, scheme);
    if (c->peer_pss != (scheme == TLS_SIG_RSA_PSS_PSS_SHA256))
        return tls_fail(c, CL_ERR_PROTOCOL, TLS_ALERT_ILLEGAL_PARAMETER,
                        "%s signed with %s, but the certificate's key is %s (RFC 8446 §4.2.3)", what,
                        tls_scheme_name(scheme),
                        c->peer_pss ? "id-RSASSA-PSS (only rsa_pss_pss_* fits)"
                                    : "rsaEncryption (rsa_pss_pss_* needs an id-RSASSA-PSS key)");
    return CL_OK;
}

static size_t cv_content(uint8_t *out, const uint8_t hash[32], int server)
{
    const char *ctx = server ? "TLS 1.3, server CertificateVerify" : "TLS 1.3, client CertificateVerify";
    size_t n = strlen(ctx);
    memset(out, 0x20, 64);
    memcpy(out + 64, ctx, n);
    out[64 + n] = 0;
    memcpy(out + 65 + n, hash, 32);
    return 65 + n + 32;
}

cl_status tls13_sign_certificate_verify(tls_conn *c, const uint8_t hash[32], int server,
                                        uint8_t *sig, size_t cap, size_t *sig_len)
{
    uint8_t content[64 + 34 + 32];
    size_t n = cv_content(content, hash, server);
    cl_status st = rsa_pss_sign(c->cfg->key, NULL, content, n, 32, sig, cap, sig_len);
    if (st != CL_OK)
        return tls_fail(c, st, TLS_ALERT_INTERNAL_ERROR, "RSA-PSS signing failed: %s", cl_strerror(st));
    return CL_OK;
}

cl_status tls13_verify_certificate_verify(tls_conn *c, const uint8_t hash[32], int server,
                                          uint16_t scheme, const uint8_t *sig, size_t sig_len)
{
    uint8_t content[64 + 34 + 32];
    size_t n = cv_content(content, hash, server);
    cl_status st = tls_check_peer_scheme(c, scheme, "CertificateVerify");
    if (st != CL_OK)
        return st;
    if (rsa_pss_verify(&c->peer_key, NULL, content, n, 32, sig, sig_len) != CL_OK)
        return tls_fail(c, CL_ERR_VERIFY, TLS_ALERT_DECRYPT_ERROR,
                        "CertificateVerify signature does not verify with the certificate's key");
    return CL_OK;
}

/* ---------------------------------------------------------------- TLS 1.2 */

static cl_status sign_digest12(tls_conn *c, uint16_t scheme, const uint8_t h[32],
                               uint8_t *sig, size_t cap, size_t *sig_len)
{
    cl_status st = scheme == TLS_SIG_RSA_PKCS1_SHA256
                       ? rsa_pkcs1v15_sign_digest(c->cfg->key, NULL, h, sig, cap, sig_len)
                       : rsa_pss_sign_digest(c->cfg->key, NULL, h, 32, NULL, sig, cap, sig_len);
    if (st != CL_OK)
        return tls_fail(c, st, TLS_ALERT_INTERNAL_ERROR, "RSA signing failed: %s", cl_strerror(st));
    return CL_OK;
}

static cl_status verify_digest12(tls_conn *c, uint16_t scheme, const uint8_t h[32],
                                 const uint8_t *sig, size_t sig_len, const char *what)
{
    cl_status st = tls_check_peer_scheme(c, scheme, what);
    if (st != CL_OK)
        return st;
    st = scheme == TLS_SIG_RSA_PKCS1_SHA256 ? rsa_pkcs1v15_verify_digest(&c->peer_key, NULL, h, sig, sig_len)
                                            : rsa_pss_verify_digest(&c->peer_key, NULL, h, 32, sig, sig_len);
    if (st != CL_OK)
        return tls_fail(c, CL_ERR_VERIFY, TLS_ALERT_DECRYPT_ERROR,
                        "%s signature does not verify with the certificate's key", what);
    return CL_OK;
}

static cl_status params_digest(const tls_conn *c, const uint8_t *params, size_t len, uint8_t h[32])
{
    sha256_ctx s;
    sha256_init(&s);
    sha256_update(&s, c->client_random, 32);
    sha256_update(&s, c->server_random, 32);
    sha256_update(&s, params, len);
    return sha256_final(&s, h);
}

cl_status tls12_sign_params(tls_conn *c, uint16_t scheme, const uint8_t *params, size_t len,
                            uint8_t *sig, size_t cap, size_t *sig_len)
{
    uint8_t h[32];
    cl_status st = params_digest(c, params, len, h);
    if (st != CL_OK)
        return tls_fail(c, st, TLS_ALERT_INTERNAL_ERROR, "SHA-256 failed");
    return sign_digest12(c, scheme, h, sig, cap, sig_len);
}

cl_status tls12_verify_params(tls_conn *c, uint16_t scheme, const uint8_t *params, size_t len,
                              const uint8_t *sig, size_t sig_len)
{
    uint8_t h[32];
    cl_status st = params_digest(c, params, len, h);
    if (st != CL_OK)
        return st;
    return verify_digest12(c, scheme, h, sig, sig_len, "ServerKeyExchange");
}

/* §7.4.8: the digest of handshake_messages is the running transcript's
 * SHA-256 (the suites here use SHA-256 for the PRF, RFC 5246 §7.4.8). */
cl_status tls12_sign_handshake(tls_conn *c, uint16_t scheme, const uint8_t hash[32],
                               uint8_t *sig, size_t cap, size_t *sig_len)
{
    return sign_digest12(c, scheme, hash, sig, cap, sig_len);
}

cl_status tls12_verify_handshake(tls_conn *c, uint16_t scheme, const uint8_t hash[32],
                                 const uint8_t *sig, size_t sig_len)
{
    return verify_digest12(c, scheme, hash, sig, sig_len, "CertificateVerify");
}
