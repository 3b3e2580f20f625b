/*
 * lab/premaster.h -- the TLS 1.2 rule for an RSA-encrypted premaster secret
 * (RFC 5246 §7.4.7.1), as the Bleichenbacher lab's DEFAULT service applies
 * it (net/tls/ has the real one): generate 48 random bytes R first, decrypt
 * with the generic-error PKCS#1 v1.5 decryption, and if it failed or the
 * result is not 48 bytes with the client's version, use R instead -- with
 * no branch the attacker could time and no message that differs.  The
 * handshake then just fails later at Finished, exactly as for a correct
 * premaster the attacker cannot know.
 */
#ifndef CRYPTOLAB_LAB_PREMASTER_H
#define CRYPTOLAB_LAB_PREMASTER_H

#include <stddef.h>
#include <stdint.h>
#include "rsa/rsa.h"

#define LAB_PREMASTER_LEN 48

/* Always fills pms with 48 bytes (decrypted or random) and returns CL_OK,
 * unless the random generator fails.  version: the two bytes the client
 * offered (0x03 0x03 for TLS 1.2). */
cl_status lab_tls_premaster(const rsa_key *priv, const uint8_t *c, size_t c_len, const uint8_t version[2],
                            uint8_t pms[LAB_PREMASTER_LEN]);

#endif
