/*
 * tests/test_outfile.c -- common/outfile.h: every kind of target is written
 * by its rule and is still what it was afterwards.
 *
 * Everything happens in a fresh temporary directory (never the machine's
 * /dev): the character device is made there with mknod(2) (1,3: the null
 * device) when we run as root, otherwise that test says it is skipped.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <sys/un.h>
#include "testutil.h"
#include "common/outfile.h"
#include "net/keylog.h"

static char dir[256];

static int suite_init(void)
{
    const char *t = getenv("TMPDIR");
    snprintf(dir, sizeof dir, "%s/cl-outfile.XXXXXX", t && *t ? t : "/tmp");
    return mkdtemp(dir) == NULL ? -1 : 0;
}

/* Removes every entry of dir (plain unlink/rmdir: nothing is ever mounted here). */
static void clean_dir(const char *d)
{
    DIR *dp = opendir(d);
    if (dp == NULL)
        return;
    struct dirent *e;
    while ((e = readdir(dp)) != NULL) {
        if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
            continue;
        char p[512];
        snprintf(p, sizeof p, "%s/%s", d, e->d_name);
        struct stat sb;
        if (lstat(p, &sb) == 0 && S_ISDIR(sb.st_mode)) {
            clean_dir(p);
            rmdir(p);
        } else {
            unlink(p);
        }
    }
    closedir(dp);
}

static int suite_clean(void)
{
    clean_dir(dir);
    return rmdir(dir);
}

static const char *at(const char *name)
{
    static char buf[4][512];
    static int i;
    i = (i + 1) % 4;
    snprintf(buf[i], sizeof buf[i], "%s/%s", dir, name);
    return buf[i];
}

static void put(const char *path, const char *text, mode_t mode)
{
    int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
    CU_ASSERT_FATAL(fd >= 0);
    CU_ASSERT(write(fd, text, strlen(text)) == (ssize_t)strlen(text));
    CU_ASSERT(fchmod(fd, mode) == 0);
    close(fd);
}

/* Contents of a file as a string (static buffer), "" if unreadable. */
static const char *get(const char *path)
{
    static char buf[256];
    buf[0] = '\0';
    int fd = open(path, O_RDONLY);
    if (fd < 0)
        return buf;
    ssize_t n = read(fd, buf, sizeof buf - 1);
    close(fd);
    buf[n > 0 ? n : 0] = '\0';
    return buf;
}

/* Number of directory entries (other than . and ..) whose name contains
 * ".tmp": temporaries left behind or in progress. */
static int temporaries(const char *d)
{
    int n = 0;
    DIR *dp = opendir(d);
    if (dp == NULL)
        return -1;
    struct dirent *e;
    while ((e = readdir(dp)) != NULL)
        if (strstr(e->d_name, ".tmp") != NULL)
            n++;
    closedir(dp);
    return n;
}

static mode_t mode_of(const char *path)
{
    struct stat sb;
    return lstat(path, &sb) == 0 ? sb.st_mode : 0;
}

static mode_t current_umask(void)
{
    /* Only the test does this (single-threaded here), never the helper. */
    mode_t m = umask(022);
    umask(m);
    return m;
}

static void write_text(struct cl_outfile *o, const char *text)
{
    CL_ASSERT_OK(cl_outfile_write(o, text, strlen(text)));
}

static int root(const char *what)
{
    if (geteuid() == 0)
        return 1;
    printf("\n    SKIP %s: needs root (mknod/chown)", what);
    return 0;
}

