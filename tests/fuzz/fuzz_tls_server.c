/*
 * tests/fuzz/fuzz_tls_server.c -- the whole TLS server (net/tls/: records,
 * ClientHello parsing, version and group negotiation, HelloRetryRequest,
 * the 1.2 and 1.3 state machines) fed from a byte buffer: the input is
 * everything "the client" sends, written into one end of a socketpair (then
 * shut down); the server handshakes with the throw-away key and
 * self-signed certificate of vectors/tls/fuzz-server.pem and reads what
 * follows.  Seeds: ClientHellos of real clients
 * (tests/fuzz/corpus/tls_server/).
 */
#include <sys/socket.h>
#include "tests/fuzz/fuzz.h"
#include "net/tls/tls.h"
#include "net/tls/cert.h"
#include "rsa/rsa_keyfile.h"

static rsa_key key;
static tls_config cfg;
static uint8_t *store;

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    size_t len;
    uint8_t *pem;
    (void)argc; (void)argv;
    rsa_gmp_wipe_freed_memory();
    pem = fuzz_read_top("vectors/tls/fuzz-server.pem", &len);
    rsa_key_init(&key);
    FUZZ_CHECK(rsa_key_load_private(&key, pem, len, NULL) == CL_OK);
    tls_config_init(&cfg);
    FUZZ_CHECK(tls_chain_load(pem, len, &store, &cfg.chain) == CL_OK);
    free(pem);
    cfg.key = &key;
    cfg.handshake_timeout_ms = 2000;
    cfg.io_timeout_ms = 2000;
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static uint8_t buf[4096];
    int sv[2], sz = 1 << 20;
    tls_conn *c;
    size_t off = 0, got;
    if (size > 100000)
        return 0;
    FUZZ_CHECK(socketpair(AF_UNIX, SOCK_STREAM, 0, sv) == 0);
    setsockopt(sv[0], SOL_SOCKET, SO_SNDBUF, &sz, sizeof sz);
    setsockopt(sv[1], SOL_SOCKET, SO_RCVBUF, &sz, sizeof sz);
    setsockopt(sv[1], SOL_SOCKET, SO_SNDBUF, &sz, sizeof sz);
    while (off < size) {
        ssize_t n = write(sv[0], data + off, size - off);
        if (n <= 0)
            break;
        off += (size_t)n;
    }
    shutdown(sv[0], SHUT_WR);
    c = tls_conn_new(sv[1], 1, &cfg);
    FUZZ_CHECK(c != NULL);
    if (tls_handshake(c) == CL_OK)
        for (int i = 0; i < 8 && tls_read(c, buf, sizeof buf, &got) == CL_OK; i++)
            ;
    tls_conn_free(c);
    close(sv[0]);
    close(sv[1]);
    return 0;
}
