"""Re-asks are a setting: off by default (measured to recover almost nothing), on with ``--reask``."""

import json

import httpx
import pytest

from summarizer import Settings
from summarizer.llm.client import LLMClient
from summarizer.pipeline.run import REASKS_OFF, summarize_with

from .stub_backend import completion, task_of

TEXT = "Gunmen killed three guards in the town of Rio on Monday, police said. The town was calm on Tuesday."


def _client(reask: bool | None, tasks: list[str]) -> LLMClient:
    def handler(request: httpx.Request) -> httpx.Response:
        task = task_of(json.loads(request.content))
        tasks.append(task.split()[0])
        if task.startswith("List the casualty"):
            content = {"casualties": [{"sentence": 40, "figure_text": "three guards", "killed": 3}]}
        elif task.startswith("Write a neutral headline"):
            content = {"headline": "Gunmen kill guards", "summary": "Police say gunmen killed three guards."}
        else:
            content = {}  # stakeholders, and the re-ask: nothing
        return httpx.Response(200, json=completion(json.dumps(content)))

    settings = Settings.resolve(base_url="http://stub/v1", model="m", mode="json", environ={}, reask=reask)
    return LLMClient(
        settings, base_url="http://stub/v1", http_client=httpx.Client(transport=httpx.MockTransport(handler))
    )


@pytest.mark.parametrize("reask", [None, False])
def test_by_default_an_unverified_item_is_dropped_without_another_call(reask: bool | None) -> None:
    tasks: list[str] = []
    summary = summarize_with(_client(reask, tasks), TEXT, backend="openai-compatible")
    assert "Some" not in tasks and len(tasks) == summary.meta.usage.requests == 3
    reasons = [d.reason for d in summary.meta.dropped if d.section == "casualties"]
    assert reasons == [f"cites sentence [40], which does not exist ({REASKS_OFF})"]
    assert summary.meta.verification.reasked == 0


def test_with_reask_the_model_is_asked_once_more() -> None:
    tasks: list[str] = []
    summary = summarize_with(_client(True, tasks), TEXT, backend="openai-compatible")
    assert tasks.count("Some") == 1 and summary.meta.verification.reasked == 1
    reasons = [d.reason for d in summary.meta.dropped if d.section == "casualties"]
    assert reasons == ["cites sentence [40], which does not exist (still unverified after the re-ask)"]
