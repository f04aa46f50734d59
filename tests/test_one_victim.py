import pytest

from summarizer import ArticleSummary
from summarizer.checks.numbers import supports
from summarizer.checks.one_victim import one_victim_reports
from summarizer.checks.verify import Rejected, verify_item
from summarizer.evaluation.evaluate import rule_with_one_victim
from summarizer.outputs.markdown import to_markdown
from summarizer.pipeline.article import Article
from summarizer.pipeline.drafts import CasualtyDraft
from summarizer.schema import CasualtyReport, SummaryMeta

MURDER = (
    "HARBOURTON, 4 MAY (WIRE) -- [TEXT] Councillor Ana Reyes, of the Harbour [Workers] Party, was murdered "
    "this afternoon in front of her shop. Police said two gunmen fled on a motorcycle."
)


def reports(text: str, published: list[CasualtyReport] | None = None) -> list[CasualtyReport]:
    return one_victim_reports([Article.from_text(text)], published or [])


def test_one_named_victim_is_one_killed_read_by_the_rule() -> None:
    [report] = reports(MURDER)
    assert (report.killed, report.injured, report.qualifier) == (1, None, "exact")
    assert report.victims == "Councillor Ana Reyes"
    assert report.read_by == "rule"
    assert MURDER[report.evidence_span.start : report.evidence_span.end] == report.evidence
    assert report.evidence.endswith("in front of her shop.")


def test_the_rule_never_adds_to_a_figure_the_model_gave() -> None:
    given = CasualtyReport(killed=2, evidence="two people were killed")
    assert reports(MURDER, [given]) == []
    stated_none = CasualtyReport(killed=0, evidence="no one was killed")
    assert reports(MURDER, [stated_none]) == []
    # An injured figure leaves the killed figure to the rule, and the other way round.
    wounded = CasualtyReport(injured=3, evidence="three were wounded")
    assert [r.killed for r in reports(MURDER, [wounded])] == [1]


def test_one_sentence_with_both_kinds_gives_one_report_without_a_victim_name() -> None:
    text = "Police confirmed that the pilot was killed and one mechanic was slightly injured in the crash."
    [report] = reports(text)
    assert (report.killed, report.injured, report.victims) == (1, 1, None)


@pytest.mark.parametrize(
    "text",
    [
        "No one was hurt when the bomb went off.",
        "The whole family was killed when the house collapsed.",
        "Garcia became leader after Perez was assassinated in October 1987.",
        "Three guerrillas died and one soldier was killed in the clash.",
        "The mayor was threatened again on Monday.",
        "He said the mayor was not wounded.",
        "Minister Porth was killed near his home, along with two of his bodyguards.",
        "The party ran the ministry when Archbishop Romero was killed.",
        "The magistrate and the colonel had been murdered.",
        "Commander Rugama was shot to death on Monday, and attorney Lorenzana was shot to death near his home.",
        "Two fishermen died when the boat was shelled.",
        "Three other villagers, two women and a man, also died in the fire.",
        "The minister and his driver died in the ambush.",
        "Years ago today, President Arana died when his plane crashed.",
        "Many refugees have died since the border closed.",
    ],
)
def test_no_one_victim_is_read_where_the_sentence_does_not_say_so_plainly(text: str) -> None:
    assert reports(text) == []


def test_one_person_who_died_is_one_killed() -> None:
    # "died" agrees with any number, so the rule reads a 1 only from a subject that is one person.
    text = "HARBOURTON, 4 MAY (WIRE) -- Judge Tomas Vidal died after he was shot near the court, police said."
    [report] = reports(text)
    assert (report.killed, report.injured, report.victims) == (1, None, "Judge Tomas Vidal")
    assert supports(1, "A harbour pilot died in the blast.", "killed")
    assert not supports(1, "A harbour pilot died in the blast.", "injured")
    assert not supports(1, "Twenty cadets died in the blast.", "killed")


