/* net/core.c -- the accept loop and the connection table of net/core.h.
 *
 * The loop thread owns the listening socket, the sockets still waiting for
 * their first byte and the refused sockets being drained; each running
 * connection belongs to its handler thread.  The table of open connections
 * (for the limits, the deadlines and the stop) is shared, under `lock`,
 * which is only ever held to read or change the table. */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include "net/core.h"
#include "net/io.h"

#define ACCEPT_BURST   64      /* accepts per turn of the loop */
#define CLOSING_MAX    256     /* refused sockets drained at once (more: closed at once) */
#define CLOSING_MS     2000    /* how long a refused socket is drained */
#define CLOSING_BYTES  65536   /* ... and at most this much */
#define CUT_GRACE_MS   2000    /* backstop after the handshake deadline: the handler's own alert goes first */
#define PAUSE_MS       100     /* out of descriptors: stop accepting for a moment */

enum { WAITING, RUNNING };

struct net_core_conn {
    net_core *core;
    unsigned id;
    int fd;
    int state;               /* WAITING: the loop polls it; RUNNING: a thread serves it */
    int established;         /* net_core_established() was called */
    int cut;                 /* the core shut the socket down (deadline or stop) */
    int64_t deadline;        /* accept time + handshake_ms */
    uint8_t addr[17];        /* family byte, then the source address (IPv4: 4 bytes) */
    char peer[64];           /* "ADDR:PORT" for the log */
};

/* A refused socket: our words are sent, our side is shut down; we read
 * (and discard) what the peer still sends until it closes, so that the
 * kernel does not answer its bytes with a reset that destroys our words. */
struct closing {
    int fd;
    int64_t until;
    size_t drained;
};

struct net_core {
    struct net_core_config cfg;
    pthread_attr_t attr;             /* handler threads: detached, small stack */
    pthread_mutex_t lock;            /* conns, n_conns, stats */
    pthread_cond_t ended;            /* a connection left the table */
    net_core_conn **conns;           /* the open connections, max_clients slots */
    int n_conns;
    struct net_core_stats stats;
    atomic_int stopping;
    atomic_int stop_signal;
    int wake[2];                     /* self-pipe: net_core_stop() writes, the loop reads */
    /* loop thread only */
    unsigned next_id;
    struct closing closing[CLOSING_MAX];
    int n_closing;
    struct pollfd *pfd;              /* the poll set of one turn */
    net_core_conn **pconn;           /* the waiting connection of each pfd entry */
    int64_t pause_until;             /* accepting paused (EMFILE) until then */
};

/* ------------------------------------------------------------------ helpers */

