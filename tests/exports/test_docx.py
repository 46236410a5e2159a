"""The DOCX export, read back with python-docx and converted by LibreOffice."""

from __future__ import annotations

import datetime as dt
import html
import io
import re
import shutil
import subprocess
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import docx
import pypdf
import pytest
from docx.document import Document as WordDocument
from docx.enum.section import WD_ORIENT
from docx.oxml.ns import qn
from docx.oxml.parser import parse_xml
from lxml import etree

from aligner.errors import ExportError
from aligner.model import Document
from exports import ExportOptions, _wordml, render
from exports.table import FLAG_SHADES, build_table
from languages.typography import keep_whole, labels

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def _docx(document: Document, **options: object) -> bytes:
    rendered = render([document], "docx", ExportOptions(**options))  # type: ignore[arg-type]
    (output,) = rendered.outputs
    assert output.extension == "docx"
    return output.data


def _read(data: bytes) -> WordDocument:
    return docx.Document(io.BytesIO(data))


def _attr(element: etree._Element, path: str, name: str) -> str:
    """Return attribute ``w:name`` of the element at ``path`` (``w:`` steps) under ``element``."""
    found = element.find(path.replace("w:", f"{{{W}}}"))
    assert found is not None, path
    value = found.get(qn(f"w:{name}"))
    assert value is not None, name
    return value


