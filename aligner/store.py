"""Keep aligned documents as TEI files, one folder per document, every revision kept.

Layout::

    <store>/<id>/1.xml, 2.xml, ...   each revision, written atomically
    <store>/<id>/index.json          the document's summary and its list of revisions

``index.json`` is the truth: a revision file it does not list (left by a crash between the
two writes) is ignored and overwritten by the next save. A new document is assembled in a
hidden temporary folder (``.new-<id>-*``) and renamed into place, so a half-stored document
never shows; a deleted one is renamed away (``.gone-<id>-*``) before it is removed. Ids are
checked before they touch the file system.

What a crash leaves (temporary files, staging and trash folders, unlisted revisions, the
lock files of deleted documents) is removed by :meth:`Store.recover`, which the service
calls on start; each removal happens under the document's lock, so a process still working
in the same store loses nothing.

A store may keep a search index (:mod:`aligner.index`) of every document's current
revision: :meth:`Store.catch_up` files in it what changed since it last looked (a document
whose current revision's sha256 differs from the one filed is filed again, one deleted is
forgotten), and :meth:`Store.search` catches up before it searches. The TEI files stay the
truth; the index can be deleted at any time. The service and the archive keep their
documents in a store, so a document has one id, one history and one layout wherever it is.

A revision is parsed once however many requests ask for it at the same time, and the
parsed document is shared. A store on a read-only file system (:attr:`Store.read_only`)
serves reads; a write there, or on a full disk, raises :class:`~aligner.errors.StorageError`.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import logging
import os
import re
import shutil
import tempfile
import threading
from collections import OrderedDict
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from aligner import ids
from aligner._clock import utc_now
from aligner._display import plain
from aligner._io import file_lock, write_bytes_atomic
from aligner.errors import AlignerError, StorageError
from aligner.index import Hit, Index, IndexedDocument
from aligner.model import Document
from aligner.tei import read_tei, write_tei

__all__ = [
    "DocumentSummary",
    "Facts",
    "NotFound",
    "Revision",
    "Stale",
    "Store",
    "is_safe_id",
]

_SAFE_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]{0,79}$")
_REVISION_FILE = re.compile(r"^([1-9][0-9]{0,8})\.xml$")
# parsed documents kept in memory: the most recently used, up to this much TEI in all
# (a document in memory takes a few times its TEI size)
_CACHE_BYTES = 32 * 2**20
_STAGING, _TRASH = ".new-", ".gone-"
_RANDOM_TAIL = 9  # "-" and the 8 characters tempfile.mkdtemp adds

log = logging.getLogger(__name__)


class NotFound(AlignerError):
    """No document (or no revision) with that id."""


class Stale(AlignerError):
    """The revision a change was based on is no longer the current one."""

    def __init__(self, message: str, *, current: int) -> None:
        self.current = current
        super().__init__(message)


@dataclass(frozen=True)
class Revision:
    n: int
    when: str
    who: str
    summary: str
    sha256: str


@dataclass(frozen=True)
class DocumentSummary:
    id: str
    title: str
    languages: tuple[str, ...]
    created: str
    inputs: str  # the sources key of the uploaded files (ids.sources_key): same files, same id
    revisions: tuple[Revision, ...]

    @property
    def revision(self) -> int:
        """The number of the current revision."""
        return self.revisions[-1].n


@dataclass(frozen=True)
class Facts:
    """What ``index.json`` says of a document besides its revisions."""

    title: str
    languages: tuple[str, ...]
    created: str

    @classmethod
    def of(cls, document: Document) -> Facts:
        return cls(plain(document.title()), tuple(document.langs), document.created)


@contextlib.contextmanager
def _writing() -> Iterator[None]:
    """Turn a full or read-only disk met while writing into a :class:`StorageError`."""
    try:
        yield
    except OSError as exc:
        raise StorageError.from_os_error(exc) from None


def is_safe_id(doc_id: str) -> bool:
    """Tell whether ``doc_id`` can name a folder without escaping the store.

    >>> is_safe_id("doc-3f2b8c4e1d2a4b6c")
    True
    >>> is_safe_id("../etc") or is_safe_id(".hidden") or is_safe_id("a/b")
    False
    """
    return bool(_SAFE_ID.fullmatch(doc_id))


class Store:
    """Keep documents as TEI files under ``root``, searchable when given an ``index`` file.

    Safe for the threads of one process and for several processes: each document has a
    lock file.
    """

    def __init__(self, root: Path, *, index: Path | None = None) -> None:
        self.root = Path(root)
        self._index_file = index
        self._index: Index | None = None
        self._index_guard = threading.Lock()
        if not self.root.is_dir():
            with _writing():
                self.root.mkdir(parents=True, exist_ok=True)
        self._locks: dict[str, threading.Lock] = {}
        self._locks_guard = threading.Lock()
        self._cache: OrderedDict[tuple[str, int], tuple[Document, int]] = OrderedDict()
        self._cached_bytes = 0
        self._cache_guard = threading.Lock()
        self._parsing: dict[tuple[str, int], threading.Lock] = {}

    @property
    def read_only(self) -> bool:
        """Tell whether the store is on a file system mounted read-only."""
        try:
            return bool(os.statvfs(self.root).f_flag & os.ST_RDONLY)
        except OSError:
            return False

    @staticmethod
    def id_for(key: str) -> str:
        """Return the id the upload ``key`` is stored under."""
        return _id_for(key)

    def existing(self, key: str) -> str | None:
        """Return the id of the document stored for the upload ``key``, if there is one.

        A document named before ids came from the sources is found through the index.
        """
        for doc_id in self._named(key):
            with contextlib.suppress(NotFound):
                if self.summary(doc_id).inputs == key:
                    return doc_id
        return None

    def _named(self, key: str) -> Iterator[str]:
        yield _id_for(key)
        if self._index_file is not None and self._index_file.exists():
            try:
                index = self.index
            except AlignerError:  # e.g. on a read-only disk: no older names to find
                return
            with self._index_guard:
                entry = index.by_sources(key)
            if entry is not None:
                yield entry.id

    # -- reading -----------------------------------------------------------------------

    def current_files(self) -> list[Path]:
        """Return the file of every document's current revision, in id order."""
        found = []
        for folder in sorted(self.root.iterdir()):
            if folder.is_dir() and is_safe_id(folder.name):
                with contextlib.suppress(NotFound):
                    found.append(self.revision_path(folder.name)[0])
        return found

    def summaries(self) -> list[DocumentSummary]:
        """Return every stored document, newest first."""
        found = []
        for folder in self.root.iterdir():
            if folder.is_dir() and is_safe_id(folder.name):
                with contextlib.suppress(NotFound):
                    found.append(self.summary(folder.name))
        return sorted(found, key=lambda s: (s.created, s.id), reverse=True)

    def summary(self, doc_id: str) -> DocumentSummary:
        index = self._index_path(doc_id)
        try:
            raw = json.loads(index.read_text(encoding="utf-8"))
        except (FileNotFoundError, NotADirectoryError):
            raise NotFound(f"there is no document {doc_id}") from None
        return DocumentSummary(
            id=raw["id"],
            title=raw["title"],
            languages=tuple(raw["languages"]),
            created=raw["created"],
            inputs=raw["inputs"],
            revisions=tuple(Revision(**r) for r in raw["revisions"]),
        )

    def revision_path(self, doc_id: str, rev: int | None = None) -> tuple[Path, int]:
        """Return the file of revision ``rev`` (default: the current one) and its number."""
        summary = self.summary(doc_id)
        n = summary.revision if rev is None else rev
        if not any(r.n == n for r in summary.revisions):
            raise NotFound(f"document {doc_id} has no revision {rev}")
        return self._folder(doc_id) / f"{n}.xml", n

    def tei(self, doc_id: str, rev: int | None = None) -> tuple[bytes, int]:
        """Return the TEI bytes of revision ``rev`` (default: the current one) and its number."""
        path, n = self.revision_path(doc_id, rev)
        return path.read_bytes(), n

    def load(self, doc_id: str, rev: int | None = None) -> tuple[Document, bytes, int]:
        """Return the document at revision ``rev``, its TEI bytes and the revision number."""
        data, n = self.tei(doc_id, rev)
        return self._parsed(doc_id, n, lambda: data), data, n

    def document(self, doc_id: str, rev: int | None = None) -> tuple[Document, int]:
        """Return the document at revision ``rev`` and the revision number.

        The TEI file is read only if the parsed document is not in memory.
        """
        path, n = self.revision_path(doc_id, rev)
        return self._parsed(doc_id, n, path.read_bytes), n

    def _parsed(self, doc_id: str, n: int, read: Callable[[], bytes]) -> Document:
        """Return revision ``n`` parsed: from memory, else parsed once for all who ask now."""
        key = (doc_id, n)
        with self._cache_guard:
            cached = self._cache.get(key)
            if cached is not None:
                self._cache.move_to_end(key)
                return cached[0]
            parsing = self._parsing.setdefault(key, threading.Lock())
        with parsing:  # the others asking for it wait here, then find it in memory
            with self._cache_guard:
                cached = self._cache.get(key)
                if cached is not None:
                    self._cache.move_to_end(key)
                    return cached[0]
            try:
                data = read()
                document = read_tei(data, path=f"{doc_id}/{n}.xml")
                self._remember(doc_id, n, document, len(data))
            finally:
                with self._cache_guard:
                    self._parsing.pop(key, None)
        return document

    # -- writing -----------------------------------------------------------------------

    def create(self, key: str, build: Callable[[], Document], who: str) -> tuple[str, bool]:
        """Store the document ``build()`` makes for the upload ``key``; return (id, created).

        The same upload twice gives the same id, and the second call builds nothing.
        """

        def made() -> tuple[bytes, Facts]:
            # the store's id is the document's id, in URLs and in the TEI alike
            document = replace(build(), id=_id_for(key))
            return write_tei(document), Facts.of(document)

        return self._create(key, made, who)

    def create_stored(
        self, key: str, data: bytes, facts: Facts, who: str, *, doc_id: str | None = None
    ) -> tuple[str, bool]:
        """Store TEI ``data`` made for the upload ``key``; return (id, created).

        The document in ``data`` must carry the id :meth:`id_for` gives ``key``, or
        ``doc_id`` when it was named before ids came from the sources.
        """
        return self._create(key, lambda: (data, facts), who, doc_id or _id_for(key))

    def _create(
        self,
        key: str,
        made: Callable[[], tuple[bytes, Facts]],
        who: str,
        doc_id: str | None = None,
    ) -> tuple[str, bool]:
        doc_id = doc_id or _id_for(key)
        with self.lock(doc_id):
            with contextlib.suppress(NotFound):
                if self.summary(doc_id).inputs == key:
                    return doc_id, False
                raise AlignerError(f"two uploads share the id {doc_id}; cannot store this one")
            data, facts = made()
            with _writing():
                staging = Path(tempfile.mkdtemp(prefix=f"{_STAGING}{doc_id}-", dir=self.root))
            try:
                with _writing():
                    (staging / "1.xml").write_bytes(data)
                    self._write_index(
                        staging,
                        doc_id,
                        facts,
                        inputs=key,
                        revisions=[_revision(1, who, "Created.", data)],
                    )
                    _fsync_dir(staging)
                    target = self._folder(doc_id)
                    if target.exists():  # a leftover without index.json: not a document
                        shutil.rmtree(target)
                    os.rename(staging, target)
                    _fsync_dir(self.root)
            except BaseException:
                shutil.rmtree(staging, ignore_errors=True)
                raise
        return doc_id, True

    def update(
        self,
        doc_id: str,
        change: Callable[[Document], Document],
        *,
        expected: int | None,
        who: str,
        summary: str | None = None,
        over: bytes | None = None,
    ) -> tuple[Document, int]:
        """Apply ``change`` to the current revision and store the result as a new one.

        ``expected`` is the revision the caller saw; another one means someone else saved
        in between and nothing is written (:class:`Stale`). The revision's ``summary`` is
        by default what the change recorded in the document's history ("Merged paragraph
        beads al.p3 and al.p4. Confirmed paragraph bead al.p3.").

        The new revision is written over ``over`` (a TEI of the same document, such as a
        reviewed one uploaded), else over the current revision: all but its alignment,
        sentences and history is kept as ``over`` has it.
        """
        with self.lock(doc_id):
            current, base, n = self.load(doc_id)
            if expected is not None and expected != n:
                raise Stale(f"document {doc_id} is at revision {n}, not {expected}", current=n)
            document = change(current)
            if summary is None:
                added = document.changes[len(current.changes) :]
                summary = " ".join(c.text for c in added) or "Changed."
            data = write_tei(document, base=base if over is None else over)
            folder = self._folder(doc_id)
            write_bytes_atomic(folder / f"{n + 1}.xml", data)
            old = self.summary(doc_id)
            revisions = [*old.revisions, _revision(n + 1, who, summary, data)]
            facts = Facts.of(document)
            self._write_index(folder, doc_id, facts, inputs=old.inputs, revisions=revisions)
        self._remember(doc_id, n + 1, document, len(data))
        return document, n + 1

    def delete(self, doc_id: str) -> None:
        with self.lock(doc_id), _writing():
            self.summary(doc_id)  # NotFound if absent
            folder = self._folder(doc_id)
            # rename first: the document vanishes at once, even if removing files is slow
            trash = Path(tempfile.mkdtemp(prefix=f"{_TRASH}{doc_id}-", dir=self.root))
            os.rename(folder, trash / doc_id)
            shutil.rmtree(trash, ignore_errors=True)
            self._lock_path(doc_id).unlink(missing_ok=True)  # lock() sees it and takes a new one
        with self._cache_guard:
            for key in [k for k in self._cache if k[0] == doc_id]:
                self._cached_bytes -= self._cache.pop(key)[1]

    @contextlib.contextmanager
    def lock(self, doc_id: str) -> Iterator[None]:
        """Hold the document's lock: one thread here and one process anywhere."""
        self._check(doc_id)
        with self._locks_guard:
            lock = self._locks.setdefault(doc_id, threading.Lock())
        with lock, file_lock(self._lock_path(doc_id)):
            yield

    # -- search ------------------------------------------------------------------------

    @property
    def index(self) -> Index:
        """Return the search index, opened on first use."""
        if self._index_file is None:
            raise AlignerError("this store keeps no search index", path=self.root)
        with self._index_guard:
            if self._index is None:
                self._index = Index(self._index_file)
            return self._index

    def close(self) -> None:
        """Close the search index, if it was opened."""
        with self._index_guard:
            if self._index is not None:
                self._index.close()
                self._index = None

    def search(self, query: str, *, langs: Sequence[str] = (), limit: int = 20) -> list[Hit]:
        """Search every document's current revision (see :meth:`Index.search`)."""
        index = self.index
        with self._index_guard:  # one connection: one search or catch-up at a time
            self._catch_up(index)
            return index.search(query, langs=langs, limit=limit)

    def catch_up(self) -> int:
        """File in the index what changed since it last looked; return how many were filed."""
        index = self.index
        with self._index_guard:
            return self._catch_up(index)

    def reindex(self) -> int:
        """Build the index again from the TEI files; return how many documents were filed."""
        index = self.index
        with self._index_guard:
            with index.transaction():
                index.clear()
            return self._catch_up(index)

    def indexed_path(self, entry: IndexedDocument) -> Path:
        """Return the file an index entry was made from."""
        return self.root / entry.path

    def _catch_up(self, index: Index) -> int:
        current = {summary.id: summary for summary in self.summaries()}
        filed = {entry.id: entry for entry in index.documents()}
        stale = [
            summary
            for doc_id, summary in current.items()
            if doc_id not in filed
            or filed[doc_id].sha256 != summary.revisions[-1].sha256
            or filed[doc_id].path != f"{doc_id}/{summary.revision}.xml"
        ]
        gone = filed.keys() - current.keys()
        if stale or gone:
            with index.transaction():
                for doc_id in gone:
                    index.remove(doc_id)
                for summary in stale:
                    try:
                        document, _, n = self.load(summary.id)
                    except NotFound:  # deleted meanwhile
                        continue
                    path = f"{summary.id}/{n}.xml"
                    entry = IndexedDocument(
                        summary.id, path, summary.revisions[-1].sha256, summary.inputs
                    )
                    index.put(document, entry)
        return len(stale)

    # -- start-up ----------------------------------------------------------------------

    def recover(self) -> list[str]:
        """Remove what interrupted writes left behind; return the paths removed.

        Only files nothing indexed depends on go: temporary files, staging folders of
        documents never stored, trash of deleted ones, revision files ``index.json`` does
        not list, and lock files of documents that no longer exist. A folder without
        ``index.json`` that is not ours is reported and left alone.
        """
        if self.read_only:
            log.warning("%s is read-only: serving reads, storing nothing", self.root)
            return []
        try:
            return self._recover()
        except StorageError as exc:  # a full disk: what is left stays until the next start
            log.warning("%s: cannot tidy the store: %s", self.root, exc.message)
            return []

    def _recover(self) -> list[str]:
        removed: list[str] = []
        locks = {p.name for p in self.root.glob(".*.lock")}
        for entry in sorted(self.root.iterdir()):
            name = entry.name
            if entry.is_dir() and name.startswith((_STAGING, _TRASH)):
                doc_id = name.split("-", 1)[1][:-_RANDOM_TAIL]
                with self.lock(doc_id) if is_safe_id(doc_id) else contextlib.nullcontext():
                    if entry.exists():
                        shutil.rmtree(entry)
                        removed.append(name + "/")
            elif entry.is_dir() and is_safe_id(name):
                with self.lock(name):
                    removed.extend(f"{name}/{f}" for f in self._tidy(entry))
            elif name.startswith(".") and name.endswith(".tmp") and entry.is_file():
                entry.unlink()
                removed.append(name)
        for lock_file in sorted(self.root.glob(".*.lock")):  # the ones above made some too
            doc_id = lock_file.name[1 : -len(".lock")]
            if is_safe_id(doc_id) and not self._folder(doc_id).exists():
                with self.lock(doc_id):
                    if not self._folder(doc_id).exists():
                        lock_file.unlink()
                        if lock_file.name in locks:
                            removed.append(lock_file.name)
        for path in removed:
            log.info("removed %s, left by an interrupted write", self.root / path)
        return removed

    def _tidy(self, folder: Path) -> list[str]:
        """Remove temporary files and unlisted revisions from a document's folder."""
        try:
            listed = {f"{r.n}.xml" for r in self.summary(folder.name).revisions}
        except (NotFound, ValueError, KeyError, TypeError):
            log.warning("%s has no readable index.json: not a document, left alone", folder)
            return []
        removed = []
        for file in sorted(folder.iterdir()):
            name = file.name
            leftover = name.startswith(".") and name.endswith(".tmp")
            unlisted = bool(_REVISION_FILE.fullmatch(name)) and name not in listed
            if (leftover or unlisted) and file.is_file():
                file.unlink()
                removed.append(name)
        return removed

    # -- helpers -----------------------------------------------------------------------

    def forget(self) -> None:
        """Let go of the parsed documents kept in memory (they are read again when asked)."""
        with self._cache_guard:
            self._cached_bytes = 0  # first: whoever sees the cache empty sees no bytes held
            self._cache.clear()

    def _remember(self, doc_id: str, n: int, document: Document, size: int) -> None:
        with self._cache_guard:
            old = self._cache.pop((doc_id, n), None)
            self._cached_bytes += size - (old[1] if old else 0)
            self._cache[(doc_id, n)] = (document, size)
            while self._cached_bytes > _CACHE_BYTES and len(self._cache) > 1:
                self._cached_bytes -= self._cache.popitem(last=False)[1][1]

    def _check(self, doc_id: str) -> None:
        if not is_safe_id(doc_id):
            raise NotFound(f"there is no document {doc_id!r}")

    def _folder(self, doc_id: str) -> Path:
        self._check(doc_id)
        return self.root / doc_id

    def _lock_path(self, doc_id: str) -> Path:
        return self.root / f".{doc_id}.lock"

    def _index_path(self, doc_id: str) -> Path:
        return self._folder(doc_id) / "index.json"

    def _write_index(
        self,
        folder: Path,
        doc_id: str,
        facts: Facts,
        *,
        inputs: str,
        revisions: list[Revision],
    ) -> None:
        index = {
            "id": doc_id,
            "title": facts.title,
            "languages": list(facts.languages),
            "created": facts.created,
            "inputs": inputs,
            "revisions": [r.__dict__ for r in revisions],
        }
        text = json.dumps(index, ensure_ascii=False, indent=1, sort_keys=True)
        write_bytes_atomic(folder / "index.json", text.encode("utf-8"))


def _id_for(key: str) -> str:
    return ids.document_id_for(key)


def _revision(n: int, who: str, summary: str, data: bytes) -> Revision:
    return Revision(
        n=n, when=utc_now(), who=who, summary=summary, sha256=hashlib.sha256(data).hexdigest()
    )


def _fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
