"""Fetching pages and their language versions from a local server, politely."""

from __future__ import annotations

import hashlib
import json
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from aligner.archive import Archive, Fetcher, FetchError
from aligner.archive.fetch import user_agent
from aligner.cli import main
from aligner.tei import read_tei, schema_problems, tei_problems, write_tei

_PARAGRAPHS = {
    "de": ("Der Rat tagte am 4. Mai in Tarvel.", "Er beschloss 12 neue Maßnahmen für die Straße."),
    "en": ("The council met in Tarvel on 4 May.", "It decided on 12 new measures for the road."),
    "ru": ("Совет собрался 4 мая в Тарвеле.", "Он утвердил 12 новых мер для дороги."),
}


def _page(lang: str, head: str, nav: str = "") -> bytes:
    paragraphs = "".join(f"<p>{p}</p>" for p in _PARAGRAPHS[lang])
    return (
        f'<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8"><title>{lang}</title>'
        f"{head}</head><body>{nav}<main><h1>Council {lang}</h1>{paragraphs}</main></body></html>"
    ).encode()


_ALTERNATES = "".join(
    f'<link rel="alternate" hreflang="{code}" href="/{code}/news.html">' for code in _PARAGRAPHS
)
_SWITCHER = (
    '<ul class="lang-menu"><li><a href="/sw/de.html">Deutsch</a></li>'
    '<li><a href="/sw/en.html">English</a></li><li><a href="/sw/ru.html">Русский</a></li></ul>'
)


@dataclass
class Site:
    pages: dict[str, tuple[int, str, bytes]]
    requests: list[tuple[str, str, int]] = field(default_factory=list)  # path, agent, port
    base: str = ""


@pytest.fixture
def site() -> Iterator[Site]:
    pages = {
        "/robots.txt": (200, "text/plain", b"User-agent: *\nDisallow: /private/\n"),
        "/private/news.html": (200, "text/html", _page("en", _ALTERNATES)),
        "/moved": (301, "text/html", b""),
        "/image.png": (200, "image/png", b"\x89PNG\r\n\x1a\n"),
    }
    for code in _PARAGRAPHS:
        pages[f"/{code}/news.html"] = (200, "text/html; charset=utf-8", _page(code, _ALTERNATES))
        pages[f"/sw/{code}.html"] = (200, "text/html", _page(code, "", _SWITCHER))
    state = Site(pages)

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def do_GET(self) -> None:  # noqa: N802 (the name http.server calls)
            state.requests.append(
                (self.path, self.headers.get("User-Agent", ""), self.client_address[1])
            )
            status, media_type, body = state.pages.get(self.path, (404, "text/plain", b"none"))
            self.send_response(status)
            if status == 301:
                self.send_header("Location", "/en/news.html")
            self.send_header("Content-Type", media_type)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    state.base = f"http://127.0.0.1:{server.server_address[1]}"
    yield state
    server.shutdown()
    server.server_close()


def test_hreflang_links_give_the_other_versions(site: Site) -> None:
    with Fetcher(delay=0) as fetcher:
        inputs = fetcher.versions(f"{site.base}/en/news.html")
    assert [(i.lang, i.url) for i in inputs] == [
        (code, f"{site.base}/{code}/news.html") for code in ("de", "en", "ru")
    ]
    assert all(i.retrieved for i in inputs)


def test_a_language_switcher_gives_them_when_there_are_no_links(site: Site) -> None:
    with Fetcher(delay=0) as fetcher:
        inputs = fetcher.versions(f"{site.base}/sw/ru.html")
    assert [(i.lang, i.url) for i in inputs] == [
        (code, f"{site.base}/sw/{code}.html") for code in ("de", "en", "ru")
    ]


def test_requests_are_polite(site: Site) -> None:
    with Fetcher(delay=0) as fetcher:
        fetcher.versions(f"{site.base}/en/news.html")
        with pytest.raises(FetchError, match="robots.txt does not allow"):
            fetcher.get(f"{site.base}/private/news.html")
    paths = [path for path, _, _ in site.requests]
    assert paths[0] == "/robots.txt"
    assert paths.count("/robots.txt") == 1
    assert "/private/news.html" not in paths
    assert {agent for _, agent, _ in site.requests} == {user_agent()}
    assert user_agent().startswith("aligner/")
    # one connection to the host, kept alive for every request
    assert len({port for _, _, port in site.requests}) == 1


