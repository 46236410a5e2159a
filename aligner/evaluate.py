"""Score alignments against gold: bead files, ParIce folders and n-way paragraph gold.

Sentence beads are scored as Sennrich & Volk (2010) do (and vecalign and bertalign after
them): beads empty on both sides are dropped, counts are summed over files, precision is
judged over the predicted beads (1-0 and 0-1 included), recall over the gold beads with every
1-0 and 0-1 bead removed from both sides. *Strict*: a bead counts only when it equals a gold
bead. *Lax*: it also counts when some of its source ids and some of its target ids fall in
one gold bead.

N-way paragraph gold (``gold.json``, ../shared/corpus/ALIGNMENT_GOLD.md) is scored per
language pair (strict beads and link F1, macro-averaged over pairs) and by group exact match.
:func:`evaluate` recognises what a path holds and runs the aligner on it.
"""

from __future__ import annotations

import ast
import itertools
import json
import os
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from aligner import ids
from aligner.align import Lexicons, PairBead, align_texts, align_versions
from aligner.align.embeddings import EncoderSpec
from aligner.align_config import DEFAULT_CONFIG, AlignConfig
from aligner.errors import EmptyInputError, FormatError, InputError, LanguageError
from aligner.model import Alignment, Block, Document, Sentence, Source, Version
from aligner.views import minimal_beads
from languages.profiles import profile
from languages.sentences import split_sentences

BeadPair = tuple[tuple[int, ...], tuple[int, ...]]
Group = Mapping[str, tuple[int, ...]]


@dataclass(frozen=True)
class PRF:
    """Precision, recall and their harmonic mean."""

    precision: float
    recall: float

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass(frozen=True)
class Counts:
    """True-positive counts behind strict and lax scores; they add up over files."""

    predicted: int = 0  # predicted beads judged for precision
    gold: int = 0  # gold beads judged for recall
    strict_precision: int = 0
    lax_precision: int = 0
    strict_recall: int = 0
    lax_recall: int = 0

    def __add__(self, other: Counts) -> Counts:
        return Counts(
            self.predicted + other.predicted,
            self.gold + other.gold,
            self.strict_precision + other.strict_precision,
            self.lax_precision + other.lax_precision,
            self.strict_recall + other.strict_recall,
            self.lax_recall + other.lax_recall,
        )


@dataclass(frozen=True)
class Scores:
    """Strict and lax precision, recall and F1, with the counts they come from."""

    counts: Counts

    @property
    def strict(self) -> PRF:
        c = self.counts
        return PRF(_ratio(c.strict_precision, c.predicted), _ratio(c.strict_recall, c.gold))

    @property
    def lax(self) -> PRF:
        c = self.counts
        return PRF(_ratio(c.lax_precision, c.predicted), _ratio(c.lax_recall, c.gold))


@dataclass(frozen=True)
class PairScores:
    """Scores of one language pair of an n-way alignment."""

    beads: PRF  # strict beads, Sennrich & Volk style
    links: PRF


@dataclass(frozen=True)
class NwayScores:
    """Scores of an n-way paragraph alignment against gold."""

    pairs: Mapping[str, PairScores]  # "de-en" -> scores
    group_exact: float
    groups: int

    @property
    def beads(self) -> PRF:
        return _macro([s.beads for s in self.pairs.values()])

    @property
    def links(self) -> PRF:
        return _macro([s.links for s in self.pairs.values()])


@dataclass(frozen=True)
class EvalResult:
    """The outcome of aligning and scoring one gold corpus."""

    name: str
    kind: Literal["beads", "parice", "nway"]
    files: int
    seconds: float
    strict: PRF
    lax: PRF | None = None  # bead corpora
    links: PRF | None = None  # n-way corpora
    group_exact: float | None = None
    pairs: Mapping[str, PairScores] = field(default_factory=dict)
    #: per predicted bead (sentence beads; paragraph groups for n-way gold): its cert
    #: and whether it equals a gold bead, to judge how well the certs are calibrated
    judged: tuple[tuple[float, bool], ...] = ()


def _ratio(a: int, b: int) -> float:
    return a / b if b else 0.0


