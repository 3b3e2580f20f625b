/*
 * rsa/rsa_pss.c -- RSASSA-PSS, RFC 8017 §8.1, with EMSA-PSS §9.1.
 *
 *   M' = (0x)00 00 00 00 00 00 00 00 || mHash || salt;   H = Hash(M')
 *   DB = PS || 0x01 || salt;   maskedDB = DB xor MGF(H, emLen - hLen - 1)
 *   EM = maskedDB || H || 0xbc      (top 8emLen - emBits bits of EM zero)
 *
 * Verification runs every step of §9.1.2 and keeps one "inconsistent"
 * flag; the answer is given once at the end (CL_ERR_VERIFY).
 */
#include <string.h>
#include "rsa/rsa.h"
#include "common/ct.h"
#include "common/random.h"

/* §9.1.1 steps 5-6: H = Hash(0x00 x 8 || mHash || salt); M' written to mp if non-NULL */
static cl_status hash_mprime(const cl_hash *hash, const uint8_t *mHash, const uint8_t *salt,
                             size_t sLen, uint8_t *H, uint8_t *mp, size_t *mp_len)
{
    static const uint8_t zeros[8] = {0};
    size_t hLen = hash->digest_len;
    cl_hash_ctx ctx;
    cl_status st;
    if ((st = hash->init(&ctx)) == CL_OK &&
        (st = hash->update(&ctx, zeros, 8)) == CL_OK &&
        (st = hash->update(&ctx, mHash, hLen)) == CL_OK &&
        (st = hash->update(&ctx, salt, sLen)) == CL_OK)
        st = hash->final(&ctx, H);
    if (mp != NULL) {
        memcpy(mp, zeros, 8);
        memcpy(mp + 8, mHash, hLen);
        if (sLen > 0)
            memcpy(mp + 8 + hLen, salt, sLen);
        *mp_len = 8 + hLen + sLen;
    }
    cl_wipe(&ctx, sizeof ctx);
    return st;
}

/* §8.1.1 RSASSA-PSS-SIGN (from mHash), with §9.1.1 EMSA-PSS-ENCODE inside. */
static cl_status pss_sign(const rsa_key *priv, const cl_hash *hash, const cl_hash *mgf,
                          const uint8_t *mHash, size_t sLen, const uint8_t *salt_in,
                          uint8_t *S, size_t sig_cap, size_t *sig_len, rsa_pss_trace *tr)
{
    uint8_t salt[RSA_MAX_BYTES], H[CL_HASH_MAX_DIGEST];
    uint8_t DB[RSA_MAX_BYTES], dbMask[RSA_MAX_BYTES], EM[RSA_MAX_BYTES];
    size_t k, modBits, emBits, emLen, hLen, dbLen, psLen, i;
    mpz_t m, s;
    cl_status st;

    if (priv == NULL || mHash == NULL || S == NULL || sig_len == NULL)
        return CL_ERR_NULL_POINTER;
    if (!priv->is_private)
        return CL_ERR_NOT_PRIVATE;
    if (hash == NULL)
        hash = &cl_hash_sha256;
    if (mgf == NULL)
        mgf = hash;
    if ((st = rsa_key_check_op(priv, 1)) != CL_OK)
        return st;
    hLen = hash->digest_len;
    k = rsa_key_bytes(priv);
    modBits = mpz_sizeinbase(priv->n, 2);
    emBits = modBits - 1;                 /* §8.1.1 step 1: EMSA-PSS-ENCODE(M, modBits - 1) */
    emLen = (emBits + 7) / 8;
    if (sLen == RSA_PSS_SALT_MAX)
        sLen = emLen >= hLen + 2 ? emLen - hLen - 2 : 0;
    /* 3. If emLen < hLen + sLen + 2, output "encoding error" and stop. */
    if (emLen < hLen + 2 || sLen > emLen - hLen - 2)
        return CL_ERR_RSA_TOO_LONG;
    if (sig_cap < k)
        return CL_ERR_OUTPUT_SPACE;
    dbLen = emLen - hLen - 1;
    psLen = emLen - sLen - hLen - 2;

    /* 4. Generate a random octet string salt of length sLen. */
    if (salt_in != NULL) {
        if (sLen > 0)
            memcpy(salt, salt_in, sLen);
    } else if (sLen > 0 && (st = cl_random_bytes(salt, sLen)) != CL_OK) {
        return st;
    }
    /* 5-6. M' = 0^8 || mHash || salt;  H = Hash(M') */
    st = hash_mprime(hash, mHash, salt, sLen, H, tr ? tr->Mprime : NULL,
                     tr ? &tr->mprime_len : NULL);
    if (st != CL_OK)
        return st;
    /* 7-8. PS = emLen - sLen - hLen - 2 zeros;  DB = PS || 0x01 || salt */
    memset(DB, 0, psLen);
    DB[psLen] = 0x01;
    if (sLen > 0)
        memcpy(DB + psLen + 1, salt, sLen);
    /* 9. dbMask = MGF(H, emLen - hLen - 1) */
    if ((st = rsa_mgf1(mgf, H, hLen, dbMask, dbLen)) != CL_OK)
        return st;
    /* 10. maskedDB = DB xor dbMask */
    for (i = 0; i < dbLen; i++)
        EM[i] = DB[i] ^ dbMask[i];
    /* 11. Set the leftmost 8emLen - emBits bits of the leftmost octet of maskedDB to zero. */
    EM[0] &= (uint8_t)(0xFFu >> (8 * emLen - emBits));
    /* 12. EM = maskedDB || H || 0xbc */
    memcpy(EM + dbLen, H, hLen);
    EM[emLen - 1] = 0xbc;

    if (tr != NULL) {
        memcpy(tr->mHash, mHash, hLen);
        tr->hLen = hLen;
        if (sLen > 0)
            memcpy(tr->salt, salt, sLen);
        tr->s_len = sLen;
        memcpy(tr->H, H, hLen);
        memcpy(tr->DB, DB, dbLen);
        tr->db_len = dbLen;
        memcpy(tr->dbMask, dbMask, dbLen);
        memcpy(tr->maskedDB, EM, dbLen);
        memcpy(tr->EM, EM, emLen);
        tr->em_len = emLen;
    }

    /* §8.1.1 step 2: m = OS2IP(EM);  s = RSASP1(K, m);  S = I2OSP(s, k) */
    mpz_inits(m, s, NULL);
    rsa_os2ip(m, EM, emLen);
    st = rsa_rsasp1(priv, s, m);
    if (st == CL_OK)
        st = rsa_i2osp(s, k, S);
    if (st == CL_OK)
        *sig_len = k;
    mpz_clears(m, s, NULL);
    return st;
}

