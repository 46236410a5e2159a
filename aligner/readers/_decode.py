"""Turn the bytes of a text file into a ``str`` without ever garbling it silently.

The order of evidence, strongest first:

1. a byte-order mark (UTF-8, UTF-16, UTF-32);
2. UTF-16 without a mark, recognised by its NUL bytes;
3. valid UTF-8: legacy text with letters above 0x7F is practically never valid UTF-8 by
   chance, so this beats a declared charset (HTML pages often keep a stale ``<meta>``);
4. the charset the file declares (HTML ``<meta>``), when it decodes to plausible text;
5. a code page by which yields words of one script, Western European (cp1252, a superset
   of the printable part of latin-1; MacRoman; cp850) or Cyrillic (cp1251, KOI8-R, cp866,
   ISO-8859-5, MacCyrillic); within the script charset-normalizer's mess measure picks the
   page whose text reads cleanly, the more common page winning a near tie.

UTF-8 with a few stray bytes stays UTF-8: it is refused with the line and column of the
first bad byte rather than read as a code page. Anything else is a
:class:`~aligner.errors.DecodeError` that names the file and the reason.
The result is NFC-normalised, with ``\\r\\n``, ``\\r``, NEL and U+2028 turned into ``\\n``
and U+2029 into a blank line.
"""

from __future__ import annotations

import codecs
import re
import unicodedata

from charset_normalizer.md import mess_ratio

from aligner.errors import DecodeError

__all__ = ["declared_charset", "decode", "normalise_text"]

_BOMS: tuple[tuple[bytes, str], ...] = (
    # UTF-32 first: its little-endian mark starts with the UTF-16 one
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

# C0 controls other than tab, line feed, vertical tab, form feed and carriage return; C1.
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x9f]")
_WORD = re.compile(r"[^\W\d_]+")
# a letter of Latin-1 Supplement or Cyrillic, the only non-ASCII letters cp1252/cp1251 give
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
_HIGH_LATIN = re.compile(r"[\u00c0-\u024f]")
_ASCII_LETTER = re.compile(r"[A-Za-z]")
#: C1 controls: cp1252 gives other characters (or none) for their bytes, latin-1 them
_C1_CONTROL = re.compile("[\u0080-\u009f]")
# UTF-8 read as cp1252 and saved again: a lead byte shown as Ã/Â/Ð/Ñ... then a continuation
_DOUBLE_ENCODED = re.compile(
    "[\u00c2-\u00f4][\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192"
    "\u02c6\u02dc\u2013\u2014\u2018-\u201e\u2020-\u2022\u2026\u2030\u2039\u203a\u20ac\u2122]"
)
_META_CHARSET = re.compile(
    rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE
)
_XML_ENCODING = re.compile(rb"""^\s*<\?xml[^>]*encoding\s*=\s*["']([A-Za-z0-9_.:-]+)""")
# labels the HTML standard maps to another encoding than their name says
_HTML_LABELS = {"iso8859-1": "cp1252", "latin-1": "cp1252", "ascii": "cp1252"}

# the code pages of each script, most common first: a near tie goes to the earlier one
_WESTERN_PAGES = ("cp1252", "mac_roman", "cp850")
_CYRILLIC_PAGES = ("cp1251", "koi8_r", "cp866", "iso8859_5", "mac_cyrillic")
_LEGACY = (*_WESTERN_PAGES, *_CYRILLIC_PAGES)
_COMMON = ("cp1252", "cp1251")
_RUSSIAN_ONLY = re.compile("[ЫЭЪыэъ]")
_NOT_RUSSIAN = re.compile("[ЂЃЅЈЉЊЋЌЏђѓѕјљњћќџЄЇҐєїґ]")  # Serbian, Macedonian, Ukrainian
_RARE_PAGE_WORDS = 3  # telling words a rarer page must give before it is believed
_MESS_SAMPLE = 20_000  # bytes looked at by the mess measure
_MESS_TIE = 0.005  # a page this much messier than the cleanest still wins if more common
_MESS_MAX = 0.2  # messier than this, no page of the script is right
_STRAY_SHARE = 0.1  # at most one bad sequence per ten good multi-byte characters: stray
_ENOUGH_WORDS = 2000  # telling words looked at; more never changes the verdict
_SURE = 0.8  # share of telling words that must fit the script of the chosen code page


