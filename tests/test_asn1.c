/*
 * tests/test_asn1.c -- the strict DER reader and writer (rsa/asn1.h, ITU-T
 * X.690 §8 and §10) and the PEM armour (rsa/pem.h, RFC 7468).
 *
 * Every DER rejection named in rsa/asn1.h has its own case here: trailing
 * data, non-minimal lengths, indefinite lengths, non-minimal INTEGERs,
 * negative values where positive ones are required, lengths past the end,
 * wrong tags, malformed OBJECT IDENTIFIERs, BIT STRINGs with unused bits,
 * NULL with contents.  The encodings are written out by hand from X.690.
 */
#include <stdlib.h>
#include <string.h>
#include "testutil.h"
#include "rsa/asn1.h"
#include "rsa/pem.h"

/* Reads one INTEGER from hex DER; returns the status and the value. */
static cl_status read_int_hex(const char *hex, mpz_t x, int nonneg, der_error *e)
{
    static uint8_t buf[64];
    size_t n = tu_hex(hex, buf, sizeof buf);
    der_reader r;
    der_reader_init(&r, buf, n, e);
    cl_status st = der_read_integer_mpz(&r, x, nonneg, NULL);
    if (st == CL_OK)
        st = der_finish(&r, NULL);
    return st;
}

static void test_integers(void)
{
    mpz_t x;
    der_error e;
    mpz_init(x);
    /* §8.3.3 examples and boundaries */
    CL_ASSERT_OK(read_int_hex("020100", x, 1, &e));
    CU_ASSERT(mpz_cmp_ui(x, 0) == 0);
    CL_ASSERT_OK(read_int_hex("02017f", x, 1, &e));
    CU_ASSERT(mpz_cmp_ui(x, 127) == 0);
    CL_ASSERT_OK(read_int_hex("02020080", x, 1, &e));
    CU_ASSERT(mpz_cmp_ui(x, 128) == 0);
    CL_ASSERT_OK(read_int_hex("02020100", x, 1, &e));
    CU_ASSERT(mpz_cmp_ui(x, 256) == 0);
    CL_ASSERT_OK(read_int_hex("020180", x, 0, &e));      /* -128 allowed when signed */
    CU_ASSERT(mpz_cmp_si(x, -128) == 0);
    CL_ASSERT_OK(read_int_hex("0202ff7f", x, 0, &e));
    CU_ASSERT(mpz_cmp_si(x, -129) == 0);

    /* §8.3.2: the first nine bits never all 0 or all 1 */
    CL_ASSERT_STATUS(read_int_hex("0202007f", x, 1, &e), CL_ERR_ASN1);
    CU_ASSERT(e.reason != NULL && strstr(e.reason, "shortest") != NULL);
    CL_ASSERT_STATUS(read_int_hex("02020001", x, 1, &e), CL_ERR_ASN1);
    CL_ASSERT_STATUS(read_int_hex("0202ff80", x, 0, &e), CL_ERR_ASN1);
    CL_ASSERT_STATUS(read_int_hex("0200", x, 1, &e), CL_ERR_ASN1);          /* empty */
    /* negative where a modulus/exponent is expected */
    CL_ASSERT_STATUS(read_int_hex("020180", x, 1, &e), CL_ERR_ASN1);
    CU_ASSERT(e.reason != NULL && strstr(e.reason, "negative") != NULL);
    CL_ASSERT_STATUS(read_int_hex("0201ff", x, 1, &e), CL_ERR_ASN1);
    /* wrong tag */
    CL_ASSERT_STATUS(read_int_hex("040100", x, 1, &e), CL_ERR_ASN1);
    CU_ASSERT(e.reason != NULL && strstr(e.reason, "INTEGER") != NULL);
    mpz_clear(x);
}

