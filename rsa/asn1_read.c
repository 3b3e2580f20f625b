/*
 * rsa/asn1_read.c -- strict DER reader (ITU-T X.690 §8 basic rules, with the
 * §10 DER restrictions).  See rsa/asn1.h.
 */
#include <stdio.h>
#include <string.h>
#include "rsa/asn1.h"

const uint8_t DER_OID_RSA_ENCRYPTION[9] = {0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x01, 0x01, 0x01};
const uint8_t DER_OID_PBES2[9]          = {0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x01, 0x05, 0x0D};
const uint8_t DER_OID_PBKDF2[9]         = {0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x01, 0x05, 0x0C};
const uint8_t DER_OID_HMAC_SHA1[8]      = {0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x02, 0x07};
const uint8_t DER_OID_HMAC_SHA256[8]    = {0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x02, 0x09};
const uint8_t DER_OID_AES256_CBC[9]     = {0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x01, 0x2A};
const uint8_t DER_OID_RSASSA_PSS[9]     = {0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x01, 0x01, 0x0A};
const uint8_t DER_OID_MGF1[9]           = {0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x01, 0x01, 0x08};
const uint8_t DER_OID_SHA256_WITH_RSA[9] = {0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x01, 0x01, 0x0B};
const uint8_t DER_OID_SHA256[9]         = {0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x01};
const uint8_t DER_OID_SHA1[5]           = {0x2B, 0x0E, 0x03, 0x02, 0x1A};

static cl_status fail(const der_reader *r, size_t offset, const char *reason)
{
    if (r->err != NULL) {
        r->err->reason = reason;
        r->err->offset = offset;
        r->err->oid[0] = '\0';
    }
    return CL_ERR_ASN1;
}

cl_status der_fail(der_reader *r, size_t at, const char *reason)
{
    return fail(r, at, reason);
}

cl_status der_fail_oid(der_reader *r, size_t at, const char *reason, const uint8_t *oid, size_t len)
{
    fail(r, at, reason);
    if (r->err != NULL)
        der_oid_to_text(oid, len, r->err->oid, sizeof r->err->oid);
    return CL_ERR_ASN1_OID;
}

void der_reader_init(der_reader *r, const uint8_t *buf, size_t len, der_error *err)
{
    r->buf = buf;
    r->pos = 0;
    r->end = len;
    r->err = err;
    if (err != NULL) {
        err->reason = NULL;
        err->offset = 0;
        err->oid[0] = '\0';
    }
}

int der_at_end(const der_reader *r)
{
    return r->pos >= r->end;
}

cl_status der_finish(der_reader *r, const char *what)
{
    if (!der_at_end(r))
        return fail(r, r->pos, what ? what : "trailing data after the DER value");
    return CL_OK;
}

int der_peek_tag(const der_reader *r)
{
    if (der_at_end(r))
        return -1;
    return r->buf[r->pos];
}

/* X.690 §8.1.3 length octets, DER form (§10.1): definite, minimal. */
static cl_status read_length(der_reader *r, size_t at, size_t *len)
{
    if (r->pos >= r->end)
        return fail(r, at, "truncated: length octets missing");
    uint8_t first = r->buf[r->pos++];
    if (first < 0x80) {                       /* §8.1.3.4 short form */
        *len = first;
        return CL_OK;
    }
    if (first == 0x80)                        /* §8.1.3.6 indefinite form: BER only */
        return fail(r, at, "indefinite length (BER, not DER)");
    size_t n = first & 0x7Fu;                 /* §8.1.3.5 long form */
    if (n > sizeof(size_t) || n > 4)
        return fail(r, at, "length too large");
    if (r->end - r->pos < n)
        return fail(r, at, "truncated: length octets missing");
    size_t v = 0;
    for (size_t i = 0; i < n; i++)
        v = (v << 8) | r->buf[r->pos++];
    if (r->buf[r->pos - n] == 0 || v < 0x80)  /* §10.1: fewest octets */
        return fail(r, at, "length not in the shortest form (not DER)");
    *len = v;
    return CL_OK;
}

/* One element (X.690 §8.1): identifier, DER length, contents.  want < 0
 * accepts any identifier. */
