"""``aligner eval``: score the aligner against gold alignments."""

from __future__ import annotations

import argparse
import dataclasses

from aligner.align_config import DEFAULT_CONFIG
from aligner.cli._common import Command, encoder_options
from aligner.evaluate import evaluate, format_table

__all__ = ["COMMAND"]


def _options(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "paths",
        nargs="+",
        metavar="PATH",
        help="a gold folder (gold.json or ParIce layout), or SRC TGT GOLD bead files",
    )
    encoder_options(p)


def _run(args: argparse.Namespace) -> int:
    config = dataclasses.replace(DEFAULT_CONFIG, encoder=args.encoder)
    print(format_table(evaluate(args.paths, config=config)))
    return 0


COMMAND = Command("eval", "score the aligner against gold alignments", _options, _run)
