"""Text left in another language: an untranslated paragraph or sentence.

Paragraphs are identified first; a paragraph that is mostly in the target
language is then checked sentence by sentence, which finds the single
untranslated sentence that paragraph-level identification misses.

Before identification the text is reduced to its ordinary words: names
(capitalised words inside a sentence), acronyms, numbers, links and e-mails
are dropped, because names of people and bodies are what fool language
identifiers. Text too short after that is skipped. The cheap script check
runs first: identification runs only when another candidate language shares
the text's script (an English sentence in a Japanese article needs none).
"""
