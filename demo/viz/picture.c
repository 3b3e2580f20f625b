/*
 * demo/viz/picture.c -- draws the ecb-picture logo (picture.h): a padlock
 * (shackle, body, keyhole) over the word CRYPTOLAB in a 5x7 bitmap font
 * scaled 4x, on a flat background.
 */
#include <string.h>
#include "demo/viz/picture.h"

static void put(uint8_t *px, int x, int y, uint8_t v)
{
    if (x >= 0 && x < VIZ_PIC_W && y >= 0 && y < VIZ_PIC_H)
        px[y * VIZ_PIC_W + x] = v;
}

static void rect(uint8_t *px, int x0, int y0, int x1, int y1, uint8_t v)
{
    for (int y = y0; y < y1; y++)
        for (int x = x0; x < x1; x++)
            put(px, x, y, v);
}

/* 5x7 glyphs, one byte per row, bit 4 = leftmost column. */
static const struct { char c; uint8_t row[7]; } font[] = {
    { 'C', { 0x0e, 0x11, 0x10, 0x10, 0x10, 0x11, 0x0e } },
    { 'R', { 0x1e, 0x11, 0x11, 0x1e, 0x14, 0x12, 0x11 } },
    { 'Y', { 0x11, 0x11, 0x0a, 0x04, 0x04, 0x04, 0x04 } },
    { 'P', { 0x1e, 0x11, 0x11, 0x1e, 0x10, 0x10, 0x10 } },
    { 'T', { 0x1f, 0x04, 0x04, 0x04, 0x04, 0x04, 0x04 } },
    { 'O', { 0x0e, 0x11, 0x11, 0x11, 0x11, 0x11, 0x0e } },
    { 'L', { 0x10, 0x10, 0x10, 0x10, 0x10, 0x10, 0x1f } },
    { 'A', { 0x0e, 0x11, 0x11, 0x1f, 0x11, 0x11, 0x11 } },
    { 'B', { 0x1e, 0x11, 0x11, 0x1e, 0x11, 0x11, 0x1e } },
};

static void text(uint8_t *px, const char *s, int x0, int y0, int scale, uint8_t v)
{
    for (; *s; s++, x0 += 6 * scale)
        for (size_t g = 0; g < sizeof font / sizeof font[0]; g++)
            if (font[g].c == *s)
                for (int r = 0; r < 7; r++)
                    for (int c = 0; c < 5; c++)
                        if (font[g].row[r] & (0x10 >> c))
                            rect(px, x0 + c * scale, y0 + r * scale, x0 + (c + 1) * scale, y0 + (r + 1) * scale, v);
}

void viz_picture_draw(uint8_t *px)
{
    const int cx = VIZ_PIC_W / 2, top = 14;
    memset(px, VIZ_PIC_PAPER, (size_t)VIZ_PIC_W * VIZ_PIC_H);
    /* The shackle: the upper half of a ring, then two straight legs. */
    for (int y = top; y < top + 56; y++)
        for (int x = cx - 40; x < cx + 40; x++) {
            int dx = x - cx, dy = y - (top + 34), d2 = dx * dx + dy * dy;
            if ((dy <= 0 && d2 <= 34 * 34 && d2 >= 22 * 22) || (dy > 0 && ((dx >= -34 && dx < -22) || (dx >= 22 && dx < 34))))
                put(px, x, y, VIZ_PIC_SHACKLE);
        }
    /* The body, and the keyhole: a disc over a slot. */
    rect(px, cx - 48, top + 52, cx + 48, top + 108, VIZ_PIC_BODY);
    for (int y = top + 64; y < top + 80; y++)
        for (int x = cx - 8; x < cx + 8; x++)
            if ((x - cx) * (x - cx) + (y - top - 72) * (y - top - 72) <= 64)
                put(px, x, y, VIZ_PIC_HOLE);
    rect(px, cx - 3, top + 76, cx + 3, top + 96, VIZ_PIC_HOLE);
    /* The word, 9 letters of 6x4 = 24 pixels. */
    text(px, "CRYPTOLAB", (VIZ_PIC_W - 9 * 24 + 4) / 2, top + 116, 4, VIZ_PIC_INK);
}

size_t viz_repeated_blocks(const uint8_t *b, size_t n)
{
    size_t rep = 0;
    for (size_t i = 16; i + 16 <= n; i += 16)
        for (size_t j = 0; j < i; j += 16)
            if (memcmp(b + i, b + j, 16) == 0) {
                rep++;
                break;
            }
    return rep;
}
