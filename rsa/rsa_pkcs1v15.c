/*
 * rsa/rsa_pkcs1v15.c -- the PKCS #1 v1.5 schemes of RFC 8017:
 *   RSASSA-PKCS1-v1_5 (§8.2) with EMSA-PKCS1-v1_5 (§9.2):
 *       EM = 0x00 || 0x01 || PS (0xff...) || 0x00 || T,  T = DigestInfo(H)
 *   RSAES-PKCS1-v1_5 (§7.2), only because `openssl pkeyutl -encrypt` uses it
 *   by default:  EM = 0x00 || 0x02 || PS (nonzero random) || 0x00 || M.
 *
 * Signature verification re-encodes EM' from the message and compares whole
 * encodings (§8.2.2 step 4): no parsing of the signer's ASN.1, so none of
 * the Bleichenbacher-2006 "garbage after the hash" forgeries apply.
 * Decryption scans the whole EM with masks and answers one CL_ERR_DECRYPT.
 */
#include <string.h>
#include "rsa/rsa.h"
#include "common/ct.h"
#include "common/random.h"

/* §9.2 Note 1: the DER of DigestInfo up to the hash value. */
static const uint8_t DI_SHA1[] = {0x30, 0x21, 0x30, 0x09, 0x06, 0x05, 0x2b, 0x0e,
                                  0x03, 0x02, 0x1a, 0x05, 0x00, 0x04, 0x14};
static const uint8_t DI_SHA256[] = {0x30, 0x31, 0x30, 0x0d, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01,
                                    0x65, 0x03, 0x04, 0x02, 0x01, 0x05, 0x00, 0x04, 0x20};

static cl_status digest_info_prefix(const cl_hash *hash, const uint8_t **p, size_t *len)
{
    if (hash == &cl_hash_sha256 || (hash->digest_len == 32 && strcmp(hash->name, "SHA256") == 0)) {
        *p = DI_SHA256;
        *len = sizeof DI_SHA256;
    } else if (hash == &cl_hash_sha1 || (hash->digest_len == 20 && strcmp(hash->name, "SHA1") == 0)) {
        *p = DI_SHA1;
        *len = sizeof DI_SHA1;
    } else {
        return CL_ERR_UNSUPPORTED;
    }
    return CL_OK;
}

/* EM = 0x00 || 0x01 || PS || 0x00 || T with PS = 0xff octets (§9.2 steps 4-5) */
static cl_status type1_pad(uint8_t *EM, size_t emLen, const uint8_t *prefix, size_t prefix_len,
                           const uint8_t *T, size_t tLen)
{
    size_t total = prefix_len + tLen, psLen;
    /* 3. If emLen < tLen + 11, output "intended encoded message length too short". */
    if (emLen < total + 11)
        return CL_ERR_RSA_TOO_LONG;
    psLen = emLen - total - 3;
    EM[0] = 0x00;
    EM[1] = 0x01;
    memset(EM + 2, 0xff, psLen);
    EM[2 + psLen] = 0x00;
    if (prefix_len > 0)
        memcpy(EM + 3 + psLen, prefix, prefix_len);
    if (tLen > 0)
        memcpy(EM + 3 + psLen + prefix_len, T, tLen);
    return CL_OK;
}

/* s = RSASP1(K, OS2IP(EM)); S = I2OSP(s, k) */
static cl_status sign_em(const rsa_key *priv, const uint8_t *EM, size_t k,
                         uint8_t *S, size_t *sig_len)
{
    mpz_t m, s;
    cl_status st;
    mpz_inits(m, s, NULL);
    rsa_os2ip(m, EM, k);
    st = rsa_rsasp1(priv, s, m);
    if (st == CL_OK)
        st = rsa_i2osp(s, k, S);
    if (st == CL_OK)
        *sig_len = k;
    mpz_clears(m, s, NULL);
    return st;
}

