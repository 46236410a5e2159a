"""Every package imports on its own, whichever module a program imports first."""

from __future__ import annotations

import subprocess
import sys

import pytest


@pytest.mark.parametrize(
    "module",
    ["languages.profiles", "languages.identify", "languages.sentences", "exports.table", "aligner"],
)
def test_a_module_imported_first_in_a_fresh_interpreter_loads(module: str) -> None:
    result = subprocess.run(
        [sys.executable, "-c", f"import {module}"], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize(
    "module", ["aligner", "aligner.model", "aligner.errors", "languages.profiles", "exports"]
)
def test_a_leaf_module_does_not_load_the_pipeline(module: str) -> None:
    code = f"import sys, {module}; print(' '.join(sorted(sys.modules)))"
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    loaded = set(result.stdout.split())
    assert module in loaded
    assert not loaded & {"aligner.api", "aligner.align", "aligner.readers", "aligner.tei"}
