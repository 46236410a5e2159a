"""Evidence and bead costs."""

from __future__ import annotations

import numpy as np
import pytest

from aligner.align.dp import full_band
from aligner.align.features import CostModel, Evidence, Unit, Weights, cognate_stem, evidence
from aligner.align.numerals import numeric_keys


def _pair_scores(src: list[str], tgt: list[str], src_lang: str, tgt_lang: str) -> np.ndarray:
    model = CostModel(
        [evidence(Unit(s), src_lang) for s in src], [evidence(Unit(t), tgt_lang) for t in tgt]
    )
    lo, hi = full_band(len(src), len(tgt))
    model.bead_costs(lo, hi, len(tgt) + 1, [(1, 1)])
    return np.array([[model.pair_score(s, t) for t in range(len(tgt))] for s in range(len(src))])


def test_cyrillic_names_meet_their_latin_spelling() -> None:
    assert cognate_stem("Лавров") == cognate_stem("Lavrov")
    scores = _pair_scores(
        ["Minister Lavrov met Secretary Blinken in Geneva.", "The weather was fine."],
        ["Переговоры продолжались два часа.", "Министр Лавров встретился с Блинкеном."],
        "en",
        "ru",
    )
    assert scores[0, 1] > scores[0, 0]
    assert scores[0, 1] > 0


def test_the_same_date_gives_the_same_keys_in_every_language() -> None:
    de = numeric_keys("am 10.12.1948 in Paris", "de")
    en = numeric_keys("on 10 December 1948 in Paris", "en")
    ru = numeric_keys("10 декабря 1948 года в Париже", "ru")
    fr = numeric_keys("le 10 décembre 1948 à Paris", "fr")
    assert sorted(de) == sorted(en) == sorted(ru) == sorted(fr) == ["m:12", "n:10", "n:1948"]


def test_decimal_commas_and_points_match() -> None:
    assert numeric_keys("1,5 Prozent", "de") == numeric_keys("1.5 percent", "en")
    assert numeric_keys("10 000 hommes", "fr") == numeric_keys("10,000 men", "en")


def test_a_heading_does_not_pair_with_a_paragraph() -> None:
    src = [Unit("Article 3", kind="head"), Unit("Everyone has the right to life.")]
    tgt = [Unit("Artículo 3", kind="head"), Unit("Todo individuo tiene derecho a la vida.")]
    model = CostModel([evidence(u, "en") for u in src], [evidence(u, "es") for u in tgt])
    lo, hi = full_band(2, 2)
    model.bead_costs(lo, hi, 3, [(1, 1)])
    assert model.pair_score(0, 0) > 0 > model.pair_score(0, 1)


def test_equal_speakers_attract_and_different_ones_repel() -> None:
    src = [Unit("Thank you.", who="journalist"), Unit("Thank you.", who="minister")]
    tgt = [Unit("Danke.", who="minister")]
    model = CostModel([evidence(u, "en") for u in src], [evidence(u, "de") for u in tgt])
    lo, hi = full_band(2, 1)
    model.bead_costs(lo, hi, 2, [(1, 1)])
    assert model.pair_score(1, 0) > model.pair_score(0, 0)


def test_a_short_target_deviates_below_zero_and_an_equal_one_not_at_all() -> None:
    texts = [
        "A sentence of some forty characters here.",
        "Short.",
        "Another of forty chars, or so.",
    ]
    model = CostModel(
        [evidence(Unit(t), "en") for t in texts], [evidence(Unit(t), "en") for t in texts]
    )
    equal, short = model.length_deviations([(0, 1), (0, 1)], [(0, 1), (1, 2)])
    assert equal == 0.0
    assert short < -2.0


def test_a_bead_boundary_that_cuts_a_sentence_costs_open_cut() -> None:
    src = [
        "Der Weg über den Pass war lang ;",
        "dafür lag kaum Schnee .",
        "Die Gruppe rastete ,",
        "Am Abend erreichten alle die Hütte .",
    ]
    tgt = [
        "Le chemin du col était long .",
        "Il y avait peu de neige .",
        "Le groupe fit halte .",
        "Le soir , tous atteignirent la cabane .",
    ]
    costs = {}
    for weights in (Weights(open_cut=0.0), Weights()):
        model = CostModel(
            [evidence(Unit(s), "de") for s in src],
            [evidence(Unit(t), "fr") for t in tgt],
            weights,
        )
        lo, hi = full_band(4, 4)
        (costs[weights.open_cut],) = model.bead_costs(lo, hi, 5, [(1, 1)])
    # one-to-one beads end at grid point (i, j) and begin with source unit i - 1: unit 1
    # begins in lower case, unit 3 follows a comma, unit 2 follows a full stop
    extra = [costs[Weights().open_cut][i, i] - costs[0.0][i, i] for i in range(1, 5)]
    assert extra == pytest.approx([0.0, Weights().open_cut, 0.0, Weights().open_cut])
    assert Weights().open_cut > 0


@pytest.mark.parametrize(
    ("text", "continues", "open_end"),
    [
        ("Die erste Begehung gelang 1961 A.K .", False, True),
        ("Lindqvist , der seither oft zurückkam .", False, False),
        ("Ihr Bericht erschien im Jahrbuch ( Bern :", False, True),
        ("Verlag am Hang 1962 ) , knapp und klar .", True, False),
        ("la pente a cédé sous la neige .", True, False),
        ("Zur Gruppe gehörten :", False, True),
        ("Ein Träger erhält 4 Franken ( etwa 3 Euro ) am Tag .", False, False),
        ("Sie trafen J.", False, True),
        ("They met in the U.S.", False, False),
    ],
)
def test_a_unit_that_a_cut_sentence_leaves_open_or_closes_is_marked(
    text: str, continues: bool, open_end: bool
) -> None:
    ev = evidence(Unit(text), "de")
    assert (ev.continues, ev.open_end) == (continues, open_end)


