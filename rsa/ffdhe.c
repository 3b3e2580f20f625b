/*
 * rsa/ffdhe.c -- finite-field Diffie-Hellman (RFC 7919 groups), see
 * rsa/ffdhe.h for the checks and their sources.
 */
#include <string.h>
#include "rsa/ffdhe.h"
#include "rsa/rsa.h"
#include "common/ct.h"
#include "common/random.h"

/* Y = g^x mod p with g = 2.  CT: mpz_powm_sec (x is secret). */
static cl_status make_public(ffdhe_key *k, const mpz_t p)
{
    mpz_t g, Y;
    cl_status st;
    mpz_init_set_ui(g, 2);
    mpz_init(Y);
    mpz_powm_sec(Y, g, k->x, p);
    st = rsa_i2osp(Y, k->group->p_len, k->Y);
    mpz_clears(g, Y, NULL);
    return st;
}

cl_status ffdhe_keygen(ffdhe_key *k, const ffdhe_group *g)
{
    uint8_t buf[64];
    size_t n;
    mpz_t p;
    cl_status st;
    if (k == NULL || g == NULL)
        return CL_ERR_NULL_POINTER;
    memset(k, 0, sizeof *k);
    n = (g->exp_bits + 7) / 8;
    if (n > sizeof buf)
        return CL_ERR_BAD_ARGUMENT;
    st = cl_random_bytes(buf, n);
    if (st != CL_OK)
        return st;
    /* RFC 7919 §5.2 / Appendix A: a short exponent of exactly exp_bits bits. */
    buf[0] &= (uint8_t)(0xFFu >> (8 * n - g->exp_bits));
    buf[0] |= (uint8_t)(0x80u >> (8 * n - g->exp_bits));
    k->group = g;
    mpz_init(k->x);
    rsa_os2ip(k->x, buf, n);
    cl_wipe(buf, sizeof buf);
    mpz_init(p);
    ffdhe_group_p(g, p);
    st = make_public(k, p);
    mpz_clear(p);
    if (st != CL_OK) {
        ffdhe_key_clear(k);
        return st;
    }
    k->ready = 1;
    return CL_OK;
}

cl_status ffdhe_keygen_fixed(ffdhe_key *k, const ffdhe_group *g, const uint8_t *x, size_t x_len)
{
    mpz_t p, pm1;
    cl_status st = CL_OK;
    if (k == NULL || g == NULL || x == NULL)
        return CL_ERR_NULL_POINTER;
    memset(k, 0, sizeof *k);
    if (x_len == 0 || x_len > g->p_len)
        return CL_ERR_INPUT_LENGTH;
    k->group = g;
    mpz_init(k->x);
    rsa_os2ip(k->x, x, x_len);
    mpz_inits(p, pm1, NULL);
    ffdhe_group_p(g, p);
    mpz_sub_ui(pm1, p, 1);
    if (mpz_cmp_ui(k->x, 1) <= 0 || mpz_cmp(k->x, pm1) >= 0)
        st = CL_ERR_BAD_ARGUMENT;
    if (st == CL_OK)
        st = make_public(k, p);
    mpz_clears(p, pm1, NULL);
    if (st != CL_OK) {
        ffdhe_key_clear(k);
        return st;
    }
    k->ready = 1;
    return CL_OK;
}

/* 1 < Y < p-1 (RFC 7919 §3 and §4; RFC 8446 §4.2.8.1).  y already converted. */
static cl_status check_range(const mpz_t y, const mpz_t p)
{
    mpz_t pm1;
    int ok;
    mpz_init(pm1);
    mpz_sub_ui(pm1, p, 1);
    ok = mpz_cmp_ui(y, 1) > 0 && mpz_cmp(y, pm1) < 0;
    mpz_clear(pm1);
    return ok ? CL_OK : CL_ERR_BAD_ARGUMENT;
}

cl_status ffdhe_check_public(const ffdhe_group *g, const uint8_t *Y, size_t y_len)
{
    mpz_t y, p;
    cl_status st;
    if (g == NULL || Y == NULL)
        return CL_ERR_NULL_POINTER;
    if (y_len == 0 || y_len > g->p_len)
        return CL_ERR_INPUT_LENGTH;
    mpz_inits(y, p, NULL);
    rsa_os2ip(y, Y, y_len);
    ffdhe_group_p(g, p);
    st = check_range(y, p);
    mpz_clears(y, p, NULL);
    return st;
}

cl_status ffdhe_shared_secret(const ffdhe_key *k, const uint8_t *Y_peer, size_t y_len,
                              enum ffdhe_z_format fmt, uint8_t *out, size_t cap, size_t *z_len)
{
    mpz_t y, p, z;
    size_t plen, skip = 0;
    cl_status st;
    if (k == NULL || Y_peer == NULL || out == NULL || z_len == NULL)
        return CL_ERR_NULL_POINTER;
    if (!k->ready)
        return CL_ERR_STATE;
    plen = k->group->p_len;
    if (cap < plen)
        return CL_ERR_OUTPUT_SPACE;
    if (y_len == 0 || y_len > plen)
        return CL_ERR_INPUT_LENGTH;
    mpz_inits(y, p, z, NULL);
    rsa_os2ip(y, Y_peer, y_len);
    ffdhe_group_p(k->group, p);
    st = check_range(y, p);
    if (st == CL_OK) {
        mpz_powm_sec(z, y, k->x, p);           /* Z = Y_peer^x mod p */
        st = rsa_i2osp(z, plen, out);
    }
    mpz_set_ui(z, 0);
    mpz_clears(y, p, z, NULL);
    if (st != CL_OK) {
        cl_wipe(out, plen);
        return st;
    }
    if (fmt == FFDHE_Z_STRIPPED) {
        /* RFC 5246 §8.1.2: "Leading bytes of Z that contain all zero bits
         * are stripped before it is used as the pre_master_secret."
         * CT: no -- the number of leading zeros leaks (as the RFC's rule
         * itself does through the PRF's timing; TLS 1.3 fixed this). */
        while (skip + 1 < plen && out[skip] == 0)
            skip++;
        if (skip > 0) {
            memmove(out, out + skip, plen - skip);
            cl_wipe(out + plen - skip, skip);
        }
    }
    *z_len = plen - skip;
    return CL_OK;
}

void ffdhe_key_clear(ffdhe_key *k)
{
    if (k == NULL || k->group == NULL)
        return;
    mpz_set_ui(k->x, 0);
    mpz_clear(k->x);
    cl_wipe(k, sizeof *k);
}
