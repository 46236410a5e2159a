"""A manifest names files in its own folder (or an allowed root), and only regular files."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from aligner.archive import Archive
from aligner.cli import main

from .conftest import write_document


def _manifest(folder: Path, rows: list[str]) -> Path:
    manifest = folder / "manifest.csv"
    manifest.write_text("".join(f"{row}\n" for row in rows), encoding="utf-8")
    return manifest


@pytest.mark.parametrize(
    "where",
    ["/etc/passwd", "../../../../../../etc/hostname", "../outside/de.txt", "link/de.txt"],
)
def test_rows_leading_out_of_the_manifests_folder_are_refused(tmp_path: Path, where: str) -> None:
    inside = tmp_path / "project"
    write_document(inside / "files", 1)
    outside = write_document(tmp_path / "outside", 2)
    (inside / "link").symlink_to(outside)  # a link inside that leads out
    manifest = _manifest(inside, ["press,en,files/en.txt", f"press,de,{where}"])
    with Archive(tmp_path / "a", create=True) as archive:
        summary = archive.add([str(manifest)], executor="serial")
        assert summary.added == []
        assert summary.failed == [
            (
                str(manifest),
                f"{manifest}: row 2: {where} is outside the manifest's folder; "
                "--allow-root DIR allows another folder",
            )
        ]
        assert list(archive.documents()) == []


def test_an_allowed_root_opens_its_folder_and_no_other(tmp_path: Path) -> None:
    inside = tmp_path / "project"
    write_document(inside / "files", 1)
    shared = write_document(tmp_path / "shared", 1)
    manifest = _manifest(inside, ["press,en,files/en.txt", f"press,de,{shared / 'de.txt'}"])
    with Archive(tmp_path / "a", create=True) as archive:
        summary = archive.add([str(manifest)], executor="serial", roots=[str(shared)])
        assert (len(summary.added), summary.failed) == (1, [])
        (document,) = archive.documents()
    assert document.langs == ("de", "en")
    # through the command line, and /etc stays closed
    manifest = _manifest(inside, ["letter,en,files/en.txt", "letter,de,/etc/hostname"])
    code = main(
        [
            "archive",
            "add",
            str(manifest),
            "--executor",
            "serial",
            "--allow-root",
            str(shared),
            "--archive",
            str(tmp_path / "a"),
        ]  # fmt: skip
    )
    assert code == 1


def test_a_device_named_by_a_manifest_is_refused_at_once(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write_document(tmp_path / "files", 1)
    manifest = _manifest(tmp_path, ["press,en,files/en.txt", "press,de,/dev/zero"])
    code = main(
        [
            "archive",
            "add",
            str(manifest),
            "--executor",
            "serial",
            "--allow-root",
            "/dev",
            "--archive",
            str(tmp_path / "a"),
        ]  # fmt: skip
    )
    assert code == 1
    err = capsys.readouterr().err
    assert "/dev/zero: is not a regular file (a device, a pipe or a socket)" in err


def test_a_pipe_in_the_manifests_folder_is_not_read(tmp_path: Path) -> None:
    write_document(tmp_path / "files", 1)
    os.mkfifo(tmp_path / "files" / "de.txt.fifo")
    manifest = _manifest(tmp_path, ["press,en,files/en.txt", "press,de,files/de.txt.fifo"])
    with Archive(tmp_path / "a", create=True) as archive:
        summary = archive.add([str(manifest)], executor="serial")
    assert summary.added == []
    assert "is not a regular file" in summary.failed[0][1]
