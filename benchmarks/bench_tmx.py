"""Time the TMX export of a large document: 10,000 beads in five languages.

Run: ``.venv/bin/python benchmarks/bench_tmx.py`` (target: under 2 s). Prints the render
time, the peak memory Python allocated while rendering, and the output size.
"""

from __future__ import annotations

import importlib
import resource
import sys
import time
import tracemalloc

from aligner.model import Alignment, Bead, Block, Document, Sentence, Source, Version
from exports import ExportOptions, render
from exports.schemas import tmx_problems

LANGS = ("en", "de", "fr", "ru", "es")
BEADS = 10_000
LIMIT_SECONDS = 2.0
_WORDS = {
    "en": "the committee approved the annual report on water and energy",
    "de": "der Ausschuss billigte den Jahresbericht über Wasser und Energie",
    "fr": "le comité a approuvé le rapport annuel sur l’eau et l’énergie",
    "ru": "комитет одобрил годовой доклад о воде и энергетике",
    "es": "el comité aprobó el informe anual sobre el agua y la energía",
}


def build_document(beads: int = BEADS) -> Document:
    """Build a document of ``beads`` one-sentence paragraphs aligned 1-1 in every language."""
    versions = []
    for lang in LANGS:
        blocks = []
        for n in range(1, beads + 1):
            text = f"{n}. {_WORDS[lang].capitalize()} ({n % 97} %)."
            block_id = f"{lang}.p{n}"
            sentence = Sentence(f"{block_id}.s1", text)
            blocks.append(Block(block_id, "p", n, text, (sentence,)))
        versions.append(Version(lang, tuple(blocks), Source("0" * 64), original=lang == "en"))
    paragraphs = tuple(
        Bead(f"al.p{n}", {lang: (f"{lang}.p{n}",) for lang in LANGS}, cert=(n % 100) / 100)
        for n in range(1, beads + 1)
    )
    sentences = tuple(
        Bead(f"al.s{n}", {lang: (f"{lang}.p{n}.s1",) for lang in LANGS}, cert=(n % 100) / 100)
        for n in range(1, beads + 1)
    )
    return Document(
        id="bench",
        uuid="00000000-0000-4000-8000-000000000000",
        versions=tuple(versions),
        paragraphs=Alignment("paragraph", paragraphs),
        sentences=Alignment("sentence", sentences),
        created="2026-01-01T00:00:00Z",
    )


def main() -> int:
    document = build_document()
    importlib.import_module("exports.tmx")  # time the rendering, not the first import
    options = ExportOptions(level="sentence")
    start = time.perf_counter()
    rendered = render([document], "tmx", options)
    elapsed = time.perf_counter() - start
    # A second, traced run: tracemalloc slows Python down several times, so not timed.
    tracemalloc.start()
    render([document], "tmx", options)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    data = rendered.outputs[0].data
    problems = tmx_problems(data)
    print(
        f"tmx: {BEADS} beads x {len(LANGS)} languages in {elapsed:.2f} s "
        f"(limit {LIMIT_SECONDS:.0f} s), peak {peak / 2**20:.1f} MiB of Python objects, "
        f"peak RSS {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 2**10:.0f} MiB, "
        f"{len(data) / 2**20:.1f} MiB written, "
        f"{'valid' if not problems else 'INVALID: ' + problems[0]}"
    )
    return 0 if elapsed < LIMIT_SECONDS and not problems else 1


if __name__ == "__main__":
    sys.exit(main())
