"""Read the main text of a web page: paragraphs, headings and list items, without the furniture.

The steps, each on structural evidence first and phrases second:

1. drop what is never text (scripts, forms, images), site navigation (``nav``, ``aside``,
   ``footer``, a ``header`` outside the article, ARIA landmarks such as
   ``role=navigation``) and elements whose class or id names them as furniture
   (``breadcrumb``, ``share``, ``sidebar``, ``cookie``, ``lang-switcher`` ...), unless they
   hold most of the page's prose;
2. find the main container: the innermost of ``itemprop=articleBody``, ``article``,
   ``main`` or ``role=main`` that holds the densest paragraph text, else that paragraph
   parent itself; an ``h1`` just before it is kept as the first heading;
3. walk it in document order, cutting blocks at ``p``, ``h1``-``h6``, ``li``, ``div`` and
   the like; ``<br>`` cuts only after a sentence end or when doubled;
4. drop blocks that are mostly links, page controls ("Print", "Версия для печати"),
   contact lines, bare dates, and the sections opened by headings such as "Additional
   materials" (phrases: :mod:`languages.boilerplate`).

Title from ``og:title``, then ``h1``, then ``<title>``; date from meta tags, ``<time>``, or
a date written on the page (month names from babel); language from ``<html lang>``.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache

from babel import localedata
from babel.dates import get_day_names
from lxml import etree
from lxml import html as lxml_html

from aligner.errors import EmptyInputError, FormatError
from aligner.model import RawBlock, Source, SourceText
from aligner.readers import _decode
from aligner.readers._dates import DATE_LOCALES, date_match, find_date, fold, valid
from aligner.readers.txt import Kind, is_heading, join_lines, squeeze
from languages import boilerplate

__all__ = ["read"]

_NEVER_TEXT = (
    "script", "style", "noscript", "template", "iframe", "object", "embed", "svg", "math",
    "canvas", "form", "button", "input", "select", "textarea", "nav", "aside", "menu",
    "figure", "img", "picture", "video", "audio", "map", "dialog", "address", "footer",
    "link", "meta", "head",
)  # fmt: skip
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
_SWITCHER = ("switch", "switcher", "selector", "select", "menu", "list", "bar", "nav", "links")
_FURNITURE_PAIRS = frozenset(
    [("lang", w) for w in _SWITCHER]
    + [("language", w) for w in _SWITCHER]
    + [("sr", "only"), ("visually", "hidden"), ("screen", "reader"), ("d", "none")]
    + [(w, "meta") for w in ("post", "article", "entry", "item", "news", "story", "page")]
    + [("print", "version")]
)
_BLOCK_TAGS = frozenset({
    "p", "div", "section", "article", "main", "blockquote", "li", "ul", "ol", "dl", "dt",
    "dd", "h1", "h2", "h3", "h4", "h5", "h6", "pre", "table", "tr", "td", "th", "tbody",
    "thead", "tfoot", "caption", "figcaption", "hr", "center", "header", "details",
    "summary", "body", "html",
})  # fmt: skip
_HEADING_TAGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
_BOLD_TAGS = frozenset({"b", "strong"})
_PROSE_TAGS = ("p", "pre", "blockquote", "li", "td", "dd")
_CLASS_SPLIT = re.compile(r"[\s_\-]+|(?<=[a-z])(?=[A-Z])")
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>")
_ANY_TAG = re.compile(r"<[A-Za-z!/?]")
_BR = "\x00"  # stands for <br>; decoded text never holds NUL
_TIME = re.compile(r"\b\d{1,2}[:.]\d{2}(?:\s*(?:am|pm|uhr|h|ч))?\b", re.IGNORECASE)
_DATELINE = 80  # characters; a longer line is prose that mentions a date
_MOSTLY_LINKS = 0.6  # share of a block's characters inside links
_LONG_PROSE = 150  # characters; a paragraph this long ends a skipped "related" section
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
    lang = _language(root)
    meta_title, meta_date = _head_metadata(root)
    body = _body(root)
    # the article's own <time>, before furniture removal takes "post-meta" lines with it
    article_times = [t for t in body.iter("time") if _in_declared_main(t)]
    article_date = next(filter(None, map(_time_date, article_times)), None)
    _drop_furniture(body)
    container = _main_container(body)
    first_heading = _heading_before(body, container)
    found = list(_Walker().walk(container))
    if first_heading is not None:
        found.insert(0, _Found(_text_of(first_heading), "head", 0.0, (), True))
    blocks, dates = _keep_text(found, locales=_date_locales(lang))
    if not blocks:
        raise EmptyInputError("no text in the HTML page", path=path)
    h1 = first_heading if first_heading is not None else container.find(".//h1")
    h1_text = _text_of(h1) if h1 is not None else None
    title = meta_title.get("og") or h1_text or meta_title.get("title")
    date = meta_date or article_date or _time_element(body) or (dates[0] if dates else None)
    if date is None:
        date = _date_near_edges(blocks, _date_locales(lang))
    if meta_title.get("site") and source.publisher is None:
        source = dataclasses.replace(source, publisher=meta_title["site"])
    return SourceText(
        blocks=tuple(blocks), source=source, lang=lang, title=title or None, date=date
    )


def _parse(text: str, path: str) -> lxml_html.HtmlElement:
    text = _XML_DECLARATION.sub("", text, count=1)
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


def _language(root: lxml_html.HtmlElement) -> str | None:
    # the HTML parser keeps "xml:lang" as a plain attribute name
    declared = root.get("lang") or root.get("xml:lang")
    if not declared:
        for meta in root.iterfind(".//meta[@http-equiv]"):
            if (meta.get("http-equiv") or "").lower() == "content-language":
                declared = meta.get("content")
    if not declared:
        return None
    code = re.split(r"[-_,\s]", declared.strip())[0].lower()
    return code if re.fullmatch(r"[a-z]{2,3}", code) and localedata.exists(code) else None


def _head_metadata(root: lxml_html.HtmlElement) -> tuple[dict[str, str], str | None]:
    """Return what the page's meta tags declare: titles (og:title, <title>), site name, date."""
    titles: dict[str, str] = {}
    date: str | None = None
    for meta in root.iter("meta"):
        key = (meta.get("property") or meta.get("name") or meta.get("itemprop") or "").lower()
        content = squeeze(meta.get("content") or "")
        if not content:
            continue
        if key == "og:title" and "og" not in titles:
            titles["og"] = content
        elif key in ("og:site_name", "publisher", "dc.publisher") and "site" not in titles:
            titles["site"] = content
        elif key in _DATE_META and date is None:
            date = _iso_date(content)
    title_element = root.find(".//title")
    if title_element is not None:
        title = squeeze(title_element.text_content())
        if title:
            # "Statement on X | Ministry of Y": the longest part is the page's own title
            titles["title"] = max(re.split(r"\s+\|\s+", title), key=len)
    for element in root.iterfind(".//*[@itemprop]"):
        if date is None and element.get("itemprop") == "datePublished":
            date = _iso_date(element.get("datetime") or element.get("content") or "")
    return titles, date


