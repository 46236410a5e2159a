"""Take a version's front matter out of its body: datelines, bylines, intros, symbols, notes.

Every reader calls :func:`split_front` on the blocks it kept. Above the text's first running
paragraph, a block that is front matter by what it is (a place-and-date line such as
"Tarvel, 14 March 2026", :func:`languages.frontmatter.front_kind`, a masthead's line of
:func:`languages.masthead.is_masthead`) leaves the body for
:attr:`SourceText.front`; so does a dateline, byline, symbol or note among the last two
blocks after the text ("Stéphane Dujarric, Spokesman …"), and a place and date glued to
the first paragraph ("VIENNA, 9 October 2020 – The Chairmanship …"). Above the text of an
official document (one whose front has a symbol or a masthead's line), a date alone is its
date of issue, a dateline too. The title stays the body's first heading. The TEI keeps
the front matter in each text's ``front`` (``docDate``, ``byline``,
``docImprint/idno[@type="symbol"]``, ``argument/p``, ``note[@type="editorial"]``,
``note[@type="masthead"]``); versions pair it kind to kind, never with the body.
"""

from __future__ import annotations

import functools
import itertools
import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import replace

import numpy as np

from aligner.align.embeddings import Embedder, centred
from aligner.align.numerals import numeric_keys
from aligner.align_config import Calibration
from aligner.model import (
    SURE,
    Alignment,
    Bead,
    Block,
    FrontItem,
    FrontKind,
    Note,
    RawBlock,
    Version,
    solid,
)
from aligner.readers._dates import (
    MAX_DATELINE,
    MAX_SIGNED,
    date_locales,
    date_match,
    ending_date,
    find_date,
    fold,
    readings,
    signature,
    unglue_time,
    wording,
)
from aligner.readers._dates import (
    bare_date as _labelled_date,
)
from aligner.readers.setaside import (
    in_fields,
    is_label,
    is_running_text,
    is_title_like,
    word_count,
)
from languages import boilerplate
from languages.frontmatter import front_kind
from languages.masthead import is_masthead
from languages.profiles import line_cache, profile

_PLACE = re.compile(r"^[^\W\d_][^\d,;:!?]{0,40},\s*(?:\w{1,3}\s+)?$")  # "Tarvel, ", "Paris, le "
_GLUED = re.compile(r"\s+[–—-]{1,2}\s+")  # "VIENNA, 9 October 2020 – The …"
# a date in brackets after a place, or a place and date in brackets: "TARVEL (2 April 2026)",
# "(Paris, 7 juillet 2011)"
_BRACKETED = re.compile(r"^(?:([^\W\d_][^\d,;:!?()]{0,40}?)\s*)?\((.+)\)$")

__all__ = [
    "agree_dates",
    "bare_date",
    "by_place",
    "choose_titles",
    "front_certs",
    "front_date",
    "lift_unpaired",
    "place_and_date",
    "split_front",
]

_LONG = 25  # words; a block this long is body text, whatever it opens with
_AT_END = 2  # blocks after the last running paragraph that may be a byline or a symbol
_CUT_WORDS = 3  # words of a cut last paragraph, at least
_ENDS = re.compile(r"[.!?…:;][\"'»”’)\]]*$")
_SENTENCE_INSIDE = re.compile(r"[.!?…][\"'»”’)\]]*\s+\S")
# the same, past a day's ordinal dot ("am 2. April 2026")
_SENTENCE_PAST_DAY = re.compile(r"(?<!\b\d)(?<!\b\d\d)[.!?…][\"'»”’)\]]*\s+\S")


def split_front(
    blocks: Sequence[RawBlock], *, title_at: int | None = None
) -> tuple[list[RawBlock], tuple[FrontItem, ...], int | None]:
    """Return the body blocks, the front matter taken out, and where the title now is.

    >>> blocks = [RawBlock("Message", "head"), RawBlock("(Unofficial translation)"),
    ...           RawBlock("Rivers know no borders, and what happens upstream is felt below.")]
    >>> body, front, title_at = split_front(blocks, title_at=0)
    >>> [b.text for b in body], front, title_at
    (['Message', 'Rivers know no borders, and what happens upstream is felt below.'], \
(FrontItem(kind='note', text='(Unofficial translation)', when=None),), 0)
    """
    blocks, parted = _unglue_dateline(blocks)
    running = [i for i, b in enumerate(blocks) if _body_text(b.text)]
    first = _text_start(blocks, running)
    last = running[-1] if running else len(blocks)
    taken: dict[int, FrontItem] = {i: FrontItem("dateline", blocks[i].text, when)
                                   for i, when in parted.items()}  # fmt: skip
    for i, block in enumerate(blocks):
        if i == title_at or block.kind == "item" or i in taken:
            continue
        at_top = i < first
        at_end = i > last and i >= len(blocks) - _AT_END
        if not (at_top or at_end):
            continue
        when = place_and_date(block.text)
        if when:
            taken[i] = FrontItem("dateline", block.text, when)
            continue
        kind: FrontKind | None = front_kind(block.text)
        if kind is None and at_top and is_masthead(block.text):
            kind = "masthead"
        if kind is not None and (at_top or kind != "intro"):
            taken[i] = FrontItem(kind, block.text)
    taken.update(_fields(blocks, first, title_at, taken))
    taken.update(_under_byline(blocks, first, title_at, taken))
    taken.update(_signed_end(blocks, title_at, taken))
    if any(item.kind in ("symbol", "masthead") for item in taken.values()):
        # an official document's date of issue stands alone in its masthead
        for i in range(first):
            when = None if i in taken or i == title_at else bare_date(blocks[i].text)
            if when:
                taken[i] = FrontItem("dateline", blocks[i].text, when)
    body = [b for i, b in enumerate(blocks) if i not in taken]
    if title_at is not None:
        title_at -= sum(1 for i in taken if i < title_at)
    return body, tuple(taken[i] for i in sorted(taken)), title_at


