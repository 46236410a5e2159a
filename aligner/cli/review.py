"""``aligner import-review``: apply what a reviewer did in an exported table."""

from __future__ import annotations

import argparse

from aligner.cli._common import Command, report, write
from aligner.edit import editor
from aligner.errors import InputError
from aligner.readers import load_bytes
from aligner.review import import_review, reviewer
from aligner.tei import read_tei, write_tei

__all__ = ["COMMAND"]


def _options(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "document", metavar="DOC.xml", help="the stored TEI document it was exported from"
    )
    p.add_argument(
        "table",
        metavar="REVIEWED",
        help="the .csv, .xlsx or .docx table after review (paragraph or sentence level)",
    )
    p.add_argument("-o", "--output", metavar="OUT", help="where to write (default: DOC.xml)")
    p.add_argument("--editor", metavar="NAME", help="who reviewed (default: who saved the table)")


def _run(args: argparse.Namespace) -> int:
    stored = load_bytes(args.document)
    document = read_tei(stored, path=args.document)
    data = load_bytes(args.table)
    name = args.editor or reviewer(data, path=args.table)
    if not name:
        raise InputError(
            "the file does not say who reviewed it: give --editor NAME", path=args.table
        )
    corrected, done = import_review(document, data, path=args.table, editor=editor(name))
    if not done:
        print(f"{args.table}: nothing to apply; {args.document} left as it was")
        return 0
    output = args.output or args.document
    write(output, write_tei(corrected, base=stored))
    many = "s" if len(done) > 1 else ""
    lines = [f"applied {len(done)} correction{many} from {args.table}; wrote {output}"]
    report(output, "\n".join([*lines, *(f"  {line}" for line in done)]))
    return 0


COMMAND = Command(
    "import-review",
    "apply what a reviewer did in an exported CSV, XLSX or DOCX table",
    _options,
    _run,
)
