/*
 * demo/tls_cli.h -- what `cryptolab s_server` and `cryptolab s_client`
 * share: openssl's option names for versions, suites, groups and key logs,
 * the -msg / -v / -trace-keys printers, the stdin/stdout bridge.
 * Everything printed for people goes to standard error; standard output
 * carries only the peer's data (so `> file` captures exactly the bytes).
 */
#ifndef CRYPTOLAB_DEMO_TLS_CLI_H
#define CRYPTOLAB_DEMO_TLS_CLI_H

#include <stdio.h>
#include "net/tls/tls.h"
#include "net/tls/verify.h"
#include "rsa/rsa.h"
#include "common/outfile.h"
#include "demo/viz/tls_keys.h"
#include <pthread.h>

struct tls_cli {
    const char *cmd;               /* "s_server" / "s_client" */
    tls_config cfg;
    FILE *keylog;
    struct cl_outfile keylog_out;
    int msg, quiet, verbose, trace_keys;
    const char *keylog_path;
    /* -trace-html FILE: the first session's key schedule, recorded by the
     * trace hook (one connection: the first thread that reports a value)
     * and written as the viewer page (demo/viz/tls_page.c) at the end */
    const char *trace_html;
    struct viz_tls_log *trace_log;
    pthread_mutex_t trace_lock;
    pthread_t trace_owner;
    int trace_owned, trace_done;
    /* our certificate and key (-cert, -key) */
    uint8_t *chain_store;
    rsa_key key;
    int have_key;
    /* trust anchors (-CAfile) */
    tls_anchors anchors;
    int have_anchors;
};

/* Defaults: cfg initialised, hooks pointing at the printers. */
void tls_cli_init(struct tls_cli *t, const char *cmd);
/* One shared option at argv[*i] (its argument at argv[*i + 1]): returns 1
 * if consumed (*i advanced past it), 0 if not ours, -1 after printing an
 * error. */
int tls_cli_option(struct tls_cli *t, int argc, char **argv, int *i);
/* After the options: SSLKEYLOGFILE, opening the key log (mode 0600).
 * Returns 0, or 1 after printing an error. */
int tls_cli_finish(struct tls_cli *t);
/* Writes the -trace-html page (if asked for and a value was recorded), then
 * frees everything.  Returns 0, or 1 after printing an error (the page). */
int tls_cli_free(struct tls_cli *t);

/* -cert FILE -key FILE: the chain (leaf first) and the leaf's private key,
 * checked to belong together, at least 2048 bits, and what the key may do
 * (an id-RSASSA-PSS key: cfg.key_pss); cfg.chain / cfg.key set.  Returns 0,
 * or 1 after printing an error. */
int tls_cli_load_credentials(struct tls_cli *t, const char *cert, const char *key);
/* -CAfile FILE: trust anchors for the peer's chain (client_auth: the peer is
 * a client; depth: -verify N, < 0 none); cfg.verify set.  0, or 1 after an error. */
int tls_cli_load_anchors(struct tls_cli *t, const char *cafile, int client_auth, int depth);

/* "Protocol  : TLSv1.3" ... lines (to stderr). */
void tls_cli_print_session(const struct tls_cli *t, const tls_conn *c);

/* Copies stdin to the connection and the connection to stdout until both
 * directions are closed: stdin's end sends close_notify; the peer's
 * close_notify ends the reading.  Lines "K" / "k" on stdin (when not
 * -quiet) send a KeyUpdate with / without update_requested, as openssl.
 * Returns 0 on an orderly end, 1 after printing an error. */
int tls_cli_bridge(struct tls_cli *t, tls_conn *c, int in_fd);

/* The options' help text shared by both commands. */
extern const char tls_cli_common_help[];

#endif
