/*
 * tests/fuzz/fuzz.h -- what the fuzz targets share (docs/security.md).
 *
 * A target is one file tests/fuzz/fuzz_NAME.c defining
 *     int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
 * (and optionally LLVMFuzzerInitialize), with its seed inputs in
 * tests/fuzz/corpus/NAME/.  Nothing else is needed: `make fuzz` builds a
 * libFuzzer binary from it and `make check` replays every corpus through it.
 *
 * Rules for a target: deterministic (fixed keys and "random" bytes), no
 * state carried from one input to the next, everything allocated freed,
 * files only in the temporary directory fuzz_tmp_path() gives, and a
 * property that is checked with FUZZ_CHECK (a round trip, two
 * implementations agreeing) where there is one: a failed check aborts, so
 * the fuzzer keeps the input.
 */
#ifndef CRYPTOLAB_TESTS_FUZZ_FUZZ_H
#define CRYPTOLAB_TESTS_FUZZ_FUZZ_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <errno.h>
#include <sys/mman.h>
#include <sys/stat.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* The top of the source tree, set by the Makefile (vectors/ are read from it). */
#ifndef FUZZ_TOP
#define FUZZ_TOP "."
/* Writes the input to a file called `name` in a per-process temporary
 * directory (for readers that look at the file name, as the vector
 * runners do); returns its path.  The files and the directory are removed
 * at exit. */
static char fuzz_tmp_dir_[64];
static char fuzz_tmp_names_[32][200];
static int fuzz_tmp_count_;
static inline void fuzz_tmp_dir_cleanup_(void)
{
    for (int i = 0; i < fuzz_tmp_count_; i++) unlink(fuzz_tmp_names_[i]);
    if (fuzz_tmp_dir_[0]) rmdir(fuzz_tmp_dir_);
}
static inline const char *fuzz_write_tmp_named(const char *name, const uint8_t *data, size_t size)
{
    if (!fuzz_tmp_dir_[0]) {
        const char *dir = getenv("TMPDIR");
        snprintf(fuzz_tmp_dir_, sizeof fuzz_tmp_dir_, "%.30s/cl-fuzz-%ld.d",
                 dir && *dir && strlen(dir) < 30 ? dir : "/tmp", (long)getpid());
        if (mkdir(fuzz_tmp_dir_, 0700) != 0 && errno != EEXIST) {
            perror(fuzz_tmp_dir_);
            abort();
        }
        atexit(fuzz_tmp_dir_cleanup_);
    }
    static char path[200];
    snprintf(path, sizeof path, "%s/%.100s", fuzz_tmp_dir_, name);
    int known = 0;
    for (int i = 0; i < fuzz_tmp_count_; i++) known |= !strcmp(fuzz_tmp_names_[i], path);
    if (!known && fuzz_tmp_count_ < 32) strcpy(fuzz_tmp_names_[fuzz_tmp_count_++], path);
    FILE *f = fopen(path, "wb");
    if (f == NULL || (size && fwrite(data, 1, size, f) != size) || fclose(f) != 0) {
        perror(path);
        abort();
    }
    return path;
}

#endif

#define FUZZ_CHECK(cond)                                                           \
    do {                                                                           \
        if (!(cond)) {                                                             \
            fprintf(stderr, "%s:%d: fuzz property failed: %s\n", __FILE__, __LINE__, \
                    #cond);                                                        \
            abort();                                                               \
        }                                                                          \
    } while (0)

/* A NUL-terminated malloc'ed copy of the input (NULL only if out of memory). */
static inline char *fuzz_cstr(const uint8_t *data, size_t size)
{
    char *s = malloc(size + 1);
    if (s != NULL) {
        if (size) memcpy(s, data, size);
        s[size] = '\0';
    }
    return s;
}

/* Reads FUZZ_TOP/rel into a malloc'ed buffer (NUL-terminated); aborts if
 * it is missing, since a target without its fixed inputs tests nothing. */
static inline uint8_t *fuzz_read_top(const char *rel, size_t *len)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", FUZZ_TOP, rel);
    FILE *f = fopen(path, "rb");
    if (f == NULL) {
        perror(path);
        abort();
    }
    size_t cap = 1 << 16, n = 0, got;
    uint8_t *buf = malloc(cap + 1);
    while (buf != NULL && (got = fread(buf + n, 1, cap - n, f)) > 0) n += got;
    fclose(f);
    if (buf == NULL || n == cap) {
        fprintf(stderr, "%s: unreadable or too large\n", path);
        abort();
    }
    buf[n] = 0;
    *len = n;
    return buf;
}

