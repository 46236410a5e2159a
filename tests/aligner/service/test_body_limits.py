"""Limits on every body (issue 11, point 3): counted as they stream in, refused at the limit."""

from __future__ import annotations

import json
import select
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from aligner.service import create_app
from aligner.service.limits import BodyLimits
from aligner.store import Store

MAX_UPLOAD, MAX_FILES = 64 * 1024, 6  # as the client fixture: uploads up to ~1.4 MB
UPLOAD_LIMIT = BodyLimits(upload=MAX_FILES * MAX_UPLOAD + 2**20).upload
PATCH_LIMIT = BodyLimits().patch


@pytest.fixture
def served(store_dir: Path, seeded: str) -> Iterator[tuple[int, str]]:
    """Run the service with uvicorn on a free loopback port; yield the port and a document id."""
    import uvicorn

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    app = create_app(store_dir, max_upload_bytes=MAX_UPLOAD, max_files=MAX_FILES)
    config = uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", lifespan="off")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started:
        assert time.monotonic() < deadline, "uvicorn did not start"
        time.sleep(0.02)
    yield port, seeded
    server.should_exit = True
    thread.join(timeout=10)


def _frame(data: bytes) -> bytes:
    return f"{len(data):x}\r\n".encode() + data + b"\r\n"


def _stream_until_answered(port: int, head: str, total: int, start: bytes = b"") -> tuple[int, int]:
    """Send ``start``, then a chunked body of up to ``total`` bytes; return (status, bytes sent
    before the answer came)."""
    chunk = b"x" * 65536
    frame = _frame(chunk)
    sent = 0
    with socket.create_connection(("127.0.0.1", port), timeout=30) as conn:
        conn.sendall(head.encode() + (_frame(start) if start else b""))
        while sent < total:
            readable, _w, _x = select.select([conn], [], [], 0)
            if readable:
                break
            try:
                conn.sendall(frame)
            except (BrokenPipeError, ConnectionResetError):
                break
            sent += len(chunk)
        answer = conn.recv(65536)
    status = int(answer.split(b" ", 2)[1])
    return status, sent


def test_a_chunked_upload_is_refused_as_soon_as_it_passes_the_limit(
    served: tuple[int, str], store_dir: Path
) -> None:
    port, seeded = served
    head = (
        "POST /documents HTTP/1.1\r\nHost: 127.0.0.1\r\nTransfer-Encoding: chunked\r\n"
        "Content-Type: multipart/form-data; boundary=b0undary\r\n\r\n"
    )
    part = (
        b"--b0undary\r\n"
        b'Content-Disposition: form-data; name="files"; filename="de.txt"\r\n'
        b"Content-Type: text/plain\r\n\r\n"
    )
    status, sent = _stream_until_answered(port, head, total=64 * 2**20, start=part)
    assert status == 413
    assert sent < UPLOAD_LIMIT + 8 * 2**20  # the limit, plus what socket buffers held
    assert [s.id for s in Store(store_dir).summaries()] == [seeded]


def test_a_chunked_patch_is_refused_as_soon_as_it_passes_the_limit(
    served: tuple[int, str],
) -> None:
    port, seeded = served
    head = (
        f"PATCH /documents/{seeded}/alignment HTTP/1.1\r\nHost: 127.0.0.1\r\n"
        'Transfer-Encoding: chunked\r\nContent-Type: application/json\r\nIf-Match: "rev1"\r\n'
        "X-Editor: Anna\r\n\r\n"
    )
    status, sent = _stream_until_answered(port, head, total=64 * 2**20)
    assert status == 413
    assert sent < PATCH_LIMIT + 8 * 2**20


def test_a_patch_declared_too_large_is_refused_before_reading(
    client: TestClient, seeded: str
) -> None:
    ops = [{"op": "confirm", "bead": "al.p1"}] * 30_000
    body = json.dumps({"editor": "Anna", "operations": ops}).encode()
    assert len(body) > PATCH_LIMIT
    response = client.patch(
        f"/documents/{seeded}/alignment",
        content=body,
        headers={"If-Match": '"rev1"', "Content-Type": "application/json"},
    )
    assert response.status_code == 413
    assert response.json()["type"] == "/problems/too-large"
    assert f"the limit is {PATCH_LIMIT}" in response.json()["detail"]


def test_a_patch_under_the_limit_still_meets_the_operation_count_limit(
    client: TestClient, seeded: str
) -> None:
    ops = [{"op": "confirm", "bead": "al.p1"}] * 501
    response = client.patch(
        f"/documents/{seeded}/alignment",
        json={"editor": "Anna", "operations": ops},
        headers={"If-Match": '"rev1"'},
    )
    assert response.status_code == 422
    assert "500" in response.json()["detail"]


def test_a_body_where_none_is_expected_is_limited_too(client: TestClient, seeded: str) -> None:
    response = client.post(f"/documents/{seeded}/realign", content=b"x" * (65 * 1024))
    assert response.status_code == 413


def test_an_absurd_content_length_is_a_413_not_a_crash(served: tuple[int, str]) -> None:
    port, _seeded = served
    with socket.create_connection(("127.0.0.1", port), timeout=30) as conn:
        conn.sendall(
            b"POST /documents HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: "
            + b"9" * 40
            + b"\r\n\r\n"
        )
        answer = conn.recv(65536)
    assert answer.split(b" ", 2)[1] in (b"413", b"400")
