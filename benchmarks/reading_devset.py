"""Dev documents for reading: one text, each language from a different site's layout.

A document is a body of parallel paragraphs (a window of the UDHR from the shared corpus,
with its exact n-way gold, or a text of our own below) with front matter of our own per
language (title, place-and-date line, byline, document symbol, the publisher's intro, an
editorial note), each language laid out by a different site layout. The twelve layouts
imitate the shapes of official pages (UN press releases and information centres, OSCE and
Council of Europe newsrooms, ministries, embassies, EU and government portals; learned from
real pages, written here in our own words). Eight layouts and two thirds of the documents
are for development; four layouts and the other third stay unseen until the end
(:data:`UNSEEN_LAYOUTS`, :func:`documents` with ``unseen=True``). Two more sets of four
layouts were written later, each before tuning on the set before it
(:data:`NEW_UNSEEN_LAYOUTS`, then :data:`NEWEST_UNSEEN_LAYOUTS`, then
:data:`FRESH_UNSEEN_LAYOUTS`, then :data:`FIFTH_UNSEEN_LAYOUTS`, then
:data:`SIXTH_UNSEEN_LAYOUTS`, then :data:`SEVENTH_UNSEEN_LAYOUTS`, then
:data:`EIGHTH_UNSEEN_LAYOUTS`, then :data:`NINTH_UNSEEN_LAYOUTS`, then
:data:`TENTH_UNSEEN_LAYOUTS`, each kept unseen until the end; the tenth is read as Word files
too, :func:`as_docx`).

Every page comes as HTML, as a browser's "save as text" gives it, and as copied from the
browser (a line per block, no blank lines, no bullets); one version of each document is
cut off in the middle of a paragraph, as a clipped page is.
"""

from __future__ import annotations

import datetime
import html
import random
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from babel.dates import format_date

from aligner.evaluate import read_nway_gold

LANGS = ("de", "en", "es", "fr", "ru")

# --- front matter, in our own words ------------------------------------------------------

INTRO = {
    "de": "Nachstehend der Wortlaut der Botschaft der Vorsitzenden der Kommission für die "
    "Nördlichen Flüsse, Maria Lindqvist:",
    "en": "Following is the text of the message of the Chair of the Northern Rivers "
    "Commission, Maria Lindqvist:",
    "es": "A continuación figura el texto del mensaje de la Presidenta de la Comisión de los "
    "Ríos del Norte, Maria Lindqvist:",
    "fr": "On trouvera ci-après le texte du message de la Présidente de la Commission des "
    "rivières du Nord, Maria Lindqvist :",
    "ru": "Ниже приводится текст послания Председателя Комиссии северных рек Марии Линдквист:",
}
BYLINE = {
    "de": "Von Maria Lindqvist, Vorsitzende der Kommission für die Nördlichen Flüsse",
    "en": "By Maria Lindqvist, Chair of the Northern Rivers Commission",
    "es": "Por Maria Lindqvist, Presidenta de la Comisión de los Ríos del Norte",
    "fr": "Par Maria Lindqvist, Présidente de la Commission des rivières du Nord",
    "ru": "Мария Линдквист, Председатель Комиссии северных рек",
}
NOTE = {
    "de": "(Nichtamtliche Übersetzung)",
    "en": "(Unofficial translation)",
    "es": "(Traducción no oficial)",
    "fr": "(Traduction non officielle)",
    "ru": "(Неофициальный перевод)",
}
CITY = {"de": "Tarvel", "en": "Tarvel", "es": "Tarvel", "fr": "Tarvel", "ru": "Тарвел"}

TITLES = [
    {
        "de": "Botschaft zum Tag der Flüsse",
        "en": "Message on Rivers Day",
        "es": "Mensaje con ocasión del Día de los Ríos",
        "fr": "Message à l'occasion de la Journée des rivières",
        "ru": "Послание по случаю Дня рек",
    },
    {
        "de": "Erklärung zum Jahrestag der Erklärung der Menschenrechte",
        "en": "Statement on the anniversary of the Declaration of Human Rights",
        "es": "Declaración en el aniversario de la Declaración de Derechos Humanos",
        "fr": "Déclaration à l'occasion de l'anniversaire de la Déclaration des droits",
        "ru": "Заявление по случаю годовщины Декларации прав человека",
    },
    {
        "de": "Botschaft an die Konferenz über Wasser und Recht",
        "en": "Message to the Conference on Water and Law",
        "es": "Mensaje a la Conferencia sobre Agua y Derecho",
        "fr": "Message à la Conférence sur l'eau et le droit",
        "ru": "Послание участникам конференции «Вода и право»",
    },
    {
        "de": "Rede vor dem Ständigen Rat der Kommission",
        "en": "Address to the Permanent Council of the Commission",
        "es": "Discurso ante el Consejo Permanente de la Comisión",
        "fr": "Allocution devant le Conseil permanent de la Commission",
        "ru": "Выступление на заседании Постоянного совета Комиссии",
    },
    {
        "de": "Erklärung zum Schutz der Fischbestände im Grenzgebiet",
        "en": "Statement on the protection of fish stocks in the border region",
        "es": "Declaración sobre la protección de las poblaciones de peces en la región fronteriza",
        "fr": "Déclaration sur la protection des stocks de poissons dans la région frontalière",
        "ru": "Заявление об охране рыбных запасов в приграничном районе",
    },
    {
        "de": "Botschaft zur Eröffnung der Messstation am Oberlauf",
        "en": "Message on the opening of the upstream monitoring station",
        "es": "Mensaje con motivo de la inauguración de la estación de medición aguas arriba",
        "fr": "Message à l'occasion de l'ouverture de la station de mesure en amont",
        "ru": "Послание по случаю открытия станции наблюдения в верховьях реки",
    },
]
DATES = ["2026-03-14", "2026-04-02", "2026-05-21", "2026-06-09", "2026-09-15", "2026-10-27"]

# --- site furniture per language, in our own words -----------------------------------------

SITE = {
    "de": dict(home="Startseite", press="Presse", news="Aktuelles", print="Drucken",
               share="Teilen", more="Weitere Informationen", back="Zurück",
               org="Kommission für die Nördlichen Flüsse", phone="Telefon: +00 100 200 30 40",
               cookies="Diese Website verwendet Cookies, um Ihnen die bestmögliche Nutzung zu "
               "ermöglichen. Wenn Sie weitersurfen, stimmen Sie der Verwendung zu.",
               smaller="Schrift verkleinern", larger="Schrift vergrößern",
               skip="Zum Inhalt springen",
               kind="Pressemitteilung", related="Verwandte Themen", contact="Kontakt"),
    "en": dict(home="Home", press="Press", news="News", print="Print", share="Share",
               more="More information", back="Back", org="Northern Rivers Commission",
               phone="Phone: +00 100 200 30 40",
               cookies="This website uses cookies to give you the best experience. By "
               "continuing to browse you agree to their use.",
               smaller="Decrease text size", larger="Increase text size", skip="Skip to content",
               kind="Press release", related="Related articles", contact="Contact"),
    "es": dict(home="Inicio", press="Prensa", news="Noticias", print="Imprimir", share="Compartir",
               more="Más información", back="Volver", org="Comisión de los Ríos del Norte",
               phone="Teléfono: +00 100 200 30 40",
               cookies="Este sitio web utiliza cookies propias y de terceros para mejorar su "
               "experiencia. Si continúa navegando, acepta su uso.",
               smaller="Reducir el tamaño del texto", larger="Aumentar el tamaño del texto",
               skip="Ir al contenido", kind="Comunicado de prensa",
               related="Noticias relacionadas", contact="Contacto"),
    "fr": dict(home="Accueil", press="Presse", news="Actualités", print="Imprimer",
               share="Partager", more="En savoir plus", back="Retour",
               org="Commission des rivières du Nord", phone="Téléphone : +00 100 200 30 40",
               cookies="Ce site utilise des cookies pour vous offrir la meilleure expérience. "
               "En poursuivant votre navigation, vous acceptez leur utilisation.",
               smaller="Diminuer la taille du texte", larger="Augmenter la taille du texte",
               skip="Aller au contenu", kind="Communiqué de presse",
               related="Articles liés", contact="Contact"),
    "ru": dict(home="Главная", press="Пресса", news="Новости", print="Версия для печати",
               share="Поделиться", more="Подробнее", back="Назад",
               org="Комиссия северных рек", phone="Тел.: +00 100 200 30 40",
               cookies="Этот сайт использует файлы cookie для удобства пользователей. "
               "Продолжая работу с сайтом, вы соглашаетесь на их использование.",
               smaller="Уменьшить шрифт", larger="Увеличить шрифт",
               skip="Перейти к основному содержанию", kind="Пресс-релиз",
               related="Материалы по теме", contact="Контакты"),
}  # fmt: skip
SWITCHER = ("Deutsch", "English", "Español", "Français", "Русский")

# --- our own bodies, beside the UDHR windows ---------------------------------------------

OWN_BODY = {
    "de": [
        "Flüsse kennen keine Grenzen. Was am Oberlauf geschieht, spüren die Menschen am "
        "Unterlauf schon wenige Tage später.",
        "In diesem Jahr haben neun Staaten zum ersten Mal gemeinsame Messungen veröffentlicht. "
        "Die Daten zeigen, dass die Belastung mit Nitraten um ein Fünftel gesunken ist.",
        "Dieser Erfolg ist nicht selbstverständlich. Er beruht auf der Arbeit von Fischern, "
        "Landwirten und Gemeinden, die ihre Gewohnheiten geändert haben.",
        "Doch die Dürre des letzten Sommers hat gezeigt, wie verletzlich unsere Flüsse bleiben. "
        "Wir müssen die Wasserentnahme besser abstimmen.",
        "Ich rufe alle Mitgliedstaaten auf, den neuen Aktionsplan bis Ende des Jahres zu "
        "billigen und die zugesagten Mittel bereitzustellen.",
    ],
    "en": [
        "Rivers know no borders. What happens upstream is felt by the people downstream only "
        "a few days later.",
        "This year, nine states published joint measurements for the first time. The data "
        "show that nitrate pollution has fallen by a fifth.",
        "This success cannot be taken for granted. It rests on the work of fishers, farmers "
        "and municipalities who have changed their habits.",
        "Yet last summer's drought showed how vulnerable our rivers remain. We must coordinate "
        "water withdrawals better.",
        "I call on all member states to approve the new action plan by the end of the year "
        "and to provide the funds they have pledged.",
    ],
    "es": [
        "Los ríos no conocen fronteras. Lo que ocurre aguas arriba lo sienten pocos días "
        "después las personas que viven aguas abajo.",
        "Este año, nueve Estados publicaron por primera vez mediciones conjuntas. Los datos "
        "muestran que la contaminación por nitratos se ha reducido en una quinta parte.",
        "Este éxito no es algo evidente. Se basa en el trabajo de pescadores, agricultores y "
        "municipios que han cambiado sus costumbres.",
        "Sin embargo, la sequía del verano pasado demostró lo vulnerables que siguen siendo "
        "nuestros ríos. Debemos coordinar mejor las extracciones de agua.",
        "Hago un llamamiento a todos los Estados miembros para que aprueben el nuevo plan de "
        "acción antes de fin de año y aporten los fondos prometidos.",
    ],
    "fr": [
        "Les rivières ne connaissent pas de frontières. Ce qui se passe en amont, les "
        "habitants de l'aval le ressentent quelques jours plus tard.",
        "Cette année, neuf États ont publié pour la première fois des mesures communes. Les "
        "données montrent que la pollution par les nitrates a baissé d'un cinquième.",
        "Ce succès ne va pas de soi. Il repose sur le travail des pêcheurs, des agriculteurs "
        "et des communes qui ont changé leurs habitudes.",
        "Pourtant, la sécheresse de l'été dernier a montré combien nos rivières restent "
        "vulnérables. Nous devons mieux coordonner les prélèvements d'eau.",
        "J'appelle tous les États membres à approuver le nouveau plan d'action d'ici la fin "
        "de l'année et à verser les fonds promis.",
    ],
    "ru": [
        "Реки не знают границ. То, что происходит в верховьях, люди в низовьях ощущают уже "
        "через несколько дней.",
        "В этом году девять государств впервые опубликовали совместные измерения. Данные "
        "показывают, что загрязнение нитратами снизилось на пятую часть.",
        "Этот успех не является само собой разумеющимся. Он основан на труде рыбаков, "
        "фермеров и муниципалитетов, которые изменили свои привычки.",
        "Однако засуха прошлого лета показала, насколько уязвимы остаются наши реки. Мы должны "
        "лучше согласовывать забор воды.",
        "Я призываю все государства-члены одобрить новый план действий до конца года и "
        "выделить обещанные средства.",
    ],
}


@dataclass(frozen=True)
class Unit:
    """A piece of a version's gold: what it is, its text, and the atom it shares with its
    counterparts in the other versions."""

    kind: str  # title, date, byline, symbol, intro, note, head, p
    text: str
    atom: int


@dataclass(frozen=True)
class Page:
    """One language version of a document, laid out by one site."""

    lang: str
    layout: str
    html: str
    units: tuple[Unit, ...]  # the gold, in order (title first)
    title: str
    date: str | None
    partial: bool = False  # cut off in the middle of its last paragraph


@dataclass(frozen=True)
class DevDocument:
    """One text, each language version laid out by another site."""

    name: str
    pages: dict[str, Page] = field(default_factory=dict)


# --- layouts -------------------------------------------------------------------------------


def _e(text: str) -> str:
    return html.escape(text, quote=False)


def _links(items: list[str] | tuple[str, ...], cls: str = "") -> str:
    attr = f' class="{cls}"' if cls else ""
    return f"<ul{attr}>" + "".join(f'<li><a href="#">{_e(i)}</a></li>' for i in items) + "</ul>"


@dataclass(frozen=True)
class Front:
    """The front matter one version shows, and its body as (kind, text) in order."""

    lang: str
    title: str
    place_date: str
    body: list[tuple[str, str]]
    symbol: str
    iso: str
    partial: bool = False  # cut off in the middle of its last paragraph


def _body(front: Front, glue_date: bool = False) -> str:
    out = []
    for k, (kind, text) in enumerate(front.body):
        if kind == "head":
            out.append(f"<h2>{_e(text)}</h2>")
        elif glue_date and k == next(i for i, (kd, _) in enumerate(front.body) if kd == "p"):
            out.append(f"<p>{_e(front.place_date.upper())} – {_e(text)}</p>")
        else:
            out.append(f"<p>{_e(text)}</p>")
    return "".join(out)


def un_press(f: Front) -> str:
    s = SITE[f.lang]
    return f"""<!doctype html><html lang="{f.lang}"><head><title>{_e(f.title)} | {s["org"]}
</title></head><body><div id="top">{_links(SWITCHER)}</div><div class="site-name">{s["org"]}</div>
<div role="navigation">{_links([s["news"], s["press"], s["home"]])}</div>
<div role="main"><p class="symbol">{f.symbol}</p><h1>{_e(f.title)}</h1>
<p>{_e(INTRO[f.lang])}</p>{_body(f)}</div>
<div class="footer"><p>{s["org"]} • {s["press"]} • {CITY[f.lang]}</p></div></body></html>"""


def info_centre(f: Front) -> str:
    s = SITE[f.lang]
    return f"""<html lang="{f.lang}"><head><title>{_e(f.title)}</title></head><body>
<div class="header"><div class="brand">{s["org"]}</div>{_links([s["home"], s["news"]], "menu")}
</div>
<div class="content"><h3>{s["news"]}</h3><h1>{_e(f.title)}</h1><p><em>{_e(f.place_date)}</em></p>
{_body(f)}<p><b>{_e(BYLINE[f.lang])}</b></p></div>
<div class="sidebar"><h4>{s["related"]}</h4>{_links([TITLES[3][f.lang], TITLES[4][f.lang]])}</div>
</body></html>"""


def newsroom(f: Front) -> str:
    s = SITE[f.lang]
    return f"""<!DOCTYPE html><html lang="{f.lang}"><head><meta charset="utf-8">
<title>{_e(f.title)}</title></head><body><header>{_links([s["home"], s["press"]])}</header>
<main><h1>{_e(f.title)}</h1><div class="meta"><span>{s["kind"]}</span></div>
{_body(f, glue_date=True)}<div class="share-links">{s["share"]} {s["print"]}</div></main>
<footer>{s["org"]} {s["phone"]}</footer></body></html>"""


def ministry_back(f: Front) -> str:
    s = SITE[f.lang]
    numeric = ".".join(reversed(f.iso.split("-")))
    return f"""<html lang="{f.lang}"><body><div class="top-menu">{
        _links([s["home"], s["press"], s["news"]])
    }</div><div id="content"><a href="#" class="back">{s["back"]}</a>
<div class="page-title"><h1>{_e(f.title)}</h1></div><div class="date">{numeric} - {s["kind"]}</div>
<div class="text">{_body(f)}</div><div class="print"><a href="#">{s["print"]}</a></div></div>
<div class="footer">© {s["org"]}</div></body></html>"""


def council(f: Front) -> str:
    s = SITE[f.lang]
    return f"""<html lang="{f.lang}"><head><title>{_e(f.title)}</title></head><body>
<div class="portlet-body"><div class="asset-full-content"><p>{s["back"]} {_e(f.title)}</p>
<h2>{_e(f.title)}</h2>{_body(f)}
<p>{_e(BYLINE[f.lang])} {_e(f.place_date)}</p>
<ul class="tools"><li>{s["smaller"]}</li><li>{s["larger"]}</li><li>{s["print"]}</li></ul>
</div></div></body></html>"""


def embassy(f: Front) -> str:
    s = SITE[f.lang]
    return f"""<html lang="{f.lang}"><body><div class="topline"><span>{CITY[f.lang]}: 10:26</span>
<span>{s["phone"]}</span></div><div class="wrap"><div class="col-left">
{_links([s["home"], s["press"], s["contact"]])}</div><div class="col-main">
<div class="rubric">{s["press"]}</div><div class="news-date">{_e(f.place_date)}</div>
<h1>{_e(f.title)}</h1>{_body(f)}</div></div></body></html>"""


def eu_portal(f: Front) -> str:
    s = SITE[f.lang]
    return f"""<html lang="{f.lang}"><body><div class="cookie-consent"><p>{_e(s["cookies"])}</p>
</div><nav class="breadcrumb"><a href="#">{s["home"]}</a> &gt; <a href="#">{s["press"]}</a></nav>
<article><p class="type">{s["kind"]}</p><h1>{_e(f.title)}</h1><p>{_e(f.place_date)}</p>
{_body(f)}<p>{f.symbol}</p></article><aside><h3>{s["contact"]}</h3><p>{s["phone"]}</p></aside>
</body></html>"""


def speech_archive(f: Front) -> str:
    s = SITE[f.lang]
    return f"""<html lang="{f.lang}"><body><a class="skip" href="#c">{s["skip"]}</a>
<div id="c"><h1>{_e(f.title)}</h1><p>{_e(BYLINE[f.lang])}</p><p>{_e(f.place_date)}</p>
<div class="full-text">{_body(f)}</div></div>
<div class="tags">{s["related"]}: {s["press"]}</div></body></html>"""


def delivered(f: Front) -> str:
    s = SITE[f.lang]
    return f"""<html lang="{f.lang}"><body><div class="site">{s["org"]}</div>
<div class="menu">{_links([s["home"], s["news"], s["press"]])}</div>
<div class="entry"><h1>{_e(f.title)}</h1><p>{_e(f.title)}</p>
<p><i>{_e(BYLINE[f.lang])}<br>{_e(f.place_date)}</i></p>{_body(f)}</div></body></html>"""


def ticker_portal(f: Front) -> str:
    s = SITE[f.lang]
    return f"""<html lang="{f.lang}"><body><div class="rates">USD 92.13 -0.37 EUR 98.71 -0.2</div>
<ol class="crumbs"><li>{s["home"]}</li><li>{s["news"]}</li><li>{_e(f.title)}</li></ol>
<div class="article"><div class="dt">{_e(f.place_date)}</div><h1>{_e(f.title)}</h1>
<p>{_e(NOTE[f.lang])}</p>{_body(f)}</div>
<div class="bottom">{_links([TITLES[0][f.lang], TITLES[2][f.lang], TITLES[5][f.lang]])}</div>
</body></html>"""


