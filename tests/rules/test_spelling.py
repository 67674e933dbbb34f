"""TQA801 spelling-variant: British and American spelling mixed in one
article, with Oxford spelling (British with -ize) as a style of its own."""

import pytest
from conftest import findings_of


def variants(text, lang="en", **options):
    rule_options = {"TQA801": options} if options else {}
    found = findings_of(f"Title\n\n{text}\n", lang=lang, select="spelling-variant", rule_options=rule_options)
    return [(f.text, f.suggestion) for f in found]


@pytest.mark.parametrize(
    "text",
    [
        # Oxford spelling: -ize with British spelling otherwise
        "The organizers of the programme met at the centre. The organizers praised the colour scheme.",
        "The organizers said the programme was a success.",
        "Its organization analysed the catalogue and recognized the travellers' behaviour.",
        # British with -ise
        "The organisers of the programme met at the centre and praised the colour scheme.",
        # American
        "The organizers of the program met at the center and praised the color scheme.",
    ],
)
def test_one_consistent_style_is_silent(text):
    assert variants(text) == []


@pytest.mark.parametrize(
    "text,found",
    [
        # Oxford text with one -ise word: the -ize form, not an American respelling of the rest
        (
            "The organizers of the programme met at the centre, recognized the colour scheme and organised a visit.",
            [("organised", "organized")],
        ),
        # Oxford text with an American spelling
        (
            "The organizers of the programme recognized the colour of the centre; the center was full.",
            [("center", "centre")],
        ),
        # American text with a British spelling: -ize does not make "programme" Oxford
        (
            "The organizers of the program met at the center, recognized the color and the programme.",
            [("programme", "program")],
        ),
        # -ise British text with one -ize word
        ("The visit was organised, then organized again and organised once more.", [("organized", "organised")]),
        (
            "The minister emphasised the role of the centre. The experts emphasized it twice and organised a visit.",
            [("emphasized", "emphasised")],
        ),
    ],
)
def test_the_stray_spelling_is_reported_against_the_article_style(text, found):
    assert variants(text) == found


def test_house_style_oxford_reports_ise_and_american_spellings():
    text = "The minister emphasised the role of the center and organized a visit to the programme."
    assert variants(text, **{"house-style": "en-GB-oxendict"}) == [("emphasised", "emphasized"), ("center", "centre")]


def test_house_style_british_reports_ize_and_american_spellings():
    text = "The organizers of the programme met at the center."
    assert variants(text, **{"house-style": "en-GB"}) == [("organizers", "organisers"), ("center", "centre")]


def test_house_style_american_reports_every_british_spelling():
    text = "The organizers of the programme met at the centre and organised a visit."
    assert variants(text, **{"house-style": "en-US"}) == [
        ("programme", "program"),
        ("centre", "center"),
        ("organised", "organized"),
    ]


def test_message_names_the_style_the_article_keeps():
    [f] = findings_of(
        "Title\n\nThe organizers of the programme recognized the colour of the centre; the center was full.\n",
        lang="en",
        select="spelling-variant",
    )
    assert "Oxford" in f.message and "center" in f.message


@pytest.mark.parametrize(
    "lang,text",
    [
        ("ru", "Организаторы программы (organisers, organizers) встретились в центре."),
        ("kk", "Ұйымдастырушылар (organised, organized) бағдарламаны талқылады."),
        ("de", "Die Veranstalter (organised, organized) sprachen über das Programm."),
    ],
)
def test_other_languages_are_not_judged(lang, text):
    assert variants(text, lang=lang) == []