def _time_element(body: lxml_html.HtmlElement) -> str | None:
    return next(filter(None, map(_time_date, body.iter("time"))), None)


def _time_date(time: lxml_html.HtmlElement) -> str | None:
    return _iso_date(time.get("datetime") or "") or find_date(time.text_content())


def _in_declared_main(element: lxml_html.HtmlElement) -> bool:
    return any(_declared_main(a) for a in element.iterancestors())


def _iso_date(value: str) -> str | None:
    match = re.match(r"\s*(\d{4})-(\d{2})-(\d{2})", value)
    if match and valid(*(int(g) for g in match.groups())):
        return "-".join(match.groups())
    return find_date(value)


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


def _drop_furniture(body: lxml_html.HtmlElement) -> None:
    """Remove what is never the text, keeping wrappers that only sound like furniture.

    A furniture-named element survives when it holds a declared main element, or most of
    the prose of the main element it sits in (``class="print-content"`` around the text),
    or, on a page that declares no main element, most of the page's prose.
    """
    for element in list(body.iter(*_NEVER_TEXT)):
        _remove(element)
    for header in list(body.iter("header")):
        if not any(_declared_main(a) for a in header.iterancestors()):
            _remove(header)
    mains = [e for e in body.iter() if _declared_main(e)]
    page_prose = _prose_length(body)
    for element in list(body.iter()):
        if element is body or not _is_furniture(element) or not _attached(element, body):
            continue
        if _declared_main(element) or any(_inside(main, element) for main in mains):
            continue
        if element.tag == "a":
            _remove(element)
            continue
        around = next((a for a in element.iterancestors() if _declared_main(a)), None)
        if around is None and mains:
            _remove(element)
            continue
        prose = _prose_length(around) if around is not None else page_prose
        if _prose_length(element) < _MAIN_SHARE * prose or not prose:
            _remove(element)


