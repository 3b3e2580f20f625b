/* net/server.c -- accept loop, one thread per connection, request dispatch. */
#include <errno.h>
#include <poll.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include "net/server_internal.h"
#include "net/io.h"

void srv_log(struct net_client *cl, const char *fmt, ...)
{
    net_server *s = cl->srv;
    char msg[1200], stamp[32];
    time_t now = time(NULL);
    struct tm tm;
    gmtime_r(&now, &tm);
    strftime(stamp, sizeof stamp, "%Y-%m-%dT%H:%M:%SZ", &tm);
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    FILE *f = s->cfg.log ? s->cfg.log : stdout;
    pthread_mutex_lock(&s->log_lock);
    fprintf(f, "%s conn %u %s: %s\n", stamp, cl->id, cl->peer, msg);
    fflush(f);
    pthread_mutex_unlock(&s->log_lock);
}

static void narrate(void *arg, const char *line)
{
    srv_log(arg, "%s", line);
}

cl_status srv_result(struct net_client *cl, uint8_t code, const char *text)
{
    size_t n = net_app_result(cl->out, code, text);
    return net_send(cl->c, cl->out, n);
}

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
        close(fd);
        return CL_ERR_SOCKET;
    }
    socklen_t sl = sizeof sa;
    getsockname(fd, (struct sockaddr *)&sa, &sl);
    if (bound_port) *bound_port = ntohs(sa.sin_port);
    *fd_out = fd;
    return CL_OK;
}

net_server *net_server_new(const struct net_server_config *cfg)
{
    if (!cfg || !cfg->dir || !cfg->key || !cfg->spki) return NULL;
    net_server *s = calloc(1, sizeof *s);
    if (!s) return NULL;
    s->cfg = *cfg;
    if (s->cfg.max_clients <= 0) s->cfg.max_clients = 256;
    if (s->cfg.timeout_ms <= 0) s->cfg.timeout_ms = 30000;
    pthread_mutex_init(&s->lock, NULL);
    pthread_mutex_init(&s->log_lock, NULL);
    pthread_cond_init(&s->idle, NULL);
    return s;
}

void net_server_stop(net_server *s)
{
    s->stop = 1;
}

void net_server_free(net_server *s)
{
    if (!s) return;
    pthread_mutex_destroy(&s->lock);
    pthread_mutex_destroy(&s->log_lock);
    pthread_cond_destroy(&s->idle);
    free(s);
}

/* The requests of one connection, in order (docs/protocol.md §9). */
static cl_status serve_requests(struct net_client *cl)
{
    for (;;) {
        size_t len;
        cl_status st = net_recv(cl->c, cl->msg, sizeof cl->msg, &len);
        if (st) return st;
        struct net_app_msg m;
        uint8_t alert;
        st = net_app_parse(cl->msg, len, &m, &alert);
        if (st) { net_abort(cl->c, alert); return st; }
        switch (m.kind) {
        case NET_APP_PUT:       st = srv_put(cl, &m); break;
        case NET_APP_GET:       st = srv_get(cl, &m); break;
        case NET_APP_LIST:      st = srv_list(cl); break;
        case NET_APP_CHAT_JOIN: st = srv_chat(cl, &m); break;
        case NET_APP_ECHO:
            st = net_send(cl->c, cl->msg, len);
            break;
        default:
            srv_log(cl, "unexpected message kind 0x%02x", m.kind);
            net_abort(cl->c, NET_ALERT_UNEXPECTED_MESSAGE);
            return CL_ERR_PROTOCOL;
        }
        if (st) return st;
    }
}

static void *client_thread(void *arg)
{
    struct net_client *cl = arg;
    net_server *s = cl->srv;
    struct net_options o;
    memset(&o, 0, sizeof o);
    o.timeout_ms = s->cfg.timeout_ms;
    o.suites = s->cfg.suites;
    o.n_suites = s->cfg.n_suites;
    if (s->cfg.verbose) { o.log = narrate; o.log_arg = cl; }
    cl->c = net_conn_new(cl->fd, 1, &o);
    if (!cl->c) {
        srv_log(cl, "out of memory");
    } else {
        cl_status st = net_server_handshake(cl->c, s->cfg.key, s->cfg.spki, s->cfg.spki_len);
        if (st) {
            srv_log(cl, "handshake failed: %s", net_conn_error(cl->c));
        } else {
            srv_log(cl, "handshake ok: %s", net_suite_name(net_conn_suite(cl->c)));
            st = serve_requests(cl);
            if (st == CL_ERR_CLOSED)
                srv_log(cl, "closed (close_notify)");
            else
                srv_log(cl, "connection ended: %s", net_conn_error(cl->c));
        }
        net_conn_free(cl->c);
    }
    net_linger_close(cl->fd);
    pthread_mutex_lock(&s->lock);
    s->active--;
    pthread_cond_broadcast(&s->idle);
    pthread_mutex_unlock(&s->lock);
    free(cl);
    return NULL;
}

cl_status net_server_serve(net_server *s, int lfd)
{
    pthread_attr_t attr;
    pthread_attr_init(&attr);
    pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
    pthread_attr_setstacksize(&attr, 256 * 1024);
    while (!s->stop) {
        struct pollfd p = { .fd = lfd, .events = POLLIN, .revents = 0 };
        if (poll(&p, 1, 500) <= 0) continue;
        struct sockaddr_in sa;
        socklen_t sl = sizeof sa;
        int fd = accept4(lfd, (struct sockaddr *)&sa, &sl, SOCK_CLOEXEC);
        if (fd < 0) {
            if (errno == EMFILE || errno == ENFILE || errno == ENOMEM || errno == ENOBUFS)
                poll(NULL, 0, 100);          /* out of descriptors: let connections end */
            continue;
        }
        int one = 1;
        setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
        struct net_client *cl = calloc(1, sizeof *cl);
        if (!cl) { close(fd); continue; }
        cl->srv = s;
        cl->fd = fd;
        char ip[INET_ADDRSTRLEN] = "?";
        inet_ntop(AF_INET, &sa.sin_addr, ip, sizeof ip);
        snprintf(cl->peer, sizeof cl->peer, "%s:%u", ip, ntohs(sa.sin_port));
        pthread_mutex_lock(&s->lock);
        cl->id = ++s->next_id;
        int full = s->active >= s->cfg.max_clients;
        if (!full) s->active++;
        int active = s->active;
        pthread_mutex_unlock(&s->lock);
        if (full) {
            srv_log(cl, "refused: %d clients connected (--max-clients)", s->cfg.max_clients);
            close(fd);
            free(cl);
            continue;
        }
        srv_log(cl, "accepted (%d active)", active);
        pthread_t t;
        if (pthread_create(&t, &attr, client_thread, cl) != 0) {
            srv_log(cl, "cannot start a thread; closed");
            close(fd);
            free(cl);
            pthread_mutex_lock(&s->lock);
            s->active--;
            pthread_mutex_unlock(&s->lock);
        }
    }
    pthread_attr_destroy(&attr);
    pthread_mutex_lock(&s->lock);
    while (s->active > 0) pthread_cond_wait(&s->idle, &s->lock);
    pthread_mutex_unlock(&s->lock);
    return CL_OK;
}
