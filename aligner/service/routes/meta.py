"""The page and what it reads about the service: problem types, formats, operations."""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Any

from fastapi import APIRouter
from fastapi.responses import FileResponse

from aligner import edit
from aligner.service import problems
from aligner.service.problems import Problem
from aligner.service.schemas import ExportsOut, OperationOut
from exports import FORMATS, REVIEW_BELOW

__all__ = ["STATIC", "router"]

STATIC = Path(__file__).parent.parent / "static"

router = APIRouter()


@router.get("/", include_in_schema=False)
def page() -> FileResponse:
    return FileResponse(STATIC / "index.html", media_type="text/html; charset=utf-8")


@router.get("/problems/{kind}", tags=["meta"], summary="Describe a problem type")
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


@router.get("/exports", response_model=ExportsOut, tags=["meta"],
            summary="Export formats and the confidence below which beads are flagged")  # fmt: skip
def exports_offered() -> dict[str, Any]:
    return {
        "formats": [dataclasses.asdict(f) for f in FORMATS.values()],
        "review_below": REVIEW_BELOW,
    }


@router.get("/operations", response_model=list[OperationOut], tags=["meta"],
            summary="The corrections PATCH /documents/{id}/alignment takes")  # fmt: skip
def operations_offered() -> list[dict[str, Any]]:
    return [
        {
            "op": name,
            "summary": (op.__doc__ or "").strip(),
            "params": [f.name for f in dataclasses.fields(op)],  # type: ignore[arg-type]
        }
        for name, op in edit.OPERATIONS.items()
    ]
