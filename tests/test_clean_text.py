"""Clean translated text in several languages and scripts stays silent."""

import pytest
from conftest import CLEAN, findings_of


@pytest.mark.parametrize("lang", ["en", "ru", "kk", "de", "ja"])
def test_clean_article_has_no_findings(lang):
    text = (CLEAN / f"{lang}.txt").read_text(encoding="utf-8")
    found = findings_of(text, lang=lang)
    assert found == [], [(f.rule, f.text) for f in found]


@pytest.mark.parametrize("lang", ["en", "ru", "kk", "de", "ja"])
def test_clean_article_as_markdown_has_no_findings(lang):
    text = (CLEAN / f"{lang}.txt").read_text(encoding="utf-8")
    lines = text.split("\n")
    markdown = "# " + lines[0] + "\n" + "\n".join(lines[1:])
    assert findings_of(markdown, lang=lang, path="article.md") == []
