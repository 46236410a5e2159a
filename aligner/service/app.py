"""The HTTP API and the side-by-side page, as one FastAPI application.

Documents are stored as TEI (see :mod:`aligner.service.store`); every correction is a new
revision. The revision number is the ETag; a PATCH must send it back in ``If-Match``.
"""

from __future__ import annotations

import contextlib
import dataclasses
import io
import os
import re
import threading
import unicodedata
import urllib.parse
import zipfile
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Annotated, Any, Literal

from babel import Locale, UnknownLocaleError
from fastapi import Body, FastAPI, File, Form, Header, Query, Response, UploadFile
from fastapi.responses import FileResponse, StreamingResponse
from fastapi.staticfiles import StaticFiles
from pydantic import BaseModel, ConfigDict, Field
from starlette.concurrency import run_in_threadpool

from aligner import InputFile, align_inputs, edit, realign
from aligner.api import app_version
from aligner.errors import LanguageError
from aligner.model import Bead, Document, Level, Person
from aligner.service import problems
from aligner.service.limits import BodyLimit, BodyLimits
from aligner.service.preconditions import etag, expected_revision
from aligner.service.problems import Problem
from aligner.service.security import Access, AccessGuard, load_token
from aligner.service.store import DocumentSummary, Store, inputs_key
from exports import FORMATS, REVIEW_BELOW, ExportOptions, render
from languages.numbers import Number, read_numbers
from languages.translit import to_latin

__all__ = ["create_app"]

STATIC = Path(__file__).parent / "static"
TEI_MEDIA_TYPE = FORMATS["tei"].media_type
_LANG_CODE = re.compile(r"^[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{2,8})*$")
_ZIP_MAGIC = b"PK\x03\x04"
_CHUNK = 64 * 1024


# -- request and response shapes (they also make /docs readable) -------------------------


class _Op(BaseModel):
    model_config = ConfigDict(extra="forbid")
    bead: str = Field(description="id of the bead, e.g. al.p3", max_length=40)
    level: Level = "paragraph"


class MergeOp(_Op):
    """Merge the bead with the next one."""

    op: Literal["merge"]


class SplitOp(_Op):
    """Split the bead: from ``at`` on, the language's items go to a new bead."""

    op: Literal["split"]
    lang: str | None = Field(None, description="with a single split point in `at`")
    at: str | dict[str, str] = Field(description="an item id, or language -> item id")


class MoveOp(_Op):
    """Move the first item of a language to the previous bead, or the last to the next."""

    op: Literal["move"]
    lang: str
    direction: Literal["prev", "next"]


class UnalignOp(_Op):
    """Take an item out of the bead as a bead of its own."""

    op: Literal["unalign"]
    item: str
    lang: str | None = None


class ConfirmOp(_Op):
    """Mark the bead as checked."""

    op: Literal["confirm"]


_AnyOp = MergeOp | SplitOp | MoveOp | UnalignOp | ConfirmOp
Operation = Annotated[_AnyOp, Field(discriminator="op")]

Operations = Annotated[list[Operation], Field(min_length=1, max_length=500)]


class Corrections(BaseModel):
    model_config = ConfigDict(extra="forbid")
    operations: Operations
    editor: str | None = Field(None, max_length=200)


class SentenceOut(BaseModel):
    id: str
    text: str


class BlockOut(BaseModel):
    id: str
    kind: str
    n: int
    text: str
    section: str
    speaker: str | None
    sentences: list[SentenceOut]


class VersionOut(BaseModel):
    lang: str
    title: str | None
    date: str | None
    original: bool
    filename: str | None
    blocks: list[BlockOut]


class BeadOut(BaseModel):
    id: str
    members: dict[str, list[str]]
    cert: float
    status: str
    resp: str


class ChangeOut(BaseModel):
    n: int
    when: str
    who: str
    text: str


class PersonOut(BaseModel):
    id: str
    name: str


class DocumentOut(BaseModel):
    id: str
    title: str
    languages: list[str]
    original: str | None
    created: str
    revision: int
    versions: list[VersionOut]
    paragraphs: list[BeadOut]
    sentences: list[BeadOut]
    changes: list[ChangeOut]
    editors: list[PersonOut]
    numbers_differ: dict[str, dict[str, list[tuple[int, int]]]] = Field(
        description="bead id -> item id -> [start, end) of each number in the item's text "
        "(in code points) that another language of the bead lacks"
    )


class SummaryOut(BaseModel):
    id: str
    title: str
    languages: list[str]
    created: str
    revision: int
    href: str


