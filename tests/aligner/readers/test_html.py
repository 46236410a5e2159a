"""The HTML reader keeps every paragraph of the main text, in order, and nothing else."""

from __future__ import annotations

from pathlib import Path

import pytest

from aligner.errors import EmptyInputError, FormatError
from aligner.model import RawBlock, Source, SourceText
from aligner.readers import html, read_bytes, read_path

DATA = Path(__file__).parents[2] / "data" / "readers"

RU_BLOCKS = [
    ("head", "Заявление о соглашении по охране прибрежных вод"),
    ("p", "Министерство иностранных дел приветствует подписание соглашения об охране "
     "прибрежных вод, которое стало итогом двухлетних переговоров."),
    ("p", "Документ предусматривает совместный мониторинг загрязнения, обмен данными между "
     "научными институтами и ежегодные консультации экспертов."),
    ("head", "Ответы на вопросы журналистов"),
    ("p", "Вопрос: Когда соглашение вступит в силу?"),
    ("p", "Ответ: Оно вступит в силу после ратификации всеми сторонами. Мы рассчитываем, "
     "что это произойдёт до конца года."),
    ("p", "Стороны договорились о трёх приоритетах:"),
    ("item", "очистка береговой линии;"),
    ("item", "защита нерестилищ;"),
    ("item", "просвещение жителей прибрежных районов."),
    ("p", "Первый этап работ начнётся весной."),
    ("p", "Второй этап запланирован на осень."),
]  # fmt: skip

EN_BLOCKS = [
    ("head", "Statement on the coastal waters agreement"),
    ("p", "The Ministry of Foreign Affairs welcomes the signing of the agreement on the "
     "protection of coastal waters, which concludes two years of negotiations."),
    ("p", "The document provides for joint monitoring of pollution, the exchange of data "
     "between research institutes and annual expert consultations."),
    ("head", "Answers to questions from journalists"),
    ("p", "Question: When will the agreement enter into force?"),
    ("p", "Answer: It will enter into force once all parties have ratified it. We expect "
     "this to happen before the end of the year."),
    ("p", "The parties agreed on three priorities:"),
    ("item", "cleaning the shoreline;"),
    ("item", "protecting spawning grounds;"),
    ("item", "informing the people who live on the coast."),
    ("p", "The first stage of work will begin in the spring."),
    ("p", "The second stage is planned for the autumn."),
]  # fmt: skip

FURNITURE = {
    "ru": ["Поделиться", "Версия для печати", "Главная", "English", "Deutsch", "cookie",
           "Дополнительные материалы", "Текст соглашения", "Фотографии", "Последние новости",
           "Тел.", "press@", "Пресс-служба", "Адрес", "Отправить по почте", "©", "Министр"],
    "en": ["Skip to", "Русский", "Deutsch", "Search", "Home", "Press releases", "Published",
           "Share", "Facebook", "Print", "Related news", "ambassadors", "Contact us",
           "Address", "E-mail"],
}  # fmt: skip


def pairs(text: SourceText) -> list[tuple[str, str]]:
    return [(b.kind, b.text) for b in text.blocks]


def page(body: str, head: str = "", *, lang: str = "en") -> bytes:
    return (
        f'<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8">{head}</head>'
        f"<body>{body}</body></html>"
    ).encode()


def read(body: str, head: str = "", *, lang: str = "en") -> SourceText:
    return read_bytes(page(body, head, lang=lang), filename="page.html")


@pytest.mark.parametrize(("lang", "expected"), [("ru", RU_BLOCKS), ("en", EN_BLOCKS)])
def test_it_keeps_every_paragraph_of_the_statement_in_order(
    lang: str, expected: list[tuple[str, str]]
) -> None:
    text = read_path(DATA / f"ministry.{lang}.html")
    assert pairs(text) == expected


@pytest.mark.parametrize("lang", ["ru", "en"])
def test_it_leaves_out_navigation_share_links_related_materials_and_addresses(
    lang: str,
) -> None:
    text = read_path(DATA / f"ministry.{lang}.html")
    everything = "\n".join(b.text for b in text.blocks)
    leaked = [phrase for phrase in FURNITURE[lang] if phrase in everything]
    assert leaked == []


@pytest.mark.parametrize(
    ("lang", "title"),
    [
        ("ru", "Заявление о соглашении по охране прибрежных вод"),
        ("en", "Statement on the coastal waters agreement"),
    ],
)
def test_it_reads_title_date_and_language_of_the_page(lang: str, title: str) -> None:
    text = read_path(DATA / f"ministry.{lang}.html")
    assert (text.title, text.date, text.lang) == (title, "2024-03-05", lang)
    assert text.source.media_type == "text/html"
    assert text.source.filename == f"ministry.{lang}.html"


