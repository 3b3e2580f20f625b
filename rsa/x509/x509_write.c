/*
 * rsa/x509/x509_write.c -- writing and signing certificates (RFC 5280
 * §4.1) and certification requests (RFC 2986 §4).
 *
 * The TBSCertificate (or CertificationRequestInfo) is written in place in
 * the output buffer, signed there, and the Certificate closed around it:
 *   Certificate ::= SEQUENCE { tbsCertificate, signatureAlgorithm, signatureValue }
 * Version: v3 when there are extensions, v1 otherwise (as `openssl x509
 * -req` without -extfile makes).  Signatures: sha256WithRSAEncryption
 * (RSASSA-PKCS1-v1_5, RFC 8017 §8.2), or RSASSA-PSS with SHA-256, MGF1-SHA-256
 * and the salt length written in the parameters (RFC 4055 §3.1).
 */
#include <string.h>
#include "common/random.h"
#include "rsa/x509/x509_internal.h"
#include "rsa/x509/x509_write.h"

cl_status x509_sigopt_parse(x509_sign_alg *a, const char *opt)
{
    if (strcmp(opt, "rsa_padding_mode:pss") == 0) {
        a->kind = X509_SIGN_PSS_SHA256;
        if (a->pss_salt == 0)
            a->pss_salt = 32;
    } else if (strcmp(opt, "rsa_padding_mode:pkcs1") == 0) {
        a->kind = X509_SIGN_PKCS1_SHA256;
    } else if (strncmp(opt, "rsa_pss_saltlen:", 16) == 0) {
        const char *v = opt + 16;
        if (strcmp(v, "digest") == 0 || strcmp(v, "-1") == 0)
            a->pss_salt = 32;
        else if (strcmp(v, "max") == 0 || strcmp(v, "-3") == 0)
            a->pss_salt = RSA_PSS_SALT_MAX;
        else {
            size_t n = 0;
            if (*v == '\0')
                return CL_ERR_BAD_ARGUMENT;
            for (; *v; v++) {
                if (*v < '0' || *v > '9' || n > 100000)
                    return CL_ERR_BAD_ARGUMENT;
                n = n * 10 + (size_t)(*v - '0');
            }
            a->pss_salt = n;
        }
    } else {
        return CL_ERR_BAD_ARGUMENT;
    }
    return CL_OK;
}

/* The salt length PSS will use with this key (RFC 8017 §9.1.1: emLen >= hLen + sLen + 2). */
static size_t pss_salt(const x509_sign_alg *a, const rsa_key *key)
{
    size_t em_len = (mpz_sizeinbase(key->n, 2) - 1 + 7) / 8;
    if (a->pss_salt == RSA_PSS_SALT_MAX)
        return em_len - 32 - 2;
    return a->pss_salt == 0 ? 32 : a->pss_salt;
}

cl_status x509_sign_algid_write(der_writer *w, const x509_sign_alg *a, const rsa_key *key)
{
    der_begin(w, DER_SEQUENCE);
    if (a->kind == X509_SIGN_PSS_SHA256) {
        rsa_pss_params p;
        rsa_pss_params_sha256(&p, pss_salt(a, key));
        der_write_tlv(w, DER_OID, DER_OID_RSASSA_PSS, sizeof DER_OID_RSASSA_PSS);
        rsa_pss_params_write(w, &p);
    } else {
        der_write_tlv(w, DER_OID, DER_OID_SHA256_WITH_RSA, sizeof DER_OID_SHA256_WITH_RSA);
        der_write_null(w);
    }
    der_end(w);
    return CL_OK;
}

cl_status x509_sign(const x509_sign_alg *a, const rsa_key *key, const uint8_t *data, size_t len,
                    uint8_t *sig, size_t cap, size_t *sig_len)
{
    uint8_t h[32];
    cl_status st = cl_hash_digest(&cl_hash_sha256, data, len, h);
    if (st != CL_OK)
        return st;
    if (a->kind == X509_SIGN_PSS_SHA256)
        return rsa_pss_sign_digest(key, &cl_hash_sha256, h, pss_salt(a, key), NULL, sig, cap, sig_len);
    return rsa_pkcs1v15_sign_digest(key, &cl_hash_sha256, h, sig, cap, sig_len);
}

cl_status x509_serial_random(uint8_t serial[20], size_t *len)
{
    cl_status st = cl_random_bytes(serial, 20);
    if (st != CL_OK)
        return st;
    serial[0] &= 0x7F;                        /* positive, 159 bits */
    if (serial[0] == 0)
        serial[0] = 0x01;                     /* keep 20 octets: at least 152 random bits */
    *len = 20;
    return CL_OK;
}

