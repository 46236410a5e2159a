"""A line one reader set aside that the other versions have as text is put back; a line
only one version keeps stays aside in the others."""

from __future__ import annotations

import re
from pathlib import Path

from aligner.align_config import AlignConfig
from aligner.api import InputFile, align_inputs
from aligner.readers import read_path
from aligner.tei import schema_problems, tei_problems, write_tei

DATA = Path(__file__).parents[2] / "data" / "restore"
LANGS = ("de", "en", "es", "fr", "ru")
ITEMS = (
    "restore the flood meadows along the lower course of the river",
    "double the funding for the early warning network",
    "publish the water level measurements of every station every day",
)


def _inputs(plain: tuple[str, ...] = ()) -> list[InputFile]:
    """Return the five files; in the languages ``plain`` names, items lose their punctuation."""
    out = []
    for lang in LANGS:
        text = (DATA / f"{lang}.txt").read_text(encoding="utf-8")
        if lang in plain:
            text = re.sub(r"(?m)^(• .*?)\s*[;.]$", r"\1", text)
        out.append(InputFile(data=text.encode(), filename=f"{lang}.txt"))
    return out


def test_items_one_reader_set_aside_go_back_where_the_others_have_them() -> None:
    assert read_path(DATA / "en.txt").dropped == ITEMS  # alone, they look like links
    doc = align_inputs(_inputs(), config=AlignConfig(encoder=None))
    en = doc.version("en")
    assert en.dropped == ()
    assert [b.text for b in en.blocks[-3:]] == list(ITEMS)
    assert all(b.kind == "p" and b.sentences for b in en.blocks[-3:])
    # each item shares a bead with its translations
    for block in en.blocks[-3:]:
        bead = next(b for b in doc.paragraphs.beads if block.id in b.ids("en"))
        assert all(len(bead.ids(lang)) == 1 for lang in LANGS)
    data = write_tei(doc)
    assert schema_problems(data) == []
    assert tei_problems(data) == []


def test_a_line_only_one_version_keeps_stays_aside_in_the_others() -> None:
    doc = align_inputs(_inputs(plain=("en", "es", "fr", "ru")), config=AlignConfig(encoder=None))
    assert doc.version("en").dropped == ITEMS
    for lang in ("es", "fr", "ru"):
        assert len(doc.version(lang).dropped) == 3
    body = {b.text for v in doc.versions for b in v.blocks}
    assert not any(item in body for item in ITEMS)


def test_a_line_only_half_the_others_keep_stays_aside() -> None:
    # two of en's four others keep the items, two set them aside as en does: as many
    # versions lack them as have them, so the reader's judgment stands
    doc = align_inputs(_inputs(plain=("en", "de", "ru")), config=AlignConfig(encoder=None))
    assert doc.version("en").dropped == ITEMS
    body = {b.text for b in doc.version("en").blocks}
    assert not any(item in body for item in ITEMS)


def test_a_block_the_titles_set_aside_after_the_first_alignment_is_no_text_to_put_back() -> None:
    # the versions chose a title and set aside its repeat, which the first alignment holds
    from dataclasses import replace

    from aligner.model import Alignment, Bead
    from aligner.readers.restore import restore_set_aside
    from aligner.segment import segment

    versions = []
    for lang in ("de", "en"):
        text = read_path(DATA / f"{lang}.txt")
        versions.append(segment(text, lang))
    de, en = versions
    # a first alignment that left every block alone: each of de's is in a stretch en lacks
    beads = [Bead(f"al.p{k}", {v.lang: (b.id,)}, 0.5)
             for k, (v, b) in enumerate((v, b) for v in versions for b in v.blocks)]  # fmt: skip
    paragraphs = Alignment("paragraph", tuple(beads))
    gone = de.blocks[0]
    versions = [replace(de, blocks=de.blocks[1:], dropped=(*de.dropped, gone.text)), en]
    restored = restore_set_aside(versions, paragraphs, config=AlignConfig(encoder=None))
    assert restored is None or all(gone.id not in {b.id for b in v.blocks} for v in restored[:1])
