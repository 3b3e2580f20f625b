/*
 * rsa/rsa_premaster.h -- the RSA-encrypted premaster secret of TLS 1.2
 * (RFC 5246 §7.4.7.1), decrypted without a padding oracle.
 *
 * A server that answers "bad padding" differently from "bad Finished"
 * (another alert, another timing, a closed connection) lets an attacker
 * decrypt any recorded premaster -- Bleichenbacher (CRYPTO '98), and ROBOT
 * (2017) found it again in many products.  RFC 5246 §7.4.7.1 prescribes:
 *
 *   1. Generate a string R of 46 random bytes
 *   2. Decrypt the message to recover the plaintext M
 *   3. If the PKCS#1 padding is not correct, or the length of message M is
 *      not exactly 48 bytes:
 *         pre_master_secret = ClientHello.client_version || R
 *      else If ClientHello.client_version <= TLS 1.0, and version number
 *      check is explicitly disabled:
 *         pre_master_secret = M
 *      else:
 *         pre_master_secret = ClientHello.client_version || M[2..47]
 *
 * We never disable the version check, so a wrong version in M is just one
 * more failure that yields client_version || R; the handshake then fails at
 * the client's Finished (bad_record_mac or decrypt_error), exactly as it does
 * for a client that used another premaster.  The choice between M and R is
 * made with masks over the whole EM: no branch, no early exit, one path.
 */
#ifndef CRYPTOLAB_RSA_RSA_PREMASTER_H
#define CRYPTOLAB_RSA_RSA_PREMASTER_H

#include <stddef.h>
#include <stdint.h>
#include "rsa/rsa.h"

#define TLS_PREMASTER_LEN 48

/* Always fills pms with 48 bytes (the decrypted one or client_version || R)
 * and returns CL_OK -- except for caller errors (NULL, public key:
 * CL_ERR_NULL_POINTER, CL_ERR_NOT_PRIVATE) and a failing OS generator
 * (CL_ERR_RANDOM).  A ciphertext of the wrong length (public) or out of
 * range also gives the random premaster.  *valid (may be NULL) is for the
 * tests only: 1 if M was used; a server must never act on it.
 * CT: yes after RSADP (masks; the random R is drawn in every case). */
cl_status rsa_tls_premaster_decrypt(const rsa_key *priv, const uint8_t *C, size_t c_len,
                                    uint16_t client_version, uint8_t pms[TLS_PREMASTER_LEN],
                                    int *valid);

#endif