cl_status rsa_pss_sign_digest(const rsa_key *priv, const cl_hash *hash,
                              const uint8_t *mHash, size_t salt_len, const uint8_t *salt,
                              uint8_t *sig, size_t sig_cap, size_t *sig_len)
{
    return pss_sign(priv, hash, NULL, mHash, salt_len, salt, sig, sig_cap, sig_len, NULL);
}

cl_status rsa_pss_sign(const rsa_key *priv, const cl_hash *hash,
                       const uint8_t *msg, size_t msg_len, size_t salt_len,
                       uint8_t *sig, size_t sig_cap, size_t *sig_len)
{
    uint8_t mHash[CL_HASH_MAX_DIGEST];
    cl_status st;
    if (hash == NULL)
        hash = &cl_hash_sha256;
    /* §9.1.1 step 2: mHash = Hash(M) */
    if ((st = cl_hash_digest(hash, msg, msg_len, mHash)) != CL_OK)
        return st;
    return pss_sign(priv, hash, NULL, mHash, salt_len, NULL, sig, sig_cap, sig_len, NULL);
}

cl_status rsa_pss_sign_traced(const rsa_key *priv, const cl_hash *hash,
                              const uint8_t *msg, size_t msg_len,
                              size_t salt_len, const uint8_t *salt,
                              uint8_t *sig, size_t sig_cap, size_t *sig_len,
                              rsa_pss_trace *tr)
{
    uint8_t mHash[CL_HASH_MAX_DIGEST];
    cl_status st;
    if (hash == NULL)
        hash = &cl_hash_sha256;
    if ((st = cl_hash_digest(hash, msg, msg_len, mHash)) != CL_OK)
        return st;
    return pss_sign(priv, hash, NULL, mHash, salt_len, salt, sig, sig_cap, sig_len, tr);
}

cl_status rsa_pss_sign_digest_mgf1(const rsa_key *priv, const cl_hash *hash,
                                   const cl_hash *mgf1_hash, const uint8_t *mHash,
                                   size_t salt_len, const uint8_t *salt,
                                   uint8_t *sig, size_t sig_cap, size_t *sig_len)
{
    return pss_sign(priv, hash, mgf1_hash, mHash, salt_len, salt, sig, sig_cap, sig_len, NULL);
}

/* §8.1.2 RSASSA-PSS-VERIFY with §9.1.2 EMSA-PSS-VERIFY (sLen or auto);
 * `hash` hashes M' (and fixes hLen), `mgf` is the hash inside MGF1. */
