/* demo/server_main.c -- bin/cryptolab-server: the secure file/chat server.
 * Options and key handling here; the protocol is in net/. */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <arpa/inet.h>
#include <sys/resource.h>
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
    "                        [--max-clients N] [--max-per-address N] [--timeout SECONDS]\n"
    "                        [--handshake-timeout SECONDS] [--suites LIST]\n"
    "                        [--max-file-size BYTES] [--quota BYTES]\n"
    "                        [--authorized-keys FILE] [--anonymous none|read|drop|full]\n"
    "                        [--allow-open-key] [--fingerprint]\n"
    "\n"
    "Serves files (put/get/ls), chat and echo over the cryptolab secure channel\n"
    "(docs/protocol.md).  SIGINT or SIGTERM stop it cleanly (transfers in flight\n"
    "are aborted and leave nothing behind, sessions get close_notify; exit 0).\n"
    "  -b ADDR            IPv4 address to listen on (default 127.0.0.1)\n"
    "  -p PORT            port (default 8000; 0 = any free port)\n"
    "  -k KEYFILE         server private key, PEM (default server-key.pem); created\n"
    "                     (2048-bit RSA, mode 0600) if it does not exist.  Refused\n"
    "                     if group or others have any access to it, or if it has\n"
    "                     fewer than 2048 or more than 8192 bits\n"
    "  -d DIR             directory to serve and store files in (default .)\n"
    "  -v                 narrate the protocol steps of every connection\n"
    "  --max-clients N    connections open at once (default 1024); more are\n"
    "                     refused with alert server_busy\n"
    "  --max-per-address N  connections open at once from one source address\n"
    "                     (default 32)\n"
    "  --timeout SECONDS  idle timeout per connection (default 30; chat: 10 times)\n"
    "  --handshake-timeout SECONDS  from the TCP accept to the end of the\n"
    "                     handshake (default 10, at most --timeout)\n"
    "  --suites LIST      suites accepted, in the server's order of preference\n"
    "                     (gcm = AES256-GCM, ctr = AES256-CTR-HMAC-SHA256;\n"
    "                     default gcm,ctr)\n"
    "  --max-file-size BYTES  largest upload (default 4G; suffixes K, M, G, T);\n"
    "                     a bigger PUT is answered too_large before any byte is stored\n"
    "  --quota BYTES      bytes each area may hold, uploads in flight included: each\n"
    "                     user's home, and DIR for anonymous uploads (default: no quota);\n"
    "                     a PUT that would exceed it is answered quota\n"
    "  --authorized-keys FILE  client keys that may authenticate (docs/protocol.md\n"
    "                     §13): lines \"SHA256:... NAME RIGHTS\" (RIGHTS r, w or rw);\n"
    "                     user NAME works in DIR/NAME/ (created, mode 0700)\n"
    "  --anonymous MODE   what clients without an authorized key may do in DIR:\n"
    "                     none, read (ls, get), drop (put new files only) or full;\n"
    "                     default none with --authorized-keys, full without\n"
    "  --allow-open-key   serve with a key file that group/others can access\n"
    "                     (a loud warning instead of a refusal)\n"
    "  --fingerprint      print the key's fingerprint (SHA256:...) and exit\n"
    "  --version          print the version and exit\n";

/* Key hygiene, before listening: the key file is ours alone, and the key
 * has a size every client accepts (docs/protocol.md §3.2). */
static int check_key(const char *path, const rsa_key *key, int allow_open)
{
    struct stat sb;
    if (stat(path, &sb) == 0 && (sb.st_mode & 077)) {
        if (!allow_open)
            return cli_fail("", "the key file %s is accessible by group/others (mode %04o): "
                                "run chmod 600 %s (or use --allow-open-key)", path,
                            (unsigned)(sb.st_mode & 07777), path);
        fprintf(stderr, "WARNING: the private key file %s is accessible by group/others (mode %04o):\n"
                        "WARNING: anyone who can read it can impersonate this server. chmod 600 %s\n",
                path, (unsigned)(sb.st_mode & 07777), path);
    }
    size_t bits = rsa_key_bytes(key) * 8;
    if (bits < 2048 || bits > 8192)
        return cli_fail("", "the key in %s has %zu bits: clients accept 2048 to 8192 bits "
                            "(remove it to have a 2048-bit key made)", path, bits);
    return 0;
}

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

/* Every connection needs a descriptor (a file transfer two): raise the soft
 * limit towards the hard one if max_clients needs it. */
