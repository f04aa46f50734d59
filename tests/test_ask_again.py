"""A sentence whose answer only said what another sentence states is asked once more, told so.

The articles are the team's own. The stub model answers as the bundled model did on a news article:
the sentence of a second offer answered with the first one (docs/measurements.md, session 24). The
recorded test replays the bundled model itself on an article where it does so.
"""

import json
import re
from dataclasses import replace
from pathlib import Path
from typing import Any

import httpx
import pytest

from summarizer import ArticleSummary, Settings, summarize
from summarizer.config import DEFAULT_STRATEGY
from summarizer.llm.client import LLMClient
from summarizer.pipeline import run
from summarizer.pipeline.run import article_chunks, first_pass_requests, summarize_with

from .stub_backend import completion, task_of

TEXT = (
    "The harbour talks resumed in Velm on Monday. "
    "Ostra's trade minister Ana Ruiz proposed holding the next round of talks in Velm within a week. "
    "It follows a call in which Ostra agreed to draft a charter setting out the terms of a truce."
)
TALKS = {"proposer": "Ana Ruiz", "proposal": "holding the next round of talks in Velm within a week"}
CHARTER = {"proposer": "Ostra", "proposal": "draft a charter setting out the terms of a truce"}
AGAIN = "Your first answer for sentence"


def _summary(
    third_answers: list[dict[str, str]], tasks: list[str], strategy: str = "sentences"
) -> tuple[list[tuple[str, str]], list[str]]:
    """The published proposals (proposer, proposal) and the notes of meta.corrections, where sentence [3]
    is answered first with ``third_answers[0]``, then (asked again) with ``third_answers[1]``."""
    summary = _summarized(third_answers, tasks, strategy)
    published = [(p.proposer, p.proposal) for p in summary.proposals]
    return published, [c.reason for c in summary.meta.corrections if c.section == "proposals"]


def _summarized(third_answers: list[dict[str, str]], tasks: list[str], strategy: str) -> ArticleSummary:
    """The summary; an empty answer in ``third_answers`` is written as no JSON at all."""

    def handler(request: httpx.Request) -> httpx.Response:
        task = task_of(json.loads(request.content))
        tasks.append(task)
        content: dict[str, object] = {}
        if task.startswith("Write a neutral headline"):
            content = {"headline": "Harbour talks resume", "summary": "Talks resumed in Velm."}
        elif task.startswith("Correct your JSON"):  # the client's retry of an answer that was no JSON
            return httpx.Response(200, json=completion("still no JSON"))
        elif task.startswith("List the proposals in the article"):  # the candidates past MAX_SENTENCE_CALLS
            content = {"proposals": [{"sentence": 3, **third_answers[0], "status": "proposed"}]}
        elif number := re.match(r"List the proposals that sentence \[(\d)\]", task):
            asked = [t for t in tasks if t.startswith(("List the proposals in", number.group(0)))]
            said = TALKS if number.group(1) == "2" else third_answers[len(asked) - 1]
            if not said:
                return httpx.Response(200, json=completion("no JSON here"))
            content = {"proposals": [{"sentence": int(number.group(1)), **said, "status": "proposed"}]}
        return httpx.Response(200, json=completion(json.dumps(content)))

    settings = Settings.resolve(base_url="http://stub/v1", model="m", mode="json", environ={}, strategy=strategy)
    transport = httpx.Client(transport=httpx.MockTransport(handler))
    return summarize_with(LLMClient(settings, base_url="http://stub/v1", http_client=transport), TEXT, backend="x")


def test_a_sentence_answered_with_another_sentences_offer_is_asked_again() -> None:
    tasks: list[str] = []
    published, notes = _summary([TALKS, CHARTER], tasks)
    again = [t for t in tasks if AGAIN in t]
    assert len(again) == 1 and again[0].startswith("List the proposals that sentence [3]")
    assert f'gave "{TALKS["proposal"]}", which sentence [2] states, not sentence [3].' in again[0]
    assert published == [tuple(TALKS.values()), tuple(CHARTER.values())]
    assert "asked again: sentence [3]'s first answer only said what other sentences state" in notes


def test_the_answer_asked_again_is_verified_and_merged_as_any_answer() -> None:
    tasks: list[str] = []
    published, _ = _summary([TALKS, TALKS], tasks)  # the same answer twice: one item, nothing more
    assert published == [tuple(TALKS.values())]
    assert sum(AGAIN in t for t in tasks) == 1


def test_an_answer_lost_when_asked_again_is_said_and_the_first_answers_stay() -> None:
    summary = _summarized([TALKS, {}], [], "sentences")
    assert [(p.proposer, p.proposal) for p in summary.proposals] == [tuple(TALKS.values())]
    lost = [d.reason for d in summary.meta.dropped if d.section == "proposals"]
    assert len(lost) == 1 and lost[0].startswith("sentence [3] asked again, its answer lost: ")


def test_a_sentence_answered_with_its_own_offer_is_asked_once() -> None:
    tasks: list[str] = []
    published, notes = _summary([CHARTER], tasks)
    assert not any(AGAIN in t for t in tasks)
    assert published == [tuple(TALKS.values()), tuple(CHARTER.values())]
    assert not any(note.startswith("asked again") for note in notes)


