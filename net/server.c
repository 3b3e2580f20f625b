/* net/server.c -- bin/cryptolab-server's side of the connection core
 * (net/core.h): the words of a refusal, and the handler of one connection:
 * handshake under the handshake deadline, then requests in order
 * (docs/protocol.md §9) under the idle timeout. */
#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <sys/stat.h>
#include "net/server_internal.h"
#include "net/io.h"

static void server_log(net_server *s, unsigned id, const char *peer, const char *msg)
{
    char stamp[32];
    time_t now = time(NULL);
    struct tm tm;
    gmtime_r(&now, &tm);
    strftime(stamp, sizeof stamp, "%Y-%m-%dT%H:%M:%SZ", &tm);
    FILE *f = s->cfg.log ? s->cfg.log : stdout;
    pthread_mutex_lock(&s->log_lock);
    if (id) fprintf(f, "%s conn %u %s: %s\n", stamp, id, peer, msg);
    else fprintf(f, "%s server: %s\n", stamp, msg);
    fflush(f);
    pthread_mutex_unlock(&s->log_lock);
}

void srv_log(struct net_client *cl, const char *fmt, ...)
{
    char msg[1200];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    server_log(cl->srv, cl->id, cl->peer, msg);
}

void srv_log_server(net_server *s, const char *fmt, ...)
{
    char msg[1200];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    server_log(s, 0, "-", msg);
}

