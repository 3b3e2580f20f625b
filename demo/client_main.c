/* demo/client_main.c -- bin/cryptolab-client: the four steps of the founding
 * document, made safe.  Options here; the protocol is in net/. */
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
#include "net/client.h"
#include "net/fingerprint.h"
#include "net/io.h"
#include "net/net.h"
#include "net/trust.h"
#include "rsa/rsa.h"
#include "rsa/rsa_keyfile.h"

static const char usage[] =
    "usage: cryptolab-client [-p PORT] [--pin FP | --known-hosts FILE | --accept-new | --insecure]\n"
    "                        [--identity FILE|none] [--suite gcm|ctr] [-v] HOST COMMAND [ARGS]\n"
    "       cryptolab-client [--identity FILE] keygen | id\n"
    "\n"
    "commands:\n"
    "  send [--overwrite] [--as NAME] FILE...   send files (name, size and SHA-256 travel\n"
    "                                           with the data; --as: remote name, one file)\n"
    "  get [--overwrite] NAME [-o FILE]         download a file (SHA-256 checked); an existing\n"
    "                                           local file is replaced only with --overwrite;\n"
    "                                           -o -: standard output\n"
    "  ls                                       list the server's files\n"
    "  chat [--name NICK]                       chat with everyone connected\n"
    "  echo                                     send stdin, print what comes back\n"
    "  keygen                                   create the identity key (2048-bit RSA, mode\n"
    "                                           0600) and print the line for the server's\n"
    "                                           authorized-keys file\n"
    "  id                                       print the identity key's fingerprint\n"
    "\n"
    "  -p PORT             server port (default 8000)\n"
    "  --pin FP            the server key must have this fingerprint (SHA256:...)\n"
    "  --known-hosts FILE  known-hosts file (default ~/.cryptolab/known_hosts)\n"
    "  --accept-new        trust an unknown server on first use and remember it\n"
    "  --insecure          do not check the server key (said on every run)\n"
    "  --identity FILE     the client's private key, to authenticate to the server\n"
    "                      (docs/protocol.md §13; default ~/.cryptolab/id_rsa.pem when it\n"
    "                      exists; none: stay anonymous)\n"
    "  --suite LIST        suites to offer, in order (gcm = AES256-GCM, ctr =\n"
    "                      AES256-CTR-HMAC-SHA256; default gcm,ctr: the server picks)\n"
    "  -v                  narrate the four steps of the protocol on stderr\n"
    "  --version           print the version and exit\n"
    "\n"
    "SIGINT/SIGTERM during a get remove its temporary file: nothing half-written stays.\n";

static void narrate(void *arg, const char *line)
{
    (void)arg;
    fprintf(stderr, "%s\n", line);
}

struct progress { int on; const char *name; };

static void show_progress(void *arg, uint64_t done, uint64_t total)
{
    struct progress *p = arg;
    if (!p->on) return;
    int pct = total ? (int)(done * 100 / total) : 100;
    int bar = pct * 30 / 100;
    fprintf(stderr, "\r%-20.20s [%.*s%*s] %3d%% %llu bytes", p->name,
            bar, "##############################", 30 - bar, "", pct, (unsigned long long)done);
    if (done == total) fputc('\n', stderr);
}

/* The download's temporary, removed if a signal ends us (async-signal-safe:
 * unlink, signal, raise). */
static struct net_tmpfile get_tmp;

static void on_signal(int sig)
{
    if (get_tmp.active) unlink(get_tmp.path);
    signal(sig, SIG_DFL);
    raise(sig);
}

static const char *default_identity(void)
{
    static char path[4096];
    const char *home = getenv("HOME");
    if (!home || !*home || (size_t)snprintf(path, sizeof path, "%s/.cryptolab/id_rsa.pem", home) >= sizeof path)
        return NULL;
    return path;
}

/* Loads the identity key: ours alone (no access for group/others, as ssh
 * demands), 2048..8192 bits. */
