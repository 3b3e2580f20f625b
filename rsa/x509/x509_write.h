/*
 * rsa/x509/x509_write.h -- writing X.509: certificates (RFC 5280 §4.1),
 * certification requests (RFC 2986), their extensions (§4.2.1), names
 * from OpenSSL's "/CN=.../O=..." syntax.
 */
#ifndef CRYPTOLAB_RSA_X509_X509_WRITE_H
#define CRYPTOLAB_RSA_X509_X509_WRITE_H

#include "rsa/x509/x509.h"

/* Validity time (§4.1.2.5): UTCTime through 2049, GeneralizedTime from
 * 2050.  CL_ERR_BAD_ARGUMENT outside 1950..9999. */
cl_status x509_time_write(der_writer *w, int64_t t);

#endif
