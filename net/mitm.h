/*
 * net/mitm.h -- what the man-in-the-middle lab (bin/cryptolab-mitm) needs
 * from the protocol beyond net.h: a readable, one-line description of an
 * application message (docs/protocol.md §9), so that the proxy can show
 * the traffic it decrypted ("PUT secret.txt (21 bytes, SHA-256 ...)",
 * "CHAT_SAY \"hello\"").
 *
 * Added by the viz/MITM work as a separate file so as not to touch the
 * net module's own files; it parses with net_app_parse() (net/app.h).
 * CT: no (it prints what it is given; only ever used on traffic that the
 * proxy has already decrypted, which is the point of the lab).
 */
#ifndef CRYPTOLAB_NET_MITM_H
#define CRYPTOLAB_NET_MITM_H

#include <stddef.h>
#include <stdint.h>
#include "common/status.h"

/* "PUT", ..., "ECHO", or "unknown". */
const char *net_msg_name(uint8_t kind);

/* Writes a one-line description of the message msg[0..len) into out (NUL-
 * terminated, truncated to cap).  Text and file contents are shown between
 * quotes with C escapes for non-printable bytes, at most `show` bytes of
 * them (then "..." and the total).  A message that does not parse exactly
 * is described as such and CL_ERR_PROTOCOL is returned (out still filled).
 * CL_ERR_BAD_ARGUMENT if out is NULL or cap is 0. */
cl_status net_msg_describe(const uint8_t *msg, size_t len, size_t show, char *out, size_t cap);

#endif
