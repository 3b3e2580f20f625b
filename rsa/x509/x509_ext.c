/*
 * rsa/x509/x509_ext.c -- certificate extensions (RFC 5280 §4.2).
 *
 *   Extensions ::= SEQUENCE SIZE (1..MAX) OF Extension
 *   Extension  ::= SEQUENCE { extnID OBJECT IDENTIFIER,
 *                             critical BOOLEAN DEFAULT FALSE,
 *                             extnValue OCTET STRING }
 * §4.2: "A certificate MUST NOT include more than one instance of a
 * particular extension"; "A certificate-using system MUST reject the
 * certificate if it encounters a critical extension it does not recognize".
 * We recognise the six below; any other critical one is recorded in
 * exts.unknown_critical, and path validation rejects it (§6.1.4 (o)).
 * The values of the six are parsed here, strictly: a malformed one makes
 * the whole certificate malformed.
 */
#include <limits.h>
#include <string.h>
#include "rsa/x509/x509_internal.h"

/* §4.2.1.9  BasicConstraints ::= SEQUENCE { cA BOOLEAN DEFAULT FALSE,
 *                                           pathLenConstraint INTEGER (0..MAX) OPTIONAL } */
static cl_status basic_constraints(der_reader *v, x509_exts *e)
{
    der_reader s;
    size_t at;
    cl_status st = der_read_sequence(v, &s);
    if (st != CL_OK)
        return st;
    e->ca = 0;
    e->path_len = -1;
    if (der_peek_tag(&s) == (int)DER_BOOLEAN) {
        at = s.pos;
        if ((st = der_read_boolean(&s, &e->ca)) != CL_OK)
            return st;
        if (!e->ca)
            return der_fail(&s, at, "basicConstraints cA FALSE written out (it is the DEFAULT: not DER)");
    }
    if (der_peek_tag(&s) == (int)DER_INTEGER) {
        uint64_t n;
        at = s.pos;
        if ((st = der_read_uint(&s, INT_MAX, &n, "pathLenConstraint negative or too large")) != CL_OK)
            return st;
        if (!e->ca)   /* "CAs MUST NOT include the pathLenConstraint field unless the cA boolean is asserted" */
            return der_fail(&s, at, "pathLenConstraint without cA TRUE");
        e->path_len = (int)n;
    }
    return der_finish(&s, "unexpected data in basicConstraints");
}

/* §4.2.1.3  KeyUsage ::= BIT STRING { digitalSignature (0), ..., decipherOnly (8) }
 * DER leaves out trailing zero bits of a named bit list (X.690 §11.2.2);
 * we TOLERATE trailing zero bits (the one DER rule we relax): trust anchors
 * in use carry them (one root of Debian's ca-certificates bundle does), and
 * they change no meaning.  The unused bits themselves must still be zero. */
static cl_status key_usage(der_reader *v, x509_exts *e)
{
    const uint8_t *p;
    size_t n, at = v->pos;
    unsigned unused;
    cl_status st = der_read_bit_string(v, &p, &n, &unused);
    if (st != CL_OK)
        return st;
    if (n == 0)
        return der_fail(v, at, "keyUsage with no bit set (\"at least one of the bits MUST be set\")");
    e->key_usage = 0;
    for (size_t i = 0; i < n && i < 2; i++)
        for (unsigned b = 0; b < 8; b++)
            if (p[i] & (0x80u >> b))
                e->key_usage |= 1u << (8 * i + b);
    return CL_OK;
}

/* §4.2.1.12  ExtKeyUsageSyntax ::= SEQUENCE SIZE (1..MAX) OF KeyPurposeId */
static cl_status ext_key_usage(der_reader *v, x509_exts *e)
{
    der_reader s;
    size_t at = v->pos;
    cl_status st = der_read_sequence(v, &s);
    if (st != CL_OK)
        return st;
    if (der_at_end(&s))
        return der_fail(v, at, "empty extendedKeyUsage (SIZE (1..MAX))");
    e->ext_key_usage = 0;
    while (!der_at_end(&s)) {
        const uint8_t *oid;
        size_t n;
        if ((st = der_read_oid(&s, &oid, &n)) != CL_OK)
            return st;
        e->ext_key_usage |= x509_eku_bit(oid, n);
    }
    return CL_OK;
}

