"""The side-by-side page in a real browser: Debian's Chromium driven by Playwright.

The server runs in a thread on 127.0.0.1 with a free port. Screenshots go to
``out/service/`` so a person can look at them.
"""

from __future__ import annotations

import os
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

from aligner.model import Document
from aligner.service import create_app
from aligner.service.security import Access
from aligner.store import Store
from languages.profiles import profile

CHROMIUM = Path("/usr/bin/chromium")
FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
TOKEN = "page-private-token-5d1f0c"  # the API token of the private service below
SHOTS = Path(__file__).resolve().parents[3] / "out" / "service"

pytestmark = pytest.mark.skipif(
    not CHROMIUM.exists(), reason="/usr/bin/chromium is absent (apt-get install -y chromium)"
)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


@pytest.fixture
def server(tmp_path: Path) -> Iterator[tuple[str, Path]]:
    """Run the service with uvicorn in a thread; yield its base URL and store folder."""
    store_dir = tmp_path / "store"
    for base in _serve(create_app(store_dir)):
        yield base, store_dir


def _serve(app: Any) -> Iterator[str]:
    """Run ``app`` with uvicorn in a thread on a free loopback port; yield its base URL."""
    import uvicorn

    port = _free_port()
    config = uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", lifespan="off")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started:
        if time.monotonic() > deadline:
            raise RuntimeError("uvicorn did not start")
        time.sleep(0.02)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)


@pytest.fixture
def private_server(tmp_path: Path) -> Iterator[tuple[str, Path]]:
    """Run the service as ``aligner serve --private --token TOKEN`` would, on loopback."""
    store_dir = tmp_path / "store"
    access = Access.for_bind("127.0.0.1", TOKEN, private=True)
    for base in _serve(create_app(store_dir, access=access)):
        yield base, store_dir


