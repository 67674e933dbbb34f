"""The typography rules (TQA7xx): on the seed page's slips, on text with the
defect and on correct text in several languages and scripts."""

import pytest
from conftest import CLEAN, SEED, findings_of


@pytest.fixture(scope="module")
def seed_findings():
    return findings_of(SEED.read_text(encoding="utf-8"), lang="en")


def named(findings, name):
    return [f for f in findings if f.name == name]


@pytest.mark.parametrize(
    "name,line,text,fix",
    [
        ("repeated-word", 9, "of of", "of"),
        ("glued-words", 53, "theGraduate", "the Graduate"),
        ("glued-words", 53, "Universityand", "University and"),
        ("space-before-punctuation", 204, " ,", ","),
        ("foreign-quotes", 163, "«", "“"),
        ("foreign-quotes", 163, "»", "”"),
    ],
)
def test_seed_typography_slips(seed_findings, name, line, text, fix):
    matches = [f for f in named(seed_findings, name) if f.line == line and f.text == text]
    assert len(matches) == 1 and matches[0].suggestion == fix


@pytest.mark.parametrize(
    "text,glued",
    [
        ("The talks covered canals ofthe region.", ["ofthe"]),
        ("Ofthe two, one stayed; inthe end both left.", ["inthe"]),  # a capitalised head is no function word
        ("They bathe, breathe and soothe at the lathe.", []),  # words that end in "the"
        ("The firm Xofthe and the code abc1ofthe stay.", []),  # the head glued to more
        ("A long abcdefghijklofthe word.", []),  # no function word before "the"
    ],
)
def test_function_word_glued_to_the(text, glued):
    found = findings_of(text, lang="en", select="glued-words")
    assert [f.text for f in found] == glued
    assert all(f.suggestion == f.text[:-3] + " the" for f in found)


def test_sentence_broken_across_paragraphs_head_and_shoulders(seed_findings):
    [broken] = named(seed_findings, "broken-sentence")
    assert (broken.line, broken.text) == (204, "and")
    assert broken.related == ((broken.path, 206, 1),)


def broken(text, lang, path="<text>.txt"):
    found = findings_of(f"Title\n\n{text}\n", lang=lang, select="broken-sentence", path=path)
    return [(f.text, f.line) for f in found]


@pytest.mark.parametrize(
    "lang,text",
    [
        # an item of a list ending in "; and" / "; or", the next item after it
        ("en", "The committee will:\n\n(a) review the budget; and\n\n(b) report to the minister."),
        ("en", "1. approve the plan; or\n\n2. reject it."),
        ("en", "– the ministry of finance; and\n\n– the agency for statistics."),
        ("ru", "а) утвердить план; и\n\nб) направить отчёт министру."),
        ("ru", "— проведение аудита; или\n\n— подготовка отчёта."),
        ("kk", "1) жоспарды бекіту; және\n\n2) есепті министрге жіберу."),
        ("kk", "ә) жобаны қайтару; немесе\n\nб) оны қабылдау."),
        ("de", "a) den Haushalt prüfen; und\n\nb) dem Minister berichten."),
        ("de", "• den Plan billigen; oder\n\n• ihn ablehnen."),
        # list items without markers (a list copied out of a web page): the item before ends in ";"
        ("en", "The committee will:\n\nreview the budget;\n\napprove the plan; and\n\nreport to the minister."),
        # a lead-in followed by a link standing on its own line
        ("en", "The full report is available at\n\nhttps://gov.kz/reports/2024"),
        ("en", "Download the form from\n\nwww.egov.kz/forms."),
        ("ru", "Подробнее по ссылке\n\nhttps://gov.kz/memleket/entities/ru"),
        ("kk", "Толығырақ мына сілтеме арқылы\n\nhttps://gov.kz/memleket/entities/kk"),
        ("de", "Der Bericht ist abrufbar unter\n\nhttps://www.bund.de/bericht"),
        # a lead-in followed by an indented line (an address, a quotation)
        ("en", "The ceremony will be held at\n\n    Palace of Independence, Astana"),
        ("ru", "Заявки принимаются по адресу\n\n    г. Астана, ул. Абая, 12"),
        ("kk", "Толығырақ ақпаратты мына телефон арқылы\n\n    8 (7172) 74-00-00"),
        ("de", "Anmeldung bei\n\n\tFrau Müller, Zimmer 12"),
    ],
)
def test_lists_and_lead_ins_are_no_broken_sentences(lang, text):
    assert broken(text, lang) == []


@pytest.mark.parametrize(
    "lang,text,word",
    [
        ("en", "The committee will review the budget; and\n\nreport to the minister.", "and"),
        ("ru", "Комитет рассмотрит бюджет; и\n\nнаправит отчёт министру.", "и"),
        ("kk", "Комитет бюджетті қарайды; және\n\nесепті министрге жібереді.", "және"),
        ("de", "Der Ausschuss prüft den Haushalt; und\n\nberichtet dem Minister.", "und"),
        # a link that goes on into the sentence is no lead-in's target
        ("en", "Visit\n\nwww.gov.kz for details.", "Visit"),
        # indented alike, the paragraphs are just indented
        ("en", "    The exhibition of the Embassy of\n\n    the Republic of Kazakhstan opened.", "of"),
        ("ru", "  Выставка посольства Республики Казахстан в\n\n  городе Сеуле открылась.", "в"),
    ],
)
def test_broken_sentences_near_lists_and_lead_ins_are_still_found(lang, text, word):
    assert broken(text, lang) == [(word, 3)]


