"""Phrases that mark the furniture of a web page rather than its text, in several languages.

Readers do not know the language of a page, so every test looks at all languages at once.
Phrases are written lower-case; matching folds case, ``ё`` to ``е``, typographic
apostrophes, and punctuation at the ends. A phrase ending in `` *`` matches any short line
that starts with it ("share on *" matches "Share on Facebook").
"""

from __future__ import annotations

import re
from functools import lru_cache

__all__ = [
    "CONTACT_LABELS",
    "CONTROLS",
    "COOKIE_NOTICES",
    "DATE_LABELS",
    "SECTIONS",
    "date_label_words",
    "is_boilerplate",
    "is_contact",
    "opens_section",
]

# Whole lines that are links or buttons: sharing, printing, navigation, subscriptions.
CONTROLS: dict[str, tuple[str, ...]] = {
    "de": (
        "teilen", "teilen auf *", "seite teilen", "drucken", "seite drucken", "druckversion",
        "druckansicht", "druckfassung", "per e-mail versenden", "per e-mail senden",
        "artikel versenden", "nach oben", "zum seitenanfang", "weiterlesen", "mehr lesen",
        "mehr", "alle meldungen", "alle nachrichten", "alle pressemitteilungen", "abonnieren",
        "newsletter abonnieren", "folgen sie uns", "zum inhalt springen",
        "zum hauptinhalt springen", "sie sind hier", "startseite", "zurück", "weiter",
        "zurück zur übersicht", "vorherige", "nächste", "rss", "pdf herunterladen",
        "herunterladen", "link kopieren", "schließen", "akzeptieren", "alle akzeptieren",
        "sprache", "sprache wählen", "suche", "menü",
    ),
    "en": (
        "share", "share this", "share this page", "share on *", "share via *", "tweet",
        "print", "print this page", "print version", "printable version",
        "printer-friendly version", "printer friendly version", "version for printing",
        "send by e-mail", "send by email", "email this page", "e-mail this page",
        "back to top", "to top", "read more", "more", "more news", "all news",
        "all press releases", "subscribe", "subscribe to *", "follow us", "follow us on *",
        "skip to main content", "skip to content", "you are here", "home", "previous",
        "next", "back", "back to list", "rss", "download", "download pdf", "copy link",
        "close", "accept", "accept all", "accept cookies", "language", "select language",
        "choose language", "search", "menu", "photo", "video",
    ),
    "es": (
        "compartir", "compartir en *", "imprimir", "imprimir página", "versión para imprimir",
        "versión imprimible", "enviar por correo", "enviar por correo electrónico",
        "volver arriba", "ir arriba", "subir", "leer más", "seguir leyendo", "más",
        "todas las noticias", "suscribirse", "suscríbete", "síguenos", "síguenos en *",
        "ir al contenido", "ir al contenido principal", "usted está aquí", "inicio",
        "anterior", "siguiente", "volver", "descargar", "descargar pdf", "copiar enlace",
        "cerrar", "aceptar", "aceptar todo", "idioma", "seleccionar idioma", "buscar", "menú",
        "foto", "vídeo",
    ),
    "fr": (
        "partager", "partager sur *", "imprimer", "imprimer la page", "version imprimable",
        "version à imprimer", "envoyer par e-mail", "envoyer par courriel",
        "envoyer à un ami", "haut de page", "retour en haut", "retour en haut de page",
        "lire la suite", "en savoir plus", "plus", "toutes les actualités",
        "tous les communiqués", "s'abonner", "abonnez-vous", "suivez-nous", "suivez-nous sur *",
        "aller au contenu", "aller au contenu principal", "vous êtes ici", "accueil",
        "précédent", "suivant", "retour", "retour à la liste", "télécharger",
        "télécharger le pdf", "copier le lien", "fermer", "accepter", "tout accepter",
        "langue", "choisir la langue", "rechercher", "menu", "photo", "vidéo",
    ),
    "ru": (
        "поделиться", "поделиться в *", "распечатать", "печать", "версия для печати",
        "распечатать страницу", "отправить по e-mail", "отправить по почте",
        "отправить по электронной почте", "наверх", "вернуться наверх", "читать далее",
        "подробнее", "читать полностью", "все новости", "все материалы", "подписаться",
        "подписаться на *", "мы в социальных сетях", "перейти к основному содержанию",
        "перейти к содержанию", "вы находитесь здесь", "главная", "главная страница", "назад",
        "вперед", "предыдущая", "следующая", "вернуться к списку", "скачать", "скачать pdf",
        "копировать ссылку", "закрыть", "принять", "согласен", "язык", "выбрать язык",
        "поиск", "меню", "фото", "видео", "rss",
    ),
}  # fmt: skip

