"""Upload, list, read and delete documents."""

from __future__ import annotations

import hashlib
import unicodedata
from typing import Annotated, Any

from fastapi import APIRouter, File, Form, Query, Request, Response, UploadFile
from starlette.concurrency import run_in_threadpool

from aligner import ids
from aligner.api import InputFile, check_needs, stored_tei
from aligner.review import store_reviewed
from aligner.service import _jobs
from aligner.service.deps import Limits, ReviewBelow, StoreDep, WorkersDep
from aligner.service.downloads import titled_disposition
from aligner.service.preconditions import etag
from aligner.service.problems import Problem
from aligner.service.schemas import (
    DocumentOut,
    RevisionOut,
    SummaryOut,
    ViewOut,
    split_langs,
)
from aligner.store import DocumentSummary, Store
from exports import FORMATS, languages
from languages.profiles import profile

__all__ = ["router"]

TEI_MEDIA_TYPE = FORMATS["tei"].media_type
_ZIP_MAGIC = b"PK\x03\x04"

router = APIRouter(prefix="/documents", tags=["documents"])


@router.post(
    "",
    status_code=201,
    response_model=SummaryOut,
    summary="Upload the language versions of a document and align them",
    responses={200: {"description": "The same files were uploaded before"}},
)
async def upload(
    request: Request,
    response: Response,
    store: StoreDep,
    workers: WorkersDep,
    limits: Limits,
    files: Annotated[list[UploadFile], File(description="one file per language")],
    lang: Annotated[list[str] | None, Form(description="language of each file")] = None,
    langs: Annotated[str | None, Form(description="or: languages as de,en,...")] = None,
) -> SummaryOut:
    if len(files) > limits.max_files:
        raise Problem("too-many-files", f"{len(files)} files; at most {limits.max_files} at once")
    codes = _languages(lang, langs, len(files))
    inputs = await _read_files(files, codes, limits.max_upload_bytes)
    if stored_tei(inputs) is not None:
        # a reviewed TEI of a stored document is its next revision, not a new document
        upload = inputs[0]
        revised = await run_in_threadpool(
            store_reviewed, store, upload.data, path=upload.filename, who="app-aligner"
        )
        if revised is not None:
            return _stored(response, store, revised[0], 200)
    check_needs(inputs, memory_mb=limits.max_align_mb)  # refused before any work
    # a document is named by its sources' contents (as by the CLI and the archive)
    key = ids.sources_key(hashlib.sha256(f.data).hexdigest() for f in inputs)
    found = await run_in_threadpool(store.existing, key)
    if found is not None:
        _same_languages(store.summary(found), codes)
        return _stored(response, store, found, 200)
    if store.read_only:
        raise Problem("read-only", "the store is read-only: it serves reads, stores nothing")
    # aligned in a worker process, within the service's limits; the same upload sent
    # again while it is aligned joins it
    data, facts = await workers.run(
        _jobs.align_upload,
        inputs,
        store.id_for(key),
        key=("upload", key),
        left=request.is_disconnected,
    )
    doc_id, created = await run_in_threadpool(store.create_stored, key, data, facts, "app-aligner")
    return _stored(response, store, doc_id, 201 if created else 200)


async def _read_files(
    files: list[UploadFile], codes: list[str | None], max_bytes: int
) -> list[InputFile]:
    """Read the uploaded files, refusing one over ``max_bytes`` or one plainly binary."""
    inputs = []
    for upload_file, code in zip(files, codes, strict=True):
        name = _filename(upload_file.filename)
        data = await upload_file.read(max_bytes + 1)
        if len(data) > max_bytes:
            raise Problem(
                "too-large", f"{name} is over the limit of {max_bytes} bytes", {"file": name}
            )
        _sniff_text(name, data)
        inputs.append(InputFile(data=data, filename=name, lang=code))
    return inputs


