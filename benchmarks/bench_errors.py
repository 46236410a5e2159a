"""Where our aligner and a peer part ways: the gold beads one finds exactly and the other misses.

For each corpus asked for (by default the literary sets, TransRead en-fr and en-es), our
aligner (``--encoder``, USE by default) and bertalign (with the same encoder, run from the
peers' environment as ``bench_peers.py`` does, or read from ``--peer-beads``, the JSON lines
``bench_peers.py --peer-child bertalign`` prints) align every document. The gold beads the
peer finds exactly and we miss, and the reverse, are counted by class:

- the gold bead's shape (1-0/0-1, 1-1, 1-2/2-1, 2-2, wider);
- what the system that misses it outputs over its units: a bead that holds it and more
  (``merged``), beads that each hold part of it only (``split``), or beads that cross its
  edges (``shifted``);
- its length ratio: target characters over source characters, divided by the document's
  (below 0.67, 0.67 to 1.5, above 1.5);
- where in the document it lies (fifths of the source);
- the cosine of its two sides (each the sum of its units' vectors), and for a lone unit
  (1-0/0-1) the best cosine it has with a unit of the other side within three places.

Printed: one table per corpus and class; ``--list N`` also prints N of each kind with
their text. Run: ``.venv/bin/python benchmarks/bench_errors.py [--corpora
transread-enfr,transread-enes] [--peer-beads FILE] [--list 10]``.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

import numpy as np
from bench_peers import peer
from folds import BeadPair, align_corpus
from sentence_gold import NAMES, Doc, corpora

from aligner.align import get_encoder
from aligner.align_config import DEFAULT_CONFIG
from aligner.evaluate import find_corpus

ROOT = Path(__file__).resolve().parent.parent


def shape_class(bead: BeadPair) -> str:
    """Return the class of a bead's shape.

    >>> [shape_class(b) for b in [((1,), ()), ((1,), (2,)), ((1, 2), (3,)), ((1, 2, 3), (4,))]]
    ['1-0/0-1', '1-1', '1-2/2-1', 'wider']
    """
    a, b = len(bead[0]), len(bead[1])
    if not a or not b:
        return "1-0/0-1" if a + b == 1 else "wider"
    if (a, b) == (1, 1):
        return "1-1"
    if a + b == 3:
        return "1-2/2-1"
    return "2-2" if (a, b) == (2, 2) else "wider"


def outcome(bead: BeadPair, found: Sequence[BeadPair]) -> str:
    """Return what ``found`` does over gold ``bead``'s units: merged, split or shifted.

    >>> outcome(((1,), (1,)), [((0, 1), (0, 1))])
    'merged'
    >>> outcome(((0, 1), (0,)), [((0,), (0,)), ((1,), ())])
    'split'
    >>> outcome(((1,), (1,)), [((0, 1), (0,)), ((), (1,))])
    'shifted'
    """
    src, tgt = set(bead[0]), set(bead[1])
    over = [(set(s), set(t)) for s, t in found if src & set(s) or tgt & set(t)]
    if any(src <= s and tgt <= t for s, t in over):
        return "merged"
    if all(s <= src and t <= tgt for s, t in over):
        return "split"
    return "shifted"


def _ratio_class(bead: BeadPair, doc: Doc, ratio: float) -> str:
    ls = sum(len(doc[1][i]) for i in bead[0])
    lt = sum(len(doc[2][j]) for j in bead[1])
    if not ls or not lt:
        return "-"
    r = lt / ls / ratio
    return "<0.67" if r < 0.67 else (">1.5" if r > 1.5 else "0.67-1.5")


def _cosine(vs: np.ndarray, vt: np.ndarray, bead: BeadPair) -> float:
    """Return the cosine of a bead's sides; for a lone unit, its best within three places."""
    src, tgt = list(bead[0]), list(bead[1])
    if src and tgt:
        a, b = vs[src].sum(axis=0), vt[tgt].sum(axis=0)
        return float(a @ b / (np.linalg.norm(a) * np.linalg.norm(b) + 1e-9))
    one, other, where = (vs[src[0]], vt, src[0]) if src else (vt[tgt[0]], vs, tgt[0])
    lo, hi = max(0, where - 3), min(len(other), where + 4)
    return float(max((one @ other[k] for k in range(lo, hi)), default=0.0))


def _cos_class(c: float) -> str:
    return "<0.3" if c < 0.3 else ("0.3-0.5" if c < 0.5 else ("0.5-0.7" if c < 0.7 else ">=0.7"))


def _beads(rows: list[object]) -> list[BeadPair]:
    """Return beads read from JSON (pairs of lists of indices) as pairs of tuples."""
    out: list[BeadPair] = []
    for row in rows:
        src, tgt = row  # type: ignore[misc]
        out.append((tuple(int(i) for i in src), tuple(int(j) for j in tgt)))
    return out


