/*
 * net/client.h -- the client side of the application protocol
 * (docs/protocol.md §9) on an established connection: send and fetch
 * files with their SHA-256 checked end to end, list, chat, echo.
 * Used by bin/cryptolab-client; all protocol logic is here.
 */
#ifndef CRYPTOLAB_NET_CLIENT_H
#define CRYPTOLAB_NET_CLIENT_H

#include <signal.h>
#include <stdio.h>
#include <stdint.h>
#include "common/status.h"
#include "net/net.h"
#include "rsa/rsa.h"

/* The temporary file of a download in progress, for a signal handler that
 * must remove it before the program dies (SIGINT, SIGTERM): path is valid
 * while active is 1.  unlink(2) is async-signal-safe. */
struct net_tmpfile {
    volatile sig_atomic_t active;
    char path[4096];
};

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

/* get: fetches name into out_path (NULL: name in the current directory;
 * written by common/outfile.h's rules: "-" is standard output, a device or
 * FIFO is written in place), a regular file through a temporary moved into
 * place only when the SHA-256 matches (CL_ERR_HASH_MISMATCH otherwise,
 * nothing left behind).  An existing regular file is replaced only with
 * overwrite (otherwise CL_ERR_FILE_EXISTS, checked before anything is asked
 * and again, atomically, at the end).  tmp (may be NULL) shows the
 * temporary to a signal handler. */
cl_status net_client_get(net_conn *c, const char *name, const char *out_path, int overwrite,
                         struct net_tmpfile *tmp, net_progress_fn progress, void *arg,
                         char *reply, size_t cap);

/* Client authentication (docs/protocol.md §13; version-2 sessions): signs
 * the session hash with the identity key and sends AUTH.  CL_OK ("authenticated
 * as NAME" in reply), CL_ERR_AUTH_DENIED (key not authorized: the session
 * stays anonymous), CL_ERR_UNSUPPORTED (the server speaks version 1), or a
 * connection error (a bad signature ends the session with decrypt_error).
 * salt: NULL (fresh), or fixed for a known answer. */
cl_status net_client_auth(net_conn *c, const rsa_key *identity, const uint8_t *salt,
                          char *reply, size_t cap);

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
