"""The exceptions the aligner raises.

Every error the user can cause is an :class:`AlignerError` and carries what it is about::

    AlignerError                 base; .path (file or None) and .message
    ├── InputError               a file that cannot be used as input
    │   ├── DecodeError          bytes that are not text in any encoding we accept
    │   ├── EmptyInputError      no file, no bytes or no text in it
    │   ├── FormatError          malformed HTML, DOCX, TEI or gold file
    │   └── TooLargeError        inputs whose alignment would need more memory than allowed
    ├── LanguageError            unknown, repeated or contradicted language (.lang)
    ├── ValidationError          a TEI file that breaks the schema or our rules (.problems)
    ├── ExportError              an export that cannot be made (unknown format, bad path)
    │   └── MissingLanguageError a language the document lacks (also a LanguageError)
    └── StorageError             the disk is full or read-only, or the file cannot be written

The CLI and the HTTP service turn these into one message or one problem body each.
"""

from __future__ import annotations

import errno as errnos
import os
from collections.abc import Sequence


class AlignerError(Exception):
    r"""Base class: a problem the user can fix, described in one line.

    Line breaks in the message (a parser's own message often has one) become spaces:

    >>> str(AlignerError("not well-formed XML: Char 0x0\n, line 1", path="a.xml"))
    'a.xml: not well-formed XML: Char 0x0 , line 1'
    """

    def __init__(self, message: str, *, path: str | os.PathLike[str] | None = None) -> None:
        self.message = " ".join(line.strip() for line in message.splitlines() if line.strip())
        self.path = os.fspath(path) if path is not None else None
        super().__init__(str(self))

    def __str__(self) -> str:
        return f"{self.path}: {self.message}" if self.path else self.message


class InputError(AlignerError):
    """A file that cannot be used as input."""


class DecodeError(InputError):
    """Bytes that do not decode as text in any encoding we accept."""


class EmptyInputError(InputError):
    """A missing file, an empty file or a file without text."""


class FormatError(InputError):
    """A malformed HTML, DOCX, TEI or gold file."""


class TooLargeError(InputError):
    """Inputs whose alignment would need more memory than the caller allows."""


class LanguageError(AlignerError):
    """An unknown, repeated or contradicted language."""

    def __init__(
        self, message: str, *, lang: str | None = None, path: str | os.PathLike[str] | None = None
    ) -> None:
        self.lang = lang
        super().__init__(message, path=path)


class ValidationError(AlignerError):
    """A TEI document that breaks the schema or the rules RelaxNG cannot check."""

    def __init__(
        self, problems: Sequence[str], *, path: str | os.PathLike[str] | None = None
    ) -> None:
        self.problems = tuple(problems)
        first = self.problems[0] if self.problems else "invalid"
        more = f" (and {len(self.problems) - 1} more)" if len(self.problems) > 1 else ""
        super().__init__(first + more, path=path)


class ExportError(AlignerError):
    """An export that cannot be made."""


class MissingLanguageError(ExportError, LanguageError):
    """A language asked for in an export that a document does not have (``.lang``)."""


class StorageError(AlignerError):
    """A file that cannot be written: no space left, a read-only file system (``.errno``)."""

    def __init__(
        self, message: str, *, errno: int | None = None, path: str | os.PathLike[str] | None = None
    ) -> None:
        self.errno = errno
        super().__init__(message, path=path)

    @classmethod
    def from_os_error(
        cls, exc: OSError, path: str | os.PathLike[str] | None = None
    ) -> StorageError:
        """Return the error that says, in one line, why ``exc`` happened.

        >>> str(StorageError.from_os_error(OSError(28, "No space left on device"), "a.xml"))
        'a.xml: cannot write: no space left on the device'
        """
        why = _STORAGE_WORDS.get(exc.errno or 0) or (exc.strerror or str(exc)).lower()
        where = path if path is not None else exc.filename
        return cls(f"cannot write: {why}", errno=exc.errno, path=where)

    @property
    def full(self) -> bool:
        """Tell whether the disk (or the user's quota) is full."""
        return self.errno in (errnos.ENOSPC, errnos.EDQUOT)

    @property
    def read_only(self) -> bool:
        """Tell whether the file system is read-only."""
        return self.errno == errnos.EROFS


_STORAGE_WORDS = {
    errnos.ENOSPC: "no space left on the device",
    errnos.EDQUOT: "the disk quota is used up",
    errnos.EROFS: "the file system is read-only",
    errnos.EACCES: "permission denied",
    errnos.EPERM: "not permitted",
}


def storage_error(exc: BaseException) -> StorageError | None:
    """Return ``exc`` as a :class:`StorageError` if it is a full or read-only disk, else None.

    SQLite says so in words, not with an errno.

    >>> storage_error(OSError(30, "Read-only file system", "x")).read_only
    True
    >>> storage_error(ValueError("no")) is None
    True
    """
    if isinstance(exc, StorageError):
        return exc
    if isinstance(exc, OSError) and exc.errno in _STORAGE_WORDS:
        return StorageError.from_os_error(exc)
    text = str(exc).lower()
    if type(exc).__module__ == "sqlite3":
        if "disk is full" in text or "disk i/o error" in text:
            return StorageError("cannot write: no space left on the device", errno=errnos.ENOSPC)
        if "readonly database" in text or "read-only" in text:
            return StorageError("cannot write: the file system is read-only", errno=errnos.EROFS)
    return None
