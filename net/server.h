/*
 * net/server.h -- the file/chat/echo server behind bin/cryptolab-server:
 * one thread per connection (at most max_clients at once), each running
 * the server handshake and then the requests of docs/protocol.md §9.
 * Every connection has an idle timeout and a fixed memory budget (one
 * net_conn, one message buffer, one file buffer).  One log line per
 * connection event.
 */
#ifndef CRYPTOLAB_NET_SERVER_H
#define CRYPTOLAB_NET_SERVER_H

#include <stdio.h>
#include <stddef.h>
#include <stdint.h>
#include "common/status.h"
#include "rsa/rsa.h"

struct net_server_config {
    const char *dir;            /* the directory served */
    const rsa_key *key;         /* private key */
    const uint8_t *spki;        /* its SubjectPublicKeyInfo DER */
    size_t spki_len;
    int max_clients;            /* 0 = 256 */
    int timeout_ms;             /* idle/handshake timeout; 0 = 30000 */
    int verbose;                /* narrate the protocol steps in the log */
    const uint8_t *suites;      /* §3.5 suites accepted, preference order; NULL = GCM, CTR */
    size_t n_suites;
    FILE *log;                  /* NULL = stdout */
};

typedef struct net_server net_server;

/* Creates a listening TCP socket on addr:port (port 0: any free port);
 * *bound_port receives the port actually bound. */
cl_status net_listen(const char *addr, unsigned port, int *fd, unsigned *bound_port);

net_server *net_server_new(const struct net_server_config *cfg);
/* Accepts and serves connections until net_server_stop(); returns CL_OK
 * then (after the running connections ended). */
cl_status net_server_serve(net_server *s, int listen_fd);
/* May be called from another thread (not from a signal handler). */
void net_server_stop(net_server *s);
void net_server_free(net_server *s);

#endif
