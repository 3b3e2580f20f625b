/* net/serve_files.c -- put, get and ls on the server (docs/protocol.md §9).
 * Names are checked by net_file_name_ok(); uploads go to a temporary file
 * in the served directory and are renamed into place only after their
 * SHA-256 matches. */
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

#define FILE_BUF NET_APP_MAX_DATA

static int join_path(char *out, size_t cap, const char *dir, const char *name)
{
    return (size_t)snprintf(out, cap, "%s/%s", dir, name) < cap;
}

static int write_all(int fd, const uint8_t *p, size_t n)
{
    while (n > 0) {
        ssize_t w = write(fd, p, n);
        if (w < 0 && errno == EINTR) continue;
        if (w <= 0) return 0;
        p += w;
        n -= (size_t)w;
    }
    return 1;
}

cl_status srv_put(struct net_client *cl, const struct net_app_msg *m)
{
    const char *dir = cl->srv->cfg.dir;
    char path[4096], tmp[4096];
    if (!net_file_name_ok(m->name, m->name_len)) {
        srv_log(cl, "put refused: bad file name (%zu bytes)", m->name_len);
        return srv_result(cl, NET_RES_BAD_NAME, "bad file name: no '/', '\\', control characters or leading '.'");
    }
    if (!join_path(path, sizeof path, dir, m->name) || !join_path(tmp, sizeof tmp, dir, ".cl-tmp-XXXXXX"))
        return srv_result(cl, NET_RES_BAD_NAME, "name too long");
    int overwrite = m->flags & NET_PUT_OVERWRITE;
    struct stat sb;
    if (!overwrite && lstat(path, &sb) == 0) {
        srv_log(cl, "put refused: %s exists", m->name);
        return srv_result(cl, NET_RES_EXISTS, "file exists on the server (use --overwrite)");
    }
    int fd = mkstemp(tmp);
    if (fd < 0) {
        srv_log(cl, "put failed: cannot create a temporary file: %s", strerror(errno));
        return srv_result(cl, NET_RES_IO_ERROR, "cannot create the file on the server");
    }
    fchmod(fd, 0644);
    srv_log(cl, "receiving %s (%llu bytes)", m->name, (unsigned long long)m->size);
    cl_status st = srv_result(cl, NET_RES_OK, "ready");
    sha256_ctx h;
    sha256_init(&h);
    uint64_t left = m->size;
    int io_ok = 1;
    while (!st && left > 0) {
        size_t len;
        st = net_recv(cl->c, cl->msg, sizeof cl->msg, &len);
        if (st) break;
        struct net_app_msg d;
        uint8_t alert;
        st = net_app_parse(cl->msg, len, &d, &alert);
        if (st) { net_abort(cl->c, alert); break; }
        if (d.kind != NET_APP_DATA || d.data_len > left) {
            st = CL_ERR_PROTOCOL;
            net_abort(cl->c, NET_ALERT_UNEXPECTED_MESSAGE);
            break;
        }
        sha256_update(&h, d.data, d.data_len);
        if (io_ok && !write_all(fd, d.data, d.data_len)) io_ok = 0;
        left -= d.data_len;
    }
    uint8_t digest[32];
    sha256_final(&h, digest);
    if (close(fd) != 0) io_ok = 0;
    if (st) {
        unlink(tmp);
        srv_log(cl, "transfer of %s aborted, nothing stored: %s", m->name, net_conn_error(cl->c));
        return st;
    }
    if (!io_ok) {
        unlink(tmp);
        srv_log(cl, "put of %s failed: write error", m->name);
        return srv_result(cl, NET_RES_IO_ERROR, "write error on the server (disk full?)");
    }
    if (memcmp(digest, m->sha256, 32) != 0) {
        unlink(tmp);
        srv_log(cl, "put of %s: SHA-256 mismatch, nothing stored", m->name);
        return srv_result(cl, NET_RES_HASH_MISMATCH, "SHA-256 does not match: nothing stored");
    }
    int r;
    if (overwrite) {
        r = rename(tmp, path);
    } else {
        r = link(tmp, path);               /* fails with EEXIST instead of replacing */
        unlink(tmp);
    }
    if (r != 0) {
        int e = errno;
        if (overwrite) unlink(tmp);
        srv_log(cl, "put of %s failed: %s", m->name, strerror(e));
        return srv_result(cl, e == EEXIST ? NET_RES_EXISTS : NET_RES_IO_ERROR,
                          e == EEXIST ? "file exists on the server (use --overwrite)" : "cannot store the file");
    }
    char hex[65], text[400];
    cl_hex_encode(digest, 32, hex);
    srv_log(cl, "stored %s (%llu bytes, SHA-256 %s)", m->name, (unsigned long long)m->size, hex);
    snprintf(text, sizeof text, "stored %s (%llu bytes, SHA-256 verified)", m->name,
             (unsigned long long)m->size);
    return srv_result(cl, NET_RES_OK, text);
}

/* Opens a regular file of the served directory (no symlinks). */
static int open_served(struct net_client *cl, const char *name, uint64_t *size)
{
    char path[4096];
    if (!join_path(path, sizeof path, cl->srv->cfg.dir, name)) return -1;
    int fd = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
    if (fd < 0) return -1;
    struct stat sb;
    if (fstat(fd, &sb) != 0 || !S_ISREG(sb.st_mode)) { close(fd); return -1; }
    *size = (uint64_t)sb.st_size;
    return fd;
}

cl_status srv_get(struct net_client *cl, const struct net_app_msg *m)
{
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
    while ((r = read(fd, buf, FILE_BUF)) > 0) { sha256_update(&h, buf, (size_t)r); n += (uint64_t)r; }
    uint8_t digest[32];
    sha256_final(&h, digest);
    if (r < 0 || n != size || lseek(fd, 0, SEEK_SET) != 0) {
        close(fd);
        return srv_result(cl, NET_RES_IO_ERROR, "read error on the server");
    }
    size_t len = net_app_fileinfo(cl->out, size, digest, m->name);
    cl_status st = net_send(cl->c, cl->out, len);
    uint64_t left = size;
    while (!st && left > 0) {
        size_t want = left < FILE_BUF ? (size_t)left : FILE_BUF;
        r = read(fd, cl->out + 1, want);
        if (r <= 0) {      /* the file shrank: we cannot keep our promise */
            srv_log(cl, "get %s: file changed while sending", m->name);
            net_abort(cl->c, NET_ALERT_INTERNAL_ERROR);
            st = CL_ERR_IO;
            break;
        }
        cl->out[0] = NET_APP_DATA;
        st = net_send(cl->c, cl->out, 1 + (size_t)r);
        left -= (uint64_t)r;
    }
    close(fd);
    if (!st) srv_log(cl, "sent %s (%llu bytes)", m->name, (unsigned long long)size);
    return st;
}

cl_status srv_list(struct net_client *cl)
{
    DIR *d = opendir(cl->srv->cfg.dir);
    if (!d) return srv_result(cl, NET_RES_IO_ERROR, "cannot read the directory");
    struct dirent *e;
    cl_status st = CL_OK;
    unsigned count = 0;
    while (!st && (e = readdir(d)) != NULL) {
        struct stat sb;
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
