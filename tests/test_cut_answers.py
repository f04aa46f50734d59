import json

import httpx

from summarizer import Settings
from summarizer.client import LLMClient
from summarizer.drafts import MAX_ITEMS, Casualties, Conditions, WholeArticle
from summarizer.pipeline import _read_answers
from summarizer.schema import Usage

from .stub_backend import completion

ITEM = {"sentence": 3, "figure_text": "killed two guards", "killed": 2, "qualifier": "exact"}


def _cut(content: str, max_tokens: int) -> dict:
    reply = completion(content)
    reply["choices"][0]["finish_reason"] = "length"
    reply["usage"] = {"prompt_tokens": 10, "completion_tokens": max_tokens, "total_tokens": 10 + max_tokens}
    return reply


def _client(replies: list[dict], seen: list[dict]) -> LLMClient:
    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(json.loads(request.content))
        return httpx.Response(200, json=replies[len(seen) - 1])

    settings = Settings.resolve(base_url="http://stub/v1", model="m", mode="json", environ={})
    http_client = httpx.Client(transport=httpx.MockTransport(handler))
    return LLMClient(settings, base_url="http://stub/v1", http_client=http_client)


def test_a_cut_answer_keeps_its_complete_items_without_asking_again() -> None:
    # The shape recorded in the 200-article run: the same item over and over until max_tokens.
    looping = '{"casualties": [' + ", ".join([json.dumps(ITEM)] * 3) + ', {"sentence": 4, "figure_te'
    seen: list[dict] = []
    usage = Usage()
    answer = _client([_cut(looping, 1024)], seen).extract([{"role": "user", "content": "x"}], Casualties, usage=usage)
    assert len(seen) == 1 and usage.completion_tokens == 1024
    assert [(c.sentence, c.killed) for c in answer.casualties] == [(3, 2)]
    assert answer._note == "answer cut at 1024 tokens: the 1 item(s) completed before the cut were kept"


def test_a_cut_answer_with_no_complete_item_is_asked_again_with_twice_the_budget() -> None:
    whole = json.dumps({"casualties": [ITEM]})
    seen: list[dict] = []
    replies = [_cut('{"casualties": [{"sentence": 3, "figure_te', 1024), completion(whole)]
    answer = _client(replies, seen).extract([{"role": "user", "content": "x"}], Casualties, usage=Usage())
    assert [body["max_tokens"] for body in seen] == [1024, 2048]
    assert len(answer.casualties) == 1 and answer._note is None


def test_a_list_longer_than_allowed_keeps_its_first_distinct_items() -> None:
    # Recorded: 14 casualty items where 12 are allowed failed validation twice and lost the section.
    items = [{**ITEM, "sentence": n} for n in range(1, MAX_ITEMS + 3)] + [{**ITEM, "sentence": 1}]
    seen: list[dict] = []
    answer = _client([completion(json.dumps({"casualties": items}))], seen).extract(
        [{"role": "user", "content": "x"}], Casualties, usage=Usage()
    )
    assert len(seen) == 1 and [c.sentence for c in answer.casualties] == list(range(1, MAX_ITEMS + 1))
    assert answer._note == f"answer listed {MAX_ITEMS + 3} casualties: the first {MAX_ITEMS} distinct were kept"


def test_what_was_cut_is_said_in_the_summary() -> None:
    answer = Conditions.model_validate({"conditions": []})
    answer._note = "answer cut at 1024 tokens: the 2 item(s) completed before the cut were kept"
    _, drafts, notes = _read_answers({"conditions": answer})
    assert drafts == {"conditions": []}
    assert [(n.section, n.reason) for n in notes] == [("conditions", answer._note)]


def test_what_was_cut_from_a_whole_article_answer_is_said_too() -> None:
    # The single strategy's one answer holds every list: a list longer than allowed is cut there too.
    items = [{**ITEM, "sentence": n} for n in range(1, MAX_ITEMS + 2)]
    whole = WholeArticle.model_validate({"headline": "h", "summary": "s", "casualties": items})
    _, drafts, notes = _read_answers({"single": whole})
    assert len(drafts["casualties"]) == MAX_ITEMS
    assert [(n.section, n.reason) for n in notes] == [("single", whole._note)]
    assert whole._note == f"answer listed {MAX_ITEMS + 1} casualties: the first {MAX_ITEMS} distinct were kept"
