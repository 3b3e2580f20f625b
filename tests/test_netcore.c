/* tests/test_netcore.c -- the connection core (net/core.h) with a toy
 * protocol: limits overall and per source address (127.0.0.x sources),
 * the refusal words, the handshake deadline, the clean stop.  Every wait
 * is on an event (a byte, end of stream, a counter) and bounded. */
#include <errno.h>
#include <poll.h>
#include <pthread.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include "testutil.h"
#include "net/core.h"
#include "net/io.h"

struct toy {
    net_core *core;
    pthread_mutex_t lock;
    pthread_cond_t changed;
    int started, ended, stopping_seen;
    int establish;               /* handler calls net_core_established() */
};

/* Handler: "hello" -> established, answers "ok", then waits for end of stream;
 * on a stop it says "bye". */
static void toy_handler(void *arg, net_core_conn *cc)
{
    struct toy *t = arg;
    int fd = net_core_conn_fd(cc);
    pthread_mutex_lock(&t->lock);
    t->started++;
    pthread_cond_broadcast(&t->changed);
    pthread_mutex_unlock(&t->lock);
    uint8_t buf[64];
    size_t got = 0;
    if (net_read_full(fd, buf, 5, net_now_ms() + 20000, &got) == CL_OK) {
        if (t->establish) net_core_established(cc);
        (void)net_write_full(fd, (const uint8_t *)"ok", 2, 5000);
        while (net_read_some(fd, buf, sizeof buf, net_now_ms() + 20000, &got) == CL_OK) {}
    }
    if (net_core_stopping(cc)) {
        (void)net_write_full(fd, (const uint8_t *)"bye", 3, 5000);
        pthread_mutex_lock(&t->lock);
        t->stopping_seen++;
        pthread_mutex_unlock(&t->lock);
    }
    pthread_mutex_lock(&t->lock);
    t->ended++;
    pthread_cond_broadcast(&t->changed);
    pthread_mutex_unlock(&t->lock);
}

static size_t toy_refuse(void *arg, net_core_refusal why, uint8_t *out, size_t cap)
{
    (void)arg;
    const char *w = why == NET_CORE_FULL ? "FULL" : why == NET_CORE_PER_ADDRESS ? "ADDR" :
                    why == NET_CORE_TIMEOUT ? "TIME" : "STOP";
    CU_ASSERT_TRUE(cap >= 64);
    memcpy(out, w, 4);
    return 4;
}

struct runner { net_core *core; int lfd; pthread_t t; };

static void *run_thread(void *arg)
{
    struct runner *r = arg;
    net_core_run(r->core, r->lfd);
    return NULL;
}

static unsigned start_toy(struct toy *t, struct runner *r, int max, int per_addr, int hs_ms, int establish)
{
    memset(t, 0, sizeof *t);
    pthread_mutex_init(&t->lock, NULL);
    pthread_cond_init(&t->changed, NULL);
    t->establish = establish;     /* set before any thread runs (no race under ThreadSanitizer) */
    struct net_core_config cfg = { .max_clients = max, .max_per_address = per_addr, .handshake_ms = hs_ms,
                                   .stop_grace_ms = 2000, .handler = toy_handler, .refuse = toy_refuse, .arg = t };
    t->core = net_core_new(&cfg);
    CU_ASSERT_PTR_NOT_NULL_FATAL(t->core);
    unsigned port = 0;
    CL_ASSERT_OK(net_listen("127.0.0.1", 0, &r->lfd, &port));
    r->core = t->core;
    pthread_create(&r->t, NULL, run_thread, r);
    return port;
}

static void stop_toy(struct toy *t, struct runner *r)
{
    net_core_stop(t->core);
    pthread_join(r->t, NULL);
    net_core_free(t->core);
    pthread_mutex_destroy(&t->lock);
    pthread_cond_destroy(&t->changed);
}

/* A TCP connection from source address src (127.0.0.x) to 127.0.0.1:port. */
static int dial(const char *src, unsigned port)
{
    int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    struct sockaddr_in sa;
    memset(&sa, 0, sizeof sa);
    sa.sin_family = AF_INET;
    inet_pton(AF_INET, src, &sa.sin_addr);
    CU_ASSERT_EQUAL(bind(fd, (struct sockaddr *)&sa, sizeof sa), 0);
    sa.sin_port = htons((uint16_t)port);
    inet_pton(AF_INET, "127.0.0.1", &sa.sin_addr);
    CU_ASSERT_EQUAL(connect(fd, (struct sockaddr *)&sa, sizeof sa), 0);
    return fd;
}

/* What the server says first (up to 4 bytes within 10 s), or "EOF"/"TIMEOUT". */
static void first_words(int fd, char out[8])
{
    uint8_t b[4];
    size_t got = 0;
    cl_status st = net_read_full(fd, b, 4, net_now_ms() + 10000, &got);
    if (st == CL_OK || got > 0) { memcpy(out, b, got); out[got] = 0; }
    else strcpy(out, st == CL_ERR_TIMEOUT ? "TIMEOUT" : "EOF");
}

/* Says hello and expects "ok" (the handler runs). */
static int hello(int fd)
{
    uint8_t b[2];
    size_t got;
    return net_write_full(fd, (const uint8_t *)"hello", 5, 5000) == CL_OK &&
           net_read_full(fd, b, 2, net_now_ms() + 10000, &got) == CL_OK && memcmp(b, "ok", 2) == 0;
}

