/*
 * rsa/x509/x509_conf.c -- OpenSSL's text syntaxes for what goes into a
 * certificate, so that `cryptolab req` and `cryptolab x509` take the same
 * arguments as openssl's:
 *   -subj "/C=FR/O=Class/CN=www.example.com"        (x509_name_from_subj)
 *   -addext "subjectAltName=DNS:a.example,IP:10.0.0.1"
 *   -extfile FILE -extensions SECTION               (openssl.cnf sections)
 * The extension values follow x509v3_config(5): basicConstraints
 * "critical,CA:TRUE,pathlen:N"; keyUsage and extendedKeyUsage as lists of
 * names; subjectAltName "DNS:", "IP:", "email:", "URI:" entries or
 * "@section"; subjectKeyIdentifier "hash", "none" or hex; authorityKeyIdentifier
 * "keyid[:always],issuer[:always]"; and any OID with "DER:hex" (written as it is).
 */
#include <ctype.h>
#include <string.h>
#include "common/hex.h"
#include "rsa/x509/x509_internal.h"
#include "rsa/x509/x509_write.h"

void x509_ext_spec_init(x509_ext_spec *s)
{
    memset(s, 0, sizeof *s);
    s->path_len = -1;
}

static cl_status bad(const char **why, const char *reason)
{
    if (why != NULL)
        *why = reason;
    return CL_ERR_PARSE;
}

/* Copies n octets into the spec's own storage. */
static const uint8_t *keep(x509_ext_spec *s, const void *p, size_t n)
{
    if (n > sizeof s->store - s->used)
        return NULL;
    uint8_t *d = s->store + s->used;
    memcpy(d, p, n);
    s->used += n;
    return d;
}

static int same(const char *a, size_t n, const char *lit)
{
    return strlen(lit) == n && strncasecmp(a, lit, n) == 0;
}

static void trim(const char **p, size_t *n)
{
    while (*n > 0 && isspace((unsigned char)**p)) {
        (*p)++;
        (*n)--;
    }
    while (*n > 0 && isspace((unsigned char)(*p)[*n - 1]))
        (*n)--;
}

/* Next comma-separated item of [*p, end). */
static int next_item(const char **p, const char *end, const char **item, size_t *n)
{
    if (*p >= end)
        return 0;
    const char *c = memchr(*p, ',', (size_t)(end - *p));
    if (c == NULL)
        c = end;
    *item = *p;
    *n = (size_t)(c - *p);
    *p = c < end ? c + 1 : end;
    trim(item, n);
    return 1;
}

static void mark(x509_ext_spec *s, unsigned bit, int critical)
{
    if (!(s->set & bit) && s->nall < sizeof s->order_all / sizeof s->order_all[0])
        s->order_all[s->nall++] = bit;
    s->set |= bit;
    if (critical)
        s->critical |= bit;
    else
        s->critical &= ~bit;
}

static cl_status basic_constraints(x509_ext_spec *s, const char *v, const char *end, int *crit, const char **why)
{
    const char *it;
    size_t n;
    s->ca = 0;
    s->path_len = -1;
    while (next_item(&v, end, &it, &n)) {
        if (same(it, n, "critical"))
            *crit = 1;
        else if (same(it, n, "CA:TRUE"))
            s->ca = 1;
        else if (same(it, n, "CA:FALSE"))
            s->ca = 0;
        else if (n > 8 && strncasecmp(it, "pathlen:", 8) == 0) {
            long pl = 0;
            for (size_t i = 8; i < n; i++) {
                if (!isdigit((unsigned char)it[i]) || pl > 100000)
                    return bad(why, "basicConstraints pathlen must be a number");
                pl = pl * 10 + (it[i] - '0');
            }
            s->path_len = (int)pl;
        } else {
            return bad(why, "basicConstraints: use critical, CA:TRUE, CA:FALSE, pathlen:N");
        }
    }
    if (s->path_len >= 0 && !s->ca)
        return bad(why, "basicConstraints pathlen needs CA:TRUE (RFC 5280 4.2.1.9)");
    return CL_OK;
}

