/*
 * rsa/pbes2.c -- PBES2 with PBKDF2 and AES-256-CBC (RFC 8018 §6.2, §A.2,
 * §A.4, §B.2.5).  See rsa/pbes2.h.
 */
#include <string.h>
#include "aes/aes_modes.h"
#include "common/ct.h"
#include "common/random.h"
#include "sha256/pbkdf2.h"
#include "rsa/pbes2.h"

#define AES256_KEY_LEN 32

cl_status pbes2_params_new(pbes2_params *p)
{
    if (p == NULL)
        return CL_ERR_NULL_POINTER;
    memset(p, 0, sizeof *p);
    p->prf_hash = &cl_hash_sha256;
    p->salt_len = PBES2_DEFAULT_SALT_LEN;
    p->iterations = PBES2_DEFAULT_ITERATIONS;
    cl_status st = cl_random_bytes(p->salt, p->salt_len);
    if (st == CL_OK)
        st = cl_random_bytes(p->iv, sizeof p->iv);
    return st;
}

void pbes2_write_algid(der_writer *w, const pbes2_params *p)
{
    der_begin(w, DER_SEQUENCE);                                   /* AlgorithmIdentifier */
      der_write_tlv(w, DER_OID, DER_OID_PBES2, sizeof DER_OID_PBES2);
      der_begin(w, DER_SEQUENCE);                                 /* PBES2-params */
        der_begin(w, DER_SEQUENCE);                               /* keyDerivationFunc */
          der_write_tlv(w, DER_OID, DER_OID_PBKDF2, sizeof DER_OID_PBKDF2);
          der_begin(w, DER_SEQUENCE);                             /* PBKDF2-params */
            der_write_tlv(w, DER_OCTET_STRING, p->salt, p->salt_len);
            der_write_uint(w, p->iterations);
            if (p->prf_hash != &cl_hash_sha1) {                   /* DEFAULT is omitted in DER */
              der_begin(w, DER_SEQUENCE);
                der_write_tlv(w, DER_OID, DER_OID_HMAC_SHA256, sizeof DER_OID_HMAC_SHA256);
                der_write_null(w);
              der_end(w);
            }
          der_end(w);
        der_end(w);
        der_begin(w, DER_SEQUENCE);                               /* encryptionScheme */
          der_write_tlv(w, DER_OID, DER_OID_AES256_CBC, sizeof DER_OID_AES256_CBC);
          der_write_tlv(w, DER_OCTET_STRING, p->iv, sizeof p->iv);
        der_end(w);
      der_end(w);
    der_end(w);
}

/* prf AlgorithmIdentifier: hmacWithSHA1 or hmacWithSHA256, NULL or no parameters. */
static cl_status read_prf(der_reader *r, pbes2_params *p)
{
    der_reader alg;
    const uint8_t *oid;
    size_t n, at;
    cl_status st = der_read_sequence(r, &alg);
    if (st != CL_OK)
        return st;
    at = alg.pos;
    if ((st = der_read_oid(&alg, &oid, &n)) != CL_OK)
        return st;
    if (der_oid_eq(oid, n, DER_OID_HMAC_SHA256, sizeof DER_OID_HMAC_SHA256))
        p->prf_hash = &cl_hash_sha256;
    else if (der_oid_eq(oid, n, DER_OID_HMAC_SHA1, sizeof DER_OID_HMAC_SHA1))
        p->prf_hash = &cl_hash_sha1;
    else
        return der_fail_oid(r, at, "PBKDF2 PRF is not hmacWithSHA256 or hmacWithSHA1", oid, n);
    if (!der_at_end(&alg) && (st = der_read_null(&alg)) != CL_OK)
        return st;
    return der_finish(&alg, "unexpected data in the PRF AlgorithmIdentifier");
}

