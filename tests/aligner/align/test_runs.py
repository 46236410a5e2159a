"""A version of a great many tiny units is aligned in runs of them (aligner.align.runs)."""

from __future__ import annotations

import dataclasses
import json

from aligner.align import align_versions
from aligner.align.runs import in_runs
from aligner.align_config import DEFAULT_CONFIG
from aligner.model import Alignment, Block, Sentence, Source, Turn, Version

from .conftest import UDHR, build_version, udhr_paragraphs

# a small budget, so that the two hundred words of the excerpt are "too many"
SMALL = dataclasses.replace(
    DEFAULT_CONFIG,
    encoder=None,
    search=dataclasses.replace(DEFAULT_CONFIG.search, run_units=50, run_chars=40),
)


def word_lines(lang: str) -> tuple[Version, dict[str, str]]:
    """Return the UDHR excerpt with every word a paragraph that is a sentence ("Alle."),
    and the paragraph of the excerpt each block comes from (its id in the gold)."""
    gold = json.loads((UDHR / "gold.json").read_text(encoding="utf-8"))["ids"][lang]
    blocks: list[str] = []
    source: dict[str, str] = {}
    for k, paragraph in enumerate(udhr_paragraphs(lang)):
        for word in paragraph.split():
            blocks.append(word.strip(".,;:") + ".")
            source[f"{lang}.p{len(blocks)}"] = gold[k]
    return build_version(lang, blocks), source


def covered(alignment: Alignment, lang: str) -> list[str]:
    return [i for bead in alignment.beads for i in bead.ids(lang)]


def test_a_version_of_one_word_sentences_is_aligned_in_runs_that_name_every_unit() -> None:
    (de, de_from), (en, en_from) = word_lines("de"), word_lines("en")
    told: list[str] = []
    paragraphs, sentences = align_versions([de, en], config=SMALL, warn=told.append)
    assert any(note.startswith(f"de: {len(de.blocks):,} paragraphs") for note in told)
    assert any("aligned in runs of about 40 characters" in note for note in told)
    for v in (de, en):
        # every paragraph and sentence in one bead, in order
        assert covered(paragraphs, v.lang) == [b.id for b in v.blocks]
        assert covered(sentences, v.lang) == [s.id for b in v.blocks for s in b.sentences]
    # far fewer beads than units: the runs were aligned, not the words
    assert len(paragraphs.beads) < len(de.blocks) / 5
    # and aligned right: a bead's German and English words come from the same paragraph
    both = [b for b in paragraphs.beads if b.ids("de") and b.ids("en")]
    same = sum(
        bool({de_from[i] for i in b.ids("de")} & {en_from[i] for i in b.ids("en")}) for b in both
    )
    assert same >= 0.9 * len(both)


def test_versions_within_the_budget_are_aligned_unit_by_unit() -> None:
    de, _ = word_lines("de")
    assert in_runs([de], SMALL.search) is not None
    assert in_runs([de], DEFAULT_CONFIG.search) is None  # two hundred units: affordable
    roomy = dataclasses.replace(SMALL.search, run_units=len(de.blocks))
    assert in_runs([de], roomy) is None


def test_a_run_never_holds_two_speaker_turns() -> None:
    # turns of three one-word paragraphs each: runs of 40 characters would span several
    who = ("journalist", "spokesperson")
    blocks = tuple(
        Block(f"en.p{k + 1}", "p", k + 1, f"Word{k}.", (Sentence(f"en.p{k + 1}.s1", f"Word{k}."),),
              section="qa", turn=Turn(f"en.sp{k // 3 + 1}", f"{who[k // 3 % 2]}:", who[k // 3 % 2]))
        for k in range(900)
    )  # fmt: skip
    version = Version("en", blocks, Source(sha256="0" * 64))
    runs = in_runs([version], SMALL.search)
    assert runs is not None
    turn_of = {b.id: b.turn.id for b in blocks if b.turn}
    held = [runs.members["en"][run.id] for run in runs.versions[0].blocks]
    assert [i for ids in held for i in ids] == [b.id for b in blocks]
    assert all(len({turn_of[i] for i in ids}) == 1 for ids in held)
    assert max(map(len, held)) == 3  # a whole turn is one run
