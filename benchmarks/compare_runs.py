"""Two runs of ``summarizer eval`` over the same gold file, compared on the records both scored.

    python benchmarks/compare_runs.py benchmarks/eval/muc4_dev_short100

``REPORT.results.jsonl`` keeps the score lines of every run (a rerun after a prompt or model change
appends its own, each marked with its ``config``). This prints one Markdown table row per
configuration, each over the records that every configuration scored, plus the rule baseline on
those records: a like-for-like comparison while a new run is still partial. Lines written before
lines carried a configuration count as one run ("(no config recorded)").
"""

from __future__ import annotations

import argparse
import json
from dataclasses import fields
from pathlib import Path

from summarizer.evaluate import baseline_row, markdown_table, runs_in
from summarizer.scoring import RecordScore, aggregate


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("report", type=Path, help="the --report path of the eval runs, without its suffix")
    base = parser.parse_args().report.with_suffix("")
    names = {f.name for f in fields(RecordScore)}
    runs: dict[str, dict[str, RecordScore]] = {}
    for lines in runs_in(base.with_suffix(".results.jsonl")):
        config = lines[0].get("config") or "(no config recorded)"
        runs[config] = {line["id"]: RecordScore(**{k: v for k, v in line.items() if k in names}) for line in lines}
    common = set.intersection(*(set(scores) for scores in runs.values())) if runs else set()
    records = [r for r in map(json.loads, base.with_suffix(".jsonl").open(encoding="utf-8")) if r["id"] in common]
    rows = {"rule baseline": baseline_row(records)}
    for config, scores in runs.items():
        rows[config] = aggregate([scores[r["id"]] for r in records])
    print(f"{len(records)} records scored by all {len(runs)} runs")
    print(markdown_table(rows))


if __name__ == "__main__":
    main()
