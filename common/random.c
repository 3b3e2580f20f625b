/* common/random.c -- getrandom(2), retried on EINTR and short reads. */
#include <errno.h>
#include <sys/random.h>
#include "random.h"

cl_status cl_random_bytes(uint8_t *buf, size_t len)
{
    if (buf == NULL && len != 0)
        return CL_ERR_NULL_POINTER;
    size_t done = 0;
    unsigned tries = 0;
    while (done < len) {
        size_t chunk = len - done;
        if (chunk > 256)
            chunk = 256;   /* reads of <= 256 bytes are never interrupted */
        ssize_t r = getrandom(buf + done, chunk, 0);
        if (r < 0) {
            if (errno == EINTR && ++tries < 100)
                continue;
            return CL_ERR_RANDOM;
        }
        done += (size_t)r;
    }
    return CL_OK;
}
