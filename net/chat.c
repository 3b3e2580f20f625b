/* net/chat.c -- the chat room (docs/protocol.md §9): every CHAT_SAY is
 * relayed as CHAT_LINE to every other member.
 *
 * No member can stop the others: a speaker never sends on another
 * member's connection.  It only copies the line into each member's own
 * bounded queue (under the room lock, which is never held across a send)
 * and wakes that member's thread, which sends its queue itself.
 * Flow control: a speaker whose lines pile up (some queue more than half
 * full) waits -- without the lock -- until the members have taken them, at
 * most CHAT_LAG_MS; a member still behind then that has taken no line in
 * all that time has stopped reading, and is disconnected with alert
 * too_slow while everyone else carries on.  (A member that keeps taking
 * lines is never cut for being behind: another speaker -- a fast talker --
 * may keep its queue near half full all along.)  So a fast talker goes at the pace of the readers, and a
 * member that stops reading costs the others one CHAT_LAG_MS, once. */
#include <errno.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>
#include <sys/eventfd.h>
#include "net/server_internal.h"
#include "net/io.h"

#define CHAT_QUEUE 64                  /* lines waiting for one member */
#define CHAT_LAG_MS 1000               /* how long a speaker waits for a member to catch up */
#define CHAT_LINE_MAX (2 + NET_MAX_NICK + NET_MAX_TEXT)

struct chat_line {
    size_t len;
    uint8_t msg[CHAT_LINE_MAX];        /* an encoded CHAT_LINE message */
};

struct chat_member {
    struct net_client *cl;
    char nick[NET_MAX_NICK + 1];
    int wake;                          /* eventfd: "your queue changed" */
    struct chat_line q[CHAT_QUEUE];    /* ring: q[head], ... count lines */
    int head, count;
    int overflow;                      /* a line found the queue full */
    int64_t last_taken_ms;             /* when it last took a line (or joined) */
    struct chat_member *next;
};

/* Queues CHAT_LINE(nick, text) for every member except `from` (lock held
 * only to copy; nobody waits on a socket here), then waits, without the
 * lock, for members more than half a queue behind (flow control above). */
static void broadcast(net_server *s, const struct chat_member *from, const char *nick,
                      const char *text, size_t len)
{
    struct chat_line line;
    line.len = net_app_chat_line(line.msg, nick, text, len);
    if (!line.len) return;
    pthread_mutex_lock(&s->room_lock);
    int behind = 0;
    for (struct chat_member *m = s->room; m; m = m->next) {
        if (m == from || m->overflow) continue;
        if (m->count == CHAT_QUEUE) {
            m->overflow = 1;
        } else {
            struct chat_line *slot = &m->q[(m->head + m->count) % CHAT_QUEUE];
            slot->len = line.len;
            memcpy(slot->msg, line.msg, line.len);
            m->count++;
        }
        behind |= m->count > CHAT_QUEUE / 2;
        uint64_t one = 1;
        ssize_t r = write(m->wake, &one, sizeof one);   /* eventfd: never blocks */
        (void)r;
    }
    if (behind && from) {
        struct timespec until;
        clock_gettime(CLOCK_REALTIME, &until);
        until.tv_sec += CHAT_LAG_MS / 1000;
        until.tv_nsec += (long)(CHAT_LAG_MS % 1000) * 1000000L;
        if (until.tv_nsec >= 1000000000L) { until.tv_sec++; until.tv_nsec -= 1000000000L; }
        for (;;) {
            behind = 0;
            for (struct chat_member *m = s->room; m; m = m->next)
                behind |= m != from && !m->overflow && m->count > CHAT_QUEUE / 2;
            if (!behind || pthread_cond_timedwait(&s->room_space, &s->room_lock, &until) != 0) break;
        }
        int64_t now = net_now_ms();
        for (struct chat_member *m = s->room; m; m = m->next)
            if (m != from && !m->overflow && m->count > CHAT_QUEUE / 2
                && now - m->last_taken_ms >= CHAT_LAG_MS) {
                m->overflow = 1;                          /* took nothing in CHAT_LAG_MS */
                uint64_t one = 1;
                ssize_t r = write(m->wake, &one, sizeof one);
                (void)r;
            }
    }
    pthread_mutex_unlock(&s->room_lock);
}