def test_it_decodes_a_page_declared_as_windows_1251() -> None:
    data = (
        '<html><head><meta http-equiv="Content-Type" content="text/html; charset=windows-1251">'
        "</head><body><p>Министр ответил на вопросы.</p></body></html>"
    ).encode("cp1251")
    text = read_bytes(data, filename="ru.html")
    assert pairs(text) == [("p", "Министр ответил на вопросы.")]


def test_valid_utf8_wins_over_a_stale_charset_declaration() -> None:
    data = (
        '<html><head><meta charset="windows-1251"></head>'
        "<body><p>Министр ответил на вопросы.</p></body></html>"
    ).encode()
    assert read_bytes(data, filename="ru.html").blocks[0].text == "Министр ответил на вопросы."


def test_an_xhtml_file_with_an_xml_declaration_is_read() -> None:
    data = (
        '<?xml version="1.0" encoding="iso-8859-1"?>\n'
        '<html xmlns="http://www.w3.org/1999/xhtml" xml:lang="fr"><head><title>Note</title>'
        "</head><body><h1>Communiqué</h1><p>Le ministre a été reçu à Genève.</p></body></html>"
    ).encode("latin-1")
    text = read_bytes(data, filename="note.xhtml")
    assert pairs(text) == [("head", "Communiqué"), ("p", "Le ministre a été reçu à Genève.")]
    assert (text.lang, text.title, text.source.media_type) == (
        "fr",
        "Communiqué",
        "application/xhtml+xml",
    )


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("<div>One sentence.<br><br>Another one</div>",
         [("p", "One sentence."), ("p", "Another one")]),
        ("<p>Ministry of Examples<br>1 Example Street<br>is where it happened.</p>",
         [("p", "Ministry of Examples 1 Example Street is where it happened.")]),
        ("<p>It was said.<br>It was done.</p>", [("p", "It was said."), ("p", "It was done.")]),
        ("<div>Loose text in a div.<p>A paragraph.</p>Tail text.</div>",
         [("p", "Loose text in a div."), ("p", "A paragraph."), ("p", "Tail text.")]),
        ("<p><strong>Situation in the region</strong></p><p>Text.</p>",
         [("head", "Situation in the region"), ("p", "Text.")]),
        ("<p><b>Question:</b></p><p>Why?</p>", [("p", "Question:"), ("p", "Why?")]),
        ("<p>Soft\u00adhyphen and  spaced\n  words.</p>", [("p", "Softhyphen and spaced words.")]),
        ("<table><tr><td>Left cell.</td><td>Right cell.</td></tr></table>",
         [("p", "Left cell."), ("p", "Right cell.")]),
        ("<ol><li>First point.</li><li>Second point.</li></ol>",
         [("item", "First point."), ("item", "Second point.")]),
    ],
)  # fmt: skip
def test_it_cuts_blocks_where_the_page_does(body: str, expected: list[tuple[str, str]]) -> None:
    assert pairs(read(body)) == expected


def test_a_paragraph_made_of_a_link_is_dropped_but_a_link_inside_text_is_kept() -> None:
    text = read(
        '<p>The <a href="/a">agreement</a> was signed in the capital today.</p>'
        '<p><a href="/b">Statement of the Minister on another subject</a></p>'
    )
    assert pairs(text) == [("p", "The agreement was signed in the capital today.")]


def test_hidden_elements_and_hreflang_links_are_dropped() -> None:
    text = read(
        '<p style="display: none">Hidden text.</p><p aria-hidden="true">Also hidden.</p>'
        '<span class="sr-only">Opens in a new window</span>'
        '<p><a href="/de/" hreflang="de">Deutsch</a></p><p>Visible text.</p>'
    )
    assert pairs(text) == [("p", "Visible text.")]


@pytest.mark.parametrize(
    ("lang", "body"),
    [
        ("de", "<p>Die Ministerin hat das Abkommen begrüßt.</p><p>Druckversion</p>"
               "<h3>Weitere Informationen</h3><p>Broschüre zum Abkommen</p>"),
        ("fr", "<p>La ministre a salué l’accord.</p><p>Imprimer | Partager</p>"
               "<p>Partager sur Facebook</p><h3>Voir aussi</h3><p>Autre communiqué</p>"),
        ("es", "<p>La ministra ha celebrado el acuerdo.</p><p>Versión para imprimir</p>"
               "<h3>Noticias relacionadas</h3><ul><li>Otra noticia</li></ul>"),
    ],
)  # fmt: skip
def test_boilerplate_phrases_are_dropped_in_other_languages(lang: str, body: str) -> None:
    text = read(body, lang=lang)
    assert len(text.blocks) == 1
    assert text.blocks[0].text.startswith(("Die Ministerin", "La ministre", "La ministra"))


