"""The result cache against a hostile checkout (issue 17): a pull request
cannot supply, forge or poison entries, make tqa follow symlinks out of the
cache, or make hashing hang or eat memory; the cache stays bounded."""

import hashlib
import os
import pickle
import time

import pytest

from tests.conftest import SEED
from tqa.config import Config
from tqa.engine.cache import MAGIC, Cache, project_id
from tqa.readers.base import MAX_FILE_BYTES


def own_cache(tmp_path):
    """A cache folder of this test alone (the session's is shared)."""
    folder = tmp_path / "user-cache"
    return folder, {"TQA_CACHE_DIR": str(folder)}


def project_folder(cache, project):
    return cache / "v2" / project_id(project)


class Exploit:
    """Unpickling this creates the marker file: proof that code ran."""

    def __init__(self, marker):
        self.marker = str(marker)

    def __reduce__(self):
        return (os.system, (f"touch {self.marker}",))


@pytest.fixture
def article(tmp_path):
    project = tmp_path / "repo"
    project.mkdir()
    (project / "tqa.toml").write_text('lang = "en"\n', encoding="utf-8")
    (project / "a.txt").write_text(SEED.read_text(encoding="utf-8"), encoding="utf-8")
    return project


def forge_everywhere(folder, payloads):
    """Every entry under ``folder`` replaced by each kind of forgery in turn:
    a bare pickle, and a pickle behind the right magic and a wrong tag."""
    entries = [p for p in folder.rglob("*") if p.is_file() and p.parent.name in ("run", "replay", "file")]
    for entry in entries:
        entry.write_bytes(payloads(entry))
    return entries


def test_a_crafted_entry_never_runs_code(tqa, article, tmp_path):
    folder, env = own_cache(tmp_path)
    fresh = tqa("check", "a.txt", "-q", "--no-cache", cwd=article, env=env)
    assert fresh.code == 1 and fresh.out.count("\n") > 40
    tqa("check", "a.txt", "-q", cwd=article, env=env)  # the cache is filled
    marker = tmp_path / "pwned"
    evil = pickle.dumps(Exploit(marker))
    for shape in (lambda _: evil, lambda _: MAGIC + b"\0" * 32 + evil):
        assert forge_everywhere(folder, shape)
        again = tqa("check", "a.txt", "-q", cwd=article, env=env)
        assert not marker.exists()
        assert (again.code, again.out, again.err) == (fresh.code, fresh.out, fresh.err)


def test_an_in_tree_cache_of_old_releases_is_never_read(tqa, article, tmp_path):
    """A pull request force-adds ``.tqa-cache/`` with a pickle under every
    name the old layout would look up: never read, never pruned."""
    marker = tmp_path / "pwned"
    evil = pickle.dumps(Exploit(marker))
    old = article / ".tqa-cache" / "v1"
    for kind in ("run", "replay", "file"):
        for prefix in ("00", "ab", "ff"):
            (old / kind / prefix).mkdir(parents=True)
            (old / kind / prefix / (prefix + "1" * 38)).write_bytes(evil)
    before = sorted(p.name for p in old.rglob("*"))
    fresh = tqa("check", "a.txt", "-q", "--no-cache", cwd=article)
    cached = tqa("check", "a.txt", "-q", cwd=article)
    assert not marker.exists()
    assert (cached.code, cached.out) == (fresh.code, fresh.out) and cached.code == 1
    assert sorted(p.name for p in old.rglob("*")) == before


def test_a_forged_clean_result_is_not_believed(tqa, article, tmp_path):
    """An entry that is a well-formed pickle of a clean result, put where
    the cache looks (as with a CI cache restored from a pull request's
    run): without this user's key it is not taken."""
    from tqa.findings import RunResult

    folder, env = own_cache(tmp_path)
    fresh = tqa("check", "a.txt", "-q", "--no-cache", cwd=article, env=env)
    tqa("check", "a.txt", "-q", cwd=article, env=env)
    clean = pickle.dumps(RunResult(files=1, checked=["a.txt"]))
    replay = pickle.dumps({"outputs": [(None, b"")], "errors": [], "exit": 0})
    forge_everywhere(
        folder,
        lambda e: MAGIC + hashlib.sha256(e.name.encode()).digest() + (replay if e.parent.name == "replay" else clean),
    )
    again = tqa("check", "a.txt", "-q", cwd=article, env=env)
    assert (again.code, again.out) == (fresh.code, fresh.out) and again.code == 1


