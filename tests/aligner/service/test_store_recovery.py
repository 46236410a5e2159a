"""Start-up recovery (issue 11, point 7): leftovers of interrupted writes go, nothing else."""

from __future__ import annotations

import logging
import os
import threading
import time
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from aligner.edit import confirm, editor
from aligner.model import Document
from aligner.service import create_app
from aligner.store import Store

KEY = "b" * 64
ANNA = editor("Anna")


def _stored(root: Path, document: Document) -> tuple[Store, str]:
    store = Store(root)
    doc_id, _ = store.create(KEY, lambda: document, "app-aligner")
    store.update(doc_id, lambda d: confirm(d, "al.p1", editor=ANNA), expected=1, who=ANNA.id,
                 summary="Confirmed al.p1.")  # fmt: skip
    return store, doc_id


def _everything(root: Path) -> set[str]:
    return {str(p.relative_to(root)) for p in root.rglob("*")}


def test_leftovers_of_every_kind_are_removed_and_logged(
    tmp_path: Path, document: Document, caplog: pytest.LogCaptureFixture
) -> None:
    store, doc_id = _stored(tmp_path, document)
    before = _everything(tmp_path)
    folder = tmp_path / doc_id
    # what a kill -9 leaves at each step of create, update and delete
    (folder / ".3.xml.k2j4h1.tmp").write_bytes(b"<TEI")
    (folder / ".index.json.a8d7f6.tmp").write_text("{")
    (folder / "3.xml").write_bytes((folder / "2.xml").read_bytes())  # written, never indexed
    (tmp_path / ".new-doc-0123456789abcdef-x1y2z3w4").mkdir()
    (tmp_path / ".new-doc-0123456789abcdef-x1y2z3w4" / "1.xml").write_bytes(b"<TEI/>")
    (tmp_path / ".gone-doc-fedcba9876543210-q1w2e3r4" / "doc-fedcba9876543210").mkdir(parents=True)
    (tmp_path / ".new-legacy1").mkdir()  # named before the id was part of the name
    (tmp_path / ".doc-fedcba9876543210.lock").touch()  # the lock of a deleted document

    with caplog.at_level(logging.INFO, logger="aligner.store"):
        removed = Store(tmp_path).recover()

    assert sorted(removed) == sorted(
        [
            f"{doc_id}/.3.xml.k2j4h1.tmp",
            f"{doc_id}/.index.json.a8d7f6.tmp",
            f"{doc_id}/3.xml",
            ".new-doc-0123456789abcdef-x1y2z3w4/",
            ".gone-doc-fedcba9876543210-q1w2e3r4/",
            ".new-legacy1/",
            ".doc-fedcba9876543210.lock",
        ]
    )
    assert _everything(tmp_path) == before
    assert len([r for r in caplog.records if "interrupted write" in r.getMessage()]) == 7
    loaded, _data, n = store.load(doc_id)
    assert n == 2
    assert loaded.paragraphs.beads[0].status == "manual"
    assert Store(tmp_path).recover() == []


def test_a_folder_that_is_not_a_document_is_left_alone(tmp_path: Path, document: Document) -> None:
    _stored(tmp_path, document)
    stranger = tmp_path / "notes"
    stranger.mkdir()
    (stranger / "1.xml").write_text("mine")
    (stranger / ".draft.tmp").write_text("mine too")
    assert Store(tmp_path).recover() == []
    assert (stranger / ".draft.tmp").exists()


def test_the_service_recovers_its_store_when_it_starts(tmp_path: Path, document: Document) -> None:
    _store, doc_id = _stored(tmp_path, document)
    leftover = tmp_path / doc_id / ".index.json.zz9zz9.tmp"
    leftover.write_text("{")
    app = create_app(tmp_path)
    assert leftover.exists()  # building the application recovers nothing
    with TestClient(app):  # starting it does
        assert not leftover.exists()


def test_recovery_waits_for_a_write_in_progress_and_takes_nothing_from_it(
    tmp_path: Path, document: Document
) -> None:
    store, doc_id = _stored(tmp_path, document)
    in_progress = tmp_path / doc_id / ".index.json.busy01.tmp"
    started = threading.Event()

    def slow_writer() -> None:
        with store.lock(doc_id):
            in_progress.write_text("{")
            started.set()
            time.sleep(0.3)
            os.replace(in_progress, tmp_path / doc_id / "index.json.bak")

    writer = threading.Thread(target=slow_writer)
    writer.start()
    started.wait()
    removed = Store(tmp_path).recover()  # another process starting on the same store
    writer.join()
    assert removed == []
    assert (tmp_path / doc_id / "index.json.bak").exists()


def test_a_deleted_document_leaves_no_lock_file(tmp_path: Path, document: Document) -> None:
    store, doc_id = _stored(tmp_path, document)
    store.delete(doc_id)
    assert _everything(tmp_path) == set()
    again, created = store.create(KEY, lambda: document, "app-aligner")
    assert created
    assert again == doc_id
