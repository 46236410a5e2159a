"""Dev pages for the reader benchmark: our texts in the layouts ministries and the UN use.

Every page is built here from texts written for this project (the saved-page fixtures in
tests/data/readers and the paragraphs of benchmarks/data/sentences), wrapped in one of five
layouts we wrote: a ministry page with a Q&A, a UN-style press release, a div-only news
portal, a portal of Liferay portlets, and bare HTML. Each page comes with its gold: the
paragraphs of its main text, its title and its date. The same texts are also written out
as text dumps (what a browser's "save as text" gives) in two shapes.
"""

from __future__ import annotations

import html
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PAGES = ROOT / "tests" / "data" / "readers"
SENTENCES = ROOT / "benchmarks" / "data" / "sentences"
LANGS = ("de", "en", "es", "fr", "ru")
DATE = "2026-03-14"

# the furniture each language's site prints, in our own words
_FURNITURE = {
    "de": ("Startseite", "Presse", "Drucken", "Teilen", "Zusätzliche Materialien",
           "Ministerium für Auswärtige Angelegenheiten", "Telefon: +00 100 200 30 40",
           "Meistgelesen", "Diese Website verwendet Cookies. Mehr erfahren", "14. März 2026"),
    "en": ("Home", "Press", "Print", "Share", "Additional materials",
           "Ministry of Foreign Affairs", "Phone: +00 100 200 30 40",
           "Most read", "This website uses cookies. Learn more", "14 March 2026"),
    "es": ("Inicio", "Prensa", "Imprimir", "Compartir", "Materiales adicionales",
           "Ministerio de Asuntos Exteriores", "Teléfono: +00 100 200 30 40",
           "Lo más leído", "Este sitio web utiliza cookies. Más información",
           "14 de marzo de 2026"),
    "fr": ("Accueil", "Presse", "Imprimer", "Partager", "Documents complémentaires",
           "Ministère des Affaires étrangères", "Téléphone : +00 100 200 30 40",
           "Les plus lus", "Ce site utilise des cookies. En savoir plus", "14 mars 2026"),
    "ru": ("Главная", "Пресса", "Версия для печати", "Поделиться", "Дополнительные материалы",
           "Министерство иностранных дел", "Тел.: +00 100 200 30 40",
           "Самое читаемое", "Этот сайт использует файлы cookie. Подробнее", "14 марта 2026"),
}  # fmt: skip
_SWITCHER = ("Deutsch", "English", "Español", "Русский", "Français")
_UN_SWITCHER = ("العربية", "中文", "English", "Français", "Русский", "Español")


@dataclass(frozen=True)
class DevPage:
    name: str
    lang: str
    html: str
    paragraphs: tuple[str, ...]  # the main text, title excluded
    title: str
    date: str | None  # ISO, when the page prints one


def _saved_page(lang: str) -> tuple[str, list[str]]:
    """Return the title and main paragraphs of our saved page in ``lang``."""
    from aligner.readers import read_path

    text = read_path(PAGES / f"saved-page.{lang}.txt")
    return text.title or "", [b.text for b in text.blocks[1:]]


def _statement(lang: str, start: int) -> list[str]:
    """Return six paragraphs of the sentence dev set, from paragraph ``start`` on."""
    text = (SENTENCES / f"{lang}.txt").read_text(encoding="utf-8")
    paragraphs = [" ".join(p.split("\n")) for p in text.split("\n\n") if p.strip()]
    return paragraphs[start : start + 6]


def _p(text: str) -> str:
    return f"<p>{html.escape(text)}</p>"


def _links(items: tuple[str, ...] | list[str]) -> str:
    return "<ul>" + "".join(f'<li><a href="#">{html.escape(i)}</a></li>' for i in items) + "</ul>"


def _ministry(lang: str, title: str, body: list[str]) -> str:
    home, press, print_, share, more, ministry, phone, _, cookies, date = _FURNITURE[lang]
    head = f"<title>{html.escape(title)} | {ministry}</title>"
    return f"""<!doctype html><html lang="{lang}"><head>{head}</head>
<body><div class="cookie-banner">{cookies}</div>
<header><div class="logo">{ministry}</div><nav>{_links([home, press])}</nav>
<div class="lang-switcher">{_links(_SWITCHER)}</div></header>
<div class="breadcrumbs"><a href="#">{home}</a> / <a href="#">{press}</a></div>
<article><h1>{html.escape(title)}</h1><div class="date">{date}</div>
<div class="tools"><a href="#">{print_}</a> <a href="#">{share}</a></div>
{"".join(_p(t) for t in body)}
<h3>{more}</h3>{_links(["Video", "Photo 1", "Photo 2"])}</article>
<footer><p>{ministry}</p><p>{phone}</p><p>press@mfa.example</p></footer></body></html>"""


