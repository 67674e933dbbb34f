"""WordPress exports (WXR): one article per post, positions in the export."""

from __future__ import annotations

import html as htmllib
import tracemalloc

import pytest
from conftest import ROOT

from tqa.readers import read_document, reader_of
from tqa.readers.base import InputError

EXPORT = ROOT / "samples" / "kazunite-export.xml"

HEAD = (
    '<?xml version="1.0" encoding="UTF-8" ?>\n<rss version="2.0" '
    'xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:wp="http://wordpress.org/export/1.2/">\n'
    "<channel>\n<title>Site</title>\n<language>{lang}</language>\n"
)


def export(*items: str, lang: str = "en-US") -> str:
    return HEAD.format(lang=lang) + "".join(items) + "</channel>\n</rss>\n"


def item(title: str, body: str, kind: str = "post", extra: str = "") -> str:
    return (
        f"<item>\n<title>{title}</title>\n<link>https://example.org/?p=1</link>\n"
        f"<pubDate>Mon, 05 Dec 2022 10:00:00 +0000</pubDate>\n<content:encoded>{body}</content:encoded>\n"
        f"<wp:post_type><![CDATA[{kind}]]></wp:post_type>\n{extra}</item>\n"
    )


def write(tmp_path, content: str, name: str = "export.xml"):
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    return path


def assert_mapped(document) -> None:
    text = document.source.text
    for article in document.articles:
        for segment in article.segments:
            for i, char in enumerate(segment.text):
                at = segment.source_offset(i)
                written = text[at : at + (segment.wide or {}).get(i, 1)]
                shown = htmllib.unescape(htmllib.unescape(written))
                assert written == char or shown[-1:] == char or (char == " " and not shown.strip()), (char, written)


def test_the_sample_export():
    document = read_document(str(EXPORT))
    assert document.format == "wxr"
    assert [(a.title, a.lang) for a in document.articles] == [
        ("Why use open data and what are the benefits?", "en"),
        ("Senior civil servants are trained in futures thinking and planning skills", "en"),
        ("Астана хабы Таллинде тәжірибе алмасты", "kk"),
        ("Открытые данные & госслужба", "ru"),
    ]  # the attachment holds no article
    title = document.articles[0].segments[0]
    assert title.kind == "title" and title.meta == {
        "link": "https://kazunite.kz/?p=4101",
        "date": "Mon, 14 Nov 2022 09:30:00 +0000",
    }
    assert_mapped(document)


def test_the_sample_export_is_what_its_script_builds():
    import runpy

    module = runpy.run_path(str(ROOT / "samples" / "make_wxr_export.py"))
    assert module["build"]() == EXPORT.read_text(encoding="utf-8")


def test_findings_point_into_the_export(tqa):
    run = tqa("check", "--no-cache", "-f", "json", EXPORT)
    assert "Traceback" not in run.err
    lines = EXPORT.read_text(encoding="utf-8").split("\n")
    found = {}
    for article in run.json()["articles"]:
        for f in article["findings"]:
            found.setdefault(f["rule"], []).append(f["text"])
            assert lines[f["line"] - 1][f["column"] - 1 :].startswith(f["text"].split("\n")[0])
    assert "пopталын" in found["TQA101"]  # Kazakh, a Latin o and p
    assert "Тарату:" in found["TQA601"]
    assert "и и" in found["TQA701"]  # in a Russian body written with entities, not CDATA
    assert "of of" not in str(found)  # the channel's description is not an article


@pytest.mark.parametrize(
    "body,text",
    [
        ("<![CDATA[<p>Қазақстан &amp; әлем</p>]]>", "Қазақстан & әлем"),
        ("&lt;p&gt;Министерство &amp;amp; ведомство&lt;/p&gt;", "Министерство & ведомство"),
        ("<![CDATA[<p>a ]]]]><![CDATA[> b</p>]]>", "a ]]> b"),
        ("<![CDATA[First paragraph.\n\nSecond one, classic editor.]]>", "First paragraph."),
        ("<![CDATA[<!-- wp:paragraph --><p>東京で会議</p><!-- /wp:paragraph -->]]>", "東京で会議"),
    ],
)
def test_bodies_in_every_form(tmp_path, body, text):
    document = read_document(str(write(tmp_path, export(item("T", body)))))
    [article] = document.articles
    assert article.segments[1].text == text
    assert_mapped(document)


