"""tqa: translation QA for translated articles and catalogs."""

__version__ = "0.1.0"

# Where the rule documentation (docs/rules.md, made by `tqa rules --format
# markdown`) is published; SARIF points each rule's helpUri at its section.
DOCS_URL = "https://github.com/tqa-project/tqa/blob/main/docs/rules.md"


def rule_help_uri(code: str, name: str) -> str:
    return f"{DOCS_URL}#{code.lower()}-{name}"
