/*
 * rsa/x509/x509_ext_write.c -- the Extensions SEQUENCE (RFC 5280 §4.1.2.9,
 * §4.2.1) from an x509_ext_spec, in DER: critical only when TRUE (the
 * DEFAULT FALSE is never written, X.690 §11.5), named bit lists without
 * trailing zero bits (§11.2.2), IMPLICIT context tags for GeneralName.
 */
#include <string.h>
#include "rsa/x509/x509_internal.h"
#include "rsa/x509/x509_write.h"

static void ext_begin(der_writer *w, const uint8_t *oid, size_t len, int critical)
{
    der_begin(w, DER_SEQUENCE);
    der_write_tlv(w, DER_OID, oid, len);
    if (critical)
        der_write_boolean(w, 1);
    der_begin(w, DER_OCTET_STRING);
}

static void ext_end(der_writer *w)
{
    der_end(w);
    der_end(w);
}

/* §4.2.1.9 */
static void basic_constraints(der_writer *w, const x509_ext_spec *s)
{
    der_begin(w, DER_SEQUENCE);
    if (s->ca)
        der_write_boolean(w, 1);
    if (s->ca && s->path_len >= 0)
        der_write_uint(w, (uint64_t)s->path_len);
    der_end(w);
}

/* §4.2.1.3: bit n is (0x80 >> n%8) of octet n/8. */
static void key_usage(der_writer *w, unsigned bits)
{
    uint8_t c[3] = {0, 0, 0};
    int top = -1;
    for (int b = 0; b < 9; b++)
        if (bits & (1u << b)) {
            c[1 + b / 8] |= (uint8_t)(0x80u >> (b % 8));
            top = b;
        }
    size_t n = top < 0 ? 0 : (size_t)top / 8 + 1;
    c[0] = top < 0 ? 0 : (uint8_t)(7 - top % 8);     /* unused bits of the last octet */
    der_write_tlv(w, DER_BIT_STRING, c, n + 1);
}

static void general_names(der_writer *w, const x509_general_name *gn, size_t n)
{
    der_begin(w, DER_SEQUENCE);
    for (size_t i = 0; i < n; i++) {
        if (gn[i].type == X509_GN_DIRNAME) {
            der_begin(w, DER_CONTEXT(4));
            der_write_raw(w, gn[i].value.p, gn[i].value.len);
            der_end(w);
        } else {
            der_write_tlv(w, DER_CONTEXT_PRIM(gn[i].type), gn[i].value.p, gn[i].value.len);
        }
    }
    der_end(w);
}

/* §4.2.1.2 (1): SHA-1 of the BIT STRING subjectPublicKey (without tag, length, unused bits). */
static cl_status key_hash(const x509_bytes *key, uint8_t out[20])
{
    return cl_hash_digest(&cl_hash_sha1, key->p, key->len, out);
}

/* §4.2.1.1 */
static cl_status authority_key_id(der_writer *w, const x509_ext_spec *s, const x509_issuer_ref *is)
{
    uint8_t h[20];
    const uint8_t *kid = NULL;
    size_t kid_len = 0;
    if (s->aki & (X509_AKI_KEYID | X509_AKI_KEYID_ALWAYS)) {
        if (is->ski.len > 0) {
            kid = is->ski.p;
            kid_len = is->ski.len;
        } else if (s->aki & X509_AKI_KEYID_ALWAYS) {
            cl_status st = key_hash(&is->key, h);
            if (st != CL_OK)
                return st;
            kid = h;
            kid_len = sizeof h;
        }
    }
    int issuer = (s->aki & X509_AKI_ISSUER_ALWAYS) || ((s->aki & X509_AKI_ISSUER) && kid == NULL);
    der_begin(w, DER_SEQUENCE);
    if (kid != NULL)
        der_write_tlv(w, DER_CONTEXT_PRIM(0), kid, kid_len);
    if (issuer) {
        der_begin(w, DER_CONTEXT(1));
          der_begin(w, DER_CONTEXT(4));
            der_write_raw(w, is->name.p, is->name.len);
          der_end(w);
        der_end(w);
        der_write_tlv(w, DER_CONTEXT_PRIM(2), is->serial.p, is->serial.len);
    }
    der_end(w);
    return CL_OK;
}

static const uint8_t *ext_oid(unsigned bit)
{
    switch (bit) {
    case X509_EXT_BASIC_CONSTRAINTS: return X509_OID_BASIC_CONSTRAINTS;
    case X509_EXT_KEY_USAGE:         return X509_OID_KEY_USAGE;
    case X509_EXT_EXT_KEY_USAGE:     return X509_OID_EXT_KEY_USAGE;
    case X509_EXT_SUBJECT_ALT_NAME:  return X509_OID_SUBJECT_ALT_NAME;
    case X509_EXT_SUBJECT_KEY_ID:    return X509_OID_SUBJECT_KEY_ID;
    case X509_EXT_AUTHORITY_KEY_ID:  return X509_OID_AUTHORITY_KEY_ID;
    }
    return NULL;
}

cl_status x509_exts_write(der_writer *w, const x509_ext_spec *s, const x509_bytes *subject_key,
                          const x509_issuer_ref *issuer)
{
    if (s == NULL || s->nall == 0)
        return CL_OK;
    der_begin(w, DER_SEQUENCE);
    for (size_t i = 0; i < s->nall; i++) {
        unsigned bit = s->order_all[i];
        if (bit >= 0x100) {
            const x509_bytes *raw = &s->raw[bit - 0x100];
            der_write_raw(w, raw->p, raw->len);
            continue;
        }
        if (bit == X509_EXT_AUTHORITY_KEY_ID && issuer == NULL)
            continue;                         /* no authority in a request */
        ext_begin(w, ext_oid(bit), 3, (s->critical & bit) != 0);
        switch (bit) {
        case X509_EXT_BASIC_CONSTRAINTS:
            basic_constraints(w, s);
            break;
        case X509_EXT_KEY_USAGE:
            key_usage(w, s->key_usage);
            break;
        case X509_EXT_EXT_KEY_USAGE:
            der_begin(w, DER_SEQUENCE);
            for (size_t k = 0; k < s->neku; k++)
                der_write_tlv(w, DER_OID, s->eku[k].p, s->eku[k].len);
            der_end(w);
            break;
        case X509_EXT_SUBJECT_ALT_NAME:
            general_names(w, s->san, s->nsan);
            break;
        case X509_EXT_SUBJECT_KEY_ID:
            if (s->ski_hash) {
                uint8_t h[20];
                cl_status st = key_hash(subject_key, h);
                if (st != CL_OK)
                    return st;
                der_write_tlv(w, DER_OCTET_STRING, h, sizeof h);
            } else {
                der_write_tlv(w, DER_OCTET_STRING, s->ski.p, s->ski.len);
            }
            break;
        case X509_EXT_AUTHORITY_KEY_ID: {
            cl_status st = authority_key_id(w, s, issuer);
            if (st != CL_OK)
                return st;
            break;
        }
        }
        ext_end(w);
    }
    der_end(w);
    return CL_OK;
}
