"""Who may talk to the service: API token, Host and Origin checks, browser hardening.

Any web page a user visits can send requests to a service on their machine. So:

* **Host.** Bound to loopback, the service answers only requests addressed to a loopback
  name (``localhost``, ``127.0.0.1``, ``[::1]``) or a configured origin's host; a page on
  another domain that re-points its DNS at 127.0.0.1 (DNS rebinding) gets a 403 even for
  reads.
* **Origin.** A state-changing request (POST, PUT, PATCH, DELETE) sent by a browser must
  come from the service's own origin or a configured one (``Origin``; ``Sec-Fetch-Site``
  when there is no Origin). Programs that send neither (curl, scripts) pass this check.
* **Token.** Bound to anything but loopback, every state-changing request needs
  ``Authorization: Bearer <token>``. On loopback the token is optional, so the page works
  with no extra step; a wrong token is refused everywhere. The token is made on first start
  and kept in the store as ``.api-token`` (mode 0600), or given with ``--token`` or
  ``ALIGNER_TOKEN``. On a read-only or full store without one, a token is made for the run.
* **Reads.** By default anyone who reaches the service may read its documents (an open
  archive). With ``--private`` every request but the page's own files (``/``,
  ``/static/``) needs the token, on loopback too. A read may also carry it as the cookie
  ``aligner-token``, which the page sets when it is given the token, so that its download
  links work; a write must send the header (a cookie travels by itself, a header does not).
* **Headers.** Every response says ``X-Content-Type-Options: nosniff``,
  ``Referrer-Policy: no-referrer``, ``X-Frame-Options: DENY`` and a Content-Security-Policy
  with ``frame-ancestors 'none'``: scripts, styles and requests only from the service
  itself (the API docs at ``/docs`` and ``/redoc`` also load their viewer from its CDN).
"""

from __future__ import annotations

import errno
import hmac
import ipaddress
import os
import secrets
import urllib.parse
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from starlette.datastructures import Headers
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from aligner.errors import AlignerError
from aligner.service.problems import Problem

__all__ = [
    "Access",
    "AccessGuard",
    "is_loopback",
    "load_token",
    "serving_access",
    "store_token",
]

TOKEN_FILE = ".api-token"
TOKEN_ENV = "ALIGNER_TOKEN"
TOKEN_COOKIE = "aligner-token"
# what a private service serves without the token: the page, so that it can ask for it
_PAGE_FILES = ("/static/",)
_WRITES = frozenset({"POST", "PUT", "PATCH", "DELETE"})
_PAGE_POLICY = (
    "default-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; "
    "form-action 'self'; frame-ancestors 'none'"
)
# FastAPI's /docs and /redoc pages load their viewer from jsDelivr with an inline starter
_DOCS_CDN = "https://cdn.jsdelivr.net"
_DOCS_POLICY = (
    f"default-src 'self'; script-src 'self' 'unsafe-inline' {_DOCS_CDN}; "
    f"style-src 'self' 'unsafe-inline' {_DOCS_CDN} https://fonts.googleapis.com; "
    "font-src 'self' https://fonts.gstatic.com; img-src 'self' data: https:; "
    "worker-src 'self' blob:; object-src 'none'; base-uri 'none'; frame-ancestors 'none'"
)
_DOCS_PATHS = ("/docs", "/redoc")
_HEADERS = (
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"x-frame-options", b"DENY"),
    (b"cross-origin-opener-policy", b"same-origin"),
    (b"cross-origin-resource-policy", b"same-origin"),
)


