"""``aligner align-segments``: two files, one segment a line, aligned as they are.

The old spelling ``aligner align --segmented --format beads`` runs the same.
"""

from __future__ import annotations

import argparse

from aligner.align import align_texts
from aligner.api import load_input
from aligner.cli._common import (
    OUTPUT_HELP,
    Command,
    UsageError,
    check_output,
    encoder_options,
    pair,
    warn,
    write,
)
from aligner.errors import InputError
from aligner.evaluate import format_beads
from aligner.readers import lang_from_filename

__all__ = ["COMMAND", "align_segments"]


def _options(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "inputs",
        nargs=2,
        metavar="[LANG=]FILE",
        help="two UTF-8 files, one segment a line (LANG= when the name does not say)",
    )
    p.add_argument("-o", "--output", required=True, metavar="OUT", help=OUTPUT_HELP)
    p.add_argument(
        "--langs",
        type=pair,
        metavar="SRC,TGT",
        help="the two languages, e.g. de,en (default: from the names)",
    )
    encoder_options(p)


def _run(args: argparse.Namespace) -> int:
    check_output(args.output)
    return align_segments(args)


def align_segments(args: argparse.Namespace) -> int:
    """Align the two files of ``args.inputs``; write the line numbers of each bead."""
    if len(args.inputs) != 2:
        raise UsageError("--segmented takes exactly two files, one segment a line")
    sides = []
    for i, spec in enumerate(args.inputs):
        item = load_input(spec)
        try:
            text = item.data.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise InputError("not UTF-8 text", path=item.filename) from None
        lang = item.lang or (args.langs[i] if args.langs else None)
        sides.append((text.splitlines(), lang or lang_from_filename(item.filename) or "und"))
    (src, src_lang), (tgt, tgt_lang) = sides
    beads = align_texts(
        src, tgt, src_lang=src_lang, tgt_lang=tgt_lang, encoder=args.encoder, warn=warn
    )
    text = format_beads([(b.src, b.tgt) for b in beads])
    write(args.output, text.encode())
    return 0


COMMAND = Command(
    "align-segments",
    "align two files of one segment a line as they are; write the line numbers of each bead",
    _options,
    _run,
)
