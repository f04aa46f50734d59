"""The rule-based casualty counter: it reads again a figure the model misread (``casualty_checks``,
``one_victim``), and it is the reference row ("rule baseline") every evaluation report shows.

It adds up numbers written next to killing and wounding words ("THREE SUBVERSIVES WERE KILLED",
"killing at least 16", "5 wounded"). An LLM pipeline that cannot beat this is not worth its cost.

Example:
    >>> count_casualties("Six people were killed and five wounded; later two more died.")
    (8, 5)
"""

from __future__ import annotations

import re

from summarizer.checks.lang.en import INJURED_AFTER_A_NUMBER, KILLED_AFTER_A_NUMBER
from summarizer.checks.numbers import NumberMention, find_numbers

_KILLED = rf"(?:{KILLED_AFTER_A_NUMBER})"
_INJURED = rf"(?:{INJURED_AFTER_A_NUMBER})"
# Up to four words between the number and the verb, not across punctuation or another casualty word.
_GAP = rf"(?:[ \t]+(?!{_KILLED[3:-1]}|{_INJURED[3:-1]}|and\b|or\b|but\b)[\w'-]+){{0,4}}?[ \t]+"
_BEFORE = {
    _KILLED: re.compile(r"\b(?:killing|killed|murdering|murdered)\s+(?:at least\s+|about\s+|some\s+)?$", re.I),
    _INJURED: re.compile(r"\b(?:wounding|wounded|injuring|injured)\s+(?:at least\s+|about\s+|some\s+)?$", re.I),
}


def _counted(text: str, verbs: str) -> list[NumberMention]:
    counted = []
    for mention in find_numbers(text):
        after = text[mention.end : mention.end + 60]
        before = text[max(0, mention.start - 20) : mention.start]
        if mention.value >= 10_000:  # years and sums of money are not victims
            continue
        if re.match(rf"{_GAP}{verbs}\b", after, re.IGNORECASE) or _BEFORE[verbs].search(before):
            counted.append(mention)
    return counted


def count_casualties(text: str) -> tuple[int, int]:
    """(killed, injured) as the rule reads them from ``text``."""
    return sum(m.value for m in _counted(text, _KILLED)), sum(m.value for m in _counted(text, _INJURED))


def attached_counts(text: str) -> tuple[set[int], set[int]]:
    """The numbers the rule reads as people killed, and as people injured: those next to such a word.

    Example:
        >>> attached_counts("No one was killed, but 5 guards were wounded near 3 trucks.")
        (set(), {5})
    """
    return {m.value for m in _counted(text, _KILLED)}, {m.value for m in _counted(text, _INJURED)}


def reads_every_number(text: str) -> bool:
    """Whether the rule accounts for every number in ``text``: only then is its reading unambiguous.

    "More than 20 protesters and six officers were injured" reads as 6 injured: the 20 is not next to
    the verb, so this sentence is not one the rule may be trusted on.

    Example:
        >>> reads_every_number("Six people were killed and five wounded.")
        True
        >>> reads_every_number("More than 20 protesters and six officers were injured.")
        False
    """
    counted = {(m.start, m.end) for verbs in (_KILLED, _INJURED) for m in _counted(text, verbs)}
    return all((m.start, m.end) in counted for m in find_numbers(text) if m.value < 10_000)
