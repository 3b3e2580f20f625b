/*
 * rsa/rsa_textbook.c -- UNSAFE: textbook RSA (c = m^e mod n, no padding).
 *
 * FOR LABS ONLY.  It is deterministic (the same m always gives the same c),
 * malleable (c1 * c2 = E(m1 * m2): an attacker changes the plaintext without
 * knowing it), and with a small e a short m has m^e < n so the e-th root of
 * c over the integers IS m (see docs/labs/rsa.md).  Use OAEP.
 * Mirrors `openssl pkeyutl -pkeyopt rsa_padding_mode:none`: the input is
 * exactly k octets and must be less than n.
 */
#include "rsa/rsa.h"

cl_status rsa_textbook_encrypt(const rsa_key *pub, const uint8_t *in, size_t in_len,
                               uint8_t *out, size_t out_cap, size_t *out_len)
{
    mpz_t m, c;
    size_t k;
    cl_status st;
    if (pub == NULL || in == NULL || out == NULL || out_len == NULL)
        return CL_ERR_NULL_POINTER;
    if ((st = rsa_key_check_op(pub, 0)) != CL_OK)
        return st;
    k = rsa_key_bytes(pub);
    if (in_len != k)
        return CL_ERR_INPUT_LENGTH;
    if (out_cap < k)
        return CL_ERR_OUTPUT_SPACE;
    mpz_inits(m, c, NULL);
    rsa_os2ip(m, in, in_len);
    st = rsa_rsaep(pub, c, m);                  /* c = m^e mod n, nothing else */
    if (st == CL_OK)
        st = rsa_i2osp(c, k, out);
    if (st == CL_OK)
        *out_len = k;
    mpz_clears(m, c, NULL);
    return st;
}

cl_status rsa_textbook_decrypt(const rsa_key *priv, const uint8_t *in, size_t in_len,
                               uint8_t *out, size_t out_cap, size_t *out_len)
{
    mpz_t m, c;
    size_t k;
    cl_status st;
    if (priv == NULL || in == NULL || out == NULL || out_len == NULL)
        return CL_ERR_NULL_POINTER;
    if (!priv->is_private)
        return CL_ERR_NOT_PRIVATE;
    k = rsa_key_bytes(priv);
    if (in_len != k)
        return CL_ERR_INPUT_LENGTH;
    if (out_cap < k)
        return CL_ERR_OUTPUT_SPACE;
    mpz_inits(m, c, NULL);
    rsa_os2ip(c, in, in_len);
    st = rsa_rsadp(priv, m, c);                 /* m = c^d mod n (CRT, blinded) */
    if (st == CL_OK)
        st = rsa_i2osp(m, k, out);
    if (st == CL_OK)
        *out_len = k;
    mpz_set_ui(m, 0);
    mpz_clears(m, c, NULL);
    return st;
}

/* c' = c * f^e mod n: anyone with the public key turns E(m) into E(m * f). */
cl_status rsa_textbook_malleate(const rsa_key *pub, const uint8_t *c, size_t c_len,
                                unsigned long f, uint8_t *out, size_t out_cap, size_t *out_len)
{
    mpz_t x, t;
    size_t k;
    cl_status st;
    if (pub == NULL || c == NULL || out == NULL || out_len == NULL)
        return CL_ERR_NULL_POINTER;
    if ((st = rsa_key_check_op(pub, 0)) != CL_OK)
        return st;
    k = rsa_key_bytes(pub);
    if (c_len != k)
        return CL_ERR_INPUT_LENGTH;
    if (out_cap < k)
        return CL_ERR_OUTPUT_SPACE;
    mpz_inits(x, t, NULL);
    rsa_os2ip(x, c, c_len);
    mpz_set_ui(t, f);
    mpz_powm(t, t, pub->e, pub->n);     /* f^e mod n */
    mpz_mul(x, x, t);
    mpz_mod(x, x, pub->n);              /* c * f^e mod n = (m * f)^e mod n */
    st = rsa_i2osp(x, k, out);
    if (st == CL_OK)
        *out_len = k;
    mpz_clears(x, t, NULL);
    return st;
}

cl_status rsa_integer_root(const uint8_t *c, size_t c_len, unsigned long e,
                           uint8_t *out, size_t out_cap, size_t *out_len, int *exact)
{
    mpz_t x, r;
    size_t len;
    cl_status st;
    if (c == NULL || out == NULL || out_len == NULL || exact == NULL)
        return CL_ERR_NULL_POINTER;
    if (e < 2)
        return CL_ERR_BAD_ARGUMENT;
    mpz_inits(x, r, NULL);
    rsa_os2ip(x, c, c_len);
    *exact = mpz_root(r, x, e) != 0;    /* r = floor(x^(1/e)), exact if r^e = x */
    len = mpz_sgn(r) == 0 ? 1 : (mpz_sizeinbase(r, 2) + 7) / 8;
    st = len <= out_cap ? rsa_i2osp(r, len, out) : CL_ERR_OUTPUT_SPACE;
    if (st == CL_OK)
        *out_len = len;
    mpz_clears(x, r, NULL);
    return st;
}
