"""Repeated paragraphs and titles.

Paragraphs are compared after normalisation (case, spaces, quotes and
punctuation). Near copies are confirmed with chrF (``tqa.chrf``), scored in
both directions so that a cut-down copy of a paragraph (high in one
direction only) counts too; rapidfuzz picks the candidate pairs first, so
chrF runs only on pairs that can pass.

Thresholds, measured on the seed page (69 paragraphs, 2,346 pairs): the
repeated "In short / In a word" paragraph scores chrF 94 / 86 (the two
directions); the press-release boilerplate reworded across articles 78–83;
distinct paragraphs on the same topic at most 73, mostly under 60.
"""
