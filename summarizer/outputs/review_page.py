"""Render summaries as HTML review pages: the summary beside the article, every piece of evidence highlighted.

One page is a single self-contained file (inline CSS and JS, no network): an editor opens it, clicks
an item to jump to its sentence, hovers a highlight to see which items cite it, and reads what was
dropped and why. ``write_review_site`` writes one page per article plus a sortable ``index.html``.

Everything from the article and the model is escaped by Jinja's autoescape (a sandboxed environment,
like the prompts): an article containing ``<script>`` stays text.

Example:
    >>> from summarizer.schema import ArticleSummary, SummaryMeta
    >>> meta = SummaryMeta(model="m", backend="b", mode="json", strategy="cited", prompt_version="p")
    >>> page = render_review_page(ArticleSummary(headline="H", summary="S", meta=meta), "Two <b>died</b>.")
    >>> "Two &lt;b&gt;died&lt;/b&gt;." in page
    True
"""

from __future__ import annotations

import hashlib
import itertools
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from jinja2 import FileSystemLoader, StrictUndefined
from jinja2.sandbox import SandboxedEnvironment

from summarizer.outputs.markdown import figure_phrase
from summarizer.schema import NO_HEADLINE, ArticleSummary, CasualtyReport, Condition, Proposal, Stakeholder

__all__ = ["ReviewEntry", "page_filename", "render_review_page", "write_review_site"]

# The four grounded lists, in the order the panel shows them; each gets its own highlight colour.
FIELDS = ("conditions", "proposals", "casualties", "stakeholders")
# Which colour fills a sentence several lists cite (the others underline it): the rarer, weightier facts first.
_HIGHLIGHT_PRIORITY = {"casualties": 0, "conditions": 1, "proposals": 2, "stakeholders": 3}
_ITEM_NOUNS = {
    "conditions": "Condition",
    "proposals": "Proposal",
    "casualties": "Casualty report",
    "stakeholders": "Stakeholder",
}
_UNSAFE_FILENAME = re.compile(r"[^A-Za-z0-9._-]+")
_MAX_STEM = 80


@dataclass(frozen=True)
class ReviewEntry:
    """One article of a review site: its text and either its summary or the error that stopped it.

    Example:
        >>> ReviewEntry(id="wire/0001", text="Two died.", error="ProviderUnavailable: timed out").summary is None
        True
    """

    id: str
    text: str
    summary: ArticleSummary | None = None
    error: str | None = None


@dataclass(frozen=True)
class _Item:
    """One grounded item as the page shows it."""

    key: str  # "casualties-0": links panel entries and highlights
    field: str
    label: str
    details: tuple[str, ...]
    evidence: str
    start: int | None  # None when the span is missing or does not fit the text
    end: int | None

    @property
    def tooltip(self) -> str:
        return " · ".join((f"{_ITEM_NOUNS[self.field]}: {self.label}", *self.details))


@dataclass(frozen=True)
class _Segment:
    """A stretch of the article covered by the same set of items (none for plain text)."""

    text: str
    items: tuple[_Item, ...]

    @property
    def keys(self) -> str:
        return " ".join(item.key for item in self.items)

    @property
    def fields(self) -> tuple[str, ...]:
        """Fields of the covering items, the innermost span's first: it gives the fill colour."""
        return tuple(dict.fromkeys(item.field for item in self.items))

    @property
    def tooltip(self) -> str:
        return "\n".join(item.tooltip for item in self.items)


@dataclass(frozen=True)
class _IndexRow:
    id: str
    href: str
    headline: str
    killed: int
    killed_shown: str
    injured: int
    injured_shown: str
    stakeholders: int | None
    error: str | None


def _templates_dir() -> Path:
    return Path(__file__).parents[1] / "templates"


@cache
def _environment() -> SandboxedEnvironment:
    return SandboxedEnvironment(
        loader=FileSystemLoader(str(_templates_dir())),
        undefined=StrictUndefined,
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )


