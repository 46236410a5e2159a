"""Print time and peak memory of aligning big pairs: 1, 5, 10 and 50 MB a side.

A pair is a "book": the German–French Text+Berg gold of ../shared/corpus/textberg-dev (real
translations), grouped four beads to a paragraph, repeated under numbered chapter headings
until a side holds the size asked for. Each chapter's copy of a sentence differs from the
others by which of its spaces are no-break spaces (the chapter number in binary), which
changes nothing the aligner reads but keeps the encoder's memory from serving the copies:
a real book does not repeat itself.

Each run is a child process that aligns as ``aligner align`` does by default: its
sentence pass shared among ``--jobs`` worker processes (the CPUs available), and, with
``--embeddings use``, meaning within its budget of half a million characters (as
``aligner align`` does; ``--embeddings none``, the default here, is ``--no-embeddings``).
Reading and segmenting are timed apart in the same child, in one process (``align_files``
reads the versions of a big pair in the workers too, which "total" shows). Times are CPU
(user + sys, the workers' included) and wall seconds: "align" leaves reading out, "total"
is the whole of ``align_files`` (reading, segmenting, aligning) and writing the TEI. Peak
memory is the most that the child and its workers held at once: their proportional set
sizes (pages they share count once), read every 0.2 s, or the child's own peak if that is
more.

``--uneven`` adds, per size, the German side cut to a fifth of the book (its middle) against
the whole French side, and prints its cost against the whole pair: a version five times
longer than the other should cost no more than the longer one aligned with its whole
translation.

Run: ``.venv/bin/python benchmarks/bench_big.py [--sizes 1,5,10,50] [--embeddings use]
[--jobs N] [--uneven] [--timeout 1800]``. Without the shared corpus it says so and stops.
"""

from __future__ import annotations

import argparse
import html
import os
import random
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from aligner.api import alignment_needs, load_input
from aligner.evaluate import find_corpus

_CHILD = """
import resource, sys, time
from aligner.api import _read_version, align_files, load_input
from languages.identify import supported
from aligner.align import get_encoder
from aligner.align_config import AlignConfig
from aligner.tei import write_tei
supported()  # the language model loads once in any run: not part of the per-size figure
encoder = None if sys.argv[3] == "none" else sys.argv[3]
get_encoder(encoder)  # so is the encoder
started = time.process_time()
for path in sys.argv[1:3]:
    _read_version(load_input(path), strict=False, warn=None)
read = time.process_time() - started
started, wall = time.process_time(), time.perf_counter()
config = AlignConfig(encoder=encoder)
doc = align_files(sys.argv[1:3], config=config, workers=int(sys.argv[4]), warn=print)
with open(sys.argv[5], "wb") as out:
    out.write(write_tei(doc))
cpu, wall = time.process_time() - started - read, time.perf_counter() - wall
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
beads = len(doc.paragraphs.beads)
print(f"{read:.1f} {cpu:.1f} {wall:.1f} {peak:.0f} {beads}")
"""
#: the share of the book the short side keeps in the uneven pair
_FIFTH = 0.2


def make_pair(size_mb: float, folder: Path, corpus: Path) -> tuple[Path, Path]:
    """Write de.txt and fr.txt of about ``size_mb`` MB each into ``folder``, and
    de-fifth.txt: the middle fifth of de.txt's chapters."""
    sides, chapters = _book(size_mb, corpus)
    first = chapters[int(len(chapters) * (0.5 - _FIFTH / 2))]
    last = chapters[int(len(chapters) * (0.5 + _FIFTH / 2))]
    paths = folder / "de.txt", folder / "fr.txt", folder / "de-fifth.txt"
    for path, paragraphs in zip(paths, (*sides, sides[0][first:last]), strict=True):
        path.write_text("\n\n".join(paragraphs) + "\n", encoding="utf-8")
    return paths[0], paths[1]


