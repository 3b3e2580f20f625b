/*
 * demo/viz/page.c -- the frame of every viewer page (demo/viz/page.h):
 * head and stylesheet, the data object, the scripts; JSON value writers.
 */
#include <string.h>
#include "demo/viz/page.h"
#include "demo/viz/assets.h"

static const struct viz_asset *find_asset(const char *name)
{
    for (const struct viz_asset *a = viz_assets; a->name != NULL; a++)
        if (strcmp(a->name, name) == 0)
            return a;
    return NULL;
}

static void put_asset(FILE *f, const struct viz_asset *a)
{
    fwrite(a->data, 1, a->len, f);
}

/* Text for HTML element content: & < > escaped. */
static void put_html_text(FILE *f, const char *s)
{
    for (; *s; s++) {
        switch (*s) {
        case '&': fputs("&amp;", f); break;
        case '<': fputs("&lt;", f); break;
        case '>': fputs("&gt;", f); break;
        default: fputc(*s, f);
        }
    }
}

void viz_page_begin(FILE *f, const char *title, const char *subtitle)
{
    const struct viz_asset *css = find_asset("viewer.css");
    fputs("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
          "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
          "<meta name=\"generator\" content=\"cryptolab\">\n<title>", f);
    put_html_text(f, title ? title : "cryptolab");
    fputs("</title>\n<style>\n", f);
    if (css != NULL)
        put_asset(f, css);
    fputs("</style>\n</head>\n<body>\n<header>\n<h1 id=\"title\">", f);
    put_html_text(f, title ? title : "cryptolab");
    fputs("</h1>\n", f);
    if (subtitle != NULL) {
        fputs("<p class=\"sub\" id=\"subtitle\">", f);
        put_html_text(f, subtitle);
        fputs("</p>\n", f);
    }
    fputs("</header>\n<main id=\"app\"><noscript>This page draws the trace with JavaScript "
          "(built in, nothing is loaded from the network): please enable it.</noscript></main>\n"
          "<script>\nwindow.VIZ = ", f);
}

int viz_page_end(FILE *f, const char *script)
{
    const struct viz_asset *common = find_asset("viewer.js"), *page = find_asset(script);
    if (common == NULL || page == NULL)
        return -1;
    fputs(";\n</script>\n<script>\n", f);
    put_asset(f, common);
    fputs("</script>\n<script>\n", f);
    put_asset(f, page);
    fputs("</script>\n</body>\n</html>\n", f);
    return 0;
}

void viz_json_strn(FILE *f, const char *s, size_t n)
{
    fputc('"', f);
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c == '"' || c == '\\')
            fprintf(f, "\\%c", c);
        else if (c == '<' || c == '>' || c == '&' || c < 0x20 || c == 0x7f)
            fprintf(f, "\\u%04x", c);
        else
            fputc(c, f);
    }
    fputc('"', f);
}

void viz_json_str(FILE *f, const char *s)
{
    viz_json_strn(f, s, strlen(s));
}

void viz_json_hex(FILE *f, const uint8_t *b, size_t n)
{
    fputc('"', f);
    for (size_t i = 0; i < n; i++)
        fprintf(f, "%02x", b[i]);
    fputc('"', f);
}

void viz_json_word(FILE *f, uint32_t w)
{
    fprintf(f, "\"%08x\"", (unsigned)w);
}

void viz_json_words(FILE *f, const uint32_t *w, size_t n)
{
    fputc('[', f);
    for (size_t i = 0; i < n; i++) {
        if (i)
            fputc(',', f);
        viz_json_word(f, w[i]);
    }
    fputc(']', f);
}

void viz_json_key(FILE *f, int first, const char *key)
{
    if (!first)
        fputc(',', f);
    viz_json_str(f, key);
    fputc(':', f);
}

static unsigned popcount8(unsigned x)
{
    unsigned n = 0;
    for (; x; x >>= 1)
        n += x & 1;
    return n;
}

unsigned viz_bit_distance(const uint8_t *a, const uint8_t *b, size_t n)
{
    unsigned d = 0;
    for (size_t i = 0; i < n; i++)
        d += popcount8((unsigned)(a[i] ^ b[i]));
    return d;
}

unsigned viz_word_distance(const uint32_t *a, const uint32_t *b, size_t n)
{
    unsigned d = 0;
    for (size_t i = 0; i < n; i++) {
        uint32_t x = a[i] ^ b[i];
        for (int k = 0; k < 4; k++)
            d += popcount8((x >> (8 * k)) & 0xff);
    }
    return d;
}
