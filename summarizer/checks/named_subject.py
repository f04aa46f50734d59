"""Who a sentence names as demanding or offering: the one right before its verb of demanding or offering.

The small model often gives as the party whoever the sentence or the one before names as speaking
or reporting: "David Miliband ... said that the Yemeni government had pledged to begin ...", drafted as
Miliband's proposal; "Mediapart has published a document it says shows ... Gaddafi pledged ...", as
Mediapart's; "Haaretz says, in the past, Israel has pressed the EU not to publish", as Haaretz's demand.
Where the sentence names one party as the subject of such a verb (``LanguagePack.offers_by``,
``LanguagePack.demands_by``), that party is the proposer or the party. Tests: tests/test_named_subject.py.
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
# A pronoun or a determiner alone ("The demands also include" is no one demanding).
_PRONOUN = re.compile(r"^(?:He|She|They|It|We|I|You|This|That|These|Those|The|A|An|His|Her|Their|Its|Our|My)$")


def _subjects(section: str, sentence: Sentence, article: Article) -> list[re.Match[str]]:
    """Each party ``sentence`` names right before a verb of offering (proposals) or of demanding
    (conditions), as its pack reads them."""
    pack = article.pack
    pattern = None if pack is None else {"proposals": pack.offers_by, "conditions": pack.demands_by}.get(section)
    return [] if pattern is None else list(pattern.finditer(sentence.text))


def named_subject(section: str, said: str, sentence: Sentence, article: Article) -> str | None:
    """The one party ``sentence`` names as the subject of a verb of offering or demanding that ``said``'s
    words follow, or None: no such verb, a pronoun ("He promised"), or more than one party ("Tesco and
    Salling agreed to", two such verbs)."""
    text = sentence.text
    matches = _subjects(section, sentence, article)
    if len(matches) != 1 or re.search(r"(?:\band|&)\s+$", text[: matches[0].start()]):
        return None
    match = matches[0]
    name = _NOT_A_NAME.sub("", match["party"])
    words = set(re.findall(r"\w{4,}", said.lower()))
    if not name or _PRONOUN.match(name) or not words & set(re.findall(r"\w{4,}", text[match.end() :].lower())):
        return None
    return name


def named_as_subject(section: str, name: str, sentence: Sentence, article: Article) -> bool:
    """Whether ``sentence`` names ``name`` (by any of its words) as the subject of a verb of offering
    (proposals) or demanding (conditions)."""
    words = {w.lower() for w in re.findall(r"[\w'’-]+", name)}
    return any(words & {w.lower() for w in m["party"].split()} for m in _subjects(section, sentence, article))
