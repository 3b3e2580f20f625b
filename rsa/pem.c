/*
 * rsa/pem.c -- PEM armour (RFC 7468).  See rsa/pem.h.
 */
#include <string.h>
#include "common/ct.h"
#include "common/hex.h"
#include "rsa/pem.h"

#define PEM_LINE 64        /* RFC 7468 §2: 64 characters per line */
#define PEM_LINE_MAX 76    /* longest body line accepted on reading */

static const char BEGIN[] = "-----BEGIN ";
static const char END[] = "-----END ";
static const char DASHES[] = "-----";

size_t pem_encoded_len(const char *label, size_t der_len)
{
    size_t b64 = cl_base64_len(der_len);
    size_t lines = (b64 + PEM_LINE - 1) / PEM_LINE;
    size_t ll = strlen(label);
    return (sizeof BEGIN - 1) + ll + (sizeof DASHES - 1) + 1
         + b64 + lines
         + (sizeof END - 1) + ll + (sizeof DASHES - 1) + 1;
}

cl_status pem_encode(const char *label, const uint8_t *der, size_t der_len,
                     char *out, size_t cap, size_t *out_len)
{
    if (label == NULL || out == NULL || out_len == NULL || (der == NULL && der_len != 0))
        return CL_ERR_NULL_POINTER;
    size_t ll = strlen(label), need = pem_encoded_len(label, der_len);
    if (ll == 0 || ll >= PEM_LABEL_MAX)
        return CL_ERR_BAD_ARGUMENT;
    if (cap < need + 1)
        return CL_ERR_OUTPUT_SPACE;
    size_t o = 0;
    memcpy(out + o, BEGIN, sizeof BEGIN - 1); o += sizeof BEGIN - 1;
    memcpy(out + o, label, ll);               o += ll;
    memcpy(out + o, DASHES, sizeof DASHES - 1); o += sizeof DASHES - 1;
    out[o++] = '\n';
    /* Encode 48 input octets (64 characters) per line. */
    for (size_t i = 0; i < der_len; i += 48) {
        size_t n = der_len - i < 48 ? der_len - i : 48;
        cl_base64_encode(der + i, n, out + o);
        o += cl_base64_len(n);
        out[o++] = '\n';
    }
    memcpy(out + o, END, sizeof END - 1);     o += sizeof END - 1;
    memcpy(out + o, label, ll);               o += ll;
    memcpy(out + o, DASHES, sizeof DASHES - 1); o += sizeof DASHES - 1;
    out[o++] = '\n';
    out[o] = '\0';
    *out_len = o;
    return CL_OK;
}

/* One line [start, end) without its LF (and without a CR before it). */
struct line {
    const char *p;
    size_t n;
};

static int next_line(const char *text, size_t len, size_t *pos, struct line *l)
{
    if (*pos >= len)
        return 0;
    const char *s = text + *pos;
    const char *nl = memchr(s, '\n', len - *pos);
    size_t n = nl ? (size_t)(nl - s) : len - *pos;
    *pos += n + (nl ? 1 : 0);
    if (n > 0 && s[n - 1] == '\r')
        n--;
    l->p = s;
    l->n = n;
    return 1;
}

static int starts_with(const struct line *l, const char *prefix)
{
    size_t k = strlen(prefix);
    return l->n >= k && memcmp(l->p, prefix, k) == 0;
}

/* "-----BEGIN LABEL-----" -> label; RFC 7468 §3 label characters. */
static int parse_boundary(const struct line *l, const char *kind, const char **lab, size_t *ll)
{
    size_t k = strlen(kind), d = sizeof DASHES - 1;
    if (!starts_with(l, kind) || l->n < k + d || memcmp(l->p + l->n - d, DASHES, d) != 0)
        return 0;
    *lab = l->p + k;
    *ll = l->n - k - d;
    /* labelchar = %x21-2C / %x2E-7E; '-' or ' ' only between labelchars. */
    for (size_t i = 0; i < *ll; i++) {
        char c = (*lab)[i];
        int labelchar = c >= 0x21 && c <= 0x7E && c != '-';
        int inner = (c == '-' || c == ' ') && i > 0 && i + 1 < *ll;
        if (!labelchar && !inner)
            return 0;
    }
    return 1;
}

int pem_detect(const uint8_t *text, size_t len)
{
    const char *t = (const char *)text;
    size_t pos = 0;
    struct line l;
    while (next_line(t, len, &pos, &l))
        if (starts_with(&l, BEGIN))
            return 1;
    return 0;
}

/* --- base64 decoding without secret-dependent branches or lookups ---------
 * A private key's PEM body is secret, so each character is mapped to its
 * 6-bit value (RFC 4648 §4 alphabet) with arithmetic masks only. */

/* 0xFFFFFFFF if lo <= x <= hi, 0 otherwise (x, lo, hi < 2^31). */
static uint32_t ct_in_range(uint32_t x, uint32_t lo, uint32_t hi)
{
    uint32_t outside = ((x - lo) >> 31) | ((hi - x) >> 31);
    return (outside ^ 1u) * 0xFFFFFFFFu;
}

/* Value of an alphabet character in *v; returns the "valid" mask. */
static uint32_t b64_value_ct(uint8_t c, uint32_t *v)
{
    uint32_t x = c;
    uint32_t upper = ct_in_range(x, 'A', 'Z'), lower = ct_in_range(x, 'a', 'z');
    uint32_t digit = ct_in_range(x, '0', '9');
    uint32_t plus = ct_in_range(x, '+', '+'), slash = ct_in_range(x, '/', '/');
    *v = (upper & (x - 'A')) | (lower & (x - 'a' + 26)) | (digit & (x - '0' + 52)) |
         (plus & 62u) | (slash & 63u);
    return upper | lower | digit | plus | slash;
}

