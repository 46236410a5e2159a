"""Fixtures shared across the suite."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace

import pytest

from aligner.align_config import DEFAULT_CONFIG
from aligner.model import (
    Alignment,
    Bead,
    Block,
    Change,
    Document,
    Person,
    Sentence,
    Source,
    Turn,
    Version,
)

# A small five-language document, written for the tests: a heading, a statement with a
# paragraph missing in Spanish and one split in German, then a question and a two-paragraph
# answer. Each entry: kind, section, speaker label or None, sentences.
_TEXTS: dict[str, list[tuple[str, str, str | None, list[str]]]] = {
    "de": [
        ("head", "statement", None, ["Erklärung zur Wasserkonferenz"]),
        ("p", "statement", None, ["Am 14. März 2026 beginnt die Konferenz.", "Es kommen 120 Gäste."]),
        ("p", "statement", None, ["Das Budget beträgt 12,5 Millionen Euro."]),
        ("p", "statement", None, ["Die Stadt stellt z. B. drei Säle bereit."]),
        ("p", "statement", None, ["Weitere Einzelheiten folgen."]),
        ("p", "qa", "Frage:", ["Wer nimmt teil?"]),
        ("p", "qa", "Antwort:", ["Delegationen aus 14 Ländern."]),
        ("p", "qa", None, ["Die Liste wird am Montag veröffentlicht."]),
    ],
    "en": [
        ("head", "statement", None, ["Statement on the water conference"]),
        ("p", "statement", None, ["The conference opens on 14 March 2026.", "There will be 120 guests."]),
        ("p", "statement", None, ["The budget is 12.5 million euros.", "The city provides, e.g., three halls."]),
        ("p", "statement", None, ["Further details will follow."]),
        ("p", "qa", "Question:", ["Who is taking part?"]),
        ("p", "qa", "Answer:", ["Delegations from 14 countries."]),
        ("p", "qa", None, ["The list will be published on Monday."]),
    ],
    "es": [
        ("head", "statement", None, ["Declaración sobre la conferencia del agua"]),
        ("p", "statement", None, ["La conferencia se inaugura el 14 de marzo de 2026.", "Habrá 120 invitados."]),
        ("p", "statement", None, ["El presupuesto es de 12,5 millones de euros.", "La ciudad ofrece, p. ej., tres salas."]),
        ("p", "qa", "Pregunta:", ["¿Quién participa?"]),
        ("p", "qa", "Respuesta:", ["Delegaciones de 14 países."]),
        ("p", "qa", None, ["La lista se publicará el lunes."]),
    ],
    "ru": [
        ("head", "statement", None, ["Заявление о конференции по водным ресурсам"]),
        ("p", "statement", None, ["Конференция откроется 14 марта 2026 г.", "Ожидается 120 гостей."]),
        ("p", "statement", None, ["Бюджет составляет 12,5 млн евро.", "Город предоставляет, напр., три зала."]),
        ("p", "statement", None, ["Подробности будут сообщены позднее."]),
        ("p", "qa", "Вопрос:", ["Кто участвует?"]),
        ("p", "qa", "Ответ:", ["Делегации из 14 стран."]),
        ("p", "qa", None, ["Список будет опубликован в понедельник."]),
    ],
    "fr": [
        ("head", "statement", None, ["Déclaration sur la conférence de l’eau"]),
        ("p", "statement", None, ["La conférence s’ouvre le 14 mars 2026.", "Elle accueillera 120 invités."]),
        ("p", "statement", None, ["Le budget est de 12,5\u202fmillions d’euros.", "La ville fournit, p. ex., trois salles."]),
        ("p", "statement", None, ["D’autres détails suivront."]),
        ("p", "qa", "Question :", ["Qui participe ?"]),
        ("p", "qa", "Réponse :", ["Des délégations de 14 pays."]),
        ("p", "qa", None, ["La liste sera publiée lundi."]),
    ],
}  # fmt: skip

# Paragraph beads as block positions per language (an empty tuple: the language has nothing).
_PARAGRAPH_BEADS: list[tuple[float, dict[str, tuple[int, ...]]]] = [
    (0.97, {"de": (0,), "en": (0,), "es": (0,), "ru": (0,), "fr": (0,)}),
    (0.95, {"de": (1,), "en": (1,), "es": (1,), "ru": (1,), "fr": (1,)}),
    (0.62, {"de": (2, 3), "en": (2,), "es": (2,), "ru": (2,), "fr": (2,)}),
    (0.41, {"de": (4,), "en": (3,), "es": (), "ru": (3,), "fr": (3,)}),
    (0.96, {"de": (5,), "en": (4,), "es": (3,), "ru": (4,), "fr": (4,)}),
    (0.96, {"de": (6,), "en": (5,), "es": (4,), "ru": (5,), "fr": (5,)}),
    (0.93, {"de": (7,), "en": (6,), "es": (5,), "ru": (6,), "fr": (6,)}),
]


def _version(lang: str) -> Version:
    blocks: list[Block] = []
    counts = {"p": 0, "head": 0}
    turns = 0
    turn: Turn | None = None
    for kind, section, label, sentences in _TEXTS[lang]:
        counts[kind] += 1
        n = counts[kind]
        if label:
            turns += 1
            who = "journalist" if turns % 2 else "spokesperson"
            turn = Turn(id=f"{lang}.sp{turns}", speaker=label, who=who)
        if kind == "head":
            block_id = f"{lang}.h{n}"
            blocks.append(Block(id=block_id, kind="head", n=n, text=sentences[0]))
            continue
        block_id = f"{lang}.p{n}"
        sents = tuple(Sentence(f"{block_id}.s{i}", s) for i, s in enumerate(sentences, 1))
        blocks.append(
            Block(
                id=block_id,
                kind="p",
                n=n,
                text=" ".join(sentences),
                sentences=sents,
                section=section,
                turn=turn if section == "qa" else None,
            )
        )
    return Version(
        lang=lang,
        blocks=tuple(blocks),
        source=Source(sha256="0" * 64, filename=f"{lang}.txt"),
        title=_TEXTS[lang][0][3][0],
        date="2026-03-10",
        original=lang == "en",
    )


def build_document() -> Document:
    """Build the small hand-aligned five-language document described above."""
    versions = tuple(_version(lang) for lang in _TEXTS)
    para_beads: list[Bead] = []
    sent_beads: list[Bead] = []
    for cert, positions in _PARAGRAPH_BEADS:
        blocks = {v.lang: [v.blocks[i] for i in positions[v.lang]] for v in versions}
        para_beads.append(
            Bead(
                id=f"al.p{len(para_beads) + 1}",
                members={lang: tuple(b.id for b in bs) for lang, bs in blocks.items()},
                cert=cert,
            )
        )
        # sentence beads: the k-th sentence of each language together; leftovers alone
        sentences = {lang: [s for b in bs for s in b.sentences] for lang, bs in blocks.items()}
        depth = max(len(s) for s in sentences.values())
        for k in range(depth):
            members = {lang: (ss[k].id,) if k < len(ss) else () for lang, ss in sentences.items()}
            if any(members.values()):
                sent_beads.append(Bead(id=f"al.s{len(sent_beads) + 1}", members=members, cert=cert))
    return Document(
        id="doc-test-water",
        uuid="3f2b8c4e-1d2a-4b6c-9e8f-0a1b2c3d4e5f",
        versions=versions,
        paragraphs=Alignment("paragraph", tuple(para_beads)),
        sentences=Alignment("sentence", tuple(sent_beads)),
        created="2026-03-10T12:00:00Z",
        changes=(Change(when="2026-03-10T12:00:00Z", who="app-aligner", text="Aligned.", n=1),),
        people=(
            Person(id="journalist", role="journalist", name="Journalist"),
            Person(id="spokesperson", role="spokesperson", name="Spokesperson"),
        ),
        publisher="Test Ministry",
        app_version="0.1.0",
        aligned_with=DEFAULT_CONFIG,
    )


@pytest.fixture
def document() -> Document:
    """A small five-language document with a split, a gap and low-confidence beads."""
    return build_document()


# block kind and its sentences (a heading has its text and no sentences)
Spec = dict[str, list[tuple[str, list[str]]]]


def document_from(spec: Spec, beads: Sequence[dict[str, tuple[int, ...]]]) -> Document:
    """Build a document from block texts and paragraph beads given as block positions.

    Sentence beads pair the k-th sentence of every language inside each paragraph bead;
    a language with fewer sentences puts its last one with all the rest.
    """
    versions = []
    for lang, blocks in spec.items():
        made = []
        for n, (kind, sentences) in enumerate(blocks, start=1):
            block_id = f"{lang}.{'h' if kind == 'head' else 'p'}{n}"
            sents = tuple(Sentence(f"{block_id}.s{i}", s) for i, s in enumerate(sentences, 1))
            text = " ".join(sentences)
            made.append(Block(block_id, kind, n, text, () if kind == "head" else sents))  # type: ignore[arg-type]
        versions.append(Version(lang, tuple(made), Source(sha256="0" * 64)))
    para: list[Bead] = []
    sent: list[Bead] = []
    for positions in beads:
        members = {
            v.lang: tuple(v.blocks[i].id for i in positions.get(v.lang, ())) for v in versions
        }
        para.append(Bead(f"al.p{len(para) + 1}", members, 0.9))
        inside = {
            v.lang: [s.id for i in positions.get(v.lang, ()) for s in v.blocks[i].sentences]
            for v in versions
        }
        depth = min((len(ids) for ids in inside.values() if ids), default=0)
        for k in range(depth):
            end = None if k == depth - 1 else k + 1
            found = {lang: tuple(ids[k:end]) for lang, ids in inside.items()}
            sent.append(Bead(f"al.s{len(sent) + 1}", found, 0.9))
    return Document(
        id="doc-views",
        uuid="",
        versions=tuple(versions),
        paragraphs=Alignment("paragraph", tuple(para)),
        sentences=Alignment("sentence", tuple(sent)),
        created="2026-03-10T12:00:00Z",
    )


# English runs three German and French paragraphs into one
MERGED: Spec = {
    "de": [("head", ["Titel"]), ("p", ["Eins."]), ("p", ["Zwei."]), ("p", ["Drei."])],
    "en": [("head", ["Title"]), ("p", ["One.", "Two.", "Three."])],
    "fr": [("head", ["Titre"]), ("p", ["Un."]), ("p", ["Deux."]), ("p", ["Trois."])],
}
MERGED_BEADS = [
    {"de": (0,), "en": (0,), "fr": (0,)},
    {"de": (1, 2, 3), "en": (1,), "fr": (1, 2, 3)},
]


MakeDocument = Callable[[Spec, Sequence[dict[str, tuple[int, ...]]]], Document]


@pytest.fixture
def make_document() -> MakeDocument:
    """Build a document from block texts and beads; see :func:`document_from`."""
    return document_from


@pytest.fixture
def merged() -> Document:
    """German, English and French, where English runs three paragraphs into one."""
    return document_from(MERGED, MERGED_BEADS)


# English glues the end of one German and French paragraph to the start of the next in one
# sentence, so the n-way sentence bead al.s2 is 3-1-3 and paragraph bead al.p1 2-1-2; German
# and French align that bead sentence by sentence between themselves (the pair beads)
GLUED: Spec = {
    "de": [("p", ["Eins.", "Zwei."]), ("p", ["Drei.", "Vier."]), ("p", ["Fünf."])],
    "en": [("p", ["One.", "Two and three, four."]), ("p", ["Five."])],
    "fr": [("p", ["Un.", "Deux."]), ("p", ["Trois.", "Quatre."]), ("p", ["Cinq."])],
}


@pytest.fixture
def glued() -> Document:
    """German, English and French, where English glues sentences German and French split."""
    document = document_from(GLUED, [{"de": (0, 1), "en": (0,), "fr": (0, 1)},
                                     {"de": (2,), "en": (1,), "fr": (2,)}])  # fmt: skip
    sentences = (
        Bead("al.s1", {"de": ("de.p1.s1",), "en": ("en.p1.s1",), "fr": ("fr.p1.s1",)}, 0.95),
        Bead(
            "al.s2",
            {
                "de": ("de.p1.s2", "de.p2.s1", "de.p2.s2"),
                "en": ("en.p1.s2",),
                "fr": ("fr.p1.s2", "fr.p2.s1", "fr.p2.s2"),
            },
            0.8,
        ),  # fmt: skip
        Bead("al.s3", {"de": ("de.p3.s1",), "en": ("en.p2.s1",), "fr": ("fr.p3.s1",)}, 0.95),
    )
    pairs = tuple(
        Bead("", {"de": (f"de.p{p}.s{s}",), "fr": (f"fr.p{p}.s{s}",)}, cert)
        for p, s, cert in ((1, 2, 0.8), (2, 1, 0.7), (2, 2, 0.75))
    )
    uuid = "5b0c6f2e-9f1d-4c4e-8a53-0e7f3a1d2c44"
    return replace(document, uuid=uuid, sentences=Alignment("sentence", sentences, pairs))
