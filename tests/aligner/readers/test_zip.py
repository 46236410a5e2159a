"""Inflation limits (issue 11, point 1): a ZIP bomb is refused before it is inflated."""

from __future__ import annotations

import io
import struct
import tracemalloc
import zipfile
from pathlib import Path

import docx
import pytest

from aligner._zip import ZipLimits, check_zip
from aligner.cli import main
from aligner.errors import FormatError
from aligner.readers import read_bytes

MB = 2**20


def _docx_with(part: str, payload: bytes) -> bytes:
    """A real Word document whose ``part`` is replaced by ``payload``."""
    buffer = io.BytesIO()
    document = docx.Document()
    document.add_paragraph("The harbour reopens on Monday.")
    document.save(buffer)
    source = zipfile.ZipFile(io.BytesIO(buffer.getvalue()))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            if info.filename != part:
                target.writestr(info, source.read(info))
        target.writestr(part, payload, compresslevel=9)
    return out.getvalue()


def _bomb_payload(inflated: int) -> bytes:
    """A document part that inflates to ``inflated`` bytes, mostly spaces."""
    head = b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
    return head + b" " * (inflated - len(head))


def _lying(data: bytes, part: str, declared: int) -> bytes:
    """Rewrite the size ``part`` declares (local header and central directory) as ``declared``."""
    patched = bytearray(data)
    offset = zipfile.ZipFile(io.BytesIO(data)).getinfo(part).header_offset
    struct.pack_into("<I", patched, offset + 22, declared)  # local header: uncompressed size
    start = 0
    while (start := data.find(b"PK\x01\x02", start)) != -1:  # central directory entries
        name_length = struct.unpack_from("<H", data, start + 28)[0]
        if data[start + 46 : start + 46 + name_length] == part.encode():
            struct.pack_into("<I", patched, start + 24, declared)
        start += 4
    return bytes(patched)


@pytest.fixture(scope="module")
def bomb() -> bytes:
    """A 40 kB DOCX whose document part inflates to 40 MB (1000:1)."""
    return _docx_with("word/document.xml", _bomb_payload(40 * MB))


def test_a_bomb_is_refused_without_inflating_it(bomb: bytes) -> None:
    assert len(bomb) < 100_000
    tracemalloc.start()
    try:
        with pytest.raises(FormatError) as caught:
            read_bytes(bomb, filename="statement.docx")
        _size, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert str(caught.value).startswith("statement.docx: word/document.xml inflates 41.9 MB")
    assert "refused as a ZIP bomb" in str(caught.value)
    assert peak < 5 * MB  # the part was never inflated, let alone parsed


def test_a_part_whose_header_hides_its_size_is_stopped_at_the_declared_size() -> None:
    honest = _docx_with("word/document.xml", _bomb_payload(40 * MB))
    lying = _lying(honest, "word/document.xml", declared=30_000)
    tracemalloc.start()
    try:
        with pytest.raises(FormatError, match=r"word/document\.xml is damaged") as caught:
            read_bytes(lying, filename="statement.docx")
        _size, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert "\n" not in str(caught.value)
    assert peak < 5 * MB


def test_sizes_over_the_part_and_total_limits_are_refused() -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED) as archive:
        archive.writestr("a.xml", b"x" * 3000)
        archive.writestr("b.xml", b"y" * 3000)
    data = buffer.getvalue()
    check_zip(data, path="ok.docx", limits=ZipLimits(part_bytes=3000, total_bytes=6000))
    with pytest.raises(FormatError, match=r"a\.xml inflates to 3\.0 kB; the limit is 2\.0 kB"):
        check_zip(data, path="x.docx", limits=ZipLimits(part_bytes=2000))
    with pytest.raises(FormatError, match=r"the package inflates to 6\.0 kB; the limit is 5\.0"):
        check_zip(data, path="x.docx", limits=ZipLimits(total_bytes=5000))
    with pytest.raises(FormatError, match=r"the package has 2 parts; at most 1 are read"):
        check_zip(data, path="x.docx", limits=ZipLimits(parts=1))


def test_many_small_parts_that_inflate_together_are_refused() -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for n in range(40):
            archive.writestr(f"customXml/item{n}.xml", b" " * (MB // 2))
    with pytest.raises(FormatError, match=r"the package inflates 21\.0 MB from .* ZIP bomb"):
        check_zip(buffer.getvalue(), path="x.docx")


def test_a_real_document_and_a_dense_one_pass() -> None:
    document = docx.Document()
    for n in range(3000):
        document.add_paragraph(f"Paragraph {n}: the ministry publishes figure {n * 37 % 1000}.")
    buffer = io.BytesIO()
    document.save(buffer)
    text = read_bytes(buffer.getvalue(), filename="long.docx")
    assert len(text.blocks) == 3000


def test_a_damaged_part_is_one_format_error() -> None:
    data = bytearray(_docx_with("word/document.xml", _bomb_payload(200_000)))
    info = zipfile.ZipFile(io.BytesIO(bytes(data))).getinfo("word/document.xml")
    middle = info.header_offset + 30 + len(info.filename) + info.compress_size // 2
    data[middle : middle + 8] = b"\xff" * 8
    with pytest.raises(FormatError, match=r"^x\.docx: word/document\.xml is damaged"):
        check_zip(bytes(data), path="x.docx")


def test_found_by_fuzzing_a_directory_entry_of_an_unknown_zip_version() -> None:
    buffer = io.BytesIO()
    docx.Document().save(buffer)
    data = bytearray(buffer.getvalue())
    entry = data.rfind(b"PK\x01\x02")  # the last central directory entry
    data[entry + 6] = 64  # "version needed to extract": 6.4, past what zipfile reads
    with pytest.raises(FormatError, match=r"^x\.docx: not a readable DOCX file .*6\.4"):
        read_bytes(bytes(data), filename="x.docx")


def test_the_command_line_refuses_a_bomb_in_one_line(
    bomb: bytes, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "ru.docx").write_bytes(bomb)
    (tmp_path / "en.txt").write_text("The harbour reopens on Monday.\n", encoding="utf-8")
    out = tmp_path / "out.tei.xml"
    code = main(["align", str(tmp_path / "ru.docx"), str(tmp_path / "en.txt"), "-o", str(out)])
    err = capsys.readouterr().err
    assert code == 1
    assert err.count("\n") == 1
    assert "ru.docx" in err
    assert "ZIP bomb" in err
    assert not out.exists()
