"""The evaluation scores only what a gold record annotates (its ``gold_covers``, else its fields)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from summarizer.errors import InputError
from summarizer.evaluation.evaluate import load_gold
from summarizer.evaluation.scoring import aggregate, score_counts, score_summary
from summarizer.schema import ArticleSummary, CasualtyReport, Span, Stakeholder, SummaryMeta

TEXT = "Gunmen killed two guards at the bank, police said."
SUMMARY = ArticleSummary(
    headline="h",
    summary="s.",
    casualties=[CasualtyReport(killed=2, evidence=TEXT, evidence_span=Span(start=0, end=len(TEXT)))],
    stakeholders=[
        Stakeholder(name="police", kind="organisation", evidence=TEXT, evidence_span=Span(start=0, end=len(TEXT)))
    ],
    meta=SummaryMeta(model="m", backend="b", mode="json", strategy="cited", prompt_version="p"),
)
ACTORS = [{"name": "GUNMEN", "alternatives": []}, {"name": "GUARDS", "alternatives": []}]


def record(gold: dict[str, Any], covers: list[str] | None = None) -> dict[str, Any]:
    return {"id": "r", "text": TEXT, "gold": gold, **({"gold_covers": covers} if covers is not None else {})}


def test_a_record_covering_only_actors_scores_no_casualty_figure() -> None:
    score = score_summary(record({"killed": 5, "injured": 0, "actors": ACTORS}, ["actors"]), SUMMARY, 1.0)
    assert (score.gold_killed, score.gold_injured) == (None, None)
    assert (score.actors_gold, score.actors_found, score.names_extracted) == (2, 0, 1)
    totals = aggregate([score])
    assert totals["both_exact_n"] == 0 and totals["both_exact"] is None
    assert totals["actor_recall"] == 0.0


def test_a_record_covering_only_casualties_scores_no_actor() -> None:
    covers = ["killed/injured (terrorist-incident victims only)"]
    score = score_summary(record({"killed": 2, "injured": 0, "actors": ACTORS}, covers), SUMMARY, 1.0)
    assert (score.gold_killed, score.gold_injured) == (2, 0)
    assert (score.actors_gold, score.names_extracted) == (0, 0)  # precision counts nothing either
    assert aggregate([score])["actor_recall"] is None
    assert score_counts(record({"killed": 2, "injured": 0}, ["actors"]), 2, 0).gold_killed is None


def test_without_gold_covers_the_fields_present_are_scored() -> None:
    score = score_summary(record({"killed": 2, "injured": 0}), SUMMARY, 1.0)  # no actors key: no crash
    assert (score.gold_killed, score.actors_gold, score.names_extracted) == (2, 0, 0)
    score = score_summary(record({"actors": ACTORS}), SUMMARY, 1.0)
    assert (score.gold_killed, score.actors_gold) == (None, 2)


@pytest.mark.parametrize(
    "line",
    [
        '{"id": "r", "text": "t", "gold": [1, 2]}',
        '{"id": "r", "text": "t"}',
        '{"id": "r", "text": 5, "gold": {}}',
        '{"id": "r", "text": "t", "gold": {}, "gold_covers": "actors"}',
        '{"id": ["r"], "text": "t", "gold": {}}',
        '{"id": "r", "text": "t", "gold": {"killed": "five"}}',
        '{"id": "r", "text": "t", "gold": {"injured": true}}',
        '{"id": "r", "text": "t", "gold": {"actors": "police"}}',
        '{"id": "r", "text": "t", "gold": {"actors": [{"nom": "x"}]}}',
        '{"id": "r", "text": "t", "gold": {"actors": [{"name": "x", "alternatives": "y"}]}}',
        "[1]",
    ],
)
def test_a_gold_line_of_the_wrong_shape_is_bad_input(tmp_path: Path, line: str) -> None:
    gold = tmp_path / "gold.jsonl"
    gold.write_text(json.dumps({"id": "ok", "text": "t", "gold": {}}) + "\n" + line + "\n")
    with pytest.raises(InputError, match=r"gold\.jsonl:2"):
        load_gold(gold)


def test_a_gold_file_that_is_not_utf8_is_bad_input(tmp_path: Path) -> None:
    gold = tmp_path / "gold.jsonl"
    gold.write_bytes(b"\xff\xfe{}\n")
    with pytest.raises(InputError, match="not UTF-8"):
        load_gold(gold)


def test_a_results_file_that_is_not_evals_is_bad_input(tmp_path: Path) -> None:
    from summarizer.evaluation.evaluate import score_records

    results = tmp_path / "report.results.jsonl"
    results.write_text('{"id": "r", "config": "c"}\n[1]\n')
    with pytest.raises(InputError, match=r"report\.results\.jsonl:2 is not a score line"):
        list(score_records([], lambda text: SUMMARY, results, None, summaries=tmp_path / "s.jsonl", config="c"))


def test_a_failed_record_keeps_its_error_message(tmp_path: Path) -> None:
    from summarizer.errors import ExtractionError
    from summarizer.evaluation.evaluate import score_records

    said = "The model's answer for Overview did not validate after 2 attempt(s)"

    def fail(text: str) -> ArticleSummary:
        raise ExtractionError(said)

    results = tmp_path / "report.results.jsonl"
    records = [{"id": "r", "text": TEXT, "gold": {"killed": 2, "injured": 0}}]
    [score] = score_records(records, fail, results, None, summaries=tmp_path / "s.jsonl", config="c")
    assert (score.error, score.error_message) == (
        "ExtractionError",
        "The model's answer for Overview did not validate after 2 attempt(s)",
    )
    assert json.loads(results.read_text())["error_message"].startswith("The model's answer for Overview")
    assert aggregate([score])["failures"] == {"ExtractionError": 1}
