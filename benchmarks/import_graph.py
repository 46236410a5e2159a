"""Print which package imports which, whether modules of several packages load each other in a
circle, which imports go up the layers or hide inside a function, and what importing a leaf
module really loads.

The layers, bottom first (:data:`LAYERS`): the model (``model``, ``ids``, ``invariants``,
``errors``), the language data (``languages``), pure analysis (``views``, ``flags``), the
pipeline (``segment``, ``align``), edits (``edit``), input and output (``readers``, ``tei``,
the document ``store`` with its search ``index``, ``exports``), the review round trip
(``review``), the pipeline as functions (``api``, ``evaluate``, ``settings``) and the
applications (``cli``, ``service``, ``archive``). A module
may import from its own layer and those below; ``tests/test_layers.py`` fails on an import
that goes up, on a circle through several packages, and on a project import inside a
function (but the one that keeps FastAPI out of the command line until ``aligner serve``).

The packages are ``aligner.align``, ``aligner.readers``, ``aligner.service``,
``aligner.archive``, ``aligner.cli``, ``languages`` and ``exports``; the flat modules of
``aligner`` are shown as the layer they are in (``aligner:model``, ``aligner:io``...).
An edge counts the import statements from one package into another, read with :mod:`ast`
from the source (``from aligner import edit`` counts as an import of ``aligner.edit``);
imports inside a function body are counted apart (``local``), since they may dodge a
cycle. Then each leaf module is imported in a fresh interpreter and the number of project
modules it pulled in is printed: a low count means a module can be used without loading
the pipeline.

    python benchmarks/import_graph.py [--root CHECKOUT]

``--root`` reads another checkout (say, the commit before a change) for a before/after.
"""

from __future__ import annotations

import argparse
import ast
import os
import subprocess
import sys
from collections import Counter
from collections.abc import Collection
from pathlib import Path

ROOT = Path(os.environ.get("IMPORT_GRAPH_ROOT") or Path(__file__).resolve().parent.parent)
PIPELINE = frozenset({"aligner:api", "aligner:pipeline", "aligner.cli", "aligner.align"})
PACKAGES = (
    "aligner.align",
    "aligner.readers",
    "aligner.service",
    "aligner.archive",
    "aligner.cli",
    "languages",
    "exports",
)
TOP = ("aligner", "languages", "exports")
PROBES = (
    "aligner.model",
    "aligner.errors",
    "languages.profiles",
    "languages.sentences",
    "exports",
    "exports.table",
    "aligner",
)


#: the layers, bottom first: each holds modules (a name stands for the module and the modules
#: under it); a module may import from its own layer and the layers below
LAYERS: tuple[tuple[str, tuple[str, ...]], ...] = (
    (
        "model",
        (
            "aligner",  # the package's lazy face: its imports are for type checkers only
            "aligner.model",
            "aligner.align_config",  # the aligner's settings as data: the model holds them
            "aligner.ids",
            "aligner.invariants",
            "aligner.errors",
            "aligner._clock",
            "aligner._io",
        ),
    ),
    ("languages", ("languages",)),
    ("analysis", ("aligner.views", "aligner.flags")),
    ("pipeline", ("aligner.segment", "aligner.align")),
    ("edits", ("aligner.edit",)),
    ("io", ("aligner.readers", "aligner.tei", "aligner.index", "aligner.store", "exports")),
    ("review", ("aligner.review",)),
    ("api", ("aligner.api", "aligner.evaluate", "aligner.settings")),
    ("apps", ("aligner.cli", "aligner.service", "aligner.archive")),
)

#: the project imports that may stay inside a function: FastAPI and uvicorn load only for
#: ``aligner serve``, not for every command
LATE_ALLOWED = frozenset({("aligner.cli", "aligner.service")})


def layer_of(module: str) -> int | None:
    """Return the index in :data:`LAYERS` of the layer ``module`` belongs to.

    The longest name that holds it decides:

    >>> [LAYERS[layer_of(m)][0] for m in ("aligner.model", "aligner.align.dp", "exports.csv")]
    ['model', 'pipeline', 'io']
    >>> layer_of("lxml.etree") is None
    True
    """
    best: tuple[int, int] | None = None
    for index, (_name, members) in enumerate(LAYERS):
        for member in members:
            inside = module == member or module.startswith(member + ".")
            if inside and (best is None or len(member) > best[1]):
                best = (index, len(member))
    return None if best is None else best[0]


