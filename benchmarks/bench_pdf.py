"""Measure the PDF reader: libraries compared, paragraphs and alignment from PDF vs text.

1. **Libraries** (``--libraries``): pypdfium2, pdfminer.six and pdfplumber (on pdfminer)
   take the text out of the same PDFs, each in a fresh process: seconds, peak memory
   (the child's maximum resident set; for our reader, its process's and pdfium's child's
   added), and reading order on the two-column PDFs (the share
   of consecutive paragraphs whose openings come in the text in their order). PyMuPDF is
   not compared: it is AGPL.
2. **Dev PDFs** (:mod:`pdf_devset`, four layouts): per layout, the gold paragraphs read
   back exactly, running headers and page numbers left in the text, and the per-pair
   paragraph strict F1 of aligning the versions read from PDF against the same documents
   read from text (target: PDF >= 0.97 of text). A third of the documents is kept unseen
   (``--unseen`` scores them; ``--all`` both). Two more unseen sets of our own texts in
   layouts of their own: :mod:`pdf_newset` (``--new``) and :mod:`pdf_newest` (``--newest``).
3. **Hyphenation** (``tests/data/pdf/hyphenation.json``): words broken at a line end and
   read back as written, per language.
4. **Big PDF** (``--big``): a 300-page LibreOffice PDF read by the reader: seconds and the
   peak memory of the reader's child and of this process.
5. **Refusals**: the one-line answers for a scanned, an encrypted and a truncated PDF.

Run: ``nice .venv/bin/python benchmarks/bench_pdf.py [--libraries] [--big]
[--unseen|--all|--new|--newest] [--encoder]``. Needs the shared corpus and LibreOffice
(``soffice``); the PDFs are made once under ``out/pdf-devset``.
"""

from __future__ import annotations

import argparse
import io
import json
import random
import re
import subprocess
import sys
import unicodedata
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import devsets
import pdf_devset
import pdf_newest
import pdf_newset
from devsets import Doc, Para

from aligner.align import DEFAULT_ENCODER, align_versions
from aligner.align_config import AlignConfig
from aligner.errors import AlignerError
from aligner.evaluate import Counts, Scores, bead_counts, find_corpus
from aligner.model import Version
from aligner.readers import read_bytes, read_path
from aligner.readers._dehyphen import Dehyphenator
from aligner.segment import segment

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "out" / "pdf-devset"
NEW_OUT = ROOT / "out" / "pdf-newset"
NEWEST_OUT = ROOT / "out" / "pdf-newest"
HYPHENATION = ROOT / "tests" / "data" / "pdf" / "hyphenation.json"
_PAGE_NUMBER = re.compile(r"^\W*\d+\W*$")  # the dev PDFs number pages bare or "- 3 -"

_LIBRARY_CHILD = r"""
import json, resource, sys, time
name, path = sys.argv[1], sys.argv[2]
start = time.perf_counter()
if name == "pypdfium2":
    import pypdfium2 as pdfium
    pdf = pdfium.PdfDocument(path)
    text = "\n".join(page.get_textpage().get_text_range() for page in pdf)
elif name == "pdfminer.six":
    from pdfminer.high_level import extract_text
    text = extract_text(path)
elif name == "pdfplumber":
    import pdfplumber
    with pdfplumber.open(path) as pdf:
        text = "\n".join(page.extract_text() or "" for page in pdf.pages)
else:
    from aligner.readers import read_path
    read = read_path(path)
    text = "\n".join(b.text for b in read.blocks)
seconds = time.perf_counter() - start
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss + resource.getrusage(
    resource.RUSAGE_CHILDREN).ru_maxrss
print(json.dumps({"seconds": seconds, "peak_mb": peak / 1024, "text": text}))
"""
LIBRARIES = ("pypdfium2", "pdfminer.six", "pdfplumber", "aligner reader")
LICENCES = {
    "pypdfium2": "BSD-3 / Apache-2.0",
    "pdfminer.six": "MIT",
    "pdfplumber": "MIT",
    "aligner reader": "(pypdfium2)",
}