static const char *const KU[9] = {"digitalSignature", "nonRepudiation", "keyEncipherment",
                                  "dataEncipherment", "keyAgreement", "keyCertSign", "cRLSign",
                                  "encipherOnly", "decipherOnly"};

static cl_status key_usage(x509_ext_spec *s, const char *v, const char *end, int *crit, const char **why)
{
    const char *it;
    size_t n;
    s->key_usage = 0;
    while (next_item(&v, end, &it, &n)) {
        if (same(it, n, "critical")) {
            *crit = 1;
            continue;
        }
        size_t b;
        for (b = 0; b < 9; b++)
            if (same(it, n, KU[b]))
                break;
        if (b == 9)
            return bad(why, "keyUsage: unknown bit (digitalSignature, nonRepudiation, keyEncipherment, "
                            "dataEncipherment, keyAgreement, keyCertSign, cRLSign, encipherOnly, decipherOnly)");
        s->key_usage |= 1u << b;
    }
    if (s->key_usage == 0)
        return bad(why, "keyUsage needs at least one bit (RFC 5280 4.2.1.3)");
    return CL_OK;
}

static const struct { const char *name; unsigned bit; } EKU[] = {
    {"serverAuth", X509_EKU_SERVER_AUTH}, {"clientAuth", X509_EKU_CLIENT_AUTH},
    {"codeSigning", X509_EKU_CODE_SIGNING}, {"emailProtection", X509_EKU_EMAIL},
    {"timeStamping", X509_EKU_TIME_STAMPING}, {"OCSPSigning", X509_EKU_OCSP_SIGNING},
    {"anyExtendedKeyUsage", X509_EKU_ANY},
};

static cl_status ext_key_usage(x509_ext_spec *s, const char *v, const char *end, int *crit, const char **why)
{
    const char *it;
    size_t n;
    s->neku = 0;
    while (next_item(&v, end, &it, &n)) {
        if (same(it, n, "critical")) {
            *crit = 1;
            continue;
        }
        if (s->neku == X509_SPEC_MAX_EKU)
            return bad(why, "extendedKeyUsage: too many purposes");
        const uint8_t *oid = NULL;
        size_t ol = 0;
        for (size_t k = 0; k < sizeof EKU / sizeof EKU[0] && oid == NULL; k++)
            if (same(it, n, EKU[k].name))
                oid = x509_eku_oid(EKU[k].bit, &ol);
        uint8_t tmp[X509_OID_MAX];
        if (oid == NULL && (ol = x509_oid_from_text(it, n, tmp, sizeof tmp)) != 0)
            oid = tmp;
        if (oid == NULL)
            return bad(why, "extendedKeyUsage: unknown purpose (serverAuth, clientAuth, codeSigning, "
                            "emailProtection, timeStamping, OCSPSigning, anyExtendedKeyUsage or an OID)");
        if ((s->eku[s->neku].p = keep(s, oid, ol)) == NULL)
            return bad(why, "too many extension values");
        s->eku[s->neku++].len = ol;
    }
    if (s->neku == 0)
        return bad(why, "extendedKeyUsage needs at least one purpose");
    return CL_OK;
}

