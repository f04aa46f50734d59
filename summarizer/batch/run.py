"""``summarizer batch``: many articles, concurrently, resumable, with nothing lost or paid twice.

Each finished article becomes one whole line of the output JSONL (appended, flushed, fsynced by a
single writer), one line per input id. A rerun of the same command skips the ids already in the
output with the same text (``identity``: the text's hash), so a crash or Ctrl-C costs at most the
articles in flight; a torn last line left by a killed run is cut off and that article redone; an id
whose text changed is summarized again and its new line replaces the old one.

Per-article failures are written as lines with an ``error`` and the batch goes on. A global failure
(credentials, quota, backend unreachable, configuration) stops the batch at once: every other article
would fail the same way.

Output line: ``{"id", "key", "identity", "summary": ArticleSummary}`` or ``{"id", "key", "identity",
"error": {"type", "message"}}``, plus ``"meta": {"cached", "seconds"}``; ``key`` is the cache key.
"""

from __future__ import annotations

import asyncio
import codecs
import contextlib
import fcntl
import hashlib
import json
import os
import queue
import threading
import time
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn, TimeRemainingColumn
from rich.table import Table

from summarizer.batch.jsonl_log import append_record, cut_torn_last_line
from summarizer.errors import GLOBAL_FAILURES, InputError, OutputError, SummarizerError
from summarizer.outputs.review_page import ReviewEntry
from summarizer.pipeline.inputs import ArticleInput
from summarizer.schema import ArticleSummary

# Summarize one article: the summary and whether it came from the cache.
ArticleFn = Callable[[ArticleInput], tuple[ArticleSummary, bool]]


@dataclass
class BatchStats:
    """What a batch run did; ``failed`` counts this run's failures, ``failed_earlier`` those on file."""

    done: int = 0
    cached: int = 0
    failed: int = 0
    skipped: int = 0
    failed_earlier: int = 0
    prompt_tokens: int = 0
    completion_tokens: int = 0
    seconds: float = 0.0
    failures: dict[str, int] = field(default_factory=dict)
    duplicate_ids: list[str] = field(default_factory=list)
    stopped_by: SummarizerError | None = None

    @property
    def any_failed(self) -> bool:
        return bool(self.failed or self.failed_earlier or self.stopped_by)


def input_error_key(item: ArticleInput) -> str:
    return "input-error:" + hashlib.sha256(f"{item.id}\x1f{item.error}".encode()).hexdigest()


def input_identity(item: ArticleInput) -> str:
    """What a line of the output stands for besides its id: the hash of the article's text.

    Resume is keyed by (id, this): two ids with the same text are two lines, and a changed text is
    summarized again, while a rerun after an upgrade (a new cache key) keeps the line it has.
    """
    if item.error:
        return input_error_key(item)
    assert item.text is not None
    return "sha256:" + hashlib.sha256(item.text.encode("utf-8")).hexdigest()


@dataclass
class _Line:
    identity: str | None  # None: a line written before lines carried one; its key stands in
    key: str
    failed: bool


