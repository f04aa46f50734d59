"""The HTML review page and review site, rendered from the summaries the real local model produced.

``tests/snapshots/<article>.json`` is the summary of ``examples/articles/<article>.txt`` (read the way
the CLI reads it), so every highlight checked here is a span the model's output really cites.
"""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest

from summarizer import ArticleSummary
from summarizer.cli import main, read_article
from summarizer.outputs.review_page import ReviewEntry, page_filename, render_review_page, write_review_site
from summarizer.schema import Condition, DroppedItem, Proposal, Span, Stakeholder, SummaryMeta

from .conftest import ARTICLES, CASSETTES, REPLAY_URL

SNAPSHOTS = Path(__file__).parent / "snapshots"
ARTICLE_NAMES = sorted(p.stem for p in ARTICLES.glob("*.txt"))
FIELDS = ("conditions", "proposals", "casualties", "stakeholders")
VOID_TAGS = {"meta", "link", "br", "img", "input", "hr"}


class PageReader(HTMLParser):
    """Collects what a reader of the page sees: the article text, each highlight, list entries, scripts."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, dict[str, str]]] = []
        self.article = ""
        self.marks: list[tuple[dict[str, str], str]] = []
        self.scripts = 0
        self.ids: dict[str, str] = {}
        self._mark: dict[str, str] | None = None
        self._open_marks = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = {k: v or "" for k, v in attrs}
        if tag == "script":
            self.scripts += 1
        if tag == "mark":
            self._open_marks += 1
            assert self._open_marks == 1, "highlights must never nest"
            self._mark = attributes
            self.marks.append((attributes, ""))
        if tag not in VOID_TAGS:
            self.stack.append((tag, attributes))

    def handle_endtag(self, tag: str) -> None:
        assert self.stack and self.stack[-1][0] == tag, f"unbalanced </{tag}>"
        self.stack.pop()
        if tag == "mark":
            self._open_marks -= 1
            self._mark = None

    def handle_data(self, data: str) -> None:
        inside = [attrs.get("id") for _, attrs in self.stack]
        if "article" in inside:
            self.article += data
        for element_id in inside:
            if element_id:
                self.ids[element_id] = self.ids.get(element_id, "") + data
        if self._mark is not None:
            attributes, text = self.marks[-1]
            self.marks[-1] = (attributes, text + data)

    def highlighted(self, key: str) -> str:
        """The text of every highlight segment of item ``key``, joined: its whole span."""
        return "".join(text for attrs, text in self.marks if key in attrs["data-items"].split())


def read_page(html: str) -> PageReader:
    reader = PageReader()
    reader.feed(html)
    reader.close()
    assert not reader.stack, f"unclosed tags: {reader.stack}"
    return reader


def load(name: str) -> tuple[ArticleSummary, str]:
    summary = ArticleSummary.model_validate(json.loads((SNAPSHOTS / f"{name}.json").read_text(encoding="utf-8")))
    return summary, read_article(str(ARTICLES / f"{name}.txt"))


def meta(**fields: Any) -> SummaryMeta:
    return SummaryMeta(model="m", backend="b", mode="json", strategy="cited", prompt_version="p", **fields)


@pytest.mark.parametrize("name", ARTICLE_NAMES)
def test_every_evidence_span_is_highlighted_with_its_text(name: str) -> None:
    summary, text = load(name)
    page = read_page(render_review_page(summary, text))

    assert page.article == text  # the article is shown whole, character for character
    for field in FIELDS:
        for index, item in enumerate(getattr(summary, field)):
            assert item.evidence_span is not None
            assert page.highlighted(f"{field}-{index}") == item.evidence
            marks = [a for a, _ in page.marks if f"{field}-{index}" in a["data-items"].split()]
            assert all(field in a["class"] for a in marks)  # coloured by field (primary or underline)
    assert page.ids["headline"] == summary.headline
    assert page.scripts == 1  # ours, and only ours


def test_identical_spans_share_one_highlight_that_names_every_item() -> None:
    # In this snapshot Rehn's proposal and Rehn as a stakeholder cite the same sentence.
    summary, text = load("team_harbour_truce")
    page = read_page(render_review_page(summary, text))
    proposal = next(i for i, p in enumerate(summary.proposals) if "Rehn" in p.proposer)
    stakeholder = next(i for i, s in enumerate(summary.stakeholders) if "Rehn" in s.name)
    items = {f"proposals-{proposal}", f"stakeholders-{stakeholder}"}

    shared = [a for a, _ in page.marks if items <= set(a["data-items"].split())]
    assert len(shared) == 1
    assert "f-proposals" in shared[0]["class"] and "also-stakeholders" in shared[0]["class"]  # proposals fill
    assert "Proposal: Interior Minister Tomas Rehn: holding the next round of talks" in shared[0]["title"]
    assert f"Stakeholder: {summary.stakeholders[stakeholder].name}" in shared[0]["title"]


def test_overlapping_and_nested_spans_are_cut_into_flat_segments() -> None:
    text = "Alpha beta gamma delta epsilon."
    summary = ArticleSummary(
        headline="H",
        summary="S",
        conditions=[Condition(party="Alpha", demand="d", evidence=text[0:10], evidence_span=Span(start=0, end=10))],
        proposals=[Proposal(proposer="Beta", proposal="p", evidence=text[6:16], evidence_span=Span(start=6, end=16))],
        stakeholders=[
            Stakeholder(name="Alpha", kind="person", evidence=text, evidence_span=Span(start=0, end=len(text))),
            Stakeholder(name="Gamma", kind="person", evidence=text[11:16], evidence_span=Span(start=11, end=16)),
        ],
        meta=meta(),
    )
    page = read_page(render_review_page(summary, text))

    assert page.article == text
    assert page.highlighted("conditions-0") == "Alpha beta"
    assert page.highlighted("proposals-0") == "beta gamma"
    assert page.highlighted("stakeholders-0") == text
    assert page.highlighted("stakeholders-1") == "gamma"
    assert [t for _, t in page.marks] == ["Alpha ", "beta", " ", "gamma", " delta epsilon."]


def test_article_and_model_text_stay_text() -> None:
    text = 'Rebels said <script>alert("article")</script> & left. Two died.'
    evil = '<script>alert("model")</script>" onmouseover="x'
    summary = ArticleSummary(
        headline=evil,
        summary=evil,
        conditions=[Condition(party=evil, demand=evil, evidence=text[:53], evidence_span=Span(start=0, end=53))],
        meta=meta(dropped=[DroppedItem(section="casualties", reason=evil, item={"x": evil})]),
    )
    html = render_review_page(summary, text)
    page = read_page(html)

    assert page.scripts == 1
    assert "<script>alert" not in html
    assert 'onmouseover="x' not in html
    assert page.article == text
    assert page.highlighted("conditions-0") == text[:53]
    assert page.ids["headline"] == evil
    assert evil in page.ids["dropped"]


def test_dropped_items_are_listed_with_their_reasons() -> None:
    summary, text = load("team_harbour_truce")
    page = read_page(render_review_page(summary, text))

    for dropped in summary.meta.dropped:
        assert f"{dropped.section}: {dropped.reason}" in page.ids["dropped"]
    assert page.ids["dropped"].count("casualties:") == sum(d.section == "casualties" for d in summary.meta.dropped)


def test_corrections_and_planted_instructions_have_their_own_place() -> None:
    summary, text = load("team_harbour_truce")
    page = read_page(render_review_page(summary, text))
    for correction in summary.meta.corrections:  # changed in what was published: not under "Dropped"
        assert f"{correction.section}: {correction.reason}" in page.ids["corrections"]
        assert correction.reason not in page.ids["dropped"]
    summary, text = load("team_injection_attempt")
    warning = read_page(render_review_page(summary, text)).ids["instructions-warning"]
    assert "4 sentence(s) addressed to an AI" in warning


def test_a_figure_read_by_the_one_victim_rule_says_so() -> None:
    summary, text = load("muc4_dev_digest_long")  # recorded: no figure for "ONE SOLDIER WAS ALSO WOUNDED ..."
    [(index, report)] = [(i, c) for i, c in enumerate(summary.casualties) if c.read_by == "rule"]
    html = render_review_page(summary, text)
    assert "read by the one-victim rule" in html
    assert read_page(html).highlighted(f"casualties-{index}") == report.evidence


def test_a_span_that_does_not_fit_the_text_is_listed_but_not_highlighted() -> None:
    text = "Two died."
    summary = ArticleSummary(
        headline="H",
        summary="S",
        conditions=[Condition(party="P", demand="d", evidence="elsewhere", evidence_span=Span(start=5, end=500))],
        meta=meta(),
    )
    html = render_review_page(summary, text)
    page = read_page(html)

    assert page.marks == []
    assert page.article == text
    assert "evidence not located in this text" in html


@pytest.mark.parametrize(
    ("entry_id", "expected"),
    [("muc4_dev_0048", "muc4_dev_0048.html"), ("wire 12/04", r"wire-12-04-[0-9a-f]{8}\.html"), ("index", None)],
)
def test_page_names_are_safe(entry_id: str, expected: str | None) -> None:
    name = page_filename(entry_id)
    assert re.fullmatch(r"[A-Za-z0-9._-]+\.html", name) and not name.startswith(".")
    assert name != "index.html"
    if expected:
        assert re.fullmatch(expected, name)
    for hostile in ("../../etc/passwd", "..", "", "/", "a\x00b", "C:\\x"):
        assert "/" not in page_filename(hostile) and not page_filename(hostile).startswith(".")


def test_review_site_writes_a_page_per_article_and_a_sortable_index(tmp_path: Path) -> None:
    entries = [ReviewEntry(name, *reversed(load(name))) for name in ARTICLE_NAMES]
    entries.append(ReviewEntry("../wire/<b>7</b>", "Text <i>of</i> a failed one.", error="ProviderUnavailable: <down>"))
    entries.append(ReviewEntry("team_harbour_truce", "A second article with the same id.", error="InputError: x"))

    index = write_review_site(tmp_path / "site", entries)

    assert index == tmp_path / "site" / "index.html"
    pages = sorted(p.name for p in index.parent.iterdir())
    assert len(pages) == len(entries) + 1  # no page overwrote another
    html = index.read_text(encoding="utf-8")
    rows = re.findall(r"<tr>(.*?)</tr>", html, flags=re.S)[1:]
    assert len(rows) == len(entries)
    links = re.findall(r'<a href="([^"]+)">', html)
    assert sorted(links) == sorted(set(pages) - {"index.html"})
    assert all((index.parent / link).is_file() for link in links)
    harbour_summary, _ = load("team_harbour_truce")
    harbour = next(r for r in rows if harbour_summary.headline[:40] in r)
    assert 'data-sort="12">at least 12<' in harbour and 'data-sort="40">about 40<' in harbour
    stakeholders = len(harbour_summary.stakeholders)
    assert f'<td class="num" data-sort="{stakeholders}">{stakeholders}</td>' in harbour
    assert "ok" in harbour
    failed = next(r for r in rows if "ProviderUnavailable" in r)
    assert "failed" in failed and "&lt;down&gt;" in failed and "<down>" not in failed
    assert "&lt;b&gt;7&lt;/b&gt;" in failed
    assert html.count("<script>") == 1 and "aria-sort" in html

    failed_page = (index.parent / re.findall(r'<a href="([^"]+)">', failed)[0]).read_text(encoding="utf-8")
    assert "Summary failed" in failed_page and "ProviderUnavailable: &lt;down&gt;" in failed_page
    assert "Text &lt;i&gt;of&lt;/i&gt; a failed one." in failed_page


def test_template_ships_in_the_package() -> None:
    import summarizer.outputs.review_page as module

    templates = Path(module.__file__).parents[1] / "templates"
    assert {"review_page.html.j2", "review_index.html.j2", "review_style.css.j2"} <= {
        p.name for p in templates.iterdir()
    }


# --- the CLI, end to end: the recorded local model's answers replayed -----------------------------


@pytest.fixture(scope="module")
def vcr_cassette_dir() -> str:
    return str(CASSETTES / "recorded_summaries")


@pytest.fixture
def default_cassette_name() -> str:
    # The exact requests summarize() makes for this article, recorded from the bundled 1.5B model.
    return "test_summary[team_harbour_truce]"


@pytest.mark.vcr
def test_cli_writes_the_review_page(tmp_path: Path, capsys: pytest.CaptureFixture[str], played_all: Any) -> None:
    article = ARTICLES / "team_harbour_truce.txt"
    out = tmp_path / "brief.html"
    flags = [
        "--base-url",
        REPLAY_URL,
        "--model",
        "qwen2.5-coder-1.5b",
        "--mode",
        "md_json",
        "--reask",
        "--strategy",
        "cited",
    ]

    code = main(["summarize", str(article), "--format", "html", "-o", str(out), *flags])

    assert code == 0, capsys.readouterr().err
    expected, text = load("team_harbour_truce")
    page = read_page(out.read_text(encoding="utf-8"))
    assert page.article == text
    assert page.ids["headline"] == expected.headline
    assert page.highlighted("casualties-0") == expected.casualties[0].evidence
