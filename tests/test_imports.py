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
