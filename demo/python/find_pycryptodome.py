"""find_pycryptodome.py -- what cryptolab_client.py (and so every Python script of the labs and
tests) does when the running python3 has no PyCryptodome, e.g. a pyenv, conda or venv python3
first on PATH while Debian's /usr/bin/python3 has python3-pycryptodome: re-run the same script,
with the same arguments, under an interpreter that has it; if there is none (or the program
came on standard input and cannot be re-run), stop with one line naming this interpreter, the
module and the fix.  CRYPTOLAB_PYTHON=PATH names the only interpreter to try."""
import os, subprocess, sys

HAS_IT = ("import importlib.util as u, sys; "
          "sys.exit(not (u.find_spec('Cryptodome') or u.find_spec('Crypto')))")


def candidates():
    if os.environ.get("CRYPTOLAB_PYTHON"):
        return [os.environ["CRYPTOLAB_PYTHON"]]
    path = [os.path.join(d, "python3") for d in os.environ.get("PATH", "").split(os.pathsep) if d]
    return ["/usr/bin/python3", "/usr/local/bin/python3"] + path


def has_pycryptodome(py):
    try:
        return subprocess.run([py, "-c", HAS_IT], stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL, timeout=20).returncode == 0
    except (OSError, subprocess.SubprocessError):
        return False


def rerun_or_exit():
    """Never returns: execs the script again under another interpreter, or exits with status 1."""
    me = (sys.executable or "python3") + (" -S" if sys.flags.no_site else "")
    script = sys.argv[0] if sys.argv and sys.argv[0] not in ("", "-", "-c") else None
    found = None
    if not os.environ.get("CRYPTOLAB_PYTHON_RERUN"):          # at most one re-run
        found = next((c for c in candidates() if os.access(c, os.X_OK) and has_pycryptodome(c)), None)
    if found and script and os.path.isfile(script):
        os.environ["CRYPTOLAB_PYTHON_RERUN"] = found
        sys.stdout.flush()
        os.execv(found, [found, script] + sys.argv[1:])
    name = os.path.basename(script) if script else "python"
    fix = (f"run it with {found}, which has it" if found else
           f"apt-get install python3-pycryptodome, or {me} -m pip install pycryptodome")
    sys.stderr.write(f"{name}: {me} (Python {sys.version.split()[0]}) has no PyCryptodome "
                     f"(module Cryptodome or Crypto): {fix}\n")
    sys.exit(1)
