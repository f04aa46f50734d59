"""Merge stakeholders that are the same actor under different names, deterministically.

"Putin", "Vladimir Putin" and "Russian President Vladimir Putin" become one stakeholder: names are
compared as sets of words without titles, and for people one set containing the other means the
same person. States, organisations and groups merge only when those word sets are equal: "Kessland"
and "Kessland defence ministry" are two actors. A person's bare surname merges with the person
whatever kind the model gave it (it typed "Veltri" as an organisation beside "Ana Veltri"), except
a state: "Jordan" the country stays apart from a "Michael Jordan". The kept name is the fullest one
without a title; the others become aliases.

Example:
    >>> from summarizer.schema import Stakeholder
    >>> merged = merge_stakeholders([
    ...     Stakeholder(name="Putin", kind="person", evidence="Putin said"),
    ...     Stakeholder(name="Vladimir Putin", kind="person", evidence="Vladimir Putin"),
    ...     Stakeholder(name="Russian President Vladimir Putin", kind="person", role="President", evidence="x"),
    ... ])
    >>> [(s.name, s.aliases) for s in merged]
    [('Vladimir Putin', ['Putin', 'Russian President Vladimir Putin'])]
"""

from __future__ import annotations

import re

from summarizer.schema import Stakeholder

_TITLES = frozenset(
    [
        "president",
        "vice",
        "prime",
        "minister",
        "foreign",
        "defence",
        "defense",
        "interior",
        "secretary",
        "general",
        "gen",
        "chancellor",
        "king",
        "queen",
        "prince",
        "sheikh",
        "senator",
        "sen",
        "governor",
        "gov",
        "mayor",
        "ambassador",
        "spokesman",
        "spokeswoman",
        "spokesperson",
        "chief",
        "commander",
        "colonel",
        "col",
        "captain",
        "capt",
        "lieutenant",
        "lt",
        "major",
        "sergeant",
        "mr",
        "mrs",
        "ms",
        "dr",
        "the",
        "of",
        "us",
        "u.s.",
        "former",
        "acting",
        "deputy",
        "leader",
    ]
)
_NATIONALITY = re.compile(r"^[a-z]+(?:ian|ean|ese|ish|an|i)$")
# Titles that name one person by office after the first mention ("the President", "the Prime Minister").
PERSON_TITLES = frozenset(
    ["president", "minister", "secretary", "chancellor", "king", "queen", "prince", "sheikh", "senator",
     "governor", "mayor", "ambassador", "spokesman", "spokeswoman", "spokesperson", "commander"]
)  # fmt: skip


_OFFICE_WORDS = _TITLES - {"the", "of", "us", "u.s.", "former", "acting"}  # "Prime Minister", not "the US"


def office_of(name: str) -> str | None:
    """The office a name's titles make, without who holds it: "US Prime Minister Ana Ruiz" -> "prime minister"."""
    words = re.findall(r"[\w'.-]+", name.lower())
    last = max((i for i, word in enumerate(words) if word in PERSON_TITLES), default=None)
    if last is None:
        return None
    first = last
    while first > 0 and words[first - 1] in _OFFICE_WORDS:
        first -= 1
    return " ".join(words[first : last + 1])


def _words(name: str) -> frozenset[str]:
    return frozenset(re.findall(r"[\w.'-]+", name.lower()))


def _core(name: str) -> frozenset[str]:
    """The words of a name without titles; a nationality adjective before a title is dropped too."""
    words = re.findall(r"[\w.'-]+", name.lower())
    if any(word in _TITLES for word in words):
        words = [w for w in words if w not in _TITLES and not _NATIONALITY.match(w)] or words
    return frozenset(words)


def head_word(name: str) -> str | None:
    """The last word of a name that is not a title, lower case: "Harbour Commissioner Ana Veltri" -> "veltri".

    A name of titles only ("the President") keeps its last one.
    """
    words = re.findall(r"[\w'-]+", name.lower())
    untitled = [w for w in words if w not in _TITLES] or words[-1:]
    if not untitled:
        return None
    return untitled[-1].removesuffix("'s").rstrip("'") or None


def _display_name(names: list[str]) -> str:
    untitled = [n for n in names if not (_words(n) & _TITLES)]
    return max(untitled or names, key=lambda n: (len(_words(n) - {"the"}), -names.index(n)))


def _same_actor(a: Stakeholder, b: Stakeholder) -> bool:
    core_a, core_b = _core(a.name), _core(b.name)
    if not core_a or not core_b:
        return False
    if a.kind == b.kind == "person":
        return core_a <= core_b or core_b <= core_a
    return core_a == core_b or _surname_of(a, b) or _surname_of(b, a)


def _surname_of(person: Stakeholder, other: Stakeholder) -> bool:
    """Whether ``other`` is ``person``'s surname alone, typed as something else than a state."""
    names = re.findall(r"[\w.'-]+", person.name.lower())
    return (
        person.kind == "person"
        and other.kind != "state"
        and len(names) > 1
        and _core(other.name) == frozenset(names[-1:])
    )


def merge_stakeholders(stakeholders: list[Stakeholder]) -> list[Stakeholder]:
    """Group the names of one actor (see the module docstring); keep the first evidence."""
    groups: list[list[Stakeholder]] = []
    for stakeholder in stakeholders:
        for group in groups:
            if any(_same_actor(stakeholder, other) for other in group):
                group.append(stakeholder)
                break
        else:
            groups.append([stakeholder])

    merged = []
    for group in groups:
        names = list(dict.fromkeys(s.name for s in group))
        name = _display_name(names)
        first = group[0]
        merged.append(
            first.model_copy(
                update={
                    "name": name,
                    "role": next((s.role for s in group if s.role), None),
                    "position": next((s.position for s in group if s.position), None),
                    "aliases": [n for n in names if n != name],
                }
            )
        )
    return merged
