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
(:data:`NEW_UNSEEN_LAYOUTS`, then :data:`NEWEST_UNSEEN_LAYOUTS`, kept unseen until the end).

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
# what each layout prints of the front matter (beside the title)
SHOWS = {
    "un_press": ("symbol", "intro"), "info_centre": ("date", "byline"), "newsroom": (),
    "ministry_back": (), "council": ("bylinedate",), "embassy": ("date",),
    "eu_portal": ("date", "symbol"), "speech_archive": ("byline", "date"),
    "delivered": ("byline", "date"), "ticker_portal": ("date", "note"),
    "cookie_wall": ("intro", "symbol"), "pressroom": ("date", "note"),
    "unic_page": ("symbol", "intro"), "ministry_release": (), "org_news": ("byline", "note"),
    "browser_copy": (), "newsroom_item": (), "speech_sheet": ("speaker",),
    "embassy_feed": (), "un_country": ("signature",),
}  # fmt: skip

# layouts that print no date
UNDATED = frozenset({"un_press", "cookie_wall", "unic_page", "org_news"})
# atoms of the front matter kinds; body atoms count from 0
_ATOM = {"title": -1, "date": -2, "byline": -3, "symbol": -4, "intro": -5, "note": -6}


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
    corpus: Path | None, *, unseen: bool, new: bool = False, newest: bool = False, seed: int = 7
) -> Iterator[DevDocument]:
    """Yield the dev documents (or the unseen third): each language in another layout.

        With ``new`` (and ``unseen``), the unseen third is laid out by the second unseen set of
        layouts; with ``newest``, every document (the bodies have all been read in other layouts by
    now) is laid out by the third set (:data:`NEWEST_UNSEEN_LAYOUTS`).
    """
    rng = random.Random(seed)
    bodies = _bodies(corpus)
    for n, body in enumerate(bodies):
        if (n % 3 == 2) != unseen and not newest:  # newest: every body, in layouts unseen
            continue
        layouts = DEV_LAYOUTS
        if unseen:
            layouts = NEWEST_UNSEEN_LAYOUTS if newest else UNSEEN_LAYOUTS
            layouts = NEW_UNSEEN_LAYOUTS if new else layouts
        names = rng.sample(sorted(layouts), k=min(len(LANGS), len(layouts)))
        while len(names) < len(LANGS):
            names.append(rng.choice(sorted(layouts)))
        clipped = rng.choice(LANGS)
        titles, iso = TITLES[n % len(TITLES)], DATES[n % len(DATES)]
        doc = DevDocument(f"doc{n}")
        for lang, layout in zip(LANGS, names, strict=True):
            place_date = f"{CITY[lang]}, {format_date(_date(iso), 'long', locale=lang)}"
            paras = list(body[lang])
            partial = lang == clipped
            if partial:  # a clipped page: cut in the middle of a paragraph after the half
                last = max(k for k, (kind, _, _) in enumerate(paras) if kind == "p")
                cut = next(k for k in range(len(paras) // 2, last + 1) if paras[k][0] == "p")
                kind, text, atom = paras[cut]
                words = text.split()
                paras = paras[:cut] + [(kind, " ".join(words[: len(words) // 2]), atom)]
            symbol = f"NRC/PR/{100 + n}-2026"
            front = Front(
                lang, titles[lang], place_date, [(k, t) for k, t, _ in paras], symbol, iso
            )
            units = [Unit("title", titles[lang], _ATOM["title"])]
            for shown in SHOWS[layout]:
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
            every = {**DEV_LAYOUTS, **UNSEEN_LAYOUTS, **NEW_UNSEEN_LAYOUTS, **NEWEST_UNSEEN_LAYOUTS}
            page_html = every[layout](front)
            dated = iso if layout not in UNDATED else None
            doc.pages[lang] = Page(lang, layout, page_html, tuple(units), titles[lang], dated,
                                   partial)  # fmt: skip
        yield doc


def _date(iso: str) -> datetime.date:
    return datetime.date.fromisoformat(iso)


def as_copied_text(page: str) -> str:
    """Return the page as copying it from the browser gives it: a line per block, no
    bullets, no blank lines, inline parts of a block on its line."""
    from lxml import html as lxml_html

    root = lxml_html.fromstring(page)
    for br in root.iter("br"):
        br.tail = "\n" + (br.tail or "")
    lines: list[str] = []
    for element in root.iter("p", "div", "li", "h1", "h2", "h3", "h4", "nav", "a", "span"):
        if (
            element.tag in ("a", "span")
            and element.getparent() is not None
            and (element.getparent().tag in ("p", "li", "div", "nav", "h1", "h2", "h3"))
        ):
            continue
        own = (element.text or "") + "".join(
            (c.text_content() if c.tag in ("a", "span", "b", "i", "em", "br") else "")
            + (c.tail or "")
            for c in element
        )
        for line in own.split("\n"):
            if line.strip():
                lines.append(" ".join(line.split()))
    return "\n".join(lines) + "\n"


_SAVED_BLOCKS = frozenset({"p", "div", "li", "h1", "h2", "h3", "h4", "section", "header",
                           "footer", "article", "nav", "main", "aside"})  # fmt: skip
_INLINE = ("a", "b", "span", "em", "i", "strong", "time", "small")


def as_saved_text(page: str) -> str:
    """Return the page as a browser's "save as text" gives it: a line per block, list items
    with a bullet, blank lines between blocks, inline elements on their block's line."""
    from lxml import html as lxml_html

    root = lxml_html.fromstring(page)
    for br in root.iter("br"):
        br.tail = "\n" + (br.tail or "")
    lines: list[str] = []
    for element in root.iter():
        if not isinstance(element.tag, str) or element.tag not in _SAVED_BLOCKS:
            continue
        own = (element.text or "") + "".join(
            (c.text_content() if c.tag in (*_INLINE, "br") else "") + (c.tail or "")
            for c in element
        )
        for line in own.split("\n"):
            if line.strip():
                lines.append(("• " if element.tag == "li" else "") + " ".join(line.split()))
    return "\n\n".join(lines) + "\n"