static void test_new_file(void)
{
    struct cl_outfile o;
    const char *p = at("new");
    CL_ASSERT_OK(cl_outfile_open(&o, p, 0644, 0));
    CU_ASSERT_EQUAL(o.kind, CL_OUTFILE_RENAME);
    CU_ASSERT_EQUAL(mode_of(p), 0);                 /* not there before commit */
    CU_ASSERT_EQUAL(temporaries(dir), 1);
    write_text(&o, "one");
    CL_ASSERT_OK(cl_outfile_commit(&o));
    CU_ASSERT_STRING_EQUAL(get(p), "one");
    CU_ASSERT_EQUAL(mode_of(p), (mode_t)(S_IFREG | (0644 & ~current_umask())));
    CU_ASSERT_EQUAL(temporaries(dir), 0);
    CU_ASSERT_PTR_NULL(o.fp);
    cl_outfile_abort(&o);                           /* harmless after commit */
    CU_ASSERT_STRING_EQUAL(get(p), "one");
    unlink(p);
}

static void test_abort_leaves_nothing(void)
{
    struct cl_outfile o;
    const char *p = at("aborted"), *q = at("kept");
    CL_ASSERT_OK(cl_outfile_open(&o, p, 0644, 0));
    write_text(&o, "partial");
    cl_outfile_abort(&o);
    CU_ASSERT_EQUAL(mode_of(p), 0);
    CU_ASSERT_EQUAL(temporaries(dir), 0);
    put(q, "old", 0644);
    CL_ASSERT_OK(cl_outfile_open(&o, q, 0644, 0));
    write_text(&o, "new");
    cl_outfile_abort(&o);
    CU_ASSERT_STRING_EQUAL(get(q), "old");
    CU_ASSERT_EQUAL(temporaries(dir), 0);
    unlink(q);
}

static void test_existing_keeps_mode(void)
{
    struct cl_outfile o;
    const char *p = at("m0640");
    put(p, "old", 0640);
    struct stat before;
    CU_ASSERT_FATAL(lstat(p, &before) == 0);
    CL_ASSERT_OK(cl_outfile_open(&o, p, 0644, 0));
    write_text(&o, "new");
    CL_ASSERT_OK(cl_outfile_commit(&o));
    struct stat after;
    CU_ASSERT_FATAL(lstat(p, &after) == 0);
    CU_ASSERT_EQUAL(after.st_mode, (mode_t)(S_IFREG | 0640));
    CU_ASSERT_NOT_EQUAL(after.st_ino, before.st_ino);   /* replaced by rename */
    CU_ASSERT_STRING_EQUAL(get(p), "new");
    /* The tool's mode for a secret is set exactly, also on an existing file. */
    CL_ASSERT_OK(cl_outfile_open(&o, p, 0600, CL_OUTFILE_SET_MODE));
    write_text(&o, "key");
    CL_ASSERT_OK(cl_outfile_commit(&o));
    CU_ASSERT_EQUAL(mode_of(p), (mode_t)(S_IFREG | 0600));
    unlink(p);
    /* ... and on a new one, whatever the umask. */
    mode_t old = umask(0);
    CL_ASSERT_OK(cl_outfile_open(&o, p, 0600, CL_OUTFILE_SET_MODE));
    umask(old);
    CL_ASSERT_OK(cl_outfile_commit(&o));
    CU_ASSERT_EQUAL(mode_of(p), (mode_t)(S_IFREG | 0600));
    unlink(p);
}

static void test_existing_keeps_owner(void)
{
    if (!root("owner kept"))
        return;
    struct cl_outfile o;
    const char *p = at("owned");
    put(p, "old", 0640);
    CU_ASSERT_FATAL(chown(p, 1234, 4321) == 0);
    CL_ASSERT_OK(cl_outfile_open(&o, p, 0644, 0));
    write_text(&o, "new");
    CL_ASSERT_OK(cl_outfile_commit(&o));
    struct stat sb;
    CU_ASSERT_FATAL(lstat(p, &sb) == 0);
    CU_ASSERT_EQUAL(sb.st_uid, 1234);
    CU_ASSERT_EQUAL(sb.st_gid, 4321);
    CU_ASSERT_EQUAL(sb.st_mode, (mode_t)(S_IFREG | 0640));
    unlink(p);
}

