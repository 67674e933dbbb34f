"""Language identification behind a small interface, with two backends.

``py3langid`` (default) covers Kazakh, Kyrgyz, Uzbek, Tajik, Turkmen,
Azerbaijani, Armenian and Georgian and answers in well under a millisecond;
``langdetect`` (the design card's library, seeded so results repeat) lacks
most of those languages. Both are loaded lazily, only when a run needs them.
"""

from __future__ import annotations

import copy
from collections import Counter
from functools import lru_cache
from typing import Any, Callable, Iterable, Protocol, Sequence

import regex

from .resources import load
from .scripts import WORD, has_foreign_letters, language_scripts, mask_non_prose, scripts_of


def language_name(code: str | None) -> str:
    if not code:
        return "unknown-language"
    return load("languages")["names"].get(code, code)


def default_candidates(target: str | None) -> tuple[str, ...]:
    candidates = list(load("languages")["default_candidates"])
    if target and target not in candidates:
        candidates.insert(0, target)
    return tuple(candidates)


class Detector(Protocol):
    name: str

    def supported(self) -> frozenset[str]: ...

    def load(self) -> None:
        """Load the model now rather than at the first text (before worker
        processes are forked, so that they share its memory)."""

    def detect(self, text: str, candidates: Iterable[str]) -> tuple[str, float]:
        """The most likely language among ``candidates`` and its probability
        (0–1, normalised over the candidates)."""


class Py3LangidDetector:
    name = "py3langid"

    def __init__(self) -> None:
        # The model (and numpy) are loaded at the first text that needs the
        # identifier: prose plain by its function words never does, so a
        # short run on such text starts without them.
        self._identifier = None
        self._cached = False  # is the identifier's model the unpacked one in the user's cache?
        self._all = _py3langid_languages()
        self._by_langs: dict[tuple[str, ...], Any] = {}  # py3langid's LanguageIdentifier (untyped)

    def supported(self) -> frozenset[str]:
        return self._all

    def load(self) -> None:
        if self._identifier is None:
            identifier = _cached_identifier()
            self._set(identifier or _packaged_identifier(), cached=identifier is not None)

    def _set(self, identifier, cached: bool) -> None:
        self._identifier = identifier
        self._cached = cached
        self._by_langs.clear()
        # the model's own list rules over the one read from the cache folder
        self._all = frozenset(identifier.nb_classes)

    def detect(self, text: str, candidates: Iterable[str]) -> tuple[str, float]:
        langs = tuple(sorted(c for c in candidates if c in self._all))
        identifier = self._by_langs.get(langs)
        if identifier is None:
            self.load()
            identifier = self._by_langs[langs] = _restricted(self._identifier, langs)
        try:
            lang, prob = identifier.classify(text)
        except Exception:
            if not self._cached:
                raise
            # The unpacked model was checked when loaded, but a file of it
            # changed since (memory maps see that): the package's own.
            self._set(_packaged_identifier(), cached=False)
            return self.detect(text, candidates)
        return lang, float(prob)


class _ColumnsOf:
    """Some columns of py3langid's feature table, taken from the rows that
    are asked for: the identifier reads only the rows of the features a
    text has (``table[rows]``), so nothing else of the table is copied."""

    __slots__ = ("table", "columns")

    def __init__(self, table, columns) -> None:
        import numpy as np

        self.table = np.asarray(table)  # a plain array over the memory map: C-level indexing
        self.columns = np.asarray(columns, dtype=np.intp)

    def __getitem__(self, rows):
        # ``table[rows][:, columns]`` without taking every column of the rows
        # first (tens of megabytes for a long text), and laid out as that is
        # (column after column): the scores' sums run in the same order
        return self.table.T[self.columns[:, None], rows].T


