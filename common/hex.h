/*
 * common/hex.h -- hexadecimal and base64 text <-> bytes.
 * CT: no (these handle public data: vectors, command-line arguments).
 */
#ifndef CRYPTOLAB_COMMON_HEX_H
#define CRYPTOLAB_COMMON_HEX_H

#include <stddef.h>
#include <stdint.h>
#include "status.h"

/* Decodes an even-length hex string (upper or lower case, no spaces, no
 * "0x").  *out_len receives the number of bytes.  CL_ERR_HEX on a bad
 * digit or odd length, CL_ERR_OUTPUT_SPACE if cap is too small. */
cl_status cl_hex_decode(const char *hex, uint8_t *out, size_t cap, size_t *out_len);

/* Writes 2*n lowercase hex digits and a NUL to out (2*n+1 bytes). */
void cl_hex_encode(const uint8_t *in, size_t n, char *out);

/* Same, uppercase. */
void cl_hex_encode_upper(const uint8_t *in, size_t n, char *out);

/* Standard base64 (RFC 4648 §4, with '=' padding) of n bytes into out,
 * NUL-terminated; out must hold cl_base64_len(n) + 1 bytes. */
size_t cl_base64_len(size_t n);
void cl_base64_encode(const uint8_t *in, size_t n, char *out);

/* Decodes base64, ignoring ASCII white space; strict about padding.
 * CL_ERR_BASE64 on bad input, CL_ERR_OUTPUT_SPACE if cap is too small. */
cl_status cl_base64_decode(const char *in, size_t in_len, uint8_t *out, size_t cap, size_t *out_len);

#endif