static int load_identity(const char *path, rsa_key *key)
{
    struct stat sb;
    if (stat(path, &sb) != 0) return cli_fail("", "cannot read the identity key %s: %s", path, strerror(errno));
    if (sb.st_mode & 077)
        return cli_fail("", "the identity key %s is accessible by group/others (mode %04o): chmod 600 %s",
                        path, (unsigned)(sb.st_mode & 07777), path);
    uint8_t *data = NULL;
    size_t len = 0;
    if (cli_read_all("", path, 1 << 20, &data, &len)) return 1;
    cl_status st = rsa_key_load_private(key, data, len, NULL);
    cl_wipe(data, len);
    free(data);
    if (st) return cli_fail_status("", st, "cannot load the identity key %s", path);
    size_t bits = rsa_key_bytes(key) * 8;
    if (bits < 2048 || bits > 8192)
        return cli_fail("", "the identity key %s has %zu bits (2048..8192 needed)", path, bits);
    return 0;
}

static int identity_fingerprint(const rsa_key *key, char fp[NET_FP_LEN])
{
    uint8_t spki[NET_MAX_SPKI];
    size_t n;
    cl_status st = rsa_spki_der(key, spki, sizeof spki, &n);
    if (!st) st = net_fingerprint(spki, n, fp);
    return st ? cli_fail_status("", st, "cannot encode the identity's public key") : 0;
}

/* keygen / id: the local commands. */
static int local_command(const char *cmd, const char *path)
{
    if (!path) return cli_fail(cmd, "no identity path ($HOME unset): use --identity FILE");
    rsa_key key;
    rsa_key_init(&key);
    char fp[NET_FP_LEN];
    int r = 0;
    if (!strcmp(cmd, "id")) {
        r = load_identity(path, &key) || identity_fingerprint(&key, fp);
        if (!r) printf("%s %s\n", fp, path);
        rsa_key_clear(&key);
        return r;
    }
    if (access(path, F_OK) == 0) return cli_fail(cmd, "%s exists: not replaced", path);
    char dir[4096];
    snprintf(dir, sizeof dir, "%s", path);
    char *slash = strrchr(dir, '/');
    if (slash && slash != dir) { *slash = '\0'; if (mkdir(dir, 0700) != 0 && errno != EEXIST) return cli_fail(cmd, "cannot create %s", dir); }
    fprintf(stderr, "generating a 2048-bit RSA identity key in %s ...\n", path);
    cl_status st = rsa_generate(&key, 2048, 65537);
    char *pem = NULL;
    size_t len = 0;
    if (!st) st = rsa_key_save_private_pem(&key, NULL, &pem, &len);
    if (st) { rsa_key_clear(&key); return cli_fail_status(cmd, st, "key generation failed"); }
    struct cli_out o;
    r = cli_out_open(cmd, &o, path, 0600);
    if (!r) {
        if (fwrite(pem, 1, len, o.fp) != len) { cli_out_abort(&o); r = cli_fail(cmd, "cannot write %s", path); }
        else r = cli_out_commit(cmd, &o);
    }
    cl_wipe(pem, len);
    free(pem);
    if (!r) r = identity_fingerprint(&key, fp);
    if (!r) {
        const char *user = getenv("USER") ? getenv("USER") : "NAME";
        printf("%s\n", fp);
        fprintf(stderr, "give this line to the server's operator for its authorized-keys file:\n"
                        "%s %s rw\n", fp, user);
    }
    rsa_key_clear(&key);
    return r;
}

