"""What the model is asked to return: the content fields of ``schema.py`` plus a sentence citation.

The citation comes first in every item so the model commits to its evidence before it writes the
values (evidence first). ``pipeline.py`` turns drafts into grounded items of ``ArticleSummary``.
"""

from __future__ import annotations

import functools
import json
from enum import Enum
from typing import Any, TypeGuard, cast, get_origin

from pydantic import (
    BaseModel,
    Field,
    PrivateAttr,
    ValidationError,
    ValidatorFunctionWrapHandler,
    field_validator,
    model_validator,
)
from pydantic.fields import FieldInfo

from summarizer.pipeline.cut_answers import distinct, valid_items
from summarizer.schema import (
    PHRASE,
    SUMMARY,
    CasualtyFields,
    ConditionFields,
    OverviewFields,
    ProposalFields,
    StakeholderFields,
)

MAX_ITEMS = 12
# Keys of a JSON schema that no answer has: an answer holding them is the schema copied back.
SCHEMA_KEYS = frozenset({"$defs", "properties", "$schema"})
MAX_STAKEHOLDERS = 25


def compact_schema(node: Any) -> Any:
    """Drop titles and null defaults, fold ``anyOf [X, null]`` into ``type: [X, null]``.

    The schema is part of every prompt; on a CPU model each token of it costs time
    (docs/measurements.md, "Speed of the embedded model").
    """
    if isinstance(node, list):
        return [compact_schema(item) for item in node]
    if not isinstance(node, dict):
        return node
    node = {k: compact_schema(v) for k, v in node.items() if not (k == "default" and v is None)}
    if "properties" not in node:  # a property: its title repeats its name; a model keeps its title
        node.pop("title", None)
    options = node.get("anyOf")
    if isinstance(options, list) and len(options) == 2 and {"type": "null"} in options:
        other = next(o for o in options if o != {"type": "null"})
        if isinstance(other.get("type"), str):
            del node["anyOf"]
            node.update({**other, "type": [other["type"], "null"]})
    return node


_SCHEMAS: dict[str, str] = {}


class _Draft(BaseModel):
    # What was cut from the model's answer on its way in, said in the summary's meta.dropped.
    _note: str | None = PrivateAttr(default=None)

    @model_validator(mode="wrap")
    @classmethod
    def _keep_the_first_items(cls, data: Any, handler: ValidatorFunctionWrapHandler) -> Any:
        # A looping model lists more items than allowed: its first distinct items are kept instead of
        # failing the list and re-asking for the same loop.
        # Test: tests/test_cut_answers.py::test_a_list_longer_than_allowed_keeps_its_first_distinct_items
        lists = _list_fields(cls)
        if isinstance(data, list) and len(lists) == 1 and len(cls.model_fields) == 1:
            # Without a grammar the model may answer a one-list question with the bare list: it is the list.
            # Test: tests/test_cut_answers.py::test_a_bare_list_answers_a_one_list_question
            data = {lists[0]: data}
        if isinstance(data, dict) and SCHEMA_KEYS & data.keys() and not SCHEMA_KEYS & cls.model_fields.keys():
            # A small model may copy the JSON schema back as its answer; read as an answer it is an empty
            # list, silently. It fails instead, so instructor asks once more, saying why.
            # Test: tests/test_cut_answers.py::test_the_schema_copied_back_is_no_answer
            raise ValueError("this is the JSON schema, not an answer: return an object holding the values found")
        notes = []
        capped = _capped_lists(cls) if isinstance(data, dict) else ()  # none on items: the common case
        for name, cap in capped:
            value = data.get(name)
            if isinstance(value, list) and len(value) > cap:
                data = {**data, name: distinct(value)[:cap]}
                notes.append(f"answer listed {len(value)} {name}: the first {len(data[name])} distinct were kept")
        try:
            result = handler(data)
        except ValidationError:
            if not capped:
                raise
            # One item the model wrote wrong (an overlong demand, a whole sentence copied) is dropped and
            # the other items kept: failing the whole list would re-ask, and the re-ask writes the same.
            # Test: tests/test_cut_answers.py::test_one_invalid_item_is_dropped_without_asking_again_for_the_list
            data, dropped = _without_invalid_items(cls, data, capped)
            if not dropped:
                raise
            notes += dropped
            result = handler(data)
        if notes and isinstance(result, _Draft):
            result._note = "; ".join(notes)
        return result

    @classmethod
    def model_json_schema(cls, *args: Any, **kwargs: Any) -> dict[str, Any]:
        # Built once per shape: generating it was a quarter of the CPU time of a call to a fast backend.
        # Keyed by name and fields, not the class: instructor makes a new subclass on every call.
        fields = [(name, repr(field.annotation)) for name, field in cls.model_fields.items()]
        key = repr((cls.__module__, cls.__qualname__, cls.__doc__, fields, args, sorted(kwargs.items())))
        if key not in _SCHEMAS:
            _SCHEMAS[key] = json.dumps(compact_schema(super().model_json_schema(*args, **kwargs)))
        return cast(dict[str, Any], json.loads(_SCHEMAS[key]))  # a fresh copy: callers may change it


