"""A TCP proxy between the portal and PostgreSQL that a test can stop, restart or cut mid-statement.

Stopping the shared PostgreSQL server would break every other test on the machine; stopping this
proxy does to the portal exactly what a database crash does: open connections are reset and new
ones are refused. `cut_after_inserts(n)` severs the connection that sends the n-th INSERT statement
(once), so a test can interrupt a multi-statement write at a known point.
"""

from __future__ import annotations

import contextlib
import socket
import threading
from urllib.parse import urlsplit


class DatabaseProxy:
    def __init__(self, upstream_port: int, upstream_host: str = "127.0.0.1"):
        self.upstream = (upstream_host, upstream_port)
        self.port = 0
        self._listener: socket.socket | None = None
        self._open: set[socket.socket] = set()
        self._lock = threading.Lock()
        self._cut_after: int | None = None
        self.inserts_seen = 0
        self.cuts = 0

    @classmethod
    def for_url(cls, database_url: str) -> DatabaseProxy:
        parts = urlsplit(database_url)
        return cls(upstream_port=parts.port or 5432, upstream_host=parts.hostname or "127.0.0.1")

    def url(self, database_url: str) -> str:
        """The same database, reached through this proxy (start() first: the port is chosen then)."""
        parts = urlsplit(database_url)
        credentials = database_url.split("//", 1)[1].split("@", 1)[0] + "@" if parts.username else ""
        return parts._replace(netloc=f"{credentials}127.0.0.1:{self.port}").geturl()

    # -- control ---------------------------------------------------------------------------------

    def start(self) -> None:
        listener = socket.socket()
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind(("127.0.0.1", self.port))  # the same port again after a stop
        listener.listen(64)
        self.port = listener.getsockname()[1]
        self._listener = listener
        threading.Thread(target=self._accept, args=(listener,), daemon=True).start()

    def stop(self) -> None:
        """Like a database crash: refuse new connections and reset every open one."""
        if self._listener:
            _close(self._listener)  # shutdown() first: close() alone leaves a blocked accept() running
            self._listener = None
        with self._lock:
            for sock in list(self._open):
                _close(sock)
            self._open.clear()

    def cut_after_inserts(self, count: int) -> None:
        self._cut_after = count
        self.inserts_seen = 0

    # -- plumbing --------------------------------------------------------------------------------

    def _accept(self, listener: socket.socket) -> None:
        while True:
            try:
                client, _ = listener.accept()
            except OSError:
                return  # stopped
            try:
                server = socket.create_connection(self.upstream, timeout=5)
            except OSError:
                _close(client)
                continue
            server.settimeout(None)
            with self._lock:
                self._open.update((client, server))
            threading.Thread(target=self._pump, args=(client, server, True), daemon=True).start()
            threading.Thread(target=self._pump, args=(server, client, False), daemon=True).start()

    def _pump(self, source: socket.socket, target: socket.socket, from_client: bool) -> None:
        try:
            while data := source.recv(65536):
                if from_client and self._cut_after is not None:
                    with self._lock:
                        self.inserts_seen += data.upper().count(b"INSERT INTO")
                        cut = self.inserts_seen >= self._cut_after
                        if cut:
                            self.cuts += 1
                            self._cut_after = None  # one cut: later connections pass untouched
                    if cut:
                        break  # the statement that crossed the limit never reaches the database
                target.sendall(data)
        except OSError:
            pass
        with self._lock:
            self._open.discard(source)
            self._open.discard(target)
        _close(source)
        _close(target)


def _close(sock: socket.socket) -> None:
    with contextlib.suppress(OSError):  # already closed by the other side
        sock.shutdown(socket.SHUT_RDWR)
    sock.close()