def _text_start(blocks: Sequence[RawBlock] | Sequence[Block], running: list[int]) -> int:
    """Return where the text starts: at its first running paragraph, or after it where a
    byline, a dateline or an editor's note follows it before the next one (a lead or a
    teaser above the speaker and the date; a title written as a sentence above a label and
    "Texte intégral" is no lead)."""
    if not running:
        return len(blocks)
    if len(running) > 1 and any(
        front_kind(b.text) in ("byline", "note") or place_and_date(b.text)
        for b in blocks[running[0] + 1 : running[1]]
    ):
        return running[1]
    return running[0]


def _fields(
    blocks: Sequence[RawBlock],
    first: int,
    title_at: int | None,
    taken: dict[int, FrontItem],
) -> dict[int, FrontItem]:
    """Return the fields above the text ("Content type: Press release", the line after
    "Event:", and the labels themselves) as front matter outside the text; a field that holds
    a date is a dateline. A document with no running text has no front to set them apart
    from ("Question:" over its answer is a label of its text)."""
    lines = [b.text for b in blocks]
    out: dict[int, FrontItem] = {}
    for i in range(first if first < len(blocks) else 0):
        label = is_label(lines[i]) and i + 1 < first
        label = label and (is_label(lines[i + 1]) or in_fields(lines, i + 1))
        if i in taken or i == title_at or not (label or in_fields(lines, i)):
            continue
        when = find_date(unglue_time(lines[i]), locales=date_locales())
        short = len(lines[i]) <= MAX_DATELINE
        out[i] = (
            FrontItem("dateline", lines[i], when)
            if when and short
            else FrontItem("unpaired", lines[i])
        )
    return out


def _under_byline(
    blocks: Sequence[RawBlock],
    first: int,
    title_at: int | None,
    taken: dict[int, FrontItem],
) -> dict[int, FrontItem]:
    """Return the lines above the text that go on from a byline: the occasion on a line of
    its own that starts in lower case ("to the Permanent Council, Tarvel", "devant le
    Conseil permanent"), and a date alone under them ("14 March 2026"), its dateline."""
    out: dict[int, FrontItem] = {}
    for i in range(1, first):
        before = out.get(i - 1) or taken.get(i - 1)
        if i in taken or i == title_at or before is None or before.kind != "byline":
            continue
        text = blocks[i].text.strip()
        when = bare_date(text)
        if when:
            out[i] = FrontItem("dateline", text, when)
        elif text[:1].islower() and word_count(text) <= _LONG and not _ENDS.search(text):
            out[i] = FrontItem("byline", text)
    return out


def _signed_end(
    blocks: Sequence[RawBlock], title_at: int | None, taken: dict[int, FrontItem]
) -> dict[int, FrontItem]:
    """Return what a page prints after the date that signs its text (a survey box, related
    items) as lines outside the text: the text ends where it is signed. The signature and
    its date stay where they are (which of the lines above still belong to the text, a
    heading or a cut paragraph, nothing tells). A signature closes a text: most of the
    page's running text stands above it, else the dated line is no signature (a speaker and
    a date under a teaser, "Last updated …" under a lead) and nothing moves."""
    lines = [b.text for b in blocks]
    found = signature(lines, date_locales())
    if found is None or (title_at is not None and found[0] <= title_at):
        return {}
    above = sum(1 for line in lines[: found[0]] if _body_text(line))
    if above <= sum(1 for line in lines[found[1] + 1 :] if _body_text(line)):
        return {}
    after = range(found[1] + 1, len(blocks))
    return {i: FrontItem("unpaired", lines[i]) for i in after if i not in taken}


def agree_dates(versions: Sequence[Version]) -> list[Version] | None:
    """Return the versions with the date the others agree on where a version's reader took
    another (or none) though the version states that one too; None when nothing changes.

    The versions of one text state its date, each in its words. A page may print another
    date as well (the site's date of today in its header ticker, a clock, an update stamp)
    and its reader cannot always tell which is the document's. Where more than half of the
    other versions have one date and a version's short line states it ("14. März 2026",
    "Commission Secretariat 14 March 2026 Tarvel"), that is the version's date, in its own
    wording; a version that states no such line keeps its reader's date (a site may have
    published its version on another day).
    """
    out: list[Version] = []
    for version in versions:
        others = Counter(v.date for v in versions if v is not version and v.date)
        iso, count = others.most_common(1)[0] if others else (None, 0)
        said = _states(version, iso) if iso and iso != version.date else None
        if said is None or 2 * count <= len(versions) - 1:
            out.append(version)
            continue
        out.append(replace(version, date=iso, date_text=said))
    return out if any(a is not b for a, b in zip(out, versions, strict=True)) else None


