/* net/serve_files.c -- put, get and ls on the server (docs/protocol.md §9).
 *
 * Names are checked by net_file_name_ok().  Nothing is ever half-written:
 * an upload is checked against --max-file-size and the area's quota before
 * its first byte is accepted, goes to a temporary of common/outfile.h in
 * the area's directory, and is moved into place only once its SHA-256
 * matches (link() when it must not replace a file, so that two uploads of
 * one name cannot both win); any failure, a lost connection or the
 * server's stop removes the temporary.  Only regular files are listed or
 * opened: a FIFO, device or socket is never opened (O_NONBLOCK + fstat
 * before any read), a symlink never followed. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>
#include "net/server_internal.h"
#include "sha256/sha256.h"
#include "common/hex.h"
#include "common/outfile.h"

#define FILE_BUF NET_APP_MAX_DATA

static int join_path(char *out, size_t cap, const char *dir, const char *name)
{
    return (size_t)snprintf(out, cap, "%s/%s", dir, name) < cap;
}

/* Bytes held by the regular files of an area (names the server would
 * accept: temporaries, which start with '.', are counted by the
 * reservations instead). */
static uint64_t area_used(const char *dir)
{
    DIR *d = opendir(dir);
    if (!d) return 0;
    uint64_t used = 0;
    struct dirent *e;
    struct stat sb;
    while ((e = readdir(d)) != NULL)
        if (e->d_name[0] != '.' && fstatat(dirfd(d), e->d_name, &sb, AT_SYMLINK_NOFOLLOW) == 0 &&
            S_ISREG(sb.st_mode))
            used += (uint64_t)sb.st_size;
    closedir(d);
    return used;
}

/* §9 limits, before any byte is stored: --max-file-size (too_large), then
 * the area's quota (quota), counting the uploads in flight; on success the
 * size is reserved until srv_release(). */
static uint8_t reserve(struct net_client *cl, uint64_t size, uint64_t replaced, char *why, size_t cap)
{
    net_server *s = cl->srv;
    struct srv_area *a = cl->area;
    if (s->cfg.max_file_size && size > s->cfg.max_file_size) {
        snprintf(why, cap, "file too large: %llu bytes, the server accepts at most %llu",
                 (unsigned long long)size, (unsigned long long)s->cfg.max_file_size);
        return NET_RES_TOO_LARGE;
    }
    if (!s->cfg.quota) {
        pthread_mutex_lock(&s->area_lock);
        a->reserved += size;
        pthread_mutex_unlock(&s->area_lock);
        return NET_RES_OK;
    }
    uint64_t used = area_used(a->path);
    uint8_t code = NET_RES_OK;
    pthread_mutex_lock(&s->area_lock);
    uint64_t after = used - (replaced < used ? replaced : used) + a->reserved;
    if (after > s->cfg.quota || size > s->cfg.quota - after) {
        snprintf(why, cap, "quota exceeded: %llu of %llu bytes in use or in transfer, this file needs %llu",
                 (unsigned long long)after, (unsigned long long)s->cfg.quota, (unsigned long long)size);
        code = NET_RES_QUOTA;
    } else {
        a->reserved += size;
    }
    pthread_mutex_unlock(&s->area_lock);
    return code;
}

static void release(struct net_client *cl, uint64_t size)
{
    pthread_mutex_lock(&cl->srv->area_lock);
    cl->area->reserved -= size;
    pthread_mutex_unlock(&cl->srv->area_lock);
}

/* The DATA stream of an upload into o (docs/protocol.md §9): exactly size
 * bytes, hashed as they come.  *io_ok drops to 0 on a write error (the
 * stream is still read to its end). */
