"""The HTTP API, through FastAPI's TestClient: every endpoint and every refusal."""

from __future__ import annotations

import io
import urllib.parse
import zipfile
from collections.abc import Callable, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from aligner import edit, read_tei
from aligner.api import InputFile, alignment_needs
from aligner.archive import Archive
from aligner.cli import main
from aligner.model import Document
from aligner.readers import lang_from_filename
from aligner.service import create_app
from aligner.store import Store
from aligner.tei import schema_problems, tei_problems
from exports import FORMATS, REVIEW_BELOW
from languages.profiles import profile, profiled_languages

# block kind and sentences per language, as tests/conftest.py's document_from takes them
Spec = dict[str, list[tuple[str, list[str]]]]
MakeDocument = Callable[[Spec, Sequence[dict[str, tuple[int, ...]]]], Document]

PROBLEM = "application/problem+json"
MAGIC = {
    "docx": b"PK\x03\x04",
    "xlsx": b"PK\x03\x04",
    "pdf": b"%PDF-",
    "tmx": b"<?xml",
    "xliff": b"<?xml",
    "tei": b"<?xml",
}


def _problem(response: Any, status: int, kind: str) -> dict[str, Any]:
    """Check that ``response`` is an RFC 9457 problem of the given kind and return it."""
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith(PROBLEM)
    body: dict[str, Any] = response.json()
    assert body["type"] == f"/problems/{kind}"
    assert body["status"] == status
    assert body["title"]
    assert body["detail"]
    return body


def _patch(client: TestClient, doc_id: str, ops: Any, rev: int = 1, editor: str = "Anna") -> Any:
    sent = {"If-Match": f'"rev{rev}"', "X-Editor": editor}
    return client.patch(f"/documents/{doc_id}/alignment", json=ops, headers=sent)


def _files(harbour: list[tuple[str, bytes]]) -> list[tuple[str, tuple[str, bytes, str]]]:
    return [("files", (name, data, "text/plain")) for name, data in harbour]


# -- reading ---------------------------------------------------------------------------


def test_the_api_describes_itself(client: TestClient) -> None:
    spec = client.get("/openapi.json").json()
    assert {
        "/documents",
        "/documents/{doc_id}",
        "/documents/{doc_id}/tei",
        "/documents/{doc_id}/export",
        "/documents/{doc_id}/alignment",
        "/documents/{doc_id}/realign",
    } <= set(spec["paths"])
    assert "patch" in spec["paths"]["/documents/{doc_id}/alignment"]
    assert client.get("/docs").status_code == 200


def test_the_list_names_each_document_once(client: TestClient, seeded: str) -> None:
    listed = client.get("/documents").json()

    assert listed == [
        {
            "id": seeded,
            "title": "Statement on the water conference",
            "languages": ["de", "en", "es", "ru", "fr"],
            "created": "2026-03-10T12:00:00Z",
            "revision": 1,
            "href": f"/documents/{seeded}",
        }
    ]


def test_a_document_comes_with_versions_beads_and_its_revision(
    client: TestClient, seeded: str
) -> None:
    response = client.get(f"/documents/{seeded}")

    assert response.status_code == 200
    assert response.headers["etag"] == '"rev1"'
    body = response.json()
    assert body["revision"] == 1
    assert [v["lang"] for v in body["versions"]] == ["de", "en", "es", "ru", "fr"]
    ru = body["versions"][3]
    assert ru["blocks"][1]["sentences"][0]["text"] == "Конференция откроется 14 марта 2026 г."
    assert ru["blocks"][4]["speaker"] == "Вопрос:"
    p4 = body["paragraphs"][3]
    assert p4 == {
        "id": "al.p4",
        "members": {"de": ["de.p4"], "en": ["en.p3"], "ru": ["ru.p3"], "fr": ["fr.p3"]},
        "cert": 0.41,
        "status": "auto",
        "resp": "app-aligner",
    }
    assert len(body["sentences"]) == 8
    assert body["numbers_differ"] == {}  # 12,5 and 12.5 are one number


def test_a_document_says_which_runs_some_versions_lack(client: TestClient, seeded: str) -> None:
    (gap,) = client.get(f"/documents/{seeded}").json()["missing"]
    assert gap["beads"] == ["al.p4"]
    assert gap["missing"] == ["es"]
    assert [(r["lang"], r["blocks"], r["paragraphs"], r["words"]) for r in gap["runs"]] == [
        ("de", ["de.p4"], [4], 3),
        ("en", ["en.p3"], [3], 4),
        ("ru", ["ru.p3"], [3], 4),
        ("fr", ["fr.p3"], [3], 3),
    ]
    assert gap["note"].startswith("missing in es: de.p4 (1 paragraph, 3 words)")
    assert gap["label"].startswith("No Spanish text for German paragraph 4 (3 words)")


