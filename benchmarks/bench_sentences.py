"""Print sentence-splitting accuracy and speed on our hand-split evaluation set, for our
splitter and, when installed (``pip install -e '.[bench]'``), pysbd and syntok.

Each ``benchmarks/data/sentences/<lang>.txt`` holds one sentence per line and a blank line
between paragraphs (texts written for this project). Every paragraph is joined with one
space and split again; a boundary is the offset where a sentence ends inside a paragraph.

Run: ``.venv/bin/python benchmarks/bench_sentences.py [--errors]``
"""

from __future__ import annotations

import argparse
import importlib.util
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from languages.profiles import profile
from languages.sentences import split_sentences

ROOT = Path(__file__).resolve().parent
DATA = ROOT / "data" / "sentences"


@dataclass(frozen=True)
class Score:
    """Boundary precision, recall and F1, and the share of sentences split exactly right."""

    lang: str
    sentences: int
    paragraphs: int
    precision: float
    recall: float
    f1: float
    exact: float
    errors: tuple[tuple[tuple[str, ...], tuple[str, ...]], ...]  # (gold, got) per paragraph


def load(lang: str) -> list[list[str]]:
    """Return the gold paragraphs of ``lang``, each a list of sentences."""
    text = (DATA / f"{lang}.txt").read_text(encoding="utf-8")
    paragraphs: list[list[str]] = [[]]
    for line in text.splitlines():
        if line.strip():
            paragraphs[-1].append(line.strip())
        elif paragraphs[-1]:
            paragraphs.append([])
    return [p for p in paragraphs if p]


def languages() -> list[str]:
    """Return the languages that have an evaluation file, sorted."""
    return sorted(p.stem for p in DATA.glob("*.txt"))


def _ends(sentences: list[str]) -> set[int]:
    ends, offset = set(), 0
    for s in sentences[:-1]:
        offset += len(s)
        ends.add(offset)
        offset += 1
    return ends


def _spans(sentences: list[str]) -> set[tuple[int, int]]:
    spans, offset = set(), 0
    for s in sentences:
        spans.add((offset, offset + len(s)))
        offset += len(s) + 1
    return spans


Splitter = Callable[[str, str], list[str]]


def ours(text: str, lang: str) -> list[str]:
    return split_sentences(text, profile(lang))


def _pysbd(text: str, lang: str) -> list[str]:
    import pysbd

    segmenter = _PYSBD.get(lang) or _PYSBD.setdefault(lang, pysbd.Segmenter(language=lang))
    return [s.strip() for s in segmenter.segment(text) if s.strip()]


_PYSBD: dict[str, object] = {}


def _syntok(text: str, lang: str) -> list[str]:
    from syntok import segmenter

    return [
        "".join(str(token) for token in sentence).strip()
        for paragraph in segmenter.process(text)
        for sentence in paragraph
    ]


def splitters() -> dict[str, Splitter]:
    """Return ours and the libraries that are installed, by name."""
    found: dict[str, Splitter] = {"ours": ours}
    if importlib.util.find_spec("pysbd"):
        found["pysbd"] = _pysbd
    if importlib.util.find_spec("syntok"):
        found["syntok"] = _syntok
    return found


def score(lang: str, gold: list[list[str]], split: Splitter = ours) -> Score:
    """Split every gold paragraph again and compare the boundaries."""
    true_pos = predicted = expected = exact = total = 0
    errors = []
    for sentences in gold:
        got = split(" ".join(sentences), lang)
        gold_ends, got_ends = _ends(sentences), _ends(got)
        true_pos += len(gold_ends & got_ends)
        predicted += len(got_ends)
        expected += len(gold_ends)
        exact += len(_spans(sentences) & _spans(got))
        total += len(sentences)
        if got != sentences:
            errors.append((tuple(sentences), tuple(got)))
    precision = true_pos / predicted if predicted else 1.0
    recall = true_pos / expected if expected else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return Score(lang, total, len(gold), precision, recall, f1, exact / total, tuple(errors))


def _speed(gold: list[list[str]], lang: str, split: Splitter, rounds: int = 5) -> float:
    """Return milliseconds per 1,000 sentences."""
    texts = [" ".join(p) for p in gold]
    count = sum(len(p) for p in gold) * rounds
    split(texts[0], lang)  # warm up: tables built on first use
    began = time.perf_counter()
    for _ in range(rounds):
        for text in texts:
            split(text, lang)
    return (time.perf_counter() - began) * 1000 / count * 1000


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--errors", action="store_true", help="print the paragraphs split wrongly")
    args = parser.parse_args(argv)
    print(f"{'lang':<5}{'splitter':<9}{'sent':>6}{'P':>8}{'R':>8}{'F1':>8}{'exact':>8}{'ms/1k':>9}")
    totals: dict[str, list[float]] = {}
    for lang in languages():
        gold = load(lang)
        for name, split in splitters().items():
            s = score(lang, gold, split)
            ms = _speed(gold, lang, split)
            totals.setdefault(name, []).append(s.f1)
            print(
                f"{lang:<5}{name:<9}{s.sentences:>6}{s.precision:>8.3f}{s.recall:>8.3f}"
                f"{s.f1:>8.3f}{s.exact:>8.3f}{ms:>9.1f}"
            )
            if args.errors and name == "ours":
                for want, got in s.errors:
                    print("   gold:", " | ".join(want))
                    print("   got: ", " | ".join(got))
    for name, f1s in totals.items():
        print(f"mean F1 {name}: {sum(f1s) / len(f1s):.3f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
