"""Take the positioned lines out of a PDF with pdfium, in a process of its own.

Run as a script (``python -I _pdf_text.py PAGES CHARS MEGABYTES SECONDS``), it reads the PDF
from standard input, caps its own address space and CPU time first, and writes one JSON
object to standard output: the pages, their sizes and lines, or ``{"error": ...}``. The
reader (:mod:`aligner.readers.pdf`) starts it, so that a hostile or broken PDF that makes
pdfium loop, swell or crash costs a child process and not the service. It imports nothing
of ours: only pypdfium2 and the standard library.

A line is what pdfium's text page puts on one line, cut again where the baseline jumps or a
gap wider than a column gutter opens. Each is given as ``[page, x0, top, x1, bottom, baseline,
size, bold, text]`` in points from the page's top left; a run of small raised digits or
marks (a footnote call) is wrapped in ``\\x01`` and ``\\x02``; a hyphen pdfium took for a
line-end hyphenation ends the line as ``\\x03``.
"""

from __future__ import annotations

import ctypes
import json
import re
import sys
from typing import Any

# a character: text, left, bottom, right, top, size, index, baseline (its origin's y), and
# whether pdfium made it up (a space it inserted between words set apart)
_Char = tuple[str, float, float, float, float, float, int, float, bool]
_CALL = re.compile(r"[\d*†‡§]+|[ivx]+")  # note marks: numbers and signs, or roman (i, iv)
_BOLD = re.compile(r"bold|black|heavy|semibold|demibold", re.IGNORECASE)
_GAP = 2.5  # a gap this many times the type size between two characters cuts a line
_RAISED = 0.15  # of the size: a small character whose baseline is this much higher is raised
_SMALL = 0.8  # of the line's size: a character this small may be a footnote call
_WORD_SPACE = 0.25  # of the size: a gap narrower than a word space (a quarter em at least)


def _calls(chars: list[_Char], size: float, baseline: float) -> list[bool]:
    """Tell for each character whether it is part of a note's call: a run of small raised
    characters that is all digits and signs, or all small roman numerals ("ii")."""
    raised = [
        c[0].strip() != "" and c[5] < size * _SMALL and c[7] > baseline + size * _RAISED
        for c in chars
    ]
    out = [False] * len(chars)
    k = 0
    while k < len(chars):
        end = k
        while end < len(chars) and raised[end]:
            end += 1
        if end > k and _CALL.fullmatch("".join(c[0] for c in chars[k:end])):
            out[k:end] = [True] * (end - k)
        k = max(end, k + 1)
    return out


def _limit(megabytes: int, seconds: int) -> None:
    try:
        import resource

        memory = megabytes * 2**20
        resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
        resource.setrlimit(resource.RLIMIT_CPU, (seconds, seconds + 1))
    except (ImportError, ValueError, OSError):  # not on this system: the parent's timeout stays
        pass


def extract(data: bytes, *, max_pages: int, max_chars: int) -> dict[str, Any]:
    """Return the pages and positioned lines of the PDF in ``data``, or ``{"error": ...}``."""
    import pypdfium2 as pdfium
    import pypdfium2.raw as raw

    try:
        pdf = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        code = raw.FPDF_GetLastError()
        if code == raw.FPDF_ERR_PASSWORD:
            return {"error": "encrypted"}
        if code == raw.FPDF_ERR_SECURITY:
            return {"error": "security"}
        return {"error": "broken", "detail": str(exc)[:120]}
    count = len(pdf)
    if count > max_pages:
        return {"error": "pages", "pages": count}
    out: dict[str, Any] = {
        "pages": count,
        "sizes": [],
        "labels": [],
        "lines": [],
        "lang": _catalog_lang(pdf, raw),
        "meta": {k: v for k, v in pdf.get_metadata_dict().items() if v},
    }
    chars = 0
    for index in range(count):
        page = pdf[index]
        width, height = page.get_size()
        out["sizes"].append([round(width, 2), round(height, 2)])
        out["labels"].append(pdf.get_page_label(index) or "")
        textpage = page.get_textpage()
        n = textpage.count_chars()
        chars += max(n, 0)
        if chars > max_chars:
            return {"error": "chars", "page": index + 1}
        out["lines"].extend(_lines(textpage, raw, n, index, height))
        textpage.close()
        page.close()
    pdf.close()
    return out