def _states(version: Version, iso: str) -> str | None:
    """Return the wording of the first short line of ``version`` (its front matter, the lines
    set aside, its blocks) that states the date ``iso``, else None; a byline block above its
    first running paragraph that ends with the date states it too ("As delivered by … to
    the Permanent Council, Tarvel 21 May 2026", its lines joined in one paragraph). A
    version whose reader found no date may state it in a sentence at its top, up to its
    first running paragraph ("Diese Pressemitteilung wurde am 14. März 2026 …
    herausgegeben."). A date of numbers that reads as day and month either way ("04/02/26")
    states the date of either reading: the others decide its order (:func:`readings`)."""
    locales = date_locales(version.lang)
    lines = [item.text for item in version.front] + [*version.dropped]
    for line in lines + [b.text for b in version.blocks]:
        if len(line) <= MAX_DATELINE and iso in readings(line, locales):
            return wording(line, locales) or iso
    for block in version.blocks:
        ending = ending_date(block.text, locales) if len(block.text) <= MAX_SIGNED else None
        if ending is not None and ending[0] == iso and _after_place(block.text, ending[1]):
            return ending[1]
        if is_running_text(block.text):
            break  # the text has begun
    if version.date is not None:
        return None
    for block in version.blocks:
        if len(block.text) <= MAX_SIGNED and find_date(block.text, locales=locales) == iso:
            return wording(block.text, locales) or iso
        if is_running_text(block.text):
            break  # the text has begun
    return None


def _after_place(text: str, date: str) -> bool:
    """Tell whether the date ending ``text`` follows a place or a comma, as a byline's or a
    dateline's does ("…, Tarvel 21 May 2026"), not a sentence's words ("… met on 2 May").

    >>> _after_place("As delivered by Anna Berg to the Council, Tarvel 2 April 2026", "2 April")
    True
    >>> _after_place("The Council met on 2 April 2026", "2 April 2026")
    False
    """
    before = text[: text.rfind(date)].rstrip()
    words = before.split()
    return before.endswith(",") or bool(words and words[-1][:1].isupper())


def front_date(front: Sequence[FrontItem]) -> tuple[str, str] | None:
    """Return (ISO date, wording) of the first place-and-date line of the front matter, else
    of a byline that ends with a date ("Secretary General, Strasbourg, 7 November 2022")."""
    locales = date_locales()
    for item in front:
        if item.kind == "dateline" and item.when:
            return item.when, wording(item.text, locales) or item.when
    for item in front:
        found = date_match(item.text, locales) if item.kind == "byline" else None
        if found and not re.search(r"\w", item.text[found[2] :]):
            return found[0], item.text[found[1] : found[2]]
    return None


@line_cache
def place_and_date(line: str) -> str | None:
    """Return the ISO date of a place-and-date line, else ``None``.

    >>> place_and_date("Tarvel, 14 March 2026"), place_and_date("Paris, le 14 mars 2026")
    ('2026-03-14', '2026-03-14')
    >>> place_and_date("Тарвел, 14 марта 2026 года"), place_and_date("WIEN, 21. September 2025")
    ('2026-03-14', '2025-09-21')
    >>> place_and_date("TARVEL (2. April 2026)"), place_and_date("(Paris, 7 juillet 2011)")
    ('2026-04-02', '2011-07-07')
    >>> place_and_date("Resolution 217 A (III) vom 10.12.1948") is None
    True
    """
    text = unglue_time(line.strip())
    if len(text) > MAX_DATELINE:
        return None
    bracketed = _BRACKETED.match(text)
    if bracketed:  # the date in brackets after the place, or both in brackets
        inner = bracketed[2]
        return _labelled_date(inner, date_locales()) if bracketed[1] else place_and_date(inner)
    locales = date_locales()
    found = date_match(text, locales)
    if not found:
        return None
    iso, start, end = found
    after = [w for w in re.findall(r"[^\W\d_]+", fold(text[end:]))]
    labels = {w for code in locales for label in profile(code).date_labels for w in label.split()}
    if not _PLACE.match(text[:start]) or any(w not in labels for w in after):
        return None
    return iso


def bare_date(line: str) -> str | None:
    """Return the ISO date of a line that is a date and nothing else, else ``None``.

    >>> bare_date("6 January 2027"), bare_date("14 de julio de 2027"), bare_date("May 2027 events")
    ('2027-01-06', '2027-07-14', None)
    """
    text = line.strip()
    found = date_match(text, date_locales()) if len(text) <= MAX_DATELINE else None
    if not found or re.search(r"\w", text[: found[1]] + text[found[2] :]):
        return None
    return found[0]


def _unglue_dateline(
    blocks: Sequence[RawBlock],
) -> tuple[list[RawBlock], dict[int, str]]:
    """Part a place and date glued to the front of a long paragraph, the first one that has
    one (a lead may stand above it): return the blocks and where the dateline now is, with
    its ISO date."""
    out = list(blocks)
    for i, block in enumerate(out):
        if not _body_text(block.text):
            continue
        parts = _GLUED.split(block.text, maxsplit=1)
        when = place_and_date(parts[0]) if len(parts) == 2 else None
        if when and _body_text(parts[1]):
            # the parts keep what the block says besides its text (the page it starts on)
            cut = solid(parts[0])
            out[i : i + 1] = [
                replace(block, text=parts[0], kind="p", notes=()),
                replace(block, text=parts[1], notes=_shifted(block.notes, cut)),
            ]
            return out, {i: when}
    return out, {}


