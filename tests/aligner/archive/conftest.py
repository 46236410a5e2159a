"""Small document folders written for these tests: three languages, varied by a seed."""

from __future__ import annotations

from pathlib import Path

import pytest

# (de, en, ru) paragraphs; {n} and {k} vary per document so that no two are alike
_PARAGRAPHS = (
    (
        "Am {k}. März trafen sich {n} Fachleute in Tarvel. Sie berieten über die Straße am Fluss.",
        "On {k} March, {n} experts met in Tarvel. They discussed the road along the river.",
        "{k} марта в Тарвеле встретились {n} экспертов. Они обсудили дорогу вдоль реки.",
    ),
    (
        "Die Maßnahmen kosten {n} Millionen Euro. Das Ministerium trägt ein Drittel.",
        "The measures cost {n} million euros. The ministry bears a third.",
        "Меры обойдутся в {n} млн евро. Министерство возьмёт на себя треть расходов.",
    ),
    (
        "Die Delegation besuchte {k} Schulen. Alles verlief nach Plan.",
        "The delegation visited {k} schools. Everything went according to plan.",
        "Делегация посетила {k} школ. Всё прошло по плану.",
    ),
    (
        "Der nächste Bericht erscheint im Jahr {y}. Er wird online veröffentlicht.",
        "The next report will appear in {y}. It will be published online.",
        "Следующий доклад выйдет в {y} году. Он будет опубликован в интернете.",
    ),
    (
        "Am Abend wurde ein Tannenbaum im Hof aufgestellt. Die Kinder sangen {k} Lieder.",
        "In the evening a fir tree was put up in the courtyard. The children sang {k} songs.",
        "Вечером во дворе поставили ёлку. Дети спели {k} песен.",
    ),
)


def write_document(folder: Path, seed: int, *, langs: tuple[str, ...] = ("de", "en", "ru")) -> Path:
    """Write one document folder (files named by language) and return it."""
    folder.mkdir(parents=True, exist_ok=True)
    values = {"n": 10 + seed * 7, "k": 1 + seed % 27, "y": 2030 + seed}
    # documents differ in which paragraphs they have, not only in their numbers
    chosen = [p for i, p in enumerate(_PARAGRAPHS) if (seed + i) % 4 != 0]
    for column, lang in enumerate(("de", "en", "ru")):
        if lang in langs:
            text = "\n\n".join(p[column].format(**values) for p in chosen)
            (folder / f"{lang}.txt").write_text(text + "\n", encoding="utf-8")
    return folder


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    """A folder of four document folders."""
    root = tmp_path / "corpus"
    for seed in range(4):
        write_document(root / f"doc{seed}", seed)
    return root