/* One "TYPE:value" (or "TYPE.N = value" from an @section) of subjectAltName. */
static cl_status san_entry(x509_ext_spec *s, const char *type, size_t tl, const char *val, size_t vl,
                           const char **why)
{
    if (s->nsan == X509_SPEC_MAX_SAN)
        return bad(why, "subjectAltName: too many names");
    x509_general_name *gn = &s->san[s->nsan];
    if (same(type, tl, "DNS"))
        gn->type = X509_GN_DNS;
    else if (same(type, tl, "email"))
        gn->type = X509_GN_EMAIL;
    else if (same(type, tl, "URI"))
        gn->type = X509_GN_URI;
    else if (same(type, tl, "IP"))
        gn->type = X509_GN_IP;
    else
        return bad(why, "subjectAltName: supported types are DNS:, IP:, email:, URI:");
    if (vl == 0)
        return bad(why, "subjectAltName: empty name");
    if (gn->type == X509_GN_IP) {
        char ip[64];
        uint8_t a[16];
        size_t al;
        if (vl >= sizeof ip)
            return bad(why, "subjectAltName: not an IP address");
        memcpy(ip, val, vl);
        ip[vl] = '\0';
        if ((al = x509_parse_ip(ip, a)) == 0)
            return bad(why, "subjectAltName: IP: needs an IPv4 or IPv6 address");
        gn->value.p = keep(s, a, al);
        gn->value.len = al;
    } else {
        for (size_t i = 0; i < vl; i++)
            if ((unsigned char)val[i] >= 0x80)
                return bad(why, "subjectAltName: names must be ASCII (IA5String); use the A-label (xn--) form");
        gn->value.p = keep(s, val, vl);
        gn->value.len = vl;
    }
    if (gn->value.p == NULL)
        return bad(why, "too many extension values");
    s->nsan++;
    return CL_OK;
}

/* The "name = value" lines of a section's text, one at a time. */
struct conf_line {
    const char *name, *value;
    size_t nl, vl;
};

static int next_conf_line(const char **p, const char *end, struct conf_line *l, int *header,
                          size_t *lineno, const char **why)
{
    while (*p < end) {
        const char *s = *p;
        const char *e = memchr(s, '\n', (size_t)(end - s));
        if (e == NULL)
            e = end;
        *p = e < end ? e + 1 : end;
        (*lineno)++;
        const char *hash = memchr(s, '#', (size_t)(e - s));
        if (hash != NULL)
            e = hash;
        size_t n = (size_t)(e - s);
        trim(&s, &n);
        if (n == 0)
            continue;
        if (s[0] == '[') {
            if (s[n - 1] != ']') {
                *why = "section header without ']'";
                return -1;
            }
            l->name = s + 1;
            l->nl = n - 2;
            trim(&l->name, &l->nl);
            *header = 1;
            return 1;
        }
        const char *eq = memchr(s, '=', n);
        if (eq == NULL) {
            *why = "line without '='";
            return -1;
        }
        l->name = s;
        l->nl = (size_t)(eq - s);
        l->value = eq + 1;
        l->vl = n - l->nl - 1;
        trim(&l->name, &l->nl);
        trim(&l->value, &l->vl);
        if (l->vl >= 2 && l->value[0] == '"' && l->value[l->vl - 1] == '"') {
            l->value++;
            l->vl -= 2;
        }
        *header = 0;
        return 1;
    }
    return 0;
}

static cl_status subject_alt_name(x509_ext_spec *s, const char *v, const char *end, int *crit,
                                  x509_conf_lookup lookup, void *arg, const char **why)
{
    const char *it;
    size_t n;
    s->nsan = 0;
    while (next_item(&v, end, &it, &n)) {
        if (same(it, n, "critical")) {
            *crit = 1;
            continue;
        }
        if (n > 1 && it[0] == '@') {          /* the [alt_names] idiom */
            size_t tl = 0, lineno = 0;
            const char *text = lookup ? lookup(arg, it + 1, n - 1, &tl) : NULL;
            if (text == NULL)
                return bad(why, "subjectAltName: @section not found");
            const char *p = text, *tend = text + tl;
            struct conf_line l;
            int header, r;
            while ((r = next_conf_line(&p, tend, &l, &header, &lineno, why)) == 1) {
                if (header)
                    break;
                const char *dot = memchr(l.name, '.', l.nl);
                size_t typelen = dot ? (size_t)(dot - l.name) : l.nl;
                cl_status st = san_entry(s, l.name, typelen, l.value, l.vl, why);
                if (st != CL_OK)
                    return st;
            }
            if (r < 0)
                return CL_ERR_PARSE;
            continue;
        }
        const char *colon = memchr(it, ':', n);
        if (colon == NULL)
            return bad(why, "subjectAltName entries are TYPE:value (DNS:, IP:, email:, URI:)");
        cl_status st = san_entry(s, it, (size_t)(colon - it), colon + 1, n - (size_t)(colon - it) - 1, why);
        if (st != CL_OK)
            return st;
    }
    if (s->nsan == 0)
        return bad(why, "subjectAltName needs at least one name");
    return CL_OK;
}

