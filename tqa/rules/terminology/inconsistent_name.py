"""TQA404 inconsistent-name: One body named in different ways in the run (``Ministry of the Interior and Safety`` / ``Ministry of Internal Affairs and Security``)."""

from __future__ import annotations

from array import array
from collections import defaultdict
from typing import NamedTuple

from ...model import Problem
from ...text.bodynames import INFLECTED, MIN_CONTENT_WORDS, Name, folded_words, names_in, stem
from ...text.fuzzy import fuzz
from .. import Option, rule


class _FileNames(NamedTuple):
    """The names of bodies met in one file: what the map step hands on.
    Each form once, each mention three numbers (a run names the same few
    bodies thousands of times)."""

    forms: list  # (lang, form key, text as first written, the Name as a tuple, file offset of the first mention)
    places: list  # (start, end, index in forms): file offsets of each mention


def _mentions(document, ctx) -> _FileNames:
    """The map step, per file: every name of a body in the file's prose."""
    found = _FileNames([], [])
    index: dict[tuple[str, tuple[str, ...]], int] = {}
    for article in document.articles:
        lang = article.lang or ctx.lang or ""
        for segment in article.prose:
            if segment.kind in ("title", "heading"):
                continue  # headlines capitalise words that are not names
            for name in names_in(segment.text, lang):
                key = (lang, _form_key(name.words, lang))
                span = segment.problem(name.start, name.end, "")
                if key not in index:
                    index[key] = len(found.forms)
                    text = " ".join(segment.text[name.start : name.end].split())
                    # plain tuples: the cache loads only the classes of tqa's result model and the rules
                    found.forms.append((lang, key[1], text, tuple(name), span.start))
                found.places.append((span.start, span.end, index[key]))
    return found


class _Form(NamedTuple):
    """One way of writing a name in one language, and where it was met."""

    lang: str
    key: tuple[str, ...]  # the words; stemmed where words inflect (a case ending is the same form)
    name: Name  # of its first mention
    text: str  # of its first mention
    first: tuple[int, str, int]  # (order of its document in the run, path, offset)
    # where it is met: (document's order in the run, start, end) of each
    # mention in a row, as numbers (a million tuples would keep the garbage
    # collector busy)
    mentions: array

    @property
    def uses(self) -> int:
        return len(self.mentions) // 3


def _form_key(words: tuple[str, ...], lang: str) -> tuple[str, ...]:
    """What tells one way of writing a name from another: its case-folded
    words, stemmed where words inflect (a case ending is the same form)."""
    return tuple(stem(word, lang) for word in words) if lang in INFLECTED else words


@rule(
    "TQA404",
    "inconsistent-name",
    "terminology",
    "warning",
    scope="corpus",
    prepare=_mentions,
    hides_inside=False,
    options={
        "similarity": Option(
            float,
            85.0,
            "how alike (0–100) a changed word must be to its counterpart for two names to be one (Economic / Economical)",
            bounds=(50, 100),
        )
    },
)
def inconsistent_name(documents, ctx):
    """One body named in different ways in the run (``Ministry of the Interior and Safety`` / ``Ministry of Internal Affairs and Security``).

    Needs no glossary: the names of bodies are learned from the run itself,
    from every long form defined beside an acronym and every name built
    around a head word such as Ministry, Agency, Programme, Министерство or
    министрлігі (``tqa/data/body_names.yaml``). A name is reported when the
    run mostly writes the same body another way: the same content words in
    another order, a determiner or preposition changed, a word that
    translators render two ways (Safety / Security, Interior / Internal,
    Programme / Program), or, in English, whose capitalised words show
    where a name ends, one word misspelt or one word added or dropped
    after the head. The
    message and ``related`` point at the form the run uses most (the
    glossary's, when a glossary names the body). Names of three content
    words or more are compared: "Ministry of Finance" and "Ministry of
    Foreign Affairs" are two bodies. In Russian, Kazakh and German a case
    ending is the same name, and only a reordering is a variant (their
    names' words are not compared one by one). Option ``similarity`` sets
    how alike a changed word must be (85 by default).

    Fails (en):
        A⏎⏎The Ministry of the Interior and Public Safety met. The Ministry of the Interior and Public Safety agreed.⏎⏎The ⟦Ministry of Internal Affairs and Public Security⟧ of Korea said. → Ministry of the Interior and Public Safety
        A⏎⏎The Agency for Road Transport Safety met. The Agency for Road Transport Safety agreed.⏎⏎The ⟦Road Transport Safety Agency⟧ said. → Agency for Road Transport Safety
        A⏎⏎The Eurasian Economic Commission met. The Eurasian Economic Commission agreed.⏎⏎The ⟦Eurasian Economical Commission⟧ said. → Eurasian Economic Commission

    Fails (ru):
        A⏎⏎Министерство энергетики и водных ресурсов (МЭВР) провело встречу.⏎⏎Министерство энергетики и водных ресурсов (МЭВР) сообщило.⏎⏎⟦Министерство водных ресурсов и энергетики⟧ (МВРЭ) заявило. → –

    Passes (en):
        A⏎⏎The Ministry of Finance and the Ministry of Foreign Affairs met the Ministry of Foreign Affairs and the Ministry of Finance.
        A⏎⏎The Council of Europe, the European Council and the Council of the European Union met.
        A⏎⏎The Ministry of Education and Science met the Ministry of Education and Culture.
    Passes (ru):
        A⏎⏎Министерство энергетики и водных ресурсов провело встречу. Представители Министерства энергетики и водных ресурсов выступили.
    Passes (kk):
        A⏎⏎Энергетика және су ресурстары министрлігі кездесу өткізді. Энергетика және су ресурстары министрлігінің өкілдері сөйледі.
    """
    forms = _forms(documents, ctx)
    known, forbidden = _glossary_forms(ctx.glossary)
    similarity = ctx.options["similarity"]
    index = _Index(forms, _rank(known))
    for form in forms:
        if (form.lang, form.key) in known or (form.lang, form.key) in forbidden:
            continue  # the glossary's name, or a forbidden-term finding
        reference = min([form, *index.best_variants(form, similarity)], key=index.rank)
        if reference is form:
            continue
        suggestion = None if form.lang in INFLECTED else reference.text
        related = ((reference.first[1], reference.first[2]),)
        message = f"{form.text!r} names the body written {reference.text!r} elsewhere in the run ({reference.uses}×)"
        places = form.mentions
        for k in range(0, len(places), 3):
            yield documents[places[k]], Problem(places[k + 1], places[k + 2], message, suggestion, related)


