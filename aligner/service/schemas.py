"""The shapes of the service's requests and answers (they also make ``/docs`` readable).

The correction requests are built from the registry :data:`aligner.edit.OPERATIONS`: one
model per operation, told apart by ``op``; a new operation there is a new request here.
"""

from __future__ import annotations

import dataclasses
import typing
from collections.abc import Sequence
from typing import TYPE_CHECKING, Annotated, Any, Literal, Union

from pydantic import BaseModel, ConfigDict, Field, create_model

from aligner import edit
from aligner._display import plain
from aligner.flags import needs_review, numbers_off
from aligner.ids import stored_bead_id
from aligner.model import Bead, Block, Document, Version
from aligner.store import DocumentSummary
from aligner.views import Gap, Run, view
from exports import Format
from languages.numbers import Number, quantities
from languages.profiles import LanguageProfile, split_codes

__all__ = [
    "Corrections",
    "DocumentOut",
    "ExportsOut",
    "HitOut",
    "LanguageOut",
    "OperationOut",
    "Operations",
    "RevisionOut",
    "SummaryOut",
    "ViewOut",
    "operation",
]


# -- requests ---------------------------------------------------------------------------


def _request_model(op: type[edit.Operation]) -> type[BaseModel]:
    """Return the request model of one operation: ``op`` names it, its fields follow."""
    hints = typing.get_type_hints(op)
    fields: dict[str, Any] = {
        "op": (Literal[op.name], ...),
        "bead": (str, Field(description="id of the bead, e.g. al.p3", max_length=40)),
    }
    for f in dataclasses.fields(op):  # type: ignore[arg-type]
        if f.name in fields:
            continue
        default = ... if f.default is dataclasses.MISSING else f.default
        fields[f.name] = (hints[f.name], Field(default, description=f.metadata.get("doc")))
    model: type[BaseModel] = create_model(
        f"{op.__name__}Op",
        __config__=ConfigDict(extra="forbid"),
        __doc__=op.__doc__,
        **fields,
    )
    return model


_REQUESTS = tuple(_request_model(op) for op in edit.OPERATIONS.values())
if TYPE_CHECKING:
    OperationIn = BaseModel
else:
    OperationIn = Annotated[Union[_REQUESTS], Field(discriminator="op")]  # noqa: UP007

Operations = Annotated[list[OperationIn], Field(min_length=1, max_length=500)]


class Corrections(BaseModel):
    model_config = ConfigDict(extra="forbid")
    operations: Operations
    editor: str | None = Field(None, max_length=200)


def operation(request: BaseModel) -> edit.Operation:
    """Return the :mod:`aligner.edit` operation a request model asks for."""
    params = request.model_dump()
    return edit.OPERATIONS[params.pop("op")](**params)


# -- answers ------------------------------------------------------------------------------


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

    @classmethod
    def of(cls, block: Block) -> BlockOut:
        return cls(
            id=block.id,
            kind=block.kind,
            n=block.n,
            text=block.text,
            section=block.section,
            speaker=block.turn.speaker if block.turn else None,
            sentences=[SentenceOut(id=s.id, text=s.text) for s in block.sentences],
        )


class VersionOut(BaseModel):
    lang: str
    title: str | None
    date: str | None
    original: bool
    filename: str | None
    blocks: list[BlockOut]

    @classmethod
    def of(cls, version: Version) -> VersionOut:
        return cls(
            lang=version.lang,
            title=plain(version.title) if version.title else version.title,
            date=version.date,
            original=version.original,
            filename=version.source.filename,
            blocks=[BlockOut.of(b) for b in version.blocks],
        )


class BeadOut(BaseModel):
    id: str
    members: dict[str, list[str]]
    cert: float
    status: str
    resp: str

    @classmethod
    def of(cls, bead: Bead) -> BeadOut:
        return cls(**_bead_fields(bead))


def _bead_fields(bead: Bead) -> dict[str, Any]:
    return {
        "id": bead.id,
        "members": {lang: list(ids) for lang, ids in bead.members.items() if ids},
        "cert": bead.cert,
        "status": bead.status,
        "resp": bead.resp,
    }


