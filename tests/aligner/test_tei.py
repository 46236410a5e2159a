"""The TEI encoding: schema-valid, checked beyond the schema, and byte-stable."""

from __future__ import annotations

import dataclasses

import pytest
from lxml import etree

from aligner import edit
from aligner.align_config import DEFAULT_CONFIG, AlignConfig, Calibration, Search, Weights
from aligner.errors import FormatError, ValidationError
from aligner.model import Bead, Block, Document, FrontItem, Note, solid
from aligner.tei import (
    bead_problems,
    read_tei,
    schema_problems,
    tei_problems,
    validate_tei,
    write_tei,
)

TEI = "{http://www.tei-c.org/ns/1.0}"


def _with_beads(doc: Document, beads: list[Bead]) -> Document:
    return dataclasses.replace(
        doc, paragraphs=dataclasses.replace(doc.paragraphs, beads=tuple(beads))
    )


def test_it_writes_tei_that_tei_all_accepts(document: Document) -> None:
    assert schema_problems(write_tei(document)) == []


def test_it_writes_tei_that_passes_the_rules_relaxng_cannot_check(document: Document) -> None:
    assert tei_problems(write_tei(document)) == []


def test_reading_what_was_written_gives_the_same_document(document: Document) -> None:
    assert read_tei(write_tei(document)) == document


def test_writing_what_was_read_is_byte_identical(document: Document) -> None:
    data = write_tei(document)
    again = write_tei(read_tei(data))
    assert again == data
    assert etree.canonicalize(again.decode()) == etree.canonicalize(data.decode())


# settings away from the defaults in every section: no encoder, no budget, other weights,
# another search and a calibration of two knots
ODD_CONFIG = AlignConfig(
    sentences=Weights(
        open_cut=0.25, support=0.5, whole_size=None, shape_cost={(1, 1): 0.0, (1, 2): 1.5}
    ),
    search=Search(shapes=((1, 1), (1, 2)), band=7, meaning_margin=0.125),
    encoder=None,
    partial_encoder=None,
    meaning_budget=None,
    calibration=Calibration({"one-to-one": ((0.0, 1.0), (0.25, 0.75))}),
)


@pytest.mark.parametrize("config", [DEFAULT_CONFIG, ODD_CONFIG], ids=["default", "odd"])
def test_the_alignment_settings_are_recorded_valid_and_read_back_byte_identical(
    document: Document, config: AlignConfig
) -> None:
    doc = dataclasses.replace(document, aligned_with=config)
    data = write_tei(doc)
    assert schema_problems(data) == []
    assert tei_problems(data) == []
    (fs,) = etree.fromstring(data).iter(TEI + "fs")
    assert fs.get("n") == config.digest()
    assert read_tei(data).aligned_with == config
    assert write_tei(read_tei(data)) == data
    # an update with other settings replaces the record, and only it
    other = dataclasses.replace(
        doc, aligned_with=DEFAULT_CONFIG if config != DEFAULT_CONFIG else ODD_CONFIG
    )
    updated = write_tei(other, base=data)
    assert read_tei(updated).aligned_with == other.aligned_with
    assert updated == write_tei(other)


def test_a_document_that_records_no_settings_reads_as_such(document: Document) -> None:
    data = write_tei(dataclasses.replace(document, aligned_with=None))
    assert b"alignment-config" not in data
    assert read_tei(data).aligned_with is None


def test_a_recorded_setting_that_is_unknown_is_one_clear_error(document: Document) -> None:
    data = write_tei(document).replace(b'<f name="meaning_budget">', b'<f name="meaning_budgets">')
    with pytest.raises(FormatError, match="unknown alignment setting meaning_budgets"):
        read_tei(data, path="doc.xml")


