"""The catalog rules (TQA9xx) and what they read of a catalog string."""


def test_addresses_in_catalog_strings_are_found_where_runs_start_and_after_a_match():
    from tqa.rules.bilingual._shared import LINK as _LINK

    assert _LINK.findall("write a.b@c.org+d@e.org or see https://x.kz/a.") == [
        "a.b@c.org",
        "+d@e.org",
        "https://x.kz/a",
    ]
    assert _LINK.findall("x" * 50_000 + " mail@host.kz") == ["mail@host.kz"]