static cl_status read_element(der_reader *r, int want, unsigned *tag,
                              const uint8_t **contents, size_t *len)
{
    size_t at = r->pos;
    if (r->pos >= r->end)
        return fail(r, at, "truncated: element missing");
    unsigned id = r->buf[r->pos];
    if ((id & 0x1Fu) == 0x1Fu)                /* §8.1.2.4 high tag numbers: none expected */
        return fail(r, at, "unexpected high-tag-number identifier");
    if (want >= 0 && id != (unsigned)want) {
        switch (want) {
        case DER_BOOLEAN:      return fail(r, at, "expected a BOOLEAN");
        case DER_INTEGER:      return fail(r, at, "expected an INTEGER");
        case DER_BIT_STRING:   return fail(r, at, "expected a BIT STRING");
        case DER_OCTET_STRING: return fail(r, at, "expected an OCTET STRING");
        case DER_NULL:         return fail(r, at, "expected NULL");
        case DER_OID:          return fail(r, at, "expected an OBJECT IDENTIFIER");
        case DER_SEQUENCE:     return fail(r, at, "expected a SEQUENCE");
        case DER_SET:          return fail(r, at, "expected a SET");
        default:               return fail(r, at, "unexpected tag");
        }
    }
    r->pos++;
    size_t n = 0;
    cl_status st = read_length(r, at, &n);
    if (st != CL_OK)
        return st;
    if (n > r->end - r->pos)
        return fail(r, at, "length runs past the end of the data (truncated?)");
    if (tag != NULL)
        *tag = id;
    *contents = r->buf + r->pos;
    *len = n;
    r->pos += n;
    return CL_OK;
}

cl_status der_read_tlv(der_reader *r, unsigned tag, const uint8_t **contents, size_t *len)
{
    return read_element(r, (int)tag, NULL, contents, len);
}

cl_status der_read_any(der_reader *r, unsigned *tag, const uint8_t **contents, size_t *len)
{
    return read_element(r, -1, tag, contents, len);
}

void der_reader_sub(const der_reader *parent, const uint8_t *contents, size_t len, der_reader *sub)
{
    sub->buf = parent->buf;
    sub->pos = (size_t)(contents - parent->buf);
    sub->end = sub->pos + len;
    sub->err = parent->err;
}

cl_status der_read_constructed(der_reader *r, unsigned tag, der_reader *sub)
{
    const uint8_t *c;
    size_t n;
    cl_status st = der_read_tlv(r, tag, &c, &n);
    if (st != CL_OK)
        return st;
    sub->buf = r->buf;
    sub->pos = (size_t)(c - r->buf);
    sub->end = sub->pos + n;
    sub->err = r->err;
    return CL_OK;
}

cl_status der_read_sequence(der_reader *r, der_reader *sub)
{
    return der_read_constructed(r, DER_SEQUENCE, sub);
}

/* §8.3.2: the contents are at least one octet, and the first nine bits are
 * not all ones or all zeros. */
static cl_status integer_contents(der_reader *r, const uint8_t **c, size_t *n, int nonneg,
                                  const char *what)
{
    size_t at = r->pos;
    cl_status st = der_read_tlv(r, DER_INTEGER, c, n);
    if (st != CL_OK)
        return st;
    if (*n == 0)
        return fail(r, at, "empty INTEGER");
    if (*n > 1 && (((*c)[0] == 0x00 && ((*c)[1] & 0x80) == 0) ||
                   ((*c)[0] == 0xFF && ((*c)[1] & 0x80) != 0)))
        return fail(r, at, "INTEGER not in the shortest form (not DER)");
    if (nonneg && ((*c)[0] & 0x80))
        return fail(r, at, what ? what : "negative INTEGER where a positive value is required");
    return CL_OK;
}

cl_status der_read_integer(der_reader *r, const uint8_t **p, size_t *len)
{
    return integer_contents(r, p, len, 0, NULL);
}

cl_status der_read_integer_mpz(der_reader *r, mpz_t x, int nonneg, const char *what)
{
    const uint8_t *c;
    size_t n;
    cl_status st = integer_contents(r, &c, &n, nonneg, what);
    if (st != CL_OK)
        return st;
    mpz_import(x, n, 1, 1, 1, 0, c);          /* big-endian octets */
    if (c[0] & 0x80) {                        /* two's complement: subtract 2^(8n) */
        mpz_t t;
        mpz_init(t);
        mpz_setbit(t, 8 * n);
        mpz_sub(x, x, t);
        mpz_clear(t);
    }
    return CL_OK;
}

cl_status der_read_uint(der_reader *r, uint64_t max, uint64_t *v, const char *what)
{
    size_t at = r->pos;
    const uint8_t *c;
    size_t n;
    cl_status st = integer_contents(r, &c, &n, 1, "negative INTEGER where a count or version is expected");
    if (st != CL_OK)
        return st;
    if (n > 9 || (n == 9 && c[0] != 0))
        return fail(r, at, what);
    uint64_t x = 0;
    for (size_t i = 0; i < n; i++)
        x = (x << 8) | c[i];
    if (x > max)
        return fail(r, at, what);
    *v = x;
    return CL_OK;
}

cl_status der_read_octet_string(der_reader *r, const uint8_t **p, size_t *len)
{
    return der_read_tlv(r, DER_OCTET_STRING, p, len);
}