static void test_symlink_to_file(void)
{
    struct cl_outfile o;
    const char *sub = at("sub"), *t = at("sub/target"), *l = at("link");
    CU_ASSERT_FATAL(mkdir(sub, 0755) == 0);
    put(t, "old", 0640);
    CU_ASSERT_FATAL(symlink("sub/target", l) == 0);     /* relative to the link's dir */
    CL_ASSERT_OK(cl_outfile_open(&o, l, 0644, 0));
    CU_ASSERT_EQUAL(o.kind, CL_OUTFILE_RENAME);
    CU_ASSERT_EQUAL(temporaries(sub), 1);                /* in the target's directory */
    CU_ASSERT_EQUAL(temporaries(dir), 0);
    write_text(&o, "through");
    CL_ASSERT_OK(cl_outfile_commit(&o));
    CU_ASSERT(S_ISLNK(mode_of(l)));
    CU_ASSERT_EQUAL(mode_of(t), (mode_t)(S_IFREG | 0640));
    CU_ASSERT_STRING_EQUAL(get(t), "through");
    CU_ASSERT_EQUAL(temporaries(sub), 0);
    /* A chain of two links, the second absolute. */
    const char *l2 = at("link2");
    char abs[512];
    snprintf(abs, sizeof abs, "%s", l);
    CU_ASSERT_FATAL(symlink(abs, l2) == 0);
    CL_ASSERT_OK(cl_outfile_open(&o, l2, 0644, 0));
    write_text(&o, "chain");
    CL_ASSERT_OK(cl_outfile_commit(&o));
    CU_ASSERT(S_ISLNK(mode_of(l2)) && S_ISLNK(mode_of(l)));
    CU_ASSERT_STRING_EQUAL(get(t), "chain");
    /* A symlink refused when the writer asks for that. */
    CL_ASSERT_STATUS(cl_outfile_open(&o, l, 0644, CL_OUTFILE_NO_SYMLINK), CL_ERR_OUT_REFUSED);
    unlink(l2);
    unlink(l);
    unlink(t);
    rmdir(sub);
}

static void test_dangling_and_loop(void)
{
    struct cl_outfile o;
    const char *l = at("dangling"), *t = at("created");
    CU_ASSERT_FATAL(symlink("created", l) == 0);
    CL_ASSERT_OK(cl_outfile_open(&o, l, 0644, 0));
    write_text(&o, "made");
    CL_ASSERT_OK(cl_outfile_commit(&o));
    CU_ASSERT(S_ISLNK(mode_of(l)));
    CU_ASSERT_STRING_EQUAL(get(t), "made");
    unlink(l);
    unlink(t);
    const char *a = at("loopa"), *b = at("loopb");
    CU_ASSERT_FATAL(symlink("loopb", a) == 0 && symlink("loopa", b) == 0);
    CL_ASSERT_STATUS(cl_outfile_open(&o, a, 0644, 0), CL_ERR_IO);
    CU_ASSERT_EQUAL(o.err, ELOOP);
    CU_ASSERT(S_ISLNK(mode_of(a)) && S_ISLNK(mode_of(b)));
    unlink(a);
    unlink(b);
}

static void test_char_device(void)
{
    if (!root("character device"))
        return;
    struct cl_outfile o;
    const char *n = at("null"), *l = at("to-null");
    CU_ASSERT_FATAL(mknod(n, S_IFCHR | 0666, makedev(1, 3)) == 0);
    CU_ASSERT_FATAL(chmod(n, 0666) == 0);               /* whatever the umask */
    CU_ASSERT_FATAL(symlink("null", l) == 0);
    const char *paths[2] = { n, l };
    for (int i = 0; i < 2; i++) {
        CL_ASSERT_OK(cl_outfile_open(&o, paths[i], 0600, CL_OUTFILE_SET_MODE));
        CU_ASSERT_EQUAL(o.kind, CL_OUTFILE_DIRECT);
        write_text(&o, "discarded");
        CL_ASSERT_OK(cl_outfile_commit(&o));
        struct stat sb;
        CU_ASSERT_FATAL(lstat(n, &sb) == 0);
        CU_ASSERT(S_ISCHR(sb.st_mode));
        CU_ASSERT_EQUAL(sb.st_rdev, makedev(1, 3));
        CU_ASSERT_EQUAL(sb.st_mode & 07777, 0666);       /* never chmod'ed */
        CU_ASSERT(S_ISLNK(mode_of(l)));
        /* Abort on a device removes nothing either. */
        CL_ASSERT_OK(cl_outfile_open(&o, paths[i], 0644, CL_OUTFILE_APPEND));
        cl_outfile_abort(&o);
        CU_ASSERT(S_ISCHR(mode_of(n)));
    }
    CU_ASSERT_EQUAL(temporaries(dir), 0);
    CL_ASSERT_STATUS(cl_outfile_open(&o, n, 0644, CL_OUTFILE_REGULAR_ONLY), CL_ERR_OUT_REFUSED);
    unlink(l);
    unlink(n);
}

