/* net/client.c -- client side of put/get/ls/chat/echo (docs/protocol.md §9). */
#include <errno.h>
#include <fcntl.h>
#include <netdb.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include "net/client.h"
#include "net/app.h"
#include "net/auth.h"
#include "rsa/rsa_keyfile.h"
#include "sha256/sha256.h"
#include "common/outfile.h"

cl_status net_connect(const char *host, unsigned port, int *fd_out)
{
    if (!host || !fd_out) return CL_ERR_NULL_POINTER;
    char ps[16];
    snprintf(ps, sizeof ps, "%u", port);
    struct addrinfo hints, *res, *ai;
    memset(&hints, 0, sizeof hints);
    hints.ai_family = AF_UNSPEC;
    hints.ai_socktype = SOCK_STREAM;
    if (getaddrinfo(host, ps, &hints, &res) != 0) return CL_ERR_SOCKET;
    int fd = -1;
    for (ai = res; ai; ai = ai->ai_next) {
        fd = socket(ai->ai_family, ai->ai_socktype | SOCK_CLOEXEC, ai->ai_protocol);
        if (fd < 0) continue;
        if (connect(fd, ai->ai_addr, ai->ai_addrlen) == 0) break;
        close(fd);
        fd = -1;
    }
    freeaddrinfo(res);
    if (fd < 0) return CL_ERR_SOCKET;
    int one = 1;
    setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    *fd_out = fd;
    return CL_OK;
}

static void say(char *reply, size_t cap, const char *text)
{
    if (reply && cap) snprintf(reply, cap, "%s", text);
}

/* Receives and parses one message. */
static cl_status recv_msg(net_conn *c, uint8_t *buf, struct net_app_msg *m, char *reply, size_t cap)
{
    size_t len;
    cl_status st = net_recv(c, buf, NET_MAX_PLAINTEXT, &len);
    if (st) {
        say(reply, cap, st == CL_ERR_CLOSED ? "the server ended the session (close_notify) before its answer"
                                            : net_conn_error(c));
        return st;
    }
    uint8_t alert;
    st = net_app_parse(buf, len, m, &alert);
    if (st) {
        net_abort(c, alert);
        say(reply, cap, "malformed message from the server");
    }
    return st;
}

/* Copies a RESULT's text, dropping control characters. */
static void result_text(const struct net_app_msg *m, char *reply, size_t cap)
{
    if (!reply || !cap) return;
    size_t j = 0;
    for (size_t i = 0; i < m->data_len && j + 1 < cap; i++)
        reply[j++] = (m->data[i] < 0x20 || m->data[i] == 0x7f) ? '?' : (char)m->data[i];
    reply[j] = '\0';
}

static cl_status expect_result(net_conn *c, uint8_t *buf, char *reply, size_t cap)
{
    struct net_app_msg m;
    cl_status st = recv_msg(c, buf, &m, reply, cap);
    if (st) return st;
    if (m.kind != NET_APP_RESULT) {
        net_abort(c, NET_ALERT_UNEXPECTED_MESSAGE);
        say(reply, cap, "unexpected message from the server");
        return CL_ERR_PROTOCOL;
    }
    result_text(&m, reply, cap);
    return m.code == NET_RES_OK ? CL_OK : CL_ERR_REFUSED;
}

static cl_status hash_file(int fd, uint8_t *buf, uint8_t digest[32], uint64_t *size)
{
    sha256_ctx h;
    sha256_init(&h);
    uint64_t n = 0;
    ssize_t r;
    while ((r = read(fd, buf, NET_APP_MAX_DATA)) > 0) { sha256_update(&h, buf, (size_t)r); n += (uint64_t)r; }
    sha256_final(&h, digest);
    *size = n;
    return (r < 0 || lseek(fd, 0, SEEK_SET) != 0) ? CL_ERR_IO : CL_OK;
}

/* An upload ended by the server: the reason in the server's words. */
static const char *upload_error(net_conn *c, cl_status st)
{
    if (st == CL_ERR_CLOSED)
        return "the server ended the session (close_notify) during the upload: nothing was stored";
    return net_conn_error(c);
}

