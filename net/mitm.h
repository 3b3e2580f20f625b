/*
 * net/mitm.h -- what the man-in-the-middle lab (bin/cryptolab-mitm) needs
 * from the protocol beyond net.h: a readable, one-line description of an
 * application message (docs/protocol.md §9), so that the proxy can show
 * the traffic it decrypted ("PUT secret.txt (21 bytes, SHA-256 ...)",
 * "CHAT_SAY \"hello\"").
 *
 * Added by the viz/MITM work as a separate file so as not to touch the
 * net module's own files; the layout of §9 is all it knows.
 * CT: no (it prints what it is given; only ever used on traffic that the
 * proxy has already decrypted, which is the point of the lab).
 */
#ifndef CRYPTOLAB_NET_MITM_H
#define CRYPTOLAB_NET_MITM_H

#include <stddef.h>
#include <stdint.h>
#include "common/status.h"

/* §9 message kinds */
enum {
    NET_MSG_PUT = 0x01, NET_MSG_GET = 0x02, NET_MSG_LIST = 0x03, NET_MSG_DATA = 0x04,
    NET_MSG_RESULT = 0x05, NET_MSG_FILEINFO = 0x06, NET_MSG_ENTRY = 0x07,
    NET_MSG_CHAT_JOIN = 0x08, NET_MSG_CHAT_SAY = 0x09, NET_MSG_CHAT_LINE = 0x0a,
    NET_MSG_ECHO = 0x0b
};

/* "PUT", ..., "ECHO", or "unknown". */
const char *net_msg_name(uint8_t kind);

/* Writes a one-line description of the message msg[0..len) into out (NUL-
 * terminated, truncated to cap).  Text and file contents are shown between
 * quotes with C escapes for non-printable bytes, at most `show` bytes of
 * them (then "..." and the total).  A message that does not parse exactly
 * is described as such and CL_ERR_PROTOCOL is returned (out still filled). */
cl_status net_msg_describe(const uint8_t *msg, size_t len, size_t show, char *out, size_t cap);

#endif
