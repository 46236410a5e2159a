"""Does material cross the sentence boundary in the two-to-two beads we miss?

Text+Berg dev (German-French), aligned with the default encoder (USE multilingual v3).
Printed: the gold beads per shape and how many of them our alignment misses; then, for the
gold two-to-two beads we find, those we miss, and pairs of neighbouring gold one-to-one
beads, the USE cosines of the straight pairs (s1 t1, s2 t2) and of the crossed pairs (s1
t2, s2 t1): when a clause moved across the boundary, a crossed pair reads like a
translation. This is the measurement behind README's note on crossing evidence (tried as
one more term of the two-to-two bead cost and not adopted).

Run: ``python benchmarks/bench_crossing.py``; without the corpus (../shared/corpus or
$ALIGNER_CORPUS) it says so and exits 0.
"""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_peers import corpora  # noqa: E402


def main() -> int:
    from aligner.align import Lexicons, align_texts, get_encoder
    from aligner.evaluate import find_corpus

    corpus = find_corpus(ROOT)
    found = corpus and next((c for c in corpora(corpus) if c[0] == "textberg-dev"), None)
    if not found:
        print("bench_crossing: no Text+Berg dev (../shared/corpus or $ALIGNER_CORPUS); skipped")
        return 0
    _, src_lang, tgt_lang, ((_, src, tgt, gold),) = found
    encoder = get_encoder("use")
    assert encoder is not None
    vs, vt = (np.asarray(encoder.vectors(texts), dtype=np.float64) for texts in (src, tgt))
    vs /= np.linalg.norm(vs, axis=1, keepdims=True)
    vt /= np.linalg.norm(vt, axis=1, keepdims=True)
    beads = align_texts(
        src, tgt, src_lang=src_lang, tgt_lang=tgt_lang, lexicons=Lexicons(), encoder="use"
    )
    ours = {(b.src, b.tgt) for b in beads}
    shapes = Counter((len(s), len(t)) for s, t in gold)
    missed = Counter((len(s), len(t)) for s, t in gold if (tuple(s), tuple(t)) not in ours)
    print("Text+Berg dev, gold beads per shape (missed by ours, USE):")
    print("  " + ", ".join(f"{a}-{b} {n} ({missed[a, b]})" for (a, b), n in shapes.most_common()))

    def cosines(s1: int, s2: int, t1: int, t2: int) -> list[float]:
        return [float(vs[i] @ vt[j]) for i, j in ((s1, t1), (s2, t2), (s1, t2), (s2, t1))]

    groups: dict[str, list[list[float]]] = {
        "gold 2-2, found": [],
        "gold 2-2, missed": [],
        "neighbouring 1-1s": [],
    }
    for k, (s, t) in enumerate(gold):
        if len(s) == len(t) == 2:
            hit = (tuple(s), tuple(t)) in ours
            groups["gold 2-2, found" if hit else "gold 2-2, missed"].append(cosines(*s, *t))
        nxt = gold[k + 1] if k + 1 < len(gold) else ([], [])
        if len(s) == len(t) == len(nxt[0]) == len(nxt[1]) == 1:
            groups["neighbouring 1-1s"].append(cosines(s[0], nxt[0][0], t[0], nxt[1][0]))
    print("USE cosines, medians: straight pairs, the better crossed pair (share above 0.5),")
    print("and the better crossed pair less the weaker straight one (share above 0)")
    for name, rows in groups.items():
        if not rows:
            continue
        a = np.array(rows)
        crossed = a[:, 2:].max(axis=1)
        over = crossed - a[:, :2].min(axis=1)
        print(
            f"  {name:18s} n={len(a):4d}  straight {np.median(a[:, :2]):.2f}"
            f"  crossed {np.median(crossed):.2f} ({np.mean(crossed > 0.5):.0%})"
            f"  crossed - straight {np.median(over):+.2f} ({np.mean(over > 0):.0%})"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
