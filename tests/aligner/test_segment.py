"""Specifications of segmentation: ids, sentences, speaker turns and sections."""

from __future__ import annotations

import unicodedata
from typing import Literal

import pytest

from aligner.errors import LanguageError
from aligner.model import Document, Note, RawBlock, Source, SourceText, Version, note_index
from aligner.segment import segment, speaker_label
from languages.sentences import collapse_whitespace

_SOURCE = Source(sha256="1" * 64, filename="press.txt")


_Raw = tuple[Literal["p", "head", "item"], str] | str


def _text(*blocks: _Raw, title: str | None = None) -> SourceText:
    raw = tuple(RawBlock(b) if isinstance(b, str) else RawBlock(b[1], kind=b[0]) for b in blocks)
    return SourceText(blocks=raw, source=_SOURCE, title=title, date="2026-03-10")


def _turns(version: Version) -> list[tuple[str, str | None, str | None, str]]:
    return [
        (b.id, b.turn.id if b.turn else None, b.turn.who if b.turn else None, b.section)
        for b in version.blocks
    ]


def test_it_numbers_headings_and_paragraphs_separately() -> None:
    v = segment(
        _text(
            ("head", "Title"), "First. Second.", ("item", "An item."), ("head", "Part two"), "Last."
        ),
        "en",
    )
    assert [(b.id, b.kind, b.n) for b in v.blocks] == [
        ("en.h1", "head", 1),
        ("en.p1", "p", 1),
        ("en.p2", "p", 2),
        ("en.h2", "head", 2),
        ("en.p3", "p", 3),
    ]
    assert [s.id for s in v.block("en.p1").sentences] == ["en.p1.s1", "en.p1.s2"]
    assert v.block("en.h1").sentences == ()


def test_items_become_paragraphs() -> None:
    v = segment(_text(("item", "1) To extend the mandate."), ("item", "2) To review it.")), "en")
    assert [(b.kind, b.text) for b in v.blocks] == [
        ("p", "1) To extend the mandate."),
        ("p", "2) To review it."),
    ]


def test_it_normalises_text_and_drops_empty_blocks() -> None:
    decomposed = unicodedata.normalize("NFD", "Réponse   publiée\n le 3 mai. Élan.")
    v = segment(_text("  \n ", ("head", " \t"), decomposed, ""), "fr")
    assert [b.id for b in v.blocks] == ["fr.p1"]
    block = v.blocks[0]
    assert block.text == "Réponse publiée le 3 mai. Élan."
    assert unicodedata.is_normalized("NFC", block.text)
    assert [s.text for s in block.sentences] == ["Réponse publiée le 3 mai.", "Élan."]


@pytest.mark.parametrize(
    ("lang", "paragraph"),
    [
        ("de", "Am 20. Mai sprach Dr. Weber.\n Er nannte z. B. Art. 5.  Die Sitzung endete."),
        ("ru", "С.В.Лавров   принял коллегу. Обсуждались  т. е. три темы… Итоги подведены."),
        ("fr", "M. Martin a dit\u00a0: «\u00a0Non\u202f!\u00a0» Puis   il est parti."),
    ],
)
def test_a_paragraph_is_its_sentences_joined_by_one_space(lang: str, paragraph: str) -> None:
    block = segment(_text(paragraph), lang).blocks[0]
    assert block.text == " ".join(s.text for s in block.sentences)
    assert block.text == collapse_whitespace(paragraph)
    assert len(block.sentences) >= 2


def test_a_label_starts_a_turn_that_runs_until_the_next_label() -> None:
    v = segment(
        _text(
            "The Ministry issued a statement.",
            "Question: Who will attend?",
            "Answer: Fourteen delegations.",
            "The list is public.",
            "It will be updated.",
            "Question: When?",
        ),
        "en",
    )
    assert _turns(v) == [
        ("en.p1", None, None, "statement"),
        ("en.p2", "en.sp1", "journalist", "qa"),
        ("en.p3", "en.sp2", "spokesperson", "qa"),
        ("en.p4", "en.sp2", "spokesperson", "qa"),
        ("en.p5", "en.sp2", "spokesperson", "qa"),
        ("en.p6", "en.sp3", "journalist", "qa"),
    ]
    assert v.block("en.p2").text == "Who will attend?"
    turn = v.block("en.p2").turn
    assert turn is not None
    assert turn.speaker == "Question:"
    assert v.block("en.p4").turn is v.block("en.p3").turn


