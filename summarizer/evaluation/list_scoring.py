"""Score the four lists against gold with the shared matching rules of the eval data (written out below).

Conditions and proposals: a predicted item matches a gold item when its evidence overlaps the gold
``sentence`` (one contains the other, or the evidence holds at least half of the gold sentence's
content words), its party (proposer) shares a content word with the gold one, and its demand
(proposal) shares a content word with the gold one; one predicted item matches one gold item.

Stakeholders: a predicted name or alias matches a gold name or alternative when they are equal
ignoring case and punctuation, one contains the other at word boundaries, or at least half of the
shorter one's content words are in the other.

Casualty figures: a published killed (injured) figure is wrong when no gold casualty report of the
article has that killed (injured) figure. Counted from the gold alone, never with the checks that
decide publication (``numbers.supports``): a wrong figure whose digits are in its sentence is wrong.

Example:
    >>> names_match("President Donald Trump", "Donald Trump")
    True
    >>> names_match("NATO", "Russia")
    False
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, fields
from typing import Any

LISTS = ("conditions", "proposals")
# Who and what of each list's items, as the gold and the summary name them.
WHO = {"conditions": "party", "proposals": "proposer"}
WHAT = {"conditions": "demand", "proposals": "proposal"}

# Words too common to say that two phrases are about the same thing (English and French, folded).
_STOPWORD_TEXT = """a an the of to in on at by for from with as and or but not no is are was were be been being it its
    this that these those he she they his her their them we our you your i me my will would can could may
    might must shall should has have had do does did said says say than then there here who whom which what
    when where how all any some more most other such into over under after before about also only very if
    le la les l un une des de du d au aux et ou mais ne pas ni est sont ete etre a ont avait il elle ils
    elles leur leurs son sa ses ce cet cette ces qui que qu quoi dont ou en dans par pour sur avec sans
    sous entre comme plus se s y lui on nous vous je tout tous toute toutes selon"""
_STOPWORDS = frozenset(_STOPWORD_TEXT.split())


def _fold(text: str) -> str:
    """Lower case without accents or punctuation: "Frères musulmans," -> "freres musulmans"."""
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    return " ".join(re.findall(r"[a-z0-9]+", plain))


def content_words(text: str) -> set[str]:
    """The words of ``text`` that carry meaning: folded, without stop words."""
    return {word for word in _fold(text).split() if word not in _STOPWORDS}


def _contains_words(longer: str, shorter: str) -> bool:
    return bool(shorter) and f" {shorter} " in f" {longer} "


def names_match(predicted: str, gold: str) -> bool:
    """Whether two names denote the same stakeholder under the shared rule (see the module docstring)."""
    a, b = _fold(predicted), _fold(gold)
    if not a or not b:
        return False
    if a == b or _contains_words(a, b) or _contains_words(b, a):
        return True
    words_a, words_b = content_words(a), content_words(b)
    shorter, other = sorted((words_a, words_b), key=len)
    return bool(shorter) and len(shorter & other) * 2 >= len(shorter)


def evidence_overlaps(evidence: str, gold_sentence: str) -> bool:
    """The evidence contains the gold sentence or is contained in it, or holds half its content words."""
    a, b = _fold(evidence), _fold(gold_sentence)
    if not a or not b:
        return False
    if a in b or b in a:
        return True
    gold_words = content_words(b)
    return bool(gold_words) and len(gold_words & content_words(a)) * 2 >= len(gold_words)


@dataclass(frozen=True)
class ListItem:
    """A condition or proposal reduced to what the rule compares: who, what, and the sentence cited."""

    who: str
    what: str
    evidence: str


def _item_matches(predicted: ListItem, gold: ListItem) -> bool:
    return (
        evidence_overlaps(predicted.evidence, gold.evidence)
        and bool(content_words(predicted.who) & content_words(gold.who))
        and bool(content_words(predicted.what) & content_words(gold.what))
    )


def one_to_one(predicted: Sequence[Any], gold: Sequence[Any], matches: Any) -> int:
    """The most pairs of ``predicted`` and ``gold`` items that match, each item used once (Kuhn's algorithm)."""
    edges = [[g for g, gold_item in enumerate(gold) if matches(item, gold_item)] for item in predicted]
    owner: dict[int, int] = {}

    def assign(p: int, seen: set[int]) -> bool:
        for g in edges[p]:
            if g not in seen:
                seen.add(g)
                if g not in owner or assign(owner[g], seen):
                    owner[g] = p
                    return True
        return False

    return sum(assign(p, set()) for p in range(len(predicted)))


@dataclass
class ListCounts:
    """One article's contribution to the list scores (sums over articles give the rates)."""

    lang: str = "en"
    conditions_predicted: int = 0
    conditions_gold: int = 0
    conditions_matched: int = 0
    proposals_predicted: int = 0
    proposals_gold: int = 0
    proposals_matched: int = 0
    stakeholders_predicted: int = 0
    stakeholders_predicted_matched: int = 0
    stakeholders_gold: int = 0
    stakeholders_gold_found: int = 0
    figures_right: int = 0
    figures_wrong: int = 0
    # Which lists the gold annotates: a list it does not cover is not scored (its counts stay 0).
    covers: tuple[str, ...] = ()

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> ListCounts:
        known = {f.name for f in fields(cls)}
        values = {key: value for key, value in data.items() if key in known}
        values["covers"] = tuple(values.get("covers", ()))
        return cls(**values)

    def as_dict(self) -> dict[str, Any]:
        return {**asdict(self), "covers": list(self.covers)}


@dataclass(frozen=True)
class Lists:
    """What a system published (or drafted) for one article, in the shape the rules compare."""

    conditions: tuple[ListItem, ...] = ()
    proposals: tuple[ListItem, ...] = ()
    stakeholders: tuple[tuple[str, ...], ...] = ()  # each stakeholder: its name and aliases
    figures: tuple[tuple[int | None, int | None], ...] = ()  # each casualty report: killed, injured


def gold_lists_covered(record: dict[str, Any]) -> tuple[str, ...]:
    """The lists a gold record annotates: conditions, proposals, casualties, actors (stakeholders)."""
    covers = record.get("gold_covers")
    gold = record["gold"]
    named = set(map(str, covers)) if covers is not None else set(gold)
    return tuple(name for name in ("conditions", "proposals", "casualties", "actors") if name in named and name in gold)


def _gold_items(record: dict[str, Any], section: str) -> list[ListItem]:
    return [
        ListItem(who=str(g.get(WHO[section]) or ""), what=str(g.get(WHAT[section]) or ""), evidence=g["sentence"])
        for g in record["gold"].get(section, [])
    ]


def _figure_counts(figures: Iterable[tuple[int | None, int | None]], gold: list[dict[str, Any]]) -> tuple[int, int]:
    gold_killed = {g.get("killed") for g in gold}
    gold_injured = {g.get("injured") for g in gold}
    right = wrong = 0
    for killed, injured in figures:
        for value, allowed in ((killed, gold_killed), (injured, gold_injured)):
            if value is None:
                continue
            if value in allowed:
                right += 1
            else:
                wrong += 1
    return right, wrong


def score_lists(record: dict[str, Any], lists: Lists) -> ListCounts:
    """Count what ``lists`` got right against ``record``'s gold, list by list, under the shared rules."""
    covers = gold_lists_covered(record)
    counts = ListCounts(lang=str(record.get("lang") or "en"), covers=covers)
    for section in LISTS:
        if section not in covers:
            continue
        predicted, gold = list(getattr(lists, section)), _gold_items(record, section)
        setattr(counts, f"{section}_predicted", len(predicted))
        setattr(counts, f"{section}_gold", len(gold))
        setattr(counts, f"{section}_matched", one_to_one(predicted, gold, _item_matches))
    if "actors" in covers:
        gold_names = [[a["name"], *a.get("alternatives", [])] for a in record["gold"]["actors"]]

        def same(predicted: Sequence[str], gold: Sequence[str]) -> bool:
            return any(names_match(p, g) for p in predicted for g in gold)

        counts.stakeholders_predicted = len(lists.stakeholders)
        counts.stakeholders_predicted_matched = sum(any(same(p, g) for g in gold_names) for p in lists.stakeholders)
        counts.stakeholders_gold = len(gold_names)
        counts.stakeholders_gold_found = sum(any(same(p, g) for p in lists.stakeholders) for g in gold_names)
    if "casualties" in covers:
        counts.figures_right, counts.figures_wrong = _figure_counts(lists.figures, record["gold"]["casualties"])
    return counts


def _rate(hits: int, n: int) -> float | None:
    return round(hits / n, 3) if n else None


def _f1(precision: float | None, recall: float | None) -> float | None:
    if precision is None or recall is None:
        return None
    return round(2 * precision * recall / (precision + recall), 3) if precision + recall else 0.0


def aggregate_lists(scores: Iterable[ListCounts]) -> dict[str, Any]:
    """Precision, recall and F1 per list, stakeholder recall and precision, right and wrong figures."""
    scores = list(scores)
    row: dict[str, Any] = {"records": len(scores)}
    for section in LISTS:
        covered = [s for s in scores if section in s.covers]
        matched = sum(getattr(s, f"{section}_matched") for s in covered)
        precision = _rate(matched, sum(getattr(s, f"{section}_predicted") for s in covered))
        recall = _rate(matched, sum(getattr(s, f"{section}_gold") for s in covered))
        row.update(
            {
                f"{section}_precision": precision,
                f"{section}_recall": recall,
                f"{section}_f1": _f1(precision, recall),
                f"{section}_matched": matched,
                f"{section}_predicted": sum(getattr(s, f"{section}_predicted") for s in covered),
                f"{section}_gold": sum(getattr(s, f"{section}_gold") for s in covered),
            }
        )
    actors = [s for s in scores if "actors" in s.covers]
    row["stakeholders_recall"] = _rate(
        sum(s.stakeholders_gold_found for s in actors), sum(s.stakeholders_gold for s in actors)
    )
    row["stakeholders_precision"] = _rate(
        sum(s.stakeholders_predicted_matched for s in actors), sum(s.stakeholders_predicted for s in actors)
    )
    row["figures_right"] = sum(s.figures_right for s in scores)
    row["figures_wrong"] = sum(s.figures_wrong for s in scores)
    return row


def by_language(scores: Iterable[ListCounts]) -> dict[str, dict[str, Any]]:
    """``aggregate_lists`` for each language of the records, in the order they first appear."""
    groups: dict[str, list[ListCounts]] = {}
    for score in scores:
        groups.setdefault(score.lang, []).append(score)
    return {lang: aggregate_lists(group) for lang, group in groups.items()}