def cookie_wall(f: Front) -> str:
    s = SITE[f.lang]
    return f"""<html lang="{f.lang}"><body><div id="cc"><p>{_e(s["cookies"])}</p>
<a href="#">OK</a></div><div class="head">{s["org"]}</div><div class="container">
<h1>{_e(f.title)}</h1><p>{_e(INTRO[f.lang])}</p>{_body(f)}
<p>{f.symbol}</p></div><div class="foot">{s["phone"]}</div></body></html>"""


def pressroom(f: Front) -> str:
    s = SITE[f.lang]
    return f"""<html lang="{f.lang}"><body><div class="lang">{" | ".join(SWITCHER)}</div>
<div class="main"><h1>{_e(f.title)}</h1><p>{_e(f.place_date)}</p><p>{_e(NOTE[f.lang])}</p>
{_body(f)}<h3>{s["related"]}</h3>{_links([TITLES[1][f.lang], TITLES[3][f.lang]])}</div>
</body></html>"""


# --- layouts written last, kept unseen until the final run (shapes of a UN information
# centre's page, a ministry's press release, an organisation's news page and a page whose
# header and footer a browser copy brings along; written in our own words)

WIDGET = {
    "de": "Laufende Sitzungen am Sitz",
    "en": "In progress at headquarters",
    "es": "En curso en la sede",
    "fr": "En cours au siège",
    "ru": "Сейчас в штаб-квартире",
}
DIVISION = {
    "de": "Abteilung Information • Nachrichten • Tarvel",
    "en": "Department of Information • News Division • Tarvel",
    "es": "Departamento de Información • Noticias • Tarvel",
    "fr": "Département de l'information • Actualités • Tarvel",
    "ru": "Департамент информации • Новости • Тарвел",
}
READ_MORE = {
    "de": "Weiterlesen",
    "en": "Read more",
    "es": "Leer más",
    "fr": "Lire la suite",
    "ru": "Читать далее",
}
RELEASE = {
    "de": "Pressemitteilung Nr. 412",
    "en": "Press release No. 412",
    "es": "Comunicado de prensa n.º 412",
    "fr": "Communiqué de presse n° 412",
    "ru": "Пресс-релиз № 412",
}
OTHER_NEWS = {
    "de": "Weitere Meldungen",
    "en": "Other news",
    "es": "Otras noticias",
    "fr": "Autres actualités",
    "ru": "Другие новости",
}
COMMENTS = {
    "de": "0 Kommentare",
    "en": "0 comments",
    "es": "0 comentarios",
    "fr": "0 commentaire",
    "ru": "0 комментариев",
}
POST_COMMENT = {
    "de": "Kommentar schreiben",
    "en": "Post a comment",
    "es": "Escribir un comentario",
    "fr": "Écrire un commentaire",
    "ru": "Оставить комментарий",
}
ADVERT = {
    "de": "Anzeige",
    "en": "Advertisement",
    "es": "Publicidad",
    "fr": "Publicité",
    "ru": "Реклама",
}
TAGS = {
    "de": "Schlagwörter: Flüsse, Wasser",
    "en": "Tags: rivers, water",
    "es": "Etiquetas: ríos, agua",
    "fr": "Mots-clés : rivières, eau",
    "ru": "Теги: реки, вода",
}
USEFUL = {
    "de": "War diese Seite hilfreich? Ja Nein",
    "en": "Was this page useful? Yes No",
    "es": "¿Le resultó útil esta página? Sí No",
    "fr": "Cette page vous a-t-elle été utile ? Oui Non",
    "ru": "Была ли эта страница полезной? Да Нет",
}
PUBLISHED = {"de": "Veröffentlicht:", "en": "Published:", "es": "Publicado:", "fr": "Publié le",
             "ru": "Опубликовано:"}  # fmt: skip


def unic_page(f: Front) -> str:
    s = SITE[f.lang]
    related = "".join(
        f"<li><a href='#'>{_e(TITLES[k][f.lang])}</a><p>{_e(OWN_BODY[f.lang][k][:60])}</p>"
        f"<a href='#'>{READ_MORE[f.lang]}</a></li>"
        for k in (2, 4)
    )
    return f"""<html lang="{f.lang}"><body><div class="brand">UNIC Tarvel</div>
<div class="langs">{_links(SWITCHER)}</div><div class="widget"><p>{WIDGET[f.lang]}</p></div>
<div class="rubric">{s["press"]}</div><div class="node"><p>{f.symbol}</p><h1>{_e(f.title)}</h1>
<p>{_e(INTRO[f.lang])}</p>{_body(f)}</div><p>| |||</p><p>{_e(DIVISION[f.lang])}</p>
<div class="more"><ul>{related}</ul></div></body></html>"""


def ministry_release(f: Front) -> str:
    s = SITE[f.lang]
    numeric = ".".join(reversed(f.iso.split("-")))
    return f"""<html lang="{f.lang}"><body><header><div class="logo">{s["org"]}</div>
<nav>{_links([s["home"], s["press"], s["contact"]])}</nav></header><main>
<div class="kind">{RELEASE[f.lang]}</div><div class="date">{numeric} 15:40</div>
<h1>{_e(f.title)}</h1>{_body(f)}<div class="tools">{s["print"]} | {s["share"]}</div>
<h3>{OTHER_NEWS[f.lang]}</h3><ul><li><a href="#">{numeric} {_e(TITLES[1][f.lang])}</a></li>
<li><a href="#">{numeric} {_e(TITLES[3][f.lang])}</a></li></ul></main>
<footer><p>{s["phone"]}</p></footer></body></html>"""


def org_news(f: Front) -> str:
    s = SITE[f.lang]
    return f"""<html lang="{f.lang}"><body><div class="logo">Logo</div>
<div class="ad">{ADVERT[f.lang]}</div><div class="post"><h1>{_e(f.title)}</h1>
<p class="by">{_e(BYLINE[f.lang])}</p><p>{_e(NOTE[f.lang])}</p>{_body(f)}
<div class="ad">{ADVERT[f.lang]}</div><p>{COMMENTS[f.lang]}</p>
<p><a href="#">{POST_COMMENT[f.lang]}</a></p></div>
<div class="footer">© 2026 {s["org"]}</div></body></html>"""


def browser_copy(f: Front) -> str:
    s = SITE[f.lang]
    return f"""<html lang="{f.lang}"><body><a href="#m">{s["skip"]}</a>
<div class="top">{s["org"]}</div><div class="menu">{
        _links([s["home"], s["news"], s["press"], s["contact"]])
    }</div><main id="m"><p>{s["home"]} / {s["news"]}</p><h1>{_e(f.title)}</h1>
<p>{PUBLISHED[f.lang]} {_e(format_date(_date(f.iso), "long", locale=f.lang))}</p>
<p>Facebook Twitter E-mail</p>{_body(f)}<p>{_e(TAGS[f.lang])}</p>
<p>{_e(USEFUL[f.lang])}</p></main><div class="foot"><p>{s["org"]}</p><p>{s["phone"]}</p>
</div></body></html>"""


# --- a third unseen set, written before any tuning on the second and run only at the end
# (shapes of an OSCE-style newsroom item with a label block and a dateline, a ministry's
# speech sheet with "Speaker:/Date:/Event:" fields, an embassy page with a one-line menu and
# an ISO date stamp, a UN country team's page signed at the foot with a survey box; learned
# from real pages, written here in our own words)

META = {
    "de": ("Veröffentlicht am", "Inhaltstyp", "Pressemitteilung", "Wo wir tätig sind",
           "Was wir tun", "Wasserwirtschaft"),
    "en": ("Publishing date", "Content type", "Press release", "Where we work", "What we do",
           "Water management"),
    "es": ("Fecha de publicación", "Tipo de contenido", "Comunicado de prensa", "Dónde trabajamos",
           "Qué hacemos", "Gestión del agua"),
    "fr": ("Date de publication", "Type de contenu", "Communiqué de presse", "Où nous travaillons",
           "Ce que nous faisons", "Gestion de l'eau"),
    "ru": ("Дата публикации", "Тип материала", "Пресс-релиз", "Где мы работаем", "Что мы делаем",
           "Управление водными ресурсами"),
}  # fmt: skip
SEE_ALSO = {"de": "Siehe auch:", "en": "See also:", "es": "Véase también:", "fr": "Voir aussi :",
            "ru": "См. также:"}  # fmt: skip
SHEET = {
    "de": ("REDE", "Redner:", "Datum:", "Anlass:", "Ort:", "Jahrestagung der Anrainerstaaten",
           "Nach oben"),
    "en": ("SPEECH", "Speaker:", "Date:", "Event:", "Location:",
           "Annual meeting of the riparian states", "Back to top"),
    "es": ("DISCURSO", "Orador:", "Fecha:", "Evento:", "Lugar:",
           "Reunión anual de los Estados ribereños", "Volver arriba"),
    "fr": ("DISCOURS", "Orateur :", "Date :", "Événement :", "Lieu :",
           "Réunion annuelle des États riverains", "Haut de page"),
    "ru": ("ВЫСТУПЛЕНИЕ", "Выступающий:", "Дата:", "Мероприятие:", "Место:",
           "Ежегодное совещание прибрежных государств", "Наверх"),
}  # fmt: skip
SPEAKER = {
    "de": "Maria Lindqvist, Vorsitzende der Kommission für die Nördlichen Flüsse",
    "en": "Maria Lindqvist, Chair of the Northern Rivers Commission",
    "es": "Maria Lindqvist, Presidenta de la Comisión de los Ríos del Norte",
    "fr": "Maria Lindqvist, Présidente de la Commission des rivières du Nord",
    "ru": "Мария Линдквист, Председатель Комиссии северных рек",
}
EMBASSY_MENU = {
    "de": ("Botschafterin", "Botschaft", "Konsularische Dienste", "Wirtschaft",
           "Kontaktieren Sie uns"),
    "en": ("Ambassador", "Embassy", "Consular services", "Economy", "Contact us"),
    "es": ("Embajadora", "Embajada", "Servicios consulares", "Economía", "Contáctenos"),
    "fr": ("Ambassadrice", "Ambassade", "Services consulaires", "Économie", "Nous contacter"),
    "ru": ("Посол", "Посольство", "Консульская служба", "Экономика", "Связаться с нами"),
}  # fmt: skip
SPOKES = {
    "de": "Erklärungen der Sprecherin", "en": "Statements by the spokesperson",
    "es": "Declaraciones de la portavoz", "fr": "Propos de la porte-parole",
    "ru": "Заявления официального представителя",
}  # fmt: skip
CLOSE = {
    "de": ("Seite drucken", "Fenster schließen"), "en": ("Print this page", "Close window"),
    "es": ("Imprimir esta página", "Cerrar ventana"),
    "fr": ("Imprimer la page", "Fermer la fenêtre"),
    "ru": ("Распечатать страницу", "Закрыть окно"),
}  # fmt: skip
SIGNED = {"de": "Botschaft von", "en": "Message by", "es": "Mensaje de", "fr": "Message de",
          "ru": "Послание"}  # fmt: skip
ROLE = {
    "de": "Vorsitzende der Kommission für die Nördlichen Flüsse",
    "en": "Chair of the Northern Rivers Commission",
    "es": "Presidenta de la Comisión de los Ríos del Norte",
    "fr": "Présidente de la Commission des rivières du Nord",
    "ru": "Председатель Комиссии северных рек",
}
SURVEY = {
    "de": ("Helfen Sie uns, besser zu werden.", "Wir erneuern gerade den Auftritt unserer Seite, "
           "damit er klarer, schneller und zugänglicher wird. Nehmen Sie sich zwei Minuten für "
           "unsere Umfrage?"),
    "en": ("Help us do better.", "We are renewing this site so that it becomes clearer, faster "
           "and easier to use. Would you spare two minutes for our survey?"),
    "es": ("Ayúdenos a mejorar.", "Estamos renovando este sitio para que sea más claro, más "
           "rápido y más fácil de usar. ¿Nos dedicaría dos minutos para responder a la encuesta?"),
    "fr": ("Aidez-nous à progresser.", "Nous rénovons ce site pour qu'il soit plus clair, plus "
           "rapide et plus simple à utiliser. Nous accorderiez-vous deux minutes pour notre "
           "enquête ?"),
    "ru": ("Помогите нам стать лучше.", "Мы обновляем сайт, чтобы он стал понятнее, быстрее и "
           "удобнее. Не уделите ли вы две минуты нашему опросу?"),
}  # fmt: skip
GOALS = {
    "de": ("Ziele, die wir mit dieser Initiative unterstützen", "Beteiligte Stellen"),
    "en": ("Goals we support through this initiative", "Entities involved"),
    "es": ("Objetivos que apoyamos con esta iniciativa", "Entidades participantes"),
    "fr": ("Objectifs que nous soutenons par cette initiative", "Entités participantes"),
    "ru": ("Цели, которые мы поддерживаем этой инициативой", "Участвующие структуры"),
}  # fmt: skip


def newsroom_item(f: Front) -> str:
    s, m = SITE[f.lang], META[f.lang]
    long = format_date(_date(f.iso), "long", locale=f.lang)
    return f"""<html lang="{f.lang}"><body><div class="brand">{s["org"]}</div>
<div class="nav"><a href="#">{s["news"]}</a> <a href="#">{s["press"]}</a></div>
<div class="item"><h1>{_e(f.title)}</h1><div class="meta"><div>{m[0]}: {_e(long)}</div>
<div>{m[1]}: {m[2]}</div><div>{m[3]}: {CITY[f.lang]}</div><div>{m[4]}: {m[5]}</div></div>
{_body(f, glue_date=True)}</div><div class="see"><p>{SEE_ALSO[f.lang]}</p>
{_links([TITLES[0][f.lang], TITLES[4][f.lang]])}</div></body></html>"""


def speech_sheet(f: Front) -> str:
    s, h = SITE[f.lang], SHEET[f.lang]
    long = format_date(_date(f.iso), "long", locale=f.lang)
    return f"""<html lang="{f.lang}"><body><div class="menu">{
        _links([s["home"], s["press"], s["news"]])
    }</div><div class="node"><h3>{h[0]}</h3><div class="field"><div class="label">{h[1]}</div>
<div class="value">{_e(SPEAKER[f.lang])}</div></div><div class="field"><div class="label">{h[2]}
</div><div class="value">{_e(long)}</div></div><div class="field"><div class="label">{h[3]}</div>
<div class="value">{_e(h[5])}</div></div><div class="field"><div class="label">{h[4]}</div>
<div class="value">{CITY[f.lang]}</div></div><h1>{_e(f.title)}</h1>{_body(f)}
<p><a href="#">{h[6]}</a></p></div></body></html>"""


def embassy_feed(f: Front) -> str:
    s = SITE[f.lang]
    menu = "   ".join(f'<a href="#">{_e(m)}</a>' for m in EMBASSY_MENU[f.lang])
    return f"""<html lang="{f.lang}"><body><div class="topmenu">{menu}</div>
<div class="crumb"><a href="#">{s["home"]}</a> &gt; <a href="#">{SPOKES[f.lang]}</a></div>
<div class="art"><h1>{_e(f.title)}</h1><div class="stamp">{f.iso} 23:55</div>{_body(f)}</div>
<div class="tools"><a href="#">{CLOSE[f.lang][0]}</a> <a href="#">{CLOSE[f.lang][1]}</a></div>
</body></html>"""


def un_country(f: Front) -> str:
    s = SITE[f.lang]
    long = format_date(_date(f.iso), "long", locale=f.lang)
    return f"""<html lang="{f.lang}"><body><div class="brand">{s["org"]}</div>
<div class="langs">{" ".join(SWITCHER)}</div><div class="story"><h1>{_e(f.title)}</h1>{_body(f)}
<p>{SIGNED[f.lang]}</p><p>Maria Lindqvist</p><p>{_e(ROLE[f.lang])}</p><p>{_e(long)}</p></div>
<div class="more"><h3>{_e(GOALS[f.lang][0])}</h3><h3>{_e(GOALS[f.lang][1])}</h3></div>
<div class="survey"><h3>{_e(SURVEY[f.lang][0])}</h3><p>{_e(SURVEY[f.lang][1])}</p></div>
</body></html>"""


# --- a fourth unseen set, written before any tuning on the third and run only at the end
# (shapes of a site that reposts press releases under a category page, with the date in a
# sentence of its own; a government portal's news story with "From:/Published/Last updated",
# a contents box and notes to editors; a portal's release with skip links, "You are here:",
# a dateline in brackets glued to the first paragraph, an end mark, a media contact and a
# "Last modified" stamp; a ministry's speech page with a welcome line, a teaser in reported
# speech, "Check against delivery" and a photo caption inside the text. Learned from real
# pages, written here in our own words)

CATEGORY = {
    "de": "Kategorie: Pressemitteilungen", "en": "Category: Press releases",
    "es": "Categoría: Comunicados de prensa", "fr": "Catégorie : Communiqués de presse",
    "ru": "Рубрика: Пресс-релизы",
}  # fmt: skip
ISSUED = {
    "de": "Diese Pressemitteilung wurde am {long} von der Kommission für die Nördlichen Flüsse "
    "herausgegeben.",
    "en": "This press release was issued by the Northern Rivers Commission on {long}.",
    "es": "Este comunicado de prensa fue publicado por la Comisión de los Ríos del Norte el "
    "{long}.",
    "fr": "Ce communiqué de presse a été publié par la Commission des rivières du Nord le {long}.",
    "ru": "Этот пресс-релиз опубликован Комиссией северных рек {long}.",
}
POSTED = {
    "de": ("Veröffentlicht in Pressemitteilungen", "Vorheriger Beitrag", "Nächster Beitrag",
           "Neueste Beiträge"),
    "en": ("Posted in Press releases", "Previous post", "Next post", "Recent posts"),
    "es": ("Publicado en Comunicados de prensa", "Entrada anterior", "Entrada siguiente",
           "Entradas recientes"),
    "fr": ("Publié dans Communiqués de presse", "Article précédent", "Article suivant",
           "Articles récents"),
    "ru": ("Опубликовано в рубрике Пресс-релизы", "Предыдущая запись", "Следующая запись",
           "Свежие записи"),
}  # fmt: skip
RELEASE_TAG = {"de": "PRESSEMITTEILUNG", "en": "PRESS RELEASE", "es": "COMUNICADO",
               "fr": "COMMUNIQUÉ", "ru": "ПРЕСС-РЕЛИЗ"}  # fmt: skip