def test_a_heading_ends_a_turn_but_not_the_qa_section() -> None:
    v = segment(
        _text(
            ("head", "Briefing"),
            "Opening remarks.",
            "Вопрос: Когда?",
            ("head", "Другие темы"),
            "Без метки.",
        ),
        "ru",
    )
    assert [(b.id, b.section, b.turn.id if b.turn else None) for b in v.blocks] == [
        ("ru.h1", "statement", None),
        ("ru.p1", "statement", None),
        ("ru.p2", "qa", "ru.sp1"),
        ("ru.h2", "qa", None),
        ("ru.p3", "qa", None),
    ]


def test_a_label_on_its_own_line_introduces_the_next_paragraph() -> None:
    v = segment(_text("Statement.", "Sergey Lavrov:", "Thank you.", "Question:", "Why?"), "en")
    assert [(b.id, b.text, b.turn.speaker if b.turn else None) for b in v.blocks] == [
        ("en.p1", "Statement.", None),
        ("en.p2", "Thank you.", "Sergey Lavrov:"),
        ("en.p3", "Why?", "Question:"),
    ]
    assert [b.turn.id for b in v.blocks if b.turn] == ["en.sp1", "en.sp2"]


def test_a_label_with_nothing_to_introduce_stays_text() -> None:
    v = segment(_text("Answer: Yes.", "Question:", ("head", "Annex")), "en")
    assert [(b.id, b.text) for b in v.blocks] == [
        ("en.p1", "Yes."),
        ("en.p2", "Question:"),
        ("en.h1", "Annex"),
    ]
    # like any unlabelled paragraph, it goes on with the turn before it
    assert v.block("en.p2").turn == v.block("en.p1").turn


@pytest.mark.parametrize(
    ("lang", "label"),
    [
        ("fr", "Question :"),
        ("fr", "Question\u00a0:"),
        ("fr", "Réponse\u202f:"),
        ("de", "Frage:"),
        ("de", "Antwort:"),
        ("es", "Pregunta:"),
        ("es", "Respuesta:"),
        ("ru", "Вопрос:"),
        ("ru", "Ответ:"),
        ("ru", "Вопрос (перевод с английского):"),
        ("en", "QUESTION:"),
    ],
)
def test_role_labels_are_kept_as_printed(lang: str, label: str) -> None:
    v = segment(_text(f"{label} Text here."), lang)
    block = v.blocks[0]
    assert block.turn is not None
    assert block.turn.speaker == label
    assert block.turn.who in {"journalist", "spokesperson"}
    assert block.text == "Text here."


_NAMED = {
    "en": ["Question: Hello.", "Sergey Lavrov: Thanks.", "Maria Zakharova: Next."],
    "ru": ["Вопрос: Здравствуйте.", "С.В.Лавров: Спасибо.", "М.В.Захарова: Дальше."],
    "de": ["Frage: Hallo.", "Sergej Lawrow: Danke.", "Maria Sacharowa: Weiter."],
    "es": ["Pregunta: Hola.", "Serguéi Lavrov: Gracias.", "María Zajárova: Siguiente."],
    "fr": ["Question : Bonjour.", "S.Lavrov : Merci.", "M. Zakharova : Suivant."],
}


def test_the_same_speaker_gets_the_same_id_in_every_language() -> None:
    whos = {
        lang: [b.turn.who for b in segment(_text(*paras), lang).blocks if b.turn]
        for lang, paras in _NAMED.items()
    }
    assert set(map(tuple, whos.values())) == {("journalist", "lavrov", "zakharova")}


@pytest.mark.parametrize(
    ("lang", "paragraph"),
    [
        ("en", "Note: the meeting starts at noon."),
        ("en", "The Minister said: we agree."),
        ("en", "Important: bring your badge."),
        ("de", "Im Einzelnen: Die Zahl stieg."),
        ("de", "Hinweis für Redaktionen: Bilder folgen."),
        ("de", "Berlin, 12. Mai: Die Ministerin reist ab."),
        ("fr", "Note : la séance commence à midi."),
        ("es", "Nota: la reunión empieza a mediodía."),
        ("ru", "Справка: встреча начнется в полдень."),
        ("ru", "Министр заявил: мы согласны."),
        ("en", "Paris: talks resume."),
        ("en", "Question 3 of the survey: was it useful?"),
        ("en", "Questions:"),
    ],
)
def test_ordinary_sentences_with_a_colon_are_not_speaker_labels(lang: str, paragraph: str) -> None:
    v = segment(_text("Question: Why?", paragraph), lang)
    question, block = v.blocks
    assert block.text == paragraph
    assert block.turn == question.turn  # it goes on with the question
    assert speaker_label(paragraph, lang) is None


