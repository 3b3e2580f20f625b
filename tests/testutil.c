/* tests/testutil.c -- see testutil.h. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "testutil.h"
#include "common/hex.h"
#include "common/status.h"

static void print_hex(const char *tag, const uint8_t *p, size_t n)
{
    fprintf(stderr, "    %s ", tag);
    for (size_t i = 0; i < n; i++)
        fprintf(stderr, "%02x", p[i]);
    fputc('\n', stderr);
}

int tu_bytes_eq(const char *label, const void *expected, const void *actual, size_t n,
                const char *file, int line)
{
    if (n == 0 || memcmp(expected, actual, n) == 0)
        return 1;
    fprintf(stderr, "\n  MISMATCH %s (%s:%d), %zu bytes\n", label, file, line, n);
    print_hex("expected:", expected, n);
    print_hex("actual:  ", actual, n);
    return 0;
}

int tu_status_ok(int st, const char *expr, const char *file, int line)
{
    if (st == CL_OK)
        return 1;
    fprintf(stderr, "\n  %s:%d: %s returned %d (%s)\n", file, line, expr, st,
            cl_strerror((cl_status)st));
    return 0;
}

int tu_status_is(int st, int want, const char *expr, const char *file, int line)
{
    if (st == want)
        return 1;
    fprintf(stderr, "\n  %s:%d: %s returned %d (%s), expected %d (%s)\n", file, line, expr,
            st, cl_strerror((cl_status)st), want, cl_strerror((cl_status)want));
    return 0;
}

size_t tu_hex(const char *hex, uint8_t *out, size_t cap)
{
    size_t n = 0;
    if (cl_hex_decode(hex, out, cap, &n) != CL_OK) {
        fprintf(stderr, "test data error: bad hex literal '%.40s...'\n", hex);
        exit(2);
    }
    return n;
}

uint32_t tu_rand_u32(uint64_t *s)
{
    uint64_t x = *s ? *s : 0x9E3779B97F4A7C15ull;
    x ^= x >> 12;
    x ^= x << 25;
    x ^= x >> 27;
    *s = x;
    return (uint32_t)((x * 0x2545F4914F6CDD1Dull) >> 32);
}

void tu_rand_bytes(uint64_t *state, uint8_t *out, size_t n)
{
    for (size_t i = 0; i < n; i++)
        out[i] = (uint8_t)tu_rand_u32(state);
}

const char *tu_shared_vectors(void)
{
    const char *p = getenv("SHARED_VECTORS");
    return (p && *p) ? p : "../shared/vectors";
}

CU_pSuite tu_add_suite(const char *name)
{
    CU_pSuite s = CU_add_suite(name, NULL, NULL);
    if (s == NULL) {
        fprintf(stderr, "CUnit: cannot add suite %s: %s\n", name, CU_get_error_msg());
        exit(2);
    }
    return s;
}

void tu_add_test(CU_pSuite s, const char *name, CU_TestFunc fn)
{
    if (CU_add_test(s, name, fn) == NULL) {
        fprintf(stderr, "CUnit: cannot add test %s: %s\n", name, CU_get_error_msg());
        exit(2);
    }
}
