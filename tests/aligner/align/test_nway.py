"""N-way alignment of versions: paragraphs, sentences, fixed beads."""

from __future__ import annotations

import random
import zlib
from collections.abc import Callable, Sequence

import numpy as np
import numpy.typing as npt
import pytest

from aligner.align import Embedder, align_versions
from aligner.align_config import AlignConfig, Search
from aligner.errors import LanguageError, ValidationError
from aligner.model import Alignment, Bead, Version
from tests.aligner.align.conftest import made_up_sentence

LANGS = ["de", "en", "es", "fr", "ru"]
MakeVersion = Callable[..., Version]
Paragraphs = Callable[[str], list[str]]


def _check_invariants(versions: Sequence[Version], para: Alignment, sent: Alignment) -> None:
    langs = [v.lang for v in versions]
    assert para.level == "paragraph"
    assert sent.level == "sentence"
    assert [b.id for b in para.beads] == [f"al.p{k + 1}" for k in range(len(para.beads))]
    assert [b.id for b in sent.beads] == [f"al.s{k + 1}" for k in range(len(sent.beads))]
    for alignment in (para, sent):
        for bead in alignment.beads:
            assert list(bead.members) == langs
            assert 0.0 <= bead.cert <= 1.0
            assert any(bead.members.values())
    for v in versions:
        blocks = [i for b in para.beads for i in b.ids(v.lang)]
        assert blocks == [b.id for b in v.blocks]  # each once, in document order
        sentences = [i for b in sent.beads for i in b.ids(v.lang)]
        assert sentences == [s.id for s in v.sentences()]
    owner = {
        (lang, s.id): k
        for k, bead in enumerate(para.beads)
        for lang in langs
        for block_id in bead.ids(lang)
        for s in versions[langs.index(lang)].block(block_id).sentences
    }
    for bead in sent.beads:
        assert len({owner[(lang, i)] for lang in langs for i in bead.ids(lang)}) == 1


def _udhr_versions(make_version: MakeVersion, udhr: Paragraphs) -> list[Version]:
    return [make_version(lang, udhr(lang)) for lang in LANGS]


def test_it_aligns_five_udhr_versions_paragraph_by_paragraph(
    make_version: MakeVersion, udhr: Paragraphs
) -> None:
    versions = _udhr_versions(make_version, udhr)
    para, sent = align_versions(versions)
    _check_invariants(versions, para, sent)
    rest = len(udhr("en")) - 1  # every English paragraph after the title has a 5-way bead
    assert [b.shape for b in para.beads] == ["1-1-1-1-1", "1-0-1-0-1"] + ["1-1-1-1-1"] * rest
    note = para.beads[1]
    assert note.ids("de") == ("de.p2",)
    assert note.ids("en") == ()
    assert note.ids("fr") == ()
    assert para.beads[2].ids("ru") == ("ru.h1",)
    assert para.beads[2].ids("fr") == ("fr.h1",)
    # the adoption note is much shorter in German than in Spanish and Russian: that length
    # mismatch lowers its cert (aligner.align.confidence), the articles stay sure
    assert all(b.cert >= 0.8 for b in para.beads if b.shape == "1-1-1-1-1")


def test_a_paragraph_the_pivot_lacks_still_forms_a_bead(
    make_version: MakeVersion, udhr: Paragraphs
) -> None:
    texts = {lang: udhr(lang) for lang in LANGS}
    # Article 2, paragraph 2 is kept only in English and French (German, the pivot, lacks it)
    art2_p2 = {"de": 6, "es": 6, "ru": 6}
    versions = [
        make_version(lang, [p for i, p in enumerate(texts[lang]) if i != art2_p2.get(lang)])
        for lang in LANGS
    ]
    para, sent = align_versions(versions)
    _check_invariants(versions, para, sent)
    only = [b for b in para.beads if b.shape == "0-1-0-1-0"]
    assert len(only) == 1
    assert versions[1].block(only[0].ids("en")[0]).text.startswith("Furthermore")
    assert sum(b.shape == "1-1-1-1-1" for b in para.beads) == len(texts["en"]) - 1


