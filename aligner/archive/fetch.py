"""Fetch a web page and its other language versions, politely.

Polite means: robots.txt is asked first and obeyed (its ``Crawl-delay`` too); requests to
one host go one after the other over one kept-alive connection, at least ``delay`` seconds
apart; the User-Agent names this project. Every page fetched is a :class:`Snapshot` (bytes,
address, retrieval time, sha256), which the archive keeps and the TEI header records.

The other language versions of a page are found from its ``<link rel="alternate"
hreflang>`` elements, else from its language switcher (links with ``hreflang`` or ``lang``,
or links inside an element whose class or id names languages, reading a language's code or
name).

Fetching is fenced, since a page chooses the addresses of its language versions and of its
redirects. A host name is resolved once per connection and every address it gives must be
public: loopback, private, link-local (cloud metadata at 169.254.169.254), multicast,
reserved and unspecified addresses are refused, however they are written (``2130706433``,
``0x7f.1``, ``[::1]``, ``[::ffff:127.0.0.1]``), after DNS and on every redirect; the
connection is then made to the address checked, so a second lookup cannot swap it. An
address the user typed (a command-line ``--url``, a manifest row) is the user's own choice
and may be private; so may everything when ``allow_private`` is set. Language versions must
be on the page's own site (the same host, or one sharing its parent domain) unless
``other_sites`` is set. At most ``max_alternates`` of them are fetched per page, at most
:data:`MAX_REDIRECTS` redirects are followed, at most ``max_bytes`` are read per answer,
and each fetch (its robots.txt, redirects and body) ends after ``deadline`` seconds however
slowly the server sends. What is refused is kept in :attr:`Fetcher.refused`.
"""

from __future__ import annotations

import contextlib
import hashlib
import http.client
import ipaddress
import re
import socket
import threading
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

__all__ = [
    "MAX_REDIRECTS",
    "FetchError",
    "Fetcher",
    "Snapshot",
    "alternates",
    "fenced",
    "same_site",
    "user_agent",
]

_REDIRECTS = frozenset({301, 302, 303, 307, 308})
#: redirects followed per fetch
MAX_REDIRECTS = 5
_CHUNK = 64 * 1024
_NAT64 = ipaddress.ip_network("64:ff9b::/96")
_IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
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
    address: str  # the address checked, which every connection to the host goes to
    robots: urllib.robotparser.RobotFileParser | None = None
    last: float = float("-inf")


def fenced(address: str) -> str | None:
    """Return what kind of address ``address`` is when it is not public, else ``None``.

    An IPv6 address that carries an IPv4 one (mapped, 6to4, Teredo, NAT64) is judged by both.

    >>> [fenced(a) for a in ("127.0.0.1", "::1", "10.1.2.3", "169.254.169.254", "224.0.0.1")]
    ['loopback', 'loopback', 'private', 'link-local', 'multicast']
    >>> fenced("::ffff:127.0.0.1"), fenced("0.0.0.0"), fenced("93.184.215.14")
    ('loopback', 'unspecified', None)
    """
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    inside: list[_IPAddress] = []  # the IPv4 address carried first: it says more
    if isinstance(ip, ipaddress.IPv6Address):
        if ip.ipv4_mapped is not None:
            inside.append(ip.ipv4_mapped)
        if ip.sixtofour is not None:
            inside.append(ip.sixtofour)
        if ip.teredo is not None:
            inside.extend(ip.teredo)
        if ip in _NAT64:
            inside.append(ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF))
    for each in [*inside, ip]:
        for kind, test in (
            ("unspecified", each.is_unspecified),
            ("loopback", each.is_loopback),
            ("link-local", each.is_link_local),
            ("multicast", each.is_multicast),
            ("private", each.is_private),
            ("reserved", each.is_reserved),
            ("non-public", not each.is_global),
        ):
            if test:
                return kind
    return None


def same_site(page: str, other: str) -> bool:
    """Tell whether ``other`` is on the site of ``page``: the same host, or a neighbour.

    Neighbours share a parent domain of two labels or more (``de.example.org`` and
    ``example.org`` or ``en.example.org``); ``www.`` does not count. A non-default port must
    be the same; http and https may differ.

    >>> same_site("https://example.org/en/", "http://www.example.org/de/")
    True
    >>> same_site("https://en.example.org/", "https://de.example.org/")
    True
    >>> [same_site("http://127.0.0.1:8000/", o) for o in ("http://127.0.0.1:8001/",
    ...  "http://localhost:8000/", "https://example.net/", "https://example.org.evil.net/")]
    [False, False, False, False]
    """
    a, b = urlsplit(page), urlsplit(other)
    if _port(a.port) != _port(b.port):
        return False
    host_a, host_b = _site_host(a.hostname or ""), _site_host(b.hostname or "")
    if not host_a or not host_b:
        return False
    if host_a == host_b:
        return True
    if _is_ip(host_a) or _is_ip(host_b):
        return False
    if host_a.endswith("." + host_b) or host_b.endswith("." + host_a):
        return True
    parent_a, parent_b = host_a.partition(".")[2], host_b.partition(".")[2]
    return parent_a == parent_b and parent_a.count(".") >= 1


