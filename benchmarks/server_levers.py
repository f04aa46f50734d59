"""The embedded server's own levers on the exact requests of the pipeline: time, and what changes in the answers.

    python benchmarks/server_levers.py VARIANT [--articles N]     # one variant per run (resumable)
    python benchmarks/server_levers.py --report

Sends the first-pass requests of the first N articles of ``speed_ten.py``'s set (the bodies a live run
posts, ``batch.provider_files.request_body``) straight to a fresh ``llama_cpp.server``, in the
pipeline's order, and reads the server's timings from its log. Variants:

- ``grammar``: ``response_format: json_object`` (a JSON grammar), the requests of session 17.
- ``free``: instructor's ``md_json`` mode: no ``response_format`` (no grammar); the prompt asks for the
  JSON in a code block (the embedded default since session 17).
- ``all_logits``: ``free`` on a server that computes the logits of every prompt token
  (``--logits_all true``, llama_cpp.server's own default, which ``grammar`` and ``free`` ran with).
- ``last_logit``: ``free`` with the logits of the last token only (``--logits_all false``, the
  embedded server's setting since session 22).
- ``last_logit_again``: ``last_logit`` run again, as the same day's reference for ``flash_attn`` (the
  machine's speed changes from day to day).
- ``flash_attn``: ``last_logit`` with llama.cpp's flash attention (``--flash_attn true``).
- ``last_logit_s25``: ``last_logit`` run again, as session 25's reference.
- ``lookup4``: llama-cpp-python's prompt-lookup decoding (``--draft_model prompt-lookup-decoding
  --draft_model_num_pred_tokens 4``), 4 tokens drafted from the context at each step. It needs every
  token's logits (``--logits_all true``): with ``false`` llama-cpp-python 0.3.36 sizes its logits array
  for the last token only and fails on the first drafted batch. ``benchmarks/lookup_drafts.py``
  estimates the other drafters from the saved answers.
- ``ubatch128``: ``last_logit`` with prompts evaluated 128 tokens at a time (``--n_ubatch 128``;
  llama.cpp's default is 512, more than most calls evaluate).
- ``kv_q8``: ``last_logit`` with the attention keys cached as 8-bit (``--type_k 8``, q8_0; the values
  stay 16-bit, since a quantized value cache needs flash attention).

For each it prints seconds, tokens and the server's split (prompt / generation / the rest: sampling
and grammar), how many answers validate, and how many are the same JSON as the reference variant's
answers (``grammar``'s; ``all_logits``'s for ``last_logit``; ``last_logit_again``'s for ``flash_attn``).
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import httpx

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from speed_ten import records, server_times  # noqa: E402

from summarizer.batch.provider_files import request_body  # noqa: E402
from summarizer.config import Settings, cache_dir  # noqa: E402
from summarizer.llm.local_model import bundled_model, ensure_gguf  # noqa: E402
from summarizer.llm.local_server import LocalServer  # noqa: E402
from summarizer.pipeline.run import article_chunks, first_pass_requests  # noqa: E402

VARIANTS = {
    "grammar": "json",
    "free": "md_json",
    "all_logits": "md_json",
    "last_logit": "md_json",
    "last_logit_again": "md_json",
    "flash_attn": "md_json",
    "last_logit_s25": "md_json",
    "lookup4": "md_json",
    "ubatch128": "md_json",
    "kv_q8": "md_json",
}
# The server options of a variant, after the embedded server's own (a repeated option wins).
OPTIONS = {
    "all_logits": ("--logits_all", "true"),
    "last_logit": ("--logits_all", "false"),
    "last_logit_again": ("--logits_all", "false"),
    "flash_attn": ("--logits_all", "false", "--flash_attn", "true"),
    "last_logit_s25": ("--logits_all", "false"),
    "lookup4": (
        "--logits_all",
        "true",
        "--draft_model",
        "prompt-lookup-decoding",
        "--draft_model_num_pred_tokens",
        "4",
    ),
    "ubatch128": ("--logits_all", "false", "--n_ubatch", "128"),
    "kv_q8": ("--logits_all", "false", "--type_k", "8"),
}
# The variant whose answers the others are compared with.
REFERENCE = {
    "all_logits": "grammar",
    "last_logit": "all_logits",
    "last_logit_again": "last_logit",
    "flash_attn": "last_logit_again",
    "last_logit_s25": "last_logit_again",
    "lookup4": "last_logit_s25",
    "ubatch128": "last_logit_s25",
    "kv_q8": "last_logit_s25",
}
OUT = ROOT / "benchmarks" / "speed" / "levers"


def _json_of(text: str) -> str:
    # Without a grammar the model may fence its JSON in a Markdown code block, or write around it.
    start, end = text.find("{"), text.rfind("}")
    return text[start : end + 1] if start >= 0 else text


def _parsed(text: str) -> object:
    try:
        return json.loads(_json_of(text))
    except ValueError:
        return text


def run(variant: str, articles: int) -> None:
    mode = VARIANTS[variant]
    settings = Settings.resolve(environ={}, mode=mode)
    results = OUT / f"{variant}.jsonl"
    done = (
        {(d["id"], d["part"]) for d in map(json.loads, results.read_text().splitlines())} if results.exists() else set()
    )
    gguf = ensure_gguf(bundled_model(settings.local_model), cache_dir())
    log = Path(tempfile.mkdtemp(prefix="levers-")) / "server.log"
    server = LocalServer(
        gguf, settings.model, log_path=log, context_size=settings.context_size, server_options=OPTIONS.get(variant, ())
    )
    with server.start(), httpx.Client(timeout=900) as http:
        for record in records()[:articles]:
            article = article_chunks(record["text"], settings)[0]
            for request in first_pass_requests(article, settings.strategy):
                if (record["id"], request.part) in done:
                    continue
                body = request_body(request, settings)
                offset = log.stat().st_size
                started = time.monotonic()
                reply = http.post(f"{server.base_url}/chat/completions", json=body).json()
                seconds = time.monotonic() - started
                time.sleep(0.2)  # the server writes its timings just after answering
                text = reply["choices"][0]["message"]["content"] or ""
                try:
                    request.response_model.model_validate_json(_json_of(text))
                    valid = True
                except ValueError:
                    valid = False
                line = {
                    "id": record["id"],
                    "part": request.part,
                    "seconds": round(seconds, 2),
                    "completion_tokens": reply["usage"]["completion_tokens"],
                    "prompt_tokens": reply["usage"]["prompt_tokens"],
                    "server": server_times(log, offset),
                    "valid": valid,
                    "answer": text,
                }
                with results.open("a") as handle:
                    handle.write(json.dumps(line, ensure_ascii=False) + "\n")
                print(f"{variant} {record['id'][:40]} {request.part}: {seconds:.1f} s, valid {valid}", flush=True)


def _keyed(lines: list[dict[str, Any]]) -> dict[tuple[str, str, int], dict[str, Any]]:
    """Each call by article, part and its place among the part's calls (one a sentence, in order)."""
    seen: dict[tuple[str, str], int] = {}
    keyed = {}
    for line in lines:
        n = seen[(line["id"], line["part"])] = seen.get((line["id"], line["part"]), -1) + 1
        keyed[(line["id"], line["part"], n)] = line
    return keyed


