/* net/serve_auth.c -- the server's side of client authentication
 * (docs/protocol.md §13): AUTH, protocol version 2, first request only. */
#include <stdio.h>
#include "net/server_internal.h"

static const char *rights_words(unsigned r)
{
    return r == (NET_RIGHT_READ | NET_RIGHT_WRITE) ? "read-write" : r == NET_RIGHT_READ ? "read-only" : "write-only";
}

cl_status srv_auth(struct net_client *cl, const struct net_app_msg *m)
{
    net_server *s = cl->srv;
    if (net_conn_version(cl->c) < NET_VERSION_2 || cl->requests > 0) {
        srv_log(cl, "AUTH %s: unexpected_message", cl->requests ? "after another request" : "in a version-1 session");
        return net_fail_alert(cl->c, NET_ALERT_UNEXPECTED_MESSAGE,
                              cl->requests ? "AUTH must be the first request" : "AUTH needs protocol version 2");
    }
    char fp[NET_FP_LEN];
    if (net_fingerprint(m->spki, m->spki_len, fp) != CL_OK)
        return net_fail_alert(cl->c, NET_ALERT_INTERNAL_ERROR, "cannot compute a fingerprint");
    const struct net_user *u = s->cfg.users ? net_authorized_find(s->cfg.users, fp) : NULL;
    if (!u) {
        srv_log(cl, "AUTH: key %s is not authorized; the session stays anonymous", fp);
        return srv_result(cl, NET_RES_DENIED, s->cfg.users ? "your key is not in this server's authorized keys"
                                                           : "this server has no authorized keys");
    }
    uint8_t h[32];
    cl_status st = net_conn_session_hash(cl->c, h);
    if (!st) st = net_auth_verify(m->spki, m->spki_len, h, m->sig, m->sig_len);
    if (st) {
        srv_log(cl, "AUTH: the signature for key %s (%s) does not verify: %s", fp, u->name, cl_strerror(st));
        return net_fail_alert(cl->c, NET_ALERT_DECRYPT_ERROR, "AUTH signature does not verify");
    }
    cl->user = u;
    srv_set_rights(cl);
    srv_log(cl, "authenticated as %s (key %s, %s)", u->name, fp, rights_words(u->rights));
    char text[128];
    snprintf(text, sizeof text, "authenticated as %s (%s)", u->name, rights_words(u->rights));
    return srv_result(cl, NET_RES_OK, text);
}
