/*
 * aes/aes_modes.h -- block cipher modes of operation (NIST SP 800-38A):
 * ECB (§6.1), CBC (§6.2) with optional PKCS#7 padding, CTR (§6.5) with a
 * 128-bit big-endian counter (as F.5 and OpenSSL).
 *
 * Streaming: aes_mode_init() -> aes_mode_update()* -> aes_mode_final().
 * The IV / counter state lives in the caller-owned context and is
 * explicit; every message starts from a fresh aes_mode_init(), so no state
 * carries over from one message into the next.  The context is wiped by
 * aes_mode_final() (and by aes_mode_clear() on error paths).
 *
 * Errors: any error from update/final wipes the context, so a failed
 * message cannot be continued by mistake.  A CTR counter that would wrap
 * past ff..ff is refused (CL_ERR_COUNTER_WRAP) instead of silently reusing
 * counter blocks (OpenSSL wraps).
 * CT: no -- the block cipher is the table-based spec code (aes/aes.h); the
 * PKCS#7 padding check itself is branch-free over the last block.
 */
#ifndef CRYPTOLAB_AES_AES_MODES_H
#define CRYPTOLAB_AES_AES_MODES_H

#include <stddef.h>
#include <stdint.h>
#include "aes/aes.h"

typedef enum aes_mode { AES_MODE_ECB, AES_MODE_CBC, AES_MODE_CTR } aes_mode;

typedef struct aes_mode_ctx {
    aes_ctx aes;
    aes_mode mode;
    int encrypt;                     /* 1 encrypt, 0 decrypt */
    int pad;                         /* PKCS#7 padding (ECB/CBC only) */
    uint8_t iv[AES_BLOCK_SIZE];      /* CBC: previous ciphertext block; CTR: counter block */
    uint8_t buf[AES_BLOCK_SIZE];     /* buffered input not yet processed */
    size_t buf_len;
    uint8_t ks[AES_BLOCK_SIZE];      /* CTR: current keystream block */
    size_t ks_used;                  /* CTR: bytes of ks already used (16 = none left) */
    int finished;
    int ctr_wrapped;                 /* CTR: the counter went past ff..ff (no further block allowed) */
} aes_mode_ctx;

/* iv must be 16 bytes for CBC and CTR (the initial counter block for CTR),
 * and NULL/0 for ECB.  pad selects PKCS#7 padding for ECB/CBC (ignored for CTR). */
cl_status aes_mode_init(aes_mode_ctx *ctx, aes_mode mode, int encrypt,
                        const uint8_t *key, size_t key_len,
                        const uint8_t *iv, size_t iv_len, int pad);

/* Processes in_len bytes; writes *out_len bytes (at most in_len + 16) to out.
 * out_cap must be >= in_len + 16.  in and out may be the same buffer. */
cl_status aes_mode_update(aes_mode_ctx *ctx, const uint8_t *in, size_t in_len,
                          uint8_t *out, size_t out_cap, size_t *out_len);

/* Finishes the message: adds/checks/removes padding (at most 16 bytes out).
 * Decryption: CL_ERR_BAD_PADDING on wrong padding, CL_ERR_INPUT_LENGTH if the
 * ciphertext is not a multiple of 16 bytes; nothing is output then. */
cl_status aes_mode_final(aes_mode_ctx *ctx, uint8_t *out, size_t out_cap, size_t *out_len);

/* Wipes the context (after which update/final return CL_ERR_STATE). */
void aes_mode_clear(aes_mode_ctx *ctx);

/* CTR keystream XOR for one whole message or record (SP 800-38A §6.5):
 * out = in XOR E(K, ctr), E(K, ctr+1), ...; ctr (16 bytes, big-endian) is
 * advanced past the blocks used.  CL_ERR_COUNTER_WRAP if the 128-bit counter
 * would wrap.  in and out may alias. */
cl_status aes_ctr_xor(const aes_ctx *aes, uint8_t ctr[AES_BLOCK_SIZE],
                      const uint8_t *in, uint8_t *out, size_t len);

#endif
