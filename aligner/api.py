"""The pipeline as functions: files in, an aligned :class:`Document` out, TEI on disk."""

from __future__ import annotations

import io
import os
import re
import uuid
import zipfile
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, replace
from importlib.metadata import PackageNotFoundError
from importlib.metadata import version as _dist_version
from pathlib import Path

from aligner import ids
from aligner._clock import utc_now
from aligner._io import write_bytes_atomic
from aligner._process import die_with_fork_server
from aligner.align import Lexicons, ParagraphPass, align_paragraphs, align_versions
from aligner.align.embeddings import EncoderSpec, get_encoder
from aligner.align.nway import worker_context
from aligner.align.truncated import cut_headings, mark_partial, partial_beads, unmark_whole
from aligner.align_config import DEFAULT_CONFIG, AlignConfig
from aligner.errors import AlignerError, InputError, LanguageError, TooLargeError
from aligner.model import Alignment, Bead, Change, Document, Person, SourceText, Version
from aligner.readers import lang_from_filename, load_bytes, read_input, reader_for
from aligner.readers.front import (
    after_place,
    agree_dates,
    by_place,
    choose_titles,
    front_certs,
    lift_unpaired,
)
from aligner.readers.restore import restore_set_aside
from aligner.readers.setaside import SetAside, tally
from aligner.readers.units import most_units
from aligner.segment import bare_label, segment, unify_speakers
from aligner.tei import read_tei, schema_problems, tei_problems, write_tei
from exports import ExportOptions, render
from exports.schemas import tmx_problems, xliff_problems
from languages.identify import check, identify
from languages.profiles import profile

__all__ = [
    "SAMPLE_DIR",
    "InputFile",
    "Needs",
    "align_files",
    "align_inputs",
    "align_sample",
    "alignment_needs",
    "check_file",
    "check_needs",
    "export",
    "load_document",
    "load_input",
    "realign",
    "save_tei",
    "stored_tei",
]

SAMPLE_DIR = Path(__file__).parent / "data" / "sample"
_SAMPLE_FILES = ("de.txt", "en.html", "es.txt", "ru.html", "fr.txt")

Warn = Callable[[str], None]


def app_version() -> str:
    """Return the installed version of this package."""
    try:
        return _dist_version("aligner")
    except PackageNotFoundError:
        return "0"


@dataclass(frozen=True)
class InputFile:
    """One language version as bytes, with what is known about it."""

    data: bytes
    filename: str
    lang: str | None = None
    url: str | None = None
    retrieved: str | None = None  # when ``url`` was fetched, ISO 8601 UTC


def load_input(
    spec: str | os.PathLike[str], *, lang: str | None = None, max_bytes: int | None = None
) -> InputFile:
    """Read ``[LANG=]FILE`` from disk.

    >>> load_input("xx=/nonexistent/en.txt")
    Traceback (most recent call last):
    aligner.errors.EmptyInputError: /nonexistent/en.txt: file not found
    """
    text = os.fspath(spec)
    if lang is None and "=" in text and not os.path.exists(text):
        lang, text = text.split("=", 1)
    return InputFile(data=load_bytes(text, max_bytes=max_bytes), filename=text, lang=lang or None)


def _language(code: str) -> str:
    """Return the language subtag of ``code`` (``ru-RU`` → ``ru``); refuse unknown codes."""
    return str(profile(code).locale.language)


def _given_language(code: str, path: str, warn: Warn | None) -> str:
    """Return the language subtag of the code given for the file at ``path``.

    A three-letter ISO 639-2 or 639-3 code of a language that has a two-letter one (``deu``,
    ``ger``) is taken as that (``de``), since BCP 47, which the TEI's ``xml:lang`` follows,
    uses the shortest code; ``warn`` is told so. An unknown code is an error naming the file.

    >>> _given_language("deu", "de.txt", print)
    de.txt: deu is taken as de, its BCP 47 code
    'de'
    >>> _given_language("xx", "de.txt", print)
    Traceback (most recent call last):
    aligner.errors.LanguageError: de.txt: unknown language code 'xx'
    """
    try:
        lang = _language(code)
    except LanguageError as exc:
        raise LanguageError(exc.message, lang=code, path=path) from None
    primary = re.split(r"[-_]", code.strip())[0].lower()
    if warn is not None and len(primary) == 3 and len(lang) == 2:
        warn(f"{path}: {primary} is taken as {lang}, its BCP 47 code")
    return lang


