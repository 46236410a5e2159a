"""Two-text alignment: beads, shapes, evidence and lexicon reuse."""

from __future__ import annotations

import dataclasses
import math
import random
from collections.abc import Callable
from typing import Any

import pytest

import aligner.align.dp
import aligner.align.pairwise
from aligner.align import Lexicons, PairBead, align_texts
from aligner.align.confidence import path_certs
from aligner.align.embeddings import Embedder
from aligner.align.features import CostModel, IntArray, Unit, evidences
from aligner.align.pairwise import align_units
from aligner.align_config import DEFAULT_CONFIG, AlignConfig, Search
from tests.aligner.align.conftest import made_up_sentence

Sentences = Callable[[str], list[str]]

#: without meaning even where a text looks partial: for the search without meaning
WITHOUT = AlignConfig(partial_encoder=None)


def _pairs(beads: list[PairBead]) -> list[tuple[tuple[int, ...], tuple[int, ...]]]:
    return [(b.src, b.tgt) for b in beads]


def _covers(beads: list[PairBead], n: int, m: int) -> bool:
    src = [i for b in beads for i in b.src]
    tgt = [j for b in beads for j in b.tgt]
    return src == list(range(n)) and tgt == list(range(m))


def test_it_aligns_translated_sentences_one_to_one(udhr_sentences: Sentences) -> None:
    en, fr = udhr_sentences("en"), udhr_sentences("fr")
    assert len(en) == len(fr)
    beads = align_texts(en, fr, src_lang="en", tgt_lang="fr")
    assert _pairs(beads) == [((i,), (i,)) for i in range(len(en))]
    assert all(0.0 <= b.cert <= 1.0 for b in beads)


def test_it_leaves_a_dropped_sentence_in_a_one_to_zero_bead(
    udhr_sentences: Sentences,
) -> None:
    en, ru = udhr_sentences("en"), udhr_sentences("ru")
    # Russian has the adoption note (index 1) that English lacks; drop one more in Russian
    dropped = 6
    ru_short = ru[:dropped] + ru[dropped + 1 :]
    beads = align_texts(en, ru_short, src_lang="en", tgt_lang="ru")
    assert _covers(beads, len(en), len(ru_short))
    assert ((), (1,)) in _pairs(beads)
    assert ((dropped - 1,), ()) in _pairs(beads)
    assert ((dropped,), (dropped,)) in _pairs(beads)


def test_it_joins_a_split_sentence_into_a_one_to_two_bead(udhr_sentences: Sentences) -> None:
    en, fr = udhr_sentences("en"), udhr_sentences("fr")
    k = next(i for i, s in enumerate(fr) if i > 2 and "," in s and len(s) > 80)
    # split the French sentence at its comma, as a translator might have done
    head, tail = fr[k].split(",", 1)
    fr_split = fr[:k] + [head + ".", tail.strip()] + fr[k + 1 :]
    beads = align_texts(en, fr_split, src_lang="en", tgt_lang="fr")
    assert ((k,), (k, k + 1)) in _pairs(beads)
    assert _covers(beads, len(en), len(fr_split))


def test_a_sentence_cut_in_five_pieces_is_one_bead(udhr_sentences: Sentences) -> None:
    en, fr = udhr_sentences("en"), udhr_sentences("fr")
    k = max(range(3, len(fr) - 3), key=lambda i: len(fr[i]))
    words = fr[k].split()
    cuts = [round(len(words) * q / 5) for q in range(6)]
    # an OCR'd page cuts the French sentence into five lines, each read as a sentence
    pieces = [" ".join(words[cuts[q] : cuts[q + 1]]) for q in range(5)]
    fr_cut = fr[:k] + pieces + fr[k + 1 :]
    beads = align_texts(en, fr_cut, src_lang="en", tgt_lang="fr")
    assert ((k,), tuple(range(k, k + 5))) in _pairs(beads)
    assert ((k + 1,), (k + 5,)) in _pairs(beads)


