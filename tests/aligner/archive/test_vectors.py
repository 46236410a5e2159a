"""The archive's vector cache: each text encoded once per archive, and never a failure."""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import threading
from pathlib import Path

import numpy as np
import numpy.typing as npt
import pytest

from aligner.align import embeddings
from aligner.align.embeddings import Embedder, get_encoder
from aligner.archive import Archive
from aligner.archive.vectors import FILE_NAME, VectorCache

from .conftest import write_document

ROOT = Path(__file__).resolve().parents[3]


class Counting:
    """An encoder that remembers what it was asked to encode (vectors from the letters)."""

    def __init__(self) -> None:
        self.seen: list[str] = []

    def __call__(self, texts: list[str]) -> npt.NDArray[np.float64]:
        self.seen.extend(texts)
        out = np.zeros((len(texts), 26))
        for row, text in enumerate(texts):
            for ch in text.lower():
                if "a" <= ch <= "z":
                    out[row, ord(ch) - ord("a")] += 1.0 + len(text) / 7
        return out


def _cache(tmp_path: Path) -> VectorCache:
    VectorCache.prepare(tmp_path / FILE_NAME)
    cache = VectorCache.open(tmp_path / FILE_NAME)
    assert cache is not None
    return cache


def test_a_text_is_encoded_once_per_archive_and_comes_back_bit_for_bit(tmp_path: Path) -> None:
    first, second = Counting(), Counting()
    texts = ["The harbour opens in May.", "Der Hafen öffnet im Mai.", "Ferries run daily."]
    with _cache(tmp_path) as cache:
        before = Embedder(first, identity="letters 1").backed_by(cache).vectors(texts)
    # another process, another day: a new embedder with an empty memory
    with _cache(tmp_path) as cache:
        again = Embedder(second, identity="letters 1").backed_by(cache)
        after = again.vectors([*texts, "A new sentence."])
        assert cache.count() == 4
    assert first.seen == texts
    assert second.seen == ["A new sentence."]
    assert np.array_equal(before, after[:3])


def test_vectors_of_another_encoder_or_version_are_not_used(tmp_path: Path) -> None:
    old, new, unnamed = Counting(), Counting(), Counting()
    with _cache(tmp_path) as cache:
        Embedder(old, identity="letters 1").backed_by(cache).vectors(["one text"])
        Embedder(new, identity="letters 2").backed_by(cache).vectors(["one text"])
        # without an identity there is nothing to key the vectors by: no cache
        assert Embedder(unnamed).backed_by(cache)._store is None
        assert cache.count() == 2
    assert old.seen == new.seen == ["one text"]


def test_a_file_that_is_no_cache_is_not_used_and_replaced_before_a_batch(
    tmp_path: Path,
) -> None:
    path = tmp_path / FILE_NAME
    path.write_bytes(b"not a database, whatever happened to it " * 100)
    assert VectorCache.open(path) is None  # a worker aligns without it
    counting = Counting()
    VectorCache.prepare(path)  # before a batch: the broken file gives way to an empty cache
    with _cache(tmp_path) as fresh:
        Embedder(counting, identity="letters 1").backed_by(fresh).vectors(["kept now"])
        assert fresh.count() == 1


def test_a_cache_that_fails_midway_answers_nothing_known(tmp_path: Path) -> None:
    counting = Counting()
    cache = _cache(tmp_path)
    enc = Embedder(counting, identity="letters 1").backed_by(cache)
    enc.vectors(["first"])
    cache._db.execute("DROP TABLE vectors")  # type: ignore[union-attr]  # damaged under it
    assert enc.vectors(["second"]).shape == (1, 26)  # encoded; the failure only logged
    assert cache.count() == 0
    assert cache.get("letters 1", [b"x" * 16]) == {}
    assert counting.seen == ["first", "second"]


def test_an_unreachable_cache_is_none(tmp_path: Path) -> None:
    assert VectorCache.open(tmp_path / "elsewhere" / FILE_NAME) is None
    assert not VectorCache.prepare(tmp_path / "elsewhere" / FILE_NAME)  # no folder to make it