def test_a_sentence_answered_in_the_call_for_the_later_candidates_is_asked_alone(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(run, "MAX_SENTENCE_CALLS", 1)  # sentence [3] is asked with the later candidates
    tasks: list[str] = []
    published, notes = _summary([TALKS, CHARTER], tasks)
    assert [" ".join(t.split()[:6]) for t in tasks if t.startswith("List the proposals")] == [
        "List the proposals that sentence [2]",
        "List the proposals in the article",
        "List the proposals that sentence [3]",
    ]
    assert AGAIN in tasks[-1] and published == [tuple(TALKS.values()), tuple(CHARTER.values())]
    assert "asked again: sentence [3]'s first answer only said what other sentences state" in notes


def test_the_strategy_that_asks_each_list_in_one_call_asks_nothing_again() -> None:
    tasks: list[str] = []
    published, _ = _summary([TALKS], tasks, strategy="cited")
    assert [t for t in tasks if t.startswith("List the proposals")] == [
        t for t in tasks if t.startswith("List the proposals in the article")
    ]
    assert published == [tuple(TALKS.values())]


RECORDED = (Path(__file__).parent / "data" / "team_velm_charter.txt").read_text(encoding="utf-8")


@pytest.mark.cassette
@pytest.mark.vcr
def test_recorded_a_sentence_answered_with_another_sentences_offer_is_asked_once_more(
    llm_settings: Settings, played_all: Any, recording: bool
) -> None:
    # The default pipeline on the bundled model: "Velm has not yet answered the offer." was answered with
    # the charter of the next sentence, asked again, and answered so again: the charter is published once.
    settings = replace(llm_settings, reask=False, strategy=DEFAULT_STRATEGY)
    summary = summarize(RECORDED, settings=settings)
    first = first_pass_requests(article_chunks(RECORDED, settings)[0], settings.strategy)
    assert summary.meta.usage.requests == len(first) + 1 == len(played_all.data) or recording
    notes = [c.reason for c in summary.meta.corrections if c.reason.startswith("asked again")]
    assert notes == ["asked again: sentence [5]'s first answer only said what other sentences state"]
    published = [(p.proposer, p.proposal) for p in summary.proposals]
    assert published == [
        ("Ostra's foreign minister Ana Ruiz", "holding the next round of talks in Lenz within ten days"),
        ("Tomas Brek", "draft a charter with Ostra setting out fishing rights in the bay"),
    ]


# Team-written: terms announced, then stated; talks reported, then placed in Lenz by the next sentence.
ANNOUNCED = (
    "Ostra has set out several conditions for a truce in the bay. "
    "The conditions include the release of all detained fishermen. "
    "Ana Ruiz proposed a new round of talks next week. "
    "Ostra's minister Ana Ruiz proposed holding the new round of talks in Lenz next week."
)


def test_a_sentence_that_announces_terms_or_says_the_item_is_not_asked_again() -> None:
    fishermen = {"party": "Ostra", "demand": "the release of all detained fishermen"}
    lenz = {"proposer": "Ana Ruiz", "proposal": "a new round of talks in Lenz next week"}
    answers = {  # each sentence's first answer: sentences [1] and [3] give what [2] and [4] state
        "List the conditions that sentence [1]": {"conditions": [{"sentence": 1, **fishermen}]},
        "List the conditions that sentence [2]": {"conditions": [{"sentence": 2, **fishermen}]},
        "List the proposals that sentence [3]": {"proposals": [{"sentence": 3, **lenz}]},
        "List the proposals that sentence [4]": {"proposals": [{"sentence": 4, **lenz}]},
    }
    tasks: list[str] = []

    def handler(request: httpx.Request) -> httpx.Response:
        task = task_of(json.loads(request.content))
        tasks.append(task)
        content = next((answer for start, answer in answers.items() if task.startswith(start)), {})
        if task.startswith("Write a neutral headline"):
            content = {"headline": "Ostra sets terms", "summary": "Ostra set out conditions."}
        return httpx.Response(200, json=completion(json.dumps(content)))

    settings = Settings.resolve(base_url="http://stub/v1", model="m", mode="json", environ={}, strategy="sentences")
    client = LLMClient(
        settings, base_url="http://stub/v1", http_client=httpx.Client(transport=httpx.MockTransport(handler))
    )
    summary = summarize_with(client, ANNOUNCED, backend="x")
    moved = [c.reason for c in summary.meta.corrections if c.reason.startswith("moved")]
    assert moved == [
        "moved: from sentence [1] to [2], which says it",
        "moved: from sentence [3] to [4], which names all it says",
    ]
    # [1] only announces the terms [2] states; [3] says the talks, moved only for Lenz: nothing to ask.
    assert not any(AGAIN in task for task in tasks)
    assert [(c.party, c.demand) for c in summary.conditions] == [tuple(fishermen.values())]
    assert [(p.proposer, p.proposal) for p in summary.proposals] == [tuple(lenz.values())]