int main(int argc, char **argv)
{
    rsa_gmp_wipe_freed_memory();   /* secrets in freed GMP memory are wiped */
    cli_progname = "cryptolab-client";
    struct net_trust trust;
    memset(&trust, 0, sizeof trust);
    long port = 8000;
    int verbose = 0;
    const char *identity = NULL;
    uint8_t suites[NET_MAX_SUITES];
    size_t n_suites = 0;
    static const struct option longs[] = {
        { "pin", required_argument, 0, 'P' },
        { "known-hosts", required_argument, 0, 'K' },
        { "accept-new", no_argument, 0, 'A' },
        { "insecure", no_argument, 0, 'I' },
        { "suite", required_argument, 0, 'S' },
        { "identity", required_argument, 0, 'i' },
        { "help", no_argument, 0, 'h' },
        { "version", no_argument, 0, 'V' },
        { 0, 0, 0, 0 }
    };
    int ch;
    char *end;
    while ((ch = getopt_long(argc, argv, "+p:vh", longs, NULL)) != -1) {
        switch (ch) {
        case 'p': port = strtol(optarg, &end, 10);
                  if (*end || port < 1 || port > 65535) return cli_fail("", "bad port: %s", optarg);
                  break;
        case 'P': trust.pin = optarg;
                  if (net_fingerprint_parse(optarg) != CL_OK)
                      return cli_fail("", "bad --pin (want SHA256: and 43 base64 characters): %s", optarg);
                  break;
        case 'K': trust.known_hosts = optarg; break;
        case 'A': trust.accept_new = 1; break;
        case 'I': trust.insecure = 1; break;
        case 'S': if (net_suites_parse(optarg, suites, &n_suites) != CL_OK)
                      return cli_fail("", "bad --suite (want gcm, ctr or a list like gcm,ctr): %s", optarg);
                  break;
        case 'i': identity = optarg; break;
        case 'v': verbose = 1; break;
        case 'h': fputs(usage, stdout); return 0;
        case 'V': return cli_version(cli_progname);
        default: fputs(usage, stderr); return 1;
        }
    }
    if ((trust.pin != NULL) + trust.insecure > 1 || (trust.insecure && (trust.accept_new || trust.known_hosts)))
        return cli_fail("", "--insecure cannot be combined with --pin, --known-hosts or --accept-new");
    if (trust.pin && (trust.accept_new || trust.known_hosts))
        return cli_fail("", "--pin cannot be combined with --known-hosts or --accept-new");
    if (argc - optind == 1 && (!strcmp(argv[optind], "keygen") || !strcmp(argv[optind], "id")))
        return local_command(argv[optind], identity && strcmp(identity, "none") ? identity : default_identity());
    if (argc - optind < 2) { fputs(usage, stderr); return 1; }
    const char *host = argv[optind], *cmd = argv[optind + 1];
    int cargc = argc - optind - 1;
    char **cargv = argv + optind + 1;

    /* The command's own options. */
    const char *out = NULL, *nick = NULL, *as = NULL;
    int overwrite = 0;
    static const struct option clongs[] = {
        { "overwrite", no_argument, 0, 'W' },
        { "as", required_argument, 0, 'a' },
        { "name", required_argument, 0, 'n' },
        { 0, 0, 0, 0 }
    };
    optind = 0;                      /* glibc: full re-initialisation */
    while ((ch = getopt_long(cargc, cargv, "o:", clongs, NULL)) != -1) {
        switch (ch) {
        case 'o': out = optarg; break;
        case 'W': overwrite = 1; break;
        case 'a': as = optarg; break;
        case 'n': nick = optarg; break;
        default: fputs(usage, stderr); return 1;
        }
    }
    char **args = cargv + optind;
    int nargs = cargc - optind;
    int is_send = !strcmp(cmd, "send"), is_get = !strcmp(cmd, "get"), is_ls = !strcmp(cmd, "ls");
    int is_chat = !strcmp(cmd, "chat"), is_echo = !strcmp(cmd, "echo");
    if (!(is_send || is_get || is_ls || is_chat || is_echo))
        return cli_fail("", "unknown command '%s' (send, get, ls, chat, echo, keygen, id)", cmd);
    if ((is_send && nargs < 1) || (is_get && nargs != 1) || ((is_ls || is_chat || is_echo) && nargs != 0) ||
        (as && !(is_send && nargs == 1)) || (out && !is_get) || (nick && !is_chat) ||
        (overwrite && !is_send && !is_get)) {
        fputs(usage, stderr);
        return 1;
    }
    if (!nick) nick = getenv("USER") ? getenv("USER") : "anonymous";

    /* The identity: an explicit --identity must load; the default one is
     * used when it exists. */
    rsa_key id_key;
    rsa_key_init(&id_key);
    int have_id = 0, id_explicit = identity && strcmp(identity, "none") != 0;
    if (!identity) identity = default_identity();
    if (identity && strcmp(identity, "none") != 0 && (id_explicit || access(identity, F_OK) == 0)) {
        if (load_identity(identity, &id_key)) { rsa_key_clear(&id_key); return 1; }
        have_id = 1;
    }

    /* A signal during a get removes its temporary file. */
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_signal;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGTERM, &sa, NULL);
    sigaction(SIGHUP, &sa, NULL);
    signal(SIGPIPE, SIG_IGN);
    trust.host = host;
    trust.port = (unsigned)port;
    trust.interactive = isatty(STDIN_FILENO) && !is_echo;
    trust.msg = stderr;

    /* [1] TCP */
    int fd;
    cl_status st = net_connect(host, (unsigned)port, &fd);
    if (st) { rsa_key_clear(&id_key); return cli_fail(cmd, "cannot connect to %s:%ld", host, port); }
    if (verbose) fprintf(stderr, "[1] connected to %s:%ld over TCP\n", host, port);
    struct net_options o;
    memset(&o, 0, sizeof o);
    if (verbose) o.log = narrate;
    if (n_suites) { o.suites = suites; o.n_suites = n_suites; }
    net_conn *c = net_conn_new(fd, 0, &o);
    if (!c) { close(fd); rsa_key_clear(&id_key); return cli_fail(cmd, "out of memory"); }

    /* [1] hellos, [2] key check + secret + keys + Finished */
    char reply[1100] = "";
    int rc = 0;
    st = net_client_handshake(c, net_trust_check, &trust);
    if (st) {
        rc = cli_fail(cmd, "handshake with %s:%ld failed: %s", host, port, net_conn_error(c));
        goto done;
    }
    if (trust.insecure)
        fprintf(stderr, "WARNING: this session is NOT authenticated (--insecure)\n");

    /* [2'] who we are (§13): the identity signs this session */
    if (have_id) {
        st = net_client_auth(c, &id_key, NULL, reply, sizeof reply);
        if (st == CL_ERR_UNSUPPORTED && !id_explicit) {
            fprintf(stderr, "note: %s; continuing anonymously\n", reply);
        } else if (st) {
            char fp[NET_FP_LEN] = "";
            identity_fingerprint(&id_key, fp);
            rc = cli_fail(cmd, "authentication with %s (%s) failed: %s", identity, fp, reply);
            goto done;
        } else if (verbose) {
            fprintf(stderr, "[2] %s\n", reply);
        }
    }

    /* [3]/[4] the command */
    struct progress pg = { isatty(STDERR_FILENO) && !verbose, NULL };
    if (is_send) {
        for (int i = 0; i < nargs; i++) {
            pg.name = args[i];
            st = net_client_put(c, args[i], as, overwrite, show_progress, &pg, reply, sizeof reply);
            if (st == CL_OK) { printf("%s: %s\n", host, reply); continue; }
            rc = cli_fail(cmd, "%s: %s", args[i], reply);
            if (st != CL_ERR_REFUSED && st != CL_ERR_IO && st != CL_ERR_BAD_ARGUMENT) break;  /* connection lost */
        }
    } else if (is_get) {
        pg.name = args[0];
        st = net_client_get(c, args[0], out, overwrite, &get_tmp, show_progress, &pg, reply, sizeof reply);
        if (st) rc = cli_fail(cmd, "%s: %s", args[0], reply);
        else fprintf(stderr, "%s\n", reply);
    } else if (is_ls) {
        st = net_client_list(c, stdout, reply, sizeof reply);
        if (st) rc = cli_fail(cmd, "%s", reply);
    } else if (is_echo) {
        st = net_client_echo(c, STDIN_FILENO, STDOUT_FILENO, reply, sizeof reply);
        if (st) rc = cli_fail(cmd, "%s", reply);
    } else {
        st = net_client_chat(c, nick, STDIN_FILENO, stdout, reply, sizeof reply);
        if (st) rc = cli_fail(cmd, "%s", reply);
        else if (reply[0]) fprintf(stderr, "%s\n", reply);
    }
    fflush(stdout);
    /* Orderly close: close_notify both ways. */
    if (!is_chat && net_close(c) == CL_OK && verbose)
        fprintf(stderr, "[4] close_notify exchanged: the session ended cleanly\n");
done:
    net_conn_free(c);
    net_linger_close(fd);
    rsa_key_clear(&id_key);
    return rc ? 1 : 0;
}
