/* net/auth.c -- the client's signature over the session hash
 * (docs/protocol.md §13; RSASSA-PSS, RFC 8017 §8.1). */
#include <string.h>
#include "net/auth.h"
#include "rsa/rsa_keyfile.h"
#include "sha256/sha256.h"
#include "common/ct.h"

void net_auth_message(const uint8_t session_hash[32], uint8_t m[NET_AUTH_MSG_LEN])
{
    memcpy(m, NET_AUTH_CONTEXT, sizeof NET_AUTH_CONTEXT);    /* the context and its 0x00 */
    memcpy(m + sizeof NET_AUTH_CONTEXT, session_hash, 32);
}

cl_status net_auth_sign(const rsa_key *id, const uint8_t session_hash[32], const uint8_t *salt,
                        uint8_t *sig, size_t cap, size_t *sig_len)
{
    if (!id || !session_hash || !sig || !sig_len) return CL_ERR_NULL_POINTER;
    uint8_t m[NET_AUTH_MSG_LEN], mhash[32];
    net_auth_message(session_hash, m);
    cl_status st = sha256_digest(m, sizeof m, mhash);                 /* §9.1.1 step 2: mHash = Hash(M) */
    if (!st) st = rsa_pss_sign_digest(id, NULL, mhash, NET_AUTH_SALT_LEN, salt, sig, cap, sig_len);
    cl_wipe(mhash, sizeof mhash);
    return st;
}

cl_status net_auth_verify(const uint8_t *spki, size_t spki_len, const uint8_t session_hash[32],
                          const uint8_t *sig, size_t sig_len)
{
    if (!spki || !session_hash || !sig) return CL_ERR_NULL_POINTER;
    rsa_key pub;
    rsa_key_init(&pub);
    cl_status st = rsa_spki_from_der(&pub, spki, spki_len);
    if (!st && (rsa_key_bytes(&pub) < 256 || rsa_key_bytes(&pub) > 1024)) st = CL_ERR_KEY_SIZE;
    if (!st) {
        uint8_t m[NET_AUTH_MSG_LEN];
        net_auth_message(session_hash, m);
        st = rsa_pss_verify(&pub, NULL, m, sizeof m, NET_AUTH_SALT_LEN, sig, sig_len);
    }
    rsa_key_clear(&pub);
    return st;
}
