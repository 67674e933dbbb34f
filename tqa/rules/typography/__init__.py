"""Typography slips a reader notices at once: doubled words, lost spaces,
stray spaces, foreign quotation marks, unbalanced brackets, sentences broken
across paragraphs, hard line breaks. Language data (function words,
exceptions, quotation marks) is in ``data/typography.yaml``.
"""
