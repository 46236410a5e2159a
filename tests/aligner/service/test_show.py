"""A reviewer's session on a five-language document, in Chromium, against the same edits
made through the API (issue 22's Show).

Open the page, search and see the hit marked, cut a sentence, join it again, move a
sentence across paragraph beads, undo twice, redo once, confirm, download the XLSX, edit it
with openpyxl and import it: the TEI that comes out is the TEI the API makes of the same
edits.
"""

from __future__ import annotations

import io
import urllib.parse
from pathlib import Path
from typing import Any

import httpx
import openpyxl
from fastapi.testclient import TestClient
from lxml import etree
from playwright.sync_api import expect

from aligner.edit import editor
from aligner.model import Document
from aligner.review import import_review
from aligner.service import create_app
from aligner.tei import read_tei, write_tei
from tests.aligner.service.test_page import _page, _seed, _shot, browser, server  # noqa: F401

EDITOR = "Anna Beispiel"
TEI = "{http://www.tei-c.org/ns/1.0}"
SENTENCE = "Am 14. März 2026 beginnt die Konferenz."
AT = SENTENCE.index("beginnt")  # the second part begins after "2026 "


def _confirm_in_xlsx(data: bytes, bead: str) -> bytes:
    """Write "confirmed" in the status column of ``bead``'s row, as a reviewer would."""
    book = openpyxl.load_workbook(io.BytesIO(data))
    sheet = book.active
    assert sheet is not None
    header = [cell.value for cell in sheet[1]]
    status, bead_col = header.index("status") + 1, header.index("bead") + 1
    row = next(r for r in range(2, sheet.max_row + 1) if sheet.cell(r, bead_col).value == bead)
    sheet.cell(row, status).value = "confirmed"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _aligned_parts(document: Document) -> list[bytes]:
    """Return the texts and the alignment of a document's TEI, canonical (no history)."""
    root = etree.fromstring(write_tei(document))
    parts = [root.find(f"{TEI}text"), root.find(f"{TEI}standOff")]
    return [etree.tostring(part) for part in parts if part is not None]


def _through_the_api(store_dir: Path, document: Document) -> tuple[Document, bytes]:
    """Make the session's edits through the HTTP API; return the document and its XLSX."""
    app = create_app(store_dir)
    with TestClient(app, base_url="http://127.0.0.1:8000") as client:
        doc_id = _seed(store_dir, document)
        said = {"X-Editor": urllib.parse.quote(EDITOR)}

        def patch(rev: int, op: dict[str, Any]) -> None:
            answer = client.patch(
                f"/documents/{doc_id}/alignment",
                json=[{"level": "sentence", **op}],
                headers={**said, "If-Match": f'"rev{rev}"'},
            )
            assert answer.status_code == 200, answer.text

        def step(rev: int, action: str) -> None:
            answer = client.post(
                f"/documents/{doc_id}/{action}", headers={**said, "If-Match": f'"rev{rev}"'}
            )
            assert answer.status_code == 200, answer.text

        patch(1, {"op": "split-sentence", "bead": "al.s1", "sentence": "de.p1.s1", "at": AT})
        patch(2, {"op": "join-sentences", "bead": "al.s1", "sentence": "de.p1.s1"})
        patch(3, {"op": "move", "bead": "al.s3", "lang": "en", "direction": "prev"})
        step(4, "undo")
        step(5, "undo")
        step(6, "redo")
        patch(7, {"op": "confirm", "bead": "al.s1"})
        tei = client.get(f"/documents/{doc_id}/tei").content
        xlsx = client.get(f"/documents/{doc_id}/export?to=xlsx&level=paragraph").content
    return read_tei(tei), xlsx


