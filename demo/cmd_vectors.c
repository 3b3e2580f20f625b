/*
 * demo/cmd_vectors.c -- `cryptolab vectors [-v] PATH...`
 *
 * Runs NIST CAVP response files, RFC vector files and the project's own
 * vector files.  A directory is walked recursively (files in name order).
 * Each file goes to the first module runner that recognises it; a file no
 * runner knows is reported as skipped, never as passed.
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
    aes_vectors_run, gcm_vectors_run, sha256_vectors_run, rsa_vectors_run,
};

struct totals {
    unsigned long files, passed, failed, skipped, unknown_files, errors;
};

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
            printf("%s: ERROR %s%s%s\n", path, cl_strerror(st), res.note[0] ? "; " : "", res.note);
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
        printf("%s: ERROR cannot open: %s\n", path, strerror(errno));
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
        printf("%s: ERROR cannot open directory: %s\n", path, strerror(errno));
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
               "vectors, RFC 5869 and the project's own files in vectors/.  A directory is\n"
               "searched recursively.  Prints one line per file and a last line\n"
               "\"N passed, M failed\"; exits 1 if any case failed or a file could not be read.\n"
               "Files of kinds this build cannot run are reported as skipped.\n");
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
    if (t.skipped || t.unknown_files)
        printf("%lu cases skipped, %lu files skipped\n", t.skipped, t.unknown_files);
    printf("%lu passed, %lu failed\n", t.passed, t.failed + t.errors);
    return (t.failed || t.errors) ? 1 : 0;
}

const struct cl_command cmd_vectors = { "vectors", "run NIST/RFC/project test-vector files", run };
