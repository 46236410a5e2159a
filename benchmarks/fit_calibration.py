"""Fit the cert calibration on some gold corpora and check it on the others.

Each corpus of ``sentence_gold.py`` is aligned once with the default configuration; every
bead keeps what its cert is judged from (``PairBead.fit``: posterior, shape, lengths)
and whether it is a gold bead. A calibration (``aligner.align_config.Calibration``) maps a
bead's posterior to its cert per bead class; it is fitted here by isotonic regression
(pool adjacent violators) of "exactly right" on the posterior, per class, read at the
knots of the current table (beads whose length rule rescales them, one-to-one beads more
than one deviation off, are left out of the fit: the rule applies after the map).

Printed, leave one corpus out: for each corpus held out, with the table fitted on the
other three and with the committed table, how many beads are at least 0.9 sure and the
share of them right (the aim: 97% on every corpus), and the expected calibration error.
``--z`` fits, besides the mean, the lower end of Wilson's interval at so many deviations
(a conservative table). ``--write FILE`` writes the table fitted on all corpora (with the
last ``--z``) as an alignment configuration
(``{"calibration": {"maps": ...}}``, read by ``config_from_dict``).

With ``--documents`` the corpora are also aligned as documents, as ``aligner align`` aligns
them (``folds.align_document``), and both forms are printed: each paragraph bead's sentence
beads are one path, their certs judged again from what the sentence pass judged them from
(its sentences aligned again as that pass aligns them, kept where the beads and certs come
out the same) and bounded by the paragraph bead's cert (held as found: the paragraph
beads' own certs are not refitted; with an encoder, which paragraph beads the sentence
pass aligned again with meaning, which hangs on the certs, is held as found too).
``--fit-on documents`` (or ``both``) fits on those.

Run: ``.venv/bin/python benchmarks/fit_calibration.py [--encoder use|e5|none] [--documents]
[--fit-on lists|documents|both] [--write FILE]``. Without the corpus (../shared/corpus or
$ALIGNER_CORPUS) it says so and exits 0.
"""

from __future__ import annotations

import argparse
import dataclasses
import itertools
import json
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from folds import document_versions
from sentence_gold import corpora

from aligner.align import Lexicons, align_texts, align_versions, get_encoder
from aligner.align.confidence import BeadFit, bead_class, path_certs
from aligner.align.embeddings import Embedder
from aligner.align.features import Unit
from aligner.align.pairwise import align_units
from aligner.align_config import DEFAULT_CONFIG, AlignConfig, Calibration, config_to_dict
from aligner.evaluate import find_corpus
from aligner.model import Bead, Block

ROOT = Path(__file__).resolve().parent.parent
#: the share of beads at least 0.9 sure that should be right
AIM = 0.97


@dataclass(frozen=True)
class DocBeads:
    """One path of beads (a document's, or the sentences of one paragraph bead): what each
    cert is judged from, and which are right."""

    fits: tuple[BeadFit, ...]
    right: tuple[bool, ...]
    #: the cert of the paragraph bead the path lies in: a sentence bead is no surer
    bound: float = 1.0
    #: certs not judged from a fit, kept whatever the table (a paragraph bead of one sentence
    #: a side takes the paragraph's cert; a path the sentence pass did not align as here)
    certs: tuple[float, ...] | None = None


def aligned(root: Path, config: AlignConfig) -> dict[str, list[DocBeads]]:
    """Align every gold corpus once as lists of sentences; return, per corpus, its
    documents' beads."""
    encoder = config.encoder
    out: dict[str, list[DocBeads]] = {}
    for name, src_lang, tgt_lang, docs in corpora(root):
        lexicons = Lexicons()
        out[name] = []
        for _, src, tgt, gold in docs:
            beads = align_texts(
                src, tgt, src_lang=src_lang, tgt_lang=tgt_lang, lexicons=lexicons,
                config=config, encoder=encoder,
            )  # fmt: skip
            truth = {(tuple(s), tuple(t)) for s, t in gold}
            fits = tuple(b.fit for b in beads if b.fit is not None)
            if len(fits) != len(beads):
                raise SystemExit("fit_calibration: a bead without what its cert was judged from")
            out[name].append(DocBeads(fits, tuple((b.src, b.tgt) in truth for b in beads)))
    return out


