/*
 * rsa/rsa_oaep.c -- RSAES-OAEP, RFC 8017 §7.1 (encryption §7.1.1 with
 * EME-OAEP encoding step 2, decryption §7.1.2 with EME-OAEP decoding step 3).
 *
 *                     +----------+------+--+-------+
 *                DB = |  lHash   |  PS  |01|   M   |
 *                     +----------+------+--+-------+
 *   seed --MGF--> dbMask;  maskedDB = DB xor dbMask
 *   maskedDB --MGF--> seedMask;  maskedSeed = seed xor seedMask
 *   EM = 0x00 || maskedSeed || maskedDB
 *
 * Decoding checks Y = 0, lHash' = lHash and the 0x00...0x01 separator in
 * ONE pass over all of DB with masks (no early exit), and reports one error,
 * CL_ERR_DECRYPT, for any failure (Manger's attack, see rsa.h).
 */
#include <string.h>
#include "rsa/rsa.h"
#include "common/ct.h"
#include "common/random.h"

static void xor_into(uint8_t *out, const uint8_t *a, const uint8_t *b, size_t n)
{
    for (size_t i = 0; i < n; i++)
        out[i] = a[i] ^ b[i];
}

/* §7.1.1 RSAES-OAEP-ENCRYPT; seed NULL means a random seed.  `hash` is the
 * hash of the label (and fixes hLen), `mgf` the hash inside MGF1 (RFC 8017
 * §A.2.1 RSAES-OAEP-params: hashAlgorithm, maskGenAlgorithm). */
static cl_status oaep_encrypt(const rsa_key *pub, const cl_hash *hash, const cl_hash *mgf,
                              const uint8_t *label, size_t label_len,
                              const uint8_t *M, size_t mLen, const uint8_t *seed_in,
                              uint8_t *C, size_t c_cap, size_t *c_len,
                              rsa_oaep_trace *tr)
{
    uint8_t lHash[CL_HASH_MAX_DIGEST], seed[CL_HASH_MAX_DIGEST];
    uint8_t seedMask[CL_HASH_MAX_DIGEST], maskedSeed[CL_HASH_MAX_DIGEST];
    uint8_t DB[RSA_MAX_BYTES], dbMask[RSA_MAX_BYTES], EM[RSA_MAX_BYTES];
    size_t k, hLen, dbLen, psLen;
    mpz_t m, c;
    cl_status st;

    if (pub == NULL || C == NULL || c_len == NULL || (M == NULL && mLen > 0) ||
        (label == NULL && label_len > 0))
        return CL_ERR_NULL_POINTER;
    if (hash == NULL)
        hash = &cl_hash_sha256;
    if (mgf == NULL)
        mgf = hash;
    if ((st = rsa_key_check_op(pub, 0)) != CL_OK)
        return st;
    hLen = hash->digest_len;
    k = rsa_key_bytes(pub);
    /* 1.b If mLen > k - 2hLen - 2, output "message too long" and stop. */
    if (k < 2 * hLen + 2 || mLen > k - 2 * hLen - 2)
        return CL_ERR_RSA_TOO_LONG;
    if (c_cap < k)
        return CL_ERR_OUTPUT_SPACE;
    dbLen = k - hLen - 1;
    psLen = k - mLen - 2 * hLen - 2;

    /* 2.a lHash = Hash(L) */
    if ((st = cl_hash_digest(hash, label, label_len, lHash)) != CL_OK)
        return st;
    /* 2.b PS: k - mLen - 2hLen - 2 zero octets;  2.c DB = lHash || PS || 0x01 || M */
    memcpy(DB, lHash, hLen);
    memset(DB + hLen, 0, psLen);
    DB[hLen + psLen] = 0x01;
    if (mLen > 0)
        memcpy(DB + hLen + psLen + 1, M, mLen);
    /* 2.d a random octet string seed of length hLen */
    if (seed_in != NULL)
        memcpy(seed, seed_in, hLen);
    else if ((st = cl_random_bytes(seed, hLen)) != CL_OK)
        goto wipe;
    /* 2.e dbMask = MGF(seed, k - hLen - 1) */
    if ((st = rsa_mgf1(mgf, seed, hLen, dbMask, dbLen)) != CL_OK)
        goto wipe;
    /* 2.f maskedDB = DB xor dbMask  (kept in dbMask's place: EM below) */
    EM[0] = 0x00;
    xor_into(EM + 1 + hLen, DB, dbMask, dbLen);
    /* 2.g seedMask = MGF(maskedDB, hLen) */
    if ((st = rsa_mgf1(mgf, EM + 1 + hLen, dbLen, seedMask, hLen)) != CL_OK)
        goto wipe;
    /* 2.h maskedSeed = seed xor seedMask */
    xor_into(maskedSeed, seed, seedMask, hLen);
    /* 2.i EM = 0x00 || maskedSeed || maskedDB */
    memcpy(EM + 1, maskedSeed, hLen);

    if (tr != NULL) {
        memcpy(tr->lHash, lHash, hLen);
        tr->hLen = hLen;
        tr->ps_len = psLen;
        memcpy(tr->DB, DB, dbLen);
        tr->db_len = dbLen;
        memcpy(tr->seed, seed, hLen);
        memcpy(tr->dbMask, dbMask, dbLen);
        memcpy(tr->maskedDB, EM + 1 + hLen, dbLen);
        memcpy(tr->seedMask, seedMask, hLen);
        memcpy(tr->maskedSeed, maskedSeed, hLen);
        memcpy(tr->EM, EM, k);
        tr->k = k;
    }

    /* 3.a m = OS2IP(EM);  3.b c = RSAEP((n, e), m);  3.c C = I2OSP(c, k) */
    mpz_inits(m, c, NULL);
    rsa_os2ip(m, EM, k);
    st = rsa_rsaep(pub, c, m);
    if (st == CL_OK)
        st = rsa_i2osp(c, k, C);
    if (st == CL_OK)
        *c_len = k;
    mpz_clears(m, c, NULL);
wipe:
    cl_wipe(DB, sizeof DB);
    cl_wipe(EM, sizeof EM);
    cl_wipe(seed, sizeof seed);
    return st;
}

