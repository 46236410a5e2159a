"""What ``archive add`` takes: document folders, manifests and page addresses.

* a folder whose files are named by language (``de.txt``, ``en.html``, ``ru-RU.docx``,
  ``fr.pdf``, as the bundled sample) is one document; files not named by a language
  (``README.md``) are left out;
* a folder of such folders is one document per sub-folder, in name order;
* a ``.csv`` manifest has one row per language version: ``doc,lang,source`` where source is
  a path (relative to the manifest) or an ``http(s)`` address; a header row is optional.
  A path must lead inside the manifest's folder, or inside one of the ``roots`` allowed
  (``--allow-root``), after symbolic links are followed: a manifest naming ``/etc/passwd``
  or ``../../secret`` is refused;
* an ``http(s)`` address is a page whose other language versions are found from the page
  itself (see :mod:`aligner.archive.fetch`);
* a TEI file (``.xml``) is a reviewed copy of a document of the archive, which it names by
  its id: it is filed as that document's next revision.

A :class:`Planned` document is cheap (names only); its bytes are read (or fetched) when
the batch gets to it, so a batch of thousands starts at once and holds little in memory.
"""

from __future__ import annotations

import csv
import hashlib
import io
import os
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from aligner import ids
from aligner.api import InputFile
from aligner.errors import AlignerError, EmptyInputError, FormatError, InputError
from aligner.readers import READERS, lang_from_filename, load_bytes

if TYPE_CHECKING:
    from aligner.archive.fetch import Fetcher

__all__ = ["Planned", "is_url", "plan", "sources_key"]

# the endings of the text formats a folder's language versions may have (a stored TEI is
# a document, not a version)
_SUPPORTED = frozenset(e for r in READERS.values() if r.name != "tei" for e in r.extensions)


def is_url(text: str) -> bool:
    """Tell whether ``text`` is a web address.

    >>> is_url("https://example.org/a"), is_url("docs/a.txt")
    (True, False)
    """
    return text.startswith(("http://", "https://"))


def sources_key(data: Sequence[bytes]) -> str:
    """Return the key of a document's sources: their sha256 sums, in any order.

    Adding the same files again, named or ordered differently, finds the same key.

    >>> sources_key([b"a", b"b"]) == sources_key([b"b", b"a"])
    True
    """
    return ids.sources_key(hashlib.sha256(d).hexdigest() for d in data)


@dataclass(frozen=True)
class Planned:
    """One document to add: a label for messages and how to get its inputs."""

    label: str
    specs: tuple[tuple[str | None, str], ...]  # (language or None, path or URL)
    discover: bool = False  # a single URL whose other versions are found from the page

    def load(self, fetcher: Fetcher | None) -> list[InputFile]:
        """Read (or fetch) the inputs, in language order."""
        if any(is_url(where) for _, where in self.specs) and fetcher is None:
            raise InputError("fetching pages is switched off", path=self.label)
        if self.discover and fetcher is not None:
            return fetcher.versions(self.specs[0][1])
        inputs = [
            fetcher.page(where, lang=lang)
            if is_url(where) and fetcher is not None
            else InputFile(load_bytes(where), where, lang)
            for lang, where in self.specs
        ]
        return sorted(inputs, key=lambda item: (item.lang or "", item.filename))


def plan(
    sources: Sequence[str], *, roots: Sequence[str | os.PathLike[str]] = ()
) -> Iterator[Planned | AlignerError]:
    """Yield the documents ``sources`` name, or an error for a source that names none.

    A manifest's rows may name files inside its own folder or inside ``roots``.
    """
    for source in sources:
        if is_url(source):
            yield Planned(source, ((None, source),), discover=True)
            continue
        path = Path(source)
        try:
            if path.is_dir():
                yield from _folder(path)
            elif path.suffix.lower() == ".csv":
                yield from _manifest(path, roots)
            elif path.suffix.lower() == ".xml" and path.is_file():
                yield Planned(source, ((None, source),))
            elif path.exists():
                yield InputError(
                    "not a folder, a .csv manifest, a TEI file or an http(s) address", path=source
                )
            else:
                yield EmptyInputError("not found", path=source)
        except AlignerError as exc:
            yield exc


def _language_files(folder: Path) -> list[tuple[str, Path]]:
    found = []
    for entry in sorted(folder.iterdir()):
        lang = lang_from_filename(entry.name)
        if entry.is_file() and entry.suffix.lower() in _SUPPORTED and lang:
            found.append((lang, entry))
    return found


def _folder(folder: Path) -> Iterator[Planned | AlignerError]:
    files = _language_files(folder)
    if files:
        yield Planned(os.fspath(folder), tuple((lang, os.fspath(p)) for lang, p in files))
        return
    subfolders = sorted(p for p in folder.iterdir() if p.is_dir() and not p.name.startswith("."))
    if not subfolders:
        yield EmptyInputError("no files named by language (de.txt, en.html, ...)", path=folder)
    for sub in subfolders:
        files = _language_files(sub)
        if files:
            yield Planned(os.fspath(sub), tuple((lang, os.fspath(p)) for lang, p in files))
        else:
            yield EmptyInputError("no files named by language (de.txt, en.html, ...)", path=sub)


def _manifest(
    path: Path, roots: Sequence[str | os.PathLike[str]]
) -> Iterator[Planned | AlignerError]:
    try:
        text = load_bytes(path).decode("utf-8-sig")
    except UnicodeDecodeError:
        raise FormatError("a manifest must be UTF-8", path=path) from None
    rows = [row for row in csv.reader(io.StringIO(text)) if any(cell.strip() for cell in row)]
    if rows and [c.strip().lower() for c in rows[0]][:2] in (
        ["doc", "lang"],
        ["id", "lang"],
        ["doc", "language"],
    ):
        rows = rows[1:]
    allowed = [Path(os.path.realpath(r)) for r in (path.parent, *roots)]
    documents: dict[str, list[tuple[str | None, str]]] = {}
    for number, row in enumerate(rows, start=1):
        if len(row) != 3 or not all(cell.strip() for cell in row):
            raise FormatError(
                f"row {number}: expected three columns: doc, lang, path or URL", path=path
            )
        doc, lang, where = (cell.strip() for cell in row)
        if not is_url(where):
            if not os.path.isabs(where):
                where = os.fspath(path.parent / where)
            real = Path(os.path.realpath(where))
            if not any(real.is_relative_to(root) for root in allowed):
                raise InputError(
                    f"row {number}: {_cell_text(row[2])} is outside the manifest's folder; "
                    "--allow-root DIR allows another folder",
                    path=path,
                )
        documents.setdefault(doc, []).append((lang, where))
    for doc, specs in documents.items():
        yield Planned(f"{path}:{doc}", tuple(specs))


def _cell_text(cell: str) -> str:
    """Return a manifest cell as a message may quote it (stripped, at most 80 characters)."""
    text = cell.strip()
    return text if len(text) <= 80 else text[:77] + "..."