LEAD = {
    "de": "Die Vorsitzende ruft die Anrainerstaaten auf, beim Schutz der Flüsse gemeinsam zu "
    "handeln.",
    "en": "The Chair calls on the riparian states to act together to protect the rivers.",
    "es": "La Presidenta pide a los Estados ribereños que actúen juntos para proteger los ríos.",
    "fr": "La Présidente appelle les États riverains à agir ensemble pour protéger les rivières.",
    "ru": "Председатель призывает прибрежные государства совместно защищать реки.",
}
STORY = {
    "de": ("Nachricht", "Von:", "Veröffentlicht am {long}",
           "Zuletzt aktualisiert am {later} — Alle Änderungen anzeigen", "Inhalt",
           "Hinweise für Redaktionen", "Diese Seite teilen",
           "Ein Problem mit dieser Seite melden"),
    "en": ("News story", "From:", "Published {long}", "Last updated {later} — See all updates",
           "Contents", "Notes to editors", "Share this page", "Report a problem with this page"),
    "es": ("Noticia", "De:", "Publicado el {long}",
           "Última actualización: {later} — Ver todas las actualizaciones", "Índice",
           "Notas para los editores", "Compartir esta página",
           "Informar de un problema con esta página"),
    "fr": ("Article d'actualité", "De :", "Publié le {long}",
           "Dernière mise à jour le {later} — Voir toutes les mises à jour", "Sommaire",
           "Notes aux rédactions", "Partager cette page", "Signaler un problème sur cette page"),
    "ru": ("Новость", "Ведомство:", "Опубликовано {long}",
           "Последнее обновление {later} — Все изменения", "Содержание",
           "Примечания для редакций", "Поделиться страницей",
           "Сообщить о проблеме на этой странице"),
}  # fmt: skip
EDITORS = {
    "de": ("Die Kommission wurde 1994 von neun Anrainerstaaten gegründet.",
           "Ihr Sekretariat hat seinen Sitz in Tarvel und beschäftigt vierzig Mitarbeiter."),
    "en": ("The Commission was founded by nine riparian states in 1994.",
           "Its secretariat is based in Tarvel and has a staff of forty."),
    "es": ("La Comisión fue fundada por nueve Estados ribereños en 1994.",
           "Su secretaría tiene su sede en Tarvel y cuenta con cuarenta empleados."),
    "fr": ("La Commission a été fondée par neuf États riverains en 1994.",
           "Son secrétariat est établi à Tarvel et compte quarante agents."),
    "ru": ("Комиссия была основана девятью прибрежными государствами в 1994 году.",
           "Её секретариат находится в Тарвеле, в нём работают сорок сотрудников."),
}  # fmt: skip
PORTAL = {
    "de": ("Direkt zum Inhalt. | Direkt zur Navigation", "Persönliche Werkzeuge", "Rubriken",
           "Sie sind hier:", "Dokumentaktionen", "– Ende –",
           "Für weitere Informationen und Medienanfragen wenden Sie sich bitte an Anna Berg, "
           "+00 100 200 30 41, presse@nrc.example",
           "Folgen Sie uns: Facebook | X | Instagram", "Zuletzt geändert: {later}"),
    "en": ("Skip to content. | Skip to navigation", "Personal tools", "Sections",
           "You are here:", "Document Actions", "ENDS",
           "For more information and media requests, please contact Anna Berg, "
           "+00 100 200 30 41, press@nrc.example",
           "Follow us: Facebook | X | Instagram", "Last modified {later}"),
    "es": ("Ir al contenido. | Ir a la navegación", "Herramientas personales", "Secciones",
           "Usted está aquí:", "Acciones de documento", "– FIN –",
           "Para más información y solicitudes de los medios, diríjanse a Anna Berg, "
           "+00 100 200 30 41, prensa@nrc.example",
           "Síganos: Facebook | X | Instagram", "Última modificación: {later}"),
    "fr": ("Aller au contenu. | Aller à la navigation", "Outils personnels", "Rubriques",
           "Vous êtes ici :", "Actions sur le document", "– FIN –",
           "Pour plus d'informations et les demandes des médias, veuillez contacter Anna Berg, "
           "+00 100 200 30 41, presse@nrc.example",
           "Suivez-nous : Facebook | X | Instagram", "Dernière modification : {later}"),
    "ru": ("Перейти к содержанию. | Перейти к навигации", "Личные инструменты", "Разделы",
           "Вы здесь:", "Действия с документом", "* * *",
           "За дополнительной информацией и по запросам СМИ обращайтесь к Анне Берг, "
           "+00 100 200 30 41, press@nrc.example",
           "Следите за нами: Facebook | X | Instagram", "Последнее изменение: {later}"),
}  # fmt: skip
SPEECH_PAGE = {
    "de": ("Willkommen auf den Seiten der Kommission für die Nördlichen Flüsse", "Reden",
           "– Es gilt das gesprochene Wort –", "Nach oben", "Drucken",
           "Diese Seite auf: Deutsch English Español Français Русский"),
    "en": ("Welcome to the website of the Northern Rivers Commission", "Speeches",
           "– Check against delivery –", "Top of page", "Print",
           "This page in: Deutsch English Español Français Русский"),
    "es": ("Bienvenidos al sitio web de la Comisión de los Ríos del Norte", "Discursos",
           "– Cotéjese con el discurso pronunciado –", "Inicio de la página", "Imprimir",
           "Esta página en: Deutsch English Español Français Русский"),
    "fr": ("Bienvenue sur le site de la Commission des rivières du Nord", "Discours",
           "– Seul le prononcé fait foi –", "Haut de page", "Imprimer",
           "Cette page en : Deutsch English Español Français Русский"),
    "ru": ("Добро пожаловать на сайт Комиссии северных рек", "Выступления",
           "– Сверять с произнесённым текстом –", "К началу страницы", "Печать",
           "Эта страница на языках: Deutsch English Español Français Русский"),
}  # fmt: skip
TEASER = {
    "de": "In ihrer Rede sagte die Vorsitzende, die Flüsse der Region ließen sich nur gemeinsam "
    "schützen, und sie bat die Staaten, ihre Zusagen einzuhalten.",
    "en": "In her speech, the Chair said that the rivers of the region could only be protected "
    "together, and she asked the states to keep their promises.",
    "es": "En su discurso, la Presidenta afirmó que los ríos de la región solo pueden protegerse "
    "en común y pidió a los Estados que cumplan sus promesas.",
    "fr": "Dans son discours, la Présidente a déclaré que les rivières de la région ne pouvaient "
    "être protégées qu'ensemble et a demandé aux États de tenir leurs promesses.",
    "ru": "В своём выступлении Председатель заявила, что реки региона можно защитить только "
    "сообща, и попросила государства выполнить свои обещания.",
}
CAPTION = {
    "de": "Fischer prüfen im Morgengrauen ihre Netze an der Flussmündung. Foto: NRC/J. Berg",
    "en": "Fishers check their nets at the mouth of the river at dawn. Photo: NRC/J. Berg",
    "es": "Pescadores revisan sus redes al amanecer en la desembocadura del río. Foto: NRC/J. Berg",
    "fr": "Des pêcheurs vérifient leurs filets à l'aube à l'embouchure de la rivière. "
    "Photo : NRC/J. Berg",
    "ru": "Рыбаки на рассвете проверяют сети в устье реки. Фото: NRC/J. Berg",
}
RECORD = "Tarvel Public Record"  # a reposting site's name, the same in every language


def _later(iso: str, lang: str, numeric: bool = False) -> str:
    """Return a date 19 days after ``iso`` (a page's last update), long or numeric."""
    later = _date(iso) + datetime.timedelta(days=19)
    return (
        later.strftime("%d.%m.%Y") + " 10:15"
        if numeric
        else format_date(later, "long", locale=lang)
    )


def _heads(f: Front) -> list[str]:
    return [text for kind, text in f.body if kind == "head"]


def repost_blog(f: Front) -> str:
    long = format_date(_date(f.iso), "long", locale=f.lang)
    month = format_date(_date(f.iso), "LLLL y", locale=f.lang)
    p = POSTED[f.lang]
    recent = [f"{RELEASE_TAG[f.lang]} : {TITLES[k][f.lang]} [{month}]" for k in (1, 5)]
    return f"""<html lang="{f.lang}"><body><div class="site-title">{RECORD}</div>
<h1 class="archive-title">{_e(CATEGORY[f.lang])}</h1><article><h2>{_e(f.title)}</h2>
<p><em>{_e(ISSUED[f.lang].format(long=long))}</em></p>{_body(f)}
<div class="entry-meta">{_e(p[0])}</div></article><nav class="post-nav"><a href="#">{p[1]}</a>
<a href="#">{p[2]}</a></nav><aside><h3>{_e(p[3])}</h3>{_links(recent)}</aside></body></html>"""


def gov_story(f: Front) -> str:
    s, t = SITE[f.lang], STORY[f.lang]
    long = format_date(_date(f.iso), "long", locale=f.lang)
    heads = _heads(f)
    contents = f"<nav><h2>{t[4]}</h2>{_links(heads)}</nav>" if heads else ""
    notes = "".join(f"<li>{_e(n)}</li>" for n in EDITORS[f.lang])
    return f"""<html lang="{f.lang}"><body><div class="crumbs"><a href="#">{s["home"]}</a> ›
<a href="#">{s["news"]}</a></div><main><span class="type">{_e(t[0])}</span>
<h1>{_e(f.title)}</h1><p class="lead">{_e(LEAD[f.lang])}</p>
<p>{t[1]} <a href="#">{s["org"]}</a></p>
<p>{_e(t[2].format(long=long))}</p><p>{_e(t[3].format(later=_later(f.iso, f.lang)))}</p>
{contents}<div class="govspeak">{_body(f)}<h2>{_e(t[5])}</h2><ul>{notes}</ul></div>
<p><a href="#">{_e(t[6])}</a></p><p>{_e(USEFUL[f.lang])}</p><p><a href="#">{_e(t[7])}</a></p>
</main></body></html>"""


def portal_release(f: Front) -> str:
    s, t = SITE[f.lang], PORTAL[f.lang]
    long = format_date(_date(f.iso), "long", locale=f.lang)
    first = next(k for k, (kind, _) in enumerate(f.body) if kind == "p")
    body = "".join(
        f"<h2>{_e(text)}</h2>"
        if kind == "head"
        else f"<p>{_e(CITY[f.lang].upper())} ({_e(long)}) – {_e(text)}</p>"
        if k == first
        else f"<p>{_e(text)}</p>"
        for k, (kind, text) in enumerate(f.body)
    )
    return f"""<html lang="{f.lang}"><body><p class="skip">{_e(t[0])}</p>
<div class="tools"><h4>{_e(t[1])}</h4></div><div class="sections"><h4>{_e(t[2])}</h4>
{_links([s["home"], s["press"], s["news"]])}</div><div class="crumbs">{_e(t[3])}
<a href="#">{s["home"]}</a> › <a href="#">{s["press"]}</a></div><div id="content">
<div class="actions"><h4>{_e(t[4])}</h4>{_links([s["print"], s["share"]])}</div>
<h1>{_e(f.title)}</h1><div class="description">{_e(LEAD[f.lang])}</div>{body}
<p>{_e(t[5])}</p><p>{_e(t[6])}</p><p>{_e(t[7])}</p>
<div class="modified">{_e(t[8].format(later=_later(f.iso, f.lang, numeric=True)))}</div>
</div></body></html>"""


def speech_page(f: Front) -> str:
    t = SPEECH_PAGE[f.lang]
    numeric = ".".join(reversed(f.iso.split("-")))
    paras = [k for k, (kind, _) in enumerate(f.body) if kind == "p"]
    after = paras[1] if len(paras) > 2 else -1  # the photo after the second paragraph
    body = "".join(
        (f"<h2>{_e(text)}</h2>" if kind == "head" else f"<p>{_e(text)}</p>")
        + (f'<figure><img src="#" alt=""><figcaption>{_e(CAPTION[f.lang])}</figcaption>'
           "</figure>" if k == after else "")
        for k, (kind, text) in enumerate(f.body)
    )  # fmt: skip
    return f"""<html lang="{f.lang}"><body><div class="welcome">{_e(t[0])}</div>
<div class="rubric">{_e(t[1])}</div><div class="article"><h1>{_e(f.title)}</h1>
<p class="teaser">{_e(TEASER[f.lang])}</p><p>{_e(SPEAKER[f.lang])}</p>
<p>{CITY[f.lang]}, {numeric}</p><p>{_e(t[2])}</p>{body}</div>
<div class="foot"><a href="#">{_e(t[3])}</a> <a href="#">{_e(t[4])}</a></div>
<div class="langs">{_e(t[5])}</div></body></html>"""


# --- a fifth unseen set, written before any tuning on the fourth and run only at the end
# (shapes of a commission's daily news digest with portlet names above, the date above the
# title and the press contact in brackets at the end of the last paragraph; a foreign
# ministry's briefing page with a time stamp in a two-digit year, locale codes, a download
# line and a numbered contents list of its headings; a public speech record with "Delivered
# on", a speaker field, a "Full text" heading, an elision mark, a source line and keywords;
# an archived delegation page whose banner and breadcrumb (glued to the title) come before
# a news number and a numeric date; a press briefing's notes where the chair's paragraph,
# the date and "made the following statement:" come before a quoted statement. Learned from
# real pages, written here in our own words)

DAILY = {
    "de": ("Navigationspfad", "Linke Navigation", "Weitere Werkzeuge",
           "Weitere verfügbare Sprachen: keine", "Tagesnachrichten",
           "Weitere Informationen: Anna Berg – Tel.: +00 100 200 30 41"),
    "en": ("Navigation path", "Left navigation", "Additional tools",
           "Other languages available: none", "Daily News",
           "For more information: Anna Berg – Tel.: +00 100 200 30 41"),
    "es": ("Ruta de navegación", "Navegación izquierda", "Herramientas adicionales",
           "Otras lenguas disponibles: ninguna", "Noticias del día",
           "Más información: Anna Berg – Tel.: +00 100 200 30 41"),
    "fr": ("Chemin de navigation", "Navigation de gauche", "Outils supplémentaires",
           "Autres langues disponibles : aucune", "Nouvelles du jour",
           "Pour plus d'informations : Anna Berg – Tél. : +00 100 200 30 41"),
    "ru": ("Путь навигации", "Левое меню", "Дополнительные инструменты",
           "Другие доступные языки: нет", "Новости дня",
           "Дополнительная информация: Анна Берг – тел.: +00 100 200 30 41"),
}  # fmt: skip
BRIEFING = {
    "de": ("Erklärungen und Briefings", "Datei herunterladen", "Dieses Video auf YouTube ansehen",
           "INHALT", "Weitere Materialien", "Nach oben"),
    "en": ("Statements and briefings", "Download file", "Watch this video on YouTube",
           "CONTENTS", "Other materials", "Back to top"),
    "es": ("Declaraciones y sesiones informativas", "Descargar archivo",
           "Ver este vídeo en YouTube", "ÍNDICE", "Otros materiales", "Volver arriba"),
    "fr": ("Déclarations et points de presse", "Télécharger le fichier",
           "Voir cette vidéo sur YouTube", "SOMMAIRE", "Autres documents", "Haut de page"),
    "ru": ("Заявления и брифинги", "Скачать файл", "Смотреть это видео на YouTube",
           "СОДЕРЖАНИЕ", "Другие материалы", "Наверх"),
}  # fmt: skip
LOCALES = ("de-DE", "en-GB", "es-ES", "fr-FR", "ru-RU")
RECORD_PAGE = {
    "de": ("Reden", "Gehalten am {long}", "Redner/in:", "Anlass: {event}", "Volltext",
           "Quelle: https://www.nrc.example/reden", "Schlagwörter",
           ("Flüsse", "Wasserwirtschaft", "Fischerei")),
    "en": ("Speeches", "Delivered on {long}", "Speaker(s):", "Circumstances: {event}",
           "Full text", "Source: https://www.nrc.example/speeches", "Keywords",
           ("Rivers", "Water management", "Fisheries")),
    "es": ("Discursos", "Pronunciado el {long}", "Orador(es):", "Circunstancias: {event}",
           "Texto íntegro", "Fuente: https://www.nrc.example/discursos", "Palabras clave",
           ("Ríos", "Gestión del agua", "Pesca")),
    "fr": ("Discours", "Prononcé le {long}", "Intervenant(s) :", "Circonstance : {event}",
           "Texte intégral", "Source : https://www.nrc.example/discours", "Mots-clés",
           ("Rivières", "Gestion de l'eau", "Pêche")),
    "ru": ("Выступления", "Произнесено {long}", "Выступающие:", "Повод: {event}",
           "Полный текст", "Источник: https://www.nrc.example/speeches", "Ключевые слова",
           ("Реки", "Управление водными ресурсами", "Рыболовство")),
}  # fmt: skip
ARCHIVED = {
    "de": ("Diese Website wurde am {long} archiviert",
           ("Startseite", "Ressourcen", "Nachrichten der Kommission"), "NRC-Nachrichten", "Oben"),
    "en": ("This site has been archived on {long}",
           ("Home", "Resources", "News from the Commission"), "NRC News", "Top"),
    "es": ("Este sitio fue archivado el {long}",
           ("Inicio", "Recursos", "Noticias de la Comisión"), "Noticias NRC", "Arriba"),
    "fr": ("Ce site a été archivé le {long}",
           ("Accueil", "Ressources", "Nouvelles de la Commission"), "Nouvelles NRC", "Haut"),
    "ru": ("Сайт перенесён в архив {long}",
           ("Главная", "Ресурсы", "Новости Комиссии"), "Новости NRC", "Вверх"),
}  # fmt: skip
BRIEFING_NOTES = {
    "de": ("Direkt zum Hauptinhalt", "REGELMÄSSIGES PRESSEBRIEFING DES INFORMATIONSDIENSTES",
           "Pressebriefing der Kommission", "„", "“"),
    "en": ("Skip to main content", "REGULAR PRESS BRIEFING BY THE INFORMATION SERVICE",
           "Press briefing of the Commission", "“", "”"),
    "es": ("Pasar al contenido principal",
           "SESIÓN INFORMATIVA PERIÓDICA DEL SERVICIO DE INFORMACIÓN",
           "Sesión informativa de la Comisión", "«", "»"),
    "fr": ("Aller au contenu principal", "POINT DE PRESSE RÉGULIER DU SERVICE DE L'INFORMATION",
           "Point de presse de la Commission", "« ", " »"),
    "ru": ("Перейти к основному содержанию", "РЕГУЛЯРНЫЙ БРИФИНГ ИНФОРМАЦИОННОЙ СЛУЖБЫ",
           "Брифинг Комиссии", "«", "»"),
}  # fmt: skip
CHAIRED = {
    "de": "Anna Berg, Direktorin des Informationsdienstes der Kommission, leitete das Briefing, "
    "an dem die Sprecher dreier Mitgliedstaaten teilnahmen.",
    "en": "Anna Berg, Director of the Commission's Information Service, chaired the briefing, "
    "which was attended by the spokespersons of three member states.",
    "es": "Anna Berg, Directora del Servicio de Información de la Comisión, presidió la sesión "
    "informativa, a la que asistieron los portavoces de tres Estados miembros.",
    "fr": "Anna Berg, Directrice du Service de l'information de la Commission, a présidé le "
    "point de presse, auquel ont assisté les porte-parole de trois États membres.",
    "ru": "Брифинг провела директор Информационной службы Комиссии Анна Берг; в нём приняли "
    "участие официальные представители трёх государств-членов.",
}
STATEMENT = {
    "de": "Maria Lindqvist gab für die Kommission für die Nördlichen Flüsse folgende Erklärung ab:",
    "en": "Maria Lindqvist, for the Northern Rivers Commission, made the following statement:",
    "es": "Maria Lindqvist, en nombre de la Comisión de los Ríos del Norte, formuló la "
    "siguiente declaración:",
    "fr": "Maria Lindqvist, au nom de la Commission des rivières du Nord, a fait la déclaration "
    "suivante :",
    "ru": "Мария Линдквист от имени Комиссии северных рек сделала следующее заявление:",
}


def _paras(f: Front, first: str = "", last: str = "", before_last: str = "") -> str:
    """Return the body's HTML: ``first`` before the first paragraph's text, ``last`` after
    the last one's (not on a clipped page), ``before_last`` a paragraph of its own before it."""
    ps = [k for k, (kind, _) in enumerate(f.body) if kind == "p"]
    out = []
    for k, (kind, text) in enumerate(f.body):
        if kind == "head":
            out.append(f"<h2>{_e(text)}</h2>")
            continue
        if k == ps[-1] and before_last and len(ps) > 2:
            out.append(f"<p>{_e(before_last)}</p>")
        text = (first if k == ps[0] else "") + text
        text += last if k == ps[-1] and not f.partial else ""
        out.append(f"<p>{_e(text)}</p>")
    return "".join(out)


def eu_daily(f: Front) -> str:
    s, d = SITE[f.lang], DAILY[f.lang]
    spaced = " / ".join(reversed(f.iso.split("-")))
    return f"""<html lang="{f.lang}"><body><div class="path"><h4>{d[0]}</h4>{
        _links([s["home"], s["press"]])
    }</div><div class="left"><h4>{d[1]}</h4>{_links([s["news"], s["press"]])}</div>
<div class="tools"><h4>{d[2]}</h4>{_links([s["print"], s["share"]])}</div><p>{_e(d[3])}</p>
<div class="rapid"><h1>{s["org"]} – {d[4]}</h1><p>{d[4]} {spaced}</p><p>{_e(f.place_date)}</p>
<h2>{_e(f.title)}</h2>{_paras(f, last=f" ({d[5]})")}</div></body></html>"""


