"""Print the aligner's accuracy on the shared gold corpora, and its speed and memory.

Run: ``python benchmarks/bench_align.py`` (``--no-speed`` skips the timing runs). The corpus
is ../shared/corpus beside the project root, or $ALIGNER_CORPUS; without it the script says
so and exits 0.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import time
from pathlib import Path

from aligner.align import DEFAULT_ENCODER, Embedder, align_texts, get_encoder
from aligner.align.embeddings import BACKENDS
from aligner.evaluate import evaluate, find_corpus, format_table

ROOT = Path(__file__).resolve().parent.parent

TARGETS = {
    "textberg-dev": "strict F1 >= 0.70 required, aim 0.85 strict / 0.95 lax",
    "parice-en-is": "aim strict F1 >= 0.90",
    "udhr": "strict F1 >= 0.99 over all language pairs",
}


def _lines(path: Path) -> list[str]:
    return path.read_text("utf-8").split("\n")[:-1]


def _pair_of_size(corpus: Path, n: int) -> tuple[list[str], list[str]]:
    """Build an n-sentence German-French pair by repeating the Text+Berg dev texts."""
    de = _lines(corpus / "textberg-dev" / "dev.de")
    fr = _lines(corpus / "textberg-dev" / "dev.fr")
    src: list[str] = []
    tgt: list[str] = []
    copy = 0
    while len(src) < n:
        # number each copy so that the copies are not word for word the same
        src += [f"{s} ({copy})" if k == 0 else s for k, s in enumerate(de)]
        tgt += [f"{t} ({copy})" if k == 0 else t for k, t in enumerate(fr)]
        copy += 1
    return src[:n], tgt[: round(n * len(fr) / len(de))]


def speed_child(corpus: Path, n: int, encoder: str | None) -> None:
    """Align one pair of n sentences and print time and peak memory as JSON.

    The encoder is loaded before the clock starts. The pair repeats the Text+Berg texts, so
    with the encoder on each distinct sentence is encoded once (as the cache does for any
    repeated text); :func:`encoding_rate` says what fresh sentences cost.
    """
    src, tgt = _pair_of_size(corpus, n)
    if encoder is not None:
        embedder = get_encoder(encoder)
        assert embedder is not None
        embedder.vectors(["warm up"])
    wall, cpu = time.perf_counter(), time.process_time()
    beads = align_texts(src, tgt, src_lang="de", tgt_lang="fr", encoder=encoder)
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        json.dumps(
            {"n": n, "m": len(tgt), "beads": len(beads), "wall": wall, "cpu": cpu, "peak_mb": peak}
        )
    )


def encoding_rate(corpus: Path) -> float:
    """Return the sentences per second the default encoder encodes, fresh (its own cache,
    empty: the accuracy runs before have filled the process's)."""
    texts = _lines(corpus / "textberg-dev" / "dev.de") + _lines(corpus / "textberg-dev" / "dev.fr")
    embedder = Embedder(BACKENDS[DEFAULT_ENCODER].load())
    embedder.vectors(["warm up"])
    start = time.perf_counter()
    embedder.vectors(texts)
    return len(texts) / (time.perf_counter() - start)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--no-speed", action="store_true", help="skip the timing runs")
    parser.add_argument("--speed-child", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--encoder", default=DEFAULT_ENCODER, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    corpus = find_corpus(ROOT)
    if corpus is None:
        print("bench_align: no gold corpus (../shared/corpus or $ALIGNER_CORPUS); skipped")
        return 0
    if args.speed_child:
        speed_child(corpus, args.speed_child, None if args.encoder == "none" else args.encoder)
        return 0
    paths = [corpus / name for name in TARGETS if (corpus / name).exists()]
    results = evaluate(paths)
    print("Accuracy (strict P/R/F1; lax F1 for sentence gold; link F1 and exact groups for n-way)")
    print(format_table(results))
    for r in results:
        if r.pairs:
            worst = min(r.pairs.items(), key=lambda kv: kv[1].beads.f1)
            print(f"{r.name}: worst pair {worst[0]} strict F1 {worst[1].beads.f1:.3f}")
    for name, target in TARGETS.items():
        print(f"  target {name}: {target}")
    if args.no_speed:
        return 0
    print("\nSpeed and memory (one process per size; German-French from Text+Berg dev)")
    print(
        f"  {'encoder':>7} {'sentences':>9} {'target':>7} {'wall s':>7} {'cpu s':>7} {'peak MB':>8}"
    )
    for encoder in ("none", DEFAULT_ENCODER):
        for n in (1000, 5000, 20000):
            out = subprocess.run(
                [sys.executable, __file__, "--speed-child", str(n), "--encoder", encoder],
                capture_output=True,
                text=True,
                check=True,
            )
            row = json.loads(out.stdout.strip().splitlines()[-1])
            print(
                f"  {encoder:>7} {row['n']:>9} {row['m']:>7} {row['wall']:>7.2f} "
                f"{row['cpu']:>7.2f} {row['peak_mb']:>8.0f}"
            )
    rate = encoding_rate(corpus)
    print(f"  {DEFAULT_ENCODER} encodes {rate:.0f} fresh sentences/s on one thread here")
    print("  targets: 20,000 sentences < 20 s and < 1 GB without embeddings, < 60 s and")
    print("  < 1.2 GB with (the pair repeats its texts: each distinct one is encoded once)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