def _inside(element: lxml_html.HtmlElement, ancestor: lxml_html.HtmlElement) -> bool:
    return any(a is ancestor for a in element.iterancestors())


def _attached(element: lxml_html.HtmlElement, body: lxml_html.HtmlElement) -> bool:
    """Tell whether ``element`` is still in the tree (not under a removed ancestor)."""
    return _inside(element, body)


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
    total = 0
    for p in element.iter(*_PROSE_TAGS):
        text = len(squeeze(p.text_content()))
        links = sum(len(squeeze(a.text_content())) for a in p.iter("a"))
        total += max(0, text - links)
    return total


def _main_container(body: lxml_html.HtmlElement) -> lxml_html.HtmlElement:
    """Return the innermost declared main element around the densest prose, else its holder."""
    scores: dict[lxml_html.HtmlElement, float] = {}
    for element in body.iter(*_PROSE_TAGS, "div"):
        if element.tag == "div" and not _own_text(element):
            continue
        own = _own_text(element) if element.tag == "div" else squeeze(element.text_content())
        links = sum(len(squeeze(a.text_content())) for a in element.iter("a"))
        score = max(0.0, len(own) - links)
        if not score:
            continue
        parent = element.getparent()
        if parent is not None:
            scores[parent] = scores.get(parent, 0.0) + score
            grandparent = parent.getparent()
            if grandparent is not None:
                scores[grandparent] = scores.get(grandparent, 0.0) + score / 2
    if not scores:
        return body
    best = max(scores.items(), key=lambda item: item[1])[0]
    for element in (best, *best.iterancestors()):
        if _declared_main(element):
            return element
    return best


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
        if isinstance(child.tag, str) and child.tag not in _BLOCK_TAGS:
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


def _text_of(element: lxml_html.HtmlElement) -> str:
    return squeeze(element.text_content())


@dataclass
class _Found:
    """A block as the walk found it, with the evidence the filters need."""

    text: str
    kind: Kind
    links: float  # share of characters inside links
    open_at: tuple[int, ...]  # numbers of the block elements open around it, outermost first
    complete: bool  # flushed when its own element closed
    bold: bool = False


