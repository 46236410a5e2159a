"""Evidence that two stretches of text translate each other, and the bead cost built from it.

Each unit (a sentence or a paragraph) is reduced to its length and a bag of *keys*: numbers
and months (:mod:`aligner.align.numerals`), cognate stems (first letters of long words after
:func:`languages.translit.to_latin`, so Cyrillic meets Latin), punctuation marks, and, when a
lexicon is known, the target words its source words translate to. A key shared by a source
and a target unit is evidence in proportion to how rare it is (a log-likelihood ratio of
"shared because aligned" against "shared by chance"). The cost of a bead is then a sum of
terms (log-linear): a prior for its shape, a Gale-Church length term, minus the weighted
shared keys, plus pairwise compatibility terms (heading against paragraph, speaker turns).
New evidence is a new key class or a new pairwise term.
"""

from __future__ import annotations

import dataclasses
import math
import re
import sys
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
import numpy.typing as npt

from aligner.align.embeddings import band_similarity
from aligner.align.lexicon import Lexicon
from aligner.align.numerals import numeric_keys, word_keys
from aligner.align_config import Weights
from languages.translit import to_latin

FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.int64]
#: per source and per target unit, whether it lies in a stretch the other text lacks
Masks = tuple[npt.NDArray[np.bool_], npt.NDArray[np.bool_]]

_LETTERS = re.compile(r"[^\W\d_]+")
_WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")
_JOINERS = re.compile(r"['’-]")
#: a text ending in an initial: a letter alone and a full stop ("durch B.", tokenised
#: "B.M ."), not an abbreviation's last letter ("the U.S.")
_INITIAL = re.compile(r"(?:^|\s)[^\W\d_]\.$|(?:^|[\s.])[^\W\d_] \.$")
_QUOTE_RE = re.compile('["«»„“”‚‘‹›「」]')  # not ’, which is mostly an apostrophe
_PUNCT = {"?": "p:?", "!": "p:!", ":": "p::", ";": "p:;", "(": "p:(", "%": "p:%", "§": "p:§"}

#: how many shared key occurrences are expanded at once (about 80 bytes each)
_MATCH_BATCH = 1 << 20
#: key classes of numbers and months: a unit holding one is never noise
_NUMBER_KEYS = frozenset("nm")


@dataclass(frozen=True)
class Unit:
    """One thing to align: a sentence or a block, with what structure says about it."""

    text: str
    kind: str = "p"
    who: str | None = None


@dataclass(frozen=True)
class Evidence:
    """What the cost model knows about one unit."""

    length: int
    keys: Mapping[str, int]
    words: tuple[str, ...]
    kind: str = "p"
    who: str | None = None
    #: the unit begins with a lower-case letter or closes a parenthesis it did not open: it
    #: continues the unit before it
    continues: bool = False
    #: the unit ends in a colon, semicolon, comma or an initial ("B.M .") or leaves a
    #: parenthesis open: the next unit continues it
    open_end: bool = False
    #: the unit has no word of two letters and no number: OCR debris, a rule of dots
    noise: bool = False


def words(text: str) -> list[str]:
    """Return the lower-cased words of ``text`` (letters only; digits are numbers).

    >>> words("L'Everest (8848 m) est-il haut ?")
    ["l'everest", 'm', 'est-il', 'haut']
    """
    return [w.lower() for w in _WORD.findall(text)]


@lru_cache(maxsize=65536)
def cognate_stem(word: str) -> str | None:
    """Return the stem by which ``word`` may meet a cognate in another language.

    >>> cognate_stem("Expedition"), cognate_stem("expédition"), cognate_stem("Эверест")
    ('exped', 'exped', 'evere')
    >>> cognate_stem("und") is None
    True
    """
    latin = to_latin(word)
    if not latin.isalpha():
        latin = "".join(ch for ch in latin if ch.isalpha())
    if len(latin) < 5:
        return None
    return latin[:5]


@lru_cache(maxsize=65536)
def _stem_keys(word: str) -> tuple[str, ...]:
    """Return the cognate keys of the letter runs of ``word``: "l'everest" has two runs,
    "est-il" two."""
    stems = (cognate_stem(piece) for piece in _JOINERS.split(word))
    return tuple("c:" + stem for stem in stems if stem)


def forget_words() -> None:
    """Empty the caches of word stems and transliterations (they fill again as words come)."""
    for cached in (to_latin, cognate_stem, _stem_keys):
        cached.cache_clear()


def evidence(unit: Unit, lang: str) -> Evidence:
    """Reduce ``unit`` to its length and keys (without lexicon keys).

    >>> sorted(evidence(Unit("L'Expédition (1953) : 8848 m ?"), "fr").keys)
    ['c:exped', 'n:1953', 'n:8848', 'p:(', 'p::', 'p:?']
    """
    return evidences([unit], lang)[0]


def evidences(units: Sequence[Unit], lang: str) -> list[Evidence]:
    """Return the :func:`evidence` of each of ``units``, all in language ``lang``."""
    table = word_keys(lang)
    return [_evidence(unit, lang, table) for unit in units]