def _macro(items: Sequence[PRF]) -> PRF:
    if not items:
        return PRF(0.0, 0.0)
    return PRF(
        sum(p.precision for p in items) / len(items), sum(p.recall for p in items) / len(items)
    )


# --- bead files -------------------------------------------------------------------------


def parse_beads(text: str, *, path: str | os.PathLike[str] | None = None) -> list[BeadPair]:
    """Parse one bead per line, ``[0, 1]:[2]``; blank lines are skipped.

    >>> parse_beads("[0, 1]:[2]\\n[]:[3]\\n")
    [((0, 1), (2,)), ((), (3,))]
    """
    beads: list[BeadPair] = []
    for number, line in enumerate(text.splitlines(), start=1):
        line = line.strip()
        if not line:
            continue
        left, sep, right = line.partition(":")
        try:
            if not sep:
                raise ValueError("no ':'")
            src, tgt = ast.literal_eval(left.strip()), ast.literal_eval(right.strip())
            if not isinstance(src, list) or not isinstance(tgt, list):
                raise ValueError("not two lists")
            if not all(isinstance(i, int) for i in [*src, *tgt]):
                raise ValueError("not integers")
        except (ValueError, SyntaxError) as exc:
            raise FormatError(f"line {number}: not a bead ({line!r}): {exc}", path=path) from exc
        beads.append((tuple(src), tuple(tgt)))
    return beads


def format_beads(beads: Sequence[BeadPair]) -> str:
    """Write beads one per line, the format :func:`parse_beads` reads.

    >>> format_beads([((0, 1), (2,)), ((), (3,))])
    '[0, 1]:[2]\\n[]:[3]\\n'
    """
    return "".join(f"{list(s)}:{list(t)}\n" for s, t in beads)


def read_beads(path: str | os.PathLike[str]) -> list[BeadPair]:
    """Read a bead file."""
    return parse_beads(_read(path), path=path)


def bead_counts(pred: Sequence[BeadPair], gold: Sequence[BeadPair]) -> Counts:
    """Count the strict and lax hits of one file's predicted beads against its gold."""
    test = {b for b in pred if b[0] or b[1]}
    ref = {b for b in gold if b[0] or b[1]}
    strict_p, lax_p = _hits(test, ref)
    test_1 = {b for b in test if b[0] and b[1]}
    ref_1 = {b for b in ref if b[0] and b[1]}
    strict_r, lax_r = _hits(ref_1, test_1)
    return Counts(len(test), len(ref_1), strict_p, lax_p, strict_r, lax_r)


def score_beads(pred: Sequence[BeadPair], gold: Sequence[BeadPair]) -> Scores:
    """Score one file's predicted beads against its gold beads.

    >>> s = score_beads([((0,), (0,)), ((1, 2), (1,)), ((), (2,))],
    ...                 [((0,), (0,)), ((1,), (1,)), ((2,), (2,))])
    >>> round(s.strict.precision, 3), round(s.strict.recall, 3), round(s.lax.recall, 3)
    (0.333, 0.333, 0.667)
    """
    return Scores(bead_counts(pred, gold))


def score_bead_files(files: Sequence[tuple[Sequence[BeadPair], Sequence[BeadPair]]]) -> Scores:
    """Score several (predicted, gold) files, summing counts over files."""
    total = Counts()
    for pred, gold in files:
        total = total + bead_counts(pred, gold)
    return Scores(total)


def _hits(test: set[BeadPair], ref: set[BeadPair]) -> tuple[int, int]:
    """Return how many beads of ``test`` match ``ref`` strictly, and how many laxly."""
    ref_of_src: dict[int, list[BeadPair]] = {}
    for bead in ref:
        for i in bead[0]:
            ref_of_src.setdefault(i, []).append(bead)
    strict = lax = 0
    for bead in test:
        if bead in ref:
            strict += 1
            lax += 1
            continue
        targets = set(bead[1])
        if any(targets & set(r[1]) for i in bead[0] for r in ref_of_src.get(i, ())):
            lax += 1
    return strict, lax


# --- ParIce layout ------------------------------------------------------------------------