def normalise_text(text: str) -> str:
    """Return ``text`` in NFC with every kind of line break turned into ``\\n``.

    >>> normalise_text("Cafe\\u0301\\r\\nline\\u2029next")
    'Café\\nline\\n\\nnext'
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\x85", "\n")
    text = text.replace("\u2028", "\n").replace("\u2029", "\n\n")
    return unicodedata.normalize("NFC", text)


def declared_charset(data: bytes) -> str | None:
    """Return the Python codec named by an HTML ``<meta>`` or XML declaration, if any.

    Only the first 4 KB are looked at, as browsers do; labels are mapped the way the HTML
    standard maps them (``iso-8859-1`` means windows-1252), and charsets that are not
    ASCII-compatible are ignored because the declaration could not have been read in them.

    >>> declared_charset(b'<meta charset="windows-1251">')
    'cp1251'
    >>> declared_charset(b'<meta http-equiv="Content-Type" content="text/html; charset=latin1">')
    'cp1252'
    >>> declared_charset(b'<meta charset="utf-16">') is None
    True
    """
    head = data[:4096]
    found = _XML_ENCODING.search(head) or _META_CHARSET.search(head)
    if not found:
        return None
    label = found.group(1).decode("ascii", errors="replace")
    try:
        name = codecs.lookup(label).name
    except LookupError:
        return None
    name = _HTML_LABELS.get(name, name)
    if "<meta".encode(name, errors="replace") != b"<meta":
        return None
    return name


def decode(data: bytes, *, path: str, declared: str | None = None) -> str:
    """Decode ``data`` (the bytes of the file at ``path``) or raise :class:`DecodeError`.

    ``declared`` is a codec name the file itself gave (see :func:`declared_charset`).

    >>> decode("Grüße".encode("cp1252"), path="de.txt")
    'Grüße'
    >>> decode("Привет, мир".encode("cp1251"), path="ru.txt")
    'Привет, мир'
    """
    for bom, codec in _BOMS:
        if data.startswith(bom):
            return _finish(_strict(data[len(bom) :], codec, path), path)
    if b"\x00" in data:
        utf16 = _utf16_without_bom(data)
        if utf16 is None:
            raise DecodeError("binary data, not text (NUL bytes)", path=path)
        return _finish(_strict(data, utf16, path), path)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        _refuse_stray_bytes(data, exc, path)
    else:
        _refuse_double_encoding(text, path)
        return _finish(text, path)
    if declared and declared not in ("utf-8", *_LEGACY):
        try:
            text = data.decode(declared)
        except UnicodeDecodeError:
            pass
        else:
            if not _CONTROL.search(text):
                return _finish(text, path)
    return _finish(_guess_code_page(data, path, declared), path)


def _refuse_stray_bytes(data: bytes, exc: UnicodeDecodeError, path: str) -> None:
    """Refuse UTF-8 spoilt by a few bad bytes, naming where the first one is.

    Legacy text almost never holds a valid multi-byte UTF-8 sequence; when a file holds
    many, and bad bytes are rare, it is UTF-8 with a mistake, not a code page.
    """
    text = data.decode("utf-8", errors="replace")
    bad = text.count("\ufffd")
    good = sum(1 for ch in text if ord(ch) > 0x7F and ch != "\ufffd")
    if good == 0 or bad > good * _STRAY_SHARE:
        return
    before = data[: exc.start].decode("utf-8", errors="replace")
    line = before.count("\n") + 1
    column = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
    raise DecodeError(
        f"not valid UTF-8: stray byte 0x{data[exc.start]:02X} on line {line}, column {column}"
        f" ({bad} bad in all); correct it, or save the file as UTF-8 again",
        path=path,
    )


def _strict(data: bytes, codec: str, path: str) -> str:
    try:
        return data.decode(codec)
    except UnicodeDecodeError as exc:
        raise DecodeError(
            f"not valid {codec.upper()}: bad byte at offset {exc.start}", path=path
        ) from None


def _finish(text: str, path: str) -> str:
    # a DOS end-of-file mark is a leftover of old editors, not content
    text = normalise_text(text.rstrip("\x1a"))
    bad = _CONTROL.search(text)
    if bad:
        line = text.count("\n", 0, bad.start()) + 1
        raise DecodeError(
            f"control character U+{ord(bad.group()):04X} on line {line}: not a text file",
            path=path,
        )
    return text


def _utf16_without_bom(data: bytes) -> str | None:
    """Return the UTF-16 codec when NULs sit in every other byte, as in mostly-ASCII UTF-16."""
    sample = data[:4000]
    if len(sample) < 4:
        return None
    sample = sample[: len(sample) - len(sample) % 2]
    even, odd = sample[0::2], sample[1::2]
    half = len(sample) // 2
    if odd.count(0) >= 0.9 * half and even.count(0) == 0:
        return "utf-16-le"
    if even.count(0) >= 0.9 * half and odd.count(0) == 0:
        return "utf-16-be"
    return None


def _refuse_double_encoding(text: str, path: str) -> None:
    """Refuse UTF-8 whose letters were once read as cp1252 and written out again."""
    hits = _DOUBLE_ENCODED.findall(text)
    if len(hits) < 2:
        return
    try:
        repaired = _original_bytes(text).decode("utf-8")
    except ValueError:  # UnicodeDecodeError included: then it was never UTF-8 twice
        return
    if repaired != text:
        sample = hits[0]
        raise DecodeError(
            f"text was encoded twice (UTF-8 read as cp1252, e.g. {sample!r}); "
            "save it again from the original",
            path=path,
        )


def _original_bytes(text: str) -> bytes:
    """Return the bytes a cp1252 reading (latin-1 for C1 controls) turned into ``text``.

    Raises :class:`UnicodeEncodeError` (a ValueError) for a character neither gives.

    >>> _original_bytes("Ã¼ber\x81")
    b'\xc3\xbcber\x81'
    """
    parts = _C1_CONTROL.split(text)
    out = bytearray(parts[0].encode("cp1252"))
    for control, part in zip(_C1_CONTROL.findall(text), parts[1:], strict=True):
        out.append(ord(control))
        out += part.encode("cp1252")
    return bytes(out)


def _guess_code_page(data: bytes, path: str, declared: str | None) -> str:
    """Pick a code page when the words it gives leave little doubt, else refuse."""
    decoded: dict[str, str] = {}
    for codec in _LEGACY:
        try:
            text = data.decode(codec)
        except UnicodeDecodeError:
            continue
        if not _CONTROL.search(text):
            decoded[codec] = text
    if not decoded:
        raise DecodeError(
            "not UTF-8, and no Western or Cyrillic code page fits (undefined bytes)", path=path
        )
    if len(set(decoded.values())) == 1:
        return next(iter(decoded.values()))
    if declared in decoded:
        share, count = _fit(decoded[declared], declared)
        if count == 0 or share >= _SURE:
            return decoded[declared]
    fits = {codec: _fit(text, codec) for codec, text in decoded.items()}
    if all(count == 0 for _, count in fits.values()):
        # every non-ASCII letter stands alone ("à", "в"): a lone Cyrillic letter among
        # Latin words is less likely than a lone accented one
        for codec in _COMMON:  # the only pages common enough to trust on lone letters
            if codec in decoded:
                return decoded[codec]
        raise DecodeError("not UTF-8, and not cp1251 or cp1252 either (undefined bytes)", path=path)
    for pages, other in ((_WESTERN_PAGES, _CYRILLIC_PAGES), (_CYRILLIC_PAGES, _WESTERN_PAGES)):
        fitting = [c for c in pages if c in decoded and _fits(c, fits[c])]
        if fitting and all(fits[c][0] < _SURE - 0.3 for c in other if c in fits):
            return _cleanest(data, {c: decoded[c] for c in fitting}, fits, path)
    raise DecodeError(
        "not UTF-8, and no code page gives words of one script; save the file as UTF-8",
        path=path,
    )


def _mixed_alphabets(text: str) -> bool:
    """Tell whether ``text`` has Russian-only letters beside Serbian or Ukrainian-only ones.

    >>> _mixed_alphabets("Њинистр иностранных дел"), _mixed_alphabets("Міністр закордонних справ")
    (True, False)
    """
    return bool(_RUSSIAN_ONLY.search(text)) and bool(_NOT_RUSSIAN.search(text))


def _fits(codec: str, fit: tuple[float, int]) -> bool:
    """Tell whether a page's words fit its script; a rare page needs a few words as proof."""
    share, count = fit
    return share >= _SURE and (codec in _COMMON or count >= _RARE_PAGE_WORDS)


