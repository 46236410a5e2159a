"""``aligner archive``: many documents: add, search, check, export, reindex."""

from __future__ import annotations

import argparse
import json
import os
import sys
import textwrap
from collections.abc import Callable
from dataclasses import asdict
from typing import Any

from tqdm import tqdm

from aligner.archive.archive import Archive
from aligner.cli._common import (
    Command,
    count,
    delay_option,
    encoder_options,
    langs,
    pair,
    subcommands,
)
from aligner.index import Hit

__all__ = ["COMMAND"]

_DEFAULT_ARCHIVE = "aligner-archive"

_Handler = Callable[[Archive, argparse.Namespace], int]


def _in_archive(handler: _Handler, *, create: bool = False) -> Callable[[argparse.Namespace], int]:
    """Return a command's run: open the archive of ``--archive`` and hand it over."""

    def run(args: argparse.Namespace) -> int:
        with Archive(args.archive, create=create) as archive:
            return handler(archive, args)

    return run


def _archive_option(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--archive",
        default=os.environ.get("ALIGNER_ARCHIVE", _DEFAULT_ARCHIVE),
        metavar="DIR",
        help="the archive folder ($ALIGNER_ARCHIVE when set)",
    )


# -- add ------------------------------------------------------------------------------------


def _add_options(p: argparse.ArgumentParser) -> None:
    _archive_option(p)
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
    p.add_argument(
        "--allow-root",
        action="append",
        default=[],
        metavar="DIR",
        help="a folder a manifest's rows may name files in, besides the manifest's own",
    )


def _add(archive: Archive, args: argparse.Namespace) -> int:
    bars: list[Any] = []

    def progress(total: int) -> Callable[[int], object] | None:
        if not sys.stderr.isatty():
            return None
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
            allow_private=args.allow_private,
            other_sites=args.other_sites,
            roots=args.allow_root,
            progress=progress,
        )
    finally:
        for bar in bars:
            bar.close()
    print(f"{archive.root}: " + summary.lines()[0])
    for line in summary.lines()[1:]:
        print(f"aligner: {line}", file=sys.stderr)
    return 1 if summary.failed else 0


# -- search ---------------------------------------------------------------------------------


def _search_options(p: argparse.ArgumentParser) -> None:
    _archive_option(p)
    p.add_argument("query", help='words (all must occur), "a phrase", prefix*, a OR b, -word')
    where = p.add_mutually_exclusive_group()
    where.add_argument("--lang", type=langs, default=(), help="match only in these, e.g. ru,en")
    where.add_argument(
        "--in-all-languages", action="store_true", help="match in every language (the default)"
    )
    p.add_argument("--limit", type=count, default=20, help="most results shown")
    p.add_argument("--json", action="store_true", help="one JSON object per result")


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


# -- check ----------------------------------------------------------------------------------


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


# -- export ---------------------------------------------------------------------------------


def _export_options(p: argparse.ArgumentParser) -> None:
    _archive_option(p)
    p.add_argument("--to", required=True, dest="fmt", choices=("tmx",), help="tmx")
    p.add_argument("-o", "--output", required=True, metavar="OUT", help="the file to write")
    p.add_argument("--pair", type=pair, help="only these two languages, e.g. de,ru")
    p.add_argument(
        "--level",
        choices=("paragraph", "sentence"),
        default="sentence",
        help="one unit per sentence bead or per paragraph bead",
    )


def _export(archive: Archive, args: argparse.Namespace) -> int:
    units, notes = archive.export_tmx(args.output, pair=args.pair, level=args.level)
    print(f"wrote {args.output}: {units:,} translation units")
    for note in notes:
        print(note)
    return 0


# -- reindex --------------------------------------------------------------------------------


def _reindex(archive: Archive, args: argparse.Namespace) -> int:
    found = archive.reindex()
    print(f"{archive.root}: index rebuilt from {found} TEI files")
    return 0


_COMMANDS = (
    Command(
        "add",
        "align and store documents: folders, manifests (.csv) or page addresses",
        _add_options,
        _in_archive(_add, create=True),
    ),
    Command(
        "search",
        "search every paragraph and sentence of the archive",
        _search_options,
        _in_archive(_search),
    ),
    Command(
        "check",
        "validate every TEI file and compare it with the index",
        _archive_option,
        _in_archive(_check),
    ),
    Command(
        "export",
        "one translation memory from the whole archive",
        _export_options,
        _in_archive(_export),
    ),
    Command(
        "reindex",
        "rebuild the search index from the TEI files",
        _archive_option,
        _in_archive(_reindex),
    ),
)


def _options(p: argparse.ArgumentParser) -> None:
    subcommands(p, "archive_command", _COMMANDS, what="what to do")


def _run(args: argparse.Namespace) -> int:  # pragma: no cover - a subcommand always runs
    raise AssertionError(args)


COMMAND = Command("archive", "many documents: add, search, check, export", _options, _run)