/* EM = I2OSP(RSAVP1((n, e), OS2IP(S)), k); CL_ERR_VERIFY on any failure */
static cl_status open_sig(const rsa_key *pub, const uint8_t *S, size_t sig_len, uint8_t *EM,
                          size_t *k_out)
{
    mpz_t s, m;
    cl_status st;
    size_t k;
    if (rsa_key_check_op(pub, 0) != CL_OK)
        return CL_ERR_VERIFY;
    k = rsa_key_bytes(pub);
    /* §8.2.2 step 1: length of S must be k */
    if (sig_len != k)
        return CL_ERR_VERIFY;
    mpz_inits(s, m, NULL);
    rsa_os2ip(s, S, k);
    st = rsa_rsavp1(pub, m, s);
    if (st == CL_OK)
        st = rsa_i2osp(m, k, EM);
    mpz_clears(s, m, NULL);
    *k_out = k;
    return st == CL_OK ? CL_OK : CL_ERR_VERIFY;
}

static cl_status sign_common(const rsa_key *priv, const uint8_t *prefix, size_t prefix_len,
                             const uint8_t *T, size_t tLen,
                             uint8_t *sig, size_t sig_cap, size_t *sig_len)
{
    uint8_t EM[RSA_MAX_BYTES];
    size_t k;
    cl_status st;
    if (priv == NULL || sig == NULL || sig_len == NULL || (T == NULL && tLen > 0))
        return CL_ERR_NULL_POINTER;
    if (!priv->is_private)
        return CL_ERR_NOT_PRIVATE;
    if ((st = rsa_key_check_op(priv, 1)) != CL_OK)
        return st;
    k = rsa_key_bytes(priv);
    if ((st = type1_pad(EM, k, prefix, prefix_len, T, tLen)) != CL_OK)
        return st;
    if (sig_cap < k)
        return CL_ERR_OUTPUT_SPACE;
    return sign_em(priv, EM, k, sig, sig_len);
}

/* §8.2.1 RSASSA-PKCS1-V1_5-SIGN from the digest H */
cl_status rsa_pkcs1v15_sign_digest(const rsa_key *priv, const cl_hash *hash,
                                   const uint8_t *H,
                                   uint8_t *sig, size_t sig_cap, size_t *sig_len)
{
    const uint8_t *prefix;
    size_t prefix_len;
    cl_status st;
    if (H == NULL)
        return CL_ERR_NULL_POINTER;
    if (hash == NULL)
        hash = &cl_hash_sha256;
    if ((st = digest_info_prefix(hash, &prefix, &prefix_len)) != CL_OK)
        return st;
    return sign_common(priv, prefix, prefix_len, H, hash->digest_len, sig, sig_cap, sig_len);
}

cl_status rsa_pkcs1v15_sign(const rsa_key *priv, const cl_hash *hash,
                            const uint8_t *msg, size_t msg_len,
                            uint8_t *sig, size_t sig_cap, size_t *sig_len)
{
    uint8_t H[CL_HASH_MAX_DIGEST];
    cl_status st;
    if (hash == NULL)
        hash = &cl_hash_sha256;
    /* §9.2 step 1: H = Hash(M) */
    if ((st = cl_hash_digest(hash, msg, msg_len, H)) != CL_OK)
        return st;
    return rsa_pkcs1v15_sign_digest(priv, hash, H, sig, sig_cap, sig_len);
}

cl_status rsa_pkcs1v15_sign_raw(const rsa_key *priv, const uint8_t *T, size_t t_len,
                                uint8_t *sig, size_t sig_cap, size_t *sig_len)
{
    return sign_common(priv, NULL, 0, T, t_len, sig, sig_cap, sig_len);
}