static void test_fifo(void)
{
    struct cl_outfile o;
    const char *f = at("fifo");
    CU_ASSERT_FATAL(mkfifo(f, 0644) == 0);
    int rd = open(f, O_RDONLY | O_NONBLOCK);          /* the reader, first */
    CU_ASSERT_FATAL(rd >= 0);
    CL_ASSERT_OK(cl_outfile_open(&o, f, 0600, CL_OUTFILE_SET_MODE));
    CU_ASSERT_EQUAL(o.kind, CL_OUTFILE_DIRECT);
    write_text(&o, "piped");
    CL_ASSERT_OK(cl_outfile_commit(&o));
    char buf[16] = { 0 };
    CU_ASSERT_EQUAL(read(rd, buf, sizeof buf - 1), 5);
    CU_ASSERT_STRING_EQUAL(buf, "piped");
    close(rd);
    CU_ASSERT_EQUAL(mode_of(f), (mode_t)(S_IFIFO | 0644));
    CL_ASSERT_STATUS(cl_outfile_open(&o, f, 0644, CL_OUTFILE_REGULAR_ONLY), CL_ERR_OUT_REFUSED);
    unlink(f);
}

static void test_socket(void)
{
    struct cl_outfile o;
    const char *s = at("sock");
    struct sockaddr_un sa;
    memset(&sa, 0, sizeof sa);
    sa.sun_family = AF_UNIX;
    snprintf(sa.sun_path, sizeof sa.sun_path, "%s", s);
    int ls = socket(AF_UNIX, SOCK_STREAM, 0);
    CU_ASSERT_FATAL(ls >= 0);
    CU_ASSERT_FATAL(bind(ls, (struct sockaddr *)&sa, sizeof sa) == 0 && listen(ls, 1) == 0);
    CL_ASSERT_OK(cl_outfile_open(&o, s, 0644, 0));
    CU_ASSERT_EQUAL(o.kind, CL_OUTFILE_DIRECT);
    write_text(&o, "socket");
    CL_ASSERT_OK(cl_outfile_commit(&o));
    int c = accept(ls, NULL, NULL);
    CU_ASSERT_FATAL(c >= 0);
    char buf[16] = { 0 };
    CU_ASSERT_EQUAL(read(c, buf, sizeof buf - 1), 6);
    CU_ASSERT_STRING_EQUAL(buf, "socket");
    close(c);
    close(ls);
    CU_ASSERT(S_ISSOCK(mode_of(s)));
    unlink(s);
}