static void test_small_uint(void)
{
    uint8_t buf[16];
    uint64_t v = 0;
    der_error e;
    der_reader r;
    size_t n = tu_hex("02020800", buf, sizeof buf);
    der_reader_init(&r, buf, n, &e);
    CL_ASSERT_OK(der_read_uint(&r, 10000, &v, "too big"));
    CU_ASSERT_EQUAL(v, 2048);
    der_reader_init(&r, buf, n, &e);
    CL_ASSERT_STATUS(der_read_uint(&r, 2047, &v, "too big"), CL_ERR_ASN1);
    CU_ASSERT_STRING_EQUAL(e.reason, "too big");
    n = tu_hex("020a01000000000000000000", buf, sizeof buf);   /* > 64 bits */
    der_reader_init(&r, buf, n, &e);
    CL_ASSERT_STATUS(der_read_uint(&r, UINT64_MAX, &v, "too big"), CL_ERR_ASN1);
    n = tu_hex("0201ff", buf, sizeof buf);                     /* -1 */
    der_reader_init(&r, buf, n, &e);
    CL_ASSERT_STATUS(der_read_uint(&r, 100, &v, "too big"), CL_ERR_ASN1);
}

/* One OCTET STRING from hex; status. */
static cl_status read_os_hex(const char *hex, size_t *len, der_error *e)
{
    static uint8_t buf[300];
    size_t n = tu_hex(hex, buf, sizeof buf);
    der_reader r;
    const uint8_t *p;
    der_reader_init(&r, buf, n, e);
    cl_status st = der_read_octet_string(&r, &p, len);
    if (st == CL_OK)
        st = der_finish(&r, NULL);
    return st;
}

static void test_lengths(void)
{
    der_error e;
    size_t len = 0;
    CL_ASSERT_OK(read_os_hex("0400", &len, &e));
    CU_ASSERT_EQUAL(len, 0);
    CL_ASSERT_OK(read_os_hex("0403010203", &len, &e));
    CU_ASSERT_EQUAL(len, 3);
    /* §10.1: long form used for a length below 128 */
    CL_ASSERT_STATUS(read_os_hex("048103010203", &len, &e), CL_ERR_ASN1);
    CU_ASSERT(e.reason != NULL && strstr(e.reason, "shortest") != NULL);
    /* leading zero octet in the long form */
    char hex[2 * 300];
    strcpy(hex, "04820080");
    for (int i = 0; i < 128; i++)
        strcat(hex, "00");
    CL_ASSERT_STATUS(read_os_hex(hex, &len, &e), CL_ERR_ASN1);
    /* the same 128 octets, correctly as 81 80 */
    strcpy(hex, "048180");
    for (int i = 0; i < 128; i++)
        strcat(hex, "00");
    CL_ASSERT_OK(read_os_hex(hex, &len, &e));
    CU_ASSERT_EQUAL(len, 128);
    /* §8.1.3.6 indefinite form is BER only */
    CL_ASSERT_STATUS(read_os_hex("04800000", &len, &e), CL_ERR_ASN1);
    CU_ASSERT(e.reason != NULL && strstr(e.reason, "indefinite") != NULL);
    /* length past the end of the buffer */
    CL_ASSERT_STATUS(read_os_hex("04050102", &len, &e), CL_ERR_ASN1);
    CU_ASSERT(e.reason != NULL && strstr(e.reason, "past the end") != NULL);
    CL_ASSERT_STATUS(read_os_hex("0482ffff00", &len, &e), CL_ERR_ASN1);
    /* length octets missing / absurd */
    CL_ASSERT_STATUS(read_os_hex("04", &len, &e), CL_ERR_ASN1);
    CL_ASSERT_STATUS(read_os_hex("0482ff", &len, &e), CL_ERR_ASN1);
    CL_ASSERT_STATUS(read_os_hex("0489010000000000000000", &len, &e), CL_ERR_ASN1);
    /* trailing data after the value */
    CL_ASSERT_STATUS(read_os_hex("04010100", &len, &e), CL_ERR_ASN1);
    CU_ASSERT_EQUAL(e.offset, 3);
    /* empty input, high tag number */
    CL_ASSERT_STATUS(read_os_hex("", &len, &e), CL_ERR_ASN1);
    CL_ASSERT_STATUS(read_os_hex("1f0400", &len, &e), CL_ERR_ASN1);
}

