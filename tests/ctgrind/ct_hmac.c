/*
 * tests/ctgrind/ct_hmac.c -- HMAC-SHA256 (RFC 2104, sha256/hmac.c): the
 * tag computation and hmac_sha256_verify with the key and the message
 * secret, for a right and a wrong tag (the verdict is public and is
 * declassified by cl_ct_memeq_public).
 */
#include <string.h>
#include "tests/ctgrind/ctgrind.h"
#include "sha256/hmac.h"

static int hmac_verify(void)
{
    uint8_t key[40], msg[150], tag[32];
    ct_fill(key, sizeof key, 5);
    ct_fill(msg, sizeof msg, 6);
    ct_secret(key, sizeof key);
    ct_secret(msg, sizeof msg);
    if (hmac_sha256(key, sizeof key, msg, sizeof msg, tag) != CL_OK) return CT_WRONG;
    ct_public(tag, sizeof tag);                  /* a MAC is sent in the clear */
    if (hmac_sha256_verify(key, sizeof key, msg, sizeof msg, tag, sizeof tag) != CL_OK) return CT_WRONG;
    tag[31] ^= 0x80;
    if (hmac_sha256_verify(key, sizeof key, msg, sizeof msg, tag, sizeof tag) != CL_ERR_AUTH) return CT_WRONG;
    return CT_OK;
}

void register_ct_hmac(void);
void register_ct_hmac(void)
{
    ct_add("hmac-verify", CT_EXPECT_CLEAN, hmac_verify, "HMAC-SHA256 tag and verify");
}
