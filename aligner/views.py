"""What a choice of languages sees of a document: the finest beads, and what is missing.

A stored bead is n-way: it holds everything any version joined, so when English merges
three paragraphs, German and French are three paragraphs each in the same bead, and when
English glues two sentences, German and French are two sentences each in one sentence bead.
:func:`sentence_beads` cuts a stored sentence bead where the pair beads
(:attr:`aligner.model.Alignment.pairs`) of every two chosen languages end together;
:func:`minimal_beads` cuts a stored paragraph bead wherever every chosen language can cut it
at a paragraph boundary without cutting one of those sentence beads. The stored TEI is never
changed: the n-way beads stay a partition, and every view bead is one stored bead or a
consecutive part of one. A bead a person corrected or confirmed is shown whole. A view also
lists its :class:`Gap` s: runs of beads in which some chosen languages have nothing, with
what the others have there.

Every export, the service, the page and the evaluation take their beads from here.
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace

from aligner.ids import part_id, stored_bead_id
from aligner.model import Bead, Block, Document
from languages.messages import counted, language_in, listed, say

__all__ = ["Gap", "Run", "View", "minimal_beads", "sentence_beads", "stored_bead_id", "view"]


_Members = dict[str, tuple[str, ...]]


@dataclass(frozen=True)
class Run:
    """One language's text inside a gap: its blocks, how many of each kind, how many words."""

    lang: str
    blocks: tuple[str, ...]  # block ids, in order
    paragraphs: tuple[int, ...]  # display numbers (``@n``) of its paragraphs
    headings: int
    words: int

    @property
    def span(self) -> str:
        """Return the first and last block id, e.g. ``en.p4–en.p20``."""
        first, last = self.blocks[0], self.blocks[-1]
        return first if first == last else f"{first}–{last}"

    @property
    def size(self) -> str:
        """Say how big the run is in words a reader counts.

        >>> Run("en", ("en.h2", "en.p4", "en.p5"), (4, 5), 1, 1234).size
        '2 paragraphs, 1 heading, 1,234 words'
        """
        parts = [_count(len(self.paragraphs), "paragraph"), _count(self.headings, "heading")]
        parts.append(_count(self.words, "word"))
        return ", ".join(p for p in parts if p)


@dataclass(frozen=True)
class Gap:
    """A run of consecutive beads in which the ``missing`` languages have nothing."""

    beads: tuple[str, ...]  # ids of the view's beads in the run, in order
    missing: tuple[str, ...]  # chosen languages with nothing there, in view order
    runs: tuple[Run, ...]  # what each other chosen language has there, in view order

    @property
    def note(self) -> str:
        """Describe the gap by block ids, as the CLI summary and the TEI note do.

        >>> run = Run("en", ("en.p4", "en.p5"), (4, 5), 0, 90)
        >>> Gap(("al.p5", "al.p6"), ("de", "fr"), (run,)).note
        'missing in de, fr: en.p4–en.p5 (2 paragraphs, 90 words)'
        """
        said = "; ".join(f"{run.span} ({run.size})" for run in self.runs)
        return f"missing in {', '.join(self.missing)}: {said}"

    def label(self, locale: str = "en") -> str:
        """Describe the gap for a reader of a side-by-side table, in ``locale``.

        >>> run = Run("en", ("en.h2", "en.p4", "en.p5"), (4, 5), 1, 1234)
        >>> Gap(("al.p5",), ("de", "fr"), (run,)).label()
        'No German or French text for English paragraphs 4–5 and 1 heading (1,234 words)'
        >>> Gap(("al.p5",), ("de",), (run,)).label("fr")
        'Pas de texte en allemand pour : paragraphes 4–5 et 1 titre en anglais (1\u202f234 mots)'
        """
        missing = [language_in(lang, locale) for lang in self.missing]
        said = "; ".join(_run_label(run, locale) for run in self.runs)
        return say("band", locale, langs=listed(missing, locale, style="or"), runs=said)


