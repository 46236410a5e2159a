"""Read the main text of a web page: paragraphs, headings and list items, without the furniture.

The steps, each on structural evidence first and phrases second:

1. drop what is never text (scripts, forms, images; a figure's caption stays), site
   navigation (``nav``, ``aside``, ``footer``, a ``header`` outside the article, ARIA
   landmarks such as ``role=navigation``) and elements whose class or id names them as furniture
   (``breadcrumb``, ``share``, ``sidebar``, ``cookie``, ``lang-switcher`` ...), unless they
   hold most of the page's prose;
2. find the main container: the innermost of ``itemprop=articleBody``, ``article``,
   ``main`` or ``role=main`` that holds the densest paragraph text, else that paragraph
   parent itself; an ``h1`` just before it is kept as the first heading;
3. walk it in document order, cutting blocks at ``p``, ``h1``-``h6``, ``li``, ``div`` and
   the like; ``<br>`` cuts only after a sentence end or when doubled;
4. drop blocks that are mostly links, page controls ("Print", "Версия для печати"), rows
   of links with a control among them ("Follow us: Facebook | X | Instagram"), contact
   lines, bare dates, and the sections opened by headings such as "Additional
   materials" (phrases: :mod:`languages.boilerplate`).

Title from ``og:title``, then ``h1``, then ``<title>``; language from ``<html lang>``. The
date is the one the page states (a ``<time>`` in the article, a date line in or just above
the text, a short dated line near its top or end), kept with its wording; the meta tags'
date is recorded as what it is and serves only when the page states none.

What is set aside is recorded (:mod:`aligner.readers.setaside`): every line dropped from the
main text, furniture removed from inside it, and any line of running text outside it; the
site's menus and footers outside the main text are not part of the version.
"""

from __future__ import annotations

import dataclasses
import re
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from lxml import etree
from lxml import html as lxml_html

from aligner.errors import EmptyInputError, FormatError
from aligner.model import RawBlock, Source, SourceText
from aligner.readers import _declared_tag, _decode, _language_code
from aligner.readers._dates import (
    MAX_DATELINE,
    bare_date,
    date_locales,
    dateline,
    find_date,
    stated_date,
    wording,
)
from aligner.readers.front import front_date, split_front
from aligner.readers.setaside import Sorter, contents_box, echoes_title, is_running_text
from aligner.readers.txt import Kind, is_heading, join_lines, squeeze
from languages import boilerplate

__all__ = ["read"]

