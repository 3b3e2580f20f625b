/*
 * rsa/x509/x509_csr.c -- PKCS#10 certification requests (RFC 2986 §4).
 *
 *   CertificationRequest ::= SEQUENCE {
 *       certificationRequestInfo CertificationRequestInfo,
 *       signatureAlgorithm       AlgorithmIdentifier,
 *       signature                BIT STRING }
 *   CertificationRequestInfo ::= SEQUENCE {
 *       version       INTEGER { v1(0) },
 *       subject       Name,
 *       subjectPKInfo SubjectPublicKeyInfo,
 *       attributes    [0] IMPLICIT SET OF Attribute }
 *   Attribute ::= SEQUENCE { type OBJECT IDENTIFIER, values SET SIZE(1..MAX) OF ANY }
 * The extensions asked for travel in the PKCS#9 extensionRequest attribute
 * (RFC 2985 §5.4.2): values = SET { Extensions }.
 */
#include <stdlib.h>
#include <string.h>
#include "rsa/pem.h"
#include "rsa/x509/x509_internal.h"

static cl_status parse_info(der_reader *r, x509_csr *q)
{
    der_reader s, attrs;
    size_t start = r->pos, at;
    uint64_t v;
    cl_status st = der_read_sequence(r, &s);
    if (st != CL_OK)
        return st;
    q->info.p = r->buf + start;
    q->info.len = r->pos - start;
    at = s.pos;
    if ((st = der_read_uint(&s, 255, &v, "version out of range")) != CL_OK)
        return st;
    if (v != 0)
        return der_fail(&s, at, "CertificationRequestInfo version is not v1 (0)");
    q->version = 0;
    if ((st = x509_name_read(&s, &q->subject)) != CL_OK ||
        (st = x509_spki_read(&s, &q->spki, &q->spki_alg, &q->spki_alg_oid, &q->spki_key)) != CL_OK ||
        (st = der_read_constructed(&s, DER_CONTEXT(0), &attrs)) != CL_OK)
        return st;
    q->attributes.p = attrs.buf + attrs.pos;
    q->attributes.len = attrs.end - attrs.pos;
    const uint8_t *prev = NULL;
    size_t prev_len = 0;
    while (!der_at_end(&attrs)) {
        der_reader a, values;
        const uint8_t *oid;
        size_t oid_len, aat = attrs.pos;
        if ((st = der_read_sequence(&attrs, &a)) != CL_OK ||
            (st = der_read_oid(&a, &oid, &oid_len)) != CL_OK ||
            (st = der_read_constructed(&a, DER_SET, &values)) != CL_OK ||
            (st = der_finish(&a, "unexpected data in an Attribute")) != CL_OK)
            return st;
        /* SET OF in DER order (X.690 §11.6) */
        const uint8_t *enc = attrs.buf + aat;
        size_t enc_len = attrs.pos - aat;
        if (prev != NULL) {
            size_t m = prev_len < enc_len ? prev_len : enc_len;
            int c = memcmp(prev, enc, m);
            if (c > 0 || (c == 0 && prev_len > enc_len))
                return der_fail(&attrs, aat, "attributes SET not in DER order (X.690 §11.6)");
        }
        prev = enc;
        prev_len = enc_len;
        if (der_at_end(&values))
            return der_fail(&attrs, aat, "Attribute with no value (SET SIZE (1..MAX))");
        if (der_oid_eq(oid, oid_len, X509_OID_EXTENSION_REQUEST, sizeof X509_OID_EXTENSION_REQUEST)) {
            if (q->has_ext_request)
                return der_fail(&attrs, aat, "two extensionRequest attributes");
            if ((st = x509_exts_read(&values, &q->ext)) != CL_OK ||
                (st = der_finish(&values, "extensionRequest with more than one value")) != CL_OK)
                return st;
            q->has_ext_request = 1;
        } else {
            while (!der_at_end(&values)) {
                unsigned tag;
                const uint8_t *c;
                size_t n;
                if ((st = der_read_any(&values, &tag, &c, &n)) != CL_OK)
                    return st;
            }
        }
    }
    return der_finish(&s, "unexpected data at the end of the CertificationRequestInfo");
}

cl_status x509_csr_parse(x509_csr *q, const uint8_t *der, size_t len, der_error *err)
{
    der_error scratch;
    if (err == NULL)
        err = &scratch;
    if (q == NULL || (der == NULL && len != 0))
        return CL_ERR_NULL_POINTER;
    memset(q, 0, sizeof *q);
    q->ext.path_len = -1;
    der_reader r, s;
    memset(&s, 0, sizeof s);
    der_reader_init(&r, der, len, err);
    cl_status st = der_read_sequence(&r, &s);
    if (st == CL_OK) {
        q->der.p = der;
        q->der.len = r.pos;
        st = parse_info(&s, q);
    }
    if (st == CL_OK)
        st = x509_sigalg_read(&s, &q->sig_alg);
    if (st == CL_OK)
        st = der_read_bit_string_octets(&s, &q->signature.p, &q->signature.len);
    if (st == CL_OK)
        st = der_finish(&s, "unexpected data at the end of the CertificationRequest");
    if (st == CL_OK)
        st = der_finish(&r, "trailing data after the CertificationRequest");
    if (st != CL_OK) {
        if (err->reason == NULL)
            err->reason = "malformed request";
        memset(q, 0, sizeof *q);
        return CL_ERR_X509_BAD_CSR;
    }
    return CL_OK;
}

cl_status x509_csr_verify(const x509_csr *q)
{
    if (q == NULL)
        return CL_ERR_NULL_POINTER;
    return x509_signature_verify(&q->sig_alg, q->info.p, q->info.len, &q->signature, &q->spki);
}

cl_status x509_csr_load(x509_csr *q, const uint8_t *data, size_t len, uint8_t **der, size_t *der_len,
                        der_error *err, const char **why)
{
    if (q == NULL || der == NULL || der_len == NULL || (data == NULL && len != 0))
        return CL_ERR_NULL_POINTER;
    *der = malloc(len ? len : 1);
    if (*der == NULL)
        return CL_ERR_NOMEM;
    cl_status st = CL_OK;
    if (pem_detect(data, len)) {
        char label[PEM_LABEL_MAX];
        size_t pos = 0;
        do {                                  /* the first request block (keys may come first) */
            st = pem_decode_next(data, len, &pos, label, *der, len, der_len, why);
        } while (st == CL_OK && strcmp(label, "CERTIFICATE REQUEST") != 0 &&
                 strcmp(label, "NEW CERTIFICATE REQUEST") != 0 && pem_detect(data + pos, len - pos));
        if (st == CL_OK && strcmp(label, "CERTIFICATE REQUEST") != 0 && strcmp(label, "NEW CERTIFICATE REQUEST") != 0) {
            if (why != NULL)
                *why = "no \"-----BEGIN CERTIFICATE REQUEST-----\" block";
            st = CL_ERR_PEM;
        }
    } else {
        memcpy(*der, data, len);
        *der_len = len;
    }
    if (st == CL_OK)
        st = x509_csr_parse(q, *der, *der_len, err);
    if (st != CL_OK) {
        free(*der);
        *der = NULL;
    }
    return st;
}