def test_a_dropped_and_a_split_paragraph_give_one_to_zero_and_one_to_two_beads(
    make_version: MakeVersion, udhr: Paragraphs
) -> None:
    en = udhr("en")
    de = udhr("de")
    # German: drop Article 3's paragraph, split the last paragraph with a comma after it
    art3 = next(i for i, p in enumerate(de) if p.startswith("Jeder hat das Recht auf Leben"))
    de_changed = de[:art3] + de[art3 + 1 :]
    k = max(i for i, p in enumerate(de_changed) if "," in p)
    first, rest = de_changed[k].split(",", 1)
    de_changed = de_changed[:k] + [first + ".", rest.strip()] + de_changed[k + 1 :]
    versions = [make_version("de", de_changed), make_version("en", en)]
    para, sent = align_versions(versions)
    _check_invariants(versions, para, sent)
    shapes = [b.shape for b in para.beads]
    assert "0-1" in shapes
    dropped = para.beads[shapes.index("0-1")]
    assert versions[1].block(dropped.ids("en")[0]).text.startswith("Everyone has the right to life")
    assert "2-1" in shapes


def test_fixed_beads_are_kept_and_the_rest_is_aligned_around_them(
    make_version: MakeVersion, udhr: Paragraphs
) -> None:
    versions = _udhr_versions(make_version, udhr)
    # a person decided the adoption note belongs with the title in German (only de and en)
    manual = Bead(
        "al.p99",
        {"de": ("de.p1", "de.p2"), "en": ("en.p1",)},
        cert=1.0,
        status="manual",
        resp="editor1",
    )
    para, sent = align_versions(versions, fixed=[manual])
    _check_invariants(versions, para, sent)
    kept = [b for b in para.beads if b.status == "manual"]
    assert len(kept) == 1
    assert kept[0].resp == "editor1"
    assert kept[0].cert == 1.0
    assert dict(kept[0].members) == {
        "de": ("de.p1", "de.p2"),
        "en": ("en.p1",),
        "es": (),
        "fr": (),
        "ru": (),
    }
    # Article 1 heading still aligned across all five
    heading = next(b for b in para.beads if "en.h1" in b.ids("en"))
    assert heading.shape == "1-1-1-1-1"


def test_a_fixed_sentence_bead_is_kept_inside_one_paragraph_bead(
    make_version: MakeVersion, udhr: Paragraphs
) -> None:
    versions = _udhr_versions(make_version, udhr)
    # Article 1: German sentence 1 and 2 both linked to English sentence 1, by hand
    manual = Bead(
        "x",
        {"de": ("de.p3.s1", "de.p3.s2"), "en": ("en.p2.s1",)},
        cert=0.9,
        status="manual",
    )
    para, sent = align_versions(versions, fixed=[manual])
    _check_invariants(versions, para, sent)
    kept = [b for b in sent.beads if b.status == "manual"]
    assert len(kept) == 1
    assert kept[0].ids("de") == ("de.p3.s1", "de.p3.s2")
    assert any(b.ids("en") == ("en.p2.s2",) for b in sent.beads)


def test_a_heading_and_a_paragraph_do_not_pair(make_version: MakeVersion) -> None:
    de = make_version(
        "de",
        [
            "Die Versammlung tagte am Montag im großen Saal der Stadt.",
            "Sie beschloss 3 neue Regeln für den Verkehr.",
            "Die Regeln gelten ab dem 1. Juli.",
        ],
    )
    en = make_version(
        "en",
        [
            "Traffic",
            "The assembly met on Monday in the great hall of the city.",
            "It adopted 3 new rules for traffic.",
            "The rules apply from 1 July.",
        ],
    )
    para, sent = align_versions([de, en])
    _check_invariants([de, en], para, sent)
    assert para.beads[0].shape == "0-1"
    assert para.beads[0].ids("en") == ("en.h1",)
    assert [b.shape for b in para.beads[1:]] == ["1-1", "1-1", "1-1"]


def test_speaker_turns_pair_with_the_same_speaker(make_version: MakeVersion) -> None:
    de = make_version(
        "de",
        [
            ("p", "Wann beginnt der Bau?", "journalist"),
            ("p", "Im Frühjahr.", "minister"),
            ("p", "Und wer bezahlt ihn?", "journalist"),
            ("p", "Die Stadt und das Land gemeinsam.", "minister"),
        ],
    )
    en = make_version(
        "en",
        [
            ("p", "When does construction start?", "journalist"),
            ("p", "In spring.", "minister"),
            ("p", "And who pays for it?", "journalist"),
            ("p", "The city and the state together.", "minister"),
        ],
    )
    para, _ = align_versions([de, en])
    assert [b.shape for b in para.beads] == ["1-1"] * 4