static void wait_count(struct toy *t, int *field, int n)
{
    struct timespec until;
    clock_gettime(CLOCK_REALTIME, &until);
    until.tv_sec += 10;
    pthread_mutex_lock(&t->lock);
    while (*field < n && pthread_cond_timedwait(&t->changed, &t->lock, &until) == 0) {}
    CU_ASSERT_TRUE(*field >= n);
    pthread_mutex_unlock(&t->lock);
}

/* Per address: 2 from 127.0.0.2, the third refused with the ADDR words; other
 * addresses still get in until the server is full (FULL). */
static void test_core_limits(void)
{
    struct toy t;
    struct runner r;
    unsigned port = start_toy(&t, &r, 4, 2, 10000, 1);
    int a1 = dial("127.0.0.2", port), a2 = dial("127.0.0.2", port);
    CU_ASSERT_TRUE(hello(a1));
    CU_ASSERT_TRUE(hello(a2));
    int a3 = dial("127.0.0.2", port);
    char w[8];
    first_words(a3, w);
    CU_ASSERT_STRING_EQUAL(w, "ADDR");
    int b1 = dial("127.0.0.3", port), b2 = dial("127.0.0.4", port);
    CU_ASSERT_TRUE(hello(b1));
    CU_ASSERT_TRUE(hello(b2));
    int c1 = dial("127.0.0.5", port);
    first_words(c1, w);
    CU_ASSERT_STRING_EQUAL(w, "FULL");
    /* one leaves: a new address gets in again */
    close(a1);
    wait_count(&t, &t.ended, 1);
    int c2 = -1;
    for (int i = 0; i < 50; i++) {            /* the slot is free once the core has closed a1 */
        struct net_core_stats st;
        net_core_get_stats(t.core, &st);
        if (st.active < 4) break;
        struct pollfd none;
        poll(&none, 0, 10);
    }
    c2 = dial("127.0.0.5", port);
    CU_ASSERT_TRUE(hello(c2));
    struct net_core_stats st;
    net_core_get_stats(t.core, &st);
    CU_ASSERT_EQUAL(st.refused_address, 1);
    CU_ASSERT_EQUAL(st.refused_full, 1);
    CU_ASSERT_EQUAL(st.peak, 4);
    stop_toy(&t, &r);
    for (int fd = 0, fds[] = { a2, a3, b1, b2, c1, c2 }; fd < 6; fd++) close(fds[fd]);
}

/* Nothing sent: TIME words at the deadline.  A handler that never reports
 * its handshake done is cut (the client sees end of stream). */
static void test_core_deadline(void)
{
    struct toy t;
    struct runner r;
    unsigned port = start_toy(&t, &r, 8, 8, 300, 0);
    int idle = dial("127.0.0.2", port);
    char w[8];
    first_words(idle, w);
    CU_ASSERT_STRING_EQUAL(w, "TIME");
    int slow = dial("127.0.0.2", port);
    CU_ASSERT_TRUE(hello(slow));                /* answered "ok" but never established */
    first_words(slow, w);
    CU_ASSERT_STRING_EQUAL(w, "EOF");
    struct net_core_stats st;
    net_core_get_stats(t.core, &st);
    CU_ASSERT_EQUAL(st.timed_out, 1);
    CU_ASSERT_EQUAL(st.cut, 1);
    stop_toy(&t, &r);
    close(idle);
    close(slow);
}

/* A stop: running handlers see end of stream and net_core_stopping(), and
 * say goodbye; net_core_run returns; new connections are refused. */
static void test_core_stop(void)
{
    struct toy t;
    struct runner r;
    unsigned port = start_toy(&t, &r, 8, 8, 10000, 1);
    int a = dial("127.0.0.2", port), b = dial("127.0.0.3", port);
    CU_ASSERT_TRUE(hello(a));
    CU_ASSERT_TRUE(hello(b));
    net_core_stop(t.core);
    pthread_join(r.t, NULL);                    /* returns only once both handlers ended */
    CU_ASSERT_EQUAL(t.ended, 2);
    CU_ASSERT_EQUAL(t.stopping_seen, 2);
    char w[8];
    first_words(a, w);
    CU_ASSERT_STRING_EQUAL(w, "bye");
    first_words(b, w);
    CU_ASSERT_STRING_EQUAL(w, "bye");
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    struct sockaddr_in sa;
    memset(&sa, 0, sizeof sa);
    sa.sin_family = AF_INET;
    sa.sin_port = htons((uint16_t)port);
    inet_pton(AF_INET, "127.0.0.1", &sa.sin_addr);
    CU_ASSERT_NOT_EQUAL(connect(fd, (struct sockaddr *)&sa, sizeof sa), 0);   /* listener closed */
    close(fd);
    net_core_free(t.core);
    close(a);
    close(b);
}

void register_netcore_suites(void)
{
    CU_pSuite s = tu_add_suite("net_core");
    tu_add_test(s, "limits: per address (127.0.0.2 x3) and overall, refusal words", test_core_limits);
    tu_add_test(s, "handshake deadline: idle refused, unfinished handshake cut", test_core_deadline);
    tu_add_test(s, "stop: handlers see the stop, say goodbye; listener closed", test_core_stop);
}
