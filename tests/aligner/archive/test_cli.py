"""The ``aligner archive`` commands."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from aligner.cli import main


@pytest.fixture
def archive_dir(corpus: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    where = tmp_path / "archive"
    assert (
        main(["archive", "add", str(corpus), "--archive", str(where), "--executor", "serial"]) == 0
    )
    assert capsys.readouterr().out == f"{where}: added 4, unchanged 0, failed 0\n"
    return where


def test_add_reports_failures_and_exits_1(
    corpus: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (corpus / "doc0" / "de.txt").write_bytes(b"\x89PNG\r\n\x1a\n")
    where = tmp_path / "archive"
    code = main(["archive", "add", str(corpus), "--archive", str(where), "--executor", "serial"])
    assert code == 1
    out, err = capsys.readouterr()
    assert out == f"{where}: added 3, unchanged 0, failed 1\n"
    assert err == f"aligner: failed: {corpus / 'doc0' / 'de.txt'}: no text: this is a PNG image\n"


def test_search_prints_the_bead_in_every_language(
    archive_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["archive", "search", "елку", "--lang", "ru", "--archive", str(archive_dir)]) == 0
    out = capsys.readouterr().out
    assert "  ru* Вечером во дворе поставили ёлку." in out
    assert "  de  Am Abend wurde ein Tannenbaum im Hof aufgestellt." in out
    assert "  en  In the evening a fir tree was put up in the courtyard." in out


def test_search_as_json(archive_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert (
        main(
            [
                "archive",
                "search",
                "strasse",
                "--json",
                "--limit",
                "2",
                "--archive",
                str(archive_dir),
            ]
        )
        == 0
    )
    hits = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert len(hits) == 2
    assert all("Straße" in hit["text"] for hit in hits)
    assert {tuple(c[0] for c in hit["counterparts"]) for hit in hits} == {("en", "ru")}


def test_a_bad_query_is_one_line_and_exit_1(
    archive_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["archive", "search", '"open', "--archive", str(archive_dir)]) == 1
    assert capsys.readouterr().err == "aligner: query: a quotation mark is not closed\n"


def test_lang_and_all_languages_exclude_each_other(archive_dir: Path) -> None:
    with pytest.raises(SystemExit) as stop:
        main(
            [
                "archive",
                "search",
                "x",
                "--lang",
                "ru",
                "--in-all-languages",
                "--archive",
                str(archive_dir),
            ]
        )
    assert stop.value.code == 2


def test_check_export_and_reindex(
    archive_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["archive", "check", "--archive", str(archive_dir)]) == 0
    assert capsys.readouterr().out.endswith("4 TEI files checked: sound\n")
    out = tmp_path / "all.tmx"
    assert (
        main(["archive", "export", "--to", "tmx", "-o", str(out), "--archive", str(archive_dir)])
        == 0
    )
    assert capsys.readouterr().out.startswith(f"wrote {out}: ")
    assert out.read_bytes().startswith(b'<?xml version="1.0" encoding="UTF-8"?>')
    assert main(["archive", "reindex", "--archive", str(archive_dir)]) == 0
    assert capsys.readouterr().out == f"{archive_dir}: index rebuilt from 4 TEI files\n"
    next(archive_dir.glob("documents/*/*.xml")).write_bytes(b"<TEI/>")
    assert main(["archive", "check", "--archive", str(archive_dir)]) == 1
    report = capsys.readouterr().out
    assert ": invalid: documents/" in report
    assert ": changed since filed: documents/" in report


def test_commands_other_than_add_need_an_archive(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["archive", "search", "x", "--archive", str(tmp_path / "none")]) == 1
    err = capsys.readouterr().err
    assert (
        err
        == f"aligner: {tmp_path / 'none'}: no archive here (make one with: aligner archive add)\n"
    )
    assert not (tmp_path / "none").exists()


def test_an_unknown_executor_is_one_line(
    corpus: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(
        ["archive", "add", str(corpus), "--archive", str(tmp_path / "a"), "--executor", "cluster"]
    )
    assert code == 1
    assert capsys.readouterr().err.startswith("aligner: unknown executor 'cluster'")