static void core_log(net_core *core, const net_core_conn *cc, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static void core_log(net_core *core, const net_core_conn *cc, const char *fmt, ...)
{
    if (!core->cfg.log) return;
    char line[256];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(line, sizeof line, fmt, ap);
    va_end(ap);
    core->cfg.log(core->cfg.arg, cc ? cc->id : 0, cc ? cc->peer : "-", line);
}

static void set_nonblocking(int fd)
{
    int fl = fcntl(fd, F_GETFL);
    if (fl >= 0) fcntl(fd, F_SETFL, fl | O_NONBLOCK);
}

/* The source address as a comparable key, and "ADDR:PORT". */
static void describe_peer(const struct sockaddr_storage *sa, uint8_t key[17], char *peer, size_t cap)
{
    char ip[INET6_ADDRSTRLEN] = "?";
    unsigned port = 0;
    memset(key, 0, 17);
    if (sa->ss_family == AF_INET) {
        const struct sockaddr_in *s4 = (const struct sockaddr_in *)sa;
        key[0] = 4;
        memcpy(key + 1, &s4->sin_addr, 4);
        inet_ntop(AF_INET, &s4->sin_addr, ip, sizeof ip);
        port = ntohs(s4->sin_port);
    } else if (sa->ss_family == AF_INET6) {
        const struct sockaddr_in6 *s6 = (const struct sockaddr_in6 *)sa;
        if (IN6_IS_ADDR_V4MAPPED(&s6->sin6_addr)) {          /* ::ffff:a.b.c.d is a.b.c.d */
            key[0] = 4;
            memcpy(key + 1, s6->sin6_addr.s6_addr + 12, 4);
            inet_ntop(AF_INET, key + 1, ip, sizeof ip);
        } else {
            key[0] = 6;
            memcpy(key + 1, &s6->sin6_addr, 16);
            inet_ntop(AF_INET6, &s6->sin6_addr, ip, sizeof ip);
        }
        port = ntohs(s6->sin6_port);
    }
    snprintf(peer, cap, key[0] == 6 ? "[%s]:%u" : "%s:%u", ip, port);
}

/* Removes cc from the table (lock held). */
static void table_remove(net_core *core, net_core_conn *cc)
{
    for (int i = 0; i < core->n_conns; i++)
        if (core->conns[i] == cc) {
            core->conns[i] = core->conns[--core->n_conns];
            break;
        }
    if (cc->state == RUNNING) core->stats.running--;
    core->stats.active = core->n_conns;
    pthread_cond_broadcast(&core->ended);
}

/* ------------------------------------------------------------------ refusing */

/* Sends the protocol's words for `why` without waiting, shuts our side
 * down and keeps the socket for a short drain (or closes it if too many
 * are being drained already). */
static void refuse(net_core *core, int fd, net_core_refusal why)
{
    uint8_t words[256];
    size_t n = core->cfg.refuse ? core->cfg.refuse(core->cfg.arg, why, words, sizeof words) : 0;
    if (n > sizeof words) n = 0;
    if (n) (void)send(fd, words, n, MSG_DONTWAIT | MSG_NOSIGNAL);
    shutdown(fd, SHUT_WR);
    if (why == NET_CORE_STOPPING || core->n_closing >= CLOSING_MAX) {
        close(fd);
        return;
    }
    set_nonblocking(fd);
    core->closing[core->n_closing++] = (struct closing){ fd, net_now_ms() + CLOSING_MS, 0 };
}

/* Reads what a refused peer still sends; 1 when the socket can be closed. */
static int drain(struct closing *z)
{
    uint8_t junk[4096];
    for (;;) {
        ssize_t r = recv(z->fd, junk, sizeof junk, MSG_DONTWAIT);
        if (r > 0) {
            z->drained += (size_t)r;
            if (z->drained > CLOSING_BYTES) return 1;
            continue;
        }
        if (r < 0 && errno == EINTR) continue;
        return !(r < 0 && (errno == EAGAIN || errno == EWOULDBLOCK));   /* EOF or error: done */
    }
}

/* ------------------------------------------------------------------ admitting */

/* Decides about a new connection: admitted (in the table, WAITING) or refused. */
static void admit(net_core *core, int fd, const struct sockaddr_storage *sa)
{
    net_core_conn *cc = calloc(1, sizeof *cc);
    if (!cc) { close(fd); return; }
    cc->core = core;
    cc->fd = fd;
    cc->id = ++core->next_id;
    describe_peer(sa, cc->addr, cc->peer, sizeof cc->peer);
    cc->deadline = net_now_ms() + core->cfg.handshake_ms;
    int one = 1;
    setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);

    pthread_mutex_lock(&core->lock);
    int same = 0;
    for (int i = 0; i < core->n_conns; i++)
        if (memcmp(core->conns[i]->addr, cc->addr, sizeof cc->addr) == 0) same++;
    int full = core->n_conns >= core->cfg.max_clients;
    int crowded = !full && same >= core->cfg.max_per_address;
    if (full) core->stats.refused_full++;
    else if (crowded) core->stats.refused_address++;
    else {
        core->conns[core->n_conns++] = cc;
        core->stats.active = core->n_conns;
        core->stats.accepted++;
        if (core->n_conns > core->stats.peak) core->stats.peak = core->n_conns;
    }
    int active = core->n_conns;
    pthread_mutex_unlock(&core->lock);

    if (full) {
        core_log(core, cc, "refused: %d connections open, the server is full", core->cfg.max_clients);
        refuse(core, fd, NET_CORE_FULL);
    } else if (crowded) {
        core_log(core, cc, "refused: %d connections from this address already (per-address limit)", same);
        refuse(core, fd, NET_CORE_PER_ADDRESS);
    } else {
        core_log(core, cc, "accepted (%d active)", active);
        return;
    }
    free(cc);
}

