/* common/outfile.c -- safe output files (see outfile.h for the rules). */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include "outfile.h"
#include "random.h"

#define OUTFILE_MAX_LINKS 40     /* as the kernel's MAXSYMLINKS */
#define OUTFILE_TMP_BASE  200    /* bytes of the name kept in the temporary's name */
#define OUTFILE_TMP_TRIES 16

static cl_status sys_fail(struct cl_outfile *o, int e)
{
    o->err = e ? e : EIO;
    return CL_ERR_IO;
}

/* "/dev/stdout" -> 1, "/dev/stderr" -> 2, "/dev/fd/N" and "/proc/self/fd/N"
 * -> N; anything else -> -1. */
static int descriptor_name(const char *p)
{
    const char *digits = NULL;
    if (strcmp(p, "/dev/stdout") == 0)
        return 1;
    if (strcmp(p, "/dev/stderr") == 0)
        return 2;
    if (strncmp(p, "/dev/fd/", 8) == 0)
        digits = p + 8;
    else if (strncmp(p, "/proc/self/fd/", 14) == 0)
        digits = p + 14;
    if (digits == NULL || *digits == '\0')
        return -1;
    long v = 0;
    for (const char *c = digits; *c; c++) {
        if (*c < '0' || *c > '9' || v > INT_MAX / 10)
            return -1;
        v = v * 10 + (*c - '0');
    }
    return v <= INT_MAX ? (int)v : -1;
}

/* Length of the directory part of p including its last '/', 0 if none. */
static size_t dir_len(const char *p)
{
    const char *s = strrchr(p, '/');
    return s ? (size_t)(s - p) + 1 : 0;
}

/* The next path of a symlink chain: the link's text, relative to the
 * directory of the link when it is not absolute.  NULL on failure. */
static char *link_next(struct cl_outfile *o, const char *cur)
{
    char buf[PATH_MAX];
    ssize_t n = readlink(cur, buf, sizeof buf);
    if (n < 0) {
        o->err = errno;
        return NULL;
    }
    if ((size_t)n >= sizeof buf || n == 0) {
        o->err = n == 0 ? ENOENT : ENAMETOOLONG;
        return NULL;
    }
    size_t d = buf[0] == '/' ? 0 : dir_len(cur);
    char *next = malloc(d + (size_t)n + 1);
    if (next == NULL) {
        o->err = ENOMEM;
        return NULL;
    }
    memcpy(next, cur, d);
    memcpy(next + d, buf, (size_t)n);
    next[d + (size_t)n] = '\0';
    return next;
}

static cl_status open_stdio(struct cl_outfile *o, int fdno)
{
    if (fdno == 1 || fdno == 2) {
        o->fp = fdno == 1 ? stdout : stderr;
    } else {
        int fd = fcntl(fdno, F_DUPFD_CLOEXEC, 3);
        if (fd < 0)
            return sys_fail(o, errno);
        o->fp = fdopen(fd, "wb");
        if (o->fp == NULL) {
            int e = errno;
            close(fd);
            return sys_fail(o, e);
        }
    }
    o->kind = CL_OUTFILE_STDIO;
    return CL_OK;
}

static cl_status connect_socket(struct cl_outfile *o, const char *path, int *fd)
{
    struct sockaddr_un sa;
    size_t n = strlen(path);
    memset(&sa, 0, sizeof sa);
    sa.sun_family = AF_UNIX;
    if (n >= sizeof sa.sun_path)
        return sys_fail(o, ENAMETOOLONG);
    memcpy(sa.sun_path, path, n + 1);
    *fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (*fd < 0)
        return sys_fail(o, errno);
    if (connect(*fd, (const struct sockaddr *)&sa, sizeof sa) != 0) {
        int e = errno;
        close(*fd);
        *fd = -1;
        return sys_fail(o, e);
    }
    return CL_OK;
}

/* A device, terminal, FIFO or socket (or a /proc magic link): written in
 * place, never created, truncated or renamed over.  `seen` is what lstat()
 * said, or NULL for a /proc magic link. */
