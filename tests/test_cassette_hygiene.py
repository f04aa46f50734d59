"""Every cassette is a readable recording with nothing secret in it."""

import json
import re

import pytest

from .conftest import CASSETTES

CASSETTE_FILES = sorted(CASSETTES.rglob("*.json"))
SECRET_HEADERS = {"authorization", "cookie", "set-cookie", "openai-organization", "openai-project", "api-key"}
SECRET_VALUES = re.compile(r"sk-[A-Za-z0-9_-]{16,}|Bearer\s+\S+", re.IGNORECASE)


def test_there_are_cassettes() -> None:
    assert len(CASSETTE_FILES) >= 7


@pytest.mark.parametrize("path", CASSETTE_FILES, ids=lambda p: p.stem)
def test_cassette_is_scrubbed_and_readable(path) -> None:
    text = path.read_text(encoding="utf-8")
    cassette = json.loads(text)
    assert cassette["interactions"]
    for interaction in cassette["interactions"]:
        for part in (interaction["request"], interaction["response"]):
            assert not {h.lower() for h in part["headers"]} & SECRET_HEADERS
        assert "parsed_body" in interaction["request"]  # bodies stored as JSON, not opaque strings
        assert "parsed_body" in interaction["response"]["body"]
        assert interaction["request"]["uri"].startswith("http://127.0.0.1:")  # recorded from the loopback server
    assert not SECRET_VALUES.search(text)
