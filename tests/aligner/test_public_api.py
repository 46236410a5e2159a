"""The public surface: what ``aligner`` exports, sorted and importable."""

from __future__ import annotations

import aligner


def test_all_is_sorted_and_every_name_exists() -> None:
    assert list(aligner.__all__) == sorted(aligner.__all__)
    assert all(hasattr(aligner, name) for name in aligner.__all__)


def test_every_error_is_an_aligner_error() -> None:
    errors = [getattr(aligner, n) for n in aligner.__all__ if n.endswith("Error")]
    assert errors
    assert all(issubclass(e, aligner.AlignerError) for e in errors)
