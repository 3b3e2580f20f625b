/*
 * net/app.h -- application messages carried in records (docs/protocol.md §9):
 * file transfer (put/get/ls), chat and echo.  Encoders and a strict parser;
 * the name rules that keep the server inside its directory.
 */
#ifndef CRYPTOLAB_NET_APP_H
#define CRYPTOLAB_NET_APP_H

#include <stddef.h>
#include <stdint.h>
#include "common/status.h"
#include "net/wire.h"

enum {
    NET_APP_PUT = 0x01, NET_APP_GET = 0x02, NET_APP_LIST = 0x03, NET_APP_DATA = 0x04,
    NET_APP_RESULT = 0x05, NET_APP_FILEINFO = 0x06, NET_APP_ENTRY = 0x07,
    NET_APP_CHAT_JOIN = 0x08, NET_APP_CHAT_SAY = 0x09, NET_APP_CHAT_LINE = 0x0a,
    NET_APP_ECHO = 0x0b, NET_APP_AUTH = 0x0c     /* AUTH: protocol version 2 only */
};

/* RESULT codes */
enum {
    NET_RES_OK = 0, NET_RES_EXISTS = 1, NET_RES_BAD_NAME = 2, NET_RES_NOT_FOUND = 3,
    NET_RES_HASH_MISMATCH = 4, NET_RES_TOO_LARGE = 5, NET_RES_IO_ERROR = 6,
    NET_RES_BAD_REQUEST = 7, NET_RES_QUOTA = 8, NET_RES_DENIED = 9
};

#define NET_APP_MAX_DATA  (NET_MAX_PLAINTEXT - 1)   /* DATA / ECHO payload */
#define NET_MAX_NAME      255
#define NET_MAX_NICK      32
#define NET_MAX_TEXT      1024
#define NET_PUT_OVERWRITE 0x01

/* A parsed message.  name is NUL-terminated after name_len bytes (a NUL
 * inside is possible until the name rules below have been applied);
 * data points into the parsed buffer (DATA/ECHO payload, RESULT and chat
 * text). */
struct net_app_msg {
    uint8_t kind;
    uint8_t flags;                 /* PUT */
    uint8_t code;                  /* RESULT */
    uint64_t size;                 /* PUT, FILEINFO, ENTRY */
    uint8_t sha256[32];            /* PUT, FILEINFO */
    char name[NET_MAX_NAME + 1];   /* PUT, GET, FILEINFO, ENTRY; nick of CHAT_JOIN/LINE */
    size_t name_len;
    const uint8_t *data;
    size_t data_len;
    const uint8_t *spki, *sig;     /* AUTH: the client's public key, its signature */
    size_t spki_len, sig_len;
};

/* Parses one message exactly (lengths add up, no trailing bytes, name
 * lengths in range).  CL_ERR_PROTOCOL with *alert = decode_error or
 * unexpected_message (unknown kind). */
cl_status net_app_parse(const uint8_t *msg, size_t len, struct net_app_msg *m, uint8_t *alert);

/* Encoders write into out (NET_MAX_PLAINTEXT bytes) and return the length,
 * or 0 if an argument is out of range. */
size_t net_app_put(uint8_t *out, uint8_t flags, uint64_t size, const uint8_t sha[32], const char *name);
size_t net_app_get(uint8_t *out, const char *name);
size_t net_app_list(uint8_t *out);
size_t net_app_data(uint8_t *out, uint8_t kind, const uint8_t *data, size_t len); /* DATA or ECHO */
size_t net_app_result(uint8_t *out, uint8_t code, const char *text);
size_t net_app_fileinfo(uint8_t *out, uint64_t size, const uint8_t sha[32], const char *name);
size_t net_app_entry(uint8_t *out, uint64_t size, const char *name);
size_t net_app_chat_join(uint8_t *out, const char *nick);
size_t net_app_chat_say(uint8_t *out, const char *text, size_t len);
size_t net_app_chat_line(uint8_t *out, const char *nick, const char *text, size_t len);
size_t net_app_auth(uint8_t *out, const uint8_t *spki, size_t spki_len, const uint8_t *sig, size_t sig_len);

/* §9 text rules.  All three: well-formed UTF-8 without C0/C1 control
 * characters, DEL, bidirectional formatting characters (U+061C, U+200E,
 * U+200F, U+202A..U+202E, U+2066..U+2069) or line/paragraph separators
 * (U+2028, U+2029).  File names: 1..255 bytes, no '/' or '\\', not
 * starting with '.'.  Nicks: 1..32 bytes, not "*" (the server's notices).
 * Chat lines (CHAT_SAY): 1..1024 bytes, one line.  Return 1 if acceptable. */
int net_file_name_ok(const char *name, size_t len);
int net_nick_ok(const char *nick, size_t len);
int net_chat_text_ok(const uint8_t *text, size_t len);

/* "ok", "exists", ... */
const char *net_result_name(uint8_t code);

#endif