def test_a_view_gives_the_beads_some_languages_support(
    client: TestClient, store_dir: Path, merged: Document
) -> None:
    doc_id, _ = Store(store_dir).create("e" * 64, lambda: merged, "app-aligner")

    response = client.get(f"/documents/{doc_id}/view?langs=fr,de")

    assert response.status_code == 200
    assert response.headers["etag"] == '"rev1"'
    body = response.json()
    assert body["langs"] == ["fr", "de"]
    assert [(b["id"], b["stored"], b["members"]) for b in body["paragraphs"]][1:] == [
        (f"al.p2.{k}", "al.p2", {"fr": [f"fr.p{k + 1}"], "de": [f"de.p{k + 1}"]}) for k in (1, 2, 3)
    ]
    assert body["missing"] == []
    assert len(body["sentences"]) == 3
    whole = client.get(f"/documents/{doc_id}/view").json()
    assert [b["id"] for b in whole["paragraphs"]] == ["al.p1", "al.p2"]


def test_a_view_of_a_language_the_document_lacks_is_a_problem(
    client: TestClient, seeded: str
) -> None:
    body = _problem(client.get(f"/documents/{seeded}/view?langs=de,it"), 422, "bad-language")
    assert "it" in body["detail"]


def test_a_document_says_where_numbers_differ_between_languages(
    client: TestClient, store_dir: Path, miscounted: Document
) -> None:
    doc_id, _ = Store(store_dir).create("d" * 64, lambda: miscounted, "app-aligner")

    marks = client.get(f"/documents/{doc_id}").json()["numbers_differ"]

    # ru.p1 is "Конференция откроется 14 марта 2026 г. Ожидается 210 гостей."; every
    # other language says 120, so each of their p1 gets one mark too
    assert marks["al.p2"]["ru.p1"] == [[49, 52]]
    assert marks["al.p2"]["en.p1"] == [[53, 56]]  # "... 2026. There will be 120 guests."
    assert set(marks["al.p2"]) == {"de.p1", "en.p1", "es.p1", "ru.p1", "fr.p1"}
    assert marks["al.s2"]["ru.p1.s2"] == [[10, 13]]
    assert set(marks) == {"al.p2", "al.s2"}


def test_the_page_marks_numbers_only_where_a_download_flags_them(
    client: TestClient, store_dir: Path, make_document: MakeDocument
) -> None:
    written_otherwise: Spec = {
        "ru": [("p", ["Ожидается 90 тыс. гостей."]), ("p", ["Придут 1,1 млн человек."])],
        "en": [("p", ["We expect 90,000 guests."]), ("p", ["Some 1.2 million will come."])],
    }
    doc = make_document(written_otherwise, [{"ru": (0,), "en": (0,)}, {"ru": (1,), "en": (1,)}])
    doc_id, _ = Store(store_dir).create("e" * 64, lambda: doc, "app-aligner")

    marks = client.get(f"/documents/{doc_id}").json()["numbers_differ"]

    # 90 тыс. is 90,000; 1,1 млн against 1.2 million is a real difference, marked whole
    assert marks == {
        "al.p2": {"ru.p2": [[7, 14]], "en.p2": [[5, 16]]},
        "al.s2": {"ru.p2.s1": [[7, 14]], "en.p2.s1": [[5, 16]]},
    }


def test_the_tei_is_served_as_stored(client: TestClient, seeded: str, store_dir: Path) -> None:
    response = client.get(f"/documents/{seeded}/tei")

    assert response.status_code == 200
    assert response.headers["content-type"] == "application/tei+xml"
    assert response.content == (store_dir / seeded / "1.xml").read_bytes()
    assert read_tei(response.content).langs == ("de", "en", "es", "ru", "fr")


def test_unknown_documents_and_revisions_are_404_problems(client: TestClient, seeded: str) -> None:
    _problem(client.get("/documents/nothing-here"), 404, "not-found")
    _problem(client.get(f"/documents/{seeded}/tei?rev=9"), 404, "not-found")
    _problem(client.get(f"/documents/{seeded}?rev=2"), 404, "not-found")
    _problem(client.get("/no/such/page"), 404, "not-found")
    _problem(client.delete("/documents/nothing-here"), 404, "not-found")
    _problem(client.put("/documents"), 405, "method-not-allowed")