def test_a_repeated_language_is_refused(make_version: MakeVersion) -> None:
    v = make_version("en", ["One paragraph."])
    with pytest.raises(LanguageError):
        align_versions([v, v])


@pytest.mark.parametrize(
    "members",
    [
        {"en": ("en.p42",)},  # no such block
        {"xx": ("xx.p1",)},  # no such language
    ],
)
def test_a_fixed_bead_naming_unknown_ids_is_refused(
    make_version: MakeVersion, members: dict[str, tuple[str, ...]]
) -> None:
    versions = [make_version("en", ["One.", "Two."]), make_version("de", ["Eins.", "Zwei."])]
    with pytest.raises(ValidationError):
        align_versions(versions, fixed=[Bead("m", members, 1.0, status="manual")])


def test_crossing_fixed_beads_are_refused(make_version: MakeVersion) -> None:
    versions = [make_version("en", ["One.", "Two."]), make_version("de", ["Eins.", "Zwei."])]
    crossing = [
        Bead("a", {"en": ("en.p1",), "de": ("de.p2",)}, 1.0, status="manual"),
        Bead("b", {"en": ("en.p2",), "de": ("de.p1",)}, 1.0, status="manual"),
    ]
    with pytest.raises(ValidationError):
        align_versions(versions, fixed=crossing)


def _members_text(versions: Sequence[Version], bead: Bead) -> dict[str, list[str]]:
    return {v.lang: [v.block(i).text for i in bead.ids(v.lang)] for v in versions}


@pytest.mark.parametrize(
    ("lang", "after", "line"), [("de", 4, "Drucken"), ("en", 9, "Back to top")]
)
def test_a_boilerplate_line_in_one_version_stands_alone(
    make_version: MakeVersion, udhr: Paragraphs, lang: str, after: int, line: str
) -> None:
    texts = {x: udhr(x) for x in LANGS}
    texts[lang] = texts[lang][:after] + [line] + texts[lang][after:]
    versions = [make_version(x, texts[x]) for x in LANGS]
    para, sent = align_versions(versions)
    _check_invariants(versions, para, sent)
    alone = [b for b in para.beads if sum(bool(b.ids(x)) for x in LANGS) == 1]
    assert [_members_text(versions, b)[lang] for b in alone] == [[line]]
    # no other bead is merged because of it
    assert all(len(b.ids(x)) <= 1 for b in para.beads for x in LANGS)


def test_a_version_with_the_most_units_but_lacking_one_does_not_lose_beads(
    make_version: MakeVersion, udhr: Paragraphs
) -> None:
    texts = {x: udhr(x) for x in LANGS}
    # English lacks Article 3's paragraph but has two extra lines: the most units
    art3 = next(i for i, p in enumerate(texts["en"]) if p.startswith("Everyone has the right to l"))
    en = texts["en"][:art3] + texts["en"][art3 + 1 :]
    texts["en"] = ["Print", *en[:6], "Share", *en[6:]]
    versions = [make_version(x, texts[x]) for x in LANGS]
    assert len(versions[1].blocks) == max(len(v.blocks) for v in versions)
    para, sent = align_versions(versions)
    _check_invariants(versions, para, sent)
    lacking = [b for b in para.beads if not b.ids("en") and b.ids("fr")]
    assert len(lacking) == 1
    assert _members_text(versions, lacking[0])["fr"][0].startswith("Tout individu a droit")
    for extra in ("Print", "Share"):
        bead = next(b for b in para.beads if extra in _members_text(versions, b)["en"])
        assert [x for x in LANGS if bead.ids(x)] == ["en"]


def _words_encoder(seen: list[str]) -> Embedder:
    """An encoder of hashed word counts that notes every text it is given."""

    def encode(texts: list[str]) -> npt.NDArray[np.float64]:
        seen.extend(texts)
        out = np.zeros((len(texts), 64))
        for row, text in enumerate(texts):
            for word in text.lower().split():
                out[row, zlib.crc32(word.encode()) % 64] += 1.0
        return out

    return Embedder(encode)


