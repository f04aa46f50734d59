"""The report of a ``summarizer eval`` run from the scores on file, without a backend: for a run cut short.

    python benchmarks/report_partial.py benchmarks/eval/wikinews_dev

``summarizer eval`` writes its report when every record is scored; a long run stopped early (it resumes
when run again) keeps its scores in ``REPORT.results.jsonl``. This writes ``REPORT.md`` and
``REPORT.json`` from one run of them (``--run``), over the records that run scored, with the same rows as
the eval (the rule baselines, the summarizer, and the four lists per language), and says how many of
the gold records it covers.
"""

from __future__ import annotations

from report_files import gold_by_id, report_parser, run_script

from summarizer.evaluation.evaluate import (
    ONE_VICTIM_BASELINE,
    baseline_row,
    list_rows,
    one_victim_baseline_row,
    run_lines,
    score_line,
    write_reports,
)
from summarizer.evaluation.scoring import aggregate


def main() -> None:
    args = report_parser(__doc__ or "").parse_args()
    base = args.report.with_suffix("")
    lines = run_lines(base.with_suffix(".results.jsonl"), args.run)
    gold = gold_by_id(base)
    scores = {line["id"]: score_line(line) for line in lines}
    records = [record for record in gold.values() if record["id"] in scores]  # in the gold's order
    # The run's config is "backend model mode strategy prompts schema": name the model and its strategy.
    config = (lines[0].get("config") or "").split(" ") if lines else []
    system = f"{config[1]} ({config[3]})" if len(config) > 3 else "summarizer"
    ordered = [scores[record["id"]] for record in records]
    rows = {"rule baseline": baseline_row(records), ONE_VICTIM_BASELINE: one_victim_baseline_row(records)}
    rows[system] = aggregate(ordered)
    command = f"python benchmarks/report_partial.py {base} ({len(records)} of {len(gold)} gold records scored)"
    write_reports(
        base.with_suffix(".md"),
        rows,
        command=command,
        floor=rows["rule baseline"]["floor_all_zero"],
        lists=list_rows(records, ordered, system),
    )
    print(base.with_suffix(".md").read_text(encoding="utf-8"))


if __name__ == "__main__":
    run_script(main)