def test_entries_under_the_old_in_tree_key_are_not_believed(tqa, article, tmp_path):
    """The old cache's keys were computable from the checkout: a pull request
    put a pickle under the exact key of its files, and tqa ran its code, or
    exited 0 with no findings. Now the in-tree folder is not looked at."""
    from tqa.config import find_config, load_config
    from tqa.engine.cache import code_hash, config_hash
    from tqa.findings import RunResult

    config = load_config(find_config(article / "a.txt"))
    digest = hashlib.blake2b(f"{code_hash()}:{config_hash(config)}".encode(), digest_size=20)
    content = hashlib.blake2b((article / "a.txt").read_bytes(), digest_size=20).hexdigest()
    for part in ("run", "\x1d", f"a.txt\x1e{content}\x1eTrue"):
        digest.update(b"\x1f" + part.encode())
    key = digest.hexdigest()
    entry = article / ".tqa-cache" / "v1" / "run" / key[:2] / key
    entry.parent.mkdir(parents=True)
    fresh = tqa("check", "a.txt", "-q", "--no-cache", cwd=article)
    marker = tmp_path / "pwned"
    for forged in (Exploit(marker), RunResult(files=1, checked=["a.txt"])):
        entry.write_bytes(pickle.dumps(forged))
        again = tqa("check", "a.txt", "-q", cwd=article)
        assert not marker.exists()
        assert (again.code, again.out, again.err) == (fresh.code, fresh.out, fresh.err) and fresh.code == 1


def _seed_project(tmp_path, monkeypatch):
    """A project holding the seed page, as the working folder, with a cache
    of its own; a runner for the CLI in this process."""
    from typer.testing import CliRunner

    project = tmp_path / "repo"
    project.mkdir()
    (project / "a.txt").write_text(SEED.read_text(encoding="utf-8"), encoding="utf-8")
    monkeypatch.chdir(project)
    monkeypatch.setenv("TQA_CACHE_DIR", str(tmp_path / "user-cache"))
    return CliRunner()


def test_a_malformed_replay_is_checked_afresh_not_a_traceback(tmp_path, monkeypatch):
    """Even an authentic entry that does not fit the reports asked for (a
    tqa that wrote another shape) is a miss: no TypeError reaches the user."""
    from tqa.cli import app
    from tqa.engine import cache as cache_module

    runner = _seed_project(tmp_path, monkeypatch)
    fresh = runner.invoke(app, ["check", "a.txt", "--lang", "en", "-q", "--no-cache"])
    real_load = cache_module.Cache.load_replay
    for bad in (
        {"outputs": None, "errors": 3, "exit": "0"},
        {"outputs": [("/etc/x", b"")], "errors": [], "exit": 0},
        {"outputs": [(None, "text")], "errors": [], "exit": 0},
        [],
        {"exit": True},
    ):
        monkeypatch.setattr(cache_module.Cache, "load_replay", lambda self, key, bad=bad: bad)
        again = runner.invoke(app, ["check", "a.txt", "--lang", "en", "-q"])
        assert again.exception is None or isinstance(again.exception, SystemExit), again.exception
        assert (again.exit_code, again.stdout) == (fresh.exit_code, fresh.stdout) and fresh.stdout.count("\n") > 40
    monkeypatch.setattr(cache_module.Cache, "load_replay", real_load)


def test_a_run_that_met_a_bug_in_tqa_is_not_replayed(tmp_path, monkeypatch):
    """The same command after a reader bug (or a dead worker) checks the
    files again: it does not repeat the old error line and its exit 2."""
    from tqa.cli import app
    from tqa.engine import passes

    runner = _seed_project(tmp_path, monkeypatch)
    real = passes.read_document

    def broken(path, split):
        raise IndexError("string index out of range")

    monkeypatch.setattr(passes, "read_document", broken)
    failed = runner.invoke(app, ["check", "a.txt", "--lang", "en", "-q"])
    assert failed.exit_code == 2 and "internal error while reading" in failed.stderr
    monkeypatch.setattr(passes, "read_document", real)
    again = runner.invoke(app, ["check", "a.txt", "--lang", "en", "-q"])
    assert again.exit_code == 1 and "internal error" not in again.stderr and again.stdout.count("\n") > 40


