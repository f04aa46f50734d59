"""Language packs: what the checks read in each language.

A pack holds the cues that a sentence states a condition or a proposal (``topics``, with phrases
that hold a cue word but state none in ``not_a_cue``) and whether the casualty figure checks, which
read words of killing and wounding and number words, apply (``reads_figures``). English has both;
French, Spanish and German have cues (the vocabulary of their news on demands and offers) but no
figure checks yet, so their figures are withheld. A language without a pack is checked by what is
language-neutral only (``pipeline/language.py``).

Example:
    >>> pack_for("fr").reads_figures, pack_for("it") is None
    (False, True)
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass


@dataclass(frozen=True)
class LanguagePack:
    code: str
    topics: dict[str, re.Pattern[str]]
    not_a_cue: re.Pattern[str]
    reads_figures: bool  # the English casualty checks (casualty_checks.py) read this language
    # Where those are missing: words of killing and of wounding, and the words before a number that
    # hedge it, for the simpler figure check of pack_figures.py (None: figures are withheld).
    killed_words: re.Pattern[str] | None = None
    injured_words: re.Pattern[str] | None = None
    qualifiers: tuple[tuple[re.Pattern[str], str], ...] = ()
    # Every noun is capitalized (German): a capitalized word is no sign of a name.
    capitalizes_nouns: bool = False
    # A sentence that opens by referring back ("They ...", "The demands also include ..."): its party
    # may be named up to three sentences before (checks/verify.py). None: only the sentence before.
    refers_back: re.Pattern[str] | None = None
    # A demand or proposal that names only its kind ("several conditions he'd want met"): says nothing.
    names_only_the_kind: re.Pattern[str] | None = None
    # A party announcing that it has demands ("Putin has several conditions"), the name in group
    # ``party``: the demands that refer back to it are that party's (checks/verify.py).
    announces_terms: re.Pattern[str] | None = None
    # The words that put the one asked right after them ("called on Turkey to", "urged the union to"; not
    # a passive "asked by the union to"), ending where that name starts: a demand's party is never named
    # only there (checks/verify.py).
    asks_of: re.Pattern[str] | None = None
    # The words right before a name that make it what a demand is about ("sanctions placed on Russia"),
    # ending where the name starts: a demand that refers back is not that name's (checks/verify.py).
    about_after: re.Pattern[str] | None = None
    # What follows the one a demand binds, right after that name ("Sarkozy must first give back",
    # "Israel should exercise restraint"): a demand's party is not named only there either.
    bound_after: re.Pattern[str] | None = None
    # A party right before a verb of offering, promising or planning ("Djibouti answered the call and
    # promised to send", "the SADC is planning to dispatch"), the name in group ``party``: the
    # proposal's proposer (checks/named_subject.py).
    offers_by: re.Pattern[str] | None = None
    # The same before a verb of demanding ("Israel has pressed the EU not to publish"): a demand's party.
    demands_by: re.Pattern[str] | None = None
    # A speaker named with a description, as a sentence quoting them writes it ("said Fawzi Barhoum, a
    # Hamas spokesman", "Hollande spokesman Bernard Cazeneuve said"), in groups ``name`` and ``desc``:
    # who voices the demand of the body the description names (checks/spokesperson.py).
    speaks_for: tuple[re.Pattern[str], ...] = ()
    # How a cue of proposing opens when it only reports what a party will do ("stated it would attack ...
    # if the broadcasts do not stop"): an ultimatum is announced so too, so it makes no clause an offer
    # rather than a demand (checks/offer_or_demand.py).
    announcing: re.Pattern[str] | None = None
    # The last word of the name of a place or a thing ("Las Canas Bridge", "Chichontepec Volcano"): a name
    # of capitalized words that ends otherwise, typed "other" by the model, names a party ("Telma
    # Salazar"), so it stays a stakeholder (checks/verify.py). None: every "other" is dropped.
    thing_heads: re.Pattern[str] | None = None

    def states(self, section: str, text: str) -> bool:
        """Whether ``text`` states a condition or proposal (any text states an item of other sections)."""
        topic = self.topics.get(section)
        return topic is None or bool(topic.search(self.not_a_cue.sub(" ", text)))


@functools.cache
def pack_for(language: str) -> LanguagePack | None:
    """The pack of ``language`` (ISO 639-1), or None where the checks cannot read its words.

    Asked for every item verified (``Article.pack``): the packs are imported and looked up once a language.
    """
    from summarizer.checks.lang import de, en, es, fr

    return {"en": en.PACK, "fr": fr.PACK, "es": es.PACK, "de": de.PACK}.get(language)