/* §8.2.2 RSASSA-PKCS1-V1_5-VERIFY from the digest H */
cl_status rsa_pkcs1v15_verify_digest(const rsa_key *pub, const cl_hash *hash,
                                     const uint8_t *H, const uint8_t *sig, size_t sig_len)
{
    uint8_t EM[RSA_MAX_BYTES], EM2[RSA_MAX_BYTES];
    const uint8_t *prefix;
    size_t prefix_len, k = 0;
    cl_status st;
    if (pub == NULL || H == NULL || (sig == NULL && sig_len > 0))
        return CL_ERR_NULL_POINTER;
    if (hash == NULL)
        hash = &cl_hash_sha256;
    if ((st = digest_info_prefix(hash, &prefix, &prefix_len)) != CL_OK)
        return st;
    /* steps 1-2: EM = I2OSP(RSAVP1(OS2IP(S)), k) */
    if ((st = open_sig(pub, sig, sig_len, EM, &k)) != CL_OK)
        return st;
    /* step 3: EM' = EMSA-PKCS1-V1_5-ENCODE(M, k) */
    if (type1_pad(EM2, k, prefix, prefix_len, H, hash->digest_len) != CL_OK)
        return CL_ERR_VERIFY;
    /* step 4: compare EM and EM' */
    return cl_ct_memeq_public(EM, EM2, k) ? CL_OK : CL_ERR_VERIFY;
}

cl_status rsa_pkcs1v15_verify(const rsa_key *pub, const cl_hash *hash,
                              const uint8_t *msg, size_t msg_len,
                              const uint8_t *sig, size_t sig_len)
{
    uint8_t H[CL_HASH_MAX_DIGEST];
    cl_status st;
    if (hash == NULL)
        hash = &cl_hash_sha256;
    if ((st = cl_hash_digest(hash, msg, msg_len, H)) != CL_OK)
        return st;
    return rsa_pkcs1v15_verify_digest(pub, hash, H, sig, sig_len);
}

/* Scans EM = 0x00 || BT || PS || 0x00 || D with masks: returns the index of
 * the 0x00 separator in *sep, and an all-ones mask if the form is right
 * (BT as given, PS at least 8 octets, of 0xff for BT 1 or nonzero for BT 2). */
static uint32_t scan_padding(const uint8_t *EM, size_t k, uint8_t bt, size_t *sep)
{
    uint32_t good, looking = 0xFFFFFFFFu, index = 0;
    size_t i;
    good = ct_mask_eq_u32(EM[0], 0x00) & ct_mask_eq_u32(EM[1], bt);
    for (i = 2; i < k; i++) {
        uint32_t is0 = ct_mask_eq_u32(EM[i], 0x00);
        index |= looking & is0 & (uint32_t)i;
        if (bt == 0x01)
            good &= ~(looking & ~is0 & ~ct_mask_eq_u32(EM[i], 0xff));
        looking &= ~is0;
    }
    good &= ~looking;
    /* PS must be at least 8 octets: the separator at index >= 10 */
    good &= ~(0u - (uint32_t)(index < 10));
    *sep = index;
    return good;
}

cl_status rsa_pkcs1v15_recover_raw(const rsa_key *pub, const uint8_t *sig, size_t sig_len,
                                   uint8_t *T, size_t t_cap, size_t *t_len)
{
    uint8_t EM[RSA_MAX_BYTES];
    size_t k = 0, sep = 0;
    cl_status st;
    if (pub == NULL || t_len == NULL || (sig == NULL && sig_len > 0))
        return CL_ERR_NULL_POINTER;
    if ((st = open_sig(pub, sig, sig_len, EM, &k)) != CL_OK)
        return st;
    if (k < 11 || !scan_padding(EM, k, 0x01, &sep))
        return CL_ERR_VERIFY;
    if (k - sep - 1 > t_cap)
        return CL_ERR_OUTPUT_SPACE;
    if (k - sep - 1 > 0)
        memcpy(T, EM + sep + 1, k - sep - 1);
    *t_len = k - sep - 1;
    return CL_OK;
}

