/*
 * tests/fuzz/fuzz_client.c -- the client side of the protocol (net/conn.c,
 * net/handshake.c, records, net/client.c; docs/protocol.md §3-§9) fed from
 * a byte buffer: the input is everything "the server" sends, written into
 * one end of a socketpair (then shut down).  The client runs
 * net_client_handshake() (accepting any server key, as the mitm does, so
 * that hostile keys reach RSAES-OAEP encryption), sends the ECHO message of
 * the known-answer transcripts, receives up to 32 messages (each parsed
 * with net_app_parse), then asks for a listing (net_client_list).
 *
 * The client's random bytes are those of the transcripts (client_random
 * 00..1f, secret 20..3f, OAEP seed 40..5f), so the seeds -- the server's
 * frames of docs/protocol.md §12.1 and §12.2 -- are a complete valid
 * session.  Input byte 0 selects the offer: 1 CTR only, otherwise GCM, CTR.
 */
#include <sys/socket.h>
#include "tests/fuzz/fuzz.h"
#include "net/net.h"
#include "net/app.h"
#include "net/client.h"
#include "rsa/rsa.h"

static FILE *sink;

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc; (void)argv;
    rsa_gmp_wipe_freed_memory();
    sink = fopen("/dev/null", "w");
    FUZZ_CHECK(sink != NULL);
    return 0;
}

struct counter { uint8_t next; };
static cl_status counter_random(void *arg, uint8_t *buf, size_t len)
{
    struct counter *r = arg;
    for (size_t i = 0; i < len; i++) buf[i] = r->next++;
    return CL_OK;
}

static cl_status accept_any(void *arg, const uint8_t *spki, size_t len, const char *fp)
{
    (void)arg;
    FUZZ_CHECK(spki != NULL && len > 0 && len <= NET_MAX_SPKI && strncmp(fp, "SHA256:", 7) == 0);
    return CL_OK;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const uint8_t ctr[] = { 1 }, gcm_ctr[] = { 2, 1 };
    static uint8_t buf[NET_MAX_PLAINTEXT];
    static const char msg[] = "\x0bHello, cryptolab!";
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

    struct counter rng = { 0x00 };
    struct net_options o;
    memset(&o, 0, sizeof o);
    o.timeout_ms = 5000;
    o.random = counter_random;
    o.random_arg = &rng;
    if ((data[0] & 3) == 1) { o.suites = ctr; o.n_suites = 1; }
    else { o.suites = gcm_ctr; o.n_suites = 2; }
    net_conn *c = net_conn_new(sv[1], 0, &o);
    FUZZ_CHECK(c != NULL);
    if (net_client_handshake(c, accept_any, NULL) == CL_OK &&
        net_send(c, (const uint8_t *)msg, sizeof msg - 1) == CL_OK) {
        for (int i = 0; i < 32; i++) {
            size_t n = 0;
            if (net_recv(c, buf, sizeof buf, &n) != CL_OK) break;
            FUZZ_CHECK(n >= 1 && n <= NET_MAX_PLAINTEXT);
            struct net_app_msg m;
            uint8_t alert;
            (void)net_app_parse(buf, n, &m, &alert);
        }
        char reply[256];
        (void)net_client_list(c, sink, reply, sizeof reply);
    } else {
        FUZZ_CHECK(net_conn_error(c) != NULL);
    }
    net_conn_free(c);
    close(sv[0]);
    close(sv[1]);
    return 0;
}
