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
 * CT: no (the armour and the label are public; the base64 body of a private
 * key is decoded by a table-free loop but with data-dependent branches on
 * padding and line ends only).
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

#endif