static void accept_some(net_core *core, int lfd)
{
    for (int i = 0; i < ACCEPT_BURST; i++) {
        struct sockaddr_storage sa;
        socklen_t sl = sizeof sa;
        int fd = accept4(lfd, (struct sockaddr *)&sa, &sl, SOCK_CLOEXEC);
        if (fd >= 0) { admit(core, fd, &sa); continue; }
        if (errno == EINTR || errno == ECONNABORTED) continue;
        if (errno == EMFILE || errno == ENFILE || errno == ENOBUFS || errno == ENOMEM) {
            if (core->pause_until == 0)
                core_log(core, NULL, "out of file descriptors: accepting paused until connections end");
            core->pause_until = net_now_ms() + PAUSE_MS;
        }
        return;                                   /* EAGAIN: nothing more to accept */
    }
}

/* ------------------------------------------------------------------ running */

static void *conn_thread(void *arg)
{
    net_core_conn *cc = arg;
    net_core *core = cc->core;
    core->cfg.handler(core->cfg.arg, cc);
    net_linger(cc->fd);                           /* our last words arrive, not a reset */
    pthread_mutex_lock(&core->lock);
    table_remove(core, cc);
    pthread_mutex_unlock(&core->lock);
    close(cc->fd);                                /* only now: nobody may shut down a reused fd */
    free(cc);
    return NULL;
}

/* The first byte of a waiting connection arrived: its handler starts. */
static void start(net_core *core, net_core_conn *cc)
{
    uint8_t b;
    ssize_t r = recv(cc->fd, &b, 1, MSG_PEEK | MSG_DONTWAIT);
    int gone = r == 0 || (r < 0 && errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR);
    pthread_mutex_lock(&core->lock);
    if (gone) table_remove(core, cc);
    else { cc->state = RUNNING; core->stats.running++; }
    pthread_mutex_unlock(&core->lock);
    if (gone) {
        core_log(core, cc, "closed before sending anything");
        close(cc->fd);
        free(cc);
        return;
    }
    pthread_t t;
    if (pthread_create(&t, &core->attr, conn_thread, cc) == 0) return;
    core_log(core, cc, "refused: cannot start a thread");
    pthread_mutex_lock(&core->lock);
    table_remove(core, cc);
    core->stats.refused_full++;
    pthread_mutex_unlock(&core->lock);
    refuse(core, cc->fd, NET_CORE_FULL);
    free(cc);
}

/* ------------------------------------------------------------------ deadlines */

/* Waiting connections past their deadline are refused (TIMEOUT); running
 * ones that have not finished their handshake CUT_GRACE_MS later are cut;
 * drained sockets past their time are closed.  Returns the milliseconds
 * until the next deadline (at most 1000). */