def _restricted(identifier, langs: tuple[str, ...]):
    """py3langid's identifier choosing among ``langs`` only. Its own
    ``set_languages`` copies those columns of the whole 28 MB feature table:
    milliseconds and megabytes for each set of languages, and a run over a
    hundred catalogs in as many languages meets a hundred sets (one per
    target language). The restricted copy reads the columns from the few
    rows each text needs; scores are the same to the bit (tested)."""
    restricted = copy.copy(identifier)
    table, priors, classes = identifier._full_model
    columns = [i for i, lang in enumerate(classes) if lang in langs]
    restricted.nb_ptc = _ColumnsOf(table, columns)
    restricted.nb_pc = priors[columns]
    restricted.nb_classes = [classes[i] for i in columns]
    restricted._set_alias_pairs()  # labels met twice (srl→sr) are one language
    return restricted


def _model_paths():
    """(py3langid's packed model, the folder it is unpacked to in the
    user's cache, keyed by the model file's size and date)."""
    import importlib.util
    import os
    from pathlib import Path

    package = Path(importlib.util.find_spec("py3langid").origin).parent
    model = package / "data" / "model.npz.xz"
    stat = model.stat()
    folder = (
        Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
        / "tqa"
        / f"py3langid-{stat.st_size}-{stat.st_mtime_ns}"
    )
    return model, folder


_MODEL_ARRAYS = ("ptc", "pc", "classes", "nextmove", "out_feat", "nextmove_row")
_LANGUAGE_CODE = regex.compile(r"[a-z]{2,3}")
_STALE_SECONDS = 3600  # an unpacking takes seconds: a temporary item older than this is a killed run's

# The unpacked model is read from the user's cache, not from the checked
# tree, but what is found there is still checked before use: another run may
# be unpacking beside it, a run killed half-way leaves pieces, and anything
# else that writes in the user's cache could have put something odd there.
# So: the folder appears only whole (written beside, renamed into place);
# it and its files are opened without following symlinks and must belong
# to this user; each .npy's header is read without pickle and its size must
# match it exactly; shapes, dtypes and the small tables' indices must agree
# (an index past a table would be an IndexError in the middle of a run; see
# _consistent for the big one). Any doubt: unpack afresh, and failing that,
# the package's own loader.


def _py3langid_languages() -> frozenset[str]:
    """The languages py3langid knows, from the unpacked model's list (no
    numpy needed), else from the model itself."""
    listing = _from_unpacked_model(_cached_listing)
    return listing if listing is not None else frozenset(_load_py3langid().nb_classes)


def _from_unpacked_model(read):
    """``read(folder)`` of the unpacked model in the user's cache, unpacked
    first when missing or odd; None when anything about it fails."""
    try:
        model, folder = _model_paths()
        found = read(folder)
        if found is None:
            _unpack_model(model, folder, _MODEL_ARRAYS)
            found = read(folder)
        return found
    except Exception:  # noqa: BLE001 - the cache is an optimisation only
        return None


def _load_py3langid():
    """py3langid's identifier. Its model ships LZMA-compressed, and
    decompressing it is most of a short run's time; the decompressed arrays
    are kept in the user's cache folder and memory-mapped. Any trouble with
    the cache falls back to the package's own loader."""
    return _cached_identifier() or _packaged_identifier()


def _packaged_identifier():
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def _cached_identifier():
    """The identifier over the unpacked model in the user's cache (unpacked
    now if missing or odd), or None."""
    arrays = _from_unpacked_model(_cached_arrays)
    try:
        return _identifier_of(arrays) if arrays is not None else None
    except Exception:  # noqa: BLE001 - the cache is an optimisation only
        return None


def _identifier_of(arrays: dict):
    import numpy as np
    from py3langid.langid import LanguageIdentifier
    from py3langid.modelio import _TYPECODE, _to_array

    # memory-mapped: pages of the 40 MB tables are read when used, not
    # all at start, and processes share them. The tokenizer's table is
    # walked one byte at a time in Python: a memoryview indexes as fast
    # as the array py3langid would copy it into, without the copy.
    nextmove = arrays["nextmove"]
    table = memoryview(nextmove).cast("B").cast(_TYPECODE[nextmove.dtype.itemsize])
    return LanguageIdentifier(
        arrays["ptc"],
        np.asarray(arrays["pc"]),
        arrays["classes"].tolist(),
        table,
        arrays["out_feat"].tolist(),
        norm_probs=True,
        tk_row=_to_array(arrays["nextmove_row"]),
    )


