/* net/trust.c -- pin, known hosts, trust on first use (docs/protocol.md §10). */
#include <string.h>
#include "net/trust.h"
#include "net/fingerprint.h"

static void banner(FILE *f, const char *title)
{
    fprintf(f, "@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@\n"
               "@    WARNING: %-44s@\n"
               "@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@\n"
               "IT IS POSSIBLE THAT SOMEONE IS DOING SOMETHING NASTY!\n"
               "Someone could be eavesdropping on you right now (man-in-the-middle attack)!\n",
            title);
}

/* Asks "yes/no" on the controlling terminal; 1 for yes. */
static int ask_tty(const struct net_trust *t, const char *fp)
{
    FILE *tty = fopen("/dev/tty", "r+");
    if (!tty) return 0;
    fprintf(tty, "The authenticity of server '%s:%u' can't be established.\n"
                 "Its key fingerprint is %s.\n"
                 "Are you sure you want to continue connecting (yes/no)? ",
            t->host, t->port, fp);
    fflush(tty);
    char ans[16] = "";
    int yes = fgets(ans, sizeof ans, tty) && strncmp(ans, "yes", 3) == 0 &&
              (ans[3] == '\n' || ans[3] == '\0');
    fclose(tty);
    return yes;
}

cl_status net_trust_check(void *arg, const uint8_t *spki, size_t spki_len, const char *fp)
{
    const struct net_trust *t = arg;
    FILE *f = t->msg ? t->msg : stderr;
    (void)spki; (void)spki_len;
    if (t->insecure) {
        fprintf(f, "WARNING: --insecure: the server key %s is NOT checked; anyone in the "
                   "middle can read and change this session\n", fp);
        return CL_OK;
    }
    if (t->pin) {
        if (strcmp(t->pin, fp) == 0) return CL_OK;
        banner(f, "SERVER KEY DOES NOT MATCH THE PIN!");
        fprintf(f, "Expected (--pin): %s\nServer presented: %s\nNo secret was sent; connection aborted.\n",
                t->pin, fp);
        return CL_ERR_PIN_MISMATCH;
    }
    const char *path = t->known_hosts ? t->known_hosts : net_known_hosts_default();
    if (!path) {
        fprintf(f, "cannot locate known_hosts ($HOME unset); use --pin or --known-hosts\n");
        return CL_ERR_UNKNOWN_HOST;
    }
    char stored[NET_FP_LEN] = "";
    cl_status st = net_known_hosts_check(path, t->host, t->port, fp, stored);
    if (st == CL_OK) return CL_OK;
    if (st == CL_ERR_PIN_MISMATCH) {
        banner(f, "SERVER KEY HAS CHANGED!");
        fprintf(f, "The key of %s:%u in %s is %s,\nbut the server presented %s.\n"
                   "No secret was sent; connection aborted.  If the server really got a new key,\n"
                   "remove its line from %s.\n", t->host, t->port, path, stored, fp, path);
        return st;
    }
    if (st == CL_ERR_IO) {
        fprintf(f, "cannot read %s\n", path);
        return CL_ERR_UNKNOWN_HOST;
    }
    /* Unknown server: trust on first use only when asked. */
    if (!t->accept_new && !(t->interactive && ask_tty(t, fp))) {
        fprintf(f, "The server %s:%u is not in %s (key %s).\n"
                   "Check the fingerprint with the server's operator, then use --pin %s,\n"
                   "or --accept-new to trust it on first use.  No secret was sent.\n",
                t->host, t->port, path, fp, fp);
        return CL_ERR_UNKNOWN_HOST;
    }
    if (net_known_hosts_add(path, t->host, t->port, fp) != CL_OK)
        fprintf(f, "warning: cannot add the key to %s\n", path);
    else
        fprintf(f, "Permanently added '%s:%u' (%s) to %s.\n", t->host, t->port, fp, path);
    return CL_OK;
}
