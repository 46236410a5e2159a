"""Tell which language a text is in, among the languages in play, and warn on mismatches.

py3langid's naive Bayes model ships inside the wheel (nothing is downloaded). It is loaded
once per process; each set of candidate languages gets its own identifier that shares the
model's arrays, so the library's global identifier is never touched and a restricted set
costs only a column slice. Probabilities are normalised over the candidates only.

Language codes are ISO 639-1 where one exists; a region or script (``pt-BR``, ``sr-Latn``)
is ignored, as the model has one class per language.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Sequence
from functools import lru_cache
from typing import Any

from babel import localedata
from babel.core import get_global

from aligner.errors import LanguageError
from languages.profiles import english_name

__all__ = ["check", "dominant_script", "identify", "supported", "unload"]

_MIN_LETTERS = 200  # below this a mismatch warning is not worth the false alarms
_SURE = 0.99  # probability the other language must reach before we warn
_SAMPLE = 20_000  # characters read; enough, and keeps long texts fast
_LETTER = re.compile(r"[^\W\d_]")
_MIN_SCRIPT_LETTERS = 50  # a script is told by far fewer letters than a language
_SCRIPT_SHARE = 0.8
# Unicode's script words and the ISO 15924 codes babel's locales use for them
_SCRIPT_CODES = {
    "LATIN": ("Latn",), "CYRILLIC": ("Cyrl",), "GREEK": ("Grek",), "ARMENIAN": ("Armn",),
    "GEORGIAN": ("Geor",), "HEBREW": ("Hebr",), "ARABIC": ("Arab",), "DEVANAGARI": ("Deva",),
    "BENGALI": ("Beng",), "THAI": ("Thai",), "HANGUL": ("Kore",), "HIRAGANA": ("Jpan",),
    "KATAKANA": ("Jpan",), "CJK": ("Hans", "Hant", "Hani", "Jpan", "Kore"),
}  # fmt: skip


def supported() -> frozenset[str]:
    """Return the language codes the model knows.

    >>> {"en", "ru", "de", "fr", "es"} <= supported()
    True
    """
    return frozenset(_model().nb_classes)


def identify(text: str, candidates: Sequence[str] | None = None) -> tuple[str, float]:
    """Return the most likely language of ``text`` and its probability among the candidates.

    Candidates the model does not know are ignored; if none is left, :class:`LanguageError`.
    Only the first 20,000 characters are read: more never changes the answer, only the time.

    >>> identify("Все люди рождаются свободными и равными.", ["en", "ru"])[0]
    'ru'
    >>> identify("Die Würde des Menschen ist unantastbar.", ["en", "de", "fr"])[0]
    'de'
    """
    codes = _codes(candidates)
    if len(codes) == 1:
        return codes[0], 1.0
    best, probability = _identifier(codes).classify(text[:_SAMPLE])
    return str(best), float(probability)


def check(text: str, declared: str, candidates: Sequence[str] | None = None) -> str | None:
    """Return a one-line warning when ``text`` is clearly not in ``declared``, else ``None``.

    The text is compared with ``declared`` and the other candidates (every language the
    model knows when there are none). No warning on short texts (under 200 letters), nor
    unless another language is at least 99 % likely: a false alarm costs more than a miss
    the user sees anyway in the side-by-side view. Text in a script the declared language
    is not written in (Chinese given as German) is a mismatch from 50 letters on.

    >>> check("Все люди рождаются свободными и равными в своем достоинстве и правах. " * 4,
    ...       "en", ["en", "ru"])
    'text declared as English (en) reads as Russian (ru), 100% sure'
    >>> check("All human beings are born free and equal in dignity and rights. " * 4,
    ...       "en", ["en", "ru"]) is None
    True
    """
    lang = _primary(declared)
    problem = _language_mismatch(text, lang, candidates)
    script = dominant_script(text) if problem is None else None
    if script is not None and not _written_in(lang, script):
        best, _probability = identify(text)
        written = "Han" if script == "CJK" else script.title()
        return (
            f"text declared as {english_name(lang)} ({lang}) is in {written} script: "
            f"it reads as {english_name(best)} ({best})"
        )
    return problem


def _language_mismatch(text: str, lang: str, candidates: Sequence[str] | None) -> str | None:
    if lang not in supported():
        return None
    if len(_LETTER.findall(text[:_SAMPLE])) < _MIN_LETTERS:
        return None
    best, probability = identify(text, [lang, *candidates] if candidates is not None else None)
    if best == lang or probability < _SURE:
        return None
    return (
        f"text declared as {english_name(lang)} ({lang}) "
        f"reads as {english_name(best)} ({best}), "
        f"{probability:.0%} sure"
    )


def dominant_script(text: str) -> str | None:
    """Return the script (Unicode's name: LATIN, CYRILLIC, CJK...) of most of the letters.

    ``None`` for short texts and texts without one script holding 80 % of the letters.

    >>> dominant_script("Все люди рождаются свободными и равными в достоинстве и правах")
    'CYRILLIC'
    >>> dominant_script("外交部长回答了记者的问题" * 5), dominant_script("Hi") is None
    ('CJK', True)
    """
    counts: Counter[str] = Counter()
    for ch in _LETTER.findall(text[:_SAMPLE]):
        counts[_script_of(ch)] += 1
    total = sum(counts.values())
    if total < _MIN_SCRIPT_LETTERS:
        return None
    script, count = counts.most_common(1)[0]
    return script if count >= _SCRIPT_SHARE * total and script in _SCRIPT_CODES else None


def _written_in(lang: str, script: str) -> bool:
    """Tell whether babel knows ``lang`` written in ``script`` (likely script or a locale)."""
    likely = get_global("likely_subtags").get(lang, "")
    codes = _SCRIPT_CODES[script]
    if not likely:
        return True  # a language babel cannot place: no verdict
    return any(f"_{code}" in likely or localedata.exists(f"{lang}_{code}") for code in codes)


@lru_cache(maxsize=4096)
def _script_of(ch: str) -> str:
    return unicodedata.name(ch, "UNKNOWN").split(" ", 1)[0]


def _primary(code: str) -> str:
    return re.split(r"[-_]", code.strip())[0].lower()


def _codes(candidates: Sequence[str] | None) -> tuple[str, ...]:
    known = supported()
    if candidates is None:
        return tuple(sorted(known))
    codes = tuple(sorted({_primary(c) for c in candidates} & known))
    if not codes:
        raise LanguageError(
            f"cannot identify among {', '.join(candidates) or 'no languages'}: "
            "no language model for them"
        )
    return codes


def unload() -> None:
    """Let go of the model (~80 MB in memory); the next identification loads it again."""
    _identifier.cache_clear()
    _model.cache_clear()


@lru_cache(maxsize=1)
def _model() -> Any:
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


@lru_cache(maxsize=32)
def _identifier(codes: tuple[str, ...]) -> Any:
    """Return an identifier restricted to ``codes``, sharing the full model's arrays."""
    from py3langid.langid import LanguageIdentifier

    full = _model()
    if set(codes) == set(full.nb_classes):
        return full
    restricted = LanguageIdentifier(
        full.nb_ptc,
        full.nb_pc,
        full.nb_classes,
        full.tk_nextmove,
        full.tk_output,
        norm_probs=True,
        tk_row=full.tk_row,
    )
    restricted.set_languages(list(codes))
    return restricted
