/*
 * rsa/rsa_keyfile.c -- RSA keys in the formats OpenSSL reads and writes:
 * PKCS#1 RSAPrivateKey / RSAPublicKey (RFC 8017 §A.1), PKCS#8
 * PrivateKeyInfo (RFC 5208 §5), EncryptedPrivateKeyInfo with PBES2
 * (RFC 5208 §6, RFC 8018), X.509 SubjectPublicKeyInfo (RFC 5280 §4.1.2.7,
 * RFC 3279 §2.3.1; id-RSASSA-PSS keys: RFC 4055 §1.2), each as DER or PEM
 * (RFC 7468).  See rsa/rsa_keyfile.h.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "common/ct.h"
#include "rsa/pbes2.h"
#include "rsa/pem.h"
#include "rsa/rsa_pss_params.h"
#include "rsa/rsa_keyfile.h"

/* ------------------------------------------------------------ small helpers */

static void key_reset(rsa_key *key)
{
    mpz_t *all[] = {&key->n, &key->e, &key->d, &key->p, &key->q, &key->dP, &key->dQ, &key->qInv};
    for (size_t i = 0; i < sizeof all / sizeof all[0]; i++)
        mpz_set_ui(*all[i], 0);
    key->is_private = 0;
}

static void free_secret(uint8_t *p, size_t n)
{
    if (p != NULL) {
        cl_wipe(p, n);
        free(p);
    }
}

static const char *pem_label(rsa_key_format fmt)
{
    switch (fmt) {
    case RSA_KEY_PKCS8:           return "PRIVATE KEY";
    case RSA_KEY_PKCS8_ENCRYPTED: return "ENCRYPTED PRIVATE KEY";
    case RSA_KEY_PKCS1:           return "RSA PRIVATE KEY";
    case RSA_KEY_SPKI:            return "PUBLIC KEY";
    case RSA_KEY_PKCS1_PUBLIC:    return "RSA PUBLIC KEY";
    }
    return NULL;
}

static int format_is_private(rsa_key_format fmt)
{
    return fmt == RSA_KEY_PKCS8 || fmt == RSA_KEY_PKCS8_ENCRYPTED || fmt == RSA_KEY_PKCS1;
}

/* ------------------------------------------------------------ writing */

/* AlgorithmIdentifier { rsaEncryption, NULL } (RFC 3279 §2.3.1: the
 * parameters MUST be present and NULL). */
static void write_rsa_algid(der_writer *w)
{
    der_begin(w, DER_SEQUENCE);
      der_write_tlv(w, DER_OID, DER_OID_RSA_ENCRYPTION, sizeof DER_OID_RSA_ENCRYPTION);
      der_write_null(w);
    der_end(w);
}

/* RFC 8017 §A.1.2 RSAPrivateKey, version 0 (two-prime). */
static void write_rsa_private_key(der_writer *w, const rsa_key *key)
{
    der_begin(w, DER_SEQUENCE);
      der_write_uint(w, 0);                     /* version two-prime(0) */
      der_write_integer_mpz(w, key->n);         /* modulus */
      der_write_integer_mpz(w, key->e);         /* publicExponent */
      der_write_integer_mpz(w, key->d);         /* privateExponent */
      der_write_integer_mpz(w, key->p);         /* prime1 */
      der_write_integer_mpz(w, key->q);         /* prime2 */
      der_write_integer_mpz(w, key->dP);        /* exponent1 = d mod (p-1) */
      der_write_integer_mpz(w, key->dQ);        /* exponent2 = d mod (q-1) */
      der_write_integer_mpz(w, key->qInv);      /* coefficient = q^-1 mod p */
    der_end(w);
}

/* RFC 8017 §A.1.1 RSAPublicKey. */
static void write_rsa_public_key(der_writer *w, const rsa_key *key)
{
    der_begin(w, DER_SEQUENCE);
      der_write_integer_mpz(w, key->n);
      der_write_integer_mpz(w, key->e);
    der_end(w);
}

/* RFC 5208 §5 PrivateKeyInfo (version 0, no attributes). */
static void write_private_key_info(der_writer *w, const rsa_key *key)
{
    der_begin(w, DER_SEQUENCE);
      der_write_uint(w, 0);
      write_rsa_algid(w);
      der_begin(w, DER_OCTET_STRING);
        write_rsa_private_key(w, key);
      der_end(w);
    der_end(w);
}

