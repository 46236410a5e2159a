"""``aligner validate``: check TEI, TMX or XLIFF files against their schemas and our rules."""

from __future__ import annotations

import argparse

from aligner.api import check_file
from aligner.cli._common import Command
from aligner.readers import load_bytes

__all__ = ["COMMAND"]


def _options(p: argparse.ArgumentParser) -> None:
    p.add_argument("files", nargs="+", metavar="FILE", help="files to check, by their root")


def _run(args: argparse.Namespace) -> int:
    failed = 0
    for name in args.files:
        against, problems = check_file(load_bytes(name), path=name)
        for problem in problems:
            print(f"{name}: {problem}")
        if problems:
            failed += 1
        else:
            print(f"{name}: valid ({against})")
    return 1 if failed else 0


COMMAND = Command(
    "validate", "check TEI (tei_all and our rules), TMX or XLIFF files", _options, _run
)
