"""A sixth language is one data file: readers, segmenter and aligner pick it up unchanged.

The toy Dutch file in tests/data/languages is written for this test; the package has no
Dutch data, so each check is made with and without the file.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from importlib import resources
from pathlib import Path

import pytest

from aligner.align.numerals import numeric_keys
from aligner.readers import read_bytes
from aligner.segment import segment
from languages import boilerplate, profiles

_TOY = Path(__file__).parents[1] / "data" / "languages" / "nl.json"

_PAGE = """<!doctype html><html><body><main>
<p>Delen | Afdrukken</p>
<h1>Persconferentie over de haven</h1>
<p>Gepubliceerd 12 mei 2021 om 10:30</p>
<p>De minister opende de vergadering. Er waren drie delegaties, bijv. uit Gent.</p>
<p>Vraag: Wanneer gaat de haven open?</p>
<p>Antwoord: Na de zomer, zoals gepland.</p>
<h2>Aanvullende materialen</h2>
<p>Verslag van de vergadering</p>
<p>Tel.: +31 70 000 00 00</p>
</main></body></html>
"""


@pytest.fixture(params=[True, False], ids=["with-nl.json", "without"])
def with_dutch(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[bool]:
    """Point the profiles at a copy of the package data, with the toy Dutch file or not."""
    for entry in (resources.files("languages") / "data").iterdir():
        if entry.name.endswith(".json"):
            (tmp_path / entry.name).write_bytes(entry.read_bytes())
    if request.param:
        shutil.copy(_TOY, tmp_path / "nl.json")
    old = profiles.DATA_FOLDER
    profiles.DATA_FOLDER = tmp_path
    profiles.forget()
    try:
        yield bool(request.param)
    finally:
        profiles.DATA_FOLDER = old
        profiles.forget()


def test_the_profile_comes_from_the_file(with_dutch: bool) -> None:
    rules = profiles.profile("nl")
    assert rules.generic is not with_dutch
    assert ("nl" in profiles.profiled_languages()) is with_dutch
    assert (rules.role("Vraag") == "journalist") is with_dutch


def test_page_furniture_is_recognised(with_dutch: bool) -> None:
    assert boilerplate.is_boilerplate("Delen op Facebook") is with_dutch
    assert boilerplate.opens_section("Aanvullende materialen:") is with_dutch
    assert boilerplate.is_contact("Telefoon: 070 000 0000") is with_dutch
    assert boilerplate.is_boilerplate("Deze website gebruikt cookies om te meten.") is with_dutch


def test_a_dutch_page_reads_with_date_furniture_and_speakers(with_dutch: bool) -> None:
    text = read_bytes(_PAGE.encode(), filename="nl.html")
    paragraphs = [b.text for b in text.blocks]
    assert ("Delen | Afdrukken" in paragraphs) is not with_dutch
    assert ("Verslag van de vergadering" in paragraphs) is not with_dutch
    assert (text.date == "2021-05-12") is with_dutch
    version = segment(text, "nl")
    whos = [b.turn.who for b in version.blocks if b.turn is not None]
    assert (whos == ["journalist", "spokesperson"]) is with_dutch
    opening = next(b for b in version.blocks if b.text.startswith("De minister"))
    assert len(opening.sentences) == 2  # "bijv." is no sentence end in either case
    assert ("n:3" in numeric_keys(opening.text, "nl")) is with_dutch
