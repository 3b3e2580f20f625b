/*
 * tests/runner.c -- bin/cryptolab-tests [SUITE...]
 *
 * Runs every CUnit suite, or only the named ones (`bin/cryptolab-tests aes`).
 * `--list` prints the suite names.  Exit status: 0 when every test passed,
 * 1 when any assertion or test failed, 2 on a usage or CUnit error.
 */
#include <stdio.h>
#include <string.h>
#include <CUnit/CUnit.h>
#include <CUnit/Basic.h>
#include "rsa/rsa.h"

void register_all_suites(void);

int main(int argc, char **argv)
{
    rsa_gmp_wipe_freed_memory();   /* secrets in freed GMP memory are wiped */
    if (CU_initialize_registry() != CUE_SUCCESS) {
        fprintf(stderr, "CUnit: %s\n", CU_get_error_msg());
        return 2;
    }
    register_all_suites();
    CU_pTestRegistry reg = CU_get_registry();

    if (argc > 1 && (strcmp(argv[1], "--list") == 0 || strcmp(argv[1], "--help") == 0)) {
        if (strcmp(argv[1], "--help") == 0)
            printf("usage: cryptolab-tests [--list] [SUITE...]\nsuites:\n");
        for (CU_pSuite s = reg->pSuite; s; s = s->pNext)
            printf("%s\n", s->pName);
        CU_cleanup_registry();
        return 0;
    }

    CU_basic_set_mode(CU_BRM_NORMAL);
    int bad_usage = 0;
    /* Each CUnit run starts its counts afresh: add them up after every run,
     * and read them before CU_cleanup_registry() clears them. */
    unsigned failed_tests = 0, failed_asserts = 0, ran = 0, suites_failed = 0;
    if (argc == 1) {
        CU_basic_run_tests();
        failed_tests = CU_get_number_of_tests_failed();
        failed_asserts = CU_get_number_of_failures();
        ran = CU_get_number_of_tests_run();
        suites_failed = CU_get_number_of_suites_failed();
    } else {
        for (int i = 1; i < argc; i++) {
            CU_pSuite s = CU_get_suite(argv[i]);
            if (s == NULL) {
                fprintf(stderr, "cryptolab-tests: no suite named '%s' (try --list)\n", argv[i]);
                bad_usage = 1;
                continue;
            }
            CU_basic_run_suite(s);
            failed_tests += CU_get_number_of_tests_failed();
            failed_asserts += CU_get_number_of_failures();
            ran += CU_get_number_of_tests_run();
            suites_failed += CU_get_number_of_suites_failed();
        }
    }
    CU_cleanup_registry();
    printf("\ncryptolab-tests: %u tests run, %u failed (%u failed assertions)\n",
           ran, failed_tests, failed_asserts);
    if (bad_usage)
        return 2;
    if (ran == 0) {
        fprintf(stderr, "cryptolab-tests: no test was run\n");
        return 1;
    }
    return (failed_tests || failed_asserts || suites_failed) ? 1 : 0;
}
