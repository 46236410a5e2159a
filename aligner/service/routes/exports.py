"""Downloads in every registered export format."""

from __future__ import annotations

import contextlib
from typing import Annotated, Literal

from fastapi import APIRouter, Query
from fastapi.responses import StreamingResponse

from aligner.model import Level
from aligner.service.deps import Heavy, ReviewBelow, StoreDep
from aligner.service.downloads import chunks, disposition, zip_outputs
from aligner.service.preconditions import etag
from aligner.service.problems import Problem
from aligner.service.schemas import split_langs
from exports import FORMATS, ExportOptions, render

__all__ = ["router"]

router = APIRouter(tags=["documents"])


@router.get(
    "/documents/{doc_id}/export",
    summary="Export as " + ", ".join(f.label for f in FORMATS.values()),
    response_class=StreamingResponse,
)
def export(
    doc_id: str,
    store: StoreDep,
    heavy: Heavy,
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
    document, data, n = store.load(doc_id, rev)
    chosen = split_langs(langs)
    pair_langs = split_langs(pair)
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
            review_below=review_below,
        )
        with heavy if spec.heavy else contextlib.nullcontext():
            rendered = render([document], to, options)
        outputs = [(o.data, o.media_type, o.extension, o.suffix) for o in rendered.outputs]
    if len(outputs) == 1:
        body, media_type, extension, suffix = outputs[0]
    else:
        body = zip_outputs(document, outputs)
        media_type, extension, suffix = "application/zip", "zip", to
    headers = {
        "Content-Disposition": disposition(document, extension, suffix),
        "Content-Length": str(len(body)),
        "ETag": etag(n),
    }
    return StreamingResponse(chunks(body), media_type=media_type, headers=headers)
