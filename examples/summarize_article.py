"""Summarize one article from Python and print what it found, with the evidence for each fact.

    python examples/summarize_article.py examples/articles/team_harbour_truce.txt

Runs on the embedded local model unless OPENAI_API_KEY or SUMMARIZER_BASE_URL is set.
"""

from __future__ import annotations

import sys
from pathlib import Path

from summarizer import summarize


def main(path: str) -> None:
    summary = summarize(Path(path).read_text(encoding="utf-8"))
    print(summary.headline)
    print(summary.summary, end="\n\n")
    for report in summary.casualties:
        print(f"casualties: killed={report.killed} injured={report.injured} ({report.qualifier})")
        print(f"  per {report.attribution or 'the article'}: {report.evidence!r}")
    for condition in summary.conditions:
        print(f"condition: {condition.party} -> {condition.addressee}: {condition.demand} [{condition.certainty}]")
    for proposal in summary.proposals:
        print(f"proposal: {proposal.proposer}: {proposal.proposal} (when={proposal.when}, where={proposal.where})")
    for stakeholder in summary.stakeholders:
        print(f"stakeholder: {stakeholder.name} ({stakeholder.kind}) {stakeholder.role or ''}")
    for dropped in summary.meta.dropped:
        print(f"dropped {dropped.section}: {dropped.reason}")
    usage = summary.meta.usage
    tokens = f"{usage.prompt_tokens}+{usage.completion_tokens} tokens"
    print(f"\n{usage.requests} requests, {tokens}, {summary.meta.duration_s} s")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else str(Path(__file__).parent / "articles" / "team_harbour_truce.txt"))
