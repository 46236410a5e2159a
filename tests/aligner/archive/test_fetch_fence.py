"""The fetch fence: what a page, its language versions and its redirects may lead to.

Two servers run on loopback: the user's site, whose address the tests type, and an
"internal" one holding a secret, which the user never names. Other private addresses appear
only as values the fence must refuse before connecting anywhere.
"""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

from aligner.archive import Archive, Fetcher, FetchError
from aligner.archive.fetch import fenced, same_site
from aligner.cli import main

_SECRET = b"hunter2"
_TEXT = {
    "en": "The council met in Tarvel on 4 May. It decided on new measures for the road.",
    "de": "Der Rat tagte am 4. Mai in Tarvel. Er beschloss neue Maßnahmen für die Straße.",
}


def _page(lang: str, head: str = "") -> bytes:
    return (
        f'<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8"><title>{lang}</title>'
        f"{head}</head><body><main><p>{_TEXT.get(lang, _TEXT['en'])}</p></main></body></html>"
    ).encode()


def _links(pairs: dict[str, str]) -> str:
    return "".join(f'<link rel="alternate" hreflang="{k}" href="{v}">' for k, v in pairs.items())


@dataclass
class Server:
    routes: dict[str, Callable[[BaseHTTPRequestHandler], None]]
    seen: list[str] = field(default_factory=list)
    port: int = 0

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def page(self, path: str, body: bytes, status: int = 200, location: str = "") -> None:
        def answer(handler: BaseHTTPRequestHandler) -> None:
            handler.send_response(status)
            if location:
                handler.send_header("Location", location)
            handler.send_header("Content-Type", "text/html; charset=utf-8")
            handler.send_header("Content-Length", str(len(body)))
            handler.end_headers()
            handler.wfile.write(body)

        self.routes[path] = answer


@pytest.fixture
def servers() -> Iterator[Callable[[], Server]]:
    started: list[ThreadingHTTPServer] = []

    def start() -> Server:
        state = Server({})

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_GET(self) -> None:  # noqa: N802 (the name http.server calls)
                state.seen.append(self.path)
                route = state.routes.get(self.path)
                if route is None:
                    self.send_response(404)
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                    return
                route(self)

            def log_message(self, *args: object) -> None:
                pass

        server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        server.daemon_threads = True
        threading.Thread(target=server.serve_forever, daemon=True).start()
        started.append(server)
        state.port = server.server_address[1]
        return state

    yield start
    for server in started:
        server.shutdown()
        server.server_close()


@pytest.fixture
def internal(servers: Callable[[], Server]) -> Server:
    inside = servers()
    inside.page("/secret.html", _page("de") + _SECRET)
    inside.page("/robots.txt", b"")
    return inside


def _spellings(port: int) -> dict[str, str]:
    """Ways a page may name the internal server (or other private places) as a version."""
    return {
        "fi": f"http://localhost:{port}/secret.html",
        "fr": f"http://2130706433:{port}/secret.html",
        "ru": f"http://[::1]:{port}/secret.html",
        "it": f"http://0x7f.1:{port}/secret.html",
        "es": f"http://[::ffff:127.0.0.1]:{port}/secret.html",
        "pl": "http://169.254.169.254/latest/meta-data/",
        "nl": "http://10.0.0.1/admin",
        "sv": f"http://127.0.0.1:{port}/secret.html",
    }


@pytest.mark.parametrize(
    ("address", "kind"),
    [
        ("127.0.0.1", "loopback"),
        ("127.9.9.9", "loopback"),
        ("::1", "loopback"),
        ("::ffff:127.0.0.1", "loopback"),
        ("2002:7f00:1::", "loopback"),  # 6to4 around 127.0.0.1
        ("10.0.0.1", "private"),
        ("192.168.1.1", "private"),
        ("172.16.0.1", "private"),
        ("fc00::1", "private"),
        ("169.254.169.254", "link-local"),
        ("fe80::1", "link-local"),
        ("224.0.0.1", "multicast"),
        ("ff02::1", "multicast"),
        ("0.0.0.0", "unspecified"),
        ("100.64.0.1", "non-public"),
    ],
)
def test_the_fence_knows_every_kind_of_address_that_is_not_public(address: str, kind: str) -> None:
    assert fenced(address) == kind


