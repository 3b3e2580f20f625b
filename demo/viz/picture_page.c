/*
 * demo/viz/picture_page.c -- the ECB-versus-CBC page (`cryptolab
 * ecb-picture`): the logo and its two encryptions, one byte per pixel,
 * base64 in window.VIZ, drawn on canvases by demo/viz/assets/picture.js with
 * one palette for all three, and the number of repeated 16-byte blocks of
 * each.
 *
 * VIZ = { kind: "picture", w, h, mode2: "cbc" | "ctr", key, iv,
 *         images: [{id, title, b64, repeats}] }
 */
#include <stdlib.h>
#include "demo/viz/pages.h"
#include "demo/viz/page.h"
#include "common/hex.h"

static int put_image(FILE *f, int first, const char *id, const char *title, const uint8_t *b, size_t n)
{
    char *b64 = malloc(cl_base64_len(n) + 1);
    if (b64 == NULL)
        return -1;
    cl_base64_encode(b, n, b64);
    fputs(first ? "{" : ",{", f);
    viz_json_key(f, 1, "id");
    viz_json_str(f, id);
    viz_json_key(f, 0, "title");
    viz_json_str(f, title);
    viz_json_key(f, 0, "repeats");
    fprintf(f, "%zu", viz_repeated_blocks(b, n));
    viz_json_key(f, 0, "b64");
    viz_json_str(f, b64);
    fputc('}', f);
    free(b64);
    return 0;
}

int viz_picture_page(FILE *f, const uint8_t *orig, const uint8_t *ecb, const uint8_t *other,
                     const char *mode2, const uint8_t key[16], const uint8_t iv[16])
{
    const size_t n = (size_t)VIZ_PIC_W * VIZ_PIC_H;
    char title2[64];
    snprintf(title2, sizeof title2, "AES-128-%s", mode2[1] == 't' ? "CTR" : "CBC");
    viz_page_begin(f, "ECB versus CBC, seen", "The same pixels encrypted twice with the same key.");
    fputc('{', f);
    viz_json_key(f, 1, "kind");
    viz_json_str(f, "picture");
    viz_json_key(f, 0, "w");
    fprintf(f, "%d", VIZ_PIC_W);
    viz_json_key(f, 0, "h");
    fprintf(f, "%d", VIZ_PIC_H);
    viz_json_key(f, 0, "mode2");
    viz_json_str(f, mode2);
    viz_json_key(f, 0, "key");
    viz_json_hex(f, key, 16);
    viz_json_key(f, 0, "iv");
    viz_json_hex(f, iv, 16);
    viz_json_key(f, 0, "images");
    fputc('[', f);
    if (put_image(f, 1, "original", "the picture (one byte per pixel)", orig, n) != 0 ||
        put_image(f, 0, "ecb", "AES-128-ECB", ecb, n) != 0 ||
        put_image(f, 0, mode2, title2, other, n) != 0)
        return -1;
    fputs("]}", f);
    return viz_page_end(f, "picture.js");
}