/* RFC 5280 §4.1.2.7 SubjectPublicKeyInfo. */
static void write_spki(der_writer *w, const rsa_key *key)
{
    der_begin(w, DER_SEQUENCE);
      write_rsa_algid(w);
      der_begin_bit_string(w);
        write_rsa_public_key(w, key);
      der_end(w);
    der_end(w);
}

static int public_ok(const rsa_key *key)
{
    return key != NULL && mpz_sgn(key->n) > 0 && mpz_sgn(key->e) > 0;
}

static int private_ok(const rsa_key *key)
{
    return public_ok(key) && key->is_private &&
           mpz_sgn(key->d) > 0 && mpz_sgn(key->p) > 0 && mpz_sgn(key->q) > 0 &&
           mpz_sgn(key->dP) > 0 && mpz_sgn(key->dQ) > 0 && mpz_sgn(key->qInv) > 0;
}

size_t rsa_key_der_bound(const rsa_key *key)
{
    size_t k = (mpz_sizeinbase(key->n, 2) + 7) / 8;
    size_t ke = (mpz_sizeinbase(key->e, 2) + 7) / 8;
    return 8 * (k + 8) + ke + 8 + 256;        /* 8 numbers < n, e, headers, PBES2 */
}

typedef void (*der_body)(der_writer *w, const rsa_key *key);

static cl_status encode_with(der_body body, const rsa_key *key, uint8_t *out, size_t cap, size_t *len)
{
    if (out == NULL || len == NULL)
        return CL_ERR_NULL_POINTER;
    der_writer w;
    der_writer_init(&w, out, cap);
    body(&w, key);
    return der_writer_result(&w, len);
}

cl_status rsa_private_pkcs1_der(const rsa_key *key, uint8_t *out, size_t cap, size_t *len)
{
    if (!private_ok(key))
        return key == NULL ? CL_ERR_NULL_POINTER : CL_ERR_NOT_PRIVATE;
    return encode_with(write_rsa_private_key, key, out, cap, len);
}

cl_status rsa_private_pkcs8_der(const rsa_key *key, uint8_t *out, size_t cap, size_t *len)
{
    if (!private_ok(key))
        return key == NULL ? CL_ERR_NULL_POINTER : CL_ERR_NOT_PRIVATE;
    return encode_with(write_private_key_info, key, out, cap, len);
}

cl_status rsa_public_pkcs1_der(const rsa_key *key, uint8_t *out, size_t cap, size_t *len)
{
    if (!public_ok(key))
        return key == NULL ? CL_ERR_NULL_POINTER : CL_ERR_KEY_INVALID;
    return encode_with(write_rsa_public_key, key, out, cap, len);
}

cl_status rsa_spki_der(const rsa_key *key, uint8_t *out, size_t cap, size_t *len)
{
    if (!public_ok(key))
        return key == NULL ? CL_ERR_NULL_POINTER : CL_ERR_KEY_INVALID;
    return encode_with(write_spki, key, out, cap, len);
}

/* RFC 5208 §6 EncryptedPrivateKeyInfo: PBES2-encrypt the PrivateKeyInfo. */
static cl_status encrypted_pkcs8_der(const rsa_key *key, const char *password,
                                     uint8_t *out, size_t cap, size_t *len)
{
    size_t bound = rsa_key_der_bound(key), plen = 0, clen = 0;
    uint8_t *plain = malloc(bound), *ct = malloc(bound + 32);
    pbes2_params prm;
    cl_status st = CL_ERR_NOMEM;
    if (plain == NULL || ct == NULL)
        goto out;
    if ((st = rsa_private_pkcs8_der(key, plain, bound, &plen)) != CL_OK ||
        (st = pbes2_params_new(&prm)) != CL_OK ||
        (st = pbes2_encrypt(&prm, (const uint8_t *)password, strlen(password),
                            plain, plen, ct, bound + 32, &clen)) != CL_OK)
        goto out;
    der_writer w;
    der_writer_init(&w, out, cap);
    der_begin(&w, DER_SEQUENCE);
      pbes2_write_algid(&w, &prm);
      der_write_tlv(&w, DER_OCTET_STRING, ct, clen);
    der_end(&w);
    st = der_writer_result(&w, len);
out:
    free_secret(plain, bound);
    free(ct);
    return st;
}

