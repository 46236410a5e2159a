"""Correct an alignment by hand, or align it again."""

from __future__ import annotations

import functools
import urllib.parse
from dataclasses import replace
from typing import Annotated, Literal

from fastapi import APIRouter, Body, Header, Request, Response
from starlette.concurrency import run_in_threadpool

from aligner import edit
from aligner._clock import utc_now
from aligner.model import Change, Document
from aligner.service import _jobs, history
from aligner.service.deps import StoreDep, ViewersDep, WorkersDep
from aligner.service.preconditions import etag, expected_revision
from aligner.service.problems import Problem
from aligner.service.schemas import Corrections, DocumentOut, Operations, operation
from aligner.store import Stale

__all__ = ["router"]

router = APIRouter(prefix="/documents/{doc_id}", tags=["alignment"])


@router.post("/realign", response_model=DocumentOut,
             summary="Align again, keeping the beads a person corrected")  # fmt: skip
async def post_realign(
    request: Request,
    doc_id: str,
    response: Response,
    store: StoreDep,
    workers: WorkersDep,
    if_match: Annotated[str | None, Header()] = None,
) -> DocumentOut:
    expected = expected_revision(if_match, required=False)
    path, seen = await run_in_threadpool(store.revision_path, doc_id)
    if expected is not None and expected != seen:
        raise Stale(f"document {doc_id} is at revision {seen}, not {expected}", current=seen)
    # aligned in a worker process; stored only if nobody saved meanwhile
    aligned: Document = await workers.run(
        _jobs.realign_revision,
        str(path),
        f"{doc_id}/{seen}.xml",
        key=("realign", doc_id, seen),
        left=request.is_disconnected,
    )
    document, n = await run_in_threadpool(
        functools.partial(
            store.update,
            doc_id,
            lambda _current: aligned,
            expected=seen,
            who="app-aligner",
            summary="Re-aligned.",
        )
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


@router.post(
    "/undo",
    response_model=DocumentOut,
    summary="Undo the last correction (a new revision holds the document as it was before)",
    responses={409: {"description": "Nothing left to undo"}},
)
def post_undo(
    doc_id: str,
    response: Response,
    store: StoreDep,
    if_match: Annotated[str | None, Header()] = None,
    x_editor: Annotated[str | None, Header(description="editor's name, %-encoded")] = None,
) -> DocumentOut:
    return _step(doc_id, "undo", response, store, if_match, x_editor)


@router.post(
    "/redo",
    response_model=DocumentOut,
    summary="Redo the correction undone last (a new revision holds what it made)",
    responses={409: {"description": "Nothing left to redo"}},
)
def post_redo(
    doc_id: str,
    response: Response,
    store: StoreDep,
    if_match: Annotated[str | None, Header()] = None,
    x_editor: Annotated[str | None, Header(description="editor's name, %-encoded")] = None,
) -> DocumentOut:
    return _step(doc_id, "redo", response, store, if_match, x_editor)


def _step(
    doc_id: str,
    action: Literal["undo", "redo"],
    response: Response,
    store: StoreDep,
    if_match: str | None,
    x_editor: str | None,
) -> DocumentOut:
    """Store again the document as a revision before (undo) or after (redo) a correction."""
    summary = store.summary(doc_id)  # an unknown id is a 404 before anything else
    expected = expected_revision(if_match, required=True)
    step = history.plan([(r.n, r.summary) for r in summary.revisions], action)
    if step is None:
        raise Problem("nothing-to-undo", f"document {doc_id} has no correction to {action}")
    restored, _, _ = store.load(doc_id, step.restore)
    who = edit.editor(urllib.parse.unquote(x_editor)) if x_editor else None

    def back(current: Document) -> Document:
        n = max((c.n for c in current.changes), default=0) + 1
        by = who.id if who else "app-aligner"
        editors = current.editors
        if who is not None and all(p.id != who.id for p in editors):
            editors = (*editors, who)
        change = Change(when=utc_now(), who=by, text=step.summary, n=n)
        return replace(restored, changes=(*current.changes, change), editors=editors)

    document, n = store.update(
        doc_id,
        back,
        expected=expected,
        who=who.id if who else "app-aligner",
        summary=step.summary,
    )
    response.headers["ETag"] = etag(n)
    return DocumentOut.of(doc_id, document, n)
