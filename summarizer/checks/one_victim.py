"""A casualty figure the model left out where the article says one person was killed or injured.

"Deputy Pablo Li Ormeno was murdered this afternoon" writes no number, and the bundled model often
reports nothing for it.

When no published report gives a killed (or injured) figure, the first sentence that says so of one
person ("... was killed", "he was wounded", "Judge Valencia died": ``numbers.one_harmed``) becomes a
report of 1, verified like any draft and marked ``read_by="rule"``. The rule never adds to a figure
the model gave (two sentences about one death would count it twice), and skips a sentence that sets
it in a year or "years ago" ("after Pardo Leal was assassinated in October 1987": an old death, not this
story's), tells the death as background ("when Msgr Romero was killed"), or names more victims
("three guerrillas died and one soldier was killed", "was killed ..., along with two of his
bodyguards", "X was shot to death ..., and Y was shot to death"): those readings need the model.

Tests: tests/test_one_victim.py
"""

from __future__ import annotations

import re

from pydantic import BaseModel

from summarizer.checks.numbers import names_more_harmed, one_harmed
from summarizer.checks.rule_counter import attached_counts
from summarizer.checks.verify import verify_item
from summarizer.pipeline.article import Article
from summarizer.pipeline.drafts import CasualtyDraft
from summarizer.pipeline.sentences import Sentence
from summarizer.schema import CasualtyReport, Qualifier

KINDS = ("killed", "injured")
# An old death: "in October 1987", "since 1985", "nine years ago today". A year in a full date ("shot
# dead on 3 March 2024") dates this story's death, not an old one (tests/test_one_victim.py).
_LONG_AGO = re.compile(
    r"\b(?:in|since|during)\s+(?:(?:early|late|mid-?)\s*)?(?:[a-z]+\.?\s+)?(?:19|20)\d\d\b|\byears ago\b",
    re.IGNORECASE,
)
# A death told as background: "the PDC ran the office when Msgr Romero was killed".
_BACKGROUND = re.compile(r"\b(?:when|after|before|since|until)\b[^,;:]*$", re.IGNORECASE)
# Where the victim's name starts: after a dateline ("LIMA, 7 MAY 89 (EFE) -- "), a semicolon or colon;
# within the last part, after "that" ("police confirmed that the pilot ..."), "and" ("a corporal died and
# another soldier was wounded"), "in which", "where", "whose".
_SENTENCE_PART = re.compile(r"--|[;:]")
_CLAUSE_START = re.compile(r"\b(?:that|and|which|where|whom|whose)\b", re.IGNORECASE)
_BRACKETED = re.compile(r"\[[^\]]*\]")  # "[TEXT]", "[AMERICAN POPULAR REVOLUTIONARY ALLIANCE]"
_TRAILING = re.compile(r"\s+(?:was|has been|who)\s*$", re.IGNORECASE)
# An appositive or clause between the victim and the verb: "Orlando Gomez, a street vendor ..., was
# killed", "Rodriguez Porth, 65, was killed", "the daughter of ..., who has been identified as ..., was".
_ASIDE = re.compile(
    r"^(?:a|an|the|of|from|in|at|who|whose|which|also|known|aged|one of|considered|\d+)\b", re.IGNORECASE
)
# Not a name or description of a person: a verb or an agent in it ("telephone calls made by terrorists say").
_NOT_A_VICTIM = re.compile(r"\b(?:by|says?|said|was|is|were|are|when|day)\b", re.IGNORECASE)
_PRONOUNS = frozenset({"he", "she", "it", "who", "which", "that", "this", "one", "whom"})


def _victim(text_before: str) -> str | None:
    """The named victim just before "was killed", or None when it is not a short name or description."""
    text = _SENTENCE_PART.split(_BRACKETED.sub("", text_before))[-1].strip()
    parts = [p.strip() for p in text.split(",")]
    if text.endswith(","):
        # "X, <aside>, was killed": the victim is the part before the aside(s).
        parts = parts[:-1]
        while len(parts) > 1 and _ASIDE.match(parts[-1]):
            parts.pop()
    victim = _TRAILING.sub("", _CLAUSE_START.split(parts[-1])[-1]).strip()
    words = victim.split()
    if not 0 < len(words) <= 10 or victim.lower() in _PRONOUNS or _NOT_A_VICTIM.search(victim):
        return None
    return victim


def _counts_more(sentence: Sentence) -> bool:
    """Whether the sentence also gives a larger toll ("three guerrillas died and one soldier was killed")."""
    return any(count != 1 for counts in attached_counts(sentence.text) for count in counts)


def _states_one(kind: str, sentence: Sentence) -> bool:
    clause = one_harmed(sentence.text).get(kind)
    return bool(
        clause
        and not _LONG_AGO.search(sentence.text)
        and not _counts_more(sentence)
        and not names_more_harmed(sentence.text, kind, clause)
        and not _BACKGROUND.search(sentence.text[: clause.start()])
    )


def _sentence_stating(kind: str, chunks: list[Article]) -> tuple[Article, Sentence] | None:
    for article in chunks:
        for sentence in article.sentences:
            if _states_one(kind, sentence):
                return article, sentence
    return None


def one_victim_reports(chunks: list[Article], published: list[BaseModel]) -> list[CasualtyReport]:
    """Reports of 1 killed or injured for the kinds no ``published`` report gives a figure for (0 is one)."""
    chunks = [chunk for chunk in chunks if chunk.reads_figures]  # an English rule: only where its words are read
    missing = [kind for kind in KINDS if all(getattr(report, kind, None) is None for report in published)]
    found: dict[tuple[int, int], tuple[Article, Sentence, list[str]]] = {}
    for kind in missing:
        if where := _sentence_stating(kind, chunks):
            article, sentence = where
            found.setdefault((article.offset, sentence.number), (article, sentence, []))[2].append(kind)
    reports = []
    for article, sentence, kinds in found.values():
        clause = one_harmed(sentence.text)[kinds[0]]
        draft = CasualtyDraft(
            sentence=sentence.number,
            figure_text=sentence.text[: clause.end()][-240:],
            killed=1 if "killed" in kinds else None,
            injured=1 if "injured" in kinds else None,
            qualifier=Qualifier.exact,
            # One victim name for one clause: "the pilot was killed and a mechanic injured" names two.
            victims=_victim(sentence.text[: clause.start()]) if len(kinds) == 1 else None,
        )
        result = verify_item("casualties", draft, article)
        if isinstance(result, CasualtyReport):
            reports.append(result.model_copy(update={"read_by": "rule"}))
    return reports
