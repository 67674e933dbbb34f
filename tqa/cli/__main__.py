"""``python -m tqa.cli``, as ``python -m tqa``."""

from . import main

main()