/* The server spoke during the DATA stream: read what it said. */
static cl_status interrupted(net_conn *c, uint8_t *buf, char *reply, size_t cap)
{
    struct net_app_msg m;
    cl_status st = recv_msg(c, buf, &m, reply, cap);
    if (st == CL_OK) {                  /* a message where none is due */
        net_abort(c, NET_ALERT_UNEXPECTED_MESSAGE);
        say(reply, cap, "unexpected message from the server during the upload");
        return CL_ERR_PROTOCOL;
    }
    if (st == CL_ERR_CLOSED || st == CL_ERR_ALERT) say(reply, cap, upload_error(c, st));
    return st;
}

cl_status net_client_put(net_conn *c, const char *path, const char *remote, int overwrite,
                         net_progress_fn progress, void *arg, char *reply, size_t cap)
{
    if (!c || !path) return CL_ERR_NULL_POINTER;
    uint8_t *buf = malloc(NET_MAX_PLAINTEXT);
    if (!buf) return CL_ERR_NOMEM;
    cl_status st;
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    struct stat sb;
    if (fd < 0 || fstat(fd, &sb) != 0 || !S_ISREG(sb.st_mode)) {
        if (fd >= 0) close(fd);
        say(reply, cap, "cannot open the file (or not a regular file)");
        free(buf);
        return CL_ERR_IO;
    }
    if (!remote) {
        const char *slash = strrchr(path, '/');
        remote = slash ? slash + 1 : path;
    }
    uint8_t digest[32];
    uint64_t size;
    st = hash_file(fd, buf + 1, digest, &size);
    if (st) { say(reply, cap, "read error"); goto out; }
    size_t len = net_app_put(buf, overwrite ? NET_PUT_OVERWRITE : 0, size, digest, remote);
    if (!len) { st = CL_ERR_BAD_ARGUMENT; say(reply, cap, "file name too long (255 bytes at most)"); goto out; }
    st = net_send(c, buf, len);
    if (st) { say(reply, cap, net_conn_error(c)); goto out; }
    st = expect_result(c, buf, reply, cap);     /* ready, or refused */
    if (st) goto out;
    uint64_t done = 0;
    while (done < size) {
        uint64_t want = size - done < NET_APP_MAX_DATA ? size - done : NET_APP_MAX_DATA;
        ssize_t r = read(fd, buf + 1, (size_t)want);
        if (r <= 0) {
            /* The file shrank: stop without a result; the server stores nothing. */
            net_abort(c, NET_ALERT_INTERNAL_ERROR);
            say(reply, cap, "the file changed while it was being sent");
            st = CL_ERR_IO;
            goto out;
        }
        /* The server says nothing during the DATA stream unless it ends the
         * session (close_notify, e.g. it is stopping) or fails it (alert):
         * look before each record, stop at once and say so (§6.1). */
        if (net_conn_readable(c)) {
            st = interrupted(c, buf, reply, cap);
            goto out;
        }
        buf[0] = NET_APP_DATA;
        st = net_send(c, buf, 1 + (size_t)r);
        if (st) { say(reply, cap, upload_error(c, st)); goto out; }
        done += (uint64_t)r;
        if (progress) progress(arg, done, size);
    }
    if (progress && size == 0) progress(arg, 0, 0);
    st = expect_result(c, buf, reply, cap);
    if (st == CL_ERR_CLOSED) say(reply, cap, upload_error(c, st));
out:
    close(fd);
    free(buf);
    return st;
}

/* The DATA messages of a download into o, hashed as they come. */
static cl_status receive_file(net_conn *c, uint8_t *buf, uint64_t size, struct cl_outfile *o,
                              uint8_t got[32], net_progress_fn progress, void *arg, char *reply, size_t cap)
{
    sha256_ctx h;
    sha256_init(&h);
    uint64_t done = 0;
    cl_status st = CL_OK;
    int io_ok = 1;
    while (done < size) {
        struct net_app_msg m;
        st = recv_msg(c, buf, &m, reply, cap);
        if (st) {                       /* the server stopped or the path broke */
            const char *fate = o->kind == CL_OUTFILE_RENAME ? "nothing stored"
                                                            : "already written: discard it";
            if (st == CL_ERR_CLOSED)
                snprintf(reply, cap, "the server ended the session (close_notify) during the download: %s", fate);
            else if (st == CL_ERR_TRUNCATED || st == CL_ERR_SOCKET || st == CL_ERR_TIMEOUT)
                snprintf(reply, cap, "the download was cut: %s: %s", net_conn_error(c), fate);
            break;
        }
        if (m.kind != NET_APP_DATA || m.data_len > size - done) {
            net_abort(c, NET_ALERT_UNEXPECTED_MESSAGE);
            say(reply, cap, "unexpected message from the server");
            st = CL_ERR_PROTOCOL;
            break;
        }
        sha256_update(&h, m.data, m.data_len);
        if (io_ok && cl_outfile_write(o, m.data, m.data_len) != CL_OK) io_ok = 0;
        done += m.data_len;
        if (progress) progress(arg, done, size);
    }
    sha256_final(&h, got);
    if (!st && !io_ok) {
        st = CL_ERR_IO;
        snprintf(reply, cap, "write error: %s", cl_outfile_strerror(o, CL_ERR_IO));
    }
    return st;
}

