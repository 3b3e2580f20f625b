/*
 * demo/mitm_main.c -- bin/cryptolab-mitm: the man-in-the-middle lab
 * (docs/labs/mitm.md).
 *
 *   cryptolab-mitm --listen ADDR:PORT --connect ADDR:PORT [-k KEYFILE] [-v]
 *
 * A proxy with its OWN RSA key.  Towards each client it plays the server
 * (net_server_handshake with its key), towards the real server it plays a
 * client that accepts any key (net_client_handshake), then relays every
 * application message and prints it decrypted.  A client that checks the
 * server's key (--pin, a known_hosts entry) sees a key that is not the
 * server's, refuses before sending its secret, and the attack fails: the
 * proxy says so.  The protocol lives in net/; this file only plumbs.
 *
 * Output (stdout, one line per event, flushed):
 *   cryptolab-mitm: listening on ADDR:PORT, real server ADDR:PORT
 *   cryptolab-mitm: our key SHA256:...
 *   [mitm] client 127.0.0.1:PORT: accepted our key -- attack in progress
 *   [mitm] client -> server: PUT "f.txt" (21 bytes, SHA-256 ...)
 *   [mitm] client 127.0.0.1:PORT refused our key (alert unknown_server_key): attack failed
 */
#include <errno.h>
#include <stdarg.h>
#include <netdb.h>
#include <poll.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>
#include <arpa/inet.h>
#include <netinet/in.h>
#include "demo/cli.h"
#include "net/net.h"
#include "net/mitm.h"
#include "net/fingerprint.h"
#include "rsa/rsa.h"
#include "rsa/rsa_keyfile.h"
#include "common/ct.h"

#define CMD ""    /* messages read "cryptolab-mitm: ..." */

static const char usage[] =
    "usage: cryptolab-mitm --listen ADDR:PORT --connect ADDR:PORT [-k KEYFILE] [-v]\n"
    "\n"
    "A man-in-the-middle proxy for the cryptolab protocol (a lab: attack only\n"
    "your own connections).  It answers clients with its own RSA key, connects\n"
    "to the real server as a client, relays everything and prints the\n"
    "decrypted traffic.  Clients run with --insecure, or accepting a new key\n"
    "(--accept-new), are fooled; a pinned or known server key stops it.\n"
    "\n"
    "  --listen ADDR:PORT   where victims connect (port 0: any free port, printed)\n"
    "  --connect ADDR:PORT  the real server\n"
    "  -k KEYFILE           the proxy's private key (PEM); created (2048 bits,\n"
    "                       mode 0600) if missing; default: a new key in memory\n"
    "  -v                   narrate both handshakes\n"
    "  --version            print the version and exit\n";

static struct {
    rsa_key key;
    uint8_t spki[2048];
    size_t spki_len;
    char fp[NET_FP_LEN];
    struct sockaddr_storage server;
    socklen_t server_len;
    int verbose;
} g;

static pthread_mutex_t out_lock = PTHREAD_MUTEX_INITIALIZER;

