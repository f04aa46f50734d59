"""Start the test suite's OpenAI-compatible stub (``tests/stub_backend.py``) in its own process.

A separate process keeps the stub's threads off the benchmarked process's GIL.
"""

from __future__ import annotations

import json
import subprocess
import sys
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


class Stub:
    def __init__(self, base_url: str) -> None:
        self.base_url = base_url

    def requests(self) -> int:
        with urllib.request.urlopen(self.base_url.removesuffix("/v1") + "/requests") as answer:
            return int(json.load(answer)["requests"])


@contextmanager
def stub_backend(latency: float = 0.0) -> Iterator[Stub]:
    command = [sys.executable, "-m", "tests.stub_backend", "--latency", str(latency)]
    process = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.PIPE, text=True)
    try:
        assert process.stdout is not None
        yield Stub(process.stdout.readline().strip())
    finally:
        process.kill()
        process.wait()
