"""What the versions decide together after a first alignment (:func:`aligner.api.settle`): a
footer line that pairs only with another site's footer is no text, a cut paragraph its
reader took for a heading is the text cut off, and the date is the one the others state
where a version states it too."""

from __future__ import annotations

import random
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from aligner.align import ParagraphPass, align_paragraphs
from aligner.align.embeddings import Embedder
from aligner.align.truncated import cut_headings
from aligner.align_config import AlignConfig, Search
from aligner.api import InputFile, align_inputs, settle
from aligner.model import Alignment, Bead, Source, Version
from aligner.readers.front import after_place, agree_dates, by_place, lift_unpaired
from aligner.readers.txt import read_text
from aligner.segment import segment
from tests.aligner.align.conftest import made_up_sentence

DATA = Path(__file__).parents[2] / "data" / "titles"
LANGS = ("de", "en", "es", "fr", "ru")
SOURCE = Source(sha256="0" * 64)
PLAIN = AlignConfig(encoder=None)


def _text(lang: str) -> str:
    return (DATA / f"{lang}.txt").read_text(encoding="utf-8")


def _read(lang: str, text: str) -> Version:
    return segment(read_text(text, source=SOURCE), lang)


def _by_place(versions: list[Version]) -> Alignment:
    """Return the beads that pair the versions' blocks by place (the k-th with the k-th),
    each block after the shortest version's end alone."""
    beads = []
    for k in range(max(len(v.blocks) for v in versions)):
        members = {v.lang: (v.blocks[k].id,) for v in versions if k < len(v.blocks)}
        beads.append(Bead(f"al.p{k + 1}", members, 0.9))
    return Alignment("paragraph", tuple(beads))


def test_footer_lines_that_pair_only_with_each_other_leave_the_body() -> None:
    # two sites print a line of their own after the text; an alignment pairs them by place
    footers = {"de": "Archiv der Pressestelle", "en": "Newsroom archive of the Authority"}
    versions = [
        _read(lang, _text(lang) + (f"\n{footers[lang]}\n" if lang in footers else ""))
        for lang in LANGS
    ]
    assert all(any(b.text == footers[v.lang] for b in v.blocks) for v in versions[:2])
    lifted = lift_unpaired(versions, _by_place(versions))
    assert lifted is not None
    for version in lifted:
        assert not any(b.text in footers.values() for b in version.blocks)
        if version.lang in footers:
            assert version.front[-1].kind == "unpaired"
            assert version.front[-1].text == footers[version.lang]
    # the text's last paragraph, which every version has, stays
    assert all(v.blocks[-1].text.endswith(".") for v in lifted)


ARTICLES = {"de": "Artikel 5", "en": "Article 5", "es": "Artículo 5"}


def test_a_heading_that_ends_a_window_and_pairs_with_the_others_headings_stays() -> None:
    # three sites' windows end with the next article's heading, nothing under it; two
    # versions stop before it: the bead of the three headings holds two of the four others,
    # as a footer paired by place would, but the headings pair by their number: text
    versions = [
        _read(lang, _text(lang) + (f"\n{ARTICLES[lang]}\n" if lang in ARTICLES else ""))
        for lang in LANGS
    ]
    heads = {v.lang: v.blocks[-1] for v in versions if v.lang in ARTICLES}
    assert [b.text for b in heads.values()] == list(ARTICLES.values())
    assert all(b.kind == "head" for b in heads.values())
    kept = lift_unpaired(versions, _by_place(versions)) or versions
    assert all(v.blocks[-1].text == ARTICLES[v.lang] for v in kept if v.lang in ARTICLES)
    # headings of other numbers pair with none of each other: one site's lines, they leave
    other = {"de": "Artikel 5", "en": "Article 6", "es": "Artículo 7"}
    versions = [
        _read(lang, _text(lang) + (f"\n{other[lang]}\n" if lang in other else "")) for lang in LANGS
    ]
    lifted = lift_unpaired(versions, _by_place(versions))
    assert lifted is not None
    assert not any(b.text in other.values() for v in lifted for b in v.blocks)