@dataclass(frozen=True)
class Access:
    """Who may use the service.

    ``token``: the API token (None: no token, nothing can authenticate); ``token_required``:
    writes need it (non-loopback binds); ``local_only``: the Host must be a loopback name
    or a configured origin's; ``origins``: origins (``https://align.example.org``) allowed
    besides the service's own, e.g. behind a reverse proxy; ``private``: reads need the
    token too.
    """

    token: str | None = None
    token_required: bool = False
    local_only: bool = True
    origins: frozenset[str] = frozenset()
    private: bool = False

    @classmethod
    def for_bind(
        cls, host: str, token: str, origins: Iterable[str] = (), *, private: bool = False
    ) -> Access:
        """Return the access rules for a service bound to ``host``.

        >>> Access.for_bind("127.0.0.1", "t").token_required
        False
        >>> Access.for_bind("0.0.0.0", "t").token_required
        True
        """
        if private and not token:
            raise AlignerError("--private needs a token: reads are refused without one")
        local = is_loopback(host)
        for origin in origins:
            if not origin.startswith(("http://", "https://")) or origin.endswith("://"):
                raise AlignerError(
                    f"--origin takes a URL like https://align.example.org, not {origin!r}"
                )
        allowed = frozenset(_origin(o) for o in origins)
        return cls(
            token=token,
            token_required=not local or private,
            local_only=local,
            origins=allowed,
            private=private,
        )

    def allows_host(self, host: str) -> bool:
        """Tell whether a request addressed to ``host`` (a Host header) is for us.

        >>> rules = Access()
        >>> [rules.allows_host(h) for h in ("127.0.0.1:8000", "localhost", "[::1]:80")]
        [True, True, True]
        >>> [rules.allows_host(h) for h in ("evil.example:8000", "", "127.0.0.1.evil.example")]
        [False, False, False]
        """
        if not self.local_only:
            return True
        name = _host_name(host)
        if name == "localhost" or name.endswith(".localhost"):
            return True
        if any(_host_name(o.split("://", 1)[-1]) == name for o in self.origins):
            return True
        return is_loopback(name)


def is_loopback(host: str) -> bool:
    """Tell whether binding to ``host`` keeps the service on this machine.

    >>> [is_loopback(h) for h in ("127.0.0.1", "::1", "localhost", "127.0.0.2")]
    [True, True, True, True]
    >>> [is_loopback(h) for h in ("0.0.0.0", "::", "192.168.1.5", "example.org", "")]
    [False, False, False, False, False]
    """
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


class _Unwritable(AlignerError):
    """The store cannot keep a token: its file system is read-only or full."""


_UNWRITABLE = (errno.EROFS, errno.ENOSPC, errno.EDQUOT)


def load_token(store_dir: Path, given: str | None = None) -> tuple[str, bool]:
    """Return the API token and whether it was made just now.

    ``given`` (``--token``), else ``$ALIGNER_TOKEN``, else the store's ``.api-token``, else
    a new random token written there with mode 0600 (only the owner can read it).
    """
    token = given or os.environ.get(TOKEN_ENV)
    if token:
        if len(token) < 16 or not token.isprintable() or " " in token:
            raise AlignerError("the API token must be at least 16 printable characters, no spaces")
        return token, False
    path = Path(store_dir) / TOKEN_FILE
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        stored = path.read_text(encoding="ascii").strip()
        if len(stored) < 16:
            raise AlignerError("the stored API token is damaged: delete it", path=path) from None
        return stored, False
    except OSError as exc:
        if exc.errno in _UNWRITABLE:
            raise _Unwritable(exc.strerror or "cannot write", path=path) from None
        raise AlignerError(f"cannot keep the API token here: {exc.strerror}", path=path) from None
    token = secrets.token_urlsafe(32)
    try:
        with os.fdopen(fd, "w", encoding="ascii") as fh:
            fh.write(token + "\n")
    except OSError as exc:
        path.unlink(missing_ok=True)  # an empty token file would read as damaged
        raise _Unwritable(exc.strerror or "cannot write", path=path) from None
    return token, True


def store_token(store_dir: Path, given: str | None = None) -> tuple[str, str | None]:
    """Return the API token and, when it was made just now, what to tell the user.

    As :func:`load_token`, but a read-only store without a token gets one for this run.
    """
    try:
        key, created = load_token(store_dir, given)
    except _Unwritable as exc:
        key = secrets.token_urlsafe(32)
        return key, f"the store cannot keep a token ({exc.message}); for this run only: {key}"
    if created:
        return key, f"API token (kept in {Path(store_dir) / TOKEN_FILE}, shown only now): {key}"
    return key, None


def serving_access(
    host: str,
    store_dir: Path,
    *,
    token: str | None = None,
    origins: Iterable[str] = (),
    private: bool = False,
) -> tuple[Access, list[str]]:
    """Return the access rules for ``aligner serve`` on ``host`` and what to tell its user.

    A token made just now is shown once; a bind beyond loopback is warned about.
    """
    key, made = store_token(store_dir, token)
    notes = [made] if made else []
    if not is_loopback(host):
        reads = (
            "so does every read (--private)"
            if private
            else "anyone who reaches the port can read the documents (--private stops that)"
        )
        notes.append(
            f"warning: listening on {host}, reachable from other machines. Every change needs "
            f"the API token (Authorization: Bearer <token>); {reads}. Put TLS in front (a "
            "reverse proxy) so the token does not travel in clear."
        )
    return Access.for_bind(host, key, origins, private=private), notes


