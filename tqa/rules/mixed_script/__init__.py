"""Mixed scripts: look-alike letters from another script inside a word, and
runs of words in a script the target language does not use.

Letters are classified by the Unicode Script_Extensions property; digits,
punctuation and marks (Common, Inherited) are neutral; links, e-mails and
domains are skipped. Look-alikes come from Unicode UTS #39.
"""