def _with_heading(lang: str, heading: str, cut: str | None = None) -> str:
    """Return the statement with a heading over its last two paragraphs, or cut off after
    the heading, in the middle of the next paragraph's first sentence (``cut``)."""
    paragraphs = _text(lang).strip().split("\n\n")
    paragraphs.insert(len(paragraphs) - 2, heading)
    if cut is not None:
        paragraphs = paragraphs[:-2] + [cut]
    return "\n\n".join(paragraphs) + "\n"


HEADINGS = {"de": "Nächste Schritte", "en": "Next steps", "es": "Próximos pasos",
            "fr": "Prochaines étapes", "ru": "Дальнейшие шаги"}  # fmt: skip


def test_a_cut_paragraph_read_as_a_heading_is_the_text_cut_off() -> None:
    cut = "The Authority has opened its emergency"
    en = _read("en", _with_heading("en", HEADINGS["en"], cut))
    assert en.blocks[-1].text == cut  # read alone, a heading
    assert en.blocks[-1].kind == "head"
    others = [_read(lang, _with_heading(lang, HEADINGS[lang])) for lang in LANGS if lang != "en"]
    versions = [en, *others]
    marked = cut_headings(versions, _by_place(versions))
    assert marked is not None
    assert marked[0].blocks[-1].kind == "p"
    assert marked[0].blocks[-1].partial
    assert all(v is o for v, o in zip(marked[1:], others, strict=True))
    # aligned, the cut paragraph stays in the body and pairs with the paragraph it starts
    inputs = [InputFile(_with_heading(lang, HEADINGS[lang]).encode(), f"{lang}.txt")
              for lang in LANGS if lang != "en"]  # fmt: skip
    inputs.append(InputFile(_with_heading("en", HEADINGS["en"], cut).encode(), "en.txt"))
    doc = align_inputs(inputs, config=AlignConfig(encoder=None))
    last = doc.version("en").blocks[-1]
    assert last.text == cut
    assert last.partial
    bead = next(b for b in doc.paragraphs.beads if last.id in b.ids("en"))
    starts = {"de": "Die Behörde hat", "fr": "L'Autorité a ouvert"}
    for lang, start in starts.items():
        assert [doc.version(lang).block(i).text[: len(start)] for i in bead.ids(lang)] == [start]


def test_a_heading_after_a_complete_text_that_the_others_do_not_go_on_from_is_no_cut() -> None:
    # a site's footer heading after the whole text: no other version has prose after it
    versions = [
        _read(lang, _text(lang) + ("\nAddress of the press office\n" if lang == "en" else ""))
        for lang in LANGS
    ]
    assert cut_headings(versions, _by_place(versions)) is None


def test_the_date_the_others_state_wins_over_a_ticker_the_version_states_it_beside() -> None:
    # the site's header prints the day it was looked at, above its name and the title
    en = _read("en", "Monday, 7 December 2026\n\n" + _text("en"))
    assert en.date == "2026-12-07"  # read alone, the first date line near the top
    versions = [en, *(_read(lang, _text(lang)) for lang in LANGS if lang != "en")]
    agreed = agree_dates(versions)
    assert agreed is not None
    assert (agreed[0].date, agreed[0].date_text) == ("2026-04-02", "2 April 2026")
    assert agreed[1:] == versions[1:]
    # a version that states no date the others agree on keeps its own
    alone = _read("en", "Monday, 7 December 2026\n\n" + _text("en").replace("2 April", "3 April"))
    assert agree_dates([alone, *versions[1:]]) is None


def test_a_date_inside_an_office_and_place_line_under_the_title_dates_the_text() -> None:
    # the site's postal address stands above the title; under it, the office, the date and
    # the place on one line
    text = (
        "Lake Basin Authority\n\n12, avenue des Berges\n\nT-1040 Tarvel Cedex\n\n"
        "Tel. +00 100 200 30 40\n\nStatement on the spring floods in the lower valley\n\n"
        "Commission Secretariat 2 April 2026 Tarvel\n\n"
        + _text("en").split("Tarvel, 2 April 2026\n\n")[1]
    )
    version = _read("en", text)
    assert (version.date, version.date_text) == ("2026-04-02", "2 April 2026")


