"""Tell a masthead's lines from text: the issuing body, the distribution, the original.

An official document prints above its text, besides its symbol and date of issue, who issues
it ("United Nations", "General Assembly", "Economic and Social Council"), how it is
distributed ("Distr.: General", "Distr. limitada") and the language it was written in
("Original: English", "Russian Original: English", or the version's language alone over
it). Such a line is neither the title nor a
paragraph. :func:`is_masthead` asks the data of every language at once
(``languages/data/mastheads.json``: names, distribution labels, original labels; language
names from babel), since a reader asks before it knows the text's language.
"""

from __future__ import annotations

import json
import re
from functools import lru_cache
from importlib import resources

from babel import Locale

from languages.profiles import profiled_languages

__all__ = ["is_masthead"]

_MAX_LINE = 120  # characters: a longer line is text
_MAX_VALUE_WORDS = 3  # "Distr.: General", "Verteilung: Allgemein", "Distr. limitada"


def is_masthead(line: str) -> bool:
    """Tell whether ``line`` is a masthead's: names of issuing bodies, nothing else; a
    distribution line; an original-language line.

    >>> [is_masthead(t) for t in ("General Assembly", "United Nations Security Council",
    ...                           "Distr.: General", "Distr. limitada", "Original: English",
    ...                           "Russian Original: English", "Язык оригинала: английский")]
    [True, True, True, True, True, True, True]
    >>> [is_masthead(t) for t in ("The General Assembly,", "Assembly", "Distribution of aid",
    ...                           "Original: the text was revised in May.", "Russian")]
    [False, False, False, False, True]
    """
    text = _fold(line)
    if not text or len(text) > _MAX_LINE:
        return False
    names, distribution, original = _data()
    if names.fullmatch(text) or original.fullmatch(text) or text in _language_names():
        return True  # "Russian" over "Original: English": the version's language
    found = distribution.match(text)
    if not found:
        return False
    value = text[found.end() :].split()
    return 0 < len(value) <= _MAX_VALUE_WORDS and not value[-1].endswith((".", "!", "?", ","))


def _fold(text: str) -> str:
    return " ".join(text.casefold().replace("’", "'").split())


@lru_cache(maxsize=1)
def _data() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    """Return the patterns of the names, the distribution and original lines, from the data."""
    path = resources.files("languages") / "data" / "mastheads.json"
    loaded = json.loads(path.read_text(encoding="utf-8"))
    entries = [v for k, v in loaded.items() if not k.startswith("_")]
    names = {_fold(n) for e in entries for n in e.get("names", ())}
    labels = {_fold(n) for e in entries for n in e.get("distribution", ())}
    originals = {_fold(n) for e in entries for n in e.get("original", ())}
    languages = _language_names()

    def any_of(words: set[str] | frozenset[str]) -> str:
        return "|".join(re.escape(w) for w in sorted(words, key=lambda w: (-len(w), w)))

    dotted = {w for w in labels if w.endswith(".")}  # "Distr. limitada", "Distr.: General"
    # a word needs its colon: "Distribution: General", not "Distribution of aid"
    distribution = rf"(?:{any_of(dotted)})(?:\s*:\s*|\s+)|(?:{any_of(labels - dotted)})\s*:\s*"
    langs = any_of(languages)
    return (
        re.compile(rf"(?:{any_of(names)})(?: (?:{any_of(names)}))*"),
        re.compile(distribution),
        re.compile(rf"(?:(?:{langs}) )?(?:{any_of(originals)}) ?: ?(?:{langs})"),
    )


@lru_cache(maxsize=1)
def _language_names() -> frozenset[str]:
    """Return the names of the profiled languages in each of them, folded ("anglais")."""
    codes = profiled_languages()
    found: set[str] = set()
    for code in codes:
        names = Locale.parse(code).languages
        found.update(_fold(names[other]) for other in codes if other in names)
    return frozenset(found)
