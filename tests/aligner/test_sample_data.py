"""The bundled sample and the shared test fixtures are consistent with their own gold files."""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Iterator
from importlib.resources import files
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Any

import lxml.html
import pytest

SAMPLE: Traversable = files("aligner").joinpath("data", "sample")
TEST_DATA = Path(__file__).resolve().parents[1] / "data"
UDHR = TEST_DATA / "udhr"
PAIR = TEST_DATA / "pair-mini"
LANGUAGES = ["de", "en", "es", "fr", "ru"]
PREVIEW_LENGTH = 48

LABELS = {
    "de": {"question": "Frage:", "answer": "Antwort:", "Pavel Dorin": "Pavel Dorin:"},
    "en": {"question": "Question:", "answer": "Answer:", "Pavel Dorin": "Pavel Dorin:"},
    "es": {"question": "Pregunta:", "answer": "Respuesta:", "Pavel Dorin": "Pavel Dorin:"},
    "fr": {"question": "Question :", "answer": "Réponse :", "Pavel Dorin": "Pavel Dorin :"},
    "ru": {"question": "Вопрос:", "answer": "Ответ:", "Pavel Dorin": "П.И.Дорин:"},
}

# Written forms each version must use for the same facts: figures, dates, quotes,
# abbreviations and names.
CONVENTIONS = {
    "de": [
        "12,5 Millionen Euro",
        "14. März 2026",
        "1. September 2026",
        "„Zwei Ufer“",
        "z. B.",
        "d. h.",
        "usw.",
        "Anlage Nr. 2",
        "Pavel Dorin",
        "Viktor Arens",
        "Irena Vask",
    ],
    "en": [
        "12.5 million euros",
        "14 March 2026",
        "1 September 2026",
        "“Two Banks”",
        "e.g.",
        "i.e.",
        "etc.",
        "Annex No. 2",
        "Mr Dorin",
        "Viktor Arens",
        "Irena Vask",
    ],
    "es": [
        "12,5 millones de euros",
        "14 de marzo de 2026",
        "1 de septiembre de 2026",
        "«Dos Orillas»",
        "p. ej.",
        "etc.",
        "anexo n.º 2",
        "Sr. Dorin",
        "Sra. Irena Vask",
        "Viktor Arens",
    ],
    "fr": [
        "12,5 millions d’euros",
        "14 mars 2026",
        "1er septembre 2026",
        "« Deux rives »",
        "p. ex.",
        "etc.",
        "annexe n° 2",
        "M. Dorin",
        "M. Viktor Arens",
        "Mme Irena Vask",
    ],
    "ru": [
        "12,5 млн евро",
        "14 марта 2026 г.",
        "1 сентября 2026 г.",
        "«Два берега»",
        "т. е.",
        "и т. д.",
        "приложением № 2",
        "П.И.Дорин",
        "В.Л.Аренс",
        "И.Р.Васк",
    ],
}

# Abbreviations inside the paragraphs whose sentences are counted below.
_ABBREVIATIONS = ("Sr.", "Sra.", "M.")


def _paragraphs(text: str) -> list[str]:
    """Split text into paragraphs by the lines/v1 rule of ALIGNMENT_GOLD.md.

    >>> _paragraphs("Title\\r\\n\\n  First.\\u00a0\\n\\nSecond.\\n")
    ['Title', 'First.', 'Second.']
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return [line.strip() for line in text.split("\n") if line.strip()]


def _squeeze(text: str) -> str:
    """Collapse runs of whitespace, no-break spaces included, into one space.

    >>> _squeeze(" 12,5\\u00a0млн \\n евро ")
    '12,5 млн евро'
    """
    return " ".join(text.split())


def _sentences(text: str) -> list[str]:
    """Split a paragraph into sentences, enough for the few paragraphs checked here.

    >>> _sentences("Durante el año. La Sra. Vask preside. Fin.")
    ['Durante el año.', 'La Sra. Vask preside.', 'Fin.']
    """
    pieces = re.split(r"(?<=[.?!»”“])\s+(?=[A-ZÀ-ÖØ-ÞА-ЯЁ«„“])", text)
    sentences: list[str] = []
    for piece in pieces:
        if sentences and sentences[-1].endswith(_ABBREVIATIONS):
            sentences[-1] += " " + piece
        else:
            sentences.append(piece)
    return sentences


def _load_gold(folder: Traversable | Path) -> dict[str, Any]:
    gold: dict[str, Any] = json.loads(folder.joinpath("gold.json").read_text(encoding="utf-8"))
    return gold


def _html_blocks(page: str) -> list[str]:
    """Return the squeezed text of every heading and paragraph element of a page."""
    root = lxml.html.document_fromstring(page)
    blocks = (
        _squeeze("".join(str(text) for text in el.itertext()))
        for el in root.iter("h1", "h2", "h3", "h4", "p")
    )
    return [block for block in blocks if block]


def _page_text(page: str) -> str:
    """Return the squeezed visible text of a page's body."""
    root = lxml.html.document_fromstring(page)
    texts = root.xpath("//body//text()[not(ancestor::script or ancestor::style)]")
    assert isinstance(texts, list)
    return _squeeze("".join(str(text) for text in texts))


