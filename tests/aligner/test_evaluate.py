"""Scoring against gold: bead files, ParIce folders, n-way paragraph gold."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from aligner.errors import FormatError, InputError
from aligner.evaluate import (
    evaluate,
    format_beads,
    format_table,
    paragraphs,
    parse_beads,
    parse_indexed,
    read_nway_gold,
    score_bead_files,
    score_beads,
    score_nway,
)
from aligner.model import Document

DATA = Path(__file__).resolve().parents[1] / "data" / "align"
UDHR = DATA.parent / "udhr"


def test_it_reads_and_writes_bead_lines() -> None:
    text = "[0, 1]:[2]\n[]:[3]\n\n[2]:[]\n"
    beads = parse_beads(text)
    assert beads == [((0, 1), (2,)), ((), (3,)), ((2,), ())]
    assert format_beads(beads) == "[0, 1]:[2]\n[]:[3]\n[2]:[]\n"


@pytest.mark.parametrize("line", ["[0]-[1]", "[0]:x", "[a]:[1]", "(0):[1]"])
def test_a_malformed_bead_line_is_a_format_error(line: str) -> None:
    with pytest.raises(FormatError, match="line 2"):
        parse_beads("[0]:[0]\n" + line + "\n", path="gold.defr")


def test_strict_and_lax_scores_match_a_hand_count() -> None:
    gold = [((0,), (0,)), ((1, 2), (1,)), ((), (2,)), ((3,), (3, 4)), ((4,), (5,))]
    pred = [((0,), (0,)), ((1,), (1,)), ((2,), (2,)), ((3,), (3, 4)), ((4,), ()), ((), (5,))]
    scores = score_beads(pred, gold)
    # precision over 6 predicted beads: strict hits [0]:[0] and [3]:[3,4];
    # lax adds [1]:[1] (1 and 1 in gold [1,2]:[1]); [2]:[2] has 2 in [1,2]:[1] but 2 not in [1]
    assert scores.strict.precision == pytest.approx(2 / 6)
    assert scores.lax.precision == pytest.approx(3 / 6)
    # recall over the 4 gold beads that are not 1-0/0-1, against predicted ones likewise:
    # strict [0]:[0], [3]:[3,4]; lax adds [1,2]:[1] (via [1]:[1])
    assert scores.strict.recall == pytest.approx(2 / 4)
    assert scores.lax.recall == pytest.approx(3 / 4)
    assert scores.strict.f1 == pytest.approx(2 * (1 / 3) * (1 / 2) / (1 / 3 + 1 / 2))


def test_counts_are_summed_over_files_before_dividing() -> None:
    a = ([((0,), (0,))], [((0,), (0,))])
    b = ([((0,), (1,)), ((1,), (0,))], [((0,), (0,)), ((1,), (1,)), ((2,), (2,))])
    total = score_bead_files([a, b])
    assert total.strict.precision == pytest.approx(1 / 3)
    assert total.strict.recall == pytest.approx(1 / 4)


def test_empty_beads_are_ignored() -> None:
    scores = score_beads([((), ()), ((0,), (0,))], [((0,), (0,)), ((), ())])
    assert scores.strict.precision == 1.0
    assert scores.strict.recall == 1.0


def test_it_reads_the_parice_layout() -> None:
    assert parse_indexed("0\tOne.\n1\tTwo\tthree.\n") == ["One.", "Two\tthree."]
    with pytest.raises(FormatError):
        parse_indexed("0\tOne.\n2\tTwo.\n")


def test_the_paragraph_rule_drops_blank_lines_and_strips() -> None:
    assert paragraphs("A\r\n\r\n  B \u00a0\n\n\nC") == ["A", "B", "C"]


def test_nway_scores_per_pair_links_and_exact_groups() -> None:
    gold = [
        {"de": (0,), "en": (0,), "fr": (0,)},
        {"de": (1,), "en": (), "fr": (1,)},
        {"de": (2,), "en": (1, 2), "fr": (2,)},
    ]
    pred = [
        {"de": (0,), "en": (0,), "fr": (0,)},
        {"de": (1,), "en": (1,), "fr": (1,)},
        {"de": (2,), "en": (2,), "fr": (2,)},
    ]
    scores = score_nway(pred, gold, ["de", "en", "fr"])
    assert scores.group_exact == pytest.approx(1 / 3)
    assert scores.pairs["de-fr"].beads.f1 == 1.0
    de_en = scores.pairs["de-en"]
    # links: predicted {00, 11, 22}, gold {00, 21, 22}
    assert de_en.links.precision == pytest.approx(2 / 3)
    assert de_en.links.recall == pytest.approx(2 / 3)
    # beads: predicted 3, strict hit [0]:[0]; gold without 1-0: [0]:[0], [2]:[1,2]
    assert de_en.beads.precision == pytest.approx(1 / 3)
    assert de_en.beads.recall == pytest.approx(1 / 2)
    assert scores.links.f1 == pytest.approx((1.0 + 2 / 3 + 2 / 3) / 3)


def test_it_reads_nway_gold_and_checks_counts(tmp_path: Path) -> None:
    gold = read_nway_gold(UDHR)
    assert gold.languages == ("de", "en", "es", "fr", "ru")
    assert len(gold.groups) == 15
    assert gold.groups[1]["en"] == ()
    shutil.copytree(UDHR, tmp_path / "udhr")
    data = json.loads((tmp_path / "udhr" / "gold.json").read_text("utf-8"))
    data["paragraph_counts"]["en"] = 99
    (tmp_path / "udhr" / "gold.json").write_text(json.dumps(data), "utf-8")
    with pytest.raises(FormatError, match="gold says 99"):
        read_nway_gold(tmp_path / "udhr")


def test_evaluate_recognises_each_kind_of_gold() -> None:
    results = evaluate([UDHR, DATA / "mini", DATA / "mini" / "parice"])
    kinds = {r.name: r for r in results}
    assert kinds["udhr"].kind == "nway"
    assert kinds["udhr"].strict.f1 == 1.0
    assert kinds["udhr"].group_exact == 1.0
    assert len(kinds["udhr"].judged) == 15
    assert all(correct for _, correct in kinds["udhr"].judged)
    assert set(kinds["udhr"].pairs) == {
        "de-en",
        "de-es",
        "de-fr",
        "de-ru",
        "en-es",
        "en-fr",
        "en-ru",
        "es-fr",
        "es-ru",
        "fr-ru",
    }
    assert kinds["story.defr"].kind == "beads"
    assert kinds["story.defr"].lax is not None
    assert kinds["story.defr"].strict.f1 >= 0.6
    assert kinds["parice"].kind == "parice"
    assert kinds["parice"].strict.f1 == 1.0
    assert all(correct for _, correct in kinds["parice"].judged)
    story = kinds["story.defr"]
    right = sum(correct for _, correct in story.judged)
    assert right / len(story.judged) == pytest.approx(story.strict.precision)
    table = format_table(results)
    assert "udhr" in table
    assert "story.defr" in table
    assert table.count("\n") == len(results) + 2


def test_evaluate_takes_a_triple_of_files() -> None:
    mini = DATA / "mini"
    (result,) = evaluate([mini / "story.de", mini / "story.fr", mini / "story.defr"])
    assert result.kind == "beads"
    assert result.files == 1


def test_evaluate_aligns_with_the_encoder_it_is_given() -> None:
    mini = DATA / "mini"
    triple = [mini / "story.de", mini / "story.fr", mini / "story.defr"]
    seen: list[str] = []

    def counting(texts: list[str]) -> list[list[float]]:
        seen.extend(texts)
        return [[1.0, float(len(t))] for t in texts]

    evaluate(triple, embedder=counting)
    de = (mini / "story.de").read_text("utf-8").splitlines()
    assert set(de) <= set(seen)
    seen.clear()
    evaluate([UDHR], embedder=counting)  # the n-way gold too
    assert any("Article 1" in text or "Artikel 1" in text for text in seen)


def test_evaluate_refuses_a_folder_without_gold(tmp_path: Path) -> None:
    with pytest.raises(InputError):
        evaluate([tmp_path])


def test_each_pair_is_scored_on_its_own_minimal_beads() -> None:
    # English runs three paragraphs into one; German and French keep them apart
    from aligner.evaluate import pair_groups, paragraph_version
    from aligner.model import Alignment, Bead

    versions = [
        paragraph_version("de", ["Eins.", "Zwei.", "Drei."], split=True),
        paragraph_version("en", ["One. Two. Three."], split=True),
        paragraph_version("fr", ["Un.", "Deux.", "Trois."], split=True),
    ]
    assert [s.id for s in versions[1].sentences()] == ["en.p1.s1", "en.p1.s2", "en.p1.s3"]
    paragraphs = Alignment(
        "paragraph",
        (
            Bead(
                "al.p1",
                {
                    "de": ("de.p1", "de.p2", "de.p3"),
                    "en": ("en.p1",),
                    "fr": ("fr.p1", "fr.p2", "fr.p3"),
                },
                0.9,
            ),
        ),  # fmt: skip
    )
    sentences = Alignment(
        "sentence",
        tuple(
            Bead(
                f"al.s{k}",
                {"de": (f"de.p{k}.s1",), "en": (f"en.p1.s{k}",), "fr": (f"fr.p{k}.s1",)},
                0.9,
            )  # fmt: skip
            for k in (1, 2, 3)
        ),
    )
    index = {v.lang: {b.id: k for k, b in enumerate(v.blocks)} for v in versions}
    pairs = pair_groups(paragraphs, sentences, versions, index)
    assert pairs[("de", "fr")] == [{"de": (k,), "fr": (k,)} for k in range(3)]
    assert pairs[("de", "en")] == [{"de": (0, 1, 2), "en": (0,)}]
    pred = [{"de": (0, 1, 2), "en": (0,), "fr": (0, 1, 2)}]
    gold_de_fr = [{"de": (k,), "fr": (k,)} for k in range(3)]
    seen_through = score_nway(pred, pred, ["de", "en", "fr"], pair_gold={("de", "fr"): gold_de_fr})
    assert seen_through.pairs["de-fr"].beads.f1 == 0.0
    own = score_nway(
        pred, pred, ["de", "en", "fr"], pair_pred=pairs, pair_gold={("de", "fr"): gold_de_fr}
    )
    assert own.pairs["de-fr"].beads.f1 == 1.0
    assert own.pairs["de-en"].beads.f1 == 1.0


def test_evaluate_takes_a_folder_of_gold_sets_like_the_shared_corpus(tmp_path: Path) -> None:
    shutil.copytree(UDHR, tmp_path / "udhr")
    shutil.copytree(DATA / "mini" / "parice", tmp_path / "parice")
    (tmp_path / "notes").mkdir()  # a folder without gold among them is passed over
    results = evaluate([tmp_path])
    assert sorted((r.name, r.kind) for r in results) == [("parice", "parice"), ("udhr", "nway")]


def test_a_pair_is_scored_on_the_sentences_it_splits_where_a_third_glued(
    glued: Document,
) -> None:
    from aligner.evaluate import pair_groups

    index = {v.lang: {b.id: k for k, b in enumerate(v.blocks)} for v in glued.versions}
    pairs = pair_groups(glued.paragraphs, glued.sentences, glued.versions, index)
    assert pairs[("de", "fr")] == [{"de": (k,), "fr": (k,)} for k in range(3)]
    assert pairs[("de", "en")] == [{"de": (0, 1), "en": (0,)}, {"de": (2,), "en": (1,)}]
