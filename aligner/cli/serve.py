"""``aligner serve``: the HTTP service and its web page."""

from __future__ import annotations

import argparse
import errno
import socket
from pathlib import Path

from aligner.cli._common import Command, count, mb, megabytes, port, review_option, seconds
from aligner.errors import AlignerError
from aligner.settings import DEFAULT_SETTINGS, MB

__all__ = ["COMMAND"]


def _options(p: argparse.ArgumentParser) -> None:
    """Add the options of ``aligner serve``, in the order ``--help`` lists them."""
    _place_options(p)
    _access_options(p)
    _job_options(p)


def _place_options(p: argparse.ArgumentParser) -> None:
    """Add where the service listens and keeps its documents, and what uploads it takes."""
    p.add_argument("--host", default=DEFAULT_SETTINGS.host, help="address to listen on")
    p.add_argument(
        "--port", type=port, default=DEFAULT_SETTINGS.port, help="port to listen on (1-65535)"
    )
    p.add_argument(
        "--store", default=str(DEFAULT_SETTINGS.store), metavar="DIR", help="where documents live"
    )
    p.add_argument(
        "--max-upload-mb",
        type=megabytes,
        default=mb(DEFAULT_SETTINGS.max_upload_bytes),
        metavar="MB",
        help="largest file accepted",
    )
    p.add_argument(
        "--max-files",
        type=count,
        default=DEFAULT_SETTINGS.max_files,
        metavar="N",
        help="most files in one upload",
    )
    p.add_argument(
        "--max-align-mb",
        type=megabytes,
        default=DEFAULT_SETTINGS.max_align_mb,
        metavar="MB",
        help="memory an upload's alignment may need; a larger upload is refused before work",
    )


def _access_options(p: argparse.ArgumentParser) -> None:
    """Add who may write and read, and when idle memory is given back."""
    p.add_argument(
        "--token",
        help="the API token writes need when not on loopback (default: $ALIGNER_TOKEN, "
        "else the one kept in the store, made on first start)",
    )
    p.add_argument(
        "--origin",
        action="append",
        default=[],
        metavar="URL",
        help="another origin whose pages may make changes, e.g. https://align.example.org "
        "behind a reverse proxy (repeatable)",
    )
    p.add_argument(
        "--release-after",
        type=seconds,
        default=DEFAULT_SETTINGS.release_after,
        metavar="SECONDS",
        help="idle time after which memory that reloads on demand is given back "
        "(language identifier, hyphenation patterns, parsed documents; 0: never)",
    )
    p.add_argument(
        "--private",
        action="store_true",
        help="reads need the API token too (by default anyone who reaches the service may "
        "read its documents)",
    )


def _job_options(p: argparse.ArgumentParser) -> None:
    """Add the limits of one upload, export or re-alignment, and the review threshold."""
    p.add_argument(
        "--deadline",
        type=seconds,
        default=DEFAULT_SETTINGS.job_seconds,
        metavar="SECONDS",
        help="longest an upload, export or re-alignment may wait and work",
    )
    p.add_argument(
        "--job-cpu",
        type=count,
        default=DEFAULT_SETTINGS.job_cpu_seconds,
        metavar="SECONDS",
        help="CPU time one upload, export or re-alignment may take",
    )
    p.add_argument(
        "--job-memory-mb",
        type=count,
        default=DEFAULT_SETTINGS.job_memory_mb,
        metavar="MB",
        help="memory one upload, export or re-alignment may take",
    )
    review_option(p, "the page and downloads flag automatic beads whose cert is below this")


def _run(args: argparse.Namespace) -> int:
    from aligner.service import run  # FastAPI and uvicorn load only for `aligner serve`

    _check_port(args.host, args.port)
    run(
        DEFAULT_SETTINGS.but(
            host=args.host,
            port=args.port,
            store=Path(args.store),
            max_upload_bytes=int(float(args.max_upload_mb) * MB),
            max_files=args.max_files,
            max_align_mb=float(args.max_align_mb),
            token=args.token,
            origins=tuple(args.origin),
            review_below=args.review_below,
            release_after=args.release_after,
            private=args.private,
            job_seconds=args.deadline,
            job_cpu_seconds=args.job_cpu,
            job_memory_mb=args.job_memory_mb,
        )
    )
    return 0


def _check_port(host: str, number: int) -> None:
    """Refuse, in one line, a port another program holds or an address not of this host."""
    try:
        infos = socket.getaddrinfo(host, number, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE)
    except socket.gaierror as exc:
        raise AlignerError(f"cannot listen on {host}: {exc.strerror}") from None
    family, kind, proto, _, address = infos[0]
    with socket.socket(family, kind, proto) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as uvicorn does
        try:
            probe.bind(address)
        except OSError as exc:
            why = "the port is in use" if exc.errno == errno.EADDRINUSE else exc.strerror
            raise AlignerError(f"cannot listen on {host}:{number}: {why}") from None


COMMAND = Command("serve", "run the HTTP service and its web page", _options, _run)
