"""Fixtures for the service tests: a store, a client, a stored copy of the fixture document."""

from __future__ import annotations

import warnings
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from starlette.exceptions import StarletteDeprecationWarning

with warnings.catch_warnings():
    # Starlette 1.x prefers httpx2 for its test client and warns when it finds httpx; the
    # client works the same, and the dependency list is the lead's to change.
    warnings.simplefilter("ignore", StarletteDeprecationWarning)
    from fastapi.testclient import TestClient

from aligner.model import Document, Sentence
from aligner.service import create_app
from aligner.store import Store

DATA = Path(__file__).parent / "data"
SEEDED_KEY = "0" * 64
BASE_URL = "http://127.0.0.1:8000"


@pytest.fixture
def store_dir(tmp_path: Path) -> Path:
    return tmp_path / "store"


@pytest.fixture
def client(store_dir: Path) -> Iterator[TestClient]:
    app = create_app(store_dir, max_upload_bytes=64 * 1024, max_files=6)
    # addressed to 127.0.0.1 as a browser on this machine would: the service refuses other
    # host names (DNS rebinding), TestClient's default "testserver" included
    with TestClient(app, base_url=BASE_URL, raise_server_exceptions=False) as test_client:
        yield test_client


@pytest.fixture
def seeded(store_dir: Path, document: Document, client: TestClient) -> str:
    """Store the hand-built five-language document and return its id."""
    store = Store(store_dir)
    doc_id, created = store.create(SEEDED_KEY, lambda: document, "app-aligner")
    assert created
    return doc_id


@pytest.fixture
def miscounted(document: Document) -> Document:
    """The fixture document, but the Russian expects 210 guests where the others say 120."""
    ru = document.version("ru")
    wrong = Sentence("ru.p1.s2", "Ожидается 210 гостей.")
    p1 = replace(
        ru.blocks[1],
        text=f"{ru.blocks[1].sentences[0].text} {wrong.text}",
        sentences=(ru.blocks[1].sentences[0], wrong),
    )
    ru = replace(ru, blocks=(ru.blocks[0], p1, *ru.blocks[2:]))
    return replace(document, versions=tuple(ru if v.lang == "ru" else v for v in document.versions))


@pytest.fixture
def harbour() -> list[tuple[str, bytes]]:
    """Five short press releases of our own, as (file name, bytes), one per language."""
    return [(p.name, p.read_bytes()) for p in sorted(DATA.glob("harbour.*.txt"))]
