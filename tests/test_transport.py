import httpx
import openai
import pytest

from summarizer import ProviderAuthError, ProviderError, ProviderUnavailable, Settings
from summarizer.llm.client import LLMClient
from summarizer.llm.transport import SharedBackoff, TransportRetry, is_retryable, retry_after_seconds
from summarizer.pipeline.drafts import Overview
from summarizer.schema import Usage

from .stub_backend import completion


def _status_error(status: int, body: dict | None = None, headers: dict | None = None) -> openai.APIStatusError:
    request = httpx.Request("POST", "http://x/v1/chat/completions")
    response = httpx.Response(status, json=body or {}, headers=headers or {}, request=request)
    client = openai.OpenAI(api_key="k", base_url="http://x/v1")
    return client._make_status_error_from_response(response)


@pytest.mark.parametrize("status", [408, 409, 429, 500, 502, 503, 504])
def test_transient_statuses_are_retried(status: int) -> None:
    assert is_retryable(_status_error(status))


@pytest.mark.parametrize("status", [400, 401, 403, 404, 422])
def test_client_errors_are_not_retried(status: int) -> None:
    assert not is_retryable(_status_error(status))


def test_insufficient_quota_is_not_retried() -> None:
    error = _status_error(429, {"error": {"code": "insufficient_quota", "message": "no money"}})
    assert not is_retryable(error)


def test_timeouts_and_connection_errors_are_retried() -> None:
    request = httpx.Request("POST", "http://x")
    assert is_retryable(openai.APITimeoutError(request=request))
    assert is_retryable(openai.APIConnectionError(request=request))


def test_retry_after_is_read_in_seconds_or_ms() -> None:
    assert retry_after_seconds(_status_error(429, headers={"retry-after": "7"})) == 7.0
    assert retry_after_seconds(_status_error(429, headers={"retry-after-ms": "250"})) == 0.25
    assert retry_after_seconds(_status_error(429)) is None


def _counting(error: Exception):
    calls = []

    def fn():
        calls.append(1)
        raise error

    return fn, calls


def test_attempts_are_bounded_and_translated() -> None:
    waits: list[float] = []
    retry = TransportRetry(max_attempts=3, max_seconds=60, sleep=waits.append)
    fn, calls = _counting(_status_error(503, headers={"retry-after": "2"}))
    with pytest.raises(ProviderUnavailable):
        retry(fn)
    assert len(calls) == 3
    assert waits == pytest.approx([0.0, 2.0, 0.0, 2.0], abs=0.05)  # Retry-After honoured (by the gate)


def test_retry_after_slows_every_worker_sharing_the_backend() -> None:
    waits: list[float] = []
    gate = SharedBackoff(sleep=waits.append)  # one per backend, shared by every worker's retry loop
    worker = TransportRetry(max_attempts=1, sleep=lambda s: None, gate=gate)
    other = TransportRetry(max_attempts=1, sleep=lambda s: None, gate=gate)
    fn, _ = _counting(_status_error(429, headers={"retry-after": "5"}))
    with pytest.raises(ProviderUnavailable):
        worker(fn)
    assert other(lambda: 42) == 42
    assert waits == [pytest.approx(5.0, abs=0.5)]  # the other worker waited out the pause before its call


def test_auth_errors_fail_at_once() -> None:
    retry = TransportRetry(max_attempts=5, sleep=lambda s: None)
    fn, calls = _counting(_status_error(401))
    with pytest.raises(ProviderAuthError):
        retry(fn)
    assert len(calls) == 1


def test_bad_request_is_a_provider_error_without_retry() -> None:
    retry = TransportRetry(max_attempts=5, sleep=lambda s: None)
    fn, calls = _counting(_status_error(400, {"error": {"message": "bad"}}))
    with pytest.raises(ProviderError):
        retry(fn)
    assert len(calls) == 1


def _client(handler, **overrides) -> LLMClient:
    settings = Settings.resolve(base_url="http://stub/v1", model="m", mode="json", environ={}, **overrides)
    transport = httpx.MockTransport(handler)
    client = LLMClient(settings, base_url="http://stub/v1", http_client=httpx.Client(transport=transport))
    client._retry._sleep = lambda s: None
    return client


def test_transport_retries_never_multiply_with_reasks() -> None:
    """500 forever: exactly max_attempts HTTP calls, whatever max_reasks is."""
    seen = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(500, json={"error": {"message": "boom"}})

    client = _client(handler, max_attempts=3, max_reasks=2)
    with pytest.raises(ProviderUnavailable):
        client.extract([{"role": "user", "content": "x"}], Overview, usage=Usage())
    assert len(seen) == 3


def test_500_then_200_succeeds_and_counts_one_request() -> None:
    answers = iter([httpx.Response(500, json={}), httpx.Response(200, json=completion())])
    client = _client(lambda request: next(answers))
    usage = Usage()
    result = client.extract([{"role": "user", "content": "x"}], Overview, usage=usage)
    assert result.headline == "stub headline"
    assert (usage.requests, usage.prompt_tokens, usage.completion_tokens) == (1, 10, 5)


def test_openai_client_itself_never_retries() -> None:
    client = _client(lambda request: httpx.Response(200, json=completion()))
    assert client._openai.max_retries == 0


def test_token_budget_ends_the_article_instead_of_looping() -> None:
    from summarizer import TokenBudgetExceeded

    client = _client(lambda request: httpx.Response(200, json=completion()), max_tokens_per_article=20)
    usage = Usage()
    client.extract([{"role": "user", "content": "x"}], Overview, usage=usage)  # 15 tokens used
    client.extract([{"role": "user", "content": "x"}], Overview, usage=usage)  # 30: over budget now
    with pytest.raises(TokenBudgetExceeded, match="budget of 20 tokens"):
        client.extract([{"role": "user", "content": "x"}], Overview, usage=usage)
    assert usage.requests == 2
