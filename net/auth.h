/*
 * net/auth.h -- client authentication (docs/protocol.md §13, protocol
 * version 2): a client proves it holds the private key of an RSA key pair
 * by signing the session hash (SHA-256 of the five handshake frames) with
 * RSASSA-PSS, as SSH's "publickey" method signs its session identifier and
 * a TLS client signs the transcript in CertificateVerify.  The server looks
 * the key's fingerprint up in its authorized-keys file.
 *
 *   M   = "cryptolab v2 client auth" || 0x00 || session_hash        (57 bytes)
 *   sig = RSASSA-PSS-SIGN(client key, M)   RFC 8017 §8.1.1: SHA-256,
 *         MGF1-SHA-256, salt 32 bytes
 *
 * Because session_hash covers both randoms, the server's key and the
 * encrypted secret, a signature is worth nothing in any other session: a
 * man in the middle who made the client talk to him cannot replay it to the
 * real server (his own session there has another hash).
 *
 * Authorized-keys file (the server's --authorized-keys), one user per line:
 *     SHA256:<43 base64 characters> NAME RIGHTS
 * NAME: 1..32 of [A-Za-z0-9_-], starting with a letter or digit (the user's
 * home area is DIR/NAME/); RIGHTS: "r" (ls, get), "w" (put, --overwrite
 * included) or "rw".  '#' starts a comment line; empty lines are ignored.
 */
#ifndef CRYPTOLAB_NET_AUTH_H
#define CRYPTOLAB_NET_AUTH_H

#include <stddef.h>
#include <stdint.h>
#include "common/status.h"
#include "rsa/rsa.h"
#include "net/fingerprint.h"

#define NET_AUTH_CONTEXT  "cryptolab v2 client auth"
#define NET_AUTH_MSG_LEN  (sizeof NET_AUTH_CONTEXT + 32)    /* context, 0x00, hash */
#define NET_AUTH_SALT_LEN 32
#define NET_MAX_USER      32

/* M of the header comment. */
void net_auth_message(const uint8_t session_hash[32], uint8_t m[NET_AUTH_MSG_LEN]);

/* Signs the session hash with the client's private key.  salt NULL: fresh
 * random salt (always, except to reproduce a known answer). */
cl_status net_auth_sign(const rsa_key *id, const uint8_t session_hash[32], const uint8_t *salt,
                        uint8_t *sig, size_t cap, size_t *sig_len);

/* Checks a signature under the public key spki (SubjectPublicKeyInfo DER,
 * 2048..8192-bit RSA).  CL_OK, CL_ERR_VERIFY, CL_ERR_KEY_SIZE, or a parse error. */
cl_status net_auth_verify(const uint8_t *spki, size_t spki_len, const uint8_t session_hash[32],
                          const uint8_t *sig, size_t sig_len);

#define NET_RIGHT_READ  1u
#define NET_RIGHT_WRITE 2u

struct net_user {
    char fp[NET_FP_LEN];
    char name[NET_MAX_USER + 1];
    unsigned rights;
};

struct net_authorized {
    struct net_user *users;
    size_t n;
};

/* 1 if name is a valid user name (see above). */
int net_user_name_ok(const char *name);

/* Reads an authorized-keys file.  On a bad line: CL_ERR_PARSE with "LINE:
 * what" in err (nothing loaded); duplicate names or fingerprints are bad
 * lines too. */
cl_status net_authorized_load(const char *path, struct net_authorized *a, char *err, size_t cap);
/* The user with this fingerprint, or NULL. */
const struct net_user *net_authorized_find(const struct net_authorized *a, const char *fp);
/* A user with this name (case-insensitive), or NULL. */
const struct net_user *net_authorized_find_name(const struct net_authorized *a, const char *name);
void net_authorized_free(struct net_authorized *a);

#endif
