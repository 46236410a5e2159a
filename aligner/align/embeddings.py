"""Sentence embeddings as one more kind of evidence (optional).

When the user has ``sentence-transformers`` and a model in a local folder, the cosine
similarity of two units' embeddings joins the other evidence of :mod:`aligner.align.features`.
Nothing here imports the package until :func:`load_encoder` is called, so the default
aligner never loads it (or torch). The aligner only needs an :data:`Encoder`: any callable
from a list of texts to one vector per text, so other backends plug in the same way.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from pathlib import Path

import numpy as np
import numpy.typing as npt

from aligner.errors import AlignerError, InputError

FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.int64]

#: a function from texts to one embedding vector per text (rows of a 2-D array)
Encoder = Callable[[list[str]], npt.ArrayLike]
#: what the aligner accepts as ``embeddings``: a model folder or an encoder
EmbeddingSpec = str | os.PathLike[str] | Encoder

#: rows of the pairwise similarity computed at once (bounds the memory of the gather)
_CHUNK = 256


def load_encoder(path: str | os.PathLike[str]) -> Encoder:
    """Return an encoder backed by the sentence-transformers model in folder ``path``.

    Raises :class:`~aligner.errors.InputError` when the folder is missing and
    :class:`~aligner.errors.AlignerError` when sentence-transformers is not installed or
    cannot load the model.
    """
    folder = Path(path)
    if not folder.is_dir():
        raise InputError("no embedding model folder here", path=folder)
    try:
        from sentence_transformers import SentenceTransformer
    except ImportError:
        raise AlignerError(
            "--embeddings needs the sentence-transformers package "
            "(pip install sentence-transformers); align without it otherwise"
        ) from None
    try:
        model = SentenceTransformer(str(folder), device="cpu")
    except Exception as exc:  # the package raises many kinds for a bad folder
        raise AlignerError(f"cannot load the embedding model: {exc}", path=folder) from None

    def encode(texts: list[str]) -> npt.ArrayLike:
        out: npt.ArrayLike = model.encode(texts, convert_to_numpy=True, show_progress_bar=False)
        return out

    return encode


def resolve(spec: EmbeddingSpec | None) -> Encoder | None:
    """Return the encoder ``spec`` names: a model folder is loaded, a callable kept."""
    if spec is None or callable(spec):
        return spec
    return load_encoder(spec)


def unit_vectors(encoder: Encoder, texts: Sequence[str]) -> FloatArray:
    """Encode ``texts`` and scale every vector to length 1 (a zero vector stays zero).

    >>> unit_vectors(lambda ts: [[3.0, 4.0] for _ in ts], ["a"]).tolist()
    [[0.6, 0.8]]
    """
    if not texts:
        return np.zeros((0, 1))
    raw = np.asarray(encoder(list(texts)), dtype=np.float64)
    if raw.ndim != 2 or raw.shape[0] != len(texts):
        raise AlignerError(
            f"the embedding encoder returned shape {raw.shape} for {len(texts)} texts"
        )
    norms = np.linalg.norm(raw, axis=1, keepdims=True)
    out: FloatArray = raw / np.where(norms > 0, norms, 1.0)
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
    for start in range(0, n, _CHUNK):
        rows = slice(start, min(n, start + _CHUNK))
        cols = pair_lo[rows, None] + offsets[None, :]
        inside = cols < m
        near = tgt[np.minimum(cols, m - 1)]
        out[rows] = np.where(inside, np.einsum("nd,nwd->nw", src[rows], near), 0.0)
    return out


def remembering(encoder: Encoder) -> Encoder:
    """Return an encoder that encodes each distinct text once and then remembers it.

    Aligning n versions pair by pair, and sentences after paragraphs, would otherwise
    encode the same texts many times over.

    >>> calls = []
    >>> enc = remembering(lambda ts: calls.append(list(ts)) or [[float(len(t))] for t in ts])
    >>> np.asarray(enc(["ab", "c", "ab"])).tolist(), np.asarray(enc(["c", "d"])).tolist()
    ([[2.0], [1.0], [2.0]], [[1.0], [1.0]])
    >>> calls
    [['ab', 'c'], ['d']]
    """
    memory: dict[str, FloatArray] = {}

    def encode(texts: list[str]) -> npt.ArrayLike:
        new = list(dict.fromkeys(t for t in texts if t not in memory))
        if new:
            vectors = np.asarray(encoder(new), dtype=np.float64)
            memory.update(zip(new, vectors, strict=True))
        if not texts:
            return np.zeros((0, 1))
        return np.stack([memory[t] for t in texts])

    return encode
