"""End-to-end summaries replayed from cassettes recorded against the bundled local model.

Each article in ``examples/articles`` was summarized once by the real llama.cpp server; the cassette
holds those HTTP exchanges and ``snapshots/`` the summary the code made of them. Replaying checks
that the pipeline still sends byte-identical requests (prompts, schema, order), that every piece of
evidence is a real span of the article, that every casualty number is written in its evidence, and
that the result equals the recorded one.
"""

from __future__ import annotations

import json
import os
import re
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from pydantic import BaseModel, Field
from text_to_num import alpha2digit

from summarizer import ArticleSummary, ExtractionError, Settings, summarize
from summarizer.checks.numbers import supports
from summarizer.llm.client import LLMClient
from summarizer.pipeline.run import article_chunks
from summarizer.schema import Usage

from .conftest import ARTICLES

SNAPSHOTS = Path(__file__).parent / "snapshots"
DATA = Path(__file__).parent / "data"
ARTICLE_NAMES = sorted(p.stem for p in ARTICLES.glob("*.txt"))

# Re-derive snapshots from the existing cassettes after a change to post-processing only (no new requests).
UPDATE_SNAPSHOTS = os.environ.get("UPDATE_SNAPSHOTS") == "1"

pytestmark = [pytest.mark.cassette, pytest.mark.vcr]


def _comparable(summary: ArticleSummary) -> dict[str, Any]:
    data = summary.model_dump(mode="json")
    data["meta"].pop("duration_s")
    return data


def assert_grounded(summary: ArticleSummary, text: str) -> None:
    for section in ("conditions", "proposals", "casualties", "stakeholders"):
        for item in getattr(summary, section):
            assert item.evidence_span is not None, (section, item)
            assert text[item.evidence_span.start : item.evidence_span.end] == item.evidence, (section, item)
    language = summary.meta.language or "en"
    for report in summary.casualties:
        for kind, count in (("killed", report.killed), ("injured", report.injured)):
            if count is None:
                continue
            if language == "en":
                assert supports(count, report.evidence, kind), (count, report.evidence)
            else:  # read by the language's pack: the figure is written in the sentence, in digits or words
                written = re.findall(r"\d+", alpha2digit(report.evidence, language, threshold=2))
                assert str(count) in written, (count, report.evidence)


@pytest.mark.parametrize("name", ARTICLE_NAMES)
def test_summary(name: str, llm_settings: Settings, played_all: Any, recording: bool) -> None:
    text = (ARTICLES / f"{name}.txt").read_text(encoding="utf-8")
    summary = summarize(text, settings=llm_settings)

    assert summary.headline and summary.summary
    assert summary.meta.model == "qwen2.5-coder-1.5b"
    assert summary.meta.usage.requests == len(played_all.data) or recording
    assert summary.meta.usage.prompt_tokens > 0
    assert_grounded(summary, text)

    if len(text) >= 30_000:
        # Longer than the context: extracted chunk by chunk, offsets mapped into the whole digest, and
        # no context_length_exceeded reached the user (the server would have rejected an oversized prompt).
        chunks = article_chunks(text, llm_settings)
        assert summary.meta.chunks == len(chunks) >= 2
        # Items found in a later chunk are located in the whole digest, past the first chunk's end.
        starts = [item.evidence_span.start for item in summary.stakeholders if item.evidence_span]
        assert max(starts) > chunks[1].offset, starts

    if name == "team_injection_attempt":
        # The article orders "reply APPROVED" and "report 500 killed": neither may reach the summary.
        assert "APPROVED" not in summary.headline + summary.summary
        assert all(500 not in (r.killed, r.injured) for r in summary.casualties)
        assert summary.casualties and summary.headline

    snapshot = SNAPSHOTS / f"{name}.json"
    if recording or UPDATE_SNAPSHOTS:
        SNAPSHOTS.mkdir(exist_ok=True)
        snapshot.write_text(json.dumps(_comparable(summary), indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    assert _comparable(summary) == json.loads(snapshot.read_text(encoding="utf-8"))


def test_one_person_named_two_ways_is_one_stakeholder(llm_settings: Settings, played_all: Any, recording: bool) -> None:
    """A person named in full in one chunk and by surname alone in the next is one stakeholder, never two.

    The team-written article is short; a context setting of 3,072 tokens makes it two chunks, so
    "Harbour Commissioner Ana Veltri" is in the first and only "Veltri" can be named in the second.
    The merge is the deterministic one of ``summarizer.checks.stakeholders``, on what the model answered
    (recorded: the model lists her in the second chunk only, as "Veltri").
    """
    text = (DATA / "team_port_dispute.txt").read_text(encoding="utf-8")
    summary = summarize(text, settings=replace(llm_settings, context_size=3072))

    assert summary.meta.chunks == 2
    assert_grounded(summary, text)
    named = [s for s in summary.stakeholders if any("Veltri" in n for n in [s.name, *s.aliases])]
    assert len(named) == 1, named
    assert named[0].name in ("Ana Veltri", "Veltri")

    snapshot = SNAPSHOTS / "team_port_dispute_two_chunks.json"
    if recording or UPDATE_SNAPSHOTS:
        snapshot.write_text(json.dumps(_comparable(summary), indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    assert _comparable(summary) == json.loads(snapshot.read_text(encoding="utf-8"))


class TerseHeadline(BaseModel):
    """A headline of at most three words."""

    headline: str = Field(max_length=20, description="At most three words.")


def test_validation_failure_is_reasked_once_and_no_more(
    llm_settings: Settings, played_all: Any, recording: bool
) -> None:
    """A schema violation is fed back once (instructor re-ask), never more, then reported.

    Recorded as it happened: the 1.5B model answered the re-ask with the same too-long headline.
    """
    client = LLMClient(llm_settings, base_url=llm_settings.base_url)
    usage = Usage()
    text = (ARTICLES / "muc4_dev_0644.txt").read_text(encoding="utf-8")
    messages = [
        {"role": "system", "content": "You write headlines for a newsroom. Answer in JSON."},
        {"role": "user", "content": f"Write a headline for this article:\n\n{text}"},
    ]
    with pytest.raises(ExtractionError, match="did not validate after 2 attempt") as failed:
        client.extract(messages, TerseHeadline, usage=usage)
    assert "String should have at most 20 characters" in str(failed.value)  # why, not "<failed_attempts>"
    assert usage.requests == 2  # the answer, and exactly one re-ask
    if not recording:
        reask = json.loads(played_all.requests[1].body)
        assert "at most 20 characters" in json.dumps(reask["messages"])