def _evidence(unit: Unit, lang: str, table: Mapping[str, str]) -> Evidence:
    text = unit.text
    found = numeric_keys(text, lang, table=table)
    toks = words(text)
    for tok in toks:
        found += _stem_keys(tok)
    found += [key for ch, key in _PUNCT.items() if ch in text]
    if _QUOTE_RE.search(text):
        found.append("q:quote")
    keys = Counter(found)
    stripped = text.strip()
    return Evidence(
        length=len(stripped),
        keys=keys,
        # one string per distinct word: a book repeats its words millions of times
        words=tuple(map(sys.intern, toks)),
        kind=unit.kind,
        who=unit.who,
        continues=stripped[:1].islower() or stripped.count(")") > stripped.count("("),
        open_end=stripped[-1:] in (":", ";", ",")
        or stripped.count("(") > stripped.count(")")
        or _INITIAL.search(stripped) is not None,
        noise=all(len(t) < 2 for t in toks) and not any(k[0] in _NUMBER_KEYS for k in found),
    )


def with_lexicon(
    src: Sequence[Evidence], tgt: Sequence[Evidence], lexicon: Lexicon | None
) -> tuple[list[Evidence], list[Evidence]]:
    """Add ``w:`` keys: translations on the source side, the words themselves on the target."""
    if lexicon is None or not lexicon:
        return list(src), list(tgt)
    table = lexicon.table()
    known = lexicon.target_vocabulary()
    new_src = [
        _extended(ev, [t for word in set(ev.words) for t in table.get(word, ())]) for ev in src
    ]
    new_tgt = [_extended(ev, [word for word in set(ev.words) if word in known]) for ev in tgt]
    return new_src, new_tgt


def _extended(ev: Evidence, found: list[str]) -> Evidence:
    if not found:
        return ev
    keys = Counter(ev.keys)
    keys.update(sys.intern("w:" + w) for w in found)
    return dataclasses.replace(ev, keys=keys)


