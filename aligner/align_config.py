"""One frozen alignment configuration: every number the aligner decides by, as data.

:class:`AlignConfig` holds the weights of the bead cost for sentences and for paragraphs
(:class:`Weights`: shape priors, length model, evidence weights), the search settings
(:class:`Search`: shapes, bands, anchors), the sentence encoder and the characters it may
read, and the calibration table that turns posteriors into certs
(:class:`Calibration`). It is passed from the API down to the cost model, written into the
TEI header of every document it aligned (:func:`config_to_dict` / :func:`config_from_dict`,
one plain mapping of names to numbers, strings and lists), and read back from there, so a
later correction aligns with the settings the document was aligned with.

A leaf module: it imports nothing of the pipeline, so :mod:`aligner.model` can hold one.

>>> config_from_dict(config_to_dict(DEFAULT_CONFIG)) == DEFAULT_CONFIG
True
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass, field, fields, replace
from typing import Any

Shape = tuple[int, int]

#: the default sentence encoder (see :mod:`aligner.align.embeddings`)
DEFAULT_ENCODER = "use"
#: characters the sentence encoder reads per alignment unless told otherwise: 4 to 10 s of
#: USE on one core here, as the machine is quiet or busy (see ``align_versions``)
MEANING_BUDGET = 500_000


def _shape_costs() -> dict[Shape, float]:
    return {
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
        (1, 5): 7.0,
        (5, 1): 7.0,
        (2, 4): 7.0,
        (4, 2): 7.0,
        (3, 3): 7.0,
        (2, 5): 8.0,
        (5, 2): 8.0,
        (3, 4): 8.0,
        (4, 3): 8.0,
    }


def _key_recall() -> dict[str, float]:
    # numbers rarely get lost in translation, cognate stems and lexicon words often do
    return {"n": 0.9, "m": 0.9, "c": 0.35, "w": 0.35, "p": 0.6, "q": 0.6}


@dataclass(frozen=True)
class Weights:
    """The weights of the log-linear bead cost (all in nats)."""

    #: -log prior of each bead shape (source count, target count)
    shape_cost: Mapping[Shape, float] = field(default_factory=_shape_costs)
    #: P(a key is shared | the units are aligned), per key class (the first letter of a key:
    #: n number, m month, c cognate stem, w lexicon word, p punctuation, q quotation mark)
    key_recall: Mapping[str, float] = field(default_factory=_key_recall)
    #: key classes reliable enough that a key left without partner in a bead counts against
    #: it (and that make a unit more than noise)
    strict_keys: str = "nm"
    #: a key repeated within this many units is shared out among its occurrences
    near: int = 3
    #: with meaning (sentence vectors), a key that k units within ``near`` hold (on the
    #: side where more do) gives each pair 1/k**near_power_meaning of its evidence (without
    #: meaning 1/k, which a merged bead holding them all collects once): a name told in
    #: two neighbouring sentences otherwise makes their merge collect more of it than the
    #: one-to-one bead holding one, where the cosine tells the two apart better. Chosen
    #: leave one corpus out (docs/design/decisions.md, DR-22); without meaning the shared
    #: keys are all the lexical evidence there is, and 1/k stays
    near_power_meaning: float = 2.0
    #: variance of target length per unit of expected length (Gale-Church's s^2, chars)
    length_variance: float = 6.8
    #: how far a length mismatch can cost (keeps one wild length from deciding alone)
    length_cap: float = 30.0
    #: how far the length of a unit left unaligned (1-0, 0-1) can add to its cost
    skip_cap: float = 2.0
    #: multiplier of the shared-key evidence
    match: float = 1.0
    #: multiplier of the evidence of words the learned lexicon translates (``w:`` keys)
    lexicon: float = 1.0
    #: the same where meaning (sentence vectors) is given: the cosine already reads what
    #: the lexicon's translations tell, and counting both weighs the words twice. Chosen
    #: leave one corpus out with USE (docs/design/decisions.md, DR-26)
    lexicon_meaning: float = 0.75
    #: whether a unit without a word of two letters or a number (OCR debris, a rule of
    #: dots) is unsupported whatever its evidence (see ``Evidence.noise``)
    debris: bool = True
    #: evidence of a bead of a+b units is scaled by (2/(a+b))**merge_damping: pairs across
    #: a merged bead share words by topic, not by translation, and would otherwise pull
    #: neighbouring one-to-one beads together
    merge_damping: float = 0.3
    #: the same where meaning (sentence vectors) is given: a merged bead's cosine and the
    #: doubt of its members taken alone (``embedding_member``) already tell a topic shared
    #: from a translation, so the keys of its pairs are damped less. Chosen leave one
    #: corpus out among 0 to 0.3 with USE: 0.15 on every fold (docs/design/decisions.md,
    #: DR-24); without meaning the shared keys are all the evidence, and 0.3 stays
    merge_damping_meaning: float = 0.15
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
    #: nats of evidence for a pair of units whose embeddings (when given) are as similar as
    #: those of a typical translation (see ``CostModel.embedding_evidence``)
    embedding: float = 2.0
    #: the most embedding evidence a bead can have, in multiples of ``embedding``
    embedding_cap: float = 1.5
    #: a bead of a + b units, two or more a side, has ((a + b) / 2) ** embedding_size times
    #: the embedding evidence of a one-to-one bead at the same similarity: its cosine
    #: vouches for more text. Without it, two one-to-one beads that each half match outvote
    #: the two-to-two bead that matches whole (a sentence boundary placed differently in
    #: the translation). Not for one-to-many beads: one side's single unit is vouched for
    #: by its partners whether or not the other side holds a unit it lacks.
    embedding_size: float = 1.0
    #: the most a many-to-many bead of whole units counts for, in that ``(a + b) / 2``:
    #: a bead none of whose units continues the one before it inside the bead (see
    #: ``open_cut``) regroups whole sentences, and beyond two sentences whose boundary
    #: moved (a two-to-two) each whole sentence can speak for itself in a bead of its own.
    #: Uncapped, beads of 2-3 and 3-2 whole sentences swallowed pairs of right beads on
    #: the literary sets (``benchmarks/bench_errors.py``); sentences cut in pieces (OCR,
    #: Text+Berg) keep the whole size. None: no cap
    whole_size: float | None = 2.0
    #: the same for a bead of whole units wider than two-to-two (2-3, 3-2, 3-3 ...; the
    #: lower of this and ``whole_size``): the whole-sentence many-to-many beads of every
    #: corpus's gold are mostly 2-2 (a boundary moved; all of Text+Berg's), and a wider one
    #: counted as two pairs still swallowed a right one-to-one bead beside a one-to-many
    #: one on the literary sets. Chosen leave one corpus out among 1 to 2 with USE
    #: (docs/design/decisions.md, DR-27)
    whole_wide: float = 1.25
    #: share of the evidence against a member of a merged bead, taken alone with the other
    #: side, that counts against the bead: a sentence the translator left out, absorbed
    #: into its neighbour's bead, translates nothing of the other side. Chosen leave one
    #: corpus out among 0, 0.25, 0.5 and 1 (``benchmarks/bench_folds.py``): 0.5 on every
    #: fold; 1 splits the pieces of sentences cut in two (Text+Berg)
    embedding_member: float = 0.5
    #: bead shapes whose cosine is judged against the typical cosines of a translation and
    #: of an unrelated pair of that shape (each at least that of one-to-one beads), read off
    #: the band as those of one-to-one beads are (see ``CostModel._shape_levels``) where
    #: both texts hold ``min_units`` units or more; other shapes, and the beads of shorter
    #: texts, are judged against those of one-to-one beads. Chosen leave one corpus out
    #: with USE among none, 2-2, every many-to-many shape and every shape but 1-1
    #: (docs/design/decisions.md, DR-33)
    level_shapes: tuple[Shape, ...] = ((2, 2),)
    #: a unit is *supported* when its evidence with some unit it may be aligned to reaches
    #: this (nats); an unsupported unit (site boilerplate, a date line, a paragraph that one
    #: version dropped) shares nothing with the other text. Noise (see ``Evidence.noise``)
    #: is unsupported whatever its evidence; None: only noise is
    support: float | None = None
    #: how much cheaper leaving an unsupported unit without partner (1-0, 0-1) is
    unsupported_skip: float = 1.0
    #: cost of each unsupported unit on the many side of a merged bead: joined to a
    #: neighbour it would drag that neighbour's bead into a wrong shape
    unsupported_member: float = 1.0
    #: cost of each unit of a stretch that the other text lacks (a version that keeps only
    #: an opening, or loses a middle section; see ``aligner.align.pairwise``), besides the
    #: cost of the stretch itself: what a one-to-one bead of a true translation costs on
    #: average for its lengths (half the mean of a squared standard normal) per unit
    missing_unit: float = 1.0
    #: cost of a bead boundary between two units of one side where the second continues
    #: the first (see ``Evidence.open_end`` and ``Evidence.continues``): one sentence cut
    #: in two, whose halves mostly share a bead. About ln(P(boundary) / P(boundary | open))
    #: in the sentence gold: 0.5 on Text+Berg, 0.76 on ParIce. Not higher: where both
    #: versions cut a sentence at the same place, the boundary is paid on both sides
    open_cut: float = 0.8


#: Weights for blocks (paragraphs, headings). Between sentences a unit with little
#: evidence is mostly a short piece of a sentence split in two (and lexicon evidence for it
#: is thin); between blocks it is mostly an insertion: site boilerplate, a caption, a date
#: line, a paragraph one version lacks. A merged or split block, by contrast, keeps its
#: words.
BLOCK_WEIGHTS = Weights(
    level_shapes=(),
    near_power_meaning=1.0,
    merge_damping_meaning=0.3,
    lexicon_meaning=1.0,
    support=1.0,
    unsupported_skip=1.5,
    unsupported_member=1.5,
    embedding_member=1.0,
    embedding_cap=3.0,
    embedding_size=0.0,
    open_cut=0.0,
)

#: Bead shapes (source units, target units) the search tries; 0-1 is handled in-row.
#: Up to five units a side: OCR cuts a sentence into pieces, and a free translation
#: regroups three sentences into three others with the boundaries elsewhere.
SHAPES: tuple[Shape, ...] = (
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
    (1, 5),
    (5, 1),
    (2, 4),
    (4, 2),
    (3, 3),
    (2, 5),
    (5, 2),
    (3, 4),
    (4, 3),
)


@dataclass(frozen=True)
class Search:
    """How the best bead path is searched for, and where meaning is spent."""

    #: bead shapes with meaning (sentence embeddings)
    shapes: tuple[Shape, ...] = SHAPES
    #: bead shapes without meaning: length and shared words cannot tell a bead of six units
    #: or more from its pieces (a 1-5 from a 1-4 and a 0-1), the cosine of its sides can
    plain_shapes: tuple[Shape, ...] = tuple((a, b) for a, b in SHAPES if a + b <= 5)
    #: bead shapes of the first pass (it only guides the second: the common shapes suffice)
    first_pass_shapes: tuple[Shape, ...] = SHAPES[:9]
    #: grids up to this many cells are searched whole
    full_grid: int = 100_000
    #: half width of the band, in units, around the anchor path
    band: int = 50
    #: half width of the band around the first pass's path in the second pass
    refine_band: int = 25
    #: band cells a widened band may hold at most: beyond, a coarser alignment guides the
    #: band instead, and a band that still cannot hold the best path is said to (so the
    #: search costs at most a few times this many cells, whatever the input)
    widen_cells: int = 4_000_000
    #: band cells one step of the search holds at most (160 bytes each with the first
    #: pass's shapes, 220 with all twenty, more with meaning: some 100 to 200 MB a step); a
    #: longer band is searched a window of rows at a time, so that memory stays flat
    step_cells: int = 500_000
    #: a window's path is kept up to this fraction of its rows before its end
    window_overlap: int = 8
    #: units taken as one by the coarser alignment that guides a band the anchors cannot
    #: place (2 or more)
    coarse: int = 8
    #: linked source units needed to judge whether two texts are related at all
    unrelated_units: int = 50
    #: nats of shared keys per hundred source characters of linked beads that related
    #: texts reach at least (measured: 1.8 to 8.5 between translations, 0.18 between a
    #: German and an unrelated English book)
    unrelated_density: float = 0.5
    #: texts up to this many unit pairs are searched whole for units nearest in meaning
    #: (longer ones coarse to fine)
    meaning_grid: int = 4_000_000
    #: how far a unit's most similar partner must lead the second most similar to anchor it
    meaning_margin: float = 0.1
    #: anchored pairs needed before the length ratio is read off them instead of the totals
    min_anchors: int = 3
    #: share of a text left to one side by a first pass above which the length ratio is
    #: read again from what it linked
    one_sided: float = 0.1
    #: how far the length ratio of the anchored stretch (or of the totals) may stray from
    #: that of the anchored (or typical) units before an alignment with each is tried
    uneven_ratio: float = 1.5
    #: a stretch one text lacks (see ``aligner.align.pairwise``) holds at least this many
    #: units of the other, and this share of them
    missing_units: int = 2
    missing_share: float = 0.02
    #: the share of a text's characters that the stretches it lacks of the other must hold
    #: at least before the pair is said to look partial (complete translations lack a few
    #: units here and there: at most 6% of the other text's characters on the gold corpora,
    #: a caption block the other lacks; the cut versions of them lack 13% or more)
    partial_share: float = 0.1
    #: sentence beads at least this sure and one-to-one are not aligned again with meaning
    sure: float = 0.9
    #: a version with more paragraphs or sentences than one per this many characters of
    #: its text (and more than ``run_units``) is aligned in runs of its units of about this
    #: many characters (see ``aligner.align.runs``): real text holds a sentence per forty
    #: characters or more (subtitles; prose a hundred or more), a file of a word to a line,
    #: each a sentence, one per few; this bounds the units, and so the memory, per MB
    run_chars: int = 30
    run_units: int = 20_000
    #: paragraph groups from which the sentence pass is shared out among worker processes
    parallel_groups: int = 2500
    #: paragraph groups a worker aligns at a time
    chunk_groups: int = 200


def _maps() -> dict[str, tuple[tuple[float, ...], tuple[float, ...]]]:
    return {
        "one-to-one, plain": (
            (0.0, 0.3, 0.5, 0.8, 0.9, 1.0),
            (0.02, 0.1, 0.55, 0.82, 0.93, 0.98),
        ),
        "one-to-one": ((0.0, 0.3, 0.5, 0.8, 0.9, 1.0), (0.02, 0.1, 0.45, 0.72, 0.82, 0.89)),
        "one-to-two": ((0.0, 0.3, 0.5, 0.9, 1.0), (0.02, 0.2, 0.6, 0.72, 0.87)),
        "larger": ((0.0, 0.3, 0.5, 0.9, 1.0), (0.02, 0.1, 0.5, 0.65, 0.78)),
        # a lone unit the model is fairly sure of is still often half of a missed merge
        "unaligned": ((0.0, 0.5, 0.9, 0.95, 1.0), (0.02, 0.2, 0.4, 0.6, 0.88)),
    }


@dataclass(frozen=True)
class Calibration:
    """Posterior to cert, per bead class: (posterior knots, cert knots),
    interpolated linearly (fitted by ``benchmarks/bench_calibration.py``)."""

    maps: Mapping[str, tuple[tuple[float, ...], tuple[float, ...]]] = field(default_factory=_maps)


@dataclass(frozen=True)
class AlignConfig:
    """Everything an alignment is decided by; see the module docstring."""

    #: the bead cost between sentences
    sentences: Weights = field(default_factory=Weights)
    #: the bead cost between blocks (paragraphs, headings)
    paragraphs: Weights = BLOCK_WEIGHTS
    search: Search = field(default_factory=Search)
    #: the sentence encoder (a backend name such as ``use`` or ``e5``, or a folder holding
    #: a sentence-transformers model); None aligns without meaning
    encoder: str | None = DEFAULT_ENCODER
    #: the sentence encoder aligned with anyway where ``encoder`` is None and two versions
    #: look partial (their length ratios disagree, or one lacks a stretch of the other):
    #: without meaning the beads of a partial version smear over the other text (None:
    #: never; a name as for ``encoder``)
    partial_encoder: str | None = DEFAULT_ENCODER
    #: the encoder a pair that looks partial is aligned with where ``partial_encoder`` is
    #: not installed or lacks one of its languages (USE has no Icelandic; e5 knows about
    #: 100 languages, where installed: ``pip install 'aligner[e5]'``). None: no second try
    partial_fallback: str | None = "e5"
    #: characters the encoder reads per alignment (None: no bound)
    meaning_budget: int | None = MEANING_BUDGET
    calibration: Calibration = field(default_factory=Calibration)

    def digest(self) -> str:
        """Return a short fingerprint of every setting (equal configurations, equal digest).

        >>> DEFAULT_CONFIG.digest() == AlignConfig().digest() != AlignConfig(encoder=None).digest()
        True
        """
        text = json.dumps(config_to_dict(self), sort_keys=True, separators=(",", ":"))
        return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


DEFAULT_CONFIG = AlignConfig()

#: a plain value of a configuration as written out: numbers, strings, lists and mappings
Plain = Any


def config_to_dict(config: AlignConfig) -> dict[str, Plain]:
    """Return ``config`` as nested mappings of names to numbers, strings, None and lists.

    Shapes are written ``"a-b"``.

    >>> config_to_dict(DEFAULT_CONFIG)["sentences"]["shape_cost"]["1-2"]
    2.2
    """
    return {f.name: _plain(getattr(config, f.name)) for f in fields(config)}


def _plain(value: object) -> Plain:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: _plain(getattr(value, f.name)) for f in fields(value)}
    if isinstance(value, Mapping):
        return {_key(k): _plain(v) for k, v in value.items()}
    if isinstance(value, tuple) and len(value) == 2 and all(type(x) is int for x in value):
        return f"{value[0]}-{value[1]}"
    if isinstance(value, tuple | list):
        return [_plain(v) for v in value]
    return value


def _key(key: object) -> str:
    if isinstance(key, tuple):
        return f"{key[0]}-{key[1]}"
    return str(key)


def _shape(text: str) -> Shape:
    a, _, b = text.partition("-")
    return int(a), int(b)


class ConfigError(ValueError):
    """A written configuration that does not describe an :class:`AlignConfig`."""


def config_from_dict(data: Mapping[str, Plain]) -> AlignConfig:
    """Return the configuration :func:`config_to_dict` wrote; settings it lacks keep their
    defaults (a document aligned before a setting existed was aligned with its default).

    Raises :class:`ConfigError` naming a setting that is unknown or of the wrong type.

    >>> config_from_dict({"encoder": None, "search": {"band": 20}}).search.band
    20
    >>> config_from_dict({"search": {"bands": 20}})
    Traceback (most recent call last):
    ...
    aligner.align_config.ConfigError: unknown alignment setting search.bands
    """
    config: AlignConfig = _build(AlignConfig, data, "")
    return config


_NESTED: dict[str, type] = {
    "sentences": Weights,
    "paragraphs": Weights,
    "search": Search,
    "calibration": Calibration,
}


def _build(cls: type, data: Mapping[str, Plain], where: str) -> Any:
    if not isinstance(data, Mapping):
        raise ConfigError(f"alignment setting {where.rstrip('.') or 'config'} is not a mapping")
    known = {f.name: f for f in fields(cls)}
    base = cls()
    values: dict[str, Any] = {}
    for name, raw in data.items():
        if name not in known:
            raise ConfigError(f"unknown alignment setting {where}{name}")
        current = getattr(base, name)
        path = f"{where}{name}"
        try:
            if cls is AlignConfig and name in _NESTED:
                values[name] = _build(_NESTED[name], raw, path + ".")
            else:
                values[name] = _value(name, raw, current)
        except (TypeError, ValueError, AttributeError) as exc:
            if isinstance(exc, ConfigError):
                raise
            raise ConfigError(f"alignment setting {path} is not valid: {raw!r}") from None
    return replace(base, **values)


def _value(name: str, raw: Plain, current: object) -> object:
    if name == "shape_cost":
        return {_shape(k): float(v) for k, v in raw.items()}
    if name == "key_recall":
        return {str(k): float(v) for k, v in raw.items()}
    if name == "maps":
        return {
            str(k): (tuple(float(x) for x in xs), tuple(float(y) for y in ys))
            for k, (xs, ys) in raw.items()
        }
    if name.endswith("shapes"):
        return tuple(_shape(s) for s in raw)
    if raw is None:
        if name in (
            "support", "whole_size", "encoder", "partial_encoder", "partial_fallback",
            "meaning_budget",
        ):  # fmt: skip
            return None
        raise ValueError(name)
    if isinstance(current, bool) or isinstance(raw, bool):
        if not (isinstance(current, bool) and isinstance(raw, bool)):
            raise ValueError(name)
        return raw
    if isinstance(current, int) or name == "meaning_budget":
        if isinstance(raw, float) and not raw.is_integer():
            raise ValueError(name)
        return int(raw)
    if isinstance(current, float) or name in ("support", "whole_size"):
        return float(raw)
    if isinstance(current, str) or name in ("encoder", "partial_encoder", "partial_fallback"):
        if not isinstance(raw, str):
            raise ValueError(name)
        return raw
    raise ValueError(name)
