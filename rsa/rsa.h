/*
 * rsa/rsa.h -- RSA (RFC 8017, "PKCS #1 v2.2") on GMP bignums: the key, key
 * generation (FIPS 186-5 §A.1.3 / Appendix B.3), the primitives and the
 * schemes.  Names follow the RFC: I2OSP, OS2IP, RSAEP, RSADP, RSASP1, RSAVP1,
 * MGF1, EME-OAEP, EMSA-PSS, EMSA-PKCS1-v1_5.
 *
 * Files (one concept each):
 *   rsa_key.c          struct rsa_key, consistency check, CRT completion
 *   rsa_prime.c        candidates, trial division, Miller-Rabin (FIPS 186-5 B.3.1)
 *   rsa_keygen.c       key-pair generation (FIPS 186-5 A.1.3)
 *   rsa_primitives.c   I2OSP, OS2IP, RSAEP, RSADP, RSASP1, RSAVP1 (RFC 8017 §4, §5)
 *   rsa_mgf1.c         MGF1 (RFC 8017 §B.2.1)
 *   rsa_oaep.c         RSAES-OAEP (§7.1)
 *   rsa_pkcs1v15.c     RSAES-PKCS1-v1_5 (§7.2) and RSASSA-PKCS1-v1_5 (§8.2)
 *   rsa_pss.c          RSASSA-PSS (§8.1, EMSA-PSS §9.1)
 *   rsa_textbook.c     textbook RSA, no padding -- UNSAFE, labs only
 *   rsa_print.c        numbers and public keys as text, as OpenSSL prints them
 *
 * WHY ONE GENERIC ERROR.  Every decryption failure (bad padding of any kind,
 * wrong label, ciphertext out of range) returns CL_ERR_DECRYPT, and every
 * signature failure CL_ERR_VERIFY, and the whole check is done before the
 * answer is known: no early exit at the first bad byte.  An attacker who
 * can tell "first byte not 0x00" from "padding bad later on" -- by the error
 * or by the time taken -- decrypts any ciphertext with a few thousand to a
 * few million queries: Bleichenbacher (CRYPTO '98) against PKCS#1 v1.5
 * encryption, Manger (CRYPTO 2001) against OAEP when "Y != 0" is
 * distinguishable from "lHash mismatch".
 *
 * Secrets: the private exponents are used only through mpz_powm_sec (GMP's
 * side-channel-silent exponentiation) and with base blinding; a CRT result
 * is checked with the public exponent before it is released (a fault in one
 * half would otherwise reveal a factor of n: Boneh-DeMillo-Lipton).  GMP's
 * other functions are not constant-time; the CT notes below say where that
 * matters.
 */
#ifndef CRYPTOLAB_RSA_RSA_H
#define CRYPTOLAB_RSA_RSA_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <gmp.h>
#include "common/status.h"
#include "sha256/hash.h"

/* RFC 8017 §3.1/§3.2: public key (n, e); private key in CRT form. */
typedef struct rsa_key {
    mpz_t n, e;                       /* public */
    mpz_t d, p, q, dP, dQ, qInv;      /* private (valid when is_private) */
    int is_private;
} rsa_key;

/* Smallest and largest modulus accepted by the schemes (bits). */
#define RSA_MIN_BITS 512
#define RSA_MAX_BITS 16384
#define RSA_MAX_BYTES (RSA_MAX_BITS / 8)

void rsa_key_init(rsa_key *key);
/* Clears and wipes the private values. */
void rsa_key_clear(rsa_key *key);
/* k: length of the modulus in octets. */
size_t rsa_key_bytes(const rsa_key *key);
/* Consistency: n = p*q, e*d = 1 mod lambda(n), CRT values; CL_ERR_KEY_INVALID otherwise.
 * For a public key: n odd, > 1, within RSA_MIN_BITS..RSA_MAX_BITS, 3 <= e < n, e odd.
 * CT: no -- GMP arithmetic on the key (run once when a key is loaded, not per
 * message, so it gives an attacker no repeated measurements). */
