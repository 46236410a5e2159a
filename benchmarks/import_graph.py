"""Print which package imports which, whether modules of several packages load each other in a
circle, and what importing a leaf module really loads.

The packages are ``aligner.align``, ``aligner.readers``, ``aligner.service``, ``languages``
and ``exports``. The ``aligner`` package's own modules are shown as the layers they are:
``aligner-leaf`` (``model``, ``errors``, ``_clock``, ``_io``: every package may use them),
``aligner`` (the document modules: ``tei``, ``views``, ``edit``, ``segment``),
``aligner-api`` (``api``, ``evaluate`` and the lazy ``__init__``: the pipeline the service
and the command line call) and ``aligner.cli``. An edge counts the import statements from
one package into another, read with :mod:`ast` from the source (``from aligner import edit``
counts as an import of ``aligner.edit``); imports inside a function body are counted apart
(``local``), since they may dodge a cycle. Then each leaf module is imported in a fresh
interpreter and the number of project modules it pulled in is printed: a low count means a
module can be used without loading the pipeline.

    python benchmarks/import_graph.py
"""

from __future__ import annotations

import ast
import subprocess
import sys
from collections import Counter
from collections.abc import Collection
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LEAVES = ("aligner.model", "aligner.errors", "aligner._clock", "aligner._io")
API = ("aligner", "aligner.api", "aligner.evaluate")
PIPELINE = frozenset({"aligner", "aligner-api", "aligner.cli", "aligner.align"})
PACKAGES = ("aligner.align", "aligner.readers", "aligner.service", "languages", "exports")
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


def package_of(module: str) -> str | None:
    """Return the package a dotted module name belongs to, or None outside the project.

    >>> package_of("aligner.align.dp"), package_of("aligner.tei"), package_of("lxml.etree")
    ('aligner.align', 'aligner', None)
    >>> package_of("aligner.model"), package_of("aligner.api"), package_of("aligner.cli")
    ('aligner-leaf', 'aligner-api', 'aligner.cli')
    """
    if module.split(".")[0] not in TOP:
        return None
    if module in LEAVES:
        return "aligner-leaf"
    if module in API:
        return "aligner-api"
    if module == "aligner.cli":
        return module
    for package in PACKAGES:
        if module == package or module.startswith(package + "."):
            return package
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
    print("project modules loaded by importing one module in a fresh interpreter")
    for probe in PROBES:
        modules = loaded_by(probe)
        pipeline = [m for m in modules if package_of(m) in PIPELINE]
        print(f"  {probe:20} {len(modules):3} modules, {len(pipeline):3} of the pipeline")


if __name__ == "__main__":
    main()
