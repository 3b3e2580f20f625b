/*
 * rsa/x509/x509_print.c -- certificates and requests as text, laid out as
 * OpenSSL 3.0's X509_print_ex() / X509_REQ_print_ex() lay them out
 * (`openssl x509 -text`, `openssl req -text`), so the two can be diffed.
 *
 * Identical for: version, serial number, signature algorithms
 * (sha256WithRSAEncryption, RSASSA-PSS with its parameters, other OIDs we
 * name), names (default "oneline" form), validity, RSA and RSA-PSS public
 * keys, the six extensions of x509_ext.c plus Netscape Comment, unknown
 * extensions (printed, as OpenSSL prints those it does not know either, as
 * their raw octets), the signature, request attributes.
 * Different: extensions OpenSSL decodes and we do not (certificate
 * policies, CRL distribution points, authority information access, name
 * constraints, SCTs...) appear as raw octets; non-RSA public keys as
 * "Unable to load Public Key"; names with attribute types we do not name
 * show the dotted OID.
 */
#include <stdlib.h>
#include <string.h>
#include "rsa/pem.h"
#include "rsa/x509/x509_internal.h"
#include "rsa/x509/x509_print.h"

/* ------------------------------------------------------------ small pieces */

/* i2a_ASN1_OBJECT: the long name if we know one, else the dotted form. */
static void put_oid_ln(x509_text *t, const uint8_t *oid, size_t len)
{
    const char *ln = x509_oid_ln(oid, len);
    char dotted[96];
    if (ln == NULL) {
        der_oid_to_text(oid, len, dotted, sizeof dotted);
        ln = dotted;
    }
    x509_text_puts(t, ln);
}

/* The magnitude of an INTEGER's contents (two's complement) into out;
 * returns its length, *neg the sign. */
static size_t int_magnitude(const x509_bytes *v, uint8_t *out, size_t cap, int *neg)
{
    size_t n = v->len;
    const uint8_t *p = v->p;
    *neg = n > 0 && (p[0] & 0x80);
    if (!*neg) {
        while (n > 1 && p[0] == 0) {
            p++;
            n--;
        }
        if (n == 1 && p[0] == 0)
            n = 0;
        if (n > cap)
            n = cap;
        memcpy(out, p, n);
        return n;
    }
    /* negate: invert and add one */
    if (n > cap)
        n = cap;
    unsigned carry = 1;
    for (size_t i = n; i-- > 0;) {
        unsigned b = (unsigned)(uint8_t)~p[i] + carry;
        out[i] = (uint8_t)b;
        carry = b >> 8;
    }
    size_t skip = 0;
    while (skip + 1 < n && out[skip] == 0)
        skip++;
    memmove(out, out + skip, n - skip);
    return n - skip;
}

/* i2a_ASN1_INTEGER: "-" for a negative value, the magnitude in upper-case
 * hex, "00" for zero. */
static void put_int_hex(x509_text *t, const x509_bytes *v)
{
    uint8_t m[64];
    int neg;
    size_t n = int_magnitude(v, m, sizeof m, &neg);
    if (neg)
        x509_text_put(t, "-", 1);
    if (n == 0)
        x509_text_put(t, "00", 2);
    for (size_t i = 0; i < n; i++)
        x509_text_printf(t, "%02X", m[i]);
}

void x509_name_print(FILE *f, const x509_bytes *name)
{
    x509_text t;
    x509_text_file(&t, f);
    x509_name_text(&t, name);
}

void x509_serial_hex(FILE *f, const x509_cert *c)
{
    x509_text t;
    x509_text_file(&t, f);
    put_int_hex(&t, &c->serial);
}

/* "        Serial Number: 4660 (0x1234)" or the colon form for values that
 * do not fit in a C long (and, as OpenSSL's ASN1_INTEGER_get() reports -1
 * for errors, for -1 itself). */
