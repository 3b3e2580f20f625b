/* demo/server_main.c -- bin/cryptolab-server: the secure file/chat server.
 * Options and key handling here; the protocol is in net/. */
#include <errno.h>
#include <getopt.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>
#include "cli.h"
#include "common/ct.h"
#include "net/fingerprint.h"
#include "net/server.h"
#include "net/wire.h"
#include "rsa/rsa.h"
#include "rsa/rsa_keyfile.h"

static const char usage[] =
    "usage: cryptolab-server [-b ADDR] [-p PORT] [-k KEYFILE] [-d DIR] [-v]\n"
    "                        [--max-clients N] [--timeout SECONDS] [--suites LIST]\n"
    "                        [--fingerprint]\n"
    "\n"
    "Serves files (put/get/ls), chat and echo over the cryptolab secure channel\n"
    "(docs/protocol.md).\n"
    "  -b ADDR            IPv4 address to listen on (default 127.0.0.1)\n"
    "  -p PORT            port (default 8000; 0 = any free port)\n"
    "  -k KEYFILE         server private key, PEM (default server-key.pem); created\n"
    "                     (2048-bit RSA, mode 0600) if it does not exist\n"
    "  -d DIR             directory to serve and store files in (default .)\n"
    "  -v                 narrate the protocol steps of every connection\n"
    "  --max-clients N    connections served at once (default 256)\n"
    "  --timeout SECONDS  idle and handshake timeout per connection (default 30)\n"
    "  --suites LIST      suites accepted, in the server's order of preference\n"
    "                     (gcm = AES256-GCM, ctr = AES256-CTR-HMAC-SHA256;\n"
    "                     default gcm,ctr)\n"
    "  --fingerprint      print the key's fingerprint (SHA256:...) and exit\n"
    "  --version          print the version and exit\n";

/* Loads the key, or creates and saves a fresh one (first run). */
static int load_or_create_key(const char *path, rsa_key *key, int quiet)
{
    uint8_t *data = NULL;
    size_t len = 0;
    if (access(path, F_OK) == 0) {
        if (cli_read_all("", path, 1 << 20, &data, &len)) return 1;
        cl_status st = rsa_key_load_private(key, data, len, NULL);
        cl_wipe(data, len);
        free(data);
        if (st) return cli_fail_status("", st, "cannot load the key %s", path);
        return 0;
    }
    if (!quiet) fprintf(stderr, "generating a 2048-bit RSA key in %s ...\n", path);
    cl_status st = rsa_generate(key, 2048, 65537);
    if (st) return cli_fail_status("", st, "key generation failed");
    char *pem = NULL;
    st = rsa_key_save_private_pem(key, NULL, &pem, &len);
    if (st) return cli_fail_status("", st, "cannot encode the key");
    struct cli_out o;
    int r = cli_out_open("", &o, path, 0600);
    if (!r) {
        if (fwrite(pem, 1, len, o.fp) != len) { cli_out_abort(&o); r = cli_fail("", "cannot write %s", path); }
        else r = cli_out_commit("", &o);
    }
    cl_wipe(pem, len);
    free(pem);
    return r;
}

int main(int argc, char **argv)
{
    rsa_gmp_wipe_freed_memory();   /* secrets in freed GMP memory are wiped */
    cli_progname = "cryptolab-server";
    const char *addr = "127.0.0.1", *keyfile = "server-key.pem", *dir = ".";
    long port = 8000, max_clients = 256, timeout_s = 30;
    int verbose = 0, fp_only = 0;
    uint8_t suites[NET_MAX_SUITES];
    size_t n_suites = 0;
    static const struct option longs[] = {
        { "max-clients", required_argument, 0, 'm' },
        { "timeout", required_argument, 0, 't' },
        { "fingerprint", no_argument, 0, 'f' },
        { "suites", required_argument, 0, 's' },
        { "help", no_argument, 0, 'h' },
        { "version", no_argument, 0, 'V' },
        { 0, 0, 0, 0 }
    };
    int ch;
    char *end;
    while ((ch = getopt_long(argc, argv, "b:p:k:d:vh", longs, NULL)) != -1) {
        switch (ch) {
        case 'b': addr = optarg; break;
        case 'p': port = strtol(optarg, &end, 10);
                  if (*end || port < 0 || port > 65535) return cli_fail("", "bad port: %s", optarg);
                  break;
        case 'k': keyfile = optarg; break;
        case 'd': dir = optarg; break;
        case 'v': verbose = 1; break;
        case 'm': max_clients = strtol(optarg, &end, 10);
                  if (*end || max_clients < 1 || max_clients > 100000) return cli_fail("", "bad --max-clients: %s", optarg);
                  break;
        case 't': timeout_s = strtol(optarg, &end, 10);
                  if (*end || timeout_s < 1 || timeout_s > 86400) return cli_fail("", "bad --timeout: %s", optarg);
                  break;
        case 'f': fp_only = 1; break;
        case 's': if (net_suites_parse(optarg, suites, &n_suites) != CL_OK)
                      return cli_fail("", "bad --suites (want gcm, ctr or a list like gcm,ctr): %s", optarg);
                  break;
        case 'h': fputs(usage, stdout); return 0;
        case 'V': return cli_version(cli_progname);
        default: fputs(usage, stderr); return 1;
        }
    }
    if (optind != argc) { fputs(usage, stderr); return 1; }

    rsa_key key;
    rsa_key_init(&key);
    uint8_t spki[2048];
    size_t spki_len;
    char fp[NET_FP_LEN];
    if (load_or_create_key(keyfile, &key, fp_only)) { rsa_key_clear(&key); return 1; }
    cl_status st = rsa_spki_der(&key, spki, sizeof spki, &spki_len);
    if (!st) st = net_fingerprint(spki, spki_len, fp);
    if (st) { rsa_key_clear(&key); return cli_fail_status("", st, "cannot encode the public key"); }
    if (fp_only) {
        printf("%s\n", fp);
        rsa_key_clear(&key);
        return 0;
    }
    struct stat sb;
    if (stat(dir, &sb) != 0 || !S_ISDIR(sb.st_mode)) {
        rsa_key_clear(&key);
        return cli_fail("", "not a directory: %s", dir);
    }
    signal(SIGPIPE, SIG_IGN);
    int lfd;
    unsigned bound;
    st = net_listen(addr, (unsigned)port, &lfd, &bound);
    if (st) { rsa_key_clear(&key); return cli_fail("", "cannot listen on %s:%ld: %s", addr, port, strerror(errno)); }
    printf("server key %s fingerprint %s\n", keyfile, fp);
    printf("serving directory %s\n", dir);
    printf("listening on %s:%u\n", addr, bound);
    fflush(stdout);

    struct net_server_config cfg = {
        .dir = dir, .key = &key, .spki = spki, .spki_len = spki_len,
        .max_clients = (int)max_clients, .timeout_ms = (int)timeout_s * 1000,
        .verbose = verbose, .log = stdout,
        .suites = n_suites ? suites : NULL, .n_suites = n_suites
    };
    net_server *srv = net_server_new(&cfg);
    if (!srv) { rsa_key_clear(&key); return cli_fail("", "out of memory"); }
    st = net_server_serve(srv, lfd);
    net_server_free(srv);
    close(lfd);
    rsa_key_clear(&key);
    return st ? 1 : 0;
}
