/*
 * net/trust.h -- step 2's question "is this really the server?": the
 * client's policy for the server key (docs/protocol.md §10), used as the
 * net_check_key_fn of net_client_handshake().
 *
 *   pin         the key's fingerprint must equal it
 *   known_hosts the file's entry for HOST:PORT must match; an unknown server
 *               is accepted (and added) only with accept_new or after "yes"
 *               on the terminal (/dev/tty) when interactive is set
 *   insecure    no check at all (a warning is printed on every run)
 */
#ifndef CRYPTOLAB_NET_TRUST_H
#define CRYPTOLAB_NET_TRUST_H

#include <stdio.h>
#include <stddef.h>
#include <stdint.h>
#include "common/status.h"

struct net_trust {
    const char *pin;            /* "SHA256:..." or NULL */
    const char *known_hosts;    /* file, NULL = default */
    int accept_new;
    int insecure;
    int interactive;            /* may ask on /dev/tty */
    const char *host;
    unsigned port;
    FILE *msg;                  /* warnings and notes (stderr) */
};

/* net_check_key_fn: arg is a struct net_trust *. */
cl_status net_trust_check(void *arg, const uint8_t *spki, size_t spki_len, const char *fp);

#endif
