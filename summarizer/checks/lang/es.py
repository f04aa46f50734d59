"""Spanish: the cues of demanding and proposing. No casualty figure checks yet: Spanish figures are withheld.

The counterparts of the English pack's cues in Spanish news: demands ("exige", "reclama", "a condición
de", "ultimátum", "pide") and offers and talks ("propone", "ofrece", "negociaciones", "alto el fuego",
"dispuesto a"). Tests: tests/test_language.py.
"""

from __future__ import annotations

import re

from summarizer.checks.lang import LanguagePack

PACK = LanguagePack(
    code="es",
    topics={
        "conditions": re.compile(
            r"\b(?:exig\w*|reclam\w*|demand\w*|condici\w*|a condición|siempre que|solo si|sólo si|a menos que"
            r"|ultimátum|pid\w*|pedi\w*|insist\w* en|deb\w*|exhort\w*|a cambio de|requi\w*)\b",
            re.IGNORECASE,
        ),
        "proposals": re.compile(
            r"\b(?:prop[ou]\w*|ofrec\w*|ofert\w*|sugi\w*|suger\w*|invit\w*|negoci\w*|diálogo|conversaciones"
            r"|alto el fuego|tregua|acept\w*|rechaz\w*|dispuest[oa]s? a|plan de|reanud\w*|acuerdo)\b",
            re.IGNORECASE,
        ),
    },
    not_a_cue=re.compile(r"\b(?:estado|condición) (?:grave|crítico|estable)\b", re.IGNORECASE),
    reads_figures=False,
    killed_words=re.compile(
        r"\b(?:muert[oa]s?|murieron|murió|fallecid[oa]s?|fallecieron|falleció|asesinad[oa]s?|perdieron la vida)\b",
        re.IGNORECASE,
    ),
    injured_words=re.compile(r"\b(?:herid[oa]s?|lesionad[oa]s?)\b", re.IGNORECASE),
    qualifiers=(
        (re.compile(r"\b(?:al menos|por lo menos)\s*$", re.IGNORECASE), "at_least"),
        (re.compile(r"\b(?:más de)\s*$", re.IGNORECASE), "more_than"),
        (re.compile(r"\b(?:hasta)\s*$", re.IGNORECASE), "up_to"),
        (re.compile(r"\b(?:unos|unas|cerca de|alrededor de|aproximadamente|casi)\s*$", re.IGNORECASE), "about"),
    ),
)
