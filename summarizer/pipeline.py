"""The extraction strategy: which calls are made for an article, and how their answers are combined.

``cited`` (default): the system prompt plus the numbered article form a prefix shared by every call,
so a llama.cpp server evaluates the article once; one focused call per section follows it. ``single``:
one call for the whole schema (kept as the measured baseline). Drafts that fail verification get one
combined re-ask per article naming each problem; what still fails is dropped into ``meta.dropped``.
"""

from __future__ import annotations

import json
import time
from typing import Any

from pydantic import BaseModel, Field, create_model

from .client import LLMClient
from .drafts import (
    SECTION_MODELS,
    CasualtyDraft,
    Cited,
    ConditionDraft,
    Overview,
    ProposalDraft,
    StakeholderDraft,
    WholeArticle,
)
from .errors import ExtractionError, TokenBudgetExceeded
from .prompts import Article, prompt_version, render_reask, render_system, render_task
from .schema import ArticleSummary, DroppedItem, Stakeholder, SummaryMeta, Usage
from .stakeholders import merge_stakeholders
from .verify import Rejected, verify_item

LIST_SECTIONS = ("conditions", "proposals", "casualties", "stakeholders")
DRAFT_TYPES: dict[str, type[Cited]] = {
    "conditions": ConditionDraft,
    "proposals": ProposalDraft,
    "casualties": CasualtyDraft,
    "stakeholders": StakeholderDraft,
}


def _messages(system: str, instruction: str) -> list[dict[str, str]]:
    return [{"role": "system", "content": system}, {"role": "user", "content": instruction}]


def _draft(
    client: LLMClient, article: Article, strategy: str, usage: Usage
) -> tuple[Any, dict[str, list[Cited]], list[DroppedItem]]:
    """Ask the model; a list section whose answer never validates is reported, not fatal."""
    system = render_system(article)
    if strategy == "single":
        whole = client.extract(_messages(system, render_task("single", article)), WholeArticle, usage=usage)
        return whole, {section: list(getattr(whole, section)) for section in LIST_SECTIONS}, []
    overview = client.extract(_messages(system, render_task("overview", article)), Overview, usage=usage)
    drafts: dict[str, list[Cited]] = {}
    failed: list[DroppedItem] = []
    for section in LIST_SECTIONS:
        try:
            answer = client.extract(
                _messages(system, render_task(section, article)), SECTION_MODELS[section], usage=usage
            )
        except ExtractionError as exc:
            if isinstance(exc, TokenBudgetExceeded):
                raise
            failed.append(DroppedItem(section=section, reason=f"whole section lost: {exc}", item={}))
            continue
        drafts[section] = list(getattr(answer, section))
    return overview, drafts, failed


def _corrections_model(sections: list[str]) -> type[BaseModel]:
    fields: dict[str, Any] = {s: (list[DRAFT_TYPES[s]], Field(default_factory=list)) for s in sections}  # type: ignore[valid-type]
    return create_model("Corrections", __doc__="Corrected versions of the items that failed verification.", **fields)


def _verify_all(article: Article, drafts: dict[str, list[Cited]]) -> tuple[dict[str, list[BaseModel]], list[Rejected]]:
    kept: dict[str, list[BaseModel]] = {section: [] for section in LIST_SECTIONS}
    rejected: list[Rejected] = []
    for section, items in drafts.items():
        for draft in items:
            result = verify_item(section, draft, article)
            if isinstance(result, Rejected):
                rejected.append(result)
            else:
                kept[section].append(result)
    return kept, rejected


def _reask(client: LLMClient, article: Article, rejected: list[Rejected], usage: Usage) -> dict[str, list[Cited]]:
    listing = [
        {
            "section": r.section,
            "draft": json.dumps(r.draft.model_dump(mode="json"), ensure_ascii=False),
            "reason": r.reason,
        }
        for r in rejected
    ]
    instruction = render_reask(article, listing)
    sections = sorted({r.section for r in rejected}, key=LIST_SECTIONS.index)
    answer = client.extract(_messages(render_system(article), instruction), _corrections_model(sections), usage=usage)
    return {section: list(getattr(answer, section)) for section in sections}


def _dedupe(items: list[BaseModel]) -> list[BaseModel]:
    seen: set[str] = set()
    unique = []
    for item in items:
        key = json.dumps(item.model_dump(mode="json"), sort_keys=True)
        if key not in seen:
            seen.add(key)
            unique.append(item)
    return unique


def summarize_with(client: LLMClient, text: str, *, backend: str) -> ArticleSummary:
    """Run the configured strategy over ``text`` and return the verified summary."""
    settings = client.settings
    started = time.monotonic()
    usage = Usage()
    article = Article.from_text(text)
    overview, drafts, failed_sections = _draft(client, article, settings.strategy, usage)
    kept, rejected = _verify_all(article, drafts)
    if rejected:
        corrected, rejected = _verify_all(article, _reask(client, article, rejected, usage))
        for section, items in corrected.items():
            kept[section].extend(items)
    stakeholders = merge_stakeholders([s for s in kept["stakeholders"] if isinstance(s, Stakeholder)])
    meta = SummaryMeta(
        model=settings.model,
        backend=backend,
        mode=settings.mode,
        strategy=settings.strategy,
        prompt_version=prompt_version(),
        usage=usage,
        duration_s=round(time.monotonic() - started, 3),
        dropped=failed_sections
        + [DroppedItem(section=r.section, reason=r.reason, item=r.draft.model_dump(mode="json")) for r in rejected],
    )
    return ArticleSummary.model_validate(
        {
            "headline": overview.headline,
            "summary": overview.summary,
            "conditions": _dedupe(kept["conditions"]),
            "proposals": _dedupe(kept["proposals"]),
            "casualties": _dedupe(kept["casualties"]),
            "stakeholders": stakeholders,
            "meta": meta,
        }
    )