cl_status rsa_oaep_encrypt_traced(const rsa_key *pub, const cl_hash *hash,
                                  const uint8_t *label, size_t label_len,
                                  const uint8_t *m, size_t m_len, const uint8_t *seed,
                                  uint8_t *c, size_t c_cap, size_t *c_len,
                                  rsa_oaep_trace *tr)
{
    return oaep_encrypt(pub, hash, NULL, label, label_len, m, m_len, seed, c, c_cap, c_len, tr);
}

cl_status rsa_oaep_encrypt_mgf1(const rsa_key *pub, const cl_hash *hash, const cl_hash *mgf1_hash,
                                const uint8_t *label, size_t label_len,
                                const uint8_t *m, size_t m_len, const uint8_t *seed,
                                uint8_t *c, size_t c_cap, size_t *c_len)
{
    return oaep_encrypt(pub, hash, mgf1_hash, label, label_len, m, m_len, seed, c, c_cap, c_len,
                        NULL);
}

cl_status rsa_oaep_encrypt_seeded(const rsa_key *pub, const cl_hash *hash,
                                  const uint8_t *label, size_t label_len,
                                  const uint8_t *m, size_t m_len, const uint8_t *seed,
                                  uint8_t *c, size_t c_cap, size_t *c_len)
{
    if (seed == NULL)
        return CL_ERR_NULL_POINTER;
    return rsa_oaep_encrypt_traced(pub, hash, label, label_len, m, m_len, seed,
                                   c, c_cap, c_len, NULL);
}

cl_status rsa_oaep_encrypt(const rsa_key *pub, const cl_hash *hash,
                           const uint8_t *label, size_t label_len,
                           const uint8_t *m, size_t m_len,
                           uint8_t *c, size_t c_cap, size_t *c_len)
{
    return rsa_oaep_encrypt_traced(pub, hash, label, label_len, m, m_len, NULL,
                                   c, c_cap, c_len, NULL);
}