class FormatOut(BaseModel):
    name: str = Field(description="what ?to= takes")
    label: str
    media_type: str
    suffix: str = Field(description="of the file, without the dot")
    heavy: bool = Field(description="takes tenths of a second or more")
    options: list[str] = Field(description="the export parameters it reads")


class ExportsOut(BaseModel):
    formats: list[FormatOut]
    review_below: float = Field(description="beads the aligner scored below this are flagged")


class RevisionOut(BaseModel):
    n: int
    when: str
    who: str
    summary: str
    sha256: str


# -- the application ---------------------------------------------------------------------


def create_app(
    store_dir: Path,
    *,
    max_upload_bytes: int = 20 * 2**20,
    max_files: int = 12,
    access: Access | None = None,
) -> FastAPI:
    """Build the service over the documents kept in ``store_dir``.

    ``access`` says who may use it (:mod:`aligner.service.security`); the default is a
    service on loopback with the store's API token, optional.
    """
    store = Store(Path(store_dir))
    store.recover()
    if access is None:
        access = Access(token=load_token(store.root)[0])
    # Aligning and rendering are CPU-bound and hold the GIL: running more of them at once
    # than there are cores only multiplies memory (each holds its matrices) and latency.
    heavy = threading.BoundedSemaphore(max(1, os.cpu_count() or 1))
    app = FastAPI(
        title="aligner",
        summary="Align language versions of a document, correct the alignment, export it.",
        version=app_version(),
    )
    problems.install(app)
    # headroom for the multipart framing and the form fields
    limits = BodyLimits(upload=max_files * max_upload_bytes + 2**20)
    app.add_middleware(BodyLimit, limits=limits)
    app.add_middleware(AccessGuard, access=access)  # outermost: it hardens every answer
    app.mount("/static", StaticFiles(directory=STATIC), name="static")

    @app.get("/", include_in_schema=False)
    def page() -> FileResponse:
        return FileResponse(STATIC / "index.html", media_type="text/html; charset=utf-8")

    @app.get("/problems/{kind}", tags=["meta"], summary="Describe a problem type")
    def problem_type(kind: str) -> dict[str, Any]:
        found = problems.KINDS.get(kind)
        if found is None:
            raise Problem("not-found", f"there is no problem type {kind!r}")
        return {
            "type": f"/problems/{kind}",
            "title": found.title,
            "status": found.status,
            "description": found.description,
        }

    @app.get("/exports", response_model=ExportsOut, tags=["meta"],
             summary="Export formats and the confidence below which beads are flagged")  # fmt: skip
    def exports_offered() -> dict[str, Any]:
        return {
            "formats": [dataclasses.asdict(f) for f in FORMATS.values()],
            "review_below": REVIEW_BELOW,
        }

    @app.post(
        "/documents",
        status_code=201,
        response_model=SummaryOut,
        tags=["documents"],
        summary="Upload the language versions of a document and align them",
        responses={200: {"description": "The same files were uploaded before"}},
    )
    async def upload(
        response: Response,
        files: Annotated[list[UploadFile], File(description="one file per language")],
        lang: Annotated[list[str] | None, Form(description="language of each file")] = None,
        langs: Annotated[str | None, Form(description="or: languages as de,en,...")] = None,
    ) -> dict[str, Any]:
        if len(files) > max_files:
            raise Problem("too-many-files", f"{len(files)} files; at most {max_files} at once")
        codes = _languages(lang, langs, len(files))
        inputs = []
        for upload_file, code in zip(files, codes, strict=True):
            name = _filename(upload_file.filename)
            data = await upload_file.read(max_upload_bytes + 1)
            if len(data) > max_upload_bytes:
                raise Problem(
                    "too-large",
                    f"{name} is over the limit of {max_upload_bytes} bytes",
                    {"file": name},
                )
            _sniff_text(name, data)
            inputs.append(InputFile(data=data, filename=name, lang=code))
        key = inputs_key([(f.lang or f"file:{f.filename}", f.data) for f in inputs])

        def build() -> Document:
            with heavy:
                return align_inputs(inputs)

        doc_id, created = await run_in_threadpool(store.create, key, build, "app-aligner")
        summary = store.summary(doc_id)
        response.status_code = 201 if created else 200
        response.headers["Location"] = f"/documents/{doc_id}"
        response.headers["ETag"] = etag(summary.revision)
        return _summary_json(summary)

    @app.get("/documents", response_model=list[SummaryOut], tags=["documents"],
             summary="List the stored documents, newest first")  # fmt: skip
    def list_documents() -> list[dict[str, Any]]:
        return [_summary_json(s) for s in store.summaries()]

    @app.get("/documents/{doc_id}", response_model=DocumentOut, tags=["documents"],
             summary="The document: versions, paragraph and sentence beads")  # fmt: skip
    def get_document(
        doc_id: str,
        response: Response,
        rev: Annotated[int | None, Query(ge=1)] = None,
    ) -> dict[str, Any]:
        document, _data, n = store.load(doc_id, rev)
        response.headers["ETag"] = etag(n)
        return _document_json(doc_id, document, n)

    @app.get("/documents/{doc_id}/revisions", response_model=list[RevisionOut],
             tags=["documents"], summary="Every stored revision")  # fmt: skip
    def revisions(doc_id: str) -> list[dict[str, Any]]:
        return [r.__dict__ for r in store.summary(doc_id).revisions]

    @app.get(
        "/documents/{doc_id}/tei",
        tags=["documents"],
        summary="The stored TEI (the current revision, or ?rev=N)",
        response_class=Response,
        responses={200: {"content": {TEI_MEDIA_TYPE: {}}}},
    )
    def get_tei(
        doc_id: str,
        rev: Annotated[int | None, Query(ge=1)] = None,
        download: bool = False,
    ) -> Response:
        data, n = store.tei(doc_id, rev)
        headers = {"ETag": etag(n)}
        if download:
            document, _d, _n = store.load(doc_id, n)
            headers["Content-Disposition"] = _disposition(document, "xml", "")
        return Response(data, media_type=TEI_MEDIA_TYPE, headers=headers)

    @app.get(
        "/documents/{doc_id}/export",
        tags=["documents"],
        summary="Export as " + ", ".join(f.label for f in FORMATS.values()),
        response_class=StreamingResponse,
    )
    def export(
        doc_id: str,
        to: Annotated[str, Query(description=" ".join(FORMATS))],
        langs: Annotated[str | None, Query(description="e.g. ru,en (default: all)")] = None,
        level: Level = "paragraph",
        locale: Annotated[str, Query(max_length=20)] = "en",
        page_size: Literal["A4", "Letter"] = "A4",
        pair: Annotated[str | None, Query(description="TMX: two languages, e.g. de,en")] = None,
        source: Annotated[str | None, Query(description="XLIFF: source language")] = None,
        flags: bool = True,
        rev: Annotated[int | None, Query(ge=1)] = None,
    ) -> StreamingResponse:
        spec = FORMATS.get(to)
        if spec is None:
            raise Problem(
                "invalid-request",
                f"unknown export format {to!r}; choose one of {', '.join(FORMATS)}",
            )
        document, data, n = store.load(doc_id, rev)
        chosen = _split_langs(langs)
        pair_langs = _split_langs(pair)
        if pair_langs is not None and len(pair_langs) != 2:
            raise Problem("invalid-request", "pair takes two languages, e.g. de,en")
        if to == "tei" and chosen is None:
            outputs = [(data, spec.media_type, spec.suffix, "")]
        else:
            options = ExportOptions(
                langs=chosen,
                level=level,
                locale=locale,
                page_size=page_size,
                flags=flags,
                pair=(pair_langs[0], pair_langs[1]) if pair_langs else None,
                source=source,
            )
            with heavy if spec.heavy else contextlib.nullcontext():
                rendered = render([document], to, options)
            outputs = [(o.data, o.media_type, o.extension, o.suffix) for o in rendered.outputs]
        if len(outputs) == 1:
            body, media_type, extension, suffix = outputs[0]
        else:
            body = _zip(document, outputs)
            media_type, extension, suffix = "application/zip", "zip", to
        headers = {
            "Content-Disposition": _disposition(document, extension, suffix),
            "Content-Length": str(len(body)),
            "ETag": etag(n),
        }
        return StreamingResponse(_chunks(body), media_type=media_type, headers=headers)

    @app.delete("/documents/{doc_id}", status_code=204, tags=["documents"],
                summary="Delete the document and all its revisions")  # fmt: skip
    def delete(doc_id: str) -> Response:
        store.delete(doc_id)
        return Response(status_code=204)

    @app.post("/documents/{doc_id}/realign", response_model=DocumentOut, tags=["alignment"],
              summary="Align again, keeping the beads a person corrected")  # fmt: skip
    def post_realign(
        doc_id: str,
        response: Response,
        if_match: Annotated[str | None, Header()] = None,
    ) -> dict[str, Any]:
        expected = expected_revision(if_match, required=False)

        def again(document: Document) -> Document:
            with heavy:
                return realign(document)

        document, n = store.update(
            doc_id, again, expected=expected, who="app-aligner", summary="Re-aligned."
        )
        response.headers["ETag"] = etag(n)
        return _document_json(doc_id, document, n)

    @app.patch(
        "/documents/{doc_id}/alignment",
        response_model=DocumentOut,
        tags=["alignment"],
        summary="Correct the alignment: merge, split, move, unalign, confirm",
        responses={
            412: {"description": "If-Match names an older revision"},
            428: {"description": "If-Match is missing"},
        },
    )
    def patch_alignment(
        doc_id: str,
        response: Response,
        body: Annotated[Operations | Corrections, Body()],
        if_match: Annotated[str | None, Header()] = None,
        x_editor: Annotated[str | None, Header(description="editor's name, %-encoded")] = None,
    ) -> dict[str, Any]:
        store.summary(doc_id)  # an unknown id is a 404 before anything else
        expected = expected_revision(if_match, required=True)
        operations = body.operations if isinstance(body, Corrections) else body
        name = body.editor if isinstance(body, Corrections) and body.editor else None
        if name is None and x_editor:
            name = urllib.parse.unquote(x_editor)
        if not name:
            raise Problem(
                "invalid-request", "say who is correcting: an 'editor' field or X-Editor header"
            )
        person = edit.editor(name)

        def correct(document: Document) -> Document:
            for i, op in enumerate(operations):
                try:
                    document = _apply(document, op, person)
                except edit.EditError as exc:
                    raise Problem(
                        "invalid-operation",
                        f"operation {i + 1} ({op.op}): {exc.message}",
                        {"operation": i, "bead": op.bead},
                    ) from None
            return document

        document, n = store.update(doc_id, correct, expected=expected, who=person.id)
        response.headers["ETag"] = etag(n)
        return _document_json(doc_id, document, n)

    return app


