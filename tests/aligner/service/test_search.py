"""``GET /search`` over the stored documents, kept in step with every revision."""

from __future__ import annotations

from typing import Any

from fastapi.testclient import TestClient


def _search(client: TestClient, **params: Any) -> list[dict[str, Any]]:
    response = client.get("/search", params=params)
    assert response.status_code == 200, response.text
    hits: list[dict[str, Any]] = response.json()
    return hits


def test_a_hit_is_a_bead_with_its_counterparts(client: TestClient, seeded: str) -> None:
    (hit,) = _search(client, q="ожидается", lang="ru")
    assert hit["doc"] == seeded
    assert hit["text"] == "Ожидается 120 гостей."
    assert hit["bead"].startswith("al.s")
    assert hit["date"] == "2026-03-10"
    assert {c["lang"]: c["text"] for c in hit["counterparts"]} == {
        "de": "Es kommen 120 Gäste.",
        "en": "There will be 120 guests.",
        "es": "Habrá 120 invitados.",
        "fr": "Elle accueillera 120 invités.",
    }


def test_folding_phrases_and_languages(client: TestClient, seeded: str) -> None:
    assert [h["text"] for h in _search(client, q="Gaste")] == ["Es kommen 120 Gäste."]
    assert _search(client, q='"the list will"', lang="en")[0]["lang"] == "en"
    assert _search(client, q='"will the list"') == []
    assert _search(client, q="deleg*", lang="es")[0]["text"] == "Delegaciones de 14 países."
    assert _search(client, q="Delegations", lang="ru") == []


def test_the_index_follows_revisions_and_deletions(client: TestClient, seeded: str) -> None:
    before = _search(client, q="guests")[0]
    assert before["counterparts"]
    # unalign the English sentence: its bead now holds English alone
    response = client.patch(
        f"/documents/{seeded}/alignment",
        json=[
            {
                "op": "unalign",
                "bead": before["bead"],
                "level": "sentence",
                "lang": "en",
                "item": before["unit"],
            }
        ],  # fmt: skip
        headers={"If-Match": '"rev1"', "X-Editor": "Anna"},
    )
    assert response.status_code == 200, response.text
    after = _search(client, q="guests")[0]
    assert after["counterparts"] == []
    assert client.delete(f"/documents/{seeded}").status_code == 204
    assert _search(client, q="guests") == []


def test_a_query_that_cannot_run_is_a_problem(client: TestClient, seeded: str) -> None:
    response = client.get("/search", params={"q": '"open'})
    assert response.status_code == 422
    assert response.json()["type"] == "/problems/invalid-request"
    assert response.json()["detail"] == "a quotation mark is not closed"
    assert client.get("/search").status_code == 422