def _book(size_mb: float, corpus: Path) -> tuple[tuple[list[str], list[str]], list[int]]:
    """Return the paragraphs of the German and French book of ``size_mb`` MB a side, and
    where each chapter starts (the same paragraph in both)."""
    src = corpus / "textberg-dev"
    de = (src / "dev.de").read_text(encoding="utf-8").splitlines()
    fr = (src / "dev.fr").read_text(encoding="utf-8").splitlines()
    beads = []
    for line in (src / "dev.defr").read_text(encoding="utf-8").splitlines():
        left, right = line.split(":")
        beads.append(
            (
                [de[int(i)].strip() for i in re.findall(r"\d+", left)],
                [fr[int(i)].strip() for i in re.findall(r"\d+", right)],
            )
        )
    sides: tuple[list[str], list[str]] = ([], [])
    chapters: list[int] = []  # where each chapter starts in sides[0]
    size, chapter = 0, 0
    while size < size_mb * 1e6:
        chapter += 1
        chapters.append(len(sides[0]))
        sides[0].append(f"Kapitel {chapter}")
        sides[1].append(f"Chapitre {chapter}")
        for k in range(0, len(beads), 4):
            left = " ".join(_marked(a, chapter) for bead, _ in beads[k : k + 4] for a in bead)
            right = " ".join(_marked(b, chapter) for _, bead in beads[k : k + 4] for b in bead)
            if left and right:
                sides[0].append(left)
                sides[1].append(right)
                size += len(left.encode())
    return sides, chapters


#: the adversarial shapes of ``--shapes``, with what each pair is
SHAPES = {
    "repeated": "the UDHR de-en (../shared/corpus/udhr) repeated whole, nothing varied",
    "repeated-years": "the UDHR de-en repeated, each copy's title with its own year",
    "unrelated": "the German book against English novels (transread-enfr-dev) repeated",
    "reordered": "the German book against the French one with its chapters shuffled",
    "tenfold": "the middle tenth of the German book against the whole French one",
    "one-paragraph": "the German book as a title and one paragraph (lines of 80) against French",
    "long-lines": "both books as lines of 1 MB, one a paragraph, cut where they fall",
    "tiny-paragraphs": "both books with every word a paragraph of its own",
    "word-lines": "both books a word to a line, no blank line",
    "word-sentences": 'both books a word to a line, each a sentence of its own ("Word.")',
    "word-elements": "both books as web pages of a word to a <p> element, on one line",
}


def make_shape(shape: str, size_mb: float, folder: Path, corpus: Path) -> tuple[Path, Path]:
    """Write the pair of ``shape`` (see ``SHAPES``), ``size_mb`` MB a side, into ``folder``."""
    if shape.startswith("repeated"):
        de, en = (
            (corpus / "udhr" / f"{lang}.txt").read_text(encoding="utf-8").strip()
            for lang in ("de", "en")
        )
        copies: tuple[list[str], list[str]] = ([], [])
        size = 0
        while size < size_mb * 1e6:
            year = 1948 + len(copies[0])
            left, right = de, en
            if shape == "repeated-years":
                left = left.replace("Menschenrechte", f"Menschenrechte ({year})", 1)
                right = right.replace("Human Rights", f"Human Rights ({year})", 1)
            copies[0].append(left)
            copies[1].append(right)
            size += len(left.encode())
        return _write(folder, ("de", "en"), ["\n\n".join(c) for c in copies])
    sides, chapters = _book(size_mb, corpus)
    de, fr = ("\n\n".join(side) for side in sides)
    if shape == "unrelated":
        novels = sorted((corpus / "transread-enfr-dev").glob("*.en"))
        text = "\n\n".join(
            line.strip() for p in novels for line in p.read_text(encoding="utf-8").splitlines()
        )
        parts: list[str] = []
        size = 0
        while size < size_mb * 1e6:
            parts.append(f"Part {len(parts) + 1}\n\n{text}")
            size += len(parts[-1].encode())
        return _write(folder, ("de", "en"), [de, "\n\n".join(parts)])
    bounds = [*chapters, len(sides[1])]
    if shape == "reordered":
        order = list(range(len(chapters)))
        random.Random(len(chapters)).shuffle(order)
        fr = "\n\n".join(p for k in order for p in sides[1][bounds[k] : bounds[k + 1]])
    elif shape == "tenfold":
        first, last = (bounds[int(len(chapters) * share)] for share in (0.45, 0.55))
        de = "\n\n".join(sides[0][first : max(last, first + 1)])
    elif shape == "one-paragraph":
        # a title, then the text without its chapter headings wrapped at 80 characters and
        # no blank line: one paragraph (a file with no blank line at all is one per line)
        heads = set(chapters)
        text = " ".join(p for k, p in enumerate(sides[0]) if k not in heads)
        de = "Kapitel 1\n\n" + _lines(text, 80, "\n")
    elif shape == "long-lines":
        de, fr = (_lines(" ".join(side), 1_000_000) for side in sides)
    elif shape == "tiny-paragraphs":
        de, fr = ("\n\n".join(" ".join(side).split()) for side in sides)
    elif shape == "word-lines":
        de, fr = ("\n".join(" ".join(side).split()) for side in sides)
    elif shape == "word-sentences":
        de, fr = (
            "\n".join(f"{w.strip('.,;:!?')}." for w in " ".join(side).split()) for side in sides
        )
    elif shape == "word-elements":
        de, fr = (
            "<!DOCTYPE html><html><body>"
            + "".join(f"<p>{html.escape(w)}</p>" for w in " ".join(side).split())
            + "</body></html>"
            for side in sides
        )
        return _write(folder, ("de", "fr"), [de, fr], ".html")
    else:
        raise ValueError(f"unknown shape {shape}")
    return _write(folder, ("de", "fr"), [de, fr])


