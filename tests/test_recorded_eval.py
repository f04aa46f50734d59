"""The evaluation harness over ten MUC-4 articles, replayed from a cassette of the recorded run.

The scores must equal the ones the recorded run produced (``snapshots/eval_sample10.json``): any
change to prompts, verification or scoring shows up here.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from summarizer import ArticleSummary, ExtractionError, Settings, summarize
from summarizer.config import DEFAULT_STRATEGY
from summarizer.evaluation.evaluate import baseline_row, load_gold, run_lines, runs_in, score_records
from summarizer.evaluation.scoring import aggregate

DATA = Path(__file__).parent / "data" / "muc4_dev_sample10.jsonl"
SNAPSHOT = Path(__file__).parent / "snapshots" / "eval_sample10.json"

# Re-derive snapshots from the existing cassettes after a change to post-processing only (no new requests).
UPDATE_SNAPSHOTS = os.environ.get("UPDATE_SNAPSHOTS") == "1"

pytestmark = [pytest.mark.cassette, pytest.mark.vcr]


def test_eval_scores_equal_the_recorded_run(
    llm_settings: Settings, played_all: Any, recording: bool, tmp_path: Path
) -> None:
    records = load_gold(DATA)
    settings = replace(llm_settings, reask=False, strategy=DEFAULT_STRATEGY)  # as `summarizer eval` runs it
    scores = list(score_records(records, lambda text: summarize(text, settings=settings), tmp_path / "r.jsonl"))
    row = aggregate(scores)
    row.pop("seconds_per_article")
    result = {"summarizer": row, "rule baseline": baseline_row(records)}
    if recording or UPDATE_SNAPSHOTS:
        SNAPSHOT.parent.mkdir(exist_ok=True)
        SNAPSHOT.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    assert result == json.loads(SNAPSHOT.read_text(encoding="utf-8"))
    assert row["numbers_not_in_text"] == 0


def _failing(calls: list[str]) -> Callable[[str], ArticleSummary]:
    """A summarizer that records each text it is given and fails on every one."""

    def failing(text: str) -> ArticleSummary:
        calls.append(text)
        raise ExtractionError("no")

    return failing


def test_eval_resumes_without_redoing_records(tmp_path: Path) -> None:
    records = load_gold(DATA, limit=3)
    results = tmp_path / "r.jsonl"
    calls: list[str] = []
    failing = _failing(calls)

    assert [s.error for s in score_records(records[:2], failing, results)] == ["ExtractionError"] * 2
    with results.open("a") as out:
        out.write('{"id": "torn')  # a run killed mid-line
    again = list(score_records(records, failing, results))
    assert len(again) == 3 and len(calls) == 3  # only the third record was run again
    assert len(results.read_text().splitlines()) == 3


def test_eval_never_mixes_in_scores_made_another_way(tmp_path: Path) -> None:
    # A resumed run after a prompt change must score every record with the new prompts.
    records = load_gold(DATA, limit=2)
    results = tmp_path / "r.jsonl"
    calls: list[str] = []
    failing = _failing(calls)

    list(score_records(records, failing, results, config="prompts=aaa"))
    list(score_records(records, failing, results, config="prompts=aaa"))
    assert len(calls) == 2  # same configuration: resumed, nothing redone
    list(score_records(records, failing, results, config="prompts=bbb"))
    assert len(calls) == 4  # another configuration: both records run again
    assert [json.loads(line)["config"] for line in results.read_text().splitlines()] == ["prompts=aaa"] * 2 + [
        "prompts=bbb"
    ] * 2
    # Both files keep every line; readers take the lines of the latest run, even one not finished.
    assert [line["config"] for line in run_lines(results)] == ["prompts=bbb"] * 2
    list(score_records(records[:1], failing, results, config="prompts=ccc"))
    assert [(line["id"], line["config"]) for line in run_lines(results)] == [(records[0]["id"], "prompts=ccc")]
    assert [len(run) for run in runs_in(results)] == [2, 2, 1] and run_lines(results, 0)[0]["config"] == "prompts=aaa"
