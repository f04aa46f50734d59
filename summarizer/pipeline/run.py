"""The extraction strategy: which calls are made for an article, and how their answers are combined.

``cited`` (default): the rules plus the numbered article form a prefix shared by every call,
so a llama.cpp server evaluates the article once; one focused call per section follows it. ``sentences``:
as ``cited``, but conditions and proposals are asked for one candidate sentence at a time (the same
shared prefix, one short instruction each; docs/measurements.md). ``single``: one call for the whole
schema (kept as the measured baseline). Drafts that fail verification are
dropped into ``meta.dropped`` with the reason; with ``Settings.reask`` they first get one combined
re-ask per article naming each problem (off by default: it recovered 3 of 226 items, see docs/guide.md).
"""

from __future__ import annotations

import json
import re
import time
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Any

from pydantic import BaseModel, Field, create_model
from rapidfuzz.utils import default_process

from summarizer.checks.lang import LanguagePack
from summarizer.checks.named_in_article import names_in_article
from summarizer.checks.named_parties import not_yet_listed, parties_named
from summarizer.checks.offer_or_demand import reading
from summarizer.checks.one_victim import one_victim_reports
from summarizer.checks.overview_check import check_overview
from summarizer.checks.repeats import without_contained_repeats, without_quoted_repeats
from summarizer.checks.stakeholders import merge_stakeholders
from summarizer.checks.verify import (
    SUBJECT_FIELDS,
    TOPIC_TEXT,
    Rejected,
    overlap,
    says,
    sentences_that_could_state,
    verify_item,
)
from summarizer.config import Settings
from summarizer.errors import ExtractionError, TokenBudgetExceeded
from summarizer.llm.client import LLMClient
from summarizer.pipeline.article import Article
from summarizer.pipeline.chunking import article_budget_chars, split_article
from summarizer.pipeline.drafts import (
    SECTION_MODELS,
    CasualtyDraft,
    Cited,
    ConditionDraft,
    ProposalDraft,
    StakeholderDraft,
    WholeArticle,
)
from summarizer.pipeline.language import detect_language
from summarizer.pipeline.progress import CallStarted, OnCall
from summarizer.pipeline.prompts import (
    article_messages,
    prompt_version,
    render_reask,
    render_sentence_task,
    render_task,
)
from summarizer.pipeline.sentences import Sentence
from summarizer.schema import (
    ArticleSummary,
    Condition,
    Correction,
    DroppedItem,
    Proposal,
    Stakeholder,
    SummaryMeta,
    Usage,
    VerificationCounts,
)

LIST_SECTIONS = ("conditions", "proposals", "casualties", "stakeholders")
DRAFT_TYPES: dict[str, type[Cited]] = {
    "conditions": ConditionDraft,
    "proposals": ProposalDraft,
    "casualties": CasualtyDraft,
    "stakeholders": StakeholderDraft,
}


@dataclass(frozen=True)
class DraftRequest:
    """One first-pass call: which part of the summary it asks for, the messages, the answer's type."""

    part: str  # "overview", a list section, or "single"
    messages: list[dict[str, str]]
    response_model: type[BaseModel]
    sentence: int | None = None  # the one sentence asked about (strategy ``sentences``), else the article

    @property
    def key(self) -> str:
        """What names this call among the article's calls: its part, and its sentence when it has one."""
        return self.part if self.sentence is None else f"{self.part}@{self.sentence}"


# The lists the ``sentences`` strategy asks for sentence by sentence: their items are each stated by one
# sentence, which the cue gate names (checks/verify.sentences_that_could_state).
BY_SENTENCE = ("conditions", "proposals")
# At most this many calls of one list go sentence by sentence; the later candidates are asked in one
# call, as ``cited`` asks, so a long article's time stays bounded (3 of the 80 lists of the Wikinews dev
# set have more candidates; the example article's proposals 15).
# Test: tests/test_prompts.py::test_the_sentences_strategy_asks_at_most_eight_sentences_of_a_list_one_by_one
MAX_SENTENCE_CALLS = 8