def _sample_file(lang: str) -> str:
    name: str = _load_gold(SAMPLE)["files"][lang]
    return SAMPLE.joinpath(name).read_text(encoding="utf-8")


def _sample_paragraphs(lang: str) -> list[str]:
    """Return the full text of the sample's document paragraphs, in gold order."""
    gold = _load_gold(SAMPLE)
    text = _sample_file(lang)
    if gold["files"][lang].endswith(".txt"):
        return _paragraphs(text)
    blocks = _html_blocks(text)
    found: list[str] = []
    start = 0
    for preview in gold["previews"][lang]:
        hits = [i for i in range(start, len(blocks)) if blocks[i].startswith(_squeeze(preview))]
        assert hits, f"{lang}: no paragraph after block {start} starts with {preview!r}"
        hit = hits[0]
        found.append(blocks[hit])
        start = hit + 1
    return found


GOLDS = {"sample": SAMPLE, "udhr": UDHR}


@pytest.fixture(params=sorted(GOLDS), name="gold")
def _gold(request: pytest.FixtureRequest) -> dict[str, Any]:
    return _load_gold(GOLDS[request.param])


def _indices(group: dict[str, Any], lang: str) -> list[int]:
    indices: list[int] = group[lang]
    return indices


def test_the_sample_has_all_five_languages_as_text_and_web_pages() -> None:
    gold = _load_gold(SAMPLE)
    assert gold["languages"] == LANGUAGES
    assert gold["files"] == {
        "de": "de.txt",
        "en": "en.html",
        "es": "es.txt",
        "fr": "fr.txt",
        "ru": "ru.html",
    }
    for name in gold["files"].values():
        assert SAMPLE.joinpath(name).is_file()


def test_every_paragraph_is_in_one_group_or_in_the_boilerplate(gold: dict[str, Any]) -> None:
    for lang in gold["languages"]:
        seen = [item["i"] for item in gold["boilerplate"][lang]]
        for group in gold["groups"]:
            seen.extend(_indices(group, lang))
        assert sorted(seen) == list(range(gold["paragraph_counts"][lang])), lang


def test_a_group_names_every_language_with_consecutive_indices(gold: dict[str, Any]) -> None:
    for group in gold["groups"]:
        for lang in gold["languages"]:
            assert lang in group, (group["id"], lang)
            indices = _indices(group, lang)
            start = indices[0] if indices else 0
            assert indices == list(range(start, start + len(indices))), (group["id"], lang)


def test_groups_follow_document_order_without_crossings(gold: dict[str, Any]) -> None:
    assert [group["id"] for group in gold["groups"]] == list(range(1, len(gold["groups"]) + 1))
    for lang in gold["languages"]:
        order = [i for group in gold["groups"] for i in _indices(group, lang)]
        assert order == sorted(order), lang


def test_the_shape_counts_the_paragraphs_of_each_language(gold: dict[str, Any]) -> None:
    for group in gold["groups"]:
        counts = [str(len(_indices(group, lang))) for lang in gold["languages"]]
        assert group["shape"] == "-".join(counts), group["id"]


def test_every_group_that_is_not_one_to_one_has_a_note(gold: dict[str, Any]) -> None:
    for group in gold["groups"]:
        if set(group["shape"].split("-")) != {"1"}:
            assert group.get("note"), group["id"]
        assert group["role"] in {"title", "subtitle", "heading", "body"}