@pytest.mark.parametrize(
    "path",
    [
        "/documents/..%2F..%2Fetc%2Fpasswd",
        "/documents/%2e%2e",
        "/documents/.hidden/tei",
        "/documents/..%5Cwin/tei",
        "/documents/%00/tei",
    ],
)
def test_path_tricks_in_ids_find_nothing(client: TestClient, seeded: str, path: str) -> None:
    response = client.get(path)
    assert response.status_code in (400, 404)
    assert response.headers["content-type"].startswith(PROBLEM)


def test_a_problem_type_explains_itself(client: TestClient) -> None:
    body = client.get("/problems/stale-revision").json()
    assert body["status"] == 412
    assert "newer revision" in body["description"]
    _problem(client.get("/problems/nope"), 404, "not-found")


# -- corrections -----------------------------------------------------------------------


def test_a_patch_merges_and_stores_a_new_revision(client: TestClient, seeded: str) -> None:
    response = _patch(client, seeded, [{"op": "merge", "bead": "al.p3"}])

    assert response.status_code == 200, response.text
    assert response.headers["etag"] == '"rev2"'
    body = response.json()
    assert body["revision"] == 2
    assert body["paragraphs"][2]["members"]["de"] == ["de.p2", "de.p3", "de.p4"]
    assert body["paragraphs"][2]["status"] == "manual"
    assert body["paragraphs"][2]["resp"] == edit.editor("Anna").id
    assert body["changes"][-1]["text"] == "Merged paragraph beads al.p3 and al.p4."
    assert body["editors"] == [{"id": edit.editor("Anna").id, "name": "Anna"}]

    tei = client.get(f"/documents/{seeded}/tei").content
    assert b"Merged paragraph beads al.p3 and al.p4." in tei
    assert b'ana="#manual"' in tei
    old = client.get(f"/documents/{seeded}/tei?rev=1").content
    assert b"Merged paragraph" not in old
    assert [r["n"] for r in client.get(f"/documents/{seeded}/revisions").json()] == [1, 2]
    assert client.get("/documents").json()[0]["revision"] == 2


def test_a_patch_applies_every_operation_as_one_revision(client: TestClient, seeded: str) -> None:
    ops = {
        "editor": "Ольга Петрова",
        "operations": [
            {"op": "split", "bead": "al.p3", "lang": "de", "at": "de.p3"},
            {"op": "move", "bead": "al.p4", "lang": "de", "direction": "next"},
            {"op": "confirm", "bead": "al.p1"},
            {"op": "unalign", "bead": "al.p2", "item": "es.p1", "lang": "es"},
            {"op": "merge", "bead": "al.s1", "level": "sentence"},
            {"op": "split", "bead": "al.p6", "at": {"en": "en.p4"}},
        ],
    }
    response = _patch(client, seeded, ops)

    assert response.status_code == 200, response.text
    body = response.json()
    assert body["revision"] == 2
    assert [c["n"] for c in body["changes"]] == [1, 2, 3, 4, 5, 6, 7]
    assert body["editors"] == [{"id": edit.editor("Ольга Петрова").id, "name": "Ольга Петрова"}]
    assert body["changes"][1]["text"] == "Split paragraph bead al.p3 at de.p3."
    assert body["paragraphs"][0]["status"] == "manual"
    tei = read_tei(client.get(f"/documents/{seeded}/tei").content)
    assert tei.editors[0].name == "Ольга Петрова"


def test_every_revision_it_stores_is_valid_tei(
    client: TestClient, harbour: list[tuple[str, bytes]]
) -> None:
    doc_id = client.post("/documents", files=_files(harbour)).json()["id"]
    ops = [{"op": "merge", "bead": "al.p2"}, {"op": "confirm", "bead": "al.p1"}]
    assert _patch(client, doc_id, ops).status_code == 200
    assert _patch(client, doc_id, [{"op": "split", "bead": "al.p2", "lang": "de", "at": "de.p2"}],
                  rev=2).status_code == 200  # fmt: skip
    for rev in (1, 2, 3):
        data = client.get(f"/documents/{doc_id}/tei?rev={rev}").content
        assert tei_problems(data) == [], rev
        assert schema_problems(data) == [], rev


def test_the_editor_may_come_in_a_header_percent_encoded(client: TestClient, seeded: str) -> None:
    header = urllib.parse.quote("Jürgen Groß")
    response = _patch(client, seeded, [{"op": "confirm", "bead": "al.p2"}], editor=header)

    assert response.status_code == 200, response.text
    assert response.json()["editors"] == [
        {"id": edit.editor("Jürgen Groß").id, "name": "Jürgen Groß"}
    ]


def test_a_patch_without_if_match_is_428(client: TestClient, seeded: str) -> None:
    response = client.patch(
        f"/documents/{seeded}/alignment",
        json=[{"op": "confirm", "bead": "al.p1"}],
        headers={"X-Editor": "Anna"},
    )
    _problem(response, 428, "precondition-required")


