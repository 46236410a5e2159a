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
    └── ExportError              an export that cannot be made (unknown format, bad path)
        └── MissingLanguageError a language the document lacks (also a LanguageError)

The CLI and the HTTP service turn these into one message or one problem body each.
"""

from __future__ import annotations

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