_NEVER_TEXT = (
    "script", "style", "noscript", "template", "iframe", "object", "embed", "svg", "math",
    "canvas", "form", "button", "input", "select", "textarea", "nav", "aside", "menu",
    "figure", "img", "picture", "video", "audio", "map", "dialog", "address", "footer",
    "link", "meta", "head",
)  # fmt: skip
# never text, yet shown: what they hold is recorded when it was set aside
_SHOWN_FURNITURE = ("nav", "aside", "menu", "footer", "address", "dialog")
_FURNITURE_ROLES = frozenset({
    "navigation", "banner", "contentinfo", "complementary", "search", "menu", "menubar",
    "toolbar", "dialog", "alertdialog", "tablist",
})  # fmt: skip
# parts of class and id names ("article-share-links" -> article, share, links)
_FURNITURE_WORDS = frozenset({
    "nav", "navbar", "navigation", "menu", "menubar", "submenu", "breadcrumb", "breadcrumbs",
    "crumbs", "share", "sharing", "social", "socials", "footer", "sidebar", "cookie",
    "cookies", "consent", "gdpr", "banner", "print", "printer", "languages", "langs",
    "related", "tags", "tagcloud", "pagination", "pager", "comments", "subscribe",
    "newsletter", "search", "modal", "popup", "advert", "ads", "advertisement", "promo",
    "toolbar", "skip", "widget", "rss", "login", "copyright", "contacts", "contact",
    "address", "vcard", "gallery", "topbar", "logo", "invisible",
})  # fmt: skip
# "menu", "nav" and "print" are furniture words on their own: no pair needs them
_SWITCHER = ("switch", "switcher", "selector", "select", "list", "bar", "links")
_FURNITURE_PAIRS = frozenset(
    [("lang", w) for w in _SWITCHER]
    + [("language", w) for w in _SWITCHER]
    + [("sr", "only"), ("visually", "hidden"), ("screen", "reader"), ("d", "none")]
    + [(w, "meta") for w in ("post", "article", "entry", "item", "news", "story", "page")]
)
#: the elements a web page's paragraphs and headings are cut at (``br`` breaks lines too)
BLOCK_TAGS = frozenset({
    "p", "div", "section", "article", "main", "blockquote", "li", "ul", "ol", "dl", "dt",
    "dd", "h1", "h2", "h3", "h4", "h5", "h6", "pre", "table", "tr", "td", "th", "tbody",
    "thead", "tfoot", "caption", "figcaption", "hr", "center", "header", "details",
    "summary", "body", "html",
})  # fmt: skip
_HEADING_TAGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
_INLINE_TAGS = frozenset({"a", "b", "strong", "i", "em", "span", "time", "small", "br"})
_BOLD_TAGS = frozenset({"b", "strong"})
_PROSE_TAGS = ("p", "pre", "blockquote", "li", "td", "dd")
_CLASS_SPLIT = re.compile(r"[\s_\-]+|(?<=[a-z])(?=[A-Z])")
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>")
_ANY_TAG = re.compile(r"<[A-Za-z!/?]")
_WORD = re.compile(r"[^\W\d_]+")
_BR = "\x00"  # stands for <br>; decoded text never holds NUL
_NOT_XML_SPACES = str.maketrans("\x0b\x0c", "  ")
_MOSTLY_LINKS = 0.6  # share of a block's characters inside links
_LONG_PROSE = 150  # characters; a paragraph this long ends a skipped "related" section
_PROSE_LINKS = 0.3  # share of link characters up to which such a paragraph is prose
_MAIN_SHARE = 0.4  # furniture-named elements holding this share of prose are wrappers
_DATE_META = (
    "article:published_time", "og:published_time", "og:article:published_time",
    "datepublished", "date", "dc.date", "dc.date.issued", "dcterms.date", "dcterms.issued",
    "dcterms.created", "pubdate", "publishdate", "publication_date", "citation_date",
)  # fmt: skip


def read(data: bytes, *, source: Source, path: str) -> SourceText:
    """Return the main text of the HTML page in ``data`` (the file at ``path``)."""
    text = _decode.decode(data, path=path, declared=_decode.declared_charset(data))
    root = _parse(text, path)
    lang, tag = _language(root)
    meta = _head_metadata(root)
    body = _body(root)
    # the article's own <time>, before furniture removal takes "post-meta" lines with it
    article_time = _first_date(t for t in body.iter("time") if _main_around(t) is not None)
    any_time = _first_date(body.iter("time"))
    removed = _drop_furniture(body)
    container = _main_container(body)
    first_heading = _heading_before(body, container)
    found = _Walker().walk(container)
    between = _between(first_heading, container) if first_heading is not None else []
    if first_heading is not None:
        # the lines between the title and the text: a byline, a date, an intro
        found[:0] = [f for element in between for f in _Walker().walk(element)]
        found.insert(0, _Found(_text_of(first_heading), "head", 0.0, (), True))
    locales = date_locales(lang)
    blocks, dates, dropped = _keep_text(found, locales=locales)
    dropped = _set_aside_elsewhere(body, [container, *between], first_heading, removed) + dropped
    if not blocks:
        raise EmptyInputError("no text in the HTML page", path=path)
    blocks, front, _ = split_front(blocks, title_at=0 if blocks[0].kind == "head" else None)
    h1 = first_heading if first_heading is not None else container.find(".//h1")
    title = meta.og_title or (_text_of(h1) if h1 is not None else None) or meta.title
    if title and any(echoes_title(b.text, title) for b in blocks):
        dropped += [b.text for b in blocks if echoes_title(b.text, title)]
        blocks = [b for b in blocks if not echoes_title(b.text, title)]
    if title:  # the title printed again below itself, above the text
        blocks, repeats = _without_repeats(blocks, title)
        dropped += repeats
    # the date the page states wins over what its meta tags claim
    stated = (
        article_time
        or (dates[0] if dates else None)
        or front_date(front)
        or stated_date([b.text for b in blocks], locales)
        or _date_before(body, container, locales)
        or any_time
    )
    date, date_text = stated if stated else (meta.date, None)
    if meta.date:
        source = dataclasses.replace(source, metadata=(("HTML meta: published", meta.date),))
    if meta.site and source.publisher is None:
        source = dataclasses.replace(source, publisher=meta.site)
    return SourceText(
        blocks=tuple(blocks),
        source=dataclasses.replace(source, tag=tag) if tag else source,
        lang=lang,
        title=title or None,
        date=date,
        dropped=tuple(dropped),
        date_text=date_text,
        front=front,
    )


