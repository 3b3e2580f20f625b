/*
 * demo/viz/picture.h -- the picture `cryptolab ecb-picture` encrypts: a
 * logo the program draws itself (a padlock and the word CRYPTOLAB) with
 * large flat areas, one byte per pixel (a palette index), row by row.
 * Flat areas are what ECB gives away: equal 16-byte blocks of pixels
 * encrypt to equal blocks, so the outline survives encryption.
 */
#ifndef CRYPTOLAB_DEMO_VIZ_PICTURE_H
#define CRYPTOLAB_DEMO_VIZ_PICTURE_H

#include <stddef.h>
#include <stdint.h>

#define VIZ_PIC_W 256
#define VIZ_PIC_H 160      /* W * H = 40960 bytes = 2560 AES blocks */

/* Palette indices of the logo (the page maps every byte value to a colour,
 * these five to the logo's). */
enum { VIZ_PIC_PAPER = 0, VIZ_PIC_SHACKLE = 1, VIZ_PIC_BODY = 2, VIZ_PIC_HOLE = 3, VIZ_PIC_INK = 4 };

/* Draws the logo into px (VIZ_PIC_W * VIZ_PIC_H bytes). */
void viz_picture_draw(uint8_t *px);

/* Number of 16-byte blocks of b (n a multiple of 16) equal to an earlier block. */
size_t viz_repeated_blocks(const uint8_t *b, size_t n);

#endif
