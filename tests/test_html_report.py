"""The editors' HTML report: its data (no browser) and the page itself in
headless Chromium (the seed page, a hostile article, filters, hover, print).

The browser tests need Debian's chromium (``.ci/run`` installs it). They
are skipped on a machine without it, unless ``TQA_REQUIRE_BROWSER=1`` (set
by CI) makes a missing browser a failure.
"""

import json
import os
import re
import shutil
from pathlib import Path

import pytest

from tests.conftest import SEED
from tqa.config import Config
from tqa.engine import check_text
from tqa.report import ReportOptions
from tqa.report.html import _pieces, _script_safe_json, build_view

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
HOSTILE_NAME = "<img src=x onerror=window.__pwned=9>.txt"
HOSTILE = """\
Minister <b>says</b> </script><script>window.__pwned=4</script> & more
Тарату:
The Ministry said that <script>window.__pwned = 1</script> the new portal is ready. \
Mr. А. Baimenov <img src=x onerror="window.__pwned=2"> opened it.

Visitors can <a href="javascript:window.__pwned=3">click here</a> to read the the report.

Добавлено примечание ([U1]): What is it? <svg onload="window.__pwned=6"> 7.50?
"""


# ---- the page's data, without a browser ----


def test_pieces_nest_overlapping_findings_and_keep_every_character():
    text = "abcdefghij"
    # 0: "cdefg", 1: "efghij" (overlaps 0 without nesting), 2: a point before "c"
    pieces = _pieces(text, [(2, 7, 0), (4, 10, 1), (2, 2, 2)])
    assert "".join(p for p, _ in pieces) == text
    assert ["", [2]] in pieces
    assert ["efg", [0, 1]] in pieces  # both cover it, the earlier one outermost
    assert ["hij", [1]] in pieces
    assert ["ab", []] == pieces[0]


def test_script_safe_json_cannot_close_the_script_element():
    data = {"t": "</script><script>alert(1)</script><!--"}
    encoded = _script_safe_json(data)
    assert "<" not in encoded and ">" not in encoded
    assert json.loads(encoded) == data


def _seed_result():
    return check_text(SEED.read_text(encoding="utf-8"), Config(lang="en"), path=str(SEED))


def test_view_holds_every_finding_on_its_exact_characters():
    result = _seed_result()
    view = build_view(result, ReportOptions())
    data = view["data"]
    assert len(data["findings"]) == len(result.findings) > 40
    covered = {}
    for body in data["bodies"]:
        for number, content in body["lines"]:
            if isinstance(content, str):
                continue
            column = 1
            for piece, ids in content:
                for i in ids:
                    covered.setdefault(i, []).append((number, column, piece))
                column += len(piece)
    for i, f in enumerate(data["findings"]):
        places = covered[i]
        assert places[0][:2] == (f["line"], f["column"]), f
        assert "".join(p for _, _, p in places) == f["text"].replace("\n", ""), f


def test_duplicates_link_to_the_article_of_their_first_copy():
    data = build_view(_seed_result(), ReportOptions())["data"]
    related = [(f, r) for f in data["findings"] for r in f["related"] if f["rule"] == "TQA301"]
    assert related
    for f, r in related:
        assert r["a"] is not None and r["line"] < f["line"]


def test_rtl_articles_are_marked_right_to_left():
    result = check_text("عنوان\n\nهذا نص عربي قصير.\n", Config(lang="ar"), path="ar.txt")
    body = build_view(result, ReportOptions())["data"]["bodies"][0]
    assert body["dir"] == "rtl" and body["lang"] == "ar"


# ---- the command line ----


def test_html_goes_to_reports_folder_by_default(tqa, tmp_path):
    (tmp_path / "a.txt").write_text(HOSTILE, encoding="utf-8")
    run = tqa("check", "a.txt", "--lang", "en", "--format", "html", "--output", "run.html")
    assert run.code == 1, run.err
    page = (tmp_path / "reports" / "run.html").read_text(encoding="utf-8")
    assert "wrote reports/run.html" in run.err
    assert page.startswith("<!DOCTYPE html>")
    # self-contained: no address to fetch anything from
    assert not re.search(r"""(src|href)=["']?(https?:|//)""", page)
    # the page's own script is the only one allowed to run, by its hash
    assert re.search(r"script-src 'sha256-[A-Za-z0-9+/=]+'", page)


