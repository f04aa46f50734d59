"""Which first-pass calls the pipeline leaves out on a gold file, and how many calls an article needs.

    python benchmarks/call_gate.py benchmarks/eval/muc4_dev_short100.jsonl
    python benchmarks/call_gate.py ../shared/eval/muc4_dev.jsonl --limit 200

A call is left out when no sentence of the article (or chunk) could carry a verified answer to it
(``verify.could_publish``). No model is needed: this reads the texts only. Prints, per section, the
records where no chunk makes that call, then the first-pass calls an article makes on average
(re-asks come on top) and the average length.
"""

from __future__ import annotations

import argparse
from collections import Counter
from pathlib import Path

from report_files import run_script

from summarizer.config import Settings
from summarizer.evaluation.evaluate import load_gold
from summarizer.pipeline.run import article_chunks, first_pass_requests

GATED = ("conditions", "proposals", "casualties")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("gold", type=Path)
    parser.add_argument("--limit", type=int, default=None)
    args = parser.parse_args()
    settings = Settings.resolve(environ={})
    records = load_gold(args.gold, args.limit)
    skipped: Counter[str] = Counter()
    calls = 0
    for record in records:
        chunks = article_chunks(record["text"], settings)
        made = [r.part for i, chunk in enumerate(chunks) for r in first_pass_requests(chunk, "cited", i == 0)]
        calls += len(made)
        skipped.update(section for section in GATED if section not in made)
    n = len(records)
    print(f"{n} records, {sum(len(r['text']) for r in records) / n:,.0f} characters on average")
    for section in GATED:
        print(f"  {section} call left out on {skipped[section]} ({skipped[section] / n:.0%})")
    print(f"  first-pass calls per article: {calls / n:.2f} (every call made: 5 per chunk)")


if __name__ == "__main__":
    run_script(main)
