"""The PDF export, read back with pypdf column by column."""

from __future__ import annotations

import io
import itertools
import re
import unicodedata
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import pypdf
import pytest

from aligner.errors import ExportError
from aligner.evaluate import find_corpus
from aligner.model import Document
from exports import ExportOptions, render
from exports.pdf import unprintable
from exports.table import FLAG_SHADES, build_table
from languages.typography import bind, keep_whole, labels

MM = 72 / 25.4
ROOT = Path(__file__).resolve().parents[2]
# the legend's lines in the locales the tests print, and the markers under flagged numbers
LEGEND = {
    *(shade.marker for shade in FLAG_SHADES.values()),
    *(labels(locale)["marked_rows"] for locale in ("en", "de", "ru")),
    *(
        f"{shade.marker} {labels(locale)[kind]}"
        for kind, shade in FLAG_SHADES.items()
        for locale in ("en", "de", "ru")
    ),
}
CORPUS = find_corpus() or Path("/work/shared/corpus")


def _pdf(document: Document, **options: Any) -> bytes:
    rendered = render([document], "pdf", ExportOptions(**options))
    (output,) = rendered.outputs
    assert output.extension == "pdf"
    assert output.media_type == "application/pdf"
    return output.data


def _squash(text: str) -> str:
    """Drop what line breaking adds or moves: whitespace, hyphens, soft hyphens."""
    return re.sub(r"[\s\-\u00ad]", "", text)


def _columns(data: bytes, headers: Sequence[str]) -> list[str]:
    """Return the text of each column (number column first), pages joined, header row left out.

    Fragments are placed by their x position against where each header name starts, and
    the page header (title, date) and footer are left out by their height on the page.
    """
    reader = pypdf.PdfReader(io.BytesIO(data))
    streams = ["" for _ in headers]
    for page in reader.pages:
        height = float(page.mediabox.height)
        fragments: list[tuple[float, float, str]] = []

        def visit(
            text: str,
            cm: list[float],
            tm: list[float],
            font: object,
            size: object,
            into: list[tuple[float, float, str]] = fragments,
        ) -> None:
            if text.strip():
                x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
                y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
                into.append((x, y, text))

        page.extract_text(visitor_text=visit)
        body = [
            f
            for f in fragments
            # the legend stands on the first page only
            if 12 * MM < f[1] < height - 16 * MM and " ".join(f[2].split()) not in LEGEND
        ]
        starts = []
        for name in headers:
            found = [x for x, _, t in body if t.strip() == name]
            assert found, f"header {name!r} missing on a page"
            starts.append(min(found))
        on_page = ["" for _ in headers]
        for x, _, text in body:
            column = max(i for i, start in enumerate(starts) if start <= x + 0.5)
            on_page[column] += text
        for i, name in enumerate(headers):
            assert on_page[i].startswith(name)
            streams[i] += on_page[i].removeprefix(name)
    return streams


def _fonts(data: bytes) -> set[str]:
    reader = pypdf.PdfReader(io.BytesIO(data))
    names: set[str] = set()
    for page in reader.pages:
        resources: Any = page["/Resources"]
        for ref in resources["/Font"].values():
            names.add(str(ref.get_object()["/BaseFont"]))
    return names


def test_it_prints_every_cell_in_its_column_in_reading_order(document: Document) -> None:
    data = _pdf(document, flags=False)
    table = build_table(document, document.langs)
    columns = _columns(data, ["#", *(c.name for c in table.columns)])
    for index, column in enumerate(table.columns, start=1):
        expected = "".join(
            (t.speaker or "") + t.text for row in table.rows for t in row.cell(column.lang).texts
        )
        assert _squash(columns[index]) == _squash(expected.replace("\u202f", " ")), column.lang
    assert _squash(columns[0]) == "".join(str(r.number) for r in table.rows)


def test_a_run_some_languages_lack_opens_with_its_label(document: Document) -> None:
    langs = ("de", "es")
    label = build_table(document, langs).rows[3].band
    assert label == "No Spanish text for German paragraph 4 (3 words)"
    text = _squash("".join(p.extract_text() for p in pypdf.PdfReader(io.BytesIO(
        _pdf(document, langs=langs))).pages))  # fmt: skip
    assert _squash(label) + "4∅WeitereEinzelheitenfolgen." in text  # the number, its marker
    plain = "".join(p.extract_text() for p in pypdf.PdfReader(io.BytesIO(
        _pdf(document, langs=langs, flags=False))).pages)  # fmt: skip
    assert "No Spanish text" not in plain