def _without_repeats(blocks: list[RawBlock], title: str) -> tuple[list[RawBlock], list[str]]:
    """Set aside the lines above the text, after the title's own, that repeat the title."""
    first = next((i for i, b in enumerate(blocks) if is_running_text(b.text)), len(blocks))
    own = next((i for i, b in enumerate(blocks) if b.text == title), None)
    if own is None:
        return blocks, []
    repeats = [i for i in range(own + 1, first) if blocks[i].text == title]
    return [b for i, b in enumerate(blocks) if i not in repeats], [title for _ in repeats]


def _parse(text: str, path: str) -> lxml_html.HtmlElement:
    # vertical tab and form feed are white space the parser keeps but a tree cannot be given
    # back (lxml refuses them in text it sets): spaces from the start
    text = _XML_DECLARATION.sub("", text, count=1).translate(_NOT_XML_SPACES)
    if not _ANY_TAG.search(text):
        raise FormatError("not HTML: no markup at all (a plain text file? name it .txt)", path=path)
    parser = lxml_html.HTMLParser(remove_comments=True, remove_pis=True)
    try:
        return lxml_html.document_fromstring(text, parser=parser)
    except etree.ParserError as exc:
        if "empty" in str(exc).lower():
            raise EmptyInputError("no text in the HTML page", path=path) from None
        raise FormatError(f"malformed HTML: {exc}", path=path) from None
    except (etree.XMLSyntaxError, ValueError) as exc:
        raise FormatError(f"malformed HTML: {exc}", path=path) from None


def _body(root: lxml_html.HtmlElement) -> lxml_html.HtmlElement:
    body = root.find(".//body")
    return body if body is not None else root


def _language(root: lxml_html.HtmlElement) -> tuple[str | None, str | None]:
    """Return the language the page declares and its full tag when it names a region."""
    # the HTML parser keeps "xml:lang" as a plain attribute name
    declared = root.get("lang") or root.get("xml:lang")
    if not declared:
        for meta in root.iterfind(".//meta[@http-equiv]"):
            if (meta.get("http-equiv") or "").lower() == "content-language":
                declared = meta.get("content")
    return _language_code(declared), _declared_tag(declared)


@dataclass(frozen=True)
class _Meta:
    """Metadata from the page's head."""

    og_title: str | None
    title: str | None  # the longest part of <title>
    site: str | None
    date: str | None