def _shifted(notes: Sequence[Note], by: int) -> tuple[Note, ...]:
    """Return ``notes`` called ``by`` characters earlier (the text before them went)."""
    return tuple(replace(note, at=max(0, note.at - by)) for note in notes)


@line_cache
def _body_text(line: str) -> bool:
    """Tell whether a line is running text: a sentence, a long line, or a line that opens
    with a whole sentence and goes on (a paragraph cut off after its first sentence, a
    contact in brackets glued to the last one).

    >>> _body_text("All are equal before the law and are entitled to protection. All are")
    True
    >>> _body_text("Article 7"), _body_text("Tarvel, 14 March 2026")
    (False, False)
    """
    if front_kind(line) is not None or place_and_date(line):
        return False
    inside = _SENTENCE_INSIDE.search(line)
    opens = inside is not None and is_running_text(line[: inside.start() + 1])
    return is_running_text(line) or word_count(line) >= _LONG or opens


def lift_unpaired(versions: Sequence[Version], paragraphs: Alignment) -> list[Version] | None:
    """Return the versions without the lines outside their text, as one-sided front matter.

    The title opens the body: a block above a version's title (as the versions chose it)
    that is no running text is the site's (its name, a rubric, a line of rates), whether or
    not another version has its like. After the last running paragraph, a block whose bead
    holds no more than half of the other versions after a first alignment (a footer line
    of one site, alone or paired by place with another site's footer) is furniture of that
    version too, and so is any line that is no running text after a paragraph cut off (a
    source line, keywords: the text stops at its cut); the first paragraph after the text
    that stops mid-sentence stays where more than half of the others have more running
    paragraphs (the text cut off). Between the title and where the text starts, a line that is no
    running text nor a heading nor dated and whose bead holds no more than half of the
    others (a news number, the site's name, a place: one site's front matter) is too; a
    dated one says when the document was made (an adoption note) and stays. All become front
    matter of kind ``unpaired`` (not aligned), so that they no longer drag the body out of
    step. Returns None when there is nothing to lift (no need to align again).
    """
    lift: set[str] = set()
    end: set[str] = set()
    middle: set[str] = set()
    shorter = _shorter(versions)
    for version in versions:
        above, after, between = _outside(version, version.lang in shorter)
        lift.update(above)
        end.update(after)
        middle.update(between)
    few = _few(paragraphs, len(versions) - 1)
    paired = _paired_headings(versions, paragraphs)
    lift.update((end & few | middle & (few | _unsure(paragraphs))) - paired)
    if not lift:
        return None
    return [_without(version, lift, end, middle) for version in versions]


def _outside(version: Version, shorter: bool) -> tuple[set[str], set[str], set[str]]:
    """Return the ids of a version's blocks outside its text: those that leave it whatever
    the others have (above the title; after a cut; a footer line the reader set aside once
    already), those after the text and those between the title and the text that leave it
    where few others pair them (see :func:`lift_unpaired`)."""
    blocks = version.blocks
    title = _title_at(version)
    body = [_body_text(b.text) for b in blocks]
    last = max((i for i, text in enumerate(body) if text), default=len(blocks))
    start = _text_start(blocks, [i for i, text in enumerate(body) if text])
    middle = {
        b.id
        for i, b in enumerate(blocks[:start])
        if title is not None
        and i > title
        and not body[i]
        and find_date(b.text, locales=date_locales()) is None  # an adoption note's date
        and not (i == start - 1 and b.kind == "head")  # the text's first section's heading
    }
    aside = {_squeeze(line) for line in version.dropped}
    cut = next((i for i, b in enumerate(blocks) if b.partial), len(blocks))
    # the text cut off after its last running paragraph, past the headings over it
    after = next((i for i in range(last + 1, len(blocks)) if blocks[i].kind != "head"), -1)
    if after < 0 or not _cut(blocks[after]) or not shorter:
        after = -1
    lift: set[str] = set()
    end: set[str] = set()
    for i, (b, text) in enumerate(zip(blocks, body, strict=True)):
        if title is not None and i < title and not text:
            lift.add(b.id)
        elif (i > cut and not text) or (_squeeze(b.text) in aside and i > last and i != title):
            lift.add(b.id)  # the text stops where it is cut off; the site's name again
            end.add(b.id)
        elif i > last and not text and i != title and not (i == after or b.partial):
            end.add(b.id)
    return lift, end, middle


def _shorter(versions: Sequence[Version]) -> set[str]:
    """Return the languages of the versions with fewer running paragraphs than more than half
    of the others have: where such a version's text stops mid-sentence, it is cut off."""
    counts = {v.lang: sum(1 for b in v.blocks if _body_text(b.text)) for v in versions}
    others = len(versions) - 1
    return {
        lang
        for lang, n in counts.items()
        if 2 * sum(1 for other, m in counts.items() if other != lang and m > n) > others
    }