def _read_version(item: InputFile, *, strict: bool, warn: Warn | None) -> list[Version]:
    """Turn one input into versions: one for a text file, the chosen ones for a TEI file."""
    found = read_input(item.data, filename=item.filename, url=item.url)
    if isinstance(found, Document):
        return _chosen_versions(found, item, warn)
    return [_segmented(found, item, strict=strict, warn=warn)]


def _chosen_versions(doc: Document, item: InputFile, warn: Warn | None) -> list[Version]:
    """Return the versions of a stored document an input names (``de=doc.tei.xml``), or all."""
    if item.lang is None:
        return list(doc.versions)
    wanted = _given_language(item.lang, item.filename, warn)
    if wanted not in doc.langs:
        raise LanguageError(
            f"has no {wanted} version (it has {', '.join(doc.langs)})",
            lang=wanted,
            path=item.filename,
        )
    return [doc.version(wanted)]


def _segmented(
    source_text: SourceText, item: InputFile, *, strict: bool, warn: Warn | None
) -> Version:
    """Return the version of one input's text, in the language it is given, named or found."""
    if item.retrieved:
        source_text = replace(
            source_text, source=replace(source_text.source, retrieved=item.retrieved)
        )
    plain = "\n".join(b.text for b in source_text.blocks)
    declared = item.lang or lang_from_filename(Path(item.filename).name)
    hint = source_text.lang  # HTML lang or Word's run languages: often a template's default
    if declared is not None:
        lang = _given_language(declared, item.filename, warn)
        problem = check(plain, lang, None)
        if problem and strict:
            raise LanguageError(problem, lang=lang, path=item.filename)
        if problem and warn:
            warn(f"{item.filename}: warning: {problem}")
    elif hint and not check(plain, _language(hint), None):
        lang = _language(hint)
    else:
        lang, _score = identify(plain)
        if warn:
            warn(f"{item.filename}: language not given; identified as {lang}")
    return segment(source_text, lang)


#: bytes of input from which the inputs are read in worker processes (when there are any):
#: below it, starting them costs more than it saves
PARALLEL_READ_BYTES = 2 * 2**20

#: what reading one input gave: its versions and the warnings it told
_Read = tuple[list[Version], list[str]]


def _read_all(
    inputs: Sequence[InputFile],
    *,
    strict: bool,
    workers: int,
    progress: Callable[[str], None] | None,
) -> list[_Read]:
    """Read every input, sharing them with ``workers`` - 1 processes when they hold
    ``PARALLEL_READ_BYTES`` or more, with the same result as in one.

    This process reads the first input while the workers read the others, and then those
    no worker has started, from the last. An input that fails anywhere is read again here,
    so the first in order raises its error as in one process.
    """
    n = len(inputs)
    if workers < 2 or n < 2 or sum(len(i.data) for i in inputs) < PARALLEL_READ_BYTES:
        return [_read_here(item, strict=strict, progress=progress) for item in inputs]
    if progress is not None:
        for item in inputs:
            progress(f"read {item.filename}")
    context = worker_context(__name__)
    with ProcessPoolExecutor(
        min(workers, n) - 1, mp_context=context, initializer=die_with_fork_server
    ) as pool:
        futures = {k: pool.submit(_read_alone, inputs[k], strict) for k in range(1, n)}
        found = {0: _read_alone(inputs[0], strict)}
        for k in reversed(range(1, n)):
            if futures[k].cancel():
                found[k] = _read_alone(inputs[k], strict)
        found.update((k, f.result()) for k, f in futures.items() if k not in found)
    return [
        got if got is not None else _read_here(inputs[k], strict=strict, progress=None)
        for k, got in sorted(found.items())
    ]


