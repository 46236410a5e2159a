"""The page and what it reads about the service: problem types, formats, operations and
languages."""

from __future__ import annotations

import dataclasses
import pathlib
from typing import Annotated, Any

from fastapi import APIRouter, Path, Query
from fastapi.responses import FileResponse

from aligner import edit
from aligner.readers import lang_from_filename
from aligner.service import problems
from aligner.service.deps import ReviewBelow
from aligner.service.problems import Problem
from aligner.service.schemas import ExportsOut, FormatOut, LanguageOut, OperationOut
from exports import FORMATS
from languages.profiles import profile, profiled_languages

__all__ = ["STATIC", "router"]

STATIC = pathlib.Path(__file__).parent.parent / "static"

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
def exports_offered(review_below: ReviewBelow) -> dict[str, Any]:
    return {
        "formats": [FormatOut.of(f) for f in FORMATS.values()],
        "review_below": review_below,
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


@router.get("/languages", response_model=list[LanguageOut], tags=["meta"],
            summary="The languages with their own data file")  # fmt: skip
def languages_profiled() -> list[LanguageOut]:
    return [LanguageOut.of(profile(code)) for code in profiled_languages()]


# before /languages/{code}: "guess" is not a language
@router.get("/languages/guess", response_model=LanguageOut | None, tags=["meta"],
            summary="The language a file name carries, read as uploads read it")  # fmt: skip
def language_of_file(
    filename: Annotated[str, Query(max_length=255, description="e.g. press.de.txt")],
) -> LanguageOut | None:
    code = lang_from_filename(filename)
    return LanguageOut.of(profile(code)) if code else None


@router.get("/languages/{code}", response_model=LanguageOut, tags=["meta"],
            summary="Name a language code an upload may give")  # fmt: skip
def language(code: Annotated[str, Path(max_length=35)]) -> LanguageOut:
    return LanguageOut.of(profile(code))  # an unknown code is a bad-language problem
