/*
 * common/vectors.h -- the interface between `cryptolab vectors` and the
 * module runners that check NIST CAVP / RFC / project vector files.
 *
 * A runner looks at a file and either returns CL_ERR_UNSUPPORTED at once
 * (not a file of its kind, nothing counted) or runs every case it holds
 * and fills in the counts.  Cases it recognises but cannot run (e.g. a
 * SHA-384 section) are counted as skipped, never as passed.  On a failing
 * case it writes one line to log with the expected and actual values in hex.
 */
#ifndef CRYPTOLAB_COMMON_VECTORS_H
#define CRYPTOLAB_COMMON_VECTORS_H

#include <stdio.h>
#include "common/status.h"

struct vec_result {
    unsigned long cases;    /* cases seen */
    unsigned long passed;
    unsigned long failed;
    unsigned long skipped;  /* seen but not run (reported as such) */
    char note[200];         /* e.g. "sections [L=20] [L=28] skipped: not SHA-256" */
};

typedef cl_status (*vec_runner_fn)(const char *path, struct vec_result *res, FILE *log);

/* The module runners (each returns CL_ERR_UNSUPPORTED for files not its own). */
cl_status aes_vectors_run(const char *path, struct vec_result *res, FILE *log);
cl_status gcm_vectors_run(const char *path, struct vec_result *res, FILE *log);
cl_status sha256_vectors_run(const char *path, struct vec_result *res, FILE *log);
cl_status rsa_vectors_run(const char *path, struct vec_result *res, FILE *log);
cl_status tls_vectors_run(const char *path, struct vec_result *res, FILE *log);      /* net/tls/tls_vectors.c */
cl_status pbkdf2_vectors_run(const char *path, struct vec_result *res, FILE *log);   /* sha256/pbkdf2_vectors.c */

#endif
