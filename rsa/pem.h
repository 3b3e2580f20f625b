/*
 * rsa/pem.h -- PEM armour (RFC 7468) around DER: "-----BEGIN LABEL-----",
 * base64 lines, "-----END LABEL-----".
 *
 * Writing follows RFC 7468's strict form exactly as OpenSSL writes it:
 * 64 base64 characters per line, LF line ends, a final LF.
 * Reading is strict inside the armour and tolerant outside it (RFC 7468 §2:
 * text before BEGIN and after END is ignored, as `openssl pkey -text`
 * output puts the key before its text dump):
 *   - the END label must equal the BEGIN label;
 *   - body lines hold only base64 characters (1 to 76 per line; LF or CRLF
 *     line ends), '=' padding only at the very end, nothing else -- no
 *     RFC 1421 headers ("Proc-Type:"), no blank lines;
 *   - the body must decode to at least one octet.
 * Failures return CL_ERR_PEM with a short reason in *why (when non-NULL).
 * CT: decoding, yes for the body: a private key's base64 text is secret, so
 * each character is turned into its 6-bit value with arithmetic masks (no
 * table lookups, no branches on the character); the only branches are on
 * the line structure, the padding count and the label, which the file's
 * public length and armour fix.  (common/hex.c's general decoder is not
 * used here for that reason.)  Encoding uses cl_base64_encode(), whose
 * 64-entry table lookups depend on the data: writing a key file is rare
 * and local, and the table fits in one cache line.
 */
#ifndef CRYPTOLAB_RSA_PEM_H
#define CRYPTOLAB_RSA_PEM_H

#include <stddef.h>
#include <stdint.h>
#include "common/status.h"

#define PEM_LABEL_MAX 64

/* Exact length of pem_encode's output (without the terminating NUL). */
size_t pem_encoded_len(const char *label, size_t der_len);

/* Writes the armour for der into out (cap >= pem_encoded_len() + 1),
 * NUL-terminated; *out_len excludes the NUL. */
cl_status pem_encode(const char *label, const uint8_t *der, size_t der_len,
                     char *out, size_t cap, size_t *out_len);

/* 1 if text (of len bytes) contains a "-----BEGIN " line, i.e. looks like PEM. */
int pem_detect(const uint8_t *text, size_t len);

/* Finds the first armoured block, copies its label (NUL-terminated) into
 * label[PEM_LABEL_MAX] and decodes its body into der (cap bytes; the body
 * never decodes to more than 3/4 of len, so cap = len is always enough). */
cl_status pem_decode(const uint8_t *text, size_t len, char label[PEM_LABEL_MAX],
                     uint8_t *der, size_t cap, size_t *der_len, const char **why);

/* The same for a file of several blocks (a certificate chain): decodes the
 * first block that begins at or after text[*pos] and moves *pos past its
 * END line.  pem_detect(text + *pos, len - *pos) tells whether one is left. */
cl_status pem_decode_next(const uint8_t *text, size_t len, size_t *pos, char label[PEM_LABEL_MAX],
                          uint8_t *der, size_t cap, size_t *der_len, const char **why);

#endif