static cl_status hex_value(x509_ext_spec *s, const char *it, size_t n, x509_bytes *out, const char **why)
{
    char hex[1024];
    uint8_t bin[512];
    size_t bl = 0, k = 0;
    for (size_t i = 0; i < n && k + 1 < sizeof hex; i++)
        if (it[i] != ':')
            hex[k++] = it[i];
    hex[k] = '\0';
    if (cl_hex_decode(hex, bin, sizeof bin, &bl) != CL_OK || bl == 0)
        return bad(why, "expected hexadecimal octets");
    if ((out->p = keep(s, bin, bl)) == NULL)
        return bad(why, "too many extension values");
    out->len = bl;
    return CL_OK;
}

static cl_status key_ids(x509_ext_spec *s, unsigned bit, const char *v, const char *end, int *crit,
                         const char **why)
{
    const char *it;
    size_t n;
    if (bit == X509_EXT_SUBJECT_KEY_ID) {
        s->ski_hash = 0;
        s->ski.len = 0;
    } else {
        s->aki = 0;
    }
    while (next_item(&v, end, &it, &n)) {
        if (same(it, n, "critical")) {
            *crit = 1;
        } else if (bit == X509_EXT_SUBJECT_KEY_ID) {
            if (same(it, n, "hash"))
                s->ski_hash = 1;
            else if (hex_value(s, it, n, &s->ski, why) != CL_OK)
                return bad(why, "subjectKeyIdentifier: hash, none, or hexadecimal octets");
        } else if (same(it, n, "keyid")) {
            s->aki |= X509_AKI_KEYID;
        } else if (same(it, n, "keyid:always")) {
            s->aki |= X509_AKI_KEYID | X509_AKI_KEYID_ALWAYS;
        } else if (same(it, n, "issuer")) {
            s->aki |= X509_AKI_ISSUER;
        } else if (same(it, n, "issuer:always")) {
            s->aki |= X509_AKI_ISSUER | X509_AKI_ISSUER_ALWAYS;
        } else {
            return bad(why, "authorityKeyIdentifier: keyid, keyid:always, issuer, issuer:always, none");
        }
    }
    return CL_OK;
}

static void unset(x509_ext_spec *s, unsigned bit)
{
    s->set &= ~bit;
    s->critical &= ~bit;
    for (size_t i = 0; i < s->nall; i++)
        if (s->order_all[i] == bit) {
            memmove(&s->order_all[i], &s->order_all[i + 1], (s->nall - i - 1) * sizeof s->order_all[0]);
            s->nall--;
            break;
        }
}

/* "1.2.3.4 = [critical,]DER:hex": an extension we write as given. */
static cl_status raw_extension(x509_ext_spec *s, const char *name, size_t nl, const char *v, const char *end,
                               const char **why)
{
    uint8_t oid[X509_OID_MAX], der[600];
    size_t ol = x509_oid_from_text(name, nl, oid, sizeof oid);
    const char *it;
    size_t n;
    int crit = 0;
    x509_bytes value = {NULL, 0};
    if (ol == 0)
        return bad(why, "unknown extension (basicConstraints, keyUsage, extendedKeyUsage, subjectAltName, "
                        "subjectKeyIdentifier, authorityKeyIdentifier, or OID = DER:hex)");
    while (next_item(&v, end, &it, &n)) {
        if (same(it, n, "critical"))
            crit = 1;
        else if (n > 4 && strncasecmp(it, "DER:", 4) == 0) {
            if (hex_value(s, it + 4, n - 4, &value, why) != CL_OK)
                return CL_ERR_PARSE;
        } else {
            return bad(why, "an extension given by OID takes [critical,]DER:hex");
        }
    }
    if (value.p == NULL)
        return bad(why, "an extension given by OID takes [critical,]DER:hex");
    if (s->nraw == X509_SPEC_MAX_RAW)
        return bad(why, "too many extensions");
    der_writer w;
    der_writer_init(&w, der, sizeof der);
    der_begin(&w, DER_SEQUENCE);
      der_write_tlv(&w, DER_OID, oid, ol);
      if (crit)
          der_write_boolean(&w, 1);
      der_write_tlv(&w, DER_OCTET_STRING, value.p, value.len);
    der_end(&w);
    size_t dl;
    if (der_writer_result(&w, &dl) != CL_OK || (s->raw[s->nraw].p = keep(s, der, dl)) == NULL)
        return bad(why, "extension value too long");
    s->raw[s->nraw].len = dl;
    if (s->nall < sizeof s->order_all / sizeof s->order_all[0])
        s->order_all[s->nall++] = 0x100u + (unsigned)s->nraw;
    s->nraw++;
    return CL_OK;
}

