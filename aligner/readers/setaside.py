"""Account for what a reader sets aside: one helper every reader (text, HTML, DOCX, PDF) uses.

A reader keeps the text of a file and sets aside its furniture (switchers, print and share
lines, menus, address blocks, cookie notices, page headers and footers). What it sets
aside is never lost: it goes into :attr:`SourceText.dropped` in reading order, the TEI
keeps each line as a ``<note type="dropped">`` in the bibl of its source, and ``aligner
align`` says per version how many lines and words were set aside (:func:`tally`), warning
when more than a fifth of a version's words were (:data:`WARN_SHARE`).

A reader builds its result with a :class:`Sorter`: ``keep`` a block, ``set_aside`` a line;
``set_aside`` refuses nothing, but :func:`is_running_text` tells a reader when a line reads
as running text, which no reader drops for where it stands (only for what it is).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from aligner.model import RawBlock
from languages import boilerplate
from languages.profiles import line_cache

__all__ = [
    "WARN_SHARE",
    "SetAside",
    "Sorter",
    "contents_box",
    "echoes_title",
    "in_fields",
    "is_label",
    "is_running_text",
    "is_title_like",
    "tally",
    "word_count",
]

#: share of a version's words set aside above which ``aligner align`` warns
WARN_SHARE = 0.2

_WORD = re.compile(r"[^\W_]+(?:['’-][^\W_]+)*")
_LETTERS = re.compile(r"[^\W\d_]{2,}")
_SENTENCE_END = re.compile(r"[.!?…。！？][\"'»”’)\]]*$")
_MIN_WORDS = 6  # "Everyone has the right to life." has six
_MAX_LINE = 5000  # characters; running text comes in paragraphs, not pages
_MAX_TITLE = 300  # characters
_MIN_TITLE_WORDS = 1
_LABEL_WORDS = 3  # words of a label line ("Speaker(s):", "Intervenant(s) :")
_VALUE_WORDS = 6  # words of a field's value on the label's line ("Content type: Press release")
_FIELD_WORDS = 4  # words of a field's label on its value's line ("Wo wir tätig sind: Tarvel")
_ENTRY_WORDS = 12  # words of a contents box's entry, at most
_ENTRIES = 2  # entries of a contents box, at least
_MAX_ENTRIES = 200  # entries of a contents box looked at, at most


def word_count(text: str) -> int:
    """Count the words of ``text`` (numbers count; punctuation does not).

    >>> word_count("14 March 2026 | Print"), word_count("l’Assemblée générale")
    (4, 2)
    """
    return len(_WORD.findall(text))


@line_cache
def is_running_text(line: str) -> bool:
    """Tell whether a line reads as running text: a sentence of words, ended as one.

    Such a line is text wherever it stands; a reader may set it aside only for what it is
    (a cookie notice, a copyright line), never for its place on the page.

    >>> is_running_text("Everyone has the right to life, liberty and security of person.")
    True
    >>> is_running_text("Print | Share"), is_running_text("Ministry of Foreign Affairs")
    (False, False)
    """
    if len(line) > _MAX_LINE or not _SENTENCE_END.search(line):
        return False
    words = _WORD.findall(line)
    lettered = sum(1 for w in words if _LETTERS.fullmatch(w))
    return len(words) >= _MIN_WORDS and lettered * 3 >= len(words) * 2


@line_cache
def is_title_like(line: str) -> bool:
    """Tell whether a line could be a page's title by what it is: a few words, mostly of
    letters (a ticker of rates is none), and not a page control, contact line, switcher or
    breadcrumb trail.

    >>> is_title_like("Message on Rivers Day"), is_title_like("USD 92.13 -0.37 EUR 98.71 -0.2")
    (True, False)
    >>> is_title_like("Print | Share"), is_title_like("Home > Press > Statements")
    (False, False)
    """
    if not 0 < len(line) <= _MAX_TITLE:
        return False
    words = _WORD.findall(line)
    lettered = sum(1 for w in words if _LETTERS.fullmatch(w))
    return (
        len(words) >= _MIN_TITLE_WORDS
        and lettered * 3 >= len(words) * 2
        and not boilerplate.is_boilerplate(line)
        and not boilerplate.is_contact(line)
        and not boilerplate.is_language_switcher(line)
        and not boilerplate.is_breadcrumb(line)
    )


def is_label(line: str) -> bool:
    """Tell whether a line is the label of a field ("Speaker:", "Lieu :", "Intervenant(s) :"):
    the line after it is that field's value (a name, a date, an event), no title.

    >>> is_label("Speaker:"), is_label("Date :"), is_label("He said:"), is_label("Dear friends")
    (True, True, True, False)
    >>> is_label("The Minister made the following statement:")
    False
    """
    text = line.rstrip()
    return text.endswith(":") and 0 < word_count(text) <= _LABEL_WORDS


def _is_field(line: str) -> bool:
    """Tell whether a line is a label with its value ("Content type: Press release")."""
    label, colon, value = line.partition(":")
    return (
        bool(colon)
        and 0 < word_count(label) <= _FIELD_WORDS
        and 0 < word_count(value) <= _VALUE_WORDS
        and not _SENTENCE_END.search(value)
    )


def in_fields(lines: list[str], at: int) -> bool:
    """Tell whether ``lines[at]`` is part of a block of fields: a label's value (the line
    after "Event:"), or a labelled line ("Where we work: Tarvel") beside another label or
    labelled line. No such line is a title; a title with a colon stands alone ("Syria:
    Statement by the Spokesperson"). Page controls with a colon ("Share this page:") are
    no label: the line under them ("Article 15") is no value of theirs.

    >>> fields = ["Content type: Press release", "Where we work: Tarvel", "Rivers Day"]
    >>> [in_fields(fields, k) for k in range(3)]
    [True, True, False]
    >>> in_fields(["Event:", "Annual meeting"], 1), in_fields(["Syria: Statement by X"], 0)
    (True, False)
    >>> in_fields(["Share this page:", "Article 15"], 1)
    False
    """
    if at and is_label(lines[at - 1]) and not boilerplate.is_boilerplate(lines[at - 1]):
        return True
    near = [lines[k] for k in (at - 1, at + 1) if 0 <= k < len(lines)]
    return _is_field(lines[at]) and any(_is_field(n) or is_label(n) for n in near)


def contents_box(lines: Sequence[str]) -> set[int]:
    """Return the lines of a contents box: a run of different short lines each of which is
    a heading further down, in the same order, each with running text of its own under it
    (a refrain or a table repeats lines with none between), and the box's name just above
    the run ("Contents", "Содержание").

    >>> lines = ["Talks", "Contents", "Water", "Fish", "Water",
    ...          "The water of the river is clean again.", "Fish",
    ...          "Fish stocks are growing again in the delta."]
    >>> sorted(contents_box(lines))
    [1, 2, 3]
    >>> sorted(contents_box(["Row, row", "Gently", "Row, row", "Gently",
    ...                      "And so the song goes on and on."]))
    []
    """
    keys = [" ".join(line.casefold().split()) for line in lines]
    where: dict[str, list[int]] = {}
    for at, key in enumerate(keys):
        if _entry(lines[at]):
            where.setdefault(key, []).append(at)
    running = [0]  # running[i]: lines of running text before line i
    for line in lines:
        running.append(running[-1] + is_running_text(line))
    found: set[int] = set()
    start = 0
    while start < len(lines):
        run = _contents_run(keys, where, running, start)
        if len(run) >= _ENTRIES:
            found.update(run)
            if start and boilerplate.is_contents_label(lines[start - 1]):
                found.add(start - 1)
            start = run[-1]
        start += 1
    return found


def _contents_run(
    keys: list[str], where: dict[str, list[int]], running: list[int], start: int
) -> list[int]:
    """Return the lines from ``start`` that each name a heading after them all, in order,
    with running text under each heading (none when fewer than two do)."""
    end, named = start, set()  # a contents box names each heading once
    while end < len(keys) and len(where.get(keys[end], ())) > 1 and keys[end] not in named:
        named.add(keys[end])
        end += 1
        if end - start >= _MAX_ENTRIES:
            break
    heads: list[int] = []
    for key in keys[start:end]:
        at = bisect.bisect_right(where[key], heads[-1] if heads else end - 1)
        if at == len(where[key]):
            break
        heads.append(where[key][at])
    # each heading has running text under it, before the next heading
    bounds = [*heads, len(keys)]
    texts = [running[bounds[k + 1]] - running[bounds[k] + 1] > 0 for k in range(len(heads))]
    count = next((k for k, text in enumerate(texts) if not text), len(texts))
    return list(range(start, start + count)) if count >= _ENTRIES else []


@line_cache
def _entry(line: str) -> bool:
    """Tell whether a line could be a contents entry: short, and no running text."""
    return 0 < word_count(line) <= _ENTRY_WORDS and not is_running_text(line)


def echoes_title(line: str, title: str) -> bool:
    """Tell whether a line is a page control glued to the page's title ("Back Talks in
    Tarvel", "Atrás 4ª Cumbre …"): furniture that repeats the title.

    >>> echoes_title("Back Talks in Tarvel", "Talks in Tarvel")
    True
    >>> echoes_title("Talks in Tarvel", "Talks in Tarvel"), echoes_title("After the talks", "talks")
    (False, False)
    """
    if line == title or not line.endswith(title):
        return False
    rest = line[: -len(title)].strip()
    return bool(rest) and boilerplate.is_boilerplate(rest)


@dataclass(frozen=True)
class SetAside:
    """How much of one version a reader set aside."""

    lines: int
    words: int
    total_words: int  # kept and set aside

    @property
    def share(self) -> float:
        """Return the share of the version's words set aside."""
        return self.words / self.total_words if self.total_words else 0.0

    @property
    def too_much(self) -> bool:
        """Tell whether more than :data:`WARN_SHARE` of the words were set aside."""
        return self.share > WARN_SHARE

    def describe(self) -> str:
        """Say it in a few words, as ``aligner align`` prints it.

        >>> SetAside(3, 7, 70).describe()
        'set aside 3 lines, 7 words (10%)'
        """
        return (
            f"set aside {self.lines} line{'s' * (self.lines != 1)}, "
            f"{self.words} word{'s' * (self.words != 1)} ({self.share:.0%})"
        )


def tally(kept: Iterable[str], dropped: Iterable[str]) -> SetAside:
    """Count the lines and words set aside beside the words kept.

    >>> tally(["All are equal. Really."], ["Print", "Share on Facebook"])
    SetAside(lines=2, words=4, total_words=8)
    """
    dropped = list(dropped)
    words = sum(map(word_count, dropped))
    return SetAside(len(dropped), words, words + sum(map(word_count, kept)))


@dataclass
class Sorter:
    """Build a reader's result in reading order: blocks kept, lines set aside."""

    blocks: list[RawBlock] = field(default_factory=list)
    dropped: list[str] = field(default_factory=list)

    def keep(self, block: RawBlock) -> None:
        """Keep ``block`` as text."""
        self.blocks.append(block)

    def set_aside(self, line: str) -> None:
        """Set ``line`` aside as furniture (empty lines are not worth a record)."""
        if line.strip():
            self.dropped.append(line)