def test_a_patch_on_a_stale_revision_is_412_and_changes_nothing(
    client: TestClient, seeded: str
) -> None:
    assert _patch(client, seeded, [{"op": "confirm", "bead": "al.p1"}]).status_code == 200

    body = _problem(
        _patch(client, seeded, [{"op": "merge", "bead": "al.p1"}]), 412, "stale-revision"
    )
    assert body["revision"] == 2
    assert client.get(f"/documents/{seeded}").json()["revision"] == 2
    assert _patch(client, seeded, [{"op": "merge", "bead": "al.p1"}], rev=2).status_code == 200


def test_a_correction_that_cannot_apply_stores_nothing(client: TestClient, seeded: str) -> None:
    ops = [{"op": "confirm", "bead": "al.p1"}, {"op": "merge", "bead": "al.p7"}]
    body = _problem(_patch(client, seeded, ops), 422, "invalid-operation")

    assert body["operation"] == 1
    assert body["bead"] == "al.p7"
    assert "operation 2 (merge): al.p7 is the last paragraph bead" in body["detail"]
    assert client.get(f"/documents/{seeded}").json()["revision"] == 1
    body = _problem(
        _patch(client, seeded, [{"op": "confirm", "bead": "al.p70"}]), 422, "invalid-operation"
    )
    assert "no bead al.p70" in body["detail"]


@pytest.mark.parametrize(
    "ops",
    [
        [{"op": "explode", "bead": "al.p1"}],
        [{"op": "merge"}],
        [{"op": "merge", "bead": "al.p1", "colour": "red"}],
        [{"op": "move", "bead": "al.p1", "lang": "de", "direction": "up"}],
        [{"op": "merge", "bead": "al.p1", "level": "word"}],
        [],
        {"operations": []},
        "merge al.p1",
        [["merge", "al.p1"]],
    ],
)
def test_malformed_operations_are_422_problems(client: TestClient, seeded: str, ops: Any) -> None:
    body = _problem(_patch(client, seeded, ops), 422, "invalid-request")
    assert body["errors"]
    assert client.get(f"/documents/{seeded}").json()["revision"] == 1


def test_a_patch_must_say_who_corrects(client: TestClient, seeded: str) -> None:
    response = client.patch(
        f"/documents/{seeded}/alignment",
        json=[{"op": "confirm", "bead": "al.p1"}],
        headers={"If-Match": '"rev1"'},
    )
    assert "editor" in _problem(response, 422, "invalid-request")["detail"]


def test_a_patch_on_an_unknown_document_is_404(client: TestClient) -> None:
    _problem(_patch(client, "nothing", [{"op": "confirm", "bead": "al.p1"}]), 404, "not-found")


def test_delete_removes_the_document(client: TestClient, seeded: str) -> None:
    assert client.delete(f"/documents/{seeded}").status_code == 204
    _problem(client.get(f"/documents/{seeded}"), 404, "not-found")
    assert client.get("/documents").json() == []


# -- exports ---------------------------------------------------------------------------


def test_the_tei_export_is_the_stored_file_with_a_safe_name(
    client: TestClient, seeded: str
) -> None:
    response = client.get(f"/documents/{seeded}/export?to=tei")

    assert response.status_code == 200
    assert response.headers["content-type"] == "application/tei+xml"
    assert response.content == client.get(f"/documents/{seeded}/tei").content
    assert response.headers["content-disposition"] == (
        'attachment; filename="statement-on-the-water-conference.xml"; '
        "filename*=UTF-8''Statement%20on%20the%20water%20conference.xml"
    )


def test_a_cyrillic_title_keeps_its_letters_in_filename_star(
    client: TestClient, store_dir: Path, document: Document
) -> None:
    versions = tuple(replace(v, original=v.lang == "ru") for v in document.versions)
    store = Store(store_dir)
    doc_id, _ = store.create("c" * 64, lambda: replace(document, versions=versions), "x")

    disposition = client.get(f"/documents/{doc_id}/tei?download=true").headers[
        "content-disposition"
    ]

    assert 'filename="zaiavlenie-o-konferentsii-po-vodnym-resursam.xml"' in disposition
    name = disposition.split("filename*=UTF-8''")[1]
    assert urllib.parse.unquote(name) == "Заявление о конференции по водным ресурсам.xml"