def test_sentences_are_encoded_only_where_the_plain_evidence_leaves_a_choice(
    make_version: MakeVersion,
) -> None:
    # paragraph 1: two sentences a side that numbers and lengths pair plainly; paragraph 2:
    # French splits a German sentence in two, so it is not one-to-one
    de = [
        "Im Jahr 1953 kamen 12 Bergsteiger an. Sie blieben dort 45 Tage lang im Lager 7.",
        "Die Expedition erreichte den Gipfel am Morgen und kehrte am Abend zurück. "
        "Das Wetter blieb die ganze Zeit gut.",
    ]
    fr = [
        "En 1953 arrivèrent 12 alpinistes. Ils restèrent 45 jours au camp 7.",
        "L'expédition atteignit le sommet au matin. Elle revint le soir. "
        "Le temps resta beau tout le temps.",
    ]
    versions = [make_version("de", de), make_version("fr", fr)]
    seen: list[str] = []
    para, sent = align_versions(versions, embedder=_words_encoder(seen))
    _check_invariants(versions, para, sent)
    assert [b.shape for b in para.beads] == ["1-1", "1-1"]
    second = {s.text for v in versions for s in v.blocks[1].sentences}
    first = {s.text for v in versions for s in v.blocks[0].sentences}
    assert second <= set(seen)
    assert not first & set(seen)
    # every paragraph is encoded, once
    assert all(seen.count(p) == 1 for p in de + fr)
    assert [b.shape for b in sent.beads] == ["1-1", "1-1", "1-2", "1-1"]


# paragraph 1 pairs plainly (numbers); French splits a German sentence in two in paragraphs
# 2 and 3, so both are in doubt
EXPEDITION = (
    [
        "Im Jahr 1953 kamen 12 Bergsteiger an. Sie blieben dort 45 Tage lang im Lager 7.",
        "Die Expedition erreichte den Gipfel am Morgen und kehrte am Abend zurück. "
        "Das Wetter blieb die ganze Zeit gut.",
        "Die Träger brachen früh auf und trugen die schweren Lasten bis ins obere Lager. "
        "Dort ruhten sie.",
    ],
    [
        "En 1953 arrivèrent 12 alpinistes. Ils restèrent 45 jours au camp 7.",
        "L'expédition atteignit le sommet au matin. Elle revint le soir. "
        "Le temps resta beau tout le temps.",
        "Les porteurs partirent tôt. Ils portèrent les lourdes charges jusqu'au camp "
        "supérieur. Là, ils se reposèrent.",
    ],
)


def test_a_meaning_budget_goes_to_the_paragraphs_whose_sentences_are_most_in_doubt(
    make_version: MakeVersion,
) -> None:
    de, fr = EXPEDITION
    versions = [make_version("de", de), make_version("fr", fr)]
    sentences = [[s.text for v in versions for s in v.blocks[k].sentences] for k in range(3)]
    unbounded: list[str] = []
    align_versions(
        versions,
        embedder=_words_encoder(unbounded),
        config=AlignConfig(meaning_budget=None),
    )
    assert all(p in unbounded for p in de + fr)  # no bound: every paragraph, as by default
    assert not set(sentences[0]) & set(unbounded)
    assert set(sentences[1] + sentences[2]) <= set(unbounded)
    # the paragraph whose sentences the plain evidence is least sure of goes first
    _, plain = align_versions(versions, config=AlignConfig(encoder=None))
    doubt = [
        min(b.cert for b in plain.beads if b.ids("de")[0] in ids)
        for ids in ([s.id for s in versions[0].blocks[k].sentences] for k in (1, 2))
    ]
    first = 1 if doubt[0] <= doubt[1] else 2
    size = {k: sum(map(len, sentences[k])) for k in (1, 2)}
    for budget, read in ((size[first], sentences[first]), (min(size.values()) - 1, [])):
        seen: list[str] = []
        told: list[str] = []
        para, sent = align_versions(
            versions,
            embedder=_words_encoder(seen),
            config=AlignConfig(meaning_budget=budget),
            warn=told.append,
        )
        _check_invariants(versions, para, sent)
        assert sorted(seen) == sorted(read)  # no paragraph, nor the other sentences
        assert told == [
            f"the sentence encoder read at most {budget:,} characters (its budget): paragraphs "
            f"aligned without it, sentences with it in {1 if read else 0} of the 2 paragraph "
            "beads in doubt, the most doubtful first"
        ]


