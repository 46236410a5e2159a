"""Dates written in text, in the languages whose month names babel knows."""

from __future__ import annotations

import pytest

from aligner.readers._dates import find_date, stated_date, without_switcher


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        ("Moscow, 5 March 2024", "2024-03-05"),
        ("March 5th, 2024", "2024-03-05"),
        ("5 марта 2024 года", "2024-03-05"),
        ("12 февраля 2023", "2023-02-12"),
        ("le 1er mars 2024", "2024-03-01"),
        ("5 de marzo de 2024", "2024-03-05"),
        ("3 Okt. 2019", "2019-10-03"),
        ("31.12.1999", "1999-12-31"),
        ("Press release · Plenary session · 14-03-2026 - 13:05", "2026-03-14"),  # hyphens
        ("call 30-40-2026 now", None),
        ("02/04/2026", "2026-04-02"),  # with slashes, day first ...
        ("04/20/2026", "2026-04-20"),  # ... month first only where the day cannot be
        ("2/4/26 and 1/2/3", None),  # no two-digit year in running text
        ("2024-02-30 is no date, 2024-02-29 is", "2024-02-29"),
        ("Article 25", None),
    ],
)
def test_find_date_reads_dates_written_in_several_languages(text: str, iso: str | None) -> None:
    assert find_date(text) == iso


def test_a_date_field_with_a_two_digit_year_and_the_month_first_is_the_stated_date() -> None:
    fields = [
        "SPEECH",
        "Speaker:",
        "Maria Lindqvist, Chair",
        "Date:",
        "03/14/26",
        "Event:",
        "Spring session",
        "Rivers know no borders; what happens upstream is felt.",
    ]
    assert stated_date(fields, ("en",)) == ("2026-03-14", "03/14/26")  # 14 is no month


def test_the_date_that_signs_a_message_is_its_date_though_a_survey_box_follows() -> None:
    from aligner.model import Source
    from aligner.readers.txt import read_text

    page = (
        "Lake Basin Authority\n\nMessage on the spring floods\n\n"
        "The floods of this spring have shown once again how exposed the valley is.\n\n"
        "The dikes held in the upper valley, but the lower villages were cut off.\n\n"
        "Thousands of people had to leave their homes within a few hours, and many\n\n"
        "Message by\n\nMaria Lindqvist\n\nChair of the Lake Basin Authority\n\n14. März 2026\n\n"
        "Help us do better.\n\nWe are renewing this site. Would you spare two minutes for our "
        "survey?\n"
    )
    text = read_text(page, source=Source(sha256="0" * 64))
    assert (text.date, text.date_text) == ("2026-03-14", "14. März 2026")
    # the text ends where it is signed: the survey box is kept outside it, not dropped
    assert [(f.kind, f.text) for f in text.front][-2:] == [
        ("unpaired", "Help us do better."),
        ("unpaired", "We are renewing this site. Would you spare two minutes for our survey?"),
    ]
    assert text.blocks[-1].text == "14. März 2026"
    # a date alone after a paragraph, signed by no one, is no signature: a chronology's entry
    said = "".join(f"It rained for {n} days and the river rose again.\n\n" for n in range(5))
    chronology = f"{said}14 March 2026\n\n{said}"
    assert read_text(chronology, source=Source(sha256="0" * 64)).date is None


def test_a_speaker_and_a_date_under_a_teaser_are_no_signature_that_ends_the_text() -> None:
    from aligner.model import Source
    from aligner.readers.txt import read_text

    body = "".join(
        f"The river rose again on day {n} and the valley was flooded.\n\n" for n in range(5)
    )
    page = (
        "Speeches\n\nMessage on the spring floods\n\n"
        "In her speech, the Chair said that the valley could only be protected together.\n\n"
        f"Maria Lindqvist, Chair of the Lake Basin Authority\n\nTarvel, 14.03.2026\n\n{body}"
    )
    text = read_text(page, source=Source(sha256="0" * 64))
    assert text.date == "2026-03-14"
    assert sum(b.text.startswith("The river rose again") for b in text.blocks) == 5
    assert not any(f.kind == "unpaired" for f in text.front)


