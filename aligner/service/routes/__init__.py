"""The service's routes, one router per concern; :func:`aligner.service.app.create_app`
includes them all."""

from __future__ import annotations

from aligner.service.routes import alignment, documents, exports, meta, search

__all__ = ["ROUTERS"]

ROUTERS = (meta.router, documents.router, exports.router, alignment.router, search.router)
