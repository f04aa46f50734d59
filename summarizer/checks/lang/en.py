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

# A party as news names it before a verb: up to four capitalized words ("Muammar Gaddafi", "SADC"),
# with "the government of", a particle ("al Qaeda") or a body ("the Yemeni government").
_OFFERING_PARTY = (
    r"(?:(?:[Tt]he )?(?:government|people|parliament|army|leaders?) of )?(?:(?:al|el|bin|ibn|de|van|von)[\s-])?"
    r"(?:[A-Z][\w'’.-]*\s+){0,3}[A-Z][\w'’.-]*(?:\s+(?:government|ministry|authorities|union|council))?"
)
# That party, then what may stand before its verb: "has also", "answered the call and" ("Djibouti answered
# the call and promised", "the Council endorsed the process and urged"). offers_by and demands_by add the verb.
_PARTY_THEN = (
    rf"(?P<party>{_OFFERING_PARTY})\s+(?:(?:has|have|had|also|now|then|later|again|is|are|was|were)\s+)*"
    r"(?:[a-z]+\s+(?:[a-z]+\s+){0,3}and\s+)?"
)
# The verbs that report what a party says it will do ("said", "announced"): a proposal cue when "would"
# follows, and the cue that makes no clause an offer rather than a demand (``announcing``).
_REPORTING = r"said|says|announce[ds]?|stated|states|declared|added"
# A person's name: two to four capitalized words, with the particles names hold ("Ali Jama' Jangeli").
_PERSON = (
    r"(?:(?:al|el|bin|ibn|de|van|von)[\s-])?[A-Z][\w'’.-]*"
    r"(?:\s+(?:(?:al|el|bin|ibn|de|da|van|von|der)[\s-]+)?[A-Z][\w'’.-]*){1,3}"
)
# What a speaker does in the sentence that quotes them.
_SPEAKING = (
    r"(?:said|says|told|tells|stated|states|added|adds|warned|warns|stressed|declared|announced|insisted|demanded"
    r"|requested|urged|called|asked|proposed|offered|wrote)"
)
# The words that title a person by the post they hold for a body ("Hamas spokesman", "Foreign Minister").
_POST = (
    r"(?i:spokes(?:man|woman|person)|minister|secretary|negotiator|leader|president|chief|head|director|envoy"
    r"|ambassador|official|commander|adviser|advisor|representative)"
)