def _open_folder(folder) -> int:
    """A descriptor of ``folder``, which must be a real folder (a symlink is
    refused, not followed) of this user's that no one else may write in."""
    import os
    import stat

    flags = os.O_RDONLY | getattr(os, "O_DIRECTORY", 0) | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0)
    fd = os.open(folder, flags)
    try:
        info = os.fstat(fd)
        if not stat.S_ISDIR(info.st_mode) or info.st_mode & 0o022 or not _owned(info):
            raise OSError(f"{folder}: not a private folder of this user")
    except BaseException:
        os.close(fd)
        raise
    return fd


def _owned(info) -> bool:
    import os

    return not hasattr(os, "geteuid") or info.st_uid == os.geteuid()


def _open_member(folder_fd: int, folder, name: str):
    """``name`` in the folder, opened for reading without following a
    symlink; it must be a regular file of this user's."""
    import os
    import stat

    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0)
    if os.open in os.supports_dir_fd:
        fd = os.open(name, flags, dir_fd=folder_fd)
    else:  # pragma: no cover - not Linux
        fd = os.open(os.path.join(folder, name), flags)
    file = os.fdopen(fd, "rb")
    info = os.fstat(fd)
    if not stat.S_ISREG(info.st_mode) or not _owned(info):
        file.close()
        raise OSError(f"{name}: not a regular file of this user")
    return file, info


def _cached_listing(folder) -> frozenset[str] | None:
    """The language codes the unpacked model lists, or None when the folder
    or its list is missing or odd."""
    import os

    try:
        folder_fd = _open_folder(folder)
    except OSError:
        return None
    try:
        file, info = _open_member(folder_fd, folder, "languages.txt")
        with file:
            if info.st_size > 64 * 1024:
                return None
            codes = file.read().decode("ascii").split()
    except (OSError, UnicodeDecodeError):
        return None
    finally:
        os.close(folder_fd)
    if not codes or not all(_LANGUAGE_CODE.fullmatch(c) for c in codes):
        return None
    return frozenset(codes)


def _cached_arrays(folder) -> dict | None:
    """The unpacked model's arrays, memory-mapped, or None when anything
    about them is missing or odd (see above)."""
    import os

    try:
        folder_fd = _open_folder(folder)
    except OSError:
        return None
    try:
        arrays = {name: _mapped(folder_fd, folder, name) for name in _MODEL_ARRAYS}
        return arrays if _consistent(arrays) else None
    except Exception:  # noqa: BLE001 - a short, padded or forged file: not used
        return None
    finally:
        os.close(folder_fd)


def _mapped(folder_fd: int, folder, name: str):
    """``name.npy`` memory-mapped, after its header: version 1 or 2, no
    objects (so no pickle), C order, and exactly as many bytes as it says."""
    import math

    import numpy as np
    from numpy.lib import format as npy

    file, info = _open_member(folder_fd, folder, f"{name}.npy")
    with file:
        version = npy.read_magic(file)
        if version == (1, 0):
            shape, fortran, dtype = npy.read_array_header_1_0(file)
        elif version == (2, 0):
            shape, fortran, dtype = npy.read_array_header_2_0(file)
        else:
            raise ValueError(f"{name}.npy: format version {version}")
        if dtype.hasobject or fortran or not dtype.isnative:
            raise ValueError(f"{name}.npy: unexpected layout")
        offset = file.tell()
        count = math.prod(shape)
        if count <= 0 or info.st_size != offset + count * dtype.itemsize:
            raise ValueError(f"{name}.npy: {info.st_size} bytes, not as its header says")
        # the map outlives the file object (mmap keeps its own descriptor)
        return np.memmap(file, dtype=dtype, mode="r", offset=offset, shape=shape)