cl_status rsa_key_encode(const rsa_key *key, rsa_key_format fmt, int pem,
                         const char *password, uint8_t **out, size_t *len)
{
    if (key == NULL || out == NULL || len == NULL)
        return CL_ERR_NULL_POINTER;
    const char *label = pem_label(fmt);
    if (label == NULL)
        return CL_ERR_BAD_ARGUMENT;
    if (format_is_private(fmt) && !private_ok(key))
        return CL_ERR_NOT_PRIVATE;
    if (fmt == RSA_KEY_PKCS8_ENCRYPTED && password == NULL)
        return CL_ERR_PASSWORD;
    *out = NULL;
    *len = 0;

    size_t cap = rsa_key_der_bound(key) + 64, dlen = 0;
    uint8_t *der = malloc(cap);
    if (der == NULL)
        return CL_ERR_NOMEM;
    cl_status st;
    switch (fmt) {
    case RSA_KEY_PKCS8:           st = rsa_private_pkcs8_der(key, der, cap, &dlen); break;
    case RSA_KEY_PKCS8_ENCRYPTED: st = encrypted_pkcs8_der(key, password, der, cap, &dlen); break;
    case RSA_KEY_PKCS1:           st = rsa_private_pkcs1_der(key, der, cap, &dlen); break;
    case RSA_KEY_SPKI:            st = rsa_spki_der(key, der, cap, &dlen); break;
    default:                      st = rsa_public_pkcs1_der(key, der, cap, &dlen); break;
    }
    if (st != CL_OK || !pem) {
        if (st != CL_OK) {
            free_secret(der, cap);
            return st;
        }
        *out = der;
        *len = dlen;
        return CL_OK;
    }
    size_t pcap = pem_encoded_len(label, dlen) + 1, plen = 0;
    char *text = malloc(pcap);
    if (text == NULL)
        st = CL_ERR_NOMEM;
    else
        st = pem_encode(label, der, dlen, text, pcap, &plen);
    free_secret(der, cap);
    if (st != CL_OK) {
        free_secret((uint8_t *)text, pcap);
        return st;
    }
    *out = (uint8_t *)text;
    *len = plen;
    return CL_OK;
}

cl_status rsa_key_save_private_pem(const rsa_key *key, const char *password,
                                   char **pem, size_t *len)
{
    if (pem == NULL)
        return CL_ERR_NULL_POINTER;
    uint8_t *out = NULL;
    cl_status st = rsa_key_encode(key, password ? RSA_KEY_PKCS8_ENCRYPTED : RSA_KEY_PKCS8,
                                  1, password, &out, len);
    *pem = (char *)out;
    return st;
}

/* ------------------------------------------------------------ reading */

static cl_status read_key_integer(der_reader *r, mpz_t x, const char *what)
{
    return der_read_integer_mpz(r, x, 1, what);
}

/* AlgorithmIdentifier { rsaEncryption, NULL } (RFC 3279 §2.3.1), or
 * { id-RSASSA-PSS, absent | RSASSA-PSS-params } (RFC 4055 §1.2: a key
 * that may only make PSS signatures, with those parameters if present).
 * alg may be NULL. */
static cl_status read_rsa_algid(der_reader *r, rsa_key_alg *alg)
{
    der_reader a;
    const uint8_t *oid;
    size_t n, at;
    rsa_key_alg scratch;
    if (alg == NULL)
        alg = &scratch;
    memset(alg, 0, sizeof *alg);
    cl_status st = der_read_sequence(r, &a);
    if (st != CL_OK)
        return st;
    at = a.pos;
    if ((st = der_read_oid(&a, &oid, &n)) != CL_OK)
        return st;
    if (der_oid_eq(oid, n, DER_OID_RSASSA_PSS, sizeof DER_OID_RSASSA_PSS)) {
        alg->pss = 1;
        rsa_pss_params_default(&alg->params);
        if (!der_at_end(&a)) {                /* parameters: restrictions on the key */
            if ((st = rsa_pss_params_read(&a, &alg->params)) != CL_OK)
                return st;
            alg->restricted = 1;
        }
        return der_finish(&a, "unexpected data in the id-RSASSA-PSS AlgorithmIdentifier");
    }
    if (!der_oid_eq(oid, n, DER_OID_RSA_ENCRYPTION, sizeof DER_OID_RSA_ENCRYPTION))
        return der_fail_oid(&a, at, "not an RSA key (algorithm is not rsaEncryption or id-RSASSA-PSS)", oid, n);
    if ((st = der_read_null(&a)) != CL_OK)
        return st;
    return der_finish(&a, "unexpected data in the rsaEncryption AlgorithmIdentifier");
}

