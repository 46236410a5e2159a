"""Views for a choice of languages: the finest beads they support and the runs they lack."""

from __future__ import annotations

import itertools
import shutil
from collections.abc import Callable, Sequence
from dataclasses import replace
from pathlib import Path

import pytest

import aligner
from aligner.model import Alignment, Bead, Document
from aligner.views import minimal_beads, stored_bead_id, view

# block kind and its sentences, per language (as conftest's document_from takes them)
Spec = dict[str, list[tuple[str, list[str]]]]
Make = Callable[[Spec, Sequence[dict[str, tuple[int, ...]]]], Document]

SAMPLE = Path(aligner.__file__).parent / "data" / "sample"
GLUED = Path(__file__).parent.parent / "data" / "align" / "glued"


def _shapes(beads: Sequence[Bead]) -> list[str]:
    return [b.shape for b in beads]


def test_two_languages_do_not_see_a_merge_only_a_third_made(merged: Document) -> None:
    document = merged
    de_fr = minimal_beads(document, ["de", "fr"])
    assert _shapes(de_fr) == ["1-1", "1-1", "1-1", "1-1"]
    assert [b.id for b in de_fr] == ["al.p1", "al.p2.1", "al.p2.2", "al.p2.3"]
    assert [b.members["fr"] for b in de_fr[1:]] == [("fr.p2",), ("fr.p3",), ("fr.p4",)]
    assert all(b.cert == 0.9 and b.status == "auto" for b in de_fr)
    assert _shapes(minimal_beads(document, ["de", "en"])) == ["1-1", "3-1"]
    assert _shapes(minimal_beads(document)) == ["1-1-1", "3-1-3"]


def test_members_follow_the_chosen_order(merged: Document) -> None:
    document = merged
    assert list(minimal_beads(document, ["fr", "en"])[1].members) == ["fr", "en"]


def test_one_language_alone_sees_each_paragraph_as_its_own_bead(merged: Document) -> None:
    document = merged
    assert [b.members["de"] for b in minimal_beads(document, ["de"])] == [
        ("de.h1",),
        ("de.p2",),
        ("de.p3",),
        ("de.p4",),
    ]


def test_a_bead_a_person_corrected_is_shown_whole(merged: Document) -> None:
    document = merged
    manual = replace(document.paragraphs.beads[1], status="manual", cert=1.0, resp="ed-anna")
    document = replace(
        document, paragraphs=Alignment("paragraph", (document.paragraphs.beads[0], manual))
    )
    assert _shapes(minimal_beads(document, ["de", "fr"])) == ["1-1", "3-3"]


def test_a_document_aligned_by_paragraph_only_keeps_its_beads(merged: Document) -> None:
    document = merged
    document = replace(document, sentences=Alignment("sentence", ()))
    assert _shapes(minimal_beads(document, ["de", "fr"])) == ["1-1", "3-3"]


def test_a_paragraph_split_at_sentence_level_is_not_split_in_the_view(make_document: Make) -> None:
    # French keeps "Un. Deux." as one paragraph: de-fr cannot cut after "Eins."
    spec: Spec = {
        "de": [("p", ["Eins."]), ("p", ["Zwei."]), ("p", ["Drei."])],
        "en": [("p", ["One.", "Two.", "Three."])],
        "fr": [("p", ["Un.", "Deux."]), ("p", ["Trois."])],
    }
    document = make_document(spec, [{"de": (0, 1, 2), "en": (0,), "fr": (0, 1)}])
    assert _shapes(minimal_beads(document, ["de", "fr"])) == ["2-1", "1-1"]


def test_a_part_one_language_lacks_stays_with_its_neighbour(make_document: Make) -> None:
    # the sentence level left French "Article 10" alone, but the paragraph aligner joined
    # it to the English paragraph that opens with it: the view keeps that 1-2 bead
    spec: Spec = {
        "en": [("p", ["Article 10 Everyone is entitled to a hearing."])],
        "fr": [("p", ["Article 10"]), ("p", ["Toute personne a droit à être entendue."])],
    }
    document = make_document(spec, [{"en": (0,), "fr": (0, 1)}])
    sentences = (
        Bead("al.s1", {"en": (), "fr": ("fr.p1.s1",)}, 0.9),
        Bead("al.s2", {"en": ("en.p1.s1",), "fr": ("fr.p2.s1",)}, 0.9),
    )
    document = replace(document, sentences=Alignment("sentence", sentences))
    assert _shapes(minimal_beads(document)) == ["1-2"]