def test_worker_processes_align_the_sentences_as_one_process_does(
    make_version: MakeVersion,
) -> None:
    versions = [
        make_version(lang, paragraphs * 3)
        for lang, paragraphs in zip(("de", "fr"), EXPEDITION, strict=True)
    ]
    alone = align_versions(versions, config=AlignConfig(encoder=None))
    # every text counts as long here, and each worker takes two paragraph beads at a time
    search = Search(parallel_groups=1, chunk_groups=2)
    shared = align_versions(versions, config=AlignConfig(encoder=None, search=search), workers=2)
    assert len(alone[0].beads) == 9
    assert len(alone[1].beads) == 18  # two sentence beads in each paragraph bead
    assert shared == alone


@pytest.mark.parametrize("workers", [1, 2])
def test_what_the_sentence_pass_warns_of_reaches_the_caller_once(
    make_version: MakeVersion, udhr_sentences: Callable[[str], list[str]], workers: int
) -> None:
    # one paragraph each, the German one with twenty sentences of its own inside: in a
    # band of two units with no room to widen, the sentences cannot be placed finely, and
    # the note says so, in one process as from the workers
    en = udhr_sentences("en") * 4
    de = udhr_sentences("de") * 4
    own = ["Dieser Satz steht nur hier und nirgends sonst im Text geschrieben."] * 20
    versions = [
        make_version("en", [" ".join(en)]),
        make_version("de", [" ".join(de[:30] + own + de[30:])]),
    ]
    search = Search(full_grid=0, widen_cells=0, band=2, refine_band=2, parallel_groups=1)
    counts = [len(v.blocks[0].sentences) for v in versions]
    told: list[str] = []
    align_versions(versions, config=AlignConfig(encoder=None, search=search), workers=workers,
                   warn=told.append)  # fmt: skip
    assert told == [
        f"sentences, de-en: {counts[1]} x {counts[0]} units: the evidence does not place "
        "them within 2 units of a coarser alignment; aligned as finely as that band allows"
    ]


def test_a_bead_every_pair_found_alone_is_not_held_down_by_a_merge_next_door(
    make_version: MakeVersion, udhr: Paragraphs
) -> None:
    # Russian runs Article 2's two paragraphs into one: in every pair with Russian the
    # beads around that merge are not "plain" one-to-one beads and score below 0.9, yet
    # every pair of versions, aligned alone, draws them exactly so
    texts = {lang: udhr(lang) for lang in LANGS}
    ru = texts["ru"]
    k = next(i for i, p in enumerate(ru) if p.startswith("Каждый человек должен обладать"))
    texts["ru"] = [*ru[:k], f"{ru[k]} {ru[k + 1]}", *ru[k + 2 :]]
    versions = [make_version(lang, texts[lang]) for lang in LANGS]
    config = AlignConfig(encoder=None)
    para, sent = align_versions(versions, config=config)
    _check_invariants(versions, para, sent)
    merged = next(b for b in para.beads if len(b.ids("ru")) == 1 and len(b.ids("de")) == 2)
    at = para.beads.index(merged)
    for bead in (para.beads[at - 1], para.beads[at + 1]):
        assert bead.shape == "1-1-1-1-1"
        assert bead.cert >= 0.9, bead
    # the merge itself is where a reviewer should look: the other pairs split it in two
    assert merged.cert < 0.9
    # German and Russian alone: no vote among pairs, the pair's doubt next door stands
    pair, _ = align_versions([versions[0], versions[4]], config=config)
    two = next(b for b in pair.beads if len(b.ids("ru")) == 1 and len(b.ids("de")) == 2)
    after = pair.beads[pair.beads.index(two) + 1]
    assert after.cert < 0.9


def test_the_vote_holds_around_a_fixed_bead_too(
    make_version: MakeVersion, udhr: Paragraphs
) -> None:
    # a title bead (or a bead a person confirmed) is fixed: the stretches around it are
    # aligned again, and there too every pair of versions votes
    texts = {lang: udhr(lang) for lang in LANGS}
    ru = texts["ru"]
    k = next(i for i, p in enumerate(ru) if p.startswith("Каждый человек должен обладать"))
    texts["ru"] = [*ru[:k], f"{ru[k]} {ru[k + 1]}", *ru[k + 2 :]]
    versions = [make_version(lang, texts[lang]) for lang in LANGS]
    title = Bead("", {v.lang: (v.blocks[0].id,) for v in versions}, 0.95)
    para, sent = align_versions(versions, config=AlignConfig(encoder=None), fixed=[title])
    _check_invariants(versions, para, sent)
    assert para.beads[0].cert == 0.95
    merged = next(b for b in para.beads if len(b.ids("ru")) == 1 and len(b.ids("de")) == 2)
    at = para.beads.index(merged)
    for bead in (para.beads[at - 1], para.beads[at + 1]):
        assert bead.shape == "1-1-1-1-1"
        assert bead.cert >= 0.9, bead