@dataclass(frozen=True)
class View:
    """A document as a choice of languages sees it."""

    langs: tuple[str, ...]
    beads: tuple[Bead, ...]  # paragraph beads, the finest these languages support
    sentences: tuple[Bead, ...]  # sentence beads with text in some chosen language
    gaps: tuple[Gap, ...]


def view(document: Document, langs: Sequence[str] | None = None) -> View:
    """Return the view of ``document`` for ``langs`` (default: all, in the document's order).

    Bead members hold the chosen languages only, in the order given.
    """
    chosen = tuple(langs) if langs is not None else document.langs
    sentences = sentence_beads(document, chosen)
    beads = _minimal_beads(document, chosen, sentences)
    return View(chosen, beads, sentences, _gaps(document, beads, chosen))


def sentence_beads(document: Document, langs: Sequence[str] | None = None) -> tuple[Bead, ...]:
    """Return the sentence beads of ``document`` as the languages ``langs`` see them.

    Each stored bead keeps only the chosen languages and is dropped when they have nothing
    in it. It splits where the pair beads (:attr:`aligner.model.Alignment.pairs`) of every
    two chosen languages with text in it cut it at the same place: a third language glued
    what they keep apart. The parts get ids ``al.s3.1``, ``al.s3.2``... and the lowest
    cert of the pair beads they overlap. A bead a person corrected or confirmed has no
    pair beads, so it is shown whole.
    """
    chosen = tuple(langs) if langs is not None else document.langs
    stored = document.sentences.beads
    home = {i: k for k, bead in enumerate(stored) for ids in bead.members.values() for i in ids}
    detail: dict[tuple[int, str, str], list[Bead]] = {}
    for pair_bead in document.sentences.pairs:
        a, b = pair_bead.members
        first = next((i for ids in pair_bead.members.values() for i in ids), "")
        if first in home:
            detail.setdefault((home[first], a, b), []).append(pair_bead)
    out: list[Bead] = []
    for k, bead in enumerate(stored):
        members = {lang: bead.ids(lang) for lang in chosen}
        if not any(members.values()):
            continue
        pairs = {
            (a, b): detail.get((k, a, b)) or _swap(detail.get((k, b, a), []))
            for a, b in itertools.combinations(chosen, 2)
        }
        parts = _cut(members, pairs) if any(pairs.values()) else []
        if len(parts) < 2:
            out.append(replace(bead, members=members))
        else:
            out.extend(
                replace(bead, id=part_id(bead.id, n), members=part, cert=cert)
                for n, (part, cert) in enumerate(parts, start=1)
            )
    return tuple(out)


def _swap(beads: Sequence[Bead]) -> list[Bead]:
    """Return pair beads with their two languages in the other order."""
    return [replace(b, members=dict(reversed(list(b.members.items())))) for b in beads]


def _cut(
    members: _Members, pairs: Mapping[tuple[str, str], Sequence[Bead]]
) -> list[tuple[_Members, float]]:
    """Cut one bead's ``members`` where every pair of its languages has a pair bead end.

    ``pairs`` gives, for languages a and b (a before b in ``members``), their pair beads
    inside the bead, a first (or nothing: the pair does not cut it). Return the parts and
    their certs, or one part or none when the bead stays whole.

    >>> de_fr = [Bead("", {"de": ("d1",), "fr": ("f1",)}, 0.8),
    ...          Bead("", {"de": ("d2",), "fr": ("f2",)}, 0.9)]
    >>> [(p["de"], p["fr"], c) for p, c in _cut({"de": ("d1", "d2"), "fr": ("f1", "f2")},
    ...                                         {("de", "fr"): de_fr})]
    [(('d1',), ('f1',), 0.8), (('d2',), ('f2',), 0.9)]
    """
    present = [lang for lang, ids in members.items() if ids]
    if len(present) < 2:
        return []
    size = {lang: len(members[lang]) for lang in present}
    ends: dict[tuple[str, str], set[tuple[int, int]]] = {}
    spans: list[tuple[dict[str, tuple[int, int]], float]] = []  # each pair bead's ranges
    for a, b in itertools.combinations(present, 2):
        ends[(a, b)] = {(0, 0), (size[a], size[b])}
        done = {a: 0, b: 0}
        for pair_bead in pairs.get((a, b), ()):
            span = {}
            for lang in (a, b):
                span[lang] = (done[lang], done[lang] + len(pair_bead.ids(lang)))
                done[lang] += len(pair_bead.ids(lang))
            ends[(a, b)].add((done[a], done[b]))
            spans.append((span, pair_bead.cert))
        ends[(b, a)] = {(q, p) for p, q in ends[(a, b)]}
    first, others = present[0], present[1:]
    cuts = []
    for position in range(size[first] + 1):
        options = [sorted(q for p, q in ends[(first, lang)] if p == position) for lang in others]
        for found in itertools.product(*options):
            cut = dict(zip(others, found, strict=True)) | {first: position}
            if all((cut[a], cut[b]) in ends[(a, b)] for a, b in itertools.combinations(present, 2)):
                cuts.append(cut)
    cuts.sort(key=lambda cut: [cut[lang] for lang in present])
    parts: list[tuple[_Members, float]] = []
    for lo, hi in itertools.pairwise(cuts):
        part = {
            lang: ids[lo[lang] : hi[lang]] if lang in lo else () for lang, ids in members.items()
        }
        certs = [
            cert
            for span, cert in spans
            if any(max(lo[lang], x) < min(hi[lang], y) for lang, (x, y) in span.items())
        ]
        parts.append((part, min(certs, default=1.0)))
    return parts


