"""Names in the model's headline and summary must be the article's: that prose has no evidence to check.

The lists carry evidence; the headline and summary are the model's own words, which may name something
the article does not ("Portillo" for PORTH). A capitalized word counts as a name. It is the article's
when it begins a word of the article ("Kill" for KILLED), a word of the article begins it ("Salvadoran"
for SALVADOR), they share eight letters ("President" for PRESIDENCY), or, for a month, the article has
its three-letter abbreviation ("15 JAN 90"); "Rodrigo" is not RODRIGUEZ, "Shinigami" not SHINING. A
summary sentence naming anything else is removed; a headline naming anything else is replaced by the
summary's first sentence. Both are reported in ``meta.corrections``. A word may inflect the article's
("Bombing" for BOMB). A sentence's first word is checked too, unless it is a function word ("The",
"Three"): "Peru's capital" names Peru. Headlines are often in title case: a word the summary writes in
lower case is an ordinary word; another ordinary word the article does not use ("Conflict") still
replaces the headline: a plainer headline, never an invented name. Tests: tests/test_overview_check.py.

Example:
    >>> article = "Talks resume in Velmora on Monday."
    >>> prose = "Talks resume. They met in Italy."
    >>> headline, summary, changes = check_overview("Velmora Talks in Italy", prose, article)
    >>> headline, summary
    ('Talks resume.', 'Talks resume.')
    >>> [c.reason for c in changes]  # doctest: +NORMALIZE_WHITESPACE
    ["summary sentence removed: it names 'Italy', which the article does not",
     "headline replaced: it names 'Italy', which the article does not"]
"""

from __future__ import annotations

import re

from summarizer.pipeline.sentences import split_sentences
from summarizer.schema import HEADLINE, SUMMARY, Correction

_NAME = re.compile(r"\b[A-Z][a-z]+\b")
# Words that start sentences and are never names; any other capitalized first word is checked
# ("Peru's capital..." named a country its article never mentions).
_FUNCTION_WORDS = frozenset(
    """a an the this that these those another other some many several most all both each every no none
    one two three four five six seven eight nine ten eleven twelve dozens hundreds he she it they we his
    her its their there here in on at by for from with after before during since while when as if but
    and or also however meanwhile according among about around following despite earlier later
    yesterday today""".split()  # noqa: SIM905 (a word list reads better as text)
)
_MONTHS = frozenset(
    {
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    }
)


class _Vocabulary:
    """The article's words, and every beginning of them."""

    def __init__(self, text: str) -> None:
        self.words = frozenset(re.findall(r"[a-z]+", text.lower()))
        self.beginnings = frozenset(word[:k] for word in self.words for k in range(1, len(word) + 1))

    def has(self, word: str) -> bool:
        """``word`` begins an article word ("Kill": KILLED), an article word begins it ("Salvadoran":
        SALVADOR), or they share eight letters ("President": PRESIDENCY; "Rodrigo" is not RODRIGUEZ)."""
        return (
            word in self.beginnings
            or any(word[:k] in self.words for k in range(4, len(word)))
            or (len(word) >= 8 and word[:8] in self.beginnings)
        )


def unknown_names(prose: str, article_text: str) -> list[str]:
    """The capitalized words of ``prose`` that ``article_text`` does not have (see the module doc)."""
    return _unknown(prose, _Vocabulary(article_text), _ordinary(prose))


def _stems(word: str) -> list[str]:
    """The word and its stem without an inflection ending: "Bombing" is the article's "BOMB"."""
    stems = [word]
    for ending, replacement in (("ies", "y"), ("ing", ""), ("ed", ""), ("ed", "e"), ("es", ""), ("s", "")):
        if word.endswith(ending) and len(word) - len(ending) + len(replacement) >= 3:
            stems.append(word[: -len(ending)] + replacement)
    return stems


def _ordinary(prose: str) -> frozenset[str]:
    """Words the prose writes in lower case: where it capitalizes them (a title, a sentence start), no name."""
    return frozenset(re.findall(r"\b[a-z]+\b", prose))


def _unknown(prose: str, known: _Vocabulary, ordinary: frozenset[str]) -> list[str]:
    unknown = []
    for match in _NAME.finditer(prose):  # a sentence's first word too: no position is exempt
        word = match.group(0).lower()
        if word in _FUNCTION_WORDS:
            continue
        if word in ordinary or any(known.has(stem) for stem in _stems(word)):
            continue
        if word in _MONTHS and word[:3] in known.words:
            continue
        unknown.append(match.group(0))
    return unknown


def _shorten(sentence: str, limit: int = HEADLINE) -> str:
    """``sentence`` cut at a word to at most ``limit`` characters, with an ellipsis where it was cut."""
    if len(sentence) <= limit:
        return sentence
    cut = sentence.rfind(" ", 0, limit - 1)
    return sentence[: cut if cut > 0 else limit - 1] + "…"


def _planted(prose: str, planted: frozenset[str]) -> list[str]:
    """Capitalized words of ``prose`` the article writes only in sentences addressed to an AI ("APPROVED")."""
    return [m.group(0) for m in re.finditer(r"\b[A-Z][A-Za-z]+\b", prose) if m.group(0).lower() in planted]


def check_overview(
    headline: str, summary: str, article_text: str, planted: frozenset[str] = frozenset()
) -> tuple[str, str, list[Correction]]:
    """The headline and summary with every name the article lacks taken out, and what was taken out.

    ``article_text`` is the article without its sentences addressed to an AI; ``planted``, the words
    only those sentences write: a name or a capitalized word from them is the article's least of all.
    """
    known = _Vocabulary(article_text)  # once per article, not once per sentence checked
    ordinary = _ordinary(summary)  # "Attack" in a title-case headline, "attack" in the summary
    changes: list[Correction] = []
    kept = []
    for sentence in split_sentences(summary):
        if names := _unknown(sentence.text, known, ordinary) + _planted(sentence.text, planted):
            reason = f"summary sentence removed: it names {', '.join(map(repr, names))}, which the article does not"
            changes.append(Correction(section="overview", reason=reason, item={"summary": sentence.text}))
        else:
            kept.append(sentence.text)
    if not kept:  # nothing of the model's summary is safe: the article's own first sentence stands in, capped
        kept = [_shorten(next((s.text for s in split_sentences(article_text)), ""), SUMMARY)]
    if names := _unknown(headline, known, ordinary) + _planted(headline, planted):
        reason = f"headline replaced: it names {', '.join(map(repr, names))}, which the article does not"
        changes.append(Correction(section="overview", reason=reason, item={"headline": headline}))
        headline = _shorten(kept[0])
    return headline, " ".join(kept), changes