def test_it_encodes_speaker_turns_as_sp_with_speaker(document: Document) -> None:
    root = etree.fromstring(write_tei(document))
    sp = root.find(f".//{TEI}text[@{{http://www.w3.org/XML/1998/namespace}}id='ru']//{TEI}sp")
    assert sp is not None
    assert sp.get("who") == "#journalist"
    assert sp.findtext(f"{TEI}speaker") == "Вопрос:"
    assert [p.get("n") for p in sp.iter(f"{TEI}p")] == ["4"]


def test_it_keeps_paragraph_text_free_of_layout_whitespace(document: Document) -> None:
    root = etree.fromstring(write_tei(document))
    for p in root.iter(f"{TEI}p"):
        if p.find(f"{TEI}s") is None:
            continue
        assert (p.text or "") == ""
        assert all((s.tail or "") in ("", " ") for s in p)
        assert p[-1].tail in (None, "") or p[-1].tail.startswith("\n")


def test_a_single_language_bead_becomes_an_unaligned_pointer(document: Document) -> None:
    beads = list(document.paragraphs.beads)
    gap = beads[3]
    german_only = dataclasses.replace(gap, id="al.p4b", members={"de": gap.ids("de")})
    beads[3:4] = [german_only, dataclasses.replace(gap, members={**gap.members, "de": ()})]
    root = etree.fromstring(write_tei(_with_beads(document, beads)))
    ptrs = root.findall(f".//{TEI}linkGrp[@subtype='paragraph']/{TEI}ptr")
    assert [(p.get("type"), p.get("target")) for p in ptrs] == [("unaligned", "#de.p4")]


def test_it_finds_a_paragraph_in_no_bead(document: Document) -> None:
    beads = list(document.paragraphs.beads)
    problems = tei_problems(write_tei(_with_beads(document, beads[:-1])))
    assert "de.p7 is in no paragraph bead" in problems


def test_it_finds_beads_out_of_document_order(document: Document) -> None:
    beads = list(document.paragraphs.beads)
    beads[1], beads[2] = beads[2], beads[1]
    problems = tei_problems(write_tei(_with_beads(document, beads)))
    assert any("out of document order" in p for p in problems)


def test_it_finds_a_sentence_bead_across_two_paragraph_beads(document: Document) -> None:
    beads = list(document.paragraphs.beads)
    first, second = beads[0], beads[1]
    # move de.p1 into the heading bead: de.p1's sentences now sit in another paragraph bead
    beads[0] = dataclasses.replace(first, members={**first.members, "de": ("de.h1", "de.p1")})
    beads[1] = dataclasses.replace(second, members={**second.members, "de": ()})
    problems = tei_problems(write_tei(_with_beads(document, beads)))
    assert any("spans paragraph beads" in p for p in problems)


def test_it_finds_dangling_pointers_and_one_target_links() -> None:
    data = write_tei_text(
        '<link xml:id="al.p9" target="#de.p1" cert="1" resp="#nobody" ana="#auto"/>'
    )
    problems = tei_problems(data)
    assert any("points to missing #nobody" in p for p in problems)
    assert any("needs at least two targets" in p for p in problems)


def test_it_finds_text_that_is_not_nfc(document: Document) -> None:
    data = write_tei(document).replace("Säle".encode(), "Sa\u0308le".encode())
    assert any("not Unicode NFC" in p for p in tei_problems(data))


def test_validate_raises_one_error_listing_all_problems(document: Document) -> None:
    beads = list(document.paragraphs.beads)
    with pytest.raises(ValidationError) as info:
        validate_tei(write_tei(_with_beads(document, beads[:-1])), path="x.xml")
    assert info.value.path == "x.xml"
    assert len(info.value.problems) == 5  # the last paragraph of each language