def first_pass_requests(
    article: Article, strategy: str, with_overview: bool = True, every_list: bool = False
) -> list[DraftRequest]:
    """The calls made for one article (or chunk) before any answer is seen: they can be batched.

    ``every_list`` asks for every list, also one that could not publish (the eval's unverified row).
    """
    if strategy == "single":
        return [DraftRequest("single", article_messages(article, render_task("single", article)), WholeArticle)]
    # A section none of whose sentences could carry a verified item is not asked for (see could_publish);
    # the others are told which sentences could.
    candidates = {s: sentences_that_could_state(s, article) for s in LIST_SECTIONS}
    lists = [s for s in LIST_SECTIONS if every_list or candidates[s] != ()]
    parts = (["overview"] if with_overview else []) + lists
    requests = []
    for part in parts:
        numbers = candidates.get(part)
        one_by_one: tuple[int, ...] = ()
        rest = numbers  # the whole list, or what is left of it after the sentences asked one by one
        if strategy == "sentences" and part in BY_SENTENCE and numbers:
            one_by_one, rest = numbers[:MAX_SENTENCE_CALLS], numbers[MAX_SENTENCE_CALLS:]
        requests += [
            DraftRequest(
                part, article_messages(article, render_sentence_task(part, article, n)), SECTION_MODELS[part], n
            )
            for n in one_by_one
        ]
        if not one_by_one or rest:
            instruction = render_task(part, article, rest)
            requests.append(DraftRequest(part, article_messages(article, instruction), SECTION_MODELS[part]))
    return requests


# The answer to each first-pass call: the parsed model, or why it never validated.
Answers = dict[str, "BaseModel | ExtractionError"]
AnswerFn = Callable[[int, list[DraftRequest], Usage], Answers]
ReaskFn = Callable[[Article, list[Rejected], Usage], dict[str, list[Cited]]]


def add_answer(answers: Answers, part: str, answer: BaseModel | ExtractionError) -> None:
    """Put one call's answer under its part; the answers of one part's several calls (one per sentence)
    become one list. A call that never validated fails its part only where no call of it did; beside
    answers that did, it is said in the list's note (meta.dropped), as what was cut from each answer is.
    Test: tests/test_cut_answers.py::test_the_answers_of_one_list_asked_sentence_by_sentence_make_one_list
    """
    before = answers.get(part)
    calls = (before, answer)
    answered = [a for a in calls if isinstance(a, BaseModel)]
    if before is None or part not in LIST_SECTIONS or not answered:
        answers[part] = answer
        return
    items = [item for a in answered for item in getattr(a, part)]
    merged = answered[0].model_copy(update={part: items})
    notes = [getattr(a, "_note", None) for a in answered]
    notes += [f"one call's answer lost: {a}" for a in calls if isinstance(a, ExtractionError)]
    merged._note = "; ".join(note for note in notes if note) or None  # type: ignore[attr-defined]
    answers[part] = merged


def answer_live(client: LLMClient, on_call: OnCall | None = None) -> AnswerFn:
    """The calls of a live run, made in order; ``on_call`` hears of each before it is made."""
    made, planned = 0, 0

    def answer(chunk: int, requests: list[DraftRequest], usage: Usage) -> Answers:
        nonlocal made, planned
        answers: Answers = {}
        planned += len(requests)
        for request in requests:
            made += 1
            if on_call is not None:
                on_call(CallStarted(request.part, request.sentence, made, planned))
            try:
                add_answer(answers, request.part, client.extract(request.messages, request.response_model, usage=usage))
            except ExtractionError as exc:
                if isinstance(exc, TokenBudgetExceeded):
                    raise
                add_answer(answers, request.part, exc)
        return answers

    return answer