cl_status x509_ext_spec_add(x509_ext_spec *s, const char *name, size_t nl, const char *value, size_t vl,
                            x509_conf_lookup lookup, void *arg, const char **why)
{
    static const struct { const char *name; unsigned bit; } NAMES[] = {
        {"basicConstraints", X509_EXT_BASIC_CONSTRAINTS}, {"keyUsage", X509_EXT_KEY_USAGE},
        {"extendedKeyUsage", X509_EXT_EXT_KEY_USAGE}, {"subjectAltName", X509_EXT_SUBJECT_ALT_NAME},
        {"subjectKeyIdentifier", X509_EXT_SUBJECT_KEY_ID}, {"authorityKeyIdentifier", X509_EXT_AUTHORITY_KEY_ID},
    };
    if (s == NULL || name == NULL || value == NULL)
        return CL_ERR_NULL_POINTER;
    trim(&name, &nl);
    trim(&value, &vl);
    const char *end = value + vl;
    unsigned bit = 0;
    for (size_t k = 0; k < sizeof NAMES / sizeof NAMES[0]; k++)
        if (same(name, nl, NAMES[k].name))
            bit = NAMES[k].bit;
    if (bit == 0)
        return raw_extension(s, name, nl, value, end, why);
    if (same(value, vl, "none")) {
        unset(s, bit);
        return CL_OK;
    }
    int crit = 0;
    cl_status st;
    switch (bit) {
    case X509_EXT_BASIC_CONSTRAINTS: st = basic_constraints(s, value, end, &crit, why); break;
    case X509_EXT_KEY_USAGE:         st = key_usage(s, value, end, &crit, why); break;
    case X509_EXT_EXT_KEY_USAGE:     st = ext_key_usage(s, value, end, &crit, why); break;
    case X509_EXT_SUBJECT_ALT_NAME:  st = subject_alt_name(s, value, end, &crit, lookup, arg, why); break;
    default:                         st = key_ids(s, bit, value, end, &crit, why); break;
    }
    if (st != CL_OK)
        return st;
    mark(s, bit, crit);
    return CL_OK;
}

cl_status x509_ext_spec_add_line(x509_ext_spec *s, const char *line, const char **why)
{
    if (s == NULL || line == NULL)
        return CL_ERR_NULL_POINTER;
    const char *eq = strchr(line, '=');
    if (eq == NULL)
        return bad(why, "expected name=value");
    return x509_ext_spec_add(s, line, (size_t)(eq - line), eq + 1, strlen(eq + 1), NULL, NULL, why);
}

struct conf_text {
    const char *text;
    size_t len;
};

/* The text of section `name` (after its header, up to the next header). */
static const char *find_section(void *arg, const char *name, size_t nl, size_t *text_len)
{
    const struct conf_text *c = arg;
    const char *p = c->text, *end = c->text + c->len, *why = NULL;
    struct conf_line l;
    int header;
    size_t lineno = 0;
    if (name == NULL) {
        *text_len = c->len;
        return c->text;
    }
    while (next_conf_line(&p, end, &l, &header, &lineno, &why) == 1)
        if (header && l.nl == nl && strncmp(l.name, name, nl) == 0) {
            *text_len = (size_t)(end - p);
            return p;
        }
    return NULL;
}

