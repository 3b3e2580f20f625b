/*
 * common/version.h -- the version of cryptolab (the Makefile reads it from
 * here for the shared library's file name and cryptolab.pc), and what the
 * library knows about how it was built.
 */
#ifndef CRYPTOLAB_COMMON_VERSION_H
#define CRYPTOLAB_COMMON_VERSION_H

#define CL_VERSION "0.1.0"

/* CL_VERSION of the library that is linked in (may differ from the header's
 * for a program built against another copy). */
const char *cl_version(void);

/* 1 if the library was compiled with optimisation (-O1 and up: gcc and
 * clang define __OPTIMIZE__), 0 for `make debug` (-O0).  The gdb lab's
 * script reads it to refuse an optimised binary, where gdb would show
 * values before they are computed and "<optimized out>". */
extern const int cl_build_optimized;

#endif
