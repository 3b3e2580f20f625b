/*
 * rsa/x509/x509_name.c -- Name (RFC 5280 §4.1.2.4): reading, walking,
 * comparing (§7.1), and printing the way OpenSSL does.
 *
 *   Name ::= CHOICE { rdnSequence RDNSequence }
 *   RDNSequence ::= SEQUENCE OF RelativeDistinguishedName
 *   RelativeDistinguishedName ::= SET SIZE (1..MAX) OF AttributeTypeAndValue
 *   AttributeTypeAndValue ::= SEQUENCE { type OBJECT IDENTIFIER, value ANY }
 *
 * DER sorts the elements of a SET OF by their encodings (X.690 §11.6);
 * reading checks it.
 */
#include <string.h>
#include "rsa/x509/x509_internal.h"

/* X.690 §11.6: a <= b as octet strings, the shorter padded with zeros. */
static int der_set_order_ok(const uint8_t *a, size_t al, const uint8_t *b, size_t bl)
{
    size_t n = al < bl ? al : bl;
    int c = memcmp(a, b, n);
    if (c != 0)
        return c < 0;
    const uint8_t *rest = al > bl ? a + n : b + n;
    size_t rl = al > bl ? al - n : bl - n;
    for (size_t i = 0; i < rl; i++)
        if (rest[i] != 0)
            return al < bl;                   /* the longer one is larger */
    return 1;
}

cl_status x509_name_read(der_reader *r, x509_bytes *name)
{
    size_t start = r->pos;
    der_reader seq;
    cl_status st = der_read_sequence(r, &seq);
    if (st != CL_OK)
        return st;
    name->p = r->buf + start;
    name->len = r->pos - start;
    while (!der_at_end(&seq)) {
        der_reader set;
        size_t set_at = seq.pos;
        if ((st = der_read_constructed(&seq, DER_SET, &set)) != CL_OK)
            return st;
        if (der_at_end(&set))
            return der_fail(&seq, set_at, "empty RelativeDistinguishedName (SET SIZE (1..MAX))");
        const uint8_t *prev = NULL;
        size_t prev_len = 0;
        while (!der_at_end(&set)) {
            der_reader atv;
            size_t atv_at = set.pos;
            const uint8_t *oid, *v;
            size_t oid_len, vl;
            unsigned tag;
            if ((st = der_read_sequence(&set, &atv)) != CL_OK ||
                (st = der_read_oid(&atv, &oid, &oid_len)) != CL_OK ||
                (st = der_read_any(&atv, &tag, &v, &vl)) != CL_OK ||
                (st = der_finish(&atv, "unexpected data after an attribute value")) != CL_OK)
                return st;
            const uint8_t *enc = set.buf + atv_at;
            size_t enc_len = set.pos - atv_at;
            if (prev != NULL && !der_set_order_ok(prev, prev_len, enc, enc_len))
                return der_fail(&set, atv_at, "RelativeDistinguishedName SET not in DER order (X.690 §11.6)");
            prev = enc;
            prev_len = enc_len;
        }
    }
    return CL_OK;
}

void x509_name_iter_init(x509_name_iter *it, const x509_bytes *name)
{
    der_reader r;
    memset(it, 0, sizeof *it);
    der_reader_init(&r, name->p, name->len, NULL);
    if (der_read_sequence(&r, &it->rdns) != CL_OK)
        der_reader_init(&it->rdns, name->p, 0, NULL);
    it->first = 1;
}

int x509_name_next(x509_name_iter *it, x509_ava *ava)
{
    int same = 1;
    if (!it->in_set || der_at_end(&it->set)) {
        if (der_at_end(&it->rdns) || der_read_constructed(&it->rdns, DER_SET, &it->set) != CL_OK)
            return 0;
        it->in_set = 1;
        same = 0;
    }
    der_reader atv;
    const uint8_t *oid, *v;
    size_t oid_len, vl, at;
    unsigned tag;
    if (der_read_sequence(&it->set, &atv) != CL_OK || der_read_oid(&atv, &oid, &oid_len) != CL_OK)
        return 0;
    at = atv.pos;
    if (der_read_any(&atv, &tag, &v, &vl) != CL_OK)
        return 0;
    ava->type.p = oid;
    ava->type.len = oid_len;
    ava->tag = tag;
    ava->value.p = v;
    ava->value.len = vl;
    ava->value_der.p = atv.buf + at;
    ava->value_der.len = atv.pos - at;
    ava->same_rdn = same && !it->first;
    it->first = 0;
    return 1;
}

/* ------------------------------------------------------------ characters */

