"""Specifications of the language profiles and their data files."""

from __future__ import annotations

import json
import re
from importlib import resources

import pytest

from aligner.errors import LanguageError
from languages.profiles import LanguageProfile, profile, profiled_languages

_CORE = ("de", "en", "es", "fr", "ru")


@pytest.mark.parametrize(
    ("code", "name", "display", "english"),
    [
        ("de", "Deutsch", "Deutsch", "German"),
        ("en", "English", "English", "English"),
        ("es", "español", "Español", "Spanish"),
        ("fr", "français", "Français", "French"),
        ("ru", "русский", "Русский", "Russian"),
        ("it", "italiano", "Italiano", "Italian"),
        ("is", "íslenska", "Íslenska", "Icelandic"),
    ],
)
def test_it_names_a_language_in_itself_and_in_english(
    code: str, name: str, display: str, english: str
) -> None:
    p = profile(code)
    assert (p.code, p.name, p.display_name, p.english_name) == (code, name, display, english)
    assert p.locale.language == code


@pytest.mark.parametrize("code", ["xx", "qq-ZZ", "", "   ", "de DE", "12", "ру"])
def test_it_refuses_a_code_babel_does_not_know_and_names_it(code: str) -> None:
    with pytest.raises(LanguageError, match=re.escape(repr(code))) as caught:
        profile(code)
    assert caught.value.lang == code


@pytest.mark.parametrize("code", ["und", "root", "und-Latn", "mul"])
def test_it_refuses_codes_that_name_no_language(code: str) -> None:
    with pytest.raises(LanguageError, match="names no language") as caught:
        profile(code)
    assert caught.value.lang == code


@pytest.mark.parametrize(
    ("given", "code"),
    [("DE", "de"), ("pt_br", "pt-BR"), ("de-at", "de-AT"), ("sr_latn", "sr-Latn")],
)
def test_it_normalises_the_code_to_bcp47_spelling(given: str, code: str) -> None:
    assert profile(given).code == code


def test_a_regional_code_uses_the_language_data() -> None:
    assert profile("de-AT").abbreviations == profile("de").abbreviations
    assert profile("de-AT").generic is False


@pytest.mark.parametrize("code", ["uk", "pl", "nl", "ja"])
def test_a_language_without_data_gets_a_generic_profile(code: str) -> None:
    p = profile(code)
    assert p.generic is True
    assert p.abbreviations == frozenset()
    assert p.speaker_roles == {}
    assert p.display_name[:1] == p.display_name[:1].upper()
    assert p.decimal_separator in {",", "."}


def test_a_generic_profile_takes_names_and_numbers_from_babel() -> None:
    p = profile("uk")
    assert (p.name, p.display_name, p.decimal_separator) == ("українська", "Українська", ",")


@pytest.mark.parametrize(("code", "sep"), [("de", ","), ("en", "."), ("ru", ","), ("fr", ",")])
def test_it_knows_the_decimal_separator(code: str, sep: str) -> None:
    assert profile(code).decimal_separator == sep


def test_profiles_are_cached_values() -> None:
    assert profile("de") is profile("de")
    assert profile("de") is profile("DE")
    assert isinstance(hash(profile("ru")), int)


def test_data_files_exist_for_the_core_languages_and_two_more() -> None:
    assert set(_CORE) | {"it", "is"} <= set(profiled_languages())
    for code in _CORE:
        assert profile(code).generic is False


@pytest.mark.parametrize("code", _CORE)
def test_question_and_answer_words_map_to_the_same_roles(code: str) -> None:
    roles = set(profile(code).speaker_roles.values())
    assert {"journalist", "spokesperson"} <= roles


@pytest.mark.parametrize(
    ("code", "question", "answer"),
    [
        ("de", "Frage", "Antwort"),
        ("en", "Question", "Answer"),
        ("es", "Pregunta", "Respuesta"),
        ("fr", "Question", "Réponse"),
        ("ru", "Вопрос", "Ответ"),
        ("it", "Domanda", "Risposta"),
        ("is", "Spurning", "Svar"),
    ],
)
def test_role_words_are_looked_up_without_regard_to_case(
    code: str, question: str, answer: str
) -> None:
    p = profile(code)
    assert p.role(question) == "journalist"
    assert p.role(question.upper()) == "journalist"
    assert p.role(answer) == "spokesperson"
    assert p.role("Sergey") is None


def test_listed_surnames_map_to_the_russian_romanisation() -> None:
    assert profile("de").person("Lawrow") == "lavrov"
    assert profile("es").person("Zajárova") == "zakharova"
    assert profile("fr").person("Poutine") == "putin"
    assert profile("en").person("Smith") is None


def test_quote_pairs_follow_the_language() -> None:
    assert "“" in profile("de").closing_quotes
    assert "“" in profile("en").opening_quotes
    assert "»" in profile("fr").closing_quotes
    assert "»" in profile("de").opening_quotes


def test_only_languages_with_ordinal_dots_say_so() -> None:
    assert {c for c in profiled_languages() if profile(c).ordinal_dot} == {"de", "is"}


@pytest.mark.parametrize("code", ["de", "en", "es", "fr", "ru", "it", "is"])
def test_every_data_file_is_well_formed(code: str) -> None:
    path = resources.files("languages") / "data" / f"{code}.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    known = {f for f in LanguageProfile.__dataclass_fields__} - {
        "code",
        "locale",
        "name",
        "english_name",
        "display_name",
        "generic",
    }
    assert set(data) <= known
    for key in ("abbreviations", "abbreviations_before_number", "abbreviations_terminal"):
        for item in data.get(key, []):
            assert item == item.strip(), (code, key, item)
            assert item.endswith("."), (code, key, item)
    for role in data.get("speaker_roles", {}).values():
        assert role in {"journalist", "spokesperson", "moderator"}
    for who in data.get("speaker_names", {}).values():
        assert who.isascii(), who
        assert who.islower(), who
    for pair in data.get("quotes", []):
        assert len(pair) == 2
        assert all(len(q) == 1 for q in pair)
