"""What the routes share, handed to them as FastAPI dependencies."""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from typing import Annotated

from fastapi import Depends, Request

from aligner.service._memory import Viewers
from aligner.service.workers import Workers
from aligner.settings import DEFAULT_SETTINGS, Settings
from aligner.store import Store

__all__ = [
    "Heavy",
    "Limits",
    "ServiceState",
    "SettingsDep",
    "StoreDep",
    "UploadLimits",
    "ViewersDep",
    "WorkersDep",
]


@dataclass(frozen=True)
class UploadLimits:
    max_upload_bytes: int  # one file
    max_files: int  # one upload
    #: memory (MB) an upload's alignment may need at most (see aligner.api.check_needs)
    max_align_mb: float = 2048.0


@dataclass(frozen=True)
class ServiceState:
    """Everything a request may need beyond itself; kept on ``app.state.service``."""

    store: Store
    # Aligning and rendering are CPU-bound and hold the GIL: running more of them at once
    # than there are cores only multiplies memory (each holds its matrices) and latency.
    heavy: threading.BoundedSemaphore
    limits: UploadLimits
    review_below: float  # automatic beads scored below this are flagged
    settings: Settings = DEFAULT_SETTINGS  # all of them, for a route that needs another
    # the documents pages show: what their corrections need stays loaded
    viewers: Viewers = field(default_factory=Viewers)
    # aligning and rendering run in worker processes, within limits
    workers: Workers = field(default_factory=Workers)


def _state(request: Request) -> ServiceState:
    state: ServiceState = request.app.state.service
    return state


def _store(request: Request) -> Store:
    return _state(request).store


def _heavy(request: Request) -> threading.BoundedSemaphore:
    return _state(request).heavy


def _limits(request: Request) -> UploadLimits:
    return _state(request).limits


def _review_below(request: Request) -> float:
    return _state(request).review_below


def _settings(request: Request) -> Settings:
    return _state(request).settings


def _viewers(request: Request) -> Viewers:
    return _state(request).viewers


def _workers(request: Request) -> Workers:
    return _state(request).workers


StoreDep = Annotated[Store, Depends(_store)]
Heavy = Annotated[threading.BoundedSemaphore, Depends(_heavy)]
Limits = Annotated[UploadLimits, Depends(_limits)]
ReviewBelow = Annotated[float, Depends(_review_below)]
SettingsDep = Annotated[Settings, Depends(_settings)]
ViewersDep = Annotated[Viewers, Depends(_viewers)]
WorkersDep = Annotated[Workers, Depends(_workers)]
