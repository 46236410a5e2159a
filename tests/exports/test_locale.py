"""Exports in an interface language: row reasons, missing-run bands and Word comments.

Every message comes from the catalogue (``languages/data/print.json`` labels, read by
:mod:`languages.messages`); a string left English in German, Spanish, French or Russian
output fails here.
"""

from __future__ import annotations

import csv
import importlib.util
import io
import re
import sys
import zipfile
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import pytest
from babel import Locale
from lxml import etree
from openpyxl import load_workbook

from aligner.model import Document
from exports import ExportOptions, render
from exports.table import Table, build_table
from languages.messages import MESSAGES, speaking
from languages.typography import labels, typography

LOCALES = ("de", "es", "fr", "ru")
BENCH = Path(__file__).resolve().parents[2] / "benchmarks" / "bench_flags.py"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _english_fragments() -> list[str]:
    """Return the fixed words of every English message and the English language names."""
    english = typography("en").labels
    found = {"German", "English", "Spanish", "French", "Russian"}
    for key, template in english.items():
        if key.startswith(("reason.", "band", "comment")):
            for piece in re.split(r"\{\w+\}", template):
                piece = piece.strip(" ().:;,")
                if len(piece) >= 4:
                    found.add(piece)
    return sorted(found)


FRAGMENTS = _english_fragments()


def _english_in(text: str) -> list[str]:
    return [f for f in FRAGMENTS if re.search(rf"(?<!\w){re.escape(f)}(?!\w)", text)]


@pytest.fixture(scope="module")
def dev_document() -> Document:
    """A dev-set press release with a number one version changed and a clause left out."""
    spec = importlib.util.spec_from_file_location("bench_flags", BENCH)
    assert spec is not None
    assert spec.loader is not None
    module: ModuleType = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    document, _planted = module.read_dev_document(module.DEV_SET / "rail-report.txt")
    assert isinstance(document, Document)
    return document


def _tables(document: Document, dev_document: Document, locale: str) -> Iterator[Table]:
    yield build_table(document, ("de", "es", "en"), locale=locale)
    yield build_table(document, ("es", "fr"), level="sentence", locale=locale)
    yield build_table(dev_document, dev_document.langs, locale=locale)


@pytest.mark.parametrize("lang", ["de", "en", "es", "fr", "ru"])
def test_every_shipped_language_has_every_message_with_the_same_fields(lang: str) -> None:
    own = typography(lang).labels
    english = typography("en").labels
    assert speaking(lang) == lang
    for key in MESSAGES:
        assert set(re.findall(r"\{\w+\}", own[key])) == set(re.findall(r"\{\w+\}", english[key]))
    for key in ("band.headings", "band.words"):
        for category in Locale.parse(lang).plural_form.tags | {"other"}:
            assert f"{key}.{category}" in own, (lang, key, category)


@pytest.mark.parametrize("locale", LOCALES)
def test_row_reasons_and_bands_are_said_in_the_locale(
    document: Document, dev_document: Document, locale: str
) -> None:
    kinds = set()
    for table, english in zip(
        _tables(document, dev_document, locale), _tables(document, dev_document, "en"), strict=True
    ):
        for row, english_row in zip(table.rows, english.rows, strict=True):
            assert [f.kind for f in row.flags] == [f.kind for f in english_row.flags]
            for flag, english_flag in zip(row.flags, english_row.flags, strict=True):
                kinds.add(flag.kind)
                assert flag.reason != english_flag.reason
                assert _english_in(flag.reason) == [], flag.reason
    assert kinds == {"unaligned", "low-confidence", "numbers-differ", "omission", "missing-run"}


def test_the_reasons_use_the_locale_s_numbers_and_plurals(document: Document) -> None:
    rows = build_table(document, ("de", "es", "en"), locale="ru").rows
    assert rows[3].band == (
        "Пропуск в версиях (испанский): немецкий текст, абзац 4 (3 слова); "
        "английский текст, абзац 3 (4 слова)"
    )
    assert "уверенность выравнивания 0,41 ниже 0,90" in rows[3].reasons
    german = build_table(document, ("de", "es"), locale="de").rows[3]
    assert german.reasons.endswith(
        "; Text nur auf Deutsch; Zuordnungssicherheit 0,41 liegt unter 0,90"
    )


def test_an_unknown_locale_speaks_english_throughout(document: Document) -> None:
    for locale in ("qaa", "pt", "it"):
        rows = build_table(document, ("de", "es", "en"), locale=locale).rows
        assert rows[3].band == build_table(document, ("de", "es", "en")).rows[3].band


def _docx_parts(document: Document, locale: str) -> tuple[etree._Element, etree._Element]:
    options = ExportOptions(langs=("de", "es", "en"), locale=locale)
    data = render([document], "docx", options).outputs[0].data
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return etree.fromstring(z.read("word/document.xml")), etree.fromstring(
            z.read("word/comments.xml")
        )


@pytest.mark.parametrize("locale", LOCALES)
def test_word_comments_and_the_band_row_are_in_the_locale(document: Document, locale: str) -> None:
    body, comments = _docx_parts(document, locale)
    said = ["".join(t.text or "" for t in c.iter(f"{W}t")) for c in comments.iter(f"{W}comment")]
    assert len(said) >= 2
    words = labels(locale)
    for text in said:
        assert _english_in(text) == [], text
        assert text.startswith(words["comment"].split("{")[0])
    tag = {"de": "de-DE", "es": "es-ES", "fr": "fr-FR", "ru": "ru-RU"}[locale]
    langs = {e.get(f"{W}val") for e in comments.iter(f"{W}lang")}
    assert langs == {tag}
    band = build_table(document, ("de", "es", "en"), locale=locale).rows[3].band
    assert band is not None
    paragraphs = ["".join(t.text or "" for t in p.iter(f"{W}t")) for p in body.iter(f"{W}p")]
    assert band in paragraphs
    assert not any(p.startswith("No Spanish text") for p in paragraphs)


@pytest.mark.parametrize(("fmt", "locale"), [("csv", "fr"), ("xlsx", "ru"), ("csv", "es")])
def test_the_review_table_s_reasons_are_in_the_locale(
    document: Document, fmt: str, locale: str
) -> None:
    options = ExportOptions(langs=("de", "es", "en"), locale=locale)
    data = render([document], fmt, options).outputs[0].data
    if fmt == "csv":
        rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    else:
        sheet = load_workbook(io.BytesIO(data)).worksheets[0]
        rows = [["" if v is None else str(v) for v in r] for r in sheet.iter_rows(values_only=True)]
    header = rows[0]
    reasons = [r[header.index("reasons")] for r in rows[1:] if r and r[header.index("flags")]]
    expected = [r.reasons for r in build_table(document, ("de", "es", "en"), locale=locale).rows]
    assert reasons == [r for r in expected if r]
    assert all(_english_in(r) == [] for r in reasons), reasons
