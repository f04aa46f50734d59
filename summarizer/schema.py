"""The typed summary of one article: what the library returns and the CLI prints.

Field descriptions are written for the model as much as for people: the content fields are the
same objects the model fills (see ``drafts.py``), so their descriptions are part of the prompt.

Example:
    >>> from summarizer.schema import CasualtyReport
    >>> CasualtyReport(killed=16, qualifier="at_least", evidence="killing at least 16").killed
    16
"""

from __future__ import annotations

from enum import Enum
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr

SCHEMA_VERSION = "3"

# Length caps (characters) the model is held to. A local server turns them into its grammar, which
# also stops a small model from looping on one string until it runs out of tokens.
NAME = 120
PHRASE = 240
HEADLINE = 160
SUMMARY = 900
# Shown for an empty headline: the model's overview never validated (meta.dropped says why); the lists stand.
NO_HEADLINE = "(no headline: the model gave no usable headline or summary; see Dropped)"


class Qualifier(str, Enum):
    """How a reported figure is hedged in the text."""

    exact = "exact"
    at_least = "at_least"
    about = "about"
    up_to = "up_to"
    more_than = "more_than"


class Certainty(str, Enum):
    stated = "stated"
    reported = "reported"
    alleged = "alleged"


class ProposalStatus(str, Enum):
    proposed = "proposed"
    accepted = "accepted"
    rejected = "rejected"
    unknown = "unknown"


class StakeholderKind(str, Enum):
    person = "person"
    state = "state"
    organisation = "organisation"
    group = "group"
    other = "other"


class Alignment(str, Enum):
    """How the evidence was found in the article."""

    exact = "exact"
    fuzzy = "fuzzy"


class Span(BaseModel):
    """Character offsets ``[start, end)`` into the original article text."""

    start: int
    end: int


class _Model(BaseModel):
    model_config = ConfigDict(use_enum_values=True, extra="ignore")


# --- content fields: what the model is asked to fill -------------------------------------------


class ConditionFields(_Model):
    party: str = Field(
        max_length=NAME,
        description="Who sets the condition (person, state or organisation), as named in the text.",
    )
    addressee: str | None = Field(
        default=None,
        max_length=NAME,
        description="On whom the condition is set, as named in the text; null if not said.",
    )
    demand: str = Field(max_length=PHRASE, description="What is demanded, in a few words taken from the text.")
    attribution: str | None = Field(
        default=None,
        max_length=NAME,
        description="Who reports this condition, as the article names them; null if the party says it.",
    )
    certainty: Certainty = Field(
        default=Certainty.reported,
        description="stated: the party says it itself; reported: others report it; alleged: the text hedges it.",
    )


class ProposalFields(_Model):
    proposer: str = Field(max_length=NAME, description="Who makes the offer or plan, as named in the text.")
    proposal: str = Field(max_length=PHRASE, description="What is proposed, in a few words taken from the text.")
    addressee: str | None = Field(
        default=None, max_length=NAME, description="To whom it is proposed; null if not said."
    )
    when: str | None = Field(
        default=None,
        max_length=NAME,
        description="When it would happen, as written in the text; null if not said.",
    )
    where: str | None = Field(
        default=None,
        max_length=NAME,
        description="Where it would happen, as written in the text; null if not said.",
    )
    status: ProposalStatus = Field(
        default=ProposalStatus.proposed, description="proposed, accepted, rejected, or unknown."
    )
    attribution: str | None = Field(
        default=None, max_length=NAME, description="Who reports the proposal; null if the proposer says it."
    )


class CasualtyFields(_Model):
    killed: int | None = Field(
        default=None,
        ge=0,
        description="People killed in this incident, as a number; null if the text gives none.",
    )
    injured: int | None = Field(
        default=None, ge=0, description="People injured or wounded, as a number; null if the text gives none."
    )
    qualifier: Qualifier = Field(
        default=Qualifier.exact,
        description="How the figure is hedged: 'at least N' -> at_least, 'about N' -> about, "
        "'up to N' -> up_to, 'more than N' -> more_than, a plain number -> exact.",
    )
    date: str | None = Field(
        default=None, max_length=NAME, description="When the incident happened, as written; null if not said."
    )
    location: str | None = Field(
        default=None, max_length=NAME, description="Where it happened, as written; null if not said."
    )
    victims: str | None = Field(
        default=None,
        max_length=NAME,
        description="Who the victims were, as the text describes them; null if not said.",
    )
    perpetrator: str | None = Field(
        default=None,
        max_length=NAME,
        description="Who carried out the attack, as the text attributes it; null if not said.",
    )
    attribution: str | None = Field(
        default=None,
        max_length=NAME,
        description="Who reports the figure, e.g. 'police', 'the hospital'; null if not said.",
    )


