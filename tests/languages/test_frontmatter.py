"""Front matter: date lines, document symbols and bylines are told from running text."""

from __future__ import annotations

import pytest

from languages.frontmatter import front_kind, front_matter


@pytest.mark.parametrize(
    ("lang", "text", "kind"),
    [
        ("de", "Berlin, 14. März 2026", "date"),
        ("de", "Genf, Montag, 2. November 2026 – 11.00 Uhr", "date"),
        ("en", "14 March 2026 | Print | Share", "date"),
        ("en", "New York, 10 December 2026", "date"),
        ("en", "10.12.2026", "date"),
        ("fr", "Tarvel, le 14 mars 2026", "date"),
        ("es", "Tarvel, 14 de marzo de 2026", "date"),
        ("ru", "Тарвель, 14 марта 2026 г.", "date"),
        ("en", "A/RES/217 (III)", "symbol"),
        ("ru", "E/CN.4/2026/L.5", "symbol"),
        ("en", "By Helga Weber", "byline"),
        ("fr", "Par Jean-Luc Martin", "byline"),
    ],
)
def test_it_tells_front_matter(lang: str, text: str, kind: str) -> None:
    assert front_matter(text, lang) == kind


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("de", "Am 14. März 2026 beginnt die Konferenz."),
        ("en", "In 2026 the river was cleaner than in 2025."),
        ("en", "The budget rose to 12.5 million euros in March 2026 and stayed there."),
        ("en", "By 2030 the river will be clean."),
        ("ru", "Конференция откроется 14 марта 2026 г."),
        ("en", "Article 1"),
        ("en", "and/or"),
        ("fr", "Tarvel"),
    ],
)
def test_running_text_is_not_front_matter(lang: str, text: str) -> None:
    assert front_matter(text, lang) is None


def test_a_contact_line_with_a_name_and_a_role_is_no_byline() -> None:
    assert front_kind("Maria Lindqvist, Chair of the Northern Rivers Commission") == "byline"
    assert front_kind("Anna Berg, NRC, +00 100 200 30 41, [email protected]") is None
    assert front_kind("Anna Berg, pressesprecherin, anna.berg@nrc.example") is None