@pytest.fixture
def browser(tmp_path: Path) -> Iterator[Any]:
    """A fresh Chromium profile; every request the page makes is recorded on ``.requests``."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        context = p.chromium.launch_persistent_context(
            str(tmp_path / "profile"),
            executable_path=str(CHROMIUM),
            headless=True,
            args=FLAGS,
            accept_downloads=True,
            viewport={"width": 1280, "height": 900},
        )
        try:
            yield context
        finally:
            context.close()


def _page(browser: Any) -> tuple[Any, list[str]]:
    page = browser.pages[0] if browser.pages else browser.new_page()
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    # the service's Content-Security-Policy must not block anything the page does
    page.on("console", lambda m: errors.append(m.text) if "Security Policy" in m.text else None)
    page.errors = errors
    return page, requests


def _shot(page: Any, name: str) -> Path:
    SHOTS.mkdir(parents=True, exist_ok=True)
    path = SHOTS / name
    page.screenshot(path=str(path), full_page=True)
    return path


def _seed(store_dir: Path, document: Document) -> str:
    store = Store(store_dir)
    doc_id, _ = store.create("f" * 64, lambda: document, "app-aligner")
    return doc_id


def _written(folder: Path, files: list[tuple[str, bytes]]) -> list[str]:
    """Write (name, bytes) pairs into ``folder`` and return their paths, as the page takes them."""
    for name, data in files:
        (folder / name).write_bytes(data)
    return [str(folder / name) for name, _data in files]


def _open(server: tuple[str, Path], browser: Any, document: Document) -> Any:
    """Store ``document``, show it in the page and wait for its beads."""
    base, store_dir = server
    doc_id = _seed(store_dir, document)
    page, _requests = _page(browser)
    page.goto(f"{base}/#/doc/{doc_id}")
    page.wait_for_selector("#grid tbody tr.bead")
    return page


def test_a_translator_merges_confirms_reloads_and_downloads(
    server: tuple[str, Path], browser: Any, document: Document, tmp_path: Path
) -> None:
    base, store_dir = server
    doc_id = _seed(store_dir, document)
    page, requests = _page(browser)

    page.goto(f"{base}/")
    page.fill("#editor", "Anna Beispiel")
    page.press("#editor", "Tab")
    page.click(f"a[href='#/doc/{doc_id}']")
    page.wait_for_selector("#grid tbody tr.bead")

    headers = page.locator("#grid thead th").all_inner_texts()
    assert [h.split()[0] for h in headers[1:]] == ["DE", "EN", "ES", "RU", "FR"]
    assert "Русский" in headers[4]  # named as the exports name it
    assert page.locator("#grid tbody tr.bead").count() == 7
    p4 = page.locator("#grid tbody tr.bead").nth(3)
    assert "low" in (p4.get_attribute("class") or "")
    _shot(page, "view-1280.png")

    # merge al.p3 with al.p4 by keyboard, then confirm the merged bead
    page.locator("#grid tbody tr.bead").nth(2).locator("td[data-lang=de] .item").first.click()
    page.keyboard.press("m")
    expect(page.locator("#grid tbody tr.bead")).to_have_count(6, timeout=60000)
    page.keyboard.press("c")
    expect(page.locator("#doc-rev")).to_have_text("revision 3")

    page.reload()
    page.wait_for_selector("#grid tbody tr.bead")
    rows = page.locator("#grid tbody tr.bead")
    assert rows.count() == 6
    merged = rows.nth(2)
    assert "manual" in (merged.get_attribute("class") or "")
    assert merged.locator("td[data-lang=de] .item").count() == 3
    assert page.locator("#doc-rev").inner_text() == "revision 3"
    _shot(page, "view-after-merge.png")

    with page.expect_download() as caught:
        page.click("#downloads a[data-format=docx]")
    download = caught.value
    assert download.suggested_filename == "Statement on the water conference.docx"  # filename*
    saved = tmp_path / "export.docx"
    download.save_as(str(saved))
    import docx

    text = "\n".join(
        cell.text for table in docx.Document(str(saved)).tables for row in table.rows
        for cell in row.cells
    )  # fmt: skip
    # the words as stored; the print binds "12,5 млн" with a no-break space
    assert "Бюджет составляет 12,5 млн евро." in text.replace("\u00a0", " ")

    # arrows move a paragraph: the first German item of bead 4 goes up into bead 3
    rows.nth(3).locator("td[data-lang=de] .item").first.click()
    page.keyboard.press("ArrowUp")
    expect(page.locator("#doc-rev")).to_have_text("revision 4")
    moved_into = page.locator("#grid tbody tr.bead").nth(2).locator("td[data-lang=de] .item")
    expect(moved_into).to_have_count(4)  # waits for the grid, drawn after the revision

    # narrow window: the beads stack, one language under the other
    page.set_viewport_size({"width": 420, "height": 900})
    assert page.locator("#grid thead").evaluate("e => getComputedStyle(e).display") == "none"
    assert page.locator("#grid td").first.evaluate("e => getComputedStyle(e).display") == "block"
    _shot(page, "view-420.png")

    assert page.errors == []
    outside = [url for url in requests if not url.startswith(base)]
    assert outside == []


def test_languages_can_be_hidden_and_reordered(
    server: tuple[str, Path], browser: Any, document: Document
) -> None:
    page = _open(server, browser, document)

    page.click("button[aria-label='Move ru left']")
    page.uncheck(".chip[data-lang=es] input")

    expect(page.locator("#grid thead th")).to_have_count(5)
    headers = [h.split()[0] for h in page.locator("#grid thead th").all_inner_texts()[1:]]
    assert headers == ["DE", "EN", "RU", "FR"]
    href = page.locator("#downloads a[data-format=pdf]").get_attribute("href") or ""
    assert "langs=de%2Cen%2Cru%2Cfr" in href
    # the choice is remembered
    page.reload()
    page.wait_for_selector("#grid tbody tr.bead")
    headers = [h.split()[0] for h in page.locator("#grid thead th").all_inner_texts()[1:]]
    assert headers == ["DE", "EN", "RU", "FR"]


def test_a_correction_without_an_editor_name_asks_for_one(
    server: tuple[str, Path], browser: Any, document: Document
) -> None:
    page = _open(server, browser, document)

    page.locator("#grid tbody tr.bead").nth(1).click()
    page.keyboard.press("c")

    assert "Editor" in page.locator("#status").inner_text()
    assert page.locator("#doc-rev").inner_text() == "revision 1"


def test_five_uploaded_files_become_five_columns(
    server: tuple[str, Path], browser: Any, harbour: list[tuple[str, bytes]], tmp_path: Path
) -> None:
    base, _store_dir = server
    page, requests = _page(browser)
    files = _written(tmp_path, harbour)

    page.goto(f"{base}/")
    page.fill("#editor", "Anna Beispiel")
    page.set_input_files("#file-input", files)
    expect(page.locator(".lang-input")).to_have_count(5)  # once the server named them
    guessed = [x.input_value() for x in page.locator(".lang-input").all()]
    assert guessed == ["de", "en", "es", "fr", "ru"]
    names = page.locator(".lang-name").all_inner_texts()
    assert names == [profile(code).display_name for code in guessed]
    assert any("/languages/guess?filename=" in url for url in requests)
    _shot(page, "upload.png")
    page.click("#align-button")
    page.wait_for_selector("#grid tbody tr.bead", timeout=60_000)

    assert page.locator("#grid thead th").count() == 6
    assert page.locator("#grid tbody tr.bead").count() == 5
    _shot(page, "uploaded.png")
    page.locator("#grid tbody tr.bead").nth(1).click()
    page.keyboard.press("m")
    expect(page.locator("#grid tbody tr.bead")).to_have_count(4)
    page.reload()
    page.wait_for_selector("#grid tbody tr.bead")
    assert page.locator("#grid tbody tr.bead").count() == 4
    assert [u for u in requests if not u.startswith(base)] == []
    assert os.path.exists(SHOTS / "uploaded.png")


def test_a_typed_language_code_is_named_by_the_server(
    server: tuple[str, Path], browser: Any, harbour: list[tuple[str, bytes]], tmp_path: Path
) -> None:
    base, _store_dir = server
    page, _requests = _page(browser)
    # no language in the names
    files = _written(tmp_path, [(f"part{i}.txt", data) for i, (_n, data) in enumerate(harbour[:2])])
    page.goto(f"{base}/")
    page.set_input_files("#file-input", files)
    expect(page.locator(".lang-input")).to_have_count(2)
    assert page.locator(".lang-name").all_inner_texts() == ["guess from text"] * 2

    first, second = page.locator(".lang-input").all()
    first.fill("uk")
    name = page.locator(".lang-name").first
    expect(name).to_have_text(f"{profile('uk').display_name} (general rules only)")
    second.fill("xx")
    expect(page.locator(".lang-name").nth(1)).to_have_text("unknown language code")
    expect(page.locator("#align-button")).to_be_disabled()
    assert "xx" in page.locator("#upload-note").inner_text()
    second.fill("de")
    expect(page.locator(".lang-name").nth(1)).to_have_text("Deutsch")
    expect(page.locator("#align-button")).to_be_enabled()
    assert page.errors == []


def test_numbers_that_differ_between_versions_are_marked(
    server: tuple[str, Path], browser: Any, miscounted: Document
) -> None:
    page = _open(server, browser, miscounted)
    row = page.locator("#grid tbody tr.bead").nth(1)

    assert row.locator("td[data-lang=ru] mark.num").all_inner_texts() == ["210"]
    assert row.locator("td[data-lang=en] mark.num").all_inner_texts() == ["120"]
    # 14 and 2026 are written alike everywhere, 12,5 and 12.5 are the same number
    assert page.locator("#grid tbody tr.bead").nth(2).locator("mark.num").count() == 0


def test_hidden_languages_leave_the_beads_the_shown_ones_support(
    server: tuple[str, Path], browser: Any, merged: Document
) -> None:
    # English runs three paragraphs into one: German and French alone see them one by one
    page = _open(server, browser, merged)
    expect(page.locator("#grid tbody tr.bead")).to_have_count(2)

    page.uncheck(".chip[data-lang=en] input")

    rows = page.locator("#grid tbody tr.bead")
    expect(rows).to_have_count(4)
    assert rows.nth(2).locator("td[data-lang=de]").inner_text().endswith("Zwei.")
    assert rows.nth(2).locator("td[data-lang=fr]").inner_text().endswith("Deux.")
    assert page.errors == []


def test_a_run_some_shown_languages_lack_is_a_labelled_band(
    server: tuple[str, Path], browser: Any, document: Document
) -> None:
    page = _open(server, browser, document)

    band = page.locator("#grid tbody tr.band")
    expect(band).to_have_count(1)
    assert band.inner_text().startswith("No Spanish text for German paragraph 4 (3 words)")
    following = band.locator("xpath=following-sibling::tr[1]")
    assert "missing" in (following.get_attribute("class") or "")
    assert following.locator("th .n").inner_text() == "4"
    page.uncheck(".chip[data-lang=es] input")
    expect(band).to_have_count(0)
    _shot(page, "view-band.png")
    assert page.errors == []


def _answer_prompts(page: Any, answers: list[str | None]) -> list[str]:
    """Answer the page's prompts with ``answers`` in turn (None: cancel); return what they said."""
    said: list[str] = []

    def on_dialog(dialog: Any) -> None:
        said.append(dialog.message)
        answer = answers.pop(0) if answers else None
        if answer is None:
            dialog.dismiss()
        else:
            dialog.accept(answer)

    page.on("dialog", on_dialog)
    return said