def _lines(text: str, size: int, between: str = "\n\n") -> str:
    """Return ``text`` cut into lines of about ``size`` characters (at a space), with
    ``between`` between them."""
    out, start = [], 0
    while start < len(text):
        end = text.find(" ", start + size)
        end = len(text) if end < 0 else end
        out.append(text[start:end].strip())
        start = end + 1
    return between.join(out)


def _write(
    folder: Path, langs: tuple[str, str], texts: list[str], ending: str = ".txt"
) -> tuple[Path, Path]:
    """Write the two texts as LANG.txt (or ``ending``) in ``folder``; return their paths."""
    paths = folder / f"{langs[0]}{ending}", folder / f"{langs[1]}{ending}"
    for path, text in zip(paths, texts, strict=True):
        path.write_text(text + "\n", encoding="utf-8")
    return paths


def _marked(sentence: str, chapter: int) -> str:
    """Return ``sentence`` with the spaces whose position is a set bit of ``chapter`` made
    no-break spaces.

    >>> _marked("a b c d", 5)
    'a\xa0b c\xa0d'
    """
    words = sentence.split(" ")
    return "".join(
        w + ("" if k == len(words) - 1 else "\u00a0" if chapter >> k & 1 else " ")
        for k, w in enumerate(words)
    )


def _run(
    paths: list[Path], encoder: str, workers: int, timeout: float
) -> str | tuple[list[float], list[str]]:
    """Align ``paths`` in a child; return its figures and what it warned, or why there are
    no figures.

    While it runs, its worker processes' CPU time and the memory of all its processes
    (proportional set size: pages they share count once) are read every 0.2 s.
    """
    tei = paths[0].with_name("aligned.tei.xml")
    command = [sys.executable, "-c", _CHILD, *map(str, paths), encoder, str(workers), str(tei)]
    # files, not pipes: a child that says much must not block on a full pipe while polled
    with (
        tempfile.TemporaryFile("w+") as out,
        tempfile.TemporaryFile("w+") as err,
        subprocess.Popen(command, stdout=out, stderr=err, text=True) as child,
    ):
        started = time.monotonic()
        peak = 0.0
        worker_cpu: dict[int, float] = {}
        while child.poll() is None:
            if time.monotonic() - started > timeout:
                child.kill()
                child.wait()
                return f"did not finish in {timeout:.0f} s"
            tree = _descendants(child.pid)
            peak = max(peak, sum(_pss_mb(pid) for pid in tree))
            for pid in tree[1:]:
                worker_cpu[pid] = max(worker_cpu.get(pid, 0.0), _cpu_seconds(pid))
            time.sleep(0.2)
        out.seek(0)
        err.seek(0)
        said, problem = out.read(), err.read()
    if child.returncode != 0:
        return "failed: " + problem.strip().splitlines()[-1]
    lines = said.strip().splitlines()
    figures = [float(x) for x in lines[-1].split()]
    figures[1] += sum(worker_cpu.values())
    figures[3] = max(figures[3], peak)
    return figures, lines[:-1]


def _descendants(pid: int) -> list[int]:
    """Return ``pid`` and every process below it (Linux /proc)."""
    children: dict[int, list[int]] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        children.setdefault(int(fields[1]), []).append(int(stat.parent.name))
    out, todo = [], [pid]
    while todo:
        out.append(todo.pop())
        todo += children.get(out[-1], [])
    return out


