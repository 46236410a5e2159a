"""Search: folding, phrases, prefixes, languages and counterparts."""

from __future__ import annotations

from pathlib import Path

import pytest

from aligner.archive import Archive, QueryError, fold
from aligner.index import fts_query


@pytest.fixture
def archive(corpus: Path, tmp_path: Path) -> Archive:
    archive = Archive(tmp_path / "archive", create=True)
    summary = archive.add([str(corpus)], executor="serial")
    assert len(summary.added) == 4
    return archive


def test_a_russian_word_written_with_e_finds_the_word_written_with_yo(archive: Archive) -> None:
    hits = archive.search("елку", langs=["ru"])
    assert hits
    assert all("ёлку" in hit.text for hit in hits)
    # and the other way round
    assert {h.unit for h in archive.search("всё")} == {h.unit for h in archive.search("все")}


def test_sharp_s_and_ss_find_each_other(archive: Archive) -> None:
    with_sharp = archive.search("Straße", langs=["de"])
    with_ss = archive.search("STRASSE", langs=["de"])
    assert with_sharp
    assert [h.unit for h in with_sharp] == [h.unit for h in with_ss]
    assert all("Straße" in hit.text for hit in with_sharp)
    assert archive.search("Massnahmen")[0].text.startswith("Die Maßnahmen kosten")


def test_a_hit_shows_its_bead_in_the_other_languages(archive: Archive) -> None:
    hit = archive.search('"fir tree"', langs=["en"])[0]
    assert hit.lang == "en"
    assert hit.level == "sentence"
    assert hit.bead.startswith("al.s")
    assert dict(hit.counterparts) == {
        "de": "Am Abend wurde ein Tannenbaum im Hof aufgestellt.",
        "ru": "Вечером во дворе поставили ёлку.",
    }
    assert hit.title
    assert hit.doc.startswith("doc-")


def test_phrases_keep_word_order(archive: Archive) -> None:
    assert archive.search('"the road along the river"')
    assert not archive.search('"the river along the road"')


def test_prefix_queries(archive: Archive) -> None:
    texts = {hit.text for hit in archive.search("publish*", langs=["en"])}
    assert texts == {"It will be published online."}


def test_language_restriction(archive: Archive) -> None:
    # "Tarvel" is written the same in German and English
    assert {h.lang for h in archive.search("Tarvel", limit=50)} <= {"de", "en"}
    assert {h.lang for h in archive.search("Tarvel", langs=["en"])} == {"en"}
    assert archive.search("Tarvel", langs=["ru"]) == []


def test_a_bead_found_in_two_languages_is_one_hit(archive: Archive) -> None:
    hits = archive.search("Tarvel", limit=50)
    beads = [(h.doc, h.bead) for h in hits]
    assert len(beads) == len(set(beads))


def test_words_across_two_sentences_find_the_paragraph(archive: Archive) -> None:
    hits = archive.search("experts discussed", langs=["en"])
    assert hits
    assert {h.level for h in hits} == {"paragraph"}
    assert all(h.bead.startswith("al.p") for h in hits)


def test_exclusion_and_alternatives(archive: Archive) -> None:
    schools = archive.search("schools", langs=["en"], limit=50)
    songs = archive.search("songs", langs=["en"], limit=50)
    either = archive.search("schools OR songs", langs=["en"], limit=50)
    assert len(either) == len(schools) + len(songs)
    assert archive.search("delegation -schools", langs=["en"]) == []


def test_the_index_is_rebuilt_from_the_tei(archive: Archive) -> None:
    before = archive.search("ёлка OR Straße", limit=100)
    assert before
    (archive.root / "index.sqlite").unlink()
    archive.close()
    rebuilt = Archive(archive.root, create=True)
    assert rebuilt.index.documents() == []
    assert rebuilt.search("ёлка OR Straße", limit=100) == before  # it catches up first
    assert rebuilt.reindex() == 4
    assert rebuilt.search("ёлка OR Straße", limit=100) == before


@pytest.mark.parametrize("query", ['"open quote', "", "!!! ---"])
def test_queries_that_cannot_be_run_say_why(query: str) -> None:
    with pytest.raises(QueryError):
        fts_query(query)


def test_folding_keeps_scripts_whose_marks_are_vowels() -> None:
    assert fold("Ёжик") == "ежик"
    assert fold("ΆΘΗΝΑ") == "αθηνα"
    # the nukta under क is a combining mark, but in Devanagari it makes another consonant
    assert fold("\u0958\u093f\u0932\u093e") == "\u0915\u093c\u093f\u0932\u093e"
