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