# Headings that open a block of links or files, not part of the text.
SECTIONS: dict[str, tuple[str, ...]] = {
    "de": (
        "zusätzliche materialien", "weitere materialien", "ergänzende materialien",
        "weitere informationen", "verwandte artikel", "verwandte themen", "ähnliche artikel",
        "ähnliche meldungen", "das könnte sie auch interessieren", "siehe auch", "mehr zum thema",
        "anhänge", "dokumente", "downloads", "schlagwörter", "schlagworte", "teilen",
        "kontakt", "pressekontakt", "links",
    ),
    "en": (
        "additional materials", "additional material", "related materials", "related news",
        "related articles", "related links", "related content", "related documents",
        "related", "see also", "read also", "you may also like", "more on this topic",
        "attachments", "documents", "downloads", "tags", "share", "contact", "contacts",
        "press contact", "media contact", "useful links", "links",
    ),
    "es": (
        "materiales adicionales", "material adicional", "documentos relacionados",
        "noticias relacionadas", "artículos relacionados", "enlaces relacionados",
        "contenido relacionado", "véase también", "ver también", "lea también",
        "más sobre este tema", "adjuntos", "documentos", "descargas", "etiquetas",
        "compartir", "contacto", "contacto de prensa", "enlaces", "enlaces de interés",
    ),
    "fr": (
        "documents complémentaires", "matériaux supplémentaires", "documents associés",
        "documents liés", "articles liés", "articles connexes", "actualités liées",
        "liens utiles", "voir aussi", "à lire aussi", "lire aussi", "sur le même sujet",
        "pièces jointes", "documents", "téléchargements", "mots-clés", "étiquettes",
        "partager", "contact", "contact presse", "liens",
    ),
    "ru": (
        "дополнительные материалы", "дополнительная информация", "материалы по теме",
        "похожие материалы", "похожие новости", "связанные материалы", "связанные документы",
        "новости по теме", "другие материалы", "смотрите также", "см. также", "читайте также",
        "приложения", "документы", "файлы", "теги", "метки", "ключевые слова", "поделиться",
        "контакты", "контактная информация", "пресс-служба", "полезные ссылки", "ссылки",
    ),
}  # fmt: skip

# Labels that open a line of an address or contact block.
CONTACT_LABELS: dict[str, tuple[str, ...]] = {
    "de": ("tel", "telefon", "fax", "e-mail", "email", "anschrift", "adresse", "postanschrift"),
    "en": ("tel", "phone", "telephone", "fax", "e-mail", "email", "address", "postal address"),
    "es": ("tel", "teléfono", "fax", "correo electrónico", "e-mail", "dirección"),
    "fr": ("tél", "tel", "téléphone", "fax", "télécopie", "courriel", "e-mail", "adresse"),
    "ru": ("тел", "телефон", "факс", "e-mail", "эл. почта", "электронная почта", "адрес"),
}

# Openings of cookie and consent notices, which can be long.
COOKIE_NOTICES: dict[str, tuple[str, ...]] = {
    "de": ("diese website verwendet cookies", "wir verwenden cookies"),
    "en": ("this website uses cookies", "this site uses cookies", "we use cookies"),
    "es": ("este sitio web utiliza cookies", "este sitio utiliza cookies", "utilizamos cookies"),
    "fr": ("ce site utilise des cookies", "nous utilisons des cookies", "ce site web utilise"),
    "ru": ("этот сайт использует файлы cookie", "мы используем файлы cookie", "сайт использует"),
}

# Words that may stand beside a date on a line that only dates the page.
DATE_LABELS: dict[str, tuple[str, ...]] = {
    "de": ("veröffentlicht", "veröffentlicht am", "aktualisiert", "datum", "stand", "am", "uhr"),
    "en": ("published", "published on", "updated", "last updated", "date", "posted", "on", "at"),
    "es": ("publicado", "publicado el", "actualizado", "fecha", "el", "a las", "de"),
    "fr": ("publié", "publié le", "mis à jour", "mis à jour le", "date", "le", "à"),
    "ru": ("опубликовано", "обновлено", "дата", "дата публикации", "года", "год", "г", "в"),
}