def test_an_as_delivered_block_under_the_title_is_front_matter() -> None:
    # a mission prints who delivered the statement, where, and when, a line each
    block = {
        "en": ("As delivered by Deputy Chair Anna Berg", "to the Permanent Council, Tarvel"),
        "fr": ("Tel que prononcé par la vice-présidente Anna Berg", "devant le Conseil permanent"),
    }
    place = {"en": "Tarvel, ", "fr": "Tarvel, le "}
    for lang, (by, to) in block.items():
        text = _text(lang).replace(place[lang], f"{by}\n\n{to}\n\n", 1)
        version = _read(lang, text)
        assert [(item.kind, item.text) for item in version.front][-3:-1] == [
            ("byline", by),
            ("byline", to),
        ]
        assert version.front[-1].kind == "dateline"
        assert version.front[-1].when == "2026-04-02"
        assert not any(b.text in (by, to) for b in version.blocks)


def test_one_sites_summary_makes_no_other_version_look_cut_off() -> None:
    # three sites print a summary of their own above the text (each alone in its bead);
    # the fourth version is the whole text with a footer heading of a few words in lower
    # case: counted with the summaries it has fewer paragraphs than most, but the text the
    # versions share is as long in it as in every other, so the heading is no cut
    summary = {"en": "The Authority met the mayors of the valley and agreed on aid.",
               "es": "La Autoridad se reunió con los alcaldes del valle y acordó ayudas.",
               "ru": "Управление встретилось с мэрами долины и договорилось о помощи."}  # fmt: skip
    footer = "Kontakt für die Presse"
    versions = []
    for lang in LANGS:
        paragraphs = _text(lang).strip().split("\n\n")
        if lang in summary:
            paragraphs.insert(3, summary[lang])
        if lang == "de":
            paragraphs.append(footer)
        versions.append(_read(lang, "\n\n".join(paragraphs) + "\n"))
    de = versions[0]
    assert de.blocks[-1].text == footer
    assert de.blocks[-1].kind == "head"
    alone = {b.id for v in versions for b in v.blocks if b.text in summary.values()}
    shared = [[b for b in v.blocks if b.id not in alone] for v in versions]
    beads = [
        Bead(
            f"al.p{k + 1}",
            {
                v.lang: (blocks[k].id,)
                for v, blocks in zip(versions, shared, strict=True)
                if k < len(blocks)
            },
            0.9,
        )
        for k in range(max(len(blocks) for blocks in shared))
    ]
    beads += [Bead(f"al.s{k}", {v.lang: (i,)}, 0.5) for k, (v, i) in enumerate(
        (v, b.id) for v in versions for b in v.blocks if b.id in alone)]  # fmt: skip
    assert cut_headings(versions, Alignment("paragraph", tuple(beads))) is None


def test_lines_alone_in_their_beads_leave_without_aligning_again() -> None:
    # one site prints a line of its own after the text: alone in its bead
    footer = "Archiv der Pressestelle"
    versions = [
        _read(lang, _text(lang) + (f"\n{footer}\n" if lang == "de" else "")) for lang in LANGS
    ]
    calls: list[int] = []

    def aligned(vs: Sequence[Version], fixed: Sequence[Bead]) -> ParagraphPass:
        calls.append(len(fixed))
        return align_paragraphs(vs, fixed=fixed, config=PLAIN)

    settled, paragraphs, sentences = settle(versions, aligned, config=PLAIN)
    de = next(v for v in settled if v.lang == "de")
    assert de.front[-1].text == footer
    assert calls == [0]  # aligned once: the beads left stand as they were
    # and they are the beads of the versions without those lines, aligned afresh
    again = align_paragraphs(settled, config=PLAIN)
    assert [b.members for b in paragraphs.beads] == [b.members for b in again.paragraphs.beads]
    assert [b.id for b in paragraphs.beads] == [b.id for b in again.paragraphs.beads]
    assert [b.members for b in sentences.beads] == [b.members for b in again.sentences().beads]


