/*
 * rsa/rsa_pss_params.c -- RSASSA-PSS-params (RFC 4055 §3.1).  See
 * rsa/rsa_pss_params.h.
 */
#include <string.h>
#include "rsa/rsa_pss_params.h"

const uint8_t *rsa_pss_hash_oid(const cl_hash *h, size_t *len)
{
    if (h == &cl_hash_sha256) {
        *len = sizeof DER_OID_SHA256;
        return DER_OID_SHA256;
    }
    if (h == &cl_hash_sha1) {
        *len = sizeof DER_OID_SHA1;
        return DER_OID_SHA1;
    }
    *len = 0;
    return NULL;
}

static const cl_hash *hash_of_oid(const uint8_t *oid, size_t len)
{
    if (der_oid_eq(oid, len, DER_OID_SHA256, sizeof DER_OID_SHA256))
        return &cl_hash_sha256;
    if (der_oid_eq(oid, len, DER_OID_SHA1, sizeof DER_OID_SHA1))
        return &cl_hash_sha1;
    return NULL;
}

void rsa_pss_params_default(rsa_pss_params *p)
{
    memset(p, 0, sizeof *p);
    p->hash_oid = DER_OID_SHA1;               /* sha1Identifier */
    p->hash_oid_len = sizeof DER_OID_SHA1;
    p->mgf_oid = DER_OID_MGF1;                /* mgf1SHA1Identifier */
    p->mgf_oid_len = sizeof DER_OID_MGF1;
    p->mgf_hash_oid = DER_OID_SHA1;
    p->mgf_hash_oid_len = sizeof DER_OID_SHA1;
    p->hash = &cl_hash_sha1;
    p->mgf1_hash = &cl_hash_sha1;
    p->salt_len = 20;
    p->trailer = 1;
}

void rsa_pss_params_sha256(rsa_pss_params *p, uint64_t salt_len)
{
    rsa_pss_params_default(p);
    p->hash_oid = p->mgf_hash_oid = DER_OID_SHA256;
    p->hash_oid_len = p->mgf_hash_oid_len = sizeof DER_OID_SHA256;
    p->hash = p->mgf1_hash = &cl_hash_sha256;
    p->salt_len = salt_len;
    p->present = RSA_PSS_HAS_HASH | RSA_PSS_HAS_MGF | (salt_len != 20 ? RSA_PSS_HAS_SALT : 0);
}

/* HashAlgorithm ::= AlgorithmIdentifier { hash OID, NULL or absent }
 * (RFC 4055 §2.1: implementations MUST accept both). */
static cl_status read_hash_algid(der_reader *r, const uint8_t **oid, size_t *len)
{
    der_reader alg;
    cl_status st = der_read_sequence(r, &alg);
    if (st != CL_OK || (st = der_read_oid(&alg, oid, len)) != CL_OK)
        return st;
    if (!der_at_end(&alg) && (st = der_read_null(&alg)) != CL_OK)
        return st;
    return der_finish(&alg, "unexpected parameters in a hash AlgorithmIdentifier");
}