static cl_status pss_verify(const rsa_key *pub, const cl_hash *hash, const cl_hash *mgf,
                            const uint8_t *mHash, size_t sLen,
                            const uint8_t *S, size_t sig_len)
{
    uint8_t EM[RSA_MAX_BYTES], DB[RSA_MAX_BYTES], H2[CL_HASH_MAX_DIGEST];
    size_t k, modBits, emBits, emLen, hLen, dbLen, i, start, salt_len;
    uint32_t ok = 0xFFFFFFFFu, looking, index;
    mpz_t s, m;
    cl_status st;

    if (pub == NULL || mHash == NULL || (S == NULL && sig_len > 0))
        return CL_ERR_NULL_POINTER;
    if (hash == NULL)
        hash = &cl_hash_sha256;
    if (mgf == NULL)
        mgf = hash;
    if (rsa_key_check_op(pub, 0) != CL_OK)
        return CL_ERR_VERIFY;
    hLen = hash->digest_len;
    k = rsa_key_bytes(pub);
    modBits = mpz_sizeinbase(pub->n, 2);
    emBits = modBits - 1;
    emLen = (emBits + 7) / 8;
    /* §8.1.2 step 1: the length of S must be k octets. */
    if (sig_len != k || emLen < hLen + 2)
        return CL_ERR_VERIFY;
    dbLen = emLen - hLen - 1;
    /* step 2: s = OS2IP(S); m = RSAVP1((n, e), s); EM = I2OSP(m, emLen) */
    mpz_inits(s, m, NULL);
    rsa_os2ip(s, S, k);
    st = rsa_rsavp1(pub, m, s);
    if (st == CL_OK)
        st = rsa_i2osp(m, emLen, EM);
    mpz_clears(s, m, NULL);
    if (st != CL_OK)
        return CL_ERR_VERIFY;   /* s >= n or m too long: public facts */

    /* §9.1.2  3. emLen < hLen + sLen + 2 -> inconsistent */
    if (sLen != RSA_PSS_SALT_AUTO && sLen > emLen - hLen - 2)
        return CL_ERR_VERIFY;
    /* 4. the rightmost octet of EM must be 0xbc */
    ok &= ct_mask_eq_u32(EM[emLen - 1], 0xbc);
    /* 5. maskedDB = leftmost emLen - hLen - 1 octets, H = the next hLen */
    /* 6. the leftmost 8emLen - emBits bits of maskedDB must be zero */
    ok &= ct_mask_eq_u32(EM[0] & (uint8_t)~(0xFFu >> (8 * emLen - emBits)), 0);
    /* 7. dbMask = MGF(H, emLen - hLen - 1) */
    if ((st = rsa_mgf1(mgf, EM + dbLen, hLen, DB, dbLen)) != CL_OK)
        return st;
    /* 8. DB = maskedDB xor dbMask */
    for (i = 0; i < dbLen; i++)
        DB[i] ^= EM[i];
    /* 9. set the leftmost 8emLen - emBits bits of DB to zero */
    DB[0] &= (uint8_t)(0xFFu >> (8 * emLen - emBits));
    /* 10. DB = PS (zeros) || 0x01 || salt.  With a known sLen the 0x01 sits at
     * emLen - hLen - sLen - 2; with RSA_PSS_SALT_AUTO it is the first nonzero
     * octet (the salt length is recovered from it). */
    looking = 0xFFFFFFFFu;
    index = 0;
    for (i = 0; i < dbLen; i++) {
        uint32_t is0 = ct_mask_eq_u32(DB[i], 0x00);
        uint32_t is1 = ct_mask_eq_u32(DB[i], 0x01);
        index |= looking & is1 & (uint32_t)i;
        ok &= ~(looking & ~is0 & ~is1);
        looking &= ~is1;
    }
    ok &= ~looking;
    if (sLen != RSA_PSS_SALT_AUTO)
        ok &= ct_mask_eq_u32(index, (uint32_t)(dbLen - sLen - 1));
    /* 11. salt = the last sLen octets of DB */
    start = (size_t)(index & ok) + 1;
    if (start > dbLen)
        start = dbLen;
    salt_len = dbLen - start;
    /* 12-13. M' = 0^8 || mHash || salt;  H' = Hash(M') */
    if ((st = hash_mprime(hash, mHash, DB + start, salt_len, H2, NULL, NULL)) != CL_OK)
        return st;
    /* 14. H = H' ? "consistent" : "inconsistent" */
    ok &= 0u - (uint32_t)cl_ct_memeq(H2, EM + dbLen, hLen);
    CL_DECLASSIFY(&ok, sizeof ok);         /* the verdict is public */
    return ok ? CL_OK : CL_ERR_VERIFY;
}

cl_status rsa_pss_verify_digest(const rsa_key *pub, const cl_hash *hash,
                                const uint8_t *mHash, size_t salt_len,
                                const uint8_t *sig, size_t sig_len)
{
    return pss_verify(pub, hash, NULL, mHash, salt_len, sig, sig_len);
}

cl_status rsa_pss_verify_digest_mgf1(const rsa_key *pub, const cl_hash *hash,
                                     const cl_hash *mgf1_hash, const uint8_t *mHash,
                                     size_t salt_len, const uint8_t *sig, size_t sig_len)
{
    return pss_verify(pub, hash, mgf1_hash, mHash, salt_len, sig, sig_len);
}

cl_status rsa_pss_verify(const rsa_key *pub, const cl_hash *hash,
                         const uint8_t *msg, size_t msg_len, size_t salt_len,
                         const uint8_t *sig, size_t sig_len)
{
    uint8_t mHash[CL_HASH_MAX_DIGEST];
    cl_status st;
    if (hash == NULL)
        hash = &cl_hash_sha256;
    if ((st = cl_hash_digest(hash, msg, msg_len, mHash)) != CL_OK)
        return st;
    return rsa_pss_verify_digest(pub, hash, mHash, salt_len, sig, sig_len);
}