def minimal_beads(document: Document, langs: Sequence[str] | None = None) -> tuple[Bead, ...]:
    """Return the paragraph beads of ``document`` as the languages ``langs`` see them.

    Each stored bead keeps only the chosen languages and is dropped when they have nothing
    in it. It splits where every chosen language that has text in it reaches the end of a
    paragraph after the same sentence bead (as :func:`sentence_beads` cuts them for these
    languages), as long as each part keeps text in all of them (a part one language lacks
    stays with its neighbour, as the paragraph aligner judged); the parts get ids
    ``al.p3.1``, ``al.p3.2``... and the stored bead's cert, status and resp. Headings
    (which have no sentences) go with the part that follows them, or form a part of their
    own when every chosen language opens that part with a heading. A bead a person
    corrected or confirmed is kept whole, and so is every bead of a document aligned by
    paragraph only.
    """
    chosen = tuple(langs) if langs is not None else document.langs
    return _minimal_beads(document, chosen, sentence_beads(document, chosen))


def _minimal_beads(
    document: Document, chosen: Sequence[str], sentences: Sequence[Bead]
) -> tuple[Bead, ...]:
    """Return :func:`minimal_beads` for ``chosen``, whose ``sentences`` beads are given."""
    blocks = {b.id: b for lang in chosen for b in document.version(lang).blocks}
    inside = _sentence_beads_inside(document, sentences)
    out: list[Bead] = []
    for index, bead in enumerate(document.paragraphs.beads):
        members = {lang: bead.ids(lang) for lang in chosen}
        if not any(members.values()):
            continue
        if bead.status == "manual":
            parts = [members]
        else:
            parts = _parts(members, inside.get(index, []), blocks)
        if len(parts) == 1:
            out.append(replace(bead, members=members))
        else:
            out.extend(
                replace(bead, id=part_id(bead.id, k), members=part)
                for k, part in enumerate(parts, start=1)
            )
    return tuple(out)


def _sentence_beads_inside(document: Document, sentences: Sequence[Bead]) -> dict[int, list[Bead]]:
    """Return the ``sentences`` in each paragraph bead, by the paragraph bead's index."""
    block_of = {s.id: b.id for v in document.versions for b in v.blocks for s in b.sentences}
    bead_of = {
        block: k
        for k, bead in enumerate(document.paragraphs.beads)
        for ids in bead.members.values()
        for block in ids
    }
    inside: dict[int, list[Bead]] = {}
    for bead in sentences:
        first = next((s for ids in bead.members.values() for s in ids), None)
        home = bead_of.get(block_of.get(first, "")) if first is not None else None
        if home is not None:
            inside.setdefault(home, []).append(bead)
    return inside


