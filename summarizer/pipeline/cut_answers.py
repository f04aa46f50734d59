"""Keep what an answer completed when it runs long, instead of asking again for nothing.

A small model that loses its way writes the same kind of item over and over until max_tokens cuts it,
and asked again with twice the budget it loops longer. The items it completed before the cut are as good
as those of an answer that ended: every one is verified the same way, and the answer notes what was cut.
An overview that runs on keeps its headline and the whole sentences of its summary
(``overview_before_the_cut``). Tests: tests/test_cut_answers.py.
"""

from __future__ import annotations

import json
import re
from typing import Any, TypeVar, get_args

from pydantic import BaseModel, ValidationError

from summarizer.pipeline.sentences import split_sentences

M = TypeVar("M", bound=BaseModel)
_SEPARATORS = re.compile(r"[\s,]*")


def answer_text(completion: Any) -> str:
    """What the model wrote: the tool call's arguments (TOOLS mode) or the message (JSON modes)."""
    message = completion.choices[0].message
    if message.tool_calls:
        return str(message.tool_calls[0].function.arguments or "")
    return str(message.content or "")


def _list_field(model: type[BaseModel]) -> str | None:
    """The one list field of a section answer ("casualties"), or None for any other shape."""
    names = list(model.model_fields)
    if len(names) != 1 or getattr(model.model_fields[names[0]].annotation, "__origin__", None) is not list:
        return None
    return names[0]


def _complete_items(raw: str, field: str) -> list[Any]:
    """The JSON values of ``field``'s list that ``raw`` closes before it breaks off."""
    start = re.search(rf'"{re.escape(field)}"\s*:\s*\[', raw)
    if start is None:
        return []
    decoder, position = json.JSONDecoder(), start.end()
    items: list[Any] = []
    while True:
        position = _SEPARATORS.match(raw, position).end()  # type: ignore[union-attr]  # matches empty
        try:
            item, position = decoder.raw_decode(raw, position)
        except ValueError:
            return items
        items.append(item)


def distinct(items: list[Any]) -> list[Any]:
    """``items`` without exact repeats, first occurrence kept (a looping model repeats itself)."""
    seen: set[str] = set()
    kept = []
    for item in items:
        key = json.dumps(item, sort_keys=True, default=str)
        if key not in seen:
            seen.add(key)
            kept.append(item)
    return kept


def before_the_cut(raw: str, model: type[M], max_tokens: int) -> M | None:
    """What a cut answer completed, as ``model``: a list's items, or an overview's headline and sentences."""
    if _list_field(model) is not None:
        return items_before_the_cut(raw, model, max_tokens)
    return overview_before_the_cut(raw, model, max_tokens)


def valid_items(model: type[BaseModel], field: str, items: list[Any]) -> tuple[list[Any], list[str]]:
    """The items of ``model``'s list ``field`` that validate on their own, and why each other one does not.

    Each is validated as an item, not as a one-item list: a section model drops an invalid item itself
    (``drafts``), so a list of one would pass with nothing in it.
    """
    item_type = get_args(model.model_fields[field].annotation)[0]
    kept, notes = [], []
    for number, item in enumerate(items, 1):
        try:
            item_type.model_validate(item)
        except ValidationError as error:
            first = error.errors()[0]
            where = ".".join(str(part) for part in first["loc"]) or "item"
            notes.append(f"answer's {field} item {number} did not validate ({where}: {first['msg']}): dropped")
            continue
        kept.append(item)
    return kept, notes


def items_before_the_cut(raw: str, model: type[M], max_tokens: int) -> M | None:
    """``model`` holding the valid items ``raw`` completed before it was cut, or None when there are none.

    Example:
        >>> from summarizer.pipeline.drafts import Conditions
        >>> cut = '{"conditions": [{"sentence": 2, "party": "FMLN", "demand": "talks"}, {"sentence": 3, "par'
        >>> answer = items_before_the_cut(cut, Conditions, 1024)
        >>> [c.party for c in answer.conditions], answer._note
        (['FMLN'], 'answer cut at 1024 tokens: the 1 item(s) completed before the cut were kept')
    """
    field = _list_field(model)
    if field is None:
        return None
    kept, _ = valid_items(model, field, distinct(_complete_items(raw, field)))
    if not kept:
        return None
    answer = model.model_validate({field: kept})
    count = len(getattr(answer, field))
    answer._note = f"answer cut at {max_tokens} tokens: the {count} item(s) completed before the cut were kept"  # type: ignore[attr-defined]
    return answer


_PROSE_FIELDS = ("headline", "summary")
_UNFINISHED_ESCAPE = re.compile(r"\\(?:u[0-9a-fA-F]{0,3})?$")


def _string_at(raw: str, quote: int) -> str:
    """The JSON string opening at ``raw[quote]``, closed where the answer broke off if it did inside it."""
    decoder = json.JSONDecoder()
    try:
        return str(decoder.raw_decode(raw, quote)[0])
    except ValueError:
        try:
            return str(decoder.raw_decode(_UNFINISHED_ESCAPE.sub("", raw[quote:]) + '"')[0])
        except ValueError:
            return ""


def overview_before_the_cut(raw: str, model: type[M], max_tokens: int) -> M | None:
    """The headline and the summary's whole sentences a cut overview wrote, or None without both.

    An overview that runs on ('", "True Behavior" :", "' over and over) runs on the same way when asked
    again (temperature 0), so what it completed is kept. Tests: tests/test_cut_answers.py::
    test_an_overview_that_runs_on_keeps_its_headline_and_whole_sentences_without_asking_again

    Example:
        >>> from summarizer.pipeline.drafts import Overview
        >>> cut = '{"headline": "Mayor shot", "summary": "The mayor was shot. Police said. Police said. Th'
        >>> answer = overview_before_the_cut(cut, Overview, 1024)
        >>> answer.headline, answer.summary
        ('Mayor shot', 'The mayor was shot. Police said.')
    """
    if tuple(model.model_fields) != _PROSE_FIELDS:
        return None
    values = {}
    for field in _PROSE_FIELDS:
        match = re.search(rf'"{field}"\s*:\s*"', raw)
        values[field] = _string_at(raw, match.end() - 1).strip() if match else ""
    whole = [s.text for s in split_sentences(values["summary"]) if s.text.rstrip(")\"'”’]").endswith((".", "!", "?"))]
    sentences = distinct(whole)
    if not values["headline"] or not sentences:
        return None
    try:
        answer = model.model_validate({"headline": values["headline"], "summary": " ".join(sentences)})
    except ValidationError:
        return None
    answer._note = (  # type: ignore[attr-defined]
        f"answer cut at {max_tokens} tokens: the headline and {len(sentences)} whole sentence(s) of summary were kept"
    )
    return answer