def test_it_keeps_cyrillic_as_cyrillic_in_an_embedded_fira_sans(document: Document) -> None:
    data = _pdf(document, langs=("ru", "de"))
    text = "".join(p.extract_text() for p in pypdf.PdfReader(io.BytesIO(data)).pages)
    assert "Русский" in text
    assert "Бюджет составляет" in " ".join(text.split())
    assert "\u25a0" not in text
    fonts = _fonts(data)
    assert fonts
    assert all(re.fullmatch(r"/[A-Z]{6}\+FiraSans-(Regular|Bold)", f) for f in fonts), fonts
    assert render([document], "pdf", ExportOptions()).notes == ()


def test_it_notes_characters_the_font_cannot_draw(
    document: Document, with_text: Callable[[Document, str, str], Document]
) -> None:
    doc = with_text(document, "en.h1", "水 conference")
    (note,) = render([doc], "pdf", ExportOptions()).notes
    assert "水" in note


def test_it_turns_the_narrow_no_break_space_into_a_no_break_space(document: Document) -> None:
    data = _pdf(document, langs=("fr",))
    text = "".join(p.extract_text() for p in pypdf.PdfReader(io.BytesIO(data)).pages)
    assert "\u202f" not in text
    # drawn with Fira's no-break space (pypdf reads it back as a space), not a missing glyph
    assert "12,5 millions" in text.replace("\u00a0", " ")
    assert render([document], "pdf", ExportOptions(langs=("fr",))).notes == ()


def test_it_sets_the_metadata_and_the_language(document: Document) -> None:
    reader = pypdf.PdfReader(io.BytesIO(_pdf(document)))
    meta = reader.metadata
    assert meta is not None
    assert meta.title == "Statement on the water conference"
    assert meta.author == "Test Ministry"
    assert meta.subject == "Side-by-side text: Deutsch, English, Español, Русский, Français"
    assert str(meta["/Keywords"]) == "de, en, es, ru, fr"
    assert re.fullmatch(r"aligner \d+\.\d+.*", meta.creator or "")
    assert str(meta["/CreationDate"]).startswith("D:20260310120000")
    root: Any = reader.trailer["/Root"]
    assert root["/Lang"] == "en-US"


@pytest.mark.parametrize(
    ("langs", "landscape"), [(("de", "en"), False), (None, True), (("de", "en", "ru"), True)]
)
def test_it_turns_the_page_for_three_languages_or_more(
    document: Document, langs: tuple[str, ...] | None, landscape: bool
) -> None:
    page = pypdf.PdfReader(io.BytesIO(_pdf(document, langs=langs))).pages[0]
    assert (page.mediabox.width > page.mediabox.height) == landscape


def test_it_honours_the_page_size(document: Document) -> None:
    page = pypdf.PdfReader(io.BytesIO(_pdf(document, langs=("de",), page_size="Letter"))).pages[0]
    assert (round(float(page.mediabox.width)), round(float(page.mediabox.height))) == (612, 792)


def _draw_operators(data: bytes) -> list[tuple[float, float, float]]:
    """Return the fill colours (r, g, b) set in the first page's content stream."""
    content = pypdf.PdfReader(io.BytesIO(data)).pages[0].get_contents()
    assert content is not None
    raw = content.get_data().decode("latin-1")
    return [
        (float(r), float(g), float(b))
        for r, g, b in re.findall(r"([\d.]+) ([\d.]+) ([\d.]+) rg", raw)
    ]


def test_it_shades_flagged_rows_only_when_asked(document: Document) -> None:
    shade = (0xFB / 255, 0xE3 / 255, 0xD6 / 255)

    def has_shade(data: bytes) -> bool:
        return any(
            all(abs(a - b) < 0.01 for a, b in zip(c, shade, strict=True))
            for c in _draw_operators(data)
        )

    assert has_shade(_pdf(document))
    assert not has_shade(_pdf(document, flags=False))


def test_flag_kinds_differ_in_black_and_white_and_a_legend_says_how(document: Document) -> None:
    def strokes(data: bytes) -> int:
        """Count the grey pattern strokes (lines and dots) on the first page."""
        content = pypdf.PdfReader(io.BytesIO(data)).pages[0].get_contents()
        assert content is not None
        raw = content.get_data().decode("latin-1")
        return len(re.findall(r"\.501961 \.501961 \.501961 (?:RG|rg)", raw))  # #808080

    assert strokes(_pdf(document)) > 0
    assert strokes(_pdf(document, flags=False)) == 0
    first = pypdf.PdfReader(io.BytesIO(_pdf(document))).pages[0].extract_text()
    assert "Marked rows:" in first
    # the kinds the rows use are explained, and only those
    assert FLAG_SHADES["unaligned"].legend in first
    assert FLAG_SHADES["low-confidence"].legend in first
    assert FLAG_SHADES["numbers-differ"].legend not in first
    patterns = {shade.pattern for shade in FLAG_SHADES.values()}
    assert len(patterns) == len(FLAG_SHADES)  # one pattern a kind


