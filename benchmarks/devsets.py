"""Development sets of uneven versions, generated from the shared corpora by seeded rules.

A document is, per language, a list of paragraphs; each paragraph knows the *atoms* (units
of the gold alignment: a UDHR gold group, a Text+Berg or ParIce gold bead) it holds. Cutting
a version (a prefix, a suffix, a missing middle run, a window of a longer one) and joining
paragraphs (a heading run into its paragraph, a salutation into the first paragraph, a
dateline glued to the time) only move atoms around, so the gold stays exact: two paragraphs
of any versions belong to one gold bead when they are linked through shared atoms.

Sources, for variety: the UDHR in five languages (headings and articles), Text+Berg
German-French and ParIce English-Icelandic (sentence gold beads grouped into pseudo-
paragraphs of 2-6 beads), and a press release opening with a dateline, a time and a
salutation in each language (the phrases are ours, written for this file).
"""

from __future__ import annotations

import itertools
import json
import random
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from aligner.evaluate import Group, parse_indexed, read_beads, read_nway_gold
from aligner.model import Version
from aligner.readers import read_bytes
from aligner.segment import segment


@dataclass(frozen=True)
class Para:
    """One paragraph: its text, the gold atoms it holds and whether it is a heading."""

    text: str
    atoms: frozenset[int]
    head: bool = False


@dataclass(frozen=True)
class Doc:
    """A document of several language versions with exact gold (see the module docstring)."""

    name: str
    versions: dict[str, list[Para]]

    @property
    def langs(self) -> list[str]:
        return list(self.versions)


def udhr(corpus: Path) -> Doc:
    """Return the UDHR in five languages; each gold group is one atom."""
    gold = read_nway_gold(corpus / "udhr")
    roles = [
        g.get("role") for g in json.loads((corpus / "udhr" / "gold.json").read_text())["groups"]
    ]
    versions: dict[str, list[Para]] = {lang: [] for lang in gold.languages}
    for k, group in enumerate(gold.groups):
        for lang in gold.languages:
            for i in group[lang]:
                text = gold.paragraphs[lang][i]
                versions[lang].append(Para(text, frozenset({k}), roles[k] == "heading"))
    return Doc("udhr", versions)


def grouped_pairs(corpus: Path, rng: random.Random) -> list[Doc]:
    """Return Text+Berg (de-fr) and ParIce (en-is) documents whose paragraphs are runs of
    2-6 consecutive gold beads (1-0 and 0-1 beads included)."""
    docs: list[Doc] = []
    tb = corpus / "textberg-dev"
    if tb.is_dir():
        de = (tb / "dev.de").read_text("utf-8").split("\n")[:-1]
        fr = (tb / "dev.fr").read_text("utf-8").split("\n")[:-1]
        beads = read_beads(tb / "dev.defr")
        for part, chunk in enumerate(_chunks(beads, 120)):
            docs.append(_paragraphs(f"textberg-{part}", "de", de, "fr", fr, chunk, rng))
    parice = corpus / "parice-en-is"
    if parice.is_dir():
        for gold in sorted((parice / "gold").glob("*.txt")):
            en = parse_indexed((parice / "eng" / gold.name).read_text("utf-8"))
            is_ = parse_indexed((parice / "isl" / gold.name).read_text("utf-8"))
            doc = _paragraphs(f"parice-{gold.stem}", "en", en, "is", is_, read_beads(gold), rng)
            if min(len(v) for v in doc.versions.values()) >= 8:
                docs.append(doc)
    return docs


