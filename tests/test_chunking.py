"""A long article is split, extracted chunk by chunk and merged with offsets into the full text."""

import itertools
import json
import re

import httpx

from summarizer import Settings
from summarizer.llm.client import LLMClient
from summarizer.pipeline.chunking import article_budget_chars, split_article
from summarizer.pipeline.run import summarize_with

from .stub_backend import completion

PARAGRAPH = "In the town of T{i}, {n} people were killed when a bridge collapsed, officials said. Repairs began."


def long_article(paragraphs: int = 320) -> str:
    return "\n\n".join(PARAGRAPH.format(i=i, n=i + 2) for i in range(paragraphs))


def stub(request: httpx.Request) -> httpx.Response:
    """Answer each call from the chunk it was sent: cite sentence [1], with the figure it states."""
    body = json.loads(request.content)
    user = "\n\n".join(m["content"] for m in body["messages"] if m["role"] == "user")
    first = re.search(r"^\[1\] (.*)$", user, re.MULTILINE).group(1)
    task = user.rsplit("<<<END ARTICLE", 1)[1]
    killed = int(re.search(r"T\d+, (\d+) people", first).group(1))
    if "List the casualty" in task:
        content = {"casualties": [{"sentence": 1, "figure_text": f"{killed} people were killed", "killed": killed}]}
    elif "Write a neutral headline" in task:
        content = {"headline": "Bridges collapse", "summary": "Officials report collapses."}
    else:
        content = {}
    return httpx.Response(200, json=completion(json.dumps(content)))


def test_a_30000_character_article_is_chunked_and_merged() -> None:
    text = long_article()
    assert len(text) > 30_000
    settings = Settings.resolve(base_url="http://stub/v1", model="m", mode="json", environ={})
    client = LLMClient(
        settings, base_url="http://stub/v1", http_client=httpx.Client(transport=httpx.MockTransport(stub))
    )
    summary = summarize_with(client, text, backend="openai-compatible")

    chunks = split_article(text, article_budget_chars(settings.context_size, settings.max_output_tokens))
    assert summary.meta.chunks == len(chunks) > 1
    assert summary.meta.usage.requests == 1 + 2 * len(chunks)  # one overview; casualties and stakeholders per chunk
    assert len(summary.casualties) == len(chunks)
    for report in summary.casualties:
        assert text[report.evidence_span.start : report.evidence_span.end] == report.evidence
        assert f"{report.killed} people were killed" in report.evidence


def test_chunks_overlap_and_stay_within_budget() -> None:
    text = long_article()
    chunks = split_article(text, 5_000)
    assert all(len(c.text) <= 5_000 for c in chunks)
    assert all(text[c.offset : c.offset + len(c.text)] == c.text for c in chunks)
    for before, after in itertools.pairwise(chunks):
        assert after.offset < before.offset + len(before.text)  # the next chunk repeats the last paragraph
