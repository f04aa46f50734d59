"""Cold and warm latency of one summary on the embedded local model, measured in one run.

    python benchmarks/local_latency.py ARTICLE [--local-model qwen2.5-coder-1.5b] [--fresh-cache]

Cold: a new process's first summary (GGUF assembly with --fresh-cache, server start, the article's
first evaluation). Warm: the same article again in the same process (server up, prefix cached).
Prints seconds, tokens and the warm/cold ratio.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("article")
    parser.add_argument("--local-model", default=None)
    parser.add_argument("--fresh-cache", action="store_true", help="assemble the GGUF again in a temporary cache")
    args = parser.parse_args()
    if args.fresh_cache:
        os.environ["SUMMARIZER_CACHE_DIR"] = tempfile.mkdtemp(prefix="summarizer-cold-")

    from summarizer import summarize

    text = Path(args.article).read_text(encoding="utf-8")
    rows = []
    for label in ("cold", "warm"):
        started = time.monotonic()
        summary = summarize(text, local_model=args.local_model, use_cache=False)
        rows.append((label, time.monotonic() - started, summary))
    for label, seconds, summary in rows:
        usage = summary.meta.usage
        counts = {k: len(getattr(summary, k)) for k in ("conditions", "proposals", "casualties", "stakeholders")}
        print(
            f"{label}: {seconds:.1f} s, {usage.requests} requests, {usage.prompt_tokens} prompt + "
            f"{usage.completion_tokens} completion tokens, items {counts}, dropped {len(summary.meta.dropped)}"
        )
    print(f"warm/cold: {rows[1][1] / rows[0][1]:.2f}")
    print(rows[1][2].model_dump_json(indent=2), file=sys.stderr)


if __name__ == "__main__":
    main()
