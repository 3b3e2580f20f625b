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
#include "net/tls/messages.h"
#include "net/tls/alert.h"

#define FAIL(a) do { *alert = (a); return CL_ERR_PROTOCOL; } while (0)

cl_status tls_parse_certificate(const uint8_t *body, size_t len, int v13, tls_chain_view *chain, int *alert)
{
    tls_rd r, list;
    tls_rd_init(&r, body, len);
    chain->n = 0;
    if (v13) {
        tls_rd ctx;
        tls_rd_vec(&r, 1, 0, 255, &ctx);
        /* a server's Certificate has an empty request context (§4.4.2) */
        if (!ctx.bad && ctx.left != 0)
            FAIL(TLS_ALERT_ILLEGAL_PARAMETER);
    }
    tls_rd_vec(&r, 3, 0, 0xFFFFFF, &list);
    if (!tls_rd_end(&r))
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
    if (chain->n == 0)
        FAIL(TLS_ALERT_DECODE_ERROR);                  /* §4.4.2.4: the server must send one */
    return CL_OK;
}

void tls_write_certificate(tls_wr *w, int v13, const uint8_t *const *der, const size_t *der_len, size_t n)
{
    size_t m = tls_wr_msg_open(w, TLS_HS_CERTIFICATE), l;
    if (v13)
        tls_wr_u8(w, 0);                               /* certificate_request_context */
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

cl_status tls_parse_certificate_request(const uint8_t *body, size_t len, int v13,
                                        const uint8_t **ctx, size_t *ctx_len, int *alert)
{
    tls_rd r, a, b, c;
    tls_rd_init(&r, body, len);
    if (v13) {
        tls_rd_vec(&r, 1, 0, 255, &a);              /* certificate_request_context */
        tls_rd_vec(&r, 2, 2, 0xFFFF, &b);           /* extensions (signature_algorithms required) */
        *ctx = a.p;
        *ctx_len = a.left;
    } else {
        tls_rd_vec(&r, 1, 1, 255, &a);              /* certificate_types */
        tls_rd_vec(&r, 2, 2, 0xFFFE, &b);           /* supported_signature_algorithms */
        tls_rd_vec(&r, 2, 0, 0xFFFF, &c);           /* certificate_authorities */
        *ctx = NULL;
        *ctx_len = 0;
    }
    if (!tls_rd_end(&r))
        FAIL(TLS_ALERT_DECODE_ERROR);
    return CL_OK;
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
