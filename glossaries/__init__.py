"""The glossaries tqa ships, named ``tqa:NAME`` in a config (this folder is
installed as the package ``tqa.glossaries``; see setup.py)."""
