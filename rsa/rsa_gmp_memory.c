/*
 * rsa/rsa_gmp_memory.c -- make GMP wipe the memory it gives back.
 *
 * GMP grows numbers by reallocating their limbs and frees them in
 * mpz_clear(); by default the old copies of p, q, d, dP, dQ, blinding values
 * and intermediate results stay in freed heap memory.  These allocation
 * functions overwrite every block (explicit_bzero) before it is freed or
 * moved, so secrets do not outlive the numbers that held them.
 *
 * mp_set_memory_functions() is process-wide, so it is not called by the
 * library itself: each program calls rsa_gmp_wipe_freed_memory() once at the
 * start of main(), before any mpz_t exists.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <gmp.h>
#include "rsa/rsa.h"

/* GMP's allocation functions may not fail (GMP would abort anyway). */
static void *out_of_memory(void)
{
    fputs("cryptolab: out of memory in GMP\n", stderr);
    abort();
}

static void *gmp_alloc(size_t n)
{
    void *p = malloc(n ? n : 1);
    return p ? p : out_of_memory();
}

static void *gmp_realloc(void *old, size_t old_size, size_t new_size)
{
    void *p = gmp_alloc(new_size);
    if (old != NULL) {
        memcpy(p, old, old_size < new_size ? old_size : new_size);
        explicit_bzero(old, old_size);
        free(old);
    }
    return p;
}

static void gmp_free(void *p, size_t size)
{
    if (p != NULL) {
        explicit_bzero(p, size);
        free(p);
    }
}

void rsa_gmp_wipe_freed_memory(void)
{
    mp_set_memory_functions(gmp_alloc, gmp_realloc, gmp_free);
}