struct b64_state {
    uint32_t quad;       /* up to four 6-bit values */
    unsigned nquad;      /* how many are in quad */
    size_t nchars;       /* characters seen (a multiple of 4 at the end) */
    unsigned npad;       /* '=' seen */
    uint32_t bad_char;   /* nonzero: a character outside the alphabet */
    uint32_t after_pad;  /* nonzero: data after '=' */
    uint32_t tail_bits;  /* nonzero: bits of a padded group that are not zero */
    size_t out;          /* octets written */
};

/* Feeds one line of base64; writes whole groups to der.  The only branches
 * are on the group count and the padding count, which the public length of
 * the data fixes. */
static cl_status b64_feed(struct b64_state *b, const char *p, size_t n, uint8_t *der, size_t cap)
{
    for (size_t i = 0; i < n; i++) {
        uint32_t v, c = (uint8_t)p[i];
        uint32_t valid = b64_value_ct((uint8_t)c, &v);
        uint32_t eq = ct_in_range(c, '=', '=');
        uint32_t pad_seen = 0u - (uint32_t)(b->npad != 0);
        b->bad_char |= ~(valid | eq);
        b->after_pad |= pad_seen & ~eq;
        b->npad += eq & 1u;
        b->quad = (b->quad << 6) | (v & valid);
        b->nchars++;
        if (++b->nquad == 4) {
            /* the '=' of this group are counted in npad; keep 3 - npad octets */
            unsigned keep = b->npad >= 3 ? 0 : 3 - b->npad;
            if (keep > cap - b->out)
                return CL_ERR_OUTPUT_SPACE;
            uint8_t o[3] = {(uint8_t)(b->quad >> 16), (uint8_t)(b->quad >> 8), (uint8_t)b->quad};
            for (unsigned k = keep; k < 3; k++)      /* RFC 4648 §3.5: unused bits are zero */
                b->tail_bits |= o[k];
            memcpy(der + b->out, o, keep);
            b->out += keep;
            b->quad = 0;
            b->nquad = 0;
        }
    }
    return CL_OK;
}

static cl_status bad(const char **why, const char *reason)
{
    if (why != NULL)
        *why = reason;
    return CL_ERR_PEM;
}

cl_status pem_decode(const uint8_t *text, size_t len, char label[PEM_LABEL_MAX],
                     uint8_t *der, size_t cap, size_t *der_len, const char **why)
{
    size_t pos = 0;
    return pem_decode_next(text, len, &pos, label, der, cap, der_len, why);
}

cl_status pem_decode_next(const uint8_t *text, size_t len, size_t *at, char label[PEM_LABEL_MAX],
                          uint8_t *der, size_t cap, size_t *der_len, const char **why)
{
    if (text == NULL || at == NULL || label == NULL || der_len == NULL || (der == NULL && cap != 0))
        return CL_ERR_NULL_POINTER;
    const char *t = (const char *)text;
    size_t pos = *at;
    struct line l;
    const char *lab = NULL;
    size_t ll = 0;

    /* Text before the armour is skipped (RFC 7468 §2). */
    for (;;) {
        if (!next_line(t, len, &pos, &l))
            return bad(why, "no \"-----BEGIN ...-----\" line");
        if (starts_with(&l, BEGIN)) {
            if (!parse_boundary(&l, BEGIN, &lab, &ll))
                return bad(why, "malformed BEGIN line");
            break;
        }
    }
    if (ll == 0 || ll >= PEM_LABEL_MAX)
        return bad(why, "BEGIN line has an empty or overlong label");
    memcpy(label, lab, ll);
    label[ll] = '\0';

    struct b64_state b;
    memset(&b, 0, sizeof b);
    int lines = 0;
    cl_status st = CL_OK;
    for (;;) {
        if (!next_line(t, len, &pos, &l)) {
            st = bad(why, "no END line (truncated?)");
            break;
        }
        if (starts_with(&l, END)) {
            const char *el;
            size_t el_len;
            if (!parse_boundary(&l, END, &el, &el_len))
                st = bad(why, "malformed END line");
            else if (el_len != ll || memcmp(el, lab, ll) != 0)
                st = bad(why, "END label does not match the BEGIN label");
            break;
        }
        if (memchr(l.p, ':', l.n) != NULL) {
            st = bad(why, "legacy PEM encryption (RFC 1421 \"Proc-Type:\" headers) is not supported; use encrypted PKCS#8");
            break;
        }
        if (l.n == 0) {
            st = bad(why, "empty line inside the PEM body");
            break;
        }
        if (l.n > PEM_LINE_MAX) {
            st = bad(why, "PEM body line longer than 76 characters");
            break;
        }
        if ((st = b64_feed(&b, l.p, l.n, der, cap)) != CL_OK)
            break;
        lines++;
    }
    if (st == CL_OK) {
        if (b.bad_char)
            st = bad(why, "invalid character in the base64 body");
        else if (b.after_pad)
            st = bad(why, "base64 data after the '=' padding");
        else if (b.nchars % 4 != 0 || b.npad > 2 || b.tail_bits)
            st = bad(why, "invalid base64 in the PEM body (length or padding)");
        else if (lines == 0 || b.out == 0)
            st = bad(why, "empty PEM body");
    }
    if (st != CL_OK) {
        if (der != NULL)
            cl_wipe(der, b.out);
        return st;
    }
    *der_len = b.out;
    *at = pos;
    return CL_OK;
}