@pytest.mark.parametrize("fmt", ["docx", "pdf", "tmx", "xliff", "csv", "xlsx"])
def test_every_format_downloads_with_its_media_type(
    client: TestClient, seeded: str, fmt: str
) -> None:
    query = "langs=ru,en" + ("&source=en" if fmt == "xliff" else "")
    response = client.get(f"/documents/{seeded}/export?to={fmt}&{query}")

    assert response.status_code == 200, response.text
    disposition = response.headers["content-disposition"]
    assert disposition.startswith('attachment; filename="statement-on-the-water-conference')
    assert "filename*=UTF-8''" in disposition
    assert int(response.headers["content-length"]) == len(response.content)
    if response.headers["content-type"] == "application/zip":
        names = zipfile.ZipFile(io.BytesIO(response.content)).namelist()
        assert len(names) >= 2
    elif fmt in MAGIC:
        assert response.content.startswith(MAGIC[fmt])
    if fmt == "csv":
        text = response.content.decode("utf-8-sig")
        assert "Конференция откроется 14 марта 2026 г." in text
        assert "Die Stadt" not in text  # German was not asked for


def test_the_page_learns_the_formats_and_the_review_threshold_from_the_registry(
    client: TestClient,
) -> None:
    offered = client.get("/exports").json()
    assert [f["name"] for f in offered["formats"]] == list(FORMATS)
    docx = next(f for f in offered["formats"] if f["name"] == "docx")
    assert (docx["media_type"], docx["suffix"]) == (FORMATS["docx"].media_type, "docx")
    assert docx["heavy"] is True
    assert "langs" in docx["options"]
    assert offered["review_below"] == REVIEW_BELOW


def test_a_service_started_with_another_review_threshold_flags_by_it_in_downloads_and_view(
    client: TestClient, store_dir: Path, seeded: str
) -> None:
    def low_rows(review_below: float) -> tuple[float, int, int]:
        app = create_app(store_dir, review_below=review_below)
        with TestClient(app, base_url=str(client.base_url)) as other:
            told = other.get("/exports").json()["review_below"]
            csv = other.get(f"/documents/{seeded}/export?to=csv").content.decode("utf-8-sig")
            shown = other.get(f"/documents/{seeded}/view").json()["paragraphs"]
        return told, csv.count("low-confidence"), sum(b["review"] for b in shown)

    strict, lenient = low_rows(0.95), low_rows(0.45)

    assert (strict[0], lenient[0]) == (0.95, 0.45)
    # the fixture's beads score 0.41 to 0.9: only the 0.41 one is under 0.45
    assert lenient[1] == 1
    assert strict[1] > lenient[1]
    # the page flags the rows the download flags
    assert (strict[2], lenient[2]) == (strict[1], lenient[1])


def test_the_page_learns_the_corrections_from_the_edit_registry(client: TestClient) -> None:
    offered = client.get("/operations").json()
    assert [o["op"] for o in offered] == list(edit.OPERATIONS)
    split = next(o for o in offered if o["op"] == "split")
    assert split["params"] == ["bead", "at", "lang", "level"]
    assert split["summary"].startswith("Split the bead")


def test_the_page_learns_language_names_from_the_profiles(client: TestClient) -> None:
    listed = client.get("/languages").json()
    assert [x["code"] for x in listed] == list(profiled_languages())
    assert all(x["generic"] is False for x in listed)
    ru = client.get("/languages/ru").json()
    assert ru == {
        "code": "ru",
        "tag": "ru-RU",
        "name": profile("ru").display_name,
        "english_name": "Russian",
        "generic": False,
    }
    uk = client.get("/languages/UK").json()  # no data file: named, but generic
    assert (uk["code"], uk["name"], uk["generic"]) == ("uk", "Українська", True)
    assert client.get("/languages/pt_br").json()["code"] == "pt-BR"
    assert _problem(client.get("/languages/xx"), 422, "bad-language")["lang"] == "xx"


@pytest.mark.parametrize(
    ("filename", "code"),
    [("press.de.txt", "de"), ("statement-ru-RU.docx", "ru"), ("how-to.txt", None), ("a", None)],
)
def test_the_page_guesses_a_language_from_a_file_name_as_an_upload_does(
    client: TestClient, filename: str, code: str | None
) -> None:
    guessed = client.get("/languages/guess", params={"filename": filename}).json()
    assert (guessed and guessed["code"]) == code
    assert lang_from_filename(filename) == code


def test_export_refusals_are_problems(client: TestClient, seeded: str) -> None:
    body = _problem(
        client.get(f"/documents/{seeded}/export?to=docx&langs=ru,xx"), 422, "bad-language"
    )
    assert body["lang"] == "xx"
    _problem(client.get(f"/documents/{seeded}/export?to=odt"), 422, "invalid-request")
    _problem(client.get(f"/documents/{seeded}/export"), 422, "invalid-request")
    _problem(client.get(f"/documents/{seeded}/export?to=pdf&level=word"), 422, "invalid-request")
    _problem(client.get(f"/documents/{seeded}/export?to=tmx&pair=de"), 422, "invalid-request")
    _problem(client.get("/documents/nothing/export?to=pdf"), 404, "not-found")


