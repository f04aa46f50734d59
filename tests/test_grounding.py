import pytest

from summarizer.checks.grounding import ground_evidence
from summarizer.checks.numbers import find_numbers, supports
from summarizer.checks.stakeholders import merge_stakeholders
from summarizer.pipeline.sentences import split_sentences
from summarizer.schema import Stakeholder

TEXT = "The mayor said: “We will  rebuild.” Shelling killed at least sixteen people — including children."


def test_exact_quote() -> None:
    span, alignment = ground_evidence("Shelling killed at least sixteen", TEXT)
    assert alignment == "exact"
    assert TEXT[span.start : span.end] == "Shelling killed at least sixteen"


def test_fuzzy_quote_maps_back_to_original_offsets() -> None:
    span, alignment = ground_evidence('"We will rebuild."', TEXT)
    assert alignment == "fuzzy"
    assert TEXT[span.start : span.end] == "We will  rebuild."
    span, alignment = ground_evidence("killed at least sixteen people - including children", TEXT)
    assert alignment == "fuzzy"
    assert TEXT[span.start : span.end] == "killed at least sixteen people — including children"


def test_small_edit_distance_is_tolerated_but_placeholders_are_not() -> None:
    located = ground_evidence("Shelling kiled at least sixteen people", TEXT)
    assert located is not None and located[1] == "fuzzy"
    assert TEXT[located[0].start : located[0].end] == "Shelling killed at least sixteen people"
    assert ground_evidence("verbatim quote from the article", TEXT) is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("killing at least 16, including children", [(16, "at_least")]),
        ("about 1,000 prisoners", [(1000, "about")]),
        ("twenty-five dead and more than two hundred hurt", [(25, "exact"), (200, "more_than")]),
        ("dozens were wounded", []),
        ("hundreds have been wounded", []),
        ("up to 30 soldiers", [(30, "up_to")]),
    ],
)
def test_numbers_and_qualifiers(text: str, expected: list) -> None:
    assert [(m.value, m.qualifier) for m in find_numbers(text)] == expected


def test_supports_reads_only_what_is_written() -> None:
    assert supports(6, "SIX PEOPLE WERE KILLED AND FIVE WOUNDED")
    assert not supports(11, "SIX PEOPLE WERE KILLED AND FIVE WOUNDED")
    assert supports(0, "A TERRORIST ATTACK THAT RESULTED IN NO CASUALTIES")
    assert not supports(0, "Shelling killed people")


def test_sentences_keep_offsets() -> None:
    text = "Dr. Ana Ruiz said two died.  Police agreed!\nMore later"
    sentences = split_sentences(text)
    assert [s.text for s in sentences] == ["Dr. Ana Ruiz said two died.", "Police agreed!", "More later"]
    assert all(text[s.start : s.end] == s.text for s in sentences)


def _stakeholder(name: str, kind: str = "person", role: str | None = None) -> Stakeholder:
    return Stakeholder(name=name, kind=kind, role=role, evidence=name)


def test_stakeholders_merge_across_mentions() -> None:
    merged = merge_stakeholders(
        [
            _stakeholder("Russian President Vladimir Putin", role="Russian President"),
            _stakeholder("Putin"),
            _stakeholder("Vladimir Putin"),
            _stakeholder("Russia", kind="state"),
            _stakeholder("Sergei Lavrov"),
        ]
    )
    assert [(s.name, sorted(s.aliases)) for s in merged] == [
        ("Vladimir Putin", ["Putin", "Russian President Vladimir Putin"]),
        ("Russia", []),
        ("Sergei Lavrov", []),
    ]
    assert merged[0].role == "Russian President"


def test_an_institution_is_not_merged_into_its_state() -> None:
    merged = merge_stakeholders(
        [
            _stakeholder("Kessland", kind="state"),
            _stakeholder("Kessland defence ministry", kind="organisation"),
            _stakeholder("the Kessland defence ministry", kind="organisation"),
        ]
    )
    assert [(s.name, s.aliases) for s in merged] == [
        ("Kessland", []),
        ("Kessland defence ministry", ["the Kessland defence ministry"]),
    ]
