"""Revision summaries (issue 11, point 6): every PATCH says in the revision list what changed."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from aligner.edit import confirm, editor
from aligner.store import Store


def _patch(client: TestClient, doc_id: str, ops: list[dict[str, Any]], rev: int) -> Any:
    headers = {"If-Match": f'"rev{rev}"', "X-Editor": "Anna"}
    return client.patch(f"/documents/{doc_id}/alignment", json=ops, headers=headers)


@pytest.mark.parametrize(
    ("op", "summary"),
    [
        ({"op": "merge", "bead": "al.p3"}, "Merged paragraph beads al.p3 and al.p4."),
        ({"op": "split", "bead": "al.p3", "lang": "de", "at": "de.p3"},
         "Split paragraph bead al.p3 at de.p3."),
        ({"op": "move", "bead": "al.p4", "lang": "de", "direction": "prev"},
         "Moved de.p4 from al.p4 to al.p3."),
        ({"op": "unalign", "bead": "al.p2", "item": "es.p1"}, "Unaligned es.p1 from al.p2."),
        ({"op": "confirm", "bead": "al.p1"}, "Confirmed paragraph bead al.p1."),
        ({"op": "merge", "bead": "al.s1", "level": "sentence"},
         "Merged sentence beads al.s1 and al.s2."),
    ],
)  # fmt: skip
def test_each_kind_of_correction_names_what_it_changed(
    client: TestClient, seeded: str, op: dict[str, Any], summary: str
) -> None:
    response = _patch(client, seeded, [op], rev=1)
    assert response.status_code == 200, response.text
    revisions = client.get(f"/documents/{seeded}/revisions").json()
    assert [(r["n"], r["summary"]) for r in revisions] == [(1, "Created."), (2, summary)]
    assert revisions[1]["who"] == editor("Anna").id


def test_several_operations_are_summarised_in_order(client: TestClient, seeded: str) -> None:
    ops = [{"op": "merge", "bead": "al.p3"}, {"op": "confirm", "bead": "al.p3"}]
    assert _patch(client, seeded, ops, rev=1).status_code == 200
    realigned = client.post(f"/documents/{seeded}/realign", headers={"If-Match": '"rev2"'})
    assert realigned.status_code == 200
    summaries = [r["summary"] for r in client.get(f"/documents/{seeded}/revisions").json()]
    assert summaries == [
        "Created.",
        "Merged paragraph beads al.p3 and al.p4. Confirmed paragraph bead al.p3.",
        "Re-aligned.",
    ]


def test_the_store_summarises_any_change_from_the_document_history(
    store_dir: Path, seeded: str
) -> None:
    store = Store(store_dir)
    anna = editor("Anna")
    store.update(seeded, lambda d: confirm(d, "al.p2", editor=anna), expected=1, who=anna.id)
    assert store.summary(seeded).revisions[-1].summary == "Confirmed paragraph bead al.p2."