def test_a_private_service_shows_nothing_to_a_page_without_its_token(
    private_server: tuple[str, Path], browser: Any, document: Document
) -> None:
    base, store_dir = private_server
    doc_id = _seed(store_dir, document)
    page, requests = _page(browser)
    said = _answer_prompts(page, [None, None])  # the reader does not know the token

    page.goto(f"{base}/")
    expect(page.locator("#status")).to_contain_text("private", timeout=30000)
    # the page itself loads and asks for the token before it reads anything
    assert said
    assert "API token to show its documents" in said[0]
    assert page.locator("#doc-list tbody tr").count() == 0
    page.goto(f"{base}/#/doc/{doc_id}")
    expect(page.locator("#status")).to_contain_text("private", timeout=30000)
    assert page.locator("#grid tbody tr.bead").count() == 0
    shown = page.locator("body").inner_text()
    assert "water conference" not in shown
    assert "Бюджет" not in shown
    # nor do the document's own addresses answer, typed or as a download link would ask
    for path in (f"/documents/{doc_id}", f"/documents/{doc_id}/export?to=docx", "/documents"):
        refused = browser.request.get(base + path)
        assert refused.status == 401, path
        assert "conference" not in refused.text()
    assert browser.cookies() == []
    assert page.evaluate("() => localStorage.getItem('aligner-api-token')") is None
    assert all(url.startswith(base) for url in requests)
    assert page.errors == []


