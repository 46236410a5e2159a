"""Plain text: paragraphs by blank lines (or by lines), headings, items, titles."""

from __future__ import annotations

from pathlib import Path

import pytest

from aligner.model import FrontItem, RawBlock, Source
from aligner.readers import front, read_bytes, read_path, txt

UDHR = Path("/work/shared/corpus/udhr")


def kinds_and_texts(text: str, *, markdown: bool = False) -> list[tuple[str, str]]:
    return [(b.kind, b.text) for b in txt.parse(text, markdown=markdown)]


def test_blank_lines_separate_paragraphs_and_lines_inside_one_are_joined() -> None:
    text = "First line of a paragraph\ncontinues   here.\n\n\nSecond\tparagraph.\n"
    assert kinds_and_texts(text) == [
        ("p", "First line of a paragraph continues here."),
        ("p", "Second paragraph."),
    ]


def test_without_any_blank_line_every_line_is_a_paragraph() -> None:
    text = "Statement of the Ministry\nThe Minister spoke.\nQuestion:\nWhat now?\n"
    assert kinds_and_texts(text) == [
        ("head", "Statement of the Ministry"),
        ("p", "The Minister spoke."),
        ("p", "Question:"),
        ("p", "What now?"),
    ]


def test_leading_and_trailing_blank_lines_do_not_switch_to_paragraph_mode() -> None:
    text = "\n\nOne line.\nTwo line.\n\n"
    assert kinds_and_texts(text) == [("p", "One line."), ("p", "Two line.")]


@pytest.mark.parametrize(
    ("line", "kind"),
    [
        ("Article 1", "head"),
        ("Статья 12", "head"),
        ("Universal Declaration of Human Rights", "head"),
        ("Вопрос:", "p"),
        ("Question :", "p"),
        ("It ends with a full stop.", "p"),
        ("Does it ask?", "p"),
        ("«Цитата.»", "p"),
        ("2024", "p"),
        ("A line far too long to be a heading " * 5, "p"),
    ],
)
def test_a_short_line_alone_without_closing_punctuation_is_a_heading(line: str, kind: str) -> None:
    assert txt.parse(f"{line}\n\nText.")[0].kind == kind


def test_a_heading_line_inside_a_paragraph_is_not_a_heading() -> None:
    assert kinds_and_texts("Article 1\nAll are equal.") == [
        ("head", "Article 1"),
        ("p", "All are equal."),
    ]
    assert kinds_and_texts("Article 1\nAll are equal.\n\nNext.") == [
        ("p", "Article 1 All are equal."),
        ("p", "Next."),
    ]


def test_bullets_make_items_and_dashes_of_replies_stay_text() -> None:
    text = (
        "Priorities:\n• clean the shore;\n- protect fish;\n  and their spawning grounds.\n\n"
        "– Да, конечно."
    )
    assert kinds_and_texts(text) == [
        ("p", "Priorities:"),
        ("item", "clean the shore;"),
        ("item", "protect fish; and their spawning grounds."),
        ("p", "– Да, конечно."),
    ]


def test_markdown_headings_lose_their_marks_only_in_markdown() -> None:
    text = "# Statement\n\nText here.\n\n## Questions ##\n\nMore."
    assert kinds_and_texts(text, markdown=True) == [
        ("head", "Statement"),
        ("p", "Text here."),
        ("head", "Questions"),
        ("p", "More."),
    ]
    assert kinds_and_texts(text)[0] == ("head", "# Statement")


def test_non_breaking_spaces_survive_and_invisible_characters_go() -> None:
    assert txt.squeeze("5\u00a0%\u200b of \u00adthe\u202fvote ") == "5\u00a0% of the\u202fvote"


def test_the_first_heading_is_the_title() -> None:
    source = Source(sha256="0" * 64)
    assert txt.read_text("Title\n\nText.", source=source).title == "Title"
    assert txt.read_text("Text first.\n\nTitle", source=source).title is None


