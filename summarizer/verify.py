"""Turn the model's drafts into grounded items, or say exactly why an item cannot be trusted.

A draft cites a sentence by number. Its evidence becomes that sentence, verbatim, with offsets.
A casualty figure must be written in its evidence (digits, number words, "dozens" as a lower
bound); its qualifier is read from the words before the number, not taken from the model.
When the cited sentence does not hold the figure but the model's ``figure_text`` is found in
another sentence that does, the citation moves there: the figure is still read from the article.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel

from .drafts import CasualtyDraft, Cited
from .grounding import ground_evidence
from .numbers import supports
from .prompts import Article
from .schema import CasualtyReport, Condition, Proposal, Span, Stakeholder
from .sentences import Sentence

GROUNDED_TYPES: dict[str, type[BaseModel]] = {
    "conditions": Condition,
    "proposals": Proposal,
    "casualties": CasualtyReport,
    "stakeholders": Stakeholder,
}


@dataclass
class Rejected:
    """A draft that failed verification, and the reason to give the model (and the user)."""

    section: str
    draft: Cited
    reason: str


def _evidence(sentence: Sentence) -> dict[str, Any]:
    return {
        "evidence": sentence.text,
        "evidence_span": Span(start=sentence.start, end=sentence.end),
        "alignment": "exact",
    }


def _sentence_holding(article: Article, figure_text: str) -> Sentence | None:
    located = ground_evidence(figure_text, article.text)
    if located is None:
        return None
    span, _ = located
    for sentence in article.sentences:
        if sentence.start <= span.start < sentence.end:
            return sentence
    return None


def _check_casualty(draft: CasualtyDraft, sentence: Sentence, article: Article) -> tuple[Sentence, str | None]:
    """Find a sentence that states the draft's figures; return it and a failure reason, if any."""
    if draft.killed is None and draft.injured is None:
        return sentence, "gives neither a killed nor an injured figure"
    candidates = [sentence]
    moved = _sentence_holding(article, draft.figure_text) if draft.figure_text else None
    if moved is not None and moved.number != sentence.number:
        candidates.append(moved)
    for candidate in candidates:
        if all(count is None or supports(count, candidate.text) for count in (draft.killed, draft.injured)):
            return candidate, None
    missing = [f"{name} {count}" for name, count in (("killed", draft.killed), ("injured", draft.injured))
               if count is not None and not supports(count, sentence.text)]  # fmt: skip
    return sentence, f"{' and '.join(missing)} not written in sentence [{sentence.number}]"


def verify_item(section: str, draft: Cited, article: Article) -> BaseModel | Rejected:
    """A grounded item for ``draft``, or the reason it was rejected."""
    sentence = article.sentence(draft.sentence)
    if sentence is None:
        return Rejected(section, draft, f"cites sentence [{draft.sentence}], which does not exist")
    fields = draft.model_dump(exclude={"sentence", "figure_text"})
    if isinstance(draft, CasualtyDraft):
        sentence, reason = _check_casualty(draft, sentence, article)
        if reason:
            return Rejected(section, draft, reason)
        killed = supports(draft.killed, sentence.text) if draft.killed is not None else None
        injured = supports(draft.injured, sentence.text) if draft.injured is not None else None
        stated = killed or injured
        fields["qualifier"] = stated.qualifier if stated else "exact"
        if killed and injured and injured.qualifier != killed.qualifier:
            fields["injured_qualifier"] = injured.qualifier
    return GROUNDED_TYPES[section].model_validate({**fields, **_evidence(sentence)})
