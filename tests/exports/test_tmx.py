"""TMX 1.4b export: valid against the shipped DTD and read back by translate-toolkit."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from typing import Any

import pytest
from lxml import etree
from translate.misc.xml_helpers import getXMLlang
from translate.storage.tmx import tmxfile

from aligner.errors import ExportError
from aligner.model import Alignment, Bead, Block, Change, Document, Level, Sentence, Source, Version
from exports import ExportOptions, render
from exports.schemas import tmx_dtd, tmx_problems

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def _tmx(
    documents: list[Document], options: ExportOptions | None = None
) -> tuple[bytes, tuple[str, ...]]:
    rendered = render(documents, "tmx", options or ExportOptions(level="paragraph"))
    assert len(rendered.outputs) == 1
    output = rendered.outputs[0]
    assert (output.extension, output.media_type) == ("tmx", "application/x-tmx+xml")
    return output.data, rendered.notes


def _paragraph_texts(document: Document) -> dict[str, dict[str, str]]:
    """Return bead id -> language -> text, straight from the document."""
    return {
        bead.id: {
            lang: " ".join(document.version(lang).block(i).text for i in ids)
            for lang, ids in bead.members.items()
            if ids
        }
        for bead in document.paragraphs.beads
    }


def _store(data: bytes) -> Any:
    """Read ``data`` with translate-toolkit (untyped, hence Any)."""
    return tmxfile.parsestring(data)  # type: ignore[no-untyped-call]


def _lang(node: etree._Element) -> str:
    return str(getXMLlang(node))  # type: ignore[no-untyped-call]


def _units(data: bytes) -> dict[str, dict[str, str]]:
    """Read tuid -> language -> text with translate-toolkit."""
    store = _store(data)
    return {
        unit.getid(): {_lang(n).split("-")[0]: unit.getNodeText(n) for n in unit.getlanguageNodes()}
        for unit in store.units
    }


@pytest.mark.parametrize("level", ["paragraph", "sentence"])
def test_it_is_valid_against_the_shipped_tmx_dtd(document: Document, level: Level) -> None:
    data, _ = _tmx([document], ExportOptions(level=level))
    assert tmx_problems(data) == ()
    assert tmx_dtd().validate(etree.fromstring(data))


def test_it_reports_a_broken_tmx_as_invalid() -> None:
    assert tmx_problems(b'<tmx version="1.4"><body/></tmx>') != ()
    assert tmx_problems(b"<tmx") != ()


def test_every_unit_holds_each_languages_stored_text(document: Document) -> None:
    data, notes = _tmx([document])
    expected = _paragraph_texts(document)
    units = _units(data)
    assert list(units) == [f"doc-test-water:{bead_id}" for bead_id in expected]
    for bead_id, texts in expected.items():
        assert units[f"doc-test-water:{bead_id}"] == texts
    assert units["doc-test-water:al.p3"]["de"] == (
        "Das Budget beträgt 12,5 Millionen Euro. Die Stadt stellt z. B. drei Säle bereit."
    )
    assert "es" not in units["doc-test-water:al.p4"]  # the Spanish gap has no empty <tuv>
    assert notes == ()


def test_the_header_says_what_made_the_memory(document: Document) -> None:
    data, _ = _tmx([document], ExportOptions(level="sentence"))
    header = etree.fromstring(data).find("header")
    assert header is not None
    assert {str(k): str(v) for k, v in header.attrib.items()} == {
        "creationtool": "aligner",
        "creationtoolversion": header.get("creationtoolversion", ""),
        "segtype": "sentence",
        "o-tmf": "aligner-tei",
        "adminlang": "en",
        "srclang": "en-US",
        "datatype": "plaintext",
        "o-encoding": "UTF-8",
        "creationdate": "20260310T120000Z",
    }
    assert header.get("creationtoolversion")
    assert _store(data).sourcelanguage == "en-US"


def test_the_creation_date_is_the_latest_change_not_the_clock(document: Document) -> None:
    later = Change(when="2026-04-02T09:30:05+02:00", who="editor", text="Fixed a bead.", n=2)
    changed = dataclasses.replace(document, changes=(*document.changes, later))
    first, _ = _tmx([changed])
    second, _ = _tmx([changed])
    assert first == second
    assert b'creationdate="20260402T073005Z"' in first


def test_srclang_is_all_when_no_version_is_the_original(document: Document) -> None:
    versions = tuple(dataclasses.replace(v, original=False) for v in document.versions)
    data, _ = _tmx([dataclasses.replace(document, versions=versions)])
    assert b'srclang="*all*"' in data
    assert tmx_problems(data) == ()


def test_each_unit_can_be_traced_back_to_its_bead(document: Document) -> None:
    data, _ = _tmx([document])
    root = etree.fromstring(data)
    tu = root.find("body/tu[@tuid='doc-test-water:al.p4']")
    assert tu is not None
    props = {p.get("type"): p.text for p in tu.findall("prop")}
    assert props == {
        "x-document": "doc-test-water",
        "x-bead": "al.p4",
        "x-alignment-score": "0.41",
        "x-alignment-status": "auto",
    }
    assert [tuv.get(XML_LANG) for tuv in tu.findall("tuv")] == ["en-US", "de-DE", "ru-RU", "fr-FR"]


def test_the_original_language_comes_first_in_each_unit(document: Document) -> None:
    data, _ = _tmx([document])
    for tu in etree.fromstring(data).iterfind("body/tu"):
        assert tu.find("tuv").get(XML_LANG) == "en-US"  # type: ignore[union-attr]


def test_a_pair_keeps_only_units_with_both_languages(document: Document) -> None:
    data, notes = _tmx([document], ExportOptions(pair=("de", "es"), level="sentence"))
    assert tmx_problems(data) == ()
    store = _store(data)
    assert store.sourcelanguage == "de-DE"
    units = _units(data)
    assert all(set(texts) == {"de", "es"} for texts in units.values())
    # the heading comes from its paragraph bead, then the sentences in reading order
    assert list(units)[:3] == [
        "doc-test-water:al.p1",
        "doc-test-water:al.s1",
        "doc-test-water:al.s2",
    ]
    assert "doc-test-water:al.s5" not in units  # "Weitere Einzelheiten folgen." has no es
    assert units["doc-test-water:al.s4"] == {
        "de": "Die Stadt stellt z. B. drei Säle bereit.",
        "es": "La ciudad ofrece, p. ej., tres salas.",
    }
    assert notes == ("1 bead lacking de or es left out",)
    unit = store.units[1]
    assert (unit.source, unit.gettarget("es")) == (
        "Am 14. März 2026 beginnt die Konferenz.",
        "La conferencia se inaugura el 14 de marzo de 2026.",
    )


def test_a_pair_with_the_original_uses_it_as_source(document: Document) -> None:
    data, _ = _tmx([document], ExportOptions(level="paragraph", pair=("ru", "en")))
    assert b'srclang="en-US"' in data
    assert (
        render([document], "tmx", ExportOptions(level="paragraph", pair=("ru", "en")))
        .outputs[0]
        .suffix
        == "ru-en"
    )


def test_a_bead_with_a_single_language_is_left_out_and_counted(document: Document) -> None:
    lonely = Bead(id="al.p4", members={"en": ("en.p3",), "de": (), "ru": ()}, cert=0.3)
    beads = tuple(lonely if b.id == "al.p4" else b for b in document.paragraphs.beads)
    changed = dataclasses.replace(document, paragraphs=Alignment("paragraph", beads))
    data, notes = _tmx([changed])
    assert "doc-test-water:al.p4" not in _units(data)
    assert len(_units(data)) == 6
    assert notes == ("1 bead with a single language left out",)


def test_several_documents_make_one_memory(document: Document) -> None:
    other = dataclasses.replace(document, id="doc-other")
    data, _ = _tmx([document, other])
    units = _units(data)
    assert len(units) == 14
    assert list(units)[7] == "doc-other:al.p1"
    root = etree.fromstring(data)
    documents = [p.text for p in root.iterfind("body/tu/prop[@type='x-document']")]
    assert documents == ["doc-test-water"] * 7 + ["doc-other"] * 7


@pytest.mark.parametrize(
    ("options", "missing"),
    [
        (ExportOptions(level="paragraph", pair=("de", "it")), "it"),
        (ExportOptions(level="paragraph", langs=("pt", "en")), "pt"),
    ],
)
def test_an_unknown_language_is_refused_by_name(
    document: Document, options: ExportOptions, missing: str
) -> None:
    with pytest.raises(ExportError, match=rf"language {missing} is not in the document"):
        _tmx([document], options)


def test_a_pair_of_one_language_is_refused(document: Document) -> None:
    with pytest.raises(ExportError, match="two different languages"):
        _tmx([document], ExportOptions(level="paragraph", pair=("de", "de")))


def test_characters_xml_forbids_never_reach_the_file(
    document: Document, with_text: Callable[[Document, str, str], Document]
) -> None:
    dirty = with_text(document, "de.p4", "Weitere\x0bEinzelheiten\x00 folgen.\ufffe")
    data, _ = _tmx([dirty])
    assert tmx_problems(data) == ()
    assert _units(data)["doc-test-water:al.p4"]["de"] == "Weitere\nEinzelheiten folgen."


def test_the_sentence_level_keeps_headings_in_reading_order(document: Document) -> None:
    data, _ = _tmx([document], ExportOptions(level="sentence"))
    units = _units(data)
    sentence_beads = [b for b in document.sentences.beads if len(b.langs) > 1]
    assert len(units) == len(sentence_beads) + 1
    assert next(iter(units)) == "doc-test-water:al.p1"
    assert units["doc-test-water:al.p1"]["ru"] == "Заявление о конференции по водным ресурсам"


def test_a_heading_comes_before_the_sentences_of_its_section() -> None:
    def version(lang: str, head: str, text: str) -> Version:
        sentence = Sentence(f"{lang}.p1.s1", text)
        blocks = (
            Block(f"{lang}.h1", "head", 1, head),
            Block(f"{lang}.p1", "p", 1, text, (sentence,)),
        )
        return Version(lang, blocks, Source(sha256="1" * 64), original=lang == "en")

    doc = Document(
        id="d",
        uuid="u",
        versions=(version("en", "Title", "Text."), version("de", "Titel", "Der Text.")),
        paragraphs=Alignment(
            "paragraph",
            (
                Bead("al.p1", {"en": ("en.h1",), "de": ("de.h1",)}, 0.9),
                Bead("al.p2", {"en": ("en.p1",), "de": ("de.p1",)}, 0.9),
            ),
        ),
        sentences=Alignment(
            "sentence", (Bead("al.s1", {"en": ("en.p1.s1",), "de": ("de.p1.s1",)}, 0.8),)
        ),
        created="2026-01-01T00:00:00Z",
    )
    data, _ = _tmx([doc], ExportOptions(level="sentence"))
    assert _units(data) == {
        "d:al.p1": {"en": "Title", "de": "Titel"},
        "d:al.s1": {"en": "Text.", "de": "Der Text."},
    }


def test_a_pair_memory_gets_the_beads_the_pair_supports(merged: Document) -> None:
    # English runs three paragraphs into one: de-fr still gets one unit per paragraph
    units = _units(_tmx([merged], ExportOptions(level="paragraph", pair=("de", "fr")))[0])
    assert list(units) == [f"doc-views:{b}" for b in ("al.p1", "al.p2.1", "al.p2.2", "al.p2.3")]
    assert units["doc-views:al.p2.2"] == {"de": "Zwei.", "fr": "Deux."}
    with_en = _units(_tmx([merged])[0])
    assert with_en["doc-views:al.p2"]["en"] == "One. Two. Three."


def test_xml_lang_carries_the_region_the_source_named_else_the_likely_one(
    document: Document,
) -> None:
    versions = tuple(
        dataclasses.replace(v, source=dataclasses.replace(v.source, filename="speech.en_GB.html"))
        if v.lang == "en"
        else v
        for v in document.versions
    )
    data, _ = _tmx([dataclasses.replace(document, versions=versions)])
    assert tmx_problems(data) == ()
    store = _store(data)
    assert store.sourcelanguage == "en-GB"
    tags = {_lang(n) for unit in store.units for n in unit.getlanguageNodes()}
    assert tags == {"en-GB", "de-DE", "es-ES", "ru-RU", "fr-FR"}


def test_a_minimum_score_leaves_weaker_beads_out_and_counts_them(document: Document) -> None:
    data, notes = _tmx([document], ExportOptions(level="paragraph", min_score=0.9))
    units = _units(data)
    # beads 3 (0.62) and 4 (0.41) go; the rest score 0.93 or more
    assert sorted(units) == [f"doc-test-water:al.p{n}" for n in (1, 2, 5, 6, 7)]
    assert notes == ("2 beads scored below 0.90 left out",)
    assert len(_units(_tmx([document])[0])) == 7


def test_a_memory_holds_sentences_by_default_without_front_matter(press: Document) -> None:
    data, notes = _tmx([press], ExportOptions())
    root = etree.fromstring(data)
    header = root.find("header")
    assert header is not None
    assert header.get("segtype") == "sentence"
    assert header.get("srclang") == "de-DE"
    units = _units(data)
    texts = [unit["de"] for unit in units.values()]
    # the title and each sentence, not the date line, and no paragraph as one unit
    assert texts == ["Wasserkonferenz in Tarvel", "Die Konferenz beginnt am Montag.",
                     "Es kommen 120 Gäste."]  # fmt: skip
    assert "1 bead of front matter (date lines, symbols) left out" in notes
    langs = {_lang(n) for unit in _store(data).units for n in unit.getlanguageNodes()}
    assert langs == {"de-DE", "en-GB", "ru-RU"}  # the region the English page declared
    assert tmx_problems(data) == ()


def test_paragraph_units_are_there_when_asked_for(press: Document) -> None:
    data, notes = _tmx([press], ExportOptions(level="paragraph"))
    units = _units(data)
    assert [unit["en"] for unit in units.values()][1:] == [
        "The conference opens on Monday. There will be 120 guests."
    ]
    assert etree.fromstring(data).find("header").get("segtype") == "paragraph"  # type: ignore[union-attr]
