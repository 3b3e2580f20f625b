/*
 * net/keylog.h -- CRYPTOLAB_KEYLOGFILE (docs/protocol.md §11): one line per
 * session, "CRYPTOLAB_SECRET <client_random> <server_random> <secret> <H1>",
 * for decrypting captures of one's own sessions.  Off unless the variable
 * is set.  This deliberately writes a secret: never enable it in production.
 */
#ifndef CRYPTOLAB_NET_KEYLOG_H
#define CRYPTOLAB_NET_KEYLOG_H

#include <stdint.h>
#include "common/status.h"

/* Formats the line (without newline) into out (4*64 + 20 bytes suffice). */
void net_keylog_line(char out[300], const uint8_t client_random[32], const uint8_t server_random[32],
                     const uint8_t secret[32], const uint8_t h1[32]);

/* Appends the line to $CRYPTOLAB_KEYLOGFILE (mode 0600) if it is set;
 * CL_OK when unset. */
cl_status net_keylog_write(const uint8_t client_random[32], const uint8_t server_random[32],
                           const uint8_t secret[32], const uint8_t h1[32]);

#endif
