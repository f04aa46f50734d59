"""``summarizer eval``: run the summarizer over gold articles, score it, and write reports.

Records are taken in file order (``--limit N`` = the first N). Each finished record is appended to
``<report>.results.jsonl`` at once (flushed, fsynced), so an interrupted run resumes where it
stopped, and its summary to ``<report>.summaries.jsonl`` (what each score was made from, to read
the misses record by record). The rule baseline is scored on the same records as the reference row.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Iterator
from dataclasses import asdict
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn, TimeRemainingColumn
from rich.table import Table

from summarizer.batch.jsonl_log import append_record, cut_torn_last_line
from summarizer.checks.one_victim import one_victim_reports
from summarizer.checks.rule_counter import count_casualties
from summarizer.errors import GLOBAL_FAILURES, InputError, SummarizerError
from summarizer.evaluation.draft_capture import Summarized, lists_of_drafts, lists_of_summary
from summarizer.evaluation.list_scoring import ListCounts, Lists, by_language, gold_lists_covered, score_lists
from summarizer.evaluation.scoring import RecordScore, aggregate, score_counts, score_summary
from summarizer.pipeline.article import Article
from summarizer.schema import ArticleSummary, CasualtyReport

ONE_VICTIM_BASELINE = "rule baseline + one-victim rule"
COLUMNS = [
    ("records", "n"),
    ("killed_exact", "killed exact"),
    ("killed_within_one", "killed ±1"),
    ("injured_exact", "injured exact"),
    ("both_exact", "both exact"),
    ("both_exact_nonzero", "both exact, non-zero gold"),
    ("actor_recall", "actor recall"),
    ("actor_precision", "actor precision"),
    ("grounded_share", "grounded"),
    ("numbers_not_in_text", "numbers not in text"),
    # Keys kept from when re-asks were always on (reports in the repo use them); with re-asks off the two
    # shares are equal by construction, hence labels that hold either way.
    ("unverified_before_reask", "unverified at first"),
    ("unverified_after_reask", "dropped (after any re-ask)"),
    ("prompt_tokens_per_article", "prompt tok/article"),
    ("completion_tokens_per_article", "completion tok/article"),
    ("seconds_per_article", "s/article"),
    ("failed", "failed"),
]


def _gold_shape_problem(record: dict[str, Any]) -> str | None:
    """What is wrong with a gold record's shape, found before any model call is paid for."""
    gold = record["gold"]
    if not isinstance(record["id"], str) or not record["id"]:
        return "id must be a non-empty string"
    if not isinstance(record["text"], str):
        return "text must be a string"
    if not isinstance(gold, dict):
        return "gold must be an object"
    if not isinstance(record.get("gold_covers", []), list):
        return "gold_covers must be a list"
    for field in ("killed", "injured"):
        value = gold.get(field)
        if value is not None and (isinstance(value, bool) or not isinstance(value, int) or value < 0):
            return f"gold {field} must be a whole number or null, not {value!r}"
    actors = gold.get("actors", [])
    if not isinstance(actors, list) or not all(
        isinstance(actor, dict)
        and isinstance(actor.get("name"), str)
        and isinstance(actor.get("alternatives", []), list)
        and all(isinstance(name, str) for name in actor.get("alternatives", []))
        for actor in actors
    ):
        return 'gold actors must be a list of objects with a string "name" (and a list of "alternatives")'
    return None


def load_gold(path: Path, limit: int | None = None) -> list[dict[str, Any]]:
    if not path.is_file():
        raise InputError(f"No such gold file: {path}")
    records = []
    with path.open("rb") as lines:  # bytes, split on "\n" only: a JSON string may hold U+2028
        for number, raw in enumerate(lines, start=1):
            try:
                line = raw.decode("utf-8")
            except UnicodeDecodeError as exc:
                raise InputError(f"{path}:{number} is not UTF-8 text (byte {exc.start} of the line).") from exc
            if not line.strip():
                continue
            try:
                record = json.loads(line)
            except json.JSONDecodeError as exc:
                raise InputError(f"{path}:{number} is not valid JSON: {exc.msg}") from exc
            if not isinstance(record, dict) or not {"id", "text", "gold"} <= record.keys():
                raise InputError(f"{path}:{number} lacks one of the fields id, text, gold.")
            if problem := _gold_shape_problem(record):
                raise InputError(f"{path}:{number}: {problem}.")
            records.append(record)
            if limit is not None and len(records) >= limit:
                break
    return records


def score_line(data: dict[str, Any]) -> RecordScore:
    """A score back from its line in ``REPORT.results.jsonl`` (which also names its ``config``)."""
    return RecordScore(**{key: value for key, value in data.items() if key != "config"})


