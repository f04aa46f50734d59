"""Parties the other lists name are stakeholders too.

The model lists few stakeholders: on the Wikinews dev records it named about a third of the actors
the gold counts, while its answers for conditions, proposals and casualties name who demands,
proposes or attacks, and who reports it ("Amnesty International" calling for an inquiry). Each such
party, proposer, addressee, perpetrator or source that is a name (a word the article capitalizes
inside a sentence; at most eight words; "X and Y" is two), that the article writes outside its
sentences addressed to an AI and not only as a place, and that no listed stakeholder already names
(by its last untitled word), is added as a stakeholder of kind ``other`` (the model gave no kind),
with the first sentence that names it as evidence. Whether its item was published does not matter:
a demand can be misread while its party is right. Tests: tests/test_named_parties.py.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence

from pydantic import BaseModel

from summarizer.checks.stakeholders import head_word
from summarizer.checks.verify import only_a_place
from summarizer.pipeline.article import Article
from summarizer.schema import Alignment, Span, Stakeholder, StakeholderKind

# Who the items of each list name: the party or proposer, and the one they address.
NAME_FIELDS = {
    "conditions": ("party", "addressee", "attribution"),
    "proposals": ("proposer", "addressee", "attribution"),
    "casualties": ("perpetrator", "attribution"),
}
_SPLIT = re.compile(r"\s+(?:and|et|y|und)\s+|\s*[,;]\s*")
_CAPITALIZED = re.compile(r"\b[^\W\d_][^\W_]*", re.UNICODE)
# The verb of a report written after the name that reports it goes: "Al Jazeera reports" is the name
# "Al Jazeera". Test: tests/test_named_parties.py, the first test ("Amnesty International reported").
_REPORT_VERB_AFTER = re.compile(
    r"(?<=\w)\s+(?:reports|reported|says|said|states|stated|claims|claimed|announced|rapporte|a rapporté|indique"
    r"|affirme|informa|informó|dijo)$",
    re.IGNORECASE,
)
# "Spanish", "Iranian", "Western" ("the Western leaders"): an adjective, no party alone.
NATIONALITY = re.compile(r"^(?:[A-ZÀ-Ý]\w+(?:ian|ean|ese|ish)|(?:West|East|North|South)ern)$")


def capitalized_inside_sentences(article: Article) -> frozenset[str]:
    """Words the article capitalizes other than first in a sentence: the words of names."""
    return frozenset(word for s in article.sentences for word in _CAPITALIZED.findall(s.text)[1:] if word[0].isupper())


def _names(value: str, name_words: frozenset[str]) -> list[str]:
    """The names in one field: "Dick Durbin and Adam Schiff" is two; "the president" or "Rescue teams"
    (capitalized only where it starts a sentence) none."""
    parts = [_REPORT_VERB_AFTER.sub("", part.strip(" .'\"")) for part in _SPLIT.split(value)]
    return [
        part
        for part in parts
        if 0 < len(part.split()) <= 8
        and any(word in name_words for word in _CAPITALIZED.findall(part))
        and not NATIONALITY.match(part)
    ]


def _first_sentence_naming(name: str, article: Article) -> tuple[int, int, str] | None:
    lowered = name.lower()
    for sentence in article.sentences:
        if sentence.number not in article.addressed_to_ai and re.search(
            rf"(?<!\w){re.escape(lowered)}(?!\w)", sentence.text.lower()
        ):
            start = article.offset + sentence.start
            return start, start + len(sentence.text), sentence.text
    return None


def parties_named(drafts: Mapping[str, Sequence[BaseModel]], article: Article) -> list[Stakeholder]:
    """A stakeholder for each name the conditions and proposals drafts give their parties (see above)."""
    found: dict[str, Stakeholder] = {}
    name_words = capitalized_inside_sentences(article)
    for section, fields in NAME_FIELDS.items():
        for draft in drafts.get(section, []):
            for field in fields:
                for name in _names(str(getattr(draft, field, None) or ""), name_words):
                    key = head_word(name)
                    if key is None or key in found or only_a_place(name, article):
                        continue
                    if (where := _first_sentence_naming(name, article)) is None:
                        continue
                    start, end, text = where
                    found[key] = Stakeholder(
                        name=name,
                        kind=StakeholderKind.other,
                        found_by="lists",
                        evidence=text,
                        evidence_span=Span(start=start, end=end),
                        alignment=Alignment.exact,
                    )
    return list(found.values())


def not_yet_listed(parties: Iterable[Stakeholder], stakeholders: list[Stakeholder]) -> list[Stakeholder]:
    """The parties no stakeholder names already (by the last untitled word of any of its names)."""
    listed = {head_word(name) for s in stakeholders for name in (s.name, *s.aliases)}
    kept = []
    for party in parties:
        key = head_word(party.name)
        if key not in listed:
            listed.add(key)
            kept.append(party)
    return kept