/* The per-process file for targets that must go through a path (the .rsp
 * reader, the vector runners, known_hosts): an in-memory file
 * (memfd_create), reached as /proc/self/fd/N, so that an execution costs no
 * disk I/O; a temporary file where memfd is missing.  Removed at exit. */
static char fuzz_tmp_name_[64];
static int fuzz_tmp_fd_ = -1;
static char fuzz_tmp_dir_[64];
static char fuzz_tmp_names_[32][200];
static int fuzz_tmp_count_;

static inline void fuzz_tmp_cleanup_(void)
{
    if (fuzz_tmp_fd_ < 0 && fuzz_tmp_name_[0]) unlink(fuzz_tmp_name_);
    for (int i = 0; i < fuzz_tmp_count_; i++) unlink(fuzz_tmp_names_[i]);
    if (fuzz_tmp_dir_[0]) rmdir(fuzz_tmp_dir_);
}

static inline const char *fuzz_tmp_path(void)
{
    if (!fuzz_tmp_name_[0]) {
        fuzz_tmp_fd_ = memfd_create("cl-fuzz", 0);
        if (fuzz_tmp_fd_ >= 0) {
            snprintf(fuzz_tmp_name_, sizeof fuzz_tmp_name_, "/proc/self/fd/%d", fuzz_tmp_fd_);
        } else {
            const char *dir = getenv("TMPDIR");
            snprintf(fuzz_tmp_name_, sizeof fuzz_tmp_name_, "%.30s/cl-fuzz-%ld",
                     dir && *dir && strlen(dir) < 30 ? dir : "/tmp", (long)getpid());
        }
        atexit(fuzz_tmp_cleanup_);
    }
    return fuzz_tmp_name_;
}

/* Writes the input to fuzz_tmp_path(); returns the path (aborts on failure). */
static inline const char *fuzz_write_tmp(const uint8_t *data, size_t size)
{
    const char *p = fuzz_tmp_path();
    if (fuzz_tmp_fd_ >= 0) {
        if (ftruncate(fuzz_tmp_fd_, 0) != 0 ||
            (size && pwrite(fuzz_tmp_fd_, data, size, 0) != (ssize_t)size)) {
            perror(p);
            abort();
        }
        return p;
    }
    FILE *f = fopen(p, "wb");
    if (f == NULL || (size && fwrite(data, 1, size, f) != size) || fclose(f) != 0) {
        perror(p);
        abort();
    }
    return p;
}

/* The same file under the name `name` (for readers that look at the file
 * name, as the vector runners do): a symbolic link of that name, in a
 * per-process temporary directory, to fuzz_tmp_path().  Returns its path. */
static inline const char *fuzz_write_tmp_named(const char *name, const uint8_t *data, size_t size)
{
    const char *target = fuzz_write_tmp(data, size);
    if (!fuzz_tmp_dir_[0]) {
        const char *dir = getenv("TMPDIR");
        snprintf(fuzz_tmp_dir_, sizeof fuzz_tmp_dir_, "%.30s/cl-fuzz-%ld.d",
                 dir && *dir && strlen(dir) < 30 ? dir : "/tmp", (long)getpid());
        if (mkdir(fuzz_tmp_dir_, 0700) != 0 && errno != EEXIST) {
            perror(fuzz_tmp_dir_);
            abort();
        }
    }
    static char path[200];
    snprintf(path, sizeof path, "%s/%.100s", fuzz_tmp_dir_, name);
    int known = 0;
    for (int i = 0; i < fuzz_tmp_count_; i++) known |= !strcmp(fuzz_tmp_names_[i], path);
    if (!known) {
        unlink(path);
        if (fuzz_tmp_count_ == 32 || symlink(target, path) != 0) {
            perror(path);
            abort();
        }
        strcpy(fuzz_tmp_names_[fuzz_tmp_count_++], path);
    }
    return path;
}

#endif
