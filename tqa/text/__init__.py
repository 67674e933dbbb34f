"""Text machinery the readers and rules share: scripts and look-alikes, words and sentences,
languages, similarity (chrF, near-duplicates, fuzzy matching), page chrome, the data files
(``resources``) and the per-file text caches (``memo``). Nothing here imports a rule."""