class StakeholderFields(_Model):
    name: str = Field(
        max_length=NAME,
        description="The name as written in the text: a person, state, organisation or group.",
    )
    kind: StakeholderKind = Field(description="person, state, organisation, group, or other.")
    role: str | None = Field(
        default=None,
        max_length=NAME,
        description="Their title or role, e.g. 'interior minister'; null if not said.",
    )
    position: str | None = Field(
        default=None,
        max_length=PHRASE,
        description="Their stance or part in this story, in one short line; null if unclear.",
    )


# --- grounded items: content + evidence located in the article -----------------------------------


class _Grounded(_Model):
    evidence: str = Field(description="A verbatim quote from the article that supports this item.")
    evidence_span: Span | None = Field(
        default=None, description="Where the evidence is in the article, as character offsets."
    )
    alignment: Alignment | None = Field(
        default=None,
        description="exact: the quote is in the article as is; fuzzy: up to whitespace/case/punctuation.",
    )


class Condition(ConditionFields, _Grounded):
    """A demand one party sets on another."""


class Proposal(ProposalFields, _Grounded):
    """An offer or plan on the table."""


class CasualtyReport(CasualtyFields, _Grounded):
    """One reported incident with people killed or injured (one entry per report, never summed)."""

    injured_qualifier: Qualifier | None = Field(
        default=None, description="Qualifier of the injured figure when it differs from the killed one."
    )
    reported_by_party: bool | None = Field(
        default=None,
        description="True when the text says the source of the figure is a party to the conflict.",
    )
    read_by: Literal["model", "rule"] = Field(
        default="model",
        description='Who read the figures: the model, or the one-victim rule ("the mayor was shot dead" is 1 killed).',
    )


class Stakeholder(StakeholderFields, _Grounded):
    """A person, state, organisation or group involved in the story."""

    aliases: list[str] = Field(default_factory=list, description="Other names the article uses for them.")
    found_by: Literal["model", "lists", "names"] = Field(
        default="model",
        description="model: the stakeholders the model listed; lists: a party, proposer, addressee, perpetrator "
        "or source its other lists name; names: a name the article writes that no list gives.",
    )


class Usage(_Model):
    requests: int = 0
    prompt_tokens: int = 0
    completion_tokens: int = 0
    # The token budget this ledger may reach (None: the settings' per-article budget). An article
    # split into N chunks gets N times the budget: each chunk is a normal article's worth of calls.
    _budget: int | None = PrivateAttr(default=None)

    @property
    def total_tokens(self) -> int:
        return self.prompt_tokens + self.completion_tokens


class DroppedItem(_Model):
    """An item the model proposed that could not be verified against the article."""

    section: str
    reason: str
    item: dict[str, object]


class Correction(_Model):
    """A published item (or the headline and summary) that verification changed: a detail cleared or
    respelled, a party corrected or filled in, the evidence moved to the sentence that says the item, a
    figure read again, a sentence taken out of the summary."""

    section: str
    reason: str
    item: dict[str, object]


class VerificationCounts(_Model):
    """How many list items the model proposed, and what verification made of them."""

    drafted: int = Field(default=0, description="Items in the model's first answers.")
    rejected_first_pass: int = Field(default=0, description="Of those, items that failed verification.")
    reasked: int = Field(default=0, description="Rejected items sent back to the model once, with the reason.")
    recovered_by_reask: int = Field(default=0, description="Items the re-ask turned into verified items.")
    dropped: int = Field(default=0, description="Items still unverified at the end (listed in meta.dropped).")


class SummaryMeta(_Model):
    model: str
    backend: str
    mode: str
    strategy: str
    prompt_version: str
    schema_version: str = SCHEMA_VERSION
    usage: Usage = Field(default_factory=Usage)
    duration_s: float = 0.0
    chunks: int = 1
    language: str | None = Field(default=None, description="The article's language (ISO 639-1), detected or set.")
    dropped: list[DroppedItem] = Field(default_factory=list, description="What the model said that was not published.")
    corrections: list[Correction] = Field(
        default_factory=list, description="What verification changed in what was published, and why."
    )
    instructions_to_ai: list[str] = Field(
        default_factory=list,
        description="Sentences of the article that address instructions to an AI: no item cites them.",
    )
    verification: VerificationCounts = Field(default_factory=VerificationCounts)


class OverviewFields(_Model):
    headline: str = Field(max_length=HEADLINE, description="A neutral, short headline (at most 15 words).")
    summary: str = Field(
        max_length=SUMMARY, description="Two to four neutral sentences saying what the article reports."
    )


class ArticleSummary(OverviewFields):
    """A typed, attributed summary of one news article.

    Example:
        >>> from summarizer import summarize
        >>> s = summarize(open("examples/articles/muc4_dev_0644.txt").read())  # doctest: +SKIP
        >>> [(c.killed, c.qualifier) for c in s.casualties]  # doctest: +SKIP
    """

    conditions: list[Condition] = Field(default_factory=list)
    proposals: list[Proposal] = Field(default_factory=list)
    casualties: list[CasualtyReport] = Field(default_factory=list)
    stakeholders: list[Stakeholder] = Field(default_factory=list)
    meta: SummaryMeta
