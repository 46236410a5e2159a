"""Downloads in every registered export format."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Literal

from fastapi import APIRouter, Query, Request
from fastapi.responses import StreamingResponse
from starlette.concurrency import run_in_threadpool

from aligner.model import Level
from aligner.service import _jobs
from aligner.service._jobs import Download
from aligner.service.deps import ReviewBelow, StoreDep, WorkersDep
from aligner.service.downloads import chunks, titled_disposition
from aligner.service.preconditions import etag
from aligner.service.problems import Problem
from aligner.service.schemas import split_langs
from aligner.service.workers import Workers
from aligner.store import Store
from exports import FORMATS, ExportOptions

__all__ = ["router"]

router = APIRouter(tags=["documents"])

# A light format (TMX, XLIFF, CSV) of a revision up to this size takes some tens of
# milliseconds: it is rendered in the service (one at a time), where a worker would cost more.
_IN_PROCESS_BYTES = 64 * 2**10
# ... up to this size, seconds at most: it is rendered in the workers' light lane; anything
# larger, or heavier, waits its turn with the uploads in the heavy lane.
_LIGHT_LANE_BYTES = 8 * 2**20


@router.get(
    "/documents/{doc_id}/export",
    summary="Export as " + ", ".join(f.label for f in FORMATS.values()),
    response_class=StreamingResponse,
)
async def export(
    request: Request,
    doc_id: str,
    store: StoreDep,
    workers: WorkersDep,
    review_below: ReviewBelow,
    to: Annotated[str, Query(description=" ".join(FORMATS))],
    langs: Annotated[str | None, Query(description="e.g. ru,en (default: all)")] = None,
    level: Annotated[
        Level | None, Query(description="default: sentence for tmx and xliff, else paragraph")
    ] = None,
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
    path, n = await run_in_threadpool(store.revision_path, doc_id, rev)
    chosen = split_langs(langs)
    pair_langs = split_langs(pair)
    if pair_langs is not None and len(pair_langs) != 2:
        raise Problem("invalid-request", "pair takes two languages, e.g. de,en")
    if to == "tei" and chosen is None:
        # the stored file as it is: nothing to parse or render
        body = await run_in_threadpool(path.read_bytes)
        title = store.summary(doc_id).title
        media_type = spec.media_type
        attachment = titled_disposition(title, doc_id, spec.suffix, "")
    else:
        options = ExportOptions(
            langs=chosen,
            level=level,
            locale=locale,
            page_size=page_size,
            flags=flags,
            pair=(pair_langs[0], pair_langs[1]) if pair_langs else None,
            source=source,
            review_below=review_below,
        )
        download = await _rendered(request, store, workers, doc_id, (path, n), to, options)
        body, media_type, attachment = download.body, download.media_type, download.disposition
    headers = {
        "Content-Disposition": attachment,
        "Content-Length": str(len(body)),
        "ETag": etag(n),
    }
    return StreamingResponse(chunks(body), media_type=media_type, headers=headers)


async def _rendered(
    request: Request,
    store: Store,
    workers: Workers,
    doc_id: str,
    revision: tuple[Path, int],
    to: str,
    options: ExportOptions,
) -> Download:
    """Render a revision (its file and number) of document ``doc_id`` in format ``to``: a
    small light one in the service, the rest in a worker process's light or heavy lane."""
    path, n = revision
    heavy = FORMATS[to].heavy
    size = path.stat().st_size
    if not heavy and size <= _IN_PROCESS_BYTES:
        document, _n = await run_in_threadpool(store.document, doc_id, n)
        here: Download = await workers.here(_jobs.export_document, document, to, options)
        return here
    # parsed and rendered in a worker process, within the service's limits; the same
    # export of the same revision asked for meanwhile joins it
    worked: Download = await workers.run(
        _jobs.export_revision,
        str(path),
        f"{doc_id}/{n}.xml",
        to,
        options,
        key=("export", doc_id, n, to, options),
        left=request.is_disconnected,
        lane="light" if not heavy and size <= _LIGHT_LANE_BYTES else "heavy",
    )
    return worked
