"""Time reading a 5,000-word Word document into the model (the budget is
50 ms on one core): python-docx builds it, with what a translation handed
in carries (headings, a table, comments, highlights), then
``tqa.readers.read_document`` reads it, best of ``--repeat`` runs.

    python bench/read_docx.py
    python bench/read_docx.py --words 20000 --repeat 20

Measured (2 cores shared with other jobs, Python 3.11, lxml 6.1.3):
5,145 words in 94 paragraphs and a 6×3 table, 13 comments, 13
highlights (a 38 KB file, document.xml 101 KB): best 16.7 ms, median
18.3 ms, within the 50 ms budget.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

import docx
from docx.enum.text import WD_COLOR_INDEX

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from tqa.readers import read_document  # noqa: E402

SENTENCE = (
    "Министерство цифрового развития заявило, что более 60 представителей уполномоченных органов "
    "изучили практику открытых данных Республики Корея и Эстонии."
)


def build(path: Path, words: int) -> int:
    document = docx.Document()
    document.add_heading("Открытые данные: семинар в Бишкеке", 0)
    per_sentence = len(SENTENCE.split())
    written, number = 0, 0
    while written < words:
        number += 1
        if number % 30 == 0:
            document.add_heading(f"Раздел {number // 30}", 1)
        paragraph = document.add_paragraph(f"{number}. ")
        for _ in range(min(3, max(1, (words - written) // per_sentence))):
            run = paragraph.add_run(SENTENCE + " ")
            written += per_sentence
        if number % 7 == 0:
            run.font.highlight_color = WD_COLOR_INDEX.YELLOW
            document.add_comment(run, text="Проверить цифры", author="Әсел", initials="ӘН")
        if number == 50:
            table = document.add_table(rows=6, cols=3)
            for row in table.rows:
                for cell in row.cells:
                    cell.text = "60 представителей"
    document.save(path)
    return number


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--words", type=int, default=5000)
    parser.add_argument("--repeat", type=int, default=10)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "article.docx"
        paragraphs = build(path, args.words)
        read_document(str(path))  # imports, caches
        times = []
        for _ in range(args.repeat):
            start = time.perf_counter()
            document = read_document(str(path))
            times.append((time.perf_counter() - start) * 1000)
        words = sum(len(s.text.split()) for a in document.articles for s in a.segments)
        print(
            f"{words} words, {paragraphs} paragraphs, {len(document.review)} review marks, "
            f"{path.stat().st_size // 1024} KB: best {min(times):.1f} ms, median {statistics.median(times):.1f} ms"
        )


if __name__ == "__main__":
    main()