/* §4.2.1.6  SubjectAltName ::= GeneralNames */
static cl_status subject_alt_name(der_reader *v, x509_exts *e)
{
    der_reader s;
    cl_status st = der_read_sequence(v, &s);
    if (st != CL_OK)
        return st;
    e->san.p = s.buf + s.pos;
    e->san.len = s.end - s.pos;
    return x509_gn_check(&s, &e->san);
}

/* §4.2.1.2  SubjectKeyIdentifier ::= KeyIdentifier (OCTET STRING) */
static cl_status subject_key_id(der_reader *v, x509_exts *e)
{
    const uint8_t *p;
    size_t n;
    cl_status st = der_read_octet_string(v, &p, &n);
    e->ski.p = p;
    e->ski.len = n;
    return st;
}

/* §4.2.1.1  AuthorityKeyIdentifier ::= SEQUENCE {
 *     keyIdentifier             [0] KeyIdentifier           OPTIONAL,
 *     authorityCertIssuer       [1] GeneralNames            OPTIONAL,
 *     authorityCertSerialNumber [2] CertificateSerialNumber OPTIONAL }
 * "authorityCertIssuer and authorityCertSerialNumber MUST both be present
 * or both be absent" (Appendix A.2). */
static cl_status authority_key_id(der_reader *v, x509_exts *e)
{
    der_reader s;
    size_t at = v->pos;
    const uint8_t *c;
    size_t n;
    cl_status st = der_read_sequence(v, &s);
    if (st != CL_OK)
        return st;
    if (der_peek_tag(&s) == (int)DER_CONTEXT_PRIM(0)) {
        if ((st = der_read_tlv(&s, DER_CONTEXT_PRIM(0), &c, &n)) != CL_OK)
            return st;
        e->aki_key_id.p = c;
        e->aki_key_id.len = n;
    }
    if (der_peek_tag(&s) == (int)DER_CONTEXT(1)) {
        if ((st = der_read_tlv(&s, DER_CONTEXT(1), &c, &n)) != CL_OK)
            return st;
        e->aki_issuer.p = c;
        e->aki_issuer.len = n;
        if ((st = x509_gn_check(&s, &e->aki_issuer)) != CL_OK)
            return st;
    }
    if (der_peek_tag(&s) == (int)DER_CONTEXT_PRIM(2)) {
        size_t iat = s.pos;
        if ((st = der_read_tlv(&s, DER_CONTEXT_PRIM(2), &c, &n)) != CL_OK)
            return st;
        if (n == 0 || (n > 1 && ((c[0] == 0 && !(c[1] & 0x80)) || (c[0] == 0xFF && (c[1] & 0x80)))))
            return der_fail(&s, iat, "authorityCertSerialNumber not a DER INTEGER");
        e->aki_serial.p = c;
        e->aki_serial.len = n;
    }
    if ((e->aki_issuer.p == NULL) != (e->aki_serial.p == NULL))
        return der_fail(v, at, "authorityKeyIdentifier with only one of authorityCertIssuer and authorityCertSerialNumber");
    return der_finish(&s, "unexpected data in authorityKeyIdentifier");
}

typedef cl_status (*ext_parser)(der_reader *v, x509_exts *e);

static const struct {
    const uint8_t *oid;
    unsigned bit;
    ext_parser parse;
} KNOWN[] = {
    {X509_OID_BASIC_CONSTRAINTS, X509_EXT_BASIC_CONSTRAINTS, basic_constraints},
    {X509_OID_KEY_USAGE, X509_EXT_KEY_USAGE, key_usage},
    {X509_OID_EXT_KEY_USAGE, X509_EXT_EXT_KEY_USAGE, ext_key_usage},
    {X509_OID_SUBJECT_ALT_NAME, X509_EXT_SUBJECT_ALT_NAME, subject_alt_name},
    {X509_OID_SUBJECT_KEY_ID, X509_EXT_SUBJECT_KEY_ID, subject_key_id},
    {X509_OID_AUTHORITY_KEY_ID, X509_EXT_AUTHORITY_KEY_ID, authority_key_id},
};

