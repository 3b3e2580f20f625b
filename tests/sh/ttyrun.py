"""tests/sh/ttyrun.py -- runs a command on a pseudo-terminal and answers its
prompts, as a person at a terminal would (for the pass phrase prompts).
  python3 tests/sh/ttyrun.py PROMPT_REGEX ANSWER [PROMPT_REGEX ANSWER ...] -- COMMAND...
Each time the output (the terminal) shows the next PROMPT_REGEX *and* the
terminal's echo is off (the program is ready to read a hidden pass phrase),
ANSWER and a newline are typed.  Waiting for the echo matters: openssl
prints its prompt first and turns the echo off afterwards, so an answer
typed as soon as the prompt shows would be echoed (a person is never that
fast); our own commands turn it off first.  Prints everything the terminal
showed; exits with the command's status.  Every wait is bounded
(TTYRUN_TIMEOUT seconds, default 60): at the deadline the command is killed,
what is missing is said on stderr, and the exit status is 124."""
import os, pty, re, select, signal, sys, termios, time

args = sys.argv[1:]
sep = args.index("--")
pairs, cmd = args[:sep], args[sep + 1:]
timeout = float(os.environ.get("TTYRUN_TIMEOUT", "60"))
pid, fd = pty.fork()
if pid == 0:
    os.execvp(cmd[0], cmd)


def echo_on():
    # On Linux the master side reports the terminal's (slave's) settings.
    try:
        return bool(termios.tcgetattr(fd)[3] & termios.ECHO)
    except termios.error:
        return True


seen, pos, out, deadline = 0, 0, b"", time.time() + timeout
prompt_at = None                 # where the awaited prompt ended, once seen
timed_out = True
while time.time() < deadline:
    # poll quickly while a prompt waits for the echo to go off
    r, _, _ = select.select([fd], [], [], 0.01 if prompt_at is not None else 0.2)
    if r:
        try:
            data = os.read(fd, 4096)
        except OSError:          # EIO: the command has closed the terminal
            timed_out = False
            break
        if not data:
            timed_out = False
            break
        out += data
    if 2 * seen < len(pairs):
        if prompt_at is None:
            m = re.search(pairs[2 * seen].encode(), out[pos:])
            if m:
                prompt_at = pos + m.end()
        if prompt_at is not None and not echo_on():
            os.write(fd, pairs[2 * seen + 1].encode() + b"\n")
            pos, prompt_at = prompt_at, None
            seen += 1
if timed_out:
    if 2 * seen < len(pairs):
        what = "prompt %r%s" % (pairs[2 * seen],
                                " (shown; the echo stayed on)" if prompt_at is not None else "")
    else:
        what = "the end of the command"
    sys.stderr.write("ttyrun: no %s within %g s; killed\n" % (what, timeout))
    os.kill(pid, signal.SIGKILL)
_, status = os.waitpid(pid, 0)
sys.stdout.write(out.decode(errors="replace").replace("\r\n", "\n"))
sys.exit(124 if timed_out else os.waitstatus_to_exitcode(status))