class CostModel:
    """The bead cost for one source/target pair of unit sequences, over a band of the grid.

    Grid point (i, j) means "the first i source and first j target units are aligned"; a bead
    of shape (a, b) ending at (i, j) covers source units i-a..i-1 and target units j-b..j-1.
    """

    def __init__(
        self,
        src: Sequence[Evidence],
        tgt: Sequence[Evidence],
        weights: Weights | None = None,
        *,
        vectors: tuple[FloatArray, FloatArray] | None = None,
        ratio: float | None = None,
        missing: Masks | None = None,
    ) -> None:
        self.weights = weights or Weights()
        #: per source and target unit, whether it lies in a stretch the other version lacks
        #: (see ``aligner.align.pairwise``): left alone for ``Weights.missing_unit`` (the
        #: stretch is paid once, by the caller), never linked
        self.missing = missing
        #: unit-length sentence embeddings of the source and target units, if any
        self.vectors = vectors
        self.n = len(src)
        self.m = len(tgt)
        self.src = src
        self.tgt = tgt
        ls = np.array([e.length for e in src], dtype=np.float64)
        lt = np.array([e.length for e in tgt], dtype=np.float64)
        self.src_prefix = np.concatenate(([0.0], np.cumsum(ls)))
        self.tgt_prefix = np.concatenate(([0.0], np.cumsum(lt)))
        total_s, total_t = float(ls.sum()), float(lt.sum())
        #: expected target length per source character (the totals' ratio unless given)
        self.ratio = ratio or (total_t / total_s if total_s > 0 and total_t > 0 else 1.0)
        self.key_weight = self._key_weights()
        lonely_s = np.array([self._lonely(e) for e in src], dtype=np.float64)
        lonely_t = np.array([self._lonely(e) for e in tgt], dtype=np.float64)
        self.src_lonely = np.concatenate(([0.0], np.cumsum(lonely_s)))
        self.tgt_lonely = np.concatenate(([0.0], np.cumsum(lonely_t)))
        #: per unit, whether a bead boundary before it cuts a sentence (see ``open_cut``)
        self.src_cut = _open_cuts(src)
        self.tgt_cut = _open_cuts(tgt)
        #: per unit, whether it is noise (unsupported whatever its evidence)
        debris = self.weights.debris
        self.src_noise = np.array([debris and e.noise for e in src], dtype=bool)
        self.tgt_noise = np.array([debris and e.noise for e in tgt], dtype=bool)
        self._occ: _Occurrences | None = None
        # the rest is filled by bead_costs, for its band: units without support (running
        # counts), and each source unit's pairwise evidence with the ``pair_width`` target
        # units from ``pair_lo``, with its row-wise running sums
        self.src_unsupported: FloatArray = np.zeros(self.n + 1)
        self.tgt_unsupported: FloatArray = np.zeros(self.m + 1)
        gone_s, gone_t = missing if missing is not None else (np.zeros(self.n), np.zeros(self.m))
        self.src_missing = np.concatenate(([0.0], np.cumsum(gone_s, dtype=np.float64)))
        self.tgt_missing = np.concatenate(([0.0], np.cumsum(gone_t, dtype=np.float64)))
        self.pair_lo: IntArray = np.zeros(0, dtype=np.int64)
        self.pair_width = 0
        self._pair: FloatArray = np.zeros((0, 0))
        self.pair_prefix: FloatArray = np.zeros((0, 0))
        # embeddings: length-weighted dot products in the band (row-wise running sums),
        # the typical similarity of a translation and of an unrelated pair
        self.dot_prefix: FloatArray = np.zeros((0, 0))
        self.similarity_levels = (1.0, 0.0)
        self._norms: dict[str, dict[int, FloatArray]] = {}
        #: bead costs over the whole grid, per shape, once computed (see ``bead_costs``)
        self._whole: dict[tuple[int, int], npt.NDArray[np.float32]] = {}

    def window(self, i0: int, i1: int, j0: int, j1: int) -> CostModel:
        """Return the model of source units ``i0..i1-1`` against target units ``j0..j1-1``.

        The window keeps this model's weights and length ratio, and its units' vectors and
        missing marks, so a bead inside it costs what it costs here.
        """
        vectors, missing = self.vectors, self.missing
        return CostModel(
            self.src[i0:i1],
            self.tgt[j0:j1],
            self.weights,
            vectors=None if vectors is None else (vectors[0][i0:i1], vectors[1][j0:j1]),
            ratio=self.ratio,
            missing=None if missing is None else (missing[0][i0:i1], missing[1][j0:j1]),
        )

    def _lonely_cost(self, key: str) -> float:
        if key[0] not in self.weights.strict_keys:
            return 0.0
        return -math.log(1.0 - self.weights.key_recall[key[0]]) * self.weights.unmatched

    def _lonely(self, e: Evidence) -> float:
        strict = self.weights.strict_keys
        found = [(k[0], c) for k, c in e.keys.items() if k[0] in strict]
        return sum(self._lonely_cost(k) * c for k, c in found)

    def _key_weights(self) -> dict[str, float]:
        df_s: Counter[str] = Counter()
        df_t: Counter[str] = Counter()
        for e in self.src:
            df_s.update(e.keys.keys())
        for e in self.tgt:
            df_t.update(e.keys.keys())
        # a short text says little about how rare a key is: judge as if it had at least
        # ``min_units`` units (a name in one of three sentences is still a rare word)
        size_s = max(self.n, self.weights.min_units)
        size_t = max(self.m, self.weights.min_units)
        w = self.weights
        lexicon = w.lexicon if self.vectors is None else w.lexicon_meaning
        out: dict[str, float] = {}
        for key, count_t in df_t.items():
            count_s = df_s.get(key)
            if not count_s:
                continue
            recall = self.weights.key_recall[key[0]]
            # the chance that a unit holds the key at random
            chance = max(count_s / size_s, count_t / size_t)
            weight = math.log(recall / min(1.0, chance + 1e-9))
            if key[0] == "w":
                weight *= lexicon
            if weight > 0.05:
                out[key] = weight
        return out

    def bead_costs(
        self, lo: IntArray, hi: IntArray, width: int, shapes: Sequence[tuple[int, int]]
    ) -> list[npt.NDArray[np.float32]]:
        """Return, per shape, the cost of every bead ending in the band (inf where none can).

        Row ``i`` of the band holds grid columns ``lo[i] .. lo[i]+width-1``; columns at or
        beyond ``hi[i]`` are closed. The costs of a band that opens the whole grid are kept
        and given again (they are the same whatever the other shapes asked): the arrays
        returned are not to be written to.
        """
        whole = width == self.m + 1 and not lo.any() and bool((hi == self.m + 1).all())
        if whole and all(shape in self._whole for shape in shapes):
            return [self._whole[shape] for shape in shapes]
        max_a = max(a for a, _ in shapes)
        max_b = max(b for _, b in shapes)
        self._set_pairs(lo, hi, max_a, max_b)
        if self.vectors is not None:
            self._fill_norms("src", max_a)
            self._fill_norms("tgt", max_b)
        band = _Band(self, lo, hi, width, max_a, max_b)
        costs = [self._shape_cost(a, b, band) for a, b in shapes]
        if whole:
            self._whole.update(zip(shapes, costs, strict=True))
        return costs

    def _shape_cost(self, a: int, b: int, band: _Band) -> npt.NDArray[np.float32]:
        w = self.weights
        n = self.n
        rows = np.arange(a, n + 1, dtype=np.int64)
        # target-side sums over the bead's b units: a difference of two column slices
        end, start = band.end, band.end - b
        width = band.width

        def span(prefix: FloatArray) -> FloatArray:
            out: FloatArray = prefix[a:, end : end + width] - prefix[a:, start : start + width]
            return out

        ls = (self.src_prefix[rows] - self.src_prefix[rows - a])[:, None]
        delta = _deviation(ls, span(band.tgt_length), self.ratio, w.length_variance)
        cap = w.length_cap if a and b else w.skip_cap
        cost = np.minimum(0.5 * delta * delta, cap) + w.shape_cost[(a, b)]
        # unsupported units: cheap to leave alone, dear to merge into a neighbour's bead
        if w.unsupported_skip or w.unsupported_member:
            lone_s = (self.src_unsupported[rows] - self.src_unsupported[rows - a])[:, None]
            lone_t = span(band.tgt_unsupported)
            if not (a and b):
                cost -= w.unsupported_skip * (lone_s + lone_t)
            if a >= 2:
                cost += w.unsupported_member * lone_s
            if b >= 2:
                cost += w.unsupported_member * lone_t
        if w.open_cut:
            if a:
                cost += w.open_cut * self.src_cut[rows - a][:, None]
            if b:
                cost += w.open_cut * self.tgt_cut[band.ext[a:, start : start + width]]
        if self.missing is not None:
            gone = (self.src_missing[rows] - self.src_missing[rows - a])[:, None]
            gone = gone + span(band.tgt_missing)
            cost = np.where(gone > 0, np.inf if a and b else w.missing_unit, cost)
        if a and b:
            damping = w.merge_damping if self.vectors is None else w.merge_damping_meaning
            cost -= span(band.evidence[a]) * (2.0 / (a + b)) ** damping
            if self.vectors is not None:
                # the cosine of the bead's two sides, each the weighted sum of its units
                norm_t = self.span_norms("tgt", b)[band.ext[a:, end : end + width]]
                norm_s = self.span_norms("src", a)[rows][:, None]
                cos = span(band.dots[a]) / (norm_s * norm_t)
                # a many-to-many bead vouches for all its units (see ``embedding_size``)
                levels = self._shape_levels(a, b, cos, band)
                cost -= self.embedding_evidence(cos, levels) * self._size(a, b, band)
                if w.embedding_member and (a >= 2 or b >= 2):
                    cost += w.embedding_member * self._member_doubt(a, b, band)
            cost += (self.src_lonely[rows] - self.src_lonely[rows - a])[:, None]
            cost += span(band.tgt_lonely)
        full = np.full((n + 1, width), np.inf, dtype=np.float32)
        ok = band.open[a:] & (band.cols[a:] >= b)
        full[a:] = np.where(ok, cost, np.inf)
        return full

    def _size(self, a: int, b: int, band: _Band) -> float | FloatArray:
        """Return how many one-to-one beads' worth of embedding evidence a bead of shape
        (a, b) has, per band cell (see ``Weights.embedding_size``, ``whole_size`` and
        ``whole_wide``)."""
        w = self.weights
        if min(a, b) < 2 or not w.embedding_size:
            return 1.0
        size = (a + b) / 2.0
        if w.whole_size is None or size <= w.whole_size:
            return float(size**w.embedding_size)
        # the boundaries inside the bead that cut a sentence, on either side (running counts
        # of ``src_cut`` and ``tgt_cut``: how many boundaries before units 0 .. x-1 cut one)
        src_cuts, tgt_cuts = (np.append(0.0, np.cumsum(c)) for c in (self.src_cut, self.tgt_cut))
        rows = np.arange(a, self.n + 1, dtype=np.int64)
        end, start, width = band.end, band.end - b, band.width
        cuts = (src_cuts[rows] - src_cuts[rows - a + 1])[:, None]
        cuts = cuts + tgt_cuts[band.ext[a:, end : end + width]]
        cuts = cuts - tgt_cuts[band.ext[a:, start + 1 : start + 1 + width]]
        whole = w.whole_size if (a, b) == (2, 2) else min(w.whole_size, w.whole_wide)
        out: FloatArray = np.where(cuts > 0, size, whole) ** w.embedding_size
        return out

    def _member_doubt(self, a: int, b: int, band: _Band) -> FloatArray:
        """Return the evidence against each member of a merged bead's many side taken alone
        with the bead's other side, summed: a merged bead's cosine stays high when one
        member translates the other side, whatever its neighbour holds.

        A member's doubt does not depend on how many units the bead holds on its own side,
        so the sums are kept on the band and grown a member at a time (the shapes come in
        order of size), not summed again for every shape.
        """
        out = np.zeros((self.n + 1 - a, band.width))
        if a >= 2:
            out += self._doubt_sum(band, "src", b, a)[a:]
        if b >= 2:
            out += self._doubt_sum(band, "tgt", a, b)[a:]
        return out

    def _doubt_sum(self, band: _Band, side: str, other: int, count: int) -> FloatArray:
        """Return, per band cell, the doubt of the last ``count`` units of ``side`` each
        taken alone with the last ``other`` units of the other side (every row)."""
        done, total = band.doubts.get((side, other), (0, np.zeros(band.open.shape)))
        if done > count:
            done, total = 0, np.zeros(band.open.shape)
        end, width = band.end, band.width
        ws = self._span_weights()[0]
        rows = np.arange(self.n + 1, dtype=np.int64)
        for k in range(done + 1, count + 1):
            if side == "src":
                # the weighted dots of source unit i - k alone with the other's target units
                one = band.dots[k] - band.dots[k - 1] if k > 1 else band.dots[1]
                dot = one[:, end : end + width] - one[:, end - other : end - other + width]
                norm = self.span_norms("tgt", other)[band.ext[:, end : end + width]]
                cos = dot / (ws[np.maximum(rows - k, 0)][:, None] * norm)
                total = total + np.maximum(0.0, -self.embedding_evidence(cos))
            else:
                # target unit j - k alone: the row's doubts, k columns back
                total = total + self._target_doubts(band, other)[:, end - k : end - k + width]
        band.doubts[(side, other)] = (count, total)
        return total

    def _target_doubts(self, band: _Band, other: int) -> FloatArray:
        """Return, per band row and extended column, the doubt of the target unit there taken
        alone with the ``other`` source units before the row (worked out once per band and
        count, then read by every shape that holds it)."""
        key = ("tgt-unit", other)
        if key not in band.doubts:
            prefix = band.dots[other]
            dot = prefix[:, 1:] - prefix[:, :-1]
            unit = np.clip(band.ext[:, :-1], 0, self.m - 1)
            cos = dot / (self._span_weights()[1][unit] * self.span_norms("src", other)[:, None])
            band.doubts[key] = (0, np.maximum(0.0, -self.embedding_evidence(cos)))
        return band.doubts[key][1]

    def length_deviations(
        self, src: Sequence[tuple[int, int]], tgt: Sequence[tuple[int, int]]
    ) -> list[float]:
        """Return, per bead of source units ``src[k]`` and target units ``tgt[k]`` (half-open
        ranges), how many standard deviations its target length lies from the length
        expected of a translation of its source (Gale-Church's delta; negative when short)."""
        s = np.asarray(src, dtype=np.int64).reshape(-1, 2)
        t = np.asarray(tgt, dtype=np.int64).reshape(-1, 2)
        ls = self.src_prefix[s[:, 1]] - self.src_prefix[s[:, 0]]
        lt = self.tgt_prefix[t[:, 1]] - self.tgt_prefix[t[:, 0]]
        return [float(x) for x in _deviation(ls, lt, self.ratio, self.weights.length_variance)]

    def _set_pairs(self, lo: IntArray, hi: IntArray, max_a: int, max_b: int) -> None:
        """Compute the pairwise evidence for the target units reachable from each source unit."""
        n, m = self.n, self.m
        s = np.arange(n, dtype=np.int64)
        pair_lo = np.maximum(0, lo[s + 1] - max_b)
        pair_hi = np.minimum(m, hi[np.minimum(n, s + max_a)])
        width = int(max(1, (pair_hi - pair_lo).max(initial=1)))
        pair = np.zeros((n, width), dtype=np.float64)
        self.pair_lo = pair_lo
        self.pair_width = width
        self._add_key_matches(pair, pair_lo, width)
        chance_s, chance_t = self._chance_evidence()
        pair -= chance_s[:, None]
        pair -= chance_t[np.minimum(pair_lo[:, None] + np.arange(width)[None, :], max(0, m - 1))]
        self._add_structure(pair, pair_lo, width)
        if self.vectors is not None:
            # the bead cost reads the embeddings of whole beads; the pairwise score only
            # says which units have a partner
            self._set_support(pair + self._embedding_pairs(pair_lo, width), pair_lo, width)
        else:
            self._set_support(pair, pair_lo, width)
        prefix = np.zeros((n, width + 1), dtype=np.float64)
        np.cumsum(pair, axis=1, out=prefix[:, 1:])
        self._pair = pair
        self.pair_prefix = prefix

    def _embedding_pairs(self, pair_lo: IntArray, width: int) -> FloatArray:
        """Read the embedding similarity of every band pair; return its pairwise evidence.

        Models differ widely in how similar unrelated sentences look, so both levels are
        read off the band itself: most units of the shorter text have their partner in the
        other (the longer may hold more: a whole page against its translated opening), so
        the median of their best similarities is that of a translation, and the median of
        the rest that of an unrelated pair (see :meth:`embedding_evidence`). Keeps the
        length-weighted dot products, summed along each row, for the cosine of whole beads.
        """
        assert self.vectors is not None
        src, tgt = self.vectors
        cos = band_similarity(src, tgt, pair_lo, width)
        cols = pair_lo[:, None] + np.arange(width)[None, :]
        inside = cols < self.m
        if inside.any():
            masked = np.where(inside, cos, -np.inf)
            top = masked.argmax(axis=1)
            rows = np.arange(len(cos))
            # the shorter text is the one whose units mostly have a partner
            best = masked[rows, top]
            if self.m < self.n:
                best = np.full(self.m, -np.inf)
                np.maximum.at(best, cols[inside], cos[inside])
            aligned = float(np.median(best[np.isfinite(best)]))
            rest = inside.copy()
            rest[rows, top] = False
            chance = float(np.median(cos[rest])) if rest.any() else aligned - 1.0
            self.similarity_levels = (aligned, chance)
        ws, wt = self._span_weights()
        dots = np.where(inside, cos * ws[:, None] * wt[np.minimum(cols, self.m - 1)], 0.0)
        self.dot_prefix = np.zeros((self.n, width + 1), dtype=np.float64)
        np.cumsum(dots, axis=1, out=self.dot_prefix[:, 1:])
        return np.where(inside, self.embedding_evidence(cos), 0.0)

    def _shape_levels(
        self, a: int, b: int, cos: FloatArray, band: _Band
    ) -> tuple[float, float] | None:
        """Return the typical cosine of a translation and of an unrelated pair for beads of
        shape (a, b), read off their cosines in the band as :meth:`_embedding_pairs` reads
        those of one unit a side (the median of the best of each row, and of the rest), each
        at least that of one unit a side; None (the levels of one unit a side) for a shape
        not in ``Weights.level_shapes``, and where a text holds fewer than
        ``Weights.min_units`` units (a paragraph's few sentences: too few cells to read
        typical cosines of two against two off).

        Summed vectors are more alike than single ones: what each unit says of its own
        averages out, and they lean together towards what the text is about (USE on the
        literary sets: an unrelated pair near 0.07, two against two near 0.14). Judged
        against the levels of one-to-one beads, two one-to-one translations summed read as
        a better translation than either, and their two-to-two bead wins.
        """
        if (a, b) not in self.weights.level_shapes or min(self.n, self.m) < self.weights.min_units:
            return None
        ok = band.open[a:] & (band.cols[a:] >= b)
        if ok.sum() < 3:
            return None
        found = np.where(ok, cos, -np.inf)
        top = found.argmax(axis=1)
        rows = np.arange(len(found))
        best = found[rows, top]
        best = best[np.isfinite(best)]
        rest = ok.copy()
        rest[rows, top] = False
        if not len(best) or not rest.any():
            return None
        # never below those of one unit a side: what the levels of a shape correct is how
        # much more alike summed vectors are; where they come out lower (e5, whose vectors
        # are centred), the one-to-one levels stay (DR-33)
        one, other = self.similarity_levels
        return max(float(np.median(best)), one), max(float(np.median(cos[rest])), other)

    def _span_weights(self) -> tuple[FloatArray, FloatArray]:
        """Return the weight of each unit's vector in the vector of a bead that holds it."""
        ls = np.diff(self.src_prefix)
        lt = np.diff(self.tgt_prefix)
        return np.sqrt(ls + 1.0), np.sqrt(lt + 1.0)

    def span_norms(self, side: str, count: int) -> FloatArray:
        """Return, per grid position i, the length of the weighted vector sum of the
        ``count`` units of ``side`` ending before i (1 where there are fewer units)."""
        cache = self._norms.get(side, {})
        if count not in cache:
            self._fill_norms(side, count)
        return self._norms[side][count]

    def _fill_norms(self, side: str, most: int) -> None:
        """Compute :meth:`span_norms` of ``side`` for every count up to ``most``.

        The squared length of a weighted sum of neighbouring vectors is the sum of their
        weighted dot products, so it is read off running sums of the dot product of each
        unit with the unit ``lag`` places on, one per lag below ``most``: a few products of
        two vector arrays, not a difference of running vector sums per count.
        """
        assert self.vectors is not None
        vectors = np.asarray(self.vectors[0] if side == "src" else self.vectors[1], np.float64)
        weights = self._span_weights()[0 if side == "src" else 1]
        cache = self._norms.setdefault(side, {})
        n = len(vectors)
        # lagged[lag][x]: the weighted dot products of units t and t + lag summed for t < x
        lagged: list[FloatArray] = []
        for lag in range(min(most, n)):
            dots = np.einsum("ij,ij->i", vectors[: n - lag], vectors[lag:])
            running = np.zeros(n + 1)
            np.cumsum(dots * weights[: n - lag] * weights[lag:], out=running[1 : n - lag + 1])
            lagged.append(running)
        for count in range(1, most + 1):
            if count in cache:
                continue
            out = np.ones(n + 1)
            if n >= count:
                end = np.arange(count, n + 1)
                square = lagged[0][end] - lagged[0][end - count]
                for lag in range(1, count):
                    square += 2.0 * (lagged[lag][end - lag] - lagged[lag][end - count])
                out[count:] = np.sqrt(np.maximum(square, 0.0))
            cache[count] = np.maximum(out, 1e-9)

    def embedding_evidence(
        self, cos: FloatArray, levels: tuple[float, float] | None = None
    ) -> FloatArray:
        """Return the evidence (nats) of a cosine similarity: a log-likelihood ratio, linear.

        Halfway between the two levels of :meth:`_embedding_pairs` (or ``levels``, those of
        a bead shape, see :meth:`_shape_levels`) the evidence is 0; it
        reaches ``embedding`` nats at the level of a translation and as much against at the
        level of an unrelated pair (bounded, so that one odd vector cannot decide alone).
        """
        aligned, chance = self.similarity_levels if levels is None else levels
        gap = max(aligned - chance, 0.05)
        w = self.weights.embedding
        out: FloatArray = np.clip(
            w * (2.0 * cos - aligned - chance) / gap, -w, self.weights.embedding_cap * w
        )
        return out

    def _set_support(self, pair: FloatArray, pair_lo: IntArray, width: int) -> None:
        """Mark the noise units and, with a ``support`` floor, the units whose best evidence
        with a reachable partner is below it.

        Pieces of a text cut mid-sentence (the next piece continues it, see
        ``Evidence.continues``) are not marked for their evidence: they are halves of a
        merge, not insertions.
        """
        lone_s, lone_t = self.src_noise, self.tgt_noise
        floor = self.weights.support
        if floor is not None:
            m = self.m
            cols = pair_lo[:, None] + np.arange(width, dtype=np.int64)[None, :]
            valid = cols < m
            best_s = np.where(valid, pair, -np.inf).max(axis=1, initial=-np.inf)
            best_t = np.full(m, -np.inf)
            np.maximum.at(best_t, cols[valid], pair[valid])
            lone_s = lone_s | ((best_s < floor) & ~_split_pieces(self.src))
            lone_t = lone_t | ((best_t < floor) & ~_split_pieces(self.tgt))
        self.src_unsupported = np.concatenate(([0.0], np.cumsum(lone_s)))
        self.tgt_unsupported = np.concatenate(([0.0], np.cumsum(lone_t)))

    def _occurrences(self) -> _Occurrences:
        """Return the weighted keys of both sides as arrays (computed once per model)."""
        if self._occ is None:
            keys = sorted(self.key_weight)
            key_id = {k: i for i, k in enumerate(keys)}
            self._occ = _Occurrences(
                weight=np.array([self.key_weight[k] for k in keys], dtype=np.float64),
                lonely=np.array([self._lonely_cost(k) for k in keys], dtype=np.float64),
                src=_occurrences(self.src, key_id),
                tgt=_occurrences(self.tgt, key_id),
            )
        return self._occ

    def _chance_evidence(self) -> tuple[FloatArray, FloatArray]:
        """Return, per source and per target unit, half the evidence it shares on average
        with an unrelated unit.

        Subtracting it makes a pair of unrelated units worth zero on average, so joining them
        into one bead gains nothing by chance.
        """
        occ = self._occurrences()
        scale = 0.5 * self.weights.match
        out: list[FloatArray] = []
        for (key, pos, _), (other_key, _, _), size, count in (
            (occ.src, occ.tgt, self.m, self.n),
            (occ.tgt, occ.src, self.n, self.m),
        ):
            # in how many units of the other side each key occurs
            df = np.bincount(other_key, minlength=len(occ.weight)).astype(np.float64)
            share = occ.weight[key] * df[key] / max(1, size)
            chance = np.bincount(pos, weights=share, minlength=count).astype(np.float64)
            out.append(scale * chance)
        return out[0], out[1]

    def pair_score(self, s: int, t: int) -> float:
        """Return the pairwise evidence between source unit ``s`` and target unit ``t``.

        Valid after :meth:`bead_costs`; 0 for a pair outside the band.
        """
        col = t - int(self.pair_lo[s])
        if not 0 <= col < self.pair_width:
            return 0.0
        return float(self._pair[s, col])

    def _add_key_matches(self, pair: FloatArray, pair_lo: IntArray, width: int) -> None:
        """Add the evidence of every key shared by a source unit and a reachable target unit."""
        weight = self.key_weight
        if not weight:
            return
        occ = self._occurrences()
        value = self.weights.match * occ.weight + 2.0 * occ.lonely
        s_key, s_pos, s_cnt = occ.src
        t_key, t_pos, t_cnt = occ.tgt
        if not len(s_key) or not len(t_key):
            return
        near = self.weights.near
        stride = self.m + self.n + 2 * near + 2
        # a key repeated in neighbouring units would be counted once per pair of a merged
        # bead: share it out among its local occurrences instead (more so with meaning)
        power = 1.0 if self.vectors is None else self.weights.near_power_meaning
        s_near = _local_count(s_key * stride + s_pos, near) ** power
        t_code = t_key * stride + t_pos
        t_near = _local_count(t_code, near) ** power
        base = s_key * stride + pair_lo[s_pos]
        left = np.searchsorted(t_code, base, side="left")
        right = np.searchsorted(t_code, base + width, side="left")
        counts = right - left
        keep = counts > 0
        if not keep.any():
            return
        left, counts = left[keep], counts[keep]
        src_k, src_p, src_c, src_n = s_key[keep], s_pos[keep], s_cnt[keep], s_near[keep]
        # one entry per shared occurrence: a wide band over long units shares millions, so
        # they are expanded a bounded batch of source occurrences at a time
        ends = np.cumsum(counts)
        cuts = np.searchsorted(ends, np.arange(_MATCH_BATCH, int(ends[-1]), _MATCH_BATCH))
        flat_pair = pair.reshape(-1)
        for part in np.split(np.arange(len(counts)), np.unique(cuts + 1)):
            if not len(part):
                continue
            c = counts[part]
            total = int(c.sum())
            offsets = np.arange(total) - np.repeat(np.cumsum(c) - c, c)
            t_idx = np.repeat(left[part], c) + offsets
            rep_p = np.repeat(src_p[part], c)
            shared = np.minimum(np.repeat(src_c[part], c), t_cnt[t_idx]) / np.maximum(
                np.repeat(src_n[part], c), t_near[t_idx]
            )
            flat = rep_p * width + (t_pos[t_idx] - pair_lo[rep_p])
            contribution = value[np.repeat(src_k[part], c)] * shared
            flat_pair += np.bincount(flat, weights=contribution, minlength=pair.size)

    def _add_structure(self, pair: FloatArray, pair_lo: IntArray, width: int) -> None:
        w = self.weights
        units = [*self.src, *self.tgt]
        has_kind = any(e.kind == "head" for e in units)
        has_who = any(e.who for e in units)
        if not has_kind and not has_who:
            return
        n = self.n
        cols = np.minimum(pair_lo[:, None] + np.arange(width)[None, :], max(0, self.m - 1))
        if has_kind:
            head = np.array([e.kind == "head" for e in units], dtype=bool)
            pair -= w.kind_mismatch * (head[n:][cols] != head[:n, None])
        if has_who:
            codes: dict[str, int] = {}
            who = np.array(
                [codes.setdefault(e.who, len(codes)) if e.who else -1 for e in units],
                dtype=np.int64,
            )
            src_who, tgt_who = who[:n], who[n:]
            other = tgt_who[cols]
            mine = src_who[:, None]
            both = (other >= 0) & (mine >= 0)
            pair += w.speaker * np.where(both, np.where(other == mine, 1.0, -1.0), 0.0)


