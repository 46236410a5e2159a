"""The search index of an archive: SQLite FTS5 over every paragraph and sentence.

The index is a cache beside the TEI files: :meth:`Index.put` files one document, and an
archive can drop the index and rebuild it from its TEI at any time. Text is folded before it
is indexed and queries are folded the same way (:func:`fold`), because FTS5 itself folds
neither ё/е nor ß/ss. The index also keeps the lexicon learned across documents (a rebuild
keeps it; it can be learned again from the documents at any time).
"""

from __future__ import annotations

import re
import sqlite3
import unicodedata
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from aligner.align import Lexicon, Lexicons
from aligner.errors import AlignerError, InputError, StorageError, storage_error
from aligner.model import Document

__all__ = ["Hit", "Index", "IndexedDocument", "QueryError", "fold", "fts_query"]

#: scripts whose accents are folded away; in other scripts a combining mark can be a vowel
_FOLDED_SCRIPTS = ("LATIN", "CYRILLIC", "GREEK")
#: lexicon counts are kept as integers in these units: the same on every platform
_COUNT_SCALE = 1_000_000

_SCHEMA = """
CREATE TABLE IF NOT EXISTS documents (
    id TEXT PRIMARY KEY,
    path TEXT NOT NULL,
    sha256 TEXT NOT NULL,
    sources TEXT NOT NULL,
    title TEXT NOT NULL,
    date TEXT,
    langs TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS documents_sources ON documents (sources);
CREATE TABLE IF NOT EXISTS units (
    id INTEGER PRIMARY KEY,
    doc TEXT NOT NULL,
    level TEXT NOT NULL,
    lang TEXT NOT NULL,
    unit TEXT NOT NULL,
    paragraph TEXT NOT NULL,
    bead TEXT NOT NULL,
    text TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS units_doc ON units (doc, level, bead);
CREATE TABLE IF NOT EXISTS beads (
    doc TEXT NOT NULL,
    level TEXT NOT NULL,
    bead TEXT NOT NULL,
    cert REAL NOT NULL,
    langs TEXT NOT NULL,
    PRIMARY KEY (doc, level, bead)
) WITHOUT ROWID;
CREATE VIRTUAL TABLE IF NOT EXISTS units_fts USING fts5 (
    folded, tokenize = 'unicode61 remove_diacritics 0'
);
CREATE TABLE IF NOT EXISTS lexicon (
    src_lang TEXT NOT NULL,
    tgt_lang TEXT NOT NULL,
    src TEXT NOT NULL,
    tgt TEXT NOT NULL,
    count INTEGER NOT NULL,
    PRIMARY KEY (src_lang, tgt_lang, src, tgt)
) WITHOUT ROWID;
"""


class QueryError(InputError):
    """A search query that cannot be run (nothing to search for, an open quote)."""


def fold(text: str) -> str:
    """Return ``text`` as it is indexed and searched: case, accents, ё/е and ß/ss folded.

    Accents are removed from Latin, Cyrillic and Greek letters only: in other scripts a
    combining mark may be a vowel.

    >>> fold("Ёлка"), fold("Straße"), fold("STRASSE"), fold("Élysée"), fold("ﬁnal")
    ('елка', 'strasse', 'strasse', 'elysee', 'final')
    >>> fold("हिन्दी") == "हिन्दी"
    True
    """
    out: list[str] = []
    base_folds = False
    for ch in unicodedata.normalize("NFKD", text.casefold()):
        if unicodedata.combining(ch):
            if base_folds:
                continue
        else:
            base_folds = unicodedata.name(ch, "").startswith(_FOLDED_SCRIPTS)
        out.append(ch)
    return unicodedata.normalize("NFC", "".join(out))


_TERM = re.compile(r'(-?)("[^"]*"|[^\s"]+)')