def test_an_update_keeps_what_an_archivist_added(document: Document) -> None:
    data = write_tei(document).replace(
        b"</publicationStmt>",
        b"</publicationStmt>\n      <notesStmt><note>Checked.</note></notesStmt>",
    )
    doc = read_tei(data)
    confirmed = dataclasses.replace(doc.paragraphs.beads[3], status="manual", cert=1.0)
    beads = list(doc.paragraphs.beads)
    beads[3] = confirmed
    updated = write_tei(_with_beads(doc, beads), base=data)
    assert b"<notesStmt><note>Checked.</note></notesStmt>" in updated
    assert read_tei(updated).paragraphs.beads[3].status == "manual"
    assert write_tei(read_tei(updated), base=updated) == updated
    assert schema_problems(updated) == []


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"<TEI", "not well-formed XML"),
        (b"<html/>", "not a TEI document"),
        (
            b'<?xml version="1.0"?><!DOCTYPE TEI [<!ENTITY x "boom">]>'
            b'<TEI xmlns="http://www.tei-c.org/ns/1.0">&x;</TEI>',
            "DOCTYPE and entity declarations are not accepted",
        ),
        (
            b'<!DOCTYPE TEI SYSTEM "file:///etc/passwd"><TEI xmlns="http://www.tei-c.org/ns/1.0"/>',
            "DOCTYPE and entity declarations are not accepted",
        ),
    ],
)
def test_it_refuses_bad_xml_with_one_clear_error(data: bytes, message: str) -> None:
    with pytest.raises(FormatError, match=message) as info:
        read_tei(data, path="bad.xml")
    assert str(info.value).startswith("bad.xml: ")


def write_tei_text(link: str) -> bytes:
    """Return a minimal two-version document whose paragraph link group holds ``link``."""
    texts = "".join(
        f'<text xml:id="{lang}" xml:lang="{lang}"><body><div><p xml:id="{lang}.p1" n="1">'
        f'<s xml:id="{lang}.p1.s1">A.</s></p></div></body></text>'
        for lang in ("de", "en")
    )
    return f"""<TEI xmlns="http://www.tei-c.org/ns/1.0" xml:id="d">
<teiHeader><fileDesc><titleStmt><title>t</title></titleStmt>
<publicationStmt><p>p</p></publicationStmt><sourceDesc><p>s</p></sourceDesc>
</fileDesc></teiHeader>
<text><group>{texts}</group></text>
<standOff><linkGrp type="alignment" subtype="paragraph" domains="#de #en">
{link}</linkGrp></standOff>
</TEI>""".encode()


def test_an_update_adds_a_revision_history_where_there_was_none(document: Document) -> None:
    bare = write_tei(dataclasses.replace(document, changes=()))
    assert b"<revisionDesc" not in bare
    updated = write_tei(document, base=bare)
    assert updated == write_tei(document)


def test_runs_some_versions_lack_are_noted_where_a_reader_finds_them(document: Document) -> None:
    data = write_tei(document)
    root = etree.fromstring(data)
    notes = root.findall(f"{TEI}standOff/{TEI}listAnnotation/{TEI}note[@type='unaligned']")
    # the fixture's Spanish lacks one paragraph (al.p4)
    assert [(n.get("target"), n.text) for n in notes] == [
        (
            "#de.p4 #en.p3 #ru.p3 #fr.p3",
            "missing in es: de.p4 (1 paragraph, 3 words); en.p3 (1 paragraph, 4 words); "
            "ru.p3 (1 paragraph, 4 words); fr.p3 (1 paragraph, 3 words)",
        )
    ]
    assert schema_problems(data) == []
    assert tei_problems(data) == []


def test_the_note_on_missing_text_follows_the_alignment_on_update(document: Document) -> None:
    data = write_tei(document)
    third, fourth = document.paragraphs.beads[2:4]
    # Spanish moves its paragraph to the next bead: now al.p3 lacks Spanish
    moved_beads = list(document.paragraphs.beads)
    moved_beads[2:4] = [
        dataclasses.replace(third, members={**third.members, "es": ()}),
        dataclasses.replace(fourth, members={**fourth.members, "es": ("es.p2",)}),
    ]
    moved = write_tei(_with_beads(document, moved_beads), base=data)
    assert b"missing in es: de.p2\xe2\x80\x93de.p3 (2 paragraphs, 14 words)" in moved
    assert b"missing in es: de.p4" not in moved
    # one bead for both, aligned by paragraph only: nothing is missing, the note goes
    joined = {lang: third.ids(lang) + fourth.ids(lang) for lang in document.langs}
    merged_beads = list(document.paragraphs.beads)
    merged_beads[2:4] = [dataclasses.replace(third, members=joined)]
    no_sentences = dataclasses.replace(document.sentences, beads=())
    merged = write_tei(
        dataclasses.replace(_with_beads(document, merged_beads), sentences=no_sentences),
        base=moved,
    )
    assert b"listAnnotation" not in merged
    # and back: the same bytes as first written
    assert write_tei(document, base=merged) == data
    assert schema_problems(moved) == []


