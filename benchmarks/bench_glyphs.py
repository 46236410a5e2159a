"""Which characters of real texts the PDF export can print, and with which font.

Run: ``python benchmarks/bench_glyphs.py``. Reads every text file of the shared corpora
(``../shared/corpus`` or ``$ALIGNER_CORPUS``; says so when absent), the bundled sample and
our test fixtures, and prints how many distinct characters they hold, how many Fira Sans
draws, which come from the fallback font or are mapped to a look-alike, and which nothing
can print.
"""

from __future__ import annotations

import sys
import unicodedata
from pathlib import Path

from aligner.evaluate import find_corpus
from exports.pdf import FALLBACK_FAMILY, FONT_FAMILY, _runs, unprintable

ROOT = Path(__file__).resolve().parent.parent


def characters(folder: Path) -> set[str]:
    seen: set[str] = set()
    for path in folder.rglob("*"):
        if path.is_file():
            try:
                seen.update(path.read_bytes().decode("utf-8"))
            except UnicodeDecodeError:
                continue
    return {ch for ch in seen if ch.isprintable() and not ch.isspace()} | (seen & {"\u202f"})


def _names(chars: list[str]) -> str:
    return ", ".join(f"U+{ord(c):04X} {unicodedata.name(c, '?').lower()}" for c in chars) or "-"


def main() -> int:
    corpus = find_corpus(ROOT)
    if corpus is None and Path("/work/shared/corpus").is_dir():
        corpus = Path("/work/shared/corpus")
    folders = {"sample": ROOT / "aligner" / "data" / "sample", "fixtures": ROOT / "tests" / "data"}
    if corpus is None:
        print("bench_glyphs: no shared corpus (../shared/corpus or $ALIGNER_CORPUS); skipped it")
    else:
        folders["shared corpora"] = corpus
    for name, folder in folders.items():
        chars = characters(folder)
        by_font: dict[str, list[str]] = {FONT_FAMILY: [], FALLBACK_FAMILY: []}
        mapped = []
        for ch in sorted(chars):
            font, drawn = _runs(ch)[0]
            if drawn != ch:
                mapped.append(ch)
            else:
                by_font[font].append(ch)
        missing = unprintable("".join(chars))
        print(
            f"{name}: {len(chars)} characters; {len(by_font[FONT_FAMILY])} in Fira Sans; "
            f"{len(mapped)} mapped to a look-alike ({_names(mapped)}); "
            f"{len(by_font[FALLBACK_FAMILY])} from Noto Sans ({_names(by_font[FALLBACK_FAMILY])}); "
            f"{len(missing)} without a glyph{(': ' + missing) if missing else ''}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