def aligned_documents(root: Path, config: AlignConfig) -> dict[str, list[DocBeads]]:
    """Align every gold corpus as documents (``folds.align_document``); return, per corpus,
    the sentence beads of each paragraph bead as a path (see :func:`_group_path`)."""
    encoder = get_encoder(config.encoder)
    out: dict[str, list[DocBeads]] = {}
    for name, src_lang, tgt_lang, docs in corpora(root):
        lexicons = Lexicons()
        out[name] = []
        for doc in docs:
            langs = (src_lang, tgt_lang)
            versions, index = document_versions(doc, langs)
            paragraphs, sentences = align_versions(versions, lexicons=lexicons, config=config)
            truth = {(tuple(s), tuple(t)) for s, t in doc[3]}
            blocks = {b.id: b for v in versions for b in v.blocks}
            where = {
                sid: k for k, p in enumerate(paragraphs.beads) for sid in _sentence_ids(p, blocks)
            }
            found: list[list[Bead]] = [[] for _ in paragraphs.beads]
            for bead in sentences.beads:
                found[where[next(iter(_ids(bead)))]].append(bead)
            for para, beads in zip(paragraphs.beads, found, strict=True):
                right = tuple(
                    tuple(tuple(index[i] for i in b.ids(lang)) for lang in langs) in truth
                    for b in beads
                )
                group = ParagraphBeads(para, beads, right, langs, blocks)
                out[name].append(_group_path(group, lexicons, config, encoder))
    return out


def _ids(bead: Bead) -> list[str]:
    return [i for found in bead.members.values() for i in found]


def _sentence_ids(para: Bead, blocks: Mapping[str, Block]) -> list[str]:
    return [s.id for block in _ids(para) for s in blocks[block].sentences]


@dataclass(frozen=True)
class ParagraphBeads:
    """A paragraph bead, the sentence beads aligned inside it, and which are right."""

    para: Bead
    beads: Sequence[Bead]
    right: tuple[bool, ...]
    langs: tuple[str, str]
    blocks: Mapping[str, Block]


def _group_path(
    group: ParagraphBeads, lexicons: Lexicons, config: AlignConfig, encoder: Embedder | None
) -> DocBeads:
    """Return the sentence beads of one paragraph bead with what their certs were judged
    from: its sentences aligned again as the sentence pass aligns them (a pair of one
    paragraph bead, learning nothing, without meaning and then with it), the first
    alignment that gives the same beads and certs kept; the certs as found otherwise."""
    para, langs = group.para, group.langs
    src, tgt = langs
    sentences = {
        lang: [s for b in para.ids(lang) for s in group.blocks[b].sentences] for lang in group.langs
    }
    place = {s.id: k for side in sentences.values() for k, s in enumerate(side)}
    found = [
        (tuple(place[i] for i in b.ids(src)), tuple(place[i] for i in b.ids(tgt)), b.cert)
        for b in group.beads
    ]
    certs = tuple(b.cert for b in group.beads)
    if all(len(side) == 1 for side in sentences.values()) or not all(sentences.values()):
        return DocBeads((), group.right, para.cert, certs)
    # the sentence pass aligns a pair in either order: the fits read the same either way
    for meaning, (a, b) in itertools.product(dict.fromkeys((None, encoder)), (langs, langs[::-1])):
        beads = align_units(
            [Unit(s.text) for s in sentences[a]], [Unit(s.text) for s in sentences[b]],
            src_lang=a, tgt_lang=b, lexicons=lexicons, learn=False, config=config,
            encoder=meaning, paired=True,
        )  # fmt: skip
        cut = [(x.src, x.tgt) if a == langs[0] else (x.tgt, x.src) for x in beads]
        again = [(*c, round(min(x.cert, para.cert), 3)) for c, x in zip(cut, beads, strict=True)]
        fits = tuple(x.fit for x in beads if x.fit is not None)
        if again == found and len(fits) == len(beads):
            return DocBeads(fits, group.right, para.cert)
    return DocBeads((), group.right, para.cert, certs)


def _plain(fits: Sequence[BeadFit], k: int) -> bool:
    near = [fits[x] for x in (k - 1, k + 1) if 0 <= x < len(fits)]
    return all(n.src_count == 1 and n.tgt_count == 1 for n in near)


