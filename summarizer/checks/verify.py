"""Turn the model's drafts into grounded items, or say exactly why an item cannot be trusted.

A draft cites a sentence by number. Its evidence becomes that sentence, verbatim, with offsets.
Names and details must be written in the article (a detail that is not is cleared, a subject that
is not rejects the item); a condition or proposal must be stated by its sentence. Casualty figures
are checked and read in ``casualty_checks``.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel
from rapidfuzz import fuzz, process

from summarizer.checks.acronyms import full_name
from summarizer.checks.casualty_checks import HARM, Refusal, far_from_harm, read_figures
from summarizer.checks.grounding import ground_evidence
from summarizer.checks.lang import LanguagePack
from summarizer.checks.named_subject import named_as_subject, named_subject
from summarizer.checks.numbers import find_numbers
from summarizer.checks.pack_figures import read_pack_figures
from summarizer.checks.spokesperson import speaker_for
from summarizer.checks.stakeholders import PERSON_TITLES, head_word, office_of
from summarizer.pipeline.article import Article
from summarizer.pipeline.drafts import CasualtyDraft, Cited
from summarizer.pipeline.sentences import Sentence, is_heading
from summarizer.schema import CasualtyReport, Condition, Proposal, Span, Stakeholder, StakeholderKind

GROUNDED_TYPES: dict[str, type[BaseModel]] = {
    "conditions": Condition,
    "proposals": Proposal,
    "casualties": CasualtyReport,
    "stakeholders": Stakeholder,
}


@dataclass
class Rejected:
    """A draft that failed verification, and the reason to give the model (and the user)."""

    section: str
    draft: Cited
    reason: str
    reask: bool = True  # False: off topic, not worth another call


def _evidence(sentence: Sentence, offset: int) -> dict[str, Any]:
    return {
        "evidence": sentence.text,
        "evidence_span": Span(start=offset + sentence.start, end=offset + sentence.end),
        "alignment": "exact",
    }


# Fields that name something the article must itself name: the item's subject is rejected when it is
# not in the article; an optional detail that is not in the article is cleared (never invented).
SUBJECT_FIELDS = {"conditions": "party", "proposals": "proposer", "stakeholders": "name"}
DETAIL_FIELDS = ("addressee", "when", "where", "date", "location", "victims", "perpetrator")
# Descriptions the model composes ("three sources, to a newspaper", "mayor of Quinchia"): every content
# word must come from the article, or the field is cleared (small models copy examples from the prompt).
COMPOSED_FIELDS = ("attribution", "role")
REQUIRED_TEXT = ("demand", "proposal")
_STOPWORDS = frozenset(
    [
        "the",
        "a",
        "an",
        "of",
        "to",
        "in",
        "on",
        "at",
        "by",
        "for",
        "and",
        "or",
        "from",
        "with",
        "as",
        "its",
        "his",
        "her",
        "their",
    ]
)
# Words that say nothing about which side a source is on.
_GENERIC_SOURCE = frozenset(
    [
        "officials",
        "official",
        "sources",
        "source",
        "spokesman",
        "spokeswoman",
        "spokesperson",
        "authorities",
        "reports",
        "report",
        "said",
        "according",
        "local",
        "state",
        "news",
        "agency",
        "media",
        "people",
        "residents",
        "witnesses",
        "civilians",
        "members",
        # Too common to tell sides apart: "8th Army Brigade" is not the "Popular Liberation Army".
        "army",
        "armed",
        "forces",
        "force",
        "front",
        "movement",
        "group",
        "national",
        "popular",
        "liberation",
    ]
)


def _stems(value: str | None) -> set[str]:
    words = re.findall(r"[a-z]+", (value or "").lower())
    return {w[:5] for w in words if len(w) >= 4 and w not in _GENERIC_SOURCE and w not in _STOPWORDS}


def reported_by_party(attribution: str | None, perpetrator: str | None, victims: str | None) -> bool | None:
    """Whether the source of a figure is a side of the incident, as the article names them.

    True when the attribution shares a name with the perpetrator or the victims ("Russian defence
    ministry" and "Russian forces", "police" and "riot police"); False when the article names a
    source that is neither; None when it names no source. Deterministic: no model judgement.

    Example:
        >>> reported_by_party("the Russian defence ministry", "Russian forces", None)
        True
    """
    if not attribution:
        return None
    return bool(_stems(attribution) & (_stems(perpetrator) | _stems(victims)))


TOPIC_TEXT = {"conditions": "demand", "proposals": "proposal"}
# What a party named for an item does, in the reasons and notes that name it.
_DOING = {"conditions": "demanding", "proposals": "offering"}


def _stems_of(text: str) -> set[str]:
    # Letters of any alphabet: "négociations" is one word, not "n" and "gociations".
    return {w[:5] for w in re.findall(r"[^\W_]+", text.lower()) if len(w) >= 3 and w not in _STOPWORDS}


def overlap(said: str, sentence: str) -> float:
    """Share of the content words of ``said`` (compared by their first five letters) in ``sentence``."""
    words = _stems_of(said)
    return len(words & _stems_of(sentence)) / len(words) if words else 0.0


def says(said: str, party: str, sentence: Sentence, article: Article) -> bool:
    """Whether ``said`` is what ``sentence`` says: half its content words are there, not counting the
    words the sentence leaves to what comes before it ("urged the immunity be waived", of the diplomat's
    wife named earlier: "waive Anne Sacoolas's diplomatic immunity"); two words at least must be there,
    and no earlier sentence that names ``party`` may say it.
    Tests: tests/test_verify.py::test_a_paraphrase_naming_what_the_sentence_leaves_to_the_text_before_is_kept
    """
    words = _stems_of(said)
    there = words & _stems_of(sentence.text)
    if not words or len(there) >= 0.5 * len(words):
        return bool(words)
    earlier = (words - there) & _stems_of(article.text[: sentence.start])
    # Not the words of an earlier sentence that names the same party: the item is that sentence's
    # (tests/test_verify.py::test_an_item_an_earlier_sentence_says_of_its_party_is_that_ones).
    if len(there) < 2 or len(there) < 0.5 * (len(words) - len(earlier)):
        return False
    return not any(
        overlap(said, s.text) >= 0.8 and _party_named_for(party, s, article)
        for s in article.sentences
        if s.number < sentence.number
    )


def _sentence_stating_its_names(said: str, party: str, sentence: Sentence, article: Article) -> Sentence | None:
    """The later sentence that says ``said`` with the names in it that ``sentence`` lacks, where ``party``
    is named; None when ``said`` names nothing ``sentence`` (or the one before) lacks. "It follows the
    minister proposing talks", drafted as "talks in Ostra" from the later "She proposes talks in Ostra":
    the offer is that sentence's, so a reader sees it once and where it is said.
    Tests: tests/test_verify.py::test_an_item_naming_what_only_a_later_sentence_says_is_that_ones
    """
    before = article.sentence(sentence.number - 1)
    near = sentence.text + " " + (before.text if before else "")
    names = re.findall(r"(?<=\s)[A-Z][\w'’-]+", said.strip())  # capitalized, not as the first word
    lacking = [word for word in (rf"\b{re.escape(name)}\b" for name in names) if not re.search(word, near)]
    if not lacking:
        return None
    return next(
        (
            later
            for later in article.sentences[sentence.number :]
            if all(re.search(name, later.text) for name in lacking)
            and overlap(said, later.text) >= 0.8
            and _party_named_for(party, later, article)
        ),
        None,
    )


def _names_in(name: str, text: str) -> bool:
    """Whether ``name``'s head word is in ``text``."""
    word = head_word(name)
    return word is not None and re.search(rf"\b{re.escape(word)}", text, re.IGNORECASE) is not None


def _names_near(name: str, *sentences: Sentence | None) -> bool:
    """Whether ``name``'s head word is in one of ``sentences`` (None stands for no sentence)."""
    return _names_in(name, " ".join(s.text for s in sentences if s is not None))


def _named_only_as_what_it_is_about(name: str, sentence: Sentence, article: Article) -> bool:
    """Whether ``sentence`` names ``name`` (its head word) only right after a preposition such as "on" or
    "with" (``LanguagePack.about_after``): as what a demand is about, not as who demands it.
    Tests: tests/test_verify.py::test_a_demand_that_refers_back_is_not_the_party_it_is_about
    """
    pack, word, text = article.pack, head_word(name), sentence.text
    if pack is None or pack.about_after is None or word is None:
        return False
    about_after = pack.about_after
    mentions = list(re.finditer(rf"\b{re.escape(word)}\b", text, re.IGNORECASE))
    return bool(mentions) and all(about_after.search(text[: _name_start(text, m.start())]) for m in mentions)


def _refers_back(sentence: Sentence, article: Article) -> bool:
    pack = article.pack
    return bool(pack and pack.refers_back and pack.refers_back.search(sentence.text))


def _titled_in(party: str, text: str) -> bool:
    """Whether ``text`` names ``party`` by its title, as news does after the first mention: "The President
    insists ..." of "President Donald Trump". Tests: tests/test_verify.py::test_a_party_named_by_its_title
    """
    office = office_of(party)
    return office is not None and re.search(rf"\bthe\s+{re.escape(office)}\b", text, re.IGNORECASE) is not None


def _party_named_for(party: str, sentence: Sentence, article: Article) -> bool:
    """Whether the party of a demand or proposal stated in ``sentence`` is named there or in the sentence
    before, or, where the sentence opens by referring back ("The demands also include ..."), in one of
    the three before (lines under four words, "Advert" or a heading, not counted).
    Tests: tests/test_verify.py::test_a_demand_that_refers_back_takes_its_party_from_before
    """
    if _titled_in(party, sentence.text) or _quoted_by_first_name(party, sentence, article):
        return True
    if not _refers_back(sentence, article):
        before = article.sentence(sentence.number - 1)
        return _names_near(party, sentence) or (before is not None and _named_not_only_bound(party, before, article))
    return _names_near(party, sentence, *_referred_to(sentence, article))


def _quoted_by_first_name(party: str, sentence: Sentence, article: Article) -> bool:
    """Whether ``sentence`` quotes ``party``, a person of two or more words, by the first word of the name
    before a verb of saying ("Khaled said Hamas would allow ...", of Khaled Meshaal), as news does with
    some names. Tests: tests/test_verify.py::test_a_party_quoted_by_first_name_is_named
    """
    pack, words = article.pack, party.split()
    if pack is None or pack.announcing is None or len(words) < 2 or not words[0][:1].isupper():
        return False
    first = words[0]
    return first.lower() not in PERSON_TITLES and any(
        pack.announcing.match(sentence.text, m.end()) for m in re.finditer(rf"\b{re.escape(first)}\s+", sentence.text)
    )


def _named_not_only_bound(name: str, sentence: Sentence, article: Article) -> bool:
    """Whether ``sentence`` names ``name`` other than as the one a demand binds: "he said 'Sarkozy must
    first give back the money. We funded it and are ready to reveal everything'" makes the second
    sentence no offer of Sarkozy's.
    Tests: tests/test_verify.py::test_the_one_bound_in_the_sentence_before_is_not_the_party
    """
    word, pack = head_word(name), article.pack
    if word is None:
        return False
    mentions = list(re.finditer(rf"\b{re.escape(word)}", sentence.text, re.IGNORECASE))
    return any(pack is None or not _binds_at(m, sentence.text, pack) for m in mentions)


def _referred_to(sentence: Sentence, article: Article) -> list[Sentence]:
    """The three sentences before ``sentence`` that one referring back may point to (lines under four
    words, "Advert" or a heading, not counted)."""
    before = [
        s for s in article.sentences[max(0, sentence.number - 7) : sentence.number - 1] if len(s.text.split()) >= 4
    ]
    return before[-3:]


def announced_party(sentence: Sentence, article: Article) -> str | None:
    """The party that one of the three sentences before announces as having demands ("Putin has several
    conditions he'd want met"), where ``sentence`` refers back to them ("The conditions include ...");
    None where it does not refer back or nothing before announces any. Of the capitalized words before
    the announcing verb ("told Reuters Putin has"), the longest tail that the article names elsewhere.
    Tests: tests/test_verify.py::test_a_demand_that_refers_back_takes_the_party_that_announced_it
    """
    pack = article.pack
    if pack is None or pack.announces_terms is None or not _refers_back(sentence, article):
        return None
    for earlier in reversed(_referred_to(sentence, article)):
        if (found := pack.announces_terms.search(earlier.text)) is None:
            continue
        words = found["party"].split()
        elsewhere = article.text[: earlier.start] + article.text[earlier.end :]
        tails = (" ".join(words[i:]) for i in range(len(words)))
        return next((tail for tail in tails if re.search(rf"\b{re.escape(tail)}\b", elsewhere)), found["party"])
    return None


def _swapped(party: str, addressee: str | None, section: str, sentence: Sentence, article: Article) -> bool:
    """Whether the model swapped who demands and who is asked: the addressee is named before the
    sentence's cue of demanding or proposing and the party only after it ("Protesters called for
    Rosselló's resignation", drafted as Rosselló's demand on the protesters). A "by" after the cue may
    be a passive ("was asked by the union"): then nothing is swapped.
    Not when the addressee is the one the demand binds ("'The army must pull back,' said the union").
    Tests: tests/test_verify.py::test_a_party_named_after_the_demand_and_an_addressee_before_it_are_swapped,
    test_the_one_a_demand_binds_named_before_its_cue_is_not_swapped_into_the_party
    """
    pack = article.pack
    if not addressee or pack is None or section not in pack.topics:
        return False
    text = pack.not_a_cue.sub(" ", sentence.text)
    cue = pack.topics[section].search(text)
    if cue is None or re.search(r"\bby\b", text[cue.end() :], re.IGNORECASE):
        return False
    before, after = text[: cue.start()], text[cue.end() :]
    if _bound(addressee, text, pack):
        return False
    return _names_in(addressee, before) and not _names_in(party, before) and _names_in(party, after)


def _bound(name: str, text: str, pack: LanguagePack) -> bool:
    """Whether ``text`` names ``name`` as the one a demand binds ("Sarkozy must first give back")."""
    word = head_word(name)
    return word is not None and any(
        _binds_at(m, text, pack) for m in re.finditer(rf"\b{re.escape(word)}\b", text, re.IGNORECASE)
    )


def _binds_at(mention: re.Match[str], text: str, pack: LanguagePack) -> bool:
    """Whether what follows ``mention`` binds it to a demand ("... must", ``LanguagePack.bound_after``)."""
    return pack.bound_after is not None and pack.bound_after.match(text, mention.end()) is not None


_TO_DO = re.compile(r"[\w'’.-]*\s+(?:to|à|de|d['’])\b", re.IGNORECASE)  # "... Turkey to halt", "... la CGT à"


def _only_the_one_asked(party: str, sentence: Sentence, article: Article) -> bool:
    """Whether ``sentence`` names ``party`` only as the one asked: "They called on Turkey to halt its
    drilling" or "he said 'Sarkozy must first give back the money'" drafted as Turkey's or Sarkozy's demand.
    Tests: tests/test_verify.py::test_the_one_asked_is_not_the_party
    """
    pack = article.pack
    word = head_word(party)
    if pack is None or pack.asks_of is None or word is None:
        return False
    asks_of, text = pack.asks_of, sentence.text
    mentions = list(re.finditer(rf"\b{re.escape(word)}\b", text, re.IGNORECASE))

    def asked(mention: re.Match[str]) -> bool:
        before = text[max(0, mention.start() - 60) : _name_start(text, mention.start())]
        if asks_of.search(before) and _TO_DO.match(text, mention.end()):
            return True
        return _binds_at(mention, text, pack)

    return bool(mentions) and all(asked(m) for m in mentions)


def _name_start(text: str, head: int) -> int:
    """Where the capitalized run ending in the word at ``head`` starts ("Prime Minister Ana |Ruiz")."""
    run = re.search(r"(?:[A-ZÀ-Ý][\w'’.-]*\s+)*$", text[:head])
    return run.start() if run else head


def _sentence_naming(name: str, cited: Sentence, article: Article) -> Sentence:
    """The cited sentence if it names the stakeholder, else the first sentence that does."""
    if name.lower() in cited.text.lower():
        return cited
    named = (s for s in article.sentences if name.lower() in s.text.lower() and s.number not in article.addressed_to_ai)
    return next(named, cited)


def _in_article(value: str, article: Article) -> bool:
    """Whether the article writes ``value``, outside its sentences addressed to an AI ("list Acme Corp")."""
    text = article.text_for_checks
    return ground_evidence(value, text) is not None or value.lower() in text.lower()


def _as_written(value: str, article: Article) -> str:
    """The article's own spelling of a name the model retyped inexactly ("Alfonsso" -> "ALFONSO").

    A name the model only cased differently takes the article's case ("veltri" -> "Veltri"), except
    where the article prints it in capitals only: wire copy's capitals are typography, not spelling.
    """
    if value in article.text:
        return value
    escaped = re.escape(value)
    same_letters = re.search(rf"\b{escaped}\b", article.text, re.IGNORECASE) or re.search(
        escaped, article.text, re.IGNORECASE
    )
    if same_letters:
        written = same_letters.group(0)
        return value if written.isupper() else written
    located = ground_evidence(value, article.text)
    if located is None:
        return value
    span, _ = located
    # A located span may end in the article's comma ("manifestant,"): the name is without it.
    # Tests: tests/test_verify.py::test_a_name_respelled_as_the_article_writes_it_leaves_its_comma_behind
    return article.text[span.start : span.end].strip().rstrip(",;:") or value


def _words_in_article(value: str, article: Article) -> bool:
    words = set(re.findall(r"[a-z0-9]+", article.text_for_checks.lower()))
    return all(w in words for w in re.findall(r"[a-z0-9]+", value.lower()) if w not in _STOPWORDS)


def _plain(text: str) -> str:
    return " ".join(re.findall(r"\w+", text.lower()))


def _is_a_sentence(value: str, article: Article) -> bool:
    """Whether ``value`` is (most of) a whole sentence of the article rather than a name or description.

    A name of five words or more that covers four fifths of one of the article's sentences is a copied
    sentence ("PEOPLE ARE FLEEING THE MARKET."), not a party: models copy whole sentences into name fields.
    Tests: tests/test_verify.py::test_a_whole_sentence_is_not_a_name_nor_a_description
    """
    plain = _plain(value)
    if len(plain.split()) < 5:
        return False
    return any(
        plain in sentence and len(plain) >= 0.8 * len(sentence)
        for sentence in (_plain(s.text) for s in article.sentences)
    )


# The examples the schema's descriptions give ("e.g. 'interior minister'"): prompt text, never a value.
_EXAMPLES = frozenset(
    example.lower()
    for model in GROUNDED_TYPES.values()
    for field in model.model_fields.values()
    for example in re.findall(r"'([^']+)'", field.description or "")
)


def _clear_unsupported(fields: dict[str, Any], article: Article, notes: list[str]) -> None:
    """Null every optional detail the article does not support, noting each one."""
    for name, value in fields.items():
        if not isinstance(value, str) or name in REQUIRED_TEXT:
            continue
        # A copied sentence describes no one; as a stakeholder's position it is no short stance either.
        # Tests: tests/test_verify.py::test_a_whole_sentence_is_not_a_name_nor_a_description
        if name in ("victims", "perpetrator", "attribution", "position") and _is_a_sentence(value, article):
            fields[name] = None
            notes.append(f"cleared: {name} {value!r} is a whole sentence of the article, not a description")
            continue
        unsupported = (
            article.nonce in value  # the model echoed the prompt instead of describing the article
            or (name in DETAIL_FIELDS and not _in_article(value, article))
            or (name in COMPOSED_FIELDS and not _words_in_article(value, article))
            # A stance is a paraphrase, but in the article's words mostly, and no example of the schema's
            # ("interior minister", a role's example, came back as Putin's position).
            # Tests: tests/test_verify.py::test_a_position_in_words_the_article_does_not_write_is_cleared
            or (name == "position" and (overlap(value, article.text_for_checks) < 0.5 or value.lower() in _EXAMPLES))
        )
        if unsupported:
            fields[name] = None
            notes.append(f"cleared: {name} {value!r} is not in the article")
        elif name in DETAIL_FIELDS and (respelled := _respelled(value, article)) != value:
            fields[name] = respelled
            if respelled is None:
                notes.append(f"cleared: {name} {value!r} has words the article does not write")
            else:
                notes.append(f"corrected: {name} {value!r} respelled as the article writes it, {respelled!r}")


def _fold(word: str) -> str:
    return unicodedata.normalize("NFKD", word).encode("ascii", "ignore").decode().lower()


def _respelled(value: str, article: Article) -> str | None:
    """``value`` with each word the article does not write in the article's spelling, or None.

    A detail that matches the article only loosely would be published as the model typed it ("Patiotric"
    for PATIOTIC), so it takes the article's words. A word is respelled when the article writes a word
    close to it, keeping the model's capitals; an abbreviation with its full stop ("Col." for COLONEL)
    is the article's when one of its words begins with it, and a number in digits when the article
    writes it in words ("10" for TEN); otherwise the detail is not the article's (None).
    Tests: tests/test_verify.py::test_a_detail_is_published_in_the_articles_words,
    tests/test_verify.py::test_an_abbreviation_of_an_article_word_is_the_articles
    """
    if value.lower() in article.text.lower():
        return value
    spelled: dict[str, str] = {}
    for word in reversed(re.findall(r"\w+", article.text)):
        spelled[_fold(word)] = word
    numbers = {n.value for n in find_numbers(article.text)}
    pieces, last = [], 0
    for match in re.finditer(r"\w+", value):
        word, folded = match.group(0), _fold(match.group(0))
        pieces.append(value[last : match.start()])
        last = match.end()
        if (
            folded in spelled
            or folded in _STOPWORDS
            or (folded.isdigit() and int(folded) in numbers)  # "10" for TEN
            or (value[last : last + 1] == "." and any(w.startswith(folded) for w in spelled))  # "Col." for COLONEL
        ):
            pieces.append(word)
            continue
        close = process.extractOne(folded, spelled.keys(), scorer=fuzz.ratio, score_cutoff=80)
        if close is None:
            return None
        article_word = spelled[close[0]]
        pieces.append(
            article_word.upper()
            if word.isupper()
            else article_word.capitalize()
            if word[:1].isupper()
            else article_word.lower()
        )
    return "".join(pieces) + value[last:]


# Where a name stands for a place: "in Usulutan", "near the town of Accomarca". Not "to" or "from":
# "protested to Nicaragua", "aid from the United States" name a party.
_AT_A_PLACE = re.compile(
    r"\b(?:in|at|near|into|outside|inside|across|through|around"
    r"|(?:town|city|village|department|province|municipality|canton|region|capital) of)\s+(?:the\s+)?$",
    re.IGNORECASE,
)
_DATELINE_AFTER = re.compile(r"\s*,\s*\d")  # "LIMA, 11 MAR 89 (EFE) --": the place that opens the article
_LOCATED_AFTER = re.compile(r"\s+(?:is|was|lies)\s+(?:located|situated)\b", re.IGNORECASE)  # "SANTA ELENA IS LOCATED"


def _a_party_by_name(name: str, article: Article) -> bool:
    """Whether ``name`` is two to four capitalized words that end in no word of a place or a thing
    (``LanguagePack.thing_heads``) and that the article writes as more than a place: a person or body
    ("Telma Salazar"), whatever kind the model gave it.
    Tests: tests/test_verify.py::test_a_person_the_model_typed_other_stays_a_stakeholder
    """
    pack = article.pack
    words = name.split()
    return (
        pack is not None
        and pack.thing_heads is not None
        and 2 <= len(words) <= 4
        and all(w[:1].isupper() for w in words)
        and not pack.thing_heads.fullmatch(_head_before_a_numeral(words))
        and not only_a_place(name, article)
    )


# A numeral that ends a name ("World War Three", "Vatican II", "Apollo 11"): the name's head comes before it.
_NUMERAL = re.compile(r"(?:[IVX]+|\d+|One|Two|Three|Four|Five|Six|Seven|Eight|Nine|Ten)", re.IGNORECASE)


def _head_before_a_numeral(words: list[str]) -> str:
    """The last word of a name, or the word before it where it is a numeral ("World War Three": "War")."""
    return words[-2] if len(words) >= 2 and _NUMERAL.fullmatch(words[-1]) else words[-1]


def a_numbered_thing(name: str, pack: LanguagePack | None) -> bool:
    """Whether ``name`` ends in a numeral after a word of a thing ("World War Three", "Phase 2"): an event
    or a thing, never a party. Tests: tests/test_verify.py::test_a_war_named_with_a_numeral_is_no_stakeholder
    """
    words = name.split()
    return (
        pack is not None
        and pack.thing_heads is not None
        and len(words) >= 2
        and _NUMERAL.fullmatch(words[-1]) is not None
        and pack.thing_heads.fullmatch(_head_before_a_numeral(words)) is not None
    )


def only_a_place(name: str, article: Article) -> bool:
    """Whether the article writes ``name`` only as a place (after "in", "near the town of"...) or its dateline.

    A city or province named only as where something happened ("in Lima") is no party, so no stakeholder
    of kind "state". Tests: tests/test_verify.py::test_a_place_is_no_stakeholder_but_a_state_that_acts_is
    """
    text = article.text
    mentions = list(re.finditer(rf"(?<!\w){re.escape(name.strip())}(?!\w)", text, re.IGNORECASE))
    return bool(mentions) and all(
        _AT_A_PLACE.search(text[max(0, m.start() - 60) : m.start()])
        or (not text[: m.start()].strip() and _DATELINE_AFTER.match(text, m.end()))
        or _LOCATED_AFTER.match(text, m.end())
        for m in mentions
    )


def sentences_that_could_state(section: str, article: Article) -> tuple[int, ...] | None:
    """The numbers of the sentences of ``article`` that could carry a verified item of ``section``.

    A condition or proposal is published only from a sentence that states one, a casualty figure only
    from a sentence that says someone was harmed (``verify_item``), and never from a sentence addressed
    to an AI. None: any sentence could (stakeholders, or a language without rules for that section).
    """
    pack = article.pack
    if pack is None or (section not in TOPIC_TEXT and section != "casualties"):
        return None  # no cue of another language's rules may keep an item out
    if section == "casualties":
        # A figure is published only from a sentence with a word of harm: the English checks' (HARM), or
        # the pack's near the figure (pack_figures.py); with neither, no figure of the language is.
        # Tests: tests/test_language.py::test_a_french_article_without_a_word_of_harm_asks_for_no_figures
        harm = [HARM] if pack.reads_figures else [w for w in (pack.killed_words, pack.injured_words) if w]
        stating = (s for s in article.sentences if any(words.search(s.text) for words in harm))
    else:
        stating = (s for s in article.sentences if pack.states(section, s.text) and not is_heading(s, article.text))
    return tuple(s.number for s in stating if s.number not in article.addressed_to_ai)


def could_publish(section: str, article: Article) -> bool:
    """Whether any sentence of ``article`` could carry a verified item of ``section``.

    Where none does, every answer to that call would be dropped, so the call is not made: most crime
    reports state no demand.
    """
    return sentences_that_could_state(section, article) != ()


def verify_item(section: str, draft: Cited, article: Article, notes: list[str] | None = None) -> BaseModel | Rejected:
    """A grounded item for ``draft``, or the reason it was rejected.

    Details the article does not contain are set to null, and figures corrected from the cited
    sentence, each named in ``notes``.
    """
    notes = [] if notes is None else notes
    sentence = article.sentence(draft.sentence)
    if sentence is None:
        return Rejected(section, draft, f"cites sentence [{draft.sentence}], which does not exist")
    if section in TOPIC_TEXT and not getattr(draft, SUBJECT_FIELDS[section]).strip():
        # Drafted with no party (drafts._subject_left_to_the_sentence): the one its sentence names as
        # demanding or offering, else none is guessed.
        # Test: tests/test_verify.py::test_an_item_without_its_party_takes_the_one_its_sentence_names
        said, missing = getattr(draft, TOPIC_TEXT[section]), SUBJECT_FIELDS[section]
        named = named_subject(section, said, sentence, article) or announced_party(sentence, article)
        if named is None:
            doing = _DOING[section]
            reason = f"no {missing} given, and sentence [{sentence.number}] names no one as {doing} it"
            return Rejected(section, draft, reason, reask=False)
        notes.append(f"filled: {missing} {named!r}, whom sentence [{sentence.number}] names, for the one not given")
        draft = draft.model_copy(update={missing: named})
    if section in TOPIC_TEXT:
        # The demand or proposal must be what its sentence says. It moves to the sentence that says it
        # only when that sentence also names its party in full (else the model may have swapped who
        # demands what of whom); otherwise it is dropped.
        # A sentence that refers back ("The conditions include ...") may take it when the party is named
        # just before it, as the cited sentence that announces the conditions does.
        said, party = getattr(draft, TOPIC_TEXT[section]), getattr(draft, SUBJECT_FIELDS[section])
        if article.nonce not in said and not says(said, party, sentence, article):
            best = max(article.sentences, key=lambda s: overlap(said, s.text))
            party_there = overlap(party, best.text) >= 1 or (
                _refers_back(best, article)
                and (_party_named_for(party, best, article) or announced_party(best, article) is not None)
            )
            if overlap(said, best.text) < 0.5 or not party_there:
                return Rejected(section, draft, f"{said!r} is not what sentence [{sentence.number}] says", reask=False)
            notes.append(f"moved: from sentence [{sentence.number}] to [{best.number}], which says it")
            sentence = best
        elif (fuller := _sentence_stating_its_names(said, party, sentence, article)) is not None:
            notes.append(f"moved: from sentence [{sentence.number}] to [{fuller.number}], which names all it says")
            sentence = fuller
    pack = article.pack
    if section in TOPIC_TEXT and pack is not None and pack.names_only_the_kind:
        # "several conditions he'd want met" tells a reader nothing that is demanded.
        # Tests: tests/test_verify.py::test_a_demand_that_names_only_its_kind_is_dropped
        said = getattr(draft, TOPIC_TEXT[section])
        if pack.names_only_the_kind.search(said):
            return Rejected(
                section, draft, f"{said!r} names no {TOPIC_TEXT[section]}, only that there are some", reask=False
            )
    if pack is not None and not pack.states(section, sentence.text):
        return Rejected(section, draft, f"sentence [{sentence.number}] states no {section[:-1]}", reask=False)
    if section in TOPIC_TEXT and is_heading(sentence, article.text):
        # A heading names a subject ("Ostra's proposal for peace in the harbour"); it states no demand or offer.
        reason = f"sentence [{sentence.number}] is a heading: it states no {section[:-1]}"
        return Rejected(section, draft, reason, reask=False)
    if isinstance(draft, CasualtyDraft) and not (pack and (pack.reads_figures or pack.killed_words)):
        # Which figure is killed and which injured is read from the sentence's words: none of this language.
        reason = f"casualty figures are not published for articles in '{article.language}': no checks read its words"
        return Rejected(section, draft, reason, reask=False)
    fields = draft.model_dump(exclude={"sentence", "figure_text"})
    subject = SUBJECT_FIELDS.get(section)
    written_only_to_an_ai = (
        subject
        and article.addressed_to_ai
        and not _in_article(fields[subject], article)
        and fields[subject].lower() in article.text.lower()
    )
    if subject and written_only_to_an_ai:
        reason = f"{subject} {fields[subject]!r} is named only in sentences addressed to an AI"
        return Rejected(section, draft, reason, reask=False)
    if subject and not _in_article(fields[subject], article):
        return Rejected(section, draft, f"{subject} {fields[subject]!r} is not named in the article")
    if subject:
        fields[subject] = _as_written(fields[subject], article)
    if section == "stakeholders" and (
        _is_a_sentence(fields["name"], article) or (fields["name"].endswith(".") and len(fields["name"].split()) >= 6)
    ):
        return Rejected(section, draft, f"name {fields['name']!r} is a sentence, not a name", reask=False)
    if section == "stakeholders" and fields["kind"] == StakeholderKind.state and only_a_place(fields["name"], article):
        return Rejected(section, draft, f"{fields['name']!r} is named only as a place, not as a party", reask=False)
    if (
        section == "stakeholders"
        and fields["kind"] == StakeholderKind.other
        and not _a_party_by_name(fields["name"], article)
    ):
        # Kind "other" (also a kind the model made up) names a thing or a place ("M-16 rifle"), not a party,
        # unless it is a name of a person or body (_a_party_by_name).
        # Tests: tests/test_verify.py::test_a_thing_or_a_place_is_no_stakeholder
        return Rejected(
            section, draft, f"{fields['name']!r} is not a person, state, organisation or group", reask=False
        )
    announced = announced_party(sentence, article) if section in TOPIC_TEXT else None
    if (
        subject
        and announced
        and (
            not _names_near(fields[subject], sentence)
            or _named_only_as_what_it_is_about(fields[subject], sentence, article)
        )
        and not _names_in(fields[subject], announced)
    ):
        # "The conditions include ..." after "Putin has several conditions" are Putin's, whoever the
        # model named: the party is corrected to the one the sentence refers back to.
        notes.append(f"corrected: {subject} {fields[subject]!r} to {announced!r}, who announced the terms it refers to")
        fields[subject] = _as_written(announced, article)
    if (
        section in TOPIC_TEXT
        and subject
        and (named := named_subject(section, fields[TOPIC_TEXT[section]], sentence, article))
        and not _names_in(fields[subject], named)
        and not named_as_subject(section, fields[subject], sentence, article)
        and not (fields.get("addressee") and _names_in(fields["addressee"], named))  # a swap: _swapped
    ):
        # "Mediapart has published a document it says shows ... Gaddafi pledged ..." is Gaddafi's
        # offer, "Haaretz says ... Israel has pressed the EU not to publish" Israel's demand: the party is
        # the one the sentence names right before its verb (tests/test_named_subject.py).
        doing = _DOING[section]
        notes.append(
            f"corrected: {subject} {fields[subject]!r} to {named!r}, whom sentence [{sentence.number}] names as {doing}"
        )
        fields[subject] = _as_written(named, article)
    if section in TOPIC_TEXT and subject and not _party_named_for(fields[subject], sentence, article):
        # "The Federation says it will return only if ..." is the Federation's demand, whatever party
        # the model put on it: the party must be named there or in the sentence before ("They demand"),
        # or a little further back where the sentence refers back (_party_named_for).
        return Rejected(
            section, draft, f"{subject} {fields[subject]!r} is not named in sentence [{sentence.number}]", reask=False
        )
    if (
        section in TOPIC_TEXT
        and subject
        and _swapped(fields[subject], fields.get("addressee"), section, sentence, article)
    ):
        notes.append(f"corrected: {subject} and addressee swapped, as sentence [{sentence.number}] names them")
        fields[subject], fields["addressee"] = _as_written(fields["addressee"], article), fields[subject]
    elif section == "conditions" and subject and _only_the_one_asked(fields[subject], sentence, article):
        reason = f"{subject} {fields[subject]!r} is the one asked in sentence [{sentence.number}], not the one asking"
        return Rejected(section, draft, reason, reask=False)
    if section in TOPIC_TEXT and subject and (voiced := speaker_for(fields[subject], sentence, article)):
        # "... said Fawzi Barhoum, a Hamas spokesman": the speaker, named with the body they speak for
        # (tests/test_spokesperson.py).
        voices = f"who voices it in sentence [{sentence.number}]"
        notes.append(f"corrected: {subject} {fields[subject]!r} to {voiced!r}, {voices}")
        fields[subject] = voiced
    elif section in TOPIC_TEXT and subject and (spelled := full_name(fields[subject], article)):
        # "SADC" as "Southern African Development Community (SADC)", as the article defines it
        # (tests/test_acronyms.py).
        notes.append(f"corrected: {subject} {fields[subject]!r} to {spelled!r}, as the article spells it out")
        fields[subject] = spelled
    if any(article.nonce in str(fields.get(name)) for name in REQUIRED_TEXT):
        return Rejected(section, draft, "repeats the prompt instead of the article", reask=False)
    _clear_unsupported(fields, article, notes)
    if section == "stakeholders":
        sentence = _sentence_naming(fields["name"], sentence, article)
    if isinstance(draft, CasualtyDraft):
        if pack is not None and not pack.reads_figures:
            read = read_pack_figures(draft, sentence, pack, fields)
        else:
            read = read_figures(draft, sentence, article, fields, notes)
        if isinstance(read, Refusal):
            return Rejected(section, draft, read.reason, read.reask)
        sentence = read
    if sentence.number in article.addressed_to_ai:  # where a name or figure moved the evidence
        return Rejected(section, draft, f"sentence [{sentence.number}] addresses instructions to an AI", reask=False)
    # Who reports a figure is named where it is reported ("... killed, according to the defence ministry");
    # a source from another sentence ("the Red Cross said", of the next strike) is not this figure's. A
    # demand or proposal may be sourced in the sentence before ("Officials said on Monday. ...").
    if fields.get("attribution") and not _names_near(
        fields["attribution"],
        sentence,
        None if isinstance(draft, CasualtyDraft) else article.sentence(sentence.number - 1),
    ):
        notes.append(f"cleared: attribution {fields['attribution']!r} is not named in sentence [{sentence.number}]")
        fields["attribution"] = None
    if isinstance(draft, CasualtyDraft):
        if article.reads_figures and fields.get("victims") and (far := far_from_harm(fields["victims"], sentence)):
            notes.append(f"cleared: victims {fields['victims']!r} {far}")
            fields["victims"] = None
        fields["reported_by_party"] = reported_by_party(fields["attribution"], fields["perpetrator"], fields["victims"])
    return GROUNDED_TYPES[section].model_validate({**fields, **_evidence(sentence, article.offset)})