cl_status x509_ext_spec_from_conf(x509_ext_spec *s, const char *text, size_t len, const char *section,
                                  const char **why, size_t *line)
{
    struct conf_text c = {text, len};
    size_t tl = 0, lineno = 0;
    if (line != NULL)
        *line = 0;
    const char *body = find_section(&c, section, section ? strlen(section) : 0, &tl);
    if (body == NULL)
        return bad(why, "no such section in the file");
    size_t base = 0;
    for (const char *q = text; q < body; q++)
        base += *q == '\n';
    const char *p = body, *end = body + tl;
    struct conf_line l;
    int header, r;
    while ((r = next_conf_line(&p, end, &l, &header, &lineno, why)) == 1) {
        if (header)
            break;
        cl_status st = x509_ext_spec_add(s, l.name, l.nl, l.value, l.vl, find_section, &c, why);
        if (st != CL_OK) {
            if (line != NULL)
                *line = base + lineno;
            return st;
        }
    }
    if (r < 0) {
        if (line != NULL)
            *line = base + lineno;
        return CL_ERR_PARSE;
    }
    return CL_OK;
}

cl_status x509_ext_spec_copy(x509_ext_spec *s, const x509_exts *from)
{
    der_reader r;
    x509_extension x;
    static const uint8_t *const known[] = {X509_OID_BASIC_CONSTRAINTS, X509_OID_KEY_USAGE,
                                           X509_OID_EXT_KEY_USAGE, X509_OID_SUBJECT_ALT_NAME,
                                           X509_OID_SUBJECT_KEY_ID, X509_OID_AUTHORITY_KEY_ID};
    static const unsigned bits[] = {X509_EXT_BASIC_CONSTRAINTS, X509_EXT_KEY_USAGE, X509_EXT_EXT_KEY_USAGE,
                                    X509_EXT_SUBJECT_ALT_NAME, X509_EXT_SUBJECT_KEY_ID, X509_EXT_AUTHORITY_KEY_ID};
    x509_ext_iter_init(&r, &from->all);
    while (x509_ext_next(&r, &x)) {
        unsigned bit = 0;
        for (size_t k = 0; k < 6; k++)
            if (der_oid_eq(x.oid.p, x.oid.len, known[k], 3))
                bit = bits[k];
        if (bit != 0 && (s->set & bit))
            continue;                         /* the configuration wins */
        if (s->nraw == X509_SPEC_MAX_RAW || s->nall == sizeof s->order_all / sizeof s->order_all[0])
            return CL_ERR_OUTPUT_SPACE;
        if ((s->raw[s->nraw].p = keep(s, x.der.p, x.der.len)) == NULL)
            return CL_ERR_OUTPUT_SPACE;
        s->raw[s->nraw].len = x.der.len;
        s->order_all[s->nall++] = 0x100u + (unsigned)s->nraw;
        s->nraw++;
    }
    return CL_OK;
}

/* ------------------------------------------------------------ -subj */

/* ASN.1 PrintableString characters (X.680 §41.4). */
static int printable(unsigned c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
           (c != 0 && strchr(" '()+,-./:=?", (int)c) != NULL);
}

/* The limits of OpenSSL's ASN1_STRING_TABLE (a_strnid.c), in characters. */
static void limits(const uint8_t *oid, size_t ol, long *min, long *max)
{
    const char *sn = x509_oid_sn(oid, ol);
    *min = 1;
    *max = -1;
    if (sn == NULL)
        return;
    if (strcmp(sn, "C") == 0 || strcmp(sn, "jurisdictionC") == 0)
        *min = *max = 2;
    else if (strcmp(sn, "CN") == 0 || strcmp(sn, "O") == 0 || strcmp(sn, "OU") == 0 ||
             strcmp(sn, "serialNumber") == 0)
        *max = 64;
    else if (strcmp(sn, "L") == 0 || strcmp(sn, "ST") == 0 || strcmp(sn, "emailAddress") == 0)
        *max = 128;
    else if (strcmp(sn, "GN") == 0 || strcmp(sn, "SN") == 0 || strcmp(sn, "initials") == 0 ||
             strcmp(sn, "name") == 0)
        *max = 32768;
}

