/*
 * rsa/x509/x509_print.h -- certificates and requests as text, in the
 * layout of `openssl x509 -text` / `openssl req -text` (OpenSSL 3.0), for
 * the fields this project supports (see x509_print.c for the differences).
 */
#ifndef CRYPTOLAB_RSA_X509_X509_PRINT_H
#define CRYPTOLAB_RSA_X509_X509_PRINT_H

#include <stdio.h>
#include "rsa/x509/x509.h"

/* A Name as text into out (cap octets, NUL-terminated, truncated if need
 * be): slash == 0 gives OpenSSL's default "oneline" form
 * ("C = FR, O = Class CA, CN = Root"), slash == 1 the X509_NAME_oneline()
 * form ("/C=FR/O=Class CA/CN=Root").  Returns the full length. */
size_t x509_name_format(const x509_bytes *name, int slash, char *out, size_t cap);

#endif