def test_a_code_block_after_a_lead_in_ends_it_in_markdown():
    text = "Run the installer from\n\n    /opt/tqa/bin/install\n\nThe installer asks for the folder."
    assert broken(text, "en", path="<text>.md") == []
    assert broken("The exhibition of the Embassy of\n\nthe Republic opened.", "en", path="<text>.md") == [("of", 3)]


def test_hard_line_break_is_joined(seed_findings):
    [brk] = named(seed_findings, "hard-line-break")
    assert (brk.line, brk.end_line, brk.end_column) == (195, 196, 1)
    assert brk.text == "\n" and brk.suggestion == " "


@pytest.mark.parametrize("lang", ["en", "ru", "kk", "de", "ja"])
def test_clean_text_has_no_duplicate_or_typography_findings(lang):
    text = (CLEAN / f"{lang}.txt").read_text(encoding="utf-8")
    assert findings_of(text, lang=lang, select=["duplicate", "typography"]) == []


@pytest.mark.parametrize(
    "lang,text",
    [
        ("de", "Die Frau, die die Zeitung liest, sagte: „Wir kommen wieder.“ Er kam (zum Glück) zurück."),
        ("ru", "«Мы поделимся опытом», — заявил он. Цена — 1,5 млн тенге (т.е. 3 тыс. долларов)."),
        ("kk", "Көп көп рахмет! «Біз келеміз», — деді ол (төраға)."),
        ("fr", "Est-ce vrai ? « Oui », dit-il : c'est fini !"),
        ("ja", "「共有しましょう」と彼は言った（会議で）。"),
        ("en", "The cost is 1,500 tenge; e.g. 3.5 dollars. Visit Kursiv.kz, iPhone and YouTube. Options: a) now."),
        # links inside brackets keep the closing bracket out of the link
        ("en", "See [the docs](https://example.com/docs/the_guide) or the page (https://a.kz/x?y=1)."),
        ("ru", "Подробнее на сайте (https://egov.kz/ru/news) и в Telegram (t.me/egov_kz)."),
        ("de", "Mehr unter https://de.wikipedia.org/wiki/Astana_(Stadt) und (www.astana.kz)."),
    ],
)
def test_typography_is_silent_on_correct_text_in_many_languages(lang, text):
    found = findings_of(f"№ 1\n\n{text}\n", lang=lang, select="typography")
    assert found == [], [(f.rule, f.text) for f in found]


@pytest.mark.parametrize(
    "lang,text,unbalanced",
    [
        # a one-letter ")" closes its bracket: grammatical alternatives and ranges
        ("hu", "A(z) érték formára (ÉÉÉÉ-HH-NN) megfelel.", []),
        ("pl", "Usunięcie wybranych(-nego)(-nej) obiektów, które są z nim(i)/nią powiązane.", []),
        ("kk", "Таңдалған нысан-ді(ы) өшіру.", []),
        ("en", "Delete the selected file(s) and folder(s).", []),
        ("fr", "Il ne peut contenir que des lettres (de a à z ou de A à Z) et des nombres.", []),
        ("ru", "Варианты: а) сейчас, б) позже.", []),
        # and a real slip is still one
        ("en", "Choose a) now or b) later (the default is later.", ["("]),
        ("ru", "Министерство цифрового развития (МЦРИАП сообщило об этом.", ["("]),
    ],
)
def test_one_letter_brackets_and_enumerations(lang, text, unbalanced):
    found = findings_of(f"№ 1\n\n{text}\n", lang=lang, select="unbalanced-pair")
    assert [f.text for f in found] == unbalanced


@pytest.mark.parametrize(
    "lang,text",
    [
        ("hi", "कोई दिन निर्दिष्ट नहीं किया गया है।"),  # vowel signs are marks: words are not split at them
        ("mr", "मूल्य योग्य JSON असणे आवश्यक आहे."),
        ("bn", "তারিখ এবং সময় নির্বাচন করুন।"),
    ],
)
def test_repeated_word_keeps_words_with_combining_marks_whole(lang, text):
    assert findings_of(text, lang=lang, select="repeated-word") == []


def test_repeated_word_found_in_text_with_combining_marks():
    found = findings_of("कोई दिन दिन निर्दिष्ट नहीं किया गया है।", lang="hi", select="repeated-word")
    assert [f.text for f in found] == ["दिन दिन"]


def test_spelt_out_letters_are_not_repeated_words():
    # "UUID" spelt out in Malayalam: യു യു ഐ ഡി
    assert findings_of("സാധുവായ യു യു ഐ ഡി നല്കുക.", lang="ml", select="repeated-word") == []


def test_repeated_word_across_lines_of_no_break_spaces():
    """The space between the two words is any run holding a line break;
    a long one (lines of no-break spaces, which are no blank lines) is
    taken whole, and the pair is still found."""
    for run in ("\n", "\n\u00a0" * 3 + "\n", "\n\u00a0" * 20_000 + "\n"):
        text = f"Title\n\nThe formation of{run}of state resources.\n"
        [found] = findings_of(text, lang="en", select="repeated-word")
        assert found.text == f"of{run}of" and found.suggestion == "of"
    assert (
        findings_of("Title\n\nThe formation of\u2003of state resources.\n", lang="en", select="repeated-word") == []
    )  # an em space is no space of a line, nor a line break


def test_repeated_word_near_the_end_of_a_line_of_megabytes_keeps_its_column():
    filler = "The ministry opened a new office in the capital city last week. "
    line = filler * (2_000_000 // len(filler)) + "It was was opened."
    found = named(findings_of(line + "\n", lang="en", select="repeated-word"), "repeated-word")
    at = line.rindex("was was")
    assert [(f.line, f.column, f.end_column, f.text) for f in found] == [(1, at + 1, at + 8, "was was")]
