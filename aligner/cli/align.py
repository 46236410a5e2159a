"""``aligner align``: language versions in, one TEI document out."""

from __future__ import annotations

import argparse
import dataclasses
from collections import Counter

from aligner.align_config import DEFAULT_CONFIG, MEANING_BUDGET, AlignConfig
from aligner.api import InputFile, align_inputs, load_input, set_aside, stored_tei
from aligner.archive.archive import Archive
from aligner.archive.fetch import Fetcher
from aligner.cli import segments
from aligner.cli._common import (
    OUTPUT_HELP,
    Command,
    Progress,
    UsageError,
    budget,
    check_output,
    delay_option,
    encoder_options,
    jobs,
    mb,
    megabytes,
    pair,
    report,
    review_option,
    warn,
    write,
)
from aligner.errors import InputError
from aligner.flags import REVIEW_BELOW, review_beads
from aligner.model import Document
from aligner.settings import DEFAULT_SETTINGS, MB
from aligner.tei import write_tei
from aligner.views import view

__all__ = ["COMMAND", "summary"]

_GAPS_SHOWN = 10  # runs of missing text listed in the summary; the TEI lists them all
_SHAPES_SHOWN = 12  # bead shapes named in the summary, the commonest first


def _options(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "inputs",
        nargs="*",
        metavar="[LANG=]FILE",
        help=".txt, .md, .html, .docx or .pdf, one per language (LANG= when the name does not "
        "say: de, de-CH, or a three-letter code such as deu, stored as de), or one stored TEI "
        "file to align again",
    )
    p.add_argument(
        "--url",
        action="append",
        default=[],
        help="a web page: fetched with its other language versions (hreflang links or the "
        "language switcher); given more than once, just those pages",
    )
    p.add_argument("--archive", metavar="DIR", help="keep the fetched pages in this archive")
    delay_option(p)
    p.add_argument("-o", "--output", required=True, metavar="OUT", help=OUTPUT_HELP)
    p.add_argument(
        "--strict",
        action="store_true",
        help="a text that is not in its declared language is an error, not a warning",
    )
    p.add_argument("--original", metavar="LANG", help="the language the others translate")
    p.add_argument(
        "--segmented",
        action="store_true",
        help="the spelling of `aligner align-segments` before it had its own command; "
        "needs --format beads",
    )
    p.add_argument(
        "--format",
        choices=("tei", "beads"),
        default="tei",
        help="tei: a TEI document; beads: the line numbers of each bead, for --segmented",
    )
    p.add_argument(
        "--langs",
        type=pair,
        metavar="SRC,TGT",
        help="the two languages of --segmented files, e.g. de,en (default: from the names)",
    )
    review_option(p, "list automatic beads whose cert is below this for review")
    _work_options(p)


def _work_options(p: argparse.ArgumentParser) -> None:
    """Add the options of how much work aligning may do: encoder, budget, processes, size."""
    encoder_options(p)
    p.add_argument(
        "--meaning-budget",
        type=budget,
        default=f"{MEANING_BUDGET / 1e6:g}",
        metavar="MILLIONS",
        help="millions of characters the encoder reads per document (half a million: 4 to "
        "10 s of CPU): every paragraph when they all fit, then the sentences the other "
        "evidence leaves most in doubt; all for no bound",
    )
    p.add_argument(
        "--jobs",
        type=jobs,
        default=DEFAULT_SETTINGS.jobs,
        metavar="N",
        help="processes that share the sentence pass of a long text (the CPUs available)",
    )
    p.add_argument(
        "--max-mb",
        type=megabytes,
        default=mb(DEFAULT_SETTINGS.max_input_bytes),
        metavar="MB",
        help="largest input file (a 10 MB pair takes about a minute on two free cores, "
        "see benchmarks/bench_big.py)",
    )


def _run(args: argparse.Namespace) -> int:
    if args.segmented != (args.format == "beads"):
        raise UsageError(
            "--segmented and --format beads go together (two files, one segment a line)"
        )
    check_output(args.output)
    if args.segmented:
        return segments.align_segments(args)
    if args.langs:
        raise UsageError("--langs is for --segmented files; name the others LANG=FILE")
    if not args.inputs and not args.url:
        raise UsageError("give the files to align, or --url")
    if args.archive and not args.url:
        raise UsageError("--archive keeps fetched pages: give --url too")
    inputs = [load_input(spec, max_bytes=int(args.max_mb * MB)) for spec in args.inputs]
    inputs += _fetched(args)
    with Progress(len(inputs) + 1) as progress:
        doc = align_inputs(
            inputs,
            strict=args.strict,
            original=args.original,
            warn=warn,
            config=_config(args),
            workers=args.jobs,
            progress=progress,
        )
    # re-aligning a stored document keeps whatever an archivist added to it
    write(args.output, write_tei(doc, base=stored_tei(inputs)))
    report(args.output, summary(args.output, doc, review_below=args.review_below))
    return 0