def _pss_mb(pid: int) -> float:
    """Return the proportional set size of a process in MB (0 once it is gone)."""
    try:
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            if line.startswith("Pss:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def _cpu_seconds(pid: int) -> float:
    """Return the user + system CPU seconds of a live process (0 once it is gone)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", default="1,5,10,50", help="MB per side, comma-separated")
    parser.add_argument("--embeddings", default="none", help="encoder name, or none")
    parser.add_argument("--uneven", action="store_true", help="also a fifth against the whole")
    parser.add_argument(
        "--jobs", type=int, default=len(os.sched_getaffinity(0)), help="worker processes"
    )
    parser.add_argument("--timeout", type=float, default=1800.0, help="seconds per run")
    parser.add_argument(
        "--shapes",
        nargs="?",
        const=",".join(SHAPES),
        help="the adversarial pairs instead (comma-separated names; all when none given)",
    )
    args = parser.parse_args(argv)
    corpus = find_corpus()
    if corpus is None or not (corpus / "textberg-dev").is_dir():
        print("shared corpus (../shared/corpus/textberg-dev) not found: nothing to measure")
        return 0
    if args.shapes is not None:
        return _shapes(args, corpus)
    print(
        f"encoder: {args.embeddings}; pair: Text+Berg de-fr repeated; {os.cpu_count()} CPUs, "
        f"{args.jobs} worker processes"
    )
    print(f"load average at start: {os.getloadavg()[0]:.1f}")
    head = f"{'MB/side':>8} {'pair':>10} {'read CPU s':>10} {'align CPU s':>11}"
    print(f"{head} {'total wall s':>12} {'peak MB':>8} {'beads':>7}")
    for size in (float(s) for s in args.sizes.split(",")):
        with tempfile.TemporaryDirectory() as tmp:
            de, fr = make_pair(size, Path(tmp), corpus)
            runs = [("whole", [de, fr])]
            if args.uneven:
                runs.append(("fifth-whole", [de.with_name("de-fifth.txt"), fr]))
            cpu: dict[str, float] = {}
            for name, paths in runs:
                got = _run(paths, args.embeddings, args.jobs, args.timeout)
                if isinstance(got, str):
                    print(f"{size:>8g} {name:>10} {got}")
                    continue
                (read, cpu[name], wall, peak, beads), _ = got
                print(
                    f"{size:>8g} {name:>10} {read:>10.1f} {cpu[name]:>11.1f} {wall:>12.1f}"
                    f" {peak:>8.0f} {beads:>7.0f}"
                )
                sys.stdout.flush()
            if len(cpu) == 2:
                ratio = cpu["fifth-whole"] / cpu["whole"]
                print(f"{size:>8g} a fifth against the whole costs {ratio:.2f} x the whole pair")
    return 0


def _shapes(args: argparse.Namespace, corpus: Path) -> int:
    """Print the figures of each adversarial shape, size and encoder (``--shapes``)."""
    names = args.shapes.split(",")
    unknown = [name for name in names if name not in SHAPES]
    if unknown:
        print(f"unknown shapes: {', '.join(unknown)} (known: {', '.join(SHAPES)})")
        return 2
    encoders = args.embeddings.split(",")
    print(f"{os.cpu_count()} CPUs, {args.jobs} worker processes; the pairs:")
    for name in names:
        print(f"  {name}: {SHAPES[name]}")
    print("wall and CPU seconds of align_files (reading included; CPU of every process), the")
    print("peak MB of all its processes at once, what aligner.check_needs says the pair needs")
    print("at most (MB), the paragraph beads, the load at the start")
    head = f"{'shape':>16} {'MB/side':>7} {'encoder':>7} {'wall s':>7} {'CPU s':>7}"
    print(f"{head} {'peak MB':>8} {'needs':>6} {'beads':>7} {'load':>5}  said")
    for name in names:
        for size in (float(s) for s in args.sizes.split(",")):
            with tempfile.TemporaryDirectory() as tmp:
                paths = make_shape(name, size, Path(tmp), corpus)
                needs = alignment_needs([load_input(p) for p in paths]).memory_mb
                for encoder in encoders:
                    load = os.getloadavg()[0]
                    got = _run(list(paths), encoder, args.jobs, args.timeout)
                    row = f"{name:>16} {size:>7g} {encoder:>7}"
                    if isinstance(got, str):
                        print(f"{row} {got}")
                    else:
                        (read, cpu, wall, peak, beads), said = got
                        print(
                            f"{row} {wall:>7.1f} {cpu + read:>7.1f} {peak:>8.0f} {needs:>6.0f}"
                            f" {beads:>7.0f} {load:>5.1f}  {' / '.join(said)}"
                        )
                    sys.stdout.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main())
