"""The HTTP API and the side-by-side page, as one FastAPI application.

Documents are stored as TEI (see :mod:`aligner.service.store`); every correction is a new
revision. The revision number is the ETag; a PATCH must send it back in ``If-Match``. The
routes live in :mod:`aligner.service.routes`, one router per concern; they reach the store
and the limits through the dependencies of :mod:`aligner.service.deps`, and their request
and answer shapes are in :mod:`aligner.service.schemas`.
"""

from __future__ import annotations

import os
import threading
from pathlib import Path

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles

from aligner.api import app_version
from aligner.flags import REVIEW_BELOW
from aligner.service import problems
from aligner.service._memory import RELEASE_AFTER, IdleTrim, limit_arenas
from aligner.service.deps import ServiceState, UploadLimits
from aligner.service.limits import BodyLimit, BodyLimits
from aligner.service.routes import ROUTERS
from aligner.service.routes.meta import STATIC
from aligner.service.security import Access, AccessGuard, load_token
from aligner.service.store import Store

__all__ = ["create_app"]


def create_app(
    store_dir: Path,
    *,
    max_upload_bytes: int = 20 * 2**20,
    max_files: int = 12,
    access: Access | None = None,
    review_below: float = REVIEW_BELOW,
    release_after: float = RELEASE_AFTER,
) -> FastAPI:
    """Build the service over the documents kept in ``store_dir``.

    ``access`` says who may use it (:mod:`aligner.service.security`); the default is a
    service on loopback with the store's API token, optional. The page and the downloads flag
    automatic beads scored below ``review_below``. After ``release_after`` idle seconds
    the service lets go of what reloads on demand (see :mod:`aligner.service._memory`).
    """
    store = Store(Path(store_dir))
    store.recover()
    limit_arenas()
    if access is None:
        access = Access(token=load_token(store.root)[0])
    app = FastAPI(
        title="aligner",
        summary="Align language versions of a document, correct the alignment, export it.",
        version=app_version(),
    )
    problems.install(app)
    # headroom for the multipart framing and the form fields
    limits = BodyLimits(upload=max_files * max_upload_bytes + 2**20)
    app.add_middleware(BodyLimit, limits=limits)
    app.add_middleware(IdleTrim, release_after=release_after, also=(store.forget,))
    app.add_middleware(AccessGuard, access=access)  # outermost: it hardens every answer
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    app.state.service = ServiceState(
        store=store,
        heavy=threading.BoundedSemaphore(max(1, os.cpu_count() or 1)),
        limits=UploadLimits(max_upload_bytes=max_upload_bytes, max_files=max_files),
        review_below=review_below,
    )
    for router in ROUTERS:
        app.include_router(router)
    return app
