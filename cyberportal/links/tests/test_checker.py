"""The link checker against real HTTP servers on loopback: pages, redirects (chains, permanent, loops,
to other schemes), 404 and 500, a server that does not answer in time, an endless body, DNS failures,
private addresses, politeness and whether a page links back to the portal."""

from __future__ import annotations

import socket
import time

from cyberportal.links.checker import DEAD, OK, Checker, links_to
from cyberportal.links.tests.servers import PORTAL, endless, hang, page, redirect, serve, status


def checker(**options):
    defaults = {"timeout": 2, "host_delay": 0, "workers": 2, "portal_url": PORTAL, "allow_private": True}
    defaults.update(options)
    return Checker(**defaults)


def test_a_page_that_answers_is_ok_and_says_whether_it_links_back():
    routes = {
        "/with": page(f'<html><body><a href="{PORTAL}/es/report-cybercrime/ar/">Portal</a></body></html>'),
        "/without": page('<html><body><a href="https://elsewhere.example.net/">Other</a></body></html>'),
    }
    with serve(routes) as (base, _log):
        found = checker().check_many([f"{base}/with", f"{base}/without"])

    assert found[f"{base}/with"].outcome == OK and found[f"{base}/with"].status == 200
    assert found[f"{base}/with"].links_back is True
    assert found[f"{base}/without"].links_back is False
    assert not found[f"{base}/with"].redirected


def test_a_redirect_chain_records_the_final_address_and_flags_a_permanent_move():
    with serve({"/a": redirect(302, "/b"), "/b": redirect(301, "/c"), "/c": page("<p>here</p>")}) as (
        base,
        _,
    ):
        result = checker().check(f"{base}/a")

    assert result.outcome == OK
    assert result.final_url == f"{base}/c"
    assert [s for s, _location in result.hops] == [302, 301]
    assert result.permanent_redirect


def test_a_temporary_redirect_is_not_a_move():
    with serve({"/a": redirect(307, "/b"), "/b": page("<p>here</p>")}) as (base, _):
        result = checker().check(f"{base}/a")

    assert result.outcome == OK and result.redirected and not result.permanent_redirect


def test_a_redirect_loop_is_dead():
    with serve({"/a": redirect(302, "/b"), "/b": redirect(302, "/a")}) as (base, _):
        result = checker().check(f"{base}/a")

    assert result.outcome == DEAD and "loop" in result.error


def test_too_many_redirects_is_dead():
    routes = {f"/r{i}": redirect(302, f"/r{i + 1}") for i in range(10)}
    with serve(routes) as (base, _):
        result = checker(max_redirects=3).check(f"{base}/r0")

    assert result.outcome == DEAD and "more than 3 redirects" in result.error


def test_a_redirect_to_another_scheme_is_never_followed():
    for target in ("file:///etc/passwd", "ftp://example.org/x", "javascript:alert(1)"):
        with serve({"/a": redirect(302, target)}) as (base, log):
            result = checker().check(f"{base}/a")

        assert result.outcome == DEAD and "non-web address" in result.error, target
        assert len(log) == 1  # nothing fetched after the refused hop


def test_a_non_web_address_is_not_fetched():
    result = checker().check("ftp://example.org/file")

    assert result.outcome == DEAD and "not a web address" in result.error


def test_404_and_500_are_dead_with_their_status():
    with serve({"/gone": status(404), "/broken": status(500)}) as (base, _):
        found = checker().check_many([f"{base}/gone", f"{base}/broken"])

    assert found[f"{base}/gone"].outcome == DEAD and found[f"{base}/gone"].status == 404
    assert found[f"{base}/broken"].error == "the server answered HTTP 500"


def test_a_server_that_does_not_answer_in_time_is_dead():
    with serve({"/slow": hang(5)}) as (base, _):
        started = time.monotonic()
        result = checker(timeout=0.5).check(f"{base}/slow")

    assert result.outcome == DEAD and "no answer within" in result.error
    assert time.monotonic() - started < 3


def test_an_endless_body_is_read_only_up_to_the_limit():
    with serve({"/big": endless}) as (base, _):
        started = time.monotonic()
        result = checker(max_body=200_000).check(f"{base}/big")

    assert result.outcome == OK and result.body_truncated
    assert time.monotonic() - started < 5


def test_a_refused_connection_and_an_unknown_name_are_dead():
    with socket.socket() as sock:  # a port nobody listens on
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    refused = checker().check(f"http://127.0.0.1:{port}/")
    unknown = checker().check("http://no-such-host.invalid/")

    assert refused.outcome == DEAD and "refused" in refused.error
    assert unknown.outcome == DEAD and "does not resolve" in unknown.error


def test_private_and_loopback_addresses_are_refused_unless_allowed():
    with serve({"/": page("<p>inside</p>")}) as (base, log):
        result = checker(allow_private=False).check(base + "/")

    assert result.outcome == DEAD and "private or local" in result.error
    assert log == []  # refused before connecting


def test_requests_to_one_host_are_spaced_and_concurrency_is_limited():
    routes = {f"/p{i}": page("<p>ok</p>") for i in range(3)}
    with serve(routes) as (base, log):
        checker(host_delay=0.3, workers=3).check_many([f"{base}/p{i}" for i in range(3)])

    times = sorted(t for t, _path in log)
    assert len(times) == 3
    assert all(b - a >= 0.25 for a, b in zip(times, times[1:], strict=False))


def test_links_back_reads_relative_and_www_addresses():
    html = '<a href="//www.portal.example.org/en/">x</a>'

    assert links_to(html, "https://ministry.example.net/", PORTAL)
    assert not links_to('<a href="/en/">x</a>', "https://ministry.example.net/", PORTAL)
    assert not links_to('<a href="mailto:x@portal.example.org">x</a>', "https://m.example.net/", PORTAL)