def _chunks(items: Sequence[object], size: int) -> Iterator[list[object]]:
    for start in range(0, len(items) - size // 2, size):
        yield list(items[start : start + size])


def _paragraphs(
    name: str,
    a: str,
    a_lines: Sequence[str],
    b: str,
    b_lines: Sequence[str],
    beads: Sequence[object],
    rng: random.Random,
) -> Doc:
    versions: dict[str, list[Para]] = {a: [], b: []}
    k = 0
    atom = 0
    pairs = list(beads)
    while k < len(pairs):
        size = rng.randint(2, 6)
        run = pairs[k : k + size]
        for lang, lines, side in ((a, a_lines, 0), (b, b_lines, 1)):
            texts = [lines[i].strip() for bead in run for i in bead[side] if i < len(lines)]  # type: ignore[index]
            atoms = frozenset(atom + x for x, bead in enumerate(run) if bead[side])  # type: ignore[index]
            text = " ".join(t for t in texts if t)
            if text:
                versions[lang].append(Para(text, atoms))
        atom += len(run)
        k += size
    return Doc(name, versions)


#: the opening of a press release in five languages: dateline, time, salutation (ours)
PRESS = {
    "de": ("Berlin, 12. Mai 2021", "22:50 Uhr", "Sehr geehrte Damen und Herren,"),
    "en": ("Berlin, 12 May 2021", "22:50", "Ladies and gentlemen,"),
    "es": ("Berlín, 12 de mayo de 2021", "22:50 horas", "Señoras y señores:"),
    "fr": ("Berlin, le 12 mai 2021", "22 h 50", "Mesdames et Messieurs,"),
    "ru": ("Берлин, 12 мая 2021 года", "22:50", "Дамы и господа!"),
}


def press_release(doc: Doc) -> Doc | None:
    """Return ``doc`` with a dateline, a time and a salutation after its title (or at its
    start) in every language; None when a language has no such phrases here."""
    if any(lang not in PRESS for lang in doc.langs):
        return None
    versions = {}
    for lang, paras in doc.versions.items():
        at = 1 if paras and paras[0].head else 0
        opening = [Para(text, frozenset({-1 - k})) for k, text in enumerate(PRESS[lang])]
        versions[lang] = paras[:at] + opening + paras[at:]
    return Doc(doc.name + "+press", versions)


def _opening_at(doc: Doc, lang: str) -> int:
    """Return the index of the dateline in a press-release version."""
    return next(k for k, p in enumerate(doc.versions[lang]) if -1 in p.atoms)


# --- variants --------------------------------------------------------------------------


Variant = Callable[[Doc, str, random.Random], Doc | None]


def _cut(doc: Doc, lang: str, keep: Callable[[int], bool]) -> Doc:
    paras = [p for k, p in enumerate(doc.versions[lang]) if keep(k)]
    return Doc(doc.name, {**doc.versions, lang: paras})


def prefix(doc: Doc, lang: str, rng: random.Random) -> Doc:
    """Keep the first 30-70% of one version."""
    n = len(doc.versions[lang])
    end = max(2, round(n * rng.uniform(0.3, 0.7)))
    return _cut(doc, lang, lambda k: k < end)


def suffix(doc: Doc, lang: str, rng: random.Random) -> Doc:
    """Keep the last 30-70% of one version."""
    n = len(doc.versions[lang])
    start = n - max(2, round(n * rng.uniform(0.3, 0.7)))
    return _cut(doc, lang, lambda k: k >= start)


def middle(doc: Doc, lang: str, rng: random.Random) -> Doc:
    """Leave a middle run of 20-40% out of one version."""
    n = len(doc.versions[lang])
    size = max(1, round(n * rng.uniform(0.2, 0.4)))
    start = rng.randint(max(1, n // 10), max(1, n - size - max(1, n // 10)))
    return _cut(doc, lang, lambda k: not start <= k < start + size)


def longer(doc: Doc, lang: str, rng: random.Random) -> Doc:
    """Keep one version whole and a window of a fifth of it in every other one."""
    n = min(len(p) for p in doc.versions.values())
    size = max(2, n // 5)
    start = rng.randint(0, n - size)
    out = doc
    for other in doc.langs:
        if other != lang:
            out = _cut(out, other, lambda k, s=start: s <= k < s + size)
    return out


def opening(doc: Doc, lang: str, rng: random.Random) -> Doc:
    """Keep only the title and the first three to five paragraphs of one version."""
    end = rng.randint(4, 6)
    return _cut(doc, lang, lambda k: k < end)


PARTIAL: dict[str, Variant] = {
    "prefix": prefix,
    "suffix": suffix,
    "middle": middle,
    "5x longer": longer,
    "opening": opening,
}


def _join(doc: Doc, lang: str, k: int) -> Doc:
    """Join paragraphs k and k+1 of one version into one (a space between)."""
    paras = list(doc.versions[lang])
    first, second = paras[k], paras[k + 1]
    paras[k : k + 2] = [Para(f"{first.text} {second.text}", first.atoms | second.atoms)]
    return Doc(doc.name, {**doc.versions, lang: paras})


def _join_where(
    doc: Doc, lang: str, rng: random.Random, ok: Callable[[Para, Para], bool]
) -> Doc | None:
    paras = doc.versions[lang]
    options = [k for k in range(len(paras) - 1) if ok(paras[k], paras[k + 1])]
    return _join(doc, lang, rng.choice(options)) if options else None


def heading_into_paragraph(doc: Doc, lang: str, rng: random.Random) -> Doc | None:
    """ "Artikel 29 Jeder hat ...": a heading run together with its paragraph."""
    return _join_where(doc, lang, rng, lambda a, b: a.head and not b.head)


def paragraph_into_heading(doc: Doc, lang: str, rng: random.Random) -> Doc | None:
    """A paragraph run into the next heading."""
    return _join_where(doc, lang, rng, lambda a, b: not a.head and b.head)


def one_line(doc: Doc, lang: str, rng: random.Random) -> Doc | None:
    """A short paragraph of one line ("Now, therefore,") run into the next."""
    return _join_where(doc, lang, rng, lambda a, b: len(a.text) < 60 and not a.head)


def salutation(doc: Doc, lang: str, rng: random.Random) -> Doc | None:
    """The salutation of a press release merged into its first paragraph."""
    if not doc.name.endswith("+press"):
        return None
    return _join(doc, lang, _opening_at(doc, lang) + 2)


def dateline_time(doc: Doc, lang: str, rng: random.Random) -> Doc | None:
    """The dateline glued to the time, without a space ("12 May 202122:50")."""
    if not doc.name.endswith("+press"):
        return None
    paras = list(doc.versions[lang])
    at = _opening_at(doc, lang)
    first, second = paras[at], paras[at + 1]
    paras[at : at + 2] = [Para(first.text + second.text, first.atoms | second.atoms)]
    return Doc(doc.name, {**doc.versions, lang: paras})


JOINS: dict[str, Variant] = {
    "heading+paragraph": heading_into_paragraph,
    "paragraph+heading": paragraph_into_heading,
    "one-line paragraph": one_line,
    "salutation": salutation,
    "dateline+time": dateline_time,
}


# --- gold and versions -----------------------------------------------------------------


def gold_groups(doc: Doc, langs: Sequence[str] | None = None) -> list[Group]:
    """Return the exact gold of ``langs`` (default all): their paragraphs linked through
    shared atoms, in order. For two languages these are the pair's own minimal beads."""
    langs = list(langs or doc.langs)
    nodes = [(lang, i) for lang in langs for i in range(len(doc.versions[lang]))]
    parent = {node: node for node in nodes}

    def root(x: tuple[str, int]) -> tuple[str, int]:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    owner: dict[int, tuple[str, int]] = {}
    for lang, i in nodes:
        for atom in doc.versions[lang][i].atoms:
            if atom in owner:
                parent[root((lang, i))] = root(owner[atom])
            else:
                owner[atom] = (lang, i)
    members: dict[tuple[str, int], dict[str, list[int]]] = {}
    for lang, i in nodes:
        members.setdefault(root((lang, i)), {x: [] for x in langs})[lang].append(i)
    groups = [{lang: tuple(ids) for lang, ids in g.items()} for g in members.values()]
    return sorted(
        groups, key=lambda g: min(_first_atom(doc, lang, ids) for lang, ids in g.items() if ids)
    )


def _first_atom(doc: Doc, lang: str, ids: Sequence[int]) -> float:
    atoms = [a for i in ids for a in doc.versions[lang][i].atoms]
    return min(atoms) if atoms else float("inf")


def read(doc: Doc) -> tuple[Doc, list[Version]]:
    """Read each version as the aligner reads a plain-text file: paragraphs between blank
    lines, headings and sentences found by the readers (one block per paragraph).

    Returns the versions and ``doc`` without the paragraphs a reader took out as front
    matter (a place-and-date line of the press-release opening), so the gold stays exact.
    """
    out = []
    kept: dict[str, list[Para]] = {}
    for lang, paras in doc.versions.items():
        data = "\n\n".join(p.text for p in paras).encode("utf-8")
        version = segment(read_bytes(data, filename=f"{lang}.txt"), lang)
        front = {item.text for item in version.front}
        kept[lang] = [p for p in paras if p.text not in front]
        if len(version.blocks) != len(kept[lang]):  # a reader joined or split a paragraph
            raise ValueError(f"{doc.name} {lang}: {len(paras)} paragraphs read differently")
        out.append(version)
    return Doc(doc.name, kept), out


def pairs(langs: Sequence[str]) -> list[tuple[str, str]]:
    return list(itertools.combinations(langs, 2))
