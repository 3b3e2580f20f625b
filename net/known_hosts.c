/* net/known_hosts.c -- "HOST:PORT SHA256:..." lines (docs/protocol.md §10). */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/file.h>
#include <sys/stat.h>
#include "net/fingerprint.h"
#include "common/outfile.h"

const char *net_known_hosts_default(void)
{
    static char path[4096];
    const char *home = getenv("HOME");
    if (!home || !*home) return NULL;
    if ((size_t)snprintf(path, sizeof path, "%s/.cryptolab/known_hosts", home) >= sizeof path)
        return NULL;
    return path;
}

static void host_key(char *out, size_t cap, const char *host, unsigned port)
{
    if (strchr(host, ':')) snprintf(out, cap, "[%s]:%u", host, port);
    else snprintf(out, cap, "%s:%u", host, port);
}

/* Reads one line (without its '\n') into line, NUL-terminated.  A line
 * that does not fit (no entry comes near: host key < 600 bytes, fingerprint
 * 50) or that holds a NUL byte is read to its end and flagged *bad, so that
 * it is skipped whole: reading it in pieces with fgets() let the tail of a
 * long comment pass for an entry (issue 11, found by fuzzing).
 * Returns 0 at the end of the file. */
static int read_line(FILE *f, char *line, size_t cap, int *bad)
{
    size_t n = 0;
    int ch;
    *bad = 0;
    while ((ch = getc(f)) != EOF && ch != '\n') {
        if (ch == '\0' || n + 1 >= cap) *bad = 1;
        else line[n++] = (char)ch;
    }
    line[n] = '\0';
    return ch != EOF || n > 0 || *bad;
}

cl_status net_known_hosts_check(const char *path, const char *host, unsigned port,
                                const char *fp, char stored[NET_FP_LEN])
{
    if (!path || !host || !fp) return CL_ERR_NULL_POINTER;
    FILE *f = fopen(path, "r");
    if (!f) return errno == ENOENT ? CL_ERR_UNKNOWN_HOST : CL_ERR_IO;
    char want[600], line[1024];
    host_key(want, sizeof want, host, port);
    cl_status st = CL_ERR_UNKNOWN_HOST;
    int bad;
    while (read_line(f, line, sizeof line, &bad)) {
        if (bad) continue;
        line[strcspn(line, "\r")] = '\0';
        if (line[0] == '#' || line[0] == '\0') continue;
        char *sp = strchr(line, ' ');
        if (!sp) continue;
        *sp = '\0';
        if (strcmp(line, want) != 0) continue;
        const char *got = sp + 1;
        if (strcmp(got, fp) == 0) { st = CL_OK; break; }
        st = CL_ERR_PIN_MISMATCH;       /* keep looking: another line may match */
        if (stored) { strncpy(stored, got, NET_FP_LEN - 1); stored[NET_FP_LEN - 1] = '\0'; }
    }
    fclose(f);
    return st;
}

/* Adders exclude each other: two clients accepting new hosts at the same
 * moment would each rewrite the file from the same old contents, and the
 * later rename would drop the earlier one's line.  The lock is an exclusive
 * flock(2) on the file's directory (the file itself is replaced by each
 * rename, so a lock on it would not be seen by the next adder), held from
 * reading the old contents to the rename.  A file system without flock on
 * directories (some network file systems: EINVAL, ENOLCK, EBADF, ENOTSUP)
 * leaves the adders unserialised, as before: never a torn file, at worst a
 * lost line.  Returns the locked descriptor, -1 when unlocked, -2 on error. */
static int lock_dir(const char *dir)
{
    int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0) return -2;
    while (flock(fd, LOCK_EX) != 0) {
        if (errno == EINTR) continue;
        int e = errno;
        close(fd);
        return (e == EINVAL || e == ENOLCK || e == EBADF || e == ENOTSUP) ? -1 : -2;
    }
    return fd;
}

/* 1 if text[0..len) holds line (with its '\n') as a whole line. */
static int has_line(const char *text, size_t len, const char *line, size_t n)
{
    for (size_t i = 0; i + n <= len; ) {
        if (memcmp(text + i, line, n) == 0) return 1;
        const char *nl = memchr(text + i, '\n', len - i);
        if (!nl) break;
        i = (size_t)(nl - text) + 1;
    }
    return 0;
}

/* The whole file rewritten through common/outfile.h (a temporary renamed
 * over it: a reader sees the old file or the new one, never half of it;
 * its mode is kept, a symlink is followed), with the new line after a
 * '\n' if the file did not end with one: two entries are never glued.
 * Under the directory's lock (lock_dir); a line already there (another
 * client added the same host and key meanwhile) is not added twice. */
cl_status net_known_hosts_add(const char *path, const char *host, unsigned port,
                              const char *fp)
{
    if (!path || !host || !fp) return CL_ERR_NULL_POINTER;
    char dir[4096];
    if (strlen(path) >= sizeof dir) return CL_ERR_BAD_ARGUMENT;
    strcpy(dir, path);
    char *slash = strrchr(dir, '/');
    if (slash && slash != dir) {
        *slash = '\0';
        if (mkdir(dir, 0700) != 0 && errno != EEXIST) return CL_ERR_IO;
    }
    char key[600], line[700];
    host_key(key, sizeof key, host, port);
    int n = snprintf(line, sizeof line, "%s %s\n", key, fp);
    if (n < 0 || (size_t)n >= sizeof line) return CL_ERR_BAD_ARGUMENT;
    int lk = lock_dir(!slash ? "." : slash == dir ? "/" : dir);
    if (lk == -2) return CL_ERR_IO;

    /* the current contents (at most 16 MiB) */
    char *old = NULL;
    size_t old_len = 0, old_cap = 0;
    FILE *f = fopen(path, "rb");
    cl_status st = (!f && errno != ENOENT) ? CL_ERR_IO : CL_OK;
    while (f) {
        if (old_len == old_cap) {
            if (old_cap >= (16u << 20)) { st = CL_ERR_IO; break; }
            char *p = realloc(old, old_cap ? 2 * old_cap : 4096);
            if (!p) { st = CL_ERR_NOMEM; break; }
            old = p;
            old_cap = old_cap ? 2 * old_cap : 4096;
        }
        size_t r = fread(old + old_len, 1, old_cap - old_len, f);
        old_len += r;
        if (r == 0) { if (ferror(f)) st = CL_ERR_IO; break; }
    }
    if (f) fclose(f);
    struct cl_outfile o;
    int present = !st && has_line(old, old_len, line, (size_t)n);
    if (!st && !present) st = cl_outfile_open(&o, path, 0600, 0);
    if (!st && !present) {
        if (old_len) st = cl_outfile_write(&o, old, old_len);
        if (!st && old_len && old[old_len - 1] != '\n') st = cl_outfile_write(&o, "\n", 1);
        if (!st) st = cl_outfile_write(&o, line, (size_t)n);
        if (!st) st = cl_outfile_commit(&o);
        else cl_outfile_abort(&o);
    }
    free(old);
    if (lk >= 0) close(lk);             /* releases the lock */
    return st;
}
