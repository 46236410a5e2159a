"""Memory after load (issue 11, point 8): caches are bounded, freed memory goes back, and
what reloads on demand is let go once the service has been idle a while.

``benchmarks/bench_service.py`` shows the figures (resident memory before, at the peak of
50 clients and 30 s after); these tests check the mechanisms it relies on.
"""

from __future__ import annotations

import asyncio
import gc
import platform
import time
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from fastapi.testclient import TestClient

from aligner import store as store_module
from aligner.align import embeddings, features
from aligner.align.embeddings import Embedder, get_encoder
from aligner.model import Document
from aligner.service import _memory, create_app
from aligner.store import Store
from languages import identify

BASE_URL = "http://127.0.0.1:8000"  # loopback, as the service wants it


def test_the_parsed_document_cache_keeps_within_its_byte_budget(
    tmp_path: Path, document: Document, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = Store(tmp_path)
    ids = [store.create(str(n) * 64, lambda: document, "app-aligner")[0] for n in range(3)]
    size = len(store.tei(ids[0])[0])
    monkeypatch.setattr(store_module, "_CACHE_BYTES", 2 * size)
    for doc_id in ids:
        store.load(doc_id)
    assert [key[0] for key in store._cache] == ids[1:]  # the least recently used went
    assert store._cached_bytes == 2 * size
    store.delete(ids[2])
    assert store._cached_bytes == size


def test_memory_is_collected_once_the_last_request_has_finished(client: TestClient) -> None:
    collections: list[float] = []

    def seen(phase: str, info: dict[str, Any]) -> None:
        if phase == "stop" and info["generation"] == 2:
            collections.append(time.monotonic())

    assert client.get("/documents").status_code == 200  # the first trim may run at once
    time.sleep(0.2)
    gc.callbacks.append(seen)
    try:
        for _ in range(3):
            assert client.get("/documents").status_code == 200
        finished = time.monotonic()
        deadline = finished + 5
        while not any(t > finished for t in collections) and time.monotonic() < deadline:
            time.sleep(0.05)
    finally:
        gc.callbacks.remove(seen)
    assert any(t > finished for t in collections)  # a full collection once idle


@pytest.mark.skipif(platform.libc_ver()[0] != "glibc", reason="mallopt is glibc's")
def test_glibc_takes_the_arena_limit() -> None:
    assert _memory.limit_arenas(2)


def test_after_an_idle_while_what_reloads_on_demand_is_let_go(
    store_dir: Path, document: Document
) -> None:
    doc_id = Store(store_dir).create("1" * 64, lambda: document, "app-aligner")[0]
    app = create_app(store_dir, release_after=2.0)  # long enough to look before it runs
    store = app.state.service.store
    enc = Embedder(lambda texts: [[1.0, float(len(t))] for t in texts])
    enc.vectors(["a text to remember"])
    use = get_encoder("use")
    assert use is not None
    remembered = use.vectors(["Ein Satz, den der Encoder kodiert."])
    identify.identify("Das ist ein kurzer deutscher Satz über das Wetter.", ["de", "en"])
    features.cognate_stem("Expedition")
    with TestClient(app, base_url=BASE_URL) as client:
        assert client.get(f"/documents/{doc_id}").status_code == 200
        assert store._cache
        assert identify._model.cache_info().currsize == 1
        deadline = time.monotonic() + 10
        while store._cache and time.monotonic() < deadline:
            time.sleep(0.05)
        assert not store._cache
        assert store._cached_bytes == 0
        assert identify._model.cache_info().currsize == 0
        assert features.cognate_stem.cache_info().currsize == 0
        assert enc._memory.used == 0
        assert not enc._memory.rows
        assert embeddings._WEIGHTS
        assert all(encoder._loaded is None for encoder in embeddings._WEIGHTS)
        # and everything works as before, loading again what it needs
        assert client.get(f"/documents/{doc_id}").json()["id"] == doc_id
    assert identify.identify("Das ist ein kurzer deutscher Satz.", ["de", "en"])[0] == "de"
    again = use.vectors(["Ein Satz, den der Encoder kodiert."])  # the weights load again
    assert np.allclose(again, remembered)


@pytest.mark.parametrize(("release_after", "scheduled"), [(0.0, False), (60.0, True)])
def test_a_release_is_scheduled_unless_release_after_is_zero(
    release_after: float, scheduled: bool
) -> None:
    async def ok(scope: Any, receive: Any, send: Any) -> None:
        await send({"type": "http.response.start", "status": 204, "headers": []})
        await send({"type": "http.response.body", "body": b""})

    async def one_request() -> bool:
        idle = _memory.IdleTrim(ok, release_after=release_after)

        async def receive() -> dict[str, Any]:
            return {"type": "http.request", "body": b""}

        async def send(message: Any) -> None:
            pass

        await idle({"type": "http"}, receive, send)
        waiting = idle.releasing is not None
        if idle.releasing is not None:
            idle.releasing.cancel()
        return waiting

    assert asyncio.run(one_request()) is scheduled


def test_a_viewers_lease_runs_out() -> None:
    now = [100.0]
    viewers = _memory.Viewers(lease=60.0, clock=lambda: now[0])
    assert not viewers.active()
    viewers.touch("doc-a")
    now[0] = 159.0
    assert viewers.active()
    now[0] = 161.0
    assert not viewers.active()


def test_while_a_page_shows_a_document_nothing_is_let_go(
    store_dir: Path, document: Document
) -> None:
    doc_id = Store(store_dir).create("1" * 64, lambda: document, "app-aligner")[0]
    app = create_app(store_dir, release_after=0.5)
    store = app.state.service.store
    use = get_encoder("use")
    assert use is not None
    with TestClient(app, base_url=BASE_URL) as client:
        # the first request: no release was scheduled before it, none can race it
        assert client.post(f"/documents/{doc_id}/warm").status_code == 204
        # the page's word: the document parsed, the encoder loaded, its texts encoded
        assert store._cache
        assert use._memory.rows
        time.sleep(2.0)  # four idle releases' worth
        assert store._cache
        assert use._memory.rows
        assert all(encoder._loaded is not None for encoder in embeddings._WEIGHTS)
        # once no page has said so for a lease, the service lets go as before
        app.state.service.viewers.lease = 0.0
        app.state.service.viewers.touch(doc_id)
        deadline = time.monotonic() + 10
        while store._cache and time.monotonic() < deadline:
            time.sleep(0.05)
        assert not store._cache
        assert all(encoder._loaded is None for encoder in embeddings._WEIGHTS)
        assert client.post("/documents/nope/warm").status_code == 404


def _fork_server() -> int | None:
    from multiprocessing import forkserver

    pid: int | None = getattr(forkserver._forkserver, "_forkserver_pid", None)
    return pid


def _running(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def test_after_an_idle_while_the_workers_fork_server_stops_and_starts_again_for_work(
    store_dir: Path, document: Document
) -> None:
    doc_id = Store(store_dir).create("3" * 64, lambda: document, "app-aligner")[0]
    app = create_app(store_dir, release_after=1.0)
    with TestClient(app, base_url=BASE_URL) as client:
        # a heavy export runs in a worker, forked by the server that holds the encoder
        assert client.get(f"/documents/{doc_id}/export?to=docx").status_code == 200
        server = _fork_server()
        assert server is not None
        deadline = time.monotonic() + 30
        # stopped: the process ends (a zombie for a moment), then it is reaped and forgotten
        while (_running(server) or _fork_server() is not None) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert not _running(server)
        assert _fork_server() is None
        # the next job starts a fresh server
        again = client.get(f"/documents/{doc_id}/export?to=docx")
        assert again.status_code == 200
        assert again.content[:2] == b"PK"
        fresh = _fork_server()
        assert fresh is not None
        assert fresh != server


def test_the_fork_server_is_not_stopped_while_a_worker_runs() -> None:
    from aligner.service.workers import Workers

    workers = Workers()

    async def scenario() -> tuple[bool, bool]:
        job = asyncio.ensure_future(workers.run(time.sleep, 60))
        while not workers._running:
            await asyncio.sleep(0.05)
        refused = not workers.recycle()
        job.cancel()
        await asyncio.gather(job, return_exceptions=True)
        for _ in range(300):  # the worker is killed and waited for (bounded: 30 s)
            if not workers._running:
                break
            await asyncio.sleep(0.1)
        return refused, workers.recycle()

    refused, stopped = asyncio.run(scenario())
    assert refused
    assert stopped
    assert _fork_server() is None
