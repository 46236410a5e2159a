"""Validate exported TMX and XLIFF against the schema copies shipped in ``aligner/schemas``.

Validation is offline: the DTD and XSDs are read from the package, the XLIFF schema imports
the local ``xml.xsd``, and documents are parsed without loading DTDs, resolving entities or
touching the network. Compiled schemas are cached for the life of the process.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable
from pathlib import Path
from typing import cast

from lxml import etree

import aligner.model

__all__ = ["SCHEMA_DIR", "tmx_dtd", "tmx_problems", "xliff_problems", "xliff_schema"]

SCHEMA_DIR = Path(aligner.model.__file__).resolve().with_name("schemas")


def _safe_parser() -> etree.XMLParser:
    return etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=True)


@functools.cache
def tmx_dtd() -> etree.DTD:
    """Return the TMX 1.4b DTD."""
    return etree.DTD(str(SCHEMA_DIR / "tmx14.dtd"))


@functools.cache
def xliff_schema() -> etree.XMLSchema:
    """Return the XLIFF 1.2 strict schema (with the local ``xml.xsd`` for ``xml:lang``)."""
    tree = etree.parse(str(SCHEMA_DIR / "xliff-core-1.2-strict.xsd"), _safe_parser())
    return etree.XMLSchema(tree)


def _problems(data: bytes, validator: etree.DTD | etree.XMLSchema) -> tuple[str, ...]:
    try:
        root = etree.fromstring(data, _safe_parser())
    except etree.XMLSyntaxError as exc:
        return (f"not well-formed XML: {exc}",)
    if validator.validate(root):
        return ()
    errors = cast("Iterable[etree._LogEntry]", validator.error_log)
    return tuple(f"line {e.line}: {e.message}" for e in errors)


def tmx_problems(data: bytes) -> tuple[str, ...]:
    """Return why ``data`` is not valid TMX 1.4b (empty when it is)."""
    return _problems(data, tmx_dtd())


def xliff_problems(data: bytes) -> tuple[str, ...]:
    """Return why ``data`` is not valid XLIFF 1.2 strict (empty when it is)."""
    return _problems(data, xliff_schema())