def test_headings_go_with_their_text_unless_every_language_has_its_own(make_document: Make) -> None:
    spec: Spec = {
        "de": [("head", ["Artikel 1"]), ("p", ["Jeder hat Rechte."]), ("p", ["Zwei."])],
        "en": [("p", ["Article 1 Everyone has rights.", "Two."])],
        "fr": [("head", ["Article 1"]), ("p", ["Chacun a des droits."]), ("p", ["Deux."])],
    }
    document = make_document(spec, [{"de": (0, 1, 2), "en": (0,), "fr": (0, 1, 2)}])
    # de and fr both open with a heading: it is a bead of its own
    assert [b.members["de"] for b in minimal_beads(document, ["de", "fr"])] == [
        ("de.h1",),
        ("de.p2",),
        ("de.p3",),
    ]
    # English ran the heading into its paragraph: it stays with the text
    assert _shapes(minimal_beads(document, ["de", "en"])) == ["3-1"]


@pytest.mark.parametrize("size", [1, 2, 3, 4, 5])
def test_every_view_is_a_partition_inside_the_stored_beads(document: Document, size: int) -> None:
    stored = {b.id: b for b in document.paragraphs.beads}
    for langs in itertools.permutations(document.langs, size):
        beads = minimal_beads(document, langs)
        for lang in langs:
            ids = [i for b in beads for i in b.ids(lang)]
            assert ids == [b.id for b in document.version(lang).blocks]
        for bead in beads:
            parent = stored[stored_bead_id(bead.id)]
            assert all(set(bead.ids(lang)) <= set(parent.ids(lang)) for lang in langs)
            assert any(bead.members.values())


def test_a_gap_says_which_paragraphs_lack_which_languages(make_document: Make) -> None:
    spec: Spec = {
        "de": [("p", ["Eins."]), ("p", ["Zwei, drei."]), ("p", ["Vier fünf sechs."])],
        "en": [("p", ["One."]), ("p", ["Two, three."]), ("p", ["Four five six."])],
        "fr": [("p", ["Un."])],
    }
    beads = [
        {"de": (0,), "en": (0,), "fr": (0,)},
        {"de": (1,), "en": (1,)},
        {"de": (2,), "en": (2,)},
    ]
    document = make_document(spec, beads)
    found = view(document)
    assert len(found.gaps) == 1
    gap = found.gaps[0]
    assert gap.beads == ("al.p2", "al.p3")
    assert gap.missing == ("fr",)
    assert [(r.lang, r.blocks, r.paragraphs, r.words) for r in gap.runs] == [
        ("de", ("de.p2", "de.p3"), (2, 3), 5),
        ("en", ("en.p2", "en.p3"), (2, 3), 5),
    ]
    assert gap.note == (
        "missing in fr: de.p2–de.p3 (2 paragraphs, 5 words); en.p2–en.p3 (2 paragraphs, 5 words)"
    )
    assert view(document, ["de", "en"]).gaps == ()
    only = view(document, ["en", "fr"]).gaps
    assert [(g.missing, g.runs[0].blocks) for g in only] == [(("fr",), ("en.p2", "en.p3"))]


def test_runs_that_lack_different_languages_are_different_gaps(make_document: Make) -> None:
    spec: Spec = {
        "de": [("p", ["Eins."]), ("p", ["Zwei."])],
        "en": [("p", ["One."]), ("p", ["Two."])],
        "fr": [("p", ["Un."])],
    }
    document = make_document(spec, [{"de": (0,), "en": (0,)}, {"de": (1,), "fr": (0,)}])
    assert [g.missing for g in view(document).gaps] == [("fr",), ("en",)]