cl_status rsa_key_check(const rsa_key *key);
/* The cheap part of rsa_key_check() that the schemes repeat on every call:
 * the public checks above and, when use_private is set, p and q odd and > 1,
 * dP, dQ, qInv > 0 (what mpz_powm_sec and the CRT need not to fail).  The
 * gcd/lcm consistency (e*d = 1 mod lambda(n), ...) stays in rsa_key_check(),
 * run when a key is loaded, generated or completed, not per message: a
 * private key that passes this but is inconsistent makes RSADP's fault
 * check (m^e = c mod n) fail, so no wrong result is ever released.
 * CT: yes for the private values (sign and parity tests only). */
cl_status rsa_key_check_op(const rsa_key *key, int use_private);

/* Sets a public key from n and e given as big-endian octets (leading zeros allowed). */
cl_status rsa_key_set_public(rsa_key *key, const uint8_t *n, size_t n_len,
                             const uint8_t *e, size_t e_len);
/* Given n, e, p, q already in key: computes d = e^-1 mod lcm(p-1, q-1), dP, dQ,
 * qInv, marks the key private and checks it.  CL_ERR_KEY_INVALID if e is not
 * invertible or n != p*q. */
cl_status rsa_key_complete_from_pq(rsa_key *key);
/* Given n, e, d, p, q in key (d may be mod phi or mod lambda, as files carry
 * it): computes dP, dQ, qInv, marks the key private and checks it. */
cl_status rsa_key_complete_crt(rsa_key *key);
/* Given n, e, d only (as in CAVP SigGen files): finds p and q with the
 * probabilistic method of NIST SP 800-56B Rev. 2 Appendix C.2 (k = de - 1
 * = 2^t r; a random g gives y = g^r, squared until a nontrivial square root
 * of 1 appears; p = gcd(y - 1, n)), then completes the CRT values.
 * CL_ERR_KEY_INVALID if d does not fit e and n. */
cl_status rsa_key_recover_factors(rsa_key *key);
/* dst gets the public half of src (dst must be initialised). */
void rsa_key_copy_public(rsa_key *dst, const rsa_key *src);
/* dst gets a full copy of src (dst must be initialised). */
void rsa_key_copy(rsa_key *dst, const rsa_key *src);

/* ------------------------------------------------------------------ generation */

/* Key generation (FIPS 186-5 B.3 style), randomness from getrandom(2).
 * CT: no -- the rejected candidates take visibly different times (they are
 * discarded and independent of the primes kept); Miller-Rabin on the
 * final p and q is not constant-time either.
 * bits: 2048, 3072, 4096 (512/1024 allowed for labs -- the command warns);
 * e odd >= 3 (65537 is the default of every command).
 * CL_ERR_KEY_SIZE for other sizes, CL_ERR_BAD_ARGUMENT for a bad e. */
cl_status rsa_generate(rsa_key *key, unsigned bits, unsigned long e);

/* The source of candidate bits.  rsa_generate uses cl_random_bytes; the
 * classroom trace may pass a seeded generator (rsa_lab_rng, below). */
typedef cl_status (*rsa_rng_fn)(void *ctx, uint8_t *out, size_t len);

/* What rsa_generate_ex reports while it works (for `rsa-trace genkey`). */
enum rsa_gen_event {
    RSA_GEN_CANDIDATE,        /* a fresh odd candidate with the top two bits set */
    RSA_GEN_TRIAL_DIVISION,   /* failed trial division: detail = the small prime */
    RSA_GEN_PQ_TOO_CLOSE,     /* q rejected: |p - q| <= 2^(nlen/2 - 100) */
    RSA_GEN_GCD_E,            /* rejected: gcd(x - 1, e) != 1 */
    RSA_GEN_MR_COMPOSITE,     /* Miller-Rabin round `detail` found a witness */
    RSA_GEN_PRIME             /* passed all `detail` Miller-Rabin rounds */
};
typedef void (*rsa_gen_trace_fn)(void *ctx, enum rsa_gen_event ev, char which /* 'p'|'q' */,
                                 const mpz_t x, unsigned long detail);