def briefing_page(f: Front) -> str:
    b = BRIEFING[f.lang]
    y, m, d = f.iso.split("-")
    heads = _heads(f)
    contents = f"<h3>{b[3]}</h3><ol>" + "".join(f"<li>{_e(h)}</li>" for h in heads) + "</ol>"
    codes = " ".join(f'<a href="#">{c}</a>' for c in LOCALES)
    return f"""<html lang="{f.lang}"><body><div class="rubric">{_e(b[0])}</div>
<div class="stamp">{d}.{m}.{y[2:]} 20:21</div><h1>{_e(f.title)}</h1><div class="codes">{codes}</div>
<p><a href="#">{_e(b[1])}</a></p><p><a href="#">{_e(b[2])}</a></p>{contents if heads else ""}
<div class="text">{_body(f)}</div><div class="more"><h3>{_e(b[4])}</h3>{
        _links([TITLES[2][f.lang], TITLES[5][f.lang]])
    }</div><p><a href="#">{_e(b[5])}</a></p></body></html>"""


def speech_record(f: Front) -> str:
    s, r = SITE[f.lang], RECORD_PAGE[f.lang]
    long = format_date(_date(f.iso), "long", locale=f.lang)
    return f"""<html lang="{f.lang}"><body><nav><a href="#">{s["home"]}</a> &gt;
<a href="#">{r[0]}</a></nav><article><h1>{_e(f.title)}</h1><p>{_e(r[1].format(long=long))}</p>
<div class="who"><span class="label">{_e(r[2])}</span><ul><li>Maria Lindqvist - {
        _e(ROLE[f.lang])
    }</li></ul></div><p>{_e(r[3].format(event=SHEET[f.lang][5]))}</p><h2>{_e(r[4])}</h2>
{_paras(f, before_last="(…)")}<p>{_e(r[5])}</p><div class="tags"><h3>{_e(r[6])}</h3>{
        _links(list(r[7]))
    }</div></article></body></html>"""


def archived_page(f: Front) -> str:
    a = ARCHIVED[f.lang]
    archived = _date(f.iso) + datetime.timedelta(days=383)
    long = format_date(archived, "long", locale=f.lang)
    crumb = "".join(f'<a href="#">{_e(c)}</a>' for c in (*a[1], f.iso[:4]))
    number = f.symbol.split("/")[-1].replace("-", "/")
    return f"""<html lang="{f.lang}"><body><div class="banner"><p>{_e(a[0].format(long=long))}
</p><p>{archived.strftime("%d/%m/%Y")}</p></div><div class="crumb">{crumb}&gt; {_e(f.title)}
</div><div class="news"><h1>{_e(f.title)}</h1><p>{a[2]} {number}</p>
<p>{_date(f.iso).strftime("%d/%m/%Y")}</p><p>{SITE[f.lang]["org"]}</p><p>{CITY[f.lang]}</p>
{_body(f)}<p><a href="#">{a[3]}</a></p></div></body></html>"""


def briefing_notes(f: Front) -> str:
    s, n = SITE[f.lang], BRIEFING_NOTES[f.lang]
    long = format_date(_date(f.iso), "long", locale=f.lang)
    return f"""<html lang="{f.lang}"><body><p><a href="#">{_e(n[0])}</a></p><h1>{_e(n[1])}</h1>
<p class="sub">{_e(n[2])}</p><p class="date">{_e(long)}</p><p>{_e(CHAIRED[f.lang])}</p>
<h2>{_e(f.title)}</h2><p>{_e(STATEMENT[f.lang])}</p>{_paras(f, first=n[3], last=n[4])}
<div class="foot">{s["org"]} {s["phone"]}</div></body></html>"""


# --- a sixth unseen set, written before any tuning on the fifth and run only at the end
# (shapes of a council's newsroom item with the postal address block above, a row of
# language codes and an "entity, date, place" line under the title; a national mission's
# statement with the site's date of today in its header, the title printed twice and an "As
# delivered by … / to the … / date" block; a ministry's press room with "You are here:", a
# weekday date above the title, a "Share:" label, a picture's file name and other news glued
# to their "See more" links after the text; a news portal's story stamped "Posted … /
# Modified …" above the title and the time again under it; a federal office's release with
# accessibility markers, a dateline in brackets before a one-line summary, a contact person
# block, "Publisher" and "Last modification". Learned from real pages, written here in our
# own words)

ADDRESS = {
    "de": ("Uferstraße 12", "T-1040 Tarvel"), "en": ("12 Riverside Avenue", "T-1040 Tarvel Cedex"),
    "es": ("Avenida de la Ribera 12", "T-1040 Tarvel"),
    "fr": ("12, avenue des Berges", "T-1040 Tarvel Cedex"),
    "ru": ("Набережная ул., 12", "T-1040 Тарвел"),
}  # fmt: skip
SECRETARIAT = {
    "de": "Sekretariat der Kommission", "en": "Commission Secretariat",
    "es": "Secretaría de la Comisión", "fr": "Secrétariat de la Commission",
    "ru": "Секретариат Комиссии",
}  # fmt: skip
PAGER = {"de": "Einträge 1 - 10 von 412", "en": "Showing 1 - 10 of 412",
         "es": "Mostrando 1 - 10 de 412", "fr": "Éléments 1 - 10 sur 412",
         "ru": "Записи 1–10 из 412"}  # fmt: skip
MISSION = {
    "de": ("Vertretung Ostlands bei der Kommission für die Nördlichen Flüsse",
           "Vorgetragen von der stellvertretenden Vorsitzenden Anna Berg",
           "vor dem Ständigen Rat, Tarvel", "Kategorien: Erklärungen, Ständiger Rat"),
    "en": ("Mission of Ostland to the Northern Rivers Commission",
           "As delivered by Deputy Chair Anna Berg", "to the Permanent Council, Tarvel",
           "Categories: Statements, Permanent Council"),
    "es": ("Misión de Ostland ante la Comisión de los Ríos del Norte",
           "Pronunciado por la Vicepresidenta Anna Berg", "ante el Consejo Permanente, Tarvel",
           "Categorías: Declaraciones, Consejo Permanente"),
    "fr": ("Mission de l'Ostland auprès de la Commission des rivières du Nord",
           "Tel que prononcé par la vice-présidente Anna Berg",
           "devant le Conseil permanent, Tarvel", "Catégories : Déclarations, Conseil permanent"),
    "ru": ("Представительство Остланда при Комиссии северных рек",
           "В изложении заместителя председателя Анны Берг",
           "на заседании Постоянного совета, Тарвел", "Рубрики: Заявления, Постоянный совет"),
}  # fmt: skip
TODAY = datetime.date(2026, 12, 7)  # the day the mission's site was looked at
HALL = {
    "de": ("Presseraum", "Sie befinden sich hier: Startseite", "Teilen:", "Bild foto_00000001",
           "Diese Nachricht teilen", "Mehr sehen"),
    "en": ("Press room", "You are here: Home", "Share:", "Image photo_00000001",
           "Share this news", "See more"),
    "es": ("Sala de prensa", "Usted se encuentra en: Inicio", "Compartir:",
           "Imagen foto_00000001", "Compartir esta noticia", "Ver más"),
    "fr": ("Salle de presse", "Vous êtes ici : Accueil", "Partager :", "Image photo_00000001",
           "Partager cette actualité", "Voir plus"),
    "ru": ("Пресс-центр", "Вы находитесь здесь: Главная", "Поделиться:",
           "Изображение foto_00000001", "Поделиться новостью", "Подробнее"),
}  # fmt: skip
OTHER_ITEMS = {
    "de": ("Die Arbeitsgruppe der Kommission für Sedimente trat heute in Tarvel zusammen, um die "
           "Ergebnisse der Frühjahrserhebung zu prüfen.",
           "Die stellvertretende Vorsitzende empfing im Sekretariat die neue Delegation des "
           "Fischereirats."),
    "en": ("The Commission's working group on sediment met today in Tarvel to review the "
           "results of the spring survey.",
           "The Deputy Chair received the new delegation of the fisheries council at the "
           "secretariat."),
    "es": ("El grupo de trabajo de la Comisión sobre sedimentos se reunió hoy en Tarvel para "
           "examinar los resultados del estudio de primavera.",
           "La Vicepresidenta recibió en la secretaría a la nueva delegación del consejo de "
           "pesca."),
    "fr": ("Le groupe de travail de la Commission sur les sédiments s'est réuni aujourd'hui à "
           "Tarvel pour examiner les résultats de l'enquête de printemps.",
           "La vice-présidente a reçu au secrétariat la nouvelle délégation du conseil des "
           "pêches."),
    "ru": ("Рабочая группа Комиссии по донным отложениям собралась сегодня в Тарвеле, чтобы "
           "рассмотреть итоги весеннего обследования.",
           "Заместитель председателя приняла в секретариате новую делегацию совета по "
           "рыболовству."),
}  # fmt: skip
STAMPS = {
    "de": ("Veröffentlicht", "Geändert", "Abonnieren", "Neueste Kommentare"),
    "en": ("Posted", "Modified", "Subscribe", "Latest comments"),
    "es": ("Publicado", "Modificado", "Suscríbase", "Últimos comentarios"),
    "fr": ("Publié", "Modifié", "S'abonner", "Derniers commentaires"),
    "ru": ("Опубликовано", "Изменено", "Подпишитесь", "Свежие комментарии"),
}  # fmt: skip
FEDERAL = {
    "de": (("Beginn Inhaltsbereich", "Beginn Navigator", "Ende Navigator", "Drucken"),
           "Pressemitteilungen 2026",
           "Botschaft der Vorsitzenden der Kommission für die Nördlichen Flüsse, Maria "
           "Lindqvist.", "Auskünfte", "Leiterin des Informationsdienstes",
           "Herausgeber", "Letzte Änderung"),
    "en": (("Start of content area", "Start of navigator", "End of navigator", "Print"),
           "Press releases 2026",
           "Message from the Chair of the Northern Rivers Commission, Maria Lindqvist.",
           "Address for enquiries", "Head of the Information Service", "Publisher",
           "Last modification"),
    "es": (("Inicio del contenido", "Inicio del navegador", "Fin del navegador", "Imprimir"),
           "Comunicados de prensa 2026",
           "Mensaje de la Presidenta de la Comisión de los Ríos del Norte, Maria Lindqvist.",
           "Dirección para consultas", "Jefa del Servicio de Información", "Editor",
           "Última modificación"),
    "fr": (("Début du contenu", "Début du navigateur", "Fin du navigateur", "Imprimer"),
           "Communiqués de presse 2026",
           "Message de la Présidente de la Commission des rivières du Nord, Maria Lindqvist.",
           "Renseignements", "Cheffe du service de l'information", "Éditeur",
           "Dernière modification"),
    "ru": (("Начало содержания", "Начало навигации", "Конец навигации", "Печать"),
           "Пресс-релизы 2026",
           "Послание Председателя Комиссии северных рек Марии Линдквист.",
           "Справки", "Руководитель информационной службы", "Издатель",
           "Последнее изменение"),
}  # fmt: skip


def council_item(f: Front) -> str:
    s, a = SITE[f.lang], ADDRESS[f.lang]
    long = format_date(_date(f.iso), "long", locale=f.lang)
    codes = " ".join(f'<a href="#">{c}</a>' for c in ("DE", "EN", "ES", "FR", "RU"))
    return f"""<html lang="{f.lang}"><body><div class="address"><p>{s["org"]}</p><p>{_e(a[0])}</p>
<p>{_e(a[1])}</p><p>Tel. +00 100 200 30 40</p><p>www.nrc.example</p></div>
<div class="codes">{codes}</div><div class="item"><h1>{_e(f.title)}</h1>
<p class="meta">{_e(SECRETARIAT[f.lang])} {_e(long)} {CITY[f.lang]}</p>{_body(f)}</div>
<div class="pager">{_e(PAGER[f.lang])}</div></body></html>"""


def mission_statement(f: Front) -> str:
    m = MISSION[f.lang]
    long = format_date(_date(f.iso), "long", locale=f.lang)
    today = format_date(TODAY, "full", locale=f.lang)
    return f"""<html lang="{f.lang}"><body><div class="ticker">{_e(today)}</div>
<div class="site">{_e(m[0])}</div><div class="page-head">{_e(f.title)}</div>
<article><h1>{_e(f.title)}</h1><p>{_e(m[1])}<br>{_e(m[2])}<br>{_e(long)}</p>{_body(f)}
<p class="cats">{_e(m[3])}</p></article></body></html>"""


def press_hall(f: Front) -> str:
    h, s = HALL[f.lang], SITE[f.lang]
    full = format_date(_date(f.iso), "full", locale=f.lang)
    others = "".join(f'<span>{_e(t)}</span><a href="#">{_e(h[5])}</a>' for t in OTHER_ITEMS[f.lang])
    return f"""<html lang="{f.lang}"><body><div class="menu">{_links([s["home"], s["press"]])}</div>
<div class="rubric">{_e(h[0])}</div><div class="crumb">{_e(h[1])}</div>
<div class="day">{_e(full)}</div><h1>{_e(f.title)}</h1><div class="share">{_e(h[2])}</div>
<div class="img">{_e(h[3])}</div>{_body(f)}<p><a href="#">{_e(h[4])}</a></p>
<div class="others">{others}</div></body></html>"""


def portal_story(f: Front) -> str:
    t = STAMPS[f.lang]
    long = format_date(_date(f.iso), "long", locale=f.lang)
    later = format_date(_date(f.iso) + datetime.timedelta(days=19), "long", locale=f.lang)
    return f"""<html lang="{f.lang}"><body><div class="logo">Logo</div><div class="stamps">
<p>{_e(t[0])} {_e(long)}, 14:42</p><p>{_e(t[1])} {_e(later)}, 17:23</p></div>
<h1>{_e(f.title)}</h1><p class="when">{_e(long)}, 14:42</p>{_body(f)}
<p><a href="#">{_e(t[2])}</a></p><h3>{_e(t[3])}</h3></body></html>"""


def federal_release(f: Front) -> str:
    r = FEDERAL[f.lang]
    long = format_date(_date(f.iso), "long", locale=f.lang)
    later = (_date(f.iso) + datetime.timedelta(days=19)).strftime("%d.%m.%Y")
    marks = "".join(f"<p>{_e(m)}</p>" for m in r[0])
    return f"""<html lang="{f.lang}"><body><div class="marks">{marks}</div>
<h2>{_e(r[1])}</h2><div class="content"><h1>{_e(f.title)}</h1>
<p>({CITY[f.lang]}, {_e(long)}) – {_e(r[2])}</p>{_body(f)}</div>
<div class="contact"><h3>{_e(r[3])}</h3><p>Anna Berg</p><p>{_e(r[4])}</p>
<p>Tel. +00 100 200 30 41</p><h3>{_e(r[5])}</h3><p>{SITE[f.lang]["org"]}</p></div>
<p class="modified">{_e(r[6])} {later}</p></body></html>"""


# --- a seventh unseen set, written before any tuning on the sixth and run only at the end
# (shapes of a delegation's statement to a permanent council whose paragraphs are the items
# of a list, with a meeting-place-and-date line and the delegation's document symbol under
# it; a tribunal's press release "issued by the Registrar" with its number, a numeric date, a
# media contact above the text and a disclaimer sentence below it; a foreign office's speech
# page with a welcome line, a "date - Speech" line, a summary paragraph, "Check against
# delivery" and a salutation; a ministry channel's post mirrored on the web, with the
# subscriber count, a hashtag, the title in bold only and a view counter; an agency's
# speech page with search furniture above, the title printed twice around its rubric, the
# date glued to "Also available in:" and a photo caption before a salutation; a central
# bank's notice with numbered paragraphs, "Last reviewed"/"Content expert" and an anti-spam
# question under the text. Learned from real pages, written here in our own words)

DELEGATION = {
    "de": ("Eine offizielle Website der Kommission", "Delegation bei der Kommission in Tarvel",
           "Ständiger Rat Nr. 1460", "Druckfreundliche Seite", "Redaktionelle Rubriken: Reden"),
    "en": ("An official website of the Commission", "Delegation to the Commission in Tarvel",
           "Permanent Council No. 1460", "Print friendly page", "Editorial sections: Speeches"),
    "es": ("Un sitio web oficial de la Comisión", "Delegación ante la Comisión en Tarvel",
           "Consejo Permanente n.º 1460", "Versión para imprimir",
           "Secciones editoriales: Discursos"),
    "fr": ("Un site officiel de la Commission", "Délégation auprès de la Commission à Tarvel",
           "Conseil permanent n° 1460", "Version imprimable", "Rubriques : Discours"),
    "ru": ("Официальный сайт Комиссии", "Делегация при Комиссии в Тарвеле",
           "Постоянный совет № 1460", "Версия для печати", "Рубрики: Выступления"),
}  # fmt: skip
REGISTRY = {
    "de": ("herausgegeben vom Kanzler des Flussgerichts",
           "Für Rückfragen: Anna Berg, Pressestelle, +00 100 200 30 42",
           "Diese Pressemitteilung ist ein Dokument der Kanzlei. Sie bindet das Gericht nicht.",
           "Kontakt für die Presse", "Folgen Sie uns"),
    "en": ("issued by the Registrar of the River Tribunal",
           "For comment contact: Anna Berg, press unit, +00 100 200 30 42",
           "This press release is a document of the Registry. It does not bind the Tribunal.",
           "Press contacts", "Follow us"),
    "es": ("publicado por el Secretario del Tribunal Fluvial",
           "Para consultas: Anna Berg, unidad de prensa, +00 100 200 30 42",
           "Este comunicado es un documento de la Secretaría. No vincula al Tribunal.",
           "Contactos de prensa", "Síganos"),
    "fr": ("publié par le Greffier du Tribunal fluvial",
           "Pour tout commentaire : Anna Berg, unité de presse, +00 100 200 30 42",
           "Ce communiqué est un document du Greffe. Il ne lie pas le Tribunal.",
           "Contacts presse", "Suivez-nous"),
    "ru": ("выпущено Секретарем Речного трибунала",
           "Комментарии: Анна Берг, пресс-служба, +00 100 200 30 42",
           "Настоящий пресс-релиз является документом Секретариата. Он не обязывает Трибунал.",
           "Контакты для прессы", "Следите за нами"),
}  # fmt: skip
OFFICE = {
    "de": ("Willkommen auf den Seiten des Außenamts", "Rede", "-- Es gilt das gesprochene Wort! --",
           ("Frau Vorsitzende,", "Exzellenzen,", "meine Damen und Herren,"), "Nach oben"),
    "en": ("Welcome to the pages of the Foreign Office", "Speech", "-- Check against delivery! --",
           ("Madam Chair,", "Excellencies,", "ladies and gentlemen,"), "Top of page"),
    "es": ("Bienvenido a las páginas del Ministerio", "Discurso",
           "-- ¡Sólo vale lo pronunciado! --",
           ("Señora Presidenta,", "Excelencias,", "señoras y señores,"), "Inicio de la página"),
    "fr": ("Bienvenue sur les pages du ministère", "Discours", "-- Seul le prononcé fait foi ! --",
           ("Madame la Présidente,", "Excellences,", "Mesdames et Messieurs,"), "Haut de page"),
    "ru": ("Добро пожаловать на сайт министерства", "Выступление",
           "-- Проверяйте по произнесенному тексту! --",
           ("Госпожа Председатель,", "Ваши превосходительства,", "дамы и господа,"), "Наверх"),
}  # fmt: skip
SUMMARY = {
    "de": "Die Ministerin würdigte die gemeinsame Arbeit der Anrainerstaaten und forderte "
    "verlässliche Mittel für den Schutz der Flüsse in den kommenden Jahren.",
    "en": "The Minister praised the joint work of the riparian states and called for reliable "
    "funding to protect the rivers in the coming years.",
    "es": "La Ministra elogió el trabajo conjunto de los Estados ribereños y pidió una "
    "financiación fiable para proteger los ríos en los próximos años.",
    "fr": "La ministre a salué le travail commun des États riverains et appelé à un financement "
    "fiable pour protéger les rivières dans les années à venir.",
    "ru": "Министр высоко оценила совместную работу прибрежных государств и призвала к "
    "надежному финансированию охраны рек в ближайшие годы.",
}
CHANNEL = {
    "de": ("Außenamt Ostland", "12 400 Abonnenten", "#Erklärungen", "Vollständig lesen…",
           "bearbeitet"),
    "en": ("Ostland Foreign Office", "12.4K subscribers", "#Statements", "Read in full…",
           "edited"),
    "es": ("Ministerio de Exteriores de Ostland", "12,4 mil suscriptores", "#Declaraciones",
           "Leer completo…", "editado"),
    "fr": ("Ministère des affaires étrangères d'Ostland", "12,4 k abonnés", "#Déclarations",
           "Lire la suite…", "modifié"),
    "ru": ("МИД Остланда", "12,4 тыс. подписчиков", "#Заявления", "Читать полностью…",
           "изменено"),
}  # fmt: skip
AGENCY = {
    "de": (("Schließen", "Suchformular", "Länderseite suchen", "Länderprofil", "Länderseite"),
           "Reden und Erklärungen", "Auch verfügbar in:",
           "Maria Lindqvist spricht vor dem Ständigen Rat der Kommission in Tarvel.",
           "Frau Präsidentin,", "Diese Seite teilen: Facebook Twitter E-Mail"),
    "en": (("Close", "Search form", "Search for the country site", "Country profile",
            "Country website"), "Speeches and statements", "Also available in:",
           "Maria Lindqvist addresses the Permanent Council of the Commission in Tarvel.",
           "Madam President,", "Share this page: Facebook Twitter Email"),
    "es": (("Cerrar", "Formulario de búsqueda", "Buscar el sitio de un país", "Perfil de país",
            "Sitio de país"), "Discursos y declaraciones", "Disponible también en:",
           "Maria Lindqvist interviene ante el Consejo Permanente de la Comisión en Tarvel.",
           "Señora Presidenta,", "Compartir esta página: Facebook Twitter Correo"),
    "fr": (("Fermer", "Formulaire de recherche", "Rechercher le site d'un pays", "Profil du pays",
            "Site du pays"), "Discours et déclarations", "Également disponible en :",
           "Maria Lindqvist s'adresse au Conseil permanent de la Commission à Tarvel.",
           "Madame la Présidente,", "Partager cette page : Facebook Twitter Courriel"),
    "ru": (("Закрыть", "Форма поиска", "Найти сайт страны", "Профиль страны", "Сайт страны"),
           "Речи и заявления", "Доступно также на:",
           "Мария Линдквист выступает на заседании Постоянного совета Комиссии в Тарвеле.",
           "Госпожа Председатель,", "Поделиться страницей: Facebook Twitter Эл. почта"),
}  # fmt: skip
BANK = {
    "de": ("Zentralbank Ostlands", "Mitteilung", "Veröffentlicht:", "Zuletzt geprüft",
           "Fachverantwortliche", "Fachverantwortliche kontaktieren", "Angaben ausfüllen",
           "Um automatischen Spam zu verhindern, beantworten Sie bitte die Frage im Feld unten."),
    "en": ("Central Bank of Ostland", "Notice", "Published:", "Last reviewed", "Content expert",
           "Contact content expert", "Fill in the information",
           "To limit automated spam, please answer the question in the box below."),
    "es": ("Banco Central de Ostland", "Aviso", "Publicado:", "Última revisión",
           "Experta en contenidos", "Contactar con la experta", "Rellene la información",
           "Para evitar el spam automático, responda a la pregunta del recuadro de abajo."),
    "fr": ("Banque centrale d'Ostland", "Avis", "Publié :", "Dernière révision",
           "Experte du contenu", "Contacter l'experte", "Remplissez les informations",
           "Pour limiter le spam automatique, répondez à la question dans la case ci-dessous."),
    "ru": ("Центральный банк Остланда", "Сообщение", "Опубликовано:", "Последняя проверка",
           "Ответственный эксперт", "Связаться с экспертом", "Заполните форму",
           "Чтобы защититься от автоматической рассылки, ответьте на вопрос в поле ниже."),
}  # fmt: skip