def _consistent(arrays: dict) -> bool:
    """Do the arrays make a model the identifier can walk without an index
    running past a table? The small tables are scanned; the tokenizer's
    (40 MB) is not, which would read all of its pages into every run: a
    state past the end there is an IndexError when met (indexing is
    checked), and ``Py3LangidDetector.detect`` then falls back."""
    from py3langid.modelio import _TYPECODE

    ptc, pc, classes = arrays["ptc"], arrays["pc"], arrays["classes"]
    nextmove, out_feat, rows = arrays["nextmove"], arrays["out_feat"], arrays["nextmove_row"]
    states = len(rows)
    if not (
        ptc.ndim == 2
        and ptc.dtype.kind == "f"
        and pc.ndim == 1
        and pc.dtype.kind == "f"
        and classes.ndim == 1
        and classes.dtype.kind == "U"
        and ptc.shape[1] == len(pc) == len(classes)
        and nextmove.ndim == 1
        and nextmove.dtype.kind == "u"
        and nextmove.dtype.itemsize in _TYPECODE
        and nextmove.size % 256 == 0
        and rows.ndim == 1
        and rows.dtype.kind == "u"
        and rows.dtype.itemsize in _TYPECODE
        and out_feat.ndim == 1
        and out_feat.dtype.kind == "i"
        and len(out_feat) == states
    ):
        return False
    codes = classes.tolist()
    if not all(_LANGUAGE_CODE.fullmatch(c) for c in codes):  # (some appear twice: aliases)
        return False
    return int(rows.max()) < nextmove.size // 256 and int(out_feat.min()) >= -1 and int(out_feat.max()) < ptc.shape[0]


def _unpack_model(model, folder, names) -> None:
    """Decompress py3langid's model into ``folder``, one .npy per array:
    written in a folder beside it, which is renamed into place whole, so a
    parallel run never reads half. Whatever stands in the way (a folder
    found wanting, a symlink) is renamed aside and removed, never followed."""
    import lzma
    import os
    import shutil
    import tempfile

    import numpy as np

    parent = folder.parent
    parent.mkdir(parents=True, exist_ok=True)
    _sweep(parent, folder.name)
    fd, temp = tempfile.mkstemp(dir=parent, prefix=f"{folder.name}.", suffix=".npz.tmp")
    unpacked = None
    try:
        with os.fdopen(fd, "wb") as out, lzma.open(model) as src:
            shutil.copyfileobj(src, out, length=1 << 20)
        unpacked = tempfile.mkdtemp(dir=parent, prefix=f"{folder.name}.", suffix=".tmp")
        with np.load(temp, allow_pickle=False) as arrays:
            for name in names:
                np.save(os.path.join(unpacked, f"{name}.npy"), arrays[name], allow_pickle=False)
            with open(os.path.join(unpacked, "languages.txt"), "w", encoding="ascii") as listing:
                listing.write("\n".join(arrays["classes"].tolist()) + "\n")
        open(os.path.join(unpacked, "done"), "w").close()  # what earlier versions of tqa look for
        _install(unpacked, folder)
    finally:
        os.unlink(temp)
        if unpacked is not None and os.path.lexists(unpacked):
            shutil.rmtree(unpacked, ignore_errors=True)


def _install(unpacked: str, folder) -> None:
    import os
    import secrets

    try:
        os.rename(unpacked, folder)
        return
    except OSError:
        pass  # something is there: a folder found wanting, or one another run has just put in place
    aside = folder.parent / f"{folder.name}.{os.getpid()}-{secrets.token_hex(4)}.old.tmp"
    try:
        os.rename(folder, aside)  # renames a symlink itself, never what it points to
    except OSError:
        pass
    else:
        _remove(aside)  # a reader that mapped its files keeps its pages
    try:
        os.rename(unpacked, folder)
    except OSError:
        pass  # another run's is in place now, as good as this one


def _remove(path) -> None:
    import os
    import shutil

    try:
        if os.path.isdir(path) and not os.path.islink(path):
            shutil.rmtree(path, ignore_errors=True)  # does not follow symlinks inside
        else:
            os.unlink(path)
    except OSError:
        pass