def fts_query(query: str) -> str:
    """Turn a user's query into an FTS5 expression over folded text.

    Words must all occur; ``"a phrase"`` in that order; ``word*`` is a prefix; ``OR``
    between two terms takes either; ``-word`` excludes. Everything the user typed is
    quoted, so no input can break the expression.

    >>> fts_query('Права "прав человека" декл* -война')
    '"права" AND "прав человека" AND "декл"* NOT ("воина")'
    >>> fts_query("Straße OR Weg")
    '"strasse" OR "weg"'
    """
    if query.count('"') % 2:
        raise QueryError("a quotation mark is not closed", path="query")
    parts: list[str] = []
    excluded: list[str] = []
    pending_or = False
    for minus, raw in _TERM.findall(query):
        if raw == "OR" and not minus:
            pending_or = bool(parts)
            continue
        prefix = raw.endswith("*") and not raw.startswith('"')
        words = re.findall(r"\w+", fold(raw.strip('"').rstrip("*")))
        if not words:
            continue
        term = '"' + " ".join(words) + '"' + ("*" if prefix else "")
        if minus:
            excluded.append(term)
        elif pending_or:
            parts[-1] = f"{parts[-1]} OR {term}"
            pending_or = False
        else:
            parts.append(term)
    if not parts:
        raise QueryError("nothing to search for: give a word or a quoted phrase", path="query")
    expression = " AND ".join(parts)
    if excluded:
        expression += " NOT (" + " OR ".join(excluded) + ")"
    return expression


@dataclass(frozen=True)
class Hit:
    """One found paragraph or sentence, with its bead's text in every other language."""

    doc: str
    title: str
    date: str | None
    level: str  # "sentence" or "paragraph"
    bead: str  # al.s12 or al.p4
    lang: str
    unit: str  # ru.p4.s2
    text: str
    counterparts: tuple[tuple[str, str], ...]  # (lang, text), in the document's order


@dataclass(frozen=True)
class IndexedDocument:
    id: str
    path: str  # relative to the archive
    sha256: str  # of the TEI file
    sources: str  # key of the source files (see Archive)