static cl_status open_direct(struct cl_outfile *o, const char *path, const struct stat *seen,
                             unsigned flags)
{
    int fd;
    if (seen != NULL && S_ISSOCK(seen->st_mode)) {
        cl_status st = connect_socket(o, path, &fd);
        if (st != CL_OK)
            return st;
    } else {
        int of = O_WRONLY | O_NOCTTY | O_CLOEXEC;
        if (flags & CL_OUTFILE_APPEND)
            of |= O_APPEND;
        if (seen != NULL)
            of |= O_NOFOLLOW;           /* it was not a link a moment ago */
        fd = open(path, of);
        if (fd < 0)
            return sys_fail(o, errno);
        struct stat now;
        if (fstat(fd, &now) != 0) {
            int e = errno;
            close(fd);
            return sys_fail(o, e);
        }
        if (seen != NULL && (now.st_dev != seen->st_dev || now.st_ino != seen->st_ino)) {
            close(fd);
            return CL_ERR_OUT_CHANGED;
        }
        if (seen == NULL && S_ISDIR(now.st_mode)) {
            close(fd);
            return CL_ERR_OUT_DIRECTORY;
        }
    }
    o->fp = fdopen(fd, (flags & CL_OUTFILE_APPEND) ? "ab" : "wb");
    if (o->fp == NULL) {
        int e = errno;
        close(fd);
        return sys_fail(o, e);
    }
    o->kind = CL_OUTFILE_DIRECT;
    return CL_OK;
}

/* Gives the new file fd the old file's owner and mode (or the tool's mode
 * with CL_OUTFILE_SET_MODE).  Owner first: chown clears set-ID bits. */
static cl_status copy_attributes(struct cl_outfile *o, int fd, const struct stat *old,
                                 mode_t mode, unsigned flags)
{
    mode_t want = (flags & CL_OUTFILE_SET_MODE) ? mode : old->st_mode;
    want &= 07777;
    if (old->st_uid != geteuid() || old->st_gid != getegid()) {
        if (fchown(fd, old->st_uid, old->st_gid) != 0) {
            want &= ~(mode_t)(S_ISUID | S_ISGID);
            if (fchown(fd, (uid_t)-1, old->st_gid) != 0)
                want &= ~(mode_t)S_ISGID;   /* best effort: the group is ours */
        }
    }
    if (fchmod(fd, want) != 0)
        return sys_fail(o, errno);
    return CL_OK;
}

/* A temporary beside `target`: DIR/.BASE.tmpXXXXXXXXXXXXXXXX, O_EXCL. */
static cl_status open_temporary(struct cl_outfile *o, const char *target, const struct stat *old,
                                mode_t mode, unsigned flags)
{
    size_t d = dir_len(target), b = strlen(target + d);
    if (b > OUTFILE_TMP_BASE)
        b = OUTFILE_TMP_BASE;
    size_t cap = d + 1 + b + 4 + 16 + 1;
    o->tmp = malloc(cap);
    if (o->tmp == NULL)
        return CL_ERR_NOMEM;
    int fd = -1;
    for (int tries = 0; fd < 0; tries++) {
        uint8_t r[8];
        static const char hexd[] = "0123456789abcdef";
        if (tries == OUTFILE_TMP_TRIES)
            return sys_fail(o, EEXIST);
        if (cl_random_bytes(r, sizeof r) != CL_OK)
            return CL_ERR_RANDOM;
        char *p = o->tmp;
        memcpy(p, target, d);
        p += d;
        *p++ = '.';
        memcpy(p, target + d, b);
        p += b;
        memcpy(p, ".tmp", 4);
        p += 4;
        for (size_t i = 0; i < sizeof r; i++) {
            *p++ = hexd[r[i] >> 4];
            *p++ = hexd[r[i] & 15];
        }
        *p = '\0';
        /* A new file is created with the tool's mode (the kernel applies the
         * umask); a replacement starts private and gets the old file's
         * attributes below. */
        mode_t cmode = old == NULL ? (mode & 0777) : 0600;
        fd = open(o->tmp, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_NOCTTY | O_CLOEXEC, cmode);
        if (fd < 0 && errno != EEXIST) {
            int e = errno;
            free(o->tmp);
            o->tmp = NULL;
            return sys_fail(o, e);
        }
    }
    cl_status st = CL_OK;
    if (old != NULL)
        st = copy_attributes(o, fd, old, mode, flags);
    else if ((flags & CL_OUTFILE_SET_MODE) && fchmod(fd, mode & 07777) != 0)
        st = sys_fail(o, errno);
    if (st == CL_OK && (o->fp = fdopen(fd, "wb")) == NULL)
        st = sys_fail(o, errno);
    if (st != CL_OK) {
        close(fd);
        unlink(o->tmp);
        free(o->tmp);
        o->tmp = NULL;
        return st;
    }
    o->kind = CL_OUTFILE_RENAME;
    return CL_OK;
}

