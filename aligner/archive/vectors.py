"""The archive's memory of sentence vectors: a text met again is not encoded again.

``DIR/vectors.sqlite`` keeps one float32 vector per encoder and text, keyed by the exact
encoder (backend, package and version: a new version of the model starts afresh) and the
16-byte BLAKE2b hash of the text. Every worker of a batch, in this process or another,
looks texts up there before it encodes them and adds what it encoded, so re-adding changed
pages, re-aligning documents with a new lexicon, or a batch whose documents share
boilerplate encodes each distinct text once per archive. A vector comes back bit for bit
as it was encoded: the TEI of a document is the same with or without the cache.

The file is a cache, never part of the archive's truth, and its failures never fail an
alignment:

* concurrent writers: SQLite in WAL mode, a busy timeout, and each batch of new vectors
  one ``INSERT OR IGNORE`` transaction (two workers that encode the same text store the
  same bytes, the first wins);
* ``kill -9``: a transaction is in the file whole or not at all (SQLite's journal), so a
  killed batch leaves every vector it committed and no half of one;
* anything else (a file that is not a database, a full disk, a lock held too long): the
  cache answers "not known" and keeps nothing more for the rest of the job, with one log
  line; :meth:`VectorCache.prepare`, run by the archive before a batch, replaces a file
  that is not a readable cache with an empty one.

Deleting the file loses nothing but time.
"""

from __future__ import annotations

import contextlib
import logging
import sqlite3
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path

import numpy as np

from aligner.align.embeddings import Vector

__all__ = ["FILE_NAME", "VectorCache"]

FILE_NAME = "vectors.sqlite"
_SCHEMA = """
CREATE TABLE IF NOT EXISTS vectors (
    encoder TEXT NOT NULL,
    key BLOB NOT NULL,
    vector BLOB NOT NULL,
    UNIQUE (encoder, key)
);
"""
# a 512-dimension vector is 2 kB: 16 kB pages hold seven (4 kB pages, the default, one)
_PAGE_BYTES = 16384
_BUSY_SECONDS = 60.0
_LOOKUP = 500  # keys per SELECT (SQLite allows 32766 parameters; smaller is as fast)
_DTYPE = np.dtype("<f4")

log = logging.getLogger(__name__)


class VectorCache:
    """The vectors of one archive (a :class:`~aligner.align.embeddings.VectorStore`)."""

    def __init__(self, connection: sqlite3.Connection, path: Path) -> None:
        self._db: sqlite3.Connection | None = connection
        self.path = path

    @classmethod
    def prepare(cls, path: str | Path) -> bool:
        """Make the cache at ``path`` if there is none; replace one that cannot be read.

        Run by the one process that holds the archive's lock, before its workers open it.
        Returns whether there is a cache to use (not on a read-only disk, say).
        """
        path = Path(path)
        try:
            with contextlib.closing(_connect(path, create=True)) as db:
                db.executescript(_SCHEMA)
                db.execute("SELECT encoder, key, vector FROM vectors LIMIT 1").fetchall()
            return True
        except sqlite3.DatabaseError as exc:
            log.warning("%s is not a readable vector cache (%s): starting a new one", path, exc)
        try:
            for suffix in ("", "-wal", "-shm", "-journal"):
                path.with_name(path.name + suffix).unlink(missing_ok=True)
            with contextlib.closing(_connect(path, create=True)) as db:
                db.executescript(_SCHEMA)
        except (OSError, sqlite3.Error) as exc:
            log.warning("no vector cache at %s (%s): every text is encoded", path, exc)
            return False
        return True

    @classmethod
    def open(cls, path: str | Path) -> VectorCache | None:
        """Open the cache :meth:`prepare` made; None if this machine cannot reach it."""
        path = Path(path)
        try:
            return cls(_connect(path, create=False), path)
        except sqlite3.Error:
            return None  # a Dask worker on another machine: align without it

    def close(self) -> None:
        if self._db is not None:
            self._db.close()
            self._db = None

    def __enter__(self) -> VectorCache:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def get(self, encoder: str, keys: Sequence[bytes]) -> dict[bytes, Vector]:
        """Return the vectors kept for ``keys`` by ``encoder``; unknown keys are left out."""
        found: dict[bytes, Vector] = {}
        if self._db is None:
            return found
        with self._failing_quietly():
            for start in range(0, len(keys), _LOOKUP):
                chunk = keys[start : start + _LOOKUP]
                marks = ",".join("?" * len(chunk))
                rows = self._db.execute(
                    f"SELECT key, vector FROM vectors WHERE encoder = ? AND key IN ({marks})",
                    (encoder, *chunk),
                )
                for key, blob in rows:
                    found[bytes(key)] = np.frombuffer(blob, dtype=_DTYPE).astype(np.float32)
        return found

    def put(self, encoder: str, vectors: Mapping[bytes, Vector]) -> None:
        """Keep ``vectors`` (encoded by ``encoder``) in one transaction."""
        if self._db is None:
            return
        rows = [(encoder, key, np.asarray(v, dtype=_DTYPE).tobytes()) for key, v in vectors.items()]
        with self._failing_quietly(), self._db:  # one transaction: all of them or none
            self._db.executemany(
                "INSERT OR IGNORE INTO vectors (encoder, key, vector) VALUES (?, ?, ?)", rows
            )

    def count(self) -> int:
        """Return how many vectors are kept (of every encoder); 0 once the cache failed."""
        if self._db is not None:
            with self._failing_quietly():
                return int(self._db.execute("SELECT count(*) FROM vectors").fetchone()[0])
        return 0

    @contextlib.contextmanager
    def _failing_quietly(self) -> Iterator[None]:
        """Turn a failure of the cache into "nothing known, nothing kept" for this job."""
        try:
            yield
        except sqlite3.Error as exc:
            log.warning("vector cache %s: %s; going on without it", self.path, exc)
            self.close()


def _connect(path: Path, *, create: bool) -> sqlite3.Connection:
    mode = "rwc" if create else "rw"
    db = sqlite3.connect(f"{path.resolve().as_uri()}?mode={mode}", uri=True, timeout=_BUSY_SECONDS)
    db.execute(f"PRAGMA page_size = {_PAGE_BYTES}")  # takes effect in a new file only
    db.execute("PRAGMA journal_mode = WAL")
    db.execute("PRAGMA synchronous = NORMAL")
    return db