static cl_status receive_data(struct net_client *cl, uint64_t size, struct cl_outfile *o,
                              uint8_t digest[32], int *io_ok)
{
    sha256_ctx h;
    sha256_init(&h);
    uint64_t left = size;
    cl_status st = CL_OK;
    while (left > 0) {
        size_t len;
        if (net_core_stopping(cl->cc)) { st = CL_ERR_CLOSED; break; }  /* a peer may keep sending */
        st = net_recv(cl->c, cl->msg, sizeof cl->msg, &len);
        if (st) break;
        struct net_app_msg d;
        uint8_t alert;
        st = net_app_parse(cl->msg, len, &d, &alert);
        if (st) { net_abort(cl->c, alert); break; }
        if (d.kind != NET_APP_DATA || d.data_len > left) {
            st = net_fail_alert(cl->c, NET_ALERT_UNEXPECTED_MESSAGE,
                                d.kind == NET_APP_DATA ? "DATA beyond the announced size" : "not DATA during an upload");
            break;
        }
        sha256_update(&h, d.data, d.data_len);
        if (*io_ok && cl_outfile_write(o, d.data, d.data_len) != CL_OK) *io_ok = 0;
        left -= d.data_len;
    }
    sha256_final(&h, digest);
    return st;
}

/* Moves the checked upload into place.  Without overwrite: link() the
 * temporary to the name (fails with EEXIST instead of replacing a file
 * stored meanwhile), then drop the temporary; with overwrite: commit
 * (rename over the old file, whose mode it keeps). */
static cl_status store(struct cl_outfile *o, const char *path, int overwrite, int *err)
{
    if (overwrite) {
        cl_status st = cl_outfile_commit(o);
        *err = st == CL_ERR_IO ? o->err : st == CL_ERR_OUT_CHANGED ? EEXIST : 0;
        return st;
    }
    int e = 0;
    if (fflush(o->fp) != 0 || fsync(fileno(o->fp)) != 0) e = errno ? errno : EIO;
    else if (link(o->tmp, path) != 0) e = errno;
    cl_outfile_abort(o);                       /* removes the temporary name */
    *err = e;
    return e ? CL_ERR_IO : CL_OK;
}

cl_status srv_put(struct net_client *cl, const struct net_app_msg *m)
{
    char path[4096], why[200];
    if (!cl->may_write) {
        srv_log(cl, "put refused: %s may not write", cl->who);
        return srv_result(cl, NET_RES_DENIED, cl->anonymous ? "anonymous clients may not upload to this server"
                                                           : "your key is not allowed to write");
    }
    if (!net_file_name_ok(m->name, m->name_len)) {
        srv_log(cl, "put refused: bad file name (%zu bytes)", m->name_len);
        return srv_result(cl, NET_RES_BAD_NAME, "bad file name: no '/', '\\', control or bidirectional "
                                                "formatting characters, no leading '.'");
    }
    if (!join_path(path, sizeof path, cl->area->path, m->name))
        return srv_result(cl, NET_RES_BAD_NAME, "name too long");
    int overwrite = (m->flags & NET_PUT_OVERWRITE) && cl->may_overwrite;
    struct stat sb;
    uint64_t replaced = 0;
    if (lstat(path, &sb) == 0) {
        if (!S_ISREG(sb.st_mode)) {
            srv_log(cl, "put refused: %s exists and is not a regular file", m->name);
            return srv_result(cl, NET_RES_EXISTS, "that name exists on the server and is not a regular file");
        }
        if (!overwrite) {
            srv_log(cl, "put refused: %s exists", m->name);
            return srv_result(cl, NET_RES_EXISTS, (m->flags & NET_PUT_OVERWRITE)
                              ? "file exists on the server, and you may not replace files"
                              : "file exists on the server (use --overwrite)");
        }
        replaced = (uint64_t)sb.st_size;
    }
    uint8_t code = reserve(cl, m->size, replaced, why, sizeof why);
    if (code != NET_RES_OK) {
        srv_log(cl, "put of %s refused: %s", m->name, why);
        return srv_result(cl, code, why);
    }
    struct cl_outfile o;
    cl_status st = cl_outfile_open(&o, path, 0644, CL_OUTFILE_NO_SYMLINK | CL_OUTFILE_REGULAR_ONLY);
    if (st) {
        release(cl, m->size);
        srv_log(cl, "put failed: cannot create a temporary file: %s", cl_outfile_strerror(&o, st));
        return srv_result(cl, NET_RES_IO_ERROR, "cannot create the file on the server");
    }
    srv_log(cl, "receiving %s (%llu bytes)", m->name, (unsigned long long)m->size);
    st = srv_result(cl, NET_RES_OK, "ready");
    uint8_t digest[32];
    int io_ok = 1;
    if (!st) st = receive_data(cl, m->size, &o, digest, &io_ok);
    if (st) {
        cl_outfile_abort(&o);
        release(cl, m->size);
        srv_log(cl, "transfer of %s aborted, nothing stored: %s", m->name,
                net_core_stopping(cl->cc) ? "the server is stopping" : net_conn_error(cl->c));
        return st;
    }
    if (!io_ok || memcmp(digest, m->sha256, 32) != 0) {
        cl_outfile_abort(&o);
        release(cl, m->size);
        srv_log(cl, "put of %s: %s, nothing stored", m->name, io_ok ? "SHA-256 mismatch" : "write error");
        return io_ok ? srv_result(cl, NET_RES_HASH_MISMATCH, "SHA-256 does not match: nothing stored")
                     : srv_result(cl, NET_RES_IO_ERROR, "write error on the server (disk full?)");
    }
    int err = 0;
    st = store(&o, path, overwrite, &err);
    release(cl, m->size);
    if (st) {
        srv_log(cl, "put of %s failed: %s", m->name, strerror(err));
        return srv_result(cl, err == EEXIST ? NET_RES_EXISTS : NET_RES_IO_ERROR,
                          err == EEXIST ? "file exists on the server (stored meanwhile by another upload)"
                                        : "cannot store the file");
    }
    char hex[65], text[400];
    cl_hex_encode(digest, 32, hex);
    srv_log(cl, "stored %s (%llu bytes, SHA-256 %s)", m->name, (unsigned long long)m->size, hex);
    snprintf(text, sizeof text, "stored %s (%llu bytes, SHA-256 verified)", m->name,
             (unsigned long long)m->size);
    return srv_result(cl, NET_RES_OK, text);
}