static int expire(net_core *core, int64_t now)
{
    int64_t next = now + 1000;
    net_core_conn *late[ACCEPT_BURST];
    int n_late = 0;
    pthread_mutex_lock(&core->lock);
    for (int i = 0; i < core->n_conns; i++) {
        net_core_conn *cc = core->conns[i];
        if (cc->state == WAITING && cc->deadline <= now && n_late < ACCEPT_BURST) {
            late[n_late++] = cc;
            table_remove(core, cc);
            core->stats.timed_out++;
            i--;                                  /* table_remove moved the last entry here */
            continue;
        }
        if (cc->state == WAITING && cc->deadline < next) next = cc->deadline;
        if (cc->state == RUNNING && !cc->established && !cc->cut) {
            if (cc->deadline + CUT_GRACE_MS <= now) {
                shutdown(cc->fd, SHUT_RDWR);      /* the handler's reads and writes fail now */
                cc->cut = 1;
                core->stats.cut++;
            } else if (cc->deadline + CUT_GRACE_MS < next) {
                next = cc->deadline + CUT_GRACE_MS;
            }
        }
    }
    pthread_mutex_unlock(&core->lock);
    for (int i = 0; i < n_late; i++) {
        core_log(core, late[i], "timed out before the handshake (no data)");
        refuse(core, late[i]->fd, NET_CORE_TIMEOUT);
        free(late[i]);
    }
    for (int i = 0; i < core->n_closing; i++) {
        if (core->closing[i].until <= now) {
            close(core->closing[i].fd);
            core->closing[i--] = core->closing[--core->n_closing];
        } else if (core->closing[i].until < next) {
            next = core->closing[i].until;
        }
    }
    if (core->pause_until && core->pause_until < next) next = core->pause_until;
    return next <= now ? 0 : (int)(next - now);
}

/* ------------------------------------------------------------------ stopping */

static void stop_all(net_core *core, int lfd)
{
    close(lfd);                                   /* no more connections */
    int sig = atomic_load(&core->stop_signal);
    pthread_mutex_lock(&core->lock);
    int open = core->n_conns;
    pthread_mutex_unlock(&core->lock);
    if (sig) core_log(core, NULL, "stopping (%s): %d connection(s) open", sig == SIGINT ? "SIGINT" :
                      sig == SIGTERM ? "SIGTERM" : "signal", open);
    else core_log(core, NULL, "stopping: %d connection(s) open", open);

    /* Waiting sockets get the STOPPING words; running ones lose their read
     * side: the handler sees end of stream and net_core_stopping(). */
    for (;;) {
        net_core_conn *w = NULL;
        pthread_mutex_lock(&core->lock);
        for (int i = 0; i < core->n_conns && !w; i++)
            if (core->conns[i]->state == WAITING) { w = core->conns[i]; table_remove(core, w); }
        if (!w)
            for (int i = 0; i < core->n_conns; i++)
                if (!core->conns[i]->cut) { shutdown(core->conns[i]->fd, SHUT_RD); core->conns[i]->cut = 1; }
        pthread_mutex_unlock(&core->lock);
        if (!w) break;
        refuse(core, w->fd, NET_CORE_STOPPING);
        free(w);
    }
    for (int i = 0; i < core->n_closing; i++) close(core->closing[i].fd);
    core->n_closing = 0;

    /* Wait for the handlers; after the grace, cut their write side too. */
    struct timespec until;
    clock_gettime(CLOCK_REALTIME, &until);
    until.tv_sec += core->cfg.stop_grace_ms / 1000;
    until.tv_nsec += (long)(core->cfg.stop_grace_ms % 1000) * 1000000L;
    if (until.tv_nsec >= 1000000000L) { until.tv_sec++; until.tv_nsec -= 1000000000L; }
    pthread_mutex_lock(&core->lock);
    while (core->n_conns > 0 && pthread_cond_timedwait(&core->ended, &core->lock, &until) == 0) {}
    if (core->n_conns > 0) {
        for (int i = 0; i < core->n_conns; i++) shutdown(core->conns[i]->fd, SHUT_RDWR);
        while (core->n_conns > 0) pthread_cond_wait(&core->ended, &core->lock);
    }
    pthread_mutex_unlock(&core->lock);
    core_log(core, NULL, "stopped");
}

/* ------------------------------------------------------------------ the loop */

