/*
 * rsa/x509/x509_cert.c -- Certificate and TBSCertificate (RFC 5280 §4.1).
 *
 *   Certificate ::= SEQUENCE {
 *       tbsCertificate       TBSCertificate,
 *       signatureAlgorithm   AlgorithmIdentifier,
 *       signatureValue       BIT STRING }
 *   TBSCertificate ::= SEQUENCE {
 *       version         [0] EXPLICIT Version DEFAULT v1,
 *       serialNumber         CertificateSerialNumber,
 *       signature            AlgorithmIdentifier,
 *       issuer               Name,
 *       validity             Validity,
 *       subject              Name,
 *       subjectPublicKeyInfo SubjectPublicKeyInfo,
 *       issuerUniqueID  [1] IMPLICIT UniqueIdentifier OPTIONAL,   -- v2, v3
 *       subjectUniqueID [2] IMPLICIT UniqueIdentifier OPTIONAL,   -- v2, v3
 *       extensions      [3] EXPLICIT Extensions OPTIONAL }        -- v3
 * The parse points into the caller's DER: nothing is copied.
 */
#include <string.h>
#include "rsa/x509/x509_internal.h"

/* §4.1.2.7 SubjectPublicKeyInfo ::= SEQUENCE { algorithm AlgorithmIdentifier,
 * subjectPublicKey BIT STRING }; the key itself is decoded only when used. */
cl_status x509_spki_read(der_reader *r, x509_bytes *spki, x509_bytes *alg, x509_bytes *alg_oid,
                         x509_bytes *key)
{
    der_reader s, a;
    size_t start = r->pos, at;
    const uint8_t *c;
    size_t n;
    cl_status st = der_read_sequence(r, &s);
    if (st != CL_OK)
        return st;
    spki->p = r->buf + start;
    spki->len = r->pos - start;
    at = s.pos;
    if ((st = der_read_sequence(&s, &a)) != CL_OK)
        return st;
    alg->p = s.buf + at;
    alg->len = s.pos - at;
    if ((st = der_read_oid(&a, &alg_oid->p, &alg_oid->len)) != CL_OK)
        return st;
    if (!der_at_end(&a)) {
        unsigned tag;
        if ((st = der_read_any(&a, &tag, &c, &n)) != CL_OK)
            return st;
    }
    if ((st = der_finish(&a, "unexpected data in the public key AlgorithmIdentifier")) != CL_OK)
        return st;
    if ((st = der_read_bit_string_octets(&s, &key->p, &key->len)) != CL_OK)
        return st;
    return der_finish(&s, "unexpected data at the end of the SubjectPublicKeyInfo");
}

static cl_status parse_tbs(der_reader *r, x509_cert *c)
{
    der_reader t, f;
    size_t start = r->pos, at;
    const uint8_t *p;
    size_t n;
    cl_status st = der_read_sequence(r, &t);
    if (st != CL_OK)
        return st;
    c->tbs.p = r->buf + start;
    c->tbs.len = r->pos - start;

    /* §4.1.2.1 version [0] EXPLICIT INTEGER { v1(0), v2(1), v3(2) } DEFAULT v1 */
    c->version = 1;
    if (der_peek_tag(&t) == (int)DER_CONTEXT(0)) {
        uint64_t v;
        at = t.pos;
        if ((st = der_read_constructed(&t, DER_CONTEXT(0), &f)) != CL_OK ||
            (st = der_read_uint(&f, 255, &v, "version out of range")) != CL_OK ||
            (st = der_finish(&f, "unexpected data after the version")) != CL_OK)
            return st;
        if (v == 0)
            return der_fail(&t, at, "version v1 written out (it is the DEFAULT: not DER)");
        if (v > 2)
            return der_fail(&t, at, "unknown certificate version (only v1, v2, v3 exist)");
        c->version = (unsigned)v + 1;
    }
    /* §4.1.2.2 serialNumber: "MUST NOT use serialNumber values longer than 20 octets" */
    at = t.pos;
    if ((st = der_read_integer(&t, &p, &n)) != CL_OK)
        return st;
    if (n > 21 || (n == 21 && p[0] != 0))
        return der_fail(&t, at, "serialNumber longer than 20 octets (RFC 5280 §4.1.2.2)");
    c->serial.p = p;
    c->serial.len = n;
    /* §4.1.2.3 signature */
    if ((st = x509_sigalg_read(&t, &c->tbs_sig)) != CL_OK)
        return st;
    /* §4.1.2.4 issuer */
    if ((st = x509_name_read(&t, &c->issuer)) != CL_OK)
        return st;
    /* §4.1.2.5 validity */
    if ((st = der_read_sequence(&t, &f)) != CL_OK ||
        (st = x509_time_read(&f, &c->not_before)) != CL_OK ||
        (st = x509_time_read(&f, &c->not_after)) != CL_OK ||
        (st = der_finish(&f, "unexpected data in the validity")) != CL_OK)
        return st;
    /* §4.1.2.6 subject */
    if ((st = x509_name_read(&t, &c->subject)) != CL_OK)
        return st;
    /* §4.1.2.7 subjectPublicKeyInfo */
    if ((st = x509_spki_read(&t, &c->spki, &c->spki_alg, &c->spki_alg_oid, &c->spki_key)) != CL_OK)
        return st;
    /* §4.1.2.8 unique identifiers: v2 and v3 only */
    for (unsigned k = 1; k <= 2; k++) {
        if (der_peek_tag(&t) != (int)DER_CONTEXT_PRIM(k))
            continue;
        at = t.pos;
        if (c->version < 2)
            return der_fail(&t, at, "unique identifier in a v1 certificate");
        if ((st = der_read_tlv(&t, DER_CONTEXT_PRIM(k), &p, &n)) != CL_OK)
            return st;
        if (n == 0 || p[0] > 7 || (n == 1 && p[0] != 0))
            return der_fail(&t, at, "malformed unique identifier (BIT STRING)");
    }
    /* §4.1.2.9 extensions [3]: v3 only */
    if (der_peek_tag(&t) == (int)DER_CONTEXT(3)) {
        at = t.pos;
        if (c->version != 3)
            return der_fail(&t, at, "extensions in a certificate that is not v3");
        if ((st = der_read_constructed(&t, DER_CONTEXT(3), &f)) != CL_OK ||
            (st = x509_exts_read(&f, &c->ext)) != CL_OK ||
            (st = der_finish(&f, "unexpected data after the extensions")) != CL_OK)
            return st;
    }
    return der_finish(&t, "unexpected data at the end of the TBSCertificate (fields out of order?)");
}

