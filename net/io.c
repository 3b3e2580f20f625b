/* net/io.c -- socket I/O with deadlines (poll(2) + recv/send). */
#include <errno.h>
#include <poll.h>
#include <time.h>
#include <unistd.h>
#include <sys/socket.h>
#include "net/io.h"

int64_t net_now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static cl_status wait_fd(int fd, short events, int64_t deadline_ms)
{
    for (;;) {
        int wait = -1;
        if (deadline_ms) {
            int64_t left = deadline_ms - net_now_ms();
            if (left <= 0) return CL_ERR_TIMEOUT;
            wait = left > 3600000 ? 3600000 : (int)left;
        }
        struct pollfd p = { .fd = fd, .events = events, .revents = 0 };
        int r = poll(&p, 1, wait);
        if (r > 0) return CL_OK;
        if (r == 0) { if (deadline_ms) continue; }
        else if (errno != EINTR) return CL_ERR_SOCKET;
    }
}

cl_status net_read_full(int fd, uint8_t *buf, size_t n, int64_t deadline_ms, size_t *got)
{
    size_t off = 0;
    cl_status st = CL_OK;
    while (off < n) {
        st = wait_fd(fd, POLLIN, deadline_ms);
        if (st) break;
        ssize_t r = recv(fd, buf + off, n - off, MSG_DONTWAIT);
        if (r > 0) { off += (size_t)r; continue; }
        if (r == 0) { st = CL_ERR_TRUNCATED; break; }
        if (errno == EINTR || errno == EAGAIN || errno == EWOULDBLOCK) continue;
        st = (errno == ECONNRESET) ? CL_ERR_TRUNCATED : CL_ERR_SOCKET;
        break;
    }
    if (got) *got = off;
    return st;
}

cl_status net_read_some(int fd, uint8_t *buf, size_t cap, int64_t deadline_ms, size_t *got)
{
    *got = 0;
    for (;;) {
        cl_status st = wait_fd(fd, POLLIN, deadline_ms);
        if (st) return st;
        ssize_t r = recv(fd, buf, cap, MSG_DONTWAIT);
        if (r > 0) { *got = (size_t)r; return CL_OK; }
        if (r == 0) return CL_ERR_TRUNCATED;
        if (errno == EINTR || errno == EAGAIN || errno == EWOULDBLOCK) continue;
        return (errno == ECONNRESET) ? CL_ERR_TRUNCATED : CL_ERR_SOCKET;
    }
}

cl_status net_write_full(int fd, const uint8_t *buf, size_t n, int timeout_ms)
{
    size_t off = 0;
    while (off < n) {
        ssize_t r = send(fd, buf + off, n - off, MSG_NOSIGNAL | MSG_DONTWAIT);
        if (r > 0) { off += (size_t)r; continue; }
        if (r < 0 && (errno == EINTR)) continue;
        if (r < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
            cl_status st = wait_fd(fd, POLLOUT, timeout_ms > 0 ? net_now_ms() + timeout_ms : 0);
            if (st) return st;
            continue;
        }
        return (r < 0 && (errno == EPIPE || errno == ECONNRESET)) ? CL_ERR_TRUNCATED : CL_ERR_SOCKET;
    }
    return CL_OK;
}

void net_linger(int fd)
{
    if (fd < 0) return;
    shutdown(fd, SHUT_WR);
    uint8_t junk[4096];
    size_t total = 0;
    int64_t deadline = net_now_ms() + 2000;
    while (total < (1u << 20)) {
        if (wait_fd(fd, POLLIN, deadline) != CL_OK) break;
        ssize_t r = recv(fd, junk, sizeof junk, MSG_DONTWAIT);
        if (r > 0) { total += (size_t)r; continue; }
        if (r < 0 && (errno == EINTR || errno == EAGAIN)) continue;
        break;
    }
}

void net_linger_close(int fd)
{
    if (fd < 0) return;
    net_linger(fd);
    close(fd);
}
