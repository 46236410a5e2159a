"""Helpers for the aligner tests: Version values built straight from aligner.model."""

from __future__ import annotations

import random
from collections.abc import Callable, Sequence
from pathlib import Path

import pytest

from aligner.model import Block, Sentence, Source, Turn, Version

DATA = Path(__file__).resolve().parents[2] / "data" / "align"
UDHR = DATA.parent / "udhr"

# one entry per block: (kind, text, speaker id or None)
BlockSpec = tuple[str, str, str | None]


def split_sentences(text: str) -> list[str]:
    """Split on ". " (enough for the invented and UDHR fixtures)."""
    parts = text.split(". ")
    return [p + "." for p in parts[:-1]] + [parts[-1]]


def made_up_sentence(rng: random.Random, size: int) -> str:
    """Return a sentence of made-up words of about ``size`` characters (no language's)."""
    words: list[str] = []
    while len(" ".join(words)) < size:
        syllables = rng.randint(1, 4)
        words.append("".join(rng.choice("bcdfghjklmnprstvz") + rng.choice("aeiou")
                             for _ in range(syllables)))  # fmt: skip
    return " ".join(words).capitalize() + "."


def build_version(lang: str, blocks: Sequence[BlockSpec | str]) -> Version:
    """Build a Version; a plain string is a paragraph, a short line without a stop a heading."""
    out: list[Block] = []
    n_p = n_h = 0
    for spec in blocks:
        if isinstance(spec, str):
            kind = "head" if len(spec) < 30 and not spec.endswith(".") else "p"
            spec = (kind, spec, None)
        kind, text, who = spec
        turn = Turn(f"{lang}.sp{len(out) + 1}", f"{who}:", who) if who else None
        if kind == "head":
            n_h += 1
            out.append(Block(f"{lang}.h{n_h}", "head", n_h, text, turn=turn))
        else:
            n_p += 1
            sentences = tuple(
                Sentence(f"{lang}.p{n_p}.s{k + 1}", s) for k, s in enumerate(split_sentences(text))
            )
            out.append(
                Block(
                    f"{lang}.p{n_p}",
                    "p",
                    n_p,
                    " ".join(s.text for s in sentences),
                    sentences,
                    section="qa" if who else "statement",
                    turn=turn,
                )
            )
    return Version(lang=lang, blocks=tuple(out), source=Source(sha256="0" * 64))


def udhr_paragraphs(lang: str) -> list[str]:
    text = (UDHR / f"{lang}.txt").read_text("utf-8")
    return [line.strip() for line in text.splitlines() if line.strip()]


@pytest.fixture
def make_version() -> Callable[[str, Sequence[BlockSpec | str]], Version]:
    return build_version


@pytest.fixture
def udhr() -> Callable[[str], list[str]]:
    return udhr_paragraphs


@pytest.fixture
def udhr_sentences() -> Callable[[str], list[str]]:
    """Return the sentences of a language of the UDHR excerpt (headings count as one)."""

    def sentences(lang: str) -> list[str]:
        return [s for p in udhr_paragraphs(lang) for s in split_sentences(p)]

    return sentences