# -- helpers -----------------------------------------------------------------------------


def _apply(document: Document, op: _AnyOp, person: Person) -> Document:
    if isinstance(op, MergeOp):
        return edit.merge(document, op.bead, editor=person, level=op.level)
    if isinstance(op, SplitOp):
        if isinstance(op.at, dict):
            at = op.at
        elif op.lang:
            at = {op.lang: op.at}
        else:
            at = {op.at.split(".", 1)[0]: op.at}  # ids start with their language
        return edit.split(document, op.bead, at, editor=person, level=op.level)
    if isinstance(op, MoveOp):
        return edit.move(document, op.bead, op.lang, op.direction, editor=person, level=op.level)
    if isinstance(op, UnalignOp):
        if op.lang and not op.item.startswith(f"{op.lang}."):
            raise edit.EditError(f"{op.item} is not a {op.lang} item", bead=op.bead)
        return edit.unalign(document, op.bead, op.item, editor=person, level=op.level)
    return edit.confirm(document, op.bead, editor=person, level=op.level)


def _languages(lang: list[str] | None, langs: str | None, count: int) -> list[str | None]:
    """Return one language code (or None: guess it) per uploaded file."""
    given: list[str] | None = None
    if lang:
        given = [x.strip() for x in lang]
    elif langs:
        given = [x.strip() for x in langs.split(",")]
    if given is None:
        return [None] * count
    if len(given) != count:
        raise Problem(
            "bad-language", f"{len(given)} languages for {count} files: give one per file"
        )
    result: list[str | None] = []
    for code in given:
        if not code:
            result.append(None)
            continue
        if not _LANG_CODE.fullmatch(code) or not _known_locale(code):
            raise LanguageError(f"unknown language code {code!r}", lang=code)
        result.append(code.replace("_", "-").lower())
    return result