def test_versions_that_are_no_translations_of_each_other_are_aligned_once() -> None:
    # two long texts that share nothing, one with a line of its own after the text (which,
    # between translations, would be paired with the paragraph it seems to start): the
    # first alignment proves them unrelated, and nothing paired by length is evidence
    search = Search(full_grid=0, step_cells=20_000)  # a step of some hundred units
    config = AlignConfig(encoder=None, partial_encoder=None, search=search)
    versions = []
    for lang, seed in (("de", 1), ("en", 2)):
        rng = random.Random(seed)
        text = "\n\n".join(made_up_sentence(rng, rng.randint(60, 200)) for _ in range(240))
        versions.append(_read(lang, text + ("\n\nArchiv der Pressestelle" if lang == "de" else "")))
    calls: list[int] = []

    def aligned(vs: Sequence[Version], fixed: Sequence[Bead]) -> ParagraphPass:
        calls.append(len(fixed))
        return align_paragraphs(vs, fixed=fixed, config=config)

    settled, paragraphs, _ = settle(versions, aligned, config=config)
    assert calls == [0]
    assert [len(v.blocks) for v in settled] == [241, 240]
    assert {b.cert for b in paragraphs.beads} == {0.0}


def test_the_others_decide_the_order_of_a_date_whose_numbers_read_either_way() -> None:
    # a site that writes the month first: "04/02/26" reads as 4 February day first, as every
    # language we have but American English writes it; the others' dates say 2 April
    en = _read("en", _text("en").replace("Tarvel, 2 April 2026", "04/02/26"))
    assert en.date == "2026-02-04"
    versions = [en, *(_read(lang, _text(lang)) for lang in LANGS if lang != "en")]
    agreed = agree_dates(versions)
    assert agreed is not None
    assert (agreed[0].date, agreed[0].date_text) == ("2026-04-02", "04/02/26")
    # a date that reads one way only is the version's own, whatever the others say
    alone = _read("en", _text("en").replace("Tarvel, 2 April 2026", "04/14/26"))
    assert alone.date == "2026-04-14"
    assert agree_dates([alone, *versions[1:]]) is None


def test_a_version_without_a_date_line_states_the_others_date_in_its_first_sentence() -> None:
    # a reposting site drops the dateline and says in a sentence when the release was
    # issued, the date in the middle of it: read alone, no date; the others agree on it
    issued = ("Diese Pressemitteilung wurde am 2. April 2026 von der Behörde des Seebeckens "
              "herausgegeben.")  # fmt: skip
    lines = [p for p in _text("de").strip().split("\n\n") if "2026" not in p]
    lines.insert(lines.index(next(p for p in lines if p.startswith("Erklärung"))) + 1, issued)
    de = _read("de", "\n\n".join(lines) + "\n")
    assert de.date is None
    versions = [de, *(_read(lang, _text(lang)) for lang in LANGS if lang != "de")]
    agreed = agree_dates(versions)
    assert agreed is not None
    assert (agreed[0].date, agreed[0].date_text) == ("2026-04-02", "2. April 2026")
    # a date the version mentions further down, in its text, is no date it states
    later = [*lines[:-1], "Am 2. April 2026 beriet die Behörde.", lines[-1]]
    late = _read("de", "\n\n".join(p for p in later if p != issued) + "\n")
    assert agree_dates([late, *versions[1:]]) is None


def _inserted(lang: str, after: str, lines: Sequence[str]) -> Version:
    """Return the version of ``lang`` with ``lines`` inserted after the title ``after``."""
    paragraphs = _text(lang).strip().split("\n\n")
    at = next(k for k, p in enumerate(paragraphs) if p.startswith(after)) + 1
    return _read(lang, "\n\n".join([*paragraphs[:at], *lines, *paragraphs[at:]]) + "\n")


def _doubted(paragraphs: Alignment, ids: set[str]) -> Alignment:
    """Return ``paragraphs`` with the beads holding ``ids`` given a cert asking for review."""
    beads = tuple(
        Bead(b.id, b.members, 0.4) if ids & {i for lang in b.langs for i in b.ids(lang)} else b
        for b in paragraphs.beads
    )
    return Alignment("paragraph", beads)