/* INTEGER contents of a non-negative magnitude (a 00 in front when the top bit is set). */
static void write_serial(der_writer *w, const x509_bytes *mag)
{
    const uint8_t *p = mag->p;
    size_t n = mag->len;
    while (n > 1 && p[0] == 0) {
        p++;
        n--;
    }
    uint8_t c[22];
    size_t k = 0;
    if (n == 0 || (p[0] & 0x80))
        c[k++] = 0;
    memcpy(c + k, p, n);
    der_write_tlv(w, DER_INTEGER, c, k + n);
}

/* Signs the element at [start, w->len) and appends signatureAlgorithm and
 * signatureValue. */
static cl_status sign_tail(der_writer *w, size_t start, const x509_sign_alg *alg, const rsa_key *key)
{
    uint8_t sig[RSA_MAX_BYTES];
    size_t sl = 0;
    if (w->overflow)
        return CL_ERR_OUTPUT_SPACE;
    cl_status st = x509_sign(alg, key, w->buf + start, w->len - start, sig, sizeof sig, &sl);
    if (st != CL_OK)
        return st;
    x509_sign_algid_write(w, alg, key);
    der_begin_bit_string(w);
      der_write_raw(w, sig, sl);
    der_end(w);
    return CL_OK;
}

static int spec_has_exts(const x509_ext_spec *e)
{
    return e != NULL && e->nall > 0;
}

cl_status x509_cert_write(const x509_cert_spec *spec, const x509_cert *issuer, const rsa_key *issuer_key,
                          uint8_t *out, size_t cap, size_t *len)
{
    if (spec == NULL || issuer_key == NULL || out == NULL || len == NULL)
        return CL_ERR_NULL_POINTER;
    if (!issuer_key->is_private)
        return CL_ERR_NOT_PRIVATE;
    /* the subject's key and SPKI (checked: it must be one we can write about) */
    der_reader r;
    x509_bytes spki, alg, alg_oid, key;
    der_reader_init(&r, spec->spki.p, spec->spki.len, NULL);
    if (x509_spki_read(&r, &spki, &alg, &alg_oid, &key) != CL_OK || !der_at_end(&r))
        return CL_ERR_BAD_ARGUMENT;
    /* what the authority key identifier refers to */
    x509_issuer_ref ref;
    uint8_t own_ski[20];
    memset(&ref, 0, sizeof ref);
    if (issuer != NULL) {
        ref.key = issuer->spki_key;
        ref.ski = issuer->ext.ski;
        ref.name = issuer->issuer;
        ref.serial = issuer->serial;
    } else {
        ref.key = key;
        if (spec->ext != NULL && (spec->ext->set & X509_EXT_SUBJECT_KEY_ID)) {
            if (spec->ext->ski_hash) {
                cl_status st = cl_hash_digest(&cl_hash_sha1, key.p, key.len, own_ski);
                if (st != CL_OK)
                    return st;
                ref.ski.p = own_ski;
                ref.ski.len = sizeof own_ski;
            } else {
                ref.ski = spec->ext->ski;
            }
        }
        ref.name = spec->subject;
    }
    uint8_t serial_int[22];
    {
        der_writer sw;
        size_t sl;
        der_writer_init(&sw, serial_int, sizeof serial_int);
        write_serial(&sw, &spec->serial);
        if (der_writer_result(&sw, &sl) != CL_OK)
            return CL_ERR_BAD_ARGUMENT;
        if (issuer == NULL) {                 /* skip the tag and length octets */
            ref.serial.p = serial_int + 2;
            ref.serial.len = sl - 2;
        }
    }
    const x509_bytes *issuer_name = issuer != NULL ? &issuer->subject : &spec->subject;

    der_writer w;
    der_writer_init(&w, out, cap);
    der_begin(&w, DER_SEQUENCE);                       /* Certificate */
    size_t tbs_start = w.len;
    der_begin(&w, DER_SEQUENCE);                       /* TBSCertificate */
      if (spec_has_exts(spec->ext)) {
          der_begin(&w, DER_CONTEXT(0));
            der_write_uint(&w, 2);                     /* v3 */
          der_end(&w);
      }
      write_serial(&w, &spec->serial);
      x509_sign_algid_write(&w, &spec->alg, issuer_key);
      der_write_raw(&w, issuer_name->p, issuer_name->len);
      der_begin(&w, DER_SEQUENCE);                     /* Validity */
        if (x509_time_write(&w, spec->not_before) != CL_OK || x509_time_write(&w, spec->not_after) != CL_OK)
            return CL_ERR_BAD_ARGUMENT;
      der_end(&w);
      der_write_raw(&w, spec->subject.p, spec->subject.len);
      der_write_raw(&w, spec->spki.p, spec->spki.len);
      if (spec_has_exts(spec->ext)) {
          der_begin(&w, DER_CONTEXT(3));
          cl_status st = x509_exts_write(&w, spec->ext, &key, &ref);
          if (st != CL_OK)
              return st;
          der_end(&w);
      }
    der_end(&w);
    cl_status st = sign_tail(&w, tbs_start, &spec->alg, issuer_key);
    if (st != CL_OK)
        return st;
    der_end(&w);
    return der_writer_result(&w, len);
}

