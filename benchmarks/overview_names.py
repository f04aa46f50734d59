"""What the headline and summary check (``summarizer/overview_check.py``) does over an eval run's summaries.

    python benchmarks/overview_names.py benchmarks/eval/muc4_dev_short100

Reads ``REPORT.summaries.jsonl`` (the latest run, or ``--run N``) and the gold file ``REPORT.jsonl``
for the texts. Summaries made before the check existed hold the model's prose as it came: the check
is applied to it now. Summaries made with the check report what it took out in ``meta.dropped``
(section ``overview``): those entries are counted. Prints every removed sentence and replaced
headline with the words that were not the article's, then the totals, for a human to judge which
were invented names and which ordinary words.
"""

from __future__ import annotations

from report_files import gold_by_id, report_parser, run_script

from summarizer.checks.overview_check import check_overview
from summarizer.evaluation.evaluate import run_lines


def main() -> None:
    parser = report_parser(__doc__)
    args = parser.parse_args()
    base = args.report.with_suffix("")
    gold = gold_by_id(base)
    summaries = trimmed = replaced = 0
    for entry in run_lines(base.with_suffix(".summaries.jsonl"), args.run):
        summary = entry["summary"]
        if not summary:
            continue
        summaries += 1
        earlier = [d for d in summary["meta"]["dropped"] if d["section"] == "overview"]
        _, _, now = check_overview(summary["headline"], summary["summary"], gold[entry["id"]]["text"])
        reasons = [d["reason"] for d in earlier] + [d.reason for d in now]
        trimmed += any(r.startswith("summary sentence removed") for r in reasons)
        replaced += any(r.startswith("headline replaced") for r in reasons)
        for reason in reasons:
            print(entry["id"], reason)
    print(f"{summaries} summaries: {trimmed} lost a sentence, {replaced} had their headline replaced")


if __name__ == "__main__":
    run_script(main)
