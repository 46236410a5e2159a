"""Align two sequences of units (sentences or blocks): two passes, the second with a lexicon.

Pass one aligns on length, numbers, cognates, punctuation and structure. The beads it is
sure of train a word lexicon (:class:`~aligner.align.lexicon.Lexicon`), and pass two aligns
again with the lexicon's translations as evidence. Long texts are aligned in a band around
a path through anchors (units sharing a key found once on each side), widened when the best
path runs along its edge.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

import numpy as np

from aligner.align.confidence import BeadFit, path_certs
from aligner.align.dp import (
    PathBead,
    band_around,
    band_centre,
    best_path,
    full_band,
    missing_stretches,
    monotone_anchors,
)
from aligner.align.embeddings import (
    DEFAULT_ENCODER,
    Embedder,
    EncoderSpec,
    centred,
    get_encoder,
)
from aligner.align.features import (
    CostModel,
    Evidence,
    FloatArray,
    IntArray,
    Masks,
    Unit,
    evidences,
    with_lexicon,
)
from aligner.align.lexicon import Lexicon, Lexicons
from aligner.align_config import DEFAULT_CONFIG, AlignConfig, Calibration, Search, Weights
from aligner.errors import AlignerError


@dataclass(frozen=True)
class PairBead:
    """A bead between two texts: source and target unit indices (either may be empty)."""

    src: tuple[int, ...]
    tgt: tuple[int, ...]
    cert: float
    #: what the cert was judged from (posterior, shape, lengths); None for a bead
    #: the sentence search did not make (see ``benchmarks/fit_calibration.py``)
    fit: BeadFit | None = field(default=None, compare=False)


def align_texts(
    src: Sequence[str],
    tgt: Sequence[str],
    *,
    src_lang: str,
    tgt_lang: str,
    lexicons: Lexicons | None = None,
    config: AlignConfig = DEFAULT_CONFIG,
    encoder: EncoderSpec | None = DEFAULT_ENCODER,
    warn: Callable[[str], None] | None = None,
) -> list[PairBead]:
    """Align two texts given as one segment per item; beads cover every index once, in order.

    ``lexicons`` carries what was learned from earlier documents of a batch and receives what
    this pair teaches. ``config`` holds the sentence weights, the search settings and the
    calibration; ``encoder`` names the sentence encoder whose similarities join the
    evidence (see :func:`~aligner.align.embeddings.get_encoder`; None aligns without), in
    place of ``config.encoder``, which is not read here. Aligned without one (or with one
    that lacks a language), a pair one of whose texts looks partial (see
    :func:`looks_partial`) is aligned with ``config.partial_encoder`` instead where it is
    installed and covers both languages, else with ``config.partial_fallback`` where that
    does: ``warn`` is told so in one line, or why it could not be.

    >>> beads = align_texts(["Es gibt 3 Berge.", "Sie sind hoch."],
    ...                     ["Il y a 3 montagnes.", "Elles sont hautes."],
    ...                     src_lang="de", tgt_lang="fr", encoder=None)
    >>> [(b.src, b.tgt) for b in beads]
    [((0,), (0,)), ((1,), (1,))]
    """
    embedder = get_encoder(encoder)
    return align_units(
        [Unit(s) for s in src],
        [Unit(t) for t in tgt],
        src_lang=src_lang,
        tgt_lang=tgt_lang,
        lexicons=lexicons,
        config=config,
        encoder=embedder,
        warn=warn,
        partial=None
        if embedder is not None and embedder.covers(src_lang) and embedder.covers(tgt_lang)
        else meaning_for_partial(config, (src_lang, tgt_lang), warn),
    )


def meaning_for_partial(
    config: AlignConfig, langs: Sequence[str], warn: Callable[[str], None] | None
) -> Callable[[str], Embedder | None] | None:
    """Return what :func:`align_units` asks, when texts of ``langs`` aligned without
    meaning look partial, for the encoder to align them with instead:
    ``config.partial_encoder`` where it is installed and covers every language of
    ``langs``, else ``config.partial_fallback`` where that does (``warn`` is told which,
    or why neither), else None. None when ``config.partial_encoder`` is None."""
    if config.partial_encoder is None:
        return None
    names = [config.partial_encoder]
    if config.partial_fallback is not None and config.partial_fallback != names[0]:
        names.append(config.partial_fallback)

    def ask(why: str) -> Embedder | None:
        problems: list[str] = []
        for name in names:
            try:
                found = get_encoder(name)
            except AlignerError as exc:
                problems.append(str(exc))
                continue
            lacking = [lang for lang in langs if found is not None and not found.covers(lang)]
            if found is None or lacking:
                problems.append(f"the sentence encoder {name} does not cover {', '.join(lacking)}")
                continue
            if warn is not None:
                warn(f"the texts look partial ({why}): aligned with the sentence encoder {name}, "
                     "as without meaning a partial version smears")  # fmt: skip
            return found
        if warn is not None:
            warn(f"the texts look partial ({why}) and are aligned without meaning: "
                 f"{'; '.join(problems)}")  # fmt: skip
        return None

    return ask


def partial_name(config: AlignConfig, found: Embedder) -> str | None:
    """Return the name ``config`` gives the encoder :func:`meaning_for_partial` chose."""
    for name in (config.partial_encoder, config.partial_fallback):
        if name is None:
            continue
        try:
            if get_encoder(name) is found:
                return name
        except AlignerError:
            continue
    return config.partial_encoder


def align_units(
    src: Sequence[Unit],
    tgt: Sequence[Unit],
    *,
    src_lang: str,
    tgt_lang: str,
    lexicons: Lexicons | None = None,
    config: AlignConfig = DEFAULT_CONFIG,
    weights: Weights | None = None,
    learn: bool = True,
    encoder: Embedder | None = None,
    warn: Callable[[str], None] | None = None,
    gave_up: Callable[[], None] | None = None,
    partial: Callable[[str], Embedder | None] | None = None,
    paired: bool = False,
) -> list[PairBead]:
    """Align two unit sequences; see :func:`align_texts`. ``weights`` are the bead cost's
    (``config.sentences`` unless given: ``config.paragraphs`` for blocks).

    ``warn`` is told when the texts do not look like translations of each other (see
    :func:`unrelated`) and when the evidence could not place them as finely as the units
    within the bounds of the search (see :func:`_align`); ``gave_up`` is called when a long
    pair proved unrelated and was aligned no further than its first band.

    ``partial`` is told why, when the pair is aligned without meaning and one text looks
    partial (see :func:`looks_partial`), and returns the encoder to align it with instead
    (None: on without).

    ``paired``: the texts are one bead of a coarser pass (a paragraph bead's sentences),
    which lack no stretch of each other (see :func:`_likeliest` and :func:`_ratios`).
    """
    weights = weights if weights is not None else config.sentences
    search = config.search
    n, m = len(src), len(tgt)
    if n == 0 or m == 0:
        return [PairBead((i,), (), 1.0) for i in range(n)] + [
            PairBead((), (j,), 1.0) for j in range(m)
        ]
    pair = _Pair.read(src, tgt, src_lang, tgt_lang, lexicons, weights, search, encoder)
    ratio = _length_ratio(pair.ev_s, pair.ev_t, pair.anchors, search.min_anchors)
    # a long pair that proves unrelated in its first band (or its first windows) is
    # aligned no further
    judge = learn and _long(n, search)
    found = pair.align(ratio, posteriors=not learn, warn=warn, judge=judge)
    if learn and (why := unrelated(found[1], found[0], search)) is not None:
        if judge:
            return _given_up(why, found[0], (n, m), warn, gave_up)
        if warn is not None:
            warn(why)
    found, ratio, missing, why = _likeliest(pair, found, ratio, posteriors=not learn,
                                            paired=paired, warn=warn)  # fmt: skip
    if partial is not None and pair.vectors is None and why is not None:
        other = partial(why)
        if other is not None:  # nothing learned yet: the lexicons are as the caller gave them
            return align_units(src, tgt, src_lang=src_lang, tgt_lang=tgt_lang, lexicons=lexicons,
                               config=config, weights=weights, learn=learn, encoder=other,
                               warn=warn, gave_up=gave_up, paired=paired)  # fmt: skip
    if learn:
        found = _second_pass(pair, found[0], ratio, missing, lexicons, (src_lang, tgt_lang), warn)
    return _with_certs(*found, config.calibration)


def _given_up(
    why: str,
    path: Sequence[PathBead],
    size: tuple[int, int],
    warn: Callable[[str], None] | None,
    gave_up: Callable[[], None] | None,
) -> list[PairBead]:
    """Tell that a long pair of ``size`` units proved unrelated (``why``); return the beads
    of its first pass's ``path``, every one in doubt."""
    if gave_up is not None:
        gave_up()
    if warn is not None:
        warn(f"{why}; {size[0]:,} x {size[1]:,} units aligned no further than a first pass "
             "showed it (the rest shared out by length), every bead in doubt")  # fmt: skip
    return [PairBead(tuple(range(*b.src)), tuple(range(*b.tgt)), 0.0) for b in path]


def _likeliest(
    pair: _Pair,
    found: tuple[list[PathBead], CostModel],
    ratio: float,
    *,
    posteriors: bool,
    paired: bool,
    warn: Callable[[str], None] | None,
) -> tuple[
    tuple[list[PathBead], CostModel],
    float,
    Masks | None,
    str | None,
]:
    """Return the likeliest path of the pair, with its ratio and the stretches it leaves
    out (see :func:`_around_missing`), and why one text looks partial (or None).

    With each ratio (see :func:`_ratios`), the path as it is or aligned around the
    stretches one text lacks: the likeliest of them all (a partial version smears over the
    other text with the ratio of the totals, but what it lacks shows only with the ratio
    of its units). Texts ``paired`` whole (see :func:`align_units`) lack no stretch.
    """
    options = _ratios(pair, found, ratio, posteriors=posteriors, paired=paired, warn=warn)
    tried = [
        (sum(b.cost for b in f[0]), f, r, None)
        if paired
        else _around_missing(pair, f, r, posteriors=posteriors)
        for f, r in options
    ]
    _, found, ratio, missing = min(tried, key=lambda option: option[0])
    lengths = ([e.length for e in pair.ev_s], [e.length for e in pair.ev_t])
    why = looks_partial(
        [r for _, r in options],
        [t[0] for t in tried],
        missing,
        lengths,
        least=pair.search.partial_share,
    )
    return found, ratio, missing, why


def looks_partial(
    ratios: Sequence[float],
    costs: Sequence[float],
    missing: Masks | None,
    lengths: tuple[Sequence[int], Sequence[int]],
    *,
    least: float,
) -> str | None:
    """Say why one text looks like a partial version of the other, or return None: the
    length ratio of the totals and that of typical units disagree (both are in ``ratios``
    then) and the path searched with the totals' is not the likelier (``costs``: the
    cost of the likeliest path found with each ratio), or the alignment kept leaves out
    stretches one text lacks (``missing``, per source and target unit) that hold at least
    ``least`` of the other text's characters (``lengths``, per source and target unit).

    >>> looks_partial([0.9], [5.0], None, ([5, 5, 5], [5, 5]), least=0.1) is None
    True
    >>> looks_partial([0.4, 0.83], [12.0, 9.5], None, ([5, 5, 5], [5, 5]), least=0.1)
    'their length ratio is 0.40 in all and 0.83 unit by unit'

    Where the path searched with the totals' ratio explains the texts better, the ratios'
    disagreement says nothing (a complete text whose units are uneven, a word to a
    paragraph, say); where both searches end on paths as likely (the same path, found
    around the same stretches), the evidence chose neither and the disagreement stands:

    >>> looks_partial([1.02, 0.45], [10.8, 26.2], None, ([5, 5, 5], [5, 5]), least=0.1) is None
    True
    >>> looks_partial([0.76, 1.24], [-428.2, -428.2], None, ([5, 5, 5], [5, 5]), least=0.1)
    'their length ratio is 0.76 in all and 1.24 unit by unit'
    >>> gone = (np.array([False, True, True]), np.zeros(2, dtype=bool))
    >>> looks_partial([0.9], [5.0], gone, ([50, 5, 5], [30, 30]), least=0.1)
    'one lacks 2 units of the other (17% of its text)'
    >>> looks_partial([0.9], [5.0], gone, ([95, 5, 5], [50, 50]), least=0.1) is None
    True
    """
    if missing is not None:
        share = max(
            float(np.asarray(size, dtype=np.float64)[gone].sum()) / max(1, sum(size))
            for size, gone in zip(lengths, missing, strict=True)
        )
        if share >= least:
            gone = int(missing[0].sum() + missing[1].sum())
            return f"one lacks {gone:,} units of the other ({share:.0%} of its text)"
    if len(ratios) > 1 and costs[0] >= min(costs[1:]):
        return f"their length ratio is {ratios[0]:.2f} in all and {ratios[1]:.2f} unit by unit"
    return None


@dataclass(frozen=True)
class _Pair:
    """What every search of one pair of texts reads: the evidence of both, the lexicon known
    before them, the weights, the search settings, the anchors and the meaning vectors."""

    ev_s: Sequence[Evidence]
    ev_t: Sequence[Evidence]
    known: Lexicon | None
    weights: Weights
    search: Search
    anchors: Sequence[tuple[int, int]]
    vectors: tuple[FloatArray, FloatArray] | None

    @classmethod
    def read(
        cls,
        src: Sequence[Unit],
        tgt: Sequence[Unit],
        src_lang: str,
        tgt_lang: str,
        lexicons: Lexicons | None,
        weights: Weights,
        search: Search,
        encoder: Embedder | None,
    ) -> _Pair:
        """Read the evidence, the vectors (where ``encoder`` covers both languages) and the
        anchors of two unit sequences."""
        ev_s = evidences(src, src_lang)
        ev_t = evidences(tgt, tgt_lang)
        known = lexicons.get(src_lang, tgt_lang) if lexicons is not None else None
        vectors = (
            centred(
                encoder.vectors([u.text for u in src]),
                encoder.vectors([u.text for u in tgt]),
                encoder.common(),
            )
            if encoder is not None and encoder.covers(src_lang) and encoder.covers(tgt_lang)
            else None
        )
        anchors = _anchors(ev_s, ev_t, vectors, search)
        return cls(ev_s, ev_t, known, weights, search, anchors, vectors)

    def align(
        self,
        ratio: float,
        *,
        posteriors: bool,
        warn: Callable[[str], None] | None = None,
        missing: Masks | None = None,
        judge: bool = False,
    ) -> tuple[list[PathBead], CostModel]:
        """Return the best path around the anchors, and its model (see :func:`_align`)."""
        return _align(
            self.ev_s, self.ev_t, self.known, self.weights, self.search, self.anchors, ratio,
            self.vectors, posteriors=posteriors, warn=warn, missing=missing, judge=judge,
        )  # fmt: skip

    def missing_stretches(
        self, ratio: float, model: CostModel | None = None
    ) -> tuple[Masks, int, float] | None:
        """Return the stretches one text lacks (see :func:`_missing_stretches`); ``model``
        is this pair's cost model with ``ratio`` when one is made already."""
        return _missing_stretches(
            self.ev_s, self.ev_t, self.known, self.weights, self.search, self.anchors, ratio,
            self.vectors, model,
        )  # fmt: skip


def _ratios(
    pair: _Pair,
    found: tuple[list[PathBead], CostModel],
    ratio: float,
    *,
    posteriors: bool,
    paired: bool,
    warn: Callable[[str], None] | None,
) -> list[tuple[tuple[list[PathBead], CostModel], float]]:
    """Return the path ``found`` with ``ratio`` and, when the ratio of the anchored units is
    more than ``search.uneven_ratio`` away from it, a path found with that ratio too.

    Inside a bead of a coarser pass (``paired``: the sentences of a paragraph bead, whose
    totals that pass paired), a text of fewer units than a few (``search.min_anchors``) has
    no typical unit: one sentence against the median of two compares different amounts of
    text, and would say the texts are uneven whenever a bead joins two of them. (A whole
    text of one or two paragraphs may be the opening of the other's many: there it stays.)"""
    few = pair.search.min_anchors
    if paired and min(len(pair.ev_s), len(pair.ev_t)) < few:
        return [(found, ratio)]
    typical = _unit_ratio(pair.ev_s, pair.ev_t, pair.anchors, few)
    if max(typical / ratio, ratio / typical) > pair.search.uneven_ratio:
        # the ratio of the stretch the anchors span (or of the totals) assumes that both
        # texts cover the same ground there, that of the anchored (or typical) units does
        # not, and they disagree: align with both
        return [(found, ratio), (pair.align(typical, posteriors=posteriors, warn=warn), typical)]
    return [(found, ratio)]


def _around_missing(
    pair: _Pair, found: tuple[list[PathBead], CostModel], ratio: float, *, posteriors: bool
) -> tuple[
    float,
    tuple[list[PathBead], CostModel],
    float,
    Masks | None,
]:
    """Return the path ``found`` with its ratio, or a likelier one aligned around the
    stretches one text lacks with its ratio and the stretches' masks (None: no stretch),
    after the cost of the path returned (its stretches' included).

    A version may lack a whole stretch (it keeps only an opening, or loses a middle
    section). The cost model prices each unit left alone, so a long stretch is cheaper
    smeared over the other text than left out. Such stretches are looked for on a path that
    may jump over them, and where aligning around them, each paid for once, is likelier,
    that is kept.
    """
    cost = sum(b.cost for b in found[0])
    stretches = pair.missing_stretches(ratio, found[1])
    if stretches is not None:
        # the ratio was read with the stretches in: read it again from what both hold
        stretches = pair.missing_stretches(stretches[2]) or stretches
    if stretches is None:
        return cost, found, ratio, None
    masks, count, gapped_ratio = stretches
    gapped = pair.align(gapped_ratio, posteriors=posteriors, missing=masks)
    gapped_cost = sum(b.cost for b in gapped[0]) + count * _stretch_cost(
        len(pair.ev_s), len(pair.ev_t)
    )
    if gapped_cost < cost:
        return gapped_cost, gapped, gapped_ratio, masks
    return cost, found, ratio, None


def _second_pass(
    pair: _Pair,
    path: Sequence[PathBead],
    ratio: float,
    missing: Masks | None,
    lexicons: Lexicons | None,
    langs: tuple[str, str],
    warn: Callable[[str], None] | None,
) -> tuple[list[PathBead], CostModel]:
    """Learn a lexicon from the first pass's ``path`` (``lexicons`` receives it) and align
    again with it, in a narrow band around that path, with posteriors."""
    # IBM model 1 shrugs off the odd wrong bead; small beads teach it the most
    pairs = [
        (_words(pair.ev_s, b.src), _words(pair.ev_t, b.tgt))
        for b in path
        if 1 <= b.src[1] - b.src[0] <= 2 and 1 <= b.tgt[1] - b.tgt[0] <= 2
    ]
    learned = Lexicon.learn(pairs)
    if lexicons is not None and learned:
        lexicons.add(*langs, learned)
    lexicon = pair.known.merged(learned) if pair.known else learned
    # even without a lexicon: this pass gives the posteriors the first one skipped
    linked = [b for b in path if b.src[1] > b.src[0] and b.tgt[1] > b.tgt[0]]
    guide = [(b.src[0], b.tgt[0]) for b in linked]
    if missing is None:
        ratio = _linked_ratio(pair.ev_s, pair.ev_t, linked, ratio, pair.search.one_sided)
    return _align(
        pair.ev_s, pair.ev_t, lexicon, pair.weights, pair.search, guide, ratio, pair.vectors,
        refine=True, warn=warn, missing=missing,
    )  # fmt: skip


def _with_certs(
    path: Sequence[PathBead], model: CostModel, calibration: Calibration
) -> list[PairBead]:
    """Return the path's beads as pair beads, each with its cert judged from its fit."""
    deviations = model.length_deviations([b.src for b in path], [b.tgt for b in path])
    # each bead joined with the next: read where both are one-to-one (see ``BeadFit.joined``)
    joined = model.length_deviations(
        [(b.src[0], c.src[1]) for b, c in zip(path, path[1:], strict=False)],
        [(b.tgt[0], c.tgt[1]) for b, c in zip(path, path[1:], strict=False)],
    ) + [0.0]
    fits = [
        BeadFit(b.posterior, b.src[1] - b.src[0], b.tgt[1] - b.tgt[0], deviation, together)
        for b, deviation, together in zip(path, deviations, joined, strict=True)
    ]
    certs = path_certs(fits, calibration)
    return [
        PairBead(tuple(range(*b.src)), tuple(range(*b.tgt)), cert, fit)
        for b, cert, fit in zip(path, certs, fits, strict=True)
    ]


def _words(ev: Sequence[Evidence], span: tuple[int, int]) -> list[str]:
    return [w for k in range(*span) for w in ev[k].words]


def _align(
    ev_s: Sequence[Evidence],
    ev_t: Sequence[Evidence],
    lexicon: Lexicon | None,
    weights: Weights,
    search: Search,
    anchors: Sequence[tuple[int, int]],
    ratio: float,
    vectors: tuple[FloatArray, FloatArray] | None = None,
    *,
    posteriors: bool = True,
    refine: bool = False,
    warn: Callable[[str], None] | None = None,
    missing: Masks | None = None,
    judge: bool = False,
) -> tuple[list[PathBead], CostModel]:
    """Return the best path under the cost model (and the model, to judge its beads by).

    Long texts are searched in a band around ``anchors``; with ``refine`` they are the
    path of a first pass, a good guide, so the band is narrower. The band is widened while
    the best path grazes its edge, as far as ``search.widen_cells`` allow; a path that still
    grazes it is searched again around the path of a coarser alignment (see
    :func:`_coarse_guide`), and if it grazes that band too, ``warn`` is told that the
    alignment there is only as fine as the band. With ``judge`` the path of the first band
    is returned as it is when it says that the texts are unrelated (see :func:`unrelated`):
    no wider band would make them related, and unrelated texts graze any band; a band
    searched a window at a time stops after its first window when that says so.
    """
    n, m = len(ev_s), len(ev_t)
    shapes = _search_shapes(search, n, m, posteriors=posteriors, meaning=vectors is not None)
    src, tgt = with_lexicon(ev_s, ev_t, lexicon)
    model = CostModel(src, tgt, weights, vectors=vectors, ratio=ratio, missing=missing)
    if (n + 1) * (m + 1) <= search.full_grid:
        path, _ = best_path(model, *full_band(n, m), posteriors=posteriors, shapes=shapes)
        return path, model
    width = search.refine_band if refine else search.band
    guide, coarse = anchors, False
    while True:
        lo, hi = band_around(guide, n, m, width)
        centre = band_centre(guide, n, m)
        stop = (lambda kept: unrelated(model, kept, search) is not None) if judge else None
        path, grazes = _banded(
            model, lo, hi, centre, search, shapes=shapes, posteriors=posteriors, stop=stop
        )
        if not grazes or width >= max(n, m):
            return path, model
        if judge and unrelated(model, path, search) is not None:
            return path, model
        judge = False
        if (n + 1) * (4 * width + 1) <= search.widen_cells:
            width *= 2
        elif not coarse:
            guide, coarse = _coarse_guide(src, tgt, weights, search, guide, ratio, vectors), True
        else:
            if warn is not None:
                warn(
                    f"{n:,} x {m:,} units: the evidence does not place them within "
                    f"{width} units of a coarser alignment; aligned as finely as that band allows"
                )
            return path, model


def _search_shapes(
    search: Search, n: int, m: int, *, posteriors: bool, meaning: bool
) -> tuple[tuple[int, int], ...]:
    """Return the bead shapes a search of ``n`` x ``m`` units tries."""
    # the first pass only guides the second (lexicon, band): the common shapes suffice
    shapes: Sequence[tuple[int, int]]
    if not posteriors:
        shapes = search.first_pass_shapes
    else:
        shapes = search.shapes if meaning else search.plain_shapes
    # shapes larger than the texts can never be used: skip their costs
    return tuple((a, b) for a, b in shapes if a <= n and b <= m)


def _banded(
    model: CostModel,
    lo: IntArray,
    hi: IntArray,
    centre: FloatArray,
    search: Search,
    *,
    shapes: Sequence[tuple[int, int]],
    posteriors: bool,
    stop: Callable[[list[PathBead]], bool] | None = None,
) -> tuple[list[PathBead], bool]:
    """Return the best path through the band and whether it grazes the band's edge.

    A band of more than ``search.step_cells`` cells is searched a window of rows at a
    time, so that no step holds more: each window starts where the path kept so far ends,
    ends anywhere in its last row up to its ``centre`` (so that it cannot spend target units
    the guide places further on), and keeps its path up to ``1 / search.window_overlap`` of
    its rows before its end (the rest is searched again by the next window, whose path is
    free to differ there). Its cost model reads only the window's units. When ``stop``
    says, of the path kept after the first window and of the paths of the band's middle and
    last windows (each searched on its own), that it need go no further, the rest of the
    path is shared out by length and the path counts as grazing (it is not the best).
    """
    n, m = model.n, model.m
    width = int((hi - lo).max())
    if (n + 1) * width <= search.step_cells:
        return best_path(model, lo, hi, posteriors=posteriors, shapes=shapes)
    rows = max(search.step_cells // width, 4 * search.window_overlap)
    windows = _Windows(lo, hi, centre, m, rows, search.step_cells)
    out: list[PathBead] = []
    grazes = False
    i0 = j0 = 0  # where the path kept so far ends; j0 < m until the last window
    to_end = False
    while True:
        i1, j1 = (n, m) if to_end else windows.end(i0, j0)
        last = i1 == n
        beads, edge = windows.path(model, (i0, i1), (j0, j1), shapes, posteriors=posteriors)
        grazes = grazes or edge
        if last:
            return out + beads, grazes
        kept = _kept(beads, i0, i1 - max(1, (i1 - i0) // search.window_overlap), m)
        if kept is None:
            # the path uses the target up at once: the rest is one last window, as wide as
            # the little target left
            to_end = True
            continue
        out += beads[:kept]
        i0, j0 = out[-1].src[1], out[-1].tgt[1]
        if stop is not None:
            # the first window speaks, and the middle and last must agree: a text may open
            # (or end) with what the other lacks
            if stop(out) and all(
                stop(windows.at(share, model, shapes, posteriors=posteriors))
                for share in (0.5, 1.0)
            ):
                return out + _by_length((i0, j0), n, m), True
            stop = None


@dataclass(frozen=True)
class _Windows:
    """The windows of rows in which :func:`_banded` searches a long band."""

    lo: IntArray
    hi: IntArray
    centre: FloatArray
    m: int
    rows: int
    step_cells: int

    def end(self, i0: int, j0: int) -> tuple[int, int]:
        """Return where the window from (i0, j0) ends: as many rows as hold at most
        ``step_cells`` cells of the band cut at the columns the window may reach (a
        stretch the guide leaves without target units joins the window after it)."""
        lo, hi, m = self.lo, self.hi, self.m
        n = len(lo) - 1
        i1, found = min(n, i0 + self.rows), (n, m)
        while i1 < n:
            j1 = min(int(hi[i1]) - 1, round(float(self.centre[i1])))
            if j1 >= m:
                break  # the guide uses the target up before the source ends
            widths = np.minimum(hi[i0 : i1 + 1], j1 + 1) - np.maximum(lo[i0 : i1 + 1], j0)
            if int(np.maximum(widths, 1).sum()) > self.step_cells and found[0] < n:
                return found
            if j1 > j0:
                found = (i1, j1)
            i1 = min(n, i0 + 2 * (i1 - i0))
        # the rest of the text: one last window, unless it holds too many cells
        widths = hi[i0:] - np.maximum(lo[i0:], j0)
        if found[0] < n and int(widths.sum()) > self.step_cells:
            return found
        return n, m

    def at(
        self,
        share: float,
        model: CostModel,
        shapes: Sequence[tuple[int, int]],
        *,
        posteriors: bool,
    ) -> list[PathBead]:
        """Return the best path through the window of as many rows as a window holds that
        ends ``share`` of the way down the band (1: the band's last), searched on its own."""
        n = len(self.lo) - 1
        i1 = max(min(n, self.rows), round(share * n))
        i0 = max(0, i1 - self.rows)
        j0 = int(np.clip(self.lo[i0], 0, self.m - 1))
        j1 = self.m if i1 == n else int(np.clip(self.hi[i1] - 1, j0 + 1, self.m))
        return self.path(model, (i0, i1), (j0, j1), shapes, posteriors=posteriors)[0]

    def path(
        self,
        model: CostModel,
        rows: tuple[int, int],
        cols: tuple[int, int],
        shapes: Sequence[tuple[int, int]],
        *,
        posteriors: bool,
    ) -> tuple[list[PathBead], bool]:
        """Return the best path through the window of source units ``rows`` and target
        units ``cols`` (ending anywhere in its last row unless it is the grid's), in the
        grid's indices, and whether it grazes the band's edge."""
        (i0, i1), (j0, j1) = rows, cols
        sub_lo = np.clip(self.lo[i0 : i1 + 1] - j0, 0, j1 - j0)
        sub_hi = np.clip(self.hi[i0 : i1 + 1] - j0, 1, j1 - j0 + 1)
        sub_lo[0] = 0
        sub = model.window(i0, i1, j0, j1)
        fit = tuple((a, b) for a, b in shapes if a <= i1 - i0 and b <= j1 - j0)
        last = i1 == len(self.lo) - 1
        path, edge = best_path(
            sub, sub_lo, sub_hi, posteriors=posteriors, shapes=fit, free_end=not last
        )
        beads = [
            PathBead(
                (i0 + b.src[0], i0 + b.src[1]), (j0 + b.tgt[0], j0 + b.tgt[1]), b.cost, b.posterior
            )
            for b in path
        ]
        return beads, edge


def _kept(beads: Sequence[PathBead], i0: int, keep_to: int, m: int) -> int | None:
    """Return how many of a window's ``beads`` (from row ``i0``) to keep: those that end by
    row ``keep_to`` but not where the target of ``m`` units is used up, or at least the
    first that moves on; None when the path uses the target up at once."""
    kept = next((k for k, b in enumerate(beads) if b.src[1] > keep_to), len(beads))
    # never stop where the target is used up: the next window would have none of it
    while kept and beads[kept - 1].tgt[1] >= m:
        kept -= 1
    if kept == 0 or beads[kept - 1].src[1] == i0:
        first = next((k for k, b in enumerate(beads) if b.src[1] > i0 and b.tgt[1] < m), None)
        if first is None:
            return None
        kept = first + 1
    return kept


def _by_length(start: tuple[int, int], n: int, m: int) -> list[PathBead]:
    """Return beads from ``start`` to the end of an ``n`` x ``m`` grid that share the target
    units out among the source units in proportion, in doubt.

    >>> [(b.src, b.tgt) for b in _by_length((1, 2), 3, 7)]
    [((1, 2), (2, 4)), ((2, 3), (4, 7))]
    """
    i0, j0 = start
    if n == i0:  # the source used up: the target's rest stands alone
        return [PathBead((n, n), (j, j + 1), 0.0, 0.0) for j in range(j0, m)]
    ends = [j0 + round((m - j0) * (k + 1) / (n - i0)) for k in range(n - i0)]
    return [
        PathBead((i0 + k, i0 + k + 1), (a, b), 0.0, 0.0)
        for k, (a, b) in enumerate(zip([j0, *ends[:-1]], ends, strict=True))
    ]


def _long(n: int, search: Search) -> bool:
    """Tell whether a text of ``n`` units is long: a band around its anchors holds more
    cells than one step of the search."""
    return (n + 1) * (2 * search.band + 1) > search.step_cells


def _coarse_guide(
    src: Sequence[Evidence],
    tgt: Sequence[Evidence],
    weights: Weights,
    search: Search,
    anchors: Sequence[tuple[int, int]],
    ratio: float,
    vectors: tuple[FloatArray, FloatArray] | None,
) -> list[tuple[int, int]]:
    """Return anchors from an alignment of the texts with ``search.coarse`` units taken
    as one.

    Its band, as many coarse units wide as the fine one is fine units, reaches
    ``search.coarse`` times as far for the same cells: the coarse path places what the
    anchors could not.
    """
    size = max(2, search.coarse)
    coarse_s = [_merged(src[k : k + size]) for k in range(0, len(src), size)]
    coarse_t = [_merged(tgt[k : k + size]) for k in range(0, len(tgt), size)]
    coarse_vectors = None
    if vectors is not None:
        coarse_vectors = (_window_means(vectors[0], size), _window_means(vectors[1], size))
        for side in coarse_vectors:
            side /= np.maximum(np.linalg.norm(side, axis=1, keepdims=True), 1e-9)
    coarse_anchors = monotone_anchors([(s // size, t // size) for s, t in anchors])
    path, _ = _align(
        coarse_s, coarse_t, None, weights, search, coarse_anchors, ratio, coarse_vectors,
        posteriors=False,
    )  # fmt: skip
    return [
        (b.src[0] * size, b.tgt[0] * size)
        for b in path
        if b.src[1] > b.src[0] and b.tgt[1] > b.tgt[0]
    ]


def _merged(units: Sequence[Evidence]) -> Evidence:
    """Return the evidence of ``units`` taken as one unit."""
    keys: Counter[str] = Counter()
    for e in units:
        keys.update(e.keys)
    return Evidence(
        length=sum(e.length for e in units) + len(units) - 1,
        keys=keys,
        words=tuple(w for e in units for w in e.words),
        kind="p",
        continues=units[0].continues,
        open_end=units[-1].open_end,
        noise=all(e.noise for e in units),
    )


def _missing_stretches(
    ev_s: Sequence[Evidence],
    ev_t: Sequence[Evidence],
    lexicon: Lexicon | None,
    weights: Weights,
    search: Search,
    anchors: Sequence[tuple[int, int]],
    ratio: float,
    vectors: tuple[FloatArray, FloatArray] | None,
    model: CostModel | None = None,
) -> tuple[Masks, int, float] | None:
    """Return the stretches of units one text has and the other lacks, as masks, with how
    many there are and the length ratio of what both hold; None when there are none
    (``model``: these texts' cost model with ``lexicon`` and ``ratio``, when one is made).

    Found on the cheapest path that may jump over a stretch of either text for the cost of
    choosing where it starts and ends (:func:`~aligner.align.dp.missing_stretches`);
    stretches of fewer than ``search.missing_units`` units or ``search.missing_share`` of
    their text are left to the beads, as are a sentence cut up and a whole text (that is
    :func:`unrelated`'s). Texts searched in a band are searched only where the anchors and
    the band leave room for one (:func:`_may_lack_stretch`, :func:`_room_for`).
    """
    n, m = len(ev_s), len(ev_t)
    shortest = (
        max(search.missing_units, search.missing_share * n),
        max(search.missing_units, search.missing_share * m),
    )
    if n <= shortest[0] and m <= shortest[1]:  # none long enough would leave a unit
        return None
    if (n + 1) * (m + 1) <= search.full_grid:
        lo, hi = full_band(n, m)
    elif _may_lack_stretch(ev_s, ev_t, anchors, ratio, shortest, search.min_anchors):
        lo, hi = band_around(anchors, n, m, search.band)
        if not _room_for(lo, hi, shortest):
            return None  # no jump the band holds would be long enough to count
    else:
        return None  # a search as long as the texts, for nothing
    if model is None:
        src, tgt = with_lexicon(ev_s, ev_t, lexicon)
        model = CostModel(src, tgt, weights, vectors=vectors, ratio=ratio)
    shapes = tuple((a, b) for a, b in search.first_pass_shapes if a <= n and b <= m)
    jumps = missing_stretches(
        model, lo, hi, shapes=shapes, jump=_stretch_cost(n, m), per_unit=weights.missing_unit,
        step_cells=search.step_cells,
    )  # fmt: skip
    masks = (np.zeros(n, dtype=bool), np.zeros(m, dtype=bool))
    count = 0
    for side, start, end in jumps:
        units = (ev_s, ev_t)[side][start:end]
        if end - start < shortest[side] or end - start == (n, m)[side]:
            continue
        if 2 * sum(e.continues for e in units[1:]) >= len(units) - 1:
            continue  # mostly pieces continuing the one before: one sentence cut up
        masks[side][start:end] = True
        count += 1
    if not count:
        return None
    ls = sum(e.length for e, gone in zip(ev_s, masks[0], strict=True) if not gone)
    lt = sum(e.length for e, gone in zip(ev_t, masks[1], strict=True) if not gone)
    return masks, count, (lt / ls if ls > 0 and lt > 0 else ratio)


def _may_lack_stretch(
    ev_s: Sequence[Evidence],
    ev_t: Sequence[Evidence],
    anchors: Sequence[tuple[int, int]],
    ratio: float,
    shortest: tuple[float, float],
    min_anchors: int,
) -> bool:
    """Say whether one text may lack a stretch of at least ``shortest`` (source, target)
    units of the other, going by the anchors.

    Between two anchors (and before the first, after the last) both texts hold as much as
    the length ratio says, give or take a unit or two, where they translate each other;
    where one lacks a stretch, the other holds that much more there. Half the stretch
    more, in units of its mean length, is reason to look; with fewer than ``min_anchors``
    anchors there is always reason.

    >>> ev = evidences([Unit("x" * 10) for _ in range(100)], "en")
    >>> _may_lack_stretch(ev, ev, [(k, k) for k in range(0, 100, 10)], 1.0, (4, 4), 3)
    False
    >>> _may_lack_stretch(ev, ev[:60], [(k, k) for k in range(0, 60, 10)], 1.0, (4, 4), 3)
    True
    """
    if len(anchors) < min_anchors:
        return True
    n, m = len(ev_s), len(ev_t)
    cum_s = np.concatenate(([0.0], np.cumsum([e.length for e in ev_s], dtype=np.float64)))
    cum_t = np.concatenate(([0.0], np.cumsum([e.length for e in ev_t], dtype=np.float64)))
    if cum_s[-1] <= 0 or cum_t[-1] <= 0 or ratio <= 0:
        return True
    points = np.array([(0, 0), *anchors, (n, m)], dtype=np.int64)
    ls = np.diff(cum_s[points[:, 0]])
    lt = np.diff(cum_t[points[:, 1]])
    more_s = (ls - lt / ratio) / (cum_s[-1] / n)
    more_t = (lt - ratio * ls) / (cum_t[-1] / m)
    return bool(more_s.max() >= shortest[0] / 2 or more_t.max() >= shortest[1] / 2)


def _room_for(lo: IntArray, hi: IntArray, shortest: tuple[float, float]) -> bool:
    """Tell whether the band ``lo``/``hi`` holds a jump over ``shortest`` (source, target)
    units: down a column through that many rows, or along a row through that many columns.

    A band around a straight guide, as few anchors give, holds no stretch longer than its
    width, whatever the texts.

    >>> lo, hi = band_around([], 1000, 1000, 50)
    >>> _room_for(lo, hi, (100, 100)), _room_for(lo, hi, (200, 200))
    (True, False)
    """
    across = int((hi - lo).max()) - 1
    # the rows whose band holds column j run from the first whose band ends after it to
    # the last whose band starts at or before it
    cols = np.arange(int(hi[-1]))
    down = np.searchsorted(lo, cols, side="right") - 1 - np.searchsorted(hi, cols, side="right")
    return int(down.max(initial=0)) >= shortest[0] or across >= shortest[1]


def _stretch_cost(n: int, m: int) -> float:
    """Return the cost of one stretch that a text lacks: where it starts and where it
    ends, each one of the ``n + m`` places (-log of a uniform choice).

    >>> round(_stretch_cost(50, 50), 2)
    9.21
    """
    return 2.0 * math.log(n + m)


def _anchors(
    src: Sequence[Evidence],
    tgt: Sequence[Evidence],
    vectors: tuple[FloatArray, FloatArray] | None,
    search: Search,
) -> list[tuple[int, int]]:
    """Return pairs of units believed to align, found over the whole of both texts, as the
    longest monotone chain: units sharing a number or stem found once in each text, and
    units that are each other's nearest in meaning by a clear margin. Nothing assumes that
    the texts cover the same ground from start to end.
    """
    where_s = _unique_keys(src)
    where_t = _unique_keys(tgt)
    points = [(s, where_t[key]) for key, s in where_s.items() if key in where_t]
    if vectors is not None:
        points += _nearest_in_meaning(*vectors, search.meaning_grid, search.meaning_margin)
    return monotone_anchors(points)


def unrelated(model: CostModel, path: Sequence[PathBead], search: Search) -> str | None:
    """Say why the texts of ``model`` do not look like translations of each other, going
    by the beads of its best ``path``, or return None.

    The two sides of a translation's beads share rare words, stems and numbers: a few nats
    of them (as the cost model weighs keys) per hundred characters, paragraphs of a
    repeated declaration as much as those of a book. Between unrelated texts the best
    beads, picked for what they share, still share next to nothing. With
    ``search.unrelated_units`` linked source units or more, less than
    ``search.unrelated_density`` nats per hundred characters says the texts are unrelated.
    It reads each unit's keys once.
    """
    linked = [b for b in path if b.src[1] > b.src[0] and b.tgt[1] > b.tgt[0]]
    if sum(b.src[1] - b.src[0] for b in linked) < search.unrelated_units:
        return None

    def density(beads: Sequence[tuple[tuple[int, int], tuple[int, int]]]) -> float:
        shared = 0.0
        chars = 0
        for (s0, s1), (t0, t1) in beads:
            keys_s = set().union(*(model.src[k].keys for k in range(s0, s1)))
            keys_t = set().union(*(model.tgt[k].keys for k in range(t0, t1)))
            shared += sum(model.key_weight.get(key, 0.0) for key in keys_s & keys_t)
            chars += sum(model.src[k].length for k in range(s0, s1))
        return 100.0 * shared / max(1, chars)

    found = density([(b.src, b.tgt) for b in linked])
    if found >= search.unrelated_density:
        return None
    apart = density([(b.src, c.tgt) for b, c in zip(linked, linked[3:], strict=False)])
    return (
        "the texts do not look like translations of each other: the paragraphs the best "
        f"alignment pairs share {found:.2f} nats of rare words, stems and numbers per 100 "
        f"characters (paired three beads apart, {apart:.2f}); a translation's share "
        f"{search.unrelated_density:g} or more"
    )


def _nearest_in_meaning(
    src: FloatArray, tgt: FloatArray, grid: int = 4_000_000, margin: float = 0.1
) -> list[tuple[int, int]]:
    """Return the pairs of units that are each other's most similar, ahead of the second
    most similar on both sides by ``margin``.

    Texts of up to ``grid`` unit pairs are compared whole. Longer ones are compared
    coarse to fine, in time linear in their length: windows of units (their mean vector)
    first, whole, then units within each pair of windows found so and their neighbours.

    >>> s = np.array([[1.0, 0.0], [0.0, 1.0], [0.7, 0.7]])
    >>> _nearest_in_meaning(s, s[:2])
    [(0, 0), (1, 1)]
    >>> rng = np.random.default_rng(0)
    >>> long = rng.normal(size=(3000, 16))
    >>> long /= np.linalg.norm(long, axis=1, keepdims=True)
    >>> found = _nearest_in_meaning(long[1000:2500], long)
    >>> len(found) > 1000, all(t == s + 1000 for s, t in found)
    (True, True)
    """
    n, m = len(src), len(tgt)
    if n * m <= grid:
        return _mutual_nearest(src, tgt, margin)
    size = math.ceil(math.sqrt(n * m / grid))
    out: set[tuple[int, int]] = set()
    for ws, wt in _mutual_nearest(_window_means(src, size), _window_means(tgt, size), margin):
        s0, t0 = max(0, (ws - 1) * size), max(0, (wt - 1) * size)
        near = _mutual_nearest(src[s0 : (ws + 2) * size], tgt[t0 : (wt + 2) * size], margin)
        out.update((s0 + s, t0 + t) for s, t in near)
    return sorted(out)


def _window_means(vectors: FloatArray, size: int) -> FloatArray:
    """Return the mean vector of each run of ``size`` rows (the last may be shorter).

    >>> _window_means(np.array([[1.0, 0.0], [0.0, 1.0], [1.0, 1.0]]), 2).tolist()
    [[0.5, 0.5], [1.0, 1.0]]
    """
    starts = np.arange(0, len(vectors), size)
    counts = np.diff(np.append(starts, len(vectors)))
    means: FloatArray = np.add.reduceat(vectors, starts, axis=0) / counts[:, None]
    return means


def _mutual_nearest(src: FloatArray, tgt: FloatArray, margin: float) -> list[tuple[int, int]]:
    """Return the pairs that are each other's most similar by ``margin`` (whole)."""
    if len(src) < 2 or len(tgt) < 2:
        return []
    sim = src @ tgt.T
    best_t = sim.argmax(axis=1)
    best_s = sim.argmax(axis=0)
    top2_rows = np.sort(sim, axis=1)[:, -2:]
    top2_cols = np.sort(sim, axis=0)[-2:, :]
    out = []
    for s, t in enumerate(best_t.tolist()):
        if best_s[t] != s:
            continue
        value = sim[s, t]
        if value - top2_rows[s, 0] >= margin and value - top2_cols[0, t] >= margin:
            out.append((s, t))
    return out


def _length_ratio(
    src: Sequence[Evidence],
    tgt: Sequence[Evidence],
    anchors: Sequence[tuple[int, int]],
    min_anchors: int = 3,
) -> float:
    """Return the expected target length per source character.

    Read off the stretch between the first and the last anchor when there are a few: the
    totals would assume that both texts hold the same, and a partial translation (a prefix,
    one version five times longer) would make every bead's lengths look wrong.

    >>> ev = evidences([Unit("x" * k) for k in (10, 20, 30, 40)], "en")
    >>> _length_ratio(ev, ev[:2], []), _length_ratio(ev, ev[:3], [(0, 0), (1, 1), (2, 2)])
    (0.3, 1.0)
    """
    if len(anchors) >= min_anchors:
        (s0, t0), (s1, t1) = anchors[0], anchors[-1]
        ls = sum(e.length for e in src[s0 : s1 + 1])
        lt = sum(e.length for e in tgt[t0 : t1 + 1])
        if ls > 0 and lt > 0:
            return lt / ls
    total_s = sum(e.length for e in src)
    total_t = sum(e.length for e in tgt)
    return total_t / total_s if total_s > 0 and total_t > 0 else 1.0


def _unit_ratio(
    src: Sequence[Evidence],
    tgt: Sequence[Evidence],
    anchors: Sequence[tuple[int, int]],
    min_anchors: int = 3,
) -> float:
    """Return the length ratio of the anchored units when there are a few, else that of
    the median units: the ratio of a translation, whatever share of the other text each
    version holds and whatever lies between the anchors.

    >>> ev = evidences([Unit("x" * k) for k in (10, 20, 30, 40)], "en")
    >>> longer = evidences([Unit("x" * k) for k in (15, 30, 45)], "en")
    >>> _unit_ratio(ev, ev[1:2], []), _unit_ratio(ev, longer, [(0, 0), (1, 1), (2, 2)])
    (0.8, 1.5)
    """
    if len(anchors) >= min_anchors:
        ls = float(sum(src[s].length for s, _ in anchors))
        lt = float(sum(tgt[t].length for _, t in anchors))
    else:
        ls = float(np.median([e.length for e in src]))
        lt = float(np.median([e.length for e in tgt]))
    return lt / ls if ls > 0 and lt > 0 else 1.0


def _linked_ratio(
    src: Sequence[Evidence],
    tgt: Sequence[Evidence],
    linked: Sequence[PathBead],
    ratio: float,
    one_sided: float,
) -> float:
    """Return the length ratio of the units a first pass linked, when the runs it left to
    one text alone hold more than ``one_sided`` of either text (else ``ratio``).

    A version that lacks a middle section makes the anchored stretch, and the totals, look
    shorter than its translation is.
    """
    ls = sum(e.length for b in linked for e in src[b.src[0] : b.src[1]])
    lt = sum(e.length for b in linked for e in tgt[b.tgt[0] : b.tgt[1]])
    total_s = sum(e.length for e in src)
    total_t = sum(e.length for e in tgt)
    if ls <= 0 or lt <= 0 or min(ls / total_s, lt / total_t) > 1.0 - one_sided:
        return ratio
    return lt / ls


def _unique_keys(units: Sequence[Evidence]) -> dict[str, int]:
    seen: Counter[str] = Counter()
    where: dict[str, int] = {}
    for k, e in enumerate(units):
        for key in e.keys:
            if key[0] in "ncw":
                seen[key] += 1
                where[key] = k
    return {key: where[key] for key, count in seen.items() if count == 1}
