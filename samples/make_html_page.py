"""Rebuild the seed page (kazunite-blog-page-3.txt, a scrape) as the
WordPress listing page it was scraped from: kazunite-blog-page-3.html.

The page holds what a real one does around the ten articles and what must
never be read as text: a site header with its menu, a breadcrumb, Jetpack
share widgets ("Тарату:") after each title and each body, a sidebar and a
footer, pagination, scripts, a style sheet, JSON-LD, comments and
attributes that hold text (titles, alt texts). The articles' text is the
seed's, written as WordPress writes it (curly quotes and dashes as
numeric references, no-break spaces as ``&nbsp;``, a line break inside a
paragraph as ``<br>``), so every article gives the same findings in both
files (tests/test_html.py checks it).

    python samples/make_html_page.py      # writes samples/kazunite-blog-page-3.html
"""

from __future__ import annotations

import html
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from tqa.readers import document_from_text  # noqa: E402

SEED = HERE / "kazunite-blog-page-3.txt"
PAGE = HERE / "kazunite-blog-page-3.html"

# WordPress's wptexturize writes these as numeric references
_REFERENCES = {"“": "&#8220;", "”": "&#8221;", "’": "&#8217;", "‘": "&#8216;", "–": "&#8211;", "\u00a0": "&nbsp;"}


def escape(text: str) -> str:
    out = html.escape(text, quote=False)
    for char, reference in _REFERENCES.items():
        out = out.replace(char, reference)
    return out.replace("\n", "<br>\n")


def share_widget(post: int, place: str) -> str:
    networks = [("facebook", "Facebook"), ("twitter", "Twitter"), ("telegram", "Telegram"), ("whatsapp", "WhatsApp")]
    items = "".join(
        f'<li class="share-{key}"><a rel="nofollow noopener noreferrer" data-shared="sharing-{key}-{post}" '
        f'class="share-{key} sd-button share-icon no-text" href="https://kazunite.kz/?p={post}&amp;share={key}" '
        f'target="_blank" title="Тарату: {name}"><span></span></a></li>'
        for key, name in networks
    )
    return (
        f'<div class="sharedaddy sd-sharing-enabled" data-place="{place}"><div class="robots-nocontent sd-block '
        f'sd-social sd-social-icon sd-sharing"><h3 class="sd-title">Тарату:</h3><div class="sd-content"><ul>'
        f"{items}</ul></div></div></div>\n"
    )


HEAD = """<!DOCTYPE html>
<html lang="en-US">
<head>
<meta charset="UTF-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="description" content="Home Blog Page 3 &#8211; of of utilisation">
<title>Blog &#8211; Page 3 &#8211; Тарату: KazUnite</title>
<link rel="stylesheet" id="jetpack-css" href="/wp-content/plugins/jetpack/css/jetpack.css" media="all">
<style id="sharedaddy-inline-css">
.sd-title { font-weight: bold; } /* Тарату: */
.sd-content ul li a::after { content: "Share this article"; }
</style>
<script type="application/ld+json">{"@context":"https://schema.org","@type":"Blog","name":"Home Blog Page 3",
"description":"Тарату: of of the the Ministry of the Internal and Safety"}</script>
<script>
window._wpemojiSettings = {"baseUrl":"https:\\/\\/s.w.org\\/images\\/core\\/emoji\\/14.0.0\\/72x72\\/"};
document.write("<p>Тарату:</p><p>Home Blog Page 3</p><p>the the utilisation</p>");
if (a < b && b > c) { console.log("</p> Добавлено примечание ([U1]): test"); }
</script>
</head>
<body class="blog paged paged-3 hfeed">
<a class="skip-link screen-reader-text" href="#content">Skip to content</a>
<!-- Тарату: Home Blog Page 3 (a comment is never text) -->
<header id="masthead" class="site-header">
<div class="site-branding"><p class="site-title"><a href="https://kazunite.kz/" rel="home">KazUnite</a></p>
<p class="site-description">Astana Civil Service Hub news &#8211; Тарату:</p></div>
<nav id="site-navigation" class="main-navigation" aria-label="Primary menu">
<ul id="primary-menu" class="menu"><li class="menu-item"><a href="/">Home</a></li>
<li class="menu-item"><a href="/about/">About us</a></li>
<li class="menu-item current-menu-item"><a href="/blog/">Blog</a></li>
<li class="menu-item"><a href="/contacts/">Contacts</a></li></ul></nav>
</header>
<div id="content" class="site-content">
<div class="breadcrumbs" aria-label="breadcrumb"><a href="/">Home</a> <a href="/blog/">Blog</a>
<span class="breadcrumb_last" aria-current="page">Page 3</span></div>
<div id="primary" class="content-area">
<main id="main" class="site-main">
<header class="page-header"><h1 class="page-title">Blog</h1></header>
"""

