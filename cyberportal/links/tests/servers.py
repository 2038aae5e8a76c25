"""Real HTTP servers on loopback for the link checker's tests: each path answers one way (a page, a
redirect chain, a loop, 404, 500, a page that never answers, an endless body)."""

from __future__ import annotations

import contextlib
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

PORTAL = "https://portal.example.org"


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    routes: dict = {}
    log: list = []

    def log_message(self, *args):  # quiet
        pass

    def do_GET(self):  # noqa: N802 - http.server's name
        self.log.append((time.monotonic(), self.path))
        route = self.routes.get(self.path.split("?")[0])
        if route is None:
            return self._send(404, "<p>Not found</p>")
        return route(self)

    def _send(self, status, body="", headers=None, content_type="text/html; charset=utf-8"):
        data = body.encode()
        self.send_response(status)
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(data)))
        self.send_header("Connection", "close")
        self.end_headers()
        self.wfile.write(data)


def page(body):
    return lambda h: h._send(200, body)


def status(code):
    return lambda h: h._send(code, f"<p>{code}</p>")


def redirect(code, location):
    return lambda h: h._send(code, "", {"Location": location})


def hang(seconds):
    def answer(h):
        time.sleep(seconds)  # longer than the checker waits
        with contextlib.suppress(OSError):
            h._send(200, "late")

    return answer


def endless(h):
    """A body that never ends: 64 KiB chunks until the client goes away."""
    h.send_response(200)
    h.send_header("Content-Type", "text/html")
    h.send_header("Connection", "close")
    h.end_headers()
    chunk = b"<p>" + b"x" * 65536 + b"</p>"
    with contextlib.suppress(OSError):
        for _ in range(100_000):
            h.wfile.write(chunk)


@contextlib.contextmanager
def serve(routes):
    """A server on 127.0.0.1 answering `routes` ({path: answer}); yields its base URL and request log."""
    handler = type("RoutesHandler", (Handler,), {"routes": routes, "log": []})
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", handler.log
    finally:
        server.shutdown()
        server.server_close()