def test_a_related_section_heading_in_the_flat_text_ends_at_the_next_heading() -> None:
    text = read(
        "<article><p>Main text of the statement.</p><h2>See also</h2>"
        "<p>Another statement</p><p>A third one</p><h2>Background</h2>"
        "<p>Some background.</p></article>"
    )
    assert pairs(text) == [
        ("p", "Main text of the statement."),
        ("head", "Background"),
        ("p", "Some background."),
    ]


def test_the_densest_prose_wins_over_a_sidebar_without_declared_main() -> None:
    sentence = "The delegation discussed the protection of fisheries in detail. "
    text = read(
        '<div class="col-left"><p>Short teaser.</p><p>Another teaser.</p></div>'
        f'<div class="col-right"><p>{sentence * 3}</p><p>{sentence * 2}</p></div>'
    )
    assert [b.text for b in text.blocks] == [(sentence * 3).strip(), (sentence * 2).strip()]


def test_a_wrapper_named_like_furniture_keeps_its_prose() -> None:
    sentence = "The agreement covers the whole coastline of both countries. "
    text = read(f'<div class="layout-sidebar-left"><p>{sentence * 4}</p></div>')
    assert [b.text for b in text.blocks] == [(sentence * 4).strip()]


@pytest.mark.parametrize(
    ("head", "body", "title"),
    [
        ('<meta property="og:title" content="From og"><title>From title</title>',
         "<h1>From h1</h1><p>Text.</p>", "From og"),
        ("<title>From title | Ministry</title>", "<h1>From h1</h1><p>Text.</p>", "From h1"),
        ("<title>From title | Ministry</title>", "<p>Text.</p>", "From title"),
    ],
)  # fmt: skip
def test_the_title_comes_from_og_title_then_h1_then_title(head: str, body: str, title: str) -> None:
    assert read(body, head).title == title


@pytest.mark.parametrize(
    ("head", "body", "date"),
    [
        ('<meta name="DC.date" content="2023-11-02">', "<p>Text.</p>", "2023-11-02"),
        ("", '<p><time datetime="2022-01-31T10:00">31 Jan</time></p><p>Text.</p>', "2022-01-31"),
        ("", "<p>5. März 2024</p><p>Die Ministerin sprach.</p>", "2024-03-05"),
        ("", "<p>Опубликовано: 1 апреля 2021 г., 10:15</p><p>Текст.</p>", "2021-04-01"),
        ("", "<p>Texte.</p><p>Paris, le 14 juillet 2020</p>", "2020-07-14"),
        ("", "<p>No date at all here.</p>", None),
    ],
)  # fmt: skip
def test_the_date_comes_from_meta_time_or_the_page_text(
    head: str, body: str, date: str | None
) -> None:
    text = read(body, head)
    assert text.date == date
    assert all("Опубликовано" not in b.text and "März" not in b.text for b in text.blocks)


def test_lang_is_none_when_the_page_does_not_say() -> None:
    data = b"<html><body><p>Text.</p></body></html>"
    assert read_bytes(data, filename="x.html").lang is None


@pytest.mark.parametrize(
    "data",
    [
        b"<html><body></body></html>",
        b"<html><head><title>Only a title</title></head><body>  </body></html>",
        b"<!-- nothing but a comment -->",
        b'<html><body><nav><a href="/">Home</a></nav><footer>(c) 2024</footer></body></html>',
    ],
)
def test_a_page_without_text_is_an_empty_input(data: bytes) -> None:
    with pytest.raises(EmptyInputError, match=r"^page\.html: no text"):
        read_bytes(data, filename="page.html")


def test_a_file_without_markup_is_not_html() -> None:
    with pytest.raises(FormatError, match=r"^page\.html: not HTML"):
        read_bytes(b"Just some words, no tags.", filename="page.html")


def test_the_reader_can_be_called_with_bytes_and_a_source() -> None:
    source = Source(sha256="0" * 64, filename="p.html", media_type="text/html")
    text = html.read(page("<p>Text.</p>"), source=source, path="p.html")
    assert text.blocks == (RawBlock("Text.", "p"),)
    assert text.source is source


def test_a_print_wrapper_inside_main_keeps_the_text_but_share_links_go() -> None:
    text = read(
        '<main><div class="print-content"><p>The statement itself, long enough to count.</p>'
        '<div class="share"><p>Facebook Twitter</p></div></div></main>'
    )
    assert pairs(text) == [("p", "The statement itself, long enough to count.")]