def test_report_command_renders_saved_json_like_check(tqa, tmp_path):
    (tmp_path / "a.txt").write_text(HOSTILE, encoding="utf-8")
    tqa("check", "a.txt", "--lang", "en", "--format", "json", "--output", "run.json")
    direct = tqa("check", "a.txt", "--lang", "en", "--format", "html", "--output", "direct.html")
    saved = tqa("report", "run.json", "--output", "saved.html")
    assert saved.code == 0, saved.err

    def strip(page):  # the date it was made
        return re.sub(r"<span>\d{4}-\d\d-\d\d [^<]*</span>", "", page)

    assert strip((tmp_path / "reports/saved.html").read_text()) == strip((tmp_path / "reports/direct.html").read_text())
    assert direct.code == 1


def test_report_from_json_notes_a_file_that_changed(tqa, tmp_path):
    article = tmp_path / "a.txt"
    article.write_text(HOSTILE, encoding="utf-8")
    tqa("check", "a.txt", "--lang", "en", "--format", "json", "--output", "run.json")
    article.write_text("New first line\n" + HOSTILE, encoding="utf-8")
    tqa("report", "run.json", "--output", "saved.html")
    page = (tmp_path / "reports/saved.html").read_text()
    assert "changed since this report was made" in page


def test_report_command_rejects_what_is_not_a_report(tqa, tmp_path):
    (tmp_path / "x.json").write_text('{"a": 1}', encoding="utf-8")
    (tmp_path / "broken.json").write_text('{"a": ', encoding="utf-8")
    run = tqa("report", "x.json")
    assert run.code == 2 and "x.json: not a tqa JSON report" in run.err
    run = tqa("report", "broken.json")
    assert run.code == 2 and "broken.json:1: not JSON" in run.err
    assert not (tmp_path / "reports").exists()


# ---- the page in a real browser ----


@pytest.fixture(scope="module")
def browser():
    if not CHROMIUM:
        if os.environ.get("TQA_REQUIRE_BROWSER") == "1":
            pytest.fail("chromium is not installed (TQA_REQUIRE_BROWSER=1)")
        pytest.skip("chromium is not installed")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        yield chromium
        chromium.close()


class Opened:
    def __init__(self, page, problems):
        self.page = page
        self.problems = problems


@pytest.fixture
def open_report(browser):
    pages = []

    def open_(path: Path, width=1280, height=900) -> Opened:
        page = browser.new_page(viewport={"width": width, "height": height})
        problems = []
        page.on(
            "console",
            lambda m: problems.append(f"console {m.type}: {m.text}") if m.type in ("error", "warning") else None,
        )
        page.on("pageerror", lambda e: problems.append(f"page error: {e}"))
        page.on("request", lambda r: problems.append(f"request: {r.url}") if not r.url.startswith("file:") else None)
        page.goto(path.resolve().as_uri())
        pages.append(page)
        return Opened(page, problems)

    yield open_
    for page in pages:
        page.close()


def _report(tqa, tmp_path, source: Path, name: str, *extra) -> tuple[Path, dict]:
    json_run = tqa("check", source, "--lang", "en", "--format", "json", *extra)
    tqa("check", source, "--lang", "en", "--format", "html", "--output", tmp_path / name, *extra)
    return tmp_path / name, json_run.json()


@pytest.fixture
def seed_report(tqa, tmp_path):
    return _report(tqa, tmp_path, SEED, "seed.html")


