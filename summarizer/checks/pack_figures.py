"""Casualty figures in a language whose pack has words of harm but not the English checks (fr, es, de).

A figure is published only where its sentence writes it (digits, or number words read by text2num; "un"
and "ein" are articles, so a one written in words is not read) and the word of harm nearest to it, at
most 80 characters away, is of its kind: "zwölf Menschen wurden getötet und etwa 40 verletzt" is 12
killed and 40 injured, never 40 killed. Its qualifier comes from the pack's words just before it
("mindestens": at least). Anything else is refused for a human reader: a missed figure, never a
wrong one. Tests: tests/test_language.py.
"""

from __future__ import annotations

import re
from typing import Any

from text_to_num import alpha2digit

from summarizer.checks.casualty_checks import Refusal
from summarizer.checks.lang import LanguagePack
from summarizer.pipeline.drafts import CasualtyDraft
from summarizer.pipeline.sentences import Sentence

_NUMBER = re.compile(r"\b\d{1,3}(?:[.\u202f\u00a0 ]\d{3})+\b|\b\d+\b")
NEAR = 80  # characters between a figure and its word of harm (German puts the participle last)


def _kinds(text: str, pack: LanguagePack) -> list[tuple[int, str | None, str]]:
    """Each number of ``text`` with the kind of its nearest word of harm (or None) and its qualifier."""
    harms = [
        (match.start(), match.end(), kind)
        for kind, words in (("killed", pack.killed_words), ("injured", pack.injured_words))
        if words is not None
        for match in words.finditer(text)
    ]
    found = []
    for number in _NUMBER.finditer(text):
        distances = [(max(start - number.end(), number.start() - end, 0), kind) for start, end, kind in harms]
        near = [d for d in distances if d[0] <= NEAR]
        kind = min(near)[1] if near else None
        before = text[: number.start()]
        qualifier = next((q for pattern, q in pack.qualifiers if pattern.search(before)), "exact")
        found.append((int(re.sub(r"\D", "", number.group(0))), kind, qualifier))
    return found


def read_pack_figures(
    draft: CasualtyDraft, sentence: Sentence, pack: LanguagePack, fields: dict[str, Any]
) -> Sentence | Refusal:
    """The sentence, with ``fields``' qualifiers set from it, or why a figure of ``draft`` is refused."""
    figures = _kinds(alpha2digit(sentence.text, pack.code, threshold=2), pack)
    qualifiers = {}
    for kind, count in (("killed", draft.killed), ("injured", draft.injured)):
        if count is None:
            continue
        match = next((f for f in figures if f[0] == count and f[1] == kind), None)
        if match is None:
            reason = f"{kind} {count} is not written in sentence [{sentence.number}] next to a word of that harm"
            return Refusal(reason, reask=False)
        qualifiers[kind] = match[2]
    if not qualifiers:
        return Refusal(f"sentence [{sentence.number}] gives no figure", reask=False)
    fields["qualifier"] = qualifiers.get("killed", qualifiers.get("injured"))
    if "killed" in qualifiers and qualifiers.get("injured", qualifiers["killed"]) != qualifiers["killed"]:
        fields["injured_qualifier"] = qualifiers["injured"]
    return sentence
