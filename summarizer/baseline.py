"""The rule-based casualty counter: the reference row every evaluation report shows.

It adds up numbers written next to killing and wounding words ("THREE SUBVERSIVES WERE KILLED",
"killing at least 16", "5 wounded"). An LLM pipeline that cannot beat this is not worth its cost.

Example:
    >>> count_casualties("Six people were killed and five wounded; later two more died.")
    (8, 5)
"""

from __future__ import annotations

import re

from .numbers import find_numbers

_KILLED = r"(?:killed|dead|died|deaths?|murdered|assassinated|massacred|slain|executed|lost their lives|bodies)"
_INJURED = r"(?:wounded|injured|hurt|injuries)"
# Up to four words between the number and the verb, not across punctuation or another casualty word.
_GAP = rf"(?:[ \t]+(?!{_KILLED[3:-1]}|{_INJURED[3:-1]}|and\b|or\b|but\b)[\w'-]+){{0,4}}?[ \t]+"
_BEFORE = {
    _KILLED: re.compile(r"\b(?:killing|killed|murdering|murdered)\s+(?:at least\s+|about\s+|some\s+)?$", re.I),
    _INJURED: re.compile(r"\b(?:wounding|wounded|injuring|injured)\s+(?:at least\s+|about\s+|some\s+)?$", re.I),
}


def _count(text: str, verbs: str) -> int:
    total = 0
    for mention in find_numbers(text):
        after = text[mention.end : mention.end + 60]
        before = text[max(0, mention.start - 20) : mention.start]
        if mention.value >= 10_000:  # years and sums of money are not victims
            continue
        if re.match(rf"{_GAP}{verbs}\b", after, re.IGNORECASE) or _BEFORE[verbs].search(before):
            total += mention.value
    return total


def count_casualties(text: str) -> tuple[int, int]:
    """(killed, injured) as the rule reads them from ``text``."""
    return _count(text, _KILLED), _count(text, _INJURED)
