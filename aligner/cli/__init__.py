"""The ``aligner`` command line: a thin shell over the Python API.

Each subcommand is a module of this package that declares its options beside its handler
(:class:`~aligner.cli._common.Command`); :data:`COMMANDS` lists them in the order ``aligner
--help`` shows them. Defaults come from :data:`aligner.settings.DEFAULT_SETTINGS` and are
shown once in each option's help.

Exit codes: 0 ok, 1 failure (one line on stderr naming the file and the problem), 2 usage
(one line from argparse). ``-o -`` writes to standard output (the summary goes to stderr);
a reader that stops early (``| head``) ends the command quietly.
"""

from __future__ import annotations

import argparse
import os
import signal
import sys
import threading
from collections.abc import Sequence
from typing import Any

from aligner.api import app_version
from aligner.cli import (
    align,
    archive,
    demo,
    evaluate,
    export,
    review,
    segments,
    serve,
    validate,
)
from aligner.cli._common import Command, Formatter, UsageError, subcommands
from aligner.errors import AlignerError, storage_error

__all__ = ["COMMANDS", "main"]

#: the subcommands, in the order the help lists them
COMMANDS: tuple[Command, ...] = (
    align.COMMAND,
    segments.COMMAND,
    validate.COMMAND,
    export.COMMAND,
    review.COMMAND,
    evaluate.COMMAND,
    demo.COMMAND,
    archive.COMMAND,
    serve.COMMAND,
)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="aligner",
        description="Align language versions of a document and store them as TEI.",
        epilog="Exit codes: 0 done, 1 a problem with the input or output (one line), 2 usage.",
        formatter_class=Formatter,
    )
    parser.add_argument("--version", action="version", version=f"aligner {app_version()}")
    subcommands(parser, "command", COMMANDS)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit code."""
    parser = _parser()
    args = parser.parse_args(argv)
    stopped = _stop_on_sigterm()
    try:
        code: int = args.handler(args)
        sys.stdout.flush()
        return code
    except UsageError as exc:
        parser.error(str(exc))  # exits 2
    except AlignerError as exc:
        print(f"aligner: {exc}", file=sys.stderr)
        return 1
    except BrokenPipeError:
        _quiet_stdout()
        return 1
    except KeyboardInterrupt:
        return 130
    except Exception as exc:
        # a full or read-only disk met where no reader wrapped it (SQLite, a library)
        problem = storage_error(exc)
        if problem is None:
            raise
        print(f"aligner: {problem}", file=sys.stderr)
        return 1
    finally:
        if stopped is not None:
            signal.signal(signal.SIGTERM, stopped)


def _stop_on_sigterm() -> Any:
    """Make SIGTERM stop the command as Ctrl-C does, so temporary files are removed.

    Return the handler it replaced (None when not on the main thread, where none can be set).
    """
    if threading.current_thread() is not threading.main_thread():
        return None

    def interrupt(signum: int, frame: object) -> None:
        raise KeyboardInterrupt

    return signal.signal(signal.SIGTERM, interrupt)


def _quiet_stdout() -> None:
    """Point standard output at nothing, so that closing it at exit cannot fail again.

    The reader of a pipe went away (``aligner archive search … | head``): what is left to
    write has nowhere to go, and Python would print a traceback when it flushes stdout.
    """
    devnull = os.open(os.devnull, os.O_WRONLY)
    try:
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):  # stdout is no file (captured): nothing to redirect
        pass
    finally:
        os.close(devnull)
