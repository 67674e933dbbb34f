"""How long reading a web page takes: a 200 KB page (the sample page's
articles repeated inside its markup) decoded and read into articles, on one
core, best of several runs. The budget (issue 20) is 30 ms.

    python bench/read_html.py [--size 200000] [--runs 15]
    python bench/read_html.py --wxr [--size 11500000] [--runs 3]   # a WordPress export

Measured (2 shared cores, Python 3.11): see bench/READERS-HTML.md.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tqa.readers import html, wxr  # noqa: E402
from tqa.readers.splitting import SplitSettings  # noqa: E402


def page_of_size(size: int) -> bytes:
    page = (ROOT / "samples" / "kazunite-blog-page-3.html").read_text(encoding="utf-8")
    first = page.index("<article")
    last = page.rindex("</article>") + len("</article>")
    articles = page[first:last]
    copies = max(1, round((size - (len(page) - len(articles))) / len(articles.encode("utf-8"))))
    return (page[:first] + "\n".join([articles] * copies) + page[last:]).encode("utf-8")


def export_of_size(size: int) -> bytes:
    """A WordPress export of about ``size`` bytes: the sample export's posts
    repeated (each post's body the sample page's articles, as the earlier
    measure in READERS-HTML.md did: 61 paragraphs a post)."""
    page = (ROOT / "samples" / "kazunite-blog-page-3.html").read_text(encoding="utf-8")
    body = page[page.index("<article") : page.rindex("</article>") + len("</article>")]
    head = (
        '<?xml version="1.0" encoding="UTF-8" ?>\n<rss version="2.0" '
        'xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:wp="http://wordpress.org/export/1.2/">\n'
        "<channel><title>KazUnite</title><language>en-US</language>\n"
    )
    item = (
        "<item><title>Post {n}</title><link>https://kazunite.kz/?p={n}</link>"
        "<content:encoded><![CDATA[" + body + "]]></content:encoded>"
        "<wp:post_type>post</wp:post_type><wp:status>publish</wp:status></item>\n"
    )
    per = len(item.encode("utf-8"))
    items = "".join(item.replace("{n}", str(n)) for n in range(max(1, size // per)))
    return (head + items + "</channel></rss>\n").encode("utf-8")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--size", type=int, default=200_000)
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--wxr", action="store_true", help="read a WordPress export instead of a page")
    args = parser.parse_args()
    data = export_of_size(args.size) if args.wxr else page_of_size(args.size)
    reader = wxr.READER if args.wxr else html.READER
    settings = SplitSettings()
    times = []
    for _ in range(args.runs):
        started = time.perf_counter()
        document = reader.read_bytes("page.html", data, settings)
        times.append(time.perf_counter() - started)
    segments = sum(len(a.segments) for a in document.articles)
    print(
        f"{len(data) / 1000:.0f} KB {'export' if args.wxr else 'page'}: "
        f"{len(document.articles)} articles, {segments} segments; "
        f"best {min(times) * 1000:.1f} ms, median {sorted(times)[len(times) // 2] * 1000:.1f} ms ({args.runs} runs)"
    )


if __name__ == "__main__":
    main()
