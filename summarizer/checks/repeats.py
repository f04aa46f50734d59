"""A demand or offer said twice: published once.

Drafted twice from one sentence ("talks in Ostra" and "holding talks in Ostra within days", of one
party), the fuller item is published and the other goes to ``meta.dropped`` (``without_contained_repeats``).
Tests: tests/test_repeats.py::test_an_item_another_of_its_sentence_holds_is_published_once.

Reported, then quoted (``without_quoted_repeats``), it is published from the report.

News reports a proposal, then quotes the party saying it ("It follows the minister proposing talks
in Ostra ... She said: 'We propose holding the next round of talks in Ostra'"); the sentences
strategy drafts it from each sentence, and a reader sees the same offer twice. An item of the same
party that a quote up to two sentences after the report says again goes to ``meta.dropped``, naming
the report. A restatement that is no quote stays: the Wikinews gold counts "officials asked the US to
waive his immunity" and "Johnson joined the calls ... to waive" as two demands.
Tests: tests/test_repeats.py.
"""

from __future__ import annotations

import re
from bisect import bisect_right

from pydantic import BaseModel

from summarizer.checks.verify import overlap
from summarizer.pipeline.sentences import split_sentences
from summarizer.schema import Condition, DroppedItem, Proposal

# Share of one item's content words the other holds for it to be the same item said again: nearly all.
SAME_ITEM = 0.8
# How far after the report its quote may come, in sentences.
QUOTED_WITHIN = 2
_QUOTE_MARK = re.compile(r"[\"“”«»„]")


def _party_and_words(item: BaseModel) -> tuple[str, str] | None:
    if isinstance(item, Condition):
        return item.party, item.demand
    if isinstance(item, Proposal):
        return item.proposer, item.proposal
    return None


def _start(item: BaseModel) -> int:
    span = getattr(item, "evidence_span", None)
    return span.start if span is not None else 0


def without_quoted_repeats(
    section: str, items: list[BaseModel], text: str
) -> tuple[list[BaseModel], list[DroppedItem]]:
    """``items`` without each one whose sentence quotes what an item of the same party, reported in one of
    the two sentences before, already says; and the dropped ones with their reason."""
    if not any(_QUOTE_MARK.search(str(getattr(item, "evidence", ""))) for item in items):
        return items, []  # no item stands in a quote: nothing can repeat a report
    starts = [s.start for s in split_sentences(text)]
    number = {id(item): bisect_right(starts, _start(item)) for item in items}  # the sentence each item cites
    kept: list[BaseModel] = []  # in the article's order, to find each report before its quote
    dropped: dict[int, DroppedItem] = {}
    for item in sorted(items, key=_start):
        this = _party_and_words(item)
        report = None
        if this is not None and _QUOTE_MARK.search(str(getattr(item, "evidence", ""))):
            report = next(
                (
                    earlier
                    for earlier in kept
                    if (that := _party_and_words(earlier)) is not None
                    and 0 < number[id(item)] - number[id(earlier)] <= QUOTED_WITHIN
                    and that[0].lower() == this[0].lower()
                    and max(overlap(this[1], that[1]), overlap(that[1], this[1])) >= SAME_ITEM
                ),
                None,
            )
        if report is None:
            kept.append(item)
            continue
        reason = f"quotes what an earlier sentence reports: {getattr(report, 'evidence', '')[:80]!r}"
        dropped[id(item)] = DroppedItem(section=section, reason=reason, item=item.model_dump(mode="json"))
    return [item for item in items if id(item) not in dropped], list(dropped.values())


def without_contained_repeats(section: str, items: list[BaseModel]) -> tuple[list[BaseModel], list[DroppedItem]]:
    """``items`` without each one whose words (``SAME_ITEM`` of them) an item of the same party and sentence
    holds with more words; and the dropped ones with their reason."""
    dropped: dict[int, DroppedItem] = {}
    for item in items:
        this = _party_and_words(item)
        if this is None:
            continue
        fuller = next(
            (
                that[1]
                for other in items
                if other is not item
                and id(other) not in dropped
                and _start(other) == _start(item)
                and (that := _party_and_words(other)) is not None
                and that[0].lower() == this[0].lower()
                and len(that[1]) > len(this[1])
                and overlap(this[1], that[1]) >= SAME_ITEM
            ),
            None,
        )
        if fuller is not None:
            reason = f"said again, with more words, by another item of its sentence: {fuller[:80]!r}"
            dropped[id(item)] = DroppedItem(section=section, reason=reason, item=item.model_dump(mode="json"))
    return [item for item in items if id(item) not in dropped], list(dropped.values())
