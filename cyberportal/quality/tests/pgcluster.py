"""A PostgreSQL primary and its streaming replica on loopback, in a temporary folder, for the replica tests.

initdb makes the primary, pg_basebackup -R its hot standby; both log every statement to their own file so
a test can tell which server ran a query. Run as the `postgres` user when the tests run as root (initdb
refuses root). Nothing of the machine's own PostgreSQL is touched.
"""

from __future__ import annotations

import contextlib
import os
import pwd
import shutil
import subprocess
import tempfile
import time
from pathlib import Path

import psycopg

PG_BIN = Path(os.environ.get("PG_BIN", "/usr/lib/postgresql/15/bin"))
TOOLS = ("initdb", "pg_ctl", "pg_basebackup")


def missing() -> str:
    absent = [tool for tool in TOOLS if not (PG_BIN / tool).is_file()]
    if absent:
        return f"{', '.join(absent)} not found in {PG_BIN} (Debian: apt-get install postgresql-15, or set PG_BIN)"
    if os.geteuid() == 0:
        try:
            pwd.getpwnam("postgres")
        except KeyError:
            return "running as root without a `postgres` user to run initdb as"
    return ""


class Cluster:
    """The primary on `primary_port`, the replica on `replica_port`; `url(server, database)`."""

    def __init__(self, primary_port: int, replica_port: int):
        self.ports = {"primary": primary_port, "replica": replica_port}
        self.root = Path(tempfile.mkdtemp(prefix="cyberportal-pg-"))
        self.as_postgres = os.geteuid() == 0

    def _run(self, *argv: str) -> None:
        command = [str(a) for a in argv]
        if self.as_postgres:
            command = ["runuser", "-u", "postgres", "--", *command]
        completed = subprocess.run(command, capture_output=True, text=True)
        if completed.returncode != 0:
            raise RuntimeError(f"{argv[0]} failed: {completed.stderr[-2000:]}")

    def data(self, server: str) -> Path:
        return self.root / server

    def log(self, server: str) -> Path:
        return self.root / f"{server}.log"

    def url(self, server: str, database: str = "postgres") -> str:
        return f"postgres://postgres@127.0.0.1:{self.ports[server]}/{database}"

    def _configure(self, server: str) -> None:
        with open(self.data(server) / "postgresql.conf", "a") as conf:
            conf.write(
                f"\nport = {self.ports[server]}\nlisten_addresses = '127.0.0.1'\n"
                f"unix_socket_directories = '{self.root}'\n"
                "wal_level = replica\nmax_wal_senders = 4\nhot_standby = on\n"
                "fsync = off\nsynchronous_commit = off\nfull_page_writes = off\n"  # throw-away: speed
                "log_statement = 'all'\nlog_line_prefix = '%d '\n"
            )

    def start(self) -> None:
        if self.as_postgres:
            shutil.chown(self.root, "postgres", "postgres")
        self._run(
            PG_BIN / "initdb", "-D", self.data("primary"), "-U", "postgres", "--auth=trust", "-E", "UTF8"
        )
        self._configure("primary")
        self._run(PG_BIN / "pg_ctl", "-D", self.data("primary"), "-l", self.log("primary"), "-w", "start")
        self._run(
            PG_BIN / "pg_basebackup",
            *("-h", "127.0.0.1", "-p", str(self.ports["primary"]), "-U", "postgres"),
            *("-D", self.data("replica"), "-R", "-X", "stream"),
        )
        self._configure("replica")
        self._run(PG_BIN / "pg_ctl", "-D", self.data("replica"), "-l", self.log("replica"), "-w", "start")

    def stop(self) -> None:
        for server in ("replica", "primary"):
            if self.data(server).exists():
                with contextlib.suppress(RuntimeError):  # never started, or already stopped
                    self._run(PG_BIN / "pg_ctl", "-D", self.data(server), "-m", "immediate", "stop")
        shutil.rmtree(self.root, ignore_errors=True)

    def execute(self, server: str, sql: str, database: str = "postgres"):
        url = self.url(server, database).replace("postgres://", "postgresql://", 1)
        with psycopg.connect(url, autocommit=True, connect_timeout=5) as conn:
            cursor = conn.execute(sql)
            return cursor.fetchall() if cursor.description else None

    def wait_caught_up(self, timeout: float = 30) -> None:
        """Until the replica has replayed everything the primary has written."""
        # The insert position: with synchronous_commit off (below) a commit may not be written out yet.
        lsn = self.execute("primary", "SELECT pg_current_wal_insert_lsn()::text")[0][0]
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.execute("replica", f"SELECT pg_last_wal_replay_lsn() >= '{lsn}'::pg_lsn")[0][0]:
                return
            time.sleep(0.2)
        raise RuntimeError(f"the replica did not reach {lsn} within {timeout:.0f}s")

    def log_size(self, server: str) -> int:
        return self.log(server).stat().st_size

    def log_since(self, server: str, offset: int) -> str:
        with open(self.log(server), encoding="utf-8", errors="replace") as log:
            log.seek(offset)
            return log.read()