def test_a_private_service_shows_its_documents_once_the_page_has_the_token(
    private_server: tuple[str, Path], browser: Any, document: Document, tmp_path: Path
) -> None:
    base, store_dir = private_server
    doc_id = _seed(store_dir, document)
    page, requests = _page(browser)
    said = _answer_prompts(page, ["a-guessed-token-000000", TOKEN])

    page.goto(f"{base}/")
    link = page.locator(f"a[href='#/doc/{doc_id}']")
    expect(link).to_have_text("Statement on the water conference", timeout=30000)
    # a wrong token is refused and asked for again; the right one is kept
    assert len(said) == 2
    assert all("to show its documents" in message for message in said)
    assert page.evaluate("() => localStorage.getItem('aligner-api-token')") == TOKEN
    (cookie,) = browser.cookies()
    kept = (cookie["name"], cookie["value"], cookie["sameSite"])
    assert kept == ("aligner-token", TOKEN, "Strict")

    page.fill("#editor", "Anna Beispiel")
    page.press("#editor", "Tab")
    link.click()
    page.wait_for_selector("#grid tbody tr.bead")
    assert page.locator("#grid tbody tr.bead").count() == 7
    # a download link carries the token as the cookie
    with page.expect_download() as caught:
        page.click("#downloads a[data-format=csv]")
    saved = tmp_path / "export.csv"
    caught.value.save_as(str(saved))
    assert "Бюджет составляет 12,5 млн евро." in saved.read_text(encoding="utf-8-sig")
    # a correction sends the token as a header
    page.locator("#grid tbody tr.bead").nth(1).click()
    page.keyboard.press("c")
    expect(page.locator("#doc-rev")).to_have_text("revision 2")
    # reloaded, the page asks no more
    page.reload()
    page.wait_for_selector("#grid tbody tr.bead")
    assert len(said) == 2
    # the token never travels in an address
    assert not [url for url in requests if TOKEN in url]
    assert page.errors == []


def test_on_a_private_service_the_cookie_alone_makes_no_change(
    private_server: tuple[str, Path], browser: Any, document: Document
) -> None:
    base, store_dir = private_server
    doc_id = _seed(store_dir, document)
    page, _requests = _page(browser)
    said = _answer_prompts(page, [TOKEN])
    page.goto(f"{base}/")
    page.fill("#editor", "Anna Beispiel")
    page.press("#editor", "Tab")
    page.goto(f"{base}/#/doc/{doc_id}")
    page.wait_for_selector("#grid tbody tr.bead")
    # the page forgets the token; the cookie stays (as another tab's would)
    page.evaluate("() => localStorage.removeItem('aligner-api-token')")
    assert [c["name"] for c in browser.cookies()] == ["aligner-token"]
    page.locator("#grid tbody tr.bead").nth(1).click()
    page.keyboard.press("c")  # refused with the cookie alone: the page asks; nobody answers
    expect(page.locator("#status")).to_contain_text("token", timeout=30000)
    assert len(said) == 2
    assert "API token to make changes" in said[1]
    assert page.locator("#doc-rev").inner_text() == "revision 1"
    assert Store(store_dir).summary(doc_id).revision == 1