/* Puts a checked download in place: without overwrite a temporary is
 * link()ed to the name (EEXIST instead of replacing a file made meanwhile). */
static cl_status finish_file(struct cl_outfile *o, int overwrite, char *reply, size_t cap)
{
    if (overwrite || o->kind != CL_OUTFILE_RENAME) {
        cl_status st = cl_outfile_commit(o);
        if (st) snprintf(reply, cap, "cannot write the output file: %s", cl_outfile_strerror(o, st));
        return st;
    }
    int e = 0;
    if (fflush(o->fp) != 0 || fsync(fileno(o->fp)) != 0) e = errno ? errno : EIO;
    else if (link(o->tmp, o->target) != 0) e = errno;
    cl_outfile_abort(o);
    if (e == EEXIST) { say(reply, cap, "the output file appeared meanwhile: not replaced (use --overwrite)"); return CL_ERR_FILE_EXISTS; }
    if (e) { snprintf(reply, cap, "cannot write the output file: %s", strerror(e)); return CL_ERR_IO; }
    return CL_OK;
}

cl_status net_client_get(net_conn *c, const char *name, const char *out_path, int overwrite,
                         struct net_tmpfile *tmp, net_progress_fn progress, void *arg,
                         char *reply, size_t cap)
{
    if (!c || !name) return CL_ERR_NULL_POINTER;
    if (!out_path) out_path = name;
    struct stat sb;
    int to_stdout = strcmp(out_path, "-") == 0;
    if (!to_stdout && stat(out_path, &sb) == 0) {          /* before anything is asked */
        if (S_ISDIR(sb.st_mode)) { snprintf(reply, cap, "%s is a directory", out_path); return CL_ERR_BAD_ARGUMENT; }
        if (S_ISREG(sb.st_mode) && !overwrite) {
            snprintf(reply, cap, "%s exists: not replaced (use --overwrite)", out_path);
            return CL_ERR_FILE_EXISTS;
        }
    }
    uint8_t *buf = malloc(NET_MAX_PLAINTEXT);
    if (!buf) return CL_ERR_NOMEM;
    size_t len = net_app_get(buf, name);
    cl_status st = len ? net_send(c, buf, len) : CL_ERR_BAD_ARGUMENT;
    if (st) { say(reply, cap, len ? net_conn_error(c) : "name too long"); free(buf); return st; }
    struct net_app_msg m;
    st = recv_msg(c, buf, &m, reply, cap);
    if (st) { free(buf); return st; }
    if (m.kind == NET_APP_RESULT) {
        result_text(&m, reply, cap);
        free(buf);
        return m.code == NET_RES_OK ? CL_ERR_PROTOCOL : CL_ERR_REFUSED;
    }
    if (m.kind != NET_APP_FILEINFO) {
        net_abort(c, NET_ALERT_UNEXPECTED_MESSAGE);
        say(reply, cap, "unexpected message from the server");
        free(buf);
        return CL_ERR_PROTOCOL;
    }
    uint64_t size = m.size;
    uint8_t want[32], got[32];
    memcpy(want, m.sha256, 32);

    struct cl_outfile o;
    st = cl_outfile_open(&o, to_stdout ? NULL : out_path, 0644, 0);
    if (st) {
        snprintf(reply, cap, "cannot open %s: %s", out_path, cl_outfile_strerror(&o, st));
        net_abort(c, NET_ALERT_INTERNAL_ERROR);       /* we will not read the DATA that follows */
        free(buf);
        return st;
    }
    if (tmp && o.kind == CL_OUTFILE_RENAME && strlen(o.tmp) < sizeof tmp->path) {
        memcpy(tmp->path, o.tmp, strlen(o.tmp) + 1);
        tmp->active = 1;
    }
    st = receive_file(c, buf, size, &o, got, progress, arg, reply, cap);
    if (!st && memcmp(got, want, 32) != 0) {
        st = CL_ERR_HASH_MISMATCH;
        say(reply, cap, o.kind == CL_OUTFILE_RENAME
            ? "SHA-256 of the received file does not match the server's: nothing stored"
            : "SHA-256 of the received data does not match the server's (already written: discard it)");
    }
    if (tmp) tmp->active = 0;
    if (st) cl_outfile_abort(&o);
    else st = finish_file(&o, overwrite, reply, cap);
    if (!st) snprintf(reply, cap, "received %s (%llu bytes, SHA-256 verified)",
                      to_stdout ? "standard output" : out_path, (unsigned long long)size);
    free(buf);
    return st;
}

