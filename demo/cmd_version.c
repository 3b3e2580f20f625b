/* demo/cmd_version.c -- `cryptolab version`. */
#include <stdio.h>
#include <string.h>
#include "cli.h"

#define CRYPTOLAB_VERSION "0.1.0"

static int run(int argc, char **argv)
{
    if (argc > 1 && strcmp(argv[1], "--help") == 0) {
        printf("usage: cryptolab version\nPrints the version of cryptolab.\n");
        return 0;
    }
    printf("cryptolab %s\n", CRYPTOLAB_VERSION);
    return 0;
}

const struct cl_command cmd_version = { "version", "print the version", run };