def test_a_document_with_nothing_missing_has_no_note(document: Document) -> None:
    langs = ("de", "en")
    two = dataclasses.replace(
        document,
        versions=tuple(v for v in document.versions if v.lang in langs),
        paragraphs=dataclasses.replace(
            document.paragraphs,
            beads=tuple(
                dataclasses.replace(b, members={lang: b.ids(lang) for lang in langs})
                for b in document.paragraphs.beads
            ),
        ),  # fmt: skip
        sentences=dataclasses.replace(
            document.sentences,
            beads=tuple(
                dataclasses.replace(b, members={lang: b.ids(lang) for lang in langs})
                for b in document.sentences.beads
                if b.ids("de") or b.ids("en")
            ),
        ),  # fmt: skip
    )
    assert b"listAnnotation" not in write_tei(two)


def test_pair_beads_are_a_link_group_per_pair_valid_and_byte_stable(glued: Document) -> None:
    data = write_tei(glued)
    root = etree.fromstring(data)
    (group,) = root.findall(f"{TEI}standOff/{TEI}linkGrp[@subtype='sentence-pair']")
    assert group.get("domains") == "#de #fr"
    assert [link.get("target") for link in group] == [
        "#de.p1.s2 #fr.p1.s2",
        "#de.p2.s1 #fr.p2.s1",
        "#de.p2.s2 #fr.p2.s2",
    ]
    assert schema_problems(data) == []
    assert tei_problems(data) == []
    assert read_tei(data).sentences == glued.sentences
    assert write_tei(read_tei(data)) == data
    # without pair beads there is no group at all
    plain = dataclasses.replace(glued, sentences=dataclasses.replace(glued.sentences, pairs=()))
    assert b'subtype="sentence-pair"' not in write_tei(plain)


def test_an_update_replaces_the_pair_beads(glued: Document) -> None:
    data = write_tei(glued)
    plain = dataclasses.replace(glued, sentences=dataclasses.replace(glued.sentences, pairs=()))
    without = write_tei(plain, base=data)
    assert without == write_tei(plain)
    assert write_tei(glued, base=without) == data


@pytest.mark.parametrize(
    ("pairs", "problem"),
    [
        # a pair bead across two sentence beads
        ([Bead("", {"de": ("de.p1.s1", "de.p1.s2"), "fr": ("fr.p1.s2",)}, 0.9)],
         "does not lie inside one sentence bead"),
        # a pair that leaves out a sentence of the bead it refines
        ([Bead("", {"de": ("de.p1.s2",), "fr": ("fr.p1.s2",)}, 0.9)],
         "do not hold its de sentences once each, in order"),
        # a language the document does not have
        ([Bead("", {"de": ("de.p3.s1",), "it": ()}, 0.9)],
         "needs text in one of two languages of the document"),
    ],
)  # fmt: skip
def test_it_finds_pair_beads_that_do_not_refine_one_sentence_bead(
    glued: Document, pairs: list[Bead], problem: str
) -> None:
    bad = dataclasses.replace(
        glued, sentences=dataclasses.replace(glued.sentences, pairs=tuple(pairs))
    )
    assert any(problem in found for found in bead_problems(bad))


