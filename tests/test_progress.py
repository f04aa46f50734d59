"""Progress of a live run: each model call is announced before it is made (summarizer.pipeline.progress)."""

import json
from pathlib import Path
from typing import Any

import pytest

from summarizer import CallStarted, Settings, summarize
from summarizer.cli import main

from .stub_backend import EMPTY_SUMMARY, StubBackend, completion, task_of

loopback = pytest.mark.block_network(allowed_hosts=["127.0.0.1"])

FIRE = "Two people died in a fire, police said."
# Team-written: one sentence with a demand, one with harm.
STRIKE = "The union demanded a five percent raise from the city council. Two marchers were hurt, police said."


def _settings(stub: StubBackend) -> Settings:
    return Settings.resolve(environ={}, base_url=stub.base_url, mode="json", api_key="x")


@loopback
def test_each_call_is_announced_before_it_is_made_and_numbered() -> None:
    heard: list[tuple[CallStarted, int]] = []
    with StubBackend([(200, completion())]) as stub:
        summary = summarize(
            FIRE, settings=_settings(stub), use_cache=False, on_call=lambda call: heard.append((call, stub.requests))
        )
    calls = [call for call, _ in heard]
    assert [call.number for call in calls] == [1, 2, 3]
    assert {call.part for call in calls} == {"overview", "casualties", "stakeholders"}
    assert all(call.planned == 3 and call.sentence is None for call in calls)
    # Announced before the request: the stub had seen one request fewer than the call's number.
    assert [seen for _, seen in heard] == [0, 1, 2]
    assert len(calls) == stub.requests == summary.meta.usage.requests


@loopback
def test_a_call_about_one_sentence_names_it() -> None:
    asked: list[str] = []

    def respond(body: dict[str, Any]) -> tuple[int, dict[str, Any]]:
        asked.append(task_of(body))
        return 200, completion(EMPTY_SUMMARY)

    heard: list[CallStarted] = []
    with StubBackend(respond=respond) as stub:
        summarize(STRIKE, settings=_settings(stub), use_cache=False, on_call=heard.append)
    by_sentence = [call for call in heard if call.sentence is not None]
    assert [(call.part, call.sentence) for call in by_sentence] == [("conditions", 1)]
    assert by_sentence[0].describe() == f"call {by_sentence[0].number} of {len(heard)}: conditions, sentence [1]"
    assert any(task.startswith("List the conditions that sentence [1]") for task in asked)


@loopback
def test_the_cli_shows_the_call_under_way_on_a_terminal_only(tmp_path: Path, capsys, monkeypatch) -> None:
    article = tmp_path / "a.txt"
    article.write_text(FIRE)
    with StubBackend([(200, completion())]) as stub:
        args = ["summarize", str(article), "--base-url", stub.base_url, "--mode", "json", "--no-cache"]
        assert main(args) == 0
        out, err = capsys.readouterr()
        assert err == ""  # not a terminal: nothing drawn
        assert json.loads(out)["headline"] == "stub headline"

        monkeypatch.setenv("TTY_COMPATIBLE", "1")  # rich draws as on a terminal
        assert main(args) == 0
        out, err = capsys.readouterr()
    assert "Summarizing: call 3 of 3: stakeholders" in err
    assert json.loads(out)["headline"] == "stub headline"  # stdout holds the summary alone


@loopback
def test_asummarize_announces_the_calls_from_its_worker_thread() -> None:
    import asyncio
    import threading

    from summarizer import asummarize

    threads: list[str] = []
    with StubBackend([(200, completion())]) as stub:
        settings = _settings(stub)
        asyncio.run(
            asummarize(
                FIRE,
                settings=settings,
                use_cache=False,
                on_call=lambda call: threads.append(threading.current_thread().name),
            )
        )
    assert len(threads) == stub.requests == 3
    assert threading.main_thread().name not in threads