static void test_sequences_nested_bounds(void)
{
    uint8_t buf[32];
    der_error e;
    der_reader r, s;
    const uint8_t *p;
    size_t n, len;
    /* an inner element claims more than its SEQUENCE holds */
    n = tu_hex("3003040201020304", buf, sizeof buf);
    der_reader_init(&r, buf, n, &e);
    CL_ASSERT_OK(der_read_sequence(&r, &s));
    CL_ASSERT_STATUS(der_read_octet_string(&s, &p, &len), CL_ERR_ASN1);
    CU_ASSERT_EQUAL(e.offset, 2);                 /* offsets count from the outer buffer */
    /* trailing data inside a SEQUENCE */
    n = tu_hex("300404000500", buf, sizeof buf);
    der_reader_init(&r, buf, n, &e);
    CL_ASSERT_OK(der_read_sequence(&r, &s));
    CL_ASSERT_OK(der_read_octet_string(&s, &p, &len));
    CL_ASSERT_STATUS(der_finish(&s, "extra"), CL_ERR_ASN1);
    CU_ASSERT_STRING_EQUAL(e.reason, "extra");
    CU_ASSERT_EQUAL(e.offset, 4);
    CU_ASSERT_EQUAL(der_peek_tag(&s), DER_NULL);
}

static void test_null_bitstring_oid(void)
{
    uint8_t buf[32];
    der_error e;
    der_reader r;
    const uint8_t *p;
    size_t n, len;
    char text[64];

    n = tu_hex("0500", buf, sizeof buf);
    der_reader_init(&r, buf, n, &e);
    CL_ASSERT_OK(der_read_null(&r));
    n = tu_hex("050100", buf, sizeof buf);        /* §8.8.2: no contents */
    der_reader_init(&r, buf, n, &e);
    CL_ASSERT_STATUS(der_read_null(&r), CL_ERR_ASN1);

    n = tu_hex("030300abcd", buf, sizeof buf);
    der_reader_init(&r, buf, n, &e);
    CL_ASSERT_OK(der_read_bit_string_octets(&r, &p, &len));
    CU_ASSERT_EQUAL(len, 2);
    CU_ASSERT_EQUAL(p[0], 0xab);
    n = tu_hex("030304abc0", buf, sizeof buf);    /* 4 unused bits */
    der_reader_init(&r, buf, n, &e);
    CL_ASSERT_STATUS(der_read_bit_string_octets(&r, &p, &len), CL_ERR_ASN1);
    n = tu_hex("0300", buf, sizeof buf);          /* no initial octet */
    der_reader_init(&r, buf, n, &e);
    CL_ASSERT_STATUS(der_read_bit_string_octets(&r, &p, &len), CL_ERR_ASN1);

    n = tu_hex("06092a864886f70d010101", buf, sizeof buf);
    der_reader_init(&r, buf, n, &e);
    CL_ASSERT_OK(der_read_oid(&r, &p, &len));
    CU_ASSERT(der_oid_eq(p, len, DER_OID_RSA_ENCRYPTION, sizeof DER_OID_RSA_ENCRYPTION));
    der_oid_to_text(p, len, text, sizeof text);
    CU_ASSERT_STRING_EQUAL(text, "1.2.840.113549.1.1.1");
    der_oid_to_text(DER_OID_AES256_CBC, sizeof DER_OID_AES256_CBC, text, sizeof text);
    CU_ASSERT_STRING_EQUAL(text, "2.16.840.1.101.3.4.1.42");
    der_oid_to_text(DER_OID_AES256_CBC, sizeof DER_OID_AES256_CBC, text, 8);
    CU_ASSERT(strlen(text) < 8);                  /* truncated, never overflowing */
    n = tu_hex("06032a8086", buf, sizeof buf);    /* 0x80 leading a sub-identifier */
    der_reader_init(&r, buf, n, &e);
    CL_ASSERT_STATUS(der_read_oid(&r, &p, &len), CL_ERR_ASN1);
    n = tu_hex("06022a86", buf, sizeof buf);      /* ends inside a sub-identifier */
    der_reader_init(&r, buf, n, &e);
    CL_ASSERT_STATUS(der_read_oid(&r, &p, &len), CL_ERR_ASN1);
    n = tu_hex("0600", buf, sizeof buf);
    der_reader_init(&r, buf, n, &e);
    CL_ASSERT_STATUS(der_read_oid(&r, &p, &len), CL_ERR_ASN1);
    /* a well-formed but unexpected OID is reported with its dotted form */
    n = tu_hex("06072a8648ce3d0201", buf, sizeof buf);
    der_reader_init(&r, buf, n, &e);
    CL_ASSERT_OK(der_read_oid(&r, &p, &len));
    CL_ASSERT_STATUS(der_fail_oid(&r, 0, "not RSA", p, len), CL_ERR_ASN1_OID);
    CU_ASSERT_STRING_EQUAL(e.oid, "1.2.840.10045.2.1");
}