static void print_serial(x509_text *t, const x509_bytes *serial)
{
    uint8_t m[64];
    int neg;
    size_t n = int_magnitude(serial, m, sizeof m, &neg);
    x509_text_puts(t, "        Serial Number:");
    uint64_t v = 0;
    for (size_t i = 0; i < n; i++)
        v = (v << 8) | m[i];
    int fits = n <= 8 && (neg ? v <= (UINT64_C(1) << 63) : v < (UINT64_C(1) << 63));
    if (fits && !(neg && v == 1)) {
        x509_text_printf(t, " %s%llu (%s0x%llx)\n", neg ? "-" : "", (unsigned long long)v, neg ? "-" : "",
                  (unsigned long long)v);
        return;
    }
    x509_text_printf(t, "\n%12s%s", "", neg ? " (Negative)" : "");
    x509_text_hex_colons(t, m, n, 0);
    x509_text_put(t, "\n", 1);
}

/* RSASSA-PSS-params of a signature (rsa_pss_param_print, pss_key = 0). */
static void print_pss_sig_params(x509_text *t, const rsa_pss_params *p, int indent)
{
    x509_text_printf(t, "%*s\n", indent, "");
    x509_text_printf(t, "%*sHash Algorithm: ", indent, "");
    if (p->present & RSA_PSS_HAS_HASH)
        put_oid_ln(t, p->hash_oid, p->hash_oid_len);
    else
        x509_text_puts(t, "sha1 (default)");
    x509_text_printf(t, "\n%*sMask Algorithm: ", indent, "");
    if (p->present & RSA_PSS_HAS_MGF) {
        put_oid_ln(t, p->mgf_oid, p->mgf_oid_len);
        x509_text_puts(t, " with ");
        if (p->mgf_hash_oid != NULL)
            put_oid_ln(t, p->mgf_hash_oid, p->mgf_hash_oid_len);
        else
            x509_text_puts(t, "INVALID");
    } else {
        x509_text_puts(t, "mgf1 with sha1 (default)");
    }
    x509_text_printf(t, "\n%*s Salt Length: 0x", indent, "");
    if (p->present & RSA_PSS_HAS_SALT)
        x509_text_printf(t, "%02llX", (unsigned long long)p->salt_len);
    else
        x509_text_puts(t, "14 (default)");
    x509_text_printf(t, "\n%*sTrailer Field: 0x01 (default)\n", indent, "");
}

/* X509_signature_print(): the algorithm (and PSS parameters), then the
 * signature octets if sig != NULL. */
static void print_signature(x509_text *t, const x509_sigalg *alg, const x509_bytes *sig, int indent)
{
    x509_text_printf(t, "%*sSignature Algorithm: ", indent, "");
    put_oid_ln(t, alg->oid.p, alg->oid.len);
    if (sig != NULL)
        x509_text_printf(t, "\n%*sSignature Value:", indent, "");
    if (alg->kind == X509_SIG_RSA_PSS)
        print_pss_sig_params(t, &alg->pss, indent + 4);
    else
        x509_text_put(t, "\n", 1);
    if (sig == NULL)
        return;
    /* X509_signature_dump(): 18 octets per line */
    for (size_t i = 0; i < sig->len; i++) {
        if (i % 18 == 0) {
            if (i > 0)
                x509_text_put(t, "\n", 1);
            x509_text_printf(t, "%*s", indent + 4, "");
        }
        x509_text_printf(t, "%02x%s", sig->p[i], i + 1 == sig->len ? "" : ":");
    }
    x509_text_put(t, "\n", 1);
}

/* The PSS restrictions of an id-RSASSA-PSS key (OpenSSL 3.0's key text encoder). */
static const char *hash_name(const uint8_t *oid, size_t len)
{
    static const struct { const char *dotted, *name; } names[] = {
        {"1.3.14.3.2.26", "SHA1"}, {"2.16.840.1.101.3.4.2.4", "SHA2-224"},
        {"2.16.840.1.101.3.4.2.1", "SHA2-256"}, {"2.16.840.1.101.3.4.2.2", "SHA2-384"},
        {"2.16.840.1.101.3.4.2.3", "SHA2-512"},
    };
    char dotted[96];
    der_oid_to_text(oid, len, dotted, sizeof dotted);
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
        if (strcmp(dotted, names[i].dotted) == 0)
            return names[i].name;
    return "?";
}

