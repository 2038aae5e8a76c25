"""The link checker: fetches national sites politely and says whether each answers, where it ends up,
and whether it links back to the portal. Standard library only (http.client), no database.

Why http.client rather than urllib: every redirect is followed by hand, so that each hop is recorded
(the final address, whether a hop was permanent), loops are caught, a hop to a non-web scheme (ftp:,
file:, javascript:) is refused rather than followed, and no proxy from the environment is used.

Politeness: at most `workers` checks run at once, and two requests to one host (redirect hops
included) are at least `host_delay` seconds apart. A page's body is read only up to `max_body` bytes
and only while the overall time allowed for the check (three timeouts) lasts, so a server that streams
forever or drips one byte at a time cannot hold a worker.

Addresses come from focal points' entries: unless `allow_private`, a host that resolves to a private,
loopback, link-local or reserved address is refused before connecting (no requests into the server's
own network). The host is resolved again when connecting, so DNS rebinding between the two lookups is
a known limit (docs/capabilities/citizens.md).
"""

from __future__ import annotations

import http.client
import ipaddress
import socket
import ssl
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

OK = "ok"
DEAD = "dead"
PERMANENT = {301, 308}
REDIRECTS = {301, 302, 303, 307, 308}
WEB_SCHEMES = {"http", "https"}
USER_AGENT = "Cyberportal-link-checker/1.0 (+the OAS cybercrime cooperation portal)"


def gettext_noop(message: str) -> str:
    """Marks a message for the catalogues; the portal translates it when showing it (models.LinkCheck)."""
    return message


# Why a link is dead, by code: the checker records the code and its values, not a sentence, so that each
# reader gets it in their own language (the English text here is the message's msgid).
PROBLEMS = {
    "private": gettext_noop("refused: %(host)s is a private or local address"),
    "dns": gettext_noop("the name %(host)s does not resolve"),
    "certificate": gettext_noop("the site's certificate is not valid (%(detail)s)"),
    "tls": gettext_noop("the secure connection failed (%(detail)s)"),
    "timeout": gettext_noop("no answer within %(seconds)s s"),
    "refused": gettext_noop("connection refused"),
    "bad_http": gettext_noop("not a valid web answer (%(detail)s)"),
    "connection": gettext_noop("connection failed (%(detail)s)"),
    "not_web": gettext_noop("not a web address: %(url)s"),
    "redirect_not_web": gettext_noop("redirected to a non-web address: %(url)s"),
    "loop": gettext_noop("redirect loop at %(url)s"),
    "redirects": gettext_noop("more than %(count)s redirects"),
    "http": gettext_noop("the server answered HTTP %(status)s"),
}


@dataclass
class CheckResult:
    """What one check found. `outcome` is OK or DEAD; `error` says why a dead link is dead."""

    url: str
    outcome: str = DEAD
    status: int | None = None
    final_url: str = ""
    hops: list[tuple[int, str]] = field(default_factory=list)  # (status, location) of each redirect
    problem: str = ""  # a key of PROBLEMS
    params: dict = field(default_factory=dict)
    links_back: bool | None = None  # None: not looked at (dead, not HTML, or no portal address given)
    body_truncated: bool = False

    @property
    def error(self) -> str:
        """Why a dead link is dead, in English (logs, commands); "" when it answers."""
        return PROBLEMS[self.problem] % self.params if self.problem else ""

    def fail(self, problem: str, **params) -> None:
        self.problem, self.params = problem, {k: str(v)[:200] for k, v in params.items()}

    @property
    def permanent_redirect(self) -> bool:
        return any(status in PERMANENT for status, _location in self.hops)

    @property
    def redirected(self) -> bool:
        return bool(self.hops)


class _Anchors(HTMLParser):
    """Collects the href of every <a> and <area> (where a page links to)."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.hrefs: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag in ("a", "area"):
            href = dict(attrs).get("href")
            if href:
                self.hrefs.append(href.strip())


def _host_key(host: str) -> str:
    host = (host or "").lower().rstrip(".")
    return host[4:] if host.startswith("www.") else host


def links_to(html: str, base_url: str, portal_url: str) -> bool:
    """Whether the page (at `base_url`) has a link to the portal's host."""
    portal_host = _host_key(urlsplit(portal_url).hostname or "")
    if not portal_host:
        return False
    parser = _Anchors()
    try:
        parser.feed(html)
        parser.close()
    except Exception:  # noqa: BLE001 - a broken page: whatever anchors were read before still count
        pass
    for href in parser.hrefs:
        target = urlsplit(urljoin(base_url, href))
        if target.scheme in WEB_SCHEMES and _host_key(target.hostname or "") == portal_host:
            return True
    return False


class _HostGate:
    """Keeps requests to one host `delay` seconds apart, whichever worker makes them."""

    def __init__(self, delay: float):
        self.delay = delay
        self._lock = threading.Lock()
        self._next: dict[str, float] = {}

    def wait(self, host: str) -> None:
        with self._lock:
            now = time.monotonic()
            start = max(now, self._next.get(host, 0.0))
            self._next[host] = start + self.delay
        if start > now:
            time.sleep(start - now)


def _is_public_address(address: str) -> bool:
    ip = ipaddress.ip_address(address.split("%")[0])
    return not (
        ip.is_private
        or ip.is_loopback
        or ip.is_link_local
        or ip.is_reserved
        or ip.is_multicast
        or ip.is_unspecified
    )