def _config(args: argparse.Namespace) -> AlignConfig:
    """Return the alignment settings the options ask for (the defaults for the rest)."""
    return dataclasses.replace(
        DEFAULT_CONFIG, encoder=args.encoder, meaning_budget=args.meaning_budget
    )


def _fetched(args: argparse.Namespace) -> list[InputFile]:
    """Fetch the pages of ``--url`` (keeping snapshots in ``--archive`` when given)."""
    if not args.url:
        if args.archive:
            raise InputError("--archive keeps fetched pages: give --url too")
        return []
    archive = Archive(args.archive, create=True) if args.archive else None
    keep = archive.keep_snapshot if archive else None
    try:
        with Fetcher(
            delay=args.delay,
            allow_private=args.allow_private,
            other_sites=args.other_sites,
            keep=keep,
        ) as fetcher:
            try:
                if len(args.url) == 1:
                    return fetcher.versions(args.url[0])
                return [fetcher.page(url) for url in args.url]
            finally:
                for url, reason in fetcher.refused:
                    warn(f"warning: not fetched: {url}: {reason}")
    finally:
        if archive:
            archive.close()


def summary(document_path: str, doc: Document, *, review_below: float = REVIEW_BELOW) -> str:
    """Say what was aligned: the versions, the beads, what some lack, what to review."""
    lines = [f"wrote {document_path}: {doc.id}"]
    lines += _versions(doc)
    lines += _gaps(doc)
    lines += _doubtful(doc, review_below)
    return "\n".join(lines)


def _versions(doc: Document) -> list[str]:
    lines = []
    for v in doc.versions:
        heads = sum(b.kind == "head" for b in v.blocks)
        paras = len(v.blocks) - heads
        sents = sum(len(b.sentences) for b in v.blocks)
        lines.append(
            f"  {v.lang}: {paras} paragraphs, {heads} headings, {sents} sentences; "
            + set_aside(v).describe()
        )
    shapes = Counter(b.shape for b in doc.paragraphs.beads)
    by_count = sorted(shapes.items(), key=lambda item: (-item[1], item[0]))
    shown = ", ".join(f"{shape} ×{n}" for shape, n in by_count[:_SHAPES_SHOWN])
    if len(by_count) > _SHAPES_SHOWN:
        rest = sum(n for _, n in by_count[_SHAPES_SHOWN:])
        shown += f" and {rest} in {len(by_count) - _SHAPES_SHOWN} other shapes"
    lines.append(f"  paragraph beads ({'-'.join(doc.langs)}): {shown}")
    lines.append(f"  sentence beads: {len(doc.sentences.beads)}{_finer(doc)}")
    return lines


def _finer(doc: Document) -> str:
    """Say how many sentence beads each language pair splits finer, if any does."""
    home = {i: b.id for b in doc.sentences.beads for ids in b.members.values() for i in ids}
    split: dict[str, set[str]] = {}
    for bead in doc.sentences.pairs:
        first = next((i for ids in bead.members.values() for i in ids), "")
        split.setdefault("-".join(bead.members), set()).add(home.get(first, ""))
    said = ", ".join(f"{pair} {len(beads)}" for pair, beads in split.items())
    return f" (split finer between two languages a third joined: {said})" if said else ""


def _gaps(doc: Document) -> list[str]:
    gaps = view(doc).gaps
    if not gaps:
        return []
    lines = ["  text some versions lack:"]
    for gap in gaps[:_GAPS_SHOWN]:
        where = gap.beads[0] if len(gap.beads) == 1 else f"{gap.beads[0]}–{gap.beads[-1]}"
        lines.append(f"    {where} {gap.note}")
    if len(gaps) > _GAPS_SHOWN:
        lines.append(f"    and {len(gaps) - _GAPS_SHOWN} more, listed in the TEI (al.missing)")
    return lines


def _doubtful(doc: Document, review_below: float) -> list[str]:
    doubtful = sorted(review_beads(doc.paragraphs.beads, below=review_below), key=lambda b: b.cert)
    lines = [
        f"  {len(doubtful)} of {len(doc.paragraphs.beads)} paragraph beads "
        f"scored below {review_below:.2f} (review them)"
        + (f"; the {min(3, len(doubtful))} lowest:" if doubtful else "")
    ]
    for bead in doubtful[:3]:
        first = next((lang for lang in doc.langs if bead.ids(lang)), doc.langs[0])
        text = doc.version(first).block(bead.ids(first)[0]).text
        preview = text if len(text) <= 60 else text[:57] + "..."
        lines.append(
            f"  low confidence {bead.cert:.2f} {bead.id} [{bead.shape}] {first}: {preview}"
        )
    return lines


COMMAND = Command("align", "align language versions into one TEI document", _options, _run)
