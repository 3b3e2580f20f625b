/*
 * rsa/ffdhe.h -- finite-field Diffie-Hellman on GMP with the named groups of
 * RFC 7919 ("Negotiated Finite Field Diffie-Hellman Ephemeral Parameters for
 * TLS"): ffdhe2048 and ffdhe3072, generator g = 2.
 *
 *   ffdhe_groups.c   the primes p, as RFC 7919 Appendix A.1/A.2 prints them
 *   ffdhe.c          key pair, public-value check, shared secret
 *
 * Each side picks a secret x, sends Y = g^x mod p, and computes
 * Z = Y_peer^x mod p.  Checks and choices, with their source:
 *   - public values: 1 < Y < p-1 (RFC 7919 §3 / §4, RFC 8446 §4.2.8.1).
 *     Y = 1 and Y = p-1 lie in subgroups of order 1 and 2: they would force
 *     Z into {1, p-1} whatever x is.  The RFC 7919 primes are safe primes
 *     (p = 2q + 1, q prime), so every other Y has order q or 2q and this
 *     check is all a peer needs (RFC 7919 §5.1);
 *   - the private exponent x has exactly the number of bits RFC 7919
 *     Appendix A recommends for a "short exponent" (§5.2): 225 bits for
 *     ffdhe2048, 275 for ffdhe3072 (twice the group's security strength,
 *     103 and 125 bits, rounded up);
 *   - exponentiations with the secret x use mpz_powm_sec (GMP's
 *     side-channel-silent modular exponentiation);
 *   - the shared secret Z is written as TLS needs it: left-padded with zeros
 *     to the length of p in TLS 1.3 (RFC 8446 §7.4.1), leading zero octets
 *     stripped in TLS 1.2 (RFC 5246 §8.1.2).
 *
 * CT: the exponentiations are (mpz_powm_sec); the range check and the
 * octet conversions handle public values only.  The private exponent is
 * wiped by ffdhe_key_clear() (GMP's freed memory is wiped too once
 * rsa_gmp_wipe_freed_memory() was called).
 */
#ifndef CRYPTOLAB_RSA_FFDHE_H
#define CRYPTOLAB_RSA_FFDHE_H

#include <stddef.h>
#include <stdint.h>
#include <gmp.h>
#include "common/status.h"

/* TLS NamedGroup codepoints (RFC 7919 §2, IANA "TLS Supported Groups"). */
#define FFDHE_GROUP_2048 0x0100
#define FFDHE_GROUP_3072 0x0101

#define FFDHE_MAX_BYTES 384          /* ffdhe3072: p is 384 octets */

typedef struct ffdhe_group {
    uint16_t id;                     /* NamedGroup codepoint */
    const char *name;                /* "ffdhe2048" */
    unsigned bits;                   /* size of p */
    size_t p_len;                    /* octets of p */
    unsigned exp_bits;               /* private exponent size (RFC 7919 App. A) */
    const char *p_hex;               /* the prime, as RFC 7919 Appendix A prints it */
} ffdhe_group;

/* The group for a NamedGroup codepoint, NULL if we do not have it. */
const ffdhe_group *ffdhe_group_by_id(uint16_t id);
/* The group by name ("ffdhe2048", "ffdhe3072"), NULL if unknown. */
const ffdhe_group *ffdhe_group_by_name(const char *name);
/* p of the group as a GMP number (set, not initialised: x must be init'ed). */
void ffdhe_group_p(const ffdhe_group *g, mpz_t p);

/* One side's ephemeral key pair. */
typedef struct ffdhe_key {
    const ffdhe_group *group;
    mpz_t x;                         /* private exponent (secret) */
    uint8_t Y[FFDHE_MAX_BYTES];      /* public value g^x mod p, p_len octets, big-endian */
    int ready;
} ffdhe_key;

/* A fresh key pair: x random with exactly group->exp_bits bits (top bit
 * set), Y = g^x mod p.  CL_ERR_RANDOM if the OS generator fails. */
cl_status ffdhe_keygen(ffdhe_key *k, const ffdhe_group *g);
/* The same with a given private exponent x (big-endian octets, 1 < x < p-1):
 * for known-answer tests and the lab only. */
cl_status ffdhe_keygen_fixed(ffdhe_key *k, const ffdhe_group *g, const uint8_t *x, size_t x_len);

/* The public-value check 1 < Y < p-1 on a peer's value of any length up to
 * p_len octets (leading zeros allowed, as TLS 1.2 may strip them and TLS
 * 1.3 pads them).  CL_OK or CL_ERR_BAD_ARGUMENT; CL_ERR_INPUT_LENGTH if the
 * value is empty or longer than p.  CT: public values only. */
cl_status ffdhe_check_public(const ffdhe_group *g, const uint8_t *Y, size_t y_len);

/* Shared-secret encodings. */
enum ffdhe_z_format {
    FFDHE_Z_PADDED,      /* TLS 1.3 (RFC 8446 §7.4.1): exactly p_len octets */
    FFDHE_Z_STRIPPED     /* TLS 1.2 (RFC 5246 §8.1.2): leading zero octets removed */
};

/* Z = Y_peer^x mod p, after ffdhe_check_public() on Y_peer (its failure
 * is returned: CL_ERR_BAD_ARGUMENT).  out gets *z_len octets (cap >= p_len). */
cl_status ffdhe_shared_secret(const ffdhe_key *k, const uint8_t *Y_peer, size_t y_len,
                              enum ffdhe_z_format fmt, uint8_t *out, size_t cap, size_t *z_len);

/* Wipes and releases the private exponent. */
void ffdhe_key_clear(ffdhe_key *k);

#endif
