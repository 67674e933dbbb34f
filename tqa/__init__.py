"""tqa: translation QA for translated articles and catalogs."""

__version__ = "0.1.0"
