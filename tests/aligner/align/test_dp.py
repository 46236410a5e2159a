"""The banded dynamic programme and its posteriors."""

from __future__ import annotations

import math

import numpy as np
import pytest

from aligner.align.dp import SHAPES, band_around, best_path, full_band, monotone_anchors
from aligner.align.features import CostModel, IntArray, Unit, evidence


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


def _reference(
    model: CostModel,
    n: int,
    m: int,
    band: tuple[IntArray, IntArray] | None = None,
    *,
    free_end: bool = False,
) -> tuple[float, dict[tuple[int, int, int, int], float]]:
    """Viterbi cost and bead posteriors by plain loops over the grid (the whole grid, or
    only the cells of ``band``), of paths that end at its last cell or, with ``free_end``,
    anywhere in its last row."""
    shapes = [*SHAPES, (0, 1)]
    lo, hi = band if band is not None else full_band(n, m)
    width = int((hi - lo).max())
    tables = dict(zip(shapes, model.bead_costs(lo, hi, width, shapes), strict=True))
    # the cost of each bead by its end cell, inf outside the band
    costs = {shape: np.full((n + 1, m + 1), np.inf) for shape in shapes}
    for shape, table in tables.items():
        for i in range(n + 1):
            for j in range(int(lo[i]), int(hi[i])):
                if j <= m:
                    costs[shape][i, j] = table[i, j - int(lo[i])]

    def lse(values: list[float]) -> float:
        top = max(values, default=-math.inf)
        if top == -math.inf:
            return top
        return top + math.log(sum(math.exp(v - top) for v in values))

    best = {(0, 0): 0.0}
    fwd = {(0, 0): 0.0}
    for i in range(n + 1):
        for j in range(m + 1):
            if (i, j) == (0, 0):
                continue
            ways = [
                (i - a, j - b, float(costs[(a, b)][i, j]))
                for a, b in shapes
                if i >= a and j >= b and math.isfinite(float(costs[(a, b)][i, j]))
            ]
            best[(i, j)] = min((best[(p, q)] + c for p, q, c in ways), default=math.inf)
            fwd[(i, j)] = lse([fwd[(p, q)] - c for p, q, c in ways])
    ends = [(n, j) for j in range(m + 1)] if free_end else [(n, m)]
    bwd = {end: 0.0 for end in ends}
    if free_end:
        # a path may also run on along the last row before it ends
        for j in range(m - 1, -1, -1):
            step = float(costs[(0, 1)][n, j + 1])
            bwd[(n, j)] = lse([0.0, bwd[(n, j + 1)] - step])
    for i in range(n, -1, -1):
        for j in range(m, -1, -1):
            if (i, j) in bwd:
                continue
            ways = [
                (i + a, j + b, float(costs[(a, b)][i + a, j + b]))
                for a, b in shapes
                if i + a <= n and j + b <= m and math.isfinite(float(costs[(a, b)][i + a, j + b]))
            ]
            bwd[(i, j)] = lse([bwd[(p, q)] - c for p, q, c in ways])
    log_z = lse([fwd[end] for end in ends])
    posterior = {
        (i - a, i, j - b, j): math.exp(
            fwd[(i - a, j - b)] - float(costs[(a, b)][i, j]) + bwd[(i, j)] - log_z
        )
        for a, b in shapes
        for i in range(a, n + 1)
        for j in range(b, m + 1)
        if math.isfinite(float(costs[(a, b)][i, j]))
    }
    return min(best[end] for end in ends), posterior


def test_the_programme_agrees_with_plain_loops_on_cost_and_posteriors() -> None:
    src = ["Im Jahr 1999 gab es 12 Boote.", "Dann kamen 40 weitere.", "Kurz.", "Sonst nichts."]
    tgt = ["In 1999 there were 12 boats.", "Then came 40 more.", "Nothing else.", "Really.", "Ok."]
    model = _model(tgt, src)
    path, _ = best_path(model, *full_band(5, 4))
    cost, posterior = _reference(model, 5, 4)
    assert sum(b.cost for b in path) == pytest.approx(cost, abs=1e-4)
    for b in path:
        assert b.posterior == pytest.approx(posterior[(*b.src, *b.tgt)], abs=1e-4)


def test_posteriors_in_a_band_count_only_paths_inside_it() -> None:
    # ten captions the source lacks: the band's edges jump along one row, and no path may
    # reach the end through a cell the band leaves out
    src = [f"In {1900 + k} there were {k + 2} boats." for k in range(8)]
    extra = [f"Figure {k}." for k in range(10)]
    tgt = [f"Im Jahr {1900 + k} gab es {k + 2} Boote." for k in range(8)]
    tgt = tgt[:4] + extra + tgt[4:]
    model = _model(src, tgt)
    band = band_around([(k, k) for k in range(4)] + [(k, k + 10) for k in range(4, 8)], 8, 18, 1)
    path, _ = best_path(model, *band)
    cost, posterior = _reference(model, 8, 18, band)
    assert sum(b.cost for b in path) == pytest.approx(cost, abs=1e-4)
    for b in path:
        assert b.posterior == pytest.approx(posterior[(*b.src, *b.tgt)], abs=1e-4)


def test_a_free_end_path_ends_at_the_cheapest_cell_of_the_last_row() -> None:
    # a window of a longer grid: the target runs on past what the source covers
    src = ["In 1999 there were 12 boats.", "Then came 40 more."]
    tgt = ["Im Jahr 1999 gab es 12 Boote.", "Dann kamen 40 weitere.", "Danach 7 Schiffe."]
    model = _model(src, tgt)
    path, _ = best_path(model, *full_band(2, 3), free_end=True)
    assert [(b.src, b.tgt) for b in path] == [((0, 1), (0, 1)), ((1, 2), (1, 2))]
    best, posterior = _reference(model, 2, 3, free_end=True)
    assert sum(b.cost for b in path) == pytest.approx(best, abs=1e-4)
    for b in path:
        assert b.posterior == pytest.approx(posterior[(*b.src, *b.tgt)], abs=1e-4)
    closed, _ = best_path(model, *full_band(2, 3))
    assert closed[-1].tgt[1] == 3