def test_seed_report_highlights_every_finding(seed_report, open_report):
    path, report = seed_report
    opened = open_report(path)
    page = opened.page
    page.evaluate("tqaReport.renderAll()")
    marks = page.eval_on_selector_all(
        "mark[data-finding-id]",
        "ms => ms.map(m => [m.dataset.findingId, m.dataset.rule, m.dataset.category, m.dataset.severity])",
    )
    by_id = {m[0]: m[1:] for m in marks}
    findings = [f for a in report["articles"] for f in a["findings"]]
    assert len(findings) > 40
    for f in findings:
        assert by_id.get(f["fingerprint"]) == [f["rule"], f["category"], f["severity"]], f
    # the text around the highlights is the file's text, line by line
    line = page.inner_text("#L0-1 .tx")
    assert line == SEED.read_text(encoding="utf-8").splitlines()[0]
    assert opened.problems == []


def test_bodies_render_lazily(seed_report, open_report):
    page = open_report(seed_report[0], height=700).page
    assert page.eval_on_selector('[data-body="9"]', "b => b.children.length") == 0
    page.click('a[data-goto-article="9"]')
    assert page.eval_on_selector('[data-body="9"]', "b => b.querySelectorAll('.ln-row').length") > 10


def test_hover_and_keyboard_focus_show_the_finding_with_its_fix(seed_report, open_report):
    path, report = seed_report
    homoglyph = next(f for a in report["articles"] for f in a["findings"] if f["rule"] == "TQA101")
    page = open_report(path).page
    page.evaluate("tqaReport.renderAll()")
    selector = f'mark[data-finding-id="{homoglyph["fingerprint"]}"]'
    page.hover(selector)
    tip = page.locator("#tip")
    assert tip.is_visible()
    assert "TQA101" in tip.inner_text() and f"fix: replace with {homoglyph['suggestion']}" in tip.inner_text()
    page.mouse.move(1, 1)
    assert not tip.is_visible()
    page.focus(selector)
    assert tip.is_visible() and homoglyph["message"] in tip.inner_text()


def test_filters_hide_and_show_and_survive_a_reload(seed_report, open_report):
    from playwright.sync_api import expect

    path, report = seed_report
    findings = [f for a in report["articles"] for f in a["findings"]]
    boilerplate = sum(f["category"] == "boilerplate" for f in findings)
    page = open_report(path).page
    page.evaluate("tqaReport.renderAll()")
    highlighted = 'mark[data-category="boilerplate"]:not(.off)'
    assert page.locator(highlighted).count() >= boilerplate > 0
    page.uncheck('input[name="cat"][value="boilerplate"]')
    assert page.locator(highlighted).count() == 0
    assert page.inner_text("#shown") == f"{len(findings) - boilerplate} of {len(findings)} findings shown"
    assert page.locator("li[data-item-for]:visible").count() == len(findings) - boilerplate
    # the severity counts follow the category filter
    errors = sum(f["severity"] == "error" and f["category"] != "boilerplate" for f in findings)
    assert page.inner_text('[data-count="sev:error"]') == str(errors)
    homoglyphs = sum(f["name"] == "homoglyph" for f in findings)
    page.fill("#q", "Homoglyph")
    expect(page.locator("#shown")).to_contain_text(f"{homoglyphs} of")
    page.reload()
    assert not page.is_checked('input[name="cat"][value="boilerplate"]')
    assert page.input_value("#q") == "homoglyph"
    assert page.inner_text("#shown").startswith(f"{homoglyphs} of")
    page.click("#reset")
    assert page.inner_text("#shown") == f"{len(findings)} findings shown"


def test_overview_sorts_by_a_column(seed_report, open_report):
    page = open_report(seed_report[0]).page
    page.click('#overview th:has-text("Total") button')
    totals = page.eval_on_selector_all('#overview tbody td[data-cell="total"]', "cs => cs.map(c => +c.textContent)")
    assert totals == sorted(totals)
    page.click('#overview th:has-text("Total") button')
    totals = page.eval_on_selector_all('#overview tbody td[data-cell="total"]', "cs => cs.map(c => +c.textContent)")
    assert totals == sorted(totals, reverse=True)