def test_pair_beads_of_a_bead_a_person_corrected_are_a_problem(glued: Document) -> None:
    beads = list(glued.sentences.beads)
    beads[1] = dataclasses.replace(beads[1], status="manual")
    bad = dataclasses.replace(
        glued, sentences=dataclasses.replace(glued.sentences, beads=tuple(beads))
    )
    assert bead_problems(bad) == ["al.s2: its de-fr pair beads refine a bead a person corrected"]


@pytest.mark.parametrize("domains", [b"#de #de", b"#de #it", b"#de"])
def test_a_pair_group_of_other_than_two_languages_is_refused(
    glued: Document, domains: bytes
) -> None:
    data = write_tei(glued).replace(b'domains="#de #fr"', b'domains="' + domains + b'"')
    with pytest.raises(FormatError, match="not two languages of the document"):
        read_tei(data)


def _paged(doc: Document) -> Document:
    """Return ``doc`` with its German version read from a PDF of 3 pages."""
    versions = []
    for v in doc.versions:
        if v.lang == "de":
            pages = [1, 1, 2, 3, 3, 3][: len(v.blocks)] + [3] * (len(v.blocks) - 6)
            paged = zip(v.blocks, pages, strict=True)
            blocks = tuple(dataclasses.replace(b, page=p) for b, p in paged)
            source = dataclasses.replace(v.source, pages=3, media_type="application/pdf")
            v = dataclasses.replace(v, blocks=blocks, source=source)
        versions.append(v)
    return dataclasses.replace(doc, versions=tuple(versions))


def test_a_pdf_source_has_its_page_count_and_a_pb_where_each_page_starts(
    document: Document,
) -> None:
    paged = _paged(document)
    data = write_tei(paged)
    root = etree.fromstring(data)
    xml_id = "{http://www.w3.org/XML/1998/namespace}id"
    measure = root.find(f".//{TEI}bibl[@{xml_id}='src-de']/{TEI}extent/{TEI}measure")
    assert measure is not None
    assert (measure.get("quantity"), measure.text) == ("3", "3 pages")
    german = root.find(f".//{TEI}text[@{xml_id}='de']")
    assert german is not None
    assert [el.get("n") for el in german.iter(f"{TEI}pb")] == ["1", "2", "3"]
    assert root.find(f".//{TEI}text[@{xml_id}='en']//{TEI}pb") is None
    assert root.find(f".//{TEI}editorialDecl/{TEI}hyphenation[@eol='none']") is not None
    assert schema_problems(data) == []
    assert tei_problems(data) == []
    again = read_tei(data)
    assert again == paged
    assert write_tei(again) == data


def test_a_sentence_cut_or_join_survives_writing_over_the_stored_tei(document: Document) -> None:
    """The service writes each revision over the one before: the new segmentation must stay."""
    base = write_tei(document)
    who = edit.editor("Rita Reviewer")
    cut = edit.split_sentence(document, "de.p1.s1", 3, editor=who)
    data = write_tei(cut, base=base)
    again = read_tei(data)
    assert [s.id for s in again.version("de").block("de.p1").sentences] == [
        "de.p1.s1",
        "de.p1.s3",
        "de.p1.s2",
    ]
    assert again.sentences.beads == cut.sentences.beads
    joined = edit.join_sentences(again, "de.p1.s1", editor=who)
    back = write_tei(joined, base=data)
    # the text part is again what it was before the cut, byte for byte
    text = etree.fromstring(back).find("{http://www.tei-c.org/ns/1.0}text")
    first = etree.fromstring(base).find("{http://www.tei-c.org/ns/1.0}text")
    assert text is not None
    assert first is not None
    assert etree.tostring(text) == etree.tostring(first)


