"""The HTTP API and the side-by-side page, as one FastAPI application.

Documents are stored as TEI (see :mod:`aligner.store`); every correction is a new
revision. The revision number is the ETag; a PATCH must send it back in ``If-Match``. The
routes live in :mod:`aligner.service.routes`, one router per concern; they reach the store
and the limits through the dependencies of :mod:`aligner.service.deps`, and their request
and answer shapes are in :mod:`aligner.service.schemas`.
"""

from __future__ import annotations

import os
import threading
from collections.abc import AsyncIterator, Callable
from contextlib import AbstractAsyncContextManager, asynccontextmanager
from pathlib import Path

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles

from aligner.api import app_version
from aligner.service import problems
from aligner.service._memory import IdleTrim, Viewers, limit_arenas
from aligner.service.deps import ServiceState, UploadLimits
from aligner.service.limits import BodyLimit, BodyLimits
from aligner.service.routes import ROUTERS
from aligner.service.routes.meta import STATIC
from aligner.service.security import Access, AccessGuard, store_token
from aligner.service.workers import Workers, WorkLimits
from aligner.settings import DEFAULT_SETTINGS, Settings
from aligner.store import Store

__all__ = ["create_app"]

#: the store's search index, in the store's folder
SEARCH_INDEX = ".search.sqlite"


def create_app(
    store_dir: Path | None = None,
    *,
    settings: Settings = DEFAULT_SETTINGS,
    access: Access | None = None,
    max_upload_bytes: int | None = None,
    max_files: int | None = None,
    max_align_mb: float | None = None,
    review_below: float | None = None,
    release_after: float | None = None,
    work: WorkLimits | None = None,
) -> FastAPI:
    """Build the service over the documents kept in ``store_dir`` (default: ``settings.store``).

    ``settings`` holds the limits, the review threshold and the idle time after which the
    service lets go of what reloads on demand (see :mod:`aligner.service._memory`); the
    keyword arguments named after them override it. ``access`` says who may use it
    (:mod:`aligner.service.security`); the default is a service on loopback with the store's
    API token, optional. When it starts (its lifespan), the service recovers its store from
    writes a crash interrupted and caps the C library's memory arenas. An upload whose
    alignment would need more than ``settings.max_align_mb`` MB of memory (see
    :func:`aligner.api.check_needs`) is refused with a 413 problem before any work. Uploads
    are aligned, exports rendered and documents re-aligned in worker processes within
    ``work`` (default: the settings' job limits; see :mod:`aligner.service.workers`).
    """
    settings = settings.but(
        store=None if store_dir is None else Path(store_dir),
        max_upload_bytes=max_upload_bytes,
        max_files=max_files,
        max_align_mb=max_align_mb,
        review_below=review_below,
        release_after=release_after,
    )
    store = Store(settings.store, index=settings.store / SEARCH_INDEX)
    if access is None:
        access = Access(token=store_token(store.root)[0])
    app = FastAPI(
        title="aligner",
        summary="Align language versions of a document, correct the alignment, export it.",
        version=app_version(),
        lifespan=_lifespan(store),
    )
    problems.install(app)
    viewers = Viewers()
    workers = Workers(work or _work_limits(settings))
    _add_middleware(app, settings, store, access, viewers, workers)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    app.state.service = _state(settings, store, viewers, workers)
    workers.warm()
    for router in ROUTERS:
        app.include_router(router)
    return app


def _lifespan(store: Store) -> Callable[[FastAPI], AbstractAsyncContextManager[None]]:
    """Return the service's lifespan: on start it recovers ``store`` from writes a crash
    interrupted and caps the C library's memory arenas; on stop it closes the store."""

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        store.recover()
        limit_arenas()
        yield
        store.close()

    return lifespan


def _state(settings: Settings, store: Store, viewers: Viewers, workers: Workers) -> ServiceState:
    """Return what the routes reach through :mod:`aligner.service.deps`."""
    return ServiceState(
        store=store,
        heavy=threading.BoundedSemaphore(max(1, os.cpu_count() or 1)),
        limits=UploadLimits(
            max_upload_bytes=settings.max_upload_bytes,
            max_files=settings.max_files,
            max_align_mb=settings.max_align_mb,
        ),
        review_below=settings.review_below,
        settings=settings,
        viewers=viewers,
        workers=workers,
    )


def _add_middleware(
    app: FastAPI,
    settings: Settings,
    store: Store,
    access: Access,
    viewers: Viewers,
    workers: Workers,
) -> None:
    """Add the body limits, the idle release and the access guard (outermost, last)."""
    limits = BodyLimits(
        upload=settings.max_upload_body,
        patch=settings.max_patch_bytes,
        other=settings.max_other_bytes,
    )
    app.add_middleware(BodyLimit, limits=limits)
    app.add_middleware(
        IdleTrim,
        release_after=settings.release_after,
        also=(store.forget, workers.recycle),
        keep=viewers.active,
    )
    app.add_middleware(AccessGuard, access=access)  # outermost: it hardens every answer


def _work_limits(settings: Settings) -> WorkLimits:
    """Return the limits of one request's heavy work that ``settings`` give."""
    return WorkLimits(
        seconds=settings.job_seconds,
        cpu_seconds=settings.job_cpu_seconds,
        memory_mb=settings.job_memory_mb,
    )
