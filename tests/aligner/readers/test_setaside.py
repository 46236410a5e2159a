"""What a reader sets aside is counted the same way for every reader and told by align."""

from __future__ import annotations

import pytest

from aligner.align_config import AlignConfig
from aligner.api import InputFile, align_inputs, set_aside
from aligner.readers import read_bytes
from aligner.readers.setaside import is_running_text, tally

TEXT = [
    "The ministers met in Tarvel and agreed on a new river monitoring network.",
    "The first twelve stations will be installed before the end of the year.",
]
TEXT_FR = [
    "Les ministres se sont réunis à Tarvel et ont convenu d'un nouveau réseau de surveillance.",
    "Les douze premières stations seront installées avant la fin de l'année.",
]
FURNITURE = [
    "Print version", "Share on Facebook", "Send by e-mail", "Back to top",
    "Phone: +00 (100) 200-30-40", "Email: press@mfa.example", "Fax: +00 (100) 200-30-41",
    "This website uses cookies to give you the best experience on our pages",
]  # fmt: skip


def test_running_text_is_told_from_furniture_lines() -> None:
    assert all(map(is_running_text, TEXT + TEXT_FR))
    assert not any(map(is_running_text, FURNITURE))


def test_every_reader_counts_lines_and_words_set_aside_the_same_way() -> None:
    page = "\n\n".join(FURNITURE[:4] + TEXT + FURNITURE[4:]) + "\n"
    html = (
        "<html><body><article><p>Print version | Share on Facebook</p>"
        + "".join(f"<p>{p}</p>" for p in TEXT)
        + "</article></body></html>"
    )
    from_text = read_bytes(page.encode(), filename="en.txt")
    from_html = read_bytes(html.encode(), filename="en.html")
    assert [b.text for b in from_text.blocks] == TEXT
    assert from_text.dropped == tuple(FURNITURE)
    assert tally(TEXT, from_text.dropped).lines == len(FURNITURE)
    assert from_html.dropped == ("Print version | Share on Facebook",)
    counted = tally([b.text for b in from_html.blocks], from_html.dropped)
    assert (counted.lines, counted.words) == (1, 5)


def test_align_warns_when_more_than_a_fifth_of_a_versions_words_were_set_aside() -> None:
    heavy = "\n\n".join(FURNITURE + TEXT) + "\n"
    light = "\n\n".join(TEXT_FR) + "\n"
    told: list[str] = []
    doc = align_inputs(
        [InputFile(data=heavy.encode(), filename="en.txt"),
         InputFile(data=light.encode(), filename="fr.txt")],
        config=AlignConfig(encoder=None), warn=told.append,
    )  # fmt: skip
    en = set_aside(doc.version("en"))
    assert en.lines == len(FURNITURE)
    assert en.share == pytest.approx(en.words / (en.words + 26))
    assert [m for m in told if "set aside" in m] == [
        f"en.txt: warning: {en.describe()} of the en version as page furniture, more than a "
        'fifth of its words (each is a <note type="dropped"> in the TEI)'
    ]
    assert not set_aside(doc.version("fr")).too_much
