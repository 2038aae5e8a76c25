#!/usr/bin/env python3
"""The two Quick start commands: `python3 dev.py demo` and `python3 dev.py test`.

Needs only Python 3.11+ and access to PyPI. It creates `.venv/` in the checkout, installs the locked
dependencies (again only when the lock file changes), and then hands over to `manage.py` or pytest.
`test` runs the fast lane (every test not marked `slow`, in parallel with pytest-xdist, on a test database
kept between runs); `test --slow` the slow lane (browser and accessibility, faults, the real server, the
migrations), `test --all` both. `test` also installs axe-core with npm (when npm is there) for the
browser tests, which need Debian's chromium; without them those tests are skipped with the reason.
It uses nothing but the standard library, because it runs before anything is installed.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
LOCK = ROOT / "requirements-dev.lock"
STAMP = VENV / ".installed-lock-sha256"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
PYTHON = BIN / ("python.exe" if os.name == "nt" else "python")

USAGE = """usage: python3 dev.py COMMAND [ARGS...]

  demo [--port N]   install, migrate, load the demo instance and serve it at http://127.0.0.1:N (8000)
  test [ARGS...]    the fast lane: tests not marked slow, in parallel, reusing the test database
  test --slow       the slow lane: browser, accessibility, faults, real servers, migrations (serial)
  test --all        both lanes, one after the other
                    pytest ARGS are passed on (with -m or -n of your own the lane's are left out);
                    --create-db rebuilds the kept test database; honours DATABASE_URL
  setup             only install, migrate and load the demo instance
  manage ARGS...    run a manage.py command inside the project's environment
  stack up|down|status
                    the production stack on this machine: nginx (TLS, HTTP/2) in front of two
                    gunicorn instances and the task worker, on DATABASE_URL and REDIS_URL
                    (`stack up --demo`: a throw-away demo instance); see docs/operations.md
"""


def say(message: str) -> None:
    print(f"[dev] {message}", flush=True)


def run(*args: str | Path, env: dict | None = None) -> None:
    completed = subprocess.run([str(a) for a in args], cwd=ROOT, env=env)
    if completed.returncode != 0:
        sys.exit(completed.returncode)


def ensure_environment() -> None:
    """Create .venv and install the lock file, skipping the install when nothing changed."""
    if sys.version_info < (3, 11):  # noqa: UP036 - this script may run on an older python3
        sys.exit("Cyberportal needs Python 3.11 or newer; this is " + sys.version.split()[0])
    if not PYTHON.exists():
        say(f"creating the virtual environment in {VENV.relative_to(ROOT)}/")
        venv.EnvBuilder(with_pip=True, clear=False).create(VENV)
    wanted = hashlib.sha256(LOCK.read_bytes()).hexdigest()
    if STAMP.exists() and STAMP.read_text().strip() == wanted:
        return
    say("installing the locked dependencies (first run only; about a minute)")
    run(
        PYTHON,
        "-m",
        "pip",
        "install",
        "--quiet",
        "--disable-pip-version-check",
        "--require-hashes",
        "--no-deps",
        "-r",
        LOCK,
    )
    STAMP.write_text(wanted)


def ensure_test_tools() -> None:
    """axe-core for the browser tests, from npm: `npm ci` when node_modules/axe-core is missing or
    package-lock.json changed since the last install. Without npm the browser tests skip (say so)."""
    lock = ROOT / "package-lock.json"
    stamp = ROOT / "node_modules" / ".installed-lock-sha256"
    wanted = hashlib.sha256(lock.read_bytes()).hexdigest()
    installed = (ROOT / "node_modules" / "axe-core" / "axe.min.js").is_file()
    if installed and stamp.is_file() and stamp.read_text().strip() == wanted:
        return
    npm = shutil.which("npm")
    consequence = (
        "keeping the installed axe-core, which may not match package-lock.json"
        if installed
        else "the browser and accessibility tests will be skipped"
    )
    if npm is None:
        say(f"npm not found (install Node.js and npm): {consequence}")
        return
    say("installing axe-core for the accessibility tests (npm ci)")
    completed = subprocess.run([npm, "ci", "--no-audit", "--no-fund", "--loglevel=error"], cwd=ROOT)
    if completed.returncode != 0:
        say(f"npm ci failed: {consequence}")
        return
    stamp.write_text(wanted)


def manage(*args: str, env: dict | None = None) -> None:
    run(PYTHON, ROOT / "manage.py", *args, env=env)


def setup_instance() -> None:
    ensure_environment()
    manage("compile_translations")
    manage("migrate", "--no-input", "-v", "0")
    manage("load_reference_data")
    manage("load_demo")


def demo_port(rest: list[str]) -> str:
    """The port of `demo --port N` or `--port=N`; 8000 when none is given."""
    port = "8000"
    for index, arg in enumerate(rest):
        if arg == "--port" and index + 1 < len(rest):
            port = rest[index + 1]
        elif arg.startswith("--port="):
            port = arg.split("=", 1)[1]
    if not port.isdigit() or not 0 < int(port) < 65536:
        sys.exit(f"--port: {port!r} is not a TCP port (1-65535)")
    return port


def lane_options(lane: str, args: list[str]) -> list[str]:
    """pytest options of a lane. The fast lane runs on every core (pytest-xdist) and keeps its test
    database between runs. The slow lane runs in one process: its tests start servers and browsers
    that would fight over two cores."""
    own_marker = any(a == "-m" or a.startswith("-m") for a in args)
    own_workers = any(a == "-n" or a.startswith(("-n", "--numprocesses")) for a in args)
    options = [] if own_marker else ["-m", "slow" if lane == "slow" else "not slow"]
    if lane == "fast" and not own_workers:
        if subprocess.run([PYTHON, "-c", "import xdist"], capture_output=True).returncode == 0:
            options += ["-n", "auto"]
        else:  # an environment installed from an older lock file: still correct, only slower
            say("pytest-xdist is not installed: the fast lane runs in one process")
    if "--create-db" not in args:
        options.append("--reuse-db")
    return options


def main(argv: list[str]) -> None:
    if not argv or argv[0] in {"-h", "--help", "help"}:
        print(USAGE)
        return
    command, rest = argv[0], argv[1:]
    if command == "demo":
        port = demo_port(rest)
        address = f"http://127.0.0.1:{port}"
        setup_instance()
        manage("demo_accounts", "--address", address)
        say(f"serving the demo portal at {address}/  (Ctrl+C stops it)")
        # Links in the admin's e-mails (Wagtail's base URL) point at the port actually served.
        os.environ.setdefault("CYBERPORTAL_BASE_URL", address)
        os.execv(
            PYTHON, [str(PYTHON), str(ROOT / "manage.py"), "runserver", f"127.0.0.1:{port}", "--noreload"]
        )
    elif command == "setup":
        setup_instance()
    elif command == "test":
        ensure_environment()
        ensure_test_tools()
        manage("compile_translations")
        lanes = ["fast", "slow"] if "--all" in rest else ["slow"] if "--slow" in rest else ["fast"]
        args = [a for a in rest if a not in {"--all", "--slow"}]
        for lane in lanes:
            say(f"{lane} lane")
            run(PYTHON, "-m", "pytest", *lane_options(lane, args), *args)
    elif command == "stack":
        ensure_environment()
        os.execv(PYTHON, [str(PYTHON), str(ROOT / "manage.py"), "stack", *rest])
    elif command == "manage":
        ensure_environment()
        os.execv(PYTHON, [str(PYTHON), str(ROOT / "manage.py"), *rest])
    else:
        print(USAGE)
        sys.exit(f"unknown command: {command}")


if __name__ == "__main__":
    main(sys.argv[1:])