def delegation_statement(f: Front) -> str:
    d, s = DELEGATION[f.lang], SITE[f.lang]
    items = "".join(
        f"<h2>{_e(t)}</h2>" if kind == "head" else f"<li>{_e(t)}</li>" for kind, t in f.body
    )
    return f"""<html lang="{f.lang}"><body><div class="bar">{_e(d[0])}</div>
<nav class="crumb"><a href="#">{s["home"]}</a> &gt; <a href="#">{_e(d[1])}</a></nav>
<article><h1>{_e(f.title)}</h1><p class="meeting">{_e(d[2])} {_e(f.place_date)}</p>
<ul class="statement">{items}</ul><p>NRC.DEL/{f.symbol.split("/")[-1]}</p></article>
<div class="tools"><a href="#">{_e(d[3])}</a></div><p>{_e(d[4])}</p></body></html>"""


def tribunal_release(f: Front) -> str:
    r = REGISTRY[f.lang]
    numeric = ".".join(reversed(f.iso.split("-")))
    return f"""<html lang="{f.lang}"><body><div class="logo">RT</div><div class="release">
<p class="by">{_e(r[0])}</p><p class="no">RT 047 (2026)</p><p class="date">{numeric}</p>
<h1>{_e(f.title)}</h1><p class="contact">{_e(r[1])}</p>{_body(f)}<p><i>{_e(r[2])}</i></p>
</div><div class="contacts"><h3>{_e(r[3])}</h3><p>press@rt.example</p>
<p>Tel. +00 100 200 30 42</p></div><p><a href="#">{_e(r[4])}</a></p></body></html>"""


def office_speech(f: Front) -> str:
    o = OFFICE[f.lang]
    numeric = ".".join(reversed(f.iso.split("-")))
    salute = "<br>".join(_e(line) for line in o[3])
    return f"""<html lang="{f.lang}"><body><div class="welcome">{_e(o[0])}</div>
<main><h1>{_e(f.title)}</h1><p class="meta">{numeric} - {_e(o[1])}</p>
<p class="summary">{_e(SUMMARY[f.lang])}</p><p>{_e(o[2])}</p><p>{salute}</p>{_body(f)}</main>
<p><a href="#">{_e(o[4])}</a></p></body></html>"""


def channel_post(f: Front) -> str:
    c = CHANNEL[f.lang]
    long = format_date(_date(f.iso), "long", locale=f.lang)
    return f"""<html lang="{f.lang}"><body><div class="head"><div class="name">{_e(c[0])}</div>
<div class="count">{_e(c[1])}</div></div><div class="post"><p>{_e(c[2])}</p>
<p><b>{_e(f.title)}</b></p><p>📆 {_e(long)}, {CITY[f.lang]}</p>{_body(f)}
<p><a href="#">{_e(c[3])}</a></p><div class="meta">👁 2.1K {_e(c[4])} 14:05</div></div>
</body></html>"""


def agency_speech(f: Front) -> str:
    a = AGENCY[f.lang]
    long = format_date(_date(f.iso), "long", locale=f.lang)
    langs = " ".join(f'<a href="#">{n}</a>' for n in SWITCHER)
    return f"""<html lang="{f.lang}"><body><div class="search">{_links(a[0])}</div>
<div class="hero"><h1>{_e(f.title)}</h1></div><div class="rubric">{_e(a[1])}</div>
<div class="node"><h2>{_e(f.title)}</h2><p>{_e(long)} {_e(a[2])} {langs}</p>
<figure><figcaption>{_e(a[3])}</figcaption></figure><p>{_e(a[4])}</p>{_body(f)}
<p>{_e(a[5])}</p></div></body></html>"""


def bank_notice(f: Front) -> str:
    b = BANK[f.lang]
    day = _date(f.iso).strftime("%d/%m/%Y")
    numbered, n = [], 0
    for kind, text in f.body:
        if kind == "head":
            numbered.append(f"<h2>{_e(text)}</h2>")
        else:
            n += 1
            numbered.append(f"<p>{n}. {_e(text)}</p>")
    return f"""<html lang="{f.lang}"><body><header><div class="logo">{_e(b[0])}</div></header>
<main><p class="kind">{_e(b[1])}</p><h1>{_e(f.title)}</h1><p>{_e(b[2])} {day} 09:30</p>
{"".join(numbered)}<div class="review"><p>{_e(b[3])}</p><p>{_e(b[4])}</p>
<p><a href="#">{_e(b[5])}</a></p></div><form><h3>{_e(b[6])}</h3><p>{_e(b[7])}</p>
<p>7 + 7 ?</p></form></main></body></html>"""


# --- an eighth unseen set, written before any tuning on the seventh -----------------------
# (an assembly's document viewer with "Print" / "See related documents", a "kind | Doc. number
# | date" line and paragraphs numbered under numbered headings; an ombudsman's speech page
# with a list of tools above (the share line glued to its network names, a language code), a
# "Speech - Speaker … - City … - Date weekday | date" field line, the title again, a "date -
# place" line, the speaker alone and an editorial note in brackets; a government bulletin's
# release, its paragraphs indented, ending "Ends/weekday, date" and "Issued at 16:30"; an
# ombudsman network's news digest with a field block ("Date of article:", "Daily news of:"
# two days later, "Country:", "Author:", "Article language:"), the country in capitals glued
# to the first paragraph and "» more information" / "» google translate (…)" lines; an
# observation mission's press release "PRESS RELEASE from …" with the dateline glued to the
# first paragraph and "For further information contact:" lines ending in "[email protected]";
# an assembly's news page with its logos' alternative text, a lead, a banner saying the
# article is old and a list of related items' titles. Learned from real pages (a
# parliamentary assembly's documents and news, an ombudsman's speeches, a government's press
# releases, an ombudsman network's daily news, an observation mission's releases, a law
# society's news), written here in our own words)

VIEWER = {
    "de": ("Drucken", "Siehe verwandte Dokumente", "Mitteilung", "Dok."),
    "en": ("Print", "See related documents", "Communication", "Doc."),
    "es": ("Imprimir", "Ver documentos relacionados", "Comunicación", "Doc."),
    "fr": ("Imprimer", "Voir les documents liés", "Communication", "Doc."),
    "ru": ("Печать", "Связанные документы", "Сообщение", "Док."),
}  # fmt: skip
TOOLS = {
    "de": (("Als PDF exportieren", "Kurzlink dieser Seite abrufen",
            "Diese Seite teilen aufTwitterFacebookLinkedin", "DE Deutsch"),
           ("Rede", "Rednerin", "Stadt", "Land", "Datum"), "Ostland",
           "(Einleitende Worte – Dank an die Gastgeber)"),
    "en": (("Export to PDF", "Get the short link of this page",
            "Share this page onTwitterFacebookLinkedin", "EN English"),
           ("Speech", "Speaker", "City", "Country", "Date"), "Ostland",
           "(Opening words – thanks to the hosts)"),
    "es": (("Exportar a PDF", "Obtener el enlace corto de esta página",
            "Compartir esta página enTwitterFacebookLinkedin", "ES Español"),
           ("Discurso", "Oradora", "Ciudad", "País", "Fecha"), "Ostland",
           "(Palabras de apertura – agradecimientos a los anfitriones)"),
    "fr": (("Exporter en PDF", "Obtenir le lien court de cette page",
            "Partager cette page surTwitterFacebookLinkedin", "FR Français"),
           ("Discours", "Oratrice", "Ville", "Pays", "Date"), "Ostland",
           "(Mots d'ouverture – remerciements aux hôtes)"),
    "ru": (("Экспорт в PDF", "Получить короткую ссылку на страницу",
            "Поделиться страницей вTwitterFacebookLinkedin", "RU Русский"),
           ("Выступление", "Докладчик", "Город", "Страна", "Дата"), "Остланд",
           "(Вступительные слова – благодарность организаторам)"),
}  # fmt: skip
BULLETIN = {
    "de": ("Presseinformationen der Regierung", "Ende", "Herausgegeben um 16:30 Uhr",
           "Nachrichtenarchiv", "Zurück nach oben"),
    "en": ("Government press releases", "Ends", "Issued at 16:30", "News archive",
           "Back to top"),
    "es": ("Comunicados del Gobierno", "Fin", "Publicado a las 16:30", "Archivo de noticias",
           "Volver arriba"),
    "fr": ("Communiqués du gouvernement", "Fin", "Publié à 16 h 30", "Archives des actualités",
           "Retour en haut"),
    "ru": ("Пресс-релизы правительства", "Конец", "Опубликовано в 16:30", "Архив новостей",
           "Наверх"),
}  # fmt: skip
DIGEST = {
    "de": ("Datum des Artikels:", "Tagesnachrichten vom:", "Land:", "Autor:",
           "Sprache des Artikels:", "OSTLAND", "» mehr Informationen", "» google translate"),
    "en": ("Date of article:", "Daily news of:", "Country:", "Author:", "Article language:",
           "OSTLAND", "» more information", "» google translate"),
    "es": ("Fecha del artículo:", "Noticias del día:", "País:", "Autor:", "Idioma del artículo:",
           "OSTLAND", "» más información", "» google translate"),
    "fr": ("Date de l'article :", "Actualités du :", "Pays :", "Auteur :", "Langue de l'article :",
           "OSTLAND", "» plus d'informations", "» google translate"),
    "ru": ("Дата статьи:", "Новости дня:", "Страна:", "Автор:", "Язык статьи:", "ОСТЛАНД",
           "» подробнее", "» google translate"),
}  # fmt: skip
OBSERVERS = {
    "de": ("PRESSEMITTEILUNG der Kommission für die Nördlichen Flüsse",
           "Für weitere Informationen wenden Sie sich bitte an:"),
    "en": ("PRESS RELEASE from the Northern Rivers Commission", "For further information contact:"),
    "es": ("COMUNICADO DE PRENSA de la Comisión de los Ríos del Norte",
           "Para más información, diríjase a:"),
    "fr": ("COMMUNIQUÉ DE PRESSE de la Commission des rivières du Nord",
           "Pour de plus amples informations, veuillez contacter :"),
    "ru": ("ПРЕСС-РЕЛИЗ Комиссии северных рек", "За дополнительной информацией обращайтесь:"),
}  # fmt: skip
ASSEMBLY = {
    "de": ("Logo Versammlung Logo Plenarsaal", ("Versammlung", "Nachrichten", "Dokumente"),
           "Dieser Artikel ist älter als drei Jahre. Zu diesem Thema gibt es womöglich neuere "
           "Informationen.", "Verwandte Nachrichten"),
    "en": ("Logo Assembly Logo Chamber", ("Assembly", "News", "Documents"),
           "This item was published more than three years ago. Newer information on the matter "
           "may be available.", "Related news"),
    "es": ("Logo Asamblea Logo Hemiciclo", ("Asamblea", "Noticias", "Documentos"),
           "Este artículo tiene más de tres años. Puede haber información más reciente sobre el "
           "tema.", "Noticias relacionadas"),
    "fr": ("Logo Assemblée Logo Hémicycle", ("Assemblée", "Actualités", "Documents"),
           "Cet article date de plus de trois ans. Des informations plus récentes sur le sujet "
           "peuvent exister.", "Actualités liées"),
    "ru": ("Логотип Ассамблеи Логотип зала", ("Ассамблея", "Новости", "Документы"),
           "Этой статье более трех лет. По этой теме может быть более свежая информация.",
           "Связанные новости"),
}  # fmt: skip
ASSEMBLY_LEAD = {
    "de": "Zum Abschluss der Frühjahrstagung rief die Vorsitzende die Mitglieder dazu auf, die "
    "Zusagen für die gemeinsamen Flüsse noch in diesem Jahr in nationales Recht umzusetzen.",
    "en": "Closing the spring session, the Chair urged members to turn their pledges for the "
    "shared rivers into national law before the end of the year.",
    "es": "Al clausurar la sesión de primavera, la Presidenta instó a los miembros a incorporar "
    "antes de fin de año a su derecho nacional los compromisos sobre los ríos compartidos.",
    "fr": "En clôturant la session de printemps, la Présidente a exhorté les membres à traduire "
    "avant la fin de l'année dans leur droit national leurs engagements pour les rivières "
    "communes.",
    "ru": "Закрывая весеннюю сессию, Председатель призвала членов до конца года закрепить в "
    "национальном законодательстве свои обязательства в отношении общих рек.",
}


def _numbered(f: Front) -> str:
    """Return the body with its paragraphs numbered under their headings (1.1., 1.2.)."""
    out, head, para = [], 0, 0
    heads = any(kind == "head" for kind, _ in f.body)
    for kind, text in f.body:
        if kind == "head":
            head, para = head + 1, 0
            out.append(f"<h2>{_e(text)}</h2>")
        else:
            para += 1
            number = f"{max(head, 1)}.{para}." if heads else f"{para}."
            out.append(f"<p>{number} {_e(text)}</p>")
    return "".join(out)


def _reference(f: Front) -> str:
    v = VIEWER[f.lang]
    long = format_date(_date(f.iso), "long", locale=f.lang)
    return f"{v[2]} | {v[3]} {15000 + int(f.symbol.split('/')[-1][:3])} | {long}"


def assembly_document(f: Front) -> str:
    v = VIEWER[f.lang]
    return f"""<html lang="{f.lang}"><body><div class="tools"><p><a href="#">{_e(v[0])}</a></p>
<p><a href="#">{_e(v[1])}</a></p></div><div class="doc"><p class="ref">{_e(_reference(f))}</p>
<h1>{_e(f.title)}</h1>{_numbered(f)}</div></body></html>"""


def ombudsman_speech(f: Front) -> str:
    t = TOOLS[f.lang]
    long = format_date(_date(f.iso), "long", locale=f.lang)
    return f"""<html lang="{f.lang}"><body>{_links(t[0], "tools")}<h1>{_e(f.title)}</h1>
<p class="fields">{_e(_fields(f))}</p><div class="speech"><h2>{_e(f.title)}</h2>
<p>{_e(long)} - {CITY[f.lang]}</p><p>Maria Lindqvist</p><p>{_e(t[3])}</p>{_body(f)}</div>
</body></html>"""


def _fields(f: Front) -> str:
    t, day = TOOLS[f.lang], _date(f.iso)
    weekday, long = format_date(day, "EEEE", locale=f.lang), format_date(day, "long", locale=f.lang)
    n = t[1]
    return (f"{n[0]} - {n[1]} Maria Lindqvist - {n[2]} {CITY[f.lang]} - {n[3]} {t[2]} - {n[4]} "
            f"{weekday} | {long}")  # fmt: skip


def _ends(f: Front) -> str:
    day = _date(f.iso)
    return f"{BULLETIN[f.lang][1]}/{format_date(day, 'full', locale=f.lang)}"


def gov_bulletin(f: Front) -> str:
    b = BULLETIN[f.lang]
    paras = "".join(
        f"<h3>{_e(t)}</h3>" if kind == "head" else f"<p>\u00a0\u00a0\u00a0\u00a0 {_e(t)}</p>"
        for kind, t in f.body
    )
    return f"""<html lang="{f.lang}"><body><div class="banner">{_e(b[0])}</div>
<div id="content"><h1>{_e(f.title)}</h1>{paras}<p>{_e(_ends(f))}</p><p>{_e(b[2])}</p></div>
<div class="foot"><a href="#">{_e(b[3])}</a> | <a href="#">{_e(b[4])}</a></div></body></html>"""


def news_digest(f: Front) -> str:
    d, s = DIGEST[f.lang], SITE[f.lang]
    day = _date(f.iso)
    later = (day + datetime.timedelta(days=2)).strftime("%d/%m/%Y")
    body = _body(f).replace("<p>", f"<p>{_e(d[5])} | ", 1)
    others = [n for n, code in zip(SWITCHER, LANGS, strict=True) if code != f.lang][:2]
    translate = "".join(f'<p><a href="#">{_e(d[7])} ({n})</a></p>' for n in others)
    return f"""<html lang="{f.lang}"><body><h2>{_e(f.title)}</h2><div class="fields">
<p>{_e(d[0])} {day.strftime("%d/%m/%Y")}</p><p>{_e(d[1])} {later}</p><p>{_e(d[2])} {_e(d[5])}</p>
<p>{_e(d[3])} {s["org"]}</p><p>{_e(d[4])} {f.lang}</p></div>{body}
<p><a href="#">{_e(d[6])}</a></p>{translate}</body></html>"""


