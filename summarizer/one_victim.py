"""A casualty figure the model left out where the article says one person was killed or injured.

"Deputy Pablo Li Ormeno was murdered this afternoon" writes no number, and the bundled model often
reports nothing for it: of the 10 MUC-4 sample records whose gold is 1 killed and whose summary gave
no killed figure, 6 say it this way.

When no published report gives a killed (or injured) figure, the first sentence that says so of
one person ("... was killed", "he was wounded": ``numbers.one_harmed``) becomes a report of 1, verified
like any draft and marked ``read_by="rule"``. The rule never adds to a figure the model gave (two
sentences about one death would count it twice), and skips a sentence that names a year ("after Pardo
Leal was assassinated in October 1987": an old death, not this story's) or gives a larger toll beside
the one victim ("three guerrillas died and one soldier was killed": that reading needs the model).
"""

from __future__ import annotations

import re

from pydantic import BaseModel

from .baseline import attached_counts
from .drafts import CasualtyDraft
from .numbers import one_harmed
from .prompts import Article
from .schema import CasualtyReport, Qualifier
from .sentences import Sentence
from .verify import verify_item

KINDS = ("killed", "injured")
_YEAR = re.compile(r"\b(?:19|20)\d\d\b")
# Where the victim's name starts: after a dateline, a colon, "that" ("police confirmed that the pilot ..."),
# "and" ("a corporal died and another soldier was wounded").
_CLAUSE_START = re.compile(r"(?:--|[;:]|\b(?:that|and)\b)", re.IGNORECASE)
_BRACKETED = re.compile(r"\[[^\]]*\]")  # "[TEXT]", "[AMERICAN POPULAR REVOLUTIONARY ALLIANCE]"
_AUXILIARY = re.compile(r"\s+(?:was|has been|had been)\s*$", re.IGNORECASE)
_NOT_A_VICTIM = re.compile(r"^(?:according to|police|sources|officials|reports?)\b", re.IGNORECASE)
_PRONOUNS = frozenset({"he", "she", "it", "who", "which", "that", "this", "one"})


def _victim(text_before: str) -> str | None:
    """The named victim just before "was killed", or None when it is not a short name or description."""
    clause = _CLAUSE_START.split(_BRACKETED.sub("", text_before))[-1]
    parts = [p.strip() for p in clause.split(",") if p.strip() and not _NOT_A_VICTIM.match(p.strip())]
    if not parts:
        return None
    victim = _AUXILIARY.sub("", parts[0])  # "one of his bodyguards was was killed"
    words = victim.split()
    return victim if 0 < len(words) <= 10 and victim.lower() not in _PRONOUNS else None


def _counts_more(sentence: Sentence) -> bool:
    """Whether the sentence also gives a larger toll ("three guerrillas died and one soldier was killed")."""
    return any(count != 1 for counts in attached_counts(sentence.text) for count in counts)


def _sentence_stating(kind: str, chunks: list[Article]) -> tuple[Article, Sentence] | None:
    for article in chunks:
        for sentence in article.sentences:
            if kind in one_harmed(sentence.text) and not _YEAR.search(sentence.text) and not _counts_more(sentence):
                return article, sentence
    return None


def one_victim_reports(chunks: list[Article], published: list[BaseModel]) -> list[CasualtyReport]:
    """Reports of 1 killed or injured for the kinds no ``published`` report gives a figure for (0 is one)."""
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
