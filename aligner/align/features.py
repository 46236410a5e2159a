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

import math
import re
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

import numpy as np
import numpy.typing as npt

from aligner.align.lexicon import Lexicon
from aligner.align.numerals import numeric_keys
from languages.translit import to_latin

FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.int64]

_LETTERS = re.compile(r"[^\W\d_]+")
_WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")
_QUOTE_RE = re.compile('["«»„“”‚‘‹›「」]')  # not ’, which is mostly an apostrophe
_PUNCT = {"?": "p:?", "!": "p:!", ":": "p::", ";": "p:;", "(": "p:(", "%": "p:%", "§": "p:§"}

#: P(a key is shared | the units are aligned), per key class: numbers rarely get lost in
#: translation, cognate stems and lexicon words often do.
KEY_RECALL = {"n": 0.9, "m": 0.9, "c": 0.35, "w": 0.35, "p": 0.6, "q": 0.6}
#: key classes reliable enough that a key left without partner in a bead counts against it
STRICT_KEYS = frozenset("nm")


@dataclass(frozen=True)
class Unit:
    """One thing to align: a sentence or a block, with what structure says about it."""

    text: str
    kind: str = "p"
    who: str | None = None


@dataclass(frozen=True)
class Weights:
    """The weights of the log-linear bead cost (all in nats)."""

    #: -log prior of each bead shape (source count, target count)
    shape_cost: Mapping[tuple[int, int], float] = field(
        default_factory=lambda: {
            (1, 1): 0.0,
            (1, 0): 3.0,
            (0, 1): 3.0,
            (1, 2): 2.2,
            (2, 1): 2.2,
            (2, 2): 4.0,
            (1, 3): 4.0,
            (3, 1): 4.0,
            (2, 3): 5.5,
            (3, 2): 5.5,
            (1, 4): 6.0,
            (4, 1): 6.0,
        }
    )
    #: variance of target length per unit of expected length (Gale-Church's s^2, chars)
    length_variance: float = 6.8
    #: how far a length mismatch can cost (keeps one wild length from deciding alone)
    length_cap: float = 30.0
    #: how far the length of a unit left unaligned (1-0, 0-1) can add to its cost
    skip_cap: float = 2.0
    #: multiplier of the shared-key evidence
    match: float = 1.0
    #: evidence of a bead of a+b units is scaled by (2/(a+b))**merge_damping: pairs across
    #: a merged bead share words by topic, not by translation, and would otherwise pull
    #: neighbouring one-to-one beads together
    merge_damping: float = 0.3
    #: cost of a number or month that finds no partner inside its (non-empty) bead, as a
    #: share of -log(1 - recall); a unit whose numbers match nothing is more likely an
    #: insertion than half of a merged bead
    unmatched: float = 0.5
    #: cost of pairing a heading with a paragraph
    kind_mismatch: float = 6.0
    #: bonus for equal speakers, cost for different speakers
    speaker: float = 3.0
    #: the smallest text size assumed when judging how rare a key is
    min_units: int = 20


@dataclass(frozen=True)
class Evidence:
    """What the cost model knows about one unit."""

    length: int
    keys: Mapping[str, int]
    words: tuple[str, ...]
    kind: str = "p"
    who: str | None = None


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


def evidence(unit: Unit, lang: str) -> Evidence:
    """Reduce ``unit`` to its length and keys (without lexicon keys)."""
    text = unit.text
    keys: Counter[str] = Counter(numeric_keys(text, lang))
    toks = words(text)
    stems = [cognate_stem(piece) for piece in _LETTERS.findall(text)]
    keys.update("c:" + stem for stem in stems if stem)
    for ch, key in _PUNCT.items():
        if ch in text:
            keys[key] += 1
    if _QUOTE_RE.search(text):
        keys["q:quote"] += 1
    return Evidence(
        length=len(text.strip()),
        keys=keys,
        words=tuple(toks),
        kind=unit.kind,
        who=unit.who,
    )


