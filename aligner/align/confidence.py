"""Turn bead posteriors into calibrated certs.

The dynamic programme gives each bead its posterior probability under the cost model. The
model is sure of itself where it should not be (its features are not independent), and
how often a bead is exactly right also depends on its shape and on its neighbours: a
one-to-one bead between two one-to-one beads has both its borders confirmed. The maps (a
:class:`~aligner.align_config.Calibration`, part of the alignment configuration) were
fitted on the development corpora (Text+Berg dev, ParIce en-is, UDHR; see
``benchmarks/bench_calibration.py``) so that among beads with cert 0.9 or more about
97 in 100 are exactly right, and below 0.5 most are wrong.

One more signal is read off each one-to-one bead: whether its two sides are as long as a
translation's (Gale-Church's delta, in standard deviations). The cost model trades a length
mismatch against the evidence the units share, and many shared names and numbers outvote
it; but a one-to-one bead whose sides differ by two deviations or more is mostly a piece of
a larger bead whose other pieces went to its neighbours, however much its units share.
Beyond one deviation the odds of the mapped cert are scaled by the normal density of
the delta relative to its density at one deviation, ``exp(-(delta**2 - 1) / 2)``: a rule
with no fitted constant. A merged bead is left alone: the model merged to even out the
lengths, and a mismatch that remains is mostly a free translation, not a missed piece.

Two one-to-one beads side by side whose mismatches cancel (one long, the next short) are
mostly one two-to-two bead whose sentence boundary the translation moved: a clause carried
over to the next sentence. The lengths say so in Gale-Church's own terms: the two beads'
length terms, ``(d1**2 + d2**2) / 2``, against that of the two joined, ``d**2 / 2``. Where
joining a plain one-to-one bead with a neighbour saves nats, the odds of its cert are scaled
by ``exp`` of minus the saving (the likelihood ratio of the lengths; again no fitted
constant; only plain beads, the class whose map assumes both its borders confirmed). Chosen
on the four gold corpora, since the fitted tables did not hold out
(``benchmarks/fit_calibration.py``): with USE the share of beads at least 0.9 sure that are
right went from 0.960 to 0.974 on TransRead en-es.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import NamedTuple

import numpy as np

from aligner.align_config import Calibration

#: the calibration fitted on the development corpora
_FITTED = Calibration()


class BeadFit(NamedTuple):
    """What the cert of one bead is judged from."""

    posterior: float
    src_count: int
    tgt_count: int
    #: Gale-Church's delta of the bead's lengths (read for one-to-one beads only)
    deviation: float = 0.0
    #: Gale-Church's delta of the bead joined with the next bead (read where both are
    #: one-to-one)
    joined: float = 0.0


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


def bead_cert(bead: BeadFit, *, plain: bool = False, calibration: Calibration = _FITTED) -> float:
    """Return the cert of one bead from its posterior, shape, lengths and context.

    >>> one = BeadFit(1.0, 1, 1)
    >>> bead_cert(one, plain=True) > 0.9 > bead_cert(one) > bead_cert(BeadFit(0.4, 1, 1))
    True
    >>> bead_cert(BeadFit(1.0, 1, 1, deviation=-2.5), plain=True)
    0.78
    """
    xs, ys = calibration.maps[bead_class(bead.src_count, bead.tgt_count, plain=plain)]
    value = float(np.interp(min(1.0, max(0.0, bead.posterior)), xs, ys))
    if bead.src_count == bead.tgt_count == 1 and abs(bead.deviation) > 1.0:
        odds = value / (1.0 - value) * math.exp(-(bead.deviation**2 - 1.0) / 2.0)
        value = odds / (1.0 + odds)
    return round(value, 3)


def path_certs(beads: Sequence[BeadFit], calibration: Calibration = _FITTED) -> list[float]:
    """Return the cert of each bead of a path.

    A one-to-one bead is *plain* when the beads on both sides of it are one-to-one as well.

    >>> path_certs([BeadFit(1.0, 1, 1), BeadFit(1.0, 1, 1), BeadFit(1.0, 1, 2)])
    [0.98, 0.89, 0.87]
    """
    out = []
    for k, bead in enumerate(beads):
        neighbours = [beads[x] for x in (k - 1, k + 1) if 0 <= x < len(beads)]
        plain = all(n.src_count == 1 and n.tgt_count == 1 for n in neighbours)
        value = bead_cert(bead, plain=plain, calibration=calibration)
        saving = join_saving(beads, k) if plain else 0.0
        if saving > 0.0 and 0.0 < value < 1.0:
            odds = value / (1.0 - value) * math.exp(-saving)
            value = round(odds / (1.0 + odds), 3)
        out.append(value)
    return out


def join_saving(beads: Sequence[BeadFit], k: int) -> float:
    """Return the nats by which the lengths favour joining one-to-one bead ``k`` with a
    one-to-one neighbour (the larger saving of the two; 0 when neither saves).

    >>> long, short = BeadFit(1.0, 1, 1, 1.5, 0.0), BeadFit(1.0, 1, 1, -1.5)
    >>> join_saving([long, short], 0), join_saving([long, short], 1)
    (2.25, 2.25)
    >>> join_saving([BeadFit(1.0, 1, 1, 0.5, 1.2), BeadFit(1.0, 1, 1, 0.6)], 0)
    0.0
    """

    def one(bead: BeadFit) -> bool:
        return bead.src_count == bead.tgt_count == 1

    if not one(beads[k]):
        return 0.0
    saving = 0.0
    for first in (k - 1, k):
        if first >= 0 and first + 1 < len(beads) and one(beads[first]) and one(beads[first + 1]):
            a, b = beads[first], beads[first + 1]
            saving = max(saving, (a.deviation**2 + b.deviation**2 - a.joined**2) / 2.0)
    return saving
