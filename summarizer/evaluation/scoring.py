"""Score summaries against gold records (format: docs/guide.md, "Evaluation").

Only what a record's gold annotates is scored: the fields its ``gold_covers`` names (casualties when an
entry names killed or injured, actors when one names actors), or, without ``gold_covers``, the fields
its ``gold`` has.

Casualties: the article's killed and injured are the sums over its distinct casualty figures (gold
sums over incidents; a figure restated by a second report counts once); no report means 0. A gold
``null`` (the key says only "plural" or gives a range) is not scored. Reported: exact match, within one, and both exact.

Actors: each extracted actor is a set of names: a stakeholder's name, aliases and role ("mayor of
Achi" describes the person named), or a casualty report's perpetrator, or its victims. A gold actor
(a name or a description, with alternatives) is found when one of its alternatives matches one of
those names after normalisation (case, punctuation, a leading "the", titles), or when the words of
one contain all the words of the other. Precision: the share of extracted actors that match a gold
actor.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from summarizer.checks.numbers import supports
from summarizer.schema import ArticleSummary

_DROP = re.compile(r"\b(?:the|a|an|mr|mrs|ms|dr|gen|col|president|minister|senator)\b")


def normalize_name(name: str) -> frozenset[str]:
    words = re.sub(r"[^\w\s]", " ", name.lower())
    return frozenset(_DROP.sub(" ", words).split())


def names_match(a: frozenset[str], b: frozenset[str]) -> bool:
    return bool(a) and bool(b) and (a <= b or b <= a)


@dataclass
class RecordScore:
    """What one article contributed to the totals."""

    id: str
    killed: int | None = None
    injured: int | None = None
    gold_killed: int | None = None
    gold_injured: int | None = None
    actors_found: int = 0
    actors_gold: int = 0
    names_matched: int = 0
    names_extracted: int = 0
    items: int = 0
    items_grounded: int = 0
    numbers_not_in_text: int = 0
    drafted: int = 0
    rejected_first_pass: int = 0
    dropped: int = 0
    prompt_tokens: int = 0
    completion_tokens: int = 0
    seconds: float = 0.0
    error: str | None = None
    # What went wrong, to read a failed record later (its summary line is missing: there is none).
    error_message: str | None = None
    # The four lists under the shared matching rules (``list_scoring.ListCounts``), for what was
    # published and for the model's first answers before any check; None where not scored.
    lists: dict[str, Any] | None = None
    unverified_lists: dict[str, Any] | None = None


def casualty_totals(summary: ArticleSummary) -> tuple[int, int]:
    """The article's killed and injured: the sum over its distinct figures.

    Reports are never summed in the summary itself; for the article total, two reports giving the
    same figures ("3 soldiers killed" in the lede and again in the army's bulletin) count once.
    """
    distinct = {(r.killed or 0, r.injured or 0) for r in summary.casualties}
    return sum(k for k, _ in distinct), sum(i for _, i in distinct)


def extracted_actors(summary: ArticleSummary) -> list[list[str]]:
    """Each actor the summary names, as all the names and descriptions it gives that actor."""
    actors = [[s.name, *s.aliases, *([s.role] if s.role else [])] for s in summary.stakeholders]
    actors += [[v] for r in summary.casualties for v in (r.perpetrator, r.victims) if v]
    return actors


def covered(record: dict[str, Any]) -> tuple[bool, bool]:
    """Whether the record's gold annotates casualties, and whether it annotates actors."""
    covers = record.get("gold_covers")
    if covers is None:
        gold = record["gold"]
        return "killed" in gold or "injured" in gold, "actors" in gold
    said = " ".join(map(str, covers)).lower()
    return "killed" in said or "injured" in said, "actors" in said


def _gold_counts(record: dict[str, Any]) -> tuple[int | None, int | None]:
    gold = record["gold"]
    return (gold.get("killed"), gold.get("injured")) if covered(record)[0] else (None, None)


def score_summary(record: dict[str, Any], summary: ArticleSummary, seconds: float) -> RecordScore:
    killed, injured = casualty_totals(summary)
    gold_killed, gold_injured = _gold_counts(record)
    score = RecordScore(
        id=record["id"],
        killed=killed,
        injured=injured,
        gold_killed=gold_killed,
        gold_injured=gold_injured,
        prompt_tokens=summary.meta.usage.prompt_tokens,
        completion_tokens=summary.meta.usage.completion_tokens,
        seconds=seconds,
        drafted=summary.meta.verification.drafted,
        rejected_first_pass=summary.meta.verification.rejected_first_pass,
        dropped=summary.meta.verification.dropped,
    )
    if covered(record)[1]:
        predicted = [[normalize_name(n) for n in names] for names in extracted_actors(summary)]
        gold_actors = [
            [normalize_name(a["name"]), *map(normalize_name, a.get("alternatives", []))]
            for a in record["gold"].get("actors", [])
        ]
        score.actors_gold = len(gold_actors)
        score.actors_found = sum(
            any(names_match(g, p) for g in alts for names in predicted for p in names) for alts in gold_actors
        )
        score.names_extracted = len(predicted)
        score.names_matched = sum(
            any(names_match(g, p) for alts in gold_actors for g in alts for p in names) for names in predicted
        )
    items = [i for s in ("conditions", "proposals", "casualties", "stakeholders") for i in getattr(summary, s)]
    score.items = len(items)
    score.items_grounded = sum(i.evidence_span is not None for i in items)
    text = record["text"]
    score.numbers_not_in_text = sum(
        1
        for r in summary.casualties
        for kind, n in (("killed", r.killed), ("injured", r.injured))
        if n is not None and not supports(n, text, kind)
    )
    return score


def score_counts(record: dict[str, Any], killed: int, injured: int) -> RecordScore:
    """A score for a system that only counts casualties (the rule baseline)."""
    gold_killed, gold_injured = _gold_counts(record)
    return RecordScore(
        id=record["id"], killed=killed, injured=injured, gold_killed=gold_killed, gold_injured=gold_injured
    )


def _rate(hits: int, n: int) -> float | None:
    return round(hits / n, 3) if n else None


def aggregate(scores: list[RecordScore]) -> dict[str, Any]:
    """Totals over records: casualty accuracy (all and non-zero gold), actors, grounding, cost, failures."""
    ok = [s for s in scores if s.error is None]
    killed = [s for s in ok if s.gold_killed is not None]
    injured = [s for s in ok if s.gold_injured is not None]
    both = [s for s in ok if s.gold_killed is not None and s.gold_injured is not None]
    nonzero = [s for s in both if (s.gold_killed, s.gold_injured) != (0, 0)]

    def both_exact(group: list[RecordScore]) -> int:
        return sum(s.killed == s.gold_killed and s.injured == s.gold_injured for s in group)

    failures: dict[str, int] = {}
    for s in scores:
        if s.error:
            failures[s.error] = failures.get(s.error, 0) + 1
    return {
        "records": len(scores),
        "failed": len(scores) - len(ok),
        "failures": failures,
        "killed_exact": _rate(sum(s.killed == s.gold_killed for s in killed), len(killed)),
        "killed_within_one": _rate(sum(abs((s.killed or 0) - (s.gold_killed or 0)) <= 1 for s in killed), len(killed)),
        "injured_exact": _rate(sum(s.injured == s.gold_injured for s in injured), len(injured)),
        "injured_within_one": _rate(
            sum(abs((s.injured or 0) - (s.gold_injured or 0)) <= 1 for s in injured), len(injured)
        ),
        "both_exact": _rate(both_exact(both), len(both)),
        "both_exact_n": len(both),
        "both_exact_nonzero": _rate(both_exact(nonzero), len(nonzero)),
        "nonzero_n": len(nonzero),
        "floor_all_zero": _rate(sum((s.gold_killed, s.gold_injured) == (0, 0) for s in both), len(both)),
        "actor_recall": _rate(sum(s.actors_found for s in ok), sum(s.actors_gold for s in ok)),
        "actor_precision": _rate(sum(s.names_matched for s in ok), sum(s.names_extracted for s in ok)),
        "grounded_share": _rate(sum(s.items_grounded for s in ok), sum(s.items for s in ok)),
        "numbers_not_in_text": sum(s.numbers_not_in_text for s in ok),
        # Shares of the model's proposed items that failed verification, before and after the one re-ask.
        "unverified_before_reask": _rate(sum(s.rejected_first_pass for s in ok), sum(s.drafted for s in ok)),
        "unverified_after_reask": _rate(sum(s.dropped for s in ok), sum(s.drafted for s in ok)),
        "prompt_tokens_per_article": _rate(sum(s.prompt_tokens for s in ok), len(ok)),
        "completion_tokens_per_article": _rate(sum(s.completion_tokens for s in ok), len(ok)),
        "seconds_per_article": _rate(round(sum(s.seconds for s in ok)), len(ok)),
    }