def _read_here(item: InputFile, *, strict: bool, progress: Callable[[str], None] | None) -> _Read:
    """Read one input, keeping what it warns of."""
    if progress is not None:
        progress(f"read {item.filename}")
    told: list[str] = []
    return _read_version(item, strict=strict, warn=told.append), told


def _read_alone(item: InputFile, strict: bool) -> _Read | None:
    """Read one input in a worker process; None when it fails (it is read again to say why)."""
    try:
        return _read_here(item, strict=strict, progress=None)
    except Exception:  # noqa: BLE001 - the caller reads it again and raises what it is
        return None


def _roles(versions: Sequence[Version]) -> frozenset[str]:
    return frozenset(role for v in versions for role in profile(v.lang).speaker_roles.values())


def _same_speaker_ids(versions: Sequence[Version]) -> list[Version]:
    """Give each person one id across versions, whatever each language's spelling."""
    return unify_speakers(versions, _roles(versions))


def _people(versions: Sequence[Version]) -> tuple[Person, ...]:
    """Return one person per speaker id: a role (journalist, spokesperson) or a named person.

    A named person is called by the English label when there is one, else the first found.
    """
    roles = _roles(versions)
    labels: dict[str, tuple[str, str]] = {}
    for v in sorted(versions, key=lambda v: v.lang != "en"):
        for b in v.blocks:
            if b.turn and b.turn.who not in labels:
                labels[b.turn.who] = (bare_label(b.turn.speaker), v.lang)
    people = []
    for who, (label, lang) in sorted(labels.items()):
        if who in roles:
            people.append(Person(id=who, role=who, name=who.capitalize(), lang="en"))
        else:
            people.append(Person(id=who, role="speaker", name=label, lang=lang))
    return tuple(people)


#: aligns the paragraphs of versions around fixed beads; the sentences follow when asked
Aligner = Callable[[Sequence[Version], Sequence[Bead]], ParagraphPass]


def settle(
    versions: Sequence[Version],
    aligned: Aligner,
    *,
    config: AlignConfig = DEFAULT_CONFIG,
    embedder: EncoderSpec | None = None,
) -> tuple[list[Version], Alignment, Alignment]:
    """Align read versions, letting the versions decide what their readers could not.

    A version's last paragraph cut mid-sentence is marked partial. After a first alignment,
    the versions choose their titles together (the headings above the text that pair with
    the others'), a line a reader set aside that the other versions have as text is put
    back (with ``config``'s paragraph weights and the encoder ``embedder`` names), lines
    outside the text that no other version pairs become one-sided front matter, a version
    no shorter than most others is not cut off (:func:`~aligner.align.truncated.unmark_whole`),
    a partial paragraph is paired with the paragraph it starts in the others, and lines of
    different sites that a first alignment paired by place above or after the text are parted
    where they translate nothing (:func:`~aligner.readers.front.by_place`,
    :func:`~aligner.readers.front.after_place`); then the
    versions are aligned again, unless all that changed is blocks taken out of beads of their
    own (the other beads stand). Versions that proved not to be translations of each other
    decide nothing together: they are aligned once. The sentences are aligned once, in the
    versions kept. Every bead but a partial one gets its confidence from the aligner's
    calibration; a bead outside the text (front matter, a footer) as one whose borders
    confirm nothing (:func:`~aligner.readers.front.front_certs`).
    """
    settled = [mark_partial(v) for v in versions]
    settled = agree_dates(settled) or settled  # a date the others state, not a ticker's
    found = aligned(settled, [])
    if found.unrelated:  # versions that share nothing say nothing of each other's lines
        return (
            settled,
            front_certs(settled, found.paragraphs, config.calibration),
            found.sentences(),
        )
    paragraphs = found.paragraphs
    encoder = get_encoder(embedder if embedder is not None else config.encoder)
    encoder = encoder if config.encoder is not None else None
    recut = cut_headings(settled, paragraphs)  # a cut paragraph read as a heading
    titled = choose_titles(recut or settled, paragraphs, encoder)
    restored = restore_set_aside(
        titled or recut or settled, paragraphs, config=config, encoder=encoder
    )
    lifted = lift_unpaired(restored or titled or recut or settled, paragraphs)
    if lifted is not None:  # the paragraph a footer line stood after may be the cut one
        lifted = [mark_partial(v) for v in lifted]
    changed = lifted or restored or titled or recut
    changed = unmark_whole(changed or settled, paragraphs) or changed  # no shorter: no cut
    # a sentence stating when a release was issued, a caption beside another site's summary
    cut = by_place(changed or settled, paragraphs, config.calibration, encoder)
    cut += partial_beads(changed or settled, paragraphs)
    cut += after_place(changed or settled, paragraphs, config.calibration, encoder)  # in order
    if changed is not None or cut:
        # blocks taken out of beads of their own leave the others' paths as they were
        out = None if cut else _taken_out(settled, changed or settled)
        kept = None if out is None else found.without(out)
        settled = changed or settled
        found = kept if kept is not None else aligned(settled, cut)
    return settled, front_certs(settled, found.paragraphs, config.calibration), found.sentences()


