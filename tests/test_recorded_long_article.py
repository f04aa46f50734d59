"""A 30,000-character article (15 MUC-4 wire stories in one file) through the bundled local model.

It does not fit the 8,192-token context with the prompt and room for the answer, so it is split on
paragraph boundaries and summarized chunk by chunk; evidence offsets must point into the full text.
Replayed from a cassette recorded against the real llama.cpp server.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest

from summarizer import Settings, summarize

from .test_recorded_summaries import _comparable, assert_grounded

DATA = Path(__file__).parent / "data" / "muc4_dev_digest_30k.txt"
SNAPSHOT = Path(__file__).parent / "snapshots" / "muc4_dev_digest_30k.json"
UPDATE_SNAPSHOTS = os.environ.get("UPDATE_SNAPSHOTS") == "1"

pytestmark = [pytest.mark.cassette, pytest.mark.vcr]


def test_long_article_is_chunked_and_mapped_back(llm_settings: Settings, played_all: Any, recording: bool) -> None:
    text = DATA.read_text(encoding="utf-8")
    assert len(text) >= 30_000
    summary = summarize(text, settings=llm_settings)

    assert summary.meta.chunks == 3
    assert_grounded(summary, text)  # every span indexes the full article, not its chunk
    starts = [
        i.evidence_span.start for s in ("casualties", "stakeholders") for i in getattr(summary, s) if i.evidence_span
    ]
    assert max(starts) > len(text) // 2  # later chunks contributed, with their offsets shifted
    if recording or UPDATE_SNAPSHOTS:
        SNAPSHOT.write_text(json.dumps(_comparable(summary), indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    assert _comparable(summary) == json.loads(SNAPSHOT.read_text(encoding="utf-8"))