/* RFC 8017 §A.1.2 RSAPrivateKey, read from the element at r. */
static cl_status read_rsa_private_key(der_reader *r, rsa_key *key)
{
    der_reader s;
    uint64_t version;
    size_t at;
    cl_status st = der_read_sequence(r, &s);
    if (st != CL_OK)
        return st;
    at = s.pos;
    if ((st = der_read_uint(&s, 1, &version, "RSAPrivateKey version is not 0")) != CL_OK)
        return st;
    if (version != 0)
        return der_fail(&s, at, "multi-prime RSA keys (RSAPrivateKey version 1) are not supported");
    if ((st = read_key_integer(&s, key->n, "negative modulus")) != CL_OK ||
        (st = read_key_integer(&s, key->e, "negative public exponent")) != CL_OK ||
        (st = read_key_integer(&s, key->d, "negative private exponent")) != CL_OK ||
        (st = read_key_integer(&s, key->p, "negative prime1")) != CL_OK ||
        (st = read_key_integer(&s, key->q, "negative prime2")) != CL_OK ||
        (st = read_key_integer(&s, key->dP, "negative exponent1")) != CL_OK ||
        (st = read_key_integer(&s, key->dQ, "negative exponent2")) != CL_OK ||
        (st = read_key_integer(&s, key->qInv, "negative coefficient")) != CL_OK)
        return st;
    if ((st = der_finish(&s, "unexpected data after the RSAPrivateKey coefficient")) != CL_OK)
        return st;
    key->is_private = 1;
    return CL_OK;
}

/* RFC 8017 §A.1.1 RSAPublicKey. */
static cl_status read_rsa_public_key(der_reader *r, rsa_key *key)
{
    der_reader s;
    cl_status st = der_read_sequence(r, &s);
    if (st != CL_OK)
        return st;
    if ((st = read_key_integer(&s, key->n, "negative modulus")) != CL_OK ||
        (st = read_key_integer(&s, key->e, "negative public exponent")) != CL_OK)
        return st;
    key->is_private = 0;
    return der_finish(&s, "unexpected data after the RSAPublicKey exponent");
}

/* RFC 5208 §5 PrivateKeyInfo. */
static cl_status read_private_key_info(der_reader *r, rsa_key *key)
{
    der_reader s, inner;
    const uint8_t *c;
    size_t n, at;
    uint64_t version;
    cl_status st = der_read_sequence(r, &s);
    if (st != CL_OK)
        return st;
    at = s.pos;
    if ((st = der_read_uint(&s, 1, &version, "PrivateKeyInfo version is not 0")) != CL_OK)
        return st;
    if (version != 0)
        return der_fail(&s, at, "PKCS#8 v2 (OneAsymmetricKey, version 1) is not supported");
    if ((st = read_rsa_algid(&s, NULL)) != CL_OK)
        return st;
    if ((st = der_read_octet_string(&s, &c, &n)) != CL_OK)
        return st;
    inner.buf = s.buf;                         /* parse in place: offsets stay global */
    inner.pos = (size_t)(c - s.buf);
    inner.end = inner.pos + n;
    inner.err = s.err;
    if ((st = read_rsa_private_key(&inner, key)) != CL_OK)
        return st;
    if ((st = der_finish(&inner, "trailing data after the RSAPrivateKey")) != CL_OK)
        return st;
    if (der_peek_tag(&s) == (int)DER_CONTEXT(0)) {   /* attributes [0]: ignored */
        der_reader attrs;
        if ((st = der_read_constructed(&s, DER_CONTEXT(0), &attrs)) != CL_OK)
            return st;
    }
    return der_finish(&s, "unexpected data at the end of the PrivateKeyInfo");
}