def _stored(response: Response, store: Store, doc_id: str, status: int) -> SummaryOut:
    """Answer an upload with the summary of stored document ``doc_id``, where it lives and
    its revision."""
    summary = store.summary(doc_id)
    response.status_code = status
    response.headers["Location"] = f"/documents/{doc_id}"
    response.headers["ETag"] = etag(summary.revision)
    return SummaryOut.of(summary)


@router.get("", response_model=list[SummaryOut],
            summary="List the stored documents, newest first")  # fmt: skip
def list_documents(store: StoreDep) -> list[SummaryOut]:
    return [SummaryOut.of(s) for s in store.summaries()]


@router.get("/{doc_id}", response_model=DocumentOut,
            summary="The document: versions, paragraph and sentence beads")  # fmt: skip
def get_document(
    doc_id: str,
    response: Response,
    store: StoreDep,
    rev: Annotated[int | None, Query(ge=1)] = None,
) -> DocumentOut:
    document, n = store.document(doc_id, rev)
    response.headers["ETag"] = etag(n)
    return DocumentOut.of(doc_id, document, n)


@router.get("/{doc_id}/view", response_model=ViewOut,
            summary="What some languages see: their finest beads, what they lack")  # fmt: skip
def get_view(
    doc_id: str,
    response: Response,
    store: StoreDep,
    review_below: ReviewBelow,
    langs: Annotated[str | None, Query(description="e.g. de,fr (default: all)")] = None,
    rev: Annotated[int | None, Query(ge=1)] = None,
) -> ViewOut:
    document, n = store.document(doc_id, rev)
    response.headers["ETag"] = etag(n)
    chosen = languages([document], split_langs(langs))
    return ViewOut.of(document, chosen, review_below=review_below)


@router.get("/{doc_id}/revisions", response_model=list[RevisionOut],
            summary="Every stored revision")  # fmt: skip
def revisions(doc_id: str, store: StoreDep) -> list[dict[str, Any]]:
    return [r.__dict__ for r in store.summary(doc_id).revisions]


@router.get(
    "/{doc_id}/tei",
    summary="The stored TEI (the current revision, or ?rev=N)",
    response_class=Response,
    responses={200: {"content": {TEI_MEDIA_TYPE: {}}}},
)
def get_tei(
    doc_id: str,
    store: StoreDep,
    rev: Annotated[int | None, Query(ge=1)] = None,
    download: bool = False,
) -> Response:
    data, n = store.tei(doc_id, rev)
    headers = {"ETag": etag(n)}
    if download:
        title = store.summary(doc_id).title
        headers["Content-Disposition"] = titled_disposition(title, doc_id, "xml", "")
    return Response(data, media_type=TEI_MEDIA_TYPE, headers=headers)


@router.delete("/{doc_id}", status_code=204,
               summary="Delete the document and all its revisions")  # fmt: skip
def delete(doc_id: str, store: StoreDep) -> Response:
    store.delete(doc_id)
    return Response(status_code=204)


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
        result.append(profile(code).code)  # refuses a code no language profile answers for
    return result


def _same_languages(stored: DocumentSummary, codes: list[str | None]) -> None:
    """Refuse files stored already under other languages than the ones now declared."""
    declared = {c for c in codes if c is not None}
    if declared - set(stored.languages):
        raise Problem(
            "already-stored",
            f"these files are stored as {stored.id} in {', '.join(stored.languages)}, "
            f"not {', '.join(sorted(declared))}; delete that document to align them again",
            {"document": stored.id},
        )


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

    DOCX is a ZIP; a PDF has binary streams, its reader checks it; UTF-16 text has zero
    bytes but starts with a byte order mark.
    """
    head = data[:4096]
    if not data.strip():
        return  # the aligner explains an empty file better
    if head.startswith(_ZIP_MAGIC) or head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return
    if b"%PDF-" in head[:1024]:
        return
    if b"\x00" in head:
        raise Problem("not-text", f"{name} is a binary file, not text", {"file": name})
