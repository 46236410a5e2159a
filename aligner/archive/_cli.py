"""The ``aligner archive`` commands: add, search, check, export, reindex."""

from __future__ import annotations

import argparse
import json
import os
import sys
import textwrap
from collections.abc import Callable
from dataclasses import asdict
from typing import Any

from aligner.archive.archive import Archive
from aligner.archive.index import Hit
from aligner.errors import AlignerError

__all__ = ["delay_option", "register", "run"]

_DEFAULT_ARCHIVE = "aligner-archive"


def delay_option(p: argparse.ArgumentParser) -> None:
    """Add ``--delay``, the politeness of fetching, to a command that fetches pages."""
    p.add_argument(
        "--delay",
        type=float,
        default=1.0,
        metavar="SECONDS",
        help="least time between two requests to one web host",
    )


def register(
    sub: Any,
    *,
    langs: Callable[[str], tuple[str, ...]],
    formatter: type[argparse.HelpFormatter],
    encoder_options: Callable[[argparse.ArgumentParser], None],
) -> None:
    """Add the ``archive`` command and its sub-commands to the top-level parser."""
    top = sub.add_parser(
        "archive", help="many documents: add, search, check, export", formatter_class=formatter
    )
    commands = top.add_subparsers(
        dest="archive_command", required=True, metavar="COMMAND", help="what to do"
    )

    def command(name: str, text: str) -> argparse.ArgumentParser:
        p: argparse.ArgumentParser = commands.add_parser(
            name, help=text, description=text, formatter_class=formatter
        )
        p.add_argument(
            "--archive",
            default=os.environ.get("ALIGNER_ARCHIVE", _DEFAULT_ARCHIVE),
            metavar="DIR",
            help="the archive folder ($ALIGNER_ARCHIVE when set)",
        )
        return p

    p = command("add", "align and store documents: folders, manifests (.csv) or page addresses")
    p.add_argument(
        "sources",
        nargs="+",
        metavar="SRC",
        help="a document folder (files named by language), a folder of them, a .csv manifest "
        "(doc,lang,path or URL) or a page address",
    )
    p.add_argument(
        "--executor",
        default="processes",
        help="serial, processes[:N] (N: one per core unless given), dask (a local cluster) "
        "or dask://HOST:PORT",
    )
    p.add_argument("--original", metavar="LANG", help="the language the others translate")
    encoder_options(p)
    delay_option(p)
    p.add_argument("--no-fetch", action="store_true", help="refuse page addresses")

    p = command("search", "search every paragraph and sentence of the archive")
    p.add_argument("query", help='words (all must occur), "a phrase", prefix*, a OR b, -word')
    where = p.add_mutually_exclusive_group()
    where.add_argument("--lang", type=langs, default=(), help="match only in these, e.g. ru,en")
    where.add_argument(
        "--in-all-languages", action="store_true", help="match in every language (the default)"
    )
    p.add_argument("--limit", type=int, default=20, help="most results shown (default 20)")
    p.add_argument("--json", action="store_true", help="one JSON object per result")

    command("check", "validate every TEI file and compare it with the index")

    p = command("export", "one translation memory from the whole archive")
    p.add_argument("--to", required=True, dest="fmt", choices=("tmx",), help="tmx")
    p.add_argument("-o", "--output", required=True, metavar="OUT", help="the file to write")
    p.add_argument("--pair", type=langs, help="only these two languages, e.g. de,ru")
    p.add_argument(
        "--level",
        choices=("paragraph", "sentence"),
        default="sentence",
        help="one unit per sentence bead or per paragraph bead",
    )

    command("reindex", "rebuild the search index from the TEI files")


def run(args: argparse.Namespace) -> int:
    """Run ``aligner archive COMMAND``; return the exit code."""
    create = args.archive_command == "add"
    with Archive(args.archive, create=create) as archive:
        handler: Callable[[Archive, argparse.Namespace], int] = _HANDLERS[args.archive_command]
        return handler(archive, args)


def _add(archive: Archive, args: argparse.Namespace) -> int:
    bars: list[Any] = []

    def progress(total: int) -> Callable[[int], object] | None:
        if not sys.stderr.isatty():
            return None
        from tqdm import tqdm

        bars.append(tqdm(total=total, unit="doc", file=sys.stderr, dynamic_ncols=True))
        return bars[0].update  # type: ignore[no-any-return]

    try:
        summary = archive.add(
            args.sources,
            executor=args.executor,
            original=args.original,
            encoder=args.encoder,
            fetch=not args.no_fetch,
            delay=args.delay,
            progress=progress,
        )
    finally:
        for bar in bars:
            bar.close()
    print(f"{archive.root}: " + summary.lines()[0])
    for line in summary.lines()[1:]:
        print(f"aligner: {line}", file=sys.stderr)
    return 1 if summary.failed else 0


def _search(archive: Archive, args: argparse.Namespace) -> int:
    hits = archive.search(args.query, langs=args.lang, limit=args.limit)
    for hit in hits:
        print(json.dumps(asdict(hit), ensure_ascii=False) if args.json else _format(hit))
    if not hits and not args.json:
        print(f"no results for {args.query}", file=sys.stderr)
    return 0


def _format(hit: Hit) -> str:
    head = f"{hit.doc} {hit.date or '-'} {hit.bead} ({hit.level}): {hit.title}"
    lines = [head, _indent(hit.lang, hit.text, mark="*")]
    lines += [_indent(lang, text) for lang, text in hit.counterparts]
    return "\n".join(lines) + "\n"


def _indent(lang: str, text: str, *, mark: str = " ") -> str:
    prefix = f"  {lang}{mark} "
    return textwrap.fill(
        text, width=100, initial_indent=prefix, subsequent_indent=" " * len(prefix)
    )


def _check(archive: Archive, args: argparse.Namespace) -> int:
    report = archive.check()
    for label, items in (
        ("invalid", report.invalid),
        ("changed since filed", report.changed),
        ("missing", report.missing),
        ("not in the index", report.unindexed),
    ):
        for item in items:
            print(f"{archive.root}: {label}: {item}")
    verdict = "sound" if report.ok else "problems found"
    print(f"{archive.root}: {report.checked} TEI files checked: {verdict}")
    return 0 if report.ok else 1


def _export(archive: Archive, args: argparse.Namespace) -> int:
    if args.pair is not None and len(args.pair) != 2:
        raise AlignerError("--pair takes two languages, e.g. de,ru")
    units, notes = archive.export_tmx(args.output, pair=args.pair, level=args.level)
    print(f"wrote {args.output}: {units:,} translation units")
    for note in notes:
        print(note)
    return 0


def _reindex(archive: Archive, args: argparse.Namespace) -> int:
    count = archive.reindex()
    print(f"{archive.root}: index rebuilt from {count} TEI files")
    return 0


_HANDLERS: dict[str, Callable[[Archive, argparse.Namespace], int]] = {
    "add": _add,
    "search": _search,
    "check": _check,
    "export": _export,
    "reindex": _reindex,
}
