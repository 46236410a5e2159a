"""Read one language version from a file: bytes in, :class:`~aligner.model.SourceText` out.

Every input format is one module with a ``read(data, *, source, path)`` function and one
entry in :data:`READERS`, as every export format is in :data:`exports.FORMATS`. The format
is chosen by the file name's extension and checked against the content:

========================  ==============================================================
``.txt .text .md``        plain text (:mod:`aligner.readers.txt`); an HTML page saved as
                          ``.txt`` is read as HTML
``.html .htm .xhtml``     a web page (:mod:`aligner.readers.html`)
``.docx``                 a Word document (:mod:`aligner.readers.docx`)
``.pdf``                  a PDF's text layer (:mod:`aligner.readers.pdf`); a PDF under
                          another name is read as a PDF too
``.xml``                  a stored TEI document (:mod:`aligner.readers.tei`), whose
                          versions are already segmented: :func:`read_input` only
no extension              whatever the content shows: PDF, HTML, DOCX or plain text
========================  ==============================================================

Images, archives and old binary Word files are refused as having no text; any other
extension is refused as unsupported. Adding a format is a module ``aligner/readers/<name>.py``
and its :class:`Reader` entry here.
"""

from __future__ import annotations

import hashlib
import importlib
import os
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from babel import localedata

from aligner._io import read_regular
from aligner.errors import EmptyInputError, FormatError, InputError
from aligner.model import Document, Source, SourceText

__all__ = [
    "READERS",
    "Reader",
    "Reading",
    "lang_from_filename",
    "load_bytes",
    "read_bytes",
    "read_input",
    "read_path",
    "reader_for",
]

#: what a reader returns: the text of one version, or (TEI) a whole segmented document
Reading = SourceText | Document


@dataclass(frozen=True)
class Reader:
    """One input format: the file name endings it takes and the module that reads them.

    The module's ``read(data: bytes, *, source: Source, path: str)`` returns a
    :data:`Reading`; errors name ``path``.
    """

    name: str  # the module in aligner.readers: "html"
    label: str  # what a person calls it: "web page"
    extensions: Mapping[str, str]  # file name ending -> media type

    @property
    def module(self) -> str:
        return f"aligner.readers.{self.name}"


_DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
_PDF = "application/pdf"
_PDF_START = b"%PDF-"  # within the first kilobyte, as readers of PDF allow

#: every input format by name, in the order an extension-less file is tried
READERS: dict[str, Reader] = {
    r.name: r
    for r in (
        Reader("docx", "Word document", {".docx": _DOCX}),
        Reader(
            "html",
            "web page",
            {".html": "text/html", ".htm": "text/html", ".xhtml": "application/xhtml+xml"},
        ),
        Reader(
            "txt",
            "plain text",
            {".txt": "text/plain", ".text": "text/plain", ".md": "text/markdown"},
        ),
        Reader("pdf", "PDF", {".pdf": _PDF}),
        Reader("tei", "stored TEI document", {".xml": "application/tei+xml"}),
    )
}
_TEXT = READERS["txt"].extensions
_HTML = READERS["html"].extensions

