"""Two Wikinews articles (English, French; CC BY 2.5, Wikinews contributors: tests/data/NOTICE.md),
summarized by the bundled local model, replayed from cassettes and scored against their gold.

The summary and its four-list scores (``list_scoring``, the eval data's matching rules) must equal the
recorded run's snapshot; the French one must have its lists asked by the French cues and its language
in ``meta``.
"""

from __future__ import annotations

import json
import os
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from summarizer import Settings, summarize
from summarizer.config import DEFAULT_STRATEGY
from summarizer.evaluation.draft_capture import lists_of_summary
from summarizer.evaluation.evaluate import load_gold
from summarizer.evaluation.list_scoring import score_lists
from summarizer.pipeline.run import article_chunks, first_pass_requests

from .test_recorded_summaries import _comparable, assert_grounded

DATA = Path(__file__).parent / "data" / "wikinews_dev2.jsonl"
SNAPSHOTS = Path(__file__).parent / "snapshots"
UPDATE_SNAPSHOTS = os.environ.get("UPDATE_SNAPSHOTS") == "1"
RECORDS = {record["lang"]: record for record in load_gold(DATA)}

pytestmark = [pytest.mark.cassette, pytest.mark.vcr]


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_wikinews_summary_and_its_list_scores(
    lang: str, llm_settings: Settings, played_all: Any, recording: bool
) -> None:
    record = RECORDS[lang]
    # The default pipeline, as `summarizer summarize` runs it.
    settings = replace(llm_settings, reask=False, strategy=DEFAULT_STRATEGY)
    summary = summarize(record["text"], settings=settings)

    assert summary.meta.language == lang
    assert summary.meta.usage.requests == len(played_all.data) or recording
    if lang != "en":
        # The overview and the lists, conditions and proposals a call per candidate sentence read by the
        # French cues. No sentence has a French word of harm, and a figure is published only beside one
        # (pack_figures.py): no casualty call.
        requests = first_pass_requests(article_chunks(record["text"], settings)[0], settings.strategy)
        assert {r.part for r in requests} == {"overview", "conditions", "proposals", "stakeholders"}
        assert summary.meta.usage.requests == len(requests)
        assert summary.casualties == []
    assert_grounded(summary, record["text"])
    result = {"summary": _comparable(summary), "lists": score_lists(record, lists_of_summary(summary)).as_dict()}
    snapshot = SNAPSHOTS / f"wikinews_{lang}.json"
    if recording or UPDATE_SNAPSHOTS:
        snapshot.write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    assert result == json.loads(snapshot.read_text(encoding="utf-8"))