def _few(paragraphs: Alignment, others: int) -> set[str]:
    """Return the ids of the blocks whose bead holds no more than half of the ``others``
    versions besides their own: a document's text is in (nearly) every version, one site's
    furniture pairs at most with the furniture of a few others, by place."""
    return {
        i
        for b in paragraphs.beads
        if 2 * (len(b.langs) - 1) <= others
        for lang in b.langs
        for i in b.ids(lang)
    }


def _paired_headings(versions: Sequence[Version], paragraphs: Alignment) -> set[str]:
    """Return the ids of the headings whose bead pairs them with another version's heading
    of the same numbers ("Artikel 5" with "Статья 5"): a heading the other versions have too
    is text wherever it stands (the last line of a clipped window), however few versions
    reach it; a site's own line has no such counterpart. A dated line ("Last updated:
    04.10.2026") or a contact shares its numbers with the others' by what it is, not as a
    heading."""
    heads = {b.id: (v.lang, b.text) for v in versions for b in v.blocks if b.kind == "head"}
    keys = {
        i: frozenset(numeric_keys(text, lang))
        for i, (lang, text) in heads.items()
        if not _contact(text) and find_date(text, locales=date_locales()) is None
    }
    out: set[str] = set()
    for bead in paragraphs.beads:
        members = [(lang, i) for lang in bead.langs for i in bead.ids(lang) if keys.get(i)]
        for lang, i in members:
            if any(other != lang and keys[j] == keys[i] for other, j in members):
                out.add(i)
    return out


def _unsure(paragraphs: Alignment) -> set[str]:
    """Return the ids of the blocks whose bead the aligner does not vouch for (its cert asks
    for review, below :data:`~aligner.model.SURE`): between the title and the text, the
    lines of several sites paired by place (a field, a rubric, the site's name), none the
    others' translation; the heading of the text's first section pairs with its translations."""
    return {i for b in paragraphs.beads if b.cert < SURE for lang in b.langs for i in b.ids(lang)}


def _without(version: Version, lift: set[str], end: set[str], middle: set[str]) -> Version:
    """Return ``version`` with the blocks of ``lift`` moved to its front matter in reading
    order: the site's header first, then what stood between the title and the text
    (``middle``), its footer (``end``) last."""
    lifted = [b for b in version.blocks if b.id in lift]
    if not lifted:
        return version
    above = tuple(FrontItem("unpaired", b.text) for b in lifted if b.id not in end | middle)
    inner = tuple(FrontItem("unpaired", b.text) for b in lifted if b.id in middle)
    below = tuple(FrontItem("unpaired", b.text) for b in lifted if b.id in end)
    return replace(
        version,
        blocks=tuple(b for b in version.blocks if b.id not in lift),
        front=above + version.front + inner + below,
    )


def choose_titles(
    versions: Sequence[Version], paragraphs: Alignment, encoder: Embedder | None = None
) -> list[Version] | None:
    """Return the versions with their titles chosen together, or None when every reader's
    choice holds.

    A version's title candidates are its headings above its text's first running paragraph
    that another version has too (a site's name, a rubric, the page's own title; the readers
    set aside what is furniture by kind): a paragraph of one site alone in its bead after a
    first alignment, a briefing's chair above the statement's own heading, does not end
    them. Titles translate each other, so each candidate counts the other versions that
    have a candidate of their own it translates: with an ``encoder`` that knows every
    version's language, the other version's candidate whose meaning is nearest it, and
    whose nearest is it; else, after a first alignment, one put in its bead (an alignment
    pairs by place too: a site's name above one title pairs with the others' titles). A
    site's name pairs at most with the site names of the versions that print one, the title
    with the titles of all. The candidate most versions pair becomes the title (the reader's
    choice on a tie; a candidate printed twice counts once, so its copies do not split what
    pairs with it); a heading above the text that repeats the chosen title word for word is
    set aside. A
    line that is the same text in two versions or more (a share line of network names, a
    name) is no translated title: it is never a candidate, and a reader's title that is one
    gives way to the version's other candidates.
    """
    shared = _shared_lines(versions)
    alone = _few(paragraphs, len(versions) - 1)  # one site's, paired by place at most
    candidates = {v.lang: _candidates(v, shared, alone) for v in versions}
    if encoder is not None and all(encoder.covers(v.lang) for v in versions):
        distinct = {v.lang: _distinct(v, candidates[v.lang]) for v in versions}
        support = _translated(versions, distinct, encoder)
    else:
        support = _paired(paragraphs, candidates)
    out: list[Version] = []
    changed = False
    for version in versions:
        found = candidates[version.lang]
        now = _title_at(version)
        own = version.blocks[now].id if now is not None else None
        chosen = max(found, key=lambda i: (support.get(i, 0), i == own), default=None)
        furniture = own is not None and _squeeze(version.block(own).text) in shared
        if chosen is None or (support.get(chosen, 0) == 0 and not furniture):
            out.append(version)
            continue
        titled = _titled(version, chosen, found)
        changed = changed or titled is not version
        out.append(titled)
    return out if changed else None


