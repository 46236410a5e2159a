"""Score paragraph alignment of uneven versions: partial translations and hard joins.

The dev sets come from :mod:`devsets` (seeded): the UDHR in five languages, the same with a
press-release opening (dateline, time, salutation), and Text+Berg de-fr and ParIce en-is
grouped into paragraphs. Each variant changes one version at a time:

- partial: a prefix, a suffix, a missing middle run of 20-40%, every other version cut to a
  window of a fifth (one version 5x longer), only the opening paragraphs;
- hard joins: a heading run together with its paragraph, a paragraph run into the next
  heading, a one-line paragraph run into the next, the salutation merged into the first
  paragraph, the dateline glued to the time.

Every language pair is scored on its own minimal beads (strict F1, micro-averaged): each
pair of versions is aligned alone and compared with the gold of those two languages ("F1",
against the same documents complete in "vs full"). "n-way" scores the alignment of all
versions at once, each pair's projection against the projected n-way gold; "views" scores
that same alignment as each pair sees it (:func:`aligner.views.minimal_beads`, what
``--pair`` exports show) against the pair's own minimal gold, on documents of three
languages or more ("-" when there are none). Also printed:
beads with cert >= 0.9 and the share of them that is right, the seconds spent aligning and,
without an encoder, how many of the pairs aligned alone were said to look partial (and
aligned with the configuration's ``partial_encoder``: the partial variants should be, the
complete documents should not).
Run: ``python benchmarks/bench_uneven.py [--no-embeddings] [--seeds N]``; without the
corpus (../shared/corpus or $ALIGNER_CORPUS) it says so and exits 0.
"""

from __future__ import annotations

import argparse
import random
import time
from collections import defaultdict
from pathlib import Path

import devsets
from devsets import JOINS, PARTIAL, Doc

from aligner.align import DEFAULT_ENCODER, align_versions
from aligner.align_config import AlignConfig
from aligner.evaluate import Counts, Scores, bead_counts, find_corpus
from aligner.model import Document, Version
from aligner.views import minimal_beads

ROOT = Path(__file__).resolve().parent.parent


class Tally:
    """Bead counts and calibration of one row of the table."""

    def __init__(self) -> None:
        self.pairwise = Counts()
        self.nway = Counts()
        self.views = Counts()
        self.docs = 0
        self.seconds = 0.0
        self.high = 0
        self.high_right = 0
        self.pairs = 0
        self.partial = 0

    def add(self, doc: Doc, encoder: str | None, changed: str | None = None) -> None:
        """Align ``doc`` n-way and each pair of its versions alone; score both (of the pairs,
        those that hold the ``changed`` version are counted as looking partial or not)."""
        doc, listed = devsets.read(doc)
        versions = {v.lang: v for v in listed}
        self.docs += 1
        self.nway = self.nway + self._score(doc, list(versions.values()), encoder, judge=False)
        for a, b in devsets.pairs(doc.langs):
            looked = changed is None or changed in (a, b)
            self.pairwise = self.pairwise + self._score(
                doc, [versions[a], versions[b]], encoder, looked=looked
            )

    def _score(
        self,
        doc: Doc,
        versions: list[Version],
        encoder: str | None,
        *,
        judge: bool = True,
        looked: bool = False,
    ) -> Counts:
        """Return the counts of each pair's beads against the gold of the languages aligned
        (for two, the pair's own minimal beads)."""
        langs = [v.lang for v in versions]
        start = time.perf_counter()
        said: list[str] = []
        paragraphs, sentences = align_versions(
            versions, config=AlignConfig(encoder=encoder), warn=said.append
        )
        self.seconds += time.perf_counter() - start
        if looked:
            self.pairs += 1
            self.partial += any(note.startswith("the texts look partial") for note in said)
        if len(versions) > 2:
            aligned = Document("bench", "", tuple(versions), paragraphs, sentences, "")
            self.views = self.views + _view_counts(doc, aligned)
        gold = devsets.gold_groups(doc, langs)
        index = {v.lang: {b.id: k for k, b in enumerate(v.blocks)} for v in versions}
        pred = [
            ({lang: tuple(index[lang][i] for i in bead.ids(lang)) for lang in langs}, bead.cert)
            for bead in paragraphs.beads
        ]
        counts = Counts()
        for a, b in devsets.pairs(langs):
            g_beads = [(g[a], g[b]) for g in gold if g[a] or g[b]]
            p_beads = [(p[a], p[b]) for p, _ in pred if p[a] or p[b]]
            counts = counts + bead_counts(p_beads, g_beads)
            truth = set(g_beads)
            for p, cert in pred:
                if judge and (p[a] or p[b]) and cert >= 0.9:
                    self.high += 1
                    self.high_right += (p[a], p[b]) in truth
        return counts

    def __iadd__(self, other: Tally) -> Tally:
        self.pairwise = self.pairwise + other.pairwise
        self.nway = self.nway + other.nway
        self.views = self.views + other.views
        self.docs += other.docs
        self.seconds += other.seconds
        self.high += other.high
        self.high_right += other.high_right
        self.pairs += other.pairs
        self.partial += other.partial
        return self

    def row(self, name: str, complete: Tally | None = None) -> str:
        f1 = Scores(self.pairwise).strict.f1
        diff = f"{f1 - Scores(complete.pairwise).strict.f1:+7.3f}" if complete else f"{'':>7}"
        high = f"{self.high_right / self.high:7.3f}" if self.high else f"{'-':>7}"
        views = f"{Scores(self.views).strict.f1:7.3f}" if self.views.gold else f"{'-':>7}"
        return (
            f"  {name:<22} {self.docs:>5} {f1:7.3f} {diff} {Scores(self.nway).strict.f1:7.3f} "
            f"{views} {self.high:>7} {high} {self.seconds:7.1f} {self.partial:>5}/{self.pairs:<5}"
        )


