"""The review flags on our dev set of invented press releases (tests/data/flags)."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

from exports.table import build_table

BENCH = Path(__file__).resolve().parents[2] / "benchmarks" / "bench_flags.py"


@pytest.fixture(scope="module")
def bench() -> ModuleType:
    spec = importlib.util.spec_from_file_location("bench_flags", BENCH)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("kind", ["numbers-differ", "omission"])
def test_flags_find_every_planted_mismatch_and_rarely_cry_wolf(
    bench: ModuleType, kind: str
) -> None:
    tallies, wrong = bench.score()
    tally = tallies[kind]
    assert tally.true >= 4, tally  # the dev set plants at least four of each
    assert tally.recall == 1.0, wrong
    assert tally.precision >= 0.9, wrong


def test_the_flag_names_the_language_and_both_numbers(bench: ModuleType) -> None:
    document, planted = bench.read_dev_document(bench.DEV_SET / "rail-report.txt")
    rows = {r.bead: r for r in build_table(document, bench.LANGS).rows}
    (bead,) = [b for b, kinds in planted.items() if ("numbers-differ", "en") in kinds]
    assert rows[bead].reasons == "numbers differ: English has 1.500 and lacks 1500"
    (gap,) = [b for b, kinds in planted.items() if ("omission", "ru") in kinds]
    assert rows[gap].reasons.startswith("the Russian text is ")
    assert rows[gap].reasons.endswith(
        "as long as the others: a clause or a sentence may be missing"
    )