def with_lexicon(
    src: Sequence[Evidence], tgt: Sequence[Evidence], lexicon: Lexicon | None
) -> tuple[list[Evidence], list[Evidence]]:
    """Add ``w:`` keys: translations on the source side, the words themselves on the target."""
    if lexicon is None or not lexicon:
        return list(src), list(tgt)
    known = lexicon.target_vocabulary()
    new_src = []
    for ev in src:
        keys = Counter(ev.keys)
        for word in set(ev.words):
            for target in lexicon.translations(word):
                keys["w:" + target] += 1
        new_src.append(Evidence(ev.length, keys, ev.words, ev.kind, ev.who))
    new_tgt = []
    for ev in tgt:
        keys = Counter(ev.keys)
        for word in set(ev.words):
            if word in known:
                keys["w:" + word] += 1
        new_tgt.append(Evidence(ev.length, keys, ev.words, ev.kind, ev.who))
    return new_src, new_tgt


class CostModel:
    """The bead cost for one source/target pair of unit sequences, over a band of the grid.

    Grid point (i, j) means "the first i source and first j target units are aligned"; a bead
    of shape (a, b) ending at (i, j) covers source units i-a..i-1 and target units j-b..j-1.
    """

    def __init__(
        self, src: Sequence[Evidence], tgt: Sequence[Evidence], weights: Weights | None = None
    ) -> None:
        self.weights = weights or Weights()
        self.n = len(src)
        self.m = len(tgt)
        self.src = src
        self.tgt = tgt
        ls = np.array([e.length for e in src], dtype=np.float64)
        lt = np.array([e.length for e in tgt], dtype=np.float64)
        self.src_prefix = np.concatenate(([0.0], np.cumsum(ls)))
        self.tgt_prefix = np.concatenate(([0.0], np.cumsum(lt)))
        total_s, total_t = float(ls.sum()), float(lt.sum())
        self.ratio = total_t / total_s if total_s > 0 and total_t > 0 else 1.0
        self.key_weight = self._key_weights()
        lonely_s = np.array([self._lonely(e) for e in src], dtype=np.float64)
        lonely_t = np.array([self._lonely(e) for e in tgt], dtype=np.float64)
        self.src_lonely = np.concatenate(([0.0], np.cumsum(lonely_s)))
        self.tgt_lonely = np.concatenate(([0.0], np.cumsum(lonely_t)))
        # filled by set_band
        self._pair_lo: IntArray = np.zeros(0, dtype=np.int64)
        self._pair_width = 0
        self._pair: FloatArray = np.zeros((0, 0))
        self._pair_prefix: FloatArray = np.zeros((0, 0))

    def _lonely_cost(self, key: str) -> float:
        if key[0] not in STRICT_KEYS:
            return 0.0
        return -math.log(1.0 - KEY_RECALL[key[0]]) * self.weights.unmatched

    def _lonely(self, e: Evidence) -> float:
        return sum(self._lonely_cost(k) * c for k, c in e.keys.items() if k[0] in STRICT_KEYS)

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
        out: dict[str, float] = {}
        for key, count_t in df_t.items():
            count_s = df_s.get(key)
            if not count_s:
                continue
            recall = KEY_RECALL.get(key[0], 0.3)
            # the chance that a unit holds the key at random
            chance = max(count_s / size_s, count_t / size_t)
            weight = math.log(recall / min(1.0, chance + 1e-9))
            if weight > 0.05:
                out[key] = weight
        return out

    def bead_costs(
        self, lo: IntArray, hi: IntArray, width: int, shapes: Sequence[tuple[int, int]]
    ) -> list[npt.NDArray[np.float32]]:
        """Return, per shape, the cost of every bead ending in the band (inf where none can).

        Row ``i`` of the band holds grid columns ``lo[i] .. lo[i]+width-1``; columns at or
        beyond ``hi[i]`` are closed.
        """
        max_a = max(a for a, _ in shapes)
        max_b = max(b for _, b in shapes)
        self._set_pairs(lo, hi, max_a, max_b)
        n = self.n
        cols = lo[:, None] + np.arange(width, dtype=np.int64)[None, :]
        open_ = cols < hi[:, None]
        return [self._shape_cost(a, b, cols, open_, n) for a, b in shapes]

    def _shape_cost(
        self, a: int, b: int, cols: IntArray, open_: npt.NDArray[np.bool_], n: int
    ) -> npt.NDArray[np.float32]:
        w = self.weights
        rows = np.arange(a, n + 1, dtype=np.int64)
        j = cols[a:]
        jb = np.maximum(j - b, 0)
        ls = (self.src_prefix[rows] - self.src_prefix[rows - a])[:, None]
        lt = self.tgt_prefix[np.minimum(j, self.m)] - self.tgt_prefix[np.minimum(jb, self.m)]
        expected = ls * self.ratio
        mean = (expected + lt) / 2.0
        delta = (lt - expected) / np.sqrt(w.length_variance * mean + 1.0)
        cap = w.length_cap if a and b else w.skip_cap
        cost = np.minimum(0.5 * delta * delta, cap) + w.shape_cost[(a, b)]
        if a and b:
            evidence = np.zeros_like(cost)
            for d in range(1, a + 1):
                s = rows - d
                base = self._pair_lo[s][:, None]
                right = np.clip(j - base, 0, self._pair_width)
                left = np.clip(jb - base, 0, self._pair_width)
                prefix = self._pair_prefix[s]
                evidence += np.take_along_axis(prefix, right, axis=1)
                evidence -= np.take_along_axis(prefix, left, axis=1)
            cost -= evidence * (2.0 / (a + b)) ** w.merge_damping
            lonely_t = (
                self.tgt_lonely[np.minimum(j, self.m)] - self.tgt_lonely[np.minimum(jb, self.m)]
            )
            cost += (self.src_lonely[rows] - self.src_lonely[rows - a])[:, None] + lonely_t
        full = np.full(cols.shape, np.inf, dtype=np.float32)
        full[a:] = np.where(open_[a:] & (j >= b), cost, np.inf)
        return full

    def _set_pairs(self, lo: IntArray, hi: IntArray, max_a: int, max_b: int) -> None:
        """Compute the pairwise evidence for the target units reachable from each source unit."""
        n, m = self.n, self.m
        s = np.arange(n, dtype=np.int64)
        pair_lo = np.maximum(0, lo[s + 1] - max_b)
        pair_hi = np.minimum(m, hi[np.minimum(n, s + max_a)])
        width = int(max(1, (pair_hi - pair_lo).max(initial=1)))
        pair = np.zeros((n, width), dtype=np.float64)
        self._pair_lo = pair_lo
        self._pair_width = width
        self._add_key_matches(pair, pair_lo, width)
        pair -= self._chance_evidence()[:, None]
        pair -= self._chance_evidence(target=True)[
            np.minimum(pair_lo[:, None] + np.arange(width)[None, :], max(0, m - 1))
        ]
        self._add_structure(pair, pair_lo, width)
        prefix = np.zeros((n, width + 1), dtype=np.float64)
        np.cumsum(pair, axis=1, out=prefix[:, 1:])
        self._pair = pair
        self._pair_prefix = prefix

    def _chance_evidence(self, *, target: bool = False) -> FloatArray:
        """Return, per unit, half the evidence it shares on average with an unrelated unit.

        Subtracting it makes a pair of unrelated units worth zero on average, so joining them
        into one bead gains nothing by chance.
        """
        mine, other = (self.tgt, self.src) if target else (self.src, self.tgt)
        df: Counter[str] = Counter()
        for e in other:
            df.update(k for k in e.keys if k in self.key_weight)
        size = max(1, len(other))
        scale = 0.5 * self.weights.match
        return np.array(
            [
                scale * sum(self.key_weight[k] * df[k] / size for k in e.keys if k in df)
                for e in mine
            ],
            dtype=np.float64,
        )

    def pair_score(self, s: int, t: int) -> float:
        """Return the pairwise evidence between source unit ``s`` and target unit ``t``.

        Valid after :meth:`bead_costs`; 0 for a pair outside the band.
        """
        col = t - int(self._pair_lo[s])
        if not 0 <= col < self._pair_width:
            return 0.0
        return float(self._pair[s, col])

    def _add_key_matches(self, pair: FloatArray, pair_lo: IntArray, width: int) -> None:
        """Add the evidence of every key shared by a source unit and a reachable target unit."""
        weight = self.key_weight
        if not weight:
            return
        key_id = {k: i for i, k in enumerate(sorted(weight))}
        value = np.array(
            [self.weights.match * weight[k] + 2.0 * self._lonely_cost(k) for k in sorted(weight)]
        )
        s_key, s_pos, s_cnt = _occurrences(self.src, key_id)
        t_key, t_pos, t_cnt = _occurrences(self.tgt, key_id)
        if not len(s_key) or not len(t_key):
            return
        stride = self.m + self.n + 2 * _NEAR + 2
        # a key repeated in neighbouring units would be counted once per pair of a merged
        # bead: share it out among its local occurrences instead
        s_near = _local_count(s_key * stride + s_pos)
        t_code = t_key * stride + t_pos
        t_near = _local_count(t_code)
        base = s_key * stride + pair_lo[s_pos]
        left = np.searchsorted(t_code, base, side="left")
        right = np.searchsorted(t_code, base + width, side="left")
        counts = right - left
        keep = counts > 0
        if not keep.any():
            return
        left, counts = left[keep], counts[keep]
        src_k, src_p, src_c, src_n = s_key[keep], s_pos[keep], s_cnt[keep], s_near[keep]
        total = int(counts.sum())
        offsets = np.arange(total) - np.repeat(np.cumsum(counts) - counts, counts)
        t_idx = np.repeat(left, counts) + offsets
        rep_p = np.repeat(src_p, counts)
        shared = np.minimum(np.repeat(src_c, counts), t_cnt[t_idx]) / np.maximum(
            np.repeat(src_n, counts), t_near[t_idx]
        )
        flat = rep_p * width + (t_pos[t_idx] - pair_lo[rep_p])
        contribution = value[np.repeat(src_k, counts)] * shared
        pair.reshape(-1)[:] += np.bincount(flat, weights=contribution, minlength=pair.size)

    def _add_structure(self, pair: FloatArray, pair_lo: IntArray, width: int) -> None:
        w = self.weights
        has_kind = any(e.kind == "head" for e in self.tgt) or any(
            e.kind == "head" for e in self.src
        )
        has_who = any(e.who for e in self.tgt) or any(e.who for e in self.src)
        if not has_kind and not has_who:
            return
        cols = np.minimum(pair_lo[:, None] + np.arange(width)[None, :], max(0, self.m - 1))
        if has_kind:
            tgt_head = np.array([e.kind == "head" for e in self.tgt], dtype=bool)
            src_head = np.array([e.kind == "head" for e in self.src], dtype=bool)
            pair -= w.kind_mismatch * (tgt_head[cols] != src_head[:, None])
        if has_who:
            codes: dict[str, int] = {}
            tgt_who = np.array(
                [codes.setdefault(e.who, len(codes)) if e.who else -1 for e in self.tgt],
                dtype=np.int64,
            )
            src_who = np.array(
                [codes.setdefault(e.who, len(codes)) if e.who else -1 for e in self.src],
                dtype=np.int64,
            )
            other = tgt_who[cols]
            mine = src_who[:, None]
            both = (other >= 0) & (mine >= 0)
            pair += w.speaker * np.where(both, np.where(other == mine, 1.0, -1.0), 0.0)


_NEAR = 3


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


def _local_count(positions: IntArray) -> FloatArray:
    """Return, for each sorted position, how many positions lie within ``_NEAR`` of it."""
    left = np.searchsorted(positions, positions - _NEAR, side="left")
    right = np.searchsorted(positions, positions + _NEAR, side="right")
    return (right - left).astype(np.float64)
