/*
 * net/wire.h -- the bytes on the wire (docs/protocol.md §2, §3, §6):
 * frame types, limits, and strict encoders/parsers of the handshake
 * messages.  Pure functions on caller buffers: no sockets, no allocation.
 *
 * Every parser checks every length against the frame length and rejects
 * trailing bytes; on failure it returns CL_ERR_PROTOCOL and writes the
 * alert the receiver must send into *alert.  CT: not relevant (public data).
 */
#ifndef CRYPTOLAB_NET_WIRE_H
#define CRYPTOLAB_NET_WIRE_H

#include <stddef.h>
#include <stdint.h>
#include "common/status.h"

#define NET_VERSION_1      0x0001u   /* §3.6: the version of the §12.1/§12.2 transcripts */
#define NET_VERSION_2      0x0002u   /* adds client authentication (§9 AUTH, §13) */
#define NET_VERSION        NET_VERSION_2   /* the highest version spoken */
#define NET_HDR_LEN        5         /* §2: u8 type || u32 length */
#define NET_RANDOM_LEN     32
#define NET_SECRET_LEN     32
#define NET_FINISHED_LEN   32
#define NET_MAX_SUITES     16
#define NET_MAX_SPKI       2048
#define NET_MAX_RSA_BYTES  1024      /* 8192-bit modulus */
#define NET_MAX_PLAINTEXT  16384     /* §5.3 */
#define NET_MAC_LEN        32        /* suite 1 tag */
#define NET_GCM_TAG_LEN    16        /* suite 2 tag */
#define NET_IV_LEN         12
#define NET_KEY_LEN        32
/* Largest frame of any type: a full suite-1 record. */
#define NET_MAX_FRAME      (NET_HDR_LEN + NET_MAX_PLAINTEXT + NET_MAC_LEN)

/* §2 frame types */
enum {
    NET_T_CLIENT_HELLO = 0x01,
    NET_T_SERVER_HELLO = 0x02,
    NET_T_KEY_EXCHANGE = 0x03,
    NET_T_FINISHED     = 0x04,
    NET_T_ALERT        = 0x15,
    NET_T_APPDATA      = 0x17
};

/* §3.5 suites */
enum {
    NET_SUITE_AES256_CTR_HMAC_SHA256 = 0x01,
    NET_SUITE_AES256_GCM             = 0x02
};

/* §6 alert codes */
enum {
    NET_ALERT_CLOSE_NOTIFY       = 0,
    NET_ALERT_UNEXPECTED_MESSAGE = 10,
    NET_ALERT_BAD_RECORD_MAC     = 20,
    NET_ALERT_RECORD_OVERFLOW    = 22,
    NET_ALERT_HANDSHAKE_FAILURE  = 40,
    NET_ALERT_UNKNOWN_SERVER_KEY = 46,
    NET_ALERT_DECODE_ERROR       = 50,
    NET_ALERT_DECRYPT_ERROR      = 51,
    NET_ALERT_PROTOCOL_VERSION   = 70,
    NET_ALERT_INTERNAL_ERROR     = 80,
    NET_ALERT_TIMEOUT            = 90,
    NET_ALERT_SERVER_BUSY        = 91,   /* refused for capacity, before any handshake */
    NET_ALERT_TOO_SLOW           = 92,   /* the peer does not read what it is sent */
    NET_ALERT_NONE               = 255   /* internal: no alert */
};

/* "bad_record_mac" etc.; "unknown" for codes not in §6. */
const char *net_alert_name(uint8_t code);
/* "AES256-CTR-HMAC-SHA256", "AES256-GCM" or "unknown". */
const char *net_suite_name(uint8_t suite);
/* Parses a comma-separated list of suite names for the programs' options:
 * "gcm" (0x02) and "ctr" (0x01), or the names of §3.5, case-insensitive,
 * e.g. "gcm,ctr".  out gets the ids in the order given (no duplicates).
 * CL_ERR_BAD_ARGUMENT for an unknown name, an empty list or a duplicate. */
cl_status net_suites_parse(const char *text, uint8_t out[NET_MAX_SUITES], size_t *n);

/* "ClientHello", ..., "ApplicationData", "unknown". */
const char *net_frame_name(uint8_t type);

/* §2: checks a frame header before its body is read.  protected_ says
 * whether the sender of this frame has sent its Finished (alerts are then
 * protected records), suite is the negotiated suite (0 before ServerHello).
 * Returns CL_OK, or CL_ERR_PROTOCOL with *alert = unexpected_message,
 * record_overflow or decode_error. */
cl_status net_frame_check(uint8_t type, uint32_t length, int protected_, uint8_t suite,
                          uint8_t *alert);

/* Writes the 5-byte header. */
void net_frame_header(uint8_t out[NET_HDR_LEN], uint8_t type, uint32_t length);

/* §3.1 */
struct net_client_hello {
    uint16_t version;
    uint8_t random[NET_RANDOM_LEN];
    uint8_t n_suites;
    uint8_t suites[NET_MAX_SUITES];
};
/* §3.2 (spki points into the parsed buffer) */
struct net_server_hello {
    uint16_t version;
    uint8_t random[NET_RANDOM_LEN];
    uint8_t suite;
    uint16_t spki_len;
    const uint8_t *spki;
};

/* Encoders write a whole frame (header included) into out (cap bytes) and
 * set *len; CL_ERR_OUTPUT_SPACE / CL_ERR_BAD_ARGUMENT on bad input. */
cl_status net_encode_client_hello(const struct net_client_hello *ch,
                                  uint8_t *out, size_t cap, size_t *len);
cl_status net_encode_server_hello(const struct net_server_hello *sh,
                                  uint8_t *out, size_t cap, size_t *len);
cl_status net_encode_key_exchange(const uint8_t *ct, size_t ct_len,
                                  uint8_t *out, size_t cap, size_t *len);
cl_status net_encode_finished(const uint8_t verify[NET_FINISHED_LEN],
                              uint8_t *out, size_t cap, size_t *len);

/* Parsers take the frame BODY (after the header) and its length. */
cl_status net_parse_client_hello(const uint8_t *body, size_t len,
                                 struct net_client_hello *ch, uint8_t *alert);
cl_status net_parse_server_hello(const uint8_t *body, size_t len,
                                 struct net_server_hello *sh, uint8_t *alert);
cl_status net_parse_key_exchange(const uint8_t *body, size_t len,
                                 const uint8_t **ct, size_t *ct_len, uint8_t *alert);
cl_status net_parse_finished(const uint8_t *body, size_t len,
                             const uint8_t **verify, uint8_t *alert);

#endif