def _known_locale(code: str) -> bool:
    try:
        Locale.parse(code.replace("-", "_").split("_")[0])
    except (UnknownLocaleError, ValueError):
        return False
    return True


def _split_langs(value: str | None) -> tuple[str, ...] | None:
    if value is None or not value.strip():
        return None
    return tuple(x.strip() for x in value.split(",") if x.strip())


def _filename(raw: str | None) -> str:
    """Return the upload's file name, refusing anything that looks like a path."""
    name = raw or "upload.txt"
    if (
        "/" in name
        or "\\" in name
        or name in (".", "..")
        or name.startswith(".")
        or len(name) > 255
        or any(unicodedata.category(ch) == "Cc" for ch in name)
    ):
        raise Problem("bad-filename", f"file name {name!r} is not a plain file name")
    return unicodedata.normalize("NFC", name)


def _sniff_text(name: str, data: bytes) -> None:
    """Refuse bytes that are plainly binary (images, executables) before parsing them.

    DOCX is a ZIP; UTF-16 text has zero bytes but starts with a byte order mark.
    """
    head = data[:4096]
    if not data.strip():
        return  # the aligner explains an empty file better
    if head.startswith(_ZIP_MAGIC) or head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return
    if b"\x00" in head:
        raise Problem("not-text", f"{name} is a binary file, not text", {"file": name})


