"""One path to every backend: the openai client over HTTP, wrapped by instructor.

Transport failures are retried by ``transport.TransportRetry`` around each HTTP call; instructor
re-asks only when the answer fails validation (``Settings.max_reasks``, 1 by default) and never sees
transport errors. Every completion's token usage is counted, re-asks included, against the
article's budget.
"""

from __future__ import annotations

import contextlib
import functools
import importlib
from pathlib import Path
from typing import Any, TypeVar

import httpx
import instructor
import openai

# openai imports its API resources on the first request (0.4 s here), instructor its openai handlers
# (0.08 s): a batch's first wave of articles would all wait on those imports. Paid at import time instead.
import openai.resources.chat
from instructor.core.exceptions import InstructorRetryException
from pydantic import BaseModel

from summarizer.config import Settings
from summarizer.errors import (
    BackendUnreachable,
    ConfigurationError,
    ExtractionError,
    LocalModelError,
    ProviderError,
    SummarizerError,
    TokenBudgetExceeded,
)
from summarizer.llm.local_server import stopped_server_at
from summarizer.llm.schema_placement import SCHEMA_IN_PROMPT, schema_after_the_article
from summarizer.llm.transport import DeadlineTransport, TransportRetry
from summarizer.pipeline.cut_answers import answer_text, before_the_cut
from summarizer.schema import Usage

with contextlib.suppress(ImportError):  # an internal module: only a head start, never required
    importlib.import_module("instructor.v2.providers.openai")

M = TypeVar("M", bound=BaseModel)


@functools.lru_cache(maxsize=64)
def _response_schema(model: type[M]) -> type[M]:
    # instructor wraps a plain model in a new class on every call, and pydantic builds that class's
    # validator anew: a third of a call's CPU against a fast backend. A wrapped model is used as is.
    return instructor.openai_schema(model)


INSTRUCTOR_MODES = {
    "tools": instructor.Mode.TOOLS,
    "json": instructor.Mode.JSON,
    "json_schema": instructor.Mode.JSON_SCHEMA,
    "md_json": instructor.Mode.MD_JSON,
}


class _Truncated(Exception):
    """The answer hit max_tokens: its complete items are kept, or it is retried with a larger budget."""

    def __init__(self, answer: str) -> None:
        super().__init__(answer[-200:])
        self.answer = answer


