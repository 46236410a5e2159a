"""``--private``: reading needs the API token too (the default leaves reads open)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from aligner.errors import AlignerError
from aligner.service import create_app
from aligner.service.security import Access, serving_access

TOKEN = "correct-horse-battery-staple-42"
READS = [
    "/documents",
    "/documents/{id}",
    "/documents/{id}/view",
    "/documents/{id}/revisions",
    "/documents/{id}/tei",
    "/documents/{id}/export?to=csv",
    "/search?q=conference",
    "/openapi.json",
]


def _client(store_dir: Path, access: Access, base: str) -> TestClient:
    app = create_app(store_dir, max_upload_bytes=64 * 1024, max_files=6, access=access)
    return TestClient(app, base_url=base, raise_server_exceptions=False)


@pytest.fixture
def private(store_dir: Path, seeded: str) -> Iterator[TestClient]:
    access = Access.for_bind("0.0.0.0", TOKEN, private=True)
    with _client(store_dir, access, "http://aligner.lan:8000") as client:
        yield client


@pytest.mark.parametrize("path", READS)
def test_a_private_service_reads_nothing_without_the_token(
    private: TestClient, seeded: str, path: str
) -> None:
    url = path.format(id=seeded)
    refused = private.get(url)
    assert refused.status_code == 401
    assert refused.json()["type"] == "/problems/unauthorized"
    assert "conference" not in refused.text.lower()
    wrong = private.get(url, headers={"Authorization": "Bearer guessed-token-123456"})
    assert wrong.status_code == 401
    assert private.get(url, headers={"Authorization": f"Bearer {TOKEN}"}).status_code == 200
    # the page keeps the token in a cookie, so that its download links carry it too
    private.cookies.set("aligner-token", TOKEN)
    assert private.get(url).status_code == 200
    private.cookies.clear()


def test_the_page_itself_loads_so_that_it_can_ask_for_the_token(private: TestClient) -> None:
    assert private.get("/").status_code == 200
    assert private.get("/static/app.js").status_code == 200


def test_a_cookie_is_not_enough_to_write(private: TestClient, seeded: str) -> None:
    private.cookies.set("aligner-token", TOKEN)
    ops = {"editor": "Anna", "operations": [{"op": "confirm", "bead": "al.p1"}]}
    answer = private.patch(
        f"/documents/{seeded}/alignment", json=ops, headers={"If-Match": '"rev1"'}
    )
    assert answer.status_code == 401


def test_by_default_reads_stay_open(store_dir: Path, seeded: str) -> None:
    with _client(store_dir, Access.for_bind("0.0.0.0", TOKEN), "http://aligner.lan:8000") as c:
        assert c.get(f"/documents/{seeded}").status_code == 200


def test_private_on_loopback_needs_the_token_too(store_dir: Path, seeded: str) -> None:
    access, notes = serving_access("127.0.0.1", store_dir, token=TOKEN, private=True)
    assert access.private
    with _client(store_dir, access, "http://127.0.0.1:8000") as client:
        assert client.get("/documents").status_code == 401
        ok = client.get("/documents", headers={"Authorization": f"Bearer {TOKEN}"})
        assert ok.status_code == 200


def test_private_without_any_token_is_refused(tmp_path: Path) -> None:
    with pytest.raises(AlignerError, match="needs a token"):
        Access.for_bind("127.0.0.1", "", private=True)
