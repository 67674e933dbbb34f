"""Consistent names for bodies: glossary terms, near variants, acronyms that
drift between expansions, and British/American spelling mixed.

Glossaries are YAML files (see ``tqa.glossary``) named in config
(``glossaries = [...]``) or with ``--glossary``.
"""
