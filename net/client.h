/*
 * net/client.h -- the client side of the application protocol
 * (docs/protocol.md §9) on an established connection: send and fetch
 * files with their SHA-256 checked end to end, list, chat, echo.
 * Used by bin/cryptolab-client; all protocol logic is here.
 */
#ifndef CRYPTOLAB_NET_CLIENT_H
#define CRYPTOLAB_NET_CLIENT_H

#include <stdio.h>
#include <stdint.h>
#include "common/status.h"
#include "net/net.h"

/* Opens a TCP connection to host:port (name or address, IPv4/IPv6). */
cl_status net_connect(const char *host, unsigned port, int *fd);

/* Called after every chunk: done of total bytes. */
typedef void (*net_progress_fn)(void *arg, uint64_t done, uint64_t total);

/* For every function: reply (cap bytes) receives the server's RESULT text,
 * or a description of what failed.  CL_ERR_REFUSED when the server said
 * no (file exists, bad name, not found, ...). */

/* put: sends the file at path under the name remote (NULL: the file's
 * base name); overwrite asks the server to replace an existing file. */
cl_status net_client_put(net_conn *c, const char *path, const char *remote, int overwrite,
                         net_progress_fn progress, void *arg, char *reply, size_t cap);

/* get: fetches name into out_path (NULL: name in the current directory),
 * through a temporary file renamed only when the SHA-256 matches
 * (CL_ERR_HASH_MISMATCH otherwise, nothing left behind). */
cl_status net_client_get(net_conn *c, const char *name, const char *out_path,
                         net_progress_fn progress, void *arg, char *reply, size_t cap);

/* ls: prints "SIZE NAME" lines to out. */
cl_status net_client_list(net_conn *c, FILE *out, char *reply, size_t cap);

/* echo: sends everything read from in_fd, writes what comes back to out_fd. */
cl_status net_client_echo(net_conn *c, int in_fd, int out_fd, char *reply, size_t cap);

/* chat: joins as nick; lines read from in_fd are sent, lines from others
 * are printed to out as they arrive ("<nick> text", "* note"); ends at
 * end of input (orderly close) or when the server closes. */
cl_status net_client_chat(net_conn *c, const char *nick, int in_fd, FILE *out,
                          char *reply, size_t cap);

#endif
