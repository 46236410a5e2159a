"""Embedding similarity as evidence: the scoring with our own encoder, the lazy loading."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import numpy.typing as npt
import pytest

from aligner.align import align_texts
from aligner.align.dp import full_band
from aligner.align.embeddings import load_encoder, remembering, unit_vectors
from aligner.align.features import CostModel, Unit, Weights, evidence
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


# same lengths, no numbers, no shared stems of five letters: only the wording tells them apart
SRC = ["red fox runs far away", "blue owls sing at dusk", "green frogs jump high"]
TGT = ["blue owls sing at dusk"[::-1], "green frogs jump high"[::-1]]
TGT_PLAIN = ["blue owls sing at dusk", "green frogs jump high"]


def test_similar_units_score_higher_with_embeddings_than_without() -> None:
    src = [evidence(Unit(t), "en") for t in SRC]
    tgt = [evidence(Unit(t), "en") for t in TGT_PLAIN]
    vectors = (unit_vectors(trigram_encoder, SRC), unit_vectors(trigram_encoder, TGT_PLAIN))
    plain = CostModel(src, tgt, Weights(match=0.0))
    embedded = CostModel(src, tgt, Weights(match=0.0), vectors=vectors)
    for model in (plain, embedded):
        model.bead_costs(*full_band(3, 2), 3, [(1, 1)])
    assert plain.pair_score(1, 0) == pytest.approx(plain.pair_score(0, 0))
    assert embedded.pair_score(1, 0) > embedded.pair_score(0, 0) + 2.0
    assert embedded.pair_score(2, 1) > embedded.pair_score(2, 0) + 2.0


def test_embedding_evidence_finds_which_unit_has_no_partner() -> None:
    weights = Weights(match=0.0)
    src = [Unit(t) for t in SRC]
    tgt = [Unit(t) for t in TGT_PLAIN]
    with_vectors = align_units(
        src, tgt, src_lang="en", tgt_lang="en", weights=weights, encoder=trigram_encoder
    )
    assert [(b.src, b.tgt) for b in with_vectors] == [((0,), ()), ((1,), (0,)), ((2,), (1,))]
    # the same encoder on reversed texts shares no trigrams in order: no help, no harm
    reversed_tgt = [Unit(t) for t in TGT]
    blind = align_units(
        src, reversed_tgt, src_lang="en", tgt_lang="en", weights=weights, encoder=trigram_encoder
    )
    assert sorted(i for b in blind for i in b.src) == [0, 1, 2]


def test_align_texts_takes_an_encoder_as_embeddings() -> None:
    beads = align_texts(SRC, TGT_PLAIN, src_lang="en", tgt_lang="en", embeddings=trigram_encoder)
    assert [(b.src, b.tgt) for b in beads][-2:] == [((1,), (0,)), ((2,), (1,))]


def test_an_encoder_of_the_wrong_shape_is_a_clear_error() -> None:
    with pytest.raises(AlignerError, match="returned shape"):
        unit_vectors(lambda texts: np.zeros((len(texts) + 1, 4)), ["a", "b"])


def test_remembering_encodes_each_text_once() -> None:
    seen: list[str] = []

    def counting(texts: list[str]) -> npt.NDArray[np.float64]:
        seen.extend(texts)
        return trigram_encoder(texts)

    enc = remembering(counting)
    first = np.asarray(enc(["one", "two"]))
    again = np.asarray(enc(["two", "one", "three"]))
    assert seen == ["one", "two", "three"]
    assert np.array_equal(first[0], again[1])


def test_a_missing_model_folder_is_an_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputError) as caught:
        load_encoder(tmp_path / "no-such-model")
    assert caught.value.path == str(tmp_path / "no-such-model")


def test_without_the_package_the_error_says_what_to_install(tmp_path: Path) -> None:
    try:
        import sentence_transformers  # noqa: F401
    except ImportError:
        pass
    else:
        pytest.skip("sentence-transformers is installed here")
    with pytest.raises(AlignerError, match="pip install sentence-transformers"):
        load_encoder(tmp_path)


def test_the_default_alignment_never_imports_an_embedding_backend() -> None:
    script = (
        "import sys\n"
        "from aligner.align import align_texts, align_versions\n"
        "from aligner.api import align_inputs\n"
        "align_texts(['Es gibt 3 Berge.', 'Sie sind hoch.'], ['Il y a 3 monts.', 'Hauts.'],"
        " src_lang='de', tgt_lang='fr')\n"
        "bad = sorted(m for m in sys.modules"
        " if m.split('.')[0] in ('sentence_transformers', 'torch', 'transformers'))\n"
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
def test_a_real_model_aligns_a_translation() -> None:
    pytest.importorskip("sentence_transformers", reason="sentence-transformers not installed")
    assert MODEL is not None
    src = ["The mountain is high.", "We climbed it in May.", "Nobody fell."]
    tgt = ["Der Berg ist hoch.", "Niemand ist gestürzt."]
    beads = align_texts(src, tgt, src_lang="en", tgt_lang="de", embeddings=MODEL)
    assert [(b.src, b.tgt) for b in beads] == [((0,), (0,)), ((1,), ()), ((2,), (1,))]