cl_status net_client_auth(net_conn *c, const rsa_key *identity, const uint8_t *salt,
                          char *reply, size_t cap)
{
    if (!c || !identity) return CL_ERR_NULL_POINTER;
    if (net_conn_version(c) < NET_VERSION_2) {
        say(reply, cap, "the server speaks protocol version 1: no client authentication");
        return CL_ERR_UNSUPPORTED;
    }
    uint8_t spki[NET_MAX_SPKI], h[32], sig[NET_MAX_RSA_BYTES];
    size_t spki_len, sig_len;
    uint8_t *buf = malloc(NET_MAX_PLAINTEXT);
    if (!buf) return CL_ERR_NOMEM;
    cl_status st = rsa_spki_der(identity, spki, sizeof spki, &spki_len);
    if (!st) st = net_conn_session_hash(c, h);
    if (!st) st = net_auth_sign(identity, h, salt, sig, sizeof sig, &sig_len);
    if (st) { say(reply, cap, "cannot sign with the identity key"); free(buf); return st; }
    size_t len = net_app_auth(buf, spki, spki_len, sig, sig_len);
    st = len ? net_send(c, buf, len) : CL_ERR_BAD_ARGUMENT;
    if (st) { say(reply, cap, len ? net_conn_error(c) : "identity key too large"); free(buf); return st; }
    struct net_app_msg m;
    st = recv_msg(c, buf, &m, reply, cap);
    if (!st && m.kind != NET_APP_RESULT) {
        net_abort(c, NET_ALERT_UNEXPECTED_MESSAGE);
        say(reply, cap, "unexpected message from the server");
        st = CL_ERR_PROTOCOL;
    } else if (!st) {
        result_text(&m, reply, cap);
        if (m.code != NET_RES_OK) st = m.code == NET_RES_DENIED ? CL_ERR_AUTH_DENIED : CL_ERR_REFUSED;
    }
    free(buf);
    return st;
}

/* Prints s with control characters replaced (a server cannot drive our terminal). */
static void print_clean(FILE *out, const uint8_t *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        fputc((s[i] < 0x20 || s[i] == 0x7f) ? '?' : s[i], out);
}

cl_status net_client_list(net_conn *c, FILE *out, char *reply, size_t cap)
{
    uint8_t *buf = malloc(NET_MAX_PLAINTEXT);
    if (!buf) return CL_ERR_NOMEM;
    cl_status st = net_send(c, buf, net_app_list(buf));
    if (st) { say(reply, cap, net_conn_error(c)); free(buf); return st; }
    for (;;) {
        struct net_app_msg m;
        st = recv_msg(c, buf, &m, reply, cap);
        if (st) break;
        if (m.kind == NET_APP_ENTRY) {
            fprintf(out, "%12llu  ", (unsigned long long)m.size);
            print_clean(out, (const uint8_t *)m.name, m.name_len);
            fputc('\n', out);
            continue;
        }
        if (m.kind == NET_APP_RESULT) {
            result_text(&m, reply, cap);
            st = m.code == NET_RES_OK ? CL_OK : CL_ERR_REFUSED;
            break;
        }
        net_abort(c, NET_ALERT_UNEXPECTED_MESSAGE);
        say(reply, cap, "unexpected message from the server");
        st = CL_ERR_PROTOCOL;
        break;
    }
    free(buf);
    return st;
}

