"""An eval run's saved drafts put through today's checks: the four-list scores of what they would publish.

    python benchmarks/reverify_drafts.py benchmarks/eval/wikinews_dev

``summarizer eval`` keeps, beside each summary, the model's first answer to every list before any check
(``draft_capture.py``). Those answers are what the checks read, so a change to the checks (not to the
prompts) is measured on them without a model call: each record's drafts are answered again, as a batch
import is, through today's pipeline (the same calls it would make, the same verification, merging and
one-victim rule), and scored against the gold with the shared matching rules. Prints, per language, the
unverified drafts, the run's saved summaries and today's checks, then each record whose matched items
changed, and with ``--costs`` each draft that matches a gold item but that today's checks drop (what
verification costs), with the reason they give. Records longer than one chunk are skipped (their
drafts are kept without their chunk). ``--same-records-as OTHER`` scores only the records that the run
``OTHER`` holds too: two runs (two strategies, say) compared on the same articles.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

from pydantic import BaseModel
from report_files import gold_by_id, report_parser, run_script

from summarizer.config import Settings
from summarizer.evaluation.draft_capture import lists_of_drafts, lists_of_summary
from summarizer.evaluation.evaluate import LIST_COLUMNS, markdown_table, run_lines
from summarizer.evaluation.list_scoring import ListCounts, ListItem, Lists, by_language, score_lists
from summarizer.pipeline.drafts import SECTION_MODELS, Overview
from summarizer.pipeline.run import (
    LIST_SECTIONS,
    AnswerFn,
    Answers,
    DraftRequest,
    article_chunks,
    assemble_summary,
)
from summarizer.schema import ArticleSummary, Usage

SETTINGS = Settings.resolve(base_url="http://replay.invalid/v1", model="replay", mode="json", environ={})


def replayed(
    text: str, saved: ArticleSummary, drafts: dict[str, list[dict[str, Any]]], ask_again: AnswerFn | None = None
) -> ArticleSummary | None:
    """The summary today's pipeline makes of the saved answers, or None for an article of several chunks;
    ``ask_again`` answers the sentences it asks again (``run.asked_again``), none where it is None."""
    if len(article_chunks(text, SETTINGS)) > 1:
        return None

    def answer(chunk: int, requests: list[DraftRequest], usage: Usage) -> Answers:
        answers: Answers = {}
        for request in requests:
            if request.part == "overview":
                answers["overview"] = Overview.model_construct(headline=saved.headline, summary=saved.summary)
            elif request.part in LIST_SECTIONS:
                items = [{k: v for k, v in d.items() if k != "evidence"} for d in drafts.get(request.part, [])]
                model: type[BaseModel] = SECTION_MODELS[request.part]
                answers[request.part] = model.model_validate({request.part: items})
        return answers

    return assemble_summary(text, SETTINGS, "replay", answer, None, ask_again=ask_again)


def saved_drafts(
    report: Path, run: int, gold: dict[str, dict[str, Any]]
) -> Iterator[tuple[dict[str, Any], ArticleSummary, dict[str, list[dict[str, Any]]]]]:
    """Each record of one run of the eval run ``report`` that has gold and saved drafts: the gold record,
    the saved summary and the drafts."""
    for entry in run_lines(report.with_suffix(".summaries.jsonl"), run):
        record, drafts = gold.get(entry["id"]), entry.get("drafts")
        if record is not None and drafts is not None:
            yield record, ArticleSummary.model_validate(entry["summary"]), drafts


def _costs(record: dict[str, Any], drafts: dict[str, list[dict[str, Any]]], today: ArticleSummary) -> list[str]:
    """The drafts that alone would match a gold item but that today's summary does not publish, and why."""
    lines = []
    for section, who, what in (("conditions", "party", "demand"), ("proposals", "proposer", "proposal")):
        published = {getattr(item, what) for item in getattr(today, section)}
        for d in drafts.get(section, []):
            item = ListItem(str(d.get(who) or ""), str(d.get(what) or ""), str(d.get("evidence") or ""))
            alone = score_lists(record, Lists(**{section: (item,)}))
            if getattr(alone, f"{section}_matched") and d.get(what) not in published:
                reasons = [x.reason for x in today.meta.dropped if x.item.get(what) == d.get(what)]
                lines.append(f"  {section}: {item.who!r}: {item.what[:70]!r} -- {reasons[:1] or ['(merged)']}")
    return lines


def main() -> None:
    parser = report_parser(__doc__ or "")
    parser.add_argument("--costs", action="store_true", help="list right drafts that today's checks drop")
    parser.add_argument(
        "--same-records-as", type=Path, metavar="REPORT", help="score only the records another run also holds"
    )
    args = parser.parse_args()
    gold = gold_by_id(args.report)
    if args.same_records_as:  # two runs compared on the records both made
        held = {entry["id"] for entry in run_lines(args.same_records_as.with_suffix(".summaries.jsonl"), -1)}
        gold = {key: record for key, record in gold.items() if key in held}
    rows: dict[str, list[ListCounts]] = {"same calls, no verification": [], "saved summaries": [], "today's checks": []}
    changed = []
    for record, saved, drafts in saved_drafts(args.report, args.run, gold):
        today = replayed(record["text"], saved, drafts)
        if today is None:
            print(f"{record['id']}: several chunks, skipped")
            continue
        scores = [score_lists(record, lists) for lists in (lists_of_drafts(drafts), lists_of_summary(saved))]
        scores.append(score_lists(record, lists_of_summary(today)))
        for name, score in zip(rows, scores, strict=True):
            rows[name].append(score)
        keys = ("conditions_matched", "proposals_matched", "stakeholders_gold_found", "figures_wrong")
        before, after = ({k: getattr(s, k) for k in keys} for s in scores[1:])
        if before != after:
            changed.append(f"{record['id']}: {before} -> {after}")
        if args.costs and (costs := _costs(record, drafts, today)):
            print(record["id"], *costs, sep="\n")
    table = {f"{name}, {lang}": row for name, counts in rows.items() for lang, row in by_language(counts).items()}
    print(markdown_table(table, LIST_COLUMNS))
    print(f"\n{len(changed)} records changed:")
    print("\n".join(changed))


if __name__ == "__main__":
    run_script(main)
