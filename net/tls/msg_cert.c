/*
 * net/tls/msg_cert.c -- Certificate and CertificateVerify.
 *
 * TLS 1.2 (RFC 5246 §7.4.2):
 *   opaque ASN.1Cert<1..2^24-1>;
 *   struct { ASN.1Cert certificate_list<0..2^24-1>; } Certificate;
 * TLS 1.3 (RFC 8446 §4.4.2):
 *   struct { opaque cert_data<1..2^24-1>; Extension extensions<0..2^16-1>; } CertificateEntry;
 *   struct { opaque certificate_request_context<0..2^8-1>;
 *            CertificateEntry certificate_list<0..2^24-1>; } Certificate;
 * CertificateVerify (RFC 8446 §4.4.3; the same shape as a 1.2 "digitally-signed"
 * value with a SignatureAndHashAlgorithm, RFC 5246 §4.7):
 *   struct { SignatureScheme algorithm; opaque signature<0..2^16-1>; } CertificateVerify;
 */
#include <string.h>
#include "net/tls/messages.h"
#include "net/tls/alert.h"

#define FAIL(a) do { *alert = (a); return CL_ERR_PROTOCOL; } while (0)

/* The list of either version; v13 entries carry extensions (ignored). */
static cl_status parse_chain(tls_rd *r, int v13, tls_chain_view *chain, int *alert)
{
    tls_rd list;
    tls_rd_vec(r, 3, 0, 0xFFFFFF, &list);
    if (!tls_rd_end(r))
        FAIL(TLS_ALERT_DECODE_ERROR);
    while (list.left > 0) {
        tls_rd cert;
        tls_rd_vec(&list, 3, 1, 0xFFFFFF, &cert);
        if (v13) {
            tls_rd exts;
            tls_rd_vec(&list, 2, 0, 0xFFFF, &exts);    /* per-certificate extensions: ignored */
        }
        if (list.bad)
            FAIL(TLS_ALERT_DECODE_ERROR);
        if (chain->n == 8)
            FAIL(TLS_ALERT_BAD_CERTIFICATE);           /* longer than we will look at */
        chain->der[chain->n] = cert.p;
        chain->len[chain->n] = cert.left;
        chain->n++;
    }
    return CL_OK;
}

cl_status tls_parse_certificate(const uint8_t *body, size_t len, int v13, tls_chain_view *chain, int *alert)
{
    tls_rd r;
    cl_status st;
    tls_rd_init(&r, body, len);
    chain->n = 0;
    if (v13) {
        tls_rd ctx;
        tls_rd_vec(&r, 1, 0, 255, &ctx);
        /* a server's Certificate has an empty request context (§4.4.2) */
        if (!ctx.bad && ctx.left != 0)
            FAIL(TLS_ALERT_ILLEGAL_PARAMETER);
    }
    if ((st = parse_chain(&r, v13, chain, alert)) != CL_OK)
        return st;
    if (chain->n == 0)
        FAIL(TLS_ALERT_DECODE_ERROR);                  /* §4.4.2.4: the server must send one */
    return CL_OK;
}

cl_status tls_parse_client_certificate(const uint8_t *body, size_t len, int v13, const uint8_t *want,
                                       size_t want_len, tls_chain_view *chain, int *alert)
{
    tls_rd r;
    tls_rd_init(&r, body, len);
    chain->n = 0;
    if (v13) {
        tls_rd ctx;
        tls_rd_vec(&r, 1, 0, 255, &ctx);
        /* §4.4.2: the context of the CertificateRequest this answers */
        if (!ctx.bad && (ctx.left != want_len || (want_len && memcmp(ctx.p, want, want_len) != 0)))
            FAIL(TLS_ALERT_ILLEGAL_PARAMETER);
    }
    return parse_chain(&r, v13, chain, alert);        /* empty: no certificate (§4.4.2.4, RFC 5246 §7.4.6) */
}