/* Only to `to`: a notice from "*" (e.g. why its line was not relayed). */
static cl_status notice(struct chat_member *to, const char *text)
{
    size_t n = net_app_chat_line(to->cl->out, "*", text, strlen(text));
    return net_send(to->cl->c, to->cl->out, n);
}

/* Joins the room unless the nick is taken (case-insensitive for ASCII). */
static int join(net_server *s, struct chat_member *me)
{
    pthread_mutex_lock(&s->room_lock);
    for (struct chat_member *m = s->room; m; m = m->next)
        if (strcasecmp(m->nick, me->nick) == 0) {
            pthread_mutex_unlock(&s->room_lock);
            return 0;
        }
    me->next = s->room;
    s->room = me;
    pthread_mutex_unlock(&s->room_lock);
    return 1;
}

static void leave(net_server *s, struct chat_member *me)
{
    pthread_mutex_lock(&s->room_lock);
    for (struct chat_member **p = &s->room; *p; p = &(*p)->next)
        if (*p == me) { *p = me->next; break; }
    pthread_mutex_unlock(&s->room_lock);
}

/* The member's state under the room lock: lines queued, queue overflowed. */
static void queue_state(net_server *s, struct chat_member *me, int *pending, int *overflow)
{
    pthread_mutex_lock(&s->room_lock);
    *pending = me->count;
    *overflow = me->overflow;
    pthread_mutex_unlock(&s->room_lock);
}

/* Takes the oldest queued line. */
static void pop_line(net_server *s, struct chat_member *me, struct chat_line *out)
{
    pthread_mutex_lock(&s->room_lock);
    *out = me->q[me->head];
    me->head = (me->head + 1) % CHAT_QUEUE;
    me->count--;
    me->last_taken_ms = net_now_ms();
    pthread_cond_broadcast(&s->room_space);     /* a speaker may be waiting for us */
    pthread_mutex_unlock(&s->room_lock);
}

/* The member's own loop.  It waits for three things at once: a message
 * from its client, room in its socket when lines are queued for it (so a
 * send never waits long: a line is sent only when the socket can take it),
 * and its wake-up from a speaker.  Only this thread sends on this
 * connection. */