def test_a_singular_verb_supports_a_one_of_its_own_kind_only() -> None:
    assert supports(1, "The mayor was shot dead.", "killed")
    assert not supports(1, "The mayor was wounded.", "killed")
    assert supports(1, "The mayor was wounded.", "injured")
    assert not supports(1, "The mayor was shot dead.")  # without a kind, only a written one counts
    assert not supports(1, "A soldier was wounded.", "killed")
    article = Article.from_text("The mayor was seriously wounded in the blast.")
    draft = CasualtyDraft(sentence=1, figure_text="The mayor was seriously wounded", injured=1)
    assert verify_item("casualties", draft, article).injured == 1


def test_a_one_of_the_wrong_kind_is_read_again_from_the_sentence() -> None:
    # Recorded in the 200-article run: "a soldier was wounded" published as 1 killed and 1 injured.
    article = Article.from_text("IT WAS ALSO REPORTED THAT A SOLDIER WAS WOUNDED AND TAKEN TO THE MILITARY HOSPITAL.")
    notes: list[str] = []
    draft = CasualtyDraft(sentence=1, figure_text="A SOLDIER WAS WOUNDED", killed=1, injured=1)
    item = verify_item("casualties", draft, article, notes)
    assert (item.killed, item.injured) == (None, 1)
    assert notes == ["corrected: killed 1 not written in sentence [1]; read killed None, injured 1 from it instead"]
    # With another number in the sentence, a missing one is not guessed: the figure goes back to the model.
    article = Article.from_text("On 5 May a soldier was wounded and 3 guerrillas fled.")
    draft = CasualtyDraft(sentence=1, figure_text="a soldier was wounded", killed=1)
    assert isinstance(verify_item("casualties", draft, article), Rejected)


def test_the_brief_says_which_figures_the_rule_read() -> None:
    [report] = reports(MURDER)
    meta = SummaryMeta(model="m", backend="b", mode="tools", strategy="cited", prompt_version="p")
    brief = to_markdown(ArticleSummary(headline="h", summary="s.", casualties=[report], meta=meta))
    assert "1 killed; Councillor Ana Reyes; read by the one-victim rule" in brief


def test_the_rule_baseline_with_the_one_victim_rule_fills_only_what_it_left_at_zero() -> None:
    assert rule_with_one_victim(MURDER) == (1, 0)
    assert rule_with_one_victim("Two people were killed. The mayor was also killed.") == (2, 0)
    assert rule_with_one_victim("Five were wounded. The mayor was killed.") == (1, 5)


@pytest.mark.parametrize(
    ("text", "victim"),
    [
        ("LIMA, 7 MAY (WIRE) -- DEPUTY ANA LI, OF THE APRA PARTY, WAS MURDERED TODAY.", "DEPUTY ANA LI"),
        ("Orlando Gomez, a street vendor walking through the area, was killed.", "Orlando Gomez"),
        ("Rodrigo Paz, 65, was killed by gunmen.", "Rodrigo Paz"),
        ("This morning, a civilian employee at the brigade was shot to death.", "a civilian employee at the brigade"),
        ("Police raided the farm in which Gonzalo Gacha was killed.", "Gonzalo Gacha"),
        ("Calls made by the gang say the official was killed.", None),
        ("He was killed instantly.", None),
    ],
)
def test_the_victim_is_the_name_before_the_verb_or_none(text: str, victim: str | None) -> None:
    [report] = reports(text)
    assert report.victims == victim


def test_a_full_date_dates_this_death_a_year_after_in_an_old_one() -> None:
    # A four-digit year marked every death as old: "shot dead on 3 March 2024" gave no figure.
    assert [r.killed for r in reports("The mayor was shot dead on 3 March 2024 outside the town hall.")] == [1]
    assert reports("The strike began after the mayor was shot dead in March 2019.") == []
    assert reports("Her brother was killed nine years ago.") == []
