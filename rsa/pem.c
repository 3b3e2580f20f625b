/*
 * rsa/pem.c -- PEM armour (RFC 7468).  See rsa/pem.h.
 */
#include <string.h>
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

static int is_b64_char(char c)
{
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
           c == '+' || c == '/' || c == '=';
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
    if (text == NULL || label == NULL || der_len == NULL || (der == NULL && cap != 0))
        return CL_ERR_NULL_POINTER;
    const char *t = (const char *)text;
    size_t pos = 0;
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

    size_t body = pos, body_end = 0;
    int seen_pad = 0, lines = 0;
    for (;;) {
        size_t line_start = pos;
        if (!next_line(t, len, &pos, &l))
            return bad(why, "no END line (truncated?)");
        if (starts_with(&l, END)) {
            const char *el;
            size_t el_len;
            if (!parse_boundary(&l, END, &el, &el_len))
                return bad(why, "malformed END line");
            if (el_len != ll || memcmp(el, lab, ll) != 0)
                return bad(why, "END label does not match the BEGIN label");
            body_end = line_start;
            break;
        }
        if (memchr(l.p, ':', l.n) != NULL)
            return bad(why, "PEM headers (RFC 1421 encryption, \"Proc-Type:\") are not supported");
        if (l.n == 0)
            return bad(why, "empty line inside the PEM body");
        if (l.n > PEM_LINE_MAX)
            return bad(why, "PEM body line longer than 76 characters");
        if (seen_pad)
            return bad(why, "base64 data after the '=' padding");
        for (size_t i = 0; i < l.n; i++) {
            if (!is_b64_char(l.p[i]))
                return bad(why, "invalid character in the base64 body");
            if (l.p[i] == '=')
                seen_pad = 1;
        }
        lines++;
    }
    if (lines == 0)
        return bad(why, "empty PEM body");
    cl_status st = cl_base64_decode(t + body, body_end - body, der, cap, der_len);
    if (st == CL_ERR_OUTPUT_SPACE)
        return st;
    if (st != CL_OK)
        return bad(why, "invalid base64 in the PEM body");
    if (*der_len == 0)
        return bad(why, "empty PEM body");
    return CL_OK;
}
