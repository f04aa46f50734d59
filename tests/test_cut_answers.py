import json

import httpx
import pytest

from summarizer import ArticleSummary, ExtractionError, Settings
from summarizer.llm.client import LLMClient
from summarizer.outputs.markdown import to_markdown
from summarizer.outputs.review_page import render_review_page
from summarizer.pipeline.drafts import MAX_ITEMS, Casualties, Conditions, WholeArticle
from summarizer.pipeline.run import _read_answers, add_answer, summarize_with
from summarizer.schema import NO_HEADLINE, Usage

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


ARTICLE = "HARBOURTON, 4 MAY (WIRE) -- Two dock guards were killed in a bomb attack on the harbour, police said."


def _summarize_with_overview(overview: str, seen: list[dict]) -> ArticleSummary:
    """A summary whose overview answer is always ``overview``, cut at max_tokens; the lists answer."""

    def reply(body: dict) -> dict:
        if "headline" in json.dumps(body):
            return _cut(overview, body["max_tokens"])
        if "Casualties" in json.dumps(body):
            return completion(json.dumps({"casualties": [{**ITEM, "sentence": 1, "figure_text": "Two dock guards"}]}))
        return completion(json.dumps({"stakeholders": []}))

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(json.loads(request.content))
        return httpx.Response(200, json=reply(seen[-1]))

    settings = Settings.resolve(base_url="http://stub/v1", model="m", mode="json", environ={})
    http_client = httpx.Client(transport=httpx.MockTransport(handler))
    client = LLMClient(settings, base_url="http://stub/v1", http_client=http_client)
    return summarize_with(client, ARTICLE, backend="stub")


def _overview_requests(seen: list[dict]) -> int:
    return sum("headline" in json.dumps(body) for body in seen)


def test_an_overview_that_runs_on_keeps_its_headline_and_whole_sentences_without_asking_again() -> None:
    # Recorded in the 200-article run (0323): a headline, a sentence of summary, then '", "True Behavior" :"'
    # to max_tokens, and the same again with twice the budget.
    seen: list[dict] = []
    looping = '{"headline": "Harbour attack", "summary": "Two guards were killed. Two guards were killed. The "'
    summary = _summarize_with_overview(looping + ', "True Behavior" :", "' * 3, seen)
    assert (summary.headline, summary.summary) == ("Harbour attack", "Two guards were killed.")
    assert _overview_requests(seen) == 1
    [note] = [d.reason for d in summary.meta.dropped if d.section == "overview"]
    assert note == "answer cut at 1024 tokens: the headline and 1 whole sentence(s) of summary were kept"


def test_an_overview_that_never_fits_loses_the_headline_not_the_verified_lists() -> None:
    # No whole sentence before the cut: asked again with twice the budget, cut again, lost.
    seen: list[dict] = []
    summary = _summarize_with_overview('{"headline": "Harbour attack", "summary": "Two guards were', seen)
    assert _overview_requests(seen) == 2
    assert (summary.headline, summary.summary) == ("", "")
    assert [(c.killed, c.evidence) for c in summary.casualties] == [(2, ARTICLE)]
    [lost] = [d.reason for d in summary.meta.dropped if d.section == "overview"]
    assert lost.startswith("headline and summary lost: The model's Overview answer did not fit in 2048 tokens")
    assert to_markdown(summary).startswith(f"# {NO_HEADLINE}\n")
    assert NO_HEADLINE in render_review_page(summary, ARTICLE)


def test_an_overview_that_never_fits_beside_no_list_answer_fails_the_article() -> None:
    lost = ExtractionError("The model's answer did not fit in 2048 tokens, even on a second try.")
    with pytest.raises(ExtractionError, match="did not fit"):
        _read_answers({"overview": lost, "casualties": ExtractionError("no")})


def test_one_invalid_item_is_dropped_without_asking_again_for_the_list() -> None:
    # Recorded in the 200-article run (0050): a demand of more than 240 characters failed the list; the
    # re-ask wrote it again, and the other demands were lost with it (27 lists in the run were lost so).
    good = {"sentence": 2, "party": "FMLN", "demand": "talks"}
    items = [good, {**good, "sentence": 3, "demand": "x" * 300}, {**good, "sentence": 4}]
    seen: list[dict] = []
    answer = _client([completion(json.dumps({"conditions": items}))], seen).extract(
        [{"role": "user", "content": "x"}], Conditions, usage=Usage()
    )
    assert len(seen) == 1 and [c.sentence for c in answer.conditions] == [2, 4]
    assert "conditions item 2 did not validate (demand: String should have at most 240 characters)" in answer._note


def test_a_cut_answer_whose_only_complete_item_is_invalid_is_asked_again() -> None:
    # The item is checked on its own: as a list of one, the section model would drop it and pass empty.
    invalid = {"sentence": 2, "party": "FMLN", "demand": "x" * 300}
    whole = json.dumps({"conditions": [{"sentence": 2, "party": "FMLN", "demand": "talks"}]})
    seen: list[dict] = []
    replies = [_cut('{"conditions": [' + json.dumps(invalid) + ', {"sentence": 3, "par', 1024), completion(whole)]
    answer = _client(replies, seen).extract([{"role": "user", "content": "x"}], Conditions, usage=Usage())
    assert [body["max_tokens"] for body in seen] == [1024, 2048]
    assert [c.demand for c in answer.conditions] == ["talks"]


def test_the_schema_copied_back_is_no_answer() -> None:
    """Read as an answer, a copied schema is an empty list: it fails, so instructor asks again."""
    copied = json.loads(json.dumps(Conditions.model_json_schema()))
    with pytest.raises(ValueError, match="JSON schema, not an answer"):
        Conditions.model_validate(copied)
    assert Conditions.model_validate({"conditions": []}).conditions == []


def test_a_bare_list_answers_a_one_list_question() -> None:
    item = {"sentence": 2, "party": "The union", "demand": "a raise"}
    assert [c.demand for c in Conditions.model_validate([item]).conditions] == ["a raise"]
    with pytest.raises(ValueError):
        WholeArticle.model_validate([item])  # several lists: a bare list says which it is not


def test_the_answers_of_one_list_asked_sentence_by_sentence_make_one_list() -> None:
    first = Conditions.model_validate({"conditions": [{"sentence": 1, "party": "Union", "demand": "a raise"}]})
    second = Conditions.model_validate({"conditions": [{"sentence": 4, "party": "Union", "demand": "a bonus"}]})
    lost = ExtractionError("The model's answer did not fit in 2048 tokens, even on a second try.")
    answers: dict = {}
    for answer in (lost, first, lost, second):
        add_answer(answers, "conditions", answer)
    _, drafts, failed = _read_answers(answers)
    assert [(c.sentence, c.demand) for c in drafts["conditions"]] == [(1, "a raise"), (4, "a bonus")]
    # Each of the two sentences lost is said, not silently a draft less.
    assert [d.reason for d in failed] == [f"one call's answer lost: {lost}; one call's answer lost: {lost}"]
    only_lost: dict = {}
    add_answer(only_lost, "conditions", lost)  # no sentence answered: the list is reported lost
    _, _, failed = _read_answers(only_lost)
    assert [d.section for d in failed] == ["conditions"]
