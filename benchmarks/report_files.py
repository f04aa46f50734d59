"""The command line shared by the scripts that read a ``summarizer eval`` run's files.

``summarizer eval GOLD --report REPORT.md`` writes ``REPORT.results.jsonl`` and
``REPORT.summaries.jsonl``; the scripts take ``REPORT`` (suffix optional) and, where they read one
run of those append-only files, ``--run N`` (see ``summarizer.evaluation.evaluate.runs_in``). The gold file is
expected beside them as ``REPORT.jsonl``, as ``benchmarks/eval/`` keeps it.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from summarizer.errors import InputError
from summarizer.evaluation.evaluate import load_gold


def report_parser(doc: str, *, one_run: bool = True) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(description=doc.splitlines()[0])
    parser.add_argument("report", type=Path, help="the --report path of the eval run, without its suffix")
    if one_run:
        parser.add_argument(
            "--run", type=int, default=-1, help="which run to read: 0 the first, -1 the latest (default)"
        )
    return parser


def gold_by_id(base: Path) -> dict[str, dict[str, Any]]:
    """The gold records beside the report, by id."""
    return {record["id"]: record for record in load_gold(base.with_suffix(".jsonl"))}


def run_script(main: Callable[[], None]) -> None:
    """Run a script's ``main``: a missing file or run ends in one line and exit code 2, not a traceback."""
    try:
        main()
    except (InputError, OSError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        sys.exit(2)