def _forms(documents, ctx) -> list[_Form]:
    """Every way of writing a name met in the run, in the order first met."""
    forms: dict[tuple[str, tuple[str, ...]], _Form] = {}
    for order, document in enumerate(documents):
        found = ctx.prepared.get(document.path)
        if not found:
            continue
        in_file: list[_Form] = []
        for lang, key, text, name, first in found.forms:
            form = forms.get((lang, key))
            if form is None:
                form = forms[lang, key] = _Form(lang, key, Name(*name), text, (order, document.path, first), array("q"))
            in_file.append(form)
        for start, end, k in found.places:
            in_file[k].mentions.extend((order, start, end))
    return list(forms.values())


def _rank(known):
    """How a form ranks as the one its variants should follow: the
    glossary's first, then the one the run uses most, then the one met
    first."""

    def rank(form: _Form):
        return ((form.lang, form.key) not in known, -form.uses, form.first[0], form.first[2])

    return rank


def _glossary_forms(glossary) -> tuple[set, set]:
    """(lang, form key) of every name and allowed form of the glossary, and
    of every forbidden form."""
    known: set = set()
    forbidden: set = set()
    for entry in glossary.entries if glossary else ():
        for lang, name in entry.names.items():
            known.add((lang, _form_key(folded_words(name), lang)))
        for lang, forms in entry.allowed.items():
            known.update((lang, _form_key(folded_words(form), lang)) for form in forms)
        for lang, forms in entry.forbidden.items():
            forbidden.update((lang, _form_key(folded_words(form), lang)) for form in forms)
    return known, forbidden


class _Index:
    """The forms of the run by what a variant shares with them, so that
    each form's variants are found by a few look-ups, not by comparing it
    with every other form. Each list is in rank order: of the forms a
    look-up finds, the first that is a variant is the only one that can be
    the reference."""

    def __init__(self, forms: list[_Form], rank):
        self.rank = rank
        self.by_words: dict = defaultdict(list)  # (lang, sorted content) -> forms
        self.by_gap: dict = defaultdict(list)  # (lang, content with one word blanked) -> forms
        self.by_content: dict = defaultdict(list)  # (lang, content) -> forms
        self.by_shortened: dict = defaultdict(list)  # (lang, content less a word after its head) -> forms
        for form in sorted(forms, key=rank):
            content, lang = form.name.content, form.lang
            self.by_words[lang, tuple(sorted(content))].append(form)
            if not _compares_words(form):
                continue
            self.by_content[lang, content].append(form)
            for k in range(len(content)):
                self.by_gap[lang, k, content[:k] + content[k + 1 :]].append(form)
            for k in _droppable(form):
                self.by_shortened[lang, content[:k] + content[k + 1 :]].append(form)

    def best_variants(self, form: _Form, similarity: float) -> list[_Form]:
        """The best-ranked variant of ``form`` of each kind (reordered, a
        word changed, a word added, a word dropped)."""
        content, lang, head = form.name.content, form.lang, form.name.head
        found = [
            _first(
                self.by_words[lang, tuple(sorted(content))],
                lambda other: other.key != form.key and (lang not in INFLECTED or other.name.content != content),
            )
        ]
        if _compares_words(form):
            for k in range(len(content)):
                found.append(
                    _first(
                        self.by_gap[lang, k, content[:k] + content[k + 1 :]],
                        lambda other, k=k: (
                            other.key != form.key and _alike(content[k], other.name.content[k], similarity)
                        ),
                    )
                )
            found.append(_first(self.by_shortened[lang, content], lambda other: other.name.head == head))
            for k in _droppable(form):
                shorter = self.by_content[lang, content[:k] + content[k + 1 :]]
                found.append(_first(shorter, lambda other: other.name.head == head))
        return [variant for variant in found if variant is not None]


def _first(forms: list[_Form], is_variant) -> _Form | None:
    return next((form for form in forms if is_variant(form)), None)


def _compares_words(form: _Form) -> bool:
    """Are the form's words compared one by one (a word changed or
    dropped)? Only where a name's ends are certain and words do not
    inflect."""
    return form.name.bounded and form.lang not in INFLECTED


def _droppable(form: _Form) -> list[int]:
    """Where a word may be missing from a shorter form of the name: after
    the head, leaving enough words to tell the body, and not the one word
    of a phrase after the head ("Free Software Foundation on CD-ROM" is
    the Foundation and a medium)."""
    content, head = form.name.content, form.name.head
    if head < 0 or len(content) <= MIN_CONTENT_WORDS:
        return []
    return [k for k in range(head + 1, len(content)) if not k == head + 1 == len(content) - 1]


def _alike(word: str, other: str, similarity: float) -> bool:
    """One misspelt word, not another word: both long, and alike."""
    if word == other or len(word) < 5 or len(other) < 5:
        return False
    return fuzz().ratio(word, other) >= similarity
