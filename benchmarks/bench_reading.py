"""Score reading on documents whose language versions come from different site layouts.

For every dev document (:mod:`reading_devset`: each language laid out by another site, one
version clipped mid-paragraph) in three forms (the HTML page, the page saved as text, the
page copied from the browser) this prints, per form:

- running text lost: gold paragraphs (and headings) of the body that no block of the body
  holds once the versions are settled (dropped by a reader, or moved by
  :func:`aligner.api.settle` out of the body into front matter or a note);
- titles and dates right: versions whose stored title / date is the gold one (as the
  versions chose them together, :func:`aligner.api.settle`);
- set aside: lines and words the readers set aside, and versions warned about (> 1/5);
- per-pair paragraph F1: all five versions aligned at once, each pair's view
  (:func:`aligner.views.minimal_beads`) against the pair's own minimal gold, where a
  kept block that is no gold unit (furniture kept) is a unit of its own;
- calibration: beads with cert >= 0.9 and the share of them that is right (per pair);
- put back: lines a reader set aside that the versions put back (:mod:`aligner.readers.
  restore`), and how many of them are gold text (the rest was furniture put back).

``--unseen`` scores the third of the documents and the four layouts kept unseen;
``--unseen --new`` the same third in the four layouts written last (a UN information
centre's page, a ministry's press release, an organisation's news page, a page a browser
copy brings its header and footer with); ``--unseen --newest`` every document (all bodies
have been read in other layouts by now) in a third set of four layouts, written before any
tuning on the second (a newsroom item with a label block and a dateline, a ministry's
speech sheet, an embassy page with a one-line menu and a date stamp, a UN country team's
page signed at the foot with a survey box); ``--unseen --fresh`` every document in a fourth
set, written before any tuning on the third (a site reposting press releases under a
category page, a government portal's news story with a contents box and notes to editors, a
portal's release with a dateline in brackets, an end mark and a media contact, a ministry's
speech page with a teaser, "Check against delivery" and a photo caption inside the text);
there a lead, a teaser, a caption or notes to editors count as running text too.
``--unseen --fifth`` every document in a fifth set, written before any tuning on the fourth
(a commission's daily news digest with the date above the title and the press contact in
brackets at the end of the last paragraph, a foreign ministry's briefing page with a time
stamp, locale codes and a numbered contents list, a public speech record with "Delivered
on", a speaker field, "Full text" and keywords, an archived delegation page with an archive
banner and a breadcrumb glued to the title, a press briefing's notes with the chair's
paragraph before a quoted statement); there the chair's paragraph counts as running text.
``--unseen --sixth`` every document in a sixth set, written before any tuning on the fifth
(a council's newsroom item with its postal address above, language codes and an "entity,
date, place" line; a national mission's statement with the site's date of today in its
header, the title printed twice and an "As delivered by … / to the … / date" block; a
ministry's press room with "You are here:", a weekday date above the title, "Share:", a
picture's file name and other news glued to their "See more" links after the text; a news
portal's story stamped "Posted … / Modified …" above the title; a federal office's release
with accessibility markers, a dateline in brackets before a one-line summary, a contact
person, "Publisher" and "Last modification").
``--unseen --seventh`` every document in a seventh set, written before any tuning on the
sixth (a delegation's statement whose paragraphs are the items of a list, with a meeting,
place and date line and the delegation's symbol; a tribunal's press release "issued by the
Registrar" with its number, a numeric date, a media contact above the text and a disclaimer
below; a foreign office's speech page with a welcome line, a "date - Speech" line, a
summary, "Check against delivery" and a salutation; a ministry channel's post with the
subscriber count, a hashtag, the title in bold only and a view counter; an agency's speech
page with search furniture, the title printed twice around its rubric, the date glued to
"Also available in:" and a photo caption; a central bank's notice with numbered paragraphs,
"Last reviewed" / "Content expert" and an anti-spam question); there the summary and the
caption count as running text.
``--unseen --eighth`` every document in an eighth set, written before any tuning on the
seventh (an assembly's document viewer with a "kind | Doc. number | date" line and numbered
paragraphs; an ombudsman's speech page with a list of tools, a "Speech - Speaker … - Date …"
field line, the title again, a "date - place" line, the speaker alone and an editorial note;
a government bulletin's release with indented paragraphs ending "Ends/weekday, date" and
"Issued at 16:30"; an ombudsman network's news digest with a field block holding the
article's date and a later digest date, the country glued to the first paragraph and "»
google translate" lines; an observation mission's press release with the dateline glued to
the text and contacts ending "[email protected]"; an assembly's news page with its logos'
text, a lead, a banner saying the item is old and related items' titles); there the lead
counts as running text.
``--unseen --ninth`` every document in a ninth set, written before any tuning on the eighth
(a security organisation's newsroom item with a field block, a "PLACE/PLACE, date –" dateline
glued to the text, a contacts block and related items' titles; a human-rights office's
statement with its postal address, language codes, a kind label above the title and an
"entity dd/mm/yyyy place" line; an executive's daily news with accessibility lines, "Daily
News dd / mm / yyyy", a "Place, date" line and a bracketed contact paragraph after the text; a
press-release wire's repost under a sentence counting its releases, with a "date time GMT"
line, a dateline without the year and a legal disclaimer; a permanent mission's page with a
pipe menu and switcher, a citizen-services block of labels and values on lines of their own,
a "(Place, date)" line, "Presenter:" / "Location:" fields and a salutation; a foreign
ministry's speech record with "Speaker:", "Date:" (month first, two-digit year), "Event:",
"Location:" on lines of their own and the speaker glued to the first paragraph; a council
portal's headline item with a rubric and a numeric date above, a photo caption with its credit
and a "Place. dd.mm.yyyy –" dateline glued to the text); there the caption counts as running
text.
``--unseen --tenth`` every document in a tenth set, written before any tuning on the ninth
(a human-rights court's news tile with a photo's description and a "dd/mm/yy" date above the
title and a press unit's contact lines after the text; a statistics office's release with a
breadcrumb, "Press release No. N of <date>", a methodological note and the press office's
contact block; a labour organisation's news item with a photo credit, a kind label and a
"PLACE (NRC News) –" dateline glued to the text; a central bank's statement dated month first
in every language ("Published: 4/2/2026"); an embassy's blog post "Posted on <date> by …" with
categories, a reading time and tags; a wire's repost of the item, always clipped, under
"Source: …" with "Published 04/02/26 08:05 AM", "[…]" and a disclaimer; a parliament's press
room with its language line, "Share this page:", a "kind · session · dd-mm-yyyy - hh:mm" line
and a press officer's name, phone and account after the text); there the methodological note
counts as running text. The tenth set is also read as Word files (the ``docx`` form: the page
copied into a document made from a 2013 template), as is any set with ``--docx``.
``--real FOLDER`` checks reading (running text lost, titles, dates) on the real pages of
``benchmarks/data/reading_real.json``, whose text is rebuilt in FOLDER outside the
repository. Run: ``python benchmarks/bench_reading.py [--unseen
[--new|--newest|--fresh|--fifth|--sixth|--seventh|--eighth|--ninth|--tenth]] [--docx]
[--no-embeddings]
[--real FOLDER]``.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import devsets  # noqa: E402
from devsets import Doc, Para  # noqa: E402
from reading_devset import (  # noqa: E402
    PROSE,
    DevDocument,
    Page,
    as_copied_text,
    as_docx,
    as_saved_text,
    documents,
)

from aligner.align import align_paragraphs  # noqa: E402
from aligner.align_config import DEFAULT_CONFIG, AlignConfig  # noqa: E402
from aligner.api import settle  # noqa: E402
from aligner.evaluate import Counts, Scores, bead_counts, find_corpus  # noqa: E402
from aligner.model import Document, Version  # noqa: E402
from aligner.readers import read_bytes  # noqa: E402
from aligner.readers.setaside import tally  # noqa: E402
from aligner.segment import segment  # noqa: E402
from aligner.views import minimal_beads  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
FORMS = ("html", "saved", "copied")


def _squeeze(text: str) -> str:
    return " ".join(text.split())


def read_page(page: Page, form: str) -> Version:
    """Read one page in one form as ``aligner align`` would."""
    if form == "html":
        data, name = page.html.encode(), f"{page.lang}.html"
    elif form == "saved":
        data, name = as_saved_text(page.html).encode(), f"{page.lang}.txt"
    elif form == "copied":
        data, name = as_copied_text(page.html).encode(), f"{page.lang}.txt"
    else:
        data, name = as_docx(page.html), f"{page.lang}.docx"
    return segment(read_bytes(data, filename=name), page.lang)


def atoms_of(block_text: str, page: Page, junk: list[int]) -> frozenset[int]:
    """Return the gold atoms a kept block holds; a block holding none is a unit alone."""
    text = _squeeze(block_text)
    found = set()
    for unit in page.units:
        gold = _squeeze(unit.text)
        if gold == text or (len(gold) >= 25 and gold in text) or (len(text) >= 25 and text in gold):
            found.add(unit.atom)
    if not found:
        junk[0] -= 1
        found.add(junk[0])
    return frozenset(found)


def version_atoms(texts: list[str], page: Page, junk: list[int]) -> list[frozenset[int]]:
    """Return the gold atoms of a version's kept blocks, in order. A heading printed twice
    (a contents box lists the headings above the text) is the heading only where it stands
    last: the entries above are units of their own, furniture kept."""
    heads = {_squeeze(u.text) for u in page.units if u.kind == "head"}
    claimed: set[str] = set()
    out: list[frozenset[int]] = []
    for text in reversed(texts):
        squeezed = _squeeze(text)
        if squeezed in heads and squeezed in claimed:
            junk[0] -= 1
            out.append(frozenset({junk[0]}))
            continue
        claimed.add(squeezed)
        out.append(atoms_of(text, page, junk))
    return out[::-1]


class Tally:
    def __init__(self) -> None:
        self.versions = self.lost = self.units = 0
        self.titles = self.dates = self.warned = 0
        self.aside_lines = self.aside_words = self.words = 0
        self.counts = Counts()
        self.high = self.high_right = 0
        self.partial_right = 0
        self.back = self.back_right = 0  # lines the versions put back, and those that are text
        self.wrong_titles: Counter[str] = Counter()
        self.wrong_dates: Counter[str] = Counter()
        self.lost_where: Counter[str] = Counter()
        self.seconds = 0.0

    def add(self, doc: DevDocument, form: str, config: AlignConfig) -> None:
        versions = []
        paras: dict[str, list[Para]] = {}
        junk = [-100]
        aside: dict[str, Counter[str]] = {}
        read_front: dict[str, str] = {}
        for page in doc.pages.values():
            v = read_page(page, form)
            versions.append(v)
            aside[v.lang] = Counter(v.dropped)
            read_front[v.lang] = "\n".join(_squeeze(item.text) for item in v.front)
            self.versions += 1
            counted = tally((b.text for b in v.blocks), v.dropped)
            self.aside_lines += counted.lines
            self.aside_words += counted.words
            self.words += counted.total_words
            self.warned += counted.too_much
        start = time.perf_counter()
        versions, paragraphs, sentences = settle(  # as align_inputs does
            versions,
            lambda vs, fixed: align_paragraphs(vs, fixed=fixed, config=config),
            config=config,
        )
        for v in versions:
            # the blocks as settled: lines lifted to the front are gone, lines put back are in
            page = doc.pages[v.lang]
            self._count_lost(page, form, v, read_front[v.lang])
            texts = [b.text for b in v.blocks]
            atoms = version_atoms(texts, page, junk)
            paras[v.lang] = [Para(t, a) for t, a in zip(texts, atoms, strict=True)]
            self.partial_right += any(b.partial for b in v.blocks) == page.partial
            for line in (aside[v.lang] - Counter(v.dropped)).elements():  # put back
                self.back += 1
                self.back_right += any(
                    _squeeze(u.text) == _squeeze(line)
                    for u in page.units
                    if u.kind in ("p", "head")
                )
            self.dates += v.date == page.date  # the date stored, the others' where they agree
            if v.date != page.date:
                self.wrong_dates[f"{page.layout}/{form}"] += 1
            self.titles += v.title == page.title  # the title stored, chosen with the others
            if v.title != page.title:
                self.wrong_titles[f"{page.layout}/{form}"] += 1
        self.seconds += time.perf_counter() - start
        gold_doc = Doc(doc.name, paras)
        aligned = Document("bench", "", tuple(versions), paragraphs, sentences, "")
        index = {v.lang: {b.id: k for k, b in enumerate(v.blocks)} for v in versions}
        certs = {b.id: b.cert for b in paragraphs.beads}
        for a, b in devsets.pairs(aligned.langs):
            gold = [(g[a], g[b]) for g in devsets.gold_groups(gold_doc, (a, b))]
            seen = [
                (tuple(index[a][i] for i in bead.ids(a)), tuple(index[b][i] for i in bead.ids(b)))
                for bead in minimal_beads(aligned, (a, b))
            ]
            self.counts = self.counts + bead_counts(seen, gold)
        langs = aligned.langs
        gold_n = devsets.gold_groups(gold_doc, langs)
        for a, b in devsets.pairs(langs):
            truth = {(g[a], g[b]) for g in gold_n if g[a] or g[b]}
            for bead in paragraphs.beads:
                pa = tuple(index[a][i] for i in bead.ids(a))
                pb = tuple(index[b][i] for i in bead.ids(b))
                if (pa or pb) and certs[bead.id] >= 0.9:
                    self.high += 1
                    self.high_right += (pa, pb) in truth

    def _count_lost(self, page: Page, form: str, settled: Version, read_front: str) -> None:
        """Count the running text of a page that is not in its version's body as settled:
        dropped by the reader or moved out of the body by :func:`settle` (to the front, as a
        note); a lead, teaser or caption may stand in the front its reader made."""
        kept = "\n".join(_squeeze(b.text) for b in settled.blocks)
        for unit in page.units:
            if unit.kind in ("p", "head") or unit.kind in PROSE:
                self.units += 1
                where = kept if unit.kind in ("p", "head") else kept + "\n" + read_front
                if _squeeze(unit.text) not in where:
                    self.lost += 1
                    self.lost_where[f"{page.layout}/{form}"] += 1

    def row(self, name: str) -> str:
        f1 = Scores(self.counts).strict.f1 if self.counts.gold else 0.0
        high = f"{self.high_right / self.high:.3f}" if self.high else "-"
        return (
            f"{name:<8} {self.versions:>4} {self.lost:>4}/{self.units:<5} "
            f"{self.titles:>4} {self.dates:>4} {self.aside_lines:>6} "
            f"{self.aside_words / max(1, self.words):>6.1%} {self.warned:>4} {f1:>7.3f} "
            f"{self.high:>6} {high:>6} {self.partial_right:>5} "
            f"{self.back_right:>3}/{self.back:<3} {self.seconds:>6.1f}"
        )


def real_pages(folder: Path) -> int:
    """Print, per real page, running paragraphs lost, title and date right; return 0."""
    import json

    listed = json.loads((ROOT / "benchmarks" / "data" / "reading_real.json").read_text())
    lost = wanted = titles = dates = 0
    print(f"{'page':<24} {'lost':>4} {'title':>5} {'date':>4}  stored title / date")
    for entry in listed["pages"]:
        path = folder / entry["file"]
        if not path.is_file():
            print(f"{entry['file']:<24} missing (rebuild it from {entry['url']})")
            continue
        text = path.read_text(encoding="utf-8")
        paragraphs = [p for p in text.split("\n\n") if p.strip()]
        v = segment(read_bytes(text.encode(), filename=path.name), entry["lang"])
        kept = "\n".join(_squeeze(b.text) for b in (*v.blocks, *v.front))
        gone = sum(1 for k in entry["running"] if _squeeze(paragraphs[k]) not in kept)
        k, line = entry["title"]
        title = _squeeze(paragraphs[k].split("\n")[line])
        lost, wanted = lost + gone, wanted + len(entry["running"])
        titles += v.title == title
        dates += v.date == entry["date"]
        right = f"{v.title == title!s:>5} {v.date == entry['date']!s:>4}"
        print(f"{entry['file']:<24} {gone:>4} {right}"
              f"  {(v.title or '')[:40]!r} / {v.date}")  # fmt: skip
    print(
        f"real pages: {lost}/{wanted} running paragraphs lost, {titles} titles and {dates} "
        f"dates right of {len(listed['pages'])}"
    )
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--unseen", action="store_true", help="score the unseen third")
    parser.add_argument(
        "--new", action="store_true", help="with --unseen: in the layouts written last"
    )
    parser.add_argument(
        "--newest", action="store_true", help="with --unseen: in the third set of layouts"
    )
    parser.add_argument(
        "--fresh", action="store_true", help="with --unseen: in the fourth set of layouts"
    )
    parser.add_argument(
        "--fifth", action="store_true", help="with --unseen: in the fifth set of layouts"
    )
    parser.add_argument(
        "--sixth", action="store_true", help="with --unseen: in the sixth set of layouts"
    )
    parser.add_argument(
        "--seventh", action="store_true", help="with --unseen: in the seventh set of layouts"
    )
    parser.add_argument(
        "--eighth", action="store_true", help="with --unseen: in the eighth set of layouts"
    )
    parser.add_argument(
        "--ninth", action="store_true", help="with --unseen: in the ninth set of layouts"
    )
    parser.add_argument(
        "--tenth", action="store_true", help="with --unseen: in the tenth set of layouts"
    )
    parser.add_argument("--docx", action="store_true", help="read the pages as Word files too")
    parser.add_argument("--no-embeddings", action="store_true")
    parser.add_argument("--real", type=Path, help="folder with the real pages' text")
    args = parser.parse_args(argv)
    if args.real:
        return real_pages(args.real)
    corpus = find_corpus(ROOT)
    config = AlignConfig(encoder=None) if args.no_embeddings else DEFAULT_CONFIG
    docs = list(
        documents(
            corpus,
            unseen=args.unseen,
            new=args.new,
            newest=args.newest,
            fresh=args.fresh,
            fifth=args.fifth,
            sixth=args.sixth,
            seventh=args.seventh,
            eighth=args.eighth,
            ninth=args.ninth,
            tenth=args.tenth,
        )
    )
    which = "unseen third" if args.unseen else "dev two thirds"
    which += ", new unseen layouts" if args.new else ""
    which += ", newest unseen layouts" if args.newest else ""
    which += ", fresh unseen layouts" if args.fresh else ""
    which += ", fifth unseen layouts" if args.fifth else ""
    which += ", sixth unseen layouts" if args.sixth else ""
    which += ", seventh unseen layouts" if args.seventh else ""
    which += ", eighth unseen layouts" if args.eighth else ""
    which += ", ninth unseen layouts" if args.ninth else ""
    which += ", tenth unseen layouts" if args.tenth else ""
    print(f"{len(docs)} documents ({which}), 5 versions each, each version another layout")
    print(f"{'form':<8} {'vers':>4} {'lost/units':>10} {'title':>4} {'date':>4} {'aside':>6} "
          f"{'words':>6} {'warn':>4} {'pair F1':>7} {'c>=.9':>6} {'right':>6} {'part':>5} "
          f"{'back':>7} {'s':>6}")  # fmt: skip
    total = Tally()
    for form in (*FORMS, "docx") if args.tenth or args.docx else FORMS:
        tally_ = Tally()
        for doc in docs:
            tally_.add(doc, form, config)
        print(tally_.row(form))
        for attr in (
            "versions", "lost", "units", "titles", "dates", "warned", "aside_lines",
            "aside_words", "words", "high", "high_right", "partial_right", "back", "back_right",
            "seconds",
        ):  # fmt: skip
            setattr(total, attr, getattr(total, attr) + getattr(tally_, attr))
        total.counts = total.counts + tally_.counts
        for attr in ("wrong_titles", "wrong_dates", "lost_where"):
            getattr(total, attr).update(getattr(tally_, attr))
    print(total.row("all"))
    for attr in ("lost_where", "wrong_titles", "wrong_dates"):
        if getattr(total, attr):
            print(f"  {attr}: {dict(sorted(getattr(total, attr).items()))}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