cl_status x509_csr_write(const x509_bytes *subject, const rsa_key *key, const x509_ext_spec *ext,
                         const x509_sign_alg *alg, uint8_t *out, size_t cap, size_t *len)
{
    if (subject == NULL || key == NULL || alg == NULL || out == NULL || len == NULL)
        return CL_ERR_NULL_POINTER;
    if (!key->is_private)
        return CL_ERR_NOT_PRIVATE;
    uint8_t spki[RSA_MAX_BYTES + 64];
    size_t spki_len;
    cl_status st = rsa_spki_der(key, spki, sizeof spki, &spki_len);
    if (st != CL_OK)
        return st;
    x509_bytes subject_key = {spki, spki_len};
    {
        der_reader r;
        x509_bytes a, b, c;
        der_reader_init(&r, spki, spki_len, NULL);
        if (x509_spki_read(&r, &a, &b, &c, &subject_key) != CL_OK)
            return CL_ERR_BAD_ARGUMENT;
    }
    int exts = spec_has_exts(ext) && !(ext->nall == 1 && ext->order_all[0] == X509_EXT_AUTHORITY_KEY_ID);
    der_writer w;
    der_writer_init(&w, out, cap);
    der_begin(&w, DER_SEQUENCE);                       /* CertificationRequest */
    size_t info_start = w.len;
    der_begin(&w, DER_SEQUENCE);                       /* CertificationRequestInfo */
      der_write_uint(&w, 0);                           /* version v1 */
      der_write_raw(&w, subject->p, subject->len);
      der_write_raw(&w, spki, spki_len);
      der_begin(&w, DER_CONTEXT(0));                   /* attributes */
      if (exts) {
          der_begin(&w, DER_SEQUENCE);
            der_write_tlv(&w, DER_OID, X509_OID_EXTENSION_REQUEST, sizeof X509_OID_EXTENSION_REQUEST);
            der_begin(&w, DER_SET);
              if ((st = x509_exts_write(&w, ext, &subject_key, NULL)) != CL_OK)
                  return st;
            der_end(&w);
          der_end(&w);
      }
      der_end(&w);
    der_end(&w);
    if ((st = sign_tail(&w, info_start, alg, key)) != CL_OK)
        return st;
    der_end(&w);
    return der_writer_result(&w, len);
}

cl_status x509_serial_from_text(const char *text, int hex, uint8_t out[20], size_t *len)
{
    if (text == NULL || out == NULL || len == NULL)
        return CL_ERR_NULL_POINTER;
    int base = 10;
    if (hex)
        base = 16;
    else if (text[0] == '0' && (text[1] == 'x' || text[1] == 'X')) {
        base = 16;
        text += 2;
    }
    if (*text == '\0')
        return CL_ERR_BAD_ARGUMENT;
    for (const char *p = text; *p; p++) {
        int ok = base == 16 ? ((*p >= '0' && *p <= '9') || (*p >= 'a' && *p <= 'f') || (*p >= 'A' && *p <= 'F'))
                            : (*p >= '0' && *p <= '9');
        if (!ok)
            return CL_ERR_BAD_ARGUMENT;
    }
    mpz_t v;
    mpz_init(v);
    cl_status st = CL_OK;
    if (mpz_set_str(v, text, base) != 0 || mpz_sizeinbase(v, 2) > 159)
        st = CL_ERR_BAD_ARGUMENT;             /* positive and at most 20 octets as an INTEGER */
    else if (mpz_sgn(v) == 0) {
        out[0] = 0;
        *len = 1;
    } else {
        size_t got = 0;
        mpz_export(out, &got, 1, 1, 1, 0, v);
        *len = got;
    }
    mpz_clear(v);
    return st;
}

cl_status x509_serial_increment(uint8_t serial[20], size_t *len)
{
    if (serial == NULL || len == NULL || *len == 0 || *len > 20)
        return CL_ERR_BAD_ARGUMENT;
    for (size_t i = *len; i-- > 0;)
        if (++serial[i] != 0)
            goto done;
    if (*len == 20)                           /* 2^160: too large */
        return CL_ERR_BAD_ARGUMENT;
    memmove(serial + 1, serial, *len);
    serial[0] = 1;
    (*len)++;
done:
    if (*len == 20 && (serial[0] & 0x80))     /* would need 21 octets */
        return CL_ERR_BAD_ARGUMENT;
    return CL_OK;
}
