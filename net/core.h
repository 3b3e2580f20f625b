/*
 * net/core.h -- the connection core shared by the servers of cryptolab:
 * bin/cryptolab-server (docs/protocol.md) and `cryptolab s_server` (TLS).
 * It knows nothing about either protocol; they plug in two callbacks.
 *
 * One thread, the accept loop (net_core_run), does everything that must
 * never wait for a client:
 *   1. accepts connections and admits or refuses each one: at most
 *      max_clients at once, at most max_per_address from one source address;
 *   2. watches each admitted socket until its first byte arrives (both
 *      protocols are client-first): an idle connection costs a descriptor and
 *      a small struct, no thread and no buffers;
 *   3. then runs the connection's handler in a thread of its own (small
 *      stack, detached); the handler may block as much as it likes;
 *   4. enforces the handshake deadline: a connection that has not called
 *      net_core_established() handshake_ms after its accept is cut (the
 *      socket is shut down, so the handler's reads and writes fail at once;
 *      a handler that watches its own deadline sends its alert first);
 *   5. refuses in the protocol's own words: the `refuse` callback returns
 *      the bytes to send (an alert); the core sends them without waiting,
 *      shuts its side down and drains the socket for a moment so that the
 *      words arrive instead of a reset;
 *   6. stops cleanly on net_core_stop() or, after net_core_catch_signals(),
 *      on SIGINT/SIGTERM: stops accepting (closes the listening socket),
 *      refuses the waiting sockets (NET_CORE_STOPPING), sets
 *      net_core_stopping() and shuts down the read side of every running
 *      connection: a handler waiting for its peer sees end of stream at once.
 *      (A peer that keeps sending still gets its bytes through -- Linux
 *      queues them after SHUT_RD -- so a handler must also look at
 *      net_core_stopping() between messages.)  Time to abort transfers and
 *      say goodbye.  Then it waits for the handlers (after stop_grace_ms it
 *      also shuts down their write side, so a send to a peer that never
 *      reads fails too).
 * The core's lock is held only to update its table: never while anyone
 * sends, receives or touches a file.
 *
 * A blocking handler, e.g. a TLS server:
 *
 *     static void serve_tls(void *arg, net_core_conn *cc)
 *     {
 *         int fd = net_core_conn_fd(cc);    // connected blocking TCP socket; do NOT close it
 *         // TLS handshake on fd, every read bounded by net_core_handshake_deadline(cc)
 *         net_core_established(cc);         // the handshake deadline no longer applies
 *         // requests, every read bounded by the handler's idle timeout
 *         // (the core cannot see inside a session: idle time is the handler's job)
 *         if (net_core_stopping(cc)) { ... send close_notify ... }
 *     }                                     // on return the core lingers and closes fd
 *
 *     static size_t tls_refuse(void *arg, net_core_refusal why, uint8_t *out, size_t cap)
 *     {   // e.g. a TLS alert record; return 0 to close without a word
 *     }
 *
 *     struct net_core_config cfg = { .handler = serve_tls, .refuse = tls_refuse, .arg = &srv };
 *     net_core *core = net_core_new(&cfg);
 *     int lfd; unsigned port;
 *     net_listen("127.0.0.1", 4433, &lfd, &port);
 *     net_core_catch_signals(core);         // SIGINT/SIGTERM -> clean stop, exit 0
 *     net_core_run(core, lfd);              // returns after the stop (lfd closed)
 *     net_core_free(core);
 *
 * Log lines (callback `log`, one per event, no newline): "accepted (N
 * active)", "refused: ...", "timed out before the handshake", "stopping
 * (SIGTERM): N connection(s) open", "stopped".
 */
#ifndef CRYPTOLAB_NET_CORE_H
#define CRYPTOLAB_NET_CORE_H

#include <stddef.h>
#include <stdint.h>
#include "common/status.h"

typedef struct net_core net_core;
typedef struct net_core_conn net_core_conn;