static void print_public_key(FILE *f, x509_text *t, const x509_bytes *spki, const x509_bytes *alg_oid)
{
    rsa_key key;
    rsa_key_alg alg;
    x509_text_puts(t, "            Public Key Algorithm: ");
    put_oid_ln(t, alg_oid->p, alg_oid->len);
    x509_text_put(t, "\n", 1);
    rsa_key_init(&key);
    if (rsa_spki_from_der_alg(&key, spki->p, spki->len, &alg, NULL) != CL_OK) {
        x509_text_printf(t, "%12sUnable to load Public Key\n", "");
        rsa_key_clear(&key);
        return;
    }
    rsa_print_public(f, 16, &key);
    if (alg.pss && !alg.restricted) {
        x509_text_printf(t, "%16sNo PSS parameter restrictions\n", "");
    } else if (alg.pss) {
        const rsa_pss_params *p = &alg.params;
        int mgf_default = p->mgf1_hash == &cl_hash_sha1 && p->mgf_hash_oid != NULL;
        x509_text_printf(t, "%16sPSS parameter restrictions:\n", "");
        x509_text_printf(t, "%16s  Hash Algorithm: %s%s\n", "", hash_name(p->hash_oid, p->hash_oid_len),
                  p->hash == &cl_hash_sha1 ? " (default)" : "");
        x509_text_printf(t, "%16s  Mask Algorithm: MGF1 with %s%s\n", "",
                  p->mgf_hash_oid ? hash_name(p->mgf_hash_oid, p->mgf_hash_oid_len) : "?",
                  mgf_default ? " (default)" : "");
        x509_text_printf(t, "%16s  Minimum Salt Length: %llu%s\n", "", (unsigned long long)p->salt_len,
                  p->salt_len == 20 ? " (default)" : "");
        x509_text_printf(t, "%16s  Trailer Field: 0x1 (default)\n", "");
    }
    rsa_key_clear(&key);
}

/* ------------------------------------------------------------ extensions */

/* GENERAL_NAME as i2v_GENERAL_NAME() writes it: "DNS:x", "IP Address:...". */
static void put_general_name(x509_text *t, const x509_general_name *gn)
{
    const x509_bytes *v = &gn->value;
    switch (gn->type) {
    case X509_GN_EMAIL: x509_text_puts(t, "email:"); x509_text_put(t, v->p, v->len); break;
    case X509_GN_DNS:   x509_text_puts(t, "DNS:"); x509_text_put(t, v->p, v->len); break;
    case X509_GN_URI:   x509_text_puts(t, "URI:"); x509_text_put(t, v->p, v->len); break;
    case X509_GN_IP:
        x509_text_puts(t, "IP Address:");
        if (v->len == 4) {
            x509_text_printf(t, "%u.%u.%u.%u", v->p[0], v->p[1], v->p[2], v->p[3]);
        } else if (v->len == 16) {
            for (size_t i = 0; i < 16; i += 2)
                x509_text_printf(t, "%s%X", i ? ":" : "", (unsigned)(v->p[i] << 8 | v->p[i + 1]));
        } else {
            x509_text_puts(t, "<invalid>");
        }
        break;
    case X509_GN_DIRNAME: {
        x509_text_puts(t, "DirName:");
        x509_name_text_slash(t, v);
        break;
    }
    case X509_GN_RID:
        x509_text_puts(t, "Registered ID:");
        put_oid_ln(t, v->p, v->len);
        break;
    case X509_GN_OTHER_NAME: {
        /* AnotherName ::= SEQUENCE { type-id OID, value [0] EXPLICIT ANY } */
        der_reader r, e;
        const uint8_t *oid, *c;
        size_t ol, n;
        unsigned tag;
        x509_text_puts(t, "othername: ");
        der_reader_init(&r, v->p, v->len, NULL);
        if (der_read_oid(&r, &oid, &ol) != CL_OK) {
            x509_text_puts(t, "<unsupported>");
            break;
        }
        put_oid_ln(t, oid, ol);
        x509_text_puts(t, "::");
        if (der_read_constructed(&r, DER_CONTEXT(0), &e) == CL_OK && der_read_any(&e, &tag, &c, &n) == CL_OK &&
            (tag == DER_UTF8_STRING || tag == DER_IA5_STRING))
            x509_text_put(t, c, n);
        else
            x509_text_puts(t, "<unsupported>");
        break;
    }
    case X509_GN_X400:      x509_text_puts(t, "X400Name:<unsupported>"); break;
    case X509_GN_EDI_PARTY: x509_text_puts(t, "EdiPartyName:<unsupported>"); break;
    default: break;
    }
}

