"""The banded dynamic programme and its posteriors."""

from __future__ import annotations

from aligner.align.dp import band_around, best_path, full_band, monotone_anchors
from aligner.align.features import CostModel, Unit, evidence


def _model(src: list[str], tgt: list[str]) -> CostModel:
    return CostModel([evidence(Unit(s), "en") for s in src], [evidence(Unit(t), "de") for t in tgt])


def test_the_best_path_covers_both_texts_in_order_with_posteriors() -> None:
    src = ["In 1999 there were 12 boats.", "Then came 40 more.", "Nothing else happened."]
    tgt = ["Im Jahr 1999 gab es 12 Boote.", "Dann kamen 40 weitere.", "Sonst geschah nichts."]
    model = _model(src, tgt)
    path, grazes = best_path(model, *full_band(3, 3))
    assert not grazes
    assert [(b.src, b.tgt) for b in path] == [((0, 1), (0, 1)), ((1, 2), (1, 2)), ((2, 3), (2, 3))]
    assert all(0.5 < b.posterior <= 1.0 for b in path)


def test_a_band_keeps_every_row_reachable() -> None:
    lo, hi = band_around([(10, 40), (20, 45)], 30, 60, 3)
    assert lo[0] == 0
    assert hi[-1] == 61
    assert all(lo[i] <= hi[i - 1] - 1 for i in range(1, 31))
    assert all(lo[i] < hi[i] for i in range(31))


def test_monotone_anchors_drop_crossing_points() -> None:
    chain = monotone_anchors([(0, 0), (5, 2), (1, 9), (3, 4), (8, 8)])
    assert chain == [(0, 0), (3, 4), (8, 8)] or chain == [(0, 0), (5, 2), (8, 8)]
    assert all(a[0] < b[0] and a[1] < b[1] for a, b in zip(chain, chain[1:], strict=False))