class RunOut(BaseModel):
    lang: str
    blocks: list[str] = Field(description="its block ids in the run, in order")
    paragraphs: list[int] = Field(description="display numbers (@n) of its paragraphs")
    headings: int
    words: int

    @classmethod
    def of(cls, run: Run) -> RunOut:
        return cls(
            lang=run.lang,
            blocks=list(run.blocks),
            paragraphs=list(run.paragraphs),
            headings=run.headings,
            words=run.words,
        )


class GapOut(BaseModel):
    beads: list[str] = Field(description="the beads of the run, in order")
    missing: list[str] = Field(description="the languages with no text in the run")
    runs: list[RunOut] = Field(description="what each other language has there")
    note: str = Field(description="the run by block ids, as the TEI notes it")
    label: str = Field(description="the run in words, as the exports label it")

    @classmethod
    def of(cls, gap: Gap) -> GapOut:
        return cls(
            beads=list(gap.beads),
            missing=list(gap.missing),
            runs=[RunOut.of(r) for r in gap.runs],
            note=gap.note,
            label=gap.label(),
        )


class ViewBeadOut(BeadOut):
    stored: str = Field(description="the stored bead this is, or is part of: corrections name it")
    review: bool = Field(
        description="a person should check it: confidence under the service's review threshold "
        "and not set by hand (aligner.flags.needs_review)"
    )

    @classmethod
    def seen(cls, bead: Bead, *, review_below: float) -> ViewBeadOut:
        return cls(
            **_bead_fields(bead),
            stored=stored_bead_id(bead.id),
            review=needs_review(bead.cert, bead.status, below=review_below),
        )


class PairBeadOut(BaseModel):
    langs: list[str] = Field(description="the two languages of the pair")
    members: dict[str, list[str]]
    cert: float

    @classmethod
    def of(cls, bead: Bead) -> PairBeadOut:
        return cls(
            langs=list(bead.members),
            members={k: list(v) for k, v in bead.members.items()},
            cert=bead.cert,
        )


class ViewOut(BaseModel):
    langs: list[str]
    paragraphs: list[ViewBeadOut] = Field(
        description="the finest paragraph beads these languages support"
    )
    sentences: list[ViewBeadOut] = Field(
        description="the finest sentence beads these languages support"
    )
    missing: list[GapOut] = Field(description="runs of beads some of these languages lack")

    @classmethod
    def of(cls, document: Document, langs: Sequence[str], *, review_below: float) -> ViewOut:
        """Return what ``langs`` see of ``document`` (:func:`aligner.views.view`).

        Each bead says which stored bead corrections name and whether it needs review by
        ``review_below``, so the page flags exactly what the downloads flag.
        """
        seen = view(document, langs)
        return cls(
            langs=list(seen.langs),
            paragraphs=[ViewBeadOut.seen(b, review_below=review_below) for b in seen.beads],
            sentences=[ViewBeadOut.seen(b, review_below=review_below) for b in seen.sentences],
            missing=[GapOut.of(g) for g in seen.gaps],
        )


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
    sentence_pairs: list[PairBeadOut] = Field(
        description="where two languages align sentences finer than the sentence beads: "
        "their own beads inside each sentence bead they split"
    )
    changes: list[ChangeOut]
    editors: list[PersonOut]
    missing: list[GapOut] = Field(description="runs of paragraph beads some versions lack")
    numbers_differ: dict[str, dict[str, list[tuple[int, int]]]] = Field(
        description="bead id -> item id -> [start, end) of each number in the item's text "
        "(in code points) that another language of the bead lacks"
    )

    @classmethod
    def of(cls, doc_id: str, document: Document, revision: int) -> DocumentOut:
        return cls(
            id=doc_id,
            title=plain(document.title()),
            languages=list(document.langs),
            original=document.original,
            created=document.created,
            revision=revision,
            versions=[VersionOut.of(v) for v in document.versions],
            paragraphs=[BeadOut.of(b) for b in document.paragraphs.beads],
            sentences=[BeadOut.of(b) for b in document.sentences.beads],
            sentence_pairs=[PairBeadOut.of(b) for b in document.sentences.pairs],
            changes=[
                ChangeOut(n=c.n, when=c.when, who=c.who, text=c.text) for c in document.changes
            ],
            editors=[PersonOut(id=p.id, name=plain(p.name) or p.id) for p in document.editors],
            missing=[GapOut.of(g) for g in view(document).gaps],
            numbers_differ=_numbers_differ(document),
        )


