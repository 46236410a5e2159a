"""The Python API: aligning files and re-aligning around what a person fixed."""

from __future__ import annotations

import dataclasses
import io
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest

from aligner import (
    align_files,
    align_sample,
    api,
    check_file,
    evaluate_gold,
    export,
    realign,
    write_tei,
)
from aligner.align_config import AlignConfig
from aligner.api import InputFile, align_inputs, alignment_needs, check_needs, load_input
from aligner.errors import LanguageError, TooLargeError
from aligner.model import Bead, Document

UDHR = Path(__file__).parent.parent / "data" / "udhr"
#: align without a sentence encoder
PLAIN = AlignConfig(encoder=None)


def _udhr(*langs: str) -> Document:
    return align_files([UDHR / f"{lang}.txt" for lang in langs])


def _merged_pair(doc: Document) -> tuple[int, Bead]:
    """Return the index of two sentence beads that sit side by side, merged by a person."""
    beads = doc.sentences.beads
    for i in range(len(beads) - 1):
        first, second = beads[i], beads[i + 1]
        if all(first.ids(lang) and second.ids(lang) for lang in doc.langs):
            members = {lang: first.ids(lang) + second.ids(lang) for lang in doc.langs}
            return i, Bead(first.id, members, 1.0, status="manual", resp="ed-anna")
    raise AssertionError("no two adjacent sentence beads with every language")


def test_realign_keeps_a_sentence_bead_a_person_merged() -> None:
    doc = _udhr("en", "fr")
    i, merged = _merged_pair(doc)
    beads = list(doc.sentences.beads)
    beads[i : i + 2] = [merged]
    edited = dataclasses.replace(
        doc, sentences=dataclasses.replace(doc.sentences, beads=tuple(beads))
    )

    again = realign(edited)

    kept = [b for b in again.sentences.beads if b.status == "manual"]
    assert [dict(b.members) for b in kept] == [dict(merged.members)]
    assert len(again.sentences.beads) == len(doc.sentences.beads) - 1
    assert again.changes[-1].text.startswith("Re-aligned")


def test_realign_keeps_a_paragraph_bead_a_person_fixed() -> None:
    doc = _udhr("de", "en")
    note = next(b for b in doc.paragraphs.beads if not b.ids("en"))  # adoption note: de only
    title = doc.paragraphs.beads[0]
    # a person decides the note belongs with the title
    fixed = Bead(title.id, {"de": title.ids("de") + note.ids("de"), "en": title.ids("en")}, 1.0,
                 status="manual", resp="ed-anna")  # fmt: skip
    beads = [b for b in doc.paragraphs.beads if b not in (title, note)]
    edited = dataclasses.replace(
        doc, paragraphs=dataclasses.replace(doc.paragraphs, beads=(fixed, *beads))
    )

    again = realign(edited)

    assert dict(again.paragraphs.beads[0].members) == dict(fixed.members)
    assert again.paragraphs.beads[0].status == "manual"
    assert all(b.ids("de") != note.ids("de") for b in again.paragraphs.beads[1:])


def test_export_writes_one_file_per_language_pair_and_check_file_accepts_them(
    tmp_path: Path,
) -> None:
    from exports import ExportOptions

    doc = _udhr("en", "fr", "ru")
    paths, _notes = export(
        [doc], "xliff", tmp_path / "udhr.xlf", options=ExportOptions(source="en")
    )
    assert [p.name for p in paths] == ["udhr.en-fr.xlf", "udhr.en-ru.xlf"]
    for path in paths:
        assert check_file(path.read_bytes()) == ("XLIFF 1.2 strict", [])


def test_check_file_names_the_problems_of_a_broken_tei_file() -> None:
    data = write_tei(_udhr("de", "en")).replace(b'target="#de.h1 ', b'target="#de.h9 ')
    kind, problems = check_file(data)
    assert kind.startswith("tei_all")
    assert any("#de.h9" in p for p in problems)


def test_the_sample_aligns_and_gold_corpora_are_scored() -> None:
    doc = align_sample()
    assert doc.langs == ("de", "en", "es", "ru", "fr")
    assert doc.original == "ru"
    (result,) = evaluate_gold([UDHR])
    assert result.strict.f1 == 1.0