def _cleanest(
    data: bytes, decoded: dict[str, str], fits: dict[str, tuple[float, int]], path: str
) -> str:
    """Return the reading with the least mess; refuse when every one is a mess.

    Near ties go to a reading that does not mix letters of Cyrillic alphabets no language
    shares (Serbian "Њ" beside Russian "ы": a wrong page's capitals), then to one that makes
    more words (a wrong page turns some letters into
    symbols), then to the more common page.
    """
    sample = data[:_MESS_SAMPLE]
    mess = {codec: mess_ratio(sample.decode(codec), 1.0) for codec in decoded}
    least = min(mess.values())
    if least > _MESS_MAX:
        raise DecodeError(
            "not UTF-8, and no code page reads cleanly; save the file as UTF-8", path=path
        )
    near = [codec for codec in _LEGACY if mess.get(codec, 1.0) <= least + _MESS_TIE]
    best = max(
        near,
        key=lambda codec: (
            not _mixed_alphabets(decoded[codec]),
            fits[codec][1],
            -_LEGACY.index(codec),
        ),
    )
    return decoded[best]


def _fit(text: str, codec: str) -> tuple[float, int]:
    """Return the share of telling words that look right in ``codec``, and their number.

    A telling word has two letters or more, one of them non-ASCII. In a Cyrillic page it must
    be all Cyrillic (Latin text read as cp1251 gives ``GrцЯe``); in cp1252 it must hold an ASCII
    letter too (Russian read as cp1252 gives words made only of accented letters).
    """
    good = total = 0
    for match in _WORD.finditer(text):
        word = match.group()
        if len(word) < 2 or word.isascii():
            continue
        if total == _ENOUGH_WORDS:
            break
        total += 1
        has_ascii = bool(_ASCII_LETTER.search(word))
        if codec in _CYRILLIC_PAGES:
            good += bool(_CYRILLIC.search(word)) and not has_ascii
        else:
            good += bool(_HIGH_LATIN.search(word)) and has_ascii
    return (good / total if total else 0.0), total