# -- uploads: refusals happen before any alignment ---------------------------------------


def test_an_unknown_language_code_is_refused(
    client: TestClient, harbour: list[tuple[str, bytes]]
) -> None:
    response = client.post("/documents", files=_files(harbour[:2]), data={"langs": "de,xx"})

    assert _problem(response, 422, "bad-language")["lang"] == "xx"
    assert client.get("/documents").json() == []


def test_one_language_per_file_is_required(
    client: TestClient, harbour: list[tuple[str, bytes]]
) -> None:
    response = client.post("/documents", files=_files(harbour[:2]), data={"lang": ["de"]})
    assert "1 languages for 2 files" in _problem(response, 422, "bad-language")["detail"]


def test_a_binary_upload_is_415(client: TestClient, harbour: list[tuple[str, bytes]]) -> None:
    png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(64)
    files = [*_files(harbour[:1]), ("files", ("photo.en.png", png, "image/png"))]

    body = _problem(client.post("/documents", files=files), 415, "not-text")
    assert body["file"] == "photo.en.png"
    assert client.get("/documents").json() == []


def test_a_file_over_the_limit_is_413(client: TestClient, harbour: list[tuple[str, bytes]]) -> None:
    big = b"Lorem ipsum dolor.\n" * 4000  # 76 000 bytes; the client's limit is 64 KiB
    files = [*_files(harbour[:1]), ("files", ("big.de.txt", big, "text/plain"))]

    body = _problem(client.post("/documents", files=files), 413, "too-large")
    assert body["file"] == "big.de.txt"


def test_an_upload_whose_alignment_needs_more_memory_than_allowed_is_413_before_work(
    store_dir: Path, harbour: list[tuple[str, bytes]]
) -> None:
    needs = alignment_needs([InputFile(data, name) for name, data in harbour[:2]])
    # room for the two press releases, not for them and a longer third file
    app = create_app(store_dir, max_upload_bytes=64 * 1024, max_align_mb=needs.memory_mb + 0.1)
    with TestClient(app, base_url="http://127.0.0.1:8000", raise_server_exceptions=False) as small:
        longer = ("files", ("long.fr.txt", b"Le port est ouvert.\n\n" * 100, "text/plain"))
        body = _problem(small.post("/documents", files=[*_files(harbour[:2]), longer]), 413,
                        "too-large")  # fmt: skip
        assert body["file"] == "long.fr.txt"
        assert "MB of memory" in body["detail"]
        assert small.get("/documents").json() == []
        assert small.post("/documents", files=_files(harbour[:2])).status_code == 201


def test_a_request_declared_too_large_is_refused_before_reading(client: TestClient) -> None:
    response = client.post(
        "/documents",
        content=b"x" * 10,
        headers={"Content-Length": str(10**9), "Content-Type": "multipart/form-data; boundary=b"},
    )
    _problem(response, 413, "too-large")


def test_too_many_files_are_refused(client: TestClient, harbour: list[tuple[str, bytes]]) -> None:
    files = _files(harbour) + [("files", ("more.en.txt", b"More text.", "text/plain"))] * 2
    assert (
        "7 files; at most 6"
        in _problem(client.post("/documents", files=files), 413, "too-many-files")["detail"]
    )


@pytest.mark.parametrize("name", ["../../etc/passwd", "..\\boot.ini", ".env", "..", "/abs.txt"])
def test_path_tricks_in_file_names_are_refused(
    client: TestClient, harbour: list[tuple[str, bytes]], name: str
) -> None:
    files = [*_files(harbour[:1]), ("files", (name, b"Some text here.", "text/plain"))]
    _problem(client.post("/documents", files=files), 400, "bad-filename")
    assert client.get("/documents").json() == []


def test_an_upload_without_files_is_422(client: TestClient) -> None:
    _problem(client.post("/documents", data={"langs": "de,en"}), 422, "invalid-request")


# -- uploads that align (need the aligner) ------------------------------------------------


def test_an_upload_is_aligned_stored_and_idempotent(
    client: TestClient, harbour: list[tuple[str, bytes]]
) -> None:
    response = client.post("/documents", files=_files(harbour))

    assert response.status_code == 201, response.text
    doc_id = response.json()["id"]
    assert response.headers["location"] == f"/documents/{doc_id}"
    assert response.headers["etag"] == '"rev1"'
    assert read_tei(client.get(f"/documents/{doc_id}/tei").content).id == doc_id
    assert set(response.json()["languages"]) == {"de", "en", "es", "fr", "ru"}
    body = client.get(f"/documents/{doc_id}").json()
    assert len(body["paragraphs"]) == 5
    assert all(len(b["members"]) == 5 for b in body["paragraphs"])

    again = client.post("/documents", files=_files(harbour))
    assert again.status_code == 200
    assert again.json()["id"] == doc_id
    assert len(client.get("/documents").json()) == 1


