/*
 * tests/testutil.h -- helpers for the CUnit suites.
 *
 * Every suite file tests/test_NAME.c defines `void register_NAME_suites(void)`,
 * which adds one or more CUnit suites; the build generates the list.
 */
#ifndef CRYPTOLAB_TESTS_TESTUTIL_H
#define CRYPTOLAB_TESTS_TESTUTIL_H

#include <stddef.h>
#include <stdint.h>
#include <CUnit/CUnit.h>

/* Compares n bytes; on mismatch prints both in hex (with a label) and fails. */
#define CL_ASSERT_BYTES_EQ(label, expected, actual, n) \
    CU_ASSERT_TRUE(tu_bytes_eq((label), (expected), (actual), (n), __FILE__, __LINE__))

/* Asserts that a cl_status is CL_OK, printing its message otherwise. */
#define CL_ASSERT_OK(expr) \
    CU_ASSERT_TRUE(tu_status_ok((expr), #expr, __FILE__, __LINE__))

/* Asserts that an expression returns a given cl_status. */
#define CL_ASSERT_STATUS(expr, want) \
    CU_ASSERT_TRUE(tu_status_is((expr), (want), #expr, __FILE__, __LINE__))

int tu_bytes_eq(const char *label, const void *expected, const void *actual, size_t n,
                const char *file, int line);
int tu_status_ok(int st, const char *expr, const char *file, int line);
int tu_status_is(int st, int want, const char *expr, const char *file, int line);

/* Decodes hex into a static-lifetime buffer owned by the caller: returns the
 * length, or aborts the test program with a message if the hex is bad
 * (test data is ours, so a bad literal is a bug in the test). */
size_t tu_hex(const char *hex, uint8_t *out, size_t cap);

/* Deterministic pseudo-random bytes for tests (xorshift64*, seeded). */
void tu_rand_bytes(uint64_t *state, uint8_t *out, size_t n);
uint32_t tu_rand_u32(uint64_t *state);

/* Path of the shared NIST/RFC vectors ($SHARED_VECTORS, default ../shared/vectors). */
const char *tu_shared_vectors(void);

/* Adds a suite, exiting with a message if CUnit refuses. */
CU_pSuite tu_add_suite(const char *name);
void tu_add_test(CU_pSuite s, const char *name, CU_TestFunc fn);

#endif