def test_inputs_read_in_worker_processes_give_the_same_document(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    inputs = [load_input(UDHR / f"{lang}.txt") for lang in ("en", "fr", "de", "ru", "es")]
    alone = align_inputs(inputs, config=PLAIN)
    monkeypatch.setattr(api, "PARALLEL_READ_BYTES", 0)
    told: list[str] = []
    shared = align_inputs(inputs, config=PLAIN, workers=2, progress=told.append)
    assert shared.versions == alone.versions
    assert (shared.paragraphs, shared.sentences) == (alone.paragraphs, alone.sentences)
    assert told[:5] == [f"read {item.filename}" for item in inputs]


def test_an_input_that_fails_in_a_worker_process_says_why_as_in_one(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    french = (UDHR / "fr.txt").read_bytes()
    inputs = [load_input(UDHR / "en.txt"), InputFile(french, "de.txt"), InputFile(french, "ru.txt")]
    with pytest.raises(LanguageError) as alone:
        align_inputs(inputs, config=PLAIN, strict=True)
    monkeypatch.setattr(api, "PARALLEL_READ_BYTES", 0)
    with pytest.raises(LanguageError) as shared:
        align_inputs(inputs, config=PLAIN, strict=True, workers=3)
    assert str(shared.value) == str(alone.value)
    assert "de.txt" in str(shared.value)


def test_a_file_of_short_lines_needs_the_memory_of_its_lines_not_of_its_megabytes() -> None:
    # the same megabyte as prose and as a word to a line, each a sentence: the second holds
    # a paragraph and a sentence per five bytes, and its document keeps every one
    words = ("Ja", "Nein", "Gut", "Heute", "Morgen") * 40_000
    prose = alignment_needs([InputFile(" ".join(words).encode(), "de.txt")])
    lines = alignment_needs([InputFile("".join(f"{w}.\n" for w in words).encode(), "de.txt")])
    assert prose.chars == pytest.approx(lines.chars, rel=0.3)
    assert lines.memory_mb > prose.memory_mb + 200 * 1000 * 2 / 1000  # 2 KB a line at least
    # a blank line after every line makes no more units
    spaced = alignment_needs([InputFile("".join(f"{w}.\n\n" for w in words).encode(), "de.txt")])
    assert spaced.memory_mb == lines.memory_mb
    with pytest.raises(TooLargeError):
        check_needs([InputFile("".join(f"{w}.\n" for w in words).encode(), "de.txt")],
                    memory_mb=prose.memory_mb + 100)  # fmt: skip


def _docx_of(paragraphs: list[str]) -> bytes:
    """Return a ZIP whose document holds ``paragraphs``, a ``w:p`` each, on one line."""
    body = "".join(f"<w:p><w:r><w:t>{p}</w:t></w:r></w:p>" for p in paragraphs)
    packed = io.BytesIO()
    with zipfile.ZipFile(packed, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/document.xml", f"<w:document><w:body>{body}</w:body></w:document>")
    return packed.getvalue()


@pytest.mark.parametrize(
    ("name", "pack"),
    [
        ("de.html", lambda ps: "".join(f"<p>{p}</p>" for p in ps).encode()),
        ("de.docx", _docx_of),
    ],
)
def test_a_page_of_a_word_to_an_element_needs_the_memory_of_its_elements(
    name: str, pack: Callable[[list[str]], bytes]
) -> None:
    # the same words in one element and in an element each, on one line: markup holds a
    # paragraph per few bytes without a single line break (a DOCX's members over 1 MB
    # unpacked are read in chunks)
    words = ["Ja.", "Nein.", "Gut.", "Heute.", "Morgen."] * 40_000
    prose = alignment_needs([InputFile(pack([" ".join(words)]), name)])
    each = alignment_needs([InputFile(pack(words), name)])
    assert each.memory_mb > prose.memory_mb + 200_000 * 2 / 1000  # 2 KB an element at least
    assert each.memory_mb == pytest.approx(
        alignment_needs([InputFile("".join(f"{w}\n" for w in words).encode(), "de.txt")]).memory_mb,
        rel=0.01,
    )  # as much as the same words a line each
    with pytest.raises(TooLargeError):
        check_needs([InputFile(pack(words), name)], memory_mb=prose.memory_mb + 100)


def test_what_an_alignment_needs_grows_with_the_text_a_zip_holds_unpacked() -> None:
    text = "Der Hafen ist offen.\n\n" * 1000
    plain = alignment_needs([InputFile(text.encode(), "de.txt")])
    packed = io.BytesIO()
    with zipfile.ZipFile(packed, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/document.xml", text * 10)
    docx = alignment_needs([InputFile(packed.getvalue(), "de.docx")])
    assert len(packed.getvalue()) < plain.chars < docx.chars
    assert plain.memory_mb < docx.memory_mb
    assert check_needs([InputFile(text.encode(), "de.txt")], memory_mb=docx.memory_mb) == plain
    with pytest.raises(TooLargeError) as refused:
        check_needs(
            [InputFile(text.encode(), "de.txt"), InputFile(packed.getvalue(), "de.docx")],
            memory_mb=docx.memory_mb,
        )
    assert refused.value.path == "de.docx"
    assert "MB of memory" in refused.value.message