def _present(*parts: str | None) -> tuple[str, ...]:
    return tuple(p for p in parts if p)


def _describe(item: Condition | Proposal | CasualtyReport | Stakeholder) -> tuple[str, tuple[str, ...]]:
    """A one-line label and the secondary details of an item, as plain text."""
    if isinstance(item, Condition):
        label = f"{item.party}{f' → {item.addressee}' if item.addressee else ''}: {item.demand}"
        return label, _present(str(item.certainty), item.attribution and f"per {item.attribution}")
    if isinstance(item, Proposal):
        label = f"{item.proposer}: {item.proposal}"
        return label, _present(
            item.addressee and f"to {item.addressee}",
            item.when and f"when: {item.when}",
            item.where and f"where: {item.where}",
            str(item.status),
            item.attribution and f"per {item.attribution}",
        )
    if isinstance(item, CasualtyReport):
        figures = _present(
            figure_phrase(item.killed, item.qualifier, "killed"),
            figure_phrase(item.injured, item.injured_qualifier or item.qualifier, "injured"),
        )
        return ", ".join(figures) or "no figure", _present(
            item.victims and f"victims: {item.victims}",
            item.date and f"when: {item.date}",
            item.location and f"where: {item.location}",
            item.perpetrator and f"by {item.perpetrator}",
            item.attribution and f"per {item.attribution}",
            "read by the one-victim rule" if item.read_by == "rule" else None,
        )
    label = f"{item.name} ({item.kind})"
    return label, _present(item.role, item.position, f"also: {', '.join(item.aliases)}" if item.aliases else None)


def _items(summary: ArticleSummary, text_length: int) -> dict[str, list[_Item]]:
    grouped: dict[str, list[_Item]] = {}
    for field in FIELDS:
        entries: Sequence[Condition | Proposal | CasualtyReport | Stakeholder] = getattr(summary, field)
        grouped[field] = []
        for index, entry in enumerate(entries):
            label, details = _describe(entry)
            span = entry.evidence_span
            # A span that does not fit this text (wrong article, edited text) is listed but not highlighted.
            fits = span is not None and 0 <= span.start < span.end <= text_length
            grouped[field].append(
                _Item(
                    key=f"{field}-{index}",
                    field=field,
                    label=label,
                    details=details,
                    evidence=entry.evidence,
                    start=span.start if fits and span else None,
                    end=span.end if fits and span else None,
                )
            )
    return grouped


def _segments(text: str, items: Iterable[_Item]) -> list[_Segment]:
    """Cut the text at every span boundary, so nested, overlapping or identical spans never nest tags."""
    located = [(i.start, i.end, i) for i in items if i.start is not None and i.end is not None]
    located.sort(key=lambda span: (span[1] - span[0], _HIGHLIGHT_PRIORITY[span[2].field]))
    cuts = sorted({0, len(text)} | {start for start, _, _ in located} | {end for _, end, _ in located})
    segments = []
    for left, right in itertools.pairwise(cuts):
        covering = tuple(item for start, end, item in located if start <= left and right <= end)
        segments.append(_Segment(text=text[left:right], items=covering))
    return segments


def render_review_page(summary: ArticleSummary, article_text: str) -> str:
    """One self-contained HTML page: the summary panel beside the article with its evidence highlighted.

    ``article_text`` must be the exact text that was summarized: the evidence spans are character
    offsets into it.

    Example:
        >>> from summarizer.cli import read_article
        >>> from summarizer import summarize
        >>> text = read_article("examples/articles/team_harbour_truce.txt")
        >>> html = render_review_page(summarize(text), text)  # doctest: +SKIP
    """
    return _render_page(summary, article_text, error=None)


