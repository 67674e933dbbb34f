"""Parallel runs and the result cache: the same reports as a plain run,
never a stale result. (Speed itself is measured in bench/, not here.)"""

import json
import pickle
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import SEED
from tqa.config import Config
from tqa.engine.cache import Cache, config_hash
from tqa.engine.pool import MIN_PARALLEL_BYTES

GLOSSARY = """\
glossary: test
entries:
  - id: MOIS
    names:
      en: Ministry of the Interior and Safety
    forbidden:
      en: [Ministry of Internal Affairs and Security]
"""


@pytest.fixture
def corpus(tmp_path):
    """Enough text for the process pool: copies of the seed page with a
    line of their own each, plus a Russian and a Kazakh sample."""
    folder = tmp_path / "news"
    folder.mkdir()
    seed = SEED.read_text(encoding="utf-8")
    copies = MIN_PARALLEL_BYTES // len(seed.encode("utf-8")) + 2
    for i in range(copies):
        (folder / f"page-{i:02d}.txt").write_text(f"Home Blog Page {i}\n" + seed, encoding="utf-8")
    samples = SEED.parent
    for name in ("ru-digital-government.md", "kk-exhibition.txt"):
        (folder / name).write_text((samples / name).read_text(encoding="utf-8"), encoding="utf-8")
    assert sum(p.stat().st_size for p in folder.iterdir()) > MIN_PARALLEL_BYTES
    return folder


def test_parallel_run_is_byte_identical_to_one_job(tqa, corpus):
    one = tqa("check", corpus, "--jobs", "1", "--no-cache", "-f", "json")
    two = tqa("check", corpus, "--jobs", "2", "--no-cache", "-f", "json")
    assert one.code == two.code == 1
    assert one.out == two.out
    report = one.json()
    assert report["summary"]["files"] == len(list(corpus.iterdir()))
    # cross-article rules saw every file: the copies are repeated blocks
    assert report["summary"]["by_rule"].get("TQA303", 0) > 10


@pytest.fixture
def own_cache(tmp_path_factory):
    """A cache folder of this test alone (the session's is shared), outside
    the checked project (the test's folder: a cache there is refused)."""
    folder = tmp_path_factory.mktemp("own") / "user-cache"
    return folder, {"TQA_CACHE_DIR": str(folder)}


def test_rerun_uses_the_cache_and_gives_the_same_report(tqa, corpus, tmp_path, own_cache):
    folder, env = own_cache
    first = tqa("check", corpus, "-f", "json", env=env)
    assert (folder / "CACHEDIR.TAG").exists()
    assert not (tmp_path / ".tqa-cache").exists()  # nothing in the checked tree
    second = tqa("check", corpus, "-f", "json", env={"TQA_TIMINGS": "1", **env})
    assert second.out == first.out and second.code == first.code
    assert "per-file passes" not in second.err  # answered from the cache, nothing checked


def test_an_edited_file_is_checked_again_and_the_others_come_from_the_cache(tqa, corpus):
    tqa("check", corpus, "-f", "json")
    target = corpus / "kk-exhibition.txt"
    target.write_text(
        target.read_text(encoding="utf-8") + "\nДобавлено примечание ([U1]): қайта қараңыз.\n", encoding="utf-8"
    )
    cached = tqa("check", corpus, "-f", "json")
    fresh = tqa("check", corpus, "-f", "json", "--no-cache")
    assert cached.out == fresh.out, cached.err
    assert any(
        f["rule"] == "TQA201" and f["path"].endswith("kk-exhibition.txt")
        for a in cached.json()["articles"]
        for f in a["findings"]
    )


def test_options_and_glossaries_are_part_of_the_key(tqa, corpus, tmp_path):
    glossary = tmp_path / "g.yaml"
    glossary.write_text(GLOSSARY, encoding="utf-8")
    everything = tqa("check", corpus, "-f", "json", "-g", glossary).json()["summary"]
    only_labels = tqa("check", corpus, "-f", "json", "-g", glossary, "--select", "share-label").json()["summary"]
    assert set(only_labels["by_rule"]) == {"TQA601"} and everything["findings"] > only_labels["findings"]
    # the glossary's contents change, not its name: the forbidden name is no longer forbidden
    glossary.write_text(
        GLOSSARY.replace("forbidden:\n      en: [Ministry of Internal Affairs and Security]\n", ""), encoding="utf-8"
    )
    after = tqa("check", corpus, "-f", "json", "-g", glossary).json()["summary"]
    fresh = tqa("check", corpus, "-f", "json", "-g", glossary, "--no-cache").json()["summary"]
    assert after == fresh
    assert after["by_rule"].get("TQA401", 0) < everything["by_rule"].get("TQA401", 0)


def test_no_cache_writes_nothing(tqa, corpus, tmp_path, own_cache):
    folder, env = own_cache
    tqa("check", corpus, "--no-cache", "-q", env=env)
    assert not folder.exists() and not (tmp_path / ".tqa-cache").exists()


def test_broken_cache_entries_are_misses(tqa, corpus, tmp_path, own_cache):
    folder, env = own_cache
    first = tqa("check", corpus, "-f", "json", env=env)
    entries = [e for e in (folder / "v2").rglob("*") if e.is_file() and e.parent.name in ("run", "replay", "file")]
    assert len(entries) > 10
    for entry in entries:
        entry.write_bytes(b"not a pickle")
    again = tqa("check", corpus, "-f", "json", env=env)
    assert again.code == first.code and again.out == first.out and again.err == ""


