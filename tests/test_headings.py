"""A short line of its own that does not end as a statement is a heading: it states no demand or offer."""

from __future__ import annotations

import pytest

from summarizer.checks.verify import Rejected, sentences_that_could_state, verify_item
from summarizer.pipeline.article import Article
from summarizer.pipeline.drafts import ProposalDraft
from summarizer.pipeline.sentences import is_heading

# Team-written: a heading above a paragraph that proposes talks.
TEXT = (
    "The harbour strike enters its third week.\n\n"
    "Ostra's proposal for peace in the harbour\n\n"
    "The mayor proposed talks with the union on Friday."
)


def test_a_short_line_without_a_full_stop_is_a_heading() -> None:
    article = Article.from_text(TEXT, language="en")
    assert [is_heading(s, TEXT) for s in article.sentences] == [False, True, False]
    assert sentences_that_could_state("proposals", article) == (3,)


@pytest.mark.parametrize(
    "text",
    [
        "The mayor proposed talks\nwith the union on Friday.",  # a line of a wrapped sentence
        "The strike goes on.\nTalks proposed: the mayor wants a meeting on Friday",  # the last line: no heading
    ],
)
def test_a_wrapped_line_or_a_sentence_is_no_heading(text: str) -> None:
    article = Article.from_text(text, language="en")
    assert not is_heading(article.sentences[-1], text)


def test_an_offer_cited_on_a_heading_is_dropped() -> None:
    article = Article.from_text(TEXT, language="en")
    draft = ProposalDraft(sentence=2, proposer="Ostra", proposal="proposal for peace in the harbour")
    result = verify_item("proposals", draft, article)
    assert isinstance(result, Rejected) and result.reason == "sentence [2] is a heading: it states no proposal"