static cl_status member_loop(net_server *s, struct chat_member *me)
{
    struct net_client *cl = me->cl;
    int timeout = s->cfg.timeout_ms * 10;      /* chat members may stay silent for long (§8) */
    int64_t idle_until = net_now_ms() + timeout;
    for (;;) {
        int pending, overflow;
        queue_state(s, me, &pending, &overflow);
        if (overflow) {
            srv_log(cl, "chat: %s does not read (%d lines queued): disconnected with alert too_slow",
                    me->nick, CHAT_QUEUE);
            net_conn_set_timeout(cl->c, 1000);  /* its socket is full: do not wait long for the alert */
            return net_fail_alert(cl->c, NET_ALERT_TOO_SLOW, "chat queue full: the client does not read");
        }
        if (!net_conn_buffered(cl->c)) {
            struct pollfd p[2] = {
                { .fd = net_conn_fd(cl->c), .events = (short)(POLLIN | (pending ? POLLOUT : 0)) },
                { .fd = me->wake, .events = POLLIN } };
            int64_t left = idle_until - net_now_ms();
            if (left <= 0) return net_fail_alert(cl->c, NET_ALERT_TIMEOUT, "chat member idle too long");
            int r = poll(p, 2, left > 60000 ? 60000 : (int)left);
            if (r < 0 && errno != EINTR) return CL_ERR_SOCKET;
            if (r <= 0) continue;
            if (p[1].revents) { uint64_t v; ssize_t n = read(me->wake, &v, sizeof v); (void)n; }
            if (p[0].revents & POLLOUT) {          /* 1. queued lines, while the socket takes them */
                struct pollfd w = { .fd = net_conn_fd(cl->c), .events = POLLOUT };
                do {
                    struct chat_line line;
                    pop_line(s, me, &line);
                    cl_status st = net_send(cl->c, line.msg, line.len);
                    if (st) return st;
                    queue_state(s, me, &pending, &overflow);
                } while (pending && !overflow && poll(&w, 1, 0) == 1 && (w.revents & POLLOUT));
            }
            if (!(p[0].revents & (POLLIN | POLLHUP | POLLERR))) continue;
        }
        /* 2. one message from the client */
        size_t len;
        cl_status st = net_recv(cl->c, cl->msg, sizeof cl->msg, &len);
        if (st) return st;
        idle_until = net_now_ms() + timeout;
        struct net_app_msg say;
        uint8_t alert;
        st = net_app_parse(cl->msg, len, &say, &alert);
        if (st) { net_abort(cl->c, alert); return st; }
        if (say.kind != NET_APP_CHAT_SAY) {
            net_abort(cl->c, NET_ALERT_UNEXPECTED_MESSAGE);
            return CL_ERR_PROTOCOL;
        }
        if (!net_chat_text_ok(say.data, say.data_len)) {
            srv_log(cl, "chat: line from %s not relayed (not one line of text)", me->nick);
            st = notice(me, "your line was not relayed: it must be one line of UTF-8 text without "
                            "control or bidirectional formatting characters");
            if (st) return st;
            continue;
        }
        broadcast(s, me, me->nick, (const char *)say.data, say.data_len);
    }
}

cl_status srv_chat(struct net_client *cl, const struct net_app_msg *m)
{
    net_server *s = cl->srv;
    if (!net_nick_ok(m->name, m->name_len)) {
        srv_log(cl, "chat: bad nick refused");
        return srv_result(cl, NET_RES_BAD_NAME, "bad nick: 1..32 bytes of UTF-8 without control or "
                                                "bidirectional formatting characters, not \"*\"");
    }
    const struct net_user *owner = s->cfg.users ? net_authorized_find_name(s->cfg.users, m->name) : NULL;
    if (owner && owner != cl->user) {
        srv_log(cl, "chat: nick %s refused: reserved for the registered user", m->name);
        return srv_result(cl, NET_RES_BAD_NAME, "that nick is the name of a registered user");
    }
    struct chat_member *me = calloc(1, sizeof *me);
    if (!me) return srv_result(cl, NET_RES_IO_ERROR, "out of memory");
    me->cl = cl;
    memcpy(me->nick, m->name, m->name_len + 1);
    me->last_taken_ms = net_now_ms();
    me->wake = eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
    if (me->wake < 0) { free(me); return srv_result(cl, NET_RES_IO_ERROR, "out of resources"); }
    if (!join(s, me)) {
        srv_log(cl, "chat: nick %s already in use", me->nick);
        close(me->wake);
        free(me);
        return srv_result(cl, NET_RES_EXISTS, "nick already in use in the chat");
    }
    cl_status st = srv_result(cl, NET_RES_OK, "joined the chat");
    srv_log(cl, "chat: %s joined", me->nick);
    char note[NET_MAX_NICK + 16];
    snprintf(note, sizeof note, "%s joined", me->nick);
    broadcast(s, me, "*", note, strlen(note));

    if (!st) st = member_loop(s, me);

    leave(s, me);
    srv_log(cl, "chat: %s left", me->nick);
    snprintf(note, sizeof note, "%s left", me->nick);
    broadcast(s, me, "*", note, strlen(note));
    close(me->wake);
    free(me);
    return st;
}