def observer_release(f: Front) -> str:
    o = OBSERVERS[f.lang]
    contacts = "".join(
        f"<p>{name}, NRC, +00 100 200 30 {k}, [email&#160;protected]</p>"
        for k, name in ((41, "Anna Berg"), (43, "Jon Sale"))
    )
    return f"""<html lang="{f.lang}"><body><p class="from">{_e(o[0])}</p>
<h1>{_e(f.title)}</h1>{_body(f, glue_date=True)}<p>{_e(o[1])}</p>{contacts}</body></html>"""


def assembly_news(f: Front) -> str:
    a = ASSEMBLY[f.lang]
    long = format_date(_date(f.iso), "long", locale=f.lang)
    related = [t[f.lang] for t in TITLES if t[f.lang] != f.title][:3]
    return f"""<html lang="{f.lang}"><body><div class="logos">{_e(a[0])}</div>{_links(a[1])}
<main><h1>{_e(f.title)}</h1><p class="date">{_e(long)}</p>
<p class="lead">{_e(ASSEMBLY_LEAD[f.lang])}</p>
<div class="old"><p>{_e(a[2])}</p></div>{_body(f)}</main>
<aside><h3>{_e(a[3])}</h3>{_links(related)}</aside></body></html>"""


# --- a ninth unseen set, written before any tuning on the eighth --------------------------
# (a security organisation's newsroom item with a field block ("Publishing date:", "Content
# type:", "Where we are:", "What we do:"), a "PLACE/PLACE, date –" dateline glued to the text,
# a contacts block (a name, a role, "Office:", "Mobile:", an address) and related items'
# titles; a human-rights office's statement with its postal address above, language codes
# ("DE EN ES FR RU"), a kind label above the title and an "entity dd/mm/yyyy place" line; an
# executive's daily news with accessibility lines ("Navigation path", "Additional tools"),
# "Other available languages: none", the series name, "Daily News dd / mm / yyyy", a
# "Place, date" line above the title and a bracketed "(For more information: … – Tel.: …)"
# paragraph after the text; a press-release wire reposting the item under a sentence that
# counts its releases, a "date time GMT" line, a "COUNTRY, day month –" dateline without the
# year and a long legal disclaimer after the text; a permanent mission's statement page with
# its name, a pipe menu, a two-language switcher with pipes, a citizen-services block whose
# labels and values stand on lines of their own, a "(Place, date)" line above the title,
# "Presenter:" / "Location:" fields and a salutation; a foreign ministry's speech record with
# the kind in capitals, "Speaker:", "Date:" (month first, two-digit year: "03/14/26"),
# "Event:", "Location:" fields on lines of their own and the speaker glued to the first
# paragraph ("Name (introduction): …"); a council portal's headline item under a rubric and
# a numeric date with "Headlines", a photo caption with its credit under the title and a
# "Place. dd.mm.yyyy –" dateline glued to the text, "More information" and links after it.
# Learned from real pages (a security organisation's newsroom, a human-rights commissioner's
# and a council's news, an executive's daily news, a press-release wire, permanent missions'
# and a foreign ministry's statement and speech pages), written here in our own words)

NEWSROOM9 = {
    "de": ("Veröffentlichungsdatum:", "Inhaltstyp: Pressemitteilung", "Wo wir arbeiten:",
           "Was wir tun: Wasserwirtschaft", "Kontakte", "Sprecherin", "Büro:", "Mobil:",
           "Verwandte Inhalte"),
    "en": ("Publishing date:", "Content type: Press release", "Where we are:",
           "What we do: Water management", "Contacts", "Spokesperson", "Office:", "Mobile:",
           "Related content"),
    "es": ("Fecha de publicación:", "Tipo de contenido: Comunicado de prensa", "Dónde estamos:",
           "Qué hacemos: Gestión del agua", "Contactos", "Portavoz", "Oficina:", "Móvil:",
           "Contenido relacionado"),
    "fr": ("Date de publication :", "Type de contenu : Communiqué de presse", "Où nous sommes :",
           "Ce que nous faisons : Gestion de l'eau", "Contacts", "Porte-parole", "Bureau :",
           "Portable :", "Contenus liés"),
    "ru": ("Дата публикации:", "Тип материала: Пресс-релиз", "Где мы работаем:",
           "Чем мы занимаемся: Управление водными ресурсами", "Контакты", "Пресс-секретарь",
           "Офис:", "Моб.:", "Материалы по теме"),
}  # fmt: skip
RIGHTS_OFFICE = {
    "de": ("Erklärung", "Beauftragte für die Flüsse", "Pressekontakt: Jon Sale, +00 100 200 30 43"),
    "en": ("Statement", "Commissioner for the Rivers",
           "Press contact: Jon Sale, +00 100 200 30 43"),
    "es": ("Declaración", "Comisionada para los Ríos",
           "Contacto de prensa: Jon Sale, +00 100 200 30 43"),
    "fr": ("Déclaration", "Commissaire aux rivières",
           "Contact presse : Jon Sale, +00 100 200 30 43"),
    "ru": ("Заявление", "Уполномоченный по рекам",
           "Контакт для прессы: Джон Сейл, +00 100 200 30 43"),
}  # fmt: skip
ADDRESS9 = ("1 Rue du Fleuve", "F-00000 Tarvel Cedex", "Tel. +00 100 200 30 40", "www.nrc.example")
DAILY9 = {
    "de": (("Navigationspfad", "Linke Navigation", "Zusätzliche Werkzeuge",
            "Weitere verfügbare Sprachen: keine"), "Tägliche Nachrichten",
           "(Für weitere Informationen: Anna Berg – Tel.: +00 100 200 30 41; Jon Sale – Tel.: "
           "+00 100 200 30 43)", ("Druckfreundliche PDF", "Nach oben")),
    "en": (("Navigation path", "Left navigation", "Additional tools",
            "Other available languages: none"), "Daily News",
           "(For more information: Anna Berg – Tel.: +00 100 200 30 41; Jon Sale – Tel.: "
           "+00 100 200 30 43)", ("Print friendly pdf", "Top")),
    "es": (("Ruta de navegación", "Navegación izquierda", "Herramientas adicionales",
            "Otras lenguas disponibles: ninguna"), "Noticias del día",
           "(Para más información: Anna Berg – Tel.: +00 100 200 30 41; Jon Sale – Tel.: "
           "+00 100 200 30 43)", ("PDF para imprimir", "Arriba")),
    "fr": (("Chemin de navigation", "Navigation de gauche", "Outils supplémentaires",
            "Autres langues disponibles : aucune"), "Nouvelles du jour",
           "(Pour plus d'informations : Anna Berg – Tél. : +00 100 200 30 41 ; Jon Sale – "
           "Tél. : +00 100 200 30 43)", ("PDF imprimable", "Haut")),
    "ru": (("Путь навигации", "Левая навигация", "Дополнительные инструменты",
            "Другие доступные языки: нет"), "Новости дня",
           "(Дополнительная информация: Анна Берг – тел.: +00 100 200 30 41; Джон Сейл – тел.: "
           "+00 100 200 30 43)", ("PDF для печати", "Наверх")),
}  # fmt: skip
WIRE = {
    "de": ("In den letzten 24 Stunden wurden 107 Pressemitteilungen veröffentlicht, in den "
           "letzten 365 Tagen 448.052.", "Vertriebskanäle: Umwelt, Politik",
           "Rechtlicher Hinweis: Der Verteiler stellt diese Inhalte ohne jede Gewähr bereit und "
           "übernimmt keine Verantwortung für die darin enthaltenen Informationen. Bei Fragen "
           "zum Inhalt wenden Sie sich bitte an den genannten Autor."),
    "en": ("There were 107 press releases posted in the last 24 hours and 448,052 in the last "
           "365 days.", "Distribution channels: Environment, Politics",
           "Legal disclaimer: the distributor provides this content as it is, without warranty "
           "of any kind, and bears no responsibility for the information it holds. Please "
           "contact the author named above with any question about it."),
    "es": ("En las últimas 24 horas se publicaron 107 comunicados de prensa y 448.052 en los "
           "últimos 365 días.", "Canales de distribución: Medio ambiente, Política",
           "Aviso legal: el distribuidor ofrece este contenido tal cual, sin garantía de ningún "
           "tipo, y no asume responsabilidad alguna por la información que contiene. Para "
           "cualquier pregunta, diríjase al autor indicado."),
    "fr": ("107 communiqués de presse ont été publiés ces dernières 24 heures et 448 052 ces "
           "365 derniers jours.", "Canaux de diffusion : Environnement, Politique",
           "Avertissement juridique : le diffuseur fournit ce contenu tel quel, sans garantie "
           "d'aucune sorte, et n'assume aucune responsabilité quant aux informations qu'il "
           "contient. Pour toute question, adressez-vous à l'auteur indiqué."),
    "ru": ("За последние 24 часа опубликовано 107 пресс-релизов, за последние 365 дней — "
           "448 052.", "Каналы распространения: Экология, Политика",
           "Правовая оговорка: распространитель предоставляет этот материал как есть, без "
           "каких-либо гарантий, и не несет ответственности за содержащуюся в нем информацию. "
           "С вопросами обращайтесь к указанному автору."),
}  # fmt: skip
MISSION9 = {
    "de": ("Ständige Vertretung Ostlands bei der Kommission für die Nördlichen Flüsse",
           ("Startseite", "Erklärungen", "Kontakt"), ("Deutsch", "English"),
           ("BÜRGERSERVICE", "Telefon vor Ort:", "+00 100 200 30 40", "Adresse:",
            "1 Flussstraße - Tarvel", "E-Mail:"), ("Vortragende:", "Ort:"),
           "Botschafterin Maria Lindqvist", "Herr Vorsitzender,"),
    "en": ("Permanent Mission of Ostland to the Northern Rivers Commission",
           ("Home", "Statements", "Contact"), ("English", "Español"),
           ("CITIZEN SERVICES", "Local phone:", "+00 100 200 30 40", "Address:",
            "1 River Street - Tarvel", "E-mail:"), ("Presenter:", "Location:"),
           "Ambassador Maria Lindqvist", "Mr. Chair,"),
    "es": ("Misión Permanente de Ostland ante la Comisión de los Ríos del Norte",
           ("Inicio", "Declaraciones", "Contacto"), ("Español", "English"),
           ("ATENCIÓN AL CIUDADANO", "Teléfono local:", "+00 100 200 30 40", "Dirección:",
            "1 Calle del Río - Tarvel", "Correo electrónico:"), ("Presentadora:", "Ubicación:"),
           "Embajadora Maria Lindqvist", "Señor Presidente:"),
    "fr": ("Mission permanente de l'Ostland auprès de la Commission des rivières du Nord",
           ("Accueil", "Déclarations", "Contact"), ("Français", "English"),
           ("SERVICES AUX CITOYENS", "Téléphone local :", "+00 100 200 30 40", "Adresse :",
            "1 rue de la Rivière - Tarvel", "Courriel :"), ("Intervenante :", "Lieu :"),
           "Ambassadrice Maria Lindqvist", "Monsieur le Président,"),
    "ru": ("Постоянное представительство Остланда при Комиссии северных рек",
           ("Главная", "Заявления", "Контакты"), ("Русский", "English"),
           ("ОБСЛУЖИВАНИЕ ГРАЖДАН", "Местный телефон:", "+00 100 200 30 40", "Адрес:",
            "ул. Речная, 1 - Тарвел", "Эл. почта:"), ("Выступающий:", "Место:"),
           "Посол Мария Линдквист", "Господин Председатель,"),
}  # fmt: skip
RECORD9 = {
    "de": ("REDE", ("Redner:", "Datum:", "Veranstaltung:", "Ort:"),
           "Maria Lindqvist, Vorsitzende der Kommission", "Frühjahrstagung der Kommission",
           "Tarvel, Haus der Kommission", "Einleitung", ("Drucken", "An einen Freund senden")),
    "en": ("SPEECH", ("Speaker:", "Date:", "Event:", "Location:"),
           "Maria Lindqvist, Chair of the Commission", "Spring session of the Commission",
           "Tarvel, Commission House", "introduction", ("Print", "Send to a friend")),
    "es": ("DISCURSO", ("Orador:", "Fecha:", "Evento:", "Lugar:"),
           "Maria Lindqvist, Presidenta de la Comisión", "Sesión de primavera de la Comisión",
           "Tarvel, Casa de la Comisión", "introducción", ("Imprimir", "Enviar a un amigo")),
    "fr": ("DISCOURS", ("Intervenant :", "Date :", "Événement :", "Lieu :"),
           "Maria Lindqvist, Présidente de la Commission", "Session de printemps de la Commission",
           "Tarvel, Maison de la Commission", "introduction", ("Imprimer", "Envoyer à un ami")),
    "ru": ("ВЫСТУПЛЕНИЕ", ("Докладчик:", "Дата:", "Мероприятие:", "Место:"),
           "Мария Линдквист, Председатель Комиссии", "Весенняя сессия Комиссии",
           "Тарвел, Дом Комиссии", "вступление", ("Печать", "Отправить другу")),
}  # fmt: skip
HEADLINES = {
    "de": ("Forum der Flüsse", "Schlagzeilen",
           "Die Vorsitzende eröffnet die Frühjahrstagung in Tarvel. Foto: NRC/J. Sale",
           "Weitere Informationen", ("Dossier zu den Flüssen", "Pressemappe")),
    "en": ("Rivers Forum", "Headlines",
           "The Chair opens the spring session in Tarvel. Photo: NRC/J. Sale",
           "More information", ("Special file on the rivers", "Press kit")),
    "es": ("Foro de los Ríos", "Titulares",
           "La Presidenta inaugura la sesión de primavera en Tarvel. Foto: NRC/J. Sale",
           "Más información", ("Expediente especial sobre los ríos", "Dossier de prensa")),
    "fr": ("Forum des rivières", "À la une",
           "La Présidente ouvre la session de printemps à Tarvel. Photo : NRC/J. Sale",
           "Plus d'informations", ("Dossier spécial sur les rivières", "Dossier de presse")),
    "ru": ("Форум рек", "Главное",
           "Председатель открывает весеннюю сессию в Тарвеле. Фото: NRC/J. Sale",
           "Дополнительная информация", ("Специальный раздел о реках", "Пресс-кит")),
}  # fmt: skip


def _glued(f: Front, opener: str) -> str:
    """Return the body with ``opener`` glued before its first paragraph."""
    return _body(f).replace("<p>", f"<p>{_e(opener)}", 1)


def _lines(items: list[str] | tuple[str, ...]) -> str:
    return "".join(f"<p>{_e(i)}</p>" for i in items)


def osce_newsroom(f: Front) -> str:
    n, s = NEWSROOM9[f.lang], SITE[f.lang]
    long = format_date(_date(f.iso), "long", locale=f.lang)
    where = f"{CITY[f.lang].upper()}/{DIGEST[f.lang][5]}, {long} – "
    related = [t[f.lang] for t in TITLES if t[f.lang] != f.title][-3:]
    contacts = ["Anna Berg", n[5], f"{n[6]} +00 100 200 30 41", f"{n[7]} +00 100 200 30 42",
                "anna.berg@nrc.example"]  # fmt: skip
    return f"""<html lang="{f.lang}"><body><main><h1>{_e(f.title)}</h1><div class="fields">
{_lines([f"{n[0]} {long}", n[1], f"{n[2]} {s['org']}", n[3]])}</div>{_glued(f, where)}
<h3>{_e(n[4])}</h3>{_lines(contacts)}<h3>{_e(n[8])}</h3>{_links(related)}</main></body></html>"""


def _office_line(f: Front) -> str:
    return f"{RIGHTS_OFFICE[f.lang][1]} {_date(f.iso).strftime('%d/%m/%Y')} {CITY[f.lang]}"


def rights_statement(f: Front) -> str:
    r = RIGHTS_OFFICE[f.lang]
    codes = " ".join(f'<a href="#">{c.upper()}</a>' for c in LANGS)
    return f"""<html lang="{f.lang}"><body><div class="address">{_lines(ADDRESS9)}</div>
<p class="langs">{codes}</p><main><p class="kind">{_e(r[0])}</p><h1>{_e(f.title)}</h1>
<p class="meta">{_e(_office_line(f))}</p>{_body(f)}<p>{_e(r[2])}</p></main></body></html>"""


def _daily_date(f: Front) -> str:
    return f"{DAILY9[f.lang][1]} {_date(f.iso).strftime('%d / %m / %Y')}"


def daily_news(f: Front) -> str:
    d, s = DAILY9[f.lang], SITE[f.lang]
    return f"""<html lang="{f.lang}"><body><div class="tools">{_lines(d[0])}</div>
<div class="doc"><p class="series">{_e(s["org"])} - {_e(d[1])}</p><p>{_e(_daily_date(f))}</p>
<p>{_e(f.place_date)}</p><h2>{_e(f.title)}</h2>{_body(f)}<p>{_e(d[2])}</p></div>
<div class="foot">{" ".join(f'<a href="#">{_e(x)}</a>' for x in d[3])}</div></body></html>"""


def _wire_date(f: Front) -> str:
    return f"{format_date(_date(f.iso), 'long', locale=f.lang)} 17:20 GMT"


def wire_repost(f: Front) -> str:
    w = WIRE[f.lang]
    day = format_date(_date(f.iso), "d MMMM", locale=f.lang)
    return f"""<html lang="{f.lang}"><body><p class="counter">{_e(w[0])}</p><article>
<h1>{_e(f.title)}</h1><p class="when">{_e(_wire_date(f))}</p>
{_glued(f, f"{DIGEST[f.lang][5]}, {day} – ")}<p>{_e(w[1])}</p><p class="legal">{_e(w[2])}</p>
</article></body></html>"""


def mission_page(f: Front) -> str:
    m = MISSION9[f.lang]
    menu = " | ".join(f'<a href="#">{_e(x)}</a>' for x in m[1])
    langs = " | ".join(f'<a href="#">{_e(x)}</a>' for x in m[2])
    long = format_date(_date(f.iso), "long", locale=f.lang)
    return f"""<html lang="{f.lang}"><body><p class="mast">{_e(m[0])}</p><p>{menu}</p>
<p>{langs}</p><div class="citizen">{_lines(m[3])}</div><main><p>({CITY[f.lang]}, {_e(long)})</p>
<h1>{_e(f.title)}</h1>{_lines([m[4][0], m[5], m[4][1], CITY[f.lang]])}<p>{_e(m[6])}</p>
{_body(f)}</main></body></html>"""


def speech_fields(f: Front) -> str:
    r = RECORD9[f.lang]
    day = _date(f.iso).strftime("%m/%d/%y")  # month first, two-digit year, as the site prints
    fields = [r[1][0], r[2], r[1][1], day, r[1][2], r[3], r[1][3], r[4]]
    return f"""<html lang="{f.lang}"><body><main><p class="kind">{_e(r[0])}</p>
<h1>{_e(f.title)}</h1><div class="fields">{_lines(fields)}</div>
{_glued(f, f"{r[2].split(',')[0]} ({r[5]}): ")}</main>
<div class="foot">{" | ".join(f'<a href="#">{_e(x)}</a>' for x in r[6])}</div></body></html>"""


def headline_item(f: Front) -> str:
    h = HEADLINES[f.lang]
    day = _date(f.iso)
    where = f"{CITY[f.lang]}. {day.strftime('%d.%m.%Y')} – "
    return f"""<html lang="{f.lang}"><body><div class="rubric"><p>{_e(h[0])}</p>
<p>{day.strftime("%d/%m/%Y")}</p><p>{_e(h[1])}</p></div><article><h1>{_e(f.title)}</h1>
<figure><img src="session.jpg" alt=""><figcaption>{_e(h[2])}</figcaption></figure>
{_glued(f, where)}<h3>{_e(h[3])}</h3>{_links(h[4])}</article></body></html>"""


