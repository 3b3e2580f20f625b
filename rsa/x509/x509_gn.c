/*
 * rsa/x509/x509_gn.c -- GeneralName (RFC 5280 §4.2.1.6), used by
 * subjectAltName and authorityKeyIdentifier.
 *
 *   GeneralNames ::= SEQUENCE SIZE (1..MAX) OF GeneralName
 *   GeneralName ::= CHOICE {
 *       otherName                 [0] AnotherName,         -- constructed
 *       rfc822Name                [1] IA5String,
 *       dNSName                   [2] IA5String,
 *       x400Address               [3] ORAddress,           -- constructed
 *       directoryName             [4] Name,                -- EXPLICIT (Name is a CHOICE)
 *       ediPartyName              [5] EDIPartyName,        -- constructed
 *       uniformResourceIdentifier [6] IA5String,
 *       iPAddress                 [7] OCTET STRING,        -- 4 or 16 octets here
 *       registeredID              [8] OBJECT IDENTIFIER }
 * The module uses IMPLICIT tags (Appendix A.2), so [1] [2] [6] [7] [8] are
 * primitive.  IA5String values must be 7-bit.
 */
#include "rsa/x509/x509_internal.h"

static cl_status check_one(der_reader *r)
{
    size_t at = r->pos;
    unsigned tag;
    const uint8_t *c;
    size_t n;
    cl_status st = der_read_any(r, &tag, &c, &n);
    if (st != CL_OK)
        return st;
    unsigned num = tag & 0x1Fu;
    int constructed = (tag & 0x20u) != 0;
    if ((tag & 0xC0u) != 0x80u || num > 8)
        return der_fail(r, at, "GeneralName with a tag outside [0]..[8]");
    int want_constructed = num == 0 || num == 3 || num == 4 || num == 5;
    if (constructed != want_constructed)
        return der_fail(r, at, "GeneralName with the wrong primitive/constructed form");
    switch (num) {
    case X509_GN_EMAIL:
    case X509_GN_DNS:
    case X509_GN_URI:
        for (size_t i = 0; i < n; i++)
            if (c[i] & 0x80)
                return der_fail(r, at, "GeneralName IA5String with an octet above 0x7F");
        break;
    case X509_GN_IP:
        if (n != 4 && n != 16)
            return der_fail(r, at, "iPAddress that is neither 4 (IPv4) nor 16 (IPv6) octets");
        break;
    case X509_GN_DIRNAME: {
        der_reader sub;
        x509_bytes name;
        der_reader_sub(r, c, n, &sub);
        if ((st = x509_name_read(&sub, &name)) != CL_OK)
            return st;
        return der_finish(&sub, "unexpected data after a directoryName");
    }
    case X509_GN_RID: {                       /* OID contents under an implicit tag (X.690 §8.19.2) */
        int start = 1;
        for (size_t i = 0; i < n; i++) {
            if (start && c[i] == 0x80)
                return der_fail(r, at, "registeredID not in the shortest form");
            start = (c[i] & 0x80) == 0;
        }
        if (n == 0 || !start)
            return der_fail(r, at, "registeredID that is not a valid OBJECT IDENTIFIER");
        break;
    }
    default:
        break;
    }
    return CL_OK;
}

cl_status x509_gn_check(der_reader *r, const x509_bytes *names)
{
    der_reader s;
    der_reader_sub(r, names->p, names->len, &s);
    if (der_at_end(&s))
        return der_fail(r, (size_t)(names->p - r->buf), "empty GeneralNames (SIZE (1..MAX))");
    while (!der_at_end(&s)) {
        cl_status st = check_one(&s);
        if (st != CL_OK)
            return st;
    }
    return CL_OK;
}

void x509_gn_iter_init(der_reader *r, const x509_bytes *names)
{
    der_reader_init(r, names->p, names->len, NULL);
}

int x509_gn_next(der_reader *r, x509_general_name *gn)
{
    unsigned tag;
    const uint8_t *c;
    size_t n;
    if (der_at_end(r) || der_read_any(r, &tag, &c, &n) != CL_OK)
        return 0;
    gn->type = tag & 0x1Fu;
    gn->value.p = c;
    gn->value.len = n;
    return 1;
}