def _head_metadata(root: lxml_html.HtmlElement) -> _Meta:
    """Return what the page's meta tags, ``<title>`` and ``itemprop`` attributes declare."""
    og_title = site = date = None
    for meta in root.iter("meta"):
        key = (meta.get("property") or meta.get("name") or meta.get("itemprop") or "").lower()
        content = squeeze(meta.get("content") or "")
        if not content:
            continue
        if key == "og:title" and og_title is None:
            og_title = content
        elif key in ("og:site_name", "publisher", "dc.publisher") and site is None:
            site = content
        elif key in _DATE_META and date is None:
            date = find_date(content)
    title = None
    title_element = root.find(".//title")
    if title_element is not None and (whole := _text_of(title_element)):
        # "Statement on X | Ministry of Y": the longest part is the page's own title
        title = max(re.split(r"\s+\|\s+", whole), key=len)
    if date is None:
        published = root.iterfind(".//*[@itemprop='datePublished']")
        values = (e.get("datetime") or e.get("content") or "" for e in published)
        date = next(filter(None, map(find_date, values)), None)
    return _Meta(og_title=og_title, title=title, site=site, date=date)


def _first_date(times: Iterable[lxml_html.HtmlElement]) -> tuple[str, str] | None:
    """Return the date of the first ``<time>`` that gives one (in its attribute or its
    text) and the words it shows."""
    for element in times:
        shown = _text_of(element)
        iso = find_date(element.get("datetime") or "") or find_date(shown)
        if iso:
            return iso, shown or iso
    return None


def _main_around(element: lxml_html.HtmlElement) -> lxml_html.HtmlElement | None:
    """Return the nearest declared main element ``element`` sits in, if any."""
    return next((a for a in element.iterancestors() if _declared_main(a)), None)


def _classes(element: lxml_html.HtmlElement) -> tuple[list[str], set[tuple[str, str]]]:
    names = f"{element.get('class') or ''} {element.get('id') or ''}"
    words = [w.lower() for w in _CLASS_SPLIT.split(names) if w]
    return words, set(zip(words, words[1:], strict=False))


def _is_furniture(element: lxml_html.HtmlElement) -> bool:
    if element.get("hidden") is not None or element.get("aria-hidden") == "true":
        return True
    if _HIDDEN_STYLE.search(element.get("style") or ""):
        return True
    if (element.get("role") or "").lower() in _FURNITURE_ROLES:
        return True
    if element.tag == "a" and element.get("hreflang"):
        return True  # a link to the page in another language
    words, pairs = _classes(element)
    return bool(_FURNITURE_WORDS.intersection(words) or _FURNITURE_PAIRS & pairs)


@dataclass(frozen=True)
class _Removed:
    """A furniture element taken out of the page, with where it stood."""

    element: lxml_html.HtmlElement
    ancestors: tuple[lxml_html.HtmlElement, ...]


def _drop_furniture(body: lxml_html.HtmlElement) -> list[_Removed]:
    """Remove what is never the text, keeping wrappers that only sound like furniture.

    Returns the elements removed that may hold visible text (navigation, headers, footers,
    furniture-named blocks), for the record of what was set aside.
    """
    for element in list(body.iter(*_NEVER_TEXT)):
        if element.tag in _SHOWN_FURNITURE:
            continue
        caption = element.find(".//figcaption") if element.tag == "figure" else None
        parent = element.getparent()
        if caption is not None and parent is not None:
            # the picture goes, what its caption says is text (a saved page keeps it too)
            caption.tail = element.tail
            parent.replace(element, caption)
            continue
        _remove(element)
    removed: list[_Removed] = []
    for element in list(body.iter(*_SHOWN_FURNITURE)):
        if _inside(element, body):
            removed.append(_Removed(element, tuple(element.iterancestors())))
            _remove(element)
    for header in list(body.iter("header")):
        if _main_around(header) is None:
            removed.append(_Removed(header, tuple(header.iterancestors())))
            _remove(header)
    mains = [e for e in body.iter() if _declared_main(e)]
    page_prose = _prose_length(body)
    for element in list(body.iter()):
        # an element whose ancestor was removed has left the tree with it
        if element is body or not _is_furniture(element) or not _inside(element, body):
            continue
        if not _is_wrapper(element, mains, page_prose):
            removed.append(_Removed(element, tuple(element.iterancestors())))
            _remove(element)
    return removed