/* Octets per character of a string type (OpenSSL's tag2nbyte): 0 UTF-8,
 * 1 one octet (Latin-1), 2 BMP (UCS-2), 4 Universal (UCS-4), -1 not a string. */
static int char_width(unsigned tag)
{
    switch (tag) {
    case DER_UTF8_STRING:      return 0;
    case DER_NUMERIC_STRING:
    case DER_PRINTABLE_STRING:
    case DER_T61_STRING:
    case DER_IA5_STRING:
    case DER_UTC_TIME:
    case DER_GENERALIZED_TIME:
    case DER_VISIBLE_STRING:   return 1;
    case DER_UNIVERSAL_STRING: return 4;
    case DER_BMP_STRING:       return 2;
    }
    return -1;
}

/* Next code point of s (width as char_width) at *i; -1 at the end or on a
 * malformed sequence. */
static long next_char(const uint8_t *s, size_t n, int width, size_t *i)
{
    if (*i >= n)
        return -1;
    if (width == 1)
        return s[(*i)++];
    if (width == 2 || width == 4) {
        if (n - *i < (size_t)width)
            return -1;
        long c = 0;
        for (int k = 0; k < width; k++)
            c = (c << 8) | s[(*i)++];
        return c;
    }
    /* UTF-8 (RFC 3629) */
    uint8_t b = s[*i];
    int more = b < 0x80 ? 0 : (b & 0xE0) == 0xC0 ? 1 : (b & 0xF0) == 0xE0 ? 2 : (b & 0xF8) == 0xF0 ? 3 : -1;
    if (more < 0 || n - *i < (size_t)more + 1)
        return -1;
    long c = more == 0 ? b : b & (0x3F >> more);
    for (int k = 1; k <= more; k++) {
        if ((s[*i + (size_t)k] & 0xC0) != 0x80)
            return -1;
        c = (c << 6) | (s[*i + (size_t)k] & 0x3F);
    }
    *i += (size_t)more + 1;
    return c;
}

static size_t utf8_put(long c, uint8_t out[4])
{
    if (c < 0x80) { out[0] = (uint8_t)c; return 1; }
    if (c < 0x800) { out[0] = (uint8_t)(0xC0 | (c >> 6)); out[1] = (uint8_t)(0x80 | (c & 0x3F)); return 2; }
    if (c < 0x10000) {
        out[0] = (uint8_t)(0xE0 | (c >> 12)); out[1] = (uint8_t)(0x80 | ((c >> 6) & 0x3F));
        out[2] = (uint8_t)(0x80 | (c & 0x3F)); return 3;
    }
    out[0] = (uint8_t)(0xF0 | (c >> 18)); out[1] = (uint8_t)(0x80 | ((c >> 12) & 0x3F));
    out[2] = (uint8_t)(0x80 | ((c >> 6) & 0x3F)); out[3] = (uint8_t)(0x80 | (c & 0x3F));
    return 4;
}

/* ------------------------------------------------------------ comparison (§7.1) */

/* The canonical character stream OpenSSL compares names with
 * (x509_name_canon / asn1_string_canon): the string as UTF-8, ASCII
 * letters in lower case, white space at both ends removed, runs of white
 * space inside made one space. */
struct canon {
    const uint8_t *s;
    size_t n, i;
    int width;
    int started;
    uint8_t pend[4];
    size_t npend, ipend;
};

static int is_space(long c)
{
    return c == ' ' || (c >= 0x09 && c <= 0x0D);
}

static void canon_init(struct canon *c, const x509_ava *a)
{
    memset(c, 0, sizeof *c);
    c->s = a->value.p;
    c->n = a->value.len;
    c->width = char_width(a->tag);
    if (c->width == 0)
        c->width = 1;                         /* UTF-8 octets are compared as they are */
}

/* Next octet of the canonical UTF-8 stream; -1 at the end, -2 on a bad string. */
static int canon_next(struct canon *c)
{
    if (c->ipend < c->npend)
        return c->pend[c->ipend++];
    for (;;) {
        size_t save = c->i;
        long ch = next_char(c->s, c->n, c->width, &c->i);
        if (ch == -1)
            return c->i < c->n ? -2 : -1;
        if (is_space(ch)) {
            /* a run of spaces: one space if something follows, nothing at the ends */
            size_t j = c->i;
            long nx;
            while ((nx = next_char(c->s, c->n, c->width, &j)) != -1 && is_space(nx))
                c->i = j;
            if (!c->started || nx == -1)
                continue;
            c->pend[0] = ' ';
            c->npend = 1;
            c->ipend = 1;
            return ' ';
        }
        (void)save;
        c->started = 1;
        if (ch >= 'A' && ch <= 'Z')
            ch += 'a' - 'A';
        c->npend = utf8_put(ch, c->pend);
        c->ipend = 1;
        return c->pend[0];
    }
}

