/*
 * demo/cmd_vectors.c -- `cryptolab vectors [-v] PATH...`
 *
 * Runs NIST CAVP response files, RFC vector files and the project's own
 * vector files.  A directory is walked recursively (files in name order).
 * Each file goes to the first module runner that recognises it.  A file
 * that is not a vector file says so, with what it is: documentation
 * (README*), key or certificate material (PEM, DER), data that names the
 * test checking it in a "# Checked by: ..." comment line, or a file listed
 * in its folder's README.txt.  Any other file
 * no runner knows is reported as skipped, never as passed.  Errors (a path
 * that cannot be opened, a malformed file) go to stderr.
 * Output: one line per file, then "N passed, M failed" (cases).
 * Exit status 1 if any case failed or any named file could not be read.
 */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include "cli.h"
#include "common/vectors.h"

static const vec_runner_fn runners[] = {
    aes_vectors_run, gcm_vectors_run, sha256_vectors_run, rsa_vectors_run, pbkdf2_vectors_run,
    tls_vectors_run,
};

struct totals {
    unsigned long files, passed, failed, skipped, unknown_files, errors, data_files;
};

/* What a file that no runner takes is, if it is clearly not a vector file:
 * writes a description to what and returns 1. */
static int not_a_vector_file(const char *path, char *what, size_t cap)
{
    const char *base = strrchr(path, '/');
    base = base ? base + 1 : path;
    if (strncmp(base, "README", 6) == 0) {
        snprintf(what, cap, "documentation");
        return 1;
    }
    FILE *fp = fopen(path, "rb");
    if (fp == NULL)
        return 0;
    char line[256];
    int found = 0;
    for (int n = 0; n < 20 && !found && fgets(line, sizeof line, fp) != NULL; n++) {
        if (n == 0 && (unsigned char)line[0] == 0x30) {           /* DER SEQUENCE */
            snprintf(what, cap, "key or certificate material (DER)");
            found = 1;
        } else if (strncmp(line, "-----BEGIN ", 11) == 0) {
            snprintf(what, cap, "key or certificate material (PEM)");
            found = 1;
        } else if (line[0] == '#' && strstr(line, "Checked by: ") != NULL) {
            char *by = strstr(line, "Checked by: ") + 12;
            by[strcspn(by, "\r\n")] = '\0';
            snprintf(what, cap, "data checked by %s", by);
            found = 1;
        }
    }
    fclose(fp);
    if (found)
        return 1;
    /* listed (as a word at the start of a line) in README.txt beside it */
    char readme[4096];
    int dir_len = (int)(base - path);
    snprintf(readme, sizeof readme, "%.*sREADME.txt", dir_len, path);
    if ((fp = fopen(readme, "r")) == NULL)
        return 0;
    size_t bl = strlen(base);
    while (!found && fgets(line, sizeof line, fp) != NULL) {
        const char *s = line + strspn(line, " \t");
        found = strncmp(s, base, bl) == 0 && (s[bl] == ' ' || s[bl] == '\t' || s[bl] == '\n');
    }
    fclose(fp);
    if (found)
        snprintf(what, cap, "data described in %.*sREADME.txt", dir_len < 150 ? dir_len : 150, path);
    return found;
}

static int verbose;

static void run_file(const char *path, struct totals *t)
{
    struct vec_result res;
    for (size_t i = 0; i < sizeof runners / sizeof runners[0]; i++) {
        memset(&res, 0, sizeof res);
        cl_status st = runners[i](path, &res, stdout);
        if (st == CL_ERR_UNSUPPORTED)
            continue;
        t->files++;
        t->passed += res.passed;
        t->failed += res.failed;
        t->skipped += res.skipped;
        if (st != CL_OK) {
            t->errors++;
            fflush(stdout);
            cli_fail("vectors", "%s: %s%s%s", path, cl_strerror(st), res.note[0] ? "; " : "", res.note);
            return;
        }
        printf("%s: %lu cases, %lu passed, %lu failed", path, res.cases, res.passed, res.failed);
        if (res.skipped)
            printf(", %lu skipped", res.skipped);
        if (res.note[0])
            printf(" (%s)", res.note);
        printf("\n");
        return;
    }
    char what[200];
    if (not_a_vector_file(path, what, sizeof what)) {
        t->data_files++;
        printf("%s: not a vector file: %s\n", path, what);
        return;
    }
    t->unknown_files++;
    printf("%s: skipped (not a vector file this build can run)\n", path);
}

static int name_cmp(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static void run_path(const char *path, struct totals *t, int depth)
{
    struct stat sb;
    if (stat(path, &sb) != 0) {
        fflush(stdout);
        cli_fail("vectors", "%s: cannot open: %s", path, strerror(errno));
        t->errors++;
        return;
    }
    if (!S_ISDIR(sb.st_mode)) {
        run_file(path, t);
        return;
    }
    if (depth > 8)
        return;
    DIR *d = opendir(path);
    if (d == NULL) {
        fflush(stdout);
        cli_fail("vectors", "%s: cannot open directory: %s", path, strerror(errno));
        t->errors++;
        return;
    }
    char **names = NULL;
    size_t n = 0, cap = 0;
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        if (e->d_name[0] == '.')
            continue;
        if (n == cap) {
            cap = cap ? 2 * cap : 64;
            char **nn = realloc(names, cap * sizeof *names);
            if (nn == NULL)
                break;
            names = nn;
        }
        size_t len = strlen(path) + strlen(e->d_name) + 2;
        names[n] = malloc(len);
        if (names[n] == NULL)
            break;
        snprintf(names[n], len, "%s/%s", path, e->d_name);
        n++;
    }
    closedir(d);
    qsort(names, n, sizeof *names, name_cmp);
    for (size_t i = 0; i < n; i++) {
        run_path(names[i], t, depth + 1);
        free(names[i]);
    }
    free(names);
}

static int run(int argc, char **argv)
{
    int first = 1;
    if (argc > 1 && (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0)) {
        printf("usage: cryptolab vectors [-v] PATH...\n"
               "Runs test-vector files: NIST CAVP .rsp files (AESAVS ECB/CBC KAT, MMT, MCT;\n"
               "SHAVS; HMACVS [L=32]; GCMVS; RSA SigGen/SigVer/KeyGen), RSA Laboratories PKCS#1\n"
               "vectors, RFC 5869, PBKDF2 (RFC 6070/7914) and the project's own files in\n"
               "vectors/.  A directory is searched recursively.  Prints one line per file and\n"
               "a last line \"N passed, M failed\"; exits 1 if any case failed or a file could\n"
               "not be read (errors on stderr).  Files that are not vector files say what\n"
               "they are (documentation, keys, data checked by a named test); files of\n"
               "kinds this build cannot run are reported as skipped.\n");
        return 0;
    }
    if (argc > 1 && strcmp(argv[1], "-v") == 0) {
        verbose = 1;
        first = 2;
    }
    if (first >= argc)
        return cli_fail("vectors", "no file or directory given (see --help)");
    struct totals t = { 0 };
    for (int i = first; i < argc; i++)
        run_path(argv[i], &t, 0);
    if (t.data_files)
        printf("%lu files are not vector files (see above)\n", t.data_files);
    if (t.skipped || t.unknown_files)
        printf("%lu cases skipped, %lu files skipped\n", t.skipped, t.unknown_files);
    printf("%lu passed, %lu failed\n", t.passed, t.failed + t.errors);
    return (t.failed || t.errors) ? 1 : 0;
}

const struct cl_command cmd_vectors = { "vectors", "run NIST/RFC/project test-vector files", run };
