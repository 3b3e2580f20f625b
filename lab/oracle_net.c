/*
 * lab/oracle_net.c -- the attack labs' line service on 127.0.0.1
 * (lab/oracle_net.h).  Plain blocking sockets; the listening address is
 * always the loopback address: these services are deliberately weak.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <signal.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>
#include "lab/oracle_net.h"

static volatile sig_atomic_t stop;

static void on_stop(int sig)
{
    (void)sig;
    stop = 1;
}

static int write_all(int fd, const char *p, size_t n)
{
    while (n > 0) {
        ssize_t w = send(fd, p, n, MSG_NOSIGNAL);
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0)
            return -1;
        p += w;
        n -= (size_t)w;
    }
    return 0;
}

/* Reads one line (newline removed) from fd with buffer state; 1 a line, 0 EOF, -1 error/too long. */
static int read_line(int fd, char *buf, size_t *have, size_t cap, char *line, size_t line_cap)
{
    for (;;) {
        char *nl = memchr(buf, '\n', *have);
        if (nl != NULL) {
            size_t n = (size_t)(nl - buf);
            if (n >= line_cap)
                return -1;
            memcpy(line, buf, n);
            line[n] = '\0';
            if (n > 0 && line[n - 1] == '\r')
                line[n - 1] = '\0';
            memmove(buf, nl + 1, *have - n - 1);
            *have -= n + 1;
            return 1;
        }
        if (*have >= cap)
            return -1;
        ssize_t r = recv(fd, buf + *have, cap - *have, 0);
        if (r < 0 && errno == EINTR) {
            if (stop)
                return -1;
            continue;
        }
        if (r <= 0)
            return r == 0 ? 0 : -1;
        *have += (size_t)r;
    }
}

cl_status lab_oracle_serve(unsigned port, lab_line_handler handler, void *arg, FILE *log,
                           unsigned long max_queries)
{
    static char buf[LAB_LINE_MAX + 2], line[LAB_LINE_MAX + 1], answer[LAB_LINE_MAX + 1];
    struct sockaddr_in sa;
    socklen_t sl = sizeof sa;
    unsigned long served = 0;
    int one = 1;
    struct sigaction act;
    memset(&act, 0, sizeof act);
    act.sa_handler = on_stop;                  /* no SA_RESTART: accept/recv return EINTR */
    sigemptyset(&act.sa_mask);
    sigaction(SIGINT, &act, NULL);
    sigaction(SIGTERM, &act, NULL);

    int ls = socket(AF_INET, SOCK_STREAM, 0);
    if (ls < 0)
        return CL_ERR_SOCKET;
    setsockopt(ls, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    memset(&sa, 0, sizeof sa);
    sa.sin_family = AF_INET;
    sa.sin_port = htons((uint16_t)port);
    sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (bind(ls, (struct sockaddr *)&sa, sizeof sa) != 0 || listen(ls, 4) != 0 ||
        getsockname(ls, (struct sockaddr *)&sa, &sl) != 0) {
        close(ls);
        return CL_ERR_SOCKET;
    }
    fprintf(log, "listening on 127.0.0.1:%u\n", (unsigned)ntohs(sa.sin_port));
    fflush(log);
    while (!stop && (max_queries == 0 || served < max_queries)) {
        int fd = accept(ls, NULL, NULL);
        if (fd < 0) {
            if (errno == EINTR)
                continue;
            break;
        }
        setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
        size_t have = 0;
        while (!stop && (max_queries == 0 || served < max_queries)) {
            int r = read_line(fd, buf, &have, sizeof buf, line, sizeof line);
            if (r <= 0)
                break;
            served++;
            answer[0] = '\0';
            handler(arg, line, answer, sizeof answer - 1);
            size_t n = strlen(answer);
            answer[n] = '\n';
            if (write_all(fd, answer, n + 1) != 0)
                break;
        }
        close(fd);
    }
    close(ls);
    fprintf(log, "stopped after %lu queries\n", served);
    fflush(log);
    return CL_OK;
}

cl_status lab_oracle_connect(lab_oracle_conn *c, unsigned port)
{
    struct sockaddr_in sa;
    int one = 1;
    memset(c, 0, sizeof *c);
    c->fd = socket(AF_INET, SOCK_STREAM, 0);
    if (c->fd < 0)
        return CL_ERR_SOCKET;
    memset(&sa, 0, sizeof sa);
    sa.sin_family = AF_INET;
    sa.sin_port = htons((uint16_t)port);
    sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (connect(c->fd, (struct sockaddr *)&sa, sizeof sa) != 0) {
        close(c->fd);
        c->fd = -1;
        return CL_ERR_SOCKET;
    }
    setsockopt(c->fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    return CL_OK;
}

cl_status lab_oracle_ask(lab_oracle_conn *c, const char *line, char *answer, size_t cap)
{
    size_t n = strlen(line);
    if (write_all(c->fd, line, n) != 0 || write_all(c->fd, "\n", 1) != 0)
        return CL_ERR_SOCKET;
    int r = read_line(c->fd, c->buf, &c->have, sizeof c->buf, answer, cap);
    return r == 1 ? CL_OK : r == 0 ? CL_ERR_CLOSED : CL_ERR_SOCKET;
}

void lab_oracle_close(lab_oracle_conn *c)
{
    if (c->fd >= 0)
        close(c->fd);
    c->fd = -1;
}
