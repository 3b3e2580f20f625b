/*
 * net/tls/sign.c -- the handshake signatures with the RSA key of the
 * certificate.
 *
 * TLS 1.3 CertificateVerify (RFC 8446 §4.4.3): RSASSA-PSS with SHA-256,
 * MGF1-SHA-256 and a 32-byte salt ("rsa_pss_rsae_sha256"; the salt length
 * MUST equal the digest length, §4.2.3) over
 *     64 octets of 0x20 || "TLS 1.3, server CertificateVerify" || 0x00 ||
 *     Transcript-Hash(Handshake Context, Certificate)
 * TLS 1.2 ServerKeyExchange (RFC 5246 §7.4.3): "digitally-signed" over
 *     ClientHello.random + ServerHello.random + ServerDHParams
 * with rsa_pss_rsae_sha256 (RFC 8446 §4.2.3 applies it to 1.2 too) or
 * rsa_pkcs1_sha256, whichever the client's signature_algorithms allows
 * (PSS preferred).
 */
#include <string.h>
#include "net/tls/tls_internal.h"
#include "common/ct.h"

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
    if (scheme != TLS_SIG_RSA_PSS_RSAE_SHA256)
        return tls_fail(c, CL_ERR_PROTOCOL, TLS_ALERT_ILLEGAL_PARAMETER,
                        "CertificateVerify with signature scheme 0x%04x (we offered rsa_pss_rsae_sha256)",
                        scheme);
    if (rsa_pss_verify(&c->peer_key, NULL, content, n, 32, sig, sig_len) != CL_OK)
        return tls_fail(c, CL_ERR_VERIFY, TLS_ALERT_DECRYPT_ERROR,
                        "CertificateVerify signature does not verify with the certificate's key");
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
    if (st == CL_OK)
        st = scheme == TLS_SIG_RSA_PSS_RSAE_SHA256
                 ? rsa_pss_sign_digest(c->cfg->key, NULL, h, 32, NULL, sig, cap, sig_len)
                 : rsa_pkcs1v15_sign_digest(c->cfg->key, NULL, h, sig, cap, sig_len);
    if (st != CL_OK)
        return tls_fail(c, st, TLS_ALERT_INTERNAL_ERROR, "RSA signing failed: %s", cl_strerror(st));
    return CL_OK;
}

cl_status tls12_verify_params(tls_conn *c, uint16_t scheme, const uint8_t *params, size_t len,
                              const uint8_t *sig, size_t sig_len)
{
    uint8_t h[32];
    cl_status st = params_digest(c, params, len, h);
    if (st != CL_OK)
        return st;
    if (scheme == TLS_SIG_RSA_PSS_RSAE_SHA256)
        st = rsa_pss_verify_digest(&c->peer_key, NULL, h, 32, sig, sig_len);
    else if (scheme == TLS_SIG_RSA_PKCS1_SHA256)
        st = rsa_pkcs1v15_verify_digest(&c->peer_key, NULL, h, sig, sig_len);
    else
        return tls_fail(c, CL_ERR_PROTOCOL, TLS_ALERT_ILLEGAL_PARAMETER,
                        "ServerKeyExchange signed with scheme 0x%04x, which we did not offer", scheme);
    if (st != CL_OK)
        return tls_fail(c, CL_ERR_VERIFY, TLS_ALERT_DECRYPT_ERROR,
                        "ServerKeyExchange signature does not verify with the certificate's key");
    return CL_OK;
}