def _read_answers(answers: Answers) -> tuple[Any, dict[str, list[Cited]], list[DroppedItem]]:
    """Overview and list drafts from the answers; a part that never validated is reported, not fatal.

    Only an answer for the whole article ("single") that never validated, or an overview that never
    validated beside lists none of which did, leaves nothing to publish.
    """
    whole = answers.get("single")
    if isinstance(whole, ExtractionError):
        raise whole
    if whole is not None:
        return whole, {section: list(getattr(whole, section)) for section in LIST_SECTIONS}, _cut_from("single", whole)
    drafts: dict[str, list[Cited]] = {}
    failed: list[DroppedItem] = []
    overview = answers.get("overview")
    if isinstance(overview, ExtractionError):
        # A lost overview is only unchecked prose; the verified lists are the facts, so they are kept. Tests:
        # tests/test_cut_answers.py::test_an_overview_that_never_fits_loses_the_headline_not_the_verified_lists
        failed.append(DroppedItem(section="overview", reason=f"headline and summary lost: {overview}", item={}))
    for section in LIST_SECTIONS:
        answer = answers.get(section)
        if isinstance(answer, ExtractionError):
            failed.append(DroppedItem(section=section, reason=f"whole section lost: {answer}", item={}))
        elif answer is not None:
            drafts[section] = list(getattr(answer, section))
            failed += _cut_from(section, answer)
    if isinstance(overview, ExtractionError):
        if not drafts:
            raise overview
        overview = None
    return overview, drafts, failed + _cut_from("overview", overview)


def _cut_from(part: str, answer: object) -> list[DroppedItem]:
    """What was cut from ``answer`` on its way in (``drafts._Draft._note``), as an entry of meta.dropped."""
    note = getattr(answer, "_note", None)
    return [DroppedItem(section=part, reason=note, item={})] if note else []


def _corrections_model(sections: list[str]) -> type[BaseModel]:
    fields: dict[str, Any] = {s: (list[DRAFT_TYPES[s]], Field(default_factory=list)) for s in sections}  # type: ignore[valid-type]
    return create_model("Corrections", __doc__="Corrected versions of the items that failed verification.", **fields)


# A published item whose evidence is another sentence than the one its draft cited:
# (section, the number the draft cited, the item).
Moved = tuple[str, int, BaseModel]


def _verify_all(
    article: Article, drafts: dict[str, list[Cited]], corrections: list[Correction], note: str = ""
) -> tuple[dict[str, list[BaseModel]], list[Rejected], list[Moved]]:
    """Split drafts into grounded items and rejections, and name the items moved to another sentence;
    what was cleared or corrected in a published item goes to ``corrections`` (a rejected item's notes go
    with it: its reason says why it is not published). ``note`` is said of every published item."""
    kept: dict[str, list[BaseModel]] = {section: [] for section in LIST_SECTIONS}
    rejected: list[Rejected] = []
    moved: list[Moved] = []
    for section, items in drafts.items():
        for draft in items:
            notes = [note] if note else []
            notes += [f"cleared: {name} {why}" for name, why in draft._dropped_details.items()]
            result = verify_item(section, draft, article, notes)
            if isinstance(result, Rejected):
                rejected.append(result)
                continue
            kept[section].append(result)
            item = draft.model_dump(mode="json")
            corrections.extend(Correction(section=section, reason=reason, item=item) for reason in notes)
            if _cites_another(draft, result, article):
                moved.append((section, draft.sentence, result))
    return kept, rejected, moved


def _cites_another(draft: Cited, item: BaseModel, article: Article) -> bool:
    """Whether ``item`` was published with the evidence of another sentence than ``draft`` cited."""
    sentence, start = article.sentence(draft.sentence), _start_of(item)
    return sentence is not None and start is not None and start != article.offset + sentence.start


def asked_again(
    article: Article, requests: list[DraftRequest], kept: dict[str, list[BaseModel]], moved: list[Moved]
) -> list[DraftRequest]:
    """The sentences to ask alone once more: those of a list asked sentence by sentence whose answer
    published nothing on them, only what other sentences state (``verify_item`` moved it there). A small
    model answers a sentence with the article's main offer, its own one unsaid ("agree to draft a
    memorandum" answered with the talks of an earlier sentence); asked again, it is told what its first
    answer gave and which sentence states that, and asked what this sentence itself says. A sentence
    answered in the call for the candidates past MAX_SENTENCE_CALLS is asked alone.
    Tests: tests/test_ask_again.py
    """
    by_sentence = {r.part for r in requests if r.sentence is not None and r.part in BY_SENTENCE}
    candidates = {section: sentences_that_could_state(section, article) for section in by_sentence}
    numbers: dict[int | None, int] = {article.offset + s.start: s.number for s in article.sentences}  # by start
    published_on = {section: {numbers.get(_start_of(item)) for item in kept[section]} for section in by_sentence}
    again = []
    for section, number in dict.fromkeys((section, number) for section, number, _ in moved):
        sentence = article.sentence(number)
        if section not in by_sentence or sentence is None or number in published_on[section]:
            continue
        if (could := candidates[section]) is not None and number not in could:
            continue
        items = [item for moved_section, moved_from, item in moved if (moved_section, moved_from) == (section, number)]
        if _nothing_more_to_ask(section, sentence, items, article):
            continue
        said = [
            f'"{getattr(item, _IDENTITY[section])}", which sentence [{numbers.get(_start_of(item))}] states'
            for item in items
        ]
        instruction = render_sentence_task(section, article, number, "; ".join(said))
        again.append(DraftRequest(section, article_messages(article, instruction), SECTION_MODELS[section], number))
    return again