def _done(results: Path, config: str) -> tuple[dict[str, RecordScore], int]:
    """Scores already on disk that were made with ``config``, and how many lines were made otherwise.

    A torn last line from a killed run is ignored (and redone). A line from another configuration
    (other prompts, model, strategy...) is not reused: its record is run again, never mixed in.
    """
    done: dict[str, RecordScore] = {}
    other = 0
    if results.is_file():
        try:
            lines = results.read_text(encoding="utf-8").split("\n")
        except UnicodeDecodeError as exc:
            raise InputError(f"{results} is not a results file of summarizer eval (not UTF-8 text).") from exc
        for number, line in enumerate(lines, start=1):
            try:
                data = json.loads(line)
            except json.JSONDecodeError:
                continue
            try:
                if data.get("config", "") != config:
                    other += 1
                    continue
                done[data["id"]] = score_line(data)
            except (AttributeError, KeyError, TypeError) as exc:
                raise InputError(
                    f"{results}:{number} is not a score line of summarizer eval: move the file away or"
                    " choose another --report."
                ) from exc
    return done, other


def runs_in(path: Path) -> list[list[dict[str, Any]]]:
    """The lines of a results or summaries file, one list per run, in the order the runs began.

    Both files are append-only: a rerun after a configuration change adds its lines beside the old
    ones, each marked with its ``config`` (lines written before lines carried one count as one run).
    Within a run, the last line of a record is the one that counts.
    """
    runs: dict[str, dict[str, dict[str, Any]]] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        try:
            data = json.loads(line)
        except json.JSONDecodeError:
            continue  # a torn last line from a killed run
        run = runs.setdefault(data.get("config", ""), {})
        run.pop(data["id"], None)  # keep the order in which the last lines were written
        run[data["id"]] = data
    return [list(run.values()) for run in runs.values()]


def run_lines(path: Path, run: int = -1) -> list[dict[str, Any]]:
    """The lines of one run (see ``runs_in``): by default the one that began last."""
    runs = runs_in(path)
    if not runs:
        return []
    try:
        return runs[run]
    except IndexError:
        raise InputError(f"{path} holds {len(runs)} run(s); there is no run {run}") from None


def _append(path: Path, record: dict[str, Any]) -> None:
    with path.open("a", encoding="utf-8") as out:
        append_record(out, record)


def score_records(
    records: list[dict[str, Any]],
    summarize_fn: Callable[[str], ArticleSummary | Summarized],
    results: Path,
    console: Console | None = None,
    summaries: Path | None = None,
    config: str = "",
) -> Iterator[RecordScore]:
    """Score every record, resuming from ``results``; per-article failures are scored as failures.

    Only scores of the same ``config`` (what the summaries depend on, see ``cache.summary_config``) are
    reused. Each summary made is appended to ``summaries`` (when given) as ``{"id", "summary", "config"}``,
    with ``"drafts"`` (the lists before any check) when ``summarize_fn`` kept them.
    """
    cut_torn_last_line(results)
    done, other = _done(results, config)
    if other and console is not None:
        console.print(f"{other} earlier lines of {results} were made with another configuration: not reused")
    columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
               TextColumn("eta"), TimeRemainingColumn())  # fmt: skip
    with Progress(*columns, console=console, transient=False) as progress:
        task = progress.add_task("summarizing", total=len(records))
        for record in records:
            if record["id"] in done:
                progress.advance(task)
                yield done[record["id"]]
                continue
            started = time.monotonic()
            try:
                made = summarize_fn(record["text"])
                made = made if isinstance(made, Summarized) else Summarized(made)
                seconds = round(time.monotonic() - started - made.extra_seconds, 2)
                score = score_summary(record, made.summary, seconds)
                add_list_scores(score, record, made)
                if summaries is not None:
                    entry = {"id": record["id"], "summary": made.summary.model_dump(mode="json"), "config": config}
                    _append(summaries, entry if made.drafts is None else {**entry, "drafts": made.drafts})
            except GLOBAL_FAILURES:
                raise  # no point going on: every other record would fail the same way (as batch stops)
            except SummarizerError as exc:
                score = RecordScore(
                    id=record["id"],
                    error=type(exc).__name__,
                    error_message=str(exc)[:1000],
                    seconds=time.monotonic() - started,
                )
            _append(results, {**asdict(score), "config": config})
            progress.advance(task)
            yield score


def add_list_scores(score: RecordScore, record: dict[str, Any], made: Summarized) -> None:
    """Score the four lists of what was published and, when kept, of the drafts before any check."""
    if not gold_lists_covered(record):
        return
    score.lists = score_lists(record, lists_of_summary(made.summary)).as_dict()
    if made.drafts is not None:
        score.unverified_lists = score_lists(record, lists_of_drafts(made.drafts)).as_dict()


def _rule_lists(record: dict[str, Any]) -> ListCounts:
    killed, injured = count_casualties(record["text"])
    figures = ((killed or None, injured or None),) if killed or injured else ()
    return score_lists(record, Lists(figures=figures))


UNVERIFIED = "same calls, no verification"


