/*
 * common/ct.h -- constant-time comparison and wiping of secrets.
 */
#ifndef CRYPTOLAB_COMMON_CT_H
#define CRYPTOLAB_COMMON_CT_H

#include <stddef.h>
#include <stdint.h>

/* Returns 1 if the n bytes at a and b are equal, 0 otherwise.
 * CT: yes -- the time depends only on n, never on where the bytes differ.
 * Use it for every MAC, tag and padding comparison. */
int cl_ct_memeq(const void *a, const void *b, size_t n);

/* The same comparison for a verdict that is public by design (a MAC or tag
 * check whose failure the caller reports): cl_ct_memeq(), then the result is
 * declassified (CL_DECLASSIFY below) so that the checked build of
 * `make ctgrind` does not report the caller's branch on it.  Not for checks
 * whose outcome must stay secret (the parts of an OAEP padding check). */
int cl_ct_memeq_public(const void *a, const void *b, size_t n);

/* Declassification for the constant-time check (make ctgrind, docs/
 * security.md): in the checked build (CL_CTGRIND) the n bytes at p are
 * marked defined for valgrind memcheck, i.e. no longer secret; in every
 * other build it does nothing.  Use it only on what the caller learns
 * anyway: a verdict that is returned, the length of a message released. */
#ifdef CL_CTGRIND
#include <valgrind/memcheck.h>
#define CL_DECLASSIFY(p, n) ((void)VALGRIND_MAKE_MEM_DEFINED((p), (n)))
#else
#define CL_DECLASSIFY(p, n) ((void)(p), (void)(n))
#endif

/* Overwrites n bytes with zeros in a way the compiler may not remove
 * (explicit_bzero).  Call it on keys, key schedules and contexts. */
void cl_wipe(void *p, size_t n);

/* Branch-free helpers for constant-time code: all return 0 or 0xFFFFFFFF. */
static inline uint32_t ct_mask_eq_u32(uint32_t a, uint32_t b)
{
    uint32_t x = a ^ b;                    /* 0 iff equal */
    return ((x | (0u - x)) >> 31) - 1u;    /* 0xFFFFFFFF iff x == 0 */
}

static inline uint32_t ct_mask_nonzero_u32(uint32_t x)
{
    return 0u - ((x | (0u - x)) >> 31);
}

#endif
