"""Render an ``ArticleSummary`` as a Markdown brief an editor can paste into Slack or a CMS."""

from __future__ import annotations

from summarizer.schema import NO_HEADLINE, ArticleSummary

_QUALIFIER_WORDS = {
    "exact": "",
    "at_least": "at least ",
    "about": "about ",
    "up_to": "up to ",
    "more_than": "more than ",
}


def _quote(text: str) -> str:
    return "> " + " ".join(text.split())


def figure_phrase(count: int | None, qualifier: str | None, noun: str = "") -> str | None:
    """ "at least 16 killed" from 16, at_least, "killed"; None without a count (the review page shares it)."""
    if count is None:
        return None
    return f"{_QUALIFIER_WORDS.get(qualifier or 'exact', '')}{count} {noun}".rstrip()


def _join(*parts: str | None, sep: str = "; ") -> str:
    return sep.join(p for p in parts if p)


def to_markdown(summary: ArticleSummary) -> str:
    """A brief: headline, summary, then each list with its attribution and supporting quote."""
    # An empty headline: the model's overview was lost, and "Dropped" below says why.
    lines = [f"# {summary.headline or NO_HEADLINE}", "", summary.summary, ""]
    if summary.meta.instructions_to_ai:
        count = len(summary.meta.instructions_to_ai)
        lines += [f"> **Warning:** the article holds {count} sentence(s) addressed to an AI; no item cites them.", ""]

    def section(title: str, entries: list[tuple[str, str]]) -> None:
        if not entries:
            return
        lines.extend([f"## {title}", ""])
        for text, quote in entries:
            lines.extend([f"- {text}", f"  {_quote(quote)}"])
        lines.append("")

    section(
        "Conditions",
        [
            (
                _join(f"**{c.party}**" + (f" → {c.addressee}" if c.addressee else "") + f": {c.demand}",
                      f"{c.certainty}" + (f", per {c.attribution}" if c.attribution else "")),
                c.evidence,
            )
            for c in summary.conditions
        ],
    )  # fmt: skip
    section(
        "Proposals",
        [
            (
                _join(f"**{p.proposer}**: {p.proposal}", p.addressee and f"to {p.addressee}", p.when, p.where,
                      str(p.status), p.attribution and f"per {p.attribution}"),
                p.evidence,
            )
            for p in summary.proposals
        ],
    )  # fmt: skip
    section(
        "Casualties",
        [
            (
                _join(
                    _join(figure_phrase(c.killed, c.qualifier, "killed"),
                          figure_phrase(c.injured, c.injured_qualifier or c.qualifier, "injured"), sep=", "),
                    c.victims, c.date, c.location, c.perpetrator and f"by {c.perpetrator}",
                    c.attribution and f"per {c.attribution}",
                    "read by the one-victim rule" if c.read_by == "rule" else None,
                ),
                c.evidence,
            )
            for c in summary.casualties
        ],
    )  # fmt: skip
    section(
        "Stakeholders",
        [
            (
                _join(f"**{s.name}** ({s.kind})", s.role, s.position,
                      f"also: {', '.join(s.aliases)}" if s.aliases else None),
                s.evidence,
            )
            for s in summary.stakeholders
        ],
    )  # fmt: skip
    for title, notes in (
        ("Corrected by verification", summary.meta.corrections),
        ("Dropped (could not be verified)", summary.meta.dropped),
    ):
        if notes:
            lines.extend([f"## {title}", ""])
            lines.extend(f"- {note.section}: {note.reason}" for note in notes)
            lines.append("")
    meta = summary.meta
    lines.append(
        f"_{meta.model} via {meta.backend}, strategy {meta.strategy}, prompts {meta.prompt_version}, "
        f"{meta.usage.prompt_tokens}+{meta.usage.completion_tokens} tokens, {meta.duration_s:.1f} s_"
    )
    return "\n".join(lines) + "\n"
