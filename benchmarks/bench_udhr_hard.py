"""Score n-way paragraph alignment on harder variants of the UDHR with exact gold.

Each variant changes single language versions of ../shared/corpus/udhr: two paragraphs
merged into one, one split in two at a sentence end, one dropped, and lines of site
boilerplate ("Print", "Share", a date line) inserted. The gold follows every change, so it
stays exact: a merge joins two groups, a split gives a group two paragraphs in one language,
a drop leaves a language empty in its group, a boilerplate line is a group of one language.
Run: ``python benchmarks/bench_udhr_hard.py [--variants N]``; without the corpus it says so
and exits 0.
"""

from __future__ import annotations

import argparse
import random
from pathlib import Path

from aligner.align import align_versions
from aligner.evaluate import find_corpus, paragraph_version, read_nway_gold, score_nway

ROOT = Path(__file__).resolve().parent.parent

BOILERPLATE = ["Print", "Share", "Additional materials", "12 May 2021 22:50", "Back to top"]

# a group: for each language, its paragraphs (texts) in order
Groups = list[dict[str, list[str]]]


def _start(corpus: Path) -> tuple[list[str], Groups]:
    gold = read_nway_gold(corpus / "udhr")
    groups = [
        {lang: [gold.paragraphs[lang][i] for i in g[lang]] for lang in gold.languages}
        for g in gold.groups
    ]
    return list(gold.languages), groups


def _merge(groups: Groups, lang: str, rng: random.Random) -> None:
    options = [
        k
        for k in range(len(groups) - 1)
        if len(groups[k][lang]) == 1 and len(groups[k + 1][lang]) == 1
    ]
    if not options:
        return
    k = rng.choice(options)
    joined = {
        other: groups[k][other] + groups[k + 1][other] for other in groups[k] if other != lang
    }
    joined[lang] = [groups[k][lang][0] + " " + groups[k + 1][lang][0]]
    groups[k : k + 2] = [joined]


def _split(groups: Groups, lang: str, rng: random.Random) -> None:
    options = [k for k, g in enumerate(groups) if len(g[lang]) == 1 and ". " in g[lang][0]]
    if not options:
        return
    k = rng.choice(options)
    text = groups[k][lang][0]
    cut = text.index(". ") + 1
    groups[k][lang] = [text[:cut], text[cut:].strip()]


def _drop(groups: Groups, lang: str, rng: random.Random) -> None:
    options = [k for k, g in enumerate(groups) if len(g[lang]) == 1 and len(g[lang][0]) > 40]
    if not options:
        return
    k = rng.choice(options)
    groups[k][lang] = []
    if not any(groups[k].values()):
        del groups[k]


def _boilerplate(groups: Groups, lang: str, rng: random.Random, langs: list[str]) -> None:
    k = rng.randrange(len(groups) + 1)
    line: dict[str, list[str]] = {other: [] for other in langs}
    line[lang] = [rng.choice(BOILERPLATE)]
    groups.insert(k, line)


def make_variant(langs: list[str], groups: Groups, seed: int) -> Groups:
    """Return a changed copy of ``groups``: four changes in random single languages."""
    rng = random.Random(seed)
    out = [{lang: list(texts) for lang, texts in g.items()} for g in groups]
    for change in ("merge", "split", "drop", "boilerplate"):
        lang = rng.choice(langs)
        if change == "merge":
            _merge(out, lang, rng)
        elif change == "split":
            _split(out, lang, rng)
        elif change == "drop":
            _drop(out, lang, rng)
        else:
            _boilerplate(out, lang, rng, langs)
    return out


def _gold_indices(langs: list[str], groups: Groups) -> list[dict[str, tuple[int, ...]]]:
    counter = dict.fromkeys(langs, 0)
    out = []
    for g in groups:
        out.append(
            {lang: tuple(range(counter[lang], counter[lang] + len(g[lang]))) for lang in langs}
        )
        for lang in langs:
            counter[lang] += len(g[lang])
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--variants", type=int, default=20)
    args = parser.parse_args(argv)
    corpus = find_corpus(ROOT)
    if corpus is None or not (corpus / "udhr" / "gold.json").is_file():
        print("bench_udhr_hard: no UDHR gold (../shared/corpus or $ALIGNER_CORPUS); skipped")
        return 0
    langs, groups = _start(corpus)
    f1s: list[float] = []
    exact: list[float] = []
    print(f"{'variant':>7} {'strict F1':>9} {'link F1':>8} {'exact':>6}  worst pair")
    for seed in range(args.variants):
        variant = make_variant(langs, groups, seed)
        versions = [
            paragraph_version(lang, [t for g in variant for t in g[lang]]) for lang in langs
        ]
        para, _ = align_versions(versions)
        index = {v.lang: {b.id: k for k, b in enumerate(v.blocks)} for v in versions}
        pred = [
            {lang: tuple(index[lang][i] for i in b.ids(lang)) for lang in langs} for b in para.beads
        ]
        scores = score_nway(pred, _gold_indices(langs, variant), langs)
        worst = min(scores.pairs.items(), key=lambda kv: kv[1].beads.f1)
        f1s.append(scores.beads.f1)
        exact.append(scores.group_exact)
        print(
            f"{seed:>7} {scores.beads.f1:>9.3f} {scores.links.f1:>8.3f} {scores.group_exact:>6.3f}"
            f"  {worst[0]} {worst[1].beads.f1:.3f}"
        )
    print(f"mean strict F1 over pairs and variants: {sum(f1s) / len(f1s):.4f} (aim >= 0.99)")
    print(f"mean group exact match: {sum(exact) / len(exact):.4f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