cl_status net_core_run(net_core *core, int lfd)
{
    if (!core || lfd < 0) return CL_ERR_BAD_ARGUMENT;
    set_nonblocking(lfd);
    while (!atomic_load(&core->stopping)) {
        /* 1. what to wait for: the stop pipe, the listener, the sockets
         *    waiting for their first byte, the refused sockets draining */
        int64_t now = net_now_ms();
        int timeout = expire(core, now);
        if (core->pause_until && core->pause_until <= now) core->pause_until = 0;
        int n = 0;
        core->pfd[n++] = (struct pollfd){ .fd = core->wake[0], .events = POLLIN };
        core->pfd[n++] = (struct pollfd){ .fd = core->pause_until ? -1 : lfd, .events = POLLIN };
        int first_conn = n;
        pthread_mutex_lock(&core->lock);
        for (int i = 0; i < core->n_conns; i++)
            if (core->conns[i]->state == WAITING) {
                core->pconn[n] = core->conns[i];
                core->pfd[n++] = (struct pollfd){ .fd = core->conns[i]->fd, .events = POLLIN };
            }
        pthread_mutex_unlock(&core->lock);
        int first_closing = n;
        for (int i = 0; i < core->n_closing; i++)
            core->pfd[n++] = (struct pollfd){ .fd = core->closing[i].fd, .events = POLLIN };

        /* 2. wait */
        if (poll(core->pfd, (nfds_t)n, timeout) < 0) {
            if (errno == EINTR) continue;
            core_log(core, NULL, "poll failed: %s", strerror(errno));
            break;
        }
        if (core->pfd[0].revents) break;          /* net_core_stop() */

        /* 3. first bytes: handlers start */
        for (int i = first_conn; i < first_closing; i++)
            if (core->pfd[i].revents) start(core, core->pconn[i]);

        /* 4. refused sockets: drain, close at end of stream */
        for (int i = core->n_closing - 1; i >= 0; i--)
            if (core->pfd[first_closing + i].revents && drain(&core->closing[i])) {
                close(core->closing[i].fd);
                core->closing[i] = core->closing[--core->n_closing];
            }

        /* 5. new connections */
        if (core->pfd[1].revents) accept_some(core, lfd);
    }
    atomic_store(&core->stopping, 1);
    stop_all(core, lfd);
    return CL_OK;
}

/* ------------------------------------------------------------------ signals */

static int signal_wake_fd = -1;
static net_core *signal_core;

static void on_signal(int sig)
{
    int saved = errno;                            /* async-signal-safe: atomics and write() only */
    if (signal_core) {
        atomic_store(&signal_core->stop_signal, sig);
        atomic_store(&signal_core->stopping, 1);
    }
    if (signal_wake_fd >= 0) { char b = 1; ssize_t r = write(signal_wake_fd, &b, 1); (void)r; }
    errno = saved;
}

cl_status net_core_catch_signals(net_core *core)
{
    if (!core) return CL_ERR_NULL_POINTER;
    signal_core = core;
    signal_wake_fd = core->wake[1];
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_signal;
    sigemptyset(&sa.sa_mask);
    sa.sa_flags = SA_RESTART;
    if (sigaction(SIGINT, &sa, NULL) != 0 || sigaction(SIGTERM, &sa, NULL) != 0) return CL_ERR_BAD_ARGUMENT;
    signal(SIGPIPE, SIG_IGN);
    return CL_OK;
}

void net_core_stop(net_core *core)
{
    if (!core) return;
    atomic_store(&core->stopping, 1);
    char b = 1;
    ssize_t r = write(core->wake[1], &b, 1);
    (void)r;
}

int net_core_stop_signal(const net_core *core)
{
    return core ? atomic_load(&((net_core *)core)->stop_signal) : 0;
}

/* ------------------------------------------------------------------ lifetime */