@dataclass
class _Walker:
    """Cut a container into blocks in document order."""

    found: list[_Found] = field(default_factory=list)
    _stack: list[tuple[int, Kind]] = field(default_factory=list)  # (number, kind)
    _pieces: list[tuple[str, bool, bool]] = field(default_factory=list)  # text, bold, link
    _count: int = 0

    def walk(self, container: lxml_html.HtmlElement) -> Iterator[_Found]:
        self._element(container, bold=False, link=False, pre=False)
        self._flush(complete=True)
        return iter(self.found)

    def _element(
        self, element: lxml_html.HtmlElement, *, bold: bool, link: bool, pre: bool
    ) -> None:
        tag = element.tag if isinstance(element.tag, str) else ""
        block = tag in _BLOCK_TAGS
        bold = bold or tag in _BOLD_TAGS
        link = link or (tag == "a" and element.get("href") is not None)
        if block:
            self._flush(complete=False)
            self._count += 1
            kind: Kind = "head" if tag in _HEADING_TAGS else "item" if tag == "li" else "p"
            self._stack.append((self._count, kind))
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
            self._stack.pop()

    def _add(self, text: str, *, bold: bool, link: bool, pre: bool) -> None:
        # in <pre> the line breaks of the source are the text's own
        self._pieces.append((text.replace("\n", _BR) if pre else text, bold, link))

    def _flush(self, *, complete: bool) -> None:
        pieces, self._pieces = self._pieces, []
        if not "".join(p[0] for p in pieces).strip():
            return
        kind: Kind = next((k for _, k in reversed(self._stack) if k != "p"), "p")
        open_at = tuple(n for n, _ in self._stack)
        for text, links, bold in _split_lines(pieces):
            self.found.append(_Found(text, kind, links, open_at, complete, bold))


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
) -> tuple[list[RawBlock], list[str]]:
    """Drop link lists, controls, contacts, bare dates and "related" sections.

    Returns the blocks kept and the dates of the bare date lines dropped.
    """
    blocks: list[RawBlock] = []
    dates: list[str] = []
    skip_scope: int | None = None  # number of the element whose rest is a related section
    skip_flat = False  # the section heading sits directly in the container
    for block in found:
        if skip_scope is not None:
            if skip_flat:
                long_prose = len(block.text) >= _LONG_PROSE and block.links < 0.3
                if not long_prose and block.kind != "head":
                    continue
            elif skip_scope in block.open_at:
                continue
            skip_scope, skip_flat = None, False
        heading = block.kind == "head" or (block.bold and is_heading(block.text))
        if heading and boilerplate.opens_section(block.text):
            depth = len(block.open_at) - (2 if block.complete else 1)
            if depth >= 0:
                skip_scope, skip_flat = block.open_at[depth], depth == 0
            continue
        if block.links >= _MOSTLY_LINKS:
            continue
        if boilerplate.is_boilerplate(block.text) or boilerplate.is_contact(block.text):
            continue
        date = _bare_date(block.text, locales)
        if date:
            dates.append(date)
            continue
        kind: Kind = "head" if heading and block.kind != "item" else block.kind
        blocks.append(RawBlock(block.text, kind))
    return blocks, dates


def _date_locales(lang: str | None) -> tuple[str, ...]:
    return DATE_LOCALES if lang in DATE_LOCALES or lang is None else (lang, *DATE_LOCALES)


def _date_near_edges(blocks: list[RawBlock], locales: tuple[str, ...]) -> str | None:
    """Return a date from a short line at the start or end ("Moscow, 5 March 2024")."""
    for block in (*blocks[:3], *blocks[-3:]):
        if len(block.text) <= _DATELINE:
            date = find_date(block.text, locales=locales)
            if date:
                return date
    return None


def _bare_date(text: str, locales: tuple[str, ...]) -> str | None:
    """Return the date of a line that holds nothing but a date, a time and a label."""
    if len(text) > _DATELINE:
        return None
    match = date_match(text, locales)
    if not match:
        return None
    iso, start, end = match
    rest = _TIME.sub(" ", f"{text[:start]} {text[end:]}")
    words = re.findall(r"[^\W\d_]+", fold(rest))
    allowed = _date_words(locales)
    return iso if all(len(w) == 1 or w in allowed for w in words) else None


@lru_cache(maxsize=16)
def _date_words(locales: tuple[str, ...]) -> frozenset[str]:
    """Return words that may stand beside a date on a date line: labels and weekdays."""
    words = {w for w in boilerplate.date_label_words()}
    for locale in locales:
        for width in ("wide", "abbreviated"):
            for name in get_day_names(width, locale=locale).values():
                words.update(re.findall(r"[^\W\d_]+", fold(name)))
    return frozenset(words)
