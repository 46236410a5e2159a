"""``GET /search``: every paragraph and sentence of the stored documents, in every language.

The service's store keeps its search index in ``<store>/.search.sqlite``; it catches up
with the store before each search (see :mod:`aligner.store`).
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query

from aligner.index import QueryError
from aligner.service.deps import StoreDep
from aligner.service.problems import Problem
from aligner.service.schemas import HitOut

__all__ = ["router"]

router = APIRouter()


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
    try:
        hits = store.search(q, langs=langs, limit=limit)
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