def package_of(module: str) -> str | None:
    """Return the package a dotted module name belongs to, or None outside the project.

    The flat modules of ``aligner`` count as the layer they are in: ``aligner:model``,
    ``aligner:io``...

    >>> package_of("aligner.align.dp"), package_of("aligner.tei"), package_of("lxml.etree")
    ('aligner.align', 'aligner:io', None)
    >>> package_of("aligner.model"), package_of("aligner.api"), package_of("aligner.cli")
    ('aligner:model', 'aligner:api', 'aligner.cli')
    """
    if module.split(".")[0] not in TOP:
        return None
    for package in PACKAGES:
        if module == package or module.startswith(package + "."):
            return package
    layer = layer_of(module)
    if module.startswith("aligner") and layer is not None:
        return f"aligner:{LAYERS[layer][0]}"
    return module.split(".")[0]


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def modules() -> dict[str, Path]:
    """Return every project module by dotted name."""
    return {module_name(p): p for name in TOP for p in sorted((ROOT / name).rglob("*.py"))}


def imported(
    tree: ast.Module, here: str, is_package: bool, known: Collection[str] = ()
) -> list[tuple[str, bool]]:
    """Return (module, inside a function) for every import statement in ``tree``.

    ``from package import name`` is an import of ``package.name`` when that is a module of
    ``known``.
    """
    found: list[tuple[str, bool]] = []

    def visit(node: ast.AST, local: bool) -> None:
        for child in ast.iter_child_nodes(node):
            inner = local or isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef)
            if isinstance(child, ast.Import):
                found.extend((alias.name, inner) for alias in child.names)
            elif isinstance(child, ast.ImportFrom):
                base = child.module or ""
                if child.level:
                    anchor = here.split(".")
                    anchor = anchor[: len(anchor) - child.level + (1 if is_package else 0)]
                    base = ".".join([*anchor, base] if base else anchor)
                subs = [f"{base}.{a.name}" for a in child.names if f"{base}.{a.name}" in known]
                found.extend((sub, inner) for sub in subs)
                if len(subs) < len(child.names):
                    found.append((base, inner))
            elif isinstance(child, ast.If) and _is_type_checking(child.test):
                continue  # annotations only: no run-time edge
            else:
                visit(child, inner)

    visit(tree, False)
    return found


def _is_type_checking(test: ast.expr) -> bool:
    return isinstance(test, ast.Name) and test.id == "TYPE_CHECKING"


def module_edges() -> dict[str, set[str]]:
    """Return the project modules each module loads when it is imported.

    That is what it imports at its top level, and its parent packages: importing ``a.b``
    runs ``a/__init__.py`` first.
    """
    known = modules()
    out: dict[str, set[str]] = {}
    for here, path in known.items():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        found = imported(tree, here, path.name == "__init__.py", known)
        out[here] = {m for m, inside in found if m in known and m != here and not inside}
        parts = here.split(".")
        out[here].update(".".join(parts[:i]) for i in range(1, len(parts)))
    return out


def statements() -> list[tuple[str, str, bool]]:
    """Return (module, project module it imports, inside a function) for every import."""
    known = modules()
    found = []
    for here, path in known.items():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for target, inside in imported(tree, here, path.name == "__init__.py", known):
            if package_of(target) is not None and target != here:
                found.append((here, target, inside))
    return found


def upward(found: Collection[tuple[str, str, bool]]) -> list[str]:
    """Say which imports go from a layer to one above it.

    >>> upward([("aligner.model", "exports.table", False), ("exports.csv", "aligner.ids", True)])
    ['aligner.model (model) imports exports.table (io)']
    """
    said = []
    for here, target, _inside in found:
        low, high = layer_of(here), layer_of(target)
        if low is not None and high is not None and high > low:
            said.append(f"{here} ({LAYERS[low][0]}) imports {target} ({LAYERS[high][0]})")
    return sorted(set(said))


def late(found: Collection[tuple[str, str, bool]]) -> list[str]:
    """Say which project imports hide inside a function (but the allowed ones).

    >>> late([("aligner.review", "aligner.edit", True), ("aligner.cli", "aligner.service", True)])
    ['aligner.review imports aligner.edit inside a function']
    """
    return sorted(
        f"{here} imports {target} inside a function"
        for here, target, inside in found
        if inside and not _allowed_late(here, target)
    )


def _allowed_late(here: str, target: str) -> bool:
    return any(
        (here == a or here.startswith(a + ".")) and (target == b or target.startswith(b + "."))
        for a, b in LATE_ALLOWED
    )


