"""Whether words drafted both as a demand and as an offer are the offer: the cue right before them.

The model often drafts one clause twice, once in each list. A demand restated as a proposal ("The
Alliance would only sign a truce if troops withdraw") is a demand; but "Russian troops were ready to
provide assistance ... if Georgia made an official request" is an offer with a condition on it, and
"we are ready to take more steps", said while calling for cooperation, is an offer too. What the
clause is comes from the cue that introduces it: the nearest cue of demanding or of proposing before
its words (``LanguagePack.topics``). Tests: tests/test_offer_or_demand.py.
"""

from __future__ import annotations

import re
from typing import Literal

from summarizer.checks.lang import LanguagePack

_CONTENT = re.compile(r"\w{4,}")
Reading = Literal["demand", "offer", "both"]


def _cue_ends(pattern: re.Pattern[str], text: str, before: int, skip: re.Pattern[str] | None = None) -> list[int]:
    # A cue that starts before the words counts, also one that holds them ("called for a regional cooperation").
    return [m.end() for m in pattern.finditer(text) if m.start() < before and not (skip and skip.match(m[0]))]


def reading(words: str, sentence: str, pack: LanguagePack | None) -> Reading:
    """What ``words``, drafted both as a demand and as an offer, are in ``sentence``: an offer when the
    nearest cue before them is one of proposing and not also one of demanding (a tie is a demand; a cue
    that only reports what a party will do, ``LanguagePack.announcing``, does not count);
    both when a cue of demanding follows that offer ("ready to provide assistance if Georgia made an
    official request": the offer and its condition); else a demand."""
    if pack is None or "proposals" not in pack.topics or "conditions" not in pack.topics:
        return "demand"
    text = pack.not_a_cue.sub(lambda m: " " * len(m[0]), sentence)
    at = (re.search(rf"\b{re.escape(w)}", text, re.IGNORECASE) for w in _CONTENT.findall(words)[:3])
    where = next((m.start() for m in at if m), None)
    if where is None:
        return "demand"
    offers = _cue_ends(pack.topics["proposals"], text, where, pack.announcing)
    demands = list(pack.topics["conditions"].finditer(text))
    if not offers or max(offers) <= max((m.end() for m in demands if m.end() <= where), default=-1):
        return "demand"
    return "both" if any(m.start() >= where for m in demands) else "offer"
