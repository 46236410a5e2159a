"""Versions whose paragraphs are of very different sizes are aligned by their sentences
(aligner.align.finer)."""

from __future__ import annotations

import random

from aligner.align import align_versions
from aligner.align.finer import Finer, by_sentences
from aligner.align_config import DEFAULT_CONFIG, AlignConfig
from aligner.model import Alignment, Bead, Version

from .conftest import build_version, made_up_sentence, udhr_paragraphs

PLAIN = AlignConfig(encoder=None)


def fine_and_coarse(per: int) -> tuple[Version, Version]:
    """Return a text of sixty short paragraphs, and the same text with ``per`` of them to
    a paragraph (the same words: only the paragraphs differ)."""
    rng = random.Random(4)
    short = [
        " ".join(made_up_sentence(rng, rng.randint(40, 120)) for _ in range(rng.randint(1, 3)))
        for _ in range(60)
    ]
    long = [" ".join(short[k : k + per]) for k in range(0, len(short), per)]
    return build_version("de", short), build_version("en", long)


def members(alignment: Alignment) -> list[tuple[tuple[str, ...], tuple[str, ...]]]:
    return [(b.ids("de"), b.ids("en")) for b in alignment.beads]


def test_paragraphs_five_times_longer_than_the_others_are_paired_with_them() -> None:
    fine, coarse = fine_and_coarse(5)
    told: list[str] = []
    paragraphs, sentences = align_versions([fine, coarse], config=PLAIN, warn=told.append)
    assert any(note.endswith("more than 3 of one to one of another: aligned by their sentences")
               for note in told)  # fmt: skip
    # each long paragraph with the five short ones it holds, nothing left alone
    assert members(paragraphs) == [
        (tuple(f"de.p{k + j + 1}" for j in range(5)), (f"en.p{k // 5 + 1}",))
        for k in range(0, 60, 5)
    ]
    # and each sentence with itself
    assert [(b.ids("de"), b.ids("en")) for b in sentences.beads] == [
        ((d.id,), (e.id,)) for d, e in zip(fine.sentences(), coarse.sentences(), strict=True)
    ]
    assert not any("partial" in note for note in told)


def test_paragraphs_of_like_sizes_are_aligned_as_paragraphs() -> None:
    fine, coarse = fine_and_coarse(2)  # twice as long: a 2-1 bead pairs them
    assert by_sentences([fine, coarse], DEFAULT_CONFIG.search) is None
    de, en = (build_version(lang, udhr_paragraphs(lang)) for lang in ("de", "en"))
    assert by_sentences([de, en], DEFAULT_CONFIG.search) is None


def test_a_paragraph_bead_a_person_confirmed_is_kept() -> None:
    fine, coarse = fine_and_coarse(5)
    confirmed = Bead(
        "x1", {"de": tuple(f"de.p{k}" for k in range(6, 11)), "en": ("en.p2",)}, 1.0, "confirmed"
    )
    paragraphs, _ = align_versions([fine, coarse], fixed=[confirmed], config=PLAIN)
    kept = [b for b in paragraphs.beads if b.status == "confirmed"]
    assert [(b.ids("de"), b.ids("en"), b.cert) for b in kept] == [
        (confirmed.ids("de"), ("en.p2",), 1.0)
    ]


def test_beads_that_share_a_paragraph_become_one_with_those_between() -> None:
    finer = Finer(
        (),
        {"de": {"de.p1": ("de.p1/1", "de.p1/2")},
         "en": {"en.p1": ("en.p1/1", "en.p1/2"), "en.p2": ("en.p2/1", "en.p2/2")}},
        "",
    )  # fmt: skip
    found = [
        ({"de": ("de.p1/1",), "en": ("en.p1/1",)}, 0.9),
        ({"de": ("de.p1/2",), "en": ("en.p1/2",)}, 0.8),
        ({"de": ("de.p2",), "en": ("en.p2/1",)}, 0.95),
        ({"de": ("de.p3",), "en": ()}, 0.2),  # inside the second long paragraph's stretch
        ({"de": ("de.p4",), "en": ("en.p2/2",)}, 0.7),
        ({"de": ("de.p5",), "en": ("en.p3",)}, 0.6),
    ]
    beads = tuple(Bead(f"al.p{k + 1}", m, cert) for k, (m, cert) in enumerate(found))
    joined = finer.joined(Alignment("paragraph", beads))
    assert [(b.id, b.ids("de"), b.ids("en"), b.cert) for b in joined.beads] == [
        ("al.p1", ("de.p1",), ("en.p1",), 0.8),
        # as sure as its ends: the bead inside moves no border
        ("al.p2", ("de.p2", "de.p3", "de.p4"), ("en.p2",), 0.7),
        ("al.p3", ("de.p5",), ("en.p3",), 0.6),
    ]


def test_a_sentence_bead_a_person_confirmed_is_kept_and_the_rest_pair_as_found() -> None:
    fine, coarse = fine_and_coarse(5)
    de, en = list(fine.sentences()), list(coarse.sentences())
    # the fourth German sentence with the fourth and fifth English ones, against the text
    confirmed = Bead("x1", {"de": (de[3].id,), "en": (en[3].id, en[4].id)}, 1.0, "confirmed")
    _, sentences = align_versions([fine, coarse], fixed=[confirmed], config=PLAIN)
    kept = [b for b in sentences.beads if b.status == "confirmed"]
    assert [(b.ids("de"), b.ids("en")) for b in kept] == [((de[3].id,), (en[3].id, en[4].id))]
    # far from it, each sentence with itself, as the paragraph pass paired them
    later = {d.id for d in de[21:31]}
    far = [(b.ids("de"), b.ids("en")) for b in sentences.beads if later & set(b.ids("de"))]
    assert far == [((d.id,), (e.id,)) for d, e in zip(de[21:31], en[21:31], strict=True)]
