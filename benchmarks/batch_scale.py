"""Batch at scale against a stub backend: throughput, cache, memory. Prints ratios measured in one run.

    python benchmarks/batch_scale.py [--articles 500] [--latency 0.2] [--concurrency 16] [--memory 10000]

- Throughput: ``--articles`` articles, each request answered after ``--latency`` s, ``--concurrency``
  articles in flight. Ideal = requests x latency / concurrency (500 x 0.2 / 16 with ``single``, one
  request per article; ``cited`` makes five). Goal: >= 0.9x the ideal.
  The stub's own ceiling is printed next: the same number of requests sent by bare ``http.client``
  threads (no summarizer), so the ratio shows what is the stub's and what is the client's.
- Cache: the same articles again into a new output: goal zero requests and >= 500 articles/s.
- Memory: ``summarizer batch`` over a JSONL of ``--memory`` articles (and of a fifth of that) in a
  child process; peak RSS must stay under 250 MB and not grow with the input.
The stub runs in its own process; the articles are generated team-written text.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.stub_process import stub_backend  # noqa: E402
from summarizer import Settings  # noqa: E402
from summarizer.api import summarize_cached  # noqa: E402
from summarizer.batch.run import run_batch  # noqa: E402
from summarizer.cache import cache_key  # noqa: E402
from summarizer.pipeline.inputs import ArticleInput, read_inputs  # noqa: E402


def write_articles(path: Path, count: int) -> Path:
    with path.open("w", encoding="utf-8") as out:
        for i in range(count):
            text = (
                f"Dispatch {i}. Police in the river town said {i % 7 + 1} people were injured on Monday when a "
                f"crowd gathered near the bridge. The mayor called for talks with the protest leaders. "
                f"Officials said the bridge would stay closed until Friday."
            )
            out.write(json.dumps({"id": f"d{i:05d}", "text": text}) + "\n")
    return path


def run(source: Path, output: Path, settings: Settings, concurrency: int, use_cache: bool = True) -> tuple[float, int]:
    def one(item: ArticleInput) -> tuple[object, bool]:
        assert item.text is not None
        return summarize_cached(item.text, settings, use_cache=use_cache)

    def key_of(item: ArticleInput) -> str:
        assert item.text is not None
        return cache_key(item.text, settings)

    started = time.perf_counter()
    stats = run_batch(read_inputs(str(source)), output, key_of=key_of, summarize_one=one,  # type: ignore[arg-type]
                      concurrency=concurrency, console=None)  # fmt: skip
    return time.perf_counter() - started, stats.done


def stub_ceiling(base_url: str, requests: int, concurrency: int) -> float:
    """Seconds for ``requests`` minimal requests from ``concurrency`` bare threads: the stub's own limit."""
    url = urllib.parse.urlsplit(base_url)
    message = {"role": "user", "content": "Dispatch 0."}
    body = json.dumps({"model": "stub", "messages": [message], "response_format": {"type": "json_object"}}).encode()
    numbers, lock = iter(range(requests)), threading.Lock()

    def worker() -> None:
        connection = http.client.HTTPConnection(url.hostname or "127.0.0.1", url.port)
        while True:
            with lock:
                if next(numbers, None) is None:
                    return
            connection.request("POST", f"{url.path}/chat/completions", body, {"Content-Type": "application/json"})
            connection.getresponse().read()

    threads = [threading.Thread(target=worker) for _ in range(concurrency)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return time.perf_counter() - started


def peak_rss_mb(source: Path, output: Path, base_url: str, concurrency: int, cache: Path, strategy: str) -> float:
    """Peak resident memory of one ``summarizer batch`` process over ``source``."""
    command = [sys.executable, "-m", "summarizer.cli", "batch", str(source), "-o", str(output), "--base-url",
               base_url, "--model", "stub", "--mode", "json", "--concurrency", str(concurrency),
               "--no-cache", "--strategy", strategy]  # fmt: skip
    env = {**os.environ, "SUMMARIZER_CACHE_DIR": str(cache), "PYTHONPATH": str(ROOT)}
    child = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(child.pid, 0)  # this child's own peak, not the max over all children
    child.returncode = os.waitstatus_to_exitcode(status)
    if child.returncode != 0:
        raise SystemExit(f"batch failed with exit code {child.returncode}")
    return usage.ru_maxrss / 1024  # KiB on Linux


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--articles", type=int, default=500)
    parser.add_argument("--latency", type=float, default=0.2)
    parser.add_argument("--concurrency", type=int, default=16)
    parser.add_argument("--memory", type=int, default=10_000)
    parser.add_argument("--strategy", default="single", help="single: 1 request per article; cited: 5")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="summarizer-bench-"))
    os.environ["SUMMARIZER_CACHE_DIR"] = str(work / "cache")
    source = write_articles(work / "articles.jsonl", args.articles)

    with stub_backend(args.latency) as stub:
        settings = Settings.resolve(
            base_url=stub.base_url, model="stub", mode="json", strategy=args.strategy, environ={}
        )
        seconds, done = run(source, work / "first.jsonl", settings, args.concurrency)
        requests = stub.requests()
        ideal = requests * args.latency / args.concurrency
        print(f"throughput ({args.strategy}): {done} articles, {requests} requests in {seconds:.2f} s "
              f"({done / seconds:.0f} articles/s); ideal {ideal:.2f} s -> {ideal / seconds:.2f}x of ideal "
              f"(goal >= 0.9)")  # fmt: skip
        if args.latency:
            bare = stub_ceiling(stub.base_url, requests, args.concurrency)
            print(f"stub ceiling: bare http.client threads, the same {requests} requests: {bare:.2f} s -> "
                  f"{ideal / bare:.2f}x of ideal (what the stub and the uneven last round allow)")  # fmt: skip
        before = stub.requests()
        seconds, done = run(source, work / "second.jsonl", settings, args.concurrency)
        extra = stub.requests() - before
        print(f"cache: {done} articles in {seconds:.3f} s = {done / seconds:.0f} articles/s, {extra} requests "
              f"(goal: 0 requests, >= 500 articles/s)")  # fmt: skip

    if args.memory:
        with stub_backend(0.0) as stub:
            rows = []
            for count in (args.memory // 5, args.memory):
                big = write_articles(work / f"big{count}.jsonl", count)
                started = time.perf_counter()
                out = work / f"big{count}.out.jsonl"
                rss = peak_rss_mb(big, out, stub.base_url, args.concurrency, work / "c", args.strategy)
                rows.append((count, rss, time.perf_counter() - started))
        for count, rss, seconds in rows:
            print(f"memory: {count} articles: peak RSS {rss:.0f} MB ({seconds:.0f} s)")
        growth = rows[1][1] / rows[0][1]
        print(f"memory growth {rows[0][0]} -> {rows[1][0]} articles: {growth:.2f}x (goal: ~1.0x, all < 250 MB)")


if __name__ == "__main__":
    main()