static int ava_values_equal(const x509_ava *a, const x509_ava *b)
{
    int wa = char_width(a->tag), wb = char_width(b->tag);
    /* OpenSSL canonicalises these types (ASN1_MASK_CANON); others compare as encoded. */
    int sa = wa >= 0 && a->tag != DER_NUMERIC_STRING && a->tag != DER_UTC_TIME && a->tag != DER_GENERALIZED_TIME;
    int sb = wb >= 0 && b->tag != DER_NUMERIC_STRING && b->tag != DER_UTC_TIME && b->tag != DER_GENERALIZED_TIME;
    if (!sa || !sb)
        return a->value_der.len == b->value_der.len &&
               memcmp(a->value_der.p, b->value_der.p, a->value_der.len) == 0;
    struct canon ca, cb;
    canon_init(&ca, a);
    canon_init(&cb, b);
    for (;;) {
        int x = canon_next(&ca), y = canon_next(&cb);
        if (x == -2 || y == -2)
            return 0;
        if (x != y)
            return 0;
        if (x == -1)
            return 1;
    }
}

int x509_name_equal(const x509_bytes *a, const x509_bytes *b)
{
    if (a->len == b->len && memcmp(a->p, b->p, a->len) == 0)
        return 1;
    x509_name_iter ia, ib;
    x509_ava va, vb;
    x509_name_iter_init(&ia, a);
    x509_name_iter_init(&ib, b);
    for (;;) {
        int ha = x509_name_next(&ia, &va), hb = x509_name_next(&ib, &vb);
        if (ha != hb)
            return 0;
        if (!ha)
            return 1;
        if (va.same_rdn != vb.same_rdn || !der_oid_eq(va.type.p, va.type.len, vb.type.p, vb.type.len) ||
            !ava_values_equal(&va, &vb))
            return 0;
    }
}

/* ------------------------------------------------------------ printing */

/* OpenSSL's char_type[] (crypto/asn1/charmap.h) and the flags of its
 * "oneline" name format (XN_FLAG_ONELINE: RFC 2253 escapes, quotes instead
 * of backslashes where that is enough, control and non-ASCII octets as \XX). */
#define ESC_2253   0x01u
#define ESC_CTRL   0x02u
#define ESC_MSB    0x04u
#define ESC_QUOTE  0x08u
#define CT_FIRST   0x20u   /* CHARTYPE_FIRST_ESC_2253 */
#define CT_LAST    0x40u   /* CHARTYPE_LAST_ESC_2253 */
#define CT_BS_ESC  (ESC_2253 | CT_FIRST | CT_LAST)
#define ONELINE_FLAGS (ESC_2253 | ESC_CTRL | ESC_MSB | ESC_QUOTE | 0x10u /* UTF8_CONVERT */)

static const unsigned short CHAR_TYPE[128] = {
    1026, 2, 2, 2, 2, 2, 2, 2, 2, 2, 1026, 2, 2, 2, 2, 2,
    2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2,
    120, 0, 1, 40, 0, 0, 0, 16, 16, 16, 0, 25, 25, 16, 16, 16,
    16, 16, 16, 16, 16, 16, 16, 16, 16, 16, 16, 9, 9, 16, 9, 16,
    0, 16, 16, 16, 16, 16, 16, 16, 16, 16, 16, 16, 16, 16, 16, 16,
    16, 16, 16, 16, 16, 16, 16, 16, 16, 16, 16, 0, 1, 0, 0, 0,
    0, 16, 16, 16, 16, 16, 16, 16, 16, 16, 16, 16, 16, 16, 16, 16,
    16, 16, 16, 16, 16, 16, 16, 16, 16, 16, 16, 0, 0, 0, 0, 2
};

/* do_esc_char() for one octet; sets *quotes instead of escaping when the
 * character only needs quoting.  out NULL: measure only. */
static void esc_octet(x509_text *t, uint8_t c, unsigned flags, int *quotes)
{
    unsigned chflgs = c > 0x7F ? (flags & ESC_MSB) : (CHAR_TYPE[c] & flags);
    if (chflgs & CT_BS_ESC) {
        if (chflgs & ESC_QUOTE) {
            *quotes = 1;
            if (t) x509_text_put(t, &c, 1);
            return;
        }
        if (t) {
            x509_text_put(t, "\\", 1);
            x509_text_put(t, &c, 1);
        }
        return;
    }
    if (chflgs & (ESC_CTRL | ESC_MSB)) {
        if (t) x509_text_printf(t, "\\%02X", c);
        return;
    }
    if (c == '\\') {
        if (t) x509_text_put(t, "\\\\", 2);
        return;
    }
    if (t) x509_text_put(t, &c, 1);
}

