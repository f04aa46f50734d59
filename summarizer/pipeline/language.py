"""Which language an article is in.

Detected offline with py3langid (a kept library, its model shipped in the wheel), or set with
``--language`` / ``SUMMARIZER_LANGUAGE``. What the checks read in that language is its pack
(``lang/``): English reads cues and figures, French cues only. In a language without a pack no call
is skipped for lack of a cue, items are checked by what is language-neutral (evidence is a sentence
of the article, names are written in it), and a casualty figure, whose kind no rule reads there, is
withheld with the reason in ``meta.dropped``, never published with a kind guessed by English rules
(tests/test_language.py).

Example:
    >>> detect_language("Mindestens zwölf Menschen wurden getötet und etwa 40 verletzt.")
    'de'
"""

from __future__ import annotations

import functools
from typing import Any


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
