/* net/authorized_keys.c -- the server's authorized-keys file
 * (docs/protocol.md §13): "SHA256:... NAME RIGHTS" per line. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "net/auth.h"

int net_user_name_ok(const char *name)
{
    size_t n = name ? strlen(name) : 0;
    if (n < 1 || n > NET_MAX_USER) return 0;
    for (size_t i = 0; i < n; i++) {
        char c = name[i];
        int alnum = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
        if (!alnum && (i == 0 || (c != '_' && c != '-'))) return 0;
    }
    return 1;
}

static int parse_rights(const char *s, unsigned *rights)
{
    *rights = 0;
    if (!strcmp(s, "r")) *rights = NET_RIGHT_READ;
    else if (!strcmp(s, "w")) *rights = NET_RIGHT_WRITE;
    else if (!strcmp(s, "rw")) *rights = NET_RIGHT_READ | NET_RIGHT_WRITE;
    return *rights != 0;
}

/* One line (without '\n') into line; a line too long or holding a NUL is
 * read to its end and flagged.  0 at the end of the file. */
static int read_line(FILE *f, char *line, size_t cap, int *bad)
{
    size_t n = 0;
    int ch;
    *bad = 0;
    while ((ch = getc(f)) != EOF && ch != '\n') {
        if (ch == '\0' || n + 1 >= cap) *bad = 1;
        else line[n++] = (char)ch;
    }
    line[n] = '\0';
    return ch != EOF || n > 0 || *bad;
}

cl_status net_authorized_load(const char *path, struct net_authorized *a, char *err, size_t cap)
{
    if (!path || !a) return CL_ERR_NULL_POINTER;
    memset(a, 0, sizeof *a);
    FILE *f = fopen(path, "r");
    if (!f) { snprintf(err, cap, "cannot open it"); return CL_ERR_IO; }
    char line[256];
    int bad;
    unsigned no = 0;
    size_t cap_users = 0;
    cl_status st = CL_OK;
    while (!st && read_line(f, line, sizeof line, &bad)) {
        no++;
        line[strcspn(line, "\r")] = '\0';
        if (!bad && (line[0] == '#' || line[strspn(line, " \t")] == '\0')) continue;
        char fp[64], name[64], rights[16], extra;
        struct net_user u;
        memset(&u, 0, sizeof u);
        if (bad || sscanf(line, "%63s %63s %15s %c", fp, name, rights, &extra) != 3) {
            snprintf(err, cap, "line %u: want \"SHA256:... NAME RIGHTS\"", no);
            st = CL_ERR_PARSE;
        } else if (net_fingerprint_parse(fp) != CL_OK) {
            snprintf(err, cap, "line %u: bad fingerprint %.60s", no, fp);
            st = CL_ERR_PARSE;
        } else if (!net_user_name_ok(name)) {
            snprintf(err, cap, "line %u: bad name %.60s (1..%d of A-Z a-z 0-9 _ -)", no, name, NET_MAX_USER);
            st = CL_ERR_PARSE;
        } else if (!parse_rights(rights, &u.rights)) {
            snprintf(err, cap, "line %u: bad rights %.15s (r, w or rw)", no, rights);
            st = CL_ERR_PARSE;
        } else if (net_authorized_find(a, fp) || net_authorized_find_name(a, name)) {
            snprintf(err, cap, "line %u: %s already listed", no, net_authorized_find(a, fp) ? "fingerprint" : "name");
            st = CL_ERR_PARSE;
        } else {
            if (a->n == cap_users) {
                size_t nc = cap_users ? 2 * cap_users : 16;
                struct net_user *nu = realloc(a->users, nc * sizeof *nu);
                if (!nu) { st = CL_ERR_NOMEM; break; }
                a->users = nu;
                cap_users = nc;
            }
            memcpy(u.fp, fp, NET_FP_LEN);
            memcpy(u.name, name, strlen(name) + 1);
            a->users[a->n++] = u;
        }
    }
    fclose(f);
    if (st) net_authorized_free(a);
    return st;
}

const struct net_user *net_authorized_find(const struct net_authorized *a, const char *fp)
{
    for (size_t i = 0; a && i < a->n; i++)
        if (strcmp(a->users[i].fp, fp) == 0) return &a->users[i];
    return NULL;
}

const struct net_user *net_authorized_find_name(const struct net_authorized *a, const char *name)
{
    for (size_t i = 0; a && i < a->n; i++)
        if (strcasecmp(a->users[i].name, name) == 0) return &a->users[i];
    return NULL;
}

void net_authorized_free(struct net_authorized *a)
{
    if (!a) return;
    free(a->users);
    a->users = NULL;
    a->n = 0;
}
