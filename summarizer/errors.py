"""Every error summarizer raises, in one tree.

    SummarizerError
    ├── ConfigurationError      settings that cannot work (bad mode, no backend, missing local extra)
    ├── InputError              the article itself is unusable (empty, undecodable, missing file)
    ├── ProviderError           the LLM backend failed (after transport retries)
    │   ├── ProviderAuthError       401/403, or 429 insufficient_quota: retrying cannot help
    │   └── ProviderUnavailable     timeouts, 5xx after the retry budget
    │       └── BackendUnreachable      no connection at all (wrong URL, server down)
    ├── ExtractionError         the model's answers never validated (after the re-ask)
    │   └── TokenBudgetExceeded     the per-article token budget ran out
    ├── LocalModelError         the bundled GGUF or the local llama.cpp server could not be prepared
    └── OutputError             a result could not be written (disk full, no permission)

Library code raises these with ``raise ... from cause``; only the CLI turns them into messages
and exit codes.
"""

from __future__ import annotations

__all__ = [
    "GLOBAL_FAILURES",
    "BackendUnreachable",
    "ConfigurationError",
    "ExtractionError",
    "InputError",
    "LocalModelError",
    "OutputError",
    "ProviderAuthError",
    "ProviderError",
    "ProviderUnavailable",
    "SummarizerError",
    "TokenBudgetExceeded",
]


class SummarizerError(Exception):
    """Root of every error this package raises on purpose."""

    exit_code = 1


class ConfigurationError(SummarizerError):
    """The settings cannot work; the message says what to change."""

    exit_code = 3


class InputError(SummarizerError):
    """The article cannot be summarized as given (empty, undecodable, missing)."""

    exit_code = 2


class ProviderError(SummarizerError):
    """The LLM backend answered with an error or not at all."""

    exit_code = 4


class ProviderAuthError(ProviderError):
    """Credentials or quota problem: retrying will not help."""


class ProviderUnavailable(ProviderError):
    """The backend could not be reached or kept failing within the retry budget."""


class BackendUnreachable(ProviderUnavailable):
    """No connection to the backend could be made, even after retries."""


# A batch stops at once on these: every other article would fail the same way.
GLOBAL_FAILURES: tuple[type[SummarizerError], ...] = (ConfigurationError, ProviderAuthError, BackendUnreachable)


class ExtractionError(SummarizerError):
    """The model's output did not validate, even after the re-ask."""

    exit_code = 5


class TokenBudgetExceeded(ExtractionError):
    """The article used more tokens (prompt + completion, re-asks included) than its budget."""


class LocalModelError(SummarizerError):
    """The bundled model or the local llama.cpp server could not be prepared, or the server died."""

    exit_code = 3


# A local server that cannot start or has died fails every article alike.
GLOBAL_FAILURES += (LocalModelError,)


class OutputError(SummarizerError):
    """A result could not be written where it was asked to go."""

    exit_code = 2