def _taken_out(before: Sequence[Version], after: Sequence[Version]) -> set[str] | None:
    """Return the ids of the blocks of ``before`` that ``after`` no longer has, or None
    when a block of ``after`` is new or changed."""
    old = {b.id: b for v in before for b in v.blocks}
    new = {b.id: b for v in after for b in v.blocks}
    if any(old.get(i) != b for i, b in new.items()):
        return None
    return set(old) - set(new)


def set_aside(version: Version) -> SetAside:
    """Count the lines and words the reader set aside from ``version``."""
    return tally((b.text for b in version.blocks), version.dropped)


def _summary(versions: Sequence[Version], paragraphs: Alignment, sentences: Alignment) -> str:
    return (
        f"{len(versions)} versions ({', '.join(v.lang for v in versions)}); "
        f"{len(paragraphs.beads)} paragraph beads, {len(sentences.beads)} sentence beads"
    )


#: resident memory (MB) of an alignment whatever its size: the interpreter, the language
#: model and the sentence encoder, in the aligning process and its two workers
MEMORY_BASE_MB = 600
#: resident memory (MB) per MB of input text at most, over the shapes of input that
#: ``benchmarks/bench_big.py --shapes`` tries (repeated, unrelated, reordered, uneven, one
#: paragraph, lines of a megabyte, one-word paragraphs, a word to a line): the versions
#: read, their units' evidence, one step of the search (``Search.step_cells`` band cells)
#: and the TEI written
MEMORY_PER_MB = 70
#: resident memory (KB) per unit (paragraph, heading or line) an input may hold at most, as
#: :func:`~aligner.readers.units.most_units` counts them: a file of lines shorter than some
#: 40 bytes (a word to a line, each a sentence) or a web page or DOCX of a word to an
#: element holds more paragraphs and sentences than its megabytes say, and the document
#: keeps every one (it is aligned in runs of them, see ``aligner.align.runs``)
MEMORY_PER_UNIT_KB = 3


@dataclass(frozen=True)
class Needs:
    """What aligning some inputs needs at most: characters of text and memory."""

    #: characters of text the inputs can hold at most (a ZIP's members unpacked)
    chars: int
    #: resident memory in MB the alignment holds at most, every worker process included
    memory_mb: float


def alignment_needs(inputs: Sequence[InputFile]) -> Needs:
    """Return what aligning ``inputs`` needs at most, without reading them.

    The search is bounded (see :class:`~aligner.align_config.Search`: a band of bounded
    width, searched a bounded window at a time), so memory grows linearly with the text:
    ``MEMORY_BASE_MB`` plus, per input, ``MEMORY_PER_MB`` per MB or ``MEMORY_PER_UNIT_KB``
    per unit it may hold (see :func:`~aligner.readers.units.most_units`), whichever is
    more. A DOCX (any ZIP) counts what its members hold unpacked, as its directory says.

    >>> alignment_needs([InputFile(b"x" * 1_500_000, "de.txt"), InputFile(b"y" * 500_000, "e")])
    Needs(chars=2000000, memory_mb=740.0)
    >>> alignment_needs([InputFile(b"Ja.\\n" * 250_000, "de.txt")])
    Needs(chars=1000000, memory_mb=1350.0)
    """
    bounds = [(_text_bound(item.data), most_units(item.data)) for item in inputs]
    memory = sum(max(MEMORY_PER_MB * c / 1e6, MEMORY_PER_UNIT_KB * n / 1e3) for c, n in bounds)
    return Needs(sum(c for c, _ in bounds), MEMORY_BASE_MB + memory)


