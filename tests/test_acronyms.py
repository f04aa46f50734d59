"""A party named by initials the article defines is published by its full name (checks/acronyms.py)."""

from __future__ import annotations

import pytest

from summarizer.checks.acronyms import full_name
from summarizer.checks.verify import Rejected, verify_item
from summarizer.pipeline.article import Article
from summarizer.pipeline.drafts import ConditionDraft

# Team-written.
DEFINED_ONCE = (
    "The Coastal States Trade Council (CSTC) met in Porto on Monday. The CSTC is calling for open ports "
    "before the vote."
)


def test_a_party_given_by_its_initials_is_spelled_out_as_the_article_does() -> None:
    article = Article.from_text(DEFINED_ONCE, language="en")
    draft = ConditionDraft(sentence=2, party="CSTC", addressee=None, demand="open ports before the vote")
    notes: list[str] = []
    item = verify_item("conditions", draft, article, notes)
    assert not isinstance(item, Rejected) and item.party == "Coastal States Trade Council (CSTC)"
    assert notes == ["corrected: party 'CSTC' to 'Coastal States Trade Council (CSTC)', as the article spells it out"]


@pytest.mark.parametrize(
    ("text", "party", "spelled"),
    [
        ("Talks of the Union of Coastal Nations (UCN) resumed.", "the UCN", "Union of Coastal Nations (UCN)"),
        (
            "La Confédération générale du travail (CGT) appelle à la grève.",
            "La CGT",
            "Confédération générale du travail (CGT)",
        ),
        # Not initials, initials the article never spells out, or brackets that are not its initials.
        ("Talks of the Union of Coastal Nations (UCN) resumed.", "Union", None),
        ("The CSTC met on Monday.", "CSTC", None),
        ("The council met in Porto (PT) on Monday.", "PT", None),
    ],
)
def test_initials_the_article_defines(text: str, party: str, spelled: str | None) -> None:
    assert full_name(party, Article.from_text(text, language="en")) == spelled
