"""How many tokens prompt-lookup drafts would save on the pipeline's real answers, without running the model.

    python benchmarks/lookup_drafts.py [--answers benchmarks/speed/levers/last_logit_s25.jsonl]

Greedy decoding with drafts writes the same tokens as without them (when the numbers agree), in fewer
steps: at each step the server evaluates the last token and the drafted ones in one batch and keeps
the drafts up to the first the model would not have written. This script replays that on the answers a
``server_levers.py`` run saved: for each call it rebuilds the prompt (the pipeline's first-pass request,
in the model's chat format), tokenizes prompt and answer with the bundled model's tokenizer, and at
each position asks a drafter for its guess given everything before. It prints, per drafter, the steps
taken (one a token without drafts), the tokens drafted, the share of drafted tokens kept, and the
seconds the steps would take: each step evaluates the last token and its drafts in one batch, and the
cost of a batch of 1 to 11 tokens is measured first on the bundled model (``batch_costs``: 1,200
tokens of context, every token's logits, the median of 6 tries), on this machine, in this process.

Drafters: ``stock-K``, llama-cpp-python's ``LlamaPromptLookupDecoding`` (the last 2 tokens, else the
last one, matched at their first place in the context; K tokens); ``recent-N-K``: the last N tokens
(down to 2) matched at their latest place before, K tokens.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from speed_floor import bundled_tokenizer  # noqa: E402
from speed_ten import records  # noqa: E402

from summarizer.batch.provider_files import request_body  # noqa: E402
from summarizer.config import Settings  # noqa: E402
from summarizer.pipeline.run import article_chunks, first_pass_requests  # noqa: E402

Drafter = Callable[[np.ndarray], np.ndarray]


def stock(k: int) -> Drafter:
    from llama_cpp.llama_speculative import LlamaPromptLookupDecoding

    return LlamaPromptLookupDecoding(num_pred_tokens=k)


def recent(longest: int, k: int) -> Drafter:
    def draft(ids: np.ndarray) -> np.ndarray:
        for n in range(min(longest, len(ids) - 1), 1, -1):
            windows = np.lib.stride_tricks.sliding_window_view(ids[:-1], n)
            hits = np.nonzero(np.all(windows == ids[-n:], axis=1))[0]
            if len(hits):
                start = hits[-1] + n
                return ids[start : start + k]
        return ids[:0]

    return draft


def chatml(messages: list[dict[str, str]]) -> str:
    """The messages as Qwen2.5's chat template writes them, up to the assistant's turn."""
    turns = "".join(f"<|im_start|>{m['role']}\n{m['content']}<|im_end|>\n" for m in messages)
    return turns + "<|im_start|>assistant\n"


def batch_costs(gguf: Path, largest: int) -> dict[int, float]:
    """Seconds the bundled model takes to evaluate a batch of 1 to ``largest`` tokens after 1,200 tokens."""
    import llama_cpp

    threads = os.cpu_count() or 1
    model = llama_cpp.Llama(
        model_path=str(gguf), n_ctx=4096, n_threads=threads, n_threads_batch=threads, logits_all=True, verbose=False
    )
    rng = np.random.default_rng(0)
    model.eval(list(rng.integers(1000, 30000, 1200)))
    context = model.n_tokens
    costs = {}
    for size in range(1, largest + 1):
        tries = []
        for _ in range(6):
            model.n_tokens = context
            started = time.perf_counter()
            model.eval(list(rng.integers(1000, 30000, size)))
            tries.append(time.perf_counter() - started)
        costs[size] = statistics.median(tries)
    return costs


def replay(prompt: np.ndarray, answer: np.ndarray, drafter: Drafter) -> tuple[list[int], int]:
    """The batch evaluated at each step, and the drafts kept, when ``answer`` is written after ``prompt``."""
    ids = np.concatenate([prompt, answer]).astype(np.intc)
    position, batches, kept = 0, [], 0
    while position < len(answer):
        position += 1  # the token sampled at this step
        if position >= len(answer):
            break
        guess = drafter(ids[: len(prompt) + position])
        batches.append(1 + len(guess))  # that token and its drafts, evaluated together
        for token in guess:
            if position >= len(answer) or token != answer[position]:
                break
            position += 1
            kept += 1
    return batches, kept


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--answers", type=Path, default=ROOT / "benchmarks/speed/levers/last_logit_s25.jsonl")
    args = parser.parse_args()
    settings = Settings.resolve(environ={}, mode="md_json")
    gguf, tokenize = bundled_tokenizer(settings)

    def tokens(text: str) -> np.ndarray:
        return np.array(tokenize(text), dtype=np.intc)

    saved = [json.loads(line) for line in args.answers.read_text().splitlines()]
    calls = []
    for record in records():
        answers = [d for d in saved if d["id"] == record["id"]]
        if not answers:
            continue
        article = article_chunks(record["text"], settings)[0]
        bodies = [request_body(r, settings) for r in first_pass_requests(article, settings.strategy)]
        for body, saved_call in zip(bodies, answers, strict=False):
            calls.append((tokens(chatml(body["messages"])), tokens(saved_call["answer"] + "<|im_end|>")))
    drafters: dict[str, Drafter] = {"none": lambda ids: ids[:0]}
    drafters |= {f"stock-{k}": stock(k) for k in (10, 4)}
    drafters |= {f"recent-{n}-{k}": recent(n, k) for n in (2, 4) for k in (2, 4, 8)}
    costs = batch_costs(gguf, 11)
    print("batch of N tokens: " + ", ".join(f"{n}: {1000 * s:.0f} ms" for n, s in costs.items()))
    written = sum(len(answer) for _, answer in calls)
    print(f"{len(calls)} calls, {written} tokens written\n")
    print("| drafter | steps | steps / token | drafted | kept | kept / drafted | seconds writing (estimated) |")
    print("|---|---|---|---|---|---|---|")
    for name, drafter in drafters.items():
        batches: list[int] = []
        kept = 0
        for prompt, answer in calls:
            steps, k = replay(prompt, answer, drafter)
            batches, kept = batches + steps, kept + k
        drafted = sum(batches) - len(batches)
        seconds = sum(costs[size] for size in batches)
        print(
            f"| {name} | {len(batches)} | {len(batches) / written:.2f} | {drafted} | {kept} | "
            f"{kept / max(drafted, 1):.2f} | {seconds:.1f} |"
        )


if __name__ == "__main__":
    main()
