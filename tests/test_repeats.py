"""A demand or offer said twice, in one sentence or reported then quoted, is published once (checks/repeats.py)."""

from __future__ import annotations

from summarizer.checks.repeats import without_contained_repeats, without_quoted_repeats
from summarizer.schema import Proposal, Span

# Team-written: a report of an offer, a sentence between, then the party quoted making it.
TEXT = (
    "It follows Foreign Minister Ana Ruiz proposing the next round of talks with Velm in Ostra. "
    "Velm has not answered. "
    'Ruiz said: "We propose holding the next round of talks with Velm in Ostra in early June." '
    "Talks in Ostra were also proposed by Velm last year."
)


def offer(proposer: str, proposal: str, sentence: str) -> Proposal:
    start = TEXT.index(sentence)
    return Proposal(
        proposer=proposer,
        proposal=proposal,
        evidence=sentence,
        evidence_span=Span(start=start, end=start + len(sentence)),
        alignment="exact",
    )


REPORT = offer("Ana Ruiz", "the next round of talks with Velm in Ostra", TEXT.split(". ")[0] + ".")
QUOTE = offer(
    "Ana Ruiz",
    "holding the next round of talks with Velm in Ostra in early June",
    'Ruiz said: "We propose holding the next round of talks with Velm in Ostra in early June."',
)


def test_an_offer_reported_then_quoted_is_published_once_from_the_report() -> None:
    kept, dropped = without_quoted_repeats("proposals", [QUOTE, REPORT], TEXT)
    assert kept == [REPORT]
    assert [d.item["proposal"] for d in dropped] == [QUOTE.proposal]
    assert dropped[0].reason.startswith("quotes what an earlier sentence reports: 'It follows Foreign Minister")


def test_another_party_or_a_restatement_without_a_quote_stays() -> None:
    velm = offer("Velm", "talks in Ostra", "Talks in Ostra were also proposed by Velm last year.")
    other = QUOTE.model_copy(update={"proposer": "Velm"})
    unquoted = offer("Ana Ruiz", REPORT.proposal, "Velm has not answered.")  # the next sentence, no quote
    for items in ([REPORT, other], [REPORT, velm], [REPORT, unquoted]):
        kept, dropped = without_quoted_repeats("proposals", items, TEXT)
        assert kept == items and dropped == []


def test_an_item_another_of_its_sentence_holds_is_published_once() -> None:
    quoted = QUOTE.evidence
    shorter = offer("Ana Ruiz", "the next round of talks with Velm in Ostra", quoted)
    of_velm = offer("Velm", "the next round of talks with Velm in Ostra", quoted)  # another party: stays
    other = offer("Ana Ruiz", "a truce in early June", quoted)  # other words: stays
    kept, dropped = without_contained_repeats("proposals", [shorter, QUOTE, of_velm, other])
    assert kept == [QUOTE, of_velm, other]
    assert [d.item["proposal"] for d in dropped] == [shorter.proposal]
    assert dropped[0].reason == (
        "said again, with more words, by another item of its sentence: "
        "'holding the next round of talks with Velm in Ostra in early June'"
    )