def test_headings_between_the_title_and_the_text_paired_by_place_leave_the_body() -> None:
    # two sites print their name and a place as headings under the title, a third a field;
    # the three are paired by place in a bead the aligner does not vouch for; the heading
    # right above the text (the text's first section's) stays
    extra = {"de": ["Kommission für die Nördlichen Flüsse", "Tarvel", "Erklärung"],
             "en": ["Circumstances: Annual meeting of the riparian states", "Full text",
                    "Statement"],
             "fr": ["Commission des rivières du Nord", "Tarvel", "Déclaration"]}  # fmt: skip
    titles = {"de": "Erklärung", "en": "Statement", "fr": "Déclaration", "es": "Declaración",
              "ru": "Заявление"}  # fmt: skip
    versions = [
        _inserted(lang, titles[lang], extra.get(lang, [])) if lang in extra else
        _read(lang, _text(lang)) for lang in LANGS
    ]  # fmt: skip
    placed = {b.id for v in versions for b in v.blocks if b.text in sum(extra.values(), [])}
    assert len(placed) == 9
    kept_heads = {"Erklärung", "Statement", "Déclaration"}
    lifted = lift_unpaired(versions, _doubted(_by_place(versions), placed))
    assert lifted is not None
    for version in lifted:
        body = [b.text for b in version.blocks]
        assert not set(body) & (set(sum(extra.values(), [])) - kept_heads)
        if version.lang in extra:
            assert extra[version.lang][-1] in body


def test_a_sentence_stating_when_a_release_was_issued_is_parted_from_the_others_leads() -> None:
    issued = "Diese Pressemitteilung wurde am 2. April 2026 von der Behörde herausgegeben."
    lead = {
        "en": "The Authority calls on the riparian states to act together on the floods.",
        "fr": "L'Autorité appelle les États riverains à agir ensemble face aux crues.",
    }
    titles = {"de": "Erklärung", "en": "Statement", "fr": "Déclaration"}
    versions = [_inserted("de", titles["de"], [issued])]
    versions += [_inserted(lang, titles[lang], [lead[lang]]) for lang in ("en", "fr")]
    paragraphs = _by_place(versions)
    parted = by_place(versions, paragraphs, PLAIN.calibration)
    members = [{lang: b.ids(lang) for lang in b.langs if b.ids(lang)} for b in parted]
    ids = {v.lang: next(b.id for b in v.blocks if b.text in (issued, *lead.values()))
           for v in versions}  # fmt: skip
    assert members == [{"de": (ids["de"],)}, {"en": (ids["en"],), "fr": (ids["fr"],)}]
    assert all(b.cert < 0.9 for b in parted)
    # leads that translate each other part nothing
    assert by_place(versions[1:], _by_place(versions[1:]), PLAIN.calibration) == []


def test_a_byline_block_ending_with_the_others_date_wins_over_a_ticker() -> None:
    # a mission's page: the site's date of today in its header, and the "As delivered by"
    # block's lines joined in one paragraph that ends with the date, "г." after it
    block = ("В изложении заместителя председателя Анны Берг на заседании Постоянного совета, "
             "Тарвел 2 апреля 2026 г.")  # fmt: skip
    ru = _read("ru", f"понедельник, 7 декабря 2026 г.\n\nЗаявление о паводке\n\n{block}\n\n"
               "Уровень воды в реке поднялся на два метра за три дня.\n")  # fmt: skip
    assert ru.date == "2026-12-07"
    versions = [ru, *(_read(lang, _text(lang)) for lang in LANGS if lang != "ru")]
    assert all(v.date == "2026-04-02" for v in versions[1:])
    agreed = agree_dates(versions)
    assert agreed is not None
    assert (agreed[0].date, agreed[0].date_text) == ("2026-04-02", "2 апреля 2026 г.")


