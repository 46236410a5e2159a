"""Each version's title is chosen with the other versions: the heading above the text that
pairs with the others' headings (titles translate each other), not the first one after the
site's header; a site's name or a line of exchange rates above it is no title."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from aligner.align.embeddings import get_encoder
from aligner.align_config import AlignConfig
from aligner.api import InputFile, align_inputs
from aligner.model import Alignment, Bead, Block, Source
from aligner.readers import read_path
from aligner.readers.front import choose_titles
from aligner.readers.txt import read_text
from aligner.segment import segment

DATA = Path(__file__).parents[2] / "data" / "titles"
LANGS = ("de", "en", "es", "fr", "ru")
TITLES = {
    "de": "Erklärung zum Frühjahrshochwasser im unteren Tal",
    "en": "Statement on the spring floods in the lower valley",
    "es": "Declaración sobre las inundaciones de primavera en el valle bajo",
    "fr": "Déclaration sur les crues de printemps dans la basse vallée",
    "ru": "Заявление о весеннем паводке в нижней долине",
}
SOURCE = Source(sha256="0" * 64)
SITES = {"en": "Lake Basin Authority", "fr": "Autorité du bassin des lacs",
         "ru": "Управление озерного бассейна"}  # fmt: skip


def test_a_line_of_rates_is_no_title_for_the_reader() -> None:
    text = read_path(DATA / "es.txt")
    assert text.title == TITLES["es"]


def test_the_versions_choose_their_titles_together() -> None:
    # read alone, a site's name on a line of its own looks like a title
    assert {lang: read_path(DATA / f"{lang}.txt").title for lang in SITES} == SITES
    inputs = [InputFile(data=(DATA / f"{lang}.txt").read_bytes(), filename=f"{lang}.txt")
              for lang in LANGS]  # fmt: skip
    doc = align_inputs(inputs, config=AlignConfig(encoder=None))
    assert {v.lang: v.title for v in doc.versions} == TITLES
    # the titles share one bead; the site names are one-sided front matter, not body text
    heads = {v.lang: next(b.id for b in v.blocks if b.text == TITLES[v.lang]) for v in doc.versions}
    bead = next(b for b in doc.paragraphs.beads if heads["en"] in b.ids("en"))
    assert {lang: bead.ids(lang) for lang in LANGS} == {lang: (heads[lang],) for lang in LANGS}
    for v in doc.versions:
        assert not any(b.text == SITES.get(v.lang) for b in v.blocks)
        assert v.blocks[0].text == TITLES[v.lang]
    assert all(b.id.startswith("al.p") for b in doc.paragraphs.beads)  # no bead fixed aside


def _with(lang: str, text: str) -> InputFile:
    return InputFile(data=text.encode(), filename=f"{lang}.txt")


def test_a_line_the_same_in_every_version_is_no_title() -> None:
    # a share line printed alike in every language pairs as well as the titles do (each in
    # one bead of five), and a copied page's reader took it for the title; but a line that
    # is the same text in every version is furniture or a name, no translated title
    versions = []
    for lang in LANGS:
        text = (DATA / f"{lang}.txt").read_text(encoding="utf-8")
        text = text.replace(TITLES[lang], f"{TITLES[lang]}\n\nTarvel Newsroom")
        versions.append(segment(read_text(text, source=SOURCE), lang))
    shared = [next(b.id for b in v.blocks if b.text == "Tarvel Newsroom") for v in versions]
    assert all(v.block(i).kind == "head" for v, i in zip(versions, shared, strict=True))
    versions = [replace(v, title="Tarvel Newsroom") for v in versions]
    titles = [next(b.id for b in v.blocks if b.text == TITLES[v.lang]) for v in versions]
    beads = [
        Bead("al.p1", {v.lang: (i,) for v, i in zip(versions, titles, strict=True)}, 1.0),
        Bead("al.p2", {v.lang: (i,) for v, i in zip(versions, shared, strict=True)}, 1.0),
    ]
    beads += [
        Bead(f"al.p{k + 3}", {v.lang: (b.id,)}, 0.5)
        for k, (v, b) in enumerate(
            (v, b) for v in versions for b in v.blocks if b.id not in (*shared, *titles)
        )
    ]
    chosen = choose_titles(versions, Alignment("p", tuple(beads)))
    assert chosen is not None
    assert {v.lang: v.title for v in chosen} == TITLES


def test_a_cut_paragraph_before_a_footer_pairs_with_the_paragraph_it_starts() -> None:
    # a clipped page: the text stops mid-sentence, and the site's footer (its name again, as
    # in its header) follows
    inputs = [_with(lang, (DATA / f"{lang}.txt").read_text(encoding="utf-8"))
              for lang in LANGS if lang != "en"]  # fmt: skip
    en = (DATA / "en.txt").read_text(encoding="utf-8")
    cut = "The Authority has opened its emergency reserves and sent pumps"
    en = en[: en.index(cut) + len(cut)] + "\n\nLake Basin Authority\n\nPhone: +00 100 200 30 40\n"
    doc = align_inputs([*inputs, _with("en", en)], config=AlignConfig(encoder=None))
    version = doc.version("en")
    assert version.blocks[-1].text == cut
    assert version.blocks[-1].partial
    assert not any(b.text == "Lake Basin Authority" for b in version.blocks)
    bead = next(b for b in doc.paragraphs.beads if version.blocks[-1].id in b.ids("en"))
    second = {v.lang: v.blocks[2].id for v in doc.versions if v.lang != "en"}
    assert all(bead.ids(lang) == (second[lang],) for lang in second)


def test_a_breadcrumb_under_a_one_line_menu_is_no_title_and_no_control_glued_to_one() -> None:
    page = (
        "Ambassador Embassy Consular services Economy Contact us\n\n"
        "Home > Statements by the spokesperson\n\n"
        f"{TITLES['en']}\n\n2026-03-14 23:55\n\n"
        "The floods of this spring have shown once again how exposed the valley is.\n\n"
        "Thousands of people had to leave their homes within a few hours.\n"
    )
    text = read_text(page, source=SOURCE)
    assert text.title == TITLES["en"]
    assert "Home > Statements by the spokesperson" in text.dropped  # a trail, kept whole
    assert text.date == "2026-03-14"


def test_the_values_of_a_block_of_labels_are_no_title() -> None:
    page = (
        "SPEECH\n\nSpeaker:\n\nMaria Lindqvist, Chair of the Lake Basin Authority\n\n"
        "Date:\n\nMarch 14, 2026\n\nEvent:\n\nAnnual meeting of the riparian states\n\n"
        f"Location:\n\nTarvel\n\n{TITLES['en']}\n\n"
        "The floods of this spring have shown once again how exposed the valley is.\n\n"
        "Thousands of people had to leave their homes within a few hours.\n"
    )
    text = read_text(page, source=SOURCE)
    assert text.title == TITLES["en"]
    assert text.date == "2026-03-14"


def test_a_title_a_back_link_carries_is_the_title_though_the_text_names_it() -> None:
    name = "Third Conference of the Lake Basin States"
    page = (
        f"Back {name}\n\nStatement by the Chair of the Lake Basin Authority\n{name}\n\n"
        f"I welcome the decision to convene the {name}. It shows our shared resolve.\n\n"
        "The conference will set the course of our work for the next decade.\n\n"
        "Decrease text size\nIncrease text size\nPrint\n"
    )
    text = read_text(page, source=SOURCE)
    assert text.title == name
    assert [b.text for b in text.blocks[:2]] == [name, "Statement by the Chair of the Lake "
                                                 "Basin Authority"]  # fmt: skip
    assert text.dropped[:2] == ("Back", name)  # the control, and the title printed again


def test_a_block_of_fields_under_the_title_is_front_matter_outside_the_text() -> None:
    page = (
        f"{TITLES['en']}\n\nPublishing date: March 14, 2026\n\nContent type: Press release\n\n"
        "Where we work: Tarvel\n\nWhat we do: Water management\n\n"
        "The floods of this spring have shown once again how exposed the valley is.\n\n"
        "Thousands of people had to leave their homes within a few hours.\n"
    )
    text = read_text(page, source=SOURCE)
    assert text.title == TITLES["en"]
    assert [b.text for b in text.blocks][0] == TITLES["en"]
    assert text.blocks[1].text.startswith("The floods")
    assert [(f.kind, f.text) for f in text.front] == [
        ("dateline", "Publishing date: March 14, 2026"),
        ("unpaired", "Content type: Press release"),
        ("unpaired", "Where we work: Tarvel"),
        ("unpaired", "What we do: Water management"),
    ]
    assert text.date == "2026-03-14"


def test_with_an_encoder_the_title_is_the_heading_the_others_translate() -> None:
    # a reposting site prints its name and a rubric above the release's title: an
    # alignment pairs by place, so the site's name shares the bead of the others' titles;
    # meaning does not: the title is what the other titles translate ("Kategorie: …" would
    # be a category line, furniture by what it is)
    versions = []
    for lang in LANGS:
        text = (DATA / f"{lang}.txt").read_text(encoding="utf-8")
        if lang == "de":
            text = "Tarvel Public Record\n\nPressemitteilungen aus den Behörden\n\n" + text
        versions.append(segment(read_text(text, source=SOURCE), lang))
    de = versions[0]
    assert de.title == "Tarvel Public Record"  # read alone, the first title line
    titles = {v.lang: next(b.id for b in v.blocks if b.text == TITLES[v.lang]) for v in versions}
    titles["de"] = de.blocks[0].id  # the site's name where the others' titles are
    beads = [Bead("al.p1", {lang: (i,) for lang, i in titles.items()}, 0.8)]
    beads += [
        Bead(f"al.p{k + 2}", {v.lang: (b.id,)}, 0.5)
        for k, (v, b) in enumerate(
            (v, b) for v in versions for b in v.blocks if b.id not in titles.values()
        )
    ]
    paragraphs = Alignment("p", tuple(beads))
    blind = choose_titles(versions, paragraphs)  # by the beads alone, the site's name stays
    assert blind is None or blind[0].title == "Tarvel Public Record"
    use = get_encoder("use")
    chosen = choose_titles(versions, paragraphs, use)
    assert chosen is not None
    assert {v.lang: v.title for v in chosen} == TITLES


def test_a_title_written_as_a_sentence_over_labels_stays_the_title(tmp_path: Path) -> None:
    # a speech record: the title is a sentence, labels and "Texte intégral" follow it; the
    # sentence is no lead above front matter
    title = ("Audition de Mme Anna Berg, présidente de la Commission des rivières du Nord, "
             "devant la commission des affaires étrangères, le 14 mars 2026.")  # fmt: skip
    text = "\n\n".join([
        title, "Prononcé le", "Intervenant(s) :", "Texte intégral",
        "Je vous remercie de votre accueil, et je suis heureuse de parler devant vous.",
        "Les rivières de la région ne connaissent pas de frontières, et nous le savons.",
    ])  # fmt: skip
    path = tmp_path / "fr.txt"
    path.write_text(text + "\n", encoding="utf-8")
    assert read_path(path).title == title


def test_beads_outside_the_text_are_judged_without_their_borders() -> None:
    from aligner.align_config import Calibration
    from aligner.readers.front import front_certs

    lead = {
        "de": "Die Behörde ruft alle Gemeinden im Tal auf, gemeinsam zu handeln.",
        "en": "This statement was issued by the Lake Basin Authority on 2 April 2026.",
    }
    body = {
        "de": [
            "Der Wasserstand des Flusses stieg in drei Tagen um zwei Meter.",
            "Die Behörde hat ihre Notreserven geöffnet und Pumpen geschickt.",
        ],
        "en": [
            "The water level of the river rose by two metres in three days.",
            "The Authority has opened its emergency reserves and sent pumps.",
        ],
    }
    end = {"de": "Quelle: www.see.example", "en": "Source: www.lake.example"}
    versions = [
        segment(
            read_text(
                "\n\n".join([TITLES[lang], lead[lang], *body[lang], end[lang]]), source=SOURCE
            ),
            lang,
        )
        for lang in ("de", "en")
    ]
    de, en = versions
    assert [b.text for b in de.blocks][:2] == [TITLES["de"], lead["de"]]
    beads = tuple(
        Bead(f"al.p{k + 1}", {"de": (a.id,), "en": (b.id,)}, 0.98)
        for k, (a, b) in enumerate(zip(de.blocks, en.blocks, strict=True))
    )
    judged = front_certs(versions, Alignment("paragraph", beads), Calibration())
    # the titles' bead and the text's stand; the leads (one site's teaser, the other's
    # sentence stating the date) and the footers pair by place alone
    assert [b.cert for b in judged.beads] == [0.98, 0.89, 0.98, 0.98, 0.89]


def test_a_paragraph_of_one_site_above_the_title_does_not_hide_it() -> None:
    # a press briefing's notes: the chair's paragraph, then the statement's own heading
    chair = "Anna Berg, who heads the Authority's press office, chaired the briefing today."
    body = {
        "en": "The water level of the river rose by two metres in three days.",
        "de": "Der Wasserstand des Flusses stieg in drei Tagen um zwei Meter.",
    }
    pages = {
        "en": f"REGULAR PRESS BRIEFING\n\n{chair}\n\n{TITLES['en']}\n\n{body['en']}",
        "de": f"{TITLES['de']}\n\n{body['de']}",
    }
    versions = [segment(read_text(pages[lang], source=SOURCE), lang) for lang in pages]
    en, de = versions
    assert en.title == "REGULAR PRESS BRIEFING"
    beads = [Bead("al.p1", {"en": (en.blocks[0].id,)}, 0.5)]
    beads.append(Bead("al.p2", {"en": (en.blocks[1].id,)}, 0.5))  # the chair's, alone
    beads += [
        Bead(f"al.p{k + 3}", {"en": (en.blocks[k + 2].id,), "de": (de.blocks[k].id,)}, 0.9)
        for k in range(2)
    ]
    chosen = choose_titles(versions, Alignment("paragraph", tuple(beads)))
    assert chosen is not None
    assert [v.title for v in chosen] == [TITLES["en"], TITLES["de"]]


def test_a_title_printed_twice_is_one_candidate_against_a_sites_name() -> None:
    # an agency's page copied from the browser: its search box's last link, the title over
    # the picture, a rubric and the title again over the text; other sites print their
    # names above their titles. The two copies of the title are one candidate: what the
    # others' titles translate is not split between them, and a site's name does not win
    versions = []
    for lang in LANGS:
        text = (DATA / f"{lang}.txt").read_text(encoding="utf-8")
        versions.append(segment(read_text(text, source=SOURCE), lang))
    en = versions[1]
    assert [b.text for b in en.blocks].count(TITLES["en"]) == 1
    extra = [("en.h7", "Country website"), ("en.h8", TITLES["en"]), ("en.h9", "Speeches")]
    above = tuple(Block(i, "head", 0, text) for i, text in extra)
    versions[1] = replace(en, title="Country website", blocks=above + en.blocks)
    beads = [
        Bead(f"al.p{k}", {v.lang: (b.id,)}, 0.5)
        for k, (v, b) in enumerate((v, b) for v in versions for b in v.blocks)
    ]
    chosen = choose_titles(versions, Alignment("p", tuple(beads)), get_encoder("use"))
    assert chosen is not None
    assert {v.lang: v.title for v in chosen} == TITLES
    assert [b.text for b in chosen[1].blocks].count(TITLES["en"]) == 1


def test_a_paragraph_paired_only_by_place_above_the_title_does_not_end_the_candidates() -> None:
    # a briefing's page prints its rubric, then the chair's paragraph, then the statement's
    # own title; another site prints a lead above its title: an alignment pairs the two
    # paragraphs by place, but only two versions of five have them, so they are no text
    chair = "Валентина Орлова, пресс-секретарь Комиссии, провела брифинг для журналистов."
    lead = "The Authority met the mayors of the valley on Thursday and agreed on aid."
    versions = []
    for lang in LANGS:
        text = (DATA / f"{lang}.txt").read_text(encoding="utf-8")
        if lang == "ru":
            text = text.replace(TITLES["ru"], f"Брифинг Комиссии\n\n{chair}\n\n{TITLES['ru']}")
        if lang == "en":
            text = text.replace(TITLES["en"], f"{lead}\n\n{TITLES['en']}")
        versions.append(segment(read_text(text, source=SOURCE), lang))
    ru, en = versions[4], versions[1]
    pair = {"ru": next(b.id for b in ru.blocks if b.text == chair),
            "en": next(b.id for b in en.blocks if b.text == lead)}  # fmt: skip
    beads = [Bead("al.p0", {lang: (i,) for lang, i in pair.items()}, 0.5)]
    beads += [
        Bead(f"al.p{k + 1}", {v.lang: (b.id,)}, 0.5)
        for k, (v, b) in enumerate(
            (v, b) for v in versions for b in v.blocks if b.id not in pair.values()
        )
    ]
    chosen = choose_titles(versions, Alignment("p", tuple(beads)), get_encoder("use"))
    assert chosen is not None
    assert {v.lang: v.title for v in chosen} == TITLES