class ResultsFile:
    """The output JSONL: whole lines only, one per input id, appended one article at a time.

    A file that ``summarizer batch`` did not write is refused (``InputError``) and left untouched. One
    run at a time: a second process on the same output is refused (a lock on ``<output>.lock``).

    Example:
        >>> results = ResultsFile(Path("out.jsonl"))  # doctest: +SKIP
        >>> results.append({"id": "a", "key": "k", "identity": "sha256:...", "summary": {...}})  # doctest: +SKIP
    """

    def __init__(self, path: Path, *, retry_failed: bool = False) -> None:
        self.path = path
        self.lines: dict[str, _Line] = {}
        self._replaced: set[str] = set()  # ids whose earlier line a new one replaces: rewritten at close
        self._lock = self._take_lock()
        try:
            if path.is_file():
                self._load(retry_failed)  # first: a file that is not ours must be left as it is
            path.parent.mkdir(parents=True, exist_ok=True)
            cut_torn_last_line(path)  # a run killed mid-write: that article is redone
            self._out = path.open("a", encoding="utf-8")
        except OSError as exc:
            self._lock.close()
            raise OutputError(f"Cannot write to {path}: {exc.strerror}") from exc
        except BaseException:
            self._lock.close()
            raise

    def _take_lock(self) -> IO[bytes]:
        lock_path = self.path.with_name(self.path.name + ".lock")
        try:
            lock = lock_path.open("ab")
        except OSError as exc:
            raise OutputError(f"Cannot write beside {self.path} (its lock file): {exc.strerror}") from exc
        try:
            fcntl.flock(lock.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError as exc:
            lock.close()
            raise OutputError(
                f"Another `summarizer batch` is writing {self.path}: wait for it, or give another output file."
            ) from exc
        return lock

    def _load(self, retry_failed: bool) -> None:
        kept: list[bytes] = []  # the lines a --retry-failed rewrite keeps
        try:
            with self.path.open("rb") as lines:  # line by line: a results file of a large batch is big
                for number, line in enumerate(lines, start=1):
                    torn = not line.endswith(b"\n")  # only a last line can lack it: cut off later
                    try:
                        # A torn line may end inside a character; bytes that no UTF-8 text holds are refused.
                        record = json.loads(codecs.getincrementaldecoder("utf-8")().decode(line, final=not torn))
                    except UnicodeDecodeError as exc:
                        raise self._not_ours(number, "not UTF-8") from exc
                    except json.JSONDecodeError as exc:
                        # Ours are whole JSON lines that begin {"id": a torn one is the start of one.
                        if torn and line.startswith(b'{"id": '):
                            continue
                        raise self._not_ours(number, "not a JSON line of ours") from exc
                    if not (isinstance(record, dict) and isinstance(record.get("key"), str)):
                        raise self._not_ours(number, "no 'key'")
                    if "summary" not in record and "error" not in record:
                        raise self._not_ours(number, "neither 'summary' nor 'error'")
                    failed = "error" in record
                    if torn or (failed and retry_failed):
                        continue
                    identity = record.get("identity")
                    self.lines[str(record.get("id"))] = _Line(identity, record["key"], failed)
                    if retry_failed:
                        kept.append(line)
        except OSError as exc:
            raise OutputError(f"Cannot read {self.path}: {exc.strerror}") from exc
        if retry_failed:
            # Failed lines are removed (atomically) so every input still appears exactly once.
            self._rewrite(kept)

    def _rewrite(self, lines: list[bytes]) -> None:
        """Replace the file's content with ``lines``, atomically, keeping its mode."""
        tmp = self.path.with_suffix(self.path.suffix + ".tmp")
        tmp.write_bytes(b"".join(lines))
        os.chmod(tmp, self.path.stat().st_mode & 0o7777)
        os.replace(tmp, self.path)

    def _not_ours(self, number: int, why: str) -> InputError:
        # Appending to, or cutting, someone else's file (the input feed given as -o, say) would damage it.
        return InputError(
            f"{self.path} is not a results file written by `summarizer batch` (line {number}: {why}); "
            "nothing was written to it: give another output file."
        )

    def has(self, item_id: str, identity: str, key: str) -> bool:
        """Whether the file holds the line of this input: same id, same text (or, for an old line, same key)."""
        line = self.lines.get(item_id)
        return line is not None and (line.identity == identity if line.identity is not None else line.key == key)

    def failed_earlier(self, item_id: str) -> bool:
        line = self.lines.get(item_id)
        return line is not None and line.failed

    def append(self, record: dict[str, Any]) -> None:
        item_id = str(record["id"])
        if item_id in self.lines:
            self._replaced.add(item_id)  # its text changed: the new line replaces the old one at close
        append_record(self._out, record)
        self.lines[item_id] = _Line(record.get("identity"), record["key"], "error" in record)

    def close(self) -> None:
        self._out.close()
        try:
            if self._replaced:
                self._keep_last_line_per_id()
        finally:
            self._lock.close()

    def _keep_last_line_per_id(self) -> None:
        last: dict[str, bytes] = {}
        with self.path.open("rb") as lines:
            for line in lines:
                item_id = str(json.loads(line).get("id"))
                last.pop(item_id, None)  # the order of the last lines, as written
                last[item_id] = line
        self._rewrite(list(last.values()))


def _progress(console: Console | None) -> Progress:
    columns = (
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("[green]{task.fields[done]} done[/] [yellow]{task.fields[cached]} cached[/] "
                   "[red]{task.fields[failed]} failed[/] {task.fields[tokens]:,} tokens"),
        TimeElapsedColumn(),
        TextColumn("eta"),
        TimeRemainingColumn(),
    )  # fmt: skip
    return Progress(*columns, console=console, transient=False)


class _ArticleThreads:
    """Long-lived daemon threads that run the articles handed to them.

    Not a thread per article: ``Thread.start`` waits until the new thread holds the GIL, milliseconds
    on a busy interpreter, during which the event loop hands out nothing. Not a ``ThreadPoolExecutor``:
    its threads are joined at exit, so Ctrl-C would wait for every request in flight.
    """

    def __init__(self, loop: asyncio.AbstractEventLoop, fn: Callable[[Any], Any], count: int) -> None:
        self._loop = loop
        self._fn = fn
        self._jobs: queue.SimpleQueue[tuple[asyncio.Future[Any], Any] | None] = queue.SimpleQueue()
        self._count = count
        for _ in range(count):
            threading.Thread(target=self._serve, daemon=True, name="batch-article").start()

    def submit(self, arg: Any) -> asyncio.Future[Any]:
        future = self._loop.create_future()
        self._jobs.put((future, arg))
        return future

    def _serve(self) -> None:
        while (job := self._jobs.get()) is not None:
            future, arg = job
            result = self._fn(arg)
            with contextlib.suppress(RuntimeError):  # the loop is gone: the batch was interrupted
                self._loop.call_soon_threadsafe(_settle, future, result)

    def close(self) -> None:
        for _ in range(self._count):
            self._jobs.put(None)


def _settle(future: asyncio.Future[Any], result: Any) -> None:
    if not future.done():
        future.set_result(result)


async def _run(
    items: Iterable[ArticleInput],
    results: ResultsFile,
    key_of: Callable[[ArticleInput], str],
    summarize_one: ArticleFn,
    concurrency: int,
    stats: BatchStats,
    progress: Progress,
    task: Any,
) -> None:
    loop = asyncio.get_running_loop()
    # One writer thread: lines stay whole and fsynced one by one, and the event loop never waits on
    # the disk, so it hands out the next article as soon as one finishes.
    writer = ThreadPoolExecutor(max_workers=1, thread_name_prefix="batch-writer")

    def work(item: ArticleInput) -> tuple[ArticleSummary | BaseException, bool, float]:
        started = time.monotonic()
        try:
            summary, cached = summarize_one(item)
            return summary, cached, time.monotonic() - started
        except Exception as exc:  # recorded per article below; a bug must not end the other articles
            return exc, False, time.monotonic() - started

    def record(
        item: ArticleInput, key: str, outcome: ArticleSummary | BaseException, cached: bool, took: float
    ) -> None:
        line: dict[str, Any] = {"id": item.id, "key": key, "identity": input_identity(item)}
        if isinstance(outcome, ArticleSummary):
            line["summary"] = outcome.model_dump(mode="json")
            stats.done += 1
            stats.cached += cached
            if not cached:
                stats.prompt_tokens += outcome.meta.usage.prompt_tokens
                stats.completion_tokens += outcome.meta.usage.completion_tokens
        else:
            kind = type(outcome).__name__
            line["error"] = {"type": kind, "message": str(outcome)[:2000]}
            stats.failed += 1
            stats.failures[kind] = stats.failures.get(kind, 0) + 1
        line["meta"] = {"cached": cached, "seconds": round(took, 3)}
        loop.run_in_executor(writer, results.append, line).add_done_callback(write_failed)
        progress.update(task, advance=1, done=stats.done, cached=stats.cached, failed=stats.failed,
                        tokens=stats.prompt_tokens + stats.completion_tokens)  # fmt: skip

    in_flight: dict[asyncio.Future[Any], tuple[ArticleInput, str]] = {}
    seen: set[str] = set()
    threads = _ArticleThreads(loop, work, concurrency)
    write_errors: list[BaseException] = []

    def write_failed(future: asyncio.Future[None]) -> None:
        if not future.cancelled() and future.exception() is not None:
            write_errors.append(future.exception())  # type: ignore[arg-type]

    async def settle() -> None:
        finished, _ = await asyncio.wait(in_flight, return_when=asyncio.FIRST_COMPLETED)
        for future in finished:
            item, key = in_flight.pop(future)
            outcome, cached, took = future.result()
            if isinstance(outcome, GLOBAL_FAILURES):
                stats.stopped_by = stats.stopped_by or outcome
            else:
                record(item, key, outcome, cached, took)

    try:
        for item in items:
            if stats.stopped_by:
                break
            if item.id in seen:
                # The same id twice: one line per id, so the second is not summarized (nor paid for).
                stats.duplicate_ids.append(item.id)
                progress.update(task, advance=1)
                continue
            seen.add(item.id)
            key = input_error_key(item) if item.error else key_of(item)
            identity = input_identity(item)
            if results.has(item.id, identity, key):
                stats.skipped += 1
                stats.failed_earlier += results.failed_earlier(item.id)
                progress.update(task, advance=1)
                continue
            if item.error:
                record(item, key, InputError(item.error), False, 0.0)
                continue
            while len(in_flight) >= concurrency:
                await settle()
            if stats.stopped_by:
                break
            in_flight[threads.submit(item)] = (item, key)
        while in_flight and not stats.stopped_by:
            await settle()
    finally:
        # On a global failure or Ctrl-C, articles in flight are not written (a rerun does them) and
        # not waited for: their threads are daemons, so the process exits at once.
        threads.close()
        writer.shutdown(wait=True)  # finished articles are always written
    if write_errors:
        raise OutputError(f"Cannot write to {results.path}: {write_errors[0]}") from write_errors[0]


def run_batch(
    items: Iterable[ArticleInput],
    output: Path,
    *,
    key_of: Callable[[ArticleInput], str],
    summarize_one: ArticleFn,
    concurrency: int = 4,
    total: int | None = None,
    retry_failed: bool = False,
    console: Console | None = None,
) -> BatchStats:
    """Summarize every item into ``output``, resuming from what it already holds."""
    stats = BatchStats()
    started = time.monotonic()
    results = ResultsFile(output, retry_failed=retry_failed)
    try:
        with _progress(console) as progress:
            task = progress.add_task("summarizing", total=total, done=0, cached=0, failed=0, tokens=0)
            asyncio.run(_run(items, results, key_of, summarize_one, concurrency, stats, progress, task))
    finally:
        results.close()
        stats.seconds = time.monotonic() - started
    return stats


def summary_table(stats: BatchStats, cost: float | None) -> Table:
    table = Table(title="batch")
    table.add_column("")
    table.add_column("", justify="right")
    rows = [
        ("summarized", stats.done - stats.cached),
        ("from cache", stats.cached),
        ("already in output (skipped)", stats.skipped),
        ("failed", stats.failed),
        ("failed in an earlier run", stats.failed_earlier),
        ("ids given twice (not summarized again)", len(stats.duplicate_ids)),
        ("prompt tokens", f"{stats.prompt_tokens:,}"),
        ("completion tokens", f"{stats.completion_tokens:,}"),
        ("cost (USD)", "unknown" if cost is None else f"{cost:.4f}"),
        ("seconds", f"{stats.seconds:.1f}"),
    ]
    rows += [(f"  {kind}", count) for kind, count in sorted(stats.failures.items())]
    for label, value in rows:
        table.add_row(label, str(value))
    return table


def review_entries(items: Iterable[ArticleInput], output: Path) -> list[ReviewEntry]:
    """Each input with its line in ``output`` (summary or error), for the review pages."""
    lines: dict[str, dict[str, Any]] = {}
    with output.open(encoding="utf-8") as results:
        for line in results:
            try:
                record = json.loads(line)
            except json.JSONDecodeError:
                continue
            lines[str(record.get("id"))] = record
    entries = []
    for item in items:
        record = lines.get(item.id, {})
        summary = ArticleSummary.model_validate(record["summary"]) if "summary" in record else None
        error = record.get("error", {}).get("message") if "error" in record else item.error
        entries.append(ReviewEntry(id=item.id, text=item.text or "", summary=summary, error=error))
    return entries
