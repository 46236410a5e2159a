"""Print typography: the spaces a printed line must not break at, and words kept whole."""

from __future__ import annotations

import pytest

from languages.typography import NBSP, bind, keep_whole, labels, typography


@pytest.mark.parametrize(
    ("lang", "text", "bound"),
    [
        ("ru", "С 1 июня выплачено 50 000 рублей", ["С 1", "1 июня", "50 000", "000 рублей"]),
        ("ru", "Это сказал С. В. Лавров в Москве.", ["С. В.", "В. Лавров", "в Москве."]),
        ("ru", "Москва — столица", ["Москва —"]),
        ("de", "Am 14. März 2026 kamen 120 Gäste", ["14. März", "März 2026"]),
        ("de", "ein Plus von 12,5 Mio. Euro", ["12,5 Mio."]),
        ("de", "laut Art. 5 und § 12", ["Art. 5", "§ 12"]),
        ("en", "On 14 March 2026 he paid $ 40 or 12 %", ["14 March", "March 2026", "$ 40", "12 %"]),
        ("en", "Dr. Weber and H. G. Wells", ["Dr. Weber", "H. G.", "G. Wells"]),
        ("fr", "Quoi ? « Oui » : le 3 mai", ["Quoi ?", "« Oui", "Oui »", "» :", "3 mai"]),
    ],
)
def test_it_binds_what_a_line_must_not_break(lang: str, text: str, bound: list[str]) -> None:
    set_text = bind(text, lang)
    assert set_text.replace(NBSP, " ") == text  # the words are the source's
    for pair in bound:
        assert pair.replace(" ", NBSP) in set_text, pair


@pytest.mark.parametrize(
    ("lang", "text", "free"),
    [
        ("en", "In 2025 the plan worked", ["In 2025", "2025 the"]),
        ("de", "Berlin, 14. März 2026: H. Schmidt sagt", ["2026: H."]),
        ("en", "The committee met today", ["The committee", "committee met"]),
        ("ru", "Стороны обсудили вопросы", ["Стороны обсудили"]),
    ],
)
def test_it_leaves_other_spaces_to_break(lang: str, text: str, free: list[str]) -> None:
    set_text = bind(text, lang)
    for pair in free:
        assert pair in set_text, pair


def test_it_changes_only_single_spaces_between_words() -> None:
    text = "50  000\t€ and\n12 %"
    assert bind(text, "en") == "50  000\t€ and\n12\u00a0%"


def test_names_and_short_words_stay_whole_but_german_nouns_hyphenate() -> None:
    assert keep_whole("Helga", "en")
    assert keep_whole("Tarvel", "fr")
    assert keep_whole("Markova", "ru")
    assert keep_whole("Wasserkonferenz", "en")  # capitalised in English: a name
    assert not keep_whole("cooperation", "en")
    assert not keep_whole("Wasserkonferenz", "de")  # a German noun
    assert keep_whole("Schmidtbauer", "de", names={"Schmidtbauer"})  # also in another version


def test_the_legend_speaks_the_locale_and_falls_back_to_english() -> None:
    assert labels("ru")["low-confidence"] == "выравнивание ниже порога проверки"
    assert labels("de")["marked_rows"] == "Markierte Zeilen:"
    assert labels("pt")["marked_rows"] == "Marked rows:"  # no words of its own: English
    # French has every English key of its own (and plural forms English lacks)
    assert set(typography("en").labels) <= set(typography("fr").labels)