# magic numbers of files people rename by mistake, and what to call them in the message
_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"II*\x00", "a TIFF image"),
    (b"MM\x00*", "a TIFF image"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
    (b"Rar!\x1a\x07", "a RAR archive"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an old .doc or an encrypted file: save it as .docx"),
    (b"{\\rtf", "an RTF file (save it as .docx or .txt)"),
)
_ZIP = b"PK\x03\x04"
_HTML_START = re.compile(
    rb"^(?:\s|<!--.*?-->|<\?xml[^>]*>)*<(?:!doctype\s+html|html[\s>]|head[\s>]|body[\s>])",
    re.IGNORECASE | re.DOTALL,
)

# Language tags in file names. A tag must be the whole stem ("en", "ru-RU"), the last
# dot-separated part of it ("press.ru"), or the last "-"/"_" part ("statement-fr",
# "statement_de_DE"). In that last position only two-letter codes count, and not the
# English words that are also codes ("how-to.txt" is not Tongan): name such files "to.txt"
# or "x.to.txt" instead.
_TAG = re.compile(r"^([A-Za-z]{2,3})(?:[-_]([A-Za-z]{4}))?(?:[-_]([A-Za-z]{2}|\d{3}))?$")
_ENGLISH_WORDS = frozenset({
    "am", "an", "as", "at", "be", "by", "do", "go", "he", "hi", "if", "in", "is", "me", "my",
    "no", "of", "on", "or", "so", "to", "up", "us", "we",
})  # fmt: skip


def _declared_tag(tag: str | None) -> str | None:
    """Return a declared language tag with a script or region, written as BCP 47 writes it.

    A tag that names only a language (``en``), or a language babel does not know, gives
    ``None``: the version's bare code says as much.

    >>> _declared_tag("en-gb"), _declared_tag("pt_BR"), _declared_tag("sr-latn-rs, en")
    ('en-GB', 'pt-BR', 'sr-Latn-RS')
    >>> _declared_tag("en"), _declared_tag("xx-YY"), _declared_tag(None)
    (None, None, None)
    """
    first = re.split(r"[,\s]", (tag or "").strip())[0]
    match = _TAG.match(first)
    if not match or not _language_code(match[1]) or not (match[2] or match[3]):
        return None
    parts = [match[1].lower(), (match[2] or "").title(), (match[3] or "").upper()]
    return "-".join(p for p in parts if p)


def lang_from_filename(name: str) -> str | None:
    """Return the language code a file name carries, or ``None``.

    Only codes babel knows as languages count, returned lower-case without region:

    >>> tuple(lang_from_filename(n) for n in ("en.txt", "press.ru.html", "ru-RU.docx"))
    ('en', 'ru', 'ru')
    >>> tuple(lang_from_filename(n) for n in ("de_DE.txt", "statement-fr.html", "it.txt"))
    ('de', 'fr', 'it')
    >>> tuple(lang_from_filename(n) for n in ("index.html", "notes.txt", "how-to.txt"))
    (None, None, None)
    """
    stem = os.path.basename(name)
    if "." in stem.lstrip("."):
        stem = stem.rsplit(".", 1)[0]
    candidates = [stem]
    if "." in stem:
        candidates.append(stem.rsplit(".", 1)[1])
    tokens = re.split(r"[-_ ]", stem)
    if len(tokens) > 1:
        last = tokens[-1]
        if len(tokens) > 2 and re.fullmatch(r"[A-Z]{2}", last):
            candidates.append(f"{tokens[-2]}-{last}")  # statement-ru-RU
        if len(last) == 2 and last.lower() not in _ENGLISH_WORDS:
            candidates.append(last)
    for candidate in candidates:
        code = _language_code(candidate) if _TAG.match(candidate) else None
        if code:
            return code
    return None


def load_bytes(path: str | os.PathLike[str], *, max_bytes: int | None = None) -> bytes:
    """Return the bytes of the regular file at ``path``; errors name the path as given.

    A file over ``max_bytes`` is refused before it is read when its size says so, else as
    it is read (see :func:`aligner._io.read_regular`).
    """
    where = os.fspath(path)
    try:
        if max_bytes is not None and (size := os.stat(where).st_size) > max_bytes:
            raise InputError(
                f"is {size / 2**20:.1f} MB, over the {max_bytes / 2**20:g} MB limit "
                "(--max-mb raises it)",
                path=where,
            )
        return read_regular(where, max_bytes=max_bytes)
    except FileNotFoundError:
        raise EmptyInputError("file not found", path=where) from None
    except IsADirectoryError:
        raise EmptyInputError("is a directory, not a file", path=where) from None
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror or exc}", path=where) from None


def read_path(path: str | os.PathLike[str], *, url: str | None = None) -> SourceText:
    """Read the file at ``path``; errors name the path as given."""
    where = os.fspath(path)
    found = _read(load_bytes(where), name=Path(where).name, path=where, url=url, tei=False)
    assert isinstance(found, SourceText)
    return found