def test_unrelated_versions_are_aligned_no_further_than_paragraphs(
    make_version: MakeVersion, udhr: Paragraphs
) -> None:
    # two long made-up texts of two sentences a paragraph: the paragraph pass finds them
    # unrelated in its first band, and no time goes on sentences inside its beads
    rng = random.Random(8)

    def paragraph() -> str:
        return " ".join(made_up_sentence(rng, rng.randint(40, 100)) for _ in range(2))

    versions = [
        make_version("de", [paragraph() for _ in range(240)]),
        make_version("en", [paragraph() for _ in range(220)]),
    ]
    config = AlignConfig(search=Search(full_grid=0, step_cells=20_000))
    said: list[str] = []
    para, sent = align_versions(versions, config=config, warn=said.append)
    _check_invariants(versions, para, sent)
    assert any("do not look like translations" in note for note in said)
    assert said[-1].endswith("aligned no further than their paragraphs")
    sentences = {v.lang: {b.id: [s.id for s in b.sentences] for b in v.blocks} for v in versions}
    expected = [
        {lang: tuple(s for b in bead.ids(lang) for s in sentences[lang][b]) for lang in sentences}
        for bead in para.beads
        if all(bead.ids(lang) for lang in sentences)
    ]
    assert [dict(b.members) for b in sent.beads if all(b.members.values())] == expected
    assert {b.cert for b in sent.beads} == {0.0}
    # translations of each other under the same search are aligned sentence by sentence,
    # most of them surely
    said.clear()
    de, en = (make_version(lang, udhr(lang) * 3) for lang in ("de", "en"))
    para, sent = align_versions([de, en], config=config, warn=said.append)
    assert not any("no further" in note for note in said)
    assert sum(1 for b in sent.beads if b.cert >= 0.5) > len(sent.beads) // 2


def test_without_meaning_a_partial_version_is_aligned_with_it_and_said_so(
    make_version: MakeVersion, udhr: Paragraphs
) -> None:
    en, de = udhr("en"), udhr("de")
    versions = [make_version("en", en), make_version("de", de[: len(de) * 2 // 5])]
    said: list[str] = []
    para, sent = align_versions(versions, config=AlignConfig(encoder=None), warn=said.append)
    assert len(said) == 1
    assert said[0].startswith("the texts look partial (en-de: one lacks ")
    with_meaning = align_versions(versions, config=AlignConfig())
    assert (para, sent) == with_meaning
    # complete versions, or told never to: without meaning, silently
    said.clear()
    whole = [make_version("en", en), make_version("de", de)]
    align_versions(whole, config=AlignConfig(encoder=None), warn=said.append)
    never = AlignConfig(encoder=None, partial_encoder=None)
    plain = align_versions(versions, config=never, warn=said.append)
    assert said == []
    assert plain != with_meaning


def test_a_partial_version_in_a_language_the_encoder_lacks_is_aligned_with_the_fallback(
    make_version: MakeVersion, udhr: Paragraphs
) -> None:
    # the encoder asked for lacks German (as USE lacks Icelandic): the pair is aligned
    # without meaning, and a cut version then takes the partial encoder, as a pair does
    def never(texts: list[str]) -> npt.ArrayLike:
        raise AssertionError("asked about a language it does not cover")

    english_only = Embedder(never, name="english-only", languages=["en"])
    en, de = udhr("en"), udhr("de")
    versions = [make_version("en", en), make_version("de", de[: len(de) * 2 // 5])]
    said: list[str] = []
    found = align_versions(versions, config=AlignConfig(), embedder=english_only,
                           warn=said.append)  # fmt: skip
    assert len(said) == 1
    assert said[0].startswith("the texts look partial (en-de: one lacks ")
    assert "aligned with the sentence encoder use" in said[0]
    assert found == align_versions(versions, config=AlignConfig())
    # told never to: without meaning, silently
    said.clear()
    never_config = AlignConfig(partial_encoder=None)
    plain = align_versions(versions, config=never_config, embedder=english_only,
                           warn=said.append)  # fmt: skip
    assert said == []
    assert plain != found
