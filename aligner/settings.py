"""The application's settings: limits, timeouts, thresholds and paths, defined once.

:data:`DEFAULT_SETTINGS` is what ``aligner`` and ``aligner serve`` use when no option says
otherwise: the command line shows these defaults and builds a :class:`Settings` from its
options, the service (:func:`aligner.service.create_app`) reads one. How the aligner
aligns (weights, encoder, calibration) is not here but in
:class:`aligner.align_config.AlignConfig`, which documents record.

>>> DEFAULT_SETTINGS.max_upload_bytes // 2**20, DEFAULT_SETTINGS.review_below
(20, 0.9)
>>> DEFAULT_SETTINGS.but(max_files=3, token=None).max_files
3
"""

from __future__ import annotations

import dataclasses
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from aligner.flags import REVIEW_BELOW

__all__ = ["DEFAULT_SETTINGS", "MB", "Settings"]

MB = 2**20


def _cpus() -> int:
    """Return how many CPUs this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


@dataclass(frozen=True)
class Settings:
    """What the command line and the service run with, but for how alignment is done."""

    # paths and addresses
    store: Path = Path("aligner-data")  # where the service keeps its documents
    host: str = "127.0.0.1"
    port: int = 8000
    # limits
    max_upload_bytes: int = 20 * MB  # one file sent to the service
    max_files: int = 12  # files in one upload
    # memory (MB) one upload's alignment may need, as aligner.api.check_needs reckons it
    max_align_mb: float = 2048.0
    max_input_bytes: int = 64 * MB  # one input file of `aligner align`
    # a correction (PATCH) carries a list of operations: 500 take about 50 kB
    max_patch_bytes: int = MB
    max_other_bytes: int = 64 * 1024  # any other request body
    # timeouts
    release_after: float = 20.0  # idle seconds before memory that reloads is given back
    fetch_delay: float = 1.0  # seconds between two requests to one web site
    # thresholds
    review_below: float = REVIEW_BELOW  # automatic beads scored below this ask for review
    # work
    jobs: int = dataclasses.field(default_factory=_cpus)  # processes a long text may use
    # the heavy work of one request (aligning, rendering), in a worker process
    job_seconds: float = 600.0  # waiting and working
    job_cpu_seconds: int = 900  # CPU time
    job_memory_mb: int = 4096  # memory beyond what a fresh worker holds
    # access
    token: str | None = None  # the API token writes need off loopback ($ALIGNER_TOKEN)
    origins: tuple[str, ...] = ()  # other origins whose pages may make changes
    private: bool = False  # reads need the token too

    @property
    def max_upload_body(self) -> int:
        """Return the largest upload request: every file, and room for the form framing."""
        return self.max_files * self.max_upload_bytes + MB

    def but(self, **changes: Any) -> Settings:
        """Return these settings with ``changes``; a change of None keeps the setting."""
        return dataclasses.replace(self, **{k: v for k, v in changes.items() if v is not None})


#: the settings when nothing says otherwise
DEFAULT_SETTINGS = Settings()
