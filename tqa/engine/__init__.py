"""Running the rules over files.

A file's way through the engine:

- ``discovery``: the paths named become the files to check (inside the
  checked roots, supported formats, no special files);
- ``passes``: each file is read into the model and its article rules run
  (``first_pass``, in the worker processes of ``pool`` on a big run); a
  rule's ``Problem`` (file offsets) becomes a ``Finding`` (path, line,
  column, severity, fingerprint digest);
- ``run``: the cross-article rules see every file at once (the corpus
  phase), then ``merge`` keeps one finding per span where rules overlap,
  applies suppressions and allow-lists, and stamps fingerprints;
- ``cache``: the per-file passes and whole runs of earlier runs, reused.

The engine knows nothing about output formats; the result types live in
``tqa.findings``.
"""

from .discovery import discover
from .passes import timed
from .run import check_documents, check_files, check_text, finish, read_for_run

__all__ = ["check_documents", "check_files", "check_text", "discover", "finish", "read_for_run", "timed"]