def test_a_udhr_version_reads_as_the_corpus_paragraphs() -> None:
    text = read_path(UDHR / "en.txt")
    expected = [p for p in (UDHR / "en.txt").read_text("utf-8").split("\n\n") if p.strip()]
    assert [b.text for b in text.blocks] == [p.strip() for p in expected]
    assert text.title == "Universal Declaration of Human Rights"
    assert text.blocks[1] == RawBlock("Article 1", "head")
    assert text.lang is None


def test_markdown_files_are_read_with_their_headings() -> None:
    text = read_bytes(b"# Note\n\nSome text.\n", filename="note.md")
    assert [(b.kind, b.text) for b in text.blocks] == [("head", "Note"), ("p", "Some text.")]
    assert text.source.media_type == "text/markdown"


def test_a_place_and_date_line_gives_the_date_and_goes_to_the_front_matter() -> None:
    text = "\n\n".join(
        ["Erklärung der Sprecherin", "Tarvel, 14. März 2026", "Erklärung", "Am 12. März war es."]
    )
    result = read_bytes(text.encode(), filename="de.txt")
    assert (result.date, result.date_text) == ("2026-03-14", "14. März 2026")
    assert [b.kind for b in result.blocks] == ["head", "head", "p"]
    assert result.front == (FrontItem("dateline", "Tarvel, 14. März 2026", "2026-03-14"),)


def test_a_title_written_as_a_sentence_above_a_label_is_the_title() -> None:
    # a speech page: its title is one sentence, the labels of its record follow
    title = (
        "Hearing of the Minister for Rivers on the spring floods, before the Committee on "
        "Water of the Senate, on 30 October 2026."
    )
    text = (
        f"{title}\n\nSpeaker(s):\n\nFull text\n\n"
        "Thank you for having me. The river rose by two metres in three days.\n\n"
        "We have opened our reserves and sent pumps and boats to the valley.\n"
    )
    read = read_bytes(text.encode(), filename="en.txt")
    assert read.title == title
    assert (read.blocks[0].kind, read.blocks[0].text) == ("head", title)
    # without a label under it, a first sentence is the text's, not a title
    plain = read_bytes(text.replace("Speaker(s):\n\n", "").encode(), filename="en.txt")
    assert plain.title != title


def test_a_file_of_a_word_to_a_line_reads_as_sentences() -> None:
    # every word of the declaration (eight times over) a "paragraph" of its own: not thousands
    # of headings but paragraphs that end with a sentence, every word kept in order; two
    # blank lines part
    text = (Path(__file__).parents[2] / "data" / "udhr" / "en.txt").read_text(encoding="utf-8")
    words = text.split() * 8
    spaced = "\n\n".join(words[:600]) + "\n\n\n" + "\n\n".join(words[600:])
    blocks = txt.parse(spaced)
    assert " ".join(b.text for b in blocks).split() == words
    ends = [b.text for b in blocks if not b.text.endswith((".", "!", "?", ";", ":"))]
    assert words[599] in {b.text.split()[-1] for b in blocks}
    assert len(ends) <= 3  # the paragraph two blank lines cut, and perhaps the last
    # the same words a line each with no blank line read the same (but for the two blank
    # lines' cut); a few hundred such lines, a list, stay a line each
    lined = txt.parse("\n".join(words))
    assert [b.text for b in lined] == [b.text for b in txt.parse("\n\n".join(words))]
    assert len(lined) < len(words) / 10
    assert len(txt.parse("\n".join(words[:300]))) == 300


def test_the_passes_over_a_long_text_find_the_answers_of_the_pass_before() -> None:
    # more paragraphs than a page has (and than the line classifiers once kept): the front
    # matter's passes ask about every line one after another, and the second finds the
    # first's answers
    front._body_text.cache_clear()
    lines = [f"Paragraph {k} says what the harbour master said on day {k}." for k in range(6000)]
    read_bytes("\n\n".join(lines).encode(), filename="en.txt")
    asked = front._body_text.cache_info()
    assert asked.misses <= len(lines) + 10
    assert asked.hits >= len(lines)