def check_needs(inputs: Sequence[InputFile], *, memory_mb: float) -> Needs:
    """Return what aligning ``inputs`` needs, or refuse them when it is more memory than
    ``memory_mb`` (before any work: see :func:`alignment_needs`), naming the largest input.

    >>> check_needs([InputFile(b"x" * 20_000_000, "de.txt")], memory_mb=1500)  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    aligner.errors.TooLargeError: de.txt: the inputs hold up to 20,000,000 characters, ...
    """
    needs = alignment_needs(inputs)
    if needs.memory_mb > memory_mb:
        largest = max(inputs, key=lambda item: _text_bound(item.data))
        allowed = max(0, int((memory_mb - MEMORY_BASE_MB) / MEMORY_PER_MB * 1e6))
        raise TooLargeError(
            f"the inputs hold up to {needs.chars:,} characters, whose alignment needs up to "
            f"{needs.memory_mb:,.0f} MB of memory; this service allows {memory_mb:,.0f} MB "
            f"(about {allowed:,} characters)",
            path=largest.filename,
        )
    return needs


def _text_bound(data: bytes) -> int:
    """Return how many characters ``data`` can hold: its length, or a ZIP's members'."""
    if not data.startswith(b"PK\x03\x04"):
        return len(data)
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return max(len(data), sum(info.file_size for info in archive.infolist()))
    except (zipfile.BadZipFile, OSError, ValueError):
        return len(data)


def align_inputs(
    inputs: Sequence[InputFile],
    *,
    strict: bool = False,
    original: str | None = None,
    publisher: str | None = None,
    warn: Warn | None = None,
    config: AlignConfig | None = None,
    embedder: EncoderSpec | None = None,
    workers: int = 1,
    progress: Callable[[str], None] | None = None,
    lexicons: Lexicons | None = None,
) -> Document:
    """Read, segment and align the given language versions into one document.

    A single TEI input is re-aligned (beads a person confirmed stay as they are); TEI inputs
    among others contribute their versions (``lang`` picks one). ``progress`` is told each
    step as it starts: ``read FILE`` once per input, then ``align``, and while aligning how
    far it has come, as ``align: paragraphs de-fr`` or ``align: sentences 40%`` (see
    :func:`~aligner.align.align_versions`). ``lexicons`` carries what earlier documents
    taught the aligner and receives what this one teaches. ``config`` holds every alignment
    setting, the encoder and the characters it may read among them, and is recorded in the
    document (None: the defaults, or for a stored document the settings it records);
    ``embedder`` is the encoder it names when the caller holds it already (see
    :func:`~aligner.align.align_versions`); ``warn`` is told when the encoder left text
    unread. ``workers`` processes share the reading and the sentences of a long text (see
    :func:`~aligner.align.align_versions` for what a script needs then).
    """
    if stored_tei(inputs) is not None:
        stored = read_tei(inputs[0].data, path=inputs[0].filename)
        return realign(stored, config=config, embedder=embedder)
    warnings: list[str] = []  # said only when the whole run succeeds: a failure is one line
    versions = _versions(inputs, strict=strict, workers=workers, progress=progress, told=warnings)
    versions = _marked_original(versions, original)
    if progress is not None:
        progress("align")
    config = config or DEFAULT_CONFIG
    notes: list[str] = []  # what the last alignment warned of: an earlier one was redone

    def aligned(versions: Sequence[Version], fixed: Sequence[Bead]) -> ParagraphPass:
        notes.clear()
        return align_paragraphs(
            versions,
            fixed=fixed,
            config=config,
            embedder=embedder,
            workers=workers,
            lexicons=lexicons,
            progress=None if progress is None else (lambda step: progress(f"align: {step}")),
            warn=notes.append,
        )

    versions, paragraphs, sentences = settle(versions, aligned, config=config, embedder=embedder)
    if warn is not None:
        for message in [*warnings, *notes]:
            warn(message)
    return _document(
        versions, paragraphs, sentences, publisher=publisher, config=_recorded(config, embedder)
    )


