"""Adding documents in batches, resuming, checking and exporting an archive."""

from __future__ import annotations

import dataclasses
import hashlib
import shutil
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import pytest
from translate.storage.tmx import tmxfile

from aligner import edit
from aligner.archive import Archive
from aligner.archive import archive as archive_module
from aligner.cli import main
from aligner.errors import AlignerError
from aligner.tei import read_tei, write_tei
from exports.schemas import tmx_problems

from .conftest import write_document


def _tei_bytes(archive: Archive) -> dict[str, bytes]:
    return {path.parent.name: path.read_bytes() for path in archive.tei_files()}


@pytest.fixture(autouse=True)
def _fixed_clock(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1781136000")


def test_adding_the_same_sources_again_adds_nothing(corpus: Path, tmp_path: Path) -> None:
    with Archive(tmp_path / "a", create=True) as archive:
        first = archive.add([str(corpus)], executor="serial")
        assert (len(first.added), len(first.unchanged), first.failed) == (4, 0, [])
        files = _tei_bytes(archive)
        # the same bytes under other names are the same sources
        copy = write_document(tmp_path / "copy", 2)
        (copy / "en.txt").rename(copy / "statement.en.txt")
        again = archive.add([str(corpus), str(copy)], executor="serial")
        assert (again.added, len(again.unchanged), again.failed) == ([], 5, [])
        assert _tei_bytes(archive) == files


def test_one_failure_never_stops_the_batch(corpus: Path, tmp_path: Path) -> None:
    (corpus / "doc1" / "en.txt").write_bytes(b"")
    (corpus / "empty").mkdir()
    with Archive(tmp_path / "a", create=True) as archive:
        summary = archive.add([str(corpus), str(tmp_path / "nowhere")], executor="serial")
    assert len(summary.added) == 3
    reasons = [reason for _, reason in summary.failed]
    assert len(reasons) == 3
    assert any("doc1" in r and "en.txt: empty file" in r for r in reasons)
    assert any("empty: no files named by language" in r for r in reasons)
    assert any("nowhere: not found" in r for r in reasons)


def test_a_killed_batch_resumes_where_it_stopped(
    corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real_file = Archive._file
    filed: list[str] = []

    def file_then_die(self: Archive, outcome: archive_module.Outcome) -> None:
        if len(filed) == 2:
            raise KeyboardInterrupt
        real_file(self, outcome)
        filed.append(outcome.doc_id)

    monkeypatch.setattr(Archive, "_file", file_then_die)
    with Archive(tmp_path / "a", create=True) as archive, pytest.raises(KeyboardInterrupt):
        archive.add([str(corpus)], executor="serial")
    monkeypatch.setattr(Archive, "_file", real_file)
    with Archive(tmp_path / "a") as archive:
        summary = archive.add([str(corpus)], executor="serial")
        assert (len(summary.added), len(summary.unchanged)) == (2, 2)
        assert {d.id for d in archive.documents()} == set(filed) | set(summary.added)
        assert archive.check().ok


def test_the_lexicon_is_kept_and_reused(corpus: Path, tmp_path: Path) -> None:
    with Archive(tmp_path / "a", create=True) as archive:
        archive.add([str(corpus)], executor="serial")
        size = archive.index.lexicon_size()
        assert size > 0
        lexicon = archive.index.lexicons().get("de", "en")
        assert lexicon is not None
        assert "ministry" in lexicon.translations("ministerium")
        # a later batch adds to it
        write_document(tmp_path / "more" / "doc9", 9)
        archive.add([str(tmp_path / "more")], executor="serial")
        assert archive.index.lexicon_size() >= size


def test_the_stored_tei_reads_back_to_the_same_bytes(corpus: Path, tmp_path: Path) -> None:
    with Archive(tmp_path / "a", create=True) as archive:
        archive.add([str(corpus)], executor="serial")
        for path in archive.tei_files():
            data = path.read_bytes()
            assert write_tei(read_tei(data)) == data
            assert read_tei(data).created == "2026-06-11T00:00:00Z"


def test_process_workers_give_the_bytes_of_a_serial_run(corpus: Path, tmp_path: Path) -> None:
    with Archive(tmp_path / "serial", create=True) as archive:
        archive.add([str(corpus)], executor="serial")
        serial = _tei_bytes(archive)
    with Archive(tmp_path / "parallel", create=True) as archive:
        archive.add([str(corpus)], executor="processes:2")
        assert _tei_bytes(archive) == serial


def test_a_dask_cluster_gives_the_bytes_of_a_serial_run(corpus: Path, tmp_path: Path) -> None:
    distributed = pytest.importorskip("distributed")
    with Archive(tmp_path / "serial", create=True) as archive:
        archive.add([str(corpus)], executor="serial")
        serial = _tei_bytes(archive)
    with (
        distributed.LocalCluster(
            n_workers=2, threads_per_worker=1, processes=False, dashboard_address=None
        ) as cluster,
        distributed.Client(cluster) as client,
        Archive(tmp_path / "dask", create=True) as archive,
    ):
        summary = archive.add([str(corpus)], executor=client)
        assert len(summary.added) == 4
        assert _tei_bytes(archive) == serial
        # the lexicon does not depend on the order in which documents finished
        with Archive(tmp_path / "serial") as serial_archive:
            assert _lexicon_rows(archive) == _lexicon_rows(serial_archive)


def _lexicon_rows(archive: Archive) -> list[tuple[object, ...]]:
    return list(archive.index._db.execute("SELECT * FROM lexicon ORDER BY 1, 2, 3, 4"))


def test_an_archive_of_flat_files_moves_into_the_store(corpus: Path, tmp_path: Path) -> None:
    with Archive(tmp_path / "a", create=True) as archive:
        archive.add([str(corpus)], executor="serial")
        hits = archive.search("Tarvel")
        # as archives were kept before revisions, with ids not made from the sources
        old_ids = []
        for n, path in enumerate(archive.tei_files()):
            old_ids.append(f"doc-{n:016x}")
            flat = archive.root / "documents" / "00" / f"{old_ids[-1]}.xml"
            flat.parent.mkdir(exist_ok=True)
            flat.write_bytes(write_tei(replace(read_tei(path.read_bytes()), id=old_ids[-1])))
            shutil.rmtree(path.parent)
        with archive.index.transaction():
            archive.index.clear()

    with Archive(tmp_path / "a") as archive:
        assert [path.parent.name for path in archive.tei_files()] == old_ids
        assert [d.id for d in archive.documents()] == old_ids
        assert len(archive.search("Tarvel")) == len(hits)
        assert archive.check().ok
        assert not list((archive.root / "documents").glob("??/*.xml"))
        assert archive.add([str(corpus)], executor="serial").added == []


def test_check_finds_changed_missing_unindexed_and_invalid_files(
    corpus: Path, tmp_path: Path
) -> None:
    with Archive(tmp_path / "a", create=True) as archive:
        archive.add([str(corpus)], executor="serial")
        assert archive.check().ok
        first, second, third, _ = archive.tei_files()
        data = first.read_bytes()
        first.write_bytes(data.replace(b"Tarvel", b"Tarwel", 1))  # still valid, but changed
        second.unlink()
        stray = archive.store.root / "doc-0000000000000000" / "1.xml"
        shutil.copytree(third.parent, stray.parent)  # a document the index has not seen
        stray.write_bytes(third.read_bytes().replace(b'target="#', b'target="#x', 1))
        report = archive.check()
    assert report.checked == 4
    assert report.changed == [first.relative_to(archive.root).as_posix()]
    assert report.missing == [second.relative_to(archive.root).as_posix()]
    assert report.unindexed == [stray.relative_to(archive.root).as_posix()]
    assert report.invalid
    assert all(p.startswith(report.unindexed[0]) for p in report.invalid)


def test_export_makes_one_memory_from_the_whole_archive(corpus: Path, tmp_path: Path) -> None:
    with Archive(tmp_path / "a", create=True) as archive:
        archive.add([str(corpus)], executor="serial")
        sentences = sum(
            1 for doc in archive.documents() for bead in doc.sentences.beads if len(bead.langs) >= 2
        )
        units, notes = archive.export_tmx(tmp_path / "all.tmx")
        pair_units, _ = archive.export_tmx(tmp_path / "de-ru.tmx", pair=("de", "ru"))
    data = (tmp_path / "all.tmx").read_bytes()
    assert not tmx_problems(data)
    assert units == sentences
    assert len(tmxfile(data).units) == units
    pair_data = (tmp_path / "de-ru.tmx").read_bytes()
    assert not tmx_problems(pair_data)
    memory = tmxfile(pair_data, "de", "ru")
    assert len(memory.units) == pair_units
    pairs = {(unit.source, unit.target) for unit in memory.units}
    assert (
        "Am Abend wurde ein Tannenbaum im Hof aufgestellt.",
        "Вечером во дворе поставили ёлку.",
    ) in pairs
    assert 0 < pair_units <= units
    assert notes == []


def test_an_unwritable_export_leaves_nothing(corpus: Path, tmp_path: Path) -> None:
    with Archive(tmp_path / "a", create=True) as archive:
        archive.add([str(corpus)], executor="serial")
        with pytest.raises(AlignerError, match="cannot write"):
            archive.export_tmx(tmp_path / "no" / "such" / "folder" / "x.tmx")
    assert not list(tmp_path.glob("**/*.tmp"))


def test_no_archive_is_one_clear_error(tmp_path: Path) -> None:
    with pytest.raises(AlignerError, match="no archive here"):
        Archive(tmp_path)


def test_manifests_name_documents_row_by_row(tmp_path: Path) -> None:
    folder = write_document(tmp_path / "files", 3)
    manifest = tmp_path / "manifest.csv"
    manifest.write_text(
        "doc,lang,source\n"
        f"press-1,de,{folder / 'de.txt'}\n"
        "press-1,ru,files/ru.txt\n"
        "press-2,de,files/de.txt\n"
        "broken\n",
        encoding="utf-8",
    )
    with Archive(tmp_path / "a", create=True) as archive:
        summary = archive.add([str(manifest)], executor="serial")
        assert summary.added == []
        assert summary.failed[0][1].endswith(
            "row 4: expected three columns: doc, lang, path or URL"
        )
        manifest.write_text(manifest.read_text("utf-8").replace("broken\n", ""), "utf-8")
        summary = archive.add([str(manifest)], executor="serial")
        assert len(summary.added) == 1
        assert "need at least two language versions" in summary.failed[0][1]
        (doc,) = archive.documents()
        assert doc.langs == ("de", "ru")
        digest = hashlib.sha256((folder / "ru.txt").read_bytes()).hexdigest()
        assert doc.version("ru").source.sha256 == digest


def test_progress_is_told_the_total_and_every_document(corpus: Path, tmp_path: Path) -> None:
    (corpus / "doc3" / "de.txt").write_bytes(b"")
    told: list[int] = []

    def progress(total: int) -> Callable[[int], None]:
        told.append(total)
        return told.append

    with Archive(tmp_path / "a", create=True) as archive:
        archive.add([str(corpus)], executor="serial", progress=progress)
        archive.add([str(corpus)], executor="serial", progress=progress)
    assert told == [4, 1, 1, 1, 1, 4, 1, 1, 1, 1]


def test_the_cli_reaches_a_dask_scheduler_by_address(corpus: Path, tmp_path: Path) -> None:
    distributed = pytest.importorskip("distributed")
    with distributed.LocalCluster(
        n_workers=1,
        threads_per_worker=1,
        processes=False,
        protocol="tcp",
        host="127.0.0.1",
        dashboard_address=None,
    ) as cluster:
        address = cluster.scheduler_address.removeprefix("tcp://")
        code = main(
            [
                "archive",
                "add",
                str(corpus),
                "--archive",
                str(tmp_path / "a"),
                "--executor",
                f"dask://{address}",
            ]
        )
    assert code == 0
    with Archive(tmp_path / "a") as archive:
        assert len(archive.tei_files()) == 4


def test_a_reviewed_tei_is_the_next_revision_of_its_document(corpus: Path, tmp_path: Path) -> None:
    with Archive(tmp_path / "a", create=True) as archive:
        archive.add([str(corpus)], executor="serial")
        path = archive.tei_files()[0]
        stored = path.read_bytes()
        document = read_tei(stored)
        # a reviewer confirmed the first bead and sends the TEI back
        reviewed = edit.confirm(document, "al.p1", editor=edit.editor("Rita Reviewer"))
        copy = tmp_path / "reviewed.xml"
        copy.write_bytes(write_tei(reviewed, base=stored))
        summary = archive.add([str(copy)], executor="serial")
        assert (summary.added, summary.revised, summary.failed) == ([], [str(copy)], [])
        assert summary.lines()[0] == "added 0, revised 1, unchanged 0, failed 0"
        # the reviewed TEI is the document's revision 2; revision 1 is kept
        assert archive.tei_files()[0] == path.with_name("2.xml")
        assert path.read_bytes() == stored
        again = read_tei(path.with_name("2.xml").read_bytes())
        assert again.id == document.id
        assert again.paragraphs.beads[0].status == "manual"
        assert len(again.changes) == len(document.changes) + 1
        report = archive.check()
        assert (report.invalid, report.changed, report.missing) == ([], [], [])
        # the same file again changes nothing; one made from the old revision conflicts
        assert archive.add([str(copy)], executor="serial").unchanged == [str(copy)]
        late = tmp_path / "late.xml"
        other = edit.merge(document, "al.p1", editor=edit.editor("Paul"))
        late.write_bytes(write_tei(other, base=stored))
        (failed,) = archive.add([str(late)], executor="serial").failed
        assert "it was made from an earlier revision of document" in failed[1]
        # a TEI of a document the archive does not hold is refused, not aligned
        stranger = tmp_path / "stranger.xml"
        stranger.write_bytes(write_tei(dataclasses.replace(document, id="doc-elsewhere")))
        (failed,) = archive.add([str(stranger)], executor="serial").failed
        assert "which the archive does not hold" in failed[1]