/* RFC 5280 §4.1.2.7 SubjectPublicKeyInfo; alg may be NULL. */
static cl_status read_spki_alg(der_reader *r, rsa_key *key, rsa_key_alg *alg)
{
    der_reader s, inner;
    const uint8_t *c;
    size_t n;
    cl_status st = der_read_sequence(r, &s);
    if (st != CL_OK)
        return st;
    if ((st = read_rsa_algid(&s, alg)) != CL_OK)
        return st;
    if ((st = der_read_bit_string_octets(&s, &c, &n)) != CL_OK)
        return st;
    der_reader_sub(&s, c, n, &inner);
    if ((st = read_rsa_public_key(&inner, key)) != CL_OK)
        return st;
    if ((st = der_finish(&inner, "trailing data after the RSAPublicKey")) != CL_OK)
        return st;
    return der_finish(&s, "unexpected data at the end of the SubjectPublicKeyInfo");
}

static cl_status read_spki(der_reader *r, rsa_key *key)
{
    return read_spki_alg(r, key, NULL);
}

typedef cl_status (*der_parser)(der_reader *r, rsa_key *key);

static cl_status parse_whole(der_parser parse, rsa_key *key, const uint8_t *der, size_t len, der_error *err)
{
    if (key == NULL || (der == NULL && len != 0))
        return CL_ERR_NULL_POINTER;
    der_reader r;
    der_reader_init(&r, der, len, err);
    cl_status st = parse(&r, key);
    if (st == CL_OK)
        st = der_finish(&r, "trailing data after the key");
    if (st != CL_OK)
        key_reset(key);
    return st;
}

cl_status rsa_private_pkcs1_from_der(rsa_key *key, const uint8_t *der, size_t len, der_error *err)
{
    return parse_whole(read_rsa_private_key, key, der, len, err);
}

cl_status rsa_private_pkcs8_from_der(rsa_key *key, const uint8_t *der, size_t len, der_error *err)
{
    return parse_whole(read_private_key_info, key, der, len, err);
}

cl_status rsa_public_pkcs1_from_der(rsa_key *key, const uint8_t *der, size_t len, der_error *err)
{
    return parse_whole(read_rsa_public_key, key, der, len, err);
}

cl_status rsa_spki_from_der_ex(rsa_key *key, const uint8_t *der, size_t len, der_error *err)
{
    return parse_whole(read_spki, key, der, len, err);
}

cl_status rsa_spki_from_der_alg(rsa_key *key, const uint8_t *der, size_t len,
                                rsa_key_alg *alg, der_error *err)
{
    if (key == NULL || alg == NULL || (der == NULL && len != 0))
        return CL_ERR_NULL_POINTER;
    der_reader r;
    der_reader_init(&r, der, len, err);
    cl_status st = read_spki_alg(&r, key, alg);
    if (st == CL_OK)
        st = der_finish(&r, "trailing data after the key");
    if (st != CL_OK)
        key_reset(key);
    return st;
}

cl_status rsa_public_check(const rsa_key *key)
{
    if (key == NULL)
        return CL_ERR_NULL_POINTER;
    if (mpz_sgn(key->n) <= 0 || mpz_even_p(key->n))
        return CL_ERR_KEY_INVALID;
    size_t bits = mpz_sizeinbase(key->n, 2);
    if (bits < RSA_MIN_BITS || bits > RSA_MAX_BITS)
        return CL_ERR_KEY_SIZE;
    /* RFC 8017 §3.1: 3 <= e <= n - 1; e odd */
    if (mpz_cmp_ui(key->e, 3) < 0 || mpz_cmp(key->e, key->n) >= 0 || mpz_even_p(key->e))
        return CL_ERR_KEY_INVALID;
    return CL_OK;
}

cl_status rsa_spki_from_der(rsa_key *key, const uint8_t *der, size_t len)
{
    cl_status st = rsa_spki_from_der_ex(key, der, len, NULL);
    if (st == CL_OK && (st = rsa_public_check(key)) != CL_OK)
        key_reset(key);
    return st;
}