def _is_enum(annotation: Any) -> TypeGuard[type[Enum]]:
    return isinstance(annotation, type) and issubclass(annotation, Enum)


def _max_length(field: FieldInfo) -> int | None:
    return next((m.max_length for m in field.metadata if getattr(m, "max_length", None) is not None), None)


def _without_invalid_items(
    model: type[BaseModel], data: dict[str, Any], capped: tuple[tuple[str, int], ...]
) -> tuple[dict[str, Any], list[str]]:
    """``data`` without the list items that do not validate on their own, and a note for each."""
    data, notes = dict(data), []
    for name, _ in capped:
        if isinstance(data.get(name), list):
            data[name], dropped = valid_items(model, name, data[name])
            notes += dropped
    return data, notes


@functools.lru_cache(maxsize=256)
def _list_fields(model: type[BaseModel]) -> tuple[str, ...]:
    """The names of the list fields of ``model`` (once per class)."""
    return tuple(name for name, field in model.model_fields.items() if get_origin(field.annotation) is list)


@functools.lru_cache(maxsize=256)
def _capped_lists(model: type[BaseModel]) -> tuple[tuple[str, int], ...]:
    """The list fields of ``model`` with a maximum length, and that length (once per class)."""
    return tuple(
        (name, cap)
        for name, field in model.model_fields.items()
        if get_origin(field.annotation) is list and (cap := _max_length(field)) is not None
    )


class Cited(_Draft):
    sentence: int = Field(description="Number of the article sentence that states this item: 3 for [3].")
    # Optional details dropped on the way in (see below): field name -> why.
    _dropped_details: dict[str, str] = PrivateAttr(default_factory=dict)

    @model_validator(mode="wrap")
    @classmethod
    def _drop_unusable_details(cls, data: Any, handler: ValidatorFunctionWrapHandler) -> Any:
        # One bad optional detail (a 150-character attribution, certainty "allegedly") would otherwise
        # fail the whole list the item is in; the detail is dropped instead and reported, and the
        # item still goes through verification.
        dropped: dict[str, str] = {}
        if isinstance(data, dict):
            data = dict(data)
            for name, field in cls.model_fields.items():
                value = data.get(name)
                if value is None:
                    continue
                if field.is_required():
                    # A stakeholder's kind given as "object" would lose the whole list: "other" says unclassified.
                    values = {m.value for m in field.annotation} if _is_enum(field.annotation) else set()
                    if "other" in values and value not in values:
                        dropped[name] = f"{str(value)[:40]!r} is not one of the allowed values: 'other' instead"
                        data[name] = "other"
                    continue
                cap = _max_length(field)
                if cap is not None and isinstance(value, str) and len(value) > cap:
                    dropped[name] = f"is longer than allowed ({len(value)} characters)"
                    data[name] = None
                elif _is_enum(field.annotation) and value not in {m.value for m in field.annotation}:
                    dropped[name] = f"{str(value)[:40]!r} is not one of the allowed values"
                    del data[name]
        item = handler(data)
        if isinstance(item, Cited):
            item._dropped_details = dropped
        return item


