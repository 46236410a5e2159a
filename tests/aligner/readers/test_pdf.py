"""PDF: the printed document rebuilt from positioned lines, and one-line refusals.

The PDFs are drawn here with reportlab's canvas, line by line at known places, with texts
of our own, so each test controls the layout it is about.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path

import pytest
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas

from aligner.errors import EmptyInputError, FormatError, InputError
from aligner.model import SourceText, note_index
from aligner.readers import read_bytes
from aligner.readers.pdf import Limits, read

FONTS = Path("/usr/share/fonts/truetype/dejavu")
HEIGHT = 842.0
WIDTH = 595.0


@dataclass(frozen=True)
class Text:
    """One line to draw: from the top left, in points."""

    x: float
    top: float
    text: str
    size: float = 10.0
    bold: bool = False
    width: float = 0.0  # justified to this width, word by word, when not 0


def fonts() -> tuple[str, str]:
    if (FONTS / "DejaVuSerif.ttf").exists():
        pdfmetrics.registerFont(TTFont("Serif", str(FONTS / "DejaVuSerif.ttf")))
        pdfmetrics.registerFont(TTFont("Serif-Bold", str(FONTS / "DejaVuSerif-Bold.ttf")))
        return "Serif", "Serif-Bold"
    return "Times-Roman", "Times-Bold"


def pdf(pages: Sequence[Sequence[Text]], **options: object) -> bytes:
    regular, bold = fonts()
    buffer = io.BytesIO()
    c = canvas.Canvas(buffer, pagesize=(WIDTH, HEIGHT), **options)  # type: ignore[arg-type]
    for page in pages:
        for line in page:
            font = bold if line.bold else regular
            c.setFont(font, line.size)
            words = line.text.split()
            if not line.width or len(words) < 2:
                c.drawString(line.x, HEIGHT - line.top, line.text)
                continue
            inked = sum(c.stringWidth(w, font, line.size) for w in words)
            space = (line.width - inked) / (len(words) - 1)
            x = line.x
            for word in words:
                c.drawString(x, HEIGHT - line.top, word)
                x += c.stringWidth(word, font, line.size) + space
        c.showPage()
    c.save()
    return buffer.getvalue()


def lines(
    texts: Sequence[str],
    *,
    x: float = 60,
    top: float = 100,
    step: float = 13,
    width: float = 420,
    ends: bool = True,
) -> list[Text]:
    """Return the lines of one paragraph, justified but the last when it ``ends`` there."""
    last = len(texts) - 1 if ends else len(texts)
    return [Text(x, top + k * step, t, width=width if k < last else 0) for k, t in enumerate(texts)]


def furniture(page: int) -> list[Text]:
    return [
        Text(60, 40, "Report of the harbour commission", 8),
        Text(WIDTH / 2, HEIGHT - 40, f"- {page} -", 8),
    ]


def kinds(text: SourceText) -> list[tuple[str, str]]:
    return [(b.kind, b.text) for b in text.blocks]


# a paragraph of ours, broken into lines of about the same width
HARBOUR = [
    "The harbour commission met on three occasions during the year and",
    "heard the reports of the pilots, the customs office and the fisher-",
    "men's association. It decided to deepen the channel and ask the UN-",
    "Habitat office for advice on the new quays.",
]


def test_lines_become_a_paragraph_with_hyphenation_undone() -> None:
    page = [Text(60, 70, "Annual report", 16, bold=True), *lines(HARBOUR)]
    result = read_bytes(pdf([page]), filename="en.pdf")
    assert kinds(result) == [
        ("head", "Annual report"),
        ("p", "The harbour commission met on three occasions during the year and heard the "
              "reports of the pilots, the customs office and the fishermen's association. It "
              "decided to deepen the channel and ask the UN-Habitat office for advice on the "
              "new quays."),
    ]  # fmt: skip
    assert result.title == "Annual report"
    assert result.source.pages == 1
    assert result.source.media_type == "application/pdf"
    assert [b.page for b in result.blocks] == [1, 1]


def test_a_gap_an_indent_or_a_short_line_opens_a_paragraph() -> None:
    page = [
        *lines(
            [
                "First paragraph runs over two full lines of text set in justified type",
                "and ends here.",
            ],
            top=100,
        ),  # fmt: skip
        *lines(
            [
                "Second paragraph after a gap runs over two full lines of text set in",
                "justified type too.",
            ],
            top=140,
        ),  # fmt: skip
        Text(
            80,
            166,
            "A third one opens with an indent and runs on for a while until the",
            10,
            width=400,
        ),  # fmt: skip
        Text(60, 179, "end of the line and stops."),
    ]
    result = read_bytes(pdf([page]), filename="en.pdf")
    assert [b.text for b in result.blocks] == [
        "First paragraph runs over two full lines of text set in justified type and ends here.",
        "Second paragraph after a gap runs over two full lines of text set in justified type too.",
        "A third one opens with an indent and runs on for a while until the end of the line "
        "and stops.",
    ]


def test_running_headers_and_page_numbers_are_dropped_and_recorded() -> None:
    pages = [
        [
            *furniture(n),
            *lines([f"Paragraph on page {n} says what happened in the harbour.", "It is short."]),
        ]  # fmt: skip
        for n in (1, 2, 3)
    ]
    result = read_bytes(pdf(pages), filename="en.pdf")
    texts = [b.text for b in result.blocks]
    assert texts == [
        f"Paragraph on page {n} says what happened in the harbour. It is short." for n in (1, 2, 3)
    ]
    assert result.dropped == ("Report of the harbour commission", "- 1 -")
    assert [b.page for b in result.blocks] == [1, 2, 3]


def test_a_paragraph_runs_on_across_a_page_break_past_its_footnote() -> None:
    first = [
        *furniture(1),
        *lines([
            "The commission thanks the pilots for their reports, which were",
            "delivered on time,\x011\x02 and the customs office for its figures, which",
        ], top=700, ends=False),
        Text(60, 770, "1 The reports are kept in the archive of the commission.", 7),
    ]  # fmt: skip
    second = [
        *furniture(2),
        *lines(["were complete this year.", ""], top=100),
        *lines(["A new paragraph follows on the second page."], top=140),
    ]
    # the call "1" is set small and raised, as word processors print it
    data = _with_raised_call(first, second)
    result = read_bytes(data, filename="en.pdf")
    assert [b.text for b in result.blocks] == [
        "The commission thanks the pilots for their reports, which were delivered on time, "
        "and the customs office for its figures, which were complete this year.",
        "A new paragraph follows on the second page.",
    ]
    assert [b.page for b in result.blocks] == [1, 2]
    # the note is no paragraph: it hangs on the one that calls it, where the call stood
    (note,) = result.blocks[0].notes
    assert (note.n, note.text, note.place) == (
        "1",
        "The reports are kept in the archive of the commission.",
        "foot",
    )
    called = result.blocks[0].text[: note_index(result.blocks[0].text, note.at)]
    assert called.endswith("which were delivered on time,")
    assert result.blocks[1].notes == ()


def test_a_note_run_over_to_the_next_page_goes_on_and_marks_may_start_again() -> None:
    first = [
        *furniture(1),
        *lines([
            "The pilots reported on the channel at the end of the quarter,\x011\x02 as",
            "the commission had asked them to do in the spring.",
        ], top=690),
        Text(60, 760, "1 The first report reached the commission late, because the", 7),
    ]  # fmt: skip
    second = [
        *furniture(2),
        *lines(["The customs office sent its figures on time.\x011\x02", ""], top=100),
        Text(60, 740, "pilot boat was in the yard for repairs.", 7),
        Text(60, 752, "1 The figures cover the twelve months of the year.", 7),
    ]
    result = read_bytes(_with_raised_call(first, second), filename="en.pdf")
    assert [[(n.n, n.text) for n in b.notes] for b in result.blocks] == [
        [("1", "The first report reached the commission late, because the pilot boat was in "
               "the yard for repairs.")],
        [("1", "The figures cover the twelve months of the year.")],
    ]  # fmt: skip
    assert [b.text for b in result.blocks][1] == "The customs office sent its figures on time."


def test_notes_listed_after_the_text_are_endnotes_of_the_paragraphs_that_call_them() -> None:
    first = [
        *furniture(1),
        *lines(["The harbour commission met three times during the year.\x01i\x02", ""]),
        *lines(
            ["It decided to deepen the channel before the spring,\x01ii\x02 as planned.", ""],
            top=140,
        ),  # fmt: skip
        *lines(HARBOUR, top=180),
    ]
    second = [
        *furniture(2),
        Text(60, 100, "\x01i\x02The minutes of the meetings are kept by the secretary.", 8),
        Text(60, 112, "\x01ii\x02The works are to be finished by the end of March, when", 8),
        Text(60, 124, "the boats go out again.", 8),
    ]
    result = read_bytes(_with_raised_call(first, second), filename="en.pdf")
    assert [b.text for b in result.blocks][:2] == [
        "The harbour commission met three times during the year.",
        "It decided to deepen the channel before the spring, as planned.",
    ]
    assert len(result.blocks) == 3
    assert [[(n.n, n.text, n.place) for n in b.notes] for b in result.blocks] == [
        [("i", "The minutes of the meetings are kept by the secretary.", "end")],
        [("ii", "The works are to be finished by the end of March, when the boats go out "
                "again.", "end")],
        [],
    ]  # fmt: skip
    second_call = result.blocks[1].notes[0]
    called = result.blocks[1].text[: note_index(result.blocks[1].text, second_call.at)]
    assert called.endswith("before the spring,")


def _with_raised_call(first: list[Text], second: list[Text]) -> bytes:
    regular, bold = fonts()
    buffer = io.BytesIO()
    c = canvas.Canvas(buffer, pagesize=(WIDTH, HEIGHT))
    for page in (first, second):
        for line in page:
            if "\x01" in line.text:
                before, rest = line.text.split("\x01")
                call, after = rest.split("\x02")
                c.setFont(regular, line.size)
                c.drawString(line.x, HEIGHT - line.top, before)
                x = line.x + c.stringWidth(before, regular, line.size)
                c.setFont(regular, line.size * 0.6)
                c.drawString(x, HEIGHT - line.top + 4, call)
                x += c.stringWidth(call, regular, line.size * 0.6)
                c.setFont(regular, line.size)
                c.drawString(x, HEIGHT - line.top, after)
            elif line.text:
                c.setFont(regular, line.size)
                c.drawString(line.x, HEIGHT - line.top, line.text)
        c.showPage()
    c.save()
    return buffer.getvalue()


def test_two_columns_are_read_column_after_column_below_a_title_across_both() -> None:
    left = ["The left column opens the text and", "runs down the page for a few",
            "lines until it ends."]  # fmt: skip
    right = ["The right column follows it and", "runs down the page for a few",
             "lines as well."]  # fmt: skip
    page = [
        Text(150, 60, "A title set across both columns", 16, bold=True),
        *lines(left, x=60, top=100, width=220),
        *lines(right, x=320, top=100, width=220),
    ]
    result = read_bytes(pdf([page]), filename="en.pdf")
    assert kinds(result) == [
        ("head", "A title set across both columns"),
        ("p", "The left column opens the text and runs down the page for a few lines until it "
              "ends."),
        ("p", "The right column follows it and runs down the page for a few lines as well."),
    ]  # fmt: skip


def test_a_line_stretched_over_few_words_in_a_column_stays_one_line_in_its_order() -> None:
    # justified in a narrow column, the last words of a paragraph stand further apart than a
    # column gutter; the last line of the right column's paragraph runs over to the top
    # of the left column of the next page, alone
    left = ["The survey of the coast found that", "the new quays are sound and that",
            "the channel needs deepening at"]  # fmt: skip
    right = ["The pilots ask for two more buoys", "before the winter, and for light at",
             "the outer mole near the extraordinarily", "long breakwater."]  # fmt: skip
    first = [
        *lines(left, x=60, top=100, width=220, ends=False),
        Text(60, 139, "the mouth of the river.", width=0),
        *lines(right[:2], x=320, top=100, width=220, ends=False),
        Text(320, 126, "the outer mole near the extraordinarily", width=220),
        Text(320, 139, "long breakwater of", width=220),
    ]  # fmt: skip
    second = [
        Text(60, 100, "the fishermen."),
        *lines(
            ["A new paragraph opens the second", "page and ends."], x=60, top=113, width=220
        ),  # fmt: skip
        Text(320, 100, "The right column of the second page holds a single line."),
    ]
    result = read_bytes(pdf([first, second]), filename="en.pdf")
    assert [b.text for b in result.blocks] == [
        "The survey of the coast found that the new quays are sound and that the channel "
        "needs deepening at the mouth of the river.",
        "The pilots ask for two more buoys before the winter, and for light at the outer mole "
        "near the extraordinarily long breakwater of the fishermen.",
        "A new paragraph opens the second page and ends.",
        "The right column of the second page holds a single line.",
    ]


def test_a_title_over_three_lines_is_one_heading() -> None:
    page = [
        Text(200, 60, "Convention on the", 18, bold=True),
        Text(190, 82, "protection of coastal", 18, bold=True),
        Text(230, 104, "waters", 18, bold=True),
        Text(60, 150, "Article 1", 12, bold=True),
        *lines(["The parties protect the coastal waters.", "They meet once a year."], top=170),
    ]
    result = read_bytes(pdf([page]), filename="en.pdf")
    assert kinds(result)[:2] == [
        ("head", "Convention on the protection of coastal waters"),
        ("head", "Article 1"),
    ]
    assert result.title == "Convention on the protection of coastal waters"


def test_ligatures_and_soft_hyphens_are_normalised() -> None:
    page = lines(["The of\ufb01ce a\ufb00irms its co\u00adoperation."])
    result = read_bytes(pdf([page]), filename="en.pdf")
    assert result.blocks[0].text == "The office affirms its cooperation."


def test_a_pdf_without_text_is_scanned() -> None:
    message = r"^scan\.pdf: scanned: no text layer on its 1 page; run OCR first$"
    with pytest.raises(EmptyInputError, match=message):
        read_bytes(pdf([[]]), filename="scan.pdf")


def test_an_encrypted_pdf_is_refused_in_one_line() -> None:
    data = pdf([lines(["A secret text."])], encrypt="secret")
    with pytest.raises(FormatError, match=r"^locked\.pdf: encrypted PDF: .*password") as info:
        read_bytes(data, filename="locked.pdf")
    assert "\n" not in str(info.value)


def test_a_truncated_pdf_is_refused_in_one_line() -> None:
    data = pdf([lines(["A text cut short in the middle of its bytes."])])
    with pytest.raises(FormatError, match=r"^cut\.pdf: truncated PDF"):
        read_bytes(data[: len(data) // 2], filename="cut.pdf")


def test_a_broken_pdf_is_refused_in_one_line() -> None:
    with pytest.raises(FormatError, match=r"^bad\.pdf: not a readable PDF"):
        read_bytes(b"%PDF-1.7\n garbage that is no PDF at all \n%%EOF\n", filename="bad.pdf")


def test_a_pdf_over_the_page_limit_is_refused() -> None:
    data = pdf([lines(["One."]), lines(["Two."]), lines(["Three."])])
    text = read_bytes(data, filename="x.pdf").source
    with pytest.raises(InputError, match=r"has 3 pages, over the limit of 2"):
        read(data, source=text, path="x.pdf", limits=Limits(pages=2))


def test_a_pdf_over_the_character_limit_is_refused() -> None:
    data = pdf([lines(["Forty characters of text on this page."])])
    source = read_bytes(data, filename="x.pdf").source
    with pytest.raises(InputError, match=r"^x\.pdf: has over 20 characters by page 1"):
        read(data, source=source, path="x.pdf", limits=Limits(chars=20))


def test_a_pdf_the_reader_cannot_finish_within_its_cpu_time_is_refused() -> None:
    data = pdf([lines(["A text read by a child with no CPU time at all."])])
    source = read_bytes(data, filename="x.pdf").source
    with pytest.raises(InputError, match=r"^x\.pdf: needs more than .* to read"):
        read(data, source=source, path="x.pdf", limits=Limits(seconds=0))


def test_a_dateline_glued_to_the_first_paragraph_is_front_matter_and_the_page_stays() -> None:
    cover = [Text(150, 300, "Statement of the harbour commission", 18, bold=True)]
    text = lines([
        "TARVEL, 9 October 2026 – The harbour commission met today and heard",
        "the reports of the pilots and of the customs office on the past season",
        "and agreed to deepen the channel before the winter storms begin.",
    ], top=100)  # fmt: skip
    result = read_bytes(pdf([cover, text]), filename="en.pdf")
    assert [(f.kind, f.text) for f in result.front] == [("dateline", "TARVEL, 9 October 2026")]
    assert result.date == "2026-10-09"
    assert kinds(result)[1][1].startswith("The harbour commission met today")
    # the paragraph parted from its dateline still starts on the second page
    assert [b.page for b in result.blocks] == [1, 2]


def test_a_masthead_and_a_heading_over_two_lines_leave_the_paragraphs_whole() -> None:
    # the organ's name in large type on the left and the distribution in small type on the
    # right stand wider than the text: the column's edges are where its running text is
    masthead = [
        Text(60, 60, "Harbour Assembly", 18, bold=True),
        Text(440, 55, "Distr.: General", 8),
        Text(440, 66, "6 January 2027", 8),
    ]
    heading = [
        Text(130, 110, "Decision of the harbour assembly adopted on 19.", 13, bold=True),
        Text(130, 126, "December 2026", 13, bold=True),
    ]
    first = lines([
        "The assembly heard the pilots and the customs office on the state",
        "of the channel and the quays after the storms of the autumn.",
    ], x=100, top=160, width=380)  # fmt: skip
    second = lines([
        "It decided to deepen the channel before the spring and to ask the",
        "fishermen's association for its views on the new quays.",
    ], x=100, top=186, width=380)  # fmt: skip
    page = [*masthead, *heading, replace(first[0], x=125, width=355), first[1],
            replace(second[0], x=125, width=355), second[1]]  # fmt: skip
    result = read_bytes(pdf([page]), filename="en.pdf")
    assert kinds(result)[-3:] == [
        ("head", "Decision of the harbour assembly adopted on 19. December 2026"),
        ("p", "The assembly heard the pilots and the customs office on the state of the channel "
              "and the quays after the storms of the autumn."),
        ("p", "It decided to deepen the channel before the spring and to ask the fishermen's "
              "association for its views on the new quays."),
    ]  # fmt: skip


def test_a_resolution_masthead_is_front_matter_and_not_the_title() -> None:
    # the organ's name is the largest type on the page, yet no title: it says who issues the
    # document, as the distribution line, the original language and the date of issue do
    masthead = [
        Text(60, 60, "Security Council", 18, bold=True),
        Text(440, 45, "S/2027/41", 12, bold=True),
        Text(440, 62, "Distr.: General", 8),
        Text(440, 72, "3 February 2027", 8),
        Text(440, 82, "Original: French", 8),
    ]
    heading = [Text(100, 120, "Letter on the state of the harbour of Tarvel", 12, bold=True)]
    body = lines(HARBOUR, x=100, top=150, width=380)
    result = read_bytes(pdf([[*masthead, *heading, *body]]), filename="en.pdf")
    assert result.title != "Security Council"
    assert [(item.kind, item.text) for item in result.front] == [
        ("masthead", "Security Council"),
        ("symbol", "S/2027/41"),
        ("masthead", "Distr.: General"),
        ("dateline", "3 February 2027"),
        ("masthead", "Original: French"),
    ]
    assert result.date == "2027-02-03"
    assert kinds(result)[0] == ("head", "Letter on the state of the harbour of Tarvel")
    assert len(result.blocks) == 2


def test_a_notes_last_line_at_the_foot_of_the_page_is_no_footer() -> None:
    # the note runs down into the band where footers stand; its last line stays its own
    page = [
        *furniture(1),
        *lines(
            ["The pilots reported on the channel at the end of the quarter.\x011\x02", ""], top=600
        ),  # fmt: skip
        *lines(HARBOUR, top=640),
        Text(60, HEIGHT - 60, "1 The report of the pilots was read out at the meeting of the", 7),
        Text(60, HEIGHT - 52, "commission in the spring.", 7),
    ]
    result = read_bytes(_with_raised_call(page, []), filename="en.pdf")
    (note,) = result.blocks[0].notes
    assert note.text == (
        "The report of the pilots was read out at the meeting of the commission in the spring."
    )
    assert "commission in the spring." not in result.dropped


def test_endnotes_may_open_with_their_mark_set_on_the_line() -> None:
    first = [
        *furniture(1),
        *lines(["The harbour commission met three times during the year.\x01i\x02", ""]),
        *lines(
            ["It decided to deepen the channel before the spring,\x01ii\x02 as planned.", ""],
            top=140,
        ),  # fmt: skip
        *lines(HARBOUR, top=180),
    ]
    second = [
        *furniture(2),
        Text(60, 100, "iThe minutes of the meetings are kept by the secretary.", 8),
        Text(60, 112, "iiThe works are to be finished by the end of March.", 8),
    ]
    result = read_bytes(_with_raised_call(first, second), filename="en.pdf")
    assert len(result.blocks) == 3
    assert [[(n.n, n.text, n.place) for n in b.notes] for b in result.blocks] == [
        [("i", "The minutes of the meetings are kept by the secretary.", "end")],
        [("ii", "The works are to be finished by the end of March.", "end")],
        [],
    ]


def test_notes_numbered_as_their_pages_at_the_foot_are_no_page_numbers() -> None:
    # "1 …" on page 1 and "2 …" on page 2, at the same height, look like a numbered footer
    pages = []
    for n in (1, 2):
        pages.append([
            *furniture(n),
            *lines([f"The pilots reported on the channel in quarter {n}.\x01{n}\x02", ""]),
            *lines(HARBOUR, top=140),
            Text(60, HEIGHT - 50, f"{n} The report was read out at the meeting.", 7),
        ])  # fmt: skip
    result = read_bytes(_with_raised_call(pages[0], pages[1]), filename="en.pdf")
    found = [(n.n, n.text) for b in result.blocks for n in b.notes]
    assert found == [("1", "The report was read out at the meeting."),
                     ("2", "The report was read out at the meeting.")]  # fmt: skip
    assert not any("read out" in line for line in result.dropped)


def test_small_lines_at_the_foot_before_the_first_note_are_kept_as_a_note() -> None:
    page = [
        *furniture(1),
        *lines(["The pilots reported on the channel at the end of the quarter.\x011\x02", ""]),
        *lines(HARBOUR, top=140),
        Text(60, 700, "Circulated to the members of the commission.", 7),
        Text(60, 712, "1 The report was read out at the meeting.", 7),
    ]
    result = read_bytes(_with_raised_call(page, []), filename="en.pdf")
    texts = [n.text for b in result.blocks for n in b.notes]
    assert texts == ["The report was read out at the meeting.",
                     "Circulated to the members of the commission."]  # fmt: skip