def _start_of(item: BaseModel) -> int | None:
    """Where ``item``'s evidence starts in the whole text, if it has evidence."""
    span = getattr(item, "evidence_span", None)
    return span.start if span is not None else None


def _nothing_more_to_ask(section: str, sentence: Sentence, items: list[BaseModel], article: Article) -> bool:
    """Whether ``sentence``, whose ``items`` moved to other sentences, has nothing of its own to give:
    it announces terms that the sentences after it state ("Ostra has several conditions"), or it says
    one of the items itself, which moved only for a name it lacks (a report of the talks that another
    sentence places in Lenz). Asked again, the bundled model gave the same items.
    Test: tests/test_ask_again.py::test_a_sentence_that_announces_terms_or_says_the_item_is_not_asked_again
    """
    pack = article.pack
    if pack is not None and pack.announces_terms is not None and pack.announces_terms.search(sentence.text):
        return True
    return any(
        says(getattr(item, TOPIC_TEXT[section]), getattr(item, SUBJECT_FIELDS[section]), sentence, article)
        for item in items
    )


def reask_live(client: LLMClient) -> ReaskFn:
    def reask(article: Article, rejected: list[Rejected], usage: Usage) -> dict[str, list[Cited]]:
        return _reask(client, article, rejected, usage)

    return reask


def _reask(client: LLMClient, article: Article, rejected: list[Rejected], usage: Usage) -> dict[str, list[Cited]]:
    listing = [
        {
            "section": r.section,
            "draft": json.dumps(r.draft.model_dump(mode="json"), ensure_ascii=False),
            "reason": r.reason,
        }
        for r in rejected
    ]
    instruction = render_reask(article, listing)
    sections = sorted({r.section for r in rejected}, key=LIST_SECTIONS.index)
    answer = client.extract(article_messages(article, instruction), _corrections_model(sections), usage=usage)
    return {section: list(getattr(answer, section)) for section in sections}


_IDENTITY = {"conditions": "demand", "proposals": "proposal", "casualties": "killed", "stakeholders": "name"}


def dedupe(section: str, items: list[BaseModel]) -> list[BaseModel]:
    """One item per (evidence, identity): a repeat only fills the first one's missing fields. Identities
    are compared as rapidfuzz's ``default_process`` writes them (case and punctuation aside): two calls of
    the sentences strategy write the same offer with and without its full stop.
    Tests: tests/test_verify.py::test_the_same_item_written_twice_is_published_once
    """
    merged: dict[tuple[Any, ...], BaseModel] = {}
    for item in items:
        data = item.model_dump()
        identity = data[_IDENTITY[section]]
        key = (data["evidence_span"]["start"], default_process(str(identity)), data.get("injured"))
        if key in merged:
            first = merged[key]
            gaps = {k: v for k, v in data.items() if getattr(first, k) in (None, []) and v not in (None, [])}
            merged[key] = first.model_copy(update=gaps)
        else:
            merged[key] = item
    return list(merged.values())


def _asked_of_its_proposer(proposal: BaseModel, conditions: list[BaseModel], pack: LanguagePack | None) -> bool:
    """Whether a condition of ``proposal``'s sentence asks of its proposer mostly the same words, where
    the sentence names the proposer after a cue of demanding ("The conditions include the Western
    leaders pledging to stop ..."): the proposer's own verb then tells what is asked of it."""
    return isinstance(proposal, Proposal) and any(
        isinstance(c, Condition)
        and _same_clause(proposal, c)
        and (c.addressee or "").lower() == proposal.proposer.lower()
        and reading(proposal.proposer, proposal.evidence, pack) == "demand"
        for c in conditions
    )


