"""Measure a change to the stakeholders prompt in one call per article instead of a whole summary.

    python benchmarks/stakeholders_rerun.py benchmarks/eval/muc4_dev_short100 --limit 50

An eval run (``summarizer eval GOLD --report REPORT.md``) saves every summary beside its report. This
script asks the configured backend (the bundled model by default) only the stakeholders call of the
current prompts, for each saved record, through the same pipeline: shared prefix, verification,
merge; a rejected stakeholder is dropped without the re-ask. It then scores actors twice on the same
records, the saved summary as it was and the saved summary with its stakeholders replaced, and
prints both. Casualty reports (their victims and perpetrators are actors too) stay the saved ones.
Answers go to ``REPORT.stakeholders.jsonl`` as each record finishes, so a rerun resumes.
"""

from __future__ import annotations

import json
import time
from typing import Any

from report_files import gold_by_id, report_parser, run_script

from summarizer import ArticleSummary, Settings
from summarizer.api import _client_for
from summarizer.errors import ExtractionError
from summarizer.evaluation.evaluate import run_lines
from summarizer.evaluation.scoring import score_summary
from summarizer.pipeline.drafts import Overview
from summarizer.pipeline.prompts import prompt_version
from summarizer.pipeline.run import Answers, DraftRequest, assemble_summary
from summarizer.schema import Usage


def stakeholders_only(settings: Settings, saved: ArticleSummary, text: str) -> ArticleSummary:
    """The saved summary's overview, and stakeholders from a fresh call with the current prompt."""
    client = _client_for(settings)

    def answer(chunk: int, requests: list[DraftRequest], usage: Usage) -> Answers:
        answers: Answers = {"overview": Overview(headline=saved.headline, summary=saved.summary)}
        for request in requests:
            if request.part == "stakeholders":
                try:
                    answers["stakeholders"] = client.extract(request.messages, request.response_model, usage=usage)
                except ExtractionError as exc:  # lost, as a whole summary reports it (meta.dropped)
                    answers["stakeholders"] = exc
        return answers

    return assemble_summary(text, settings, settings.backend, answer, reask=None)


def actor_totals(pairs: list[tuple[dict[str, Any], ArticleSummary]]) -> str:
    scores = [score_summary(record, summary, 0.0) for record, summary in pairs]
    found, gold = sum(s.actors_found for s in scores), sum(s.actors_gold for s in scores)
    matched, extracted = sum(s.names_matched for s in scores), sum(s.names_extracted for s in scores)
    return (
        f"actor recall {found / max(gold, 1):.3f} ({found}/{gold}), "
        f"precision {matched / max(extracted, 1):.3f} ({matched}/{extracted})"
    )


def main() -> None:
    parser = report_parser(__doc__)
    parser.add_argument("--limit", type=int, help="only the first N saved records")
    parser.add_argument(
        "--retry-empty",
        action="store_true",
        help="ask again for records whose stakeholders came back empty (an answer that never validated "
        "is stored empty): to measure a change to how answers are read, with the same prompts",
    )
    args = parser.parse_args()
    base = args.report.with_suffix("")
    records = gold_by_id(base)
    saved = run_lines(base.with_suffix(".summaries.jsonl"), args.run)
    saved = [s for s in saved if s["summary"]][: args.limit]
    out = base.with_suffix(".stakeholders.jsonl")
    done = {r["id"]: r for r in map(json.loads, out.open(encoding="utf-8"))} if out.exists() else {}
    settings = Settings.resolve()
    version = prompt_version()
    todo = [
        e
        for e in saved
        if e["id"] not in done
        or done[e["id"]]["prompt_version"] != version
        or (args.retry_empty and not done[e["id"]]["stakeholders"])
    ]
    print(f"prompts {version}; {len(saved) - len(todo)} of {len(saved)} records already done")
    for entry in todo:
        started = time.monotonic()
        previous = ArticleSummary.model_validate(entry["summary"])
        summary = stakeholders_only(settings, previous, records[entry["id"]]["text"])
        done[entry["id"]] = row = {
            "id": entry["id"],
            "prompt_version": version,
            "seconds": round(time.monotonic() - started, 1),
            "completion_tokens": summary.meta.usage.completion_tokens,
            "stakeholders": [s.model_dump(mode="json") for s in summary.stakeholders],
            "lost": next((d.reason for d in summary.meta.dropped if "whole section lost" in d.reason), None),
        }
        with out.open("a", encoding="utf-8") as f:
            f.write(json.dumps(row, ensure_ascii=False) + "\n")
        print(entry["id"], row["seconds"], "s", len(row["stakeholders"]), "stakeholders", flush=True)
    pairs = [(records[e["id"]], ArticleSummary.model_validate(e["summary"])) for e in saved if e["id"] in done]
    rerun = [
        (r, ArticleSummary.model_validate({**s.model_dump(), "stakeholders": done[r["id"]]["stakeholders"]}))
        for r, s in pairs
    ]
    print(f"{len(pairs)} records, saved summaries: {actor_totals(pairs)}")
    print(f"{len(pairs)} records, stakeholders re-run with prompts {version}: {actor_totals(rerun)}")
    seconds = [done[r["id"]]["seconds"] for r, _ in pairs]
    print(f"stakeholders call: {sum(seconds) / max(len(seconds), 1):.1f} s a record")


if __name__ == "__main__":
    run_script(main)
