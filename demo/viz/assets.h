/*
 * demo/viz/assets.h -- the viewer pages' CSS and JavaScript, compiled in.
 *
 * The files in demo/viz/assets/ are turned into byte arrays by
 * demo/viz/embed.sh (build/gen/viz_assets.c), so a page written by
 * `cryptolab aes-trace --html` and the other viewers needs nothing but
 * itself: no network, no external script, style or font.
 */
#ifndef CRYPTOLAB_DEMO_VIZ_ASSETS_H
#define CRYPTOLAB_DEMO_VIZ_ASSETS_H

#include <stddef.h>

struct viz_asset {
    const char *name;            /* file name in demo/viz/assets/ ("aes.js") */
    const unsigned char *data;
    size_t len;
};

/* Terminated by an entry with name == NULL. */
extern const struct viz_asset viz_assets[];

#endif
