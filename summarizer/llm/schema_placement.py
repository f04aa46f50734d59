"""Where the answer's JSON schema goes in a prompt: after the article, before the task, never before the article.

In its JSON modes instructor appends the schema, pretty-printed, to the system message. The article
follows the system message, so every call of an article would start with a different schema and a
llama.cpp server would evaluate the article again for each; the indented schema is also a third
longer than a compact one. The system message goes back to what was sent, and the schema, written
compactly by ``prompts.render_answer_format``, follows the first user message sent (the article); the
task comes last, so the model's last words to read are what to do (with the schema last, it copied the
schema back as its answer).
Tests: tests/test_prompts.py::test_every_call_of_an_article_shares_the_rules_and_the_article
"""

from __future__ import annotations

from typing import Any

import instructor
from pydantic import BaseModel

from summarizer.pipeline.prompts import render_answer_format

# The modes in which instructor writes the schema into the messages (the others send it as a tool or
# a response format, outside the prompt text).
SCHEMA_IN_PROMPT = (instructor.Mode.JSON, instructor.Mode.MD_JSON)


def schema_after_the_article(
    prepared: list[dict[str, Any]], sent: list[dict[str, Any]], response_model: type[BaseModel]
) -> list[dict[str, Any]]:
    """``prepared`` (the messages as instructor made them from ``sent``) with the schema moved from the
    system message to just after the first user message of ``sent`` (new dicts; those given are kept)."""
    if len(sent) < 2 or sent[0].get("role") != "system" or sent[1].get("role") != "user":
        return prepared
    system, article = sent[0]["content"], sent[1]["content"]
    first = prepared[0] if prepared else {}
    content = first.get("content")
    if first.get("role") != "system" or not isinstance(content, str) or content == system:
        return prepared
    if not content.startswith(system):
        return prepared  # not instructor's addition: leave it
    moved = [{**first, "content": system}]
    placed = False
    for message in prepared[1:]:
        text = message.get("content")
        if not placed and message.get("role") == "user" and isinstance(text, str) and text.startswith(article):
            schema = render_answer_format(response_model)
            message = {**message, "content": f"{article}\n\n{schema}{text[len(article) :]}"}
            placed = True
        moved.append(message)
    return moved if placed else prepared
