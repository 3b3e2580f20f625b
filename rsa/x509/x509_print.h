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

/* The same, oneline form, to a FILE. */
void x509_name_print(FILE *f, const x509_bytes *name);

/* `openssl x509 -text -noout`, for the fields we support (x509_print.c). */
cl_status x509_cert_print_text(FILE *f, const x509_cert *c);
/* `openssl req -text -noout`. */
cl_status x509_csr_print_text(FILE *f, const x509_csr *q);
/* One extension at indent, as in -text (name line, value line). */
void x509_ext_print(FILE *f, const x509_extension *x, int indent);
/* 1 if the extension's short name (basicConstraints...), long name or
 * dotted OID is in the comma-separated list names (`x509 -ext`). */
int x509_ext_name_listed(const x509_extension *x, const char *names);
/* The serial number as `openssl x509 -serial` prints it after "serial=":
 * upper-case hex of the magnitude, "-" first when negative, "00" for zero. */
void x509_serial_hex(FILE *f, const x509_cert *c);
/* DER as PEM ("CERTIFICATE", "CERTIFICATE REQUEST", "PUBLIC KEY"). */
cl_status x509_pem_write(FILE *f, const char *label, const x509_bytes *der);

#endif