def parse_indexed(text: str, *, path: str | os.PathLike[str] | None = None) -> list[str]:
    """Read ``index<TAB>sentence`` lines (indices 0, 1, 2, ... in order).

    >>> parse_indexed("0\\tHello.\\n1\\tWorld.\\n")
    ['Hello.', 'World.']
    """
    out: list[str] = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        index, sep, sentence = line.partition("\t")
        if not sep or not index.strip().isdigit() or int(index) != len(out):
            raise FormatError(f"line {number}: expected '{len(out)}<TAB>sentence'", path=path)
        out.append(sentence)
    return out


# --- n-way paragraph gold -----------------------------------------------------------------


def paragraphs(text: str) -> list[str]:
    """Split ``text`` into paragraphs by the ``lines/v1`` rule (one non-empty line each).

    >>> paragraphs("Title\\r\\n\\n  First.\\u00a0\\nSecond.\\n")
    ['Title', 'First.', 'Second.']
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return [line.strip() for line in text.split("\n") if line.strip()]


@dataclass(frozen=True)
class NwayGold:
    """An n-way paragraph gold folder: texts, boilerplate and gold groups."""

    doc: str
    languages: tuple[str, ...]
    paragraphs: Mapping[str, tuple[str, ...]]
    boilerplate: Mapping[str, frozenset[int]]
    groups: tuple[Group, ...]


def read_nway_gold(folder: str | os.PathLike[str]) -> NwayGold:
    """Read ``gold.json`` and the ``<lang>.txt`` files beside it, checking the counts."""
    root = Path(folder)
    gold_path = root / "gold.json"
    try:
        data = json.loads(_read(gold_path))
        langs = tuple(str(lang) for lang in data["languages"])
        paras = {lang: tuple(paragraphs(_read(root / f"{lang}.txt"))) for lang in langs}
        for lang in langs:
            expected = data.get("paragraph_counts", {}).get(lang)
            if expected is not None and expected != len(paras[lang]):
                raise FormatError(
                    f"{lang}.txt has {len(paras[lang])} paragraphs, gold says {expected}",
                    path=gold_path,
                )
        boiler = {
            lang: frozenset(int(item["i"]) for item in data.get("boilerplate", {}).get(lang, []))
            for lang in langs
        }
        groups = tuple(
            {lang: tuple(int(i) for i in group.get(lang, [])) for lang in langs}
            for group in data["groups"]
        )
    except (KeyError, TypeError, ValueError) as exc:
        raise FormatError(f"not an n-way gold file: {exc}", path=gold_path) from exc
    return NwayGold(str(data.get("doc", root.name)), langs, paras, boiler, groups)


def score_nway(
    pred: Sequence[Group],
    gold: Sequence[Group],
    langs: Sequence[str],
    *,
    pair_pred: Mapping[tuple[str, str], Sequence[Group]] | None = None,
    pair_gold: Mapping[tuple[str, str], Sequence[Group]] | None = None,
) -> NwayScores:
    """Score predicted n-way groups against gold groups, per language pair and exactly.

    Each pair ``(a, b)`` is scored on its own beads when ``pair_pred``/``pair_gold`` give
    them (the minimal beads of :func:`aligner.views.minimal_beads`: a merge only a third
    language made is not held against the pair), else on the n-way groups seen through a
    and b.

    >>> g = [{"de": (0,), "en": (0,)}, {"de": (1,), "en": ()}, {"de": (2,), "en": (1,)}]
    >>> p = [{"de": (0,), "en": (0,)}, {"de": (1, 2), "en": (1,)}]
    >>> s = score_nway(p, g, ["de", "en"])
    >>> round(s.beads.f1, 3), round(s.links.f1, 3), round(s.group_exact, 3)
    (0.5, 0.8, 0.333)
    """
    pairs: dict[str, PairScores] = {}
    for a, b in itertools.combinations(langs, 2):
        mine = (pair_pred or {}).get((a, b), pred)
        truth = (pair_gold or {}).get((a, b), gold)
        p_beads = [(tuple(g.get(a, ())), tuple(g.get(b, ()))) for g in mine]
        g_beads = [(tuple(g.get(a, ())), tuple(g.get(b, ()))) for g in truth]
        strict = score_beads(p_beads, g_beads).strict
        p_links = {(i, j) for s, t in p_beads for i in s for j in t}
        g_links = {(i, j) for s, t in g_beads for i in s for j in t}
        hits = len(p_links & g_links)
        links = PRF(_ratio(hits, len(p_links)), _ratio(hits, len(g_links)))
        pairs[f"{a}-{b}"] = PairScores(strict, links)
    norm_pred = {_group_key(g, langs) for g in pred}
    exact = sum(_group_key(g, langs) in norm_pred for g in gold)
    return NwayScores(pairs, _ratio(exact, len(gold)), len(gold))


def _group_key(group: Group, langs: Sequence[str]) -> tuple[tuple[int, ...], ...]:
    return tuple(tuple(group.get(lang, ())) for lang in langs)


# --- running the aligner on gold ------------------------------------------------------------


def find_corpus(project_root: str | os.PathLike[str] | None = None) -> Path | None:
    """Return the shared gold corpus folder, or None when this machine has none.

    ``$ALIGNER_CORPUS`` wins; else ``../shared/corpus`` beside the project root.
    """
    env = os.environ.get("ALIGNER_CORPUS")
    if env:
        return Path(env) if Path(env).is_dir() else None
    root = Path(project_root) if project_root else Path(__file__).resolve().parent.parent
    candidate = root.parent / "shared" / "corpus"
    return candidate if candidate.is_dir() else None


def evaluate(
    paths: Sequence[str | os.PathLike[str]],
    *,
    config: AlignConfig = DEFAULT_CONFIG,
    embedder: EncoderSpec | None = None,
) -> list[EvalResult]:
    """Align (with the settings of ``config``; ``embedder`` is the encoder it names when the
    caller holds it already) and score what ``paths`` hold, recognising the kind of gold.

    Accepted: a folder with ``gold.json`` (n-way paragraph gold); a ParIce-like folder
    (``gold/`` beside two folders of ``index<TAB>sentence`` files with the same names); a
    Text+Berg-like triple ``A B GOLD`` of files, or a folder holding ``x.l1``, ``x.l2`` and
    ``x.l1l2``. Several folders may be given, and a folder of such folders
    (``../shared/corpus``).
    """
    items = [Path(p) for p in paths]
    if not items:
        raise EmptyInputError("nothing to evaluate")
    run = _Run(config, config.encoder if embedder is None else embedder)
    if len(items) == 3 and all(p.is_file() for p in items):
        return [_eval_triple(items[0], items[1], items[2], run)]
    results: list[EvalResult] = []
    for item in items:
        if not item.exists():
            raise EmptyInputError("no such file or folder", path=item)
        if not item.is_dir():
            raise InputError("expected a folder, or three files A B GOLD", path=item)
        found = _eval_folder(item, run)
        if found is None:  # a folder of gold sets, such as ../shared/corpus
            inner = [_eval_folder(sub, run) for sub in sorted(item.iterdir()) if sub.is_dir()]
            found = [r for results_of in inner if results_of for r in results_of] or None
        if found is None:
            raise InputError("no gold alignment recognised in this folder", path=item)
        results.extend(found)
    return results


@dataclass(frozen=True)
class _Run:
    """What every document of an evaluation is aligned with."""

    config: AlignConfig
    encoder: EncoderSpec | None


def _eval_folder(item: Path, run: _Run) -> list[EvalResult] | None:
    """Score the gold set in folder ``item``; ``None`` when it holds none."""
    if (item / "gold.json").is_file():
        return [_eval_nway(item, run)]
    if (item / "gold").is_dir():
        return [_eval_parice(item, run)]
    triples = _find_triples(item)
    return [_eval_triple(*t, run) for t in triples] if triples else None


def format_table(results: Sequence[EvalResult]) -> str:
    """Return a plain-text table of results, one line per corpus."""
    head = f"{'corpus':<28} {'kind':<7} {'files':>5} {'P':>6} {'R':>6} {'F1':>6}"
    head += f" {'lax F1':>7} {'link F1':>7} {'exact':>6} {'sec':>6}"
    lines = [head, "-" * len(head)]
    for r in results:
        lax = f"{r.lax.f1:7.3f}" if r.lax else f"{'':>7}"
        link = f"{r.links.f1:7.3f}" if r.links else f"{'':>7}"
        exact = f"{r.group_exact:6.3f}" if r.group_exact is not None else f"{'':>6}"
        lines.append(
            f"{r.name[:28]:<28} {r.kind:<7} {r.files:>5} {r.strict.precision:6.3f} "
            f"{r.strict.recall:6.3f} {r.strict.f1:6.3f} {lax} {link} {exact} {r.seconds:6.2f}"
        )
    return "\n".join(lines) + "\n"


def _judge(beads: Sequence[PairBead], gold: Sequence[BeadPair]) -> list[tuple[float, bool]]:
    ref = set(gold)
    return [(b.cert, (b.src, b.tgt) in ref) for b in beads if b.src or b.tgt]


def _eval_triple(src: Path, tgt: Path, gold_path: Path, run: _Run) -> EvalResult:
    gold = read_beads(gold_path)
    src_lines = _lines(src)
    tgt_lines = _lines(tgt)
    start = time.perf_counter()
    beads = align_texts(
        src_lines,
        tgt_lines,
        src_lang=_lang_of(src.suffix),
        tgt_lang=_lang_of(tgt.suffix),
        config=run.config,
        encoder=run.encoder if run.config.encoder is not None else None,
    )
    seconds = time.perf_counter() - start
    scores = score_beads([(b.src, b.tgt) for b in beads], gold)
    return EvalResult(
        gold_path.name,
        "beads",
        1,
        seconds,
        scores.strict,
        lax=scores.lax,
        judged=tuple(_judge(beads, gold)),
    )


def _eval_parice(folder: Path, run: _Run) -> EvalResult:
    sides = sorted(
        d for d in folder.iterdir() if d.is_dir() and d.name != "gold" and any(d.glob("*.txt"))
    )
    if len(sides) != 2:
        raise InputError("expected gold/ and two language folders", path=folder)
    src_dir, tgt_dir = sides
    # the folder names say which side is which only by name; keep English as the source
    if tgt_dir.name.startswith("en"):
        src_dir, tgt_dir = tgt_dir, src_dir
    src_lang, tgt_lang = _lang_of(src_dir.name), _lang_of(tgt_dir.name)
    files: list[tuple[Sequence[BeadPair], Sequence[BeadPair]]] = []
    judged: list[tuple[float, bool]] = []
    lexicons = Lexicons()
    seconds = 0.0
    for gold_file in sorted((folder / "gold").glob("*.txt")):
        src = parse_indexed(_read(src_dir / gold_file.name), path=src_dir / gold_file.name)
        tgt = parse_indexed(_read(tgt_dir / gold_file.name), path=tgt_dir / gold_file.name)
        start = time.perf_counter()
        beads = align_texts(
            src,
            tgt,
            src_lang=src_lang,
            tgt_lang=tgt_lang,
            lexicons=lexicons,
            config=run.config,
            encoder=run.encoder if run.config.encoder is not None else None,
        )
        seconds += time.perf_counter() - start
        gold = read_beads(gold_file)
        files.append(([(b.src, b.tgt) for b in beads], gold))
        judged += _judge(beads, gold)
    if not files:
        raise EmptyInputError("no gold files in gold/", path=folder)
    scores = score_bead_files(files)
    return EvalResult(
        folder.name,
        "parice",
        len(files),
        seconds,
        scores.strict,
        lax=scores.lax,
        judged=tuple(judged),
    )


def paragraph_version(lang: str, texts: Sequence[str], *, split: bool = False) -> Version:
    """Return a Version whose blocks are ``texts``, each one paragraph of one sentence.

    With ``split`` the paragraphs are split into sentences by the language's rules, so the
    sentence level can show what two versions share inside a bead.

    >>> [b.id for b in paragraph_version("de", ["Eins.", "Zwei."]).blocks]
    ['de.p1', 'de.p2']
    >>> [s.text for s in paragraph_version("de", ["Eins. Zwei."], split=True).sentences()]
    ['Eins.', 'Zwei.']
    """
    rules = profile(lang) if split else None
    return sentence_version(
        lang,
        [(split_sentences(t, rules) or [t]) if rules is not None else [t] for t in texts],
    )


def sentence_version(lang: str, paragraphs: Sequence[Sequence[str]]) -> Version:
    """Return a Version whose blocks are ``paragraphs``, each given as its sentences.

    >>> [[s.id for s in b.sentences] for b in sentence_version("de", [["A.", "B."]]).blocks]
    [['de.p1.s1', 'de.p1.s2']]
    """
    blocks = []
    for k, found in enumerate(paragraphs, start=1):
        block = ids.block_id(lang, "p", k)
        sentences = tuple(Sentence(ids.sentence_id(block, m), s) for m, s in enumerate(found, 1))
        blocks.append(Block(block, "p", k, " ".join(found), sentences))
    return Version(lang=lang, blocks=tuple(blocks), source=Source(sha256=""))


def pair_groups(
    paragraphs: Alignment,
    sentences: Alignment,
    versions: Sequence[Version],
    index: Mapping[str, Mapping[str, int]],
) -> dict[tuple[str, str], list[Group]]:
    """Return every language pair's own minimal beads as groups of paragraph indices.

    ``index`` maps each language's block ids to the indices the gold uses.
    """
    document = Document(
        id="eval", uuid="", versions=tuple(versions), paragraphs=paragraphs,
        sentences=sentences, created="",
    )  # fmt: skip
    langs = [v.lang for v in versions]
    return {
        (a, b): [
            {lang: tuple(index[lang][i] for i in bead.ids(lang)) for lang in (a, b)}
            for bead in minimal_beads(document, (a, b))
        ]
        for a, b in itertools.combinations(langs, 2)
    }


def nway_versions(gold: NwayGold) -> list[tuple[list[int], Version]]:
    """Return, per language, the kept paragraph indices and a Version of those paragraphs.

    Boilerplate is dropped; paragraphs are split into sentences.
    """
    out: list[tuple[list[int], Version]] = []
    for lang in gold.languages:
        kept = [i for i in range(len(gold.paragraphs[lang])) if i not in gold.boilerplate[lang]]
        texts = [gold.paragraphs[lang][i] for i in kept]
        out.append((kept, paragraph_version(lang, texts, split=True)))
    return out


def _eval_nway(folder: Path, run: _Run) -> EvalResult:
    gold = read_nway_gold(folder)
    prepared = nway_versions(gold)
    versions = [v for _, v in prepared]
    start = time.perf_counter()
    alignment, sentences = align_versions(versions, config=run.config, embedder=run.encoder)
    seconds = time.perf_counter() - start
    index = {
        version.lang: {block.id: kept[k] for k, block in enumerate(version.blocks)}
        for (kept, _), version in zip(prepared, versions, strict=True)
    }
    pred = [
        {lang: tuple(index[lang][i] for i in bead.ids(lang)) for lang in gold.languages}
        for bead in alignment.beads
    ]
    pairs = pair_groups(alignment, sentences, versions, index)
    scores = score_nway(pred, gold.groups, gold.languages, pair_pred=pairs)
    truth = {_group_key(g, gold.languages) for g in gold.groups}
    judged = tuple(
        (bead.cert, _group_key(group, gold.languages) in truth)
        for bead, group in zip(alignment.beads, pred, strict=True)
    )
    return EvalResult(
        folder.name,
        "nway",
        1,
        seconds,
        scores.beads,
        links=scores.links,
        group_exact=scores.group_exact,
        pairs=scores.pairs,
        judged=judged,
    )


def _find_triples(folder: Path) -> list[tuple[Path, Path, Path]]:
    files = {p.name: p for p in folder.iterdir() if p.is_file()}
    triples = []
    for name, path in sorted(files.items()):
        stem, _, suffix = name.rpartition(".")
        if not stem:
            continue
        for split in range(1, len(suffix)):
            a, b = f"{stem}.{suffix[:split]}", f"{stem}.{suffix[split:]}"
            if a in files and b in files:
                triples.append((files[a], files[b], path))
    return triples


def _lang_of(label: str) -> str:
    label = label.lstrip(".")
    try:
        return str(profile(label).locale.language)
    except LanguageError:
        return label


def _lines(path: Path) -> list[str]:
    text = _read(path)
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    return lines


def _read(path: str | os.PathLike[str]) -> str:
    try:
        with open(path, encoding="utf-8") as handle:
            return handle.read()
    except FileNotFoundError as exc:
        raise EmptyInputError("no such file", path=path) from exc
    except UnicodeDecodeError as exc:
        raise FormatError(f"not UTF-8: {exc}", path=path) from exc
