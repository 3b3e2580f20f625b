/* demo/client_main.c -- bin/cryptolab-client: the four steps of the founding
 * document, made safe.  Options here; the protocol is in net/. */
#include <getopt.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "cli.h"
#include "net/client.h"
#include "net/fingerprint.h"
#include "net/io.h"
#include "net/net.h"
#include "net/trust.h"
#include "rsa/rsa.h"

static const char usage[] =
    "usage: cryptolab-client [-p PORT] [--pin FP | --known-hosts FILE | --accept-new | --insecure]\n"
    "                        [--suite gcm|ctr] [-v] HOST COMMAND [ARGS]\n"
    "\n"
    "commands:\n"
    "  send [--overwrite] [--as NAME] FILE...   send files (name, size and SHA-256 travel\n"
    "                                           with the data; --as: remote name, one file)\n"
    "  get NAME [-o FILE]                       download a file (SHA-256 checked)\n"
    "  ls                                       list the server's files\n"
    "  chat [--name NICK]                       chat with everyone connected\n"
    "  echo                                     send stdin, print what comes back\n"
    "\n"
    "  -p PORT             server port (default 8000)\n"
    "  --pin FP            the server key must have this fingerprint (SHA256:...)\n"
    "  --known-hosts FILE  known-hosts file (default ~/.cryptolab/known_hosts)\n"
    "  --accept-new        trust an unknown server on first use and remember it\n"
    "  --insecure          do not check the server key (said on every run)\n"
    "  --suite LIST        suites to offer, in order (gcm = AES256-GCM, ctr =\n"
    "                      AES256-CTR-HMAC-SHA256; default gcm,ctr: the server picks)\n"
    "  -v                  narrate the four steps of the protocol on stderr\n"
    "  --version           print the version and exit\n";

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

int main(int argc, char **argv)
{
    rsa_gmp_wipe_freed_memory();   /* secrets in freed GMP memory are wiped */
    cli_progname = "cryptolab-client";
    struct net_trust trust;
    memset(&trust, 0, sizeof trust);
    long port = 8000;
    int verbose = 0;
    uint8_t suites[NET_MAX_SUITES];
    size_t n_suites = 0;
    static const struct option longs[] = {
        { "pin", required_argument, 0, 'P' },
        { "known-hosts", required_argument, 0, 'K' },
        { "accept-new", no_argument, 0, 'A' },
        { "insecure", no_argument, 0, 'I' },
        { "suite", required_argument, 0, 'S' },
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
        return cli_fail("", "unknown command '%s' (send, get, ls, chat, echo)", cmd);
    if ((is_send && nargs < 1) || (is_get && nargs != 1) || ((is_ls || is_chat || is_echo) && nargs != 0) ||
        (as && !(is_send && nargs == 1)) || (out && !is_get) || (nick && !is_chat) || (overwrite && !is_send)) {
        fputs(usage, stderr);
        return 1;
    }
    if (!nick) nick = getenv("USER") ? getenv("USER") : "anonymous";

    signal(SIGPIPE, SIG_IGN);
    trust.host = host;
    trust.port = (unsigned)port;
    trust.interactive = isatty(STDIN_FILENO) && !is_echo;
    trust.msg = stderr;

    /* [1] TCP */
    int fd;
    cl_status st = net_connect(host, (unsigned)port, &fd);
    if (st) return cli_fail(cmd, "cannot connect to %s:%ld", host, port);
    if (verbose) fprintf(stderr, "[1] connected to %s:%ld over TCP\n", host, port);
    struct net_options o;
    memset(&o, 0, sizeof o);
    if (verbose) o.log = narrate;
    if (n_suites) { o.suites = suites; o.n_suites = n_suites; }
    net_conn *c = net_conn_new(fd, 0, &o);
    if (!c) { close(fd); return cli_fail(cmd, "out of memory"); }

    /* [1] hellos, [2] key check + secret + keys + Finished */
    st = net_client_handshake(c, net_trust_check, &trust);
    if (st) {
        int r = cli_fail(cmd, "handshake with %s:%ld failed: %s", host, port, net_conn_error(c));
        net_conn_free(c);
        net_linger_close(fd);
        return r;
    }
    if (trust.insecure)
        fprintf(stderr, "WARNING: this session is NOT authenticated (--insecure)\n");

    /* [3]/[4] the command */
    char reply[1100] = "";
    int rc = 0;
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
        st = net_client_get(c, args[0], out, show_progress, &pg, reply, sizeof reply);
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
    }
    fflush(stdout);
    /* Orderly close: close_notify both ways. */
    if (!is_chat && net_close(c) == CL_OK && verbose)
        fprintf(stderr, "[4] close_notify exchanged: the session ended cleanly\n");
    net_conn_free(c);
    net_linger_close(fd);
    return rc ? 1 : 0;
}