/* ------------------------------------------------------------ loading files */

static cl_status set_error(rsa_keyfile_error *err, cl_status st, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));


static cl_status set_error(rsa_keyfile_error *err, cl_status st, const char *fmt, ...)
{
    if (err != NULL) {
        int n = snprintf(err->detail, sizeof err->detail, "%s", cl_strerror(st));
        if (fmt != NULL && n >= 0 && (size_t)n < sizeof err->detail) {
            va_list ap;
            va_start(ap, fmt);
            vsnprintf(err->detail + n, sizeof err->detail - (size_t)n, fmt, ap);
            va_end(ap);
        }
        err->status = st;
    }
    return st;
}

/* Names for the algorithms people most often feed us by mistake. */
static const char *oid_name(const char *dotted)
{
    static const struct { const char *oid, *name; } names[] = {
        {"1.2.840.10045.2.1", "an EC key"},
        {"1.3.101.112", "an Ed25519 key"},
        {"1.3.101.113", "an Ed448 key"},
        {"1.3.101.110", "an X25519 key"},
        {"1.2.840.10040.4.1", "a DSA key"},
        {"1.2.840.113549.1.3.1", "a DH key"},
    };
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
        if (strcmp(dotted, names[i].oid) == 0)
            return names[i].name;
    return NULL;
}

static cl_status der_problem(rsa_keyfile_error *err, cl_status st, const der_error *de)
{
    if (de->reason == NULL)
        return set_error(err, st, NULL);
    if (st == CL_ERR_ASN1_OID && de->oid[0]) {
        const char *name = oid_name(de->oid);
        return set_error(err, st, ": %s: found %s%s%s%s", de->reason, de->oid,
                         name ? " (" : "", name ? name : "", name ? ")" : "");
    }
    return set_error(err, st, ": %s (at offset %zu)", de->reason, de->offset);
}

/* Guesses which structure a DER blob is from its first elements:
 *   SEQUENCE { INTEGER 0, SEQUENCE ...      PrivateKeyInfo
 *   SEQUENCE { INTEGER 0|1, INTEGER ...     RSAPrivateKey
 *   SEQUENCE { INTEGER n, INTEGER e }       RSAPublicKey
 *   SEQUENCE { SEQUENCE, BIT STRING }       SubjectPublicKeyInfo
 *   SEQUENCE { SEQUENCE, OCTET STRING }     EncryptedPrivateKeyInfo
 * Returns 0 if none fits (the error is reported by the real parser). */
static rsa_key_format guess_der(const uint8_t *der, size_t len)
{
    der_reader r, s;
    const uint8_t *c;
    size_t n;
    der_reader_init(&r, der, len, NULL);
    if (der_read_sequence(&r, &s) != CL_OK)
        return 0;
    int t1 = der_peek_tag(&s);
    if (t1 == DER_INTEGER) {
        if (der_read_tlv(&s, DER_INTEGER, &c, &n) != CL_OK)
            return 0;
        int small = n == 1 && c[0] <= 1;
        int t2 = der_peek_tag(&s);
        if (small && t2 == DER_SEQUENCE)
            return RSA_KEY_PKCS8;
        if (small && t2 == DER_INTEGER)
            return RSA_KEY_PKCS1;
        return RSA_KEY_PKCS1_PUBLIC;
    }
    if (t1 == DER_SEQUENCE) {
        if (der_read_tlv(&s, DER_SEQUENCE, &c, &n) != CL_OK)
            return 0;
        int t2 = der_peek_tag(&s);
        if (t2 == DER_BIT_STRING)
            return RSA_KEY_SPKI;
        if (t2 == DER_OCTET_STRING)
            return RSA_KEY_PKCS8_ENCRYPTED;
    }
    return 0;
}

static rsa_key_format format_of_label(const char *label)
{
    static const rsa_key_format all[] = {RSA_KEY_PKCS8, RSA_KEY_PKCS8_ENCRYPTED, RSA_KEY_PKCS1,
                                         RSA_KEY_SPKI, RSA_KEY_PKCS1_PUBLIC};
    for (size_t i = 0; i < sizeof all / sizeof all[0]; i++)
        if (strcmp(label, pem_label(all[i])) == 0)
            return all[i];
    return 0;
}

