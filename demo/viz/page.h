/*
 * demo/viz/page.h -- writing one self-contained HTML viewer page.
 *
 * A page is: the head with the compiled-in stylesheet (demo/viz/assets/
 * viewer.css), a heading, the data of one trace as a JavaScript object
 * `window.VIZ = {...}` (JSON), then the compiled-in scripts (viewer.js, the
 * shared stepping code, and the page's own NAME.js), which build the view
 * from VIZ.  Nothing is loaded from anywhere else.
 *
 * The data is what a library trace hook reported; the page code only
 * arranges it.  The JSON helpers escape '<', '>' and '&' as \u003c ...
 * so that no string can close the <script> element.
 */
#ifndef CRYPTOLAB_DEMO_VIZ_PAGE_H
#define CRYPTOLAB_DEMO_VIZ_PAGE_H

#include <stdint.h>
#include <stdio.h>
#include <stddef.h>

/* Writes everything up to the opening of the data object: DOCTYPE, head,
 * <style>, <h1>title</h1>, <p class="sub">subtitle</p> (either may be
 * NULL), and "window.VIZ = ".  The caller then writes one JSON object. */
void viz_page_begin(FILE *f, const char *title, const char *subtitle);

/* Closes the data and appends viewer.js and the asset `script` ("aes.js").
 * Returns 0, or -1 if that asset is not compiled in. */
int viz_page_end(FILE *f, const char *script);

/* JSON values. */
void viz_json_str(FILE *f, const char *s);                       /* "..." escaped */
void viz_json_strn(FILE *f, const char *s, size_t n);            /* n bytes, escaped */
void viz_json_hex(FILE *f, const uint8_t *b, size_t n);          /* "00ff..." */
void viz_json_word(FILE *f, uint32_t w);                         /* "6a09e667" */
void viz_json_words(FILE *f, const uint32_t *w, size_t n);       /* ["..", ...] */
void viz_json_key(FILE *f, int first, const char *key);          /* [,]"key": */

/* Number of bits in which a and b differ (for the diffusion charts). */
unsigned viz_bit_distance(const uint8_t *a, const uint8_t *b, size_t n);
unsigned viz_word_distance(const uint32_t *a, const uint32_t *b, size_t n);

#endif
