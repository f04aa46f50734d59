"""Whether a casualty figure the model gave is a toll its sentence states, and which figure to publish.

A figure must be written in a sentence that says someone was harmed (digits, number words, "dozens"
as a lower bound), and its qualifier is read from the words before the number, not taken from the
model. When the cited sentence does not hold the figure but the model's ``figure_text`` is found in
another sentence that does, the citation moves there. When the model misread the sentence it cited,
the figures are read from that sentence by rule, unless the sentence holds numbers the rule cannot
place. Figures the sentence writes but not as a toll (a part of the harmed, one group of a list,
casualties not told apart, the attackers, a running total) are refused: a missed figure, never a
wrong one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from summarizer.checks.grounding import ground_evidence
from summarizer.checks.lang.en import INJURING_WORDS, KILLING_WORDS
from summarizer.checks.numbers import (
    NONE_STATED,
    attackers_only,
    casualties_only,
    find_numbers,
    names_more_harmed,
    one_group_of_a_list,
    one_harmed,
    other_count,
    part_of_a_toll,
    supports,
)
from summarizer.checks.rule_counter import attached_counts, count_casualties, reads_every_number
from summarizer.pipeline.article import Article
from summarizer.pipeline.drafts import CasualtyDraft
from summarizer.pipeline.sentences import Sentence


@dataclass(frozen=True)
class Refusal:
    """Why no figure of a draft can be published, and whether another call could mend it."""

    reason: str
    reask: bool = True  # False: the sentence itself says why; asking again would not help


# A casualty sentence must say someone was harmed: exchanged prisoners or deployed troops are not casualties.
HARM = re.compile(rf"\b(?:{KILLING_WORDS}|{INJURING_WORDS}|casualt\w*|victims?|shot)\b", re.IGNORECASE)


def _by_kind(killed: int | None, injured: int | None) -> tuple[tuple[str, int | None], ...]:
    return (("killed", killed), ("injured", injured))


def _sentence_holding(article: Article, figure_text: str) -> Sentence | None:
    located = ground_evidence(figure_text, article.text)
    if located is None:
        return None
    span, _ = located
    for sentence in article.sentences:
        if sentence.start <= span.start < sentence.end:
            return sentence
    return None


def _check_casualty(
    killed: int | None, injured: int | None, figure_text: str, sentence: Sentence, article: Article
) -> tuple[Sentence, str | None]:
    """Find a sentence that states the figures; return it and a failure reason, if any."""
    if killed is None and injured is None:
        return sentence, "gives neither a killed nor an injured figure"
    candidates = [sentence]
    moved = _sentence_holding(article, figure_text) if figure_text else None
    if moved is not None and moved.number != sentence.number:
        candidates.append(moved)
    for candidate in candidates:
        if not HARM.search(candidate.text):
            continue
        if all(count is None or supports(count, candidate.text, kind) for kind, count in _by_kind(killed, injured)):
            return candidate, None
    if not HARM.search(sentence.text):
        return sentence, f"sentence [{sentence.number}] reports no one killed or injured"
    missing = [f"{name} {count}" for name, count in _by_kind(killed, injured)
               if count is not None and not supports(count, sentence.text, name)]  # fmt: skip
    return sentence, f"{' and '.join(missing)} not written in sentence [{sentence.number}]"


def read_figures(
    draft: CasualtyDraft, sentence: Sentence, article: Article, fields: dict[str, Any], notes: list[str]
) -> Sentence | Refusal:
    """The sentence that states ``draft``'s figures, with ``fields``' figures and qualifiers set from it.

    Figures corrected from the sentence are named in ``notes``; a figure that cannot be published
    gives a ``Refusal``.
    """
    killed_count, injured_count = draft.killed, draft.injured
    sentence_for_figures, reason = _check_casualty(killed_count, injured_count, draft.figure_text, sentence, article)
    if not reason and (wrong := _wrong_kind(killed_count, injured_count, sentence_for_figures)):
        sentence, reason = sentence_for_figures, wrong  # read again from that sentence, below
    if reason and (no_count := _not_a_count_of_people(killed_count, injured_count, sentence)):
        # Nothing to re-ask for: the sentence holds no count of people hurt.
        return Refusal(f"{reason}; {no_count}", reask=False)
    if reason and HARM.search(sentence.text):
        # Evidence first: the model found the right sentence but misread it; read the figures from it,
        # unless the sentence holds numbers the rule cannot place (then no figure is safe to publish).
        rule_killed, rule_injured = count_casualties(sentence.text)
        if not (rule_killed or rule_injured or find_numbers(sentence.text)):
            # No number at all: "a soldier was wounded" is read as one of its kind.
            harmed = one_harmed(sentence.text)
            rule_killed, rule_injured = int("killed" in harmed), int("injured" in harmed)
        if (rule_killed or rule_injured) and not reads_every_number(sentence.text):
            return Refusal(f"{reason}; the figures in sentence [{sentence.number}] need a human reader", reask=False)
        if rule_killed or rule_injured:
            killed_count, injured_count = rule_killed or None, rule_injured or None
            notes.append(f"corrected: {reason}; read killed {killed_count}, injured {injured_count} from it instead")
            sentence_for_figures, reason = sentence, None
    if reason:
        return Refusal(reason)
    sentence = sentence_for_figures
    if stray := _stray_count(killed_count, injured_count, sentence):
        return Refusal(stray, reask=False)
    if running := _running_total(sentence):
        return Refusal(running, reask=False)
    for no_toll in _NOT_A_TOLL:
        if reason := no_toll(killed_count, injured_count, sentence):
            return Refusal(reason, reask=False)
    killed_count, injured_count = _kind_as_said(killed_count, injured_count, sentence, notes)
    fields["killed"], fields["injured"] = killed_count, injured_count
    killed = supports(killed_count, sentence.text, "killed") if killed_count is not None else None
    injured = supports(injured_count, sentence.text, "injured") if injured_count is not None else None
    for kind, count, mention in (("killed", killed_count, killed), ("injured", injured_count, injured)):
        if count is not None and mention is None:
            # A figure the rule sums ("three ... had died and five had been killed" as 8) may be right, but a
            # reader cannot find it in the quote: not published. Tests: tests/test_verify.py::
            #     test_a_figure_the_sentence_does_not_write_is_never_published_even_as_the_rule_reads_it
            return Refusal(f"{kind} {count} is not written in sentence [{sentence.number}]", reask=False)
    stated = killed or injured
    fields["qualifier"] = stated.qualifier if stated else "exact"
    if killed and injured and injured.qualifier != killed.qualifier:
        fields["injured_qualifier"] = injured.qualifier
    return sentence


def _not_a_count_of_people(killed: int | None, injured: int | None, sentence: Sentence) -> str | None:
    """Why a figure cannot come from ``sentence``: it says no one was hurt, or counts something else."""
    if NONE_STATED.search(sentence.text) and not find_numbers(sentence.text):
        return f"sentence [{sentence.number}] says no one was hurt"
    for count in (killed, injured):
        if count and (unit := other_count(count, sentence.text)):
            return f"{count} in sentence [{sentence.number}] counts {unit.lower()}, not people"
    return None


def _stray_count(killed: int | None, injured: int | None, sentence: Sentence) -> str | None:
    """Why a figure is not a casualty count although its sentence holds it and speaks of harm.

    "Ten terrorists hurled dynamite ..., causing no casualties" holds 10 and a harm word, but says no
    one was hurt: there a figure must sit next to a killing or wounding word ("no one was killed, but
    five were wounded") to count.
    """
    if not NONE_STATED.search(sentence.text):
        return None
    attached = set().union(*attached_counts(sentence.text))
    for count in (killed, injured):
        if count and count not in attached:
            return f"sentence [{sentence.number}] says no one was hurt; its {count} counts something else"
    return None


# A count over a period, not an incident: "since 1985", "since it was founded in 1985", "so far this year",
# "during 10 years of civil war", "over the past five years".
_RUNNING_TOTAL = re.compile(
    r"\bsince\s+(?:it was founded\s+in\s+|the (?:beginning|start) of\s+)?(?:19|20)\d\d\b"
    r"|\bso far (?:this year|in (?:19|20)\d\d)\b"
    r"|\b(?:during|in|over)\s+(?:the\s+)?(?:past\s+|last\s+)?(?:[\w-]+\s+)?(?:years|decades)\b(?!\s+(?:old|ago))",
    re.IGNORECASE,
)


def _running_total(sentence: Sentence) -> str | None:
    """Why a figure is not one incident's toll: "his death raises to 384 the number ... murdered since 1985".

    Summed with the incident's own toll, such a total would give the article hundreds of dead. It is
    dropped for a human reader (a rare "the deadliest attack since 1985 killed 12" goes with it: a missed
    figure, never a wrong one). Tests: tests/test_verify.py::test_a_running_total_is_not_an_incidents_toll
    """
    if period := _RUNNING_TOTAL.search(sentence.text):
        return f"sentence [{sentence.number}] gives a running total ({period.group(0)!r}), not one incident's toll"
    return None


def _wrong_kind(killed: int | None, injured: int | None, sentence: Sentence) -> str | None:
    """Why a figure is in the wrong field: "five persons were seriously wounded" given as 5 killed.

    The same number in both fields is left alone: "one man was killed and another injured" is 1 and 1.
    """
    read_killed, read_injured = attached_counts(sentence.text)
    if killed and killed != injured and killed not in read_killed and killed in read_injured:
        return f"sentence [{sentence.number}] says {killed} were injured, not killed"
    if injured and injured != killed and injured not in read_injured and injured in read_killed:
        return f"sentence [{sentence.number}] says {injured} were killed, not injured"
    return None


def _part_only(killed: int | None, injured: int | None, sentence: Sentence) -> str | None:
    """Why a figure is no toll: its sentence writes it only as a part of the harmed.

    "Five of the murdered Jesuits" are among a toll the article gives ("six Jesuits"): counted again,
    they would inflate it. Tests: tests/test_verify.py::test_a_part_of_the_harmed_is_not_another_toll
    """
    for count in (killed, injured):
        if count and (part := part_of_a_toll(count, sentence.text)):
            return f"sentence [{sentence.number}] counts a part of the harmed ({part!r}), not a toll"
    return None


def _one_group(killed: int | None, injured: int | None, sentence: Sentence) -> str | None:
    """Why a figure is no toll: its sentence lists the harmed in groups and the figure is one of them.

    The toll is the groups' sum, which the sentence does not write: no figure is published rather than
    a part ("one army lieutenant, four soldiers, and three civilians were killed" is not 1 killed).
    """
    for count in (killed, injured):
        if count and (listed := one_group_of_a_list(count, sentence.text)):
            return f"sentence [{sentence.number}] lists the harmed in groups ({listed!r}): {count} is one, not the toll"
    return None


def _casualties_not_told_apart(killed: int | None, injured: int | None, sentence: Sentence) -> str | None:
    """Why a figure is neither killed nor injured: its sentence counts casualties, the two together.

    "Inflicting five casualties" does not say how many died: unless the sentence also writes the figure
    next to a killing or wounding word, no figure is published rather than a guess.
    Tests: tests/test_verify.py::test_casualties_are_the_killed_and_wounded_together
    """
    read_killed, read_injured = attached_counts(sentence.text)
    for kind, count in _by_kind(killed, injured):
        if count and count not in read_killed | read_injured and (said := casualties_only(count, sentence.text)):
            return f"sentence [{sentence.number}] counts {said!r}, killed and wounded together, not {count} {kind}"
    return None


def _more_than_one(killed: int | None, injured: int | None, sentence: Sentence) -> str | None:
    """Why a 1 of a singular verb is no toll: its sentence names more people harmed the same way.

    "Oqueli ... was found dead along with Gilda Flores" is more than the verb's 1 killed.
    Tests: tests/test_verify.py::test_a_one_read_from_a_singular_verb_is_no_toll_where_the_sentence_names_more_harmed
    """
    for kind, count in _by_kind(killed, injured):
        clause = one_harmed(sentence.text).get(kind)
        if count == 1 and clause and names_more_harmed(sentence.text, kind, clause):
            return f"sentence [{sentence.number}] names more than one person {kind}, with no figure for them all"
    return None


_KILLING = re.compile(rf"\b(?:{KILLING_WORDS})\b", re.IGNORECASE)
_INJURING = re.compile(rf"\b(?:{INJURING_WORDS})\b", re.IGNORECASE)
# What happened to people who are alive: shot (not "shot dead"), in hospital, stabilized, treated.
# Only the kind of a figure is read from these: "six people were shot" is 6 injured, never 6 killed.
# Tests: tests/test_verify.py::test_people_shot_or_in_hospital_are_injured_not_killed
_ALIVE_AFTER = re.compile(
    r"\bshot\b(?!\s+(?:\w+\s+)?(?:dead|to death|and killed))|\bhospitali[sz]\w*|\b(?:in|to) (?:the )?hospital\b"
    r"|\bstabili[sz]ed\b|\btreated\b",
    re.IGNORECASE,
)


def _kind_as_said(
    killed: int | None, injured: int | None, sentence: Sentence, notes: list[str]
) -> tuple[int | None, int | None]:
    """One figure in the field its sentence's words give it: "the murder of six Jesuits" is 6 killed.

    A model may put a figure in the wrong field; only a sentence that speaks of one kind of harm moves a figure.
    Tests: tests/test_verify.py::test_a_figure_goes_to_the_kind_of_harm_its_sentence_names

    Of two figures, the one of a kind the sentence never speaks of is dropped ("eight more have been
    captured" is no 8 injured), but only where every word of harm in the sentence is of the other kind
    ("shot", "casualties" or "victims" may be either).
    Tests: tests/test_verify.py::test_a_figure_of_a_kind_its_sentence_never_speaks_of_is_dropped
    """
    says_killed = bool(_KILLING.search(sentence.text))
    says_injured = bool(_INJURING.search(sentence.text) or _ALIVE_AFTER.search(sentence.text))
    if killed is not None and injured is None and says_injured and not says_killed:
        notes.append(f"corrected: sentence [{sentence.number}] says {killed} injured, not killed")
        return None, killed
    if injured is not None and killed is None and says_killed and not says_injured:
        notes.append(f"corrected: sentence [{sentence.number}] says {injured} killed, not injured")
        return injured, None
    if killed is not None and injured is not None and says_killed != says_injured:
        either = any(
            not (_KILLING.fullmatch(w.group(0)) or _INJURING.fullmatch(w.group(0)))
            for w in HARM.finditer(sentence.text)
        )
        if not either and says_killed:
            notes.append(f"corrected: sentence [{sentence.number}] speaks of no one injured: injured {injured} dropped")
            return killed, None
        if not either and says_injured:
            notes.append(f"corrected: sentence [{sentence.number}] speaks of no one killed: killed {killed} dropped")
            return None, injured
    return killed, injured


def _attackers(killed: int | None, injured: int | None, sentence: Sentence) -> str | None:
    """Why a figure is no toll: its sentence writes it only as the number of those who attacked.

    "Four youths ... shot at the policemen" sits next to a word of harm but counts no one harmed.
    Tests: tests/test_verify.py::test_a_count_of_attackers_is_no_toll, ::test_a_count_of_the_accused_is_no_toll
    """
    for count in (killed, injured):
        if count and (attackers := attackers_only(count, sentence.text)):
            return f"sentence [{sentence.number}] counts the attackers or the accused ({attackers!r}), not the harmed"
    return None


# Figures their sentence writes, but not as a toll: each check names why, or returns None. Nothing to
# re-ask for: the sentence itself says it.
_NOT_A_TOLL = (_part_only, _one_group, _more_than_one, _casualties_not_told_apart, _attackers)


# The victims a sentence names stand close to its word of harm ("10 policemen were killed", "Castellar
# ... has been murdered"): names farther than this many words from every one are someone else.
# Test: tests/test_verify.py::test_victims_written_far_from_the_harm_are_not_its_victims
_VICTIMS_REACH = 12


def far_from_harm(victims: str, sentence: Sentence) -> str | None:
    """Why ``victims`` are not the harmed of ``sentence``: written far from every word of harm in it.

    Names far from the harm are someone else: in "... WERE ARRESTED FOLLOWING THE ARMED ATTACK ..., WHERE
    10 POLICEMEN WERE KILLED" the arrested are not the victims.
    Tests: tests/test_verify.py::test_victims_written_far_from_the_harm_are_not_its_victims
    """
    start = sentence.text.upper().find(victims.upper())
    harms = list(HARM.finditer(sentence.text))
    if start < 0 or not harms:
        return None  # written elsewhere in the article, or nothing to measure from: left as it is
    end = start + len(victims)
    words = min(len(sentence.text[min(end, h.start()) : max(start, h.end())].split()) for h in harms)
    if words <= _VICTIMS_REACH:
        return None
    return f"are written {words} words from any word of harm in sentence [{sentence.number}]"
