/*
 * demo/viz/tls_keys.h -- the TLS key-schedule viewer's record of one
 * session: every value net/tls's trace hook reports (tls_hooks.trace, the
 * same values `-trace-keys` prints), in order, under its RFC name and
 * section; and, for RFC 8448 §3, the values the RFC prints, to compare.
 * The page is written by viz_tls_page() (tls_page.c), drawn by
 * demo/viz/assets/tls.js.
 *
 * These are a session's secrets: record only one's own session, for the lab.
 */
#ifndef CRYPTOLAB_DEMO_VIZ_TLS_KEYS_H
#define CRYPTOLAB_DEMO_VIZ_TLS_KEYS_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#define VIZ_TLS_MAX     96      /* values kept (KeyUpdates add two each); later ones are counted */
#define VIZ_TLS_MAX_LEN 512     /* the longest value: a ffdhe4096-size shared secret */

struct viz_tls_rec {
    char name[72];              /* "client_handshake_traffic_secret" */
    char section[24];           /* "§7.1", "RFC 5246 §8.1" */
    uint8_t v[VIZ_TLS_MAX_LEN];
    size_t n;
};

struct viz_tls_log {
    size_t n, dropped;
    struct viz_tls_rec r[VIZ_TLS_MAX];
};

/* Appends one value (a tls13_trace_fn's arguments). */
void viz_tls_log_add(struct viz_tls_log *l, const char *name, const char *section,
                     const uint8_t *v, size_t n);
/* The value recorded under name (the first one), or NULL. */
const struct viz_tls_rec *viz_tls_log_find(const struct viz_tls_log *l, const char *name);
/* Wipes the values. */
void viz_tls_log_clear(struct viz_tls_log *l);

/* The page: v13 = 1 draws RFC 8446 §7.1 (with §7.2, §7.3, §4.4.4), 0 the
 * TLS 1.2 PRF (RFC 5246 §5, §8.1, §6.3, §7.4.9; RFC 7627), whose P_SHA256
 * steps are recomputed with net/tls/prf.c's traced PRF from the recorded
 * inputs.  expect (may be NULL): values a document prints (RFC 8448), by
 * the same names, shown beside ours and compared.  Returns 0, or -1 if a
 * compiled-in asset is missing. */
int viz_tls_page(FILE *f, const struct viz_tls_log *log, int v13, const char *title,
                 const char *source, const struct viz_tls_log *expect);

#endif