static void test_writer(void)
{
    uint8_t buf[70000], want[64];
    der_writer w;
    size_t len, wl;
    mpz_t x;
    mpz_init(x);

    /* INTEGERs: §8.3 minimal two's complement of non-negative values */
    static const struct { unsigned long v; const char *hex; } ints[] = {
        {0, "020100"}, {1, "020101"}, {127, "02017f"}, {128, "02020080"},
        {255, "020200ff"}, {256, "02020100"}, {65537, "0203010001"},
    };
    for (size_t i = 0; i < sizeof ints / sizeof ints[0]; i++) {
        der_writer_init(&w, buf, sizeof buf);
        mpz_set_ui(x, ints[i].v);
        der_write_integer_mpz(&w, x);
        CL_ASSERT_OK(der_writer_result(&w, &len));
        wl = tu_hex(ints[i].hex, want, sizeof want);
        CU_ASSERT_EQUAL(len, wl);
        CL_ASSERT_BYTES_EQ(ints[i].hex, want, buf, wl);
        der_writer_init(&w, buf, sizeof buf);
        der_write_uint(&w, ints[i].v);
        CL_ASSERT_OK(der_writer_result(&w, &len));
        CL_ASSERT_BYTES_EQ("uint", want, buf, wl);
    }
    der_writer_init(&w, buf, sizeof buf);
    der_write_uint(&w, UINT64_MAX);
    CL_ASSERT_OK(der_writer_result(&w, &len));
    wl = tu_hex("020900ffffffffffffffff", want, sizeof want);
    CU_ASSERT_EQUAL(len, wl);
    CL_ASSERT_BYTES_EQ("2^64-1", want, buf, wl);

    /* lengths 0, 127, 128, 255, 256, 65535, 65536 in SEQUENCE wrappers, read back */
    static const size_t sizes[] = {0, 1, 125, 126, 127, 128, 255, 256, 65535, 65536};
    static uint8_t content[65536];
    for (size_t i = 0; i < sizeof content; i++)
        content[i] = (uint8_t)i;
    for (size_t i = 0; i < sizeof sizes / sizeof sizes[0]; i++) {
        der_writer_init(&w, buf, sizeof buf);
        der_begin(&w, DER_SEQUENCE);
        der_write_tlv(&w, DER_OCTET_STRING, content, sizes[i]);
        der_end(&w);
        CL_ASSERT_OK(der_writer_result(&w, &len));
        der_reader r, s;
        const uint8_t *p;
        size_t n;
        der_error e;
        der_reader_init(&r, buf, len, &e);
        CL_ASSERT_OK(der_read_sequence(&r, &s));
        CL_ASSERT_OK(der_read_octet_string(&s, &p, &n));
        CU_ASSERT_EQUAL(n, sizes[i]);
        CU_ASSERT(n == 0 || memcmp(p, content, n) == 0);
        CL_ASSERT_OK(der_finish(&s, NULL));
        CL_ASSERT_OK(der_finish(&r, NULL));
    }
    /* exact header bytes for 128 content octets: 30 81 83 04 81 80 */
    der_writer_init(&w, buf, sizeof buf);
    der_begin(&w, DER_SEQUENCE);
    der_write_tlv(&w, DER_OCTET_STRING, content, 128);
    der_end(&w);
    CL_ASSERT_OK(der_writer_result(&w, &len));
    wl = tu_hex("308183048180", want, sizeof want);
    CL_ASSERT_BYTES_EQ("long form headers", want, buf, wl);

    /* too small a buffer, at every size, never writes past cap */
    for (size_t cap = 0; cap < 12; cap++) {
        uint8_t small[16];
        memset(small, 0xEE, sizeof small);
        der_writer_init(&w, small, cap);
        der_begin(&w, DER_SEQUENCE);
        der_write_uint(&w, 65537);
        der_write_null(&w);
        der_end(&w);
        cl_status st = der_writer_result(&w, &len);
        if (cap < 9) {
            CL_ASSERT_STATUS(st, CL_ERR_OUTPUT_SPACE);
        } else {
            CL_ASSERT_OK(st);
        }
        for (size_t j = cap; j < sizeof small; j++)
            CU_ASSERT_EQUAL(small[j], 0xEE);
    }
    /* unbalanced begin/end */
    der_writer_init(&w, buf, sizeof buf);
    der_begin(&w, DER_SEQUENCE);
    CL_ASSERT_STATUS(der_writer_result(&w, &len), CL_ERR_STATE);

    /* big INTEGER round trip */
    mpz_set_ui(x, 1);
    mpz_mul_2exp(x, x, 4096);              /* 4096 bits, top bit set */
    mpz_sub_ui(x, x, 12345);
    der_writer_init(&w, buf, sizeof buf);
    der_write_integer_mpz(&w, x);
    CL_ASSERT_OK(der_writer_result(&w, &len));
    CU_ASSERT_EQUAL(len, 4 + 1 + 512);            /* 02 82 02 01 00 ... */
    {
        der_reader r;
        der_error e;
        mpz_t y;
        mpz_init(y);
        der_reader_init(&r, buf, len, &e);
        CL_ASSERT_OK(der_read_integer_mpz(&r, y, 1, NULL));
        CU_ASSERT(mpz_cmp(x, y) == 0);
        mpz_clear(y);
    }
    mpz_clear(x);
}

