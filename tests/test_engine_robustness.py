"""The engine never loses a run: a bug that one file brings out, in a
reader, a rule or the merging, is one error line naming that file; a worker
process that dies (the OOM killer, a crash in a C extension) costs the file
it died on and nothing else, without hanging the run; and the language
model unpacked in the user's cache is used only when it is whole and sound,
else the package's own loader gives the same answers."""

import dataclasses
import faulthandler
import json
import os
import shutil
import subprocess
import sys
import textwrap
from contextlib import contextmanager
from pathlib import Path

import numpy as np
import pytest

from tests.conftest import ROOT, SEED
from tqa import rules
from tqa.config import Config
from tqa.engine import check_files, merge, passes, read_for_run
from tqa.engine import run as whole_run
from tqa.engine.pool import MIN_PARALLEL_BYTES, WorkerDied, Workers
from tqa.findings import exit_code, internal_error

MAIN_PID = os.getpid()  # forked workers inherit it, and so know they are not the main process


@pytest.fixture
def corpus(tmp_path):
    """Enough text for the worker pool: copies of the seed page with a line
    of their own each, a Kazakh sample, and ``poison.txt`` (a Russian
    sample) that the tests make deadly or buggy to read."""
    folder = tmp_path / "news"
    folder.mkdir()
    seed = SEED.read_text(encoding="utf-8")
    for i in range(MIN_PARALLEL_BYTES // len(seed.encode("utf-8")) + 2):
        (folder / f"page-{i:02d}.txt").write_text(f"Home Blog Page {i}\n" + seed, encoding="utf-8")
    samples = SEED.parent
    (folder / "kk-exhibition.txt").write_text(
        (samples / "kk-exhibition.txt").read_text(encoding="utf-8"), encoding="utf-8"
    )
    (folder / "poison.txt").write_text(
        (samples / "ru-digital-government.md").read_text(encoding="utf-8"), encoding="utf-8"
    )
    return folder


def twin_without_poison(corpus: Path) -> Path:
    """The corpus without poison.txt, under the same relative name (so the
    fingerprints, which hold the path, are the same)."""
    twin = corpus.parent / "twin"
    shutil.copytree(corpus, twin / corpus.name)
    (twin / corpus.name / "poison.txt").unlink()
    return twin


# Runs tqa with read_document replaced: reading poison.txt in a worker
# process (never in the main one) kills it, or raises. The workers are
# forked, so they inherit the replacement.
HARNESS = textwrap.dedent("""\
    import os, signal, sys
    sys.path.insert(0, {root!r})
    import tqa.engine.passes as passes

    MAIN, HOW, MARKER = os.getpid(), sys.argv[1], {marker!r}
    real = passes.read_document

    def reading(path, split):
        if path.endswith("poison.txt"):
            if HOW == "raise":
                raise RuntimeError("reader bug\\non two lines")
            if os.getpid() != MAIN:
                if HOW == "once":  # the OOM killer: this time, not the next
                    try:
                        os.close(os.open(MARKER, os.O_CREAT | os.O_EXCL))
                    except FileExistsError:
                        return real(path, split)
                if HOW == "exit":
                    os._exit(1)
                os.kill(os.getpid(), signal.SIGKILL)
        return real(path, split)

    passes.read_document = reading
    sys.argv[0:2] = ["tqa"]
    from tqa.cli import main
    main()
""")


def run_harness(tmp_path, how, *args):
    script = tmp_path / "harness.py"
    script.write_text(HARNESS.format(root=str(ROOT), marker=str(tmp_path / "died-once")), encoding="utf-8")
    # the timeout is the guard against a hang: a dead worker must not leave the run waiting
    proc = subprocess.run(
        [sys.executable, str(script), how, *map(str, args)],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        timeout=240,
        env={**os.environ, "NO_COLOR": "1", "COLUMNS": "200"},
    )
    return proc


@pytest.mark.parametrize("how,status", [("kill", "signal 9"), ("exit", "exit status 1")])
def test_a_worker_dying_on_one_file_costs_that_file_only(tqa, corpus, tmp_path, how, status):
    run = run_harness(tmp_path, how, "check", "news", "--jobs", "2", "--no-cache", "-f", "json")
    assert run.returncode == 2, run.stderr
    assert "Traceback" not in run.stderr
    assert run.stderr.splitlines() == [
        f"error: news/poison.txt: worker process died while checking this file ({status})"
    ]
    report = json.loads(run.stdout)
    # every other file's findings, exactly as a plain run without the file gives them
    plain = tqa("check", "news", "--jobs", "1", "--no-cache", "-f", "json", cwd=twin_without_poison(corpus))
    assert plain.code == 1
    assert report["articles"] == plain.json()["articles"]
    assert report["summary"]["files"] == len(list(corpus.iterdir())) - 1


def test_a_worker_killed_once_loses_nothing(tqa, corpus, tmp_path):
    """A worker killed for its memory may well live through the same file
    next time: the file is checked again, and the report is whole."""
    run = run_harness(tmp_path, "once", "check", "news", "--jobs", "2", "--no-cache", "-f", "json")
    assert (tmp_path / "died-once").exists()  # a worker did die
    plain = tqa("check", "news", "--jobs", "1", "--no-cache", "-f", "json")
    assert (run.returncode, run.stdout, run.stderr) == (plain.code, plain.out, "") == (1, plain.out, "")


def test_a_reader_bug_in_a_worker_is_one_line_and_the_run_goes_on(tqa, corpus, tmp_path):
    run = run_harness(tmp_path, "raise", "check", "news", "--jobs", "2", "--no-cache", "-f", "json")
    assert run.returncode == 2 and "Traceback" not in run.stderr
    assert run.stderr.splitlines() == [
        "error: news/poison.txt: internal error while reading: RuntimeError: reader bug on two lines (please report it)"
    ]
    plain = tqa("check", "news", "--jobs", "1", "--no-cache", "-f", "json", cwd=twin_without_poison(corpus))
    assert json.loads(run.stdout)["articles"] == plain.json()["articles"]


def test_a_reader_bug_is_one_error_naming_the_file(corpus, tmp_path, monkeypatch):
    real = passes.read_document

    def reading(path, split):
        if path.endswith("poison.txt"):
            raise IndexError("string index out of range")
        return real(path, split)

    monkeypatch.setattr(passes, "read_document", reading)  # the per-file pass
    monkeypatch.setattr(whole_run, "read_document", reading)  # and read_for_run
    monkeypatch.chdir(tmp_path)
    files = sorted(str(p.relative_to(tmp_path)) for p in corpus.iterdir())
    result = check_files(files, Config(), jobs=1)
    assert [str(e) for e in result.errors] == [
        "news/poison.txt: internal error while reading: IndexError: string index out of range (please report it)"
    ]
    assert exit_code(result, "never") == 2
    others = [f for f in files if not f.endswith("poison.txt")]
    assert result.checked == others
    alone = check_files(others, Config(), jobs=1)
    assert result.findings == alone.findings and len(alone.findings) > 100
    # the other reading path (glossary suggest): the same line
    errors = []
    documents = read_for_run(files, Config(), errors)
    assert [d.path for d in documents] == others and [str(e) for e in errors] == [str(result.errors[0])]


def test_a_bug_while_merging_one_file_costs_its_findings_only(corpus, tmp_path, monkeypatch):
    real = merge._article_results

    def grouping(document, findings):
        if document.path.endswith("poison.txt"):
            raise ValueError("offset past the text")
        return real(document, findings)

    monkeypatch.setattr(merge, "_article_results", grouping)
    monkeypatch.chdir(tmp_path)
    files = sorted(str(p.relative_to(tmp_path)) for p in corpus.iterdir())
    result = check_files(files, Config(), jobs=1)
    assert [str(e) for e in result.errors] == [
        "news/poison.txt: internal error while merging its findings: "
        "ValueError: offset past the text (please report it)"
    ]
    assert "news/poison.txt" not in result.checked and len(result.checked) == len(files) - 1
    assert all(not f.path.endswith("poison.txt") for f in result.findings)
    assert exit_code(result, "never") == 2


def test_a_broken_cross_article_rule_costs_its_findings_only(corpus, tmp_path, monkeypatch):
    def broken(documents, ctx):
        yield from ()
        raise MemoryError("the corpus is too big")

    rule = rules.find_rule("repeated-block")
    monkeypatch.setitem(rules._REGISTRY, rule.code, dataclasses.replace(rule, check=broken))
    monkeypatch.chdir(tmp_path)
    files = sorted(str(p.relative_to(tmp_path)) for p in corpus.iterdir())
    result = check_files(files, Config(), jobs=1)
    assert [str(e) for e in result.errors] == [
        "(corpus): internal error in rule TQA303 repeated-block: MemoryError: the corpus is too big (please report it)"
    ]
    assert "TQA303" not in {f.rule for f in result.findings} and len(result.checked) == len(files)
    assert {"TQA601", "TQA201"} <= {f.rule for f in result.findings}


def test_an_exception_message_is_one_short_line():
    line = str(internal_error("a.txt", "reading", ValueError("x" * 5000 + "\n\x1b[31mred")))
    assert "\n" not in line and "\x1b" not in line and len(line) < 400


@contextmanager
def no_hang(seconds=120):
    """Ends the test process with a traceback of every thread rather than
    let a hang stall the suite."""
    faulthandler.dump_traceback_later(seconds, exit=True)
    try:
        yield
    finally:
        faulthandler.cancel_dump_traceback_later()


def _dies_in_worker(shared, item):
    if item == 3 and os.getpid() != MAIN_PID:
        os._exit(1)
    return item + shared


def _dies_alone(item):
    return _dies_in_worker(0, item)


def test_a_worker_dying_in_a_map_is_an_error_not_a_hang():
    """Cross-article rules spread work with Workers.map: a worker's death
    there reaches the rule as an exception (the engine's guard makes it one
    error line), and the next map runs."""
    with no_hang(), Workers(2, Config(), MIN_PARALLEL_BYTES) as workers:
        with pytest.raises(WorkerDied, match="worker process died"):
            workers.map(_dies_in_worker, range(8), shared=10)
        with pytest.raises(WorkerDied):
            workers.map(_dies_alone, list(range(8)))
        assert workers.map(_dies_in_worker, [1, 2], shared=10) == [11, 12]
        assert workers.map(_dies_alone, [4, 5, 6]) == [4, 5, 6]


def test_a_worker_dying_in_a_cross_article_rule_costs_that_rule_only(corpus, tmp_path, monkeypatch):
    """A cross-article rule whose parallel step loses a worker: one line
    naming the rule, and every other rule's findings."""

    def spreading(documents, ctx):
        ctx.map(_dies_in_worker, range(8), shared=0)
        yield from ()

    rule = rules.find_rule("repeated-block")
    monkeypatch.setitem(rules._REGISTRY, rule.code, dataclasses.replace(rule, check=spreading))
    monkeypatch.chdir(tmp_path)
    files = sorted(str(p.relative_to(tmp_path)) for p in corpus.iterdir())
    with no_hang():
        result = check_files(files, Config(), jobs=2)
    assert [str(e) for e in result.errors] == [
        "(corpus): internal error in rule TQA303 repeated-block: WorkerDied: a worker process died "
        "(exit status 1) (please report it)"
    ]
    assert exit_code(result, "never") == 2
    alone = check_files(files, Config(ignore=["repeated-block"]), jobs=1)
    assert result.findings == alone.findings and len(result.checked) == len(files)


def test_map_takes_a_generator_and_keeps_the_order():
    taken = []

    def items():
        for i in range(100):
            taken.append(i)
            yield i

    with no_hang(), Workers(2, Config(), MIN_PARALLEL_BYTES) as workers:
        results = workers.map(_dies_in_worker, (i for i in items() if i != 3), shared=1)
    assert results == [i + 1 for i in range(100) if i != 3] and len(taken) == 100


# --- the language model unpacked in the user's cache ---------------------

TEXTS = [
    ("Бүгін Астанада халықаралық көрме ашылды, оған көптеген елдердің өкілдері қатысты", ("kk", "ru", "ky")),
    ("Сегодня в Астане открылась международная выставка, в ней участвуют многие страны", ("kk", "ru", "uk")),
    ("Die Ausstellung wurde heute eröffnet und viele Länder nehmen daran teil", ("de", "en", "nl")),
    ("The exhibition opened today and many countries are taking part in it", ("en", "de", "fr")),
    ("Бүгүн Бишкекте эл аралык көргөзмө ачылды", ("kk", "ky", "ru")),
]


@pytest.fixture(scope="module")
def reference():
    """What the package's own loader answers."""
    from tqa.text.languages import _packaged_identifier, _restricted

    identifier = _packaged_identifier()
    found = [_restricted(identifier, tuple(sorted(langs))).classify(text) for text, langs in TEXTS]
    return [(lang, float(probability)) for lang, probability in found]


@pytest.fixture
def model_cache(tmp_path, monkeypatch):
    """An empty cache of the user's of this test alone; the model's folder in it."""
    from tqa.text.languages import _model_paths

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    return _model_paths()[1]


def answers():
    from tqa.text.languages import Py3LangidDetector

    detector = Py3LangidDetector()  # a new one: get_detector keeps one per process
    return [detector.detect(text, langs) for text, langs in TEXTS], detector


def unpacked(folder):
    """The folder, unpacked whole."""
    from tqa.text.languages import _MODEL_ARRAYS, _model_paths, _unpack_model

    _unpack_model(_model_paths()[0], folder, _MODEL_ARRAYS)
    assert sorted(p.name for p in folder.iterdir()) == sorted(
        ["done", "languages.txt"] + [f"{name}.npy" for name in _MODEL_ARRAYS]
    )
    return folder


def truncate(folder):
    path = folder / "ptc.npy"
    with open(path, "r+b") as f:
        f.truncate(path.stat().st_size // 2)


def half_written(folder):
    """As a writer killed half-way into the folder itself would leave it."""
    (folder / "nextmove.npy").unlink()
    (folder / "done").unlink()


def wrong_shape(folder):
    pc = np.load(folder / "pc.npy")
    np.save(folder / "pc.npy", pc[:-1])


def index_past_the_table(folder):
    rows = np.load(folder / "nextmove_row.npy")
    rows[:10] = np.iinfo(rows.dtype).max
    np.save(folder / "nextmove_row.npy", rows)


def header_lies(folder):
    """A header claiming more than the file holds."""
    path = folder / "out_feat.npy"
    data = path.read_bytes()
    shape = str(len(np.load(path))).encode()
    path.write_bytes(data.replace(b"(" + shape + b",)", b"(" + str(int(shape) * 4).encode() + b",)", 1))


class _Planted:
    def __reduce__(self):
        return (Path.touch, (Path(os.environ["XDG_CACHE_HOME"]) / "unpickled",))


def pickled(folder):
    np.save(folder / "classes.npy", np.array([_Planted()] * 3, dtype=object), allow_pickle=True)


def listing_garbage(folder):
    (folder / "languages.txt").write_bytes(b"\xff\xfe<script>\n")


@pytest.mark.parametrize(
    "damage", [None, truncate, half_written, wrong_shape, index_past_the_table, header_lies, pickled, listing_garbage]
)
def test_a_damaged_unpacked_model_gives_the_same_answers(model_cache, reference, damage, capsys):
    if damage is not None:
        damage(unpacked(model_cache))
    found, detector = answers()
    assert found == reference
    assert detector.supported() == frozenset(detector._identifier.nb_classes) and "kk" in detector.supported()
    assert not (model_cache.parent / "unpickled").exists()  # nothing in the cache is ever unpickled
    # and the folder is whole again, for the next run (nothing left beside it)
    from tqa.text.languages import _cached_arrays

    assert _cached_arrays(model_cache) is not None and detector._cached
    assert sorted(p.name for p in model_cache.parent.iterdir()) == [model_cache.name]
    assert capsys.readouterr().err == ""


def test_a_symlinked_model_folder_is_not_followed(model_cache, reference, tmp_path):
    """A symlink where the folder should be leads to a folder the test made
    odd (a list of one language): it is neither read nor touched."""
    elsewhere = unpacked(tmp_path / "elsewhere" / model_cache.name)
    (elsewhere / "languages.txt").write_text("xx\n", encoding="ascii")
    before = sorted((p.name, p.stat().st_size) for p in elsewhere.iterdir())
    model_cache.parent.mkdir(parents=True)
    model_cache.symlink_to(elsewhere, target_is_directory=True)
    found, detector = answers()
    assert found == reference and "kk" in detector.supported()
    assert sorted((p.name, p.stat().st_size) for p in elsewhere.iterdir()) == before
    assert not model_cache.is_symlink() and model_cache.is_dir()  # replaced by a folder of its own


def test_a_model_file_changed_after_loading_falls_back(model_cache, reference):
    """The map sees a file changed in place after the checks: the identifier
    meets an index past its table, and the package's loader takes over."""
    found, detector = answers()
    assert detector._cached
    path = model_cache / "nextmove.npy"
    with open(path, "r+b") as f:
        np.lib.format.read_magic(f)
        np.lib.format.read_array_header_1_0(f)
        f.write(b"\xff" * (path.stat().st_size - f.tell()))  # every next state past the table
    again = [detector.detect(text, langs) for text, langs in TEXTS]
    assert again == reference == found and not detector._cached


def test_runs_starting_together_on_an_empty_cache_all_answer_alike(model_cache, reference, tmp_path):
    """The race once seen as an IndexError traceback: runs starting while
    others unpack the model."""
    program = textwrap.dedent(f"""\
        import json, sys
        sys.path.insert(0, {str(ROOT)!r})
        from tqa.text.languages import Py3LangidDetector
        detector = Py3LangidDetector()
        print(json.dumps([detector.detect(t, l) for t, l in {TEXTS!r}]))
    """)
    runs = [
        subprocess.Popen(
            [sys.executable, "-c", program],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=os.environ.copy(),
        )
        for _ in range(3)
    ]
    outputs = [run.communicate(timeout=240) for run in runs]
    assert [err for _, err in outputs] == ["", "", ""]
    assert all([tuple(pair) for pair in json.loads(out)] == reference for out, _ in outputs)
    from tqa.text.languages import _cached_arrays

    assert _cached_arrays(model_cache) is not None
    assert sorted(p.name for p in model_cache.parent.iterdir()) == [model_cache.name]  # no pieces left


# ---- what kind of error: a fact about the input, a bug, a worker's death ----


def test_an_input_error_is_not_transient_even_when_its_words_say_internal_error(tmp_path, monkeypatch):
    """Whether an error is met afresh each run (never cached) goes by its
    kind, not its words: a malformed catalog's error quotes the bad line,
    which may read "internal error" (the message search misread it as a
    bug, and the run was never cached)."""
    from tqa.engine.cache import Cache
    from tqa.findings import is_transient

    monkeypatch.chdir(tmp_path)
    (tmp_path / "bad.po").write_text('msgid ""\nmsgstr ""\n"Language: ru\\n"\n\ninternal error\n', encoding="utf-8")
    (tmp_path / "internal error.txt").write_text("", encoding="utf-8")
    (tmp_path / "good.txt").write_text("Title\n\nA line of text.\n", encoding="utf-8")
    files = ["bad.po", "good.txt", "internal error.txt"]
    cache = Cache(tmp_path, Config(), tmp_path.parent / f"{tmp_path.name}-entries")
    result = check_files(files, Config(), jobs=1, cache=cache)
    assert [str(e) for e in result.errors] == [
        "bad.po:5: malformed PO: not a PO line: 'internal error'",
        "internal error.txt: empty file, nothing to check",
    ]
    assert not any(is_transient(e) for e in result.errors)
    assert [e.kind for e in result.errors] == ["input", "input"]
    # so the run is cached like any other about its inputs
    again = Cache(tmp_path, Config(), tmp_path.parent / f"{tmp_path.name}-entries")
    cached = again.load_run(again.run_key(files, None, []))
    assert cached is not None and cached.errors == result.errors and cached.findings == result.findings


def test_internal_and_worker_errors_are_transient_by_kind(corpus, tmp_path, monkeypatch):
    import pickle

    from tqa.findings import FileError, is_transient, worker_died

    bug = internal_error("a.txt", "reading", ValueError("boom"))
    died = worker_died("a.txt", "signal 9")
    assert (bug.kind, died.kind) == ("internal", "worker") and is_transient(bug) and is_transient(died)
    assert str(died) == "a.txt: worker process died while checking this file (signal 9)"
    assert not is_transient(FileError("a.txt", "internal error while reading: made up by the file"))
    # the kind travels back from worker processes and into the cache
    assert [pickle.loads(pickle.dumps(e)).kind for e in (bug, died)] == ["internal", "worker"]
    with pytest.raises(ValueError, match="unknown kind"):
        FileError("a.txt", "message", kind="bug")
    # a rule's crash is a bug in tqa
    rule = rules.find_rule("repeated-word")

    def broken(article, ctx):
        raise KeyError("boom")
        yield

    monkeypatch.setitem(rules._REGISTRY, rule.code, dataclasses.replace(rule, check=broken))
    monkeypatch.chdir(tmp_path)
    result = check_files(["news/kk-exhibition.txt"], Config(), jobs=1)
    assert [(e.kind, e.message) for e in result.errors] == [
        ("internal", "internal error in rule TQA701 repeated-word: KeyError: 'boom' (please report it)")
    ]


def test_a_worker_dying_on_a_file_is_a_worker_error_and_not_cached(corpus, tmp_path, monkeypatch):
    from tqa.engine.cache import Cache

    real = passes.read_document

    def reading(path, split):
        if path.endswith("poison.txt") and os.getpid() != MAIN_PID:
            os._exit(1)
        return real(path, split)

    monkeypatch.setattr(passes, "read_document", reading)  # the forked workers inherit it
    monkeypatch.chdir(tmp_path)
    files = sorted(str(p.relative_to(tmp_path)) for p in corpus.iterdir())
    entries = tmp_path.parent / f"{tmp_path.name}-entries"
    with no_hang():
        result = check_files(files, Config(), jobs=2, cache=Cache(tmp_path, Config(), entries))
    assert [(e.kind, str(e)) for e in result.errors] == [
        ("worker", "news/poison.txt: worker process died while checking this file (exit status 1)")
    ]
    again = Cache(tmp_path, Config(), entries)
    assert again.load_run(again.run_key(files, None, [])) is None  # met afresh next run
    assert again.file_pass("news/poison.txt", True) is None


def test_a_cached_entry_holding_a_bug_is_not_believed(tmp_path):
    """Runs and file passes with a bug or a worker's death are never
    stored; an entry that holds one (or anything but file errors) is a miss."""
    from tqa.engine.cache import Cache
    from tqa.findings import FileError, RunResult, worker_died

    cache = Cache(tmp_path / "project", Config(), tmp_path / "entries")
    keys = iter(c * 40 for c in "abcdef")
    for errors, believed in [
        ([], True),
        ([FileError("a.txt", "empty file, nothing to check")], True),
        ([internal_error("a.txt", "reading", ValueError("x"))], False),
        ([worker_died("a.txt", "signal 9")], False),
        (["a.txt: empty file"], False),
        ((), False),
    ]:
        key = next(keys)
        cache.store_run(key, RunResult(files=1, errors=errors))
        assert (cache.load_run(key) is not None) == believed, errors
