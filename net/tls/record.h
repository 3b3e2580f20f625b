/*
 * net/tls/record.h -- the TLS record layer with AES-128-GCM protection.
 *
 *   struct { ContentType type; ProtocolVersion legacy_record_version;
 *            uint16 length; opaque fragment[length]; } TLSPlaintext;
 *
 * TLS 1.2 (RFC 5246 §6.2, RFC 5288 §3):
 *   GenericAEADCipher = nonce_explicit[8] || aead_output (ciphertext || tag)
 *   nonce = client/server_write_IV[4] (the "salt") || nonce_explicit[8];
 *   nonce_explicit = the 64-bit sequence number (RFC 5288 §3 allows any
 *   unique value; the sequence number makes it unique by construction)
 *   additional_data = seq_num[8] || type || version[2] || length[2]
 *   (length of the PLAINTEXT).  Limits: TLSCiphertext.length <= 2^14 + 2048,
 *   plaintext <= 2^14 (§6.2.3); both give record_overflow.
 *
 * TLS 1.3 (RFC 8446 §5):
 *   TLSInnerPlaintext = content || ContentType type || zeros[padding]
 *   outer header: opaque_type = application_data (23), legacy_record_version
 *   0x0303, length = ciphertext length (<= 2^14 + 256, §5.2)
 *   nonce = write_iv XOR (0^32 || seq_num[8]) (§5.3)
 *   additional_data = the 5-byte outer header (§5.2)
 *   the real type is the last nonzero octet of the decrypted plaintext;
 *   a plaintext of all zeros is unexpected_message; an inner plaintext
 *   longer than 2^14 + 1 is record_overflow.
 *
 * Sequence numbers start at 0 with each new key and never wrap (§5.3: a
 * connection must rekey or close first): CL_ERR_COUNTER_WRAP.
 *
 * Every failure records the alert the caller must send in rl->alert
 * (bad_record_mac, record_overflow, unexpected_message, decode_error).
 * The layer owns no file descriptor; reads and writes are bounded in time
 * (rl->deadline_ms for reads, rl->timeout_ms per write wait).
 *
 * CT: GCM as aes/gcm.h (tag checked before any plaintext is released); the
 * search for the 1.3 content type runs over the padding, whose length the
 * record's length already tells.
 */
#ifndef CRYPTOLAB_NET_TLS_RECORD_H
#define CRYPTOLAB_NET_TLS_RECORD_H

#include <stddef.h>
#include <stdint.h>
#include "common/status.h"
#include "aes/gcm.h"

/* ContentType (RFC 8446 §5.1) */
#define TLS_CT_CHANGE_CIPHER_SPEC 20
#define TLS_CT_ALERT              21
#define TLS_CT_HANDSHAKE          22
#define TLS_CT_APPLICATION_DATA   23

#define TLS_MAX_PLAINTEXT   16384             /* 2^14 */
#define TLS12_MAX_CIPHERTEXT (16384 + 2048)
#define TLS13_MAX_CIPHERTEXT (16384 + 256)
#define TLS_RECORD_HEADER   5
#define TLS12_EXPLICIT_NONCE 8

/* One direction's protection state. */
typedef struct tls_record_dir {
    int on;                       /* 0: plaintext records (before ChangeCipherSpec / keys) */
    int v13;                      /* 1: RFC 8446 §5.2 records, 0: RFC 5288 */
    gcm_ctx gcm;
    uint8_t iv[12];               /* 1.3: write_iv; 1.2: salt in iv[0..3] */
    uint64_t seq;
} tls_record_dir;

/* 1.2 keys: 16-byte key, 4-byte salt (client/server_write_IV). */
cl_status tls_record_dir_set12(tls_record_dir *d, const uint8_t key[16], const uint8_t salt[4]);
/* 1.3 keys: 16-byte key, 12-byte IV. */
cl_status tls_record_dir_set13(tls_record_dir *d, const uint8_t key[16], const uint8_t iv[12]);
void tls_record_dir_clear(tls_record_dir *d);

/* Protects one fragment (len <= 2^14) into out as a complete record with
 * header; *out_len its length.  cap >= len + 5 + 8 + 16 + 1 suffices. */
cl_status tls_record_seal(tls_record_dir *d, uint8_t type, uint16_t version,
                          const uint8_t *data, size_t len,
                          uint8_t *out, size_t cap, size_t *out_len);

/* Opens one complete record rec[0..rec_len) (header included) in place.
 * *type gets the (inner) content type, *frag and *frag_len the plaintext
 * (pointing into rec).  *alert gets the alert to send on failure. */
cl_status tls_record_open(tls_record_dir *d, uint8_t *rec, size_t rec_len,
                          uint8_t *type, uint8_t **frag, size_t *frag_len, int *alert);

#define TLS_RL_IN_CAP  (1u << 16)
#define TLS_RL_OUT_CAP (4u * (TLS_MAX_PLAINTEXT + 64))

typedef struct tls_record_layer {
    int fd;
    uint16_t write_version;       /* legacy_record_version we write */
    tls_record_dir rd, wr;
    int64_t deadline_ms;          /* reads must complete by then (0: none) */
    int timeout_ms;               /* each write wait */
    int alert;                    /* alert to send after a failure, -1 none */
    /* optional tap on every record read/written (for -msg): plaintext side */
    void (*tap)(void *arg, int sent, uint8_t type, const uint8_t *frag, size_t len);
    void *tap_arg;
    size_t in_start, in_len;
    /* how far in[] and out[] were ever written: tls_record_layer_clear
     * wipes that much (pages never touched hold nothing and stay untouched) */
    size_t in_hwm, out_hwm;
    uint8_t in[TLS_RL_IN_CAP];
    uint8_t out[TLS_RL_OUT_CAP];
} tls_record_layer;

void tls_record_layer_init(tls_record_layer *rl, int fd);

/* Reads and opens the next record.  CL_ERR_TRUNCATED when the stream ends
 * (at a record boundary or not), CL_ERR_TIMEOUT, CL_ERR_SOCKET, or a
 * failure of tls_record_open / the header checks (rl->alert set). */
cl_status tls_record_read(tls_record_layer *rl, uint8_t *type, uint8_t **frag, size_t *len);

/* Sends data as records of at most 2^14 bytes (one record for len 0). */
cl_status tls_record_write(tls_record_layer *rl, uint8_t type, const uint8_t *data, size_t len);

/* 1 if bytes of a further record are already buffered. */
int tls_record_pending(const tls_record_layer *rl);

void tls_record_layer_clear(tls_record_layer *rl);

#endif