/* ---------------------------------------------------------------- PEM */

static void test_pem_encode(void)
{
    uint8_t der[200];
    for (size_t i = 0; i < sizeof der; i++)
        der[i] = (uint8_t)(i * 7);
    /* 0, 1, 47, 48, 49, 96, 200 octets: line breaks after every 64 characters */
    static const size_t lens[] = {1, 47, 48, 49, 96, 200};
    for (size_t t = 0; t < sizeof lens / sizeof lens[0]; t++) {
        size_t n = lens[t], need = pem_encoded_len("TEST", n), out_len = 0;
        char *pem = malloc(need + 1);
        CU_ASSERT_FATAL(pem != NULL);
        CL_ASSERT_OK(pem_encode("TEST", der, n, pem, need + 1, &out_len));
        CU_ASSERT_EQUAL(out_len, need);
        CU_ASSERT_EQUAL(strlen(pem), need);
        CU_ASSERT(strncmp(pem, "-----BEGIN TEST-----\n", 21) == 0);
        CU_ASSERT(strcmp(pem + need - 19, "-----END TEST-----\n") == 0);
        /* every body line is 64 characters except the last */
        const char *line = pem + 21;
        size_t b64 = (n + 2) / 3 * 4;
        while (b64 > 0) {
            const char *nl = strchr(line, '\n');
            size_t ll = (size_t)(nl - line);
            CU_ASSERT_EQUAL(ll, b64 > 64 ? 64 : b64);
            b64 -= ll;
            line = nl + 1;
        }
        CU_ASSERT(strncmp(line, "-----END", 8) == 0);
        /* round trip */
        char label[PEM_LABEL_MAX];
        uint8_t back[200];
        size_t bl = 0;
        CL_ASSERT_OK(pem_decode((const uint8_t *)pem, out_len, label, back, sizeof back, &bl, NULL));
        CU_ASSERT_STRING_EQUAL(label, "TEST");
        CU_ASSERT_EQUAL(bl, n);
        CL_ASSERT_BYTES_EQ("pem round trip", der, back, n);
        /* too small an output buffer */
        CL_ASSERT_STATUS(pem_encode("TEST", der, n, pem, need, &out_len), CL_ERR_OUTPUT_SPACE);
        free(pem);
    }
}

static cl_status decode_text(const char *text, char *label, const char **why)
{
    uint8_t der[256];
    size_t n;
    return pem_decode((const uint8_t *)text, strlen(text), label, der, sizeof der, &n, why);
}