/* Why a connection is refused (what the refuse callback is asked to say). */
typedef enum {
    NET_CORE_FULL,          /* max_clients connections are open */
    NET_CORE_PER_ADDRESS,   /* max_per_address connections from this source address */
    NET_CORE_TIMEOUT,       /* no byte arrived before the handshake deadline */
    NET_CORE_STOPPING       /* the server is stopping */
} net_core_refusal;

/* Serves one admitted connection; runs in its own thread. */
typedef void (*net_core_handler_fn)(void *arg, net_core_conn *cc);
/* Writes the words of a refusal into out (cap >= 64 bytes) and returns
 * their length (0: close without a word).  Called from the accept loop:
 * must not block. */
typedef size_t (*net_core_refuse_fn)(void *arg, net_core_refusal why, uint8_t *out, size_t cap);
/* One log line about connection id (0: the server itself) from peer
 * ("ADDR:PORT", or "-"). */
typedef void (*net_core_log_fn)(void *arg, unsigned id, const char *peer, const char *line);

struct net_core_config {
    int max_clients;          /* connections open at once; 0 = 1024 */
    int max_per_address;      /* from one source address; 0 = 32 (capped at max_clients) */
    int handshake_ms;         /* accept -> net_core_established(); 0 = 10000 */
    int stop_grace_ms;        /* after a stop, how long handlers may take with only
                                 their read side cut; 0 = 5000 */
    int start_at_once;        /* 1: start the handler at the accept (server-first protocols) */
    size_t stack_size;        /* handler thread stack; 0 = 256 KiB */
    net_core_handler_fn handler;   /* required */
    net_core_refuse_fn refuse;     /* NULL: refused sockets are closed without a word */
    net_core_log_fn log;           /* NULL: silent */
    void *arg;                     /* passed to the three callbacks */
};

/* Counters since net_core_new (net_core_get_stats). */
struct net_core_stats {
    int active;                 /* open now (waiting for a first byte or running) */
    int running;                /* of which with a handler thread */
    int peak;                   /* most open at once */
    unsigned long accepted;     /* admitted */
    unsigned long refused_full, refused_address, timed_out, cut;  /* cut: deadline backstop */
};

/* Creates a listening TCP socket on addr:port (IPv4 dotted quad; port 0:
 * any free port); *bound_port receives the port actually bound. */
cl_status net_listen(const char *addr, unsigned port, int *fd, unsigned *bound_port);

/* NULL if cfg is invalid (no handler) or out of memory. */
net_core *net_core_new(const struct net_core_config *cfg);
/* Serves listen_fd until a stop; then closes listen_fd, ends every
 * connection as described above and returns CL_OK once no handler runs. */
cl_status net_core_run(net_core *core, int listen_fd);
/* Asks net_core_run to stop.  Async-signal-safe (one write to a pipe). */
void net_core_stop(net_core *core);
/* Makes SIGINT and SIGTERM call net_core_stop(core) (one core per process;
 * SA_RESTART).  Also ignores SIGPIPE. */
cl_status net_core_catch_signals(net_core *core);
/* The signal that stopped the core (0 if none, or net_core_stop()). */
int net_core_stop_signal(const net_core *core);
void net_core_get_stats(net_core *core, struct net_core_stats *st);
/* After net_core_run has returned. */
void net_core_free(net_core *core);

/* For handlers. */
int net_core_conn_fd(const net_core_conn *cc);
unsigned net_core_conn_id(const net_core_conn *cc);
const char *net_core_conn_peer(const net_core_conn *cc);     /* "127.0.0.2:51234" */
/* Absolute deadline of the handshake, in net_now_ms() time (net/io.h). */
int64_t net_core_handshake_deadline(const net_core_conn *cc);
/* The handshake is done: the deadline no longer applies. */
void net_core_established(net_core_conn *cc);
/* 1 once the server is stopping: the handler should end its session. */
int net_core_stopping(const net_core_conn *cc);

#endif