/* §7.2.1 RSAES-PKCS1-V1_5-ENCRYPT */
cl_status rsa_pkcs1v15_encrypt(const rsa_key *pub, const uint8_t *M, size_t mLen,
                               uint8_t *C, size_t c_cap, size_t *c_len)
{
    uint8_t EM[RSA_MAX_BYTES];
    size_t k, psLen, i;
    mpz_t m, c;
    cl_status st;
    if (pub == NULL || C == NULL || c_len == NULL || (M == NULL && mLen > 0))
        return CL_ERR_NULL_POINTER;
    if ((st = rsa_key_check_op(pub, 0)) != CL_OK)
        return st;
    k = rsa_key_bytes(pub);
    /* 1. If mLen > k - 11, output "message too long" and stop. */
    if (k < 11 || mLen > k - 11)
        return CL_ERR_RSA_TOO_LONG;
    if (c_cap < k)
        return CL_ERR_OUTPUT_SPACE;
    /* 2.a PS: k - mLen - 3 pseudo-randomly generated NONZERO octets */
    psLen = k - mLen - 3;
    if ((st = cl_random_bytes(EM + 2, psLen)) != CL_OK)
        return st;
    for (i = 0; i < psLen; i++) {
        while (EM[2 + i] == 0) {
            if ((st = cl_random_bytes(EM + 2 + i, 1)) != CL_OK)
                return st;
        }
    }
    /* 2.b EM = 0x00 || 0x02 || PS || 0x00 || M */
    EM[0] = 0x00;
    EM[1] = 0x02;
    EM[2 + psLen] = 0x00;
    if (mLen > 0)
        memcpy(EM + 3 + psLen, M, mLen);
    /* 3. m = OS2IP(EM); c = RSAEP((n, e), m); C = I2OSP(c, k) */
    mpz_inits(m, c, NULL);
    rsa_os2ip(m, EM, k);
    st = rsa_rsaep(pub, c, m);
    if (st == CL_OK)
        st = rsa_i2osp(c, k, C);
    if (st == CL_OK)
        *c_len = k;
    mpz_clears(m, c, NULL);
    cl_wipe(EM, sizeof EM);
    return st;
}

/* §7.2.2 RSAES-PKCS1-V1_5-DECRYPT */
cl_status rsa_pkcs1v15_decrypt(const rsa_key *priv, const uint8_t *C, size_t c_len,
                               uint8_t *M, size_t m_cap, size_t *m_len)
{
    uint8_t EM[RSA_MAX_BYTES];
    size_t k, sep = 0, msg_len;
    uint32_t good;
    mpz_t c, m;
    cl_status st;
    if (priv == NULL || C == NULL || m_len == NULL)
        return CL_ERR_NULL_POINTER;
    if (!priv->is_private)
        return CL_ERR_NOT_PRIVATE;
    k = rsa_key_bytes(priv);
    /* 1. If the length of C is not k octets (or k < 11): decryption error. */
    if (c_len != k || k < 11 || k > RSA_MAX_BYTES)
        return CL_ERR_DECRYPT;
    /* 2. m = RSADP(K, OS2IP(C)); EM = I2OSP(m, k) */
    mpz_inits(c, m, NULL);
    rsa_os2ip(c, C, k);
    st = rsa_rsadp(priv, m, c);
    if (st == CL_OK)
        st = rsa_i2osp(m, k, EM);
    mpz_set_ui(m, 0);
    mpz_clears(c, m, NULL);
    if (st == CL_ERR_RANDOM)
        return st;
    if (st != CL_OK)
        return CL_ERR_DECRYPT;
    /* 3. EM = 0x00 || 0x02 || PS || 0x00 || M, PS at least 8 octets */
    good = scan_padding(EM, k, 0x02, &sep);
    CL_DECLASSIFY(&good, sizeof good);     /* the one public verdict */
    if (!good) {
        st = CL_ERR_DECRYPT;
        goto out;
    }
    CL_DECLASSIFY(&sep, sizeof sep);       /* M's length, released with M */
    msg_len = k - sep - 1;
    if (msg_len > m_cap) {
        st = CL_ERR_OUTPUT_SPACE;
        goto out;
    }
    if (msg_len > 0)
        memcpy(M, EM + sep + 1, msg_len);
    *m_len = msg_len;
    st = CL_OK;
out:
    cl_wipe(EM, sizeof EM);
    return st;
}
