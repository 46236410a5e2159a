"""Score n-way paragraph alignment on harder variants of the UDHR with exact gold.

Each variant changes single language versions of ../shared/corpus/udhr: two paragraphs
merged into one, one split in two at a sentence end, one dropped, and lines of site
boilerplate ("Print", "Share", a date line) inserted. The gold follows every change, so it
stays exact: a merge joins two groups, a split gives a group two paragraphs in one language,
a drop leaves a language empty in its group, a boilerplate line is a group of one language.

Every language pair is scored on its own minimal beads (:mod:`aligner.views`): when German
merges two paragraphs, the n-way gold joins the two groups, but English and French still
pair paragraph by paragraph, and so must the prediction seen through English and French.
Run: ``python benchmarks/bench_udhr_hard.py [--variants N]``; without the corpus it says so
and exits 0.
"""

from __future__ import annotations

import argparse
import itertools
import random
from collections.abc import Collection
from dataclasses import dataclass, field
from pathlib import Path

from aligner.align import align_versions
from aligner.evaluate import (
    find_corpus,
    pair_groups,
    paragraph_version,
    read_nway_gold,
    score_nway,
)

ROOT = Path(__file__).resolve().parent.parent

BOILERPLATE = ["Print", "Share", "Additional materials", "12 May 2021 22:50", "Back to top"]


@dataclass
class Variant:
    """Groups of texts per language; ``glued[k]`` holds the languages whose first text in
    group k continues the last paragraph of group k - 1 (a merge made by that language)."""

    langs: list[str]
    groups: list[dict[str, list[str]]]
    glued: list[set[str]] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.glued = self.glued or [set() for _ in self.groups]

    def free(self, k: int, lang: str) -> bool:
        """Tell whether group k's text in ``lang`` is one paragraph no merge touches."""
        after = self.glued[k + 1] if k + 1 < len(self.groups) else set()
        return len(self.groups[k][lang]) == 1 and lang not in self.glued[k] | after

    def paragraphs(self, lang: str) -> list[str]:
        out: list[str] = []
        for group, glued in zip(self.groups, self.glued, strict=True):
            for n, text in enumerate(group[lang]):
                if n == 0 and lang in glued:
                    out[-1] += " " + text
                else:
                    out.append(text)
        return out

    def gold(self, langs: Collection[str]) -> list[dict[str, tuple[int, ...]]]:
        """Return the gold groups as ``langs`` see them: joined only by their own merges."""
        count = dict.fromkeys(self.langs, 0)
        out: list[dict[str, list[int]]] = []
        for group, glued in zip(self.groups, self.glued, strict=True):
            indices = {}
            for lang in self.langs:
                first = count[lang] - (1 if lang in glued else 0)
                count[lang] = first + len(group[lang])
                indices[lang] = list(range(first, count[lang])) if group[lang] else []
            if out and glued & set(langs):
                for lang in self.langs:
                    out[-1][lang] = sorted(set(out[-1][lang]) | set(indices[lang]))
            else:
                out.append(indices)
        return [{lang: tuple(g[lang]) for lang in langs} for g in out]


def _start(corpus: Path) -> Variant:
    gold = read_nway_gold(corpus / "udhr")
    groups = [
        {lang: [gold.paragraphs[lang][i] for i in g[lang]] for lang in gold.languages}
        for g in gold.groups
    ]
    return Variant(list(gold.languages), groups)


def _merge(v: Variant, lang: str, rng: random.Random) -> None:
    options = [k for k in range(len(v.groups) - 1) if v.free(k, lang) and v.free(k + 1, lang)]
    if options:
        v.glued[rng.choice(options) + 1].add(lang)


def _split(v: Variant, lang: str, rng: random.Random) -> None:
    options = [k for k in range(len(v.groups)) if v.free(k, lang) and ". " in v.groups[k][lang][0]]
    if not options:
        return
    k = rng.choice(options)
    text = v.groups[k][lang][0]
    cut = text.index(". ") + 1
    v.groups[k][lang] = [text[:cut], text[cut:].strip()]


def _drop(v: Variant, lang: str, rng: random.Random) -> None:
    options = [
        k for k in range(len(v.groups)) if v.free(k, lang) and len(v.groups[k][lang][0]) > 40
    ]
    if not options:
        return
    k = rng.choice(options)
    v.groups[k][lang] = []
    if not any(v.groups[k].values()) and not (k + 1 < len(v.groups) and v.glued[k + 1]):
        del v.groups[k]
        del v.glued[k]


def _boilerplate(v: Variant, lang: str, rng: random.Random) -> None:
    # never between two texts a merge joins
    options = [k for k in range(len(v.groups) + 1) if k == len(v.groups) or not v.glued[k]]
    k = rng.choice(options)
    line: dict[str, list[str]] = {other: [] for other in v.langs}
    line[lang] = [rng.choice(BOILERPLATE)]
    v.groups.insert(k, line)
    v.glued.insert(k, set())


def make_variant(start: Variant, seed: int) -> Variant:
    """Return a changed copy of ``start``: four changes in random single languages."""
    rng = random.Random(seed)
    v = Variant(
        list(start.langs),
        [{lang: list(texts) for lang, texts in g.items()} for g in start.groups],
        [set(g) for g in start.glued],
    )
    for change in ("merge", "split", "drop", "boilerplate"):
        lang = rng.choice(v.langs)
        if change == "merge":
            _merge(v, lang, rng)
        elif change == "split":
            _split(v, lang, rng)
        elif change == "drop":
            _drop(v, lang, rng)
        else:
            _boilerplate(v, lang, rng)
    return v


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--variants", type=int, default=20)
    args = parser.parse_args(argv)
    corpus = find_corpus(ROOT)
    if corpus is None or not (corpus / "udhr" / "gold.json").is_file():
        print("bench_udhr_hard: no UDHR gold (../shared/corpus or $ALIGNER_CORPUS); skipped")
        return 0
    start = _start(corpus)
    langs = start.langs
    f1s: list[float] = []
    exact: list[float] = []
    print(f"{'variant':>7} {'strict F1':>9} {'link F1':>8} {'exact':>6}  worst pair")
    for seed in range(args.variants):
        variant = make_variant(start, seed)
        versions = [paragraph_version(lang, variant.paragraphs(lang), split=True) for lang in langs]
        para, sentences = align_versions(versions)
        index = {v.lang: {b.id: k for k, b in enumerate(v.blocks)} for v in versions}
        pred = [
            {lang: tuple(index[lang][i] for i in b.ids(lang)) for lang in langs} for b in para.beads
        ]
        scores = score_nway(
            pred,
            variant.gold(langs),
            langs,
            pair_pred=pair_groups(para, sentences, versions, index),
            pair_gold={pair: variant.gold(pair) for pair in itertools.combinations(langs, 2)},
        )
        worst = min(scores.pairs.items(), key=lambda kv: kv[1].beads.f1)
        f1s.append(scores.beads.f1)
        exact.append(scores.group_exact)
        print(
            f"{seed:>7} {scores.beads.f1:>9.3f} {scores.links.f1:>8.3f} {scores.group_exact:>6.3f}"
            f"  {worst[0]} {worst[1].beads.f1:.3f}"
        )
    mean = sum(f1s) / len(f1s)
    print(f"mean strict F1 over pairs (each on its own minimal beads) and variants: {mean:.4f}")
    print(f"mean group exact match: {sum(exact) / len(exact):.4f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
