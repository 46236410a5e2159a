"""A version cut off mid-paragraph ends partial; a signature's role line after a name does
not, though it stops without a full stop."""

from __future__ import annotations

from dataclasses import replace

from aligner.align.truncated import (
    PARTIAL_CERT,
    cut_headings,
    mark_partial,
    partial_beads,
    unmark_whole,
)
from aligner.model import Alignment, Bead, Block, Version
from aligner.readers import read_bytes
from aligner.segment import segment

TEXT = (
    "<html lang='en'><body><main><h1>Message on Rivers Day</h1><p>Rivers know no borders. "
    "What happens upstream is felt by the people downstream only a few days later.</p>"
)


def _version(*paragraphs: str) -> Version:
    page = TEXT + "".join(f"<p>{p}</p>" for p in paragraphs) + "</main></body></html>"
    return segment(read_bytes(page.encode(), filename="en.html"), "en")


#: the French and German versions of a text whose English one is cut and ends in headings
OTHERS = {
    "fr": ("Les rivières ne connaissent pas de frontières.", "Prochaines étapes",
           "Cette année, neuf États ont publié pour la première fois des mesures."),
    "de": ("Flüsse kennen keine Grenzen.", "Nächste Schritte",
           "In diesem Jahr legten neun Staaten gemeinsame Messungen vor."),
}  # fmt: skip


def _cut_after(en: tuple[str, ...], heads: int) -> list[Version] | None:
    """Read the English lines beside ``OTHERS`` as saved text (its last ``heads`` lines
    headings), pair the first three blocks of every version by place and leave the rest of
    the English alone; return what :func:`cut_headings` marks."""
    versions = [
        segment(read_bytes("\n\n".join(text).encode(), filename=f"{lang}.txt"), lang)
        for lang, text in {"en": en, **OTHERS}.items()
    ]
    assert [b.kind for b in versions[0].blocks[-heads:]] == ["head"] * heads
    beads = [Bead(f"al.p{k}", {v.lang: (v.blocks[k].id,) for v in versions}, 0.9) for k in range(3)]
    beads += [Bead(f"al.q{k}", {"en": (b.id,)}, 0.5) for k, b in enumerate(versions[0].blocks[3:])]
    return cut_headings(versions, Alignment("paragraph", tuple(beads)))


def test_a_paragraph_cut_after_a_full_one_is_partial() -> None:
    version = mark_partial(_version("This year, nine states published joint measurements for"))
    assert version.blocks[-1].partial


def test_a_role_line_under_a_signature_name_is_no_cut_paragraph() -> None:
    version = mark_partial(
        _version("Message by", "Maria Lindqvist", "Chair of the Northern Rivers Commission")
    )
    assert version.blocks[-1].text == "Chair of the Northern Rivers Commission"
    assert version.blocks[-1].kind == "p"
    assert not any(b.partial for b in version.blocks)


def test_a_paragraph_cut_above_a_signature_is_partial() -> None:
    # a page clipped in the text's last paragraph still prints the signature under it
    cut = "This year, nine states published joint measurements for"
    version = mark_partial(
        _version(cut, "Message by", "Maria Lindqvist", "Chair of the Northern Rivers Commission")
    )
    assert [b.text for b in version.blocks if b.partial] == [cut]


def test_a_cut_heading_above_a_signature_and_its_date_is_the_text_cut_off() -> None:
    # saved as text, every line without a full stop is read as a heading: the cut
    # paragraph, "Message by", the name, the role and the date under them
    en = ("Rivers know no borders.", "Next steps", "This year, nine states published",
          "Message by", "Maria Lindqvist", "Chair of the Commission", "9 June 2026")  # fmt: skip
    marked = _cut_after(en, 5)
    assert marked is not None
    assert [(b.text, b.kind) for b in marked[0].blocks if b.partial] == [
        ("This year, nine states published", "p")
    ]


def test_the_sites_name_in_its_footer_does_not_hide_the_cut_above_it() -> None:
    # a clipped page copied from the browser: the site's name heads the page and ends it
    cut = "This year, nine states published joint measurements for"
    page = (
        "Kommission für die Nördlichen Flüsse\n\nBotschaft zum Tag der Flüsse\n\n"
        "Flüsse kennen keine Grenzen. Was am Oberlauf geschieht, spüren die Menschen am "
        f"Unterlauf wenige Tage später.\n\n{cut}\n"
    )
    read = segment(read_bytes(page.encode(), filename="de.txt"), "de")
    name = "Kommission für die Nördlichen Flüsse"
    assert name in (*read.dropped, *(f.text for f in read.front), *(b.text for b in read.blocks))
    footer = Block("de.p9", "p", 9, name)  # a reader that keeps the footer's line
    version = mark_partial(replace(read, blocks=(*read.blocks, footer)))
    assert [b.text for b in version.blocks if b.partial] == [cut]


def test_a_line_of_names_at_the_end_is_no_cut_paragraph() -> None:
    version = mark_partial(_version("Síganos: Facebook | X | Instagram | LinkedIn"))
    assert not any(b.partial for b in version.blocks)


def test_a_cut_paragraph_is_partial_though_a_source_line_and_keywords_follow() -> None:
    version = mark_partial(
        _version(
            "This year, nine states published joint measurements for",
            "Source: https://www.nrc.example/speeches",
            "Water management",
        )
    )
    assert [b.partial for b in version.blocks][-3:] == [True, False, False]


