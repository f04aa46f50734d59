#!/usr/bin/env bash
# A CLI session, runnable as written from the repository root after `pip install -e '.[local]'`.
set -u
cd "$(dirname "$0")/.."

# JSON on stdout
summarizer summarize examples/articles/muc4_dev_0644.txt

# stdin, as a Markdown brief
summarizer summarize - --format markdown < examples/articles/team_dam_protest.txt

# to a file (written whole, atomically)
summarizer summarize examples/articles/team_border_ceasefire.txt -o /tmp/border_summary.json

# the schema of what comes back
summarizer schema | head -20

# bad input ends with a message and an exit code, never a traceback
printf '' > /tmp/empty.txt
summarizer summarize /tmp/empty.txt; echo "exit code: $?"

# many articles: one JSONL line each, resumable (run it twice: the second run skips them all),
# with a review page per article and a sortable index
summarizer batch examples/articles -o /tmp/batch_results.jsonl --html-dir /tmp/batch_review
summarizer batch examples/articles -o /tmp/batch_results.jsonl

# the same articles as an OpenAI Batch file, for a hosted model
summarizer batch examples/articles --export-requests /tmp/requests.jsonl --model gpt-4o-mini --base-url https://api.openai.com/v1
