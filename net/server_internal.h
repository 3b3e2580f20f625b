/* net/server_internal.h -- shared by net/server.c, net/serve_files.c, net/chat.c. */
#ifndef CRYPTOLAB_NET_SERVER_INTERNAL_H
#define CRYPTOLAB_NET_SERVER_INTERNAL_H

#include <pthread.h>
#include "net/server.h"
#include "net/core.h"
#include "net/net.h"
#include "net/app.h"
#include "common/internal.h"

struct net_client;
struct chat_member;

struct net_server {
    struct net_server_config cfg;
    net_core *core;                /* accept loop, limits, deadlines, stop (net/core.h) */
    pthread_mutex_t log_lock;      /* one log line at a time */
    pthread_mutex_t room_lock;     /* the chat room: members and their queues (net/chat.c) */
    pthread_cond_t room_space;     /* a member took lines from its queue */
    struct chat_member *room;      /* chat members */
};

/* One connection being served (owned by its handler thread). */
struct net_client {
    net_server *srv;
    net_core_conn *cc;
    unsigned id;
    const char *peer;
    net_conn *c;
    uint8_t msg[NET_MAX_PLAINTEXT];   /* received message */
    uint8_t out[NET_MAX_PLAINTEXT];   /* message being sent */
};

CL_INTERNAL_BEGIN   /* srv_*: not exported (common/internal.h) */
void srv_log(struct net_client *cl, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Sends RESULT code text. */
cl_status srv_result(struct net_client *cl, uint8_t code, const char *text);

/* Request handlers: return CL_OK to serve the next request, an error to end
 * the connection (after an alert where the protocol says so). */
cl_status srv_put(struct net_client *cl, const struct net_app_msg *m);
cl_status srv_get(struct net_client *cl, const struct net_app_msg *m);
cl_status srv_list(struct net_client *cl);
cl_status srv_chat(struct net_client *cl, const struct net_app_msg *m);
CL_INTERNAL_END

#endif