/* The same as rsa_generate with the random source and a trace hook given
 * (both may be NULL: cl_random_bytes, no trace). */
cl_status rsa_generate_ex(rsa_key *key, unsigned bits, unsigned long e,
                          rsa_rng_fn rng, void *rng_ctx,
                          rsa_gen_trace_fn trace, void *trace_ctx);

/* FIPS 186-5 Table B.1: Miller-Rabin rounds for a prime of `bits` bits
 * (used as a factor of an RSA modulus, error probability 2^-100 / 2^-112 /...). */
unsigned rsa_mr_rounds(unsigned prime_bits);

/* FIPS 186-5 B.3.1 Miller-Rabin probabilistic primality test, our own
 * code, `rounds` random bases from rng.  *is_prime = 1 for PROBABLY PRIME.
 * *failed_round (may be NULL) = 1-based round that found a witness.
 * CT: no -- timing depends on the candidate (as in every MR test). */
cl_status rsa_miller_rabin(const mpz_t w, unsigned rounds, rsa_rng_fn rng, void *rng_ctx,
                           int *is_prime, unsigned *failed_round);

/* Trial division by the odd primes below 2000: returns the first small
 * prime dividing w (w itself excluded), 0 if none does. */
unsigned long rsa_trial_division(const mpz_t w);

/* A DETERMINISTIC generator for reproducible classroom runs ONLY
 * (`rsa-trace genkey -seed HEX`): SHA-256 in counter mode over the seed.
 * NEVER use it for real keys -- anyone who knows the seed knows the key. */
typedef struct rsa_lab_rng {
    uint8_t seed[32];
    uint64_t counter;
} rsa_lab_rng;
void rsa_lab_rng_init(rsa_lab_rng *r, const uint8_t *seed, size_t seed_len);
cl_status rsa_lab_rng_bytes(void *ctx, uint8_t *out, size_t len);

/* ------------------------------------------------------------------ primitives */

/* RFC 8017 §4.1 I2OSP: x as xLen octets, big-endian.  CL_ERR_OUTPUT_SPACE
 * ("integer too large") if x >= 256^xLen, CL_ERR_BAD_ARGUMENT if x < 0. */
cl_status rsa_i2osp(const mpz_t x, size_t xLen, uint8_t *out);
/* RFC 8017 §4.2 OS2IP. */
void rsa_os2ip(mpz_t x, const uint8_t *in, size_t len);

/* RFC 8017 §5.1.1 RSAEP: c = m^e mod n.  CL_ERR_INPUT_LENGTH if m is not in
 * [0, n-1] ("message representative out of range").  CT: public data only. */
cl_status rsa_rsaep(const rsa_key *pub, mpz_t c, const mpz_t m);
/* RFC 8017 §5.1.2 RSADP, CRT form (2.b): m = c^d mod n, with blinding
 * (r random, c' = c * r^e), mpz_powm_sec for dP and dQ, and a check that
 * m^e = c before m is released (CL_ERR_DECRYPT otherwise).
 * CL_ERR_NOT_PRIVATE for a public key; CL_ERR_INPUT_LENGTH if c >= n.
 * CT: the exponentiations are; GMP's mul/mod are not, which is why the
 * base is blinded. */
cl_status rsa_rsadp(const rsa_key *priv, mpz_t m, const mpz_t c);
/* LAB ONLY (`rsa-trace oaep-decrypt`): the CRT steps of §5.1.2 2.b without
 * blinding, so the values match RSA Labs' oaep-int.txt: c mod p, c mod q,
 * m1 = (c mod p)^dP mod p, m2 = (c mod q)^dQ mod q, h = (m1 - m2) qInv mod p,
 * m = m2 + q h.  mpz_powm_sec is still used; the check m^e = c is done. */