def isotonic(points: Sequence[tuple[float, float, float]]) -> list[tuple[float, float]]:
    """Return the increasing fit of (x, y, weight) points: (x, fitted y) per distinct x.

    >>> isotonic([(0.1, 1.0, 1.0), (0.2, 0.0, 1.0), (0.3, 1.0, 2.0)])
    [(0.1, 0.5), (0.2, 0.5), (0.3, 1.0)]
    """
    blocks: list[list[float]] = []  # [sum of weighted y, weight, first index, last index]
    xs = sorted({x for x, _, _ in points})
    at = {x: k for k, x in enumerate(xs)}
    sums = [[0.0, 0.0] for _ in xs]
    for x, y, w in points:
        sums[at[x]][0] += y * w
        sums[at[x]][1] += w
    for k, (sy, sw) in enumerate(sums):
        blocks.append([sy, sw, k, k])
        while len(blocks) > 1 and blocks[-2][0] / blocks[-2][1] > blocks[-1][0] / blocks[-1][1]:
            sy2, sw2, _, last = blocks.pop()
            blocks[-1][0] += sy2
            blocks[-1][1] += sw2
            blocks[-1][3] = last
    out: list[tuple[float, float]] = []
    for sy, sw, first, last in blocks:
        out += [(xs[k], sy / sw) for k in range(int(first), int(last) + 1)]
    return out


def fit(paths: Sequence[DocBeads], base: Calibration, z: float = 0.0) -> Calibration:
    """Return ``base`` with each class's certs refitted on ``paths`` at its knots.

    A knot's cert is the isotonic fit at the beads nearest it (halfway to the knots on
    either side), with one right and one wrong bead added (so that a knot few beads reach
    stays near one half), kept increasing along the knots; with ``z`` above 0, the lower
    end of Wilson's interval at ``z`` standard deviations around it (a knot held by few
    beads says less).
    """
    by_class: dict[str, list[tuple[float, bool]]] = {name: [] for name in base.maps}
    for path in paths:
        if path.certs is not None:
            continue
        for k, (bead, ok) in enumerate(zip(path.fits, path.right, strict=True)):
            if bead.src_count == bead.tgt_count == 1 and abs(bead.deviation) > 1.0:
                continue
            plain = _plain(path.fits, k)
            name = bead_class(bead.src_count, bead.tgt_count, plain=plain)
            by_class[name].append((min(1.0, max(0.0, bead.posterior)), ok))
    maps: dict[str, tuple[tuple[float, ...], tuple[float, ...]]] = {}
    for name, (knots, _) in base.maps.items():
        smooth = isotonic([(p, float(ok), 1.0) for p, ok in by_class[name]])
        fitted = dict(smooth)
        bounds = [0.0] + [(a + b) / 2 for a, b in zip(knots, knots[1:], strict=False)] + [1.01]
        points = []
        for k, knot in enumerate(knots):
            near = [fitted[p] for p, _ in by_class[name] if bounds[k] <= p < bounds[k + 1]]
            count = len(near) + 2.0
            points.append((knot, _lower((sum(near) + 1.0) / count, count, z), count))
        values = [round(y, 3) for _, y in isotonic(points)]
        maps[name] = (tuple(knots), tuple(values))
    return Calibration(maps=maps)


def _lower(share: float, count: float, z: float) -> float:
    """Return the lower end of Wilson's score interval of a share seen in ``count`` trials.

    >>> _lower(0.5, 100.0, 0.0), round(_lower(0.9, 100.0, 2.0), 3)
    (0.5, 0.824)
    """
    if z <= 0.0:
        return share
    centre = share + z * z / (2 * count)
    spread = z * math.sqrt(share * (1 - share) / count + z * z / (4 * count * count))
    return max(0.0, (centre - spread) / (1 + z * z / count))


def judged(paths: Sequence[DocBeads], calibration: Calibration) -> list[tuple[float, bool]]:
    """Return (cert, right) of every bead of ``paths`` under ``calibration``."""
    out: list[tuple[float, bool]] = []
    for path in paths:
        if path.certs is not None:
            out += list(zip(path.certs, path.right, strict=True))
            continue
        certs = [min(c, path.bound) for c in path_certs(list(path.fits), calibration)]
        out += list(zip(certs, path.right, strict=True))
    return out


def sure_right(found: Sequence[tuple[float, bool]], level: float = 0.9) -> tuple[int, float]:
    """Return how many beads are at least ``level`` sure, and the share of them right."""
    sure = [ok for cert, ok in found if cert >= level]
    return len(sure), (sum(sure) / len(sure) if sure else 1.0)


