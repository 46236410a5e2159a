"""How far a reviewer can trust the "numbers differ" and "omission" flags.

Run: ``python benchmarks/bench_flags.py``. Reads our invented five-language press releases
in ``tests/data/flags/`` (see its README): each bead is a faithful translation full of
what trips a naive number check, or carries a mismatch we planted in one language. Every
bead is laid out as the exports lay it out (:func:`exports.table.build_table`) and its
flags are compared with what was planted; the script prints true, false and missed flags
and precision and recall per kind, then the same for the bundled sample (where nothing was
planted, so every flag there is a false alarm).
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path

from aligner.model import Alignment, Bead, Block, Document, Source, Version
from exports.table import build_table

ROOT = Path(__file__).resolve().parent.parent
DEV_SET = ROOT / "tests" / "data" / "flags"
LANGS = ("de", "en", "es", "ru", "fr")
KINDS = ("numbers-differ", "omission")


@dataclass(frozen=True)
class Tally:
    true: int = 0
    false: int = 0
    missed: int = 0

    @property
    def precision(self) -> float:
        flagged = self.true + self.false
        return self.true / flagged if flagged else 1.0

    @property
    def recall(self) -> float:
        planted = self.true + self.missed
        return self.true / planted if planted else 1.0


def read_dev_document(path: Path) -> tuple[Document, dict[str, set[tuple[str, str]]]]:
    """Read one dev-set file: the document, and per bead id the planted (kind, language)."""
    beads: list[dict[str, str]] = []
    planted: dict[str, set[tuple[str, str]]] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("=="):
            beads.append({})
        elif line.startswith("plant:"):
            kind, lang = line.removeprefix("plant:").split()
            name = "numbers-differ" if kind == "numbers" else kind
            planted.setdefault(f"al.p{len(beads)}", set()).add((name, lang))
        elif line.strip():
            lang, text = line.split(":", 1)
            beads[-1][lang] = text.strip()
    versions = tuple(
        Version(
            lang=lang,
            blocks=tuple(
                Block(id=f"{lang}.p{n}", kind="p", n=n, text=texts[lang])
                for n, texts in enumerate(beads, start=1)
            ),
            source=Source(sha256="0" * 64, filename=f"{path.stem}.{lang}.txt"),
        )
        for lang in LANGS
    )
    alignment = tuple(
        Bead(id=f"al.p{n}", members={lang: (f"{lang}.p{n}",) for lang in LANGS}, cert=1.0)
        for n in range(1, len(beads) + 1)
    )
    document = Document(
        id=path.stem,
        uuid="00000000-0000-0000-0000-000000000000",
        versions=versions,
        paragraphs=Alignment("paragraph", alignment),
        sentences=Alignment("sentence", ()),
        created="2026-01-01T00:00:00Z",
    )
    return document, planted


def score(folder: Path = DEV_SET) -> tuple[dict[str, Tally], list[str]]:
    """Return the tally per flag kind over the dev set, and one line per wrong flag."""
    tallies = {kind: Tally() for kind in KINDS}
    wrong: list[str] = []
    for path in sorted(folder.glob("*.txt")):
        document, planted = read_dev_document(path)
        for row in build_table(document, LANGS).rows:
            for kind in KINDS:
                flagged = row.has(kind)
                wanted = any(k == kind for k, _ in planted.get(row.bead, ()))
                t = tallies[kind]
                if flagged and wanted:
                    tallies[kind] = Tally(t.true + 1, t.false, t.missed)
                elif flagged:
                    tallies[kind] = Tally(t.true, t.false + 1, t.missed)
                    wrong.append(f"false {kind}: {path.name} {row.bead}: {row.reasons}")
                elif wanted:
                    tallies[kind] = Tally(t.true, t.false, t.missed + 1)
                    wrong.append(f"missed {kind}: {path.name} {row.bead}")
    return tallies, wrong


def naive(folder: Path = DEV_SET) -> Tally:
    """Score the check the exports made before: digits only, any difference flagged."""
    from collections import Counter

    from languages.numbers import read_numbers

    tally = Tally()
    for path in sorted(folder.glob("*.txt")):
        document, planted = read_dev_document(path)
        for row in build_table(document, LANGS, compare_texts=False).rows:
            found = [Counter(n.value for n in read_numbers(c.text, lang=c.lang)) for c in row.cells]
            flagged = any(f != found[0] for f in found)
            wanted = any(k == "numbers-differ" for k, _ in planted.get(row.bead, ()))
            tally = Tally(
                tally.true + (flagged and wanted),
                tally.false + (flagged and not wanted),
                tally.missed + (wanted and not flagged),
            )
    return tally


def main() -> int:
    tallies, wrong = score()
    count = len(list(DEV_SET.glob("*.txt")))
    print(f"bench_flags: dev set {DEV_SET.relative_to(ROOT)} ({count} documents)")
    print(f"{'flag':<16}{'true':>6}{'false':>7}{'missed':>8}{'precision':>11}{'recall':>8}")
    for kind, t in tallies.items():
        print(f"{kind:<16}{t.true:>6}{t.false:>7}{t.missed:>8}{t.precision:>11.2f}{t.recall:>8.2f}")
    for line in wrong:
        print(f"  {line}")
    t = naive()
    print(
        f"{'digits only':<16}{t.true:>6}{t.false:>7}{t.missed:>8}{t.precision:>11.2f}"
        f"{t.recall:>8.2f}   (the number check before: any difference in digits)"
    )
    from aligner.api import align_sample

    sample = align_sample(warn=lambda _: None)
    rows = build_table(sample, sample.langs).rows
    alarms = {kind: sum(r.has(kind) for r in rows) for kind in KINDS}
    print(
        f"bundled sample ({len(rows)} paragraph beads, nothing planted): "
        + ", ".join(f"{n} {kind}" for kind, n in alarms.items())
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