def _sweep(parent, name: str) -> None:
    """Remove what runs killed while unpacking left beside the folder."""
    import os
    import time

    try:
        entries = list(os.scandir(parent))
    except OSError:
        return
    for entry in entries:
        if entry.name.startswith(f"{name}.") and entry.name.endswith(".tmp"):
            try:
                if time.time() - entry.stat(follow_symlinks=False).st_mtime > _STALE_SECONDS:
                    _remove(entry.path)
            except OSError:
                pass


class LangdetectDetector:
    name = "langdetect"

    def __init__(self) -> None:
        from langdetect import DetectorFactory
        from langdetect.detector_factory import init_factory

        DetectorFactory.seed = 0  # langdetect is random without a seed
        init_factory()
        from langdetect.detector_factory import _factory

        self._factory = _factory
        self._all = frozenset(code.split("-")[0] for code in _factory.get_lang_list())

    def supported(self) -> frozenset[str]:
        return self._all

    def load(self) -> None:
        pass  # the profiles are read when the detector is made

    def detect(self, text: str, candidates: Iterable[str]) -> tuple[str, float]:
        from langdetect.lang_detect_exception import LangDetectException

        wanted = set(candidates)
        detector = self._factory.create()
        detector.append(text)
        try:
            ranked = detector.get_probabilities()
        except LangDetectException:
            return "und", 0.0
        scores: dict[str, float] = {}
        for item in ranked:
            code = item.lang.split("-")[0]
            if code in wanted:
                scores[code] = scores.get(code, 0.0) + item.prob
        if not scores:
            return "und", 0.0
        total = sum(scores.values())
        best = max(sorted(scores), key=scores.__getitem__)
        return best, scores[best] / total


BACKENDS: dict[str, Callable[[], Detector]] = {"py3langid": Py3LangidDetector, "langdetect": LangdetectDetector}


@lru_cache(maxsize=None)
def get_detector(name: str = "py3langid") -> Detector:
    try:
        return BACKENDS[name]()
    except KeyError:
        raise ValueError(f"unknown language detector {name!r} (known: {', '.join(BACKENDS)})") from None


_NAME_OR_ACRONYM = regex.compile(r"^(?:\p{Lu}.*|.*\p{Lu}.*\p{Lu}.*)$")


