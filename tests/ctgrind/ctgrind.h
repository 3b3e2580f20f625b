/*
 * tests/ctgrind/ctgrind.h -- the constant-time check (make ctgrind,
 * tests/sh/46-ctgrind.sh, docs/security.md "Constant time, checked").
 *
 * Each path is a small function that runs one constant-time operation with
 * its secret inputs marked undefined for valgrind memcheck (ct_secret):
 * memcheck then reports every conditional branch and every memory address
 * that depends on them -- exactly what a timing or cache attacker could
 * see.  Results are marked defined again (ct_public) before the path
 * checks them, and the library itself declassifies only the verdicts it
 * returns anyway (CL_DECLASSIFY, common/ct.h; active in this build only,
 * -DCL_CTGRIND).
 *
 * Adding a path: a file tests/ctgrind/ct_NAME.c defining
 *     void register_ct_NAME(void)
 * that calls ct_add() once per path; the Makefile finds it (nothing else
 * to edit).  tests/sh/46-ctgrind.sh runs every path under valgrind and
 * compares the number of reports with the path's expectation.
 */
#ifndef CRYPTOLAB_TESTS_CTGRIND_H
#define CRYPTOLAB_TESTS_CTGRIND_H

#include <stddef.h>
#include <stdint.h>
#include <gmp.h>

#ifndef CT_TOP
#define CT_TOP "."
#endif

enum ct_expect {
    CT_EXPECT_CLEAN,   /* no report at all */
    CT_EXPECT_LEAKS,   /* a control: it MUST be reported (table lookups by secrets) */
    CT_EXPECT_GMP      /* no report in cryptolab's code; GMP's own are counted
                          and listed (docs/security.md says which and why) */
};

/* A path returns CT_OK when it ran and every result was right, CT_WRONG
 * on a wrong result, CT_SKIP when this CPU or build lacks it. */
enum { CT_OK = 0, CT_WRONG = 1, CT_SKIP = 77 };
typedef int (*ct_fn)(void);

void ct_add(const char *name, enum ct_expect expect, ct_fn fn, const char *what);

/* Marks n bytes secret (undefined for memcheck) / public (defined). */
void ct_secret(const void *p, size_t n);
void ct_public(const void *p, size_t n);
/* The limbs of a GMP number (its size, the number of limbs, stays public). */
void ct_secret_mpz(mpz_srcptr z);
void ct_public_mpz(mpz_srcptr z);

/* Fills buf with a fixed pattern (the values do not matter, only that
 * they are marked secret). */
void ct_fill(uint8_t *buf, size_t n, uint8_t seed);

#endif
