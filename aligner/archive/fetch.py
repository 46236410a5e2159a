"""Fetch a web page and its other language versions, politely.

Polite means: robots.txt is asked first and obeyed (its ``Crawl-delay`` too); requests to
one host go one after the other over one kept-alive connection, at least ``delay`` seconds
apart; the User-Agent names this project. Every page fetched is a :class:`Snapshot` (bytes,
address, retrieval time, sha256), which the archive keeps and the TEI header records.

The other language versions of a page are found from its ``<link rel="alternate"
hreflang>`` elements, else from its language switcher (links with ``hreflang`` or ``lang``,
or links inside an element whose class or id names languages, reading a language's code or
name).
"""

from __future__ import annotations

import hashlib
import http.client
import re
import time
import urllib.robotparser
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from urllib.parse import urldefrag, urljoin, urlsplit

from lxml import etree
from lxml import html as lxml_html

from aligner._clock import utc_now
from aligner.api import InputFile, app_version
from aligner.errors import InputError, LanguageError
from languages.profiles import profile, profiled_languages

__all__ = ["FetchError", "Fetcher", "Snapshot", "alternates", "user_agent"]

_REDIRECTS = frozenset({301, 302, 303, 307, 308})
_MAX_REDIRECTS = 5
_PAGE_TYPES = {
    "text/html": ".html",
    "application/xhtml+xml": ".xhtml",
    "text/plain": ".txt",
    "application/pdf": ".pdf",  # a manifest's row may name a PDF by its address
}


class FetchError(InputError):
    """A page that could not be fetched (refused by robots.txt, an HTTP error, no answer)."""


def user_agent() -> str:
    """Return the User-Agent sent with every request: the project's name and version."""
    return f"aligner/{app_version()} (multilingual alignment archive; honours robots.txt)"


@dataclass(frozen=True)
class Snapshot:
    """One fetched page as it was received."""

    url: str  # the address asked for
    final_url: str  # after redirects
    retrieved: str  # ISO 8601 UTC
    sha256: str
    media_type: str
    data: bytes


@dataclass
class _Host:
    connection: http.client.HTTPConnection
    robots: urllib.robotparser.RobotFileParser | None = None
    last: float = float("-inf")


class Fetcher:
    """Fetch pages politely; ``keep`` is given every snapshot (the archive stores them)."""

    def __init__(
        self,
        *,
        delay: float = 1.0,
        timeout: float = 30.0,
        max_bytes: int = 20 * 2**20,
        keep: Callable[[Snapshot], None] | None = None,
    ) -> None:
        self.delay = delay
        self.timeout = timeout
        self.max_bytes = max_bytes
        self.keep = keep
        self.agent = user_agent()
        self._hosts: dict[tuple[str, str], _Host] = {}

    def close(self) -> None:
        for host in self._hosts.values():
            host.connection.close()
        self._hosts.clear()

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def get(self, url: str) -> Snapshot:
        """Fetch ``url`` (following redirects), as robots.txt allows."""
        target = urldefrag(url)[0]
        for _ in range(_MAX_REDIRECTS + 1):
            if not self._allowed(target):
                raise FetchError("robots.txt does not allow fetching this page", path=target)
            status, headers, data = self._request(target)
            if status in _REDIRECTS and headers.get("location"):
                target = urldefrag(urljoin(target, headers["location"]))[0]
                continue
            if status != 200:
                raise FetchError(f"the server answered HTTP {status}", path=target)
            media_type = headers.get("content-type", "").split(";")[0].strip().lower()
            snapshot = Snapshot(
                url,
                target,
                utc_now(),
                hashlib.sha256(data).hexdigest(),
                media_type or "application/octet-stream",
                data,
            )
            if self.keep is not None:
                self.keep(snapshot)
            return snapshot
        raise FetchError(f"more than {_MAX_REDIRECTS} redirects", path=url)

    def page(self, url: str, *, lang: str | None = None) -> InputFile:
        """Fetch one page as an input (its language as given, else as the page says)."""
        snapshot = self.get(url)
        return _input(snapshot, lang)

    def versions(self, url: str) -> list[InputFile]:
        """Fetch the page at ``url`` and every other language version it links to."""
        first = self.get(url)
        own, others = alternates(first.data, first.final_url)
        inputs = [_input(first, own)]
        for lang, address in others.items():
            inputs.append(_input(self.get(address), lang))
        if len(inputs) < 2:
            raise FetchError(
                "no other language versions found (no hreflang links, no language switcher)",
                path=url,
            )
        return sorted(inputs, key=lambda item: item.lang or "")

    # the connection and robots.txt of each host

    def _host(self, url: str) -> _Host:
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise FetchError("not an http(s) address", path=url)
        key = (parts.scheme, parts.netloc)
        if key not in self._hosts:
            kind = (
                http.client.HTTPSConnection
                if parts.scheme == "https"
                else http.client.HTTPConnection
            )
            self._hosts[key] = _Host(kind(parts.netloc, timeout=self.timeout))
        return self._hosts[key]

    def _allowed(self, url: str) -> bool:
        host = self._host(url)
        if host.robots is None:
            robots = urllib.robotparser.RobotFileParser()
            parts = urlsplit(url)
            # a host that does not answer at all fails here, with the reason
            status, _, data = self._request(f"{parts.scheme}://{parts.netloc}/robots.txt")
            if status in (401, 403) or status >= 500:
                rules = ["User-agent: *", "Disallow: /"]  # RFC 9309: unreachable is disallowed
            elif status >= 400:
                rules = []  # no robots.txt: everything is allowed
            else:
                rules = data.decode("utf-8", "replace").splitlines()
            robots.parse(rules)
            host.robots = robots
        return host.robots.can_fetch(self.agent, url)

    def _request(self, url: str) -> tuple[int, dict[str, str], bytes]:
        host = self._host(url)
        pause = self.delay
        if host.robots is not None:
            pause = max(pause, float(host.robots.crawl_delay(self.agent) or 0))
        wait = host.last + pause - time.monotonic()
        if wait > 0:
            time.sleep(wait)
        parts = urlsplit(url)
        path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
        headers = {"User-Agent": self.agent, "Accept-Encoding": "identity"}
        try:
            for attempt in (1, 2):  # a kept-alive connection the server closed: once more
                try:
                    host.connection.request("GET", path, headers=headers)
                    response = host.connection.getresponse()
                    break
                except (http.client.RemoteDisconnected, BrokenPipeError, ConnectionResetError):
                    host.connection.close()
                    if attempt == 2:
                        raise
            data = response.read(self.max_bytes + 1)
            if len(data) > self.max_bytes:
                host.connection.close()
                raise FetchError(f"larger than {self.max_bytes:,} bytes", path=url)
        except (OSError, http.client.HTTPException) as exc:
            host.connection.close()
            raise FetchError(f"cannot fetch: {exc or type(exc).__name__}", path=url) from None
        finally:
            host.last = time.monotonic()
        return response.status, {k.lower(): v for k, v in response.getheaders()}, data