def base_docs(corpus: Path) -> list[Doc]:
    docs = [devsets.udhr(corpus), *devsets.grouped_pairs(corpus, random.Random(14))]
    pressed = [devsets.press_release(d) for d in docs if d.name in ("udhr", "textberg-0")]
    return docs + [d for d in pressed if d is not None]


def flat(text: str) -> str:
    """Return text without whitespace and hyphens, NFC: what positions are compared on.

    Hyphens go too, so that a hyphen kept or dropped at a line end (scored by the
    hyphenation list) moves no paragraph's place in the stream of the next.
    """
    text = unicodedata.normalize("NFC", text).replace("\u00ad", "").replace("-", "")
    return re.sub(r"\s+", "", text)


# --- dev PDFs: paragraphs, furniture, alignment ---------------------------------------------


def mapped(gold: Sequence[Para], version: Version) -> list[Para]:
    """Return the PDF version's blocks as paragraphs carrying the gold atoms they overlap."""
    stream = ""
    owners: list[int] = []
    for k, para in enumerate(gold):
        piece = flat(para.text)
        stream += piece
        owners += [k] * len(piece)
    out: list[Para] = []
    cursor = 0
    for block in version.blocks:
        piece = flat(block.text)
        at = stream.find(piece[:24], cursor) if piece else -1
        if at < 0:
            out.append(Para(block.text, frozenset(), block.kind == "head"))
            continue
        end = min(at + len(piece), len(stream))
        atoms = frozenset(a for k in set(owners[at:end]) for a in gold[k].atoms)
        out.append(Para(block.text, atoms, block.kind == "head"))
        cursor = end
    return out


def furniture_left(version: Version, gold: Sequence[Para], name: str = "") -> int:
    """Count running headers, footers and page numbers left in the text of a version: the
    short title the header prints, bare numbers, "- N -" and the footer line, where the gold
    text has none of them."""
    title = gold[0].text
    short = title if len(title) <= 60 else title[:57].rsplit(" ", 1)[0]
    gold_text = " ".join(p.text for p in gold)
    marks = [short, *pdf_devset.FOOTER.values()]
    found = 0
    for block in version.blocks:
        text = block.text[len(title) :] if block.text.startswith(title) else block.text
        found += sum(text.count(mark) for mark in marks)
        found += bool(_PAGE_NUMBER.match(text)) and text not in gold_text
        found += sum(m not in gold_text for m in re.findall(r"- \d+ -", text))
    return found


def score(doc: Doc, versions: dict[str, Version], encoder: str | None) -> Counts:
    """Align each pair of versions alone; count its beads against the pair's gold."""
    counts = Counts()
    for a, b in devsets.pairs(doc.langs):
        pair = [versions[a], versions[b]]
        paragraphs, _ = align_versions(pair, config=AlignConfig(encoder=encoder))
        index = {v.lang: {blk.id: k for k, blk in enumerate(v.blocks)} for v in pair}
        gold = devsets.gold_groups(doc, (a, b))
        g_beads = [(g[a], g[b]) for g in gold if g[a] or g[b]]
        p_beads = [
            (tuple(index[a][i] for i in bead.ids(a)), tuple(index[b][i] for i in bead.ids(b)))
            for bead in paragraphs.beads
        ]
        p_beads = [p for p in p_beads if p[0] or p[1]]
        counts = counts + bead_counts(p_beads, g_beads)
    return counts


def dev_pdfs(docs: Sequence[Doc], encoder: str | None, label: str) -> None:
    made = pdf_devset.build(docs, OUT)
    print(f"\nDev PDFs ({label}: {', '.join(d.name for d in docs)}), encoder {encoder or 'none'}")
    notes = {d.name: pdf_devset.with_notes(pdf_devset.titled(d))[1] for d in docs}

    def notes_of(name: str, layout: str, lang: str) -> list[str]:
        if layout != "lo-notes":
            return []
        return [text.split(" ", 1)[1] for _, text in sorted(notes[name][lang].items())]

    scored(made, pdf_devset.LAYOUTS, encoder, furniture_left, notes_of)


