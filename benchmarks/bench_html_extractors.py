"""Compare our HTML reader with trafilatura and jusText on dev pages we wrote.

50 pages (benchmarks/pages_devset.py): five layouts (ministry with Q&A, UN press release,
div-only portal, Liferay portlets, bare HTML) × two texts × five languages. For each
extractor the main text it returns is compared with the page's gold paragraphs as bags of
words (CleanEval's measure): precision is the share of returned words that belong to the
text, recall the share of the text's words returned; the title line is left out of both.
Also printed: pages whose extraction is perfect (F1 = 1), title and date found (ours and
trafilatura report metadata), and milliseconds per page.

The same 50 pages saved as text (a line per block, as a browser's "save as text" gives
them) are then read by our text reader, scored the same way: the table's last line.

Run: ``.venv/bin/python benchmarks/bench_html_extractors.py`` (the libraries come with
``pip install -e '.[bench]'``; a missing one is skipped and said so).
"""

from __future__ import annotations

import importlib.util
import re
import sys
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from pages_devset import DevPage, as_saved_text, dev_pages  # noqa: E402

from aligner.readers import read_bytes  # noqa: E402

_WORD = re.compile(r"\w+")
_STOPLISTS = {"de": "German", "en": "English", "es": "Spanish", "fr": "French", "ru": "Russian"}

# an extractor returns (lines of main text, title or None, ISO date or None)
Extractor = Callable[[DevPage], tuple[list[str], str | None, str | None]]


def ours(page: DevPage) -> tuple[list[str], str | None, str | None]:
    text = read_bytes(page.html.encode(), filename=f"{page.lang}.html")
    return [b.text for b in text.blocks], text.title, text.date


def ours_on_saved_text(page: DevPage) -> tuple[list[str], str | None, str | None]:
    text = read_bytes(as_saved_text(page.html).encode(), filename=f"{page.lang}.txt")
    return [b.text for b in text.blocks], text.title, text.date


def _trafilatura(page: DevPage) -> tuple[list[str], str | None, str | None]:
    import trafilatura

    found = trafilatura.bare_extraction(page.html, with_metadata=True, include_comments=False)
    if found is None:
        return [], None, None
    body = found.text or ""
    return body.splitlines(), found.title, found.date


def _justext(page: DevPage) -> tuple[list[str], str | None, str | None]:
    import justext

    stoplist = justext.get_stoplist(_STOPLISTS[page.lang])
    kept = [p.text for p in justext.justext(page.html.encode(), stoplist) if not p.is_boilerplate]
    return kept, None, None


def extractors() -> dict[str, Extractor]:
    found: dict[str, Extractor] = {"ours": ours}
    for name, call in (("trafilatura", _trafilatura), ("justext", _justext)):
        if importlib.util.find_spec(name):
            found[name] = call
        else:
            print(f"{name} not installed (pip install -e '.[bench]'): left out")
    found["ours (text)"] = ours_on_saved_text
    return found


def _words(lines: list[str]) -> Counter[str]:
    return Counter(w.casefold() for line in lines for w in _WORD.findall(line))


def main() -> int:
    pages = list(dev_pages())
    print(f"{len(pages)} dev pages; bag-of-words scores over all pages")
    print(f"{'extractor':<12}{'P':>7}{'R':>7}{'F1':>7}{'perfect':>9}{'title':>7}{'dated':>6}"
          f"{'ms/page':>9}")  # fmt: skip
    for name, extract in extractors().items():
        extract(pages[0])  # warm up
        hits = returned = wanted = perfect = titles = dates = 0
        started = time.perf_counter()
        results = [(page, extract(page)) for page in pages]
        per_page = (time.perf_counter() - started) / len(pages) * 1000
        by_layout: Counter[str] = Counter()
        for page, (lines, title, date) in results:
            lines = [line for line in lines if line.strip() != page.title]
            got, gold = _words(lines), _words(list(page.paragraphs))
            common = sum((got & gold).values())
            hits += common
            returned += sum(got.values())
            wanted += sum(gold.values())
            if got == gold:
                perfect += 1
                by_layout[page.name.split("-")[0]] += 1
            titles += title is not None and title.strip() == page.title
            dates += page.date is not None and date == page.date
        p, r = hits / returned if returned else 0.0, hits / wanted
        f1 = 2 * p * r / (p + r) if p + r else 0.0
        print(f"{name:<12}{p:>7.3f}{r:>7.3f}{f1:>7.3f}{perfect:>6}/{len(pages)}"
              f"{titles:>7}{dates:>6}{per_page:>9.1f}")  # fmt: skip
        print(f"{'':<12}perfect by layout: {dict(sorted(by_layout.items()))}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
