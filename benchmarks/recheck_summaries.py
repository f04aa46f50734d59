"""An eval run's saved summaries put through today's checks, with the scores before and after.

    python benchmarks/recheck_summaries.py benchmarks/eval/muc4_dev200

A long run keeps the code it started with (its resume keys on prompts, schema and settings, not code),
so a check added while it runs is not in its results. Every check reads only an item's fields and its
sentence, so it applies to a saved item as it would have in the run: each item the model gave is
verified again from the sentence its evidence is (a casualty report with no ``figure_text`` hint: it
already sits in the sentence that holds its figure), then the one-victim rule runs on the casualty
reports that remain, as the pipeline runs it. A check can only withdraw or correct a saved item here;
what it would have let through instead is not known without running the model. Prints every item
withdrawn or changed and the scores of the saved and the rechecked summaries.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel
from report_files import gold_by_id, report_parser, run_script

from summarizer.checks.one_victim import one_victim_reports
from summarizer.checks.verify import Rejected, verify_item
from summarizer.config import Settings
from summarizer.evaluation.evaluate import markdown_table, run_lines
from summarizer.evaluation.scoring import aggregate, score_summary
from summarizer.pipeline.article import Article
from summarizer.pipeline.drafts import CasualtyDraft, ConditionDraft, ProposalDraft, StakeholderDraft
from summarizer.pipeline.run import article_chunks
from summarizer.schema import ArticleSummary

# What the model drafted for each list, as the published item still holds it.
_DRAFTS: dict[str, tuple[type[BaseModel], tuple[str, ...]]] = {
    "conditions": (ConditionDraft, ("party", "addressee", "demand", "attribution", "certainty")),
    "proposals": (ProposalDraft, ("proposer", "proposal", "addressee", "when", "where", "status", "attribution")),
    "casualties": (
        CasualtyDraft,
        ("killed", "injured", "qualifier", "date", "location", "victims", "perpetrator", "attribution"),
    ),
    "stakeholders": (StakeholderDraft, ("name", "kind", "role", "position")),
}


def recheck(section: str, item: Any, chunks: list[Article]) -> Any:
    """The item as today's checks publish it, or the reason (a string) they withdraw it."""
    assert item.evidence_span is not None
    draft_type, fields = _DRAFTS[section]
    extra = {"figure_text": ""} if section == "casualties" else {}
    for article in chunks:
        for sentence in article.sentences:
            if article.offset + sentence.start == item.evidence_span.start:
                draft = draft_type.model_validate(
                    {"sentence": sentence.number, **extra, **item.model_dump(include=set(fields))}
                )
                result = verify_item(section, draft, article)  # type: ignore[arg-type]
                return result.reason if isinstance(result, Rejected) else result
    return "its sentence is not found in today's chunks of the article"


def _recheck_list(section: str, entry_id: str, items: list[Any], chunks: list[Article]) -> list[Any]:
    kept = []
    for item in items:
        result = recheck(section, item, chunks)
        if isinstance(result, str):
            print(f"{entry_id}: {section} withdrawn {_label(section, item)}: {result}")
            continue
        if section == "casualties" and (result.killed, result.injured) != (item.killed, item.injured):
            print(f"{entry_id}: {item.killed}/{item.injured} now {result.killed}/{result.injured}")
        kept.append(result)
    return kept


def _label(section: str, item: Any) -> str:
    if section == "casualties":
        return f"{item.killed}/{item.injured}"
    return repr(getattr(item, {"conditions": "demand", "proposals": "proposal"}.get(section, "name"))[:60])


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
        lists = {
            section: _recheck_list(section, entry["id"], getattr(summary, section), chunks)
            for section in ("conditions", "proposals", "stakeholders")
        }
        kept = _recheck_list("casualties", entry["id"], [r for r in summary.casualties if r.read_by == "model"], chunks)
        rules = one_victim_reports(chunks, kept)
        if [r.evidence for r in rules] != [r.evidence for r in summary.casualties if r.read_by == "rule"]:
            added = [(r.killed, r.injured, r.evidence[:80]) for r in rules]
            print(f"{entry['id']}: the one-victim rule now adds {added}")
        before = score_summary(record, summary, 0.0)
        after = score_summary(record, summary.model_copy(update={**lists, "casualties": kept + rules}), 0.0)
        if (before.killed, before.injured) != (after.killed, after.injured):
            gold_counts = f"{after.gold_killed}/{after.gold_injured}"
            print(f"    {before.killed}/{before.injured} -> {after.killed}/{after.injured}, gold {gold_counts}")
        saved.append(before)
        rechecked.append(after)
    print(f"{len(saved)} summaries")
    print(markdown_table({"saved summaries": aggregate(saved), "with today's checks": aggregate(rechecked)}))


if __name__ == "__main__":
    run_script(main)
