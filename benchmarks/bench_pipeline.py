"""Time the whole pipeline on the five UDHR versions: read, segment, align, write TEI.

Run: ``python benchmarks/bench_pipeline.py``. Uses ../shared/corpus/udhr (or
$ALIGNER_CORPUS/udhr); without it, says so and uses the excerpt in tests/data/udhr.
Start-up (imports, babel and py3langid data) and the one-off tei_all compile are timed
apart from the per-document work, which is what the < 1 s target is about.
"""

from __future__ import annotations

import resource
import statistics
import sys
import time
from pathlib import Path

from aligner import align_files, write_tei
from aligner.evaluate import find_corpus
from aligner.tei import schema_problems, tei_problems

LANGS = ("de", "en", "es", "fr", "ru")
ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    corpus = find_corpus()
    if corpus is not None and (corpus / "udhr").is_dir():
        folder = corpus / "udhr"
    else:
        folder = ROOT / "tests" / "data" / "udhr"
        print(f"shared corpus not found; using the excerpt in {folder}")
    files = [folder / f"{lang}.txt" for lang in LANGS]

    started = time.perf_counter()
    doc = align_files(files)  # first run pays for loading language data
    first = time.perf_counter() - started

    runs = []
    for _ in range(5):
        started = time.perf_counter()
        doc = align_files(files)
        aligned = time.perf_counter()
        data = write_tei(doc)
        runs.append((aligned - started, time.perf_counter() - aligned))

    started = time.perf_counter()
    assert schema_problems(data) == [], "the benchmark's own output must be valid"
    compile_and_validate = time.perf_counter() - started
    started = time.perf_counter()
    assert schema_problems(data) == []
    assert tei_problems(data) == []
    validate = time.perf_counter() - started

    blocks = sum(len(v.blocks) for v in doc.versions)
    sentences = sum(1 for v in doc.versions for _ in v.sentences())
    align_s = statistics.median(a for a, _ in runs)
    write_s = statistics.median(w for _, w in runs)
    print(f"input: {folder} ({len(files)} versions)")
    print(f"  {blocks} headings and paragraphs, {sentences} sentences")
    print(f"first run (with start-up data loading): {first:.3f} s")
    print(f"read + segment + align, median of 5: {align_s:.3f} s")
    print(f"write TEI ({len(data):,} bytes), median of 5: {write_s:.3f} s")
    print(f"total per document: {align_s + write_s:.3f} s (target < 1 s)")
    print(f"tei_all compile + first validation: {compile_and_validate:.1f} s (once a process)")
    print(f"validation afterwards (schema + our rules): {validate:.3f} s")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak resident memory: {peak:.0f} MiB")


if __name__ == "__main__":
    sys.exit(main())
