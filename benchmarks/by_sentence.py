"""Conditions and proposals asked for the whole article (``cited``) or one sentence at a time (``sentences``).

    python benchmarks/by_sentence.py benchmarks/eval/wikinews_dev [--limit N]
    python benchmarks/by_sentence.py benchmarks/eval/wikinews_dev --report
    python benchmarks/by_sentence.py benchmarks/eval/wikinews_dev --only sentences --tag quoted [--report]

For each gold record (one chunk long) the embedded model first reads the article (one call of one token,
so both strategies find it in the server's cache, as in a live run where the overview call reads it
first), then answers the two lists as ``cited`` asks (one call each) and as ``sentences`` asks (one call
per candidate sentence), each timed, with its tokens. Every answer is kept in ``REPORT.by_sentence.jsonl``
(an interrupted run resumes). ``--report`` puts each strategy's drafts through today's checks, beside the
other lists' drafts that the eval run ``REPORT`` saved (the same for both), and scores them against the
gold with the shared matching rules: unverified and published, per language, with the seconds and
tokens of the two lists' calls an article. ``--only sentences`` measures that strategy alone and scores
``cited`` from the eval run's own drafts (the same requests); ``--tag`` keeps a new prompt's answers apart.
"""

from __future__ import annotations

import argparse
import json
import statistics
import time
from pathlib import Path
from typing import Any

from report_files import gold_by_id, run_script
from reverify_drafts import replayed

from summarizer.api import _client_for
from summarizer.config import Settings
from summarizer.evaluation.draft_capture import _keep, lists_of_drafts, lists_of_summary
from summarizer.evaluation.evaluate import LIST_COLUMNS, markdown_table, run_lines
from summarizer.evaluation.list_scoring import ListCounts, by_language, score_lists
from summarizer.pipeline.prompts import article_messages
from summarizer.pipeline.run import BY_SENTENCE, LIST_SECTIONS, answer_live, article_chunks, first_pass_requests
from summarizer.schema import ArticleSummary, Usage

STRATEGIES = ("cited", "sentences")


def _measure(record: dict[str, Any], settings: Settings, strategies: tuple[str, ...]) -> dict[str, Any] | None:
    """The strategies' drafts of the two lists for one record, with seconds and tokens; None if chunked."""
    chunks = article_chunks(record["text"], settings)
    if len(chunks) > 1:
        return None
    article = chunks[0]
    client = _client_for(settings)
    client._openai.chat.completions.create(  # the article into the server's cache, as the overview call does
        model=settings.model, messages=article_messages(article, "Reply OK."), max_tokens=1, temperature=0
    )
    line: dict[str, Any] = {"id": record["id"]}
    for strategy in strategies:
        requests = [r for r in first_pass_requests(article, strategy, with_overview=False) if r.part in BY_SENTENCE]
        usage = Usage()
        started = time.monotonic()
        answers = answer_live(client)(0, requests, usage)
        seconds = round(time.monotonic() - started, 2)
        drafts: dict[str, list[dict[str, Any]]] = {section: [] for section in LIST_SECTIONS}
        _keep(drafts, article, answers)
        line[strategy] = {
            "drafts": {s: drafts[s] for s in BY_SENTENCE},
            "calls": len(requests),
            "seconds": seconds,
            "prompt_tokens": usage.prompt_tokens,
            "completion_tokens": usage.completion_tokens,
            "lost": [part for part, answer in answers.items() if not hasattr(answer, part)],
        }
    return line


def _report(base: Path, lines: list[dict[str, Any]]) -> None:
    gold = gold_by_id(base)
    saved = {entry["id"]: entry for entry in run_lines(base.with_suffix(".summaries.jsonl"), -1)}
    rows: dict[str, list[ListCounts]] = {}
    costs: dict[str, list[dict[str, Any]]] = {s: [] for s in STRATEGIES}
    for line in lines:
        entry, record = saved.get(line["id"]), gold[line["id"]]
        if entry is None or entry.get("drafts") is None:
            continue
        summary = ArticleSummary.model_validate(entry["summary"])
        for strategy in STRATEGIES:
            # Where a run measured only "sentences", "cited" is what the eval run drafted (the same calls).
            measured = line.get(strategy) or {"drafts": {s: entry["drafts"].get(s, []) for s in BY_SENTENCE}}
            drafts = {**entry["drafts"], **measured["drafts"]}
            today = replayed(record["text"], summary, drafts)
            if today is None:
                continue
            rows.setdefault(f"{strategy}, no verification", []).append(score_lists(record, lists_of_drafts(drafts)))
            rows.setdefault(f"{strategy}, today's checks", []).append(score_lists(record, lists_of_summary(today)))
            if strategy in line:
                costs[strategy].append(line[strategy])
    table = {f"{name}, {lang}": row for name, counts in rows.items() for lang, row in by_language(counts).items()}
    print(markdown_table(table, LIST_COLUMNS))
    print("\n| strategy | articles | calls | s (median) | s (mean) | prompt tok | completion tok |")
    print("|---|---|---|---|---|---|---|")
    for strategy, measured in costs.items():
        if measured:
            n = len(measured)
            print(
                f"| {strategy} | {n} | {sum(m['calls'] for m in measured) / n:.1f} | "
                f"{statistics.median(m['seconds'] for m in measured):.1f} | "
                f"{sum(m['seconds'] for m in measured) / n:.1f} | "
                f"{sum(m['prompt_tokens'] for m in measured) / n:.0f} | "
                f"{sum(m['completion_tokens'] for m in measured) / n:.0f} |"
            )


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("report", type=Path, help="the --report path of an eval run with saved drafts, no suffix")
    parser.add_argument("--limit", type=int, help="measure only the first N records")
    parser.add_argument("--report", dest="only_report", action="store_true", help="score what was measured")
    parser.add_argument("--only", choices=STRATEGIES, help="measure one strategy; cited is then the eval run's drafts")
    parser.add_argument("--tag", help="keep the answers in REPORT.by_sentence.TAG.jsonl (a prompt's new version)")
    args = parser.parse_args()
    out = args.report.with_suffix(f".by_sentence.{args.tag}.jsonl" if args.tag else ".by_sentence.jsonl")
    strategies = (args.only,) if args.only else STRATEGIES
    lines = [json.loads(x) for x in out.read_text(encoding="utf-8").splitlines()] if out.exists() else []
    if not args.only_report:
        settings = Settings.resolve()
        done = {line["id"] for line in lines}
        for record in list(gold_by_id(args.report).values())[: args.limit]:
            if record["id"] in done:
                continue
            line = _measure(record, settings, strategies)
            if line is None:
                print(f"{record['id']}: several chunks, skipped")
                continue
            with out.open("a", encoding="utf-8") as file:
                file.write(json.dumps(line, ensure_ascii=False) + "\n")
            lines.append(line)
            print(record["id"], {s: (line[s]["calls"], line[s]["seconds"]) for s in strategies}, flush=True)
    _report(args.report, lines)


if __name__ == "__main__":
    run_script(main)