def detection_text(text: str) -> tuple[str, int]:
    """The ordinary words of ``text`` joined by spaces, and how many."""
    words = WORD.findall(mask_non_prose(text))
    # lower-case words (most of them) are ordinary without a regex look
    kept = [word for word in words if word.islower() or not _NAME_OR_ACRONYM.match(word) or _caseless(word)]
    if words and len(kept) < len(words) and kept[:1] != words[:1] and words[0][1:].islower():
        kept.insert(0, words[0].lower())  # a capital opening the text is grammar, not a name
    joined = " ".join(kept)
    if not _UNSPACED.search(joined):
        return joined, len(kept)
    # Chinese and Japanese write no spaces: count two characters as a word.
    count = sum(max(1, len(w) // 2) if _unspaced(w) else 1 for w in kept)
    return joined, count


_UNSPACED = regex.compile(r"[\p{scx=Han}\p{scx=Hiragana}\p{scx=Katakana}\p{scx=Thai}]")


def _unspaced(word: str) -> bool:
    return bool(_UNSPACED.match(word))


def _caseless(word: str) -> bool:
    return word.lower() == word.upper()  # Han, kana, Arabic…: no capitals to judge by


def script_counts(text: str) -> Counter:
    """Letters of each named script in ``text`` (as ``letter_scripts``
    counts them), in the order the scripts first occur. Counted by
    character first, in C: a tuple per letter of a text of megabytes was
    hundreds of megabytes."""
    counts: Counter = Counter()
    for ch, n in Counter(text).items():  # characters in their first occurrence's order
        scripts = scripts_of(ch)
        if len(scripts) == 1:
            counts[next(iter(scripts))] += n
    return counts


def _compatible(candidates, script: str | None) -> list[str]:
    result = []
    for lang in candidates:
        scripts = language_scripts(lang)
        if scripts is not None and script in scripts.own:
            result.append(lang)
        elif scripts is None and script == "Latin":
            result.append(lang)
    return result


def identify(text: str, target: str, candidates, detector, min_letters: int, min_words: int):
    """(language, probability) of ``text`` when it can be told and may
    differ from ``target``; None when it is too short or cannot differ."""
    reduced, words = detection_text(text)
    return identify_reduced(reduced, words, target, candidates, detector, min_letters, min_words)


def identify_reduced(reduced: str, words: int, target: str, candidates, detector, min_letters: int, min_words: int):
    """``identify`` on text already reduced by ``detection_text``."""
    letters = len(reduced) - reduced.count(" ")  # words of letters, joined by single spaces
    if words < min_words or letters < min_letters:
        return None
    own = language_scripts(target)
    if own is not None and len(own.own) == 1 and not has_foreign_letters(reduced, own.own):
        dominant = next(iter(own.own))  # the common case, without a look at each letter
    else:
        counts = script_counts(reduced)
        if not counts:
            return None
        dominant = counts.most_common(1)[0][0]
        if own is not None and dominant not in own.own:
            # Text in another script: only when it is almost all of it. A
            # Chinese sentence quoting Latin option names is still Chinese.
            if sum(n for script, n in counts.items() if script in own.own) > 0.2 * sum(counts.values()):
                return None
    compatible = _compatible(candidates, dominant)
    if not compatible or compatible == [target]:
        return None
    if _plainly_in(target, reduced, compatible):
        return target, 1.0
    return detector.detect(reduced, compatible)


@lru_cache(maxsize=1)
def _function_words() -> dict[str, frozenset[str]]:
    table = load("typography")["function_words"]
    return {lang: frozenset(words.split()) for lang, words in table.items()}


def has_function_words(lang: str) -> bool:
    """Does tqa list the function words of ``lang`` (so that text can be
    plainly in it, see ``plain_words``)?"""
    return lang in _function_words()


def _plainly_in(target: str, reduced: str, others) -> bool:
    """A cheap look before the identifier: text where a fifth of the words
    are the target's function words ("the", "of", "и", "мен") and none is a
    function word of another candidate only, is in the target language. This
    spares most calls to the identifier on ordinary prose; anything less
    plain still goes to it."""
    return plain_words(reduced.casefold().split(), target, tuple(others))


def plain_words(words: Sequence[str], target: str, others: tuple[str, ...]) -> bool:
    """``_plainly_in`` on case-folded words."""
    own, foreign = _own_and_foreign(target, others)
    if not own or len(words) < 6:
        return False
    hits = sum(map(own.__contains__, words))
    return hits >= 0.2 * len(words) and foreign.isdisjoint(words)


@lru_cache(maxsize=64)
def _own_and_foreign(target: str, others: tuple[str, ...]) -> tuple[frozenset[str], frozenset[str]]:
    """The target's function words, and those of the other candidates only."""
    table = _function_words()
    own = table.get(target, frozenset())
    foreign = frozenset().union(*(table.get(lang, frozenset()) for lang in others if lang != target)) - own
    return own, foreign


@lru_cache(maxsize=1)
def _languages_of_words() -> dict[str, frozenset[str]]:
    """Function word -> the languages it is a function word of."""
    found: dict[str, set[str]] = {}
    for lang, words in _function_words().items():
        for word in words:
            found.setdefault(word, set()).add(lang)
    return {word: frozenset(langs) for word, langs in found.items()}


def plain_language(reduced: str, pool) -> str | None:
    """The language of ``pool`` that ``reduced`` is plainly written in, by
    its function words (the test of ``_plainly_in``, for every candidate at
    once), or None."""
    words = reduced.casefold().split()
    if len(words) < 6:
        return None
    table = _languages_of_words()
    pool = set(pool)
    hits: Counter = Counter()
    seen: list[frozenset[str]] = []
    for word in words:
        langs = table.get(word)
        if langs:
            seen.append(langs)
            hits.update(langs & pool)
    if not hits:
        return None
    lang, count = hits.most_common(1)[0]
    if count < 0.2 * len(words):
        return None
    # a function word of another candidate only: not plain
    if any(lang not in langs and langs & pool for langs in seen):
        return None
    # nor when letters of another script stand beside them: a Japanese
    # paragraph holding one English sentence is made of few "words" (it
    # writes no spaces), so English function words are a fifth of them
    scripts = language_scripts(lang)
    if scripts is not None and has_foreign_letters(reduced, scripts.own | scripts.tolerated):
        return None
    return lang


# Characters of text identified at once. A longer text (a catalog string
# of megabytes, a "sentence" without a full stop) is identified by
# SAMPLES pieces spread over it: what identification builds grows with the
# text (a tuple per letter to count scripts), and a language shows in
# any hundred thousand characters of it.
MAX_IDENTIFIED = 100_000
SAMPLES = 10


def sample_text(text: str) -> str:
    """``text``, or when longer than MAX_IDENTIFIED, SAMPLES pieces of it
    spread evenly, each cut at spaces to whole words, joined by spaces."""
    if len(text) <= MAX_IDENTIFIED:
        return text
    size = MAX_IDENTIFIED // SAMPLES
    step = (len(text) - size) // (SAMPLES - 1)
    pieces = []
    for at in range(0, step * SAMPLES, step):
        piece = text[at : at + size]
        if at:  # drop the word cut in two at the start
            piece = piece[piece.find(" ") + 1 :] if " " in piece else piece
        if at + size < len(text) and " " in piece:
            piece = piece[: piece.rfind(" ")]
        pieces.append(piece)
    return " ".join(pieces)


ARTICLE_IDENTIFIED = 1_000_000  # characters of an article's paragraphs read to tell its language


def article_language(
    texts: Iterable[str], detector_name: str = "py3langid", candidates: Iterable[str] | None = None
) -> str | None:
    """The language most of ``texts`` is written in, weighted by length
    (paragraph by paragraph, so a long untranslated quote cannot outvote
    the article)."""
    detector = get_detector(detector_name)
    pool = [c for c in (candidates or default_candidates(None)) if c in detector.supported()]
    weights: Counter = Counter()
    texts = list(texts)
    total = sum(map(len, texts))
    if total > ARTICLE_IDENTIFIED:
        # an article of megabytes (one line of 50 MB cut into pieces) is
        # told by paragraphs spread evenly over it, as a long text by samples
        texts = texts[:: -(-total // ARTICLE_IDENTIFIED)]
    # what the paragraphs not yet weighed could add at most (a reduced text is never longer)
    remaining = sum(len(text) for text in texts)
    # Paragraphs plain by their function words are weighed first; the others
    # wait for the identifier, which is not even loaded when the plain ones
    # settle the article (a short title rarely matters). The order does not
    # change the winner: the loop stops only when nothing left can.
    waiting: list[str] = []
    for text in texts:
        # a text of megabytes (a catalog string) is read, and weighed, by its samples: still
        # a hundred thousand characters, more than any paragraph of prose
        reduced, words = detection_text(sample_text(text))
        if words < 3:
            remaining -= len(text)
            continue
        plain = plain_language(reduced, pool)
        if plain is None:
            waiting.append(reduced)
            remaining -= len(text) - len(reduced)
            continue
        remaining -= len(text)
        if _weigh(weights, plain, 1.0, reduced, remaining):
            return _winner(weights)
    for reduced in waiting:
        remaining -= len(reduced)
        if _weigh(weights, *detector.detect(reduced, pool), reduced, remaining):
            break
    return _winner(weights)


def _weigh(weights: Counter, lang: str, probability: float, reduced: str, remaining: int) -> bool:
    """Count ``reduced`` for ``lang``; is the winner then certain?"""
    if probability < 0.5:
        return False
    weights[lang] += len(reduced)
    ranked = weights.most_common(2)
    runner_up = ranked[1][1] if len(ranked) > 1 else 0
    return ranked[0][1] > runner_up + remaining


def _winner(weights: Counter) -> str | None:
    return max(sorted(weights), key=weights.__getitem__) if weights else None
