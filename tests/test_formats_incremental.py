"""--changed-since and the result cache on web pages, WordPress exports
and Word documents, end to end through the command line: only files
changed since a commit are checked, a second run comes from the cache, an
edited file is checked again; scripts and menus of a page are never read."""

import subprocess
from pathlib import Path

import docx
import pytest

GIT = ["git", "-c", "user.name=t", "-c", "user.email=t@t", "-c", "commit.gpgsign=false"]


def html(body: str) -> bytes:
    return (
        '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Site</title>'
        "<script>var s = 'the the';</script></head><body><nav>Home Blog</nav>"
        f"<article><h1>The plant</h1><p>{body}</p></article></body></html>\n"
    ).encode("utf-8")


def wxr(body: str) -> bytes:
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0" '
        'xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:wp="http://wordpress.org/export/1.2/">\n'
        "<channel><title>Site</title><language>ru-RU</language>\n<item><title>Завод открыт</title>"
        f"<content:encoded><![CDATA[<p>{body}</p>]]></content:encoded><wp:post_type>post</wp:post_type>"
        "<wp:status>publish</wp:status></item>\n</channel></rss>\n"
    ).encode("utf-8")


def word(body: str) -> bytes:
    import io

    document = docx.Document()
    document.add_heading("Зауыт ашылды", 0)
    document.add_paragraph(body)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


# (file name, builder, language, clean text, the text with a defect, the rule that finds it)
CASES = [
    (
        "page.html",
        html,
        "en",
        "The ministry opened the plant on Monday.",
        "The ministry opened the the plant.",
        "TQA701",
    ),
    (
        "export.xml",
        wxr,
        "ru",
        "Министерство открыло завод в понедельник.",
        "Министерство открыло открыло завод.",
        "TQA701",
    ),
    ("story.docx", word, "kk", "Министрлік зауытты дүйсенбіде ашты.", "Министрлік зауытты дүйсенбіде aшты.", "TQA101"),
]


@pytest.mark.parametrize("name,build,lang,clean,defect,rule", CASES, ids=[c[0] for c in CASES])
def test_changed_since_and_the_cache(tmp_path, tqa, name, build, lang, clean, defect, rule):
    repo = tmp_path / "repo"
    repo.mkdir()
    subprocess.run(["git", "init", "-q"], cwd=repo, check=True)
    (repo / f"old-{name}").write_bytes(build(clean))
    subprocess.run([*GIT, "add", "."], cwd=repo, check=True)
    subprocess.run([*GIT, "commit", "-qm", "base"], cwd=repo, check=True)
    (repo / f"old-{name}").write_bytes(build(defect))  # a committed file changed
    (repo / f"new-{name}").write_bytes(build(defect))  # a new file
    (repo / f"same-{name}").write_bytes(build(defect))
    subprocess.run([*GIT, "add", f"same-{name}"], cwd=repo, check=True)
    subprocess.run([*GIT, "commit", "-qm", "same"], cwd=repo, check=True)  # committed: not changed since HEAD

    def run(**env):
        out = tqa("check", ".", "--lang", lang, "-f", "json", "--changed-since", "HEAD", cwd=repo, env=env)
        assert out.code in (0, 1), out.err
        return out

    first = run()
    report = first.json()
    paths = sorted(Path(a["path"]).name for a in report["articles"])
    assert paths == [f"new-{name}", f"old-{name}"], report
    rules = {(Path(a["path"]).name, f["rule"]) for a in report["articles"] for f in a["findings"]}
    assert rules == {(f"new-{name}", rule), (f"old-{name}", rule)}
    assert first.code == 1

    again = run(TQA_TIMINGS="1")
    assert again.out == first.out and "per-file passes" not in again.err  # every file from the cache

    (repo / f"new-{name}").write_bytes(build(clean))  # repaired: checked again
    repaired = run(TQA_TIMINGS="1")
    assert "per-file passes" in repaired.err
    found = {(Path(a["path"]).name, f["rule"]) for a in repaired.json()["articles"] for f in a["findings"]}
    assert found == {(f"old-{name}", rule)}
    assert repaired.code == 1
