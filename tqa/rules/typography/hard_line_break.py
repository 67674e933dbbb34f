"""TQA708 hard-line-break: Line break inside a paragraph of a text file whose paragraphs are otherwise one line each."""

from __future__ import annotations

import regex

from .. import rule


@rule("TQA708", "hard-line-break", "typography", "info", safe_fix=True)
def hard_line_break(article, ctx):
    """Line break inside a paragraph of a text file whose paragraphs are otherwise one line each.

    Copying from PDFs or e-mails leaves line breaks mid-sentence
    (``drinking water in`` / ``more than 10 countries``). Files wrapped
    throughout, Markdown (where a single line break is a soft wrap), lists
    and lines ending in a colon stay silent. The fix joins the lines. On
    web pages (and WordPress exports) a ``<br>`` mid-sentence is the same
    defect; ``tqa fix`` leaves a tag to the translator.

    Fails (en):
        Title⏎⏎One single-line paragraph here.⏎⏎Another single-line paragraph.⏎⏎A study of drinking water in⟦⏎⟧more than 10 countries was done. → " "

    Passes (en):
        Title⏎⏎The list:⏎- one⏎- two
    """
    document = ctx.document
    if document.format not in ("text", "html", "wxr") or _hard_wrapped(document):
        return
    for segment in article.paragraphs:
        if segment.kind != "paragraph" or "\n" not in segment.text:
            continue
        lines = segment.text.split("\n")
        index = 0
        for line, nxt in zip(lines, lines[1:]):
            index += len(line)
            stripped, following = line.rstrip(), nxt.lstrip()
            if (
                stripped
                and following
                and not stripped.endswith(":")
                and not following.startswith(("-", "*", "•", "–", "—"))
                and not regex.match(r"\d+[.)]\s", following)
            ):
                start = len(stripped) - len(line) + index
                end = index + 1 + (len(nxt) - len(following))
                yield segment.problem(start, end, "line break inside a paragraph; join the lines", " ")
            index += 1


def _hard_wrapped(document) -> bool:
    """Is the whole file wrapped at a fixed width (e-mail style)?"""
    paragraphs = [s for a in document.articles for s in a.paragraphs if s.kind == "paragraph" and len(s.text) >= 60]
    if not paragraphs:
        return False
    wrapped = sum(1 for s in paragraphs if "\n" in s.text)
    return wrapped >= 3 and wrapped >= 0.3 * len(paragraphs)