def test_a_view_keeps_the_sentence_beads_of_its_languages(document: Document) -> None:
    found = view(document, ["es", "de"])
    assert all(b.ids("es") or b.ids("de") for b in found.sentences)
    assert all(list(b.members) == ["es", "de"] for b in found.sentences)
    assert len(found.sentences) == sum(
        1 for b in document.sentences.beads if b.ids("es") or b.ids("de")
    )


def test_an_aligned_merge_splits_in_a_two_language_view(tmp_path: Path) -> None:
    # French runs three paragraphs of the bundled sample into one; German and English
    # should still see them paragraph by paragraph
    paragraphs = (SAMPLE / "fr.txt").read_text(encoding="utf-8").split("\n\n")
    merged = [*paragraphs[:3], " ".join(p.strip() for p in paragraphs[3:6]), *paragraphs[6:]]
    (tmp_path / "fr.txt").write_text("\n\n".join(merged), encoding="utf-8")
    shutil.copy(SAMPLE / "de.txt", tmp_path / "de.txt")
    shutil.copy(SAMPLE / "en.html", tmp_path / "en.html")
    document = aligner.align_files([tmp_path / "de.txt", tmp_path / "en.html", tmp_path / "fr.txt"])
    merged_bead = next(b for b in document.paragraphs.beads if len(b.ids("fr")) == 1
                       and len(b.ids("en")) == 3)  # fmt: skip
    parts = [
        b for b in minimal_beads(document, ["de", "en"]) if stored_bead_id(b.id) == merged_bead.id
    ]
    assert [len(b.ids("en")) for b in parts] == [1, 1, 1]


def test_two_languages_see_their_own_sentence_beads_where_a_third_glued(glued: Document) -> None:
    de_fr = view(glued, ["de", "fr"]).sentences
    assert _shapes(de_fr) == ["1-1"] * 5
    assert [b.id for b in de_fr] == ["al.s1", "al.s2.1", "al.s2.2", "al.s2.3", "al.s3"]
    assert [b.cert for b in de_fr] == [0.95, 0.8, 0.7, 0.75, 0.95]
    assert [stored_bead_id(b.id) for b in de_fr][1:4] == ["al.s2"] * 3
    # the order chosen does not change the cuts
    assert [b.members["fr"] for b in view(glued, ["fr", "de"]).sentences] == [
        b.members["fr"] for b in de_fr
    ]
    # English glued them: any view with English sees the stored bead
    assert _shapes(view(glued, ["de", "en"]).sentences) == ["1-1", "3-1", "1-1"]
    assert _shapes(view(glued, ["de", "en", "fr"]).sentences) == ["1-1-1", "3-1-3", "1-1-1"]


def test_paragraphs_split_where_the_pair_beads_end_a_paragraph(glued: Document) -> None:
    assert _shapes(minimal_beads(glued, ["de", "fr"])) == ["1-1", "1-1", "1-1"]
    # without the pair beads the sentence bead crosses the paragraph end: no cut
    whole = replace(glued, sentences=replace(glued.sentences, pairs=()))
    assert _shapes(minimal_beads(whole, ["de", "fr"])) == ["2-2", "1-1"]


def test_three_languages_split_only_where_every_pair_agrees(make_document: Make) -> None:
    spec: Spec = {
        "de": [("p", ["Eins.", "Zwei."])],
        "en": [("p", ["One and two."])],
        "es": [("p", ["Uno.", "Dos."])],
        "fr": [("p", ["Un.", "Deux."])],
    }
    document = make_document(spec, [{"de": (0,), "en": (0,), "es": (0,), "fr": (0,)}])
    assert _shapes(document.sentences.beads) == ["2-1-2-2"]

    def pair(a: str, b: str) -> tuple[Bead, ...]:
        return tuple(Bead("", {a: (f"{a}.p1.s{k}",), b: (f"{b}.p1.s{k}",)}, 0.9) for k in (1, 2))

    def seen(pairs: tuple[Bead, ...], langs: list[str]) -> list[str]:
        doc = replace(document, sentences=replace(document.sentences, pairs=pairs))
        return _shapes(view(doc, langs).sentences)

    assert seen(pair("de", "es") + pair("de", "fr"), ["de", "es", "fr"]) == ["2-2-2"]
    everything = pair("de", "es") + pair("de", "fr") + pair("es", "fr")
    assert seen(everything, ["de", "es", "fr"]) == ["1-1-1", "1-1-1"]
    assert seen(everything, ["de", "en", "es"]) == ["2-1-2"]