def calibration_error(found: Sequence[tuple[float, bool]]) -> float:
    """Return the expected calibration error over ten bins of cert.

    >>> calibration_error([(0.95, True), (0.95, False), (0.15, False)])
    0.35
    """
    total = 0.0
    for lo in range(10):
        inside = [
            (c, ok) for c, ok in found if lo / 10 <= c < (lo + 1) / 10 or (lo == 9 and c >= 1)
        ]
        if inside:
            gap = abs(
                sum(c for c, _ in inside) / len(inside) - sum(ok for _, ok in inside) / len(inside)
            )
            total += gap * len(inside)
    return round(total / max(1, len(found)), 3)


def _row(label: str, found: Sequence[tuple[float, bool]]) -> str:
    count, share = sure_right(found)
    mark = "" if share >= AIM else "  < aim"
    return f"  {label:<34} {count:>5} {share:7.3f} {calibration_error(found):7.3f}{mark}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--encoder", default="use", help="use (default), e5 or none")
    parser.add_argument("--write", type=Path, help="write the table fitted on all corpora")
    parser.add_argument(
        "--z", default="0,1,2", help="comma-separated: Wilson lower bounds to fit (0: the mean)"
    )
    parser.add_argument(
        "--documents", action="store_true", help="also align as documents, and print both"
    )
    parser.add_argument(
        "--fit-on", default="lists", help="the beads fitted on: lists, documents or both"
    )
    args = parser.parse_args(argv)
    root = find_corpus(ROOT)
    if root is None:
        print("fit_calibration: no gold corpus (../shared/corpus or $ALIGNER_CORPUS); skipped")
        return 0
    encoder = None if args.encoder == "none" else args.encoder
    zs = [float(z) for z in args.z.split(",") if z]
    if encoder is not None:
        get_encoder(encoder)
    # as the accuracy gate aligns: without an encoder, none either where a pair looks partial
    config = dataclasses.replace(
        DEFAULT_CONFIG,
        encoder=encoder,
        partial_encoder=DEFAULT_CONFIG.partial_encoder if encoder else None,
    )
    forms = {"lists": aligned(root, config)}
    if args.documents or args.fit_on != "lists":
        forms["documents"] = aligned_documents(root, config)
    fit_on = list(forms) if args.fit_on == "both" else [args.fit_on]
    whole = _held_out(forms, fit_on, zs, args.encoder)
    if args.write is not None:
        config = dataclasses.replace(DEFAULT_CONFIG, calibration=whole)
        table: Mapping[str, object] = {"calibration": config_to_dict(config)["calibration"]}
        args.write.write_text(json.dumps(table, indent=1, sort_keys=True) + "\n", "utf-8")
        print(f"written: {args.write}")
    return 0


def _held_out(
    forms: Mapping[str, Mapping[str, list[DocBeads]]],
    fit_on: Sequence[str],
    zs: Sequence[float],
    encoder: str,
) -> Calibration:
    """Print, per corpus held out and per form, the committed table's figures and those of
    the tables fitted on the ``fit_on`` forms of the other corpora, then on all corpora;
    return the table fitted on all (with the last of ``zs``)."""
    base = DEFAULT_CONFIG.calibration
    names = list(forms["lists"])
    print(f"encoder {encoder}: beads cert >= 0.9, share right, calibration error")
    print(f"fitted on: {', '.join(fit_on)}")
    print(f"  {'':<34} {'beads':>5} {'right':>7} {'ECE':>7}")
    for held in [*names, None]:
        print(f"{held or 'all corpora'}:")
        rest = [p for form in fit_on for n in names if n != held for p in forms[form][n]]
        label = "fitted on the others" if held is not None else "fitted on all (in-sample)"
        tables = [("committed table", base)] + [
            (f"{label}, z={z:g}", fit(rest, base, z)) for z in zs
        ]
        for label, table in tables:
            for form, found in forms.items():
                paths = found[held] if held is not None else [p for n in names for p in found[n]]
                print(_row(f"{form}, {label}", judged(paths, table)))
    every = [p for form in fit_on for n in names for p in forms[form][n]]
    return fit(every, base, zs[-1])


if __name__ == "__main__":
    raise SystemExit(main())