def _port(port: int | None) -> int | None:
    return None if port in (None, 80, 443) else port


def _site_host(host: str) -> str:
    host = host.lower().rstrip(".")
    return host.removeprefix("www.")


def _is_ip(host: str) -> bool:
    try:
        ipaddress.ip_address(host)
    except ValueError:
        return False
    return True


class Fetcher:
    """Fetch pages politely, behind the fence the module docstring describes.

    ``keep`` is given every snapshot (the archive stores them). ``timeout`` bounds each
    wait for the network, ``deadline`` each fetch as a whole.
    """

    def __init__(
        self,
        *,
        delay: float = 1.0,
        timeout: float = 30.0,
        deadline: float = 120.0,
        max_bytes: int = 20 * 2**20,
        max_alternates: int = 30,
        allow_private: bool = False,
        other_sites: bool = False,
        keep: Callable[[Snapshot], None] | None = None,
    ) -> None:
        self.delay = delay
        self.timeout = timeout
        self.deadline = deadline
        self.max_bytes = max_bytes
        self.max_alternates = max_alternates
        self.allow_private = allow_private
        self.other_sites = other_sites
        self.keep = keep
        self.agent = user_agent()
        #: addresses not fetched, and why (a language version off the site, a private host)
        self.refused: list[tuple[str, str]] = []
        self._hosts: dict[tuple[str, str], _Host] = {}
        self._typed: set[tuple[str, int]] = set()

    def close(self) -> None:
        for host in self._hosts.values():
            host.connection.close()
        self._hosts.clear()

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def get(self, url: str) -> Snapshot:
        """Fetch ``url``, an address the user gave (following redirects), as robots.txt allows."""
        self._typed.add(_origin(url))
        return self._get(url)

    def _get(self, url: str) -> Snapshot:
        target = urldefrag(url)[0]
        deadline = time.monotonic() + self.deadline
        for _ in range(MAX_REDIRECTS + 1):
            if not self._allowed(target, deadline):
                raise FetchError("robots.txt does not allow fetching this page", path=target)
            status, headers, data = self._request(target, deadline)
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
        raise FetchError(f"more than {MAX_REDIRECTS} redirects", path=url)

    def page(self, url: str, *, lang: str | None = None) -> InputFile:
        """Fetch one page as an input (its language as given, else as the page says)."""
        snapshot = self.get(url)
        return _input(snapshot, lang)

    def versions(self, url: str) -> list[InputFile]:
        """Fetch the page at ``url`` and every other language version it links to.

        A version off the page's site (unless ``other_sites``), one the fence refuses and
        those past ``max_alternates`` are left out and listed in :attr:`refused`.
        """
        first = self.get(url)
        own, others = alternates(first.data, first.final_url)
        inputs = [_input(first, own)]
        for taken, (lang, address) in enumerate(others.items()):
            if taken >= self.max_alternates:
                self.refused.append(
                    (address, f"the page lists more than {self.max_alternates} language versions")
                )
                continue
            if not self.other_sites and not same_site(first.final_url, address):
                self.refused.append((address, f"not on the site of {first.final_url}"))
                continue
            try:
                snapshot = self._get(address)
            except _Fenced as exc:
                self.refused.append((address, exc.message))
                continue
            inputs.append(_input(snapshot, lang))
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
            try:
                port = parts.port or (443 if parts.scheme == "https" else 80)
            except ValueError:
                raise FetchError("the address has a bad port", path=url) from None
            address = self._checked_address(parts.hostname, port, url)
            kind = (
                http.client.HTTPSConnection
                if parts.scheme == "https"
                else http.client.HTTPConnection
            )
            connection = kind(parts.netloc, timeout=self.timeout)
            # connect to the address checked (TLS still checks the certificate against the
            # name): a second lookup could answer differently
            pinned = _Pinned(address)
            connection._create_connection = pinned.connect  # type: ignore[attr-defined]
            self._hosts[key] = _Host(connection, address)
        return self._hosts[key]

    def _checked_address(self, name: str, port: int, url: str) -> str:
        """Resolve ``name`` and return its address, refusing a host that is not public."""
        try:
            found = socket.getaddrinfo(name, port, type=socket.SOCK_STREAM)
        except (socket.gaierror, UnicodeError) as exc:
            raise FetchError(f"cannot find the host {name}: {exc}", path=url) from None
        addresses = [str(info[4][0]) for info in found]
        if not addresses:
            raise FetchError(f"cannot find the host {name}", path=url)
        if not self.allow_private and (name.lower(), port) not in self._typed:
            for address in addresses:
                kind = fenced(address)
                if kind is not None:
                    article = "an" if kind[0] in "aeiou" else "a"
                    raise _Fenced(
                        f"{name} is {article} {kind} address ({address}): only addresses given by "
                        "the user are fetched from there (--allow-private allows any)",
                        path=url,
                    )
        return addresses[0]

    def _allowed(self, url: str, deadline: float) -> bool:
        host = self._host(url)
        if host.robots is None:
            robots = urllib.robotparser.RobotFileParser()
            parts = urlsplit(url)
            # a host that does not answer at all fails here, with the reason
            robots_url = f"{parts.scheme}://{parts.netloc}/robots.txt"
            status, _, data = self._request(robots_url, deadline)
            if status in (401, 403) or status >= 500:
                rules = ["User-agent: *", "Disallow: /"]  # RFC 9309: unreachable is disallowed
            elif status >= 400:
                rules = []  # no robots.txt: everything is allowed
            else:
                rules = data.decode("utf-8", "replace").splitlines()
            robots.parse(rules)
            host.robots = robots
        return host.robots.can_fetch(self.agent, url)

    def _request(self, url: str, deadline: float) -> tuple[int, dict[str, str], bytes]:
        host = self._host(url)
        pause = self.delay
        if host.robots is not None:
            pause = max(pause, float(host.robots.crawl_delay(self.agent) or 0))
        wait = host.last + pause - time.monotonic()
        if wait > deadline - time.monotonic():
            raise FetchError(
                f"robots.txt asks for {pause:g} s between requests, past the "
                f"{self.deadline:g} s a fetch may take",
                path=url,
            )
        if wait > 0:
            time.sleep(wait)
        parts = urlsplit(url)
        path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
        headers = {"User-Agent": self.agent, "Accept-Encoding": "identity"}
        connection = host.connection
        connection.timeout = max(0.001, min(self.timeout, deadline - time.monotonic()))
        if connection.sock is not None:
            connection.sock.settimeout(connection.timeout)
        # a server that sends a byte now and then never trips the timeout of each read:
        # at the deadline the watchdog cuts the connection, whatever is being read
        watchdog = threading.Timer(deadline - time.monotonic(), _cut, (connection,))
        watchdog.daemon = True
        watchdog.start()
        try:
            for attempt in (1, 2):  # a kept-alive connection the server closed: once more
                try:
                    connection.request("GET", path, headers=headers)
                    response = connection.getresponse()
                    break
                except (http.client.RemoteDisconnected, BrokenPipeError, ConnectionResetError):
                    connection.close()
                    if attempt == 2:
                        raise
            data = self._body(response, url)
        except (OSError, http.client.HTTPException) as exc:
            connection.close()
            if time.monotonic() >= deadline:
                raise FetchError(
                    f"no complete answer within {self.deadline:g} s", path=url
                ) from None
            raise FetchError(f"cannot fetch: {exc or type(exc).__name__}", path=url) from None
        finally:
            watchdog.cancel()
            host.last = time.monotonic()
        if time.monotonic() >= deadline:  # cut just as the answer ended
            connection.close()
            raise FetchError(f"no complete answer within {self.deadline:g} s", path=url)
        return response.status, {k.lower(): v for k, v in response.getheaders()}, data

    def _body(self, response: http.client.HTTPResponse, url: str) -> bytes:
        """Read the answer's body in pieces, refusing it once past ``max_bytes``."""
        pieces: list[bytes] = []
        size = 0
        while chunk := response.read1(_CHUNK):
            size += len(chunk)
            if size > self.max_bytes:
                response.close()
                raise FetchError(f"larger than {self.max_bytes:,} bytes", path=url)
            pieces.append(chunk)
        response.read()  # nothing is left; this marks the answer done, the connection free
        return b"".join(pieces)


class _Fenced(FetchError):
    """An address the fence refuses."""


@dataclass(frozen=True)
class _Pinned:
    """Connect to one checked address, whatever the name resolves to now."""

    address: str

    def connect(
        self,
        where: tuple[str, int],
        timeout: float | None = None,
        source: tuple[str, int] | None = None,
    ) -> socket.socket:
        return socket.create_connection((self.address, where[1]), timeout, source)


def _cut(connection: http.client.HTTPConnection) -> None:
    """Cut a connection from another thread: a blocked read returns at once."""
    sock = connection.sock
    if sock is not None:
        with contextlib.suppress(OSError):
            sock.shutdown(socket.SHUT_RDWR)


def _origin(url: str) -> tuple[str, int]:
    """Return the host name and port of ``url``, as the fence compares them."""
    parts = urlsplit(url)
    try:
        port = parts.port
    except ValueError:
        port = None
    return (parts.hostname or "").lower(), port or (443 if parts.scheme == "https" else 80)


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