/* One AttributeTypeAndValue into w; the value converted as ASN1_mbstring_ncopy() would. */
static cl_status write_atv(der_writer *w, const uint8_t *oid, size_t ol, unsigned tag, const uint8_t *v,
                           size_t vl, int utf8, const char **why)
{
    uint8_t conv[4 * 256];
    size_t cl = 0;
    long chars = 0, min, max;
    size_t i = 0;
    while (i < vl) {
        unsigned c = v[i];
        size_t k = 1;
        if (utf8 && c >= 0x80) {             /* decode one UTF-8 character */
            int more = (c & 0xE0) == 0xC0 ? 1 : (c & 0xF0) == 0xE0 ? 2 : (c & 0xF8) == 0xF0 ? 3 : -1;
            if (more < 0 || i + (size_t)more >= vl)
                return bad(why, "invalid UTF-8 in a name");
            c &= 0x3Fu >> more;
            for (int m = 1; m <= more; m++) {
                if (i + (size_t)m >= vl || (v[i + (size_t)m] & 0xC0) != 0x80)
                    return bad(why, "invalid UTF-8 in a name");
                c = (c << 6) | (v[i + (size_t)m] & 0x3Fu);
            }
            k = (size_t)more + 1;
        }
        if (tag == DER_PRINTABLE_STRING && !printable(c))
            return bad(why, "a character not allowed in a PrintableString (C, serialNumber, dnQualifier)");
        if (tag == DER_IA5_STRING && c >= 0x80)
            return bad(why, "a non-ASCII character in an IA5String (emailAddress, DC)");
        if (cl + 4 > sizeof conv)
            return bad(why, "name attribute too long");
        if (tag != DER_UTF8_STRING || c < 0x80) {
            conv[cl++] = (uint8_t)c;
        } else if (c < 0x800) {
            conv[cl++] = (uint8_t)(0xC0 | (c >> 6));
            conv[cl++] = (uint8_t)(0x80 | (c & 0x3F));
        } else if (c < 0x10000) {
            conv[cl++] = (uint8_t)(0xE0 | (c >> 12));
            conv[cl++] = (uint8_t)(0x80 | ((c >> 6) & 0x3F));
            conv[cl++] = (uint8_t)(0x80 | (c & 0x3F));
        } else {
            conv[cl++] = (uint8_t)(0xF0 | (c >> 18));
            conv[cl++] = (uint8_t)(0x80 | ((c >> 12) & 0x3F));
            conv[cl++] = (uint8_t)(0x80 | ((c >> 6) & 0x3F));
            conv[cl++] = (uint8_t)(0x80 | (c & 0x3F));
        }
        chars++;
        i += k;
    }
    limits(oid, ol, &min, &max);
    if (chars < min)
        return bad(why, min == 2 ? "countryName must be two letters" : "empty name attribute");
    if (max >= 0 && chars > max)
        return bad(why, "name attribute too long (CN, O, OU at most 64 characters)");
    der_begin(w, DER_SEQUENCE);
      der_write_tlv(w, DER_OID, oid, ol);
      der_write_tlv(w, tag, conv, cl);
    der_end(w);
    return CL_OK;
}

/* X.690 §11.6 order of two encodings (shorter padded with zeros). */
static int der_before(const uint8_t *a, size_t al, const uint8_t *b, size_t bl)
{
    size_t n = al < bl ? al : bl;
    int c = memcmp(a, b, n);
    return c < 0 || (c == 0 && al < bl);
}