def test_a_pair_bead_one_side_lacks_is_its_own_part(make_document: Make) -> None:
    # English glued "Zwei" into its first sentence; French has no "Zwei" at all
    spec: Spec = {
        "de": [("p", ["Eins.", "Zwei."])],
        "en": [("p", ["One and two."])],
        "fr": [("p", ["Un."])],
    }
    document = make_document(spec, [{"de": (0,), "en": (0,), "fr": (0,)}])
    pairs = (
        Bead("", {"de": ("de.p1.s1",), "fr": ("fr.p1.s1",)}, 0.9),
        Bead("", {"de": ("de.p1.s2",), "fr": ()}, 0.6),
    )
    document = replace(document, sentences=replace(document.sentences, pairs=pairs))
    assert [(b.shape, b.cert) for b in view(document, ["de", "fr"]).sentences] == [
        ("1-1", 0.9),
        ("1-0", 0.6),
    ]


def test_an_aligner_keeps_what_german_and_french_split_under_an_english_glue() -> None:
    # tests/data/align/glued: English glues the end of paragraph 1 to the start of
    # paragraph 2 in one sentence; German and French keep both paragraphs and sentences
    document = aligner.align_files([GLUED / f"{lang}.txt" for lang in ("de", "en", "fr")])
    assert "3-1-3" in _shapes(document.sentences.beads)
    assert set(_shapes(view(document, ["de", "fr"]).sentences)) == {"1-1"}
    assert set(_shapes(minimal_beads(document, ["de", "fr"]))) == {"1-1"}
    assert "3-1" in _shapes(view(document, ["de", "en"]).sentences)


def test_headings_stand_apart_in_a_bead_of_one_sentence_bead(make_document: Make) -> None:
    # English ran "Article 17" into its only sentence: German and French still see their
    # heading and their paragraph apart
    spec: Spec = {
        "de": [("head", ["Artikel 17"]), ("p", ["Jeder hat das Recht auf Eigentum."])],
        "en": [("p", ["Article 17 Everyone has the right to own property."])],
        "fr": [("head", ["Article 17"]), ("p", ["Toute personne a droit à la propriété."])],
    }
    document = make_document(spec, [{"de": (0, 1), "en": (0,), "fr": (0, 1)}])
    assert _shapes(document.sentences.beads) == ["1-1-1"]
    assert [b.members["fr"] for b in minimal_beads(document, ["de", "fr"])] == [
        ("fr.h1",),
        ("fr.p2",),
    ]
    assert _shapes(minimal_beads(document, ["de", "en"])) == ["2-1"]


def test_a_closing_heading_stands_apart_where_a_third_language_ran_into_it(
    make_document: Make,
) -> None:
    # English ran its first paragraph into the next heading ("... free. Article 2")
    spec: Spec = {
        "de": [("p", ["Alle sind frei."]), ("head", ["Artikel 2"]), ("p", ["Jeder hat Rechte."])],
        "en": [("p", ["All are free.", "Article 2"]), ("p", ["Everyone has rights."])],
        "fr": [
            ("p", ["Tous sont libres."]),
            ("head", ["Article 2"]),
            ("p", ["Chacun a des droits."]),
        ],
    }
    beads = [{"de": (0, 1), "en": (0,), "fr": (0, 1)}, {"de": (2,), "en": (1,), "fr": (2,)}]
    document = make_document(spec, beads)
    assert [b.members["de"] for b in minimal_beads(document, ["de", "fr"])] == [
        ("de.p1",),
        ("de.h2",),
        ("de.p3",),
    ]
    assert _shapes(minimal_beads(document, ["de", "en"])) == ["2-1", "1-1"]
