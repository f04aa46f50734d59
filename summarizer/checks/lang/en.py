"""English: the cues of demanding and proposing, and the casualty figure checks (casualty_checks.py).

A condition or proposal must be stated by its sentence: small models fill every list they are asked
for, turning a killing into a "demand". The cues are verbs and nouns of demanding and proposing;
words that only sit near them ("plan", "meet", "talks" alone) published "THIS CRIME WAS CAREFULLY
PLANNED" as a proposal on MUC-4 wire copy (docs/how-it-works.md). Tests: tests/test_verify.py.
"""

from __future__ import annotations

import re

from summarizer.checks.lang import LanguagePack

# The English words of harm, defined once: the casualty checks, the number rules and the rule counter
# compose their patterns from these (each needs a different part of speech around a number).
KILLED_PARTICIPLES = ("killed", "murdered", "assassinated", "massacred", "slain", "executed")
INJURED_PARTICIPLES = ("wounded", "injured", "hurt")
# Every form of the words, as a sentence may write them ("killing", "deaths", "bodies", "injuries").
KILLING_WORDS = (
    r"kill\w*|dead|death\w*|die[ds]?|dying|murder\w*|massacre\w*|slain|fatal\w*|bod(?:y|ies)|corpses?"
    r"|assassinat\w*|execut\w*"
)
INJURING_WORDS = r"wound\w*|injur\w*|hurt"
# What is said after a number of people killed or injured: "12 killed", "three bodies", "5 injuries".
KILLED_AFTER_A_NUMBER = "|".join((*KILLED_PARTICIPLES, "dead", "died", "deaths?", "lost their lives", "bodies"))
INJURED_AFTER_A_NUMBER = "|".join((*INJURED_PARTICIPLES, "injuries"))

PACK = LanguagePack(
    code="en",
    topics={
        "conditions": re.compile(
            r"\b(?:demand\w*|conditions?|conditional|terms?|requir\w*|insist\w* (?:on|upon)|only (?:\w+ ){0,6}if"
            r"|unless|must|ultimatum|urg\w*|calls? (?:on|for)|called (?:on|for)|pledg\w*|in exchange|provided that"
            r"|want\w* (?:\w+ ){0,4}to|ask\w*)\b",
            re.IGNORECASE,
        ),
        "proposals": re.compile(
            r"\b(?:propos\w*|offer\w*|suggest\w*|invit\w*|negotiat\w*|ceasefire|truce|review|agree\w*|accept\w*"
            r"|reject\w*|willing|ready to|calls? for|called for|appeal\w*|peace plan|(?:to|will|would) meet"
            r"|(?:hold|resum|start|begin|open|continu|restart|reopen|join)\w* (?:\w+ ){0,3}"
            r"(?:talks|dialogue|negotiations)"
            r"|(?:talks|dialogue|negotiations) (?:\w+ ){0,2}(?:scheduled|set for|due to))\b",
            re.IGNORECASE,
        ),
    },
    # Phrases holding a cue word that state no demand: "asked not to be named", "in serious condition".
    not_a_cue=re.compile(
        r"\b(?:asked (?:about|(?:\w+ ){0,2}not to (?:be |reveal))"
        r"|(?:serious|critical|stable|grave|good|poor|satisfactory|delicate|fair) condition)",
        re.IGNORECASE,
    ),
    reads_figures=True,
)
