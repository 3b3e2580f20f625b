/*
 * common/rsp.h -- a reader for NIST CAVP response files (.rsp) and the
 * project's own vector files, which share their shape:
 *
 *     # comment lines
 *     [ENCRYPT]              <- a section header
 *     COUNT = 0              <- "NAME = value" lines
 *     KEY = 000102...
 *     FAIL                   <- a bare word (GCM decrypt)
 *                            <- blank line: end of a record
 *
 * Lines may end in CRLF.  Values keep their text; the reader never
 * interprets hex.  Lines longer than RSP_MAX_LINE, and lines holding a NUL
 * byte, are an error (CL_ERR_PARSE), never a silent truncation.
 */
#ifndef CRYPTOLAB_COMMON_RSP_H
#define CRYPTOLAB_COMMON_RSP_H

#include <stdio.h>
#include <stddef.h>
#include "status.h"

#define RSP_MAX_LINE 200000  /* SHA256LongMsg has ~100 KB lines */

enum rsp_kind {
    RSP_EOF,       /* end of file */
    RSP_BLANK,     /* an empty line (records are separated by these) */
    RSP_SECTION,   /* "[...]": name holds the text between the brackets */
    RSP_KEYVAL,    /* "NAME = value": name and value set */
    RSP_WORD,      /* any other line (e.g. "FAIL"): name holds it */
    RSP_COMMENT    /* "# ...": value holds the text after '#' */
};

struct rsp_reader {
    FILE *fp;
    unsigned long line_no;   /* line number of the current line, from 1 */
    char *buf;               /* RSP_MAX_LINE + 2 bytes, owned by the reader */
    /* current line, pointing into buf */
    enum rsp_kind kind;
    const char *name;
    const char *value;
};

/* Opens path for reading.  CL_ERR_IO if it cannot be opened. */
cl_status cl_rsp_open(struct rsp_reader *r, const char *path);

/* Reads the next line and classifies it into r->kind / name / value.
 * Returns CL_OK (also at end of file: kind == RSP_EOF), CL_ERR_PARSE for an
 * over-long line or a NUL byte, CL_ERR_IO on a read error. */
cl_status cl_rsp_next(struct rsp_reader *r);

void cl_rsp_close(struct rsp_reader *r);

#endif