def test_one_sites_caption_is_parted_from_another_sites_summary_above_the_text() -> None:
    # two versions print a line of prose of their own above the text (a summary, a photo
    # caption), paired by place; what the document's own translations score says they
    # translate nothing
    extra = {
        "de": "Die Ministerin würdigte die gemeinsame Arbeit der Anrainerstaaten.",
        "en": "Maria Lindqvist addresses the Permanent Council of the Commission.",
    }
    titles = {"de": "Erklärung", "en": "Statement", "fr": "Déclaration"}
    versions = [_inserted(lang, titles[lang], [extra[lang]] if lang in extra else [])
                for lang in ("de", "en", "fr")]  # fmt: skip
    rows = {v.lang: [b for b in v.blocks if b.kind == "p"] for v in versions}
    atom: dict[str, int] = {}  # the k-th running paragraph of the text: its own vector
    for blocks in rows.values():
        text = [b for b in blocks if b.text not in extra.values()]
        atom.update({b.text: k for k, b in enumerate(text)})
    atom.update({extra["de"]: 10, extra["en"]: 11})

    def encode(texts: Sequence[str]) -> np.ndarray:
        out = np.zeros((len(texts), 12))
        for k, text in enumerate(texts):
            out[k, atom.get(text, 0)] = 1.0
            out[k, (atom.get(text, 0) + 1) % 12] = 0.3 if "a" in text else 0.2
        return out

    beads = [
        Bead("al.p1", {v.lang: (v.blocks[0].id,) for v in versions}, 0.98),
        Bead("al.p2", {v.lang: (v.blocks[1].id,) for v in versions}, 0.98),
        Bead("al.p3", {"de": (rows["de"][0].id,), "en": (rows["en"][0].id,)}, 0.98),
    ]
    beads += [Bead(f"al.q{k}", {v.lang: (next(b for b in rows[v.lang]
                                              if atom[b.text] == k).id,) for v in versions},
                   0.98) for k in range(3)]  # fmt: skip
    assert versions[0].blocks[1].text == versions[0].title
    parted = by_place(versions, Alignment("paragraph", tuple(beads)), PLAIN.calibration,
                      Embedder(encode))  # fmt: skip
    assert [{lang: b.ids(lang) for lang in b.langs if b.ids(lang)} for b in parted] == [
        {"de": (rows["de"][0].id,)},
        {"en": (rows["en"][0].id,)},
    ]
    # without an encoder, nothing is parted by meaning
    assert by_place(versions, Alignment("paragraph", tuple(beads)), PLAIN.calibration) == []


def test_one_sites_line_after_the_text_is_parted_from_another_sites_it_translates_not() -> None:
    # after the text each site prints a contact line of its own, an alignment pairs them by
    # place; what the document's own translations score says they translate nothing
    footers = {"de": "Pressekontakt: Jon Sale, +00 100 200 30 43",
               "en": "Newsroom: Anna Berg, +00 100 200 30 41"}  # fmt: skip
    versions = [
        _read(lang, _text(lang) + (f"\n{footers[lang]}\n" if lang in footers else ""))
        for lang in ("de", "en", "fr")
    ]
    assert [len(v.blocks) for v in versions] == [6, 6, 5]

    def encoder(same: bool) -> Embedder:
        def encode(texts: Sequence[str]) -> np.ndarray:
            out = np.zeros((len(texts), 8))
            for k, text in enumerate(texts):
                place = next(
                    (n for v in versions for n, b in enumerate(v.blocks) if b.text == text), 0
                )
                own = 6 if same or text != footers["en"] else 7  # the English line: its own
                out[k, own if text in footers.values() else place] = 1.0
                out[k, (place + 1) % 8] = 0.3 if "a" in text else 0.2
            return out

        return Embedder(encode)

    paragraphs = _by_place(versions)
    parted = after_place(versions, paragraphs, PLAIN.calibration, encoder(same=False))
    assert [{lang: b.ids(lang) for lang in b.langs if b.ids(lang)} for b in parted] == [
        {"de": (versions[0].blocks[5].id,)},
        {"en": (versions[1].blocks[5].id,)},
    ]
    # lines that translate each other stay together; without an encoder nothing is parted
    assert after_place(versions, paragraphs, PLAIN.calibration, encoder(same=True)) == []
    assert after_place(versions, paragraphs, PLAIN.calibration) == []
