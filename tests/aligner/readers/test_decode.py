"""Bytes to text: every encoding we accept decodes right, everything else is refused."""

from __future__ import annotations

import codecs

import pytest

from aligner.errors import DecodeError
from aligner.readers._decode import declared_charset, decode

RUSSIAN = "Министр иностранных дел ответил на вопросы журналистов: «Мы готовы к диалогу»."
FRENCH = "Le ministre a répondu aux questions : « Nous sommes prêts » – 5 € par élève."
GERMAN = "Die Außenministerin begrüßte die Einigung über Größe und Fläche."
ICELANDIC = "Þjóðin fagnaði samkomulaginu um verndun hafsins."


@pytest.mark.parametrize(
    "data",
    [
        RUSSIAN.encode("utf-8"),
        codecs.BOM_UTF8 + RUSSIAN.encode("utf-8"),
        RUSSIAN.encode("utf-16"),
        codecs.BOM_UTF16_BE + RUSSIAN.encode("utf-16-be"),
        RUSSIAN.encode("utf-32"),
        RUSSIAN.encode("cp1251"),
    ],
    ids=["utf8", "utf8-bom", "utf16-le-bom", "utf16-be-bom", "utf32-bom", "cp1251"],
)
def test_russian_decodes_from_every_accepted_encoding(data: bytes) -> None:
    assert decode(data, path="ru.txt") == RUSSIAN


def _encodable(text: str, codec: str) -> bool:
    try:
        text.encode(codec)
    except UnicodeEncodeError:
        return False
    return True


WESTERN = [
    (text, codec)
    for text in (FRENCH, GERMAN, ICELANDIC)
    for codec in ("utf-8", "cp1252", "latin-1")
    if _encodable(text, codec)  # latin-1 has no € nor –
]


@pytest.mark.parametrize(("text", "codec"), WESTERN)
def test_western_european_text_decodes_from_utf8_cp1252_and_latin1(text: str, codec: str) -> None:
    assert decode(text.encode(codec), path="x.txt") == text


def test_ascii_english_in_utf16_without_a_bom_is_recognised() -> None:
    assert decode("Plain English text.".encode("utf-16-le"), path="en.txt") == "Plain English text."


def test_a_lone_accented_letter_among_latin_words_is_read_as_cp1252() -> None:
    assert decode("Il va à Paris.".encode("cp1252"), path="fr.txt") == "Il va à Paris."


def test_a_declared_legacy_charset_is_honoured_when_the_bytes_agree() -> None:
    data = "Министр ответил.".encode("koi8_r")
    assert decode(data, path="ru.html", declared="koi8_r") == "Министр ответил."
    assert decode("в".encode("cp1251"), path="ru.html", declared="cp1251") == "в"


def test_text_comes_back_nfc_with_unix_line_breaks() -> None:
    data = "Cafe\u0301\r\nline two\rline three\u2028four".encode()
    assert decode(data, path="x.txt") == "Café\nline two\nline three\nfour"


def test_a_dos_end_of_file_mark_is_dropped() -> None:
    assert decode(b"Text.\r\n\x1a", path="x.txt") == "Text.\n"


def test_russian_and_german_mixed_in_one_code_page_is_refused() -> None:
    data = GERMAN.encode("cp1252") + b" " + RUSSIAN.encode("cp1251")
    with pytest.raises(DecodeError, match=r"^mixed\.txt: not UTF-8, and no code page"):
        decode(data, path="mixed.txt")


def test_bytes_undefined_in_both_code_pages_are_refused() -> None:
    with pytest.raises(DecodeError, match="undefined bytes"):
        decode(b"abc \x98 def \x81", path="x.txt")


@pytest.mark.parametrize("text", [RUSSIAN, FRENCH], ids=["russian-via-latin1", "french-via-cp1252"])
def test_utf8_that_was_encoded_twice_is_refused(text: str) -> None:
    once = text.encode("utf-8")
    twice = (once.decode("latin-1") if text is RUSSIAN else once.decode("cp1252")).encode("utf-8")
    with pytest.raises(DecodeError, match="encoded twice"):
        decode(twice, path="x.txt")