def _set_aside_elsewhere(
    body: lxml_html.HtmlElement,
    read: list[lxml_html.HtmlElement],
    first_heading: lxml_html.HtmlElement | None,
    removed: list[_Removed],
) -> list[str]:
    """Return the lines set aside outside the walk of the main text, in page order.

    Furniture removed from inside the main container is recorded line by line; of what
    stands outside it (the site's menus, header, footer, sidebars) only the lines that
    read as running text are: a menu is not part of the version, a paragraph might be.
    """
    sorter = Sorter()
    for item in removed:
        inside = any(a is r for a in item.ancestors for r in read)
        for found in _Walker().walk(item.element):
            if inside or is_running_text(found.text):
                sorter.set_aside(found.text)
    for element in body.iter(*_PROSE_TAGS):
        if element is first_heading or any(
            element is r or _inside(element, r) or _inside(r, element) for r in read
        ):
            continue
        if any(a.tag in _PROSE_TAGS for a in element.iterancestors()):
            continue  # its text is that of the prose element around it
        text = _text_of(element)
        if is_running_text(text):
            sorter.set_aside(text)
    return sorter.dropped


def _is_wrapper(
    element: lxml_html.HtmlElement, mains: list[lxml_html.HtmlElement], page_prose: int
) -> bool:
    """Tell whether a furniture-named element is in fact a wrapper around the text.

    It is when it holds a declared main element, or most of the prose of the main element
    it sits in (``class="print-content"`` around the text), or, on a page that declares no
    main element, most of the page's prose.
    """
    if _declared_main(element) or any(_inside(main, element) for main in mains):
        return True
    if element.tag == "a":
        return False
    around = _main_around(element)
    if around is None and mains:
        return False
    prose = _prose_length(around) if around is not None else page_prose
    return bool(prose) and _prose_length(element) >= _MAIN_SHARE * prose


def _inside(element: lxml_html.HtmlElement, ancestor: lxml_html.HtmlElement) -> bool:
    return any(a is ancestor for a in element.iterancestors())


def _remove(element: lxml_html.HtmlElement) -> None:
    """Remove ``element`` but keep its tail text, which belongs to the parent."""
    parent = element.getparent()
    if parent is None:
        return
    tail = element.tail
    if tail:
        previous = element.getprevious()
        if previous is not None:
            previous.tail = (previous.tail or "") + tail
        else:
            parent.text = (parent.text or "") + tail
    parent.remove(element)


def _prose_length(element: lxml_html.HtmlElement) -> int:
    """Count the characters of paragraph text outside links under ``element``."""
    prose = element.iter(*_PROSE_TAGS)
    return sum(max(0, len(_text_of(p)) - _link_length(p)) for p in prose)


def _link_length(element: lxml_html.HtmlElement) -> int:
    return sum(len(_text_of(a)) for a in element.iter("a"))


def _main_container(body: lxml_html.HtmlElement) -> lxml_html.HtmlElement:
    """Return the innermost declared main element around the densest prose, else its holder."""
    scores: defaultdict[lxml_html.HtmlElement, float] = defaultdict(float)
    for element in body.iter(*_PROSE_TAGS, "div"):
        text = _own_text(element) if element.tag == "div" else _text_of(element)
        if not text:
            continue
        score = len(text) - _link_length(element)
        parent = element.getparent()
        if score <= 0 or parent is None:
            continue
        scores[parent] += score
        grandparent = parent.getparent()
        if grandparent is not None:
            scores[grandparent] += score / 2
    if not scores:
        return body
    best = max(scores, key=scores.__getitem__)
    return next((e for e in (best, *best.iterancestors()) if _declared_main(e)), best)


def _declared_main(element: lxml_html.HtmlElement) -> bool:
    return (
        element.tag in ("main", "article")
        or element.get("role") == "main"
        or element.get("itemprop") in ("articleBody", "text")
    )


