"""Turn a reader's :class:`SourceText` into a segmented :class:`Version`.

Blocks get the ids of ../shared/TEI.md, paragraphs are split into sentences, and the
question-and-answer part is recognised from speaker labels ("Question:", "Вопрос:",
"С.В.Лавров:"). All language knowledge comes from :mod:`languages.profiles`.

What counts as a speaker label is deliberately strict, because a wrong label removes
words from a paragraph. A label is the start of a paragraph up to a colon that is followed
by a space or ends the paragraph, and it is one of:

- a role word of the language ("Frage", "Réponse", "Вопрос"), optionally with a remark in
  brackets ("Вопрос (перевод с английского):", "Question (addressed to A. Guterres):");
- a name with initials ("С.В.Лавров", "S. Lavrov", "Lavrov S.V.") or a surname the
  language's data lists ("Lawrow");
- two to four capitalised name words ("Sergey Lavrov", "Jean-Yves Le Drian"), none of them
  a typical sentence opener or a word the language lists as never naming a speaker. Such a
  bare name is only believed when the document has another label of the kinds above, or
  uses some label twice: "Wichtige Termine:" alone in a press release stays text.

A name may carry a remark in brackets too ("Sergey Lavrov (speaking after Antonio
Guterres):", "С.В.Лавров (отвечает после А.Гутерреша):"); the person is the name before it.
Each version names its speakers in its own spelling: :func:`unify_speakers` gives a person
the same id in every version ("guterresh" from Russian and "guterres" are one person).
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, replace

from aligner import ids
from aligner.errors import LanguageError
from aligner.model import Block, RawBlock, Sentence, Source, SourceText, Turn, Version, solid
from languages.profiles import LanguageProfile, profile
from languages.sentences import collapse_whitespace, split_sentences
from languages.translit import to_latin

_LABEL = re.compile(r"(?P<body>[^:]{1,60}?)[ \u00a0\u202f]?:(?= |\u00a0|\u202f|$)")
_REMARK = re.compile(r"\s*\([^()]{1,60}\)$")
_INITIAL = re.compile(r"[^\W\d_]{1,2}\.(?:-[^\W\d_]\.)?")
_NAME_WORD = re.compile(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*")
_MAX_NAME_WORDS = 4
# spellings that romanisations of one name differ by: Lawrow/Lavrov, Sacharowa/Zakharova,
# Guterresh/Guterres, Lindqvist/Lindkvist
_SOUND_FOLDS = (
    ("sch", "sh"), ("w", "v"), ("ph", "f"), ("ck", "k"), ("q", "k"), ("c", "k"), ("z", "s"),
    ("j", "i"), ("y", "i"), ("ou", "u"), ("h", ""),
)  # fmt: skip


@dataclass(frozen=True)
class _Label:
    printed: str  # the label as printed, colon included: "Вопрос:", "Question :"
    who: str
    rest: str  # the paragraph without the label
    certain: bool  # a role word, initials or a known surname, not just capitalised words


def segment(text: SourceText, lang: str) -> Version:
    """Number the blocks of ``text``, split paragraphs into sentences and find speaker turns.

    Raise :class:`~aligner.errors.LanguageError` when babel does not know ``lang``.
    """
    try:
        rules = profile(lang)
    except LanguageError as exc:
        raise LanguageError(exc.message, lang=exc.lang, path=text.source.filename) from exc
    kept = [(b, body) for b in text.blocks if (body := _normalise(b.text))]
    blocks = _blocks(kept, rules)
    given = _normalise(text.title or "")
    title = given or next((b.text for b in blocks if b.kind == "head"), None)
    return Version(
        lang=rules.code,
        blocks=tuple(blocks),
        source=_declared_for(text.source, rules.code),
        title=title,
        date=text.date,
        original=False,
        dropped=tuple(_normalise(line) for line in text.dropped),
        date_text=_normalise(text.date_text) if text.date and text.date_text else None,
        front=tuple(replace(item, text=_normalise(item.text)) for item in text.front),
    )


def _blocks(kept: Sequence[tuple[RawBlock, str]], rules: LanguageProfile) -> list[Block]:
    """Number the blocks (each with its normalised text), split paragraphs into sentences
    and open a speaker turn at each speaker label."""
    code = rules.code
    raw = [(b.kind, body) for b, body in kept]
    labels = _accepted_labels(
        [_label(body, rules) if kind != "head" else None for kind, body in raw]
    )
    blocks: list[Block] = []
    counts = {"p": 0, "head": 0, "sp": 0}
    section = "statement"
    turn: Turn | None = None
    pending: _Label | None = None  # a label printed alone, waiting for its paragraph
    for i, (kind, body) in enumerate(raw):
        if kind == "head":
            turn = None
            counts["head"] += 1
            n = counts["head"]
            head = Block(ids.block_id(code, "head", n), "head", n, body, section=section)
            blocks.append(_placed(head, kept[i][0]))
            continue
        found = labels[i]
        if found is not None and not found.rest:
            if _opens_paragraph(raw, labels, i + 1):
                pending = found
                continue
            found = None  # nothing for the label to introduce: keep it as text
        label = found or pending
        pending = None
        if label is not None:
            counts["sp"] += 1
            turn = Turn(f"{code}.sp{counts['sp']}", label.printed, label.who)
            section = "qa"
        if found is not None:
            body = found.rest
        counts["p"] += 1
        para = _paragraph(counts["p"], body, rules, section=section, turn=turn)
        blocks.append(_placed(para, kept[i][0], solid(kept[i][1]) - solid(body)))
    return blocks


def _paragraph(
    n: int, body: str, rules: LanguageProfile, *, section: str, turn: Turn | None
) -> Block:
    """Return paragraph ``n`` of its version: ``body`` split into numbered sentences."""
    block_id = ids.block_id(rules.code, "p", n)
    sentences = tuple(
        Sentence(ids.sentence_id(block_id, m), s)
        for m, s in enumerate(split_sentences(body, rules), 1)
    )
    joined = " ".join(s.text for s in sentences)
    return Block(block_id, "p", n, joined, sentences, section=section, turn=turn)


def _placed(block: Block, raw: RawBlock, cut: int = 0) -> Block:
    """Give ``block`` the page and the notes of the raw block it was made of, whose first
    ``cut`` characters other than space (a speaker label) it lacks."""
    notes = tuple(replace(note, at=max(0, note.at - cut)) for note in raw.notes)
    return replace(block, page=raw.page, page_label=raw.page_label, notes=notes)


def _declared_for(source: Source, code: str) -> Source:
    """Return ``source`` without its declared tag when that tag names another language.

    >>> british = Source("0", tag="en-GB")
    >>> _declared_for(british, "en").tag, _declared_for(british, "de").tag
    ('en-GB', None)
    """
    if source.tag is None or source.tag.split("-")[0] == code:
        return source
    return replace(source, tag=None)


def speaker_label(paragraph: str, lang: str) -> tuple[str, str, str] | None:
    """Return ``(label as printed, who, rest of the paragraph)`` if it opens with a label.

    This is the check for one paragraph on its own; :func:`segment` also asks that a bare
    name ("Maria Zakharova:") be backed up by the rest of the document.

    >>> speaker_label("Вопрос: Когда?", "ru")
    ('Вопрос:', 'journalist', 'Когда?')
    >>> speaker_label("С.В.Лавров: Спасибо.", "ru")
    ('С.В.Лавров:', 'lavrov', 'Спасибо.')
    >>> speaker_label("Im Einzelnen: Die Zahl stieg.", "de") is None
    True
    """
    found = _label(_normalise(paragraph), profile(lang))
    return (found.printed, found.who, found.rest) if found else None


def _normalise(text: str) -> str:
    return collapse_whitespace(unicodedata.normalize("NFC", text))


def bare_label(printed: str) -> str:
    """Return a label as printed without its colon and remark: the speaker's name.

    >>> bare_label("Sergey Lavrov (speaking after Antonio Guterres):"), bare_label("Frage :")
    ('Sergey Lavrov', 'Frage')
    """
    return _REMARK.sub("", printed.rstrip(" :\u00a0\u202f"))


def unify_speakers(versions: Sequence[Version], roles: frozenset[str]) -> list[Version]:
    """Give a person named in several versions one id, whatever each version's spelling.

    Ids that fold to the same sound key (``w``/``v``, ``kh``/``h``, doubled letters, a final
    ``h`` after ``s``) are one person; the id most versions use wins, then the shortest.
    Role ids (``roles``: "journalist", "spokesperson") are left as they are.

    >>> speaker_key("guterresh"), speaker_key("guterres"), speaker_key("lawrow")
    ('guteres', 'guteres', 'lavrov')
    """
    spellings: dict[str, Counter[str]] = defaultdict(Counter)
    for v in versions:
        for who in {b.turn.who for b in v.blocks if b.turn is not None} - roles:
            spellings[speaker_key(who)][who] += 1
    chosen: dict[str, str] = {}
    for counts in spellings.values():
        best = min(counts, key=lambda who: (-counts[who], len(who), who))
        chosen.update({who: best for who in counts if who != best})
    if not chosen:
        return list(versions)
    return [_renamed(v, chosen) for v in versions]


def speaker_key(who: str) -> str:
    """Fold a person id to a key that common romanisations of one name share."""
    key = who
    for old, new in _SOUND_FOLDS:
        key = key.replace(old, new)
    return re.sub(r"(.)\1+", r"\1", key)


def _renamed(version: Version, chosen: dict[str, str]) -> Version:
    turns: dict[str, Turn] = {}
    blocks = []
    for b in version.blocks:
        if b.turn is not None and b.turn.who in chosen:
            turn = turns.setdefault(b.turn.id, replace(b.turn, who=chosen[b.turn.who]))
            b = replace(b, turn=turn)
        blocks.append(b)
    return replace(version, blocks=tuple(blocks))


def _opens_paragraph(
    raw: Sequence[tuple[str, str]], labels: Sequence[_Label | None], i: int
) -> bool:
    """Tell whether block ``i`` is a paragraph a label printed alone can introduce."""
    return i < len(raw) and raw[i][0] != "head" and labels[i] is None


def _accepted_labels(found: list[_Label | None]) -> list[_Label | None]:
    """Drop bare-name labels unless the document shows it is a dialogue.

    A dialogue has a certain label somewhere, or uses one label twice.
    """
    counts = Counter(f.printed for f in found if f is not None)
    dialogue = any(f is not None and f.certain for f in found) or any(
        n > 1 for n in counts.values()
    )
    return [f if f is not None and (f.certain or dialogue) else None for f in found]


def _label(paragraph: str, rules: LanguageProfile) -> _Label | None:
    match = _LABEL.match(paragraph)
    if match is None:
        return None
    body = match["body"].strip()
    printed = paragraph[: match.end()]
    rest = paragraph[match.end() :].strip()
    base = _REMARK.sub("", body)
    if base[:1].isupper():
        role = rules.role(base)
        if role is not None:
            return _Label(printed, role, rest, certain=True)
    name = _name(base, rules)
    if name is None:
        return None
    who, certain = name
    return _Label(printed, who, rest, certain)


def _name(body: str, rules: LanguageProfile) -> tuple[str, bool] | None:
    """Return ``(person id, certain)`` if ``body`` reads as a person's name."""
    tokens = body.split(" ")
    initials = 0  # initials and titles: evidence that a person is meant
    while len(tokens) > 1 and tokens[0][:1].isupper() and tokens[0] in rules.abbreviations:
        initials += 1
        tokens = tokens[1:]  # a title: "Dr.", "M.", "Mr."
    words: list[str] = []  # name words and particles, in order
    particles: set[int] = set()
    for token in tokens:
        rest = token
        while (initial := _INITIAL.match(rest)) and rest[0].isupper():
            initials += 1
            rest = rest[initial.end() :]
        if not rest:
            continue
        if words and rest.casefold() in rules.name_particles:
            particles.add(len(words))
        elif not (_NAME_WORD.fullmatch(rest) and rest[0].isupper()):
            return None
        words.append(rest)
    names = [w for k, w in enumerate(words) if k not in particles]
    if not names or len(names) > _MAX_NAME_WORDS or len(words) - 1 in particles:
        return None
    if any(w in rules.sentence_starters or w in rules.non_speaker_words for w in names):
        return None
    surname = _surname(words, rules)
    known = rules.person(words[-1])
    who = known or _slug(surname)
    if known or (initials and len(names) <= 2):
        return who, True
    if len(names) >= 2:
        return who, False
    return None


def _surname(words: list[str], rules: LanguageProfile) -> list[str]:
    """Return the last name word with the particles before it: "Le Drian", "von der Leyen"."""
    i = len(words) - 1
    while i > 1 and words[i - 1].casefold() in rules.name_particles:
        i -= 1
    return words[i:]


def _slug(surname: list[str]) -> str:
    """Return an XML-safe person id from a surname, the same for every script it is in.

    >>> _slug(["Лавров"]), _slug(["Lavrov"]), _slug(["Le", "Drian"])
    ('lavrov', 'lavrov', 'le-drian')
    """
    latin = to_latin(" ".join(surname))
    slug = re.sub(r"[^a-z0-9]+", "-", latin).strip("-")
    if not slug or not slug[0].isalpha():
        digest = hashlib.sha1(" ".join(surname).encode("utf-8")).hexdigest()[:8]
        return f"speaker-{digest}"
    return slug
