/*
 * tests/fuzz/fuzz_known_hosts.c -- net/known_hosts.c on an arbitrary
 * known_hosts file, checked against a model of docs/protocol.md §10 written
 * here from the rules: one entry per line, "HOST:PORT SHA256:...", '#'
 * comments and blank lines ignored, CRLF accepted, and a line that cannot
 * be an entry (longer than the reader's 1,023 bytes, or holding a NUL) is
 * ignored whole.  The answer for localhost:4433 must be the model's: match,
 * mismatch (the host is there with another key) or unknown.
 * Regression: regress-long-comment (issue 11), a 1,100-byte comment whose
 * tail is "localhost:4433 SHA256:...": fgets() read it in pieces and the
 * tail matched.
 */
#include "tests/fuzz/fuzz.h"
#include "net/fingerprint.h"

static const char FP[] = "SHA256:47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU";
static const char HOST[] = "localhost:4433";

static cl_status model(const uint8_t *d, size_t size)
{
    cl_status st = CL_ERR_UNKNOWN_HOST;
    size_t i = 0;
    while (i < size) {
        size_t e = i;
        while (e < size && d[e] != '\n') e++;
        size_t len = e - i;
        const uint8_t *l = d + i;
        i = e + 1;
        if (len > 1023 || memchr(l, 0, len)) continue;   /* line[1024] holds 1,023 bytes */
        const uint8_t *cr = memchr(l, '\r', len);
        if (cr) len = (size_t)(cr - l);
        if (len == 0 || l[0] == '#') continue;
        const uint8_t *sp = memchr(l, ' ', len);
        if (!sp) continue;
        size_t klen = (size_t)(sp - l), vlen = len - klen - 1;
        if (klen != strlen(HOST) || memcmp(l, HOST, klen)) continue;
        if (vlen == strlen(FP) && !memcmp(sp + 1, FP, vlen)) return CL_OK;
        st = CL_ERR_PIN_MISMATCH;
    }
    return st;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *path = fuzz_write_tmp(data, size);
    char stored[NET_FP_LEN];
    cl_status st = net_known_hosts_check(path, "localhost", 4433, FP, stored);
    cl_status want = model(data, size);
    if (st != want) {
        fprintf(stderr, "known_hosts: got %d (%s), model says %d (%s)\n", (int)st, cl_strerror(st),
                (int)want, cl_strerror(want));
        FUZZ_CHECK(st == want);
    }
    if (st == CL_ERR_PIN_MISMATCH) FUZZ_CHECK(memchr(stored, 0, NET_FP_LEN) != NULL);
    return 0;
}