def new_pdfs(encoder: str | None, newest: bool = False) -> None:
    """Score the second unseen set, or (``newest``) the third."""
    kit: Any = pdf_newest if newest else pdf_newset
    made = kit.build(NEWEST_OUT if newest else NEW_OUT)
    documents = {d["name"]: d for d in kit.documents()}
    label = "Newest" if newest else "New"
    print(f"\n{label} unseen PDFs ({', '.join(documents)}: our own texts), "
          f"encoder {encoder or 'none'}")  # fmt: skip

    def left(version: Version, gold: Sequence[Para], name: str) -> int:
        marks = kit.marks(documents[name], version.lang)
        found = 0
        for block in version.blocks:
            found += sum(block.text.count(mark) for mark in marks)
            found += bool(_PAGE_LINE.match(block.text))
        return found

    def notes_of(name: str, layout: str, lang: str) -> list[str]:
        return [text for _, text in pdf_newset.notes(documents[name])[lang]]

    scored(made, kit.LAYOUTS, encoder, left, notes_of)


_PAGE_LINE = re.compile(r"^\W*\d+(?:\s*/\s*\d+)?\W*$|^(?:Page|Seite) \d+ (?:of|sur|von) \d+$")


def scored(
    made: dict[tuple[str, str], tuple[Doc, dict[str, Path]]],
    layouts: Sequence[str],
    encoder: str | None,
    left_in: Callable[[Version, Sequence[Para], str], int],
    notes_of: Callable[[str, str, str], list[str]],
) -> None:
    """Print, per layout, the paragraphs read back exactly, the furniture left, the notes
    kept as notes with their text exact (and those left in a block's text), and the F1s."""
    print(
        f"  {'layout':<18} {'PDFs':>5} {'pages':>6} {'paras exact':>12} {'furniture left':>15}"
        f" {'notes kept':>11} {'in text':>8} {'F1 text':>8} {'F1 PDF':>8} {'ratio':>6}"
    )
    total_text, total_pdf = Counts(), Counts()
    for layout in layouts:
        text_counts, pdf_counts = Counts(), Counts()
        exact = paras = left = pdfs = pages = 0
        kept = expected = glued = 0
        for (name, shape), (gold_doc, files) in made.items():
            if shape != layout:
                continue
            read = {}
            for lang, path in files.items():
                source = read_path(path)
                pages += source.source.pages or 0
                read[lang] = segment(source, lang)
                pdfs += 1
            pdf_doc = Doc(
                name, {lang: mapped(gold_doc.versions[lang], v) for lang, v in read.items()}
            )
            text_doc, texts = devsets.read(gold_doc)
            for lang, version in read.items():
                truth = [" ".join(p.text.split()) for p in text_doc.versions[lang]]
                got = {" ".join(b.text.split()) for b in version.blocks}
                exact += sum(t in got for t in truth)
                paras += len(truth)
                left += left_in(version, gold_doc.versions[lang], name)
                found = notes_kept(version, notes_of(name, layout, lang))
                kept, expected, glued = kept + found[0], expected + found[1], glued + found[2]
            text_versions = {v.lang: v for v in texts}
            text_counts = text_counts + score(text_doc, text_versions, encoder)
            pdf_counts = pdf_counts + score(pdf_doc, read, encoder)
        f_text = Scores(text_counts).strict.f1
        f_pdf = Scores(pdf_counts).strict.f1
        total_text, total_pdf = total_text + text_counts, total_pdf + pdf_counts
        print(
            f"  {layout:<18} {pdfs:>5} {pages:>6} {exact / paras:>12.3f} {left:>15}"
            f" {f'{kept}/{expected}':>11} {glued:>8}"
            f" {f_text:>8.3f} {f_pdf:>8.3f} {f_pdf / f_text:>6.3f}"
        )
    f_text, f_pdf = Scores(total_text).strict.f1, Scores(total_pdf).strict.f1
    print(f"  {'all':<18} {'':>5} {'':>6} {'':>12} {'':>15} {'':>11} {'':>8} {f_text:>8.3f}"
          f" {f_pdf:>8.3f}"
          f" {f_pdf / f_text:>6.3f}")  # fmt: skip
    print("  target: PDF F1 >= 0.97 of the text F1 in every layout; 0 furniture left")