def _same_clause(proposal: Proposal, condition: Condition) -> bool:
    """Whether ``proposal`` and ``condition`` cite one sentence and share most of their words."""
    return condition.evidence_span == proposal.evidence_span and overlap(proposal.proposal, condition.demand) >= 0.5


def _without_restated_items(
    conditions: list[BaseModel], proposals: list[BaseModel], pack: LanguagePack | None
) -> tuple[list[BaseModel], list[BaseModel], list[DroppedItem]]:
    """Each clause drafted as both a condition and a proposal (same sentence, same party, mostly the same
    words) kept where its sentence's cues put it (``offer_or_demand.reading``): "The Alliance would only
    sign a truce if troops withdraw" is a demand; "we are ready to take more steps" an offer; "ready to
    provide assistance if Georgia made a request" both, the offer and its condition. A proposal of the one
    a condition asks, in its words, is dropped where the cues read a demand.
    Tests: tests/test_verify.py::test_a_proposal_restating_a_condition_of_the_same_party_is_dropped,
    tests/test_verify.py::test_a_pledge_demanded_of_a_party_is_not_its_proposal,
    tests/test_offer_or_demand.py
    """
    dropped: list[DroppedItem] = []
    offers: list[BaseModel] = []
    restated: set[int] = set()
    for proposal in proposals:
        twins = [
            i
            for i, c in enumerate(conditions)
            if isinstance(c, Condition)
            and isinstance(proposal, Proposal)
            and _same_clause(proposal, c)
            and c.party.lower() == proposal.proposer.lower()
        ]
        if not twins and _asked_of_its_proposer(proposal, conditions, pack):
            # "The terms include the port authority pledging to rehire": the pledge asked, not offered.
            reason = "restates what a condition of the same sentence asks of its proposer: a demand, not a proposal"
            dropped.append(DroppedItem(section="proposals", reason=reason, item=proposal.model_dump(mode="json")))
            continue
        if not twins or not isinstance(proposal, Proposal):  # the second test narrows the type for mypy
            offers.append(proposal)
            continue
        read = reading(proposal.proposal, proposal.evidence, pack)
        if read == "demand":
            reason = "restates a condition of the same party in the same sentence: a demand, not a proposal"
            dropped.append(DroppedItem(section="proposals", reason=reason, item=proposal.model_dump(mode="json")))
            continue
        if read == "offer":
            restated.update(twins)
        offers.append(proposal)
    demands = [c for i, c in enumerate(conditions) if i not in restated]
    reason = "restates a proposal of the same party in the same sentence: an offer, not a demand"
    dropped += [
        DroppedItem(section="conditions", reason=reason, item=conditions[i].model_dump(mode="json"))
        for i in sorted(restated)
    ]
    return demands, offers, dropped


NOT_REASKED = "not re-asked: answers imported from a batch file"
# A re-ask costs many tokens for the few items it recovers (docs/guide.md, "How it works"), so it is off
# unless asked for. Tests: tests/test_reask_setting.py
REASKS_OFF = "not re-asked: re-asks are off (--reask turns them on)"


def _cites_none_of(draft: Rejected, starts: set[int], article: Article) -> bool:
    sentence = article.sentence(draft.draft.sentence)
    return sentence is None or article.offset + sentence.start not in starts


def _unreplaced(retry: list[Rejected], corrected: dict[str, list[BaseModel]], article: Article) -> list[Rejected]:
    """The re-asked drafts left without a verified correction. One correction replaces one draft of its
    section: a draft citing the correction's sentence first, then the others in order."""
    left = []
    for section in LIST_SECTIONS:
        drafts = [r for r in retry if r.section == section]
        cited = {span.start for i in corrected.get(section, []) if (span := getattr(i, "evidence_span", None))}
        ordered = sorted(drafts, key=lambda r: _cites_none_of(r, cited, article))  # stable: same sentence first
        left += ordered[len(corrected.get(section, [])) :]
    return left