def test_previews_are_the_start_of_each_text_file_paragraph() -> None:
    checked = [(SAMPLE, lang, f"{lang}.txt") for lang in ("de", "es", "fr")]
    checked += [(UDHR, lang, f"{lang}.txt") for lang in LANGUAGES]
    for folder, lang, name in checked:
        gold = _load_gold(folder)
        paragraphs = _paragraphs(folder.joinpath(name).read_text(encoding="utf-8"))
        assert len(paragraphs) == gold["paragraph_counts"][lang], name
        assert [p[:PREVIEW_LENGTH] for p in paragraphs] == gold["previews"][lang], name


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_each_preview_opens_a_paragraph_of_the_web_page_in_order(lang: str) -> None:
    gold = _load_gold(SAMPLE)
    previews = gold["previews"][lang]
    assert len(previews) == gold["paragraph_counts"][lang]
    paragraphs = _sample_paragraphs(lang)
    assert [p[:PREVIEW_LENGTH] for p in paragraphs] == previews


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_the_page_boilerplate_is_on_the_page_but_not_in_the_document(lang: str) -> None:
    gold = _load_gold(SAMPLE)
    page = _page_text(_sample_file(lang))
    document = "\n".join(_sample_paragraphs(lang))
    for item in gold["page_boilerplate"][lang]:
        assert item["text"] in page, item
        assert item["text"] not in document, item


@pytest.mark.parametrize(
    ("lang", "dateline"), [("en", "14 March 2026, 13:05"), ("ru", "14.03.2026 13:05")]
)
def test_the_web_pages_declare_language_title_and_date(lang: str, dateline: str) -> None:
    root = lxml.html.document_fromstring(_sample_file(lang))
    assert root.get("lang") == lang
    title = root.findtext(".//title")
    assert title is not None
    assert title.startswith(_sample_paragraphs(lang)[0])
    assert dateline in _page_text(_sample_file(lang))


def test_the_german_version_splits_the_monitoring_paragraph_in_two() -> None:
    gold = _load_gold(SAMPLE)
    (difference,) = [d for d in gold["differences"] if d["kind"] == "paragraph_split"]
    assert difference["language"] == "de"
    group = gold["groups"][difference["group"] - 1]
    assert {lang: len(_indices(group, lang)) for lang in LANGUAGES} == {
        "de": 2,
        "en": 1,
        "es": 1,
        "fr": 1,
        "ru": 1,
    }
    first, second = (_sample_paragraphs("de")[i] for i in _indices(group, "de"))
    assert "1240 Kilometer" in first
    assert "12,5 Millionen" not in first
    assert second.startswith("Die Kosten der ersten Phase")
    assert "12,5 Millionen" in second
    (english,) = (_sample_paragraphs("en")[i] for i in _indices(group, "en"))
    assert "1,240 km" in english
    assert "12.5 million" in english


def test_the_spanish_version_lacks_the_accreditation_paragraph() -> None:
    gold = _load_gold(SAMPLE)
    (difference,) = [d for d in gold["differences"] if d["kind"] == "paragraph_missing"]
    assert difference["language"] == "es"
    group = gold["groups"][difference["group"] - 1]
    assert _indices(group, "es") == []
    words = {
        "de": "akkreditieren",
        "en": "accreditation",
        "fr": "accréditation",
        "ru": "аккредитацию",
    }
    for lang, word in words.items():
        (paragraph,) = (_sample_paragraphs(lang)[i] for i in _indices(group, lang))
        assert word in paragraph
    assert "acredita" not in _sample_file("es")
    assert gold["paragraph_counts"]["es"] == gold["paragraph_counts"]["en"] - 1


def test_the_french_version_splits_one_sentence_in_two() -> None:
    gold = _load_gold(SAMPLE)
    (difference,) = [d for d in gold["differences"] if d["kind"] == "sentence_split"]
    assert difference["language"] == "fr"
    group = gold["groups"][difference["group"] - 1]
    counted = {}
    for lang in LANGUAGES:
        (paragraph,) = (_sample_paragraphs(lang)[i] for i in _indices(group, lang))
        counted[lang] = len(_sentences(paragraph))
    assert counted == difference["sentences"]
    assert counted == {"de": 2, "en": 2, "es": 2, "fr": 3, "ru": 2}


