/*
 * demo/cmd_s_client.c -- `cryptolab s_client`, a TLS 1.2 / TLS 1.3 client
 * with openssl s_client's option names (see usage_text).
 */
#include <errno.h>
#include <netdb.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <fcntl.h>
#include <sys/socket.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <arpa/inet.h>
#include "cli.h"
#include "demo/tls_cli.h"
#include "net/tls/tls.h"
#include "net/tls/verify.h"
#include "rsa/rsa.h"

#define CMD "s_client"

static const char usage_text[] =
    "usage: cryptolab s_client -connect HOST:PORT [-servername NAME | -noservername]\n"
    "                          [-CAfile FILE] [-verify_hostname NAME] [-insecure]\n"
    "                          [-cert FILE -key FILE]\n"
    "                          [-tls1_2|-tls1_3] [-cipher LIST] [-ciphersuites LIST] [-groups LIST]\n"
    "                          [-keylogfile FILE] [-msg] [-quiet] [-v] [-trace-keys] [-trace-html FILE]\n"
    "A TLS client on cryptolab's own AES-GCM, SHA-256, RSA and GMP (TLS 1.2: RFC 5246,\n"
    "TLS 1.3: RFC 8446), with openssl s_client's option names.  Standard input goes to the\n"
    "server, the server's data to standard output; the end of standard input sends\n"
    "close_notify.  The lines \"K\" and \"k\" send a TLS 1.3 KeyUpdate with and without\n"
    "update_requested (unless -quiet), as in openssl.\n"
    "\n"
    "  -connect HOST:PORT      the server (default localhost:4433)\n"
    "  -servername NAME        server_name (SNI) to send (default: HOST unless it is an IP)\n"
    "  -noservername           send no server_name\n"
    "  -CAfile FILE            trust anchors for the server's chain (PEM)\n"
    "  -verify_hostname NAME   the name the certificate must carry (default: the SNI)\n"
    "  -cert FILE -key FILE    our certificate chain (leaf first) and its key, sent when the\n"
    "                          server asks (CertificateRequest), with a CertificateVerify:\n"
    "                          TLS 1.3 rsa_pss_rsae_sha256, TLS 1.2 as the server's list allows\n"
    "                          (rsa_pss_rsae_sha256, else rsa_pkcs1_sha256); rsa_pss_pss_sha256\n"
    "                          for a key restricted to RSA-PSS.  Without them: an empty Certificate\n"
    "  -insecure               report a failed verification but go on (UNLIKE openssl, the\n"
    "                          default is to refuse: a chain that does not verify, or no\n"
    "                          -CAfile at all, ends the handshake with an alert)\n"
    "  -test MODE              for the test suite only: premaster-valid, premaster-bad-padding,\n"
    "                          premaster-bad-version, bad-dh-public, tamper-record\n"
    "\n";

static int is_ip_literal(const char *h)
{
    struct in6_addr a6;
    struct in_addr a4;
    return inet_pton(AF_INET, h, &a4) == 1 || inet_pton(AF_INET6, h, &a6) == 1;
}

/* TCP connect with a 10-second bound. */
static int tcp_connect(const char *host, const char *port)
{
    struct addrinfo hints, *res, *ai;
    int fd = -1, err;
    memset(&hints, 0, sizeof hints);
    hints.ai_family = AF_UNSPEC;
    hints.ai_socktype = SOCK_STREAM;
    err = getaddrinfo(host, port, &hints, &res);
    if (err != 0) {
        cli_fail(CMD, "cannot resolve %s: %s", host, gai_strerror(err));
        return -1;
    }
    for (ai = res; ai != NULL; ai = ai->ai_next) {
        struct pollfd p;
        int so = 0;
        socklen_t sl = sizeof so;
        fd = socket(ai->ai_family, ai->ai_socktype | SOCK_CLOEXEC, ai->ai_protocol);
        if (fd < 0)
            continue;
        fcntl(fd, F_SETFL, O_NONBLOCK);
        if (connect(fd, ai->ai_addr, ai->ai_addrlen) != 0 && errno != EINPROGRESS) {
            close(fd);
            fd = -1;
            continue;
        }
        p.fd = fd;
        p.events = POLLOUT;
        if (poll(&p, 1, 10000) != 1 || getsockopt(fd, SOL_SOCKET, SO_ERROR, &so, &sl) != 0 || so != 0) {
            close(fd);
            fd = -1;
            errno = so ? so : ETIMEDOUT;
            continue;
        }
        fcntl(fd, F_SETFL, 0);
        {
            int one = 1;
            setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
        }
        break;
    }
    freeaddrinfo(res);
    if (fd < 0)
        cli_fail(CMD, "cannot connect to %s:%s: %s", host, port, strerror(errno));
    return fd;
}