def test_symlinked_cache_folders_are_not_followed(tqa, article, tmp_path):
    folder, env = own_cache(tmp_path)
    fresh = tqa("check", "a.txt", "-q", "--no-cache", cwd=article, env=env)
    tqa("check", "a.txt", "-q", cwd=article, env=env)
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "keep.txt").write_text("precious\n", encoding="utf-8")
    (outside / ("1" * 40)).write_text("looks like an entry\n", encoding="utf-8")
    run = project_folder(folder, article) / "run"
    for entry in run.iterdir():
        entry.unlink()
    run.rmdir()
    run.symlink_to(outside)  # v2/<project>/run -> a folder elsewhere
    again = tqa("check", "a.txt", "-q", cwd=article, env=env)
    assert (again.code, again.out) == (fresh.code, fresh.out)
    assert "not used" in again.err and "symbolic link" in again.err  # said, not silent
    assert sorted(p.name for p in outside.iterdir()) == ["1" * 40, "keep.txt"]
    assert (outside / "keep.txt").read_text(encoding="utf-8") == "precious\n"


def test_symlinked_entries_and_marker_files_are_not_followed(tqa, article, tmp_path):
    folder, env = own_cache(tmp_path)
    fresh = tqa("check", "a.txt", "-q", "--no-cache", cwd=article, env=env)
    tqa("check", "a.txt", "-q", cwd=article, env=env)
    victim = tmp_path / "bashrc"
    victim.write_text("export PATH\n", encoding="utf-8")
    for entry in [p for p in folder.rglob("*") if p.is_file() and p.parent.name in ("run", "replay", "file")]:
        entry.unlink()
        entry.symlink_to(victim)  # reading or writing the entry must not reach the target
    for name in ("CACHEDIR.TAG", ".gitignore"):
        (folder / name).unlink()
        (folder / name).symlink_to(victim)
    (folder / "v2" / ".pruned").unlink()
    (folder / "v2" / ".pruned").symlink_to(victim)
    again = tqa("check", "a.txt", "-q", cwd=article, env=env)
    assert (again.code, again.out) == (fresh.code, fresh.out)
    assert victim.read_text(encoding="utf-8") == "export PATH\n"


def test_a_symlinked_cache_dir_from_the_checkout_is_refused(tqa, article, tmp_path):
    """``--cache-dir .tqa-cache`` in a CI job, and the pull request makes
    ``.tqa-cache`` a symlink to a folder of the runner."""
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "keep.txt").write_text("precious\n", encoding="utf-8")
    (article / ".tqa-cache").symlink_to(outside)
    fresh = tqa("check", "a.txt", "-q", "--no-cache", cwd=article)
    again = tqa("check", "a.txt", "-q", "--cache-dir", ".tqa-cache", cwd=article)
    assert (again.code, again.out) == (fresh.code, fresh.out)
    assert "symbolic link" in again.err
    assert [p.name for p in outside.iterdir()] == ["keep.txt"]


def test_cache_dir_option_keeps_entries_there_and_the_key_elsewhere(tqa, article, tmp_path):
    folder, env = own_cache(tmp_path)
    entries = tmp_path / "ci-cache"
    first = tqa("check", "a.txt", "-q", "--cache-dir", entries, cwd=article, env=env)
    assert (entries / "CACHEDIR.TAG").exists() and not (entries / "key").exists()
    assert (folder / "key").exists()
    assert list((project_folder(entries, article) / "run").iterdir())
    again = tqa("check", "a.txt", "-q", "--cache-dir", entries, cwd=article, env=env)
    assert (again.code, again.out) == (first.code, first.out) and first.code == 1
    assert entries.stat().st_mode & 0o777 == 0o700


def test_a_key_inside_the_checked_project_turns_the_cache_off(tqa, article):
    """TQA_CACHE_DIR pointed into the checkout: the pull request could bring
    the key, so nothing is cached there."""
    env = {"TQA_CACHE_DIR": str(article / ".cache")}
    fresh = tqa("check", "a.txt", "-q", "--no-cache", cwd=article)
    again = tqa("check", "a.txt", "-q", cwd=article, env=env)
    assert (again.code, again.out) == (fresh.code, fresh.out)
    assert "inside the checked project" in again.err
    assert not (article / ".cache").exists()


def test_same_content_in_two_language_folders_is_not_confused(tqa, tmp_path):
    """The config gives ru/ and en/ their languages; the same file under each,
    checked from inside each folder: two results, not one."""
    project = tmp_path / "repo"
    for folder in ("ru", "en"):
        (project / folder).mkdir(parents=True)
        (project / folder / "x.txt").write_text(
            "Заголовок\n\nЭто русский текст новости о выставке в Астане.\n", encoding="utf-8"
        )
    (project / "tqa.toml").write_text('[languages]\n"ru/**" = "ru"\n"en/**" = "en"\n', encoding="utf-8")
    expected = {}
    for folder in ("ru", "en"):
        expected[folder] = tqa("check", "x.txt", "-q", "--no-cache", cwd=project / folder)
    assert expected["ru"].out != expected["en"].out  # the case only means something if they differ
    for folder in ("ru", "en", "ru", "en"):
        cached = tqa("check", "x.txt", "-q", cwd=project / folder)
        assert (cached.code, cached.out) == (expected[folder].code, expected[folder].out), folder


