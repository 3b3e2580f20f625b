/* net/server_internal.h -- shared by net/server.c, net/serve_auth.c,
 * net/serve_files.c, net/chat.c. */
#ifndef CRYPTOLAB_NET_SERVER_INTERNAL_H
#define CRYPTOLAB_NET_SERVER_INTERNAL_H

#include <pthread.h>
#include "net/server.h"
#include "net/auth.h"
#include "net/core.h"
#include "net/net.h"
#include "net/app.h"
#include "common/internal.h"

struct chat_member;

/* A directory files are served from and stored in: the shared directory
 * (DIR) or a user's home (DIR/NAME). */
struct srv_area {
    char path[4096];
    uint64_t reserved;             /* bytes of uploads in flight (quota), under area_lock */
};

struct net_server {
    struct net_server_config cfg;
    net_core *core;                /* accept loop, limits, deadlines, stop (net/core.h) */
    pthread_mutex_t log_lock;      /* one log line at a time */
    pthread_mutex_t area_lock;     /* the areas' reservations */
    pthread_mutex_t room_lock;     /* the chat room: members and their queues (net/chat.c) */
    pthread_cond_t room_space;     /* a member took lines from its queue */
    struct chat_member *room;      /* chat members */
    struct srv_area shared;        /* DIR */
    struct srv_area *homes;        /* DIR/NAME of users[i] */
};

/* One connection being served (owned by its handler thread). */
struct net_client {
    net_server *srv;
    net_core_conn *cc;
    unsigned id;
    const char *peer;
    net_conn *c;
    unsigned requests;                /* requests served so far (AUTH must come first) */
    const struct net_user *user;      /* authenticated user, or NULL */
    int anonymous;                    /* not authenticated */
    char who[64];                     /* "anonymous" or "user NAME", for the log */
    struct srv_area *area;            /* where ls/get/put work */
    int may_list, may_read, may_write, may_overwrite;
    uint8_t msg[NET_MAX_PLAINTEXT];   /* received message */
    uint8_t out[NET_MAX_PLAINTEXT];   /* message being sent */
};

CL_INTERNAL_BEGIN   /* srv_*: not exported (common/internal.h) */
void srv_log(struct net_client *cl, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void srv_log_server(net_server *s, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Sends RESULT code text. */
cl_status srv_result(struct net_client *cl, uint8_t code, const char *text);
/* What an anonymous client may do (--anonymous), or the user's rights. */
void srv_set_rights(struct net_client *cl);

/* Request handlers: return CL_OK to serve the next request, an error to end
 * the connection (after an alert where the protocol says so). */
cl_status srv_auth(struct net_client *cl, const struct net_app_msg *m);
cl_status srv_put(struct net_client *cl, const struct net_app_msg *m);
cl_status srv_get(struct net_client *cl, const struct net_app_msg *m);
cl_status srv_list(struct net_client *cl);
cl_status srv_chat(struct net_client *cl, const struct net_app_msg *m);

/* Removes the temporaries a writer of ours may have left in dir (a crash,
 * kill -9): returns how many. */
int srv_remove_stale(const char *dir);
CL_INTERNAL_END

#endif
