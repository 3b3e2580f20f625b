/*
 * rsa/rsa_primitives.c -- RFC 8017 §4 data conversion primitives (I2OSP,
 * OS2IP) and §5 cryptographic primitives (RSAEP, RSADP, RSASP1, RSAVP1).
 *
 * RSADP is where the private key is used, so it carries the protections:
 *   1. base blinding: c' = c * r^e mod n for a fresh random r, so the value
 *      exponentiated is unrelated to the attacker's c (timing of GMP's
 *      multiplications and reductions no longer depends on c);
 *   2. mpz_powm_sec for the secret exponents dP and dQ (fixed-window,
 *      memory-access pattern independent of the exponent);
 *   3. CRT recombination (§5.1.2 step 2.b, Garner's formula);
 *   4. check m^e = c mod n before releasing m: a fault in one CRT half
 *      would otherwise give gcd(m^e - c, n) = a prime factor (Boneh,
 *      DeMillo, Lipton 1997).
 */
#include <string.h>
#include "rsa/rsa.h"
#include "common/random.h"
#include "common/ct.h"

/* RFC 8017 §4.1 I2OSP(x, xLen).  x is often secret (RSADP's m, whose EM
 * OAEP then checks), so the octets are taken from GMP's limbs one by one
 * whatever their value: no mpz_sizeinbase() (a count of x's leading zero
 * bits) and no branch on the digits, only on positions and on the number
 * of limbs (which GMP itself treats as public).  The "too large" verdict
 * is public (callers pass xLen >= the modulus length). */
cl_status rsa_i2osp(const mpz_t x, size_t xLen, uint8_t *out)
{
    if (out == NULL && xLen > 0)
        return CL_ERR_NULL_POINTER;
    /* GMP strips leading zero limbs, so the number of limbs of a secret x
     * (whether its top 64 bits are all zero: for RSADP's m about 2^-56)
     * is visible in GMP's own code already; here it is declassified. */
    int size = x->_mp_size;
    CL_DECLASSIFY(&size, sizeof size);
    if (size < 0)
        return CL_ERR_BAD_ARGUMENT;
    size_t nlimbs = (size_t)size;
    const mp_limb_t *d = mpz_limbs_read(x);
    uint8_t high = 0;                  /* OR of the octets beyond xLen */
    /* 2-3. the base-256 digits of x, most significant first, left-padded with zeros */
    if (xLen > 0)
        memset(out, 0, xLen);
    for (size_t i = 0; i < nlimbs; i++) {
        mp_limb_t limb = d[i];
        for (size_t b = 0; b < sizeof(mp_limb_t); b++) {
            size_t pos = i * sizeof(mp_limb_t) + b;      /* octet index from the least significant */
            uint8_t v = (uint8_t)(limb >> (8 * b));
            if (pos < xLen)
                out[xLen - 1 - pos] = v;
            else
                high |= v;
        }
    }
    /* 1. If x >= 256^xLen, output "integer too large" and stop. */
    CL_DECLASSIFY(&high, sizeof high);
    if (high != 0) {
        if (xLen > 0)
            cl_wipe(out, xLen);
        return CL_ERR_OUTPUT_SPACE;
    }
    return CL_OK;
}

/* RFC 8017 §4.2 OS2IP(X) */
void rsa_os2ip(mpz_t x, const uint8_t *in, size_t len)
{
    if (len == 0) {
        mpz_set_ui(x, 0);
        return;
    }
    if (len % 8 == 0)             /* whole 64-bit big-endian words: same value, ~8x faster */
        mpz_import(x, len / 8, 1, 8, 1, 0, in);
    else
        mpz_import(x, len, 1, 1, 1, 0, in);
}

/* RFC 8017 §5.1.1 RSAEP((n, e), m) */
cl_status rsa_rsaep(const rsa_key *pub, mpz_t c, const mpz_t m)
{
    /* 1. If the message representative m is not between 0 and n - 1, error. */
    if (mpz_sgn(m) < 0 || mpz_cmp(m, pub->n) >= 0)
        return CL_ERR_INPUT_LENGTH;
    /* 2. c = m^e mod n */
    mpz_powm(c, m, pub->e, pub->n);
    return CL_OK;
}

/* A random r in [2, n-1] with gcd(r, n) = 1, from cl_random_bytes, and its
 * inverse rinv = r^-1 mod n (mpz_invert fails exactly when gcd(r, n) != 1,
 * so it is also the coprimality test). */
static cl_status random_unit(mpz_t r, mpz_t rinv, const mpz_t n)
{
    uint8_t buf[RSA_MAX_BYTES + 8];
    size_t len = (mpz_sizeinbase(n, 2) + 7) / 8 + 8;   /* 64 extra bits: bias < 2^-64 */
    cl_status st = CL_ERR_RANDOM;
    for (int tries = 0; tries < 64; tries++) {
        st = cl_random_bytes(buf, len);
        if (st != CL_OK)
            break;
        mpz_import(r, len, 1, 1, 1, 0, buf);
        mpz_mod(r, r, n);
        if (mpz_cmp_ui(r, 1) > 0 && mpz_invert(rinv, r, n)) {
            st = CL_OK;
            break;
        }
        st = CL_ERR_RANDOM;
    }
    cl_wipe(buf, sizeof buf);
    return st;
}

