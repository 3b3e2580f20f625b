/*
 * net/fingerprint.h -- server key fingerprints and the known-hosts file
 * (docs/protocol.md §10).
 *
 * Fingerprint: "SHA256:" || base64(SHA-256(SubjectPublicKeyInfo DER)) with
 * the '=' padding removed, as OpenSSH writes it.
 */
#ifndef CRYPTOLAB_NET_FINGERPRINT_H
#define CRYPTOLAB_NET_FINGERPRINT_H

#include <stddef.h>
#include <stdint.h>
#include "common/status.h"

#define NET_FP_LEN 51   /* "SHA256:" + 43 characters + NUL */

/* CT: not relevant (public key). */
cl_status net_fingerprint(const uint8_t *spki, size_t len, char out[NET_FP_LEN]);

/* Checks that s is a well-formed fingerprint ("SHA256:" + 43 base64 chars
 * decoding to 32 bytes): CL_OK or CL_ERR_PARSE. */
cl_status net_fingerprint_parse(const char *s);

/* Default known-hosts path: $HOME/.cryptolab/known_hosts (static buffer;
 * NULL if $HOME is unset). */
const char *net_known_hosts_default(void);

/* Looks up "HOST:PORT" in the file.
 *   CL_OK                the entry exists with this fingerprint
 *   CL_ERR_PIN_MISMATCH  it exists with another (copied to stored)
 *   CL_ERR_UNKNOWN_HOST  no entry (or no file)
 *   CL_ERR_IO            the file exists but cannot be read */
cl_status net_known_hosts_check(const char *path, const char *host, unsigned port,
                                const char *fp, char stored[NET_FP_LEN]);

/* Adds the line "HOST:PORT FP\n", atomically (the file is rewritten through
 * a temporary and renamed: never a half-written file), after a newline if
 * the last line had none; creates the directory (0700) and the file (0600)
 * if needed, keeps an existing file's mode. */
cl_status net_known_hosts_add(const char *path, const char *host, unsigned port,
                              const char *fp);

#endif
