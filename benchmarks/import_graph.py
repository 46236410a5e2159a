"""Print which package imports which, and what importing a leaf module really loads.

The packages are ``aligner`` (its own modules), ``aligner.align``, ``aligner.readers``,
``aligner.service``, ``languages`` and ``exports``; the leaf modules every package may use
(``aligner.model``, ``aligner.errors``, ``aligner._clock``, ``aligner._io``) are shown apart
as ``aligner-leaf``. An edge counts the import statements
from one package into another, read with :mod:`ast` from the source; imports inside a
function body are counted apart (``local``), since they usually dodge a cycle. Then each
leaf module is imported in a fresh interpreter and the number of project modules it pulled
in is printed: a low count means a module can be used without loading the pipeline.

    python benchmarks/import_graph.py
"""

from __future__ import annotations

import ast
import subprocess
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LEAVES = ("aligner.model", "aligner.errors", "aligner._clock", "aligner._io")
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
    >>> package_of("aligner.model")
    'aligner-leaf'
    """
    if module.split(".")[0] not in TOP:
        return None
    if module in LEAVES:
        return "aligner-leaf"
    for package in PACKAGES:
        if module == package or module.startswith(package + "."):
            return package
    return module.split(".")[0]


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def imported(tree: ast.Module, here: str, is_package: bool) -> list[tuple[str, bool]]:
    """Return (module, inside a function) for every import statement in ``tree``."""
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
                found.append((base, inner))
            elif isinstance(child, ast.If) and _is_type_checking(child.test):
                continue  # annotations only: no run-time edge
            else:
                visit(child, inner)

    visit(tree, False)
    return found


def _is_type_checking(test: ast.expr) -> bool:
    return isinstance(test, ast.Name) and test.id == "TYPE_CHECKING"


def edges() -> tuple[Counter[tuple[str, str]], Counter[tuple[str, str]]]:
    top: Counter[tuple[str, str]] = Counter()
    local: Counter[tuple[str, str]] = Counter()
    for name in TOP:
        for path in sorted((ROOT / name).rglob("*.py")):
            here = module_name(path)
            source = package_of(here)
            assert source is not None
            tree = ast.parse(path.read_text(encoding="utf-8"))
            for target_module, inside in imported(tree, here, path.name == "__init__.py"):
                target = package_of(target_module)
                if target is None or target == source:
                    continue
                (local if inside else top)[(source, target)] += 1
    return top, local


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
    cycles = sorted(
        f"{a} <-> {b}" for (a, b) in set(top) | set(local) if a < b and (b, a) in top | local
    )
    print("two-way edges:", ", ".join(cycles) or "none")
    print("project modules loaded by importing one module in a fresh interpreter")
    for probe in PROBES:
        modules = loaded_by(probe)
        pipeline = [m for m in modules if package_of(m) in {"aligner", "aligner.align"}]
        print(f"  {probe:20} {len(modules):3} modules, {len(pipeline):3} of the pipeline")


if __name__ == "__main__":
    main()
