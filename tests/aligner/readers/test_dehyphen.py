"""Hyphens at line ends: a typesetter's breaks are undone, the words' own hyphens stay."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from aligner.readers._dehyphen import Dehyphenator

WORDS = json.loads(
    (Path(__file__).parents[2] / "data" / "pdf" / "hyphenation.json").read_text("utf-8")
)
CASES = [(lang, *case) for lang in ("de", "en", "fr", "es", "ru") for case in WORDS[lang]]


@pytest.mark.parametrize(("lang", "end", "start", "word"), CASES)
def test_a_word_broken_at_a_line_end_reads_as_it_is_written(
    lang: str, end: str, start: str, word: str
) -> None:
    assert Dehyphenator(lang, "").join(f"x {end}", start) == f"x {word}"


def test_the_document_says_which_hyphens_are_its_words() -> None:
    # pyphen would allow both breaks; the same words elsewhere in the text decide
    text = "Die Bundesregierung und die Süd-Nord-Kommission; die Staatskunde."
    dehyphenate = Dehyphenator("de", text)
    assert dehyphenate.join("die Bundes-", "regierung") == "die Bundesregierung"
    assert dehyphenate.join("die Staats-", "kunde") == "die Staatskunde"
    with_hyphen = Dehyphenator("de", "Die Staats-kunde ist alt.")
    assert with_hyphen.join("die Staats-", "kunde") == "die Staats-kunde"


def test_without_a_language_a_lower_case_continuation_joins() -> None:
    dehyphenate = Dehyphenator(None, "")
    assert dehyphenate.join("the agree-", "ment") == "the agreement"
    assert dehyphenate.join("the UN-", "led talks") == "the UN-led talks"
