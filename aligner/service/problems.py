"""Turn every failure into an RFC 9457 problem body, in this one place.

A problem is ``{"type", "title", "status", "detail"}`` (plus ``instance`` and, for some
kinds, extra members such as ``errors`` or ``revision``) sent as
``application/problem+json``. ``type`` is a relative URI, ``/problems/<slug>``; the service
answers it with a short description, so the type is also documentation.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from aligner import errors
from aligner.edit import EditError
from aligner.review import RevisionConflict
from aligner.store import NotFound, Stale

__all__ = ["KINDS", "MEDIA_TYPE", "Kind", "Problem", "for_error", "install"]

MEDIA_TYPE = "application/problem+json"


@dataclass(frozen=True)
class Kind:
    status: int
    title: str
    description: str


KINDS: dict[str, Kind] = {
    "not-found": Kind(404, "Not found", "No document, revision or page has that name."),
    "method-not-allowed": Kind(405, "Method not allowed", "The resource does not do that."),
    "invalid-request": Kind(
        422, "Invalid request", "A parameter or the JSON body does not have the expected shape."
    ),
    "invalid-operation": Kind(
        422, "Invalid correction", "A correction names a bead or item it cannot apply to."
    ),
    "unauthorized": Kind(
        401, "API token needed", "Send the service's API token: Authorization: Bearer <token>."
    ),
    "forbidden": Kind(
        403, "Not allowed from here", "The request came from a page or host name not allowed."
    ),
    "bad-header": Kind(400, "Bad header", "A request header cannot be read (e.g. If-Match)."),
    "precondition-required": Kind(
        428, "If-Match required", "Send the revision you edited (the ETag) in If-Match."
    ),
    "nothing-to-undo": Kind(
        409, "Nothing to undo", "No correction is left to undo (or, for a redo, to redo)."
    ),
    "revision-conflict": Kind(
        409,
        "Not the next revision",
        "A TEI names a stored document but cannot be its next revision "
        "(another uuid, other text, or made from an earlier revision).",
    ),
    "already-stored": Kind(
        409, "Stored already", "The same files are stored already, declared in other languages."
    ),
    "stale-revision": Kind(
        412, "Document changed", "Someone saved a newer revision; reload it and try again."
    ),
    "too-large": Kind(413, "File too large", "An uploaded file is over the size limit."),
    "too-many-files": Kind(413, "Too many files", "An upload has more files than allowed."),
    "not-text": Kind(415, "Not a text file", "An upload is neither text, HTML, DOCX nor TEI."),
    "empty-input": Kind(422, "Empty input", "A file is missing or has no text."),
    "malformed-input": Kind(422, "Malformed input", "A file is broken HTML, DOCX or TEI."),
    "bad-input": Kind(422, "Unusable input", "A file cannot be used as input."),
    "bad-language": Kind(
        422, "Bad language", "A language code is unknown, repeated or contradicts the text."
    ),
    "invalid-tei": Kind(422, "Invalid TEI", "The TEI breaks the schema or the bead rules."),
    "export-failed": Kind(422, "Export not possible", "The export cannot be made as asked."),
    "aligner-error": Kind(400, "Cannot do that", "The aligner refused the request."),
    "bad-filename": Kind(400, "Bad file name", "A file name holds a path or control characters."),
    "over-limit": Kind(
        422,
        "Over the work limits",
        "The work asked for needs more CPU time or memory than one request may take.",
    ),
    "timeout": Kind(
        503, "Not done in time", "The work was not done within the time a request may take."
    ),
    "no-space": Kind(
        507, "No space left", "The service's disk is full: nothing was stored; try later."
    ),
    "read-only": Kind(
        503,
        "Read-only",
        "The service's store is on a read-only file system: it serves reads, stores nothing.",
    ),
    "internal": Kind(500, "Internal error", "A bug: the request failed on the server."),
}

# most precise class first: the first isinstance match wins
_ERROR_KINDS: tuple[tuple[type[errors.AlignerError], str], ...] = (
    (NotFound, "not-found"),
    (Stale, "stale-revision"),
    (EditError, "invalid-operation"),
    (RevisionConflict, "revision-conflict"),
    (errors.DecodeError, "not-text"),
    (errors.EmptyInputError, "empty-input"),
    (errors.FormatError, "malformed-input"),
    (errors.TooLargeError, "too-large"),
    (errors.InputError, "bad-input"),
    (errors.LanguageError, "bad-language"),
    (errors.ValidationError, "invalid-tei"),
    (errors.ExportError, "export-failed"),
    (errors.AlignerError, "aligner-error"),
)

_STATUS_KINDS = {404: "not-found", 405: "method-not-allowed", 413: "too-large"}


class Problem(Exception):
    """Raise to answer with a problem body; ``extra`` members are added to it."""

    def __init__(self, kind: str, detail: str, extra: Mapping[str, Any] | None = None) -> None:
        self.kind = kind
        self.detail = detail
        self.extra = dict(extra or {})
        super().__init__(detail)

    @property
    def status(self) -> int:
        return KINDS[self.kind].status

    def body(self, instance: str | None = None) -> dict[str, Any]:
        kind = KINDS[self.kind]
        body: dict[str, Any] = {
            "type": f"/problems/{self.kind}",
            "title": kind.title,
            "status": kind.status,
            "detail": self.detail,
        }
        if instance:
            body["instance"] = instance
        body.update(self.extra)
        return body

    def response(self, instance: str | None = None) -> JSONResponse:
        return JSONResponse(self.body(instance), status_code=self.status, media_type=MEDIA_TYPE)


def for_error(error: errors.AlignerError) -> Problem:
    """Return the problem that reports ``error``.

    >>> for_error(errors.DecodeError("not text", path="x.png")).body()["status"]
    415
    >>> for_error(errors.LanguageError("unknown", lang="xx")).body()["lang"]
    'xx'
    """
    if isinstance(error, errors.StorageError):
        return _storage_problem(error)
    kind = next(k for cls, k in _ERROR_KINDS if isinstance(error, cls))
    extra: dict[str, Any] = {}
    if error.path:
        extra["file"] = error.path
    if isinstance(error, errors.LanguageError) and error.lang:
        extra["lang"] = error.lang
    if isinstance(error, errors.ValidationError):
        extra["errors"] = list(error.problems)
    if isinstance(error, EditError) and error.bead:
        extra["bead"] = error.bead
    if isinstance(error, Stale):
        extra["revision"] = error.current
    return Problem(kind, error.message, extra)


def _storage_problem(error: errors.StorageError) -> Problem:
    """Return the problem of a store that cannot be written, saying nothing of its paths."""
    if error.full:
        return Problem("no-space", "the disk is full: nothing was stored")
    if error.read_only:
        return Problem("read-only", "the store is read-only: it serves reads, stores nothing")
    return Problem("internal", "the store cannot be written")


def install(app: FastAPI) -> None:
    """Make ``app`` answer every error, including unexpected ones, with a problem body."""

    async def on_problem(request: Request, exc: Exception) -> JSONResponse:
        assert isinstance(exc, Problem)
        return exc.response(request.url.path)

    async def on_aligner_error(request: Request, exc: Exception) -> JSONResponse:
        assert isinstance(exc, errors.AlignerError)
        return for_error(exc).response(request.url.path)

    async def on_validation(request: Request, exc: Exception) -> JSONResponse:
        assert isinstance(exc, RequestValidationError)
        found = [
            {"where": ".".join(str(p) for p in e.get("loc", ())), "problem": e.get("msg", "")}
            for e in exc.errors()
        ]
        detail = "; ".join(f"{f['where']}: {f['problem']}" for f in found) or "invalid request"
        return Problem("invalid-request", detail, {"errors": found}).response(request.url.path)

    async def on_http(request: Request, exc: Exception) -> JSONResponse:
        assert isinstance(exc, StarletteHTTPException)
        kind = _STATUS_KINDS.get(exc.status_code)
        if kind is None:
            body = {
                "type": "about:blank",
                "title": str(exc.detail),
                "status": exc.status_code,
                "detail": str(exc.detail),
            }
            return JSONResponse(body, status_code=exc.status_code, media_type=MEDIA_TYPE)
        detail = str(exc.detail) if exc.status_code != 404 else f"nothing at {request.url.path}"
        return Problem(kind, detail).response(request.url.path)

    async def on_crash(request: Request, exc: Exception) -> JSONResponse:
        storage = errors.storage_error(exc)  # a full or read-only disk met by a write
        if storage is not None:
            return _storage_problem(storage).response(request.url.path)
        return Problem("internal", f"{type(exc).__name__} while handling the request").response(
            request.url.path
        )

    app.add_exception_handler(Problem, on_problem)
    app.add_exception_handler(errors.AlignerError, on_aligner_error)
    app.add_exception_handler(RequestValidationError, on_validation)
    app.add_exception_handler(StarletteHTTPException, on_http)
    app.add_exception_handler(Exception, on_crash)
