"""The HTTP service: an API and a side-by-side page to check and correct alignments.

``aligner serve`` calls :func:`run`; tests build the application with :func:`create_app`.
"""

from __future__ import annotations

from pathlib import Path

from aligner.service.app import create_app

__all__ = ["create_app", "run"]


def run(
    host: str = "127.0.0.1",
    port: int = 8000,
    store_dir: Path = Path("aligner-data"),
    *,
    max_upload_bytes: int = 20 * 2**20,
    max_files: int = 12,
) -> None:
    """Serve the API and the page on ``host:port`` until interrupted."""
    import uvicorn

    app = create_app(Path(store_dir), max_upload_bytes=max_upload_bytes, max_files=max_files)
    uvicorn.run(app, host=host, port=port, log_level="info")
