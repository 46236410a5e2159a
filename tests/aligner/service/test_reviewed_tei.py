"""A reviewed TEI uploaded to the service is the next revision of its document (issue 22)."""

from __future__ import annotations

import io
from dataclasses import replace
from typing import Any

import pytest
from fastapi.testclient import TestClient
from openpyxl import load_workbook
from openpyxl.worksheet.worksheet import Worksheet

from aligner import edit
from aligner.review import import_review
from aligner.tei import read_tei, tei_problems, write_tei
from exports import ExportOptions, render

PROBLEM = "application/problem+json"
EDITOR = edit.editor("Rita Reviewer")


def _upload(client: TestClient, data: bytes, name: str = "doc.tei.xml") -> Any:
    return client.post("/documents", files=[("files", (name, data, "application/tei+xml"))])


def _reviewed(tei: bytes) -> bytes:
    """Confirm bead 2 in the XLSX, import it, and write the TEI the reviewer sends back."""
    document = read_tei(tei)
    (output,) = render([document], "xlsx", ExportOptions()).outputs
    book = load_workbook(io.BytesIO(output.data))
    sheet = book.active
    assert isinstance(sheet, Worksheet)
    header = [c.value for c in sheet[1]]
    row = next(r for r in range(2, sheet.max_row + 1) if sheet.cell(r, 1).value == "al.p2")
    sheet.cell(row, header.index("status") + 1).value = "confirmed"
    out = io.BytesIO()
    book.save(out)
    imported, _ = import_review(document, out.getvalue(), path="r.xlsx", editor=EDITOR)
    return write_tei(imported, base=tei)


def test_a_reviewed_tei_becomes_the_next_revision_of_its_document(
    client: TestClient, seeded: str
) -> None:
    tei = client.get(f"/documents/{seeded}/tei").content
    reviewed = _reviewed(tei)
    response = _upload(client, reviewed)
    assert response.status_code == 200, response.text
    assert response.json()["id"] == seeded
    assert response.json()["revision"] == 2
    assert response.headers["ETag"] == '"rev2"'
    assert [d["id"] for d in client.get("/documents").json()] == [seeded]  # no new document
    revisions = client.get(f"/documents/{seeded}/revisions").json()
    assert revisions[1]["summary"] == (
        "Uploaded the reviewed TEI doc.tei.xml. Review table r.xlsx, row 3 (al.p2): confirmed."
    )
    assert revisions[1]["who"] == EDITOR.id
    stored = client.get(f"/documents/{seeded}/tei").content
    assert tei_problems(stored) == []
    assert read_tei(stored).paragraphs.beads[1].status == "manual"
    # the same file again stores nothing new
    again = _upload(client, reviewed)
    assert again.status_code == 200
    assert again.json()["revision"] == 2


def _problem(response: Any, name: str = "doc.tei.xml") -> str:
    assert response.status_code == 409, response.text
    assert response.headers["content-type"].startswith(PROBLEM)
    body = response.json()
    assert body["type"] == "/problems/revision-conflict"
    assert body["file"] == name
    detail: str = body["detail"]
    return detail


def test_a_tei_made_from_an_earlier_revision_is_refused(client: TestClient, seeded: str) -> None:
    first = client.get(f"/documents/{seeded}/tei").content
    assert _upload(client, _reviewed(first)).status_code == 200
    # a second reviewer worked on revision 1 too, and merged two beads
    other = edit.merge(read_tei(first), "al.p5", editor=edit.editor("Paul"))
    detail = _problem(_upload(client, write_tei(other, base=first), "paul.tei.xml"), "paul.tei.xml")
    assert detail.startswith(f"it was made from an earlier revision of document {seeded}")
    assert "lacks change 2 ('Review table r.xlsx, row 3 (al.p2): confirmed.')" in detail
    assert client.get(f"/documents/{seeded}/revisions").json()[-1]["n"] == 2


@pytest.mark.parametrize(
    ("change", "said"),
    [
        (lambda d: replace(d, uuid="00000000-0000-4000-8000-000000000000"), "another uuid"),
        (
            lambda d: replace(
                d,
                versions=tuple(
                    replace(v, blocks=(replace(v.blocks[0], text="Anders."), *v.blocks[1:]))
                    if v.lang == "de"
                    else v
                    for v in d.versions
                ),
            ),
            "its de text differs from document",
        ),
    ],
)
def test_a_tei_of_another_document_with_the_same_id_is_refused(
    client: TestClient, seeded: str, change: Any, said: str
) -> None:
    tei = client.get(f"/documents/{seeded}/tei").content
    detail = _problem(_upload(client, write_tei(change(read_tei(tei)))))
    assert said in detail
    assert len(client.get(f"/documents/{seeded}/revisions").json()) == 1