def _view_counts(doc: Doc, aligned: Document) -> Counts:
    """Return the counts of each pair's view of ``aligned`` against the pair's own gold."""
    counts = Counts()
    index = {v.lang: {b.id: k for k, b in enumerate(v.blocks)} for v in aligned.versions}
    for a, b in devsets.pairs(aligned.langs):
        gold = [(g[a], g[b]) for g in devsets.gold_groups(doc, (a, b))]
        seen = [
            (tuple(index[a][i] for i in bead.ids(a)), tuple(index[b][i] for i in bead.ids(b)))
            for bead in minimal_beads(aligned, (a, b))
        ]
        counts = counts + bead_counts(seen, gold)
    return counts


def base_docs(corpus: Path, rng: random.Random) -> list[Doc]:
    docs: list[Doc] = []
    if (corpus / "udhr").is_dir():
        udhr = devsets.udhr(corpus)
        docs.append(udhr)
    docs += devsets.grouped_pairs(corpus, rng)
    pressed = [devsets.press_release(d) for d in docs if d.name in ("udhr", "textberg-0")]
    return docs + [d for d in pressed if d is not None]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--no-embeddings", action="store_true", help="align without an encoder")
    parser.add_argument("--seeds", type=int, default=1, help="variants per document and kind")
    parser.add_argument("--only", nargs="*", help="variants to run (default: all)")
    args = parser.parse_args(argv)
    corpus = find_corpus(ROOT)
    if corpus is None:
        print("bench_uneven: no gold corpus (../shared/corpus or $ALIGNER_CORPUS); skipped")
        return 0
    encoder = None if args.no_embeddings else DEFAULT_ENCODER
    docs = base_docs(corpus, random.Random(14))
    complete = Tally()
    for doc in docs:
        complete.add(doc, encoder)
    tallies: dict[str, dict[str, Tally]] = {
        "partial": defaultdict(Tally),
        "joins": defaultdict(Tally),
    }
    for family, variants in (("partial", PARTIAL), ("joins", JOINS)):
        for name, variant in variants.items():
            if args.only and name not in args.only:
                continue
            for doc in docs:
                for lang in doc.langs:
                    for seed in range(args.seeds):
                        rng = random.Random(f"{doc.name} {name} {lang} {seed}")
                        changed = variant(doc, lang, rng)
                        if changed is not None:
                            tallies[family][name].add(changed, encoder, lang)
    print(
        f"Uneven versions, encoder {encoder or 'none'} ({len(docs)} documents: "
        + ", ".join(d.name for d in docs)
        + ")"
    )
    print(
        f"  {'variant':<22} {'docs':>5} {'F1':>7} {'vs full':>7} {'n-way':>7} {'views':>7}"
        f" {'c>=0.9':>7}"
        f" {'right':>7} {'sec':>7} {'looked partial':>14}"
    )
    print(complete.row("complete documents"))
    for family, rows in tallies.items():
        total = Tally()
        for name, tally in rows.items():
            print(tally.row(name, complete))
            total += tally
        print(total.row(f"all {family}", complete))
    print(
        "  targets: partial >= 0.97 and within 0.02 of complete; joins >= 0.98; "
        "cert >= 0.9 right >= 0.97"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