class LLMClient:
    """Structured calls to one backend, with transport retries, re-asks and token accounting.

    Example:
        >>> client = LLMClient(Settings.resolve(api_key="sk-x"), base_url=None)  # doctest: +SKIP
        >>> client.extract(messages, Overview, usage=Usage())  # doctest: +SKIP
    """

    def __init__(self, settings: Settings, *, base_url: str | None, http_client: httpx.Client | None = None) -> None:
        self.settings = settings
        self.base_url = base_url
        if http_client is None:  # every phase of every call ends by its deadline (transport.DeadlineTransport)
            limits = httpx.Limits(max_connections=1000, max_keepalive_connections=100)  # openai's own
            http_client = openai.DefaultHttpxClient(transport=DeadlineTransport(httpx.HTTPTransport(limits=limits)))
        self._openai = openai.OpenAI(
            base_url=base_url,
            # Local and self-hosted servers need no key, but the client insists on one.
            api_key=settings.api_key or "no-key",
            max_retries=0,
            timeout=httpx.Timeout(settings.read_timeout, connect=settings.connect_timeout),
            http_client=http_client,
        )
        self._retry = TransportRetry(
            max_attempts=settings.max_attempts,
            max_seconds=settings.max_retry_seconds,
            deadline_s=settings.call_deadline,
        )
        self._mode = INSTRUCTOR_MODES[settings.mode]

    def extract(
        self,
        messages: list[dict[str, str]],
        response_model: type[M],
        *,
        usage: Usage,
        max_tokens: int | None = None,
    ) -> M:
        """Ask for ``response_model``.

        An answer cut at ``max_tokens`` keeps the list items it completed (``cut_answers``); one that
        completed none is asked again once with twice the output budget.
        """
        budget = max_tokens or self.settings.max_output_tokens
        for tokens in (budget, budget * 2):
            try:
                return self._extract_once(messages, response_model, usage=usage, max_tokens=tokens)
            except _Truncated as cut:
                if (kept := before_the_cut(cut.answer, response_model, tokens)) is not None:
                    return kept
                last_cut = cut
        message = (
            f"The model's {response_model.__name__} answer did not fit in {budget * 2} tokens, even on a second try."
        )
        raise ExtractionError(message) from last_cut

    def _extract_once(
        self, messages: list[dict[str, str]], response_model: type[M], *, usage: Usage, max_tokens: int
    ) -> M:
        limit = usage._budget or self.settings.max_tokens_per_article

        model = _response_schema(response_model)

        def create(**kwargs: Any) -> Any:
            if self._mode in SCHEMA_IN_PROMPT:
                kwargs = {**kwargs, "messages": schema_after_the_article(kwargs["messages"], messages, model)}
            if usage.total_tokens >= limit:
                raise TokenBudgetExceeded(f"The article used its budget of {limit} tokens; stopping here.")
            try:
                completion = self._retry(lambda: self._openai.chat.completions.create(**kwargs))
            except BackendUnreachable as exc:
                if self.settings.backend == "local" and (why := stopped_server_at(self.base_url)):
                    raise LocalModelError(why) from exc
                raise
            usage.requests += 1
            if not isinstance(getattr(completion, "choices", None), list) or not completion.choices:
                # An HTML login page or any JSON but a completion, sent with status 200 (by a proxy, say).
                shown = " ".join(str(completion)[:120].split())
                raise ProviderError(f"The backend's answer is not a chat completion: {shown!r}")
            if completion.usage is not None:
                usage.prompt_tokens += completion.usage.prompt_tokens
                usage.completion_tokens += completion.usage.completion_tokens
            # llama.cpp reports a grammar-constrained tool call cut at max_tokens as "tool_calls".
            if completion.choices and (
                completion.choices[0].finish_reason == "length"
                or (completion.usage is not None and completion.usage.completion_tokens >= kwargs["max_tokens"])
            ):
                raise _Truncated(answer_text(completion))
            return completion

        patched = instructor.patch(create=create, mode=self._mode)
        try:
            result: M = patched(
                response_model=model,
                messages=messages,
                model=self.settings.model,
                max_retries=self.settings.max_reasks,
                temperature=0,
                max_tokens=max_tokens,
            )
            return result
        except InstructorRetryException as exc:
            cause = exc.__cause__
            if isinstance(cause, SummarizerError | _Truncated):
                raise cause from cause.__cause__
            raise ExtractionError(
                f"The model's answer for {response_model.__name__} did not validate after "
                f"{exc.n_attempts} attempt(s): {_last_failure(exc)}"
            ) from exc


def _last_failure(exc: InstructorRetryException) -> str:
    """Why the last attempt failed, on one line: instructor's own message starts "<failed_attempts>"."""
    failures = getattr(exc, "failed_attempts", None) or []
    reason = str(failures[-1].exception) if failures else str(exc)
    return " ".join(line.strip() for line in reason.splitlines() if "errors.pydantic.dev" not in line)[:300]


def backend_url(settings: Settings, cache_dir: Path) -> str | None:
    """The base URL to call: the configured one, or the embedded local server (started on demand)."""
    if settings.backend != "local":
        return settings.base_url
    from summarizer.llm.local_model import bundled_model, ensure_gguf
    from summarizer.llm.local_server import require_local_extra, shared_server

    require_local_extra()  # before assembling a GGUF that could not be served
    if settings.model_path:
        gguf = Path(settings.model_path).expanduser()
        if not gguf.is_file():
            raise ConfigurationError(f"No GGUF file at {gguf} (from --model-path or SUMMARIZER_GGUF).")
    else:
        gguf = ensure_gguf(bundled_model(settings.local_model), cache_dir)
    server = shared_server(
        gguf, settings.model, log_path=cache_dir / "local-server.log", context_size=settings.context_size
    )
    return server.base_url