cl_status rsa_rsadp_crt_steps(const rsa_key *priv, const mpz_t c, mpz_t c_mod_p, mpz_t c_mod_q,
                              mpz_t m1, mpz_t m2, mpz_t h, mpz_t m);
/* RFC 8017 §5.2.1 RSASP1 (the same computation as RSADP). */
cl_status rsa_rsasp1(const rsa_key *priv, mpz_t s, const mpz_t m);
/* RFC 8017 §5.2.2 RSAVP1 (the same computation as RSAEP). */
cl_status rsa_rsavp1(const rsa_key *pub, mpz_t m, const mpz_t s);

/* RFC 8017 §B.2.1 MGF1 with hash (NULL = SHA-256): mask of mask_len octets.
 * CT: yes (no data-dependent branches). */
cl_status rsa_mgf1(const cl_hash *hash, const uint8_t *seed, size_t seed_len,
                   uint8_t *mask, size_t mask_len);

/* ------------------------------------------------------------------ RSAES-OAEP */

/* RSAES-OAEP (RFC 8017 §7.1).  hash NULL = SHA-256 (and MGF1 with the same
 * hash).  c_cap >= k.  Decryption failures of any kind return CL_ERR_DECRYPT
 * after the same amount of work. */
cl_status rsa_oaep_encrypt(const rsa_key *pub, const cl_hash *hash,
                           const uint8_t *label, size_t label_len,
                           const uint8_t *m, size_t m_len,
                           uint8_t *c, size_t c_cap, size_t *c_len);
/* Same with a caller-chosen seed of hLen bytes: for known-answer tests and
 * protocol transcripts only. */
cl_status rsa_oaep_encrypt_seeded(const rsa_key *pub, const cl_hash *hash,
                                  const uint8_t *label, size_t label_len,
                                  const uint8_t *m, size_t m_len, const uint8_t *seed,
                                  uint8_t *c, size_t c_cap, size_t *c_len);
/* CT: yes for the padding check (one pass over the whole EM, masks, one
 * error); the length of the message found is released only on success. */
cl_status rsa_oaep_decrypt(const rsa_key *priv, const cl_hash *hash,
                           const uint8_t *label, size_t label_len,
                           const uint8_t *c, size_t c_len,
                           uint8_t *m, size_t m_cap, size_t *m_len);

/* The same with a different hash inside MGF1 than for the label (RFC 8017
 * §A.2.1: RSAES-OAEP-params carries hashAlgorithm and maskGenAlgorithm
 * separately; `openssl pkeyutl -pkeyopt rsa_mgf1_md:sha1` selects it, and
 * e.g. Wycheproof's "SHA-256 with MGF1-SHA-1" files use it).  `hash` hashes
 * the label and fixes hLen (seed and lHash lengths); `mgf1_hash` is the hash
 * of MGF1 (NULL: the same as `hash`).  seed: hLen octets for known answers,
 * NULL for a random one.  Same CT properties and single error as above. */
cl_status rsa_oaep_encrypt_mgf1(const rsa_key *pub, const cl_hash *hash, const cl_hash *mgf1_hash,
                                const uint8_t *label, size_t label_len,
                                const uint8_t *m, size_t m_len, const uint8_t *seed,
                                uint8_t *c, size_t c_cap, size_t *c_len);
cl_status rsa_oaep_decrypt_mgf1(const rsa_key *priv, const cl_hash *hash, const cl_hash *mgf1_hash,
                                const uint8_t *label, size_t label_len,
                                const uint8_t *c, size_t c_len,
                                uint8_t *m, size_t m_cap, size_t *m_len);