def test_a_cut_paragraph_is_partial_above_a_shorter_closing_section_of_notes() -> None:
    cut = "This year, nine states published joint measurements for"
    said = "".join(f"<p>The rivers rose again on day {n} and the dikes held.</p>" for n in range(3))
    page = (
        TEXT + f"{said}<p>{cut}</p><h2>Notes to editors</h2>"
        "<p>The Commission was founded by nine riparian states in 1994.</p></main></body></html>"
    )
    version = mark_partial(segment(read_bytes(page.encode(), filename="en.html"), "en"))
    assert [b.text for b in version.blocks if b.partial] == [cut]
    # a text that goes on under a heading, as long as what stands above it, is not cut
    page = TEXT + f"<p>{cut}</p><h2>Article 2</h2>{said}</main></body></html>"
    version = mark_partial(segment(read_bytes(page.encode(), filename="en.html"), "en"))
    assert not any(b.partial for b in version.blocks)


def test_a_page_stamp_at_the_end_is_no_cut_paragraph() -> None:
    version = mark_partial(_version("Dernière modification : 28.06.2026 10:15"))
    assert not any(b.partial for b in version.blocks)


def test_every_version_cut_off_gets_its_bead_and_the_beads_keep_their_order() -> None:
    full = [
        "Rivers know no borders. What happens upstream is felt downstream days later.",
        "This year, nine states published joint measurements for the first time.",
        "This success cannot be taken for granted: it rests on the work of many.",
        "Yet last summer's drought showed how vulnerable our rivers remain today.",
    ]
    versions = {
        "de": _own("de", full[:1] + ["This year, nine states published joint measurements"]),
        "en": _own("en", full),
        "fr": _own("fr", full[:2] + ["This success cannot be taken for granted: it rests"]),
    }
    paragraphs = Alignment(
        "paragraph",
        tuple(
            Bead(
                f"al.p{k + 1}",
                {
                    lang: v.blocks[k : k + 1] and (v.blocks[k].id,) or ()
                    for lang, v in versions.items()
                },
                0.9,
            )  # fmt: skip
            for k in range(len(full))
        ),
    )
    marked = [mark_partial(v) for v in versions.values()]
    beads = partial_beads(marked, paragraphs)
    assert [{lang: b.ids(lang) for lang in versions} for b in beads] == [
        {"de": ("de.p2",), "en": ("en.p2",), "fr": ("fr.p2",)},
        {"de": (), "en": ("en.p3",), "fr": ("fr.p3",)},
    ]
    assert all(b.cert == PARTIAL_CERT for b in beads)


def _own(lang: str, paragraphs: list[str]) -> Version:
    page = "<html><body><main>" + "".join(f"<p>{p}</p>" for p in paragraphs) + "</main></body>"
    return segment(read_bytes(page.encode(), filename=f"{lang}.html"), lang)


def test_a_version_as_long_as_the_others_is_not_cut_off() -> None:
    # a complete version's footer prints another item's title, which reads as prose cut off
    # when read alone; the other versions have as many paragraphs: it is no cut
    whole = _version("This year, nine states published joint measurements.")
    footer = "Statement on the protection of fish stocks in the border region"
    marked = mark_partial(replace(whole, blocks=(*whole.blocks, Block("en.p9", "p", 9, footer))))
    assert [b.text for b in marked.blocks if b.partial] == [footer]
    others = [replace(whole, lang=lang) for lang in ("de", "fr")]
    clipped = mark_partial(replace(whole, lang="es", blocks=(*whole.blocks[:-1], replace(
        whole.blocks[-1], text="This year, nine states published joint")
    )))  # fmt: skip
    assert any(b.partial for b in clipped.blocks)
    versions = [marked, *others, clipped]
    beads = [
        Bead(f"al.p{k}", {v.lang: (v.blocks[k].id,) for v in versions}, 0.9)
        for k in range(len(whole.blocks))
    ]
    unmarked = unmark_whole(versions, Alignment("paragraph", tuple(beads)))
    assert unmarked is not None
    assert not any(b.partial for b in unmarked[0].blocks)
    assert unmarked[3] is clipped  # fewer paragraphs said to their end: cut off


def test_related_items_titles_after_a_cut_paragraph_do_not_take_its_place() -> None:
    # a clipped page with its "Related news" box: each title stops without an end, like
    # the cut paragraph above them; text is cut once, so the first of them is the cut
    cut = "This year, nine states published joint measurements for"
    version = mark_partial(
        _version(
            cut,
            "Related news",
            "Statement on the protection of fish stocks in the border region",
            "Message to the conference on water and law in the upper valley",
        )
    )
    assert [b.text for b in version.blocks if b.partial] == [cut]


def test_a_cut_heading_above_related_items_titles_read_as_headings_is_the_cut() -> None:
    en = ("Rivers know no borders.", "Next steps", "This year, nine states published",
          "Related news", "Statement on the protection of fish stocks",
          "Message to the conference on water and law")  # fmt: skip
    marked = _cut_after(en, 4)
    assert marked is not None
    assert [b.text for b in marked[0].blocks if b.partial] == ["This year, nine states published"]


def test_a_last_line_leading_into_contacts_set_aside_does_not_hide_the_cut() -> None:
    cut = "This year, nine states published joint measurements for"
    version = mark_partial(_version(cut, "For further information contact:"))
    assert [b.text for b in version.blocks if b.partial] == [cut]


def test_a_paragraph_cut_above_a_signature_of_several_names_is_partial() -> None:
    # a joint message: as many short lines as it has signers, whatever their number
    cut = "This year, nine states published joint measurements for"
    names = ("Joint message by", "Maria Lindqvist", "Anna Berg", "Jon Sale", "Eva Holm")
    version = mark_partial(_version(cut, *names, "Chairs of the Northern Rivers Commission"))
    assert [b.text for b in version.blocks if b.partial] == [cut]
