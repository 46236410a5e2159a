"""Authentication and origin (issue 11, point 2): other sites and other machines cannot write."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from aligner.errors import AlignerError
from aligner.service import create_app
from aligner.service.security import TOKEN_FILE, Access, load_token, serving_access
from aligner.store import Store

BASE = "http://127.0.0.1:8000"
TOKEN = "correct-horse-battery-staple-42"
OPS = {"editor": "Anna", "operations": [{"op": "confirm", "bead": "al.p1"}]}


def _client(store_dir: Path, access: Access, base: str = BASE) -> TestClient:
    app = create_app(store_dir, max_upload_bytes=64 * 1024, max_files=6, access=access)
    return TestClient(app, base_url=base, raise_server_exceptions=False)


def _patch(client: TestClient, doc_id: str, **headers: str) -> Any:
    sent = {"If-Match": '"rev1"', **headers}
    return client.patch(f"/documents/{doc_id}/alignment", json=OPS, headers=sent)


def _files(harbour: list[tuple[str, bytes]]) -> list[tuple[str, tuple[str, bytes, str]]]:
    return [("files", (name, data, "text/plain")) for name, data in harbour]


@pytest.fixture
def public(store_dir: Path, seeded: str) -> Iterator[TestClient]:
    """The service as ``--host 0.0.0.0`` configures it, addressed by a LAN name."""
    with _client(store_dir, Access.for_bind("0.0.0.0", TOKEN), "http://aligner.lan:8000") as c:
        yield c


# -- on loopback: the page works as it is; other sites cannot write -----------------------


def test_on_loopback_a_write_needs_no_token_but_a_wrong_one_is_refused(
    client: TestClient, seeded: str
) -> None:
    wrong = _patch(client, seeded, Authorization="Bearer guessed-token-123456")
    assert wrong.status_code == 401
    assert wrong.json()["type"] == "/problems/unauthorized"
    assert wrong.headers["WWW-Authenticate"].startswith("Bearer")
    assert _patch(client, seeded).status_code == 200


@pytest.mark.parametrize(
    "headers",
    [
        {"Origin": "https://evil.example"},
        {"Origin": "http://127.0.0.1:9999"},  # another port is another origin
        {"Origin": "null"},  # a sandboxed frame or a file:// page
        {"Sec-Fetch-Site": "cross-site"},
        {"Sec-Fetch-Site": "same-site"},
    ],
)
def test_another_site_cannot_upload_correct_or_delete(
    client: TestClient,
    seeded: str,
    harbour: list[tuple[str, bytes]],
    store_dir: Path,
    headers: dict[str, str],
) -> None:
    refused = [
        client.post("/documents", files=_files(harbour), headers=headers),
        _patch(client, seeded, **headers),
        client.post(f"/documents/{seeded}/realign", headers=headers),
        client.delete(f"/documents/{seeded}", headers=headers),
    ]
    for response in refused:
        assert response.status_code == 403, response.text
        assert response.json()["type"] == "/problems/forbidden"
    assert [s.id for s in Store(store_dir).summaries()] == [seeded]
    assert Store(store_dir).summary(seeded).revision == 1


def test_the_page_own_origin_may_write(client: TestClient, seeded: str) -> None:
    response = _patch(client, seeded, Origin=BASE, **{"Sec-Fetch-Site": "same-origin"})
    assert response.status_code == 200, response.text


@pytest.mark.parametrize("host", ["evil.example", "evil.example:8000", "127.0.0.1.nip.example"])
def test_a_rebound_host_name_cannot_even_read(client: TestClient, seeded: str, host: str) -> None:
    for path in ("/", "/documents", f"/documents/{seeded}/tei"):
        response = client.get(path, headers={"Host": host})
        assert response.status_code == 403
        assert response.json()["type"] == "/problems/forbidden"
    assert client.get("/documents", headers={"Host": "localhost:8000"}).status_code == 200


def test_a_configured_origin_may_write_through_a_proxy(store_dir: Path, seeded: str) -> None:
    access = Access.for_bind("127.0.0.1", TOKEN, ["https://Align.Example.org/"])
    with _client(store_dir, access, "http://align.example.org") as proxied:
        response = _patch(proxied, seeded, Origin="https://align.example.org")
        assert response.status_code == 200, response.text
        assert _patch(proxied, seeded, Origin="https://other.example").status_code == 403


def test_an_origin_that_is_not_a_url_is_refused_at_start(tmp_path: Path) -> None:
    with pytest.raises(AlignerError, match="--origin takes a URL"):
        Access.for_bind("127.0.0.1", TOKEN, ["align.example.org"])


# -- beyond loopback: every write needs the token ------------------------------------------


def test_beyond_loopback_every_write_needs_the_token(
    public: TestClient, seeded: str, harbour: list[tuple[str, bytes]]
) -> None:
    for response in (
        public.post("/documents", files=_files(harbour)),
        _patch(public, seeded),
        public.post(f"/documents/{seeded}/realign"),
        public.delete(f"/documents/{seeded}"),
        _patch(public, seeded, Authorization=f"Basic {TOKEN}"),
        _patch(public, seeded, Authorization=f"Bearer {TOKEN}x"),
    ):
        assert response.status_code == 401, response.text
        assert response.json()["type"] == "/problems/unauthorized"
    assert public.get(f"/documents/{seeded}").json()["revision"] == 1
    assert _patch(public, seeded, Authorization=f"Bearer {TOKEN}").status_code == 200


def test_beyond_loopback_reads_need_no_token(public: TestClient, seeded: str) -> None:
    assert public.get("/").status_code == 200
    assert public.get(f"/documents/{seeded}/export?to=csv").status_code == 200


# -- headers that keep the page from being framed or sniffed ----------------------------------


@pytest.mark.parametrize("path", ["/", "/documents", "/static/app.js", "/nowhere", "/docs"])
def test_every_answer_carries_the_hardening_headers(client: TestClient, path: str) -> None:
    headers = client.get(path).headers
    policy = headers["Content-Security-Policy"]
    assert "frame-ancestors 'none'" in policy
    assert "object-src 'none'" in policy
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Referrer-Policy"] == "no-referrer"
    assert headers["X-Frame-Options"] == "DENY"
    if path != "/docs":
        assert "default-src 'self'" in policy
        assert "unsafe" not in policy  # no inline script, no eval, on the page itself


def test_a_refusal_carries_them_too(client: TestClient) -> None:
    refused = client.get("/documents", headers={"Host": "evil.example"})
    assert refused.status_code == 403
    assert "frame-ancestors 'none'" in refused.headers["Content-Security-Policy"]


# -- the token: made once, kept private, or given -------------------------------------------


def test_the_token_is_made_once_and_kept_for_the_owner_only(tmp_path: Path) -> None:
    token, created = load_token(tmp_path)
    assert created
    assert len(token) >= 32
    path = tmp_path / TOKEN_FILE
    assert path.stat().st_mode & 0o777 == 0o600
    assert load_token(tmp_path) == (token, False)
    assert load_token(tmp_path, "given-on-the-command-line") == ("given-on-the-command-line", False)
    with pytest.raises(AlignerError, match="at least 16"):
        load_token(tmp_path, "short")


def test_the_token_can_come_from_the_environment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ALIGNER_TOKEN", TOKEN)
    assert load_token(tmp_path) == (TOKEN, False)
    assert not (tmp_path / TOKEN_FILE).exists()


def test_serving_shows_a_new_token_once_and_warns_about_public_binds(tmp_path: Path) -> None:
    access, notes = serving_access("127.0.0.1", tmp_path)
    assert access.token is not None
    assert not access.token_required
    assert len(notes) == 1
    assert access.token in notes[0]
    again, notes = serving_access("127.0.0.1", tmp_path)
    assert (again.token, notes) == (access.token, [])
    public, notes = serving_access("0.0.0.0", tmp_path)
    assert public.token_required
    assert len(notes) == 1
    assert notes[0].startswith("warning: listening on 0.0.0.0, reachable from other machines")
    assert access.token not in notes[0]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


def test_aligner_serve_prints_the_new_token_on_its_first_start_only(tmp_path: Path) -> None:
    store = tmp_path / "store"
    env = {k: v for k, v in os.environ.items() if k != "ALIGNER_TOKEN"}

    def first_lines() -> str:
        port = _free_port()
        argv = [sys.executable, "-m", "aligner.cli", "serve", "--port", str(port)]
        server = subprocess.Popen(
            [*argv, "--store", str(store)], stderr=subprocess.PIPE, env=env, text=True
        )
        try:
            lines = ""
            deadline = time.monotonic() + 60
            assert server.stderr is not None
            while "Uvicorn running" not in lines and time.monotonic() < deadline:
                lines += server.stderr.readline()
            return lines
        finally:
            server.terminate()
            server.communicate(timeout=30)

    first = first_lines()
    token = (store / TOKEN_FILE).read_text().strip()
    assert f"API token (kept in {store / TOKEN_FILE}, shown only now): {token}" in first
    assert "warning" not in first
    assert token not in first_lines()