def _one_of_two(src_lang: str, tgt_lang: str, src: str, decoy: str, match: str) -> list[PairBead]:
    """Align [opening, src, closing] with [opening, decoy, match, closing]."""
    openings = {
        "de": ("Die Sitzung wurde pünktlich eröffnet.", "Danach folgte eine kurze Pause."),
        "en": ("The meeting was opened on time.", "A short break followed."),
        "fr": ("La séance fut ouverte à l'heure.", "Une courte pause suivit."),
        "ru": ("Заседание открылось вовремя.", "Затем был короткий перерыв."),
    }
    s_open, s_close = openings[src_lang]
    t_open, t_close = openings[tgt_lang]
    return align_texts(
        [s_open, src, s_close],
        [t_open, decoy, match, t_close],
        src_lang=src_lang,
        tgt_lang=tgt_lang,
    )


def test_numbers_pull_the_right_pairing() -> None:
    beads = _one_of_two(
        "de",
        "fr",
        "Im Jahr 1987 wurden 4500 Bäume gepflanzt und 312 Wege erneuert.",
        "Une longue discussion suivit sans qu'aucune décision soit prise.",
        "En 1987, 4500 arbres furent plantés et 312 chemins refaits.",
    )
    assert ((1,), (2,)) in _pairs(beads)


def test_dates_written_differently_still_match() -> None:
    beads = _one_of_two(
        "de",
        "en",
        "Der Vertrag vom 10.12.1948 wurde feierlich unterzeichnet.",
        "Nobody raised any objection to the wording of the text.",
        "The treaty of 10 December 1948 was solemnly signed.",
    )
    assert ((1,), (2,)) in _pairs(beads)


@pytest.mark.parametrize("encoder", [None, "use"])
def test_ocr_debris_between_sentences_is_left_alone(encoder: str | None) -> None:
    beads = align_texts(
        [
            "Die Karte von 1932 gibt dem Gipfel 4210 m , und die neue Messung bestätigt das .",
            "Der Nordgrat gilt seither als der schönste Weg nach oben .",
        ],
        [
            "La carte de 1932 donne au sommet 4210 m , et la nouvelle mesure le confirme .",
            "..... ",
            "- _- ",
            "L' arête nord passe depuis pour la plus belle voie vers le haut .",
        ],
        src_lang="de",
        tgt_lang="fr",
        encoder=encoder,
    )
    assert _pairs(beads) == [((0,), (0,)), ((), (1,)), ((), (2,)), ((1,), (3,))]


@pytest.mark.parametrize(("n", "m"), [(0, 0), (0, 3), (2, 0)])
def test_it_handles_empty_sides(n: int, m: int) -> None:
    beads = align_texts(["A sentence."] * n, ["Une phrase."] * m, src_lang="en", tgt_lang="fr")
    assert _covers(beads, n, m)
    assert all(not b.src or not b.tgt for b in beads)


def test_beads_cover_every_index_once_in_order(udhr_sentences: Sentences) -> None:
    es, ru = udhr_sentences("es"), udhr_sentences("ru")
    ru = ru[:3] + ru[5:] + ["Лишняя строка в конце."]
    beads = align_texts(es, ru, src_lang="es", tgt_lang="ru")
    assert _covers(beads, len(es), len(ru))


def test_a_batch_lexicon_is_learned_and_reused(udhr_sentences: Sentences) -> None:
    lexicons = Lexicons()
    en, fr = udhr_sentences("en"), udhr_sentences("fr")
    align_texts(en, fr, src_lang="en", tgt_lang="fr", lexicons=lexicons)
    learned = lexicons.get("en", "fr")
    assert learned is not None
    assert len(learned) > 0
    assert lexicons.get("fr", "en") is not None  # read the other way round
    again = align_texts(en, fr, src_lang="en", tgt_lang="fr", lexicons=lexicons)
    assert _pairs(again) == [((i,), (i,)) for i in range(len(en))]


def test_long_texts_are_aligned_in_a_band_with_the_same_result(
    udhr_sentences: Sentences,
) -> None:
    en, de = udhr_sentences("en") * 12, udhr_sentences("de") * 12
    whole = align_texts(en, de, src_lang="en", tgt_lang="de")
    banded_search = AlignConfig(search=Search(full_grid=0))  # force the banded search
    banded = align_texts(en, de, src_lang="en", tgt_lang="de", config=banded_search)
    assert _pairs(banded) == _pairs(whole)