def test_spanish_guillemets_after_accents_are_not_taken_for_double_encoding() -> None:
    text = "Dijo «está aquí» y añadió «así sí»."
    assert decode(text.encode("utf-8"), path="es.txt") == text


def test_binary_data_is_refused() -> None:
    with pytest.raises(DecodeError, match=r"^blob\.txt: binary data, not text"):
        decode(b"\x00\x01\x02\x03\xff\xfe\x00\x00\x10", path="blob.txt")


def test_control_characters_are_refused_with_their_line() -> None:
    with pytest.raises(DecodeError, match=r"control character U\+0007 on line 2"):
        decode(b"one\ntwo \x07 bell\n", path="x.txt")


def test_a_truncated_utf16_file_is_refused() -> None:
    with pytest.raises(DecodeError, match="not valid UTF-16-LE"):
        decode(codecs.BOM_UTF16_LE + "Текст".encode("utf-16-le")[:-1], path="x.txt")


@pytest.mark.parametrize(
    ("head", "codec"),
    [
        (b'<meta charset="windows-1251">', "cp1251"),
        (b"<META HTTP-EQUIV='Content-Type' CONTENT='text/html; charset=KOI8-R'>", "koi8-r"),
        (b'<?xml version="1.0" encoding="ISO-8859-1"?><html>', "cp1252"),
        (b'<meta charset="utf-8">', "utf-8"),
        (b'<meta charset="utf-16">', None),
        (b'<meta charset="no-such-charset">', None),
        (b"<p>no declaration</p>", None),
    ],
)
def test_declared_charset_reads_meta_and_xml_declarations(head: bytes, codec: str | None) -> None:
    assert declared_charset(head) == codec


LONG_RUSSIAN = (
    "Договорились, что первые двенадцать измерительных станций будут установлены до конца "
    "года. Наша страна возьмёт на себя треть расходов. Вопрос: Когда данные станций станут "
    "общедоступными? Ответ: Как только заработают первые станции, каждое измерение будет "
    "публиковаться в сети в течение часа."
)


@pytest.mark.parametrize("codec", ["cp1251", "koi8_r", "cp866", "iso8859_5", "mac_cyrillic"])
@pytest.mark.parametrize("text", [RUSSIAN, LONG_RUSSIAN], ids=["short", "long"])
def test_legacy_cyrillic_code_pages_are_told_apart(codec: str, text: str) -> None:
    data = text.encode(codec, errors="replace")  # cp866 and ISO-8859-5 have no « »
    assert decode(data, path="ru.txt") == data.decode(codec)


@pytest.mark.parametrize("codec", ["mac_roman", "cp850"])
@pytest.mark.parametrize(
    "text",
    [
        "Die Außenministerin begrüßte die Einigung über Größe und Fläche der Schutzgebiete.",
        "La secrétaire générale a évoqué l’état des rivières et le budget de la Commission.",
        "¿Medirá la red también la contaminación procedente de las granjas? Sí, cada hora.",
    ],
)
def test_western_dos_and_mac_code_pages_are_read_right(codec: str, text: str) -> None:
    data = text.encode(codec, errors="replace")
    assert decode(data, path="x.txt") == data.decode(codec)


def test_a_stray_byte_in_utf8_is_refused_with_line_and_column() -> None:
    data = LONG_RUSSIAN.encode() + b"\n\nCaf\xe9 " + "и ещё строка.".encode()
    with pytest.raises(DecodeError) as caught:
        decode(data, path="ru.txt")
    assert str(caught.value).startswith(
        "ru.txt: not valid UTF-8: stray byte 0xE9 on line 3, column 4"
    )


def test_one_accented_byte_in_ascii_text_is_still_a_code_page() -> None:
    assert decode("Le café est fermé.".encode("cp1252"), path="fr.txt") == "Le café est fermé."
