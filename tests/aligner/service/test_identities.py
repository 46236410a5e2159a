"""Who edited, and what a title or a file name shows: no direction overrides, no merges."""

from __future__ import annotations

import urllib.parse
from dataclasses import replace
from pathlib import Path
from typing import Any

from fastapi.testclient import TestClient

from aligner import edit
from aligner.model import Document
from aligner.store import Store

_BIDI = ("\u202e", "\u202b", "\u2066", "\u2067", "\u200f", "\u061c")


def _confirm(client: TestClient, doc_id: str, bead: str, rev: int, name: str) -> Any:
    body = {"editor": name, "operations": [{"op": "confirm", "bead": bead}]}
    answer = client.patch(
        f"/documents/{doc_id}/alignment", json=body, headers={"If-Match": f'"rev{rev}"'}
    )
    assert answer.status_code == 200, answer.text
    return answer.json()


def test_editors_are_told_apart_and_shown_without_controls(client: TestClient, seeded: str) -> None:
    _confirm(client, seeded, "al.p1", 1, "\u202eAnna Müller")
    _confirm(client, seeded, "al.p2", 2, "ANNA  MULLER")
    body = _confirm(client, seeded, "al.p3", 3, "Anna Müller")
    names = {e["name"]: e["id"] for e in body["editors"]}
    assert sorted(names) == ["ANNA MULLER", "Anna Müller"]
    assert len(set(names.values())) == 2
    resp = {p["id"]: p["resp"] for p in body["paragraphs"]}
    # the first and the third edit are one person's; the second is another's
    assert resp["al.p1"] == resp["al.p3"] == names["Anna Müller"]
    assert resp["al.p2"] == names["ANNA MULLER"]
    who = [r["who"] for r in client.get(f"/documents/{seeded}/revisions").json()]
    assert who[1:] == [names["Anna Müller"], names["ANNA MULLER"], names["Anna Müller"]]


def test_an_editor_header_with_controls_is_shown_plain(client: TestClient, seeded: str) -> None:
    answer = client.patch(
        f"/documents/{seeded}/alignment",
        json=[{"op": "confirm", "bead": "al.p1"}],
        headers={
            "If-Match": '"rev1"',
            "X-Editor": urllib.parse.quote("Olga\u2067 Petrova\u2069\u200b"),
        },
    )
    assert answer.status_code == 200
    assert answer.json()["editors"] == [
        {"id": edit.editor("Olga Petrova").id, "name": "Olga Petrova"}
    ]


def test_titles_and_download_names_lose_their_direction_controls(
    client: TestClient, store_dir: Path, document: Document
) -> None:
    versions = tuple(
        replace(v, title="\u202eexe.\u202c Harbour\u2066 report\u2069") for v in document.versions
    )
    doc_id, _ = Store(store_dir).create("3" * 64, lambda: replace(document, versions=versions),
                                        "app-aligner")  # fmt: skip
    listed = {s["id"]: s["title"] for s in client.get("/documents").json()}
    assert listed[doc_id] == "exe. Harbour report"
    assert client.get(f"/documents/{doc_id}").json()["title"] == "exe. Harbour report"
    for url in (f"/documents/{doc_id}/export?to=csv", f"/documents/{doc_id}/tei?download=true"):
        header = client.get(url).headers["content-disposition"]
        shown = urllib.parse.unquote(header)
        assert not any(mark in shown for mark in _BIDI), header
        assert "exe. Harbour report" in shown
