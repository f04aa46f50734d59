"""The proposer is the one a sentence names right before its verb of offering (checks/proposer.py)."""

from __future__ import annotations

import pytest

from summarizer.checks.proposer import named_proposer
from summarizer.checks.verify import Rejected, verify_item
from summarizer.pipeline.article import Article
from summarizer.pipeline.drafts import ProposalDraft

# Team-written, after the kinds of sentence where the model named the speaker or a reporter instead.
SPEAKER_THEN_OFFER = (
    "The mediators met in Dakar on Monday. Their spokesperson Mira Dalen said that the Northern Union had "
    "pledged to reopen the harbour road. The talks continue on Friday."
)


def test_the_one_who_pledges_is_the_proposer_not_the_one_who_says_so() -> None:
    article = Article.from_text(SPEAKER_THEN_OFFER, language="en")
    draft = ProposalDraft(sentence=2, proposer="Mira Dalen", proposal="reopen the harbour road")
    notes: list[str] = []
    item = verify_item("proposals", draft, article, notes)
    assert not isinstance(item, Rejected) and item.proposer == "Northern Union"
    assert notes[0] == "corrected: proposer 'Mira Dalen' to 'Northern Union', whom sentence [2] names as offering"


@pytest.mark.parametrize(
    ("sentence", "proposal", "proposer"),
    [
        (
            "Both towns backed the plan; Harlow answered the call and promised to send 40 nurses.",
            "send 40 nurses",
            "Harlow",
        ),
        (
            "He also announced that the Delta Council is planning to dispatch observers.",
            "dispatch observers",
            "Delta Council",
        ),
        ("A paper says al Nassar offered the mayor a loan.", "a loan", "al Nassar"),
        ("On Monday Ostra promised new elections.", "new elections", "Ostra"),
        ("Britain has also announced plans to join the harbour patrol.", "join the harbour patrol", "Britain"),
        ("The government of Ostra has proposed a truce, its minister announced.", "a truce", "The government of Ostra"),
        # No one party: a pronoun, two parties, or a proposal that is not what the verb introduces.
        ("He promised to hold talks.", "hold talks", None),
        ("Tesco and Salling agreed to a sale.", "a sale", None),
        ("Russia said it would send troops, and Ukraine proposed talks.", "send troops", None),
    ],
)
def test_the_party_right_before_the_verb_of_offering(sentence: str, proposal: str, proposer: str | None) -> None:
    article = Article.from_text(sentence, language="en")
    assert named_proposer(proposal, article.sentence(1), article) == proposer


def test_a_proposer_the_sentence_names_as_offering_is_kept() -> None:
    article = Article.from_text("The union offered to end the strike, and the mayor promised a reply.", language="en")
    draft = ProposalDraft(sentence=1, proposer="The union", proposal="end the strike")
    item = verify_item("proposals", draft, article)
    assert not isinstance(item, Rejected) and item.proposer == "The union"
