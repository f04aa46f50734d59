"""Grounding of the local model's own quotes, as recorded in the cassettes.

The casualty answers carry ``figure_text``, a quote the model retyped from the article. Some come
back with different case or spacing; those must be located fuzzily, with offsets that point at the
article's own words.
"""

from __future__ import annotations

import difflib
import json
import re

from summarizer.checks.grounding import MIN_RATIO, bare_quote, ground_evidence

from .conftest import ARTICLES, CASSETTES


def _recorded_figure_texts() -> list[tuple[str, str]]:
    found = []
    for cassette in sorted((CASSETTES / "recorded_summaries").glob("test_summary[[]*].json")):
        name = cassette.stem.removeprefix("test_summary[").removesuffix("]")
        for interaction in json.loads(cassette.read_text(encoding="utf-8"))["interactions"]:
            body = interaction["response"]["body"].get("parsed_body") or {}
            for choice in body.get("choices", []):
                content = choice["message"]["content"] or ""
                try:  # the JSON itself, without the code fence around it (md_json mode)
                    answer = json.loads(content[content.find("{") : content.rfind("}") + 1])
                except json.JSONDecodeError:
                    continue
                for item in answer.get("casualties", []) if isinstance(answer, dict) else []:
                    if isinstance(item, dict) and isinstance(item.get("figure_text"), str):
                        found.append((name, item["figure_text"]))
    return found


def _words(text: str) -> list[str]:
    return re.findall(r"\w+", text.lower())


def test_recorded_quotes_are_located_with_offsets_into_the_article() -> None:
    quotes = _recorded_figure_texts()
    alignments = []
    for name, quote in quotes:
        text = (ARTICLES / f"{name}.txt").read_text(encoding="utf-8")
        located = ground_evidence(quote, text)
        if located is None:
            continue  # a quote that is not in the article: verify.py never moves a citation with it
        span, alignment = located
        alignments.append(alignment)
        if alignment == "exact":
            assert text[span.start : span.end] == bare_quote(quote)
        else:
            # Same words up to case, quotes and spacing, or a small edit ("THE PEOPLE" for "THESE PEOPLE").
            located_words, quote_words = " ".join(_words(text[span.start : span.end])), " ".join(_words(quote))
            assert difflib.SequenceMatcher(None, located_words, quote_words).ratio() >= MIN_RATIO, (name, quote)
            assert not text[span.start - 1 : span.start].isalnum() and not text[span.end : span.end + 1].isalnum()
    assert "fuzzy" in alignments and "exact" in alignments  # the model does retype quotes inexactly
