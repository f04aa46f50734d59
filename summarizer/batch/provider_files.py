"""Provider batch files: export the requests, import what the provider's batch run answered.

``write_batch_file`` writes the first-pass calls of every article (and chunk) in the OpenAI Batch file
format: one line ``{"custom_id", "method": "POST", "url": "/v1/chat/completions", "body"}``, the body
being exactly what a live run sends. OpenAI's and Azure's Batch APIs and vLLM's ``run-batch`` take it.

``import_results`` reads the output file of such a run (``{"custom_id", "response": {"status_code",
"body"}, "error"}`` per line) and builds each summary through the same parsing, verification and
merging as a live run (``pipeline.assemble_summary``), an answer cut at max_tokens keeping the items it
completed. One difference: no backend is at hand, so an item that fails verification is dropped with its
reason instead of being re-asked, and a cut answer that completed no item is not asked again.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from openai.types.chat import ChatCompletion
from pydantic import ValidationError

from summarizer.config import Settings
from summarizer.errors import ExtractionError, InputError
from summarizer.llm.client import INSTRUCTOR_MODES
from summarizer.llm.schema_placement import SCHEMA_IN_PROMPT, schema_after_the_article
from summarizer.pipeline.cut_answers import answer_text, before_the_cut
from summarizer.pipeline.inputs import ArticleInput
from summarizer.pipeline.run import (
    Answers,
    DraftRequest,
    add_answer,
    article_chunks,
    assemble_summary,
    first_pass_requests,
)
from summarizer.schema import ArticleSummary, Usage

BATCH_URL = "/v1/chat/completions"


def custom_id(article_id: str, chunk: int, part: str) -> str:
    return json.dumps([article_id, chunk, part], ensure_ascii=False, separators=(",", ":"))


def request_body(request: DraftRequest, settings: Settings) -> dict[str, Any]:
    """The body a live run posts for ``request`` (instructor's rendering for the configured mode)."""
    from instructor.processing.response import handle_response_model

    mode = INSTRUCTOR_MODES[settings.mode]
    _, body = handle_response_model(
        request.response_model,
        mode=mode,
        messages=request.messages,
        model=settings.model,
        temperature=0,
        max_tokens=settings.max_output_tokens,
    )
    body = dict(body)
    if mode in SCHEMA_IN_PROMPT:
        body["messages"] = schema_after_the_article(body["messages"], request.messages, request.response_model)
    return body


def batch_lines(item: ArticleInput, settings: Settings) -> Iterator[dict[str, Any]]:
    assert item.text is not None
    for index, article in enumerate(article_chunks(item.text, settings)):
        for request in first_pass_requests(article, settings.strategy, with_overview=index == 0):
            yield {
                "custom_id": custom_id(item.id, index, request.key),
                "method": "POST",
                "url": BATCH_URL,
                "body": request_body(request, settings),
            }


def write_batch_file(items: Iterable[ArticleInput], path: Path, settings: Settings) -> tuple[int, int, list[str]]:
    """Write the batch file; returns (articles, requests, ids skipped for input errors)."""
    articles = requests = 0
    skipped: list[str] = []
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(path.suffix + ".tmp")
    with tmp.open("w", encoding="utf-8") as out:
        for item in items:
            if item.error:
                skipped.append(item.id)
                continue
            articles += 1
            for line in batch_lines(item, settings):
                out.write(json.dumps(line, ensure_ascii=False) + "\n")
                requests += 1
    tmp.replace(path)
    return articles, requests, skipped


def load_results(path: Path) -> dict[str, Any]:
    """The batch output by custom_id: the completion body, or ``{"error": ...}`` for a failed request.

    A line that is not a result line at all stops the import (``InputError``); a result line whose
    answer is malformed only fails its article, as a bad answer does.
    """
    if not path.is_file():
        raise InputError(f"No such batch results file: {path}")
    answers: dict[str, Any] = {}
    with path.open("rb") as lines:
        for number, raw in enumerate(lines, start=1):
            if not raw.strip():
                continue
            try:
                record = json.loads(raw.decode("utf-8"))
                key = record["custom_id"]
            except UnicodeDecodeError as exc:
                raise InputError(f"{path}:{number} is not UTF-8 (undecodable byte at offset {exc.start})") from exc
            except (json.JSONDecodeError, KeyError, TypeError) as exc:
                raise InputError(f"{path}:{number} is not a batch result line ({exc})") from exc
            if not isinstance(key, str):
                raise InputError(f"{path}:{number} is not a batch result line ('custom_id' is not a string)")
            response = record.get("response") or {}
            if record.get("error"):
                answers[key] = {"error": record["error"]}
            elif not isinstance(response, dict):
                answers[key] = response  # _parse fails its article: not a chat completion
            elif response.get("status_code") != 200:
                answers[key] = {"error": response.get("body") or "no response"}
            else:
                answers[key] = response.get("body") or {}
    return answers


def _parse(body: Any, request: DraftRequest, settings: Settings, usage: Usage) -> Any:
    from instructor.processing.response import process_response

    if isinstance(body, dict) and "error" in body:
        raise ExtractionError(f"the batch run failed this request: {str(body['error'])[:300]}")
    try:
        completion = ChatCompletion.model_validate(body)
    except ValidationError as exc:
        raise ExtractionError(f"not a chat completion: {str(exc).splitlines()[0]}") from exc
    usage.requests += 1
    if completion.usage is not None:
        usage.prompt_tokens += completion.usage.prompt_tokens
        usage.completion_tokens += completion.usage.completion_tokens
    if completion.choices and completion.choices[0].finish_reason == "length":
        # As in a live run: the items completed before the cut are kept (and verified); with no backend
        # to ask again, an answer that completed none loses its section.
        kept = before_the_cut(answer_text(completion), request.response_model, settings.max_output_tokens)
        if kept is None:
            raise ExtractionError("the answer was cut off at max_tokens before it completed an item")
        return kept
    try:
        return process_response(
            completion, response_model=request.response_model, stream=False, mode=INSTRUCTOR_MODES[settings.mode]
        )
    except Exception as exc:  # instructor raises ValidationError, JSONDecodeError or its own errors here
        raise ExtractionError(
            f"the answer for {request.response_model.__name__} did not validate: {str(exc).splitlines()[0][:300]}"
        ) from exc


def summary_from_results(item: ArticleInput, results: dict[str, Any], settings: Settings) -> ArticleSummary:
    """The summary a live run would make from these answers (without re-asks)."""
    assert item.text is not None

    def answer(chunk: int, requests: list[DraftRequest], usage: Usage) -> Answers:
        answers: Answers = {}
        for request in requests:
            body = results.get(custom_id(item.id, chunk, request.key))
            if body is None:
                raise ExtractionError(f"no answer in the batch results for {custom_id(item.id, chunk, request.key)}")
            try:
                add_answer(answers, request.part, _parse(body, request, settings, usage))
            except ExtractionError as exc:
                add_answer(answers, request.part, exc)
        return answers

    return assemble_summary(item.text, settings, f"{settings.backend} (batch file)", answer, reask=None)