def _verify_chunk(
    answers: Answers,
    article: Article,
    reask: ReaskFn | None,
    usage: Usage,
    counts: VerificationCounts,
    not_reasked: str = NOT_REASKED,
    requests: list[DraftRequest] | None = None,
    ask_again: Callable[[DraftRequest], Answers] | None = None,
) -> tuple[Any, dict[str, list[BaseModel]], list[DroppedItem], list[Correction]]:
    """Verify the drafts, ask again (``ask_again``) those of ``requests`` whose answer only said what
    other sentences state, re-ask once for what failed (when re-asks are on), report the rest."""
    overview, drafts, failed_sections = _read_answers(answers)
    corrections: list[Correction] = []
    kept, rejected, moved = _verify_all(article, drafts, corrections)
    if ask_again is not None:
        for request in asked_again(article, requests or [], kept, moved):
            failed_sections += _add_answer_asked_again(request, ask_again, article, drafts, kept, rejected, corrections)
    kept["parties"] = [*parties_named(drafts, article)]
    kept["names"] = [*names_in_article(article)]
    counts.drafted += sum(len(items) for items in drafts.values())
    counts.rejected_first_pass += len(rejected)
    retry = [r for r in rejected if r.reask]
    rejected = [r for r in rejected if not r.reask]
    if retry and reask is not None:
        counts.reasked += len(retry)
        corrected, _, _ = _verify_all(article, reask(article, retry, usage), corrections)
        for section, items in corrected.items():
            kept[section].extend(items)
            counts.recovered_by_reask += len(items)
        # Every re-asked draft that no verified correction replaced stays on record with its first reason:
        # a correction that failed again, or none at all, must not make it vanish.
        rejected += [
            replace(r, reason=f"{r.reason} (still unverified after the re-ask)")
            for r in _unreplaced(retry, corrected, article)
        ]
    elif retry:
        rejected += [replace(r, reason=f"{r.reason} ({not_reasked})") for r in retry]
    counts.dropped += len(rejected)
    dropped = failed_sections
    dropped += [DroppedItem(section=r.section, reason=r.reason, item=r.draft.model_dump(mode="json")) for r in rejected]
    return overview, kept, dropped, corrections


def _add_answer_asked_again(
    request: DraftRequest,
    ask_again: Callable[[DraftRequest], Answers],
    article: Article,
    drafts: dict[str, list[Cited]],
    kept: dict[str, list[BaseModel]],
    rejected: list[Rejected],
    corrections: list[Correction],
) -> list[DroppedItem]:
    """Ask ``request`` again and add its answer's drafts, verified, to the chunk's; what was lost or cut."""
    answer = ask_again(request).get(request.part)
    if not isinstance(answer, BaseModel):
        return [
            DroppedItem(
                section=request.part,
                reason=f"sentence [{request.sentence}] asked again, its answer lost: {answer}",
                item={},
            )
        ]
    more = list(getattr(answer, request.part))
    note = f"asked again: sentence [{request.sentence}]'s first answer only said what other sentences state"
    more_kept, more_rejected, _ = _verify_all(article, {request.part: more}, corrections, note)
    kept[request.part] += more_kept[request.part]
    rejected += more_rejected
    drafts[request.part] = drafts.get(request.part, []) + more
    return _cut_from(request.part, answer)


def _one_call(ask: AnswerFn, chunk: int, usage: Usage) -> Callable[[DraftRequest], Answers]:
    """``ask`` for one request of the chunk numbered ``chunk``."""
    return lambda request: ask(chunk, [request], usage)


def article_chunks(text: str, settings: Settings) -> list[Article]:
    """The article as the model sees it: one part, or several when it does not fit the context."""
    chunks = split_article(text, article_budget_chars(settings.context_size, settings.max_output_tokens))
    language = settings.language or detect_language(text)
    return [Article.from_text(chunk.text, chunk.offset, language) for chunk in chunks]


def summarize_with(client: LLMClient, text: str, *, backend: str, on_call: OnCall | None = None) -> ArticleSummary:
    """Run the configured strategy over ``text`` (chunk by chunk if it is too long) and verify the result.

    ``on_call`` hears of each first-pass call and each call asked again before it is made."""
    reask = reask_live(client) if client.settings.reask else None
    live = answer_live(client, on_call)
    return assemble_summary(text, client.settings, backend, live, reask, not_reasked=REASKS_OFF, ask_again=live)


