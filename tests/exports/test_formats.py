"""The export registry: one entry per format, read by render, the CLI and the service."""

from __future__ import annotations

import dataclasses
import importlib

import pytest

from aligner.errors import ExportError, LanguageError, MissingLanguageError
from aligner.model import Document
from exports import FORMATS, ExportOptions, languages, render


@pytest.mark.parametrize("fmt", list(FORMATS))
def test_every_format_renders_with_what_its_entry_registers(document: Document, fmt: str) -> None:
    spec = FORMATS[fmt]
    assert spec.name == fmt
    assert callable(importlib.import_module(spec.module).render)
    outputs = render([document], fmt, ExportOptions(langs=("en", "ru"))).outputs
    assert outputs
    assert {(o.media_type, o.extension) for o in outputs} == {(spec.media_type, spec.suffix)}


@pytest.mark.parametrize("fmt", list(FORMATS))
def test_an_entry_names_only_options_that_exist(fmt: str) -> None:
    fields = {f.name for f in dataclasses.fields(ExportOptions)}
    assert set(FORMATS[fmt].options) <= fields


def test_it_refuses_a_language_the_document_lacks(document: Document) -> None:
    with pytest.raises(ExportError, match="it") as caught:
        languages([document], ("de", "it"))
    assert isinstance(caught.value, LanguageError)
    assert caught.value.lang == "it"


@pytest.mark.parametrize(
    "options",
    [
        ExportOptions(langs=("de", "ja")),
        ExportOptions(pair=("de", "ja")),
        ExportOptions(source="ja"),
    ],
)
@pytest.mark.parametrize("fmt", ["csv", "tmx", "xliff"])
def test_render_checks_every_language_option_once_for_every_format(
    document: Document, fmt: str, options: ExportOptions
) -> None:
    with pytest.raises(MissingLanguageError, match="language ja is not in the document"):
        render([document], fmt, options)


def test_it_names_the_formats_when_one_is_unknown(document: Document) -> None:
    with pytest.raises(ExportError, match="unknown export format 'odt'; choose one of tei, docx"):
        render([document], "odt", ExportOptions())
