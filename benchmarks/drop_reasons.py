"""What verification did to the model's items over an eval run: totals, and why items were dropped.

    python benchmarks/drop_reasons.py benchmarks/eval/muc4_dev_short100

Reads ``REPORT.results.jsonl`` (the per-record counts ``summarizer eval`` writes) and
``REPORT.summaries.jsonl`` (the summaries, with ``meta.dropped``), both written beside ``--report``;
of a report run more than once (a rerun after a prompt change appends), the latest run is read
unless ``--run`` names another (0 the first).
It also counts the re-asks (summaries made with re-asks on) and the items they recovered.
The reasons are grouped by the wording verify.py gives them; "cleared" entries are fields set to
null on items that were kept, counted apart from dropped items.
"""

from __future__ import annotations

import re
from collections import Counter

from report_files import report_parser, run_script

from summarizer.evaluation.evaluate import run_lines

# First match wins; the patterns follow the reasons verify.py writes.
GROUPS = [
    (r"^cleared:", "field cleared, item kept"),
    (r"^corrected:", "figure corrected from its sentence, item kept"),
    (r"whole section lost", "answer never validated (whole section lost)"),
    (r"^answer (cut at|listed)", "a long answer cut: its first items kept (note, not an item)"),
    (r"^(summary sentence removed|headline replaced):", "headline or summary naming what the article does not"),
    (r"need a human reader", "figures the rule cannot place, left to a human reader"),
    (r"running total", "a running total, not one incident's toll"),
    (r"counts a part of the harmed", 'a part of a toll ("five of the murdered"), not a toll'),
    (r"restates a condition", "a proposal restating a condition"),
    (r"is not named in sentence", "party or proposer not named where its demand or offer is"),
    (r"states no (condition|proposal)", "cited sentence states no condition or proposal"),
    (r"is not what sentence", "item's words not in its cited sentence"),
    (r"neither a killed nor", "casualty item with no figure"),
    (r"reports no one killed|says no one was hurt", "figure from a sentence reporting no one killed or injured"),
    (r"not written in sentence", "figure not written in its sentence"),
    (r"is not named in the article", "name not in the article"),
    (r"is a sentence, not a name", "a sentence given as a name"),
    (r"not found|does not exist|not located", "evidence not located, or no such sentence"),
]


def group(reason: str) -> str:
    return next((label for pattern, label in GROUPS if re.search(pattern, reason)), "other")


def main() -> None:
    parser = report_parser(__doc__)
    args = parser.parse_args()
    base = args.report.with_suffix("")
    scores = run_lines(base.with_suffix(".results.jsonl"), args.run)
    drafted = sum(s["drafted"] for s in scores)
    rejected, dropped = sum(s["rejected_first_pass"] for s in scores), sum(s["dropped"] for s in scores)
    print(f"{len(scores)} records: {drafted} items proposed, {rejected} ({rejected / drafted:.1%}) failed the first "
          f"pass, {dropped} ({dropped / drafted:.1%}) dropped after the re-ask, {sum(s['items'] for s in scores)} "
          f"published ({sum(s['items_grounded'] for s in scores)} located); numbers not in text: "
          f"{sum(s['numbers_not_in_text'] for s in scores)}")  # fmt: skip
    reasons: Counter[str] = Counter()
    reasks: Counter[str] = Counter()
    for entry in run_lines(base.with_suffix(".summaries.jsonl"), args.run):
        summary = entry["summary"]
        reasons.update(group(d["reason"]) for d in (summary["meta"]["dropped"] if summary else []))
        counts = summary["meta"]["verification"] if summary else {}
        reasks.update(records=1, with_reask=bool(counts.get("reasked")))
        reasks.update({key: counts.get(key, 0) for key in ("reasked", "recovered_by_reask")})
    print(f"re-asks: {reasks['with_reask']} of {reasks['records']} summaries made one; {reasks['reasked']} items "
          f"re-asked, {reasks['recovered_by_reask']} recovered")  # fmt: skip
    for label, count in reasons.most_common():
        print(f"{count:6d}  {label}")


if __name__ == "__main__":
    run_script(main)
