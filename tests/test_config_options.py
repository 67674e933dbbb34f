"""Rule options are typed: the configuration is checked against each
option's type, list items, choices and bounds, and the rules page is made
from the same declarations."""

import pytest

from tqa.config import ConfigError, load_config
from tqa.rules import all_rules


def _load(tmp_path, body):
    (tmp_path / "tqa.toml").write_text(body, encoding="utf-8")
    return load_config(tmp_path / "tqa.toml")


@pytest.mark.parametrize(
    "body,message",
    [
        ("[rules.share-label]\nlabels = [1]\n", "rules.share-label.labels must be a list of strings"),
        ('[rules.share-label]\nlabels = "Тарату:"\n', "rules.share-label.labels must be a list"),
        ("[rules.duplicate-paragraph]\nthreshold = 500\n", "threshold must be between 0 and 100, not 500"),
        ("[rules.duplicate-paragraph]\nmin-words = true\n", "min-words must be an integer"),
        ("[rules.duplicate-paragraph]\nmin-words = 8.5\n", "min-words must be an integer"),
        (
            '[rules.wrong-language]\ndetector = "fasttext"\n',
            "detector must be one of py3langid, langdetect, not 'fasttext'",
        ),
        ("[rules.wrong-language]\nsentence-confidence = 2\n", "sentence-confidence must be between 0 and 1"),
        (
            '[rules.spelling-variant]\nhouse-style = "en-AU"\n',
            "house-style must be one of , en-GB, en-GB-oxendict, en-US",
        ),
    ],
)
def test_a_wrong_option_value_is_refused_naming_the_option(tmp_path, body, message):
    with pytest.raises(ConfigError) as caught:
        _load(tmp_path, body)
    assert message in str(caught.value)


@pytest.mark.parametrize(
    "body,rule,option,value",
    [
        ("[rules.duplicate-paragraph]\nthreshold = 90\n", "duplicate-paragraph", "threshold", 90),
        ('[rules.share-label]\nlabels = ["Бөлісу:", "Teilen:"]\n', "share-label", "labels", ["Бөлісу:", "Teilen:"]),
        (
            '[rules.wrong-language]\ncandidates = ["kk", "ru", "ja"]\n',
            "wrong-language",
            "candidates",
            ["kk", "ru", "ja"],
        ),
        ('[rules.foreign-quotes]\nstraight-quotes = "flag"\n', "foreign-quotes", "straight-quotes", "flag"),
    ],
)
def test_a_right_option_value_is_taken(tmp_path, body, rule, option, value):
    config = _load(tmp_path, body)
    found = next(r for r in all_rules() if r.name == rule)
    assert config.options_of(found)[option] == value


def test_every_option_is_documented_and_its_default_fits_it():
    for rule in all_rules():
        for name, option in rule.option_specs.items():
            assert option.doc.strip(), f"{rule.code} {name}"
            assert option.problem(option.default) is None, f"{rule.code} {name}"