class AccessGuard:
    """ASGI middleware: check Host, Origin and token; add the hardening headers."""

    def __init__(self, app: ASGIApp, access: Access) -> None:
        self.app = app
        self.access = access

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        path: str = scope["path"]
        policy = _DOCS_POLICY if path.startswith(_DOCS_PATHS) else _PAGE_POLICY

        async def hardened(message: Message) -> None:
            if message["type"] == "http.response.start":
                present = {name.lower() for name, _value in message.get("headers", [])}
                extra = [(n, v) for n, v in _HEADERS if n not in present]
                extra.append((b"content-security-policy", policy.encode()))
                message["headers"] = [*message.get("headers", []), *extra]
            await send(message)

        refusal = self._refusal(scope)
        if refusal is not None:
            response = refusal.response(path)
            if refusal.kind == "unauthorized":
                response.headers["WWW-Authenticate"] = 'Bearer realm="aligner"'
            await response(scope, receive, hardened)
            return
        await self.app(scope, receive, hardened)

    def _refusal(self, scope: Scope) -> Problem | None:
        headers = Headers(scope=scope)
        host = headers.get("host", "")
        if not self.access.allows_host(host):
            return Problem(
                "forbidden",
                f"this service answers requests to localhost, not to {host[:80]!r}; "
                "start it with --origin to allow another name",
            )
        if scope["method"] not in _WRITES:
            if self.access.private and not _is_page(scope["path"]):
                return self._token_refusal(headers, cookie=True)
            return None
        origin = headers.get("origin")
        if origin is not None:
            served = f"{scope.get('scheme', 'http')}://{host}".lower()
            if origin.lower() != served and _origin(origin) not in self.access.origins:
                return Problem(
                    "forbidden",
                    f"a page from {origin[:80]!r} may not change documents here; "
                    "start the service with --origin to allow it",
                )
        elif headers.get("sec-fetch-site", "same-origin") not in ("same-origin", "none"):
            return Problem("forbidden", "a page from another site may not change documents here")
        return self._token_refusal(headers)

    def _token_refusal(self, headers: Headers, *, cookie: bool = False) -> Problem | None:
        sent = headers.get("authorization")
        if sent is None and cookie:
            kept = _cookie(headers.get("cookie", ""), TOKEN_COOKIE)
            sent = f"Bearer {kept}" if kept is not None else None
        if sent is None:
            if self.access.private:
                return Problem(
                    "unauthorized",
                    "this service is private: send its API token as "
                    "'Authorization: Bearer <token>'",
                )
            if self.access.token_required:
                return Problem(
                    "unauthorized",
                    "this service is reachable from other machines: send its API token as "
                    "'Authorization: Bearer <token>'",
                )
            return None
        scheme, _, given = sent.partition(" ")
        token = self.access.token
        if (
            scheme.lower() != "bearer"
            or token is None
            or not hmac.compare_digest(given.strip().encode(), token.encode())
        ):
            return Problem("unauthorized", "the API token is wrong")
        return None


def _is_page(path: str) -> bool:
    """Tell whether ``path`` is one of the page's own files, served to anyone."""
    return path == "/" or path.startswith(_PAGE_FILES)


def _cookie(header: str, name: str) -> str | None:
    """Return the value of cookie ``name`` in a Cookie header.

    >>> _cookie("a=1; aligner-token=xyz", "aligner-token"), _cookie("a=1", "b")
    ('xyz', None)
    """
    for part in header.split(";"):
        key, _, value = part.strip().partition("=")
        if key == name:
            return urllib.parse.unquote(value.strip())
    return None


def _host_name(host: str) -> str:
    """Return the name in a Host header, without port or IPv6 brackets.

    >>> _host_name("[::1]:8000"), _host_name("LocalHost:80"), _host_name("127.0.0.1")
    ('::1', 'localhost', '127.0.0.1')
    """
    host = host.strip().lower()
    if host.startswith("["):
        return host[1:].split("]", 1)[0]
    return host.rsplit(":", 1)[0] if host.count(":") == 1 else host


def _origin(value: str) -> str:
    """Return an origin as browsers write it: lower case, no path or trailing slash.

    >>> _origin("HTTPS://Align.Example.org/")
    'https://align.example.org'
    """
    scheme, _, rest = value.strip().partition("://")
    return f"{scheme.lower()}://{rest.split('/', 1)[0].lower()}"
