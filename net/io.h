/*
 * net/io.h -- blocking socket reads and writes with deadlines (no crypto).
 * Every read is bounded in time, so a silent or slow peer (one byte per
 * minute) cannot hold a connection: the deadline covers a whole frame.
 */
#ifndef CRYPTOLAB_NET_IO_H
#define CRYPTOLAB_NET_IO_H

#include <stddef.h>
#include <stdint.h>
#include "common/status.h"

/* Monotonic clock in milliseconds. */
int64_t net_now_ms(void);

/* Reads exactly n bytes before deadline_ms (net_now_ms() time; 0 = no
 * deadline).  CL_ERR_TRUNCATED on end of stream (*got says how many bytes
 * came first), CL_ERR_TIMEOUT, CL_ERR_SOCKET. */
cl_status net_read_full(int fd, uint8_t *buf, size_t n, int64_t deadline_ms, size_t *got);

/* Reads between 1 and cap bytes (whatever is available once the socket is
 * readable) before deadline_ms; *got says how many.  Same errors. */
cl_status net_read_some(int fd, uint8_t *buf, size_t cap, int64_t deadline_ms, size_t *got);

/* Writes all n bytes (MSG_NOSIGNAL), each wait bounded by timeout_ms. */
cl_status net_write_full(int fd, const uint8_t *buf, size_t n, int timeout_ms);

/* Ends a connection gracefully after a final message: shuts down the
 * sending side, drains what the peer still sends (at most 1 MiB or 2 s) so
 * that the kernel does not answer with a reset that could destroy our last
 * frame in flight.  net_linger_close then closes fd; net_linger does not
 * (net/core.c closes it after removing the connection from its table). */
void net_linger(int fd);
void net_linger_close(int fd);

#endif
