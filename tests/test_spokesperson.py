"""A demand voiced by a spokesperson is published as theirs, named with the body (checks/spokesperson.py)."""

from __future__ import annotations

import pytest

from summarizer.checks.spokesperson import speaker_for
from summarizer.checks.verify import Rejected, verify_item
from summarizer.pipeline.article import Article
from summarizer.pipeline.drafts import ConditionDraft

# Team-written, after the kinds of sentence where the model gave the body a speaker works for.
QUOTED_SPOKESMAN = (
    'The talks in Dakar stalled on Monday. "The army must pull back from the harbour road," said Ivo Marek, '
    "a Northern Union spokesman. The mediators meet again on Friday."
)


def test_the_body_becomes_the_speaker_who_voices_its_demand() -> None:
    article = Article.from_text(QUOTED_SPOKESMAN, language="en")
    demand = "pull back from the harbour road"
    draft = ConditionDraft(sentence=2, party="Northern Union", addressee="the army", demand=demand)
    notes: list[str] = []
    item = verify_item("conditions", draft, article, notes)
    assert not isinstance(item, Rejected) and item.party == "Ivo Marek, a Northern Union spokesman"
    assert notes == [
        "corrected: party 'Northern Union' to 'Ivo Marek, a Northern Union spokesman', who voices it in sentence [2]"
    ]


@pytest.mark.parametrize(
    ("sentence", "party", "speaker"),
    [
        (
            'We appeal to all to respect the law," Lena Ortiz, the Delta Council deputy secretary, said.',
            "Delta Council",
            "Lena Ortiz, the Delta Council deputy secretary",
        ),
        ("Ostra spokesman Paul Venn said the mayor must now explain himself.", "Ostra", "Ostra spokesman Paul Venn"),
        # A longer form of the body's word: "Somalia" for "Somali".
        (
            "Ali Jama Farah, Somali Foreign Minister, requested more troops.",
            "Somalia Foreign Minister",
            "Ali Jama Farah, Somali Foreign Minister",
        ),
        # The party is the speaker already, or the description names another body.
        ('"Pull back," said Ivo Marek, a Northern Union spokesman.', "Ivo Marek", None),
        ('"Pull back," said Ivo Marek, a Northern Union spokesman.', "Delta Council", None),
        # No speaker named with a description.
        ("The Northern Union said the army must pull back.", "Northern Union", None),
    ],
)
def test_the_speaker_whose_description_names_the_party(sentence: str, party: str, speaker: str | None) -> None:
    article = Article.from_text(sentence, language="en")
    assert speaker_for(party, article.sentence(1), article) == speaker
