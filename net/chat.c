/* net/chat.c -- the chat room: every CHAT_SAY is relayed as CHAT_LINE to
 * every other member (docs/protocol.md §9). */
#include <string.h>
#include <stdio.h>
#include "net/server_internal.h"

/* Sends CHAT_LINE(nick, text) to every member except skip.  The room lock
 * is held, so members cannot leave (and be freed) meanwhile; each send is
 * bounded by the connection's timeout. */
static void broadcast(net_server *s, struct net_client *skip, const char *nick,
                      const char *text, size_t len)
{
    uint8_t msg[NET_MAX_PLAINTEXT];
    size_t n = net_app_chat_line(msg, nick, text, len);
    if (!n) return;
    pthread_mutex_lock(&s->lock);
    for (struct net_client *m = s->chat; m; m = m->chat_next)
        if (m != skip) (void)net_send(m->c, msg, n);
    pthread_mutex_unlock(&s->lock);
}

static void leave(net_server *s, struct net_client *cl)
{
    pthread_mutex_lock(&s->lock);
    for (struct net_client **p = &s->chat; *p; p = &(*p)->chat_next)
        if (*p == cl) { *p = cl->chat_next; break; }
    pthread_mutex_unlock(&s->lock);
}

cl_status srv_chat(struct net_client *cl, const struct net_app_msg *m)
{
    net_server *s = cl->srv;
    if (!net_nick_ok(m->name, m->name_len))
        return srv_result(cl, NET_RES_BAD_NAME, "bad nick name");
    memcpy(cl->nick, m->name, m->name_len + 1);
    cl_status st = srv_result(cl, NET_RES_OK, "joined the chat");
    if (st) return st;
    pthread_mutex_lock(&s->lock);
    cl->chat_next = s->chat;
    s->chat = cl;
    pthread_mutex_unlock(&s->lock);
    srv_log(cl, "chat: %s joined", cl->nick);
    char note[NET_MAX_NICK + 16];
    snprintf(note, sizeof note, "%s joined", cl->nick);
    broadcast(s, cl, "*", note, strlen(note));

    /* Chat clients may stay silent for long: ten times the idle timeout. */
    int timeout = s->cfg.timeout_ms * 10;
    for (;;) {
        size_t len;
        st = net_recv_timeout(cl->c, cl->msg, sizeof cl->msg, &len, timeout);
        if (st) break;
        struct net_app_msg say;
        uint8_t alert;
        st = net_app_parse(cl->msg, len, &say, &alert);
        if (st) { net_abort(cl->c, alert); break; }
        if (say.kind != NET_APP_CHAT_SAY) {
            net_abort(cl->c, NET_ALERT_UNEXPECTED_MESSAGE);
            st = CL_ERR_PROTOCOL;
            break;
        }
        broadcast(s, cl, cl->nick, (const char *)say.data, say.data_len);
    }
    leave(s, cl);
    srv_log(cl, "chat: %s left", cl->nick);
    snprintf(note, sizeof note, "%s left", cl->nick);
    broadcast(s, cl, "*", note, strlen(note));
    return st;
}
