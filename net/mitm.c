/* net/mitm.c -- one-line descriptions of application messages
 * (docs/protocol.md §9) for the man-in-the-middle lab.  See net/mitm.h. */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include "net/mitm.h"
#include "net/app.h"
#include "net/fingerprint.h"

static const char *const msg_names[] = {
    "unknown", "PUT", "GET", "LIST", "DATA", "RESULT", "FILEINFO", "ENTRY",
    "CHAT_JOIN", "CHAT_SAY", "CHAT_LINE", "ECHO", "AUTH"
};

const char *net_msg_name(uint8_t kind)
{
    return kind < sizeof msg_names / sizeof msg_names[0] ? msg_names[kind] : "unknown";
}

/* Appending writer that never overflows out. */
struct sbuf { char *p; size_t cap, len; };

static void put(struct sbuf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void put(struct sbuf *b, const char *fmt, ...)
{
    va_list ap;
    if (b->len + 1 >= b->cap) return;
    va_start(ap, fmt);
    int n = vsnprintf(b->p + b->len, b->cap - b->len, fmt, ap);
    va_end(ap);
    if (n > 0) b->len += (size_t)n < b->cap - b->len ? (size_t)n : b->cap - b->len - 1;
}

/* "text" with C escapes, at most show bytes, then "...". */
static void quoted(struct sbuf *b, const uint8_t *s, size_t n, size_t show)
{
    put(b, "\"");
    for (size_t i = 0; i < n && i < show; i++) {
        uint8_t c = s[i];
        if (c == '\n') put(b, "\\n");
        else if (c == '\t') put(b, "\\t");
        else if (c == '"' || c == '\\') put(b, "\\%c", c);
        else if (c < 0x20 || c >= 0x7f) put(b, "\\x%02x", c);
        else put(b, "%c", c);
    }
    put(b, "\"");
    if (n > show) put(b, "...");
}

static void hex(struct sbuf *b, const uint8_t *s, size_t n)
{
    for (size_t i = 0; i < n; i++) put(b, "%02x", s[i]);
}

cl_status net_msg_describe(const uint8_t *msg, size_t len, size_t show, char *out, size_t cap)
{
    struct sbuf b = { out, cap, 0 };
    struct net_app_msg m;
    uint8_t alert;
    if (!out || cap == 0) return CL_ERR_BAD_ARGUMENT;
    out[0] = 0;
    if (!msg || len == 0) { put(&b, "(empty message)"); return CL_ERR_PROTOCOL; }
    put(&b, "%s", net_msg_name(msg[0]));
    if (net_app_parse(msg, len, &m, &alert) != CL_OK) {
        put(&b, " (%zu bytes) [does not parse]", len);
        return CL_ERR_PROTOCOL;
    }
    const uint8_t *name = (const uint8_t *)m.name;
    switch (m.kind) {
    case NET_APP_PUT:
    case NET_APP_FILEINFO:
        put(&b, " ");
        quoted(&b, name, m.name_len, show);
        put(&b, " (%llu bytes, SHA-256 ", (unsigned long long)m.size);
        hex(&b, m.sha256, 32);
        put(&b, "%s)", (m.kind == NET_APP_PUT && (m.flags & NET_PUT_OVERWRITE)) ? ", overwrite" : "");
        break;
    case NET_APP_ENTRY:
        put(&b, " ");
        quoted(&b, name, m.name_len, show);
        put(&b, " (%llu bytes)", (unsigned long long)m.size);
        break;
    case NET_APP_GET:
    case NET_APP_CHAT_JOIN:
        put(&b, " ");
        quoted(&b, name, m.name_len, show);
        break;
    case NET_APP_DATA:
    case NET_APP_ECHO:
        put(&b, " %zu bytes ", m.data_len);
        quoted(&b, m.data, m.data_len, show);
        break;
    case NET_APP_RESULT:
        put(&b, " %s", net_result_name(m.code));
        if (m.data_len) { put(&b, " "); quoted(&b, m.data, m.data_len, show); }
        break;
    case NET_APP_CHAT_SAY:
        put(&b, " ");
        quoted(&b, m.data, m.data_len, show);
        break;
    case NET_APP_CHAT_LINE:
        put(&b, " <%s> ", m.name);
        quoted(&b, m.data, m.data_len, show);
        break;
    case NET_APP_AUTH: {
        char fp[NET_FP_LEN] = "?";
        net_fingerprint(m.spki, m.spki_len, fp);
        put(&b, " client key %s, RSA-PSS signature (%zu bytes) over this session's hash", fp, m.sig_len);
        break;
    }
    default:
        break;
    }
    return CL_OK;
}