def _parts(
    members: _Members, sentence_beads: Sequence[Bead], blocks: Mapping[str, Block]
) -> list[_Members]:
    """Split one bead's ``members`` where the ``sentence_beads`` inside it allow."""
    langs = [lang for lang, ids in members.items() if ids]
    if any(i not in blocks for lang in langs for i in members[lang]):
        return [members]  # a bead pointing past the text: shown whole, for its reader to refuse
    # where each block starts, counted in sentences of its language within the bead
    starts: dict[str, list[int]] = {}
    total: dict[str, int] = {}
    for lang in langs:
        position = 0
        starts[lang] = []
        for block_id in members[lang]:
            starts[lang].append(position)
            position += len(blocks[block_id].sentences)
        total[lang] = position
    bounds = {lang: set(starts[lang]) | {total[lang]} for lang in langs}
    done = dict.fromkeys(langs, 0)
    cuts = [dict(done)]
    for bead in sentence_beads:
        step = {lang: len(bead.ids(lang)) for lang in langs}
        if not any(step.values()):
            continue
        for lang in langs:
            done[lang] += step[lang]
        if all(done[lang] in bounds[lang] for lang in langs):
            cuts.append(dict(done))
    if done != total:
        return [members]
    if len(cuts) <= 2:  # no cut between sentences: opening headings may still stand apart
        return _complete(_heading_part(members, blocks), langs)
    parts: list[_Members] = [{lang: () for lang in members} for _ in cuts[1:]]
    for lang in langs:
        for block_id, start in zip(members[lang], starts[lang], strict=True):
            # the part holding the block's first sentence; a heading (no sentences) goes
            # with the part holding the next sentence of its language, else the last part
            k = next((k for k in range(len(parts)) if cuts[k + 1][lang] > start), len(parts) - 1)
            parts[k][lang] += (block_id,)
    pieces = [piece for part in parts for piece in _heading_part(part, blocks)]
    return _complete(pieces, langs)


def _complete(parts: Sequence[_Members], langs: Sequence[str]) -> list[_Members]:
    """Join every part that lacks one of ``langs`` to the part before it (or after it).

    The paragraph aligner put the whole bead together; a part only one language has is
    its text the others lack, not finer structure they agree on.

    >>> parts = [{"de": ("a",), "fr": ()}, {"de": ("b",), "fr": ("x",)}, {"de": (), "fr": ("y",)}]
    >>> _complete(parts, ["de", "fr"])
    [{'de': ('a', 'b'), 'fr': ('x', 'y')}]
    """
    out: list[_Members] = []
    waiting: _Members | None = None  # one-sided parts before the first complete one
    for part in parts:
        if all(part[lang] for lang in langs):
            out.append(_join(waiting, part) if waiting else part)
            waiting = None
        elif out:
            out[-1] = _join(out[-1], part)
        else:
            waiting = _join(waiting, part) if waiting else part
    return out if waiting is None else [waiting]  # waiting: no part was complete


def _join(first: _Members, second: _Members) -> _Members:
    return {lang: first[lang] + second[lang] for lang in first}


def _heading_part(part: _Members, blocks: Mapping[str, Block]) -> list[_Members]:
    """Split the opening headings off ``part`` when every language in it opens with one,
    and the closing headings when every language closes with one (a third language ran
    its paragraph into the next heading).

    >>> from aligner.model import Block
    >>> blocks = {i: Block(i, k, 1, "…") for i, k in
    ...           [("de.h1", "head"), ("de.p1", "p"), ("fr.h1", "head"), ("fr.p1", "p")]}
    >>> _heading_part({"de": ("de.h1", "de.p1"), "fr": ("fr.h1", "fr.p1")}, blocks)
    [{'de': ('de.h1',), 'fr': ('fr.h1',)}, {'de': ('de.p1',), 'fr': ('fr.p1',)}]
    >>> _heading_part({"de": ("de.p1", "de.h1"), "fr": ("fr.p1", "fr.h1")}, blocks)
    [{'de': ('de.p1',), 'fr': ('fr.p1',)}, {'de': ('de.h1',), 'fr': ('fr.h1',)}]
    >>> len(_heading_part({"de": ("de.h1", "de.p1"), "fr": ("fr.p1",)}, blocks))
    1
    """
    present = [lang for lang, ids in part.items() if ids]

    def heads(ids: Sequence[str]) -> int:
        n = 0
        while n < len(ids) and blocks[ids[n]].kind == "head":
            n += 1
        return n

    lead = {lang: heads(ids) for lang, ids in part.items()}
    if all(lead[lang] for lang in present) and any(
        lead[lang] < len(part[lang]) for lang in present
    ):
        head = {lang: ids[: lead[lang]] for lang, ids in part.items()}
        rest = {lang: ids[lead[lang] :] for lang, ids in part.items()}
        return [head, *_heading_part(rest, blocks)]
    tail = {lang: heads(ids[::-1]) for lang, ids in part.items()}
    if all(tail[lang] for lang in present) and any(
        tail[lang] < len(part[lang]) for lang in present
    ):
        rest = {lang: ids[: len(ids) - tail[lang]] for lang, ids in part.items()}
        return [rest, {lang: ids[len(ids) - tail[lang] :] for lang, ids in part.items()}]
    return [part]


