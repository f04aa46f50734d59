"""The person who voices a party's demand or offer, named with the party they speak for.

The small model gives the body a speaker works for as the party: "'The occupier must halt his fire
...,' said Fawzi Barhoum, a Hamas spokesman" drafted as Hamas's demand, "Hollande spokesman Bernard
Cazeneuve said Sarkozy must ..." as Hollande's. A reader wants both the person and the body: where the
sentence names a speaker (``LanguagePack.speaks_for``) whose description holds every word of the drafted
party, the party becomes the sentence's own words for that speaker ("Fawzi Barhoum, a Hamas
spokesman"), which still name the body. Tests: tests/test_spokesperson.py.
"""

from __future__ import annotations

import re

from summarizer.pipeline.article import Article
from summarizer.pipeline.sentences import Sentence

_WORD = re.compile(r"[\w'’-]+")
# Words a party's name holds that say nothing of whom it names.
_SMALL = {"the", "a", "an", "of", "le", "la", "les", "l", "de", "du", "des", "d"}


def _words(text: str) -> list[str]:
    return [w.lower() for w in _WORD.findall(text) if w.lower() not in _SMALL]


def _same_word(one: str, other: str) -> bool:
    """Equal, or one a longer form of the other ("Somalia", "Somali") from four letters on."""
    return one == other or (min(len(one), len(other)) >= 4 and (one.startswith(other) or other.startswith(one)))


def speaker_for(party: str, sentence: Sentence, article: Article) -> str | None:
    """The words of ``sentence`` that name the speaker it quotes with ``party`` in their description
    ("Joao Caholo, the SADC deputy executive secretary"), or None: no such speaker, or ``party`` is
    already the speaker's name."""
    pack = article.pack
    wanted = _words(party)
    if pack is None or not wanted:
        return None
    for pattern in pack.speaks_for:
        for match in pattern.finditer(sentence.text):
            name, description = _words(match["name"]), _words(match["desc"])
            if any(_same_word(w, n) for w in wanted for n in name):
                return None
            if all(any(_same_word(w, d) for d in description) for w in wanted):
                start, end = min(match.start("name"), match.start("desc")), max(match.end("name"), match.end("desc"))
                return sentence.text[start:end]
    return None
