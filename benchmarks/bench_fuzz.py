"""Fuzz the readers and the PATCH body with Hypothesis: 10,000 generated inputs each.

Run from the repository root::

    .venv/bin/python benchmarks/bench_fuzz.py [--examples 10000] [-k "tei or patch"]

Runs the property tests of ``tests/aligner/readers/test_fuzz.py`` (text, HTML, DOCX and
TEI readers: text or one AlignerError of one line, nothing else) and
``tests/aligner/service/test_fuzz_patch.py`` (PATCH bodies and headers: never a 500) with
``ALIGNER_FUZZ_EXAMPLES`` set, and prints Hypothesis's own count of the inputs each ran,
the answers the service gave, and whether anything failed. The suite runs the same
properties with 150 examples.
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MODULES = ["tests/aligner/readers/test_fuzz.py", "tests/aligner/service/test_fuzz_patch.py"]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--examples", type=int, default=10_000, help="inputs per property")
    parser.add_argument("-k", dest="only", help="only the properties whose names match (pytest -k)")
    args = parser.parse_args(argv)
    env = {**os.environ, "ALIGNER_FUZZ_EXAMPLES": str(args.examples)}
    command = [sys.executable, "-m", "pytest", *MODULES, "-s", "-q", "-p", "no:cacheprovider",
               "--hypothesis-show-statistics", "-o", "addopts="]  # fmt: skip
    if args.only:
        command += ["-k", args.only]
    start = time.monotonic()
    run = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True)
    elapsed = time.monotonic() - start
    out = run.stdout
    print(f"fuzz: {args.examples} examples per property, {elapsed:.0f} s")
    for test, block in re.findall(r"(test_\w+):\n(.*?)(?=\n\S|\Z)", out, re.DOTALL):
        counts = re.search(r"(\d+) passing, (\d+) failing, and (\d+) invalid", block)
        if counts:
            print(f"  {test}: {counts[1]} passing, {counts[2]} failing, {counts[3]} invalid")
    for line in out.splitlines():
        if line.startswith("PATCH fuzz:"):
            print(f"  {line}")
    summary = out.strip().splitlines()[-1] if out.strip() else run.stderr[-500:]
    print(f"pytest: {summary}")
    if run.returncode != 0:
        log = ROOT / "out" / "bench_fuzz.log"
        log.parent.mkdir(exist_ok=True)
        log.write_text(out + run.stderr, encoding="utf-8")
        for example in re.findall(r"Falsifying example: .*?(?=\n\S|\Z)", out, re.DOTALL):
            print(example[:2000])
        print(f"the whole pytest output is in {log}")
    return run.returncode


if __name__ == "__main__":
    raise SystemExit(main())
