"""Print sentence-splitting accuracy and speed on our hand-split evaluation set.

Each ``benchmarks/data/sentences/<lang>.txt`` holds one sentence per line and a blank line
between paragraphs (texts written for this project). Every paragraph is joined with one
space and split again; a boundary is the offset where a sentence ends inside a paragraph.

Run: ``.venv/bin/python benchmarks/bench_sentences.py [--errors]``
"""

from __future__ import annotations

import argparse
import time
from dataclasses import dataclass
from pathlib import Path

from languages.profiles import LanguageProfile, profile
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


def score(lang: str, gold: list[list[str]], rules: LanguageProfile) -> Score:
    """Split every gold paragraph again and compare the boundaries."""
    true_pos = predicted = expected = exact = total = 0
    errors = []
    for sentences in gold:
        got = split_sentences(" ".join(sentences), rules)
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


def _speed(gold: list[list[str]], rules: LanguageProfile, rounds: int = 20) -> float:
    """Return milliseconds per 1,000 sentences."""
    texts = [" ".join(p) for p in gold]
    count = sum(len(p) for p in gold) * rounds
    began = time.perf_counter()
    for _ in range(rounds):
        for text in texts:
            split_sentences(text, rules)
    return (time.perf_counter() - began) * 1000 / count * 1000


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--errors", action="store_true", help="print the paragraphs split wrongly")
    args = parser.parse_args(argv)
    print(f"{'lang':<5}{'sent':>6}{'par':>5}{'P':>8}{'R':>8}{'F1':>8}{'exact':>8}{'ms/1k':>9}")
    for lang in languages():
        rules = profile(lang)
        gold = load(lang)
        s = score(lang, gold, rules)
        ms = _speed(gold, rules)
        print(
            f"{lang:<5}{s.sentences:>6}{s.paragraphs:>5}{s.precision:>8.3f}{s.recall:>8.3f}"
            f"{s.f1:>8.3f}{s.exact:>8.3f}{ms:>9.1f}"
        )
        if args.errors:
            for want, got in s.errors:
                print("   gold:", " | ".join(want))
                print("   got: ", " | ".join(got))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
