/* sha256/sha256_vectors.c -- vector-file runner (placeholder: recognises no file yet). */
#include "common/vectors.h"

cl_status sha256_vectors_run(const char *path, struct vec_result *res, FILE *log)
{
    (void)path;
    (void)res;
    (void)log;
    return CL_ERR_UNSUPPORTED;
}