def test_public_addresses_pass_the_fence() -> None:
    assert [fenced(a) for a in ("93.184.215.14", "2606:2800:21f:cb07:6820:80da:af6b:8b2c")] == [
        None,
        None,
    ]


def test_language_versions_leading_inside_are_refused_before_connecting(
    servers: Callable[[], Server], internal: Server
) -> None:
    site = servers()
    site.page("/robots.txt", b"")
    site.page("/en.html", _page("en", _links(_spellings(internal.port))))
    with Fetcher(delay=0, other_sites=True) as fetcher:
        with pytest.raises(FetchError, match="no other language versions found"):
            fetcher.versions(f"{site.base}/en.html")
        refused = dict(fetcher.refused)
    assert internal.seen == []
    assert set(refused) == set(_spellings(internal.port).values())
    assert (
        "link-local address (169.254.169.254)"
        in refused["http://169.254.169.254/latest/meta-data/"]
    )
    assert "private address (10.0.0.1)" in refused["http://10.0.0.1/admin"]
    assert (
        "loopback address (127.0.0.1)" in refused[f"http://2130706433:{internal.port}/secret.html"]
    )


def test_versions_off_the_site_are_left_out_unless_allowed(
    servers: Callable[[], Server], internal: Server
) -> None:
    site = servers()
    site.page("/robots.txt", b"")
    other = f"http://127.0.0.1:{internal.port}/secret.html"
    site.page("/en.html", _page("en", _links({"de": other})))
    with Fetcher(delay=0) as fetcher, pytest.raises(FetchError):
        fetcher.versions(f"{site.base}/en.html")
    assert fetcher.refused == [(other, f"not on the site of {site.base}/en.html")]
    assert internal.seen == []
    # both doors opened: the internal page is the user's to take
    with Fetcher(delay=0, other_sites=True, allow_private=True) as fetcher:
        inputs = fetcher.versions(f"{site.base}/en.html")
    assert [(i.lang, i.url) for i in inputs] == [("de", other), ("en", f"{site.base}/en.html")]
    assert internal.seen == ["/robots.txt", "/secret.html"]


def test_a_redirect_inside_is_refused(servers: Callable[[], Server], internal: Server) -> None:
    site = servers()
    site.page("/robots.txt", b"")
    for n, target in enumerate(_spellings(internal.port).values()):
        site.page(f"/jump{n}", b"", status=302, location=target)
    with Fetcher(delay=0) as fetcher:
        for n in range(len(_spellings(internal.port))):
            with pytest.raises(FetchError, match="address .* only addresses given by the user"):
                fetcher.get(f"{site.base}/jump{n}")
    assert internal.seen == []


def test_an_address_the_user_typed_may_be_on_loopback(internal: Server) -> None:
    with Fetcher(delay=0) as fetcher:
        snapshot = fetcher.get(f"http://localhost:{internal.port}/secret.html")
    assert snapshot.data.endswith(_SECRET)


def test_alternates_per_page_are_capped(servers: Callable[[], Server]) -> None:
    site = servers()
    site.page("/robots.txt", b"")
    links = {"de": "/de.html", "en": "/en.html", "fr": "/fr.html"}
    for lang in links:
        site.page(f"/{lang}.html", _page(lang, _links(links)))
    with Fetcher(delay=0, max_alternates=1) as fetcher:
        inputs = fetcher.versions(f"{site.base}/en.html")
    assert [i.lang for i in inputs] == ["de", "en"]
    assert fetcher.refused == [
        (f"{site.base}/fr.html", "the page lists more than 1 language versions")
    ]
    assert "/fr.html" not in site.seen


def _drip(head: bytes, body: bytes, pause: float) -> Callable[[BaseHTTPRequestHandler], None]:
    """Answer one byte at a time, ``pause`` seconds apart (the whole takes a bounded time)."""

    def answer(handler: BaseHTTPRequestHandler) -> None:
        for byte in head + body:
            try:
                handler.wfile.write(bytes([byte]))
                handler.wfile.flush()
            except OSError:
                return
            time.sleep(pause)

    return answer


