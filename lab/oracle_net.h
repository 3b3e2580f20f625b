/*
 * lab/oracle_net.h -- the attack labs' loopback service: one request per
 * line, one answer per line, over TCP on 127.0.0.1 only.
 *
 *   server: lab_oracle_serve() listens on 127.0.0.1:port (port 0: an
 *           ephemeral port), prints "listening on 127.0.0.1:PORT" to its log,
 *           serves one connection at a time, calls the handler for every line
 *           (without its newline, at most LAB_LINE_MAX bytes) and sends back
 *           the handler's answer and a newline.  It stops on SIGINT/SIGTERM
 *           or after max_queries lines in all (0: no limit).
 *   client: lab_oracle_connect() and lab_oracle_ask().
 */
#ifndef CRYPTOLAB_LAB_ORACLE_NET_H
#define CRYPTOLAB_LAB_ORACLE_NET_H

#include <stddef.h>
#include <stdio.h>
#include "common/status.h"

#define LAB_LINE_MAX 8192

/* Writes the answer (NUL-terminated, at most cap bytes) for one request. */
typedef void (*lab_line_handler)(void *arg, const char *line, char *answer, size_t cap);

cl_status lab_oracle_serve(unsigned port, lab_line_handler handler, void *arg, FILE *log,
                           unsigned long max_queries);

typedef struct lab_oracle_conn {
    int fd;
    char buf[LAB_LINE_MAX + 2];
    size_t have;
} lab_oracle_conn;

/* Connects to 127.0.0.1:port. */
cl_status lab_oracle_connect(lab_oracle_conn *c, unsigned port);
/* Sends line (no newline in it), reads one answer line into answer. */
cl_status lab_oracle_ask(lab_oracle_conn *c, const char *line, char *answer, size_t cap);
void lab_oracle_close(lab_oracle_conn *c);

#endif
