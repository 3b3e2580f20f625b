/*
 * common/internal.h -- marking what the library's own files share but does
 * not export.
 *
 * The readable code keeps the standards' names: SubBytes, xtime, Rcon,
 * KeyExpansion (FIPS-197), SHA256_K (FIPS 180-4), ...  A program linked
 * with libcryptolab must not collide with them (a student's own xtime()),
 * so every global symbol the library exports carries a module prefix
 * (docs/architecture.md, "Names"; tests/sh/05-symbols.sh checks it with nm).
 * The spec-named functions are declared between CL_INTERNAL_BEGIN and
 * CL_INTERNAL_END (or with CL_INTERNAL), which gives them hidden visibility:
 *   - libcryptolab.so does not export them;
 *   - libcryptolab.a is one object linked from all the others (`ld -r`) in
 *     which hidden symbols are turned into local ones (`objcopy
 *     --localize-hidden`), like static functions;
 * in both, the names stay in the symbol table and the debug information, so
 * `break SubBytes` and `print SHA256_K` work in gdb as before.  The unit
 * tests link the library's objects themselves and can call every step.
 */
#ifndef CRYPTOLAB_COMMON_INTERNAL_H
#define CRYPTOLAB_COMMON_INTERNAL_H

#define CL_INTERNAL       __attribute__((visibility("hidden")))
#define CL_INTERNAL_BEGIN _Pragma("GCC visibility push(hidden)")
#define CL_INTERNAL_END   _Pragma("GCC visibility pop")

#endif