def _versions(
    inputs: Sequence[InputFile],
    *,
    strict: bool,
    workers: int,
    progress: Callable[[str], None] | None,
    told: list[str],
) -> list[Version]:
    """Read every input into its versions; refuse a language given twice, or fewer than two."""
    versions: list[Version] = []
    origin: dict[str, str] = {}
    read_all = _read_all(inputs, strict=strict, workers=workers, progress=progress)
    for item, (read, warnings) in zip(inputs, read_all, strict=True):
        told.extend(warnings)
        for v in read:
            if v.lang in origin:
                raise LanguageError(
                    f"language {v.lang} is given twice (also by {origin[v.lang]})",
                    lang=v.lang,
                    path=item.filename,
                )
            origin[v.lang] = item.filename
            versions.append(v)
            aside = set_aside(v)
            if aside.too_much:
                told.append(
                    f"{item.filename}: warning: {aside.describe()} of the {v.lang} version as "
                    "page furniture, more than a fifth of its words (each is a "
                    '<note type="dropped"> in the TEI)'
                )
    if len(versions) < 2:
        raise InputError(f"need at least two language versions, got {len(versions)}")
    return versions


def _marked_original(versions: Sequence[Version], original: str | None) -> list[Version]:
    """Mark the version in ``original`` as the original; give each speaker one id."""
    if original is not None:
        original = _language(original)
        if original not in {v.lang for v in versions}:
            raise LanguageError(f"the original language {original} is not among the inputs")
    return _same_speaker_ids([replace(v, original=v.lang == original) for v in versions])


def _document(
    versions: Sequence[Version],
    paragraphs: Alignment,
    sentences: Alignment,
    *,
    publisher: str | None,
    config: AlignConfig,
) -> Document:
    """Return the aligned document, its id drawn from its sources, its first change made."""
    created = utc_now()
    version = app_version()
    doc_id = ids.document_id(v.source.sha256 for v in versions)
    summary = _summary(versions, paragraphs, sentences)
    return Document(
        id=doc_id,
        uuid=str(uuid.uuid5(uuid.NAMESPACE_URL, f"urn:aligner:{doc_id}")),
        versions=tuple(versions),
        paragraphs=paragraphs,
        sentences=sentences,
        created=created,
        changes=(
            Change(
                when=created,
                who="resp-aligner",
                text=f"Aligned by aligner {version}: {summary}.",
                n=1,
            ),
        ),
        people=_people(versions),
        publisher=publisher,
        app_version=version,
        aligned_with=config,
    )


def _recorded(config: AlignConfig, embedder: EncoderSpec | None) -> AlignConfig:
    """Return ``config`` as it was used: with the name of the encoder the caller gave."""
    if config.encoder is None or embedder is None:
        return config
    loaded = get_encoder(embedder)
    return config if loaded is None else replace(config, encoder=loaded.name)


def align_files(
    paths: Sequence[str | os.PathLike[str]],
    *,
    strict: bool = False,
    original: str | None = None,
    warn: Warn | None = None,
    config: AlignConfig | None = None,
    workers: int = 1,
) -> Document:
    """Align files given as paths or ``LANG=PATH`` strings."""
    return align_inputs(
        [load_input(p) for p in paths],
        strict=strict,
        original=original,
        warn=warn,
        config=config,
        workers=workers,
    )


def stored_tei(inputs: Sequence[InputFile]) -> bytes | None:
    """Return the TEI bytes when ``inputs`` is one whole stored document (to re-align)."""
    if len(inputs) == 1 and (found := reader_for(inputs[0].filename)) and found.name == "tei":
        return None if inputs[0].lang else inputs[0].data
    return None


