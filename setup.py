"""The package list, which pyproject.toml cannot say: every ``tqa*``
package, and ``tqa.glossaries``, whose files stay in the top-level
``glossaries/`` folder (where users look for them) and ship inside the
wheel, read with importlib.resources. Everything else is in pyproject.toml."""

from setuptools import find_namespace_packages, setup

setup(
    packages=[*find_namespace_packages(include=["tqa*"]), "tqa.glossaries"],
    package_dir={"tqa.glossaries": "glossaries"},
)
