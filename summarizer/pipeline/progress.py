"""What a live run tells its caller before each model call: progress, for a summary that takes minutes.

On the embedded model an article takes one to five minutes over six or more calls; the CLI shows the
call under way (``summarizer summarize`` on a terminal), and a newsroom tool can pass its own
``on_call`` to ``summarize``. Test: tests/test_progress.py
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class CallStarted:
    """One model call about to be made for the article."""

    part: str  # "overview", a list ("conditions", ...), or "single"
    sentence: int | None  # the one sentence asked about (strategy ``sentences``), else None
    number: int  # this call's place among the article's calls, from 1
    planned: int  # the calls known so far: the first pass of each part of the article, and each one asked again

    def describe(self) -> str:
        """One line for a person: "call 3 of 7: conditions, sentence [5]"."""
        what = self.part if self.sentence is None else f"{self.part}, sentence [{self.sentence}]"
        return f"call {self.number} of {self.planned}: {what}"


OnCall = Callable[[CallStarted], None]
