"""Two runs of ``summarizer eval`` over the same gold file, compared on the records both scored.

    python benchmarks/compare_runs.py benchmarks/eval/muc4_dev_short100

``REPORT.results.jsonl`` keeps the score lines of every run (a rerun after a prompt or model change
appends its own, each marked with its ``config``). This prints one Markdown table row per
configuration, each over the records that every configuration scored, plus the rule baseline on
those records: a like-for-like comparison while a new run is still partial. Lines written before
lines carried a configuration count as one run ("(no config recorded)").
"""

from __future__ import annotations

from report_files import gold_by_id, report_parser, run_script

from summarizer.evaluation.evaluate import baseline_row, markdown_table, runs_in, score_line
from summarizer.evaluation.scoring import RecordScore, aggregate


def main() -> None:
    base = report_parser(__doc__, one_run=False).parse_args().report.with_suffix("")
    runs: dict[str, dict[str, RecordScore]] = {}
    for lines in runs_in(base.with_suffix(".results.jsonl")):
        config = lines[0].get("config") or "(no config recorded)"
        runs[config] = {line["id"]: score_line(line) for line in lines}
    common = set.intersection(*(set(scores) for scores in runs.values())) if runs else set()
    records = [r for r in gold_by_id(base).values() if r["id"] in common]
    rows = {"rule baseline": baseline_row(records)}
    for config, scores in runs.items():
        rows[config] = aggregate([scores[r["id"]] for r in records])
    print(f"{len(records)} records scored by all {len(runs)} runs")
    print(markdown_table(rows))


if __name__ == "__main__":
    run_script(main)