net_core *net_core_new(const struct net_core_config *cfg)
{
    if (!cfg || !cfg->handler) return NULL;
    net_core *core = calloc(1, sizeof *core);
    if (!core) return NULL;
    core->cfg = *cfg;
    struct net_core_config *c = &core->cfg;
    if (c->max_clients <= 0) c->max_clients = 1024;
    if (c->max_per_address <= 0) c->max_per_address = 32;
    if (c->max_per_address > c->max_clients) c->max_per_address = c->max_clients;
    if (c->handshake_ms <= 0) c->handshake_ms = 10000;
    if (c->stop_grace_ms <= 0) c->stop_grace_ms = 5000;
    if (c->stack_size == 0) c->stack_size = 256 * 1024;
    size_t slots = (size_t)c->max_clients + CLOSING_MAX + 2;
    core->conns = calloc((size_t)c->max_clients, sizeof *core->conns);
    core->pfd = calloc(slots, sizeof *core->pfd);
    core->pconn = calloc(slots, sizeof *core->pconn);
    if (!core->conns || !core->pfd || !core->pconn || pipe2(core->wake, O_CLOEXEC | O_NONBLOCK) != 0) {
        free(core->conns); free(core->pfd); free(core->pconn); free(core);
        return NULL;
    }
    pthread_mutex_init(&core->lock, NULL);
    pthread_cond_init(&core->ended, NULL);
    pthread_attr_init(&core->attr);
    pthread_attr_setdetachstate(&core->attr, PTHREAD_CREATE_DETACHED);
    pthread_attr_setstacksize(&core->attr, c->stack_size);
    atomic_init(&core->stopping, 0);
    atomic_init(&core->stop_signal, 0);
    return core;
}

void net_core_get_stats(net_core *core, struct net_core_stats *st)
{
    pthread_mutex_lock(&core->lock);
    *st = core->stats;
    pthread_mutex_unlock(&core->lock);
}

void net_core_free(net_core *core)
{
    if (!core) return;
    if (signal_core == core) { signal_wake_fd = -1; signal_core = NULL; }
    pthread_attr_destroy(&core->attr);
    pthread_mutex_destroy(&core->lock);
    pthread_cond_destroy(&core->ended);
    close(core->wake[0]);
    close(core->wake[1]);
    free(core->conns);
    free(core->pfd);
    free(core->pconn);
    free(core);
}

/* ------------------------------------------------------------------ for handlers */

int net_core_conn_fd(const net_core_conn *cc) { return cc->fd; }
unsigned net_core_conn_id(const net_core_conn *cc) { return cc->id; }
const char *net_core_conn_peer(const net_core_conn *cc) { return cc->peer; }
int64_t net_core_handshake_deadline(const net_core_conn *cc) { return cc->deadline; }
int net_core_stopping(const net_core_conn *cc) { return atomic_load(&cc->core->stopping); }

void net_core_established(net_core_conn *cc)
{
    pthread_mutex_lock(&cc->core->lock);
    cc->established = 1;
    pthread_mutex_unlock(&cc->core->lock);
}

/* ------------------------------------------------------------------ listening */

cl_status net_listen(const char *addr, unsigned port, int *fd_out, unsigned *bound_port)
{
    if (!addr || !fd_out) return CL_ERR_NULL_POINTER;
    if (port > 65535) return CL_ERR_BAD_ARGUMENT;
    struct sockaddr_in sa;
    memset(&sa, 0, sizeof sa);
    sa.sin_family = AF_INET;
    sa.sin_port = htons((uint16_t)port);
    if (inet_pton(AF_INET, addr, &sa.sin_addr) != 1) return CL_ERR_BAD_ARGUMENT;
    int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd < 0) return CL_ERR_SOCKET;
    int one = 1;
    setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    if (bind(fd, (struct sockaddr *)&sa, sizeof sa) != 0 || listen(fd, 1024) != 0) {
        int e = errno;
        close(fd);
        errno = e;
        return CL_ERR_SOCKET;
    }
    socklen_t sl = sizeof sa;
    getsockname(fd, (struct sockaddr *)&sa, &sl);
    if (bound_port) *bound_port = ntohs(sa.sin_port);
    *fd_out = fd;
    return CL_OK;
}
