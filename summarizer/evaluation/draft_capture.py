"""For the eval: a summary made as ``summarize`` makes it, plus every list's first answer, unverified.

The unverified answers are the eval's "no verification" row: the same model and the same calls, one
per list, scored before any check. Set beside the published summary, they show what verification
buys (wrong items it stops) and costs (right items it drops). Every list is asked for this row, also
one the pipeline skips because no sentence could publish it; those extra calls are timed apart and
their tokens kept out of the summary's usage, so the summary's cost is what ``summarize`` costs.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Any

from summarizer.errors import ExtractionError
from summarizer.evaluation.list_scoring import ListItem, Lists
from summarizer.llm.client import LLMClient
from summarizer.pipeline.article import Article
from summarizer.pipeline.run import (
    LIST_SECTIONS,
    REASKS_OFF,
    Answers,
    DraftRequest,
    answer_live,
    article_chunks,
    assemble_summary,
    first_pass_requests,
    reask_live,
)
from summarizer.schema import ArticleSummary, Usage


@dataclass
class Summarized:
    """A summary, the unverified drafts behind it (None when not kept), and the seconds of extra calls."""

    summary: ArticleSummary
    drafts: dict[str, list[dict[str, Any]]] | None = None
    extra_seconds: float = 0.0


def _keep(drafts: dict[str, list[dict[str, Any]]], article: Article, answers: Answers) -> None:
    for part, answer in answers.items():
        if isinstance(answer, ExtractionError):
            continue
        for section in LIST_SECTIONS if part == "single" else (part,) if part in LIST_SECTIONS else ():
            for draft in getattr(answer, section):
                sentence = article.sentence(draft.sentence)
                evidence = sentence.text if sentence is not None else ""
                drafts[section].append({**draft.model_dump(mode="json"), "evidence": evidence})


def summarize_keeping_drafts(client: LLMClient, text: str, *, backend: str) -> Summarized:
    """``pipeline.summarize_with``, keeping each list's first answer (with its cited sentence's text) and
    the answers of the sentences asked again."""
    settings = client.settings
    chunks = article_chunks(text, settings)
    live = answer_live(client)
    drafts: dict[str, list[dict[str, Any]]] = {section: [] for section in LIST_SECTIONS}
    extra_usage = Usage()
    extra_seconds = 0.0

    def answer(index: int, requests: list[DraftRequest], usage: Usage) -> Answers:
        nonlocal extra_seconds
        answers = live(index, requests, usage)
        asked = {request.part for request in requests}
        every = first_pass_requests(chunks[index], settings.strategy, with_overview=False, every_list=True)
        extra = [request for request in every if request.part not in asked]
        started = time.monotonic()
        more = live(index, extra, extra_usage) if extra else {}
        extra_seconds += time.monotonic() - started
        _keep(drafts, chunks[index], {**answers, **more})
        return answers

    def ask_again(index: int, requests: list[DraftRequest], usage: Usage) -> Answers:
        answers = live(index, requests, usage)
        _keep(drafts, chunks[index], answers)  # replayed as first answers: they cite the sentence asked
        return answers

    reask = reask_live(client) if settings.reask else None
    summary = assemble_summary(text, settings, backend, answer, reask, not_reasked=REASKS_OFF, ask_again=ask_again)
    return Summarized(summary, drafts, round(extra_seconds, 2))


def lists_of_summary(summary: ArticleSummary) -> Lists:
    """What a summary published, in the shape the list scores compare."""
    return Lists(
        conditions=tuple(ListItem(c.party, c.demand, c.evidence) for c in summary.conditions),
        proposals=tuple(ListItem(p.proposer, p.proposal, p.evidence) for p in summary.proposals),
        stakeholders=tuple((s.name, *s.aliases) for s in summary.stakeholders),
        figures=tuple((r.killed, r.injured) for r in summary.casualties),
    )


def lists_of_drafts(drafts: dict[str, list[dict[str, Any]]]) -> Lists:
    """What the model drafted before any check, in the shape the list scores compare."""

    def items(section: str, who: str, what: str) -> tuple[ListItem, ...]:
        return tuple(
            ListItem(str(d.get(who) or ""), str(d.get(what) or ""), str(d.get("evidence") or ""))
            for d in drafts.get(section, [])
        )

    return Lists(
        conditions=items("conditions", "party", "demand"),
        proposals=items("proposals", "proposer", "proposal"),
        stakeholders=tuple((str(d.get("name") or ""),) for d in drafts.get("stakeholders", [])),
        figures=tuple((d.get("killed"), d.get("injured")) for d in drafts.get("casualties", [])),
    )