def test_a_reviewers_session_in_the_page_ends_where_the_api_does(
    server: tuple[str, Path],  # noqa: F811
    browser: Any,  # noqa: F811
    document: Document,
    tmp_path: Path,
) -> None:
    base, store_dir = server
    doc_id = _seed(store_dir, document)
    page, _requests = _page(browser)
    page.goto(f"{base}/")
    page.fill("#editor", EDITOR)
    page.press("#editor", "Tab")

    # search, and see the word found marked
    page.fill("#search", "Gäste")
    page.press("#search", "Enter")
    expect(page.locator("#search-results mark").first).to_have_text("Gäste")
    _shot(page, "show-search.png")
    page.click(f"#search-results a[href^='#/doc/{doc_id}?']")
    page.wait_for_selector("#grid tbody tr.bead")
    # the hit opens at its level, the sentences, marked in its column alone
    expect(page.locator("#grid td[data-lang=de] .search-hit mark")).to_have_text("Gäste")
    assert page.locator("input[name=level][value=sentence]").is_checked()
    assert page.locator("#grid .search-hit").count() == 1

    def item(bead: str, lang: str) -> Any:
        return page.locator(f"#grid tbody tr[data-bead='{bead}'] td[data-lang={lang}] .item")

    def revision(n: int) -> None:
        expect(page.locator("#doc-rev")).to_have_text(f"revision {n}", timeout=60000)
        # and the page is done with it: the next key is not taken while it is busy
        expect(page.locator(".actions button[data-action=undo]")).to_be_enabled()

    # cut the first German sentence after "2026", in the dialog, by keyboard
    item("al.s1", "de").first.click()
    page.keyboard.press("x")
    page.locator("#cut-text").evaluate(f"input => input.setSelectionRange({AT}, {AT})")
    page.keyboard.press("Enter")
    revision(2)
    expect(item("al.s1", "de")).to_have_count(2)
    _shot(page, "show-cut.png")
    # join it again
    item("al.s1", "de").first.click()
    page.keyboard.press("J")
    revision(3)
    expect(item("al.s1", "de")).to_have_count(1)
    expect(item("al.s1", "de")).to_contain_text(SENTENCE)
    # move the English sentence that opens paragraph bead 3 up, into paragraph bead 2
    item("al.s3", "en").first.click()
    page.keyboard.press("ArrowUp")
    revision(4)
    expect(item("al.s2", "en")).to_have_count(2)
    # undo twice (the move, the join), redo once (the join)
    page.keyboard.press("z")
    revision(5)
    page.keyboard.press("z")
    revision(6)
    expect(item("al.s1", "de")).to_have_count(2)
    page.keyboard.press("y")
    revision(7)
    expect(item("al.s1", "de")).to_have_count(1)
    expect(item("al.s2", "en")).to_have_count(1)
    # confirm the sentence bead
    item("al.s1", "de").first.click()
    page.keyboard.press("c")
    revision(8)
    _shot(page, "show-confirmed.png")

    # the paragraph-level XLSX, edited with openpyxl and imported
    page.keyboard.press("p")
    with page.expect_download() as caught:
        page.click("#downloads a[data-format=xlsx]")
    saved = tmp_path / "review.xlsx"
    caught.value.save_as(str(saved))
    assert page.errors == []

    person = editor(EDITOR)
    stored = read_tei(httpx.get(f"{base}/documents/{doc_id}/tei", timeout=60).content)
    reviewed = _confirm_in_xlsx(saved.read_bytes(), "al.p2")
    by_page, said = import_review(stored, reviewed, path="review.xlsx", editor=person)
    assert said == ("row 3 (al.p2): confirmed",)

    by_api, api_xlsx = _through_the_api(tmp_path / "api-store", document)
    by_api, _ = import_review(
        by_api, _confirm_in_xlsx(api_xlsx, "al.p2"), path="review.xlsx", editor=person
    )
    assert _aligned_parts(by_page) == _aligned_parts(by_api)
    assert by_page.version("de").block("de.p1").sentences[0].text == SENTENCE
    assert [b.status for b in by_page.paragraphs.beads[:2]] == ["auto", "manual"]
