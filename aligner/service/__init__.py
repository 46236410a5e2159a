"""The HTTP service: an API and a side-by-side page to check and correct alignments.

``aligner serve`` calls :func:`run`; tests build the application with :func:`create_app`.
"""

from __future__ import annotations

from pathlib import Path

from aligner.service.app import create_app

__all__ = ["create_app", "run"]


def run(host: str = "127.0.0.1", port: int = 8000, store_dir: Path = Path("aligner-data")) -> None:
    """Serve the API and the page on ``host:port`` until interrupted."""
    import uvicorn

    uvicorn.run(create_app(Path(store_dir)), host=host, port=port, log_level="info")
