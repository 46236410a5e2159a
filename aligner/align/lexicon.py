"""A bilingual word lexicon learned from the texts being aligned (IBM model 1).

The aligner first aligns without a lexicon, then feeds the beads it is sure of to
:meth:`Lexicon.learn`, and aligns again with the translations as extra evidence. A lexicon
holds expected co-occurrence counts, so lexicons learned from several documents of a batch
add up (:meth:`Lexicon.merged`), and one table serves both directions (:meth:`Lexicon.inverted`).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence

import numpy as np
import numpy.typing as npt

_NULL = ""
#: the least p(t|s) * p(s|t) for t to count as a translation of s
_MIN_SCORE = 0.03
#: translations kept per source word
_MAX_PER_WORD = 3
#: EM iterations of IBM model 1
_ITERATIONS = 5
#: words seen fewer times are left out: a word seen once would "translate" to whatever
#: shares its sentence
_MIN_FREQUENCY = 2
#: word pairs looked at, at most, so that time and memory stay bounded on long texts
_BUDGET = 1_500_000


class Lexicon:
    """Expected counts of source word / target word pairs, read as translation probabilities."""

    def __init__(self, counts: Mapping[tuple[str, str], float] | None = None) -> None:
        self._counts: dict[tuple[str, str], float] = dict(counts or {})
        self._table: dict[str, tuple[str, ...]] | None = None
        self._vocabulary: frozenset[str] | None = None
        self._inverse: Lexicon | None = None

    def __len__(self) -> int:
        return len(self._counts)

    def __bool__(self) -> bool:
        return bool(self._counts)

    def _build(self) -> dict[str, tuple[str, ...]]:
        if self._table is not None:
            return self._table
        src_total: dict[str, float] = defaultdict(float)
        tgt_total: dict[str, float] = defaultdict(float)
        for (s, t), c in self._counts.items():
            src_total[s] += c
            tgt_total[t] += c
        scored: dict[str, list[tuple[float, str]]] = defaultdict(list)
        for (s, t), c in self._counts.items():
            # both directions must agree: p(t|s) * p(s|t)
            score = (c / src_total[s]) * (c / tgt_total[t])
            if score >= _MIN_SCORE:
                scored[s].append((score, t))
        table = {
            s: tuple(t for _, t in sorted(pairs, key=lambda p: (-p[0], p[1]))[:_MAX_PER_WORD])
            for s, pairs in scored.items()
        }
        self._table = table
        return table

    def translations(self, word: str) -> tuple[str, ...]:
        """Return the likely translations of ``word``, best first.

        >>> lex = Lexicon({("haus", "maison"): 4.0, ("haus", "la"): 0.5, ("der", "la"): 3.0})
        >>> lex.translations("haus")
        ('maison',)
        """
        return self._build().get(word, ())

    def table(self) -> Mapping[str, tuple[str, ...]]:
        """Return every source word's likely translations, best first (as :meth:`translations`).

        >>> Lexicon({("haus", "maison"): 4.0}).table()
        {'haus': ('maison',)}
        """
        return self._build()

    def target_vocabulary(self) -> frozenset[str]:
        """Return every target word that some source word translates to."""
        if self._vocabulary is None:
            self._vocabulary = frozenset(t for ts in self._build().values() for t in ts)
        return self._vocabulary

    def counts(self) -> dict[tuple[str, str], float]:
        """Return the expected counts, e.g. to keep them: ``Lexicon(counts)`` is the same lexicon.

        >>> Lexicon({("haus", "maison"): 4.0}).counts()
        {('haus', 'maison'): 4.0}
        """
        return dict(self._counts)

    def inverted(self) -> Lexicon:
        """Return the same lexicon read from target to source (made once: a lexicon does not
        change once made).

        >>> lex = Lexicon({("haus", "maison"): 4.0})
        >>> lex.inverted().translations("maison"), lex.inverted().inverted() is lex
        (('haus',), True)
        """
        if self._inverse is None:
            self._inverse = Lexicon({(t, s): c for (s, t), c in self._counts.items()})
            self._inverse._inverse = self
        return self._inverse

    def merged(self, other: Lexicon) -> Lexicon:
        """Return a lexicon holding the counts of both."""
        counts = dict(self._counts)
        for pair, c in other._counts.items():
            counts[pair] = counts.get(pair, 0.0) + c
        return Lexicon(counts)

    @classmethod
    def learn(cls, pairs: Iterable[tuple[Sequence[str], Sequence[str]]]) -> Lexicon:
        """Estimate IBM model 1 on sentence pairs (word lists) and keep its expected counts.

        >>> pairs = [(["das", "haus"], ["la", "maison"]), (["das", "buch"], ["le", "livre"]),
        ...          (["ein", "haus"], ["une", "maison"]), (["ein", "buch"], ["un", "livre"])]
        >>> Lexicon.learn(pairs).translations("haus")
        ('maison',)
        """
        pair_list = [(list(s), list(t)) for s, t in pairs]
        s_freq = Counter(w for s_words, _ in pair_list for w in s_words)
        t_freq = Counter(w for _, t_words in pair_list for w in t_words)
        s_vocab = [_NULL] + sorted(w for w, f in s_freq.items() if f >= _MIN_FREQUENCY)
        t_vocab = sorted(w for w, f in t_freq.items() if f >= _MIN_FREQUENCY)
        s_id = {w: i for i, w in enumerate(s_vocab)}
        t_id = {w: i for i, w in enumerate(t_vocab)}
        src_parts: list[npt.NDArray[np.int64]] = []
        tgt_parts: list[npt.NDArray[np.int64]] = []
        group_parts: list[npt.NDArray[np.int64]] = []
        group = 0
        used = 0
        for s_words, t_words in pair_list:
            s_ids = np.array([0] + [s_id[w] for w in s_words if w in s_id], dtype=np.int64)
            t_ids = np.array([t_id[w] for w in t_words if w in t_id], dtype=np.int64)
            if len(s_ids) < 2 or not len(t_ids):
                continue
            if used + len(s_ids) * len(t_ids) > _BUDGET:
                break
            used += len(s_ids) * len(t_ids)
            src_parts.append(np.tile(s_ids, len(t_ids)))
            tgt_parts.append(np.repeat(t_ids, len(s_ids)))
            group_parts.append(np.repeat(np.arange(group, group + len(t_ids)), len(s_ids)))
            group += len(t_ids)
        if not group:
            return cls()
        s_arr = np.concatenate(src_parts)
        t_arr = np.concatenate(tgt_parts)
        g_arr = np.concatenate(group_parts)
        uniq, index = np.unique(s_arr * len(t_vocab) + t_arr, return_inverse=True)
        uniq_s = uniq // len(t_vocab)
        prob = np.ones(len(uniq), dtype=np.float64)
        expected: npt.NDArray[np.float64] = np.zeros(len(uniq), dtype=np.float64)
        for _ in range(_ITERATIONS):
            p = prob[index]
            share = p / np.bincount(g_arr, weights=p, minlength=group)[g_arr]
            expected = np.bincount(index, weights=share, minlength=len(uniq)).astype(np.float64)
            totals = np.bincount(uniq_s, weights=expected, minlength=len(s_vocab))
            prob = expected / totals[uniq_s]
        counts: dict[tuple[str, str], float] = {}
        uniq_t = uniq % len(t_vocab)
        for k in np.flatnonzero((expected >= 0.5) & (uniq_s > 0)):
            counts[(s_vocab[int(uniq_s[k])], t_vocab[int(uniq_t[k])])] = float(expected[k])
        return cls(counts)


class Lexicons:
    """Lexicons for a batch, one per language pair, growing as documents are aligned."""

    def __init__(self) -> None:
        self._by_pair: dict[tuple[str, str], Lexicon] = {}

    def get(self, src_lang: str, tgt_lang: str) -> Lexicon | None:
        """Return what is known for ``src_lang`` → ``tgt_lang``, read either way round."""
        if (src_lang, tgt_lang) in self._by_pair:
            return self._by_pair[(src_lang, tgt_lang)]
        if (tgt_lang, src_lang) in self._by_pair:
            return self._by_pair[(tgt_lang, src_lang)].inverted()
        return None

    def add(self, src_lang: str, tgt_lang: str, lexicon: Lexicon) -> None:
        """Add the counts of ``lexicon`` to what is known for the pair."""
        if (tgt_lang, src_lang) in self._by_pair and (src_lang, tgt_lang) not in self._by_pair:
            src_lang, tgt_lang, lexicon = tgt_lang, src_lang, lexicon.inverted()
        known = self._by_pair.get((src_lang, tgt_lang))
        self._by_pair[(src_lang, tgt_lang)] = known.merged(lexicon) if known else lexicon