@dataclass(frozen=True)
class _Occurrences:
    """Every weighted key of a model as arrays: (key id, unit, count) per side."""

    weight: FloatArray
    lonely: FloatArray
    src: tuple[IntArray, IntArray, FloatArray]
    tgt: tuple[IntArray, IntArray, FloatArray]


class _Band:
    """Target-side prefix sums and shared evidence at every band cell, with room on the left.

    Column ``end + c`` of a row ``i`` is grid column ``lo[i] + c``; ``b`` columns further
    left is where a bead of ``b`` target units ending there starts, so any span of target
    units is a difference of two slices. ``evidence[a][i]`` sums, over source units
    ``i-a .. i-1``, the pairwise evidence with target units up to each column.
    """

    def __init__(
        self, model: CostModel, lo: IntArray, hi: IntArray, width: int, max_a: int, max_b: int
    ) -> None:
        m = model.m
        self.width = width
        self.end = max_b
        self.cols = lo[:, None] + np.arange(width, dtype=np.int64)[None, :]
        self.open = self.cols < hi[:, None]
        ext = np.clip(lo[:, None] + np.arange(-max_b, width, dtype=np.int64)[None, :], 0, m)
        self.tgt_length: FloatArray = model.tgt_prefix[ext]
        self.tgt_lonely: FloatArray = model.tgt_lonely[ext]
        self.tgt_unsupported: FloatArray = model.tgt_unsupported[ext]
        self.tgt_missing: FloatArray = model.tgt_missing[ext]
        self.ext = ext
        self.evidence = self._sums(model, model.pair_prefix, max_a)
        self.dots = self._sums(model, model.dot_prefix, max_a) if model.vectors is not None else {}
        #: the running sums of :meth:`CostModel._member_doubt`: (side, units of the other
        #: side) -> (members summed, their doubts); ("tgt-unit", source units) -> (0, each
        #: target unit's doubt, see :meth:`CostModel._target_doubts`)
        self.doubts: dict[tuple[str, int], tuple[int, FloatArray]] = {}

    def _sums(self, model: CostModel, prefix: FloatArray, max_a: int) -> dict[int, FloatArray]:
        """Sum a band matrix's row-wise running sums over the last 1..max_a source units."""
        n, ext, pair_lo = model.n, self.ext, model.pair_lo
        out: dict[int, FloatArray] = {}
        total = np.zeros(ext.shape, dtype=np.float64)
        for d in range(1, max_a + 1):
            if d <= n:
                # row i reads source unit i - d
                s = np.arange(n + 1 - d, dtype=np.int64)
                idx = np.clip(ext[d:] - pair_lo[s][:, None], 0, model.pair_width)
                total[d:] += np.take_along_axis(prefix[: n + 1 - d], idx, axis=1)
            out[d] = total.copy() if d < max_a else total
        return out


