"""A clause drafted both as a demand and as an offer goes where its cue puts it (checks/offer_or_demand.py)."""

from __future__ import annotations

import pytest

from summarizer.checks.offer_or_demand import reading
from summarizer.checks.verify import Rejected, verify_item
from summarizer.pipeline.article import Article
from summarizer.pipeline.drafts import ConditionDraft, ProposalDraft
from summarizer.pipeline.run import _without_restated_items
from summarizer.schema import Condition, Proposal

# Team-written, after the kinds of sentence where the model drafted one clause in both lists.
READY_TO = 'The mayor welcomed the call for calm, saying "we are ready to reopen the harbour road to the villages."'


@pytest.mark.parametrize(
    ("sentence", "words", "expected"),
    [
        (READY_TO, "reopen the harbour road", "offer"),
        # An offer with a condition on it is both: the offer, and the terms set for it.
        (
            "The army declared that its engineers were ready to repair the bridge if the town made a request.",
            "repair the bridge if the town makes a request",
            "both",
        ),
        # A need stressed is a recommendation; terms of one's own signing are a demand, an announced threat too.
        ("The council stressed the need to open the crossings.", "open the crossings", "offer"),
        ("The Alliance said it would only sign a truce if troops leave.", "only sign a truce", "demand"),
        ("The army stated it would shell the port if the broadcasts do not stop.", "shell the port", "demand"),
        # A call whose cue holds the words it calls for: a call for cooperation or talks suggests them.
        ("The mayor called for a regional cooperation on the harbour.", "regional cooperation", "offer"),
        ("The mayor asked to meet the union leaders in the port.", "to meet the union leaders", "offer"),
    ],
)
def test_the_cue_before_the_words_says_what_they_are(sentence: str, words: str, expected: str) -> None:
    assert reading(words, sentence, Article.from_text(sentence, language="en").pack) == expected


def test_an_offer_drafted_as_a_demand_too_is_published_as_an_offer_only() -> None:
    article = Article.from_text(READY_TO, language="en")
    words = "reopen the harbour road to the villages"
    condition = verify_item("conditions", ConditionDraft(sentence=1, party="The mayor", demand=words), article)
    proposal = verify_item("proposals", ProposalDraft(sentence=1, proposer="The mayor", proposal=words), article)
    assert isinstance(condition, Condition) and isinstance(proposal, Proposal)
    demands, offers, dropped = _without_restated_items([condition], [proposal], article.pack)
    assert (demands, offers) == ([], [proposal])
    assert [(d.section, d.reason) for d in dropped] == [
        ("conditions", "restates a proposal of the same party in the same sentence: an offer, not a demand")
    ]
    assert not isinstance(condition, Rejected)