def report() -> None:
    runs = {p.stem: _keyed([json.loads(x) for x in p.read_text().splitlines()]) for p in sorted(OUT.glob("*.jsonl"))}
    print(
        "| variant | calls | seconds | completion tokens | server s: prompt / generate / rest | valid "
        "| same JSON as the reference variant, of the calls both made |"
    )
    print("|---|---|---|---|---|---|---|")
    for variant in VARIANTS:
        base = REFERENCE.get(variant, "grammar")
        reference = {key: d["answer"] for key, d in runs.get(base, {}).items()}
        keyed = runs.get(variant, {})
        lines = list(keyed.values())
        common = [key for key in keyed if key in reference]
        if not lines:
            continue
        total = sum(d["server"]["total_ms"] for d in lines) / 1000
        prompt = sum(d["server"]["prompt_ms"] for d in lines) / 1000
        generate = sum(d["server"]["generate_ms"] for d in lines) / 1000
        same = sum(_parsed(keyed[key]["answer"]) == _parsed(reference[key]) for key in common)
        print(
            f"| {variant} | {len(lines)} | {sum(d['seconds'] for d in lines):.1f} | "
            f"{sum(d['completion_tokens'] for d in lines)} | "
            f"{prompt:.1f} / {generate:.1f} / {total - prompt - generate:.1f} | "
            f"{sum(d['valid'] for d in lines)} | {same} of {len(common)} ({base}) |"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("variant", nargs="?", choices=sorted(VARIANTS))
    parser.add_argument("--articles", type=int, default=3)
    parser.add_argument("--report", action="store_true")
    args = parser.parse_args()
    OUT.mkdir(parents=True, exist_ok=True)
    if args.variant and not args.report:
        run(args.variant, args.articles)
    report()


if __name__ == "__main__":
    main()
