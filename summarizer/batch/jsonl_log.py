"""Append-only JSONL files that survive being killed: whole lines, each on disk before the next.

Shared by ``summarizer batch`` (its output) and ``summarizer eval`` (its per-record results): a run
killed mid-write leaves at most one torn last line, which the next run cuts off and redoes.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import IO, Any


def cut_torn_last_line(path: Path) -> None:
    """Drop a last line without its newline, so the next append starts on a fresh line."""
    if path.is_file():
        data = path.read_bytes()
        if data and not data.endswith(b"\n"):
            path.write_bytes(data[: data.rfind(b"\n") + 1])


def append_record(out: IO[str], record: dict[str, Any]) -> None:
    """Write ``record`` as one line and make it durable (flush, fsync) before returning."""
    out.write(json.dumps(record, ensure_ascii=False) + "\n")
    out.flush()
    os.fsync(out.fileno())
