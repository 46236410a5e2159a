"""Split a paragraph into sentences using the rules of a :class:`LanguageProfile`.

The splitter only cuts at a space that follows sentence-final punctuation (and any quotes or
brackets attached to it), so joining the sentences with one space gives back the
whitespace-collapsed paragraph exactly. Whether a candidate is a boundary depends on the
word before the punctuation (abbreviation, initial, ordinal number, list label) and on how
the next sentence would start: with a typical opener ("The", "Die", "Мы"), with some other
capital, with a digit, or not at all (lower case, a comma).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import Enum
from functools import lru_cache

from languages.profiles import LanguageProfile

# No-break spaces are typography (French "Question :", "12,5 millions"), not layout.
_NO_BREAK = frozenset("\u00a0\u202f\u2007")
#: a run of whitespace holding at least one breaking space (one of only no-break spaces is
#: typography and stays)
_BREAKING_RUN = re.compile(r"\s*[^\S\u00a0\u202f\u2007]\s*")
_QUOTES = "\"'«»‹›“”„‟‘’‚‛"
_ATTACHED = _QUOTES + ")]}" + "".join(_NO_BREAK)
_OPENERS = _QUOTES + "([{¿¡–—-" + "".join(_NO_BREAK)
_DASHES = "–—-"
# a word up to an elision apostrophe, as starters list it: "L’accord" -> "L’"
_STARTER = re.compile(r"[^\W\d_]+[’']?")
# a whole word with its hyphens and elisions: "Во-первых", "C’est", "Aujourd’hui"
_WHOLE_WORD = re.compile(r"[^\W\d_]+(?:[-’'][^\W\d_]+)*")
_LIST_ITEM = re.compile(r"\(?(?:\d{1,3}|[^\W\d_]|[ivxlcIVXLC]{1,5})\)")
_LABEL_ONLY = re.compile(
    r"[(\[]?(?:\d{1,3}(?:\.\d{1,3})*|[IVXLCDM]{1,7}|[ivxlcdm]{1,7}|[^\W\d_])\."
)
_ACRONYM = re.compile(r"(?:[^\W\d_]{1,2}\.)+[^\W\d_]{1,2}")
_ORDINAL = re.compile(r"(?:\d{1,3}\.?[-–])?\d{1,3}(?:\.\d{1,2})?")  # 20. / 12.–14. / 1.5.
_NUMBER = re.compile(r"\d[\d.,\u00a0\u202f]*")
# An ambiguous abbreviation after a number ("2026 г.") ends a sentence of this many words.
_LONG_SENTENCE = 5


class _Start(Enum):
    """How the text after a candidate boundary begins."""

    NONE = 0  # lower case or punctuation: the sentence goes on
    DIGIT = 1
    WEAK = 2  # a capitalised word that could also be a name inside a sentence
    STRONG = 3  # a typical sentence opener, a quote, a dash or a list label


class _Abbrev(Enum):
    NEVER = 0
    BEFORE_NUMBER = 1
    TERMINAL = 2
    AMBIGUOUS = 3


@dataclass(frozen=True)
class _Rules:
    abbreviations: dict[str, _Abbrev]
    longest: int
    starters: frozenset[str]
    close_only: frozenset[str]
    ordinal_dot: bool
    candidate: re.Pattern[str]


def collapse_whitespace(text: str) -> str:
    """Turn runs of breaking whitespace into one space and strip both ends.

    Runs made only of no-break spaces (U+00A0, U+202F, U+2007) are kept: they are part of
    the typography, as before a French question mark.

    >>> collapse_whitespace("  Frage:\\n Wer  kommt?\\t")
    'Frage: Wer kommt?'
    >>> collapse_whitespace("Qui\\u202f? ") == "Qui\\u202f?"
    True
    """

    if not any(ch in text for ch in _NO_BREAK):
        return " ".join(text.split())  # the same, many times faster: str.split() knows \s
    return _BREAKING_RUN.sub(" ", text).strip()


def split_sentences(text: str, profile: LanguageProfile) -> list[str]:
    """Split a paragraph into sentences; ``" ".join`` of the result is the collapsed text.

    >>> from languages.profiles import profile
    >>> split_sentences("Am 20. Mai sprach Dr. Weber, z. B. über Nr. 5. Die Sitzung endete.",
    ...                 profile("de"))
    ['Am 20. Mai sprach Dr. Weber, z. B. über Nr. 5.', 'Die Sitzung endete.']
    >>> split_sentences("Встречу провёл С. В. Лавров, т. е. министр. Итоги подведены.",
    ...                 profile("ru"))
    ['Встречу провёл С. В. Лавров, т. е. министр.', 'Итоги подведены.']
    >>> split_sentences("¿Vendrá el Sr. Díaz? ¡Claro! Llega a EE. UU. el lunes.", profile("es"))
    ['¿Vendrá el Sr. Díaz?', '¡Claro!', 'Llega a EE. UU. el lunes.']
    >>> split_sentences("M. Martin a dit : « C’est fini. » Puis il est parti.", profile("fr"))
    ['M. Martin a dit : « C’est fini. »', 'Puis il est parti.']
    >>> split_sentences("Growth was 1.5 percent, i.e. modest. See www.un.org. Thanks.",
    ...                 profile("en"))
    ['Growth was 1.5 percent, i.e. modest.', 'See www.un.org.', 'Thanks.']
    """
    text = collapse_whitespace(text)
    if not text:
        return []
    rules = _rules(profile)
    sentences: list[str] = []
    begin = 0
    for match in rules.candidate.finditer(text):
        cut = _cut_after_detached_closers(text, match.end(), rules)
        if cut is None or cut <= begin:
            continue
        start = _start(text, cut + 1, rules)
        if _is_boundary(text, match, begin, start, rules):
            sentences.append(text[begin:cut])
            begin = cut + 1
    sentences.append(text[begin:])
    return sentences


@lru_cache(maxsize=64)
def _rules(profile: LanguageProfile) -> _Rules:
    table: dict[str, _Abbrev] = {}
    # later lists win, so an abbreviation listed twice takes the most cautious reading
    for kind, items in (
        (_Abbrev.AMBIGUOUS, profile.abbreviations_ambiguous),
        (_Abbrev.TERMINAL, profile.abbreviations_terminal),
        (_Abbrev.BEFORE_NUMBER, profile.abbreviations_before_number),
        (_Abbrev.NEVER, profile.abbreviations),
    ):
        table.update((_key(item), kind) for item in items)
    # at the start of a sentence "z. B." is printed "Z. B.", "т. е." is "Т. е."
    for key, kind in list(table.items()):
        table.setdefault(key[:1].upper() + key[1:], kind)
    closers = profile.closing_quotes - profile.opening_quotes
    final = re.escape(profile.sentence_final)
    attached = re.escape(_ATTACHED)
    return _Rules(
        abbreviations=table,
        longest=max((len(item) for item in table), default=0),
        starters=frozenset(s.split()[0] for s in profile.sentence_starters if s.split()),
        close_only=frozenset(closers),
        ordinal_dot=profile.ordinal_dot,
        candidate=re.compile(f"[{final}]+[{attached}]*(?= )"),
    )


def _key(abbreviation: str) -> str:
    return "".join(abbreviation.split())  # without any whitespace


def _cut_after_detached_closers(text: str, space: int, rules: _Rules) -> int | None:
    """Return where to cut: at ``space``, or after a closing quote set off by a space."""
    end = space + 1
    while end < len(text) and (text[end] in rules.close_only or text[end] in _NO_BREAK):
        end += 1
    if end == space + 1:
        return space
    if end == len(text):
        return None
    return end if text[end] == " " else space


def _start(text: str, i: int, rules: _Rules) -> _Start:
    opened = False
    while i < len(text) and text[i] in _OPENERS:
        if _LIST_ITEM.match(text, i):
            break
        opened = True
        i += 1
        # a dialogue dash is set off by a space: "— Да."
        if text[i - 1] in _DASHES and i < len(text) and text[i] == " ":
            i += 1
    if i >= len(text):
        return _Start.NONE
    ch = text[i]
    if _LIST_ITEM.match(text, i):
        # "a)" opens an item; "14)" may just as well close a bracket: "(see p. 14)"
        return _Start.DIGIT if ch.isdigit() else _Start.STRONG
    if ch.isdigit():
        return _Start.STRONG if opened else _Start.DIGIT
    if not ch.isupper():
        return _Start.NONE
    if opened:
        return _Start.STRONG
    word = _STARTER.match(text, i)
    token = word.group() if word else ch
    if len(token) == 1 and text.startswith(".", i + 1):
        return _Start.WEAK  # another initial ("С. В. Лавров"), even if it looks like "В"
    whole = _WHOLE_WORD.match(text, i)
    if token in rules.starters or (whole and whole.group() in rules.starters):
        return _Start.STRONG
    return _Start.WEAK


def _is_boundary(text: str, match: re.Match[str], begin: int, start: _Start, rules: _Rules) -> bool:
    if start is _Start.NONE:
        return False
    cluster = match.group().rstrip(_ATTACHED)
    if any(mark in cluster for mark in "?!‼⁇"):
        return True
    if "…" in cluster or ".." in cluster:
        # "[…]" and "(...)" mark an omission inside a quotation
        before = text[match.start() - 1] if match.start() > begin else ""
        return before not in "([" and start is not _Start.DIGIT
    if not cluster.endswith("."):
        return True
    dot = match.start() + len(cluster) - 1
    return _dot_ends_sentence(text, dot, begin, start, rules)


def _dot_ends_sentence(text: str, dot: int, begin: int, start: _Start, rules: _Rules) -> bool:
    if _LABEL_ONLY.fullmatch(text, begin, dot + 1):
        return False
    abbreviation, abbreviation_start = _abbreviation(text, dot, begin, rules)
    if abbreviation is _Abbrev.NEVER:
        return False
    if abbreviation is _Abbrev.BEFORE_NUMBER and start is _Start.DIGIT:
        return False
    if abbreviation is _Abbrev.AMBIGUOUS:
        return start is _Start.STRONG or (
            start is _Start.WEAK and _after_number(text, abbreviation_start, dot, begin)
        )
    if abbreviation is _Abbrev.TERMINAL:
        return True
    token_start = max(text.rfind(" ", begin, dot) + 1, begin)
    core = text[token_start:dot].lstrip(_OPENERS)
    if len(core) == 1 and core.isalpha():
        if core.islower() and _after_number(text, token_start, dot, begin):
            return True  # a unit: "um 18 h.", "в 10 ч."
        return start is _Start.STRONG  # an initial: "S. Lavrov", "С. В. Лавров"
    if _ACRONYM.fullmatch(core):
        return start is _Start.STRONG  # "U.S.", "e.g.", "С.В."
    if rules.ordinal_dot and _ORDINAL.fullmatch(core):
        return start is _Start.STRONG  # "am 20. Mai", "17. júní"
    return True


def _abbreviation(text: str, dot: int, begin: int, rules: _Rules) -> tuple[_Abbrev | None, int]:
    """Return the kind and start of the longest listed abbreviation that ends at ``dot``."""
    lowest = max(begin, dot + 1 - 2 * rules.longest)
    for i in range(lowest, dot + 1):
        at_word_start = i == begin or text[i - 1] == " " or text[i - 1] in _OPENERS
        if not at_word_start or text[i] == " ":
            continue
        kind = rules.abbreviations.get(_key(text[i : dot + 1]))
        if kind is not None:
            return kind, i
    return None, dot


def _after_number(text: str, start: int, dot: int, begin: int) -> bool:
    """Tell whether the abbreviation at ``start:dot`` follows a number in a long sentence.

    The number may be one word away: "3,4 млрд руб.", "2 Mio. Euro".
    """
    # look at a bounded window only: a paragraph without boundaries must stay linear
    before = text[max(begin, start - 40) : start].split()
    if not any(_NUMBER.fullmatch(w) for w in before[-2:]):
        return False
    spaces, at = 0, begin
    while spaces < _LONG_SENTENCE - 1 and (at := text.find(" ", at, dot) + 1) > 0:
        spaces += 1
    return spaces >= _LONG_SENTENCE - 1