static void put_general_names(x509_text *t, const x509_bytes *names, const char *sep)
{
    der_reader r;
    x509_general_name gn;
    int first = 1;
    x509_gn_iter_init(&r, names);
    while (x509_gn_next(&r, &gn)) {
        if (!first)
            x509_text_puts(t, sep);
        first = 0;
        put_general_name(t, &gn);
    }
}

static const char *const KU_NAMES[9] = {
    "Digital Signature", "Non Repudiation", "Key Encipherment", "Data Encipherment",
    "Key Agreement", "Certificate Sign", "CRL Sign", "Encipher Only", "Decipher Only"
};

/* nsComment (Netscape), printed by OpenSSL as its IA5String value. */
static const uint8_t OID_NS_COMMENT[9] = {0x60, 0x86, 0x48, 0x01, 0x86, 0xF8, 0x42, 0x01, 0x0D};

/* The value of one extension at indent (X509V3_EXT_print), or the raw
 * octets (ASN1_STRING_print) when we do not decode it. */
static void print_ext_value(x509_text *t, const x509_extension *x, int indent)
{
    x509_exts e;
    int decoded = x509_ext_decode(x, &e) == CL_OK;
    x509_text_printf(t, "%*s", indent, "");
    if (decoded && (e.present & X509_EXT_BASIC_CONSTRAINTS)) {
        x509_text_puts(t, e.ca ? "CA:TRUE" : "CA:FALSE");
        if (e.path_len >= 0)
            x509_text_printf(t, ", pathlen:%d", e.path_len);
    } else if (decoded && (e.present & X509_EXT_KEY_USAGE)) {
        int first = 1;
        for (unsigned b = 0; b < 9; b++)
            if (e.key_usage & (1u << b)) {
                x509_text_printf(t, "%s%s", first ? "" : ", ", KU_NAMES[b]);
                first = 0;
            }
    } else if (decoded && (e.present & X509_EXT_EXT_KEY_USAGE)) {
        der_reader r, s;
        const uint8_t *oid;
        size_t ol;
        int first = 1;
        der_reader_init(&r, x->value.p, x->value.len, NULL);
        if (der_read_sequence(&r, &s) == CL_OK)
            while (!der_at_end(&s) && der_read_oid(&s, &oid, &ol) == CL_OK) {
                if (!first)
                    x509_text_puts(t, ", ");
                first = 0;
                put_oid_ln(t, oid, ol);
            }
    } else if (decoded && (e.present & X509_EXT_SUBJECT_ALT_NAME)) {
        put_general_names(t, &e.san, ", ");
    } else if (decoded && (e.present & X509_EXT_SUBJECT_KEY_ID)) {
        x509_text_hex_colons(t, e.ski.p, e.ski.len, 1);
    } else if (decoded && (e.present & X509_EXT_AUTHORITY_KEY_ID)) {
        /* i2v_AUTHORITY_KEYID, one value per line */
        int more = e.aki_issuer.p != NULL || e.aki_serial.p != NULL, lines = 0;
        if (e.aki_key_id.p != NULL) {
            x509_text_puts(t, more ? "keyid:" : "");
            x509_text_hex_colons(t, e.aki_key_id.p, e.aki_key_id.len, 1);
            lines++;
        }
        if (e.aki_issuer.p != NULL) {
            der_reader r;
            x509_general_name gn;
            x509_gn_iter_init(&r, &e.aki_issuer);
            while (x509_gn_next(&r, &gn)) {
                if (lines++)
                    x509_text_printf(t, "\n%*s", indent, "");
                put_general_name(t, &gn);
            }
        }
        if (e.aki_serial.p != NULL) {
            if (lines++)
                x509_text_printf(t, "\n%*s", indent, "");
            x509_text_puts(t, "serial:");
            x509_text_hex_colons(t, e.aki_serial.p, e.aki_serial.len, 1);
        }
    } else if (der_oid_eq(x->oid.p, x->oid.len, OID_NS_COMMENT, sizeof OID_NS_COMMENT) &&
               x->value.len >= 2 && x->value.p[0] == DER_IA5_STRING &&
               (size_t)x->value.p[1] + 2 == x->value.len) {
        x509_text_put(t, x->value.p + 2, x->value.len - 2);
    } else {
        /* ASN1_STRING_print(): printable ASCII, CR and LF as they are, '.' for the rest */
        for (size_t i = 0; i < x->value.len; i++) {
            uint8_t c = x->value.p[i];
            char o = (c > '~' || (c < ' ' && c != '\n' && c != '\r')) ? '.' : (char)c;
            x509_text_put(t, &o, 1);
        }
    }
}

