"""Build samples/kazunite-article.docx: a Russian translation of the seed
page's first article, handed in as a Word document with its review left
in: live comments (one resolved), tracked changes (an insertion, a
deletion, a move, a formatting change), hidden text, a highlight, and the
defects a .txt would show too (a pasted Word comment, a share label, a
look-alike letter, a word twice).

    python samples/make_docx.py        # rewrites samples/kazunite-article.docx

Comments, highlights and hidden text are python-docx's own; tracked
changes and the resolved state of a comment, which python-docx cannot
write, are added to its XML as ECMA-376 says (w:ins, w:del/w:delText,
w:moveFrom/w:moveTo, w:rPrChange; commentsExtended.xml, w15:done). The
package is written with fixed dates so that the file changes only when
this script does.
"""

from __future__ import annotations

import io
import sys
import zipfile
from pathlib import Path

from docx import Document
from docx.enum.text import WD_COLOR_INDEX
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml import OxmlElement
from docx.oxml.ns import qn

OUT = Path(__file__).resolve().parent / "kazunite-article.docx"
DATE = "2024-12-03T09:30:00Z"
EDITOR, TRANSLATOR = "Әсел Нұрланқызы", "Иван Петров"
W14 = "http://schemas.microsoft.com/office/word/2010/wordml"
W15 = "http://schemas.microsoft.com/office/word/2012/wordml"


def _revision(tag: str, author: str, number: int):
    element = OxmlElement(tag)
    element.set(qn("w:id"), str(number))
    element.set(qn("w:author"), author)
    element.set(qn("w:date"), DATE)
    return element


def _wrap(run, tag: str, author: str, number: int) -> None:
    """Put ``run`` inside a tracked change (w:ins, w:del, w:moveFrom, w:moveTo)."""
    change = _revision(tag, author, number)
    run._r.addprevious(change)
    change.append(run._r)
    if tag == "w:del":  # deleted text is w:delText; text moved away stays w:t
        for text in run._r.findall(qn("w:t")):
            text.tag = qn("w:delText")


def build() -> bytes:
    doc = Document()
    doc.core_properties.title = "Открытые данные: семинар в Бишкеке"
    doc.core_properties.author = TRANSLATOR
    doc.add_heading(
        "Международные эксперты Республики Корея и KPMG Baltics представили госслужащим "
        "Центральной Азии и Кавказа лучшие практики открытых данных",
        0,
    )

    p = doc.add_paragraph("Семинар «Политика, практика и кейсы открытых данных» прошёл в Бишкеке ")
    dates = p.add_run("1–2 декабря")
    p.add_run(": ")
    inserted = p.add_run("более ")
    deleted = p.add_run("около ")
    p.add_run(
        "60 представителей уполномоченных органов стран Центральной Азии и Кавказа изучили "
        "лучшие практики политики открытых данных и успешные кейсы Республики Корея, Канады, "
        "Эстонии и стран Европейского союза."
    )
    _wrap(inserted, "w:ins", EDITOR, 101)
    _wrap(deleted, "w:del", EDITOR, 102)
    doc.add_comment(dates, text="Проверить даты по оригиналу", author=EDITOR, initials="ӘН")

    doc.add_paragraph("Тарату:")  # a share label carried over from the page

    p = doc.add_paragraph("На церемонии открытия заместитель министра цифрового развития Кыргызской Республики ")
    name = p.add_run("Индира Шаршенова")
    name.font.highlight_color = WD_COLOR_INDEX.YELLOW
    p.add_run(
        " отметила, что «ежегодно значительная часть бюджетных средств тратится на формирование "
        "и использование государственных информационных pесурсов на на благо общества»."  # Latin p; a word twice
    )
    hidden = p.add_run(" Deputy Minister Ms. Indira Sharshenova noted that")
    hidden.font.hidden = True

    p = doc.add_paragraph("Директор Центра комплексного анализа данных Министерства внутренних дел и безопасности ")
    p.add_run("(MOIS) ")
    p.add_run("Республики Корея ")
    chul = p.add_run("г-н Чул Ким")
    p.add_run(
        " отметил, что открытые данные являются ключевым элементом цифровой экономики. "
        "Добавлено примечание ([U1]): Что это? 7.50?"  # a comment pasted into the text
    )
    chul.bold = True
    change = _revision("w:rPrChange", TRANSLATOR, 103)
    change.append(OxmlElement("w:rPr"))  # the format before the change: not bold
    chul._r.get_or_add_rPr().append(change)
    doc.add_comment(chul, text="Имя сверено с сайтом министерства", author=TRANSLATOR, initials="ИП")

    p = doc.add_paragraph("Руководитель проекта Астанинского хаба гражданской службы Бакыт Жексембай подчеркнул, что ")
    moved_away = p.add_run("«пандемия стала ускорителем» ")
    p.add_run("применения новых технологий и повышения качества государственных услуг.")
    _wrap(moved_away, "w:moveFrom", EDITOR, 104)
    p = doc.add_paragraph()
    moved_here = p.add_run("«Пандемия стала ускорителем», ")
    p.add_run("— сказал он.")
    _wrap(moved_here, "w:moveTo", EDITOR, 105)

    table = doc.add_table(rows=2, cols=2)
    for (row, col), text in {(0, 0): "Участники", (0, 1): "60", (1, 0): "Страны", (1, 1): "8"}.items():
        table.cell(row, col).text = text

    for comment in doc.comments:
        comment._comment_elm.set(qn("w:date"), DATE)
    _resolve(doc, last=True)
    buffer = io.BytesIO()
    doc.save(buffer)
    return _fixed_dates(buffer.getvalue())


def _resolve(doc, last: bool) -> None:
    """Mark the last comment resolved: a commentsExtended part (w15:done),
    keyed by the w14:paraId of the comment's last paragraph."""
    entries = []
    for number, comment in enumerate(doc.comments):
        paragraph = comment._comment_elm.findall(qn("w:p"))[-1]
        para_id = f"{0x10000000 + number:08X}"
        paragraph.set(f"{{{W14}}}paraId", para_id)
        done = "1" if last and number == len(doc.comments) - 1 else "0"
        entries.append(f'<w15:commentEx w15:paraId="{para_id}" w15:done="{done}"/>')
    xml = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        f'<w15:commentsEx xmlns:w15="{W15}">{"".join(entries)}</w15:commentsEx>'
    ).encode("utf-8")
    main = doc.part
    part = Part(
        PackURI("/word/commentsExtended.xml"),
        "application/vnd.openxmlformats-officedocument.wordprocessingml.commentsExtended+xml",
        xml,
        main.package,
    )
    main.relate_to(part, "http://schemas.microsoft.com/office/2011/relationships/commentsExtended")


def _fixed_dates(data: bytes) -> bytes:
    """The package again, every member dated 2024-12-03: reproducible bytes."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=(2024, 12, 3, 9, 30, 0))
            fixed.compress_type = zipfile.ZIP_DEFLATED
            target.writestr(fixed, source.read(info))
    return out.getvalue()


if __name__ == "__main__":
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else OUT
    target.write_bytes(build())
    print(f"wrote {target}")
