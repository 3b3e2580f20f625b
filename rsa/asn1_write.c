/*
 * rsa/asn1_write.c -- DER writer (ITU-T X.690 §8 with the §10 DER rules):
 * definite lengths in the fewest octets, minimal INTEGERs.  See rsa/asn1.h.
 *
 * Constructed elements are written in place: der_begin() writes the
 * identifier and a one-octet length placeholder; der_end() knows the
 * contents length and, if the length needs the long form (§8.1.3.5), moves
 * the contents right to make room.
 */
#include <string.h>
#include "rsa/asn1.h"

void der_writer_init(der_writer *w, uint8_t *buf, size_t cap)
{
    w->buf = buf;
    w->cap = cap;
    w->len = 0;
    w->overflow = 0;
    w->depth = 0;
}

static void put(der_writer *w, const uint8_t *p, size_t n)
{
    if (w->overflow)
        return;
    if (n > w->cap - w->len) {
        w->overflow = 1;
        return;
    }
    if (n > 0)
        memcpy(w->buf + w->len, p, n);
    w->len += n;
}

static void put_byte(der_writer *w, uint8_t b)
{
    put(w, &b, 1);
}

/* §8.1.3: number of length octets for a contents length n. */
static size_t length_octets(size_t n)
{
    if (n < 0x80)
        return 1;                             /* short form */
    size_t k = 0;
    for (size_t v = n; v != 0; v >>= 8)
        k++;
    return 1 + k;                             /* 0x80|k, then k octets */
}

static void encode_length(uint8_t *out, size_t n)
{
    size_t k = length_octets(n);
    if (k == 1) {
        out[0] = (uint8_t)n;
        return;
    }
    out[0] = (uint8_t)(0x80u | (k - 1));
    for (size_t i = k - 1; i >= 1; i--) {
        out[i] = (uint8_t)(n & 0xFFu);
        n >>= 8;
    }
}

static void put_length(der_writer *w, size_t n)
{
    uint8_t l[1 + sizeof(size_t)];
    encode_length(l, n);
    put(w, l, length_octets(n));
}

void der_write_tlv(der_writer *w, unsigned tag, const uint8_t *contents, size_t len)
{
    put_byte(w, (uint8_t)tag);
    put_length(w, len);
    put(w, contents, len);
}

void der_begin(der_writer *w, unsigned tag)
{
    if (w->depth >= DER_MAX_DEPTH) {
        w->overflow = 1;
        return;
    }
    w->open[w->depth++] = w->len;
    put_byte(w, (uint8_t)tag);
    put_byte(w, 0);                           /* placeholder: short-form length */
}

void der_begin_bit_string(der_writer *w)
{
    der_begin(w, DER_BIT_STRING);
    put_byte(w, 0);                           /* §8.6.2.2: no unused bits */
}

void der_end(der_writer *w)
{
    if (w->depth == 0) {
        w->overflow = 1;
        return;
    }
    size_t start = w->open[--w->depth];
    if (w->overflow)
        return;
    size_t body = start + 2;
    size_t n = w->len - body;
    size_t k = length_octets(n);
    if (k > 1) {                              /* make room for the long form */
        if (k - 1 > w->cap - w->len) {
            w->overflow = 1;
            return;
        }
        memmove(w->buf + body + k - 1, w->buf + body, n);
        w->len += k - 1;
    }
    encode_length(w->buf + start + 1, n);
}

void der_write_integer_mpz(der_writer *w, const mpz_t x)
{
    size_t n = (mpz_sizeinbase(x, 2) + 7) / 8;
    if (mpz_sgn(x) <= 0) {                    /* zero (negatives are never written) */
        static const uint8_t zero = 0;
        der_write_tlv(w, DER_INTEGER, &zero, 1);
        return;
    }
    int lead = mpz_tstbit(x, 8 * n - 1);      /* §8.3.2: keep the value positive */
    put_byte(w, DER_INTEGER);
    put_length(w, n + (size_t)lead);
    if (lead)
        put_byte(w, 0x00);
    if (w->overflow || n > w->cap - w->len) {
        w->overflow = 1;
        return;
    }
    size_t got = 0;
    mpz_export(w->buf + w->len, &got, 1, 1, 1, 0, x);
    w->len += got;
}

void der_write_uint(der_writer *w, uint64_t v)
{
    uint8_t b[9];
    size_t n = 0;
    for (uint64_t t = v; t != 0; t >>= 8)
        n++;
    if (n == 0)
        n = 1;
    size_t lead = (v >> (8 * n - 1)) & 1u;    /* top bit set: prefix 0x00 */
    for (size_t i = 0; i < n; i++)
        b[lead + n - 1 - i] = (uint8_t)(v >> (8 * i));
    if (lead)
        b[0] = 0;
    der_write_tlv(w, DER_INTEGER, b, n + lead);
}

void der_write_null(der_writer *w)
{
    der_write_tlv(w, DER_NULL, NULL, 0);
}

void der_write_boolean(der_writer *w, int v)
{
    uint8_t b = v ? 0xFF : 0x00;              /* §11.1 */
    der_write_tlv(w, DER_BOOLEAN, &b, 1);
}

void der_write_raw(der_writer *w, const uint8_t *der, size_t len)
{
    put(w, der, len);
}

cl_status der_writer_result(const der_writer *w, size_t *len)
{
    if (w->overflow)
        return w->depth > DER_MAX_DEPTH ? CL_ERR_STATE : CL_ERR_OUTPUT_SPACE;
    if (w->depth != 0)
        return CL_ERR_STATE;
    if (len != NULL)
        *len = w->len;
    return CL_OK;
}
