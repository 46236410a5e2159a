"""The dynamic programme: best monotone bead path through a band of the alignment grid.

Rows are handled one at a time with numpy over the row's open columns, so time and memory
grow with (rows x band width). Moves that stay in a row (0-1 beads) are a running minimum
(Viterbi) or a running log-sum-exp (forward-backward) along the row. Besides the best path
the programme returns each bead's posterior probability (forward-backward over all paths in
the band), which :mod:`aligner.align.confidence` turns into a certainty.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from aligner.align.features import CostModel, FloatArray, IntArray

#: Bead shapes (source units, target units) the programme tries; 0-1 is handled in-row.
SHAPES: tuple[tuple[int, int], ...] = (
    (1, 1),
    (1, 0),
    (1, 2),
    (2, 1),
    (2, 2),
    (1, 3),
    (3, 1),
    (2, 3),
    (3, 2),
    (1, 4),
    (4, 1),
)


@dataclass(frozen=True)
class PathBead:
    """One bead of the best path: half-open unit ranges and its posterior probability."""

    src: tuple[int, int]
    tgt: tuple[int, int]
    cost: float
    posterior: float


def full_band(n: int, m: int) -> tuple[IntArray, IntArray]:
    """Return a band that opens the whole grid."""
    return np.zeros(n + 1, dtype=np.int64), np.full(n + 1, m + 1, dtype=np.int64)


def band_around(
    anchors: Sequence[tuple[int, int]], n: int, m: int, width: int
) -> tuple[IntArray, IntArray]:
    """Return a band of ``width`` columns either side of a path through ``anchors``.

    Anchors are (source unit, target unit) pairs believed to align, increasing in both.

    >>> lo, hi = band_around([], 4, 4, 1)
    >>> lo.tolist(), hi.tolist()
    ([0, 0, 1, 2, 3], [2, 3, 4, 5, 5])
    """
    xs = [0.0] + [s + 0.5 for s, _ in anchors] + [float(n)]
    ys = [0.0] + [t + 0.5 for _, t in anchors] + [float(m)]
    centre = np.interp(np.arange(n + 1, dtype=np.float64), xs, ys)
    lo = np.clip(np.floor(centre).astype(np.int64) - width, 0, m)
    hi = np.clip(np.ceil(centre).astype(np.int64) + width + 1, 1, m + 1)
    lo = np.minimum.accumulate(lo[::-1])[::-1]
    hi = np.maximum.accumulate(hi)
    lo[0], hi[-1] = 0, m + 1
    # consecutive rows must overlap so that some path always exists
    for i in range(1, n + 1):
        if lo[i] > hi[i - 1] - 1:
            lo[i] = hi[i - 1] - 1
    return lo, hi


def monotone_anchors(points: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
    """Return the longest chain of ``points`` increasing in both coordinates.

    >>> monotone_anchors([(0, 0), (1, 5), (2, 1), (3, 2), (4, 3)])
    [(0, 0), (2, 1), (3, 2), (4, 3)]
    """
    pts = sorted(set(points), key=lambda p: (p[0], -p[1]))
    tails: list[int] = []
    tail_idx: list[int] = []
    parent = [-1] * len(pts)
    for k, (_, t) in enumerate(pts):
        pos = int(np.searchsorted(np.asarray(tails, dtype=np.int64), t, side="left"))
        if pos > 0:
            parent[k] = tail_idx[pos - 1]
        if pos == len(tails):
            tails.append(t)
            tail_idx.append(k)
        else:
            tails[pos] = t
            tail_idx[pos] = k
    chain: list[tuple[int, int]] = []
    k = tail_idx[-1] if tail_idx else -1
    while k >= 0:
        chain.append(pts[k])
        k = parent[k]
    return chain[::-1]


def best_path(
    model: CostModel,
    lo: IntArray,
    hi: IntArray,
    *,
    shapes: Sequence[tuple[int, int]] = SHAPES,
    temperature: float = 1.0,
    posteriors: bool = True,
) -> tuple[list[PathBead], bool]:
    """Return the cheapest bead path through the band and whether it grazes the band's edge.

    A path that runs along the edge may have been cut off from a better one outside: the
    caller widens the band and tries again. Without ``posteriors`` every bead's posterior
    is reported as 1 and the backward pass is skipped.
    """
    n, m = model.n, model.m
    moves = [s for s in shapes if s[0] >= 1]
    width = int((hi - lo).max())
    table = model.bead_costs(lo, hi, width, [*moves, (0, 1)])
    skip = table.pop()
    # shapes grouped by source count: one gather and one reduction per group and row
    groups = _Groups(moves, table, width)
    del table
    inv_t = 1.0 / temperature
    best = np.full((n + 1, width), np.inf)
    back = np.full((n + 1, width), -1, dtype=np.int8)
    fwd = np.full((n + 1, width), -np.inf)
    lo_list = [int(x) for x in lo]
    col_ok = (lo[:, None] + np.arange(width)[None, :]) < hi[:, None]
    skip_row = np.where(col_ok & np.isfinite(skip), skip, 0.0)
    skip_row[:, 0] = 0.0
    pad = groups.pad
    reach = max(a for a, _ in moves)
    shift = int((lo[reach:] - lo[:-reach]).max(initial=0)) if n >= reach else int(lo[-1])
    padded_best = np.full((n + 1, width + pad + shift + 1), np.inf)
    padded_fwd = np.full((n + 1, width + pad + shift + 1), -np.inf)
    for i in range(n + 1):
        d = best[i]
        arg = back[i]
        f = fwd[i]
        if i == 0:
            d[0], f[0] = 0.0, 0.0
        for a, ks, _, cost in groups.items:
            pi = i - a
            if pi < 0:
                continue
            idx = groups.index[a] + (lo_list[i] - lo_list[pi])
            cand = padded_best[pi][idx] + cost[:, i, :]
            low = cand.min(axis=0)
            better = low < d
            pick = cand.argmin(axis=0)
            np.copyto(d, low, where=better)
            np.copyto(arg, ks[pick], where=better)
            if posteriors:
                mass = np.logaddexp.reduce(padded_fwd[pi][idx] - cost[:, i, :] * inv_t, axis=0)
                np.logaddexp(f, mass, out=f)
        run = np.cumsum(skip_row[i])
        e = d.copy()
        with np.errstate(invalid="ignore"):
            d[:] = np.minimum.accumulate(e - run) + run
            if posteriors:
                f[:] = np.logaddexp.accumulate(f + run * inv_t) - run * inv_t
        arg[d < e - 1e-9] = len(moves)
        d[~col_ok[i]] = np.inf
        f[~col_ok[i]] = -np.inf
        padded_best[i, pad : pad + width] = d
        padded_fwd[i, pad : pad + width] = f
    bwd = (
        _backward(groups, skip_row, lo_list, col_ok, inv_t, n, m, width)
        if posteriors
        else np.zeros((n + 1, width))
    )
    log_z = float(fwd[n, m - lo_list[n]]) if posteriors else 0.0
    beads: list[PathBead] = []
    i, j = n, m
    grazes = False
    while i > 0 or j > 0:
        col = j - lo_list[i]
        k = int(back[i, col])
        if k < 0:
            raise RuntimeError("no path through the band")  # band_around prevents this
        if (col < 1 and lo_list[i] > 0) or (hi[i] - 1 - j < 1 and hi[i] < m + 1):
            grazes = True
        if k == len(moves):
            a, b = 0, 1
            bead_cost = float(skip[i, col])
        else:
            a, b = moves[k]
            bead_cost = groups.cost(k, i, col)
        pi, pj = i - a, j - b
        if posteriors:
            start = float(fwd[pi, pj - lo_list[pi]])
            end = float(bwd[i, col])
            post = math.exp(min(0.0, start - bead_cost * inv_t + end - log_z))
        else:
            post = 1.0
        beads.append(PathBead((pi, i), (pj, j), bead_cost, post))
        i, j = pi, pj
    beads.reverse()
    return beads, grazes


class _Groups:
    """Bead shapes grouped by source count, with their costs stacked for one gather per row.

    For a group with source count ``a``, ``index[a][k, c] + (lo[i] - lo[i-a])`` is where, in
    padded row ``i-a``, the bead of the group's k-th shape ending at column ``c`` of row
    ``i`` starts.
    """

    def __init__(
        self,
        moves: Sequence[tuple[int, int]],
        table: Sequence[npt.NDArray[np.float32]],
        width: int,
    ) -> None:
        self.pad = max(b for _, b in moves) + 1
        cols = np.arange(width, dtype=np.int64)
        self.items: list[tuple[int, IntArray, IntArray, npt.NDArray[np.float32]]] = []
        self.index: dict[int, IntArray] = {}
        self._where: dict[int, tuple[int, int]] = {}
        for a in sorted({a for a, _ in moves}):
            ks = np.array([k for k, (x, _) in enumerate(moves) if x == a], dtype=np.int64)
            bs = np.array([moves[k][1] for k in ks], dtype=np.int64)
            # float32 halves the memory of the largest arrays; sums stay in float64
            stacked = np.stack([table[k].astype(np.float32) for k in ks])
            for row, k in enumerate(ks):
                self._where[int(k)] = (len(self.items), row)
            self.items.append((a, ks, bs, stacked))
            self.index[a] = cols[None, :] + self.pad - bs[:, None]

    def cost(self, k: int, i: int, col: int) -> float:
        """Return the cost of the k-th shape's bead ending at row ``i``, band column ``col``."""
        group, row = self._where[k]
        return float(self.items[group][3][row, i, col])