def test_it_gives_the_same_bytes_for_the_same_document(document: Document) -> None:
    assert _pdf(document) == _pdf(document)


def _long(
    document: Document, repeat: int, with_text: Callable[[Document, str, str], Document]
) -> Document:
    """Make the conference paragraph (bead 2) ``repeat`` times longer in every language."""
    for version in document.versions:
        block = version.blocks[1]
        document = with_text(document, block.id, " ".join([block.text] * repeat))
    return document


def test_it_splits_a_paragraph_longer_than_a_page_with_columns_in_step(
    document: Document, with_text: Callable[[Document, str, str], Document]
) -> None:
    long = _long(document, 300, with_text)
    data = _pdf(long, langs=("de", "ru"), locale="de")
    reader = pypdf.PdfReader(io.BytesIO(data))
    pages = len(reader.pages)
    assert pages >= 4
    for number, page in enumerate(reader.pages, start=1):
        text = page.extract_text()
        assert f"Seite {number} von {pages}" in text
        assert "Deutsch" in text
        assert "Русский" in text
    # every page carries both languages of the long row, so the columns run in step
    middle = reader.pages[1].extract_text()
    assert "Konferenz" in middle
    assert "Конференция" in middle
    columns = _columns(data, ["#", "Deutsch", "Русский"])
    table = build_table(long, ("de", "ru"))
    for index, lang in enumerate(("de", "ru"), start=1):
        expected = "".join(
            (t.speaker or "") + t.text for row in table.rows for t in row.cell(lang).texts
        )
        assert _squash(columns[index]) == _squash(expected)


def test_it_hyphenates_by_the_column_language(
    document: Document, with_text: Callable[[Document, str, str], Document]
) -> None:
    data = _pdf(_long(document, 20, with_text), langs=("de", "ru"))
    text = "".join(p.extract_text() for p in pypdf.PdfReader(io.BytesIO(data)).pages)
    broken = re.findall(r"(\w+)-\n(\w+)", text)
    assert broken  # narrow columns do hyphenate
    words = {a + b for a, b in broken}
    source = " ".join(v.blocks[1].text for v in document.versions if v.lang in ("de", "ru"))
    assert words <= set(re.findall(r"\w+", source))  # and only at real words


def test_it_refuses_more_than_one_document(document: Document) -> None:
    with pytest.raises(ExportError, match="one document"):
        render([document, document], "pdf", ExportOptions())


def test_it_refuses_a_language_the_document_lacks(document: Document) -> None:
    with pytest.raises(ExportError, match="language it is not in the document"):
        render([document], "pdf", ExportOptions(langs=("it",)))


def test_it_refuses_to_print_no_language(document: Document) -> None:
    with pytest.raises(ExportError, match="no language"):
        render([document], "pdf", ExportOptions(langs=()))


def test_it_prints_sentence_beads_in_rows(document: Document) -> None:
    data = _pdf(document, level="sentence", langs=("de", "en"))
    columns = _columns(data, ["#", "Deutsch", "English"])
    assert _squash(columns[0]) == "".join(str(n) for n in range(1, 10))
    assert _squash("Es kommen 120 Gäste.") in _squash(columns[1])


# Scripts the PDF does not claim to print (it sets Latin, Cyrillic and Greek); fixtures hold
# them on purpose, e.g. the language switcher of a saved UN page ("العربية", "中文"), and the
# export notes them (test_it_notes_characters_the_font_cannot_draw).
_OTHER_SCRIPTS = ("ARABIC", "CJK", "HEBREW", "HIRAGANA", "KATAKANA", "HANGUL", "DEVANAGARI")


def _characters(*folders: Path) -> str:
    """Return every character of the text files under ``folders`` in the scripts we print."""
    seen: set[str] = set()
    for folder in folders:
        for path in folder.rglob("*"):
            if path.is_file():
                try:
                    seen.update(path.read_bytes().decode("utf-8"))
                except UnicodeDecodeError:
                    continue  # not text (a DOCX, an image) or not UTF-8
    return "".join(
        sorted(ch for ch in seen if not unicodedata.name(ch, "").startswith(_OTHER_SCRIPTS))
    )


def test_it_has_a_glyph_for_every_character_of_our_texts() -> None:
    text = _characters(ROOT / "aligner" / "data" / "sample", ROOT / "tests" / "data")
    assert set("\u2010\u2011\u202f‰№") <= set(text)
    assert unprintable(text) == ""


@pytest.mark.skipif(not CORPUS.is_dir(), reason="no shared corpus on this machine")
def test_it_has_a_glyph_for_every_character_of_the_shared_corpora() -> None:
    assert unprintable(_characters(CORPUS)) == ""