class Checker:
    def __init__(
        self,
        *,
        timeout: float = 15,
        max_redirects: int = 8,
        max_body: int = 2 * 1024 * 1024,
        host_delay: float = 2,
        workers: int = 4,
        portal_url: str = "",
        allow_private: bool = False,
    ):
        self.timeout = timeout
        self.max_redirects = max_redirects
        self.max_body = max_body
        self.workers = max(1, workers)
        self.portal_url = portal_url
        self.allow_private = allow_private
        self.gate = _HostGate(host_delay)

    # --- many links ----------------------------------------------------------------------------------

    def check_many(self, urls) -> dict[str, CheckResult]:
        """Check each distinct address once, `workers` at a time."""
        unique = list(dict.fromkeys(urls))
        with ThreadPoolExecutor(max_workers=self.workers, thread_name_prefix="linkcheck") as pool:
            return dict(zip(unique, pool.map(self.check, unique), strict=True))

    # --- one link ------------------------------------------------------------------------------------

    def check(self, url: str) -> CheckResult:
        result = CheckResult(url=url)
        try:
            self._follow(result)
        except _Refused as refused:
            result.fail("private", host=refused.host)
        except socket.gaierror:
            result.fail("dns", host=urlsplit(result.final_url or url).hostname)
        except ssl.SSLCertVerificationError as error:
            result.fail("certificate", detail=error.verify_message or error.reason)
        except ssl.SSLError as error:
            result.fail("tls", detail=error.reason or error)
        except TimeoutError:
            result.fail("timeout", seconds=f"{self.timeout:g}")
        except ConnectionRefusedError:
            result.fail("refused")
        except http.client.HTTPException as error:
            result.fail("bad_http", detail=type(error).__name__)
        except OSError as error:
            result.fail("connection", detail=error.strerror or type(error).__name__)
        return result

    def _follow(self, result: CheckResult) -> None:
        """Fetch `result.url` and each redirect in turn, filling `result`; network errors propagate."""
        deadline = time.monotonic() + 3 * self.timeout
        current, seen = result.url, set()
        while True:
            result.final_url = current
            parts = urlsplit(current)
            if parts.scheme not in WEB_SCHEMES or not parts.hostname:
                result.fail("redirect_not_web" if result.hops else "not_web", url=current)
                return
            if current in seen:
                result.fail("loop", url=current)
                return
            seen.add(current)
            status, location, body, truncated = self._fetch(parts, deadline)
            if status in REDIRECTS and location:
                if len(result.hops) >= self.max_redirects:
                    result.fail("redirects", count=self.max_redirects)
                    return
                current = urljoin(current, location)
                result.hops.append((status, current))
                continue
            result.status, result.body_truncated = status, truncated
            if not 200 <= status < 400:
                result.fail("http", status=status)
                return
            result.outcome = OK
            if body is not None and self.portal_url:
                result.links_back = links_to(body, current, self.portal_url)
            return

    def _guard(self, host: str, port: int) -> None:
        if self.allow_private:
            return
        try:
            ipaddress.ip_address(host)
            addresses = [host]
        except ValueError:
            addresses = [info[4][0] for info in socket.getaddrinfo(host, port, proto=socket.IPPROTO_TCP)]
        if not addresses or not all(_is_public_address(a) for a in addresses):
            raise _Refused(host)

    def _fetch(self, parts, deadline: float):
        """One GET: (status, Location, body text or None, truncated)."""
        https = parts.scheme == "https"
        port = parts.port or (443 if https else 80)
        self._guard(parts.hostname, port)
        self.gate.wait(parts.hostname.lower())
        if https:
            connection = http.client.HTTPSConnection(
                parts.hostname, port, timeout=self.timeout, context=ssl.create_default_context()
            )
        else:
            connection = http.client.HTTPConnection(parts.hostname, port, timeout=self.timeout)
        path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
        try:
            connection.request(
                "GET",
                path,
                headers={
                    "User-Agent": USER_AGENT,
                    "Accept": "text/html,application/xhtml+xml;q=0.9,*/*;q=0.5",
                    "Accept-Encoding": "identity",
                    "Connection": "close",
                },
            )
            response = connection.getresponse()
            status, location = response.status, response.getheader("Location", "")
            body, truncated = None, False
            content_type = (response.getheader("Content-Type") or "").lower()
            if 200 <= status < 300 and ("html" in content_type or not content_type):
                body, truncated = self._read(response, deadline, content_type)
            return status, location, body, truncated
        finally:
            connection.close()

    def _read(self, response, deadline: float, content_type: str) -> tuple[str, bool]:
        chunks, size = [], 0
        while size < self.max_body and time.monotonic() < deadline:
            chunk = response.read1(min(65536, self.max_body - size)) if hasattr(response, "read1") else b""
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
        truncated = size >= self.max_body or time.monotonic() >= deadline
        charset = "utf-8"
        if "charset=" in content_type:
            charset = content_type.split("charset=")[-1].split(";")[0].strip() or "utf-8"
        try:
            text = b"".join(chunks).decode(charset, errors="replace")
        except LookupError:
            text = b"".join(chunks).decode("utf-8", errors="replace")
        return text, truncated


class _Refused(Exception):
    def __init__(self, host: str):
        super().__init__(host)
        self.host = host