def realign(
    document: Document,
    *,
    config: AlignConfig | None = None,
    embedder: EncoderSpec | None = None,
) -> Document:
    """Align ``document`` again, keeping the beads a person confirmed or corrected.

    With the settings it was aligned with unless ``config`` says others (the defaults for
    a document that does not say).
    """
    config = config or document.aligned_with or DEFAULT_CONFIG
    beads = (*document.paragraphs.beads, *document.sentences.beads)
    fixed = [b for b in beads if b.status == "manual"]
    paragraphs, sentences = align_versions(
        document.versions, fixed=fixed, config=config, embedder=embedder
    )
    change = Change(
        when=utc_now(),
        who="resp-aligner",
        text=f"Re-aligned by aligner {app_version()}, keeping {len(fixed)} manual beads: "
        + _summary(document.versions, paragraphs, sentences)
        + ".",
        n=max((c.n for c in document.changes), default=0) + 1,
    )
    return replace(
        document,
        paragraphs=paragraphs,
        sentences=sentences,
        changes=(*document.changes, change),
        app_version=app_version(),
        aligned_with=_recorded(config, embedder),
    )


def load_document(path: str | os.PathLike[str]) -> Document:
    """Read a stored TEI document."""
    return read_tei(load_bytes(path), path=os.fspath(path))


def save_tei(
    document: Document, path: str | os.PathLike[str], *, base: bytes | None = None
) -> bytes:
    """Write ``document`` as TEI to ``path`` atomically and return the bytes written.

    With ``base``, the TEI the document was read from, all but its alignment and revision
    history is kept as it was (see :func:`aligner.tei.write_tei`).
    """
    data = write_tei(document, base=base)
    write_bytes_atomic(path, data)
    return data


def align_sample(*, warn: Warn | None = None) -> Document:
    """Align the bundled sample: an invented press release in five languages (ru original)."""
    return align_files([SAMPLE_DIR / name for name in _SAMPLE_FILES], original="ru", warn=warn)


def export(
    documents: Sequence[Document],
    fmt: str,
    output: str | os.PathLike[str],
    *,
    options: ExportOptions | None = None,
) -> tuple[list[Path], tuple[str, ...]]:
    """Render ``documents`` as ``fmt`` and write the result at ``output``.

    A format that makes several files (XLIFF: one per language pair) writes them beside
    ``output`` as ``stem.{pair}.ext``. Nothing is written unless every file renders, and a
    failed write removes what was written. Returns the paths and the renderer's notes.
    """
    rendered = render(documents, fmt, options or ExportOptions())
    out = Path(output)
    several = len(rendered.outputs) > 1
    targets = [
        (
            out.with_name(f"{out.stem}.{o.suffix}{out.suffix or '.' + o.extension}")
            if several
            else out,
            o.data,
        )
        for o in rendered.outputs
    ]
    written: list[Path] = []
    try:
        for path, data in targets:
            write_bytes_atomic(path, data)
            written.append(path)
    except BaseException:
        for path in written:
            path.unlink(missing_ok=True)
        raise
    return written, rendered.notes


def check_file(data: bytes, *, path: str | None = None) -> tuple[str, list[str]]:
    """Return what ``data`` is checked as (TEI, TMX or XLIFF, by its root) and its problems.

    TEI is checked against tei_all and the alignment rules RelaxNG cannot express; TMX and
    XLIFF against the shipped TMX 1.4b DTD and XLIFF 1.2 strict schema.
    """
    root = re.search(rb"<(?![?!])(?:[\w.-]+:)?([\w.-]+)", data)
    kind = root.group(1) if root else b""
    if kind == b"tmx":
        return "TMX 1.4b", list(tmx_problems(data))
    if kind == b"xliff":
        return "XLIFF 1.2 strict", list(xliff_problems(data))
    try:
        problems = tei_problems(data, path=path) + schema_problems(data, path=path)
    except AlignerError as exc:
        problems = [exc.message]
    return "tei_all 4.12.0 and alignment rules", problems
