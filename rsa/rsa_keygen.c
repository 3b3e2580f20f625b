/*
 * rsa/rsa_keygen.c -- RSA key-pair generation after FIPS 186-5 §A.1.3
 * ("Generation of Random Primes that are Probably Prime"), then the private
 * exponent and CRT values of RFC 8017 §3.2.
 *
 *   p, q: random odd nlen/2-bit integers with the top two bits set (so
 *         p >= 1.5 * 2^(nlen/2 - 1) > sqrt(2) * 2^(nlen/2 - 1), step 4.4),
 *         gcd(p - 1, e) = 1, trial division, then Miller-Rabin (B.3.1);
 *         |p - q| > 2^(nlen/2 - 100) (step 5.4);
 *   d = e^-1 mod lcm(p - 1, q - 1), and d > 2^(nlen/2) (§A.1.1);
 *   dP = d mod (p - 1), dQ = d mod (q - 1), qInv = q^-1 mod p.
 */
#include "rsa/rsa.h"
#include "common/random.h"
#include "common/ct.h"

static cl_status os_rng(void *ctx, uint8_t *out, size_t len)
{
    (void)ctx;
    return cl_random_bytes(out, len);
}

static void trace(rsa_gen_trace_fn fn, void *ctx, enum rsa_gen_event ev, char which,
                  const mpz_t x, unsigned long detail)
{
    if (fn != NULL)
        fn(ctx, ev, which, x, detail);
}

/* §A.1.3 step 4 (which = 'p') or step 5 (which = 'q', other = p). */
static cl_status gen_prime(mpz_t x, unsigned nlen, const mpz_t e, const mpz_t other, char which,
                           rsa_rng_fn rng, void *rng_ctx, rsa_gen_trace_fn tfn, void *tctx)
{
    uint8_t buf[RSA_MAX_BYTES / 2];
    size_t half = nlen / 2, len = half / 8;
    unsigned long i, small;
    unsigned rounds = rsa_mr_rounds((unsigned)half), failed;
    mpz_t t, bound;
    cl_status st = CL_OK;
    int prime;

    mpz_inits(t, bound, NULL);
    mpz_setbit(bound, half - 100);                  /* 2^(nlen/2 - 100) */
    /* 4.1 i = 0;  4.6 if i >= 5(nlen/2), return FAILURE */
    for (i = 0; i < 5UL * half; i++) {
        /* 4.2 Obtain a string p of (nlen/2) bits from an RBG. */
        if ((st = rng(rng_ctx, buf, len)) != CL_OK)
            goto out;
        buf[0] |= 0xC0;           /* top two bits: p >= sqrt(2) * 2^(nlen/2 - 1) (4.4) */
        buf[len - 1] |= 0x01;     /* 4.3 If p is not odd, then p = p + 1. */
        mpz_import(x, len, 1, 1, 1, 0, buf);
        trace(tfn, tctx, RSA_GEN_CANDIDATE, which, x, i + 1);
        /* 5.4 (q only) If |p - q| <= 2^(nlen/2 - 100), then go to step 5.2. */
        if (which == 'q') {
            mpz_sub(t, x, other);
            mpz_abs(t, t);
            if (mpz_cmp(t, bound) <= 0) {
                trace(tfn, tctx, RSA_GEN_PQ_TOO_CLOSE, which, x, 0);
                continue;
            }
        }
        /* Trial division by the small primes (a cheap first filter). */
        if ((small = rsa_trial_division(x)) != 0) {
            trace(tfn, tctx, RSA_GEN_TRIAL_DIVISION, which, x, small);
            continue;
        }
        /* 4.5 If GCD(p - 1, e) = 1, then test p with Miller-Rabin. */
        mpz_sub_ui(t, x, 1);
        mpz_gcd(t, t, e);
        if (mpz_cmp_ui(t, 1) != 0) {
            trace(tfn, tctx, RSA_GEN_GCD_E, which, x, 0);
            continue;
        }
        if ((st = rsa_miller_rabin(x, rounds, rng, rng_ctx, &prime, &failed)) != CL_OK)
            goto out;
        if (prime) {
            trace(tfn, tctx, RSA_GEN_PRIME, which, x, rounds);
            goto out;
        }
        trace(tfn, tctx, RSA_GEN_MR_COMPOSITE, which, x, failed);
    }
    st = CL_ERR_RANDOM;   /* FAILURE after 5(nlen/2) candidates: astronomically unlikely */
out:
    cl_wipe(buf, sizeof buf);
    mpz_clears(t, bound, NULL);
    return st;
}

cl_status rsa_generate_ex(rsa_key *key, unsigned bits, unsigned long e,
                          rsa_rng_fn rng, void *rng_ctx,
                          rsa_gen_trace_fn tfn, void *tctx)
{
    mpz_t p1, q1, lambda, bound;
    cl_status st;
    int attempt;

    if (key == NULL)
        return CL_ERR_NULL_POINTER;
    if (bits != 512 && bits != 1024 && bits != 2048 && bits != 3072 && bits != 4096)
        return CL_ERR_KEY_SIZE;
    if (e < 3 || (e & 1) == 0)
        return CL_ERR_BAD_ARGUMENT;
    if (rng == NULL)
        rng = os_rng;
    mpz_set_ui(key->e, e);
    key->is_private = 0;
    mpz_inits(p1, q1, lambda, bound, NULL);
    mpz_setbit(bound, bits / 2);                    /* 2^(nlen/2) */
    for (attempt = 0; attempt < 4; attempt++) {
        /* §A.1.3 step 4: p;  step 5: q */
        if ((st = gen_prime(key->p, bits, key->e, key->p, 'p', rng, rng_ctx, tfn, tctx)) != CL_OK ||
            (st = gen_prime(key->q, bits, key->e, key->p, 'q', rng, rng_ctx, tfn, tctx)) != CL_OK)
            goto out;
        /* RFC 8017 keeps p > q for no reason of its own; OpenSSL writes p > q too. */
        if (mpz_cmp(key->p, key->q) < 0)
            mpz_swap(key->p, key->q);
        mpz_mul(key->n, key->p, key->q);
        /* d = e^-1 mod lcm(p - 1, q - 1) */
        mpz_sub_ui(p1, key->p, 1);
        mpz_sub_ui(q1, key->q, 1);
        mpz_lcm(lambda, p1, q1);
        if (!mpz_invert(key->d, key->e, lambda))
            continue;                               /* cannot happen: gcd(p-1, e) = 1 */
        /* §A.1.1: d must exceed 2^(nlen/2); otherwise start again */
        if (mpz_cmp(key->d, bound) <= 0)
            continue;
        st = rsa_key_complete_crt(key);
        goto out;
    }
    st = CL_ERR_RANDOM;
out:
    mpz_set_ui(p1, 0);
    mpz_set_ui(q1, 0);
    mpz_set_ui(lambda, 0);
    mpz_clears(p1, q1, lambda, bound, NULL);
    if (st != CL_OK) {
        mpz_set_ui(key->d, 0);
        mpz_set_ui(key->p, 0);
        mpz_set_ui(key->q, 0);
        key->is_private = 0;
    }
    return st;
}

cl_status rsa_generate(rsa_key *key, unsigned bits, unsigned long e)
{
    return rsa_generate_ex(key, bits, e, NULL, NULL, NULL, NULL);
}
