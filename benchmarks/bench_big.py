"""Print time and peak memory of ``aligner align`` on big pairs: 1, 5, 10 and 50 MB a side.

A pair is a "book": the German–French Text+Berg gold of ../shared/corpus/textberg-dev (real
translations), grouped four beads to a paragraph, repeated under numbered chapter headings
until a side holds the size asked for. Each size runs in a child process, so its peak
memory (max RSS) is its own; reading and segmenting are timed apart in the same child.

Run: ``.venv/bin/python benchmarks/bench_big.py [--sizes 1,5,10,50] [--embeddings]
[--timeout 1800]``. Without the shared corpus it says so and stops.
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from aligner.evaluate import find_corpus

_CHILD = """
import resource, sys, time
from aligner.api import _read_version, align_files, load_input
from languages.identify import supported
supported()  # the language model loads once in any run: not part of the per-size figure
started = time.perf_counter()
for path in sys.argv[1:3]:
    _read_version(load_input(path), strict=False, warn=None)
read = time.perf_counter() - started
started = time.perf_counter()
doc = align_files(sys.argv[1:3], encoder=None if sys.argv[3] == "none" else sys.argv[3])
total = time.perf_counter() - started
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
beads = len(doc.paragraphs.beads)
print(f"{read:.1f} {total:.1f} {peak:.0f} {beads}")
"""


def make_pair(size_mb: float, folder: Path, corpus: Path) -> tuple[Path, Path]:
    """Write de.txt and fr.txt of about ``size_mb`` MB each into ``folder``."""
    src = corpus / "textberg-dev"
    de = (src / "dev.de").read_text(encoding="utf-8").splitlines()
    fr = (src / "dev.fr").read_text(encoding="utf-8").splitlines()
    beads = []
    for line in (src / "dev.defr").read_text(encoding="utf-8").splitlines():
        left, right = line.split(":")
        beads.append(
            (
                " ".join(de[int(i)].strip() for i in re.findall(r"\d+", left)),
                " ".join(fr[int(i)].strip() for i in re.findall(r"\d+", right)),
            )
        )
    sides: tuple[list[str], list[str]] = ([], [])
    size, chapter = 0, 0
    while size < size_mb * 1e6:
        chapter += 1
        sides[0].append(f"Kapitel {chapter}")
        sides[1].append(f"Chapitre {chapter}")
        for k in range(0, len(beads), 4):
            left = " ".join(a for a, _ in beads[k : k + 4] if a)
            right = " ".join(b for _, b in beads[k : k + 4] if b)
            if left and right:
                sides[0].append(left)
                sides[1].append(right)
                size += len(left.encode())
    paths = folder / "de.txt", folder / "fr.txt"
    for path, paragraphs in zip(paths, sides, strict=True):
        path.write_text("\n\n".join(paragraphs) + "\n", encoding="utf-8")
    return paths


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", default="1,5,10,50", help="MB per side, comma-separated")
    parser.add_argument("--embeddings", default="none", help="encoder name, or none")
    parser.add_argument("--timeout", type=float, default=1800.0, help="seconds per size")
    args = parser.parse_args(argv)
    corpus = find_corpus()
    if corpus is None or not (corpus / "textberg-dev").is_dir():
        print("shared corpus (../shared/corpus/textberg-dev) not found: nothing to measure")
        return 0
    print(f"encoder: {args.embeddings}; pair: Text+Berg de-fr repeated; {os.cpu_count()} CPUs")
    print(f"{'MB/side':>8} {'read+seg s':>11} {'align s':>8} {'peak MB':>8} {'beads':>7}")
    for size in (float(s) for s in args.sizes.split(",")):
        with tempfile.TemporaryDirectory() as tmp:
            de, fr = make_pair(size, Path(tmp), corpus)
            started = time.perf_counter()
            try:
                done = subprocess.run(
                    [sys.executable, "-c", _CHILD, str(de), str(fr), args.embeddings],
                    capture_output=True,
                    text=True,
                    timeout=args.timeout,
                    check=False,
                )
            except subprocess.TimeoutExpired:
                print(f"{size:>8g} did not finish in {args.timeout:.0f} s")
                continue
            if done.returncode != 0:
                print(f"{size:>8g} failed: {done.stderr.strip().splitlines()[-1]}")
                continue
            read, total, peak, beads = done.stdout.split()
            print(f"{size:>8g} {float(read):>11.1f} {float(total):>8.1f} {peak:>8} {beads:>7}")
            sys.stdout.flush()
            del started
    return 0


if __name__ == "__main__":
    sys.exit(main())
