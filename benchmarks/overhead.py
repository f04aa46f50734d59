"""Overhead of ``summarize()`` over bare instructor calls with the same prompts, measured in one run.

    python benchmarks/overhead.py [--rounds 200]

Both sides send the same five requests (the first-pass calls for ``examples/articles/team_dam_protest.txt``)
to a loopback stub that answers at once with the local model's recorded answers to exactly these
requests (its cassette), so ``summarize()`` verifies, grounds and merges real answers. Rounds alternate
between the two sides; medians are compared. Goal: at most 1.05x, or under 2 ms added per call.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import instructor  # noqa: E402
import openai  # noqa: E402

from summarizer import Settings, summarize  # noqa: E402
from summarizer.llm.client import INSTRUCTOR_MODES  # noqa: E402
from summarizer.pipeline.run import article_chunks, first_pass_requests  # noqa: E402
from tests.stub_backend import StubBackend  # noqa: E402

ARTICLE = ROOT / "examples" / "articles" / "team_dam_protest.txt"
CASSETTE = ROOT / "cassettes" / "recorded_summaries" / "test_summary[team_dam_protest].json"


def _replay() -> Any:
    answers = {}
    for interaction in json.loads(CASSETTE.read_text(encoding="utf-8"))["interactions"]:
        key = json.dumps(interaction["request"]["parsed_body"], sort_keys=True)
        answers[key] = (interaction["response"]["status"]["code"], interaction["response"]["body"]["parsed_body"])

    def respond(body: dict[str, Any]) -> tuple[int, dict[str, Any]]:
        return answers[json.dumps(body, sort_keys=True)]

    return respond


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rounds", type=int, default=200)
    args = parser.parse_args()
    text = ARTICLE.read_text(encoding="utf-8")
    with StubBackend(respond=_replay()) as stub:
        settings = Settings.resolve(base_url=stub.base_url, model="qwen2.5-coder-1.5b", mode="json", environ={})
        bare = instructor.from_openai(
            openai.OpenAI(base_url=stub.base_url, api_key="no-key", max_retries=0), mode=INSTRUCTOR_MODES["json"]
        )
        requests = first_pass_requests(article_chunks(text, settings)[0], settings.strategy)

        def bare_calls() -> None:
            for request in requests:
                bare.chat.completions.create(
                    response_model=request.response_model,
                    messages=request.messages,  # type: ignore[arg-type]
                    model=settings.model,
                    temperature=0,
                    max_tokens=settings.max_output_tokens,
                    max_retries=1,
                )

        def ours() -> None:
            summarize(text, settings=settings, use_cache=False)

        timings: dict[str, list[float]] = {"bare instructor": [], "summarize()": []}
        for round_ in range(args.rounds + 5):
            for label, fn in (("bare instructor", bare_calls), ("summarize()", ours)):
                started = time.perf_counter()
                fn()
                if round_ >= 5:  # warm-up rounds are not counted
                    timings[label].append(time.perf_counter() - started)
        sent = stub.requests
    bare_s, ours_s = (statistics.median(timings[k]) for k in ("bare instructor", "summarize()"))
    per_call_ms = (ours_s - bare_s) / len(requests) * 1000
    print(f"requests per article: {len(requests)} (stub answered {sent})")
    print(f"bare instructor: {bare_s * 1000:.2f} ms/article   summarize(): {ours_s * 1000:.2f} ms/article (medians)")
    print(f"ratio summarize()/bare: {ours_s / bare_s:.3f}x   added per call: {per_call_ms:.2f} ms")
    print(f"goal (<= 1.05x or < 2 ms per call): {'met' if ours_s / bare_s <= 1.05 or per_call_ms < 2 else 'NOT met'}")


if __name__ == "__main__":
    main()
