/*
 * tests/fuzz/fuzz_server.c -- the server side of the protocol (net/conn.c,
 * net/handshake.c, records, docs/protocol.md §3-§9) fed from a byte buffer:
 * the input is everything "the client" sends, written into one end of a
 * socketpair (then shut down), and the server runs net_server_handshake()
 * and then receives up to 32 application messages, parses each
 * (net_app_parse) and answers with a short RESULT record.
 *
 * The server's key is vectors/net/kat-server-key.pem and its random bytes
 * are those of the known-answer transcripts (80 81 .. 9f), so the seeds --
 * the client's frames of docs/protocol.md §12.1 and §12.2 -- are a complete
 * valid session and the mutations start from inside it.  Input byte 0
 * selects the suites the server accepts: 0 default (GCM, CTR), 1 CTR only,
 * 2 GCM only, 3 CTR then GCM.
 */
#include <sys/socket.h>
#include "tests/fuzz/fuzz.h"
#include "net/net.h"
#include "net/app.h"
#include "rsa/rsa_keyfile.h"

static rsa_key key;
static uint8_t spki[NET_MAX_SPKI];
static size_t spki_len;

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc; (void)argv;
    rsa_gmp_wipe_freed_memory();
    size_t len;
    uint8_t *pem = fuzz_read_top("vectors/net/kat-server-key.pem", &len);
    rsa_key_init(&key);
    FUZZ_CHECK(rsa_key_load_private(&key, pem, len, NULL) == CL_OK);
    FUZZ_CHECK(rsa_spki_der(&key, spki, sizeof spki, &spki_len) == CL_OK);
    free(pem);
    return 0;
}

struct counter { uint8_t next; };
static cl_status counter_random(void *arg, uint8_t *buf, size_t len)
{
    struct counter *r = arg;
    for (size_t i = 0; i < len; i++) buf[i] = r->next++;
    return CL_OK;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const uint8_t ctr[] = { 1 }, gcm[] = { 2 }, both[] = { 1, 2 };
    static uint8_t buf[NET_MAX_PLAINTEXT], reply[NET_MAX_PLAINTEXT];
    if (size < 1 || size > 100000) return 0;
    int sv[2];
    FUZZ_CHECK(socketpair(AF_UNIX, SOCK_STREAM, 0, sv) == 0);
    int sz = 1 << 20;
    setsockopt(sv[0], SOL_SOCKET, SO_SNDBUF, &sz, sizeof sz);
    setsockopt(sv[1], SOL_SOCKET, SO_RCVBUF, &sz, sizeof sz);
    size_t off = 1;
    while (off < size) {
        ssize_t n = write(sv[0], data + off, size - off);
        if (n <= 0) break;
        off += (size_t)n;
    }
    shutdown(sv[0], SHUT_WR);

    struct counter rng = { 0x80 };
    struct net_options o;
    memset(&o, 0, sizeof o);
    o.timeout_ms = 5000;
    o.random = counter_random;
    o.random_arg = &rng;
    switch (data[0] & 3) {
    case 1: o.suites = ctr; o.n_suites = 1; break;
    case 2: o.suites = gcm; o.n_suites = 1; break;
    case 3: o.suites = both; o.n_suites = 2; break;
    default: break;
    }
    net_conn *c = net_conn_new(sv[1], 1, &o);
    FUZZ_CHECK(c != NULL);
    if (net_server_handshake(c, &key, spki, spki_len) == CL_OK) {
        for (int i = 0; i < 32; i++) {
            size_t n = 0;
            if (net_recv(c, buf, sizeof buf, &n) != CL_OK) break;
            FUZZ_CHECK(n >= 1 && n <= NET_MAX_PLAINTEXT);
            struct net_app_msg m;
            uint8_t alert;
            cl_status st = net_app_parse(buf, n, &m, &alert);
            size_t r = net_app_result(reply, st == CL_OK ? NET_RES_OK : NET_RES_BAD_REQUEST, "fuzz");
            if (r == 0 || net_send(c, reply, r) != CL_OK) break;
        }
    } else {
        FUZZ_CHECK(net_conn_error(c) != NULL);
    }
    net_conn_free(c);
    close(sv[0]);
    close(sv[1]);
    return 0;
}