static void raise_fd_limit(long max_clients)
{
    struct rlimit rl;
    if (getrlimit(RLIMIT_NOFILE, &rl) != 0) return;
    rlim_t want = (rlim_t)max_clients * 2 + 64;
    if (rl.rlim_cur >= want) return;
    rl.rlim_cur = rl.rlim_max == RLIM_INFINITY || rl.rlim_max > want ? want : rl.rlim_max;
    setrlimit(RLIMIT_NOFILE, &rl);
    if (rl.rlim_cur < want)
        fprintf(stderr, "warning: only %llu file descriptors (ulimit -n) for --max-clients %ld: "
                        "connections beyond that wait in the kernel's queue\n",
                (unsigned long long)rl.rlim_cur, max_clients);
}

/* "4096", "10M", "4G": bytes (binary suffixes). */
static uint64_t size_arg(const char *opt, const char *arg, int *bad)
{
    char *end;
    errno = 0;
    unsigned long long v = strtoull(arg, &end, 10);
    unsigned shift = 0;
    if (*end == 'K' || *end == 'k') shift = 10;
    else if (*end == 'M' || *end == 'm') shift = 20;
    else if (*end == 'G' || *end == 'g') shift = 30;
    else if (*end == 'T' || *end == 't') shift = 40;
    if (shift) end++;
    if (*arg < '0' || *arg > '9' || *end || errno || v == 0 || (shift && v > (~0ull >> shift))) {
        cli_fail("", "bad %s: %s (want a number of bytes, e.g. 1048576, 10M or 4G)", opt, arg);
        *bad = 1;
        return 0;
    }
    return (uint64_t)v << shift;
}

static long number(const char *opt, const char *arg, long lo, long hi, int *bad)
{
    char *end;
    long v = strtol(arg, &end, 10);
    if (*arg == '\0' || *end || v < lo || v > hi) {
        cli_fail("", "bad %s: %s (want %ld..%ld)", opt, arg, lo, hi);
        *bad = 1;
    }
    return v;
}