def _summary_json(summary: DocumentSummary) -> dict[str, Any]:
    return {
        "id": summary.id,
        "title": summary.title,
        "languages": list(summary.languages),
        "created": summary.created,
        "revision": summary.revision,
        "href": f"/documents/{summary.id}",
    }


def _bead_json(bead: Bead) -> dict[str, Any]:
    return {
        "id": bead.id,
        "members": {lang: list(ids) for lang, ids in bead.members.items() if ids},
        "cert": bead.cert,
        "status": bead.status,
        "resp": bead.resp,
    }


def _document_json(doc_id: str, document: Document, revision: int) -> dict[str, Any]:
    return {
        "id": doc_id,
        "title": document.title(),
        "languages": list(document.langs),
        "original": document.original,
        "created": document.created,
        "revision": revision,
        "versions": [
            {
                "lang": v.lang,
                "title": v.title,
                "date": v.date,
                "original": v.original,
                "filename": v.source.filename,
                "blocks": [
                    {
                        "id": b.id,
                        "kind": b.kind,
                        "n": b.n,
                        "text": b.text,
                        "section": b.section,
                        "speaker": b.turn.speaker if b.turn else None,
                        "sentences": [{"id": s.id, "text": s.text} for s in b.sentences],
                    }
                    for b in v.blocks
                ],
            }
            for v in document.versions
        ],
        "paragraphs": [_bead_json(b) for b in document.paragraphs.beads],
        "sentences": [_bead_json(b) for b in document.sentences.beads],
        "changes": [c.__dict__ for c in document.changes],
        "editors": [{"id": p.id, "name": p.name} for p in document.editors],
        "numbers_differ": _numbers_differ(document),
    }


def _numbers_differ(document: Document) -> dict[str, dict[str, list[tuple[int, int]]]]:
    """Map each bead to where its items hold a number another language of the bead lacks.

    Numbers are read as the exports read them (12,5 and 12.5 are one number), so the page
    marks the numbers of the beads a download flags.
    """
    found: dict[str, list[Number]] = {}
    for version in document.versions:
        for block in version.blocks:
            found[block.id] = read_numbers(block.text, lang=version.lang)
            for sentence in block.sentences:
                found[sentence.id] = read_numbers(sentence.text, lang=version.lang)
    marks: dict[str, dict[str, list[tuple[int, int]]]] = {}
    for bead in (*document.paragraphs.beads, *document.sentences.beads):
        values = [{n.value for i in bead.ids(lang) for n in found[i]} for lang in bead.langs]
        if len(values) < 2:
            continue
        everywhere = set.intersection(*values)
        spans = {
            item: [(n.start, n.end) for n in found[item] if n.value not in everywhere]
            for lang in bead.langs
            for item in bead.ids(lang)
        }
        if any(spans.values()):
            marks[bead.id] = {item: where for item, where in spans.items() if where}
    return marks


def _file_stem(document: Document) -> tuple[str, str]:
    """Return the file name stem in ASCII and as the title reads, for Content-Disposition."""
    title = " ".join(document.title().split())[:80] or document.id
    readable = re.sub(r'[\\/:*?"<>|\x00-\x1f]+', " ", title).strip() or document.id
    ascii_stem = re.sub(r"[^a-z0-9]+", "-", to_latin(readable)).strip("-")[:80]
    return ascii_stem or "document", readable


def _disposition(document: Document, extension: str, suffix: str) -> str:
    """Return an RFC 6266 attachment header with an ASCII name and the UTF-8 one."""
    ascii_stem, readable = _file_stem(document)
    tail = f".{suffix}" if suffix else ""
    fallback = f"{ascii_stem}{tail}.{extension}"
    full = f"{readable}{tail}.{extension}"
    return f"attachment; filename=\"{fallback}\"; filename*=UTF-8''{urllib.parse.quote(full)}"


def _zip(document: Document, outputs: Sequence[tuple[bytes, str, str, str]]) -> bytes:
    """Pack several export files into one ZIP, with fixed dates so it is reproducible."""
    ascii_stem, _readable = _file_stem(document)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for data, _media, extension, suffix in outputs:
            tail = f".{suffix}" if suffix else ""
            info = zipfile.ZipInfo(f"{ascii_stem}{tail}.{extension}", (2000, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, data)
    return buffer.getvalue()


def _chunks(data: bytes) -> Iterator[bytes]:
    for start in range(0, len(data), _CHUNK):
        yield data[start : start + _CHUNK]
