/* demo/cmd_version.c -- `cryptolab version [-v]`: the version, and which
 * AES / SHA-256 / GHASH implementations this build uses on this CPU. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "cli.h"
#include "aes/aes_fast_internal.h"
#include "aes/ghash_internal.h"
#include "sha256/sha256_fast_internal.h"
#include "common/version.h"

static const char *aes_note(aes_impl impl)
{
    switch (impl) {
    case AES_IMPL_SPEC:   return "readable FIPS-197 code; not constant-time (S-box table)";
    case AES_IMPL_TTABLE: return "32-bit T-tables; NOT constant-time (cache timing)";
    case AES_IMPL_CT:     return "bitsliced, constant-time, portable";
    case AES_IMPL_AESNI:  return "AES-NI instructions, constant-time";
    default:              return "";
    }
}

static int run(int argc, char **argv)
{
    int verbose = 0;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
            printf("usage: cryptolab version [-v]\n"
                   "Prints the version of cryptolab and the implementations it uses here:\n"
                   "AES (spec, ttable, ct or aesni; $CRYPTOLAB_AES_IMPL selects one, default:\n"
                   "aesni if the CPU has AES-NI, else ct), SHA-256 (spec, fast or shani;\n"
                   "$CRYPTOLAB_SHA256_IMPL) and GHASH for AES-GCM (pclmulqdq with aesni, else\n"
                   "portable).  -v also lists every implementation and whether this CPU has it,\n"
                   "and whether this build is optimised (plain make) or for gdb (make debug).\n");
            return 0;
        }
        if (strcmp(argv[i], "-v") == 0)
            verbose = 1;
        else
            return cli_fail("version", "unknown option '%s' (try --help)", argv[i]);
    }
    aes_impl aes = aes_default_impl();
    sha256_impl sha = sha256_default_impl();
    printf("cryptolab %s\n", cl_version());
    printf("AES implementation: %s (%s)\n", aes_impl_name(aes), aes_note(aes));
    const char *env = getenv("CRYPTOLAB_AES_IMPL");
    aes_impl want;
    if (env != NULL && *env != '\0' &&
        (aes_impl_from_name(env, &want) != CL_OK || !aes_impl_available(want)))
        printf("  (CRYPTOLAB_AES_IMPL=%s ignored: %s)\n", env,
               aes_impl_from_name(env, &want) != CL_OK ? "not spec, ttable, ct or aesni"
                                                       : "not available on this CPU");
    printf("SHA-256 implementation: %s\n", sha256_impl_name(sha));
    printf("GHASH (AES-GCM): %s\n",
           aes == AES_IMPL_AESNI && ghash_clmul_available() ? "pclmulqdq" : "portable (constant-time)");
    if (verbose) {
        static const aes_impl all[] = { AES_IMPL_SPEC, AES_IMPL_TTABLE, AES_IMPL_CT, AES_IMPL_AESNI };
        printf("AES implementations:\n");
        for (size_t i = 0; i < sizeof all / sizeof all[0]; i++)
            printf("  %-7s %-14s %s\n", aes_impl_name(all[i]),
                   aes_impl_available(all[i]) ? "available" : "not available", aes_note(all[i]));
        printf("  (aesni with VAES/AVX2 for CTR: %s)\n", aes_aesni_vaes_available() ? "yes" : "no");
        printf("SHA-256 implementations:\n");
        printf("  spec    available      readable FIPS 180-4 code (used by traces)\n");
        printf("  fast    available      unrolled portable C\n");
        printf("  shani   %-14s SHA extensions\n", sha256_shani_available() ? "available" : "not available");
        printf("GHASH: pclmulqdq %s\n", ghash_clmul_available() ? "available" : "not available");
        printf("Build: %s\n", cl_build_optimized ? "optimised (gdb shows <optimized out>: `make debug` for the labs)"
                                                  : "not optimised (make debug: for gdb)");
    }
    return 0;
}

const struct cl_command cmd_version = { "version", "print the version and the implementations in use", run };
