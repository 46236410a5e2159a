"""Fuzzing the readers (issue 11): any bytes give text or one AlignerError, never a crash.

Hypothesis generates hostile and broken inputs for every reader: random bytes, text in the
encodings we read and some we refuse, HTML built from a grammar of tags and entities, Word
packages with mangled parts, TEI with bytes flipped. The suite runs a few hundred examples;
``benchmarks/bench_fuzz.py`` runs the same properties on 10,000 (``ALIGNER_FUZZ_EXAMPLES``).
"""

from __future__ import annotations

import io
import os
import zipfile
from collections.abc import Callable

import docx
import pytest
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from aligner.errors import AlignerError, FormatError
from aligner.model import Document
from aligner.readers import read_bytes
from aligner.tei import read_tei, write_tei

EXAMPLES = int(os.environ.get("ALIGNER_FUZZ_EXAMPLES", "150"))
# a failing DOCX is tens of kB: Hypothesis warns that its repr is large while it replays
# the failure, and as an error that warning would hide the failure itself
pytestmark = pytest.mark.filterwarnings(
    "ignore:Generating overly large repr:hypothesis.errors.HypothesisWarning"
)
FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=None,
    database=None,
    suppress_health_check=[
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
        HealthCheck.function_scoped_fixture,  # the fixture document is immutable
    ],
)

_WORDS = st.sampled_from(
    ["Die", "Konferenz", "beginnt", "am", "14.", "März", "2026", "Заявление", "о", "воде",
     "Frage:", "Q.", "—", "1,5", "12.5", "%", "«", "»", "&amp;", "&#x0;", "&nbsp;", "\u202e",
     "\u200b", "\ufeff", "\x00", "\r\n", "\n\n", "\t", "=HYPERLINK(\"x\")", "<", ">", "&"]
)  # fmt: skip
_TEXT = st.lists(_WORDS, max_size=40).map(" ".join) | st.text(max_size=300)
_TAGS = st.sampled_from(
    ["p", "div", "h1", "h2", "nav", "footer", "header", "main", "article", "table", "tr", "td",
     "ul", "li", "br", "script", "style", "title", "meta", "html", "body", "head", "b", "span",
     "svg", "math", "template", "!--", "![CDATA[", "?xml", "!DOCTYPE"]
)  # fmt: skip
_ATTRS = st.sampled_from(
    ["", ' class="share"', ' lang="ru"', " hidden", ' style="display:none"', ' a=">"', " x=&"]
)


def _one_line_or_nothing(call: Callable[[], object]) -> None:
    """Run ``call``: it may succeed or raise an AlignerError of one line; nothing else."""
    try:
        call()
    except AlignerError as exc:
        message = str(exc)
    else:
        return
    assert "\n" not in message
    assert message.strip()


@st.composite
def _html(draw: st.DrawFn) -> bytes:
    parts = []
    for _ in range(draw(st.integers(0, 30))):
        tag = draw(_TAGS)
        attrs = draw(_ATTRS)
        close = draw(st.booleans())
        text = draw(_TEXT)
        parts.append(f"<{tag}{attrs}>{text}" + (f"</{tag}>" if close else ""))
    encoding = draw(st.sampled_from(["utf-8", "utf-16", "cp1251", "cp1252", "latin-1"]))
    page = "".join(parts)
    return page.encode(encoding, errors="replace")


def _docx_parts() -> dict[str, bytes]:
    document = docx.Document()
    document.add_heading("Statement", level=1)
    document.add_paragraph("The conference opens on 14 March 2026.")
    buffer = io.BytesIO()
    document.save(buffer)
    with zipfile.ZipFile(buffer) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


_DOCX_PARTS = _docx_parts()


@st.composite
def _docx(draw: st.DrawFn) -> bytes:
    parts = dict(_DOCX_PARTS)
    target = draw(st.sampled_from(sorted(parts)))
    original = parts[target]
    how = draw(st.sampled_from(["flip", "cut", "replace", "drop"]))
    if how == "flip":
        at = draw(st.integers(0, len(original) - 1))
        parts[target] = original[:at] + draw(st.binary(min_size=1, max_size=8)) + original[at + 1 :]
    elif how == "cut":
        parts[target] = original[: draw(st.integers(0, len(original)))]
    elif how == "replace":
        parts[target] = draw(_TEXT).encode("utf-8", errors="replace")
    else:
        del parts[target]
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    packed = buffer.getvalue()
    if draw(st.booleans()):  # damage the package itself
        at = draw(st.integers(0, len(packed) - 1))
        packed = packed[:at] + draw(st.binary(min_size=1, max_size=4)) + packed[at + 1 :]
    return packed


@given(
    data=st.binary(max_size=2000) | _TEXT.map(str.encode) | _html(),
    name=st.sampled_from(["en.txt", "de.html", "ru.htm", "fr", "es.md", "x.xhtml"]),
)
@FUZZ
def test_text_and_html_readers_never_crash(data: bytes, name: str) -> None:
    _one_line_or_nothing(lambda: read_bytes(data, filename=name))


@given(data=_docx())
@FUZZ
def test_the_docx_reader_never_crashes(data: bytes) -> None:
    _one_line_or_nothing(lambda: read_bytes(data, filename="ru.docx"))


@st.composite
def _damaged(draw: st.DrawFn, data: bytes) -> bytes:
    for _ in range(draw(st.integers(1, 4))):
        at = draw(st.integers(0, len(data) - 1))
        cut = draw(st.integers(0, 40))
        data = data[:at] + draw(st.binary(max_size=8) | _TEXT.map(str.encode)) + data[at + cut :]
    return data


@given(seed=st.data())
@FUZZ
def test_the_tei_reader_never_crashes(document: Document, seed: st.DataObject) -> None:
    data = seed.draw(_damaged(write_tei(document)))
    _one_line_or_nothing(lambda: read_tei(data, path="doc.tei.xml"))


def test_found_by_fuzzing_an_outline_level_in_superscript_digits() -> None:
    document = docx.Document()
    paragraph = document.add_paragraph("Statement on the conference")
    level = parse_xml(f'<w:outlineLvl {nsdecls("w")} w:val="²"/>')  # "²".isdigit() is True
    paragraph._p.get_or_add_pPr().append(level)
    buffer = io.BytesIO()
    document.save(buffer)
    text = read_bytes(buffer.getvalue(), filename="en.docx")
    assert [b.kind for b in text.blocks] == ["p"]


def test_found_by_fuzzing_a_cert_that_is_no_number(document: Document) -> None:
    data = write_tei(document)
    damaged = data.replace(b'cert="', b'cert="#app-aligner', 1)
    assert damaged != data
    with pytest.raises(FormatError) as caught:
        read_tei(damaged, path="doc.tei.xml")
    assert "@cert '#app-aligner" in str(caught.value)
    assert "\n" not in str(caught.value)


def test_found_by_fuzzing_a_vertical_tab_after_removed_furniture() -> None:
    text = read_bytes(b"<p>Der Hafen ist offen.</p><l class=share></l>\x0b", filename="de.html")
    assert [b.text for b in text.blocks] == ["Der Hafen ist offen."]
