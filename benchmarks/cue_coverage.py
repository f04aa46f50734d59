"""How much of the gold the cue gate lets through, and how much else: no model call.

    python benchmarks/cue_coverage.py [--misses]

A condition or proposal is asked for, and published, only from a sentence whose words state one (the
language pack's cues, ``summarizer/checks/lang/``): the gate caps recall. For each list and language of
the Wikinews dev set this prints how many gold items sit in a sentence the gate admits, then the share
of all sentences it admits on the Wikinews set and on the MUC-4 200 sample (what the model is asked to
read, and the calls made: an article with no admitted sentence gets no call for that list).
``--misses`` prints the gold sentences it keeps out.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from report_files import run_script

from summarizer.checks.verify import sentences_that_could_state
from summarizer.evaluation.evaluate import load_gold
from summarizer.evaluation.list_scoring import evidence_overlaps
from summarizer.pipeline.article import Article

EVAL = Path(__file__).resolve().parent / "eval"
LISTS = ("conditions", "proposals")


def _article(record: dict) -> Article:
    return Article.from_text(record["text"], language=record.get("lang", "en"))


def gold_coverage(records: list[dict], misses: bool) -> None:
    print("| list | language | gold items in an admitted sentence |")
    print("|---|---|---|")
    for section in LISTS:
        for language in ("en", "fr"):
            admitted = total = 0
            kept_out = []
            for record in (r for r in records if r.get("lang") == language):
                article = _article(record)
                candidates = sentences_that_could_state(section, article)
                for item in record["gold"][section]:
                    total += 1
                    hits = {s.number for s in article.sentences if evidence_overlaps(s.text, item["sentence"])}
                    if candidates is None or hits & set(candidates):
                        admitted += 1
                    else:
                        kept_out.append(item["sentence"])
            print(f"| {section} | {language} | {admitted} of {total} |")
            if misses:
                for sentence in kept_out:
                    print(f"|  | kept out | {sentence[:150]} |")


def share_admitted(name: str, records: list[dict]) -> None:
    articles = [_article(r) for r in records]
    sentences = sum(len(a.sentences) for a in articles)
    for section in LISTS:
        admitted = [sentences_that_could_state(section, a) or () for a in articles]
        with_any = sum(bool(a) for a in admitted)
        share = sum(len(a) for a in admitted) / sentences
        print(f"| {name} | {section} | {share:.0%} of {sentences} | {with_any} of {len(articles)} |")


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--misses", action="store_true", help="print the gold sentences the gate keeps out")
    args = parser.parse_args()
    wikinews = load_gold(EVAL / "wikinews_dev.jsonl")
    gold_coverage(wikinews, args.misses)
    print()
    print("| set | list | sentences admitted | articles asked |")
    print("|---|---|---|---|")
    share_admitted("Wikinews dev (40)", wikinews)
    share_admitted("MUC-4 200 sample", load_gold(EVAL / "muc4_dev200.jsonl"))


if __name__ == "__main__":
    run_script(main)