TAIL = """<nav class="navigation pagination" aria-label="Posts">
<h2 class="screen-reader-text">Posts navigation</h2>
<div class="nav-links"><a class="prev page-numbers" href="/blog/page/2/">Previous</a>
<a class="page-numbers" href="/blog/">1</a> <a class="page-numbers" href="/blog/page/2/">2</a>
<span aria-current="page" class="page-numbers current">3</span>
<a class="next page-numbers" href="/blog/page/4/">Next</a></div></nav>
</main><!-- #main -->
</div><!-- #primary -->
<aside id="secondary" class="widget-area">
<section class="widget widget_recent_entries"><h2 class="widget-title">Recent Posts</h2>
<ul><li><a href="/kazakh-president/">Kazakh President arrives in New York for a working visit</a></li>
<li><a href="/tallinn/">Tallinn gets acquainted with history and culture of Kazakhstan</a></li></ul>
<p>Тарату:</p><p>Read also: the the Ministry of the Internal and Safety</p></section>
</aside>
</div><!-- #content -->
<footer id="colophon" class="site-footer">
<div class="site-info">&copy; 2023 KazUnite. Home &rsaquo; Contacts<br>Тарату:</div>
</footer>
<template id="share-template"><p>Тарату:</p><p>of of</p></template>
<noscript><p>Home Blog Page 3</p><p>Тарату:</p></noscript>
<script src="https://kazunite.kz/wp-content/plugins/jetpack/_inc/build/sharedaddy/sharing.min.js"></script>
</body>
</html>
"""


def build() -> str:
    document = document_from_text(str(SEED), SEED.read_text(encoding="utf-8"))
    out = [HEAD]
    for article in document.articles:
        post = 4100 - 37 * article.index
        segments = [s for s in article.segments if s.kind != "break"]
        title = next(s for s in segments if s.kind == "title")
        slug = "-".join(title.text.lower().split()[:6]).strip(".,:?!")
        out.append(
            f'<article id="post-{post}" class="post-{post} post type-post status-publish format-standard hentry '
            f'category-news">\n'
        )
        out.append(
            f'<header class="entry-header"><h2 class="entry-title"><a href="https://kazunite.kz/{html.escape(slug)}/" '
            f'rel="bookmark" title="{html.escape(title.text)} of of">{escape(title.text)}</a></h2></header>\n'
        )
        body = segments[segments.index(title) + 1 :]
        labels = [i for i, s in enumerate(body) if s.kind == "label"]
        # the seed reads: title, share label, body, share label
        if labels and labels[0] == 0:
            out.append(share_widget(post, "top"))
            body = body[1:]
            labels = [i - 1 for i in labels[1:]]
        closing = body[labels[-1] :] if labels and labels[-1] == len(body) - 1 else []
        if closing:
            body = body[: labels[-1]]
        out.append('<div class="entry-content">\n')
        for number, segment in enumerate(body):
            if number == 1:
                out.append(f'<!-- wp:image --><img src="/img/{post}.jpg" alt="Тарату: of of"><!-- /wp:image -->\n')
            text = escape(segment.text)
            if segment.text.isupper():
                text = f"<strong>{text}</strong>"
            out.append(f"<p>{text}</p>\n")
        out.append("</div><!-- .entry-content -->\n")
        if closing:
            out.append(share_widget(post, "bottom"))
        out.append("</article><!-- #post -->\n")
    out.append(TAIL)
    return "".join(out)


def main() -> None:
    document = document_from_text(str(SEED), SEED.read_text(encoding="utf-8"))
    first = document.articles[0]
    chrome = [s for s in first.segments if s.start < next(s.start for s in first.segments if s.kind == "title")]
    assert [s.text for s in chrome] == ["Home Blog Page 3"], "the seed page starts with its breadcrumb"
    PAGE.write_text(build(), encoding="utf-8", newline="\n")
    print(f"wrote {PAGE.relative_to(HERE.parent)}")


if __name__ == "__main__":
    main()