def _own_text(element: lxml_html.HtmlElement) -> str:
    """Return the text of ``element`` that is not inside a child block."""
    parts = [element.text or ""]
    for child in element:
        if isinstance(child.tag, str) and child.tag not in BLOCK_TAGS:
            parts.append(child.text_content())
        parts.append(child.tail or "")
    return squeeze(" ".join(parts))


def _heading_before(
    body: lxml_html.HtmlElement, container: lxml_html.HtmlElement
) -> lxml_html.HtmlElement | None:
    """Return the page's ``h1`` when it stands before the container, not inside it."""
    if container.find(".//h1") is not None or container.tag == "h1":
        return None
    before = None
    for element in body.iter():
        if element is container:
            break
        if element.tag == "h1" and _text_of(element):
            before = element
    return before


def _between(
    heading: lxml_html.HtmlElement, container: lxml_html.HtmlElement
) -> list[lxml_html.HtmlElement]:
    """Return the elements between the page's ``h1`` and the main container, in page order.

    Climbing from the container, the siblings before it at each level, up to the branch
    that holds the heading ("<h1>…</h1><p>By …</p><p>Tarvel, 14 March</p><div>text</div>").
    """
    found: list[lxml_html.HtmlElement] = []
    node: lxml_html.HtmlElement | None = container
    while node is not None and not _inside(heading, node):
        level = []
        sibling = node.getprevious()
        while sibling is not None and sibling is not heading and not _inside(heading, sibling):
            level.append(sibling)
            sibling = sibling.getprevious()
        found[:0] = reversed(level)
        if sibling is not None:
            break
        node = node.getparent()
    return [e for e in found if isinstance(e.tag, str)]


def _date_before(
    body: lxml_html.HtmlElement, container: lxml_html.HtmlElement, locales: tuple[str, ...]
) -> tuple[str, str] | None:
    """Return the date of the last dateline printed above the main text, outside it
    ("14 March 2026 | Print | Share" over a portal's article)."""
    found = None
    for element in body.iter():
        if element is container:
            break
        if not isinstance(element.tag, str) or any(
            isinstance(child.tag, str) and child.tag not in _INLINE_TAGS for child in element
        ):
            continue
        text = _text_of(element)
        if text and len(text) <= MAX_DATELINE:
            iso = dateline(text, locales)
            found = (iso, wording(text, locales) or iso) if iso else found
    return found


def _text_of(element: lxml_html.HtmlElement) -> str:
    return squeeze(element.text_content())


@dataclass(frozen=True)
class _Found:
    """A block as the walk found it, with the evidence the filters need."""

    text: str
    kind: Kind
    links: float  # share of characters inside links
    open_at: tuple[int, ...]  # numbers of the block elements open around it, outermost first
    complete: bool  # flushed when its own element closed
    bold: bool = False


class _Walker:
    """Cut a container into blocks in document order."""

    def __init__(self) -> None:
        self._found: list[_Found] = []
        self._open: list[tuple[int, Kind]] = []  # block elements open: number, kind
        self._pieces: list[tuple[str, bool, bool]] = []  # text, bold, inside a link
        self._count = 0

    def walk(self, container: lxml_html.HtmlElement) -> list[_Found]:
        self._element(container, bold=False, link=False, pre=False)
        self._flush(complete=True)
        return self._found

    def _element(
        self, element: lxml_html.HtmlElement, *, bold: bool, link: bool, pre: bool
    ) -> None:
        tag = element.tag if isinstance(element.tag, str) else ""
        block = tag in BLOCK_TAGS
        bold = bold or tag in _BOLD_TAGS
        link = link or (tag == "a" and element.get("href") is not None)
        if block:
            self._flush(complete=False)
            self._count += 1
            kind: Kind = "head" if tag in _HEADING_TAGS else "item" if tag == "li" else "p"
            self._open.append((self._count, kind))
        if tag == "br":
            self._pieces.append((_BR, bold, False))
        pre = pre or tag == "pre"
        if element.text and tag:
            self._add(element.text, bold=bold, link=link, pre=pre)
        for child in element:
            self._element(child, bold=bold, link=link, pre=pre)
            if child.tail:
                self._add(child.tail, bold=bold, link=link, pre=pre)
        if block:
            self._flush(complete=True)
            self._open.pop()

    def _add(self, text: str, *, bold: bool, link: bool, pre: bool) -> None:
        # in <pre> the line breaks of the source are the text's own
        self._pieces.append((text.replace("\n", _BR) if pre else text, bold, link))

    def _flush(self, *, complete: bool) -> None:
        pieces, self._pieces = self._pieces, []
        if not "".join(p[0] for p in pieces).strip():
            return
        kind: Kind = next((k for _, k in reversed(self._open) if k != "p"), "p")
        open_at = tuple(n for n, _ in self._open)
        for text, links, bold in _split_lines(pieces):
            self._found.append(_Found(text, kind, links, open_at, complete, bold))