static void test_descriptor_names(void)
{
    struct cl_outfile o;
    CL_ASSERT_OK(cl_outfile_open(&o, "-", 0644, 0));
    CU_ASSERT_EQUAL(o.kind, CL_OUTFILE_STDIO);
    CU_ASSERT_PTR_EQUAL(o.fp, stdout);
    CL_ASSERT_OK(cl_outfile_commit(&o));
    CL_ASSERT_OK(cl_outfile_open(&o, NULL, 0644, 0));
    CU_ASSERT_PTR_EQUAL(o.fp, stdout);
    cl_outfile_abort(&o);
    CL_ASSERT_OK(cl_outfile_open(&o, "/dev/stdout", 0644, 0));
    CU_ASSERT_PTR_EQUAL(o.fp, stdout);
    CL_ASSERT_OK(cl_outfile_commit(&o));
    CL_ASSERT_STATUS(cl_outfile_open(&o, "-", 0644, CL_OUTFILE_REGULAR_ONLY), CL_ERR_OUT_REFUSED);
    /* /dev/fd/N and a link to it: the open descriptor itself. */
    int p[2];
    CU_ASSERT_FATAL(pipe(p) == 0);
    char name[32];
    snprintf(name, sizeof name, "/dev/fd/%d", p[1]);
    const char *l = at("to-fd");
    CU_ASSERT_FATAL(symlink(name, l) == 0);
    CL_ASSERT_OK(cl_outfile_open(&o, name, 0644, 0));
    CU_ASSERT_EQUAL(o.kind, CL_OUTFILE_STDIO);
    write_text(&o, "ab");
    CL_ASSERT_OK(cl_outfile_commit(&o));
    CL_ASSERT_OK(cl_outfile_open(&o, l, 0644, 0));
    CU_ASSERT_EQUAL(o.kind, CL_OUTFILE_STDIO);
    write_text(&o, "cd");
    CL_ASSERT_OK(cl_outfile_commit(&o));
    close(p[1]);
    char buf[8] = { 0 };
    CU_ASSERT_EQUAL(read(p[0], buf, sizeof buf - 1), 4);
    CU_ASSERT_STRING_EQUAL(buf, "abcd");
    close(p[0]);
    CU_ASSERT(S_ISLNK(mode_of(l)));
    unlink(l);
}

static void test_append(void)
{
    struct cl_outfile o;
    const char *p = at("log");
    CL_ASSERT_OK(cl_outfile_open(&o, p, 0600, CL_OUTFILE_APPEND));
    CU_ASSERT_EQUAL(o.kind, CL_OUTFILE_APPENDED);
    write_text(&o, "a\n");
    CL_ASSERT_OK(cl_outfile_commit(&o));
    CU_ASSERT_EQUAL(mode_of(p), (mode_t)(S_IFREG | (0600 & ~current_umask())));
    const char *l = at("log-link");
    CU_ASSERT_FATAL(symlink("log", l) == 0);
    CL_ASSERT_OK(cl_outfile_open(&o, l, 0600, CL_OUTFILE_APPEND));
    write_text(&o, "b\n");
    CL_ASSERT_OK(cl_outfile_commit(&o));
    CU_ASSERT_STRING_EQUAL(get(p), "a\nb\n");
    CU_ASSERT(S_ISLNK(mode_of(l)));
    CU_ASSERT_EQUAL(temporaries(dir), 0);
    unlink(l);
    unlink(p);
}

static void test_refusals(void)
{
    struct cl_outfile o;
    CL_ASSERT_STATUS(cl_outfile_open(&o, dir, 0644, 0), CL_ERR_OUT_DIRECTORY);
    CL_ASSERT_STATUS(cl_outfile_open(&o, at("nosuch/"), 0644, 0), CL_ERR_OUT_DIRECTORY);
    CL_ASSERT_STATUS(cl_outfile_open(&o, at("nosuch/file"), 0644, 0), CL_ERR_IO);
    CU_ASSERT_EQUAL(o.err, ENOENT);
    CU_ASSERT_STRING_EQUAL(cl_outfile_strerror(&o, CL_ERR_IO), strerror(ENOENT));
    CL_ASSERT_STATUS(cl_outfile_open(&o, "", 0644, 0), CL_ERR_IO);
    CL_ASSERT_STATUS(cl_outfile_open(&o, at("x"), 0644, 0x100), CL_ERR_BAD_ARGUMENT);
    CL_ASSERT_STATUS(cl_outfile_open(NULL, at("x"), 0644, 0), CL_ERR_NULL_POINTER);
    CL_ASSERT_STATUS(cl_outfile_commit(&o), CL_ERR_STATE);
    CU_ASSERT_EQUAL(temporaries(dir), 0);
}