cl_status rsa_pss_params_read(der_reader *r, rsa_pss_params *p)
{
    der_reader s, f;
    size_t at;
    cl_status st;
    rsa_pss_params_default(p);
    if ((st = der_read_sequence(r, &s)) != CL_OK)
        return st;
    /* [0] hashAlgorithm */
    if (der_peek_tag(&s) == (int)DER_CONTEXT(0)) {
        at = s.pos;
        if ((st = der_read_constructed(&s, DER_CONTEXT(0), &f)) != CL_OK ||
            (st = read_hash_algid(&f, &p->hash_oid, &p->hash_oid_len)) != CL_OK ||
            (st = der_finish(&f, "unexpected data after hashAlgorithm")) != CL_OK)
            return st;
        if (der_oid_eq(p->hash_oid, p->hash_oid_len, DER_OID_SHA1, sizeof DER_OID_SHA1))
            return der_fail(&s, at, "RSASSA-PSS hashAlgorithm sha1 written out (it is the DEFAULT: not DER)");
        p->hash = hash_of_oid(p->hash_oid, p->hash_oid_len);
        p->present |= RSA_PSS_HAS_HASH;
    }
    /* [1] maskGenAlgorithm: AlgorithmIdentifier { id-mgf1, HashAlgorithm } */
    if (der_peek_tag(&s) == (int)DER_CONTEXT(1)) {
        der_reader alg;
        at = s.pos;
        if ((st = der_read_constructed(&s, DER_CONTEXT(1), &f)) != CL_OK ||
            (st = der_read_sequence(&f, &alg)) != CL_OK ||
            (st = der_read_oid(&alg, &p->mgf_oid, &p->mgf_oid_len)) != CL_OK)
            return st;
        if (der_oid_eq(p->mgf_oid, p->mgf_oid_len, DER_OID_MGF1, sizeof DER_OID_MGF1)) {
            if ((st = read_hash_algid(&alg, &p->mgf_hash_oid, &p->mgf_hash_oid_len)) != CL_OK)
                return st;
            p->mgf1_hash = hash_of_oid(p->mgf_hash_oid, p->mgf_hash_oid_len);
            if (p->mgf1_hash == &cl_hash_sha1)
                return der_fail(&s, at, "RSASSA-PSS maskGenAlgorithm mgf1SHA1 written out (it is the DEFAULT: not DER)");
        } else {                              /* an MGF we do not know: keep its OID, skip its parameters */
            const uint8_t *c;
            size_t n;
            unsigned tag;
            p->mgf_hash_oid = NULL;
            p->mgf_hash_oid_len = 0;
            p->mgf1_hash = NULL;
            if (!der_at_end(&alg) && (st = der_read_any(&alg, &tag, &c, &n)) != CL_OK)
                return st;
        }
        if ((st = der_finish(&alg, "unexpected data in maskGenAlgorithm")) != CL_OK ||
            (st = der_finish(&f, "unexpected data after maskGenAlgorithm")) != CL_OK)
            return st;
        p->present |= RSA_PSS_HAS_MGF;
    }
    /* [2] saltLength */
    if (der_peek_tag(&s) == (int)DER_CONTEXT(2)) {
        at = s.pos;
        if ((st = der_read_constructed(&s, DER_CONTEXT(2), &f)) != CL_OK ||
            (st = der_read_uint(&f, 1u << 20, &p->salt_len, "RSASSA-PSS saltLength out of range")) != CL_OK ||
            (st = der_finish(&f, "unexpected data after saltLength")) != CL_OK)
            return st;
        if (p->salt_len == 20)
            return der_fail(&s, at, "RSASSA-PSS saltLength 20 written out (it is the DEFAULT: not DER)");
        p->present |= RSA_PSS_HAS_SALT;
    }
    /* [3] trailerField: only trailerFieldBC(1) is defined, and it is the DEFAULT */
    if (der_peek_tag(&s) == (int)DER_CONTEXT(3)) {
        at = s.pos;
        if ((st = der_read_constructed(&s, DER_CONTEXT(3), &f)) != CL_OK ||
            (st = der_read_uint(&f, 255, &p->trailer, "RSASSA-PSS trailerField out of range")) != CL_OK ||
            (st = der_finish(&f, "unexpected data after trailerField")) != CL_OK)
            return st;
        if (p->trailer == 1)
            return der_fail(&s, at, "RSASSA-PSS trailerField 1 written out (it is the DEFAULT: not DER)");
        return der_fail(&s, at, "RSASSA-PSS trailerField is not trailerFieldBC (1)");
    }
    return der_finish(&s, "unexpected data in RSASSA-PSS-params (fields out of order?)");
}

static void write_hash_algid(der_writer *w, const uint8_t *oid, size_t len)
{
    der_begin(w, DER_SEQUENCE);
      der_write_tlv(w, DER_OID, oid, len);
      der_write_null(w);
    der_end(w);
}

void rsa_pss_params_write(der_writer *w, const rsa_pss_params *p)
{
    int sha1 = der_oid_eq(p->hash_oid, p->hash_oid_len, DER_OID_SHA1, sizeof DER_OID_SHA1);
    int mgf_sha1 = der_oid_eq(p->mgf_hash_oid, p->mgf_hash_oid_len, DER_OID_SHA1, sizeof DER_OID_SHA1);
    der_begin(w, DER_SEQUENCE);
    if (!sha1) {
        der_begin(w, DER_CONTEXT(0));
          write_hash_algid(w, p->hash_oid, p->hash_oid_len);
        der_end(w);
    }
    if (!mgf_sha1) {
        der_begin(w, DER_CONTEXT(1));
          der_begin(w, DER_SEQUENCE);
            der_write_tlv(w, DER_OID, DER_OID_MGF1, sizeof DER_OID_MGF1);
            write_hash_algid(w, p->mgf_hash_oid, p->mgf_hash_oid_len);
          der_end(w);
        der_end(w);
    }
    if (p->salt_len != 20) {
        der_begin(w, DER_CONTEXT(2));
          der_write_uint(w, p->salt_len);
        der_end(w);
    }
    der_end(w);
}

int rsa_pss_params_usable(const rsa_pss_params *p)
{
    return p->hash != NULL && p->mgf1_hash == p->hash && p->trailer == 1;
}
