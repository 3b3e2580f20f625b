/* net/keylog.c -- docs/protocol.md §11 key log lines. */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "net/keylog.h"
#include "common/hex.h"
#include "common/ct.h"
#include "common/outfile.h"

void net_keylog_line(char out[300], const uint8_t cr[32], const uint8_t sr[32],
                     const uint8_t secret[32], const uint8_t h1[32])
{
    const uint8_t *f[4] = { cr, sr, secret, h1 };
    size_t off = strlen("CRYPTOLAB_SECRET");
    memcpy(out, "CRYPTOLAB_SECRET", off);
    for (int i = 0; i < 4; i++) {
        out[off++] = ' ';
        cl_hex_encode(f[i], 32, out + off);
        off += 64;
    }
    out[off] = '\0';
}

cl_status net_keylog_write(const uint8_t cr[32], const uint8_t sr[32],
                           const uint8_t secret[32], const uint8_t h1[32])
{
    const char *path = getenv("CRYPTOLAB_KEYLOGFILE");
    if (!path || !*path) return CL_OK;
    char line[300];
    net_keylog_line(line, cr, sr, secret, h1);
    size_t n = strlen(line);
    line[n++] = '\n';
    /* common/outfile.h: a regular file is appended to (created 0600), a FIFO
     * (a capture tool reading it) or a device is written in place, a symlink
     * followed.  The line goes out in one write() on the descriptor, not
     * through stdio's buffer: one append, so lines never interleave. */
    struct cl_outfile o;
    cl_status st = cl_outfile_open(&o, path, 0600, CL_OUTFILE_APPEND);
    if (st == CL_OK) {
        if (write(fileno(o.fp), line, n) != (ssize_t)n) st = CL_ERR_IO;
        if (st == CL_OK) st = cl_outfile_commit(&o);
        else cl_outfile_abort(&o);
    }
    cl_wipe(line, sizeof line);
    return st;
}