/* A FIFO put where the new file was to go, while it was being written: the
 * commit refuses to rename over it. */
static void test_changed_before_commit(void)
{
    struct cl_outfile o;
    const char *p = at("raced");
    CL_ASSERT_OK(cl_outfile_open(&o, p, 0644, 0));
    write_text(&o, "late");
    CU_ASSERT_FATAL(mkfifo(p, 0600) == 0);
    CL_ASSERT_STATUS(cl_outfile_commit(&o), CL_ERR_OUT_CHANGED);
    CU_ASSERT(S_ISFIFO(mode_of(p)));
    CU_ASSERT_EQUAL(temporaries(dir), 0);
    unlink(p);
}

/* The key log (net/keylog.c) goes through the helper: through a symlink and
 * into a FIFO, appended, the nodes kept. */
static void test_keylog(void)
{
    uint8_t r[32] = { 1 };
    const char *t = at("keys.log"), *l = at("keys-link"), *f = at("keys-fifo");
    CU_ASSERT_FATAL(symlink("keys.log", l) == 0 && mkfifo(f, 0600) == 0);
    CU_ASSERT_FATAL(setenv("CRYPTOLAB_KEYLOGFILE", l, 1) == 0);
    CL_ASSERT_OK(net_keylog_write(r, r, r, r));
    CL_ASSERT_OK(net_keylog_write(r, r, r, r));
    CU_ASSERT(S_ISLNK(mode_of(l)));
    CU_ASSERT_EQUAL(mode_of(t), (mode_t)(S_IFREG | (0600 & ~current_umask())));
    struct stat sb;
    CU_ASSERT(lstat(t, &sb) == 0 && sb.st_size == 2 * (16 + 4 * 65 + 1));
    int rd = open(f, O_RDONLY | O_NONBLOCK);
    CU_ASSERT_FATAL(rd >= 0);
    CU_ASSERT_FATAL(setenv("CRYPTOLAB_KEYLOGFILE", f, 1) == 0);
    CL_ASSERT_OK(net_keylog_write(r, r, r, r));
    char buf[400];
    CU_ASSERT_EQUAL(read(rd, buf, sizeof buf), 16 + 4 * 65 + 1);
    close(rd);
    CU_ASSERT(S_ISFIFO(mode_of(f)));
    unsetenv("CRYPTOLAB_KEYLOGFILE");
    unlink(l);
    unlink(t);
    unlink(f);
}

void register_outfile_suites(void)
{
    CU_pSuite s = CU_add_suite("outfile", suite_init, suite_clean);
    if (s == NULL) {
        fprintf(stderr, "CUnit: %s\n", CU_get_error_msg());
        exit(2);
    }
    tu_add_test(s, "new file: temporary, then rename", test_new_file);
    tu_add_test(s, "abort leaves nothing behind", test_abort_leaves_nothing);
    tu_add_test(s, "existing file keeps its mode; SET_MODE", test_existing_keeps_mode);
    tu_add_test(s, "existing file keeps its owner (root)", test_existing_keeps_owner);
    tu_add_test(s, "symlink to a file: followed, temp in target dir", test_symlink_to_file);
    tu_add_test(s, "dangling symlink, symlink loop", test_dangling_and_loop);
    tu_add_test(s, "character device and a link to it (root)", test_char_device);
    tu_add_test(s, "FIFO with a reader", test_fifo);
    tu_add_test(s, "unix socket", test_socket);
    tu_add_test(s, "-, /dev/stdout, /dev/fd/N", test_descriptor_names);
    tu_add_test(s, "append", test_append);
    tu_add_test(s, "directories and bad arguments", test_refusals);
    tu_add_test(s, "path replaced before commit", test_changed_before_commit);
    tu_add_test(s, "key log: symlink, FIFO", test_keylog);
}
