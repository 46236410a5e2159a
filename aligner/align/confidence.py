"""Turn bead posteriors into calibrated certainties.

The dynamic programme gives each bead its posterior probability under the cost model. The
model is sure of itself where it should not be (its features are not independent), and
how often a bead is exactly right also depends on its shape and on its neighbours: a
one-to-one bead between two one-to-one beads has both its borders confirmed. The maps below
were fitted on the development corpora (Text+Berg dev, ParIce en-is, UDHR; see
``benchmarks/bench_calibration.py``) so that among beads with certainty 0.9 or more about
97 in 100 are exactly right, and below 0.5 most are wrong.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

# (posterior knots, certainty knots) per bead class, interpolated linearly
_MAPS: dict[str, tuple[tuple[float, ...], tuple[float, ...]]] = {
    "one-to-one, plain": ((0.0, 0.3, 0.5, 0.8, 0.9, 1.0), (0.02, 0.1, 0.55, 0.82, 0.93, 0.98)),
    "one-to-one": ((0.0, 0.3, 0.5, 0.8, 0.9, 1.0), (0.02, 0.1, 0.45, 0.72, 0.82, 0.89)),
    "one-to-two": ((0.0, 0.3, 0.5, 0.9, 1.0), (0.02, 0.2, 0.6, 0.72, 0.87)),
    "larger": ((0.0, 0.3, 0.5, 0.9, 1.0), (0.02, 0.1, 0.5, 0.65, 0.78)),
    # a lone unit the model is fairly sure of is still often half of a missed merge
    "unaligned": ((0.0, 0.5, 0.9, 0.95, 1.0), (0.02, 0.2, 0.4, 0.6, 0.88)),
}


def bead_class(src_count: int, tgt_count: int, *, plain: bool = False) -> str:
    """Return the calibration class of a bead.

    >>> bead_class(1, 1, plain=True), bead_class(0, 1), bead_class(2, 1), bead_class(2, 2)
    ('one-to-one, plain', 'unaligned', 'one-to-two', 'larger')
    """
    if src_count == 0 or tgt_count == 0:
        return "unaligned"
    if src_count == 1 and tgt_count == 1:
        return "one-to-one, plain" if plain else "one-to-one"
    if src_count + tgt_count == 3:
        return "one-to-two"
    return "larger"


def certainty(
    posterior: float, src_count: int = 1, tgt_count: int = 1, *, plain: bool = False
) -> float:
    """Return the certainty of one bead from its posterior, shape and context.

    >>> certainty(1.0, 1, 1, plain=True) > 0.9 > certainty(1.0, 1, 1) > certainty(0.4, 1, 1)
    True
    """
    xs, ys = _MAPS[bead_class(src_count, tgt_count, plain=plain)]
    value = float(np.interp(min(1.0, max(0.0, posterior)), xs, ys))
    return round(value, 3)


def certainties(beads: Sequence[tuple[float, int, int]]) -> list[float]:
    """Return the certainty of each bead of a path given as (posterior, src count, tgt count).

    A one-to-one bead is *plain* when the beads on both sides of it are one-to-one as well.

    >>> certainties([(1.0, 1, 1), (1.0, 1, 1), (1.0, 1, 2)])
    [0.98, 0.89, 0.87]
    """
    out = []
    for k, (posterior, a, b) in enumerate(beads):
        neighbours = [beads[x] for x in (k - 1, k + 1) if 0 <= x < len(beads)]
        plain = all(n[1] == 1 and n[2] == 1 for n in neighbours)
        out.append(certainty(posterior, a, b, plain=plain))
    return out