/* RFC 8018 §A.2 PBKDF2-params. */
static cl_status read_pbkdf2_params(der_reader *r, pbes2_params *p)
{
    der_reader prm;
    const uint8_t *salt;
    size_t n, at;
    uint64_t v;
    cl_status st = der_read_sequence(r, &prm);
    if (st != CL_OK)
        return st;
    at = prm.pos;
    if (der_peek_tag(&prm) == DER_SEQUENCE)
        return der_fail(r, at, "PBKDF2 salt from another source (otherSource) is not supported");
    if ((st = der_read_octet_string(&prm, &salt, &n)) != CL_OK)
        return st;
    if (n == 0 || n > PBES2_MAX_SALT_LEN)
        return der_fail(r, at, "PBKDF2 salt length out of range (1 to 64 octets)");
    memcpy(p->salt, salt, n);
    p->salt_len = n;
    if ((st = der_read_uint(&prm, PBES2_MAX_ITERATIONS, &v,
                            "PBKDF2 iteration count out of range (1 to " PBES2_STR(PBES2_MAX_ITERATIONS) ")")) != CL_OK)
        return st;
    if (v == 0)
        return der_fail(r, at, "PBKDF2 iteration count out of range (1 to " PBES2_STR(PBES2_MAX_ITERATIONS) ")");
    p->iterations = (uint32_t)v;
    if (der_peek_tag(&prm) == DER_INTEGER) {                      /* keyLength OPTIONAL */
        at = prm.pos;
        if ((st = der_read_uint(&prm, 1024, &v, "PBKDF2 keyLength is not 32")) != CL_OK)
            return st;
        if (v != AES256_KEY_LEN)
            return der_fail(r, at, "PBKDF2 keyLength is not 32 (AES-256)");
    }
    p->prf_hash = &cl_hash_sha1;                                  /* DEFAULT algid-hmacWithSHA1 */
    if (!der_at_end(&prm) && (st = read_prf(&prm, p)) != CL_OK)
        return st;
    return der_finish(&prm, "unexpected data after the PBKDF2 parameters");
}

cl_status pbes2_read_algid(der_reader *r, pbes2_params *p)
{
    der_reader alg, prm, kdf, enc;
    const uint8_t *oid, *iv;
    size_t n, at;
    cl_status st;

    memset(p, 0, sizeof *p);
    if ((st = der_read_sequence(r, &alg)) != CL_OK)
        return st;
    at = alg.pos;
    if ((st = der_read_oid(&alg, &oid, &n)) != CL_OK)
        return st;
    if (!der_oid_eq(oid, n, DER_OID_PBES2, sizeof DER_OID_PBES2))
        return der_fail_oid(r, at, "encryption is not PBES2 (old PKCS#5 v1.5 / PKCS#12 schemes are not supported)", oid, n);
    if ((st = der_read_sequence(&alg, &prm)) != CL_OK)
        return st;
    if ((st = der_finish(&alg, "unexpected data after the PBES2 parameters")) != CL_OK)
        return st;

    if ((st = der_read_sequence(&prm, &kdf)) != CL_OK)            /* keyDerivationFunc */
        return st;
    at = kdf.pos;
    if ((st = der_read_oid(&kdf, &oid, &n)) != CL_OK)
        return st;
    if (!der_oid_eq(oid, n, DER_OID_PBKDF2, sizeof DER_OID_PBKDF2))
        return der_fail_oid(r, at, "PBES2 key derivation is not PBKDF2 (scrypt is not supported)", oid, n);
    if ((st = read_pbkdf2_params(&kdf, p)) != CL_OK)
        return st;
    if ((st = der_finish(&kdf, "unexpected data after the PBKDF2 parameters")) != CL_OK)
        return st;

    if ((st = der_read_sequence(&prm, &enc)) != CL_OK)            /* encryptionScheme */
        return st;
    at = enc.pos;
    if ((st = der_read_oid(&enc, &oid, &n)) != CL_OK)
        return st;
    if (!der_oid_eq(oid, n, DER_OID_AES256_CBC, sizeof DER_OID_AES256_CBC))
        return der_fail_oid(r, at, "PBES2 cipher is not AES-256-CBC", oid, n);
    at = enc.pos;
    if ((st = der_read_octet_string(&enc, &iv, &n)) != CL_OK)
        return st;
    if (n != sizeof p->iv)
        return der_fail(r, at, "AES-256-CBC IV is not 16 octets");
    memcpy(p->iv, iv, n);
    if ((st = der_finish(&enc, "unexpected data after the AES-256-CBC IV")) != CL_OK)
        return st;
    return der_finish(&prm, "unexpected data in the PBES2 parameters");
}