def _subject_left_to_the_sentence(data: Any, field: str) -> Any:
    # A demand or offer drafted with no party is not lost here: verification reads the party from its
    # sentence or rejects it (verify.verify_item).
    # Test: tests/test_verify.py::test_an_item_without_its_party_takes_the_one_its_sentence_names
    return {**data, field: ""} if isinstance(data, dict) and data.get(field) is None else data


# Cited is the last base so its field comes first in the schema (pydantic collects fields base-last first).
class ConditionDraft(ConditionFields, Cited):
    @model_validator(mode="before")
    @classmethod
    def _party_left_to_the_sentence(cls, data: Any) -> Any:
        return _subject_left_to_the_sentence(data, "party")


class ProposalDraft(ProposalFields, Cited):
    @model_validator(mode="before")
    @classmethod
    def _proposer_left_to_the_sentence(cls, data: Any) -> Any:
        return _subject_left_to_the_sentence(data, "proposer")


class CitedFigure(Cited):
    figure_text: str = Field(
        max_length=PHRASE,
        description="The exact words of that sentence that give the figure, copied letter for letter.",
    )

    @field_validator("figure_text", mode="before")
    @classmethod
    def _forget_overlong_figure_text(cls, value: Any) -> Any:
        # Only a hint for moving the citation (verify.py); a whole paragraph copied here is no hint.
        return "" if isinstance(value, str) and len(value) > PHRASE else value


class CasualtyDraft(CasualtyFields, CitedFigure):
    pass


class StakeholderDraft(StakeholderFields, Cited):
    pass


class Overview(OverviewFields, _Draft):
    """A neutral headline and summary of the article."""

    @field_validator("summary", mode="before")
    @classmethod
    def _trim_summary(cls, value: Any) -> Any:
        # Small models tend to copy the lede at length; keep whole sentences up to the cap rather than fail.
        if isinstance(value, str) and len(value) > SUMMARY:
            cut = value[:SUMMARY]
            end = max(cut.rfind(". "), cut.rfind(".\n"))
            return cut[: end + 1] if end > 0 else cut
        return value


class Conditions(_Draft):
    """Demands one party sets on another in the article."""

    conditions: list[ConditionDraft] = Field(default_factory=list, max_length=MAX_ITEMS)


class Proposals(_Draft):
    """Offers and plans put forward in the article."""

    proposals: list[ProposalDraft] = Field(default_factory=list, max_length=MAX_ITEMS)


class Casualties(_Draft):
    """Reported incidents in which people were killed or injured, one entry per report."""

    casualties: list[CasualtyDraft] = Field(default_factory=list, max_length=MAX_ITEMS)


class Stakeholders(_Draft):
    """People, states, organisations and groups involved in the story."""

    stakeholders: list[StakeholderDraft] = Field(default_factory=list, max_length=MAX_STAKEHOLDERS)


class WholeArticle(Overview):
    """Everything at once (the ``single`` strategy)."""

    conditions: list[ConditionDraft] = Field(default_factory=list, max_length=MAX_ITEMS)
    proposals: list[ProposalDraft] = Field(default_factory=list, max_length=MAX_ITEMS)
    casualties: list[CasualtyDraft] = Field(default_factory=list, max_length=MAX_ITEMS)
    stakeholders: list[StakeholderDraft] = Field(default_factory=list, max_length=MAX_STAKEHOLDERS)


SECTION_MODELS: dict[str, type[BaseModel]] = {
    "overview": Overview,
    "conditions": Conditions,
    "proposals": Proposals,
    "casualties": Casualties,
    "stakeholders": Stakeholders,
}