/* do_buf(): the characters of the value, each as UTF-8 octets, escaped. */
static int esc_string(x509_text *t, const x509_ava *a, int width, int *quotes)
{
    const uint8_t *s = a->value.p;
    size_t n = a->value.len, i = 0;
    int conv = width != 0;                    /* a UTF8String is taken octet by octet */
    if (width == 0)
        width = 1;
    if ((width == 2 && n % 2) || (width == 4 && n % 4))
        return 0;
    while (i < n) {
        unsigned orflags = i == 0 ? CT_FIRST : 0;
        long c = next_char(s, n, width, &i);
        if (c < 0 || c > 0x10FFFF)
            return 0;
        if (i == n)
            orflags = CT_LAST;
        if (conv) {
            uint8_t u[4];
            size_t k = utf8_put(c, u);
            for (size_t j = 0; j < k; j++)
                esc_octet(t, u[j], ONELINE_FLAGS | orflags, quotes);
        } else {
            esc_octet(t, (uint8_t)c, ONELINE_FLAGS | orflags, quotes);
        }
    }
    return 1;
}

/* do_print_ex() with the oneline flags: a string, quoted if needed, or
 * "#" and the hex of its DER when it is not a string type (DUMP_UNKNOWN). */
static void print_value(x509_text *t, const x509_ava *a)
{
    int width = char_width(a->tag), quotes = 0;
    if (width >= 0 && esc_string(NULL, a, width, &quotes)) {
        if (quotes) x509_text_put(t, "\"", 1);
        esc_string(t, a, width, &quotes);
        if (quotes) x509_text_put(t, "\"", 1);
        return;
    }
    x509_text_put(t, "#", 1);
    for (size_t i = 0; i < a->value_der.len; i++)
        x509_text_printf(t, "%02X", a->value_der.p[i]);
}

static void print_type(x509_text *t, const x509_ava *a, int short_names)
{
    const char *sn = short_names ? x509_oid_sn(a->type.p, a->type.len) : NULL;
    char dotted[96];
    if (sn == NULL) {
        der_oid_to_text(a->type.p, a->type.len, dotted, sizeof dotted);
        sn = dotted;
    }
    x509_text_puts(t, sn);
}

/* X509_NAME_print_ex(..., XN_FLAG_ONELINE): "C = FR, O = Class CA, CN = Root". */
void x509_name_text(x509_text *t, const x509_bytes *name)
{
    x509_name_iter it;
    x509_ava a;
    int first = 1;
    x509_name_iter_init(&it, name);
    while (x509_name_next(&it, &a)) {
        if (!first)
            x509_text_puts(t, a.same_rdn ? " + " : ", ");
        first = 0;
        print_type(t, &a, 1);
        x509_text_puts(t, " = ");
        print_value(t, &a);
    }
}

/* X509_NAME_oneline(): "/C=FR/O=Class CA/CN=Root", octets outside
 * ' '..'~' as \xHH (used for DirName: in extensions). */
void x509_name_text_slash(x509_text *t, const x509_bytes *name)
{
    x509_name_iter it;
    x509_ava a;
    x509_name_iter_init(&it, name);
    while (x509_name_next(&it, &a)) {
        x509_text_put(t, "/", 1);
        print_type(t, &a, 1);
        x509_text_put(t, "=", 1);
        const uint8_t *q = a.value.p;
        size_t num = a.value.len;
        int doit[4] = {1, 1, 1, 1};
        if (a.tag == 0x1B /* GeneralString */ && num % 4 == 0) {   /* OpenSSL's UCS-4 guess */
            int nz[4] = {0, 0, 0, 0};
            for (size_t j = 0; j < num; j++)
                if (q[j] != 0)
                    nz[j & 3] = 1;
            if (!(nz[0] | nz[1] | nz[2]))
                doit[0] = doit[1] = doit[2] = 0;
        }
        for (size_t j = 0; j < num; j++) {
            if (!doit[j & 3])
                continue;
            uint8_t c = q[j];
            if (c < ' ' || c > '~')
                x509_text_printf(t, "\\x%02X", c);
            else
                x509_text_put(t, &c, 1);
        }
    }
}

size_t x509_name_format(const x509_bytes *name, int slash, char *out, size_t cap)
{
    x509_text t;
    x509_text_buf(&t, out, cap);
    if (slash)
        x509_name_text_slash(&t, name);
    else
        x509_name_text(&t, name);
    return t.len;
}
