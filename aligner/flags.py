"""Why a bead deserves a second look: the review flags, decided here once for every caller.

A bead *asks for review* when it is automatic and its cert is below :data:`REVIEW_BELOW`
(the calibrated line :data:`aligner.model.SURE`): ``aligner align`` lists such beads, the
exports shade them, the page marks them and XLIFF leaves their targets
``needs-review-translation``. Beside that, a row of the side-by-side table is flagged when
some versions have no text in it (``unaligned``), when one version puts another number
where the others agree (``numbers-differ``, :func:`numbers_off`), or when one is much
shorter than the others (``omission``). :func:`bead_flags` decides them all for one bead;
:mod:`exports.table` lays them out, the service and the CLI ask the same functions.

Everything here is pure: texts in, flags out.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Literal

from aligner.model import SURE, Bead
from languages.messages import decimal, language_in, listed, percent, say, spoken
from languages.numbers import Number, quantities

__all__ = [
    "REVIEW_BELOW",
    "Flag",
    "FlagKind",
    "bead_flags",
    "length_scale",
    "needs_review",
    "numbers_off",
    "numbers_reason",
    "omission_reason",
    "review_beads",
    "score",
]

#: automatic beads scored below this ask for review (the calibrated line)
REVIEW_BELOW = SURE

FlagKind = Literal["missing-run", "unaligned", "low-confidence", "numbers-differ", "omission"]


@dataclass(frozen=True, slots=True)
class Flag:
    """Why a row deserves a second look, in words a reader understands."""

    kind: FlagKind
    reason: str


def needs_review(cert: float, status: str, *, below: float = REVIEW_BELOW) -> bool:
    """Tell whether a bead asks for review: automatic and scored under ``below``.

    >>> needs_review(0.87, "auto"), needs_review(0.9, "auto"), needs_review(0.2, "manual")
    (True, False, False)
    """
    return status != "manual" and cert < below


def review_beads(beads: Iterable[Bead], *, below: float = REVIEW_BELOW) -> list[Bead]:
    """Return the beads that ask for review, in order."""
    return [b for b in beads if needs_review(b.cert, b.status, below=below)]


def score(cert: float) -> str:
    """Format an alignment score the same way in every format.

    >>> score(0.6249), score(1.0)
    ('0.62', '1.00')
    """
    return f"{cert:.2f}"


def bead_flags(
    texts: Mapping[str, str],
    cert: float,
    status: str,
    *,
    review_below: float = REVIEW_BELOW,
    compare: bool = True,
    scale: Mapping[str, float] | None = None,
    locale: str = "en",
) -> tuple[Flag, ...]:
    """Return the flags of one bead whose chosen languages hold ``texts`` (in column order).

    A language with no text in the bead maps to an empty string. Without ``compare`` no
    number or length is compared; ``scale`` is :func:`length_scale` of the whole table.
    The reasons are said in ``locale`` (:mod:`languages.messages`).

    >>> tuple(f.kind for f in bead_flags({"de": "Zwei Gäste.", "en": ""}, 0.5, "auto"))
    ('unaligned', 'low-confidence')
    """
    flags: list[Flag] = []
    missing = [lang for lang, text in texts.items() if not text.strip()]
    present = {lang: text for lang, text in texts.items() if lang not in missing}
    if missing and len(texts) > 1:
        if len(present) == 1:
            reason = say("reason.only", locale, lang=language_in(next(iter(present)), locale))
        else:
            names = [language_in(m, locale) for m in missing]
            reason = say("reason.none", locale, langs=listed(names, locale))
        flags.append(Flag("unaligned", reason))
    if needs_review(cert, status, below=review_below):
        cert_said, below_said = (decimal(score(c), locale) for c in (cert, review_below))
        reason = say("reason.low-confidence", locale, cert=cert_said, below=below_said)
        flags.append(Flag("low-confidence", reason))
    if compare:
        differ = numbers_reason(present, locale=locale)
        if differ:
            flags.append(Flag("numbers-differ", differ))
        shorter = omission_reason(present, scale or {}, locale=locale)
        if shorter:
            flags.append(Flag("omission", shorter))
    return tuple(flags)


def numbers_reason(texts: Mapping[str, str], *, locale: str = "en") -> str | None:
    """Say which version puts another number where the others agree, or return None.

    Quantities are compared by value (:func:`languages.numbers.quantities`: scale words,
    times, dates written either way). A version is flagged only when it has a number the
    others lack *and* lacks one they have: a number said in words, a date on a line of its
    own or "Article premier" only go missing in one version, and a reviewer stops reading
    flags that cry wolf. Against several versions "the others" are the numbers most of them
    share; between two, each is held against the first.
    """
    if len(texts) < 2:
        return None
    found = {lang: quantities(text, lang=lang) for lang, text in texts.items()}
    parts = []
    for lang, (extra, lacking) in numbers_off(found).items():
        written = {q.value: q.written for q in reversed(found[lang])}
        shown = ", ".join(written[v] for v in sorted(extra.elements()))
        missed = ", ".join(spoken(v, locale) for v in sorted(lacking.elements()))
        name = language_in(lang, locale)
        parts.append(say("reason.numbers-part", locale, lang=name, shown=shown, missed=missed))
    return say("reason.numbers", locale, parts="; ".join(parts)) if parts else None


def numbers_off(
    found: Mapping[str, Sequence[Number]],
) -> dict[str, tuple[Counter[Decimal], Counter[Decimal]]]:
    """Return, per version whose numbers differ, what it has that the others lack and the reverse.

    ``found`` holds each version's quantities (:func:`languages.numbers.quantities`). The rule
    is :func:`numbers_reason`'s: against several versions "the others" are the numbers most
    of them share; between two, the second is held against the first. The page marks the
    beads this returns something for, so the page and the downloads flag the same beads.

    >>> from languages.numbers import quantities as q
    >>> off = numbers_off({"de": q("210 Gäste", lang="de"), "en": q("120 guests", lang="en")})
    >>> {lang: (sorted(extra), sorted(lacking)) for lang, (extra, lacking) in off.items()}
    {'en': ([Decimal('120')], [Decimal('210')])}
    >>> numbers_off({"ru": q("90 тыс. гостей", lang="ru"), "en": q("90,000 guests", lang="en")})
    {}
    """
    counts = {lang: Counter(q.value for q in numbers) for lang, numbers in found.items()}
    if len(counts) < 2:
        return {}
    if len(counts) == 2:
        first, second = counts
        expected = {second: counts[first]}
    else:
        shared = _majority(list(counts.values()))
        expected = dict.fromkeys(counts, shared)
    off = {}
    for lang, want in expected.items():
        have = counts[lang]
        extra, lacking = have - want, want - have
        if extra and lacking:
            off[lang] = (extra, lacking)
    return off


def _majority(counts: Sequence[Counter[Decimal]]) -> Counter[Decimal]:
    """Return the numbers more than half of the versions have, each as often as they have it.

    >>> _majority([Counter([1, 2]), Counter([1, 2]), Counter([1, 3])]) == Counter([1, 2])
    True
    """
    values = set().union(*counts)
    shared: Counter[Decimal] = Counter()
    for value in values:
        times = sorted((c[value] for c in counts), reverse=True)
        shared[value] = times[len(counts) // 2]  # what more than half have at least
    return +shared


# A version shorter than this share of the others (after allowing for how long the language
# runs in this document) looks like it leaves something out; with fewer sentences than every
# other version, a milder shortfall does. Shorter rows vary too much to tell.
_SHORT = 0.6
_SHORT_WITH_FEWER_SENTENCES = 0.8
_MIN_LENGTH = 60
_SENTENCE_END = re.compile(r"[.!?…](?=\s+\S|$)")


def length_scale(rows: Iterable[Mapping[str, str]]) -> dict[str, float]:
    """Return how long each language runs against the others in this document (mean 1).

    ``rows`` hold each bead's text per language. Only rows every language has text in
    count, so a missing paragraph does not skew it.

    >>> length_scale([{"de": "aaaa", "en": "aa"}, {"de": "", "en": "a"}])
    {'de': 1.3333333333333333, 'en': 0.6666666666666666}
    """
    totals: Counter[str] = Counter()
    for texts in rows:
        if texts and all(text.strip() for text in texts.values()):
            for lang, text in texts.items():
                totals[lang] += len(text)
    if len(totals) < 2:
        return {}
    mean = sum(totals.values()) / len(totals)
    return {lang: total / mean for lang, total in totals.items()}


def omission_reason(
    texts: Mapping[str, str], scale: Mapping[str, float], *, locale: str = "en"
) -> str | None:
    """Say which version looks to leave out a sentence or a clause the others have.

    Needs three versions or more: the shortfall is judged against what the others agree on.
    """
    if len(texts) < 3 or any(lang not in scale for lang in texts):
        return None
    size = {lang: len(text) / scale[lang] for lang, text in texts.items()}
    sentences = {lang: len(_SENTENCE_END.findall(text.strip())) for lang, text in texts.items()}
    parts = []
    for lang in texts:
        others = sorted(v for other, v in size.items() if other != lang)
        typical = others[len(others) // 2]
        if typical < _MIN_LENGTH:
            continue
        share = size[lang] / typical
        fewer = all(sentences[lang] < n for other, n in sentences.items() if other != lang)
        if share < _SHORT or (fewer and share < _SHORT_WITH_FEWER_SENTENCES):
            key = "reason.omission-sentence" if fewer else "reason.omission-clause"
            parts.append(
                say(key, locale, lang=language_in(lang, locale), share=percent(share, locale))
            )
    return "; ".join(parts) if parts else None