def test_redirects_are_followed_and_errors_name_the_page(site: Site) -> None:
    with Fetcher(delay=0) as fetcher:
        snapshot = fetcher.get(f"{site.base}/moved")
        assert snapshot.final_url == f"{site.base}/en/news.html"
        assert snapshot.url == f"{site.base}/moved"
        with pytest.raises(FetchError, match=r"/gone\.html: the server answered HTTP 404"):
            fetcher.get(f"{site.base}/gone.html")
        with pytest.raises(FetchError, match=r"not a web page \(image/png\)"):
            fetcher.page(f"{site.base}/image.png")


def test_an_unreachable_host_is_one_clear_error() -> None:
    with Fetcher(delay=0, timeout=2) as fetcher, pytest.raises(FetchError, match="cannot fetch"):
        fetcher.get("http://127.0.0.1:9/news.html")


def test_added_pages_are_kept_as_snapshots_and_named_in_the_tei(site: Site, tmp_path: Path) -> None:
    with Archive(tmp_path / "a", create=True) as archive:
        summary = archive.add([f"{site.base}/de/news.html"], executor="serial", delay=0)
        assert (len(summary.added), summary.failed) == (1, [])
        (path,) = archive.tei_files()
        again = archive.add([f"{site.base}/de/news.html"], executor="serial", delay=0)
        assert (again.added, len(again.unchanged)) == ([], 1)
    data = path.read_bytes()
    document = read_tei(data)
    for version in document.versions:
        page = site.pages[f"/{version.lang}/news.html"][2]
        digest = hashlib.sha256(page).hexdigest()
        assert version.source.url == f"{site.base}/{version.lang}/news.html"
        assert version.source.sha256 == digest
        assert version.source.retrieved
        assert version.source.retrieved.endswith("Z")
        snapshot = tmp_path / "a" / "snapshots" / digest[:2] / f"{digest}.html"
        assert snapshot.read_bytes() == page
        (record,) = json.loads(snapshot.with_suffix(".json").read_text("utf-8"))[:1]
        assert record["url"] == version.source.url
        assert record["sha256"] == digest
    assert write_tei(read_tei(data)) == data
    assert tei_problems(data) == []
    assert schema_problems(data) == []


def test_align_url_fetches_and_aligns(site: Site, tmp_path: Path) -> None:
    out = tmp_path / "doc.xml"
    code = main(
        [
            "align",
            "--url",
            f"{site.base}/sw/en.html",
            "--delay",
            "0",
            "--archive",
            str(tmp_path / "a"),
            "-o",
            str(out),
        ]
    )
    assert code == 0
    document = read_tei(out.read_bytes())
    assert document.langs == ("de", "en", "ru")
    assert len(document.paragraphs.beads) == 3  # the heading and two paragraphs
    assert len(list((tmp_path / "a" / "snapshots").glob("*/*.html"))) == 3


def test_align_url_without_other_versions_fails_cleanly(
    site: Site, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    site.pages["/alone.html"] = (200, "text/html", _page("en", ""))
    out = tmp_path / "doc.xml"
    code = main(["align", "--url", f"{site.base}/alone.html", "--delay", "0", "-o", str(out)])
    assert code == 1
    err = capsys.readouterr().err.strip()
    assert (
        err == f"aligner: {site.base}/alone.html: no other language versions found "
        "(no hreflang links, no language switcher)"
    )
    assert not out.exists()


def test_a_manifest_may_name_pages_by_address(site: Site, tmp_path: Path) -> None:
    manifest = tmp_path / "pages.csv"
    manifest.write_text(
        f"council,de,{site.base}/de/news.html\ncouncil,ru,{site.base}/ru/news.html\n", "utf-8"
    )
    with Archive(tmp_path / "a", create=True) as archive:
        summary = archive.add([str(manifest)], executor="serial", delay=0)
        assert (len(summary.added), summary.failed) == (1, [])
        (document,) = archive.documents()
        refused = archive.add([str(manifest)], executor="serial", fetch=False)
    assert document.langs == ("de", "ru")
    assert document.version("ru").source.url == f"{site.base}/ru/news.html"
    assert refused.failed == [
        (f"{manifest}:council", f"{manifest}:council: fetching pages is switched off")
    ]