void tls_write_certificate_ctx(tls_wr *w, int v13, const uint8_t *ctx, size_t ctx_len,
                               const uint8_t *const *der, const size_t *der_len, size_t n)
{
    size_t m = tls_wr_msg_open(w, TLS_HS_CERTIFICATE), l;
    if (v13) {
        tls_wr_u8(w, (uint8_t)ctx_len);                /* certificate_request_context */
        tls_wr_bytes(w, ctx, ctx_len);
    }
    l = tls_wr_open(w, 3);
    for (size_t i = 0; i < n; i++) {
        tls_wr_u24(w, (uint32_t)der_len[i]);
        tls_wr_bytes(w, der[i], der_len[i]);
        if (v13)
            tls_wr_u16(w, 0);                          /* no extensions */
    }
    tls_wr_close(w, l, 3);
    tls_wr_msg_close(w, m);
}

void tls_write_certificate(tls_wr *w, int v13, const uint8_t *const *der, const size_t *der_len, size_t n)
{
    tls_write_certificate_ctx(w, v13, NULL, 0, der, der_len, n);
}

cl_status tls_parse_certificate_verify(const uint8_t *body, size_t len, uint16_t *scheme,
                                       const uint8_t **sig, size_t *sig_len, int *alert)
{
    tls_rd r, s;
    tls_rd_init(&r, body, len);
    *scheme = tls_rd_u16(&r);
    tls_rd_vec(&r, 2, 0, 0xFFFF, &s);
    if (!tls_rd_end(&r))
        FAIL(TLS_ALERT_DECODE_ERROR);
    *sig = s.p;
    *sig_len = s.left;
    return CL_OK;
}

void tls_write_certificate_verify(tls_wr *w, uint16_t scheme, const uint8_t *sig, size_t sig_len)
{
    size_t m = tls_wr_msg_open(w, TLS_HS_CERTIFICATE_VERIFY);
    tls_wr_u16(w, scheme);
    tls_wr_u16(w, (uint16_t)sig_len);
    tls_wr_bytes(w, sig, sig_len);
    tls_wr_msg_close(w, m);
}

static int read_schemes(tls_rd *r, uint16_t *out, size_t *n)
{
    tls_rd v;
    tls_rd_vec(r, 2, 2, 0xFFFE, &v);
    if (v.bad || v.left % 2)
        return 0;
    *n = 0;
    while (v.left > 0) {
        uint16_t x = tls_rd_u16(&v);
        if (*n < TLS_MAX_LIST)
            out[(*n)++] = x;
    }
    return 1;
}

/* DistinguishedName certificate_authorities<0 or 3..2^16-1>: shape only. */
static int read_dn_list(tls_rd *r, size_t min)
{
    tls_rd v;
    tls_rd_vec(r, 2, min, 0xFFFF, &v);
    while (!v.bad && v.left > 0) {
        tls_rd dn;
        tls_rd_vec(&v, 2, 1, 0xFFFF, &dn);
    }
    return !v.bad;
}

