"""Correct an alignment by hand, or align it again."""

from __future__ import annotations

import urllib.parse
from typing import Annotated

from fastapi import APIRouter, Body, Header, Response

from aligner import edit
from aligner.api import realign
from aligner.model import Document
from aligner.service.deps import Heavy, StoreDep, ViewersDep
from aligner.service.preconditions import etag, expected_revision
from aligner.service.problems import Problem
from aligner.service.schemas import Corrections, DocumentOut, Operations, operation

__all__ = ["router"]

router = APIRouter(prefix="/documents/{doc_id}", tags=["alignment"])


@router.post("/realign", response_model=DocumentOut,
             summary="Align again, keeping the beads a person corrected")  # fmt: skip
def post_realign(
    doc_id: str,
    response: Response,
    store: StoreDep,
    heavy: Heavy,
    if_match: Annotated[str | None, Header()] = None,
) -> DocumentOut:
    expected = expected_revision(if_match, required=False)

    def again(document: Document) -> Document:
        with heavy:
            return realign(document)

    document, n = store.update(
        doc_id, again, expected=expected, who="app-aligner", summary="Re-aligned."
    )
    response.headers["ETag"] = etag(n)
    return DocumentOut.of(doc_id, document, n)


@router.post(
    "/warm",
    status_code=204,
    summary="Keep what corrections of this document need loaded while a page shows it",
)
def post_warm(doc_id: str, store: StoreDep, viewers: ViewersDep) -> Response:
    """Say a page shows the document; load its encoder and the vectors of its texts.

    The page says so when it opens a document and every 20 seconds while it shows it; for
    a minute after each word nothing the correction needs is let go when the service idles.
    """
    document, _, _ = store.load(doc_id)
    viewers.touch(doc_id)
    edit.prepare(document)
    return Response(status_code=204)


@router.patch(
    "/alignment",
    response_model=DocumentOut,
    summary="Correct the alignment: " + ", ".join(edit.OPERATIONS),
    responses={
        412: {"description": "If-Match names an older revision"},
        428: {"description": "If-Match is missing"},
    },
)
def patch_alignment(
    doc_id: str,
    response: Response,
    store: StoreDep,
    body: Annotated[Operations | Corrections, Body()],
    if_match: Annotated[str | None, Header()] = None,
    x_editor: Annotated[str | None, Header(description="editor's name, %-encoded")] = None,
) -> DocumentOut:
    store.summary(doc_id)  # an unknown id is a 404 before anything else
    expected = expected_revision(if_match, required=True)
    requests = body.operations if isinstance(body, Corrections) else body
    name = body.editor if isinstance(body, Corrections) and body.editor else None
    if name is None and x_editor:
        name = urllib.parse.unquote(x_editor)
    if not name:
        raise Problem(
            "invalid-request", "say who is correcting: an 'editor' field or X-Editor header"
        )
    person = edit.editor(name)
    operations = [operation(request) for request in requests]

    def correct(document: Document) -> Document:
        for i, op in enumerate(operations):
            try:
                document = op.apply(document, editor=person)
            except edit.EditError as exc:
                raise Problem(
                    "invalid-operation",
                    f"operation {i + 1} ({op.name}): {exc.message}",
                    {"operation": i, "bead": op.bead},
                ) from None
        return document

    document, n = store.update(doc_id, correct, expected=expected, who=person.id)
    response.headers["ETag"] = etag(n)
    return DocumentOut.of(doc_id, document, n)