def test_a_bare_name_alone_in_a_document_is_not_a_speaker() -> None:
    v = segment(_text("Wichtige Termine: Montag und Dienstag.", "Mehr folgt."), "de")
    assert all(b.turn is None and b.section == "statement" for b in v.blocks)
    assert v.blocks[0].text == "Wichtige Termine: Montag und Dienstag."


def test_a_bare_name_is_a_speaker_when_it_recurs() -> None:
    v = segment(_text("Anna Berg: Guten Tag.", "Karl Otto: Hallo.", "Anna Berg: Also gut."), "de")
    assert [b.turn.who for b in v.blocks if b.turn] == ["berg", "otto", "berg"]


def test_a_bare_name_is_a_speaker_when_the_document_has_role_labels() -> None:
    v = segment(_text("Frage: Wann?", "Maria Sacharowa: Morgen."), "de")
    assert [b.turn.who for b in v.blocks if b.turn] == ["journalist", "zakharova"]


@pytest.mark.parametrize(
    ("paragraph", "who"),
    [
        ("S. Lavrov: Yes.", "lavrov"),
        ("Lavrov S.V.: Yes.", "lavrov"),
        ("Dr. Amina Yusuf: Yes.", "yusuf"),
        ("Jean-Yves Le Drian: Yes.", "le-drian"),
        ("Ursula von der Leyen: Yes.", "von-der-leyen"),
        ("Ryabkov: Yes.", "riabkov"),
    ],
)
def test_named_speakers_map_to_a_surname_slug(paragraph: str, who: str) -> None:
    found = speaker_label(paragraph, "en")
    assert found is not None
    assert found[1] == who


def test_the_title_comes_from_the_source_else_the_first_heading() -> None:
    assert segment(_text(("head", "Heading"), "Body.", title="Given"), "en").title == "Given"
    assert segment(_text("Body.", ("head", " The  heading ")), "en").title == "The heading"
    assert segment(_text("Body."), "en").title is None
    assert segment(_text("Body.", title=" \n "), "en").title is None
    assert segment(_text(("head", "H"), title=" A\n title "), "en").title == "A title"


def test_the_version_carries_language_source_and_date() -> None:
    v = segment(_text("Body."), "DE")
    assert (v.lang, v.source, v.date, v.original) == ("de", _SOURCE, "2026-03-10", False)
    assert v.blocks[0].id == "de.p1"


def test_an_unknown_language_is_a_language_error_naming_the_file() -> None:
    with pytest.raises(LanguageError) as caught:
        segment(_text("Body."), "xx")
    assert caught.value.lang == "xx"
    assert caught.value.path == "press.txt"


def test_a_language_without_data_still_segments() -> None:
    v = segment(_text(("head", "Заява"), "Перше речення. Друге речення."), "uk")
    assert [s.id for s in v.block("uk.p1").sentences] == ["uk.p1.s1", "uk.p1.s2"]


def test_it_reproduces_the_shared_hand_segmented_fixture(document: Document) -> None:
    for expected in document.versions:
        raw: list[_Raw] = []
        previous = None
        for b in expected.blocks:
            if b.kind == "head":
                raw.append(("head", b.text))
            elif b.turn is not None and b.turn is not previous:
                raw.append(f"{b.turn.speaker} {b.text}")
            else:
                raw.append(b.text)
            previous = b.turn
        got = segment(_text(*raw, title=expected.title), expected.lang)
        assert got.blocks == expected.blocks, expected.lang
        assert got.title == expected.title


def test_notes_keep_their_calls_through_squeezed_space_sentences_and_a_speaker_label() -> None:
    called = "Question:  The  plan was  signed,"  # the note is called after "signed,"
    raw = (
        RawBlock("Heading", kind="head", notes=(Note("*", "Official translation.", 7),)),
        RawBlock(f"{called} we think. It holds.", notes=(Note("1", "See annex.", 26),)),
        RawBlock("Answer: Yes."),
    )
    v = segment(SourceText(blocks=raw, source=_SOURCE), "en")
    head, para, answer = v.blocks
    assert head.notes == raw[0].notes
    (note,) = para.notes
    assert (note.n, note.text) == ("1", "See annex.")
    assert para.text[: note_index(para.text, note.at)] == "The plan was signed,"
    assert para.turn is not None
    assert answer.notes == ()
