"""The HTTP service: an API and a side-by-side page to check and correct alignments.

``aligner serve`` calls :func:`run`; tests build the application with :func:`create_app`.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Sequence
from pathlib import Path

from aligner.flags import REVIEW_BELOW
from aligner.service._memory import RELEASE_AFTER
from aligner.service.app import create_app
from aligner.service.security import serving_access

__all__ = ["create_app", "run"]


def run(
    host: str = "127.0.0.1",
    port: int = 8000,
    store_dir: Path = Path("aligner-data"),
    *,
    max_upload_bytes: int = 20 * 2**20,
    max_files: int = 12,
    token: str | None = None,
    origins: Sequence[str] = (),
    review_below: float = REVIEW_BELOW,
    release_after: float = RELEASE_AFTER,
) -> None:
    """Serve the API and the page on ``host:port`` until interrupted.

    The API token is ``token``, else ``$ALIGNER_TOKEN``, else the one kept in the store (made
    and printed once on the first start). Bound to anything but loopback, every write needs
    it, and a warning says so.
    """
    import uvicorn

    logging.basicConfig(level=logging.INFO, format="aligner: %(message)s")
    access, notes = serving_access(host, Path(store_dir), token=token, origins=origins)
    for note in notes:
        print(f"aligner: {note}", file=sys.stderr)
    app = create_app(
        Path(store_dir),
        max_upload_bytes=max_upload_bytes,
        max_files=max_files,
        access=access,
        review_below=review_below,
        release_after=release_after,
    )
    uvicorn.run(app, host=host, port=port, log_level="info")
