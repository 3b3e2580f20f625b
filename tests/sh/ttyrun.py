"""tests/sh/ttyrun.py -- runs a command on a pseudo-terminal and answers its
prompts, as a person at a terminal would (for the pass phrase prompts).
  python3 tests/sh/ttyrun.py PROMPT_REGEX ANSWER [PROMPT_REGEX ANSWER ...] -- COMMAND...
Each time the output (the terminal) shows the next PROMPT_REGEX, ANSWER and
a newline are typed.  Prints everything the terminal showed; exits with the
command's status.  Every wait is bounded (20 s)."""
import os, pty, re, select, sys, time

args = sys.argv[1:]
sep = args.index("--")
pairs, cmd = args[:sep], args[sep + 1:]
pid, fd = pty.fork()
if pid == 0:
    os.execvp(cmd[0], cmd)
seen, pos, out, deadline = 0, 0, b"", time.time() + 20
while time.time() < deadline:
    r, _, _ = select.select([fd], [], [], 0.2)
    if r:
        try:
            data = os.read(fd, 4096)
        except OSError:          # EIO: the command has closed the terminal
            break
        if not data:
            break
        out += data
    if 2 * seen < len(pairs):
        m = re.search(pairs[2 * seen].encode(), out[pos:])
        if m:                    # the next prompt is there: type its answer
            os.write(fd, pairs[2 * seen + 1].encode() + b"\n")
            pos += m.end()
            seen += 1
_, status = os.waitpid(pid, 0)
sys.stdout.write(out.decode(errors="replace").replace("\r\n", "\n"))
sys.exit(os.waitstatus_to_exitcode(status))