static void test_pem_decode_edges(void)
{
    char label[PEM_LABEL_MAX];
    const char *why = NULL;
    /* text before and after the armour is ignored (RFC 7468 §2) */
    CL_ASSERT_OK(decode_text("hello\n-----BEGIN PRIVATE KEY-----\nAAEC\n-----END PRIVATE KEY-----\ntrailer\n",
                             label, &why));
    CU_ASSERT_STRING_EQUAL(label, "PRIVATE KEY");
    /* CRLF line ends, no final newline */
    CL_ASSERT_OK(decode_text("-----BEGIN X-----\r\nAAEC\r\n-----END X-----", label, &why));
    /* END label differs */
    CL_ASSERT_STATUS(decode_text("-----BEGIN PRIVATE KEY-----\nAAEC\n-----END PUBLIC KEY-----\n", label, &why),
                     CL_ERR_PEM);
    CU_ASSERT(why != NULL && strstr(why, "does not match") != NULL);
    /* no END line (truncated file) */
    CL_ASSERT_STATUS(decode_text("-----BEGIN X-----\nAAEC\n", label, &why), CL_ERR_PEM);
    CU_ASSERT(why != NULL && strstr(why, "END") != NULL);
    /* no BEGIN */
    CL_ASSERT_STATUS(decode_text("AAEC\n", label, &why), CL_ERR_PEM);
    /* bad characters, header lines, blank lines, long lines, data after padding */
    CL_ASSERT_STATUS(decode_text("-----BEGIN X-----\nAA*C\n-----END X-----\n", label, &why), CL_ERR_PEM);
    CL_ASSERT_STATUS(decode_text("-----BEGIN X-----\nAA EC\n-----END X-----\n", label, &why), CL_ERR_PEM);
    CL_ASSERT_STATUS(decode_text("-----BEGIN RSA PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED\nAAEC\n"
                                 "-----END RSA PRIVATE KEY-----\n", label, &why), CL_ERR_PEM);
    CU_ASSERT(why != NULL && strstr(why, "Proc-Type") != NULL);
    CL_ASSERT_STATUS(decode_text("-----BEGIN X-----\nAAEC\n\nAAEC\n-----END X-----\n", label, &why), CL_ERR_PEM);
    CL_ASSERT_STATUS(decode_text("-----BEGIN X-----\nAA==\nAAEC\n-----END X-----\n", label, &why), CL_ERR_PEM);
    char longline[200] = "-----BEGIN X-----\n";
    for (int i = 0; i < 20; i++)
        strcat(longline, "AAEC");                 /* 80 characters on one line */
    strcat(longline, "\n-----END X-----\n");
    CL_ASSERT_STATUS(decode_text(longline, label, &why), CL_ERR_PEM);
    /* invalid base64 padding, empty body */
    CL_ASSERT_STATUS(decode_text("-----BEGIN X-----\nAAE\n-----END X-----\n", label, &why), CL_ERR_PEM);
    CL_ASSERT_STATUS(decode_text("-----BEGIN X-----\nA===\n-----END X-----\n", label, &why), CL_ERR_PEM);
    CL_ASSERT_STATUS(decode_text("-----BEGIN X-----\n-----END X-----\n", label, &why), CL_ERR_PEM);
    /* malformed boundaries */
    CL_ASSERT_STATUS(decode_text("-----BEGIN X----\nAAEC\n-----END X-----\n", label, &why), CL_ERR_PEM);
    CL_ASSERT_STATUS(decode_text("-----BEGIN -----\nAAEC\n-----END -----\n", label, &why), CL_ERR_PEM);
    CL_ASSERT_STATUS(decode_text("-----BEGIN X-----\nAAEC\n-----END X\n", label, &why), CL_ERR_PEM);
    CU_ASSERT(pem_detect((const uint8_t *)"x\n-----BEGIN A-----\n", 20));
    CU_ASSERT(!pem_detect((const uint8_t *)"\x30\x03\x02\x01\x00", 5));
}

void register_asn1_suites(void);
void register_asn1_suites(void)
{
    CU_pSuite s = tu_add_suite("asn1");
    tu_add_test(s, "INTEGER: minimal, negative, empty, tag (X.690 8.3)", test_integers);
    tu_add_test(s, "small INTEGERs (versions, counts)", test_small_uint);
    tu_add_test(s, "lengths: short/long/indefinite/past end/trailing (8.1.3, 10.1)", test_lengths);
    tu_add_test(s, "nested bounds and offsets", test_sequences_nested_bounds);
    tu_add_test(s, "NULL, BIT STRING, OBJECT IDENTIFIER (8.6, 8.8, 8.19)", test_null_bitstring_oid);
    tu_add_test(s, "writer: INTEGERs, lengths, overflow, round trips", test_writer);

    CU_pSuite p = tu_add_suite("pem");
    tu_add_test(p, "encode: 64 columns, labels, round trip (RFC 7468)", test_pem_encode);
    tu_add_test(p, "decode: strict body, lax outside, label matching", test_pem_decode_edges);
}
