"""Build an archive of many five-language documents and time what an archivist does with it.

Run: ``python benchmarks/bench_archive.py [--docs 1000] [--dask 100] [--no-vectors]
[--work DIR]``.

The documents are made from the UDHR in ../shared/corpus/udhr (or $ALIGNER_CORPUS/udhr) and
from our own sample press release: windows of paragraphs are cut, recombined, and
perturbed per language (a paragraph dropped, two merged, a heading left out, a line of
boilerplate added), five languages each. Without the shared corpus it says so and uses the
excerpt in tests/data/udhr.

Prints: ingest documents/s serial and with 2 processes, peak memory, archive size, index
build time, search p50/p95 over 200 queries, ``archive check`` time, the same ``--dask``
documents on a Dask LocalCluster compared byte for byte with the serial run, what the
archive's vector cache saves when documents come back revised (German-French documents
of distinct text cut from Text+Berg dev, one paragraph of every version reworded, re-added
with 2 processes to the archive and to a copy of it without ``vectors.sqlite``, whose TEI
must be byte-identical), and what the
archive's lexicon does to paragraph accuracy on small documents: small documents cut
from UDHR articles the archive never saw (Articles 10-17 against a lexicon learned from
documents made of the title and Articles 1-9 and the sample), with the article headings
and numbers taken out so that only the words can tell.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import resource
import shutil
import sqlite3
import statistics
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

from aligner.api import SAMPLE_DIR, align_files
from aligner.archive import Archive
from aligner.archive.archive import _Learning
from aligner.archive.vectors import FILE_NAME as VECTORS
from aligner.archive.vectors import VectorCache
from aligner.evaluate import find_corpus, read_beads

LANGS = ("de", "en", "es", "fr", "ru")
ROOT = Path(__file__).resolve().parent.parent
_BOILERPLATE = {
    "de": "Diese Seite drucken",
    "en": "Print this page",
    "es": "Imprimir esta página",
    "fr": "Imprimer cette page",
    "ru": "Распечатать страницу",
}

Paragraphs = dict[str, list[tuple[str, str]]]  # lang -> [(paragraph id, text)]


def _udhr() -> tuple[Path, Paragraphs]:
    corpus = find_corpus()
    folder = corpus / "udhr" if corpus is not None else None
    if folder is None or not folder.is_dir():
        folder = ROOT / "tests" / "data" / "udhr"
        print(f"shared corpus not found; using the excerpt in {folder}")
    gold = json.loads((folder / "gold.json").read_text("utf-8"))
    paragraphs: Paragraphs = {}
    for lang in LANGS:
        lines = [ln.strip() for ln in (folder / f"{lang}.txt").read_text("utf-8").splitlines()]
        texts = [ln for ln in lines if ln]
        paragraphs[lang] = list(zip(gold["ids"][lang], texts, strict=True))
    return folder, paragraphs


def _sample() -> Paragraphs:
    """The bundled sample as paragraphs, paired by aligning it (it is short and clean)."""
    names = ("de.txt", "en.html", "es.txt", "fr.txt", "ru.html")
    doc = align_files([SAMPLE_DIR / name for name in names])
    paragraphs: Paragraphs = {lang: [] for lang in LANGS}
    for bead in doc.paragraphs.beads:
        for lang in LANGS:
            for block_id in bead.ids(lang):
                text = doc.version(lang).block(block_id).text
                paragraphs[lang].append((f"sample.{bead.id}", text))
    return paragraphs


def _window(source: Paragraphs, rng: random.Random, size: int) -> Paragraphs:
    ids = [pid for pid, _ in source["en"]] or [pid for pid, _ in source["de"]]
    start = rng.randrange(max(1, len(ids) - size))
    chosen = set(ids[start : start + size])
    return {lang: [(pid, t) for pid, t in items if pid in chosen] for lang, items in source.items()}


def _perturb(doc: Paragraphs, rng: random.Random) -> Paragraphs:
    out: Paragraphs = {}
    for lang, items in doc.items():
        items = list(items)
        roll = rng.random()
        if roll < 0.15 and len(items) > 3:
            del items[rng.randrange(len(items))]  # a paragraph this version lacks
        elif roll < 0.25 and len(items) > 3:
            k = rng.randrange(len(items) - 1)  # two paragraphs printed as one
            items[k : k + 2] = [
                (items[k][0] + "+" + items[k + 1][0], items[k][1] + " " + items[k + 1][1])
            ]
        elif roll < 0.35:
            items.insert(0, ("boilerplate", _BOILERPLATE[lang]))
        out[lang] = items
    return out


def _write(folder: Path, doc: Paragraphs) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for lang, items in doc.items():
        text = "\n\n".join(t for _, t in items) + "\n"
        (folder / f"{lang}.txt").write_text(text, encoding="utf-8")


def build_corpus(root: Path, count: int, sources: Sequence[Paragraphs], seed: int) -> None:
    rng = random.Random(seed)
    for n in range(count):
        first = _window(rng.choice(sources), rng, rng.randint(4, 14))
        if rng.random() < 0.4:  # recombine two cuts into one document
            second = _window(rng.choice(sources), rng, rng.randint(2, 6))
            first = {lang: first[lang] + second[lang] for lang in LANGS}
        _write(root / f"doc{n:05d}", _perturb(first, rng))


def _du(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def _peak_mb() -> tuple[float, float]:
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return own, children


def _ingest(corpus: Path, where: Path, executor: object) -> tuple[float, int]:
    started = time.perf_counter()
    with Archive(where, create=True) as archive:
        summary = archive.add([str(corpus)], executor=executor)
    seconds = time.perf_counter() - started
    if summary.failed:
        print(f"  {len(summary.failed)} failed, e.g. {summary.failed[0][1]}")
    return seconds, len(summary.added)


def _queries(source: Paragraphs, rng: random.Random, count: int) -> list[str]:
    queries = []
    for _ in range(count):
        lang = rng.choice(LANGS)
        words = re.findall(r"\w{4,}", rng.choice(source[lang])[1])
        if not words:
            continue
        kind = rng.random()
        if kind < 0.5:
            queries.append(rng.choice(words))
        elif kind < 0.8 and len(words) > 2:
            k = rng.randrange(len(words) - 1)
            queries.append(f'"{words[k]} {words[k + 1]}"')
        else:
            queries.append(rng.choice(words)[:4] + "*")
    return queries


def _search(archive_dir: Path, queries: Sequence[str]) -> tuple[float, float, int]:
    times = []
    found = 0
    with Archive(archive_dir) as archive:
        for query in queries:
            started = time.perf_counter()
            found += len(archive.search(query, limit=20))
            times.append(time.perf_counter() - started)
    times.sort()
    return statistics.median(times), times[int(len(times) * 0.95) - 1], found


def _links(groups: dict[str, dict[str, set[int]]]) -> set[tuple[str, int, str, int]]:
    """Pairwise links (lang a, unit, lang b, unit) implied by n-way groups."""
    links = set()
    for members in groups.values():
        langs = sorted(members)
        for i, a in enumerate(langs):
            for b in langs[i + 1 :]:
                links |= {(a, x, b, y) for x in members[a] for y in members[b]}
    return links


def _small_doc_accuracy(
    test_docs: Sequence[tuple[Path, Paragraphs]], archive_dir: Path | None
) -> tuple[float, int]:
    """Return link F1 of paragraph beads over the small documents, and how many were scored."""
    from aligner.align import Lexicons
    from aligner.api import align_inputs, load_input

    lexicons = Lexicons()
    if archive_dir is not None:
        with Archive(archive_dir) as archive:
            lexicons = archive.index.lexicons()
    tp = fp = fn = scored = 0
    for folder, paragraphs in test_docs:
        inputs = [load_input(folder / f"{lang}.txt") for lang in LANGS]
        doc = align_inputs(inputs, lexicons=_Learning(lexicons))
        if any(len(doc.version(lang).blocks) != len(paragraphs[lang]) for lang in LANGS):
            continue  # the reader split a paragraph differently: no gold for this one
        scored += 1
        gold: dict[str, dict[str, set[int]]] = {}
        for lang in LANGS:
            for k, (pid, _) in enumerate(paragraphs[lang]):
                gold.setdefault(pid, {}).setdefault(lang, set()).add(k)
        found: dict[str, dict[str, set[int]]] = {}
        for bead in doc.paragraphs.beads:
            for lang in LANGS:
                index = {b.id: k for k, b in enumerate(doc.version(lang).blocks)}
                found.setdefault(bead.id, {})[lang] = {index[i] for i in bead.ids(lang)}
        want, got = _links(gold), _links(found)
        tp += len(want & got)
        fp += len(got - want)
        fn += len(want - got)
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return f1, scored


def _small_docs(
    root: Path, udhr: Paragraphs, count: int, seed: int
) -> list[tuple[Path, Paragraphs]]:
    """Small documents from Articles 10-17, headings out, one paragraph dropped in one version."""
    rng = random.Random(seed)
    held = {
        lang: [(pid, t) for pid, t in items if re.match(r"art1[0-7]\.p", pid)]
        for lang, items in udhr.items()
    }
    if not all(held.values()):
        return []
    docs = []
    for n in range(count):
        doc = _window(held, rng, rng.randint(3, 5))
        doc = {
            lang: [(pid, re.sub(r"\d+", "", t)) for pid, t in items] for lang, items in doc.items()
        }
        lang = rng.choice(LANGS)
        if len(doc[lang]) > 2:
            del doc[lang][rng.randrange(len(doc[lang]))]
        folder = root / f"small{n:03d}"
        _write(folder, doc)
        docs.append((folder, doc))
    return docs


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--docs", type=int, default=1000)
    parser.add_argument("--dask", type=int, default=100, help="documents for the Dask run")
    parser.add_argument(
        "--no-vectors", dest="vectors", action="store_false", help="skip the vector cache run"
    )
    parser.add_argument("--work", type=Path, help="keep the corpus and archives here")
    args = parser.parse_args()
    work = args.work or Path(tempfile.mkdtemp(prefix="bench-archive-"))
    folder, udhr = _udhr()
    sample = _sample()
    train_udhr = {
        lang: [(pid, t) for pid, t in items if not re.match(r"art1[0-7]\.", pid)]
        for lang, items in udhr.items()
    }
    corpus = work / "corpus"
    if not corpus.exists():
        build_corpus(corpus, args.docs, [udhr, sample, train_udhr], seed=12)
    print(f"corpus: {args.docs} five-language documents made from {folder} and the sample")
    print(f"  in {corpus} ({_du(corpus) / 2**20:.1f} MB of text)")

    serial_dir = work / "serial"
    shutil.rmtree(serial_dir, ignore_errors=True)
    seconds, added = _ingest(corpus, serial_dir, "serial")
    print(
        f"ingest serial: {added} documents in {seconds:.1f} s = {added / seconds:.1f} documents/s"
    )
    own, children = _peak_mb()
    print(f"  peak memory (this process): {own:.0f} MB")

    two_dir = work / "two"
    shutil.rmtree(two_dir, ignore_errors=True)
    seconds, added = _ingest(corpus, two_dir, "processes:2")
    own, children = _peak_mb()
    print(
        f"ingest 2 processes: {added} documents in {seconds:.1f} s = "
        f"{added / seconds:.1f} documents/s (peak memory of a worker {children:.0f} MB)"
    )
    same = _tei(serial_dir) == _tei(two_dir)
    print(f"  TEI byte-identical to the serial run: {same}")

    print(
        f"archive size: {_du(serial_dir) / 2**20:.1f} MB "
        f"(TEI {_du(serial_dir / 'documents') / 2**20:.1f} MB, "
        f"index {(serial_dir / 'index.sqlite').stat().st_size / 2**20:.1f} MB)"
    )

    with Archive(serial_dir) as archive:
        started = time.perf_counter()
        count = archive.reindex()
        print(f"index build from TEI: {count} documents in {time.perf_counter() - started:.1f} s")

    rng = random.Random(7)
    queries = _queries(udhr, rng, 200)
    p50, p95, found = _search(serial_dir, queries)
    print(
        f"search: {len(queries)} queries (words, phrases, prefixes; 20 results at most), "
        f"p50 {p50 * 1000:.1f} ms, p95 {p95 * 1000:.1f} ms, {found} results"
    )

    with Archive(serial_dir) as archive:
        started = time.perf_counter()
        report = archive.check()
        seconds = time.perf_counter() - started
    print(
        f"archive check: {report.checked} TEI files in {seconds:.1f} s "
        f"(tei_all compiled once, included); sound: {report.ok}"
    )

    if args.dask:
        _dask_run(corpus, work, args.dask)
    if args.vectors:
        _vectors_run(work)

    small = _small_docs(work / "small", udhr, 40, seed=3)
    if not small:
        print("small documents: no UDHR Articles 10-17 here (the excerpt stops earlier)")
        return
    without, scored = _small_doc_accuracy(small, None)
    with_lexicon, _ = _small_doc_accuracy(small, serial_dir)
    with Archive(serial_dir) as archive:
        size = archive.index.lexicon_size()
    print(f"small documents (3-5 paragraphs of unseen articles, numbers removed, {scored} scored):")
    print(
        f"  paragraph link F1 without a lexicon {without:.3f}, "
        f"with the archive's lexicon ({size:,} word pairs) {with_lexicon:.3f}"
    )
    if args.work is None:
        shutil.rmtree(work, ignore_errors=True)


def _tei(archive_dir: Path) -> dict[str, bytes]:
    files = sorted((archive_dir / "documents").glob("doc-*/*.xml"))
    return {p.relative_to(archive_dir).as_posix(): p.read_bytes() for p in files}


def _dask_run(corpus: Path, work: Path, count: int) -> None:
    from distributed import Client, LocalCluster

    subset = work / "dask-corpus"
    shutil.rmtree(subset, ignore_errors=True)
    subset.mkdir()
    for folder in sorted(corpus.iterdir())[:count]:
        shutil.copytree(folder, subset / folder.name)
    serial_dir, dask_dir = work / "dask-serial", work / "dask"
    for where in (serial_dir, dask_dir):
        shutil.rmtree(where, ignore_errors=True)
    _ingest(subset, serial_dir, "serial")
    with (
        LocalCluster(n_workers=2, threads_per_worker=1, dashboard_address=None) as cluster,
        Client(cluster) as client,
    ):
        seconds, added = _ingest(subset, dask_dir, client)
    same = _tei(serial_dir) == _tei(dask_dir)
    print(
        f"dask LocalCluster (2 workers): {added} documents in {seconds:.1f} s; "
        f"TEI byte-identical to a serial run: {same}"
    )


def _textberg_documents(root: Path, beads_per_doc: int = 24) -> int:
    """Cut the Text+Berg dev pair into German-French documents of distinct text; return how many.

    Each document is ``beads_per_doc`` gold beads, a paragraph per four beads, so that no
    text repeats (the UDHR documents above share their paragraphs, which any cache serves).
    """
    corpus = find_corpus()
    folder = corpus / "textberg-dev" if corpus is not None else None
    if folder is None or not (folder / "dev.defr").is_file():
        return 0
    de = (folder / "dev.de").read_text("utf-8").splitlines()
    fr = (folder / "dev.fr").read_text("utf-8").splitlines()
    beads = [b for b in read_beads(folder / "dev.defr") if b[0] and b[1]]
    count = 0
    for start in range(0, len(beads) - beads_per_doc + 1, beads_per_doc):
        chunk = beads[start : start + beads_per_doc]
        doc = root / f"tb{count:03d}"
        doc.mkdir(parents=True)
        for lang, lines, side in (("de", de, 0), ("fr", fr, 1)):
            paragraphs = [
                " ".join(lines[k].strip() for b in chunk[p : p + 4] for k in b[side])
                for p in range(0, len(chunk), 4)
            ]
            (doc / f"{lang}.txt").write_text("\n\n".join(paragraphs) + "\n", encoding="utf-8")
        count += 1
    return count


def _revise(folder: Path, into: Path) -> None:
    """Copy a document folder with its last paragraph reworded in every language."""
    into.mkdir(parents=True, exist_ok=True)
    for path in folder.iterdir():
        paragraphs = path.read_text("utf-8").rstrip("\n").split("\n\n")
        paragraphs[-1] = f"{_BOILERPLATE[path.stem]}: {paragraphs[-1]}"
        (into / path.name).write_text("\n\n".join(paragraphs) + "\n", encoding="utf-8")


def _vectors_run(work: Path) -> None:
    """Re-add revised documents with the archive's vector cache and without it."""
    originals, revised = work / "vectors-corpus", work / "vectors-revised"
    for where in (originals, revised, work / "vectors", work / "no-vectors"):
        shutil.rmtree(where, ignore_errors=True)
    if not _textberg_documents(originals):
        print("vector cache: no Text+Berg dev pair in the shared corpus; not measured")
        return
    for folder in sorted(originals.iterdir()):
        _revise(folder, revised / folder.name)
    first, added = _ingest(originals, work / "vectors", "processes:2")
    shutil.copytree(work / "vectors", work / "no-vectors")
    (work / "no-vectors" / VECTORS).unlink()
    cached, _ = _ingest(revised, work / "vectors", "processes:2")
    uncached, _ = _ingest(revised, work / "no-vectors", "processes:2")
    same = _tei(work / "vectors") == _tei(work / "no-vectors")
    size = (work / "vectors" / VECTORS).stat().st_size
    with VectorCache(sqlite3.connect(work / "vectors" / VECTORS), work) as cache:
        kept = cache.count()
    print(
        f"vector cache: {added} German-French documents cut from Text+Berg dev added in "
        f"{first:.1f} s (2 processes); revised (one paragraph per version reworded), "
        f"re-added in {cached:.1f} s with the archive's vectors and {uncached:.1f} s without; "
        f"TEI byte-identical: {same}"
    )
    print(f"  {kept:,} vectors kept, {size / 2**20:.1f} MB")


if __name__ == "__main__":
    os.environ.setdefault("SOURCE_DATE_EPOCH", str(int(time.time())))
    main()