def _page(word: WordDocument) -> tuple[int, int, int, int]:
    """Return page width, height, left and right margin in twips."""
    section = word.sections[0]
    sizes = (section.page_width, section.page_height, section.left_margin, section.right_margin)
    assert all(size is not None for size in sizes)
    return tuple(int(size or 0) // 635 for size in sizes)  # type: ignore[return-value]


def _cell_text(texts: list[tuple[str | None, str]]) -> str:
    return "\n".join(f"{speaker} {text}" if speaker else text for speaker, text in texts)


def test_it_puts_every_text_in_its_column_in_order(document: Document) -> None:
    """Every text is there as stored; only spaces a line must not break at are no-break."""
    word = _read(_docx(document, flags=False))
    (table,) = word.tables
    expected = build_table(document, document.langs)
    assert len(table.rows) == 1 + len(expected.rows)
    for row, word_row in zip(expected.rows, table.rows[1:], strict=True):
        cells = word_row.cells
        assert cells[0].text == str(row.number)
        for cell, word_cell in zip(row.cells, cells[1:], strict=True):
            wanted = _cell_text([(t.speaker, t.text) for t in cell.texts])
            assert word_cell.text.replace("\u00a0", " ") == wanted


def test_it_labels_columns_with_language_names_in_a_repeating_header_row(
    document: Document,
) -> None:
    word = _read(_docx(document))
    (table,) = word.tables
    header = table.rows[0]
    assert [c.text for c in header.cells] == [
        "#",
        "Deutsch",
        "English",
        "Español",
        "Русский",
        "Français",
    ]
    assert header._tr.find(f"{{{W}}}trPr/{{{W}}}tblHeader") is not None
    assert all(r._tr.find(f"{{{W}}}trPr/{{{W}}}tblHeader") is None for r in list(table.rows)[1:])


def test_it_tags_every_run_with_its_language(document: Document) -> None:
    word = _read(_docx(document, langs=("ru", "fr")))
    (table,) = word.tables
    tags = {1: "ru-RU", 2: "fr-FR"}
    runs = 0
    for row in table.rows:
        for index, tag in tags.items():
            for paragraph in row.cells[index].paragraphs:
                for run in paragraph.runs:
                    lang = run._r.find(f"{{{W}}}rPr/{{{W}}}lang")
                    assert lang is not None, run.text
                    # names and short words a hyphenator would break have no language
                    if lang.get(qn("w:val")) == "zxx":
                        assert all(_whole(word, tag[:2]) for word in run.text.split())
                    else:
                        assert lang.get(qn("w:val")) == tag
                    runs += 1
    assert runs > 14
    styles = {s.name for s in word.styles}
    assert {"Text ru", "Text fr"} <= styles


def _whole(word: str, lang: str) -> bool:
    return keep_whole(word.strip(".,;:!?()«»\"'"), lang, names={word})


def test_names_and_short_words_are_never_hyphenated(
    document: Document, with_sentence: Callable[[Document, str, str], Document]
) -> None:
    """Word and LibreOffice hyphenate by a run's language: a run without one stays whole."""
    named = with_sentence(
        document, "de.p1.s1", "Am 14. März 2026 eröffnet Helga Vandenberghe die Konferenz."
    )
    named = with_sentence(
        named, "en.p1.s1", "On 14 March 2026 Helga Vandenberghe opens the conference."
    )
    word = _read(_docx(named, langs=("de", "en")))
    cell = next(c for row in word.tables[0].rows for c in row.cells[1:2] if "Helga" in c.text)
    kept = {
        run.text
        for paragraph in cell.paragraphs
        for run in paragraph.runs
        if (lang := run._r.find(f"{{{W}}}rPr/{{{W}}}lang")) is not None
        and lang.get(qn("w:val")) == "zxx"
    }
    # the name both versions write, and a short word the German patterns could break
    assert "Helga Vandenberghe" in kept
    assert "Konferenz" not in " ".join(kept)  # a German noun of nine letters may break
    assert "eröffnet" not in " ".join(kept)
    # and the text is the text: runs only part it
    assert cell.text.startswith("Am 14.\u00a0März\u00a02026 eröffnet Helga Vandenberghe die ")


def test_it_uses_bold_for_headings_and_speaker_labels(document: Document) -> None:
    word = _read(_docx(document, langs=("de", "en")))
    (table,) = word.tables
    heading = table.rows[1].cells[1].paragraphs[0].runs
    assert [r.bold for r in heading] == [True]
    question = table.rows[5].cells[2].paragraphs[0].runs
    assert (question[0].text, question[0].bold) == ("Question: ", True)
    # the rest is plain, in runs that keep "taking" whole (a short word)
    assert "".join(r.text for r in question[1:]) == "Who is taking part?"
    assert {r.bold for r in question[1:]} == {None}


def test_it_fixes_column_widths_for_word_and_libreoffice(document: Document) -> None:
    word = _read(_docx(document))
    tbl = word.tables[0]._tbl
    assert _attr(tbl, "w:tblPr/w:tblLayout", "type") == "fixed"
    grid = [int(c.get(qn("w:w"), "0")) for c in tbl.findall(f"{{{W}}}tblGrid/{{{W}}}gridCol")]
    width, _, left, right = _page(word)
    text_width = width - left - right
    assert len(grid) == 6
    assert sum(grid) == text_width
    assert len(set(grid[1:-1])) == 1  # the language columns share the width
    first_row = tbl.findall(f"{{{W}}}tr")[1]
    widths = [int(_attr(tc, "w:tcPr/w:tcW", "w")) for tc in first_row.findall(f"{{{W}}}tc")]
    assert widths == grid


@pytest.mark.parametrize(
    ("langs", "orientation"),
    [(("de", "en"), WD_ORIENT.PORTRAIT), (None, WD_ORIENT.LANDSCAPE)],
)
def test_it_turns_the_page_for_three_languages_or_more(
    document: Document, langs: tuple[str, ...] | None, orientation: WD_ORIENT
) -> None:
    word = _read(_docx(document, langs=langs))
    assert word.sections[0].orientation == orientation
    width, height, _, _ = _page(word)
    assert (width > height) == (orientation == WD_ORIENT.LANDSCAPE)


def test_it_honours_the_page_size(document: Document) -> None:
    width, height, _, _ = _page(_read(_docx(document, langs=("de", "en"), page_size="Letter")))
    assert (width, height) == (12240, 15840)  # 8.5 x 11 inches


def test_it_shades_and_comments_flagged_rows(document: Document) -> None:
    word = _read(_docx(document))
    comments = [c.text for c in word.comments]
    assert len(comments) == 2  # beads 3 (0.62) and 4 (0.41 and no Spanish)
    assert "0.62 is below 0.90" in comments[0]
    assert "Spanish" in comments[1]
    assert "0.41" in comments[1]
    row = word.tables[0].rows[4]
    fills = {_attr(tc, "w:tcPr/w:shd", "fill") for tc in row._tr.tc_lst}
    assert fills == {"FBE3D6"}
    # a grey pattern over the colour, different for each kind, so it prints in black and white
    assert {_attr(tc, "w:tcPr/w:shd", "val") for tc in row._tr.tc_lst} == {"thinDiagStripe"}
    low = word.tables[0].rows[3]._tr.tc_lst[0]
    assert _attr(low, "w:tcPr/w:shd", "val") == "pct10"
    assert word.tables[0].rows[2]._tr.tc_lst[1].find(f"{{{W}}}tcPr/{{{W}}}shd") is None
    # the legend above the table shows each shading used and says what it means
    legend = word.paragraphs[0]
    assert legend.text.startswith("Marked rows:")
    assert "text in some versions only" in legend.text
    swatches = [r._r.find(f"{{{W}}}rPr/{{{W}}}shd") for r in legend.runs]
    assert [s.get(qn("w:val")) for s in swatches if s is not None] == ["thinDiagStripe", "pct10"]


def test_it_comments_on_numbers_that_differ(
    document: Document, with_sentence: Callable[[Document, str, str], Document]
) -> None:
    changed = with_sentence(document, "en.p2.s1", "The budget is 13.5 million euros.")
    comments = [c.text for c in _read(_docx(changed)).comments]
    assert any("English has 13.5" in text for text in comments)


def test_it_leaves_out_shading_and_comments_without_flags(document: Document) -> None:
    data = _docx(document, flags=False)
    word = _read(data)
    assert list(word.comments) == []
    assert "word/comments.xml" not in zipfile.ZipFile(io.BytesIO(data)).namelist()
    body = word.tables[0]._tbl
    fills = {e.get(qn("w:fill")) for e in body.iter(f"{{{W}}}shd")}
    assert fills == {"D9D9D9"}  # only the header row


def test_it_sets_the_document_properties(document: Document) -> None:
    props = _read(_docx(document)).core_properties
    assert props.title == "Statement on the water conference"
    assert props.language == "en-US"
    assert props.keywords == "de, en, es, ru, fr"
    assert "Deutsch" in props.subject
    assert props.created == dt.datetime(2026, 3, 10, 12, 0, tzinfo=dt.UTC)
    assert props.modified == props.created  # the document's last change, not 2013


def test_it_prints_title_date_and_page_x_of_y_in_the_locale(document: Document) -> None:
    section = _read(_docx(document, locale="de")).sections[0]
    header = section.header.paragraphs[0].text
    assert header == "Statement on the water conference\t10.\u00a0März\u00a02026"  # one piece
    footer = section.footer.paragraphs[0]._p
    instructions = [e.text.strip() for e in footer.iter(f"{{{W}}}instrText")]
    assert instructions == ["PAGE", "NUMPAGES"]
    words = "".join(e.text for e in footer.iter(f"{{{W}}}t"))
    assert words == "Seite 1 von 1"  # the field results Word shows until it updates them


def test_it_gives_the_same_bytes_for_the_same_document(document: Document) -> None:
    assert _docx(document) == _docx(document)


def test_it_keeps_every_property_element_first_in_its_owner(document: Document) -> None:
    data = _docx(document)
    xml = zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml")
    root = etree.fromstring(xml)
    owners = {"r": "rPr", "p": "pPr", "tc": "tcPr", "tr": "trPr"}
    for owner, props in owners.items():
        for element in root.iter(f"{{{W}}}{owner}"):
            found = element.find(f"{{{W}}}{props}")
            if found is not None:
                first = element[0] if owner != "tr" else element.find(f"{{{W}}}trPr")
                assert first is found, owner


@pytest.mark.parametrize(
    ("before", "tag", "after"),
    [
        ("<w:rPr><w:b/><w:sz w:val='20'/></w:rPr>", "w:lang", ["b", "sz", "lang"]),
        ("<w:rPr><w:b/><w:lang w:val='x'/><w:oMath/></w:rPr>", "w:lang", ["b", "lang", "oMath"]),
        ("<w:rPr><w:eastAsianLayout/></w:rPr>", "w:b", ["b", "eastAsianLayout"]),
        ("<w:trPr><w:tblHeader/></w:trPr>", "w:cantSplit", ["cantSplit", "tblHeader"]),
        ("<w:tcPr><w:tcW/><w:vAlign/></w:tcPr>", "w:shd", ["tcW", "shd", "vAlign"]),
        ("<w:r><w:t>x</w:t></w:r>", "w:rPr", ["rPr", "t"]),
        (
            "<w:tblPr><w:tblW/><w:tblLook/></w:tblPr>",
            "w:tblLayout",
            ["tblW", "tblLayout", "tblLook"],
        ),
    ],
)
def test_it_inserts_raw_elements_in_schema_order(before: str, tag: str, after: list[str]) -> None:
    element = parse_xml(before.replace(">", f' xmlns:w="{W}">', 1))
    _wordml.child(element, tag)
    assert [etree.QName(c).localname for c in element] == after


def test_it_refuses_more_than_one_document(document: Document) -> None:
    with pytest.raises(ExportError, match="one document"):
        render([document, document], "docx", ExportOptions())


def test_it_refuses_a_language_the_document_lacks(document: Document) -> None:
    with pytest.raises(ExportError, match="language it is not in the document"):
        render([document], "docx", ExportOptions(langs=("de", "it")))


def test_libreoffice_opens_and_converts_it(document: Document, tmp_path: Path) -> None:
    soffice = shutil.which("soffice")
    if soffice is None:
        pytest.skip(
            "LibreOffice (soffice) is not installed: apt-get install libreoffice-writer-nogui"
        )
    source = tmp_path / "side-by-side.docx"
    source.write_bytes(_docx(document, locale="ru"))
    home = tmp_path / "home"
    home.mkdir()
    subprocess.run(
        [soffice, "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path), str(source)],
        check=True,
        timeout=180,
        env={"HOME": str(home), "PATH": "/usr/bin:/bin"},
        capture_output=True,
    )
    pdf = pypdf.PdfReader(tmp_path / "side-by-side.pdf")
    text = " ".join(" ".join(page.extract_text().split()) for page in pdf.pages)
    assert "Русский" in text
    assert "Заявление о конференции" in text
    assert "Страница 1 из 1" in text  # LibreOffice filled in the fields
    # the legend speaks the locale, and each flagged number carries its kind's marker, which
    # survives where LibreOffice flattens the pattern into a pale colour
    assert labels("ru")["marked_rows"] in text
    assert f"{FLAG_SHADES['unaligned'].marker} {labels('ru')['unaligned']}" in text
    table = build_table(document, document.langs)
    for row in table.rows:
        if row.shade is not None:
            assert f"{row.number} {row.shade.marker}" in text
    # and it set them in the embedded Fira Sans, not a substitute
    fonts = set()
    for page in pdf.pages:
        resources: Any = page["/Resources"]
        fonts |= {str(f.get_object()["/BaseFont"]) for f in resources["/Font"].values()}
    assert fonts
    assert all("FiraSans" in f for f in fonts), fonts


def test_it_hyphenates_at_most_two_line_ends_in_a_row_and_binds_spaces(
    document: Document,
) -> None:
    data = _docx(document)
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        settings = etree.fromstring(package.read("word/settings.xml"))
    limit = settings.find(qn("w:consecutiveHyphenLimit"))
    assert limit is not None
    assert limit.get(qn("w:val")) == "2"
    auto = settings.find(qn("w:autoHyphenation"))
    assert auto is not None
    assert auto.getnext() is limit  # where the schema puts it
    word = _read(data)
    texts = "\n".join(cell.text for row in word.tables[0].rows for cell in row.cells)
    assert "14.\u00a0März\u00a02026" in texts
    assert "14\u00a0марта\u00a02026\u00a0г." in texts
    assert "120\u00a0Gäste" not in texts  # a count and a noun may part


def test_it_embeds_fira_sans_as_word_does(document: Document) -> None:
    import fontpkg_fira_sans

    data = _docx(document)
    word = _read(data)
    rfonts = word.styles.element.find(
        f"{{{W}}}docDefaults/{{{W}}}rPrDefault/{{{W}}}rPr/{{{W}}}rFonts"
    )
    assert rfonts is not None
    assert {rfonts.get(qn(f"w:{slot}")) for slot in ("ascii", "hAnsi", "eastAsia", "cs")} == {
        "Fira Sans"
    }
    assert not [a for a in rfonts.attrib if a.endswith("Theme")]  # a theme font would win
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        table = etree.fromstring(archive.read("word/fontTable.xml"))
        rels = etree.fromstring(archive.read("word/_rels/fontTable.xml.rels"))
        settings = etree.fromstring(archive.read("word/settings.xml"))
        (font,) = [f for f in table.iterfind(f"{{{W}}}font") if f.get(qn("w:name")) == "Fira Sans"]
        embedded = font.find(f"{{{W}}}embedRegular")
        assert embedded is not None
        target = next(r.get("Target") for r in rels if r.get("Id") == embedded.get(qn("r:id")))
        stored = archive.read(f"word/{target}")
    # undo the obfuscation (ECMA-376 17.8.1): the key's bytes, reversed, XORed over 32 bytes
    key = bytes.fromhex(embedded.get(qn("w:fontKey"), "").strip("{}").replace("-", ""))[::-1]
    original = (fontpkg_fira_sans.ROOT / "files" / "FiraSans-Regular.ttf").read_bytes()
    restored = bytes(b ^ key[i % 16] for i, b in enumerate(stored[:32])) + stored[32:]
    assert restored == original
    assert settings.find(f"{{{W}}}embedTrueTypeFonts") is not None
    assert settings.find(f"{{{W}}}autoHyphenation").get(qn("w:val")) == "true"  # type: ignore[union-attr]


def test_a_heading_row_keeps_with_the_next_and_never_hyphenates(document: Document) -> None:
    grid = _read(_docx(document, langs=("de", "en"))).tables[0]
    heading, text = grid.rows[1], grid.rows[2]
    paragraphs = [p for c in heading.cells for p in c.paragraphs]
    assert all(p.paragraph_format.keep_with_next for p in paragraphs)
    assert not any(p.paragraph_format.keep_with_next for c in text.cells for p in c.paragraphs)
    titled = [p for p in paragraphs if p.text.startswith(("Erklärung", "Statement"))]
    assert len(titled) == 2
    for p in titled:
        assert p._p.pPr.find(qn("w:suppressAutoHyphens")) is not None


def test_it_refuses_to_write_no_language(document: Document) -> None:
    with pytest.raises(ExportError, match="no language"):
        render([document], "docx", ExportOptions(langs=()))


def test_it_keeps_short_rows_whole_and_lets_long_ones_split(
    document: Document, with_text: Callable[[Document, str, str], Document]
) -> None:
    for version in document.versions:
        block = version.blocks[1]
        document = with_text(document, block.id, " ".join([block.text] * 40))
    rows = _read(_docx(document)).tables[0].rows
    kept = [r._tr.find(f"{{{W}}}trPr/{{{W}}}cantSplit") is not None for r in rows]
    # the header, al.p1, the long al.p2, al.p3, the band that opens al.p4, al.p4...
    assert kept == [True, True, False, True, True, True, True, True, True]


def test_a_run_some_languages_lack_opens_with_a_shaded_label_across_the_table(
    document: Document,
) -> None:
    word = _read(_docx(document, langs=("de", "es", "en")))
    rows = word.tables[0].rows
    band = rows[4]
    (cell,) = band._tr.tc_lst
    assert _attr(cell, "w:tcPr/w:gridSpan", "val") == "4"
    assert band.cells[1].text == band.cells[0].text  # one cell across the table
    expected = build_table(document, ("de", "es", "en")).rows[3].band
    assert expected is not None
    assert band.cells[0].text == expected
    assert expected.startswith("No Spanish text for German paragraph 4")
    assert _attr(cell, "w:tcPr/w:shd", "fill") == "FBE3D6"
    assert band.cells[0].paragraphs[0].runs[0].italic
    assert rows[5].cells[0].text == "4\n∅"  # then the row it opens, with its marker
    assert len(rows) == 1 + 7 + 1
    plain = _read(_docx(document, langs=("de", "es", "en"), flags=False)).tables[0].rows
    assert len(plain) == 1 + 7


def test_it_lays_out_sentence_beads_with_headings_between_them(document: Document) -> None:
    word = _read(_docx(document, level="sentence", langs=("de", "en")))
    rows = word.tables[0].rows
    assert len(rows) == 1 + 9
    assert rows[1].cells[1].text == "Erklärung zur Wasserkonferenz"
    assert rows[3].cells[2].text == "There will be 120 guests."


HYPHEN_PATTERNS = Path("/usr/share/hyphen")
NAMES = ("Vandenberghe", "Oberhollenzer", "Kristiansand", "Wiedemannsdorf")
LONG_WORDS = {
    "de": "Die Wasserversorgungsunternehmen der Grundwasserneubildungsgebiete und die "
    "Trinkwasseraufbereitungsanlagen berichten über Niederschlagsschwankungen, "
    "Verwaltungsvereinbarungen und Gewässerschutzmaßnahmen.",
    "en": "The representatives of international organisations discussed the implementation "
    "of environmental responsibilities, intergovernmental consultations and "
    "infrastructure rehabilitation.",
}


def test_libreoffice_hyphenates_ordinary_words_but_never_names_or_short_words(
    make_document: Callable[..., Document], tmp_path: Path
) -> None:
    """Rendered by LibreOffice with its hyphenation patterns, as a reader prints the DOCX."""
    soffice = shutil.which("soffice")
    if soffice is None or shutil.which("pdftotext") is None:
        pytest.skip("LibreOffice and poppler-utils are needed (.ci/run installs them)")
    if not all((HYPHEN_PATTERNS / f"hyph_{p}.dic").exists() for p in ("de_DE", "en_US")):
        pytest.skip("no hyphenation patterns: apt-get install hyphen-de hyphen-en-us (.ci/run)")
    joiner = {"de": "und", "en": "and"}

    def names(i: int) -> list[str]:  # many names in a row: some will end a line
        return [NAMES[(i + k) % 4] for k in range(6)]

    spec = {
        lang: [
            ("p", [f"{', '.join(names(i))} {joiner[lang]} {NAMES[i % 4]}: {text}"])
            for i in range(12)
        ]
        for lang, text in LONG_WORDS.items()
    }
    document = make_document(spec, [{"de": (i,), "en": (i,)} for i in range(12)])
    source = tmp_path / "hyphens.docx"
    source.write_bytes(_docx(document, langs=("de", "en"), flags=False))
    home = tmp_path / "home"
    home.mkdir()
    subprocess.run(
        [soffice, "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path), str(source)],
        check=True,
        timeout=300,
        env={"HOME": str(home), "PATH": "/usr/bin:/bin"},
        capture_output=True,
    )
    # -bbox lists the words as printed, line ends included: the plain text joins them again
    boxes = subprocess.run(
        ["pdftotext", "-bbox", str(tmp_path / "hyphens.pdf"), "-"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    printed = [html.unescape(w) for w in re.findall(r"<word [^>]*>([^<]*)</word>", boxes)]
    broken = {t[:-1] for t in printed if len(t) > 2 and t.endswith("-") and t[-2].isalpha()}
    words = {
        lang: {w.strip(".,:") for text in [*NAMES, LONG_WORDS[lang]] for w in text.split()}
        for lang in LONG_WORDS
    }
    # every line-end hyphen breaks a long ordinary word of one of the languages ...
    for piece in broken:
        whole = {(w, lang) for lang, found in words.items() for w in found if w.startswith(piece)}
        assert whole, piece
        assert all(not keep_whole(w, lang) and w not in NAMES for w, lang in whole), piece
    # ... both languages' patterns were at work ...
    for lang, found in words.items():
        assert any(w.startswith(piece) for piece in broken for w in found), lang
    # ... and every name, in its zxx run, stays whole on its line
    assert set(NAMES) <= {t.strip(":") for t in printed}
