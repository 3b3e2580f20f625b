/*
 * rsa/x509/x509_algid.c -- signature AlgorithmIdentifier (RFC 5280
 * §4.1.1.2, §4.1.2.3) and verifying a signature with the issuer's key.
 *
 *   AlgorithmIdentifier ::= SEQUENCE { algorithm OBJECT IDENTIFIER,
 *                                      parameters ANY DEFINED BY algorithm OPTIONAL }
 * What we verify:
 *   sha256WithRSAEncryption (RFC 4055 §5): parameters NULL ("implementations
 *     MUST accept the parameters being absent as well as present");
 *     RSASSA-PKCS1-v1_5 (RFC 8017 §8.2) over SHA-256.
 *   id-RSASSA-PSS (RFC 4055 §3.1): parameters MUST be present with a
 *     signature; we verify hashAlgorithm SHA-256 with MGF1-SHA-256 and the
 *     saltLength given (RFC 8017 §8.1.2).  A key whose SubjectPublicKeyInfo
 *     is id-RSASSA-PSS signs only with PSS, and with parameters no weaker
 *     than its own (same hashes, saltLength at least the key's: RFC 4055 §3.1).
 * Any other algorithm is read (its parameters skipped) so the certificate
 * can be printed, and verifying with it gives CL_ERR_X509_UNSUPPORTED_ALG.
 */
#include <string.h>
#include "rsa/x509/x509_internal.h"

cl_status x509_sigalg_read(der_reader *r, x509_sigalg *alg)
{
    der_reader a;
    size_t start = r->pos, at;
    const uint8_t *oid;
    size_t oid_len;
    cl_status st;
    memset(alg, 0, sizeof *alg);
    if ((st = der_read_sequence(r, &a)) != CL_OK)
        return st;
    alg->der.p = r->buf + start;
    alg->der.len = r->pos - start;
    if ((st = der_read_oid(&a, &oid, &oid_len)) != CL_OK)
        return st;
    alg->oid.p = oid;
    alg->oid.len = oid_len;
    at = a.pos;
    if (!der_at_end(&a)) {
        const uint8_t *c;
        size_t n;
        unsigned tag;
        der_reader probe = a;
        if ((st = der_read_any(&probe, &tag, &c, &n)) != CL_OK)
            return st;
        alg->params.p = a.buf + at;
        alg->params.len = probe.pos - at;
    }
    if (der_oid_eq(oid, oid_len, DER_OID_SHA256_WITH_RSA, sizeof DER_OID_SHA256_WITH_RSA)) {
        alg->kind = X509_SIG_RSA_PKCS1_SHA256;
        if (!der_at_end(&a) && (st = der_read_null(&a)) != CL_OK)
            return st;
    } else if (der_oid_eq(oid, oid_len, DER_OID_RSASSA_PSS, sizeof DER_OID_RSASSA_PSS)) {
        alg->kind = X509_SIG_RSA_PSS;
        if (der_at_end(&a))
            return der_fail(&a, at, "id-RSASSA-PSS signature without its parameters (RFC 4055 §3.1)");
        if ((st = rsa_pss_params_read(&a, &alg->pss)) != CL_OK)
            return st;
    } else {
        alg->kind = X509_SIG_UNKNOWN;
        if (!der_at_end(&a)) {
            const uint8_t *c;
            size_t n;
            unsigned tag;
            if ((st = der_read_any(&a, &tag, &c, &n)) != CL_OK)
                return st;
        }
    }
    return der_finish(&a, "unexpected data in a signature AlgorithmIdentifier");
}

/* RFC 4055 §3.1: a PSS key's parameters bound those of its signatures. */
static int pss_allowed_by_key(const rsa_pss_params *sig, const rsa_key_alg *key)
{
    if (!key->restricted)
        return 1;
    return der_oid_eq(sig->hash_oid, sig->hash_oid_len, key->params.hash_oid, key->params.hash_oid_len) &&
           der_oid_eq(sig->mgf_hash_oid, sig->mgf_hash_oid_len,
                      key->params.mgf_hash_oid, key->params.mgf_hash_oid_len) &&
           sig->salt_len >= key->params.salt_len;
}

cl_status x509_signature_verify(const x509_sigalg *alg, const uint8_t *data, size_t len,
                                const x509_bytes *signature, const x509_bytes *issuer_spki)
{
    if (alg == NULL || signature == NULL || issuer_spki == NULL || (data == NULL && len != 0))
        return CL_ERR_NULL_POINTER;
    if (alg->kind == X509_SIG_UNKNOWN)
        return CL_ERR_X509_UNSUPPORTED_ALG;
    if (alg->kind == X509_SIG_RSA_PSS &&
        (!rsa_pss_params_usable(&alg->pss) || alg->pss.hash != &cl_hash_sha256))
        return CL_ERR_X509_UNSUPPORTED_ALG;   /* SHA-256 with MGF1-SHA-256 only */

    rsa_key key;
    rsa_key_alg kalg;
    rsa_key_init(&key);
    cl_status st = rsa_spki_from_der_alg(&key, issuer_spki->p, issuer_spki->len, &kalg, NULL);
    if (st == CL_OK)
        st = rsa_public_check(&key);
    if (st != CL_OK) {
        rsa_key_clear(&key);
        return st == CL_ERR_ASN1_OID ? CL_ERR_X509_UNSUPPORTED_ALG : CL_ERR_X509_BAD_SIGNATURE;
    }
    uint8_t h[32];
    if ((st = cl_hash_digest(&cl_hash_sha256, data, len, h)) != CL_OK) {
        rsa_key_clear(&key);
        return st;
    }
    if (alg->kind == X509_SIG_RSA_PKCS1_SHA256) {
        st = kalg.pss ? CL_ERR_VERIFY      /* RFC 4055 §1.2: a PSS key never signs PKCS#1 v1.5 */
                      : rsa_pkcs1v15_verify_digest(&key, &cl_hash_sha256, h, signature->p, signature->len);
    } else {
        st = !pss_allowed_by_key(&alg->pss, &kalg) ? CL_ERR_VERIFY
           : rsa_pss_verify_digest(&key, &cl_hash_sha256, h, (size_t)alg->pss.salt_len,
                                   signature->p, signature->len);
    }
    rsa_key_clear(&key);
    if (st == CL_ERR_VERIFY || st == CL_ERR_INPUT_LENGTH || st == CL_ERR_BAD_ARGUMENT)
        return CL_ERR_X509_BAD_SIGNATURE;
    return st;
}