def _render_page(summary: ArticleSummary | None, text: str, error: str | None) -> str:
    grouped = _items(summary, len(text)) if summary is not None else {field: [] for field in FIELDS}
    segments = _segments(text, [item for items in grouped.values() for item in items])
    return (
        _environment()
        .get_template("review_page.html.j2")
        .render(
            summary=summary,
            grouped=grouped,
            has_items=any(grouped.values()),
            fields=FIELDS,
            segments=segments,
            error=error,
            no_headline=NO_HEADLINE,
        )
    )


def page_filename(entry_id: str) -> str:
    """A safe file name for an entry's page: letters, digits, ``.``, ``_`` and ``-`` only.

    Ids that had to be changed get a short hash of the original, so two ids never share a page.

    Example:
        >>> page_filename("muc4_dev_0048")
        'muc4_dev_0048.html'
        >>> page_filename("../etc/passwd")
        'etc-passwd-7fef78f5.html'
    """
    stem = _UNSAFE_FILENAME.sub("-", entry_id).strip(".-")[:_MAX_STEM]
    if stem != entry_id or not stem or stem.lower() == "index":
        digest = hashlib.sha256(entry_id.encode("utf-8")).hexdigest()[:8]
        stem = f"{stem}-{digest}" if stem else digest
    return f"{stem}.html"


def _figures(summary: ArticleSummary, killed: bool) -> tuple[int, str]:
    """The sum (for sorting) and each report's figure with its qualifier (for reading)."""
    figures = []
    for report in summary.casualties:
        count = report.killed if killed else report.injured
        qualifier = report.qualifier if killed else report.injured_qualifier or report.qualifier
        if count is not None:
            figures.append((count, figure_phrase(count, qualifier) or ""))
    # Reports are never summed in the summary (two may describe one incident), so the cell shows each.
    return sum(count for count, _ in figures), " + ".join(shown for _, shown in figures)


def _index_rows(entries: Sequence[ReviewEntry], names: Sequence[str]) -> list[_IndexRow]:
    rows = []
    for entry, name in zip(entries, names, strict=True):
        if entry.summary is None:
            rows.append(_IndexRow(entry.id, name, "", 0, "", 0, "", None, entry.error or "no summary"))
            continue
        killed, killed_shown = _figures(entry.summary, killed=True)
        injured, injured_shown = _figures(entry.summary, killed=False)
        rows.append(
            _IndexRow(
                id=entry.id,
                href=name,
                headline=entry.summary.headline or NO_HEADLINE,
                killed=killed,
                killed_shown=killed_shown,
                injured=injured,
                injured_shown=injured_shown,
                stakeholders=len(entry.summary.stakeholders),
                error=None,
            )
        )
    return rows


def write_review_site(directory: str | Path, entries: Sequence[ReviewEntry]) -> Path:
    """Write one review page per entry and a sortable ``index.html`` into ``directory``; return the index path.

    Failed entries (no summary) get a page with their article and error, and a "failed" row in the index.

    Example:
        >>> from summarizer import summarize
        >>> text = "Two people died in a fire, police said."
        >>> write_review_site("review", [ReviewEntry("a1", text, summarize(text))])  # doctest: +SKIP
        PosixPath('review/index.html')
    """
    root = Path(directory)
    root.mkdir(parents=True, exist_ok=True)
    names: list[str] = []
    taken: set[str] = {"index.html"}
    for entry in entries:
        name = page_filename(entry.id)
        # Same id twice, or two ids equal but for case on a case-insensitive disk: keep both pages.
        counter = 2
        while name.lower() in taken:
            name = f"{page_filename(entry.id).removesuffix('.html')}-{counter}.html"
            counter += 1
        taken.add(name.lower())
        names.append(name)
        page = _render_page(entry.summary, entry.text, error=None if entry.summary else entry.error or "no summary")
        (root / name).write_text(page, encoding="utf-8")
    index = root / "index.html"
    html = _environment().get_template("review_index.html.j2").render(rows=_index_rows(entries, names))
    index.write_text(html, encoding="utf-8")
    return index
