/* net/mitm.c -- one-line descriptions of application messages
 * (docs/protocol.md §9) for the man-in-the-middle lab.  See net/mitm.h. */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include "net/mitm.h"
#include "common/bytes.h"

static const char *const msg_names[] = {
    "unknown", "PUT", "GET", "LIST", "DATA", "RESULT", "FILEINFO", "ENTRY",
    "CHAT_JOIN", "CHAT_SAY", "CHAT_LINE", "ECHO"
};

static const char *const result_names[] = {
    "ok", "exists", "bad_name", "not_found", "hash_mismatch", "too_large", "io_error",
    "bad_request"
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

/* "text" with C escapes, at most show bytes, then ...(N bytes). */
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

/* name_len || name at m[off]; returns the offset after it, or 0 if it does not fit. */
static size_t name_at(struct sbuf *b, const uint8_t *m, size_t len, size_t off, size_t show)
{
    if (off >= len || off + 1 + m[off] > len || m[off] == 0) return 0;
    quoted(b, m + off + 1, m[off], show);
    return off + 1 + m[off];
}

cl_status net_msg_describe(const uint8_t *m, size_t len, size_t show, char *out, size_t cap)
{
    struct sbuf b = { out, cap, 0 };
    int ok = 1;
    if (!out || cap == 0) return CL_ERR_BAD_ARGUMENT;
    out[0] = 0;
    if (!m || len == 0) { put(&b, "(empty message)"); return CL_ERR_PROTOCOL; }
    uint8_t kind = m[0];
    put(&b, "%s", net_msg_name(kind));
    switch (kind) {
    case NET_MSG_PUT:        /* u8 flags, u64 size, u8[32] sha256, name */
        if (len < 43) { ok = 0; break; }
        put(&b, " ");
        ok = name_at(&b, m, len, 42, show) == len;
        put(&b, " (%llu bytes, SHA-256 ", (unsigned long long)load64_be(m + 2));
        hex(&b, m + 10, 32);
        put(&b, "%s)", (m[1] & 1) ? ", overwrite" : "");
        break;
    case NET_MSG_GET:
    case NET_MSG_CHAT_JOIN:  /* name */
        put(&b, " ");
        ok = name_at(&b, m, len, 1, show) == len;
        break;
    case NET_MSG_LIST:
        ok = len == 1;
        break;
    case NET_MSG_DATA:
    case NET_MSG_ECHO:       /* bytes */
        put(&b, " %zu bytes ", len - 1);
        quoted(&b, m + 1, len - 1, show);
        ok = kind == NET_MSG_ECHO || len > 1;
        break;
    case NET_MSG_RESULT:     /* u8 code, text */
        if (len < 2) { ok = 0; break; }
        put(&b, " %s", m[1] < 8 ? result_names[m[1]] : "unknown");
        if (len > 2) { put(&b, " "); quoted(&b, m + 2, len - 2, show); }
        break;
    case NET_MSG_FILEINFO:   /* u64 size, u8[32] sha256, name */
        if (len < 42) { ok = 0; break; }
        put(&b, " ");
        ok = name_at(&b, m, len, 41, show) == len;
        put(&b, " (%llu bytes, SHA-256 ", (unsigned long long)load64_be(m + 1));
        hex(&b, m + 9, 32);
        put(&b, ")");
        break;
    case NET_MSG_ENTRY:      /* u64 size, name */
        if (len < 10) { ok = 0; break; }
        put(&b, " ");
        ok = name_at(&b, m, len, 9, show) == len;
        put(&b, " (%llu bytes)", (unsigned long long)load64_be(m + 1));
        break;
    case NET_MSG_CHAT_SAY:   /* text */
        put(&b, " ");
        quoted(&b, m + 1, len - 1, show);
        ok = len > 1;
        break;
    case NET_MSG_CHAT_LINE: { /* nick, text */
        put(&b, " <");
        size_t e = name_at(&b, m, len, 1, show);
        put(&b, "> ");
        if (e == 0) { ok = 0; break; }
        quoted(&b, m + e, len - e, show);
        break;
    }
    default:
        put(&b, " (kind 0x%02x, %zu bytes)", kind, len);
        ok = 0;
    }
    if (!ok) put(&b, " [does not parse]");
    return ok ? CL_OK : CL_ERR_PROTOCOL;
}