/* Opens a regular file of the area.  O_NONBLOCK: opening a FIFO must not
 * wait for a writer; O_NOFOLLOW: no symlinks; fstat before any read. */
static int open_served(struct net_client *cl, const char *name, uint64_t *size)
{
    char path[4096];
    if (!join_path(path, sizeof path, cl->area->path, name)) return -1;
    int fd = open(path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
    if (fd < 0) return -1;
    struct stat sb;
    if (fstat(fd, &sb) != 0 || !S_ISREG(sb.st_mode)) { close(fd); return -1; }
    int fl = fcntl(fd, F_GETFL);
    if (fl >= 0) fcntl(fd, F_SETFL, fl & ~O_NONBLOCK);
    *size = (uint64_t)sb.st_size;
    return fd;
}

cl_status srv_get(struct net_client *cl, const struct net_app_msg *m)
{
    if (!cl->may_read) {
        srv_log(cl, "get refused: %s may not read", cl->who);
        return srv_result(cl, NET_RES_DENIED, cl->anonymous ? "anonymous clients may not download from this server"
                                                           : "your key is not allowed to read");
    }
    if (!net_file_name_ok(m->name, m->name_len)) {
        srv_log(cl, "get refused: bad file name");
        return srv_result(cl, NET_RES_BAD_NAME, "bad file name");
    }
    uint64_t size;
    int fd = open_served(cl, m->name, &size);
    if (fd < 0) {
        srv_log(cl, "get %s: not found", m->name);
        return srv_result(cl, NET_RES_NOT_FOUND, "no such file on the server");
    }
    /* First pass: the SHA-256 announced in FILEINFO. */
    uint8_t *buf = cl->out + 1;
    sha256_ctx h;
    sha256_init(&h);
    uint64_t n = 0;
    ssize_t r;
    while ((r = read(fd, buf, FILE_BUF)) > 0 && !net_core_stopping(cl->cc)) {
        sha256_update(&h, buf, (size_t)r);
        n += (uint64_t)r;
    }
    uint8_t digest[32];
    sha256_final(&h, digest);
    if (net_core_stopping(cl->cc)) { close(fd); return CL_ERR_CLOSED; }
    if (r < 0 || n != size || lseek(fd, 0, SEEK_SET) != 0) {
        close(fd);
        return srv_result(cl, NET_RES_IO_ERROR, "read error on the server");
    }
    size_t len = net_app_fileinfo(cl->out, size, digest, m->name);
    cl_status st = net_send(cl->c, cl->out, len);
    if (!st) srv_log(cl, "sending %s (%llu bytes)", m->name, (unsigned long long)size);
    uint64_t left = size;
    while (!st && left > 0) {
        size_t want = left < FILE_BUF ? (size_t)left : FILE_BUF;
        r = read(fd, cl->out + 1, want);
        if (r <= 0) {      /* the file shrank: we cannot keep our promise */
            srv_log(cl, "get %s: file changed while sending", m->name);
            st = net_fail_alert(cl->c, NET_ALERT_INTERNAL_ERROR, "the file changed while it was sent");
            break;
        }
        cl->out[0] = NET_APP_DATA;
        st = net_send(cl->c, cl->out, 1 + (size_t)r);
        left -= (uint64_t)r;
        if (!st && net_core_stopping(cl->cc)) st = CL_ERR_CLOSED;   /* stop: no more DATA */
    }
    close(fd);
    if (!st) srv_log(cl, "sent %s (%llu bytes)", m->name, (unsigned long long)size);
    return st;
}

cl_status srv_list(struct net_client *cl)
{
    if (!cl->may_list) {
        srv_log(cl, "ls refused: %s may not list", cl->who);
        return srv_result(cl, NET_RES_DENIED, cl->anonymous ? "anonymous clients may not list this server's files"
                                                           : "your key is not allowed to list");
    }
    DIR *d = opendir(cl->area->path);
    if (!d) return srv_result(cl, NET_RES_IO_ERROR, "cannot read the directory");
    struct dirent *e;
    cl_status st = CL_OK;
    unsigned count = 0;
    while (!st && (e = readdir(d)) != NULL) {
        struct stat sb;     /* lstat: a symlink, FIFO, device, socket or directory is not listed */
        if (!net_file_name_ok(e->d_name, strlen(e->d_name))) continue;
        if (fstatat(dirfd(d), e->d_name, &sb, AT_SYMLINK_NOFOLLOW) != 0 || !S_ISREG(sb.st_mode)) continue;
        size_t len = net_app_entry(cl->out, (uint64_t)sb.st_size, e->d_name);
        if (len) { st = net_send(cl->c, cl->out, len); count++; }
    }
    closedir(d);
    if (st) return st;
    char text[64];
    snprintf(text, sizeof text, "%u file(s)", count);
    srv_log(cl, "listed %u file(s)", count);
    return srv_result(cl, NET_RES_OK, text);
}

/* A temporary left by a writer of ours: common/outfile.h's ".NAME.tmp" +
 * 16 hex digits, or the ".cl-tmp-XXXXXX" of earlier versions.  Clients
 * cannot create either (no name may start with '.'). */
static int is_stale_temporary(const char *n)
{
    if (strncmp(n, ".cl-tmp-", 8) == 0) return strlen(n) == 14;
    size_t l = strlen(n);
    if (n[0] != '.' || l < 1 + 1 + 4 + 16) return 0;
    if (memcmp(n + l - 20, ".tmp", 4) != 0) return 0;
    for (size_t i = l - 16; i < l; i++)
        if (!((n[i] >= '0' && n[i] <= '9') || (n[i] >= 'a' && n[i] <= 'f'))) return 0;
    return 1;
}

int srv_remove_stale(const char *dir)
{
    DIR *d = opendir(dir);
    if (!d) return 0;
    int n = 0;
    struct dirent *e;
    struct stat sb;
    while ((e = readdir(d)) != NULL)
        if (is_stale_temporary(e->d_name) && fstatat(dirfd(d), e->d_name, &sb, AT_SYMLINK_NOFOLLOW) == 0 &&
            S_ISREG(sb.st_mode) && unlinkat(dirfd(d), e->d_name, 0) == 0)
            n++;
    closedir(d);
    return n;
}
