/* tests/test_common.c -- status messages, hex/base64, byte order, cl_ct_memeq. */
#include <string.h>
#include "testutil.h"
#include "common/status.h"
#include "common/hex.h"
#include "common/bytes.h"
#include "common/ct.h"
#include "common/random.h"

static void test_strerror(void)
{
    for (int s = 0; s < CL_STATUS_COUNT; s++) {
        const char *m = cl_strerror((cl_status)s);
        CU_ASSERT_PTR_NOT_NULL(m);
        CU_ASSERT_STRING_NOT_EQUAL(m, "unknown error");
    }
    CU_ASSERT_STRING_EQUAL(cl_strerror((cl_status)9999), "unknown error");
}

static void test_hex(void)
{
    uint8_t buf[8];
    size_t n = 0;
    char txt[17];
    CL_ASSERT_OK(cl_hex_decode("00ff10Ab", buf, sizeof buf, &n));
    CU_ASSERT_EQUAL(n, 4);
    CL_ASSERT_BYTES_EQ("hex", "\x00\xff\x10\xab", buf, 4);
    cl_hex_encode(buf, 4, txt);
    CU_ASSERT_STRING_EQUAL(txt, "00ff10ab");
    CL_ASSERT_STATUS(cl_hex_decode("abc", buf, sizeof buf, &n), CL_ERR_HEX);
    CL_ASSERT_STATUS(cl_hex_decode("zz", buf, sizeof buf, &n), CL_ERR_HEX);
    CL_ASSERT_STATUS(cl_hex_decode("000000000000000000", buf, sizeof buf, &n), CL_ERR_OUTPUT_SPACE);
    CL_ASSERT_STATUS(cl_hex_decode(NULL, buf, sizeof buf, &n), CL_ERR_NULL_POINTER);
}

static void test_base64(void)
{
    /* RFC 4648 §10 test vectors */
    static const char *in[] = { "", "f", "fo", "foo", "foob", "fooba", "foobar" };
    static const char *out[] = { "", "Zg==", "Zm8=", "Zm9v", "Zm9vYg==", "Zm9vYmE=", "Zm9vYmFy" };
    for (int i = 0; i < 7; i++) {
        char enc[16];
        uint8_t dec[16];
        size_t n = 0;
        cl_base64_encode((const uint8_t *)in[i], strlen(in[i]), enc);
        CU_ASSERT_STRING_EQUAL(enc, out[i]);
        CL_ASSERT_OK(cl_base64_decode(out[i], strlen(out[i]), dec, sizeof dec, &n));
        CU_ASSERT_EQUAL(n, strlen(in[i]));
        CL_ASSERT_BYTES_EQ("base64", in[i], dec, n);
    }
    uint8_t dec[16];
    size_t n;
    CL_ASSERT_STATUS(cl_base64_decode("Zm9", 3, dec, sizeof dec, &n), CL_ERR_BASE64);
    CL_ASSERT_STATUS(cl_base64_decode("Zg==Zg==", 8, dec, sizeof dec, &n), CL_ERR_BASE64);
    CL_ASSERT_STATUS(cl_base64_decode("Z!==", 4, dec, sizeof dec, &n), CL_ERR_BASE64);
}

static void test_bytes(void)
{
    uint8_t b[8];
    store32_be(b, 0x01020304u);
    CL_ASSERT_BYTES_EQ("be32", "\x01\x02\x03\x04", b, 4);
    CU_ASSERT_EQUAL(load32_be(b), 0x01020304u);
    store64_be(b, 0x0102030405060708ull);
    CL_ASSERT_BYTES_EQ("be64", "\x01\x02\x03\x04\x05\x06\x07\x08", b, 8);
    CU_ASSERT_EQUAL(load64_be(b), 0x0102030405060708ull);
    store32_le(b, 0x01020304u);
    CL_ASSERT_BYTES_EQ("le32", "\x04\x03\x02\x01", b, 4);
    CU_ASSERT_EQUAL(load32_le(b), 0x01020304u);
}

static void test_ct(void)
{
    uint8_t a[32], b[32];
    memset(a, 7, sizeof a);
    memcpy(b, a, sizeof b);
    CU_ASSERT_EQUAL(cl_ct_memeq(a, b, 32), 1);
    CU_ASSERT_EQUAL(cl_ct_memeq(a, b, 0), 1);
    for (int i = 0; i < 32; i++)
        for (int bit = 0; bit < 8; bit++) {
            b[i] ^= (uint8_t)(1u << bit);
            CU_ASSERT_EQUAL(cl_ct_memeq(a, b, 32), 0);
            b[i] ^= (uint8_t)(1u << bit);
        }
    CU_ASSERT_EQUAL(ct_mask_eq_u32(5, 5), 0xFFFFFFFFu);
    CU_ASSERT_EQUAL(ct_mask_eq_u32(5, 6), 0u);
    CU_ASSERT_EQUAL(ct_mask_nonzero_u32(0), 0u);
    CU_ASSERT_EQUAL(ct_mask_nonzero_u32(0x80000000u), 0xFFFFFFFFu);
    cl_wipe(a, sizeof a);
    uint8_t z[32] = { 0 };
    CL_ASSERT_BYTES_EQ("wipe", z, a, 32);
}

static void test_random(void)
{
    uint8_t a[64], b[64];
    CL_ASSERT_OK(cl_random_bytes(a, sizeof a));
    CL_ASSERT_OK(cl_random_bytes(b, sizeof b));
    CU_ASSERT_NOT_EQUAL(memcmp(a, b, sizeof a), 0);
    CL_ASSERT_STATUS(cl_random_bytes(NULL, 1), CL_ERR_NULL_POINTER);
    CL_ASSERT_OK(cl_random_bytes(NULL, 0));
}

void register_common_suites(void)
{
    CU_pSuite s = tu_add_suite("common");
    tu_add_test(s, "cl_strerror covers every status", test_strerror);
    tu_add_test(s, "hex decode/encode", test_hex);
    tu_add_test(s, "base64 RFC 4648 vectors", test_base64);
    tu_add_test(s, "byte order helpers", test_bytes);
    tu_add_test(s, "cl_ct_memeq and wipe", test_ct);
    tu_add_test(s, "getrandom", test_random);
}
