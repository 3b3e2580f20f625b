/*
 * tests/fuzz/fuzz_hex.c -- common/hex.c: hex and base64 (RFC 4648 §4)
 * decoding of arbitrary text, and the round trips decode(encode(x)) == x
 * for the input's bytes and for whatever a successful decode produced.
 */
#include "tests/fuzz/fuzz.h"
#include "common/hex.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *text = fuzz_cstr(data, size);
    size_t cap = size + 1, n = 0, m = 0;
    uint8_t *out = malloc(cap), *back = malloc(cap);
    char *enc = malloc(2 * size + cl_base64_len(size) + 4);
    if (!text || !out || !back || !enc) goto done;

    /* hex: any text; on success the lowercase re-encoding decodes the same */
    if (cl_hex_decode(text, out, cap, &n) == CL_OK) {
        FUZZ_CHECK(2 * n == strlen(text));
        cl_hex_encode(out, n, enc);
        FUZZ_CHECK(cl_hex_decode(enc, back, cap, &m) == CL_OK && m == n && !memcmp(out, back, n));
        cl_hex_encode_upper(out, n, enc);
        FUZZ_CHECK(cl_hex_decode(enc, back, cap, &m) == CL_OK && m == n && !memcmp(out, back, n));
        /* a buffer one byte short is refused, never overrun */
        if (n > 0) FUZZ_CHECK(cl_hex_decode(text, back, n - 1, &m) == CL_ERR_OUTPUT_SPACE);
    }
    /* base64 of the raw bytes (length given, NULs included) */
    if (cl_base64_decode((const char *)data, size, out, cap, &n) == CL_OK) {
        cl_base64_encode(out, n, enc);
        FUZZ_CHECK(cl_base64_decode(enc, strlen(enc), back, cap, &m) == CL_OK && m == n &&
                   !memcmp(out, back, n));
        if (n > 0)
            FUZZ_CHECK(cl_base64_decode((const char *)data, size, back, n - 1, &m) ==
                       CL_ERR_OUTPUT_SPACE);
    }
    /* encoding any bytes and decoding gives them back */
    cl_base64_encode(data, size, enc);
    FUZZ_CHECK(strlen(enc) == cl_base64_len(size));
    FUZZ_CHECK(cl_base64_decode(enc, strlen(enc), back, cap, &m) == CL_OK && m == size &&
               (size == 0 || !memcmp(data, back, size)));
    cl_hex_encode(data, size, enc);
    FUZZ_CHECK(cl_hex_decode(enc, back, cap, &m) == CL_OK && m == size &&
               (size == 0 || !memcmp(data, back, size)));
done:
    free(text);
    free(out);
    free(back);
    free(enc);
    return 0;
}