def _deviation(ls: FloatArray, lt: FloatArray, ratio: float, variance: float) -> FloatArray:
    """Return Gale-Church's delta for source lengths ``ls`` and target lengths ``lt``.

    >>> _deviation(np.array([100.0]), np.array([100.0, 150.0]), 1.0, 6.8).round(2).tolist()
    [0.0, 1.71]
    """
    expected = ls * ratio
    out: FloatArray = (lt - expected) / np.sqrt(variance * (expected + lt) / 2.0 + 1.0)
    return out


def _open_cuts(units: Sequence[Evidence]) -> FloatArray:
    """Mark each unit whose boundary with the unit before cuts a sentence (one more entry,
    never marked, for the end of the text)."""
    cont = np.array([e.continues for e in units], dtype=bool)
    open_end = np.array([e.open_end for e in units], dtype=bool)
    out = np.zeros(len(units) + 1)
    out[1:-1] = cont[1:] | open_end[:-1]
    return out


def _split_pieces(units: Sequence[Evidence]) -> npt.NDArray[np.bool_]:
    """Mark the units that are pieces of one text cut in two: the second continues it."""
    cont = np.array([e.continues for e in units], dtype=bool)
    out: npt.NDArray[np.bool_] = cont.copy()
    out[:-1] |= cont[1:]
    return out


def _occurrences(
    units: Sequence[Evidence], key_id: Mapping[str, int]
) -> tuple[IntArray, IntArray, FloatArray]:
    """Return (key, unit, count) of every weighted key occurrence, sorted by key then unit."""
    keys: list[int] = []
    pos: list[int] = []
    cnt: list[int] = []
    for u, e in enumerate(units):
        for key, count in e.keys.items():
            k = key_id.get(key)
            if k is not None:
                keys.append(k)
                pos.append(u)
                cnt.append(count)
    k_arr = np.asarray(keys, dtype=np.int64)
    p_arr = np.asarray(pos, dtype=np.int64)
    order = np.lexsort((p_arr, k_arr))
    return k_arr[order], p_arr[order], np.asarray(cnt, dtype=np.float64)[order]


def _local_count(positions: IntArray, near: int) -> FloatArray:
    """Return, for each sorted position, how many positions lie within ``near`` of it."""
    left = np.searchsorted(positions, positions - near, side="left")
    right = np.searchsorted(positions, positions + near, side="right")
    return (right - left).astype(np.float64)