def unlayered() -> list[str]:
    """Return the project modules no layer holds."""
    return sorted(m for m in modules() if layer_of(m) is None)


def edges() -> tuple[Counter[tuple[str, str]], Counter[tuple[str, str]]]:
    top: Counter[tuple[str, str]] = Counter()
    local: Counter[tuple[str, str]] = Counter()
    known = modules()
    for here, path in known.items():
        source = package_of(here)
        assert source is not None
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for target_module, inside in imported(tree, here, path.name == "__init__.py", known):
            target = package_of(target_module)
            if target is None or target == source:
                continue
            (local if inside else top)[(source, target)] += 1
    return top, local


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Return the groups of modules of different packages that load each other in a circle.

    A package whose ``__init__`` imports its own submodules is no such circle (Python
    runs it first and the submodules find what they need); a circle through another
    package, as ``aligner/__init__`` -> ``exports`` -> ``aligner.model`` -> ``aligner`` was,
    is. Found with Tarjan's algorithm.

    >>> cycles({"aligner": {"exports"}, "exports": {"aligner.model"}, "aligner.model": {"aligner"}})
    [['aligner', 'aligner.model', 'exports']]
    >>> cycles({"exports": {"exports.table"}, "exports.table": {"exports"}})
    []
    """
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        for w in graph.get(v, ()):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            group = []
            while (w := stack.pop()) != v:
                group.append(w)
            group.append(v)
            if len({package_of(m) for m in group}) > 1:
                found.append(sorted(group))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return sorted(found)


def _all_edges(found: Collection[tuple[str, str, bool]]) -> dict[str, set[str]]:
    """Return the module graph with imports inside functions counted too."""
    graph = module_edges()
    for here, target, _inside in found:
        graph.setdefault(here, set()).add(target)
    return graph


def loaded_by(module: str) -> list[str]:
    code = (
        f"import sys; import {module}; "
        "print('\\n'.join(sorted(m for m in sys.modules "
        "if m.split('.')[0] in ('aligner', 'languages', 'exports'))))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT
    )
    return result.stdout.split()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--root", help="the checkout to read (default: this one)")
    args = parser.parse_args()
    if args.root:  # read and import from the other checkout, in a fresh interpreter
        env = dict(os.environ, IMPORT_GRAPH_ROOT=str(Path(args.root).resolve()))
        env["PYTHONPATH"] = env["IMPORT_GRAPH_ROOT"]
        script = [sys.executable, "-c", _RUN_ELSEWHERE, str(Path(__file__).resolve())]
        raise SystemExit(subprocess.run(script, env=env, cwd=args.root, check=False).returncode)
    report()


# runs this file's report() with the other checkout first on sys.path
_RUN_ELSEWHERE = (
    "import runpy, sys; sys.path.insert(0, __import__('os').environ['PYTHONPATH']); "
    "runpy.run_path(sys.argv[1], run_name='import_graph').get('report')()"
)


def report() -> None:
    """Print the graph, its circles, the imports that go up or hide, and what leaves load."""
    print(f"checkout: {ROOT}")
    top, local = edges()
    print("package import graph (import statements; 'local' = inside a function)")
    for source, target in sorted(set(top) | set(local)):
        extra = f" + {local[source, target]} local" if local[source, target] else ""
        print(f"  {source:16} -> {target:16} {top[source, target]:3}{extra}")
    two_way = sorted(
        f"{a} <-> {b}" for (a, b) in set(top) | set(local) if a < b and (b, a) in top | local
    )
    print("two-way edges:", ", ".join(two_way) or "none")
    circles = cycles(module_edges())
    print("circles through several packages:", "; ".join(map(" ".join, circles)) or "none")
    every = statements()
    hidden = cycles(_all_edges(every))
    print(
        "circles counting imports inside functions too:",
        "; ".join(map(" ".join, hidden)) or "none",
    )
    inside = [f"{here} -> {target}" for here, target, is_local in every if is_local]
    print(f"project imports inside a function: {len(inside)}")
    for line in sorted(inside):
        print(f"  {line}")
    up = upward(every)
    print(f"imports that go up a layer: {len(up)}")
    for line in up:
        print(f"  {line}")
    print("modules in no layer:", ", ".join(unlayered()) or "none")
    print("project modules loaded by importing one module in a fresh interpreter")
    for probe in PROBES:
        modules = loaded_by(probe)
        pipeline = [m for m in modules if package_of(m) in PIPELINE]
        print(f"  {probe:20} {len(modules):3} modules, {len(pipeline):3} of the pipeline")


if __name__ == "__main__":
    main()
