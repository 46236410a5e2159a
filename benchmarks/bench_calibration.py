"""Print the reliability of the aligner's certainty on the shared gold corpora.

Beads are binned by ``cert``; each row gives how many beads fall in the bin and the share
that is exactly right (strictly equal to a gold bead). Run: ``python
benchmarks/bench_calibration.py``. Without the corpus (../shared/corpus or $ALIGNER_CORPUS)
it says so and exits 0.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from aligner.align import Lexicons, align_texts, align_versions
from aligner.evaluate import (
    BeadPair,
    find_corpus,
    nway_versions,
    parse_indexed,
    read_beads,
    read_nway_gold,
)

BINS = (0.0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 0.95, 1.0001)


def _judge(
    beads: Sequence[tuple[BeadPair, float]], gold: Sequence[BeadPair]
) -> list[tuple[float, bool]]:
    ref = {g for g in gold if g[0] or g[1]}
    return [(cert, bead in ref) for bead, cert in beads if bead[0] or bead[1]]


def collect(corpus: Path) -> dict[str, list[tuple[float, bool]]]:
    """Align every gold corpus found and return (cert, correct) per bead, per corpus."""
    out: dict[str, list[tuple[float, bool]]] = {}
    tb = corpus / "textberg-dev"
    if tb.is_dir():
        de = (tb / "dev.de").read_text("utf-8").split("\n")[:-1]
        fr = (tb / "dev.fr").read_text("utf-8").split("\n")[:-1]
        beads = align_texts(de, fr, src_lang="de", tgt_lang="fr")
        out["textberg-dev"] = _judge(
            [((b.src, b.tgt), b.cert) for b in beads], read_beads(tb / "dev.defr")
        )
    parice = corpus / "parice-en-is"
    if parice.is_dir():
        judged: list[tuple[float, bool]] = []
        lexicons = Lexicons()
        for gold in sorted((parice / "gold").glob("*.txt")):
            en = parse_indexed((parice / "eng" / gold.name).read_text("utf-8"))
            is_ = parse_indexed((parice / "isl" / gold.name).read_text("utf-8"))
            beads = align_texts(en, is_, src_lang="en", tgt_lang="is", lexicons=lexicons)
            judged += _judge([((b.src, b.tgt), b.cert) for b in beads], read_beads(gold))
        out["parice-en-is"] = judged
    udhr = corpus / "udhr"
    if (udhr / "gold.json").is_file():
        gold_nway = read_nway_gold(udhr)
        prepared = nway_versions(gold_nway)
        para, _ = align_versions([v for _, v in prepared])
        back = {v.lang: {b.id: kept[k] for k, b in enumerate(v.blocks)} for kept, v in prepared}
        truth = {tuple(tuple(g[lang]) for lang in gold_nway.languages) for g in gold_nway.groups}
        out["udhr (n-way)"] = [
            (
                bead.cert,
                tuple(tuple(back[lang][i] for i in bead.ids(lang)) for lang in gold_nway.languages)
                in truth,
            )
            for bead in para.beads
        ]
    return out


def table(judged: Sequence[tuple[float, bool]]) -> str:
    """Return the reliability table of (cert, correct) pairs."""
    lines = [f"  {'cert':<11} {'beads':>6} {'correct':>8}"]
    for lo, hi in zip(BINS, BINS[1:], strict=False):
        inside = [ok for cert, ok in judged if lo <= cert < hi]
        share = f"{sum(inside) / len(inside):8.3f}" if inside else f"{'-':>8}"
        lines.append(f"  [{lo:.2f}, {min(hi, 1.0):.2f}) {len(inside):>6} {share}")
    high = [ok for cert, ok in judged if cert >= 0.9]
    low = [ok for cert, ok in judged if cert < 0.5]
    if high:
        lines.append(f"  cert >= 0.9: {sum(high) / len(high):.3f} correct ({len(high)} beads)")
    if low:
        lines.append(f"  cert <  0.5: {sum(low) / len(low):.3f} correct ({len(low)} beads)")
    return "\n".join(lines)


def main() -> int:
    corpus = find_corpus(Path(__file__).resolve().parent.parent)
    if corpus is None:
        print("bench_calibration: no gold corpus (../shared/corpus or $ALIGNER_CORPUS); skipped")
        return 0
    everything: list[tuple[float, bool]] = []
    for name, judged in collect(corpus).items():
        print(f"{name}:")
        print(table(judged))
        everything += judged
    print("all corpora:")
    print(table(everything))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
