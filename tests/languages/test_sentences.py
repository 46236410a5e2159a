"""Specifications of the sentence splitter, language by language."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

from languages.profiles import profile
from languages.sentences import collapse_whitespace, split_sentences

_BENCH = Path(__file__).resolve().parents[2] / "benchmarks" / "bench_sentences.py"

NNBSP = "\u202f"
NBSP = "\u00a0"

CASES: list[tuple[str, str, list[str]]] = [
    # German
    ("de", "Das gilt z. B. für Nr. 5. Die Frist läuft ab.",
     ["Das gilt z. B. für Nr. 5.", "Die Frist läuft ab."]),
    ("de", "Dr. Weber sprach mit Prof. Dr. Kaya. Beide stimmten zu.",
     ["Dr. Weber sprach mit Prof. Dr. Kaya.", "Beide stimmten zu."]),
    ("de", "Am 20. Mai 2025 tagte der Rat. Er beschloss bzw. bestätigte drei Punkte.",
     ["Am 20. Mai 2025 tagte der Rat.", "Er beschloss bzw. bestätigte drei Punkte."]),
    ("de", "Die Frist endet am 3. Oktober. Danach entscheidet der 2. Senat.",
     ["Die Frist endet am 3. Oktober.", "Danach entscheidet der 2. Senat."]),
    ("de", "Das Treffen findet vom 12.–14. März statt. Anmeldung bis 1. März.",
     ["Das Treffen findet vom 12.–14. März statt.", "Anmeldung bis 1. März."]),
    ("de", "Die Erklärung stammt vom 10.12.1948. Sie gilt weltweit.",
     ["Die Erklärung stammt vom 10.12.1948.", "Sie gilt weltweit."]),
    ("de", "Das Wachstum lag bei 1,5 %. Im Vorjahr waren es 1,2 %.",
     ["Das Wachstum lag bei 1,5 %.", "Im Vorjahr waren es 1,2 %."]),
    ("de", "Teilnehmer waren u. a. Frankreich und Polen. Siehe S. 12 des Berichts.",
     ["Teilnehmer waren u. a. Frankreich und Polen.", "Siehe S. 12 des Berichts."]),
    ("de", "Sie sagte: „Wir kommen.“ Dann ging sie.",
     ["Sie sagte: „Wir kommen.“", "Dann ging sie."]),
    ("de", "Er rief: »Genug!« Danach war es still.", ["Er rief: »Genug!«", "Danach war es still."]),
    ("de", "Sie sprach mit S. Lawrow. Das Gespräch dauerte eine Stunde.",
     ["Sie sprach mit S. Lawrow.", "Das Gespräch dauerte eine Stunde."]),
    ("de", "Die Zahl stieg auf 20. Die Regierung reagierte.",
     ["Die Zahl stieg auf 20.", "Die Regierung reagierte."]),
    ("de", "1. Die Versammlung begrüßt den Bericht.", ["1. Die Versammlung begrüßt den Bericht."]),
    ("de", "Wir warten … Vielleicht kommt er noch.", ["Wir warten …", "Vielleicht kommt er noch."]),
    ("de", "Das Zitat „[…] Frieden“ ist bekannt.", ["Das Zitat „[…] Frieden“ ist bekannt."]),
    # English
    ("en", "Mr. Smith met Dr. Jones. They talked.", ["Mr. Smith met Dr. Jones.", "They talked."]),
    ("en", "See e.g. Resolution No. 5. It is clear, i.e. binding.",
     ["See e.g. Resolution No. 5.", "It is clear, i.e. binding."]),
    ("en", "Aid rose 1.5 per cent in the U.S. The rest fell.",
     ["Aid rose 1.5 per cent in the U.S.", "The rest fell."]),
    ("en", "The U.S. Government agreed.", ["The U.S. Government agreed."]),
    ("en", 'He said: "We agree." Then he left.', ['He said: "We agree."', "Then he left."]),
    ("en", "“Enough!” she said. Nobody answered.", ["“Enough!” she said.", "Nobody answered."]),
    ("en", "They met in Geneva (see Annex 2.) The talks ended.",
     ["They met in Geneva (see Annex 2.)", "The talks ended."]),
    ("en", "Write to press@example.org. Visit https://example.org/a.b. Thanks.",
     ["Write to press@example.org.", "Visit https://example.org/a.b.", "Thanks."]),
    ("en", "It starts at 10 a.m. The press are invited.",
     ["It starts at 10 a.m.", "The press are invited."]),
    ("en", "Why? Because it matters! 48 States agreed.",
     ["Why?", "Because it matters!", "48 States agreed."]),
    ("en", "The Council decided: a) to extend; b) to review.",
     ["The Council decided: a) to extend; b) to review."]),
    ("en", "This is settled. a) The first point is clear.",
     ["This is settled.", "a) The first point is clear."]),
    ("en", "Talks continue, etc. The Minister left.",
     ["Talks continue, etc.", "The Minister left."]),
    ("en", "J. F. Kennedy spoke. So did V. V. Putin.",
     ["J. F. Kennedy spoke.", "So did V. V. Putin."]),
    # Spanish
    ("es", "¿Vendrá el Sr. Díaz? ¡Claro que sí! Llega el lunes.",
     ["¿Vendrá el Sr. Díaz?", "¡Claro que sí!", "Llega el lunes."]),
    ("es", "La Sra. Ruiz citó, p. ej., el art. 5. Nadie se opuso.",
     ["La Sra. Ruiz citó, p. ej., el art. 5.", "Nadie se opuso."]),
    ("es", "Viajó a EE. UU. el martes. Volverá pronto.",
     ["Viajó a EE. UU. el martes.", "Volverá pronto."]),
    ("es", "Viajó a EE. UU. Allí se reunió con el enviado.",
     ["Viajó a EE. UU.", "Allí se reunió con el enviado."]),
    ("es", "Véase la resolución núm. 2719. El texto es claro.",
     ["Véase la resolución núm. 2719.", "El texto es claro."]),
    ("es", "El PIB creció un 1,5 %. Dijo: «Es poco». Nadie respondió.",
     ["El PIB creció un 1,5 %.", "Dijo: «Es poco».", "Nadie respondió."]),
    ("es", "¿Qué opina?, preguntó el periodista.", ["¿Qué opina?, preguntó el periodista."]),
    # French
    ("fr", "M. Martin a reçu MM. Durand et Petit. Mme Roy était absente.",
     ["M. Martin a reçu MM. Durand et Petit.", "Mme Roy était absente."]),
    ("fr", "Il cite, p. ex., l’art. 7. Le texte est clair.",
     ["Il cite, p. ex., l’art. 7.", "Le texte est clair."]),
    ("fr", f"Qui participe{NNBSP}? Les délégations de 14 pays{NNBSP}!",
     [f"Qui participe{NNBSP}?", f"Les délégations de 14 pays{NNBSP}!"]),
    ("fr", "Qui participe ? Les délégations ! Merci.",
     ["Qui participe ?", "Les délégations !", "Merci."]),
    ("fr", f"Il a dit{NBSP}: «{NBSP}C’est fini.{NBSP}» Puis il est parti.",
     [f"Il a dit{NBSP}: «{NBSP}C’est fini.{NBSP}»", "Puis il est parti."]),
    ("fr", "Il a dit : « C’est fini. » Puis il est parti.",
     ["Il a dit : « C’est fini. »", "Puis il est parti."]),
    ("fr", "« Non ! » dit-il. Le débat continua.", ["« Non ! » dit-il.", "Le débat continua."]),
    ("fr", "Le budget est de 12,5 millions. L’accord a été signé.",
     ["Le budget est de 12,5 millions.", "L’accord a été signé."]),
    # Russian
    ("ru", "С.В.Лавров встретился с коллегой. Переговоры прошли успешно.",
     ["С.В.Лавров встретился с коллегой.", "Переговоры прошли успешно."]),
    ("ru", "Встречу провёл С. В. Лавров. Итоги подведены.",
     ["Встречу провёл С. В. Лавров.", "Итоги подведены."]),
    ("ru", "Речь идёт о торговле, энергетике и т. д. Стороны договорились.",
     ["Речь идёт о торговле, энергетике и т. д.", "Стороны договорились."]),
    ("ru", "Это, т. е. соглашение, вступит в силу. См. ст. 5 договора.",
     ["Это, т. е. соглашение, вступит в силу.", "См. ст. 5 договора."]),
    ("ru", "Конференция откроется 14 марта 2026 г. Ожидается 120 гостей.",
     ["Конференция откроется 14 марта 2026 г.", "Ожидается 120 гостей."]),
    ("ru", "В 2021 г. Россия приняла закон.", ["В 2021 г. Россия приняла закон."]),
    ("ru", "Встреча прошла в г. Москве. Она длилась час.",
     ["Встреча прошла в г. Москве.", "Она длилась час."]),
    ("ru", "В 1990-х гг. ситуация изменилась. Университет им. Ломоносова открыт.",
     ["В 1990-х гг. ситуация изменилась.", "Университет им. Ломоносова открыт."]),
    ("ru", "Министр заявил: «Мы готовы». Ответа не последовало.",
     ["Министр заявил: «Мы готовы».", "Ответа не последовало."]),
    ("ru", "Рост составил 1,5 %. Это немного!", ["Рост составил 1,5 %.", "Это немного!"]),
    ("ru", "Почему? — Потому что так решили.", ["Почему?", "— Потому что так решили."]),
    # languages with less data, and one with none
    ("it", "Il Sig. Rossi ha parlato. La seduta è tolta.",
     ["Il Sig. Rossi ha parlato.", "La seduta è tolta."]),
    ("is", "Þingið er haldið a.m.k. einu sinni á ári. Það hefst 17. júní.",
     ["Þingið er haldið a.m.k. einu sinni á ári.", "Það hefst 17. júní."]),
    ("uk", "Зустріч відбулася у Києві. Сторони обговорили питання.",
     ["Зустріч відбулася у Києві.", "Сторони обговорили питання."]),
    ("uk", "Зустріч провів С. В. Петренко. Він задоволений.",
     ["Зустріч провів С. В. Петренко.", "Він задоволений."]),
    # an opener written with an elision counts as a whole word after an ambiguous abbreviation
    ("fr", "Le contrat est signé avec Durand et Cie. C’est une première.",
     ["Le contrat est signé avec Durand et Cie.", "C’est une première."]),
]  # fmt: skip


@pytest.mark.parametrize(("lang", "text", "expected"), CASES)
def test_it_splits_where_a_reader_would(lang: str, text: str, expected: list[str]) -> None:
    assert split_sentences(text, profile(lang)) == expected


@pytest.mark.parametrize(("lang", "text", "expected"), CASES)
def test_splitting_is_lossless(lang: str, text: str, expected: list[str]) -> None:
    messy = "  " + text.replace(" ", " \n\t ", 3) + "\n"
    assert " ".join(split_sentences(messy, profile(lang))) == collapse_whitespace(messy)


def test_it_returns_nothing_for_blank_text() -> None:
    assert split_sentences(" \n\t ", profile("en")) == []


def test_it_never_cuts_at_a_no_break_space() -> None:
    text = f"Le taux est de 12,5{NNBSP}%. C’est{NBSP}bien."
    assert split_sentences(text, profile("fr")) == [
        f"Le taux est de 12,5{NNBSP}%.",
        "C’est\u00a0bien.",
    ]


def test_collapsing_keeps_no_break_spaces_but_not_mixed_runs() -> None:
    assert collapse_whitespace(f"a{NBSP}b \t c{NBSP} d") == f"a{NBSP}b c d"
    assert collapse_whitespace(f"{NBSP}x{NNBSP}") == "x"


def _bench() -> ModuleType:
    spec = importlib.util.spec_from_file_location("bench_sentences", _BENCH)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("lang", ["de", "en", "es", "fr", "ru"])
def test_the_evaluation_set_is_split_with_high_f1(lang: str) -> None:
    bench = _bench()
    gold = bench.load(lang)
    assert sum(len(p) for p in gold) >= 100
    result = bench.score(lang, gold)
    assert result.f1 >= 0.98, result.errors
    assert result.exact >= 0.97, result.errors


@pytest.mark.parametrize("lang", ["de", "en", "es", "fr", "ru"])
def test_the_evaluation_set_round_trips_losslessly(lang: str) -> None:
    for paragraph in _bench().load(lang):
        text = " ".join(paragraph)
        assert " ".join(split_sentences(text, profile(lang))) == text
