"""The proposer a sentence names: the one right before its verb of offering, promising or planning.

The small model often gives as proposer whoever the sentence or the one before names as speaking
or reporting: "David Miliband ... said that the Yemeni government had pledged to begin ...", drafted as
Miliband's proposal; "Mediapart has published a document it says shows ... Gaddafi pledged ...", as
Mediapart's. Where the sentence names one party as the subject of such a verb (``LanguagePack.offers_by``),
that party is the proposer. Tests: tests/test_proposer.py.
"""

from __future__ import annotations

import re

from summarizer.pipeline.article import Article
from summarizer.pipeline.sentences import Sentence

# Capitalized words that open a clause or date it, not a name: "On Monday Djibouti promised".
_NOT_A_NAME = re.compile(
    r"^(?:(?:On|In|At|After|Before|When|While|But|And|Meanwhile|However|Then|Today|Yesterday|Monday|Tuesday"
    r"|Wednesday|Thursday|Friday|Saturday|Sunday|January|February|March|April|May|June|July|August|September"
    r"|October|November|December)\s+)+"
)
_PRONOUN = re.compile(r"^(?:He|She|They|It|We|I|You|This|That|These|Those)$")


def _offerings(sentence: Sentence, article: Article) -> list[re.Match[str]]:
    """Each party ``sentence`` names right before a verb of offering, as its pack reads them."""
    pack = article.pack
    if pack is None or pack.offers_by is None:
        return []
    return list(pack.offers_by.finditer(sentence.text))


def named_proposer(proposal: str, sentence: Sentence, article: Article) -> str | None:
    """The one party ``sentence`` names as the subject of a verb of offering that ``proposal``'s words
    follow, or None: no such verb, a pronoun ("He promised"), or more than one party ("Tesco and Salling
    agreed to", two such verbs)."""
    text = sentence.text
    matches = _offerings(sentence, article)
    if len(matches) != 1 or re.search(r"(?:\band|&|,)\s+$", text[: matches[0].start()]):
        return None
    match = matches[0]
    name = _NOT_A_NAME.sub("", match["party"])
    words = set(re.findall(r"\w{4,}", proposal.lower()))
    if not name or _PRONOUN.match(name) or not words & set(re.findall(r"\w{4,}", text[match.end() :].lower())):
        return None
    return name


def proposes_in(name: str, sentence: Sentence, article: Article) -> bool:
    """Whether ``sentence`` names ``name`` (by any of its words) as the subject of a verb of offering."""
    words = {w.lower() for w in re.findall(r"[\w'’-]+", name)}
    return any(words & {w.lower() for w in m["party"].split()} for m in _offerings(sentence, article))