cl_status der_read_bit_string(der_reader *r, const uint8_t **p, size_t *len, unsigned *unused)
{
    size_t at = r->pos;
    const uint8_t *c;
    size_t n;
    cl_status st = der_read_tlv(r, DER_BIT_STRING, &c, &n);
    if (st != CL_OK)
        return st;
    if (n == 0)                               /* §8.6.2: the initial octet is mandatory */
        return fail(r, at, "BIT STRING without its unused-bits octet");
    if (c[0] > 7 || (n == 1 && c[0] != 0))    /* §8.6.2.2, §8.6.2.3 */
        return fail(r, at, "BIT STRING with an invalid unused-bits count");
    if (c[0] != 0 && (c[n - 1] & ((1u << c[0]) - 1u)) != 0)   /* §11.2.1 */
        return fail(r, at, "BIT STRING whose unused bits are not zero (not DER)");
    *p = c + 1;
    *len = n - 1;
    *unused = c[0];
    return CL_OK;
}

cl_status der_read_bit_string_octets(der_reader *r, const uint8_t **p, size_t *len)
{
    size_t at = r->pos;
    unsigned unused;
    cl_status st = der_read_bit_string(r, p, len, &unused);
    if (st == CL_OK && unused != 0)           /* a key, a signature: whole octets */
        return fail(r, at, "BIT STRING with unused bits where whole octets are expected");
    return st;
}

cl_status der_read_boolean(der_reader *r, int *v)
{
    size_t at = r->pos;
    const uint8_t *c;
    size_t n;
    cl_status st = der_read_tlv(r, DER_BOOLEAN, &c, &n);
    if (st != CL_OK)
        return st;
    if (n != 1)                               /* §8.2.1 */
        return fail(r, at, "BOOLEAN that is not one octet");
    if (c[0] != 0x00 && c[0] != 0xFF)         /* §11.1 */
        return fail(r, at, "BOOLEAN TRUE that is not 0xFF (not DER)");
    *v = c[0] != 0;
    return CL_OK;
}

cl_status der_read_null(der_reader *r)
{
    size_t at = r->pos;
    const uint8_t *c;
    size_t n;
    cl_status st = der_read_tlv(r, DER_NULL, &c, &n);
    if (st != CL_OK)
        return st;
    if (n != 0)                               /* §8.8.2 */
        return fail(r, at, "NULL with contents");
    return CL_OK;
}

/* §8.19.2: each sub-identifier is base-128, high bit set on all octets but
 * the last, and the leading octet is never 0x80 (shortest form). */
cl_status der_read_oid(der_reader *r, const uint8_t **oid, size_t *len)
{
    size_t at = r->pos;
    const uint8_t *c;
    size_t n;
    cl_status st = der_read_tlv(r, DER_OID, &c, &n);
    if (st != CL_OK)
        return st;
    if (n == 0)
        return fail(r, at, "empty OBJECT IDENTIFIER");
    int start = 1;
    for (size_t i = 0; i < n; i++) {
        if (start && c[i] == 0x80)
            return fail(r, at, "OBJECT IDENTIFIER sub-identifier not in the shortest form");
        start = (c[i] & 0x80) == 0;
    }
    if (!start)
        return fail(r, at, "OBJECT IDENTIFIER ends inside a sub-identifier");
    *oid = c;
    *len = n;
    return CL_OK;
}

void der_oid_to_text(const uint8_t *oid, size_t len, char *out, size_t cap)
{
    size_t used = 0;
    uint64_t v = 0;
    int first = 1;
    if (cap == 0)
        return;
    out[0] = '\0';
    for (size_t i = 0; i < len; i++) {
        if (v > (UINT64_MAX >> 7)) {          /* absurdly long arc: stop */
            snprintf(out + used, cap - used, "...");
            return;
        }
        v = (v << 7) | (oid[i] & 0x7Fu);
        if (oid[i] & 0x80)
            continue;
        char part[48];
        if (first) {                          /* §8.19.4: first two arcs share one value */
            unsigned a = v < 40 ? 0 : v < 80 ? 1 : 2;
            snprintf(part, sizeof part, "%u.%llu", a, (unsigned long long)(v - 40u * a));
            first = 0;
        } else {
            snprintf(part, sizeof part, ".%llu", (unsigned long long)v);
        }
        size_t pl = strlen(part);
        if (used + pl + 4 > cap) {
            if (used + 4 <= cap)
                memcpy(out + used, "...", 4);
            return;
        }
        memcpy(out + used, part, pl + 1);
        used += pl;
        v = 0;
    }
}

int der_oid_eq(const uint8_t *oid, size_t len, const uint8_t *want, size_t want_len)
{
    return len == want_len && memcmp(oid, want, len) == 0;
}
