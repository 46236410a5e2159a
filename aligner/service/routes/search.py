"""``GET /search``: every paragraph and sentence of the stored documents, in every language.

The service keeps an archive index (:mod:`aligner.archive.index`) beside its documents, in
``<store>/.search.sqlite``. Before each search the index catches up with the store: a
document whose current revision's sha256 differs from the one indexed is filed again, one
deleted is forgotten. The TEI files stay the truth; the index can be deleted at any time.
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Annotated, Any

from fastapi import APIRouter, Query

from aligner.archive.index import Index, IndexedDocument, QueryError
from aligner.service.deps import StoreDep
from aligner.service.problems import Problem
from aligner.service.schemas import HitOut
from aligner.service.store import Store

__all__ = ["router"]

router = APIRouter()

_indexes: dict[Path, tuple[Index, threading.Lock]] = {}
_indexes_guard = threading.Lock()


@router.get(
    "/search",
    response_model=list[HitOut],
    tags=["search"],
    summary="Search every paragraph and sentence of every document",
    description=(
        'All words must occur; `"a phrase"` keeps its order; `word*` is a prefix; '
        "`a OR b`; `-word` excludes. Case, accents, ё/е and ß/ss are folded. Each hit "
        "is a bead: the text found and its counterparts in the other languages."
    ),
)
def search(
    store: StoreDep,
    q: Annotated[str, Query(min_length=1, max_length=500, description="the query")],
    lang: Annotated[
        str | None, Query(max_length=100, description="match only in these, e.g. ru,en")
    ] = None,
    limit: Annotated[int, Query(ge=1, le=200)] = 20,
) -> list[dict[str, Any]]:
    langs = [code.strip() for code in (lang or "").split(",") if code.strip()]
    index, guard = _index(store)
    with guard:  # one connection: one search or catch-up at a time
        _catch_up(index, store)
        try:
            hits = index.search(q, langs=langs, limit=limit)
        except QueryError as exc:
            raise Problem("invalid-request", exc.message) from None
    return [
        {
            "doc": hit.doc,
            "title": hit.title,
            "date": hit.date,
            "level": hit.level,
            "bead": hit.bead,
            "lang": hit.lang,
            "unit": hit.unit,
            "text": hit.text,
            "counterparts": [{"lang": c, "text": t} for c, t in hit.counterparts],
        }
        for hit in hits
    ]


def _index(store: Store) -> tuple[Index, threading.Lock]:
    with _indexes_guard:
        if store.root not in _indexes:
            _indexes[store.root] = (Index(store.root / ".search.sqlite"), threading.Lock())
        return _indexes[store.root]


def _catch_up(index: Index, store: Store) -> None:
    """File what changed in the store since the index last looked."""
    current = {summary.id: summary for summary in store.summaries()}
    indexed = {entry.id: entry for entry in index.documents()}
    stale = [
        summary
        for doc_id, summary in current.items()
        if doc_id not in indexed or indexed[doc_id].sha256 != summary.revisions[-1].sha256
    ]
    gone = indexed.keys() - current.keys()
    if not stale and not gone:
        return
    with index.transaction():
        for doc_id in gone:
            index.remove(doc_id)
        for summary in stale:
            document, _, n = store.load(summary.id)
            entry = IndexedDocument(
                summary.id, f"{summary.id}/{n}.xml", summary.revisions[-1].sha256, summary.inputs
            )
            index.put(document, entry)