static const char *ext_name(const x509_extension *x, char *buf, size_t cap)
{
    if (der_oid_eq(x->oid.p, x->oid.len, OID_NS_COMMENT, sizeof OID_NS_COMMENT))
        return "Netscape Comment";
    const char *ln = x509_oid_ln(x->oid.p, x->oid.len);
    if (ln != NULL)
        return ln;
    der_oid_to_text(x->oid.p, x->oid.len, buf, cap);
    return buf;
}

int x509_ext_name_listed(const x509_extension *x, const char *names)
{
    const char *sn = x509_oid_sn(x->oid.p, x->oid.len), *ln = x509_oid_ln(x->oid.p, x->oid.len);
    char dotted[96];
    der_oid_to_text(x->oid.p, x->oid.len, dotted, sizeof dotted);
    if (der_oid_eq(x->oid.p, x->oid.len, OID_NS_COMMENT, sizeof OID_NS_COMMENT))
        sn = "nsComment";
    for (const char *p = names; *p;) {
        const char *c = strchr(p, ',');
        size_t n = c ? (size_t)(c - p) : strlen(p);
        if ((sn && strlen(sn) == n && strncmp(sn, p, n) == 0) || (ln && strlen(ln) == n && strncmp(ln, p, n) == 0) ||
            (strlen(dotted) == n && strncmp(dotted, p, n) == 0))
            return 1;
        p += n + (c != NULL);
    }
    return 0;
}

/* One extension as X509V3_extensions_print() prints it: the name (and
 * "critical") at indent, the value at indent + 4. */
void x509_ext_print(FILE *f, const x509_extension *x, int indent)
{
    x509_text t;
    char buf[96];
    x509_text_file(&t, f);
    x509_text_printf(&t, "%*s%s: %s\n", indent, "", ext_name(x, buf, sizeof buf), x->critical ? "critical" : "");
    print_ext_value(&t, x, indent + 4);
    x509_text_put(&t, "\n", 1);
}

static void print_extensions(FILE *f, const x509_bytes *all, int indent)
{
    der_reader r;
    x509_extension x;
    x509_ext_iter_init(&r, all);
    while (x509_ext_next(&r, &x))
        x509_ext_print(f, &x, indent);
}

/* ------------------------------------------------------------ whole objects */