def test_a_duplicate_links_to_its_first_copy(seed_report, open_report):
    path, report = seed_report
    duplicate = next(f for a in report["articles"] for f in a["findings"] if f["rule"] == "TQA301")
    page = open_report(path).page
    page.evaluate(f"tqaReport.gotoFinding({json.dumps(duplicate['fingerprint'])})")
    link = page.locator(f'li[data-item-for="{duplicate["fingerprint"]}"] a.related')
    assert link.inner_text() == f"see {duplicate['related'][0]['path']}:{duplicate['related'][0]['line']}"
    link.click()
    row = page.locator(f"#L{_article_of(report, duplicate)}-{duplicate['related'][0]['line']}")
    assert row.is_visible() and "flash" in row.get_attribute("class")


def _article_of(report, finding):
    return next(i for i, a in enumerate(report["articles"]) if finding in a["findings"])


def test_phone_width_has_no_sideways_scrolling_of_the_page(seed_report, open_report):
    page = open_report(seed_report[0], width=390, height=800).page
    page.evaluate("tqaReport.renderAll()")
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 391


def test_print_hides_filters_and_renders_every_article(seed_report, open_report):
    page = open_report(seed_report[0]).page
    page.pdf()  # printing fires beforeprint: the bodies not yet seen are rendered
    assert page.eval_on_selector('[data-body="9"]', "b => b.querySelectorAll('.ln-row').length") > 10
    page.emulate_media(media="print")
    assert not page.is_visible("#filters")
    assert page.locator("mark.hl").first.is_visible()


def test_hostile_article_shows_as_text_and_runs_nothing(tqa, tmp_path, open_report):
    source = tmp_path / HOSTILE_NAME
    source.write_text(HOSTILE, encoding="utf-8")
    path, report = _report(tqa, tmp_path, source, "hostile.html")
    opened = open_report(path)
    page = opened.page
    page.evaluate("tqaReport.renderAll()")
    for f in report["articles"][0]["findings"]:
        page.hover(f'mark[data-finding-id="{f["fingerprint"]}"]')
    page.click("text=click here")
    assert page.evaluate("window.__pwned") is None
    assert page.locator("img, svg, b, a[href^='javascript']").count() == 0
    assert page.locator("script").count() == 2  # the data block and the page's own script
    text = page.inner_text("#articles")
    for hostile in (
        "<script>window.__pwned = 1</script>",
        '<img src=x onerror="window.__pwned=2">',
        '<a href="javascript:window.__pwned=3">',
        "</script><script>window.__pwned=4</script>",
        '<svg onload="window.__pwned=6">',
    ):
        assert hostile in text
    assert HOSTILE_NAME in page.inner_text("#overview")
    # the homoglyph inside the hostile line is still highlighted on its letter
    homoglyph = next(f for f in report["articles"][0]["findings"] if f["rule"] == "TQA101")
    assert page.inner_text(f'mark[data-finding-id="{homoglyph["fingerprint"]}"]') == "А"
    assert opened.problems == []


def test_a_name_that_is_not_utf8_makes_a_valid_page_that_shows_it_escaped(tqa, tmp_path):
    import os

    with open(os.path.join(os.fsencode(tmp_path), b"caf\xe9.txt"), "wb") as handle:
        handle.write(b"Title\n\nThe ministry said TODO: check the name.\n")
    run = tqa("check", ".", "--lang", "en", "--select", "TQA203", "--format", "html", "--output", "run.html")
    assert run.code == 1, run.err
    page = (tmp_path / "reports" / "run.html").read_bytes().decode("utf-8")  # valid UTF-8
    assert "<code>./caf\\xe9.txt:1</code>" in page
    data = json.loads(re.search(r'<script type="application/json"[^>]*>(.*?)</script>', page, re.S).group(1))
    assert [f["path"] for f in data["findings"]] == ["./caf\\xe9.txt"]
    assert "The ministry said " in json.dumps(data["bodies"], ensure_ascii=False)  # the text is there to highlight