_MAX_CONTROL_LINE = 120  # characters; anything longer is prose even if it starts alike
_MAX_CONTACT_LINE = 200
_MAX_COOKIE_NOTICE = 600
_PHONE = re.compile(r"^\+?[\d\s().-]{7,}$")
_EMAIL = re.compile(r"^[\w.+-]+@[\w-]+(\.[\w-]+)+$")
_SEPARATORS = re.compile(r"\s*[|/•·,;]\s*|\s{2,}")
_EDGE = re.compile(r"^[\W_]+|[\W_]+$")


def is_boilerplate(text: str) -> bool:
    """Tell whether a short line is only page controls ("Share", "Print | Send by e-mail").

    >>> is_boilerplate("Версия для печати"), is_boilerplate("Share on Facebook")
    (True, True)
    >>> is_boilerplate("Print   Share"), is_boilerplate("The Minister will print it.")
    (True, False)
    """
    if len(text) > _MAX_COOKIE_NOTICE:
        return False
    folded = _fold(text)
    if folded.startswith(_cookie_notices()):
        return True
    if not folded or len(text) > _MAX_CONTROL_LINE:
        return False
    parts = [p for p in (_fold(p) for p in _SEPARATORS.split(text)) if p]
    return all(_is_control_run(p.split()) for p in parts)


def opens_section(text: str) -> bool:
    """Tell whether a heading opens a block of related links, files or contacts.

    >>> opens_section("Дополнительные материалы"), opens_section("Additional materials:")
    (True, True)
    >>> opens_section("Situation in the region")
    False
    """
    return _fold(text) in _sections()


def is_contact(text: str) -> bool:
    """Tell whether a short line belongs to an address or contact block.

    >>> is_contact("Tel.: +7 495 000-00-00"), is_contact("press@example.org")
    (True, True)
    >>> is_contact("The telephone conversation took place on Monday.")
    False
    """
    if len(text) > _MAX_CONTACT_LINE:
        return False
    stripped = text.strip()
    if _PHONE.match(stripped) or _EMAIL.match(stripped):
        return True
    lowered = _fold_case(stripped)
    return any(
        lowered.startswith(label) and lowered[len(label) :].lstrip(". ").startswith(":")
        for label in _contact_labels()
    )


@lru_cache(maxsize=1)
def date_label_words() -> frozenset[str]:
    """Return the lower-case words of every date label, in all languages.

    >>> "опубликовано" in date_label_words()
    True
    """
    return frozenset(w for ls in DATE_LABELS.values() for label in ls for w in label.split())


def _is_control_run(words: list[str]) -> bool:
    """Tell whether ``words`` split into a sequence of control phrases (exact or prefix)."""
    exact, prefixes = _controls()
    reachable = [True] + [False] * len(words)
    for end in range(1, len(words) + 1):
        for start in range(end):
            if reachable[start] and " ".join(words[start:end]) in exact:
                reachable[end] = True
                break
    if reachable[-1]:
        return True
    return len(words) <= 8 and " ".join(words).startswith(prefixes)


def _fold_case(text: str) -> str:
    return text.casefold().replace("ё", "е").replace("’", "'").replace("ʼ", "'")


def _fold(text: str) -> str:
    return " ".join(_EDGE.sub("", _fold_case(text)).split())


@lru_cache(maxsize=1)
def _controls() -> tuple[frozenset[str], tuple[str, ...]]:
    phrases = [_fold_case(p) for ps in CONTROLS.values() for p in ps]
    exact = frozenset(p for p in phrases if not p.endswith(" *"))
    prefixes = tuple(sorted(p[:-1] for p in phrases if p.endswith(" *")))
    return exact, prefixes


@lru_cache(maxsize=1)
def _sections() -> frozenset[str]:
    return frozenset(_fold(p) for ps in SECTIONS.values() for p in ps)


@lru_cache(maxsize=1)
def _contact_labels() -> frozenset[str]:
    return frozenset(_fold_case(label) for ls in CONTACT_LABELS.values() for label in ls)


@lru_cache(maxsize=1)
def _cookie_notices() -> tuple[str, ...]:
    return tuple(sorted(_fold_case(p) for ps in COOKIE_NOTICES.values() for p in ps))