static int run(int argc, char **argv)
{
    struct tls_cli t;
    const char *connect_arg = "localhost:4433", *servername = NULL, *cafile = NULL, *vhost = NULL;
    const char *certf = NULL, *keyf = NULL;
    int noservername = 0, fd, rc;
    char host[256], port[16];
    tls_conn *c;
    cl_status st;
    tls_cli_init(&t, CMD);
    for (int i = 1; i < argc;) {
        const char *o = argv[i];
        int r = tls_cli_option(&t, argc, argv, &i);
        if (r < 0)
            return 1;
        if (r > 0)
            continue;
        if (!strcmp(o, "--help") || !strcmp(o, "-help") || !strcmp(o, "-h")) {
            fputs(usage_text, stdout);
            fputs(tls_cli_common_help, stdout);
            return 0;
        }
        if (!strcmp(o, "-noservername")) { noservername = 1; i++; continue; }
        if (!strcmp(o, "-insecure")) { t.cfg.insecure = 1; i++; continue; }
        if (i + 1 >= argc)
            return cli_fail(CMD, "unknown option or missing argument: %s (try --help)", o);
        const char *a = argv[i + 1];
        if (!strcmp(o, "-connect")) connect_arg = a;
        else if (!strcmp(o, "-servername")) servername = a;
        else if (!strcmp(o, "-CAfile")) cafile = a;
        else if (!strcmp(o, "-verify_hostname")) vhost = a;
        else if (!strcmp(o, "-cert")) certf = a;
        else if (!strcmp(o, "-key")) keyf = a;
        else if (!strcmp(o, "-test")) {
            if (!strcmp(a, "premaster-valid")) t.cfg.test = TLS_TEST_PMS_VALID;
            else if (!strcmp(a, "premaster-bad-padding")) t.cfg.test = TLS_TEST_PMS_BAD_PADDING;
            else if (!strcmp(a, "premaster-bad-version")) t.cfg.test = TLS_TEST_PMS_BAD_VERSION;
            else if (!strcmp(a, "bad-dh-public")) t.cfg.test = TLS_TEST_BAD_DH_PUBLIC;
            else if (!strcmp(a, "tamper-record")) t.cfg.test = TLS_TEST_TAMPER_RECORD;
            else return cli_fail(CMD, "-test %s: unknown mode", a);
        } else return cli_fail(CMD, "unknown option %s (try --help)", o);
        i += 2;
    }
    {
        const char *colon = strrchr(connect_arg, ':');
        size_t n = colon ? (size_t)(colon - connect_arg) : 0;
        if (colon == NULL || n == 0 || n >= sizeof host || strlen(colon + 1) >= sizeof port)
            return cli_fail(CMD, "-connect %s: expected HOST:PORT", connect_arg);
        memcpy(host, connect_arg, n);
        host[n] = 0;
        if (host[0] == '[' && host[n - 1] == ']') {
            memmove(host, host + 1, n - 2);
            host[n - 2] = 0;
        }
        snprintf(port, sizeof port, "%s", colon + 1);
    }
    if (tls_cli_finish(&t))
        return 1;
    rsa_gmp_wipe_freed_memory();
    if (!noservername)
        t.cfg.server_name = servername ? servername : (is_ip_literal(host) ? NULL : host);
    t.cfg.verify_host = vhost ? vhost : t.cfg.server_name ? t.cfg.server_name : host;
    if ((certf == NULL) != (keyf == NULL))
        return cli_fail(CMD, "-cert FILE and -key FILE go together (our certificate and its key)");
    if (certf != NULL && tls_cli_load_credentials(&t, certf, keyf))
        return 1;
    if (cafile != NULL) {
        if (tls_cli_load_anchors(&t, cafile, 0, -1))
            return 1;
    } else if (!t.cfg.insecure) {
        return cli_fail(CMD, "no trust anchors: give -CAfile FILE (or -insecure to skip the check)");
    }
    signal(SIGPIPE, SIG_IGN);
    fd = tcp_connect(host, port);
    if (fd < 0)
        return 1;
    if (t.verbose)
        fprintf(stderr, "* [1] TCP connection to %s:%s (the founding document's step 1)\n", host, port);
    c = tls_conn_new(fd, 0, &t.cfg);
    if (c == NULL)
        return cli_fail(CMD, "out of memory");
    st = tls_handshake(c);
    if (st != CL_OK) {
        const char *why;
        if (tls_conn_verify_result(c, &why) != CL_ERR_STATE && tls_conn_verify_result(c, NULL) != CL_OK)
            fprintf(stderr, "Verification error: %s\n", why);
        fprintf(stderr, "cryptolab s_client: handshake failed: %s\n", tls_conn_error(c));
        tls_conn_free(c);
        close(fd);
        tls_cli_free(&t);
        return 1;
    }
    tls_cli_print_session(&t, c);
    if (t.verbose)
        fprintf(stderr, "* [3] your input: encrypted and sent as application_data records\n"
                        "* [4] the server's records: tag checked, then decrypted to standard output\n");
    rc = tls_cli_bridge(&t, c, STDIN_FILENO);
    tls_conn_free(c);
    close(fd);
    rc |= tls_cli_free(&t);
    return rc;
}

const struct cl_command cmd_s_client = {
    "s_client", "TLS 1.2/1.3 client (openssl s_client options): -connect -CAfile -servername -cert", run
};
