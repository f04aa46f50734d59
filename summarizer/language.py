"""Which language an article is in, and what the checks can read in it.

Detected offline with py3langid (a kept library, its model shipped in the wheel), or set with
``--language`` / ``SUMMARIZER_LANGUAGE``. The checks that read words (cues of demanding and proposing,
words of killing and wounding, number words, the one-victim rule) exist for the languages in
``PACKS``; in any other language no call is skipped for lack of a cue, items are checked by what is
language-neutral (evidence is a sentence of the article, names are written in it), and a casualty
figure, whose kind no rule can read there, is withheld with the reason in ``meta.dropped``, never
published with a kind guessed by English rules (tests/test_language.py).

Example:
    >>> detect_language("Mindestens zwölf Menschen wurden getötet und etwa 40 verletzt.")
    'de'
"""

from __future__ import annotations

import functools
from typing import Any

# Languages whose words the checks read: today's rules were written on English news.
PACKS = frozenset({"en"})


@functools.cache
def _classify() -> Any:
    import py3langid  # loads its model (about 0.8 s): only when an article's language is first needed

    return py3langid.classify


def detect_language(text: str) -> str:
    """The ISO 639-1 code of the language ``text`` is written in (its first 5,000 characters)."""
    # Wire copy in capitals reads as another language to a character model: it is read in lower case.
    sample = text[:5000]
    if sample.isupper():
        sample = sample.lower()
    language, _ = _classify()(sample)
    return str(language)


def has_pack(language: str) -> bool:
    """Whether the checks can read ``language``'s words (cues, harm, number words)."""
    return language in PACKS
