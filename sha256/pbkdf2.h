/*
 * sha256/pbkdf2.h -- PBKDF2 (RFC 8018 §5.2) with PRF = HMAC over any cl_hash
 * (HMAC-SHA256 by default; HMAC-SHA1 only to read old PBES2 files that use
 * the default PRF, RFC 8018 §A.2).
 *
 *   DK = T_1 || T_2 || ... || T_l<0..r-1>,
 *   T_i = F(P, S, c, i) = U_1 XOR U_2 XOR ... XOR U_c,
 *   U_1 = PRF(P, S || INT(i)),  U_j = PRF(P, U_{j-1}).
 *
 * CT: yes with respect to the password and the derived key (HMAC is; the
 * loop count depends only on c and dkLen, which are public).
 */
#ifndef CRYPTOLAB_SHA256_PBKDF2_H
#define CRYPTOLAB_SHA256_PBKDF2_H

#include <stddef.h>
#include <stdint.h>
#include "common/status.h"
#include "sha256/hash.h"

/* hash NULL means SHA-256.  c >= 1.  dk_len >= 1 and at most
 * (2^32 - 1) * hLen (§5.2 step 1: "derived key too long").  The
 * intermediate values are wiped. */
cl_status pbkdf2_hmac(const cl_hash *hash, const uint8_t *password, size_t password_len,
                      const uint8_t *salt, size_t salt_len, uint32_t c,
                      uint8_t *dk, size_t dk_len);

#endif