class SummaryOut(BaseModel):
    id: str
    title: str
    languages: list[str]
    created: str
    revision: int
    href: str

    @classmethod
    def of(cls, summary: DocumentSummary) -> SummaryOut:
        return cls(
            id=summary.id,
            title=plain(summary.title),
            languages=list(summary.languages),
            created=summary.created,
            revision=summary.revision,
            href=f"/documents/{summary.id}",
        )


class RevisionOut(BaseModel):
    n: int
    when: str
    who: str
    summary: str
    sha256: str


class FormatOut(BaseModel):
    name: str = Field(description="what ?to= takes")
    label: str
    media_type: str
    suffix: str = Field(description="of the file, without the dot")
    heavy: bool = Field(description="takes tenths of a second or more")
    options: list[str] = Field(description="the export parameters it reads")
    reads: bool = Field(
        default=False, description="a reviewed file of it can be imported back (import-review)"
    )

    @classmethod
    def of(cls, fmt: Format) -> FormatOut:
        return cls(
            name=fmt.name,
            label=fmt.label,
            media_type=fmt.media_type,
            suffix=fmt.suffix,
            heavy=fmt.heavy,
            options=list(fmt.options),
            reads=fmt.reads,
        )


class ExportsOut(BaseModel):
    formats: list[FormatOut]
    review_below: float = Field(description="beads the aligner scored below this are flagged")


class OperationOut(BaseModel):
    op: str = Field(description="what a correction's `op` says")
    summary: str
    params: list[str] = Field(description="the fields it takes besides `op`")


class LanguageOut(BaseModel):
    code: str = Field(description="as an upload's `lang` takes it, in BCP 47 spelling")
    tag: str = Field(description="BCP 47 with the likely region, e.g. de-DE")
    name: str = Field(description="in the language itself, as the exports' headers print it")
    english_name: str
    generic: bool = Field(
        description="no data file for it: names and numbers from CLDR, general rules for "
        "sentences, no speaker words or page furniture"
    )

    @classmethod
    def of(cls, profile: LanguageProfile) -> LanguageOut:
        return cls(
            code=profile.code,
            tag=profile.tag,
            name=profile.display_name,
            english_name=profile.english_name,
            generic=profile.generic,
        )


def split_langs(value: str | None) -> tuple[str, ...] | None:
    """Read a ``langs=de,fr`` query: the codes in order, or None when it names none.

    >>> split_langs(" de, fr ,"), split_langs(""), split_langs(None)
    (('de', 'fr'), None, None)
    """
    return split_codes(value) or None


def _numbers_differ(document: Document) -> dict[str, dict[str, list[tuple[int, int]]]]:
    """Map each bead the downloads flag for numbers to where its items hold differing numbers.

    A marked number is one another language of the bead lacks. Quantities are read and
    compared as the exports do (:func:`aligner.flags.numbers_off`: 12,5 and 12.5, 90 тыс. and
    90,000 are one number), so the page marks the numbers of exactly the beads a download flags.
    """
    found: dict[str, list[Number]] = {}
    for version in document.versions:
        for block in version.blocks:
            found[block.id] = quantities(block.text, lang=version.lang)
            for sentence in block.sentences:
                found[sentence.id] = quantities(sentence.text, lang=version.lang)
    marks: dict[str, dict[str, list[tuple[int, int]]]] = {}
    for bead in (*document.paragraphs.beads, *document.sentences.beads):
        per_lang = {lang: [n for i in bead.ids(lang) for n in found[i]] for lang in bead.langs}
        if not numbers_off(per_lang):
            continue
        values = [{n.value for n in numbers} for numbers in per_lang.values()]
        everywhere = set.intersection(*values)
        spans = {
            item: [(n.start, n.end) for n in found[item] if n.value not in everywhere]
            for lang in bead.langs
            for item in bead.ids(lang)
        }
        if any(spans.values()):
            marks[bead.id] = {item: where for item, where in spans.items() if where}
    return marks


class CounterpartOut(BaseModel):
    lang: str
    text: str


class HitOut(BaseModel):
    """A search result: the text found, in its bead, and the bead in the other languages."""

    doc: str
    title: str
    date: str | None
    level: Literal["paragraph", "sentence"]
    bead: str
    lang: str
    unit: str = Field(description="the id of the paragraph or sentence found")
    text: str
    counterparts: list[CounterpartOut]
