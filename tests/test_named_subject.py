"""The party is the one a sentence names right before its verb of offering or demanding (checks/named_subject.py)."""

from __future__ import annotations

import pytest

from summarizer.checks.named_subject import named_subject
from summarizer.checks.verify import Rejected, verify_item
from summarizer.pipeline.article import Article
from summarizer.pipeline.drafts import ConditionDraft, ProposalDraft

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
        # A body's own proposal, whoever asks for it.
        (
            "She asked that the government of Ostra begin its proposed ten-point reform.",
            "begin its proposed ten-point reform",
            "the government of Ostra",
        ),
        # No one party: a pronoun, two parties, or a proposal that is not what the verb introduces.
        ("He promised to hold talks.", "hold talks", None),
        ("Tesco and Salling agreed to a sale.", "a sale", None),
        ("Russia said it would send troops, and Ukraine proposed talks.", "send troops", None),
    ],
)
def test_the_party_right_before_the_verb_of_offering(sentence: str, proposal: str, proposer: str | None) -> None:
    article = Article.from_text(sentence, language="en")
    assert named_subject("proposals", proposal, article.sentence(1), article) == proposer


def test_a_proposer_the_sentence_names_as_offering_is_kept() -> None:
    article = Article.from_text("The union offered to end the strike, and the mayor promised a reply.", language="en")
    draft = ProposalDraft(sentence=1, proposer="The union", proposal="end the strike")
    item = verify_item("proposals", draft, article)
    assert not isinstance(item, Rejected) and item.proposer == "The union"


def test_the_one_who_presses_is_the_party_not_the_outlet_that_says_so() -> None:
    article = Article.from_text(
        "The Ledger says, in the past, Ostra has pressed the council not to publish the report."
    )
    draft = ConditionDraft(sentence=1, party="The Ledger", demand="the council not to publish it")
    notes: list[str] = []
    item = verify_item("conditions", draft, article, notes)
    assert not isinstance(item, Rejected) and item.party == "Ostra"
    assert notes == ["corrected: party 'The Ledger' to 'Ostra', whom sentence [1] names as demanding"]


@pytest.mark.parametrize(
    ("sentence", "demand", "party"),
    [
        ("The council endorsed the plan and urged both sides to keep talking.", "keep talking", "The council"),
        ("Sarkozy warned Medvedev of serious consequences if Russia failed to pull back.", "pull back", "Sarkozy"),
        # "The demands" is no one demanding; a list of parties is not one.
        ("The demands also include an end to night shifts.", "an end to night shifts", None),
        ("Ostra and Delta demanded new elections.", "new elections", None),
    ],
)
def test_the_party_right_before_the_verb_of_demanding(sentence: str, demand: str, party: str | None) -> None:
    article = Article.from_text(sentence, language="en")
    assert named_subject("conditions", demand, article.sentence(1), article) == party


def test_in_french_the_party_before_its_verb_of_demanding_and_not_the_agency() -> None:
    # Team-written, after a sentence whose demand the model gave to the news agency that reported it.
    sentence = "Selon l’AFP, le Conseil des usagers, principal collectif du port, a appelé à rouvrir la route."
    article = Article.from_text(sentence, language="fr")
    assert named_subject("conditions", "rouvrir la route", article.sentence(1), article) == "le Conseil des usagers"
