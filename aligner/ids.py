"""Make and take apart the ids of units and beads (../shared/TEI.md), in one place.

A *unit* is what a bead aligns: a block (``de.p3`` a paragraph, ``de.h1`` a heading) or a
sentence (``de.p3.s2``); its id starts with its language. A stored *bead* is ``al.p4``
(paragraph level) or ``al.s12`` (sentence level); a view cuts a stored bead into parts
``al.p4.1``, ``al.p4.2`` (:mod:`aligner.views`). Pair-bead groups are ``al.s.de.fr``.
Nothing else in the project builds or splits these strings.

A *document* is named by its sources: ``doc-`` and the start of :func:`sources_key`, the
same id whether it was aligned by the CLI, uploaded to the service or added to an archive.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

__all__ = [
    "BEAD_PREFIX",
    "BeadId",
    "UnitId",
    "bead_id",
    "bead_level",
    "block_id",
    "block_of",
    "document_id",
    "document_id_for",
    "lang_of",
    "pair_group_id",
    "parse_bead",
    "part_id",
    "parse_unit",
    "sentence_id",
    "sources_key",
    "stored_bead_id",
]

#: the prefix of the bead ids of each level
BEAD_PREFIX: dict[Literal["paragraph", "sentence"], str] = {"paragraph": "al.p", "sentence": "al.s"}

_UNIT = re.compile(r"^(?P<lang>[^.\s]+)\.(?P<kind>[ph])(?P<n>\d+)(?:\.s(?P<m>\d+))?$")
_BEAD = re.compile(r"^al\.(?P<level>[ps])(?P<n>\d+)(?:\.(?P<part>\d+))?$")


@dataclass(frozen=True)
class UnitId:
    """A unit id taken apart: ``de.p3.s2`` is German paragraph 3, sentence 2."""

    lang: str
    kind: Literal["p", "h"]
    n: int  # the block's number in its language (paragraphs and headings count apart)
    sentence: int | None = None  # the sentence's number in its paragraph, for a sentence

    @property
    def block(self) -> str:
        """Return the id of the block (the unit itself, or the paragraph of a sentence)."""
        return f"{self.lang}.{self.kind}{self.n}"


@dataclass(frozen=True)
class BeadId:
    """A bead id taken apart: ``al.p4.2`` is the second view part of paragraph bead 4."""

    level: Literal["paragraph", "sentence"]
    n: int
    part: int | None = None  # the part of a stored bead a view cut off

    @property
    def stored(self) -> str:
        """Return the id of the stored bead."""
        return f"{BEAD_PREFIX[self.level]}{self.n}"


def parse_unit(unit_id: str) -> UnitId | None:
    """Take a unit id apart, or return None when it is not one.

    >>> parse_unit("de.p3.s2")
    UnitId(lang='de', kind='p', n=3, sentence=2)
    >>> parse_unit("ru.h1").block, parse_unit("al.p3") is None, parse_unit("x") is None
    ('ru.h1', False, True)
    """
    found = _UNIT.match(unit_id)
    if found is None:
        return None
    m = found["m"]
    kind: Literal["p", "h"] = "h" if found["kind"] == "h" else "p"
    return UnitId(found["lang"], kind, int(found["n"]), None if m is None else int(m))


def parse_bead(bead: str) -> BeadId | None:
    """Take a bead id apart, or return None when it is not one.

    >>> parse_bead("al.p4.2"), parse_bead("al.s12").stored, parse_bead("de.p1")
    (BeadId(level='paragraph', n=4, part=2), 'al.s12', None)
    """
    found = _BEAD.match(bead)
    if found is None:
        return None
    level: Literal["paragraph", "sentence"] = "paragraph" if found["level"] == "p" else "sentence"
    part = found["part"]
    return BeadId(level, int(found["n"]), None if part is None else int(part))


def lang_of(unit_id: str) -> str:
    """Return the language a unit id starts with.

    >>> lang_of("de.p3.s2"), lang_of("pt-BR.h1")
    ('de', 'pt-BR')
    """
    return unit_id.split(".", 1)[0]


def block_of(unit_id: str) -> str:
    """Return the id of the block a unit belongs to: a sentence's paragraph, else itself.

    >>> block_of("de.p3.s2"), block_of("de.p3"), block_of("de.h1")
    ('de.p3', 'de.p3', 'de.h1')
    """
    parsed = parse_unit(unit_id)
    if parsed is not None:
        return parsed.block
    return unit_id.rsplit(".", 1)[0] if ".s" in unit_id else unit_id


def stored_bead_id(bead: str) -> str:
    """Return the id of the stored bead a view bead comes from.

    >>> stored_bead_id("al.p3.2"), stored_bead_id("al.p3"), stored_bead_id("al.missing")
    ('al.p3', 'al.p3', 'al.missing')
    """
    parsed = parse_bead(bead)
    return bead if parsed is None else parsed.stored


def bead_level(bead: str) -> Literal["paragraph", "sentence"] | None:
    """Return the level a bead id belongs to, or None when it is no bead id.

    >>> bead_level("al.s3.1"), bead_level("al.p1"), bead_level("de.p1")
    ('sentence', 'paragraph', None)
    """
    parsed = parse_bead(bead)
    return None if parsed is None else parsed.level


def block_id(lang: str, kind: Literal["p", "h", "head"], n: int) -> str:
    """Return the id of paragraph or heading ``n`` of language ``lang``.

    >>> block_id("de", "p", 3), block_id("ru", "head", 1)
    ('de.p3', 'ru.h1')
    """
    return f"{lang}.{'h' if kind in ('h', 'head') else 'p'}{n}"


def sentence_id(block: str, m: int) -> str:
    """Return the id of sentence ``m`` of the paragraph ``block``.

    >>> sentence_id("de.p3", 2)
    'de.p3.s2'
    """
    return f"{block}.s{m}"


def bead_id(level: Literal["paragraph", "sentence"], n: int, part: int | None = None) -> str:
    """Return the id of stored bead ``n`` of ``level``, or of a view's ``part`` of it.

    >>> bead_id("paragraph", 4), bead_id("sentence", 3, 2)
    ('al.p4', 'al.s3.2')
    """
    stored = f"{BEAD_PREFIX[level]}{n}"
    return stored if part is None else f"{stored}.{part}"


def part_id(stored: str, part: int) -> str:
    """Return the id of the ``part`` a view cut off the stored bead ``stored``.

    >>> part_id("al.p4", 2)
    'al.p4.2'
    """
    return f"{stored}.{part}"


def pair_group_id(langs: tuple[str, ...]) -> str:
    """Return the id of the link group holding the sentence pair beads of two languages.

    >>> pair_group_id(("de", "fr"))
    'al.s.de.fr'
    """
    return ".".join(("al.s", *langs))


def sources_key(sums: Iterable[str]) -> str:
    """Return the key of a document's sources from their sha256 sums, in any order.

    The same files, named or ordered differently, give the same key.

    >>> sources_key(["b2", "a1"]) == sources_key(["a1", "b2"])
    True
    """
    return hashlib.sha256("\n".join(sorted(sums)).encode()).hexdigest()


def document_id(sums: Iterable[str]) -> str:
    """Return the id of the document whose sources have the sha256 sums ``sums``.

    >>> document_id(["b2", "a1"]) == document_id(["a1", "b2"]), len(document_id(["a1"]))
    (True, 20)
    """
    return document_id_for(sources_key(sums))


def document_id_for(key: str) -> str:
    """Return the id of the document whose :func:`sources_key` is ``key``."""
    return "doc-" + key[:16]