static cl_status open_append(struct cl_outfile *o, const char *target, const struct stat *old,
                             mode_t mode, unsigned flags)
{
    int of = O_WRONLY | O_APPEND | O_NOFOLLOW | O_NOCTTY | O_CLOEXEC;
    int fd = open(target, old == NULL ? of | O_CREAT | O_EXCL : of, mode & 0777);
    if (fd < 0)
        return sys_fail(o, errno);
    struct stat now;
    if (fstat(fd, &now) != 0 || !S_ISREG(now.st_mode)
        || (old != NULL && (now.st_dev != old->st_dev || now.st_ino != old->st_ino))) {
        close(fd);
        return CL_ERR_OUT_CHANGED;
    }
    if ((flags & CL_OUTFILE_SET_MODE) && fchmod(fd, mode & 07777) != 0) {
        int e = errno;
        close(fd);
        return sys_fail(o, e);
    }
    o->fp = fdopen(fd, "ab");
    if (o->fp == NULL) {
        int e = errno;
        close(fd);
        return sys_fail(o, e);
    }
    o->kind = CL_OUTFILE_APPENDED;
    return CL_OK;
}

cl_status cl_outfile_open(struct cl_outfile *o, const char *path, mode_t mode, unsigned flags)
{
    if (o == NULL)
        return CL_ERR_NULL_POINTER;
    memset(o, 0, sizeof *o);
    if (flags & ~(CL_OUTFILE_SET_MODE | CL_OUTFILE_APPEND | CL_OUTFILE_NO_SYMLINK
                  | CL_OUTFILE_REGULAR_ONLY))
        return CL_ERR_BAD_ARGUMENT;
    const int regular_only = (flags & CL_OUTFILE_REGULAR_ONLY) != 0;
    if (path == NULL || strcmp(path, "-") == 0)
        return regular_only ? CL_ERR_OUT_REFUSED : open_stdio(o, 1);
    if (*path == '\0')
        return sys_fail(o, ENOENT);

    char *cur = strdup(path);
    if (cur == NULL)
        return CL_ERR_NOMEM;
    cl_status st;
    struct stat sb;
    for (int links = 0;; links++) {
        int fdno = descriptor_name(cur);
        if (fdno >= 0) {
            st = regular_only ? CL_ERR_OUT_REFUSED : open_stdio(o, fdno);
            break;
        }
        if (lstat(cur, &sb) != 0) {
            if (errno != ENOENT) {
                st = sys_fail(o, errno);
                break;
            }
            /* A new path ("name/" would have to be a directory). */
            if (cur[strlen(cur) - 1] == '/') {
                st = CL_ERR_OUT_DIRECTORY;
                break;
            }
            o->target = cur;
            cur = NULL;
            st = (flags & CL_OUTFILE_APPEND) ? open_append(o, o->target, NULL, mode, flags)
                                             : open_temporary(o, o->target, NULL, mode, flags);
            break;
        }
        if (S_ISLNK(sb.st_mode)) {
            if ((flags & CL_OUTFILE_NO_SYMLINK) && links == 0) {
                st = CL_ERR_OUT_REFUSED;
                break;
            }
            if (links == OUTFILE_MAX_LINKS) {
                st = sys_fail(o, ELOOP);
                break;
            }
            if (strncmp(cur, "/proc/", 6) == 0) {
                /* A magic link (/proc/PID/fd/N): its text is not a path. */
                st = regular_only ? CL_ERR_OUT_REFUSED : open_direct(o, cur, NULL, flags);
                if (st == CL_OK) {
                    o->target = cur;
                    cur = NULL;
                }
                break;
            }
            char *next = link_next(o, cur);
            if (next == NULL) {
                st = o->err == ENOMEM ? CL_ERR_NOMEM : CL_ERR_IO;
                break;
            }
            free(cur);
            cur = next;
            continue;
        }
        if (S_ISDIR(sb.st_mode)) {
            st = CL_ERR_OUT_DIRECTORY;
            break;
        }
        if (!S_ISREG(sb.st_mode)) {
            st = regular_only ? CL_ERR_OUT_REFUSED : open_direct(o, cur, &sb, flags);
        } else if (flags & CL_OUTFILE_APPEND) {
            st = open_append(o, cur, &sb, mode, flags);
        } else if (faccessat(AT_FDCWD, cur, W_OK, AT_EACCESS) != 0) {
            st = sys_fail(o, errno);    /* as open(O_WRONLY) would refuse it */
        } else {
            st = open_temporary(o, cur, &sb, mode, flags);
        }
        if (st == CL_OK) {
            o->target = cur;
            cur = NULL;
        }
        break;
    }
    free(cur);
    if (st != CL_OK) {
        int e = o->err;
        free(o->target);
        free(o->tmp);                   /* never created on a failed open */
        memset(o, 0, sizeof *o);
        o->err = e;
    }
    return st;
}