def test_two_runs_sharing_the_cache_agree(corpus, tmp_path):
    command = [sys.executable, "-m", "tqa", "check", str(corpus), "-f", "json"]
    runs = [
        subprocess.Popen(command, cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        for _ in range(2)
    ]
    outputs = [run.communicate(timeout=300) for run in runs]
    assert outputs[0][0] == outputs[1][0] and json.loads(outputs[0][0])["summary"]["files"] > 10
    assert outputs[0][1] == outputs[1][1] == ""
    third = subprocess.run(command, cwd=tmp_path, capture_output=True, text=True, timeout=300)
    assert third.stdout == outputs[0][0]


def test_cache_keys_follow_the_configuration(tmp_path):
    plain, english = Config(), Config(lang="en")
    assert config_hash(plain) != config_hash(english)
    assert config_hash(Config(lang="en")) == config_hash(english)
    first, second = Cache(tmp_path, plain), Cache(tmp_path, english)
    assert first.salt != second.salt
    article = tmp_path / "a.txt"
    article.write_text("Title\n\nText of the article.\n", encoding="utf-8")
    key = first.run_key([str(article)], None, [])
    article.write_text("Title\n\nText of the article, edited.\n", encoding="utf-8")
    assert Cache(tmp_path, plain).run_key([str(article)], None, []) != key


def test_cache_entries_are_authenticated_pickles_of_results(tqa, tmp_path, own_cache):
    import hashlib
    import hmac

    from tqa.engine.cache import MAGIC

    folder, env = own_cache
    (tmp_path / "a.txt").write_text(SEED.read_text(encoding="utf-8"), encoding="utf-8")
    tqa("check", "a.txt", "--lang", "en", "-q", env=env)
    runs = [p for p in (folder / "v2").rglob("*") if p.is_file() and p.parent.name == "run"]
    assert len(runs) == 1
    data = runs[0].read_bytes()
    tag, payload = data[len(MAGIC) : len(MAGIC) + 32], data[len(MAGIC) + 32 :]
    key = (folder / "key").read_bytes()
    assert data.startswith(MAGIC) and (folder / "key").stat().st_mode & 0o777 == 0o600
    assert tag == hmac.new(key, MAGIC + f"run\0{runs[0].name}\0".encode() + payload, hashlib.sha256).digest()
    result = pickle.loads(payload)
    assert len(result.findings) > 40 and result.documents == {}
    assert Path(result.checked[0]).name == "a.txt"


def test_same_command_again_writes_the_same_reports_from_the_cache(tqa, corpus, tmp_path):
    (corpus / "broken.txt").write_bytes(b"\x00\x01binary")
    args = ("check", corpus, "-f", "json", "-o", "out/run.json", "-f", "text")
    first = tqa(*args)
    report = (tmp_path / "out/run.json").read_bytes()
    (tmp_path / "out/run.json").unlink()
    again = tqa(*args, env={"TQA_TIMINGS": "1"})
    assert "tqa timing" not in again.err  # nothing checked, nothing rendered
    assert (again.code, again.out) == (first.code, first.out) == (2, first.out)
    assert again.err == first.err and "broken.txt: binary file" in again.err
    assert (tmp_path / "out/run.json").read_bytes() == report
    # other options: rendered afresh
    quiet = tqa("check", corpus, "-q")
    assert quiet.out != first.out and quiet.code == 2


def _weighted(shared, item):
    """A function of the shared data and one item, and which process ran it."""
    import os

    texts, weight = shared
    return len(texts[item]) * weight, os.getpid()


def test_map_with_shared_data_runs_in_forked_workers_in_order():
    """Shared data reaches workers forked for the map (after the run's own
    pool is closed), and the results come back in the order of the items."""
    import os

    from tqa.engine.pool import Workers

    texts = [f"paragraph {i} " * (i % 7 + 1) for i in range(200)]
    with Workers(2, Config(), MIN_PARALLEL_BYTES) as workers:
        assert workers.map(len, ["ab", "c"]) == [2, 1]  # the run's pool, started
        results = workers.map(_weighted, range(200), shared=(texts, 3))
        assert [value for value, _ in results] == [len(t) * 3 for t in texts]
        assert os.getpid() not in {pid for _, pid in results}
    with Workers(1, Config(), MIN_PARALLEL_BYTES) as one:  # one job: in this process, the same values
        assert one.map(_weighted, range(200), shared=(texts, 3)) == [(len(t) * 3, os.getpid()) for t in texts]


def _fails_on_three(shared, item):
    if item == 3:
        raise ValueError("item three")
    return item + shared


def test_an_error_in_a_forked_worker_reaches_the_caller():
    from tqa.engine.pool import Workers

    with Workers(2, Config(), MIN_PARALLEL_BYTES) as workers:
        with pytest.raises(ValueError, match="item three"):
            workers.map(_fails_on_three, range(8), shared=10)
        assert workers.map(_fails_on_three, [1, 2], shared=10) == [11, 12]  # and the next map still runs