/* §6.2.1 step 3 / §6.2.2 step 4: DK = KDF(P, S) with dkLen = 32 (AES-256). */
static cl_status derive(const pbes2_params *p, const uint8_t *pw, size_t pw_len,
                        uint8_t dk[AES256_KEY_LEN])
{
    if (p->iterations == 0 || p->salt_len == 0 || p->salt_len > PBES2_MAX_SALT_LEN)
        return CL_ERR_BAD_ARGUMENT;
    return pbkdf2_hmac(p->prf_hash, pw, pw_len, p->salt, p->salt_len, p->iterations,
                       dk, AES256_KEY_LEN);
}

static cl_status run_cbc(const uint8_t dk[AES256_KEY_LEN], const uint8_t iv[16], int encrypt,
                         const uint8_t *in, size_t in_len, uint8_t *out, size_t cap, size_t *out_len)
{
    aes_mode_ctx ctx;
    size_t n1 = 0, n2 = 0;
    cl_status st = aes_mode_init(&ctx, AES_MODE_CBC, encrypt, dk, AES256_KEY_LEN, iv, 16, 1);
    if (st != CL_OK)
        return st;
    st = aes_mode_update(&ctx, in, in_len, out, cap, &n1);
    if (st == CL_OK)
        st = aes_mode_final(&ctx, out + n1, cap - n1, &n2);
    aes_mode_clear(&ctx);
    if (st == CL_OK)
        *out_len = n1 + n2;
    return st;
}

cl_status pbes2_encrypt(const pbes2_params *p, const uint8_t *password, size_t password_len,
                        const uint8_t *m, size_t m_len, uint8_t *c, size_t c_cap, size_t *c_len)
{
    if (p == NULL || (password == NULL && password_len != 0) || m == NULL || c == NULL || c_len == NULL)
        return CL_ERR_NULL_POINTER;
    if (c_cap < m_len + 16 + 16)      /* aes_mode_update asks for in_len + 16 of room */
        return CL_ERR_OUTPUT_SPACE;
    uint8_t dk[AES256_KEY_LEN];
    cl_status st = derive(p, password, password_len, dk);
    if (st == CL_OK)
        st = run_cbc(dk, p->iv, 1, m, m_len, c, c_cap, c_len);
    cl_wipe(dk, sizeof dk);
    return st;
}

cl_status pbes2_decrypt(const pbes2_params *p, const uint8_t *password, size_t password_len,
                        const uint8_t *c, size_t c_len, uint8_t *m, size_t m_cap, size_t *m_len)
{
    if (p == NULL || (password == NULL && password_len != 0) || c == NULL || m == NULL || m_len == NULL)
        return CL_ERR_NULL_POINTER;
    if (c_len == 0 || c_len % 16 != 0)
        return CL_ERR_PASSWORD;       /* not a CBC ciphertext: damaged */
    if (m_cap < c_len + 16)
        return CL_ERR_OUTPUT_SPACE;
    uint8_t dk[AES256_KEY_LEN];
    cl_status st = derive(p, password, password_len, dk);
    if (st == CL_OK) {
        st = run_cbc(dk, p->iv, 0, c, c_len, m, m_cap, m_len);
        if (st == CL_ERR_BAD_PADDING || st == CL_ERR_INPUT_LENGTH) {
            cl_wipe(m, m_cap);
            st = CL_ERR_PASSWORD;
        }
    }
    cl_wipe(dk, sizeof dk);
    return st;
}