def _text(doc: Doc, bead: BeadPair) -> str:
    s = " | ".join(doc[1][i] for i in bead[0])
    t = " | ".join(doc[2][j] for j in bead[1])
    return f"    {list(bead[0])}:{list(bead[1])}\n      {s[:300]}\n      {t[:300]}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--corpora", default="transread-enfr,transread-enes")
    parser.add_argument("--encoder", default="use")
    parser.add_argument("--peer-beads", help="bertalign's beads, as bench_peers --peer-child")
    parser.add_argument("--peers-python", default="/work/peers-venv/bin/python")
    parser.add_argument("--list", type=int, default=0, help="print this many of each kind")
    args = parser.parse_args(argv)
    corpus = find_corpus(ROOT)
    if corpus is None:
        print("bench_errors: no gold corpus (../shared/corpus or $ALIGNER_CORPUS); skipped")
        return 0
    only = tuple(c for c in args.corpora.split(",") if c in NAMES)
    if args.peer_beads:
        theirs: dict[str, list[object]] = {}
        for line in Path(args.peer_beads).read_text("utf-8").splitlines():
            if line.startswith("{"):
                row = json.loads(line)
                theirs[f"{row['corpus']}/{row['doc']}"] = row["beads"]
    else:
        found = peer(args.peers_python, "bertalign", corpus, args.encoder)
        theirs = {k: v[0] for k, v in found.items()}
    embedder = get_encoder(args.encoder)
    assert embedder is not None
    for c in corpora(corpus, only):
        name, _, _, docs = c
        ours = align_corpus(c, DEFAULT_CONFIG, args.encoder, keep=True)
        tallies: dict[str, Counter[str]] = {"peer only": Counter(), "ours only": Counter()}
        listed: dict[str, list[str]] = {"peer only": [], "ours only": []}
        totals = Counter[str]()
        for doc, mine in zip(docs, ours.beads, strict=True):
            gold = [(tuple(s), tuple(t)) for s, t in doc[3]]
            peer_beads = _beads(theirs[f"{name}/{doc[0]}"])
            vs = embedder.vectors(doc[1])
            vt = embedder.vectors(doc[2])
            ratio = sum(map(len, doc[2])) / max(1, sum(map(len, doc[1])))
            n = len(doc[1])
            g, o, p = set(gold), set(mine), set(peer_beads)
            totals["gold"] += len(g)
            totals["ours right"] += len(g & o)
            totals["peer right"] += len(g & p)
            for kind, wins, loser in (
                ("peer only", (g & p) - o, mine),
                ("ours only", (g & o) - p, peer_beads),
            ):
                for bead in sorted(wins, key=lambda b: (b[0] or (-1,), b[1] or (-1,))):
                    first = bead[0][0] if bead[0] else 0
                    cos = _cosine(vs, vt, bead)
                    t = tallies[kind]
                    t["all"] += 1
                    t[f"shape {shape_class(bead)}"] += 1
                    how = outcome(bead, loser)
                    t[f"missed as {how}"] += 1
                    if how == "merged":
                        into = next(
                            b for b in loser
                            if set(bead[0]) <= set(b[0]) and set(bead[1]) <= set(b[1])
                        )  # fmt: skip
                        t[f"merged into {shape_class(into)}"] += 1
                    t[f"shape {shape_class(bead)}, missed as {outcome(bead, loser)}"] += 1
                    t[f"length {_ratio_class(bead, doc, ratio)}"] += 1
                    t[f"where {min(4, 5 * first // max(1, n))}/5"] += 1
                    t[f"cosine {_cos_class(cos)}"] += 1
                    if len(listed[kind]) < args.list * 4 and (
                        len(listed[kind]) < args.list or shape_class(bead) != "1-1"
                    ):
                        over = [
                            b for b in loser
                            if set(b[0]) & set(bead[0]) or set(b[1]) & set(bead[1])
                        ]  # fmt: skip
                        shown = ", ".join(f"{list(s)}:{list(t)}" for s, t in over)
                        listed[kind].append(
                            f"  {doc[0]} cos {cos:.2f} {outcome(bead, loser)} as {shown}\n"
                            + _text(doc, bead)
                        )
        print(f"{name}: gold {totals['gold']}, ours right {totals['ours right']}, "
              f"peer right {totals['peer right']}")  # fmt: skip
        keys = sorted(set(tallies["peer only"]) | set(tallies["ours only"]))
        print(f"  {'class':<40} {'peer only':>9} {'ours only':>9}")
        for key in keys:
            print(f"  {key:<40} {tallies['peer only'][key]:>9} {tallies['ours only'][key]:>9}")
        for kind in ("peer only", "ours only"):
            if listed[kind]:
                print(f"  -- {kind} --")
                print("\n".join(listed[kind]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