def test_a_fifo_is_not_hashed_and_does_not_block(tqa, article):
    os.mkfifo(article / "pipe.txt")
    run = tqa("check", "a.txt", "pipe.txt", "-q", cwd=article)  # the fixture's timeout fails a hang
    assert run.code == 2 and "pipe.txt" in run.err
    assert Cache(article, Config()).run_key([str(article / "pipe.txt")], None, []) is None


def test_an_oversized_file_is_refused_before_it_is_read(tmp_path, monkeypatch):
    """A sparse file just over the limit: no key, and not a byte read."""
    from tqa.engine import cache as cache_module

    big = tmp_path / "big.txt"
    with open(big, "wb") as handle:
        handle.truncate(MAX_FILE_BYTES + 1)
    reads = []
    real_read = os.read
    monkeypatch.setattr(cache_module.os, "read", lambda fd, n: reads.append(n) or real_read(fd, n))
    cache = Cache(tmp_path, Config())
    assert cache.run_key([str(big)], None, []) is None
    assert cache.file_pass(str(big), True) is None
    assert reads == []
    small = tmp_path / "small.txt"
    small.write_text("Title\n\nText.\n", encoding="utf-8")
    assert cache.run_key([str(small)], None, []) is not None and reads  # the same path reads a normal file


def test_files_outside_the_size_limit_are_reported_by_the_reader(tqa, article):
    with open(article / "big.txt", "wb") as handle:
        handle.truncate(MAX_FILE_BYTES + 1)
    run = tqa("check", "a.txt", "big.txt", "-q", cwd=article)
    assert run.code == 2 and "big.txt" in run.err and "too large" in run.err


# ---- pruning ----


def filled(tmp_path, sizes, age=0.0):
    """A cache with one replay entry per size, each ``age`` seconds old."""
    cache = Cache(tmp_path / "project", Config(), tmp_path / "entries")
    names = []
    for i, size in enumerate(sizes):
        key = hashlib.sha1(f"{i}".encode()).hexdigest()
        cache.store_replay(key, {"outputs": [(None, b"x" * size)], "errors": [], "exit": 0})
        names.append(key)
    replay = project_folder(tmp_path / "entries", tmp_path / "project") / "replay"
    now = time.time()
    for i, name in enumerate(names):  # the first stored is the least recently used
        os.utime(replay / name, (now - age - 100 + i, now - age - 100 + i))
    return cache, replay, names


def test_pruning_keeps_the_total_within_the_budget_dropping_the_least_recently_used(tmp_path):
    cache, replay, names = filled(tmp_path, [10_000] * 6)
    cache.budget = 35_000
    cache.prune()
    assert sorted(p.name for p in replay.iterdir()) == sorted(names[-3:])
    assert cache.load_replay(names[-1]) is not None and cache.load_replay(names[0]) is None


def test_a_hit_counts_as_a_use_for_pruning(tmp_path):
    cache, replay, names = filled(tmp_path, [10_000] * 3, age=3 * 24 * 3600)
    assert cache.load_replay(names[0]) is not None  # old, then used
    cache.budget = 25_000
    cache.prune()
    assert sorted(p.name for p in replay.iterdir()) == sorted([names[0], names[2]])


def test_entries_unused_for_a_month_and_stale_temporary_files_are_removed(tmp_path):
    cache, replay, names = filled(tmp_path, [100, 100])
    old = time.time() - 31 * 24 * 3600
    os.utime(replay / names[0], (old, old))
    stale, fresh = replay / f".{names[0]}.dead.tmp", replay / f".{names[1]}.live.tmp"
    stale.write_bytes(b"half an entry")
    fresh.write_bytes(b"being written")
    hour_ago = time.time() - 2 * 3600
    os.utime(stale, (hour_ago, hour_ago))
    cache.prune()
    assert sorted(p.name for p in replay.iterdir()) == sorted([names[1], fresh.name])


