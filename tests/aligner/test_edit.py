"""Hand corrections of an alignment (aligner/edit.py), on the five-language fixture.

The fixture's paragraph beads (de has one paragraph more, es one fewer)::

    al.p1  h1 everywhere                 al.p5  de.p5 en.p4 es.p3 ru.p4 fr.p4
    al.p2  p1 everywhere                 al.p6  de.p6 en.p5 es.p4 ru.p5 fr.p5
    al.p3  de.p2 de.p3 | p2 elsewhere     al.p7  de.p7 en.p6 es.p5 ru.p6 fr.p6
    al.p4  de.p4 en.p3 ru.p3 fr.p3 (no es)
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable
from dataclasses import replace

import pytest

from aligner import edit
from aligner.align_config import AlignConfig, Calibration
from aligner.edit import EditError
from aligner.model import Bead, Document, Person
from aligner.tei import bead_problems

ANNA = Person(id="ed-anna", role="editor", name="Anna")
WHEN = "2026-03-11T09:30:00Z"


def _partition_problems(doc: Document) -> list[str]:
    """Check the bead rules independently of the module under test."""
    problems = []
    block_home: dict[str, int] = {}
    for i, bead in enumerate(doc.paragraphs.beads):
        assert bead.id == f"al.p{i + 1}"
        for ids in bead.members.values():
            for block in ids:
                block_home[block] = i
    for v in doc.versions:
        in_beads = [x for b in doc.paragraphs.beads for x in b.ids(v.lang)]
        if in_beads != [b.id for b in v.blocks]:
            problems.append(f"{v.lang} paragraphs: {in_beads}")
        in_sbeads = [x for b in doc.sentences.beads for x in b.ids(v.lang)]
        if in_sbeads != [s.id for s in v.sentences()]:
            problems.append(f"{v.lang} sentences: {in_sbeads}")
    for i, bead in enumerate(doc.sentences.beads):
        assert bead.id == f"al.s{i + 1}"
        homes = {block_home[s.rsplit(".", 1)[0]] for ids in bead.members.values() for s in ids}
        if len(homes) != 1:
            problems.append(f"{bead.id} spans paragraph beads {sorted(homes)}")
    return problems


def _bead(doc: Document, bead_id: str, level: str = "paragraph") -> Bead:
    beads = doc.paragraphs.beads if level == "paragraph" else doc.sentences.beads
    return next(b for b in beads if b.id == bead_id)


def test_the_fixture_obeys_the_bead_rules(document: Document) -> None:
    assert _partition_problems(document) == []
    assert bead_problems(document) == []


def test_merge_joins_a_bead_with_the_next_and_marks_it_manual(document: Document) -> None:
    result = edit.merge(document, "al.p3", editor=ANNA, when=WHEN)

    assert len(result.paragraphs.beads) == 6
    merged = _bead(result, "al.p3")
    assert merged.ids("de") == ("de.p2", "de.p3", "de.p4")
    assert merged.ids("en") == ("en.p2", "en.p3")
    assert merged.ids("es") == ("es.p2",)
    assert (merged.status, merged.cert, merged.resp) == ("manual", 1.0, "ed-anna")
    # the bead after keeps its members and its automatic status, under a new number
    assert _bead(result, "al.p4").ids("en") == ("en.p4",)
    assert _bead(result, "al.p4").status == "auto"
    assert _partition_problems(result) == []
    # sentence beads outside the merged paragraph bead are kept as they were
    assert result.sentences.beads[:2] == document.sentences.beads[:2]
    assert [b.members for b in result.sentences.beads[-3:]] == [
        b.members for b in document.sentences.beads[-3:]
    ]


def test_every_correction_records_a_change_and_the_editor(document: Document) -> None:
    once = edit.merge(document, "al.p3", editor=ANNA, when=WHEN)
    twice = edit.confirm(once, "al.p1", editor=ANNA, when="2026-03-11T09:31:00Z")

    assert [c.n for c in twice.changes] == [1, 2, 3]
    assert twice.changes[1].text == "Merged paragraph beads al.p3 and al.p4."
    assert twice.changes[1].who == "ed-anna"
    assert twice.changes[1].when == WHEN
    assert twice.changes[2].text == "Confirmed paragraph bead al.p1."
    assert twice.editors == (ANNA,)
    # the input is left as it was
    assert len(document.paragraphs.beads) == 7
    assert len(document.changes) == 1


def test_when_defaults_to_the_current_utc_time(document: Document) -> None:
    result = edit.confirm(document, "al.p2", editor=ANNA)

    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", result.changes[-1].when)


def test_merging_the_last_bead_is_refused_with_its_id(document: Document) -> None:
    with pytest.raises(EditError, match="al.p7 is the last paragraph bead") as caught:
        edit.merge(document, "al.p7", editor=ANNA)
    assert caught.value.bead == "al.p7"


def test_an_unknown_bead_is_refused(document: Document) -> None:
    with pytest.raises(EditError, match="there is no bead al.p99"):
        edit.confirm(document, "al.p99", editor=ANNA)


def test_split_sends_the_language_from_the_given_item_to_a_new_bead(document: Document) -> None:
    result = edit.split(document, "al.p3", {"de": "de.p3"}, editor=ANNA, when=WHEN)

    assert len(result.paragraphs.beads) == 8
    first, second = _bead(result, "al.p3"), _bead(result, "al.p4")
    assert first.ids("de") == ("de.p2",)
    assert first.ids("en") == ("en.p2",)
    assert second.members == {"de": ("de.p3",), "en": (), "es": (), "ru": (), "fr": ()}
    assert first.status == second.status == "manual"
    assert _partition_problems(result) == []
    assert result.changes[-1].text == "Split paragraph bead al.p3 at de.p3."


def test_sentences_are_aligned_again_inside_changed_paragraph_beads(
    document: Document,
) -> None:
    # al.s4 pairs de.p3.s1 with the second sentence of p2 elsewhere
    assert _bead(document, "al.s4", "sentence").ids("de") == ("de.p3.s1",)

    result = edit.split(document, "al.p3", {"de": "de.p3"}, editor=ANNA)

    def home(sentence: str) -> Bead:
        return next(b for b in result.sentences.beads if sentence in b.ids(sentence[:2]))

    # de.p3 is alone in its paragraph bead now, so its sentence aligns with nothing
    assert home("de.p3.s1").langs == ("de",)
    # the budget sentences still go together
    assert home("de.p2.s1") is home("en.p2.s1") is home("ru.p2.s1")
    # paragraph beads the split did not touch keep their sentence beads as they were
    assert _bead(result, "al.s1", "sentence") == _bead(document, "al.s1", "sentence")
    assert home("en.p4.s1") == replace(_bead(document, "al.s6", "sentence"), id=home("en.p4.s1").id)
    assert _partition_problems(result) == []


def test_sentences_are_aligned_again_with_the_settings_the_document_records(
    document: Document,
) -> None:
    # a calibration that never says more than 0.3, and no encoder: the re-aligned
    # sentence beads say so, whatever the defaults would
    doubtful = Calibration({name: ((0.0, 1.0), (0.1, 0.3)) for name in Calibration().maps})
    recorded = replace(document, aligned_with=AlignConfig(encoder=None, calibration=doubtful))
    result = edit.merge(recorded, "al.p2", editor=ANNA)
    (merged,) = (b for b in result.paragraphs.beads if b.status == "manual")
    inside = {
        s.id
        for lang in result.langs
        for p in merged.ids(lang)
        for s in result.version(lang).block(p).sentences
    }

    def again(doc: Document) -> list[Bead]:
        return [
            b
            for b in doc.sentences.beads
            if {i for ids in b.members.values() for i in ids} & inside
        ]

    assert again(result)
    assert all(b.cert <= 0.3 for b in again(result))
    assert result.aligned_with == recorded.aligned_with
    plain = replace(document, aligned_with=AlignConfig(encoder=None))
    assert any(b.cert > 0.3 for b in again(edit.merge(plain, "al.p2", editor=ANNA)))


def test_sentence_beads_a_person_corrected_survive_a_paragraph_merge(
    document: Document,
) -> None:
    split = edit.split(
        document, "al.s1", {"de": "de.p1.s1"}, editor=ANNA, level="sentence", when=WHEN
    )
    mine = _bead(split, "al.s2", "sentence")
    assert mine.langs == ("de",)

    merged = edit.merge(split, "al.p2", editor=ANNA)

    assert mine.members in [b.members for b in merged.sentences.beads]
    assert _partition_problems(merged) == []


def test_a_corrected_sentence_bead_that_a_paragraph_split_cuts_is_aligned_again(
    document: Document,
) -> None:
    # al.s4 joins de.p3.s1 (al.p3's second German paragraph) with the p2.s2 of the others
    confirmed = edit.confirm(document, "al.s4", editor=ANNA, level="sentence")

    result = edit.split(confirmed, "al.p3", {"de": "de.p3"}, editor=ANNA)

    def home(sentence: str) -> Bead:
        return next(b for b in result.sentences.beads if sentence in b.ids(sentence[:2]))

    assert home("de.p3.s1").langs == ("de",)
    assert home("en.p2.s2").langs == ("en", "es", "ru", "fr")
    # what the editor confirmed no longer exists, so nothing claims a person checked it
    assert all(b.status == "auto" for b in result.sentences.beads)
    assert _partition_problems(result) == []


def test_split_in_several_languages_at_once(document: Document) -> None:
    result = edit.split(document, "al.p2", {"en": "en.p1", "ru": "ru.p1"}, editor=ANNA, when=WHEN)

    first, second = _bead(result, "al.p2"), _bead(result, "al.p3")
    assert first.langs == ("de", "es", "fr")
    assert second.langs == ("en", "ru")
    assert _partition_problems(result) == []


def test_a_split_that_would_leave_an_empty_bead_is_refused(document: Document) -> None:
    everything = {lang: f"{lang}.p1" for lang in document.langs}
    with pytest.raises(EditError, match="would leave an empty bead"):
        edit.split(document, "al.p2", everything, editor=ANNA)


def test_a_split_point_outside_the_bead_is_refused(document: Document) -> None:
    with pytest.raises(EditError, match="de.p5 is not one of the de items of al.p3"):
        edit.split(document, "al.p3", {"de": "de.p5"}, editor=ANNA)
    with pytest.raises(EditError, match="say where to split"):
        edit.split(document, "al.p3", {}, editor=ANNA)


def test_move_prev_appends_the_first_item_to_the_previous_bead(document: Document) -> None:
    result = edit.move(document, "al.p4", "de", "prev", editor=ANNA, when=WHEN)

    assert _bead(result, "al.p3").ids("de") == ("de.p2", "de.p3", "de.p4")
    assert _bead(result, "al.p4").ids("de") == ()
    assert _bead(result, "al.p4").ids("en") == ("en.p3",)
    assert _bead(result, "al.p3").status == _bead(result, "al.p4").status == "manual"
    assert len(result.paragraphs.beads) == 7
    assert _partition_problems(result) == []
    assert result.changes[-1].text == "Moved de.p4 from al.p4 to al.p3."


def test_move_next_prepends_the_last_item_to_the_next_bead(document: Document) -> None:
    result = edit.move(document, "al.p3", "de", "next", editor=ANNA)

    assert _bead(result, "al.p3").ids("de") == ("de.p2",)
    assert _bead(result, "al.p4").ids("de") == ("de.p3", "de.p4")
    assert _partition_problems(result) == []


def test_a_bead_emptied_by_a_move_disappears(document: Document) -> None:
    alone = edit.unalign(document, "al.p3", "de.p3", editor=ANNA)
    assert _bead(alone, "al.p4").langs == ("de",)

    result = edit.move(alone, "al.p4", "de", "next", editor=ANNA)

    assert len(result.paragraphs.beads) == 7
    assert _bead(result, "al.p4").ids("de") == ("de.p3", "de.p4")
    assert _partition_problems(result) == []


def test_moves_that_cannot_be_made_are_refused(document: Document) -> None:
    with pytest.raises(EditError, match="al.p4 has nothing in es"):
        edit.move(document, "al.p4", "es", "prev", editor=ANNA)
    with pytest.raises(EditError, match="al.p1 is the first paragraph bead"):
        edit.move(document, "al.p1", "en", "prev", editor=ANNA)
    with pytest.raises(EditError, match="al.p7 is the last paragraph bead"):
        edit.move(document, "al.p7", "en", "next", editor=ANNA)
    with pytest.raises(EditError, match="no language 'xx'"):
        edit.move(document, "al.p3", "xx", "next", editor=ANNA)


def test_unalign_makes_a_single_language_bead_in_the_right_place(document: Document) -> None:
    last = edit.unalign(document, "al.p3", "de.p3", editor=ANNA, when=WHEN)
    assert _bead(last, "al.p3").ids("de") == ("de.p2",)
    assert _bead(last, "al.p4").members["de"] == ("de.p3",)
    assert _bead(last, "al.p4").langs == ("de",)

    first = edit.unalign(document, "al.p3", "de.p2", editor=ANNA)
    assert _bead(first, "al.p3").langs == ("de",)
    assert _bead(first, "al.p3").ids("de") == ("de.p2",)
    assert _bead(first, "al.p4").ids("de") == ("de.p3",)

    for result in (last, first):
        assert _partition_problems(result) == []
    assert last.changes[-1].text == "Unaligned de.p3 from al.p3."


def test_unalign_refuses_a_middle_item_and_an_unaligned_one(document: Document) -> None:
    merged = edit.merge(document, "al.p3", editor=ANNA)  # de.p2 de.p3 de.p4
    with pytest.raises(EditError, match="de.p3 is in the middle of al.p3"):
        edit.unalign(merged, "al.p3", "de.p3", editor=ANNA)

    alone = edit.unalign(document, "al.p3", "de.p3", editor=ANNA)
    with pytest.raises(EditError, match="already unaligned"):
        edit.unalign(alone, "al.p4", "de.p3", editor=ANNA)
    with pytest.raises(EditError, match="en.p9 is not in al.p3"):
        edit.unalign(document, "al.p3", "en.p9", editor=ANNA)


def test_confirm_changes_nothing_but_the_provenance(document: Document) -> None:
    result = edit.confirm(document, "al.p4", editor=ANNA, when=WHEN)

    before, after = _bead(document, "al.p4"), _bead(result, "al.p4")
    assert after.members == before.members
    assert (before.status, before.cert) == ("auto", 0.41)
    assert (after.status, after.cert, after.resp) == ("manual", 1.0, "ed-anna")
    assert result.sentences == document.sentences


def test_sentence_beads_can_be_merged_inside_one_paragraph_bead(document: Document) -> None:
    result = edit.merge(document, "al.s1", editor=ANNA, level="sentence", when=WHEN)

    merged = _bead(result, "al.s1", "sentence")
    assert merged.ids("ru") == ("ru.p1.s1", "ru.p1.s2")
    assert merged.status == "manual"
    assert len(result.sentences.beads) == len(document.sentences.beads) - 1
    assert result.paragraphs == document.paragraphs
    assert _partition_problems(result) == []
    assert result.changes[-1].text == "Merged sentence beads al.s1 and al.s2."


def test_a_sentence_correction_across_paragraph_beads_joins_them(document: Document) -> None:
    # al.s2 ends al.p2; al.s3 starts al.p3: the two paragraph beads become one, so the
    # sentence beads never cross one (and the reviewer never meets a refusal)
    for result in (
        edit.merge(document, "al.s2", editor=ANNA, level="sentence"),
        edit.move(document, "al.s3", "en", "prev", editor=ANNA, level="sentence"),
    ):
        assert "joining paragraph beads al.p2 and al.p3" in result.changes[-1].text
        joined = result.paragraphs.beads[1]
        old = document.paragraphs.beads
        assert joined.status == "manual"
        assert all(
            joined.ids(lang) == old[1].ids(lang) + old[2].ids(lang) for lang in document.langs
        )
        assert len(result.paragraphs.beads) == len(old) - 1
        assert bead_problems(result) == []


def test_sentence_beads_split_and_move_within_a_paragraph_bead(document: Document) -> None:
    split = edit.split(
        document, "al.s1", {"de": "de.p1.s1"}, editor=ANNA, level="sentence", when=WHEN
    )
    assert _bead(split, "al.s2", "sentence").langs == ("de",)

    moved = edit.move(split, "al.s2", "de", "next", editor=ANNA, level="sentence")
    assert _bead(moved, "al.s2", "sentence").ids("de") == ("de.p1.s1", "de.p1.s2")
    assert _partition_problems(moved) == []


def test_an_unknown_level_is_refused(document: Document) -> None:
    with pytest.raises(EditError, match="level must be"):
        edit.confirm(document, "al.p1", editor=ANNA, level="word")  # type: ignore[arg-type]


def test_an_editor_id_must_be_an_xml_name(document: Document) -> None:
    with pytest.raises(EditError, match="not a valid XML name"):
        edit.confirm(document, "al.p1", editor=Person(id="1 bad", role="editor", name="x"))


def test_editor_names_become_safe_ids() -> None:
    assert edit.editor("  Jean-Luc   Picard ").name == "Jean-Luc Picard"
    assert edit.editor("Jean-Luc Picard").id.startswith("ed-jean-luc-picard-")
    assert re.fullmatch(r"ed-[0-9a-f]{8}", edit.editor("李").id)
    with pytest.raises(EditError, match="empty"):
        edit.editor("   ")


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("Anna Müller", "ANNA  MULLER"),  # the same letters once transliterated
        ("Anna Müller", "Anna Muller"),
        ("李", "王"),  # no Latin letters at all
        ("Ольга Петрова", "Olga Petrova"),
    ],
)
def test_two_names_never_share_an_id(one: str, other: str) -> None:
    assert edit.editor(one).id != edit.editor(other).id


@pytest.mark.parametrize(
    "spelling",
    ["\u202eAnna Müller", "Anna  Müller ", "Anna Mu\u0308ller", "Anna\u200b Müller\u2069"],
)
def test_one_name_is_one_id_and_shows_without_controls(spelling: str) -> None:
    person = edit.editor(spelling)
    assert person.name == "Anna Müller"
    assert person.id == edit.editor("Anna Müller").id


def test_edits_by_two_people_stay_apart(document: Document) -> None:
    first = edit.confirm(document, "al.p1", editor=edit.editor("\u202eAnna Müller"))
    both = edit.confirm(first, "al.p2", editor=edit.editor("ANNA MULLER"))
    assert [p.name for p in both.editors] == ["Anna Müller", "ANNA MULLER"]
    assert len({p.id for p in both.editors}) == 2
    assert [c.who for c in both.changes[-2:]] == [p.id for p in both.editors]


@pytest.mark.parametrize("seed", range(12))
def test_random_corrections_keep_the_bead_rules(document: Document, seed: int) -> None:
    rng = random.Random(seed)
    doc = document
    applied = 0
    for _ in range(25):
        level = rng.choice(["paragraph", "paragraph", "sentence"])
        beads = doc.paragraphs.beads if level == "paragraph" else doc.sentences.beads
        bead = rng.choice(beads)
        lang = rng.choice(doc.langs)
        ids = bead.ids(lang)
        op = rng.choice(["merge", "split", "move", "unalign", "confirm"])
        try:
            if op == "merge":
                doc = edit.merge(doc, bead.id, editor=ANNA, level=level)  # type: ignore[arg-type]
            elif op == "split" and ids:
                at = {lang: rng.choice(ids)}
                doc = edit.split(doc, bead.id, at, editor=ANNA, level=level)  # type: ignore[arg-type]
            elif op == "move":
                direction = rng.choice(["prev", "next"])
                doc = edit.move(doc, bead.id, lang, direction, editor=ANNA, level=level)  # type: ignore[arg-type]
            elif op == "unalign" and ids:
                doc = edit.unalign(doc, bead.id, rng.choice(ids), editor=ANNA, level=level)  # type: ignore[arg-type]
            elif op == "confirm":
                doc = edit.confirm(doc, bead.id, editor=ANNA, level=level)  # type: ignore[arg-type]
            else:
                continue
        except EditError:
            continue
        applied += 1
        assert _partition_problems(doc) == [], (seed, op, bead.id, lang)
    assert applied >= 5
    assert len(doc.changes) == 1 + applied


@pytest.mark.parametrize(
    ("request_", "direct"),
    [
        (edit.Split(bead="al.p3", at="de.p3"), {"de": "de.p3"}),
        (edit.Split(bead="al.p3", at="de.p3", lang="de"), {"de": "de.p3"}),
        (
            edit.Split(bead="al.p2", at={"en": "en.p1", "ru": "ru.p1"}),
            {"en": "en.p1", "ru": "ru.p1"},
        ),
    ],
)
def test_a_registered_split_names_its_point_as_a_request_may(
    document: Document, request_: edit.Split, direct: dict[str, str]
) -> None:
    applied = request_.apply(document, editor=ANNA)
    expected = edit.split(document, request_.bead, direct, editor=ANNA)
    assert applied.paragraphs == expected.paragraphs
    assert applied.sentences == expected.sentences


def test_every_registered_operation_is_named_as_requests_name_it() -> None:
    assert list(edit.OPERATIONS) == [
        "merge", "split", "move", "unalign", "confirm", "split-sentence", "join-sentences"
    ]  # fmt: skip
    assert all(op.name == name for name, op in edit.OPERATIONS.items())


def test_a_registered_unalign_refuses_an_item_of_another_language(document: Document) -> None:
    with pytest.raises(EditError, match="en.p1 is not a de item"):
        edit.Unalign(bead="al.p2", item="en.p1", lang="de").apply(document, editor=ANNA)


def test_a_sentence_bead_a_person_corrects_loses_its_pair_beads(glued: Document) -> None:
    # al.s2 is 3-1-3; German and French split it in three pair beads
    confirmed = edit.confirm(glued, "al.s2", editor=ANNA, level="sentence", when=WHEN)
    assert confirmed.sentences.pairs == ()
    assert bead_problems(confirmed) == []
    merged = edit.merge(glued, "al.s1", editor=ANNA, level="sentence", when=WHEN)
    assert merged.sentences.pairs == ()
    assert bead_problems(merged) == []


def test_pair_beads_of_beads_nobody_touched_survive_a_correction(glued: Document) -> None:
    confirmed = edit.confirm(glued, "al.s1", editor=ANNA, level="sentence", when=WHEN)
    assert confirmed.sentences.pairs == glued.sentences.pairs
    # a paragraph bead confirmed keeps its sentence beads, and with them the pair beads
    kept = edit.confirm(glued, "al.p1", editor=ANNA, when=WHEN)
    assert kept.sentences.pairs == glued.sentences.pairs
    # paragraph beads merged: their sentences are aligned again, the pair beads with them
    merged = edit.merge(glued, "al.p1", editor=ANNA, when=WHEN)
    assert bead_problems(merged) == []
    assert all(bead.status == "auto" for bead in merged.sentences.beads)


# -- segmentation fixes: split and join sentences, move one across paragraph beads ----------


def _texts(document: Document, lang: str) -> list[str]:
    return [b.text for b in document.version(lang).blocks]


def test_a_sentence_is_cut_at_a_space_and_the_text_stays(document: Document) -> None:
    block = next(b for b in document.version("de").blocks if b.sentences)
    sentence = block.sentences[0]
    at = sentence.text.index(" ") + 1
    result = edit.split_sentence(document, sentence.id, at, editor=ANNA, when=WHEN)
    cut = result.version("de").block(block.id).sentences
    assert [s.text for s in cut[:2]] == [sentence.text[: at - 1], sentence.text[at:]]
    assert cut[0].id == sentence.id
    assert cut[1].id not in {s.id for s in block.sentences}  # a new id; none is renumbered
    assert _texts(result, "de") == _texts(document, "de")
    holder = next(b for b in result.sentences.beads if sentence.id in b.ids("de"))
    assert holder.ids("de")[:2] == (sentence.id, cut[1].id)
    assert (
        result.changes[-1].text
        == f"Split sentence {sentence.id} into {sentence.id} and {cut[1].id}."
    )
    assert bead_problems(result) == []
    with pytest.raises(EditError, match="after a space"):
        edit.split_sentence(document, sentence.id, at + 1, editor=ANNA)


def test_two_sentences_join_into_one_bead_and_the_text_stays(document: Document) -> None:
    block = next(b for b in document.version("de").blocks if len(b.sentences) >= 2)
    a, b = block.sentences[:2]
    result = edit.join_sentences(document, a.id, editor=ANNA, when=WHEN)
    joined = result.version("de").block(block.id).sentences
    assert joined[0].id == a.id
    assert joined[0].text == f"{a.text} {b.text}"
    assert b.id not in {s.id for s in joined}
    assert _texts(result, "de") == _texts(document, "de")
    holder = next(x for x in result.sentences.beads if a.id in x.ids("de"))
    assert b.id not in holder.ids("de")
    assert result.changes[-1].text == f"Joined sentences {a.id} and {b.id}."
    assert bead_problems(result) == []
    last = block.sentences[-1].id
    with pytest.raises(EditError, match="last sentence"):
        edit.join_sentences(document, last, editor=ANNA)


def test_a_sentence_moves_across_paragraph_beads_which_are_cut_anew(
    make_document: Callable[..., Document],
) -> None:
    # English starts its second paragraph with the sentence German ends its first with
    spec = {
        "de": [("p", ["Eins.", "Zwei."]), ("p", ["Drei."])],
        "en": [("p", ["One."]), ("p", ["Two.", "Three."])],
    }
    document = make_document(spec, [{"de": (0,), "en": (0,)}, {"de": (1,), "en": (1,)}])
    bead = next(b for b in document.sentences.beads if "en.p2.s1" in b.ids("en"))
    result = edit.move(document, bead.id, "en", "prev", editor=ANNA, level="sentence", when=WHEN)
    assert [dict(b.members) for b in result.paragraphs.beads] == [
        {"de": ("de.p1", "de.p2"), "en": ("en.p1", "en.p2")}
    ]
    assert result.paragraphs.beads[0].status == "manual"
    assert [dict(b.members) for b in result.sentences.beads] == [
        {"de": ("de.p1.s1", "de.p1.s2"), "en": ("en.p1.s1", "en.p2.s1")},
        {"de": ("de.p2.s1",), "en": ("en.p2.s2",)},
    ]
    assert "joining paragraph beads al.p1 and al.p2" in result.changes[-1].text
    assert bead_problems(result) == []