cl_status tls_parse_certificate_request(const uint8_t *body, size_t len, int v13,
                                        const uint8_t **ctx, size_t *ctx_len,
                                        uint16_t *sigalgs, size_t *n_sigalgs, int *alert)
{
    tls_rd r, a, b;
    tls_rd_init(&r, body, len);
    *n_sigalgs = 0;
    if (v13) {
        int seen_sig = 0;
        tls_rd_vec(&r, 1, 0, 255, &a);              /* certificate_request_context */
        tls_rd_vec(&r, 2, 2, 0xFFFF, &b);           /* extensions (signature_algorithms required) */
        *ctx = a.p;
        *ctx_len = a.left;
        while (!b.bad && b.left > 0) {
            uint16_t type = tls_rd_u16(&b);
            tls_rd d;
            tls_rd_vec(&b, 2, 0, 0xFFFF, &d);
            if (b.bad)
                break;
            if (type == TLS_EXT_SIGNATURE_ALGORITHMS) {
                if (seen_sig || !read_schemes(&d, sigalgs, n_sigalgs) || !tls_rd_end(&d))
                    FAIL(TLS_ALERT_DECODE_ERROR);
                seen_sig = 1;
            } else if (type == TLS_EXT_CERTIFICATE_AUTHORITIES) {
                if (!read_dn_list(&d, 3) || !tls_rd_end(&d))
                    FAIL(TLS_ALERT_DECODE_ERROR);
            }                                       /* others: ignored (§4.3.2) */
        }
        if (b.bad || !tls_rd_end(&r))
            FAIL(TLS_ALERT_DECODE_ERROR);
        if (!seen_sig)
            FAIL(TLS_ALERT_MISSING_EXTENSION);      /* §4.3.2: signature_algorithms MUST be there */
    } else {
        tls_rd_vec(&r, 1, 1, 255, &a);              /* certificate_types */
        if (!read_schemes(&r, sigalgs, n_sigalgs) || !read_dn_list(&r, 0))   /* supported_signature_algorithms, certificate_authorities */
            FAIL(TLS_ALERT_DECODE_ERROR);
        *ctx = NULL;
        *ctx_len = 0;
        if (!tls_rd_end(&r))
            FAIL(TLS_ALERT_DECODE_ERROR);
    }
    return CL_OK;
}

static void write_dn_list(tls_wr *w, const uint8_t *const *dn, const size_t *dn_len, size_t n)
{
    size_t l = tls_wr_open(w, 2);
    for (size_t i = 0; i < n; i++) {
        tls_wr_u16(w, (uint16_t)dn_len[i]);
        tls_wr_bytes(w, dn[i], dn_len[i]);
    }
    tls_wr_close(w, l, 2);
}

void tls_write_certificate_request(tls_wr *w, int v13, const uint16_t *sigalgs, size_t n_sigalgs,
                                   const uint8_t *const *ca_dn, const size_t *ca_dn_len, size_t n_ca)
{
    size_t m = tls_wr_msg_open(w, TLS_HS_CERTIFICATE_REQUEST), e, l;
    if (v13) {
        tls_wr_u8(w, 0);                            /* certificate_request_context: empty */
        e = tls_wr_open(w, 2);
        tls_wr_u16(w, TLS_EXT_SIGNATURE_ALGORITHMS);
        l = tls_wr_open(w, 2);
        tls_wr_u16(w, (uint16_t)(2 * n_sigalgs));
        for (size_t i = 0; i < n_sigalgs; i++)
            tls_wr_u16(w, sigalgs[i]);
        tls_wr_close(w, l, 2);
        if (n_ca > 0) {
            tls_wr_u16(w, TLS_EXT_CERTIFICATE_AUTHORITIES);
            l = tls_wr_open(w, 2);
            write_dn_list(w, ca_dn, ca_dn_len, n_ca);
            tls_wr_close(w, l, 2);
        }
        tls_wr_close(w, e, 2);
    } else {
        tls_wr_u8(w, 1);                            /* certificate_types: rsa_sign */
        tls_wr_u8(w, TLS_CERT_TYPE_RSA_SIGN);
        tls_wr_u16(w, (uint16_t)(2 * n_sigalgs));
        for (size_t i = 0; i < n_sigalgs; i++)
            tls_wr_u16(w, sigalgs[i]);
        write_dn_list(w, ca_dn, ca_dn_len, n_ca);
    }
    tls_wr_msg_close(w, m);
}

void tls_write_empty_certificate(tls_wr *w, int v13, const uint8_t *ctx, size_t ctx_len)
{
    size_t m = tls_wr_msg_open(w, TLS_HS_CERTIFICATE);
    if (v13) {
        tls_wr_u8(w, (uint8_t)ctx_len);
        tls_wr_bytes(w, ctx, ctx_len);
    }
    tls_wr_u24(w, 0);
    tls_wr_msg_close(w, m);
}