def _split_lines(pieces: list[tuple[str, bool, bool]]) -> Iterator[tuple[str, float, bool]]:
    """Yield (text, link share, all bold) per paragraph of one block cut at ``<br>``."""
    paragraphs: list[list[tuple[str, bool, bool]]] = [[]]
    breaks = 0
    for piece in pieces:
        if piece[0] == _BR:
            breaks += 1
        elif piece[0].strip():
            if breaks >= 2:
                paragraphs.append([])
            breaks = 0
        paragraphs[-1].append(piece)
    for paragraph in paragraphs:
        words = [(t, bold, link) for t, bold, link in paragraph if t != _BR and t.strip()]
        if not words:
            continue
        length = sum(len(squeeze(t)) for t, _, _ in words) or 1
        links = sum(len(squeeze(t)) for t, _, link in words if link) / length
        bold = all(b for _, b, _ in words)
        for text in join_lines("".join(t for t, _, _ in paragraph).split(_BR)):
            yield text, links, bold


def _keep_text(
    found: list[_Found], *, locales: tuple[str, ...]
) -> tuple[list[RawBlock], list[tuple[str, str]], list[str]]:
    """Drop link lists, controls, contacts, bare dates, "related" sections and a contents box.

    Returns the blocks kept, the dates of the bare date lines dropped (ISO, wording), and
    the dropped lines.
    """
    blocks: list[RawBlock] = []
    dates: list[tuple[str, str]] = []
    dropped: list[str] = []
    skip_scope: int | None = None  # number of the element whose rest is a related section
    skip_flat = False  # the section heading sits directly in the container
    box = contents_box([block.text for block in found])  # it repeats the headings below
    for at, block in enumerate(found):
        if at in box:
            dropped.append(block.text)
            continue
        if skip_scope is not None:
            if skip_flat:
                long_prose = len(block.text) >= _LONG_PROSE and block.links < _PROSE_LINKS
                if not long_prose and block.kind != "head":
                    dropped.append(block.text)
                    continue
            elif skip_scope in block.open_at:
                dropped.append(block.text)
                continue
            skip_scope, skip_flat = None, False
        heading = block.kind == "head" or (block.bold and is_heading(block.text))
        if heading and boilerplate.opens_section(block.text):
            depth = len(block.open_at) - (2 if block.complete else 1)
            if depth >= 0:
                skip_scope, skip_flat = block.open_at[depth], depth == 0
            dropped.append(block.text)
            continue
        if (
            block.links >= _MOSTLY_LINKS
            or boilerplate.is_boilerplate(block.text)
            or boilerplate.is_contact(block.text)
            or (boilerplate.is_link_row(block.text) and find_date(block.text) is None)
        ):
            dropped.append(block.text)
            continue
        date = bare_date(block.text, locales) or dateline(block.text, locales)
        if date:
            dates.append((date, wording(block.text, locales) or date))
            dropped.append(block.text)
            continue
        kind: Kind = "head" if heading and block.kind != "item" else block.kind
        blocks.append(RawBlock(block.text, kind))
    return blocks, dates, dropped
