"""Boilerplate phrases: controls, section headings, contact lines, in several languages."""

from __future__ import annotations

import pytest

from languages import boilerplate
from languages.profiles import profile


@pytest.mark.parametrize(
    "line",
    [
        "Share", "Print", "Версия для печати", "Поделиться", "Druckversion", "Imprimer",
        "Versión para imprimir", "Partager sur LinkedIn", "Print | Share | Send by e-mail",
        "Печать  Поделиться", "Наверх", "Lire la suite", "Skip to main content",
        "We use cookies to improve your experience on our website. Accept?",
        "Top", "Вверх", "Download file", "Смотреть это видео на YouTube",
        "Other languages available: none", "Autres langues disponibles : aucune",
        "This site has been archived on 20 April 2027", "Diese Website wurde am 20. April 2027 "
        "archiviert",
    ],
)  # fmt: skip
def test_page_controls_are_boilerplate(line: str) -> None:
    assert boilerplate.is_boilerplate(line)


@pytest.mark.parametrize(
    "line",
    [
        "The Minister will print the report.",
        "Share of renewable energy rose to 40%.",
        "Печать министерства была поставлена на документе.",
        "Print " * 30,
        "",
    ],
)
def test_prose_that_starts_like_a_control_is_not_boilerplate(line: str) -> None:
    assert not boilerplate.is_boilerplate(line)


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Дополнительные материалы", True),
        ("Additional materials:", True),
        ("Related news", True),
        ("Voir aussi", True),
        ("Ähnliche Artikel", True),
        ("Véase también", True),
        ("СМ. ТАКЖЕ", True),
        ("Other materials", True),
        ("Palabras clave", True),
        ("Background to the agreement", False),
        ("Ответы на вопросы", False),
    ],
)
def test_section_headings_that_open_related_links(line: str, expected: bool) -> None:
    assert boilerplate.opens_section(line) is expected


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Tel.: +7 (000) 123-45-67", True),
        ("Тел.: +7 (000) 123-45-67", True),
        ("Adresse : 37, quai d’Orsay", True),
        ("E-mail: press@example.org", True),
        ("+41 22 000 00 00", True),
        ("press@example.org", True),
        ("Northern Rivers Commission Phone: +00 100 200 30 40", True),
        ("Комиссия северных рек Тел.: +00 100 200 30 40", True),
        ("Anna Berg, NRC, +00 100 200 30 41, [email\u00a0protected]", True),
        ("Jon Sale, NRC, +00 100 200 30 43, [email protected]", True),
        ("He said so. Call Phone: +00 100 200 30 40", False),
        ("Address by the Minister to the nation.", False),
        ("The telephone call lasted an hour.", False),
    ],
)
def test_contact_lines(line: str, expected: bool) -> None:
    assert boilerplate.is_contact(line) is expected


def test_every_language_has_every_kind_of_phrase() -> None:
    kinds = ("page_controls", "section_headings", "contact_labels", "cookie_notices",
             "site_notices", "date_labels")  # fmt: skip
    for code in ("de", "en", "es", "fr", "ru"):
        rules = profile(code)
        for kind in kinds:
            phrases = getattr(rules, kind)
            assert phrases, (code, kind)
            assert all(p == p.lower().strip() for p in phrases)


@pytest.mark.parametrize(
    "line",
    [
        "Share this page: Facebook Twitter Email", "Поделиться: ВКонтакте Telegram",
        "Partager cette page : Facebook Courriel", "Compartir: Facebook Twitter Correo",
        "For information media. Not an official record.",
        "This press release is a document produced by the Registry. It binds no one.",
        "Ce communiqué est un document du Greffe ; il n'engage pas la Cour.",
        "Please enter the code to prove you are human (captcha).",
        "Bitte füllen Sie alle Felder aus, um automatischen Spam zu verhindern.",
        "Защита от спама: решите пример.", "12 + 5 ?", "3 x 4 = ?",
    ],
)  # fmt: skip
def test_share_labels_release_notices_and_spam_questions_are_boilerplate(line: str) -> None:
    assert boilerplate.is_boilerplate(line)


@pytest.mark.parametrize(
    "line",
    [
        "The Registry keeps a record of every document it receives.",
        "Share: the Minister said the talks went well.",
        "Note: the river rose by two metres.",
        "Spam and fraud cost the economy billions every year, the Minister said, and the "
        "Commission will propose rules to curb them before the summer. " * 3,
        "Article 12 + 5 of the Convention?",
    ],
)
def test_prose_about_records_shares_or_spam_is_not_boilerplate(line: str) -> None:
    assert not boilerplate.is_boilerplate(line)


@pytest.mark.parametrize(
    "line",
    ["Editorial sections: Speeches", "Secciones editoriales: Discursos", "Rubriques : Discours"],
)
def test_a_pages_sections_with_their_label_are_a_link_row(line: str) -> None:
    assert boilerplate.is_link_row(line)
