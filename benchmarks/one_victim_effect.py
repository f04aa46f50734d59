"""What the one-victim rule (``summarizer/one_victim.py``) changes in an eval run's casualty scores.

    python benchmarks/one_victim_effect.py benchmarks/eval/muc4_dev_short100 --run 0

Reads ``REPORT.summaries.jsonl`` (the latest run, or ``--run N``) and the gold file ``REPORT.jsonl``.
The rule runs after verification on the published reports and the article alone, so it can be applied
to summaries saved before it existed exactly as the pipeline applies it now (summaries that already
hold a rule report are scored as they are). Prints the scores without and with the rule, the rule
baseline on the same records with and without it (what the model adds beyond rules), and every record
whose figures the rule changed, for a human to read.
"""

from __future__ import annotations

from report_files import gold_by_id, report_parser, run_script

from summarizer.checks.one_victim import one_victim_reports
from summarizer.config import Settings
from summarizer.evaluation.evaluate import (
    ONE_VICTIM_BASELINE,
    baseline_row,
    markdown_table,
    one_victim_baseline_row,
    run_lines,
)
from summarizer.evaluation.scoring import aggregate, score_summary
from summarizer.pipeline.run import article_chunks
from summarizer.schema import ArticleSummary


def main() -> None:
    args = report_parser(__doc__).parse_args()
    base = args.report.with_suffix("")
    gold = gold_by_id(base)
    settings = Settings.resolve(environ={})
    without, with_rule, records = [], [], []
    for entry in run_lines(base.with_suffix(".summaries.jsonl"), args.run):
        if not entry["summary"]:
            continue
        record = gold[entry["id"]]
        summary = ArticleSummary.model_validate(entry["summary"])
        model_only = [c for c in summary.casualties if c.read_by == "model"]
        before = summary.model_copy(update={"casualties": model_only})
        added = one_victim_reports(article_chunks(record["text"], settings), model_only)
        after = summary.model_copy(update={"casualties": model_only + added})
        without.append(score_summary(record, before, entry.get("seconds", 0.0)))
        with_rule.append(score_summary(record, after, entry.get("seconds", 0.0)))
        records.append(record)
        for report in added:
            old, new = without[-1], with_rule[-1]
            print(
                f"{entry['id']}: +{report.killed or 0} killed, +{report.injured or 0} injured "
                f"(gold {new.gold_killed}/{new.gold_injured}; was {old.killed}/{old.injured}) "
                f"victims {report.victims!r}: {report.evidence[:100]!r}"
            )
    rows = {
        "rule baseline": baseline_row(records),
        ONE_VICTIM_BASELINE: one_victim_baseline_row(records),
        "saved summaries, model's reports only": aggregate(without),
        "with the one-victim rule": aggregate(with_rule),
    }
    print(f"{len(records)} summaries")
    print(markdown_table(rows))


if __name__ == "__main__":
    run_script(main)
