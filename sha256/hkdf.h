/*
 * sha256/hkdf.h -- HKDF (RFC 5869) with HMAC-SHA256.
 *
 * CT: yes (time depends on the lengths only); intermediate values wiped.
 * NULL pointers are allowed only with a zero length.  On error the output
 * buffer is wiped.
 */
#ifndef CRYPTOLAB_SHA256_HKDF_H
#define CRYPTOLAB_SHA256_HKDF_H

#include <stddef.h>
#include <stdint.h>
#include "common/status.h"

/* RFC 5869 §2.2: PRK = HMAC-Hash(salt, IKM); salt NULL/0 means HashLen zeros. */
cl_status hkdf_sha256_extract(const uint8_t *salt, size_t salt_len,
                              const uint8_t *ikm, size_t ikm_len, uint8_t prk[32]);

/* RFC 5869 §2.3: OKM of length L; CL_ERR_HKDF_LENGTH if L > 255*32,
 * CL_ERR_BAD_ARGUMENT if prk_len < 32 ("at least HashLen octets"). */
cl_status hkdf_sha256_expand(const uint8_t *prk, size_t prk_len,
                             const uint8_t *info, size_t info_len,
                             uint8_t *okm, size_t L);

/* Extract then expand. */
cl_status hkdf_sha256(const uint8_t *salt, size_t salt_len, const uint8_t *ikm, size_t ikm_len,
                      const uint8_t *info, size_t info_len, uint8_t *okm, size_t L);

#endif