def _catalog_lang(pdf: Any, raw: Any) -> str:
    size = raw.FPDFCatalog_GetLanguage(pdf, None, 0)
    if size <= 2:
        return ""
    buffer = (ctypes.c_ushort * (size // 2))()
    raw.FPDFCatalog_GetLanguage(pdf, buffer, size)
    return bytes(buffer)[: size - 2].decode("utf-16-le", "replace")


def _lines(textpage: Any, raw: Any, n: int, page: int, height: float) -> list[list[Any]]:
    """Return the lines of one page (see the module docstring)."""
    left, bottom, right, top, x, y = (ctypes.c_double() for _ in range(6))
    refs = [ctypes.byref(v) for v in (left, right, bottom, top)]  # pdfium's order
    origin = (ctypes.byref(x), ctypes.byref(y))
    lines: list[list[Any]] = []
    run = _Run()

    def close(hyphen: bool = False) -> None:
        nonlocal run
        if run.chars:
            line = _line(run.chars, textpage, raw, page, height, hyphen)
            if line is not None:
                lines.append(line)
            run = _Run()

    broken = False  # pdfium started a new line: believe it unless the next character goes on
    for i in range(n):
        code = raw.FPDFText_GetUnicode(textpage, i)
        if code in (13, 10) and raw.FPDFText_IsGenerated(textpage, i):
            broken = True
            continue
        if code in (0xFFFE, 0x02):  # pdfium's mark for a hyphen ending a hyphenated line
            close(hyphen=True)
            broken = False
            continue
        ch = chr(code) if 0 < code < 0x110000 else ""
        if not ch or (ch == " " and not run.chars):
            continue
        raw.FPDFText_GetCharBox(textpage, i, *refs)
        raw.FPDFText_GetCharOrigin(textpage, i, *origin)
        size = raw.FPDFText_GetFontSize(textpage, i)
        made = ch == " " and bool(raw.FPDFText_IsGenerated(textpage, i))
        box = (ch, left.value, bottom.value, right.value, top.value, size, i, y.value, made)
        if ch.strip():
            if run.breaks(box):
                close()
            elif broken and run.chars and run.chars[-1][0] != " ":
                run.chars.append((" ", *run.chars[-1][1:8], True))
            broken = False
        run.add(box)
    close()
    return lines


class _Run:
    """The characters of the line being read, and what deciding where it ends needs."""

    def __init__(self) -> None:
        self.chars: list[_Char] = []
        self.big = 0.0  # the largest type on the line
        self.main: _Char | None = None  # the last character in the line's main type
        self.last: _Char | None = None  # the last character with ink

    def add(self, box: _Char) -> None:
        self.chars.append(box)
        if not box[0].strip():
            return
        self.last = box
        self.big = max(self.big, box[5])
        if box[5] >= self.big * _SMALL:
            self.main = box

    def breaks(self, box: _Char) -> bool:
        """Tell whether the character ``box`` does not go on this line."""
        if self.last is None or self.main is None:
            return False
        last = self.last
        unit = max(self.big, box[5], 1.0)
        small = box[5] < self.big * _SMALL
        if abs(box[7] - self.main[7]) > unit * (0.9 if small else 0.4):
            return True
        return box[1] - last[3] > unit * _GAP or box[1] < last[1] - unit


def _line(
    chars: list[_Char],
    textpage: Any,
    raw: Any,
    page: int,
    height: float,
    hyphen: bool,
) -> list[Any] | None:
    ink = [c for c in chars if c[0].strip()]
    if not ink:
        return None
    sizes: dict[float, int] = {}
    for c in ink:
        sizes[round(c[5], 1)] = sizes.get(round(c[5], 1), 0) + 1
    size = max(sizes.items(), key=lambda kv: (kv[1], kv[0]))[0]
    body = [c for c in ink if round(c[5], 1) == size] or ink
    baseline = sorted(c[7] for c in body)[len(body) // 2]
    parts: list[str] = []
    in_call = False
    for c, call in zip(chars, _calls(chars, size, baseline), strict=True):
        if call != in_call:
            parts.append("\x01" if call else "\x02")
            in_call = call
        parts.append(c[0])
    if in_call:
        parts.append("\x02")
    # a hyphenation hyphen that pdfium set apart from its syllable by a space of its own
    # making ("wait -") stands closer to it than a word space; a dash ("gelungen -") does not
    if (
        len(chars) >= 3
        and chars[-1][0] == "-"
        and chars[-2][8]
        and chars[-3][0].isalpha()
        and chars[-1][1] - chars[-3][3] < size * _WORD_SPACE
    ):
        del parts[-2]
    if hyphen:
        parts.append("\x03")
    bold = all(_bold(textpage, raw, c[6]) for c in (body[0], body[len(body) // 2]))
    return [
        page,
        round(min(c[1] for c in ink), 2),
        round(height - max(c[4] for c in ink), 2),
        round(max(c[3] for c in ink), 2),
        round(height - min(c[2] for c in ink), 2),
        round(height - baseline, 2),
        size,
        bold,
        "".join(parts).rstrip(),
    ]


def _bold(textpage: Any, raw: Any, index: int) -> bool:
    if raw.FPDFText_GetFontWeight(textpage, index) >= 600:
        return True
    buffer = ctypes.create_string_buffer(128)
    flags = ctypes.c_int()
    raw.FPDFText_GetFontInfo(textpage, index, buffer, 128, ctypes.byref(flags))
    return _BOLD.search(buffer.value.decode("latin-1")) is not None


def main() -> None:
    """Read the PDF on standard input within the limits given as arguments; print JSON."""
    pages, chars, megabytes, seconds = (int(a) for a in sys.argv[1:5])
    _limit(megabytes, seconds)
    data = sys.stdin.buffer.read()
    try:
        result = extract(data, max_pages=pages, max_chars=chars)
    except MemoryError:
        result = {"error": "memory"}
    sys.stdout.write(json.dumps(result, ensure_ascii=False))


if __name__ == "__main__":
    main()