def test_concurrent_writers_keep_every_vector(tmp_path: Path) -> None:
    VectorCache.prepare(tmp_path / FILE_NAME)
    errors: list[BaseException] = []

    def writer(n: int) -> None:
        try:
            with _cache(tmp_path) as cache:
                enc = Embedder(Counting(), identity="letters 1").backed_by(cache)
                for batch in range(20):  # shared texts and texts of this writer alone
                    enc.vectors([f"shared {batch}", f"writer {n} batch {batch}"])
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)

    threads = [threading.Thread(target=writer, args=(n,)) for n in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    with _cache(tmp_path) as cache:
        assert cache.count() == 20 + 4 * 20


_WRITE_FOREVER = """
import sys, numpy as np
from aligner.archive.vectors import VectorCache
cache = VectorCache.open(sys.argv[1])
n = 0
while True:
    cache.put("letters 1", {n.to_bytes(16, "big"): np.full(512, n, dtype=np.float32)
                            for n in range(n, n + 50)})
    n += 50
    if n == 500:
        print("writing", flush=True)
"""


def test_a_writer_killed_mid_batch_leaves_whole_vectors_only(tmp_path: Path) -> None:
    path = tmp_path / FILE_NAME
    VectorCache.prepare(path)
    with subprocess.Popen(
        [sys.executable, "-c", _WRITE_FOREVER, os.fspath(path)],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        text=True,
    ) as writer:
        assert writer.stdout is not None
        assert writer.stdout.readline() == "writing\n"
        writer.send_signal(signal.SIGKILL)
    with contextlib.closing(sqlite3.connect(path)) as db:
        assert db.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        rows = db.execute("SELECT key, vector FROM vectors").fetchall()
    assert len(rows) >= 500
    assert len(rows) % 50 == 0
    for key, blob in rows:
        assert np.array_equal(
            np.frombuffer(blob, dtype="<f4"), np.full(512, int.from_bytes(key, "big"))
        )


def test_an_archive_encodes_a_text_once_and_its_documents_do_not_change(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    use = get_encoder("use")
    assert use is not None
    seen: list[str] = []
    real = use._encode

    def counting(texts: list[str]) -> npt.ArrayLike:
        seen.extend(texts)
        return real(texts)

    monkeypatch.setattr(use, "_encode", counting)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1781136000")
    corpus = tmp_path / "corpus"
    for seed in range(2):
        write_document(corpus / f"doc{seed}", seed)
    embeddings.forget()
    with Archive(tmp_path / "a", create=True) as archive:
        archive.add([str(corpus)], executor="serial")
    kept = len(seen)
    assert kept
    assert (tmp_path / "a" / FILE_NAME).exists()
    # the same pages, revised: a line added to one document
    revised = tmp_path / "revised"
    shutil.copytree(corpus, revised)
    for lang, line in (("de", "Gedruckt in Tarvel."), ("en", "Printed in Tarvel.")):
        with open(revised / "doc1" / f"{lang}.txt", "a", encoding="utf-8") as fh:
            fh.write(f"\n{line}\n")
    with open(revised / "doc1" / "ru.txt", "a", encoding="utf-8") as fh:
        fh.write("\nНапечатано в Тарвеле.\n")
    shutil.copytree(tmp_path / "a", tmp_path / "b")
    (tmp_path / "b" / FILE_NAME).unlink()
    tei: dict[str, dict[str, bytes]] = {}
    encoded: dict[str, int] = {}
    for name in ("a", "b"):  # with the archive's vectors, then without
        embeddings.forget()
        start = len(seen)
        with Archive(tmp_path / name) as archive:
            summary = archive.add([str(revised)], executor="serial")
            assert len(summary.added) == 1
            tei[name] = {p.parent.name: p.read_bytes() for p in archive.tei_files()}
        encoded[name] = len(seen) - start
    assert tei["a"] == tei["b"]
    assert 0 < encoded["a"] < encoded["b"]