cl_status cl_outfile_write(struct cl_outfile *o, const void *buf, size_t len)
{
    if (o == NULL || o->fp == NULL || (buf == NULL && len != 0))
        return CL_ERR_NULL_POINTER;
    if (len != 0 && fwrite(buf, 1, len, o->fp) != len)
        return sys_fail(o, errno);
    return CL_OK;
}

static void release(struct cl_outfile *o)
{
    free(o->target);
    free(o->tmp);
    memset(o, 0, sizeof *o);
}

static void fsync_directory(const char *target)
{
    size_t d = dir_len(target);
    char *dir = d ? strndup(target, d) : strdup(".");
    if (dir == NULL)
        return;
    int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd >= 0) {
        (void)fsync(fd);          /* best effort: the rename is already done */
        close(fd);
    }
    free(dir);
}

cl_status cl_outfile_commit(struct cl_outfile *o)
{
    if (o == NULL || o->fp == NULL)
        return CL_ERR_STATE;
    int e = 0;
    if (o->kind == CL_OUTFILE_STDIO && (o->fp == stdout || o->fp == stderr)) {
        if (fflush(o->fp) != 0 || ferror(o->fp))
            e = errno ? errno : EIO;
        o->fp = NULL;
        release(o);
        o->err = e;
        return e ? CL_ERR_IO : CL_OK;
    }
    if (fflush(o->fp) != 0 || ferror(o->fp))
        e = errno ? errno : EIO;
    if (!e && o->kind == CL_OUTFILE_RENAME && fsync(fileno(o->fp)) != 0)
        e = errno;
    if (fclose(o->fp) != 0 && !e)
        e = errno ? errno : EIO;
    o->fp = NULL;
    if (e) {
        cl_outfile_abort(o);
        o->err = e;
        return CL_ERR_IO;
    }
    if (o->kind == CL_OUTFILE_RENAME) {
        /* The path must still be a new path or a regular file: never rename
         * over a device, FIFO, socket or directory put there meanwhile. */
        struct stat sb;
        if (lstat(o->target, &sb) == 0 && !S_ISREG(sb.st_mode)) {
            cl_outfile_abort(o);
            return CL_ERR_OUT_CHANGED;
        }
        if (rename(o->tmp, o->target) != 0) {
            e = errno;
            cl_outfile_abort(o);
            o->err = e;
            return CL_ERR_IO;
        }
        fsync_directory(o->target);
    }
    release(o);
    return CL_OK;
}

void cl_outfile_abort(struct cl_outfile *o)
{
    if (o == NULL)
        return;
    if (o->fp != NULL) {
        if (o->fp == stdout || o->fp == stderr)
            (void)fflush(o->fp);
        else
            (void)fclose(o->fp);
    }
    if (o->tmp != NULL)
        (void)unlink(o->tmp);
    release(o);
}

const char *cl_outfile_strerror(const struct cl_outfile *o, cl_status st)
{
    if (st == CL_ERR_IO && o != NULL && o->err != 0)
        return strerror(o->err);
    return cl_strerror(st);
}