def _gaps(document: Document, beads: Sequence[Bead], langs: Sequence[str]) -> tuple[Gap, ...]:
    """Return the runs of consecutive ``beads`` that lack the same chosen languages."""
    if len(langs) < 2:
        return ()
    blocks = {b.id: b for lang in langs for b in document.version(lang).blocks}
    runs: list[tuple[tuple[str, ...], list[Bead]]] = []
    last = -2  # index of the last bead that lacked some language
    for k, bead in enumerate(beads):
        missing = tuple(lang for lang in langs if not bead.ids(lang))
        if not missing:
            continue
        if runs and runs[-1][0] == missing and last == k - 1:
            runs[-1][1].append(bead)
        else:
            runs.append((missing, [bead]))
        last = k
    return tuple(_gap(missing, run, langs, blocks) for missing, run in runs)


def _gap(
    missing: tuple[str, ...], run: Sequence[Bead], langs: Sequence[str], blocks: Mapping[str, Block]
) -> Gap:
    found = []
    for lang in langs:
        ids = tuple(i for bead in run for i in bead.ids(lang) if i in blocks)
        if not ids:
            continue
        texts = [blocks[i] for i in ids]
        found.append(
            Run(
                lang,
                ids,
                tuple(b.n for b in texts if b.kind == "p"),
                sum(b.kind == "head" for b in texts),
                sum(len(b.text.split()) for b in texts),
            )
        )
    return Gap(tuple(b.id for b in run), missing, tuple(found))


def _count(n: int, noun: str) -> str:
    """Return ``n noun(s)`` with thousands grouped, or nothing for zero.

    >>> _count(1, "word"), _count(1234, "word"), _count(0, "heading")
    ('1 word', '1,234 words', '')
    """
    if not n:
        return ""
    return f"{n:,} {noun}" if n == 1 else f"{n:,} {noun}s"


def _run_label(run: Run, locale: str) -> str:
    """Say which paragraphs of one language a gap holds, by their display numbers.

    >>> _run_label(Run("en", ("en.p4",), (4,), 0, 83), "en")
    'English paragraph 4 (83 words)'
    >>> _run_label(Run("en", ("en.h1",), (), 1, 3), "en")
    'English heading (3 words)'
    >>> _run_label(Run("en", ("en.h1", "en.p2"), (2,), 1, 5), "ru")
    'английский текст, абзац 2 и 1 заголовок (5 слов)'
    """
    said = []
    numbers = run.paragraphs
    if len(numbers) == 1:
        said.append(say("band.paragraph", locale, n=numbers[0]))
    elif numbers:
        said.append(say("band.paragraphs", locale, first=numbers[0], last=numbers[-1]))
    if run.headings > 1 or (run.headings and said):
        said.append(counted("band.headings", run.headings, locale))
    elif run.headings:
        said.append(say("band.heading", locale))
    parts = listed(said, locale)
    words = counted("band.words", run.words, locale)
    return say("band.run", locale, lang=language_in(run.lang, locale), parts=parts, words=words)
