"""The four-list scores follow the shared matching rules and count from the gold only."""

from __future__ import annotations

from typing import Any

from summarizer.evaluation.draft_capture import Summarized, lists_of_drafts, lists_of_summary
from summarizer.evaluation.evaluate import UNVERIFIED, add_list_scores, list_rows
from summarizer.evaluation.list_scoring import (
    ListItem,
    Lists,
    aggregate_lists,
    evidence_overlaps,
    names_match,
    score_lists,
)
from summarizer.evaluation.scoring import RecordScore
from summarizer.schema import ArticleSummary, CasualtyReport, Condition, Stakeholder, SummaryMeta

DEMAND = "The union said it would end the strike only if wages rise by 5%."
ATTACK = "A bomb killed 16 people on Monday, police said; 3 more died in hospital later."
GOLD = {
    "id": "r1",
    "lang": "en",
    "text": f"{DEMAND} {ATTACK}",
    "gold_covers": ["conditions", "proposals", "casualties", "killed", "injured", "actors"],
    "gold": {
        "conditions": [{"party": "the union", "addressee": None, "demand": "wages rise by 5%", "sentence": DEMAND}],
        "proposals": [],
        "casualties": [{"killed": 16, "injured": None, "qualifier": "exact", "sentence": ATTACK}],
        "killed": 16,
        "injured": 0,
        "actors": [
            {"name": "the union", "alternatives": ["trade union"], "kind": "organisation"},
            {"name": "police", "alternatives": [], "kind": "organisation"},
        ],
    },
}
META = SummaryMeta(model="m", backend="b", mode="json", strategy="cited", prompt_version="p")


def test_names_match_by_the_shared_rule() -> None:
    assert names_match("The Union!", "the union")  # case and punctuation
    assert names_match("Vladimir Putin", "Putin")  # contained at word boundaries
    assert not names_match("Putinism", "Putin")  # not at a word boundary
    assert names_match("Frères musulmans", "les Frères musulmans d'Égypte")
    assert not names_match("NATO", "Russia")


def test_evidence_overlap_needs_half_the_gold_sentence() -> None:
    assert evidence_overlaps("it would end the strike only if wages rise", DEMAND)  # contained
    assert not evidence_overlaps("Police said so.", DEMAND)


def test_a_condition_matches_on_sentence_party_and_demand_one_to_one() -> None:
    right = ListItem("Union", "a 5% wage rise", DEMAND)
    wrong_party = ListItem("police", "a 5% wage rise", DEMAND)
    counts = score_lists(GOLD, Lists(conditions=(right, right, wrong_party)))
    assert (counts.conditions_predicted, counts.conditions_gold, counts.conditions_matched) == (3, 1, 1)
    row = aggregate_lists([counts])
    assert (row["conditions_precision"], row["conditions_recall"], row["conditions_f1"]) == (0.333, 1.0, 0.5)
    assert row["proposals_precision"] is None and row["proposals_recall"] is None  # nothing either way


def test_a_figure_no_gold_report_has_is_wrong_even_when_its_sentence_writes_it() -> None:
    # "3" is written in the sentence, but no gold report has 3 killed: the figure is wrong.
    counts = score_lists(GOLD, Lists(figures=((16, None), (3, None), (None, 16))))
    assert (counts.figures_right, counts.figures_wrong) == (1, 2)


def test_stakeholder_recall_and_precision() -> None:
    counts = score_lists(GOLD, Lists(stakeholders=(("Trade Union", "the union"), ("Monday",))))
    assert (counts.stakeholders_gold_found, counts.stakeholders_gold) == (1, 2)
    assert (counts.stakeholders_predicted_matched, counts.stakeholders_predicted) == (1, 2)


def test_a_record_that_covers_no_list_is_not_list_scored() -> None:
    muc = {"id": "m", "text": "x", "gold": {"killed": 1, "injured": 0}, "gold_covers": ["killed", "injured"]}
    score = RecordScore(id="m")
    add_list_scores(score, muc, Summarized(ArticleSummary(headline="h", summary="s", meta=META)))
    assert score.lists is None


def test_published_and_unverified_rows_per_language_and_a_failure_counts_as_nothing() -> None:
    span: Any = {"start": 0, "end": len(DEMAND)}
    summary = ArticleSummary(
        headline="h",
        summary="s",
        conditions=[Condition(party="the union", demand="wages rise by 5%", evidence=DEMAND, evidence_span=span)],
        casualties=[CasualtyReport(killed=16, evidence=ATTACK)],
        stakeholders=[Stakeholder(name="police", kind="organisation", evidence=ATTACK)],
        meta=META,
    )
    drafts: dict[str, list[dict[str, Any]]] = {
        "conditions": [{"party": "union", "demand": "wage rise", "evidence": DEMAND}],
        "proposals": [{"proposer": "police", "proposal": "talks", "evidence": ATTACK}],
        "casualties": [{"killed": 19, "injured": None}],
        "stakeholders": [{"name": "union"}],
    }
    assert lists_of_drafts(drafts).figures == ((19, None),)
    assert lists_of_summary(summary).conditions[0].who == "the union"
    ok = RecordScore(id="r1")
    add_list_scores(ok, GOLD, Summarized(summary, drafts))
    french = {**GOLD, "id": "r2", "lang": "fr"}
    failed = RecordScore(id="r2", error="ExtractionError")
    rows = list_rows([GOLD, french], [ok, failed], "model")
    assert rows["model, en"]["conditions_f1"] == 1.0
    assert rows["model, en"]["figures_wrong"] == 0
    assert rows[f"{UNVERIFIED}, en"]["figures_wrong"] == 1  # 19 killed: the checks stopped it
    assert rows[f"{UNVERIFIED}, en"]["proposals_predicted"] == 1
    assert rows["model, fr"]["conditions_recall"] == 0.0  # the failed record's gold counts as missed
    assert rows["rule baseline, en"]["figures_right"] + rows["rule baseline, en"]["figures_wrong"] >= 1