@pytest.mark.parametrize("where", ["headers", "body"])
def test_a_drip_fed_answer_ends_at_the_deadline(servers: Callable[[], Server], where: str) -> None:
    site = servers()
    site.page("/robots.txt", b"")
    body = _page("en") * 2
    head = (
        b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n"
        + f"Content-Length: {len(body)}\r\n\r\n".encode()
    )
    if where == "headers":
        head = b"HTTP/1.1 200 OK\r\n" + b"X-Slow: " + b"a" * 60 + b"\r\n" + head[17:]
        site.routes["/slow.html"] = _drip(head, body, 0.05)
    else:
        site.page("/fast", b"")
        slow = _drip(b"", body, 0.05)

        def answer(handler: BaseHTTPRequestHandler) -> None:
            handler.wfile.write(head)
            handler.wfile.flush()
            slow(handler)

        site.routes["/slow.html"] = answer
    # each byte comes well within the timeout of a read; the whole takes many seconds
    with (
        Fetcher(delay=0, timeout=30, deadline=1) as fetcher,
        pytest.raises(FetchError, match="no complete answer within 1 s"),
    ):
        fetcher.get(f"{site.base}/slow.html")


def test_the_archive_keeps_no_internal_page(
    servers: Callable[[], Server],
    internal: Server,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    site = servers()
    site.page("/robots.txt", b"")
    pairs = {"de": "/de.html", "en": "/en.html", **_spellings(internal.port)}
    site.page("/en.html", _page("en", _links(pairs)))
    site.page("/de.html", _page("de", _links(pairs)))
    code = main(
        [
            "archive",
            "add",
            f"{site.base}/en.html",
            "--delay",
            "0",
            "--executor",
            "serial",
            "--archive",
            str(tmp_path / "a"),
            "--other-sites",
        ]  # fmt: skip
    )
    assert code == 0
    err = capsys.readouterr().err
    assert f"warning: not fetched: http://2130706433:{internal.port}/secret.html" in err
    assert internal.seen == []
    assert main(["archive", "search", "hunter2", "--archive", str(tmp_path / "a")]) == 0
    assert "hunter2" not in capsys.readouterr().out
    with Archive(tmp_path / "a") as archive:
        (document,) = archive.documents()
    assert document.langs == ("de", "en")
    snapshots = list((tmp_path / "a" / "snapshots").glob("*/*.html"))
    assert len(snapshots) == 2
    assert not any(_SECRET in path.read_bytes() for path in snapshots)


def test_same_site_reads_hosts_not_strings() -> None:
    assert same_site("https://example.org/en", "https://example.org:443/de")
    assert not same_site("https://example.org/en", "https://example.org:8443/de")
    assert not same_site("https://evil-example.org/", "https://example.org/")


def test_a_host_is_looked_up_once_and_connected_to_as_checked(
    servers: Callable[[], Server], monkeypatch: pytest.MonkeyPatch
) -> None:
    site = servers()
    site.page("/robots.txt", b"")
    links = {"de": "/de.html", "en": "/en.html"}
    for lang in links:
        site.page(f"/{lang}.html", _page(lang, _links(links)))
    asked: list[str] = []
    real = socket.getaddrinfo

    def rebinding(host: Any, port: Any, *args: Any, **kwargs: Any) -> Any:
        # the first answer is the site; any later one a loopback address nobody listens on
        if host == "council.test":
            asked.append(host)
            host = "127.0.0.1" if len(asked) == 1 else "127.0.0.2"
        return real(host, port, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", rebinding)
    with Fetcher(delay=0) as fetcher:
        inputs = fetcher.versions(f"http://council.test:{site.port}/en.html")
    assert [i.lang for i in inputs] == ["de", "en"]
    assert asked == ["council.test"]
    assert site.seen == ["/robots.txt", "/en.html", "/de.html"]
