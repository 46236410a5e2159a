"""The layers run one way: no import goes up, no circle, no project import hides in a function.

The layers and the reading of import statements are ``benchmarks/import_graph.py``'s, which
prints the graph; these tests hold the project to it.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

_SCRIPT = Path(__file__).resolve().parent.parent / "benchmarks" / "import_graph.py"


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