def notes_kept(version: Version, expected: Sequence[str]) -> tuple[int, int, int]:
    """Return how many expected notes the version holds as notes (their text read exactly),
    how many were expected, and how many are in the text of a block instead."""
    notes = [(flat(n.text), b.id) for b in version.blocks for n in b.notes]
    texts = [flat(b.text) for b in version.blocks]
    kept = sum(any(text == flat(want) for text, _ in notes) for want in expected)
    glued = sum(any(flat(want)[:40] in t for t in texts) for want in expected)
    return kept, len(expected), glued


# --- hyphenation ------------------------------------------------------------------------------


def hyphenation() -> None:
    words = json.loads(HYPHENATION.read_text("utf-8"))
    print("\nHyphenation undone right (tests/data/pdf/hyphenation.json)")
    for lang in ("de", "en", "fr", "es", "ru"):
        dehyphenate = Dehyphenator(lang, "")
        cases = words[lang]
        right = sum(dehyphenate.join(end, start) == word for end, start, word in cases)
        kept = sum("-" in word for _, _, word in cases)
        print(f"  {lang}: {right}/{len(cases)} ({kept} with a real hyphen)")


# --- libraries --------------------------------------------------------------------------------


def in_order(text: str, gold: Sequence[Para]) -> float:
    """Return the share of consecutive paragraphs whose openings come in the text's order."""
    stream = flat(re.sub(r"-\s*\n", "", text))
    found = [stream.find(flat(para.text)[:20]) for para in gold]
    pairs = [(a, b) for a, b in zip(found, found[1:], strict=False) if a >= 0 and b >= 0]
    return sum(a < b for a, b in pairs) / len(pairs) if pairs else 0.0


def run_library(name: str, path: Path) -> dict[str, float | str]:
    done = subprocess.run(
        [sys.executable, "-c", _LIBRARY_CHILD, name, str(path)],
        capture_output=True,
        check=True,
        cwd=ROOT,
    )
    result: dict[str, float | str] = json.loads(done.stdout)
    return result


def libraries(docs: Sequence[Doc], big: Path | None) -> None:
    made = pdf_devset.build(docs, OUT)
    two_columns = [(made[(d.name, "lo-2col")]) for d in docs]
    print("\nLibraries on the two-column dev PDFs (reading order) and the big PDF")
    print(f"  {'library':<15} {'licence':<19} {'order 2col':>10} {'s 2col':>7}"
          f" {'s big':>7} {'MB big':>7}")  # fmt: skip
    for name in LIBRARIES:
        orders, seconds = [], 0.0
        for gold_doc, files in two_columns:
            for lang, path in files.items():
                result = run_library(name, path)
                seconds += float(result["seconds"])
                orders.append(in_order(str(result["text"]), gold_doc.versions[lang]))
        big_s = big_mb = float("nan")
        if big is not None:
            result = run_library(name, big)
            big_s, big_mb = float(result["seconds"]), float(result["peak_mb"])
        print(f"  {name:<15} {LICENCES[name]:<19} {sum(orders) / len(orders):>10.3f}"
              f" {seconds:>7.2f} {big_s:>7.2f} {big_mb:>7.0f}")  # fmt: skip


# --- the big PDF and refusals -----------------------------------------------------------------


def big_pdf(docs: Sequence[Doc]) -> Path:
    """Return a LibreOffice PDF of about 300 pages (footnotes, headers), made once."""
    path = OUT / "big.lo-notes.de.pdf"
    if path.exists():
        return path
    paras: list[Para] = []
    german = [d for d in docs if "de" in d.versions]
    while sum(len(p.text) for p in paras) < 900_000:
        for doc in german:
            paras += [p for p in doc.versions["de"] if p.atoms and min(p.atoms) >= 0]
    paras = [Para(pdf_devset.TITLES["de"], frozenset({-900}), head=True), *paras]
    notes = {i: f"{k + 1} {pdf_devset.NOTES['de'][k % 3]}" for k, i in
             enumerate(range(3, len(paras), 9))}  # fmt: skip
    fodt = pdf_devset.fodt(paras, "de", "lo-notes", notes)
    pdf_devset.convert({OUT / "big.lo-notes.de.fodt": fodt}, OUT)
    return path


