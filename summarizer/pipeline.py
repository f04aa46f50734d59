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

from .chunking import article_budget_chars, split_article
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
    client: LLMClient, article: Article, strategy: str, usage: Usage, with_overview: bool = True
) -> tuple[Any, dict[str, list[Cited]], list[DroppedItem]]:
    """Ask the model; a list section whose answer never validates is reported, not fatal."""
    system = render_system(article)
    if strategy == "single":
        whole = client.extract(_messages(system, render_task("single", article)), WholeArticle, usage=usage)
        return whole, {section: list(getattr(whole, section)) for section in LIST_SECTIONS}, []
    overview = None
    if with_overview:
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


def _verify_all(
    article: Article, drafts: dict[str, list[Cited]], cleared: list[DroppedItem]
) -> tuple[dict[str, list[BaseModel]], list[Rejected]]:
    """Split drafts into grounded items and rejections; details cleared on the way go to ``cleared``."""
    kept: dict[str, list[BaseModel]] = {section: [] for section in LIST_SECTIONS}
    rejected: list[Rejected] = []
    for section, items in drafts.items():
        for draft in items:
            notes: list[str] = []
            result = verify_item(section, draft, article, notes)
            cleared.extend(
                DroppedItem(section=section, reason=note, item=draft.model_dump(mode="json")) for note in notes
            )
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


_IDENTITY = {"conditions": "demand", "proposals": "proposal", "casualties": "killed", "stakeholders": "name"}


def _dedupe(section: str, items: list[BaseModel]) -> list[BaseModel]:
    """One item per (evidence, identity): a repeat only fills the first one's missing fields."""
    merged: dict[tuple[Any, ...], BaseModel] = {}
    for item in items:
        data = item.model_dump()
        identity = data[_IDENTITY[section]]
        key = (data["evidence_span"]["start"], str(identity).lower(), data.get("injured"))
        if key in merged:
            first = merged[key]
            gaps = {k: v for k, v in data.items() if getattr(first, k) in (None, []) and v not in (None, [])}
            merged[key] = first.model_copy(update=gaps)
        else:
            merged[key] = item
    return list(merged.values())


def _extract_chunk(
    client: LLMClient, article: Article, usage: Usage, with_overview: bool
) -> tuple[Any, dict[str, list[BaseModel]], list[DroppedItem]]:
    """Draft, verify, re-ask once for what failed verification, and report what is still unverified."""
    overview, drafts, failed_sections = _draft(client, article, client.settings.strategy, usage, with_overview)
    cleared: list[DroppedItem] = []
    kept, rejected = _verify_all(article, drafts, cleared)
    retry = [r for r in rejected if r.reask]
    if retry:
        corrected, still = _verify_all(article, _reask(client, article, retry, usage), cleared)
        rejected = [r for r in rejected if not r.reask] + still
        for section, items in corrected.items():
            kept[section].extend(items)
    dropped = failed_sections + cleared
    dropped += [DroppedItem(section=r.section, reason=r.reason, item=r.draft.model_dump(mode="json")) for r in rejected]
    return overview, kept, dropped


def summarize_with(client: LLMClient, text: str, *, backend: str) -> ArticleSummary:
    """Run the configured strategy over ``text`` (chunk by chunk if it is too long) and verify the result.

    The headline and summary of a long article come from its first chunk (news puts the facts first).
    """
    settings = client.settings
    started = time.monotonic()
    usage = Usage()
    chunks = split_article(text, article_budget_chars(settings.context_size, settings.max_output_tokens))
    overview: Any = None
    kept: dict[str, list[BaseModel]] = {section: [] for section in LIST_SECTIONS}
    dropped: list[DroppedItem] = []
    for index, chunk in enumerate(chunks):
        article = Article.from_text(chunk.text, chunk.offset)
        chunk_overview, chunk_kept, chunk_dropped = _extract_chunk(client, article, usage, with_overview=index == 0)
        overview = overview or chunk_overview
        for section, items in chunk_kept.items():
            kept[section].extend(items)
        dropped += chunk_dropped
    stakeholders = merge_stakeholders([s for s in kept["stakeholders"] if isinstance(s, Stakeholder)])
    meta = SummaryMeta(
        model=settings.model,
        backend=backend,
        mode=settings.mode,
        strategy=settings.strategy,
        prompt_version=prompt_version(),
        usage=usage,
        duration_s=round(time.monotonic() - started, 3),
        chunks=len(chunks),
        dropped=dropped,
    )
    return ArticleSummary.model_validate(
        {
            "headline": overview.headline,
            "summary": overview.summary,
            "conditions": _dedupe("conditions", kept["conditions"]),
            "proposals": _dedupe("proposals", kept["proposals"]),
            "casualties": _dedupe("casualties", kept["casualties"]),
            "stakeholders": stakeholders,
            "meta": meta,
        }
    )
