/* common/rsp.c -- CAVP .rsp line reader (see rsp.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "rsp.h"

cl_status cl_rsp_open(struct rsp_reader *r, const char *path)
{
    if (r == NULL || path == NULL)
        return CL_ERR_NULL_POINTER;
    memset(r, 0, sizeof *r);
    r->fp = fopen(path, "rb");
    if (r->fp == NULL)
        return CL_ERR_IO;
    r->buf = malloc(RSP_MAX_LINE + 2);
    if (r->buf == NULL) {
        fclose(r->fp);
        r->fp = NULL;
        return CL_ERR_NOMEM;
    }
    return CL_OK;
}

static char *trim(char *s)
{
    while (*s == ' ' || *s == '\t')
        s++;
    size_t n = strlen(s);
    while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r' || s[n - 1] == '\n'))
        s[--n] = '\0';
    return s;
}

cl_status cl_rsp_next(struct rsp_reader *r)
{
    if (r == NULL || r->fp == NULL)
        return CL_ERR_NULL_POINTER;
    r->name = r->value = "";
    /* One line, read byte by byte: fgets() cannot tell a NUL byte inside a
     * line from the line's end, so "KEY = 00<NUL>junk" would pass as
     * "KEY = 00" (found by fuzzing, tests/fuzz/fuzz_rsp.c). */
    size_t n = 0;
    int ch;
    while ((ch = getc_unlocked(r->fp)) != EOF) {
        if (ch == '\0' || (n == RSP_MAX_LINE && ch != '\n')) {
            r->line_no++;
            return CL_ERR_PARSE;
        }
        r->buf[n++] = (char)ch;
        if (ch == '\n')
            break;
    }
    if (n == 0) {
        if (ferror(r->fp))
            return CL_ERR_IO;
        r->kind = RSP_EOF;
        return CL_OK;
    }
    r->buf[n] = '\0';
    r->line_no++;
    char *s = trim(r->buf);
    if (*s == '\0') {
        r->kind = RSP_BLANK;
    } else if (*s == '#') {
        r->kind = RSP_COMMENT;
        r->value = trim(s + 1);
    } else if (*s == '[') {
        char *end = strrchr(s, ']');
        if (end == NULL)
            return CL_ERR_PARSE;
        *end = '\0';
        r->kind = RSP_SECTION;
        r->name = trim(s + 1);
    } else {
        char *eq = strchr(s, '=');
        if (eq == NULL) {
            r->kind = RSP_WORD;
            r->name = s;
        } else {
            *eq = '\0';
            r->kind = RSP_KEYVAL;
            r->name = trim(s);
            r->value = trim(eq + 1);
        }
    }
    return CL_OK;
}

void cl_rsp_close(struct rsp_reader *r)
{
    if (r == NULL)
        return;
    if (r->fp)
        fclose(r->fp);
    free(r->buf);
    r->fp = NULL;
    r->buf = NULL;
}
