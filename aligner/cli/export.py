"""``aligner export``: stored TEI documents to DOCX, PDF, TMX, XLIFF, CSV or XLSX."""

from __future__ import annotations

import argparse

from aligner.api import export, load_document
from aligner.cli._common import (
    OUTPUT_HELP,
    STDOUT,
    Command,
    UsageError,
    check_output,
    langs,
    pair,
    report,
    review_option,
    score,
    write,
)
from exports import FORMATS, ExportOptions, render

__all__ = ["COMMAND"]


def _format(value: str) -> str:
    """Read an export format's name."""
    if value not in FORMATS:
        raise argparse.ArgumentTypeError(
            f"unknown export format {value!r}; choose one of {', '.join(FORMATS)}"
        )
    return value


def _options(p: argparse.ArgumentParser) -> None:
    p.add_argument("files", nargs="+", metavar="FILE.xml", help="stored TEI documents")
    p.add_argument("--to", required=True, dest="fmt", type=_format, metavar="FORMAT",
                   help="one of " + ", ".join(FORMATS))  # fmt: skip
    p.add_argument(
        "-o",
        "--output",
        required=True,
        metavar="OUT",
        help=OUTPUT_HELP + "; xliff writes one file per language pair, OUT.{src-tgt}.xlf",
    )
    p.add_argument(
        "--langs",
        type=langs,
        help="languages and their order, e.g. ru,en (default: all, in the document's order)",
    )
    p.add_argument(
        "--level",
        choices=("paragraph", "sentence"),
        help="one row or unit per paragraph bead or per sentence bead "
        "(default: sentence for TMX and XLIFF, paragraph for the others)",
    )
    p.add_argument(
        "--locale",
        default="en",
        help="language of headers, footers, legend, flag reasons and Word comments "
        "(de, en, es, fr, ru; others: English)",
    )
    p.add_argument("--page-size", choices=("A4", "Letter"), default="A4", help="DOCX and PDF")
    p.add_argument("--no-flags", action="store_true", help="no shading or comments")
    p.add_argument("--pair", type=pair, help="TMX: only these two languages, e.g. de,ru")
    p.add_argument("--source", metavar="LANG", help="XLIFF: the source language")
    review_option(p, "flag automatic beads whose cert is below this")
    p.add_argument(
        "--min-cert", "--min-score", dest="min_score", type=score, default=0.0, metavar="CERT",
        help="TMX: leave out beads whose cert is below this (--min-score: the older name)",
    )  # fmt: skip


def _run(args: argparse.Namespace) -> int:
    check_output(args.output)
    documents = [load_document(f) for f in args.files]
    options = ExportOptions(
        langs=args.langs,
        level=args.level,
        locale=args.locale,
        page_size=args.page_size,
        flags=not args.no_flags,
        pair=args.pair,
        source=args.source,
        review_below=args.review_below,
        min_score=args.min_score,
    )
    if args.output == STDOUT:
        rendered = render(documents, args.fmt, options)
        if len(rendered.outputs) > 1:
            raise UsageError(f"{args.fmt} makes {len(rendered.outputs)} files: give -o a name")
        write(STDOUT, rendered.outputs[0].data)
        notes = rendered.notes
    else:
        paths, notes = export(documents, args.fmt, args.output, options=options)
        for path in paths:
            print(f"wrote {path} ({path.stat().st_size:,} bytes)")
    for note in notes:
        report(args.output, note)
    return 0


COMMAND = Command("export", "export stored documents to another format", _options, _run)