/* The intermediate values of one OAEP encryption/decryption, in the order
 * and with the names of RSA Laboratories' oaep-int.txt, for `rsa-trace`.
 * Buffers are RSA_MAX_BYTES long; the *_len fields say how much is used. */
typedef struct rsa_oaep_trace {
    uint8_t lHash[CL_HASH_MAX_DIGEST];
    size_t hLen;
    size_t ps_len;                 /* PS is ps_len zero octets */
    uint8_t DB[RSA_MAX_BYTES];     size_t db_len;
    uint8_t seed[CL_HASH_MAX_DIGEST];
    uint8_t dbMask[RSA_MAX_BYTES];
    uint8_t maskedDB[RSA_MAX_BYTES];
    uint8_t seedMask[CL_HASH_MAX_DIGEST];
    uint8_t maskedSeed[CL_HASH_MAX_DIGEST];
    uint8_t EM[RSA_MAX_BYTES];     size_t k;
} rsa_oaep_trace;
/* As rsa_oaep_encrypt_seeded (seed NULL: random), filling *tr. */
cl_status rsa_oaep_encrypt_traced(const rsa_key *pub, const cl_hash *hash,
                                  const uint8_t *label, size_t label_len,
                                  const uint8_t *m, size_t m_len, const uint8_t *seed,
                                  uint8_t *c, size_t c_cap, size_t *c_len,
                                  rsa_oaep_trace *tr);
/* As rsa_oaep_decrypt, filling *tr (EM, maskedSeed, maskedDB, seedMask,
 * seed, dbMask, DB, lHash) -- LAB ONLY: the trace shows the padding. */
cl_status rsa_oaep_decrypt_traced(const rsa_key *priv, const cl_hash *hash,
                                  const uint8_t *label, size_t label_len,
                                  const uint8_t *c, size_t c_len,
                                  uint8_t *m, size_t m_cap, size_t *m_len,
                                  rsa_oaep_trace *tr);

/* ------------------------------------------------------------------ RSASSA-PSS */

/* Salt length on verify: recover it from the signature (RFC 8017 §9.1.2
 * leaves sLen to the application; OpenSSL calls this "auto"). */
#define RSA_PSS_SALT_AUTO ((size_t)-1)
/* Salt length on sign: as long as possible (OpenSSL "max"). */
#define RSA_PSS_SALT_MAX  ((size_t)-2)

/* CT (PSS): signing uses RSASP1 (blinded, powm_sec); verification handles
 * public data only but still checks every field before answering. */
/* RSASSA-PSS-SIGN (§8.1.1) of the message digest mHash (hLen octets, the
 * caller hashed M with `hash`).  hash NULL = SHA-256, MGF1 the same hash.
 * salt_len: octets (32 by default in the commands), or RSA_PSS_SALT_MAX.
 * salt NULL: random salt; non-NULL: the given salt (known answers only). */
cl_status rsa_pss_sign_digest(const rsa_key *priv, const cl_hash *hash,
                              const uint8_t *mHash, size_t salt_len, const uint8_t *salt,
                              uint8_t *sig, size_t sig_cap, size_t *sig_len);
/* The same over a whole message M (hashes it first). */
cl_status rsa_pss_sign(const rsa_key *priv, const cl_hash *hash,
                       const uint8_t *msg, size_t msg_len, size_t salt_len,
                       uint8_t *sig, size_t sig_cap, size_t *sig_len);
/* RSASSA-PSS-VERIFY (§8.1.2): salt_len exact, or RSA_PSS_SALT_AUTO to accept
 * any salt length (0 included).  CL_OK or CL_ERR_VERIFY (one error, after the
 * whole check). */
cl_status rsa_pss_verify_digest(const rsa_key *pub, const cl_hash *hash,
                                const uint8_t *mHash, size_t salt_len,
                                const uint8_t *sig, size_t sig_len);
