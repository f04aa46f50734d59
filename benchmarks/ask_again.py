"""What asking a sentence again (``pipeline.run.asked_again``) gives on an eval run's saved answers.

    python benchmarks/ask_again.py benchmarks/eval/wikinews_dev_s22 [--report]

Each record's saved first answers (``summarizer eval`` keeps them) are verified as a live run verifies
them. The sentences whose answer only said what other sentences state are asked again of the embedded
model, live, and its answers are kept in ``REPORT.ask_again.jsonl`` (an interrupted run resumes; a
record already there is not asked again). Prints each call asked again with what it answered, then the
four-list scores of the saved answers alone and with the answers asked again, per language, scored
against the gold with the shared matching rules. ``--report`` only reads what was kept.
"""

from __future__ import annotations

import json
import time
from typing import Any

from pydantic import BaseModel
from report_files import gold_by_id, report_parser, run_script
from reverify_drafts import replayed, saved_drafts

from summarizer.api import _client_for
from summarizer.config import Settings
from summarizer.errors import ExtractionError
from summarizer.evaluation.draft_capture import lists_of_summary
from summarizer.evaluation.evaluate import LIST_COLUMNS, markdown_table
from summarizer.evaluation.list_scoring import ListCounts, by_language, score_lists
from summarizer.llm.client import LLMClient
from summarizer.pipeline.drafts import SECTION_MODELS
from summarizer.pipeline.prompts import prompt_version
from summarizer.pipeline.run import AnswerFn, Answers, DraftRequest, answer_live
from summarizer.schema import Usage


def _asking(kept: dict[str, dict[str, Any]], record_id: str, client: LLMClient | None, asked: list[str]) -> AnswerFn:
    """Answers to the calls asked again: those kept for ``record_id``, else asked live (and kept); with
    no client, the calls not kept are left unanswered. Each call's key goes to ``asked``."""

    def ask(chunk: int, requests: list[DraftRequest], usage: Usage) -> Answers:
        answers: Answers = {}
        for request in requests:
            key = f"{record_id}#{chunk}#{request.key}#{prompt_version()}"  # a new prompt is asked anew
            asked.append(key)
            if key not in kept:
                if client is None:
                    continue
                started, calls = time.monotonic(), Usage()
                answer = answer_live(client)(chunk, [request], calls)[request.part]
                kept[key] = {
                    "key": key,
                    "task": request.messages[-1]["content"].rsplit(">>>", 1)[-1].strip(),
                    "answer": str(answer) if isinstance(answer, ExtractionError) else answer.model_dump(mode="json"),
                    "seconds": round(time.monotonic() - started, 2),
                    "completion_tokens": calls.completion_tokens,
                }
                print(json.dumps(kept[key], ensure_ascii=False), flush=True)
            saved = kept[key]["answer"]
            model: type[BaseModel] = SECTION_MODELS[request.part]
            answers[request.part] = ExtractionError(saved) if isinstance(saved, str) else model.model_validate(saved)
        return answers

    return ask


def main() -> None:
    parser = report_parser(__doc__ or "")
    parser.add_argument("--report", dest="only_report", action="store_true", help="score what was kept")
    args = parser.parse_args()
    out = args.report.with_suffix(".ask_again.jsonl")
    kept = (
        {line["key"]: line for line in map(json.loads, out.read_text(encoding="utf-8").splitlines())}
        if out.exists()
        else {}
    )
    client = None if args.only_report else _client_for(Settings.resolve())
    gold = gold_by_id(args.report)
    rows: dict[str, list[ListCounts]] = {"saved answers": [], "with the sentences asked again": []}
    asked: list[str] = []
    for record, saved, drafts in saved_drafts(args.report, args.run, gold):
        before = replayed(record["text"], saved, drafts)
        if before is None:
            continue
        count = len(kept)
        after = replayed(record["text"], saved, drafts, _asking(kept, record["id"], client, asked))
        assert after is not None
        if len(kept) > count:
            with out.open("w", encoding="utf-8") as file:
                file.writelines(json.dumps(line, ensure_ascii=False) + "\n" for line in kept.values())
        for name, summary in zip(rows, (before, after), strict=True):
            rows[name].append(score_lists(record, lists_of_summary(summary)))
    seconds = sum(kept[key]["seconds"] for key in asked if key in kept)
    print(f"{len(asked)} calls asked again by today's code, {seconds:.1f} s in all (as kept)")
    if pending := [key for key in asked if key not in kept]:
        print(f"{len(pending)} of them not asked yet (run without --report): {', '.join(pending)}")
    table = {f"{name}, {lang}": row for name, counts in rows.items() for lang, row in by_language(counts).items()}
    print(markdown_table(table, LIST_COLUMNS))


if __name__ == "__main__":
    run_script(main)