cl_status x509_cert_print_text(FILE *f, const x509_cert *c)
{
    x509_text t;
    char when[32];
    if (f == NULL || c == NULL)
        return CL_ERR_NULL_POINTER;
    x509_text_file(&t, f);
    x509_text_puts(&t, "Certificate:\n    Data:\n");
    x509_text_printf(&t, "        Version: %u (0x%x)\n", c->version, c->version - 1);
    print_serial(&t, &c->serial);
    x509_text_puts(&t, "    ");                   /* X509_print_ex: "    " then X509_signature_print() */
    print_signature(&t, &c->tbs_sig, NULL, 4);
    x509_text_puts(&t, "        Issuer: ");
    x509_name_text(&t, &c->issuer);
    x509_text_puts(&t, "\n        Validity\n");
    x509_time_format(c->not_before, when);
    x509_text_printf(&t, "            Not Before: %s\n", when);
    x509_time_format(c->not_after, when);
    x509_text_printf(&t, "            Not After : %s\n", when);
    x509_text_puts(&t, "        Subject: ");
    x509_name_text(&t, &c->subject);
    x509_text_puts(&t, "\n        Subject Public Key Info:\n");
    print_public_key(f, &t, &c->spki, &c->spki_alg_oid);
    if (c->ext.all.len > 0) {
        x509_text_puts(&t, "        X509v3 extensions:\n");
        print_extensions(f, &c->ext.all, 12);
    }
    print_signature(&t, &c->sig_alg, &c->signature, 4);
    return ferror(f) ? CL_ERR_IO : CL_OK;
}

cl_status x509_csr_print_text(FILE *f, const x509_csr *q)
{
    x509_text t;
    if (f == NULL || q == NULL)
        return CL_ERR_NULL_POINTER;
    x509_text_file(&t, f);
    x509_text_puts(&t, "Certificate Request:\n    Data:\n");
    x509_text_printf(&t, "        Version: %u (0x%x)\n", q->version + 1, q->version);
    x509_text_puts(&t, "        Subject: ");
    x509_name_text(&t, &q->subject);
    x509_text_puts(&t, "\n        Subject Public Key Info:\n");
    print_public_key(f, &t, &q->spki, &q->spki_alg_oid);
    x509_text_printf(&t, "%8sAttributes:\n", "");
    der_reader r, a, values;
    const uint8_t *oid, *c;
    size_t ol, n;
    unsigned tag;
    if (q->attributes.len == 0)
        x509_text_printf(&t, "%12s(none)\n", "");
    der_reader_init(&r, q->attributes.p, q->attributes.len, NULL);
    while (!der_at_end(&r) && der_read_sequence(&r, &a) == CL_OK && der_read_oid(&a, &oid, &ol) == CL_OK &&
           der_read_constructed(&a, DER_SET, &values) == CL_OK) {
        if (der_oid_eq(oid, ol, X509_OID_EXTENSION_REQUEST, sizeof X509_OID_EXTENSION_REQUEST))
            continue;
        /* "%12s", the name padded to 25, ":", each value on its line */
        char dotted[96];
        const char *ln = x509_oid_ln(oid, ol);
        if (ln == NULL) {
            der_oid_to_text(oid, ol, dotted, sizeof dotted);
            ln = dotted;
        }
        int first = 1;
        while (!der_at_end(&values) && der_read_any(&values, &tag, &c, &n) == CL_OK) {
            if (first)
                x509_text_printf(&t, "%12s%s", "", ln);
            int pad = first ? 25 - (int)strlen(ln) : 25;
            first = 0;
            x509_text_printf(&t, "%*s:", pad > 0 ? pad : 0, "");
            if (tag == DER_PRINTABLE_STRING || tag == DER_T61_STRING || tag == DER_NUMERIC_STRING ||
                tag == DER_UTF8_STRING || tag == DER_IA5_STRING) {
                x509_text_put(&t, c, n);
                x509_text_put(&t, "\n", 1);
            } else {
                x509_text_puts(&t, "unable to print attribute\n");
            }
        }
    }
    x509_text_printf(&t, "%12sRequested Extensions:\n", "");
    if (q->has_ext_request)
        print_extensions(f, &q->ext.all, 16);
    print_signature(&t, &q->sig_alg, &q->signature, 4);
    return ferror(f) ? CL_ERR_IO : CL_OK;
}

cl_status x509_pem_write(FILE *f, const char *label, const x509_bytes *der)
{
    size_t cap = pem_encoded_len(label, der->len) + 1, len = 0;
    char *buf = malloc(cap);
    if (buf == NULL)
        return CL_ERR_NOMEM;
    cl_status st = pem_encode(label, der->p, der->len, buf, cap, &len);
    if (st == CL_OK && fwrite(buf, 1, len, f) != len)
        st = CL_ERR_IO;
    free(buf);
    return st;
}
