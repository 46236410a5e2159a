"""A version cut off mid-paragraph ends partial; a signature's role line after a name does
not, though it stops without a full stop."""

from __future__ import annotations

from aligner.align.truncated import mark_partial
from aligner.model import Version
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
