/*
 * lab/padding_oracle.h -- LAB ONLY: the CBC padding-oracle attack
 * (S. Vaudenay, "Security Flaws Induced by CBC Padding", EUROCRYPT 2002),
 * for docs/labs/padding-oracle.md.
 *
 * CBC decryption computes P_i = D(K, C_i) XOR C_{i-1} (SP 800-38A §6.2).
 * The attacker does not know D(K, C_i), the "intermediate" block I_i, but
 * he chooses C_{i-1}.  He sends X || C_i for guesses X and asks the oracle
 * whether the padding of D(K, C_i) XOR X is valid PKCS#7.  Last byte first:
 * the guess g for X[15] that gives a valid padding makes I[15] XOR g = 0x01,
 * so I[15] = g XOR 0x01 (a second query with X[14] changed rules out a
 * longer valid padding by chance).  Then X[15] = I[15] XOR 0x02 and the
 * search for X[14] gives 0x02 0x02, and so on: at most 256 queries a byte,
 * 128 on average, and P_i = I_i XOR C_{i-1}.  Nothing here knows the key.
 */
#ifndef CRYPTOLAB_LAB_PADDING_ORACLE_H
#define CRYPTOLAB_LAB_PADDING_ORACLE_H

#include <stddef.h>
#include <stdint.h>
#include "common/status.h"

/* The oracle: is the PKCS#7 padding of CBC-decrypting `block` with the IV
 * `iv` (i.e. D(K, block) XOR iv) valid?  1 yes, 0 no, -1 no answer (the
 * attack stops with CL_ERR_LAB_NO_ORACLE). */
typedef int (*lab_po_oracle_fn)(void *arg, const uint8_t iv[16], const uint8_t block[16]);

/* Told every recovered byte: block number (0 = first ciphertext block),
 * byte position 15..0, the intermediate byte I[pos], the plaintext byte,
 * and the number of queries so far. */
typedef void (*lab_po_trace_fn)(void *arg, size_t block, int pos, uint8_t intermediate, uint8_t plain,
                                unsigned long queries);

/* Decrypts c (c_len bytes, a multiple of 16, at least 16) that was
 * CBC-encrypted under the IV iv, using only the oracle; plain gets c_len
 * bytes (still padded).  At most max_queries oracle calls.
 * CL_ERR_LAB_NO_ORACLE if no guess of some byte was ever "valid" (no
 * oracle: every query is rejected the same way) or the oracle failed;
 * CL_ERR_LAB_QUERY_LIMIT at the limit.  *queries: the calls made. */
cl_status lab_po_attack(const uint8_t iv[16], const uint8_t *c, size_t c_len, lab_po_oracle_fn oracle,
                        void *oracle_arg, lab_po_trace_fn trace, void *trace_arg, unsigned long max_queries,
                        uint8_t *plain, unsigned long *queries);

#endif
