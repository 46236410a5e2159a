"""The document store: TEI files per revision, atomic, idempotent, locked."""

from __future__ import annotations

import json
import threading
from pathlib import Path

import pytest

from aligner.edit import confirm, editor
from aligner.model import Document
from aligner.store import NotFound, Stale, Store

KEY = "a" * 64
ANNA = editor("Anna")


def _store(root: Path) -> Store:
    return Store(root)


def test_a_created_document_reads_back_as_revision_one(tmp_path: Path, document: Document) -> None:
    store = _store(tmp_path)
    doc_id, created = store.create(KEY, lambda: document, "app-aligner")

    assert created
    loaded, data, n = store.load(doc_id)
    assert n == 1
    assert loaded.paragraphs == document.paragraphs
    assert data == (tmp_path / doc_id / "1.xml").read_bytes()
    summary = store.summary(doc_id)
    assert summary.languages == ("de", "en", "es", "ru", "fr")
    assert summary.title == "Statement on the water conference"
    assert [r.n for r in summary.revisions] == [1]
    assert [s.id for s in store.summaries()] == [doc_id]


def test_the_same_upload_key_returns_the_stored_document_without_building(
    tmp_path: Path, document: Document
) -> None:
    store = _store(tmp_path)
    first, _ = store.create(KEY, lambda: document, "app-aligner")

    def must_not_run() -> Document:
        raise AssertionError("built twice")

    again, created = store.create(KEY, must_not_run, "app-aligner")
    assert (again, created) == (first, False)
    assert [s.id for s in store.summaries()] == [first]


def test_each_update_is_a_new_revision_and_old_ones_stay(
    tmp_path: Path, document: Document
) -> None:
    store = _store(tmp_path)
    doc_id, _ = store.create(KEY, lambda: document, "app-aligner")

    updated, n = store.update(
        doc_id, lambda d: confirm(d, "al.p4", editor=ANNA), expected=1, who=ANNA.id, summary="x"
    )

    assert n == 2
    assert store.load(doc_id)[0].paragraphs.beads[3].status == "manual"
    assert store.load(doc_id, 1)[0].paragraphs.beads[3].status == "auto"
    assert [r.who for r in store.summary(doc_id).revisions] == ["app-aligner", ANNA.id]
    # revision 2 was written over revision 1's bytes: the texts are kept byte for byte
    old, new = store.tei(doc_id, 1)[0], store.tei(doc_id, 2)[0]
    assert (
        old[old.index(b"<text>") : old.index(b"<standOff")]
        == new[new.index(b"<text>") : new.index(b"<standOff")]
    )
    assert b"ed-anna" in new


def test_a_stale_revision_writes_nothing(tmp_path: Path, document: Document) -> None:
    store = _store(tmp_path)
    doc_id, _ = store.create(KEY, lambda: document, "app-aligner")
    store.update(doc_id, lambda d: d, expected=1, who="x", summary="")

    with pytest.raises(Stale) as caught:
        store.update(doc_id, lambda d: d, expected=1, who="x", summary="")
    assert caught.value.current == 2
    assert store.summary(doc_id).revision == 2
    assert not (tmp_path / doc_id / "3.xml").exists()


def test_a_failed_build_or_change_leaves_nothing_half_stored(
    tmp_path: Path, document: Document
) -> None:
    store = _store(tmp_path)

    def broken() -> Document:
        raise RuntimeError("aligner crashed")

    with pytest.raises(RuntimeError):
        store.create(KEY, broken, "app-aligner")
    assert store.summaries() == []
    assert [p.name for p in tmp_path.iterdir() if not p.name.startswith(".")] == []

    doc_id, _ = store.create(KEY, lambda: document, "app-aligner")

    def change(d: Document) -> Document:
        raise RuntimeError("edit crashed")

    with pytest.raises(RuntimeError):
        store.update(doc_id, change, expected=1, who="x", summary="")
    assert sorted(p.name for p in (tmp_path / doc_id).iterdir()) == ["1.xml", "index.json"]


def test_a_revision_file_the_index_does_not_list_is_ignored(
    tmp_path: Path, document: Document
) -> None:
    store = _store(tmp_path)
    doc_id, _ = store.create(KEY, lambda: document, "app-aligner")
    (tmp_path / doc_id / "2.xml").write_bytes(b"<half")  # a crash between the two writes

    with pytest.raises(NotFound):
        store.tei(doc_id, 2)
    _doc, n = store.update(doc_id, lambda d: d, expected=1, who="x", summary="")
    assert n == 2
    assert store.tei(doc_id, 2)[0].startswith(b"<?xml")


@pytest.mark.parametrize("bad", ["../etc", "..", ".hidden", "a/b", "a\\b", "", "x" * 200])
def test_unsafe_ids_are_not_found(tmp_path: Path, bad: str) -> None:
    store = _store(tmp_path)
    with pytest.raises(NotFound):
        store.summary(bad)
    with pytest.raises(NotFound):
        store.delete(bad)


def test_delete_removes_every_revision(tmp_path: Path, document: Document) -> None:
    store = _store(tmp_path)
    doc_id, _ = store.create(KEY, lambda: document, "app-aligner")
    store.delete(doc_id)

    assert not (tmp_path / doc_id).exists()
    with pytest.raises(NotFound):
        store.load(doc_id)
    # the upload is new again: the same files make the document once more
    assert store.create(KEY, lambda: document, "app-aligner") == (doc_id, True)


def test_concurrent_updates_are_serialised(tmp_path: Path, document: Document) -> None:
    store = _store(tmp_path)
    doc_id, _ = store.create(KEY, lambda: document, "app-aligner")
    errors: list[BaseException] = []

    def work(i: int) -> None:
        try:
            store.update(
                doc_id,
                lambda d: confirm(d, f"al.p{i + 1}", editor=ANNA, when="2026-03-11T10:00:00Z"),
                expected=None,
                who=ANNA.id,
                summary=f"confirm {i}",
            )
        except BaseException as exc:  # noqa: BLE001 - reported below
            errors.append(exc)

    threads = [threading.Thread(target=work, args=(i,)) for i in range(7)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()

    assert errors == []
    final, _data, n = store.load(doc_id)
    assert n == 8
    assert all(b.status == "manual" for b in final.paragraphs.beads)
    assert [c.n for c in final.changes] == list(range(1, 9))
    index = json.loads((tmp_path / doc_id / "index.json").read_text())
    assert [r["n"] for r in index["revisions"]] == list(range(1, 9))