static void say(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static void say(const char *fmt, ...)
{
    va_list ap;
    pthread_mutex_lock(&out_lock);
    va_start(ap, fmt);
    vprintf(fmt, ap);
    va_end(ap);
    putchar('\n');
    fflush(stdout);
    pthread_mutex_unlock(&out_lock);
}

static void narrate(void *arg, const char *line)
{
    say("[mitm]   %s: %s", (const char *)arg, line);
}

/* "ADDR:PORT" -> socket address (IPv4 or IPv6, "[::1]:PORT" too). */
static int parse_addr(const char *s, struct sockaddr_storage *ss, socklen_t *len)
{
    char host[256];
    const char *colon = strrchr(s, ':');
    if (!colon || colon == s || (size_t)(colon - s) >= sizeof host || !colon[1]) return -1;
    memcpy(host, s, (size_t)(colon - s));
    host[colon - s] = 0;
    char *h = host;
    if (h[0] == '[' && h[strlen(h) - 1] == ']') { h[strlen(h) - 1] = 0; h++; }
    struct addrinfo hints, *ai;
    memset(&hints, 0, sizeof hints);
    hints.ai_socktype = SOCK_STREAM;
    if (getaddrinfo(h, colon + 1, &hints, &ai) != 0) return -1;
    memcpy(ss, ai->ai_addr, ai->ai_addrlen);
    *len = ai->ai_addrlen;
    freeaddrinfo(ai);
    return 0;
}

static void addr_text(const struct sockaddr_storage *ss, char *out, size_t cap)
{
    char host[INET6_ADDRSTRLEN] = "?";
    unsigned port = 0;
    if (ss->ss_family == AF_INET) {
        const struct sockaddr_in *a = (const struct sockaddr_in *)ss;
        inet_ntop(AF_INET, &a->sin_addr, host, sizeof host);
        port = ntohs(a->sin_port);
    } else if (ss->ss_family == AF_INET6) {
        const struct sockaddr_in6 *a = (const struct sockaddr_in6 *)ss;
        inet_ntop(AF_INET6, &a->sin6_addr, host, sizeof host);
        port = ntohs(a->sin6_port);
    }
    snprintf(out, cap, "%s:%u", host, port);
}

/* Towards the real server we check nothing: that is the attacker's side. */
static cl_status accept_any_key(void *arg, const uint8_t *spki, size_t spki_len, const char *fp)
{
    (void)spki; (void)spki_len;
    say("[mitm] %s: real server key %s (not checked)", (const char *)arg, fp);
    return CL_OK;
}

struct session { int cfd; struct sockaddr_storage peer; };

static void *session_main(void *arg)
{
    struct session *s = arg;
    char who[80];
    uint8_t buf[NET_MAX_PLAINTEXT];
    addr_text(&s->peer, who, sizeof who);
    say("[mitm] client %s connected", who);

    struct net_options copts = { 0 }, sopts = { 0 };
    copts.log = g.verbose ? narrate : NULL;
    copts.log_arg = "victim side";
    sopts.log = g.verbose ? narrate : NULL;
    sopts.log_arg = "server side";
    net_conn *cc = net_conn_new(s->cfd, 1, &copts), *sc = NULL;
    int sfd = -1;
    if (!cc) goto done;

    /* 1. Play the server towards the victim, with OUR key. */
    cl_status st = net_server_handshake(cc, &g.key, g.spki, g.spki_len);
    if (st != CL_OK) {
        if (net_conn_alert_received(cc) == NET_ALERT_UNKNOWN_SERVER_KEY)
            say("[mitm] client %s refused our key (alert unknown_server_key): attack failed, "
                "no secret was sent", who);
        else
            say("[mitm] client %s: handshake failed: %s", who, net_conn_error(cc));
        goto done;
    }
    say("[mitm] client %s accepted our key %s -- attack in progress", who, g.fp);

    /* 2. Play the client towards the real server. */
    sfd = socket(g.server.ss_family, SOCK_STREAM, 0);
    if (sfd < 0 || connect(sfd, (struct sockaddr *)&g.server, g.server_len) != 0) {
        say("[mitm] %s: cannot connect to the real server: %s", who, strerror(errno));
        net_abort(cc, NET_ALERT_INTERNAL_ERROR);
        goto done;
    }
    sc = net_conn_new(sfd, 0, &sopts);
    if (!sc || net_client_handshake(sc, accept_any_key, who) != CL_OK) {
        say("[mitm] %s: handshake with the real server failed: %s", who,
            sc ? net_conn_error(sc) : "out of memory");
        net_abort(cc, NET_ALERT_INTERNAL_ERROR);
        goto done;
    }

    /* 3. Relay, decrypting on one side and re-encrypting on the other.  One
     * thread, poll() on both sockets, so each connection has one sender; a
     * frame that net/ already read into its buffer counts as readable
     * (net_conn_buffered), or poll() would wait for it in vain. */
    int open_c = 1, open_s = 1;
    for (;;) {
        struct pollfd p[2] = { { s->cfd, open_c ? POLLIN : 0, 0 }, { sfd, open_s ? POLLIN : 0, 0 } };
        int ready[2];
        if (!open_c && !open_s) break;
        int buffered = (open_c && net_conn_buffered(cc)) || (open_s && net_conn_buffered(sc));
        if (poll(p, 2, buffered ? 0 : 600000) < 0) {
            if (errno == EINTR) continue;
            say("[mitm] %s: poll: %s", who, strerror(errno));
            break;
        }
        ready[0] = open_c && ((p[0].revents & (POLLIN | POLLHUP | POLLERR)) || net_conn_buffered(cc));
        ready[1] = open_s && ((p[1].revents & (POLLIN | POLLHUP | POLLERR)) || net_conn_buffered(sc));
        if (!ready[0] && !ready[1]) { say("[mitm] %s: idle for 10 minutes, closing", who); break; }
        for (int i = 0; i < 2; i++) {
            if (!ready[i] || (i == 0 ? !open_c : !open_s)) continue;
            net_conn *from = i == 0 ? cc : sc, *to = i == 0 ? sc : cc;
            const char *dir = i == 0 ? "client -> server" : "server -> client";
            char line[512];
            size_t len = 0;
            st = net_recv(from, buf, sizeof buf, &len);
            if (st == CL_OK) {
                net_msg_describe(buf, len, 200, line, sizeof line);
                say("[mitm] %s: %s", dir, line);
                st = net_send(to, buf, len);
                cl_wipe(buf, len);
                if (st != CL_OK) { say("[mitm] %s: relay failed: %s", who, net_conn_error(to)); open_c = open_s = 0; }
                continue;
            }
            if (st == CL_ERR_CLOSED) {
                say("[mitm] %s: close_notify", dir);
                net_send_alert(to, NET_ALERT_CLOSE_NOTIFY);
            } else {
                say("[mitm] %s: %s", dir, net_conn_error(from));
                net_abort(to, NET_ALERT_INTERNAL_ERROR);
                open_c = open_s = 0;
            }
            if (i == 0) open_c = 0; else open_s = 0;
        }
    }
    say("[mitm] client %s: session over", who);
done:
    if (sc) net_conn_free(sc);
    if (cc) net_conn_free(cc);
    if (sfd >= 0) close(sfd);
    close(s->cfd);
    free(s);
    return NULL;
}

static int load_or_make_key(const char *path)
{
    cl_status st;
    if (path && access(path, F_OK) == 0) {
        uint8_t *data;
        size_t len;
        if (cli_read_all(CMD, path, 1 << 20, &data, &len)) return 1;
        st = rsa_key_load_private(&g.key, data, len, NULL);
        cl_wipe(data, len);
        free(data);
        if (st) return cli_fail_status(CMD, st, "cannot load %s", path);
    } else {
        st = rsa_generate(&g.key, 2048, 65537);
        if (st) return cli_fail_status(CMD, st, "cannot generate a key");
        if (path) {
            char *pem;
            size_t len;
            struct cli_out o;
            st = rsa_key_save_private_pem(&g.key, NULL, &pem, &len);
            if (st) return cli_fail_status(CMD, st, "cannot encode the key");
            int bad = cli_out_open(CMD, &o, path, 0600);
            if (!bad && fwrite(pem, 1, len, o.fp) != len) { cli_out_abort(&o); bad = 1; }
            if (!bad) bad = cli_out_commit(CMD, &o);
            cl_wipe(pem, len);
            free(pem);
            if (bad) return 1;
        }
    }
    st = rsa_spki_der(&g.key, g.spki, sizeof g.spki, &g.spki_len);
    if (!st) st = net_fingerprint(g.spki, g.spki_len, g.fp);
    if (st) return cli_fail_status(CMD, st, "cannot encode the public key");
    return 0;
}

int main(int argc, char **argv)
{
    rsa_gmp_wipe_freed_memory();   /* secrets in freed GMP memory are wiped */
    const char *listen_at = NULL, *connect_to = NULL, *keyfile = NULL;
    cli_progname = "cryptolab-mitm";
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (!strcmp(a, "-h") || !strcmp(a, "--help")) { fputs(usage, stdout); return 0; }
        else if (!strcmp(a, "--version")) return cli_version("cryptolab-mitm");
        else if (!strcmp(a, "-v")) g.verbose = 1;
        else if (!strcmp(a, "--listen") && i + 1 < argc) listen_at = argv[++i];
        else if (!strcmp(a, "--connect") && i + 1 < argc) connect_to = argv[++i];
        else if (!strcmp(a, "-k") && i + 1 < argc) keyfile = argv[++i];
        else return cli_fail(CMD, "unknown or incomplete option '%s' (see --help)", a);
    }
    if (!listen_at || !connect_to) return cli_fail(CMD, "--listen and --connect are required (see --help)");

    struct sockaddr_storage la;
    socklen_t la_len;
    if (parse_addr(listen_at, &la, &la_len)) return cli_fail(CMD, "bad address '%s' (ADDR:PORT)", listen_at);
    if (parse_addr(connect_to, &g.server, &g.server_len))
        return cli_fail(CMD, "bad address '%s' (ADDR:PORT)", connect_to);

    rsa_key_init(&g.key);
    if (load_or_make_key(keyfile)) { rsa_key_clear(&g.key); return 1; }

    int lfd = socket(la.ss_family, SOCK_STREAM, 0);
    int one = 1;
    if (lfd < 0 || setsockopt(lfd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one) != 0 ||
        bind(lfd, (struct sockaddr *)&la, la_len) != 0 || listen(lfd, 64) != 0) {
        rsa_key_clear(&g.key);
        return cli_fail(CMD, "cannot listen on %s: %s", listen_at, strerror(errno));
    }
    la_len = sizeof la;
    getsockname(lfd, (struct sockaddr *)&la, &la_len);
    char here[80], there[80];
    addr_text(&la, here, sizeof here);
    addr_text(&g.server, there, sizeof there);
    say("cryptolab-mitm: listening on %s, real server %s", here, there);
    say("cryptolab-mitm: our key %s", g.fp);

    for (;;) {
        struct session *s = calloc(1, sizeof *s);
        socklen_t plen = sizeof s->peer;
        if (!s) { sleep(1); continue; }
        s->cfd = accept(lfd, (struct sockaddr *)&s->peer, &plen);
        if (s->cfd < 0) { free(s); if (errno == EINTR) continue; sleep(1); continue; }
        pthread_t t;
        if (pthread_create(&t, NULL, session_main, s) != 0) { close(s->cfd); free(s); continue; }
        pthread_detach(t);
    }
}
