"""Seconds, tokens and scores of the default pipeline on ten fixed dev articles, one run per label.

    python benchmarks/speed_ten.py LABEL [--article PATH ...] [--only ID ...]
    python benchmarks/speed_ten.py --report

Runs ``summarize`` (no result cache) on the ten articles below, one after the other on one local
server, and appends one line per article to ``benchmarks/speed/LABEL.jsonl`` (an interrupted run
resumes). Each line holds the wall seconds, the tokens and calls, the server's own timings read from
its log (prompt evaluation, generation, and the rest of its time: sampling and the JSON grammar),
and the article's list scores against the gold. The table printed compares every label run so far:
median seconds, tokens per article and per call, the pipeline's overhead over the server's own time
(the raw ``llama_cpp.server`` cost of the same requests), and the lists' F1 and figures right/wrong.
``--article`` times extra articles without gold (the example article, for instance); ``--summaries DIR``
keeps each summary (keep a text that is not ours out of the repo).

The set: six Wikinews records (four English, two French) and four MUC-4 records, all under 500 words,
from 141 to 468 words; chosen by length and topic once, never changed (a fixed set makes labels
comparable). The Wikinews texts are CC BY 2.5 (benchmarks/eval/NOTICE.md).
"""

from __future__ import annotations

import argparse
import json
import re
import statistics
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from report_files import gold_by_id, run_script  # noqa: E402

from summarizer.api import _client_for  # noqa: E402
from summarizer.config import Settings, cache_dir  # noqa: E402
from summarizer.evaluation.draft_capture import lists_of_summary  # noqa: E402
from summarizer.evaluation.list_scoring import ListCounts, aggregate_lists, gold_lists_covered, score_lists  # noqa: E402
from summarizer.pipeline.run import summarize_with  # noqa: E402

SET = {
    "benchmarks/eval/wikinews_dev.jsonl": (
        "wn-en-president-trump-says-he-can-and-may-put-us-into-state-of",
        "wn-fr-égypte-le-parti-des-frères-musulmans-exige-les-résultats-de",
        "wn-en-police-shoot-teenage-protester-as-hong-kong-demonstrations",
        "wn-en-serbian-protesters-try-to-storm-parliament-fourth-day-of",
        "wn-en-israel-announces-ceasefire-in-gaza-strip-rocket-fire-into",
        "wn-fr-guyane-deux-militaires-tués-dans-une-opération-contre-des",
    ),
    "benchmarks/eval/muc4_dev200.jsonl": (
        "muc4-DEV-MUC3-0008",
        "muc4-DEV-MUC3-0011",
        "muc4-DEV-MUC3-0013",
        "muc4-DEV-MUC3-0024",
    ),
}
OUT = ROOT / "benchmarks" / "speed"

PERF = re.compile(r"llama_perf_context_print:\s+(prompt eval|eval|total) time =\s+([\d.]+) ms /\s+(\d+)")


def records() -> list[dict[str, Any]]:
    found = []
    for path, ids in SET.items():
        by_id = gold_by_id(ROOT / path)
        for wanted in ids:
            matches = [key for key in by_id if key.startswith(wanted)]
            if len(matches) != 1:
                raise SystemExit(f"{wanted}: {len(matches)} records in {path}")
            found.append(by_id[matches[0]])
    return found


def server_times(log: Path, offset: int) -> dict[str, float]:
    """Sum the server's per-request timings written to its log after ``offset``."""
    times = {"prompt_ms": 0.0, "prompt_evaluated": 0, "generate_ms": 0.0, "generated": 0, "total_ms": 0.0}
    with log.open("rb") as handle:
        handle.seek(offset)
        for line in handle.read().decode("utf-8", "replace").splitlines():
            if (match := PERF.search(line)) is None:
                continue
            kind, ms, count = match.group(1), float(match.group(2)), int(match.group(3))
            if kind == "prompt eval":
                times["prompt_ms"] += ms
                times["prompt_evaluated"] += count
            elif kind == "eval":
                times["generate_ms"] += ms
                times["generated"] += count
            else:
                times["total_ms"] += ms
    return times


def run_one(client: Any, settings: Settings, record: dict[str, Any], keep: Path | None = None) -> dict[str, Any]:
    log = cache_dir() / "local-server.log"
    offset = log.stat().st_size if log.exists() else 0
    started = time.monotonic()
    summary = summarize_with(client, record["text"], backend=settings.backend)
    seconds = time.monotonic() - started
    if keep is not None:  # the summary itself, to read what was published (outside the repo for others' texts)
        keep.mkdir(parents=True, exist_ok=True)
        (keep / f"{record['id']}.json").write_text(summary.model_dump_json(indent=2), encoding="utf-8")
    usage = summary.meta.usage
    line: dict[str, Any] = {
        "id": record["id"],
        "words": len(record["text"].split()),
        "seconds": round(seconds, 2),
        "requests": usage.requests,
        "prompt_tokens": usage.prompt_tokens,
        "completion_tokens": usage.completion_tokens,
        "server": server_times(log, offset) if settings.backend == "local" else None,
        "prompt_version": summary.meta.prompt_version,
    }
    if "gold" in record and gold_lists_covered(record):
        line["lists"] = score_lists(record, lists_of_summary(summary)).as_dict()
    return line