/* Unwraps PEM if present: *der is either data itself or a malloc'ed copy
 * (*owned set), and *fmt the format named by the label (0 for DER). */
static cl_status unarmour(const uint8_t *data, size_t len, const uint8_t **der, size_t *der_len,
                          uint8_t **owned, rsa_key_format *fmt, rsa_keyfile_error *err)
{
    *owned = NULL;
    *fmt = 0;
    if (len == 0)
        return set_error(err, CL_ERR_ASN1, ": the key file is empty");
    if (!pem_detect(data, len)) {
        if (data[0] != DER_SEQUENCE)
            return set_error(err, CL_ERR_PEM, ": neither PEM (no \"-----BEGIN\" line) nor DER");
        *der = data;
        *der_len = len;
        return CL_OK;
    }
    char label[PEM_LABEL_MAX];
    const char *why = NULL;
    uint8_t *buf = malloc(len);
    if (buf == NULL)
        return set_error(err, CL_ERR_NOMEM, NULL);
    cl_status st = pem_decode(data, len, label, buf, len, der_len, &why);
    if (st != CL_OK) {
        free_secret(buf, len);
        return set_error(err, st, ": %s", why ? why : "cannot decode");
    }
    *fmt = format_of_label(label);
    if (*fmt == 0) {
        free_secret(buf, len);
        return set_error(err, CL_ERR_PEM, ": unexpected PEM label \"%s\" (not an RSA key)", label);
    }
    *owned = buf;
    *der = buf;
    return CL_OK;
}

/* RFC 5208 §6 EncryptedPrivateKeyInfo -> decrypted PrivateKeyInfo -> key. */
static cl_status load_encrypted(rsa_key *key, const uint8_t *der, size_t len,
                                const char *password, rsa_keyfile_error *err)
{
    der_error de;
    der_reader r, s;
    pbes2_params prm;
    const uint8_t *c;
    size_t n, m_len = 0;
    cl_status st;

    der_reader_init(&r, der, len, &de);
    if ((st = der_read_sequence(&r, &s)) != CL_OK ||
        (st = pbes2_read_algid(&s, &prm)) != CL_OK ||
        (st = der_read_octet_string(&s, &c, &n)) != CL_OK ||
        (st = der_finish(&s, "unexpected data at the end of the EncryptedPrivateKeyInfo")) != CL_OK ||
        (st = der_finish(&r, "trailing data after the key")) != CL_OK)
        return der_problem(err, st, &de);
    if (password == NULL)
        return set_error(err, CL_ERR_PASSWORD, ": the key is encrypted and no password was given");
    uint8_t *plain = malloc(n + 16);
    if (plain == NULL)
        return set_error(err, CL_ERR_NOMEM, NULL);
    st = pbes2_decrypt(&prm, (const uint8_t *)password, strlen(password), c, n, plain, n + 16, &m_len);
    if (st == CL_OK) {
        st = rsa_private_pkcs8_from_der(key, plain, m_len, NULL);
        if (st == CL_ERR_ASN1 || st == CL_ERR_ASN1_OID)
            st = CL_ERR_PASSWORD;  /* garbage after decryption: almost surely the password */
    }
    free_secret(plain, n + 16);
    cl_wipe(&prm, sizeof prm);
    if (st == CL_ERR_PASSWORD)
        return set_error(err, st, NULL);
    if (st != CL_OK)
        return set_error(err, st, NULL);
    return CL_OK;
}

