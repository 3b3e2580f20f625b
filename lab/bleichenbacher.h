/*
 * lab/bleichenbacher.h -- LAB ONLY: Bleichenbacher's attack on RSA PKCS#1
 * v1.5 encryption (D. Bleichenbacher, "Chosen Ciphertext Attacks Against
 * Protocols Based on the RSA Encryption Standard PKCS #1", CRYPTO 1998),
 * for docs/labs/bleichenbacher.md.
 *
 * An oracle that tells whether c' decrypts to a block starting 00 02 (a
 * "PKCS conforming" one) tells, for the attacker's multiplier s, that
 * 2B <= m s mod n < 3B with B = 2^(8(k-2)): textbook RSA's malleability,
 * c' = c s^e mod n decrypts to m s mod n.  Each "yes" narrows the set of
 * intervals that contain m (step 3); the s are searched so that a "yes"
 * comes soon (steps 2.a-2.c); when one interval is left it halves in about
 * two queries a bit, until it holds one number: m.  Steps are numbered as
 * in the paper.  Nothing here knows the private key.
 */
#ifndef CRYPTOLAB_LAB_BLEICHENBACHER_H
#define CRYPTOLAB_LAB_BLEICHENBACHER_H

#include <stddef.h>
#include <stdint.h>
#include "rsa/rsa.h"

/* Does c (k octets) decrypt to a block starting 00 02?  1 yes, 0 no, -1 no
 * answer (the attack stops). */
typedef int (*lab_bb_oracle_fn)(void *arg, const uint8_t *c, size_t k);

/* Progress: the step ("2.a", "2.b", "2.c", "3"), i, the number of
 * intervals, the bit length of the width of the first, and the queries. */
typedef void (*lab_bb_trace_fn)(void *arg, const char *step, unsigned long i, size_t intervals,
                                size_t width_bits, unsigned long queries);

/* Recovers m = c^d mod n (k octets into m) from the public key, a PKCS
 * conforming ciphertext c (k octets) and the oracle, in at most max_queries
 * calls.  The result is checked: m^e mod n must equal c.
 * CL_ERR_LAB_NO_ORACLE if the oracle failed or its answers were inconsistent
 * (no interval left, or a result that does not encrypt to c): the "oracle"
 * does not depend on the padding.  CL_ERR_LAB_QUERY_LIMIT at the limit. */
cl_status lab_bb_attack(const rsa_key *pub, const uint8_t *c, size_t c_len, lab_bb_oracle_fn oracle,
                        void *oracle_arg, lab_bb_trace_fn trace, void *trace_arg, unsigned long max_queries,
                        uint8_t *m, unsigned long *queries);

#endif