/* RFC 8017 §5.1.2 RSADP(K, c), K in CRT form (p, q, dP, dQ, qInv) */
cl_status rsa_rsadp(const rsa_key *priv, mpz_t m, const mpz_t c)
{
    mpz_t r, rinv, cb, m1, m2, h, chk;
    cl_status st;
    if (!priv->is_private)
        return CL_ERR_NOT_PRIVATE;
    if ((st = rsa_key_check_op(priv, 1)) != CL_OK)   /* p, q odd: mpz_powm_sec needs it */
        return st;
    /* 1. If the ciphertext representative c is not between 0 and n - 1, error. */
    if (mpz_sgn(c) < 0 || mpz_cmp(c, priv->n) >= 0)
        return CL_ERR_INPUT_LENGTH;
    mpz_inits(r, rinv, cb, m1, m2, h, chk, NULL);

    /* Blinding: cb = c * r^e mod n; at the end m = mb * r^-1 mod n. */
    st = random_unit(r, rinv, priv->n);
    if (st != CL_OK)
        goto out;
    mpz_powm(cb, r, priv->e, priv->n);
    mpz_mul(cb, cb, c);
    mpz_mod(cb, cb, priv->n);

    /* 2.b.i   m_1 = c^dP mod p,  m_2 = c^dQ mod q */
    mpz_mod(h, cb, priv->p);
    mpz_powm_sec(m1, h, priv->dP, priv->p);
    mpz_mod(h, cb, priv->q);
    mpz_powm_sec(m2, h, priv->dQ, priv->q);
    /* 2.b.iii h = (m_1 - m_2) * qInv mod p */
    mpz_sub(h, m1, m2);
    mpz_mul(h, h, priv->qInv);
    mpz_mod(h, h, priv->p);
    /* 2.b.iv  m = m_2 + q * h */
    mpz_mul(m1, priv->q, h);
    mpz_add(m1, m1, m2);

    /* Unblind: m = mb * r^-1 mod n */
    mpz_mul(m1, m1, rinv);
    mpz_mod(m1, m1, priv->n);

    /* Fault check with the public exponent: m^e must give c back. */
    mpz_powm(chk, m1, priv->e, priv->n);
    int fault = mpz_cmp(chk, c) != 0;
    CL_DECLASSIFY(&fault, sizeof fault);   /* public: the operation fails */
    if (fault) {
        st = CL_ERR_DECRYPT;
        goto out;
    }
    mpz_set(m, m1);
    st = CL_OK;
out:
    mpz_set_ui(m1, 0);
    mpz_set_ui(m2, 0);
    mpz_set_ui(h, 0);
    mpz_set_ui(cb, 0);
    mpz_set_ui(r, 0);
    mpz_set_ui(rinv, 0);
    mpz_clears(r, rinv, cb, m1, m2, h, chk, NULL);
    return st;
}

/* RFC 8017 §5.2.1 RSASP1(K, m): the same steps as RSADP. */
cl_status rsa_rsasp1(const rsa_key *priv, mpz_t s, const mpz_t m)
{
    return rsa_rsadp(priv, s, m);
}

/* RFC 8017 §5.2.2 RSAVP1((n, e), s): the same steps as RSAEP. */
cl_status rsa_rsavp1(const rsa_key *pub, mpz_t m, const mpz_t s)
{
    return rsa_rsaep(pub, m, s);
}

cl_status rsa_rsadp_crt_steps(const rsa_key *priv, const mpz_t c, mpz_t c_mod_p, mpz_t c_mod_q,
                              mpz_t m1, mpz_t m2, mpz_t h, mpz_t m)
{
    mpz_t chk;
    int ok;
    cl_status st;
    if (!priv->is_private)
        return CL_ERR_NOT_PRIVATE;
    if ((st = rsa_key_check_op(priv, 1)) != CL_OK)   /* p, q odd: mpz_powm_sec needs it */
        return st;
    if (mpz_sgn(c) < 0 || mpz_cmp(c, priv->n) >= 0)
        return CL_ERR_INPUT_LENGTH;
    mpz_mod(c_mod_p, c, priv->p);
    mpz_mod(c_mod_q, c, priv->q);
    mpz_powm_sec(m1, c_mod_p, priv->dP, priv->p);     /* m1 = (c mod p)^dP mod p */
    mpz_powm_sec(m2, c_mod_q, priv->dQ, priv->q);     /* m2 = (c mod q)^dQ mod q */
    mpz_sub(h, m1, m2);                               /* h = (m1 - m2) * qInv mod p */
    mpz_mul(h, h, priv->qInv);
    mpz_mod(h, h, priv->p);
    mpz_mul(m, priv->q, h);                           /* m = m2 + q * h */
    mpz_add(m, m, m2);
    mpz_init(chk);
    mpz_powm(chk, m, priv->e, priv->n);
    ok = mpz_cmp(chk, c) == 0;
    mpz_clear(chk);
    return ok ? CL_OK : CL_ERR_DECRYPT;
}