def _titled(version: Version, chosen: str, found: list[str]) -> Version:
    """Return ``version`` with the candidate ``chosen`` as its title, and the candidates
    that repeat it word for word set aside (the version itself when nothing changes)."""
    block = version.block(chosen)
    others = set(found) - {chosen}
    repeats = [b for b in version.blocks if b.id in others and b.text == block.text]
    if block.text == version.title and not repeats:
        return version
    return replace(
        version,
        title=block.text,
        blocks=tuple(b for b in version.blocks if b not in repeats),
        dropped=version.dropped + tuple(b.text for b in repeats),
    )


def _distinct(version: Version, found: list[str]) -> list[str]:
    """Return the candidates without those that repeat an earlier one word for word (a title
    printed twice is one candidate, whose nearest in meaning is not split between copies)."""
    seen: set[str] = set()
    out = []
    for i in found:
        text = _squeeze(version.block(i).text)
        if text not in seen:
            seen.add(text)
            out.append(i)
    return out


def _paired(paragraphs: Alignment, candidates: dict[str, list[str]]) -> dict[str, int]:
    """Return, per title candidate, how many other versions put a candidate in its bead."""
    owner = {b: lang for lang, found in candidates.items() for b in found}
    support: dict[str, int] = {}
    for bead in paragraphs.beads:
        held = [(owner[i], i) for lang in bead.langs for i in bead.ids(lang) if i in owner]
        for lang, held_id in held:
            support[held_id] = len({other for other, _ in held if other != lang})
    return support


def _translated(
    versions: Sequence[Version], candidates: dict[str, list[str]], encoder: Embedder
) -> dict[str, int]:
    """Return, per title candidate, how many other versions have a candidate that it and
    it alone translates: each is the other's nearest in meaning among the two versions'."""
    vectors = {
        v.lang: encoder.vectors([v.block(i).text for i in candidates[v.lang]]) for v in versions
    }
    support: dict[str, int] = {}
    for a, b in itertools.permutations([v.lang for v in versions], 2):
        if not candidates[a] or not candidates[b]:
            continue
        src, tgt = centred(vectors[a], vectors[b], encoder.common())
        near = src @ tgt.T
        for k, found in enumerate(candidates[a]):
            best = int(near[k].argmax())
            if int(near[:, best].argmax()) == k:
                support[found] = support.get(found, 0) + 1
    return support


def _cut(block: Block) -> bool:
    """Tell whether a block after the last running paragraph may be that text cut off: a
    paragraph of words that stops without ending its sentence, and no front matter."""
    return (
        block.kind == "p"
        and not _ENDS.search(block.text)
        and word_count(block.text) >= _CUT_WORDS
        and front_kind(block.text) is None
        and not place_and_date(block.text)
    )


def _shared_lines(versions: Sequence[Version]) -> set[str]:
    """Return the lines (squeezed) that stand word for word in two versions or more."""
    seen: dict[str, set[str]] = {}
    for version in versions:
        for block in version.blocks:
            seen.setdefault(_squeeze(block.text), set()).add(version.lang)
    return {text for text, langs in seen.items() if len(langs) >= 2}


def _squeeze(text: str) -> str:
    return " ".join(text.casefold().split())


def _candidates(version: Version, shared: set[str], alone: set[str]) -> list[str]:
    """Return the ids of a version's title candidates: its headings above the text that
    are not the same line in another version. The text starts at the first running
    paragraph that is not ``alone`` in its bead."""
    found: list[str] = []
    lines = [b.text for b in version.blocks]
    for k, block in enumerate(version.blocks):
        if _body_text(block.text) and block.id not in alone:
            break
        text = block.text
        plain = front_kind(text) is None and not place_and_date(text)
        plain = plain and _squeeze(text) not in shared and not in_fields(lines, k)
        if block.kind == "head" and is_title_like(text) and plain:
            found.append(block.id)
    return found


def by_place(
    versions: Sequence[Version],
    paragraphs: Alignment,
    calibration: Calibration,
    encoder: Embedder | None = None,
) -> list[Bead]:
    """Return beads to keep fixed that part lines above the text that a first alignment
    paired by place (each site prints its own there, and the calibration trusts a bead
    between the titles' and the text's).

    From the bead after the titles' on, up to the first bead holding running text that
    more than half of the other versions share and that parts nothing: a paragraph that is
    one sentence stating a date ("This press release was issued by the Commission on 14
    March 2026.") leaves a bead whose other members say more than a date; and in a bead of
    running text holding no more than half of the others (a summary of one site, a photo
    caption of another), with an ``encoder`` that knows every version's language, a member leaves
    the others where its similarity in meaning to each is below the lowest of the
    one-to-one pairs of the same two languages that the aligner vouches for elsewhere (what
    the document's own translations score, no constant). Each part becomes a bead of its
    own, with the cert of a one-to-one bead whose borders confirm nothing (as
    :func:`front_certs` gives).
    """
    texts = {b.id: b.text for v in versions for b in v.blocks}
    titles = {v.blocks[k].id for v in versions if (k := _title_at(v)) is not None}
    beads = list(paragraphs.beads)
    first = next((k for k, b in enumerate(beads) if _ids(b) & titles), None)
    meaning = encoder if encoder and all(encoder.covers(v.lang) for v in versions) else None
    # the bar is read once a bead is in doubt: it encodes every pair the aligner vouches for
    scores = functools.cache(lambda: _pair_scores(beads, texts, meaning) if meaning else {})
    few = _few(paragraphs, len(versions) - 1)
    out: list[Bead] = []
    for bead in beads[first + 1 :] if first is not None else ():
        if not _ids(bead) <= set(texts) or len(bead.langs) < 2:
            continue
        alone = _dated(bead, texts)
        running = any(_body_text(texts[i]) for i in _ids(bead))
        prose = all(_body_text(texts[i]) for i in _ids(bead))  # no date line, no field
        if not alone and prose and _ids(bead) <= few and meaning is not None:
            alone = _alone(bead, texts, scores, meaning)
        if not alone:
            if running and not _ids(bead) <= few:
                break  # the text starts here
            continue
        out += _parted(bead, alone, versions, calibration, "place", len(out))
    return out


