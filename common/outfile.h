/*
 * common/outfile.h -- writing an output file without damaging what its path
 * names.  Every program and module of cryptolab that writes a file uses this
 * helper (demo/cli.c's cli_out_* sit on it).
 *
 * Why: "write a temporary, then rename it over the path" is right for a
 * regular file (a failed run never leaves a half-written file that looks
 * complete), but renaming over /dev/null, a FIFO, a terminal or a symlink
 * replaces that node with a regular file.  Run as root, `-out /dev/null`
 * destroyed the system's /dev/null.  So the strategy depends on what the path
 * names, decided by cl_outfile_open():
 *
 *   path                        what happens
 *   --------------------------  ---------------------------------------------
 *   NULL or "-"                 standard output (the FILE stdout), directly.
 *   "/dev/stdout", "/dev/stderr", the descriptor already open (stdout, stderr,
 *   "/dev/fd/N",                or a dup() of N), written directly: the
 *   "/proc/self/fd/N"           shell's redirection (its offset, O_APPEND) is
 *                               kept; a symlink reaching one of these names is
 *                               treated the same way.
 *   a new path                  a temporary file in the same directory, renamed
 *                               onto the path by cl_outfile_commit(); created
 *                               with `mode` minus the umask.
 *   an existing regular file    temporary in the same directory + rename; the
 *                               new file keeps the old one's permission bits
 *                               and (when the process may set them, e.g. as
 *                               root) its owner and group; if the owner cannot
 *                               be kept, set-user/group-ID bits are dropped.
 *                               A file we may not write is refused (EACCES), as
 *                               open(2) would.  Other hard links to the old
 *                               file keep the old contents.
 *   a symlink                   followed, as openssl and coreutils do (up to
 *                               40 links; a relative target is relative to the
 *                               link's directory): the link stays a link and
 *                               its target is written by the rules here, with
 *                               the temporary in the TARGET's directory.  A
 *                               dangling link creates its target.  A magic link
 *                               under /proc/ (e.g. /proc/PID/fd/N) is opened,
 *                               not followed by name.
 *   a character or block        opened with open(O_WRONLY | O_NOCTTY) and
 *   device, a terminal, a FIFO  written directly: never created, never
 *                               truncated (no O_TRUNC), never renamed over,
 *                               never chmod'ed.  A FIFO blocks until a reader
 *                               opens it (as with any writer).
 *   a socket                    connected to (AF_UNIX, SOCK_STREAM) and written.
 *   a directory                 refused: CL_ERR_OUT_DIRECTORY.
 *
 * Flags change this for particular tools:
 *   CL_OUTFILE_SET_MODE     the tool's purpose is to set the mode (private
 *                           keys, decrypted data: 0600): `mode` is applied
 *                           exactly (no umask) to a new or existing regular
 *                           file; the owner is still kept.  Never applied to
 *                           devices, FIFOs or sockets.
 *   CL_OUTFILE_APPEND       append (key logs, known_hosts): a regular file is
 *                           opened with O_APPEND (created with `mode` minus
 *                           the umask when new), no temporary, no rename;
 *                           other kinds as above.
 *   CL_OUTFILE_NO_SYMLINK   a symlink as the last component is refused
 *                           (CL_ERR_OUT_REFUSED), e.g. a server writing into a
 *                           directory others can write to.
 *   CL_OUTFILE_REGULAR_ONLY only a new path or an existing regular file: the
 *                           standard output names, devices, FIFOs and sockets
 *                           are refused (CL_ERR_OUT_REFUSED), e.g. for file
 *                           names chosen by a network peer.
 *
 * Life cycle: cl_outfile_open(), then writes through o->fp (stdio) or
 * cl_outfile_write(), then exactly one of
 *   cl_outfile_commit()  flushes; for a temporary: fsync, checks the path is
 *                        still a new path or a regular file (not replaced by a
 *                        device or FIFO meanwhile: CL_ERR_OUT_CHANGED), renames
 *                        it into place, fsyncs the directory;
 *   cl_outfile_abort()   removes the temporary: nothing is left behind and an
 *                        existing file keeps its old contents.  Data already
 *                        written to a device, FIFO, socket or standard output
 *                        cannot be taken back.
 * Both release everything and leave the struct zeroed; calling abort after a
 * commit (or twice) is harmless.  A failed open leaves nothing to release.
 *
 * On failure the functions return CL_ERR_IO (o->err holds errno),
 * CL_ERR_OUT_DIRECTORY, CL_ERR_OUT_REFUSED, CL_ERR_OUT_CHANGED, CL_ERR_NOMEM
 * or CL_ERR_RANDOM; cl_outfile_strerror() gives the one-line reason.  The
 * functions keep no global state and are safe to use from several threads on
 * different structs; they never change the umask.
 */
#ifndef CRYPTOLAB_COMMON_OUTFILE_H
#define CRYPTOLAB_COMMON_OUTFILE_H

#include <stdio.h>
#include <stddef.h>
#include <sys/types.h>
#include "status.h"

#define CL_OUTFILE_SET_MODE      0x1u
#define CL_OUTFILE_APPEND        0x2u
#define CL_OUTFILE_NO_SYMLINK    0x4u
#define CL_OUTFILE_REGULAR_ONLY  0x8u

/* How an open output is written (o->kind, for tests and messages). */
enum cl_outfile_kind {
    CL_OUTFILE_NONE = 0,     /* not open */
    CL_OUTFILE_STDIO,        /* stdout / stderr / a dup of an open descriptor */
    CL_OUTFILE_RENAME,       /* temporary file renamed onto o->target on commit */
    CL_OUTFILE_DIRECT,       /* device, terminal, FIFO or socket, written in place */
    CL_OUTFILE_APPENDED      /* regular file opened with O_APPEND */
};

struct cl_outfile {
    FILE *fp;                   /* write through this */
    enum cl_outfile_kind kind;
    char *target;               /* the path finally written (symlinks followed);
                                   NULL for CL_OUTFILE_STDIO */
    char *tmp;                  /* the temporary (CL_OUTFILE_RENAME only) */
    int err;                    /* errno of the last failure, 0 if none */
};

/* Opens `path` for writing by the rules above.  `mode` is the mode of a new
 * file (e.g. 0644, or 0600 with CL_OUTFILE_SET_MODE for secrets). */
cl_status cl_outfile_open(struct cl_outfile *o, const char *path, mode_t mode, unsigned flags);

/* fwrite()s len bytes to o->fp; CL_ERR_IO (o->err set) on a short write. */
cl_status cl_outfile_write(struct cl_outfile *o, const void *buf, size_t len);

/* Finishes the output (see above).  On failure the output is aborted. */
cl_status cl_outfile_commit(struct cl_outfile *o);

/* Drops the output (see above). */
void cl_outfile_abort(struct cl_outfile *o);

/* The reason for a failure: strerror(o->err) when the system gave one,
 * otherwise cl_strerror(st).  Never NULL. */
const char *cl_outfile_strerror(const struct cl_outfile *o, cl_status st);

#endif