# --- a tenth unseen set, written before any tuning on the ninth ---------------------------
# (a human-rights court's news tile: a photo's description on a line of its own, then the date
# day first with a two-digit year ("14/03/26"), the title, the text and a press unit's contact
# lines after it (an e-mail address, a phone number, each alone); a statistics office's
# release: a breadcrumb with ">", "Press release No. N of <date>", the title, the text, a
# methodological note under its heading and the press office's contact block (the office, a
# street, a town, "Tel", "Contact form"); a labour organisation's news item: a photo credit
# ("© NRC 2026"), a kind label, the title, the date, a "PLACE (NRC News) –" dateline glued to
# the text and "Media contact:" with an address after it; a central bank's statement whose
# site prints dates month first in every language ("Published: 4/2/2026", "Last updated:
# 4/2/2026 10:05"); an embassy's blog post "Posted on <date> by <embassy>" with categories, a
# reading time, tags and "Previous post" / "Next post"; a news wire's clipped repost under
# "Source: <org>", "Published 04/02/26 08:05 AM" (month first, a two-digit year, in every
# language), the text ending "[…]", "Read the original at …" and a short disclaimer; a
# parliament's press room with "Current language: EN - English", "Share this page:", a
# "Press release · Plenary session · dd-mm-yyyy - 13:05" line and a press officer's name,
# phone and account on lines of their own after the text). Every page also comes as a Word
# file pasted from the page and saved on an old template (its core properties say 2013).
# Learned from real pages (a human-rights court's home page, statistics offices' and a
# government's releases, a labour organisation's news list, central banks' statements, a
# parliament's press room, a wire reposting a statistics office's release), written here in
# our own words)

COURT10 = {
    "de": ("Das Haus der Kommission im Frühling", "Pressekontakte", "presse@nrc.example",
           "Tel.: +00 100 200 30 45"),
    "en": ("The Commission building in spring", "Press contacts", "press@nrc.example",
           "Tel.: +00 100 200 30 45"),
    "es": ("La sede de la Comisión en primavera", "Contactos de prensa", "prensa@nrc.example",
           "Tel.: +00 100 200 30 45"),
    "fr": ("Le bâtiment de la Commission au printemps", "Contacts presse", "presse@nrc.example",
           "Tél. : +00 100 200 30 45"),
    "ru": ("Здание Комиссии весной", "Контакты для прессы", "press@nrc.example",
           "Тел.: +00 100 200 30 45"),
}  # fmt: skip
STATS10 = {
    "de": (("Startseite", "Presse", "Pressemitteilungen"), "Pressemitteilung Nr. {n} vom {long}",
           "Methodischer Hinweis",
           "Die Angaben beruhen auf den gemeinsamen Messungen der Anrainerstaaten und sind "
           "vorläufig.", "Kontakt zur Pressestelle", "Kommission für die Nördlichen Flüsse",
           "Flussstraße 1", "00000 Tarvel", "Tel.: +00 100 200 30 44", "Kontaktformular"),
    "en": (("Home", "Press", "Press releases"), "Press release No. {n} of {long}",
           "Methodological note",
           "The figures rest on the joint measurements of the riparian states and are "
           "provisional.", "Press office contact", "Northern Rivers Commission",
           "1 River Street", "Tarvel 00000", "Tel: +00 100 200 30 44", "Contact form"),
    "es": (("Inicio", "Prensa", "Notas de prensa"), "Nota de prensa n.º {n} de {long}",
           "Nota metodológica",
           "Los datos se basan en las mediciones conjuntas de los Estados ribereños y son "
           "provisionales.", "Contacto de la oficina de prensa", "Comisión de los Ríos del Norte",
           "Calle del Río 1", "00000 Tarvel", "Tel.: +00 100 200 30 44", "Formulario de contacto"),
    "fr": (("Accueil", "Presse", "Communiqués"), "Communiqué de presse n° {n} du {long}",
           "Note méthodologique",
           "Les chiffres reposent sur les mesures communes des États riverains et sont "
           "provisoires.", "Contact du service de presse", "Commission des rivières du Nord",
           "1 rue de la Rivière", "00000 Tarvel", "Tél. : +00 100 200 30 44",
           "Formulaire de contact"),
    "ru": (("Главная", "Пресса", "Пресс-релизы"), "Пресс-релиз № {n} от {long}",
           "Методологическое примечание",
           "Данные основаны на совместных измерениях прибрежных государств и носят "
           "предварительный характер.", "Контакты пресс-службы", "Комиссия северных рек",
           "ул. Речная, 1", "00000 Тарвел", "Тел.: +00 100 200 30 44", "Форма обратной связи"),
}  # fmt: skip
LABOUR10 = {
    "de": ("Pressemitteilung", "NRC-Nachrichten", "Medienkontakt:", ("Teilen", "Drucken")),
    "en": ("Press release", "NRC News", "Media contact:", ("Share", "Print")),
    "es": ("Comunicado de prensa", "Noticias de la NRC", "Contacto con los medios:",
           ("Compartir", "Imprimir")),
    "fr": ("Communiqué de presse", "Nouvelles de la NRC", "Contact médias :",
           ("Partager", "Imprimer")),
    "ru": ("Пресс-релиз", "Новости NRC", "Контакт для СМИ:", ("Поделиться", "Печать")),
}  # fmt: skip
BANK10 = {
    "de": ("Veröffentlicht:", "Zuletzt aktualisiert:", ("Seite drucken", "RSS-Feeds")),
    "en": ("Published:", "Last updated:", ("Print this page", "RSS feeds")),
    "es": ("Publicado:", "Última actualización:", ("Imprimir esta página", "Canales RSS")),
    "fr": ("Publié :", "Dernière mise à jour :", ("Imprimer cette page", "Flux RSS")),
    "ru": ("Опубликовано:", "Последнее обновление:", ("Распечатать страницу", "RSS-ленты")),
}  # fmt: skip
BLOG10 = {
    "de": ("Veröffentlicht am {day} von Botschaft von Ostland", "Kategorien: Aktuelles, "
           "Erklärungen", "Lesezeit: 2 Minuten", "Schlagwörter: Flüsse, Kommission",
           ("← Vorheriger Beitrag", "Nächster Beitrag →")),
    "en": ("Posted on {day} by Embassy of Ostland", "Categories: News, Statements",
           "Reading time: 2 minutes", "Tags: rivers, commission",
           ("← Previous post", "Next post →")),
    "es": ("Publicado el {day} por Embajada de Ostland", "Categorías: Noticias, Declaraciones",
           "Tiempo de lectura: 2 minutos", "Etiquetas: ríos, comisión",
           ("← Entrada anterior", "Entrada siguiente →")),
    "fr": ("Publié le {day} par Ambassade d'Ostland", "Catégories : Actualités, Déclarations",
           "Temps de lecture : 2 minutes", "Étiquettes : rivières, commission",
           ("← Article précédent", "Article suivant →")),
    "ru": ("Опубликовано {day} Посольство Остланда", "Рубрики: Новости, Заявления",
           "Время чтения: 2 минуты", "Метки: реки, комиссия",
           ("← Предыдущая запись", "Следующая запись →")),
}  # fmt: skip
REPOST10 = {
    "de": ("Quelle:", "Veröffentlicht", "Das Original lesen Sie unter www.nrc.example",
           "Dieser Beitrag wurde automatisch übernommen; für seinen Inhalt ist die Quelle "
           "verantwortlich."),
    "en": ("Source:", "Published", "Read the original at www.nrc.example",
           "This item was reposted automatically; its source is responsible for what it says."),
    "es": ("Fuente:", "Publicado", "Lea el original en www.nrc.example",
           "Este artículo se reprodujo automáticamente; su fuente es responsable de su "
           "contenido."),
    "fr": ("Source :", "Publié", "Lire l'original sur www.nrc.example",
           "Cet article a été repris automatiquement ; sa source est responsable de son "
           "contenu."),
    "ru": ("Источник:", "Опубликовано", "Оригинал читайте на www.nrc.example",
           "Материал перепечатан автоматически; за его содержание отвечает источник."),
}  # fmt: skip
HOUSE10 = {
    "de": ("Aktuelle Sprache: DE - Deutsch", "Diese Seite teilen:", "Pressemitteilung",
           "Plenartagung", "Pressereferentin"),
    "en": ("Current language: EN - English", "Share this page:", "Press release",
           "Plenary session", "Press officer"),
    "es": ("Idioma actual: ES - español", "Compartir esta página:", "Nota de prensa",
           "Sesión plenaria", "Responsable de prensa"),
    "fr": ("Langue actuelle : FR - français", "Partager cette page :", "Communiqué de presse",
           "Session plénière", "Attachée de presse"),
    "ru": ("Текущий язык: RU - русский", "Поделиться страницей:", "Пресс-релиз",
           "Пленарная сессия", "Пресс-атташе"),
}  # fmt: skip


def _court_date(f: Front) -> str:
    return _date(f.iso).strftime("%d/%m/%y")  # day first, a two-digit year


def court_news(f: Front) -> str:
    c = COURT10[f.lang]
    return f"""<html lang="{f.lang}"><body><div class="tile"><figure><img src="b.jpg" alt="">
<figcaption>{_e(c[0])}</figcaption></figure><p class="date">{_court_date(f)}</p></div>
<main><h1>{_e(f.title)}</h1>{_body(f)}<h3>{_e(c[1])}</h3>{_lines(c[2:])}</main></body></html>"""


def _stats_line(f: Front) -> str:
    long = format_date(_date(f.iso), "long", locale=f.lang)
    return STATS10[f.lang][1].format(n=f.symbol.split("/")[-1].split("-")[0], long=long)


def stats_release(f: Front) -> str:
    s = STATS10[f.lang]
    crumbs = " > ".join(f'<a href="#">{_e(x)}</a>' for x in s[0])
    return f"""<html lang="{f.lang}"><body><p class="crumbs">{crumbs}</p><main>
<p class="no">{_e(_stats_line(f))}</p><h1>{_e(f.title)}</h1>{_body(f)}<h3>{_e(s[2])}</h3>
<p>{_e(s[3])}</p></main><aside><h3>{_e(s[4])}</h3>{_lines(s[5:])}</aside></body></html>"""


def labour_news(f: Front) -> str:
    n = LABOUR10[f.lang]
    long = format_date(_date(f.iso), "long", locale=f.lang)
    where = f"{CITY[f.lang].upper()} ({n[1]}) – "
    tools = " ".join(f'<a href="#">{_e(x)}</a>' for x in n[3])
    return f"""<html lang="{f.lang}"><body><main><p class="credit">© NRC 2026</p>
<p class="kind">{_e(n[0])}</p><h1>{_e(f.title)}</h1><p class="date">{_e(long)}</p>
{_glued(f, where)}<p>{_e(n[2])}</p><p>newsroom@nrc.example</p><p>{tools}</p></main>
</body></html>"""


def _us_date(f: Front) -> str:
    day = _date(f.iso)
    return f"{day.month}/{day.day}/{day.year}"  # month first, as the bank's site prints it


def bank_statement(f: Front) -> str:
    b = BANK10[f.lang]
    foot = " | ".join(f'<a href="#">{_e(x)}</a>' for x in b[2])
    return f"""<html lang="{f.lang}"><body><main><h1>{_e(f.title)}</h1>
<p class="pub">{_e(b[0])} {_us_date(f)}</p>{_body(f)}
<p class="upd">{_e(b[1])} {_us_date(f)} 10:05</p></main><div class="foot">{foot}</div>
</body></html>"""


def _posted(f: Front) -> str:
    pattern = "MMMM d, y" if f.lang == "en" else "long"  # the blog's English is American
    return BLOG10[f.lang][0].format(day=format_date(_date(f.iso), pattern, locale=f.lang))


def embassy_blog(f: Front) -> str:
    b = BLOG10[f.lang]
    nav = " ".join(f'<a href="#">{_e(x)}</a>' for x in b[4])
    return f"""<html lang="{f.lang}"><body><article><h1>{_e(f.title)}</h1>
<p class="meta">{_e(_posted(f))}</p><p>{_e(b[1])}</p><p>{_e(b[2])}</p>{_body(f)}
<p class="tags">{_e(b[3])}</p></article><p class="nav">{nav}</p></body></html>"""


def _wire10_date(f: Front) -> str:
    day = _date(f.iso).strftime("%m/%d/%y")  # month first, a two-digit year, in every language
    return f"{REPOST10[f.lang][1]} {day} 08:05 AM"


def wire_clip(f: Front) -> str:
    r = REPOST10[f.lang]
    org = SITE[f.lang]["org"]
    return f"""<html lang="{f.lang}"><body><article><p class="src">{_e(r[0])} {_e(org)}</p>
<h1>{_e(f.title)}</h1><p class="when">{_e(_wire10_date(f))}</p>{_body(f)}<p>[…]</p>
<p>{_e(r[2])}</p><p class="legal">{_e(r[3])}</p></article></body></html>"""


def _house_line(f: Front) -> str:
    h = HOUSE10[f.lang]
    return f"{h[2]} · {h[3]} · {_date(f.iso).strftime('%d-%m-%Y')} - 13:05"


def house_press(f: Front) -> str:
    h = HOUSE10[f.lang]
    contact = ["Anna Berg", h[4], "(+00) 477 99 11 57", "@NRC_press"]
    return f"""<html lang="{f.lang}"><body><p class="lang">{_e(h[0])}</p><main>
<p class="line">{_e(_house_line(f))}</p><h1>{_e(f.title)}</h1><p>{_e(h[1])}</p>{_body(f)}
<div class="contact">{_lines(contact)}</div></main></body></html>"""


Layout = Callable[[Front], str]
DEV_LAYOUTS: dict[str, Layout] = {
    "un_press": un_press, "info_centre": info_centre, "newsroom": newsroom,
    "ministry_back": ministry_back, "council": council, "embassy": embassy,
    "eu_portal": eu_portal, "speech_archive": speech_archive,
}  # fmt: skip
UNSEEN_LAYOUTS: dict[str, Layout] = {
    "delivered": delivered, "ticker_portal": ticker_portal, "cookie_wall": cookie_wall,
    "pressroom": pressroom,
}  # fmt: skip
#: written last and kept unseen until the final run: ``documents(..., unseen=True, new=True)``
NEW_UNSEEN_LAYOUTS: dict[str, Layout] = {
    "unic_page": unic_page, "ministry_release": ministry_release, "org_news": org_news,
    "browser_copy": browser_copy,
}  # fmt: skip
#: a third unseen set, written before tuning on the second and run only at the end:
#: ``documents(..., unseen=True, newest=True)``
NEWEST_UNSEEN_LAYOUTS: dict[str, Layout] = {
    "newsroom_item": newsroom_item, "speech_sheet": speech_sheet, "embassy_feed": embassy_feed,
    "un_country": un_country,
}  # fmt: skip
#: a fourth unseen set, written before tuning on the third and run only at the end:
#: ``documents(..., unseen=True, fresh=True)``
FRESH_UNSEEN_LAYOUTS: dict[str, Layout] = {
    "repost_blog": repost_blog, "gov_story": gov_story, "portal_release": portal_release,
    "speech_page": speech_page,
}  # fmt: skip
#: a fifth unseen set, written before tuning on the fourth and run only at the end:
#: ``documents(..., unseen=True, fifth=True)``
FIFTH_UNSEEN_LAYOUTS: dict[str, Layout] = {
    "eu_daily": eu_daily, "briefing_page": briefing_page, "speech_record": speech_record,
    "archived_page": archived_page, "briefing_notes": briefing_notes,
}  # fmt: skip
#: a sixth unseen set, written before tuning on the fifth and run only at the end:
#: ``documents(..., unseen=True, sixth=True)``
SIXTH_UNSEEN_LAYOUTS: dict[str, Layout] = {
    "council_item": council_item, "mission_statement": mission_statement,
    "press_hall": press_hall, "portal_story": portal_story, "federal_release": federal_release,
}  # fmt: skip
#: a seventh unseen set, written before tuning on the sixth and run only at the end:
#: ``documents(..., unseen=True, seventh=True)``
SEVENTH_UNSEEN_LAYOUTS: dict[str, Layout] = {
    "delegation_statement": delegation_statement, "tribunal_release": tribunal_release,
    "office_speech": office_speech, "channel_post": channel_post,
    "agency_speech": agency_speech, "bank_notice": bank_notice,
}  # fmt: skip
#: an eighth unseen set, written before tuning on the seventh and run only at the end:
#: ``documents(..., unseen=True, eighth=True)``
EIGHTH_UNSEEN_LAYOUTS: dict[str, Layout] = {
    "assembly_document": assembly_document, "ombudsman_speech": ombudsman_speech,
    "gov_bulletin": gov_bulletin, "news_digest": news_digest,
    "observer_release": observer_release, "assembly_news": assembly_news,
}  # fmt: skip
#: a ninth unseen set, written before tuning on the eighth and run only at the end:
#: ``documents(..., unseen=True, ninth=True)``
NINTH_UNSEEN_LAYOUTS: dict[str, Layout] = {
    "osce_newsroom": osce_newsroom, "rights_statement": rights_statement,
    "daily_news": daily_news, "wire_repost": wire_repost, "mission_page": mission_page,
    "speech_fields": speech_fields, "headline_item": headline_item,
}  # fmt: skip
#: a tenth unseen set, written before tuning on the ninth and run only at the end:
#: ``documents(..., unseen=True, tenth=True)``; its wire repost is always clipped
TENTH_UNSEEN_LAYOUTS: dict[str, Layout] = {
    "court_news": court_news, "stats_release": stats_release, "labour_news": labour_news,
    "bank_statement": bank_statement, "embassy_blog": embassy_blog, "wire_clip": wire_clip,
    "house_press": house_press,
}  # fmt: skip
# what each layout prints of the front matter (beside the title)
SHOWS = {
    "un_press": ("symbol", "intro"), "info_centre": ("date", "byline"), "newsroom": (),
    "ministry_back": (), "council": ("bylinedate",), "embassy": ("date",),
    "eu_portal": ("date", "symbol"), "speech_archive": ("byline", "date"),
    "delivered": ("byline", "date"), "ticker_portal": ("date", "note"),
    "cookie_wall": ("intro", "symbol"), "pressroom": ("date", "note"),
    "unic_page": ("symbol", "intro"), "ministry_release": (), "org_news": ("byline", "note"),
    "browser_copy": (), "newsroom_item": (), "speech_sheet": ("speaker",),
    "embassy_feed": (), "un_country": ("signature",), "repost_blog": ("issued",),
    "gov_story": ("lead", "editors"), "portal_release": ("lead",),
    "speech_page": ("teaser", "speaker", "speechdate", "caption"),
    "eu_daily": ("date",), "briefing_page": (), "speech_record": ("date", "byline"),
    "archived_page": ("symbol", "date"), "briefing_notes": ("date", "chaired", "intro"),
    "council_item": ("date",), "mission_statement": ("byline", "date"), "press_hall": ("date",),
    "portal_story": ("date",), "federal_release": ("date",),
    "delegation_statement": ("date", "symbol"), "tribunal_release": ("symbol", "date"),
    "office_speech": ("date", "lead", "salute"), "channel_post": ("date",),
    "agency_speech": ("date", "caption", "salute"), "bank_notice": ("date",),
    "assembly_document": ("date",), "ombudsman_speech": ("byline", "date", "speaker", "note"),
    "gov_bulletin": ("date",), "news_digest": ("date", "byline"), "observer_release": (),
    "assembly_news": ("date", "lead"),
    "osce_newsroom": ("date",), "rights_statement": ("date",), "daily_news": ("date",),
    "wire_repost": ("date",), "mission_page": ("date", "byline", "salute"),
    "speech_fields": ("byline", "date"), "headline_item": ("date", "caption"),
    "court_news": ("date",), "stats_release": ("date", "label", "notes"),
    "labour_news": ("date",), "bank_statement": ("date",), "embassy_blog": ("date",),
    "wire_clip": ("date",), "house_press": ("date",),
}  # fmt: skip

# layouts that print no date
UNDATED = frozenset({"un_press", "cookie_wall", "unic_page", "org_news"})
# atoms of the front matter kinds; body atoms count from 0
_ATOM = {"title": -1, "date": -2, "byline": -3, "symbol": -4, "intro": -5, "note": -6,
         "issued": -7, "lead": -8, "editors": -9, "teaser": -12, "caption": -13,
         "chaired": -14}  # fmt: skip
#: kinds of units that are running text beside the body's paragraphs and headings (a lead, a
#: teaser, a photo caption, notes to editors, a sentence stating when a release was issued):
#: never to be lost, though they may leave the body for the front
PROSE = frozenset({"lead", "caption", "notes", "issued"})