def _input(snapshot: Snapshot, lang: str | None) -> InputFile:
    suffix = _PAGE_TYPES.get(snapshot.media_type)
    if suffix is None:
        raise FetchError(f"not a web page ({snapshot.media_type})", path=snapshot.final_url)
    name = urlsplit(snapshot.final_url).path.rsplit("/", 1)[-1] or "index"
    if not name.lower().endswith((".html", ".htm", ".xhtml", ".txt", ".pdf")):
        name += suffix
    return InputFile(snapshot.data, name, lang, snapshot.final_url, snapshot.retrieved)


def alternates(data: bytes, url: str) -> tuple[str | None, dict[str, str]]:
    """Return the page's own language and the address of each other language version.

    >>> page = '''<html lang="en"><head>
    ... <link rel="alternate" hreflang="de-DE" href="/de/news">
    ... <link rel="alternate" hreflang="x-default" href="/news"></head><body>
    ... <ul class="language-switcher"><li><a href="/fr/news">Français</a></li></ul>
    ... </body></html>'''.encode()
    >>> alternates(page, "https://example.org/en/news")
    ('en', {'de': 'https://example.org/de/news'})
    >>> alternates(page.replace(b"link", b"meta"), "https://example.org/en/news")
    ('en', {'fr': 'https://example.org/fr/news'})
    """
    try:
        # UTF-8 (most pages) even when the page does not say so; else lxml reads the meta tag
        text: str | bytes = re.sub(r"^\s*<\?xml[^>]*>", "", data.decode("utf-8"))
    except UnicodeDecodeError:
        text = data
    try:
        root = lxml_html.fromstring(text)
    except (etree.LxmlError, ValueError):  # junk, or no element at all
        return None, {}
    own = _code(root.get("lang"))
    page = urldefrag(url)[0]
    found: dict[str, str] = {}

    def take(lang: str | None, href: str | None) -> None:
        if not lang or not href:
            return
        address = urldefrag(urljoin(url, href.strip()))[0]
        nonlocal own
        if address == page:
            own = own or lang
        elif lang not in found and urlsplit(address).scheme in ("http", "https"):
            found[lang] = address

    def elements(path: str) -> list[lxml_html.HtmlElement]:
        found = root.xpath(path)
        return (
            [el for el in found if isinstance(el, lxml_html.HtmlElement)]
            if isinstance(found, list)
            else []
        )

    for link in elements("//link[@hreflang][@href]"):
        if "alternate" in (link.get("rel") or "").lower().split():
            take(_code(link.get("hreflang")), link.get("href"))
    if not found:
        for anchor in elements("//a[@href][@hreflang or @lang]"):
            take(_code(anchor.get("hreflang") or anchor.get("lang")), anchor.get("href"))
    if not found:
        switchers = elements(
            "//*[contains(translate(@class, 'LANG', 'lang'), 'lang')"
            " or contains(translate(@id, 'LANG', 'lang'), 'lang')]//a[@href]"
        )
        for anchor in switchers:
            take(_named_language(anchor.text_content()), anchor.get("href"))
    found.pop(own or "", None)
    return own, dict(sorted(found.items()))


def _code(tag: str | None) -> str | None:
    """Return the language subtag of a language tag, or ``None`` for ``x-default`` or junk."""
    if not tag or tag.lower().startswith("x-"):
        return None
    try:
        return str(profile(tag.strip()).locale.language)
    except LanguageError:
        return None


def _named_language(label: str) -> str | None:
    """Return the language a switcher's link names by code or name (``EN``, ``Deutsch``)."""
    text = re.sub(r"\s+", " ", label).strip().casefold()
    if not text or len(text) > 40:
        return None
    return _language_names().get(text)


@lru_cache(maxsize=1)
def _language_names() -> dict[str, str]:
    names: dict[str, str] = {}
    for code in profiled_languages():
        p = profile(code)
        for name in (code, p.name, p.english_name, p.display_name):
            names.setdefault(name.casefold(), code)
    return names