def after_place(
    versions: Sequence[Version],
    paragraphs: Alignment,
    calibration: Calibration,
    encoder: Embedder | None = None,
) -> list[Bead]:
    """Return beads to keep fixed that part lines after the text that a first alignment
    paired by place: each site prints its own there (a contact, a page control, a channel
    line). After the text's last bead of running text that more than half of the other
    versions share (and after a version's paragraph cut off), in a bead of two versions or
    more and no running text, with an ``encoder`` that knows every version's language, a
    member that is a contact or page controls (:func:`_contact`) leaves the others where its
    similarity in meaning to each is below the lowest that the same two languages score in
    the one-to-one beads the aligner vouches for elsewhere, as :func:`by_place` parts lines
    above the text; a section's label ("Notes to editors") stays with its translations (a
    short line scores below that bar though it translates), and so does a contact line that
    translates another ("Tel.: …", "Tél. : …").
    """
    meaning = encoder if encoder and all(encoder.covers(v.lang) for v in versions) else None
    if meaning is None:
        return []
    texts = {b.id: b.text for v in versions for b in v.blocks}
    partial = {b.id for v in versions for b in v.blocks if b.partial}
    beads = list(paragraphs.beads)
    scores = functools.cache(lambda: _pair_scores(beads, texts, meaning))  # see by_place
    out: list[Bead] = []
    for bead in _after_text(beads, texts, partial, _few(paragraphs, len(versions) - 1)):
        own = {lang for lang in bead.langs if all(_contact(texts[i]) for i in bead.ids(lang))}
        if own and (alone := own & _alone(bead, texts, scores, meaning)):
            out += _parted(bead, alone, versions, calibration, "after", len(out))
    return out


def _contact(line: str) -> bool:
    """Tell whether a line is what a site prints of its own after a text: a contact (a
    phone number, an e-mail address, "Tel.: …") or page controls ("Print friendly pdf Top")."""
    return (
        boilerplate.is_contact(line)
        or boilerplate.gives_contact(line)
        or boilerplate.is_boilerplate(line)
    )


def _parted(
    bead: Bead,
    alone: set[str],
    versions: Sequence[Version],
    calibration: Calibration,
    name: str,
    made: int,
) -> list[Bead]:
    """Return the beads that part the members of ``alone`` from the rest of ``bead``, each
    with the cert of a one-to-one bead whose borders confirm nothing."""
    rest = set(bead.langs) - alone
    out: list[Bead] = []
    for group in [*({lang} for lang in sorted(alone)), *([rest] if rest else [])]:
        members = {v.lang: bead.ids(v.lang) if v.lang in group else () for v in versions}
        cert = _unconfirmed(bead.cert, calibration)
        out.append(Bead(f"al.{name}{made + len(out) + 1}", members, cert))
    return out


def _after_text(
    beads: Sequence[Bead], texts: dict[str, str], partial: set[str], few: set[str]
) -> list[Bead]:
    """Return the beads after the text's last bead of running text that more than half of
    the other versions share and after any paragraph cut off, that hold two versions or
    more and no running text: the lines each site prints after a text, paired by place."""
    out: list[Bead] = []
    for bead in reversed(beads):
        ids = _ids(bead)
        if ids & partial:
            break  # a version's text ends here, cut off
        if not ids <= set(texts):
            continue
        if any(_body_text(texts[i]) for i in ids):
            if not ids <= few:
                break  # the text ends here
            continue
        if len(bead.langs) >= 2:
            out.append(bead)
    return out[::-1]


def _dated(bead: Bead, texts: dict[str, str]) -> set[str]:
    """Return the languages of a bead whose member is one sentence stating a date, where
    another member is running text that says more."""
    dated = {
        lang
        for lang in bead.langs
        if all(_body_text(texts[i]) and _states_date(texts[i]) for i in bead.ids(lang))
    }
    rest = [i for lang in bead.langs if lang not in dated for i in bead.ids(lang)]
    return dated if any(_body_text(texts[i]) for i in rest) else set()


def _ids(bead: Bead) -> set[str]:
    return {i for lang in bead.langs for i in bead.ids(lang)}