def assemble_summary(
    text: str,
    settings: Settings,
    backend: str,
    answer: AnswerFn,
    reask: ReaskFn | None,
    usage: Usage | None = None,
    not_reasked: str = NOT_REASKED,
    ask_again: AnswerFn | None = None,
) -> ArticleSummary:
    """Ask (``answer``), verify, re-ask, merge: the one path for live runs and imported batch results.
    ``ask_again`` makes the calls that verification shows worth making once more (``asked_again``); an
    imported batch has none.

    The headline and summary of a long article come from its first chunk (news puts the facts first).
    """
    started = time.monotonic()
    usage = usage or Usage()
    counts = VerificationCounts()
    chunks = article_chunks(text, settings)
    usage._budget = settings.max_tokens_per_article * len(chunks)
    overview: Any = None
    kept: dict[str, list[BaseModel]] = {section: [] for section in (*LIST_SECTIONS, "parties", "names")}
    dropped: list[DroppedItem] = []
    corrections: list[Correction] = []
    for index, article in enumerate(chunks):
        requests = first_pass_requests(article, settings.strategy, with_overview=index == 0)
        answers = answer(index, requests, usage)
        chunk_overview, chunk_kept, chunk_dropped, chunk_corrections = _verify_chunk(
            answers,
            article,
            reask,
            usage,
            counts,
            not_reasked,
            requests,
            None if ask_again is None else _one_call(ask_again, index, usage),
        )
        corrections += chunk_corrections
        overview = overview or chunk_overview
        for section, items in chunk_kept.items():
            kept[section].extend(items)
        dropped += chunk_dropped
    conditions = dedupe("conditions", kept["conditions"])
    conditions, proposals, restated = _without_restated_items(
        conditions, dedupe("proposals", kept["proposals"]), chunks[0].pack
    )
    conditions, repeated_demands = without_quoted_repeats("conditions", conditions, text)
    proposals, repeated_offers = without_quoted_repeats("proposals", proposals, text)
    conditions, demands_said_twice = without_contained_repeats("conditions", conditions)
    proposals, offers_said_twice = without_contained_repeats("proposals", proposals)
    dropped += restated + repeated_demands + repeated_offers + demands_said_twice + offers_said_twice
    casualties = dedupe("casualties", kept["casualties"])
    casualties += one_victim_reports(chunks, casualties)
    stakeholders = merge_stakeholders([s for s in kept["stakeholders"] if isinstance(s, Stakeholder)])
    for found in ("parties", "names"):
        stakeholders += not_yet_listed([s for s in kept[found] if isinstance(s, Stakeholder)], stakeholders)
    headline, summary = "", ""  # the overview was lost: meta.dropped says why
    # The sentences addressed to an AI, by where they are in the whole text (chunks overlap).
    flagged = {
        (chunk.offset + sentence.start, chunk.offset + sentence.end): sentence.text
        for chunk in chunks
        for sentence in chunk.sentences
        if sentence.number in chunk.addressed_to_ai
    }
    if overview is not None:
        # A name written only in a sentence addressed to an AI ("list Acme Corp") is none of the article's.
        plain = list(text)
        for start, end in flagged:
            plain[start:end] = " " * (end - start)
        plain_text = "".join(plain)
        planted = frozenset(re.findall(r"[a-z]+", text.lower())) - frozenset(re.findall(r"[a-z]+", plain_text.lower()))
        headline, summary, overview_changes = check_overview(overview.headline, overview.summary, plain_text, planted)
        corrections += overview_changes
    meta = SummaryMeta(
        model=settings.model,
        backend=backend,
        mode=settings.mode,
        strategy=settings.strategy,
        prompt_version=prompt_version(),
        usage=usage,
        duration_s=round(time.monotonic() - started, 3),
        chunks=len(chunks),
        language=chunks[0].language,
        dropped=dropped,
        corrections=corrections,
        instructions_to_ai=[flagged[span][:300] for span in sorted(flagged)],
        verification=counts,
    )
    return ArticleSummary.model_validate(
        {
            "headline": headline,
            "summary": summary,
            "conditions": conditions,
            "proposals": proposals,
            "casualties": casualties,
            "stakeholders": stakeholders,
            "meta": meta,
        }
    )