_BIG_CHILD = r"""
import json, resource, sys, time
from aligner.readers import read_path
start = time.perf_counter()
text = read_path(sys.argv[1])
seconds = time.perf_counter() - start
own, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
print(json.dumps({
    "seconds": seconds, "cpu": own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime,
    "own_mb": own.ru_maxrss / 1024, "child_mb": kids.ru_maxrss / 1024,
    "pages": text.source.pages, "blocks": len(text.blocks), "dropped": len(text.dropped),
}))
"""


def big(path: Path) -> None:
    """Read the big PDF in a fresh process: its time and the peak memory of both processes."""
    done = subprocess.run(
        [sys.executable, "-c", _BIG_CHILD, str(path)], capture_output=True, check=True, cwd=ROOT
    )
    found = json.loads(done.stdout)
    pages = found["pages"] or 1
    print(f"\nBig PDF: {pages} pages, {path.stat().st_size / 2**20:.1f} MB, "
          f"{found['blocks']} blocks, {found['dropped']} distinct dropped lines")  # fmt: skip
    print(f"  read in {found['seconds']:.1f} s wall, {found['cpu']:.1f} s CPU "
          f"({found['cpu'] / pages * 1000:.0f} ms CPU a page); peak memory: pdfium's child "
          f"{found['child_mb']:.0f} MB, the reading process {found['own_mb']:.0f} MB")  # fmt: skip


def refusals() -> None:
    from reportlab.pdfgen import canvas

    def drawn(**options: object) -> bytes:
        buffer = io.BytesIO()
        c = canvas.Canvas(buffer, **options)  # type: ignore[arg-type]
        c.drawString(72, 720, "A text of ours, to be refused.")
        c.showPage()
        c.save()
        return buffer.getvalue()

    scanned = io.BytesIO()
    c = canvas.Canvas(scanned)
    c.rect(72, 72, 400, 600, fill=1)  # a page of ink without text, as a scan's image
    c.showPage()
    c.save()
    whole = drawn()
    cases = {
        "scan.pdf": scanned.getvalue(),
        "locked.pdf": drawn(encrypt="secret"),
        "cut.pdf": whole[: len(whole) // 2],
    }
    print("\nRefusals")
    for name, data in cases.items():
        try:
            read_bytes(data, filename=name)
            print(f"  {name}: read (not refused)")
        except AlignerError as exc:
            print(f"  {exc}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--libraries", action="store_true", help="compare the libraries")
    parser.add_argument("--big", action="store_true", help="read a 300-page PDF")
    parser.add_argument("--unseen", action="store_true", help="score the unseen third")
    parser.add_argument("--all", action="store_true", help="score dev and unseen")
    parser.add_argument("--new", action="store_true", help="score the new unseen set only")
    parser.add_argument("--newest", action="store_true", help="score the third unseen set only")
    parser.add_argument("--encoder", action="store_true", help="align with the default encoder")
    args = parser.parse_args(argv)
    corpus = find_corpus(ROOT)
    if corpus is None:
        print("bench_pdf: no gold corpus (../shared/corpus or $ALIGNER_CORPUS); skipped")
        return 0
    encoder = DEFAULT_ENCODER if args.encoder else None
    docs = base_docs(corpus)
    dev, unseen = pdf_devset.split(docs)
    if args.new or args.newest:
        new_pdfs(encoder, newest=args.newest)
        return 0
    if not args.unseen:
        dev_pdfs(dev, encoder, "dev")
    if args.unseen or args.all:
        dev_pdfs(unseen, encoder, "unseen")
        new_pdfs(encoder)
        new_pdfs(encoder, newest=True)
    hyphenation()
    path = big_pdf(docs) if args.big or args.libraries else None
    if args.libraries:
        libraries(dev, path)
    if path is not None:
        big(path)
    refusals()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
