"""Print what ``aligner`` does with bad input: exit code, the line it prints, time, memory.

Each case runs the command line in a child process (its own peak memory). The texts are our
saved-page fixtures (tests/data/readers), re-encoded or spoilt on purpose.

Run: ``.venv/bin/python benchmarks/bench_bad_inputs.py [--big-mb 100]``
"""

from __future__ import annotations

import argparse
import os
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PAGES = ROOT / "tests" / "data" / "readers"
ALIGNER = [sys.executable, "-m", "aligner.cli"]
CHINESE = (
    "外交部长在新闻发布会上回答了记者的问题。他说，两国已经就河流监测网络达成一致，"
    "第一批十二个监测站将在年底前建成。我国将承担三分之一的费用。\n"
)


def run(label: str, args: list[str]) -> None:
    """Run one command line and print its figures."""
    started = time.perf_counter()
    child = subprocess.Popen(
        [*ALIGNER, *args], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True
    )
    _, status, usage = os.wait4(child.pid, 0)
    seconds = time.perf_counter() - started
    assert child.stderr is not None
    lines = [line for line in child.stderr.read().splitlines() if line.strip()]
    code = os.waitstatus_to_exitcode(status)
    said = lines[-1] if lines else "(nothing)"
    peak = usage.ru_maxrss / 1024
    print(f"| {label} | {code} | {said} | {seconds:.1f} s | {peak:.0f} MB |")
    sys.stdout.flush()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--big-mb", type=float, default=100.0, help="size of the huge text")
    args = parser.parse_args(argv)
    ru = (PAGES / "saved-page.ru.txt").read_text(encoding="utf-8").replace("•", "-")
    en = str(PAGES / "saved-page.en.txt")
    quick = ["align", "--no-embeddings"]
    print("| input | exit | last line on stderr | time | peak memory |")
    print("|---|---|---|---|---|")
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        for codec in ("koi8_r", "cp866"):
            path = folder / f"ru-{codec}.txt"
            path.write_bytes(ru.encode(codec))
            run(f"Russian in {codec}", [*quick, f"ru={path}", en, "-o", str(folder / "o.xml")])
        utf8 = ru.encode()
        cut = utf8.index("Договорились".encode())
        stray = folder / "ru-stray.txt"
        stray.write_bytes(utf8[:cut] + b"\xff" + utf8[cut:])
        run("UTF-8 with a stray byte", [*quick, f"ru={stray}", en, "-o", str(folder / "o.xml")])
        chinese = folder / "zh.txt"
        chinese.write_text(CHINESE, encoding="utf-8")
        run("Chinese as de=", [*quick, f"de={chinese}", en, "-o", str(folder / "o.xml")])
        run("Chinese as de= --strict",
            [*quick, "--strict", f"de={chinese}", en, "-o", str(folder / "o.xml")])  # fmt: skip
        big = folder / "big.txt"
        paragraph = (PAGES / "saved-page.en.txt").read_text(encoding="utf-8")
        with big.open("w", encoding="utf-8") as out:
            while out.tell() < args.big_mb * 1e6:
                out.write(paragraph + "\n")
        run(f"{args.big_mb:g} MB text", [*quick, f"en={big}", f"ru={PAGES / 'saved-page.ru.txt'}",
                                         "-o", str(folder / "o.xml")])  # fmt: skip
        run("a directory as -o", [*quick, en, str(PAGES / "saved-page.de.txt"), "-o", tmp])
        with socket.socket() as holder:
            holder.bind(("127.0.0.1", 0))
            holder.listen()
            port = holder.getsockname()[1]
            run("busy port", ["serve", "--port", str(port), "--store", str(folder / "store")])
        run("port 70000", ["serve", "--port", "70000"])
        run("--segmented without --format beads", ["align", "--segmented", en, en, "-o", "x"])
    return 0


if __name__ == "__main__":
    sys.exit(main())
