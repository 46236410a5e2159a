"""Time the DOCX and PDF exports of a 300-bead five-language document and keep page 1 of each.

Run from the repository root: ``.venv/bin/python benchmarks/bench_exports.py``. Prints the
seconds and peak memory for each format (targets: PDF < 5 s, DOCX < 3 s) and writes
``out/bench.docx``, ``out/bench.pdf`` and page 1 of each as PNG (``out/bench-pdf-1.png``
with pdftoppm; ``out/bench-docx-1.png`` through LibreOffice when soffice is installed).
"""

from __future__ import annotations

import dataclasses
import resource
import shutil
import subprocess
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# tests/ holds the fixture document; the root goes first, or tests/exports (a folder without
# __init__.py) would shadow the exports package.
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from conftest import build_document  # noqa: E402

from aligner.model import Alignment, Bead, Block, Document, Sentence, Version  # noqa: E402
from exports import ExportOptions, render  # noqa: E402

BEADS = 300
REPEAT = 3
TARGETS = {"pdf": 5.0, "docx": 3.0}


def build_large(beads: int = BEADS) -> Document:
    """Repeat the fixture's beads with varied lengths until there are ``beads`` of them."""
    small = build_document()
    source = small.paragraphs.beads
    blocks: dict[str, list[Block]] = {v.lang: [] for v in small.versions}
    new_beads: list[Bead] = []
    for n in range(beads):
        template = source[n % len(source)]
        repeat = 1 + (n * 7) % 5  # 1 to 5 copies: short and long rows mixed
        members: dict[str, tuple[str, ...]] = {}
        for version in small.versions:
            ids = []
            for old_id in template.ids(version.lang):
                old = version.block(old_id)
                kind_count = sum(1 for b in blocks[version.lang] if b.kind == old.kind) + 1
                prefix = "h" if old.kind == "head" else "p"
                new_id = f"{version.lang}.{prefix}{kind_count}"
                texts = [s.text for s in old.sentences] * repeat if old.sentences else [old.text]
                sentences = (
                    tuple(Sentence(f"{new_id}.s{i}", t) for i, t in enumerate(texts, 1))
                    if old.kind == "p"
                    else ()
                )
                block = dataclasses.replace(
                    old,
                    id=new_id,
                    n=kind_count,
                    text=" ".join(texts),
                    sentences=sentences,
                    turn=dataclasses.replace(old.turn, id=f"{old.turn.id}.{n // len(source)}")
                    if old.turn
                    else None,
                )
                blocks[version.lang].append(block)
                ids.append(new_id)
            members[version.lang] = tuple(ids)
        new_beads.append(
            Bead(id=f"al.p{n + 1}", members=members, cert=template.cert, status=template.status)
        )
    versions = tuple(
        Version(
            lang=v.lang,
            blocks=tuple(blocks[v.lang]),
            source=v.source,
            title=v.title,
            date=v.date,
            original=v.original,
        )
        for v in small.versions
    )
    large: Document = dataclasses.replace(
        small,
        versions=versions,
        paragraphs=Alignment("paragraph", tuple(new_beads)),
        sentences=Alignment("sentence", ()),
    )
    return large


def measure(document: Document, fmt: str) -> tuple[bytes, float, float]:
    """Render once to warm caches (fonts, hyphenation), time the best of a few runs, trace one.

    tracemalloc slows Python code several times over, so the timed run is not traced.
    """
    render([document], fmt, ExportOptions())
    times = []
    for _ in range(REPEAT):
        start = time.perf_counter()
        rendered = render([document], fmt, ExportOptions())
        times.append(time.perf_counter() - start)
    seconds = min(times)  # the machine is shared: the fastest run is the least disturbed
    tracemalloc.start()
    render([document], fmt, ExportOptions())
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return rendered.outputs[0].data, seconds, peak / 2**20


def first_page_png(pdf: Path, png_stem: Path) -> Path | None:
    if not shutil.which("pdftoppm"):
        return None
    subprocess.run(
        [
            "pdftoppm",
            "-r",
            "80",
            "-png",
            "-f",
            "1",
            "-l",
            "1",
            "-singlefile",
            str(pdf),
            str(png_stem),
        ],
        check=True,
        timeout=60,
    )
    return png_stem.with_suffix(".png")


def docx_to_pdf(docx: Path, out_dir: Path) -> Path | None:
    soffice = shutil.which("soffice")
    if not soffice:
        return None
    with tempfile.TemporaryDirectory() as home:
        subprocess.run(
            [soffice, "--headless", "--convert-to", "pdf", "--outdir", str(out_dir), str(docx)],
            check=True,
            timeout=180,
            env={"HOME": home, "PATH": "/usr/bin:/bin"},
            capture_output=True,
        )
    return out_dir / (docx.stem + ".pdf")


def main() -> int:
    out = ROOT / "out"
    out.mkdir(exist_ok=True)
    document = build_large()
    print(f"document: {len(document.paragraphs.beads)} beads, {len(document.langs)} languages")
    failed = False
    for fmt in ("pdf", "docx"):
        data, seconds, peak = measure(document, fmt)
        path = out / f"bench.{fmt}"
        path.write_bytes(data)
        verdict = "ok" if seconds < TARGETS[fmt] else "SLOW"
        failed |= seconds >= TARGETS[fmt]
        print(
            f"{fmt:>4}: {seconds:6.2f} s (target < {TARGETS[fmt]:.0f} s, {verdict}), "
            f"peak {peak:6.1f} MiB traced, {len(data) / 1024:7.0f} KiB"
        )
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"process peak RSS {rss:.0f} MiB (lxml's C memory is not traced by tracemalloc)")
    pdf_png = first_page_png(out / "bench.pdf", out / "bench-pdf-1")
    print(f"page 1 of the PDF: {pdf_png or 'pdftoppm missing, not drawn'}")
    with tempfile.TemporaryDirectory() as tmp:
        converted = docx_to_pdf(out / "bench.docx", Path(tmp))
        docx_png = first_page_png(converted, out / "bench-docx-1") if converted else None
    print(f"page 1 of the DOCX (LibreOffice): {docx_png or 'soffice or pdftoppm missing'}")
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
