"""Cassette hygiene for vcrpy: readable JSON bodies, no secret headers, JSON-aware body matching.

Registered by ``conftest.py``. Requests and responses keep only ``content-type``; bodies that are
JSON are stored parsed (``parsed_body``) so a cassette reads like the conversation it records.
"""

from __future__ import annotations

import gzip
import json
from typing import Any

KEPT_HEADERS = {"content-type"}


def _headers(headers: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in headers.items() if k.lower() in KEPT_HEADERS}


def _decode(body: Any) -> Any:
    if isinstance(body, bytes):
        if body[:2] == b"\x1f\x8b":
            body = gzip.decompress(body)
        body = body.decode("utf-8")
    return body


def _store(container: dict[str, Any], key: str) -> None:
    text = _decode(container.pop(key, None))
    if not text:
        container[key] = text
        return
    try:
        container["parsed_body"] = json.loads(text)
    except (TypeError, ValueError):
        container[key] = text


def serialize(cassette: dict[str, Any]) -> str:
    for interaction in cassette["interactions"]:
        request, response = interaction["request"], interaction["response"]
        request["headers"] = _headers(request.get("headers", {}))
        _store(request, "body")
        response["headers"] = _headers(response.get("headers", {}))
        _store(response["body"], "string")
    return json.dumps(cassette, indent=2, ensure_ascii=False, sort_keys=True) + "\n"


def deserialize(text: str) -> dict[str, Any]:
    cassette: dict[str, Any] = json.loads(text)
    for interaction in cassette["interactions"]:
        request, body = interaction["request"], interaction["response"]["body"]
        if "parsed_body" in request:
            request["body"] = json.dumps(request.pop("parsed_body"))
        if "parsed_body" in body:
            body["string"] = json.dumps(body.pop("parsed_body")).encode("utf-8")
    return cassette


def json_body_matcher(r1: Any, r2: Any) -> None:
    """Bodies match when they parse to the same JSON (or are byte-equal when not JSON)."""

    def parsed(request: Any) -> Any:
        raw = _decode(request.body) or ""
        try:
            return json.loads(raw)
        except ValueError:
            return raw

    left, right = parsed(r1), parsed(r2)
    assert left == right, "request bodies differ"
