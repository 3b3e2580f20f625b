/*
 * rsa/rsa_prime.c -- probable primes for RSA: trial division by small
 * primes and the Miller-Rabin test of FIPS 186-5 Appendix B.3.1, written
 * step by step (GMP's own mpz_probab_prime_p is used only in the tests, as
 * a cross-check).  Round counts from FIPS 186-5 Table B.1.
 */
#include <string.h>
#include "rsa/rsa.h"
#include "common/ct.h"
#include "common/random.h"
#include "common/bytes.h"
#include "sha256/sha256.h"

/* FIPS 186-5 Table B.1, "p and q" rows, column for the error probability
 * matching the security strength of the modulus: 1024-bit primes (nlen 2048)
 * 5 rounds (2^-112); 1536-bit (nlen 3072) 4 rounds (2^-128); 2048-bit
 * (nlen 4096) 4 rounds (2^-144).  Smaller primes (512/1024-bit lab keys)
 * are outside the table: we use 8 rounds, more than any row. */
unsigned rsa_mr_rounds(unsigned prime_bits)
{
    if (prime_bits >= 1536)
        return 4;
    if (prime_bits >= 1024)
        return 5;
    return 8;
}

/* The odd primes below 2000, computed once per call with a small sieve
 * (cheap next to one modular exponentiation). */
#define SMALL_LIMIT 2000
static size_t small_primes(uint32_t *out)
{
    uint8_t composite[SMALL_LIMIT];
    size_t n = 0;
    memset(composite, 0, sizeof composite);
    for (uint32_t i = 3; i < SMALL_LIMIT; i += 2) {
        if (composite[i])
            continue;
        out[n++] = i;
        for (uint32_t j = i * i; j < SMALL_LIMIT; j += 2 * i)
            composite[j] = 1;
    }
    return n;
}

unsigned long rsa_trial_division(const mpz_t w)
{
    uint32_t primes[SMALL_LIMIT / 2];
    size_t n = small_primes(primes);
    if (mpz_even_p(w))
        return 2;
    for (size_t i = 0; i < n; i++) {
        if (mpz_cmp_ui(w, primes[i]) == 0)
            return 0;                       /* w is itself a small prime */
        if (mpz_fdiv_ui(w, primes[i]) == 0)
            return primes[i];
    }
    return 0;
}

/* A random integer of exactly `bits` bits or fewer (top bits masked) from rng. */
static cl_status random_bits(mpz_t x, size_t bits, rsa_rng_fn rng, void *ctx)
{
    uint8_t buf[RSA_MAX_BYTES];
    size_t len = (bits + 7) / 8;
    cl_status st;
    if (len > sizeof buf)
        return CL_ERR_BAD_ARGUMENT;
    if ((st = rng(ctx, buf, len)) != CL_OK)
        return st;
    if (bits % 8)
        buf[0] &= (uint8_t)(0xFFu >> (8 - bits % 8));
    mpz_import(x, len, 1, 1, 1, 0, buf);
    cl_wipe(buf, len);
    return CL_OK;
}

static cl_status os_rng(void *ctx, uint8_t *out, size_t len)
{
    (void)ctx;
    return cl_random_bytes(out, len);
}

/* FIPS 186-5 B.3.1 Miller-Rabin Probabilistic Primality Test */
cl_status rsa_miller_rabin(const mpz_t w, unsigned rounds, rsa_rng_fn rng, void *rng_ctx,
                           int *is_prime, unsigned *failed_round)
{
    mpz_t w1, m, b, z;
    unsigned long a, j;
    size_t wlen;
    cl_status st = CL_OK;
    unsigned i;

    if (is_prime == NULL)
        return CL_ERR_NULL_POINTER;
    if (rng == NULL)
        rng = os_rng;
    *is_prime = 0;
    if (failed_round)
        *failed_round = 0;
    /* The test needs an odd w > 3 (b is drawn from [2, w-2]). */
    if (mpz_cmp_ui(w, 3) <= 0 || mpz_even_p(w)) {
        *is_prime = mpz_cmp_ui(w, 2) == 0 || mpz_cmp_ui(w, 3) == 0;
        return CL_OK;
    }
    mpz_inits(w1, m, b, z, NULL);
    mpz_sub_ui(w1, w, 1);
    /* 1. Let a be the largest integer such that 2^a divides w - 1. */
    a = mpz_scan1(w1, 0);
    /* 2. m = (w - 1) / 2^a. */
    mpz_tdiv_q_2exp(m, w1, a);
    /* 3. wlen = len(w). */
    wlen = mpz_sizeinbase(w, 2);
    /* 4. For i = 1 to iterations do */
    for (i = 1; i <= rounds; i++) {
        int maybe_prime = 0;
        /* 4.1 Obtain a string b of wlen bits from an RBG.
         * 4.2 If ((b <= 1) or (b >= w - 1)), then go to step 4.1. */
        do {
            if ((st = random_bits(b, wlen, rng, rng_ctx)) != CL_OK)
                goto out;
        } while (mpz_cmp_ui(b, 1) <= 0 || mpz_cmp(b, w1) >= 0);
        /* 4.3 z = b^m mod w. */
        mpz_powm(z, b, m, w);
        /* 4.4 If ((z = 1) or (z = w - 1)), then go to step 4.7. */
        if (mpz_cmp_ui(z, 1) == 0 || mpz_cmp(z, w1) == 0)
            maybe_prime = 1;
        /* 4.5 For j = 1 to a - 1 do */
        for (j = 1; !maybe_prime && j < a; j++) {
            /* 4.5.1 z = z^2 mod w. */
            mpz_powm_ui(z, z, 2, w);
            /* 4.5.2 If (z = w - 1), then go to step 4.7. */
            if (mpz_cmp(z, w1) == 0)
                maybe_prime = 1;
            /* 4.5.3 If (z = 1), then go to step 4.6. */
            else if (mpz_cmp_ui(z, 1) == 0)
                break;
        }
        if (!maybe_prime) {
            /* 4.6 Return COMPOSITE. */
            if (failed_round)
                *failed_round = i;
            goto out;
        }
        /* 4.7 Continue. */
    }
    /* 5. Return PROBABLY PRIME. */
    *is_prime = 1;
out:
    mpz_clears(w1, m, b, z, NULL);
    return st;
}

/* ---- the seeded generator for classroom runs ONLY ---- */

void rsa_lab_rng_init(rsa_lab_rng *r, const uint8_t *seed, size_t seed_len)
{
    sha256_ctx c;
    sha256_init(&c);
    sha256_update(&c, (const uint8_t *)"cryptolab lab rng", 17);
    sha256_update(&c, seed, seed_len);
    sha256_final(&c, r->seed);
    r->counter = 0;
}

/* block i = SHA-256(seed || I2OSP(i, 8)); output = block 0 || block 1 || ... */
cl_status rsa_lab_rng_bytes(void *ctx, uint8_t *out, size_t len)
{
    rsa_lab_rng *r = ctx;
    uint8_t ctr[8], block[32];
    sha256_ctx c;
    while (len > 0) {
        size_t take = len < 32 ? len : 32;
        store64_be(ctr, r->counter++);
        sha256_init(&c);
        sha256_update(&c, r->seed, 32);
        sha256_update(&c, ctr, 8);
        sha256_final(&c, block);
        memcpy(out, block, take);
        out += take;
        len -= take;
    }
    return CL_OK;
}
