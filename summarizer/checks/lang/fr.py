"""French: the cues of demanding and proposing. No casualty figure checks yet: French figures are withheld.

The cues are the verbs and nouns of French news for demands ("exige", "réclame", "à condition que",
"appelle à", "ultimatum") and for offers and talks ("propose", "offre", "négociations", "pourparlers",
"cessez-le-feu", "prêt à"), the counterparts of the English pack's. Tests: tests/test_language.py.
"""

from __future__ import annotations

import re

from summarizer.checks.lang import LanguagePack

PACK = LanguagePack(
    code="fr",
    topics={
        "conditions": re.compile(
            r"\b(?:exig\w*|demand\w*|réclam\w*|revendi\w*|conditions?|à condition|sous réserve|pourvu que"
            r"|seulement si|uniquement si|à moins que|sauf si|ultimatum|exhort\w*|somm\w* de|appel\w* à"
            r"|insist\w* (?:sur|pour)|doi(?:t|vent|vra|vront)|faut|en échange|veu\w* que|souhait\w* que"
            # A threat alone is no demand ("emplois menacés", "a menacé de s'en prendre aux mosquées"), as in
            # English; a demand it backs has its own verb.
            r"|sollicit\w*|intim\w*|ordonn\w*|ordre de|enjoin\w*|pri[eé]\w* de|avert\w*)\b",
            re.IGNORECASE,
        ),
        "proposals": re.compile(
            r"\b(?:propos\w*|offr\w*|offre\w*|suggè\w*|sugg[eé]r\w*|invit\w*|négoci\w*|pourparlers|cessez-le-feu"
            # Accepting or refusing is no offer of one's own ("en refusant de l'extrader"), as in English.
            r"|trêve|prêts? à|prête?s? à|dispos[ée]e?s? à|appel\w* à|plan de"
            r"|(?:reprendre|reprise|ouvr\w*|ouverture|entamer|poursuivre) (?:\w+ ){0,3}(?:dialogue|discussions"
            r"|négociations|pourparlers)|accord|suggestion\w*|annon[cç]\w*|prév\w*|envisag\w*|projet\w*|volonté"
            r"|vouloir|veu(?:t|lent)|promet\w*|promis\w*|s'engag\w*|recommand\w*|conseill\w*"
            # What a party will do, in the future tense: "La CGT tiendra une conférence", "seront supprimés".
            r"|\w{2,}(?:era|eront|ira|iront|ra|ront))\b",
            re.IGNORECASE,
        ),
    },
    # "en état grave"; claiming a victory or an attack is no demand ("revendiquent la victoire").
    not_a_cue=re.compile(
        r"\b(?:(?:état|condition) (?:grave|critique|stable)"
        r"|revendiqu\w* (?:la victoire|l['’]attentat|l['’]attaque|la responsabilité|la paternité))\b",
        re.IGNORECASE,
    ),
    reads_figures=False,
    refers_back=re.compile(
        r"^\W*(?:ils|elles|il|elle|ces|cette|ce|leurs?|ses|sa|son"
        r"|(?:les|la|le) (?:\w+ )?(?:conditions?|exigences?|revendications?|demandes?|propositions?|plan|offre"
        r"|lettre))\b",
        re.IGNORECASE,
    ),
    names_only_the_kind=re.compile(
        r"^\W*(?:plusieurs|certaines?|quelques|diverses|ses|leurs?|les|des|de nouvelles)\s+(?:\w+\s+)?"
        r"(?:conditions|exigences|revendications|demandes|propositions|offres)\b(?!\s*(?:de|d'|pour|sur|que|:|dont)\b)",
        re.IGNORECASE,
    ),
    # "a appelé la Turquie à", "demande à l'État de": the one asked follows (not a passive "par").
    asks_of=re.compile(
        r"\b(?:appel(?:le|lent|é|ait|aient)?|exhort(?:e|ent|é)|demand(?:e|ent|é)\s+à|invit(?:e|ent|é))\s+(?!par\b)"
        r"(?:le\s+|la\s+|les\s+|l['’]\s*)?(?:[\w'’-]+\s+){0,2}$",
        re.IGNORECASE,
    ),
    # "le Conseil national syrien, principale coalition de l’opposition, a appelé à": a demand's party.
    demands_by=re.compile(
        r"(?P<party>(?:(?:le|la|les|l['’])\s*)?[A-ZÀ-Ý][\w'’.-]*(?:\s+(?:(?:de|du|des|d['’])\s*)?[\w'’.-]+){0,3}?)"
        r"(?:,[^,]{1,80},)?\s+(?:a\s+|ont\s+|avait\s+|avaient\s+)?"
        r"(?:appel(?:é|le|lent)\s+à|demand(?:é|e|ent)|exig(?:é|e|ent)|réclam(?:é|e|ent)|exhort(?:é|e|ent))\b"
    ),
    # "les sanctions contre la Russie", "un accord avec Kiev" (not "de": "les exigences de la CGT").
    about_after=re.compile(
        r"\b(?:sur|contre|à|aux?|avec|pour|envers|vers)\s+(?:la\s+|le\s+|les\s+|l['’]\s*)?$", re.IGNORECASE
    ),
    # "Vladimir Poutine a posé plusieurs conditions", "la CGT pose ses exigences".
    announces_terms=re.compile(
        r"(?P<party>(?:[A-ZÀ-Ý][\w'’.-]*\s+){0,3}[A-ZÀ-Ý][\w'’.-]*)\s+(?:a\s+|ont\s+|avait\s+|avaient\s+)?"
        r"(?:posée?s?|pose|posent|fixée?s?|fixe|fixent|énoncée?s?|énonce|présentée?s?|présente|formulée?s?|formule"
        r"|émis|a|ont)\s+(?:[\w'’]+\s+){0,3}?(?:conditions|exigences|revendications|propositions)\b"
    ),
    killed_words=re.compile(
        r"\b(?:tu[ée]e?s?|morte?s?|décédée?s?|ont péri|ont perdu la vie|trouvée?s? mort\w*)\b", re.IGNORECASE
    ),
    injured_words=re.compile(r"\b(?:blessée?s?)\b", re.IGNORECASE),
    qualifiers=(
        (re.compile(r"\b(?:au moins)\s*$", re.IGNORECASE), "at_least"),
        (re.compile(r"\b(?:plus de)\s*$", re.IGNORECASE), "more_than"),
        (re.compile(r"\b(?:jusqu'à)\s*$", re.IGNORECASE), "up_to"),
        (re.compile(r"\b(?:environ|quelque|près de|presque)\s*$", re.IGNORECASE), "about"),
    ),
)