def test_pruning_covers_every_kind_and_other_projects(tqa, tmp_path):
    """File passes are pruned too (they were kept forever), and the folders
    of a project no longer checked go once its entries have expired."""
    entries = tmp_path / "entries"
    gone = tmp_path / "gone"
    gone.mkdir()
    (gone / "a.txt").write_text(SEED.read_text(encoding="utf-8"), encoding="utf-8")
    tqa("check", "a.txt", "--lang", "en", "-q", "--cache-dir", entries, cwd=gone)
    old_project = project_folder(entries, gone)
    files = list((old_project / "file").iterdir())
    assert files
    month_ago = time.time() - 40 * 24 * 3600
    for entry in old_project.rglob("*"):
        os.utime(entry, (month_ago, month_ago))
    cache = Cache(tmp_path / "other", Config(), entries)
    cache.prune()
    assert not old_project.exists()


def test_pruning_runs_at_most_once_in_a_while(tmp_path):
    cache, replay, names = filled(tmp_path, [100, 100])
    assert cache.prune_if_due() is False  # the stores just pruned and stamped
    stamp = replay.parent.parent / ".pruned"
    long_ago = time.time() - 3600
    os.utime(stamp, (long_ago, long_ago))
    assert cache.prune_if_due() is True


def test_pruning_never_leaves_the_cache_folder(tmp_path):
    cache, replay, names = filled(tmp_path, [100])
    outside = tmp_path / "outside"
    outside.mkdir()
    victims = [outside / ("2" * 40), outside / ".x.tmp"]
    for victim in victims:
        victim.write_bytes(b"keep")
        os.utime(victim, (0, 0))  # as old as can be
    (replay / ("3" * 40)).symlink_to(victims[0])
    (replay.parent / "file" / "link").symlink_to(outside, target_is_directory=True)
    os.symlink(outside, replay.parent.parent / ("4" * 32))  # a "project" that is a symlink
    cache.budget = 0
    cache.prune()
    assert all(victim.read_bytes() == b"keep" for victim in victims)
    assert not (replay / ("3" * 40)).is_symlink()  # the planted link itself is gone


def test_a_new_process_takes_the_file_passes_a_run_stored(tqa, article, tmp_path):
    """Authentic entries are used, not only refused: a fresh interpreter that
    has not imported the rule modules yet loads every file pass stored."""
    import subprocess
    import sys

    folder, env = own_cache(tmp_path)
    tqa("check", "a.txt", "-q", cwd=article, env=env)
    probe = (
        "from tqa.engine.cache import Cache; from tqa.config import find_config, load_config; "
        "from pathlib import Path; c = Cache(Path.cwd(), load_config(find_config(Path('a.txt')))); "
        "print(c.file_pass('a.txt', True) is not None, c.hits)"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe],
        cwd=article,
        capture_output=True,
        text=True,
        env={**os.environ, **env},
        timeout=120,
    )
    assert done.stdout.split() == ["True", "1"], done.stderr


def test_checking_from_the_home_folder_still_uses_the_cache(tqa, tmp_path):
    """No config: the project is the folder one stands in. The home folder
    holds ~/.cache, yet it is not a checkout, so the cache is used there."""
    home = tmp_path / "home"
    (home / "notes").mkdir(parents=True)
    (home / "notes" / "a.txt").write_text(SEED.read_text(encoding="utf-8"), encoding="utf-8")
    env = {"HOME": str(home), "TQA_CACHE_DIR": "", "XDG_CACHE_HOME": ""}
    first = tqa("check", "notes", "--lang", "en", "-q", cwd=home, env=env)
    again = tqa("check", "notes", "--lang", "en", "-q", cwd=home, env=env)
    assert first.err == again.err == "" and (again.code, again.out) == (first.code, first.out)
    assert (home / ".cache" / "tqa" / "key").exists()
    assert (home / ".cache" / "tqa").stat().st_mode & 0o777 == 0o700


def test_an_authentic_entry_moved_to_another_key_or_kind_is_a_miss(tmp_path):
    """A tag covers the kind and the key as well as the bytes: an entry of
    this user's own, copied under the name of another (say, a clean run of
    other files) is not taken."""
    import shutil

    cache = Cache(tmp_path / "project", Config(), tmp_path / "entries")
    clean, dirty = "a" * 40, "b" * 40
    cache.store_replay(clean, {"outputs": [(None, b"")], "errors": [], "exit": 0})
    replay = project_folder(tmp_path / "entries", tmp_path / "project") / "replay"
    shutil.copy(replay / clean, replay / dirty)
    shutil.copy(replay / clean, replay.parent / "run" / dirty)
    assert cache.load_replay(clean) == {"outputs": [(None, b"")], "errors": [], "exit": 0}
    assert cache.load_replay(dirty) is None and cache.load_run(dirty) is None
    truncated = (replay / clean).read_bytes()[:-1]
    (replay / clean).write_bytes(truncated)
    assert cache.load_replay(clean) is None
