/* common/hex.c -- hex and base64 coding. */
#include <string.h>
#include "hex.h"

static int hex_value(char c)
{
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

cl_status cl_hex_decode(const char *hex, uint8_t *out, size_t cap, size_t *out_len)
{
    if (hex == NULL || out_len == NULL || (out == NULL && cap != 0))
        return CL_ERR_NULL_POINTER;
    size_t n = strlen(hex);
    if (n % 2 != 0)
        return CL_ERR_HEX;
    if (n / 2 > cap)
        return CL_ERR_OUTPUT_SPACE;
    for (size_t i = 0; i < n; i += 2) {
        int hi = hex_value(hex[i]), lo = hex_value(hex[i + 1]);
        if (hi < 0 || lo < 0)
            return CL_ERR_HEX;
        out[i / 2] = (uint8_t)(hi << 4 | lo);
    }
    *out_len = n / 2;
    return CL_OK;
}

static void encode_with(const uint8_t *in, size_t n, char *out, const char *digits)
{
    for (size_t i = 0; i < n; i++) {
        out[2 * i] = digits[in[i] >> 4];
        out[2 * i + 1] = digits[in[i] & 15];
    }
    out[2 * n] = '\0';
}

void cl_hex_encode(const uint8_t *in, size_t n, char *out)
{
    encode_with(in, n, out, "0123456789abcdef");
}

void cl_hex_encode_upper(const uint8_t *in, size_t n, char *out)
{
    encode_with(in, n, out, "0123456789ABCDEF");
}

static const char B64[] =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

size_t cl_base64_len(size_t n)
{
    return (n + 2) / 3 * 4;
}

void cl_base64_encode(const uint8_t *in, size_t n, char *out)
{
    size_t o = 0;
    for (size_t i = 0; i < n; i += 3) {
        uint32_t v = (uint32_t)in[i] << 16;
        if (i + 1 < n) v |= (uint32_t)in[i + 1] << 8;
        if (i + 2 < n) v |= in[i + 2];
        out[o++] = B64[(v >> 18) & 63];
        out[o++] = B64[(v >> 12) & 63];
        out[o++] = i + 1 < n ? B64[(v >> 6) & 63] : '=';
        out[o++] = i + 2 < n ? B64[v & 63] : '=';
    }
    out[o] = '\0';
}

static int b64_value(char c)
{
    const char *p = c ? strchr(B64, c) : NULL;
    return p ? (int)(p - B64) : -1;
}

cl_status cl_base64_decode(const char *in, size_t in_len, uint8_t *out, size_t cap, size_t *out_len)
{
    if (in == NULL || out_len == NULL || (out == NULL && cap != 0))
        return CL_ERR_NULL_POINTER;
    uint32_t acc = 0;
    size_t nbits = 0, o = 0, pad = 0, symbols = 0;
    for (size_t i = 0; i < in_len; i++) {
        char c = in[i];
        if (c == ' ' || c == '\t' || c == '\r' || c == '\n')
            continue;
        if (c == '=') {
            pad++;
            symbols++;
            continue;
        }
        int v = b64_value(c);
        if (v < 0 || pad > 0)      /* data after padding is an error */
            return CL_ERR_BASE64;
        symbols++;
        acc = (acc << 6) | (uint32_t)v;
        nbits += 6;
        if (nbits >= 8) {
            nbits -= 8;
            if (o >= cap)
                return CL_ERR_OUTPUT_SPACE;
            out[o++] = (uint8_t)(acc >> nbits);
            acc &= (1u << nbits) - 1u;
        }
    }
    if (symbols % 4 != 0 || pad > 2 || acc != 0)
        return CL_ERR_BASE64;
    *out_len = o;
    return CL_OK;
}