static void core_log(void *arg, unsigned id, const char *peer, const char *line)
{
    server_log(arg, id, peer, line);
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

/* §6: a connection refused before its handshake gets one plaintext alert:
 * server_busy (capacity, or the server is stopping) or timeout. */
static size_t refusal(void *arg, net_core_refusal why, uint8_t *out, size_t cap)
{
    (void)arg;
    if (cap < NET_HDR_LEN + 1) return 0;
    net_frame_header(out, NET_T_ALERT, 1);
    out[NET_HDR_LEN] = why == NET_CORE_TIMEOUT ? NET_ALERT_TIMEOUT : NET_ALERT_SERVER_BUSY;
    return NET_HDR_LEN + 1;
}

void srv_set_rights(struct net_client *cl)
{
    net_server *s = cl->srv;
    cl->may_list = cl->may_read = cl->may_write = cl->may_overwrite = 0;
    if (cl->user) {
        cl->anonymous = 0;
        snprintf(cl->who, sizeof cl->who, "user %s", cl->user->name);
        cl->area = &s->homes[cl->user - s->cfg.users->users];
        cl->may_list = cl->may_read = (cl->user->rights & NET_RIGHT_READ) != 0;
        cl->may_write = cl->may_overwrite = (cl->user->rights & NET_RIGHT_WRITE) != 0;
        return;
    }
    cl->anonymous = 1;
    snprintf(cl->who, sizeof cl->who, "anonymous");
    cl->area = &s->shared;
    switch (s->cfg.anonymous) {
    case NET_ANON_FULL: cl->may_list = cl->may_read = cl->may_write = cl->may_overwrite = 1; break;
    case NET_ANON_READ: cl->may_list = cl->may_read = 1; break;
    case NET_ANON_DROP: cl->may_write = 1; break;
    default: break;
    }
}

/* The requests of one connection, in order (docs/protocol.md §9). */
static cl_status serve_requests(struct net_client *cl)
{
    for (;; cl->requests++) {
        size_t len;
        if (net_core_stopping(cl->cc)) return CL_ERR_CLOSED;    /* between requests */
        cl_status st = net_recv(cl->c, cl->msg, sizeof cl->msg, &len);
        if (st) return st;
        struct net_app_msg m;
        uint8_t alert;
        st = net_app_parse(cl->msg, len, &m, &alert);
        if (st) { net_abort(cl->c, alert); return st; }
        switch (m.kind) {
        case NET_APP_AUTH:      st = srv_auth(cl, &m); break;
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

/* One connection (net_core_handler_fn): runs in its own thread. */
static void serve_connection(void *arg, net_core_conn *cc)
{
    net_server *s = arg;
    struct net_client *cl = calloc(1, sizeof *cl);
    if (!cl) return;
    cl->srv = s;
    cl->cc = cc;
    cl->id = net_core_conn_id(cc);
    cl->peer = net_core_conn_peer(cc);
    srv_set_rights(cl);
    struct net_options o;
    memset(&o, 0, sizeof o);
    /* the whole handshake within the core's deadline (counted from the accept) */
    int64_t left = net_core_handshake_deadline(cc) - net_now_ms();
    o.timeout_ms = left > 0 ? (int)left : 1;
    o.suites = s->cfg.suites;
    o.n_suites = s->cfg.n_suites;
    if (s->cfg.verbose) { o.log = narrate; o.log_arg = cl; }
    cl->c = net_conn_new(net_core_conn_fd(cc), 1, &o);
    if (!cl->c) {
        srv_log(cl, "out of memory");
        free(cl);
        return;
    }
    cl_status st = net_server_handshake(cl->c, s->cfg.key, s->cfg.spki, s->cfg.spki_len);
    if (st) {
        srv_log(cl, "handshake failed: %s", net_conn_error(cl->c));
    } else {
        net_core_established(cc);
        net_conn_set_timeout(cl->c, s->cfg.timeout_ms);
        srv_log(cl, "handshake ok: version %u, %s", net_conn_version(cl->c), net_suite_name(net_conn_suite(cl->c)));
        st = serve_requests(cl);
        if (net_core_stopping(cc)) {
            /* §6.1: the server ends the session with close_notify */
            (void)net_send_alert(cl->c, NET_ALERT_CLOSE_NOTIFY);
            srv_log(cl, "server stopping: sent close_notify");
        } else if (st == CL_ERR_CLOSED) {
            srv_log(cl, "closed (close_notify)");
        } else {
            srv_log(cl, "connection ended: %s", net_conn_error(cl->c));
        }
    }
    net_conn_free(cl->c);
    free(cl);
}

/* An area's directory: exists (made 0700 if missing) and is a real directory. */
static int prepare_area(net_server *s, struct srv_area *a, const char *dir, const char *name,
                        char *err, size_t cap)
{
    int n = name ? snprintf(a->path, sizeof a->path, "%s/%s", dir, name)
                 : snprintf(a->path, sizeof a->path, "%s", dir);
    if (n < 0 || (size_t)n >= sizeof a->path) { snprintf(err, cap, "path too long: %s", dir); return 0; }
    struct stat sb;
    if (name && lstat(a->path, &sb) != 0 && errno == ENOENT && mkdir(a->path, 0700) == 0)
        srv_log_server(s, "created the home area %s of user %s", a->path, name);
    if (lstat(a->path, &sb) != 0 || !S_ISDIR(sb.st_mode)) {
        snprintf(err, cap, "%s is not a directory%s", a->path, name ? " (a user's home area)" : "");
        return 0;
    }
    int stale = srv_remove_stale(a->path);
    if (stale) srv_log_server(s, "removed %d stale temporary file(s) in %s", stale, a->path);
    return 1;
}

net_server *net_server_new(const struct net_server_config *cfg, char *err, size_t cap)
{
    if (!cfg || !cfg->dir || !cfg->key || !cfg->spki) { snprintf(err, cap, "bad configuration"); return NULL; }
    net_server *s = calloc(1, sizeof *s);
    if (!s) { snprintf(err, cap, "out of memory"); return NULL; }
    s->cfg = *cfg;
    if (s->cfg.timeout_ms <= 0) s->cfg.timeout_ms = 30000;
    if (s->cfg.handshake_ms <= 0) s->cfg.handshake_ms = s->cfg.timeout_ms < 10000 ? s->cfg.timeout_ms : 10000;
    if (s->cfg.max_file_size == 0) s->cfg.max_file_size = 4ull << 30;
    if (s->cfg.anonymous == NET_ANON_DEFAULT) s->cfg.anonymous = s->cfg.users ? NET_ANON_NONE : NET_ANON_FULL;
    pthread_mutex_init(&s->log_lock, NULL);
    pthread_mutex_init(&s->area_lock, NULL);
    pthread_mutex_init(&s->room_lock, NULL);
    pthread_cond_init(&s->room_space, NULL);
    size_t n_users = s->cfg.users ? s->cfg.users->n : 0;
    s->homes = calloc(n_users ? n_users : 1, sizeof *s->homes);
    int ok = s->homes != NULL && prepare_area(s, &s->shared, cfg->dir, NULL, err, cap);
    for (size_t i = 0; ok && i < n_users; i++)
        ok = prepare_area(s, &s->homes[i], cfg->dir, s->cfg.users->users[i].name, err, cap);
    struct net_core_config cc = {
        .max_clients = cfg->max_clients, .max_per_address = cfg->max_per_address,
        .handshake_ms = s->cfg.handshake_ms,
        .handler = serve_connection, .refuse = refusal, .log = core_log, .arg = s
    };
    if (ok && !(s->core = net_core_new(&cc))) { snprintf(err, cap, "out of memory"); ok = 0; }
    if (!ok) {
        if (!s->homes) snprintf(err, cap, "out of memory");
        net_server_free(s);
        return NULL;
    }
    return s;
}

cl_status net_server_serve(net_server *s, int listen_fd)
{
    return net_core_run(s->core, listen_fd);
}

cl_status net_server_catch_signals(net_server *s)
{
    return net_core_catch_signals(s->core);
}

void net_server_stop(net_server *s)
{
    net_core_stop(s->core);
}

void net_server_free(net_server *s)
{
    if (!s) return;
    net_core_free(s->core);
    free(s->homes);
    pthread_mutex_destroy(&s->log_lock);
    pthread_mutex_destroy(&s->area_lock);
    pthread_mutex_destroy(&s->room_lock);
    pthread_cond_destroy(&s->room_space);
    free(s);
}