def test_a_version_five_times_shorter_keeps_the_length_of_a_translation() -> None:
    # two sentences of ten, too few anchors to read the length ratio off: the totals'
    # ratio (0.2) would spread the two over all ten
    rng = random.Random(3)
    src = [made_up_sentence(rng, n) for n in (120, 40, 200, 80, 150, 60, 90, 170, 50, 110)]
    tgt = src[3:5]
    beads = align_texts(src, tgt, src_lang="en", tgt_lang="en", encoder=None, config=WITHOUT)
    linked = [(b.src, b.tgt) for b in beads if b.src and b.tgt]
    assert linked == [((3,), (0,)), ((4,), (1,))]
    assert _covers(beads, len(src), len(tgt))
    # neither an alignment with the units' ratio nor one around missing stretches
    even = AlignConfig(
        search=Search(uneven_ratio=math.inf, missing_units=10**6), partial_encoder=None
    )
    beads = align_texts(src, tgt, src_lang="en", tgt_lang="en", encoder=None, config=even)
    assert [(b.src, b.tgt) for b in beads if b.src and b.tgt] != linked


def test_no_step_of_a_long_band_holds_more_than_its_bound(
    udhr_sentences: Sentences, monkeypatch: pytest.MonkeyPatch
) -> None:
    en, de = udhr_sentences("en") * 12, udhr_sentences("de") * 12
    banded = Search(full_grid=0)
    whole = align_texts(
        en, de, src_lang="en", tgt_lang="de", config=AlignConfig(search=banded), encoder=None
    )
    steps: list[int] = []
    search = aligner.align.dp.best_path

    def counted(model: CostModel, lo: IntArray, hi: IntArray, **options: Any) -> Any:
        steps.append(len(lo) * int((hi - lo).max()))
        return search(model, lo, hi, **options)

    monkeypatch.setattr(aligner.align.pairwise, "best_path", counted)
    small = AlignConfig(search=dataclasses.replace(banded, step_cells=3000))
    windowed = align_texts(en, de, src_lang="en", tgt_lang="de", config=small, encoder=None)
    assert len(steps) > 6
    assert max(steps) <= 3000 + 2 * banded.band + 2
    assert _covers(windowed, len(en), len(de))
    same = set(_pairs(whole)) & set(_pairs(windowed))
    assert len(same) >= 0.97 * len(whole)


def _repeated_with_insert(rng: random.Random) -> tuple[list[str], list[str]]:
    """Return a text that repeats one passage 15 times, each copy's sentences with its
    year (no unit found once: no anchor), and the same with 300 other sentences put in
    after its fifth copy."""
    passage = [made_up_sentence(rng, rng.randint(40, 160)) for _ in range(20)]
    insert = [made_up_sentence(rng, rng.randint(40, 160)) for _ in range(300)]
    copies = [[f"{s[:-1]} {1948 + k}." for s in passage] for k in range(15)]
    src = [s for copy in copies for s in copy]
    return src, src[:100] + insert + src[100:]


def test_a_band_the_anchors_cannot_place_is_guided_by_a_coarser_alignment() -> None:
    # the band around the diagonal misses the copies after the insert by 300 units; with
    # no room to widen, an alignment of eight units at a time places them (without it, 140
    # of the 300 one-to-one beads are right)
    src, tgt = _repeated_with_insert(random.Random(5))
    config = AlignConfig(search=Search(full_grid=0, widen_cells=0))
    beads = align_units([Unit(s) for s in src], [Unit(t) for t in tgt], src_lang="en",
                        tgt_lang="en", config=config)  # fmt: skip
    assert _covers(beads, len(src), len(tgt))
    linked = [(b.src, b.tgt) for b in beads if b.src and b.tgt]
    assert sum(1 for s, t in linked if t == tuple(j + 300 * (j >= 100) for j in s)) >= 280


def test_a_band_too_narrow_for_what_the_evidence_says_is_told() -> None:
    src, tgt = _repeated_with_insert(random.Random(5))
    narrow = Search(full_grid=0, widen_cells=0, band=2, refine_band=2)
    said: list[str] = []
    beads = align_units(
        [Unit(s) for s in src], [Unit(t) for t in tgt], src_lang="en", tgt_lang="en",
        config=AlignConfig(search=narrow), warn=said.append,
    )  # fmt: skip
    assert _covers(beads, len(src), len(tgt))
    assert said
    assert all("as finely as that band allows" in note for note in said)