def test_a_document_has_one_id_from_the_cli_the_service_and_the_archive(
    client: TestClient, harbour: list[tuple[str, bytes]], tmp_path: Path
) -> None:
    pair = harbour[:2]  # de, en
    folder = tmp_path / "sources" / "harbour"
    folder.mkdir(parents=True)
    for name, data in pair:
        (folder / name).write_bytes(data)
    out = tmp_path / "cli.xml"
    assert main(["align", *(str(folder / name) for name, _ in pair), "-o", str(out)]) == 0
    with Archive(tmp_path / "archive", create=True) as archive:
        added = archive.add([str(folder)], executor="serial").added

    uploaded = client.post("/documents", files=_files(pair[::-1]))  # in the other order

    assert uploaded.status_code == 201, uploaded.text
    assert added == [read_tei(out.read_bytes()).id] == [uploaded.json()["id"]]


def test_the_service_serves_an_archive_s_documents_under_the_same_ids(
    harbour: list[tuple[str, bytes]], tmp_path: Path
) -> None:
    for n in (2, 3):
        folder = tmp_path / "sources" / f"harbour{n}"
        folder.mkdir(parents=True)
        for name, data in harbour[:n]:
            (folder / name).write_bytes(data)
    with Archive(tmp_path / "archive", create=True) as archive:
        added = archive.add([str(tmp_path / "sources")], executor="serial").added
    app = create_app(tmp_path / "archive" / "documents")
    with TestClient(app, base_url="http://127.0.0.1:8000") as client:
        listed = client.get("/documents").json()
        tei = client.get(f"/documents/{added[0]}/tei").content
        found = client.get("/search", params={"q": "Hafen"}).json()
    assert len(added) == 2
    assert sorted(d["id"] for d in listed) == sorted(added)
    assert read_tei(tei).id == added[0]
    assert {hit["doc"] for hit in found} == set(added)


def test_the_same_files_declared_in_other_languages_are_a_conflict(
    client: TestClient, harbour: list[tuple[str, bytes]]
) -> None:
    files = _files([(f"file{i}.txt", data) for i, (_, data) in enumerate(harbour[:2])])
    stored = client.post("/documents", files=files, data={"langs": "de,en"})
    assert stored.status_code == 201, stored.text

    body = _problem(client.post("/documents", files=files, data={"langs": "de,fr"}), 409,
                    "already-stored")  # fmt: skip

    assert body["document"] == stored.json()["id"]
    assert "de, en" in body["detail"]
    assert len(client.get("/documents").json()) == 1


def test_languages_can_be_given_per_file_or_as_a_list(
    client: TestClient, harbour: list[tuple[str, bytes]]
) -> None:
    renamed = [(f"file{i}.txt", data) for i, (_name, data) in enumerate(harbour[:2])]  # de, en

    by_list = client.post("/documents", files=_files(renamed), data={"langs": "de,en"})
    by_field = client.post("/documents", files=_files(renamed), data={"lang": ["de", "en"]})

    assert by_list.status_code == 201, by_list.text
    assert by_list.json()["languages"] == ["de", "en"]
    assert by_field.status_code == 200  # same bytes, same languages: the same document
    assert by_field.json()["id"] == by_list.json()["id"]


def test_an_empty_file_is_a_problem_and_stores_nothing(
    client: TestClient, harbour: list[tuple[str, bytes]]
) -> None:
    files = [*_files(harbour[:1]), ("files", ("blank.de.txt", b"  \n", "text/plain"))]
    body = _problem(client.post("/documents", files=files), 422, "empty-input")

    assert body["file"] == "blank.de.txt"
    assert client.get("/documents").json() == []


def test_realign_keeps_manual_beads_and_adds_a_revision(client: TestClient, seeded: str) -> None:
    assert _patch(client, seeded, [{"op": "confirm", "bead": "al.p4"}]).status_code == 200

    response = client.post(f"/documents/{seeded}/realign", headers={"If-Match": '"rev2"'})

    assert response.status_code == 200, response.text
    body = response.json()
    assert body["revision"] == 3
    kept = [b for b in body["paragraphs"] if b["status"] == "manual"]
    assert [b["members"] for b in kept] == [
        {"de": ["de.p4"], "en": ["en.p3"], "ru": ["ru.p3"], "fr": ["fr.p3"]}
    ]
    _problem(
        client.post(f"/documents/{seeded}/realign", headers={"If-Match": '"rev2"'}),
        412,
        "stale-revision",
    )


