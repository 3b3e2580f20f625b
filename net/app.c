/* net/app.c -- application messages (docs/protocol.md §9). */
#include <string.h>
#include "net/app.h"
#include "common/bytes.h"

const char *net_result_name(uint8_t code)
{
    static const char *const names[] = { "ok", "exists", "bad_name", "not_found",
                                         "hash_mismatch", "too_large", "io_error", "bad_request",
                                         "quota", "denied" };
    return code < sizeof names / sizeof names[0] ? names[code] : "unknown";
}

/* §9: code points no name or chat line may contain: C0 controls and DEL,
 * C1 controls (U+0080..U+009F), the bidirectional formatting characters
 * that make text display in another order than it is stored (U+061C,
 * U+200E, U+200F, U+202A..U+202E, U+2066..U+2069: "txt.exe" shown as
 * "exe.txt"), and the line and paragraph separators U+2028, U+2029. */
static int forbidden(uint32_t cp)
{
    return cp < 0x20 || (cp >= 0x7f && cp <= 0x9f) || cp == 0x061c || cp == 0x200e || cp == 0x200f ||
           (cp >= 0x202a && cp <= 0x202e) || (cp >= 0x2066 && cp <= 0x2069) ||
           cp == 0x2028 || cp == 0x2029;
}

/* RFC 3629 §4 well-formed UTF-8 without forbidden() code points. */
static int utf8_text_ok(const uint8_t *s, size_t n)
{
    size_t i = 0;
    while (i < n) {
        uint8_t b = s[i];
        size_t need;
        uint32_t cp, min;
        if (b < 0x80)                    { need = 0; cp = b; min = 0; }
        else if (b >= 0xc2 && b <= 0xdf) { need = 1; cp = b & 0x1f; min = 0x80; }
        else if (b >= 0xe0 && b <= 0xef) { need = 2; cp = b & 0x0f; min = 0x800; }
        else if (b >= 0xf0 && b <= 0xf4) { need = 3; cp = b & 0x07; min = 0x10000; }
        else return 0;
        if (n - i <= need) return 0;
        for (size_t k = 1; k <= need; k++) {
            if ((s[i + k] & 0xc0) != 0x80) return 0;
            cp = (cp << 6) | (s[i + k] & 0x3f);
        }
        if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff) || forbidden(cp)) return 0;
        i += need + 1;
    }
    return 1;
}

int net_file_name_ok(const char *name, size_t len)
{
    if (!name || len < 1 || len > NET_MAX_NAME) return 0;
    if (name[0] == '.') return 0;                      /* ".", "..", hidden and temp files */
    if (memchr(name, '/', len) || memchr(name, '\\', len)) return 0;
    return utf8_text_ok((const uint8_t *)name, len);
}

int net_nick_ok(const char *nick, size_t len)
{
    if (!nick || len < 1 || len > NET_MAX_NICK) return 0;
    if (len == 1 && nick[0] == '*') return 0;          /* the server's own notices */
    return utf8_text_ok((const uint8_t *)nick, len);
}

int net_chat_text_ok(const uint8_t *text, size_t len)
{
    if (!text || len < 1 || len > NET_MAX_TEXT) return 0;
    return utf8_text_ok(text, len);
}

static cl_status bad(uint8_t *alert)
{
    *alert = NET_ALERT_DECODE_ERROR;
    return CL_ERR_PROTOCOL;
}

/* u8 name_len || name, at p (remaining n bytes).  Only the length is
 * checked here (§9: name_len 0 is a decode_error); the bytes are judged by
 * the name rules (net_file_name_ok, net_nick_ok: a NUL is bad_name). */
static int take_name(const uint8_t *p, size_t n, struct net_app_msg *m, size_t *used)
{
    if (n < 1) return 0;
    size_t l = p[0];
    if (l < 1 || n - 1 < l) return 0;
    memcpy(m->name, p + 1, l);
    m->name[l] = '\0';
    m->name_len = l;
    *used = 1 + l;
    return 1;
}