def test_post_language_and_the_channels(tmp_path):
    content = export(
        item(
            "Titel", "<![CDATA[<p>Text.</p>]]>", extra='<category domain="language" nicename="de">Deutsch</category>\n'
        ),
        item("Title", "<![CDATA[<p>Text.</p>]]>"),
        item("menu", "", kind="nav_menu_item"),
        lang="ru-RU",
    )
    document = read_document(str(write(tmp_path, content, "site.XML")))
    assert [(a.title, a.lang) for a in document.articles] == [("Titel", "de"), ("Title", "ru")]


def test_other_xml_files_are_not_exports(tmp_path):
    path = write(tmp_path, '<?xml version="1.0"?>\n<rss version="2.0"><channel><title>Feed</title></channel></rss>\n')
    assert reader_of(str(path), path.read_bytes()).format == "text"
    assert read_document(str(path)).format == "text"


def test_folder_walks_find_exports_by_content(tmp_path, tqa):
    write(tmp_path, export(item("T", "<![CDATA[<p>Office in Aлматы.</p>]]>")), "backup-2023.xml")
    write(tmp_path, '<?xml version="1.0"?>\n<config><v>Aлматы</v></config>\n', "settings.xml")
    run = tqa("check", "--no-cache", "-f", "json", tmp_path)
    paths = {f["path"].rsplit("/", 1)[-1] for a in run.json()["articles"] for f in a["findings"]}
    assert paths == {"backup-2023.xml"}


@pytest.mark.parametrize(
    "content,message",
    [
        (
            '<?xml version="1.0"?>\n<!DOCTYPE rss [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;">]>\n'
            + export(item("&b;", "x")).split("\n", 1)[1],
            "DOCTYPE",
        ),
        (export(item("T", "<![CDATA[<p>x</p>")), "not well-formed"),
        (export(item("T", "x")).replace("</channel>", ""), "not well-formed"),
        (export(item("T", "x")).replace("UTF-8", "windows-1251"), "only UTF-8"),
        (
            export(item("T", "<![CDATA[<p>x</p>]]>")).replace(
                "<channel>", '<!DOCTYPE rss SYSTEM "file:///etc/passwd"><channel>'
            ),
            "",
        ),
    ],
)
def test_a_hostile_export_is_one_error_line_and_the_run_goes_on(tmp_path, tqa, content, message):
    write(tmp_path, content, "bad.xml")
    write(tmp_path, export(item("T", "<![CDATA[<p>Office in Aлматы.</p>]]>")), "good.xml")
    run = tqa("check", "--no-cache", "-f", "json", tmp_path)
    assert "Traceback" not in run.err and "root:" not in run.out
    report = run.json()
    errors = [e for e in report["errors"] if e["path"].endswith("bad.xml")]
    assert len(errors) == 1 and message in errors[0]["message"]
    assert [f["text"] for a in report["articles"] for f in a["findings"]] == ["Aлматы"]


def test_a_deeply_nested_export_is_refused(tmp_path):
    content = export(item("T", "x")).replace("<item>", "<x>" * 300 + "<item>", 1)
    with pytest.raises(InputError, match="nested deeper"):
        read_document(str(write(tmp_path, content)))


def test_reading_streams_posts(tmp_path):
    """Memory while reading beyond the file and its model: the parser holds
    no tree of the export (measured: bench/READERS-HTML.md)."""
    body = "<![CDATA[" + "<p>Paragraph of a post with some text in it.</p>\n" * 40 + "]]>"
    content = export(*[item(f"Post {n}", body) for n in range(400)])
    path = write(tmp_path, content)
    tracemalloc.start()
    document = read_document(str(path))
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert len(document.articles) == 400
    size = len(content.encode("utf-8"))
    assert peak < 12 * size  # the text, its bytes and the segments: no DOM of the whole file
