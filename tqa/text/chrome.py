"""Patterns for page chrome: share labels, navigation, "see also" lines.

Built from ``data/page_chrome.yaml`` plus the user's extra words. Used both by
the boilerplate rules and by the splitter of multi-article pages, so the same
words that mark an article boundary are the ones reported as leftovers.
"""

from __future__ import annotations

from functools import lru_cache

import regex

from .resources import alternation, flatten, load

_SPACE = r"[ \t\u00a0\u202f]"


@lru_cache(maxsize=64)
def share_label_line(extra: tuple[str, ...] = ()) -> regex.Pattern:
    """A whole line that is only a share label (and maybe network names)."""
    data = load("page_chrome")
    labels = alternation(flatten(data["share_labels"]) + list(extra))
    networks = alternation(data["social_networks"])
    return regex.compile(
        rf"^{_SPACE}*(?:{labels}){_SPACE}*[:：]?(?:{_SPACE}*(?:{networks})(?:{_SPACE}*[,|·•]?))*{_SPACE}*$",
        regex.IGNORECASE | regex.V1,
    )


@lru_cache(maxsize=64)
def see_also_line(extra: tuple[str, ...] = ()) -> regex.Pattern:
    """A line that starts with a "see also" lead-in and a colon."""
    data = load("page_chrome")
    labels = alternation(flatten(data["see_also"]) + list(extra))
    return regex.compile(rf"^{_SPACE}*(?:{labels}){_SPACE}*[:：]", regex.IGNORECASE | regex.V1)


@lru_cache(maxsize=64)
def navigation_line(extra_sections: tuple[str, ...] = ()) -> regex.Pattern:
    """A breadcrumb line such as ``Home › News`` or ``Home Blog Page 3``."""
    nav = load("page_chrome")["navigation"]
    home = alternation(nav["home"])
    sections = alternation(nav["sections"] + list(extra_sections))
    page = alternation(nav["page"])
    seps = "".join(regex.escape(s) for s in nav["separators"])
    item = r"[^\n\r.!?;:" + seps + r"]{1,40}?"
    return regex.compile(
        rf"""^{_SPACE}*(?:{home})
        (?:
            # explicit separators: Home › News › Politics
            (?:{_SPACE}*[{seps}]{_SPACE}*{item}){{1,6}}
          | # spaces only: needs a section word or a page number
            (?:{_SPACE}+(?:{sections}))+(?:{_SPACE}+(?:{page}){_SPACE}*\d+)?
          | (?:{_SPACE}+(?:{page}){_SPACE}*\d+)
        ){_SPACE}*$""",
        regex.IGNORECASE | regex.VERBOSE | regex.V1,
    )