def test_a_search_hit_is_marked_in_its_column_and_alone_in_its_paragraph(
    server: tuple[str, Path], browser: Any, document: Document
) -> None:
    base, store_dir = server
    doc_id = _seed(store_dir, document)
    page, _requests = _page(browser)
    page.goto(f"{base}/")
    page.fill("#search", "halls")
    page.press("#search", "Enter")
    expect(page.locator("#search-results li")).to_have_count(1)
    assert page.locator("#search-results dd.found mark").all_inner_texts() == ["halls"]

    # the hit opens at its level (a sentence), marked in the English column only
    page.click("#search-results .hit-head a")
    hit = page.locator("#grid .search-hit")
    expect(hit).to_have_count(1)
    assert page.locator("input[name=level][value=sentence]").is_checked()
    assert hit.inner_text() == "The city provides, e.g., three halls."
    assert hit.locator("mark").all_inner_texts() == ["halls"]
    assert page.locator("#grid td[data-lang=en] .search-hit").count() == 1
    assert page.locator("#grid td:not([data-lang=en]) mark:not(.num)").count() == 0
    assert page.locator("#grid tr.selected .search-hit").count() == 1

    # by paragraph, the sentence found is marked alone inside its paragraph
    page.locator("input[name=level][value=paragraph]").check()
    expect(page.locator("#grid tr.bead")).to_have_count(7)
    hit = page.locator("#grid .search-hit")
    expect(hit).to_have_count(1)
    assert hit.inner_text() == "The city provides, e.g., three halls."
    item = page.locator("#grid td[data-lang=en] .item", has=page.locator(".search-hit"))
    assert "The budget is 12.5 million euros." in item.inner_text()
    row = page.locator("#grid tr.bead", has=page.locator(".search-hit"))
    assert row.locator("td[data-lang=de] mark:not(.num), td[data-lang=de] .search-hit").count() == 0

    # a deep link marks its hit the same way
    (budget,) = [
        s.id for b in document.version("de").blocks for s in b.sentences if "Budget" in s.text
    ]
    page.goto(f"{base}/#/doc/{doc_id}?q=budget&unit={budget}&lang=de&level=paragraph")
    hit = page.locator("#grid td[data-lang=de] .search-hit")
    expect(hit).to_have_text("Das Budget beträgt 12,5 Millionen Euro.")
    assert hit.locator("mark").all_inner_texts() == ["Budget"]
    assert page.locator("#grid .search-hit").count() == 1
    assert page.locator("#grid td:not([data-lang=de]) mark:not(.num)").count() == 0
    _shot(page, "search-hit.png")
    assert page.errors == []


def test_the_downloads_speak_the_browser_s_language(
    server: tuple[str, Path], document: Document, tmp_path: Path
) -> None:
    from playwright.sync_api import sync_playwright

    base, store_dir = server
    doc_id = _seed(store_dir, document)
    with sync_playwright() as p:
        context = p.chromium.launch_persistent_context(
            str(tmp_path / "profile-ru"),
            executable_path=str(CHROMIUM),
            headless=True,
            args=FLAGS,
            locale="ru-RU",
        )
        try:
            page = context.pages[0] if context.pages else context.new_page()
            page.goto(f"{base}/#/doc/{doc_id}")
            page.wait_for_selector("#grid tbody tr.bead")
            links = {
                fmt: page.locator(f"#downloads a[data-format={fmt}]").get_attribute("href") or ""
                for fmt in ("docx", "pdf", "csv", "xlsx", "tmx")
            }
            assert all("locale=ru-RU" in links[fmt] for fmt in ("docx", "pdf", "csv", "xlsx"))
            assert "locale" not in links["tmx"]  # a translation memory has no words of ours
            table = page.request.get(f"{base}{links['csv']}").text()
            assert "уверенность выравнивания 0,41 ниже 0,90" in table
            assert "alignment confidence" not in table
        finally:
            context.close()