cl_status x509_cert_parse(x509_cert *c, const uint8_t *der, size_t len, der_error *err)
{
    der_error scratch;
    if (err == NULL)
        err = &scratch;
    if (c == NULL || (der == NULL && len != 0))
        return CL_ERR_NULL_POINTER;
    memset(c, 0, sizeof *c);
    c->ext.path_len = -1;
    der_reader r, s;
    size_t at;
    memset(&s, 0, sizeof s);
    der_reader_init(&r, der, len, err);
    cl_status st = der_read_sequence(&r, &s);
    if (st == CL_OK) {
        c->der.p = der;
        c->der.len = r.pos;
        st = parse_tbs(&s, c);
    }
    /* §4.1.1.2 signatureAlgorithm "MUST contain the same algorithm
     * identifier as the signature field in the sequence tbsCertificate" */
    at = s.pos;
    if (st == CL_OK && (st = x509_sigalg_read(&s, &c->sig_alg)) == CL_OK &&
        (c->sig_alg.der.len != c->tbs_sig.der.len ||
         memcmp(c->sig_alg.der.p, c->tbs_sig.der.p, c->sig_alg.der.len) != 0))
        st = der_fail(&s, at, "signatureAlgorithm differs from the TBSCertificate's signature field (RFC 5280 §4.1.1.2)");
    if (st == CL_OK)
        st = der_read_bit_string_octets(&s, &c->signature.p, &c->signature.len);
    if (st == CL_OK)
        st = der_finish(&s, "unexpected data at the end of the Certificate");
    if (st == CL_OK)
        st = der_finish(&r, "trailing data after the Certificate");
    if (st != CL_OK) {
        if (err->reason == NULL)
            err->reason = "malformed certificate";
        memset(c, 0, sizeof *c);
        return CL_ERR_X509_BAD_CERT;
    }
    return CL_OK;
}

int x509_cert_self_issued(const x509_cert *c)
{
    return x509_name_equal(&c->issuer, &c->subject);
}

cl_status x509_cert_public_key(const x509_cert *c, rsa_key *key, rsa_key_alg *alg)
{
    rsa_key_alg scratch;
    if (c == NULL || key == NULL)
        return CL_ERR_NULL_POINTER;
    cl_status st = rsa_spki_from_der_alg(key, c->spki.p, c->spki.len, alg ? alg : &scratch, NULL);
    if (st == CL_ERR_ASN1_OID)
        return CL_ERR_X509_UNSUPPORTED_ALG;
    if (st == CL_ERR_ASN1)
        return CL_ERR_X509_BAD_CERT;
    if (st == CL_OK)
        st = rsa_public_check(key);
    return st;
}

cl_status x509_leaf_public_key(const uint8_t *der, size_t len, rsa_key *key, rsa_key_alg *alg)
{
    x509_cert c;
    cl_status st = x509_cert_parse(&c, der, len, NULL);
    if (st != CL_OK)
        return st;
    return x509_cert_public_key(&c, key, alg);
}

cl_status x509_cert_fingerprint(const x509_cert *c, const cl_hash *hash, uint8_t *out)
{
    if (c == NULL || hash == NULL || out == NULL)
        return CL_ERR_NULL_POINTER;
    return cl_hash_digest(hash, c->der.p, c->der.len, out);
}