def table(rows: dict[str, list[dict[str, Any]]], ids: set[str]) -> str:
    """The comparison of every run, over the lines of the set's records (``ids``)."""
    head = (
        "| run | articles | median s | mean s | prompt tok/article | completion tok/article | calls | "
        "completion tok/call | server s (prompt / generate / other) | overhead | "
        "cond F1 | prop F1 | stakeholders R/P | figures right/wrong |"
    )
    lines = [head, "|" + "---|" * (head.count("|") - 1)]
    for label, lines_ in rows.items():
        scored = [line for line in lines_ if line["id"] in ids]
        if not scored:
            continue
        n = len(scored)
        seconds = [line["seconds"] for line in scored]
        calls = sum(line["requests"] for line in scored)
        servers = [line["server"] for line in scored if line.get("server")]
        server = ""
        overhead = ""
        if servers:
            total = sum(s["total_ms"] for s in servers) / 1000
            prompt = sum(s["prompt_ms"] for s in servers) / 1000
            generate = sum(s["generate_ms"] for s in servers) / 1000
            server = f"{total / n:.1f} ({prompt / n:.1f} / {generate / n:.1f} / {(total - prompt - generate) / n:.1f})"
            overhead = f"{sum(seconds) / total - 1:+.1%}" if total else ""
        agg = aggregate_lists(ListCounts.from_dict(line["lists"]) for line in scored if "lists" in line)

        def f(value: float | None) -> str:
            return "–" if value is None else f"{value:.2f}"

        lines.append(
            f"| {label} | {n} | {statistics.median(seconds):.1f} | {statistics.mean(seconds):.1f} | "
            f"{sum(line['prompt_tokens'] for line in scored) / n:.0f} | "
            f"{sum(line['completion_tokens'] for line in scored) / n:.0f} | {calls / n:.1f} | "
            f"{sum(line['completion_tokens'] for line in scored) / max(calls, 1):.0f} | {server} | {overhead} | "
            f"{f(agg['conditions_f1'])} | {f(agg['proposals_f1'])} | "
            f"{f(agg['stakeholders_recall'])}/{f(agg['stakeholders_precision'])} | "
            f"{agg['figures_right']}/{agg['figures_wrong']} |"
        )
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "label", nargs="?", help="name of this run (a configuration): its lines go to benchmarks/speed/LABEL.jsonl"
    )
    parser.add_argument("--article", action="append", default=[], help="also time this article (no gold)")
    parser.add_argument("--only", action="append", default=[], help="run only the set's records starting so")
    parser.add_argument("--report", action="store_true", help="print the table of every run so far; run nothing")
    parser.add_argument("--summaries", type=Path, help="also write each article's summary to DIR/ID.json")
    args = parser.parse_args()
    if not args.report and not args.label:
        parser.error("give a LABEL for the run, or --report")
    chosen = records()
    ids = {r["id"] for r in chosen}
    OUT.mkdir(parents=True, exist_ok=True)
    if not args.report:
        results = OUT / f"{args.label}.jsonl"
        done = {json.loads(line)["id"] for line in results.read_text().splitlines()} if results.exists() else set()
        todo = [r for r in chosen if not args.only or any(r["id"].startswith(o) for o in args.only)]
        todo += [{"id": Path(p).name, "text": Path(p).read_text()} for p in args.article]
        settings = Settings.resolve()
        client = _client_for(settings)
        for record in todo:
            if record["id"] in done:
                continue
            line = run_one(client, settings, record, args.summaries)
            with results.open("a") as handle:
                handle.write(json.dumps(line, ensure_ascii=False) + "\n")
            print(
                f"{line['seconds']:7.1f} s {line['completion_tokens']:5d} out",
                f"{line['requests']} calls {record['id'][:60]}",
                flush=True,
            )
    runs = {
        path.stem: [json.loads(line) for line in path.read_text().splitlines() if line.strip()]
        for path in sorted(OUT.glob("*.jsonl"), key=lambda p: p.stat().st_mtime)
    }
    print(table(runs, ids))
    for label, lines in runs.items():
        for line in lines:
            if line["id"] not in ids:
                print(f"{label}: {line['id']} {line['seconds']:.1f} s, {line['completion_tokens']} completion tokens")


if __name__ == "__main__":
    run_script(main)