def _un(lang: str, title: str, body: list[str]) -> str:
    *_, date = _FURNITURE[lang]
    return f"""<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8">
<title>{html.escape(title)}</title></head><body>
<div id="top-bar">{_links(_UN_SWITCHER)}</div>
<div id="site-name">United Nations</div>
<div role="navigation">{_links(["Meetings Coverage", "Press Briefings", "Statements"])}</div>
<div role="main"><h1>{html.escape(title)}</h1><p class="symbol">SG/SM/12345</p>
<p>{date}</p>{"".join(_p(t) for t in body)}</div>
<div class="footer">{_links(["Copyright", "Privacy Notice", "Site Index", "Contact Us"])}</div>
</body></html>"""


def _portal(lang: str, title: str, body: list[str]) -> str:
    home, press, print_, share, _, ministry, _, most, cookies, date = _FURNITURE[lang]
    side = _links([f"{most} {i}: {t[:40]}" for i, t in enumerate(body[:3], 1)])
    return f"""<html><head><title>{html.escape(title)}</title></head><body>
<div class="top"><div class="menu">{_links([home, press, ministry])}</div></div>
<div class="page"><div class="left-col"><div class="block"><div class="h">{most}</div>{side}
</div></div><div class="center"><div class="title"><b>{html.escape(title)}</b></div>
<div class="info">{date} | {print_} | {share}</div>
<div class="text">{"".join(f"<div>{html.escape(t)}</div>" for t in body)}</div>
</div></div><div class="bottom">© {ministry}</div>
<div id="cookies">{cookies}</div></body></html>"""


def _portlets(lang: str, title: str, body: list[str]) -> str:
    home, press, _, _, more, ministry, phone, _, _, date = _FURNITURE[lang]
    tag = f"{lang}-{lang.upper()}"
    return f"""<!doctype html><html lang="{tag}"><head><title>{ministry}</title></head>
<body><div id="wrapper"><div class="portlet-navigation">{_links([home, press])}</div>
<section class="portlet"><div class="portlet-title">Web Content Display</div>
<div class="portlet-body"><div class="journal-content-article">
<h1>{html.escape(title)}</h1><p>{date}</p>{"".join(_p(t) for t in body)}</div></div></section>
<section class="portlet"><div class="portlet-title">{more}</div>
<div class="portlet-body">{_links(["Photo", "Video"])}</div></section>
<section class="portlet"><div class="portlet-title">General Information</div>
<div class="portlet-body"><p>{ministry}</p><p>{phone}</p></div></section></div></body></html>"""


def _bare(lang: str, title: str, body: list[str]) -> str:
    return f"<html><body><h1>{html.escape(title)}</h1>{''.join(_p(t) for t in body)}</body></html>"


_LAYOUTS = {
    "ministry": _ministry,
    "un": _un,
    "portal": _portal,
    "portlets": _portlets,
    "bare": _bare,
}


_BLOCKS = frozenset({"p", "div", "li", "h1", "h2", "h3", "title", "section", "header", "footer",
                     "article", "nav"})  # fmt: skip


def as_saved_text(page: str) -> str:
    """Return the page the way a browser's "save as text" gives it: a line per block,
    list items with a bullet, blank lines between paragraphs, the title line first."""
    from lxml import html as lxml_html

    root = lxml_html.fromstring(page)
    lines: list[str] = []
    for element in root.iter():
        if not isinstance(element.tag, str) or element.tag not in _BLOCKS:
            continue
        own = " ".join(
            t.strip() for t in [element.text or ""] + [c.tail or "" for c in element] if t.strip()
        )
        inline = [c for c in element if c.tag in ("a", "b", "span")]
        text = " ".join([own, *(c.text_content().strip() for c in inline)]).strip()
        if text and element.tag != "title":
            lines.append(("• " if element.tag == "li" else "") + " ".join(text.split()))
    return "\n\n".join(lines) + "\n"


def dev_pages() -> Iterator[DevPage]:
    """Yield every layout in every language, with a Q&A text and a statement without one."""
    for lang in LANGS:
        title, qa = _saved_page(lang)
        statement = _statement(lang, 0)
        for layout, build in _LAYOUTS.items():
            for kind, body in (("qa", qa), ("statement", statement)):
                date = None if layout == "bare" else DATE
                yield DevPage(f"{layout}-{kind}.{lang}", lang, build(lang, title, body),
                              tuple(body), title, date)  # fmt: skip