def read_bytes(data: bytes, *, filename: str, url: str | None = None) -> SourceText:
    """Read the bytes of an uploaded or fetched file called ``filename``."""
    found = _read(data, name=os.path.basename(filename), path=filename, url=url, tei=False)
    assert isinstance(found, SourceText)
    return found


def read_input(data: bytes, *, filename: str, url: str | None = None) -> Reading:
    """Read the bytes of an input file called ``filename``, a stored TEI document included."""
    return _read(data, name=os.path.basename(filename), path=filename, url=url, tei=True)


def reader_for(filename: str) -> Reader | None:
    """Return the reader that takes files with the ending of ``filename``, if one does.

    >>> reader_for("de.HTM").name, reader_for("doc.tei.xml").name, reader_for("a.odt")
    ('html', 'tei', None)
    """
    ext = os.path.splitext(filename)[1].lower()
    return next((r for r in READERS.values() if ext in r.extensions), None)


def _read(data: bytes, *, name: str, path: str, url: str | None, tei: bool) -> Reading:
    ext = os.path.splitext(name)[1].lower()
    if tei and ext in READERS["tei"].extensions:
        return _run("tei", data, name=name, path=path, url=url)
    if not data.strip():
        raise EmptyInputError("empty file", path=path)
    if _PDF_START in data[:1024]:  # the PDF reader starts pdfium in a process of its own
        return _run("pdf", data, name=name, path=path, url=url, default=_PDF)
    if ext == ".pdf":
        raise FormatError("not a PDF file: it does not start with %PDF-", path=path)
    for magic, what in _MAGIC:
        if data.startswith(magic):
            raise EmptyInputError(f"no text: this is {what}", path=path)
    if ext == ".docx" or (ext == "" and data.startswith(_ZIP)):
        return _run("docx", data, name=name, path=path, url=url)
    if data.startswith(_ZIP):
        hint = "; if it is a Word document, name it .docx" if b"word/" in data[:4096] else ""
        raise EmptyInputError(f"no text: this is a ZIP archive{hint}", path=path)
    looks_html = bool(_HTML_START.match(data.lstrip(b"\xef\xbb\xbf")[:4096]))
    if ext in _HTML or ((ext in _TEXT or ext == "") and looks_html):
        return _run("html", data, name=name, path=path, url=url, default="text/html")
    if ext in _TEXT or ext == "":
        return _run("txt", data, name=name, path=path, url=url, default="text/plain")
    raise FormatError(
        f"unsupported file type {ext!r}: give .txt, .md, .html, .docx or .pdf", path=path
    )


def _run(
    reader: str, data: bytes, *, name: str, path: str, url: str | None, default: str = ""
) -> Reading:
    """Read ``data`` with the module of ``reader``, loaded on first use (python-docx and
    lxml are slow to load)."""
    spec = READERS[reader]
    ext = os.path.splitext(name)[1].lower()
    source = _source(data, name, url, spec.extensions.get(ext, default or _first(spec)))
    module = importlib.import_module(spec.module)
    found: Reading = module.read(data, source=source, path=path)
    return found


def _first(reader: Reader) -> str:
    return next(iter(reader.extensions.values()))


def _source(data: bytes, name: str, url: str | None, media_type: str) -> Source:
    return Source(
        sha256=hashlib.sha256(data).hexdigest(), filename=name, url=url, media_type=media_type
    )


def _language_code(tag: str | None) -> str | None:
    """Return the language of a tag such as ``ru-RU``, ``de_DE`` or ``en, fr`` if babel knows it.

    The readers share it for file names, ``<html lang>`` and Word's ``w:lang``.

    >>> _language_code("ru-RU"), _language_code("en, fr"), _language_code("xx-YY")
    ('ru', 'en', None)
    """
    if not tag:
        return None
    code = re.split(r"[-_,\s]", tag.strip())[0].lower()
    return code if re.fullmatch(r"[a-z]{2,3}", code) and localedata.exists(code) else None