def test_a_view_splits_sentence_beads_where_its_languages_agree(
    client: TestClient, store_dir: Path, glued: Document
) -> None:
    doc_id, _ = Store(store_dir).create("f" * 64, lambda: glued, "app-aligner")

    body = client.get(f"/documents/{doc_id}/view?langs=de,fr").json()

    assert [(b["id"], b["stored"]) for b in body["sentences"]] == [
        ("al.s1", "al.s1"),
        ("al.s2.1", "al.s2"),
        ("al.s2.2", "al.s2"),
        ("al.s2.3", "al.s2"),
        ("al.s3", "al.s3"),
    ]
    stored = client.get(f"/documents/{doc_id}").json()
    assert [p["members"]["de"] for p in stored["sentence_pairs"]] == [
        ["de.p1.s2"],
        ["de.p2.s1"],
        ["de.p2.s2"],
    ]
    assert {tuple(p["langs"]) for p in stored["sentence_pairs"]} == {("de", "fr")}


# -- undo and redo -----------------------------------------------------------------------------


def _step(client: TestClient, doc_id: str, action: str, rev: int) -> Any:
    sent = {"If-Match": f'"rev{rev}"', "X-Editor": "Anna"}
    return client.post(f"/documents/{doc_id}/{action}", headers=sent)


def test_undo_and_redo_go_through_revisions(client: TestClient, seeded: str) -> None:
    first = client.get(f"/documents/{seeded}").json()
    assert _patch(client, seeded, [{"op": "merge", "bead": "al.p3"}]).status_code == 200
    merged = _patch(client, seeded, [{"op": "confirm", "bead": "al.p1"}], rev=2).json()

    undone = _step(client, seeded, "undo", 3)  # the confirmation
    assert undone.status_code == 200, undone.text
    assert undone.headers["etag"] == '"rev4"'
    twice = _step(client, seeded, "undo", 4).json()  # and the merge
    assert twice["paragraphs"] == first["paragraphs"]
    assert twice["changes"][-1]["text"] == (
        "Undid revision 2: Merged paragraph beads al.p3 and al.p4."
    )
    again = _step(client, seeded, "redo", 5).json()  # the merge comes back
    assert again["revision"] == 6
    assert again["paragraphs"][2]["members"] == merged["paragraphs"][2]["members"]
    assert again["paragraphs"][0]["status"] == "auto"  # the confirmation stays undone
    summaries = [r["summary"] for r in client.get(f"/documents/{seeded}/revisions").json()]
    assert summaries[3:] == [
        "Undid revision 3: Confirmed paragraph bead al.p1.",
        "Undid revision 2: Merged paragraph beads al.p3 and al.p4.",
        "Redid revision 2: Merged paragraph beads al.p3 and al.p4.",
    ]
    # a new correction forgets what could be redone
    assert _patch(client, seeded, [{"op": "confirm", "bead": "al.p2"}], rev=6).status_code == 200
    _problem(_step(client, seeded, "redo", 7), 409, "nothing-to-undo")
    _problem(_step(client, seeded, "undo", 6), 412, "stale-revision")
    assert client.post(f"/documents/{seeded}/undo").status_code == 428


def test_the_first_alignment_is_not_undone(client: TestClient, seeded: str) -> None:
    _problem(_step(client, seeded, "undo", 1), 409, "nothing-to-undo")


def test_sentences_split_and_join_through_the_api(client: TestClient, seeded: str) -> None:
    body = client.get(f"/documents/{seeded}").json()
    bead = next(b for b in body["sentences"] if b["members"]["de"])
    sentence = bead["members"]["de"][0]
    text = next(
        s["text"]
        for v in body["versions"]
        for b in v["blocks"]
        for s in b.get("sentences", [])
        if s["id"] == sentence
    )
    at = text.index(" ") + 1
    ops = [{"op": "split-sentence", "bead": bead["id"], "sentence": sentence, "at": at}]
    split = _patch(client, seeded, ops)
    assert split.status_code == 200, split.text
    assert split.json()["changes"][-1]["text"].startswith(f"Split sentence {sentence} into")
    joined = _patch(
        client, seeded, [{"op": "join-sentences", "bead": bead["id"], "sentence": sentence}], rev=2
    )
    assert joined.status_code == 200, joined.text
    tei = client.get(f"/documents/{seeded}/tei").text
    assert f">{text}</s>" in tei  # joined again, the sentence reads as the source
