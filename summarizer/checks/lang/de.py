"""German: the cues of demanding and proposing. No casualty figure checks yet: German figures are withheld.

The counterparts of the English pack's cues in German news: demands ("fordert", "verlangt",
"Bedingung", "nur wenn", "Ultimatum") and offers and talks ("schlug ... vor", "bietet ... an",
"Verhandlungen", "Waffenstillstand", "bereit"); a separable verb's prefix may stand words later.
Tests: tests/test_language.py.
"""

from __future__ import annotations

import re

from summarizer.checks.lang import LanguagePack

PACK = LanguagePack(
    code="de",
    topics={
        "conditions": re.compile(
            r"\b(?:\w*forder\w*|verlang\w*|bedingung\w*|nur wenn|nur dann|sofern|es sei denn|ultimatum"
            r"|muss|müssen|besteh\w* (?:\w+ ){0,3}auf|im gegenzug|dräng\w*|appellier\w*|\w*pflicht\w*)\b",
            re.IGNORECASE,
        ),
        "proposals": re.compile(
            r"\b(?:\w*vorschl\w*|vorgeschlagen|(?:schlug|schlägt|schlagen)\b(?:\W+\w+){0,8}\W+vor"
            r"|\w*angebot\w*|(?:bot|bietet|bieten)\b(?:\W+\w+){0,8}\W+an|verhandl\w*|gespräch\w*"
            r"|waffenstillstand\w*|waffenruhe|einladung|(?:lud|lädt)\b(?:\W+\w+){0,8}\W+ein|bereit\w*"
            r"|akzeptier\w*|abgelehnt|(?:lehnt|lehnte)\b(?:\W+\w+){0,8}\W+ab|(?:wies|weist)\b(?:\W+\w+){0,8}\W+zurück"
            r"|plan)\b",
            re.IGNORECASE,
        ),
    },
    not_a_cue=re.compile(r"\b(?:in|im) (?:kritischem|ernstem|stabilem) zustand\b", re.IGNORECASE),
    reads_figures=False,
    capitalizes_nouns=True,
    killed_words=re.compile(
        r"\b(?:getötet\w*|tot|tote[nr]?|todesopfer|starben|gestorben|ums leben|ermordet\w*|erschossen\w*)\b",
        re.IGNORECASE,
    ),
    injured_words=re.compile(r"\b(?:verletzt\w*|verwundet\w*)\b", re.IGNORECASE),
    qualifiers=(
        (re.compile(r"\b(?:mindestens|wenigstens)\s*$", re.IGNORECASE), "at_least"),
        (re.compile(r"\b(?:mehr als|über)\s*$", re.IGNORECASE), "more_than"),
        (re.compile(r"\b(?:bis zu)\s*$", re.IGNORECASE), "up_to"),
        (re.compile(r"\b(?:etwa|rund|ungefähr|circa|fast|knapp)\s*$", re.IGNORECASE), "about"),
    ),
)
