"""What the model is asked to return: the content fields of ``schema.py`` plus a sentence citation.

The citation comes first in every item so the model commits to its evidence before it writes the
values (evidence first). ``pipeline.py`` turns drafts into grounded items of ``ArticleSummary``.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, Field, field_validator

from .schema import PHRASE, SUMMARY, CasualtyFields, ConditionFields, OverviewFields, ProposalFields, StakeholderFields

MAX_ITEMS = 12
MAX_STAKEHOLDERS = 25


def compact_schema(node: Any) -> Any:
    """Drop titles and null defaults, fold ``anyOf [X, null]`` into ``type: [X, null]``.

    The schema is part of every prompt; on a CPU model each token of it costs time (README, "Speed").
    """
    if isinstance(node, list):
        return [compact_schema(item) for item in node]
    if not isinstance(node, dict):
        return node
    node = {k: compact_schema(v) for k, v in node.items() if not (k == "default" and v is None)}
    if "properties" not in node:  # a property: its title repeats its name; a model keeps its title
        node.pop("title", None)
    options = node.get("anyOf")
    if isinstance(options, list) and len(options) == 2 and {"type": "null"} in options:
        other = next(o for o in options if o != {"type": "null"})
        if isinstance(other.get("type"), str):
            del node["anyOf"]
            node.update({**other, "type": [other["type"], "null"]})
    return node


class _Draft(BaseModel):
    @classmethod
    def model_json_schema(cls, *args: Any, **kwargs: Any) -> dict[str, Any]:
        result: dict[str, Any] = compact_schema(super().model_json_schema(*args, **kwargs))
        return result


class Cited(_Draft):
    sentence: int = Field(description="Number of the article sentence that states this item: 3 for [3].")


# Cited is the last base so its field comes first in the schema (pydantic collects fields base-last first).
class ConditionDraft(ConditionFields, Cited):
    pass


class ProposalDraft(ProposalFields, Cited):
    pass


class CitedFigure(Cited):
    figure_text: str = Field(
        max_length=PHRASE,
        description="The exact words of that sentence that give the figure, copied letter for letter.",
    )


class CasualtyDraft(CasualtyFields, CitedFigure):
    pass


class StakeholderDraft(StakeholderFields, Cited):
    pass


class Overview(OverviewFields, _Draft):
    """A neutral headline and summary of the article."""

    @field_validator("summary", mode="before")
    @classmethod
    def _trim_summary(cls, value: Any) -> Any:
        # Small models tend to copy the lede at length; keep whole sentences up to the cap rather than fail.
        if isinstance(value, str) and len(value) > SUMMARY:
            cut = value[:SUMMARY]
            end = max(cut.rfind(". "), cut.rfind(".\n"))
            return cut[: end + 1] if end > 0 else cut
        return value


class Conditions(_Draft):
    """Demands one party sets on another in the article."""

    conditions: list[ConditionDraft] = Field(default_factory=list, max_length=MAX_ITEMS)


class Proposals(_Draft):
    """Offers and plans put forward in the article."""

    proposals: list[ProposalDraft] = Field(default_factory=list, max_length=MAX_ITEMS)


class Casualties(_Draft):
    """Reported incidents in which people were killed or injured, one entry per report."""

    casualties: list[CasualtyDraft] = Field(default_factory=list, max_length=MAX_ITEMS)


class Stakeholders(_Draft):
    """People, states, organisations and groups involved in the story."""

    stakeholders: list[StakeholderDraft] = Field(default_factory=list, max_length=MAX_STAKEHOLDERS)


class WholeArticle(Overview):
    """Everything at once (the ``single`` strategy)."""

    conditions: list[ConditionDraft] = Field(default_factory=list, max_length=MAX_ITEMS)
    proposals: list[ProposalDraft] = Field(default_factory=list, max_length=MAX_ITEMS)
    casualties: list[CasualtyDraft] = Field(default_factory=list, max_length=MAX_ITEMS)
    stakeholders: list[StakeholderDraft] = Field(default_factory=list, max_length=MAX_STAKEHOLDERS)


SECTION_MODELS: dict[str, type[BaseModel]] = {
    "overview": Overview,
    "conditions": Conditions,
    "proposals": Proposals,
    "casualties": Casualties,
    "stakeholders": Stakeholders,
}