def test_speaker_labels_open_the_turns_of_the_questions_and_answers() -> None:
    gold = _load_gold(SAMPLE)
    turns = [group for group in gold["groups"] if "speaker" in group]
    assert {group["speaker"] for group in turns} == {"question", "answer", "Pavel Dorin"}
    every_label = tuple(label for labels in LABELS.values() for label in labels.values())
    for lang in LANGUAGES:
        paragraphs = _sample_paragraphs(lang)
        for group in turns:
            for i in _indices(group, lang):
                if group.get("continuation"):
                    assert not paragraphs[i].startswith(every_label), (lang, i)
                else:
                    assert paragraphs[i].startswith(LABELS[lang][group["speaker"]] + " "), (lang, i)


def test_each_version_writes_figures_dates_quotes_and_names_its_own_way() -> None:
    for lang, forms in CONVENTIONS.items():
        document = _squeeze("\n".join(_sample_paragraphs(lang)))
        for form in forms:
            assert _squeeze(form) in document, (lang, form)


def test_the_french_text_sets_no_break_spaces_but_labels_keep_a_typed_space() -> None:
    text = _sample_file("fr")
    assert "«\u00a0Deux rives\u00a0»" in text
    assert "\u202f?" in text
    assert "\u00a0:" in text
    assert not re.search(r" [?;!»]|« ", text)
    for paragraph in _paragraphs(text):
        label = re.match(r"(Question|Réponse|Pavel Dorin)(\s):", paragraph)
        if label:
            assert label.group(2) == " "


def _fixture_files() -> Iterator[tuple[str, bytes]]:
    for entry in SAMPLE.iterdir():
        yield f"sample/{entry.name}", entry.read_bytes()
    for folder in (UDHR, PAIR):
        for path in sorted(folder.iterdir()):
            yield f"{folder.name}/{path.name}", path.read_bytes()


def test_every_fixture_file_is_nfc_utf8_without_bom_or_carriage_returns() -> None:
    names = set()
    for name, data in _fixture_files():
        text = data.decode("utf-8")
        assert not text.startswith("\ufeff"), name
        assert "\r" not in text, name
        assert text.endswith("\n"), name
        assert unicodedata.is_normalized("NFC", text), name
        names.add(name)
    expected = {f"sample/{name}" for name in ("de.txt", "en.html", "es.txt", "fr.txt", "ru.html")}
    expected |= {f"udhr/{lang}.txt" for lang in LANGUAGES}
    expected |= {"pair-mini/mini.de", "pair-mini/mini.fr", "pair-mini/mini.defr"}
    expected |= {"sample/gold.json", "udhr/gold.json"}
    expected |= {"sample/README.md", "udhr/README.md", "pair-mini/README.md"}
    assert names >= expected


def test_the_udhr_excerpt_runs_from_the_title_to_article_6() -> None:
    gold = _load_gold(UDHR)
    assert gold["paragraph_rule"] == "lines/v1"
    for lang in LANGUAGES:
        ids = gold["ids"][lang]
        assert len(ids) == gold["paragraph_counts"][lang]
        assert (ids[0], ids[-1]) == ("title", "art06.p1")
        for group in gold["groups"]:
            assert all(ids[i] == group["udhr_id"] for i in _indices(group, lang))
    (partial,) = [g for g in gold["groups"] if g["shape"] != "1-1-1-1-1"]
    assert (partial["udhr_id"], partial["shape"]) == ("front.p1", "1-0-1-0-1")


def _beads() -> list[tuple[list[int], list[int]]]:
    beads = []
    for line in (PAIR / "mini.defr").read_text(encoding="utf-8").splitlines():
        match = re.fullmatch(r"\[([\d, ]*)\]:\[([\d, ]*)\]", line)
        assert match, line
        source, target = ([int(i) for i in side.split(", ") if i] for side in match.groups())
        beads.append((source, target))
    return beads


def test_the_pair_beads_cover_each_sentence_once_in_order() -> None:
    german = (PAIR / "mini.de").read_text(encoding="utf-8").splitlines()
    french = (PAIR / "mini.fr").read_text(encoding="utf-8").splitlines()
    assert all(line.strip() == line and line for line in german + french)
    beads = _beads()
    assert all(source or target for source, target in beads)
    assert [i for source, _ in beads for i in source] == list(range(len(german)))
    assert [j for _, target in beads for j in target] == list(range(len(french)))


def test_the_pair_has_one_to_two_two_to_one_and_omitted_sentences() -> None:
    shapes = [(len(source), len(target)) for source, target in _beads()]
    assert shapes.count((1, 2)) >= 2
    assert shapes.count((2, 1)) >= 2
    assert shapes.count((1, 0)) >= 2
    assert shapes.count((1, 1)) >= 30