cl_status x509_name_from_subj(const char *subj, int utf8, uint8_t *out, size_t cap, size_t *len,
                              const char **why)
{
    if (subj == NULL || out == NULL || len == NULL)
        return CL_ERR_NULL_POINTER;
    if (subj[0] != '/')
        return bad(why, "the subject must start with '/' (/C=FR/O=.../CN=...)");
    /* Unescaped fields: type=value items separated by '/' (new RDN) or '+' (same RDN). */
    char buf[2048];
    size_t bl = strlen(subj);
    if (bl >= sizeof buf)
        return bad(why, "subject too long");
    struct item { size_t type, tlen, value, vlen; int multi; } items[64];
    size_t n = 0, o = 0;
    const char *p = subj + 1;
    int multi = 0;
    while (*p != '\0') {
        if (n == sizeof items / sizeof items[0])
            return bad(why, "too many name attributes");
        struct item *it = &items[n];
        it->type = o;
        it->multi = multi;
        while (*p != '\0' && *p != '=') {
            if (*p == '\\' && p[1] != '\0')
                p++;
            buf[o++] = *p++;
        }
        if (*p != '=')
            return bad(why, "a name attribute without '=' (TYPE=value)");
        it->tlen = o - it->type;
        p++;
        it->value = o;
        while (*p != '\0' && *p != '/' && *p != '+') {
            if (*p == '\\' && p[1] != '\0')
                p++;
            buf[o++] = *p++;
        }
        it->vlen = o - it->value;
        multi = *p == '+';
        if (*p != '\0')
            p++;
        n++;
        if (*p == '\0' && multi)
            return bad(why, "'+' at the end of the subject");
    }
    if (n == 0 && bl > 1)
        return bad(why, "empty subject");
    der_writer w;
    der_writer_init(&w, out, cap);
    der_begin(&w, DER_SEQUENCE);
    for (size_t i = 0; i < n;) {
        size_t j = i + 1;
        while (j < n && items[j].multi)
            j++;
        /* the RDN items[i..j): encode each, then write them in DER order */
        uint8_t atv[8][600];
        size_t al[8];
        if (j - i > 8)
            return bad(why, "too many attributes in one RDN");
        for (size_t k = i; k < j; k++) {
            uint8_t oid[X509_OID_MAX];
            unsigned tag = DER_UTF8_STRING;
            size_t ol = x509_attr_oid(buf + items[k].type, items[k].tlen, oid, &tag);
            if (ol == 0 && (ol = x509_oid_from_text(buf + items[k].type, items[k].tlen, oid, sizeof oid)) == 0)
                return bad(why, "unknown name attribute type (C, ST, L, O, OU, CN, emailAddress, "
                                "serialNumber, DC, UID, street, title, GN, SN, ... or an OID)");
            der_writer aw;
            der_writer_init(&aw, atv[k - i], sizeof atv[0]);
            cl_status st = write_atv(&aw, oid, ol, tag, (const uint8_t *)buf + items[k].value, items[k].vlen,
                                     utf8, why);
            if (st != CL_OK)
                return st;
            if (der_writer_result(&aw, &al[k - i]) != CL_OK)
                return bad(why, "name attribute too long");
        }
        size_t m = j - i, idx[8];
        for (size_t k = 0; k < m; k++)
            idx[k] = k;
        for (size_t a = 1; a < m; a++)        /* insertion sort by encoding */
            for (size_t b = a; b > 0 && der_before(atv[idx[b]], al[idx[b]], atv[idx[b - 1]], al[idx[b - 1]]); b--) {
                size_t t = idx[b];
                idx[b] = idx[b - 1];
                idx[b - 1] = t;
            }
        der_begin(&w, DER_SET);
        for (size_t k = 0; k < m; k++)
            der_write_raw(&w, atv[idx[k]], al[idx[k]]);
        der_end(&w);
        i = j;
    }
    der_end(&w);
    cl_status st = der_writer_result(&w, len);
    if (st != CL_OK)
        return bad(why, "subject too long");
    return CL_OK;
}
