"""``aligner demo``: align the bundled five-language sample."""

from __future__ import annotations

import argparse

from aligner.api import align_sample
from aligner.cli._common import OUTPUT_HELP, Command, check_output, report, warn, write
from aligner.cli.align import summary
from aligner.tei import write_tei

__all__ = ["COMMAND"]


def _options(p: argparse.ArgumentParser) -> None:
    p.add_argument("-o", "--output", default="out/sample.tei.xml", metavar="OUT", help=OUTPUT_HELP)


def _run(args: argparse.Namespace) -> int:
    check_output(args.output)
    doc = align_sample(warn=warn)
    write(args.output, write_tei(doc))
    report(args.output, summary(args.output, doc))
    return 0


COMMAND = Command("demo", "align the bundled five-language sample", _options, _run)