def list_rows(records: list[dict[str, Any]], scores: list[RecordScore], system: str) -> dict[str, dict[str, Any]]:
    """The list scores per language: the rule baseline (figures only), the unverified drafts, the summarizer."""
    by_id = {r["id"]: r for r in records if gold_lists_covered(r)}
    # A failed record published nothing: its gold items count as missed, not left out.
    nothing = {s.id: score_lists(by_id[s.id], Lists()).as_dict() for s in scores if s.error and s.id in by_id}

    def scored(kept: Callable[[RecordScore], dict[str, Any] | None]) -> list[ListCounts]:
        found = [kept(s) if s.error is None else nothing.get(s.id) for s in scores]
        return [ListCounts.from_dict(data) for data in found if data is not None]

    rows: dict[str, dict[str, Any]] = {}
    systems = (
        ("rule baseline", [_rule_lists(r) for r in by_id.values()]),
        (UNVERIFIED, scored(lambda s: s.unverified_lists)),
        (system, scored(lambda s: s.lists)),
    )
    for name, counts in systems:
        for lang, row in by_language(counts).items():
            if name == "rule baseline":  # it counts figures only: its lists are not scored, not zero
                row = {k: v for k, v in row.items() if k == "records" or k.startswith("figures")}
            rows[f"{name}, {lang}"] = row
    return rows


def baseline_row(records: list[dict[str, Any]]) -> dict[str, Any]:
    return aggregate([score_counts(r, *count_casualties(r["text"])) for r in records])


def rule_with_one_victim(text: str) -> tuple[int, int]:
    """The rule baseline's counts, each it leaves at 0 filled by the pipeline's one-victim rule."""
    killed, injured = count_casualties(text)
    counted = CasualtyReport(killed=killed or None, injured=injured or None, evidence=text)
    for report in one_victim_reports([Article.from_text(text)], [counted]):
        killed, injured = killed + (report.killed or 0), injured + (report.injured or 0)
    return killed, injured


def one_victim_baseline_row(records: list[dict[str, Any]]) -> dict[str, Any]:
    """The rule baseline with the same one-victim rule the pipeline has: what the model adds beyond rules."""
    return aggregate([score_counts(r, *rule_with_one_victim(r["text"])) for r in records])


LIST_COLUMNS = [
    ("records", "n"),
    ("conditions_precision", "conditions P"),
    ("conditions_recall", "conditions R"),
    ("conditions_f1", "conditions F1"),
    ("proposals_precision", "proposals P"),
    ("proposals_recall", "proposals R"),
    ("proposals_f1", "proposals F1"),
    ("stakeholders_recall", "stakeholders R"),
    ("stakeholders_precision", "stakeholders P"),
    ("figures_right", "figures right"),
    ("figures_wrong", "figures wrong"),
]


def _cell(row: dict[str, Any], key: str) -> str:
    return "–" if row.get(key) is None else str(row[key])


def markdown_table(rows: dict[str, dict[str, Any]], columns: list[tuple[str, str]] = COLUMNS) -> str:
    header = "| system | " + " | ".join(label for _, label in columns) + " |"
    rule = "|---|" + "---|" * len(columns)
    lines = [header, rule]
    for name, row in rows.items():
        cells = [_cell(row, key) for key, _ in columns]
        lines.append(f"| {name} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def write_reports(
    report: Path,
    rows: dict[str, dict[str, Any]],
    *,
    command: str,
    floor: Any,
    lists: dict[str, dict[str, Any]] | None = None,
) -> None:
    report.parent.mkdir(parents=True, exist_ok=True)
    data = {"command": command, "rows": rows, **({"lists": lists} if lists else {})}
    report.with_suffix(".json").write_text(json.dumps(data, indent=2) + "\n")
    body = [
        "# Evaluation report",
        "",
        f"Command: `{command}`",
        "",
        markdown_table(rows),
        "",
        f"Floor: always answering 0 killed and 0 injured scores {floor} on both exact for these records.",
        "Casualty scores skip records whose gold is null (plural or a range); actor matching: see scoring.py.",
        "'numbers not in text' uses the same check that decides publication (numbers.supports), so it cannot",
        "see a wrong figure its sentence writes: the gold-counted 'figures wrong' below is the evidence.",
        "",
    ]
    if lists:
        body += [
            "## The four lists, per language",
            "",
            markdown_table(lists, LIST_COLUMNS),
            "",
            "Matching rules: list_scoring.py (the eval data's shared rules). Figures: a published killed or",
            f"injured figure is wrong when no gold casualty report of the article has it. '{UNVERIFIED}': the model's",
            "first answer to every list, scored before any check; a failed record counts as publishing nothing.",
            "",
        ]
    report.write_text("\n".join(body), encoding="utf-8")


def print_table(
    console: Console,
    rows: dict[str, dict[str, Any]],
    columns: list[tuple[str, str]] = COLUMNS,
    title: str = "evaluation",
) -> None:
    # Metrics down, systems across: fits a terminal.
    table = Table(title=title)
    table.add_column("metric")
    for name in rows:
        table.add_column(name, justify="right")
    for key, label in columns:
        table.add_row(label, *[_cell(row, key) for row in rows.values()])
    console.print(table)
