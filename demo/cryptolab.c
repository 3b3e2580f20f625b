/*
 * demo/cryptolab.c -- the toolkit's front door: `cryptolab COMMAND ...`.
 *
 * Each subcommand lives in its own file demo/cmd_NAME.c; the build
 * generates the table cl_commands[] from those file names.
 */
#include <stdio.h>
#include <string.h>
#include "cli.h"
#include "rsa/rsa.h"

extern const struct cl_command *const cl_commands[];

static void usage(FILE *fp)
{
    fprintf(fp, "usage: cryptolab COMMAND [OPTIONS]\n\ncommands:\n");
    for (size_t i = 0; cl_commands[i]; i++)
        fprintf(fp, "  %-14s %s\n", cl_commands[i]->name, cl_commands[i]->summary);
    fprintf(fp, "\n`cryptolab COMMAND --help` describes one command; "
                "`cryptolab --version` prints the version.\n");
}

int main(int argc, char **argv)
{
    rsa_gmp_wipe_freed_memory();   /* secrets in freed GMP memory are wiped */
    if (argc < 2) {
        usage(stderr);
        return 1;
    }
    const char *name = argv[1];
    if (strcmp(name, "help") == 0 || strcmp(name, "--help") == 0 || strcmp(name, "-h") == 0) {
        if (argc > 2) {
            for (size_t i = 0; cl_commands[i]; i++)
                if (strcmp(cl_commands[i]->name, argv[2]) == 0) {
                    char help[] = "--help";
                    char *args[] = { argv[2], help, NULL };
                    return cl_commands[i]->run(2, args);
                }
        }
        usage(stdout);
        return 0;
    }
    if (strcmp(name, "--version") == 0)
        return cli_version("cryptolab");
    for (size_t i = 0; cl_commands[i]; i++)
        if (strcmp(cl_commands[i]->name, name) == 0)
            return cl_commands[i]->run(argc - 1, argv + 1);
    fprintf(stderr, "cryptolab: unknown command '%s' (try `cryptolab help`)\n", name);
    return 1;
}
