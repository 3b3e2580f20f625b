/*
 * tests/ctgrind/ctgrind.c -- main() of build/ctgrind/bin/ctgrind:
 *   ctgrind --list    one line per path: NAME EXPECT WHAT
 *   ctgrind NAME      runs the path (under valgrind: see 46-ctgrind.sh)
 * The registry of paths is generated from tests/ctgrind/ct_*.c.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <valgrind/memcheck.h>
#include "tests/ctgrind/ctgrind.h"
#include "rsa/rsa.h"

void ct_register_all(void);

struct ct_path { const char *name; enum ct_expect expect; ct_fn fn; const char *what; };
static struct ct_path paths[64];
static int n_paths;

void ct_add(const char *name, enum ct_expect expect, ct_fn fn, const char *what)
{
    if (n_paths == (int)(sizeof paths / sizeof paths[0])) {
        fprintf(stderr, "ctgrind: too many paths\n");
        exit(2);
    }
    paths[n_paths++] = (struct ct_path){ name, expect, fn, what };
}

void ct_secret(const void *p, size_t n) { (void)VALGRIND_MAKE_MEM_UNDEFINED(p, n); }
void ct_public(const void *p, size_t n) { (void)VALGRIND_MAKE_MEM_DEFINED(p, n); }

void ct_secret_mpz(mpz_srcptr z)
{
    ct_secret(mpz_limbs_read(z), mpz_size(z) * sizeof(mp_limb_t));
}

void ct_public_mpz(mpz_srcptr z)
{
    ct_public(z, sizeof *z);              /* GMP computes the size from the digits */
    ct_public(mpz_limbs_read(z), mpz_size(z) * sizeof(mp_limb_t));
}

void ct_fill(uint8_t *buf, size_t n, uint8_t seed)
{
    for (size_t i = 0; i < n; i++) buf[i] = (uint8_t)(seed + 37 * i + (i >> 3));
}

static const char *expect_name(enum ct_expect e)
{
    switch (e) {
    case CT_EXPECT_CLEAN: return "clean";
    case CT_EXPECT_LEAKS: return "leaks";
    default: return "gmp";
    }
}

int main(int argc, char **argv)
{
    rsa_gmp_wipe_freed_memory();
    ct_register_all();
    if (argc == 2 && strcmp(argv[1], "--list") == 0) {
        for (int i = 0; i < n_paths; i++)
            printf("%s %s %s\n", paths[i].name, expect_name(paths[i].expect), paths[i].what);
        return 0;
    }
    if (argc != 2) {
        fprintf(stderr, "usage: ctgrind --list | ctgrind PATH (under valgrind)\n");
        return 2;
    }
    for (int i = 0; i < n_paths; i++) {
        if (strcmp(argv[1], paths[i].name) != 0) continue;
        if (!RUNNING_ON_VALGRIND)
            fprintf(stderr, "ctgrind: not under valgrind: the secrets are not tracked\n");
        int r = paths[i].fn();
        if (r == CT_WRONG) fprintf(stderr, "ctgrind: %s: WRONG RESULT\n", paths[i].name);
        return r;
    }
    fprintf(stderr, "ctgrind: no path %s\n", argv[1]);
    return 2;
}
