"""The dynamic programme: best monotone bead path through a band of the alignment grid.

Rows are handled one at a time with numpy over the row's open columns, so time and memory
grow with (rows x band width). Moves that stay in a row (0-1 beads) are a running minimum
(Viterbi) or a running log-sum-exp (forward-backward) along the row. Besides the best path
the programme returns each bead's posterior probability (forward-backward over all paths in
the band), which :mod:`aligner.align.confidence` turns into a cert.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from aligner.align.features import CostModel, FloatArray, IntArray
from aligner.align_config import SHAPES


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
    centre = band_centre(anchors, n, m)
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


def band_centre(anchors: Sequence[tuple[int, int]], n: int, m: int) -> FloatArray:
    """Return, per row, the column of the path through ``anchors`` a band is centred on.

    >>> band_centre([(1, 3)], 4, 4).tolist()
    [0.0, 2.3333333333333335, 3.6, 3.8, 4.0]
    """
    xs = [0.0] + [s + 0.5 for s, _ in anchors] + [float(n)]
    ys = [0.0] + [t + 0.5 for _, t in anchors] + [float(m)]
    centre: FloatArray = np.interp(np.arange(n + 1, dtype=np.float64), xs, ys)
    return centre


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
    posteriors: bool = True,
    free_end: bool = False,
) -> tuple[list[PathBead], bool]:
    """Return the cheapest bead path through the band and whether it grazes the band's edge.

    A path that runs along the edge may have been cut off from a better one outside: the
    caller widens the band and tries again. Without ``posteriors`` every bead's posterior
    is reported as 1 and the backward pass is skipped. With ``free_end`` the path ends
    anywhere in the last row (a window of a longer grid), not only at its last column.
    """
    n, m = model.n, model.m
    moves = [s for s in shapes if s[0] >= 1]
    width = int((hi - lo).max())
    table = model.bead_costs(lo, hi, width, [*moves, (0, 1)])
    skip = table.pop().astype(np.float64)
    # every shape's costs in one array: one gather and one reduction per row
    cost = np.stack(table, axis=1)
    del table
    grid = _Grid(moves, lo, width)
    col_ok = (lo[:, None] + np.arange(width)[None, :]) < hi[:, None]
    skip_row = np.where(col_ok & np.isfinite(skip), skip, 0.0)
    skip_row[:, 0] = 0.0
    run = np.cumsum(skip_row, axis=1)
    closed = ~col_ok
    best = np.full(grid.shape, np.inf)
    fwd = np.full(grid.shape, -np.inf)
    flat_best = best.reshape(-1)
    flat_fwd = fwd.reshape(-1)
    back = np.full((n + 1, width), -1, dtype=np.int8)
    skip_move = len(moves)
    first, cols = grid.first, grid.cols
    sources = grid.sources()
    # (-inf - -inf and log 0 stand for cells no path reaches)
    with np.errstate(invalid="ignore", divide="ignore"):
        for i in range(n + 1):
            idx = sources[i][:, None] + cols
            cand = flat_best[idx] + cost[i]
            pick = cand.argmin(axis=0)
            e = cand.min(axis=0)
            if i == 0:
                e[0] = 0.0
            arg = back[i]
            arg[:] = pick
            # 0-1 beads stay in the row: a running minimum along it
            d = np.minimum.accumulate(e - run[i]) + run[i]
            arg[d < e - 1e-9] = skip_move
            d[closed[i]] = np.inf
            best[i + grid.top, first : first + width] = d
            if posteriors:
                f = _logsumexp(flat_fwd[idx] - cost[i])
                if i == 0:
                    f[0] = 0.0
                f = np.logaddexp.accumulate(f + run[i]) - run[i]
                f[closed[i]] = -np.inf
                fwd[i + grid.top, first : first + width] = f
    core_fwd = fwd[grid.top :, first : first + width]
    last_col = m - int(lo[n])
    if free_end:
        last_col = int(best[n + grid.top, first : first + width].argmin())
    bwd = (
        _backward(grid, cost, skip_row, closed, n, m, width, free_end=free_end)
        if posteriors
        else np.zeros((n + 1, width))
    )
    if not posteriors:
        log_z = 0.0
    elif free_end:
        log_z = float(np.logaddexp.reduce(core_fwd[n]))
    else:
        log_z = float(core_fwd[n, last_col])
    lo_list = [int(x) for x in lo]
    beads: list[PathBead] = []
    i, j = n, int(lo[n]) + last_col
    grazes = False
    while i > 0 or j > 0:
        col = j - lo_list[i]
        k = int(back[i, col])
        if k < 0:
            raise RuntimeError("no path through the band")  # band_around prevents this
        if (col < 1 and lo_list[i] > 0) or (hi[i] - 1 - j < 1 and hi[i] < m + 1):
            grazes = True
        if k == skip_move:
            a, b = 0, 1
            bead_cost = float(skip[i, col])
        else:
            a, b = moves[k]
            bead_cost = float(cost[i, k, col])
        pi, pj = i - a, j - b
        if posteriors:
            start = float(core_fwd[pi, pj - lo_list[pi]])
            end = float(bwd[i, col])
            post = math.exp(min(0.0, start - bead_cost + end - log_z))
        else:
            post = 1.0
        beads.append(PathBead((pi, i), (pj, j), bead_cost, post))
        i, j = pi, pj
    beads.reverse()
    return beads, grazes


def _logsumexp(x: FloatArray) -> FloatArray:
    """Return log(sum(exp(x))) down the first axis, -inf where every term is -inf (the
    caller lets the log of 0 be -inf: ``np.errstate(divide="ignore")``).

    >>> x = np.array([[0.0, -np.inf], [np.log(3.0), -np.inf]])
    >>> with np.errstate(divide="ignore"):
    ...     _logsumexp(x).round(6).tolist()
    [1.386294, -inf]
    """
    top = x.max(axis=0)
    safe = np.where(np.isfinite(top), top, 0.0)
    out: FloatArray = np.log(np.exp(x - safe).sum(axis=0)) + safe
    return out


class _Grid:
    """Where, in a padded copy of the band, each bead shape ending in a row starts.

    The padded copy has ``top`` rows before grid row 0 and ``first`` columns before band
    column 0 (and room after the last), all left at the identity of the reduction, so beads
    that would start outside the grid or the band read a value that never wins.
    """

    def __init__(self, moves: Sequence[tuple[int, int]], lo: IntArray, width: int) -> None:
        n = len(lo) - 1
        self.a = np.array([a for a, _ in moves], dtype=np.int64)
        self.b = np.array([b for _, b in moves], dtype=np.int64)
        self.top = int(self.a.max())
        self.lo = np.concatenate((np.zeros(self.top, dtype=np.int64), lo))
        # how far the band's left edge moves within the reach of one bead
        steps = [
            self.lo[self.top + 1 :] - self.lo[self.top + 1 - k : len(self.lo) - k]
            for k in range(1, self.top + 1)
        ]
        self.shift = int(max(s.max(initial=0) for s in steps))
        self.first = int(self.b.max()) + 1
        self.row = width + self.first + self.shift + int(self.b.max()) + 1
        self.shape = (n + 1 + self.top, self.row)
        self.cols = np.arange(width, dtype=np.int64)
        self._col_base = self.first - self.b

    def sources(self) -> IntArray:
        """Return, per grid row and shape, the flat index in the padded array of the start
        of the bead ending at band column 0 (add the column for the others)."""
        r = np.arange(self.top, len(self.lo), dtype=np.int64)[:, None]
        start_rows = r - self.a[None, :]
        out: IntArray = (
            start_rows * self.row + self._col_base[None, :] + (self.lo[r] - self.lo[start_rows])
        )
        return out


def _backward(
    grid: _Grid,
    cost: npt.NDArray[np.float32],
    skip_row: FloatArray,
    closed: npt.NDArray[np.bool_],
    n: int,
    m: int,
    width: int,
    *,
    free_end: bool = False,
) -> FloatArray:
    """Return the backward log-mass of every band cell (paths from it to the end: the last
    cell, or with ``free_end`` any cell of the last row)."""
    a_arr, b_arr = grid.a, grid.b
    k_count = len(a_arr)
    reach = grid.top + 1
    # ring of the last rows done: for shape k and row r, bwd[r] - cost[k, r] (padded)
    left = grid.shift + 1
    row_len = left + width + int(b_arr.max()) + 1
    ring = np.full((k_count, reach, row_len), -np.inf)
    flat_ring = ring.reshape(-1)
    lo = grid.lo[grid.top :]
    ks = np.arange(k_count, dtype=np.int64)
    cols = grid.cols
    bwd = np.full((n + 1, width), -np.inf)
    rows = np.arange(n + 1, dtype=np.int64)[:, None]
    nxt = rows + a_arr[None, :]
    # the bead from column c of row i ends at column c + off of row i + a
    off = lo[:, None] + b_arr[None, :] - lo[np.minimum(nxt, n)]
    base = (ks[None, :] * reach + nxt % reach) * row_len + left + off
    # 0-1 beads: the cost of those from column c to the row's end, per row
    suffix = np.cumsum(np.append(skip_row[:, 1:], np.zeros((n + 1, 1)), axis=1)[:, ::-1], axis=1)
    suffix = suffix[:, ::-1]
    with np.errstate(invalid="ignore", divide="ignore"):
        for i in range(n, -1, -1):
            if i == n and free_end:
                g = np.zeros(width)
            elif i == n:
                g = np.full(width, -np.inf)
                g[m - int(lo[n])] = 0.0
            else:
                x = flat_ring[base[i][nxt[i] <= n][:, None] + cols[None, :]]
                g = _logsumexp(x)
            # no path runs through a closed cell (a bead starting there may end inside the band)
            g[closed[i]] = -np.inf
            h = np.logaddexp.accumulate((g + suffix[i])[::-1])[::-1]
            g = h - suffix[i]
            g[closed[i]] = -np.inf
            bwd[i] = g
            ring[:, i % reach, left : left + width] = g[None, :] - cost[i]
    return bwd


def missing_stretches(
    model: CostModel,
    lo: IntArray,
    hi: IntArray,
    *,
    shapes: Sequence[tuple[int, int]],
    jump: float,
    per_unit: float = 0.0,
    step_cells: int | None = None,
) -> list[tuple[int, int, int]]:
    """Return the stretches one text lacks on the cheapest path that may jump over them.

    Besides the beads of ``shapes`` (and 0-1), a path may jump straight down a column (the
    source units it passes are missing from the target) or along a row (target units
    missing from the source) at the cost ``jump``, whatever the length: a version that
    keeps only an opening, or loses a middle section, is one event, not one per unit.
    Viterbi only. Returns (side, start, end) per jump on the best path, side 0 for source
    units and 1 for target units, ``start:end`` the units jumped over.

    With ``step_cells``, the bead costs of a longer band are read a window of rows at a
    time, each window's from a cost model of its own units (as
    :func:`~aligner.align.pairwise.align_units` searches a long band), so that no step
    holds more than that many cells; of every cell the search keeps a byte and an int32
    (the way back), and the cheapest costs of the last few rows only.

    >>> class Flat(CostModel):
    ...     def __init__(self, n: int, m: int) -> None:
    ...         self.n, self.m = n, m
    ...     def bead_costs(self, lo, hi, width, shapes):  # type: ignore[no-untyped-def]
    ...         out = []
    ...         for a, b in shapes:
    ...             cost = np.full((self.n + 1, width), 1.0 if a and b else 4.0)
    ...             out.append(cost)
    ...         return out
    >>> found = missing_stretches(Flat(10, 3), *full_band(10, 3), shapes=[(1, 1)], jump=5.0)
    >>> [(side, end - start) for side, start, end in found]
    [(0, 7)]
    >>> found = missing_stretches(Flat(3, 10), *full_band(3, 10), shapes=[(1, 1)], jump=5.0)
    >>> [(side, end - start) for side, start, end in found]
    [(1, 7)]
    """
    search = _JumpSearch.start(model, lo, hi, shapes, jump=jump, per_unit=per_unit)
    width = search.width
    rows = model.n + 1 if step_cells is None else max(64, step_cells // max(1, width))
    table: list[npt.NDArray[np.float32]] = []
    skip: FloatArray = np.zeros((0, width))
    first = 0  # the grid row of the window's first row of costs
    for i in range(model.n + 1):
        if i == 0 or i - first >= len(skip):
            table, first = _window_costs(model, lo, hi, width, [*search.moves, (0, 1)], i, rows)
            skip = table.pop().astype(np.float64)
        search.fill_row(i, [costs[i - first] for costs in table], skip[i - first])
    return search.jumps()


@dataclass(frozen=True)
class _JumpSearch:
    """The tables of :func:`missing_stretches`, filled a row at a time, then walked back.

    ``kind`` holds, per cell, the index of the bead shape that reached it best, or one of
    :attr:`skip_kind` (a 0-1 bead), :attr:`down` (a jump down a column) and :attr:`across`
    (a jump along a row); ``origin`` where a jump came from.
    """

    lo: IntArray
    hi: IntArray
    moves: list[tuple[int, int]]
    jump: float
    per_unit: float
    m: int
    width: int
    #: the cheapest cost of the last ``top + 1`` rows (row i at i % (top + 1))
    best: FloatArray
    kind: npt.NDArray[np.int8]
    origin: npt.NDArray[np.int32]
    #: the cheapest cell of each grid column so far (scaled by row), and its row
    column_best: FloatArray
    column_row: IntArray

    @classmethod
    def start(
        cls,
        model: CostModel,
        lo: IntArray,
        hi: IntArray,
        shapes: Sequence[tuple[int, int]],
        *,
        jump: float,
        per_unit: float,
    ) -> _JumpSearch:
        """Return empty tables for a search of ``model`` through the band."""
        n, m = model.n, model.m
        moves = [s for s in shapes if s[0] >= 1]
        width = int((hi - lo).max())
        top = max(a for a, _ in moves)
        return cls(
            lo, hi, moves, jump, per_unit, m, width,
            best=np.full((top + 1, width), np.inf),
            kind=np.full((n + 1, width), -1, dtype=np.int8),
            origin=np.zeros((n + 1, width), dtype=np.int32),
            column_best=np.full(m + 1, np.inf),
            column_row=np.zeros(m + 1, dtype=np.int64),
        )  # fmt: skip

    @property
    def skip_kind(self) -> int:
        return len(self.moves)

    @property
    def down(self) -> int:
        return len(self.moves) + 1

    @property
    def across(self) -> int:
        return len(self.moves) + 2

    def fill_row(self, i: int, costs: Sequence[FloatArray], skip: FloatArray) -> None:
        """Fill grid row ``i`` from the bead ``costs`` of its row (one per move) and the
        costs of its 0-1 beads."""
        cols = np.arange(self.width, dtype=np.int64)
        j = self.lo[i] + cols
        open_ = j < self.hi[i]
        e, arg = self._by_beads(i, costs)
        # down a column from any row before this one
        jj = np.minimum(j, self.m)  # j >= 0: the band starts at column 0 or later
        x = np.where(open_, self.column_best[jj] + self.jump + self.per_unit * i, np.inf)
        better = x < e
        e[better], arg[better] = x[better], self.down
        org = np.where(better, self.column_row[jj], 0)
        row, org = self._along_row(e, arg, org, open_, skip)
        row[~open_] = np.inf
        self.best[i % len(self.best)], self.kind[i], self.origin[i] = row, arg, org
        scaled = row - self.per_unit * i
        update = open_ & (scaled < self.column_best[jj])
        self.column_best[jj[update]] = scaled[update]
        self.column_row[jj[update]] = i

    def _by_beads(self, i: int, costs: Sequence[FloatArray]) -> tuple[FloatArray, IntArray]:
        """Return the cheapest cost of each cell of row ``i`` reached by a bead that ends
        there, and the index of its shape (-1 where none does, -2 at the grid's origin)."""
        width, reach = self.width, len(self.best)
        e = np.full(width, np.inf)
        arg = np.full(width, -1, dtype=np.int64)
        if i == 0:
            e[0], arg[0] = 0.0, -2
        first = int(self.lo[i])
        open_to = int(self.hi[i]) - first  # the row's open cells are its first ``open_to``
        for k, (a, b) in enumerate(self.moves):
            if i - a < 0:
                continue
            # a bead of shape (a, b) into cell c comes from cell c + shift of row i - a
            shift = first - b - int(self.lo[i - a])
            c0, c1 = max(0, -shift, b - first), min(open_to, width - shift, width)
            if c0 >= c1:
                continue
            cand = self.best[(i - a) % reach, c0 + shift : c1 + shift] + np.asarray(
                costs[k][c0:c1], dtype=np.float64
            )
            better = cand < e[c0:c1]
            e[c0:c1][better] = cand[better]
            arg[c0:c1][better] = k
        return e, arg

    def _along_row(
        self,
        e: FloatArray,
        arg: IntArray,
        org: IntArray,
        open_: npt.NDArray[np.bool_],
        skip: FloatArray,
    ) -> tuple[FloatArray, IntArray]:
        """Return the row's cheapest costs once 0-1 beads and jumps along the row may reach
        its cells, with where the jumps came from; ``arg`` is told which did."""
        cols = np.arange(self.width, dtype=np.int64)
        # 0-1 beads along the row: a running minimum
        q = np.where(open_, skip, 0.0)
        q[0] = 0.0
        run = np.cumsum(q)
        with np.errstate(invalid="ignore"):
            chained = np.minimum.accumulate(e - run) + run
        by_skip = chained < e - 1e-9
        row = np.where(by_skip, chained, e)
        arg[by_skip] = self.skip_kind
        # along the row from any column before this one
        before = np.concatenate(([np.inf], row[:-1] - self.per_unit * cols[:-1]))
        lead = np.minimum.accumulate(before)
        lead_at = np.maximum.accumulate(np.where(before <= lead, cols, 0))
        y = lead + self.jump + self.per_unit * cols
        better = y < row
        row[better], arg[better] = y[better], self.across
        return row, np.where(better, lead_at - 1, org)

    def jumps(self) -> list[tuple[int, int, int]]:
        """Return (side, start, end) per jump on the best path, walking it back."""
        out: list[tuple[int, int, int]] = []
        i, j = len(self.kind) - 1, self.m
        while i > 0 or j > 0:
            c = j - int(self.lo[i])
            k = int(self.kind[i, c])
            if k == self.down:
                start = int(self.origin[i, c])
                out.append((0, start, i))
                i = start
            elif k == self.across:
                start = int(self.lo[i]) + int(self.origin[i, c])
                out.append((1, start, j))
                j = start
            elif k == self.skip_kind:
                j -= 1
            elif k >= 0:
                a, b = self.moves[k]
                i, j = i - a, j - b
            else:
                raise RuntimeError("no path through the band")  # band_around prevents this
        out.reverse()
        return out


def _window_costs(
    model: CostModel,
    lo: IntArray,
    hi: IntArray,
    width: int,
    shapes: Sequence[tuple[int, int]],
    start: int,
    rows: int,
) -> tuple[list[npt.NDArray[np.float32]], int]:
    """Return the bead costs of ``shapes`` from grid row ``start`` (``rows`` rows at most,
    with the rows before it that its beads reach back to) and the grid row of the first
    row returned: from the whole model when that is all of its rows, else from a cost
    model of the units the window reads."""
    n = model.n
    if start == 0 and rows >= n + 1:
        return model.bead_costs(lo, hi, width, shapes), 0
    s0, s1 = max(0, start - max(a for a, _ in shapes)), min(n, start + rows - 1)
    c0 = max(0, int(lo[s0]) - max(b for _, b in shapes))
    c1 = min(model.m, int(hi[s1]) - 1)
    sub = model.window(s0, s1, c0, c1)
    # the window's columns count from c0: its row i holds lo[i] - c0 onwards, as the band
    sub_lo = lo[s0 : s1 + 1] - c0
    sub_hi = np.minimum(hi[s0 : s1 + 1] - c0, c1 - c0 + 1)
    return sub.bead_costs(sub_lo, sub_hi, width, shapes), s0
