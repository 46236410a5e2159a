"""A version cut off mid-paragraph ends partial; a signature's role line after a name does
not, though it stops without a full stop."""

from __future__ import annotations

from aligner.align.truncated import PARTIAL_CERT, mark_partial, partial_beads
from aligner.model import Alignment, Bead, Version
from aligner.readers import read_bytes
from aligner.segment import segment

TEXT = (
    "<html lang='en'><body><main><h1>Message on Rivers Day</h1><p>Rivers know no borders. "
    "What happens upstream is felt by the people downstream only a few days later.</p>"
)


def _version(*paragraphs: str) -> Version:
    page = TEXT + "".join(f"<p>{p}</p>" for p in paragraphs) + "</main></body></html>"
    return segment(read_bytes(page.encode(), filename="en.html"), "en")


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