PACK = LanguagePack(
    code="en",
    topics={
        "conditions": re.compile(
            # A demand is set on someone: "requires Kyiv to", "wants the union to", not "will require tough
            # decisions" or "who want to revive the marches"; a pledge is a promise, a proposal; "terms",
            # not a term of office ("a third term").
            r"\b(?:demand\w*|conditions?|conditional|terms|requir\w* (?:that|(?:\S+ ){0,4}to)|requirements?"
            r"|request\w*|only (?:\w+ ){0,6}if"
            r"|unless|must|ultimatum|urg\w*|call(?:s|ed|ing)? (?:on|for|upon)|in exchange|provided that"
            r"|want\w* (?!to\b)(?:\w+ ){1,4}to\b|we want|ask\w*|appeal\w*|pleas?|plead\w*|warn\w*"
            # Seeking what another must give, not one's own aim ("seeking a third term", "seeks to improve").
            r"|(?:seek\w*|sought) (?:\S+ ){0,3}(?:release|return|extradition|withdrawal|resignation|removal"
            r"|compensation|guarantees?|assurances?|apology)"
            # Exhorting: "should reassess", "has to approve", "pressed the EU not to", "it is time for".
            # "X needs to", not "the need to" (a noun: a recommendation, a proposal's cue).
            r"|should|ought to|ha(?:s|ve) to|(?<!\bthe )(?<!\ba )needs? to|encourag\w* (?:\S+ ){0,8}to"
            r"|press(?:es|ed|ing)? (?:\S+ ){0,4}to"
            r"|order(?:s|ed|ing)? (?:\S+ ){0,4}to|expects? (?:that|a|an|the)|expected (?:that|a|an|the)"
            r"|it is (?:now )?time (?:now )?for|hop(?:e|es|ed|ing) (?:that )?(?:\S+ ){0,4}(?:will|would)"
            # Insisting on a demand, not on a fact: "insists that the budget include", not "insisted that it was".
            r"|insist\w* (?:on|upon)|insist\w* that (?!(?:\S+\s+){0,6}\W*(?:was|were|is|are|had|has|have)\b)"
            # A threat on a condition: "if Turkey does anything ..., I will", "any attack would be considered".
            r"|if\b[^.;]{0,160}\b(?:will|would)|any\b[^.;]{0,80}\bwould)\b",
            re.IGNORECASE,
        ),
        "proposals": re.compile(
            # Verbs, not the nouns of what was agreed or is under way: "agreed to meet" and "proposed a
            # truce", not "the border agreement is null", "the ceasefire began", "ongoing negotiations"
            # (tests/test_verify.py::test_a_deal_named_or_an_aim_of_ones_own_is_no_demand_nor_offer).
            # Offering talks or a truce, not selling ("both offer flights"); suggesting a step, not a
            # reading ("analysts suggested little had changed"); accepting or rejecting is no offer of one's
            # own (tests/test_verify.py::test_a_claim_a_sale_or_a_refusal_is_no_offer).
            r"\b(?:propos\w*|offer(?:ed|ing)|offers? (?:to|of|a|an|the|his|her|their|its)|(?:an|the) offers?"
            r"|suggest(?:s|ed|ing)? (?:that (?:\S+ ){0,6}(?:should|be)\b|an?\b|\w+ing\b"
            r"|(?:\S+ ){0,2}(?:talks|negotiations|dialogue|meeting|summit|conference|ceasefire|truce))|invit\w*"
            # Agreeing to do something, not a deal concluded ("agreed on a line as their border"; "will agree
            # on the time" is still a plan): the gold codes no concluded agreement
            # (tests/test_verify.py::test_a_deal_concluded_or_a_thing_proposed_is_no_offer).
            r"|negotiat(?:e|es|ed|ing)|review|agree(?:s|ing)?|agreed(?! (?:on|upon)\b)"
            r"|willing|ready to|stands? ready"
            # A call on others to act is a demand (a condition); a call for talks or cooperation suggests them.
            r"|call(?:s|ed|ing)? for (?:\S+ ){0,3}(?:talks|negotiations|dialogue|meeting|summit|conference|ceasefire"
            r"|truce|cooperation)|(?:to|will|would) meet|recommend\w*|advis(?:e|es|ed|ing)\b|promis\w*|pledg\w*"
            r"|vow\w*|committed to|intend\w*"
            r"|intention|let's|let us|would like|wish\w* to|seeks? to|the need (?:to|for)|(?:is|are) expected to"
            # A plan, not a thing planned: "plans to join", "a plan to fight", "a planned march", never
            # "CAREFULLY PLANNED" (tests/test_verify.py::test_a_word_near_demands_and_offers_is_not_one).
            r"|plan(?:s|ning)? (?:to|for)|plans|a plan|planned (?:\w+ ){0,2}(?:march|rally|protest|strike|talks"
            r"|meeting|visit|summit|conference|vote|referendum|elections?)"
            # What a party said it will do: "said that they would send fighters", "announced that ... was to be".
            rf"|(?:{_REPORTING}|told \S+) (?:that )?(?:\S+ ){{0,5}}"
            r"(?:would|will|is to|are to|was to|were to)"
            r"|(?:hold|resum|start|begin|open|continu|restart|reopen)\w* (?:\w+ ){0,3}"
            r"(?:talks|dialogue|negotiations)"
            r"|(?:talks|dialogue|negotiations) (?:\w+ ){0,2}(?:scheduled|set for|due to))\b",
            re.IGNORECASE,
        ),
    },
    # Phrases holding a cue word that state no demand: "asked not to be named", "in serious condition".
    not_a_cue=re.compile(
        r"\b(?:asked (?:about|(?:\w+ ){0,2}not to (?:be |reveal))|(?:on|under) (?:the |a )?conditions? of anonymity"
        r"|in terms of|in order (?:to|for)|at (?:the )?(?:\S+ ){0,3}(?:request|invitation)"
        # No plan at all, or a plan of attack: "had no plans to leave", "not part of any broader plan",
        # "al Qaeda is planning to carry out an attack".
        r"|\bno (?:\S+ )?(?:plans?|intention)|not (?:\S+ ){0,3}any (?:\S+ )?plans?"
        r"|plan(?:s|ned|ning)? (?:to|for) (?:\S+ ){0,3}(?:attacks?|bomb\w*|kill\w*|assassinat\w*|kidnap\w*)"
        # A thing someone unnamed proposed ("in response to a proposed new law"), forces made ready for battle
        # ("fully battle ready to launch"): no one offers anything (tests/test_verify.py::
        # test_a_deal_concluded_or_a_thing_proposed_is_no_offer).
        r"|(?:a|an|the) proposed|(?:battle|combat)[- ]ready"
        # Keeping one's course or leaving one's post is no offer to anyone: "we will continue this operation",
        # "America will stay engaged", "he is to leave office" (tests/test_verify.py::
        # test_a_deal_concluded_or_a_thing_proposed_is_no_offer).
        r"|(?:will|would|shall|is to|are to|was to|were to) (?:\w+ly )?(?:continue|stay|remain|resign|step down"
        r"|leave office|be leaving)"
        # What a speaker binds their own side to ("We must always have the backs of our allies").
        r"|(?:we|I) (?:(?:\w+ly|also|all|too|really|still) )?(?:must|should|ha(?:ve|s) to|need to)"
        r"|(?:serious|critical|stable|grave|good|poor|satisfactory|delicate|fair) condition"
        # Terms named as someone's but not stated: "revealing Ostra's alleged terms ahead of the talks", "rejected
        # the union's demands" (tests/test_verify.py::test_a_deal_named_or_an_aim_of_ones_own_is_no_demand_nor_offer).
        r"|\w+(?:'s|’s) (?:(?:alleged|reported|rumou?red|secret|latest|new|own) )?(?:terms|conditions|demands)\b"
        r"(?! *(?::|(?:for|of|on|that|to|includ\w*|are|were|was|is|would|will|such as)\b)))",
        re.IGNORECASE,
    ),
    reads_figures=True,
    refers_back=re.compile(
        # After an opening phrase too: "In his weekly radio address, he says he will urge ...".
        r"^\W*(?:(?:in|on|at|during|after|before|later|then|meanwhile|however)\b[^,]{0,60},\s*(?=(?:they|he|she|it)\b))?"
        r"(?:they|he|she|it|these|those|this|his|her|their|its"
        r"|the (?:\w+ )?(?:conditions?|demands?|terms|proposals?|plan|offer|requests?|document|letter|statement))\b",
        re.IGNORECASE,
    ),
    # "several conditions he'd want met", "some T's and C's", "his terms"; not "the demand for higher pay".
    # Also who has them: "Ostra has several conditions", "Ostra's alleged terms when going into talks".
    names_only_the_kind=re.compile(
        r"^\W*(?:(?-i:(?:[A-Z][\w.-]*\s+){0,3}[A-Z][\w.-]*)(?:'s|’s)\s+"
        r"|(?:(?-i:(?:[A-Z][\w.-]*\s+){0,3}[A-Z][\w.-]*)\s+(?:has|have|had)\s+)?"
        r"(?:several|some|certain|various|many|a (?:few|number of|list of|series of|set of)|his|her|their"
        r"|its|the|new|further|other)\s+)(?:\w+\s+)?(?:conditions?|demands?|terms|t's and c's|proposals?"
        r"|requests?|offers?|plans?)\b(?!\s*(?::|(?:for|of|on|that|to|including|include[sd]?|are|were|such as)\b))",
        re.IGNORECASE,
    ),
    # "called on Turkey to", "urged the union to": the one asked follows (not a passive "by").
    asks_of=re.compile(
        r"\b(?:call(?:s|ed|ing)?\s+(?:on|upon)|urg(?:e|es|ed|ing)|ask(?:s|ed|ing)?|press(?:es|ed|ing)?"
        r"|appeal(?:s|ed|ing)?\s+to|implor(?:e|es|ed|ing)|told|tell(?:s|ing)?)\s+(?!by\b)(?:the\s+)?(?:[\w'’-]+\s+){0,2}$",
        re.IGNORECASE,
    ),
    about_after=re.compile(r"\b(?:on|to|against|for|from|with|in|into|at|over|upon)\s+(?:the\s+)?$", re.IGNORECASE),
    bound_after=re.compile(r"\s+(?:\w+\s+)?(?:must|should|ought to|ha(?:s|ve) to|needs? to)\b", re.IGNORECASE),
    offers_by=re.compile(
        rf"{_PARTY_THEN}(?:promis(?:ed|es)|pledg(?:ed|es)|propos(?:ed|es)|offer(?:ed|s)|vow(?:ed|s)"
        r"|plann(?:ing|ed) to|plans to"
        r"|intends? to|intended to|agree[ds]? to|invited|suggested|stands? ready|ready to"
        # "Britain has also announced plans to join ...": the one whose plan it is.
        r"|(?:announc|unveil|outlin)(?:ed|es) (?:(?:its|their|his|her) )?(?:plans?|intention) to"
        # "She asked that the government of Yemen begin its proposed ten-point program": the proposal is
        # the body's own, whoever asks for it (tests/test_named_subject.py).
        r"|(?:[a-z]+\s+){1,2}(?:its|their)\s+propos(?:ed|als?))\b"
    ),
    thing_heads=re.compile(
        r"(?:bridge|volcano|house|posts?|market|rifle|clips?|ammunition|car|bicycle|bus|truck|meeting|street"
        r"|avenue|road|highway|square|plaza|park|building|tower|station|plant|dam|church|cathedral|airport|port"
        r"|hotel|university|school|college|hospital|stadium|department|province|district|town|city|village"
        r"|river|lake|mountain|hill|valley|farm|estate|mine|pipeline|bomb|grenades?|weapons?|arms|explosives?"
        r"|day|war|summit|conference|agreement|accord|treaty|plan|act|law|prize|cup|games|festival)",
        re.IGNORECASE,
    ),
    demands_by=re.compile(
        rf"{_PARTY_THEN}(?:demand(?:ed|s)|call(?:ed|s) (?:on|for|upon)|urg(?:ed|es)|press(?:ed|es)|ask(?:ed|s)"
        r"|request(?:ed|s)"
        r"|appeal(?:ed|s) (?:to|for)|insist(?:ed|s)|warn(?:ed|s)|order(?:ed|s))\b"
    ),
    announcing=re.compile(rf"(?:{_REPORTING}|told)\b", re.IGNORECASE),
    speaks_for=(
        # "Joao Caholo, the SADC deputy executive secretary, said"; "said Fawzi Barhoum, a Hamas spokesman."
        re.compile(rf"(?P<name>{_PERSON}),\s+(?P<desc>[^,;:\"“”()]{{3,90}}?),\s+(?:\w+ly\s+)?{_SPEAKING}\b"),
        re.compile(rf"\b{_SPEAKING}\s+(?P<name>{_PERSON}),\s+(?P<desc>[^,;:\"“”()]{{3,90}}?)\s*(?=[.,;\"”]|$)"),
        # "Hollande spokesman Bernard Cazeneuve said", "Somali Foreign Minister Ali Jangeli requested".
        re.compile(
            rf"(?P<desc>(?:[A-Z][\w'’.-]*\s+){{0,3}}(?:[a-z][\w'’-]*\s+){{0,3}}{_POST})\s+(?P<name>{_PERSON})"
            rf"\s+(?:\w+ly\s+)?{_SPEAKING}\b"
        ),
    ),
    # "told Reuters Putin has several conditions", "Ana Ruiz set out her terms": up to four capitalized
    # words before a verb of having or setting out, then the kind of terms within three words.
    announces_terms=re.compile(
        r"(?P<party>(?:[A-Z][\w'’.-]*\s+){0,3}[A-Z][\w'’.-]*)\s+(?:\w+ly\s+)?"
        r"(?:has|have|had|set|sets|laid|lays|listed|lists|outlined|outlines|issued|issues|presented|presents"
        r"|put|puts|made|makes|tabled|tables)\s+(?:out\s+|forward\s+|down\s+)?(?:[\w'’]+\s+){0,3}?"
        r"(?:conditions|demands|terms|T's and C's|proposals)\b"
    ),
)