int main(int argc, char **argv)
{
    rsa_gmp_wipe_freed_memory();   /* secrets in freed GMP memory are wiped */
    cli_progname = "cryptolab-server";
    const char *addr = "127.0.0.1", *keyfile = "server-key.pem", *dir = ".";
    long port = 8000, max_clients = 1024, per_address = 32, timeout_s = 30, handshake_s = 0;
    int verbose = 0, fp_only = 0, allow_open = 0, bad = 0;
    uint64_t max_file_size = 4ull << 30, quota = 0;
    const char *authorized = NULL;
    enum net_anonymous anonymous = NET_ANON_DEFAULT;
    uint8_t suites[NET_MAX_SUITES];
    size_t n_suites = 0;
    static const struct option longs[] = {
        { "max-clients", required_argument, 0, 'm' },
        { "max-per-address", required_argument, 0, 'M' },
        { "timeout", required_argument, 0, 't' },
        { "handshake-timeout", required_argument, 0, 'T' },
        { "fingerprint", no_argument, 0, 'f' },
        { "suites", required_argument, 0, 's' },
        { "allow-open-key", no_argument, 0, 'O' },
        { "max-file-size", required_argument, 0, 'F' },
        { "quota", required_argument, 0, 'Q' },
        { "authorized-keys", required_argument, 0, 'a' },
        { "anonymous", required_argument, 0, 'A' },
        { "help", no_argument, 0, 'h' },
        { "version", no_argument, 0, 'V' },
        { 0, 0, 0, 0 }
    };
    int ch;
    while ((ch = getopt_long(argc, argv, "b:p:k:d:vh", longs, NULL)) != -1) {
        switch (ch) {
        case 'b': addr = optarg; break;
        case 'p': port = number("port", optarg, 0, 65535, &bad); break;
        case 'k': keyfile = optarg; break;
        case 'd': dir = optarg; break;
        case 'v': verbose = 1; break;
        case 'm': max_clients = number("--max-clients", optarg, 1, 65536, &bad); break;
        case 'M': per_address = number("--max-per-address", optarg, 1, 65536, &bad); break;
        case 't': timeout_s = number("--timeout", optarg, 1, 86400, &bad); break;
        case 'T': handshake_s = number("--handshake-timeout", optarg, 1, 86400, &bad); break;
        case 'f': fp_only = 1; break;
        case 's': if (net_suites_parse(optarg, suites, &n_suites) != CL_OK)
                      return cli_fail("", "bad --suites (want gcm, ctr or a list like gcm,ctr): %s", optarg);
                  break;
        case 'O': allow_open = 1; break;
        case 'F': max_file_size = size_arg("--max-file-size", optarg, &bad); break;
        case 'Q': quota = size_arg("--quota", optarg, &bad); break;
        case 'a': authorized = optarg; break;
        case 'A': anonymous = !strcmp(optarg, "none") ? NET_ANON_NONE : !strcmp(optarg, "read") ? NET_ANON_READ :
                              !strcmp(optarg, "drop") ? NET_ANON_DROP : !strcmp(optarg, "full") ? NET_ANON_FULL :
                              NET_ANON_DEFAULT;
                  if (anonymous == NET_ANON_DEFAULT)
                      return cli_fail("", "bad --anonymous: %s (want none, read, drop or full)", optarg);
                  break;
        case 'h': fputs(usage, stdout); return 0;
        case 'V': return cli_version(cli_progname);
        default: fputs(usage, stderr); return 1;
        }
        if (bad) return 1;
    }
    if (optind != argc) { fputs(usage, stderr); return 1; }
    if (!handshake_s) handshake_s = timeout_s < 10 ? timeout_s : 10;
    if (handshake_s > timeout_s)
        return cli_fail("", "--handshake-timeout (%ld s) must not exceed --timeout (%ld s)", handshake_s, timeout_s);
    if (per_address > max_clients) per_address = max_clients;

    /* Every argument is checked before anything is created. */
    struct stat sb;
    if (!fp_only && (stat(dir, &sb) != 0 || !S_ISDIR(sb.st_mode)))
        return cli_fail("", "not a directory: %s", dir);
    struct in_addr ia;
    if (!fp_only && inet_pton(AF_INET, addr, &ia) != 1)
        return cli_fail("", "bad listening address (want an IPv4 address like 127.0.0.1): %s", addr);
    struct net_authorized users;
    memset(&users, 0, sizeof users);
    if (!fp_only && authorized) {
        char why[200] = "";
        cl_status ast = net_authorized_load(authorized, &users, why, sizeof why);
        if (ast) return cli_fail("", "--authorized-keys %s: %s", authorized, why);
    }

    rsa_key key;
    rsa_key_init(&key);
    uint8_t spki[2048];
    size_t spki_len;
    char fp[NET_FP_LEN];
    if (load_or_create_key(keyfile, &key, fp_only)) { rsa_key_clear(&key); net_authorized_free(&users); return 1; }
    cl_status st = rsa_spki_der(&key, spki, sizeof spki, &spki_len);
    if (!st) st = net_fingerprint(spki, spki_len, fp);
    if (st) { rsa_key_clear(&key); return cli_fail_status("", st, "cannot encode the public key"); }
    if (fp_only) {
        printf("%s\n", fp);
        rsa_key_clear(&key);
        return 0;
    }
    if (check_key(keyfile, &key, allow_open)) { rsa_key_clear(&key); net_authorized_free(&users); return 1; }
    raise_fd_limit(max_clients);

    struct net_server_config cfg = {
        .dir = dir, .key = &key, .spki = spki, .spki_len = spki_len,
        .max_clients = (int)max_clients, .max_per_address = (int)per_address,
        .timeout_ms = (int)timeout_s * 1000, .handshake_ms = (int)handshake_s * 1000,
        .verbose = verbose, .log = stdout,
        .suites = n_suites ? suites : NULL, .n_suites = n_suites,
        .max_file_size = max_file_size, .quota = quota,
        .users = authorized ? &users : NULL, .anonymous = anonymous
    };
    char why[300] = "";
    net_server *srv = net_server_new(&cfg, why, sizeof why);
    if (!srv) { rsa_key_clear(&key); net_authorized_free(&users); return cli_fail("", "%s", why); }
    int lfd;
    unsigned bound;
    st = net_listen(addr, (unsigned)port, &lfd, &bound);
    if (st) {
        int e = errno;
        net_server_free(srv);
        rsa_key_clear(&key);
        net_authorized_free(&users);
        return cli_fail("", "cannot listen on %s:%ld: %s", addr, port, strerror(e));
    }
    net_server_catch_signals(srv);
    printf("server key %s fingerprint %s\n", keyfile, fp);
    printf("serving directory %s\n", dir);
    printf("limits: %ld connections, %ld per address; handshake %ld s, idle %ld s; "
           "files up to %llu bytes, quota %llu\n", max_clients, per_address, handshake_s, timeout_s,
           (unsigned long long)max_file_size, (unsigned long long)quota);
    static const char *const anon_words[] = { "", "none", "read", "drop", "full" };
    if (authorized) printf("authorized keys %s: %zu user(s); anonymous clients: %s\n", authorized, users.n,
                           anon_words[anonymous == NET_ANON_DEFAULT ? NET_ANON_NONE : anonymous]);
    else printf("no authorized keys: anonymous clients: %s\n",
                anon_words[anonymous == NET_ANON_DEFAULT ? NET_ANON_FULL : anonymous]);
    printf("listening on %s:%u\n", addr, bound);
    fflush(stdout);
    st = net_server_serve(srv, lfd);              /* until SIGINT/SIGTERM; closes lfd */
    net_server_free(srv);
    rsa_key_clear(&key);
    net_authorized_free(&users);
    return st ? 1 : 0;
}
