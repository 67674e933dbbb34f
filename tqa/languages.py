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
from typing import Iterable, Protocol, Sequence

import regex

from .resources import load
from .scripts import WORD, has_foreign_letters, language_scripts, letter_scripts, mask_non_prose


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
        self._all = _py3langid_languages()
        self._by_langs: dict[tuple[str, ...], object] = {}

    def supported(self) -> frozenset[str]:
        return self._all

    def load(self) -> None:
        if self._identifier is None:
            self._identifier = _load_py3langid()

    def detect(self, text: str, candidates: Iterable[str]) -> tuple[str, float]:
        langs = tuple(sorted(c for c in candidates if c in self._all))
        identifier = self._by_langs.get(langs)
        if identifier is None:
            self.load()
            identifier = self._by_langs[langs] = _restricted(self._identifier, langs)
        lang, prob = identifier.classify(text)
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
        return self.table[rows][:, self.columns]


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
    folder = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "tqa" / \
        f"py3langid-{stat.st_size}-{stat.st_mtime_ns}"
    return model, folder


_MODEL_ARRAYS = ("ptc", "pc", "classes", "nextmove", "out_feat", "nextmove_row")


def _py3langid_languages() -> frozenset[str]:
    """The languages py3langid knows, from the unpacked model's list (no
    numpy needed), else from the model itself."""
    try:
        model, folder = _model_paths()
        if not (folder / "done").exists():
            _unpack_model(model, folder, _MODEL_ARRAYS)
        return frozenset((folder / "languages.txt").read_text(encoding="ascii").split())
    except Exception:  # noqa: BLE001 - the cache is an optimisation only
        return frozenset(_load_py3langid().nb_classes)


def _load_py3langid():
    """py3langid's identifier. Its model ships LZMA-compressed, and
    decompressing it is most of a short run's time; the decompressed arrays
    are kept in the user's cache folder and memory-mapped. Any trouble with
    the cache falls back to the package's own loader."""
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    try:
        import numpy as np
        from py3langid.modelio import _TYPECODE, _to_array

        model, folder = _model_paths()
        if not (folder / "done").exists():
            _unpack_model(model, folder, _MODEL_ARRAYS)
        # memory-mapped: pages of the 40 MB tables are read when used, not
        # all at start, and processes share them. The tokenizer's table is
        # walked one byte at a time in Python: a memoryview indexes as fast
        # as the array py3langid would copy it into, without the copy.
        data = {name: np.load(folder / f"{name}.npy", mmap_mode="r", allow_pickle=False) for name in _MODEL_ARRAYS}
        nextmove = data["nextmove"]
        table = memoryview(nextmove).cast("B").cast(_TYPECODE[nextmove.dtype.itemsize])
        return LanguageIdentifier(data["ptc"], np.asarray(data["pc"]), data["classes"].tolist(),
                                  table, data["out_feat"].tolist(), norm_probs=True,
                                  tk_row=_to_array(data["nextmove_row"]))
    except Exception:  # noqa: BLE001 - the cache is an optimisation only
        return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def _unpack_model(model, folder, names) -> None:
    """Decompress py3langid's model once into ``folder``, one .npy per
    array; written beside and renamed, so a parallel run never reads half."""
    import lzma
    import os
    import shutil
    import tempfile

    import numpy as np

    folder.parent.mkdir(parents=True, exist_ok=True)
    fd, temp = tempfile.mkstemp(dir=folder.parent, suffix=".npz.tmp")
    try:
        with os.fdopen(fd, "wb") as out, lzma.open(model) as src:
            shutil.copyfileobj(src, out, length=1 << 20)
        unpacked = tempfile.mkdtemp(dir=folder.parent, suffix=".tmp")
        with np.load(temp, allow_pickle=False) as arrays:
            for name in names:
                np.save(os.path.join(unpacked, f"{name}.npy"), arrays[name], allow_pickle=False)
            with open(os.path.join(unpacked, "languages.txt"), "w", encoding="ascii") as listing:
                listing.write("\n".join(arrays["classes"].tolist()) + "\n")
        open(os.path.join(unpacked, "done"), "w").close()
        try:
            os.rename(unpacked, folder)
        except OSError:  # another run got there first
            shutil.rmtree(unpacked, ignore_errors=True)
    finally:
        os.unlink(temp)


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
        best = max(sorted(scores), key=scores.get)
        return best, scores[best] / total


BACKENDS = {"py3langid": Py3LangidDetector, "langdetect": LangdetectDetector}


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
    return Counter(script for _, script in letter_scripts(text))


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


def identify_reduced(reduced: str, words: int, target: str, candidates, detector, min_letters: int,
                     min_words: int):
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


def article_language(texts: Iterable[str], detector_name: str = "py3langid",
                     candidates: Iterable[str] | None = None) -> str | None:
    """The language most of ``texts`` is written in, weighted by length
    (paragraph by paragraph, so a long untranslated quote cannot outvote
    the article)."""
    detector = get_detector(detector_name)
    pool = [c for c in (candidates or default_candidates(None)) if c in detector.supported()]
    weights: Counter = Counter()
    texts = list(texts)
    # what the paragraphs not yet weighed could add at most (a reduced text is never longer)
    remaining = sum(len(text) for text in texts)
    # Paragraphs plain by their function words are weighed first; the others
    # wait for the identifier, which is not even loaded when the plain ones
    # settle the article (a short title rarely matters). The order does not
    # change the winner: the loop stops only when nothing left can.
    waiting: list[str] = []
    for text in texts:
        reduced, words = detection_text(text)
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
    return max(sorted(weights), key=weights.get) if weights else None