/* One Extension at r. */
static cl_status read_extension(der_reader *r, x509_extension *x)
{
    der_reader s;
    size_t start = r->pos, at;
    cl_status st = der_read_sequence(r, &s);
    if (st != CL_OK)
        return st;
    x->der.p = r->buf + start;
    x->der.len = r->pos - start;
    x->critical = 0;
    if ((st = der_read_oid(&s, &x->oid.p, &x->oid.len)) != CL_OK)
        return st;
    if (der_peek_tag(&s) == (int)DER_BOOLEAN) {
        at = s.pos;
        if ((st = der_read_boolean(&s, &x->critical)) != CL_OK)
            return st;
        if (!x->critical)
            return der_fail(&s, at, "extension critical FALSE written out (it is the DEFAULT: not DER)");
    }
    if ((st = der_read_octet_string(&s, &x->value.p, &x->value.len)) != CL_OK)
        return st;
    return der_finish(&s, "unexpected data in an Extension");
}

cl_status x509_exts_read(der_reader *r, x509_exts *e)
{
    der_reader s;
    size_t at = r->pos;
    cl_status st = der_read_sequence(r, &s);
    if (st != CL_OK)
        return st;
    if (der_at_end(&s))
        return der_fail(r, at, "empty Extensions (SIZE (1..MAX))");
    e->all.p = s.buf + s.pos;
    e->all.len = s.end - s.pos;
    size_t first = s.pos;
    while (!der_at_end(&s)) {
        x509_extension x;
        size_t xat = s.pos;
        if ((st = read_extension(&s, &x)) != CL_OK)
            return st;
        /* §4.2: no extension twice */
        der_reader prev;
        der_reader_sub(&s, s.buf + first, xat - first, &prev);
        while (!der_at_end(&prev)) {
            x509_extension y;
            if (read_extension(&prev, &y) == CL_OK &&
                der_oid_eq(x.oid.p, x.oid.len, y.oid.p, y.oid.len))
                return der_fail(&s, xat, "the same extension twice (RFC 5280 §4.2)");
        }
        size_t k;
        for (k = 0; k < sizeof KNOWN / sizeof KNOWN[0]; k++)
            if (der_oid_eq(x.oid.p, x.oid.len, KNOWN[k].oid, 3))
                break;
        if (k == sizeof KNOWN / sizeof KNOWN[0]) {
            if (x.critical && e->unknown_critical.p == NULL)
                e->unknown_critical = x.oid;
            continue;
        }
        der_reader v;
        der_reader_sub(&s, x.value.p, x.value.len, &v);
        if ((st = KNOWN[k].parse(&v, e)) != CL_OK)
            return st;
        if ((st = der_finish(&v, "unexpected data after an extension value")) != CL_OK)
            return st;
        e->present |= KNOWN[k].bit;
        if (x.critical)
            e->critical |= KNOWN[k].bit;
    }
    return CL_OK;
}

cl_status x509_ext_decode(const x509_extension *x, x509_exts *e)
{
    memset(e, 0, sizeof *e);
    e->path_len = -1;
    for (size_t k = 0; k < sizeof KNOWN / sizeof KNOWN[0]; k++) {
        if (!der_oid_eq(x->oid.p, x->oid.len, KNOWN[k].oid, 3))
            continue;
        der_reader v;
        der_reader_init(&v, x->value.p, x->value.len, NULL);
        cl_status st = KNOWN[k].parse(&v, e);
        if (st == CL_OK)
            st = der_finish(&v, NULL);
        if (st == CL_OK)
            e->present = KNOWN[k].bit;
        return st;
    }
    return CL_ERR_UNSUPPORTED;
}

void x509_ext_iter_init(der_reader *r, const x509_bytes *all)
{
    der_reader_init(r, all->p, all->len, NULL);
}

int x509_ext_next(der_reader *r, x509_extension *e)
{
    return !der_at_end(r) && read_extension(r, e) == CL_OK;
}
