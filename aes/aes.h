/*
 * aes/aes.h -- AES block cipher (FIPS-197), one API for every implementation.
 *
 * Key size (AES-128/192/256) is chosen at run time by the key length.
 * The context is caller-owned and holds the expanded key; it contains no
 * pointers to heap memory.  Call aes_clear() when done (wipes the key schedule).
 *
 * Implementations (selected per context, same results):
 *   AES_IMPL_SPEC   -- the readable FIPS-197 code in aes_spec.c (and the only
 *                      one that calls the trace hook).  CT: no (table S-box).
 *   further ones are added by the fast-path work (see docs/performance.md);
 *   until then AES_IMPL_DEFAULT resolves to AES_IMPL_SPEC and the others
 *   return CL_ERR_UNSUPPORTED from aes_init_impl().
 *
 * The FIPS-197 steps themselves (SubBytes, ShiftRows, ..., KeyExpansion) are
 * declared in aes/aes_internal.h for the tests and the gdb lab.
 */
#ifndef CRYPTOLAB_AES_AES_H
#define CRYPTOLAB_AES_AES_H

#include <stddef.h>
#include <stdint.h>
#include "common/status.h"

#define AES_BLOCK_SIZE 16
#define AES_MAX_NR     14                       /* rounds for AES-256 */
#define AES_MAX_WORDS  (4 * (AES_MAX_NR + 1))   /* Nb*(Nr+1) words of w[] */

typedef enum aes_impl {
    AES_IMPL_DEFAULT = 0,  /* fastest constant-time one available ($CRYPTOLAB_AES_IMPL overrides) */
    AES_IMPL_SPEC,         /* readable FIPS-197 */
    AES_IMPL_TTABLE,       /* 32-bit T-tables (not constant-time) */
    AES_IMPL_CT,           /* bitsliced, constant-time */
    AES_IMPL_AESNI         /* AES-NI instructions */
} aes_impl;

/* Trace hook: called after every step of Cipher()/InvCipher() with the
 * FIPS-197 Appendix C label ("start", "s_box", ..., "ioutput"), the round
 * number and the 16 state bytes in input order (column by column). */
typedef void (*aes_trace_fn)(void *arg, int round, const char *label,
                             const uint8_t state[AES_BLOCK_SIZE]);

/* Key-expansion trace (FIPS-197 §5.2, the columns of Appendix A's tables):
 * one call per word w[i], i = 0 .. Nb*(Nr+1)-1, in order.  Words 0..Nk-1
 * come from the key (from_key = 1, only w is set).  For the others, temp =
 * w[i-1] and w_i_nk = w[i-Nk]; `uses` says which of the columns apply:
 * RotWord, SubWord and Rcon[i/Nk] when i mod Nk = 0 (after_rcon is then
 * SubWord(RotWord(temp)) xor Rcon), SubWord alone when Nk = 8 and
 * i mod Nk = 4; w = w[i-Nk] xor (the last of these values, or temp). */
#define AES_KX_ROTWORD 1u
#define AES_KX_SUBWORD 2u
#define AES_KX_RCON    4u
typedef struct aes_kx_step {
    int i;
    int from_key;
    unsigned uses;
    uint32_t temp, after_rotword, after_subword, rcon, after_rcon, w_i_nk, w;
} aes_kx_step;
typedef void (*aes_kx_trace_fn)(void *arg, const aes_kx_step *step);

typedef struct aes_ctx {
    uint32_t w[AES_MAX_WORDS];   /* FIPS-197 §5.2 key schedule, word i = w[i] */
    int Nk;                      /* key length in 32-bit words: 4, 6 or 8 */
    int Nr;                      /* number of rounds: 10, 12 or 14 */
    aes_impl impl;               /* implementation used by this context */
    aes_trace_fn trace;          /* NULL: no tracing (and no cost) */
    void *trace_arg;
    /* Per-implementation precomputed key material (e.g. AES-NI decryption
     * round keys, bitsliced keys); 16-byte aligned. */
    union {
        uint8_t  bytes[16 * 2 * (AES_MAX_NR + 1)];
        uint32_t w32[8 * (AES_MAX_NR + 1)];
        uint64_t w64[4 * (AES_MAX_NR + 1)];
    } fast __attribute__((aligned(16)));
} aes_ctx;

/* Expands key (16, 24 or 32 bytes) with the default implementation.
 * CL_ERR_KEY_LENGTH for any other length, CL_ERR_NULL_POINTER for NULLs.
 * CT: no with the spec implementation (SubWord uses the S-box table). */
cl_status aes_init(aes_ctx *ctx, const uint8_t *key, size_t key_len);

/* Same, with an explicit implementation (CL_ERR_UNSUPPORTED if this CPU or
 * build lacks it). */
cl_status aes_init_impl(aes_ctx *ctx, const uint8_t *key, size_t key_len, aes_impl impl);

/* Installs (or, with fn == NULL, removes) the trace hook.  Tracing forces
 * the spec implementation. */
cl_status aes_set_trace(aes_ctx *ctx, aes_trace_fn fn, void *arg);

/* Runs KeyExpansion() (§5.2) on key (16, 24 or 32 bytes) and reports every
 * word to fn.  The words are key material: for labs and viewers only.
 * CL_ERR_KEY_LENGTH, CL_ERR_NULL_POINTER.  The schedule is wiped after. */
cl_status aes_trace_key_expansion(const uint8_t *key, size_t key_len, aes_kx_trace_fn fn, void *arg);

/* One block: FIPS-197 §5.1 Cipher() and §5.3 InvCipher().  in and out may alias.
 * CL_ERR_STATE for a context that was never initialised or was cleared.
 * CT: no with AES_IMPL_SPEC (table lookups indexed by secret bytes). */
cl_status aes_encrypt_block(const aes_ctx *ctx, const uint8_t in[AES_BLOCK_SIZE],
                            uint8_t out[AES_BLOCK_SIZE]);
cl_status aes_decrypt_block(const aes_ctx *ctx, const uint8_t in[AES_BLOCK_SIZE],
                            uint8_t out[AES_BLOCK_SIZE]);

/* Wipes the context (explicit_bzero).  CT: yes. */
void aes_clear(aes_ctx *ctx);

/* Name of an implementation ("spec", "ttable", "ct", "aesni"). */
const char *aes_impl_name(aes_impl impl);

#endif