def test_unrelated_texts_are_told_and_translations_not(udhr_sentences: Sentences) -> None:
    rng = random.Random(8)
    one = [made_up_sentence(rng, rng.randint(60, 200)) for _ in range(120)]
    other = [made_up_sentence(rng, rng.randint(60, 200)) for _ in range(110)]
    said: list[str] = []
    align_units([Unit(s) for s in one], [Unit(t) for t in other], src_lang="en",
                tgt_lang="en", warn=said.append)  # fmt: skip
    assert len(said) == 1
    assert said[0].startswith("the texts do not look like translations of each other")
    en, de = udhr_sentences("en") * 3, udhr_sentences("de") * 3
    said.clear()
    align_units([Unit(s) for s in en], [Unit(t) for t in de], src_lang="en", tgt_lang="de",
                warn=said.append)  # fmt: skip
    assert said == []


@pytest.mark.parametrize("keep", ["opening", "ends"])
def test_a_version_that_lacks_a_whole_stretch_is_aligned_around_it(keep: str) -> None:
    # the target translates the first twelve of thirty sentences, or all but a middle
    # stretch of twelve (by length and a number in every third sentence: no shared word):
    # one stretch is missing, and the cost of leaving each of its sentences alone would
    # rather smear the rest over it
    rng = random.Random(7)
    sizes = [rng.randint(30, 220) for _ in range(30)]
    numbers = [f" {1800 + 7 * i}." if i % 3 == 0 else "" for i in range(30)]
    src = [made_up_sentence(rng, size) + numbers[i] for i, size in enumerate(sizes)]
    kept = list(range(12)) if keep == "opening" else [*range(9), *range(21, 30)]
    tgt = [made_up_sentence(rng, int(sizes[i] * 1.1)) + numbers[i] for i in kept]
    alone = AlignConfig(search=Search(missing_units=10**6), partial_encoder=None)
    linked = {
        name: [(b.src, b.tgt) for b in align_texts(
            src, tgt, src_lang="en", tgt_lang="en", encoder=None, config=config
        ) if b.src and b.tgt]
        for name, config in (("default", WITHOUT), ("alone", alone))
    }  # fmt: skip
    truth = [((i,), (k,)) for k, i in enumerate(kept)]
    right = len(set(linked["default"]) & set(truth))
    assert right >= len(truth) - 2
    assert all(s[0] in kept for s, _ in linked["default"])
    # without looking for missing stretches, the rest is smeared over them
    assert len(set(linked["alone"]) & set(truth)) < right


@pytest.mark.parametrize(("extra", "size", "partial"), [(5, 15, False), (12, 160, True)])
def test_only_a_stretch_holding_a_share_of_the_text_makes_it_look_partial(
    extra: int, size: int, partial: bool
) -> None:
    # the target translates all sixty sentences and holds, in the middle, lines the source
    # lacks: five short captions (a complete translation with a few lines of its own), or
    # twelve long sentences (a fifth of its text). Both stretches are found and aligned
    # around; only the second makes the texts look partial
    rng = random.Random(5)
    sizes = [rng.randint(60, 200) for _ in range(60)]
    numbers = [f" {1800 + 7 * i}." if i % 3 == 0 else "" for i in range(60)]
    src = [made_up_sentence(rng, n) + numbers[i] for i, n in enumerate(sizes)]
    tgt = [made_up_sentence(rng, int(n * 1.1)) + numbers[i] for i, n in enumerate(sizes)]
    tgt[30:30] = [made_up_sentence(rng, size) for _ in range(extra)]
    absent = dataclasses.replace(
        DEFAULT_CONFIG, partial_encoder="no-such-encoder-folder", partial_fallback=None
    )
    notes = {}
    for least in (0.0, absent.search.partial_share):
        config = dataclasses.replace(
            absent, search=dataclasses.replace(absent.search, partial_share=least)
        )
        said: list[str] = []
        beads = align_texts(src, tgt, src_lang="en", tgt_lang="en", encoder=None, config=config,
                            warn=said.append)  # fmt: skip
        alone = [b.tgt for b in beads if b.tgt and not b.src]
        assert alone == [(j,) for j in range(30, 30 + extra)]
        notes[least] = said
    assert len(notes[0.0]) == 1
    assert notes[0.0][0].startswith(f"the texts look partial (one lacks {extra} units of the other")
    assert notes[absent.search.partial_share] == (notes[0.0] if partial else [])