def _pair_scores(
    beads: Sequence[Bead], texts: dict[str, str], encoder: Embedder
) -> dict[tuple[str, str], list[tuple[float, str]]]:
    """Return, per pair of languages, the two lowest similarities in meaning of the
    one-to-one pairs the aligner vouches for, each with its bead's id."""
    scores: dict[tuple[str, str], list[tuple[float, str]]] = {}
    for bead in beads:
        one = {lang: ids[0] for lang in bead.langs if len(ids := bead.ids(lang)) == 1}
        one = {lang: i for lang, i in one.items() if i in texts}
        if bead.cert < SURE or len(one) < 2:
            continue
        langs = sorted(one)
        vectors = dict(zip(langs, encoder.vectors([texts[one[x]] for x in langs]), strict=True))
        for a, b in itertools.combinations(langs, 2):
            scores.setdefault((a, b), []).append((float(vectors[a] @ vectors[b]), bead.id))
    return {pair: sorted(found)[:2] for pair, found in scores.items()}


def _alone(
    bead: Bead,
    texts: dict[str, str],
    scores: Callable[[], dict[tuple[str, str], list[tuple[float, str]]]],
    encoder: Embedder,
) -> set[str]:
    """Return the languages of a bead whose member translates none of the others: its
    similarity to each is below the lowest that pair scores in the other beads vouched for
    (``scores``, see :func:`_pair_scores` and :func:`by_place`); a pair with no such bead
    elsewhere counts as translating."""
    langs = sorted(bead.langs)
    vectors = encoder.vectors([" ".join(texts[i] for i in bead.ids(lang)) for lang in langs])
    joined: set[str] = set()
    for (x, a), (y, b) in itertools.combinations(enumerate(langs), 2):
        bar = next((score for score, at in scores().get((a, b), []) if at != bead.id), None)
        if bar is None or float(vectors[x] @ vectors[y]) >= bar:
            joined.update((a, b))
    return set(langs) - joined


def _title_at(version: Version) -> int | None:
    """Return where a version's title is among its blocks: the heading its reader chose."""
    return next(
        (i for i, b in enumerate(version.blocks) if b.kind == "head" and b.text == version.title),
        None,
    )


def front_certs(
    versions: Sequence[Version], paragraphs: Alignment, calibration: Calibration
) -> Alignment:
    """Return the alignment with the beads outside the text judged without their borders.

    The calibration trusts a one-to-one bead most where the beads on both sides of it are
    one-to-one too: in a text, confirmed borders mean the units between them translate each
    other. Around a text they mean nothing of the kind: each site prints its own front
    matter between the title and the text (a lead, a teaser, a sentence stating the date, a
    field, a byline) and its own footer after it, and the one line each version has there
    pairs by place alone. So a bead that holds a version's line above its text's start
    (:func:`split_front`'s, or a first paragraph that is one sentence stating a date; the
    heading of the text's first section opens the text) or after its last running paragraph
    (not the cut one) takes the cert a one-to-one bead
    gets from the same posterior without confirmed borders (the calibration's own map, no
    new constant). The title's bead, every member a title, stays as it is.
    """
    outside = {block_id for v in versions for block_id in _outside_text(v)}
    if not outside:
        return paragraphs

    def judged(bead: Bead) -> Bead:
        ids = {i for lang in bead.langs for i in bead.ids(lang)}
        if not ids & outside:
            return bead
        return replace(bead, cert=_unconfirmed(bead.cert, calibration))

    return replace(
        paragraphs,
        beads=tuple(judged(b) for b in paragraphs.beads),
        pairs=tuple(judged(b) for b in paragraphs.pairs),
    )


def _outside_text(version: Version) -> list[str]:
    """Return the ids of a version's blocks outside its text: above where the text starts
    (the title aside) and after its last running paragraph (the cut one aside)."""
    blocks = version.blocks
    running = [i for i, b in enumerate(blocks) if _body_text(b.text)]
    if not running:
        return []
    first = _text_start(blocks, running)
    if first == running[0] and _states_date(blocks[first].text) and len(running) > 1:
        first = running[1]  # "This press release was issued … on 14 March 2026."
    title = _title_at(version)
    while first - 1 > (title if title is not None else -1) and blocks[first - 1].kind == "head":
        first -= 1  # the heading of the text's first section opens the text
    above = [b.id for i, b in enumerate(blocks[:first]) if i != title]
    below = [b.id for b in blocks[running[-1] + 1 :] if not b.partial]
    return above + below


def _states_date(text: str) -> bool:
    """Tell whether a paragraph is one sentence that states a date.

    >>> _states_date("This release was issued by the Commission on 14 March 2026.")
    True
    >>> _states_date("On 14 March 2026 the floods came. The dikes held.")
    False
    >>> _states_date("Diese Pressemitteilung wurde am 2. April 2026 herausgegeben.")
    True
    """
    one = _SENTENCE_PAST_DAY.search(text) is None
    return one and find_date(text, locales=date_locales()) is not None


def _unconfirmed(cert: float, calibration: Calibration) -> float:
    """Return the cert of a one-to-one bead whose borders confirm nothing, for a bead that got
    ``cert`` as a plain one: its posterior, read back from the plain map, through the map of
    one-to-one beads.

    >>> _unconfirmed(0.98, Calibration()), _unconfirmed(0.55, Calibration())
    (0.89, 0.45)
    """
    plain_x, plain_y = calibration.maps["one-to-one, plain"]
    one_x, one_y = calibration.maps["one-to-one"]
    posterior = float(np.interp(cert, plain_y, plain_x))
    return round(min(cert, float(np.interp(posterior, one_x, one_y))), 3)