@pytest.mark.parametrize(
    ("stamp", "iso", "wording"),
    [
        ("02.04.26 20:21", "2026-04-02", "02.04.26"),
        ("31.12.99", "1999-12-31", "31.12.99"),
        ("Published 14.03.26", "2026-03-14", "14.03.26"),
    ],
)
def test_a_time_stamp_with_a_two_digit_year_is_a_date_line(
    stamp: str, iso: str, wording: str
) -> None:
    from aligner.model import Source
    from aligner.readers.txt import read_text

    page = (
        f"Statements and briefings\n\n{stamp}\n\nMessage on the spring floods\n\n"
        "The floods of this spring have shown once again how exposed the valley is.\n\n"
        "The dikes held in the upper valley, but the lower villages were cut off.\n"
    )
    text = read_text(page, source=Source(sha256="0" * 64))
    assert (text.date, text.date_text) == (iso, wording)
    # in prose a number with two dots is no date
    prose = "Under section 2.4.26 of the rules the dikes are checked twice a year, it says."
    assert read_text(prose, source=Source(sha256="0" * 64)).date is None


def test_an_archived_sites_banner_does_not_date_the_page_it_stands_over() -> None:
    from aligner.model import Source
    from aligner.readers.html import read as read_html
    from aligner.readers.txt import read_text

    body = (
        "<h1>Message on the spring floods</h1><p>News 101/2026</p><p>02/04/2026</p>"
        "<p>The floods of this spring have shown once again how exposed the valley is.</p>"
        "<p>The dikes held in the upper valley, but the lower villages were cut off.</p>"
    )
    page = (
        "<html lang='en'><body><div class='banner'><p>This site has been archived on 20 April "
        f"2027</p><p>20/04/2027</p></div><div class='news'>{body}</div></body></html>"
    )
    html = read_html(page.encode(), source=Source(sha256="0" * 64), path="en.html")
    assert html.date == "2026-04-02"
    saved = (
        "This site has been archived on 20 April 2027\n\n20/04/2027\n\n"
        "Message on the spring floods\n\nNews 101/2026\n\n02/04/2026\n\n"
        "The floods of this spring have shown once again how exposed the valley is.\n\n"
        "The dikes held in the upper valley, but the lower villages were cut off.\n"
    )
    text = read_text(saved, source=Source(sha256="0" * 64))
    assert text.date == "2026-04-02"
    assert "This site has been archived on 20 April 2027" in text.dropped


@pytest.mark.parametrize(
    ("line", "lang", "iso"),
    [
        ("15 de septiembre de 2026 Disponible también en: Deutsch English Español Français "
         "Русский", "es", "2026-09-15"),
        ("21 сентября 2026 г. Эта страница на: English Français Español", "ru", "2026-09-21"),
    ],
)  # fmt: skip
def test_a_date_glued_to_a_language_switcher_is_stated(line: str, lang: str, iso: str) -> None:
    lines = ["Speeches and statements", line, "Madam President,", "The talks went well."]
    found = stated_date(lines, (lang,))
    assert found is not None
    assert found[0] == iso
    assert without_switcher(line) == found[1] or found[1] in line


def test_a_switcher_is_cut_only_where_it_ends_the_line() -> None:
    assert without_switcher("In 2026 English and French were used") == (
        "In 2026 English and French were used"
    )
    assert without_switcher("9 June 2026 Deutsch English") == "9 June 2026"


def test_the_date_under_a_signature_of_many_names_signs_the_text() -> None:
    from aligner.readers._dates import signature

    # as many short lines as the message has signers; a contact line is no signer's
    signed = ["The talks went well and will go on.", "Joint message by", "Maria Lindqvist",
              "Anna Berg", "Jon Sale", "Eva Holm", "Chairs", "14 March 2026"]  # fmt: skip
    assert signature(signed, ("en",)) == (1, 7)
    contacts = [*signed[:2], "Tel.: +00 100 200 30 40", *signed[2:]]
    assert signature(contacts, ("en",)) is None
