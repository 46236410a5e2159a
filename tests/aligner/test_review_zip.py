"""Reviewed tables come in through the one ZIP door: a bomb is refused before it inflates."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest

from aligner.cli import main
from aligner.errors import FormatError
from aligner.model import Document
from aligner.review import reviewer
from aligner.tei import write_tei

_CORE = (
    b'<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/'
    b'core-properties"><cp:lastModifiedBy>Rita'
)


def _bomb(kind: str, where: str) -> bytes:
    """Return a small package whose part ``where`` inflates to 24 MB of spaces."""
    main_part = "xl/workbook.xml" if kind == "xlsx" else "word/document.xml"
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as package:
        package.writestr("[Content_Types].xml", b"<Types/>")
        package.writestr(main_part, b"<x/>" if where != main_part else b"<x>" + b" " * 24 * 2**20)
        core = _CORE + (b" " * 24 * 2**20 if where == "docProps/core.xml" else b"")
        package.writestr("docProps/core.xml", core + b"</cp:lastModifiedBy></cp:coreProperties>")
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("kind", "where"),
    [
        ("xlsx", "docProps/core.xml"),
        ("xlsx", "xl/workbook.xml"),
        ("docx", "docProps/core.xml"),
        ("docx", "word/document.xml"),
    ],
)
@pytest.mark.parametrize("named", [True, False], ids=["--editor", "last-saved-by"])
def test_import_review_refuses_a_zip_bomb(
    tmp_path: Path,
    document: Document,
    capsys: pytest.CaptureFixture[str],
    kind: str,
    where: str,
    named: bool,
) -> None:
    tei = tmp_path / "doc.xml"
    tei.write_bytes(write_tei(document))
    before = tei.read_bytes()
    table = tmp_path / f"review.{kind}"
    table.write_bytes(_bomb(kind, where))
    assert len(table.read_bytes()) < 200_000
    editor = ["--editor", "Rita"] if named else []
    code = main(["import-review", str(tei), str(table), *editor])
    assert code == 1
    err = capsys.readouterr().err
    assert err.startswith(f"aligner: {table}: {where} inflates")
    assert err.rstrip().endswith("is refused as a ZIP bomb")
    assert tei.read_bytes() == before


def test_the_reviewer_is_read_only_from_a_package_within_limits(tmp_path: Path) -> None:
    with pytest.raises(FormatError, match="ZIP bomb"):
        reviewer(_bomb("xlsx", "docProps/core.xml"), path="review.xlsx")
    assert reviewer(_bomb("xlsx", "nowhere")) == "Rita"