cl_status net_client_echo(net_conn *c, int in_fd, int out_fd, char *reply, size_t cap)
{
    uint8_t *buf = malloc(NET_MAX_PLAINTEXT);
    if (!buf) return CL_ERR_NOMEM;
    cl_status st = CL_OK;
    for (;;) {
        ssize_t r = read(in_fd, buf + 1, NET_APP_MAX_DATA);
        if (r < 0 && errno == EINTR) continue;
        if (r < 0) { st = CL_ERR_IO; say(reply, cap, "read error on input"); break; }
        if (r == 0) break;
        buf[0] = NET_APP_ECHO;
        st = net_send(c, buf, 1 + (size_t)r);
        if (st) { say(reply, cap, net_conn_error(c)); break; }
        struct net_app_msg m;
        st = recv_msg(c, buf, &m, reply, cap);
        if (st) break;
        if (m.kind != NET_APP_ECHO || m.data_len != (size_t)r) {
            net_abort(c, NET_ALERT_UNEXPECTED_MESSAGE);
            say(reply, cap, "unexpected message from the server");
            st = CL_ERR_PROTOCOL;
            break;
        }
        const uint8_t *p = m.data;
        size_t n = m.data_len;
        while (n > 0) {
            ssize_t w = write(out_fd, p, n);
            if (w < 0 && errno == EINTR) continue;
            if (w <= 0) { st = CL_ERR_IO; break; }
            p += w;
            n -= (size_t)w;
        }
        if (st) { say(reply, cap, "write error on output"); break; }
    }
    free(buf);
    return st;
}

cl_status net_client_chat(net_conn *c, const char *nick, int in_fd, FILE *out,
                          char *reply, size_t cap)
{
    uint8_t *buf = malloc(NET_MAX_PLAINTEXT);
    char *line = malloc(NET_MAX_TEXT + 1);
    if (!buf || !line) { free(buf); free(line); return CL_ERR_NOMEM; }
    size_t len = net_app_chat_join(buf, nick);
    cl_status st = len ? net_send(c, buf, len) : CL_ERR_BAD_ARGUMENT;
    if (!st) st = expect_result(c, buf, reply, cap);
    else say(reply, cap, len ? net_conn_error(c) : "nick must be 1..32 bytes");
    size_t used = 0;
    int in_open = 1;
    while (!st && in_open) {
        struct pollfd p[2] = { { .fd = net_conn_fd(c), .events = POLLIN, .revents = 0 },
                               { .fd = in_fd, .events = POLLIN, .revents = 0 } };
        int buffered = net_conn_buffered(c);
        if (poll(p, 2, buffered ? 0 : -1) < 0) { if (errno == EINTR) continue; st = CL_ERR_IO; break; }
        if (p[0].revents || buffered) {
            struct net_app_msg m;
            st = recv_msg(c, buf, &m, reply, cap);
            if (st) break;
            if (m.kind != NET_APP_CHAT_LINE) {
                net_abort(c, NET_ALERT_UNEXPECTED_MESSAGE);
                st = CL_ERR_PROTOCOL;
                break;
            }
            if (strcmp(m.name, "*") == 0) fputs("* ", out);
            else { fputc('<', out); print_clean(out, (const uint8_t *)m.name, m.name_len); fputs("> ", out); }
            print_clean(out, m.data, m.data_len);
            fputc('\n', out);
            fflush(out);
        }
        if (p[1].revents) {
            ssize_t r = read(in_fd, line + used, NET_MAX_TEXT - used);
            if (r < 0 && errno == EINTR) continue;
            if (r <= 0) { in_open = 0; r = 0; }
            used += (size_t)r;
            /* Send every complete line; a line longer than the limit (the
             * buffer full without a newline) is cut. */
            size_t start = 0;
            for (size_t i = 0; i < used && !st; i++) {
                int full = start == 0 && used == NET_MAX_TEXT;
                if (line[i] != '\n' && !(i + 1 == used && (full || !in_open))) continue;
                size_t end = line[i] == '\n' ? i : i + 1;
                size_t l = end - start;
                if (l > 0 && line[start + l - 1] == '\r') l--;
                if (l > 0) st = net_send(c, buf, net_app_chat_say(buf, line + start, l));
                start = i + 1;
            }
            memmove(line, line + start, used - start);
            used -= start;
        }
    }
    if (!st) {
        st = net_close(c);
        if (st) say(reply, cap, net_conn_error(c));
    }
    if (st == CL_ERR_CLOSED) { st = CL_OK; say(reply, cap, "the server closed the chat"); }
    free(buf);
    free(line);
    return st;
}
