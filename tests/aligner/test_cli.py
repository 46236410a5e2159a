"""The command line, end to end: real files in, files or one clear error out."""

from __future__ import annotations

import argparse
import io
import json
import os
import re
import socket
import stat
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from lxml import etree

from aligner import read_tei
from aligner.api import SAMPLE_DIR
from aligner.cli import _parser, main
from aligner.tei import schema_problems, tei_problems

DATA = Path(__file__).parent.parent / "data"
UDHR = DATA / "udhr"
PAIR = DATA / "pair-mini"


def _run(capsys: pytest.CaptureFixture[str], *argv: str | Path) -> tuple[int, str, str]:
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


def test_align_writes_a_valid_tei_document_of_all_versions(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "udhr.tei.xml"
    files = [UDHR / f"{lang}.txt" for lang in ("de", "en", "es", "fr", "ru")]
    code, stdout, _ = _run(capsys, "align", *files, "-o", out)
    assert code == 0
    data = out.read_bytes()
    assert tei_problems(data) == []
    assert schema_problems(data) == []
    doc = read_tei(data)
    assert doc.langs == ("de", "en", "es", "fr", "ru")
    assert "paragraph beads" in stdout


def test_align_takes_the_language_from_the_command_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    first, second = tmp_path / "first.txt", tmp_path / "second.txt"
    first.write_bytes((UDHR / "de.txt").read_bytes())
    second.write_bytes((UDHR / "ru.txt").read_bytes())
    code, _, _ = _run(capsys, "align", f"de={first}", f"ru={second}", "-o", tmp_path / "o.xml")
    assert code == 0
    assert read_tei((tmp_path / "o.xml").read_bytes()).langs == ("de", "ru")


def test_demo_aligns_the_bundled_sample_as_its_gold_says(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "sample.tei.xml"
    code, stdout, _ = _run(capsys, "demo", "-o", out)
    assert code == 0
    doc = read_tei(out.read_bytes())
    gold = json.loads((SAMPLE_DIR / "gold.json").read_text(encoding="utf-8"))
    # the place-and-date line of the statement is front matter now, not a body paragraph
    moved = {
        lang: {
            i
            for i, preview in enumerate(gold["previews"][lang])
            if any(item.text.startswith(preview) for item in doc.version(lang).front)
        }
        for lang in doc.langs
    }
    assert all(moved.values())
    counts = {lang: n - len(moved[lang]) for lang, n in gold["paragraph_counts"].items()}
    assert {lang: len(doc.version(lang).blocks) for lang in doc.langs} == counts

    def body(lang: str, indices: list[int]) -> tuple[int, ...]:
        return tuple(
            i - sum(1 for m in moved[lang] if m < i) for i in indices if i not in moved[lang]
        )

    groups = [tuple(body(lang, group[lang]) for lang in doc.langs) for group in gold["groups"]]
    expected = {g for g in groups if any(g)}
    index = {b.id: i for v in doc.versions for i, b in enumerate(v.blocks)}
    found = {
        tuple(tuple(index[i] for i in bead.ids(lang)) for lang in doc.langs)
        for bead in doc.paragraphs.beads
    }
    assert found == expected
    # every bead is right (the gold says so), and none asks for review for nothing
    beads = len(doc.paragraphs.beads)
    assert f"0 of {beads} paragraph beads scored below 0.90" in stdout
    # the sample's Spanish lacks one paragraph: the summary says which, and how long
    (gap,) = [b for b in doc.paragraphs.beads if not b.ids("es")]
    words = len(doc.version("de").block(gap.ids("de")[0]).text.split())
    assert "text some versions lack:" in stdout
    assert f"{gap.id} missing in es: {gap.ids('de')[0]} (1 paragraph, {words} words)" in stdout


def test_segmented_mode_writes_one_bead_per_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "beads.txt"
    code, _, _ = _run(
        capsys, "align", "--segmented", "--format", "beads", PAIR / "mini.de", PAIR / "mini.fr",
        "-o", out,
    )  # fmt: skip
    assert code == 0
    lines = out.read_text().splitlines()
    src = [i for line in lines for i in json.loads(line.split(":")[0])]
    tgt = [i for line in lines for i in json.loads(line.split(":")[1])]
    assert src == list(range(len((PAIR / "mini.de").read_text().splitlines())))
    assert tgt == list(range(len((PAIR / "mini.fr").read_text().splitlines())))
    gold = set((PAIR / "mini.defr").read_text().splitlines())
    assert len(gold & set(lines)) / len(gold) >= 0.8


def test_the_encoder_is_chosen_or_left_out_on_the_command_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    de, en = tmp_path / "de.txt", tmp_path / "en.txt"
    # lengths and words that say nothing: only meaning finds the sentence German lacks
    en.write_text(
        "The expedition left the valley at dawn and reached the glacier by noon.\n"
        "Two porters carried the tents, the stoves and the food for a week.\n"
        "Nobody slept well because the wind shook the tents all night.\n"
        "The next morning they turned back without reaching the summit.\n"
    )
    de.write_text(
        "Die Expedition verliess das Tal im Morgengrauen und erreichte den Gletscher am Mittag.\n"
        "Niemand schlief gut, weil der Wind die ganze Nacht an den Zelten rüttelte.\n"
        "Am nächsten Morgen kehrten sie um, ohne den Gipfel zu erreichen.\n"
    )
    found = {}
    for flag in ("--encoder=use", "--no-embeddings"):
        out = tmp_path / f"{flag}.txt"
        args = ("align", "--segmented", "--format", "beads", en, de, "-o", out, flag)
        assert _run(capsys, *args)[0] == 0
        found[flag] = out.read_text().splitlines()
    assert found["--encoder=use"] == ["[0]:[0]", "[1]:[]", "[2]:[1]", "[3]:[2]"]
    assert found["--no-embeddings"] != found["--encoder=use"]
    missing = tmp_path / "no-model"
    code, _, err = _run(capsys, "align", en, de, "-o", tmp_path / "x.xml", "--encoder", missing)
    assert code == 1
    assert err.count("\n") == 1
    assert str(missing) in err
    assert not (tmp_path / "x.xml").exists()


def test_validate_reports_each_problem_and_fails(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "doc.xml"
    assert _run(capsys, "align", UDHR / "en.txt", UDHR / "fr.txt", "-o", out)[0] == 0
    assert _run(capsys, "validate", out)[0] == 0
    broken = tmp_path / "broken.xml"
    broken.write_bytes(out.read_bytes().replace(b'target="#en.h1 ', b'target="#en.h99 '))
    code, stdout, _ = _run(capsys, "validate", broken)
    assert code == 1
    assert f"{broken}: " in stdout
    assert "points to missing #en.h99" in stdout


@pytest.fixture
def en_ru(tmp_path: Path) -> Path:
    """Align the English and Russian UDHR excerpts into ``doc.xml``."""
    out = tmp_path / "doc.xml"
    assert main(["align", str(UDHR / "en.txt"), str(UDHR / "ru.txt"), "-o", str(out)]) == 0
    return out


def test_export_to_tei_rewrites_the_same_bytes(
    en_ru: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    again = tmp_path / "again.xml"
    assert _run(capsys, "export", en_ru, "--to", "tei", "-o", again)[0] == 0
    assert again.read_bytes() == en_ru.read_bytes()


def test_aligning_a_stored_document_again_keeps_its_versions(
    en_ru: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    again = tmp_path / "again.xml"
    assert _run(capsys, "align", en_ru, "-o", again)[0] == 0
    first, second = read_tei(en_ru.read_bytes()), read_tei(again.read_bytes())
    assert second.versions == first.versions
    assert [c.n for c in second.changes] == [1, 2]


def test_aligning_a_stored_document_again_keeps_what_an_archivist_added(
    en_ru: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    note = b"<notesStmt><note>Checked against the printed edition.</note></notesStmt>"
    en_ru.write_bytes(
        en_ru.read_bytes().replace(b"</publicationStmt>", b"</publicationStmt>" + note)
    )
    again = tmp_path / "again.xml"
    assert _run(capsys, "align", en_ru, "-o", again)[0] == 0
    assert note in again.read_bytes()
    assert _run(capsys, "validate", again)[0] == 0


def _docx_bytes() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as z:
        z.writestr("word/document.xml", "<w:document")
    return buffer.getvalue()


BAD_INPUTS = {
    "missing file": (None, "file not found"),
    "empty file": (b"", "empty"),
    "no text (an image renamed .txt)": (b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4, ""),
    "empty HTML page": (b"<html><body><nav>Home</nav></body></html>", ""),
    "undecodable bytes": (bytes(range(128, 256)) * 8, ""),
    "malformed DOCX": (b"PK\x03\x04 not really a zip", ""),
    "DOCX without a document": (_docx_bytes(), ""),
    "malformed TEI": (b"<TEI xmlns='http://www.tei-c.org/ns/1.0'><teiHeader>", "not well-formed"),
    "TEI with entity expansion": (
        b'<?xml version="1.0"?><!DOCTYPE TEI [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;&a;">]>'
        b"<TEI>&b;</TEI>",
        "entity",
    ),
    "TEI with an external entity": (
        b'<?xml version="1.0"?><!DOCTYPE TEI [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
        b"<TEI>&x;</TEI>",
        "entity",
    ),
}
SUFFIX = {"malformed DOCX": ".docx", "DOCX without a document": ".docx", "empty HTML page": ".html"}


@pytest.mark.parametrize("case", sorted(BAD_INPUTS))
def test_bad_input_gives_one_clear_line_and_no_output(
    case: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data, message = BAD_INPUTS[case]
    suffix = ".xml" if case.startswith("TEI") or "TEI" in case else SUFFIX.get(case, ".txt")
    bad = tmp_path / f"de{suffix}"
    if data is not None:
        bad.write_bytes(data)
    out = tmp_path / "out.xml"
    code, _, err = _run(capsys, "align", bad, UDHR / "en.txt", "-o", out)
    assert code == 1
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith(f"aligner: {bad}: ")
    assert message in lines[0]
    assert "Traceback" not in err
    assert list(tmp_path.iterdir()) == ([bad] if data is not None else [])


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["de=" + str(UDHR / "de.txt"), "de=" + str(UDHR / "en.txt")], "given twice"),
        ([str(UDHR / "de.txt")], "at least two language versions"),
        (["xx-notalang=" + str(UDHR / "de.txt"), str(UDHR / "en.txt")], "xx"),
    ],
)
def test_wrong_languages_give_one_clear_line(
    args: list[str], message: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out.xml"
    code, _, err = _run(capsys, "align", *args, "-o", out)
    assert code == 1
    assert len(err.strip().splitlines()) == 1
    assert message in err
    assert not out.exists()


def test_a_contradicted_language_warns_and_strict_refuses(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out.xml"
    ru_as_fr = f"fr={UDHR / 'ru.txt'}"
    code, _, err = _run(capsys, "align", ru_as_fr, UDHR / "en.txt", "-o", out)
    assert code == 0
    assert "warning" in err
    out.unlink()
    code, _, err = _run(capsys, "align", "--strict", ru_as_fr, UDHR / "en.txt", "-o", out)
    assert code == 1
    assert not out.exists()


def test_an_unwritable_output_is_one_clear_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    code, _, err = _run(capsys, "align", UDHR / "de.txt", UDHR / "en.txt", "-o", blocker / "o.xml")
    assert code == 1
    assert "Traceback" not in err
    assert len(err.strip().splitlines()) == 1


def test_usage_errors_exit_with_two(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as info:
        main(["align"])
    assert info.value.code == 2


@pytest.mark.parametrize("score", ["1.5", "high"])
def test_a_threshold_outside_zero_to_one_is_a_usage_error(
    score: str, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as info:
        main(["export", "doc.xml", "--to", "tmx", "-o", "x.tmx", "--review-below", score])
    assert info.value.code == 2
    assert "a score from 0 to 1" in capsys.readouterr().err


@pytest.mark.parametrize(("seconds", "said"), [("-1", "give 0 or more"), ("soon", "not a number")])
def test_a_release_time_that_is_no_duration_is_a_usage_error(
    seconds: str, said: str, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as info:
        main(["serve", "--release-after", seconds])
    assert info.value.code == 2
    assert said in capsys.readouterr().err


def test_align_lists_the_beads_under_the_review_threshold(
    en_ru: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    doc = read_tei(en_ru.read_bytes())
    for threshold in (0.5, 0.9, 0.99):
        code, stdout, _ = _run(
            capsys, "align", en_ru, "-o", tmp_path / "again.xml", "--review-below", str(threshold)
        )
        assert code == 0
        under = [b for b in doc.paragraphs.beads if b.status == "auto" and b.cert < threshold]
        total = len(doc.paragraphs.beads)
        assert f"{len(under)} of {total} paragraph beads scored below {threshold:.2f}" in stdout
        assert stdout.count("low confidence") == min(3, len(under))


@pytest.fixture(scope="module")
def aligned(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Align the five UDHR excerpts once for the export tests."""
    out = tmp_path_factory.mktemp("aligned") / "udhr.tei.xml"
    files = [str(UDHR / f"{lang}.txt") for lang in ("de", "en", "es", "fr", "ru")]
    assert main(["align", *files, "-o", str(out)]) == 0
    return out


def test_export_writes_every_format_that_its_own_reader_accepts(
    aligned: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import csv

    import docx
    import openpyxl
    import pypdf

    doc = read_tei(aligned.read_bytes())
    article1 = doc.version("ru").blocks[2].text
    for fmt in ("docx", "pdf", "tmx", "csv", "xlsx"):
        assert _run(capsys, "export", aligned, "--to", fmt, "--langs", "ru,en", "-o",
                    tmp_path / f"doc.{fmt}")[0] == 0  # fmt: skip
    table = docx.Document(str(tmp_path / "doc.docx")).tables[0]
    assert [c.text for c in table.rows[0].cells][1:] == ["Русский", "English"]
    assert any(article1 in cell.text for row in table.rows for cell in row.cells)
    pdf_text = "".join(p.extract_text() for p in pypdf.PdfReader(tmp_path / "doc.pdf").pages)
    assert "Всеобщая декларация прав человека" in pdf_text
    assert _run(capsys, "validate", tmp_path / "doc.tmx")[0] == 0
    with open(tmp_path / "doc.csv", encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.reader(fh))
    assert any(article1 in cell for row in rows for cell in row)
    sheet = openpyxl.load_workbook(tmp_path / "doc.xlsx").active
    assert sheet is not None
    assert any(article1 == cell.value for row in sheet.iter_rows() for cell in row)


def test_export_to_xliff_writes_one_valid_file_per_language_pair(
    aligned: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, stdout, _ = _run(capsys, "export", aligned, "--to", "xliff", "--source", "en",
                           "-o", tmp_path / "doc.xlf")  # fmt: skip
    assert code == 0
    written = sorted(p.name for p in tmp_path.iterdir())
    assert written == [f"doc.en-{lang}.xlf" for lang in ("de", "es", "fr", "ru")]
    assert _run(capsys, "validate", *sorted(tmp_path.iterdir()))[0] == 0


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--to", "docx", "--langs", "ru,it"], "language it is not in the document"),
        (["--to", "tmx", "--pair", "de,ja"], "ja"),
    ],
)
def test_export_refusals_are_one_line_and_leave_no_file(
    args: list[str], message: str, aligned: Path, tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:  # fmt: skip
    code, _, err = _run(capsys, "export", aligned, *args, "-o", tmp_path / "out")
    assert code == 1
    assert len(err.strip().splitlines()) == 1
    assert message in err
    assert list(tmp_path.iterdir()) == []


def test_an_unknown_export_format_is_a_usage_error(
    aligned: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as caught:
        main(["export", str(aligned), "--to", "odt", "-o", str(tmp_path / "out")])
    assert caught.value.code == 2
    assert "unknown export format 'odt'; choose one of tei, docx" in capsys.readouterr().err
    assert list(tmp_path.iterdir()) == []


def test_export_of_a_file_that_is_not_tei_names_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = _run(capsys, "export", UDHR / "en.txt", "--to", "pdf", "-o", tmp_path / "x.pdf")
    assert code == 1
    assert err.startswith(f"aligner: {UDHR / 'en.txt'}: ")
    assert not (tmp_path / "x.pdf").exists()


def test_chinese_given_as_german_warns_and_strict_refuses(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    chinese = tmp_path / "statement.txt"
    chinese.write_text(
        "外交部长在新闻发布会上回答了记者的问题。他说，两国已经就河流监测网络达成一致，"
        "第一批十二个监测站将在年底前建成。我国将承担三分之一的费用。\n",
        encoding="utf-8",
    )
    out = tmp_path / "out.xml"
    args = ("align", "--no-embeddings", f"de={chinese}", UDHR / "en.txt", "-o", out)
    code, _, err = _run(capsys, *args)
    assert code == 0
    assert "is in Han script: it reads as Chinese (zh)" in err
    out.unlink()
    code, _, err = _run(capsys, *args[:1], "--strict", *args[1:])
    assert code == 1
    assert err.strip() == (
        f"aligner: {chinese}: text declared as German (de) is in Han script: "
        "it reads as Chinese (zh)"
    )
    assert not out.exists()


def test_every_option_of_every_command_says_what_it_does_and_its_default() -> None:
    parser = _parser()
    commands = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    for name, sub in commands.choices.items():
        text = sub.format_help()
        for action in sub._actions:
            if isinstance(action, argparse._HelpAction):
                continue
            assert action.help, (name, action.dest)
            if action.default not in (None, False, argparse.SUPPRESS, []):
                assert f"(default: {action.default})" in " ".join(text.split()), (name, action)


def test_a_directory_as_output_is_one_error_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = _run(
        capsys, "align", "--no-embeddings", UDHR / "de.txt", UDHR / "en.txt", "-o", tmp_path
    )
    assert code == 1
    assert err == f"aligner: {tmp_path}: is a directory: give a file name\n"
    assert list(tmp_path.iterdir()) == []


def test_dash_as_output_writes_the_document_to_stdout(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, out, err = _run(
        capsys, "align", "--no-embeddings", UDHR / "de.txt", UDHR / "en.txt", "-o", "-"
    )
    assert code == 0
    assert read_tei(out.encode()).langs == ("de", "en")
    assert err.startswith("wrote -: doc-")


def test_new_files_follow_the_umask_and_links_are_written_through(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    previous = os.umask(0o027)
    try:
        out = tmp_path / "new.xml"
        code, _, _ = _run(capsys, "align", "--no-embeddings", UDHR / "de.txt", UDHR / "en.txt",
                          "-o", out)  # fmt: skip
        assert code == 0
        assert stat.S_IMODE(out.stat().st_mode) == 0o640
    finally:
        os.umask(previous)
    target = tmp_path / "kept" / "doc.xml"
    target.parent.mkdir()
    target.write_text("old")
    target.chmod(0o604)
    link = tmp_path / "link.xml"
    link.symlink_to(target)
    code, _, _ = _run(capsys, "align", "--no-embeddings", UDHR / "de.txt", UDHR / "en.txt",
                      "-o", link)  # fmt: skip
    assert code == 0
    assert link.is_symlink()
    assert read_tei(target.read_bytes()).langs == ("de", "en")
    assert stat.S_IMODE(target.stat().st_mode) == 0o604


def test_segmented_needs_format_beads_and_says_so(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as caught:
        main(["align", "--segmented", str(PAIR / "mini.de"), str(PAIR / "mini.fr"), "-o", "x"])
    assert caught.value.code == 2
    err = capsys.readouterr().err
    assert err.strip().endswith(
        "error: --segmented and --format beads go together (two files, one segment a line)"
    )
    assert not (tmp_path / "x").exists()


@pytest.mark.parametrize("port", ["0", "70000", "http"])
def test_a_port_out_of_range_is_a_usage_error(
    port: str, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as caught:
        main(["serve", "--port", port])
    assert caught.value.code == 2
    assert "--port" in capsys.readouterr().err


def test_a_busy_port_is_one_error_line(capsys: pytest.CaptureFixture[str]) -> None:
    with socket.socket() as holder:
        holder.bind(("127.0.0.1", 0))
        holder.listen()
        port = holder.getsockname()[1]
        code, _, err = _run(capsys, "serve", "--port", str(port), "--store", "/nonexistent/x")
    assert code == 1
    assert err == f"aligner: cannot listen on 127.0.0.1:{port}: the port is in use\n"


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_a_progress_bar_shows_on_a_terminal_and_only_there(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    args = ["align", "--no-embeddings", str(UDHR / "de.txt"), str(UDHR / "en.txt")]
    terminal = _Terminal()
    monkeypatch.setattr("sys.stderr", terminal)
    assert main([*args, "-o", str(tmp_path / "a.xml")]) == 0
    shown = terminal.getvalue()
    assert f"read {UDHR / 'de.txt'}"[:40] in shown
    assert "align" in shown
    assert "2/3" in shown
    # the alignment says how far it has come, inside its one step
    assert "align: paragraphs de-en" in shown
    assert re.search(r"align: sentences [1-9]\d%", shown)
    assert "3/3" not in shown
    monkeypatch.undo()
    assert main([*args, "-o", str(tmp_path / "b.xml")]) == 0
    assert capsys.readouterr().err == ""


def test_a_file_over_the_size_limit_is_refused_before_it_is_read(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    big = tmp_path / "big.txt"
    big.write_bytes(b"All human beings are born free.\n\n" * 70_000)  # 2.2 MB
    out = tmp_path / "o.xml"
    code, _, err = _run(capsys, "align", "--max-mb", "2", big, UDHR / "de.txt", "-o", out)
    assert code == 1
    assert err == f"aligner: {big}: is 2.2 MB, over the 2 MB limit (--max-mb raises it)\n"
    assert not out.exists()


def test_a_pair_sees_the_sentences_a_third_language_glued_in_summary_and_export(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "glued.tei.xml"
    files = [DATA / "align" / "glued" / f"{lang}.txt" for lang in ("de", "en", "fr")]
    code, stdout, _ = _run(capsys, "align", *files, "-o", out)
    assert code == 0
    assert "split finer between two languages a third joined: de-fr 1" in stdout
    tmx = tmp_path / "de-fr.tmx"
    code, _, _ = _run(
        capsys, "export", out, "--to", "tmx", "--pair", "de,fr", "--level", "sentence", "-o", tmx
    )
    assert code == 0
    units = etree.parse(str(tmx)).getroot().findall("body/tu")
    # German and French are parallel heading by heading and sentence by sentence
    doc = read_tei(out.read_bytes())
    texts = {
        lang: [s.text for b in doc.version(lang).blocks for s in b.sentences or [b]]
        for lang in ("de", "fr")
    }
    assert [[tuv.findtext("seg") for tuv in tu.findall("tuv")] for tu in units] == [
        list(pair) for pair in zip(texts["de"], texts["fr"], strict=True)
    ]


# -- manners: defaults said once, quiet on a closed pipe, usage errors exit 2, codes named --


def test_every_default_is_said_once_and_none_is_said_of_an_option_without_one() -> None:
    parser = _parser()
    commands = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    for name, sub in commands.choices.items():
        text = " ".join(sub.format_help().split())
        assert "(default: None)" not in text, name
        assert "(default: False)" not in text, name
        for action in sub._actions:
            if action.default not in (None, False, argparse.SUPPRESS, []) and action.help:
                said = text.count(f"(default: {action.default})") + text.count(
                    f"(default {action.default})"
                )
                assert said >= 1, (name, action.dest)
        assert "(default 0.9)" not in text, name  # the old hand-written second mention


def test_a_reader_that_stops_early_gets_no_traceback(en_ru: Path) -> None:
    code = "import sys; from aligner.cli import main; sys.exit(main(sys.argv[1:]))"
    argv = [sys.executable, "-c", code, "export", str(en_ru), "--to", "tei", "-o", "-"]
    process = subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert process.stdout is not None
    assert process.stderr is not None
    process.stdout.close()  # as `| head` does, before a byte is written
    with process.stderr:
        err = process.stderr.read()
    assert process.wait() == 1
    assert err == b""


def test_a_language_code_no_one_knows_names_the_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    given = UDHR / "de.txt"
    code, _, err = _run(capsys, "align", f"xx={given}", UDHR / "en.txt", "-o", tmp_path / "o.xml")
    assert code == 1
    assert err == f"aligner: {given}: unknown language code 'xx'\n"
    assert not (tmp_path / "o.xml").exists()


def test_a_three_letter_code_is_taken_as_its_bcp47_code_and_said_so(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    given = UDHR / "de.txt"
    out = tmp_path / "o.xml"
    code, _, err = _run(capsys, "align", f"deu={given}", f"eng={UDHR / 'en.txt'}", "-o", out)
    assert code == 0
    assert read_tei(out.read_bytes()).langs == ("de", "en")
    assert f"aligner: {given}: deu is taken as de, its BCP 47 code" in err


def test_segment_alignment_has_its_own_command_and_the_old_spelling_agrees(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    new, old = tmp_path / "new.txt", tmp_path / "old.txt"
    files = (PAIR / "mini.de", PAIR / "mini.fr")
    assert _run(capsys, "align-segments", *files, "-o", new, "--no-embeddings")[0] == 0
    args = ("align", "--segmented", "--format", "beads", *files, "-o", old, "--no-embeddings")
    assert _run(capsys, *args)[0] == 0
    assert new.read_text() == old.read_text()
    assert new.read_text().count("\n") >= 5


def test_without_meaning_a_partial_version_is_said_to_be_and_aligned_with_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    opening = tmp_path / "opening.fr"
    lines = (PAIR / "mini.fr").read_text("utf-8").splitlines()
    opening.write_text("\n".join(lines[: len(lines) * 2 // 5]) + "\n", "utf-8")
    plain, meant = tmp_path / "plain.txt", tmp_path / "meant.txt"
    code, _, err = _run(capsys, "align-segments", PAIR / "mini.de", opening, "-o", plain,
                        "--no-embeddings")  # fmt: skip
    assert code == 0
    assert err.startswith("aligner: the texts look partial (")
    assert err.count("\n") == 1
    assert _run(capsys, "align-segments", PAIR / "mini.de", opening, "-o", meant)[0] == 0
    assert plain.read_text() == meant.read_text()
