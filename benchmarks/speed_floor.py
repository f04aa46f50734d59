"""The least time any pipeline can take on the ten speed articles, with the embedded model on this machine.

    python benchmarks/speed_floor.py [--rates benchmarks/speed/levers/last_logit_s25.jsonl]

For each article of ``speed_ten.py``'s set it counts, with the bundled model's tokenizer:

- **read**: the tokens of the system message and the numbered article, what every pipeline must
  evaluate at least once;
- **write**: the tokens of the article's gold lists written as compact JSON with the fewest fields
  that publish them (each condition's party, addressee and demand; each proposal's proposer,
  addressee, proposal, when and where; the killed and injured; each stakeholder's name), what a
  perfect answer must generate at least once.

Divided by the rates the server measured on the same machine (prompt tokens evaluated a second and
tokens generated a second, summed over a ``server_levers.py`` run), their sum is the time of one call
that reads the article once and writes the gold and nothing else: no instruction, no schema, no
second call, no quote of evidence, no wrong item. Every real pipeline takes longer.

The last column adds the instructions that the one-call strategy ``single`` sends beside the article
(its task and the schema of all the lists), read once at the same rate: the least time of the
shortest prompt the pipeline has, still writing only the gold. The script prints both medians beside
issue 23's goal of 40 s.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from speed_ten import records  # noqa: E402

from summarizer.batch.provider_files import request_body  # noqa: E402
from summarizer.config import Settings, cache_dir  # noqa: E402
from summarizer.llm.local_model import bundled_model, ensure_gguf  # noqa: E402
from summarizer.pipeline.prompts import render_article, render_system  # noqa: E402
from summarizer.pipeline.run import article_chunks, first_pass_requests  # noqa: E402

GOAL_S = 40.0


def rates(path: Path) -> tuple[float, float]:
    """Prompt tokens evaluated and tokens generated a second, over every call of a server_levers run."""
    lines = [json.loads(line) for line in path.read_text().splitlines()]
    evaluated = sum(d["server"]["prompt_evaluated"] for d in lines)
    generated = sum(d["server"]["generated"] for d in lines)
    prompt_s = sum(d["server"]["prompt_ms"] for d in lines) / 1000
    generate_s = sum(d["server"]["generate_ms"] for d in lines) / 1000
    return evaluated / prompt_s, generated / generate_s


def gold_answer(gold: dict[str, Any]) -> str:
    """The gold lists as compact JSON, with only the fields that publish them."""
    answer = {
        "conditions": [{k: c.get(k) for k in ("party", "addressee", "demand")} for c in gold.get("conditions", [])],
        "proposals": [
            {k: p.get(k) for k in ("proposer", "addressee", "proposal", "when", "where")}
            for p in gold.get("proposals", [])
        ],
        "killed": gold.get("killed"),
        "injured": gold.get("injured"),
        "stakeholders": [actor["name"] for actor in gold.get("actors", [])],
    }
    return json.dumps(answer, ensure_ascii=False, separators=(",", ":"))


def bundled_tokenizer(settings: Settings) -> tuple[Path, Callable[[str], list[int]]]:
    """The bundled model's GGUF, and its tokenizer (the vocabulary alone, loaded in a second)."""
    import llama_cpp

    gguf = ensure_gguf(bundled_model(settings.local_model), cache_dir())
    vocab = llama_cpp.Llama(model_path=str(gguf), vocab_only=True, verbose=False)
    return gguf, lambda text: vocab.tokenize(text.encode("utf-8"), add_bos=False, special=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rates", type=Path, default=ROOT / "benchmarks/speed/levers/last_logit_s25.jsonl")
    args = parser.parse_args()
    settings = Settings.resolve(environ={}, mode="md_json")
    _, tokenize = bundled_tokenizer(settings)

    def tokens(text: str) -> int:
        return len(tokenize(text))

    prompt_rate, generate_rate = rates(args.rates)
    print(f"rates ({args.rates.name}): {prompt_rate:.1f} prompt tokens/s, {generate_rate:.1f} generated tokens/s\n")
    print(
        "| article | words | read tokens | write tokens | floor s (read + write) "
        "| instructions of `single` | floor + them, s |"
    )
    print("|---|---|---|---|---|---|---|")
    floors, with_instructions = [], []
    for record in records():
        article = article_chunks(record["text"], settings)[0]
        read = tokens(render_system(article)) + tokens(render_article(article))
        write = tokens(gold_answer(record["gold"]))
        floor = read / prompt_rate + write / generate_rate
        (single,) = first_pass_requests(article, "single")
        instructions = sum(tokens(m["content"]) for m in request_body(single, settings)["messages"]) - read
        floors.append(floor)
        with_instructions.append(floor + instructions / prompt_rate)
        print(
            f"| {record['id'][:40]} | {len(record['text'].split())} | {read} | {write} | "
            f"{floor:.1f} ({read / prompt_rate:.1f} + {write / generate_rate:.1f}) | {instructions} | "
            f"{with_instructions[-1]:.1f} |"
        )
    for name, values in (("floor", floors), ("floor + the instructions of `single`", with_instructions)):
        print(f"median {name}: {statistics.median(values):.1f} s, mean {statistics.mean(values):.1f} s")
    print(f"goal: a median of {GOAL_S:.0f} s")


if __name__ == "__main__":
    main()