/* §7.1.2 RSAES-OAEP-DECRYPT (hash: label and hLen; mgf: inside MGF1) */
static cl_status oaep_decrypt(const rsa_key *priv, const cl_hash *hash, const cl_hash *mgf,
                              const uint8_t *label, size_t label_len,
                              const uint8_t *C, size_t c_len,
                              uint8_t *M, size_t m_cap, size_t *m_len,
                              rsa_oaep_trace *tr)
{
    uint8_t lHash[CL_HASH_MAX_DIGEST], seed[CL_HASH_MAX_DIGEST];
    uint8_t seedMask[CL_HASH_MAX_DIGEST];
    uint8_t DB[RSA_MAX_BYTES], dbMask[RSA_MAX_BYTES], EM[RSA_MAX_BYTES];
    size_t k, hLen, dbLen, i, msg_len;
    uint32_t good, looking, bad, index, Y;
    mpz_t c, m;
    cl_status st;

    if (priv == NULL || C == NULL || m_len == NULL || (label == NULL && label_len > 0))
        return CL_ERR_NULL_POINTER;
    if (!priv->is_private)
        return CL_ERR_NOT_PRIVATE;
    if (hash == NULL)
        hash = &cl_hash_sha256;
    if (mgf == NULL)
        mgf = hash;
    hLen = hash->digest_len;
    k = rsa_key_bytes(priv);
    /* 1.b/c If the length of C is not k octets, or k < 2hLen + 2: decryption error.
     * (Public facts -- the length -- so an early return leaks nothing.) */
    if (c_len != k || k < 2 * hLen + 2 || k > RSA_MAX_BYTES)
        return CL_ERR_DECRYPT;
    dbLen = k - hLen - 1;

    /* 2.a c = OS2IP(C);  2.b m = RSADP(K, c);  2.c EM = I2OSP(m, k) */
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
        return CL_ERR_DECRYPT;       /* c >= n, fault: the same one error */

    /* 3.a lHash = Hash(L) */
    if ((st = cl_hash_digest(hash, label, label_len, lHash)) != CL_OK)
        goto wipe;
    /* 3.b EM = Y || maskedSeed || maskedDB */
    Y = EM[0];
    /* 3.c seedMask = MGF(maskedDB, hLen);  3.d seed = maskedSeed xor seedMask */
    if ((st = rsa_mgf1(mgf, EM + 1 + hLen, dbLen, seedMask, hLen)) != CL_OK)
        goto wipe;
    xor_into(seed, EM + 1, seedMask, hLen);
    /* 3.e dbMask = MGF(seed, k - hLen - 1);  3.f DB = maskedDB xor dbMask */
    if ((st = rsa_mgf1(mgf, seed, hLen, dbMask, dbLen)) != CL_OK)
        goto wipe;
    xor_into(DB, EM + 1 + hLen, dbMask, dbLen);

    /* 3.g DB = lHash' || PS || 0x01 || M.  Every check at once, with masks:
     * Y = 0, lHash' = lHash, PS all zeros up to the first 0x01. */
    good = ct_mask_eq_u32(Y, 0);
    good &= 0u - (uint32_t)cl_ct_memeq(DB, lHash, hLen);
    looking = 0xFFFFFFFFu;   /* still inside PS */
    bad = 0;
    index = 0;
    for (i = hLen; i < dbLen; i++) {
        uint32_t is0 = ct_mask_eq_u32(DB[i], 0x00);
        uint32_t is1 = ct_mask_eq_u32(DB[i], 0x01);
        index |= looking & is1 & (uint32_t)i;
        bad |= looking & ~is0 & ~is1;
        looking &= ~is1;
    }
    good &= ~bad & ~looking;

    if (tr != NULL) {
        /* lab trace: shows the decoded values, also on failure */
        memcpy(tr->lHash, lHash, hLen);
        tr->hLen = hLen;
        memcpy(tr->EM, EM, k);
        tr->k = k;
        memcpy(tr->maskedSeed, EM + 1, hLen);
        memcpy(tr->maskedDB, EM + 1 + hLen, dbLen);
        memcpy(tr->seedMask, seedMask, hLen);
        memcpy(tr->seed, seed, hLen);
        memcpy(tr->dbMask, dbMask, dbLen);
        memcpy(tr->DB, DB, dbLen);
        tr->db_len = dbLen;
        tr->ps_len = good ? index - hLen : 0;
    }

    /* 4. Output the message M -- or one "decryption error".  Whether it
     * decrypted, and then M's length, are what the caller learns anyway. */
    CL_DECLASSIFY(&good, sizeof good);
    if (!good) {
        st = CL_ERR_DECRYPT;
        goto wipe;
    }
    CL_DECLASSIFY(&index, sizeof index);
    msg_len = dbLen - index - 1;
    if (M == NULL && msg_len > 0) {
        st = CL_ERR_NULL_POINTER;
        goto wipe;
    }
    if (msg_len > m_cap) {
        st = CL_ERR_OUTPUT_SPACE;
        goto wipe;
    }
    if (msg_len > 0)
        memcpy(M, DB + index + 1, msg_len);
    *m_len = msg_len;
    st = CL_OK;
wipe:
    cl_wipe(DB, sizeof DB);
    cl_wipe(EM, sizeof EM);
    cl_wipe(seed, sizeof seed);
    cl_wipe(dbMask, sizeof dbMask);
    return st;
}

cl_status rsa_oaep_decrypt_traced(const rsa_key *priv, const cl_hash *hash,
                                  const uint8_t *label, size_t label_len,
                                  const uint8_t *c, size_t c_len,
                                  uint8_t *m, size_t m_cap, size_t *m_len,
                                  rsa_oaep_trace *tr)
{
    return oaep_decrypt(priv, hash, NULL, label, label_len, c, c_len, m, m_cap, m_len, tr);
}

cl_status rsa_oaep_decrypt_mgf1(const rsa_key *priv, const cl_hash *hash, const cl_hash *mgf1_hash,
                                const uint8_t *label, size_t label_len,
                                const uint8_t *c, size_t c_len,
                                uint8_t *m, size_t m_cap, size_t *m_len)
{
    return oaep_decrypt(priv, hash, mgf1_hash, label, label_len, c, c_len, m, m_cap, m_len, NULL);
}

cl_status rsa_oaep_decrypt(const rsa_key *priv, const cl_hash *hash,
                           const uint8_t *label, size_t label_len,
                           const uint8_t *c, size_t c_len,
                           uint8_t *m, size_t m_cap, size_t *m_len)
{
    return oaep_decrypt(priv, hash, NULL, label, label_len, c, c_len, m, m_cap, m_len, NULL);
}
