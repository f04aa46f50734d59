"""Turn a saved JSON summary back into its HTML review page, without calling any model.

    summarizer summarize article.txt -o summary.json          # once, on any backend
    python examples/review_page_from_json.py summary.json article.txt -o brief.html

The article must be the exact file that was summarized: the evidence spans are offsets into it.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from summarizer import ArticleSummary
from summarizer.cli import read_article, write_output
from summarizer.outputs.review_page import render_review_page


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("summary", help="ArticleSummary JSON (summarizer summarize ... --format json)")
    parser.add_argument("article", help="the article file that was summarized")
    parser.add_argument("-o", "--output", help="HTML file to write (default: stdout)")
    args = parser.parse_args()
    summary = ArticleSummary.model_validate_json(Path(args.summary).read_text(encoding="utf-8"))
    write_output(render_review_page(summary, read_article(args.article)), args.output)


if __name__ == "__main__":
    main()