def test_span_norms_are_the_lengths_of_weighted_vector_sums() -> None:
    rng = np.random.default_rng(7)
    texts = [f"{'word ' * int(k)}." for k in rng.integers(1, 30, size=12)]
    units = [evidence(Unit(t), "en") for t in texts]
    vectors = rng.normal(size=(12, 8))
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    model = CostModel(units, units[:5], vectors=(vectors, vectors[:5]))
    weights = np.sqrt(np.array([u.length for u in units], dtype=np.float64) + 1.0)
    for count in range(1, 6):
        got = model.span_norms("src", count)
        for end in range(13):
            want = 1.0
            if end >= count:
                span = slice(end - count, end)
                want = float(np.linalg.norm((vectors[span] * weights[span, None]).sum(axis=0)))
            assert got[end] == pytest.approx(want, rel=1e-9)
    # a side with fewer units than the count: every span is of length 1
    assert model.span_norms("tgt", 5)[:5].tolist() == [1.0] * 5


def test_a_merged_beads_keys_are_damped_less_where_meaning_is_given() -> None:
    src = ["Candide met Pangloss in Lisbon in 1755 .", "He spoke of Leibniz ."]
    tgt = ["Candide retrouva Pangloss à Lisbonne en 1755 ; il parla de Leibniz ."]
    units_s = [evidence(Unit(s), "en") for s in src]
    units_t = [evidence(Unit(t), "fr") for t in tgt]
    rng = np.random.default_rng(3)
    vectors = rng.normal(size=(3, 8))
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    lo, hi = full_band(2, 1)

    def cost(weights: Weights, meaning: bool) -> float:
        given = (vectors[:2], vectors[2:]) if meaning else None
        model = CostModel(units_s, units_t, weights, vectors=given)
        (costs,) = model.bead_costs(lo, hi, 2, [(2, 1)])
        return float(costs[2, 1])

    # the bead's key evidence, undamped, from its cost at two dampings without meaning
    plain, halved = cost(Weights(merge_damping=0.0), False), cost(Weights(merge_damping=1.0), False)
    keys = (halved - plain) / (1 - 2 / 3)
    assert keys > 1.0
    for meaning in (False, True):
        power = Weights().merge_damping_meaning if meaning else Weights().merge_damping
        undamped = Weights(merge_damping=0.0, merge_damping_meaning=0.0)
        damping = cost(Weights(), meaning) - cost(undamped, meaning)
        assert damping == pytest.approx(keys * (1 - (2 / 3) ** power), rel=1e-4)
    assert Weights().merge_damping_meaning < Weights().merge_damping


def test_the_lexicons_words_weigh_less_where_meaning_is_given() -> None:
    def unit(*keys: str) -> Evidence:
        return Evidence(length=40, keys=dict.fromkeys(keys, 1), words=())

    src = [unit("w:chateau", "c:westp"), unit("w:jardin"), unit("w:riviere")]
    tgt = [unit("w:chateau", "c:westp"), unit("w:jardin"), unit("w:foret")]
    vectors = np.eye(3, 4)
    plain = CostModel(src, tgt).key_weight
    meaning = CostModel(src, tgt, vectors=(vectors, vectors)).key_weight
    weights = Weights()
    assert weights.lexicon_meaning < weights.lexicon
    assert meaning["w:chateau"] == pytest.approx(
        plain["w:chateau"] * weights.lexicon_meaning / weights.lexicon
    )
    # other keys weigh the same either way
    assert meaning["c:westp"] == pytest.approx(plain["c:westp"])


def test_a_two_to_two_beads_cosine_is_read_against_the_levels_of_two_against_two() -> None:
    # sentences, each its own direction and one the text shares, and translations that add
    # a direction of their own: two summed lean twice as far the shared way, so a 2-2 over
    # two translations reads as a better translation than either (0.91 against 0.87)
    # against the one-to-one levels, and as a typical one against its own
    def costs(n: int, shapes: tuple[tuple[int, int], ...]) -> list[np.ndarray]:
        units = [Evidence(length=40, keys={}, words=()) for _ in range(n)]
        basis = np.eye(2 * n + 1)
        src = basis[:n] + basis[2 * n]
        tgt = basis[:n] + basis[2 * n] + 0.8 * basis[n : 2 * n]
        src /= np.linalg.norm(src, axis=1, keepdims=True)
        tgt /= np.linalg.norm(tgt, axis=1, keepdims=True)
        weights = Weights(level_shapes=shapes, embedding_member=0.0)
        model = CostModel(units, units, weights, vectors=(src, tgt))
        lo, hi = full_band(n, n)
        return model.bead_costs(lo, hi, n + 1, [(1, 1), (2, 2)])

    n = Weights().min_units
    one, two = costs(n, ())
    own_one, own_two = costs(n, ((2, 2),))
    # one-to-one beads are judged as before
    assert np.array_equal(one, own_one)
    # every 2-2 bead over two translations is dearer: its evidence is that of a typical
    # translation (``embedding`` nats for each of its two pairs), no more
    dearer = [float(own_two[i, i] - two[i, i]) for i in range(2, n + 1)]
    assert min(dearer) > 0.5
    # a text of fewer units (a paragraph's sentences) has too few to read the levels off
    few = [costs(n - 1, shapes)[1] for shapes in ((), ((2, 2),))]
    assert np.array_equal(*few)
    assert Weights().level_shapes == ((2, 2),)