cl_status net_app_parse(const uint8_t *msg, size_t len, struct net_app_msg *m, uint8_t *alert)
{
    if (!msg || !m || !alert) return CL_ERR_NULL_POINTER;
    memset(m, 0, sizeof *m);
    if (len < 1 || len > NET_MAX_PLAINTEXT) return bad(alert);
    const uint8_t *p = msg + 1;
    size_t n = len - 1, used = 0;
    m->kind = msg[0];
    switch (m->kind) {
    case NET_APP_PUT:
        if (n < 1 + 8 + 32) return bad(alert);
        m->flags = p[0];
        if (m->flags & ~NET_PUT_OVERWRITE) return bad(alert);
        m->size = load64_be(p + 1);
        memcpy(m->sha256, p + 9, 32);
        if (!take_name(p + 41, n - 41, m, &used) || used != n - 41) return bad(alert);
        return CL_OK;
    case NET_APP_GET:
        if (!take_name(p, n, m, &used) || used != n) return bad(alert);
        return CL_OK;
    case NET_APP_LIST:
        return n == 0 ? CL_OK : bad(alert);
    case NET_APP_DATA:
        if (n < 1) return bad(alert);
        m->data = p; m->data_len = n;
        return CL_OK;
    case NET_APP_ECHO:
        m->data = p; m->data_len = n;
        return CL_OK;
    case NET_APP_RESULT:
        if (n < 1 || n - 1 > NET_MAX_TEXT) return bad(alert);
        m->code = p[0];
        m->data = p + 1; m->data_len = n - 1;
        return CL_OK;
    case NET_APP_FILEINFO:
        if (n < 8 + 32) return bad(alert);
        m->size = load64_be(p);
        memcpy(m->sha256, p + 8, 32);
        if (!take_name(p + 40, n - 40, m, &used) || used != n - 40) return bad(alert);
        return CL_OK;
    case NET_APP_ENTRY:
        if (n < 8) return bad(alert);
        m->size = load64_be(p);
        if (!take_name(p + 8, n - 8, m, &used) || used != n - 8) return bad(alert);
        return CL_OK;
    case NET_APP_CHAT_JOIN:
        if (!take_name(p, n, m, &used) || used != n || m->name_len > NET_MAX_NICK) return bad(alert);
        return CL_OK;
    case NET_APP_CHAT_SAY:
        if (n < 1 || n > NET_MAX_TEXT) return bad(alert);
        m->data = p; m->data_len = n;
        return CL_OK;
    case NET_APP_CHAT_LINE:
        if (!take_name(p, n, m, &used) || m->name_len > NET_MAX_NICK) return bad(alert);
        if (n - used > NET_MAX_TEXT) return bad(alert);
        m->data = p + used; m->data_len = n - used;
        return CL_OK;
    case NET_APP_AUTH: {           /* u16 spki_len || spki || u16 sig_len || sig */
        if (n < 2) return bad(alert);
        size_t kl = load16_be(p);
        if (kl < 1 || kl > NET_MAX_SPKI || n - 2 < kl + 2) return bad(alert);
        size_t sl = load16_be(p + 2 + kl);
        if (sl < 1 || sl > NET_MAX_RSA_BYTES || n - 4 - kl != sl) return bad(alert);
        m->spki = p + 2; m->spki_len = kl;
        m->sig = p + 4 + kl; m->sig_len = sl;
        return CL_OK;
    }
    default:
        *alert = NET_ALERT_UNEXPECTED_MESSAGE;
        return CL_ERR_PROTOCOL;
    }
}

static size_t put_name(uint8_t *p, const char *name, size_t max)
{
    size_t l = strlen(name);
    if (l < 1 || l > max) return 0;
    p[0] = (uint8_t)l;
    memcpy(p + 1, name, l);
    return 1 + l;
}

size_t net_app_put(uint8_t *out, uint8_t flags, uint64_t size, const uint8_t sha[32], const char *name)
{
    out[0] = NET_APP_PUT;
    out[1] = flags;
    store64_be(out + 2, size);
    memcpy(out + 10, sha, 32);
    size_t l = put_name(out + 42, name, NET_MAX_NAME);
    return l ? 42 + l : 0;
}

size_t net_app_get(uint8_t *out, const char *name)
{
    out[0] = NET_APP_GET;
    size_t l = put_name(out + 1, name, NET_MAX_NAME);
    return l ? 1 + l : 0;
}

size_t net_app_list(uint8_t *out)
{
    out[0] = NET_APP_LIST;
    return 1;
}

size_t net_app_data(uint8_t *out, uint8_t kind, const uint8_t *data, size_t len)
{
    if (len > NET_APP_MAX_DATA || (kind == NET_APP_DATA && len == 0)) return 0;
    out[0] = kind;
    if (len) memcpy(out + 1, data, len);
    return 1 + len;
}

size_t net_app_result(uint8_t *out, uint8_t code, const char *text)
{
    size_t l = text ? strlen(text) : 0;
    if (l > NET_MAX_TEXT) l = NET_MAX_TEXT;
    out[0] = NET_APP_RESULT;
    out[1] = code;
    if (l) memcpy(out + 2, text, l);
    return 2 + l;
}

size_t net_app_fileinfo(uint8_t *out, uint64_t size, const uint8_t sha[32], const char *name)
{
    out[0] = NET_APP_FILEINFO;
    store64_be(out + 1, size);
    memcpy(out + 9, sha, 32);
    size_t l = put_name(out + 41, name, NET_MAX_NAME);
    return l ? 41 + l : 0;
}

size_t net_app_entry(uint8_t *out, uint64_t size, const char *name)
{
    out[0] = NET_APP_ENTRY;
    store64_be(out + 1, size);
    size_t l = put_name(out + 9, name, NET_MAX_NAME);
    return l ? 9 + l : 0;
}

size_t net_app_chat_join(uint8_t *out, const char *nick)
{
    out[0] = NET_APP_CHAT_JOIN;
    size_t l = put_name(out + 1, nick, NET_MAX_NICK);
    return l ? 1 + l : 0;
}

size_t net_app_chat_say(uint8_t *out, const char *text, size_t len)
{
    if (len < 1 || len > NET_MAX_TEXT) return 0;
    out[0] = NET_APP_CHAT_SAY;
    memcpy(out + 1, text, len);
    return 1 + len;
}

size_t net_app_chat_line(uint8_t *out, const char *nick, const char *text, size_t len)
{
    if (len > NET_MAX_TEXT) return 0;
    out[0] = NET_APP_CHAT_LINE;
    size_t l = put_name(out + 1, nick, NET_MAX_NICK);
    if (!l) return 0;
    memcpy(out + 1 + l, text, len);
    return 1 + l + len;
}

size_t net_app_auth(uint8_t *out, const uint8_t *spki, size_t spki_len, const uint8_t *sig, size_t sig_len)
{
    if (spki_len < 1 || spki_len > NET_MAX_SPKI || sig_len < 1 || sig_len > NET_MAX_RSA_BYTES) return 0;
    out[0] = NET_APP_AUTH;
    store16_be(out + 1, (uint16_t)spki_len);
    memcpy(out + 3, spki, spki_len);
    store16_be(out + 3 + spki_len, (uint16_t)sig_len);
    memcpy(out + 5 + spki_len, sig, sig_len);
    return 5 + spki_len + sig_len;
}
