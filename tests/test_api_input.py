"""What the Python API refuses before any backend is reached."""

from __future__ import annotations

import re

import pytest

from summarizer import InputError, Settings, summarize

NOWHERE = Settings.resolve(base_url="http://127.0.0.1:9/v1", environ={})  # never contacted: refused first


@pytest.mark.parametrize(
    ("text", "says"),
    [
        (b"Two people died.", "must be text (str), not bytes: decode it first"),
        (123, "must be text (str), not int"),
        (None, "must be text (str), not NoneType"),
        ("  \n ", "is empty"),
        # Found by an audit: a lone surrogate (a "\ud800" JSON escape) crashed the cache key's hash.
        ("Two people died. \ud800", "not valid Unicode at offset 17"),
    ],
)
def test_text_that_cannot_be_summarized_is_an_input_error(text: object, says: str) -> None:
    with pytest.raises(InputError, match=re.escape(says)):
        summarize(text, settings=NOWHERE, use_cache=False)  # type: ignore[arg-type]