def test_preformatted_text_keeps_its_own_line_breaks() -> None:
    text = read("<pre>Heading\n\nLine one.\nLine two\ncontinues.</pre>")
    assert pairs(text) == [
        ("p", "Heading"),
        ("p", "Line one."),
        ("p", "Line two continues."),
    ]


def test_the_article_time_wins_over_times_in_the_sidebar_and_post_meta() -> None:
    text = read(
        '<aside><time datetime="2024-01-01">1 Jan</time></aside>'
        '<article><div class="post-meta"><time datetime="2024-03-05">5 March</time></div>'
        "<p>The text of the statement.</p></article>"
    )
    assert text.date == "2024-03-05"
    assert pairs(text) == [("p", "The text of the statement.")]


def test_the_site_name_is_the_publisher() -> None:
    head = '<meta property="og:site_name" content="Ministry of Examples">'
    assert read("<p>Text.</p>", head).source.publisher == "Ministry of Examples"
    assert read("<p>Text.</p>").source.publisher is None


def test_dropped_lines_are_kept_for_the_record() -> None:
    page = (
        "<html><body><article><h1>Talks</h1><p>Print | Share</p>"
        "<p>The ministers met in Tarvel and agreed on a new river monitoring network.</p>"
        "<h2>Additional materials</h2><p>Photos of the talks</p></article></body></html>"
    )
    text = read_bytes(page.encode(), filename="en.html")
    assert [b.text for b in text.blocks] == [
        "Talks",
        "The ministers met in Tarvel and agreed on a new river monitoring network.",
    ]
    assert text.dropped == ("Print | Share", "Additional materials", "Photos of the talks")


def test_a_dateline_above_the_main_text_among_controls_gives_the_date() -> None:
    paragraph = "The ministers met in Tarvel and agreed on a new river monitoring network. " * 3
    page = (
        '<html><body><div class="menu"><a href="#">Home</a></div>'
        '<div class="info">14 March 2026 | <a href="#">Print</a> | <a href="#">Share</a></div>'
        f'<div class="text"><div>{paragraph}</div><div>{paragraph}</div></div></body></html>'
    )
    text = read_bytes(page.encode(), filename="en.html")
    assert text.date == "2026-03-14"
    assert [b.text for b in text.blocks] == [paragraph.strip()] * 2


_TALKS = "The ministers met in Tarvel and agreed on a new river monitoring network."


def test_a_date_line_with_page_controls_is_not_kept_as_text_and_gives_the_date() -> None:
    page = (
        "<html><body><article><b>Talks in Tarvel</b>"
        "<div class='info'>14 March 2026 | Print | Share</div>"
        f"<div class='text'><div>{_TALKS}</div><div>{_TALKS}</div></div></article></body></html>"
    )
    text = read_bytes(page.encode(), filename="en.html")
    assert "14 March 2026 | Print | Share" not in [b.text for b in text.blocks]
    assert "14 March 2026 | Print | Share" in text.dropped
    assert (text.date, text.date_text) == ("2026-03-14", "14 March 2026")


def test_furniture_removed_from_the_main_text_and_prose_outside_it_are_recorded() -> None:
    teaser = "In another meeting, the ministers discussed the fisheries quota for next year."
    page = (
        "<html><body><nav><ul><li><a href='/'>Home</a></li><li><a href='/p'>Press</a></li>"
        f"</ul></nav><article><h1>Talks</h1><div class='share'>Share on Facebook</div>"
        f"<p>{_TALKS}</p></article><aside><p>{teaser}</p></aside></body></html>"
    )
    text = read_bytes(page.encode(), filename="en.html")
    assert [b.text for b in text.blocks] == ["Talks", _TALKS]
    assert "Share on Facebook" in text.dropped
    assert teaser in text.dropped
    assert "Home" not in text.dropped  # the site's menu outside the text is not the version's


def test_the_date_the_page_states_wins_over_its_meta_tags_which_are_recorded() -> None:
    page = (
        "<html><head><meta property='article:published_time' content='2013-12-23'></head>"
        f"<body><article><h1>Talks</h1><p>Tarvel, 14 March 2026</p><p>{_TALKS}</p></article>"
        "</body></html>"
    )
    text = read_bytes(page.encode(), filename="en.html")
    assert (text.date, text.date_text) == ("2026-03-14", "14 March 2026")
    assert text.source.metadata == (("HTML meta: published", "2013-12-23"),)
    undated = page.replace("<p>Tarvel, 14 March 2026</p>", "")
    assert read_bytes(undated.encode(), filename="en.html").date == "2013-12-23"