cl_status rsa_pss_verify(const rsa_key *pub, const cl_hash *hash,
                         const uint8_t *msg, size_t msg_len, size_t salt_len,
                         const uint8_t *sig, size_t sig_len);

/* The same with a different hash inside MGF1 (RFC 8017 §A.2.3
 * RSASSA-PSS-params: hashAlgorithm and maskGenAlgorithm; `openssl -pkeyopt
 * rsa_mgf1_md:`).  `hash` is the message hash (mHash, H = Hash(M'), hLen);
 * `mgf1_hash` the hash of MGF1 (NULL: the same as `hash`). */
cl_status rsa_pss_sign_digest_mgf1(const rsa_key *priv, const cl_hash *hash,
                                   const cl_hash *mgf1_hash, const uint8_t *mHash,
                                   size_t salt_len, const uint8_t *salt,
                                   uint8_t *sig, size_t sig_cap, size_t *sig_len);
cl_status rsa_pss_verify_digest_mgf1(const rsa_key *pub, const cl_hash *hash,
                                     const cl_hash *mgf1_hash, const uint8_t *mHash,
                                     size_t salt_len, const uint8_t *sig, size_t sig_len);

/* The intermediate values of EMSA-PSS-ENCODE + RSASP1 after RSA Labs'
 * pss-int.txt, for `rsa-trace pss-sign`. */
typedef struct rsa_pss_trace {
    uint8_t mHash[CL_HASH_MAX_DIGEST];
    size_t hLen;
    uint8_t salt[RSA_MAX_BYTES];   size_t s_len;
    uint8_t Mprime[8 + 2 * CL_HASH_MAX_DIGEST + RSA_MAX_BYTES]; size_t mprime_len;
    uint8_t H[CL_HASH_MAX_DIGEST];
    uint8_t DB[RSA_MAX_BYTES];     size_t db_len;
    uint8_t dbMask[RSA_MAX_BYTES];
    uint8_t maskedDB[RSA_MAX_BYTES];
    uint8_t EM[RSA_MAX_BYTES];     size_t em_len;
} rsa_pss_trace;
cl_status rsa_pss_sign_traced(const rsa_key *priv, const cl_hash *hash,
                              const uint8_t *msg, size_t msg_len,
                              size_t salt_len, const uint8_t *salt,
                              uint8_t *sig, size_t sig_cap, size_t *sig_len,
                              rsa_pss_trace *tr);

/* ------------------------------------------------------------------ PKCS #1 v1.5 */

/* CT (v1.5 signatures): signing uses RSASP1 (blinded, powm_sec); the
 * verifier compares whole encodings with cl_ct_memeq. */
/* RSASSA-PKCS1-v1_5 (§8.2) with the DigestInfo of `hash` (NULL = SHA-256;
 * SHA-1 for the RSA Labs vectors) over the digest H (hLen octets). */
cl_status rsa_pkcs1v15_sign_digest(const rsa_key *priv, const cl_hash *hash,
                                   const uint8_t *H,
                                   uint8_t *sig, size_t sig_cap, size_t *sig_len);
cl_status rsa_pkcs1v15_sign(const rsa_key *priv, const cl_hash *hash,
                            const uint8_t *msg, size_t msg_len,
                            uint8_t *sig, size_t sig_cap, size_t *sig_len);
/* Verification re-encodes EM' and compares it whole (§8.2.2 step 3-4), which
 * rejects every malformed encoding at once.  CL_OK or CL_ERR_VERIFY. */
cl_status rsa_pkcs1v15_verify_digest(const rsa_key *pub, const cl_hash *hash,
                                     const uint8_t *H, const uint8_t *sig, size_t sig_len);
cl_status rsa_pkcs1v15_verify(const rsa_key *pub, const cl_hash *hash,
                              const uint8_t *msg, size_t msg_len,
                              const uint8_t *sig, size_t sig_len);
