"""An eval run's saved casualty reports put through today's checks, with the scores before and after.

    python benchmarks/recheck_casualties.py benchmarks/eval/muc4_dev200

A long run keeps the code it started with (its resume keys on prompts, schema and settings, not code),
so a check added while it runs is not in its results. Every casualty check reads only a report's
figures and its cited sentence, so it applies to a saved report exactly as it would have in the run:
each report the model gave is verified again (from the sentence its evidence is, with no
``figure_text`` hint: a saved report already sits in the sentence that holds its figure), then the
one-victim rule runs on what remains, as the pipeline runs it. A check can only withdraw or correct a
saved report here; what it would have let through instead is not known without running the model.
Prints every report that changed and the scores of the saved and the rechecked summaries.
"""

from __future__ import annotations

from report_files import gold_by_id, report_parser, run_script

from summarizer.config import Settings
from summarizer.drafts import CasualtyDraft
from summarizer.evaluate import markdown_table, run_lines
from summarizer.one_victim import one_victim_reports
from summarizer.pipeline import article_chunks
from summarizer.prompts import Article
from summarizer.schema import ArticleSummary, CasualtyReport
from summarizer.scoring import aggregate, score_summary
from summarizer.verify import Rejected, verify_item

_DETAILS = ("killed", "injured", "qualifier", "date", "location", "victims", "perpetrator", "attribution")


def recheck(report: CasualtyReport, chunks: list[Article]) -> CasualtyReport | str:
    """The report as today's checks publish it, or the reason they withdraw it."""
    assert report.evidence_span is not None
    for article in chunks:
        for sentence in article.sentences:
            if article.offset + sentence.start == report.evidence_span.start:
                draft = CasualtyDraft.model_validate(
                    {"sentence": sentence.number, "figure_text": "", **report.model_dump(include=set(_DETAILS))}
                )
                result = verify_item("casualties", draft, article)
                return result.reason if isinstance(result, Rejected) else result  # type: ignore[return-value]
    return "its sentence is not found in today's chunks of the article"


def main() -> None:
    args = report_parser(__doc__).parse_args()
    base = args.report.with_suffix("")
    gold = gold_by_id(base)
    settings = Settings.resolve(environ={})
    saved, rechecked = [], []
    for entry in run_lines(base.with_suffix(".summaries.jsonl"), args.run):
        if not entry["summary"]:
            continue
        record = gold[entry["id"]]
        summary = ArticleSummary.model_validate(entry["summary"])
        chunks = article_chunks(record["text"], settings)
        kept = []
        for report in (r for r in summary.casualties if r.read_by == "model"):
            result = recheck(report, chunks)
            if isinstance(result, str):
                print(f"{entry['id']}: withdrawn {report.killed}/{report.injured}: {result}")
                continue
            if (result.killed, result.injured) != (report.killed, report.injured):
                print(f"{entry['id']}: {report.killed}/{report.injured} now {result.killed}/{result.injured}")
            kept.append(result)
        rules = one_victim_reports(chunks, kept)
        if [r.evidence for r in rules] != [r.evidence for r in summary.casualties if r.read_by == "rule"]:
            added = [(r.killed, r.injured, r.evidence[:80]) for r in rules]
            print(f"{entry['id']}: the one-victim rule now adds {added}")
        before = score_summary(record, summary, 0.0)
        after = score_summary(record, summary.model_copy(update={"casualties": kept + rules}), 0.0)
        if (before.killed, before.injured) != (after.killed, after.injured):
            gold_counts = f"{after.gold_killed}/{after.gold_injured}"
            print(f"    {before.killed}/{before.injured} -> {after.killed}/{after.injured}, gold {gold_counts}")
        saved.append(before)
        rechecked.append(after)
    print(f"{len(saved)} summaries")
    print(markdown_table({"saved summaries": aggregate(saved), "with today's casualty checks": aggregate(rechecked)}))


if __name__ == "__main__":
    run_script(main)
