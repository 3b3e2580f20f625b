/*
 * net/tls/cert.h -- certificates as TLS moves them: a chain file read into
 * DER blobs, and the RSA public key of a leaf certificate.
 *
 * This is NOT certificate verification: that is X.509's job (rsa/x509/,
 * RFC 5280 §6), plugged in through tls_config.verify (net/tls/verify.h).
 */
#ifndef CRYPTOLAB_NET_TLS_CERT_H
#define CRYPTOLAB_NET_TLS_CERT_H

#include <stddef.h>
#include <stdint.h>
#include "common/status.h"
#include "rsa/rsa.h"
#include "net/tls/tls.h"

/* Every "CERTIFICATE" PEM block of text (or one DER certificate) into
 * chain; *store is a malloc'ed buffer the chain points into (free it).
 * CL_ERR_PEM / CL_ERR_ASN1 / CL_ERR_PARSE (no certificate, more than
 * TLS_MAX_CHAIN). */
cl_status tls_chain_load(const uint8_t *text, size_t len, uint8_t **store, tls_cert_chain *chain);

/* The RSA public key of a certificate (rsaEncryption or id-RSASSA-PSS SPKI,
 * through rsa/x509/'s x509_leaf_public_key). */
cl_status tls_cert_public_key(const uint8_t *der, size_t len, rsa_key *key);

/* What the certificate's key may do in TLS: *pss = 1 for an id-RSASSA-PSS
 * SubjectPublicKeyInfo (RFC 4055 §1.2: signatures only, rsa_pss_pss_sha256
 * in TLS -- set tls_config.key_pss from it), 0 for rsaEncryption.
 * CL_ERR_X509_UNSUPPORTED_ALG when the key's RSASSA-PSS parameters forbid
 * what TLS does (a hash other than SHA-256, salts longer than 32 octets);
 * why says which (or what the key is, on success). */
cl_status tls_cert_key_kind(const uint8_t *der, size_t len, int *pss, char *why, size_t why_len);

#endif
