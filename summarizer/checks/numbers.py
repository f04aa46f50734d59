"""Read casualty figures out of text: digits and number words, and their qualifiers.

Used to check that every number the model reports is written in its evidence, and that the
qualifier agrees with the words around it ("at least 16" -> at_least).

Example:
    >>> [(m.value, m.qualifier) for m in find_numbers("killing at least sixteen and wounding dozens")]
    [(16, 'at_least')]
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from text_to_num import text2num

from summarizer.checks.lang.en import INJURED_PARTICIPLES, KILLED_PARTICIPLES

_PARTICIPLES = "|".join((*KILLED_PARTICIPLES, *INJURED_PARTICIPLES))

# The words a number written in words is made of (text2num reads its value).
_NUMBER_WORDS = (
    "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
    "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen", "twenty",
    "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety", "hundred", "thousand",
)  # fmt: skip
# "dozens", "hundreds", "thousands" are no figure: "hundreds have been wounded" is not published as
# at least 200 injured, a number the article never writes. Tests: tests/test_grounding.py

_QUALIFIERS = [
    (re.compile(r"\b(?:at least|no fewer than|not less than|a minimum of)\s*$", re.I), "at_least"),
    (re.compile(r"\b(?:more than|over|upwards of|in excess of)\s*$", re.I), "more_than"),
    (re.compile(r"\b(?:up to|as many as|at most|no more than)\s*$", re.I), "up_to"),
    (re.compile(r"\b(?:about|around|some|nearly|almost|approximately|roughly|an estimated|close to)\s*$", re.I),
     "about"),
]  # fmt: skip

_WORD = "|".join(sorted(_NUMBER_WORDS, key=len, reverse=True))
_NUMBER = re.compile(
    rf"(?P<digits>\b\d{{1,3}}(?:,\d{{3}})+\b|\b\d+\b)"
    rf"|(?P<words>\b(?:{_WORD})(?:[\s-]+(?:and[\s-]+)?(?:{_WORD}))*\b)"
    rf"|(?P<single>\b(?:a dozen|dozen)\b)",
    re.IGNORECASE,
)


# A number followed by one of these counts something other than people ("shot eight times", "a
# 25-year-old", "850 km", "12 January"): it never supports a casualty figure. So do places and things,
# one word of description allowed between ("dozens of towns", "two armoured vehicles").
# Test: tests/test_verify.py::test_places_and_things_are_not_counts_of_people
_THINGS = (  # plural only: "three bus passengers" counts passengers
    r"towns|villages|cities|hamlets|houses|homes|buildings|vehicles|trucks|cars|buses|towers|pylons|bridges"
    r"|shops|stores|offices|banks|schools|churches|blocks|booths|bombs|grenades|explosives|rifles|weapons|guns"
    r"|tons|kilos|kilograms|pounds|hectares|attacks|incidents|cases|departments|provinces|townships|tanks|planes"
    r"|aircraft|helicopters|motorcycles|automobiles|ambulances|machineguns|cartridges|clips|gallons|telephones"
    r"|explosions|attempts|ambushes|million|billion|kg|gmt"
)
_NOT_PEOPLE = re.compile(
    r"(?:\s*-\s*|\s+)(?:times|shots|bullets|rounds|hours?|days?|weeks?|months?|years?|minutes?|seconds?"
    r"|meters|metres|km|kilometers|kilometres|miles|percent|per cent|o'clock|pesos|dollars"
    r"|jan\w*|feb\w*|mar\w*|apr\w*|may|jun\w*|jul\w*|aug\w*|sep\w*|oct\w*|nov\w*|dec\w*"
    rf"|(?:of\s+)?(?:[a-z-]+\s+)?(?:{_THINGS}))\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class NumberMention:
    value: int
    start: int
    end: int
    qualifier: str  # exact / at_least / about / up_to / more_than


def _words_value(phrase: str) -> int | None:
    """The value of a number written in words ("one hundred and five"), read by text2num (a kept library
    that also reads fr/es/de/it/pt/nl for the packs to come); None where it is no number."""
    try:
        return int(text2num(phrase.lower(), "en"))
    except ValueError:
        return None


def _qualifier_before(text: str, start: int) -> str:
    window = text[max(0, start - 30) : start]
    for pattern, name in _QUALIFIERS:
        if pattern.search(window):
            return name
    return "exact"


def other_count(count: int, text: str) -> str | None:
    """The unit when ``count`` is written in ``text`` only as a count of something else ("times")."""
    for match in _NUMBER.finditer(text):
        unit = _NOT_PEOPLE.match(text, match.end())
        if unit and _value(match) == count:
            return unit.group(0).strip(" -")
    return None


# A part of a toll given elsewhere: "five of the murdered Jesuits", "one of the persons wounded".
_PART_OF_HARMED = re.compile(
    r"\s+(?:of|among)\s+(?:the|those)\s+(?:[\w-]+\s+){0,2}?"
    rf"(?:{_PARTICIPLES}|dead|victims|casualties|bodies)\b",
    re.IGNORECASE,
)


def part_of_a_toll(count: int, text: str) -> str | None:
    """The words when ``count`` is written in ``text`` only as a part of the harmed, not as a toll.

    Example:
        >>> part_of_a_toll(5, "Five of the murdered Jesuits had received finishing shots.")
        'Five of the murdered'
        >>> part_of_a_toll(6, "Six Jesuits were murdered; five of the murdered had been shot.") is None
        True
    """
    return _written_only_as(count, text, _PART_OF_HARMED)


def _written_only_as(count: int, text: str, after: re.Pattern[str]) -> str | None:
    """The first mention of ``count`` with the words ``after`` reads, when every mention is followed by them."""
    found = None
    for match in _NUMBER.finditer(text):
        if _value(match) != count:
            continue
        said = after.match(text, match.end())
        if said is None:
            return None  # written elsewhere as something else
        found = found or text[match.start() : said.end()]
    return found


# The harmed listed in groups: "six Jesuits and two women were murdered", "killing one lieutenant, four
# soldiers and three civilians". Each group's words stop before a verb or a joining word.
_GROUP_WORDS = (
    rf"(?:\s+(?!(?:were|was|are|is|have|has|had|been|{_PARTICIPLES}|died|dead|including"
    r"|who|whom|and|or|but|by|in|at|on)\b)[\w'-]+){1,4}?"
)
_ANY_NUMBER = re.sub(r"\(\?P<\w+>", "(?:", _NUMBER.pattern)  # the same numbers, without group names
_GROUP = rf"(?:{_ANY_NUMBER}){_GROUP_WORDS}"
_GROUPS = re.compile(rf"{_GROUP}(?:\s*,\s*{_GROUP})*\s*,?\s+and\s+{_GROUP}", re.IGNORECASE)
_HARMED_AFTER = re.compile(
    r"\s+(?:(?:were|have been|had been|are)\s+(?:\w+\s+)?"
    rf"(?:{_PARTICIPLES}|dead)|died|perished)\b",
    re.IGNORECASE,
)
_HARMED_BEFORE = re.compile(
    r"\b(?:killing|killed|murdering|murdered|wounding|wounded|injuring|injured"
    r"|(?:deaths?|murders?|killings?|assassinations?|massacre|bodies) of)\s+$",
    re.IGNORECASE,
)


def one_group_of_a_list(count: int, text: str) -> str | None:
    """The list when ``count`` is written in ``text`` only as one group of the harmed, not as their toll.

    The toll is the groups' sum, which the sentence does not write: "six Jesuit priests and two women"
    is not 6. Tests: tests/test_verify.py::test_one_group_of_the_harmed_is_not_the_toll

    Example:
        >>> one_group_of_a_list(6, "Six Jesuits and two women were murdered at dawn.")
        'Six Jesuits and two women'
        >>> one_group_of_a_list(6, "Six Jesuits were murdered and two women were wounded.") is None
        True
    """
    groups = []
    for listed in _GROUPS.finditer(text):
        harmed = _HARMED_AFTER.match(text, listed.end()) or _HARMED_BEFORE.search(text[: listed.start()])
        values = [
            _value(m) for m in _NUMBER.finditer(listed.group(0)) if not _NOT_PEOPLE.match(listed.group(0), m.end())
        ]
        if harmed and count in values and len(values) >= 2:
            groups.append(listed)
    mentions = [m for m in find_numbers(text) if m.value == count]
    inside = [m for m in mentions if any(g.start() <= m.start < g.end() for g in groups)]
    return groups[0].group(0) if mentions and len(inside) == len(mentions) else None


# "Inflicting five casualties": casualties are the killed and the wounded together, in a split the
# sentence does not give. Up to three words between, none of them a killing or wounding word.
_CASUALTIES_AFTER = re.compile(
    rf"(?:\s+(?!(?:{_PARTICIPLES}|dead|died|and|or)\b)[\w'-]+){{0,3}}?\s+casualt(?:y|ies)\b",
    re.IGNORECASE,
)


def casualties_only(count: int, text: str) -> str | None:
    """The words when ``text`` writes ``count`` as a number of casualties: the killed and wounded together.

    "Inflicting five casualties" says neither how many died nor how many were wounded.
    Tests: tests/test_verify.py::test_casualties_are_the_killed_and_wounded_together

    Example:
        >>> casualties_only(5, "The rebels clashed with troops, inflicting five casualties.")
        'five casualties'
        >>> casualties_only(3, "The attack caused 5 casualties: 3 dead and 2 wounded.") is None
        True
    """
    for match in _NUMBER.finditer(text):
        if _value(match) == count and (said := _CASUALTIES_AFTER.match(text, match.end())):
            return text[match.start() : said.end()]
    return None


# "Four youths in a red pickup truck shot at the policemen", "three students have been charged with the
# killing of two ...": the number counts the attackers, or those accused of the attack.
_ATTACKERS_AFTER = re.compile(
    rf"(?:\s+(?!(?:were|was|are|is|have|has|had|been|{_PARTICIPLES}|dead|and|or)\b)[\w'-]+){{0,6}}?\s+"
    r"(?:(?:shot at|fired (?:at|on|upon)|opened fire|attacked|ambushed|stormed|raided)\b(?!\s+by\b)"
    r"|(?:(?:have|has|had) been|were|was|are|is)\s+(?:\w+\s+)?"
    r"(?:charged|accused|arrested|convicted|sentenced|indicted|detained)\s+(?:with|of|for|in connection with)\b)",
    re.IGNORECASE,
)


def attackers_only(count: int, text: str) -> str | None:
    """The words when ``text`` writes ``count`` only as the number of those who attacked.

    Such a number sits next to a word of harm ("shot at", "charged with the killing") but counts no one
    harmed. Tests: tests/test_verify.py::test_a_count_of_attackers_is_no_toll, ::test_a_count_of_the_accused_is_no_toll

    Example:
        >>> attackers_only(4, "Four youths in a red pickup truck shot at the policemen.")
        'Four youths in a red pickup truck shot at'
        >>> attackers_only(2, "Gunmen attacked the post; two policemen were killed.") is None
        True
        >>> attackers_only(3, "Three students have been charged with the killing of two missionaries.")
        'Three students have been charged with'
    """
    return _written_only_as(count, text, _ATTACKERS_AFTER)


def _value(match: re.Match[str]) -> int | None:
    kind, raw = match.lastgroup, match.group(0)
    if kind == "digits":
        return int(raw.replace(",", ""))
    if kind == "single":
        return 12
    return _words_value(raw)


def find_numbers(text: str) -> list[NumberMention]:
    """Every count of people written in ``text``, with the qualifier that precedes it.

    "No one" is not a one, and "eight times" or "12 January" count something else.
    """
    mentions = []
    for match in _NUMBER.finditer(text):
        raw = match.group(0)
        if _NOT_PEOPLE.match(text, match.end()):
            continue
        if raw.lower() == "one" and re.search(r"\bno[\s-]$", text[max(0, match.start() - 3) : match.start()], re.I):
            continue
        value = _value(match)
        if value is None:
            continue
        qualifier = _qualifier_before(text, match.start())
        mentions.append(NumberMention(value, match.start(), match.end(), qualifier))
    return mentions


NONE_STATED = re.compile(
    r"\b(?:no (?:one|casualties|deaths|fatalities|injuries|victims)|nobody|none|without (?:casualties|injuries)"
    rf"|no(?:\s+\w+){{0,2}}\s+(?:was|were)\s+(?:{_PARTICIPLES}))\b",
    re.IGNORECASE,
)


# One person harmed, said with a singular verb: "Deputy Pablo Li Ormeno was murdered", "he was wounded".
_ONE_HARMED = re.compile(
    r"\b(?:was|has been)\s+"  # not "had been": "the magistrate and the colonel had been murdered"
    r"(?:(?:also|reportedly|allegedly|later|seriously|slightly|badly|critically|gravely|fatally)\s+)*"
    rf"(?:(?P<killed>{'|'.join(KILLED_PARTICIPLES)}|found dead|dead|shot (?:dead|to death)"
    rf"|(?:stabbed|beaten) to death)|(?P<injured>{'|'.join(INJURED_PARTICIPLES)}))\b"
    # "died" agrees with any number, so its subject must read as one person: "Judge Carlos Valencia died".
    r"|\b(?<!have )(?<!had )(?P<died>died)\b",
    re.IGNORECASE,
)
# A subject of "died" that is more than one person: "two policemen died", "the minister and his bodyguards".
_MORE_THAN_ONE = re.compile(
    r"\b(?:and|both|all|several|many|some|others?|dozens?|\w*(?:men|ers|ians|ants|ists|iers|illas|ards|els|ren|ives|ees))\b",
    re.IGNORECASE,
)
# ... unless the subject is nobody or a body of people: "no one was hurt", "the whole family was killed".
_NOT_ONE_SUBJECT = re.compile(
    r"\b(?:no|none|nobody|neither|not|family|group|patrol|crew|unit|squad|column|population|village|convoy"
    r"|bus|detachment|company|platoon|team|commission|delegation|army|police|people|persons|members)\b",
    re.IGNORECASE,
)


def one_harmed(text: str) -> dict[str, re.Match[str]]:
    """Where ``text`` says that one person was killed, or injured: kind ("killed"/"injured") -> clause.

    Example:
        >>> sorted(one_harmed("The pilot was killed and a mechanic was slightly injured."))
        ['injured', 'killed']
        >>> one_harmed("No one was hurt, but the whole family was wounded.")
        {}
    """
    found: dict[str, re.Match[str]] = {}
    for match in _ONE_HARMED.finditer(text):
        subject = " ".join(re.findall(r"[\w'-]+", text[max(0, match.start() - 60) : match.start()])[-4:])
        if _NOT_ONE_SUBJECT.search(subject):
            continue
        if match.lastgroup == "died":
            # The subject may stand before an aside: "three other civilians, two women and a man, also died".
            before = re.split(r"[;:]|--", text[: match.start()])[-1]
            subject = " ".join(re.findall(r"[\w'-]+", before)[-8:])
            if _MORE_THAN_ONE.search(subject) or any(m.value != 1 for m in find_numbers(subject)):
                continue
            found.setdefault("killed", match)
        else:
            found.setdefault(match.lastgroup or "", match)
    return found


# More victims than the one of a singular verb: "X was found dead along with Gilda Flores".
_MORE_VICTIMS = re.compile(r"\b(?:along with|together with|as well as)\b", re.IGNORECASE)


def names_more_harmed(text: str, kind: str, clause: re.Match[str]) -> bool:
    """Whether ``text`` names more people harmed than the one of ``clause`` (a ``one_harmed`` clause).

    A second clause of the same harm, or "along with" another victim, makes a singular verb's 1 no toll.
    Tests: tests/test_one_victim.py::test_no_one_victim_is_read_where_the_sentence_does_not_say_so_plainly,
    tests/test_verify.py::test_a_one_read_from_a_singular_verb_is_no_toll_where_the_sentence_names_more_harmed

    Example:
        >>> text = "The mayor was killed on Monday, and his driver was killed too."
        >>> names_more_harmed(text, "killed", one_harmed(text)["killed"])
        True
    """
    return bool(_MORE_VICTIMS.search(text)) or kind in one_harmed(text[clause.end() :])


def supports(count: int, text: str, kind: str | None = None) -> NumberMention | None:
    """The mention in ``text`` that states ``count``, or None when the text does not state it.

    ``kind`` ("killed" or "injured") lets a singular verb state a 1 of that kind: "the mayor was shot
    dead" is 1 killed, not 1 injured. Without a kind, any "a ... was" states a 1.
    """
    for mention in find_numbers(text):
        if mention.value == count:
            return mention
    if count == 0 and (match := NONE_STATED.search(text)):
        return NumberMention(0, match.start(), match.end(), "exact")
    if count == 1 and kind:
        # Of its own kind only: "a soldier was wounded" is no one killed.
        # Test: tests/test_one_victim.py::test_a_singular_verb_supports_a_one_of_its_own_kind_only
        clause = one_harmed(text).get(kind)
        return NumberMention(1, clause.start(), clause.end(), "exact") if clause else None
    if count == 1 and re.search(r"(?<!no )\b(?:a|an|one)\s+(?:\w+\s+){0,2}(?:was|is)\b", text, re.IGNORECASE):
        return NumberMention(1, 0, 0, "exact")
    return None