def _backward(
    groups: _Groups,
    skip_row: FloatArray,
    lo: list[int],
    col_ok: npt.NDArray[np.bool_],
    inv_t: float,
    n: int,
    m: int,
    width: int,
) -> FloatArray:
    bwd = np.full((n + 1, width), -np.inf)
    shapes = [(a, int(b), cost[k]) for a, _, bs, cost in groups.items for k, b in enumerate(bs)]
    for i in range(n, -1, -1):
        g = bwd[i]
        if i == n:
            g[m - lo[n]] = 0.0
        for a, b, cost in shapes:
            ni = i + a
            if ni > n:
                continue
            # the bead from column c of row i ends at column c + off of row ni
            off = lo[i] + b - lo[ni]
            c0, c1 = max(0, -off), min(width, width - off)
            if c0 >= c1:
                continue
            ahead = bwd[ni, c0 + off : c1 + off] - cost[ni, c0 + off : c1 + off] * inv_t
            np.logaddexp(g[c0:c1], ahead, out=g[c0:c1])
        # q[c]: cost of the 0-1 bead from column c to c+1 within this row
        q = np.append(skip_row[i, 1:], 0.0) * inv_t
        suffix = np.cumsum(q[::-1])[::-1]
        with np.errstate(invalid="ignore"):
            h = np.logaddexp.accumulate((g + suffix)[::-1])[::-1]
        g[:] = h - suffix
        g[~col_ok[i]] = -np.inf
    return bwd