# --- documents -----------------------------------------------------------------------------


def _bodies(corpus: Path | None) -> list[dict[str, list[tuple[str, str, int]]]]:
    """Return the bodies: our own text, then windows of the UDHR (kind, text, atom)."""
    out = [{lang: [("p", t, k) for k, t in enumerate(OWN_BODY[lang])] for lang in LANGS}]
    if corpus is None or not (corpus / "udhr" / "gold.json").is_file():
        return out
    gold = read_nway_gold(corpus / "udhr")
    groups = list(enumerate(gold.groups))[2:]  # after the title and the adoption note
    for start in range(0, len(groups) - 8, 4):
        window = groups[start : start + 10]
        body: dict[str, list[tuple[str, str, int]]] = {lang: [] for lang in LANGS}
        for k, group in window:
            for lang in LANGS:
                for i in group[lang]:
                    text = gold.paragraphs[lang][i]
                    kind = "head" if len(text) < 40 and not text.endswith(".") else "p"
                    body[lang].append((kind, text, k))
        out.append(body)
    return out


def documents(
    corpus: Path | None,
    *,
    unseen: bool,
    new: bool = False,
    newest: bool = False,
    fresh: bool = False,
    fifth: bool = False,
    sixth: bool = False,
    seventh: bool = False,
    eighth: bool = False,
    ninth: bool = False,
    tenth: bool = False,
    seed: int = 7,
) -> Iterator[DevDocument]:
    """Yield the dev documents (or the unseen third): each language in another layout.

    With ``new`` (and ``unseen``), the unseen third is laid out by the second unseen set of
    layouts; with ``newest``, every document (the bodies have all been read in other layouts by
    now) is laid out by the third set (:data:`NEWEST_UNSEEN_LAYOUTS`); with ``fresh``, every
    document by the fourth (:data:`FRESH_UNSEEN_LAYOUTS`); with ``fifth``, every document by the
    fifth (:data:`FIFTH_UNSEEN_LAYOUTS`); with ``sixth``, every document by the sixth
    (:data:`SIXTH_UNSEEN_LAYOUTS`); with ``seventh``, every document by the seventh
    (:data:`SEVENTH_UNSEEN_LAYOUTS`); with ``eighth``, every document by the eighth
    (:data:`EIGHTH_UNSEEN_LAYOUTS`); with ``ninth``, every document by the ninth
    (:data:`NINTH_UNSEEN_LAYOUTS`); with ``tenth``, every document by the tenth
    (:data:`TENTH_UNSEEN_LAYOUTS`).
    """
    rng = random.Random(seed)
    bodies = _bodies(corpus)
    for n, body in enumerate(bodies):
        every_body = newest or fresh or fifth or sixth or seventh or eighth or ninth or tenth
        if (n % 3 == 2) != unseen and not every_body:
            continue
        layouts = DEV_LAYOUTS
        if unseen:
            layouts = NEWEST_UNSEEN_LAYOUTS if newest else UNSEEN_LAYOUTS
            layouts = NEW_UNSEEN_LAYOUTS if new else layouts
            layouts = FRESH_UNSEEN_LAYOUTS if fresh else layouts
            layouts = FIFTH_UNSEEN_LAYOUTS if fifth else layouts
            layouts = SIXTH_UNSEEN_LAYOUTS if sixth else layouts
            layouts = SEVENTH_UNSEEN_LAYOUTS if seventh else layouts
            layouts = EIGHTH_UNSEEN_LAYOUTS if eighth else layouts
            layouts = NINTH_UNSEEN_LAYOUTS if ninth else layouts
            layouts = TENTH_UNSEEN_LAYOUTS if tenth else layouts
        names = rng.sample(sorted(layouts), k=min(len(LANGS), len(layouts)))
        while len(names) < len(LANGS):
            names.append(rng.choice(sorted(layouts)))
        clipped = rng.choice(LANGS)
        titles, iso = TITLES[n % len(TITLES)], DATES[n % len(DATES)]
        doc = DevDocument(f"doc{n}")
        for lang, layout in zip(LANGS, names, strict=True):
            place_date = f"{CITY[lang]}, {format_date(_date(iso), 'long', locale=lang)}"
            paras = list(body[lang])
            partial = lang == clipped or layout == "wire_clip"  # a repost clipped by its site
            if partial:  # a clipped page: cut in the middle of a paragraph after the half
                last = max(k for k, (kind, _, _) in enumerate(paras) if kind == "p")
                cut = next(k for k in range(len(paras) // 2, last + 1) if paras[k][0] == "p")
                kind, text, atom = paras[cut]
                words = text.split()
                paras = paras[:cut] + [(kind, " ".join(words[: len(words) // 2]), atom)]
            symbol = f"NRC/PR/{100 + n}-2026"
            front = Front(
                lang,
                titles[lang],
                place_date,
                [(k, t) for k, t, _ in paras],
                symbol,
                iso,
                partial,
            )
            units = [Unit("title", titles[lang], _ATOM["title"])]
            units += _fresh_units(layout, lang, iso, paras)
            units += _fifth_units(front, layout)
            units += _sixth_units(front, layout)
            units += _seventh_units(front, layout)
            units += _eighth_units(front, layout)
            units += _ninth_units(front, layout)
            units += _tenth_units(front, layout)
            for shown in SHOWS[layout]:
                if layout in {**FRESH_UNSEEN_LAYOUTS, **FIFTH_UNSEEN_LAYOUTS,
                              **SIXTH_UNSEEN_LAYOUTS, **SEVENTH_UNSEEN_LAYOUTS,
                              **EIGHTH_UNSEEN_LAYOUTS, **NINTH_UNSEEN_LAYOUTS,
                              **TENTH_UNSEEN_LAYOUTS}:  # fmt: skip
                    break  # their units come from _fresh_units, _fifth_units, _sixth_units…
                if shown == "bylinedate":
                    units.append(Unit("byline", f"{BYLINE[lang]} {place_date}", _ATOM["byline"]))
                    continue
                if shown == "speaker":
                    units.append(Unit("byline", SPEAKER[lang], _ATOM["byline"]))
                    continue
                if shown == "signature":  # at the foot: the role line and the date
                    units.append(Unit("byline", ROLE[lang], _ATOM["byline"]))
                    long = format_date(_date(iso), "long", locale=lang)
                    units.append(Unit("date", long, _ATOM["date"]))
                    continue
                text = {"date": place_date, "byline": BYLINE[lang], "symbol": symbol,
                        "intro": INTRO[lang], "note": NOTE[lang]}[shown]  # fmt: skip
                units.append(Unit(shown, text, _ATOM[shown]))
            units += [Unit(kind, text, atom) for kind, text, atom in paras]
            every = {**DEV_LAYOUTS, **UNSEEN_LAYOUTS, **NEW_UNSEEN_LAYOUTS,
                     **NEWEST_UNSEEN_LAYOUTS, **FRESH_UNSEEN_LAYOUTS,
                     **FIFTH_UNSEEN_LAYOUTS, **SIXTH_UNSEEN_LAYOUTS,
                     **SEVENTH_UNSEEN_LAYOUTS, **EIGHTH_UNSEEN_LAYOUTS,
                     **NINTH_UNSEEN_LAYOUTS, **TENTH_UNSEEN_LAYOUTS}  # fmt: skip
            page_html = every[layout](front)
            dated = iso if layout not in UNDATED else None
            doc.pages[lang] = Page(lang, layout, page_html, tuple(units), titles[lang], dated,
                                   partial)  # fmt: skip
        yield doc


def _fresh_units(layout: str, lang: str, iso: str, paras: list[tuple[str, str, int]]) -> list[Unit]:
    """Return the gold units of the fourth set's front matter and extras a layout shows."""
    long = format_date(_date(iso), "long", locale=lang)
    units: list[Unit] = []
    for shown in SHOWS[layout] if layout in FRESH_UNSEEN_LAYOUTS else ():
        if shown == "issued":
            units.append(Unit("issued", ISSUED[lang].format(long=long), _ATOM["issued"]))
        elif shown == "lead":
            units.append(Unit("lead", LEAD[lang], _ATOM["lead"]))
        elif shown == "editors":  # the heading, then the two notes
            units.append(Unit("label", STORY[lang][5], _ATOM["editors"]))
            for k, note in enumerate(EDITORS[lang]):
                units.append(Unit("notes", note, _ATOM["editors"] - 1 - k))
        elif shown == "teaser":
            units.append(Unit("lead", TEASER[lang], _ATOM["teaser"]))
        elif shown == "speaker":
            units.append(Unit("byline", SPEAKER[lang], _ATOM["byline"]))
        elif shown == "speechdate":
            numeric = ".".join(reversed(iso.split("-")))
            units.append(Unit("date", f"{CITY[lang]}, {numeric}", _ATOM["date"]))
        elif shown == "caption" and sum(kind == "p" for kind, _, _ in paras) > 2:
            units.append(Unit("caption", CAPTION[lang], _ATOM["caption"]))
    return units


def _fifth_units(f: Front, layout: str) -> list[Unit]:
    """Return the gold units of the fifth set's front matter a layout shows."""
    if layout not in FIFTH_UNSEEN_LAYOUTS:
        return []
    lang, day = f.lang, _date(f.iso)
    long = format_date(day, "long", locale=lang)
    texts = {
        "eu_daily": {"date": f.place_date},
        "speech_record": {"date": RECORD_PAGE[lang][1].format(long=long),
                          "byline": f"Maria Lindqvist - {ROLE[lang]}"},
        "archived_page": {"symbol": f"{ARCHIVED[lang][2]} "
                          + f.symbol.split("/")[-1].replace("-", "/"),
                          "date": day.strftime("%d/%m/%Y")},
        "briefing_notes": {"date": long, "chaired": CHAIRED[lang], "intro": STATEMENT[lang]},
    }.get(layout, {})  # fmt: skip
    kind = {"chaired": "lead"}  # the chair's paragraph is running text
    return [Unit(kind.get(k, k), texts[k], _ATOM[k]) for k in SHOWS[layout]]


def _sixth_units(f: Front, layout: str) -> list[Unit]:
    """Return the gold units of the sixth set's front matter a layout shows."""
    if layout not in SIXTH_UNSEEN_LAYOUTS:
        return []
    lang = f.lang
    long = format_date(_date(f.iso), "long", locale=lang)
    texts = {
        "council_item": {"date": f"{SECRETARIAT[lang]} {long} {CITY[lang]}"},
        "mission_statement": {"byline": f"{MISSION[lang][1]} {MISSION[lang][2]}", "date": long},
        "press_hall": {"date": format_date(_date(f.iso), "full", locale=lang)},
        "portal_story": {"date": f"{long}, 14:42"},
        "federal_release": {"date": f"({CITY[lang]}, {long}) – {FEDERAL[lang][2]}"},
    }[layout]
    return [Unit(k, texts[k], _ATOM[k]) for k in SHOWS[layout]]


def _seventh_units(f: Front, layout: str) -> list[Unit]:
    """Return the gold units of the seventh set's front matter a layout shows."""
    if layout not in SEVENTH_UNSEEN_LAYOUTS:
        return []
    lang, day = f.lang, _date(f.iso)
    long = format_date(day, "long", locale=lang)
    numeric = day.strftime("%d.%m.%Y")
    texts = {
        "delegation_statement": {"date": f"{DELEGATION[lang][2]} {f.place_date}",
                                 "symbol": f"NRC.DEL/{f.symbol.split('/')[-1]}"},
        "tribunal_release": {"symbol": "RT 047 (2026)", "date": numeric},
        "office_speech": {"date": f"{numeric} - {OFFICE[lang][1]}", "lead": SUMMARY[lang],
                          "salute": " ".join(OFFICE[lang][3])},
        "channel_post": {"date": f"📆 {long}, {CITY[lang]}"},
        "agency_speech": {"date": f"{long} {AGENCY[lang][2]} {' '.join(SWITCHER)}",
                          "caption": AGENCY[lang][3], "salute": AGENCY[lang][4]},
        "bank_notice": {"date": f"{BANK[lang][2]} {day.strftime('%d/%m/%Y')} 09:30"},
    }[layout]  # fmt: skip
    # the summary and the caption are running text; a salutation opens a speech (each
    # layout's own: they do not translate each other)
    atoms = {"lead": -16, "caption": -17, "salute": -15 if layout == "office_speech" else -18}
    return [Unit(k, texts[k], atoms.get(k, _ATOM.get(k, 0))) for k in SHOWS[layout]]


def _eighth_units(f: Front, layout: str) -> list[Unit]:
    """Return the gold units of the eighth set's front matter a layout shows."""
    if layout not in EIGHTH_UNSEEN_LAYOUTS:
        return []
    lang, day = f.lang, _date(f.iso)
    long = format_date(day, "long", locale=lang)
    digest = DIGEST[lang]
    texts = {
        "assembly_document": {"date": _reference(f)},
        "ombudsman_speech": {"byline": _fields(f), "date": f"{long} - {CITY[lang]}",
                             "speaker": "Maria Lindqvist", "note": TOOLS[lang][3]},
        "gov_bulletin": {"date": _ends(f)},
        "news_digest": {"date": f"{digest[0]} {day.strftime('%d/%m/%Y')}",
                        "byline": f"{digest[3]} {SITE[lang]['org']}"},
        "observer_release": {},
        "assembly_news": {"date": long, "lead": ASSEMBLY_LEAD[lang]},
    }[layout]  # fmt: skip
    # the speaker's name alone is one site's; the assembly's lead is running text
    atoms = {"speaker": -19, "lead": -20}
    return [Unit(k, texts[k], atoms.get(k, _ATOM.get(k, 0))) for k in SHOWS[layout]]


def _ninth_units(f: Front, layout: str) -> list[Unit]:
    """Return the gold units of the ninth set's front matter a layout shows."""
    if layout not in NINTH_UNSEEN_LAYOUTS:
        return []
    lang, day = f.lang, _date(f.iso)
    long = format_date(day, "long", locale=lang)
    texts = {
        "osce_newsroom": {"date": f"{NEWSROOM9[lang][0]} {long}"},
        "rights_statement": {"date": _office_line(f)},
        "daily_news": {"date": f.place_date},
        "wire_repost": {"date": _wire_date(f)},
        "mission_page": {"date": f"({CITY[lang]}, {long})", "byline": MISSION9[lang][5],
                         "salute": MISSION9[lang][6]},
        "speech_fields": {"byline": RECORD9[lang][2], "date": day.strftime("%m/%d/%y")},
        "headline_item": {"date": day.strftime("%d/%m/%Y"), "caption": HEADLINES[lang][2]},
    }[layout]  # fmt: skip
    # the caption is running text; the salutation opens one site's speech only
    atoms = {"salute": -21, "caption": -22}
    return [Unit(k, texts[k], atoms.get(k, _ATOM.get(k, 0))) for k in SHOWS[layout]]


def _tenth_units(f: Front, layout: str) -> list[Unit]:
    """Return the gold units of the tenth set's front matter a layout shows."""
    if layout not in TENTH_UNSEEN_LAYOUTS:
        return []
    lang = f.lang
    texts = {
        "court_news": {"date": _court_date(f)},
        "stats_release": {"date": _stats_line(f), "label": STATS10[lang][2],
                          "notes": STATS10[lang][3]},
        "labour_news": {"date": format_date(_date(f.iso), "long", locale=lang)},
        "bank_statement": {"date": f"{BANK10[lang][0]} {_us_date(f)}"},
        "embassy_blog": {"date": _posted(f)},
        "wire_clip": {"date": _wire10_date(f)},
        "house_press": {"date": _house_line(f)},
    }[layout]  # fmt: skip
    # the methodological note is running text of one site only
    atoms = {"label": -23, "notes": -24}
    return [Unit(k, texts[k], atoms.get(k, _ATOM.get(k, 0))) for k in SHOWS[layout]]


def _date(iso: str) -> datetime.date:
    return datetime.date.fromisoformat(iso)


_COPIED_BLOCKS = frozenset({"p", "div", "li", "h1", "h2", "h3", "h4", "nav", "figcaption"})
_COPIED_INLINE = ("a", "span", "b", "i", "em", "br")
# an inline element whose parent is none of these stands on a line of its own when copied
_COPIED_HOLDERS = frozenset({"p", "li", "div", "nav", "h1", "h2", "h3", "figcaption"})


def as_copied_text(page: str) -> str:
    """Return the page as copying it from the browser gives it: a line per block, no
    bullets, no blank lines, inline parts of a block on its line."""
    from lxml import html as lxml_html

    root = lxml_html.fromstring(page)
    for br in root.iter("br"):
        br.tail = "\n" + (br.tail or "")
    lines: list[str] = []
    _walk(root, _COPIED_BLOCKS, _COPIED_INLINE, lines, copied=True)
    return "\n".join(line for _, line in lines) + "\n"


_SAVED_BLOCKS = frozenset({"p", "div", "li", "h1", "h2", "h3", "h4", "section", "header",
                           "footer", "article", "nav", "main", "aside", "figcaption"})  # fmt: skip
_INLINE = ("a", "b", "span", "em", "i", "strong", "time", "small", "br")


def as_saved_text(page: str) -> str:
    """Return the page as a browser's "save as text" gives it: a line per block, list items
    with a bullet, blank lines between blocks, inline elements on their block's line."""
    from lxml import html as lxml_html

    root = lxml_html.fromstring(page)
    for br in root.iter("br"):
        br.tail = "\n" + (br.tail or "")
    lines: list[tuple[str, str]] = []
    _walk(root, _SAVED_BLOCKS, _INLINE, lines, copied=False)
    return "\n\n".join(("• " if tag == "li" else "") + line for tag, line in lines) + "\n"


_DOCX_STYLES = {"h1": "Heading 1", "h2": "Heading 2", "h3": "Heading 3", "li": "List Bullet"}
TEMPLATE_DAY = datetime.datetime(2013, 12, 23, 9, 0)  # the old template a Word file is made from


def as_docx(page: str) -> bytes:
    """Return the page as a Word file made by pasting it, copied from the browser, into a
    document made from an old template: a paragraph per copied line, headings and list items
    in their styles, and the template's core properties (created and modified in 2013)."""
    import io

    import docx
    from lxml import html as lxml_html

    root = lxml_html.fromstring(page)
    for br in root.iter("br"):
        br.tail = "\n" + (br.tail or "")
    lines: list[tuple[str, str]] = []
    _walk(root, _COPIED_BLOCKS, _COPIED_INLINE, lines, copied=True)
    document = docx.Document()
    for tag, line in lines:
        document.add_paragraph(line, style=_DOCX_STYLES.get(tag))
    props = document.core_properties
    props.created = props.modified = props.last_printed = TEMPLATE_DAY
    props.title, props.author = "Letterhead", "Template"
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _walk(
    element: Any,
    blocks: frozenset[str],
    inline: tuple[str, ...],
    out: list[tuple[str, str]],
    *,
    copied: bool,
) -> None:
    """Append the lines of ``element`` in reading order, as (tag, line): a block's own text
    and its inline elements on its lines, a block inside it on lines of its own between
    them (a "Read more" link after an excerpt's paragraph stands after it, alone)."""
    tag = element.tag if isinstance(element.tag, str) else ""
    own = tag in blocks
    buffer: list[str] = [element.text or ""] if own else []
    first = [True]

    def flush() -> None:
        for line in "".join(buffer).split("\n"):
            if line.strip():
                out.append((tag if first[0] else "", " ".join(line.split())))
                first[0] = False
        buffer.clear()

    for child in element:
        ctag = child.tag if isinstance(child.tag, str) else ""
        alone = copied and ctag in ("a", "span") and tag not in _COPIED_HOLDERS
        if own and ctag in inline and not alone:
            buffer.append(child.text_content())
        elif ctag in blocks or alone or _holds_block(child, blocks):
            flush()
            if alone:
                out.append((ctag, " ".join(child.text_content().split())))
            else:
                _walk(child, blocks, inline, out, copied=copied)
        if own:
            buffer.append(child.tail or "")
    flush()


def _holds_block(element: Any, blocks: frozenset[str]) -> bool:
    return any(isinstance(e.tag, str) and e.tag in blocks for e in element.iterdescendants())
