"""Transport retries: the one retry loop around each HTTP call to the backend.

The openai client runs with ``max_retries=0`` and instructor re-asks only on validation errors,
so this is the only place a request is repeated for transport reasons and loops never multiply.
Retried: 408, 409, 429 (except ``insufficient_quota``), 5xx, timeouts and connection errors,
with exponential backoff and jitter, honouring ``Retry-After``, bounded in attempts and seconds.
"""

from __future__ import annotations

import email.utils
import threading
import time
from collections.abc import Callable
from typing import TypeVar

import openai
from tenacity import (
    RetryCallState,
    Retrying,
    retry_if_exception,
    stop_after_attempt,
    stop_after_delay,
    wait_random_exponential,
)

from .errors import BackendUnreachable, ProviderAuthError, ProviderError, ProviderUnavailable

T = TypeVar("T")

RETRYABLE_STATUS = frozenset({408, 409, 429})
MAX_RETRY_AFTER_S = 60.0


def _error_code(exc: openai.APIStatusError) -> str | None:
    body = exc.body
    if isinstance(body, dict):
        inner = body.get("error", body)
        if isinstance(inner, dict):
            code = inner.get("code") or inner.get("type")
            return str(code) if code else None
    return None


def is_retryable(exc: BaseException) -> bool:
    """Whether repeating the same request can succeed."""
    if isinstance(exc, openai.APIConnectionError):  # includes APITimeoutError
        return True
    if isinstance(exc, openai.APIStatusError):
        if exc.status_code == 429 and _error_code(exc) == "insufficient_quota":
            return False
        return exc.status_code in RETRYABLE_STATUS or exc.status_code >= 500
    return False


def retry_after_seconds(exc: BaseException | None) -> float | None:
    """The server's ``Retry-After`` (seconds or HTTP date) or ``retry-after-ms``, if any."""
    if not isinstance(exc, openai.APIStatusError):
        return None
    headers = exc.response.headers
    if (ms := headers.get("retry-after-ms")) is not None:
        try:
            return max(float(ms) / 1000.0, 0.0)
        except ValueError:
            pass
    value = headers.get("retry-after")
    if value is None:
        return None
    try:
        return max(float(value), 0.0)
    except ValueError:
        parsed = email.utils.parsedate_to_datetime(value) if value else None
        if parsed is None:
            return None
        return max(parsed.timestamp() - time.time(), 0.0)


class _WaitRetryAfterOrBackoff:
    def __init__(self, backoff: Callable[[RetryCallState], float]) -> None:
        self._backoff = backoff

    def __call__(self, state: RetryCallState) -> float:
        exc = state.outcome.exception() if state.outcome else None
        if retry_after_seconds(exc) is not None:
            return 0.0  # the shared gate waits out Retry-After before the next attempt (of every worker)
        return self._backoff(state)


def translate(exc: BaseException) -> ProviderError:
    """Turn an openai exception into the package's error, with a message saying what to do."""
    if isinstance(exc, openai.AuthenticationError | openai.PermissionDeniedError):
        return ProviderAuthError(f"The backend refused the credentials ({exc.status_code}): check OPENAI_API_KEY.")
    if isinstance(exc, openai.APIStatusError):
        if exc.status_code == 429 and _error_code(exc) == "insufficient_quota":
            return ProviderAuthError("The backend says the account has no quota left (429 insufficient_quota).")
        if is_retryable(exc):
            return ProviderUnavailable(f"The backend kept failing with HTTP {exc.status_code}: {exc.message}")
        return ProviderError(f"The backend rejected the request (HTTP {exc.status_code}): {exc.message}")
    if isinstance(exc, openai.APITimeoutError):
        return ProviderUnavailable(
            "The backend did not answer in time (read timeout); raise the timeout or retry later."
        )
    if isinstance(exc, openai.APIConnectionError):
        return BackendUnreachable(f"Cannot reach the backend: {exc}")
    return ProviderError(f"Unexpected backend failure: {exc!r}")


class SharedBackoff:
    """A pause every caller of one backend honours: a 429 with ``Retry-After`` slows all workers.

    Example:
        >>> gate = SharedBackoff()
        >>> gate.pause(0.0); gate.wait()
    """

    def __init__(self, clock: Callable[[], float] = time.monotonic, sleep: Callable[[float], None] = time.sleep):
        self._until = 0.0
        self._lock = threading.Lock()
        self._clock = clock
        self._sleep = sleep

    def pause(self, seconds: float) -> None:
        with self._lock:
            self._until = max(self._until, self._clock() + min(seconds, MAX_RETRY_AFTER_S))

    def remaining(self) -> float:
        with self._lock:
            return max(self._until - self._clock(), 0.0)

    def wait(self) -> None:
        if (left := self.remaining()) > 0:
            self._sleep(left)


class TransportRetry:
    """Calls a function, repeating it on transient transport failures only.

    Example:
        >>> retry = TransportRetry(max_attempts=3, max_seconds=30)
        >>> retry(lambda: 42)
        42
    """

    def __init__(
        self,
        *,
        max_attempts: int = 4,
        max_seconds: float = 120.0,
        backoff: Callable[[RetryCallState], float] | None = None,
        sleep: Callable[[float], None] = time.sleep,
        gate: SharedBackoff | None = None,
    ) -> None:
        self.gate = gate or SharedBackoff(sleep=sleep)
        self.max_attempts = max_attempts
        self.max_seconds = max_seconds
        self._wait = _WaitRetryAfterOrBackoff(backoff or wait_random_exponential(multiplier=0.5, max=20))
        self._sleep = sleep

    def __call__(self, fn: Callable[[], T]) -> T:
        retrying = Retrying(
            stop=stop_after_attempt(self.max_attempts) | stop_after_delay(self.max_seconds),
            wait=self._wait,
            retry=retry_if_exception(is_retryable),
            sleep=self._sleep,
            reraise=True,
        )

        def attempt() -> T:
            self.gate.wait()
            try:
                return fn()
            except openai.APIStatusError as exc:
                hinted = retry_after_seconds(exc) if is_retryable(exc) else None
                if hinted:
                    self.gate.pause(hinted)
                raise

        try:
            return retrying(attempt)
        except openai.OpenAIError as exc:
            raise translate(exc) from exc
