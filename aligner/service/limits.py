"""Limits on request bodies, counted as the bytes arrive.

A declared ``Content-Length`` over the limit is refused before anything is read. A chunked
body (no length) or one that sends more than it declared is counted as it streams in and
refused with 413 the moment it passes the limit, so nothing is buffered beyond the limit.
Each kind of request has its own limit (:class:`BodyLimits`): an upload may carry its files,
a correction (PATCH) a list of operations, anything else next to nothing.
"""

from __future__ import annotations

from dataclasses import dataclass

from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from aligner.service.problems import Problem
from aligner.settings import DEFAULT_SETTINGS

__all__ = ["BodyLimit", "BodyLimits"]


@dataclass(frozen=True)
class BodyLimits:
    """Largest request body, in bytes, per kind of request."""

    upload: int = DEFAULT_SETTINGS.max_upload_body  # POST /documents: files and form framing
    patch: int = DEFAULT_SETTINGS.max_patch_bytes  # PATCH: a list of operations
    other: int = DEFAULT_SETTINGS.max_other_bytes

    def for_request(self, method: str, path: str) -> int:
        """Return the limit for a request.

        >>> limits = BodyLimits(upload=100, patch=10, other=1)
        >>> [limits.for_request(m, p) for m, p in
        ...  [("POST", "/documents"), ("PATCH", "/documents/x/alignment"), ("POST", "/x")]]
        [100, 10, 1]
        """
        if method == "POST" and path.rstrip("/") == "/documents":
            return self.upload
        if method == "PATCH":
            return self.patch
        return self.other


class BodyLimit:
    """ASGI middleware: refuse a request body over its limit, declared or streamed."""

    def __init__(self, app: ASGIApp, limits: BodyLimits) -> None:
        self.app = app
        self.limits = limits

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        limit = self.limits.for_request(scope["method"], scope["path"])
        declared = dict(scope["headers"]).get(b"content-length", b"")
        if declared.isdigit() and (len(declared) > 18 or int(declared) > limit):
            detail = f"the request is {declared.decode()[:20]} bytes; the limit is {limit}"
            await Problem("too-large", detail).response(scope["path"])(scope, receive, send)
            return
        seen = 0

        async def counted() -> Message:
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > limit:
                    # FastAPI passes an HTTPException raised while reading the body on to
                    # the problem handlers, which answer 413 at once
                    raise HTTPException(413, f"the request body passed the limit of {limit} bytes")
            return message

        await self.app(scope, counted, send)
