"""Source ↔ target checks for catalog entries (gettext PO): placeholders,
markup, links, numbers, untranslated and copied strings, whitespace.

Severity is tiered by what breaks: a lost placeholder crashes the program
(error); a lost link or number misleads (warning); work in progress (empty
or fuzzy) is information. Cosmetic checks that make pofilter noisy (quote
style, capitalisation, punctuation at the end) are not ported.
"""