def test_missing_stretches_of_a_long_text_are_looked_for_a_window_at_a_time(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # 600 sentences against all but a middle stretch of 200: the band holds more cells than
    # one step of the search may, so its bead costs are read a window of rows at a time,
    # and the stretch is found all the same
    rng = random.Random(11)
    sizes = [rng.randint(30, 220) for _ in range(600)]
    numbers = [f" {1800 + 7 * i}." if i % 3 == 0 else "" for i in range(600)]
    src = [made_up_sentence(rng, size) + numbers[i] for i, size in enumerate(sizes)]
    kept = [*range(250), *range(450, 600)]
    tgt = [made_up_sentence(rng, int(sizes[i] * 1.1)) + numbers[i] for i in kept]
    truth = {((i,), (k,)) for k, i in enumerate(kept)}
    windows: list[int] = []
    costs = aligner.align.dp._window_costs

    def counted(model: CostModel, lo: IntArray, hi: IntArray, width: int, *rest: Any) -> Any:
        table, first = costs(model, lo, hi, width, *rest)
        windows.append(len(table[0]) * width)
        return table, first

    monkeypatch.setattr(aligner.align.dp, "_window_costs", counted)
    right = {}
    for name, search in (
        ("windowed", Search(step_cells=20_000)),
        ("alone", Search(step_cells=20_000, missing_units=10**6)),
    ):
        beads = align_texts(src, tgt, src_lang="en", tgt_lang="en", encoder=None,
                            config=AlignConfig(search=search, partial_encoder=None))  # fmt: skip
        assert _covers(beads, len(src), len(tgt))
        linked = [(b.src, b.tgt) for b in beads if b.src and b.tgt]
        right[name] = len(set(linked) & truth)
        if name == "windowed":
            assert not any(250 <= s[0] < 450 for s, _ in linked)
            assert len(windows) > 3
            assert max(windows) <= 20_000 + 8 * 200
    assert right["windowed"] >= len(truth) - 5
    assert right["alone"] < right["windowed"]


def test_a_long_unrelated_pair_is_told_and_aligned_no_further(
    udhr_sentences: Sentences,
) -> None:
    # a step of twenty thousand cells makes a hundred units long: the first band's path
    # says that the texts are unrelated, and nothing more is spent on them
    rng = random.Random(8)
    one = [made_up_sentence(rng, rng.randint(60, 200)) for _ in range(240)]
    other = [made_up_sentence(rng, rng.randint(60, 200)) for _ in range(220)]
    config = AlignConfig(search=Search(full_grid=0, step_cells=20_000))
    said: list[str] = []
    beads = align_units([Unit(s) for s in one], [Unit(t) for t in other], src_lang="en",
                        tgt_lang="en", config=config, warn=said.append)  # fmt: skip
    assert _covers(beads, len(one), len(other))
    assert len(said) == 1
    assert said[0].startswith("the texts do not look like translations of each other")
    assert said[0].endswith("240 x 220 units aligned no further than a first pass showed it "
                            "(the rest shared out by length), every bead in doubt")  # fmt: skip
    assert {b.cert for b in beads} == {0.0}
    en, de = udhr_sentences("en") * 3, udhr_sentences("de") * 3
    said.clear()
    beads = align_units([Unit(s) for s in en], [Unit(t) for t in de], src_lang="en",
                        tgt_lang="de", config=config, warn=said.append)  # fmt: skip
    assert said == []
    assert sum(1 for b in beads if b.cert >= 0.5) > len(en) // 2


@pytest.mark.parametrize(("seed", "appendix"), [(9, 0), (10, 250)])
def test_a_long_pair_that_opens_with_unrelated_text_is_aligned_on(
    udhr_sentences: Sentences, seed: int, appendix: int
) -> None:
    # two different prefaces longer than a window of the first band, then a translation:
    # the first window's path looks unrelated, the last window's does not; with different
    # appendices as long after it, the last looks unrelated too, the middle one's does not
    rng = random.Random(seed)
    en = [made_up_sentence(rng, rng.randint(60, 200)) for _ in range(250)]
    de = [made_up_sentence(rng, rng.randint(60, 200)) for _ in range(250)]
    en += udhr_sentences("en") * 16 + [made_up_sentence(rng, 120) for _ in range(appendix)]
    de += udhr_sentences("de") * 16 + [made_up_sentence(rng, 120) for _ in range(appendix)]
    config = AlignConfig(search=Search(full_grid=0, step_cells=20_000))
    said: list[str] = []
    beads = align_units([Unit(s) for s in en], [Unit(t) for t in de], src_lang="en",
                        tgt_lang="de", config=config, warn=said.append)  # fmt: skip
    assert _covers(beads, len(en), len(de))
    assert not [note for note in said if "translations of each other" in note]
    translated = [b for b in beads if b.src and 250 <= b.src[0] < len(en) - appendix]
    assert sum(1 for b in translated if b.cert >= 0.5) > len(translated) // 2


def test_a_long_version_that_lacks_a_middle_stretch_is_aligned_around_it() -> None:
    # 400 sentences against all but a middle hundred: a grid searched in a band, where the
    # anchors say whether a stretch may be missing before the whole band is searched for it
    rng = random.Random(11)
    sizes = [rng.randint(30, 220) for _ in range(400)]
    numbers = [f" {1800 + 7 * i}." if i % 3 == 0 else "" for i in range(400)]
    src = [made_up_sentence(rng, size) + numbers[i] for i, size in enumerate(sizes)]
    kept = [*range(150), *range(250, 400)]
    tgt = [made_up_sentence(rng, int(sizes[i] * 1.1)) + numbers[i] for i in kept]
    assert (len(src) + 1) * (len(tgt) + 1) > Search().full_grid
    beads = align_texts(src, tgt, src_lang="en", tgt_lang="en", encoder=None, config=WITHOUT)
    linked = {(b.src, b.tgt) for b in beads if b.src and b.tgt}
    truth = {((i,), (k,)) for k, i in enumerate(kept)}
    assert len(linked & truth) >= len(truth) - 6
    assert all(not b.tgt for b in beads if b.src and 160 <= b.src[0] < 240)


def test_each_bead_keeps_what_its_cert_was_judged_from() -> None:
    # benchmarks/fit_calibration.py refits the calibration from these: under the table
    # in use they give back each bead's cert, under another its own
    src = ["Es gibt 3 Berge.", "Sie sind hoch.", "Der Gipfel liegt auf 8848 m.", "Ende."]
    tgt = ["Il y a 3 montagnes.", "Elles sont hautes.", "Le sommet est à 8848 m.", "Fin."]
    beads = align_texts(src, tgt, src_lang="de", tgt_lang="fr", encoder=None)
    fits = [b.fit for b in beads]
    assert all(fit is not None for fit in fits)
    known = [fit for fit in fits if fit is not None]
    assert [(f.src_count, f.tgt_count) for f in known] == [(len(b.src), len(b.tgt)) for b in beads]
    assert path_certs(known, DEFAULT_CONFIG.calibration) == [b.cert for b in beads]
    flat = dataclasses.replace(
        DEFAULT_CONFIG.calibration,
        maps={name: ((0.0, 1.0), (0.5, 0.5)) for name in DEFAULT_CONFIG.calibration.maps},
    )
    # a flat table: the map says one half, the rules on lengths may only lower it
    assert all(0.0 < cert <= 0.5 for cert in path_certs(known, flat))


def test_an_opening_without_anchors_is_aligned_around_what_it_lacks() -> None:
    # the target translates the first ten of 25 sentences, by length alone (no number, no
    # shared word): with the totals' ratio the ten smear over the 25 and no stretch seems
    # missing; with the ratio of typical sentences the missing tail shows
    rng = random.Random(0)
    sizes = [rng.randint(30, 220) for _ in range(25)]
    src = [made_up_sentence(rng, size) for size in sizes]
    tgt = [made_up_sentence(rng, int(sizes[i] * 1.1)) for i in range(10)]
    beads = align_texts(src, tgt, src_lang="en", tgt_lang="en", encoder=None, config=WITHOUT)
    assert [(b.src, b.tgt) for b in beads if b.src and b.tgt] == [((i,), (i,)) for i in range(10)]
    assert _covers(beads, len(src), len(tgt))
    # with the totals' ratio alone, the tail is smeared
    even = AlignConfig(search=Search(uneven_ratio=math.inf), partial_encoder=None)
    beads = align_texts(src, tgt, src_lang="en", tgt_lang="en", encoder=None, config=even)
    assert any(b.src[0] >= 10 for b in beads if b.src and b.tgt)


def test_uneven_units_of_a_complete_translation_do_not_make_it_look_partial() -> None:
    # two target sentences for most source ones: the typical units' length ratio (about
    # 0.6) is far from the totals' (1.0), but the path searched with the totals' ratio
    # explains the texts better, so nothing looks partial
    rng = random.Random(0)
    sizes = [rng.randint(60, 200) for _ in range(40)]
    src = [made_up_sentence(rng, size) for size in sizes]
    tgt: list[str] = []
    gold: list[tuple[tuple[int, ...], tuple[int, ...]]] = []
    for i, size in enumerate(sizes):
        halves = 1 if i % 3 == 0 else 2
        gold.append(((i,), tuple(range(len(tgt), len(tgt) + halves))))
        tgt += [made_up_sentence(rng, size // halves) for _ in range(halves)]
    absent = dataclasses.replace(
        DEFAULT_CONFIG, partial_encoder="no-such-encoder-folder", partial_fallback=None
    )
    said: list[str] = []
    beads = align_texts(
        src, tgt, src_lang="en", tgt_lang="en", encoder=None, config=absent, warn=said.append
    )
    assert said == []
    assert _pairs(beads) == gold


def test_without_meaning_a_partial_version_is_aligned_with_it_and_said_so(
    udhr_sentences: Sentences,
) -> None:
    en, de = udhr_sentences("en"), udhr_sentences("de")
    opening = de[: len(de) * 2 // 5]
    said: list[str] = []
    beads = align_texts(en, opening, src_lang="en", tgt_lang="de", encoder=None, warn=said.append)
    assert len(said) == 1
    assert said[0].startswith("the texts look partial (one lacks ")
    assert "aligned with the sentence encoder use" in said[0]
    with_meaning = align_texts(en, opening, src_lang="en", tgt_lang="de", encoder="use")
    assert _pairs(beads) == _pairs(with_meaning)
    # told never to, or with no such encoder: without meaning, as before
    said.clear()
    plain = align_texts(
        en, opening, src_lang="en", tgt_lang="de", encoder=None, config=WITHOUT, warn=said.append
    )
    assert said == []
    absent = dataclasses.replace(
        DEFAULT_CONFIG, partial_encoder="no-such-encoder-folder", partial_fallback=None
    )
    beads = align_texts(
        en, opening, src_lang="en", tgt_lang="de", encoder=None, config=absent, warn=said.append
    )
    assert _pairs(beads) == _pairs(plain)
    assert len(said) == 1
    assert " and are aligned without meaning: " in said[0]
    # complete versions do not look partial
    said.clear()
    align_texts(en, de, src_lang="en", tgt_lang="de", encoder=None, warn=said.append)
    assert said == []


def test_a_partial_version_is_aligned_with_the_fallback_encoder_where_the_first_cannot(
    udhr_sentences: Sentences,
) -> None:
    en, de = udhr_sentences("en"), udhr_sentences("de")
    opening = de[: len(de) * 2 // 5]
    with_meaning = align_texts(en, opening, src_lang="en", tgt_lang="de", encoder="use")
    # the partial encoder is not installed: the fallback is, and covers both languages
    fallback = dataclasses.replace(
        DEFAULT_CONFIG, partial_encoder="no-such-encoder-folder", partial_fallback="use"
    )
    said: list[str] = []
    beads = align_texts(
        en, opening, src_lang="en", tgt_lang="de", encoder=None, config=fallback, warn=said.append
    )
    assert len(said) == 1
    assert "aligned with the sentence encoder use" in said[0]
    assert _pairs(beads) == _pairs(with_meaning)

    # an encoder given that lacks a language aligns without meaning, and a partial pair
    # then takes the partial encoder, as without one
    def never(texts: list[str]) -> Any:
        raise AssertionError("asked about a language it does not cover")

    english_only = Embedder(never, name="english-only", languages=["en"])
    said.clear()
    beads = align_texts(
        en, opening, src_lang="en", tgt_lang="de", encoder=english_only, warn=said.append
    )
    assert len(said) == 1
    assert "aligned with the sentence encoder use" in said[0]
    assert _pairs(beads) == _pairs(with_meaning)


def test_a_stretch_one_text_lacks_never_is_a_whole_text() -> None:
    # a few sentences against one or two that share nothing with them (each with a number
    # of its own): a stretch left out
    # may lack much of a text, never all of it (two texts that share nothing are not one
    # lacking part of the other, and aligning around "all of it" leaves every unit alone)
    config = DEFAULT_CONFIG
    found = 0
    for seed in range(40):
        rng = random.Random(seed)
        src, tgt = (
            [
                f"{made_up_sentence(rng, rng.randint(20, 200))} {rng.randint(1000, 2000)}."
                for _ in range(rng.randint(*sizes))
            ]
            for sizes in ((3, 6), (1, 2))
        )
        ev_s, ev_t = (
            evidences([Unit(s) for s in src], "en"),
            evidences([Unit(t) for t in tgt], "en"),
        )
        ratio = sum(e.length for e in ev_t) / sum(e.length for e in ev_s)
        stretches = aligner.align.pairwise._missing_stretches(
            ev_s, ev_t, None, config.sentences, config.search, [], ratio, None
        )
        if stretches is not None:
            found += 1
            assert all(not gone.all() for gone in stretches[0])
    assert found > 0


def test_a_group_with_a_side_of_one_or_two_sentences_is_searched_once(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # two sentences against the one that translates both, as inside a paragraph bead: with
    # a side of fewer units than a few, their median is no typical unit (one sentence
    # against the median of two compares different amounts of text), and no stretch left
    # out could leave a unit of its text: one search, no second ratio, no stretch search
    searches: list[int] = []
    stretch_searches: list[int] = []
    align, stretches = aligner.align.pairwise._align, aligner.align.pairwise.missing_stretches

    def counted(*args: Any, **kwargs: Any) -> Any:
        searches.append(1)
        return align(*args, **kwargs)

    def counted_stretches(*args: Any, **kwargs: Any) -> Any:
        stretch_searches.append(1)
        return stretches(*args, **kwargs)

    monkeypatch.setattr(aligner.align.pairwise, "_align", counted)
    monkeypatch.setattr(aligner.align.pairwise, "missing_stretches", counted_stretches)
    src = [Unit("The committee met on 3 May."), Unit("It adopted the report.")]
    tgt = [Unit("Le comité s'est réuni le 3 mai et a adopté le rapport.")]
    beads = align_units(src, tgt, src_lang="en", tgt_lang="fr", learn=False, paired=True)
    assert _pairs(beads) == [((0, 1), (0,))]
    assert (len(searches), len(stretch_searches)) == (1, 0)


def test_the_sentences_of_a_paragraph_bead_lack_no_stretch_of_each_other(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # a paragraph's six sentences against its translation, which leaves one out: paired
    # whole by the paragraph pass, they are aligned sentence by sentence, that one alone,
    # and no stretch one text lacks is looked for (as it is for two texts of their own)
    rng = random.Random(4)
    sizes = [rng.randint(60, 200) for _ in range(6)]
    src = [f"{made_up_sentence(rng, n)} {1900 + 3 * i}." for i, n in enumerate(sizes)]
    tgt = [f"{made_up_sentence(rng, int(sizes[i] * 1.1))} {1900 + 3 * i}." for i in (0, 1, 3, 4, 5)]
    stretch_searches: list[int] = []
    stretches = aligner.align.pairwise.missing_stretches

    def counted(*args: Any, **kwargs: Any) -> Any:
        stretch_searches.append(1)
        return stretches(*args, **kwargs)

    monkeypatch.setattr(aligner.align.pairwise, "missing_stretches", counted)
    units = [Unit(s) for s in src], [Unit(t) for t in tgt]
    for paired in (True, False):
        stretch_searches.clear()
        beads = align_units(*units, src_lang="en", tgt_lang="en", learn=False, paired=paired)
        assert _pairs(beads) == [((0,), (0,)), ((1,), (1,)), ((2,), ()), ((3,), (2,)),
                                 ((4,), (3,)), ((5,), (4,))]  # fmt: skip
        assert len(stretch_searches) == (0 if paired else 1)
