"""The layers run one way: no import goes up, no circle, no project import hides in a function.

The layers and the reading of import statements are ``benchmarks/import_graph.py``'s, which
prints the graph; these tests hold the project to it. Functions stay short too: none in
``aligner/``, ``languages/`` or ``exports/`` is over :data:`_MOST_LINES` lines but the DP
kernel.
"""

from __future__ import annotations

import ast
import importlib.util
import sys
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import pytest

_REPO = Path(__file__).resolve().parent.parent
_SCRIPT = _REPO / "benchmarks" / "import_graph.py"

#: the most lines a function may take, from its ``def`` to its last line (decorators aside)
_MOST_LINES = 60
_SHORT_PACKAGES = ("aligner", "languages", "exports")
#: functions allowed over the limit for good: the DP kernel fills its tables row by row and
#: walks the best path back in one place, as vecalign's kernel does; cut into calls, each row
#: would pay them, and the recurrence would be spread over several places to read
_LONG_FOR_GOOD = frozenset({"aligner/align/dp.py::best_path"})
#: the ratchet: functions over the limit, with their length, until they are split; a length
#: may only go down, and an entry goes once its function is short (none is left)
_LONG_TODAY: dict[str, int] = {}


@pytest.fixture(scope="module")
def graph() -> ModuleType:
    spec = importlib.util.spec_from_file_location("import_graph", _SCRIPT)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["import_graph"] = module
    spec.loader.exec_module(module)
    return module


def test_no_module_imports_a_layer_above_its_own(graph: ModuleType) -> None:
    assert graph.upward(graph.statements()) == []


def test_every_project_module_is_in_a_layer(graph: ModuleType) -> None:
    assert graph.unlayered() == []


def test_no_project_import_hides_inside_a_function(graph: ModuleType) -> None:
    assert graph.late(graph.statements()) == []


def test_no_circle_runs_through_several_packages(graph: ModuleType) -> None:
    every = graph.statements()
    assert graph.cycles(graph._all_edges(every)) == []


def test_the_checks_see_an_upward_import_a_late_one_and_a_circle(graph: ModuleType) -> None:
    """The checks above would fail on the faults they are for."""
    assert graph.upward([("aligner.views", "aligner.tei", False)]) == [
        "aligner.views (analysis) imports aligner.tei (io)"
    ]
    assert graph.late([("aligner.review", "exports.table", True)]) != []
    assert graph.late([("aligner.cli", "aligner.service", True)]) == []
    circle = {"aligner.review": {"exports.table"}, "exports.table": {"aligner.review"}}
    assert graph.cycles(circle) == [["aligner.review", "exports.table"]]


def _function_lengths(source: str, path: str) -> Iterator[tuple[str, int]]:
    """Yield ``path::Class.function`` and its length in lines for every function in ``source``."""

    def walk(node: ast.AST, prefix: str) -> Iterator[tuple[str, int]]:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef):
                name = prefix + child.name
                assert child.end_lineno is not None
                yield f"{path}::{name}", child.end_lineno - child.lineno + 1
                yield from walk(child, name + ".")
            elif isinstance(child, ast.ClassDef):
                yield from walk(child, prefix + child.name + ".")
            else:
                yield from walk(child, prefix)

    yield from walk(ast.parse(source), "")


def _too_long(lengths: dict[str, int], allowed: dict[str, int]) -> list[str]:
    """Return the functions over the limit and beyond what ``allowed`` lets them keep."""
    faults = []
    for name, length in sorted(lengths.items()):
        if length <= _MOST_LINES or name in _LONG_FOR_GOOD:
            continue
        if name not in allowed:
            faults.append(f"{name} is {length} lines (at most {_MOST_LINES})")
        elif length > allowed[name]:
            faults.append(f"{name} is {length} lines, was {allowed[name]}: it may only shrink")
    for name, was in sorted(allowed.items()):
        if lengths.get(name, 0) <= _MOST_LINES:
            faults.append(f"{name} (was {was} lines) is short now: take it off _LONG_TODAY")
    return faults


def _project_lengths() -> dict[str, int]:
    lengths: dict[str, int] = {}
    for package in _SHORT_PACKAGES:
        for path in sorted((_REPO / package).rglob("*.py")):
            relative = path.relative_to(_REPO).as_posix()
            lengths.update(_function_lengths(path.read_text(encoding="utf-8"), relative))
    return lengths


def test_no_function_is_over_sixty_lines_but_the_dp_kernel() -> None:
    assert _too_long(_project_lengths(), _LONG_TODAY) == []


def test_the_checks_see_a_long_function_a_grown_one_and_a_stale_allowance() -> None:
    """The length check would fail on the faults it is for."""
    body = "".join(f"        x{i} = {i}\n" for i in range(_MOST_LINES))
    source = (
        "class Shelf:\n    @staticmethod\n    def fill() -> None:\n"
        + body
        + "\ndef short() -> None:\n    pass\n"
    )
    lengths = dict(_function_lengths(source, "aligner/shelf.py"))
    assert lengths == {
        "aligner/shelf.py::Shelf.fill": _MOST_LINES + 1,
        "aligner/shelf.py::short": 2,
    }
    long = "aligner/shelf.py::Shelf.fill"
    assert _too_long(lengths, {}) == [f"{long} is 61 lines (at most {_MOST_LINES})"]
    assert _too_long(lengths, {long: 61}) == []
    assert _too_long(lengths, {long: 60}) == [f"{long} is 61 lines, was 60: it may only shrink"]
    assert _too_long(lengths, {long: 61, "aligner/shelf.py::short": 70}) == [
        "aligner/shelf.py::short (was 70 lines) is short now: take it off _LONG_TODAY"
    ]
    assert _too_long({"aligner/align/dp.py::best_path": 200}, {}) == []
