"""Language identification among the languages in play, and the mismatch warning."""

from __future__ import annotations

from pathlib import Path

import py3langid.langid as langid_module
import pytest

from aligner.errors import LanguageError
from languages.identify import check, identify, supported, unload

UDHR = Path("/work/shared/corpus/udhr")
LANGS = ["de", "en", "es", "fr", "ru"]


def paragraphs(lang: str) -> list[str]:
    text = (UDHR / f"{lang}.txt").read_text("utf-8")
    return [p for p in text.split("\n\n") if len(p) > 100]


@pytest.mark.parametrize("lang", LANGS)
def test_every_long_udhr_paragraph_is_identified_among_the_five(lang: str) -> None:
    found = {identify(p, LANGS)[0] for p in paragraphs(lang)}
    assert found == {lang}


def test_the_probability_is_over_the_candidates_only() -> None:
    lang, probability = identify("Все люди рождаются свободными и равными.", ["ru", "uk"])
    assert lang == "ru"
    assert 0.5 < probability <= 1.0


def test_restricting_candidates_changes_the_answer_for_a_close_language() -> None:
    # Icelandic, with Icelandic out of play: the answer must be one of the candidates
    text = "Þjóðin fagnaði samkomulaginu um verndun hafsins og fiskimiðanna."
    assert identify(text)[0] == "is"
    assert identify(text, ["de", "en"])[0] in {"de", "en"}


def test_region_subtags_are_ignored_and_unknown_codes_dropped() -> None:
    assert identify("The Minister answered questions.", ["en-GB", "ru-RU", "xx"])[0] == "en"


def test_a_single_candidate_is_certain() -> None:
    assert identify("whatever", ["fr"]) == ("fr", 1.0)


def test_candidates_the_model_does_not_know_are_a_language_error() -> None:
    with pytest.raises(LanguageError, match="no language model"):
        identify("text", ["xx", "yy"])


def test_the_global_identifier_of_py3langid_is_left_alone() -> None:
    before = langid_module.IDENTIFIER
    identify("Der Minister hat gesprochen.", ["de", "en"])
    identify("Der Minister hat gesprochen.")
    assert langid_module.IDENTIFIER is before


def test_the_model_knows_the_languages_we_ship_profiles_for() -> None:
    assert set(LANGS) | {"is", "uk", "it"} <= supported()


@pytest.mark.parametrize("declared", LANGS)
def test_check_is_silent_on_every_udhr_version_in_its_own_language(declared: str) -> None:
    text = (UDHR / f"{declared}.txt").read_text("utf-8")
    assert check(text, declared, LANGS) is None
    assert check(text, declared, None) is None


def test_check_warns_when_the_text_is_clearly_another_language() -> None:
    text = (UDHR / "ru.txt").read_text("utf-8")
    warning = check(text, "fr", LANGS)
    assert warning == "text declared as French (fr) reads as Russian (ru), 100% sure"


def test_check_warns_even_when_the_real_language_is_not_a_candidate() -> None:
    text = (UDHR / "de.txt").read_text("utf-8")
    warning = check(text, "en", None)
    assert warning is not None
    assert "reads as German (de)" in warning


def test_check_is_silent_on_short_texts() -> None:
    assert check("Статья 1. Все люди рождаются свободными.", "en", LANGS) is None
    assert check("Article 1", "ru", LANGS) is None


def test_check_is_silent_when_the_declared_language_is_unknown_to_the_model() -> None:
    text = (UDHR / "en.txt").read_text("utf-8")
    assert check(text, "xx", LANGS) is None


CHINESE = (
    "外交部长在新闻发布会上回答了记者的问题。他说，两国已经就河流监测网络达成一致，"
    "第一批十二个监测站将在年底前建成。我国将承担三分之一的费用。"
)


def test_text_in_a_script_the_language_is_not_written_in_is_a_mismatch() -> None:
    problem = check(CHINESE, "de")
    assert problem == "text declared as German (de) is in Han script: it reads as Chinese (zh)"


def test_a_language_written_in_two_scripts_accepts_both() -> None:
    latin = "Svi ljudi se rađaju slobodni i jednaki u dostojanstvu i pravima, obdareni razumom."
    cyrillic = "Сва људска бића рађају се слободна и једнака у достојанству и правима, обдарена."
    assert check(latin, "sr") is None
    assert check(cyrillic, "sr") is None
    assert check(latin * 4, "uk") is not None


def test_an_unloaded_model_loads_again_on_the_next_question() -> None:
    text = "Der Hafen wird im Frühjahr erneuert, und die Fähren fahren weiter."
    before = identify(text, ["de", "nl", "en"])
    unload()
    assert identify(text, ["de", "nl", "en"]) == before
