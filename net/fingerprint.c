/* net/fingerprint.c -- OpenSSH-style SHA256: fingerprints (docs/protocol.md §10). */
#include <string.h>
#include "net/fingerprint.h"
#include "sha256/sha256.h"
#include "common/hex.h"

cl_status net_fingerprint(const uint8_t *spki, size_t len, char out[NET_FP_LEN])
{
    if (!spki || !out) return CL_ERR_NULL_POINTER;
    uint8_t d[SHA256_DIGEST_SIZE];
    char b64[48];
    cl_status st = sha256_digest(spki, len, d);
    if (st) return st;
    cl_base64_encode(d, sizeof d, b64);        /* 44 chars, the last is '=' */
    size_t n = strlen(b64);
    while (n > 0 && b64[n - 1] == '=') b64[--n] = '\0';
    memcpy(out, "SHA256:", 7);
    memcpy(out + 7, b64, n + 1);
    return CL_OK;
}

cl_status net_fingerprint_parse(const char *s)
{
    if (!s) return CL_ERR_NULL_POINTER;
    if (strncmp(s, "SHA256:", 7) != 0 || strlen(s + 7) != 43) return CL_ERR_PARSE;
    char b64[48];
    uint8_t d[40];
    size_t n;
    memcpy(b64, s + 7, 43);
    b64[43] = '=';
    b64[44] = '\0';
    if (cl_base64_decode(b64, 44, d, sizeof d, &n) != CL_OK || n != 32) return CL_ERR_PARSE;
    return CL_OK;
}
