"""Memory after load (issue 11, point 8): caches are bounded and freed memory goes back.

``benchmarks/bench_service.py`` shows the figures (resident memory before, at the peak of
50 clients and 30 s after); these tests check the mechanisms it relies on.
"""

from __future__ import annotations

import gc
import platform
import time
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from aligner.model import Document
from aligner.service import _memory
from aligner.service import store as store_module
from aligner.service.store import Store


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
