/* net/keylog.c -- docs/protocol.md §11 key log lines. */
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "net/keylog.h"
#include "common/hex.h"
#include "common/ct.h"

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
    int fd = open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0600);
    cl_status st = CL_ERR_IO;
    if (fd >= 0) {
        if (write(fd, line, n) == (ssize_t)n) st = CL_OK;   /* one append: lines never interleave */
        if (close(fd) != 0) st = CL_ERR_IO;
    }
    cl_wipe(line, sizeof line);
    return st;
}