/* want: 1 private, 0 public, 2 either. */
static cl_status load(rsa_key *key, const uint8_t *data, size_t len, const char *password,
                      int want, rsa_key_format *fmt_out, rsa_keyfile_error *err)
{
    if (err != NULL) {
        err->status = CL_OK;
        err->detail[0] = '\0';
    }
    if (key == NULL || (data == NULL && len != 0))
        return set_error(err, CL_ERR_NULL_POINTER, NULL);
    key_reset(key);

    const uint8_t *der = NULL;
    size_t der_len = 0;
    uint8_t *owned = NULL;
    rsa_key_format fmt;
    der_error de = {0};
    cl_status st = unarmour(data, len, &der, &der_len, &owned, &fmt, err);
    if (st != CL_OK)
        return st;
    if (fmt == 0)
        fmt = guess_der(der, der_len);
    if (fmt == 0) {          /* unknown DER: let the most likely parser explain */
        fmt = want == 0 ? RSA_KEY_SPKI : RSA_KEY_PKCS8;
    }
    if (want == 1 && !format_is_private(fmt)) {
        st = set_error(err, CL_ERR_NOT_PRIVATE, " (found %s)", pem_label(fmt));
        goto out;
    }
    if (want == 0 && format_is_private(fmt)) {
        st = CL_ERR_BAD_ARGUMENT;
        if (err != NULL) {
            err->status = st;
            snprintf(err->detail, sizeof err->detail,
                     "a public key is expected but a private key was given (found %s)", pem_label(fmt));
        }
        goto out;
    }
    switch (fmt) {
    case RSA_KEY_PKCS8:        st = rsa_private_pkcs8_from_der(key, der, der_len, &de); break;
    case RSA_KEY_PKCS1:        st = rsa_private_pkcs1_from_der(key, der, der_len, &de); break;
    case RSA_KEY_SPKI:         st = rsa_spki_from_der_ex(key, der, der_len, &de); break;
    case RSA_KEY_PKCS1_PUBLIC: st = rsa_public_pkcs1_from_der(key, der, der_len, &de); break;
    case RSA_KEY_PKCS8_ENCRYPTED:
        st = load_encrypted(key, der, der_len, password, err);
        if (st != CL_OK)
            goto out;
        break;
    }
    if (st != CL_OK) {
        der_problem(err, st, &de);
        goto out;
    }
    if ((st = rsa_public_check(key)) != CL_OK) {
        if (st == CL_ERR_KEY_SIZE)
            set_error(err, st, ": the modulus has %zu bits (%d to %d are accepted)",
                      mpz_sizeinbase(key->n, 2), RSA_MIN_BITS, RSA_MAX_BITS);
        else
            set_error(err, st, ": the modulus must be odd and the public exponent odd, 3 <= e < n");
        goto out;
    }
    if (key->is_private && (st = rsa_key_check(key)) != CL_OK) {
        set_error(err, st, ": one of n = p*q, e*d = 1 mod lambda(n), or the CRT values "
                           "(dP, dQ, qInv) does not hold");
        goto out;
    }
    if (fmt_out != NULL)
        *fmt_out = fmt;
out:
    if (owned != NULL)
        free_secret(owned, len);
    if (st != CL_OK)
        key_reset(key);
    return st;
}

cl_status rsa_key_load_private_ex(rsa_key *key, const uint8_t *data, size_t len,
                                  const char *password, rsa_key_format *fmt,
                                  rsa_keyfile_error *err)
{
    return load(key, data, len, password, 1, fmt, err);
}

cl_status rsa_key_load_public_ex(rsa_key *key, const uint8_t *data, size_t len,
                                 rsa_key_format *fmt, rsa_keyfile_error *err)
{
    return load(key, data, len, NULL, 0, fmt, err);
}

cl_status rsa_key_load_any(rsa_key *key, const uint8_t *data, size_t len,
                           const char *password, rsa_key_format *fmt,
                           rsa_keyfile_error *err)
{
    return load(key, data, len, password, 2, fmt, err);
}

cl_status rsa_key_load_private(rsa_key *key, const uint8_t *data, size_t len,
                               const char *password)
{
    return load(key, data, len, password, 1, NULL, NULL);
}

cl_status rsa_key_load_public(rsa_key *key, const uint8_t *data, size_t len)
{
    return load(key, data, len, NULL, 0, NULL, NULL);
}

int rsa_key_is_encrypted(const uint8_t *data, size_t len)
{
    static const char label[] = "-----BEGIN ENCRYPTED PRIVATE KEY-----";
    if (data == NULL || len == 0)
        return 0;
    if (pem_detect(data, len)) {
        size_t k = sizeof label - 1;
        for (size_t i = 0; i + k <= len; i++)
            if (memcmp(data + i, label, k) == 0)
                return 1;
        return 0;
    }
    return guess_der(data, len) == RSA_KEY_PKCS8_ENCRYPTED;
}
