"""Which gold actors an eval run's saved summaries miss, by the gold's role, and whether the text writes them.

    python benchmarks/actor_misses.py benchmarks/eval/muc4_dev200

Actor recall counts gold actors found among the summary's stakeholders, perpetrators and victims
(``summarizer.evaluation.scoring``). This splits it by the MUC-4 key's role (a perpetrator organisation, a named
victim, a victim description such as "PEASANTS"...) and says how many of the missed ones the article
writes word for word: those a model could have copied, as opposed to names the key spells its own way.
It also splits the extracted actors that match no gold actor by where the summary put them. No model
call: the saved summaries only.
"""

from __future__ import annotations

import re
from collections import Counter

from report_files import gold_by_id, report_parser, run_script

from summarizer.evaluation.evaluate import run_lines
from summarizer.evaluation.scoring import covered, names_match, normalize_name
from summarizer.schema import ArticleSummary


def _written_in(names: list[str], text: str) -> bool:
    return any(re.search(rf"(?<!\w){re.escape(name)}(?!\w)", text, re.IGNORECASE) for name in names)


def _extracted(summary: ArticleSummary) -> list[tuple[str, list[frozenset[str]]]]:
    """Each extracted actor (as ``scoring.extracted_actors`` gives them), with where the summary put it."""
    actors = [
        (f"stakeholder ({s.kind})", [normalize_name(n) for n in (s.name, *s.aliases, *([s.role] if s.role else []))])
        for s in summary.stakeholders
    ]
    for report in summary.casualties:
        actors += [
            (field, [normalize_name(value)])
            for field in ("perpetrator", "victims")
            if (value := getattr(report, field))
        ]
    return actors


def main() -> None:
    args = report_parser(__doc__).parse_args()
    base = args.report.with_suffix("")
    gold = gold_by_id(base)
    gold_n: Counter[str] = Counter()
    found: Counter[str] = Counter()
    missed_written: Counter[str] = Counter()
    extracted_n: Counter[str] = Counter()
    unmatched: Counter[str] = Counter()
    for entry in run_lines(base.with_suffix(".summaries.jsonl"), args.run):
        record = gold[entry["id"]]
        if not entry["summary"] or not covered(record)[1]:
            continue
        extracted = _extracted(ArticleSummary.model_validate(entry["summary"]))
        gold_actors = [
            (actor.get("role", "unknown"), [actor["name"], *actor.get("alternatives", [])])
            for actor in record["gold"].get("actors", [])
        ]
        for role, names in gold_actors:
            gold_n[role] += 1
            alternatives = [normalize_name(n) for n in names]
            if any(names_match(g, p) for g in alternatives for _, predicted in extracted for p in predicted):
                found[role] += 1
            elif _written_in(names, record["text"]):
                missed_written[role] += 1
        for where, predicted in extracted:
            extracted_n[where] += 1
            if not any(names_match(normalize_name(g), p) for _, names in gold_actors for g in names for p in predicted):
                unmatched[where] += 1
    print("| gold role | gold actors | found | recall | missed, written word for word in the text |")
    print("|---|---|---|---|---|")
    for role, n in gold_n.most_common():
        print(f"| {role} | {n} | {found[role]} | {found[role] / n:.3f} | {missed_written[role]} of {n - found[role]} |")
    total = sum(gold_n.values())
    missed = total - sum(found.values())
    print(f"| all | {total} | {sum(found.values())} | {sum(found.values()) / max(total, 1):.3f} |"
          f" {sum(missed_written.values())} of {missed} |")  # fmt: skip
    print()
    print("| extracted as | actors | matching no gold actor |")
    print("|---|---|---|")
    for where, n in extracted_n.most_common():
        print(f"| {where} | {n} | {unmatched[where]} ({unmatched[where] / n:.0%}) |")


if __name__ == "__main__":
    run_script(main)
