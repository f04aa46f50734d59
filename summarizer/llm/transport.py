"""Transport retries: the one retry loop around each HTTP call to the backend.

The openai client runs with ``max_retries=0`` and instructor re-asks only on validation errors,
so this is the only place a request is repeated for transport reasons and loops never multiply.
Retried: 408, 409, 429 (except ``insufficient_quota``), 5xx, timeouts and connection errors,
with exponential backoff and jitter, honouring ``Retry-After``, bounded in attempts and seconds.

Each call also has a deadline (``Settings.timeout``): its attempts, their waits and the reading of
every answer end by then. A read timeout alone is per read: a backend that trickles a byte every few
seconds, or hangs, held a summary (and a service slot) for good (``DeadlineTransport``).
"""

from __future__ import annotations

import contextlib
import email.utils
import threading
import time
from collections.abc import Callable, Iterator
from contextvars import ContextVar
from typing import TypeVar

import httpx
import openai
from tenacity import (
    RetryCallState,
    Retrying,
    retry_if_exception,
    stop_after_attempt,
    stop_before_delay,
    wait_random_exponential,
)

from summarizer.errors import BackendUnreachable, ProviderAuthError, ProviderError, ProviderUnavailable

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


# When the call under way in this thread must be over (time.monotonic()), or None: no deadline.
_deadline: ContextVar[float | None] = ContextVar("summarizer_deadline", default=None)


@contextlib.contextmanager
def deadline(seconds: float) -> Iterator[None]:
    """Every model call made in this block, in this thread, ends within ``seconds`` from now.

    The service wraps one summary in it: its slot is free again when the summary's time is up.

    Example:
        >>> with deadline(30):
        ...     pass
    """
    until = time.monotonic() + seconds
    outer = _deadline.get()
    token = _deadline.set(until if outer is None else min(outer, until))
    try:
        yield
    finally:
        _deadline.reset(token)


class _DeadlineStream(httpx.SyncByteStream):
    """An answer's body that stops being read at the deadline, however slowly its bytes come."""

    def __init__(self, stream: httpx.SyncByteStream, deadline: float, request: httpx.Request) -> None:
        self._stream = stream
        self._deadline = deadline
        self._request = request

    def __iter__(self) -> Iterator[bytes]:
        for chunk in self._stream:
            if time.monotonic() > self._deadline:
                raise httpx.ReadTimeout("the call's deadline passed while the answer was read", request=self._request)
            yield chunk

    def close(self) -> None:
        self._stream.close()


class DeadlineTransport(httpx.BaseTransport):
    """An HTTP transport whose every phase (connect, send, each read, the whole body) ends by the deadline.

    Example:
        >>> client = httpx.Client(transport=DeadlineTransport(httpx.HTTPTransport()))
    """

    def __init__(self, inner: httpx.BaseTransport) -> None:
        self._inner = inner

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        deadline = _deadline.get()
        if deadline is None:
            return self._inner.handle_request(request)
        left = deadline - time.monotonic()
        if left <= 0:
            raise httpx.ReadTimeout("the call's deadline passed", request=request)
        timeouts = request.extensions.get("timeout", {})
        request.extensions["timeout"] = {
            phase: left if timeouts.get(phase) is None else min(timeouts[phase], left)
            for phase in ("connect", "read", "write", "pool")
        }
        response = self._inner.handle_request(request)
        assert isinstance(response.stream, httpx.SyncByteStream)
        response.stream = _DeadlineStream(response.stream, deadline, request)
        return response

    def close(self) -> None:
        self._inner.close()


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
        deadline_s: float | None = None,
    ) -> None:
        self.gate = gate or SharedBackoff(sleep=sleep)
        self.max_attempts = max_attempts
        self.max_seconds = max_seconds
        self.deadline_s = deadline_s
        self._wait = _WaitRetryAfterOrBackoff(backoff or wait_random_exponential(multiplier=0.5, max=20))
        self._sleep = sleep

    def __call__(self, fn: Callable[[], T]) -> T:
        left = None if (outer_until := _deadline.get()) is None else max(outer_until - time.monotonic(), 0.0)
        limit = min(x for x in (self.max_seconds, self.deadline_s, left) if x is not None)
        retrying = Retrying(
            stop=stop_after_attempt(self.max_attempts) | stop_before_delay(limit),
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

        outer = _deadline.get()
        own = None if self.deadline_s is None else time.monotonic() + self.deadline_s
        until = min((d for d in (outer, own) if d is not None), default=None)
        token = _deadline.set(until)
        try:
            return retrying(attempt)
        except openai.OpenAIError as exc:
            if until is not None and isinstance(exc, openai.APITimeoutError) and time.monotonic() >= until - 1:
                seconds = (
                    f" within {self.deadline_s:g} s (--timeout, SUMMARIZER_TIMEOUT)" if until == own else " in time"
                )
                raise ProviderUnavailable(f"The backend did not finish answering{seconds}; try later.") from exc
            raise translate(exc) from exc
        finally:
            _deadline.reset(token)
