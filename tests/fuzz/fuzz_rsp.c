/*
 * tests/fuzz/fuzz_rsp.c -- common/rsp.c, the CAVP .rsp line reader, on an
 * arbitrary file.  Properties: the reader ends (EOF or a parse error) after
 * at most one call per line; it never reports more lines than the file
 * has; every name/value it hands out is a NUL-terminated string inside its
 * buffer; and a line holding a NUL byte is refused (CL_ERR_PARSE), never
 * cut short silently.
 */
#include "tests/fuzz/fuzz.h"
#include "common/rsp.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *path = fuzz_write_tmp(data, size);
    size_t lines = 0;
    for (size_t i = 0; i < size; i++)
        if (data[i] == '\n') lines++;
    if (size > 0 && data[size - 1] != '\n') lines++;
    int has_nul = memchr(data, 0, size) != NULL;

    struct rsp_reader r;
    FUZZ_CHECK(cl_rsp_open(&r, path) == CL_OK);
    cl_status st = CL_OK;
    size_t calls = 0;
    while (calls <= lines + 1) {
        st = cl_rsp_next(&r);
        calls++;
        if (st != CL_OK || r.kind == RSP_EOF) break;
        FUZZ_CHECK(r.line_no <= lines);
        FUZZ_CHECK(r.name != NULL && r.value != NULL);
        (void)strlen(r.name);
        (void)strlen(r.value);
    }
    FUZZ_CHECK(calls <= lines + 1);
    FUZZ_CHECK(st == CL_OK || st == CL_ERR_PARSE);
    if (has_nul) FUZZ_CHECK(st == CL_ERR_PARSE);
    cl_rsp_close(&r);
    return 0;
}