def _noted(doc: Document) -> Document:
    """Return ``doc`` with notes called in the German version: at a sentence's end, inside a
    sentence, after the last word of a paragraph and in a heading."""
    german = doc.version("de")
    blocks = []
    for b in german.blocks:
        if b.kind == "head":
            b = dataclasses.replace(b, notes=(Note("*", "Amtliche Übersetzung.", solid(b.text)),))
        elif len(b.sentences) > 1 and not blocks_with_notes(blocks):
            first = solid(b.sentences[0].text)
            notes = (Note("1", "Siehe Anhang.", first), Note("2", "Ebd., S. 3.", first + 2))
            b = dataclasses.replace(b, notes=notes)
        elif b.kind == "p" and b is german.blocks[-1]:
            b = dataclasses.replace(b, notes=(Note("iv", "Ende.", solid(b.text), "end"),))
        blocks.append(b)
    versions = tuple(
        dataclasses.replace(v, blocks=tuple(blocks)) if v.lang == "de" else v for v in doc.versions
    )
    return dataclasses.replace(doc, versions=versions)


def blocks_with_notes(blocks: list[Block]) -> bool:
    return any(b.notes and b.kind == "p" for b in blocks)


def test_notes_stand_at_their_calls_valid_and_byte_stable(document: Document) -> None:
    noted = _noted(document)
    german = noted.version("de")
    called = next(b for b in german.blocks if b.kind == "p" and b.notes)
    data = write_tei(noted)
    assert schema_problems(data) == []
    assert tei_problems(data) == []
    root = etree.fromstring(data)
    xml_id = "{http://www.w3.org/XML/1998/namespace}id"
    p = root.find(f".//{TEI}p[@{xml_id}='{called.id}']")
    assert p is not None
    first, second = p.findall(f"{TEI}s")[:2]
    # the first note closes the first sentence; the second stands after two letters of the next
    (note,) = first.findall(f"{TEI}note")
    assert (note.get("place"), note.get("n"), note.text) == ("foot", "1", "Siehe Anhang.")
    assert note.tail is None
    assert first.text == called.sentences[0].text
    (inside,) = second.findall(f"{TEI}note")
    assert second.text == called.sentences[1].text[:2]
    assert inside.tail == called.sentences[1].text[2:]
    head = root.find(f".//{TEI}text[@{xml_id}='de']//{TEI}head")
    assert head is not None
    head_note = head.find(f"{TEI}note")
    assert head_note is not None
    assert head_note.get("n") == "*"
    assert root.find(f".//{TEI}text[@{xml_id}='de']//{TEI}note[@place='end']") is not None
    again = read_tei(data)
    assert again == noted
    assert again.version("de").block(called.id).text == called.text  # no note in the text
    assert write_tei(again) == data


def test_notes_follow_a_sentence_cut_written_over_the_stored_tei(document: Document) -> None:
    noted = _noted(document)
    called = next(b for b in noted.version("de").blocks if b.kind == "p" and b.notes)
    sentence = called.sentences[1]
    cut_at = sentence.text.index(" ", 3) + 1
    base = write_tei(noted)
    who = edit.editor("Rita Reviewer")
    cut = edit.split_sentence(noted, sentence.id, cut_at, editor=who)
    data = write_tei(cut, base=base)
    assert schema_problems(data) == []
    again = read_tei(data).version("de").block(called.id)
    assert again.notes == called.notes
    assert again.text == called.text


def test_a_masthead_is_a_note_of_the_front_valid_and_byte_stable(document: Document) -> None:
    front = (
        FrontItem("masthead", "General Assembly"),
        FrontItem("symbol", "A/RES/81/214"),
        FrontItem("masthead", "Distr.: General"),
        FrontItem("dateline", "6 January 2027", "2027-01-06"),
    )
    versions = tuple(
        dataclasses.replace(v, front=front) if v.lang == "en" else v for v in document.versions
    )
    doc = dataclasses.replace(document, versions=versions)
    data = write_tei(doc)
    assert schema_problems(data) == []
    root = etree.fromstring(data)
    notes = root.findall(f".//{TEI}front/{TEI}note[@type='masthead']")
    assert [n.text for n in notes] == ["General Assembly", "Distr.: General"]
    assert read_tei(data) == doc
    assert write_tei(read_tei(data)) == data
