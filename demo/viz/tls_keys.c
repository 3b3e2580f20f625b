/*
 * demo/viz/tls_keys.c -- the TLS key-schedule viewer's record of one
 * session (tls_keys.h): the values net/tls's trace hook reports, kept in a
 * caller-owned array, wiped when done.
 */
#include <string.h>
#include "demo/viz/tls_keys.h"
#include "common/ct.h"

void viz_tls_log_add(struct viz_tls_log *l, const char *name, const char *section,
                     const uint8_t *v, size_t n)
{
    struct viz_tls_rec *r;
    if (l->n >= VIZ_TLS_MAX || n > VIZ_TLS_MAX_LEN) {
        l->dropped++;
        return;
    }
    r = &l->r[l->n++];
    snprintf(r->name, sizeof r->name, "%s", name);
    snprintf(r->section, sizeof r->section, "%s", section);
    memcpy(r->v, v, n);
    r->n = n;
}

const struct viz_tls_rec *viz_tls_log_find(const struct viz_tls_log *l, const char *name)
{
    for (size_t i = 0; i < l->n; i++)
        if (strcmp(l->r[i].name, name) == 0)
            return &l->r[i];
    return NULL;
}

void viz_tls_log_clear(struct viz_tls_log *l)
{
    cl_wipe(l, sizeof *l);
}