/* Type-1 padding of raw data T without a DigestInfo (what `openssl pkeyutl
 * -sign` does with pkcs1 padding and no digest set): EM = 00 01 FF.. 00 T. */
cl_status rsa_pkcs1v15_sign_raw(const rsa_key *priv, const uint8_t *T, size_t t_len,
                                uint8_t *sig, size_t sig_cap, size_t *sig_len);
/* Recovers T from a type-1 padded signature (`pkeyutl -verify` without a
 * digest compares it with the input).  CL_ERR_VERIFY on any bad padding. */
cl_status rsa_pkcs1v15_recover_raw(const rsa_key *pub, const uint8_t *sig, size_t sig_len,
                                   uint8_t *T, size_t t_cap, size_t *t_len);

/* RSAES-PKCS1-v1_5 (§7.2) -- kept because it is `openssl pkeyutl -encrypt`'s
 * default padding; the RFC keeps it only for compatibility, prefer OAEP.
 * Decryption scans the whole EM, one generic CL_ERR_DECRYPT (Bleichenbacher).
 * CT: yes for the padding check. */
cl_status rsa_pkcs1v15_encrypt(const rsa_key *pub, const uint8_t *m, size_t m_len,
                               uint8_t *c, size_t c_cap, size_t *c_len);
cl_status rsa_pkcs1v15_decrypt(const rsa_key *priv, const uint8_t *c, size_t c_len,
                               uint8_t *m, size_t m_cap, size_t *m_len);

/* ------------------------------------------------------------------ textbook */

/* CT: decryption as RSADP (blinded, powm_sec); but see below.
 * UNSAFE -- TEXTBOOK RSA, NO PADDING.  For labs only (malleability, small-e
 * cube roots): deterministic, malleable (E(a)E(b) = E(ab)), and m^e < n
 * leaks m outright.  Input is exactly k octets and must be < n; output k
 * octets.  Same as `openssl pkeyutl -pkeyopt rsa_padding_mode:none`. */
cl_status rsa_textbook_encrypt(const rsa_key *pub, const uint8_t *in, size_t in_len,
                               uint8_t *out, size_t out_cap, size_t *out_len);
cl_status rsa_textbook_decrypt(const rsa_key *priv, const uint8_t *in, size_t in_len,
                               uint8_t *out, size_t out_cap, size_t *out_len);

/* LAB ONLY -- the attacks of docs/labs/rsa.md, on public values:
 * malleability: out = c * f^e mod n, which textbook-decrypts to m * f mod n. */
cl_status rsa_textbook_malleate(const rsa_key *pub, const uint8_t *c, size_t c_len,
                                unsigned long f, uint8_t *out, size_t out_cap, size_t *out_len);
/* small-e attack: the integer e-th root r of the octet string c (big-endian);
 * *exact = 1 if r^e = c exactly (then r IS the message when m^e < n).
 * out gets r as its minimal octet string (at least one octet). */
cl_status rsa_integer_root(const uint8_t *c, size_t c_len, unsigned long e,
                           uint8_t *out, size_t out_cap, size_t *out_len, int *exact);

/* ------------------------------------------------------------------ text */

/* OpenSSL's layout of a number (rsa_print.c): "label value (0xhex)" when it
 * fits in 64 bits, else the label and hex octets 15 per line; every line
 * indented by `indent` spaces.  For `pkey -text` and `x509 -text`.
 * CT: no -- for printing, which shows the value anyway. */
void rsa_print_bignum(FILE *f, int indent, const char *label, const mpz_t x);
/* "Public-Key: (N bit)", "Modulus:", "Exponent:" as `openssl ... -text`. */
void rsa_print_public(FILE *f, int indent, const rsa_key *key);

/* Makes GMP wipe every block of memory it frees or moves (process-wide:
 * call once at the start of main(), before any mpz_t exists).  See
 * rsa/rsa_gmp_memory.c. */
void rsa_gmp_wipe_freed_memory(void);

#endif
