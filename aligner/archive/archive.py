"""An archive: a folder of TEI documents, their search index, page snapshots and a lexicon.

Layout::

    DIR/documents/doc-ab12…/1.xml    each document's revisions and index.json, in a
                                     :class:`~aligner.store.Store` as the service keeps
                                     them (the TEI files are the truth)
    DIR/snapshots/cd/<sha256>.html   every fetched page as received, with <sha256>.json
                                     beside it (address, final address, time, media type)
    DIR/index.sqlite                 search index and document list (rebuilt from the TEI
                                     at any time) and the lexicon learned across documents
    DIR/vectors.sqlite               sentence vectors by encoder and text hash, so that a
                                     text is encoded once per archive (a cache: see
                                     :mod:`aligner.archive.vectors`)
    DIR/.lock                        held while the archive is changed

Adding is idempotent (a document whose sources have the same sha256 sums is there already)
and resumable: each document is stored atomically as it is aligned, and the index catches
up with the store when the batch ends; a killed batch run again skips what was stored.
An archive made before documents had revisions (``DIR/documents/ab/doc-ab12….xml``) is
moved into the store the first time it is opened.

Every document of a batch is aligned with the lexicon as the batch found it, and the
archive learns its lexicon again from all its documents when the batch is done, so the
output does not depend on the executor or on the order in which documents finish: a batch
on Dask gives the same bytes as a serial one.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import IO, Any, Literal

from lxml import etree

from aligner import ids
from aligner._clock import utc_now
from aligner._io import (
    Busy,
    file_lock,
    remove_stale_temporaries,
    temporary_path,
    write_bytes_atomic,
)
from aligner.align import DEFAULT_ENCODER, Lexicon, Lexicons, get_encoder
from aligner.align.embeddings import EncoderSpec
from aligner.align.features import words
from aligner.align_config import DEFAULT_CONFIG
from aligner.api import InputFile, align_inputs, app_version, stored_tei
from aligner.archive.executors import ExecutorSpec, run
from aligner.archive.fetch import Fetcher, Snapshot
from aligner.archive.sources import Planned, plan, sources_key
from aligner.archive.vectors import FILE_NAME as VECTORS
from aligner.archive.vectors import VectorCache
from aligner.errors import AlignerError, InputError, StorageError
from aligner.index import Hit
from aligner.model import SURE, Document
from aligner.review import store_reviewed
from aligner.store import Facts, Store
from aligner.tei import read_tei, schema_problems, tei_problems, write_tei
from exports import ExportOptions, render

__all__ = ["AddSummary", "Archive", "CheckReport", "Job", "Outcome", "align_job"]

_INDEX = "index.sqlite"


@dataclass(frozen=True)
class Job:
    """One document to align: its inputs, and the time stamp the whole batch shares."""

    label: str
    inputs: tuple[InputFile, ...]
    sources: str
    when: str
    original: str | None = None
    encoder: str | None = DEFAULT_ENCODER  # as ``aligner align --encoder``; None: none
    vectors: str | None = None  # the archive's vector cache, if the worker can reach it


@dataclass(frozen=True)
class Outcome:
    """What a worker sends back: the TEI and what it learned, or why it failed."""

    label: str
    sources: str
    doc_id: str = ""
    tei: bytes = b""
    error: str = ""


class _Learning(Lexicons):
    """Lexicons that read from the archive's lexicon and keep what one document teaches apart.

    The archive's lexicon is shared by every document of a batch and must not change under
    them: what a document teaches serves that document only (the archive learns again
    from all its documents after the batch, see :meth:`Archive.learn`).
    """

    def __init__(self, known: Lexicons) -> None:
        super().__init__()
        self._known = known
        self._own = Lexicons()
        self._cache: dict[tuple[str, str], Lexicon | None] = {}

    def get(self, src_lang: str, tgt_lang: str) -> Lexicon | None:
        key = (src_lang, tgt_lang)
        if key not in self._cache:
            known, own = self._known.get(*key), self._own.get(*key)
            self._cache[key] = known.merged(own) if known and own else known or own
        return self._cache[key]

    def add(self, src_lang: str, tgt_lang: str, lexicon: Lexicon) -> None:
        self._own.add(src_lang, tgt_lang, lexicon)
        self._cache.clear()


def align_job(job: Job, lexicons: Lexicons) -> Outcome:
    """Align one document (in whichever process or machine runs it) and return its TEI."""
    try:
        with _encoder(job) as encoder:
            document = align_inputs(
                job.inputs,
                original=job.original,
                lexicons=_Learning(lexicons),
                config=replace(DEFAULT_CONFIG, encoder=job.encoder),
                embedder=encoder,
            )
    except AlignerError as exc:
        return Outcome(job.label, job.sources, error=str(exc))
    except Exception as exc:  # one document's bug must not stop a batch of thousands
        return Outcome(job.label, job.sources, error=f"internal error: {type(exc).__name__}: {exc}")
    changes = tuple(replace(c, when=job.when) for c in document.changes)
    document = replace(document, created=job.when, changes=changes)
    return Outcome(job.label, job.sources, document.id, write_tei(document))


def _planned(sources: Sequence[str], roots: Sequence[str], summary: AddSummary) -> list[Planned]:
    """Return the documents ``sources`` name; ``summary`` is told of those that fail."""
    planned: list[Planned] = []
    for item in plan(sources, roots=roots):
        if isinstance(item, AlignerError):
            summary.failed.append((item.path or "", str(item)))
        else:
            planned.append(item)
    return planned


@contextlib.contextmanager
def _encoder(job: Job) -> Iterator[EncoderSpec | None]:
    """Yield the job's encoder, backed by the archive's vector cache when it can be reached."""
    if job.encoder is None or job.vectors is None:
        yield job.encoder
        return
    with contextlib.ExitStack() as stack:
        cache = VectorCache.open(job.vectors)
        if cache is not None:
            stack.enter_context(cache)
        embedder = get_encoder(job.encoder)
        yield embedder.backed_by(cache) if embedder is not None else None


@dataclass
class AddSummary:
    """What a batch did: documents added, found unchanged, and failed with their reasons."""

    added: list[str] = field(default_factory=list)
    revised: list[str] = field(default_factory=list)  # reviewed TEI stored over their document
    unchanged: list[str] = field(default_factory=list)
    failed: list[tuple[str, str]] = field(default_factory=list)
    refused: list[tuple[str, str]] = field(default_factory=list)  # pages not fetched, why

    def lines(self) -> list[str]:
        revised = f"revised {len(self.revised)}, " if self.revised else ""
        lines = [
            f"added {len(self.added)}, {revised}unchanged {len(self.unchanged)}, "
            f"failed {len(self.failed)}"
        ]
        lines += [f"failed: {reason}" for _, reason in self.failed]
        lines += [f"warning: not fetched: {url}: {reason}" for url, reason in self.refused]
        return lines


@dataclass
class CheckReport:
    """What ``archive check`` found; empty lists mean the archive is sound."""

    checked: int = 0
    invalid: list[str] = field(default_factory=list)  # "path: problem"
    changed: list[str] = field(default_factory=list)  # sha256 differs from the index
    missing: list[str] = field(default_factory=list)  # in the index, no file
    unindexed: list[str] = field(default_factory=list)  # a file the index does not know

    @property
    def ok(self) -> bool:
        return not (self.invalid or self.changed or self.missing or self.unindexed)


class Archive:
    """A folder of TEI documents with a search index (see the module docstring)."""

    def __init__(self, root: str | os.PathLike[str], *, create: bool = False) -> None:
        self.root = Path(root)
        if not (self.root / _INDEX).exists():
            if not create:
                raise AlignerError(
                    "no archive here (make one with: aligner archive add)", path=self.root
                )
            try:
                self.root.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise AlignerError(
                    f"cannot make the archive: {exc.strerror}", path=self.root
                ) from None
        self.store = Store(self.root / "documents", index=self.root / _INDEX)
        self.index = self.store.index
        self._move_flat_documents()

    def close(self) -> None:
        self.store.close()

    def __enter__(self) -> Archive:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextlib.contextmanager
    def _locked(self) -> Iterator[None]:
        try:
            with file_lock(self.root / ".lock", wait=False):
                yield
        except Busy:
            raise AlignerError("another command is changing this archive", path=self.root) from None

    def _move_flat_documents(self) -> None:
        """Move the TEI files of an archive made before revisions into the store."""
        flat = sorted((self.root / "documents").glob("??/doc-*.xml"))
        if not flat:
            return
        with self._locked():
            for path in flat:
                data = path.read_bytes()
                document = read_tei(data, path=os.fspath(path))
                key = ids.sources_key(v.source.sha256 for v in document.versions)
                facts = Facts.of(document)
                self.store.create_stored(key, data, facts, "archive", doc_id=document.id)
                path.unlink()
                with contextlib.suppress(OSError):
                    path.parent.rmdir()
            self.store.catch_up()

    # adding

    def add(
        self,
        sources: Sequence[str],
        *,
        executor: ExecutorSpec = "processes",
        original: str | None = None,
        encoder: str | None = DEFAULT_ENCODER,
        fetch: bool = True,
        delay: float = 1.0,
        allow_private: bool = False,
        other_sites: bool = False,
        roots: Sequence[str] = (),
        progress: Callable[[int], Any] | None = None,
    ) -> AddSummary:
        """Add the documents ``sources`` name (see :mod:`aligner.archive.sources`).

        Pages are fetched behind the fence of :mod:`aligner.archive.fetch`;
        ``allow_private`` and ``other_sites`` open it as :class:`Fetcher` says. A manifest
        may name files inside its own folder and inside ``roots``.

        ``progress`` is called with the number of documents planned, and returns a callable
        that is called once per document done (a tqdm bar's ``update`` fits).
        """
        summary = AddSummary()
        with self._locked():
            planned = _planned(sources, roots, summary)
            tick = (progress(len(planned)) if progress else None) or _no_progress
            keep = self.keep_snapshot
            fetcher = (
                Fetcher(
                    delay=delay, allow_private=allow_private, other_sites=other_sites, keep=keep
                )
                if fetch
                else None
            )
            batch = Job("", (), "", utc_now(), original, encoder, self._vectors(encoder))
            try:
                jobs = self._jobs(planned, fetcher, batch, summary, tick)
                for outcome in run(align_job, jobs, self.index.lexicons(), executor=executor):
                    if outcome.error:
                        summary.failed.append((outcome.label, outcome.error))
                    else:
                        self._file(outcome)
                        summary.added.append(outcome.doc_id)
                    tick(1)
            finally:
                if fetcher is not None:
                    fetcher.close()
                    summary.refused.extend(fetcher.refused)
            self.store.catch_up()
            if summary.added or summary.revised:
                self.learn()
        return summary

    def _vectors(self, encoder: str | None) -> str | None:
        """Return the path of the vector cache the jobs of ``encoder`` share, None for none."""
        vectors = os.fspath((self.root / VECTORS).resolve())
        if encoder is None or not VectorCache.prepare(self.root / VECTORS):
            return None
        return vectors

    def _revise(self, inputs: Sequence[InputFile]) -> bool | None:
        """File a reviewed TEI of a document of the archive as its next revision.

        Return None when ``inputs`` is not one TEI, else whether anything changed. A TEI
        that names no document of the archive, or names one but cannot be its next revision
        (:class:`aligner.review.RevisionConflict`), is refused.
        """
        if stored_tei(inputs) is None:
            return None
        upload = inputs[0]
        revised = store_reviewed(self.store, upload.data, path=upload.filename, who="archive")
        if revised is None:
            reviewed = read_tei(upload.data, path=upload.filename)
            raise InputError(
                f"a TEI of document {reviewed.id}, which the archive does not hold: add the "
                "document's sources",
                path=upload.filename,
            )
        return revised[1]

    def _jobs(
        self,
        planned: Sequence[Planned],
        fetcher: Fetcher | None,
        batch: Job,
        summary: AddSummary,
        tick: Callable[[int], Any],
    ) -> Iterator[Job]:
        """Yield a job like ``batch`` for each planned document not stored yet.

        A reviewed TEI is filed as its document's next revision on the way.
        """
        submitted: set[str] = set()
        for item in planned:
            try:
                inputs = item.load(fetcher)
                revised = self._revise(inputs)
            except AlignerError as exc:
                summary.failed.append((item.label, str(exc)))
                tick(1)
                continue
            if revised is not None:
                (summary.revised if revised else summary.unchanged).append(item.label)
                tick(1)
                continue
            key = sources_key([i.data for i in inputs])
            if key in submitted or self._filed(key):
                summary.unchanged.append(item.label)
                tick(1)
                continue
            submitted.add(key)
            yield replace(batch, label=item.label, inputs=tuple(inputs), sources=key)

    def _filed(self, key: str) -> bool:
        return self.store.existing(key) is not None

    def _file(self, outcome: Outcome) -> None:
        document = read_tei(outcome.tei, path=outcome.label)
        self.store.create_stored(outcome.sources, outcome.tei, Facts.of(document), "archive")

    def learn(self) -> int:
        """Learn the lexicon again from the sentence beads of every document; return its size.

        IBM model 1 over the beads the aligner was sure of, pooled across documents: a word
        seen once in each of many documents is learned, which no single document can teach.
        """
        with self.index.transaction():
            for src_lang, tgt_lang in self.index.language_pairs():
                pairs = (
                    (words(a), words(b))
                    for a, b in self.index.sentence_pairs(src_lang, tgt_lang, min_cert=SURE)
                )
                self.index.keep_lexicon(src_lang, tgt_lang, Lexicon.learn(pairs))
        return self.index.lexicon_size()

    def keep_snapshot(self, snapshot: Snapshot) -> None:
        """Store a fetched page's bytes and what is known about it."""
        folder = self.root / "snapshots" / snapshot.sha256[:2]
        suffix = {"text/html": ".html", "application/xhtml+xml": ".xhtml", "text/plain": ".txt"}
        body = folder / (snapshot.sha256 + suffix.get(snapshot.media_type, ".bin"))
        if not body.exists():
            write_bytes_atomic(body, snapshot.data)
        meta = {
            "url": snapshot.url,
            "final_url": snapshot.final_url,
            "retrieved": snapshot.retrieved,
            "sha256": snapshot.sha256,
            "media_type": snapshot.media_type,
            "file": body.name,
        }
        record = folder / f"{snapshot.sha256}.json"
        known: list[dict[str, str]] = []
        if record.exists():
            known = json.loads(record.read_text("utf-8"))
        known.append(meta)
        write_bytes_atomic(record, json.dumps(known, indent=1, ensure_ascii=False).encode())

    # reading

    def search(self, query: str, *, langs: Sequence[str] = (), limit: int = 20) -> list[Hit]:
        """Search every stored paragraph and sentence (see :meth:`Index.search`)."""
        return self.store.search(query, langs=langs, limit=limit)

    def tei_files(self) -> list[Path]:
        """Return the TEI file of every document's current revision, in id order."""
        return self.store.current_files()

    def documents(self) -> Iterator[Document]:
        """Yield every stored document, one at a time, in id order."""
        for path in self.tei_files():
            yield read_tei(path.read_bytes(), path=os.fspath(path))

    def reindex(self) -> int:
        """Rebuild the search index from the TEI files; return how many were filed."""
        with self._locked():
            return self.store.reindex()

    def export_tmx(
        self,
        output: str | os.PathLike[str],
        *,
        pair: Sequence[str] | None = None,
        level: Literal["paragraph", "sentence"] = "sentence",
    ) -> tuple[int, list[str]]:
        """Write one TMX memory of every document, one document in memory at a time.

        Each document is rendered by the TMX exporter and its units are streamed into the
        output; a document lacking a language of ``pair`` is left out. Returns the number
        of units and notes on what was left out.
        """
        chosen = (pair[0], pair[1]) if pair else None
        options = ExportOptions(level=level, pair=chosen)
        srclang = chosen[0] if chosen else "*all*"
        units = skipped = 0
        target = Path(output)
        remove_stale_temporaries(target)  # left by an export that was killed
        tmp = temporary_path(target)
        try:
            with open(tmp, "wb") as fh:
                fh.write(b'<?xml version="1.0" encoding="UTF-8"?>\n')
                fh.write(b'<!DOCTYPE tmx SYSTEM "tmx14.dtd">\n')
                with etree.xmlfile(fh, encoding="UTF-8") as xf, xf.element("tmx", version="1.4"):
                    xf.write(_tmx_header(srclang, level), pretty_print=True)
                    with xf.element("body"):
                        for document in self.documents():
                            if chosen and not set(chosen) <= set(document.langs):
                                skipped += 1
                                continue
                            data = render([document], "tmx", options).outputs[0].data
                            memory = etree.fromstring(data, _tmx_parser())
                            own = str(memory.xpath("string(header/@srclang)"))
                            for tu in memory.iter("tu"):
                                if own and own != srclang:
                                    tu.set("srclang", own)
                                xf.write(tu, pretty_print=True)
                                units += 1
            os.replace(tmp, target)
        except OSError as exc:
            tmp.unlink(missing_ok=True)
            raise StorageError.from_os_error(exc, target) from None
        except BaseException:
            tmp.unlink(missing_ok=True)
            raise
        notes = []
        if chosen and skipped:
            notes.append(f"{skipped} documents without both {' and '.join(chosen)} left out")
        return units, notes

    def check(self, *, log: IO[str] | None = None) -> CheckReport:
        """Validate every TEI file (tei_all and our rules) and compare it with the index."""
        report = CheckReport()
        indexed = {self._relative(self.store.indexed_path(e)): e for e in self.index.documents()}
        on_disk = {self._relative(p): p for p in self.tei_files() if p.exists()}
        for rel in sorted(indexed.keys() - on_disk.keys()):
            report.missing.append(rel)
        for rel, path in sorted(on_disk.items()):
            data = path.read_bytes()
            report.checked += 1
            try:
                problems = tei_problems(data, path=os.fspath(path))
                problems += schema_problems(data, path=os.fspath(path))
            except AlignerError as exc:  # not even XML
                problems = [exc.message]
            report.invalid += [f"{rel}: {problem}" for problem in problems]
            entry = indexed.get(rel)
            if entry is None:
                report.unindexed.append(rel)
            elif hashlib.sha256(data).hexdigest() != entry.sha256:
                report.changed.append(rel)
            if log is not None:
                print(f"checked {rel}", file=log)
        return report

    def _relative(self, path: Path) -> str:
        return path.relative_to(self.root).as_posix()


def _no_progress(_done: int) -> None:
    pass


def _tmx_parser() -> etree.XMLParser:
    return etree.XMLParser(load_dtd=False, no_network=True, resolve_entities=False)


def _tmx_header(srclang: str, level: str) -> etree._Element:
    stamp = utc_now().replace("-", "").replace(":", "")
    return etree.Element(
        "header",
        {
            "creationtool": "aligner",
            "creationtoolversion": app_version(),
            "segtype": level,
            "o-tmf": "aligner-tei",
            "adminlang": "en",
            "srclang": srclang,
            "datatype": "plaintext",
            "o-encoding": "UTF-8",
            "creationdate": stamp,
        },
    )
