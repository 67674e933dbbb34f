"""Leaked reviewer comments, track-changes residue and editorial markers.

Text copied out of Word with markup shown keeps the comment balloons and
change notes; drafts keep notes such as ``TODO`` or ``[TK]``. Each finding
spans the whole leak (marker and comment text) and suggests deleting it.
Words are data (``data/reviewer_markers.yaml``).

Review residue still live in a Word document (the reader keeps it as
``Document.review``): comments, tracked changes, hidden text, highlights.
These findings cover the text they concern (or stand where invisible
text is) and suggest nothing: Word resolves them, not ``tqa fix``.

Suppression comments that no longer silence anything.

A translator comment ``# tqa: ignore RULE reason`` on a catalog entry
silences that rule (code or name) for that entry. When the entry is fixed,
the comment stays behind and would hide the next real problem; this rule
reports it so that suppressions do not pile up.
"""
