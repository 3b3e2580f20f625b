/*
 * net/server.h -- the file/chat/echo server behind bin/cryptolab-server.
 * The connection core (net/core.h) accepts, limits and stops; this module
 * is its handler: the server handshake under the handshake deadline, then
 * the requests of docs/protocol.md §9 under the idle timeout.  Every
 * connection has a fixed memory budget (one net_conn, one message buffer,
 * one file buffer; a chat member also its queue).  One log line per
 * connection event.
 */
#ifndef CRYPTOLAB_NET_SERVER_H
#define CRYPTOLAB_NET_SERVER_H

#include <stdio.h>
#include <stddef.h>
#include <stdint.h>
#include "common/status.h"
#include "net/auth.h"
#include "net/core.h"
#include "rsa/rsa.h"

/* What clients without an authorized key may do with files (--anonymous);
 * chat and echo are open to every connection. */
enum net_anonymous {
    NET_ANON_DEFAULT = 0,   /* NONE when users are given, FULL otherwise */
    NET_ANON_NONE,          /* nothing */
    NET_ANON_READ,          /* ls, get in DIR */
    NET_ANON_DROP,          /* put new files into DIR; no ls, no get, no overwrite */
    NET_ANON_FULL           /* ls, get, put, overwrite in DIR (a server without users) */
};

struct net_server_config {
    const char *dir;            /* the directory served */
    const rsa_key *key;         /* private key */
    const uint8_t *spki;        /* its SubjectPublicKeyInfo DER */
    size_t spki_len;
    int max_clients;            /* 0 = 1024 (net/core.h) */
    int max_per_address;        /* 0 = 32 */
    int timeout_ms;             /* idle timeout; 0 = 30000 */
    int handshake_ms;           /* accept -> handshake done; 0 = min(10000, timeout_ms) */
    int verbose;                /* narrate the protocol steps in the log */
    const uint8_t *suites;      /* §3.5 suites accepted, preference order; NULL = GCM, CTR */
    size_t n_suites;
    uint64_t max_file_size;     /* largest upload; 0 = 4 GiB */
    uint64_t quota;             /* bytes per area (a user's home, or DIR for anonymous
                                   uploads), uploads in flight included; 0 = no quota */
    const struct net_authorized *users;   /* authorized keys (§13); NULL = none */
    enum net_anonymous anonymous;
    FILE *log;                  /* NULL = stdout */
};

typedef struct net_server net_server;

/* Prepares the areas (creates DIR/NAME, mode 0700, for every user; removes
 * stale temporaries of ours, logged).  NULL on failure, the reason in err. */
net_server *net_server_new(const struct net_server_config *cfg, char *err, size_t cap);
/* Accepts and serves connections on listen_fd until a stop; then ends every
 * session (transfers aborted, close_notify sent), closes listen_fd and
 * returns CL_OK. */
cl_status net_server_serve(net_server *s, int listen_fd);
/* SIGINT/SIGTERM stop the server (net_core_catch_signals). */
cl_status net_server_catch_signals(net_server *s);
/* Async-signal-safe. */
void net_server_stop(net_server *s);
void net_server_free(net_server *s);

#endif