def test_it_prints_what_fira_sans_lacks_from_the_fallback_font(
    document: Document, with_text: Callable[[Document, str, str], Document]
) -> None:
    typography = (ROOT / "tests" / "data" / "glyphs" / "typography.txt").read_text("utf-8")
    (line,) = [x for x in typography.splitlines() if x.startswith("en:")]
    doc = with_text(document, "en.h1", line.removeprefix("en: "))
    rendered = render([doc], "pdf", ExportOptions(langs=("en",)))
    assert rendered.notes == ()
    data = rendered.outputs[0].data
    assert any(f.endswith("+NotoSans-Regular") for f in _fonts(data)), _fonts(data)
    text = "".join(p.extract_text() for p in pypdf.PdfReader(io.BytesIO(data)).pages)
    flat = " ".join(text.split())
    # the typographic hyphen prints as Fira's hyphen, the non-breaking one from Noto Sans
    assert "Non-self-governing" in flat
    assert "non\u2011breaking" in flat
    for ch in "“”—‰§…‘’£¢•·™®†‡¶":
        assert ch in flat, ch


_PRINT_SPEC = {
    "de": [
        "Am 14. März 2026 überwies die Bundesregierung 50 000 Euro an Helga Schmidtbauer, "
        f"Leiterin der Wasserstandsbeobachtungsstelle Nr. {n}, für Grundwasseruntersuchungen "
        "und Hochwasserschutzmaßnahmen im Einzugsgebiet, sagte H. Weber am Dienstag."
        for n in range(1, 9)
    ],
    "en": [
        "On 14 March 2026 the federal government transferred 50 000 euros to Helga "
        f"Schmidtbauer, head of hydrological observation station No. {n}, for "
        "groundwater investigations and internationally coordinated countermeasures, "
        "H. Weber said on Tuesday."
        for n in range(1, 9)
    ],
    "ru": [
        "С 1 июня 2026 г. федеральное правительство перечислило 50 000 евро Хельге "
        f"Шмидтбауэр, руководителю гидрологической наблюдательной станции № {n}, на "
        "исследования подземных вод и противопаводковые мероприятия, сообщил Х. Вебер."
        for n in range(1, 9)
    ],
}


def _column_lines(data: bytes, headers: Sequence[str]) -> list[list[str]]:
    """Return each column's printed lines, top to bottom and page by page."""
    columns: list[list[str]] = [[] for _ in headers]
    for page in pypdf.PdfReader(io.BytesIO(data)).pages:
        height = float(page.mediabox.height)
        fragments: list[tuple[float, float, str]] = []

        def visit(
            text: str,
            cm: list[float],
            tm: list[float],
            font: object,
            size: object,
            into: list[tuple[float, float, str]] = fragments,
        ) -> None:
            if text.strip():
                x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
                y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
                into.append((x, y, text))

        page.extract_text(visitor_text=visit)
        body = [f for f in fragments if 12 * MM < f[1] < height - 16 * MM]
        starts = [min(x for x, _, t in body if t.strip() == name) for name in headers]
        lines: dict[tuple[int, float], list[tuple[float, str]]] = {}
        for x, y, text in body:
            column = max(i for i, start in enumerate(starts) if start <= x + 0.5)
            lines.setdefault((column, round(y, 1)), []).append((x, text))
        for (column, _), pieces in sorted(lines.items(), key=lambda item: -item[0][1]):
            line = "".join(text for _, text in sorted(pieces)).strip()
            if line not in headers:
                columns[column].append(line)
    return columns


def _hyphenated(line: str, after: str) -> bool:
    return len(line) > 1 and line.endswith("-") and line[-2].isalpha() and after[:1].islower()


def test_it_breaks_no_line_where_typography_binds_and_hyphenates_sparingly(
    make_document: Callable[..., Document],
) -> None:
    spec = {lang: [("p", [text]) for text in texts] for lang, texts in _PRINT_SPEC.items()}
    document = make_document(spec, [{lang: (i,) for lang in spec} for i in range(8)])
    data = _pdf(document, flags=False)
    table = build_table(document, document.langs)
    lines = _column_lines(data, ["#", *(c.name for c in table.columns)])
    hyphenated = 0
    for lang, column in zip(document.langs, lines[1:], strict=True):
        run = 0
        for line, after in itertools.pairwise(column):
            last, first = line.split()[-1], after.split()[0]
            if _hyphenated(line, after):
                hyphenated += 1
                run += 1
                assert run <= 2, f"{lang}: a third hyphenated line end in a row: {line!r}"
                word = (last[:-1] + first).strip(".,;:")
                assert not keep_whole(word, lang), f"{lang}: {word!r} hyphenated"
                continue
            run = 0
            assert "\u00a0" not in bind(f"{last} {first}", lang), f"{lang}: {last!r} / {first!r}"
    assert hyphenated >= 3  # the columns are narrow enough to need it