class Index:
    """The SQLite database of an archive: documents, their units for search, the lexicon."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        try:
            self._db = sqlite3.connect(self.path, isolation_level=None, check_same_thread=False)
            self._db.executescript(_SCHEMA)
        except sqlite3.DatabaseError as exc:
            raise AlignerError(f"cannot open the index: {exc}", path=self.path) from None

    def close(self) -> None:
        self._db.close()

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """Group changes so that a kill leaves all of them or none."""
        try:
            self._db.execute("BEGIN IMMEDIATE")
            try:
                yield
            except BaseException:
                if self._db.in_transaction:  # SQLite ends it itself on a full disk
                    self._db.execute("ROLLBACK")
                raise
            self._db.execute("COMMIT")
        except sqlite3.OperationalError as exc:
            full = storage_error(exc)
            if full is None:
                raise
            raise StorageError(full.message, errno=full.errno, path=self.path) from None

    # documents

    def documents(self) -> list[IndexedDocument]:
        rows = self._db.execute("SELECT id, path, sha256, sources FROM documents ORDER BY id")
        return [IndexedDocument(*row) for row in rows]

    def by_sources(self, sources: str) -> IndexedDocument | None:
        row = self._db.execute(
            "SELECT id, path, sha256, sources FROM documents WHERE sources = ?", (sources,)
        ).fetchone()
        return IndexedDocument(*row) if row else None

    def put(self, document: Document, entry: IndexedDocument) -> None:
        """File ``document`` under ``entry.id`` (replacing what was filed under that id)."""
        self.remove(entry.id)
        original = document.original or document.langs[0]
        self._db.execute(
            "INSERT INTO documents VALUES (?, ?, ?, ?, ?, ?, ?)",
            (
                entry.id,
                entry.path,
                entry.sha256,
                entry.sources,
                document.title(),
                document.version(original).date,
                ",".join(document.langs),
            ),
        )
        self._db.executemany(
            "INSERT INTO beads VALUES (?, ?, ?, ?, ?)",
            [
                (entry.id, alignment.level, bead.id, bead.cert, ",".join(bead.langs))
                for alignment in (document.paragraphs, document.sentences)
                for bead in alignment.beads
            ],
        )
        rows = list(_units(document))
        cursor = self._db.cursor()
        for row in rows:
            cursor.execute(
                "INSERT INTO units (doc, level, lang, unit, paragraph, bead, text)"
                " VALUES (?, ?, ?, ?, ?, ?, ?)",
                (entry.id, *row),
            )
            cursor.execute(
                "INSERT INTO units_fts (rowid, folded) VALUES (?, ?)",
                (cursor.lastrowid, fold(row[5])),
            )

    def remove(self, doc_id: str) -> None:
        self._db.execute(
            "DELETE FROM units_fts WHERE rowid IN (SELECT id FROM units WHERE doc = ?)", (doc_id,)
        )
        self._db.execute("DELETE FROM units WHERE doc = ?", (doc_id,))
        self._db.execute("DELETE FROM beads WHERE doc = ?", (doc_id,))
        self._db.execute("DELETE FROM documents WHERE id = ?", (doc_id,))

    def clear(self) -> None:
        """Forget every document (the lexicon stays)."""
        self._db.execute("DELETE FROM units_fts")
        self._db.execute("DELETE FROM units")
        self._db.execute("DELETE FROM beads")
        self._db.execute("DELETE FROM documents")

    # search

    def search(self, query: str, *, langs: Sequence[str] = (), limit: int = 20) -> list[Hit]:
        """Return the best ``limit`` hits for ``query`` (see :func:`fts_query`), best first.

        A sentence hit hides a paragraph hit on the paragraph it belongs to; a paragraph
        is a hit on its own when the words span its sentences (or it is a heading).
        ``langs`` restricts where the query must match; counterparts are always shown.
        """
        expression = fts_query(query)
        where = ""
        params: list[object] = [expression]
        if langs:
            where = f" AND u.lang IN ({', '.join('?' * len(langs))})"
            params += list(langs)
        try:
            rows = self._db.execute(
                "SELECT u.doc, u.level, u.lang, u.unit, u.paragraph, u.bead, u.text"
                " FROM units_fts JOIN units u ON u.id = units_fts.rowid"
                f" WHERE units_fts MATCH ?{where}"
                " ORDER BY bm25(units_fts), u.doc, u.id",
                params,
            )
        except sqlite3.OperationalError as exc:
            raise QueryError(f"cannot search for {query!r}: {exc}", path="query") from None
        hits: list[Hit] = []
        seen: set[tuple[str, str, str]] = set()  # a bead found in two languages is one hit
        found_paragraphs: set[tuple[str, str]] = set()
        held: list[tuple[str, ...]] = []
        for doc, level, lang, unit, paragraph, bead, text in rows:
            if level == "paragraph":
                held.append((doc, level, lang, unit, paragraph, bead, text))
                continue
            found_paragraphs.add((doc, paragraph))
            if (doc, level, bead) not in seen:
                seen.add((doc, level, bead))
                hits.append(self._hit(doc, level, lang, unit, bead, text))
                if len(hits) >= limit:
                    return hits
        for doc, level, lang, unit, paragraph, bead, text in held:
            if (doc, paragraph) not in found_paragraphs and (doc, level, bead) not in seen:
                seen.add((doc, level, bead))
                hits.append(self._hit(doc, level, lang, unit, bead, text))
                if len(hits) >= limit:
                    break
        return hits

    def _hit(self, doc: str, level: str, lang: str, unit: str, bead: str, text: str) -> Hit:
        title, date, langs = self._db.execute(
            "SELECT title, date, langs FROM documents WHERE id = ?", (doc,)
        ).fetchone()
        parts: dict[str, list[str]] = {}
        for other, other_text in self._db.execute(
            "SELECT lang, text FROM units WHERE doc = ? AND level = ? AND bead = ? ORDER BY id",
            (doc, level, bead),
        ):
            parts.setdefault(other, []).append(other_text)
        counterparts = tuple(
            (code, " ".join(parts[code]))
            for code in str(langs).split(",")
            if code != lang and code in parts
        )
        return Hit(doc, title, date, level, bead, lang, unit, text, counterparts)

    # the lexicon learned across documents

    def language_pairs(self) -> list[tuple[str, str]]:
        """Return every pair of languages that share a document, each pair once, sorted."""
        pairs: set[tuple[str, str]] = set()
        for (langs,) in self._db.execute("SELECT DISTINCT langs FROM documents"):
            codes = sorted(str(langs).split(","))
            pairs |= {(a, b) for i, a in enumerate(codes) for b in codes[i + 1 :]}
        return sorted(pairs)

    def sentence_pairs(
        self, src_lang: str, tgt_lang: str, *, min_cert: float
    ) -> Iterator[tuple[str, str]]:
        """Yield the texts of sentence beads in both languages the aligner was sure of.

        Documents come in id order, which is content-hashed: any prefix is a fair sample.
        """
        rows = self._db.execute(
            "SELECT b.doc, b.bead, u.lang, u.text FROM beads b"
            " JOIN units u ON u.doc = b.doc AND u.level = b.level AND u.bead = b.bead"
            " WHERE b.level = 'sentence' AND b.cert >= ? AND u.lang IN (?, ?)"
            " ORDER BY b.doc, b.bead, u.id",
            (min_cert, src_lang, tgt_lang),
        )
        current: tuple[str, str] | None = None
        texts: dict[str, list[str]] = {}
        for doc, bead, lang, text in rows:
            if (doc, bead) != current:
                if src_lang in texts and tgt_lang in texts:
                    yield " ".join(texts[src_lang]), " ".join(texts[tgt_lang])
                current, texts = (doc, bead), {}
            texts.setdefault(lang, []).append(text)
        if src_lang in texts and tgt_lang in texts:
            yield " ".join(texts[src_lang]), " ".join(texts[tgt_lang])

    def lexicons(self) -> Lexicons:
        """Return the lexicon kept in the archive."""
        counts: dict[tuple[str, str], dict[tuple[str, str], float]] = {}
        for src_lang, tgt_lang, src, tgt, count in self._db.execute(
            "SELECT src_lang, tgt_lang, src, tgt, count FROM lexicon ORDER BY 1, 2, 3, 4"
        ):
            counts.setdefault((src_lang, tgt_lang), {})[(src, tgt)] = count / _COUNT_SCALE
        lexicons = Lexicons()
        for (src_lang, tgt_lang), pairs in counts.items():
            lexicons.add(src_lang, tgt_lang, Lexicon(pairs))
        return lexicons

    def keep_lexicon(self, src_lang: str, tgt_lang: str, lexicon: Lexicon) -> None:
        """Replace the lexicon kept for the pair ``src_lang`` → ``tgt_lang``."""
        self._db.execute(
            "DELETE FROM lexicon WHERE src_lang = ? AND tgt_lang = ?", (src_lang, tgt_lang)
        )
        self._db.executemany(
            "INSERT INTO lexicon VALUES (?, ?, ?, ?, ?)",
            [
                (src_lang, tgt_lang, s, t, round(count * _COUNT_SCALE))
                for (s, t), count in sorted(lexicon.counts().items())
            ],
        )

    def lexicon_size(self) -> int:
        return int(self._db.execute("SELECT count(*) FROM lexicon").fetchone()[0])


def _units(document: Document) -> Iterator[tuple[str, str, str, str, str, str]]:
    """Yield (level, lang, unit id, paragraph bead, bead, text) for each paragraph and sentence."""
    para_bead = {
        i: b.id for b in document.paragraphs.beads for ids in b.members.values() for i in ids
    }
    sent_bead = {
        i: b.id for b in document.sentences.beads for ids in b.members.values() for i in ids
    }
    for version in document.versions:
        for block in version.blocks:
            paragraph = para_bead.get(block.id)
            if paragraph is None:
                continue
            yield "paragraph", version.lang, block.id, paragraph, paragraph, block.text
            for s in block.sentences:
                if s.id in sent_bead:
                    yield "sentence", version.lang, s.id, paragraph, sent_bead[s.id], s.text
