/*
 * tests/test_mitm.c -- net_msg_describe() (net/mitm.c): what bin/cryptolab-mitm
 * prints for each application message of docs/protocol.md §9, built with the
 * net module's own encoders (net/app.h); malformed and hostile input.
 */
#include <string.h>
#include "tests/testutil.h"
#include "net/app.h"
#include "net/mitm.h"

static void expect_desc(const uint8_t *msg, size_t len, cl_status want_st, const char *want)
{
    char out[512];
    CL_ASSERT_STATUS(net_msg_describe(msg, len, 200, out, sizeof out), want_st);
    if (strcmp(out, want) != 0) {
        printf("\n  expected: %s\n  actual:   %s\n", want, out);
        CU_FAIL("description differs");
    }
}

static void test_describe_each_kind(void)
{
    uint8_t m[NET_MAX_PLAINTEXT], sha[32];
    size_t n;
    memset(sha, 0xab, sizeof sha);
    n = net_app_put(m, NET_PUT_OVERWRITE, 21, sha, "plans.txt");
    expect_desc(m, n, CL_OK, "PUT \"plans.txt\" (21 bytes, SHA-256 "
                "abababababababababababababababababababababababababababababababab, overwrite)");
    n = net_app_get(m, "a b");
    expect_desc(m, n, CL_OK, "GET \"a b\"");
    n = net_app_list(m);
    expect_desc(m, n, CL_OK, "LIST");
    n = net_app_data(m, NET_APP_DATA, (const uint8_t *)"line\n\t\"q\"\\\x01", 11);
    expect_desc(m, n, CL_OK, "DATA 11 bytes \"line\\n\\t\\\"q\\\"\\\\\\x01\"");
    n = net_app_result(m, NET_RES_NOT_FOUND, "no such file");
    expect_desc(m, n, CL_OK, "RESULT not_found \"no such file\"");
    n = net_app_result(m, NET_RES_OK, "");
    expect_desc(m, n, CL_OK, "RESULT ok");
    n = net_app_fileinfo(m, 7, sha, "x");
    expect_desc(m, n, CL_OK, "FILEINFO \"x\" (7 bytes, SHA-256 "
                "abababababababababababababababababababababababababababababababab)");
    n = net_app_entry(m, 1234567890123ULL, "big.iso");
    expect_desc(m, n, CL_OK, "ENTRY \"big.iso\" (1234567890123 bytes)");
    n = net_app_chat_join(m, "alice");
    expect_desc(m, n, CL_OK, "CHAT_JOIN \"alice\"");
    n = net_app_chat_say(m, "hi there", 8);
    expect_desc(m, n, CL_OK, "CHAT_SAY \"hi there\"");
    n = net_app_chat_line(m, "bob", "yo", 2);
    expect_desc(m, n, CL_OK, "CHAT_LINE <bob> \"yo\"");
    n = net_app_data(m, NET_APP_ECHO, (const uint8_t *)"", 0);
    expect_desc(m, n, CL_OK, "ECHO 0 bytes \"\"");
}

static void test_describe_truncates(void)
{
    uint8_t m[NET_MAX_PLAINTEXT], data[1000];
    char out[64];
    memset(data, 'A', sizeof data);
    size_t n = net_app_data(m, NET_APP_DATA, data, sizeof data);
    CL_ASSERT_OK(net_msg_describe(m, n, 5, out, sizeof out));
    CU_ASSERT_STRING_EQUAL(out, "DATA 1000 bytes \"AAAAA\"...");
    /* An output buffer too small is filled and NUL-terminated, never overrun. */
    char tiny[8];
    memset(tiny, 'x', sizeof tiny);
    CL_ASSERT_OK(net_msg_describe(m, n, 200, tiny, sizeof tiny));
    CU_ASSERT_EQUAL(strlen(tiny), sizeof tiny - 1);
    CU_ASSERT_STRING_EQUAL(tiny, "DATA 10");
}

static void test_describe_malformed(void)
{
    char out[128];
    const uint8_t unknown[] = { 0x42, 1, 2 };
    expect_desc(unknown, sizeof unknown, CL_ERR_PROTOCOL, "unknown (3 bytes) [does not parse]");
    const uint8_t short_put[] = { 0x01, 0x00, 0x00 };
    expect_desc(short_put, sizeof short_put, CL_ERR_PROTOCOL, "PUT (3 bytes) [does not parse]");
    const uint8_t bad_name_len[] = { 0x02, 0x09, 'a' };
    expect_desc(bad_name_len, sizeof bad_name_len, CL_ERR_PROTOCOL, "GET (3 bytes) [does not parse]");
    CL_ASSERT_STATUS(net_msg_describe(NULL, 0, 10, out, sizeof out), CL_ERR_PROTOCOL);
    CL_ASSERT_STATUS(net_msg_describe(unknown, sizeof unknown, 10, NULL, 0), CL_ERR_BAD_ARGUMENT);
    CL_ASSERT_STATUS(net_msg_describe(unknown, sizeof unknown, 10, out, 0), CL_ERR_BAD_ARGUMENT);
    CU_ASSERT_STRING_EQUAL(net_msg_name(0x0b), "ECHO");
    CU_ASSERT_STRING_EQUAL(net_msg_name(0x00), "unknown");
    CU_ASSERT_STRING_EQUAL(net_msg_name(0xff), "unknown");
}

void register_mitm_suites(void)
{
    CU_pSuite s = tu_add_suite("mitm");
    tu_add_test(s, "describe each message kind", test_describe_each_kind);
    tu_add_test(s, "long content truncated, small buffer", test_describe_truncates);
    tu_add_test(s, "malformed messages", test_describe_malformed);
}
