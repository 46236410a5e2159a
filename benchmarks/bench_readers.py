"""Print how fast the readers turn bytes into text, per megabyte, and the language check per
paragraph.

Run: ``.venv/bin/python benchmarks/bench_readers.py`` (about ten seconds).
"""

from __future__ import annotations

import io
import time
from collections.abc import Callable
from pathlib import Path

import docx

from aligner.readers import read_bytes
from languages.identify import identify

ROOT = Path(__file__).resolve().parents[1]
HTML = ROOT / "tests" / "data" / "readers" / "ministry.ru.html"
UDHR = Path("/work/shared/corpus/udhr")


def per_mb(label: str, data: bytes, name: str, repeat: int) -> None:
    read_bytes(data, filename=name)  # warm caches (lazy imports, month names, model)
    start = time.perf_counter()
    for _ in range(repeat):
        text = read_bytes(data, filename=name)
    seconds = (time.perf_counter() - start) / repeat
    mb = len(data) / 1e6
    print(
        f"{label:<34} {len(data) / 1024:9.1f} KB  {seconds * 1000:8.2f} ms/read  "
        f"{seconds / mb:6.3f} s/MB  {len(text.blocks):6d} blocks"
    )


def synthetic_text(megabytes: float) -> str:
    parts = [(UDHR / f"{lang}.txt").read_text("utf-8") for lang in ("de", "en", "es", "fr", "ru")]
    unit = "\n\n".join(parts)
    copies = int(megabytes * 1e6 / len(unit.encode("utf-8"))) + 1
    return "\n\n".join([unit] * copies)


def synthetic_docx(paragraphs: list[str]) -> bytes:
    document = docx.Document()
    for i, paragraph in enumerate(paragraphs):
        if i % 20 == 0:
            document.add_heading(f"Article {i // 20 + 1}", level=2)
        document.add_paragraph(paragraph)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def timed(label: str, count: int, call: Callable[[], object]) -> None:
    call()
    start = time.perf_counter()
    for _ in range(count):
        call()
    print(f"{label:<34} {(time.perf_counter() - start) / count * 1000:8.3f} ms")


def main() -> None:
    html = HTML.read_bytes()
    per_mb("ministry page (HTML, UTF-8)", html, "ru.html", 200)
    article_end = b'</div>\n      <div class="press-office">'
    assert article_end in html, "the fixture changed: put the paragraphs back into its article"
    paragraph = b"<p>" + "Повтор абзаца для замера скорости. ".encode() * 8 + b"</p>"
    big_html = html.replace(article_end, paragraph * 2000 + article_end)
    per_mb("long page (HTML, 2000 paragraphs)", big_html, "ru.html", 5)
    text = synthetic_text(5)
    per_mb("UDHR x5 languages (txt, UTF-8)", text.encode("utf-8"), "x.txt", 3)
    russian = (UDHR / "ru.txt").read_text("utf-8")
    per_mb("UDHR ru (txt, cp1251)", (russian * 40).encode("cp1251"), "ru.txt", 5)
    french = (UDHR / "fr.txt").read_text("utf-8")
    per_mb("UDHR fr (txt, cp1252)", (french * 40).encode("cp1252"), "fr.txt", 5)
    paragraphs = [p for p in russian.split("\n\n") if p.strip()] * 20
    per_mb("UDHR ru x20 (docx)", synthetic_docx(paragraphs), "ru.docx", 3)

    candidates = ["de", "en", "es", "fr", "ru"]
    sample = [p for lang in candidates for p in (UDHR / f"{lang}.txt").read_text().split("\n\n")]
    sample = [p for p in sample if p.strip()]
    mean = sum(len(p) for p in sample) / len(sample)
    timed(
        f"identify, 5 candidates ({len(sample)} paras)",
        5,
        lambda: [identify(p, candidates) for p in sample],
    )
    timed("identify, all languages", 5, lambda: [identify(p) for p in sample])
    print(f"  (divide by {len(sample)} for one paragraph of {mean:.0f} characters on average)")


if __name__ == "__main__":
    main()
