"""The HTTP service: an API and a side-by-side page to check and correct alignments.

``aligner serve`` calls :func:`run`; tests build the application with :func:`create_app`.
"""

from __future__ import annotations

import logging
import sys

from aligner.service.app import create_app
from aligner.service.security import serving_access
from aligner.settings import DEFAULT_SETTINGS, Settings

__all__ = ["create_app", "run"]


def run(settings: Settings = DEFAULT_SETTINGS) -> None:
    """Serve the API and the page on ``settings.host:settings.port`` until interrupted.

    The API token is ``settings.token``, else ``$ALIGNER_TOKEN``, else the one kept in the
    store (made and printed once on the first start). Bound to anything but loopback, every
    write needs it, and a warning says so; ``settings.private`` makes reads need it too.
    """
    import uvicorn

    logging.basicConfig(level=logging.INFO, format="aligner: %(message)s")
    access, notes = serving_access(
        settings.host,
        settings.store,
        token=settings.token,
        origins=settings.origins,
        private=settings.private,
    )
    for note in notes:
        print(f"aligner: {note}", file=sys.stderr)
    app = create_app(settings=settings, access=access)
    uvicorn.run(app, host=settings.host, port=settings.port, log_level="info")
